//! Values written in the content, parsed and checked the same way wherever they appear: dates,
//! times, starts and ends ("moments"), web and e-mail addresses, time zones, language codes and
//! names that become paths. Each check says what is wrong in words an editor can act on; where
//! the problem is reported (which file, which field) is for the caller. `ambassade new` uses the
//! same parsing, so that what it writes is what the loader reads.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use crate::i18n::Msg;
use crate::msg;

/// The years a date of the content (and the reference date) may fall in: wider than any
/// event of the programme, narrow enough that a typo (`9027-03-14`) cannot make the agenda
/// draw thousands of month pages.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// Names Windows keeps for devices (`con`, `nul`, `com1`…), with or without an extension.
/// Content files and output folders named so could not be checked out, copied or served on
/// an editor's Windows machine, so they are refused everywhere a name becomes a path.
pub const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Whether a file or folder name is one of `WINDOWS_RESERVED` (`CON`, `aux.md`, `nul.tar.gz`).
pub fn windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    WINDOWS_RESERVED.contains(&stem.to_ascii_lowercase().as_str())
}

/// A start or end as written: a date-time or a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    At(NaiveDateTime),
    Day(NaiveDate),
}

/// A date (`YYYY-MM-DD`) or a date and time (`YYYY-MM-DDTHH:MM`, seconds optional, `T` or a
/// space between them), with the reason when it is neither.
pub fn parse_moment(s: &str) -> Result<Moment, Msg> {
    let s = s.trim();
    if s.len() == 10 {
        return parse_date(s).map(Moment::Day);
    }
    let (d, t) = s
        .split_once(['T', ' '])
        .ok_or_else(|| msg!("content-moment-shape", value = s))?;
    let date = parse_date(d)?;
    let time = parse_time(t)?;
    Ok(Moment::At(date.and_time(time)))
}

/// A date written `YYYY-MM-DD` exactly (two-digit month and day), that exists and falls in
/// `YEARS`.
pub fn parse_date(s: &str) -> Result<NaiveDate, Msg> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let shape_ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(msg!("content-date-shape", value = s));
    }
    let (y, m, d) = (
        parts[0].parse().unwrap_or(0),
        parts[1].parse().unwrap_or(0),
        parts[2].parse().unwrap_or(0),
    );
    if !YEARS.contains(&y) {
        return Err(msg!(
            "content-date-year-out-of-range",
            value = s,
            year = y,
            first = *YEARS.start(),
            last = *YEARS.end()
        ));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let days = NaiveDate::from_ymd_opt(y, m, 1).and_then(|first| {
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some((next - first).num_days())
        });
        match days {
            None => msg!("content-date-no-such-month", value = s, month = parts[1]),
            Some(n) => msg!(
                "content-date-no-such-day",
                value = s,
                month = format!("{}-{}", parts[0], parts[1]),
                days = n
            ),
        }
    })
}

/// A time of day written `HH:MM` or `HH:MM:SS` (two digits each).
pub fn parse_time(s: &str) -> Result<NaiveTime, Msg> {
    let parts: Vec<&str> = s.split(':').collect();
    let shape_ok = (parts.len() == 2 || parts.len() == 3)
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(msg!("content-time-shape", value = s));
    }
    let h: u32 = parts[0].parse().unwrap_or(99);
    let m: u32 = parts[1].parse().unwrap_or(99);
    let sec: u32 = parts.get(2).map(|p| p.parse().unwrap_or(99)).unwrap_or(0);
    NaiveTime::from_hms_opt(h, m, sec).ok_or_else(|| msg!("content-time-out-of-range", value = s))
}

/// What is wrong with a value, and how to write it instead: catalogue messages, which the
/// caller reports where the value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub message: Msg,
    pub hint: Msg,
}

