//! Watching the site's sources: `content/` and `themes/` of the site folder.
//!
//! Editors save in bursts (a temporary file, a rename, a metadata change), so changes are
//! gathered until the folder has been quiet for a short while, then reported once. Files that
//! the loader ignores (hidden files, editors' backup and swap files) do not cause a rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, MetadataKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::i18n::{render, Lang};
use crate::msg;

/// Quiet time after the last change before a rebuild starts.
pub const DEBOUNCE: Duration = Duration::from_millis(15);
/// A steady stream of changes (a folder being copied) still rebuilds this often.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// The folders of the site folder that hold sources.
const WATCHED: [&str; 2] = ["content", "themes"];

/// The changes gathered during one burst.
#[derive(Default)]
struct Batch {
    changed: BTreeSet<PathBuf>,
    created: BTreeSet<PathBuf>,
}

pub struct Watch {
    root: PathBuf,
    lang: Lang,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

fn cannot_watch(lang: Lang, path: &Path, e: &notify::Error) -> String {
    let m = msg!(
        "serve-cannot-watch",
        folder = path.display().to_string(),
        error = e.to_string()
    );
    render(lang, &m)
}

impl Watch {
    /// Starts watching `root` (the site folder, made absolute by the caller).
    pub fn new(root: &Path, lang: Lang) -> Result<Watch, String> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            // The receiver is gone only when the server stops.
            let _ = tx.send(e);
        })
        .map_err(|e| {
            render(
                lang,
                &msg!("serve-cannot-watch-site", error = e.to_string()),
            )
        })?;
        // The site folder itself, not recursively: to notice `themes/` (or `content/`) being
        // created, without watching `public/` or `target/`.
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| cannot_watch(lang, root, &e))?;
        let mut w = Watch {
            root: root.to_path_buf(),
            lang,
            watcher,
            events,
        };
        for name in WATCHED {
            w.watch_folder(name)?;
        }
        Ok(w)
    }

    fn watch_folder(&mut self, name: &str) -> Result<(), String> {
        let dir = self.root.join(name);
        if dir.is_dir() {
            self.watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| cannot_watch(self.lang, &dir, &e))?;
        }
        Ok(())
    }

    /// Waits for the next change and returns the changed paths, relative to the site folder
    /// and sorted. `None` when watching has stopped for good.
    pub fn next_change(&mut self) -> Option<Vec<PathBuf>> {
        let mut batch = Batch::default();
        loop {
            let first = self.events.recv().ok()?;
            self.take(first, &mut batch);
            if !batch.changed.is_empty() {
                break;
            }
        }
        let started = Instant::now();
        while started.elapsed() < MAX_WAIT {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(e) => self.take(e, &mut batch),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        // A file created and gone within the burst is an editor's or tool's temporary file
        // (`sed -i`, atomic saves): not worth naming. The rebuild happens all the same.
        let root = &self.root;
        let lasting: Vec<PathBuf> = batch
            .changed
            .iter()
            .filter(|p| !batch.created.contains(*p) || root.join(p).exists())
            .cloned()
            .collect();
        if lasting.is_empty() {
            return Some(batch.changed.into_iter().collect());
        }
        Some(lasting)
    }

    fn take(&mut self, event: notify::Result<Event>, batch: &mut Batch) {
        let changed = &mut batch.changed;
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                // A lost event (e.g. the kernel's queue overflowed): rebuild to be safe.
                let m = msg!("serve-watch-error", error = e.to_string());
                eprintln!("{}", render(self.lang, &m));
                changed.insert(PathBuf::from("content"));
                return;
            }
        };
        if !counts(&event.kind) {
            return;
        }
        for p in &event.paths {
            let Ok(rel) = p.strip_prefix(&self.root) else {
                continue;
            };
            let Some(top) = rel.components().next() else {
                continue;
            };
            let top = top.as_os_str().to_string_lossy().to_string();
            if !WATCHED.contains(&top.as_str()) {
                continue;
            }
            if rel.components().count() == 1 {
                // `content/` or `themes/` itself appeared (or came back): watch inside it.
                // Watching a folder twice is harmless; a failure is reported and retried on
                // the next change.
                if let Err(e) = self.watch_folder(&top) {
                    eprintln!("{e}");
                }
            }
            if !ignored(rel) {
                changed.insert(rel.to_path_buf());
                if matches!(event.kind, EventKind::Create(_)) {
                    batch.created.insert(rel.to_path_buf());
                }
            }
        }
    }
}

/// Event kinds that may change what a build reads. Reads (the build's own included) and
/// access-time updates do not.
fn counts(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(notify::event::AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Files the loader skips and editors leave behind while saving.
fn ignored(rel: &Path) -> bool {
    let Some(name) = rel.file_name().map(|n| n.to_string_lossy()) else {
        return false;
    };
    crate::content::editor_leftover(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_ignored() {
        for p in [
            "content/events/.salon.md.swp",
            "content/events/salon.md~",
            "content/events/4913",
            "content/lexicon.yaml.new-tmp",
        ] {
            assert!(ignored(Path::new(p)), "{p}");
        }
        assert!(!ignored(Path::new("content/events/salon.md")));
        assert!(!ignored(Path::new("themes/default/templates/base.html")));
    }

    #[test]
    fn reads_do_not_count() {
        assert!(!counts(&EventKind::Access(AccessKind::Read)));
        assert!(counts(&EventKind::Modify(ModifyKind::Any)));
        assert!(!counts(&EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::AccessTime
        ))));
    }

    #[test]
    fn a_saved_file_is_reported_once_after_the_burst() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("content/events")).unwrap();
        let mut w = Watch::new(&root, Lang::En).unwrap();
        let file = root.join("content/events/a.md");
        let writer = std::thread::spawn(move || {
            for i in 0..3 {
                std::fs::write(&file, format!("v{i}")).unwrap();
                std::thread::sleep(Duration::from_millis(5));
            }
            std::fs::write(root.join("public-not-watched"), "x").unwrap();
        });
        let changed = w.next_change().unwrap();
        writer.join().unwrap();
        assert_eq!(changed, vec![PathBuf::from("content/events/a.md")]);
    }
}
