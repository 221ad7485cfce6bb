//! French typography on rendered pages: a narrow no-break space (U+202F) before `; : ! ?`,
//! after `«` and before `»`, so that no line of a French page starts with a lone "?" or ends
//! with a lone "«". This is the convention the default theme's own texts already follow (one
//! space for all four marks, as most French publishers on screen now do).
//!
//! It runs on the whole page after the template, so content and the theme's words are treated
//! alike, and it touches only text: never a tag, an attribute, a comment, or the text of
//! `script` (JSON-LD), `style`, `code`, `pre`, `kbd`, `samp` and `textarea`. An ordinary space
//! before a mark that ends a clause (a space, the end of the text or closing punctuation
//! follows) becomes the no-break one, and one is added where such a mark is glued to a word;
//! so `https://x`, `18:30`, `page?id=3` and `:-)` stay as written. A space already no-break (U+00A0, U+202F, `&nbsp;`)
//! is kept.

// The same tag scanner as the lexicon links: quotes in attributes respected.
use super::glossary::{is_one_of, tag_end, tag_name};

/// The narrow no-break space.
const NNBSP: char = '\u{202F}';

/// Elements whose text is left as written.
const VERBATIM: &[&str] = &["code", "pre", "kbd", "samp"];

/// Elements whose text is not HTML at all: skipped to their end tag without being parsed.
const RAW: &[&str] = &["script", "style", "textarea"];

/// Whether pages in `language` (a site's `language`, `fr` or `fr-BE`) get French typography.
pub fn applies_to(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("fr")
}

/// Where the end tag of raw-text element `name` starts in `s` (or its end).
fn raw_end(s: &str, name: &str) -> usize {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(p) = s[from..].find("</") {
        let at = from + p;
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return at;
        }
        from = at + 2;
    }
    s.len()
}

/// `html` (a whole page or a fragment) with French spacing in its text.
pub fn french(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 64);
    let mut verbatim = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let end = tag_end(rest);
                let tag = &rest[..end];
                out.push_str(tag);
                rest = &rest[end..];
                if tag.starts_with("<!") || tag.starts_with("<?") {
                    continue;
                }
                let (name, closing) = tag_name(tag);
                if is_one_of(name, RAW) && !closing && !tag.ends_with("/>") {
                    let end = raw_end(rest, name);
                    out.push_str(&rest[..end]);
                    rest = &rest[end..];
                } else if is_one_of(name, VERBATIM) {
                    if closing {
                        verbatim = verbatim.saturating_sub(1);
                    } else {
                        verbatim += 1;
                    }
                }
            }
            found => {
                let end = found.unwrap_or(rest.len());
                if verbatim > 0 {
                    out.push_str(&rest[..end]);
                } else {
                    text(&rest[..end], &mut out);
                }
                rest = &rest[end..];
            }
        }
    }
    out
}

/// One piece of a text node: its character (a character reference decoded) and its source.
struct Piece<'a> {
    c: char,
    raw: &'a str,
}

/// The pieces of a text node, each reference (`&amp;`, `&#160;`) one piece.
fn pieces(raw: &str) -> Vec<Piece<'_>> {
    let mut v = Vec::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        let mut decoded = c;
        if c == '&' {
            let name_len = rest[1..]
                .bytes()
                .take(32)
                .position(|b| !(b.is_ascii_alphanumeric() || b == b'#'));
            if let Some(n) = name_len.filter(|&n| n > 0 && rest[1 + n..].starts_with(';')) {
                let name = &rest[1..1 + n];
                decoded = match name {
                    "nbsp" => '\u{A0}',
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => name
                        .strip_prefix('#')
                        .and_then(|num| match num.strip_prefix(['x', 'X']) {
                            Some(hex) => u32::from_str_radix(hex, 16).ok(),
                            None => num.parse().ok(),
                        })
                        .and_then(char::from_u32)
                        // A named reference this module does not know stands for a letter.
                        .unwrap_or('a'),
                };
                len = n + 2;
            }
        }
        v.push(Piece {
            c: decoded,
            raw: &rest[..len],
        });
        rest = &rest[len..];
    }
    v
}

fn is_mark(c: char) -> bool {
    matches!(c, ';' | ':' | '!' | '?')
}

/// A space that already keeps its neighbours together.
fn is_no_break(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}' | '\u{2009}' | '\u{2007}')
}

/// What a mark may follow, glued, to get a space: the end of a word or of a quotation.
fn ends_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ')' | ']' | '»' | '’' | '"' | '…' | '\'')
}

/// What may follow a mark that ends a sentence or a clause.
fn ends_clause(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '.' | ',' | ')' | ']' | '»' | '!' | '?'),
    }
}

