//! Facets of the agenda: the levels, themes and regions events are filed under, each with a
//! URL-safe slug. Filter pages (`/agenda/niveau/europeen/`) and their feeds
//! (`/agenda/niveau/europeen.ics`) are both made from this one list, so they always match.

use std::collections::{BTreeMap, HashMap};

use super::Site;
use crate::model::{Level, Slug};

/// What a facet files events by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FacetKind {
    Level,
    Theme,
    Region,
}

impl FacetKind {
    /// The translation key and the value templates see: `level`, `theme`, `region`.
    pub fn key(self) -> &'static str {
        match self {
            FacetKind::Level => "level",
            FacetKind::Theme => "theme",
            FacetKind::Region => "region",
        }
    }

    /// The folder under `/agenda/`: `niveau`, `theme`, `region`.
    pub fn dir(self) -> &'static str {
        match self {
            FacetKind::Level => "niveau",
            FacetKind::Theme => "theme",
            FacetKind::Region => "region",
        }
    }

    pub const ALL: [FacetKind; 3] = [FacetKind::Level, FacetKind::Theme, FacetKind::Region];
}

/// One value of one facet and the events (indices into `Content::events`) filed under it.
#[derive(Debug, Clone)]
pub struct Facet {
    pub kind: FacetKind,
    pub slug: String,
    pub label: String,
    pub events: Vec<usize>,
}

impl Facet {
    /// Whether event `i` is filed under this value (`events` is sorted, as built).
    pub fn has(&self, i: usize) -> bool {
        self.events.binary_search(&i).is_ok()
    }
}

/// Every facet value that has at least one event, levels in their natural order (labelled by
/// `level_label`, the theme's words), themes and regions by slug.
pub fn facets(site: &Site, level_label: impl Fn(Level) -> String) -> Vec<Facet> {
    let events = &site.content.events;
    let mut out = Vec::new();
    for level in Level::ALL {
        let list: Vec<usize> = (0..events.len())
            .filter(|&i| events[i].level == *level)
            .collect();
        if list.is_empty() {
            continue;
        }
        let label = level_label(*level);
        let slug = Slug::from_text(&label)
            .map(|s| s.to_string())
            .unwrap_or_else(|| level.key().to_string());
        out.push(Facet {
            kind: FacetKind::Level,
            slug,
            label,
            events: list,
        });
    }
    let mut group = |kind: FacetKind, values: Vec<Vec<&str>>| {
        let mut map: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        // A few labels, each on thousands of events: each one's slug is made once.
        let mut slugs: HashMap<&str, Option<String>> = HashMap::new();
        for (i, labels) in values.into_iter().enumerate() {
            for label in labels {
                let slug = slugs
                    .entry(label)
                    .or_insert_with(|| Slug::from_text(label).map(|s| s.to_string()));
                // Validation guarantees a slug can be made from every theme and region.
                if let Some(slug) = slug {
                    let entry = match map.get_mut(slug.as_str()) {
                        Some(e) => e,
                        None => map
                            .entry(slug.clone())
                            .or_insert_with(|| (label.to_string(), Vec::new())),
                    };
                    // Events are visited in order: a repeat can only be the last one pushed.
                    if entry.1.last() != Some(&i) {
                        entry.1.push(i);
                    }
                }
            }
        }
        for (slug, (label, list)) in map {
            out.push(Facet {
                kind,
                slug,
                label,
                events: list,
            });
        }
    };
    let themes = events
        .iter()
        .map(|e| e.themes.iter().map(String::as_str).collect())
        .collect();
    group(FacetKind::Theme, themes);
    let regions = events
        .iter()
        .map(|e| e.region.iter().map(String::as_str).collect())
        .collect();
    group(FacetKind::Region, regions);
    out
}
