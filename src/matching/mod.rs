//! `ambassade match`: for each open call (`mission: open:`), the ambassadors ranked by a
//! transparent, additive score, each point with its reason, and those who cannot go with why.
//!
//! The score (the README's table; `--help` repeats it):
//! - +3 per theme of the call (else of the event) among the profile's `themes`;
//! - +2 per sector of the call among the profile's `sector`;
//! - +2 when a region of the call (else the event's region) is among the profile's
//!   `territories` or its `town`;
//! - time: the `time` option's place gives a yearly capacity, 3 missions per step (the first
//!   option 3, the second 6…); each occurrence of an event naming the ambassador in the
//!   mission's calendar year takes one; +1 per mission still possible, at most +3; none left:
//!   unavailable;
//! - +1 for someone no past event names yet;
//! - unavailable: a language of the call they do not speak, another event naming them on the
//!   mission's day(s), already named on this mission, no room left this year.
//!
//! Words are compared without case or accents (`Slug::from_text`). Profiles are read through
//! the identification sheet's field ids `themes`, `sector`, `territories`, `town`,
//! `languages`, `time` and `name`. Nothing here writes: `format` makes the text.

pub mod format;

use chrono::{Datelike, NaiveDate};

use crate::i18n::Msg;
use crate::model::{Event, OpenCall, PrivateProfile, Role, Slug, Status, When};
use crate::msg;
use crate::site::{occurrences, Site};

/// Points per shared theme.
pub const THEME: i64 = 3;
/// Points per shared sector.
pub const SECTOR: i64 = 2;
/// Points when the region matches.
pub const REGION: i64 = 2;
/// Missions a year per step of the `time` option.
pub const MISSIONS_PER_STEP: i64 = 3;
/// The most points the time left gives.
pub const TIME_MAX: i64 = 3;
/// Points for someone never sent yet.
pub const NEVER_SENT: i64 = 1;

/// One line of a score: its points (0 for a remark) and why.
#[derive(Debug, Clone)]
pub struct Reason {
    pub points: i64,
    pub text: Msg,
}

/// An ambassador who can go, with their score.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: Slug,
    pub name: String,
    pub score: i64,
    pub reasons: Vec<Reason>,
}

/// An ambassador left out, with every reason why.
#[derive(Debug, Clone)]
pub struct Unavailable {
    pub id: Slug,
    pub name: String,
    pub why: Vec<Msg>,
}

/// One open call and its ranking.
#[derive(Debug, Clone)]
pub struct MissionMatch {
    pub slug: Slug,
    pub title: String,
    /// The occurrence matched: the next one.
    pub when: When,
    pub deadline: NaiveDate,
    pub seats: u32,
    pub seats_left: u32,
    /// Best first; ties by id.
    pub ranked: Vec<Candidate>,
    pub unavailable: Vec<Unavailable>,
}

/// Why `match --mission SLUG` cannot rank SLUG.
#[derive(Debug, Clone)]
pub enum NotOpen {
    /// No event has this slug; the open calls' slugs, for the message.
    Unknown(Vec<String>),
    /// The event has no `mission: open:`.
    NoCall,
    /// The event has no occurrence from today on.
    Past,
}

/// Seats not yet given: `seats` less the ambassadors already named on the event.
pub fn seats_left(ev: &Event, call: &OpenCall) -> u32 {
    let named = ev
        .representatives
        .iter()
        .filter(|r| r.role == Role::Ambassador)
        .count();
    call.seats
        .saturating_sub(u32::try_from(named).unwrap_or(u32::MAX))
}

/// The open calls of the site: an occurrence from today on, today not after the deadline, not
/// closed, a seat left, the event not cancelled. Each with the index of its event and its next
/// occurrence, soonest first.
pub fn open_calls(site: &Site) -> Vec<(usize, When)> {
    site.listed
        .iter()
        .filter(|o| {
            let ev = site.event(o);
            let Some(call) = ev.mission.as_ref().and_then(|m| m.open.as_ref()) else {
                return false;
            };
            ev.status != Status::Cancelled
                && !call.closed
                && site.today <= call.deadline
                && seats_left(ev, call) > 0
        })
        .map(|o| (o.event, o.when))
        .collect()
}

/// The rankings of every open call, or of the event `mission` alone (matched even when its
/// deadline has passed or its seats are taken: the support group asked for it).
pub fn run(
    site: &Site,
    profiles: &[PrivateProfile],
    mission: Option<&str>,
) -> Result<Vec<MissionMatch>, NotOpen> {
    let calls = match mission {
        None => open_calls(site),
        Some(slug) => {
            let Some(i) = site
                .content
                .events
                .iter()
                .position(|e| e.slug.as_str() == slug)
            else {
                let open = open_calls(site)
                    .iter()
                    .map(|(i, _)| site.content.events[*i].slug.to_string())
                    .collect();
                return Err(NotOpen::Unknown(open));
            };
            if site.content.events[i]
                .mission
                .as_ref()
                .and_then(|m| m.open.as_ref())
                .is_none()
            {
                return Err(NotOpen::NoCall);
            }
            let next = site.upcoming_of(i).next().ok_or(NotOpen::Past)?;
            vec![(i, next.when)]
        }
    };
    Ok(calls
        .into_iter()
        .filter_map(|(i, when)| rank(site, profiles, i, when))
        .collect())
}

