//! The theme: templates, static files and translations. The default theme is compiled into
//! the binary; a site's `themes/<name>/` folder overrides it file by file, and its translation
//! file is merged key by key over the default one. The keys the Rust code reads are checked
//! and typed here too (see `translations`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use include_dir::{include_dir, Dir, DirEntry};
use serde_json::Value;
use tera::Tera;
use walkdir::WalkDir;

use super::translations::Translations;
use crate::diagnostic::{rel, Diagnostic, Diagnostics};
use crate::msg;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub struct Theme {
    pub tera: Arc<Tera>,
    /// Whether the `.html` templates are minified (see `minify`); otherwise every page is.
    pub minified: bool,
    /// Output path (relative, `/`-separated) → bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The translations, as templates see them under `t`.
    pub t: Value,
    /// The translations the Rust code reads, from `t`.
    pub words: Translations,
    /// What a build shows about the theme without failing: why its templates could not be
    /// minified.
    pub warnings: Diagnostics,
}

/// Files of a theme by their path relative to the theme folder, and where each came from.
#[derive(PartialEq)]
struct Files {
    files: BTreeMap<String, (Vec<u8>, PathBuf)>,
}

fn embedded_files() -> Files {
    fn walk(dir: &Dir<'static>, out: &mut BTreeMap<String, (Vec<u8>, PathBuf)>) {
        for entry in dir.entries() {
            match entry {
                DirEntry::Dir(d) => walk(d, out),
                DirEntry::File(f) => {
                    let p = f.path().to_string_lossy().replace('\\', "/");
                    out.insert(
                        p.clone(),
                        (
                            f.contents().to_vec(),
                            PathBuf::from("themes/default").join(&p),
                        ),
                    );
                }
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(&DEFAULT_THEME, &mut files);
    Files { files }
}

/// The last theme compiled, with the files and translations it was made from: the preview
/// server reads the theme's files at each rebuild (cheap) but compiles the templates again
/// only when they changed.
#[derive(Default)]
pub struct ThemeCache(Mutex<Option<(Files, Value, Arc<Theme>)>>);

/// Loads the theme named in the site's configuration (or the default one).
pub fn load(root: &Path, name: Option<&str>, language: &str) -> Result<Theme, Diagnostics> {
    let read = read(root, name, language)?;
    compile(&read.files, read.t, read.words, read.name)
}

/// `load`, reusing the compiled theme of `cache` when its files and translations are the same.
pub fn load_cached(
    root: &Path,
    name: Option<&str>,
    language: &str,
    cache: &ThemeCache,
) -> Result<Arc<Theme>, Diagnostics> {
    let Read {
        files,
        t,
        words,
        name,
    } = read(root, name, language)?;
    let mut slot = cache.0.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((f, tr, theme)) = &*slot {
        if *f == files && *tr == t {
            return Ok(Arc::clone(theme));
        }
    }
    let theme = Arc::new(compile(&files, t.clone(), words, name)?);
    *slot = Some((files, t, Arc::clone(&theme)));
    Ok(theme)
}

/// What a theme is made from.
struct Read<'n> {
    files: Files,
    t: Value,
    words: Translations,
    name: &'n str,
}

/// The theme's files (the default theme's, overridden by the site's) and its translations.
fn read<'n>(root: &Path, name: Option<&'n str>, language: &str) -> Result<Read<'n>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut files = embedded_files();
    let name = name.unwrap_or("default");
    let dir = root.join("themes").join(name);
    // The walker follows its starting folder even when links are off: refuse a linked theme
    // folder (or `themes/` itself) so nothing outside the site is read and published.
    let linked = [root.join("themes"), dir.clone()]
        .iter()
        .any(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()));
    if linked {
        diags.push(
            Diagnostic::error(rel(root, &dir), msg!("render-theme-symlink"))
                .hint(msg!("render-theme-symlink-hint")),
        );
        return Err(diags);
    }
    if dir.is_dir() {
        for entry in WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(Diagnostic::error(
                        rel(root, &dir),
                        msg!("render-theme-unreadable", error = e.to_string()),
                    ));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(&dir) else {
                continue;
            };
            let key = relative.to_string_lossy().replace('\\', "/");
            if key.split('/').any(|part| part.starts_with('.')) {
                continue;
            }
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    files.files.insert(key, (bytes, rel(root, entry.path())));
                }
                Err(e) => diags.push(Diagnostic::error(
                    rel(root, entry.path()),
                    msg!("render-theme-file-unreadable", error = e.to_string()),
                )),
            }
        }
    } else if name != "default" {
        diags.push(
            Diagnostic::error(
                "content/site.yaml",
                msg!("render-theme-missing", name = name),
            )
            .field("theme")
            .hint(msg!("render-theme-missing-hint", name = name)),
        );
        return Err(diags);
    }

    let (t, t_file) = translations(root, name, language, &mut diags);
    if diags.has_errors() {
        return Err(diags);
    }
    let words = Translations::read(&t, &t_file)?;
    Ok(Read {
        files,
        t,
        words,
        name,
    })
}

