//! Dates in words, in the site's language: month and weekday names and the patterns come from
//! the theme's translations (`t.dates`, read by `translations`), so no language is hard-coded
//! here.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::model::When;

/// `t.dates`: 12 months from January, 7 weekdays from Monday, and the patterns.
pub struct DateWords {
    pub(super) months: Vec<String>,
    /// Short month names for the date block of event cards ("janv.").
    pub(super) months_short: Vec<String>,
    pub(super) weekdays: Vec<String>,
    /// How day 1 is written ("1er"), when not as other days.
    pub(super) day_first: Option<String>,
    pub(super) date: String,
    pub(super) time: String,
    pub(super) timed_same_day: String,
    pub(super) timed_open: String,
    pub(super) timed_multi_day: String,
    pub(super) all_day_range: String,
    pub(super) month_year: String,
}

/// `pattern` with each `{key}` of `values` replaced by its value, in one pass (every card of
/// every list formats its dates: a `replace` per key cost a searcher and a string each).
/// Unknown keys stay as written; values are not searched for keys again.
pub(super) fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let key = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

impl DateWords {
    /// The weekday names, from Monday.
    pub fn weekdays(&self) -> &[String] {
        &self.weekdays
    }

    /// A day of the month as a date writes it ("1er", "2").
    pub fn day(&self, day: u32) -> String {
        match (&self.day_first, day) {
            (Some(first), 1) => first.clone(),
            _ => day.to_string(),
        }
    }

    /// The name of month `month` (1 to 12).
    pub fn month_name(&self, month: u32) -> &str {
        self.months
            .get(month.wrapping_sub(1) as usize)
            .map_or("", String::as_str)
    }

    /// The short name of the month of `d`.
    pub fn month_short(&self, d: NaiveDate) -> &str {
        &self.months_short[d.month0() as usize]
    }

    pub fn date(&self, d: NaiveDate) -> String {
        let day = self.day(d.day());
        fill(
            &self.date,
            &[
                (
                    "weekday",
                    &self.weekdays[d.weekday().num_days_from_monday() as usize],
                ),
                ("day", &day),
                ("month", &self.months[d.month0() as usize]),
                ("year", &d.year().to_string()),
            ],
        )
    }

    pub fn time(&self, t: NaiveDateTime) -> String {
        fill(
            &self.time,
            &[
                ("hour", &format!("{:02}", t.hour())),
                // Without the leading zero, as Flemish texts write "9.30 uur".
                ("hour_short", &t.hour().to_string()),
                ("minute", &format!("{:02}", t.minute())),
            ],
        )
    }

    pub fn month_year(&self, d: NaiveDate) -> String {
        fill(
            &self.month_year,
            &[
                ("month", &self.months[d.month0() as usize]),
                ("year", &d.year().to_string()),
            ],
        )
    }

    /// The whole "when" of an occurrence in words.
    pub fn when(&self, w: &When) -> String {
        match *w {
            When::Timed { start, end: None } => fill(
                &self.timed_open,
                &[
                    ("date", &self.date(start.date())),
                    ("start", &self.time(start)),
                ],
            ),
            When::Timed {
                start,
                end: Some(end),
            } if end.date() == start.date() => fill(
                &self.timed_same_day,
                &[
                    ("date", &self.date(start.date())),
                    ("start", &self.time(start)),
                    ("end", &self.time(end)),
                ],
            ),
            When::Timed {
                start,
                end: Some(end),
            } => fill(
                &self.timed_multi_day,
                &[
                    ("start_date", &self.date(start.date())),
                    ("start", &self.time(start)),
                    ("end_date", &self.date(end.date())),
                    ("end", &self.time(end)),
                ],
            ),
            When::AllDay { start, last } if start == last => self.date(start),
            When::AllDay { start, last } => fill(
                &self.all_day_range,
                &[("start", &self.date(start)), ("end", &self.date(last))],
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_keys_once_and_keeps_the_rest() {
        let v = [("day", "5"), ("month", "{day}"), ("year", "2027")];
        assert_eq!(fill("{day} {month} {year}", &v), "5 {day} 2027");
        assert_eq!(fill("{x} {day}} {{year} {", &v), "{x} 5} {2027 {");
        assert_eq!(fill("é{day}ü", &v), "é5ü");
        assert_eq!(fill("", &v), "");
    }

    fn fr() -> DateWords {
        let words = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        DateWords {
            months: words(&[
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ]),
            months_short: Vec::new(),
            weekdays: words(&[
                "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
            ]),
            day_first: Some("1er".into()),
            date: "{weekday} {day} {month} {year}".into(),
            time: "{hour}h{minute}".into(),
            timed_same_day: "{date}, de {start} à {end}".into(),
            timed_open: "{date} à {start}".into(),
            timed_multi_day: "du {start_date} à {start} au {end_date} à {end}".into(),
            all_day_range: "du {start} au {end}".into(),
            month_year: "{month} {year}".into(),
        }
    }

    #[test]
    fn french_dates() {
        let w = fr();
        let d = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        let s = d.and_hms_opt(18, 30, 0).unwrap();
        let e = d.and_hms_opt(20, 30, 0).unwrap();
        assert_eq!(
            w.when(&When::Timed {
                start: s,
                end: Some(e)
            }),
            "mardi 5 janvier 2027, de 18h30 à 20h30"
        );
        let a = NaiveDate::from_ymd_opt(2027, 3, 14).unwrap();
        let b = NaiveDate::from_ymd_opt(2027, 3, 16).unwrap();
        assert_eq!(
            w.when(&When::AllDay { start: a, last: b }),
            "du dimanche 14 mars 2027 au mardi 16 mars 2027"
        );
        assert_eq!(
            w.date(NaiveDate::from_ymd_opt(2027, 4, 1).unwrap()),
            "jeudi 1er avril 2027"
        );
    }
}
