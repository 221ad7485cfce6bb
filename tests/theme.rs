//! A site's own theme as the build sees it when it loads: the translations the Rust code reads
//! must all be there, and templates that cannot be minified once are named in a warning.

mod support;

use std::fs;
use std::path::Path;

use support::{bin, repo, stderr, TODAY};

/// `ambassade build` of `site` into its `public/`; the exit code and what it printed.
fn build(site: &Path) -> (Option<i32>, String) {
    let out = bin()
        .args(["build", "--today", TODAY, "--root"])
        .arg(site)
        .env_remove("AMBASSADE_MINIFY")
        .output()
        .expect("the binary runs");
    (out.status.code(), stderr(&out))
}

/// Adds `lines` to the site's `content/site.yaml`.
fn configure(site: &Path, lines: &str) {
    let path = site.join("content/site.yaml");
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(lines);
    fs::write(path, text).unwrap();
}

/// A site in a language the default theme has no file for (German) brings the whole
/// translations file: one key the Rust code
/// reads missing from it fails the build, naming the key and the file, instead of a page
/// showing a stand-in.
#[test]
fn a_translation_missing_from_a_site_theme_fails_the_build() {
    let (_tmp, site) = support::minimal_site();
    configure(&site, "language: de\ntheme: maison\n");
    let i18n = site.join("themes/maison/i18n");
    fs::create_dir_all(&i18n).unwrap();
    let whole = fs::read_to_string(repo().join("themes/default/i18n/fr.yaml")).unwrap();
    fs::write(i18n.join("de.yaml"), &whole).unwrap();
    let (code, err) = build(&site);
    assert_eq!(code, Some(0), "{err}");

    let line = "  archive: Archives de l’agenda\n";
    assert_eq!(
        whole.matches(line).count(),
        1,
        "the key is in the built-in file"
    );
    fs::write(i18n.join("de.yaml"), whole.replace(line, "")).unwrap();
    let (code, err) = build(&site);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "themes/maison/i18n/de.yaml: error: titles.archive: the translation is missing"
        ),
        "{err}"
    );
}

/// In French, the site theme's file is merged over the built-in one: it may hold only the
/// keys it changes, but it cannot empty one the Rust code reads.
#[test]
fn a_french_site_theme_overrides_some_keys_and_cannot_remove_one() {
    let (_tmp, site) = support::minimal_site();
    configure(&site, "theme: maison\n");
    let i18n = site.join("themes/maison/i18n");
    fs::create_dir_all(&i18n).unwrap();
    fs::write(i18n.join("fr.yaml"), "nav:\n  home: Maison\n").unwrap();
    let (code, err) = build(&site);
    assert_eq!(code, Some(0), "{err}");
    let home = fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(home.contains(">Maison</a>"), "the menu uses the override");

    fs::write(
        i18n.join("fr.yaml"),
        "nav:\n  home: Maison\n  kit: [a, b]\n",
    )
    .unwrap();
    let (code, err) = build(&site);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("themes/maison/i18n/fr.yaml: error: nav.kit: the translation is not text"),
        "{err}"
    );
}

/// The minify warnings of a build's output.
fn minify_warnings(err: &str) -> Vec<&str> {
    err.lines()
        .filter(|l| l.contains("warning: the templates cannot be minified once"))
        .collect()
}

/// A template that cannot be minified once makes every page minified after rendering: the
/// build still succeeds, and says which template and why. The built-in theme says nothing.
#[test]
fn a_template_that_cannot_be_minified_once_is_named_in_a_warning() {
    let example = bin()
        .args(["check", "--today", TODAY, "--root"])
        .arg(repo())
        .env_remove("AMBASSADE_MINIFY")
        .output()
        .unwrap();
    assert_eq!(example.status.code(), Some(0), "{}", stderr(&example));
    assert_eq!(minify_warnings(&stderr(&example)), Vec::<&str>::new());
    let (_tmp, site) = support::minimal_site();
    let (code, err) = build(&site);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(minify_warnings(&err), Vec::<&str>::new());

    configure(&site, "theme: maison\n");
    let templates = site.join("themes/maison/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("page.html"),
        "<!doctype html><html><title>x</title><!-- {{ page.title }} --><p>{{ page.title }}</p></html>",
    )
    .unwrap();
    let (code, err) = build(&site);
    assert_eq!(code, Some(0), "warnings do not fail the build: {err}");
    let warnings = minify_warnings(&err);
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].starts_with("themes/maison/templates/page.html: warning: ")
            && warnings[0].contains("inside an HTML comment"),
        "{err}"
    );
    // The pages are the same, minified one by one.
    let page = fs::read_to_string(site.join("public/rejoindre/index.html")).unwrap();
    assert!(page.contains("<p>Rejoindre</p>"), "{page}");

    // Forced, the fallback is no news.
    let out = bin()
        .args(["check", "--today", TODAY, "--root"])
        .arg(&site)
        .env("AMBASSADE_MINIFY", "pages")
        .output()
        .unwrap();
    assert_eq!(minify_warnings(&stderr(&out)), Vec::<&str>::new());
}

/// `check` shows the warning as `build` does.
#[test]
fn check_shows_the_minify_warning() {
    let (_tmp, site) = support::minimal_site();
    configure(&site, "theme: maison\n");
    let templates = site.join("themes/maison/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("page.html"),
        "<!doctype html><html><title>x</title><pre>{% filter upper %}a{% endfilter %}</pre></html>",
    )
    .unwrap();
    let out = bin()
        .args(["check", "--today", TODAY, "--root"])
        .arg(&site)
        .env_remove("AMBASSADE_MINIFY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let warnings = minify_warnings(&err);
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].starts_with("themes/maison/templates/page.html: warning: ")
            && warnings[0].contains("`{% filter %}` section"),
        "{err}"
    );
}
