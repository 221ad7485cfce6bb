//! An event's open call (`mission: open:`): the seats, the deadline against the event's dates,
//! and the profile wanted, checked into an `OpenCall`. Whether a call is listed on a given day
//! is `site::missions`' business; here only what is wrong whatever the day.

use chrono::NaiveDate;

use crate::content::files::FileCx;
use crate::content::raw::OpenCallRaw;
use crate::content::values::is_language_code;
use crate::model::OpenCall;
use crate::msg;

/// Checks `raw`; `last_day` is the day the event's last occurrence ends (unknown when its
/// dates have errors of their own), `ambassadors` how many ambassadors the event already names.
pub(super) fn open_call(
    cx: &mut FileCx,
    raw: &OpenCallRaw,
    last_day: Option<NaiveDate>,
    ambassadors: usize,
) -> Option<OpenCall> {
    let deadline = cx.date("mission.open.deadline", &raw.deadline);
    if raw.seats == 0 {
        cx.err(
            "mission.open.seats",
            msg!("events-open-seats-zero"),
            Some(msg!("events-open-seats-zero-hint")),
        );
    }
    if let (Some(d), Some(last)) = (deadline, last_day) {
        if d > last {
            cx.err(
                "mission.open.deadline",
                msg!(
                    "events-open-deadline-after-event",
                    deadline = d.to_string(),
                    last = last.to_string()
                ),
                Some(msg!(
                    "events-open-deadline-after-event-hint",
                    last = last.to_string()
                )),
            );
        }
    }
    let mut languages: Vec<String> = Vec::new();
    for (i, l) in raw.languages.iter().enumerate() {
        let written = l.trim();
        if written.is_empty() {
            continue;
        }
        // A name (`néerlandais`) is as good as its code; an unknown code is taken as written.
        let code = crate::model::language_code(written)
            .or(is_language_code(written).then_some(written))
            .unwrap_or(written);
        if !is_language_code(code) {
            cx.err(
                &format!("mission.open.languages[{i}]"),
                msg!("events-open-language-not-a-code", language = code),
                Some(msg!("events-open-language-not-a-code-hint")),
            );
        } else if !languages.iter().any(|x| x == code) {
            languages.push(code.to_string());
        }
    }
    let seats = usize::try_from(raw.seats).unwrap_or(usize::MAX);
    if raw.seats > 0 && ambassadors > seats && !raw.closed {
        cx.warn(
            "mission.open.seats",
            msg!(
                "events-open-more-ambassadors-than-seats",
                named = ambassadors,
                seats = seats
            ),
            msg!("events-open-more-ambassadors-than-seats-hint"),
        );
    }
    Some(OpenCall {
        seats: raw.seats,
        deadline: deadline?,
        themes: list(&raw.themes),
        sectors: list(&raw.sectors),
        languages,
        regions: list(&raw.regions),
        closed: raw.closed,
    })
}

/// The non-empty entries of a list, trimmed, each once, in the order written.
fn list(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in v.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|x| x == s) {
            out.push(s.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;

    fn raw(seats: u32, deadline: &str, languages: &[&str]) -> OpenCallRaw {
        OpenCallRaw {
            seats,
            deadline: deadline.into(),
            themes: vec![" coopération ".into(), String::new(), "coopération".into()],
            sectors: Vec::new(),
            languages: languages.iter().map(|s| s.to_string()).collect(),
            regions: Vec::new(),
            closed: false,
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_sound_call_is_kept_with_its_lists_cleaned() {
        let mut diags = Diagnostics::new();
        let mut cx = FileCx::for_test("content/events/x.md", &mut diags);
        let r = raw(2, "2027-01-10", &["fr", " nl ", "français", "Néerlandais"]);
        let call = open_call(&mut cx, &r, Some(day("2027-01-10")), 1).unwrap();
        assert_eq!(call.deadline, day("2027-01-10"));
        assert_eq!(call.themes, ["coopération"]);
        assert_eq!(call.languages, ["fr", "nl"]);
        assert_eq!(diags.errors().count(), 0);
        assert_eq!(diags.len(), 0);
    }

    #[test]
    fn no_seat_a_late_deadline_and_an_unknown_language_are_errors() {
        let mut diags = Diagnostics::new();
        let mut cx = FileCx::for_test("content/events/x.md", &mut diags);
        let r = raw(0, "2027-01-11", &["klingon"]);
        open_call(&mut cx, &r, Some(day("2027-01-10")), 0);
        let fields: Vec<_> = diags
            .errors()
            .map(|d| d.field.clone().unwrap_or_default())
            .collect();
        assert_eq!(
            fields,
            [
                "mission.open.seats",
                "mission.open.deadline",
                "mission.open.languages[0]"
            ]
        );
    }

    #[test]
    fn more_ambassadors_than_seats_is_a_warning_unless_closed() {
        let mut diags = Diagnostics::new();
        let mut cx = FileCx::for_test("content/events/x.md", &mut diags);
        let mut r = raw(1, "2027-01-01", &[]);
        open_call(&mut cx, &r, None, 2);
        r.closed = true;
        open_call(&mut cx, &r, None, 2);
        assert_eq!(diags.errors().count(), 0);
        assert_eq!(diags.len(), 1);
    }
}
