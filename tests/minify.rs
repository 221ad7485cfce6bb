//! Minified templates (`render::minify`) must give the pages that minifying every page gives:
//! the same elements, attributes and text, whitespace aside (compared by `support::dom`, as
//! in `tests/minify_props.rs`). Both builds run the binary, one with `AMBASSADE_MINIFY=pages`,
//! on the example site and on a generated site of 250 events (several pages per list, month
//! grids, every status and level).

#[path = "../examples/gen_site.rs"]
#[allow(dead_code)]
mod gen_site;
mod support;

use std::collections::BTreeMap;
use std::path::Path;

use support::{all_files, bin, dom, TODAY};

/// Builds `root` into `out`, minifying every page when `per_page`.
fn build(root: &Path, out: &Path, per_page: bool) {
    let mut cmd = bin();
    cmd.args(["build", "--today", TODAY, "--root"])
        .arg(root)
        .arg("--output")
        .arg(out);
    if per_page {
        cmd.env("AMBASSADE_MINIFY", "pages");
    } else {
        cmd.env_remove("AMBASSADE_MINIFY");
    }
    let o = cmd.output().expect("the binary runs");
    assert!(
        o.status.success(),
        "build of {} failed:\n{}",
        root.display(),
        support::stderr(&o)
    );
}

fn html_pages(dir: &Path) -> BTreeMap<String, String> {
    all_files(dir)
        .into_iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| (k, String::from_utf8(v).expect("pages are UTF-8")))
        .collect()
}

/// Builds `root` both ways and compares every page; returns the pages' total sizes
/// (templates minified, every page minified).
fn compare(root: &Path) -> (usize, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let (ours, reference) = (tmp.path().join("templates"), tmp.path().join("pages"));
    build(root, &ours, false);
    build(root, &reference, true);
    let (ours, reference) = (html_pages(&ours), html_pages(&reference));
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        reference.keys().collect::<Vec<_>>(),
        "both builds make the same pages"
    );
    for (path, page) in &ours {
        // No page rendered before minifying here: every space must be the same.
        if let Some(difference) = dom::difference(page, &reference[path], None) {
            panic!("{path}: {difference}");
        }
    }
    (
        ours.values().map(String::len).sum(),
        reference.values().map(String::len).sum(),
    )
}

#[test]
fn the_example_site_is_the_same_with_minified_templates() {
    let (ours, reference) = compare(&support::repo());
    // Not minified at all, the pages would be about a fifth larger.
    assert!(
        ours * 100 < reference * 106,
        "pages {ours} bytes against {reference} when minified one by one"
    );
}

#[test]
fn a_generated_site_is_the_same_with_minified_templates() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    gen_site::run(&gen_site::Args {
        events: 250,
        out: root.clone(),
        seed: gen_site::DEFAULT_SEED,
        source: support::repo(),
        force: false,
        hugo: None,
        zola: None,
    })
    .expect("the generator writes the site");
    compare(&root);
}

#[test]
fn the_default_theme_has_its_templates_minified() {
    let theme = ambassade::render::theme::load(&support::repo(), None, "fr").expect("theme");
    assert!(
        theme.minified,
        "a default template can no longer be minified: see render::minify"
    );
}

/// A site template that cannot be minified safely (a Tera tag in an HTML comment) makes the
/// theme fall back to minifying every page: still minified, nothing lost.
#[test]
fn a_template_that_cannot_be_minified_falls_back_to_every_page() {
    let (_tmp, site) = support::minimal_site();
    let templates = site.join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let page = std::fs::read_to_string(support::repo().join("themes/default/templates/page.html"))
        .unwrap()
        .replace(
            "{% block content %}",
            "{% block content %}<!-- {{ page.title }} -->\n  ",
        );
    assert!(page.contains("<!-- {{ page.title }} -->"));
    std::fs::write(templates.join("page.html"), page).unwrap();
    let theme = ambassade::render::theme::load(&site, None, "fr").expect("theme");
    assert!(!theme.minified);

    let out = site.join("out");
    build(&site, &out, false);
    let pages = html_pages(&out);
    assert!(!pages.is_empty());
    for (path, html) in &pages {
        // Scripts are left as they are; everything else loses its line breaks and comments.
        let markup: String = html
            .split("<script")
            .map(|part| {
                part.split_once("</script>")
                    .map_or(part, |(_, after)| after)
            })
            .collect();
        assert!(
            !markup.contains('\n') && !markup.contains("<!--"),
            "{path} is not minified"
        );
    }
}
