//! The staging folder: renderers write every file, as they make it, into a fresh folder
//! beside the output (`Staging`), which replaces the output only once every file is written.
//! A failed or interrupted build leaves the previous output exactly as it was.
//!
//! A write that fails (a full disk, a folder turned read-only) stops the writing: later files
//! are counted, not written, and the build reports the cause once, with the space the site
//! needs, instead of one line per file.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use super::manifest::{Fingerprint, Key, Manifest, MANIFEST};
use super::swap::{remove_leftovers, swap};
use super::target::{check_replaceable, Replace, MARKER, MARKER_TEXT};
use super::{Body, Output};
use crate::diagnostic::Diagnostic;
use crate::i18n::Msg;
use crate::msg;

/// A fresh folder beside the output that renderers write into while they work; `commit`
/// swaps it in, and dropping it uncommitted (an error, a panic) removes it. Writers run on
/// several threads at once: every method takes `&self`.
#[derive(Debug)]
pub struct Staging {
    tmp: PathBuf,
    output: PathBuf,
    old: PathBuf,
    done: AtomicBool,
    /// Set by the first failed write: every later write is skipped.
    stopped: AtomicBool,
    failure: Mutex<Option<WriteFailure>>,
    /// Bytes of the site written, and not written (the failed file and every skipped one).
    written: AtomicU64,
    unwritten: AtomicU64,
    /// Folders already made in the staging folder: each is created once, not once per file.
    dirs: Mutex<HashSet<PathBuf>>,
    /// With a global key (`create_incremental`), files are taken over from the previous
    /// output where their key is unchanged (see `manifest`).
    reuse: Option<Reuse>,
    /// Tests only: the free space left on a pretend disk, in bytes.
    #[cfg(test)]
    space: Option<AtomicU64>,
}

/// What an incremental build knows of the previous output, and the keys of the new one.
#[derive(Debug)]
struct Reuse {
    global: Key,
    previous: Manifest,
    keys: Mutex<Vec<(String, Key)>>,
}

/// The first write that failed.
#[derive(Debug)]
struct WriteFailure {
    error: io::Error,
    file: PathBuf,
}

