//! One event file's front matter: its start and end in its time zone, its recurrence, place,
//! themes, people and mission, checked into an `Event`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::people::representatives;
use super::recurrence::{recurrence, Fields};
use super::repeat::rule_of;
use crate::content::ambassadors::ProfileNames;
use crate::content::files::FileCx;
use crate::content::raw::EventFront;
use crate::content::sheets::{check_mission, MissionOptions};
use crate::content::values::{parse_moment, windows_reserved, Moment};
use crate::diagnostic::{Diagnostic, Pos, Text};
use crate::markdown;
use crate::model::{Event, Location, Mission, Representative, Slug, When};
use crate::msg;

/// Checks one event; `site_tz`, `base_url` (its host for the default uid; the page for relative
/// links in the plain-text description) and `today` come from site.yaml and the reference date;
/// `sheet` is what the mission sheet offers, when it has no errors.
#[allow(clippy::too_many_arguments)]
pub(super) fn event(
    front: EventFront,
    slug: Slug,
    body: &str,
    cx: &mut FileCx,
    site_tz: Tz,
    base_url: Option<&url::Url>,
    today: NaiveDate,
    sheet: Option<&MissionOptions>,
    profiles: &ProfileNames,
) -> Option<Event> {
    let errors_before = cx.diags.errors().count();
    let title = cx.required_text("title", &front.title);
    let tz = match &front.timezone {
        Some(name) => cx.timezone("timezone", name),
        None => Some(site_tz),
    };
    let start = match parse_moment(&front.start) {
        Ok(m) => Some(m),
        Err(e) => {
            moment_error(cx, "start", e);
            None
        }
    };
    let end = front.end.as_deref().and_then(|e| match parse_moment(e) {
        Ok(m) => Some(m),
        Err(e) => {
            moment_error(cx, "end", e);
            None
        }
    });
    let when = match (start, end) {
        (Some(Moment::At(s)), None) => Some(When::Timed {
            start: s,
            end: None,
        }),
        (Some(Moment::At(s)), Some(Moment::At(e))) => {
            if e <= s {
                cx.err(
                    "end",
                    msg!(
                        "events-end-not-after-start",
                        end = e.format("%Y-%m-%dT%H:%M").to_string(),
                        start = s.format("%Y-%m-%dT%H:%M").to_string()
                    ),
                    Some(msg!("events-end-not-after-start-hint")),
                );
                None
            } else {
                Some(When::Timed {
                    start: s,
                    end: Some(e),
                })
            }
        }
        (Some(Moment::Day(s)), None) => Some(When::AllDay { start: s, last: s }),
        (Some(Moment::Day(s)), Some(Moment::Day(e))) => {
            if e < s {
                cx.err(
                    "end",
                    msg!(
                        "events-end-before-start",
                        end = e.to_string(),
                        start = s.to_string()
                    ),
                    Some(msg!("events-end-before-start-hint")),
                );
                None
            } else {
                Some(When::AllDay { start: s, last: e })
            }
        }
        (Some(_), Some(_)) => {
            cx.err(
                "end",
                msg!("events-start-end-mixed"),
                Some(msg!("events-moment-hint")),
            );
            None
        }
        (None, _) => None,
    };
    if let (Some(tz), Some(When::Timed { start, end })) = (tz, &when) {
        check_exists(cx, "start", tz, *start);
        if let Some(e) = end {
            check_exists(cx, "end", tz, *e);
        }
    }

    let recurrence = repetition(cx, &front, tz, when.as_ref(), today);

    let location = front.location.map(|l| {
        if let Some(c) = &l.country {
            if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                cx.err(
                    "location.country",
                    msg!("events-country-not-a-code", country = c),
                    Some(msg!("events-country-not-a-code-hint")),
                );
            }
        }
        if let Some(lat) = l.latitude {
            if !(-90.0..=90.0).contains(&lat) {
                cx.err(
                    "location.latitude",
                    msg!("events-latitude", value = lat.to_string()),
                    Some(msg!("events-latitude-hint")),
                );
            }
        }
        if let Some(lon) = l.longitude {
            if !(-180.0..=180.0).contains(&lon) {
                cx.err(
                    "location.longitude",
                    msg!("events-longitude", value = lon.to_string()),
                    Some(msg!("events-longitude-hint")),
                );
            }
        }
        if l.latitude.is_some() != l.longitude.is_some() {
            cx.err(
                "location",
                msg!("events-coordinates-alone"),
                Some(msg!("events-coordinates-alone-hint")),
            );
        }
        if l.name.is_none() && l.address.is_none() && l.city.is_none() {
            cx.err(
                "location",
                msg!("events-location-without-place"),
                Some(msg!("events-location-without-place-hint")),
            );
        }
        Location {
            name: l.name,
            address: l.address,
            postal_code: l.postal_code,
            city: l.city,
            country: l.country,
            latitude: l.latitude,
            longitude: l.longitude,
        }
    });
    let online = front.online.as_deref().and_then(|u| cx.url("online", u));

    let mut themes: Vec<String> = Vec::new();
    for (i, t) in front.themes.iter().enumerate() {
        let t = t.trim();
        if t.is_empty() {
            cx.err(&format!("themes[{i}]"), msg!("events-theme-empty"), None);
        } else if Slug::from_text(t).is_none() {
            cx.err(
                &format!("themes[{i}]"),
                msg!("events-theme-unusable", theme = t),
                Some(msg!("events-theme-unusable-hint")),
            );
        } else if Slug::from_text(t).is_some_and(|s| windows_reserved(s.as_str())) {
            cx.err(
                &format!("themes[{i}]"),
                msg!("events-theme-windows-reserved", theme = t),
                Some(msg!("events-theme-windows-reserved-hint")),
            );
        } else if !themes.iter().any(|x| x == t) {
            themes.push(t.to_string());
        }
    }
    let region = front
        .region
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if let Some(r) = &region {
        match Slug::from_text(r) {
            None => cx.err(
                "region",
                msg!("events-region-unusable", region = r),
                Some(msg!("events-region-unusable-hint")),
            ),
            Some(s) if windows_reserved(s.as_str()) => cx.err(
                "region",
                msg!("events-region-windows-reserved", region = r),
                Some(msg!("events-region-windows-reserved-hint")),
            ),
            Some(_) => {}
        }
    }
    let representatives = representatives(cx, &front.representatives, profiles);
    // The day the event's last occurrence ends, which an open call's deadline may not pass.
    let last_day = when.as_ref().map(|w| {
        recurrence
            .as_ref()
            .and_then(|r| r.occurrences.last())
            .map_or(*w, |d| w.shifted_to(*d))
            .end_date()
    });
    let ambassadors = representatives
        .iter()
        .filter(|r: &&Representative| r.role == crate::model::Role::Ambassador)
        .count();
    // The page the description is shown on, which its relative links are relative to.
    let page = base_url.and_then(|b| b.join(&crate::routes::url::event(&slug)).ok());
    let mission = front.mission.map(|m| {
        let open = m
            .open
            .as_ref()
            .and_then(|o| super::open::open_call(cx, o, last_day, ambassadors));
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(|s| markdown::to_plain_text(s, page.as_ref()))
                .filter(|s| !s.is_empty())
        };
        Mission {
            intervention: m.intervention,
            audience: m.audience.clone(),
            venue: m.venue,
            objectives_html: cx.md_opt(&m.objectives),
            objectives_text: text(&m.objectives),
            expectations_text: text(&m.expectations),
            preparation_text: text(&m.preparation),
            compensation: m.compensation,
            criteria: m.criteria.clone(),
            contact: m.contact.clone(),
            open,
        }
    });
    let report = front
        .report
        .as_ref()
        .and_then(|r| super::report::report(r, when.as_ref(), today, page.as_ref(), cx));
    if let (Some(sheet), Some(m)) = (sheet, &mission) {
        check_mission(sheet, front.axis, m, cx);
    }
    let uid = match &front.uid {
        Some(u) => {
            let u = u.trim();
            if u.is_empty()
                || u.len() > 255
                || u.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                cx.err(
                    "uid",
                    msg!("events-uid-unusable", uid = u),
                    Some(msg!("events-uid-unusable-hint")),
                );
            }
            u.to_string()
        }
        None => format!(
            "{slug}@{}",
            base_url.and_then(|b| b.host_str()).unwrap_or("localhost")
        ),
    };
    let updated = front
        .updated
        .as_deref()
        .and_then(|u| match parse_moment(u) {
            Ok(Moment::At(t)) => Some(t),
            Ok(Moment::Day(d)) => Some(d.and_time(NaiveTime::MIN)),
            Err(e) => {
                moment_error(cx, "updated", e);
                None
            }
        });
    if let Some(u) = updated.filter(|u| u.date() > today) {
        cx.warn(
            "updated",
            msg!(
                "events-updated-future",
                updated = u.format("%Y-%m-%dT%H:%M").to_string(),
                today = today.to_string()
            ),
            msg!("events-updated-future-hint"),
        );
    }

    if cx.diags.errors().count() > errors_before {
        return None;
    }
    // `ambassade new event` writes this sentence as the description (src/scaffold/texts.rs).
    let placeholder = ["Décrivez l'événement ici", "Décrivez l’événement ici"]
        .iter()
        .find_map(|p| body.find(p));
    if let Some(at) = placeholder {
        let line = cx.spans.body_line() + body[..at].matches('\n').count();
        let d = Diagnostic::warning(&cx.file, msg!("events-placeholder-description"))
            .at(Some(Pos { line, column: 1 }))
            .hint(msg!("events-placeholder-description-hint"));
        cx.diags.push(d);
    }
    // Kept for the whole build, 10,000 times over: without the room left by growing them.
    let compact = |mut s: String| {
        s.shrink_to_fit();
        s
    };
    let description_text = compact(markdown::to_plain_text(body, page.as_ref()));
    Some(Event {
        slug,
        source: cx.file.clone(),
        title,
        when: when?,
        timezone: tz?,
        recurrence,
        status: front.status,
        location,
        online: online.map(Box::new),
        level: front.level,
        axis: front.axis,
        themes,
        region,
        representatives,
        mission: mission.map(Box::new),
        report: report.map(Box::new),
        uid,
        updated,
        // Set once every event is read (`content::history`).
        stamp: Default::default(),
        sequence: front.sequence,
        description_html: compact(cx.md(body)),
        summary: compact(markdown::summary(body)),
        description_text,
        // Set by `check_event_file`, which has the file's whole text.
        made_from: None,
    })
}

