//! Markdown as plain text, for calendar descriptions and add-to-calendar links (where the
//! reader has no Markdown, no HTML and no base address), and for meta descriptions.

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use url::Url;

/// What separates the next text from what was written before it.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Gap {
    None,
    Line,
    Blank,
}

/// Writes the events of one document; the state of the blocks it is inside.
struct Plain<'p> {
    out: String,
    /// Written at the start of each line: list indentation and `> ` of block quotes.
    prefix: String,
    /// The length of `prefix` to go back to when each open list item, quote or note ends.
    restore: Vec<usize>,
    /// Written once before the first text of a list item or footnote (`- `, `3. `, `[1] `):
    /// the prefix length it goes after, and the marker.
    marker: Option<(usize, String)>,
    /// The next number of each open list (`None` for bullets).
    lists: Vec<Option<u64>>,
    /// Where each open link's text starts in `out`, and its address.
    links: Vec<(usize, String)>,
    gap: Gap,
    /// How much of `prefix` a blank line keeps (`>` inside a quote, nothing around it): the
    /// least of the prefixes when the gap was asked for.
    gap_prefix: usize,
    in_code: bool,
    cell: usize,
    /// Inside a heading left out (`summary`): its text is not written.
    skipping: bool,
    /// The event page, against which relative links are made absolute.
    page: Option<&'p Url>,
    /// Full mode writes link addresses and headings; brief mode (meta descriptions) does not.
    full: bool,
}

/// Plain text with the structure kept: blank lines between blocks, headings on their own line,
/// `- ` and numbered items indented under their parent, `> ` before quoted lines, one table row
/// per line with ` | ` between cells, images as their alt text, and links as `text (address)`
/// (once when the text is the address). Relative links are made absolute against `page`, the
/// page the Markdown is shown on, since calendar clients have no base address.
pub fn to_plain_text(md: &str, page: Option<&Url>) -> String {
    render(md, page, true)
}

/// Plain text for reading in a sentence (meta descriptions, JSON-LD): no link addresses and no
/// headings, otherwise as `to_plain_text`.
pub fn to_brief_text(md: &str) -> String {
    render(md, None, false)
}

fn render(md: &str, page: Option<&Url>, full: bool) -> String {
    let mut p = Plain {
        out: String::with_capacity(md.len()),
        prefix: String::new(),
        restore: Vec::new(),
        marker: None,
        lists: Vec::new(),
        links: Vec::new(),
        gap: Gap::None,
        gap_prefix: 0,
        in_code: false,
        cell: 0,
        skipping: false,
        page,
        full,
    };
    for ev in Parser::new_ext(md, super::options()) {
        p.event(ev);
    }
    tidy(&p.out)
}

