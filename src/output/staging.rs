//! The staging folder: renderers write every file, as they make it, into a fresh folder
//! beside the output (`Staging`), which replaces the output only once every file is written.
//! A failed or interrupted build leaves the previous output exactly as it was.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Body, Output};
use crate::diagnostic::Diagnostic;

/// Refuses output folders whose replacement would destroy the site's sources.
pub fn check_target(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Normalise lexically: the output may not exist yet.
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::ParentDir => {
                    out.pop();
                }
                Component::CurDir => {}
                other => out.push(other),
            }
        }
        out
    };
    let (root, output_abs) = (abs(root), abs(output));
    let dangerous = root.starts_with(&output_abs)
        || output_abs.starts_with(root.join("content"))
        || output_abs.starts_with(root.join("themes"));
    if dangerous {
        return Err(Diagnostic::error(
            output.display().to_string(),
            "refusing to write the site there: the output folder would replace the site's own files",
        )
        .hint("choose an output folder that is not the site folder, nor inside content/ or themes/ (default: public/)"));
    }
    if output.exists() && !output.is_dir() {
        return Err(Diagnostic::error(
            output.display().to_string(),
            "the output path exists and is not a folder",
        ));
    }
    Ok(())
}

/// A fresh folder beside the output that renderers write into while they work; `commit`
/// swaps it in, and dropping it uncommitted (an error, a panic) removes it. Writers run on
/// several threads at once: every method takes `&self`.
#[derive(Debug)]
pub struct Staging {
    tmp: PathBuf,
    output: PathBuf,
    old: PathBuf,
    done: AtomicBool,
}

impl Staging {
    /// Creates the folder (and the output's parent), first removing what killed builds left.
    pub fn create(output: &Path) -> Result<Staging, Diagnostic> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| fail("cannot create the folder", &parent, e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        remove_leftovers(&parent, &name);
        let unique = format!("{}-{}", std::process::id(), nanos());
        let tmp = parent.join(format!(".{name}.tmp-{unique}"));
        fs::create_dir(&tmp).map_err(|e| fail("cannot create the folder", &tmp, e))?;
        Ok(Staging {
            tmp,
            output: output.to_path_buf(),
            old: parent.join(format!(".{name}.old-{unique}")),
            done: AtomicBool::new(false),
        })
    }

    /// Writes one file at `rel` (a `/`-separated path inside the output).
    pub fn put(&self, rel: &str, body: &Body) -> Result<(), Diagnostic> {
        if !safe_relative(rel) {
            return Err(Diagnostic::error(
                rel.to_string(),
                "BUG: an output path leaves the output folder",
            ));
        }
        let dest = self.tmp.join(rel);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(|e| fail("cannot create the folder", dir, e))?;
        }
        match body {
            Body::Bytes(b) => fs::write(&dest, b).map_err(|e| fail("cannot write", &dest, e)),
            Body::CopyOf(src) => fs::copy(src, &dest)
                .map(|_| ())
                .map_err(|e| fail("cannot copy", src, e)),
            Body::Stored => Ok(()),
        }
    }

    /// Puts the written folder in place of the output, atomically where the system can.
    pub fn commit(&self) -> Result<(), Diagnostic> {
        if self.done.swap(true, Ordering::SeqCst) {
            return Err(Diagnostic::error(
                self.output.display().to_string(),
                "BUG: the output was already committed",
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

fn fail(what: &str, p: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(p.display().to_string(), format!("{what}: {e}"))
}

/// Writes `out` into `output`, atomically replacing whatever was there.
pub fn write(output: &Path, out: &Output) -> Result<(), Diagnostic> {
    let staging = Staging::create(output)?;
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
        fs::rename(output, old)
            .map_err(|e| fail("cannot move the previous output aside", output, e))?;
        if let Err(e) = fs::rename(tmp, output) {
            let _ = fs::rename(old, output);
            return Err(fail("cannot put the new output in place", output, e));
        }
        let _ = fs::remove_dir_all(old);
    } else {
        fs::rename(tmp, output)
            .map_err(|e| fail("cannot put the new output in place", output, e))?;
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
    // SAFETY: both pointers are NUL-terminated strings that outlive the call, and the
    // function only reads them.
    let r = unsafe {
        libc::renameat2(
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
