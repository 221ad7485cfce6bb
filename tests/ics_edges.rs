//! The calendar edge cases of `tests/fixtures/ics-edges/`: rules as editors write them come
//! out in canonical form, UNTIL in UTC, a repeated local time as its first occurrence, zones
//! with yearly rules that never run out, and DTSTAMPs never after the reference date, taken
//! from git when the site is a checkout. (CI also expands every event for twenty years with
//! recurring-ical-events and ical.js against Python's zoneinfo: tests/ics/check_instants.py.)

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use ambassade::content::Reference;
use ambassade::Options;
use chrono::NaiveDate;
use icalendar::{Calendar, CalendarComponent, Component};
use support::{copy_dir, repo};

fn fixture() -> std::path::PathBuf {
    repo().join("tests/fixtures/ics-edges")
}

fn build(root: &Path, today: (i32, u32, u32)) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let opts = Options {
        root: root.to_path_buf(),
        output: Some(out.path().join("public")),
        base_url: None,
        drafts: false,
        today: Reference::Date(NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap()),
    };
    if let Err(d) = ambassade::build(&opts) {
        panic!(
            "{:?}",
            d.sorted().iter().map(|x| x.to_string()).collect::<Vec<_>>()
        );
    }
    out
}

/// Every .ics file of a built site, by path.
fn calendars(public: &Path) -> Vec<(String, String)> {
    support::all_files(public)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".ics"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The unfolded value of `name` in the VEVENT of `uid` (first property line with that name).
fn prop(ics: &str, uid: &str, name: &str) -> Option<String> {
    let unfolded = ics.replace("\r\n ", "");
    let event = unfolded.split("BEGIN:VEVENT\r\n").find(|e| {
        e.contains(&format!("\r\nUID:{uid}\r\n")) || e.starts_with(&format!("UID:{uid}\r\n"))
    })?;
    event
        .split("\r\n")
        .find(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{name};")))
        .map(str::to_string)
}

fn uid(slug: &str) -> String {
    format!("{slug}@edges.example.org")
}

#[test]
fn rules_are_written_in_canonical_form_with_until_in_utc() {
    let out = build(&fixture(), (2026, 11, 26));
    let public = out.path().join("public");
    let feed = fs::read_to_string(public.join("agenda.ics")).unwrap();
    // What the editors wrote (see the fixture's files) and what RFC 5545 wants.
    let cases = [
        // `freq=monthly; byday=2we; count=3`
        (
            "regle-en-minuscules",
            "RRULE:FREQ=MONTHLY;BYDAY=2WE;COUNT=3",
        ),
        // UNTIL=20271109: through 9 November in Brussels (UTC+1), 23:59:59 local.
        (
            "jusqu-a-une-date",
            "RRULE:FREQ=WEEKLY;UNTIL=20271109T225959Z",
        ),
        // UNTIL=2027-06-29T18:30 local, summer time (UTC+2).
        (
            "jusqu-a-une-heure-locale",
            "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T163000Z",
        ),
        // `repeat:` in French words: the last weekday of the month, 24 times.
        (
            "dernier-jour-ouvrable",
            "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=24",
        ),
        ("nuit-du-changement-d-heure", "RRULE:FREQ=WEEKLY;COUNT=6"),
        ("nouvel-an", "RRULE:FREQ=YEARLY"),
    ];
    for (slug, rule) in cases {
        assert_eq!(
            prop(&feed, &uid(slug), "RRULE").as_deref(),
            Some(rule),
            "{slug}"
        );
        let own = fs::read_to_string(public.join(format!("agenda/{slug}/{slug}.ics"))).unwrap();
        assert_eq!(
            prop(&own, &uid(slug), "RRULE").as_deref(),
            Some(rule),
            "{slug}"
        );
    }
    // The date left out of the rule through the spring change is written at its local time.
    assert_eq!(
        prop(&feed, &uid("nuit-du-changement-d-heure"), "EXDATE").as_deref(),
        Some("EXDATE;TZID=Europe/Brussels:20270328T023000")
    );
    // No rule anywhere in lower case or with a space.
    for (path, text) in calendars(&public) {
        for line in text.replace("\r\n ", "").split("\r\n") {
            if line.starts_with("RRULE:") {
                assert!(
                    !line.chars().any(|c| c.is_ascii_lowercase() || c == ' '),
                    "{path}: {line}"
                );
            }
        }
    }
}

#[test]
fn a_repeated_local_time_is_its_first_occurrence_and_zones_never_run_out() {
    let out = build(&fixture(), (2026, 11, 26));
    let feed = fs::read_to_string(out.path().join("public/agenda.ics")).unwrap();
    // Lisbon, 31 October 2027: 01:30 happens at 00:30 UTC (summer time) and again at 01:30
    // UTC. RFC 5545 §3.3.5 reads the first; written in UTC so that every client does.
    assert_eq!(
        prop(&feed, &uid("lisbonne"), "DTEND").as_deref(),
        Some("DTEND:20271031T003000Z")
    );
    assert_eq!(
        prop(&feed, &uid("lisbonne"), "DTSTART").as_deref(),
        Some("DTSTART;TZID=Europe/Lisbon:20271030T230000")
    );
    let cal: Calendar = feed.parse().unwrap();
    let zones: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Other(o) if o.component_kind() == "VTIMEZONE" => Some(o),
            _ => None,
        })
        .collect();
    let tzids: Vec<String> = zones
        .iter()
        .map(|z| z.property_value("TZID").unwrap().to_string())
        .collect();
    // Every zone an event uses, once (all-day events use none).
    assert_eq!(
        tzids,
        [
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "Europe/Brussels",
            "Europe/Lisbon"
        ]
    );
    let unfolded = feed.replace("\r\n ", "");
    let block = |tzid: &str| {
        let start = unfolded.find(&format!("TZID:{tzid}\r\n")).unwrap();
        let end = start + unfolded[start..].find("END:VTIMEZONE").unwrap();
        unfolded[start..end].to_string()
    };
    // Yearly rules without an end: right for every year a rule without an end reaches.
    let brussels = block("Europe/Brussels");
    assert!(
        brussels.contains("TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"),
        "{brussels}"
    );
    assert!(
        brussels.contains("TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"),
        "{brussels}"
    );
    assert!(
        !brussels.contains("UNTIL") && !brussels.contains("RDATE"),
        "{brussels}"
    );
    let howe = block("Australia/Lord_Howe");
    assert!(
        howe.contains(
            "TZOFFSETFROM:+1030\r\nTZOFFSETTO:+1100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\n"
        ),
        "{howe}"
    );
    let kolkata = block("Asia/Kolkata");
    assert_eq!(kolkata.matches("TZOFFSETTO:+0530").count(), 1, "{kolkata}");
    assert!(!kolkata.contains("RRULE"), "{kolkata}");
}

