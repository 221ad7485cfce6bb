//! One event's template variables (cards in lists, the event page, the pre-filled sheet),
//! its add-to-calendar links and its schema.org JSON-LD, and the event page itself.

use chrono::{Datelike, TimeZone};
use serde_json::{json, Value};

use super::page::PageMeta;
use super::sheets;
use super::{object, RenderCx, Section};
use crate::model::{Event, Status, When};
use crate::output::Output;
use crate::routes::url;
use crate::site::Occurrence;

impl RenderCx {
    /// ISO 8601 start and end of an occurrence, with the UTC offset for timed events.
    pub fn iso(&self, ev: &Event, w: &When) -> (String, Option<String>) {
        let at = |t: chrono::NaiveDateTime| {
            ev.timezone
                .from_local_datetime(&t)
                .earliest()
                .map(|x| x.to_rfc3339())
                .unwrap_or_else(|| t.format("%Y-%m-%dT%H:%M:%S").to_string())
        };
        match *w {
            When::Timed { start, end } => (at(start), end.map(at)),
            When::AllDay { start, last } => (start.to_string(), Some(last.to_string())),
        }
    }

    fn slug_of(&self, label: &str) -> String {
        crate::model::Slug::from_text(label)
            .map(|s| s.to_string())
            .unwrap_or_default()
    }

    pub fn event_card(&self, o: &Occurrence) -> Value {
        let ev = self.site.event(o);
        self.card(ev, &o.when)
    }

    fn card(&self, ev: &Event, w: &When) -> Value {
        let (start_iso, _) = self.iso(ev, w);
        let day = w.start_date();
        let city = ev.location.as_ref().and_then(|l| l.city.as_ref());
        // `confirmed`, `cancelled`, `tentative` and `show_region` spare the templates string
        // comparisons, which Tera makes by copying and escaping both sides: cards are rendered
        // tens of thousands of times in a large agenda.
        json!({
            "slug": ev.slug, "url": self.link(&url::event(&ev.slug)), "title": ev.title,
            "fallback_lang": self.fallback_lang(self.site.fallbacks.event(&ev.slug)),
            "when": self.words().when(w), "start_iso": start_iso,
            "all_day": matches!(w, When::AllDay { .. }), "status": ev.status.key(),
            "confirmed": ev.status == Status::Confirmed, "cancelled": ev.status == Status::Cancelled,
            "tentative": ev.status == Status::Tentative,
            "postponed": ev.status == Status::Postponed,
            "day": day.day(), "month_short": self.words().month_short(day),
            "rhythm": self.theme.words.rhythm.of(self.words(), ev),
            "show_region": ev.region.as_ref().is_some_and(|r| !r.is_empty() && Some(r) != city),
            "level": ev.level.key(), "themes": ev.themes, "region": ev.region,
            "city": ev.location.as_ref().and_then(|l| l.city.clone()),
            "online": ev.online.is_some(), "recurring": ev.recurrence.is_some(),
            "has_report": crate::site::published_report(ev, self.site.today).is_some(),
            "facets": {
                "level": self.slug_of(self.theme.words.levels.get(ev.level)),
                "themes": ev.themes.iter().map(|t| self.slug_of(t)).collect::<Vec<_>>(),
                "region": ev.region.as_deref().map(|r| self.slug_of(r)),
            },
        })
    }

