//! The site the preview server shows: loaded and checked, but rendered file by file as the
//! browser asks for them. A rebuild after an edit then costs a load (of the changed files
//! only, see `content::LoadCache`) and no rendering, so the reload goes out at once; a whole
//! render follows in the background, to find the problems only rendering shows and to tell
//! the terminal which files changed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostic::Diagnostics;
use crate::render::{render_into, Body, Output};
use crate::Prepared;

use super::routes::Files;

/// Unknown addresses remembered per site.
const MISSES: usize = 4096;

pub struct LiveSite {
    prepared: Prepared,
    /// Files rendered on request so far.
    made: Mutex<HashMap<String, Body>>,
    /// Addresses asked for that the site does not have (`/favicon.ico`…), up to `MISSES`:
    /// made-up paths cannot fill the memory, and a known miss costs no render.
    missing: Mutex<HashSet<String>>,
    /// Every file, once the background render has finished.
    all: OnceLock<Arc<BTreeMap<String, Body>>>,
}

impl LiveSite {
    pub fn new(prepared: Prepared) -> LiveSite {
        LiveSite {
            prepared,
            made: Mutex::new(HashMap::new()),
            missing: Mutex::new(HashSet::new()),
            all: OnceLock::new(),
        }
    }

    pub fn warnings(&self) -> &Diagnostics {
        &self.prepared.warnings
    }

    /// Renders every file (in memory, on all cores), keeps them, and returns them, or the
    /// problems that rendering found.
    pub fn render_all(&self) -> Result<Arc<BTreeMap<String, Body>>, Diagnostics> {
        if let Some(all) = self.all.get() {
            return Ok(Arc::clone(all));
        }
        let out = render_into(
            &self.prepared.site,
            &self.prepared.theme,
            Output::new(Default::default()),
        );
        if out.problems.has_errors() {
            return Err(out.problems);
        }
        Ok(Arc::clone(self.all.get_or_init(|| Arc::new(out.files))))
    }
}

impl Files for LiveSite {
    fn get(&self, key: &str) -> Option<Body> {
        if let Some(all) = self.all.get() {
            return all.get(key).cloned();
        }
        let made = self
            .made
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
            .cloned();
        if made.is_some() {
            return made;
        }
        if self
            .missing
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(key)
        {
            return None;
        }
        let out = render_into(&self.prepared.site, &self.prepared.theme, Output::only(key));
        // A template that fails on this file: the background render reports it and replaces
        // the site with the error page; until then the file is missing.
        if out.problems.has_errors() {
            return None;
        }
        let Some(body) = out.files.into_values().next() else {
            let mut missing = self.missing.lock().unwrap_or_else(|p| p.into_inner());
            if missing.len() < MISSES {
                missing.insert(key.to_string());
            }
            return None;
        };
        self.made
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.to_string(), body.clone());
        Some(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Reference;

    fn site() -> LiveSite {
        let opts = crate::Options {
            root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/minimal"),
            output: None,
            base_url: None,
            drafts: false,
            today: Reference::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()),
        };
        LiveSite::new(crate::prepare(&opts, None).unwrap_or_else(|d| panic!("{d:?}")))
    }

    #[test]
    fn files_are_made_once_and_unknown_addresses_remembered() {
        let live = site();
        let page = live.get("agenda/reunion/index.html");
        assert!(matches!(page, Some(Body::Bytes(_))), "{page:?}");
        assert!(live
            .made
            .lock()
            .unwrap()
            .contains_key("agenda/reunion/index.html"));
        assert!(live.get("agenda/nulle-part/index.html").is_none());
        assert!(live.get("favicon.ico").is_none());
        let missing = live.missing.lock().unwrap().clone();
        assert_eq!(missing.len(), 2, "{missing:?}");
        assert!(!missing.contains("agenda/reunion/index.html"));
        // The whole render, once done, answers for everything.
        let all = live.render_all().unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(
            live.get("agenda/reunion/index.html").as_ref(),
            all.get("agenda/reunion/index.html")
        );
        assert!(live.get("sitemap.xml").is_some());
    }
}
