//! Start tags and tag names holding Tera, hidden whole from the minifier (it reorders and
//! unquotes attributes) and shown again in their order, each exactly once.

use std::fmt::Write as _;

use super::placeholder::{numbers, placeholder, restore_tera_any, OPEN};
use super::LOST;

/// Name of the attribute standing for the attributes of a start tag that holds Tera tags.
pub(super) const ATTR: &str = "data-ambassade-tpl-";
/// Name of the custom element standing for an element whose tag name is made with Tera.
pub(super) const NAME: &str = "ambassade-tpl-name-";

/// What `hide_tags` took out of the template's HTML.
#[derive(Default)]
pub(super) struct Hidden {
    /// The attributes of start tags holding Tera tags, by the N of `data-ambassade-tpl-N`.
    areas: Vec<String>,
    /// Tag names made with Tera (`h{{ level }}`) in their order, each with the N of the
    /// `ambassade-tpl-name-N` standing for it (the same for the same Tera text).
    names: Vec<(usize, String)>,
    /// The Tera tags, by number, standing where the minifier leaves text as it is: in start
    /// tags, scripts, styles, `<textarea>` and `<pre>`.
    pub(super) placed: Vec<usize>,
    /// The Tera tags, by number, in scripts and styles, where no character reference is read.
    pub(super) unread: Vec<usize>,
    /// The Tera tags, by number, in a `<title>`, whose text is shown with its white space
    /// collapsed, as the minifier does, but where a tag or a comment is text.
    pub(super) titled: Vec<usize>,
}

/// Hides from the minifier what it must not change: the attributes of every start tag
/// holding a placeholder become one attribute `data-ambassade-tpl-N`, and a tag name made
/// with Tera (`<h{{ level }}>…</h{{ level }}>`) becomes the custom element name
/// `ambassade-tpl-name-N`. An error when a tag cannot be read.
pub(super) fn hide_tags(flat: &str, tera: &[&str]) -> Result<(String, Hidden), &'static str> {
    let bytes = flat.as_bytes();
    let mut out = String::with_capacity(flat.len());
    let mut hidden = Hidden::default();
    let mut keys: Vec<String> = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = flat[i..].find('<').map(|p| i + p) {
        let closing = flat[lt + 1..].starts_with('/');
        let name_start = lt + 1 + usize::from(closing);
        let after = &flat[name_start..];
        if after.starts_with("!--") {
            // Comments are dropped by the minifier; a placeholder inside is caught later,
            // when it fails to come back. What a comment holds is no tag: a `<script>` there
            // must not make the rest of the template look like script text.
            i = flat[lt..].find("-->").map_or(flat.len(), |e| lt + e + 3);
            continue;
        }
        if !after.starts_with(|c: char| c.is_ascii_alphabetic() || c == OPEN) {
            i = lt + 1;
            continue;
        }
        // The name: name characters and expressions (`{{ … }}`); a statement right after
        // the name (`<li{% if x %} class="y"{% endif %}>`) starts the attributes.
        let mut name_end = name_start;
        loop {
            let rest = &flat[name_end..];
            if let Some(c) = rest
                .chars()
                .next()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            {
                name_end += c.len_utf8();
            } else if let Some((n, len)) = placeholder(rest) {
                if !tera.get(n).ok_or(LOST)?.starts_with("{{") {
                    break;
                }
                name_end += len;
            } else {
                break;
            }
        }
        let name = &flat[name_start..name_end];
        if name.is_empty() {
            // `<{% if a %}hr{% else %}br{% endif %}>`: to the minifier, `<` followed by a
            // placeholder is text, and it would escape the `<`.
            return Err(
                "a tag name made only by a statement (`<{% if a %}hr{% else %}br{% endif %}>`)",
            );
        }
        let made = name.contains(OPEN);
        if made {
            // Opening and closing tags must get the same element name: the same Tera text.
            let text = restore_tera_any(name, tera).ok_or(LOST)?;
            let n = match keys.iter().position(|x| *x == text) {
                Some(n) => n,
                None => {
                    keys.push(text);
                    keys.len() - 1
                }
            };
            out.push_str(&flat[copied..name_start]);
            let _ = write!(out, "{NAME}{n}");
            hidden.names.push((n, name.to_string()));
            copied = name_end;
        }
        if closing {
            i = name_end;
            continue;
        }
        let gt = start_tag_end(bytes, name_end).ok_or("a start tag that is not closed")?;
        let mut area_end = gt;
        if bytes[gt - 1] == b'/' {
            area_end -= 1;
        }
        let area = &flat[name_end..area_end];
        if area.contains(OPEN) {
            let glued = placeholder(area).is_some();
            if !glued && !area.starts_with(|c: char| c.is_ascii_whitespace()) {
                return Err("a start tag whose attributes hold Tera but do not start with a space");
            }
            out.push_str(&flat[copied..name_end]);
            let _ = write!(out, " {ATTR}{}", hidden.areas.len());
            hidden.areas.push(squeeze(area));
            hidden.placed.extend(numbers(area));
            copied = area_end;
        }
        i = gt + 1;
        let lower = name.to_ascii_lowercase();
        let raw_text = matches!(&lower[..], "script" | "style" | "textarea" | "title");
        if !made && (raw_text || lower == "pre") {
            let close = format!("</{lower}");
            let rest = flat[i..].to_ascii_lowercase();
            let end = i + rest.find(&close).unwrap_or(rest.len());
            if lower == "title" {
                hidden.titled.extend(numbers(&flat[i..end]));
            } else {
                hidden.placed.extend(numbers(&flat[i..end]));
            }
            if matches!(&lower[..], "script" | "style") {
                hidden.unread.extend(numbers(&flat[i..end]));
            }
            if raw_text {
                // Skip the element's text, where `<` does not start a tag.
                i = end;
            }
        }
    }
    out.push_str(&flat[copied..]);
    Ok((out, hidden))
}

