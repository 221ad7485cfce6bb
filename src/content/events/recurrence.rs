//! A recurring event's rule (RFC 5545 RRULE, read by the rrule crate): its occurrences up to a
//! horizon, its exceptions, and local times that clock changes skip.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::content::files::FileCx;
use crate::model::{Recurrence, When};

/// How far ahead of "today" (or of its start, when later) occurrences of a recurring event are
/// listed: a rule without COUNT or UNTIL never ends, its listing does.
pub const RECURRENCE_HORIZON_DAYS: i64 = 730;

/// The most occurrences listed for one recurring event, whatever its rule says.
const MAX_OCCURRENCES: u16 = 1000;

/// The occurrences of `rule_text` from the event's start, less `exceptions` (dates, each one
/// an occurrence), as far as `RECURRENCE_HORIZON_DAYS` past `today` or the start.
pub(super) fn recurrence(
    cx: &mut FileCx,
    rule_text: &str,
    exceptions: &[String],
    tz: Tz,
    when: &When,
    today: NaiveDate,
) -> Option<Recurrence> {
    let rule = rule_text.trim();
    let rule = rule.strip_prefix("RRULE:").unwrap_or(rule).to_string();
    let hint = "write an RFC 5545 rule such as FREQ=MONTHLY;BYDAY=1TU;COUNT=10 (see the README)";
    if rule.chars().any(char::is_control) || rule.to_ascii_uppercase().contains("DTSTART") {
        cx.error(
            "recurrence",
            "the rule must be one line without DTSTART",
            Some("the start comes from `start`; write only the rule"),
        );
        return None;
    }
    let start_local = match when {
        When::Timed { start, .. } => *start,
        When::AllDay { start, .. } => start.and_time(NaiveTime::MIN),
    };
    let rtz = rrule::Tz::Tz(tz);
    let Some(dt_start) = resolve_local(rtz, start_local) else {
        cx.error(
            "start",
            format!("the start cannot be placed in the time zone {}", tz.name()),
            Some("choose another start time"),
        );
        return None;
    };
    let parsed: rrule::RRule<rrule::Unvalidated> = match rule.parse() {
        Ok(r) => r,
        Err(e) => {
            cx.error(
                "recurrence",
                format!("invalid recurrence rule `{rule}`: {}", rrule_message(&e)),
                Some(hint),
            );
            return None;
        }
    };
    let set = match parsed.build(dt_start) {
        Ok(s) => s,
        Err(e) => {
            cx.error(
                "recurrence",
                format!("invalid recurrence rule `{rule}`: {}", rrule_message(&e)),
                Some(hint),
            );
            return None;
        }
    };
    let mut exception_dates = Vec::new();
    for (i, e) in exceptions.iter().enumerate() {
        if let Some(d) = cx.date(&format!("exceptions[{i}]"), e) {
            exception_dates.push(d);
        }
    }
    let last_exception = exception_dates.iter().max().copied().unwrap_or(today);
    // From today, or from the start when it is further ahead: a rule starting years from now
    // still has its first occurrences.
    let horizon = today
        .max(when.start_date())
        .checked_add_signed(Duration::days(RECURRENCE_HORIZON_DAYS))
        .unwrap_or(NaiveDate::MAX)
        .max(last_exception.succ_opt().unwrap_or(NaiveDate::MAX));
    let horizon_dt = resolve_local(rtz, horizon.and_time(NaiveTime::MIN))?;
    let all = set.before(horizon_dt).all(MAX_OCCURRENCES);
    // `before` includes an occurrence at the horizon itself: keep strictly earlier dates.
    let dates: Vec<NaiveDate> = all
        .dates
        .iter()
        .map(|d| d.with_timezone(&tz).date_naive())
        .filter(|d| *d < horizon)
        .collect();
    if dates.first() != Some(&when.start_date()) {
        let first = dates
            .first()
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none".into());
        cx.error(
            "start",
            format!("the start {} is not an occurrence of the rule `{rule}` (first occurrence: {first})", when.start_date()),
            Some("set `start` to the first occurrence of the rule, e.g. the first Tuesday of the month for BYDAY=1TU"),
        );
        return None;
    }
    for (i, d) in exception_dates.iter().enumerate() {
        if !dates.contains(d) {
            cx.error(
                &format!("exceptions[{i}]"),
                format!("{d} is not the date of an occurrence"),
                Some("list only dates on which the event would otherwise take place"),
            );
        }
    }
    let occurrences = dates
        .into_iter()
        .filter(|d| !exception_dates.contains(d))
        .collect();
    Some(Recurrence {
        rule,
        exceptions: exception_dates,
        occurrences,
    })
}

/// `at` in `tz`. A midnight skipped by a clock change (some zones move their clocks at 00:00)
/// becomes the first hour that exists, so an all-day event starting that day keeps its rule.
/// Timed events never get here with a skipped time: `check_exists` rejects them first.
fn resolve_local(tz: rrule::Tz, at: NaiveDateTime) -> Option<chrono::DateTime<rrule::Tz>> {
    (0..=2).find_map(|h| {
        tz.from_local_datetime(&(at + Duration::hours(h)))
            .earliest()
    })
}

/// The rrule crate's message without its "RRule parsing error: " prefix.
fn rrule_message(e: &rrule::RRuleError) -> String {
    let m = e.to_string();
    let m = m
        .strip_prefix("RRule parsing error: ")
        .or_else(|| m.strip_prefix("RRule validation error: "))
        .unwrap_or(&m);
    m.trim_end_matches('.').to_string()
}
