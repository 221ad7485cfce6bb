//! Where a template's text is printed: a whole document, or text printed inside other text
//! (minified inside a wrapper element); and the `&` that, beside what a Tera tag prints,
//! could start a character reference.

use super::lex::Piece;
use super::placeholder::{placeholder, OPEN};

/// Name of the element wrapped around a template that is not a whole document while it is
/// minified: its text is printed wherever the template is used, often inside a paragraph,
/// where the minifier keeps the space between two links; at the top level it drops it.
pub(super) const ROOT: &str = "ambassade-tpl-root";

/// Whether a template is a whole page: its first tag, comments aside, is `<!doctype` or
/// `<html`. A template that only mentions them (in a comment, a script) is printed inside
/// other text, and its top level must not be taken for the page's, where the minifier drops
/// the white space between two links.
pub(super) fn is_document(pieces: &[Piece<'_>]) -> bool {
    let html: String = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Html(h) => Some(*h),
            Piece::Tera(_) => None,
        })
        .collect();
    let mut rest = html.as_bytes();
    while let Some(lt) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[lt..];
        if rest.starts_with(b"<!--") {
            let end = rest.windows(3).position(|w| w == b"-->");
            rest = end.map_or(&[], |e| &rest[e + 3..]);
            continue;
        }
        let starts = |prefix: &[u8]| {
            rest.get(..prefix.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(prefix))
        };
        if rest
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'!')
        {
            let html_tag = starts(b"<html")
                && rest
                    .get(5)
                    .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
            return starts(b"<!doctype") || html_tag;
        }
        rest = &rest[1..];
    }
    false
}

/// `minified` with the `&` escaped where, with what the Tera tag right after it prints, it
/// could start a character reference: a bare `&` just before a tag (what the tag prints is
/// text), and a reference the minifier decoded into one (`&amp;#{{ code }};`, written to
/// show a code, became `&#{{ code }};`). `&#{{ code }};` written so is kept, and so is
/// every `&` in scripts and styles (`unread`), where `&amp;` would stay as it is.
pub(super) fn escape_ampersands(minified: &str, before: &[&str], unread: &[usize]) -> String {
    let mut out = String::with_capacity(minified.len());
    let mut copied = 0;
    for (at, _) in minified.match_indices(OPEN) {
        let n = placeholder(&minified[at..]).map(|(n, _)| n);
        if n.is_some_and(|n| unread.contains(&n)) {
            continue;
        }
        let head = &minified[..at];
        let name = head.trim_end_matches(|c: char| c.is_ascii_alphanumeric());
        let name = name.strip_suffix('#').unwrap_or(name);
        let Some(amp) = name.strip_suffix('&').map(str::len) else {
            continue;
        };
        let run = &minified[amp..at];
        let written = n
            .and_then(|n| before.get(n))
            .is_some_and(|b| b.ends_with(run));
        if run == "&" || !written {
            out.push_str(&minified[copied..=amp]);
            out.push_str("amp;");
            copied = amp + 1;
        }
    }
    out.push_str(&minified[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::minify::lex::lex;
    use crate::render::minify::tests::{render, template};

    #[test]
    fn an_ampersand_before_a_tag_stays_escaped() {
        let out = template("<p>A &amp;{{ x }}</p>").unwrap();
        assert!(out.contains("&amp;{{ x }}"), "{out}");
    }

    #[test]
    fn a_template_that_only_mentions_html_is_no_document() {
        // Its top level is printed inside other text, where the space between links shows.
        for src in [
            "{# Printed inside <html>. #}{% macro m() %}<a>x</a> <a>y</a>{% endmacro %}",
            "<!-- not an <html> page -->{% macro m() %}<a>x</a> <a>y</a>{% endmacro %}",
            "<script>w('<!doctype html>')</script>{% macro m() %}<a>x</a> <a>y</a>{% endmacro %}",
        ] {
            let out = template(src).unwrap();
            assert!(out.contains("</a> <a>"), "{src}: {out}");
        }
        let pieces = lex("<!-- a page -->\n{% import \"m.html\" as m %}<!DOCTYPE html>").unwrap();
        assert!(is_document(&pieces));
        assert!(is_document(&lex("\n<HTML lang=\"fr\">").unwrap()));
        assert!(!is_document(&lex("<htmlx>").unwrap()));
    }

    #[test]
    fn white_space_between_inline_elements_at_the_top_level_stays() {
        // A macro's or a block's text lands wherever it is used, often inside a paragraph,
        // where the space between two links shows.
        let out = template(
            "{% macro links() %}\n<a href=\"/a\">a</a>\n<a href=\"/b\">b</a>\n{% endmacro %}",
        )
        .unwrap();
        assert!(out.contains("</a> <a"), "{out}");
        let out = template("{% block b %}<b>x</b> <i>y</i>{% endblock %}").unwrap();
        assert!(out.contains("</b> <i>"), "{out}");
    }

    #[test]
    fn references_decoded_before_a_tera_tag_stay_text() {
        // `&amp;#{{ n }};` shows a code such as `&#65;`; decoded to `&#{{ n }};` it would
        // show the character. Written `&#{{ n }};`, it is meant to show the character.
        let vars = serde_json::json!({"n": 65, "x": "mp;"});
        for (src, shown) in [
            ("<p>Code: &amp;#{{ n }};</p>", "Code: &amp;#65;"),
            ("<p>&amp;#x{{ n }};</p>", "&amp;#x65;"),
            ("<p>&amp;a{{ x }}</p>", "&amp;amp;"),
            ("<p>&#{{ n }};</p>", "&#65;"),
            // In a script `&` is no reference.
            ("<script>u = \"?a=1&{{ x }}\";</script>", "?a=1&mp;"),
        ] {
            let out = template(src).unwrap();
            let page = render(&out, vars.clone());
            assert!(page.contains(shown), "{src}: {out} gives {page}");
        }
    }
}
