//! Pre-filled mission sheets tick exactly what their event says. For the example site and for
//! `tests/fixtures/missions` (every value of every vocabulary, offered in another order and
//! with other labels), each event file's `mission:` values and `axis` are read here from the
//! file's own YAML, independently of the loader, and compared with the boxes checked in the
//! built sheet, read from its HTML; the label beside each checked box is the one the sheet's
//! YAML gives that value.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};
use serde_yaml::Value;
use support::{repo, run, stderr, TODAY};

/// (field id, value) pairs: `("venue", "fair")`.
type Ticks = BTreeSet<(String, String)>;

fn build(root: &Path, out: &Path) {
    let out = run(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--today",
        TODAY,
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn yaml(text: &str, what: &Path) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", what.display()))
}

/// The front matter of an event file, as YAML.
fn front(file: &Path) -> Value {
    let text = fs::read_to_string(file).unwrap();
    let rest = text.strip_prefix("---\n").expect("a front matter");
    let end = rest.find("\n---").expect("a closed front matter");
    yaml(&rest[..end], file)
}

/// What the event file says must be ticked; `None` for a draft or an event without `mission:`.
fn expected(file: &Path) -> Option<Ticks> {
    let v = front(file);
    if v["draft"].as_bool() == Some(true) {
        return None;
    }
    let m = v.get("mission")?;
    let mut ticks = Ticks::new();
    let mut tick = |field: &str, value: &Value| {
        let value = value
            .as_str()
            .unwrap_or_else(|| panic!("{}: {field}", file.display()));
        ticks.insert((field.to_string(), value.to_string()));
    };
    for field in ["intervention", "venue", "compensation"] {
        if let Some(value) = m.get(field) {
            tick(field, value);
        }
    }
    if let Some(list) = m.get("criteria").and_then(Value::as_sequence) {
        for value in list {
            tick("criteria", value);
        }
    }
    if let Some(axis) = v.get("axis") {
        tick("axis", axis);
    }
    Some(ticks)
}

/// The event files under `events/`, by slug (the file name); a translation's sheet is the
/// original's.
fn event_files(events: &Path) -> BTreeMap<String, PathBuf> {
    support::original_event_files(events)
        .into_iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect()
}

/// Each option with an id in the sheet's YAML, with its label: `("venue", "fair") → "Salon"`.
fn sheet_labels(sheet: &Path) -> BTreeMap<(String, String), String> {
    let v = yaml(&fs::read_to_string(sheet).unwrap(), sheet);
    let mut out = BTreeMap::new();
    for section in v["sections"].as_sequence().unwrap() {
        for field in section["fields"].as_sequence().unwrap() {
            let Some(options) = field.get("options").and_then(Value::as_sequence) else {
                continue;
            };
            for o in options.iter().filter(|o| o.get("id").is_some()) {
                let key = (
                    field["id"].as_str().unwrap().to_string(),
                    o["id"].as_str().unwrap().to_string(),
                );
                out.insert(key, o["label"].as_str().unwrap().to_string());
            }
        }
    }
    out
}

/// The checked boxes of a mission sheet, with the text of their labels.
fn checked(html: &str) -> BTreeMap<(String, String), String> {
    let doc = Html::parse_document(html);
    let boxes = Selector::parse("form input[checked]").unwrap();
    let mut out = BTreeMap::new();
    for input in doc.select(&boxes) {
        let e = input.value();
        let name = e.attr("name").unwrap();
        let field = name.strip_prefix("mission-").expect("a mission field");
        let id = e.attr("id").unwrap();
        let label = Selector::parse(&format!("label[for=\"{id}\"]")).unwrap();
        let text: String = doc.select(&label).flat_map(|l| l.text()).collect();
        let key = (field.to_string(), e.attr("value").unwrap().to_string());
        assert!(
            out.insert(key, text.trim().to_string()).is_none(),
            "{name} twice"
        );
    }
    out
}

/// Checks every pre-filled sheet of the site at `root` built into `out`; returns the ticks of
/// all its sheets together.
fn check_site(root: &Path, out: &Path) -> Ticks {
    build(root, out);
    let content = root.join("content");
    let labels = sheet_labels(&content.join("sheets/mission.yaml"));
    let events = event_files(&content.join("events"));
    let mut all = Ticks::new();
    let mut sheets = 0;
    for (slug, file) in &events {
        let sheet = out
            .join("agenda")
            .join(slug)
            .join("fiche-mission/index.html");
        let Some(want) = expected(file) else {
            assert!(
                !sheet.exists(),
                "{}: a sheet without a mission",
                file.display()
            );
            continue;
        };
        let html = fs::read_to_string(&sheet)
            .unwrap_or_else(|e| panic!("{}: no sheet ({e})", file.display()));
        let got = checked(&html);
        let ticked: Ticks = got.keys().cloned().collect();
        assert_eq!(ticked, want, "{}: checked boxes", file.display());
        for (key, text) in &got {
            assert_eq!(
                Some(text),
                labels.get(key),
                "{}: label of {key:?}",
                file.display()
            );
        }
        all.extend(ticked);
        sheets += 1;
    }
    // No sheet for an event that is not there.
    let built = fs::read_dir(out.join("agenda"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("fiche-mission").is_dir())
        .count();
    assert_eq!(built, sheets);
    assert!(sheets > 0, "{}: no pre-filled sheet", root.display());
    all
}

#[test]
fn the_example_sites_sheets_tick_the_events_values() {
    let tmp = tempfile::tempdir().unwrap();
    let ticks = check_site(&repo(), &tmp.path().join("public"));
    // The cases of the issue: a fair, the criteria, a paid mission, an official meeting.
    for (field, value) in [
        ("venue", "fair"),
        ("criteria", "reporting"),
        ("compensation", "paid_contract"),
        ("intervention", "informal"),
        ("intervention", "official_meeting"),
    ] {
        assert!(
            ticks.contains(&(field.to_string(), value.to_string())),
            "{field}: {value} ticked nowhere"
        );
    }
}

#[test]
fn the_fixtures_sheets_tick_every_value_of_every_vocabulary() {
    let tmp = tempfile::tempdir().unwrap();
    let root = repo().join("tests/fixtures/missions");
    let ticks = check_site(&root, &tmp.path().join("public"));
    // The fixture ticks every option its sheet offers, and offers every value.
    let offered: Ticks = sheet_labels(&root.join("content/sheets/mission.yaml"))
        .into_keys()
        .collect();
    assert_eq!(ticks, offered);
    let per_field = |f: &str| offered.iter().filter(|(x, _)| x == f).count();
    assert_eq!(
        ["intervention", "venue", "axis", "compensation", "criteria"].map(per_field),
        [7, 6, 3, 3, 4]
    );
}