/// The DTSTAMP (and LAST-MODIFIED) of `slug` in the built feed.
fn stamps(public: &Path, slug: &str) -> (Option<String>, Option<String>) {
    let feed = fs::read_to_string(public.join("agenda.ics")).unwrap();
    (
        prop(&feed, &uid(slug), "DTSTAMP"),
        prop(&feed, &uid(slug), "LAST-MODIFIED"),
    )
}

#[test]
fn dtstamps_are_never_after_the_reference_date() {
    let out = build(&fixture(), (2026, 11, 26));
    let public = out.path().join("public");
    let mut seen = 0;
    for (path, text) in calendars(&public) {
        for line in text.split("\r\n") {
            if let Some(v) = line
                .strip_prefix("DTSTAMP:")
                .or_else(|| line.strip_prefix("LAST-MODIFIED:"))
            {
                assert!(v.len() == 16 && v.ends_with('Z'), "{path}: {line}");
                assert!(
                    v <= "20261126T235959Z",
                    "{path}: {line} is after 2026-11-26"
                );
                seen += 1;
            }
        }
    }
    assert!(seen > 20, "{seen} stamps");
    // `updated: 2026-11-20T10:00` in Brussels (UTC+1).
    assert_eq!(
        stamps(&public, "jeudi-toute-l-annee"),
        (
            Some("DTSTAMP:20261120T090000Z".into()),
            Some("LAST-MODIFIED:20261120T090000Z".into())
        )
    );
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

#[test]
fn in_a_git_checkout_a_dtstamp_is_the_last_commit_of_the_event_and_moves_only_with_it() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), site.path());
    git(site.path(), &["init", "-q"], "2026-10-01T12:00:00Z");
    git(site.path(), &["add", "."], "2026-10-01T12:00:00Z");
    git(
        site.path(),
        &["commit", "-q", "-m", "first"],
        "2026-10-01T12:00:00Z",
    );
    let first = build(site.path(), (2026, 11, 26));
    assert_eq!(
        stamps(&first.path().join("public"), "sans-fin"),
        (
            Some("DTSTAMP:20261001T120000Z".into()),
            Some("LAST-MODIFIED:20261001T120000Z".into())
        )
    );
    // An event edited and committed later gets that commit's time; the others keep theirs.
    let file = site.path().join("content/events/sans-fin.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("pas quand", "jamais quand")).unwrap();
    // Not committed yet: the file's time, never after the reference day, and no
    // LAST-MODIFIED (nothing says when the change was made for good).
    let dirty = build(site.path(), (2026, 11, 26));
    assert_eq!(
        stamps(&dirty.path().join("public"), "sans-fin"),
        (Some("DTSTAMP:20261126T235959Z".into()), None)
    );
    git(
        site.path(),
        &["commit", "-q", "-am", "second"],
        "2026-11-15T08:30:00Z",
    );
    let second = build(site.path(), (2026, 11, 26));
    let public = second.path().join("public");
    assert_eq!(
        stamps(&public, "sans-fin").0.as_deref(),
        Some("DTSTAMP:20261115T083000Z")
    );
    assert_eq!(
        stamps(&public, "lisbonne").0.as_deref(),
        Some("DTSTAMP:20261001T120000Z")
    );
    // A commit after the reference day is not used as such: the reference day's end is.
    let later = build(site.path(), (2026, 11, 10));
    assert_eq!(
        stamps(&later.path().join("public"), "sans-fin")
            .0
            .as_deref(),
        Some("DTSTAMP:20261110T235959Z")
    );
}

#[test]
fn a_long_description_keeps_its_links_lists_and_table() {
    let out = build(&fixture(), (2026, 11, 26));
    let own = fs::read_to_string(
        out.path()
            .join("public/agenda/description-riche/description-riche.ics"),
    )
    .unwrap();
    let cal: Calendar = own.parse().unwrap();
    let ev = cal
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .unwrap();
    // Written from the Markdown of content/events/description-riche.md.
    let expected = "Programme\n\n\
        Inscription sur le formulaire (https://forms.example.org/etude) ou par courriel \
        (mailto:contact@example.org). Voir aussi https://example.org/plan.\n\n\
        1. Accueil\n\
        2. Ateliers\n   \
        - Atelier A : statut\n   \
        - Atelier B : droits\n     \
        1. Droits d'auteur\n     \
        2. Droits voisins\n\
        3. Clôture\n\n\
        Heure | Activité\n\
        09:00 | Accueil\n\
        12:30 | Repas\n\n\
        > Une citation pour finir.\n\n\
        https://edges.example.org/agenda/description-riche/";
    assert_eq!(ev.get_description(), Some(expected));
}
