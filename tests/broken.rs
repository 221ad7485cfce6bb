//! The corpus of broken content: every folder of `tests/broken/` is one mistake an editor can
//! make. Each case is applied to a fresh copy of `tests/fixtures/minimal`, then `build` and
//! `check` must both fail with exit status 1, print every line of the case's expected text,
//! never panic, and leave the previous `public/` exactly as it was: in English (`--lang en`),
//! and in French (`LANG=fr_BE.UTF-8`, as an editor's computer has it) when the case has its
//! French text.
//!
//! A case folder holds:
//! - `remove` (optional): paths relative to the site folder to delete, one per line;
//! - `overlay/` (optional): files copied over the site after the removals (same relative
//!   paths; new files added);
//! - `expected.en`: lines that must each appear verbatim in stderr, in English;
//! - `expected.fr` (optional until every message is in the catalogues): the same in French;
//! - `private` (optional): the private folder of ambassadors' profiles, relative to the site.
//!   Then `check --private <site>/<folder>` must fail with the expected lines, and `build`,
//!   which never reads that folder, must succeed.
//!
//! Cases that cannot be stored as plain text files (invalid UTF-8, a 3 MB file, symbolic
//! links, named pipes) are built by the `#[test]` functions at the end of this file.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::copy_dir;

use tempfile::TempDir;

const TODAY: &str = "2026-11-26";
const SENTINEL: &str = "the previous build, which a failed build must leave alone\n";
const MARKER: &str = ambassade::output::MARKER;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture() -> PathBuf {
    manifest_dir().join("tests/fixtures/minimal")
}

fn corpus() -> PathBuf {
    manifest_dir().join("tests/broken")
}

/// The case folders, sorted by name.
fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(corpus())
        .expect("tests/broken/ is readable")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

/// A fresh copy of the fixture site with a previous build in `public/` (marked as an output,
/// as every build marks it, so that a sound build may replace it).
fn fresh_site() -> TempDir {
    let tmp = tempfile::tempdir().expect("temporary folder");
    copy_dir(&fixture(), tmp.path());
    fs::create_dir_all(tmp.path().join("public")).unwrap();
    fs::write(tmp.path().join("public/sentinel.txt"), SENTINEL).unwrap();
    fs::write(tmp.path().join("public").join(MARKER), "").unwrap();
    tmp
}

/// Applies a case folder's `remove`, then its `overlay/`, to `site` (so that a file can be
/// replaced by a folder of the same name, or the reverse).
fn apply_case(case: &Path, site: &Path) {
    if let Ok(list) = fs::read_to_string(case.join("remove")) {
        for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let p = site.join(line);
            let removed = if p.is_dir() {
                fs::remove_dir_all(&p)
            } else {
                fs::remove_file(&p)
            };
            removed.unwrap_or_else(|e| panic!("{}: cannot remove {line}: {e}", case.display()));
        }
    }
    let overlay = case.join("overlay");
    if overlay.is_dir() {
        copy_dir(&overlay, site);
    }
}

/// The languages the corpus is checked in, and how each is asked for.
#[derive(Clone, Copy, Debug)]
enum Lang {
    /// `--lang en`.
    En,
    /// No flag, and the locale of a Belgian editor's computer.
    Fr,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

/// The lines of a case's `expected.<lang>` file (blank lines ignored); `None` when it has none.
fn expected_lines(case: &Path, lang: Lang) -> Option<Vec<String>> {
    let file = format!("expected.{}", lang.code());
    let text = match fs::read_to_string(case.join(&file)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("{}: cannot read `{file}`: {e}", case.display()),
    };
    let lines = text
        .lines()
        .map(|l| l.trim_end_matches('\r').to_string())
        .filter(|l| !l.trim().is_empty())
        .collect();
    Some(lines)
}

/// `ambassade <command> --root <site> --today TODAY` in English, not yet run.
fn command(site: &Path, command: &str) -> Command {
    command_in(site, command, Lang::En)
}

fn command_in(site: &Path, command: &str, lang: Lang) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ambassade"));
    match lang {
        Lang::En => c.args(["--lang", "en"]),
        Lang::Fr => c
            .env("LANG", "fr_BE.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES"),
    };
    c.arg(command)
        .arg("--root")
        .arg(site)
        .arg("--today")
        .arg(TODAY)
        .env_remove("SOURCE_DATE_EPOCH");
    c
}