    pub fn event_full(&self, index: usize, ev: &Event) -> Value {
        let (_, end_iso) = self.iso(ev, &ev.when);
        let mut v = self.card(ev, &ev.when);
        let occurrences: Vec<String> = if ev.recurrence.is_some() {
            self.site
                .upcoming_of(index)
                .take(12)
                .map(|o| self.words().when(&o.when))
                .collect()
        } else {
            Vec::new()
        };
        let exceptions: Vec<String> = ev
            .recurrence
            .as_ref()
            .map(|r| r.exceptions.iter().map(|d| self.words().date(*d)).collect())
            .unwrap_or_default();
        let map_url = ev
            .location
            .as_ref()
            .and_then(|l| match (l.latitude, l.longitude) {
                (Some(lat), Some(lon)) => Some(format!(
                    "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
                )),
                _ => {
                    let q: Vec<&str> = [&l.address, &l.postal_code, &l.city, &l.country]
                        .iter()
                        .filter_map(|x| x.as_deref())
                        .collect();
                    (!q.is_empty()).then(|| {
                        let query: String =
                            ::url::form_urlencoded::byte_serialize(q.join(", ").as_bytes())
                                .collect();
                        format!("https://www.openstreetmap.org/search?query={query}")
                    })
                }
            });
        let reps: Vec<Value> = ev
            .representatives
            .iter()
            .map(|r| {
                // Named and linked only with a public profile (or, without an id, `public`).
                let profile =
                    r.id.as_ref()
                        .filter(|_| r.public_name.is_some())
                        .and_then(|id| super::ambassadors::profile_url(self, id));
                json!({"name": r.public_name, "role": r.role.key(), "url": profile})
            })
            .collect();
        let extra = json!({
            "end_iso": end_iso,
            "timezone": ev.timezone.name(),
            "timezone_city": self.zone_city(ev.timezone),
            "timezone_offset": utc_offset(ev.timezone, &ev.when),
            "other_timezone": ev.timezone != self.site.content.config.timezone,
            "location": ev.location,
            "online_url": ev.online.as_ref().map(|u| u.to_string()),
            "axis": ev.axis.map(|a| a.key()),
            "description_html": ev.description_html,
            "occurrences": occurrences,
            "exceptions": exceptions,
            "ics_url": self.link(&url::event_calendar(&ev.slug)),
            "google_url": self.google_link(ev),
            "outlook_url": self.outlook_link(ev),
            "links_note": self.links_note(ev),
            "mission_sheet_url": ev.mission.as_ref().map(|_| self.link(&url::event_sheet(&ev.slug))),
            "open_call_url": self
                .site
                .open_calls
                .iter()
                .any(|l| l.occurrence.event == index)
                .then(|| format!("{}#mission-{}", self.link(url::MISSIONS), ev.slug)),
            "map_url": map_url,
            "report": self.report_vars(ev),
            "reports_url": self.link(url::REPORTS),
            "json_ld": self.json_ld(index, ev),
        });
        if let (Value::Object(a), Value::Object(b)) = (&mut v, extra) {
            a.extend(b);
            a.insert("representatives".into(), Value::Array(reps));
        }
        v
    }
}

impl RenderCx {
    /// What event `index`'s page, sheet, calendar file and card are made from besides what
    /// every file of the build shares (the manifest's global key: the theme, the content
    /// other than events, the reference date, the languages): the event, all of it, and what
    /// the site derives from it alone (its next occurrences, its open call, whether it is
    /// shown in the default language). An event is known by what it was made from (its file,
    /// `Event::made_from`) or, when changed since (a translation), the whole of it, serialised:
    /// either way a field added to `Event` later is in the key without anyone having to think
    /// of it.
    pub fn event_key(&self, index: usize) -> crate::output::Key {
        *self.event_keys[index].get_or_init(|| {
            let ev = &self.site.content.events[index];
            let mut f = crate::output::Fingerprint::default();
            f.add(b"event")
                .add(self.lang().as_bytes())
                .add(self.prefix.as_bytes());
            // Occurrences without their event's index: adding an event before this one in
            // the agenda moves the index, not this event's files.
            let call = self
                .site
                .open_calls
                .iter()
                .find(|l| l.occurrence.event == index)
                .map(|l| (l.seats_left, l.occurrence.when, l.occurrence.instant));
            let upcoming: Vec<_> = self
                .site
                .upcoming_of(index)
                .map(|o| (o.when, o.instant))
                .collect();
            let fallback = self.site.fallbacks.event(&ev.slug);
            // Writing into a hasher cannot fail, nor can serialising these values. In postcard
            // (lengths and bytes): JSON's escaping of the descriptions took a third longer.
            // An event made from its file alone is known by that file and its stamp (see
            // `Event::made_from`): serialising 10,000 events was a fifth of a rebuild's
            // rendering.
            let _ = match ev.made_from {
                Some(made_from) => postcard::to_io(
                    &("made from", made_from, ev.stamp, fallback, call, upcoming),
                    &mut f,
                ),
                None => postcard::to_io(&("whole", &**ev, fallback, call, upcoming), &mut f),
            };
            f.key()
        })
    }
}

