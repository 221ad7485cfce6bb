//! Which folders a build may replace. A build swaps its output folder for a new one, so
//! whatever the folder held is gone: the site's own sources must never be the output, and a
//! folder that ambassade did not write (a user's documents under a mistyped `--output`) is
//! replaced only when asked to (`Replace::Anything`, `build --force`). Every output carries
//! the `MARKER` file that tells a previous output apart.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::msg;

/// The file written into every output: its presence says "ambassade wrote this folder and may
/// replace it". A dot-file, not a route: it is in no sitemap, and hosts that skip hidden files
/// (GitHub Pages' upload action, the nginx snippet of deploy/) do not publish it.
pub const MARKER: &str = ".ambassade-output";

/// The marker's content: the same at every build (outputs are byte-identical), saying nothing
/// about the machine or the site, for whoever opens it.
pub const MARKER_TEXT: &str =
    "This folder is the output of `ambassade build`, which replaces all of it at every build.\n\
ambassade refuses to replace a folder without this file (unless run with --force).\n";

/// What an existing output folder may hold for a build to replace it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Replace {
    /// Only an empty folder or a previous output (holding `MARKER`).
    #[default]
    OnlyOurs,
    /// Any folder (`build --force`); the site's own folders are still refused.
    Anything,
}

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
        return Err(
            Diagnostic::error(output.display().to_string(), msg!("output-dangerous"))
                .hint(msg!("output-dangerous-hint")),
        );
    }
    if output.exists() && !output.is_dir() {
        return Err(Diagnostic::error(
            output.display().to_string(),
            msg!("output-not-a-folder"),
        ));
    }
    Ok(())
}

/// Refuses to replace an existing folder that is neither empty nor a previous output, unless
/// `replace` says anything goes. Reads the folder, never changes it.
pub fn check_replaceable(output: &Path, replace: Replace) -> Result<(), Diagnostic> {
    if replace == Replace::Anything {
        return Ok(());
    }
    let Ok(mut entries) = fs::read_dir(output) else {
        // Missing (the usual first build), or not a folder: `check_target` and the swap report
        // what is wrong with it.
        return Ok(());
    };
    if entries.next().is_none() || output.join(MARKER).is_file() {
        return Ok(());
    }
    // Outputs of the versions before the marker: the files every build writes at the top.
    let earlier_output = ["index.html", "sitemap.xml", "agenda.ics", "404.html"]
        .iter()
        .all(|f| output.join(f).is_file());
    let d = if earlier_output {
        Diagnostic::error(output.display().to_string(), msg!("output-earlier-version"))
            .hint(msg!("output-earlier-version-hint", marker = MARKER))
    } else {
        Diagnostic::error(output.display().to_string(), msg!("output-foreign-files"))
            .hint(msg!("output-foreign-files-hint", marker = MARKER))
    };
    Err(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_empty_and_marked_folders_may_be_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        assert_eq!(check_replaceable(&out, Replace::OnlyOurs), Ok(()));
        fs::create_dir(&out).unwrap();
        assert_eq!(check_replaceable(&out, Replace::OnlyOurs), Ok(()));
        fs::write(out.join("index.html"), "x").unwrap();
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(check_replaceable(&out, Replace::OnlyOurs), Ok(()));
    }

    #[test]
    fn a_folder_of_someone_else_is_refused_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("thesis");
        fs::create_dir_all(out.join("photos")).unwrap();
        fs::write(out.join("my-thesis.docx"), "chapter 1").unwrap();
        let e = check_replaceable(&out, Replace::OnlyOurs).unwrap_err();
        assert!(
            e.message
                .contains("holds files that ambassade did not write"),
            "{e}"
        );
        assert!(e.hint.unwrap().contains("--force"));
        // A marker folder, not a file, proves nothing.
        fs::create_dir(out.join(MARKER)).unwrap();
        assert!(check_replaceable(&out, Replace::OnlyOurs).is_err());
        assert_eq!(check_replaceable(&out, Replace::Anything), Ok(()));
    }

    #[test]
    fn an_output_of_an_earlier_version_is_refused_with_its_own_hint() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir(&out).unwrap();
        for f in ["index.html", "sitemap.xml", "agenda.ics", "404.html"] {
            fs::write(out.join(f), "x").unwrap();
        }
        let e = check_replaceable(&out, Replace::OnlyOurs).unwrap_err();
        assert!(e.message.contains("earlier version of ambassade"), "{e}");
        assert!(e.hint.unwrap().contains("--force"));
    }
}
