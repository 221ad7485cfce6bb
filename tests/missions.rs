//! Open missions (`mission: open:`): which calls `/missions/`, the home page, `/missions.atom`
//! and `/missions.ics` list on a given reference day, and the "Je me porte volontaire" e-mail
//! links. The fixture (`tests/fixtures/missions-open/`, over the minimal site) has, as the
//! reference day moves (each file says why):
//! - `forum`: 2 seats, one taken by Alex Public, deadline 2027-01-10, event 2027-01-20;
//! - `ateliers`: 4 weekly Thursdays from 2027-01-14 (last 2027-02-04), 1 seat, deadline
//!   2027-01-28 (after the first date: allowed, the last date counts);
//! - `salon`: 1 seat, deadline 2027-01-31, event 2027-02-05, staff member not public;
//! - `colloque`: 3 seats, deadline 2027-02-20, event 2027-03-01;
//! - never listed: `complet` (its one seat taken), `ferme` (closed), `annule` (cancelled).

mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use scraper::Html;
use support::dom::{attrs, texts};
use support::{copy_dir, repo, run, stderr};
use tempfile::TempDir;

/// The minimal site with the fixture's events, in a fresh folder.
fn site() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/minimal"), tmp.path());
    copy_dir(&repo().join("tests/fixtures/missions-open"), tmp.path());
    tmp
}

/// Builds `root` as on `today` into `<root>/public-<today>` and returns that folder.
fn build(root: &Path, today: &str) -> PathBuf {
    let out = root.join(format!("public-{today}"));
    support::build_into(root, today, &out);
    out
}

fn html(path: &Path) -> Html {
    Html::parse_document(&fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}")))
}

/// The slugs of the calls `/missions/` lists, in order (each call's element id is
/// `mission-<slug>`).
fn listed(out: &Path) -> Vec<String> {
    let doc = html(&out.join("missions/index.html"));
    attrs(&doc, "main li.mission", "id")
        .into_iter()
        .map(|id| id.strip_prefix("mission-").unwrap().to_string())
        .collect()
}

/// The event slugs of `/missions.atom`'s entries (their links end with `#mission-<slug>`).
fn atom_slugs(out: &Path) -> Vec<String> {
    let atom = fs::read_to_string(out.join("missions.atom")).unwrap();
    let entries: Vec<&str> = atom.split("<entry>").skip(1).collect();
    entries
        .iter()
        .map(|e| {
            let link = e.split("<link href=\"").nth(1).unwrap();
            let link = &link[..link.find('"').unwrap()];
            assert!(link.starts_with("https://test.example.org/missions/#mission-"));
            link.rsplit("#mission-").next().unwrap().to_string()
        })
        .collect()
}

/// The UIDs of `/missions.ics`'s events, checking there is one UID per VEVENT.
fn ics_uids(out: &Path) -> BTreeSet<String> {
    let ics = fs::read_to_string(out.join("missions.ics")).unwrap();
    let unfolded = ics.replace("\r\n ", "");
    let vevents = unfolded.matches("BEGIN:VEVENT\r\n").count();
    let uids: BTreeSet<String> = unfolded
        .split("\r\n")
        .filter_map(|l| l.strip_prefix("UID:"))
        .map(str::to_string)
        .collect();
    assert_eq!(uids.len(), vevents, "{ics}");
    uids
}

fn uids(slugs: &[&str]) -> BTreeSet<String> {
    slugs
        .iter()
        .map(|s| format!("{s}@test.example.org"))
        .collect()
}

/// Every listing of the open calls on one day: the page, the Atom and calendar feeds agree.
fn assert_lists(out: &Path, expected: &[&str]) {
    assert_eq!(listed(out), expected, "/missions/ of {out:?}");
    assert_eq!(atom_slugs(out), expected, "/missions.atom of {out:?}");
    assert_eq!(ics_uids(out), uids(expected), "/missions.ics of {out:?}");
}

#[test]
fn calls_come_and_go_with_their_deadline_and_the_event() {
    let tmp = site();
    // The nearest deadline first; full, closed and cancelled calls never.
    let before = build(tmp.path(), "2026-11-26");
    assert_lists(&before, &["forum", "ateliers", "salon", "colloque"]);
    // The deadline day itself still counts.
    let on_deadline = build(tmp.path(), "2027-01-10");
    assert_lists(&on_deadline, &["forum", "ateliers", "salon", "colloque"]);
    let after = build(tmp.path(), "2027-01-11");
    assert_lists(&after, &["ateliers", "salon", "colloque"]);
    // After the ateliers' deadline, while two of their Thursdays are still to come.
    let later = build(tmp.path(), "2027-01-29");
    assert_lists(&later, &["salon", "colloque"]);
    // Every event past: nothing listed, and the page says so and offers to propose one.
    let past = build(tmp.path(), "2027-03-02");
    assert_lists(&past, &[]);
    let doc = html(&past.join("missions/index.html"));
    assert_eq!(texts(&doc, "main .empty").len(), 1);
    assert!(attrs(&doc, "main a", "href").contains(&"/missions/proposer/".to_string()));
    let before_doc = html(&before.join("missions/index.html"));
    assert!(texts(&before_doc, "main .empty").is_empty());
}

