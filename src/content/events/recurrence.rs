//! A recurring event's rule (RFC 5545 RRULE, read by the rrule crate): its occurrences up to a
//! horizon, its exceptions, and local times that clock changes skip.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::content::files::FileCx;
use crate::model::{Recurrence, When};
use crate::msg;

/// How far ahead of "today" (or of its start, when later) occurrences of a recurring event are
/// listed: a rule without COUNT or UNTIL never ends, its listing does.
pub const RECURRENCE_HORIZON_DAYS: i64 = 730;

/// The most occurrences listed for one recurring event, whatever its rule says.
const MAX_OCCURRENCES: u16 = 1000;

/// Where the rule and its exceptions are written: `recurrence` and `exceptions`, or
/// `repeat` and `repeat.except`.
#[derive(Clone, Copy)]
pub(super) struct Fields {
    pub rule: &'static str,
    pub exceptions: &'static str,
}

/// The occurrences of `rule_text` from the event's start, less `exceptions` (dates, each one
/// an occurrence), as far as `RECURRENCE_HORIZON_DAYS` past `today` or the start.
pub(super) fn recurrence(
    cx: &mut FileCx,
    rule_text: &str,
    fields: Fields,
    exceptions: &[String],
    tz: Tz,
    when: &When,
    today: NaiveDate,
) -> Option<Recurrence> {
    if rule_text.chars().any(char::is_control) {
        cx.err(
            fields.rule,
            msg!("events-rule-one-line"),
            Some(msg!("events-rule-one-line-hint")),
        );
        return None;
    }
    let rule = match super::rule::canonical(rule_text, tz, when) {
        Ok(r) => r,
        Err(problems) => {
            for p in problems {
                cx.err(fields.rule, p.message, Some(p.hint));
            }
            return None;
        }
    };
    let start_local = match when {
        When::Timed { start, .. } => *start,
        When::AllDay { start, .. } => start.and_time(NaiveTime::MIN),
    };
    let rtz = rrule::Tz::Tz(tz);
    let Some(dt_start) = resolve_local(rtz, start_local) else {
        cx.err(
            "start",
            msg!("events-start-not-placeable", zone = tz.name()),
            Some(msg!("events-start-not-placeable-hint")),
        );
        return None;
    };
    // The rule was checked above: what the rrule crate still refuses is rare, and said in
    // its words after ours.
    let set = match rule
        .for_expansion
        .parse::<rrule::RRule<rrule::Unvalidated>>()
        .and_then(|r| r.build(dt_start))
    {
        Ok(s) => s,
        Err(e) => {
            cx.err(
                fields.rule,
                msg!(
                    "events-rule-refused",
                    rule = &rule.text,
                    reason = rrule_message(&e)
                ),
                Some(msg!("events-rule-hint")),
            );
            return None;
        }
    };
    let mut exception_dates = Vec::new();
    for (i, e) in exceptions.iter().enumerate() {
        if let Some(d) = cx.date(&format!("{}[{i}]", fields.exceptions), e) {
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
    let all = set.clone().before(horizon_dt).all(MAX_OCCURRENCES);
    // `before` includes an occurrence at the horizon itself: keep strictly earlier dates.
    let dates: Vec<NaiveDate> = all
        .dates
        .iter()
        .map(|d| d.with_timezone(&tz).date_naive())
        .filter(|d| *d < horizon)
        .collect();
    if dates.first() != Some(&when.start_date()) {
        let start = when.start_date().to_string();
        let message = match dates.first() {
            Some(first) => msg!(
                "events-start-not-occurrence",
                start = start,
                rule = &rule.text,
                first = first.to_string()
            ),
            None => msg!(
                "events-start-not-occurrence-none",
                start = start,
                rule = &rule.text
            ),
        };
        cx.err(
            "start",
            message,
            Some(msg!("events-start-not-occurrence-hint")),
        );
        return None;
    }
    for (i, d) in exception_dates.iter().enumerate() {
        if !dates.contains(d) {
            cx.err(
                &format!("{}[{i}]", fields.exceptions),
                msg!("events-exception-not-occurrence", date = d.to_string()),
                Some(msg!("events-exception-not-occurrence-hint")),
            );
        }
    }
    if let When::Timed { start, end } = when {
        super::clock::unclear_times(
            cx,
            fields,
            &set,
            tz,
            *start,
            *end,
            &exception_dates,
            horizon,
        );
    }
    let occurrences = dates
        .into_iter()
        .filter(|d| !exception_dates.contains(d))
        .collect();
    Some(Recurrence {
        rule: rule.text,
        exceptions: exception_dates,
        occurrences,
    })
}

/// `at` in `tz`. A midnight skipped by a clock change (some zones move their clocks at 00:00)
/// becomes the first hour that exists, so an all-day event starting that day keeps its rule.
/// Timed events never get here with a skipped time: `check_exists` rejects them first.
pub(super) fn resolve_local(
    tz: rrule::Tz,
    at: NaiveDateTime,
) -> Option<chrono::DateTime<rrule::Tz>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use chrono_tz::Europe::Brussels;

    const FIELDS: Fields = Fields {
        rule: "recurrence",
        exceptions: "exceptions",
    };

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    /// The rule checked for an event starting at `when`, and the error messages.
    fn run(
        rule: &str,
        exceptions: &[&str],
        when: When,
        today: &str,
    ) -> (Option<Recurrence>, Vec<String>) {
        let mut diags = Diagnostics::new();
        let mut cx = FileCx::for_test("content/events/x.md", &mut diags);
        let exceptions: Vec<String> = exceptions.iter().map(|e| e.to_string()).collect();
        let r = recurrence(
            &mut cx,
            rule,
            FIELDS,
            &exceptions,
            Brussels,
            &when,
            day(today),
        );
        let messages = diags.errors().map(|d| d.message.to_string()).collect();
        (r, messages)
    }

    fn timed(start: &str) -> When {
        When::Timed {
            start: at(start),
            end: None,
        }
    }

    #[test]
    fn a_rule_gives_its_occurrences_less_the_exceptions() {
        // The first Tuesday of each month, four times, from Tuesday 2 March 2027.
        let (r, errors) = run(
            "RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=4",
            &["2027-04-06"],
            timed("2027-03-02T18:30"),
            "2027-01-10",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let r = r.unwrap();
        assert_eq!(r.rule, "FREQ=MONTHLY;BYDAY=1TU;COUNT=4");
        assert_eq!(r.exceptions, [day("2027-04-06")]);
        assert_eq!(
            r.occurrences,
            [day("2027-03-02"), day("2027-05-04"), day("2027-06-01")]
        );
    }

    #[test]
    fn a_rule_without_an_end_is_listed_up_to_the_horizon() {
        let (r, errors) = run(
            "FREQ=DAILY",
            &[],
            When::AllDay {
                start: day("2027-01-01"),
                last: day("2027-01-01"),
            },
            "2027-01-01",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let occurrences = r.unwrap().occurrences;
        assert_eq!(occurrences.len() as i64, RECURRENCE_HORIZON_DAYS);
        assert_eq!(
            occurrences.last(),
            Some(&(day("2027-01-01") + Duration::days(RECURRENCE_HORIZON_DAYS - 1)))
        );
        // Counted from the start when it is further ahead than today.
        let (r, _) = run("FREQ=WEEKLY", &[], timed("2030-01-07T10:00"), "2027-01-01");
        let occurrences = r.unwrap().occurrences;
        assert_eq!(occurrences.first(), Some(&day("2030-01-07")));
        assert!(*occurrences.last().unwrap() >= day("2031-12-29"));
    }

    #[test]
    fn the_start_must_be_an_occurrence_and_exceptions_occurrences() {
        // Wednesday 3 March 2027 is not a first Tuesday.
        let (r, errors) = run(
            "FREQ=MONTHLY;BYDAY=1TU;COUNT=3",
            &[],
            timed("2027-03-03T18:30"),
            "2027-01-10",
        );
        assert!(r.is_none());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("the start 2027-03-03 is not an occurrence of the rule")
                && errors[0].ends_with("(first occurrence: 2027-04-06)"),
            "{errors:?}"
        );
        let (_, errors) = run(
            "FREQ=WEEKLY;COUNT=3",
            &["2027-03-10"],
            timed("2027-03-02T18:30"),
            "2027-01-10",
        );
        assert_eq!(errors, ["2027-03-10 is not the date of an occurrence"]);
    }

    #[test]
    fn malformed_rules_are_reported_in_the_editors_words() {
        let (r, errors) = run(
            "FREQ=FORTNIGHTLY",
            &[],
            timed("2027-03-02T18:30"),
            "2027-01-10",
        );
        assert!(r.is_none());
        assert_eq!(errors, ["`FORTNIGHTLY` is not a frequency"]);
        let (_, errors) = run(
            "DTSTART:20270302T183000\nRRULE:FREQ=DAILY",
            &[],
            timed("2027-03-02T18:30"),
            "2027-01-10",
        );
        assert_eq!(errors, ["the rule must be written on one line"]);
        // UNTIL as a date, which the rrule crate refuses for a zoned start, is accepted.
        let (r, errors) = run(
            "freq=weekly;until=20270316",
            &[],
            timed("2027-03-02T18:30"),
            "2027-01-10",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let r = r.unwrap();
        assert_eq!(r.rule, "FREQ=WEEKLY;UNTIL=20270316T225959Z");
        assert_eq!(
            r.occurrences,
            [day("2027-03-02"), day("2027-03-09"), day("2027-03-16")]
        );
    }

    #[test]
    fn a_rule_reaching_a_skipped_hour_is_refused_unless_that_date_is_an_exception() {
        // Sundays at 02:30 in Brussels: 28 March 2027 has no 02:30.
        let (r, errors) = run(
            "FREQ=WEEKLY;COUNT=6",
            &[],
            timed("2027-03-14T02:30"),
            "2027-01-10",
        );
        assert!(r.is_some());
        assert_eq!(
            errors,
            ["the rule reaches 2027-03-28, when the start time 02:30 does not exist in Europe/Brussels: clocks go forward from 02:00 to 03:00"]
        );
        let (_, errors) = run(
            "FREQ=WEEKLY;COUNT=6",
            &["2027-03-28"],
            timed("2027-03-14T02:30"),
            "2027-01-10",
        );
        assert!(errors.is_empty(), "{errors:?}");
        // Ending in the gap counts too; a rule that stops before the gap night does not.
        let (_, errors) = run(
            "FREQ=WEEKLY;COUNT=6",
            &[],
            When::Timed {
                start: at("2027-03-14T01:30"),
                end: Some(at("2027-03-14T02:15")),
            },
            "2027-01-10",
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("the end time 02:15"), "{errors:?}");
        let (_, errors) = run(
            "FREQ=WEEKLY;COUNT=2",
            &[],
            timed("2027-03-14T02:30"),
            "2027-01-10",
        );
        assert!(errors.is_empty(), "{errors:?}");
        // A repeated hour, when clocks go back on 31 October 2027.
        let (_, errors) = run(
            "FREQ=WEEKLY;COUNT=40",
            &[],
            timed("2027-03-07T02:30"),
            "2027-01-10",
        );
        assert_eq!(
            errors,
            [
                "the rule reaches 2027-03-28, when the start time 02:30 does not exist in Europe/Brussels: clocks go forward from 02:00 to 03:00",
                "the rule reaches 2027-10-31, when the start time 02:30 happens twice in Europe/Brussels: clocks go back from 03:00 to 02:00",
            ]
        );
        let (_, errors) = run(
            "FREQ=WEEKLY;COUNT=40",
            &["2027-03-28"],
            timed("2027-03-07T02:30"),
            "2027-01-10",
        );
        assert_eq!(
            errors,
            ["the rule reaches 2027-10-31, when the start time 02:30 happens twice in Europe/Brussels: clocks go back from 03:00 to 02:00"]
        );
        // Without an end, every year's gap is reached: the first three are named.
        let (_, errors) = run(
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            &[],
            timed("2027-03-28T02:30"),
            "2027-01-10",
        );
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("the rule reaches 2027-03-28, 2028-03-26, 2029-03-25 and later,"),
            "{errors:?}"
        );
    }

    #[test]
    fn unclear_times_are_worded_in_french_too() {
        use crate::i18n::Lang;
        let french = |rule: &str, when: When| {
            let mut diags = Diagnostics::new();
            let mut cx = FileCx::for_test("content/events/x.md", &mut diags);
            recurrence(
                &mut cx,
                rule,
                FIELDS,
                &[],
                Brussels,
                &when,
                day("2027-01-10"),
            );
            let d = diags.errors().next().expect("an error");
            d.message.in_lang(Lang::Fr).into_owned()
        };
        let message = french(
            "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            timed("2027-03-28T02:30"),
        );
        assert_eq!(message, "la règle tombe le 2027-03-28, 2028-03-26, 2029-03-25 et au-delà, où l’heure de début 02:30 n’existe pas en Europe/Brussels : l’heure avance de 02:00 à 03:00");
        let end = When::Timed {
            start: at("2027-03-14T01:30"),
            end: Some(at("2027-03-14T02:15")),
        };
        let message = french("FREQ=WEEKLY;COUNT=6", end);
        assert!(
            message.starts_with("la règle tombe le 2027-03-28, où l’heure de fin 02:15 "),
            "{message}"
        );
    }

    #[test]
    fn a_local_time_in_a_clock_change_gap_moves_to_the_first_hour_that_exists() {
        let tz = rrule::Tz::Tz(Brussels);
        // Clocks went from 02:00 to 03:00 on 28 March 2027 in Brussels.
        let gap = at("2027-03-28T02:30");
        assert!(Brussels.from_local_datetime(&gap).earliest().is_none());
        let resolved = resolve_local(tz, gap).unwrap();
        assert_eq!(resolved.naive_local(), at("2027-03-28T03:30"));
        assert_eq!(resolved.naive_utc(), at("2027-03-28T01:30"));
        // An hour that exists is kept; one repeated (31 October 2027) is the earlier of the two.
        assert_eq!(
            resolve_local(tz, at("2027-03-28T04:00"))
                .unwrap()
                .naive_local(),
            at("2027-03-28T04:00")
        );
        assert_eq!(
            resolve_local(tz, at("2027-10-31T02:30"))
                .unwrap()
                .naive_utc(),
            at("2027-10-31T00:30")
        );
    }

    #[test]
    fn an_all_day_event_on_a_day_whose_midnight_is_skipped_keeps_its_rule() {
        // Cuba moves its clocks forward at midnight: find such a day in 2027.
        let havana = chrono_tz::America::Havana;
        let skipped = (0..365)
            .map(|d| day("2027-01-01") + Duration::days(d))
            .find(|d| {
                havana
                    .from_local_datetime(&d.and_time(NaiveTime::MIN))
                    .earliest()
                    .is_none()
            })
            .expect("a day of 2027 without midnight in America/Havana");
        let resolved = resolve_local(rrule::Tz::Tz(havana), skipped.and_time(NaiveTime::MIN));
        assert_eq!(
            resolved.map(|t| t.naive_local()),
            Some(skipped.and_hms_opt(1, 0, 0).unwrap())
        );
        let mut diags = Diagnostics::new();
        let mut cx = FileCx::for_test("content/events/x.md", &mut diags);
        let when = When::AllDay {
            start: skipped,
            last: skipped,
        };
        let r = recurrence(
            &mut cx,
            "FREQ=YEARLY;COUNT=2",
            FIELDS,
            &[],
            havana,
            &when,
            day("2027-01-01"),
        );
        assert!(diags.is_empty(), "{:?}", diags.sorted());
        assert_eq!(r.unwrap().occurrences.first(), Some(&skipped));
    }
}
