//! The staging folder: renderers write every file, as they make it, into a folder beside the
//! output (`Staging`), which replaces the output only once every file is written. A failed or
//! interrupted build leaves the previous output exactly as it was. A build's staging folder is
//! the spare tree the build before last left (`Recycling`, `Recycled`) when there is one, else
//! a fresh folder.
//!
//! A write that fails (a full disk, a folder turned read-only) stops the writing: later files
//! are counted, not written, and the build reports the cause once, with the space the site
//! needs, instead of one line per file.

use super::{PathMap, PathSet};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use super::manifest::{Fingerprint, Key, Manifest, MANIFEST};
use super::swap::{keep_as_spare, remove_leftovers, swap};
use super::target::{check_replaceable, Replace, MARKER, MARKER_TEXT};
use super::{Body, Output};
use crate::diagnostic::Diagnostic;
use crate::i18n::Msg;
use crate::msg;

/// A folder beside the output that renderers write into while they work (fresh, or a
/// recycled spare tree); `commit` swaps it in, and dropping it uncommitted (an error, a panic)
/// removes it. Writers run on
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
    dirs: Mutex<PathSet>,
    /// With a global key (`create_incremental`), files are taken over from the previous
    /// output where their key is unchanged (see `manifest`).
    reuse: Option<Reuse>,
    /// When the staging folder is the spare tree of an earlier build (see `Recycled`).
    recycled: Option<Recycled>,
    /// Where the previous output goes after the swap, to be the next build's staging folder.
    spare: Option<PathBuf>,
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