/// The event's recurrence, from `recurrence:` (a rule) or `repeat:` (the same in words), with
/// its exceptions.
fn repetition(
    cx: &mut FileCx,
    front: &EventFront,
    tz: Option<Tz>,
    when: Option<&When>,
    today: NaiveDate,
) -> Option<crate::model::Recurrence> {
    let repeat_except = front.repeat.as_ref().map_or(&[][..], |r| &r.except[..]);
    if !repeat_except.is_empty() && !front.exceptions.is_empty() {
        cx.err(
            "repeat.except",
            msg!("events-exceptions-twice"),
            Some(msg!("events-exceptions-twice-hint")),
        );
        return None;
    }
    let (exceptions, exceptions_field) = if repeat_except.is_empty() {
        (&front.exceptions[..], "exceptions")
    } else {
        (repeat_except, "repeat.except")
    };
    let (field, rule) = match (&front.recurrence, &front.repeat) {
        (Some(_), Some(_)) => {
            cx.err(
                "repeat",
                msg!("events-repeat-and-recurrence"),
                Some(msg!("events-repeat-and-recurrence-hint")),
            );
            return None;
        }
        (Some(rule), None) => ("recurrence", rule.clone()),
        (None, Some(r)) => ("repeat", rule_of(cx, r, when?.start_date())?),
        (None, None) => {
            if !front.exceptions.is_empty() {
                cx.err(
                    "exceptions",
                    msg!("events-exceptions-without-rule"),
                    Some(msg!("events-exceptions-without-rule-hint")),
                );
            }
            return None;
        }
    };
    let fields = Fields {
        rule: field,
        exceptions: exceptions_field,
    };
    recurrence(cx, &rule, fields, exceptions, tz?, when?, today)
}

