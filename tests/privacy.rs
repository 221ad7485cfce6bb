//! The private profiles never reach the site: the example site is built with the example's
//! private folder at its default place (`private/` beside `content/`), and no private value
//! appears in any file of the output. The commands that read the profiles refuse to write
//! into the output folder.

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_yaml::Value;
use support::{all_files, bin, copy_dir, example_site, repo, stderr, TODAY};

/// Every text a profile holds: each string value, each line of a multi-line one, each item
/// of a list, and a grid's rows and columns.
fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            out.push(s.trim().to_string());
            out.extend(s.lines().map(|l| l.trim().to_string()));
        }
        Value::Sequence(items) => items.iter().for_each(|i| texts(i, out)),
        Value::Mapping(m) => {
            for (k, v) in m {
                texts(k, out);
                texts(v, out);
            }
        }
        _ => {}
    }
}

/// The private values to look for, lowercased. Left out, and why:
/// - values shorter than 4 characters (`Lun`, `Mar`: any text holds them);
/// - values that also appear in `content/` (the public sources, lowercased): the sheet's
///   options and grid labels (`français`, `2 à 5 h`, `Matin`), themes and regions events
///   publish (`culture`, `Wallonie`), and what an ambassador chose to make public in their
///   public profile (their name, their themes). Those are public by an editor's choice, so
///   finding them in the output says nothing about the private folder;
/// - dates (`2026-03-02`, when the charter was signed): the site is a calendar whose month
///   grids name every day, so a date alone would be found without any leak, and a day alone
///   says nothing about a person.
fn private_values(dir: &Path, public: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let doc: Value = serde_yaml::from_str(&text).unwrap();
        let mut found = Vec::new();
        texts(&doc, &mut found);
        for v in found {
            let v = v.to_lowercase();
            let is_date =
                v.len() == 10 && chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").is_ok();
            if v.chars().count() >= 4 && !is_date && !public.contains(&v) {
                out.insert(v);
            }
        }
    }
    out
}

/// An output file as text to search: lowercased; calendar lines unfolded and unescaped
/// (`\,`), so that a value folded over two lines is still found.
fn searchable(path: &str, bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    if path.ends_with(".ics") {
        text.replace("\r\n ", "").replace('\\', "")
    } else {
        text
    }
}

/// The values found in some file: (file, value).
fn leaks(values: &BTreeSet<String>, files: &[(String, String)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, text) in files {
        for v in values {
            // As written, and as HTML writes it (`l'animation` → `l&#39;animation`).
            let escaped = ambassade::escape::html(v);
            if text.contains(v.as_str()) || text.contains(&escaped) {
                out.push((path.clone(), v.clone()));
            }
        }
    }
    out
}

#[test]
fn the_search_finds_a_value_written_or_escaped() {
    let values: BTreeSet<String> = ["l'atelier des possibles".to_string()].into();
    let files = vec![
        (
            "a.html".to_string(),
            searchable("a.html", b"<p>L&#39;atelier des possibles</p>"),
        ),
        (
            "b.ics".to_string(),
            searchable("b.ics", b"DESCRIPTION:l'atelier des \r\n possibles"),
        ),
        (
            "c.html".to_string(),
            searchable("c.html", b"<p>un autre atelier</p>"),
        ),
    ];
    let found: Vec<String> = leaks(&values, &files).into_iter().map(|(f, _)| f).collect();
    assert_eq!(found, ["a.html", "b.ics"]);
}

#[test]
fn no_private_value_reaches_the_built_site() {
    let site = example_site();
    let root = site.path();
    let examples = repo().join("examples/private/ambassadeurs");
    copy_dir(&examples, &root.join("private/ambassadeurs"));

    let public: String = all_files(&root.join("content"))
        .values()
        .map(|b| String::from_utf8_lossy(b).to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    let values = private_values(&examples, &public);
    // The filter keeps what identifies people: contact details, motivations, networks.
    for must in [
        "amina.benali@example.org",
        "+32 470 10 20 31",
        "schaerbeek",
        "régisseuse lumière",
        "https://video.example.org/sofia-rossi",
    ] {
        assert!(values.contains(must), "{must} not searched for: {values:?}");
    }
    // 55 when written: values the public profiles also publish (their themes, sectors,
    // regions) are not private and leave the list.
    assert!(
        values.len() >= 50,
        "only {} values searched for",
        values.len()
    );

    // The profiles are valid: a folder the build could have read, had it read it.
    let out = bin()
        .args(["check", "--today", TODAY, "--root"])
        .arg(root)
        .arg("--private")
        .arg(root.join("private"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = bin()
        .args(["build", "--today", TODAY, "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let files: Vec<(String, String)> = all_files(&root.join("public"))
        .into_iter()
        .map(|(p, b)| {
            let text = searchable(&p, &b);
            (p, text)
        })
        .collect();
    assert!(files.len() > 50, "only {} output files", files.len());
    let found = leaks(&values, &files);
    assert!(found.is_empty(), "private values in the output: {found:?}");

    // `match` and `sheets` read the profiles, and refuse to write into the output folder.
    let target = root.join("public/appariement.html");
    let out = bin()
        .args(["match", "--today", TODAY, "--format", "html", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("inside the output folder"),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists());
    let target = root.join("public/profils");
    let out = bin()
        .args(["sheets", "--today", TODAY, "--root"])
        .arg(root)
        .arg("--out")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!target.exists());
}