/// "UTC−5", "UTC+5:30", "UTC": the zone's offset at the start of `w`, with a true minus sign.
fn utc_offset(tz: chrono_tz::Tz, w: &When) -> String {
    use chrono::Offset;
    let local = match *w {
        When::Timed { start, .. } => start,
        When::AllDay { start, .. } => start.and_time(chrono::NaiveTime::MIN),
    };
    let seconds = tz
        .offset_from_local_datetime(&local)
        .earliest()
        .map_or(0, |o| o.fix().local_minus_utc());
    let (sign, abs) = if seconds < 0 {
        ('\u{2212}', -seconds)
    } else {
        ('+', seconds)
    };
    match (abs / 3600, abs % 3600 / 60) {
        (0, 0) => "UTC".to_string(),
        (h, 0) => format!("UTC{sign}{h}"),
        (h, m) => format!("UTC{sign}{h}:{m:02}"),
    }
}

impl RenderCx {
    /// The city a zone is named after, as the theme's `zones` names it ("Montréal"), or from
    /// the zone's name ("America/Port_of_Spain": "Port of Spain").
    fn zone_city(&self, tz: chrono_tz::Tz) -> String {
        let name = tz.name();
        match self.theme.t["zones"][name].as_str() {
            Some(city) => city.to_string(),
            None => name.rsplit('/').next().unwrap_or(name).replace('_', " "),
        }
    }

    fn plain_location(&self, ev: &Event) -> String {
        match (&ev.location, &ev.online) {
            (Some(l), _) => [&l.name, &l.address, &l.city]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            (None, Some(u)) => u.to_string(),
            _ => String::new(),
        }
    }

    /// The text of the event's DESCRIPTION in calendar files: its description, its online
    /// address, and its page's address last.
    pub(super) fn calendar_description(&self, ev: &Event) -> String {
        let page = self.absolute(&self.link(&url::event(&ev.slug)));
        join_blocks(&self.description_body(ev), &page)
    }

    /// The description and the online address, without the page's address.
    fn description_body(&self, ev: &Event) -> String {
        match &ev.online {
            Some(u) => join_blocks(&ev.description_text, u.as_str()),
            None => ev.description_text.clone(),
        }
    }

    /// `calendar_description` shortened at a word (marked `…`) so that, URL-encoded, it takes
    /// at most `budget` characters; the page's address always stays, at the end.
    fn link_details(&self, ev: &Event, budget: usize) -> String {
        let page = self.absolute(&self.link(&url::event(&ev.slug)));
        let body = self.description_body(ev);
        let full = join_blocks(&body, &page);
        if encoded_len(&full) <= budget {
            return full;
        }
        let room = budget.saturating_sub(encoded_len(&format!("…\n\n{page}")));
        let (mut used, mut cut) = (0, 0);
        for (i, c) in body.char_indices() {
            if c.is_whitespace() && used <= room {
                cut = i;
            }
            used += encoded_len(c.encode_utf8(&mut [0; 4]));
            if used > room {
                break;
            }
        }
        match body[..cut].trim_end() {
            "" => page,
            kept => format!("{kept}…\n\n{page}"),
        }
    }