/// A date or time that could not be read (the message comes from `values`), with the hint
/// saying how to write one.
fn moment_error(cx: &mut FileCx, path: &str, message: impl Into<Text>) {
    let d = Diagnostic::error(&cx.file, message)
        .at(cx.pos(path))
        .field(path)
        .hint(msg!("events-moment-hint"));
    cx.diags.push(d);
}

/// Rejects local times that do not exist in `tz` (the hour skipped when clocks go forward).
fn check_exists(cx: &mut FileCx, path: &str, tz: Tz, at: NaiveDateTime) -> bool {
    if tz.from_local_datetime(&at).earliest().is_none() {
        cx.err(
            path,
            msg!(
                "events-time-skipped",
                time = at.format("%Y-%m-%d %H:%M").to_string(),
                zone = tz.name()
            ),
            Some(msg!("events-time-skipped-hint")),
        );
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;

    #[test]
    fn a_time_skipped_by_the_clock_change_is_rejected_not_guessed() {
        let mut diags = Diagnostics::new();
        let mut cx = FileCx::for_test("content/events/x.md", &mut diags);
        let tz = chrono_tz::Europe::Brussels;
        let t = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        assert!(check_exists(&mut cx, "start", tz, t("2027-03-28T01:59")));
        assert!(check_exists(&mut cx, "start", tz, t("2027-03-28T03:00")));
        // Repeated when clocks go back: it exists (twice).
        assert!(check_exists(&mut cx, "start", tz, t("2027-10-31T02:30")));
        assert!(!check_exists(&mut cx, "end", tz, t("2027-03-28T02:30")));
        let errors: Vec<_> = diags.errors().collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message,
            "2027-03-28 02:30 does not exist in Europe/Brussels: clocks go forward at that moment"
        );
        assert_eq!(errors[0].field.as_deref(), Some("end"));
    }
}
