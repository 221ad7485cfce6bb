//! An event's `representatives`: who speaks for the cooperative. A representative named by
//! `id` is an ambassador; their name is published only when they have a public profile
//! (`ambassadeurs/<id>.md`, their consent), and comes from it.

use std::collections::HashSet;

use crate::content::ambassadors::ProfileNames;
use crate::content::files::FileCx;
use crate::content::raw::RepresentativeRaw;
use crate::model::{Representative, Role, Slug};
use crate::msg;

/// Checks the representatives of one event against the public profiles.
pub(super) fn representatives(
    cx: &mut FileCx,
    raw: &[RepresentativeRaw],
    profiles: &ProfileNames,
) -> Vec<Representative> {
    let mut ids = HashSet::new();
    raw.iter()
        .enumerate()
        .map(|(i, r)| {
            let at = |field: &str| format!("representatives[{i}].{field}");
            let id = r.id.as_ref().and_then(|id| {
                let s = Slug::parse(id.trim());
                if s.is_none() {
                    cx.err(
                        &at("id"),
                        msg!("content-id-invalid", id = id),
                        Some(msg!("content-id-invalid-hint")),
                    );
                }
                s
            });
            let name = match (&r.name, &r.id) {
                (Some(n), _) => Some(cx.required_text(&at("name"), n)),
                (None, Some(_)) => None,
                (None, None) => {
                    cx.err(
                        &format!("representatives[{i}]"),
                        msg!("events-representative-without-name"),
                        Some(msg!("events-representative-without-name-hint")),
                    );
                    None
                }
            };
            let public_name = match &id {
                Some(id) => {
                    if r.role != Role::Ambassador {
                        cx.err(
                            &at("role"),
                            msg!("events-representative-id-not-ambassador", id = id.as_str()),
                            Some(msg!("events-representative-id-not-ambassador-hint")),
                        );
                    }
                    if !ids.insert(id.clone()) {
                        cx.err(
                            &at("id"),
                            msg!("events-representative-twice", id = id.as_str()),
                            Some(msg!("events-representative-twice-hint")),
                        );
                    }
                    match profiles.get(id) {
                        // A profile with errors of its own is reported where it is.
                        Some(profile) => profile.clone(),
                        None => {
                            if r.public {
                                cx.err(
                                    &at("public"),
                                    msg!(
                                        "events-representative-public-without-profile",
                                        id = id.as_str()
                                    ),
                                    Some(msg!(
                                        "events-representative-public-without-profile-hint",
                                        id = id.as_str()
                                    )),
                                );
                            }
                            None
                        }
                    }
                }
                None => name.clone().filter(|_| r.public),
            };
            Representative {
                id,
                public_name,
                name,
                role: r.role,
            }
        })
        .collect()
}