impl Plain<'_> {
    fn separate(&mut self, gap: Gap) {
        if self.gap == Gap::None {
            self.gap_prefix = self.prefix.len();
        }
        self.gap_prefix = self.gap_prefix.min(self.prefix.len());
        if gap > self.gap {
            self.gap = gap;
        }
    }

    /// Before a block: a blank line, unless the block is first in a list item (on its line).
    fn block(&mut self) {
        if self.marker.is_none() {
            self.separate(Gap::Blank);
        }
    }

    /// Starts the line the next text goes on, when a block or line break asked for one.
    fn flush(&mut self) {
        if !self.out.is_empty() {
            match self.gap {
                Gap::None => {}
                Gap::Line => self.out.push('\n'),
                Gap::Blank => {
                    self.out.push('\n');
                    let keep = self.gap_prefix.min(self.prefix.len());
                    self.out.push_str(self.prefix[..keep].trim_end());
                    self.out.push('\n');
                }
            }
        }
        if self.gap != Gap::None || self.out.is_empty() || self.marker.is_some() {
            match self.marker.take() {
                Some((at, m)) => {
                    self.out.push_str(&self.prefix[..at]);
                    self.out.push_str(&m);
                }
                None => self.out.push_str(&self.prefix),
            }
        }
        self.gap = Gap::None;
    }

    fn text(&mut self, t: &str) {
        if self.skipping {
            return;
        }
        self.flush();
        self.out.push_str(t);
    }

    /// Opens a block whose lines are indented by `indent` (after `marker` on its first line).
    fn open(&mut self, marker: Option<String>, indent: &str) {
        let at = self.prefix.len();
        self.restore.push(at);
        self.marker = match (self.marker.take(), marker) {
            // A block first in an item (`1. - a`, `- > a`) shares the item's first line.
            (Some((outer, m)), inner) => Some((outer, m + inner.as_deref().unwrap_or(indent))),
            (None, inner) => inner.map(|m| (at, m)),
        };
        self.prefix.push_str(indent);
    }

    fn close(&mut self) {
        if self.marker.is_some() {
            // An empty item still shows its bullet or number.
            self.flush();
        }
        if let Some(at) = self.restore.pop() {
            self.prefix.truncate(at);
        }
    }

    fn event(&mut self, ev: Event) {
        match ev {
            Event::Text(t) if self.in_code => {
                for (i, line) in t.split('\n').enumerate() {
                    if i > 0 {
                        self.separate(Gap::Line);
                    }
                    if !line.is_empty() {
                        self.text(line);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.separate(Gap::Line),
            Event::Rule => self.separate(Gap::Blank),
            Event::FootnoteReference(label) => self.text(&format!("[{label}]")),
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::Paragraph => {}
            Tag::Heading { .. } => {
                self.block();
                self.skipping = !self.full;
            }
            Tag::BlockQuote(_) => {
                self.block();
                self.open(None, "> ");
            }
            Tag::CodeBlock(_) => {
                self.block();
                self.in_code = true;
            }
            Tag::List(start) => {
                self.separate(Gap::Line);
                self.lists.push(start);
            }
            Tag::Item => {
                self.separate(Gap::Line);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                let indent = " ".repeat(marker.chars().count());
                self.open(Some(marker), &indent);
            }
            Tag::FootnoteDefinition(label) => {
                self.separate(Gap::Blank);
                let marker = format!("[{label}] ");
                let indent = " ".repeat(marker.chars().count());
                self.open(Some(marker), &indent);
            }
            Tag::Table(_) => self.block(),
            Tag::TableHead | Tag::TableRow => {
                self.separate(Gap::Line);
                self.cell = 0;
            }
            Tag::TableCell => {
                if self.cell > 0 {
                    self.text(" | ");
                } else if !self.skipping {
                    self.flush();
                }
                self.cell += 1;
            }
            Tag::Link {
                link_type,
                dest_url,
                ..
            } => {
                if !self.skipping {
                    self.flush();
                }
                let address = match link_type {
                    LinkType::Email => format!("mailto:{dest_url}"),
                    _ => absolute(&dest_url, self.page),
                };
                self.links.push((self.out.len(), address));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Table => self.separate(Gap::Blank),
            TagEnd::Heading(_) => {
                self.separate(Gap::Blank);
                self.skipping = false;
            }
            TagEnd::CodeBlock => {
                self.in_code = false;
                self.separate(Gap::Blank);
            }
            TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition => {
                self.close();
                self.separate(Gap::Blank);
            }
            TagEnd::Item => self.close(),
            TagEnd::List(_) => {
                self.lists.pop();
                self.separate(if self.lists.is_empty() {
                    Gap::Blank
                } else {
                    Gap::Line
                });
            }
            TagEnd::Link => {
                if let Some((at, address)) = self.links.pop() {
                    if self.full && !self.skipping {
                        self.link_address(at, &address);
                    }
                }
            }
            _ => {}
        }
    }

    /// After a link's text (from `at` in `out`): its address in brackets, or the address
    /// alone when the text only repeats it.
    fn link_address(&mut self, at: usize, address: &str) {
        let text = self.out[at..].trim();
        if text.is_empty() {
            self.text(address);
        } else if same_address(text, address) {
            if address.starts_with("http") {
                // `x.org` becomes `https://x.org/`, which calendar clients make a link of.
                self.out.truncate(at);
                self.out.push_str(address);
            }
        } else {
            self.out.push_str(&format!(" ({address})"));
        }
    }
}

/// `dest` as an address a calendar client can open: as written when absolute, else against
/// `page` (a fragment or `../` means what it means on the page itself).
fn absolute(dest: &str, page: Option<&Url>) -> String {
    if Url::parse(dest).is_ok() {
        return dest.to_string();
    }
    page.and_then(|p| p.join(dest).ok())
        .map_or_else(|| dest.to_string(), String::from)
}

/// Whether a link's text is its address written another way (`x.org` for `https://x.org/`,
/// `a@b.org` for `mailto:a@b.org`).
fn same_address(text: &str, address: &str) -> bool {
    fn bare(s: &str) -> String {
        let s = s.trim().to_lowercase();
        let s = ["https://", "http://", "mailto:", "tel:"]
            .iter()
            .find_map(|p| s.strip_prefix(p))
            .unwrap_or(&s)
            .to_string();
        let s = s.strip_prefix("www.").unwrap_or(&s);
        s.trim_end_matches('/').to_string()
    }
    bare(text) == bare(address)
}

/// Trailing spaces removed, no blank line at either end, at most one blank line in a row.
fn tidy(out: &str) -> String {
    let mut cleaned = String::with_capacity(out.len());
    let mut blank = false;
    for line in out.lines().map(str::trim_end) {
        if line.is_empty() {
            blank = !cleaned.is_empty();
            continue;
        }
        if !cleaned.is_empty() {
            cleaned.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        cleaned.push_str(line);
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://ambassade.example.org/agenda/atelier/").unwrap()
    }

    fn plain(md: &str) -> String {
        to_plain_text(md, Some(&page()))
    }

    #[test]
    fn links_keep_their_address_made_absolute() {
        let md = "Voir [le programme](https://smart.coop/programme), \
                  [la charte](/charte/), [le plan](plan.pdf), [plus bas](#acces), \
                  <https://smart.coop/> et [smart.coop](https://www.smart.coop/), \
                  [écrire](mailto:info@smart.coop) ou <info@smart.coop>.";
        assert_eq!(
            plain(md),
            "Voir le programme (https://smart.coop/programme), \
             la charte (https://ambassade.example.org/charte/), \
             le plan (https://ambassade.example.org/agenda/atelier/plan.pdf), \
             plus bas (https://ambassade.example.org/agenda/atelier/#acces), \
             https://smart.coop/ et https://www.smart.coop/, \
             écrire (mailto:info@smart.coop) ou info@smart.coop."
        );
        // Without a page, a relative address is kept as written.
        assert_eq!(to_plain_text("[x](/charte/)", None), "x (/charte/)");
    }

    #[test]
    fn lists_are_numbered_from_their_start_and_nested_items_indented() {
        let md = "Étapes :\n\n3. Arriver\n4. S'inscrire\n   - au stand\n   - ou en ligne\n     1. formulaire\n5. Repartir\n\n- fin\n-\n";
        assert_eq!(
            plain(md),
            "Étapes :\n\n\
             3. Arriver\n\
             4. S'inscrire\n   \
                - au stand\n   \
                - ou en ligne\n     \
                  1. formulaire\n\
             5. Repartir\n\n\
             - fin\n\
             -"
        );
    }

    #[test]
    fn loose_items_keep_their_paragraphs_under_the_marker() {
        let md = "1. Premier\n\n   Suite du premier.\n\n2. Second\n";
        assert_eq!(plain(md), "1. Premier\n\n   Suite du premier.\n\n2. Second");
    }

    #[test]
    fn a_block_first_in_an_item_shares_its_line() {
        assert_eq!(
            plain("1. - a\n   - b\n2. > cité\\\n   > encore\n"),
            "1. - a\n   - b\n2. > cité\n   > encore"
        );
    }

    #[test]
    fn tables_have_one_row_per_line() {
        let md = "| Heure | Atelier |\n|---|:-:|\n| 9h | Accueil |\n| 10h | [Statuts](/statuts/) |\n\nAprès.";
        assert_eq!(
            plain(md),
            "Heure | Atelier\n9h | Accueil\n10h | Statuts (https://ambassade.example.org/statuts/)\n\nAprès."
        );
    }

    #[test]
    fn headings_quotes_images_code_and_notes() {
        let md = "## Programme\nTexte *lié*  \nà la ligne.\n\n> Citée\n>\n> deux fois\n\n\
                  ![Plan d'accès](plan.png)\n\n```\nambassade build\n  --today\n```\n\n\
                  Note[^n] et `code`.\n\n[^n]: Le détail.\n\n---\n\nFin";
        assert_eq!(
            plain(md),
            "Programme\n\nTexte lié\nà la ligne.\n\n> Citée\n>\n> deux fois\n\nPlan d'accès\n\n\
             ambassade build\n  --today\n\nNote[n] et code.\n\n[n] Le détail.\n\nFin"
        );
    }

    #[test]
    fn brief_text_has_no_addresses_and_no_headings() {
        let md = "# Atelier\n\nUn [atelier](https://x.org) sur les *statuts*.\n\n- a\n";
        assert_eq!(to_brief_text(md), "Un atelier sur les statuts.\n\n- a");
        assert_eq!(super::super::summary(md), "Un atelier sur les statuts.");
    }
}
