//! Dates in words, in the site's language: month and weekday names and the patterns come from
//! the theme's translations (`t.dates`), so no language is hard-coded here.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde_json::Value;

use crate::model::When;

pub struct DateWords {
    months: Vec<String>,
    weekdays: Vec<String>,
    day_first: Option<String>,
    date: String,
    time: String,
    timed_same_day: String,
    timed_open: String,
    timed_multi_day: String,
    all_day_range: String,
    month_year: String,
}

/// `pattern` with each `{key}` of `values` replaced by its value, in one pass (every card of
/// every list formats its dates: a `replace` per key cost a searcher and a string each).
/// Unknown keys stay as written; values are not searched for keys again.
fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
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
    /// Reads `t.dates`; missing keys fall back to ISO-like forms rather than failing.
    pub fn from_translations(t: &Value) -> DateWords {
        let d = &t["dates"];
        let list = |k: &str, n: usize| -> Vec<String> {
            let v: Vec<String> = d[k]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            if v.len() == n {
                v
            } else {
                (1..=n).map(|i| i.to_string()).collect()
            }
        };
        let s = |k: &str, default: &str| d[k].as_str().unwrap_or(default).to_string();
        DateWords {
            months: list("months", 12),
            weekdays: list("weekdays", 7),
            day_first: d["day_first"].as_str().map(str::to_string),
            date: s("date", "{year}-{month}-{day}"),
            time: s("time", "{hour}:{minute}"),
            timed_same_day: s("timed_same_day", "{date}, {start}–{end}"),
            timed_open: s("timed_open", "{date} {start}"),
            timed_multi_day: s("timed_multi_day", "{start_date} {start} – {end_date} {end}"),
            all_day_range: s("all_day_range", "{start} – {end}"),
            month_year: s("month_year", "{month} {year}"),
        }
    }

    pub fn date(&self, d: NaiveDate) -> String {
        let day = if d.day() == 1 {
            self.day_first.clone().unwrap_or_else(|| "1".into())
        } else {
            d.day().to_string()
        };
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
        DateWords::from_translations(&serde_json::json!({"dates": {
            "months": ["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"],
            "weekdays": ["lundi","mardi","mercredi","jeudi","vendredi","samedi","dimanche"],
            "day_first": "1er",
            "date": "{weekday} {day} {month} {year}",
            "time": "{hour}h{minute}",
            "timed_same_day": "{date}, de {start} à {end}",
            "all_day_range": "du {start} au {end}",
        }}))
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
