//! Reading a template's Tera tags: the text split into HTML and Tera pieces, and the words
//! of a tag, without evaluating anything.

/// A template's text split into HTML and Tera tags (`{{ }}`, `{% %}`, `{# #}`, and a whole
/// `{% raw %}…{% endraw %}` block as one piece).
pub(super) enum Piece<'a> {
    Html(&'a str),
    Tera(&'a str),
}

/// Splits `source` into pieces; `None` when a Tera tag is not closed.
pub(super) fn lex(source: &str) -> Option<Vec<Piece<'_>>> {
    let bytes = source.as_bytes();
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        let opens = bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#');
        if !opens {
            i += 1;
            continue;
        }
        let end = if bytes[i + 1] == b'#' {
            source[i + 2..].find("#}").map(|e| i + 2 + e + 2)?
        } else {
            let close = if bytes[i + 1] == b'{' { b'}' } else { b'%' };
            let end = tag_end(bytes, i + 2, close)?;
            if is_raw(&source[i..end]) {
                raw_end(source, end)?
            } else {
                end
            }
        };
        if text_start < i {
            pieces.push(Piece::Html(&source[text_start..i]));
        }
        pieces.push(Piece::Tera(&source[i..end]));
        text_start = end;
        i = end;
    }
    if text_start < source.len() {
        pieces.push(Piece::Html(&source[text_start..]));
    }
    Some(pieces)
}

/// The end (exclusive) of a `{{ … }}` or `{% … %}` tag whose inside starts at `from`: the first
/// `close` + `}` outside a string literal.
pub(super) fn tag_end(bytes: &[u8], from: usize, close: u8) -> Option<usize> {
    let mut quote = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if b == close && bytes.get(i + 1) == Some(&b'}') => return Some(i + 2),
            None => {}
        }
        i += 1;
    }
    None
}

/// The words of a `{% … %}` tag, without its delimiters and whitespace-control dashes.
pub(super) fn words(tag: &str) -> Vec<&str> {
    let inner = tag.get(2..tag.len().saturating_sub(2)).unwrap_or("");
    let inner = inner.trim_matches(|c: char| c == '-' || c.is_whitespace());
    inner.split_whitespace().collect()
}

pub(super) fn is_raw(tag: &str) -> bool {
    tag.starts_with("{%") && words(tag) == ["raw"]
}

/// The end of the `{% endraw %}` tag that closes a raw block whose opening tag ends at `from`.
fn raw_end(source: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let start = at + source[at..].find("{%")?;
        let end = tag_end(source.as_bytes(), start + 2, b'%')?;
        if words(&source[start..end]) == ["endraw"] {
            return Some(end);
        }
        at = start + 2;
    }
}

/// Whether `tag` is `{{ super() }}`, which Tera parses apart from other expressions.
pub(super) fn is_super(tag: &str) -> bool {
    tag.strip_prefix("{{")
        .and_then(|t| t.strip_suffix("}}"))
        .is_some_and(|t| t.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "super()")
}

#[cfg(test)]
mod tests {
    use crate::render::minify::tests::template;

    #[test]
    fn strings_in_tera_tags_may_hold_delimiters() {
        let src = "<p>{{ \"}}<b>\" ~ '%}' }}</p>{% if a == \"%}\" %}<i>x</i>{% endif %}";
        let out = template(src).unwrap();
        assert!(out.contains("{{ \"}}<b>\" ~ '%}' }}"), "{out}");
        assert!(out.contains("{% if a == \"%}\" %}"), "{out}");
    }

    #[test]
    fn raw_blocks_and_scripts_are_kept_as_written() {
        let src = "<div>\n{% raw %}  {{ not a tag }}  <b>  x </b>{% endraw %}\n</div><script>\n if (a < b) { c({{ n }}); }\n</script>";
        let out = template(src).unwrap();
        assert!(
            out.contains("{% raw %}  {{ not a tag }}  <b>  x </b>{% endraw %}"),
            "{out}"
        );
        assert!(out.contains("if (a < b) { c({{ n }}); }"), "{out}");
    }
}
