//! The agenda as the public reads it: recurring events once with their rhythm, cancelled and
//! postponed events told apart in words, the subscribe block first, time zones in words and
//! French spacing. Built from the minimal fixture plus the events written here.

mod support;

use std::fs;
use std::path::Path;

use scraper::{ElementRef, Html, Selector};
use support::{copy_dir, repo, TODAY};

/// Events added to the minimal fixture (today is 2026-11-26). The cancelled and postponed ones
/// are the soonest, so that the home page would list them if it listed them at all.
const EVENTS: &[(&str, &str)] = &[
    (
        "annule",
        "title: Apéro des sociétaires\nstart: 2026-11-30T18:00\nstatus: cancelled\nlevel: local\nregion: Bruxelles\n",
    ),
    (
        "reporte",
        "title: Qui paie les artistes ?\nstart: 2026-12-01T19:00\nstatus: postponed\nlevel: local\nregion: Bruxelles\n",
    ),
    (
        "permanence",
        "title: Permanence du jeudi\nstart: 2026-12-03T12:30\nend: 2026-12-03T13:30\nrecurrence: FREQ=WEEKLY;COUNT=8\nlevel: local\nregion: Bruxelles\nlocation: { city: Bruxelles }\n",
    ),
    (
        "veille",
        "title: Veille quotidienne\nstart: 2026-12-01T09:00\nrecurrence: FREQ=DAILY;COUNT=150\nlevel: local\nonline: https://visio.example.org/veille\n",
    ),
    (
        "voeux",
        "title: Vœux de la coopérative\nstart: 2027-01-01\nrecurrence: FREQ=YEARLY;COUNT=3\nlevel: national\n",
    ),
    (
        "montreal",
        "title: Rencontre à Montréal\nstart: 2027-01-20T10:00\ntimezone: America/Montreal\nlevel: international\nlocation: { city: Montréal, country: CA }\n",
    ),
];

/// The fixture with `EVENTS`, built with `--today`, in a temporary folder (built once).
fn site() -> &'static Path {
    use std::sync::OnceLock;
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures/minimal"), d.path());
        for (slug, front) in EVENTS {
            let file = d.path().join(format!("content/events/{slug}.md"));
            fs::write(file, format!("---\n{front}---\nTexte.\n")).unwrap();
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ambassade"))
            .args(["--lang", "en", "build"])
            .arg("--today")
            .arg(TODAY)
            .arg("--output")
            .arg(d.path().join("public"))
            .current_dir(d.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        d
    })
    .path()
}