#[test]
fn naming_the_ambassadors_fills_the_seats() {
    let tmp = site();
    let out = build(tmp.path(), "2026-11-26");
    let doc = html(&out.join("missions/index.html"));
    // forum: 2 seats, Alex Public named as ambassador; the staff member does not take a seat.
    let forum = texts(&doc, "#mission-forum .mission-key dd");
    assert_eq!(forum[0], "1 sur 2");
    let salon = fs::read_to_string(tmp.path().join("content/events/salon.md")).unwrap();
    let filled = salon.replace(
        "representatives:\n",
        "representatives:\n  - { name: Lou Volontaire, role: ambassador }\n",
    );
    assert_ne!(filled, salon);
    fs::write(tmp.path().join("content/events/salon.md"), filled).unwrap();
    let out = build(tmp.path(), "2026-11-26");
    assert_lists(&out, &["forum", "ateliers", "colloque"]);
}

#[test]
fn closing_a_call_takes_it_off() {
    let tmp = site();
    let path = tmp.path().join("content/events/colloque.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("seats: 3\n", "seats: 3\n    closed: true\n"),
    )
    .unwrap();
    let out = build(tmp.path(), "2026-11-26");
    assert_lists(&out, &["forum", "ateliers", "salon"]);
}

/// The query of a `mailto:` link, decoded, as (name, value) pairs.
fn mailto(href: &str) -> (String, Vec<(String, String)>) {
    assert!(!href.contains(' ') && !href.contains('+'), "{href}");
    let u = url::Url::parse(href).unwrap_or_else(|e| panic!("{href}: {e}"));
    assert_eq!(u.scheme(), "mailto");
    let pairs = u
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    (u.path().to_string(), pairs)
}

fn field<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    let found: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(found.len(), 1, "{name} in {pairs:?}");
    found[0]
}

#[test]
fn volunteering_links_carry_the_mission_and_parse() {
    let tmp = site();
    let out = build(tmp.path(), "2026-11-26");
    let doc = html(&out.join("missions/index.html"));
    let cases = [
        // (slug, title, a part of the date in words, recipient)
        (
            "forum",
            "Forum des métiers",
            "20 janvier 2027",
            "appui@example.org",
        ),
        (
            "salon",
            "Salon de l’emploi",
            "5 février 2027",
            "contact@example.org",
        ),
        // A repeating event: its next date.
        (
            "ateliers",
            "Ateliers du jeudi",
            "14 janvier 2027",
            "contact@example.org",
        ),
    ];
    for (slug, title, date, to) in cases {
        let hrefs: Vec<String> = attrs(&doc, &format!("#mission-{slug} a"), "href")
            .into_iter()
            .filter(|h| h.starts_with("mailto:"))
            .collect();
        assert_eq!(hrefs.len(), 1, "{slug}: {hrefs:?}");
        // Line ends as RFC 6068 asks, whatever the template's.
        assert!(hrefs[0].contains("%0D%0A"), "{}", hrefs[0]);
        let (recipient, pairs) = mailto(&hrefs[0]);
        assert_eq!(recipient, to, "{slug}");
        let subject = field(&pairs, "subject");
        assert!(subject.contains(title), "{slug}: {subject}");
        assert!(subject.contains(date), "{slug}: {subject}");
        let body = field(&pairs, "body");
        let page = format!("https://test.example.org/agenda/{slug}/");
        for part in [title, date, page.as_str(), "motivation"] {
            assert!(body.contains(part), "{slug}: {part} not in {body}");
        }
        assert!(!body.contains('\n') || body.contains("\r\n"), "{body:?}");
        // And its pre-filled sheet, which the site has.
        let sheet = format!("/agenda/{slug}/fiche-mission/");
        assert!(attrs(&doc, &format!("#mission-{slug} a"), "href").contains(&sheet));
        assert!(out
            .join(sheet.trim_start_matches('/'))
            .join("index.html")
            .is_file());
    }
}