/// A staging folder made from the spare tree an earlier build left beside the output (the
/// output before the last one, or what a killed build left): its folders are kept, each of
/// its files is replaced, kept (when it is already the live output's file) or removed. On this
/// project's disks making and removing folders is most of a rebuild's cost (see
/// `benches/RESULTS.md`), and the result is the same tree a fresh folder would get.
#[derive(Debug)]
struct Recycled {
    /// Its files not yet made again by this build, with their inode numbers; what is left at
    /// `commit` is removed.
    files: Mutex<PathMap<u64>>,
    /// Its folders (`/`-separated, as files are named); those this build put nothing in are
    /// removed at `commit`.
    dirs: PathSet,
    /// Its own manifest when it was an output, with its global key (read while it is listed).
    manifest: Option<(Key, Manifest)>,
    /// Its files' keys, from that manifest when made with this build's global key (see
    /// `Staging::create_incremental`): a file whose key there is the one this build wants is
    /// kept as it is, without asking the disk whether it is the live output's file.
    vouched: PathMap<Key>,
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
        Staging::create_in(output, replace, None)
    }

    /// `create`; with `recycling`, the staging folder is the spare tree it claimed beside the
    /// output when there was one (see `Recycled`), and the previous output becomes the next
    /// spare. Refused, `recycling` puts the spare back.
    fn create_in(
        output: &Path,
        replace: Replace,
        recycling: Option<Recycling>,
    ) -> Result<Staging, Diagnostic> {
        check_replaceable(output, replace)?;
        let (parent, name) = parent_and_name(output);
        fs::create_dir_all(&parent).map_err(|e| {
            fail(
                msg!("output-cannot-create-folder", error = e.to_string()),
                &parent,
            )
        })?;
        // Only where recycling runs (see `Recycling::start`): elsewhere a spare would never be
        // used.
        let spare = recycling
            .as_ref()
            .filter(|r| r.handle.is_some())
            .map(|_| parent.join(spare_name(&name)));
        let (tmp, unique, recycled) = match recycling.and_then(Recycling::take) {
            Some(Claimed {
                tmp,
                unique,
                recycled,
            }) => (tmp, unique, Some(recycled)),
            None => {
                remove_leftovers(&parent, &name);
                let (tmp, unique) = work_folder(&parent, &name);
                fs::create_dir(&tmp).map_err(|e| {
                    fail(
                        msg!("output-cannot-create-folder", error = e.to_string()),
                        &tmp,
                    )
                })?;
                (tmp, unique, None)
            }
        };
        let staging = Staging {
            tmp,
            output: output.to_path_buf(),
            old: parent.join(format!(".{name}.old-{unique}")),
            done: AtomicBool::new(false),
            stopped: AtomicBool::new(false),
            failure: Mutex::new(None),
            written: AtomicU64::new(0),
            unwritten: AtomicU64::new(0),
            dirs: Mutex::new(PathSet::from_iter([String::new()])),
            reuse: None,
            recycled,
            spare,
            #[cfg(test)]
            space: None,
        };
        // Dropped on failure, `staging` removes the folder.
        let marker = staging.tmp.join(MARKER);
        write_new(&marker, MARKER_TEXT.as_bytes())
            .map_err(|e| fail(msg!("output-cannot-write", error = e.to_string()), &marker))?;
        Ok(staging)
    }

    /// `create`, and the output gets a manifest made with `global` (see `manifest`): files
    /// whose key is the same as in the previous output's manifest are hard-linked from it. The
    /// staging folder is the spare tree `recycling` claimed, if any.
    pub fn create_incremental(
        output: &Path,
        replace: Replace,
        global: Key,
        mut recycling: Recycling,
    ) -> Result<Staging, Diagnostic> {
        let previous = recycling.live_manifest(global);
        let mut staging = Staging::create_in(output, replace, Some(recycling))?;
        // A manifest vouches for the files of the folder it is in as long as none has changed:
        // removed before this build changes any file of the recycled tree, so that a killed
        // build's staging folder, when it becomes the next spare, vouches for nothing.
        // Whatever its global key: a later build may have that key again.
        let manifest_path = staging.tmp.join(MANIFEST);
        if let Some(r) = &mut staging.recycled {
            gone(fs::remove_file(&manifest_path)).map_err(|e| {
                fail(
                    msg!("output-cannot-write", error = e.to_string()),
                    &manifest_path,
                )
            })?;
            if let Some((g, m)) = r.manifest.take() {
                if g == global {
                    r.vouched = m.keys;
                }
            }
        }
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

    /// Takes `rel` over from the previous output when its key there is `key` (a hard link), or
    /// keeps the recycled tree's file when its key there is `key`: nothing rendered or
    /// written. False when it cannot (then the caller makes the file).
    pub fn reuse(&self, rel: &str, key: Key) -> bool {
        let Some(reuse) = &self.reuse else {
            return false;
        };
        // The live output's file, or the recycled tree's (its manifest says so: an edit
        // undone since the build before last).
        let live = reuse.previous.keys.get(rel) == Some(&key);
        let vouched = self
            .recycled
            .as_ref()
            .is_some_and(|r| r.vouched.get(rel) == Some(&key));
        if !(live || vouched) || !safe_relative(rel) || self.stopped.load(Ordering::SeqCst) {
            return false;
        }
        let dest = self.tmp.join(rel);
        let src = self.output.join(rel);
        match self.take_recycled(rel) {
            Ok(Some(ino)) => {
                // Made from the same inputs for the recycled tree, or already the live
                // output's file (unchanged over the last two builds): kept as it is, without
                // asking the disk when the manifest says so.
                if vouched || fs::symlink_metadata(&src).is_ok_and(|m| inode(&m) == Some(ino)) {
                    // Its folder is in use: `make_parent` says so (nothing to make).
                    if self.make_parent(rel).is_err() {
                        return false;
                    }
                    self.record(rel, key);
                    return true;
                }
                if fs::remove_file(&dest).is_err() {
                    return false;
                }
            }
            Ok(None) => {}
            Err(_) => return false,
        }
        if !live || self.make_parent(rel).is_err() || fs::hard_link(src, &dest).is_err() {
            return false;
        }
        self.record(rel, key);
        true
    }

    /// Makes room at `rel` in a recycled staging folder: takes the file there out of the files
    /// to remove at `commit` and returns its inode (the caller replaces or keeps it), or
    /// removes a folder standing where a file must go.
    fn take_recycled(&self, rel: &str) -> io::Result<Option<u64>> {
        let Some(r) = &self.recycled else {
            return Ok(None);
        };
        if r.dirs.contains(rel) {
            gone(fs::remove_dir_all(self.tmp.join(rel)))?;
        }
        let mut files = r.files.lock().unwrap_or_else(|p| p.into_inner());
        Ok(files.remove(rel))
    }

    fn record(&self, rel: &str, key: Key) {
        if let Some(reuse) = &self.reuse {
            let mut keys = reuse.keys.lock().unwrap_or_else(|p| p.into_inner());
            keys.push((rel.to_string(), key));
        }
    }

    /// Creates the folder of the file `rel` (`/`-separated) unless this staging folder already
    /// made it. Folders are known by their names as strings: a rebuild asks this for every one
    /// of its 20,000-odd files, and hashing `Path`s component by component took longer than the
    /// rest of taking a file over.
    fn make_parent(&self, rel: &str) -> io::Result<()> {
        let Some((dir, _)) = rel.rsplit_once('/') else {
            // At the top: the staging folder itself.
            return Ok(());
        };
        {
            let dirs = self.dirs.lock().unwrap_or_else(|p| p.into_inner());
            if dirs.contains(dir) {
                return Ok(());
            }
        }
        let exists = match &self.recycled {
            Some(r) if r.dirs.contains(dir) => true,
            Some(r) => {
                // A file of the recycled tree where a folder must go.
                let mut files = r.files.lock().unwrap_or_else(|p| p.into_inner());
                for a in ancestors(dir) {
                    if files.remove(a).is_some() {
                        fs::remove_file(self.tmp.join(a))?;
                    }
                }
                false
            }
            None => false,
        };
        if !exists {
            fs::create_dir_all(self.tmp.join(dir))?;
        }
        // The folders above are in use too: `commit` removes the recycled ones no file is in.
        let mut dirs = self.dirs.lock().unwrap_or_else(|p| p.into_inner());
        for a in ancestors(dir) {
            if !dirs.insert(a.to_string()) {
                break;
            }
        }
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
            Body::Parts(parts) => parts.iter().map(|p| p.len() as u64).sum(),
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
                (None, Body::Parts(parts)) => Fingerprint::of_parts(parts),
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
        match self.write_file(rel, &dest, body, size) {
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

    fn write_file(&self, rel: &str, dest: &Path, body: &Body, size: u64) -> io::Result<()> {
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
        // Never written into: the file may be a link to the live output's.
        if self.take_recycled(rel)?.is_some() {
            fs::remove_file(dest)?;
        }
        self.make_parent(rel)?;
        match body {
            Body::Bytes(b) => fs::write(dest, b),
            Body::Parts(parts) => {
                // Pieces of a kilobyte or so: gathered into writes of 256 KiB.
                let mut w = io::BufWriter::with_capacity(256 * 1024, fs::File::create(dest)?);
                for p in parts {
                    io::Write::write_all(&mut w, p.as_bytes())?;
                }
                w.into_inner().map_err(|e| e.into_error()).map(|_| ())
            }
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
            gone(fs::remove_file(&path))
                .and_then(|()| Manifest::write(fs::File::create(&path)?, reuse.global, keys))
                .map_err(|e| fail(msg!("output-cannot-write", error = e.to_string()), &path))?;
        }
        self.remove_unused().map_err(|e| {
            fail(
                msg!("output-cannot-write", error = e.to_string()),
                &self.tmp,
            )
        })?;
        let result = swap(&self.tmp, &self.output, &self.old, self.spare.as_deref());
        if result.is_err() {
            let _ = fs::remove_dir_all(&self.tmp);
        }
        result
    }
}

impl Staging {
    /// Removes what a recycled staging folder holds that this build did not make: the files
    /// left over, then the folders no file is in (deepest first).
    fn remove_unused(&self) -> io::Result<()> {
        let Some(r) = &self.recycled else {
            return Ok(());
        };
        let files = std::mem::take(&mut *r.files.lock().unwrap_or_else(|p| p.into_inner()));
        for rel in files.keys() {
            gone(fs::remove_file(self.tmp.join(rel)))?;
        }
        let used = self.dirs.lock().unwrap_or_else(|p| p.into_inner());
        let mut unused: Vec<&String> = r.dirs.iter().filter(|d| !used.contains(*d)).collect();
        unused.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        for d in unused {
            let path = self.tmp.join(d);
            // A folder replaced by a file (`take_recycled`) is no folder any more.
            if path.symlink_metadata().is_ok_and(|m| m.is_dir()) {
                gone(fs::remove_dir_all(path))?;
            }
        }
        Ok(())
    }
}

/// `a/b/c`, `a/b`, `a` and `` (the staging folder): the folders a file in `dir` is inside.
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(dir), |d| {
        (!d.is_empty()).then(|| d.rsplit_once('/').map_or("", |(up, _)| up))
    })
}

