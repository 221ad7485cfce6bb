//! Markdown to HTML in one place: the options editors can rely on (tables, footnotes,
//! strikethrough, heading anchors), sanitising of raw HTML, and a plain-text rendering for
//! feeds and meta descriptions.

use std::collections::HashSet;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::Slug;

mod plain;
pub use plain::{to_brief_text, to_plain_text};

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders Markdown to HTML. Headings get stable ids made from their text; `#` headings are
/// demoted to `h2` because every page already has its own `h1`. Unless `allow_raw_html`, the
/// result is filtered through an allow-list: no script, no event handler, no `javascript:` URL.
pub fn to_html(md: &str, allow_raw_html: bool) -> String {
    let events: Vec<Event> = Parser::new_ext(md, options()).collect();
    let events = add_heading_ids(events);
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if allow_raw_html {
        // Comments in raw HTML are often an editor's note: pages are not minified one by one
        // any more (see `render::minify`), so they are dropped here.
        without_comments(&out)
    } else {
        sanitizer().clean(&out).to_string()
    }
}

/// Like `to_html` for one-paragraph fields: the wrapping `<p>` is removed when there is only one.
pub fn to_inline_html(md: &str, allow_raw_html: bool) -> String {
    let html = to_html(md, allow_raw_html);
    let trimmed = html.trim();
    if let Some(inner) = trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        if !inner.contains("<p>") {
            return inner.to_string();
        }
    }
    trimmed.to_string()
}

fn add_heading_ids(mut events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut used = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id, level, .. }) = &events[i] {
            let explicit = id.clone();
            let level = (*level).max(HeadingLevel::H2);
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let base = explicit
                .map(|s| s.to_string())
                .or_else(|| Slug::from_text(&text).map(|s| s.to_string()))
                .unwrap_or_else(|| "section".to_string());
            let mut anchor = base.clone();
            let mut n = 1;
            while !used.insert(anchor.clone()) {
                n += 1;
                anchor = format!("{base}-{n}");
            }
            if let Event::Start(Tag::Heading { id, level: l, .. }) = &mut events[i] {
                *id = Some(CowStr::from(anchor));
                *l = level;
            }
            if let Some(Event::End(TagEnd::Heading(l))) = events.get_mut(j) {
                *l = level;
            }
            i = j;
        }
        i += 1;
    }
    events
}

/// `html` without its comments (`<!-- … -->`; one left open runs to the end, as in a browser).
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let body = &rest[start + 4..];
        // `<!-->` and `<!--->` end at once; otherwise at `-->` or `--!>`.
        let end = if body.starts_with('>') {
            Some(1)
        } else if body.starts_with("->") {
            Some(2)
        } else {
            [
                body.find("-->").map(|i| i + 3),
                body.find("--!>").map(|i| i + 4),
            ]
            .into_iter()
            .flatten()
            .min()
        };
        rest = end.map_or("", |e| &body[e..]);
    }
    out.push_str(rest);
    out
}

/// The allow-list, made once: building it takes longer than cleaning a page.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: std::sync::OnceLock<ammonia::Builder<'static>> = std::sync::OnceLock::new();
    SANITIZER.get_or_init(make_sanitizer)
}

fn make_sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_tag_attributes("h2", &["id"])
        .add_tag_attributes("h3", &["id"])
        .add_tag_attributes("h4", &["id"])
        .add_tag_attributes("h5", &["id"])
        .add_tag_attributes("h6", &["id"])
        .add_tags(&["section"])
        .add_tag_attributes("div", &["id", "class"])
        .add_tag_attributes("sup", &["class", "id"])
        .add_tag_attributes("li", &["id"])
        .add_tag_attributes("a", &["id"])
        .add_tag_attributes("td", &["style"])
        .add_tag_attributes("th", &["style"])
        .filter_style_properties(["text-align"].into_iter().collect())
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
    b
}

/// The first sentence-sized piece of plain text, for meta descriptions (at most ~160 chars).
pub fn summary(md: &str) -> String {
    summary_of_text(&to_brief_text(md))
}

/// `summary` of text already made plain (by `to_brief_text`: `to_plain_text`'s link
/// addresses would crowd a sentence).
pub fn summary_of_text(text: &str) -> String {
    let first = text.split("\n\n").next().unwrap_or("").replace('\n', " ");
    if first.chars().count() <= 160 {
        return first;
    }
    let mut s: String = first.chars().take(157).collect();
    if let Some(i) = s.rfind(' ') {
        s.truncate(i);
    }
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_on() {
        let h = to_html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ y[^1]\n\n[^1]: note\n",
            false,
        );
        assert!(h.contains("<table>"), "{h}");
        assert!(h.contains("<del>x</del>"), "{h}");
        assert!(h.contains("footnote-definition"), "{h}");
    }

    #[test]
    fn headings_get_unique_anchors_and_no_h1() {
        let h = to_html("# Été 2027\n\n## Été 2027\n", false);
        assert!(h.contains(r#"<h2 id="ete-2027">"#), "{h}");
        assert!(h.contains(r#"<h2 id="ete-2027-2">"#), "{h}");
        assert!(!h.contains("<h1"), "{h}");
    }

    #[test]
    fn comments_in_allowed_raw_html_are_dropped() {
        let h = to_html(
            "Un <!-- note interne -->texte.\n\n<!--\nà ne pas publier\n-->\n\n<div>a<!-->b<!--->c</div>\n\n<!-- ouvert",
            true,
        );
        assert!(!h.contains("note interne") && !h.contains("publier"), "{h}");
        assert!(h.contains("Un texte."), "{h}");
        assert!(h.contains("<div>abc</div>"), "{h}");
        assert!(!h.contains("ouvert") && !h.contains("<!--"), "{h}");
    }

    #[test]
    fn raw_html_is_sanitised_unless_allowed() {
        let md =
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))";
        let h = to_html(md, false);
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(to_html(md, true).contains("<script>"));
    }
}
