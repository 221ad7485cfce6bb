//! `networks.yaml`: the networks the cooperative is a member of.

use std::collections::HashSet;

use super::files::FileCx;
use super::raw::NetworksFile;
use crate::model::{Network, Networks};

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
            cx.error(
                &format!("{p}.name"),
                format!("duplicate network id `{id}`"),
                Some("give one of the networks a distinct `id:`"),
            );
        }
        let url = n
            .url
            .as_deref()
            .and_then(|u| cx.url(&format!("{p}.url"), u));
        if let Some(y) = n.member_since {
            if !(1900..=2100).contains(&y) {
                cx.error(
                    &format!("{p}.member_since"),
                    format!("{y} is not a plausible year"),
                    Some("write the year SMart joined, e.g. 2016"),
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
