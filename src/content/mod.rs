//! Reading `content/`: walk the folder, parse every file into the raw structs of `raw`, and
//! validate them into the typed `crate::model::Content`, collecting every problem on the way.
//!
//! One module per kind of content (`config`, `texts`, `kit`, `networks`, `sheets`, `pages`,
//! `ambassadors`, `events`), on top of `files` (reading one file, locating its problems) and `values` (the
//! parsing of dates, addresses and names shared by every kind and by `ambassade new`).

mod ambassadors;
mod config;
mod events;
mod files;
pub mod fix;
mod history;
mod kit;
mod networks;
mod pages;
pub mod private;
pub(crate) mod raw;
mod sheets;
pub mod source;
mod texts;
mod translations;
pub(crate) mod values;
pub mod yaml;
mod yaml_errors;
pub mod yaml_limits;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;

use crate::diagnostic::{rel, Diagnostic, Diagnostics};
use crate::model::{Content, Sheets};
use crate::msg;
use events::EventCache;
use files::{read_yaml, FileCx};
use pages::Unpublished;
use raw::{
    AxesFile, BaselineFile, CharterFile, KitFile, LexiconFile, NetworksFile, SheetFile, SiteFile,
};

pub use events::recurrence::RECURRENCE_HORIZON_DAYS;
pub(crate) use files::editor_leftover;
pub use values::YEARS;

/// What the loader needs to know besides the files.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Include files marked `draft: true`.
    pub drafts: bool,
    /// Overrides `base_url` of `site.yaml`.
    pub base_url: Option<String>,
    /// The reference date ("today"): what is upcoming or past, how far recurrences go.
    pub today: Reference,
}

/// Where "today" comes from. Never the clock inside the library: the caller decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// A calendar date (`--today`).
    Date(NaiveDate),
    /// A Unix time (`SOURCE_DATE_EPOCH` or the clock), read as a date in the site's zone.
    Epoch(i64),
}

impl Reference {
    pub fn date_in(self, tz: chrono_tz::Tz) -> NaiveDate {
        match self {
            Reference::Date(d) => d,
            Reference::Epoch(secs) => chrono::DateTime::from_timestamp(secs, 0)
                .map(|t| t.with_timezone(&tz).date_naive())
                .unwrap_or_default(),
        }
    }
}

/// Loads and validates the content of the site folder `root`. Returns the content when there
/// are no errors, and every diagnostic (errors and warnings) in both cases.
pub fn load(root: &Path, opts: &LoadOptions) -> (Option<Content>, Diagnostics) {
    load_cached(root, opts, None)
}

/// What the preview server keeps from one load to the next: each event file's size,
/// modification time, text and what was made of it. An event file whose size and time are
/// unchanged, and that the watcher did not report (`forget`), is not read again; one whose text
/// is unchanged is not parsed again. The other files of `content/` are small and read every
/// time.
#[derive(Default)]
pub struct LoadCache {
    events: Mutex<EventCache>,
}

impl LoadCache {
    /// Files (or folders: everything under them) reported as changed: their size and time no
    /// longer vouch for them (a file rewritten with the same size within the file system's
    /// time resolution keeps both), so their text is read and compared again.
    pub fn forget(&self, changed: &[PathBuf]) {
        let mut c = self.events.lock().unwrap_or_else(|e| e.into_inner());
        c.forget(changed);
    }
}

/// `load`, reusing (and updating) `cache` when given.
pub fn load_cached(
    root: &Path,
    opts: &LoadOptions,
    cache: Option<&LoadCache>,
) -> (Option<Content>, Diagnostics) {
    load_with(root, opts, cache, None)
}

/// What a build adds to its store of checked event files (`events::store`), to write once it
/// has succeeded.
pub use events::store::Pending as StoreUpdate;

/// `load`, with the store of checked event files at `store` (see `events::store`): a build
/// over a previous output keeps one beside it, and parses again only the event files whose
/// bytes changed. The update of the store is returned, for the caller to write once the
/// build has succeeded.
pub fn load_stored(
    root: &Path,
    opts: &LoadOptions,
    store: &Path,
) -> (Option<Content>, Diagnostics, Option<StoreUpdate>) {
    let mut update = None;
    let (content, diags) = load_with(root, opts, None, Some((store, &mut update)));
    (content, diags, update)
}

fn load_with(
    root: &Path,
    opts: &LoadOptions,
    cache: Option<&LoadCache>,
    store: Option<(&Path, &mut Option<StoreUpdate>)>,
) -> (Option<Content>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let content_dir = root.join("content");
    // Content arrives through commits: a `content` that is a link could make the build read
    // (and publish) a folder outside the site.
    if content_dir
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        diags.push(
            Diagnostic::error(rel(root, &content_dir), msg!("content-symlink"))
                .hint(msg!("content-symlink-content-hint")),
        );
        return (None, diags);
    }
    // Dates stay within `YEARS`: the agenda draws a month grid for every month between the
    // first occurrence and today, and date arithmetic must never overflow.
    let probe = opts.today.date_in(chrono_tz::UTC);
    if !YEARS.contains(&chrono::Datelike::year(&probe)) {
        diags.push(
            Diagnostic::error(
                "--today",
                msg!("content-today-out-of-range", date = probe.to_string()),
            )
            .hint(msg!(
                "content-today-out-of-range-hint",
                first = *YEARS.start(),
                last = *YEARS.end()
            )),
        );
        return (None, diags);
    }
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error(rel(root, &content_dir), msg!("content-folder-missing"))
                .hint(msg!("content-folder-missing-hint")),
        );
        return (None, diags);
    }
    let content = load_all(
        root,
        &content_dir,
        opts,
        cache.map(|c| &c.events),
        store,
        &mut diags,
    );
    if diags.has_errors() {
        (None, diags)
    } else {
        (content, diags)
    }
}

