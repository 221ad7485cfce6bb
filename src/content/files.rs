//! One file of `content/` at a time: finding the files (never through a symbolic link), reading
//! a YAML file or a Markdown file's front matter, and `FileCx`, which locates each problem
//! found in a file by the position of its field and adds it to the shared list.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use super::source::{kind_of, not_a_file, read_text, split_front_matter};
use super::values::{parse_date, time_zone, web_address, windows_reserved};
use super::yaml::{parse, Parsed, Spans};
use crate::diagnostic::{rel, Diagnostic, Diagnostics, Pos, Severity, Text};
use crate::i18n::Msg;
use crate::markdown;
use crate::model::Slug;
use crate::msg;

/// The checks of one file: where it is, where its values are, and the shared problem list.
pub(super) struct FileCx<'a> {
    pub file: PathBuf,
    pub spans: Spans,
    pub diags: &'a mut Diagnostics,
    /// Whether the Markdown may hold raw HTML (`allow_raw_html` of site.yaml).
    pub raw_html: bool,
}

impl<'a> FileCx<'a> {
    /// A context for unit tests: a file with no text (so no positions), plain Markdown.
    #[cfg(test)]
    pub fn for_test(file: &str, diags: &'a mut Diagnostics) -> FileCx<'a> {
        FileCx {
            file: PathBuf::from(file),
            spans: super::yaml::spans("", 0),
            diags,
            raw_html: false,
        }
    }

    pub fn pos(&self, path: &str) -> Option<Pos> {
        self.spans.value(path)
    }

    /// An error at `path` from the catalogues: `cx.err("end", msg!("events-end-before-start",
    /// …), Some(msg!(…)))`.
    pub fn err(&mut self, path: &str, message: Msg, hint: Option<Msg>) {
        self.push(Severity::Error, path, message.into(), hint.map(Text::from));
    }

    /// A warning at `path` from the catalogues, with its hint.
    pub fn warn(&mut self, path: &str, message: Msg, hint: Msg) {
        self.push(Severity::Warning, path, message.into(), Some(hint.into()));
    }

    fn push(&mut self, severity: Severity, path: &str, message: Text, hint: Option<Text>) {
        let mut d = match severity {
            Severity::Error => Diagnostic::error(&self.file, message),
            Severity::Warning => Diagnostic::warning(&self.file, message),
        }
        .at(self.pos(path));
        if !path.is_empty() {
            d = d.field(path);
        }
        d.hint = hint;
        self.diags.push(d);
    }

    pub fn md(&self, text: &str) -> String {
        markdown::to_html(text, self.raw_html)
    }

    pub fn md_opt(&self, text: &Option<String>) -> Option<String> {
        text.as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| self.md(t))
    }

    pub fn required_text(&mut self, path: &str, value: &str) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.err(
                path,
                msg!("content-field-empty"),
                Some(msg!("content-field-empty-hint")),
            );
        }
        v.to_string()
    }

    pub fn url(&mut self, path: &str, value: &str) -> Option<url::Url> {
        web_address(value)
            .map_err(|e| self.err(path, e.message, Some(e.hint)))
            .ok()
    }

    pub fn date(&mut self, path: &str, value: &str) -> Option<NaiveDate> {
        match parse_date(value) {
            Ok(d) => Some(d),
            Err(m) => {
                self.err(path, m, Some(msg!("content-date-hint")));
                None
            }
        }
    }

    pub fn timezone(&mut self, path: &str, name: &str) -> Option<Tz> {
        let tz = time_zone(name);
        if tz.is_none() {
            self.err(
                path,
                msg!("content-timezone-unknown", name = name),
                Some(msg!("content-timezone-unknown-hint")),
            );
        }
        tz
    }

    /// The slug given in `id`, or one made from `text`.
    pub fn id_or_slug(&mut self, path: &str, id: &Option<String>, text: &str) -> Option<Slug> {
        match id {
            Some(id) => {
                let s = Slug::parse(id.trim());
                if s.is_none() {
                    self.err(
                        path,
                        msg!("content-id-invalid", id = id),
                        Some(msg!("content-id-invalid-hint")),
                    );
                }
                s
            }
            None => {
                let s = Slug::from_text(text);
                if s.is_none() {
                    self.err(
                        path,
                        msg!("content-id-from-text", text = text),
                        Some(msg!("content-id-from-text-hint")),
                    );
                }
                s
            }
        }
    }
}

