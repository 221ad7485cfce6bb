//! The open calls listed on a given day (`/missions/`, its feeds, the home page's block): a
//! mission with `open:` is listed while its event is still to come and not cancelled or
//! postponed, the deadline is not past, the call is not closed, and seats are left.

use chrono::NaiveDate;

use super::Occurrence;
use crate::model::{Content, OpenCall, Representative, Role, Status};

/// An open call listed today.
#[derive(Debug, Clone, Copy)]
pub struct Listing {
    /// The event's next occurrence (its index is `occurrence.event`).
    pub occurrence: Occurrence,
    /// Seats not yet taken by an ambassador the event names.
    pub seats_left: u32,
}

/// The seats of `call` left once the ambassadors `representatives` name have taken theirs, on
/// `today`, for an event of `status` whose next occurrence ends on `next_end` (none when it
/// has ended); `None` when the call is not listed.
pub fn seats_left(
    call: &OpenCall,
    representatives: &[Representative],
    status: Status,
    next_end: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<u32> {
    let upcoming = next_end.is_some_and(|end| end >= today);
    if !upcoming
        || matches!(status, Status::Cancelled | Status::Postponed)
        || call.closed
        || today > call.deadline
    {
        return None;
    }
    let taken = representatives
        .iter()
        .filter(|r| r.role == Role::Ambassador)
        .count();
    let left = call
        .seats
        .saturating_sub(u32::try_from(taken).unwrap_or(u32::MAX));
    (left > 0).then_some(left)
}

/// The calls listed on `today`, from each event's next occurrence (`listed`, one per event,
/// as `Site::listed`): the nearest deadline first, then the soonest event.
pub fn open_calls(content: &Content, listed: &[Occurrence], today: NaiveDate) -> Vec<Listing> {
    let mut out: Vec<Listing> = listed
        .iter()
        .filter_map(|o| {
            let ev = &content.events[o.event];
            let call = ev.mission.as_ref()?.open.as_ref()?;
            let left = seats_left(
                call,
                &ev.representatives,
                ev.status,
                Some(o.when.end_date()),
                today,
            )?;
            Some(Listing {
                occurrence: *o,
                seats_left: left,
            })
        })
        .collect();
    out.sort_by_key(|l| {
        let ev = &content.events[l.occurrence.event];
        let deadline = ev.mission.as_ref().and_then(|m| m.open.as_ref());
        (
            deadline.map(|c| c.deadline),
            l.occurrence.instant,
            l.occurrence.event,
        )
    });
    out
}

/// Where a volunteer writes: the first e-mail address in the mission's `contact` (`Groupe
/// d'appui – ambassade@smart.coop`), else the organisation's (`site.yaml`).
pub fn recipient<'a>(contact: Option<&'a str>, organisation: &'a str) -> &'a str {
    contact
        .into_iter()
        .flat_map(str::split_whitespace)
        .map(|w| w.trim_matches(|c: char| "<>()[],;:".contains(c)))
        .find(|w| crate::content::values::is_email(w))
        .unwrap_or(organisation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volunteers_write_to_the_contact_s_address_else_the_organisation_s() {
        let org = "org@example.org";
        let c = Some("Groupe d'appui – <appui@example.org>, le mardi");
        assert_eq!(recipient(c, org), "appui@example.org");
        assert_eq!(recipient(Some("Marie, au bureau de Namur"), org), org);
        assert_eq!(recipient(None, org), org);
    }

    fn call(seats: u32, deadline: &str) -> OpenCall {
        OpenCall {
            seats,
            deadline: day(deadline),
            themes: Vec::new(),
            sectors: Vec::new(),
            languages: Vec::new(),
            regions: Vec::new(),
            closed: false,
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn person(role: Role) -> Representative {
        Representative {
            id: None,
            public_name: None,
            name: Some("X".into()),
            role,
        }
    }

    const EVENT_END: &str = "2026-12-10";

    fn left(c: &OpenCall, reps: &[Representative], status: Status, today: &str) -> Option<u32> {
        seats_left(c, reps, status, Some(day(EVENT_END)), day(today))
    }

    #[test]
    fn listed_until_the_deadline_inclusive() {
        let c = call(2, "2026-12-01");
        assert_eq!(left(&c, &[], Status::Confirmed, "2026-11-26"), Some(2));
        assert_eq!(left(&c, &[], Status::Confirmed, "2026-12-01"), Some(2));
        assert_eq!(left(&c, &[], Status::Confirmed, "2026-12-02"), None);
    }

    #[test]
    fn ambassadors_named_take_seats_and_staff_do_not() {
        let c = call(2, "2026-12-01");
        let one = [person(Role::Ambassador), person(Role::Staff)];
        assert_eq!(left(&c, &one, Status::Confirmed, "2026-11-26"), Some(1));
        let two = [person(Role::Ambassador), person(Role::Ambassador)];
        assert_eq!(left(&c, &two, Status::Confirmed, "2026-11-26"), None);
        let three = [
            person(Role::Ambassador),
            person(Role::Ambassador),
            person(Role::Ambassador),
        ];
        assert_eq!(left(&c, &three, Status::Confirmed, "2026-11-26"), None);
    }

    #[test]
    fn closed_cancelled_postponed_and_past_events_are_not_listed() {
        let mut c = call(1, "2026-12-01");
        assert_eq!(left(&c, &[], Status::Tentative, "2026-11-26"), Some(1));
        assert_eq!(left(&c, &[], Status::Cancelled, "2026-11-26"), None);
        assert_eq!(left(&c, &[], Status::Postponed, "2026-11-26"), None);
        let past = seats_left(&c, &[], Status::Confirmed, None, day("2026-11-26"));
        assert_eq!(past, None);
        let ended = seats_left(
            &c,
            &[],
            Status::Confirmed,
            Some(day("2026-11-25")),
            day("2026-11-26"),
        );
        assert_eq!(ended, None);
        c.closed = true;
        assert_eq!(left(&c, &[], Status::Confirmed, "2026-11-26"), None);
    }
}
