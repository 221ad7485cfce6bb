//! iCalendar feeds (RFC 5545 / RFC 7986) for subscribers and per-event files.
//!
//! The `icalendar` crate writes the calendar (CRLF, folding, TEXT escaping); what it leaves to
//! us is done here: stable UID/DTSTAMP from content, local times with TZID and a VTIMEZONE per
//! zone generated from the tz database, exclusive all-day ends, RRULE text as written, EXDATEs
//! at the local start time, and control characters kept out of every value.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, Component, EventLike, Property};

use super::RenderCx;
use crate::model::{Event, Status, When};
use crate::output::{Body, Output};
use crate::routes::url;
use crate::site::facets::FacetKind;
use crate::site::{occurrences, start_instant};

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

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

impl RenderCx {
    fn vevent(&self, ev: &Event) -> icalendar::Event {
        let cfg = &self.site.content.config;
        let mut e = icalendar::Event::new();
        e.uid(&ev.uid);
        let stamp = ev
            .updated
            .and_then(|u| cfg.timezone.from_local_datetime(&u).earliest())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| start_instant(ev, &ev.when));
        e.add_property("DTSTAMP", utc(stamp));
        if ev.updated.is_some() {
            e.add_property("LAST-MODIFIED", utc(stamp));
        }
        e.add_property("SEQUENCE", ev.sequence.to_string());
        let tz = ev.timezone.name();
        match ev.when {
            When::Timed { start, end } => {
                e.append_property(
                    Property::new("DTSTART", local(start))
                        .add_parameter("TZID", tz)
                        .done(),
                );
                if let Some(end) = end {
                    e.append_property(
                        Property::new("DTEND", local(end))
                            .add_parameter("TZID", tz)
                            .done(),
                    );
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
        let page = self.absolute(&url::event(&ev.slug));
        let mut description = ev.description_text.clone();
        if let Some(u) = &ev.online {
            description.push_str(&format!("\n\n{u}"));
        }
        description.push_str(&format!("\n\n{page}"));
        e.add_property("DESCRIPTION", clean_text(description.trim_start(), true));
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

    pub fn calendar(&self, spec: &FeedSpec, url_path: &str) -> String {
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
        let mut zones: BTreeMap<&str, (Tz, NaiveDate, NaiveDate)> = BTreeMap::new();
        let mut size = 0;
        let texts: Vec<Cow<'_, str>> = spec
            .events
            .iter()
            .map(|&i| {
                let ev = &self.site.content.events[i];
                let (text, span) = self.vevent_text(i);
                if let Some((first, last)) = span {
                    let zone =
                        zones
                            .entry(ev.timezone.name())
                            .or_insert((ev.timezone, first, last));
                    zone.1 = zone.1.min(first);
                    zone.2 = zone.2.max(last);
                }
                size += text.len();
                text
            })
            .collect();
        let (before, after) = self.calendar_frame();
        let head = format!("BEGIN:VCALENDAR\r\n{before}{}{after}", properties(&cal));
        // Cached by zone and whole years: per-event files of a zone share a few texts.
        let vtimezones: String = zones
            .values()
            .map(|(tz, from, to)| self.tz_cache.get(*tz, *from, *to))
            .collect();
        // The crate cannot write VTIMEZONE (it would add DTSTAMP/UID inside): it goes between
        // the calendar's properties and its first event. One allocation of the exact size: the
        // whole agenda's feed is the largest file of a large site.
        let end = "END:VCALENDAR\r\n";
        let mut out = String::with_capacity(head.len() + vtimezones.len() + size + end.len());
        out.push_str(&head);
        out.push_str(&vtimezones);
        for t in &texts {
            out.push_str(t);
        }
        out.push_str(end);
        out
    }

    /// The folded VEVENT text of event `i`, and the local dates its occurrences span (for the
    /// VTIMEZONE) when it has a time. An event in the subscription feeds is listed by several
    /// files: its text is made once per build and kept; the others appear only in their own
    /// file, and are not kept.
    fn vevent_text(&self, i: usize) -> (Cow<'_, str>, Option<(NaiveDate, NaiveDate)>) {
        let make = || {
            let ev = &self.site.content.events[i];
            let text = refold(&self.vevent(ev).to_string());
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
            let (text, span) = self.vevents[i].get_or_init(make);
            (Cow::Borrowed(text.as_str()), *span)
        } else {
            let (text, span) = make();
            (Cow::Owned(text), span)
        }
    }
}

/// VTIMEZONE texts already made, by zone and range of whole years: every per-event file of a
/// zone then shares a handful of texts instead of recomputing transitions.
#[derive(Default)]
pub struct TzCache(std::sync::Mutex<std::collections::HashMap<(String, i32, i32), String>>);

impl TzCache {
    /// A VTIMEZONE covering `from`..`to` with a year of margin on each side.
    pub fn get(&self, tz: Tz, from: NaiveDate, to: NaiveDate) -> String {
        use chrono::Datelike;
        let (y0, y1) = (from.year() - 1, to.year() + 1);
        let key = (tz.name().to_string(), y0, y1);
        if let Some(v) = self.0.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return v;
        }
        let start = NaiveDate::from_ymd_opt(y0, 1, 1).unwrap_or(from);
        let end = NaiveDate::from_ymd_opt(y1, 12, 31).unwrap_or(to);
        let v = vtimezone(tz, start, end);
        if let Ok(mut m) = self.0.lock() {
            m.insert(key, v.clone());
        }
        v
    }
}

/// The local time rule in effect at some instant: UTC offset (seconds), daylight-saving or
/// not, and its abbreviation.
#[derive(Clone, PartialEq)]
struct Observance {
    offset: i32,
    dst: bool,
    name: String,
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> Observance {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    Observance {
        offset: o.fix().local_minus_utc(),
        dst: !o.dst_offset().is_zero(),
        name: o.abbreviation().unwrap_or("").to_string(),
    }
}

fn fmt_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    if a % 60 != 0 {
        format!("{sign}{:02}{:02}{:02}", a / 3600, (a % 3600) / 60, a % 60)
    } else {
        format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
    }
}

/// A VTIMEZONE for `tz` covering `from`..`to`: one observance for the state at `from`, then
/// one per transition, each with its own DTSTART (no RDATE lists: ical.js reads only the first
/// value of those).
pub fn vtimezone(tz: Tz, from: NaiveDate, to: NaiveDate) -> String {
    let mut s = String::new();
    s.push_str("BEGIN:VTIMEZONE\r\n");
    s.push_str(&format!("TZID:{}\r\n", tz.name()));
    let start = Utc.from_utc_datetime(&from.and_time(NaiveTime::MIN));
    let end = Utc.from_utc_datetime(&to.and_time(NaiveTime::MIN));
    let mut transitions: Vec<(DateTime<Utc>, Observance, Observance)> = Vec::new();
    let mut t = start;
    let mut cur = offset_at(tz, t);
    let initial = cur.clone();
    while t < end {
        let next = t + Duration::hours(6);
        let o = offset_at(tz, next);
        if o.offset != cur.offset || o.dst != cur.dst {
            // Narrow the change down to the second: `hi` is then the first instant of the new offset.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                let m = offset_at(tz, mid);
                if m.offset == cur.offset && m.dst == cur.dst {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            transitions.push((hi, cur.clone(), o.clone()));
            cur = o;
        }
        t = next;
    }
    let observance = |kind_dst: bool, local: NaiveDateTime, from: i32, to: i32, name: &str| {
        let kind = if kind_dst { "DAYLIGHT" } else { "STANDARD" };
        let mut b = format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n",
            local.format("%Y%m%dT%H%M%S"),
            fmt_offset(from),
            fmt_offset(to)
        );
        if !name.is_empty() && !name.starts_with(['+', '-']) {
            b.push_str(&format!("TZNAME:{name}\r\n"));
        }
        b.push_str(&format!("END:{kind}\r\n"));
        b
    };
    let initial_local = start.naive_utc() + Duration::seconds(i64::from(initial.offset));
    s.push_str(&observance(
        initial.dst,
        initial_local,
        initial.offset,
        initial.offset,
        &initial.name,
    ));
    for (at, before, after) in &transitions {
        // DTSTART of an observance is in the local time that was in effect before it.
        let local = at.naive_utc() + Duration::seconds(i64::from(before.offset));
        s.push_str(&observance(
            after.dst,
            local,
            before.offset,
            after.offset,
            &after.name,
        ));
    }
    s.push_str("END:VTIMEZONE\r\n");
    s
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
        path: url::FEED.to_string(),
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
            path: url::facet_feed(f),
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
        let text = cx.calendar(&feed.spec, url::AGENDA);
        out.add(url::file_for(&feed.path), Body::Bytes(text.into_bytes()));
    }
}

/// An event's own calendar file.
pub fn event_file(cx: &RenderCx, index: usize, out: &mut Output) {
    let ev = &cx.site.content.events[index];
    let spec = FeedSpec {
        name: ev.title.clone(),
        description: ev.title.clone(),
        events: vec![index],
    };
    let text = cx.calendar(&spec, &url::event(&ev.slug));
    out.add(
        url::file_for(&url::event_calendar(&ev.slug)),
        Body::Bytes(text.into_bytes()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brussels_vtimezone_has_both_2027_changes() {
        let v = vtimezone(
            chrono_tz::Europe::Brussels,
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2027, 12, 31).unwrap(),
        );
        assert!(v.contains("BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"), "{v}");
        assert!(v.contains("BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"), "{v}");
        assert!(v.lines().all(|l| l.len() <= 75));
    }

    #[test]
    fn zone_without_dst_has_one_observance() {
        let v = vtimezone(
            chrono_tz::Asia::Tokyo,
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2028, 1, 1).unwrap(),
        );
        assert_eq!(v.matches("BEGIN:STANDARD").count(), 1, "{v}");
        assert!(!v.contains("DAYLIGHT"));
    }

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