/// Equal without case or accents.
fn same(a: &str, b: &str) -> bool {
    match (Slug::from_text(a), Slug::from_text(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// Whether a profile's language (a word or a code) is the call's language `code`.
fn speaks(spoken: &str, code: &str) -> bool {
    same(spoken, code) || crate::model::language_code(spoken) == Some(code)
}

/// The dated occurrences of events naming `id` (cancelled events left out), with the event.
fn missions_of<'a>(site: &'a Site, id: &Slug) -> Vec<(&'a Event, When)> {
    site.content
        .events
        .iter()
        .filter(|e| e.status != Status::Cancelled)
        .filter(|e| e.representatives.iter().any(|r| r.id.as_ref() == Some(id)))
        .flat_map(|e| occurrences(e).into_iter().map(move |w| (&**e, w)))
        .collect()
}

/// Ranks every profile for the call of event `i` at its occurrence `when`.
fn rank(site: &Site, profiles: &[PrivateProfile], i: usize, when: When) -> Option<MissionMatch> {
    let ev = &site.content.events[i];
    let call = ev.mission.as_ref()?.open.as_ref()?;
    let mut ranked = Vec::new();
    let mut unavailable = Vec::new();
    for p in profiles {
        let (reasons, why) = assess(site, ev, call, when, p);
        if why.is_empty() {
            ranked.push(Candidate {
                id: p.id.clone(),
                name: p.display_name().to_string(),
                score: reasons.iter().map(|r| r.points).sum(),
                reasons,
            });
        } else {
            unavailable.push(Unavailable {
                id: p.id.clone(),
                name: p.display_name().to_string(),
                why,
            });
        }
    }
    ranked.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    unavailable.sort_by(|a, b| a.id.cmp(&b.id));
    Some(MissionMatch {
        slug: ev.slug.clone(),
        title: ev.title.clone(),
        when,
        deadline: call.deadline,
        seats: call.seats,
        seats_left: seats_left(ev, call),
        ranked,
        unavailable,
    })
}

/// The points of one profile for one call, and why they cannot go (empty: they can).
fn assess(
    site: &Site,
    ev: &Event,
    call: &OpenCall,
    when: When,
    p: &PrivateProfile,
) -> (Vec<Reason>, Vec<Msg>) {
    let mut reasons = Vec::new();
    let mut why = Vec::new();

    if ev
        .representatives
        .iter()
        .any(|r| r.id.as_ref() == Some(&p.id))
    {
        why.push(msg!("private-match-already"));
    }
    let spoken = p.items("languages");
    for l in &call.languages {
        if !spoken.iter().any(|s| speaks(s, l)) {
            let name = crate::model::language_name_fr(l).unwrap_or(l.as_str());
            why.push(msg!("private-match-no-language", language = name));
        }
    }

    let themes = if call.themes.is_empty() {
        &ev.themes
    } else {
        &call.themes
    };
    let theirs = p.items("themes");
    for t in themes {
        if theirs.iter().any(|x| same(x, t)) {
            reasons.push(Reason {
                points: THEME,
                text: msg!("private-match-theme", theme = t.as_str()),
            });
        }
    }
    let sectors = p.items("sector");
    for s in &call.sectors {
        if sectors.iter().any(|x| same(x, s)) {
            reasons.push(Reason {
                points: SECTOR,
                text: msg!("private-match-sector", sector = s.as_str()),
            });
        }
    }
    let regions: Vec<&String> = if call.regions.is_empty() {
        ev.region.iter().collect()
    } else {
        call.regions.iter().collect()
    };
    let mut places = p.items("territories");
    places.extend(p.text("town"));
    if let Some(r) = regions.iter().find(|r| places.iter().any(|x| same(x, r))) {
        reasons.push(Reason {
            points: REGION,
            text: msg!("private-match-region", region = r.as_str()),
        });
    }

    let theirs = missions_of(site, &p.id);
    let others: Vec<&(&Event, When)> = theirs.iter().filter(|(e, _)| e.slug != ev.slug).collect();
    // Busy: another mission on one of this one's days.
    for (e, w) in &others {
        if w.start_date() <= when.end_date() && when.start_date() <= w.end_date() {
            why.push(msg!(
                "private-match-busy",
                date = w.start_date().to_string(),
                event = e.title.as_str()
            ));
        }
    }
    let year = when.start_date().year();
    let taken = others
        .iter()
        .filter(|(_, w)| w.start_date().year() == year)
        .count();
    let taken = i64::try_from(taken).unwrap_or(i64::MAX);
    match p.choice("time") {
        Some(pick) => {
            let steps = i64::try_from(pick.index).unwrap_or(0) + 1;
            let capacity = steps * MISSIONS_PER_STEP;
            let room = capacity - taken;
            if room <= 0 {
                why.push(msg!(
                    "private-match-no-room",
                    taken = taken,
                    capacity = capacity,
                    year = year.to_string()
                ));
            } else {
                reasons.push(Reason {
                    points: room.min(TIME_MAX),
                    text: msg!(
                        "private-match-room",
                        left = room,
                        taken = taken,
                        capacity = capacity,
                        year = year.to_string()
                    ),
                });
            }
        }
        None => reasons.push(Reason {
            points: 0,
            text: msg!("private-match-time-unknown"),
        }),
    }
    if !theirs.iter().any(|(_, w)| w.end_date() < site.today) {
        reasons.push(Reason {
            points: NEVER_SENT,
            text: msg!("private-match-never-sent"),
        });
    }
    (reasons, why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_languages_in_words_match_the_calls_codes() {
        assert!(speaks("néerlandais", "nl"));
        assert!(speaks("Français", "fr"));
        assert!(speaks("nl", "nl"));
        assert!(!speaks("anglais", "nl"));
        assert!(!speaks("autre", "it"));
    }
}
