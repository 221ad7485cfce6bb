//! The checked event files a build keeps beside its output (`.public.events`) for the next
//! one: a rebuild parses again only the event files whose text changed. Parsing the front
//! matter and Markdown of 10,000 event files was two fifths of a rebuild after one edit.
//!
//! One JSON line per event file checked without any problem: its path, a hash of its text,
//! and the event made of it. The first line names the binary and the settings the files were
//! checked with (`EventSettings`: today, the site's zone, the sheet's options…); the store of
//! another binary or other settings is ignored and written anew. Each rebuild appends the
//! lines of the files it checked (a path's last line is the one that counts), and writes the
//! store anew once most of its lines are stale. A line that cannot be read (a build killed
//! while appending) is skipped: its file is checked again. A file with a warning is not kept,
//! so its warning is reported by every build.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::EventFile;
use crate::diagnostic::{Diagnostics, Pos};
use crate::model::{Event, Slug};
use crate::output::Fingerprint;

/// The first word of a store: a store of another format is ignored.
const FORMAT: &str = "ambassade-events-1";

/// Lines read, parsed or written at once.
const BLOCK: usize = 512;

/// The store as read at the start of a build.
pub(super) struct Store {
    path: PathBuf,
    header: String,
    entries: HashMap<PathBuf, Entry<Arc<Event>>>,
    /// Lines after the header, read or not: when they are more than twice the live files,
    /// the store is written anew.
    lines: usize,
    /// Whether the file was a store of this binary and these settings.
    current: bool,
}

/// One line: an event file checked without problems.
#[derive(Deserialize)]
struct Entry<E> {
    file: PathBuf,
    /// `Fingerprint::of` the file's bytes, in hexadecimal.
    text: String,
    slug: Slug,
    uid_at: Option<Pos>,
    draft: bool,
    event: E,
}

/// An `Entry` as written: the same fields, borrowed.
#[derive(Serialize)]
struct Line<'a> {
    file: &'a Path,
    text: &'a str,
    slug: &'a Slug,
    uid_at: Option<Pos>,
    draft: bool,
    event: &'a Event,
}

/// The key of a file's bytes in the store.
pub(super) fn text_key(bytes: &[u8]) -> String {
    format!("{:032x}", Fingerprint::of(bytes))
}

impl Store {
    /// Reads the store at `path`, made for `settings` (their `Debug` text); a missing or
    /// foreign store is an empty one.
    pub(super) fn open(path: &Path, settings: &str) -> Store {
        use rayon::prelude::*;
        let header = format!(
            "{FORMAT} {} {:032x}",
            crate::binary_identity(),
            Fingerprint::of(settings.as_bytes())
        );
        let mut store = Store {
            path: path.to_path_buf(),
            header,
            entries: HashMap::new(),
            lines: 0,
            current: false,
        };
        let Ok(file) = fs::File::open(path) else {
            return store;
        };
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(file));
        if !matches!(lines.next(), Some(Ok(h)) if h == store.header) {
            return store;
        }
        store.current = true;
        // Read and parsed a block at a time: the whole store at once (33 MB for 10,000
        // events) would add its size to the build's peak memory.
        loop {
            let block: Vec<String> = lines.by_ref().take(BLOCK).map_while(Result::ok).collect();
            if block.is_empty() {
                break;
            }
            store.lines += block.len();
            let entries: Vec<Option<Entry<Event>>> = block
                .par_iter()
                .map(|l| serde_json::from_str(l).ok())
                .collect();
            for e in entries.into_iter().flatten() {
                let Entry {
                    file,
                    text,
                    slug,
                    uid_at,
                    draft,
                    event,
                } = e;
                let entry = Entry {
                    file: file.clone(),
                    text,
                    slug,
                    uid_at,
                    draft,
                    event: Arc::new(event),
                };
                store.entries.insert(file, entry);
            }
        }
        store
    }

    /// What the file `shown` was made into, when its bytes (`key`, from `text_key`) are the
    /// ones it was checked with.
    pub(super) fn get(&self, shown: &Path, key: &str) -> Option<EventFile> {
        let e = self.entries.get(shown).filter(|e| e.text == key)?;
        Some(EventFile {
            shown: e.file.clone(),
            slug: Some(e.slug.clone()),
            uid_at: e.uid_at,
            parsed: Some((Some(Arc::clone(&e.event)), e.draft)),
            diags: Diagnostics::new(),
        })
    }

    /// What to keep of this build's files, checked without problems: `files` are every event
    /// file, each with its bytes' key when it was checked now (not taken from the store). The
    /// new lines, to append; or, when the store was foreign or mostly stale, the whole store
    /// written anew beside it, to put in its place. Either once the build has succeeded
    /// (`Pending::write`).
    pub(super) fn pending(self, files: &[(EventFile, Option<String>)]) -> Pending {
        use rayon::prelude::*;
        let line = |f: &EventFile, key: &str| -> Option<String> {
            let (Some(slug), Some((Some(event), draft)), true) =
                (&f.slug, &f.parsed, f.diags.is_empty())
            else {
                return None;
            };
            let line = Line {
                file: &f.shown,
                text: key,
                slug,
                uid_at: f.uid_at,
                draft: *draft,
                event,
            };
            serde_json::to_string(&line).ok().map(|mut l| {
                l.push('\n');
                l
            })
        };
        let checked = files.iter().filter(|(_, key)| key.is_some()).count();
        if self.current && self.lines + checked <= 2 * files.len() + 64 {
            let lines = files
                .par_iter()
                .filter_map(|(f, key)| line(f, key.as_deref()?))
                .collect();
            return Pending {
                path: self.path,
                anew: None,
                lines,
            };
        }
        // Beside the store, under a name no build takes for a folder of its own (`.public.tmp-*`
        // are staging folders). Two builds writing it at once can leave a store cut short:
        // its lines all still carry the bytes they were made from.
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(".new");
        let tmp = PathBuf::from(tmp);
        let written = fs::File::create(&tmp).and_then(|mut out| {
            let mut w = std::io::BufWriter::new(&mut out);
            writeln!(w, "{}", self.header)?;
            // A block at a time, for the same reason as when reading.
            for block in files.chunks(BLOCK) {
                let lines: Vec<String> = block
                    .par_iter()
                    .filter_map(|(f, key)| match key {
                        Some(k) => line(f, k),
                        None => line(f, &self.entries.get(&f.shown)?.text),
                    })
                    .collect();
                for l in &lines {
                    w.write_all(l.as_bytes())?;
                }
            }
            w.flush()
        });
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        Pending {
            path: self.path,
            anew: written.is_ok().then_some(tmp),
            lines: Vec::new(),
        }
    }
}

/// What a build adds to the store: lines to append, or a store written anew beside it.
/// Applied once the build has succeeded (`write`); dropped, it leaves the store as it was,
/// so that a failed build changes nothing beside its output.
pub struct Pending {
    path: PathBuf,
    anew: Option<PathBuf>,
    lines: Vec<String>,
}

impl Pending {
    /// Puts the new store in place, or appends the lines. A store that cannot be written is
    /// no error: the next build checks every file again.
    pub fn write(mut self) {
        if let Some(tmp) = self.anew.take() {
            if fs::rename(&tmp, &self.path).is_err() {
                let _ = fs::remove_file(&tmp);
            }
        } else if !self.lines.is_empty() {
            // One write: lines of two builds appending at once do not interleave.
            let _ = fs::OpenOptions::new()
                .append(true)
                .open(&self.path)
                .and_then(|mut f| f.write_all(self.lines.concat().as_bytes()));
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(tmp) = self.anew.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}
