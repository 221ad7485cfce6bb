//! The translations the Rust code reads itself (menu entries, page titles, dates, feed names,
//! vocabulary labels), read once when the theme loads into typed fields. A key missing from
//! the theme's translations is a theme error naming the key and the file, instead of a page
//! quietly printing a stand-in. Templates still get the whole translations object as `t`.

use std::path::Path;

use serde_json::Value;

use crate::site::facets::FacetKind;

use super::dates::DateWords;
use super::rhythm::RhythmWords;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::Msg;
use crate::model::{Axis, Level, Role, Status, Venue};
use crate::msg;

/// Reads text from the translations by dotted path, noting each key missing or not text.
struct Reader<'v> {
    t: &'v Value,
    /// (dotted key, what is wrong with it)
    problems: Vec<(String, Msg)>,
}

impl Reader<'_> {
    fn get(&self, path: &str) -> &Value {
        path.split('.').fold(self.t, |v, k| &v[k])
    }

    fn text(&mut self, path: &str) -> String {
        self.optional(path).unwrap_or_else(|| {
            self.problems
                .push((path.to_string(), msg!("render-translation-missing")));
            String::new()
        })
    }

    /// Text that may be left out; `None` then.
    fn optional(&mut self, path: &str) -> Option<String> {
        match self.get(path) {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            _ => {
                self.problems
                    .push((path.to_string(), msg!("render-translation-not-text")));
                Some(String::new())
            }
        }
    }

    /// A list of exactly `n` texts, `what` saying what they are (a key of the message
    /// `render-translation-not-a-list`).
    fn list(&mut self, path: &str, n: usize, what: &str) -> Vec<String> {
        let texts: Option<Vec<String>> = self
            .get(path)
            .as_array()
            .and_then(|a| a.iter().map(|x| x.as_str().map(str::to_string)).collect());
        match texts {
            Some(v) if v.len() == n => v,
            _ => {
                self.problems.push((
                    path.to_string(),
                    msg!("render-translation-not-a-list", count = n, what = what),
                ));
                vec![String::new(); n]
            }
        }
    }
}

/// Groups of translations with one text per key, each field named as its key.
macro_rules! group {
    ($(#[$m:meta])* $name:ident = $group:literal { $($(#[$fm:meta])* $key:ident),+ $(,)? }) => {
        $(#[$m])*
        pub struct $name {
            $($(#[$fm])* pub $key: String),+
        }

        impl $name {
            fn read(r: &mut Reader) -> $name {
                $name {
                    $($key: r.text(concat!($group, ".", stringify!($key)))),+
                }
            }
        }
    };
}

group!(
    /// The menu entries of the site's own sections.
    Nav = "nav" { home, agenda, missions, charter, lexicon, kit, networks, ambassadors }
);

group!(
    /// Page titles.
    Titles = "titles" { month, agenda, archive, lexicon, kit, networks, ambassadors, not_found, missions, missions_propose }
);

group!(
    /// Names and description of the feeds: patterns with `{site}` and `{label}`.
    Feeds = "feeds" { all, atom_title, level, theme, region, description }
);

group!(
    /// The open calls' feeds (`{site}`; an Atom entry's `{date}`, `{seats}` left and
    /// `{deadline}`), and the `mailto:` links of `/missions/` (`{title}`,
    /// `{date}`, `{url}`) and of the page on proposing an intervention.
    Missions = "missions" {
        atom_title, atom_summary, feed_name, feed_description,
        volunteer_subject, volunteer_body, propose_subject, propose_body,
    }
);

group!(
    /// What each facet of the agenda is called on its filter pages.
    FacetKinds = "filters.kinds" { level, theme, region }
);

group!(
    /// The accessible name and description of the network map.
    NetworkMap = "networks" { map_title, map_desc }
);

group!(
    /// The directory's words read by the code: `photo_alt`, a photo's default text
    /// alternative, with `{name}`.
    DirectoryWords = "ambassadors" { photo_alt }
);

group!(
    /// `page_n`: "page {number}", added to the titles of a list's further pages.
    Pagination = "pagination" { page_n }
);

group!(
    /// File sizes: unit names and the decimal separator.
    Units = "units" { bytes, kb, mb, decimal }
);

group!(
    /// The events' reports: the list's title, its feed's title (`{site}`) and each entry's
    /// (`{title}`).
    ReportWords = "reports" { title, atom_title, entry }
);

group!(
    /// The figures pages: titles (`{year}`, `{date}`), each chart's title, the names of the
    /// CSV file's columns and dimensions, and a chart's text alternative (`{label}`, `{count}`).
    FigureWords = "figures" {
        title, year_title, to_date, not_given, total,
        by_level, by_theme, by_region, by_axis, by_venue,
        held, events, binome, ambassadors, reports,
        level, theme, region, axis, venue,
        csv_dimension, csv_value, csv_count, chart_item,
    }
);

/// The filters of the agenda.
pub struct Filters {
    pub kinds: FacetKinds,
}

/// The text of facet kind `kind` among a group's three.
fn by_kind<'a>(kind: FacetKind, level: &'a str, theme: &'a str, region: &'a str) -> &'a str {
    match kind {
        FacetKind::Level => level,
        FacetKind::Theme => theme,
        FacetKind::Region => region,
    }
}

impl FacetKinds {
    /// What facet kind `kind` is called.
    pub fn get(&self, kind: FacetKind) -> &str {
        by_kind(kind, &self.level, &self.theme, &self.region)
    }
}

impl Feeds {
    /// The name pattern of the feeds of facet kind `kind`.
    pub fn facet(&self, kind: FacetKind) -> &str {
        by_kind(kind, &self.level, &self.theme, &self.region)
    }
}

/// A closed vocabulary of the model, labelled in the translations under its keys.
pub trait Vocabulary: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn key(self) -> &'static str;
}

macro_rules! vocabularies {
    ($($name:ident),+) => {
        $(impl Vocabulary for $name {
            fn all() -> &'static [$name] {
                $name::ALL
            }
            fn key(self) -> &'static str {
                $name::key(self)
            }
        })+
    };
}

