//! ambassade builds the public website of a cooperative's ambassadors programme from a folder
//! of YAML and Markdown.
//!
//! The data flows one way: `content` reads and validates `content/` into the typed `model`
//! (collecting every problem as a `diagnostic`), `site` derives the shared views (agenda,
//! occurrences, facets), `routes` gives every output file its route, `render` makes each
//! route's file (HTML, ICS, sheets) and hands it to `output`: its staging folder, which is
//! swapped into place atomically once every file is written (`build`), memory (`serve`,
//! tests) or nowhere (`check`). ARCHITECTURE.md has the map.

// A `Diagnostic` (file, position, message, hint) travels only on the error path, where its size
// costs nothing; boxing it everywhere would only add noise.
#![allow(clippy::result_large_err)]

pub mod content;
pub mod diagnostic;
pub mod escape;
pub mod i18n;
pub mod markdown;
pub mod matching;
pub mod model;
pub mod output;
pub mod progress;
pub mod render;
pub mod report;
pub mod routes;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod site;
pub mod zones;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use content::{LoadOptions, Reference};
use diagnostic::Diagnostics;
use output::{Output, Sink};
use render::RenderCx;
use routes::RouteTable;
use site::Site;

/// Everything a build or a check needs to know.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// Where to write; default `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub today: Reference,
}

impl Options {
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// The result of a successful generation: the files and any warnings.
pub struct Generated {
    pub site: Arc<Site>,
    pub output: Output,
    pub warnings: Diagnostics,
}

/// A site loaded and checked, with its theme and its route table: ready to render, whole or
/// file by file. `site`, `theme` and `routes` are the default language's; `others` the
/// site's other languages (`languages:` in site.yaml), each rendered under `/<code>/`.
pub struct Prepared {
    pub site: Arc<Site>,
    pub theme: Arc<render::theme::Theme>,
    pub routes: Arc<RouteTable>,
    pub others: Vec<Edition>,
    pub warnings: Diagnostics,
}

/// The site in one of its other languages.
pub struct Edition {
    pub site: Arc<Site>,
    pub theme: Arc<render::theme::Theme>,
    pub routes: Arc<RouteTable>,
}

impl Prepared {
    /// What every page of a site in several languages depends on besides its own inputs: the
    /// addresses of every language (a page's alternates, and where the links its text writes
    /// lead). Empty for a site of one language.
    fn languages_key(&self) -> String {
        if self.others.is_empty() {
            return String::new();
        }
        let mut f = output::Fingerprint::default();
        for routes in std::iter::once(&self.routes).chain(self.others.iter().map(|e| &e.routes)) {
            for (file, _) in routes.iter() {
                f.add(file.as_bytes());
            }
        }
        format!("{:x}", f.key())
    }

    /// The render context of the default language (menu, glossary, caches): made once,
    /// shared by every file rendered from it.
    pub fn render_cx(&self) -> RenderCx {
        self.render_cxs().swap_remove(0)
    }

