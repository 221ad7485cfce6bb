//! Links lexicon terms to their definition: on every page but the lexicon itself, the first use
//! of each term in the main content becomes a link to `/lexique/#<id>` (WCAG technique G55).
//! Text inside links, headings, code, form controls and SVG is never touched.

use crate::model::Lexicon;

/// Elements whose text must not receive links.
const SKIP: &[&str] = &[
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style",
    "dfn", "button", "label", "legend", "title", "textarea", "select", "option", "svg", "time",
    "abbr",
];

pub struct Glossary {
    /// (folded term, index into `ids`), longest first so that "sociétaire ambassadeur" wins
    /// over "sociétaire".
    terms: Vec<(Vec<char>, usize)>,
    /// The anchors of the lexicon's entries (several terms may share one).
    ids: Vec<String>,
    /// Indices into `terms` by first character, sorted by character, so each word start
    /// checks only a few terms.
    by_first: Vec<(char, Vec<usize>)>,
    /// Bit `c` set when a term starts with the ASCII character `c`: most characters of a page
    /// are rejected with one test.
    ascii_firsts: u128,
    /// The start of a link to an entry: `<a class="term" href="/nl/lexique/#`.
    link_start: String,
}

/// Lowercase, with typographic apostrophes made plain, so "D’appui" matches "d'appui".
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        '’' | 'ʼ' | '‘' => '\'',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// The character of the reference at the start of `text` (just after its `&`) and the
/// reference's length (without the `&`). `None` for a reference this module does not know
/// (`&eacute;`): re-encoding could not restore it, so a text holding one is left as it is.
fn reference(text: &str) -> Option<(char, usize)> {
    let end = text.find(';')?;
    let name = &text[..end];
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
    Some((c, end + 1))
}

/// The characters of an HTML text node, character references decoded; a reference
/// `reference` does not know comes out as `None`.
fn decoded(text: &str) -> impl Iterator<Item = Option<char>> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        if c != '&' {
            rest = &rest[c.len_utf8()..];
            return Some(Some(c));
        }
        match reference(&rest[1..]) {
            Some((c, len)) => {
                rest = &rest[1 + len..];
                Some(Some(c))
            }
            None => {
                rest = "";
                Some(None)
            }
        }
    })
}

/// `text` with `&`, `<` and `>` escaped: quotes were decoded from text, not attributes, and
/// stay as they are.
fn encode(text: &[char], out: &mut String) {
    for &c in text {
        match crate::escape::entity(c, crate::escape::Set::Text) {
            Some(e) => out.push_str(e),
            None => out.push(c),
        }
    }
}

impl Glossary {
    /// The glossary of `lexicon`, linking to its page at `/lexique/`.
    pub fn new(lexicon: &Lexicon) -> Glossary {
        Glossary::at(lexicon, "/lexique/")
    }