/// Appends the text node `raw` to `out` with French spacing.
fn text(raw: &str, out: &mut String) {
    let wanted =
        raw.bytes().any(|b| matches!(b, b';' | b':' | b'!' | b'?')) || raw.contains(['«', '»']);
    if !wanted {
        out.push_str(raw);
        return;
    }
    let p = pieces(raw);
    // Pieces of ASCII whitespace waiting to be written: they become the no-break space when a
    // mark follows them.
    let mut pending = 0usize;
    // Whether the last piece written was `«`, whose following spaces are replaced too.
    let mut after_open = false;
    for (i, piece) in p.iter().enumerate() {
        let c = piece.c;
        if c.is_ascii_whitespace() && piece.raw.len() == 1 {
            pending += 1;
            continue;
        }
        let prev = i.checked_sub(pending + 1).map(|k| p[k].c);
        let next = p.get(i + 1).map(|x| x.c);
        if pending > 0 {
            let replaced = c == '»' || (is_mark(c) && ends_clause(next));
            if replaced || after_open {
                out.push(NNBSP);
            } else {
                for w in &p[i - pending..i] {
                    out.push_str(w.raw);
                }
            }
            pending = 0;
        } else if after_open && !is_no_break(c) {
            out.push(NNBSP);
        } else if let Some(prev) = prev {
            let glued = if c == '»' {
                !is_no_break(prev)
            } else {
                is_mark(c) && ends_word(prev) && ends_clause(next)
            };
            if glued {
                out.push(NNBSP);
            }
        }
        out.push_str(piece.raw);
        after_open = c == '«';
    }
    for w in &p[p.len() - pending..] {
        out.push_str(w.raw);
    }
}

#[cfg(test)]
mod tests {
    use super::french;

    /// `s` with the narrow no-break space written `_`, to read the expectations.
    fn shown(s: &str) -> String {
        french(s).replace('\u{202F}', "_")
    }

    #[test]
    fn spaces_before_marks_become_no_break() {
        assert_eq!(shown("Qui représente ?"), "Qui représente_?");
        assert_eq!(shown("Adresse : rue"), "Adresse_: rue");
        assert_eq!(shown("Oui ; non !"), "Oui_; non_!");
        // A line break in the source is a space too.
        assert_eq!(shown("Pourquoi\n   ?"), "Pourquoi_?");
        assert_eq!(shown("« Bonjour »"), "«_Bonjour_»");
    }

    #[test]
    fn missing_spaces_are_added_where_a_mark_ends_a_word() {
        assert_eq!(shown("Vraiment? Oui!"), "Vraiment_? Oui_!");
        assert_eq!(shown("<p>Note:</p>"), "<p>Note_:</p>");
        assert_eq!(shown("«Bonjour»"), "«_Bonjour_»");
        assert_eq!(shown("Quoi ?!"), "Quoi_?!");
    }

    #[test]
    fn addresses_times_and_smileys_stay_as_written() {
        for s in [
            "Voir https://exemple.be/a?b=1 ou mailto:x@y.be",
            "de 18:30 à 20:00",
            "ratio 1:2, :-) ou :x",
            "C&#39;est &amp; cela",
        ] {
            assert_eq!(french(s), s);
        }
        // The space before the mark, not the mark inside the address.
        assert_eq!(
            shown("Lien : https://x.be/?q=1"),
            "Lien_: https://x.be/?q=1"
        );
    }

    #[test]
    fn code_scripts_tags_and_attributes_are_not_touched() {
        for s in [
            "<code>a ? b : c</code>",
            "<pre><code>if x ? y</code></pre>",
            "<script type=\"application/ld+json\">{\"name\": \"Qui ?\"}</script>",
            "<style>a:hover { color: red ; }</style>",
            "<textarea>Pourquoi ?</textarea>",
            "<a href=\"/?x=1\" title=\"Qui ?\">x</a>",
            "<input value=\"Adresse : 1\">",
            "<!-- Qui ? -->",
        ] {
            assert_eq!(french(s), s, "{s}");
        }
        // Text after code is treated again.
        assert_eq!(
            shown("<code>a?</code> et toi ?"),
            "<code>a?</code> et toi_?"
        );
    }

    #[test]
    fn spaces_already_there_are_kept() {
        for s in [
            "Qui\u{202F}?",
            "Qui\u{A0}?",
            "Qui&nbsp;?",
            "Qui&#160;?",
            "«\u{A0}Bonjour\u{A0}»",
        ] {
            assert_eq!(french(s), s, "{s}");
        }
        // Applying it twice changes nothing more.
        let once = french("Quoi? « Rien » : ok ; bien !");
        assert_eq!(french(&once), once);
    }

    #[test]
    fn only_french_sites() {
        assert!(super::applies_to("fr"));
        assert!(super::applies_to("fr-BE"));
        assert!(!super::applies_to("nl"));
        assert!(!super::applies_to("frr"));
    }
}
