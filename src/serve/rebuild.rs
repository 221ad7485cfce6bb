//! Rebuilding for the preview: the `Builder` loads the site again after each change and tells
//! the terminal how it went, and the `render` thread renders each new site whole, for the
//! problems only rendering finds and the list of output files an edit changed.

use std::collections::BTreeMap;
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::Instant;

use crate::content::Reference;
use crate::diagnostic::Diagnostics;
use crate::i18n::{render, Lang};
use crate::msg;
use crate::output::Body;
use crate::report;
use crate::Options;

use super::live::LiveSite;
use super::routes;
use super::{Shared, Snapshot};

/// Rebuilds and tells the terminal what happened.
pub(super) struct Builder {
    root: PathBuf,
    drafts: bool,
    today: Box<dyn Fn() -> Reference + Send>,
    colour: bool,
    lang: Lang,
    run: String,
    count: u64,
    last_site: Option<Arc<LiveSite>>,
    failed: bool,
    cache: crate::Cache,
}

impl Builder {
    pub(super) fn new(
        root: PathBuf,
        drafts: bool,
        today: Box<dyn Fn() -> Reference + Send>,
        colour: bool,
        lang: Lang,
    ) -> Builder {
        Builder {
            root,
            drafts,
            today,
            colour,
            lang,
            run: format!("{:x}", nanos() & 0xffff_ffff),
            count: 0,
            last_site: None,
            failed: false,
            cache: crate::Cache::default(),
        }
    }

    /// Loads the site again (parsing only the files that changed) and makes the snapshot to
    /// publish: the new site, its pages rendered on request, or the error page.
    pub(super) fn build(&mut self, changed: &[PathBuf]) -> Snapshot {
        self.count += 1;
        let opts = Options {
            root: self.root.clone(),
            output: None,
            base_url: None,
            drafts: self.drafts,
            today: (self.today)(),
        };
        let started = Instant::now();
        let changed_abs: Vec<PathBuf> = changed.iter().map(|p| self.root.join(p)).collect();
        self.cache.content.forget(&changed_abs);
        let result = crate::prepare(&opts, Some(&self.cache));
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let stamp = chrono::Local::now().format("%H:%M:%S");
        let what = describe_changes(changed, self.lang);
        let ms = ms.round() as u64;
        let build = format!("{}-{}", self.run, self.count);
        match result {
            Ok(prepared) => {
                let events = prepared.site.content.events.len();
                let line = if self.failed {
                    msg!("serve-built-fixed", ms = ms, events = events)
                } else {
                    msg!("serve-built", ms = ms, events = events)
                };
                println!("[{stamp}] {what}{}", render(self.lang, &line));
                self.print(&prepared.warnings);
                self.failed = false;
                let site = Arc::new(LiveSite::new(prepared));
                self.last_site = Some(Arc::clone(&site));
                Snapshot {
                    build,
                    site: Some(site),
                    failure: None,
                }
            }
            Err(diags) => {
                let errors = diags.errors().count();
                let line = msg!("serve-build-failed", ms = ms, errors = errors);
                println!("[{stamp}] {what}{}", render(self.lang, &line));
                self.print(&diags);
                self.failed = true;
                Snapshot {
                    build,
                    site: self.last_site.clone(),
                    failure: Some(Arc::new(routes::error_page(&diags, &self.root, self.lang))),
                }
            }
        }
    }

    fn print(&self, diags: &Diagnostics) {
        print_diagnostics(diags, &self.root, self.lang, self.colour);
    }
}

fn print_diagnostics(diags: &Diagnostics, root: &Path, lang: Lang, colour: bool) {
    if !diags.is_empty() {
        let text = report::human(diags, root, lang, colour);
        eprint!("{text}");
    }
    let _ = std::io::stdout().flush();
}

/// A site to render whole in the background.
pub(super) struct RenderJob {
    pub(super) site: Arc<LiveSite>,
    pub(super) build: String,
}