    /// The glossary of `lexicon`, linking to its page at `address` (`/nl/lexique/`).
    pub fn at(lexicon: &Lexicon, address: &str) -> Glossary {
        let mut ids: Vec<String> = Vec::new();
        let mut terms: Vec<(Vec<char>, usize)> = Vec::new();
        for t in &lexicon.terms {
            let chars: Vec<char> = t.term.chars().map(fold).collect();
            if chars.len() < 3 {
                continue;
            }
            let id = t.id.to_string();
            let index = match ids.iter().position(|x| *x == id) {
                Some(i) => i,
                None => {
                    ids.push(id);
                    ids.len() - 1
                }
            };
            terms.push((chars, index));
        }
        terms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(ids[a.1].cmp(&ids[b.1])));
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        let mut ascii_firsts = 0u128;
        for (i, (chars, _)) in terms.iter().enumerate() {
            let c = chars[0];
            if c.is_ascii() {
                ascii_firsts |= 1 << (c as u32);
            }
            match by_first.binary_search_by_key(&c, |(f, _)| *f) {
                Ok(k) => by_first[k].1.push(i),
                Err(k) => by_first.insert(k, (c, vec![i])),
            }
        }
        Glossary {
            terms,
            ids,
            by_first,
            ascii_firsts,
            link_start: format!("<a class=\"term\" href=\"{}#", crate::escape::html(address)),
        }
    }

    /// The terms starting with the folded character `c`.
    fn starting_with(&self, c: char) -> &[usize] {
        if c.is_ascii() && self.ascii_firsts & (1 << (c as u32)) == 0 {
            return &[];
        }
        match self.by_first.binary_search_by_key(&c, |(f, _)| *f) {
            Ok(k) => &self.by_first[k].1,
            Err(_) => &[],
        }
    }

    /// Adds links inside the `<main>` element of a whole page.
    pub fn link_page(&self, html: &str) -> String {
        let (Some(start), Some(end)) = (find_tag(html, "<main"), rfind_tag(html, "</main>")) else {
            return html.to_string();
        };
        if self.terms.is_empty() || end < start {
            return html.to_string();
        }
        let mut used = vec![false; self.ids.len()];
        let mut out = String::with_capacity(html.len() + 256);
        out.push_str(&html[..start]);
        self.link_fragment(&html[start..end], &mut used, &mut out);
        out.push_str(&html[end..]);
        out
    }

    /// Links the first use of each term whose id is not yet `used` within an HTML fragment.
    fn link_fragment(&self, html: &str, used: &mut [bool], out: &mut String) {
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
                    self.text(&rest[..i], open.skipping(), used, out);
                    rest = &rest[i..];
                }
                None => {
                    self.text(rest, open.skipping(), used, out);
                    rest = "";
                }
            }
        }
    }

    /// Whether a term not linked yet could start somewhere in the text node `raw`: most text
    /// nodes of a page have none, and are then copied as they are, without the work of
    /// matching.
    fn may_hold_a_term(&self, raw: &str, used: &[bool]) -> bool {
        let bytes = raw.as_bytes();
        let mut after_word = false;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            // Plain ASCII, most of a page, is looked at byte by byte.
            let (f, len) = if b.is_ascii() && b != b'&' {
                (char::from(b.to_ascii_lowercase()), 1)
            } else if b == b'&' {
                match reference(&raw[i + 1..]) {
                    Some((c, n)) => (fold(c), 1 + n),
                    None => return true,
                }
            } else {
                match raw[i..].chars().next() {
                    Some(c) => (fold(c), c.len_utf8()),
                    None => return true,
                }
            };
            if !after_word
                && self.starting_with(f).iter().any(|&k| {
                    let (term, id) = &self.terms[k];
                    !used[*id] && may_start_with(&raw[i..], term)
                })
            {
                return true;
            }
            after_word = f.is_alphanumeric();
            i += len;
        }
        false
    }

    fn text(&self, raw: &str, skipping: bool, used: &mut [bool], out: &mut String) {
        if skipping || !self.may_hold_a_term(raw, used) {
            out.push_str(raw);
            return;
        }
        let Some(text) = decoded(raw).collect::<Option<Vec<char>>>() else {
            out.push_str(raw);
            return;
        };
        let folded: Vec<char> = text.iter().map(|c| fold(*c)).collect();
        // (start, length, id) of each link, found left to right.
        let mut links: Vec<(usize, usize, usize)> = Vec::new();
        let mut i = 0;
        while i < folded.len() {
            let at_word_start = i == 0 || !folded[i - 1].is_alphanumeric();
            let found = if at_word_start {
                self.starting_with(folded[i]).iter().find_map(|&k| {
                    let (term, id) = &self.terms[k];
                    if used[*id] {
                        return None;
                    }
                    matches_at(&folded, i, term).map(|len| (len, *id))
                })
            } else {
                None
            };
            match found {
                Some((len, id)) => {
                    used[id] = true;
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
            encode(&text[pos..start], out);
            out.push_str(&self.link_start);
            out.push_str(&self.ids[id]);
            out.push_str("\">");
            encode(&text[start..start + len], out);
            out.push_str("</a>");
            pos = start + len;
        }
        encode(&text[pos..], out);
    }
}

/// Where `tag` (starting with `<`) first starts in `html`: `str::find` with a string
/// pattern builds a searcher per call, which showed on pages of a few kilobytes.
fn find_tag(html: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = html[from..].find('<') {
        let at = from + p;
        if html[at..].starts_with(tag) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Where `tag` last starts in `html` (see `find_tag`).
fn rfind_tag(html: &str, tag: &str) -> Option<usize> {
    let mut to = html.len();
    while let Some(at) = html[..to].rfind('<') {
        if html[at..].starts_with(tag) {
            return Some(at);
        }
        to = at;
    }
    None
}

/// Whether `raw` (HTML text) starts with the folded `term`, word boundary aside; true too at a
/// reference this module cannot decode. Most word starts of a page begin like some term
/// (French text is full of `l&#39;`, `é`…): comparing the whole term here spares `text` its
/// two copies of the node for all of them.
fn may_start_with(raw: &str, term: &[char]) -> bool {
    let mut chars = decoded(raw);
    for &t in term {
        match chars.next() {
            Some(Some(c)) if fold(c) == t => {}
            Some(None) => return true,
            _ => return false,
        }
    }
    true
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

/// Byte length of the tag (or comment) at the start of `s`, quotes in attributes respected.
pub(super) fn tag_end(s: &str) -> usize {
    if s.starts_with("<!--") {
        return s.find("-->").map(|i| i + 3).unwrap_or(s.len());
    }
    let mut quote = None;
    for (i, &b) in s.as_bytes().iter().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The element name of a tag (`<p class=x>`: `p`), as written, and whether it closes.
pub(super) fn tag_name(tag: &str) -> (&str, bool) {
    // `strip_prefix`, not `trim_start_matches`: a string pattern builds a searcher per tag.
    let (after, closing) = match tag.strip_prefix("</") {
        Some(a) => (a, true),
        None => (tag.strip_prefix('<').unwrap_or(tag), false),
    };
    let len = after
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(after.len());
    (&after[..len], closing)
}

/// Whether an element's name is one of `names` (written in lowercase), in any case.
pub(super) fn is_one_of(name: &str, names: &[&str]) -> bool {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        names.iter().any(|s| s.eq_ignore_ascii_case(name))
    } else {
        names.contains(&name)
    }
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
        let (name, closing) = tag_name(tag);
        let skips = |n: &str| is_one_of(n, SKIP);
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
        } else if !is_one_of(name, VOID) && !tag.ends_with("/>") {
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
    fn terms_are_found_through_references_and_near_misses_are_left_alone() {
        let g = glossary(&["binôme", "l'agenda"]);
        // Every letter may be a reference, the first one included.
        let out = g.link_page("<main><p>Un &#66;in&#xF4;me.</p><p>L&#39;Agenda</p></main>");
        assert!(
            out.contains("Un <a class=\"term\" href=\"/lexique/#binome\">Binôme</a>."),
            "{out}"
        );
        assert!(out.contains(">L'Agenda</a>"), "{out}");
        // Words that start like a term but are not one: the text is copied untouched.
        let page = "<main><p>bin binôm binomes bin&ocirc;me l&#39;agent l agenda</p></main>";
        assert_eq!(g.link_page(page), page);
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
