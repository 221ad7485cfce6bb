//! Ambassadors' private profiles: `<private>/ambassadeurs/<id>.yaml`, one file per ambassador,
//! whose keys are the field ids of the identification sheet (`content/sheets/identification.yaml`):
//! the sheet is the data's schema (`schema::private_profile` writes it as a JSON Schema).
//!
//! `build` never reads them. `check --private` validates them like content and checks them
//! against the rest: every ambassador id of the events has its file, and the folder lies
//! neither inside `content/` (committed, published) nor inside the output folder.

mod value;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_yaml::Value;

use super::files::{read_yaml, FileCx};
use super::raw::SheetFile;
use super::source::{read_text, split_front_matter};
use super::yaml::{edit_distance, parse, spans};
use super::{editor_leftover, LoadOptions};
use crate::diagnostic::{rel, Diagnostic, Diagnostics};
use crate::model::{Event, PrivateProfile, Sheet, Slug};
use crate::msg;

/// The folder of the profiles inside the private folder.
pub const PROFILES: &str = "ambassadeurs";

/// The private folder when none is given: `private/` beside `content/`.
pub fn default_dir(root: &Path) -> PathBuf {
    root.join("private")
}

/// The identification sheet of the site in `root`, read on its own (for the profiles'
/// schema, when the rest of the content does not matter).
pub fn identification_sheet(root: &Path) -> (Option<Sheet>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let content = root.join("content");
    let sheet = read_yaml::<SheetFile>(root, &content, "sheets/identification.yaml", &mut diags)
        .and_then(|(raw, spans, file)| {
            let mut cx = FileCx {
                file,
                spans,
                diags: &mut diags,
                raw_html: false,
            };
            super::sheets::identification_sheet(raw, &mut cx)
        });
    (sheet, diags)
}

/// Reads and checks every profile of `dir` against `sheet`, in file-name order; files with
/// problems are reported and left out.
pub fn profiles(
    root: &Path,
    dir: &Path,
    sheet: &Sheet,
    diags: &mut Diagnostics,
) -> Vec<PrivateProfile> {
    read_profiles(root, dir, sheet, diags).0
}

