//! Closed vocabularies accept the French words the site shows: an event written with them
//! builds the same site as with the codes; the README's table and the JSON Schemas list them.

mod support;

use std::fs;

use ambassade::model::{
    Axis, Compensation, Criterion, Intervention, KitKind, Level, Role, Status, Venue,
};
use support::{all_files, bin, example_site, repo, stderr, TODAY};

const WITH_CODES: &str = "---
title: Atelier de test
start: 2027-03-14T10:00
level: european
status: postponed
axis: defend
representatives:
  - { name: Alex Public, role: ambassador, public: true }
  - { name: Sam, role: board }
mission:
  intervention: public_talk
  venue: one_to_one
  compensation: expenses_only
  criteria: [time, added_value, reporting]
---
Un atelier.
";

const IN_FRENCH: &str = "---
title: Atelier de test
start: 2027-03-14T10:00
level: européen
status: reporté
axis: defendre
representatives:
  - { name: Alex Public, role: ambassadrice, public: true }
  - { name: Sam, role: conseil d’administration }
mission:
  intervention: prise de parole publique
  venue: rencontre individuelle
  compensation: défraiement
  criteria: [temps consacré, valeur ajoutee, rapport de mission]
---
Un atelier.
";

fn build_with(event: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let site = example_site();
    fs::write(site.path().join("content/events/atelier-test.md"), event).unwrap();
    let out = site.path().join("out");
    let o = bin()
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&out)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    all_files(&out)
}

#[test]
fn an_event_in_french_builds_the_same_site_as_with_the_codes() {
    let codes = build_with(WITH_CODES);
    let french = build_with(IN_FRENCH);
    assert!(codes.keys().any(|k| k.contains("atelier-test")));
    assert_eq!(
        codes.keys().collect::<Vec<_>>(),
        french.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &codes {
        // The manifest knows each event by its file's text (`Event::made_from`), which
        // differs: it lists the same files, and every file of the site is the same.
        if path == ".ambassade-manifest" {
            let files = |b: &[u8]| -> Vec<String> {
                let text = String::from_utf8(b.to_vec()).unwrap();
                text.lines()
                    .skip(1)
                    .filter_map(|l| l.split_once(' ').map(|(_, p)| p.to_string()))
                    .collect()
            };
            assert_eq!(files(&french[path]), files(bytes));
            continue;
        }
        assert!(french[path] == *bytes, "{path} differs");
    }
}

/// Each vocabulary value with its French words, as the README's table writes them.
fn rows() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut v = Vec::new();
    macro_rules! add {
        ($($t:ty),*) => {$(
            for x in <$t>::ALL {
                v.push((x.key(), x.french().to_vec()));
            }
        )*};
    }
    add!(
        Level,
        Status,
        Role,
        Axis,
        KitKind,
        Intervention,
        Venue,
        Compensation,
        Criterion
    );
    v
}

#[test]
fn the_readme_table_lists_the_french_words_of_every_value() {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme
        .find("| field | code | also accepted |")
        .expect("the README has the table of French values");
    let table: Vec<(String, String)> = readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (cells[2].to_string(), cells[3].to_string())
        })
        .collect();
    let mut listed = 0;
    for (code, words) in rows().into_iter().filter(|(_, w)| !w.is_empty()) {
        let expected = words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let code = format!("`{code}`");
        assert!(
            table.iter().any(|(c, w)| *c == code && *w == expected),
            "README: no row `| … | {code} | {expected} |`"
        );
        listed += 1;
    }
    assert_eq!(
        table.len(),
        listed,
        "the README's table has rows the code does not"
    );
}

#[test]
fn the_schemas_list_codes_and_french_words() {
    let tmp = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["schema", "--out"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let event = fs::read_to_string(tmp.path().join("event.schema.json")).unwrap();
    for word in [
        "\"european\"",
        "\"européen\"",
        "\"cancelled\"",
        "\"annulé\"",
        "\"défraiement\"",
    ] {
        assert!(
            event.contains(word),
            "{word} missing from event.schema.json"
        );
    }
}