    /// Why a client link is missing, as the key of its sentence in `event.*` of the theme's
    /// translations: those links cannot carry all of a recurring event.
    fn links_note(&self, ev: &Event) -> Option<&'static str> {
        match &ev.recurrence {
            None => None,
            Some(r) if r.exceptions.is_empty() => Some("links_note_outlook"),
            Some(_) => Some("links_note_exceptions"),
        }
    }

    /// Google Calendar's "add event" link, in the event's own zone (`ctz`); none for a
    /// recurring event with exceptions, which the link cannot carry (its `recur` parameter is
    /// not known to honour EXDATE).
    fn google_link(&self, ev: &Event) -> Option<String> {
        if ev
            .recurrence
            .as_ref()
            .is_some_and(|r| !r.exceptions.is_empty())
        {
            return None;
        }
        let dates = match ev.when {
            // Without an end the event ends at its start, as DTSTART alone says (RFC 5545).
            When::Timed { start, end } => format!(
                "{}/{}",
                start.format("%Y%m%dT%H%M%S"),
                end.unwrap_or(start).format("%Y%m%dT%H%M%S")
            ),
            When::AllDay { start, last } => {
                format!(
                    "{}/{}",
                    start.format("%Y%m%d"),
                    (last + chrono::Duration::days(1)).format("%Y%m%d")
                )
            }
        };
        let mut url = format!(
            "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={dates}&ctz={}&location={}",
            url::encode(&ev.title),
            url::encode(ev.timezone.name()),
            url::encode(&self.plain_location(ev)),
        );
        if let Some(r) = &ev.recurrence {
            url.push_str(&format!(
                "&recur={}",
                url::encode(&format!("RRULE:{}", r.rule))
            ));
        }
        let details = self.link_details(ev, MAX_LINK.saturating_sub(url.len() + 9));
        url.push_str(&format!("&details={}", url::encode(&details)));
        Some(url)
    }

    /// Outlook on the web's "new event" link (times with their UTC offset); none for a
    /// recurring event, since the link holds one date only.
    fn outlook_link(&self, ev: &Event) -> Option<String> {
        if ev.recurrence.is_some() {
            return None;
        }
        let (start, end) = self.iso(ev, &ev.when);
        let (all_day, end) = match ev.when {
            When::AllDay { last, .. } => (true, (last + chrono::Duration::days(1)).to_string()),
            When::Timed { .. } => (false, end.unwrap_or_else(|| start.clone())),
        };
        let mut url = format!(
            "https://outlook.live.com/calendar/0/action/compose?rru=addevent&path=%2Fcalendar%2Faction%2Fcompose&subject={}&startdt={}&enddt={}&location={}&allday={all_day}",
            url::encode(&ev.title),
            url::encode(&start),
            url::encode(&end),
            url::encode(&self.plain_location(ev)),
        );
        let details = self.link_details(ev, MAX_LINK.saturating_sub(url.len() + 6));
        url.push_str(&format!("&body={}", url::encode(&details)));
        Some(url)
    }
}

/// The longest add-to-calendar link: well under the ~2,000 characters that browsers, servers
/// and sign-in redirects (which carry the link again, encoded) all accept.
const MAX_LINK: usize = 1500;

/// `a` and `b` separated by a blank line, or whichever is not empty.
fn join_blocks(a: &str, b: &str) -> String {
    match (a.trim().is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (false, true) => a.to_string(),
        (false, false) => format!("{a}\n\n{b}"),
    }
}

/// The length of `s` once form-encoded as `url::encode` does.
fn encoded_len(s: &str) -> usize {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' | b' ' => 1,
            _ => 3,
        })
        .sum()
}

/// The object without its null members (schema.org consumers prefer absent to null).
fn without_nulls(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.retain(|_, x| !x.is_null());
    }
    v
}

