//! Integration tests: build the example site and fixture sites into temporary folders and
//! check what visitors and calendar apps get, reading the expected values from the content.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::dom::{attrs, texts};
use support::{all_files, copy_dir};

use ambassade::content::Reference;
use ambassade::Options;
use chrono::NaiveDate;
use scraper::{Html, Selector};

const TODAY: &str = "2026-11-26";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn today() -> Reference {
    Reference::Date(NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap())
}

fn build_into(root: &Path, out: &Path) {
    let opts = Options {
        root: root.to_path_buf(),
        output: Some(out.to_path_buf()),
        base_url: None,
        drafts: false,
        today: today(),
    };
    if let Err(d) = ambassade::build(&opts) {
        let msgs: Vec<String> = d.sorted().iter().map(|x| x.to_string()).collect();
        panic!("build of {} failed:\n{}", root.display(), msgs.join("\n"));
    }
}

/// The example site, built once per test binary run into its own temp folder.
fn example() -> &'static Path {
    use std::sync::OnceLock;
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        build_into(&repo(), &d.path().join("public"));
        d
    })
    .path()
}

fn page(out: &Path, rel: &str) -> Html {
    let p = out.join("public").join(rel);
    let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    Html::parse_document(&text)
}

fn yaml(path: &Path) -> serde_yaml::Value {
    serde_yaml::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Front matter of an event file, parsed independently of the code under test.
fn front(path: &Path) -> serde_yaml::Value {
    let text = fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").unwrap();
    let end = rest.find("\n---").unwrap();
    serde_yaml::from_str(&rest[..end]).unwrap()
}

/// The event files of a site, without their translations.
fn event_files(root: &Path) -> Vec<PathBuf> {
    support::original_event_files(&root.join("content/events"))
}

#[test]
fn example_site_has_every_contract_path() {
    let out = example().join("public");
    let mut expected: Vec<String> = [
        "index.html",
        "charte/index.html",
        "lexique/index.html",
        "kit/index.html",
        "reseaux/index.html",
        "agenda/index.html",
        "agenda/archives/index.html",
        "agenda.ics",
        "fiches/mission/index.html",
        "fiches/identification/index.html",
        "devenir-ambassadeur/index.html",
        "defraiement-et-remuneration/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "assets/style.css",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for f in event_files(&repo()) {
        let fm = front(&f);
        let slug = f.file_stem().unwrap().to_string_lossy().to_string();
        let page = format!("agenda/{slug}/index.html");
        if fm["draft"].as_bool() == Some(true) {
            assert!(!out.join(&page).exists(), "draft {slug} was published");
        } else {
            expected.push(page);
        }
    }
    for p in &expected {
        assert!(out.join(p).is_file(), "missing {p}");
    }
}

#[test]
fn home_shows_baseline_axes_and_next_events() {
    let doc = page(example(), "index.html");
    let baseline = yaml(&repo().join("content/baseline.yaml"));
    let body = texts(&doc, "main").join(" ");
    assert!(
        body.contains(baseline["statement"].as_str().unwrap().trim()),
        "baseline statement missing"
    );
    let axes = yaml(&repo().join("content/axes.yaml"));
    for a in axes["axes"].as_sequence().unwrap() {
        assert!(
            body.contains(a["title"].as_str().unwrap()),
            "axis {:?} missing",
            a["title"]
        );
    }
    let links = attrs(&doc, "main a", "href");
    assert!(
        links
            .iter()
            .any(|l| l.starts_with("/agenda/") && l.len() > "/agenda/".len()),
        "no event link on home"
    );
    assert!(
        links.iter().any(|l| l == "/devenir-ambassadeur/"),
        "no call to become an ambassador"
    );
    assert_eq!(texts(&doc, "h1").len(), 1, "exactly one h1");
    assert_eq!(attrs(&doc, "html", "lang"), vec!["fr".to_string()]);
}

#[test]
fn charter_lists_every_commitment_in_order() {
    let doc = page(example(), "charte/index.html");
    let charter = yaml(&repo().join("content/charter.yaml"));
    let expected: Vec<String> = charter["commitments"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| {
            c["title"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let items = texts(&doc, "main ol > li");
    assert_eq!(items.len(), expected.len());
    for (item, title) in items.iter().zip(&expected) {
        assert!(
            item.contains(title.as_str()),
            "{item:?} does not contain {title:?}"
        );
    }
}

#[test]
fn lexicon_has_an_anchor_per_term_and_working_references() {
    let doc = page(example(), "lexique/index.html");
    let lexicon = yaml(&repo().join("content/lexicon.yaml"));
    let terms = lexicon["terms"].as_sequence().unwrap();
    assert!(terms.len() >= 15);
    let ids = attrs(&doc, "dt[id]", "id");
    assert_eq!(ids.len(), terms.len());
    for t in terms {
        let name = t["term"].as_str().unwrap();
        assert!(
            texts(&doc, "dt dfn").iter().any(|d| d == name),
            "term {name} missing"
        );
        if let Some(id) = t["id"].as_str() {
            assert!(ids.iter().any(|i| i == id), "explicit id {id} not used");
        }
    }
    // Every in-page reference points to an existing anchor.
    for href in attrs(&doc, "main a[href^='#']", "href") {
        let target = &href[1..];
        let sel = format!("[id='{target}']");
        assert!(
            !texts(&doc, &sel).is_empty() || ids.iter().any(|i| i == target),
            "dangling {href}"
        );
    }
    // freelance and travailleur autonome point at each other as "not to be confused with".
    let freelance_dd = texts(&doc, "dt#freelance + dd").join(" ");
    assert!(
        freelance_dd.to_lowercase().contains("travailleur"),
        "{freelance_dd}"
    );
}

#[test]
fn kit_shows_files_with_format_and_size_and_copies_them() {
    let out = example();
    let doc = page(out, "kit/index.html");
    let kit = yaml(&repo().join("content/kit.yaml"));
    let items = kit["items"].as_sequence().unwrap();
    assert!(items.len() >= 6);
    let links = attrs(&doc, "main a", "href");
    let mut files = 0;
    for it in items {
        if let Some(file) = it["file"].as_str() {
            files += 1;
            let copied = out.join("public").join(file);
            let original = repo().join("content").join(file);
            assert_eq!(
                fs::read(&copied).unwrap(),
                fs::read(&original).unwrap(),
                "{file} not copied as-is"
            );
            assert!(links.contains(&format!("/{file}")), "no link to {file}");
            let ext = file.rsplit('.').next().unwrap().to_uppercase();
            assert!(
                texts(&doc, "main").join(" ").contains(&ext),
                "format {ext} not shown"
            );
        } else {
            assert!(
                links.contains(&it["url"].as_str().unwrap().to_string()),
                "no link to {:?}",
                it["url"]
            );
        }
    }
    assert!(files >= 1);
    let body = texts(&doc, "main").join(" ");
    assert!(
        body.contains(" Ko") || body.contains(" o)") || body.contains(" Mo"),
        "no size shown"
    );
}

#[test]
fn networks_are_grouped_by_level() {
    let doc = page(example(), "reseaux/index.html");
    let nets = yaml(&repo().join("content/networks.yaml"));
    let list = nets["networks"].as_sequence().unwrap();
    assert!(list.len() >= 10);
    let headings = texts(&doc, "main h2");
    for level in [
        "Local",
        "Régional",
        "Sectoriel",
        "National",
        "Européen",
        "International",
    ] {
        assert!(
            headings.iter().any(|h| h.contains(level)),
            "no {level} group in {headings:?}"
        );
    }
    let body = texts(&doc, "main").join(" ");
    for n in list {
        assert!(
            body.contains(n["name"].as_str().unwrap()),
            "{:?} missing",
            n["name"]
        );
    }
}

#[test]
fn agenda_splits_upcoming_and_past_around_today() {
    let out = example();
    let agenda = page(out, "agenda/index.html");
    let archive = page(out, "agenda/archives/index.html");
    let agenda_links = attrs(&agenda, "main a", "href");
    let archive_links = attrs(&archive, "main a", "href");
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    for f in event_files(&repo()) {
        let fm = front(&f);
        if fm["draft"].as_bool() == Some(true) || fm["recurrence"].is_string() {
            continue;
        }
        let slug = f.file_stem().unwrap().to_string_lossy().to_string();
        let last = fm["end"].as_str().or(fm["start"].as_str()).unwrap();
        let last = NaiveDate::parse_from_str(&last[..10], "%Y-%m-%d").unwrap();
        let href = format!("/agenda/{slug}/");
        if last >= today {
            assert!(agenda_links.contains(&href), "{slug} not on the agenda");
            assert!(!archive_links.contains(&href), "{slug} in the archive");
        } else {
            assert!(archive_links.contains(&href), "{slug} not in the archive");
            assert!(!agenda_links.contains(&href), "{slug} still upcoming");
        }
    }
    // Months appear in chronological order on the agenda.
    let months = attrs(&agenda, "main h2[id^=mois-]", "id");
    assert!(months.len() >= 3, "{months:?}");
    let mut sorted = months.clone();
    sorted.sort();
    assert_eq!(months, sorted);
}

#[test]
fn cancelled_event_page_says_so() {
    let out = example();
    let mut found = false;
    for f in event_files(&repo()) {
        let fm = front(&f);
        if fm["status"].as_str() == Some("cancelled") && fm["draft"].as_bool() != Some(true) {
            let slug = f.file_stem().unwrap().to_string_lossy().to_string();
            let doc = page(out, &format!("agenda/{slug}/index.html"));
            assert!(
                texts(&doc, "main").join(" ").contains("Annulé"),
                "{slug}: no cancelled mark"
            );
            found = true;
        }
    }
    assert!(found, "the example content has a cancelled event");
}

#[test]
fn private_contact_details_are_never_published() {
    let out = example().join("public");
    let mut secrets = Vec::new();
    let mut hidden_names = Vec::new();
    let mut public_names = Vec::new();
    for f in event_files(&repo()) {
        let fm = front(&f);
        for r in fm["representatives"]
            .as_sequence()
            .cloned()
            .unwrap_or_default()
        {
            for k in ["email", "phone"] {
                if let Some(v) = r[k].as_str() {
                    secrets.push(v.to_string());
                }
            }
            // An ambassador named by id alone has no name in the event; one with a public
            // profile is named from it (its file is the consent).
            let Some(name) = r["name"].as_str().map(str::to_string) else {
                continue;
            };
            let profile = r["id"].as_str().is_some_and(|id| {
                repo()
                    .join(format!("content/ambassadeurs/{id}.md"))
                    .is_file()
            });
            if r["public"].as_bool() == Some(true) || profile {
                public_names.push(name);
            } else {
                hidden_names.push(name);
            }
        }
    }
    // A person may agree to be named for one event and not for another: only names never
    // made public must be absent everywhere.
    hidden_names.retain(|n| !public_names.contains(n));
    assert!(
        !secrets.is_empty() && !hidden_names.is_empty(),
        "example content has private data to protect"
    );
    for (path, bytes) in all_files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for s in secrets.iter().chain(&hidden_names) {
            assert!(!text.contains(s.as_str()), "{s:?} published in {path}");
        }
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build_into(&repo(), &a.path().join("public"));
    build_into(&repo(), &b.path().join("public"));
    let fa = all_files(&a.path().join("public"));
    let fb = all_files(&b.path().join("public"));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(v == &fb[k], "{k} differs between builds");
    }
}

fn fixture(name: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures").join(name), d.path());
    d
}

/// The minimal fixture with `theme: NAME` in its site.yaml (its theme folder is the test's).
fn fixture_with_theme(name: &str) -> tempfile::TempDir {
    let site = fixture("minimal");
    fs::OpenOptions::new()
        .append(true)
        .open(site.path().join("content/site.yaml"))
        .and_then(|mut f| std::io::Write::write_all(&mut f, format!("theme: {name}\n").as_bytes()))
        .unwrap();
    site
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ambassade"));
    c.args(["--lang", "en"]);
    c
}

#[test]
fn recurring_event_lists_occurrences_without_the_exception() {
    let site = fixture("minimal");
    build_into(site.path(), &site.path().join("public"));
    let doc = page(site.path(), "agenda/reunion/index.html");
    let body = texts(&doc, "main").join(" ");
    // COUNT=4 from 2027-01-05, first Tuesdays; 2027-03-02 is an exception.
    for d in [
        "mardi 5 janvier 2027",
        "mardi 2 février 2027",
        "mardi 6 avril 2027",
    ] {
        assert!(body.contains(d), "{d} missing from {body}");
    }
    assert!(body.contains("de 18h30 à 20h30"));
    // The agenda lists the event once, at its next date, with its rhythm.
    let agenda = page(site.path(), "agenda/index.html");
    let agenda_text = texts(&agenda, "main").join(" ");
    assert!(agenda_text.contains("mardi 5 janvier 2027"));
    assert!(agenda_text.contains("1er mardi du mois, 18h30"));
    for later in [
        "mardi 2 février 2027",
        "mardi 2 mars 2027",
        "mardi 6 avril 2027",
    ] {
        assert!(!agenda_text.contains(later), "{later} listed on the agenda");
    }
    // Names: public one shown, private one replaced by the role.
    assert!(body.contains("Alex Public"));
    assert!(!body.contains("Sam Prive"));
}

#[test]
fn event_in_another_zone_keeps_it() {
    let site = fixture("minimal");
    build_into(site.path(), &site.path().join("public"));
    let doc = page(site.path(), "agenda/passe/index.html");
    // In words, with the offset of the event's own date (summer time in June).
    assert!(
        texts(&doc, "main")
            .join(" ")
            .contains("à l’heure de Paris (UTC+2)"),
        "{:?}",
        texts(&doc, ".tz-note")
    );
    let times = attrs(&doc, "main time[datetime]", "datetime");
    assert!(
        times.iter().any(|t| t == "2026-06-10T10:00:00+02:00"),
        "{times:?}"
    );
}

#[test]
fn feed_reads_back_with_the_icalendar_parser() {
    use icalendar::Component;
    let site = fixture("minimal");
    build_into(site.path(), &site.path().join("public"));
    let text = fs::read_to_string(site.path().join("public/agenda.ics")).unwrap();
    let cal: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = cal.events().collect();
    assert_eq!(events.len(), 3);
    let by_uid = |uid: &str| {
        events
            .iter()
            .find(|e| e.get_uid() == Some(uid))
            .copied()
            .unwrap()
    };
    let r = by_uid("reunion@test.example.org");
    assert_eq!(
        r.property_value("RRULE"),
        Some("FREQ=MONTHLY;BYDAY=1TU;COUNT=4")
    );
    let dtstart = r.properties().get("DTSTART").unwrap();
    assert_eq!(dtstart.value(), "20270105T183000");
    assert_eq!(
        dtstart.params().get("TZID").unwrap().value(),
        "Europe/Brussels"
    );
    let ex = &r.multi_properties()["EXDATE"][0];
    assert_eq!(ex.value(), "20270302T183000");
    let s = by_uid("salon@test.example.org");
    assert_eq!(s.property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(s.properties()["DTSTART"].value(), "20270314");
    assert_eq!(
        s.properties()["DTEND"].value(),
        "20270317",
        "all-day end is exclusive"
    );
    assert_eq!(s.get_summary(), Some("Salon de test"));
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\n"));
    assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line too long: {line}");
        assert!(!line.contains('\r') && !line.contains('\n'));
    }
    assert!(!text.contains("METHOD:"));
}

#[test]
fn drafts_are_built_only_on_request() {
    let site = fixture("minimal");
    fs::write(
        site.path().join("content/events/brouillon.md"),
        "---\ntitle: Brouillon\nstart: 2027-05-01\nlevel: local\ndraft: true\n---\n",
    )
    .unwrap();
    build_into(site.path(), &site.path().join("public"));
    assert!(!site
        .path()
        .join("public/agenda/brouillon/index.html")
        .exists());
    let st = bin()
        .args(["build", "--drafts", "--today", TODAY, "--root"])
        .arg(site.path())
        .status()
        .unwrap();
    assert!(st.success());
    assert!(site
        .path()
        .join("public/agenda/brouillon/index.html")
        .exists());
}

#[test]
fn source_date_epoch_sets_today() {
    let site = fixture("minimal");
    // 2027-04-01 12:00 UTC: the fair (March 14–16) is then past.
    let st = bin()
        .args(["build", "--root"])
        .arg(site.path())
        .env("SOURCE_DATE_EPOCH", "1806580800")
        .status()
        .unwrap();
    assert!(st.success());
    let archive = page(site.path(), "agenda/archives/index.html");
    assert!(attrs(&archive, "main a", "href").contains(&"/agenda/salon/".to_string()));
    let agenda = page(site.path(), "agenda/index.html");
    assert!(!attrs(&agenda, "main a", "href").contains(&"/agenda/salon/".to_string()));
}

#[test]
fn check_writes_nothing_and_usage_errors_exit_2() {
    let site = fixture("minimal");
    let out = bin()
        .args(["check", "--today", TODAY, "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!site.path().join("public").exists());
    let bad = bin()
        .args(["build", "--today", "26/11/2026"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let bad = bin().args(["frobnicate"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let help = bin().args(["build", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("--base-url"));
}

#[test]
fn base_url_override_reaches_canonical_links_and_feeds() {
    let site = fixture("minimal");
    let st = bin()
        .args([
            "build",
            "--today",
            TODAY,
            "--base-url",
            "https://preview.example.net",
            "--root",
        ])
        .arg(site.path())
        .status()
        .unwrap();
    assert!(st.success());
    let doc = page(site.path(), "charte/index.html");
    assert_eq!(
        attrs(&doc, "link[rel=canonical]", "href"),
        vec!["https://preview.example.net/charte/".to_string()]
    );
    let ics = fs::read_to_string(site.path().join("public/agenda.ics")).unwrap();
    assert!(ics.contains("UID:reunion@preview.example.net"));
}

#[test]
fn raw_html_in_markdown_is_sanitised() {
    let site = fixture("minimal");
    fs::write(
        site.path().join("content/pages/piege.md"),
        "---\ntitle: Piège <script>alert(1)</script>\n---\n<script>alert(1)</script>\n\n<img src=x onerror=\"alert(1)\">\n\n[clic](javascript:alert(1))\n",
    )
    .unwrap();
    build_into(site.path(), &site.path().join("public"));
    let doc = page(site.path(), "piege/index.html");
    let sel = Selector::parse("main script, main [onerror]").unwrap();
    assert_eq!(doc.select(&sel).count(), 0);
    assert!(attrs(&doc, "main a", "href")
        .iter()
        .all(|h| !h.starts_with("javascript:")));
    // The title is text, shown escaped.
    assert!(texts(&doc, "h1")[0].contains("<script>"));
}

#[test]
fn a_site_theme_overrides_templates_and_translations() {
    let site = fixture_with_theme("maison");
    let tpl = site.path().join("themes/maison/templates");
    fs::create_dir_all(&tpl).unwrap();
    fs::write(tpl.join("page.html"), "<!doctype html><html lang=\"{{ site.language }}\"><title>x</title><p id=\"maison\">{{ t.nav.home }} {{ page.title }}</p></html>").unwrap();
    let i18n = site.path().join("themes/maison/i18n");
    fs::create_dir_all(&i18n).unwrap();
    fs::write(i18n.join("fr.yaml"), "nav:\n  home: Maison\n").unwrap();
    build_into(site.path(), &site.path().join("public"));
    let doc = page(site.path(), "rejoindre/index.html");
    assert_eq!(texts(&doc, "#maison"), vec!["Maison Rejoindre".to_string()]);
    // Other templates still come from the built-in theme, with the merged translations.
    let home = page(site.path(), "index.html");
    assert!(texts(&home, "nav a").iter().any(|a| a == "Maison"));
    assert!(texts(&home, "nav a").iter().any(|a| a == "Agenda"));
}

#[test]
fn mission_sheet_is_prefilled_from_the_event() {
    let site = fixture("minimal");
    build_into(site.path(), &site.path().join("public"));
    let doc = page(site.path(), "agenda/reunion/fiche-mission/index.html");
    // Every written answer is a text box, which prints what is typed and wraps it (a one-line
    // input would clip it).
    assert_eq!(
        attrs(&doc, "form input[type=text]", "id"),
        Vec::<String>::new()
    );
    let values = texts(&doc, "textarea");
    assert!(
        values.iter().any(|v| v == "Réunion mensuelle"),
        "{values:?}"
    );
    let checked: Vec<String> = {
        let sel = Selector::parse("input[checked]").unwrap();
        doc.select(&sel)
            .filter_map(|e| e.value().attr("value").map(str::to_string))
            .collect()
    };
    assert!(checked.iter().any(|v| v == "public_talk"), "{checked:?}");
    let event = page(site.path(), "agenda/reunion/index.html");
    assert!(attrs(&event, "main a", "href").contains(&"/agenda/reunion/fiche-mission/".to_string()));
    // The blank sheet has every label of its content definition.
    let blank = page(site.path(), "fiches/identification/index.html");
    let body = texts(&blank, "main").join(" ");
    for label in [
        "Nom",
        "Liens",
        "Institutionnel",
        "Régional",
        "Je ne parle que de ce que je connais.",
    ] {
        assert!(body.contains(label), "{label} missing");
    }
}

#[test]
fn agenda_offers_every_feed_to_subscribe_to() {
    let out = example();
    let doc = page(out, "agenda/index.html");
    let links = attrs(&doc, "#abonnement a", "href");
    assert!(
        links.contains(&"webcal://ambassade.smart.coop/agenda.ics".to_string()),
        "{links:?}"
    );
    assert!(links.contains(&"https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Fambassade.smart.coop%2Fagenda.ics".to_string()));
    assert_eq!(
        attrs(&doc, "#abonnement #adresse-agenda[readonly]", "value"),
        vec!["https://ambassade.smart.coop/agenda.ics".to_string()]
    );
    // Every feed listed exists, and every feed built is listed.
    let listed: Vec<String> = attrs(&doc, "#abonnement .feed-list input[readonly]", "value");
    let mut built: Vec<String> = all_files(&out.join("public"))
        .into_keys()
        .filter(|k| {
            k.ends_with(".ics") && k.matches('/').count() == 2 && !k.starts_with("agenda/archives")
        })
        .filter(|k| {
            ["agenda/niveau/", "agenda/theme/", "agenda/region/"]
                .iter()
                .any(|p| k.starts_with(p))
        })
        .map(|k| format!("https://ambassade.smart.coop/{k}"))
        .collect();
    built.sort();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    assert_eq!(listed_sorted, built);
    let howto = texts(&doc, "#abonnement .howto").join(" ");
    for client in ["Google", "Outlook", "Apple", "Thunderbird", "24"] {
        assert!(
            howto.contains(client),
            "{client} missing from the instructions"
        );
    }
}

#[test]
fn event_page_links_to_its_calendar_file_google_and_outlook() {
    let site = fixture("minimal");
    // The fixture's salon is cancelled, and a cancelled event offers no calendar links.
    let salon = site.path().join("content/events/salon.md");
    let text = fs::read_to_string(&salon).unwrap();
    fs::write(&salon, text.replace("status: cancelled\n", "")).unwrap();
    build_into(site.path(), &site.path().join("public"));
    let doc = page(site.path(), "agenda/salon/index.html");
    let links = attrs(&doc, "main a", "href");
    assert!(links.contains(&"/agenda/salon/salon.ics".to_string()));
    assert!(site.path().join("public/agenda/salon/salon.ics").is_file());
    let google = links
        .iter()
        .find(|l| l.starts_with("https://calendar.google.com/"))
        .expect("google link");
    // All-day, three days: the end date is exclusive.
    assert!(google.contains("dates=20270314/20270317"), "{google}");
    let outlook = links
        .iter()
        .find(|l| l.starts_with("https://outlook.live.com/"))
        .expect("outlook link");
    assert!(
        outlook.contains("allday=true") && outlook.contains("startdt=2027-03-14"),
        "{outlook}"
    );
    // A series with a cancelled date: neither link can carry it, the page says so.
    let series = page(site.path(), "agenda/reunion/index.html");
    let links = attrs(&series, "main a", "href");
    assert!(links.contains(&"/agenda/reunion/reunion.ics".to_string()));
    assert!(
        !links
            .iter()
            .any(|l| l.contains("google.com") || l.contains("outlook")),
        "{links:?}"
    );
    let note = texts(&series, "main .links-note").join(" ");
    assert!(note.contains("dates annulées"), "{note}");
}

#[test]
fn sheets_follow_their_yaml_definition() {
    let site = fixture("minimal");
    let path = site.path().join("content/sheets/mission.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    // Add a field, remove another.
    let changed = yaml
        .replace("      - { id: date, label: Date, kind: text }\n", "")
        .replace(
            "      - { id: objectives, label: Objectifs, kind: lines, lines: 2 }\n",
            "      - { id: objectives, label: Objectifs, kind: lines, lines: 2 }\n      - { label: Matériel à emporter, kind: multichoice, options: [Kakémono, Dépliants, Cartes] }\n",
        );
    assert_ne!(yaml, changed);
    fs::write(&path, changed).unwrap();
    build_into(site.path(), &site.path().join("public"));
    for rel in [
        "fiches/mission/index.html",
        "agenda/reunion/fiche-mission/index.html",
    ] {
        let doc = page(site.path(), rel);
        let labels = texts(&doc, "main label, main legend, main .label");
        let all = texts(&doc, "main").join(" ");
        assert!(
            all.contains("Matériel à emporter"),
            "{rel}: new field missing"
        );
        for o in ["Kakémono", "Dépliants", "Cartes"] {
            assert!(
                labels.iter().any(|l| l == o),
                "{rel}: option {o} has no label"
            );
        }
        assert!(
            !labels.iter().any(|l| l == "Date"),
            "{rel}: removed field still there"
        );
    }
    let checkboxes = attrs(
        &page(site.path(), "fiches/mission/index.html"),
        "input[type=checkbox]",
        "value",
    );
    assert_eq!(checkboxes, vec!["Kakémono", "Dépliants", "Cartes"]);
}

#[test]
fn filter_pages_list_only_their_events_and_link_their_feed() {
    let out = example();
    let agenda = page(out, "agenda/index.html");
    let filter_links: Vec<String> = attrs(&agenda, ".filter-links a", "href");
    assert!(
        filter_links.contains(&"/agenda/niveau/europeen/".to_string()),
        "{filter_links:?}"
    );
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    // Expected membership, read from the content files.
    let mut europe_upcoming = Vec::new();
    for f in event_files(&repo()) {
        let fm = front(&f);
        if fm["draft"].as_bool() == Some(true) || fm["level"].as_str() != Some("european") {
            continue;
        }
        let last = fm["end"].as_str().or(fm["start"].as_str()).unwrap();
        if NaiveDate::parse_from_str(&last[..10], "%Y-%m-%d").unwrap() >= today {
            europe_upcoming.push(format!(
                "/agenda/{}/",
                f.file_stem().unwrap().to_string_lossy()
            ));
        }
    }
    assert!(!europe_upcoming.is_empty());
    let doc = page(out, "agenda/niveau/europeen/index.html");
    let mut listed: Vec<String> = attrs(&doc, ".month .event-card h3 a", "href");
    listed.sort();
    listed.dedup();
    europe_upcoming.sort();
    assert_eq!(listed, europe_upcoming);
    assert!(attrs(&doc, "#abonnement a", "href")
        .contains(&"webcal://ambassade.smart.coop/agenda/niveau/europeen.ics".to_string()));
    // Every filter link leads to a built page.
    for l in filter_links {
        assert!(
            out.join("public")
                .join(l.trim_start_matches('/'))
                .join("index.html")
                .is_file(),
            "{l}"
        );
    }
}

#[test]
fn month_grid_is_an_accessible_table() {
    let site = fixture("minimal");
    build_into(site.path(), &site.path().join("public"));
    let doc = page(site.path(), "agenda/mois/2027-03/index.html");
    let heads = texts(&doc, "table.month-grid thead th[scope=col]");
    assert_eq!(
        heads,
        vec!["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
    );
    assert!(texts(&doc, "table.month-grid caption")[0].contains("Mars 2027"));
    // The three-day fair covers the 14th, 15th and 16th.
    let cells = texts(&doc, "table.month-grid td.has-events");
    assert_eq!(
        cells.iter().filter(|c| c.contains("Salon de test")).count(),
        3,
        "{cells:?}"
    );
    // The monthly meeting's exception (2 March) is absent, April has it.
    assert!(
        !cells.iter().any(|c| c.contains("Réunion mensuelle")),
        "{cells:?}"
    );
    let april = page(site.path(), "agenda/mois/2027-04/index.html");
    assert!(texts(&april, "td.has-events")
        .iter()
        .any(|c| c.contains("18h30 Réunion mensuelle")));
    // /agenda/mois/ is the current month (November 2026).
    let current = page(site.path(), "agenda/mois/index.html");
    assert!(texts(&current, "caption")[0].contains("Novembre 2026"));
}

#[test]
fn event_pages_carry_schema_org_event_data() {
    let out = example();
    for f in event_files(&repo()) {
        let fm = front(&f);
        if fm["draft"].as_bool() == Some(true) {
            continue;
        }
        let slug = f.file_stem().unwrap().to_string_lossy().to_string();
        let doc = page(out, &format!("agenda/{slug}/index.html"));
        let sel = Selector::parse("script[type='application/ld+json']").unwrap();
        let scripts: Vec<String> = doc.select(&sel).map(|e| e.text().collect()).collect();
        assert_eq!(scripts.len(), 1, "{slug}");
        let v: serde_json::Value = serde_json::from_str(&scripts[0]).unwrap();
        assert_eq!(v["@type"], "Event");
        assert_eq!(v["name"], fm["title"].as_str().unwrap());
        let start = v["startDate"].as_str().unwrap();
        if fm["start"].as_str().unwrap().len() > 10 {
            assert!(
                start.len() == 25
                    && (start.ends_with(":00")
                        && (start.contains('+') || start[19..].starts_with('-'))),
                "{slug}: {start}"
            );
        }
        let cancelled = fm["status"].as_str() == Some("cancelled");
        assert_eq!(
            v["eventStatus"] == "https://schema.org/EventCancelled",
            cancelled,
            "{slug}"
        );
        assert!(v["eventAttendanceMode"]
            .as_str()
            .unwrap()
            .starts_with("https://schema.org/"));
        let loc = &v["location"];
        let types: Vec<&str> = match loc {
            serde_json::Value::Array(a) => a.iter().map(|x| x["@type"].as_str().unwrap()).collect(),
            x => vec![x["@type"].as_str().unwrap()],
        };
        if fm["online"].is_string() {
            assert!(types.contains(&"VirtualLocation"), "{slug}");
        }
        if fm["location"].is_mapping() {
            assert!(types.contains(&"Place"), "{slug}");
        }
        assert_eq!(v["organizer"]["name"], "SMart");
        assert!(!v["description"].as_str().unwrap().is_empty());
    }
}

#[test]
fn network_map_numbers_every_network_and_its_legend_links_to_its_entry() {
    let doc = page(example(), "reseaux/index.html");
    let nets = yaml(&repo().join("content/networks.yaml"));
    let n = nets["networks"].as_sequence().unwrap().len();
    // The map is one picture with a numbered node per network…
    let mut numbers = texts(&doc, "svg.network-map .map-node-label");
    assert_eq!(numbers.len(), n);
    assert_eq!(attrs(&doc, "svg.network-map", "role"), vec!["img"]);
    // …and its legend gives each number's name, linking to the network's entry.
    let sel = Selector::parse(".map-legend a").unwrap();
    let mut legend = Vec::new();
    for a in doc.select(&sel) {
        let id = a.value().attr("href").unwrap().trim_start_matches('#');
        let entry = Selector::parse(&format!("main li[id='{id}'] h3")).unwrap();
        let name = doc
            .select(&entry)
            .next()
            .map(|h| h.text().collect::<String>());
        let name = name.unwrap_or_else(|| panic!("#{id} has no entry"));
        let number = texts(&Html::parse_fragment(&a.html()), ".network-number").join("");
        let label: String = a.text().collect();
        // The legend's name is the entry's, after the same number.
        assert!(
            name.split_whitespace().collect::<Vec<_>>().join(" ")
                == label.split_whitespace().collect::<Vec<_>>().join(" "),
            "{label:?} against {name:?}"
        );
        legend.push(number);
    }
    numbers.sort();
    legend.sort();
    assert_eq!(legend, numbers);
    assert_eq!(texts(&doc, "svg.network-map > title").len(), 1);
    assert_eq!(texts(&doc, "svg.network-map > desc").len(), 1);
}

#[test]
fn lexicon_terms_link_to_their_definition_once_per_page() {
    let out = example();
    let doc = page(out, "devenir-ambassadeur/index.html");
    let links = attrs(&doc, "main a.term", "href");
    assert!(!links.is_empty(), "no lexicon link on the page");
    let mut unique = links.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        links.len(),
        "a term is linked twice: {links:?}"
    );
    let lexicon = page(out, "lexique/index.html");
    let ids = attrs(&lexicon, "dt[id]", "id");
    for l in &links {
        assert!(
            ids.contains(&l.trim_start_matches("/lexique/#").to_string()),
            "{l} points nowhere"
        );
    }
    let bad = Selector::parse(
        "main h1 a.term, main h2 a.term, main h3 a.term, main a a.term, main code a.term",
    )
    .unwrap();
    assert_eq!(doc.select(&bad).count(), 0);
    assert_eq!(
        attrs(&lexicon, "main a.term", "href").len(),
        0,
        "the lexicon links to itself"
    );
}

#[test]
fn atom_feed_lists_upcoming_events() {
    let out = example();
    let text = fs::read_to_string(out.join("public/agenda.atom")).unwrap();
    assert!(text.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    let agenda = page(out, "agenda/index.html");
    let mut upcoming: Vec<String> = attrs(&agenda, ".month .event-card h3 a", "href");
    upcoming.sort();
    upcoming.dedup();
    assert_eq!(text.matches("<entry>").count(), upcoming.len());
    for u in upcoming {
        assert!(
            text.contains(&format!("<id>https://ambassade.smart.coop{u}</id>")),
            "{u}"
        );
    }
    let home = page(out, "index.html");
    assert_eq!(
        attrs(&home, "link[type='application/atom+xml']", "href"),
        vec!["/agenda.atom".to_string()]
    );
}

#[test]
fn check_warns_about_stale_kit_items_without_failing() {
    let site = fixture("minimal");
    let kit = site.path().join("content/kit.yaml");
    let text = fs::read_to_string(&kit)
        .unwrap()
        .replace("updated: 2026-09-01", "updated: 2025-01-15");
    fs::write(&kit, text).unwrap();
    let out = bin()
        .args(["check", "--today", TODAY, "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("content/kit.yaml:12:14: warning: items[1].updated: `Vidéo de présentation` has not been updated since 2025-01-15"), "{stderr}");
}

/// The preview server renders only the route a browser asks for (`render_file`): that file
/// must be byte for byte the one a whole render makes, for every kind of route, and an address
/// the route table does not have must give nothing.
#[test]
fn rendering_one_file_gives_the_same_bytes_as_rendering_all() {
    use ambassade::output::{Body, Sink};
    use ambassade::render::{render, render_file};
    let opts = ambassade::Options {
        root: repo(),
        output: None,
        base_url: None,
        drafts: false,
        today: today(),
    };
    let prepared = ambassade::prepare(&opts, None).unwrap_or_else(|d| panic!("{d:?}"));
    let cx = prepared.render_cx();
    let whole = render(&cx, Sink::Memory);
    assert!(!whole.problems.has_errors(), "{:?}", whole.problems);
    // The route table and the whole render agree on the files.
    let table: Vec<&String> = prepared.routes.iter().map(|(k, _)| k).collect();
    let made: Vec<&String> = whole.files.keys().collect();
    assert_eq!(
        table, made,
        "the whole render made other files than the route table lists"
    );
    // One file of every kind, chosen from what the whole render made.
    let pick = |pred: &dyn Fn(&str) -> bool| -> String {
        whole
            .files
            .keys()
            .find(|k| pred(k))
            .unwrap_or_else(|| panic!("no such file in the whole render"))
            .clone()
    };
    let site = &prepared.site;
    let event = &site.content.events[0].slug;
    let mut wanted = vec![
        "index.html".to_string(),
        "404.html".into(),
        "robots.txt".into(),
        "sitemap.xml".into(),
        "agenda.ics".into(),
        "agenda.atom".into(),
        "agenda/index.html".into(),
        "agenda/archives/index.html".into(),
        "agenda/mois/index.html".into(),
        "charte/index.html".into(),
        "lexique/index.html".into(),
        "kit/index.html".into(),
        "reseaux/index.html".into(),
        "fiches/mission/index.html".into(),
        format!("agenda/{event}/index.html"),
        format!("agenda/{event}/{event}.ics"),
    ];
    wanted.push(pick(&|k| {
        k.starts_with("agenda/niveau/") && k.ends_with("index.html")
    }));
    wanted.push(pick(&|k| {
        k.starts_with("agenda/theme/") && k.ends_with(".ics")
    }));
    wanted.push(pick(&|k| {
        k.starts_with("agenda/mois/20") && k.ends_with("index.html")
    }));
    wanted.push(pick(&|k| {
        k.ends_with("/fiche-mission/index.html") && k.starts_with("agenda/")
    }));
    wanted.push(pick(&|k| k.starts_with("assets/")));
    wanted.push(pick(&|k| k.starts_with("kit/") && !k.ends_with(".html")));
    wanted.push(format!("{}/index.html", site.content.pages[0].slug));
    for path in &wanted {
        let one = render_file(&cx, path).unwrap_or_else(|| panic!("{path}: no route"));
        assert!(!one.problems.has_errors(), "{path}: {:?}", one.problems);
        let keys: Vec<&String> = one.files.keys().collect();
        assert_eq!(keys, vec![path], "rendering only {path} made other files");
        let same = match (&one.files[path], &whole.files[path]) {
            (Body::Bytes(a), Body::Bytes(b)) => a == b,
            (Body::CopyOf(a), Body::CopyOf(b)) => a == b,
            _ => false,
        };
        assert!(same, "{path} differs when rendered alone");
    }
    assert!(render_file(&cx, "agenda/pas-un-evenement/index.html").is_none());
}

/// The preview server's loader keeps each event file's result between loads. Whatever the
/// edits (a title changed, a file broken, a file deleted, another reference date), the cached
/// load must give exactly what a fresh load gives.
#[test]
fn a_cached_load_gives_what_a_fresh_load_gives() {
    use ambassade::content::{load, load_cached, LoadCache, LoadOptions};
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    let root = tmp.path();
    let opts = |today: &str| LoadOptions {
        drafts: false,
        base_url: None,
        today: Reference::Date(NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap()),
    };
    let cache = LoadCache::default();
    let same = |when: &str, today: &str| {
        let (fresh, fresh_diags) = load(root, &opts(today));
        let (cached, cached_diags) = load_cached(root, &opts(today), Some(&cache));
        assert_eq!(
            format!("{:?}", fresh.map(|c| c.events)),
            format!("{:?}", cached.map(|c| c.events)),
            "{when}: the events differ"
        );
        assert_eq!(
            format!("{:?}", fresh_diags.sorted()),
            format!("{:?}", cached_diags.sorted()),
            "{when}: the problems differ"
        );
        cached_diags
    };
    same("first load", TODAY);
    same("nothing changed", TODAY);
    let events = root.join("content/events");
    let mut files: Vec<PathBuf> = fs::read_dir(&events)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| !p.file_stem().unwrap().to_string_lossy().contains('.'))
        .collect();
    files.sort();
    let first = &files[0];
    let text = fs::read_to_string(first).unwrap();
    let retitled = text.replacen("title:", "title: Nouveau titre —", 1);
    assert_ne!(retitled, text);
    fs::write(first, &retitled).unwrap();
    same("a title changed", TODAY);
    // The same size, and possibly the same modification time: the server's watcher reports the
    // file, and its text is compared again.
    let same_size = retitled.replacen("title: Nouveau titre", "title: Nouvaux titre", 1);
    assert_eq!(same_size.len(), retitled.len());
    assert_ne!(same_size, retitled);
    let before = fs::metadata(first).unwrap().modified().unwrap();
    fs::write(first, &same_size).unwrap();
    // As on a file system with coarse times: the rewrite keeps the modification time.
    fs::File::options()
        .write(true)
        .open(first)
        .unwrap()
        .set_modified(before)
        .unwrap();
    cache.forget(std::slice::from_ref(first));
    same("the same size", TODAY);
    // A site setting that every event depends on (the host in default UIDs).
    let site_yaml = root.join("content/site.yaml");
    let settings = fs::read_to_string(&site_yaml).unwrap();
    let moved = settings.replacen(
        "https://ambassade.smart.coop",
        "https://agenda.example.org",
        1,
    );
    assert_ne!(moved, settings, "base_url not found in site.yaml");
    fs::write(&site_yaml, &moved).unwrap();
    same("another host", TODAY);
    fs::write(&site_yaml, &settings).unwrap();
    fs::write(first, retitled.replacen("title:", "title: [", 1)).unwrap();
    let d = same("a file broken", TODAY);
    assert!(d.has_errors(), "the broken file was not noticed");
    fs::write(first, &text).unwrap();
    let d = same("the file fixed", TODAY);
    assert!(!d.has_errors());
    fs::remove_file(&files[1]).unwrap();
    same("a file deleted", TODAY);
    same("another reference date", "2027-06-01");
}

/// The menu marks the link to the page itself `aria-current="page"` and, on a page under a
/// menu section (an event under Agenda), that section's link `aria-current="true"`.
#[test]
fn menu_marks_the_current_page_and_its_section() {
    let out = example();
    let marks = |rel: &str| -> Vec<(String, String)> {
        let doc = page(out, rel);
        let sel = Selector::parse(".site-nav a").unwrap();
        doc.select(&sel)
            .filter_map(|a| {
                let v = a.value();
                Some((
                    v.attr("href")?.to_string(),
                    v.attr("aria-current")?.to_string(),
                ))
            })
            .collect()
    };
    let mark = |href: &str, value: &str| vec![(href.to_string(), value.to_string())];
    assert_eq!(marks("index.html"), mark("/", "page"));
    assert_eq!(
        attrs(&page(out, "index.html"), "a.site-title", "aria-current"),
        vec!["page"]
    );
    assert!(attrs(
        &page(out, "agenda/index.html"),
        "a.site-title",
        "aria-current"
    )
    .is_empty());
    assert_eq!(marks("agenda/index.html"), mark("/agenda/", "page"));
    assert_eq!(marks("charte/index.html"), mark("/charte/", "page"));
    assert_eq!(marks("a-propos/index.html"), mark("/a-propos/", "page"));
    // A page of the agenda that is not the agenda itself: its section is marked.
    assert_eq!(
        marks("agenda/archives/index.html"),
        mark("/agenda/", "true")
    );
    let mut events = 0;
    for f in event_files(&repo()) {
        if front(&f)["draft"].as_bool() == Some(true) {
            continue;
        }
        let slug = f.file_stem().unwrap().to_string_lossy().to_string();
        assert_eq!(
            marks(&format!("agenda/{slug}/index.html")),
            mark("/agenda/", "true"),
            "{slug}"
        );
        events += 1;
    }
    assert!(events > 5);
    // Pages outside the menu mark nothing.
    assert!(marks("fiches/mission/index.html").is_empty());
    assert!(marks("404.html").is_empty());
}

/// Each card on the agenda and in the archive says what its event's front matter says: the
/// cancelled mark, a status badge unless confirmed, and the region unless it is the city.
#[test]
fn event_cards_show_status_and_region_from_the_content() {
    let out = example();
    let mut seen = std::collections::HashSet::new();
    for rel in ["agenda/index.html", "agenda/archives/index.html"] {
        let doc = page(out, rel);
        let cards = Selector::parse("article.event-card").unwrap();
        let link = Selector::parse(".event-card-title a").unwrap();
        let badge = Selector::parse(".badge").unwrap();
        let tag = Selector::parse("li.tag:not(.tag-level):not(.tag-theme)").unwrap();
        for card in doc.select(&cards) {
            let href = card
                .select(&link)
                .next()
                .unwrap()
                .value()
                .attr("href")
                .unwrap();
            let slug = href.trim_start_matches("/agenda/").trim_end_matches('/');
            let fm = front(&repo().join(format!("content/events/{slug}.md")));
            let status = fm["status"].as_str().unwrap_or("confirmed");
            let classes: Vec<&str> = card.value().classes().collect();
            assert_eq!(
                classes.contains(&"is-cancelled"),
                status == "cancelled",
                "{slug}"
            );
            assert_eq!(
                card.select(&badge).next().is_some(),
                status != "confirmed",
                "{slug}"
            );
            let tags: Vec<String> = card.select(&tag).map(|t| t.text().collect()).collect();
            let city = fm["location"]["city"].as_str();
            if let Some(region) = fm["region"].as_str() {
                let shown = tags.iter().filter(|t| t.as_str() == region).count();
                assert_eq!(shown, 1, "{slug}: {tags:?}");
                if city != Some(region) {
                    assert!(city.is_none_or(|c| tags.iter().any(|t| t == c)), "{slug}");
                }
            }
            seen.insert(status.to_string());
        }
    }
    assert!(seen.contains("cancelled") && seen.contains("tentative") && seen.contains("confirmed"));
}

/// A site theme may replace a partial: its footer shows on every page. A partial that asks for
/// a variable it is not given (here one page's title) fails the build, naming the file, rather
/// than showing the first page's value on every other.
#[test]
fn partials_are_shared_by_every_page_and_see_only_their_variables() {
    let site = fixture_with_theme("maison");
    let tpl = site.path().join("themes/maison/templates/partials");
    fs::create_dir_all(&tpl).unwrap();
    fs::write(
        tpl.join("footer.html"),
        "<footer id=\"pied\">{{ site.title }} · {{ page.section }}{% if page.is_home %} · accueil{% endif %}</footer>",
    )
    .unwrap();
    build_into(site.path(), &site.path().join("public"));
    let title = yaml(&site.path().join("content/site.yaml"))["title"]
        .as_str()
        .unwrap()
        .to_string();
    for (rel, section) in [
        ("index.html", "home · accueil"),
        ("agenda/index.html", "agenda"),
        ("agenda/reunion/index.html", "agenda"),
        ("charte/index.html", "charter"),
        ("fiches/mission/index.html", "sheet"),
    ] {
        let doc = page(site.path(), rel);
        assert_eq!(
            texts(&doc, "#pied"),
            vec![format!("{title} · {section}")],
            "{rel}"
        );
        // The header still comes from the built-in theme.
        assert_eq!(texts(&doc, "header.site-header").len(), 1, "{rel}");
    }

    fs::write(tpl.join("header.html"), "<header>{{ page.title }}</header>").unwrap();
    let out = bin()
        .args(["build", "--root"])
        .arg(site.path())
        .args(["--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("themes/maison/templates/partials/header.html") && err.contains("page.title"),
        "{err}"
    );
}