/// Ok when `r` failed only because the path was already gone (or a folder above it was
/// replaced by a file).
fn gone(r: io::Result<()>) -> io::Result<()> {
    match r {
        Err(e)
            if !matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Err(e)
        }
        _ => Ok(()),
    }
}

/// Writes `bytes` into a new file at `path`, unlinking what was there: in a recycled staging
/// folder the old file may be a link to the live output's.
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    gone(fs::remove_file(path))?;
    fs::write(path, bytes)
}

/// Where a build over the output `output` keeps the event files it checked, for the next
/// build (`content::load_stored`): the hidden file `.public.events` beside `public`.
pub fn events_store(output: &Path) -> PathBuf {
    let (parent, name) = parent_and_name(output);
    parent.join(format!(".{name}.events"))
}

/// The spare tree's name beside an output called `name`.
pub(super) fn spare_name(name: &str) -> String {
    format!(".{name}.spare")
}

/// The spare tree beside an output, claimed and listed on another thread (a build starts it
/// before loading the content: listing 37,000 entries takes a noticeable part of a rebuild on
/// some disks). Dropped unused (the content had errors, the output was refused), it puts the
/// spare back.
pub struct Recycling {
    handle: Option<std::thread::JoinHandle<Option<Claimed>>>,
    spare: PathBuf,
    /// The live output's manifest and its global key, read meanwhile on a thread of its own
    /// (23,000 lines are a few milliseconds a rebuild would otherwise wait for).
    live: Option<std::thread::JoinHandle<Option<(Key, Manifest)>>>,
}

