//! The site's words in its other languages (`languages:` in site.yaml after the first), read
//! from files beside the originals and checked against them:
//!
//! - `site.<ll>.yaml` (title, description), `baseline.<ll>.yaml`, `axes.<ll>.yaml`,
//!   `charter.<ll>.yaml`: the same fields as the original;
//! - `lexicon.<ll>.yaml`: the introduction and the translated terms, with the original's ids;
//! - `pages/<slug>.<ll>.md`: a page's title, description and text;
//! - `events/<slug>.<ll>.md`: an event's words (`events::translation`).
//!
//! A translation names its original by its file name: one whose original is missing, or in a
//! language the site does not list, is an error.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use walkdir::WalkDir;

use super::files::{read_yaml, FileCx, MdFile};
use super::raw::{AxesFile, BaselineFile, CharterFile, LexiconFile, PageFront, SiteTextsFile};
use super::source::read_text;
use super::texts;
use super::values::is_language_code;
use crate::diagnostic::{rel, Diagnostic, Diagnostics};
use crate::model::{Config, Event, Lexicon, Page, Slug, Translation};
use crate::msg;

/// The YAML files a translation may sit beside.
const YAML_FILES: [&str; 5] = ["site", "baseline", "axes", "charter", "lexicon"];

/// `name.ll.ext` → (`name`, `ll`) when `ll` looks like a language code.
pub(super) fn translation_name<'a>(file_name: &'a str, ext: &str) -> Option<(&'a str, &'a str)> {
    let stem = file_name.strip_suffix(ext)?.strip_suffix('.')?;
    let (name, lang) = stem.rsplit_once('.')?;
    (is_language_code(lang) && !name.is_empty()).then_some((name, lang))
}

/// What the translations are checked against.
pub(super) struct Originals<'a> {
    pub config: &'a Config,
    pub lexicon: Option<&'a Lexicon>,
    pub pages: &'a [Page],
    /// By slug: a site may translate thousands of events.
    pub events: HashMap<&'a Slug, &'a Arc<Event>>,
    pub raw_html: bool,
}

/// Every translation of the site, one per language after the first.
pub(super) fn translations(
    root: &Path,
    content_dir: &Path,
    orig: &Originals,
    diags: &mut Diagnostics,
) -> Vec<Translation> {
    let others = &orig.config.languages[1..];
    let mut out: Vec<Translation> = others
        .iter()
        .map(|l| Translation {
            lang: l.clone(),
            ..Default::default()
        })
        .collect();
    let foreign = |lang: &str, shown: &Path, diags: &mut Diagnostics| {
        let listed = orig.config.languages.join(", ");
        diags.push(
            Diagnostic::error(
                shown,
                msg!(
                    "content-translation-language-unlisted",
                    lang = lang,
                    listed = listed
                ),
            )
            .hint(msg!(
                "content-translation-language-unlisted-hint",
                lang = lang
            )),
        );
    };

    // The YAML files beside site.yaml.
    let mut names: Vec<String> = std::fs::read_dir(content_dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    for name in names {
        let Some((base, lang)) = translation_name(&name, "yaml") else {
            continue;
        };
        if !YAML_FILES.contains(&base) {
            continue;
        }
        let shown = rel(root, &content_dir.join(&name));
        let Some(t) = out.iter_mut().find(|t| t.lang == lang) else {
            if lang != orig.config.language {
                foreign(lang, &shown, diags);
            }
            continue;
        };
        yaml_translation(root, content_dir, &name, base, t, orig, diags);
    }

    // Pages and events.
    for (folder, is_event) in [("pages", false), ("events", true)] {
        for (path, slug, lang) in markdown_translations(&content_dir.join(folder)) {
            let shown = rel(root, &path);
            let Some(t) = out.iter_mut().find(|t| t.lang == lang) else {
                foreign(&lang, &shown, diags);
                continue;
            };
            let text = match read_text(&path, &shown) {
                Ok(text) => text,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            let Some(slug) = Slug::parse(&slug) else {
                diags.push(
                    Diagnostic::error(&shown, msg!("content-file-name-invalid", name = &slug))
                        .hint(msg!("content-file-name-invalid-no-name-hint")),
                );
                continue;
            };
            let file = MdFile { shown, slug, text };
            if is_event {
                if let Some(e) = super::events::translation(&file, &lang, orig, diags) {
                    t.events.push(Arc::new(e));
                }
            } else if let Some(p) = page(&file, orig, diags) {
                t.pages.push(p);
            }
        }
    }
    out
}

/// The error of a translation whose original (`original`, a path in `content/`) is missing.
pub(super) fn original_missing(file: &MdFile, original: &str) -> Diagnostic {
    Diagnostic::error(
        &file.shown,
        msg!("content-translation-original-missing", original = original),
    )
    .hint(msg!("content-translation-original-missing-hint"))
}

/// Markdown files named `<slug>.<ll>.md` under `dir`, in name order.
fn markdown_translations(dir: &Path) -> Vec<(std::path::PathBuf, String, String)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let name = e.file_name().to_str()?;
            if super::files::editor_leftover(name) {
                return None;
            }
            let (slug, lang) = translation_name(name, "md")?;
            Some((e.path().to_path_buf(), slug.to_string(), lang.to_string()))
        })
        .collect()
}

