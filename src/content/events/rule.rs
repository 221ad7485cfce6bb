//! A recurrence rule as editors write it, checked and rewritten in RFC 5545's canonical form:
//! upper case, no spaces, parts in a fixed order, `UNTIL` in UTC for a timed event (RFC 5545
//! §3.3.10: a DTSTART with TZID needs a UTC UNTIL) and as a date for an all-day event. Every
//! problem is worded for an editor, never in a library's terms: a rule one calendar client
//! refuses makes it drop the whole feed.

use chrono::{Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::content::yaml::edit_distance;
use crate::i18n::Msg;
use crate::model::When;
use crate::msg;

/// A rule problem, for the `recurrence` field.
#[derive(Debug, PartialEq)]
pub(super) struct Problem {
    pub message: Msg,
    pub hint: Msg,
}

fn problem(message: Msg, hint: Msg) -> Problem {
    Problem { message, hint }
}

/// A rule in canonical form.
#[derive(Debug, PartialEq)]
pub(super) struct Rule {
    /// The text written in feeds and links (without `RRULE:`).
    pub text: String,
    /// The same rule with `UNTIL` always in UTC, for the rrule crate (which wants UTC even
    /// for an all-day event's date).
    pub for_expansion: String,
}

/// The parts a rule may have, in the order they are written back.
const ORDER: [&str; 11] = [
    "FREQ",
    "INTERVAL",
    "BYMONTH",
    "BYWEEKNO",
    "BYYEARDAY",
    "BYMONTHDAY",
    "BYDAY",
    "BYSETPOS",
    "WKST",
    "COUNT",
    "UNTIL",
];

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn hint() -> Msg {
    msg!("events-rule-hint")
}

/// Checks `written` for an event at `when` in `tz` and returns it in canonical form, or every
/// problem found.
pub(super) fn canonical(written: &str, tz: Tz, when: &When) -> Result<Rule, Vec<Problem>> {
    let mut problems = Vec::new();
    let compact: String = written.chars().filter(|c| !c.is_whitespace()).collect();
    let body = match compact.get(..6) {
        Some(p) if p.eq_ignore_ascii_case("RRULE:") => &compact[6..],
        _ => compact.as_str(),
    };
    let mut parts: Vec<(String, String)> = Vec::new();
    for piece in body.split(';').filter(|p| !p.is_empty()) {
        let Some((key, value)) = piece.split_once('=') else {
            problems.push(problem(
                msg!("events-rule-part-malformed", part = piece),
                hint(),
            ));
            continue;
        };
        let key = key.to_ascii_uppercase();
        let value = value.to_ascii_uppercase();
        if value.is_empty() {
            problems.push(problem(msg!("events-rule-part-empty", key = &key), hint()));
            continue;
        }
        if !ORDER.contains(&key.as_str()) {
            problems.push(unknown_part(&key));
            continue;
        }
        if parts.iter().any(|(k, _)| *k == key) {
            problems.push(problem(
                msg!("events-rule-part-twice", key = &key),
                msg!("events-rule-part-twice-hint"),
            ));
            continue;
        }
        parts.push((key, value));
    }
    let get = |k: &str| {
        parts
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let freq = match get("FREQ") {
        None => {
            problems.push(problem(
                msg!("events-rule-no-freq"),
                msg!("events-rule-no-freq-hint"),
            ));
            None
        }
        Some(f @ ("DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY")) => Some(f.to_string()),
        Some(f @ ("HOURLY" | "MINUTELY" | "SECONDLY")) => {
            problems.push(once_a_day(&format!("FREQ={f}")));
            None
        }
        Some(f) => {
            problems.push(problem(
                msg!("events-rule-freq-unknown", freq = f),
                msg!("events-rule-freq-unknown-hint"),
            ));
            None
        }
    };
    let freq = freq.as_deref();
    let mut out: Vec<(String, String)> = Vec::new();
    for (key, value) in &parts {
        let checked = match key.as_str() {
            "FREQ" => Ok(value.clone()),
            "INTERVAL" => number(key, value, 1, 1000, false),
            "COUNT" => number(key, value, 1, 10_000, false),
            "BYMONTH" => list(key, value, |v| number(key, v, 1, 12, false)),
            "BYWEEKNO" => only(freq, &["YEARLY"], key)
                .and_then(|_| list(key, value, |v| number(key, v, 1, 53, true))),
            "BYYEARDAY" => only(freq, &["YEARLY"], key)
                .and_then(|_| list(key, value, |v| number(key, v, 1, 366, true))),
            "BYMONTHDAY" => only(freq, &["DAILY", "MONTHLY", "YEARLY"], key)
                .and_then(|_| list(key, value, |v| number(key, v, 1, 31, true))),
            "BYSETPOS" => list(key, value, |v| number(key, v, 1, 366, true)),
            "BYDAY" => list(key, value, |v| weekday(freq, v)),
            "WKST" => {
                if DAYS.contains(&value.as_str()) {
                    Ok(value.clone())
                } else {
                    Err(problem(
                        msg!("events-rule-wkst", value = value),
                        msg!("events-rule-wkst-hint"),
                    ))
                }
            }
            // UNTIL is written below, once the other parts are known to be right.
            _ => continue,
        };
        match checked {
            Ok(v) => out.push((key.clone(), v)),
            Err(p) => problems.push(p),
        }
    }
    if get("BYSETPOS").is_some()
        && !parts
            .iter()
            .any(|(k, _)| k.starts_with("BY") && k != "BYSETPOS")
    {
        problems.push(problem(
            msg!("events-rule-bysetpos-alone"),
            msg!("events-rule-bysetpos-alone-hint"),
        ));
    }
    let mut expansion_until = None;
    if let Some(until) = get("UNTIL") {
        if get("COUNT").is_some() {
            problems.push(problem(
                msg!("events-rule-count-and-until"),
                msg!("events-rule-count-and-until-hint"),
            ));
        }
        match until_instant(until, tz, when) {
            Ok((written, instant)) => {
                if instant < start_instant(tz, when) {
                    problems.push(problem(
                        msg!("events-rule-until-before-start", until = until),
                        msg!("events-rule-until-before-start-hint"),
                    ));
                }
                out.push(("UNTIL".into(), written));
                expansion_until = Some(instant.format("%Y%m%dT%H%M%SZ").to_string());
            }
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    out.sort_by_key(|(k, _)| ORDER.iter().position(|o| o == k));
    let join = |parts: &[(String, String)]| {
        parts
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(";")
    };
    let text = join(&out);
    let for_expansion = match expansion_until {
        Some(u) => {
            let mut p = out;
            if let Some(last) = p.last_mut() {
                last.1 = u;
            }
            join(&p)
        }
        None => text.clone(),
    };
    Ok(Rule {
        text,
        for_expansion,
    })
}

fn unknown_part(key: &str) -> Problem {
    if matches!(key, "BYHOUR" | "BYMINUTE" | "BYSECOND") {
        return once_a_day(key);
    }
    if key == "DTSTART" || key == "EXDATE" || key == "RDATE" {
        return problem(
            msg!("events-rule-part-not-in-rule", key = key),
            msg!("events-rule-part-not-in-rule-hint"),
        );
    }
    let guess = ORDER
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, _)| *d <= (key.len() / 3).max(1))
        .min();
    match guess {
        Some((_, g)) => problem(
            msg!("events-rule-part-unknown", key = key),
            msg!("events-rule-part-unknown-guess", guess = g),
        ),
        None => problem(
            msg!("events-rule-part-unknown", key = key),
            msg!("events-rule-part-unknown-hint"),
        ),
    }
}

fn once_a_day(what: &str) -> Problem {
    problem(
        msg!("events-rule-within-a-day", part = what),
        msg!("events-rule-within-a-day-hint"),
    )
}

/// `key` is only meaningful with the frequencies in `allowed` (RFC 5545 §3.3.10).
fn only(freq: Option<&str>, allowed: &[&str], key: &str) -> Result<(), Problem> {
    match freq {
        Some(f) if !allowed.contains(&f) => Err(problem(
            msg!("events-rule-part-not-with-freq", key = key, freq = f),
            match allowed {
                [one] => msg!("events-rule-part-goes-with-one", key = key, freq = *one),
                [a, b, c] => msg!(
                    "events-rule-part-goes-with-three",
                    key = key,
                    a = *a,
                    b = *b,
                    c = *c
                ),
                _ => msg!(
                    "events-rule-part-goes-with-list",
                    key = key,
                    freqs = allowed.join(", ")
                ),
            },
        )),
        _ => Ok(()),
    }
}

/// A whole number in `min..=max` (or its negative, counting from the end, when `signed`),
/// written back without `+` or leading zeros.
fn number(key: &str, v: &str, min: i32, max: i32, signed: bool) -> Result<String, Problem> {
    let n: Option<i32> = v.strip_prefix('+').unwrap_or(v).parse().ok();
    match n {
        Some(n) if (min..=max).contains(&n) || (signed && (-max..=-min).contains(&n)) => {
            Ok(n.to_string())
        }
        _ => {
            let hint = if signed {
                msg!(
                    "events-rule-number-signed-hint",
                    key = key,
                    min = min,
                    max = max
                )
            } else {
                msg!("events-rule-number-hint", key = key, min = min, max = max)
            };
            Err(problem(
                msg!("events-rule-number", value = v, key = key),
                hint,
            ))
        }
    }
}

/// A comma-separated list, each value checked by `each`.
fn list(
    key: &str,
    value: &str,
    each: impl Fn(&str) -> Result<String, Problem>,
) -> Result<String, Problem> {
    let mut out = Vec::new();
    for v in value.split(',') {
        if v.is_empty() {
            return Err(problem(
                msg!("events-rule-list-empty-value", key = key, list = value),
                msg!("events-rule-list-empty-value-hint"),
            ));
        }
        out.push(each(v)?);
    }
    Ok(out.join(","))
}

/// A BYDAY value: a two-letter day, with an ordinal (`1TU`, `-1FR`) for monthly and yearly
/// rules only.
fn weekday(freq: Option<&str>, v: &str) -> Result<String, Problem> {
    let split = v.len().saturating_sub(2);
    let (ordinal, day) = v.split_at(split);
    if !DAYS.contains(&day) {
        return Err(problem(
            msg!("events-rule-byday", value = v),
            msg!("events-rule-byday-hint"),
        ));
    }
    if ordinal.is_empty() {
        return Ok(day.to_string());
    }
    let max = if freq == Some("YEARLY") { 53 } else { 5 };
    let n = number("BYDAY", ordinal, 1, max, true).map_err(|_| {
        problem(
            msg!("events-rule-byday", value = v),
            msg!("events-rule-byday-ordinal-hint", max = max),
        )
    })?;
    if freq.is_some() && !matches!(freq, Some("MONTHLY" | "YEARLY")) {
        return Err(problem(
            msg!("events-rule-byday-numbered", value = v),
            msg!("events-rule-byday-numbered-hint"),
        ));
    }
    Ok(format!("{n}{day}"))
}

/// The instant an event's first occurrence starts (an all-day event: its first midnight).
fn start_instant(tz: Tz, when: &When) -> chrono::DateTime<Utc> {
    let local = match when {
        When::Timed { start, .. } => *start,
        When::AllDay { start, .. } => start.and_time(NaiveTime::MIN),
    };
    instant(tz, local)
}

/// `local` in `tz` as UTC: a time skipped by a clock change is read with the offset before
/// the change (RFC 5545 §3.3.5), a repeated one as its first occurrence.
pub(super) fn instant(tz: Tz, local: NaiveDateTime) -> chrono::DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            use chrono::Offset;
            // Clock changes are hours apart: twelve hours earlier, the old offset holds.
            let before = tz
                .offset_from_utc_datetime(&(local - Duration::hours(12)))
                .fix()
                .local_minus_utc();
            Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(before))))
        }
    }
}