impl Staging {
    /// Creates the folder (and the output's parent), first removing what killed builds left,
    /// and marks it as an output. Refuses, touching nothing, an output folder that `replace`
    /// does not allow to replace.
    pub fn create(output: &Path, replace: Replace) -> Result<Staging, Diagnostic> {
        check_replaceable(output, replace)?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| {
            fail(
                msg!("output-cannot-create-folder", error = e.to_string()),
                &parent,
            )
        })?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        remove_leftovers(&parent, &name);
        let unique = format!("{}-{}", std::process::id(), nanos());
        let tmp = parent.join(format!(".{name}.tmp-{unique}"));
        fs::create_dir(&tmp).map_err(|e| {
            fail(
                msg!("output-cannot-create-folder", error = e.to_string()),
                &tmp,
            )
        })?;
        let staging = Staging {
            tmp,
            output: output.to_path_buf(),
            old: parent.join(format!(".{name}.old-{unique}")),
            done: AtomicBool::new(false),
            stopped: AtomicBool::new(false),
            failure: Mutex::new(None),
            written: AtomicU64::new(0),
            unwritten: AtomicU64::new(0),
            dirs: Mutex::new(HashSet::from([PathBuf::new()])),
            reuse: None,
            #[cfg(test)]
            space: None,
        };
        // Dropped on failure, `staging` removes the folder.
        let marker = staging.tmp.join(MARKER);
        fs::write(&marker, MARKER_TEXT)
            .map_err(|e| fail(msg!("output-cannot-write", error = e.to_string()), &marker))?;
        Ok(staging)
    }

    /// `create`, and the output gets a manifest made with `global` (see `manifest`): files
    /// whose key is the same as in the previous output's manifest are hard-linked from it.
    pub fn create_incremental(
        output: &Path,
        replace: Replace,
        global: Key,
    ) -> Result<Staging, Diagnostic> {
        let mut staging = Staging::create(output, replace)?;
        // Only from a previous output of ours: `--force` may replace any folder.
        let previous = if output.join(MARKER).is_file() {
            Manifest::read(output, global)
        } else {
            Manifest::default()
        };
        staging.reuse = Some(Reuse {
            global,
            previous,
            keys: Mutex::new(Vec::new()),
        });
        Ok(staging)
    }

    /// Whether this build keeps a manifest (and so wants the keys of pages).
    pub fn keyed(&self) -> bool {
        self.reuse.is_some()
    }

    /// Takes `rel` over from the previous output when its key there is `key`: a hard link,
    /// nothing rendered or written. False when it cannot (then the caller makes the file).
    pub fn reuse(&self, rel: &str, key: Key) -> bool {
        let Some(reuse) = &self.reuse else {
            return false;
        };
        if reuse.previous.keys.get(rel) != Some(&key)
            || !safe_relative(rel)
            || self.stopped.load(Ordering::SeqCst)
        {
            return false;
        }
        let dest = self.tmp.join(rel);
        if self.make_parent(&dest).is_err() || fs::hard_link(self.output.join(rel), &dest).is_err()
        {
            return false;
        }
        self.record(rel, key);
        true
    }

    fn record(&self, rel: &str, key: Key) {
        if let Some(reuse) = &self.reuse {
            let mut keys = reuse.keys.lock().unwrap_or_else(|p| p.into_inner());
            keys.push((rel.to_string(), key));
        }
    }

    /// Creates the folder of `dest` unless this staging folder already made it.
    fn make_parent(&self, dest: &Path) -> io::Result<()> {
        let Some(dir) = dest.parent() else {
            return Ok(());
        };
        let rel = dir.strip_prefix(&self.tmp).unwrap_or(dir);
        {
            let dirs = self.dirs.lock().unwrap_or_else(|p| p.into_inner());
            if dirs.contains(rel) {
                return Ok(());
            }
        }
        fs::create_dir_all(dir)?;
        let mut dirs = self.dirs.lock().unwrap_or_else(|p| p.into_inner());
        dirs.insert(rel.to_path_buf());
        Ok(())
    }

    /// A staging folder on a pretend disk with `space` bytes free.
    #[cfg(test)]
    fn on_small_disk(output: &Path, space: u64) -> Staging {
        let mut s = Staging::create(output, Replace::OnlyOurs).expect("staging folder");
        s.space = Some(AtomicU64::new(space));
        s
    }

    /// Writes one file at `rel` (a `/`-separated path inside the output). A failure to write
    /// is kept for `write_failure`, not returned: it stops the writing, and the build reports
    /// it once. The errors returned are the file's own (an unreadable kit file).
    pub fn put(&self, rel: &str, body: &Body) -> Result<(), Diagnostic> {
        self.put_keyed(rel, body, None)
    }

    /// `put`, with the key of a page (what it was rendered from) for the manifest. Any other
    /// file is known by the hash of its bytes, and hard-linked from the previous output when
    /// they are the same.
    pub fn put_keyed(&self, rel: &str, body: &Body, key: Option<Key>) -> Result<(), Diagnostic> {
        if !safe_relative(rel) {
            return Err(Diagnostic::error(
                rel.to_string(),
                msg!("output-bug-path-leaves"),
            ));
        }
        let size = match body {
            Body::Bytes(b) => b.len() as u64,
            Body::CopyOf(src) => fs::metadata(src).map(|m| m.len()).unwrap_or(0),
            Body::Stored => return Ok(()),
        };
        if self.stopped.load(Ordering::SeqCst) {
            self.unwritten.fetch_add(size, Ordering::SeqCst);
            return Ok(());
        }
        if let Body::CopyOf(src) = body {
            // A source that cannot be read is the content's problem, not the disk's.
            fs::File::open(src)
                .map_err(|e| fail(msg!("output-cannot-copy", error = e.to_string()), src))?;
        }
        if self.keyed() {
            let key = match (key, body) {
                (Some(k), _) => k,
                (None, Body::Bytes(b)) => Fingerprint::of(b),
                (None, _) => {
                    let bytes = fs::read(match body {
                        Body::CopyOf(src) => src,
                        _ => return Ok(()),
                    })
                    .unwrap_or_default();
                    Fingerprint::of(&bytes)
                }
            };
            if self.reuse(rel, key) {
                self.written.fetch_add(size, Ordering::SeqCst);
                return Ok(());
            }
            self.record(rel, key);
        }
        let dest = self.tmp.join(rel);
        match self.write_file(&dest, body, size) {
            Ok(()) => {
                self.written.fetch_add(size, Ordering::SeqCst);
            }
            Err(error) => {
                self.unwritten.fetch_add(size, Ordering::SeqCst);
                self.stopped.store(true, Ordering::SeqCst);
                let mut first = self.failure.lock().unwrap_or_else(|p| p.into_inner());
                if first.is_none() {
                    *first = Some(WriteFailure { error, file: dest });
                }
            }
        }
        Ok(())
    }

    fn write_file(&self, dest: &Path, body: &Body, size: u64) -> io::Result<()> {
        #[cfg(test)]
        if let Some(space) = &self.space {
            let taken = space.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
                left.checked_sub(size)
            });
            if taken.is_err() {
                return Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "No space left on device",
                ));
            }
        }
        #[cfg(not(test))]
        let _ = size;
        self.make_parent(dest)?;
        match body {
            Body::Bytes(b) => fs::write(dest, b),
            Body::CopyOf(src) => fs::copy(src, dest).map(|_| ()),
            Body::Stored => Ok(()),
        }
    }

    /// The first failed write, as the one problem to report: what failed, where, and the room
    /// the site needs.
    pub fn write_failure(&self) -> Option<Diagnostic> {
        let first = self.failure.lock().unwrap_or_else(|p| p.into_inner());
        let WriteFailure { error, file } = first.as_ref()?;
        let written = self.written.load(Ordering::SeqCst);
        let unwritten = self.unwritten.load(Ordering::SeqCst);
        let folder = self.tmp.parent().unwrap_or(Path::new("."));
        let shown = file.strip_prefix(&self.tmp).unwrap_or(file);
        let d = Diagnostic::error(
            self.output.display().to_string(),
            msg!(
                "output-write-failed",
                folder = self.tmp.display().to_string(),
                error = error.to_string(),
                file = shown.display().to_string()
            ),
        );
        let full = matches!(
            error.kind(),
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded | io::ErrorKind::FileTooLarge
        );
        Some(if full {
            let (total, total_unit) = human_size(written + unwritten);
            let (missing, missing_unit) = human_size(unwritten);
            d.hint(msg!(
                "output-disk-full-hint",
                total = total,
                total_unit = total_unit,
                missing = missing,
                missing_unit = missing_unit,
                folder = folder.display().to_string()
            ))
        } else {
            d.hint(msg!(
                "output-write-failed-hint",
                folder = folder.display().to_string()
            ))
        })
    }

    /// Puts the written folder in place of the output, atomically where the system can.
    /// Refuses when a write failed: an incomplete site never replaces the previous one.
    pub fn commit(&self) -> Result<(), Diagnostic> {
        if let Some(d) = self.write_failure() {
            return Err(d);
        }
        if self.done.swap(true, Ordering::SeqCst) {
            return Err(Diagnostic::error(
                self.output.display().to_string(),
                msg!("output-bug-committed-twice"),
            ));
        }
        if let Some(reuse) = &self.reuse {
            let keys = std::mem::take(&mut *reuse.keys.lock().unwrap_or_else(|p| p.into_inner()));
            let path = self.tmp.join(MANIFEST);
            fs::write(&path, Manifest::text(reuse.global, keys))
                .map_err(|e| fail(msg!("output-cannot-write", error = e.to_string()), &path))?;
        }
        let result = swap(&self.tmp, &self.output, &self.old);
        if result.is_err() {
            let _ = fs::remove_dir_all(&self.tmp);
        }
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done.load(Ordering::SeqCst) {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// `1.2` `MB`, `340` `kB`, `512` `bytes` (decimal units, as disk tools show free space): the
/// number and the unit's key, which the catalogues spell in each language.
fn human_size(bytes: u64) -> (String, &'static str) {
    match bytes {
        0..1_000 => (bytes.to_string(), "bytes"),
        1_000..1_000_000 => (bytes.div_ceil(1_000).to_string(), "kB"),
        _ => (format!("{:.1}", bytes as f64 / 1e6), "MB"),
    }
}

pub(super) fn fail(message: Msg, p: &Path) -> Diagnostic {
    Diagnostic::error(p.display().to_string(), message)
}

/// Writes `out` into `output`, atomically replacing what was there.
/// Refuses a non-empty folder that is not a previous output, as a build does.
pub fn write(output: &Path, out: &Output) -> Result<(), Diagnostic> {
    let staging = Staging::create(output, Replace::OnlyOurs)?;
    for (rel, body) in &out.files {
        staging.put(rel, body)?;
    }
    staging.commit()
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

fn safe_relative(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty()
        && !rel.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use rayon::prelude::*;

    use super::*;
    use crate::output::Sink;

    /// 2,000 files of 1 kB each, as a build hands them over: from several threads at once.
    fn write_site(staging: &Arc<Staging>) -> Output {
        let parts: Vec<Output> = (0..8)
            .into_par_iter()
            .map(|worker| {
                let mut out = Output::new(Sink::Dir(Arc::clone(staging)));
                for i in 0..250 {
                    out.add(
                        format!("agenda/ev-{worker}-{i}/index.html"),
                        Body::Bytes(vec![b'x'; 1000]),
                    );
                }
                out
            })
            .collect();
        let mut all = Output::new(Sink::Dir(Arc::clone(staging)));
        for p in parts {
            all.merge(p);
        }
        all
    }

    #[test]
    fn a_full_disk_is_reported_once_and_stops_the_writing() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let mut previous = Output::default();
        previous
            .files
            .insert("index.html".into(), Body::Bytes(b"previous".to_vec()));
        write(&public, &previous).unwrap();

        let staging = Arc::new(Staging::on_small_disk(&public, 200_000));
        let out = write_site(&staging);
        // The failure is not one problem per file…
        assert_eq!(out.problems.errors().count(), 0, "{:?}", out.problems);
        // …but one, naming the folder, the cause and the room the site needs.
        let d = staging.write_failure().expect("the write failed");
        assert_eq!(d.file, public);
        assert!(d.message.contains("No space left on device"), "{d}");
        assert!(d.message.contains(".public.tmp-"), "{d}");
        let hint = d.hint.clone().unwrap();
        assert!(
            hint.starts_with("the new site takes about 2.0 MB (1.8 MB of it not written)"),
            "{hint}"
        );
        let fr = hint.in_lang(crate::i18n::Lang::Fr);
        assert!(
            fr.starts_with("le nouveau site occupe environ 2.0 Mo (dont 1.8 Mo non écrits)"),
            "{fr}"
        );
        // Nothing was written after the failure.
        let files = walkdir::WalkDir::new(&staging.tmp)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .count();
        assert!(files <= 201, "{files} files written");
        // The incomplete site never replaces the previous one, and goes away.
        assert_eq!(staging.commit(), Err(d));
        let tmp = staging.tmp.clone();
        drop(out);
        drop(staging);
        assert!(!tmp.exists());
        assert_eq!(fs::read(public.join("index.html")).unwrap(), b"previous");
    }

    #[test]
    fn every_output_carries_the_marker_and_only_it_besides_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let mut out = Output::default();
        out.files
            .insert("index.html".into(), Body::Bytes(b"site".to_vec()));
        write(&public, &out).unwrap();
        let mut names: Vec<String> = fs::read_dir(&public)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        assert_eq!(names, [MARKER, "index.html"]);
        assert_eq!(
            fs::read_to_string(public.join(MARKER)).unwrap(),
            MARKER_TEXT
        );
        // Marked: the next write replaces it.
        write(&public, &out).unwrap();
    }

    #[test]
    fn sizes_read_as_disk_tools_show_them() {
        assert_eq!(human_size(512), ("512".to_string(), "bytes"));
        assert_eq!(human_size(1_001), ("2".to_string(), "kB"));
        assert_eq!(human_size(340_000), ("340".to_string(), "kB"));
        assert_eq!(human_size(12_345_678), ("12.3".to_string(), "MB"));
    }
}
