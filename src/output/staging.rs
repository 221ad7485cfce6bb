//! The staging folder: renderers write every file, as they make it, into a fresh folder
//! beside the output (`Staging`), which replaces the output only once every file is written.
//! A failed or interrupted build leaves the previous output exactly as it was.
//!
//! A write that fails (a full disk, a folder turned read-only) stops the writing: later files
//! are counted, not written, and the build reports the cause once, with the space the site
//! needs, instead of one line per file.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

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
    /// Tests only: the free space left on a pretend disk, in bytes.
    #[cfg(test)]
    space: Option<AtomicU64>,
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
            #[cfg(test)]
            space: None,
        };
        // Dropped on failure, `staging` removes the folder.
        let marker = staging.tmp.join(MARKER);
        fs::write(&marker, MARKER_TEXT)
            .map_err(|e| fail(msg!("output-cannot-write", error = e.to_string()), &marker))?;
        Ok(staging)
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
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir)?;
        }
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

fn fail(message: Msg, p: &Path) -> Diagnostic {
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

/// Folders left by a build that was killed (they are never the live output).
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let output = parent.join(name);
    let mut entries: Vec<fs::DirEntry> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let n = e.file_name().to_string_lossy().to_string();
        let ours =
            n.starts_with(&format!(".{name}.tmp-")) || n.starts_with(&format!(".{name}.old-"));
        if ours {
            let pid: Option<u32> = n
                .rsplit_once('.')
                .and_then(|(_, rest)| rest.split('-').nth(1))
                .and_then(|p| p.parse().ok());
            // Another build still running keeps its folder.
            let running = pid.is_some_and(|p| {
                p != std::process::id() && Path::new(&format!("/proc/{p}")).exists()
            });
            if !running {
                // A build killed between moving the previous output aside and putting the new
                // one in place (where the swap takes two steps): the aside folder is complete.
                let restore = n.starts_with(&format!(".{name}.old-"))
                    && output.symlink_metadata().is_err()
                    && fs::rename(e.path(), &output).is_ok();
                if !restore {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
    }
}

fn safe_relative(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty()
        && !rel.contains('\\')
        && p.components().all(|c| matches!(c, Component::Normal(_)))
}

fn swap(tmp: &Path, output: &Path, old: &Path) -> Result<(), Diagnostic> {
    if output.exists() {
        // One step where the system can: there is then no moment without an output folder.
        #[cfg(target_os = "linux")]
        if exchange(tmp, output).is_ok() {
            // `tmp` now holds the previous output; a build killed before it is removed leaves
            // it behind for the next build to clean up.
            let _ = fs::remove_dir_all(tmp);
            return Ok(());
        }
        fs::rename(output, old).map_err(|e| {
            fail(
                msg!("output-cannot-move-aside", error = e.to_string()),
                output,
            )
        })?;
        if let Err(e) = fs::rename(tmp, output) {
            let _ = fs::rename(old, output);
            return Err(fail(
                msg!("output-cannot-put-in-place", error = e.to_string()),
                output,
            ));
        }
        let _ = fs::remove_dir_all(old);
    } else {
        fs::rename(tmp, output).map_err(|e| {
            fail(
                msg!("output-cannot-put-in-place", error = e.to_string()),
                output,
            )
        })?;
    }
    Ok(())
}

/// Exchanges two existing paths atomically (`renameat2` with `RENAME_EXCHANGE`, Linux 3.15+).
/// Fails on file systems that cannot, and the caller then falls back on two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // The system call itself rather than the C library's wrapper: musl (the static Linux
    // release) has no `renameat2` function, while every Linux since 3.15 has the call.
    // SAFETY: both pointers are NUL-terminated strings that outlive the call, and the
    // kernel only reads them.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
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

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_swaps_two_folders_in_one_step() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        fs::create_dir_all(&a).unwrap();
        fs::create_dir_all(&b).unwrap();
        fs::write(a.join("new.txt"), "new").unwrap();
        fs::write(b.join("old.txt"), "old").unwrap();
        exchange(&a, &b).unwrap();
        assert!(b.join("new.txt").is_file() && a.join("old.txt").is_file());
        assert!(!b.join("old.txt").exists());
        assert!(exchange(&a, &tmp.path().join("missing")).is_err());
    }
}