fn run(site: &Path, command_name: &str) -> Output {
    run_in(site, command_name, Lang::En)
}

fn run_in(site: &Path, command_name: &str, lang: Lang) -> Output {
    command_in(site, command_name, lang)
        .output()
        .expect("the ambassade binary runs")
}

/// Every file and folder under `dir`, relative, sorted.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            out.push(p.strip_prefix(base).unwrap().display().to_string());
            if p.is_dir() {
                walk(base, &p, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// What is wrong with the outcome of `command`, if anything.
fn problems(command: &str, out: &Output, expected: &[String]) -> Vec<String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut v = Vec::new();
    if out.status.code() != Some(1) {
        v.push(format!(
            "{command}: exit status {:?}, expected 1",
            out.status.code()
        ));
    }
    if stderr.contains("panicked") {
        v.push(format!("{command}: the program panicked"));
    }
    for line in expected {
        if !stderr.contains(line.as_str()) {
            v.push(format!("{command}: missing line: {line}"));
        }
    }
    v
}

/// Runs `build` then `check` on a prepared broken site, in English; returns a report of every
/// problem, with the actual stderr, or `Ok` when both fail exactly as expected.
fn verify_broken(name: &str, site: &Path, expected: &[String]) -> Result<(), String> {
    verify_broken_in(name, site, Lang::En, expected)
}

fn verify_broken_in(
    name: &str,
    site: &Path,
    lang: Lang,
    expected: &[String],
) -> Result<(), String> {
    let mut report = Vec::new();
    if expected.is_empty() {
        report.push("the case has no expected lines".to_string());
    }

    let build = run_in(site, "build", lang);
    report.extend(problems("build", &build, expected));
    let public = site.join("public");
    let files = listing(&public);
    if files != [MARKER, "sentinel.txt"] {
        let shown: Vec<&String> = files.iter().take(8).collect();
        report.push(format!(
            "build: public/ was modified, it now holds {} entries: {shown:?}…",
            files.len()
        ));
    } else if fs::read_to_string(public.join("sentinel.txt"))
        .ok()
        .as_deref()
        != Some(SENTINEL)
    {
        report.push("build: public/sentinel.txt was modified".to_string());
    }
    let leftovers: Vec<String> = listing(site)
        .into_iter()
        .filter(|p| p.starts_with(".public"))
        .collect();
    if !leftovers.is_empty() {
        report.push(format!(
            "build: left temporary folders behind: {leftovers:?}"
        ));
    }

    let check = run_in(site, "check", lang);
    report.extend(problems("check", &check, expected));

    if report.is_empty() {
        return Ok(());
    }
    Err(format!(
        "── {name} ({})\n   {}\n   build stderr:\n{}\n   check stderr:\n{}",
        lang.code(),
        report.join("\n   "),
        indent(&String::from_utf8_lossy(&build.stderr)),
        indent(&String::from_utf8_lossy(&check.stderr)),
    ))
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("      | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A case of the private folder: `check --private` fails as expected, `build` succeeds (it
/// runs second: a private folder inside `public/` goes with the build's replacement).
fn verify_private_in(
    name: &str,
    site: &Path,
    private: &str,
    lang: Lang,
    expected: &[String],
) -> Result<(), String> {
    let check = command_in(site, "check", lang)
        .arg("--private")
        .arg(site.join(private))
        .output()
        .expect("the ambassade binary runs");
    let mut report = problems("check --private", &check, expected);
    let build = run_in(site, "build", lang);
    if build.status.code() != Some(0) {
        report.push(format!(
            "build: exit status {:?}, expected 0: the private folder is not the build's",
            build.status.code()
        ));
    }
    if report.is_empty() {
        return Ok(());
    }
    Err(format!(
        "── {name} ({})\n   {}\n   check stderr:\n{}\n   build stderr:\n{}",
        lang.code(),
        report.join("\n   "),
        indent(&String::from_utf8_lossy(&check.stderr)),
        indent(&String::from_utf8_lossy(&build.stderr)),
    ))
}

/// The case in English, then in French when it has its French text.
fn run_case(case: &Path) -> Result<(), String> {
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let mut failures = Vec::new();
    for lang in [Lang::En, Lang::Fr] {
        let Some(expected) = expected_lines(case, lang) else {
            continue;
        };
        let site = fresh_site();
        apply_case(case, site.path());
        let private = fs::read_to_string(case.join("private")).ok();
        let verified = match private.as_deref().map(str::trim) {
            Some(dir) => verify_private_in(&name, site.path(), dir, lang, &expected),
            None => verify_broken_in(&name, site.path(), lang, &expected),
        };
        if let Err(e) = verified {
            failures.push(e);
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n\n"))
    }
}

#[test]
fn every_broken_case_fails_with_its_messages() {
    let cases = cases();
    // Cases are independent: run them on a few threads, then report every failure at once.
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(8);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(case) = cases.get(i) else { break };
                let r = run_case(case);
                results.lock().unwrap().push((i, r));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|(i, _)| *i);
    let failures: Vec<String> = results.into_iter().filter_map(|(_, r)| r.err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} broken cases do not fail as expected:\n\n{}\n",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

#[test]
fn corpus_has_at_least_40_cases() {
    let cases = cases();
    assert!(
        cases.len() >= 40,
        "only {} cases in tests/broken/",
        cases.len()
    );
    for case in &cases {
        assert!(
            case.join("expected.en").is_file(),
            "{} has no `expected.en` file",
            case.display()
        );
        assert!(
            !case.join("expected").exists(),
            "{}: `expected` is now `expected.en` (and `expected.fr`)",
            case.display()
        );
        assert!(
            case.join("overlay").is_dir() || case.join("remove").is_file(),
            "{} changes nothing: give it an overlay/ or a remove file",
            case.display()
        );
    }
}

/// The failures of the corpus come from the cases, not from the fixture.
#[test]
fn unmodified_fixture_builds() {
    let site = fresh_site();
    let check = run(site.path(), "check");
    assert_eq!(
        check.status.code(),
        Some(0),
        "check failed:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let build = run(site.path(), "build");
    assert_eq!(
        build.status.code(),
        Some(0),
        "build failed:\n{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(site.path().join("public/index.html").is_file());
    assert!(!site.path().join("public/sentinel.txt").exists());
}

// ── Cases built programmatically ─────────────────────────────────────────────────────────

fn expect(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| l.to_string()).collect()
}

fn assert_broken(name: &str, site: &TempDir, expected: &[&str]) {
    if let Err(report) = verify_broken(name, site.path(), &expect(expected)) {
        panic!("{report}");
    }
}

#[test]
fn non_utf8_event_file() {
    let site = fresh_site();
    let mut bytes = b"---\ntitle: Salon ".to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(b" de test\nstart: 2027-03-14\nlevel: regional\n---\nUn salon.\n");
    fs::write(site.path().join("content/events/salon.md"), bytes).unwrap();
    assert_broken(
        "non-utf8-event-file",
        &site,
        &[
            "content/events/salon.md:2:14: error: the file is not valid UTF-8 text",
            "hint: save the file with the UTF-8 encoding",
        ],
    );
}

#[test]
fn too_large_event_file() {
    let site = fresh_site();
    let mut text =
        String::from("---\ntitle: Salon de test\nstart: 2027-03-14\nlevel: regional\n---\n");
    while text.len() < 3 * 1024 * 1024 {
        text.push_str("Une ligne de description du salon, répétée bien trop de fois.\n");
    }
    fs::write(site.path().join("content/events/salon.md"), text).unwrap();
    assert_broken(
        "too-large-event-file",
        &site,
        &["content/events/salon.md: error: the file is too large (3 MB; at most 2 MB)"],
    );
}

#[cfg(unix)]
#[test]
fn symlinked_event_pointing_outside_the_site() {
    let site = fresh_site();
    std::os::unix::fs::symlink("/etc/hostname", site.path().join("content/events/lien.md"))
        .unwrap();
    assert_broken(
        "symlinked-event-outside",
        &site,
        &["content/events/lien.md: error: symbolic links are not followed"],
    );
}

#[cfg(unix)]
#[test]
fn kit_file_symlinked_outside_the_site() {
    let site = fresh_site();
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "not for the public\n").unwrap();
    let card = site.path().join("content/kit/carte.txt");
    fs::remove_file(&card).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), &card).unwrap();
    assert_broken(
        "kit-file-symlinked-outside",
        &site,
        &["content/kit.yaml:7:11: error: items[0].file: `kit/carte.txt` points outside the content folder"],
    );
}

#[cfg(unix)]
#[test]
fn symlinked_yaml_file() {
    let site = fresh_site();
    let outside = tempfile::tempdir().unwrap();
    let baseline = site.path().join("content/baseline.yaml");
    fs::copy(&baseline, outside.path().join("baseline.yaml")).unwrap();
    fs::remove_file(&baseline).unwrap();
    std::os::unix::fs::symlink(outside.path().join("baseline.yaml"), &baseline).unwrap();
    assert_broken(
        "symlinked-yaml-file",
        &site,
        &["content/baseline.yaml: error: symbolic links are not followed"],
    );
}

// ── Unusual but valid files ──────────────────────────────────────────────────────────────

fn assert_builds(site: &TempDir) -> String {
    let build = run(site.path(), "build");
    let stderr = String::from_utf8_lossy(&build.stderr).to_string();
    assert_eq!(build.status.code(), Some(0), "build failed:\n{stderr}");
    // Warnings are allowed (their summary line says "0 error(s)").
    assert!(!stderr.contains(": error:"), "unexpected errors:\n{stderr}");
    let check = run(site.path(), "check");
    assert_eq!(
        check.status.code(),
        Some(0),
        "check failed:\n{}",
        String::from_utf8_lossy(&check.stderr)
    );
    stderr
}

/// Windows line endings in an event, a page and a YAML file.
#[test]
fn crlf_files_build() {
    let site = fresh_site();
    for f in [
        "content/events/reunion.md",
        "content/pages/rejoindre.md",
        "content/site.yaml",
    ] {
        let p = site.path().join(f);
        let text = fs::read_to_string(&p).unwrap().replace('\n', "\r\n");
        fs::write(&p, text).unwrap();
    }
    assert_builds(&site);
    let page = fs::read_to_string(site.path().join("public/agenda/reunion/index.html")).unwrap();
    assert!(
        page.contains("Réunion mensuelle"),
        "the CRLF event lost its title"
    );
    assert!(!page.contains('\r'), "a carriage return reached the page");
}

/// A UTF-8 byte order mark at the start of an event and of a YAML file.
#[test]
fn bom_files_build() {
    let site = fresh_site();
    for f in ["content/events/salon.md", "content/site.yaml"] {
        let p = site.path().join(f);
        let text = format!("\u{feff}{}", fs::read_to_string(&p).unwrap());
        fs::write(&p, text).unwrap();
    }
    assert_builds(&site);
    let page = fs::read_to_string(site.path().join("public/agenda/salon/index.html")).unwrap();
    assert!(
        page.contains("Salon de test"),
        "the BOM event lost its title"
    );
}

// ── Hostile input: what must be refused at once ──────────────────────────────────────────

/// Runs `command` and fails the test when it has not ended within `secs` seconds.
fn run_within(site: &Path, command_name: &str, secs: u64) -> Output {
    let mut child = command(site, command_name)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the ambassade binary runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if child.try_wait().expect("waiting for ambassade").is_some() {
            return child.wait_with_output().expect("its output");
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`ambassade {command_name}` still running after {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// 900,000 levels of `[` (1.8 MB, under the size limit): libyaml alone would take minutes.
#[test]
fn deep_flow_nesting_ends_at_once() {
    for (name, open, close) in [
        ("deep-flow-list", "[", "]"),
        ("deep-flow-group", "{a: ", "}"),
    ] {
        let site = fresh_site();
        let n = 900_000 / open.len();
        let text = format!(
            "---\ntitle: Salon\nstart: 2027-03-14\nlevel: regional\nthemes: {}{}\n---\nUn salon.\n",
            open.repeat(n),
            close.repeat(n)
        );
        assert!(text.len() < 2 * 1024 * 1024);
        fs::write(site.path().join("content/events/profond.md"), text).unwrap();
        let build = run_within(site.path(), "build", 10);
        assert_eq!(build.status.code(), Some(1));
        assert_broken(
            name,
            &site,
            &[
                "content/events/profond.md:5:",
                "error: the values are nested more than 64 levels deep",
            ],
        );
    }
}

/// One string of 1 MB anchored once and aliased a thousand times.
#[test]
fn aliases_repeating_megabytes_are_refused() {
    let site = fresh_site();
    let big = "x".repeat(1024 * 1024);
    let aliases = vec!["*a"; 1000].join(", ");
    let text = format!(
        "---\ntitle: &a {big}\nstart: 2027-03-14\nlevel: regional\nthemes: [{aliases}]\n---\nUn salon.\n"
    );
    fs::write(site.path().join("content/events/salon.md"), text).unwrap();
    let build = run_within(site.path(), "build", 10);
    assert_eq!(build.status.code(), Some(1));
    assert_broken(
        "aliases-repeating-megabytes",
        &site,
        &[
            "content/events/salon.md:5:14: error: the aliases (`*name`) of this file repeat more than 2 MB of text",
        ],
    );
}

/// A control character typed in the file and one written as an escape read the same.
#[test]
fn typed_control_character_is_refused_like_an_escaped_one() {
    let site = fresh_site();
    let p = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&p).unwrap().replacen(
        "title: Site de test",
        "title: \"Site\u{1b} de test\"",
        1,
    );
    fs::write(&p, text).unwrap();
    assert_broken(
        "typed-control-character",
        &site,
        &[
            "content/site.yaml:1:13: error: control characters are not allowed (U+001B in this text)",
            "hint: remove it (an escape such as `\\0` or `\\e` in quoted YAML text, or `&#27;` in Markdown, also writes one)",
        ],
    );
}

#[cfg(unix)]
fn make_fifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the pipe.
    let rc = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo {}", path.display());
}

/// A named pipe among the events, and as site.yaml: reported, never waited on.
#[cfg(unix)]
#[test]
fn named_pipes_are_refused_without_waiting() {
    let site = fresh_site();
    make_fifo(&site.path().join("content/events/tube.md"));
    run_within(site.path(), "build", 10);
    assert_broken(
        "fifo-event",
        &site,
        &["content/events/tube.md: error: this is a named pipe (FIFO), not a text file"],
    );
    let french = expect(&[
        "content/events/tube.md: erreur: ceci est un tube nommé (FIFO), pas un fichier texte",
        "conseil: content/ ne contient que des fichiers texte : supprimez cet élément ou remplacez-le par un fichier",
    ]);
    if let Err(report) = verify_broken_in("fifo-event", site.path(), Lang::Fr, &french) {
        panic!("{report}");
    }

    let site = fresh_site();
    let config = site.path().join("content/site.yaml");
    fs::remove_file(&config).unwrap();
    make_fifo(&config);
    run_within(site.path(), "build", 10);
    assert_broken(
        "fifo-site-yaml",
        &site,
        &["content/site.yaml: error: this is a named pipe (FIFO), not a text file"],
    );
}

/// Files of events/ and pages/ named almost like Markdown files are not read, but reported;
/// editors' leftovers and hidden files are skipped without a word.
#[test]
fn files_not_read_are_reported() {
    let site = fresh_site();
    let events = site.path().join("content/events");
    let salon = fs::read_to_string(events.join("salon.md")).unwrap();
    for name in ["autre.MD", "forum.markdown", "journee.md.txt", "photo.jpg"] {
        fs::write(events.join(name), &salon).unwrap();
    }
    fs::create_dir(events.join("dossier.md")).unwrap();
    fs::write(
        site.path().join("content/pages/Apropos.Markdown"),
        "---\ntitle: A\n---\n",
    )
    .unwrap();
    for leftover in [".salon.md.swp", "salon.md~", ".DS_Store", "4913"] {
        fs::write(events.join(leftover), "x").unwrap();
    }
    fs::create_dir(events.join(".brouillons")).unwrap();
    fs::write(events.join(".brouillons/vieux.md"), "not even front matter").unwrap();

    let stderr = assert_builds(&site);
    for line in [
        "content/events/autre.MD: warning: this file is not read: its name does not end in .md",
        "hint: rename it to autre.md",
        "content/events/forum.markdown: warning: this file is not read",
        "hint: rename it to forum.md",
        "content/events/journee.md.txt: warning: this file is not read",
        "hint: rename it to journee.md",
        "content/events/photo.jpg: warning: this file is not read",
        "hint: only .md files are read here",
        "content/events/dossier.md: warning: this folder is named like a Markdown file",
        "content/pages/Apropos.Markdown: warning: this file is not read",
        "hint: rename it to apropos.md",
    ] {
        assert!(stderr.contains(line), "missing: {line}\n{stderr}");
    }
    for quiet in ["swp", "salon.md~", "DS_Store", "4913", "brouillons"] {
        assert!(!stderr.contains(quiet), "{quiet} reported:\n{stderr}");
    }
}
