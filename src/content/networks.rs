//! `networks.yaml`: the networks the cooperative is a member of.

use std::collections::HashSet;

use super::files::FileCx;
use super::raw::NetworksFile;
use crate::model::{Network, Networks};
use crate::msg;

pub(super) fn networks(raw: NetworksFile, cx: &mut FileCx) -> Option<Networks> {
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for (i, n) in raw.networks.iter().enumerate() {
        let p = format!("networks[{i}]");
        let name = cx.required_text(&format!("{p}.name"), &n.name);
        let Some(id) = cx.id_or_slug(&format!("{p}.id"), &n.id, &name) else {
            continue;
        };
        if !ids.insert(id.clone()) {
            cx.err(
                &format!("{p}.name"),
                msg!("content-network-duplicate-id", id = id.to_string()),
                Some(msg!("content-network-duplicate-id-hint")),
            );
        }
        let url = n
            .url
            .as_deref()
            .and_then(|u| cx.url(&format!("{p}.url"), u));
        if let Some(y) = n.member_since {
            if !(1900..=2100).contains(&y) {
                cx.err(
                    &format!("{p}.member_since"),
                    msg!("content-network-year-implausible", year = y),
                    Some(msg!("content-network-year-implausible-hint")),
                );
            }
        }
        out.push(Network {
            id,
            name,
            url,
            level: n.level,
            sector: n.sector.clone(),
            territory: n.territory.clone(),
            description_html: cx.md_opt(&n.description),
            member_since: n.member_since,
        });
    }
    Some(Networks {
        introduction_html: cx.md_opt(&raw.introduction),
        networks: out,
    })
}
