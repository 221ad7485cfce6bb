//! VTIMEZONE components (RFC 5545 §3.6.5) that give the right offset for every occurrence a
//! calendar implies, for ever: the clock changes a feed's first dates need, one observance
//! each, then the zone's current rules as yearly-RRULE STANDARD and DAYLIGHT blocks that never
//! end. A rule without an end is expanded by clients decades ahead; a VTIMEZONE that lists
//! changes up to some year leaves them guessing after it (ical.js keeps the last offset).
//! Never a comma-separated RDATE: ical.js reads only its first value.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::zones::{self, Observance, Transition};

/// How many years of clock changes must follow the same yearly rules before the rules are
/// taken as the zone's current ones.
const SETTLED_YEARS: i32 = 4;

/// How far the changes are read to find the current rules, and listed one by one for a zone
/// whose changes follow no yearly rule (e.g. ones tied to Ramadan).
const LOOKAHEAD_YEARS: i32 = 30;

/// VTIMEZONE texts already made, by zone and first year: every per-event file of a zone then
/// shares a handful of texts instead of reading the changes again.
#[derive(Default)]
pub struct TzCache(Mutex<HashMap<(&'static str, i32, i32), String>>);

impl TzCache {
    /// A VTIMEZONE valid from a year before `from`, and at least through `to`.
    pub fn get(&self, tz: Tz, from: NaiveDate, to: NaiveDate) -> String {
        let key = (tz.name(), from.year() - 1, to.year() + 1);
        if let Some(v) = self.0.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return v;
        }
        let v = vtimezone(tz, key.1, key.2);
        if let Ok(mut m) = self.0.lock() {
            m.insert(key, v.clone());
        }
        v
    }
}

/// A yearly rule of a clock change: the month, and the day as a BYDAY (with BYMONTHDAY for
/// "the first Sunday on or after the 8th" when that is not also "the second Sunday").
#[derive(Debug, Clone, PartialEq)]
struct YearlyRule {
    month: u32,
    byday: String,
    bymonthday: Option<Vec<u32>>,
}

const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn days_in_month(d: NaiveDate) -> u32 {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt())
        .map(|l| l.day())
        .unwrap_or(28)
}

/// The yearly rule followed by all these same-kind changes (one per year), if there is one.
fn yearly_rule(changes: &[&Transition]) -> Option<YearlyRule> {
    let dates: Vec<NaiveDate> = changes.iter().map(|t| t.local_before().date()).collect();
    let first = dates.first()?;
    let month = first.month();
    let weekday = first.weekday();
    if dates
        .iter()
        .any(|d| d.month() != month || d.weekday() != weekday)
    {
        return None;
    }
    let day = DAYS[weekday.num_days_from_monday() as usize];
    if dates.iter().all(|d| d.day() + 7 > days_in_month(*d)) {
        return Some(YearlyRule {
            month,
            byday: format!("-1{day}"),
            bymonthday: None,
        });
    }
    let nth = |d: &NaiveDate| (d.day() - 1) / 7 + 1;
    if dates.iter().all(|d| nth(d) == nth(first)) {
        return Some(YearlyRule {
            month,
            byday: format!("{}{day}", nth(first)),
            bymonthday: None,
        });
    }
    let low = dates.iter().map(|d| d.day()).min()?;
    dates.iter().all(|d| d.day() < low + 7).then(|| YearlyRule {
        month,
        byday: day.to_string(),
        bymonthday: Some((low..low + 7).collect()),
    })
}

fn same_kind(a: &Transition, b: &Transition) -> bool {
    a.before == b.before && a.after == b.after && a.local_before().time() == b.local_before().time()
}

