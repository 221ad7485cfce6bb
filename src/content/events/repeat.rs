//! `repeat:`, the way to make an event repeat without knowing RFC 5545: every week, month or
//! year, on which weekday and which one of the month, until a date or a number of times. It is
//! compiled to the rule `recurrence:` would hold, then checked like one.

use chrono::{Datelike, NaiveDate};

use crate::content::files::FileCx;
use crate::content::raw::{Every, RepeatRaw, Weekday, Which};
use crate::msg;

/// The RFC 5545 rule `r` stands for, for an event starting on `start`; `None` after
/// reporting what is wrong.
pub(super) fn rule_of(cx: &mut FileCx, r: &RepeatRaw, start: NaiveDate) -> Option<String> {
    let errors = cx.diags.errors().count();
    let freq = match r.every {
        Every::Day => "DAILY",
        Every::Week => "WEEKLY",
        Every::Month => "MONTHLY",
        Every::Year => "YEARLY",
    };
    let mut parts = vec![format!("FREQ={freq}")];
    match r.interval {
        Some(0) => cx.err(
            "repeat.interval",
            msg!("events-repeat-interval-zero"),
            Some(msg!("events-repeat-interval-zero-hint")),
        ),
        Some(n) if n > 1 => parts.push(format!("INTERVAL={n}")),
        _ => {}
    }
    let days: Vec<&str> = r.on.iter().map(|d| day(*d)).collect();
    match (r.which, days.as_slice()) {
        (None, []) => {}
        (None, days) => parts.push(format!("BYDAY={}", days.join(","))),
        (Some(_), []) => cx.err(
            "repeat.which",
            msg!("events-repeat-which-without-day"),
            Some(msg!("events-repeat-which-without-day-hint")),
        ),
        (Some(_), _) if matches!(r.every, Every::Day | Every::Week) => cx.err(
            "repeat.which",
            msg!("events-repeat-which-not-monthly"),
            Some(msg!("events-repeat-which-not-monthly-hint")),
        ),
        (Some(w), days) => {
            if r.every == Every::Year {
                // The first Tuesday of the start's month, each year.
                parts.push(format!("BYMONTH={}", start.month()));
            }
            match days {
                [one] => parts.push(format!("BYDAY={}{one}", ordinal(w))),
                several => {
                    parts.push(format!("BYDAY={}", several.join(",")));
                    parts.push(format!("BYSETPOS={}", ordinal(w)));
                }
            }
        }
    }
    match (&r.until, r.times) {
        (Some(_), Some(_)) => cx.err(
            "repeat.times",
            msg!("events-repeat-until-and-times"),
            Some(msg!("events-repeat-until-and-times-hint")),
        ),
        (Some(u), None) => {
            if let Some(d) = cx.date("repeat.until", u) {
                parts.push(format!("UNTIL={}", d.format("%Y%m%d")));
            }
        }
        (None, Some(0)) => cx.err(
            "repeat.times",
            msg!("events-repeat-times-zero"),
            Some(msg!("events-repeat-times-zero-hint")),
        ),
        (None, Some(n)) => parts.push(format!("COUNT={n}")),
        (None, None) => {}
    }
    (cx.diags.errors().count() == errors).then(|| parts.join(";"))
}

fn day(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "MO",
        Weekday::Tuesday => "TU",
        Weekday::Wednesday => "WE",
        Weekday::Thursday => "TH",
        Weekday::Friday => "FR",
        Weekday::Saturday => "SA",
        Weekday::Sunday => "SU",
    }
}

fn ordinal(w: Which) -> i8 {
    match w {
        Which::First => 1,
        Which::Second => 2,
        Which::Third => 3,
        Which::Fourth => 4,
        Which::Fifth => 5,
        Which::Last => -1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;

    fn compile(yaml: &str, start: &str) -> (Option<String>, Vec<String>) {
        let r: RepeatRaw = serde_yaml::from_str(yaml).unwrap();
        let mut diags = Diagnostics::new();
        let mut cx = FileCx::for_test("content/events/x.md", &mut diags);
        let start = NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
        let rule = rule_of(&mut cx, &r, start);
        (
            rule,
            diags.errors().map(|d| d.message.to_string()).collect(),
        )
    }

    #[test]
    fn words_become_the_rule_an_expert_would_write() {
        let cases = [
            (
                "{every: month, on: tuesday, which: first, times: 10}",
                "FREQ=MONTHLY;BYDAY=1TU;COUNT=10",
            ),
            (
                "{every: mois, on: vendredi, which: dernier, until: 2027-12-31}",
                "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231",
            ),
            (
                "{every: week, interval: 2, on: [monday, thursday]}",
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            ),
            (
                "{every: month, on: [monday, tuesday, wednesday, thursday, friday], which: last}",
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
            ),
            // Yearly with `which`: in the start's month (March here).
            (
                "{every: year, on: sunday, which: last}",
                "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            ),
            ("{every: year}", "FREQ=YEARLY"),
        ];
        for (yaml, rule) in cases {
            let (got, errors) = compile(yaml, "2027-03-28");
            assert!(errors.is_empty(), "{yaml}: {errors:?}");
            assert_eq!(got.as_deref(), Some(rule), "{yaml}");
        }
    }

    #[test]
    fn contradictions_are_reported_on_their_field() {
        let (rule, errors) = compile("{every: week, on: tuesday, which: first}", "2027-03-02");
        assert_eq!(rule, None);
        assert_eq!(
            errors,
            ["`which` is for events repeating every month or every year"]
        );
        let (_, errors) = compile(
            "{every: month, which: last, until: 2027-02-30}",
            "2027-03-02",
        );
        assert_eq!(
            errors,
            [
                "`which` says which one of the month, but `on` names no day",
                "2027-02-30 is not a real date: 2027-02 has 28 days",
            ]
        );
        let (_, errors) = compile("{every: month, times: 3, until: 2027-12-01}", "2027-03-02");
        assert_eq!(errors, ["`until` and `times` are both given"]);
    }
}