/// An empty Tera with the theme's own filters: `upper_first` capitalises the first letter and
/// keeps the rest as written (Tera's `capitalize` lowercases it: "First tuesday").
fn new_tera() -> Tera {
    let mut tera = Tera::default();
    tera.register_filter(
        "upper_first",
        |v: &Value, _: &std::collections::HashMap<String, Value>| {
            let s = tera::try_get_value!("upper_first", "value", String, v);
            let mut chars = s.chars();
            Ok(Value::String(match chars.next() {
                Some(c) => c.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }))
        },
    );
    tera
}

/// Compiles the templates and sorts out the static files.
fn compile(files: &Files, t: Value, words: Translations, name: &str) -> Result<Theme, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut sources = Vec::new();
    let mut statics = BTreeMap::new();
    for (key, (bytes, origin)) in &files.files {
        if let Some(tpl) = key.strip_prefix("templates/") {
            match String::from_utf8(bytes.clone()) {
                Ok(s) => sources.push((tpl.to_string(), s)),
                Err(_) => diags.push(Diagnostic::error(origin, msg!("render-template-not-utf8"))),
            }
        } else if let Some(out) = key.strip_prefix("static/") {
            statics.insert(out.to_string(), bytes.clone());
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let forced = super::minify::pages_forced();
    let compiled = {
        let slot = COMPILED.lock().unwrap_or_else(|p| p.into_inner());
        match &*slot {
            Some((s, f, c)) if *s == sources && *f == forced => Some(c.clone()),
            _ => None,
        }
    };
    let compiled = match compiled {
        Some(c) => c,
        None => {
            let c = compile_templates(files, &sources, name, forced)?;
            *COMPILED.lock().unwrap_or_else(|p| p.into_inner()) =
                Some((sources, forced, c.clone()));
            c
        }
    };
    Ok(Theme {
        tera: compiled.tera,
        minified: compiled.minified,
        statics,
        t,
        words,
        warnings: compiled.warnings,
    })
}

/// Templates ready to render, and what a build says about them.
#[derive(Clone)]
struct Compiled {
    tera: Arc<Tera>,
    minified: bool,
    warnings: Diagnostics,
}

/// The last templates compiled in this process, with their sources and whether minifying was
/// switched off: the languages of a site share one theme's templates (only the words they are
/// given differ), and parsing them is most of the time a small site takes to build.
static COMPILED: Mutex<Option<CompiledFrom>> = Mutex::new(None);

/// Compiled templates with what they were compiled from: the sources and `pages_forced`.
type CompiledFrom = (Vec<(String, String)>, bool, Compiled);

/// Compiles the templates minified, or as written when they cannot be minified with
/// certainty (with a warning saying why) or when minifying is switched off (`forced`).
fn compile_templates(
    files: &Files,
    sources: &[(String, String)],
    name: &str,
    forced: bool,
) -> Result<Compiled, Diagnostics> {
    let fallback = if forced {
        None
    } else {
        match minified_tera(sources) {
            Ok(tera) => return Ok(finish(tera, true, Diagnostics::new())),
            Err(fallback) => Some(fallback),
        }
    };
    // As written: syntax errors then point at the lines the author wrote.
    let mut tera = new_tera();
    if let Err(e) = tera.add_raw_templates(sources.to_vec()) {
        let mut diags = Diagnostics::new();
        diags.push(
            Diagnostic::error(format!("themes/{name}/templates"), template_error(&e))
                .hint(msg!("render-template-syntax-hint")),
        );
        return Err(diags);
    }
    let mut warnings = Diagnostics::new();
    if let Some(fallback) = fallback {
        let origin = files
            .files
            .get(&format!("templates/{}", fallback.template))
            .map_or_else(
                || PathBuf::from(format!("themes/{name}/templates")),
                |(_, origin)| origin.clone(),
            );
        warnings.push(
            Diagnostic::warning(
                origin,
                msg!("render-minify-fallback", reason = fallback.reason),
            )
            .hint(msg!("render-minify-fallback-hint")),
        );
    }
    Ok(finish(tera, false, warnings))
}

fn finish(mut tera: Tera, minified: bool, warnings: Diagnostics) -> Compiled {
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::escape::html);
    Compiled {
        tera: Arc::new(tera),
        minified,
        warnings,
    }
}

/// The templates with their HTML minified, or which one cannot be, and why.
fn minified_tera(sources: &[(String, String)]) -> Result<Tera, super::minify::Fallback> {
    let minified = super::minify::templates_or_why(sources)?;
    let mut tera = new_tera();
    match add_templates(&mut tera, minified) {
        Ok(()) => Ok(tera),
        Err(e) => Err(super::minify::Fallback {
            // No one template to blame: Tera names it in its message, the warning names the
            // templates folder.
            template: String::new(),
            reason: format!(
                "the minified templates no longer compile: {}",
                template_error(&e)
            ),
        }),
    }
}

