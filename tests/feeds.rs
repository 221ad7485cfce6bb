//! Calendar feeds: every feed of the example site and of the hard-cases fixture is parsed back
//! with the `icalendar` crate and checked value by value against the content files.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use ambassade::content::Reference;
use ambassade::Options;
use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let opts = Options {
        root: root.to_path_buf(),
        output: Some(out.path().join("public")),
        base_url: None,
        drafts: false,
        today: Reference::Date(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()),
    };
    if let Err(d) = ambassade::build(&opts) {
        panic!(
            "{:?}",
            d.sorted().iter().map(|x| x.to_string()).collect::<Vec<_>>()
        );
    }
    out
}

fn feeds(public: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "ics"))
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(public)
                .unwrap()
                .to_string_lossy()
                .to_string();
            (rel, fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

fn front(path: &Path) -> serde_yaml::Value {
    let text = fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").unwrap();
    serde_yaml::from_str(&rest[..rest.find("\n---").unwrap()]).unwrap()
}

fn hard() -> PathBuf {
    repo().join("tests/fixtures/ics-hard")
}

fn event<'a>(cal: &'a Calendar, uid: &str) -> &'a icalendar::Event {
    cal.events()
        .find(|e| e.get_uid() == Some(uid))
        .unwrap_or_else(|| panic!("no {uid}"))
}

fn param<'a>(e: &'a icalendar::Event, prop: &str, name: &str) -> Option<&'a str> {
    e.properties()
        .get(prop)?
        .params()
        .get(name)
        .map(|p| p.value())
}

#[test]
fn hard_cases_read_back_exactly() {
    let out = build(&hard());
    let public = out.path().join("public");
    let text = fs::read_to_string(public.join("agenda.ics")).unwrap();
    let cal: Calendar = text.parse().unwrap();

    let fm = front(&hard().join("content/events/atelier-hebdo.md"));
    let w = event(&cal, "atelier-hebdo@test.example.org");
    // The parser returns TEXT values unescaped.
    assert_eq!(
        w.property_value("SUMMARY").unwrap(),
        fm["title"].as_str().unwrap()
    );
    assert_eq!(w.properties()["DTSTART"].value(), "20270316T180000");
    assert_eq!(param(w, "DTSTART", "TZID"), Some("Europe/Brussels"));
    assert_eq!(w.properties()["DTEND"].value(), "20270316T193000");
    assert_eq!(
        w.property_value("RRULE"),
        Some(fm["recurrence"].as_str().unwrap())
    );
    let exdates: Vec<&str> = w.multi_properties()["EXDATE"]
        .iter()
        .map(|p| p.value())
        .collect();
    assert_eq!(exdates, vec!["20270330T180000"]);
    assert_eq!(w.property_value("SEQUENCE"), Some("2"));
    // `updated` is 2027-02-01T09:15, after the reference date 2026-11-26: calendars get the
    // end of the reference day instead, never a time in the future.
    assert_eq!(w.property_value("DTSTAMP"), Some("20261126T235959Z"));
    assert_eq!(w.property_value("LAST-MODIFIED"), Some("20261126T235959Z"));
    assert_eq!(w.property_value("GEO"), Some("50.8277;4.3456"));
    let loc = w.property_value("LOCATION").unwrap();
    assert!(
        loc.starts_with(
            "Salle \"Les Voûtes\"; 1er étage, Rue de l'Église 3, boîte 2, 1060 Saint-Gilles"
        ),
        "{loc}"
    );
    assert_eq!(
        w.get_categories().unwrap(),
        vec!["Local", "pitch", "théâtre, danse"]
    );
    assert!(text.contains("\r\nCATEGORIES:Local,pitch,théâtre\\, danse\r\n"));
    let desc = w.property_value("DESCRIPTION").unwrap();
    assert!(desc.contains("emoji 🎭🎨🎤."), "{desc}");
    assert!(
        desc.contains("barre oblique inverse \\ et des virgules, points-virgules;"),
        "{desc}"
    );
    assert!(
        desc.ends_with("https://test.example.org/agenda/atelier-hebdo/"),
        "{desc}"
    );
    assert_eq!(
        w.property_value("URL"),
        Some("https://test.example.org/agenda/atelier-hebdo/")
    );

    let mtl = event(&cal, "montreal@test.example.org");
    assert_eq!(param(mtl, "DTSTART", "TZID"), Some("America/Montreal"));
    assert_eq!(mtl.properties()["DTSTART"].value(), "20270603T090000");
    assert!(text.contains("TZID:America/Montreal\r\n"));
    assert!(text.contains("TZOFFSETTO:-0400"));

    let online = event(&cal, "en-ligne@test.example.org");
    assert_eq!(online.property_value("STATUS"), Some("TENTATIVE"));
    assert_eq!(
        online.property_value("LOCATION"),
        Some("https://visio.example.org/webinaire?salle=12&code=ab;c")
    );

    let fair = event(&cal, "salon@test.example.org");
    assert_eq!(fair.property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(param(fair, "DTSTART", "VALUE"), Some("DATE"));
    assert_eq!(fair.properties()["DTEND"].value(), "20270317");

    // Calendar-level properties subscribers' clients rely on.
    for p in [
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "NAME:Site de test",
        "X-WR-CALNAME:Site de test",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
    ] {
        assert!(text.contains(&format!("\r\n{p}\r\n")), "{p} missing");
    }
    assert!(text.contains("\r\nPRODID:-//Coopérative Test//ambassade"));
    assert!(!text.contains("METHOD"));
}

#[test]
fn every_feed_follows_the_line_rules_and_uids_are_stable() {
    for root in [repo(), hard()] {
        let out = build(&root);
        let all = feeds(&out.path().join("public"));
        assert!(all.len() > 3, "{}: feeds missing", root.display());
        // By language (the Dutch feeds are under nl/) and UID: an event has the same UID in
        // every language, and its words in each (tests/languages.rs).
        let mut uid_summary: HashMap<(bool, String), String> = HashMap::new();
        for (name, text) in &all {
            assert!(text.ends_with("END:VCALENDAR\r\n"), "{name}");
            let body = text.strip_suffix("\r\n").unwrap();
            for (n, line) in body.split("\r\n").enumerate() {
                assert!(line.len() <= 75, "{name}:{}: {} octets", n + 1, line.len());
                assert!(
                    !line.contains('\r') && !line.contains('\n'),
                    "{name}:{}: bare line end",
                    n + 1
                );
                assert!(
                    !line.chars().any(|c| c.is_control()),
                    "{name}:{}: control character",
                    n + 1
                );
            }
            let cal: Calendar = text.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut seen = std::collections::HashSet::new();
            for e in cal.events() {
                let uid = e.get_uid().unwrap().to_string();
                assert!(seen.insert(uid.clone()), "{name}: duplicate UID {uid}");
                let summary = e.get_summary().unwrap_or_default().to_string();
                // The same event keeps its UID (and content) in every feed and its own file.
                let key = (name.starts_with("nl/"), uid.clone());
                if let Some(prev) = uid_summary.insert(key, summary.clone()) {
                    assert_eq!(prev, summary, "{uid} differs between feeds");
                }
                for tzid in ["DTSTART", "DTEND"]
                    .iter()
                    .filter_map(|p| param(e, p, "TZID"))
                {
                    assert!(
                        text.contains(&format!("BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n")),
                        "{name}: no VTIMEZONE for {tzid}"
                    );
                }
            }
        }
    }
}

#[test]
fn per_event_files_and_filtered_feeds_hold_the_right_events() {
    let out = build(&hard());
    let all = feeds(&out.path().join("public"));
    let one: Calendar = all["agenda/atelier-hebdo/atelier-hebdo.ics"]
        .parse()
        .unwrap();
    let uids: Vec<&str> = one.events().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids, vec!["atelier-hebdo@test.example.org"]);
    // Level feeds list exactly the events of that level, whatever the feed's name.
    for (name, text) in all.iter().filter(|(n, _)| n.starts_with("agenda/niveau/")) {
        let cal: Calendar = text.parse().unwrap();
        let level_label = cal
            .property_value("X-WR-CALNAME")
            .unwrap_or_default()
            .to_string();
        for e in cal.events() {
            let cats = e.get_categories().unwrap();
            assert!(
                level_label.contains(&cats[0]),
                "{name}: {} not in {level_label}",
                cats[0]
            );
        }
    }
    let theme: Calendar = all["agenda/theme/theatre-danse.ics"].parse().unwrap();
    assert_eq!(theme.events().count(), 1);
    let region: Calendar = all["agenda/region/bruxelles.ics"].parse().unwrap();
    let mut r: Vec<&str> = region.events().filter_map(|e| e.get_uid()).collect();
    r.sort();
    assert_eq!(
        r,
        vec!["atelier-hebdo@test.example.org", "reunion@test.example.org"]
    );
}

