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

/// A site in another language brings the whole translations file: one key the Rust code
/// reads missing from it fails the build, naming the key and the file, instead of a page
/// showing a stand-in.
#[test]
fn a_translation_missing_from_a_site_theme_fails_the_build() {
    let (_tmp, site) = support::minimal_site();
    configure(&site, "language: nl\ntheme: maison\n");
    let i18n = site.join("themes/maison/i18n");
    fs::create_dir_all(&i18n).unwrap();
    let whole = fs::read_to_string(repo().join("themes/default/i18n/fr.yaml")).unwrap();
    fs::write(i18n.join("nl.yaml"), &whole).unwrap();
    let (code, err) = build(&site);
    assert_eq!(code, Some(0), "{err}");

    let line = "  archive: Archives de l’agenda\n";
    assert_eq!(
        whole.matches(line).count(),
        1,
        "the key is in the built-in file"
    );
    fs::write(i18n.join("nl.yaml"), whole.replace(line, "")).unwrap();
    let (code, err) = build(&site);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "themes/maison/i18n/nl.yaml: error: titles.archive: the translation is missing"
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
