//! The site model: views derived from the validated content that several renderers share:
//! every occurrence of every event placed in time, split into upcoming and past around the
//! reference date, the agenda's facets (`facets`) and the open calls (`missions`). No I/O
//! and no formatting here.

pub mod facets;
pub mod figures;
pub mod languages;
pub mod missions;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::model::{Content, Event, Report, When};

/// One dated occurrence of an event (a non-recurring event has exactly one).
#[derive(Debug, Clone, Copy)]
pub struct Occurrence {
    /// Index into `Content::events`.
    pub event: usize,
    pub when: When,
    /// The start as an instant, for sorting events of different zones together.
    pub instant: DateTime<Utc>,
}

/// Content plus the derived views.
pub struct Site {
    pub content: Content,
    pub today: NaiveDate,
    /// Occurrences that end today or later, soonest first.
    pub upcoming: Vec<Occurrence>,
    /// Occurrences that ended before today, most recent first.
    pub past: Vec<Occurrence>,
    /// The agenda's entries: `upcoming` with each recurring event only at its next occurrence
    /// (its card gives its rhythm), soonest first. The agenda, its filter pages and the home
    /// page list these; the month grids and the archive list occurrences.
    pub listed: Vec<Occurrence>,
    /// The open calls listed today (`missions`), nearest deadline first.
    pub open_calls: Vec<missions::Listing>,
    /// The events whose report is published (`published_report`), by report date, newest
    /// first.
    pub reports: Vec<usize>,
    /// The figures of each year with a representation held, oldest first (`figures`).
    pub figures: Vec<figures::YearFigures>,
    /// For each event, the indices of its occurrences in `upcoming`, soonest first.
    upcoming_by_event: Vec<Vec<usize>>,
    /// What this language's content shows in the default language (`languages`): nothing
    /// for the default language.
    pub fallbacks: languages::Fallbacks,
}

impl Site {
    pub fn new(mut content: Content, today: NaiveDate) -> Site {
        // Events in file order are already deterministic; sorting by start then slug makes
        // every list independent of how files are named.
        // The keys are made once: a start instant takes a time-zone lookup.
        content
            .events
            .sort_by_cached_key(|e| (start_instant(e, &e.when), e.slug.clone()));
        let mut upcoming = Vec::new();
        let mut past = Vec::new();
        for (i, ev) in content.events.iter().enumerate() {
            for when in occurrences(ev) {
                let occ = Occurrence {
                    event: i,
                    when,
                    instant: start_instant(ev, &when),
                };
                if when.end_date() >= today {
                    upcoming.push(occ);
                } else {
                    past.push(occ);
                }
            }
        }
        let key = |o: &Occurrence| (o.instant, o.event);
        upcoming.sort_by_key(key);
        past.sort_by_key(key);
        past.reverse();
        let mut upcoming_by_event = vec![Vec::new(); content.events.len()];
        let mut listed = Vec::new();
        for (k, o) in upcoming.iter().enumerate() {
            if upcoming_by_event[o.event].is_empty() {
                listed.push(*o);
            }
            upcoming_by_event[o.event].push(k);
        }
        let open_calls = missions::open_calls(&content, &listed, today);
        let mut reports: Vec<usize> = (0..content.events.len())
            .filter(|&i| published_report(&content.events[i], today).is_some())
            .collect();
        // Events are sorted by start: newest report first, then the latest event.
        reports.sort_by_key(|&i| content.events[i].report.as_ref().map(|r| r.date));
        reports.reverse();
        let figures = figures::years(&content, today);
        Site {
            content,
            today,
            upcoming,
            past,
            listed,
            open_calls,
            reports,
            figures,
            upcoming_by_event,
            fallbacks: languages::Fallbacks::default(),
        }
    }

    /// The site in `lang`, one of the content's languages (`languages::in_language`).
    pub fn in_language(content: &Content, lang: &str, today: NaiveDate) -> Site {
        let (c, fallbacks) = languages::in_language(content, lang);
        let mut site = Site::new(c, today);
        site.fallbacks = fallbacks;
        site
    }

    /// The address prefix of this site's language: none for the default language, `/nl`.
    pub fn prefix(&self) -> String {
        let c = &self.content.config;
        match c.languages.first() {
            Some(first) if *first != c.language => format!("/{}", c.language),
            _ => String::new(),
        }
    }

    pub fn event(&self, o: &Occurrence) -> &Event {
        &self.content.events[o.event]
    }

    /// Whether an event belongs in the calendar feeds: its last occurrence ends no longer ago
    /// than `feed_past_days` (so a feed does not grow for ever).
    pub fn in_feed_window(&self, ev: &Event) -> bool {
        let cutoff = self.today - Duration::days(i64::from(self.content.config.feed_past_days));
        let last_end = match &ev.recurrence {
            Some(r) => r
                .occurrences
                .last()
                .map(|d| ev.when.shifted_to(*d).end_date()),
            None => Some(ev.when.end_date()),
        };
        last_end.is_some_and(|d| d >= cutoff)
    }

    /// The next occurrences of one event from today on.
    pub fn upcoming_of(&self, event: usize) -> impl Iterator<Item = &Occurrence> {
        self.upcoming_by_event
            .get(event)
            .into_iter()
            .flatten()
            .map(|&k| &self.upcoming[k])
    }
}

/// The report of `ev` as published on `today`: only once the event (its first occurrence) is
/// over, so a report written ahead of time never shows before the event.
pub fn published_report(ev: &Event, today: NaiveDate) -> Option<&Report> {
    ev.report.as_deref().filter(|_| ev.when.end_date() < today)
}

/// Every occurrence of `ev`: its recurrence's dates (exceptions removed), or itself.
pub fn occurrences(ev: &Event) -> Vec<When> {
    match &ev.recurrence {
        Some(r) => r
            .occurrences
            .iter()
            .map(|d| ev.when.shifted_to(*d))
            .collect(),
        None => vec![ev.when],
    }
}

/// The instant an occurrence starts; all-day events start at midnight in their zone.
pub fn start_instant(ev: &Event, when: &When) -> DateTime<Utc> {
    let local = match when {
        When::Timed { start, .. } => *start,
        When::AllDay { start, .. } => start.and_time(NaiveTime::MIN),
    };
    // Validation rejected non-existent local times; `earliest` settles ambiguous ones.
    ev.timezone
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}