#[test]
fn old_past_events_leave_the_feeds_but_keep_their_page() {
    let dir = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(repo().join("tests/fixtures/minimal"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let dest = dir.path().join(
            e.path()
                .strip_prefix(repo().join("tests/fixtures/minimal"))
                .unwrap(),
        );
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
    let site = dir.path().join("content/site.yaml");
    let mut yaml = fs::read_to_string(&site).unwrap();
    yaml.push_str("feed_past_days: 30\n");
    fs::write(&site, yaml).unwrap();
    // A title with a raw CR LF must stay one SUMMARY property. (Other control characters,
    // `\u0007`, are refused when the content is read: tests/broken.rs.)
    fs::write(
        dir.path().join("content/events/injection.md"),
        "---\ntitle: \"x\\r\\nATTENDEE:mailto:evil@example.org\"\nstart: 2027-05-01T10:00\nlevel: local\n---\n",
    )
    .unwrap();
    let out = build(dir.path());
    let public = out.path().join("public");
    let text = fs::read_to_string(public.join("agenda.ics")).unwrap();
    let cal: Calendar = text.parse().unwrap();
    let uids: Vec<&str> = cal.events().filter_map(|e| e.get_uid()).collect();
    assert!(
        !uids.contains(&"passe@test.example.org"),
        "a past event older than 30 days is still in the feed"
    );
    assert!(public.join("agenda/passe/index.html").exists());
    assert!(public.join("agenda/passe/passe.ics").exists());
    let inj = event(&cal, "injection@test.example.org");
    assert!(inj.property_value("ATTENDEE").is_none());
    assert!(!text.contains("\r\nATTENDEE"));
    assert_eq!(
        inj.get_summary(),
        Some("x ATTENDEE:mailto:evil@example.org")
    );
}
