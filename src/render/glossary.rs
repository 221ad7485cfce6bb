//! Links lexicon terms to their definition: on every page but the lexicon itself, the first use
//! of each term in the main content becomes a link to `/lexique/#<id>` (WCAG technique G55).
//! Text inside links, headings, code, form controls and SVG is never touched.

use std::collections::HashSet;

use crate::model::Lexicon;

/// Elements whose text must not receive links.
const SKIP: &[&str] = &[
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style",
    "dfn", "button", "label", "legend", "title", "textarea", "select", "option", "svg", "time",
    "abbr",
];

pub struct Glossary {
    /// (folded term, id), longest first so that "sociétaire ambassadeur" wins over "sociétaire".
    terms: Vec<(Vec<char>, String)>,
    /// Indices into `terms` by first character, so each word start checks only a few terms.
    by_first: std::collections::HashMap<char, Vec<usize>>,
}

/// Lowercase, with typographic apostrophes made plain, so "D’appui" matches "d'appui".
fn fold(c: char) -> char {
    match c {
        '’' | 'ʼ' | '‘' => '\'',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The text of an HTML text node: character references decoded. `None` when it holds a named
/// reference this function does not know (`&eacute;`): re-encoding could not restore it, so such
/// a text is left as it is.
fn decode(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';')?;
        let name = &after[..end];
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            _ => {
                let number = name.strip_prefix('#')?;
                let value = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse().ok()?,
                };
                char::from_u32(value).filter(|c| *c != '\0')?
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

fn encode(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Glossary {
    pub fn new(lexicon: &Lexicon) -> Glossary {
        let mut terms: Vec<(Vec<char>, String)> = lexicon
            .terms
            .iter()
            .map(|t| (t.term.chars().map(fold).collect(), t.id.to_string()))
            .filter(|(chars, _): &(Vec<char>, String)| chars.len() >= 3)
            .collect();
        terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        let mut by_first: std::collections::HashMap<char, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, (chars, _)) in terms.iter().enumerate() {
            if let Some(c) = chars.first() {
                by_first.entry(*c).or_default().push(i);
            }
        }
        Glossary { terms, by_first }
    }

    /// Adds links inside the `<main>` element of a whole page.
    pub fn link_page(&self, html: &str) -> String {
        let (Some(start), Some(end)) = (html.find("<main"), html.rfind("</main>")) else {
            return html.to_string();
        };
        if self.terms.is_empty() || end < start {
            return html.to_string();
        }
        let mut used = HashSet::new();
        let mut out = String::with_capacity(html.len() + 256);
        out.push_str(&html[..start]);
        out.push_str(&self.link_fragment(&html[start..end], &mut used));
        out.push_str(&html[end..]);
        out
    }

    /// Links the first use of each term not yet in `used` within an HTML fragment.
    pub fn link_fragment(&self, html: &str, used: &mut HashSet<String>) -> String {
        let mut out = String::with_capacity(html.len() + 128);
        let mut open = Open::default();
        let mut rest = html;
        while !rest.is_empty() {
            match rest.find('<') {
                Some(0) => {
                    let end = tag_end(rest);
                    let tag = &rest[..end];
                    open.track(tag);
                    out.push_str(tag);
                    rest = &rest[end..];
                }
                Some(i) => {
                    self.text(&rest[..i], open.skipping(), used, &mut out);
                    rest = &rest[i..];
                }
                None => {
                    self.text(rest, open.skipping(), used, &mut out);
                    rest = "";
                }
            }
        }
        out
    }

    /// Whether a term not linked yet could start somewhere in `raw` (a text without
    /// character references): most text nodes of a page have none, and are then copied as
    /// they are, without the work of decoding and matching.
    fn may_hold_a_term(&self, raw: &str, used: &HashSet<String>) -> bool {
        let mut after_word = false;
        raw.chars().any(|c| {
            let f = fold(c);
            let starts = !after_word
                && self
                    .by_first
                    .get(&f)
                    .is_some_and(|ks| ks.iter().any(|&k| !used.contains(&self.terms[k].1)));
            after_word = f.is_alphanumeric();
            starts
        })
    }

    fn text(&self, raw: &str, skipping: bool, used: &mut HashSet<String>, out: &mut String) {
        let hopeless = !raw.contains('&') && !self.may_hold_a_term(raw, used);
        if skipping || hopeless || raw.trim().is_empty() {
            out.push_str(raw);
            return;
        }
        let Some(decoded) = decode(raw) else {
            out.push_str(raw);
            return;
        };
        let text: Vec<char> = decoded.chars().collect();
        let folded: Vec<char> = text.iter().map(|c| fold(*c)).collect();
        // (start, length, id) of each link, found left to right.
        let mut links: Vec<(usize, usize, &String)> = Vec::new();
        let mut i = 0;
        while i < folded.len() {
            let at_word_start = i == 0 || !folded[i - 1].is_alphanumeric();
            let found = if at_word_start {
                self.by_first.get(&folded[i]).and_then(|candidates| {
                    candidates.iter().find_map(|&k| {
                        let (term, id) = &self.terms[k];
                        if used.contains(id) {
                            return None;
                        }
                        matches_at(&folded, i, term).map(|len| (len, id))
                    })
                })
            } else {
                None
            };
            match found {
                Some((len, id)) => {
                    used.insert(id.clone());
                    links.push((i, len, id));
                    i += len;
                }
                None => i += 1,
            }
        }
        if links.is_empty() {
            out.push_str(raw);
            return;
        }
        let mut pos = 0;
        for (start, len, id) in links {
            out.push_str(&encode(&text[pos..start].iter().collect::<String>()));
            let word: String = text[start..start + len].iter().collect();
            out.push_str(&format!(
                "<a class=\"term\" href=\"/lexique/#{id}\">{}</a>",
                encode(&word)
            ));
            pos = start + len;
        }
        out.push_str(&encode(&text[pos..].iter().collect::<String>()));
    }
}

/// Length of the match of `term` at `i` (with an optional plural `s`/`x`), ending on a word
/// boundary.
fn matches_at(text: &[char], i: usize, term: &[char]) -> Option<usize> {
    let end = i + term.len();
    if end > text.len() || text[i..end] != *term {
        return None;
    }
    let boundary = |j: usize| j >= text.len() || !text[j].is_alphanumeric();
    if boundary(end) {
        return Some(term.len());
    }
    if matches!(text[end], 's' | 'x') && boundary(end + 1) {
        return Some(term.len() + 1);
    }
    None
}

/// Byte length of the tag (or comment) at the start of `s`.
fn tag_end(s: &str) -> usize {
    if s.starts_with("<!--") {
        return s.find("-->").map(|i| i + 3).unwrap_or(s.len());
    }
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The elements open at some point of a page, by name as written (the tag's own text, not a
/// copy), and how many of them are in `SKIP`.
#[derive(Default)]
struct Open<'a> {
    stack: Vec<&'a str>,
    skipped: usize,
}

impl<'a> Open<'a> {
    fn skipping(&self) -> bool {
        self.skipped > 0
    }

    /// Keeps the stack of open elements up to date with one tag.
    fn track(&mut self, tag: &'a str) {
        if tag.starts_with("<!") || tag.starts_with("<?") {
            return;
        }
        let closing = tag.starts_with("</");
        let after = tag.trim_start_matches("</").trim_start_matches('<');
        let len = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        let name = &after[..len];
        let skips = |n: &str| SKIP.iter().any(|s| s.eq_ignore_ascii_case(n));
        const VOID: &[&str] = &[
            "br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area", "base",
            "embed", "track",
        ];
        if closing {
            if let Some(pos) = self
                .stack
                .iter()
                .rposition(|t| t.eq_ignore_ascii_case(name))
            {
                let closed = self.stack[pos..].iter().filter(|t| skips(t)).count();
                self.skipped -= closed;
                self.stack.truncate(pos);
            }
        } else if !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) && !tag.ends_with("/>") {
            if skips(name) {
                self.skipped += 1;
            }
            self.stack.push(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Slug, Term};

    fn glossary(terms: &[&str]) -> Glossary {
        Glossary::new(&Lexicon {
            introduction_html: None,
            terms: terms
                .iter()
                .map(|t| Term {
                    id: Slug::from_text(t).unwrap(),
                    term: t.to_string(),
                    definition_html: String::new(),
                    see_also: vec![],
                    not_to_confuse: vec![],
                })
                .collect(),
        })
    }

    #[test]
    fn first_use_only_and_never_in_links_headings_or_code() {
        let g = glossary(&["binôme", "groupe d'appui"]);
        let html = "<main><h2>Le binôme</h2><p>Un <a href=\"/x\">binôme</a> et <code>binôme</code>, puis le Binôme et les binômes. Le groupe d&#x27;appui aide le groupe d’appui.</p></main>";
        let out = g.link_page(html);
        assert_eq!(out.matches("href=\"/lexique/#binome\"").count(), 1, "{out}");
        assert!(
            out.contains(
                "puis le <a class=\"term\" href=\"/lexique/#binome\">Binôme</a> et les binômes"
            ),
            "{out}"
        );
        assert!(out.contains("<h2>Le binôme</h2>"));
        assert!(
            out.contains("<a class=\"term\" href=\"/lexique/#groupe-d-appui\">groupe d'appui</a>"),
            "{out}"
        );
    }

    #[test]
    fn words_must_be_whole() {
        let g = glossary(&["coopérative"]);
        let out = g.link_page("<main><p>coopératives coopérativement</p></main>");
        assert!(out.contains(">coopératives</a> coopérativement"), "{out}");
        let out = g.link_page("<main><p>précoopérative</p></main>");
        assert!(!out.contains("<a"), "{out}");
    }

    #[test]
    fn character_references_survive_a_link() {
        let g = glossary(&["kit"]);
        let out = g.link_page("<main><p>&#233;t&#xE9; kit</p><p>&eacute; kit</p></main>");
        assert!(
            out.contains("<p>été <a class=\"term\" href=\"/lexique/#kit\">kit</a></p>"),
            "{out}"
        );
        // An unknown named reference cannot be re-encoded: that text is left alone.
        assert!(out.contains("<p>&eacute; kit</p>"), "{out}");
    }

    #[test]
    fn text_is_reencoded_safely() {
        let g = glossary(&["kit"]);
        let out = g.link_page("<main><p>&lt;script&gt; kit &amp; co</p></main>");
        assert!(
            out.contains(
                "&lt;script&gt; <a class=\"term\" href=\"/lexique/#kit\">kit</a> &amp; co"
            ),
            "{out}"
        );
    }
}
