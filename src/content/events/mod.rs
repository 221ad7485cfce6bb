//! `events/*.md`: the agenda. Every event file is checked on its own, in parallel (`event`,
//! with its recurrence in `recurrence`), and kept in `EventCache` between loads of the preview
//! server; what spans files (slugs, UIDs) is checked afterwards, in file order.

mod clock;
mod event;
mod open;
mod people;
pub(super) mod recurrence;
mod repeat;
mod report;
mod rule;
pub mod store;
mod translation;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::ambassadors::ProfileNames;
use super::files::{file_slug, markdown_files, FileCx, MdFile};
use super::raw::EventFront;
use super::sheets::MissionOptions;
use super::source::{read_bytes, read_text, text_of};
use crate::diagnostic::{rel, Diagnostic, Diagnostics, Pos};
use crate::model::{Event, Slug};
use crate::msg;
use event::event;
pub(super) use translation::translation;

/// Event files already checked, by path: the text read and what was made of it, valid while
/// the settings they were checked with stay the same.
#[derive(Default)]
pub struct EventCache {
    settings: Option<EventSettings>,
    files: HashMap<PathBuf, Cached>,
}

impl EventCache {
    pub fn forget(&mut self, changed: &[PathBuf]) {
        for (path, entry) in self.files.iter_mut() {
            if changed.iter().any(|c| path.starts_with(c)) {
                entry.stamp = None;
            }
        }
    }
}

/// One event file as last read: its size and modification time (the file's, not the clock:
/// nanoseconds since 1970), its text, its result.
struct Cached {
    stamp: Option<(u64, u128)>,
    text: Arc<str>,
    file: Arc<EventFile>,
}

/// The site settings an event file's checks depend on.
#[derive(Debug, Clone, PartialEq)]
struct EventSettings {
    raw_html: bool,
    site_tz: Tz,
    /// For the default uid's host, and relative links in descriptions.
    base_url: Option<url::Url>,
    today: NaiveDate,
    /// The mission sheet's options, which the `mission:` values must match (`None` when the
    /// sheet has errors of its own).
    mission: Option<MissionOptions>,
    /// The ambassadors' public profiles, by id: who the representatives' ids may name
    /// publicly. Rarely changed: every event is checked again when they are.
    profiles: ProfileNames,
}

/// One event file read, parsed and checked on its own (in parallel with the others), with
/// the problems found, in the order they were found.
#[derive(Clone)]
struct EventFile {
    shown: PathBuf,
    slug: Option<Slug>,
    /// Where `uid` is written, for a duplicate found later across files (the file's other
    /// positions are dropped: kept for 100,000 files they would weigh more than the events).
    uid_at: Option<Pos>,
    /// `None` when the front matter could not be read.
    parsed: Option<(Option<Arc<Event>>, bool)>,
    diags: Diagnostics,
}

