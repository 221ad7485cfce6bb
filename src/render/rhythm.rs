//! A recurring event's rhythm in words ("1er mardi du mois, 18h30"), for its card in lists
//! where it appears once. The rule is read key by key, case-insensitively, whatever order its
//! keys are written in; a rule these words cannot say (several positions, hours, weeks of the
//! year…) has no rhythm, and templates fall back to a generic label. The words come from the
//! theme's translations (`t.rhythm`, read by `translations`).

use chrono::{Datelike, NaiveDate, Weekday};

use super::dates::DateWords;
use crate::model::{Event, When};

/// `t.rhythm`: patterns with `{n}`, `{days}`, `{nth}`, `{day}`, `{date}`, `{rhythm}`, `{time}`.
pub struct RhythmWords {
    /// "1er", "2e"… for the first five occurrences of a weekday in a month.
    pub(super) ordinals: Vec<String>,
    pub(super) last: String,
    pub(super) second_last: String,
    /// Between weekdays ("le lundi, le mercredi et le vendredi"): all but the last, the last.
    pub(super) days_separator: String,
    pub(super) days_last_separator: String,
    pub(super) daily: String,
    pub(super) daily_n: String,
    pub(super) weekly: String,
    pub(super) weekly_n: String,
    pub(super) monthly_weekday: String,
    pub(super) monthly_weekday_n: String,
    pub(super) monthly_day: String,
    pub(super) monthly_day_n: String,
    pub(super) yearly: String,
    pub(super) yearly_n: String,
    pub(super) day_month: String,
    pub(super) at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// The parts of a rule that its words depend on.
#[derive(Debug, Default)]
struct Rule {
    freq: Option<Freq>,
    interval: u32,
    /// (position in the month, if any; weekday)
    by_day: Vec<(Option<i32>, Weekday)>,
    by_month_day: Vec<i32>,
    by_month: Vec<u32>,
    by_set_pos: Vec<i32>,
}

fn weekday(s: &str) -> Option<Weekday> {
    Some(match s {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

fn numbers<T: std::str::FromStr>(value: &str) -> Option<Vec<T>> {
    value
        .split(',')
        .map(|n| n.trim().trim_start_matches('+').parse().ok())
        .collect()
}

/// The rule's parts, or `None` when it has a part these words do not say.
fn parse(rule: &str) -> Option<Rule> {
    let mut r = Rule {
        interval: 1,
        ..Rule::default()
    };
    for part in rule.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = part.split_once('=')?;
        let value = value.trim().to_ascii_uppercase();
        match key.trim().to_ascii_uppercase().as_str() {
            "FREQ" => {
                r.freq = Some(match value.as_str() {
                    "DAILY" => Freq::Daily,
                    "WEEKLY" => Freq::Weekly,
                    "MONTHLY" => Freq::Monthly,
                    "YEARLY" => Freq::Yearly,
                    _ => return None,
                })
            }
            "INTERVAL" => r.interval = value.parse().ok().filter(|n| *n >= 1)?,
            "BYDAY" => {
                for d in value.split(',').map(str::trim) {
                    let split = d.len().checked_sub(2).filter(|s| d.is_char_boundary(*s))?;
                    let (pos, day) = d.split_at(split);
                    let pos = match pos.trim_start_matches('+') {
                        "" => None,
                        p => Some(p.parse().ok()?),
                    };
                    r.by_day.push((pos, weekday(day)?));
                }
            }
            "BYMONTHDAY" => r.by_month_day = numbers(&value)?,
            "BYMONTH" => r.by_month = numbers(&value)?,
            "BYSETPOS" => r.by_set_pos = numbers(&value)?,
            // How long it lasts and where weeks start change no word.
            "COUNT" | "UNTIL" | "WKST" => {}
            _ => return None,
        }
    }
    r.freq.is_some().then_some(r)
}

/// `pattern` with `{key}`s replaced (keys not given stay as written).
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    super::dates::fill(pattern, values)
}

impl RhythmWords {
    /// "1er", "dernier"… for a position in the month.
    fn nth(&self, n: i32) -> Option<&str> {
        match n {
            -1 => Some(&self.last),
            -2 => Some(&self.second_last),
            1..=5 => self.ordinals.get(n as usize - 1).map(String::as_str),
            _ => None,
        }
    }

    /// Weekday names joined: "lundi", "lundi et le jeudi".
    fn days(&self, dates: &DateWords, days: &[Weekday]) -> String {
        let names: Vec<&str> = days
            .iter()
            .map(|d| dates.weekdays()[d.num_days_from_monday() as usize].as_str())
            .collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => {
                format!(
                    "{}{}{last}",
                    rest.join(&self.days_separator),
                    self.days_last_separator
                )
            }
            None => String::new(),
        }
    }

    /// The rhythm of a rule starting on `start`, without its time.
    fn rule_words(&self, dates: &DateWords, rule: &Rule, start: NaiveDate) -> Option<String> {
        let n = rule.interval.to_string();
        let by = |one: &str, many: &str, values: &[(&str, &str)]| {
            let pattern = if rule.interval == 1 { one } else { many };
            let mut all = vec![("n", n.as_str())];
            all.extend_from_slice(values);
            fill(pattern, &all)
        };
        let plain_days = || {
            let days: Option<Vec<Weekday>> = rule
                .by_day
                .iter()
                .map(|(pos, d)| pos.is_none().then_some(*d))
                .collect();
            days.filter(|d| !d.is_empty())
        };
        match rule.freq? {
            Freq::Daily if rule.by_day.is_empty() => (rule.by_month_day.is_empty()
                && rule.by_month.is_empty()
                && rule.by_set_pos.is_empty())
            .then(|| by(&self.daily, &self.daily_n, &[])),
            Freq::Daily | Freq::Weekly => {
                if !(rule.by_month_day.is_empty()
                    && rule.by_month.is_empty()
                    && rule.by_set_pos.is_empty())
                    || (rule.freq == Some(Freq::Daily) && rule.interval != 1)
                {
                    return None;
                }
                let days = if rule.by_day.is_empty() {
                    vec![start.weekday()]
                } else {
                    plain_days()?
                };
                let days = self.days(dates, &days);
                Some(by(&self.weekly, &self.weekly_n, &[("days", &days)]))
            }
            Freq::Monthly => {
                if !rule.by_month.is_empty() {
                    return None;
                }
                match (
                    &rule.by_day[..],
                    &rule.by_month_day[..],
                    &rule.by_set_pos[..],
                ) {
                    ([(pos, day)], [], set) => {
                        let pos = match (pos, set) {
                            (Some(p), []) => *p,
                            (None, [p]) => *p,
                            _ => return None,
                        };
                        let nth = self.nth(pos)?;
                        let day = self.days(dates, &[*day]);
                        Some(by(
                            &self.monthly_weekday,
                            &self.monthly_weekday_n,
                            &[("nth", nth), ("day", &day)],
                        ))
                    }
                    ([], days, []) => {
                        let day = match days {
                            [] => start.day(),
                            [d] if (1..=31).contains(d) => *d as u32,
                            _ => return None,
                        };
                        let day = dates.day(day);
                        Some(by(&self.monthly_day, &self.monthly_day_n, &[("day", &day)]))
                    }
                    _ => None,
                }
            }
            Freq::Yearly => {
                if !rule.by_day.is_empty() || !rule.by_set_pos.is_empty() {
                    return None;
                }
                let month = match &rule.by_month[..] {
                    [] => start.month(),
                    [m] if (1..=12).contains(m) => *m,
                    _ => return None,
                };
                let day = match &rule.by_month_day[..] {
                    [] => start.day(),
                    [d] if (1..=31).contains(d) => *d as u32,
                    _ => return None,
                };
                let date = fill(
                    &self.day_month,
                    &[("day", &dates.day(day)), ("month", dates.month_name(month))],
                );
                Some(by(&self.yearly, &self.yearly_n, &[("date", &date)]))
            }
        }
    }

    /// The rhythm of a recurring event with its start time ("1er mardi du mois, 18h30"), or
    /// `None` for an event that does not recur or a rule these words cannot say.
    pub fn of(&self, dates: &DateWords, ev: &Event) -> Option<String> {
        let r = ev.recurrence.as_ref()?;
        let words = self.rule_words(dates, &parse(&r.rule)?, ev.when.start_date())?;
        Some(match ev.when {
            When::Timed { start, .. } => fill(
                &self.at,
                &[("rhythm", &words), ("time", &dates.time(start))],
            ),
            When::AllDay { .. } => words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> (RhythmWords, DateWords) {
        let t: serde_json::Value =
            serde_yaml::from_str(include_str!("../../themes/default/i18n/fr.yaml")).unwrap();
        let w = super::super::translations::Translations::read(&t, std::path::Path::new("fr"))
            .unwrap_or_else(|_| panic!("the default translations read"));
        (w.rhythm, w.dates)
    }

    fn say(rule: &str, start: &str) -> Option<String> {
        let (r, d) = words();
        let start = NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
        r.rule_words(&d, &parse(rule)?, start)
    }

    #[test]
    fn common_rules_in_french() {
        assert_eq!(
            say("FREQ=MONTHLY;BYDAY=1TU;COUNT=10", "2027-01-05").as_deref(),
            Some("1er mardi du mois")
        );
        // Any case, any order, spaces around keys: the lead engineer's canonical form and
        // what editors type both read the same.
        assert_eq!(
            say("byday=TU ; bysetpos=-1;freq=monthly", "2027-01-26").as_deref(),
            Some("dernier mardi du mois")
        );
        assert_eq!(
            say("FREQ=WEEKLY", "2026-12-03").as_deref(),
            Some("chaque semaine le jeudi")
        );
        assert_eq!(
            say("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR", "2026-12-07").as_deref(),
            Some("toutes les 2 semaines le lundi, le mercredi et le vendredi")
        );
        assert_eq!(
            say("FREQ=YEARLY", "2027-01-01").as_deref(),
            Some("tous les ans le 1er janvier")
        );
        assert_eq!(
            say("FREQ=MONTHLY;BYMONTHDAY=15", "2027-01-15").as_deref(),
            Some("le 15 de chaque mois")
        );
        assert_eq!(
            say("FREQ=DAILY;INTERVAL=3", "2027-01-15").as_deref(),
            Some("tous les 3 jours")
        );
    }

    #[test]
    fn rules_the_words_cannot_say_have_none() {
        for rule in [
            "FREQ=MONTHLY;BYDAY=1TU,3TU",
            "FREQ=WEEKLY;BYHOUR=9",
            "FREQ=YEARLY;BYDAY=1MO;BYMONTH=9",
            "FREQ=MONTHLY;BYDAY=6TU",
            "INTERVAL=2",
            "FREQ=HOURLY",
            "FREQ=MONTHLY;BYDAY=XX",
        ] {
            assert_eq!(say(rule, "2027-01-05"), None, "{rule}");
        }
    }
}
