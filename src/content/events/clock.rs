//! Local times that clock changes make unclear, in a rule: a skipped hour (clocks going
//! forward) or a repeated one (clocks going back). Calendar clients read such an occurrence
//! differently, so a rule reaching one is refused, naming the dates (see `unclear_times`).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use super::recurrence::{resolve_local, Fields};
use crate::content::files::FileCx;
use crate::msg;

/// How many years ahead of the listing horizon a rule without an end is checked for local
/// times that clock changes skip (calendar clients repeat it for ever).
const GAP_CHECK_YEARS: i32 = 30;

/// Refuses a timed rule one of whose occurrences would start or end at a local time that a
/// clock change skips or repeats, unless that date is an exception. Calendar clients place
/// such an occurrence differently (an hour later or earlier, the first or the second 02:30,
/// or with its end before its start), so a feed must not hold one: the editor chooses
/// another time or lists the date in `exceptions`. (A single event's repeated time is written
/// in UTC instead, see `render::ics`.)
#[allow(clippy::too_many_arguments)]
pub(super) fn unclear_times(
    cx: &mut FileCx,
    fields: Fields,
    set: &rrule::RRuleSet,
    tz: Tz,
    start: NaiveDateTime,
    end: Option<NaiveDateTime>,
    exceptions: &[NaiveDate],
    horizon: NaiveDate,
) {
    use chrono::Datelike;
    let changes = crate::zones::unclear(tz, start.year(), horizon.year() + GAP_CHECK_YEARS);
    let unclear_at = |t: NaiveDateTime| changes.iter().find(|u| u.from <= t && t < u.to);
    // Occurrence dates whose start (true) or end would be unclear, if the rule reaches them.
    let mut candidates = Vec::new();
    for u in &changes {
        for day in [u.from.date(), u.to.date()] {
            if let Some(u) = unclear_at(day.and_time(start.time())) {
                candidates.push((day, true, *u));
            }
            if let Some(e) = end {
                if let Some(u) = unclear_at(day.and_time(e.time())) {
                    candidates.push((day - (e.date() - start.date()), false, *u));
                }
            }
        }
    }
    candidates.retain(|(d, _, _)| *d >= start.date() && !exceptions.contains(d));
    candidates.sort_by_key(|c| c.0);
    candidates.dedup_by_key(|c| c.0);
    let Some(last) = candidates.last().map(|c| c.0) else {
        return;
    };
    let Some(until) = resolve_local(
        rrule::Tz::Tz(tz),
        (last + Duration::days(1)).and_time(NaiveTime::MIN),
    ) else {
        return;
    };
    let reached: std::collections::HashSet<NaiveDate> = set
        .clone()
        .before(until)
        .all(u16::MAX)
        .dates
        .iter()
        .map(|d| d.with_timezone(&tz).date_naive())
        .collect();
    let hits: Vec<_> = candidates
        .into_iter()
        .filter(|(d, _, _)| reached.contains(d))
        .collect();
    // One message for skipped times and one for repeated ones.
    for skipped in [true, false] {
        let hits: Vec<_> = hits.iter().filter(|h| h.2.skipped == skipped).collect();
        let Some((_, starts, u)) = hits.first() else {
            continue;
        };
        let dates: Vec<String> = hits.iter().take(3).map(|h| h.0.to_string()).collect();
        let dates = dates.join(", ");
        // 1 when more dates than those named are reached ("and later").
        let later = usize::from(hits.len() > 3);
        let (what, time) = match (starts, end) {
            (false, Some(e)) => ("end", e.time()),
            _ => ("start", start.time()),
        };
        let time = time.format("%H:%M").to_string();
        let (from, to) = (
            u.from.format("%H:%M").to_string(),
            u.to.format("%H:%M").to_string(),
        );
        let zone = tz.name();
        let message = if u.skipped {
            msg!(
                "events-rule-reaches-skipped-time",
                dates = &dates,
                later = later,
                what = what,
                time = &time,
                zone = zone,
                from = &from,
                to = &to
            )
        } else {
            msg!(
                "events-rule-reaches-repeated-time",
                dates = &dates,
                later = later,
                what = what,
                time = &time,
                zone = zone,
                from = &from,
                to = &to
            )
        };
        let ends = set
            .get_rrule()
            .iter()
            .any(|r| r.get_count().is_some() || r.get_until().is_some());
        let hint = if ends {
            msg!(
                "events-rule-reaches-unclear-time-hint",
                dates = &dates,
                field = fields.exceptions,
                from = &from,
                to = &to
            )
        } else {
            msg!(
                "events-rule-reaches-unclear-time-endless-hint",
                field = fields.exceptions,
                from = &from,
                to = &to
            )
        };
        cx.err(fields.rule, message, Some(hint));
    }
}
