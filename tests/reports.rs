//! Events' reports as the public reads them: on the page of a past event only, listed newest
//! first at `/agenda/comptes-rendus/` and in its Atom feed, marked on the cards of the agenda's
//! lists, and in the "Après la mission" part of the pre-filled mission sheet; and the
//! editor's mistakes (a report dated before its event, an empty one, one on an event not over
//! yet) told with the file.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use scraper::{Html, Selector};
use serde_yaml::Value;
use support::dom::{attrs, texts};
use support::{copy_dir, repo, run, stderr, TODAY};

fn build(root: &Path) -> tempfile::TempDir {
    support::build_site(root)
}

fn page(out: &Path, path: &str) -> Html {
    let file = out
        .join("public")
        .join(path.trim_start_matches('/'))
        .join("index.html");
    Html::parse_document(&fs::read_to_string(&file).unwrap_or_else(|e| panic!("{path}: {e}")))
}

/// The example's events with a `report:` block: slug → (report date, end or start day),
/// read from the files.
fn example_reports() -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(repo().join("content/events")).unwrap() {
        let path = entry.unwrap().path();
        let file = fs::read_to_string(&path).unwrap();
        let front = file
            .strip_prefix("---\n")
            .unwrap()
            .split_once("\n---\n")
            .unwrap()
            .0;
        let fm: Value = serde_yaml::from_str(front).unwrap();
        if let Some(r) = fm.get("report") {
            let s = |v: &Value| match v {
                Value::String(s) => s[..10].to_string(),
                other => serde_yaml::to_string(other).unwrap().trim()[..10].to_string(),
            };
            let last = fm.get("end").unwrap_or(&fm["start"]);
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.insert(slug, (s(&r["date"]), s(last)));
        }
    }
    out
}

#[test]
fn the_example_s_reports_are_on_their_pages_listed_newest_first_and_in_the_feed() {
    let reports = example_reports();
    assert!(reports.len() >= 4, "{reports:?}");
    // Every example report is on a past event (the reference day is 2026-11-26).
    assert!(reports.values().all(|(_, end)| end.as_str() < TODAY));
    let out = build(&repo());
    let public = out.path().join("public");

    // On each event page: the section, its heading and its date; on no other event page.
    for entry in fs::read_dir(repo().join("content/events")).unwrap() {
        let slug = entry
            .unwrap()
            .path()
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if !public.join("agenda").join(&slug).is_dir() {
            continue; // a draft
        }
        let doc = page(out.path(), &format!("/agenda/{slug}/"));
        let headings = texts(&doc, "section#compte-rendu > h2");
        match reports.get(&slug) {
            Some((date, _)) => {
                assert_eq!(headings, ["Compte rendu"], "{slug}");
                assert_eq!(
                    attrs(&doc, "section#compte-rendu time", "datetime"),
                    std::slice::from_ref(date)
                );
                assert!(!texts(&doc, "section#compte-rendu h3").is_empty(), "{slug}");
            }
            None => assert!(headings.is_empty(), "{slug} shows a report it has not"),
        }
    }

    // The list: every report once, newest report first.
    let mut order: Vec<(&String, &String)> = reports.iter().map(|(s, (d, _))| (d, s)).collect();
    order.sort();
    order.reverse();
    let want: Vec<String> = order
        .iter()
        .map(|(_, s)| format!("/agenda/{s}/#compte-rendu"))
        .collect();
    let list = page(out.path(), "/agenda/comptes-rendus/");
    assert_eq!(attrs(&list, ".report-card-title a", "href"), want);
    let dates: Vec<String> = attrs(&list, ".report-card-meta time", "datetime");
    assert_eq!(
        dates,
        order.iter().map(|(d, _)| (*d).clone()).collect::<Vec<_>>()
    );

    // The feed: the same entries in the same order, each dated by its report.
    let atom = fs::read_to_string(public.join("agenda/comptes-rendus.atom")).unwrap();
    let feed = atom_syndication_entries(&atom);
    assert_eq!(feed.len(), want.len());
    for ((link, updated, title), ((date, slug), path)) in feed.iter().zip(order.iter().zip(&want)) {
        assert_eq!(
            link,
            &format!("https://ambassade.smart.coop{path}"),
            "{slug}"
        );
        assert_eq!(updated, &format!("{date}T00:00:00Z"));
        assert!(title.starts_with("Compte rendu : "), "{title}");
    }
    assert!(atom.contains(&format!(
        "<updated>{}T00:00:00Z</updated>\n  <author>",
        order[0].0
    )));

    // Cards: the archive marks exactly the events with a report, in words.
    let archive = page(out.path(), "/agenda/archives/");
    let sel = Selector::parse("article.event-card").unwrap();
    let mut marked = 0;
    for card in archive.select(&sel) {
        let href = card
            .select(&Selector::parse(".event-card-title a").unwrap())
            .next()
            .unwrap();
        let slug = href
            .value()
            .attr("href")
            .unwrap()
            .trim_matches('/')
            .trim_start_matches("agenda/");
        let badge: Vec<String> = card
            .select(&Selector::parse(".tag-report").unwrap())
            .map(|b| b.text().collect())
            .collect();
        if reports.contains_key(slug) {
            assert_eq!(badge, ["Compte rendu"], "{slug}");
            marked += 1;
        } else {
            assert!(badge.is_empty(), "{slug}");
        }
    }
    assert_eq!(marked, reports.len());
}

