//! Reading `content/`: walk the folder, parse every file into the raw structs of `raw`, and
//! validate them into the typed `crate::model::Content`, collecting every problem on the way.

pub(crate) mod raw;
pub mod source;
mod validate;
pub mod yaml;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use walkdir::WalkDir;

use crate::diagnostic::{rel, Diagnostic, Diagnostics};
use crate::model::Content;

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

/// The years a date of the content (and the reference date) may fall in: wider than any
/// event of the programme, narrow enough that a typo (`9027-03-14`) cannot make the agenda
/// draw thousands of month pages.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2199;

/// How far ahead of "today" (or of its start, when later) occurrences of a recurring event are
/// listed: a rule without COUNT or UNTIL never ends, its listing does.
pub const RECURRENCE_HORIZON_DAYS: i64 = 730;

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
    events: std::sync::Mutex<validate::EventCache>,
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
    let mut diags = Diagnostics::new();
    let content_dir = root.join("content");
    // Content arrives through commits: a `content` that is a link could make the build read
    // (and publish) a folder outside the site.
    if content_dir
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        diags.push(
            Diagnostic::error(rel(root, &content_dir), "symbolic links are not followed")
                .hint("make content/ a real folder inside the site folder"),
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
                format!("the reference date {probe} is out of range"),
            )
            .hint(format!(
                "give a date between the years {} and {} with --today or SOURCE_DATE_EPOCH",
                YEARS.start(),
                YEARS.end()
            )),
        );
        return (None, diags);
    }
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error(rel(root, &content_dir), "the content folder does not exist")
                .hint("run the command in a site folder, or pass --root DIR"),
        );
        return (None, diags);
    }
    let content = validate::load_all(
        root,
        &content_dir,
        opts,
        cache.map(|c| &c.events),
        &mut diags,
    );
    if diags.has_errors() {
        (None, diags)
    } else {
        (content, diags)
    }
}

/// The Markdown files under `dir`, sorted by path so that every build sees the same order.
/// Symbolic links are reported, not followed: a link could point outside the site folder.
fn markdown_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    // WalkDir always follows its starting point: a linked `events/` is refused here.
    if dir
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        diags.push(
            Diagnostic::error(rel(root, dir), "symbolic links are not followed")
                .hint("copy the folder into the content folder instead of linking to it"),
        );
        return out;
    }
    if !dir.is_dir() {
        return out;
    }
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e
                    .path()
                    .map(|p| rel(root, p))
                    .unwrap_or_else(|| rel(root, dir));
                diags.push(Diagnostic::error(p, format!("cannot read: {e}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        if entry.path_is_symlink() {
            let what = if entry.path().is_dir() {
                "folder"
            } else {
                "file"
            };
            diags.push(
                Diagnostic::error(rel(root, entry.path()), "symbolic links are not followed").hint(
                    format!("copy the {what} into the content folder instead of linking to it"),
                ),
            );
            continue;
        }
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            out.push(entry.into_path());
        }
    }
    out
}