    /// The render context of every language, the default language's first.
    pub fn render_cxs(&self) -> Vec<RenderCx> {
        let editions: Vec<(&Arc<Site>, &Arc<render::theme::Theme>, &Arc<RouteTable>)> =
            std::iter::once((&self.site, &self.theme, &self.routes))
                .chain(self.others.iter().map(|e| (&e.site, &e.theme, &e.routes)))
                .collect();
        let languages: Arc<Vec<render::Language>> = Arc::new(
            editions
                .iter()
                .map(|(site, theme, routes)| render::Language::new(site, theme, routes))
                .collect(),
        );
        editions
            .into_iter()
            .map(|(site, theme, routes)| {
                RenderCx::new(Arc::clone(site), Arc::clone(theme), Arc::clone(routes))
                    .with_languages(Arc::clone(&languages))
            })
            .collect()
    }
}

/// What the preview server keeps from one build to the next: the event files already parsed
/// and the theme already compiled.
#[derive(Default)]
pub struct Cache {
    pub content: content::LoadCache,
    pub theme: render::theme::ThemeCache,
}

/// Loads and validates the content and loads the theme; `cache` (the preview server's) spares
/// parsing the files that did not change. On failure, returns every problem.
pub fn prepare(opts: &Options, cache: Option<&Cache>) -> Result<Prepared, Diagnostics> {
    prepare_with(opts, cache, None)
}

/// `prepare`; with `store`, the event files are checked with the store of checked files at
/// that path (see `content::load_stored`), and `store.1` receives its update.
fn prepare_with(
    opts: &Options,
    cache: Option<&Cache>,
    store: Option<(&Path, &mut Option<content::StoreUpdate>)>,
) -> Result<Prepared, Diagnostics> {
    let load = LoadOptions {
        drafts: opts.drafts,
        base_url: opts.base_url.clone(),
        today: opts.today,
    };
    let mut timings = Timings::start();
    let (content, mut diags) = match store {
        Some((store, update)) => {
            let (content, diags, made) = content::load_stored(&opts.root, &load, store);
            *update = made;
            (content, diags)
        }
        None => content::load_cached(&opts.root, &load, cache.map(|c| &c.content)),
    };
    timings.stage("load");
    let Some(content) = content else {
        return Err(diags);
    };
    let (name, language) = (
        content.config.theme.clone(),
        content.config.language.clone(),
    );
    let today = opts.today.date_in(content.config.timezone);
    // The default theme compiles while the site models are made: both take a few tens of
    // milliseconds on one core. The other languages share its compiled templates (only their
    // words differ), so their themes load after it.
    let languages: Vec<String> = content.config.languages.iter().skip(1).cloned().collect();
    let (theme, (site, other_sites)) = rayon::join(
        || match cache {
            Some(c) => render::theme::load_cached(&opts.root, name.as_deref(), &language, &c.theme),
            None => render::theme::load(&opts.root, name.as_deref(), &language).map(Arc::new),
        },
        || {
            // Each other language its own site model, made from the default content and the
            // translations before the default site takes the content.
            let others: Vec<(String, Site)> = languages
                .iter()
                .map(|lang| (lang.clone(), Site::in_language(&content, lang, today)))
                .collect();
            let mut content = content;
            content.translations = Vec::new();
            (Site::new(content, today), others)
        },
    );
    let theme = match theme {
        Ok(t) => {
            diags.extend(t.warnings.clone());
            t
        }
        Err(d) => {
            diags.extend(d);
            return Err(diags);
        }
    };
    let mut others = Vec::new();
    for (lang, site) in other_sites {
        match render::theme::load(&opts.root, name.as_deref(), &lang) {
            Ok(theme) => others.push((site, Arc::new(theme))),
            Err(d) => diags.extend(d),
        }
    }
    let prepared = Prepared::with_languages(site, theme, others, diags);
    timings.stage("theme+site");
    prepared
}

impl Prepared {
    /// A site and its theme, with the route table made from both; `warnings` so far are kept.
    /// Fails with every route collision (and the warnings).
    pub fn new(
        site: impl Into<Arc<Site>>,
        theme: Arc<render::theme::Theme>,
        warnings: Diagnostics,
    ) -> Result<Prepared, Diagnostics> {
        Prepared::with_languages(site, theme, Vec::new(), warnings)
    }