fn yaml_translation(
    root: &Path,
    content_dir: &Path,
    name: &str,
    base: &str,
    t: &mut Translation,
    orig: &Originals,
    diags: &mut Diagnostics,
) {
    let raw_html = orig.raw_html;
    macro_rules! file {
        ($ty:ty, $f:expr) => {
            read_yaml::<$ty>(root, content_dir, name, diags).and_then(|(raw, spans, file)| {
                let mut cx = FileCx {
                    file,
                    spans,
                    diags: &mut *diags,
                    raw_html,
                };
                $f(raw, &mut cx)
            })
        };
    }
    match base {
        "site" => {
            if let Some(s) = file!(SiteTextsFile, |raw: SiteTextsFile, cx: &mut FileCx| {
                Some((
                    raw.title.map(|v| cx.required_text("title", &v)),
                    raw.description.map(|v| cx.required_text("description", &v)),
                ))
            }) {
                (t.title, t.description) = s;
            }
        }
        "baseline" => t.baseline = file!(BaselineFile, texts::baseline),
        "axes" => t.axes = file!(AxesFile, texts::axes),
        "charter" => t.charter = file!(CharterFile, texts::charter),
        _ => {
            let known: HashSet<Slug> = orig
                .lexicon
                .map(|l| l.terms.iter().map(|t| t.id.clone()).collect())
                .unwrap_or_default();
            let checked = orig.lexicon.is_some();
            let lexicon = file!(LexiconFile, |raw: LexiconFile, cx: &mut FileCx| {
                let ids: Vec<(usize, Option<String>)> = raw
                    .terms
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (i, t.id.clone()))
                    .collect();
                let lexicon = texts::lexicon_with(raw, cx, &known)?;
                // Each translated term names its original by id (a Dutch term would otherwise
                // get an id made from the Dutch word).
                for ((i, id), term) in ids.iter().zip(&lexicon.terms) {
                    if id.is_none() {
                        cx.err(
                            &format!("terms[{i}].term"),
                            msg!("content-translation-term-no-id", term = &term.term),
                            Some(msg!("content-translation-term-no-id-hint")),
                        );
                    } else if checked && !known.contains(&term.id) {
                        cx.err(
                            &format!("terms[{i}].id"),
                            msg!("content-translation-term-unknown", id = term.id.to_string()),
                            Some(msg!("content-translation-term-unknown-hint")),
                        );
                    }
                }
                Some(lexicon)
            });
            if let Some(l) = lexicon {
                t.lexicon_introduction_html = l.introduction_html;
                t.terms = l.terms;
            }
        }
    }
}

/// A page's translation: its own title, description and text; its place in the menu is the
/// original's.
fn page(file: &MdFile, orig: &Originals, diags: &mut Diagnostics) -> Option<Page> {
    let original: HashMap<&Slug, &Page> = orig.pages.iter().map(|p| (&p.slug, p)).collect();
    let Some(original) = original.get(&file.slug) else {
        diags.push(original_missing(file, &format!("pages/{}.md", file.slug)));
        return None;
    };
    let (parsed, body) = file.front_or_report::<PageFront>(diags)?;
    let mut cx = FileCx {
        file: file.shown.clone(),
        spans: parsed.spans,
        diags: &mut *diags,
        raw_html: orig.raw_html,
    };
    let front = parsed.value;
    let title = cx.required_text("title", &front.title);
    Some(Page {
        slug: file.slug.clone(),
        title,
        description: front.description,
        menu: original.menu,
        content_html: cx.md(body),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_names_are_recognised() {
        assert_eq!(
            translation_name("salon-2027.nl.md", "md"),
            Some(("salon-2027", "nl"))
        );
        assert_eq!(
            translation_name("lexicon.nl.yaml", "yaml"),
            Some(("lexicon", "nl"))
        );
        assert_eq!(translation_name("salon-2027.md", "md"), None);
        assert_eq!(translation_name(".nl.md", "md"), None);
        assert_eq!(translation_name("salon.NL.md", "md"), None);
        assert_eq!(translation_name("salon.v2.md", "md"), None);
    }
}