/// The profiles without problems, and the ids of every profile file found (with problems or
/// not: a file with a mistake still names its ambassador).
fn read_profiles(
    root: &Path,
    dir: &Path,
    sheet: &Sheet,
    diags: &mut Diagnostics,
) -> (Vec<PrivateProfile>, BTreeSet<String>) {
    let (root, dir) = (&absolute(root), &absolute(dir));
    let mut ids = BTreeSet::new();
    let folder = dir.join(PROFILES);
    let shown = rel(root, &folder);
    let entries = match std::fs::read_dir(&folder) {
        Ok(e) => e,
        Err(e) => {
            let (m, h) = if e.kind() == std::io::ErrorKind::NotFound {
                (
                    msg!("private-folder-missing"),
                    msg!("private-folder-missing-hint", folder = PROFILES),
                )
            } else {
                (
                    msg!("content-cannot-read-file", error = e.to_string()),
                    msg!("private-folder-missing-hint", folder = PROFILES),
                )
            };
            diags.push(Diagnostic::error(shown, m).hint(h));
            return (Vec::new(), ids);
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if editor_leftover(&name) || name.starts_with('.') {
            continue;
        }
        let shown = rel(root, &path);
        let Ok(meta) = path.symlink_metadata() else {
            continue;
        };
        // A link could make the profiles of another folder (or any file) read as these.
        if meta.file_type().is_symlink() {
            diags.push(
                Diagnostic::error(&shown, msg!("content-symlink"))
                    .hint(msg!("private-symlink-hint")),
            );
            continue;
        }
        let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
        if !meta.is_file() || !yaml {
            diags.push(
                Diagnostic::warning(&shown, msg!("private-not-a-profile"))
                    .hint(msg!("private-not-a-profile-hint")),
            );
            continue;
        }
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let Some(id) = Slug::parse(stem) else {
            let hint = match Slug::from_text(stem) {
                Some(s) => msg!("private-id-invalid-hint", id = s.as_str()),
                None => msg!("private-id-invalid-no-id-hint"),
            };
            diags.push(
                Diagnostic::error(&shown, msg!("private-id-invalid", name = stem)).hint(hint),
            );
            continue;
        };
        ids.insert(id.to_string());
        let text = match read_text(&path, &shown) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let parsed = match parse::<Value>(&shown, &text, 0) {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let mut cx = FileCx {
            file: shown.clone(),
            spans: parsed.spans,
            diags: &mut *diags,
            raw_html: false,
        };
        if let Some(values) = profile_values(&mut cx, sheet, &parsed.value) {
            out.push(PrivateProfile {
                id,
                source: shown,
                values,
            });
        }
    }
    (out, ids)
}

/// The values of one file, each checked against its field; `None` when one is wrong.
fn profile_values(
    cx: &mut FileCx,
    sheet: &Sheet,
    doc: &Value,
) -> Option<BTreeMap<String, crate::model::ProfileValue>> {
    let map = match doc {
        Value::Mapping(m) => m,
        // An empty file: a profile still to fill in.
        Value::Null => return Some(BTreeMap::new()),
        _ => {
            cx.err(
                "",
                msg!("private-not-a-mapping"),
                Some(msg!("private-not-a-mapping-hint")),
            );
            return None;
        }
    };
    let fields: Vec<_> = sheet
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| f.id.is_some())
        .collect();
    let mut values = BTreeMap::new();
    let mut ok = true;
    for (k, v) in map {
        let key = match k {
            Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        let Some(field) = fields
            .iter()
            .find(|f| f.id.as_deref() == Some(key.as_str()))
        else {
            let ids: Vec<&str> = fields.iter().filter_map(|f| f.id.as_deref()).collect();
            unknown_field(cx, &key, &ids);
            ok = false;
            continue;
        };
        // A key left blank (`phone:`) is an answer not given.
        if v.is_null() {
            continue;
        }
        match value::value(cx, &key, field, v) {
            Some(val) => {
                values.insert(key, val);
            }
            None => ok = false,
        }
    }
    ok.then_some(values)
}

/// A key that is no field of the sheet, at the key's position, with the closest id or the
/// list of them.
fn unknown_field(cx: &mut FileCx, key: &str, ids: &[&str]) {
    let limit = (key.chars().count() / 3).max(1);
    let closest = ids
        .iter()
        .map(|id| (edit_distance(key, id), *id))
        .filter(|(d, _)| *d <= limit)
        .min();
    let hint = match closest {
        Some((_, id)) => msg!("private-field-unknown-closest", field = id),
        None => msg!("private-field-unknown-hint", fields = ids.join(", ")),
    };
    let pos = cx.spans.key(key);
    cx.diags.push(
        Diagnostic::error(&cx.file, msg!("private-field-unknown", field = key))
            .at(pos)
            .hint(hint),
    );
}

/// Where the private folder must not be: inside `content/` (committed, and its files can be
/// published) or inside the output folder (published as it is).
pub fn check_location(root: &Path, dir: &Path, output: &Path, diags: &mut Diagnostics) {
    let (root, dir) = (&absolute(root), &absolute(dir));
    let real = resolved;
    let private = real(dir);
    let shown = rel(root, dir);
    if private.starts_with(real(&root.join("content"))) {
        diags.push(
            Diagnostic::error(&shown, msg!("private-inside-content"))
                .hint(msg!("private-inside-content-hint")),
        );
    }
    if private.starts_with(real(output)) {
        diags.push(
            Diagnostic::error(
                &shown,
                msg!(
                    "private-inside-output",
                    output = rel(root, output).display().to_string()
                ),
            )
            .hint(msg!("private-inside-output-hint")),
        );
    }
}

/// Refuses to write private material (`match --output`, `sheets --out`) at `target` inside
/// the output folder `output`, inside any folder a build marked as its output, or inside
/// `content/`: all of these are published.
pub fn check_destination(root: &Path, target: &Path, output: &Path) -> Result<(), Diagnostic> {
    let place = resolved(target);
    let shown = target.to_path_buf();
    if place.starts_with(resolved(&root.join("content"))) {
        return Err(
            Diagnostic::error(shown, msg!("private-write-inside-content"))
                .hint(msg!("private-write-hint")),
        );
    }
    let marked = place
        .ancestors()
        .find(|a| a.join(crate::output::MARKER).is_file());
    let inside = if place.starts_with(resolved(output)) {
        Some(output.to_path_buf())
    } else {
        marked.map(Path::to_path_buf)
    };
    match inside {
        Some(o) => Err(Diagnostic::error(
            shown,
            msg!(
                "private-write-inside-output",
                output = o.display().to_string()
            ),
        )
        .hint(msg!("private-write-hint"))),
        None => Ok(()),
    }
}

/// `p` absolute with its existing part's links resolved: a file still to write compares with
/// the folders it would land in.
fn resolved(p: &Path) -> PathBuf {
    let p = absolute(p);
    let mut rest = Vec::new();
    let mut cur = p.as_path();
    loop {
        if let Ok(real) = std::fs::canonicalize(cur) {
            return rest.iter().rev().fold(real, |acc, c| acc.join(c));
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                cur = parent;
            }
            _ => return p,
        }
    }
}

/// Every ambassador id given in an event names a profile: an error at the id's line otherwise.
pub fn check_event_ids(
    root: &Path,
    events: &[Arc<Event>],
    known: &BTreeSet<String>,
    dir: &Path,
    diags: &mut Diagnostics,
) {
    let (root, dir) = (&absolute(root), &absolute(dir));
    for ev in events {
        // The event's front matter is read again only when it names someone unknown.
        let mut lines = None;
        for (i, r) in ev.representatives.iter().enumerate() {
            let Some(id) = &r.id else { continue };
            if known.contains(id.as_str()) {
                continue;
            }
            let path = format!("representatives[{i}].id");
            let spans = lines.get_or_insert_with(|| front_spans(root, &ev.source));
            let pos = spans.as_ref().and_then(|s| s.value(&path));
            let limit = (id.as_str().len() / 3).max(1);
            let closest = known
                .iter()
                .map(|k| (edit_distance(id.as_str(), k), k.as_str()))
                .filter(|(d, _)| *d <= limit)
                .min();
            let file = rel(root, &dir.join(PROFILES).join(format!("{id}.yaml")));
            let hint = match closest {
                Some((_, k)) => msg!("private-id-unknown-closest", id = k),
                None => msg!("private-id-unknown-hint", file = file.display().to_string()),
            };
            diags.push(
                Diagnostic::error(&ev.source, msg!("private-id-unknown", id = id.as_str()))
                    .at(pos)
                    .field(path)
                    .hint(hint),
            );
        }
    }
}

/// `p` made absolute (without resolving links), so that a folder given from the working
/// directory and a site folder given as `.` compare, and messages name files inside the site
/// relative to it and the others in full.
fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The positions of an event file's front matter (`source` is relative to `root`).
fn front_spans(root: &Path, source: &Path) -> Option<super::yaml::Spans> {
    let text = read_text(&root.join(source), source).ok()?;
    let fm = split_front_matter(&text, source).ok()?;
    Some(spans(fm.yaml, fm.yaml_line_offset))
}

/// `check --private DIR`: the folder's place, every profile, and the events' ids against them.
/// Problems of `content/` itself are left to the check of the content.
pub fn check(root: &Path, dir: &Path, output: &Path, opts: &LoadOptions) -> Diagnostics {
    let mut diags = Diagnostics::new();
    check_location(root, dir, output, &mut diags);
    let (content, _) = super::load(root, opts);
    match content {
        Some(c) => {
            let (_, ids) = read_profiles(root, dir, &c.sheets.identification, &mut diags);
            // Without the folder every id would be reported: its absence says it all.
            if dir.join(PROFILES).is_dir() {
                check_event_ids(root, &c.events, &ids, dir, &mut diags);
            }
        }
        None => {
            if let (Some(sheet), _) = identification_sheet(root) {
                profiles(root, dir, &sheet, &mut diags);
            }
        }
    }
    diags
}
