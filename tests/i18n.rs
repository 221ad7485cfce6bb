//! The language of the messages, as an editor meets it: French on a Belgian computer
//! (`LANG=fr_BE.UTF-8`), English with `--lang en`, the site's `language` when the locale names
//! none, and the locale's categories in POSIX order.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use support::{minimal_site, repo, TODAY};

const SALON: &str = "---\ntitle: Salon de test\nstart: 2027-03-14\nend: 2027-03-13\nlevel: regional\n---\nUn salon.\n";

/// The minimal site with one error (an all-day event ending before it starts), its
/// `site.yaml` saying `language: <site_language>` when given.
fn broken_site(site_language: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, site) = minimal_site();
    fs::write(site.join("content/events/salon.md"), SALON).unwrap();
    if let Some(l) = site_language {
        let yaml = site.join("content/site.yaml");
        let text = fs::read_to_string(&yaml).unwrap();
        assert!(
            !text.contains("language:"),
            "the fixture now sets its language"
        );
        fs::write(&yaml, format!("{text}language: {l}\n")).unwrap();
    }
    (tmp, site)
}

/// `ambassade <args> --root <site> --today TODAY` with exactly the locale variables given.
fn run(site: &Path, args: &[&str], locale: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ambassade"));
    c.args(args)
        .arg("--root")
        .arg(site)
        .args(["--today", TODAY])
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    for (k, v) in locale {
        c.env(k, v);
    }
    c.output().expect("the ambassade binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const FRENCH: [&str; 3] = [
    "content/events/salon.md:4:6: erreur: end: la fin 2027-03-13 est avant le début 2027-03-14\n",
    "\n  conseil: pour un événement d’une journée entière, `end` est le dernier jour",
    "\n1 erreur, 0 avertissement\n",
];

const ENGLISH: [&str; 3] = [
    "content/events/salon.md:4:6: error: end: end 2027-03-13 is before start 2027-03-14\n",
    "\n  hint: for an all-day event, `end` is the last day, on or after the start\n",
    "\n1 error(s), 0 warning(s)\n",
];

fn assert_words(out: &Output, expected: &[&str], what: &str) {
    assert_eq!(out.status.code(), Some(1), "{what}: {}", stderr(out));
    let text = stderr(out);
    for line in expected {
        assert!(text.contains(line), "{what}: no {line:?} in\n{text}");
    }
}

#[test]
fn check_speaks_french_on_a_belgian_computer_and_english_when_asked() {
    // The site says English: the locale comes first.
    let (_tmp, site) = broken_site(Some("en"));
    let fr_be = [("LANG", "fr_BE.UTF-8")];
    assert_words(&run(&site, &["check"], &fr_be), &FRENCH, "LANG=fr_BE");
    assert_words(
        &run(&site, &["--lang", "en", "check"], &fr_be),
        &ENGLISH,
        "--lang en with LANG=fr_BE",
    );
    // The flag is global: after the command too.
    assert_words(
        &run(&site, &["check", "--lang", "en"], &fr_be),
        &ENGLISH,
        "check --lang en",
    );
    // LC_ALL, then LC_MESSAGES, come before LANG.
    let all = [("LANG", "fr_BE.UTF-8"), ("LC_ALL", "en_GB.UTF-8")];
    assert_words(&run(&site, &["check"], &all), &ENGLISH, "LC_ALL=en_GB");
    let messages = [("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "fr_FR.UTF-8")];
    assert_words(
        &run(&site, &["check"], &messages),
        &FRENCH,
        "LC_MESSAGES=fr_FR",
    );
}

#[test]
fn without_a_language_in_the_locale_the_site_decides_then_french() {
    let c = [("LANG", "C.UTF-8")];
    let (_tmp, english_site) = broken_site(Some("en"));
    assert_words(&run(&english_site, &["check"], &c), &ENGLISH, "site en");
    let (_tmp2, french_site) = broken_site(Some("fr"));
    assert_words(&run(&french_site, &["check"], &c), &FRENCH, "site fr");
    let (_tmp3, dutch_site) = broken_site(Some("nl"));
    assert_words(
        &run(&dutch_site, &["check"], &[]),
        &FRENCH,
        "site nl, no LANG",
    );
}

#[test]
fn build_summaries_and_json_follow_the_language() {
    let (_tmp, site) = broken_site(None);
    let fr_be = [("LANG", "fr_BE.UTF-8")];
    let built = run(&site, &["build"], &fr_be);
    assert_words(&built, &FRENCH, "build");
    assert!(
        stderr(&built).contains("échec de la construction : ")
            && stderr(&built).contains("public n’a pas été modifié\n"),
        "{}",
        stderr(&built)
    );
    let json = run(&site, &["check", "--format", "json"], &fr_be);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON on stdout");
    let d = &v["diagnostics"][0];
    assert_eq!(
        d["message"],
        "la fin 2027-03-13 est avant le début 2027-03-14"
    );
    assert_eq!(d["severity"], "error", "severity stays a code for programs");
    let json = run(
        &site,
        &["--lang", "en", "check", "--format", "json"],
        &fr_be,
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON on stdout");
    assert_eq!(
        v["diagnostics"][0]["message"],
        "end 2027-03-13 is before start 2027-03-14"
    );

    fs::remove_file(site.join("content/events/salon.md")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().to_str().unwrap();
    let built = run(&site, &["build", "--output", output], &fr_be);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let summary = stdout(&built);
    assert!(
        summary.contains(" pages, ") && summary.contains(" construits en "),
        "{summary}"
    );
    let checked = run(&site, &["check"], &fr_be);
    assert!(
        stdout(&checked).starts_with("le contenu est correct ("),
        "{}",
        stdout(&checked)
    );
}

#[test]
fn warnings_are_in_french_too() {
    // The example site's kit has an item not updated for over a year.
    let fr_be = [("LANG", "fr_BE.UTF-8")];
    let out = run(&repo(), &["check"], &fr_be);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stderr(&out);
    let warning = text
        .lines()
        .find(|l| l.starts_with("content/kit.yaml:"))
        .unwrap_or_else(|| panic!("no warning about the kit in\n{text}"));
    assert!(warning.contains(": avertissement: "), "{warning}");
    assert!(
        warning.ends_with("« Affiche de stand « Autonomes, pas isolés » » n’a pas été mis à jour depuis le 2025-03-10"),
        "{warning}"
    );
    assert!(
        text.contains("\n  conseil: vérifiez que cet élément est toujours d’actualité"),
        "{text}"
    );
    assert!(text.ends_with("0 erreur, 1 avertissement\n"), "{text}");
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let (_tmp, site) = broken_site(None);
    let out = run(&site, &["--lang", "de", "check"], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("fr or en"), "{}", stderr(&out));
}
