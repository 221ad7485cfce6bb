//! The yearly figures of `/bilan/`: representations held per year, by level, theme, region,
//! axis and kind of venue, the share held in binôme, the ambassadors involved and the events
//! with a report. A pure function of the content and the reference day; no wording here.
//!
//! What counts (the README's "Figures" says the same to editors): every occurrence of an
//! event is one representation, in the year it starts; occurrences after the reference day are
//! not counted yet, and neither are those of a cancelled or postponed event (a postponed one
//! has no date yet: it is counted once it has its new date and `confirmed` again). A year with
//! no representation held has no figures.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use super::{occurrences, published_report};
use crate::model::{Axis, Content, Event, Level, Role, Slug, Status, Venue};

/// A theme or a region: its slug (its filter page's) and its label as first written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub slug: String,
    pub label: String,
}

/// The figures of one year.
#[derive(Debug, Clone)]
pub struct YearFigures {
    pub year: i32,
    /// The reference day's year: counted up to that day only.
    pub to_date: bool,
    /// Representations held: occurrences.
    pub held: usize,
    /// Distinct events with at least one representation held in the year.
    pub events: usize,
    /// Representations by level, in the levels' order; values with none are left out.
    pub levels: Vec<(Level, usize)>,
    /// By theme, most first (an occurrence counts once for each of its themes); `None`: no theme.
    pub themes: Vec<(Option<Named>, usize)>,
    /// By region, most first; `None`: no region given.
    pub regions: Vec<(Option<Named>, usize)>,
    /// By axis, in the axes' order, `None` (not given) last.
    pub axes: Vec<(Option<Axis>, usize)>,
    /// By kind of venue (`mission.venue`), in the vocabulary's order, `None` last.
    pub venues: Vec<(Option<Venue>, usize)>,
    /// Representations whose representatives include an ambassador and a staff member.
    pub binome: usize,
    /// Distinct ambassadors among the representatives: by `id` when given, else by name.
    pub ambassadors: usize,
    /// Events of `events` whose report is published.
    pub reports: usize,
}

/// Whether the occurrences of `ev` take place as dated: not cancelled, not postponed.
pub fn counted(ev: &Event) -> bool {
    !matches!(ev.status, Status::Cancelled | Status::Postponed)
}

#[derive(Default)]
struct Tally {
    held: usize,
    events: BTreeSet<usize>,
    levels: BTreeMap<Level, usize>,
    themes: BTreeMap<Option<String>, (String, usize)>,
    regions: BTreeMap<Option<String>, (String, usize)>,
    axes: BTreeMap<Option<Axis>, usize>,
    venues: BTreeMap<Option<Venue>, usize>,
    binome: usize,
    ambassadors: BTreeSet<(bool, String)>,
}

/// The figures of every year with a representation held up to `today`, oldest first.
pub fn years(content: &Content, today: NaiveDate) -> Vec<YearFigures> {
    let mut years: BTreeMap<i32, Tally> = BTreeMap::new();
    for (i, ev) in content.events.iter().enumerate() {
        if !counted(ev) {
            continue;
        }
        for when in occurrences(ev) {
            let day = when.start_date();
            if day > today {
                continue;
            }
            let t = years.entry(day.year()).or_default();
            t.held += 1;
            t.events.insert(i);
            *t.levels.entry(ev.level).or_default() += 1;
            let named = |map: &mut BTreeMap<Option<String>, (String, usize)>, label: &str| {
                let slug = Slug::from_text(label).map(|s| s.to_string());
                map.entry(slug).or_insert_with(|| (label.to_string(), 0)).1 += 1;
            };
            if ev.themes.is_empty() {
                t.themes.entry(None).or_default().1 += 1;
            }
            for theme in &ev.themes {
                named(&mut t.themes, theme);
            }
            match &ev.region {
                Some(r) => named(&mut t.regions, r),
                None => t.regions.entry(None).or_default().1 += 1,
            }
            *t.axes.entry(ev.axis).or_default() += 1;
            *t.venues
                .entry(ev.mission.as_ref().and_then(|m| m.venue))
                .or_default() += 1;
            let has = |role: Role| ev.representatives.iter().any(|r| r.role == role);
            if has(Role::Ambassador) && has(Role::Staff) {
                t.binome += 1;
            }
            for r in ev
                .representatives
                .iter()
                .filter(|r| r.role == Role::Ambassador)
            {
                t.ambassadors.insert(match &r.id {
                    Some(id) => (true, id.to_string()),
                    None => (false, r.name.clone().unwrap_or_default()),
                });
            }
        }
    }
    years
        .into_iter()
        .map(|(year, t)| {
            let reports = t
                .events
                .iter()
                .filter(|&&i| published_report(&content.events[i], today).is_some())
                .count();
            YearFigures {
                year,
                to_date: year == today.year(),
                held: t.held,
                events: t.events.len(),
                levels: t.levels.into_iter().collect(),
                themes: most_first(t.themes),
                regions: most_first(t.regions),
                axes: none_last(t.axes),
                venues: none_last(t.venues),
                binome: t.binome,
                ambassadors: t.ambassadors.len(),
                reports,
            }
        })
        .collect()
}

/// Named values, most first then by slug, the unnamed (`None`) last.
fn most_first(map: BTreeMap<Option<String>, (String, usize)>) -> Vec<(Option<Named>, usize)> {
    let mut named: Vec<(Option<Named>, usize)> = Vec::new();
    let mut none = None;
    for (slug, (label, count)) in map {
        match slug {
            Some(slug) => named.push((Some(Named { slug, label }), count)),
            None => none = Some((None, count)),
        }
    }
    // A stable sort keeps the slugs' order among equal counts.
    named.sort_by_key(|n| std::cmp::Reverse(n.1));
    named.extend(none);
    named
}

/// The vocabulary's order (`BTreeMap` puts `None` first), `None` moved last.
fn none_last<K: Ord + Copy>(map: BTreeMap<Option<K>, usize>) -> Vec<(Option<K>, usize)> {
    let (none, mut some): (Vec<_>, Vec<_>) = map.into_iter().partition(|(k, _)| k.is_none());
    some.extend(none);
    some
}