/// The index of the `>` that ends a start tag whose attributes begin at `from`, skipping quoted
/// attribute values.
fn start_tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i),
            b'=' => after_equals = true,
            q @ (b'"' | b'\'') if after_equals => {
                i += 1 + bytes[i + 1..].iter().position(|&b| b == q)?;
                after_equals = false;
            }
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

/// The attributes of a start tag with each run of white space between them made one space.
fn squeeze(area: &str) -> String {
    let mut out = String::with_capacity(area.len());
    let mut quote = None;
    let mut space = false;
    for c in area.chars() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c.is_ascii_whitespace() => space = true,
            None => {
                if space {
                    out.push(' ');
                    space = false;
                }
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// Puts back what `hide_tags` hid, each exactly once.
pub(super) fn show_tags(minified: &str, hidden: &Hidden) -> Option<String> {
    let mut out = String::with_capacity(minified.len() * 2);
    let mut rest = minified;
    let mut next_area = 0;
    let mut next_name = 0;
    let attr = format!(" {ATTR}");
    loop {
        let a = rest.find(&attr);
        let n = rest.find(NAME);
        let (at, is_attr) = match (a, n) {
            (Some(a), Some(n)) if a < n => (a, true),
            (Some(a), None) => (a, true),
            (_, Some(n)) => (n, false),
            (None, None) => break,
        };
        out.push_str(&rest[..at]);
        let digits = &rest[at + if is_attr { attr.len() } else { NAME.len() }..];
        let len = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let k: usize = digits[..len].parse().ok()?;
        if is_attr {
            // The minifier keeps elements in order, so the attributes come back in order.
            if k != next_area || !digits[len..].starts_with(['>', '/', ' ']) {
                return None;
            }
            out.push_str(hidden.areas.get(k)?);
            next_area += 1;
        } else {
            let (n, name) = hidden.names.get(next_name)?;
            if *n != k {
                return None;
            }
            out.push_str(name);
            next_name += 1;
        }
        rest = &digits[len..];
    }
    out.push_str(rest);
    let all_back = next_area == hidden.areas.len() && next_name == hidden.names.len();
    (all_back && !out.contains(ATTR) && !out.contains(NAME)).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::minify::tests::{render, template};

    #[test]
    fn a_start_tag_holding_tera_is_kept_whole_and_in_order() {
        let src = "<nav>\n <a\n   href=\"{{ item.url }}\"\n   class=\"x\"{% if item.current %} aria-current=\"page\"{% endif %}>{{ item.title }}</a>\n</nav>";
        let out = template(src).unwrap();
        assert_eq!(
            out,
            "<nav><a href=\"{{ item.url }}\" class=\"x\"{% if item.current %} aria-current=\"page\"{% endif %}>{{ item.title }}</a></nav>"
        );
    }

    #[test]
    fn a_statement_right_after_a_tag_name() {
        let src = "<ul>\n <li{% if c %} class=\"x\"{% endif %}>\n  a </li>\n</ul>";
        let out = template(src).unwrap();
        assert_eq!(out, "<ul><li{% if c %} class=\"x\"{% endif %}>a</li></ul>");
    }

    #[test]
    fn tag_names_made_with_tera_are_kept() {
        let src = "<div>\n  <h{{ level }} class=\"t\">\n <a href=\"/\">x</a> </h{{ level }}>\n <{{ tag }}>y</{{ tag }}>\n</div>";
        let out = template(src).unwrap();
        assert!(out.starts_with("<div><h{{ level }} class=t>"), "{out}");
        assert!(out.contains("<a href=/>x</a>"), "{out}");
        assert!(out.contains("</h{{ level }}>"), "{out}");
        assert!(out.contains("<{{ tag }}>y</{{ tag }}>"), "{out}");
        assert!(!out.contains(NAME), "{out}");
    }

    #[test]
    fn tera_tags_between_attributes_of_a_self_closing_svg_tag() {
        let src = "<svg><rect width=\"{{ w }}\" height=\"3\" /></svg>";
        let out = template(src).unwrap();
        assert!(
            out.contains("<rect width=\"{{ w }}\" height=\"3\"/>")
                || out.contains("<rect width=\"{{ w }}\" height=\"3\" />"),
            "{out}"
        );
    }

    #[test]
    fn a_start_tag_named_only_by_a_statement_is_refused() {
        // To the minifier `<` followed by a placeholder is text, which it escapes: the page
        // would show `<br>` instead of breaking the line.
        assert_eq!(
            template("<p>a<{% if b %}br{% else %}hr{% endif %}>c</p>"),
            None
        );
    }

    #[test]
    fn a_tag_written_in_a_comment_hides_no_real_tag() {
        // The `<script>` in the comment must not make the real start tag after it look like
        // script text: its Tera-filled value would lose its quotes.
        let src = "<!-- the <script> below -->\n<p class=\"{{ c }}\">x</p>\n<script>a()</script>";
        let out = template(src).unwrap();
        assert!(out.contains("<p class=\"{{ c }}\">"), "{out}");
        let page = render(&out, serde_json::json!({"c": "a b"}));
        assert!(page.contains("class=\"a b\""), "{page}");
    }
}