vocabularies!(Level, Status, Role, Axis, Venue);

/// The label of every value of a vocabulary.
pub struct Labels<V> {
    labels: Vec<(V, String)>,
}

impl<V: Vocabulary> Labels<V> {
    fn read(r: &mut Reader, group: &str) -> Labels<V> {
        let labels = V::all()
            .iter()
            .map(|v| (*v, r.text(&format!("{group}.{}", v.key()))))
            .collect();
        Labels { labels }
    }

    pub fn get(&self, v: V) -> &str {
        // `read` gave every value its label (or the theme failed to load): the key is never
        // shown, it only spares a panic.
        self.labels
            .iter()
            .find(|(k, _)| *k == v)
            .map_or(v.key(), |(_, label)| label)
    }
}

/// The translations the Rust code reads, grouped as the translations file groups them.
pub struct Translations {
    pub nav: Nav,
    pub titles: Titles,
    pub dates: DateWords,
    pub rhythm: RhythmWords,
    pub feeds: Feeds,
    pub missions: Missions,
    pub filters: Filters,
    pub networks: NetworkMap,
    pub directory: DirectoryWords,
    pub pagination: Pagination,
    pub units: Units,
    pub levels: Labels<Level>,
    pub statuses: Labels<Status>,
    pub roles: Labels<Role>,
    /// A representative whose name is not public, by role.
    pub roles_anonymous: Labels<Role>,
    /// A representative whose name is not public, on a pre-filled mission sheet's binôme.
    pub binome_unnamed: Labels<Role>,
    pub axes: Labels<Axis>,
    /// Kinds of venue (`mission.venue`), on the figures pages.
    pub venues: Labels<Venue>,
    pub reports: ReportWords,
    pub figures: FigureWords,
}

impl Translations {
    /// Reads `t`, the merged translations; `file` is the file a theme author would fix.
    pub fn read(t: &Value, file: &Path) -> Result<Translations, Diagnostics> {
        let mut r = Reader {
            t,
            problems: Vec::new(),
        };
        let words = Translations {
            nav: Nav::read(&mut r),
            titles: Titles::read(&mut r),
            dates: dates(&mut r),
            rhythm: rhythm(&mut r),
            feeds: Feeds::read(&mut r),
            missions: Missions::read(&mut r),
            filters: Filters {
                kinds: FacetKinds::read(&mut r),
            },
            networks: NetworkMap::read(&mut r),
            directory: DirectoryWords::read(&mut r),
            pagination: Pagination::read(&mut r),
            units: Units::read(&mut r),
            levels: Labels::read(&mut r, "levels"),
            statuses: Labels::read(&mut r, "statuses"),
            roles: Labels::read(&mut r, "roles"),
            roles_anonymous: Labels::read(&mut r, "roles_anonymous"),
            binome_unnamed: Labels::read(&mut r, "binome_unnamed"),
            axes: Labels::read(&mut r, "axes"),
            venues: Labels::read(&mut r, "venues"),
            reports: ReportWords::read(&mut r),
            figures: FigureWords::read(&mut r),
        };
        if r.problems.is_empty() {
            return Ok(words);
        }
        let mut diags = Diagnostics::new();
        for (key, problem) in r.problems {
            diags.push(
                Diagnostic::error(file, problem)
                    .field(key)
                    .hint(msg!("render-translation-hint")),
            );
        }
        Err(diags)
    }
}

