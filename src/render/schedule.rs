//! A recurring event's schema.org `Schedule` (its JSON-LD `eventSchedule`), read from the same
//! rule, start and exceptions as its calendar files.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};
use serde_json::{json, Map, Value};

use crate::model::{Event, When};

/// The rule parts a `Schedule` has no property for: a rule using one is left out rather than
/// described wrongly (the next occurrence's dates still say when the event is).
const UNSAID: [&str; 6] = [
    "BYSETPOS",
    "BYYEARDAY",
    "BYWEEKNO",
    "BYHOUR",
    "BYMINUTE",
    "BYSECOND",
];

/// The `Schedule` of `ev`, when it recurs and its rule can be said with schema.org's terms.
pub fn event_schedule(ev: &Event) -> Option<Value> {
    let r = ev.recurrence.as_ref()?;
    let parts: Vec<(String, String)> = r
        .rule
        .split(';')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.trim().to_ascii_uppercase(), v.trim().to_ascii_uppercase()))
        .collect();
    let part = |name: &str| {
        parts
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if parts.iter().any(|(k, _)| UNSAID.contains(&k.as_str())) {
        return None;
    }
    let interval: u32 = part("INTERVAL").map_or(Some(1), |i| i.parse().ok())?;
    let frequency = match part("FREQ")? {
        "YEARLY" => format!("P{interval}Y"),
        "MONTHLY" => format!("P{interval}M"),
        "WEEKLY" => format!("P{interval}W"),
        "DAILY" => format!("P{interval}D"),
        "HOURLY" => format!("PT{interval}H"),
        "MINUTELY" => format!("PT{interval}M"),
        "SECONDLY" => format!("PT{interval}S"),
        _ => return None,
    };
    let mut s = Map::new();
    s.insert("@type".into(), json!("Schedule"));
    s.insert("repeatFrequency".into(), json!(frequency));
    if let Some(days) = part("BYDAY") {
        let days: Option<Vec<Value>> = days.split(',').map(by_day).collect();
        s.insert("byDay".into(), one_or_many(days?));
    }
    for (rule_part, property) in [("BYMONTH", "byMonth"), ("BYMONTHDAY", "byMonthDay")] {
        if let Some(v) = part(rule_part) {
            let n: Option<Vec<Value>> = v
                .split(',')
                .map(|x| x.parse::<i32>().ok().map(Value::from))
                .collect();
            s.insert(property.into(), one_or_many(n?));
        }
    }
    let start = match ev.when {
        When::Timed { start, .. } => start.date(),
        When::AllDay { start, .. } => start,
    };
    s.insert("startDate".into(), json!(start.to_string()));
    if let Some(until) = part("UNTIL") {
        s.insert(
            "endDate".into(),
            json!(until_date(until, ev.timezone)?.to_string()),
        );
    }
    if let Some(count) = part("COUNT") {
        s.insert("repeatCount".into(), json!(count.parse::<u32>().ok()?));
        // The listing of occurrences stops at a horizon: the last date is known only when
        // every occurrence the count gives is in it (the exceptions are occurrences too).
        let listed = r.occurrences.len() + r.exceptions.len();
        let last = r.occurrences.iter().chain(&r.exceptions).max();
        if let (true, Some(last)) = (count.parse::<usize>().ok() == Some(listed), last) {
            s.insert("endDate".into(), json!(last.to_string()));
        }
    }
    match ev.when {
        When::Timed { start, end } => {
            s.insert(
                "startTime".into(),
                json!(start.format("%H:%M:%S").to_string()),
            );
            if let Some(end) = end {
                s.insert("endTime".into(), json!(end.format("%H:%M:%S").to_string()));
                // Elapsed time, not the difference of wall clocks, across a clock change.
                let at = |t| ev.timezone.from_local_datetime(&t).earliest();
                let elapsed = match (at(start), at(end)) {
                    (Some(a), Some(b)) => b - a,
                    _ => end - start,
                };
                s.insert("duration".into(), json!(duration(elapsed)));
            }
        }
        When::AllDay { start, last } => {
            s.insert(
                "duration".into(),
                json!(format!("P{}D", (last - start).num_days() + 1)),
            );
        }
    }
    if !r.exceptions.is_empty() {
        let dates: Vec<Value> = r.exceptions.iter().map(|d| json!(d.to_string())).collect();
        s.insert("exceptDate".into(), one_or_many(dates));
    }
    s.insert("scheduleTimezone".into(), json!(ev.timezone.name()));
    Some(Value::Object(s))
}

fn one_or_many(mut v: Vec<Value>) -> Value {
    if v.len() == 1 {
        v.remove(0)
    } else {
        Value::Array(v)
    }
}

/// A BYDAY value: a plain weekday as its schema.org `DayOfWeek`, one with an ordinal (`2WE`,
/// `-1FR`) as the iCalendar text that `byDay` also accepts.
fn by_day(d: &str) -> Option<Value> {
    let names = [
        ("MO", "Monday"),
        ("TU", "Tuesday"),
        ("WE", "Wednesday"),
        ("TH", "Thursday"),
        ("FR", "Friday"),
        ("SA", "Saturday"),
        ("SU", "Sunday"),
    ];
    let name = names.iter().find(|(code, _)| d.ends_with(code))?.1;
    Some(if d.len() == 2 {
        json!(format!("https://schema.org/{name}"))
    } else {
        json!(d)
    })
}

/// The local date of an UNTIL value: a date, a local date-time, or a UTC one (`…Z`).
fn until_date(until: &str, tz: chrono_tz::Tz) -> Option<NaiveDate> {
    if let Some(utc) = until.strip_suffix('Z') {
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        return Some(tz.from_utc_datetime(&t).date_naive());
    }
    NaiveDateTime::parse_from_str(until, "%Y%m%dT%H%M%S")
        .map(|t| t.date())
        .or_else(|_| NaiveDate::parse_from_str(until, "%Y%m%d"))
        .ok()
}

/// An ISO 8601 duration in hours, minutes and seconds (`PT1H30M`), as schema.org writes them.
fn duration(d: chrono::Duration) -> String {
    let secs = d.num_seconds().max(0);
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let mut out = "PT".to_string();
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || out == "PT" {
        out.push_str(&format!("{s}S"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn until_is_read_as_a_local_date() {
        let tz = chrono_tz::Europe::Brussels;
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(until_date("20271109", tz), d("2027-11-09"));
        assert_eq!(until_date("20271109T183000", tz), d("2027-11-09"));
        // 23:30 UTC is already the next day in Brussels.
        assert_eq!(until_date("20271109T233000Z", tz), d("2027-11-10"));
        assert_eq!(until_date("2027-11-09", tz), None);
    }

    #[test]
    fn days_and_durations_in_schema_org_terms() {
        assert_eq!(by_day("TU"), Some(json!("https://schema.org/Tuesday")));
        assert_eq!(by_day("-1FR"), Some(json!("-1FR")));
        assert_eq!(by_day("XX"), None);
        assert_eq!(duration(chrono::Duration::minutes(90)), "PT1H30M");
        assert_eq!(duration(chrono::Duration::zero()), "PT0S");
    }
}