// The settings an event falls back on (zone, base address, today) come from site.yaml one by one.
#[allow(clippy::too_many_arguments)]
/// The published events of `content_dir/events/` (drafts too when `drafts` is set).
pub(super) fn events(
    root: &Path,
    content_dir: &Path,
    drafts: bool,
    raw_html: bool,
    site_tz: Tz,
    base_url: Option<&url::Url>,
    today: NaiveDate,
    mission: Option<&MissionOptions>,
    profiles: &ProfileNames,
    cache: Option<&Mutex<EventCache>>,
    store: Option<(&Path, &mut Option<store::Pending>)>,
    diags: &mut Diagnostics,
) -> Vec<Arc<Event>> {
    use rayon::prelude::*;
    let settings = EventSettings {
        raw_html,
        site_tz,
        base_url: base_url.cloned(),
        today,
        mission: mission.cloned(),
        profiles: profiles.clone(),
    };
    if let Some(cache) = cache {
        let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
        if c.settings.as_ref() != Some(&settings) {
            *c = EventCache {
                settings: Some(settings.clone()),
                files: HashMap::new(),
            };
        }
    }
    let dir = content_dir.join("events");
    if let (Some((store, pending)), None) = (store, cache) {
        return stored_events(root, &dir, store, pending, &settings, drafts, diags);
    }
    let paths = markdown_files(root, &dir, diags);
    let files: Vec<EventFile> = paths
        .par_iter()
        .map(|path| {
            // Unchanged size and modification time (to the nanosecond where the file system
            // keeps them): the file was not saved since, and is not even read again.
            let stamp = cache.and_then(|_| {
                let m = std::fs::metadata(path).ok()?;
                let modified = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH);
                Some((m.len(), modified.ok()?.as_nanos()))
            });
            let cached = |same: &dyn Fn(&Cached) -> bool| {
                let c = cache?.lock().unwrap_or_else(|e| e.into_inner());
                // The lock is held for a lookup only: the copy is made outside it.
                c.files
                    .get(path)
                    .filter(|x| same(x))
                    .map(|x| Arc::clone(&x.file))
            };
            if let Some(file) = stamp.and_then(|st| cached(&|x| x.stamp == Some(st))) {
                return (*file).clone();
            }
            let mut local = Diagnostics::new();
            let shown = rel(root, path);
            let slug = file_slug(root, path, &mut local);
            let text = match read_text(path, &shown) {
                Ok(text) => text,
                Err(d) => {
                    local.push(d);
                    String::new()
                }
            };
            let Some(cache) = cache else {
                return check_event_file(shown, slug, local, text, &settings);
            };
            if !local.is_empty() {
                // Not read, or a name that cannot be a slug: nothing worth keeping (a file made
                // readable again keeps its size and time).
                return check_event_file(shown, slug, local, text, &settings);
            }
            let file = match cached(&|x| *x.text == *text) {
                Some(file) => file,
                None => Arc::new(check_event_file(
                    shown,
                    slug,
                    local,
                    text.clone(),
                    &settings,
                )),
            };
            let entry = Cached {
                stamp,
                text: Arc::from(text),
                file: Arc::clone(&file),
            };
            cache
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .files
                .insert(path.clone(), entry);
            (*file).clone()
        })
        .collect();
    if let Some(cache) = cache {
        // Files deleted since: forget them.
        let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
        let present: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        c.files.retain(|p, _| present.contains(p));
    }
    cross_check_events(files, drafts, diags)
}

/// `events` with the store of checked files a build keeps beside its output (`store`): a
/// file whose bytes are the ones the store has is not parsed again. What to write to the
/// store goes to `pending`, for once the build has succeeded.
fn stored_events(
    root: &Path,
    dir: &Path,
    store: &Path,
    pending: &mut Option<store::Pending>,
    settings: &EventSettings,
    drafts: bool,
    diags: &mut Diagnostics,
) -> Vec<Arc<Event>> {
    use rayon::prelude::*;
    // The store is read while the files are listed and read: both take a while, and neither
    // needs the other.
    let settings_text = format!("{settings:?}");
    let mut listed = Diagnostics::new();
    let (stored, read) = rayon::join(
        || store::Store::open(store, &settings_text),
        || {
            markdown_files(root, dir, &mut listed)
                .into_par_iter()
                .map(|path| {
                    let mut local = Diagnostics::new();
                    let shown = rel(root, &path);
                    let slug = file_slug(root, &path, &mut local);
                    // Known by its bytes: the checks of its text (`text_of`) gave nothing the
                    // last time, and would give nothing again. Only the key is kept (10,000
                    // files' bytes would weigh 15 MB more at the peak): the few files the
                    // store does not have are read again.
                    let key = match read_bytes(&path, &shown) {
                        Ok(b) if local.is_empty() => Some(store::bytes_key(&b)),
                        _ => None,
                    };
                    (path, shown, slug, local, key)
                })
                .collect::<Vec<_>>()
        },
    );
    diags.extend(listed);
    // Each file, with its bytes' key when it was checked now.
    let files: Vec<(EventFile, Option<crate::output::Key>)> = read
        .into_par_iter()
        .map(|(path, shown, slug, mut local, key)| {
            if let Some(file) = key.and_then(|k| stored.get(&shown, k)) {
                return (file, None);
            }
            let bytes = read_bytes(&path, &shown);
            // The key of the bytes checked now (the file may have been saved since).
            let key = match &bytes {
                Ok(b) if local.is_empty() && key.is_some() => Some(store::bytes_key(b)),
                _ => None,
            };
            let text = bytes.and_then(|b| text_of(b, &shown)).unwrap_or_else(|d| {
                local.push(d);
                String::new()
            });
            let key = key.filter(|_| local.is_empty());
            (check_event_file(shown, slug, local, text, settings), key)
        })
        .collect();
    // The store lets go of its events here: they are changed in place later (`history`).
    *pending = Some(stored.pending(&files));
    cross_check_events(files.into_iter().map(|(f, _)| f).collect(), drafts, diags)
}