/// A full web address: `http` or `https` with a host. A missing `https://` is told apart from
/// an address that is not one at all.
pub fn web_address(value: &str) -> Result<url::Url, Invalid> {
    let invalid = |message: Msg, hint: Msg| Invalid { message, hint };
    let example = || msg!("content-url-example-hint");
    match url::Url::parse(value.trim()) {
        // `https://smart.coop@evil.example/` leads to evil.example: what reads as the site's
        // name is a user name, a classic disguise for a link.
        Ok(u) if !u.username().is_empty() || u.password().is_some() => Err(invalid(
            match u.host_str() {
                Some(host) => msg!("content-url-user-name", value = value, host = host),
                None => msg!("content-url-user-name-no-host", value = value),
            },
            msg!("content-url-user-name-hint"),
        )),
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Ok(u),
        Ok(u) => Err(invalid(
            msg!("content-url-scheme", value = value, scheme = u.scheme()),
            msg!("content-url-scheme-hint"),
        )),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let v = value.trim();
            if !v.is_empty() && !v.contains(char::is_whitespace) && v.contains('.') {
                Err(invalid(
                    msg!("content-url-no-scheme", value = value),
                    msg!(
                        "content-url-no-scheme-hint",
                        address = format!("https://{}", v.trim_start_matches('/'))
                    ),
                ))
            } else {
                Err(invalid(
                    msg!("content-url-not-an-address", value = value),
                    example(),
                ))
            }
        }
        Err(e) => Err(invalid(
            msg!("content-url-invalid", value = value, error = e.to_string()),
            example(),
        )),
    }
}

/// Whether `email` (trimmed) looks like an address mail can be sent to: something before the
/// `@`, a dot after it, and nothing that would break out of a `mailto:` link or a header.
pub fn is_email(email: &str) -> bool {
    let e = email.trim();
    e.split_once('@')
        .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
        && !e
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
}