/// `UNTIL` as people write it: a date (`20271109`, `2027-11-09`: through that local day), a
/// local date and time (`20271109T183000`, `2027-11-09T18:30`: through that local time) or a
/// UTC time (`20271109T173000Z`). Returns the value to write (UTC for a timed event, a date
/// for an all-day one) and the instant it stands for.
fn until_instant(v: &str, tz: Tz, when: &When) -> Result<(String, chrono::DateTime<Utc>), Problem> {
    let bad = || {
        problem(
            msg!("events-rule-until", value = v),
            msg!("events-rule-until-hint"),
        )
    };
    let digits: String = v.chars().filter(|c| !matches!(c, '-' | ':')).collect();
    let (date_part, time_part) = match digits.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (digits.as_str(), None),
    };
    let date = NaiveDate::parse_from_str(date_part, "%Y%m%d").map_err(|_| bad())?;
    if date_part.len() != 8 {
        return Err(bad());
    }
    let (local_or_utc, utc) = match time_part {
        None => (date.and_hms_opt(23, 59, 59).ok_or_else(bad)?, false),
        Some(t) => {
            let (t, utc) = match t.strip_suffix('Z') {
                Some(t) => (t, true),
                None => (t, false),
            };
            let time = match t.len() {
                4 => NaiveTime::parse_from_str(t, "%H%M"),
                6 => NaiveTime::parse_from_str(t, "%H%M%S"),
                _ => return Err(bad()),
            }
            .map_err(|_| bad())?;
            (date.and_time(time), utc)
        }
    };
    let at = if utc {
        Utc.from_utc_datetime(&local_or_utc)
    } else {
        instant(tz, local_or_utc)
    };
    let written = match when {
        When::Timed { .. } => at.format("%Y%m%dT%H%M%SZ").to_string(),
        // An all-day event's UNTIL is a date (RFC 5545: the same value type as DTSTART); the
        // instant is the end of that local day, so that it includes the day itself.
        When::AllDay { .. } => {
            let day = if utc {
                at.with_timezone(&tz).date_naive()
            } else {
                date
            };
            return Ok((
                day.format("%Y%m%d").to_string(),
                instant(tz, day.and_hms_opt(23, 59, 59).ok_or_else(bad)?),
            ));
        }
    };
    Ok((written, at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;
    use chrono_tz::Europe::Brussels;

    fn timed(s: &str) -> When {
        When::Timed {
            start: NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap(),
            end: None,
        }
    }

    fn all_day(s: &str) -> When {
        let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        When::AllDay { start: d, last: d }
    }

    fn ok(rule: &str, when: &When) -> Rule {
        canonical(rule, Brussels, when).unwrap_or_else(|p| panic!("{rule}: {p:?}"))
    }

    fn errors(rule: &str, when: &When) -> Vec<String> {
        canonical(rule, Brussels, when)
            .err()
            .unwrap_or_else(|| panic!("{rule} was accepted"))
            .into_iter()
            .map(|p| Text::from(p.message).to_string())
            .collect()
    }

    #[test]
    fn lowercase_spaced_rules_are_written_in_canonical_form() {
        let w = timed("2027-01-13T18:30");
        let r = ok(" rrule:freq=monthly; byday = 2we ; count=3;", &w);
        assert_eq!(r.text, "FREQ=MONTHLY;BYDAY=2WE;COUNT=3");
        assert_eq!(r.for_expansion, r.text);
        // Parts come in a fixed order; `+` and leading zeros go.
        let r = ok("count=04;byday=+1tu;freq=monthly;interval=02", &w);
        assert_eq!(r.text, "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU;COUNT=4");
    }

    #[test]
    fn until_as_a_date_means_through_that_local_day() {
        // Timed: written in UTC (RFC 5545 §3.3.10), the end of 9 November 2027 in Brussels
        // (UTC+1 then) being 22:59:59 UTC.
        let r = ok("FREQ=WEEKLY;UNTIL=20271109", &timed("2027-01-12T18:30"));
        assert_eq!(r.text, "FREQ=WEEKLY;UNTIL=20271109T225959Z");
        let r = ok("FREQ=WEEKLY;UNTIL=2027-07-01", &timed("2027-01-12T18:30"));
        assert_eq!(r.text, "FREQ=WEEKLY;UNTIL=20270701T215959Z");
        // A local time: through 18:30 in Brussels, 17:30 UTC in winter.
        let r = ok(
            "FREQ=WEEKLY;UNTIL=2027-11-09T18:30",
            &timed("2027-01-12T18:30"),
        );
        assert_eq!(r.text, "FREQ=WEEKLY;UNTIL=20271109T173000Z");
        let r = ok(
            "FREQ=WEEKLY;UNTIL=20271109T183000",
            &timed("2027-01-12T18:30"),
        );
        assert_eq!(r.text, "FREQ=WEEKLY;UNTIL=20271109T173000Z");
        // Already UTC: kept.
        let r = ok(
            "FREQ=WEEKLY;UNTIL=20271109T173000Z",
            &timed("2027-01-12T18:30"),
        );
        assert_eq!(r.text, "FREQ=WEEKLY;UNTIL=20271109T173000Z");
        // All-day: a date in the feed, the end of the day for the expansion.
        let r = ok("FREQ=YEARLY;UNTIL=2030-12-31", &all_day("2027-12-31"));
        assert_eq!(r.text, "FREQ=YEARLY;UNTIL=20301231");
        assert_eq!(r.for_expansion, "FREQ=YEARLY;UNTIL=20301231T225959Z");
    }

    #[test]
    fn every_problem_is_worded_for_an_editor() {
        let w = timed("2027-01-13T18:30");
        assert_eq!(
            errors("FREQ=WEEKLY;UNTIL=2027-13-45", &w),
            ["`2027-13-45` is not a date for UNTIL"]
        );
        assert_eq!(
            errors("FREQ=WEEKLY;UNTIL=2026-01-01", &w),
            ["the rule ends (UNTIL=2026-01-01) before the event's first date"]
        );
        assert_eq!(
            errors("FREQ=FORTNIGHTLY;BYDAY=2XX;COUNT=0", &w),
            [
                "`FORTNIGHTLY` is not a frequency",
                "`2XX` is not a day for BYDAY",
                "`0` is not a value for COUNT",
            ]
        );
        assert_eq!(
            errors("FREQ=WEEKLY;BYDAY=2WE", &w),
            ["`2WE`: a numbered day only makes sense in a monthly or yearly rule"]
        );
        assert_eq!(
            errors("FREQ=SECONDLY", &w),
            ["`FREQ=SECONDLY` would repeat the event within a day: here an event takes place at most once a day, at the time of `start`"]
        );
        assert_eq!(
            errors("FREQ=DAILY;BYHOUR=9,14", &w)[0],
            "`BYHOUR` would repeat the event within a day: here an event takes place at most once a day, at the time of `start`"
        );
        let p = canonical("FREQ=MONTHLY;BYDAYS=1TU", Brussels, &w).unwrap_err();
        assert_eq!(
            Text::from(p[0].message.clone()),
            "`BYDAYS` is not a part of a rule"
        );
        assert_eq!(Text::from(p[0].hint.clone()), "did you mean `BYDAY`?");
        assert_eq!(
            errors("BYDAY=1TU", &w),
            ["the rule has no FREQ: say how often the event repeats"]
        );
        assert_eq!(
            errors("FREQ=MONTHLY;COUNT=3;UNTIL=20271231", &w),
            ["the rule has both COUNT and UNTIL"]
        );
        assert_eq!(
            errors("FREQ=MONTHLY;BYSETPOS=-1", &w),
            ["BYSETPOS picks among the days named by another BY… part, and there is none"]
        );
        assert_eq!(
            errors("FREQ=WEEKLY;BYMONTHDAY=3", &w),
            ["BYMONTHDAY cannot be used with FREQ=WEEKLY"]
        );
        assert_eq!(
            errors("FREQ=WEEKLY;FREQ=DAILY", &w),
            ["`FREQ` is written twice"]
        );
    }

    #[test]
    fn a_last_weekday_rule_keeps_its_set_position() {
        let r = ok(
            "freq=monthly;bysetpos=-1;byday=mo,tu,we,th,fr",
            &timed("2027-01-29T17:00"),
        );
        assert_eq!(r.text, "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1");
    }
}
