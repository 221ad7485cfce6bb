//! What `build` may replace: a build swaps its whole output folder, so a folder that it did not
//! write (a mistyped `--output` pointing at someone's documents, the `public/` of a version
//! that did not mark its outputs) is refused, untouched, unless `--force` is given; an empty or
//! missing folder and a previous output (marked by `.ambassade-output`) are replaced. Also: a
//! bad `--base-url` is blamed on the option, not on a line of `site.yaml`.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Output;

use support::{all_files, minimal_site, stderr, TODAY};

const MARKER: &str = ".ambassade-output";

fn build(site: &Path, output: &Path, extra: &[&str]) -> Output {
    support::bin()
        .args(["build", "--today", TODAY, "--root"])
        .arg(site)
        .arg("--output")
        .arg(output)
        .args(extra)
        .output()
        .expect("the ambassade binary runs")
}

/// Every file and folder under `dir` (names, and the content of files).
fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = e.file_type().is_file().then(|| fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect()
}

/// A user's folder: a document and a folder of photos.
fn thesis_folder(at: &Path) {
    fs::create_dir_all(at.join("photos")).unwrap();
    fs::write(at.join("my-thesis.docx"), "chapter 1, years of work").unwrap();
    fs::write(at.join("photos/holiday.jpg"), [0xff, 0xd8, 0xff]).unwrap();
}

#[test]
fn a_folder_it_did_not_write_is_refused_and_left_alone() {
    let (tmp, site) = minimal_site();
    let thesis = tmp.path().join("thesis");
    thesis_folder(&thesis);
    let before = snapshot(tmp.path());
    let out = build(&site, &thesis, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: error: refusing to replace this folder: it holds files that ambassade did not write",
            thesis.display()
        )),
        "{err}"
    );
    assert!(err.contains("run the same command with --force"), "{err}");
    assert!(err.contains("left unchanged"), "{err}");
    // Nothing touched: not the folder, not beside it (no staging folder left behind).
    assert!(before == snapshot(tmp.path()), "the build changed files");

    // Asked to, it replaces the folder, and marks it as its own.
    let out = build(&site, &thesis, &["--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(thesis.join("index.html").is_file());
    assert!(thesis.join(MARKER).is_file());
    assert!(!thesis.join("my-thesis.docx").exists());
    // From then on, no --force is needed.
    let out = build(&site, &thesis, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn an_output_of_an_earlier_version_needs_force_once() {
    let (tmp, site) = minimal_site();
    let public = site.join("public");
    let out = build(&site, &public, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // What a version before the marker left.
    fs::remove_file(public.join(MARKER)).unwrap();
    let before = snapshot(tmp.path());
    let out = support::bin()
        .args(["build", "--today", TODAY, "--root"])
        .arg(&site)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: error: refusing to replace this folder: it looks like a site built by an earlier version of ambassade",
            public.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("run the same command once with --force"),
        "{err}"
    );
    assert!(before == snapshot(tmp.path()), "the build changed files");
    let out = build(&site, &public, &["--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(public.join(MARKER).is_file());
}

#[test]
fn a_missing_or_empty_folder_is_fine_and_the_marker_is_no_page() {
    let (tmp, site) = minimal_site();
    let missing = tmp.path().join("deep/new/out");
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    for folder in [&missing, &empty] {
        let out = build(&site, folder, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let files = all_files(folder);
        assert!(files.contains_key("index.html"));
        let marker = String::from_utf8_lossy(&files[MARKER]).to_string();
        assert!(marker.contains("ambassade build"), "{marker}");
        let sitemap = String::from_utf8_lossy(&files["sitemap.xml"]).to_string();
        assert!(!sitemap.contains(MARKER), "{sitemap}");
        assert!(files.contains_key(ambassade::output::MANIFEST));
        assert!(!sitemap.contains("manifest"), "{sitemap}");
        // The summary counts the site's files, not the marker.
        let summary = support::stdout(&out);
        assert!(
            summary.contains(&format!(" {} other files", others(&files))),
            "{summary}"
        );
    }
}

/// The files the summary calls "other": neither pages, sheets nor calendars (nor the marker
/// and the manifest of the output).
fn others(files: &BTreeMap<String, Vec<u8>>) -> usize {
    files
        .keys()
        .filter(|k| !k.ends_with(".html") && !k.ends_with(".ics"))
        .filter(|k| k.as_str() != MARKER && k.as_str() != ambassade::output::MANIFEST)
        .count()
}

#[test]
fn a_bad_base_url_option_is_blamed_on_the_option() {
    let (tmp, site) = minimal_site();
    let public = site.join("public");
    let out = build(&site, &public, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = snapshot(tmp.path());
    for (url, message) in [
        ("not a url", "`not a url` is not a web address"),
        (
            "https://ambassade.smart.coop@evil.example/",
            "`https://ambassade.smart.coop@evil.example/` has a user name before `@`",
        ),
    ] {
        let out = build(&site, &public, &["--base-url", url]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains(&format!("command line: error: --base-url: {message}")),
            "{err}"
        );
        assert!(!err.contains("site.yaml"), "blamed on site.yaml:\n{err}");
        assert!(before == snapshot(tmp.path()), "the build changed files");
    }
}