/// An IANA time zone (`Europe/Brussels`), trimmed.
pub fn time_zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// Whether `code` is a language code as the site writes them: two or three lowercase letters.
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{render, Lang};

    /// The English of a refusal, as editors read it today.
    fn en<T: std::fmt::Debug>(r: Result<T, Msg>) -> String {
        render(Lang::En, &r.unwrap_err())
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn dates_and_times_are_strict() {
        assert!(en(parse_date("2027-02-30")).contains("not a real date"));
        assert!(parse_date("27-02-03").is_err());
        assert!(en(parse_time("25:00")).contains("not a valid time"));
        assert!(matches!(
            parse_moment("2027-03-14T09:30"),
            Ok(Moment::At(_))
        ));
        assert!(matches!(parse_moment("2027-03-14"), Ok(Moment::Day(_))));
        assert!(parse_moment("14/03/2027").is_err());
        assert_eq!(
            en(parse_date("2027-02-30")),
            "2027-02-30 is not a real date: 2027-02 has 28 days"
        );
        assert!(en(parse_date("2027-13-01")).ends_with("there is no month 13"));
    }

    #[test]
    fn dates_need_two_digit_parts_and_a_year_in_range() {
        assert_eq!(
            parse_date(" 2028-02-29 "),
            Ok(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap())
        );
        assert_eq!(
            en(parse_date("2027-2-3")),
            "`2027-2-3` is not a date in the form YYYY-MM-DD"
        );
        assert!(parse_date("2027-02-3x").is_err());
        for shape in [
            "2027-2-03",
            "2027-02-3",
            "02027-01-01",
            "2027-01-01-01",
            "2027/01/01",
        ] {
            assert!(parse_date(shape).is_err(), "{shape}");
        }
        assert_eq!(
            en(parse_date("2200-01-01")),
            "2200-01-01: the year 2200 is out of range (1900 to 2199)"
        );
        assert!(parse_date("1899-12-31").is_err());
        assert!(parse_date("1900-01-01").is_ok());
        assert!(parse_date("2199-12-31").is_ok());
    }

    #[test]
    fn times_take_optional_seconds_and_stop_at_midnight() {
        assert_eq!(
            parse_time("09:30"),
            Ok(NaiveTime::from_hms_opt(9, 30, 0).unwrap())
        );
        assert_eq!(
            parse_time("23:59:58"),
            Ok(NaiveTime::from_hms_opt(23, 59, 58).unwrap())
        );
        assert!(parse_time("24:00").is_err());
        assert!(parse_time("12:60").is_err());
        assert_eq!(
            en(parse_time("9:30")),
            "`9:30` is not a time in the form HH:MM"
        );
        assert!(parse_time("09:30:00:00").is_err());
    }

    #[test]
    fn moments_are_a_day_or_a_day_and_a_time() {
        assert_eq!(
            parse_moment("2027-03-14T09:30"),
            Ok(Moment::At(at("2027-03-14T09:30:00")))
        );
        // A space instead of the T, seconds, surrounding blanks: as YAML editors write them.
        assert_eq!(
            parse_moment(" 2027-03-14 09:30:15 "),
            Ok(Moment::At(at("2027-03-14T09:30:15")))
        );
        assert_eq!(
            parse_moment("2027-03-14"),
            Ok(Moment::Day(NaiveDate::from_ymd_opt(2027, 3, 14).unwrap()))
        );
        assert_eq!(
            en(parse_moment("14/03/2027 09:30")),
            "`14/03/2027` is not a date in the form YYYY-MM-DD"
        );
        assert_eq!(
            en(parse_moment("2027-03-14T9h30")),
            "`9h30` is not a time in the form HH:MM"
        );
        assert!(parse_moment("2027-03-14T").is_err());
        assert!(parse_moment("").is_err());
    }

    #[test]
    fn web_addresses_are_full_http_addresses() {
        assert_eq!(
            web_address(" https://smart.coop/agenda ").map(|u| u.to_string()),
            Ok("https://smart.coop/agenda".to_string())
        );
        assert!(web_address("http://localhost:8080/").is_ok());
        let e = web_address("mailto:a@smart.coop").unwrap_err();
        assert_eq!(
            render(Lang::En, &e.message),
            "`mailto:a@smart.coop` is not a web address (scheme `mailto`)"
        );
        let e = web_address("javascript:alert(1)").unwrap_err();
        assert!(
            render(Lang::En, &e.message).contains("scheme `javascript`"),
            "{e:?}"
        );
        let e = web_address("smart.coop/agenda").unwrap_err();
        assert_eq!(
            render(Lang::En, &e.message),
            "`smart.coop/agenda` is not a full web address: https:// is missing"
        );
        assert_eq!(render(Lang::En, &e.hint), "write https://smart.coop/agenda");
        let e = web_address("la page du salon").unwrap_err();
        assert_eq!(
            render(Lang::En, &e.message),
            "`la page du salon` is not a web address"
        );
        let e = web_address("https://site@evil.example/").unwrap_err();
        assert_eq!(
            render(Lang::En, &e.message),
            "`https://site@evil.example/` has a user name before `@`: it leads to evil.example, not to the site it seems to name"
        );
        assert!(web_address("https://user:secret@smart.coop/").is_err());
        assert!(web_address("https://:secret@smart.coop/").is_err());
        // An @ after the host is only part of the path or the query.
        assert!(web_address("https://smart.coop/@ambassade?to=a@b.be").is_ok());
        let e = web_address("https://exa mple.org/").unwrap_err();
        assert!(
            render(Lang::En, &e.message).contains("is not a valid web address"),
            "{e:?}"
        );
    }

    #[test]
    fn e_mail_addresses_need_a_local_part_and_a_dotted_domain() {
        assert!(is_email("ambassade@smart.coop"));
        assert!(is_email(" ambassade@smart.coop "));
        assert!(!is_email("ambassade.smart.coop"));
        assert!(!is_email("@smart.coop"));
        assert!(!is_email("ambassade@localhost"));
        assert!(!is_email("a b@smart.coop"));
        assert!(!is_email("ambassade@smart.coop>"));
        assert!(!is_email("\"a\"@smart.coop"));
        assert!(!is_email("a@smart.coop\nBcc: x@y.z"));
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert_eq!(
            time_zone("Europe/Brussels"),
            Some(chrono_tz::Europe::Brussels)
        );
        assert_eq!(
            time_zone(" America/Montreal "),
            Some(chrono_tz::America::Montreal)
        );
        assert_eq!(time_zone("Europe/Bruxelles"), None);
        assert_eq!(time_zone("CET+1"), None);
        assert_eq!(time_zone(""), None);
    }

    #[test]
    fn language_codes_are_two_or_three_lowercase_letters() {
        assert!(is_language_code("fr"));
        assert!(is_language_code("wln"));
        assert!(!is_language_code("FR"));
        assert!(!is_language_code("f"));
        assert!(!is_language_code("fr-be"));
        assert!(!is_language_code("français"));
    }

    #[test]
    fn windows_device_names_are_recognised_with_any_extension_or_case() {
        for name in [
            "con",
            "CON",
            "aux.md",
            "Nul.tar.gz",
            "com1",
            "lpt9.pdf",
            "prn .txt",
        ] {
            assert!(windows_reserved(name), "{name}");
        }
        for name in [
            "console",
            "com10",
            "auxiliaire.md",
            "my-con.pdf",
            "nul-2027",
        ] {
            assert!(!windows_reserved(name), "{name}");
        }
    }
}
