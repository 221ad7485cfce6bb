//! The site the preview server shows: loaded and checked, but rendered file by file as the
//! browser asks for them. A rebuild after an edit then costs a load (of the changed files
//! only, see `content::LoadCache`) and no rendering, so the reload goes out at once; a whole
//! render follows in the background, to find the problems only rendering shows and to tell
//! the terminal which files changed.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostic::Diagnostics;
use crate::output::{Body, Sink};
use crate::render::{render_all, render_file, RenderCx};
use crate::Prepared;

use super::routes::Files;

pub struct LiveSite {
    prepared: Prepared,
    /// The render context of each language of this build, shared by every request.
    cxs: Vec<RenderCx>,
    /// Files rendered on request so far.
    made: Mutex<HashMap<String, Body>>,
    /// Every file, once the background render has finished.
    all: OnceLock<Arc<BTreeMap<String, Body>>>,
}

impl LiveSite {
    pub fn new(prepared: Prepared) -> LiveSite {
        let cxs = prepared.render_cxs();
        LiveSite {
            prepared,
            cxs,
            made: Mutex::new(HashMap::new()),
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
        let out = render_all(&self.cxs, Sink::Memory);
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
        // An address the route table does not know costs no render at all.
        let out = self.cxs.iter().find_map(|cx| render_file(cx, key))?;
        // A template that fails on this file: the background render reports it and replaces
        // the site with the error page; until then the file is missing.
        if out.problems.has_errors() {
            return None;
        }
        let body = out.files.into_values().next()?;
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
    fn files_are_made_once_and_only_for_known_routes() {
        let live = site();
        let page = live.get("agenda/reunion/index.html");
        assert!(matches!(page, Some(Body::Bytes(_))), "{page:?}");
        // Only the asked-for route was rendered.
        let made: Vec<String> = live.made.lock().unwrap().keys().cloned().collect();
        assert_eq!(made, ["agenda/reunion/index.html"]);
        assert!(live.get("agenda/nulle-part/index.html").is_none());
        assert!(live.get("favicon.ico").is_none());
        assert_eq!(live.made.lock().unwrap().len(), 1);
        // The whole render, once done, answers for everything.
        let all = live.render_all().unwrap_or_else(|d| panic!("{d:?}"));
        assert_eq!(
            live.get("agenda/reunion/index.html").as_ref(),
            all.get("agenda/reunion/index.html")
        );
        assert!(live.get("sitemap.xml").is_some());
    }
}