fn read(rel: &str) -> String {
    let p = site().join("public").join(rel);
    fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn doc(rel: &str) -> Html {
    Html::parse_document(&read(rel))
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// An element's text, whitespace (the no-break spaces too) collapsed to single spaces.
fn text(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The cards of a page linking to `/agenda/<slug>/`.
fn cards<'a>(page: &'a Html, slug: &str) -> Vec<ElementRef<'a>> {
    let href = format!("/agenda/{slug}/");
    page.select(&sel(".event-card"))
        .filter(|c| {
            c.select(&sel("a"))
                .any(|a| a.value().attr("href") == Some(href.as_str()))
        })
        .collect()
}

#[test]
fn a_recurring_event_is_listed_once_with_its_rhythm_and_next_date() {
    let agenda = doc("agenda/index.html");
    for (slug, rhythm, next) in [
        (
            "permanence",
            "Chaque semaine le jeudi, 12h30",
            "jeudi 3 décembre 2026",
        ),
        ("veille", "Tous les jours, 09h00", "mardi 1er décembre 2026"),
        (
            "voeux",
            "Tous les ans le 1er janvier",
            "vendredi 1er janvier 2027",
        ),
        (
            "reunion",
            "1er mardi du mois, 18h30",
            "mardi 5 janvier 2027",
        ),
    ] {
        let found = cards(&agenda, slug);
        assert_eq!(found.len(), 1, "{slug}: {} cards", found.len());
        let card = text(found[0]);
        assert!(card.contains(rhythm), "{slug}: {card}");
        assert!(card.contains(&format!("Prochaine date : {next}")), "{card}");
    }
    // The same on a filter page.
    let local = doc("agenda/niveau/local/index.html");
    assert_eq!(cards(&local, "permanence").len(), 1);
    assert_eq!(cards(&local, "veille").len(), 1);
    // 150 daily occurrences would fill two pages of 100: listed once, the lists have one page,
    // and the route table made no second page either.
    for base in ["agenda", "agenda/niveau/local"] {
        assert!(
            !site()
                .join(format!("public/{base}/page/2/index.html"))
                .exists(),
            "{base} has a second page"
        );
    }
    // The month grid still shows every occurrence by date: four Thursdays from 3 December.
    let month = doc("agenda/mois/2026-12/index.html");
    assert_eq!(
        month
            .select(&sel(".month-grid a[href='/agenda/permanence/']"))
            .count(),
        5,
        "December 2026 has five Thursdays from the 3rd"
    );
    // The list shown on phones holds the same occurrences.
    assert_eq!(
        month
            .select(&sel(".month-list a[href='/agenda/permanence/']"))
            .count(),
        5
    );
    // The archive and the month grids aside, the event's own page lists its dates.
    let page = text(
        doc("agenda/permanence/index.html")
            .select(&sel("main"))
            .next()
            .unwrap(),
    );
    assert!(page.contains("jeudi 10 décembre 2026"), "{page}");
}

#[test]
fn a_cancelled_event_is_struck_in_words_and_leaves_the_home_page() {
    let agenda = doc("agenda/index.html");
    let card = cards(&agenda, "annule");
    assert_eq!(card.len(), 1);
    let classes = card[0].value().attr("class").unwrap_or("");
    assert!(classes.contains("is-cancelled"), "{classes}");
    // Not only struck through: the card says it in words, before the title.
    let words = text(card[0]);
    assert!(words.starts_with("30 nov. Annulé Apéro"), "{words}");
    let home = doc("index.html");
    let upcoming: Vec<String> = home
        .select(&sel(".event-list a"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        upcoming.contains(&"/agenda/permanence/".to_string()),
        "{upcoming:?}"
    );
    for gone in ["/agenda/annule/", "/agenda/reporte/"] {
        assert!(
            !upcoming.contains(&gone.to_string()),
            "{gone} on the home page"
        );
    }
    // Its page offers no add-to-calendar button, only its file to update a copy.
    let page = doc("agenda/annule/index.html");
    let actions: Vec<String> = page.select(&sel(".actions a")).map(text).collect();
    assert_eq!(
        actions,
        vec!["Mettre à jour cet événement dans mon agenda".to_string()]
    );
    assert_eq!(page.select(&sel(".actions .button")).count(), 0);
    let confirmed = doc("agenda/permanence/index.html");
    assert!(confirmed
        .select(&sel(".actions a.button"))
        .any(|a| text(a) == "Ajouter à mon agenda"));
}

#[test]
fn a_postponed_event_says_reporte_everywhere() {
    let agenda = doc("agenda/index.html");
    let card = cards(&agenda, "reporte");
    assert_eq!(card.len(), 1);
    let words = text(card[0]);
    assert!(
        words.contains("Reporté") && !words.contains("Annulé"),
        "{words}"
    );
    let page = doc("agenda/reporte/index.html");
    let notice: Vec<String> = page.select(&sel(".notice")).map(text).collect();
    assert!(
        notice.len() == 1 && notice[0].starts_with("Reporté") && notice[0].contains("reporté"),
        "{notice:?}"
    );
    assert_eq!(page.select(&sel(".actions .button")).count(), 0);
    // RFC 5545 has no "postponed": tentative, and said in the summary.
    let ics = read("agenda/reporte/reporte.ics");
    assert!(ics.contains("STATUS:TENTATIVE\r\n"), "{ics}");
    assert!(
        ics.contains("SUMMARY:Reporté – Qui paie les artistes ?\r\n"),
        "{ics}"
    );
    let feed = read("agenda.ics");
    assert!(!feed.contains("POSTPONED"));
    let ld: Vec<String> = page
        .select(&sel("script[type='application/ld+json']"))
        .map(|s| s.text().collect())
        .collect();
    let ld: serde_json::Value = serde_json::from_str(&ld[0]).unwrap();
    assert_eq!(ld["eventStatus"], "https://schema.org/EventPostponed");
}

/// Byte offsets of the subscribe block and of the first event card in `html`.
fn block_and_first_card(html: &str) -> (usize, usize) {
    let block = html
        .find("id=abonnement")
        .or_else(|| html.find("id=\"abonnement\""))
        .expect("a subscribe block");
    let card = html.find("event-card").expect("a card");
    (block, card)
}

#[test]
fn the_subscribe_block_comes_first_with_each_filters_own_feed() {
    let agenda = read("agenda/index.html");
    let (block, card) = block_and_first_card(&agenda);
    assert!(block < card, "the block comes after the first card");
    let d = Html::parse_document(&agenda);
    let address: Vec<&str> = d
        .select(&sel("#abonnement input[readonly]#adresse-agenda"))
        .filter_map(|i| i.value().attr("value"))
        .collect();
    assert_eq!(address, vec!["https://test.example.org/agenda.ics"]);
    let android: Vec<String> = d
        .select(&sel("#abonnement"))
        .map(text)
        .filter(|t| t.contains("Android"))
        .collect();
    assert_eq!(android.len(), 1);
    assert_eq!(android[0].matches("calendar.google.com").count(), 1);

    let filter = read("agenda/niveau/local/index.html");
    let (block, card) = block_and_first_card(&filter);
    assert!(block < card);
    let d = Html::parse_document(&filter);
    let address: Vec<&str> = d
        .select(&sel("#abonnement input[readonly]"))
        .filter_map(|i| i.value().attr("value"))
        .collect();
    assert_eq!(
        address,
        vec!["https://test.example.org/agenda/niveau/local.ics"]
    );
    let links: Vec<&str> = d
        .select(&sel("#abonnement a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.contains(&"webcal://test.example.org/agenda/niveau/local.ics"));

    // The footer leads to the block, not to a file download.
    let home = doc("index.html");
    let footer: Vec<&str> = home
        .select(&sel("footer a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(footer.contains(&"/agenda/#abonnement"), "{footer:?}");
    assert!(!footer.iter().any(|h| h.ends_with(".ics")), "{footer:?}");
}

#[test]
fn time_zones_are_said_in_words_with_the_offset_of_the_date() {
    let page = doc("agenda/montreal/index.html");
    let note: Vec<String> = page.select(&sel(".tz-note")).map(text).collect();
    assert_eq!(
        note,
        vec!["Horaires à l’heure de Montréal (UTC−5).".to_string()]
    );
    let main = text(page.select(&sel("main")).next().unwrap());
    assert!(!main.contains("America/Montreal"), "{main}");
}

/// The visible text of a page: every text node outside `script` and `style`.
fn visible_text(html: &str) -> String {
    let d = Html::parse_document(html);
    let mut out = String::new();
    for node in d.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            });
            if !hidden {
                out.push_str(t);
                out.push(' ');
            }
        }
    }
    out
}

#[test]
fn no_page_says_icalendar() {
    let example = tempfile::tempdir().unwrap();
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_ambassade"))
        .args(["--lang", "en", "build", "--today", TODAY, "--output"])
        .arg(example.path().join("public"))
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(built.status.success());
    let mut pages = 0;
    for root in [site().join("public"), example.path().join("public")] {
        for e in walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.path().extension().is_some_and(|x| x == "html") {
                let html = fs::read_to_string(e.path()).unwrap();
                pages += 1;
                assert!(
                    !visible_text(&html).contains("iCalendar"),
                    "{}",
                    e.path().display()
                );
                // Nor in the head's feed title.
                assert!(!html.contains("(iCalendar)"), "{}", e.path().display());
            }
        }
    }
    assert!(pages > 60, "{pages} pages read");
}

#[test]
fn a_content_title_keeps_its_question_mark_on_its_line() {
    let html = read("agenda/reporte/index.html");
    let d = Html::parse_document(&html);
    let h1: Vec<String> = d.select(&sel("h1")).map(|e| e.text().collect()).collect();
    assert_eq!(h1, vec!["Qui paie les artistes\u{202F}?".to_string()]);
    // The theme's own words too ("Qui représente la coopérative ?" has one in the file; the
    // filter labels get one from the template's plain space).
    let filters = read("agenda/index.html");
    let d = Html::parse_document(&filters);
    let kinds: Vec<String> = d
        .select(&sel(".filter-kind"))
        .map(|e| e.text().collect())
        .collect();
    assert!(!kinds.is_empty());
    for k in kinds {
        assert!(k.ends_with("\u{202F}:"), "{k:?}");
    }
    // Not inside attributes or JSON-LD: the data keeps the title as written.
    let ld: Vec<String> = d
        .select(&sel("script[type='application/ld+json']"))
        .map(|s| s.text().collect())
        .collect();
    assert!(ld.iter().all(|l| !l.contains('\u{202F}')));
    let event = Html::parse_document(&html);
    let ld: String = event
        .select(&sel("script[type='application/ld+json']"))
        .flat_map(|s| s.text())
        .collect();
    assert!(ld.contains("Qui paie les artistes ?"), "{ld}");
}
