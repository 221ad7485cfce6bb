//! `events/<slug>.<ll>.md`: an event's words in another language. The translation gives the
//! title, the place's and the mission's words and the description; everything else is the
//! original's. Dates, zone and rule may be repeated to keep the file readable on its own,
//! and must then be the original's: one event in two languages is one event in the
//! calendars (the same UID).

use chrono::NaiveDateTime;

use super::rule::canonical;
use crate::content::files::{FileCx, MdFile};
use crate::content::raw::EventTextFront;
use crate::content::translations::{original_missing, Originals};
use crate::content::values::{parse_moment, time_zone, Moment};
use crate::diagnostic::Diagnostics;
use crate::markdown;
use crate::model::{Event, When};
use crate::msg;

/// The original event with this file's words, or `None` (with the problems) when the file or
/// its original is wrong.
pub(in crate::content) fn translation(
    file: &MdFile,
    lang: &str,
    orig: &Originals,
    diags: &mut Diagnostics,
) -> Option<Event> {
    let Some(original) = orig.events.get(&file.slug) else {
        diags.push(original_missing(file, &format!("events/{}.md", file.slug)));
        return None;
    };
    let (parsed, body) = file.front_or_report::<EventTextFront>(diags)?;
    let errors_before = diags.errors().count();
    let mut cx = FileCx {
        file: file.shown.clone(),
        spans: parsed.spans,
        diags: &mut *diags,
        raw_html: orig.raw_html,
    };
    let front = parsed.value;
    let source = original.source.display().to_string();
    same_as_original(&mut cx, &front, original, &source);

    let mut ev = Event::clone(original);
    // Made from another file too: known by all of it (`Event::made_from`).
    ev.made_from = None;
    ev.source = file.shown.clone();
    ev.title = cx.required_text("title", &front.title);
    if let Some(l) = &front.location {
        match ev.location.as_mut() {
            Some(loc) => {
                let words = [
                    (&mut loc.name, &l.name),
                    (&mut loc.address, &l.address),
                    (&mut loc.city, &l.city),
                ];
                for (to, from) in words {
                    if let Some(v) = from {
                        *to = Some(v.trim().to_string());
                    }
                }
            }
            None => cx.err(
                "location",
                msg!(
                    "content-translation-no-original-field",
                    field = "location",
                    original = &source
                ),
                Some(msg!("content-translation-no-original-field-hint")),
            ),
        }
    }
    // The page the description is shown on, for its relative links.
    let page = orig
        .config
        .base_url
        .join(&format!("{lang}{}", crate::routes::url::event(&ev.slug)));
    let page = page.ok();
    let text = |s: &str| {
        let t = markdown::to_plain_text(s, page.as_ref());
        (!t.is_empty()).then_some(t)
    };
    if let Some(m) = &front.mission {
        match ev.mission.as_mut() {
            Some(mission) => {
                if let Some(v) = &m.audience {
                    mission.audience = Some(v.trim().to_string());
                }
                if let Some(v) = &m.objectives {
                    mission.objectives_html = Some(cx.md(v));
                    mission.objectives_text = text(v);
                }
                if let Some(v) = &m.expectations {
                    mission.expectations_text = text(v);
                }
                if let Some(v) = &m.preparation {
                    mission.preparation_text = text(v);
                }
                if let Some(v) = &m.contact {
                    mission.contact = Some(v.trim().to_string());
                }
            }
            None => cx.err(
                "mission",
                msg!(
                    "content-translation-no-original-field",
                    field = "mission",
                    original = &source
                ),
                Some(msg!("content-translation-no-original-field-hint")),
            ),
        }
    }
    ev.description_html = cx.md(body);
    ev.description_text = markdown::to_plain_text(body, page.as_ref());
    ev.summary = markdown::summary(body);
    (diags.errors().count() == errors_before).then_some(ev)
}

/// Dates, zone and rule written in a translation must be the original's.
fn same_as_original(cx: &mut FileCx, front: &EventTextFront, original: &Event, source: &str) {
    let differs = |cx: &mut FileCx, field: &str, written: &str, theirs: String| {
        cx.err(
            field,
            msg!(
                "content-translation-differs",
                field = field,
                written = written.trim(),
                original = theirs,
                file = source
            ),
            Some(msg!(
                "content-translation-differs-hint",
                field = field,
                file = source
            )),
        );
    };
    let fmt = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%M").to_string();
    let (start, end) = match original.when {
        When::Timed { start, end } => (Moment::At(start), end.map(Moment::At)),
        When::AllDay { start, last } => (
            Moment::Day(start),
            (last != start).then_some(Moment::Day(last)),
        ),
    };
    let show = |m: &Moment| match m {
        Moment::At(t) => fmt(*t),
        Moment::Day(d) => d.to_string(),
    };
    if let Some(s) = &front.start {
        if parse_moment(s).ok().as_ref() != Some(&start) {
            differs(cx, "start", s, show(&start));
        }
    }
    if let Some(e) = &front.end {
        let theirs = end.as_ref().map(show).unwrap_or_else(|| "—".into());
        // An all-day event of one day may repeat its day as the end.
        let same = match (parse_moment(e).ok(), &end, &start) {
            (Some(m), Some(o), _) => &m == o,
            (Some(Moment::Day(d)), None, Moment::Day(s)) => d == *s,
            _ => false,
        };
        if !same {
            differs(cx, "end", e, theirs);
        }
    }
    if let Some(z) = &front.timezone {
        if time_zone(z) != Some(original.timezone) {
            differs(cx, "timezone", z, original.timezone.name().to_string());
        }
    }
    if let Some(r) = &front.recurrence {
        let written = canonical(r, original.timezone, &original.when)
            .ok()
            .map(|rule| rule.text);
        let theirs = original.recurrence.as_ref().map(|r| r.rule.clone());
        if written.is_none() || written != theirs {
            differs(cx, "recurrence", r, theirs.unwrap_or_else(|| "—".into()));
        }
    }
}
