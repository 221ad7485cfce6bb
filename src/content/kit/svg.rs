//! Whether an SVG image of the kit could run script in visitors' browsers (served from the
//! site, it would run with the site's own origin).

pub(super) const SVG_NOT_UTF8: &str = "text that is not UTF-8, which cannot be checked";

/// The findings of `svg_active_content` (and a file that is not UTF-8), each with the key that
/// selects its wording in the catalogues (`kit-file-svg-active`).
pub(super) const SVG_FINDINGS: &[(&str, &str)] = &[
    ("script", "a <script> element"),
    (
        "foreign-object",
        "a <foreignObject> element (which can hold HTML)",
    ),
    ("entity", "an entity declaration"),
    ("embedded", "an embedded document or event handler element"),
    ("handler", "an event handler attribute (on…=)"),
    ("script-url", "a script URL"),
    ("data-url", "a data: URL that is not a plain image"),
    ("not-utf8", SVG_NOT_UTF8),
];

/// The English wording of the finding `key` of `SVG_FINDINGS`.
fn finding(key: &str) -> &'static str {
    SVG_FINDINGS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("", |(_, en)| en)
}

/// What makes an SVG file able to run script (or load another document) when opened from
/// the site: checked on the text in lower case, with character references decoded.
pub(super) fn svg_active_content(text: &str) -> Option<&'static str> {
    let decoded = decode_xml_references(text).to_ascii_lowercase();
    // Whitespace and control characters are ignored inside URLs by browsers: `java\tscript:`.
    let squeezed: String = decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    if decoded.contains("<script") || decoded.contains(":script") {
        return Some(finding("script"));
    }
    if decoded.contains("<foreignobject") || decoded.contains(":foreignobject") {
        return Some(finding("foreign-object"));
    }
    if decoded.contains("<!entity") {
        return Some(finding("entity"));
    }
    for tag in [
        "<iframe",
        "<embed",
        "<object",
        "<handler",
        ":handler",
        "<listener",
    ] {
        if decoded.contains(tag) {
            return Some(finding("embedded"));
        }
    }
    let bytes = decoded.as_bytes();
    for (i, _) in decoded.match_indices("on") {
        let before_ok = i > 0 && (bytes[i - 1].is_ascii_whitespace() || bytes[i - 1] == b':');
        if !before_ok {
            continue;
        }
        let rest = &decoded[i + 2..];
        let name_len = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
        if name_len > 0 && rest[name_len..].trim_start().starts_with('=') {
            return Some(finding("handler"));
        }
    }
    // A scheme starts a value: the character before it is not part of a word ("metadata:").
    let schemes = |scheme: &str| -> Vec<usize> {
        squeezed
            .match_indices(scheme)
            .map(|(i, _)| i)
            .filter(|&i| i == 0 || !squeezed.as_bytes()[i - 1].is_ascii_alphanumeric())
            .collect()
    };
    for scheme in ["javascript:", "vbscript:", "livescript:"] {
        if !schemes(scheme).is_empty() {
            return Some(finding("script-url"));
        }
    }
    for i in schemes("data:") {
        let after = &squeezed[i + 5..];
        let image = [
            "image/png",
            "image/jpeg",
            "image/jpg",
            "image/gif",
            "image/webp",
        ]
        .iter()
        .any(|t| after.starts_with(t));
        if !image {
            return Some(finding("data-url"));
        }
    }
    None
}

/// `&#106;` and `&#x6A;` decoded (the named ones cannot hide letters of a scheme or a tag).
fn decode_xml_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let (hex, digits) = match after.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, after),
        };
        let len = digits
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        let value = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok();
        match value.and_then(char::from_u32) {
            Some(c) if len > 0 => {
                out.push(c);
                let consumed = len + usize::from(hex);
                rest = &after[consumed..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_are_decoded() {
        assert_eq!(decode_xml_references("&#106;avascript:"), "javascript:");
        assert_eq!(decode_xml_references("&#x6A;&#X61;va"), "java");
        // Without the semicolon, as browsers also read them.
        assert_eq!(decode_xml_references("&#106avascript:"), "javascript:");
        assert_eq!(decode_xml_references("&#0000106;"), "j");
        // Not references: left as written.
        assert_eq!(
            decode_xml_references("a &#; b &#xZZ; c"),
            "a &#; b &#xZZ; c"
        );
        assert_eq!(decode_xml_references("&amp; &lt;"), "&amp; &lt;");
        assert_eq!(decode_xml_references("&#1114112;"), "&#1114112;");
    }

    #[test]
    fn a_plain_svg_image_is_not_active() {
        let svg = r##"<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
  <metadata>rdf:about</metadata>
  <a href="https://smart.coop/"><text>Information</text></a>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
  <g font="Montserrat"><path d="M0 0h10v10z" fill="#e20613"/></g>
</svg>"##;
        assert_eq!(svg_active_content(svg), None);
    }

    #[test]
    fn scripts_in_svg_are_found_however_written() {
        let found = |s: &str| svg_active_content(s);
        assert_eq!(
            found("<svg><SCRIPT>x</SCRIPT></svg>"),
            Some("a <script> element")
        );
        assert_eq!(
            found("<svg><svg:script/></svg>"),
            Some("a <script> element")
        );
        assert_eq!(
            found("<svg><foreignObject><p/></foreignObject></svg>"),
            Some("a <foreignObject> element (which can hold HTML)")
        );
        assert_eq!(
            found("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg/>"),
            Some("an entity declaration")
        );
        assert_eq!(
            found("<svg><iframe src=x></iframe></svg>"),
            Some("an embedded document or event handler element")
        );
        let handler = Some("an event handler attribute (on…=)");
        assert_eq!(found("<svg onload=\"x()\"/>"), handler);
        assert_eq!(found("<svg\nONLOAD = 'x()'/>"), handler);
        assert_eq!(found("<svg xlink:onclick=\"x()\"/>"), handler);
        // Not an attribute: a word that contains "on", text, an attribute without a value.
        assert_eq!(found("<svg><text>ton=3 lion</text></svg>"), None);
        assert_eq!(found("<svg><text>on</text></svg>"), None);
    }

    #[test]
    fn script_urls_in_svg_are_found_behind_references_and_blanks() {
        let script = Some("a script URL");
        let found = |s: &str| svg_active_content(s);
        assert_eq!(found("<a href=\"javascript:alert(1)\">"), script);
        assert_eq!(found("<a href=\"&#106;avascript:alert(1)\">"), script);
        assert_eq!(found("<a href=\"&#x6A;&#x41;vascript:alert(1)\">"), script);
        assert_eq!(found("<a href=\"java\tscript:alert(1)\">"), script);
        assert_eq!(found("<a href=\"java&#10;script:alert(1)\">"), script);
        assert_eq!(found("<a xlink:href=\" VBScript:x\">"), script);
        // A word ending in a scheme's name is not a scheme.
        assert_eq!(found("<desc>notjavascript: a note</desc>"), None);
        let data = Some("a data: URL that is not a plain image");
        assert_eq!(found("<image href=\"data:text/html,<p>\"/>"), data);
        assert_eq!(
            found("<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/>"),
            data
        );
        assert_eq!(found("<image href=\"&#100;ata:text/html,x\"/>"), data);
        assert_eq!(found("<image href=\"data:image/jpeg;base64,/9j/\"/>"), None);
        assert_eq!(found("<desc>metadata: none</desc>"), None);
    }
}
