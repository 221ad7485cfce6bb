//! The validated, typed site content. Everything here has been checked by `content`:
//! downstream code (site model, renderers) trusts these types and never re-validates.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A URL-safe identifier: lowercase ASCII letters, digits and single dashes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

/// Read back (from the store of checked events) through `parse`, like any slug.
impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Slug, D::Error> {
        let s = String::deserialize(d)?;
        Slug::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a slug: {s}")))
    }
}

impl Slug {
    /// Accepts `s` only if it is already a valid slug.
    pub fn parse(s: &str) -> Option<Slug> {
        let ok = !s.is_empty()
            && s.len() <= 120
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        ok.then(|| Slug(s.to_string()))
    }

    /// Makes a slug from free text: accents folded, anything else becomes a dash.
    /// Returns `None` when nothing usable is left (e.g. only punctuation).
    pub fn from_text(text: &str) -> Option<Slug> {
        let mut out = String::with_capacity(text.len());
        for c in text.chars().flat_map(fold_char) {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out.truncate(120);
        while out.ends_with('-') {
            out.pop();
        }
        Slug::parse(&out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Latin letters with diacritics folded to ASCII, so French terms make readable anchors.
fn fold_char(c: char) -> Vec<char> {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        _ => return vec![c],
    };
    s.chars().collect()
}

mod private;
mod vocabulary;
pub use private::*;
pub use vocabulary::*;

/// The whole validated content of a site.
#[derive(Debug, Clone)]
pub struct Content {
    pub config: Config,
    pub baseline: Baseline,
    pub axes: Vec<AxisText>,
    pub charter: Charter,
    pub lexicon: Lexicon,
    pub kit: Kit,
    pub networks: Networks,
    pub pages: Vec<Page>,
    /// Public profiles of the ambassadors who agreed to be listed, by id.
    pub ambassadors: Vec<Ambassador>,
    pub events: Vec<Arc<Event>>,
    pub sheets: Sheets,
    /// The site's other languages (`languages:` after the first), with what is translated.
    pub translations: Vec<Translation>,
}

/// What exists in one of the site's other languages: each item replaces the original of the
/// same id; what is missing falls back to the original (see `site::languages`).
#[derive(Debug, Clone, Default)]
pub struct Translation {
    pub lang: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub baseline: Option<Baseline>,
    pub axes: Option<Vec<AxisText>>,
    pub charter: Option<Charter>,
    /// The lexicon's introduction, when translated.
    pub lexicon_introduction_html: Option<String>,
    /// Translated terms, with the original's ids.
    pub terms: Vec<Term>,
    pub pages: Vec<Page>,
    /// Translated events: the original with its words replaced.
    pub events: Vec<Arc<Event>>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    /// Always ends with `/`.
    pub base_url: url::Url,
    pub language: String,
    /// Every language of the site, `language` first.
    pub languages: Vec<String>,
    pub timezone: Tz,
    pub theme: Option<String>,
    pub organisation: Organisation,
    pub join_page: Option<Slug>,
    pub allow_raw_html: bool,
    pub feed_past_days: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Organisation {
    pub name: String,
    pub url: Option<String>,
    pub email: String,
    pub phone: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Baseline {
    pub statement: String,
    pub explanation_html: String,
}

#[derive(Debug, Clone)]
pub struct AxisText {
    pub axis: Axis,
    pub title: String,
    pub summary: String,
    pub description_html: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Charter {
    pub title: String,
    pub introduction_html: String,
    pub commitments: Vec<Commitment>,
    pub conclusion_html: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Commitment {
    pub title: String,
    pub text_html: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    pub introduction_html: Option<String>,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone)]
pub struct Term {
    pub id: Slug,
    pub term: String,
    pub definition_html: String,
    pub see_also: Vec<Slug>,
    pub not_to_confuse: Vec<Slug>,
}

#[derive(Debug, Clone)]
pub struct Kit {
    pub introduction_html: Option<String>,
    pub items: Vec<KitItem>,
}

#[derive(Debug, Clone)]
pub struct KitItem {
    pub id: Slug,
    pub title: String,
    pub kind: KitKind,
    pub description_html: String,
    pub audience: Option<String>,
    pub language: String,
    pub updated: NaiveDate,
    pub target: KitTarget,
    /// A Markdown file's text as HTML, without its first `# ` title: such an item is also a
    /// page of its own, to read and print (`/kit/<id>/`).
    pub page_html: Option<String>,
}

#[derive(Debug, Clone)]
pub enum KitTarget {
    /// A file inside `content/`, copied to the same relative path in the output.
    File {
        /// Relative to `content/`, with `/` separators, checked to stay inside it.
        rel: String,
        source: PathBuf,
        size: u64,
    },
    Url(url::Url),
}

#[derive(Debug, Clone)]
pub struct Networks {
    pub introduction_html: Option<String>,
    pub networks: Vec<Network>,
}

#[derive(Debug, Clone)]
pub struct Network {
    pub id: Slug,
    pub name: String,
    pub url: Option<url::Url>,
    pub level: Level,
    pub sector: Option<String>,
    pub territory: Option<String>,
    pub description_html: Option<String>,
    pub member_since: Option<u16>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: Slug,
    pub title: String,
    pub description: Option<String>,
    pub menu: Option<i32>,
    pub content_html: String,
}

/// When an event takes place, in its own time zone's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum When {
    Timed {
        start: NaiveDateTime,
        end: Option<NaiveDateTime>,
    },
    AllDay {
        start: NaiveDate,
        /// The last day, inclusive.
        last: NaiveDate,
    },
}

impl When {
    pub fn start_date(&self) -> NaiveDate {
        match self {
            When::Timed { start, .. } => start.date(),
            When::AllDay { start, .. } => *start,
        }
    }

    pub fn end_date(&self) -> NaiveDate {
        match self {
            When::Timed { start, end } => end.unwrap_or(*start).date(),
            When::AllDay { last, .. } => *last,
        }
    }

    /// The same event moved so that it starts on `date` (for occurrences of a recurrence).
    pub fn shifted_to(&self, date: NaiveDate) -> When {
        let delta = date - self.start_date();
        match *self {
            When::Timed { start, end } => When::Timed {
                start: start + delta,
                end: end.map(|e| e + delta),
            },
            When::AllDay { start, last } => When::AllDay {
                start: start + delta,
                last: last + delta,
            },
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recurrence {
    /// The rule exactly as the editor wrote it (without a `RRULE:` prefix).
    pub rule: String,
    pub exceptions: Vec<NaiveDate>,
    /// Start dates of the occurrences, exceptions removed, up to the expansion horizon.
    pub occurrences: Vec<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Location {
    pub name: Option<String>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Representative {
    /// The ambassador's id (`ambassadeurs/<id>.md`, private `<id>.yaml`), when given.
    pub id: Option<Slug>,
    /// `None` when the person has not agreed to be named publicly.
    pub public_name: Option<String>,
    /// Known to the support group; used only on private material, never published. `None`
    /// when only the `id` was given.
    pub name: Option<String>,
    pub role: Role,
}

/// The public profile of an ambassador who agreed to be listed (`ambassadeurs/<id>.md`).
/// Never a way to reach the person: contact goes through the support group.
#[derive(Debug, Clone)]
pub struct Ambassador {
    pub id: Slug,
    pub name: String,
    pub themes: Vec<String>,
    pub sectors: Vec<String>,
    pub regions: Vec<String>,
    pub languages: Vec<String>,
    pub photo: Option<Photo>,
    pub since: Option<u16>,
    pub text_html: String,
}

/// An image inside `content/`, copied to the same relative path in the output.
#[derive(Debug, Clone)]
pub struct Photo {
    /// Relative to `content/`, with `/` separators.
    pub rel: String,
    pub source: PathBuf,
    /// As written; the theme words a default from the name.
    pub alt: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Mission {
    pub intervention: Option<Intervention>,
    pub audience: Option<String>,
    pub venue: Option<Venue>,
    pub objectives_html: Option<String>,
    pub objectives_text: Option<String>,
    pub expectations_text: Option<String>,
    pub preparation_text: Option<String>,
    pub compensation: Option<Compensation>,
    pub criteria: Vec<Criterion>,
    pub contact: Option<String>,
    /// An open call for volunteers.
    pub open: Option<OpenCall>,
}

/// A mission offered to the ambassadors until its deadline (`mission: open:`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenCall {
    /// How many ambassadors are wanted.
    pub seats: u32,
    /// The last day to volunteer, inclusive.
    pub deadline: NaiveDate,
    pub themes: Vec<String>,
    pub sectors: Vec<String>,
    pub languages: Vec<String>,
    pub regions: Vec<String>,
    /// Closed by hand by the support group.
    pub closed: bool,
}

/// An event's report (`report:`): what was said, the messages carried, the organisations met
/// (never private people), the questions brought back. Each part in Markdown, as HTML for the
/// page and plain text for the printable sheet; at least one part is there.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// When it was written: never before the event.
    pub date: NaiveDate,
    pub summary: Option<ReportPart>,
    pub messages: Option<ReportPart>,
    pub organisations: Option<ReportPart>,
    pub questions: Option<ReportPart>,
    /// Its first words as plain text, for the list of reports and its feed.
    pub excerpt: String,
}

/// One part of a report, as HTML and as plain text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportPart {
    pub html: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub slug: Slug,
    /// Site-relative path of the source file, for messages.
    pub source: PathBuf,
    pub title: String,
    pub when: When,
    pub timezone: Tz,
    pub recurrence: Option<Recurrence>,
    pub status: Status,
    pub location: Option<Location>,
    pub online: Option<Box<url::Url>>,
    pub level: Level,
    pub axis: Option<Axis>,
    pub themes: Vec<String>,
    pub region: Option<String>,
    pub representatives: Vec<Representative>,
    // Boxed: most events have neither a mission nor a report (nor a link for joining online),
    // and each byte of an event is held 10,000 times on a large site.
    pub mission: Option<Box<Mission>>,
    /// What happened, published on the event's page once it is past (`report:`).
    pub report: Option<Box<Report>>,
    pub uid: String,
    pub updated: Option<NaiveDateTime>,
    /// When the event last changed, for calendars (see `content::history`).
    pub stamp: Stamp,
    pub sequence: u32,
    /// The description as plain text (`markdown::to_plain_text`), for calendar files.
    pub description_text: String,
    pub description_html: String,
    /// The description's first words as plain text (`markdown::summary`), for meta
    /// descriptions, calendar links and feeds: made once, used by several files.
    pub summary: String,
    /// A key of what the event was made from: its file's path and text (`content::events`).
    /// Everything else it depends on is in what every file of a build shares (the settings,
    /// the binary: the manifest's global key), but its `stamp`, set later. So the key of its
    /// files is made from this and the stamp, not from the whole event serialised again
    /// (`render::event`). `None` for an event changed after it was made (a translation):
    /// whatever changes an event other than its `stamp` must set it to `None`.
    pub made_from: Option<u128>,
}

/// When an event last changed: never after the build's reference day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Stamp {
    pub at: chrono::DateTime<chrono::Utc>,
    /// Known from `updated` or a commit, rather than guessed from the file's time.
    pub known: bool,
}

#[derive(Debug, Clone)]
pub struct Sheets {
    pub mission: Sheet,
    pub identification: Sheet,
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub title: String,
    pub introduction_html: Option<String>,
    pub sections: Vec<SheetSection>,
}

#[derive(Debug, Clone)]
pub struct SheetSection {
    pub title: String,
    pub fields: Vec<SheetField>,
}

#[derive(Debug, Clone)]
pub struct SheetField {
    pub id: Option<String>,
    pub label: String,
    pub kind: FieldKind,
    pub help: Option<String>,
    pub lines: u8,
    pub options: Vec<SheetOption>,
    pub rows: Vec<String>,
    pub columns: Vec<String>,
}

/// One option of a `choice` or `multichoice` field.
#[derive(Debug, Clone)]
pub struct SheetOption {
    /// For a `SheetChoice` field, a value of its vocabulary; `None` on every other field.
    pub id: Option<String>,
    pub label: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_french_text() {
        assert_eq!(
            Slug::from_text("Groupe d'appui").unwrap().as_str(),
            "groupe-d-appui"
        );
        assert_eq!(
            Slug::from_text("  Défraiement ").unwrap().as_str(),
            "defraiement"
        );
        assert_eq!(
            Slug::from_text("SMart in Progress").unwrap().as_str(),
            "smart-in-progress"
        );
        assert_eq!(Slug::from_text("Œuvre — été"), Slug::parse("oeuvre-ete"));
        assert!(Slug::from_text("!!!").is_none());
    }

    #[test]
    fn slug_parse_rejects_unsafe_names() {
        for bad in ["", "..", "a/b", "A", "a--b", "-a", "a-", "a b", "é", "a\\b"] {
            assert!(Slug::parse(bad).is_none(), "{bad:?} accepted");
        }
        assert!(Slug::parse("salon-2027").is_some());
    }
}
