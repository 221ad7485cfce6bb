//! Checks on a template as written, before it is minified: whitespace control that would
//! reach what the minifier changes, and markup taken as a value instead of printed.

use super::lex::{is_raw, is_super, tag_end, words, Piece};

/// Whether a Tera tag's whitespace control reaches what the minifier makes of a character
/// reference or a comment beside it: in `a&nbsp;\n{%- if b %}` Tera keeps the no-break space,
/// written as a reference, but the minifier decodes it and Tera then trims it as white space;
/// a comment dropped leaves the space before it next to the tag. `{{ super() }}` takes no part
/// in whitespace control: the `-%}` of a tag right before it trims the text after it.
pub(super) fn trims_into_markup(pieces: &[Piece<'_>]) -> bool {
    let html = |k: Option<usize>| match k.and_then(|k| pieces.get(k)) {
        Some(Piece::Html(h)) => *h,
        _ => "",
    };
    pieces.iter().enumerate().any(|(k, piece)| {
        let Piece::Tera(t) = piece else {
            return false;
        };
        let left = ["{{-", "{%-", "{#-"].iter().any(|p| t.starts_with(p));
        let right = ["-}}", "-%}", "-#}"].iter().any(|p| t.ends_with(p));
        let before = html(k.checked_sub(1)).trim_end();
        let mut next = k + 1;
        while matches!(pieces.get(next), Some(Piece::Tera(t)) if is_super(t)) {
            next += 1;
        }
        let after = html(Some(next)).trim_start();
        let reference_before = before
            .rfind('&')
            .is_some_and(|i| is_reference(&before[i + 1..]));
        let reference_after = after.strip_prefix('&').is_some_and(|r| {
            r.strip_prefix('#')
                .unwrap_or(r)
                .starts_with(|c: char| c.is_ascii_alphanumeric())
        });
        (left && (before.ends_with("-->") || reference_before))
            || (right && (after.starts_with("<!--") || reference_after))
    })
}

/// Whether a Tera tag takes text written as markup for a value instead of printing it as it
/// is: a filter section (`{% filter upper %}…{% endfilter %}`), or a macro's text given to a
/// filter or kept in a variable (`{{ m::links() | length }}`). Minified, that text would
/// give another value: `&nbsp;` made upper case is no reference, a length is shorter.
pub(super) fn reworks_markup(piece: &Piece<'_>) -> bool {
    let Piece::Tera(tag) = piece else {
        return false;
    };
    if tag.starts_with("{#") || is_raw(tag_end(tag.as_bytes(), 2, b'%').map_or(tag, |e| &tag[..e]))
    {
        return false;
    }
    let filter = tag.starts_with("{%") && words(tag).first() == Some(&"filter");
    filter || (tag.contains("::") && !prints_macro(tag))
}

/// Whether `tag` is `{{ ns::name(…) }}`, a macro's text printed as it is.
fn prints_macro(tag: &str) -> bool {
    let Some(inner) = tag.strip_prefix("{{").and_then(|t| t.strip_suffix("}}")) else {
        return false;
    };
    let inner = inner.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let Some((path, args)) = inner.split_once('(') else {
        return false;
    };
    let name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let call = path
        .split_once("::")
        .is_some_and(|(ns, f)| name(ns) && name(f));
    // The call's closing parenthesis must end the expression.
    let (mut depth, mut quote) = (1usize, None);
    for (i, b) in args.bytes().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' | b'`' => quote = Some(b),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return call && i + 1 == args.len();
                    }
                }
                _ => {}
            },
        }
    }
    false
}

/// Whether `text`, just after a `&`, is a whole character reference (`nbsp;`, `#32;`, `amp`).
fn is_reference(text: &str) -> bool {
    let name = text.strip_suffix(';').unwrap_or(text);
    let name = name.strip_prefix('#').unwrap_or(name);
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use crate::render::minify::tests::{render, template};
    use crate::render::minify::{page, templates};

    #[test]
    fn whitespace_control_eats_no_decoded_reference_or_space_beside_a_comment() {
        let vars = serde_json::json!({"b": true});
        for (src, kept) in [
            ("<p>a&nbsp;\n{%- if b %}c{% endif %}</p>", "a\u{a0}c"),
            ("<p>a&#32;{%- if b %}c{% endif %}</p>", "a c"),
            ("<p>{% if b -%}&nbsp;c{% endif %}</p>", "\u{a0}c"),
            ("<pre>a&#10;{{- 1 }}</pre>", "a\n1"),
            (
                "<p><b>a</b> <!-- note -->\n{%- if b %}<i>c</i>{% endif %}</p>",
                "</b> <i>",
            ),
        ] {
            if let Some(out) = template(src) {
                let page = String::from_utf8(page(&render(&out, vars.clone()))).unwrap();
                assert!(page.contains(kept), "{src}: {out} gives {page}");
            }
        }
    }

    #[test]
    fn markup_taken_as_a_value_is_refused() {
        // A filter or a variable would get the minified text: `&NBSP;` (no reference) would
        // become a no-break space, a length would be shorter.
        for src in [
            "<p>{% filter upper %}a&nbsp;b{% endfilter %}</p>",
            "<p>{%- filter truncate(length=9) -%}<b>a</b>\n  <b>b</b>{% endfilter %}</p>",
            "<p>{{ m::links() | length }}</p>",
            "{% set s = m::links() %}<p>{{ s | length }}</p>",
            "<p>{{ m::links() ~ \"x\" }}</p>",
        ] {
            assert_eq!(template(src), None, "{src}");
        }
        // Printed as they are, macros are fine, whatever their arguments hold.
        for src in [
            "<p>{{ m::links(a=\")|(\", b=f(x=1)) }}</p>",
            "<p>{{- self::links() -}}</p>",
            "<p>{% raw %}{{ a::b | c }}{% endraw %}</p>",
            "<p>{# {{ m::links() | length }} #}</p>",
        ] {
            assert!(template(src).is_some(), "{src}");
        }
    }

    #[test]
    fn whitespace_control_reaches_past_super() {
        // Tera lets the `-%}` of a tag right before `{{ super() }}` trim the text after it:
        // the no-break space, decoded, would be trimmed, and so would the space left by a
        // dropped comment.
        let base = ("base.html", "<p>{% block t %}a{% endblock %}</p>");
        for (body, kept) in [
            (
                "{% block t -%}{{ super() }}&nbsp;b{% endblock %}",
                "a\u{a0}b",
            ),
            (
                "{% block t -%}{{ super() }}<!-- c --> <i>b</i>{% endblock %}",
                "a <i>",
            ),
            (
                "{% block t %}{% if true -%}{{ super() }}&nbsp;b{% endif %}{% endblock %}",
                "a\u{a0}b",
            ),
        ] {
            let child = format!("{{% extends \"base.html\" %}}{body}");
            if let Some(minified) = templates(&[base, ("child.html", child.as_str())]) {
                let mut tera = tera::Tera::default();
                tera.add_raw_templates(minified).unwrap();
                let out = tera.render("child.html", &tera::Context::new()).unwrap();
                let out = String::from_utf8(page(&out)).unwrap();
                assert!(out.contains(kept), "{body} gives {out}");
            }
        }
        // Without whitespace control, or with text between, the reference is safe.
        for body in [
            "{% block t %}{{ super() }}&nbsp;b{% endblock %}",
            "{% block t -%}{{ super() }}b&nbsp;{% endblock %}",
        ] {
            let child = format!("{{% extends \"base.html\" %}}{body}");
            assert!(
                templates(&[base, ("child.html", child.as_str())]).is_some(),
                "{body}"
            );
        }
    }
}