/// Reads one event file's front matter and checks it on its own. `local` holds the problems
/// already found with its name or reading it: then the file is not parsed.
fn check_event_file(
    shown: PathBuf,
    slug: Option<Slug>,
    local: Diagnostics,
    text: String,
    settings: &EventSettings,
) -> EventFile {
    let mut file = EventFile {
        shown,
        slug,
        uid_at: None,
        parsed: None,
        diags: local,
    };
    let Some(slug) = file.slug.clone().filter(|_| file.diags.is_empty()) else {
        return file;
    };
    // What the event is made from, besides what every file of the build shares.
    let made_from = crate::output::Fingerprint::default()
        .add(file.shown.as_os_str().as_encoded_bytes())
        .add(text.as_bytes())
        .key();
    let f = MdFile {
        shown: file.shown.clone(),
        slug,
        text,
    };
    match f.front::<EventFront>() {
        Ok((parsed, body)) => {
            let mut cx = FileCx {
                file: f.shown.clone(),
                spans: parsed.spans,
                diags: &mut file.diags,
                raw_html: settings.raw_html,
            };
            let draft = parsed.value.draft;
            let uid_written = parsed.value.uid.is_some();
            let ev = event(
                parsed.value,
                f.slug.clone(),
                body,
                &mut cx,
                settings.site_tz,
                settings.base_url.as_ref(),
                settings.today,
                settings.mission.as_ref(),
                &settings.profiles,
            )
            .map(|ev| Event {
                made_from: Some(made_from),
                ..ev
            });
            // Asked only when written: asking builds the file's span index.
            file.uid_at = if uid_written { cx.pos("uid") } else { None };
            file.parsed = Some((ev.map(Arc::new), draft));
        }
        Err(d) => file.diags.push(d),
    }
    file
}

/// Checks across event files, in file order (the same problems whatever the threads did):
/// reserved and duplicate slugs, duplicate UIDs, drafts left out.
fn cross_check_events(
    files: Vec<EventFile>,
    drafts: bool,
    diags: &mut Diagnostics,
) -> Vec<Arc<Event>> {
    let mut slugs: HashMap<Slug, PathBuf> = HashMap::new();
    let mut uids: BTreeMap<String, PathBuf> = BTreeMap::new();
    let keep = |f: EventFile| -> Option<Arc<Event>> {
        let (Some(slug), Some((ev, draft))) = (f.slug, f.parsed) else {
            diags.extend(f.diags);
            return None;
        };
        // A name the agenda uses itself (`page`, `mois`…) is found by the route table.
        if let Some(first) = slugs.insert(slug.clone(), f.shown.clone()) {
            diags.push(
                Diagnostic::error(
                    &f.shown,
                    msg!(
                        "events-duplicate-slug",
                        slug = slug.as_str(),
                        other = first.display().to_string()
                    ),
                )
                .hint(msg!("events-duplicate-slug-hint")),
            );
            return None;
        }
        diags.extend(f.diags);
        let ev = ev?;
        if draft && !drafts {
            return None;
        }
        if let Some(first) = uids.insert(ev.uid.clone(), f.shown.clone()) {
            diags.push(
                Diagnostic::error(
                    &f.shown,
                    msg!(
                        "events-duplicate-uid",
                        uid = &ev.uid,
                        other = first.display().to_string()
                    ),
                )
                .at(f.uid_at)
                .field("uid")
                .hint(msg!("events-duplicate-uid-hint")),
            );
            return None;
        }
        Some(ev)
    };
    files.into_iter().filter_map(keep).collect()
}