/// Whether `content/` holds a file named like a translation (`lexicon.nl.yaml`): on a site of
/// one language, such a file is reported rather than silently left out.
fn has_translation_files(content_dir: &Path) -> bool {
    let named = |dir: &Path, ext: &str| {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| translations::translation_name(n, ext).is_some())
            })
    };
    named(content_dir, "yaml")
        || named(&content_dir.join("pages"), "md")
        || walkdir::WalkDir::new(content_dir.join("events"))
            .into_iter()
            .flatten()
            .any(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| translations::translation_name(n, "md").is_some())
            })
}

/// Reads and checks every file of `content/`: site.yaml first (the other files depend on its
/// settings), then each kind, then what spans files (`join_page` against the pages).
fn load_all(
    root: &Path,
    content_dir: &Path,
    opts: &LoadOptions,
    cache: Option<&Mutex<EventCache>>,
    store: Option<(&Path, &mut Option<StoreUpdate>)>,
    diags: &mut Diagnostics,
) -> Option<Content> {
    let history = history::start(root, content_dir);
    // Where `join_page` is written, for the check against the pages further down.
    let mut join_at = None;
    let config = read_yaml::<SiteFile>(root, content_dir, "site.yaml", diags).and_then(
        |(raw, spans, file)| {
            join_at = Some((file.clone(), spans.value("join_page")));
            config::site(raw, spans, file, opts.base_url.as_deref(), diags)
        },
    );
    // Without a usable site.yaml the other files are still checked, with default settings,
    // so that one run reports everything.
    let raw_html = config.as_ref().is_some_and(|c| c.allow_raw_html);
    let site_tz = config
        .as_ref()
        .map(|c| c.timezone)
        .unwrap_or(chrono_tz::Europe::Brussels);
    let today = opts.today.date_in(site_tz);
    let base_url = config.as_ref().map(|c| c.base_url.clone());

    macro_rules! file {
        ($ty:ty, $name:literal, $f:expr) => {
            read_yaml::<$ty>(root, content_dir, $name, diags).and_then(|(raw, spans, file)| {
                let mut cx = FileCx {
                    file,
                    spans,
                    diags: &mut *diags,
                    raw_html,
                };
                $f(raw, &mut cx)
            })
        };
    }

    let baseline = file!(BaselineFile, "baseline.yaml", texts::baseline);
    let axes = file!(AxesFile, "axes.yaml", texts::axes);
    let charter = file!(CharterFile, "charter.yaml", texts::charter);
    let lexicon = file!(LexiconFile, "lexicon.yaml", texts::lexicon);
    let kit = read_yaml::<KitFile>(root, content_dir, "kit.yaml", diags).and_then(
        |(raw, spans, file)| {
            let mut cx = FileCx {
                file,
                spans,
                diags: &mut *diags,
                raw_html,
            };
            kit::kit(raw, &mut cx, content_dir, today)
        },
    );
    let networks = file!(NetworksFile, "networks.yaml", networks::networks);
    let mission = file!(SheetFile, "sheets/mission.yaml", sheets::mission_sheet);
    let identification = file!(
        SheetFile,
        "sheets/identification.yaml",
        sheets::identification_sheet
    );

    let (pages, unpublished) = pages::pages(root, content_dir, opts.drafts, raw_html, diags);
    let (ambassadors, profiles) =
        ambassadors::ambassadors(root, content_dir, raw_html, identification.as_ref(), diags);
    let mut events = events::events(
        root,
        content_dir,
        opts.drafts,
        raw_html,
        site_tz,
        base_url.as_ref(),
        today,
        mission.as_ref().and_then(|(_, options)| options.as_ref()),
        &profiles,
        cache,
        store,
        diags,
    );
    history::stamp_events(history, root, site_tz, today, &mut events);

    if let (Some(cfg), Some((file, pos))) = (&config, join_at) {
        if let Some(join) = &cfg.join_page {
            if !pages.iter().any(|p| &p.slug == join) {
                let page = join.to_string();
                let (message, hint) = match unpublished.get(join) {
                    Some(Unpublished::Draft(file)) => (
                        msg!("content-join-page-draft", page = &page),
                        msg!(
                            "content-join-page-draft-hint",
                            file = file.display().to_string()
                        ),
                    ),
                    Some(Unpublished::Broken(file)) => (
                        msg!("content-join-page-broken", page = &page),
                        msg!(
                            "content-join-page-broken-hint",
                            file = file.display().to_string()
                        ),
                    ),
                    None => (
                        msg!("content-join-page-missing", page = &page),
                        msg!("content-join-page-missing-hint", page = &page),
                    ),
                };
                diags.push(
                    Diagnostic::error(file, message)
                        .at(pos)
                        .field("join_page")
                        .hint(hint),
                );
            }
        }
    }

    let translations = match &config {
        Some(cfg) if cfg.languages.len() > 1 || has_translation_files(content_dir) => {
            let orig = translations::Originals {
                config: cfg,
                lexicon: lexicon.as_ref(),
                pages: &pages,
                events: events.iter().map(|e| (&e.slug, e)).collect(),
                raw_html,
            };
            translations::translations(root, content_dir, &orig, diags)
        }
        _ => Vec::new(),
    };

    Some(Content {
        translations,
        config: config?,
        baseline: baseline?,
        axes: axes?,
        charter: charter?,
        lexicon: lexicon?,
        kit: kit?,
        networks: networks?,
        pages,
        ambassadors,
        events,
        sheets: Sheets {
            mission: mission?.0,
            identification: identification?,
        },
    })
}