/// The first year from which the zone's changes follow yearly rules up to `last`, with those
/// rules (one per change of the year, in the year's order).
fn settled(tz: Tz, first: i32, last: i32) -> Option<(i32, Vec<(Transition, YearlyRule)>)> {
    let last_year = zones::year(tz, last);
    if last_year.is_empty() {
        return None;
    }
    let mut start = last;
    let mut rules = None;
    for y in (first..last).rev() {
        let year = zones::year(tz, y);
        let fits = year.len() == last_year.len()
            && year
                .iter()
                .zip(last_year.iter())
                .all(|(a, b)| same_kind(a, b));
        if !fits {
            break;
        }
        let candidate: Option<Vec<YearlyRule>> = (0..last_year.len())
            .map(|i| {
                let changes: Vec<Transition> = (y..=last)
                    .filter_map(|yy| zones::year(tz, yy).get(i).cloned())
                    .collect();
                yearly_rule(&changes.iter().collect::<Vec<_>>())
            })
            .collect();
        match candidate {
            Some(r) => {
                start = y;
                rules = Some(r);
            }
            None => break,
        }
    }
    let rules = rules?;
    if last - start + 1 < SETTLED_YEARS {
        return None;
    }
    let onsets = zones::year(tz, start);
    Some((start, onsets.iter().cloned().zip(rules).collect()))
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

/// One STANDARD or DAYLIGHT block starting at `local` (on the clock before it).
fn observance(
    after: &Observance,
    local: NaiveDateTime,
    from: i32,
    rule: Option<&YearlyRule>,
) -> String {
    let kind = if after.dst { "DAYLIGHT" } else { "STANDARD" };
    let mut b = format!(
        "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n",
        local.format("%Y%m%dT%H%M%S"),
        fmt_offset(from),
        fmt_offset(after.offset)
    );
    if let Some(r) = rule {
        b.push_str(&format!("RRULE:FREQ=YEARLY;BYMONTH={}", r.month));
        if let Some(days) = &r.bymonthday {
            let days: Vec<String> = days.iter().map(u32::to_string).collect();
            b.push_str(&format!(";BYMONTHDAY={}", days.join(",")));
        }
        b.push_str(&format!(";BYDAY={}\r\n", r.byday));
    }
    if !after.name.is_empty() && !after.name.starts_with(['+', '-']) {
        b.push_str(&format!("TZNAME:{}\r\n", after.name));
    }
    b.push_str(&format!("END:{kind}\r\n"));
    b
}

/// A VTIMEZONE for `tz` from the start of year `first`, valid for ever where the zone's clock
/// changes follow yearly rules, and at least through year `last` otherwise.
pub fn vtimezone(tz: Tz, first: i32, last: i32) -> String {
    let mut s = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    let Some(start) = NaiveDate::from_ymd_opt(first, 1, 1) else {
        return s + "END:VTIMEZONE\r\n";
    };
    let start = Utc.from_utc_datetime(&start.into());
    let initial = zones::observance_at(tz, start);
    let initial_local = start.naive_utc() + chrono::Duration::seconds(i64::from(initial.offset));
    s.push_str(&observance(&initial, initial_local, initial.offset, None));
    let horizon = first.max(last) + LOOKAHEAD_YEARS;
    let (one_by_one_until, rules) = match settled(tz, first, first + LOOKAHEAD_YEARS / 2) {
        Some((from_year, rules)) => (from_year - 1, rules),
        None => (horizon, Vec::new()),
    };
    for t in zones::between(tz, first, one_by_one_until) {
        s.push_str(&observance(
            &t.after,
            t.local_before(),
            t.before.offset,
            None,
        ));
    }
    for (t, rule) in &rules {
        s.push_str(&observance(
            &t.after,
            t.local_before(),
            t.before.offset,
            Some(rule),
        ));
    }
    s.push_str("END:VTIMEZONE\r\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brussels_gets_its_rules_for_ever() {
        let v = vtimezone(chrono_tz::Europe::Brussels, 2026, 2027);
        assert_eq!(
            v,
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\n\
             BEGIN:STANDARD\r\nDTSTART:20260101T010000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZNAME:CET\r\nEND:STANDARD\r\n\
             END:VTIMEZONE\r\n"
        );
    }

    #[test]
    fn southern_and_half_hour_zones_get_rules_too() {
        // Lord Howe: +10:30, and +11:00 from the first Sunday of October to the first Sunday
        // of April, at 02:00 local.
        let v = vtimezone(chrono_tz::Australia::Lord_Howe, 2026, 2027);
        assert!(
            v.contains("TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\n"),
            "{v}"
        );
        assert!(
            v.contains("TZOFFSETFROM:+1100\r\nTZOFFSETTO:+1030\r\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\n"),
            "{v}"
        );
        // Second Sunday of March in North America.
        let v = vtimezone(chrono_tz::America::Montreal, 2026, 2027);
        assert!(
            v.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"),
            "{v}"
        );
        assert!(
            v.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"),
            "{v}"
        );
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let v = vtimezone(chrono_tz::Asia::Kolkata, 2026, 2027);
        assert_eq!(v.matches("BEGIN:STANDARD").count(), 1, "{v}");
        assert!(v.contains("TZOFFSETTO:+0530\r\n") && !v.contains("DAYLIGHT"));
    }

    #[test]
    fn an_on_or_after_rule_is_written_with_its_days() {
        // Israel moves its clocks on the Friday before the last Sunday of March: the 23rd to
        // the 29th, which is neither always the fourth nor always the last Friday.
        let v = vtimezone(chrono_tz::Asia::Jerusalem, 2026, 2027);
        assert!(
            v.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=23,24,25,26,27,28,29;BYDAY=FR\r\n"),
            "{v}"
        );
    }
}
