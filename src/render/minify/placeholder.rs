//! The placeholders standing for Tera tags while the minifier works, and putting the tags
//! back: each exactly once and in their order, or refused.

/// Brackets of a placeholder for a Tera tag: private-use characters, which no template holds
/// (checked) and which the minifier treats as ordinary text.
pub(super) const OPEN: char = '\u{E000}';
pub(super) const CLOSE: char = '\u{E001}';

/// The numbers of the placeholders in `text`.
pub(super) fn numbers(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices(OPEN)
        .filter_map(|(i, _)| placeholder(&text[i..]).map(|(n, _)| n))
}

/// The placeholder at the start of `text`: its number and length.
pub(super) fn placeholder(text: &str) -> Option<(usize, usize)> {
    let inner = text.strip_prefix(OPEN)?;
    let end = inner.find(CLOSE)?;
    Some((
        inner[..end].parse().ok()?,
        OPEN.len_utf8() + end + CLOSE.len_utf8(),
    ))
}

/// `text` with its placeholders replaced by their Tera tags, in whatever order they come.
pub(super) fn restore_tera_any(text: &str, tera: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find(OPEN) {
        out.push_str(&rest[..p]);
        let (n, len) = placeholder(&rest[p..])?;
        out.push_str(tera.get(n)?);
        rest = &rest[p + len..];
    }
    out.push_str(rest);
    Some(out)
}

/// Puts back the Tera tags, each exactly once and in their order.
pub(super) fn restore_tera(text: &str, tera: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(text.len() + tera.iter().map(|t| t.len()).sum::<usize>());
    let mut rest = text;
    let mut next = 0;
    while let Some(p) = rest.find(OPEN) {
        out.push_str(&rest[..p]);
        let after = &rest[p + OPEN.len_utf8()..];
        let end = after.find(CLOSE)?;
        let n: usize = after[..end].parse().ok()?;
        if n != next {
            return None;
        }
        out.push_str(tera.get(n)?);
        next += 1;
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    (next == tera.len() && !out.contains(CLOSE)).then_some(out)
}
