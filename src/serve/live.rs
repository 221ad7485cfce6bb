//! The site the preview server shows: loaded and checked, but rendered file by file as the
//! browser asks for them. A rebuild after an edit then costs a load (of the changed files
//! only, see `content::LoadCache`) and no rendering, so the reload goes out at once; a whole
//! render follows in the background, to find the problems only rendering shows and to tell
//! the terminal which files changed.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostic::Diagnostics;
use crate::render::{render_into, Body, Output};
use crate::Prepared;

use super::routes::Files;

pub struct LiveSite {
    prepared: Prepared,
    /// Files rendered on request so far (only files of the site: the addresses asked for
    /// are not kept, so requests for made-up paths cannot fill the memory).
    made: Mutex<HashMap<String, Body>>,
    /// Every file, once the background render has finished.
    all: OnceLock<Arc<BTreeMap<String, Body>>>,
}

impl LiveSite {
    pub fn new(prepared: Prepared) -> LiveSite {
        LiveSite {
            prepared,
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
        let made = |m: &Mutex<HashMap<String, Body>>| {
            m.lock()
                .unwrap_or_else(|p| p.into_inner())
                .get(key)
                .cloned()
        };
        if let Some(body) = made(&self.made) {
            return Some(body);
        }
        let out = render_into(&self.prepared.site, &self.prepared.theme, Output::only(key));
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
