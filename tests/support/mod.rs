//! Helpers shared by the integration tests: fresh copies of the fixture sites, running the
//! binary, reading a built folder.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

pub mod dom;

pub const TODAY: &str = "2026-11-26";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` with its bytes, by `/`-separated path relative to `dir`.
pub fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// A fresh copy of `tests/fixtures/minimal`, in `<tmp>/site` (so that `<tmp>` can hold files
/// outside the site folder).
pub fn minimal_site() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/minimal"), &site);
    (tmp, site)
}

/// A fresh copy of the example site's content (without its theme folder).
pub fn example_site() -> TempDir {
    let tmp = tempfile::tempdir().expect("temporary folder");
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    tmp
}

pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ambassade"));
    // English, whatever the locale: the tests compare the English messages.
    c.args(["--lang", "en"])
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR");
    c
}

/// Runs `ambassade <args…>` and returns its output.
pub fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .output()
        .expect("the ambassade binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The event files under `events` (a site's `content/events`), sorted, without their
/// translations (`<slug>.<ll>.md`).
pub fn original_event_files(events: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(events)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| {
            !e.path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .contains('.')
        })
        .map(|e| e.into_path())
        .collect();
    v.sort();
    v
}

/// Builds the site at `root` on `TODAY` into `public/` of a new temporary folder, which is
/// returned; a failed build fails the test with the build's messages.
pub fn build_site(root: &Path) -> TempDir {
    let out = tempfile::tempdir().unwrap();
    build_into(root, TODAY, &out.path().join("public"));
    out
}

/// Builds `root` as on `today` into `out`, and asserts the build succeeded.
pub fn build_into(root: &Path, today: &str, out: &Path) {
    let o = run(&[
        "build",
        "--root",
        &root.to_string_lossy(),
        "--today",
        today,
        "--output",
        &out.to_string_lossy(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `ambassade check` on `site`; panics with the report unless the content is sound.
pub fn assert_checks(site: &Path) {
    for drafts in [false, true] {
        let mut args = vec!["check", "--today", TODAY, "--root"];
        let root = site.to_string_lossy().into_owned();
        args.push(&root);
        if drafts {
            args.push("--drafts");
        }
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "check (drafts: {drafts}) failed:\n{}",
            stderr(&out)
        );
    }
}

/// Property-test settings: `base` cases, times `AMBASSADE_PROPTEST_SCALE`; no regression files
/// written next to the sources. The seed comes from `PROPTEST_RNG_SEED` (fixed in CI) through
/// `Config::default`.
pub fn proptest_config(base: u32) -> proptest::test_runner::Config {
    let scale: u32 = std::env::var("AMBASSADE_PROPTEST_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    proptest::test_runner::Config {
        cases: base.saturating_mul(scale.max(1)),
        failure_persistence: None,
        max_shrink_time: 60_000,
        ..proptest::test_runner::Config::default()
    }
}