impl RenderCx {
    /// schema.org `Event` data for search engines (a recurring event's next occurrence, with
    /// its `eventSchedule`), as a string safe inside a `<script>` element (`<`, `>` and `&` are written as JSON escapes, so no `</script>` can appear).
    fn json_ld(&self, index: usize, ev: &Event) -> String {
        let cfg = &self.site.content.config;
        // A recurring event is described by its next occurrence (or its first, once all past).
        let when = self
            .site
            .upcoming_of(index)
            .next()
            .map(|o| o.when)
            .unwrap_or(ev.when);
        let (start, end) = self.iso(ev, &when);
        let status = match ev.status {
            Status::Cancelled => "https://schema.org/EventCancelled",
            Status::Postponed => "https://schema.org/EventPostponed",
            Status::Confirmed | Status::Tentative => "https://schema.org/EventScheduled",
        };
        let place = ev.location.as_ref().map(|l| {
            json!({
                "@type": "Place",
                "name": l.name.clone().or_else(|| l.city.clone()).or_else(|| l.address.clone()),
                "address": without_nulls(json!({
                    "@type": "PostalAddress",
                    "streetAddress": l.address, "postalCode": l.postal_code,
                    "addressLocality": l.city, "addressCountry": l.country,
                })),
            })
        });
        let virtual_location = ev
            .online
            .as_ref()
            .map(|u| json!({"@type": "VirtualLocation", "url": u.as_str()}));
        let (mode, location) = match (place, virtual_location) {
            (Some(p), Some(v)) => ("MixedEventAttendanceMode", json!([p, v])),
            (Some(p), None) => ("OfflineEventAttendanceMode", p),
            (None, Some(v)) => ("OnlineEventAttendanceMode", v),
            (None, None) => (
                "OfflineEventAttendanceMode",
                json!({"@type": "Place", "name": cfg.organisation.name}),
            ),
        };
        let mut description = ev.summary.clone();
        if description.is_empty() {
            description = ev.title.clone();
        }
        let mut v = json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "name": ev.title,
            "startDate": start,
            "eventStatus": status,
            "eventAttendanceMode": format!("https://schema.org/{mode}"),
            "location": location,
            "description": description,
            "url": self.absolute(&self.link(&url::event(&ev.slug))),
            "inLanguage": self.lang(),
            "organizer": {"@type": "Organization", "name": cfg.organisation.name, "url": cfg.organisation.url.clone().unwrap_or_else(|| cfg.base_url.to_string())},
        });
        if let Value::Object(m) = &mut v {
            if let Some(e) = end {
                m.insert("endDate".into(), json!(e));
            }
            if let Some(s) = super::schedule::event_schedule(ev) {
                m.insert("eventSchedule".into(), s);
            }
        }
        serde_json::to_string(&v)
            .unwrap_or_default()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

/// An event's page (`page`) and its pre-filled mission sheet (`sheet`, when it has a
/// `mission:` block): both show the same event variables, made once.
pub fn event(cx: &RenderCx, index: usize, page: bool, sheet: bool, out: &mut Output) {
    let ev = &cx.site.content.events[index];
    let sheet = sheet && ev.mission.is_some();
    if !page && !sheet {
        return;
    }
    let full = cx.event_full(index, ev);
    if sheet {
        sheets::event_sheet(
            cx,
            ev,
            &cx.link(&url::event_sheet(&ev.slug)),
            full.clone(),
            out,
        );
    }
    if !page {
        return;
    }
    let description = if ev.summary.is_empty() {
        format!("{} — {}", ev.title, cx.words().when(&ev.when))
    } else {
        ev.summary.clone()
    };
    cx.page(
        "event.html",
        PageMeta {
            title: ev.title.clone(),
            description,
            path: &cx.link(&url::event(&ev.slug)),
            section: Section::Agenda,
        },
        object([("event", full)]),
        out,
    );
}

#[cfg(test)]
mod tests {
    use super::utc_offset;
    use crate::model::When;
    use chrono::NaiveDate;

    fn at(tz: chrono_tz::Tz, y: i32, m: u32, d: u32) -> String {
        let start = NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        utc_offset(tz, &When::Timed { start, end: None })
    }

    #[test]
    fn offsets_follow_the_date_with_a_true_minus_sign() {
        use chrono_tz::{America, Asia, Europe, UTC};
        assert_eq!(at(America::Montreal, 2027, 1, 20), "UTC\u{2212}5");
        assert_eq!(at(America::Montreal, 2027, 6, 9), "UTC\u{2212}4");
        assert_eq!(at(Europe::Brussels, 2027, 6, 9), "UTC+2");
        assert_eq!(at(Asia::Kolkata, 2027, 6, 9), "UTC+5:30");
        assert_eq!(at(UTC, 2027, 6, 9), "UTC");
    }
}
