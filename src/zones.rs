//! Clock changes of a time zone, read from the tz database (chrono-tz), which gives offsets
//! but not the changes themselves: they are found by sampling each year and narrowing down to
//! the second, then kept per zone and year for the whole process. Content checks use them to
//! find local times a rule would place in a skipped hour; calendar files to write VTIMEZONEs.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// The local time rule in effect at some instant.
#[derive(Debug, Clone, PartialEq)]
pub struct Observance {
    /// UTC offset, in seconds.
    pub offset: i32,
    /// Daylight-saving time or not.
    pub dst: bool,
    /// Abbreviation (`CEST`), or an offset (`+0530`) where the database has no name.
    pub name: String,
}

/// One clock change: the first instant of the new observance, and both observances.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    pub at: DateTime<Utc>,
    pub before: Observance,
    pub after: Observance,
}

impl Transition {
    /// The local time at which the change happens, on the clock before it.
    pub fn local_before(&self) -> NaiveDateTime {
        self.at.naive_utc() + Duration::seconds(i64::from(self.before.offset))
    }

    /// The same moment on the clock after it.
    pub fn local_after(&self) -> NaiveDateTime {
        self.at.naive_utc() + Duration::seconds(i64::from(self.after.offset))
    }

    /// Clocks go forward: local times from `local_before` up to `local_after` do not exist.
    pub fn is_gap(&self) -> bool {
        self.after.offset > self.before.offset
    }
}

pub fn observance_at(tz: Tz, t: DateTime<Utc>) -> Observance {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    Observance {
        offset: o.fix().local_minus_utc(),
        dst: !o.dst_offset().is_zero(),
        name: o.abbreviation().unwrap_or("").to_string(),
    }
}

type Cache = Mutex<HashMap<(&'static str, i32), Arc<Vec<Transition>>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Cache::default)
}

/// The clock changes of `tz` during UTC year `year`, in order.
pub fn year(tz: Tz, year: i32) -> Arc<Vec<Transition>> {
    let key = (tz.name(), year);
    if let Some(v) = cache().lock().ok().and_then(|c| c.get(&key).cloned()) {
        return v;
    }
    let v = Arc::new(scan(tz, year));
    if let Ok(mut c) = cache().lock() {
        c.insert(key, Arc::clone(&v));
    }
    v
}

/// The clock changes of `tz` from the start of year `from` to the end of year `to`.
pub fn between(tz: Tz, from: i32, to: i32) -> Vec<Transition> {
    (from..=to).flat_map(|y| year(tz, y).to_vec()).collect()
}

fn scan(tz: Tz, year: i32) -> Vec<Transition> {
    let day = |y| NaiveDate::from_ymd_opt(y, 1, 1).map(|d| Utc.from_utc_datetime(&d.into()));
    let (Some(start), Some(end)) = (day(year), day(year + 1)) else {
        return Vec::new();
    };
    let same = |a: &Observance, b: &Observance| a.offset == b.offset && a.dst == b.dst;
    let mut out = Vec::new();
    let mut t = start;
    let mut cur = observance_at(tz, t);
    // Clock changes are months apart, never closer than six hours.
    while t < end {
        let next = (t + Duration::hours(6)).min(end);
        let o = observance_at(tz, next);
        if !same(&o, &cur) {
            // In whole seconds: `hi` ends as the first second of the new observance.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let m = DateTime::from_timestamp(mid, 0).unwrap_or(t);
                if same(&observance_at(tz, m), &cur) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let hi = DateTime::from_timestamp(hi, 0).unwrap_or(next);
            // A change at the very start of the next year belongs to that year.
            if hi < end {
                out.push(Transition {
                    at: hi,
                    before: cur.clone(),
                    after: o.clone(),
                });
            }
            cur = o;
        }
        if next == end {
            break;
        }
        t = next;
    }
    out
}

/// Local times that a clock change makes ambiguous: skipped (clocks going forward) or
/// repeated (clocks going back).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unclear {
    /// The first local time concerned.
    pub from: NaiveDateTime,
    /// The first local time after it that is clear again.
    pub to: NaiveDateTime,
    /// Skipped (true) or repeated.
    pub skipped: bool,
}

/// The skipped and repeated local times of `tz` in the years `from..=to`.
pub fn unclear(tz: Tz, from: i32, to: i32) -> Vec<Unclear> {
    (from..=to)
        .flat_map(|y| {
            year(tz, y)
                .iter()
                .map(|t| {
                    let (a, b) = (t.local_before(), t.local_after());
                    Unclear {
                        from: a.min(b),
                        to: a.max(b),
                        skipped: t.is_gap(),
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn brussels_changes_twice_a_year() {
        let t = year(chrono_tz::Europe::Brussels, 2027);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].local_before(), at("2027-03-28T02:00:00"));
        assert_eq!(t[0].local_after(), at("2027-03-28T03:00:00"));
        assert!(t[0].is_gap() && t[0].after.dst && t[0].after.name == "CEST");
        assert_eq!(t[1].local_before(), at("2027-10-31T03:00:00"));
        assert_eq!(t[1].local_after(), at("2027-10-31T02:00:00"));
        assert!(!t[1].is_gap() && !t[1].after.dst);
        let u = unclear(chrono_tz::Europe::Brussels, 2027, 2028);
        assert_eq!(u.len(), 4);
        assert_eq!(
            u[1],
            Unclear {
                from: at("2027-10-31T02:00:00"),
                to: at("2027-10-31T03:00:00"),
                skipped: false
            }
        );
        assert_eq!(
            (u[2].from, u[2].to, u[2].skipped),
            (at("2028-03-26T02:00:00"), at("2028-03-26T03:00:00"), true)
        );
    }

    #[test]
    fn lord_howe_moves_half_an_hour_and_kolkata_never() {
        let t = year(chrono_tz::Australia::Lord_Howe, 2027);
        assert_eq!(t.len(), 2);
        assert!(t
            .iter()
            .all(|t| (t.after.offset - t.before.offset).abs() == 1800));
        assert!(year(chrono_tz::Asia::Kolkata, 2027).is_empty());
    }
}
