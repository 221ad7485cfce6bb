//! iCalendar feeds (RFC 5545 / RFC 7986) for subscribers and per-event files.
//!
//! The `icalendar` crate writes the calendar (CRLF, folding, TEXT escaping); what it leaves to
//! us is done here: stable UID/DTSTAMP from content, local times with TZID and a VTIMEZONE per
//! zone generated from the tz database, exclusive all-day ends, RRULE text as written, EXDATEs
//! at the local start time, and control characters kept out of every value.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, EventLike, Property};

use super::RenderCx;
use crate::model::{Event, Status, When};
use crate::output::{Body, Output};
use crate::routes::url;
use crate::site::facets::FacetKind;
use crate::site::occurrences;

/// How often clients should fetch a feed again.
pub const REFRESH: &str = "PT12H";

/// A feed to write: its name and the events (indices into `Content::events`) it lists.
pub struct FeedSpec {
    pub name: String,
    pub description: String,
    pub events: Vec<usize>,
}

/// Removes what must never reach a content line raw: CR and other control characters
/// (tabs and line feeds become spaces, except LF in multi-line TEXT where `keep_lf`).
pub fn clean_text(s: &str, keep_lf: bool) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.chars()
        .map(|c| match c {
            '\n' if keep_lf => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Folds every content line at 75 octets (RFC 5545 §3.1), never inside a character and never
/// just before a space (a lenient reader could drop it). `text` is a whole calendar with CRLF
/// line ends, possibly already folded: values never hold a line end, so CRLF + space is only
/// ever a fold.
/// The property lines of a calendar without events, refolded (the crate can leave a last
/// folded piece one octet too long), without its BEGIN and END lines.
fn properties(cal: &Calendar) -> String {
    let text = refold(&cal.to_string());
    text.strip_prefix("BEGIN:VCALENDAR\r\n")
        .and_then(|t| t.strip_suffix("END:VCALENDAR\r\n"))
        .unwrap_or(&text)
        .to_string()
}

pub fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 24);
    for line in unfolded.split_inclusive("\r\n") {
        let (line, end) = match line.strip_suffix("\r\n") {
            Some(l) => (l, "\r\n"),
            None => (line, ""),
        };
        let mut rest = line;
        let mut room = LIMIT;
        while rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            // Keep a space at the end of a piece rather than at the start of the next one.
            let starts_blank = rest[cut..].starts_with([' ', '\t']);
            if starts_blank {
                if let Some((i, _)) = rest[..cut].char_indices().next_back() {
                    if i > 0 {
                        cut = i;
                    }
                }
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            room = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str(end);
    }
    out
}

/// TEXT escaping for properties the crate does not escape itself (NAME, list items).
fn escape(s: &str) -> String {
    clean_text(s, true)
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

fn local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// A local date-time property with its TZID; for a single event, a time that clocks going
/// back make happen twice is written in UTC instead, as the first of the two (RFC 5545
/// §3.3.5), which clients otherwise read differently (ical.js takes the second). Rules never
/// hold such a time: `content::events` refuses them.
fn zoned(name: &str, t: NaiveDateTime, ev: &Event) -> Property {
    if ev.recurrence.is_none() {
        if let LocalResult::Ambiguous(first, _) = ev.timezone.from_local_datetime(&t) {
            return Property::new(name, utc(first.with_timezone(&Utc)));
        }
    }
    Property::new(name, local(t))
        .add_parameter("TZID", ev.timezone.name())
        .done()
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

impl RenderCx {
    fn vevent(&self, ev: &Event) -> icalendar::Event {
        let mut e = icalendar::Event::new();
        e.uid(&ev.uid);
        e.add_property("DTSTAMP", utc(ev.stamp.at));
        if ev.stamp.known {
            e.add_property("LAST-MODIFIED", utc(ev.stamp.at));
        }
        e.add_property("SEQUENCE", ev.sequence.to_string());
        let tz = ev.timezone.name();
        match ev.when {
            When::Timed { start, end } => {
                e.append_property(zoned("DTSTART", start, ev));
                if let Some(end) = end {
                    e.append_property(zoned("DTEND", end, ev));
                }
            }
            When::AllDay { start, last } => {
                e.append_property(
                    Property::new("DTSTART", date(start))
                        .add_parameter("VALUE", "DATE")
                        .done(),
                );
                e.append_property(
                    Property::new("DTEND", date(last + Duration::days(1)))
                        .add_parameter("VALUE", "DATE")
                        .done(),
                );
            }
        }
        if let Some(r) = &ev.recurrence {
            e.add_property("RRULE", &r.rule);
            for d in &r.exceptions {
                let p = match ev.when {
                    When::Timed { start, .. } => {
                        Property::new("EXDATE", local(d.and_time(start.time())))
                            .add_parameter("TZID", tz)
                            .done()
                    }
                    When::AllDay { .. } => Property::new("EXDATE", date(*d))
                        .add_parameter("VALUE", "DATE")
                        .done(),
                };
                e.append_multi_property(p);
            }
        }
        // RFC 5545 has no "postponed": such an event is TENTATIVE, and its summary says why,
        // since calendar apps show little else.
        let (status, summary) = match ev.status {
            Status::Confirmed => ("CONFIRMED", Cow::Borrowed(ev.title.as_str())),
            Status::Tentative => ("TENTATIVE", Cow::Borrowed(ev.title.as_str())),
            Status::Cancelled => ("CANCELLED", Cow::Borrowed(ev.title.as_str())),
            Status::Postponed => (
                "TENTATIVE",
                Cow::Owned(format!(
                    "{} – {}",
                    self.theme.words.statuses.get(Status::Postponed),
                    ev.title
                )),
            ),
        };
        e.add_property("STATUS", status);
        e.add_property("SUMMARY", clean_text(&summary, false));
        let page = self.absolute(&self.link(&url::event(&ev.slug)));
        let description = self.calendar_description(ev);
        e.add_property("DESCRIPTION", clean_text(&description, true));
        e.add_property("URL", &page);
        let location = ev.location.as_ref().map(|l| {
            let city = match (&l.postal_code, &l.city) {
                (Some(p), Some(c)) => Some(format!("{p} {c}")),
                (None, Some(c)) => Some(c.clone()),
                (Some(p), None) => Some(p.clone()),
                (None, None) => None,
            };
            [l.name.clone(), l.address.clone(), city, l.country.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        });
        match (location, &ev.online) {
            (Some(l), _) => {
                e.add_property("LOCATION", clean_text(&l, false));
            }
            (None, Some(u)) => {
                e.add_property("LOCATION", u.as_str());
            }
            _ => {}
        }
        if let Some((Some(lat), Some(lon))) =
            ev.location.as_ref().map(|l| (l.latitude, l.longitude))
        {
            e.add_property("GEO", format!("{lat};{lon}"));
        }
        let mut categories = vec![self.theme.words.levels.get(ev.level).to_string()];
        categories.extend(ev.themes.iter().cloned());
        e.categories(categories.iter().map(|c| clean_text(c, false)));
        e.done()
    }

    /// A complete calendar for `spec`.
    /// The calendar properties that every file of a build shares, before and after those
    /// naming the feed: made once rather than for each of thousands of per-event files.
    fn calendar_frame(&self) -> &(String, String) {
        self.calendar_frame.get_or_init(|| {
            let cfg = &self.site.content.config;
            let lang = cfg.language.to_ascii_uppercase();
            let prodid = format!(
                "-//{}//ambassade {}//{lang}",
                clean_text(&cfg.organisation.name, false),
                env!("CARGO_PKG_VERSION")
            );
            let mut before = Calendar::empty();
            before.append_property(Property::new("VERSION", "2.0"));
            before.append_property(Property::new("PRODID", &prodid));
            before.append_property(Property::new("CALSCALE", "GREGORIAN"));
            let mut after = Calendar::empty();
            after.append_property(Property::new("X-WR-TIMEZONE", cfg.timezone.name()));
            after.append_property(
                Property::new("REFRESH-INTERVAL", REFRESH)
                    .add_parameter("VALUE", "DURATION")
                    .done(),
            );
            after.append_property(Property::new("X-PUBLISHED-TTL", REFRESH));
            (properties(&before), properties(&after))
        })
    }

    /// The calendar file of `spec`'s events, whole: see `calendar_parts`.
    pub fn calendar(&self, spec: &FeedSpec, url_path: &str) -> String {
        self.calendar_parts(spec, url_path).concat()
    }

    /// The calendar file of `spec`'s events as pieces to be written one after the other: the
    /// calendar's properties and time zones, each event's VEVENT (shared with the other files
    /// that list it), the end. The agenda's feed is the largest file of a large site (9 MB for
    /// 10,000 events): never held whole, it is not a peak of the build's memory.
    pub fn calendar_parts(&self, spec: &FeedSpec, url_path: &str) -> Vec<Arc<str>> {
        let mut cal = Calendar::empty();
        cal.append_property(Property::new("NAME", escape(&spec.name)));
        // The crate escapes X- properties itself (as TEXT): cleaned, not escaped, here.
        cal.append_property(Property::new("X-WR-CALNAME", clean_text(&spec.name, false)));
        cal.append_property(Property::new(
            "DESCRIPTION",
            clean_text(&spec.description, true),
        ));
        cal.append_property(Property::new(
            "X-WR-CALDESC",
            clean_text(&spec.description, true),
        ));
        cal.append_property(Property::new("URL", self.absolute(url_path)));
        // A feed is one route, made on one core: the texts of its many events (the ones kept,
        // `vevent_text`) are made on every core first.
        if spec.events.len() > 64 {
            use rayon::prelude::*;
            spec.events.par_iter().for_each(|&i| {
                if self.site.in_feed_window(&self.site.content.events[i]) {
                    self.vevent_text(i);
                }
            });
        }
        let mut zones: BTreeMap<&str, (Tz, NaiveDate, NaiveDate)> = BTreeMap::new();
        let mut parts: Vec<Arc<str>> = Vec::with_capacity(spec.events.len() + 2);
        parts.push(Arc::from(""));
        for &i in &spec.events {
            let ev = &self.site.content.events[i];
            let (text, span) = self.vevent_text(i);
            if let Some((first, last)) = span {
                let zone = zones
                    .entry(ev.timezone.name())
                    .or_insert((ev.timezone, first, last));
                zone.1 = zone.1.min(first);
                zone.2 = zone.2.max(last);
            }
            parts.push(text);
        }
        let (before, after) = self.calendar_frame();
        // The crate cannot write VTIMEZONE (it would add DTSTAMP/UID inside): it goes between
        // the calendar's properties and its first event. Cached by zone and whole years:
        // per-event files of a zone share a few texts.
        let mut head = format!("BEGIN:VCALENDAR\r\n{before}{}{after}", properties(&cal));
        for (tz, from, to) in zones.values() {
            head.push_str(&self.tz_cache.get(*tz, *from, *to));
        }
        parts[0] = Arc::from(head);
        parts.push(Arc::from("END:VCALENDAR\r\n"));
        parts
    }

    /// The folded VEVENT text of event `i`, and the local dates its occurrences span (for the
    /// VTIMEZONE) when it has a time. An event in the subscription feeds is listed by several
    /// files: its text is made once and kept until the calendar files are made
    /// (`RenderCx::release_calendar_texts`); the others appear only in their own
    /// file, and are not kept.
    fn vevent_text(&self, i: usize) -> (Arc<str>, Option<(NaiveDate, NaiveDate)>) {
        let make = || {
            let ev = &self.site.content.events[i];
            let text: Arc<str> = Arc::from(refold(&self.vevent(ev).to_string()));
            let span = matches!(ev.when, When::Timed { .. }).then(|| {
                let first = ev.when.start_date();
                let last = occurrences(ev)
                    .last()
                    .map(|w| w.end_date())
                    .unwrap_or(first)
                    .max(ev.when.end_date());
                (first, last)
            });
            (text, span)
        };
        if self.site.in_feed_window(&self.site.content.events[i]) {
            let cells = self.vevents.read().unwrap_or_else(|p| p.into_inner());
            if let Some(cell) = cells.get(i) {
                let (text, span) = cell.get_or_init(make);
                return (Arc::clone(text), *span);
            }
        }
        make()
    }
}

/// One subscription feed of the site.
pub struct Feed {
    /// Site path: `/agenda.ics`.
    pub path: String,
    pub spec: FeedSpec,
    /// The facet value it follows (index into the route table's facets), or none for the
    /// feed of every event.
    pub facet: Option<usize>,
    /// What the agenda's subscribe section calls it.
    pub label: String,
}

/// The feeds of a site: everything, and one per level, theme and region that has events in
/// the feed window (the route table has a route for each). Made once per build.
pub fn feeds(cx: &RenderCx) -> &[Feed] {
    cx.feeds.get_or_init(|| make_feeds(cx))
}

fn make_feeds(cx: &RenderCx) -> Vec<Feed> {
    let c = &cx.site.content;
    let feeds = &cx.theme.words.feeds;
    let in_window: Vec<usize> = (0..c.events.len())
        .filter(|&i| cx.site.in_feed_window(&c.events[i]))
        .collect();
    let title = |kind: FacetKind, label: &str| -> String {
        feeds
            .facet(kind)
            .replace("{site}", &c.config.title)
            .replace("{label}", label)
    };
    let desc = feeds.description.replace("{site}", &c.config.title);
    let mut out = vec![Feed {
        path: cx.link(url::FEED),
        spec: FeedSpec {
            name: c.config.title.clone(),
            description: desc.clone(),
            events: in_window.clone(),
        },
        facet: None,
        label: feeds.all.clone(),
    }];
    for (i, f) in cx.routes.facets().iter().enumerate() {
        let events: Vec<usize> = f
            .events
            .iter()
            .copied()
            .filter(|i| in_window.binary_search(i).is_ok())
            .collect();
        if events.is_empty() {
            continue;
        }
        out.push(Feed {
            path: cx.link(&url::facet_feed(f)),
            spec: FeedSpec {
                name: title(f.kind, &f.label),
                description: desc.clone(),
                events,
            },
            facet: Some(i),
            label: f.label.clone(),
        });
    }
    out
}

/// The calendar feed of every event (`facet` none) or of one facet value.
pub fn feed_file(cx: &RenderCx, facet: Option<usize>, out: &mut Output) {
    if let Some(feed) = feeds(cx).iter().find(|f| f.facet == facet) {
        let parts = cx.calendar_parts(&feed.spec, &cx.link(url::AGENDA));
        out.add(url::file_for(&feed.path), Body::Parts(parts));
    }
}

/// The key of the calendar feed of every event (`facet` none) or of one facet value (see
/// `render::route_key`): a feed is its name, description and address and the VEVENT (and
/// time zones) of each of its events, each made from the event alone and what every file
/// shares.
pub fn feed_key(cx: &RenderCx, facet: Option<usize>) -> Option<crate::output::Key> {
    let feed = feeds(cx).iter().find(|f| f.facet == facet)?;
    let mut f = crate::output::Fingerprint::default();
    f.add(b"feed")
        .add(feed.path.as_bytes())
        .add(cx.link(url::AGENDA).as_bytes())
        .add(feed.spec.name.as_bytes())
        .add(feed.spec.description.as_bytes());
    for &i in &feed.spec.events {
        f.add(&cx.event_key(i).to_le_bytes());
    }
    Some(f.key())
}

/// An event's own calendar file.
pub fn event_file(cx: &RenderCx, index: usize, out: &mut Output) {
    let ev = &cx.site.content.events[index];
    let spec = FeedSpec {
        name: ev.title.clone(),
        description: ev.title.clone(),
        events: vec![index],
    };
    let text = cx.calendar(&spec, &cx.link(&url::event(&ev.slug)));
    out.add(
        url::file_for(&cx.link(&url::event_calendar(&ev.slug))),
        Body::Bytes(text.into_bytes()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refolding_keeps_every_line_within_75_octets() {
        // The crate leaves a last piece of 75 octets after the folding space: 76 in all.
        let value = format!("X-WR-CALDESC:{}", "é".repeat(40) + &"a".repeat(60));
        let mut cal = Calendar::empty();
        cal.append_property(Property::new("X-WR-CALDESC", &value[13..]));
        let text = refold(&cal.to_string());
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
        assert_eq!(
            text.replace("\r\n ", ""),
            cal.to_string().replace("\r\n ", "")
        );
        let long = format!("SUMMARY:{}\r\n", "a b ".repeat(60));
        let folded = refold(&long);
        assert!(
            folded.split("\r\n").skip(1).all(|l| !l.starts_with("  ")),
            "{folded}"
        );
        assert_eq!(folded.replace("\r\n ", ""), long);
    }

    #[test]
    fn control_characters_never_pass() {
        assert_eq!(clean_text("a\r\nATTENDEE:x\u{7}", false), "a ATTENDEE:x ");
        assert_eq!(escape("a,b;c\\d\r\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