#[test]
fn the_pre_filled_mission_sheet_shows_the_report_s_parts() {
    let out = build(&repo());
    let sheet = page(
        out.path(),
        "/agenda/journee-d-etude-travail-artistique/fiche-mission/",
    );
    let report = texts(&sheet, "#champ-mission-report").join("");
    assert!(
        report.starts_with("La table ronde sur la protection sociale"),
        "{report}"
    );
    assert!(
        report.contains("Messages portés : Le travail invisible des artistes"),
        "{report}"
    );
    assert!(report.contains("Organisations rencontrées :"), "{report}");
    assert!(
        report.contains("Une fédération professionnelle des arts de la scène"),
        "{report}"
    );
    let questions = texts(&sheet, "#champ-mission-questions").join("");
    assert!(
        questions.contains("Comment accompagner les artistes qui débutent"),
        "{questions}"
    );
    assert_eq!(texts(&sheet, "#champ-mission-report-date"), ["30/09/2026"]);
    // An event with a mission and no report leaves those lines blank to fill in by hand.
    let blank = page(
        out.path(),
        "/agenda/table-ronde-cooperatives-europe-2026/fiche-mission/",
    );
    for id in ["report", "questions", "report-date"] {
        assert_eq!(texts(&blank, &format!("#champ-mission-{id}")), [""], "{id}");
    }
}

/// (link, updated, title) of each entry of an Atom feed, in order.
fn atom_syndication_entries(atom: &str) -> Vec<(String, String, String)> {
    atom.split("<entry>")
        .skip(1)
        .map(|e| {
            let between = |a: &str, b: &str| {
                let s = &e[e.find(a).unwrap() + a.len()..];
                s[..s.find(b).unwrap()].to_string()
            };
            (
                between("<link href=\"", "\""),
                between("<updated>", "<"),
                between("<title>", "<"),
            )
        })
        .collect()
}

fn minimal_with(events: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/minimal"), tmp.path());
    for (name, text) in events {
        fs::write(tmp.path().join(format!("content/events/{name}.md")), text).unwrap();
    }
    tmp
}

#[test]
fn a_report_written_ahead_stays_off_the_site_until_the_event_is_over() {
    // `reunion` (from 2027-01-05) gets a report; `passe` (2026-06-10) too.
    let base = repo().join("tests/fixtures/minimal/content/events");
    let with_report = |file: &str, report: &str| {
        let text = fs::read_to_string(base.join(file)).unwrap();
        let (front, body) = text
            .strip_prefix("---\n")
            .unwrap()
            .split_once("\n---\n")
            .unwrap();
        format!("---\n{front}\n{report}---\n{body}")
    };
    let site = minimal_with(&[
        (
            "reunion",
            &with_report(
                "reunion.md",
                "report:\n  date: 2027-01-06\n  summary: Écrit d'avance.\n",
            ),
        ),
        (
            "passe",
            &with_report(
                "passe.md",
                "report:\n  date: 2026-06-11\n  questions: Une question.\n",
            ),
        ),
    ]);
    let o = run(&[
        "check",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        TODAY,
    ]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("content/events/reunion.md")
            && err.contains("the event is not over yet (it ends on 2027-01-05, the reference date is 2026-11-26)"),
        "{err}"
    );
    assert!(!err.contains("passe.md"), "{err}");
    let out = build(site.path());
    let reunion = page(out.path(), "/agenda/reunion/");
    assert!(texts(&reunion, "#compte-rendu").is_empty());
    let sheet = page(out.path(), "/agenda/reunion/fiche-mission/");
    assert!(!texts(&sheet, "main").concat().contains("Écrit d'avance"));
    let passe = page(out.path(), "/agenda/passe/");
    assert_eq!(
        texts(&passe, "#compte-rendu h3"),
        ["Questions rapportées à la coopérative"]
    );
    let list = page(out.path(), "/agenda/comptes-rendus/");
    assert_eq!(
        attrs(&list, ".report-card-title a", "href"),
        ["/agenda/passe/#compte-rendu"]
    );
    // The upcoming agenda's card of `reunion` has no badge.
    let agenda = page(out.path(), "/agenda/");
    assert!(texts(&agenda, ".tag-report").is_empty());
}

#[test]
fn a_report_before_its_event_or_with_nothing_in_it_is_an_error_naming_the_file() {
    let site = minimal_with(&[
        (
            "avant",
            "---\ntitle: Avant\nstart: 2026-05-10T10:00\nlevel: local\nreport:\n  date: 2026-05-09\n  summary: Trop tôt.\n---\nTexte.\n",
        ),
        (
            "vide",
            "---\ntitle: Vide\nstart: 2026-05-10T10:00\nlevel: local\nreport:\n  date: 2026-05-12\n  summary: \"  \"\n---\nTexte.\n",
        ),
        (
            "inconnu",
            "---\ntitle: Inconnu\nstart: 2026-05-10T10:00\nlevel: local\nreport:\n  date: 2026-05-12\n  evaluation: 3\n---\nTexte.\n",
        ),
    ]);
    let o = run(&[
        "check",
        "--root",
        &site.path().to_string_lossy(),
        "--today",
        TODAY,
    ]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("content/events/avant.md")
            && err.contains(
                "the report is dated 2026-05-09, before the event, which starts on 2026-05-10"
            ),
        "{err}"
    );
    assert!(
        err.contains("content/events/vide.md") && err.contains("the report is empty"),
        "{err}"
    );
    // The evaluation is not a part of the public report: an unknown field.
    assert!(
        err.contains("content/events/inconnu.md") && err.contains("evaluation"),
        "{err}"
    );
}
