//! The kit's Markdown items as pages of their own, and the call to apply on the join page:
//! built from the example site and from the minimal fixture, expectations read from content.

mod support;

use std::fs;
use std::path::Path;

use scraper::Html;
use support::dom::{attrs, texts};
use support::{copy_dir, repo, run, stderr};

const TODAY: &str = "2026-11-26";

fn build(root: &Path, out: &Path) {
    let o = run(&[
        "build",
        "--today",
        TODAY,
        "--root",
        &root.to_string_lossy(),
        "--output",
        &out.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

fn html(path: &Path) -> Html {
    Html::parse_document(&fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}")))
}

#[test]
fn markdown_kit_items_are_pages_with_their_text_and_the_kit_links_to_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out);
    let kit: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(repo().join("content/kit.yaml")).unwrap())
            .unwrap();
    let index = html(&out.join("kit/index.html"));
    let links = attrs(&index, "main a", "href");
    let mut pages = 0;
    for item in kit["items"].as_sequence().unwrap() {
        let Some(file) = item["file"].as_str() else {
            continue;
        };
        let id = item["id"]
            .as_str()
            .expect("the example's file items have ids");
        let page = out.join(format!("kit/{id}/index.html"));
        if !file.ends_with(".md") {
            assert!(!page.exists(), "{file} is not Markdown but has a page");
            continue;
        }
        pages += 1;
        let doc = html(&page);
        let title = item["title"].as_str().unwrap();
        // One title, the item's: the file's own `# ` line is not printed again.
        assert_eq!(texts(&doc, "h1"), vec![title.to_string()], "{file}");
        let md = fs::read_to_string(repo().join("content").join(file)).unwrap();
        let h2s = texts(&doc, "main .prose h2");
        let wanted: Vec<String> = md
            .lines()
            .filter_map(|l| l.strip_prefix("## "))
            .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert!(!wanted.is_empty(), "{file} has no sections to compare");
        assert_eq!(h2s, wanted, "{file}: the page's sections");
        // The kit links to the page, and still offers the file itself.
        assert!(
            links.contains(&format!("/kit/{id}/")),
            "no link to /kit/{id}/"
        );
        assert!(links.contains(&format!("/{file}")), "no link to /{file}");
        assert!(attrs(&doc, "main a[download]", "href").contains(&format!("/{file}")));
    }
    assert_eq!(pages, 2, "the pitch and the report template");
}

#[test]
fn a_markdown_kit_file_that_is_not_utf8_is_an_error_naming_the_item() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/minimal"), tmp.path());
    fs::write(
        tmp.path().join("content/kit/notes.md"),
        b"# Notes\n\xff\xfe caf\xe9\n",
    )
    .unwrap();
    let yaml = tmp.path().join("content/kit.yaml");
    let text = fs::read_to_string(&yaml)
        .unwrap()
        .replace("kit/carte.txt", "kit/notes.md");
    fs::write(&yaml, text).unwrap();
    let o = run(&[
        "check",
        "--today",
        TODAY,
        "--root",
        &tmp.path().to_string_lossy(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/kit.yaml:7:")
            && err.contains("items[0].file: `content/kit/notes.md` is not UTF-8 text"),
        "{err}"
    );
}

#[test]
fn a_markdown_kit_page_escapes_markup() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/minimal"), tmp.path());
    fs::write(
        tmp.path().join("content/kit/notes.md"),
        "# Notes\n\n## <img src=x onerror=alert(1)>Partie\n\n<script>alert(2)</script>\n",
    )
    .unwrap();
    let yaml = tmp.path().join("content/kit.yaml");
    let text = fs::read_to_string(&yaml)
        .unwrap()
        .replace("kit/carte.txt", "kit/notes.md");
    fs::write(&yaml, text).unwrap();
    let out = tmp.path().join("public");
    build(tmp.path(), &out);
    let page = fs::read_to_string(out.join("kit/carte-de-visite/index.html")).unwrap();
    assert!(
        !page.contains("<script>alert") && !page.contains("<img src=x"),
        "{page}"
    );
    assert!(page.contains("Partie"), "{page}");
}

#[test]
fn the_join_page_calls_to_apply_by_mail_to_the_support_group() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build(&repo(), &out);
    let site: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(repo().join("content/site.yaml")).unwrap())
            .unwrap();
    let join = site["join_page"].as_str().unwrap();
    let email = site["organisation"]["email"].as_str().unwrap();
    let doc = html(&out.join(join).join("index.html"));
    let buttons = attrs(&doc, "main .apply a.button", "href");
    assert!(!buttons.is_empty(), "no call to apply on /{join}/");
    for href in &buttons {
        assert!(
            href.starts_with(&format!("mailto:{email}?subject=")),
            "{href}"
        );
    }
    // The first call comes before the page's own text, so that it is seen without scrolling.
    let first_apply = doc
        .html()
        .find("class=\"apply\"")
        .or(doc.html().find("class=apply"));
    let prose = doc
        .html()
        .find("class=\"prose\"")
        .or(doc.html().find("class=prose"));
    assert!(first_apply.unwrap() < prose.unwrap());
    // Other pages have no such call.
    let other = html(&out.join("a-propos/index.html"));
    assert!(attrs(&other, "main .apply a", "href").is_empty());
}