/// Reads and deserialises one YAML file of `content/`.
pub(super) fn read_yaml<T: DeserializeOwned>(
    root: &Path,
    content_dir: &Path,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<(T, Spans, PathBuf)> {
    let path = content_dir.join(name);
    let shown = rel(root, &path);
    // Like the Markdown files: a link could point outside the site folder, and so could a
    // linked folder on the way to the file (`sheets/` for `sheets/mission.yaml`).
    if let Some(link) = linked_component(content_dir, Path::new(name)) {
        diags.push(
            Diagnostic::error(rel(root, &link), msg!("content-symlink"))
                .hint(msg!("content-symlink-file-hint")),
        );
        return None;
    }
    match path.symlink_metadata() {
        Ok(m) if m.is_file() => {}
        Ok(m) => {
            diags.push(
                Diagnostic::error(
                    &shown,
                    msg!("content-not-a-text-file", kind = kind_of(&m.file_type())),
                )
                .hint(msg!("content-required-not-a-file-hint")),
            );
            return None;
        }
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            // `sheets` being a file, for `sheets/mission.yaml`: say so rather than "missing".
            if let Some((parent, m)) = blocking_parent(content_dir, Path::new(name)) {
                diags.push(
                    Diagnostic::error(
                        rel(root, &parent),
                        msg!("content-not-a-folder", kind = kind_of(&m.file_type())),
                    )
                    .hint(msg!("content-not-a-folder-holding-hint", name = name)),
                );
            } else {
                diags.push(Diagnostic::error(
                    &shown,
                    msg!("content-cannot-read-file", error = e.to_string()),
                ));
            }
            return None;
        }
        Err(_) => {
            diags.push(
                Diagnostic::error(&shown, msg!("content-file-missing"))
                    .hint(msg!("content-file-missing-hint")),
            );
            return None;
        }
    }
    let text = match read_text(&path, &shown) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match parse::<T>(&shown, &text, 0) {
        Ok(p) => Some((p.value, p.spans, shown)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The first of `base/relative`'s parent folders that exists but is not a folder, if any.
fn blocking_parent(base: &Path, relative: &Path) -> Option<(PathBuf, std::fs::Metadata)> {
    let mut p = base.to_path_buf();
    for c in relative.parent()?.components() {
        p.push(c);
        match p.symlink_metadata() {
            Ok(m) if !m.is_dir() => return Some((p, m)),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// The first symbolic link among `base/relative`'s components below `base`, if any.
fn linked_component(base: &Path, relative: &Path) -> Option<PathBuf> {
    let mut p = base.to_path_buf();
    for c in relative.components() {
        p.push(c);
        if p.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Some(p);
        }
    }
    None
}

/// The Markdown files under `dir`, sorted by path so that every build sees the same order.
/// Every other entry is reported, except editors' leftovers (`editor_leftover`, hidden folders
/// with all they hold): a file named almost like a Markdown file (`salon.MD`, `salon.markdown`)
/// or not at all gets a warning, what cannot be content (a named pipe, `dir` being a file) an
/// error. Symbolic links are reported, not followed: a link could point outside the site
/// folder.
pub(super) fn markdown_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let meta = match dir.symlink_metadata() {
        Ok(m) => m,
        // No such folder: a site without pages or events.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return out,
        Err(e) => {
            diags.push(Diagnostic::error(
                rel(root, dir),
                msg!("content-cannot-read", error = e.to_string()),
            ));
            return out;
        }
    };
    // WalkDir always follows its starting point: a linked `events/` is refused here.
    if meta.file_type().is_symlink() {
        diags.push(
            Diagnostic::error(rel(root, dir), msg!("content-symlink"))
                .hint(msg!("content-symlink-folder-hint")),
        );
        return out;
    }
    if !meta.is_dir() {
        diags.push(
            Diagnostic::error(
                rel(root, dir),
                msg!("content-not-a-folder", kind = kind_of(&meta.file_type())),
            )
            .hint(msg!("content-not-a-folder-of-md-hint")),
        );
        return out;
    }
    let walk = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        // A hidden folder (`.git`) is skipped with everything in it.
        .filter_entry(|e| e.depth() == 0 || !editor_leftover(&e.file_name().to_string_lossy()));
    for entry in walk {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e
                    .path()
                    .map(|p| rel(root, p))
                    .unwrap_or_else(|| rel(root, dir));
                diags.push(Diagnostic::error(
                    p,
                    msg!("content-cannot-read", error = e.to_string()),
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let shown = rel(root, entry.path());
        let file_type = entry.file_type();
        if entry.path_is_symlink() {
            let hint = if entry.path().is_dir() {
                msg!("content-symlink-folder-hint")
            } else {
                msg!("content-symlink-file-hint")
            };
            diags.push(Diagnostic::error(shown, msg!("content-symlink")).hint(hint));
        } else if file_type.is_dir() {
            if markdown_like(&name).is_some() {
                diags.push(
                    Diagnostic::warning(shown, msg!("content-folder-named-like-markdown"))
                        .hint(msg!("content-folder-named-like-markdown-hint")),
                );
            }
        } else if !file_type.is_file() {
            diags.push(not_a_file(&shown, &file_type));
        } else if entry.path().extension().is_some_and(|e| e == "md") {
            // `<slug>.<ll>.md` is a translation, read with the other languages
            // (`super::translations`).
            if super::translations::translation_name(&name, "md").is_none() {
                out.push(entry.into_path());
            }
        } else {
            let hint = match markdown_like(&name) {
                Some(stem) => {
                    let slug = Slug::from_text(stem)
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| stem.to_string());
                    msg!("content-rename-to-md-hint", name = slug)
                }
                None => msg!("content-only-md-hint"),
            };
            diags.push(Diagnostic::warning(shown, msg!("content-not-md")).hint(hint));
        }
    }
    out
}

/// Names editors and systems leave beside the files they save, and hidden files: the loader
/// skips them without a word, and the preview server does not rebuild for them.
pub(crate) fn editor_leftover(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".new-tmp")
        || name == "4913"
}

/// For a name that looks meant as a Markdown file without ending in `.md` (`salon.MD`,
/// `salon.markdown`, `salon.md.txt`), the part before the extension.
fn markdown_like(name: &str) -> Option<&str> {
    let lower = name.to_ascii_lowercase();
    for ext in [".md", ".markdown", ".mdown", ".mkd", ".mkdn"] {
        if lower.ends_with(ext) {
            return Some(&name[..name.len() - ext.len()]);
        }
        // `salon.md.txt`: an editor added its own extension.
        if let Some(i) = lower.find(&format!("{ext}.")) {
            return Some(&name[..i]);
        }
    }
    None
}

/// The organisation's name and the sheets' titles are also printed in the sheets' page
/// header, which is CSS inside a `<style>` element; the page minifier rewrites CSS escapes
/// back into plain characters, so `<` there could close the element. They are refused.
pub(super) fn no_angle_brackets(cx: &mut FileCx, path: &str, text: &str) {
    if text.contains(['<', '>']) {
        cx.err(
            path,
            msg!("content-angle-brackets", text = text),
            Some(msg!("content-angle-brackets-hint")),
        );
    }
}

/// The slug of a Markdown file: its name without `.md`, checked.
pub(super) fn file_slug(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<Slug> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let slug = Slug::parse(&stem);
    if slug.as_ref().is_some_and(|s| windows_reserved(s.as_str())) {
        diags.push(
            Diagnostic::error(
                rel(root, path),
                msg!("content-file-name-windows-reserved", name = &stem),
            )
            .hint(msg!(
                "content-file-name-windows-reserved-hint",
                name = &stem
            )),
        );
        return None;
    }
    if slug.is_none() {
        let hint = match Slug::from_text(&stem) {
            Some(s) => msg!("content-file-name-invalid-hint", name = s.to_string()),
            None => msg!("content-file-name-invalid-no-name-hint"),
        };
        diags.push(
            Diagnostic::error(
                rel(root, path),
                msg!("content-file-name-invalid", name = &stem),
            )
            .hint(hint),
        );
    }
    slug
}

/// A Markdown file read, with its slug (its name, already checked).
pub(super) struct MdFile {
    pub shown: PathBuf,
    pub slug: Slug,
    pub text: String,
}

impl MdFile {
    /// The front matter deserialised into `T`, with its positions, and the Markdown body.
    // Its error is pushed straight into the diagnostics list.
    #[allow(clippy::result_large_err)]
    pub fn front<T: DeserializeOwned>(&self) -> Result<(Parsed<T>, &str), Diagnostic> {
        let fm = split_front_matter(&self.text, &self.shown)?;
        let parsed = parse::<T>(&self.shown, fm.yaml, fm.yaml_line_offset)?;
        Ok((parsed, fm.body))
    }

    /// `front`, its problem (if any) reported into `diags`.
    pub fn front_or_report<T: DeserializeOwned>(
        &self,
        diags: &mut Diagnostics,
    ) -> Option<(Parsed<T>, &str)> {
        self.front().map_err(|d| diags.push(d)).ok()
    }
}

pub(super) fn read_markdown_dir(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<MdFile> {
    let mut out = Vec::new();
    for path in markdown_files(root, dir, diags) {
        let shown = rel(root, &path);
        let slug = file_slug(root, &path, diags);
        match read_text(&path, &shown) {
            Ok(text) => {
                if let Some(slug) = slug {
                    out.push(MdFile { shown, slug, text });
                }
            }
            Err(d) => diags.push(d),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_meant_as_markdown_are_recognised() {
        assert_eq!(markdown_like("salon.MD"), Some("salon"));
        assert_eq!(markdown_like("salon.markdown"), Some("salon"));
        assert_eq!(markdown_like("salon.md.txt"), Some("salon"));
        assert_eq!(markdown_like("dossier.md"), Some("dossier"));
        assert_eq!(markdown_like("notes.mkdn"), Some("notes"));
        assert_eq!(markdown_like("photo.jpg"), None);
        assert_eq!(markdown_like("mdn.txt"), None);
    }

    #[test]
    fn editor_leftovers_are_recognised() {
        for name in [
            ".salon.md.swp",
            "salon.md~",
            ".DS_Store",
            "4913",
            "x.md.tmp",
        ] {
            assert!(editor_leftover(name), "{name}");
        }
        assert!(!editor_leftover("salon.md"));
        assert!(!editor_leftover("salon.MD"));
    }
}