/// A spare tree renamed to be a staging folder, and what it holds.
struct Claimed {
    tmp: PathBuf,
    unique: String,
    recycled: Recycled,
}

impl Recycling {
    /// Starts claiming the spare tree beside `output`, first cleaning up what killed builds
    /// left there (a killed build's staging folder may become the spare).
    pub fn start(output: &Path) -> Recycling {
        let (parent, name) = parent_and_name(output);
        let spare = parent.join(spare_name(&name));
        // Only where files have inode numbers to tell a kept file from a replaced one.
        let handle = cfg!(unix).then(|| {
            let spare = spare.clone();
            std::thread::spawn(move || {
                if !parent.is_dir() {
                    return None;
                }
                remove_leftovers(&parent, &name);
                let (tmp, unique) = work_folder(&parent, &name);
                // Renaming claims the spare: a second build running at once finds none.
                fs::rename(&spare, &tmp).ok()?;
                if !tmp.join(MARKER).is_file() {
                    // Not an output of ours after all: never reused, never kept.
                    let _ = fs::remove_dir_all(&tmp);
                    return None;
                }
                Some(Claimed {
                    recycled: Recycled::walk(&tmp),
                    tmp,
                    unique,
                })
            })
        });
        let output = output.to_path_buf();
        // Only from a previous output of ours: `--force` may replace any folder.
        let live = std::thread::spawn(move || {
            output
                .join(MARKER)
                .is_file()
                .then(|| Manifest::read_any(&output))
                .flatten()
        });
        Recycling {
            handle,
            spare,
            live: Some(live),
        }
    }