/// Renders each new site whole, after its reload went out: what only rendering finds (a
/// template that fails on some page, two files at one path) replaces the site with the error
/// page, and the terminal learns which files the edit changed. Only the latest site waiting
/// is rendered: a burst of saves costs one render.
pub(super) fn render_loop(
    queue: &Receiver<RenderJob>,
    shared: &Shared,
    root: &Path,
    lang: Lang,
    colour: bool,
) {
    let mut previous: Option<Arc<BTreeMap<String, Body>>> = None;
    // Its own threads, so that a page the browser asks for meanwhile (rendered on the global
    // pool) does not wait behind the whole site.
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("render-{i}"))
        .build()
        .ok();
    while let Ok(mut job) = queue.recv() {
        while let Ok(newer) = queue.try_recv() {
            job = newer;
        }
        let started = Instant::now();
        let site = Arc::clone(&job.site);
        let render_all = move || site.render_all();
        // A bug that panics while rendering must cost this render, not the thread: later
        // rebuilds are still checked.
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| match &pool {
            Some(pool) => pool.install(render_all),
            None => render_all(),
        }));
        let Ok(result) = result else {
            eprintln!("{}", render(lang, &msg!("serve-render-panicked")));
            continue;
        };
        let ms = (started.elapsed().as_secs_f64() * 1000.0).round() as u64;
        let stamp = chrono::Local::now().format("%H:%M:%S");
        match result {
            Ok(files) => {
                let summary = match &previous {
                    None => render(
                        lang,
                        &msg!(
                            "serve-render-summary",
                            pages = files.keys().filter(|k| k.ends_with(".html")).count(),
                            feeds = files.keys().filter(|k| k.ends_with(".ics")).count()
                        ),
                    ),
                    Some(old) => output_changes(old, &files, lang),
                };
                let line = msg!("serve-rendered", ms = ms, summary = summary);
                println!("[{stamp}] {}", render(lang, &line));
                let _ = std::io::stdout().flush();
                previous = Some(files);
            }
            Err(problems) => {
                let errors = problems.errors().count();
                let line = msg!("serve-render-failed", ms = ms, errors = errors);
                println!("[{stamp}] {}", render(lang, &line));
                print_diagnostics(&problems, root, lang, colour);
                // A newer site already published has its own render to tell.
                let mut diags = job.site.warnings().clone();
                diags.extend(problems);
                let failure = Snapshot {
                    build: format!("{}-failed", job.build),
                    site: Some(Arc::clone(&job.site)),
                    failure: Some(Arc::new(routes::error_page(&diags, root, lang))),
                };
                shared.publish_if(|now| now.build == job.build, failure);
            }
        }
    }
}

/// `content/events/a.md changed → ` for the terminal, empty for the first build.
fn describe_changes(changed: &[PathBuf], lang: Lang) -> String {
    let shown: Vec<String> = changed
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    match changed.len() {
        0 => String::new(),
        // The catalogues cannot end a message with a space: it is added here.
        1..=3 => {
            render(
                lang,
                &msg!(
                    "serve-changed",
                    files = shown.join(", "),
                    count = shown.len()
                ),
            ) + " "
        }
        n => {
            let m = msg!("serve-changed-more", files = shown.join(", "), more = n - 3);
            render(lang, &m) + " "
        }
    }
}

/// Which output files a rebuild changed, added or removed, in one line.
fn output_changes(
    old: &BTreeMap<String, Body>,
    new: &BTreeMap<String, Body>,
    lang: Lang,
) -> String {
    let mut updated = Vec::new();
    let mut added = Vec::new();
    for (k, v) in new {
        match old.get(k) {
            None => added.push(k.as_str()),
            Some(o) if o != v => updated.push(k.as_str()),
            Some(_) => {}
        }
    }
    let removed: Vec<&str> = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .map(String::as_str)
        .collect();
    if updated.is_empty() && added.is_empty() && removed.is_empty() {
        return render(lang, &msg!("serve-no-change"));
    }
    let list = |v: &[&str]| {
        let s = v.iter().take(4).copied().collect::<Vec<_>>().join(", ");
        match v.len() {
            0..=4 => s,
            n => render(lang, &msg!("serve-list-more", files = s, more = n - 4)),
        }
    };
    let mut parts = Vec::new();
    if !updated.is_empty() {
        let m = msg!(
            "serve-updated",
            count = updated.len(),
            files = list(&updated)
        );
        parts.push(render(lang, &m));
    }
    if !added.is_empty() {
        let m = msg!("serve-added", count = added.len(), files = list(&added));
        parts.push(render(lang, &m));
    }
    if !removed.is_empty() {
        let m = msg!(
            "serve-removed",
            count = removed.len(),
            files = list(&removed)
        );
        parts.push(render(lang, &m));
    }
    // French sets a space before the semicolon.
    parts.join(if lang == Lang::Fr { " ; " } else { "; " })
}
/// Nanoseconds since 1970: the run's part of the build ids, different at each start.
fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_changes_name_the_files() {
        let mut old = BTreeMap::new();
        old.insert("a.html".to_string(), Body::Bytes(b"1".to_vec()));
        old.insert("b.ics".to_string(), Body::Bytes(b"1".to_vec()));
        let mut new = old.clone();
        assert_eq!(output_changes(&old, &new, Lang::En), "no page changed");
        new.insert("a.html".into(), Body::Bytes(b"2".to_vec()));
        new.insert("c.html".into(), Body::Bytes(b"2".to_vec()));
        new.remove("b.ics");
        assert_eq!(
            output_changes(&old, &new, Lang::En),
            "1 updated (a.html); 1 added (c.html); 1 removed (b.ics)"
        );
        assert_eq!(
            output_changes(&old, &new, Lang::Fr),
            "1 fichier mis à jour (a.html) ; 1 fichier ajouté (c.html) ; 1 fichier supprimé (b.ics)"
        );
    }

    #[test]
    fn changes_are_described_briefly() {
        assert_eq!(describe_changes(&[], Lang::En), "");
        let many: Vec<PathBuf> = (0..5)
            .map(|i| PathBuf::from(format!("content/{i}.md")))
            .collect();
        assert_eq!(
            describe_changes(&many, Lang::En),
            "content/0.md, content/1.md, content/2.md and 2 more changed → "
        );
        assert_eq!(
            describe_changes(&many, Lang::Fr),
            "content/0.md, content/1.md, content/2.md et 2 autres fichiers modifiés → "
        );
    }
}