#[test]
fn the_page_says_what_is_asked_and_names_staff_only_with_consent() {
    let tmp = site();
    let out = build(tmp.path(), "2026-11-26");
    let page = fs::read_to_string(out.join("missions/index.html")).unwrap();
    let doc = Html::parse_document(&page);
    let forum = texts(&doc, "#mission-forum").join(" ");
    for part in [
        "Prise de parole publique",
        "Étudiantes et étudiants en fin de cycle",
        "Présenter le travail autonome en coopérative.",
        "Camille Permanente",
        "coopération",
        "Français, Néerlandais",
        "Liège",
        "dimanche 10 janvier 2027",
    ] {
        assert!(forum.contains(part), "{part} not in {forum}");
    }
    let salon = texts(&doc, "#mission-salon").join(" ");
    assert!(salon.contains("un·e permanent·e"), "{salon}");
    // A name without `public: true` appears nowhere on the site's pages about missions.
    for file in ["missions/index.html", "missions.atom", "index.html"] {
        let text = fs::read_to_string(out.join(file)).unwrap();
        assert!(!text.contains("Dominique Cache"), "{file}");
    }
    // Headings in order: the page's title, a heading per call, then its parts.
    assert_eq!(texts(&doc, "main h1").len(), 1);
    assert_eq!(texts(&doc, "main li.mission > h2").len(), 4);
}

#[test]
fn the_home_page_shows_three_calls_at_most_and_links_to_all() {
    let tmp = site();
    let out = build(tmp.path(), "2026-11-26");
    let doc = html(&out.join("index.html"));
    let links = attrs(&doc, ".home-missions li a", "href");
    assert_eq!(
        links,
        [
            "/missions/#mission-forum",
            "/missions/#mission-ateliers",
            "/missions/#mission-salon"
        ]
    );
    assert!(attrs(&doc, ".home-missions a", "href").contains(&"/missions/".to_string()));
    let past = build(tmp.path(), "2027-03-02");
    let doc = html(&past.join("index.html"));
    assert!(attrs(&doc, ".home-missions li a", "href").is_empty());
    assert!(attrs(&doc, ".home-missions a", "href").contains(&"/missions/".to_string()));
}

#[test]
fn event_pages_point_to_their_open_call_while_it_is_listed() {
    let tmp = site();
    let out = build(tmp.path(), "2027-01-11");
    let link = |slug: &str| {
        let doc = html(&out.join(format!("agenda/{slug}/index.html")));
        attrs(&doc, "main a", "href")
            .into_iter()
            .filter(|h| h.starts_with("/missions/#"))
            .collect::<Vec<_>>()
    };
    assert_eq!(link("salon"), ["/missions/#mission-salon"]);
    // Past its deadline, full or closed: no link.
    for slug in ["forum", "complet", "ferme"] {
        assert!(link(slug).is_empty(), "{slug}");
    }
}

#[test]
fn the_propose_page_links_the_blank_sheet_and_mails_the_support_group() {
    let tmp = site();
    let out = build(tmp.path(), "2026-11-26");
    let doc = html(&out.join("missions/proposer/index.html"));
    let hrefs = attrs(&doc, "main a", "href");
    assert!(hrefs.contains(&"/fiches/mission/".to_string()), "{hrefs:?}");
    let with_query: Vec<&String> = hrefs
        .iter()
        .filter(|h| h.starts_with("mailto:") && h.contains('?'))
        .collect();
    assert_eq!(with_query.len(), 1, "{hrefs:?}");
    let (to, pairs) = mailto(with_query[0]);
    assert_eq!(to, "contact@example.org");
    assert!(!field(&pairs, "subject").is_empty());
    let body = field(&pairs, "body");
    for part in ["Type d’intervention", "Public", "Objectifs", "Date et lieu"] {
        assert!(body.contains(part), "{part} not in {body}");
    }
}

#[test]
fn a_call_whose_deadline_passes_the_last_date_of_a_repeating_event_is_refused() {
    let tmp = site();
    let path = tmp.path().join("content/events/ateliers.md");
    let text = fs::read_to_string(&path).unwrap();
    // The last Thursday is 2027-02-04.
    fs::write(
        &path,
        text.replace("deadline: 2027-01-28", "deadline: 2027-02-05"),
    )
    .unwrap();
    let o = run(&[
        "check",
        "--today",
        "2026-11-26",
        "--root",
        &tmp.path().to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "content/events/ateliers.md:12:15: error: mission.open.deadline: the deadline \
             2027-02-05 is after the event's last day, 2027-02-04"
        ),
        "{}",
        stderr(&o)
    );
}
