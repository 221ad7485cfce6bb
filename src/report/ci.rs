//! Problems shown where editors commit: GitHub workflow commands and GitLab Code Quality.
//!
//! Both name files relative to the repository, which is the folder CI runs in: a diagnostic's
//! path is relative to the site folder, so the site folder (`--root`) is put in front of it
//! when it is a relative path, and taken off the current folder when it is an absolute one.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use serde_json::{json, Value};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::i18n::{render, Lang};
use crate::msg;

/// The path of `file` (relative to the site folder `root`) as CI names it: relative to the
/// current folder when it can be, with `/` separators and no `./`.
pub fn repo_path(root: &Path, file: &Path) -> String {
    let joined = root.join(file);
    let relative = if joined.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| joined.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or(joined)
    } else {
        joined
    };
    let parts: PathBuf = relative
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    parts.to_string_lossy().replace('\\', "/")
}

/// Escapes the message part of a workflow command (after `::`), as the runner reads it.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=…,title=…`): the data escapes plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The text of a diagnostic as one message in `lang`: `field: message`, then the hint on its
/// own line.
fn text(d: &Diagnostic, lang: Lang) -> String {
    let mut out = String::new();
    if let Some(field) = &d.field {
        let _ = write!(out, "{field}: ");
    }
    out.push_str(&d.message.in_lang(lang));
    if let Some(hint) = &d.hint {
        let word = render(lang, &msg!("common-hint"));
        let _ = write!(out, "\n{word}: {}", hint.in_lang(lang));
    }
    out
}

/// GitHub Actions workflow commands, one line per diagnostic:
/// `::error file=content/events/x.md,line=4,col=6,title=ambassade check::message%0Ahint: …`.
/// GitHub shows each as an annotation on that line of the commit or pull request.
pub fn github(diags: &Diagnostics, root: &Path, lang: Lang) -> String {
    let mut out = String::new();
    for d in diags.sorted() {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = format!("file={}", escape_property(&repo_path(root, &d.file)));
        if let Some(line) = d.line {
            let _ = write!(props, ",line={line}");
            if let Some(col) = d.column {
                let _ = write!(props, ",col={col}");
            }
        }
        let title = match &d.field {
            Some(field) => format!("ambassade check: {field}"),
            None => "ambassade check".to_string(),
        };
        let _ = writeln!(
            out,
            "::{command} {props},title={}::{}",
            escape_property(&title),
            escape_data(&text(d, lang))
        );
    }
    out
}

/// 64-bit FNV-1a: a fixed, documented hash, so that fingerprints stay the same from one run,
/// one machine and one version of Rust to the next (std's hasher promises none of that).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A GitLab Code Quality report: a JSON array with, per diagnostic, `description`,
/// `check_name`, `fingerprint`, `severity` and `location` (`path`, `lines.begin`).
///
/// The fingerprint hashes the file, the field and the message, not the line, so that a
/// problem keeps its identity when lines are added above it (GitLab compares reports by
/// fingerprint to say which problems a merge request brings or fixes). The same problem twice
/// in one file gets its rank in the hash so that no two entries share a fingerprint. The hash
/// reads the English message, so that a problem keeps its fingerprint whatever the language.
pub fn gitlab(diags: &Diagnostics, root: &Path, lang: Lang) -> Value {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let list: Vec<Value> = diags
        .sorted()
        .into_iter()
        .map(|d| {
            let path = repo_path(root, &d.file);
            let key = format!(
                "{path}\u{0}{}\u{0}{}",
                d.field.as_deref().unwrap_or(""),
                d.message
            );
            let rank = seen.entry(key.clone()).or_insert(0);
            *rank += 1;
            let hashed = if *rank == 1 {
                key
            } else {
                format!("{key}\u{0}{rank}")
            };
            let fingerprint = format!(
                "{:016x}{:016x}",
                fnv1a(hashed.as_bytes()),
                fnv1a(format!("ambassade\u{0}{hashed}").as_bytes())
            );
            json!({
                "description": text(d, lang).replace('\n', " — "),
                "check_name": match &d.field {
                    Some(field) => format!("ambassade/{field}"),
                    None => "ambassade".to_string(),
                },
                "fingerprint": fingerprint,
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "location": {
                    "path": path,
                    // GitLab needs a line: a problem with the whole file points at its first.
                    "lines": { "begin": d.line.unwrap_or(1) },
                },
            })
        })
        .collect();
    Value::Array(list)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    fn diags() -> Diagnostics {
        let mut ds = Diagnostics::new();
        ds.push(
            Diagnostic::error("content/events/salon.md", "100% wrong: a, b\r\nc")
                .at(Some(Pos { line: 3, column: 6 }))
                .field("end")
                .hint("write it: so"),
        );
        ds.push(Diagnostic::warning("content/kit.yaml", "old"));
        ds
    }

    #[test]
    fn github_escapes_data_and_properties() {
        let out = github(&diags(), Path::new("site"), Lang::En);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "::error file=site/content/events/salon.md,line=3,col=6,\
                 title=ambassade check%3A end::end: 100%25 wrong: a, b%0D%0Ac%0Ahint: write it: so",
                "::warning file=site/content/kit.yaml,title=ambassade check::old",
            ]
        );
    }

    #[test]
    fn paths_lose_the_current_folder() {
        assert_eq!(
            repo_path(Path::new("."), Path::new("content/site.yaml")),
            "content/site.yaml"
        );
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            repo_path(&cwd.join("site"), Path::new("content/site.yaml")),
            "site/content/site.yaml"
        );
    }

    #[test]
    fn gitlab_fingerprints_are_stable_and_distinct() {
        let mut ds = diags();
        // The same problem again, further down the same file.
        ds.push(
            Diagnostic::error("content/events/salon.md", "100% wrong: a, b\r\nc")
                .at(Some(Pos { line: 9, column: 1 }))
                .field("end"),
        );
        let v = gitlab(&ds, Path::new("."), Lang::En);
        let prints: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["fingerprint"].as_str().unwrap())
            .collect();
        assert_eq!(prints.len(), 3);
        assert!(prints.iter().all(|p| p.len() == 32));
        assert_ne!(prints[0], prints[1]);
        assert_ne!(prints[0], prints[2]);
        // Moving the problem to another line keeps its fingerprint.
        let mut moved = Diagnostics::new();
        moved.push(
            Diagnostic::error("content/events/salon.md", "100% wrong: a, b\r\nc")
                .at(Some(Pos {
                    line: 30,
                    column: 2,
                }))
                .field("end")
                .hint("write it: so"),
        );
        assert_eq!(
            gitlab(&moved, Path::new("."), Lang::En)[0]["fingerprint"],
            prints[0]
        );
        assert_eq!(v[1]["location"]["lines"]["begin"], 9);
        assert_eq!(v[2]["location"]["lines"]["begin"], 1);
        assert_eq!(v[2]["severity"], "minor");
        assert_eq!(v[0]["severity"], "major");
    }

    #[test]
    fn fnv1a_matches_its_published_test_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
