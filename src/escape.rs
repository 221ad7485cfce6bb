//! Escaping text for HTML and XML: the one place that turns markup characters into character
//! references. Each output keeps the set of characters it always escaped, so three sets exist
//! (see `Set`); iCalendar's TEXT escaping is another format and lives in `render::ics`.

/// The characters escaped, by where the text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    /// Element content only: `&`, `<` and `>` (the glossary re-encoding a page's text).
    Text,
    /// Also double-quoted attribute values: `"` too (the sitemap, the Atom feed, the SVG map).
    DoubleQuoted,
    /// Also single-quoted attribute values: `'` too (templates, which may quote either way,
    /// and the error reports).
    Quoted,
}

/// The reference standing for `c` in `set`, or `None` when `c` stays as it is.
pub fn entity(c: char, set: Set) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' if set != Set::Text => Some("&quot;"),
        '\'' if set == Set::Quoted => Some("&#39;"),
        _ => None,
    }
}

/// `text` with the characters of `set` escaped.
pub fn escape(text: &str, set: Set) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut copied = 0;
    // Every character escaped is ASCII, so a byte scan finds them (a byte of a multi-byte
    // character reads as U+0080 to U+00FF, never escaped), and runs between them are copied
    // whole.
    for (i, b) in text.bytes().enumerate() {
        let Some(e) = entity(char::from(b), set) else {
            continue;
        };
        out.push_str(&text[copied..i]);
        out.push_str(e);
        copied = i + 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// HTML text and attribute values quoted either way. Unlike Tera's own escaper, `/` is left
/// alone: no context needs it, and it made every printed URL six times longer.
pub fn html(text: &str) -> String {
    escape(text, Set::Quoted)
}

/// XML text and double-quoted attribute values.
pub fn xml(text: &str) -> String {
    escape(text, Set::DoubleQuoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<a href="x">l'été & co</a> /"#;

    #[test]
    fn html_covers_text_and_both_quotes() {
        assert_eq!(
            html(SAMPLE),
            "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt; /"
        );
        assert_eq!(
            html("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(html("plain"), "plain");
        assert_eq!(html(""), "");
    }

    #[test]
    fn xml_leaves_the_apostrophe() {
        assert_eq!(
            xml(SAMPLE),
            "&lt;a href=&quot;x&quot;&gt;l'été &amp; co&lt;/a&gt; /"
        );
    }

    #[test]
    fn text_leaves_both_quotes() {
        assert_eq!(
            escape(SAMPLE, Set::Text),
            "&lt;a href=\"x\"&gt;l'été &amp; co&lt;/a&gt; /"
        );
    }

    #[test]
    fn entity_agrees_with_escape() {
        // Multi-byte characters around the escaped ones are copied whole.
        let s = "«é» &<>\"' ü";
        for set in [Set::Text, Set::DoubleQuoted, Set::Quoted] {
            let by_char: String = s
                .chars()
                .map(|c| entity(c, set).map_or(c.to_string(), str::to_string))
                .collect();
            assert_eq!(escape(s, set), by_char);
        }
    }
}