/// `Tera::add_raw_templates`, with the templates parsed side by side: parsing them is most of
/// the time a small site takes to build. The first template (in the given order) that does
/// not parse is the one reported, as `add_raw_templates` would. It fills Tera's `templates`
/// field (public, though left out of Tera 1's documentation) as `add_raw_templates` does: a
/// Tera that changed it would fail to compile here, not misbehave.
fn add_templates(tera: &mut Tera, sources: Vec<(String, String)>) -> tera::Result<()> {
    use rayon::prelude::*;
    let parsed: Vec<tera::Result<tera::Template>> = sources
        .par_iter()
        .map(|(name, source)| {
            tera::Template::new(name, None, source)
                .map_err(|e| tera::Error::chain(format!("Failed to parse '{name}'"), e))
        })
        .collect();
    for ((name, _), template) in sources.into_iter().zip(parsed) {
        tera.templates.insert(name, template?);
    }
    tera.build_inheritance_chains()?;
    tera.check_macro_files()
}

/// The translations (the default theme's, merged with the site theme's) and the file where a
/// key missing from them must be added: the site theme's when it has one.
fn translations(
    root: &Path,
    name: &str,
    language: &str,
    diags: &mut Diagnostics,
) -> (Value, PathBuf) {
    let file = format!("i18n/{language}.yaml");
    let mut blamed = PathBuf::from("themes/default").join(&file);
    let mut base: Option<Value> = DEFAULT_THEME
        .get_file(&file)
        .and_then(|f| f.contents_utf8())
        .and_then(|s| serde_yaml::from_str(s).ok());
    let site_file = root.join("themes").join(name).join(&file);
    if site_file.is_file() {
        let shown = rel(root, &site_file);
        blamed.clone_from(&shown);
        match crate::content::source::read_text(&site_file, &shown) {
            Ok(text) => match serde_yaml::from_str::<Value>(&text) {
                Ok(v) => {
                    base = Some(match base {
                        Some(mut b) => {
                            merge(&mut b, v);
                            b
                        }
                        None => v,
                    })
                }
                Err(e) => diags.push(Diagnostic::error(shown, e.to_string())),
            },
            Err(d) => diags.push(d),
        }
    }
    let t = match base {
        Some(v) => v,
        None => {
            diags.push(
                Diagnostic::error(
                    "content/site.yaml",
                    msg!("render-no-translations", language = language),
                )
                .field("language")
                .hint(msg!(
                    "render-no-translations-hint",
                    name = name,
                    file = file.as_str()
                )),
            );
            Value::Null
        }
    };
    (t, blamed)
}

/// Deep merge: `over`'s keys replace `base`'s, maps are merged recursively.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// Tera's message plus its causes, which hold the useful part (file, line, what was expected).
pub fn template_error(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_is_deep() {
        let mut a = serde_json::json!({"nav": {"home": "Accueil", "kit": "Kit"}, "x": 1});
        merge(&mut a, serde_json::json!({"nav": {"home": "Home"}}));
        assert_eq!(a["nav"]["home"], "Home");
        assert_eq!(a["nav"]["kit"], "Kit");
        assert_eq!(a["x"], 1);
    }

    /// Every key of a translation file, dotted, with what it holds: text, or a list of so many.
    fn shape(v: &Value, path: &str, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    shape(x, &format!("{path}.{k}"), out);
                }
            }
            Value::Array(a) => out.push(format!("{path} (list of {})", a.len())),
            _ => out.push(path.to_string()),
        }
    }

    #[test]
    fn every_translation_of_the_default_theme_has_exactly_the_keys_of_the_french_one() {
        let dir = DEFAULT_THEME
            .get_dir("i18n")
            .expect("the default theme has i18n/");
        let read = |name: &str| -> Vec<String> {
            let file = dir
                .get_file(format!("i18n/{name}"))
                .unwrap_or_else(|| panic!("i18n/{name}"));
            let v: Value = serde_yaml::from_slice(file.contents()).expect(name);
            let mut keys = Vec::new();
            shape(&v, "", &mut keys);
            keys.sort();
            keys
        };
        let french = read("fr.yaml");
        let mut others = 0;
        for f in dir.files() {
            let name = f.path().file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name == "fr.yaml" {
                continue;
            }
            let keys = read(name);
            let missing: Vec<_> = french.iter().filter(|k| !keys.contains(k)).collect();
            let extra: Vec<_> = keys.iter().filter(|k| !french.contains(k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{name}: missing {missing:?}, not in fr.yaml {extra:?}"
            );
            others += 1;
        }
        assert!(others >= 2, "nl.yaml and en.yaml at least");
    }
}
