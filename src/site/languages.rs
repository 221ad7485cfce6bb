//! The site in each of its languages: the default content with one translation's items
//! (`model::Translation`) put in place of the originals of the same id, and a record of what
//! stayed in the default language (`Fallbacks`) so that pages mark it with its `lang` and a
//! note. Everything that is not words (dates, places' coordinates, profiles, kit files) is
//! the original's, so every language has the same events in the same order.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::model::{Content, Event, Slug};

/// What a language's content shows in the default language, for want of a translation.
#[derive(Debug, Clone, Default)]
pub struct Fallbacks {
    /// The default language's code (`fr`): the `lang` of every fallback.
    pub lang: String,
    /// Whether anything falls back at all (false for the default language itself).
    pub active: bool,
    pub title: bool,
    pub baseline: bool,
    pub axes: bool,
    pub charter: bool,
    pub lexicon_introduction: bool,
    /// Events, pages and lexicon terms, by slug or id.
    pub events: HashSet<Slug>,
    pub pages: HashSet<Slug>,
    pub terms: HashSet<Slug>,
}

impl Fallbacks {
    pub fn event(&self, slug: &Slug) -> bool {
        self.active && self.events.contains(slug)
    }

    pub fn page(&self, slug: &Slug) -> bool {
        self.active && self.pages.contains(slug)
    }

    pub fn term(&self, id: &Slug) -> bool {
        self.active && self.terms.contains(id)
    }
}

/// The content of the site in `lang`, and what falls back to the default language. The
/// default language (or one without a translation) is the content as it is.
pub fn in_language(content: &Content, lang: &str) -> (Content, Fallbacks) {
    let default = content.config.language.clone();
    let mut c = content.clone();
    c.translations = Vec::new();
    c.config.language = lang.to_string();
    let mut fb = Fallbacks {
        lang: default.clone(),
        ..Default::default()
    };
    if lang == default {
        return (c, fb);
    }
    let Some(t) = content.translations.iter().find(|t| t.lang == lang) else {
        return (c, fb);
    };
    fb.active = true;
    fb.title = t.title.is_none();
    if let Some(title) = &t.title {
        c.config.title = title.clone();
    }
    if let Some(d) = &t.description {
        c.config.description = d.clone();
    }
    match &t.baseline {
        Some(b) => c.baseline = b.clone(),
        None => fb.baseline = true,
    }
    match &t.axes {
        Some(a) => c.axes = a.clone(),
        None => fb.axes = true,
    }
    match &t.charter {
        Some(ch) => c.charter = ch.clone(),
        None => fb.charter = true,
    }
    match &t.lexicon_introduction_html {
        Some(i) => c.lexicon.introduction_html = Some(i.clone()),
        None => fb.lexicon_introduction = c.lexicon.introduction_html.is_some(),
    }
    for term in &mut c.lexicon.terms {
        match t.terms.iter().find(|x| x.id == term.id) {
            Some(x) => *term = x.clone(),
            None => {
                fb.terms.insert(term.id.clone());
            }
        }
    }
    for page in &mut c.pages {
        match t.pages.iter().find(|x| x.slug == page.slug) {
            Some(x) => *page = x.clone(),
            None => {
                fb.pages.insert(page.slug.clone());
            }
        }
    }
    // By slug, a site may translate thousands of events; the first of a slug wins, as before.
    let translated: HashMap<&Slug, &Arc<Event>> =
        t.events.iter().rev().map(|x| (&x.slug, x)).collect();
    for ev in &mut c.events {
        match translated.get(&ev.slug) {
            Some(x) => *ev = Arc::clone(x),
            None => {
                fb.events.insert(ev.slug.clone());
            }
        }
    }
    (c, fb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{load, LoadOptions, Reference};

    fn example() -> Content {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let opts = LoadOptions {
            drafts: false,
            base_url: None,
            today: Reference::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()),
        };
        let (c, d) = load(root, &opts);
        c.unwrap_or_else(|| panic!("{d:?}"))
    }

    #[test]
    fn translated_items_replace_originals_and_the_rest_falls_back() {
        let c = example();
        let (nl, fb) = in_language(&c, "nl");
        assert_eq!(nl.config.language, "nl");
        assert!(fb.active && !fb.baseline && !fb.charter);
        assert_ne!(nl.baseline.statement, c.baseline.statement);
        let salon = Slug::parse("salon-des-independants-2027").unwrap();
        let (fr_ev, nl_ev) = (
            c.events.iter().find(|e| e.slug == salon).unwrap(),
            nl.events.iter().find(|e| e.slug == salon).unwrap(),
        );
        assert_ne!(fr_ev.title, nl_ev.title);
        assert_eq!(fr_ev.when, nl_ev.when);
        assert!(!fb.event(&salon));
        let untranslated = Slug::parse("formation-de-depart-2026").unwrap();
        assert!(fb.event(&untranslated));
        assert_eq!(nl.events.len(), c.events.len());
        // Each event the other language falls back on is the original itself, not a copy: a
        // second language of 10,000 events would otherwise hold them twice.
        for (orig, other) in c.events.iter().zip(&nl.events) {
            assert_eq!(
                Arc::ptr_eq(orig, other),
                fb.event(&orig.slug),
                "{}",
                orig.slug
            );
        }
        // The default language is the content as it is, with nothing marked.
        let (fr, fb) = in_language(&c, "fr");
        assert!(!fb.event(&untranslated));
        assert_eq!(fr.config.title, c.config.title);
    }
}
