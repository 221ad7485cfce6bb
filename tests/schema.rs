//! `ambassade schema`: the generated JSON Schemas accept every content file of the example
//! site and of the fixture sites (the YAML files, and the front matter of every event and
//! page), and reject files the loader rejects for their shape.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{repo, run, stderr, stdout};

/// The schemas as the command writes them, by kind.
fn schemas() -> BTreeMap<String, jsonschema::Validator> {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("schemas");
    let out = run(&["schema", "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("yaml.schemas"), "{}", stdout(&out));
    let mut map = BTreeMap::new();
    for kind in [
        "site",
        "baseline",
        "axes",
        "charter",
        "lexicon",
        "kit",
        "networks",
        "sheet",
        "page",
        "event",
        "ambassador",
        "event-translation",
        "site-translation",
    ] {
        let path = out_dir.join(format!("{kind}.schema.json"));
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let schema: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
        let v = jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("{kind}.schema.json is not a valid schema: {e}"));
        map.insert(kind.to_string(), v);
    }
    map
}

/// YAML as an editor's plug-in reads it (YAML 1.2: `2027-03-14` is a string), as JSON.
fn yaml_to_json(text: &str, what: &Path) -> Value {
    let v: serde_yaml::Value =
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{}: {e}", what.display()));
    serde_json::to_value(v).unwrap_or_else(|e| panic!("{}: {e}", what.display()))
}

/// The YAML between the two `---` lines at the top of a Markdown file.
fn front_matter(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .expect("a front matter");
    let end = rest
        .find("\n---")
        .map(|i| i + 1)
        .expect("a closed front matter");
    &rest[..end]
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Every content file of `site` with the schema kind it must match.
fn files_of(site: &Path) -> Vec<(String, PathBuf, bool)> {
    let c = site.join("content");
    let mut v = Vec::new();
    for kind in [
        "site", "baseline", "axes", "charter", "lexicon", "kit", "networks",
    ] {
        v.push((kind.to_string(), c.join(format!("{kind}.yaml")), false));
    }
    for sheet in ["mission", "identification"] {
        v.push((
            "sheet".into(),
            c.join(format!("sheets/{sheet}.yaml")),
            false,
        ));
    }
    for (kind, dir) in [
        ("event", "events"),
        ("page", "pages"),
        ("ambassador", "ambassadeurs"),
    ] {
        let Ok(entries) = fs::read_dir(c.join(dir)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        // `<slug>.<ll>.md` is a translation: an event's has a schema of its own, a page's is a
        // page.
        v.extend(files.into_iter().map(|p| {
            let translated = p
                .file_stem()
                .is_some_and(|s| s.to_string_lossy().contains('.'));
            let kind = match (kind, translated) {
                ("event", true) => "event-translation".to_string(),
                (k, _) => k.to_string(),
            };
            (kind, p, true)
        }));
    }
    v
}

#[test]
fn example_and_fixture_content_match_the_schemas() {
    let schemas = schemas();
    let mut checked = 0;
    let mut failures = Vec::new();
    for site in [
        repo(),
        repo().join("tests/fixtures/minimal"),
        repo().join("tests/fixtures/ics-hard"),
        repo().join("tests/fixtures/ics-edges"),
        repo().join("tests/fixtures/missions"),
    ] {
        for (kind, path, md) in files_of(&site) {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let yaml = if md { front_matter(&text) } else { &text };
            let instance = yaml_to_json(yaml, &path);
            let errs = errors(&schemas[&kind], &instance);
            if !errs.is_empty() {
                failures.push(format!("{} ({kind}): {}", path.display(), errs.join("; ")));
            }
            checked += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 40, "only {checked} files checked");
}

#[test]
fn files_the_loader_rejects_for_their_shape_fail_the_schemas() {
    let schemas = schemas();
    let event = |yaml: &str| errors(&schemas["event"], &yaml_to_json(yaml, Path::new("event")));
    let good = "title: Salon\nstart: 2027-03-14\nlevel: national\n";
    assert!(event(good).is_empty(), "{:?}", event(good));
    for (what, bad) in [
        ("unknown level", "title: Salon\nstart: 2027-03-14\nlevel: planetary\n"),
        ("missing level", "title: Salon\nstart: 2027-03-14\n"),
        ("missing title", "start: 2027-03-14\nlevel: local\n"),
        ("misspelt field", "titel: Salon\ntitle: Salon\nstart: 2027-03-14\nlevel: local\n"),
        ("themes as text", "title: Salon\nstart: 2027-03-14\nlevel: local\nthemes: culture\n"),
        (
            "unknown role",
            "title: S\nstart: 2027-03-14\nlevel: local\nrepresentatives:\n  - { name: A, role: boss }\n",
        ),
        (
            "unknown mission field",
            "title: S\nstart: 2027-03-14\nlevel: local\nmission: { budget: 100 }\n",
        ),
        ("sequence as text", "title: S\nstart: 2027-03-14\nlevel: local\nsequence: deux\n"),
        (
            "an open call without a seat",
            "title: S\nstart: 2027-03-14\nlevel: local\nmission:\n  open: { seats: 0, deadline: 2027-03-01 }\n",
        ),
        (
            "an open call without a deadline",
            "title: S\nstart: 2027-03-14\nlevel: local\nmission:\n  open: { seats: 2 }\n",
        ),
        ("title as a list", "title: [a, b]\nstart: 2027-03-14\nlevel: local\n"),
    ] {
        assert!(!event(bad).is_empty(), "{what}: accepted by the schema");
    }

    let site = |yaml: &str| errors(&schemas["site"], &yaml_to_json(yaml, Path::new("site")));
    let missing_base =
        "title: T\ndescription: D\norganisation: { name: O, email: o@example.org }\n";
    assert!(
        !site(missing_base).is_empty(),
        "site.yaml without base_url accepted"
    );

    // The broken example lexicon of the corpus fails too.
    let lexicon = |yaml: &str| {
        errors(
            &schemas["lexicon"],
            &yaml_to_json(yaml, Path::new("lexicon")),
        )
    };
    assert!(
        !lexicon("terms:\n  - term: A\n").is_empty(),
        "term without definition"
    );
    // A sheet's options: labels, or `{ id, label }` with an id of the mission vocabularies.
    let sheet = |options: &str| {
        let yaml = format!("title: F\nsections:\n  - title: S\n    fields:\n      - {{ id: venue, label: L, kind: choice, options: {options} }}\n");
        errors(&schemas["sheet"], &yaml_to_json(&yaml, Path::new("sheet")))
    };
    for good in [
        "[Oui, Non]",
        "[{ id: fair, label: Salon }, { id: time, label: T }]",
    ] {
        assert!(sheet(good).is_empty(), "{good}: {:?}", sheet(good));
    }
    for bad in [
        "[{ id: salon, label: Salon }, { id: fair, label: F }]",
        "[{ id: fair }, { id: online, label: En ligne }]",
        "[{ id: fair, lable: Salon }, { id: online, label: En ligne }]",
        "[1, 2]",
    ] {
        assert!(!sheet(bad).is_empty(), "{bad}: accepted by the schema");
    }
    let kit = |yaml: &str| errors(&schemas["kit"], &yaml_to_json(yaml, Path::new("kit")));
    assert!(
        !kit("items:\n  - { title: A, kind: flyer, description: d, language: fr, updated: 2026-01-01, url: https://x.org }\n")
            .is_empty(),
        "unknown kit kind"
    );
}

#[test]
fn broken_corpus_cases_about_shape_fail_the_schemas() {
    // Cases of tests/broken/ whose mistake is in the shape of a file (a type, a missing
    // field): the schema must catch them in the editor already.
    let schemas = schemas();
    let mut failures = Vec::new();
    for (case, file, kind) in [
        ("missing-event-level", "content/events/salon.md", "event"),
        ("missing-event-title", "content/events/salon.md", "event"),
        ("type-title-as-list", "content/events/salon.md", "event"),
        ("type-sequence-as-text", "content/events/salon.md", "event"),
        (
            "type-representatives-as-string",
            "content/events/salon.md",
            "event",
        ),
        ("missing-site-base-url", "content/site.yaml", "site"),
        (
            "missing-lexicon-definition",
            "content/lexicon.yaml",
            "lexicon",
        ),
        ("missing-kit-updated", "content/kit.yaml", "kit"),
        (
            "type-member-since-as-text",
            "content/networks.yaml",
            "networks",
        ),
    ] {
        let path = repo()
            .join("tests/broken")
            .join(case)
            .join("overlay")
            .join(file);
        let Ok(text) = fs::read_to_string(&path) else {
            failures.push(format!("{case}: no {file} in its overlay"));
            continue;
        };
        let yaml = if file.ends_with(".md") {
            front_matter(&text)
        } else {
            &text
        };
        if errors(&schemas[kind], &yaml_to_json(yaml, &path)).is_empty() {
            failures.push(format!("{case}: {file} accepted by the {kind} schema"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The private profiles' schema is made from the site's identification sheet: it accepts the
/// example's profiles and the match fixture's (same sheet), and rejects what `check --private`
/// rejects for its shape.
#[test]
fn private_profile_schema_follows_the_identification_sheet() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["schema", "--out", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("private/ambassadeurs/*.yaml"),
        "{}",
        stdout(&out)
    );
    let text = fs::read_to_string(tmp.path().join("private-profile.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    // Every field id of the sheet but the signature, with the sheet's own options.
    let props = schema["properties"].as_object().unwrap();
    assert!(props.contains_key("themes") && props.contains_key("links"));
    assert!(!props.contains_key("signature"));
    assert!(text.contains("\"néerlandais\"") && text.contains("\"moins de 2 h\""));
    let v = jsonschema::validator_for(&schema).unwrap();
    let mut checked = 0;
    for dir in [
        "examples/private/ambassadeurs",
        "tests/fixtures/match/private/ambassadeurs",
    ] {
        for e in fs::read_dir(repo().join(dir)).unwrap() {
            let path = e.unwrap().path();
            let doc = yaml_to_json(&fs::read_to_string(&path).unwrap(), &path);
            assert_eq!(errors(&v, &doc), Vec::<String>::new(), "{}", path.display());
            checked += 1;
        }
    }
    assert_eq!(checked, 11);
    for bad in [
        "themse: culture",
        "languages: [italien]",
        "languages: français",
        "time: Moins de 2 h",
        "support_group: oui",
        "availability: { Nuit: [Lun] }",
        "availability: { Soir: [Lundi] }",
        "phone: 470123456",
        "date: 14/03/2027",
        "signature: Ana",
    ] {
        let doc = yaml_to_json(bad, Path::new(bad));
        assert!(
            !errors(&v, &doc).is_empty(),
            "{bad}: accepted by the schema"
        );
    }
}
