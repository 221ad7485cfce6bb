//! Less noise, more signal: warnings that stand from run to run (old kit items) are summarised
//! once with their count unless `check --verbose`; `check` warns while an event still has the
//! description `new` wrote.

mod support;

use std::fs;
use std::path::Path;

use support::{minimal_site, run, stderr, TODAY};

fn check(site: &Path, extra: &[&str]) -> String {
    let root = site.to_str().unwrap();
    let mut args = vec!["check", "--today", TODAY, "--root", root];
    args.extend_from_slice(extra);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn old_kit_items_are_summarised_once_unless_verbose() {
    let (_tmp, site) = minimal_site();
    let kit = site.join("content/kit.yaml");
    let text = fs::read_to_string(&kit)
        .unwrap()
        .replace("updated: 2026-10-01", "updated: 2025-06-01")
        .replace("updated: 2026-09-01", "updated: 2025-01-15");
    fs::write(&kit, text).unwrap();

    let quiet = check(&site, &[]);
    assert!(
        quiet.contains("content/kit.yaml:12:14: warning: 2 kit items have not been updated for over a year (the oldest: `Vidéo de présentation`, 2025-01-15)"),
        "{quiet}"
    );
    assert!(
        quiet.contains("hint: `ambassade check --verbose` lists them one by one"),
        "{quiet}"
    );
    assert!(!quiet.contains("has not been updated since"), "{quiet}");
    assert!(quiet.contains("0 error(s), 1 warning(s)"), "{quiet}");

    for flag in ["--verbose", "--all"] {
        let all = check(&site, &[flag]);
        assert!(
            all.contains(
                "items[0].updated: `Carte de visite` has not been updated since 2025-06-01"
            ),
            "{all}"
        );
        assert!(
            all.contains(
                "items[1].updated: `Vidéo de présentation` has not been updated since 2025-01-15"
            ),
            "{all}"
        );
        assert!(all.contains("0 error(s), 2 warning(s)"), "{all}");
    }

    // Programs get every warning.
    let json = run(&[
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        "--root",
        site.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["warnings"], 2);
}

#[test]
fn the_description_new_writes_is_a_warning_until_replaced() {
    let (_tmp, site) = minimal_site();
    let root = site.to_str().unwrap();
    let out = run(&[
        "new",
        "event",
        "Salon de test",
        "--start",
        "2027-02-03",
        "--level",
        "regional",
        "--root",
        root,
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = fs::read_dir(site.join("content/events"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| fs::read_to_string(p).unwrap().contains("Décrivez"))
        .expect("new wrote an event with its placeholder text");
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    // With or without `draft: true`, `check --drafts` sees it.
    let warned = check(&site, &["--drafts"]);
    let text = fs::read_to_string(&path).unwrap();
    let line = text[..text.find("Décrivez").unwrap()].matches('\n').count() + 1;
    assert!(
        warned.contains(&format!(
            "content/events/{name}:{line}:1: warning: the description is still the text `ambassade new` wrote"
        )),
        "{warned}"
    );
    let cut = text.find("Décrivez").unwrap();
    fs::write(&path, format!("{}Un vrai salon.\n", &text[..cut])).unwrap();
    let quiet = check(&site, &["--drafts"]);
    assert!(!quiet.contains("the description is still"), "{quiet}");
}