    /// `new`, with the site and theme of each other language.
    pub fn with_languages(
        site: impl Into<Arc<Site>>,
        theme: Arc<render::theme::Theme>,
        others: Vec<(Site, Arc<render::theme::Theme>)>,
        mut warnings: Diagnostics,
    ) -> Result<Prepared, Diagnostics> {
        let site = site.into();
        let (routes, collisions) = routes_of(&site, &theme);
        warnings.extend(collisions);
        let others: Vec<Edition> = others
            .into_iter()
            .map(|(site, theme)| {
                let (routes, collisions) = routes_of(&site, &theme);
                warnings.extend(collisions);
                Edition {
                    site: Arc::new(site),
                    theme,
                    routes: Arc::new(routes),
                }
            })
            .collect();
        if warnings.has_errors() {
            return Err(warnings);
        }
        Ok(Prepared {
            site,
            theme,
            routes: Arc::new(routes),
            others,
            warnings,
        })
    }
}

/// The route table of a site, with the theme's words for the level facets and its static
/// files; the problems are route collisions.
fn routes_of(site: &Site, theme: &render::theme::Theme) -> (RouteTable, Diagnostics) {
    let facets = site::facets::facets(site, |level| theme.words.levels.get(level).to_string());
    let prefix = site.prefix();
    let c = &site.content.config;
    // The default language's table reserves the other languages' folders.
    let others = if prefix.is_empty() {
        c.languages.get(1..).unwrap_or_default()
    } else {
        &[]
    };
    RouteTable::new(
        site,
        facets,
        c.theme.as_deref().unwrap_or("default"),
        theme.statics.keys(),
        routes::Scope {
            prefix: &prefix,
            others,
        },
    )
}

/// Loads, validates and renders the site, sending every file to `sink`.
pub fn generate_into(opts: &Options, sink: Sink) -> Result<Generated, Diagnostics> {
    render_prepared(prepare(opts, None)?, sink)
}

/// Renders a prepared site into `sink`.
fn render_prepared(prepared: Prepared, sink: Sink) -> Result<Generated, Diagnostics> {
    let mut timings = Timings::start();
    let mut output = render::render_all(&prepared.render_cxs(), sink);
    let Prepared {
        site,
        warnings: mut diags,
        ..
    } = prepared;
    timings.stage("render");
    if output.problems.has_errors() {
        diags.extend(std::mem::take(&mut output.problems));
        return Err(diags);
    }
    Ok(Generated {
        site,
        output,
        warnings: diags,
    })
}

/// Builds the site into its output folder. The previous output is untouched on failure.
/// Refuses to replace a folder that is neither empty nor a previous output: see `build_with`.
pub fn build(opts: &Options) -> Result<Generated, Diagnostics> {
    build_with(opts, output::Replace::OnlyOurs)
}

/// `build`, saying which existing output folder may be replaced (`build --force`: any).
pub fn build_with(opts: &Options, replace: output::Replace) -> Result<Generated, Diagnostics> {
    let target = opts.output_dir();
    if let Err(d) = output::check_target(&opts.root, &target) {
        let mut ds = Diagnostics::new();
        ds.push(d);
        return Err(ds);
    }
    // The spare tree the last build left is claimed and listed while the content loads;
    // content with errors never gets as far as creating the staging folder (the spare is
    // put back).
    let recycling = output::Recycling::start(&target);
    // Only over a previous output: a build into an empty folder (a deployment from a fresh
    // clone) would never read the store it wrote.
    let store = target
        .join(output::MARKER)
        .is_file()
        .then(|| output::events_store(&target));
    let mut store_update = None;
    let prepared = prepare_with(opts, None, store.as_deref().map(|s| (s, &mut store_update)))?;
    // What every file depends on besides its own inputs (see `output::manifest`).
    let global = output::Fingerprint::global(
        &opts.root,
        &format!(
            "{} {:?} {} {}",
            prepared.site.today,
            opts.base_url,
            opts.drafts,
            prepared.languages_key()
        ),
    );
    let staging = match output::Staging::create_incremental(&target, replace, global, recycling) {
        Ok(s) => Arc::new(s),
        Err(d) => {
            let mut ds = prepared.warnings;
            ds.push(d);
            return Err(ds);
        }
    };
    // On any error the staging folder is dropped, and removed, with `staging`.
    let rendered = render_prepared(prepared, Sink::Dir(Arc::clone(&staging)));
    // A failed write (a full disk) stopped the writing: reported once, whatever else failed.
    if let Some(d) = staging.write_failure() {
        let mut ds = match rendered {
            Ok(g) => g.warnings,
            Err(ds) => ds,
        };
        ds.push(d);
        return Err(ds);
    }
    let generated = rendered?;
    let mut timings = Timings::start();
    let written = staging.commit();
    if let Err(d) = written {
        let mut ds = generated.warnings;
        ds.push(d);
        return Err(ds);
    }
    // Only now: a failed build changes nothing beside its output.
    if let Some(update) = store_update {
        update.write();
    }
    timings.stage("write");
    Ok(generated)
}

/// Validates and renders; writes and keeps nothing. Returns every problem found.
pub fn check(opts: &Options) -> Diagnostics {
    match generate_into(opts, Sink::Discard) {
        Ok(g) => g.warnings,
        Err(d) => d,
    }
}

/// This binary, as what a build keeps for the next one depends on it (a rebuilt binary may
/// check or render differently): its version, size and modification time.
pub fn binary_identity() -> String {
    let (len, modified) = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            (m.len(), modified)
        })
        .unwrap_or_default();
    format!("{} {len} {modified}", env!("CARGO_PKG_VERSION"))
}

/// Per-stage durations for benchmarks: with `AMBASSADE_TIMINGS=1` in the environment, `generate`
/// and `build` print one line per stage to stderr, `timing: <stage> <ms> ms peak-rss <KiB> KiB`
/// (the peak resident memory so far, Linux only). Stages: `load` (read, parse and validate
/// `content/`), `theme`, `site` (occurrences, upcoming/past), `render` (every page and feed, each
/// written to the staging folder as soon as it is made), `write` (swapping the staging folder
/// in). `benches/run.sh` reads these lines.
struct Timings {
    on: bool,
    last: Instant,
}

impl Timings {
    fn start() -> Timings {
        Timings {
            on: std::env::var_os("AMBASSADE_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0"),
            last: Instant::now(),
        }
    }

    fn stage(&mut self, name: &str) {
        if !self.on {
            return;
        }
        let ms = self.last.elapsed().as_secs_f64() * 1000.0;
        // VmHWM: the process's peak resident set size, in kB.
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            })
            .unwrap_or(0);
        eprintln!("timing: {name} {ms:.1} ms peak-rss {peak} KiB");
        self.last = Instant::now();
    }
}