    /// The live output's manifest, if it was made with `global`.
    fn live_manifest(&mut self, global: Key) -> Manifest {
        match self.live.take().and_then(|h| h.join().ok()).flatten() {
            Some((g, m)) if g == global => m,
            _ => Manifest::default(),
        }
    }

    fn take(mut self) -> Option<Claimed> {
        self.handle.take()?.join().ok().flatten()
    }
}

impl Drop for Recycling {
    fn drop(&mut self) {
        let Some(claimed) = self.handle.take().and_then(|h| h.join().ok()).flatten() else {
            return;
        };
        keep_as_spare(&claimed.tmp, &self.spare);
    }
}

/// A new staging folder's path beside the output `name` in `parent`, and the part that makes
/// it unique (the process and the time: `remove_leftovers` reads the process back).
fn work_folder(parent: &Path, name: &str) -> (PathBuf, String) {
    let unique = format!("{}-{}", std::process::id(), nanos());
    (parent.join(format!(".{name}.tmp-{unique}")), unique)
}

/// The folder an output is in, and the output's name.
fn parent_and_name(output: &Path) -> (PathBuf, String) {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

/// A file's inode number, where the system has them.
fn inode(m: &fs::Metadata) -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(m.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        None
    }
}

/// The inode number a folder listing gives (no `stat`); 0 where there is none, which never
/// matches a live file.
fn entry_inode(e: &walkdir::DirEntry) -> u64 {
    #[cfg(unix)]
    {
        use walkdir::DirEntryExt;
        e.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        0
    }
}