fn dates(r: &mut Reader) -> DateWords {
    DateWords {
        months: r.list("dates.months", 12, "months"),
        months_short: r.list("dates.months_short", 12, "months-short"),
        weekdays: r.list("dates.weekdays", 7, "weekdays"),
        // Only some languages write the first day of a month otherwise.
        day_first: r.optional("dates.day_first"),
        date: r.text("dates.date"),
        time: r.text("dates.time"),
        timed_same_day: r.text("dates.timed_same_day"),
        timed_open: r.text("dates.timed_open"),
        timed_multi_day: r.text("dates.timed_multi_day"),
        all_day_range: r.text("dates.all_day_range"),
        month_year: r.text("dates.month_year"),
    }
}

fn rhythm(r: &mut Reader) -> RhythmWords {
    RhythmWords {
        ordinals: r.list("rhythm.ordinals", 5, "ordinals"),
        last: r.text("rhythm.last"),
        second_last: r.text("rhythm.second_last"),
        days_separator: r.text("rhythm.days_separator"),
        days_last_separator: r.text("rhythm.days_last_separator"),
        daily: r.text("rhythm.daily"),
        daily_n: r.text("rhythm.daily_n"),
        weekly: r.text("rhythm.weekly"),
        weekly_n: r.text("rhythm.weekly_n"),
        monthly_weekday: r.text("rhythm.monthly_weekday"),
        monthly_weekday_n: r.text("rhythm.monthly_weekday_n"),
        monthly_day: r.text("rhythm.monthly_day"),
        monthly_day_n: r.text("rhythm.monthly_day_n"),
        yearly: r.text("rhythm.yearly"),
        yearly_n: r.text("rhythm.yearly_n"),
        day_month: r.text("rhythm.day_month"),
        at: r.text("rhythm.at"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_fr() -> Value {
        serde_yaml::from_str(include_str!("../../themes/default/i18n/fr.yaml")).unwrap()
    }

    #[test]
    fn the_default_theme_has_every_key() {
        let w = Translations::read(&default_fr(), Path::new("fr.yaml")).unwrap();
        assert_eq!(w.nav.home, "Accueil");
        assert_eq!(w.filters.kinds.get(FacetKind::Theme), "Thème");
        assert_eq!(w.feeds.facet(FacetKind::Region), "{site} – région {label}");
        assert_eq!(w.levels.get(Level::European), "Européen");
        assert_eq!(
            w.roles_anonymous.get(Role::Staff),
            "Un·e membre de l’équipe de la coopérative"
        );
        assert_eq!(
            w.binome_unnamed.get(Role::Board),
            "Membre du conseil d’administration (nom non publié)"
        );
    }

    #[test]
    fn each_missing_or_wrong_key_is_named_with_the_file() {
        let mut t = default_fr();
        t["nav"].as_object_mut().unwrap().remove("kit");
        t["statuses"]["cancelled"] = Value::from(3);
        t["dates"]["months"] = serde_json::json!(["janvier"]);
        t["dates"].as_object_mut().unwrap().remove("day_first");
        let Err(d) = Translations::read(&t, Path::new("themes/x/i18n/fr.yaml")) else {
            panic!("read despite missing keys");
        };
        let shown: Vec<String> = d.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        for (key, problem) in [
            ("nav.kit", "is missing"),
            ("statuses.cancelled", "is not text"),
            ("dates.months", "list of 12 texts"),
        ] {
            assert!(
                shown
                    .iter()
                    .any(|s| s.starts_with("themes/x/i18n/fr.yaml: error: ")
                        && s.contains(&format!("{key}: "))
                        && s.contains(problem)),
                "{key}: {shown:#?}"
            );
        }
    }
}
