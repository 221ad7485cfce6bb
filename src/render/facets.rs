//! Facets of the agenda: the levels, themes and regions events are filed under, each with a
//! URL-safe slug. Filter pages (`/agenda/niveau/europeen/`) and their feeds
//! (`/agenda/niveau/europeen.ics`) are both made from this one list, so they always match.

use std::collections::BTreeMap;

use super::RenderCx;
use crate::model::{Level, Slug};

/// One value of one facet and the events (indices into `Content::events`) filed under it.
pub struct Facet {
    /// `level`, `theme` or `region`: a translation key.
    pub kind: &'static str,
    /// The folder under `/agenda/`: `niveau`, `theme`, `region`.
    pub dir: &'static str,
    pub slug: String,
    pub label: String,
    pub events: Vec<usize>,
}

impl Facet {
    pub fn page_path(&self) -> String {
        format!("/agenda/{}/{}/", self.dir, self.slug)
    }

    /// Whether event `i` is filed under this value (`events` is sorted, as built).
    pub fn has(&self, i: usize) -> bool {
        self.events.binary_search(&i).is_ok()
    }

    pub fn feed_path(&self) -> String {
        format!("/agenda/{}/{}.ics", self.dir, self.slug)
    }
}

/// Every facet value that has at least one event, levels in their natural order, themes and
/// regions by slug.
pub fn facets<'c>(cx: &'c RenderCx) -> &'c [Facet] {
    cx.facets.get_or_init(|| make(cx))
}

fn make(cx: &RenderCx) -> Vec<Facet> {
    let events = &cx.site.content.events;
    let mut out = Vec::new();
    for level in Level::ALL {
        let list: Vec<usize> = (0..events.len())
            .filter(|&i| events[i].level == *level)
            .collect();
        if list.is_empty() {
            continue;
        }
        let label = cx.theme.words.levels.get(*level).to_string();
        let slug = Slug::from_text(&label)
            .map(|s| s.to_string())
            .unwrap_or_else(|| level.key().to_string());
        out.push(Facet {
            kind: "level",
            dir: "niveau",
            slug,
            label,
            events: list,
        });
    }
    let mut group =
        |kind: &'static str, dir: &'static str, values: &dyn Fn(usize) -> Vec<String>| {
            let mut map: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
            for i in 0..events.len() {
                for label in values(i) {
                    // Validation guarantees a slug can be made from every theme and region.
                    if let Some(slug) = Slug::from_text(&label) {
                        let entry = map
                            .entry(slug.to_string())
                            .or_insert_with(|| (label.clone(), Vec::new()));
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
                    dir,
                    slug,
                    label,
                    events: list,
                });
            }
        };
    group("theme", "theme", &|i| events[i].themes.clone());
    group("region", "region", &|i| {
        events[i].region.iter().cloned().collect()
    });
    out
}