impl Recycled {
    fn walk(tmp: &Path) -> Recycled {
        let mut files = PathMap::default();
        let mut dirs = PathSet::default();
        // Names are taken as they come after `tmp/`: `strip_prefix` and `Path` comparisons,
        // component by component, were a fifth of listing 20,000 files.
        let skip = tmp.as_os_str().len() + 1;
        let mut walk = walkdir::WalkDir::new(tmp).min_depth(1).into_iter();
        while let Some(e) = walk.next() {
            let Ok(e) = e else {
                continue;
            };
            let is_dir = e.file_type().is_dir();
            let name = e.path().as_os_str().as_encoded_bytes();
            let Some(rel) = name.get(skip..).and_then(|r| std::str::from_utf8(r).ok()) else {
                // No build makes a name that is not UTF-8, nor takes one over: removed now,
                // or it would stay in the output.
                let _ = if is_dir {
                    walk.skip_current_dir();
                    fs::remove_dir_all(e.path())
                } else {
                    fs::remove_file(e.path())
                };
                continue;
            };
            let rel = if std::path::MAIN_SEPARATOR == '/' {
                rel.to_string()
            } else {
                rel.replace(std::path::MAIN_SEPARATOR, "/")
            };
            if is_dir {
                dirs.insert(rel);
            } else if rel != MARKER && rel != MANIFEST {
                // Written anew by every build (`write_new`), never taken over.
                files.insert(rel, entry_inode(&e));
            }
        }
        Recycled {
            files: Mutex::new(files),
            dirs,
            manifest: Manifest::read_any(tmp),
            vouched: PathMap::default(),
        }
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
    use std::collections::BTreeMap;
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

    /// Every folder (as `path/`) and file (with its bytes) under `dir`, but the manifest.
    fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name() != MANIFEST)
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                if e.file_type().is_dir() {
                    (format!("{rel}/"), Vec::new())
                } else {
                    (rel, fs::read(e.path()).unwrap())
                }
            })
            .collect()
    }

    /// Each inode of `dir`'s files with its bytes.
    fn by_inode(dir: &Path) -> BTreeMap<u64, Vec<u8>> {
        use std::os::unix::fs::MetadataExt;
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.metadata().unwrap().ino(), fs::read(e.path()).unwrap()))
            .collect()
    }

    /// Builds `files` into `output` as `ambassade build` does (keys from the bytes).
    fn build(output: &Path, files: &[(&str, &str)]) {
        let recycling = Recycling::start(output);
        let staging = Staging::create_incremental(output, Replace::OnlyOurs, 7, recycling).unwrap();
        for (rel, text) in files {
            staging
                .put(rel, &Body::Bytes(text.as_bytes().to_vec()))
                .unwrap();
        }
        staging.commit().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_recycled_spare_tree_gives_what_a_fresh_folder_gives() {
        // Five builds in a row, each changing the tree in another way: a file changed, kept,
        // removed; a folder emptied; a file where a folder was, and a folder where a file was.
        type Files<'a> = &'a [(&'a str, &'a str)];
        let builds: [Files; 5] = [
            &[
                ("index.html", "a"),
                ("x/index.html", "x"),
                ("y/z/index.html", "z"),
                ("f", "f"),
            ],
            &[
                ("index.html", "b"),
                ("x/index.html", "x"),
                ("y/z/index.html", "z"),
                ("f", "f"),
            ],
            &[
                ("index.html", "b"),
                ("x", "x is a file"),
                ("f/index.html", "f is a folder"),
            ],
            &[
                ("index.html", "c"),
                ("x/index.html", "x again"),
                ("y/z/index.html", "z"),
            ],
            &[
                ("index.html", "c"),
                ("x/index.html", "x again"),
                ("y/z/w/index.html", "w"),
            ],
        ];
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        for (n, files) in builds.iter().enumerate() {
            let before = by_inode(&public);
            build(&public, files);
            // The same tree as a build into an empty folder: no file or folder too many.
            let fresh = dir.path().join(format!("fresh-{n}"));
            build(&fresh, files);
            assert_eq!(tree(&public), tree(&fresh), "build {n}");
            fs::remove_dir_all(&fresh).unwrap();
            // No file of the previous output was written into: an inode both share holds
            // the bytes it held.
            for (ino, bytes) in by_inode(&public) {
                if let Some(old) = before.get(&ino) {
                    assert_eq!(
                        old, &bytes,
                        "build {n} wrote into a file of the previous output"
                    );
                }
            }
            // Beside the output: from the second build on, the spare tree, and nothing else.
            let mut beside: Vec<String> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .filter(|n| n != "public")
                .collect();
            beside.sort();
            let expected: &[&str] = if n == 0 { &[] } else { &[".public.spare"] };
            assert_eq!(beside, expected, "build {n}");
        }
        // The spare tree was recycled, not made anew: two more builds of the same files, and
        // the folders of the output are those of the output two builds before.
        use std::os::unix::fs::MetadataExt;
        let folder = |p: &Path| fs::metadata(p.join("y/z")).unwrap().ino();
        let two_before = folder(&public);
        build(&public, builds[4]);
        assert_ne!(folder(&public), two_before);
        build(&public, builds[4]);
        assert_eq!(folder(&public), two_before);
    }

    #[test]
    fn ancestors_run_from_a_folder_up_to_the_staging_folder() {
        assert_eq!(
            ancestors("agenda/x/y").collect::<Vec<_>>(),
            ["agenda/x/y", "agenda/x", "agenda", ""]
        );
        assert_eq!(ancestors("").collect::<Vec<_>>(), [""]);
    }

    /// A name that is not UTF-8 (no build makes one: a file a user or a tool put into the
    /// output) is removed from the recycled tree as it is listed, folder and all: otherwise
    /// it would stay in the next output.
    #[cfg(unix)]
    #[test]
    fn a_name_no_build_makes_is_removed_from_a_recycled_tree() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let tree = dir.path().join("tree");
        fs::create_dir_all(tree.join("agenda/x")).unwrap();
        fs::write(tree.join("agenda/x/index.html"), "a").unwrap();
        let odd_file = tree.join("agenda").join(OsStr::from_bytes(b"caf\xe9.html"));
        fs::write(&odd_file, "b").unwrap();
        let odd_dir = tree.join(OsStr::from_bytes(b"d\xe9j\xe0"));
        fs::create_dir_all(odd_dir.join("sub")).unwrap();
        fs::write(odd_dir.join("sub/f.html"), "c").unwrap();
        let r = Recycled::walk(&tree);
        assert!(!odd_file.exists() && !odd_dir.exists());
        let files = r.files.lock().unwrap();
        assert_eq!(files.keys().collect::<Vec<_>>(), ["agenda/x/index.html"]);
        let mut dirs: Vec<&String> = r.dirs.iter().collect();
        dirs.sort();
        assert_eq!(dirs, ["agenda", "agenda/x"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_of_parts_is_written_and_known_as_the_same_bytes_would_be() {
        // A calendar feed is handed over in pieces (`Body::Parts`): its file and its key in
        // the manifest must be those of the same text handed over whole, or a rebuild would
        // write again a feed it could keep.
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let whole = "BEGIN:VCALENDAR\r\n".to_string() + &"x".repeat(300_000) + "END:VCALENDAR\r\n";
        let parts: Vec<Arc<str>> = vec![
            Arc::from("BEGIN:VCALENDAR\r\n"),
            Arc::from(""),
            Arc::from("x".repeat(300_000)),
            Arc::from("END:VCALENDAR\r\n"),
        ];
        for _ in 0..2 {
            let staging = Staging::create_incremental(
                &public,
                Replace::OnlyOurs,
                7,
                Recycling::start(&public),
            )
            .unwrap();
            staging
                .put("agenda.ics", &Body::Parts(parts.clone()))
                .unwrap();
            staging.commit().unwrap();
        }
        assert_eq!(
            fs::read_to_string(public.join("agenda.ics")).unwrap(),
            whole
        );
        let keys = Manifest::read(&public, 7).keys;
        assert_eq!(
            keys.get("agenda.ics"),
            Some(&Fingerprint::of(whole.as_bytes()))
        );
        assert_eq!(
            Fingerprint::of_parts(&parts),
            Fingerprint::of(whole.as_bytes())
        );
        assert_ne!(
            Fingerprint::of_parts(&parts[..3]),
            Fingerprint::of(whole.as_bytes())
        );
    }

    #[test]
    fn a_killed_builds_folder_vouches_for_none_of_its_files() {
        // The spare tree's manifest vouches for its files (kept without a look at the disk):
        // a build that recycles the tree removes it before changing anything, so that the
        // tree it leaves when killed, which becomes the next spare, vouches for nothing.
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let files: &[(&str, &str)] = &[("index.html", "a"), ("x/index.html", "x")];
        build(&public, files);
        build(&public, files);
        let staging =
            Staging::create_incremental(&public, Replace::OnlyOurs, 7, Recycling::start(&public))
                .unwrap();
        assert!(!staging.tmp.join(MANIFEST).exists());
        assert!(staging.tmp.join("x/index.html").is_file());
        staging
            .put("index.html", &Body::Bytes(b"b".to_vec()))
            .unwrap();
        // Killed: its folder stays, and the next build recycles it.
        let killed = staging.tmp.clone();
        std::mem::forget(staging);
        assert!(killed.is_dir());
        build(&public, files);
        assert_eq!(fs::read_to_string(public.join("index.html")).unwrap(), "a");
        let fresh = dir.path().join("fresh");
        build(&fresh, files);
        assert_eq!(tree(&public), tree(&fresh));
    }

    #[test]
    fn sizes_read_as_disk_tools_show_them() {
        assert_eq!(human_size(512), ("512".to_string(), "bytes"));
        assert_eq!(human_size(1_001), ("2".to_string(), "kB"));
        assert_eq!(human_size(340_000), ("340".to_string(), "kB"));
        assert_eq!(human_size(12_345_678), ("12.3".to_string(), "MB"));
    }
}
