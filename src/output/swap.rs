//! Putting a finished staging folder in place of the output (the previous output becoming
//! the spare tree the next build recycles), and cleaning up what killed builds left beside it.

use std::fs;
use std::io;
use std::path::Path;

use super::staging::{fail, spare_name};
use super::target::MARKER;
use crate::diagnostic::Diagnostic;
use crate::msg;

/// Folders left by a build that was killed (they are never the live output).
pub(super) fn remove_leftovers(parent: &Path, name: &str) {
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
                // A staging folder of a killed build is as good a spare tree as any: the next
                // build that recycles it replaces or removes every file in it.
                if !restore && n.starts_with(&format!(".{name}.tmp-")) {
                    keep_as_spare(&e.path(), &parent.join(spare_name(name)));
                } else if !restore {
                    let _ = fs::remove_dir_all(e.path());
                }
            }
        }
    }
}

/// Makes `folder` (an output of ours, or a staging folder) the spare tree the next build
/// recycles, unless there is one already (a build running at once may have made one) or it is
/// not ours; then removes it.
pub(super) fn keep_as_spare(folder: &Path, spare: &Path) {
    let kept =
        folder.join(MARKER).is_file() && !spare.exists() && fs::rename(folder, spare).is_ok();
    if !kept {
        let _ = fs::remove_dir_all(folder);
    }
}

/// Puts `tmp` in place of `output`. The previous output becomes `spare` when given (the next
/// build's staging folder), else is removed.
pub(super) fn swap(
    tmp: &Path,
    output: &Path,
    old: &Path,
    spare: Option<&Path>,
) -> Result<(), Diagnostic> {
    let keep_or_remove = |previous: &Path| match spare {
        Some(s) => keep_as_spare(previous, s),
        None => {
            let _ = fs::remove_dir_all(previous);
        }
    };
    if output.exists() {
        // One step where the system can: there is then no moment without an output folder.
        #[cfg(target_os = "linux")]
        if exchange(tmp, output).is_ok() {
            // `tmp` now holds the previous output; a build killed before it is moved or
            // removed leaves it behind for the next build to clean up.
            keep_or_remove(tmp);
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
        keep_or_remove(old);
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
    use super::*;

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
