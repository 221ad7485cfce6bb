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

    /// An error at `path` (a dotted field, or "" for the whole file). Plain English: new
    /// code uses `err` with catalogue messages instead.
    pub fn error(&mut self, path: &str, message: impl Into<Text>, hint: Option<&str>) {
        self.push(Severity::Error, path, message.into(), hint.map(Text::from));
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
            self.error(
                path,
                "this field is empty",
                Some("write a value, it is required"),
            );
        }
        v.to_string()
    }

    pub fn url(&mut self, path: &str, value: &str) -> Option<url::Url> {
        web_address(value)
            .map_err(|e| self.error(path, e.message, Some(&e.hint)))
            .ok()
    }

    pub fn date(&mut self, path: &str, value: &str) -> Option<NaiveDate> {
        match parse_date(value) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(
                    path,
                    msg,
                    Some("write the date as YYYY-MM-DD, e.g. 2027-03-14"),
                );
                None
            }
        }
    }

    pub fn timezone(&mut self, path: &str, name: &str) -> Option<Tz> {
        let tz = time_zone(name);
        if tz.is_none() {
            self.error(
                path,
                format!("`{name}` is not a known time zone"),
                Some("use an IANA time-zone name such as Europe/Brussels, Europe/Paris or America/Montreal"),
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
                    self.error(
                        path,
                        format!("`{id}` is not a valid id"),
                        Some("use lowercase letters without accents, digits and single dashes, e.g. groupe-d-appui"),
                    );
                }
                s
            }
            None => {
                let s = Slug::from_text(text);
                if s.is_none() {
                    self.error(
                        path,
                        format!("no id can be made from `{text}`"),
                        Some("add an `id:` made of lowercase letters, digits and dashes"),
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
            Diagnostic::error(rel(root, &link), "symbolic links are not followed")
                .hint("copy the file into the content folder instead of linking to it"),
        );
        return None;
    }
    match path.symlink_metadata() {
        Ok(m) if m.is_file() => {}
        Ok(m) => {
            diags.push(
                Diagnostic::error(&shown, format!("this is {}, not a text file", kind_of(&m.file_type())))
                    .hint("every site needs this file: replace it by the file, copied from the example site's content/ folder and adapted"),
            );
            return None;
        }
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            // `sheets` being a file, for `sheets/mission.yaml`: say so rather than "missing".
            if let Some((parent, m)) = blocking_parent(content_dir, Path::new(name)) {
                diags.push(
                    Diagnostic::error(
                        rel(root, &parent),
                        format!("this is {}, not a folder", kind_of(&m.file_type())),
                    )
                    .hint(format!("it should be a folder holding {name}")),
                );
            } else {
                diags.push(Diagnostic::error(
                    &shown,
                    format!("cannot read the file: {e}"),
                ));
            }
            return None;
        }
        Err(_) => {
            diags.push(Diagnostic::error(&shown, "this file is missing").hint(
                "every site needs it: copy it from the example site's content/ folder and adapt it",
            ));
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
                format!("cannot read: {e}"),
            ));
            return out;
        }
    };
    // WalkDir always follows its starting point: a linked `events/` is refused here.
    if meta.file_type().is_symlink() {
        diags.push(
            Diagnostic::error(rel(root, dir), "symbolic links are not followed")
                .hint("copy the folder into the content folder instead of linking to it"),
        );
        return out;
    }
    if !meta.is_dir() {
        diags.push(
            Diagnostic::error(
                rel(root, dir),
                format!("this is {}, not a folder", kind_of(&meta.file_type())),
            )
            .hint("it should be a folder of .md files: rename it, and create the folder"),
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
                diags.push(Diagnostic::error(p, format!("cannot read: {e}")));
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
            let what = if entry.path().is_dir() {
                "folder"
            } else {
                "file"
            };
            diags.push(
                Diagnostic::error(shown, "symbolic links are not followed").hint(format!(
                    "copy the {what} into the content folder instead of linking to it"
                )),
            );
        } else if file_type.is_dir() {
            if markdown_like(&name).is_some() {
                diags.push(
                    Diagnostic::warning(shown, "this folder is named like a Markdown file")
                        .hint("a folder is not a page or an event, only the .md files in it are: rename it without the extension"),
                );
            }
        } else if !file_type.is_file() {
            diags.push(not_a_file(&shown, &file_type));
        } else if entry.path().extension().is_some_and(|e| e == "md") {
            out.push(entry.into_path());
        } else {
            let hint = match markdown_like(&name) {
                Some(stem) => {
                    let slug = Slug::from_text(stem)
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| stem.to_string());
                    format!("rename it to {slug}.md")
                }
                None => "only .md files are read here: move it out of this folder (files to hand out belong to the kit: content/kit/ and kit.yaml)".to_string(),
            };
            diags.push(
                Diagnostic::warning(shown, "this file is not read: its name does not end in .md")
                    .hint(hint),
            );
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
        cx.error(
            path,
            format!("`{text}`: the characters < and > cannot be used here"),
            Some("this text is printed in the page header of the printable sheets, where they are not allowed; write « » or remove them"),
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
                format!("`{stem}` is a name Windows reserves for a device"),
            )
            .hint(format!(
                "such a file cannot exist on an editor's Windows machine, nor its web address as a folder: rename it, e.g. {stem}-2027.md"
            )),
        );
        return None;
    }
    if slug.is_none() {
        let suggestion = Slug::from_text(&stem)
            .map(|s| format!("rename it to {s}.md"))
            .unwrap_or_else(|| "rename it".into());
        diags.push(
            Diagnostic::error(
                rel(root, path),
                format!("`{stem}` cannot be used in a web address"),
            )
            .hint(format!(
                "file names use lowercase letters without accents, digits and dashes: {suggestion}"
            )),
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
