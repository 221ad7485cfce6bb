//! A site in two languages (the example: French at `/`, Dutch under `/nl/`): every page links
//! to its translation and back, carries its language, marks what falls back to French; the
//! feeds of both languages share their events' UIDs; the sitemap lists the alternates; a page
//! named after a language collides with it.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use ambassade::content::Reference;
use ambassade::Options;
use chrono::NaiveDate;
use icalendar::{Calendar, Component};
use scraper::{Html, Selector};
use support::{repo, stderr, TODAY};

const BASE: &str = "https://ambassade.smart.coop";

/// The example site built once for every test of this file: its files by path.
fn built() -> &'static BTreeMap<String, Vec<u8>> {
    static BUILT: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        let opts = Options {
            root: repo(),
            output: Some(out.path().join("public")),
            base_url: None,
            drafts: false,
            today: Reference::Date(TODAY.parse::<NaiveDate>().unwrap()),
        };
        if let Err(d) = ambassade::build(&opts) {
            panic!(
                "{:?}",
                d.sorted().iter().map(|x| x.to_string()).collect::<Vec<_>>()
            );
        }
        support::all_files(&out.path().join("public"))
    })
}

fn text(path: &str) -> String {
    let bytes = built()
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not built"));
    String::from_utf8(bytes.clone()).unwrap()
}

fn html(path: &str) -> Html {
    Html::parse_document(&text(path))
}

fn pages() -> impl Iterator<Item = &'static String> {
    built().keys().filter(|k| k.ends_with(".html"))
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// `(hreflang, href)` of the page's `<link rel="alternate" hreflang>`.
fn alternates(doc: &Html) -> BTreeMap<String, String> {
    doc.select(&sel("link[rel=alternate][hreflang]"))
        .map(|e| {
            let v = e.value();
            (
                v.attr("hreflang").unwrap().to_string(),
                v.attr("href").unwrap().to_string(),
            )
        })
        .collect()
}

/// The site address of an output file: `nl/charte/index.html` → `/nl/charte/`.
fn address(file: &str) -> String {
    format!("/{}", file.strip_suffix("index.html").unwrap_or(file))
}

#[test]
fn every_page_with_a_translation_links_to_it_and_back() {
    let mut pairs = 0;
    for fr in pages().filter(|p| !p.starts_with("nl/") && *p != "404.html") {
        let nl = format!("nl/{fr}");
        if !built().contains_key(&nl) {
            continue;
        }
        pairs += 1;
        let (fr_addr, nl_addr) = (address(fr), address(&nl));
        for (file, own, other, other_lang) in [
            (fr.as_str(), &fr_addr, &nl_addr, "nl"),
            (nl.as_str(), &nl_addr, &fr_addr, "fr"),
        ] {
            let doc = html(file);
            let alt = alternates(&doc);
            let expected: BTreeMap<String, String> = [
                ("fr", format!("{BASE}{fr_addr}")),
                ("nl", format!("{BASE}{nl_addr}")),
                ("x-default", format!("{BASE}{fr_addr}")),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            assert_eq!(alt, expected, "{file}: hreflang alternates");
            // The switcher: a plain link to the other language, named in it, and the page
            // itself marked current.
            let links: Vec<(String, String, String, bool)> = doc
                .select(&sel("nav.languages a"))
                .map(|a| {
                    let v = a.value();
                    assert_eq!(v.attr("lang"), v.attr("hreflang"), "{file}");
                    (
                        v.attr("hreflang").unwrap().to_string(),
                        v.attr("href").unwrap().to_string(),
                        a.text().collect::<String>(),
                        v.attr("aria-current").is_some(),
                    )
                })
                .collect();
            assert_eq!(links.len(), 2, "{file}: {links:?}");
            let to_other = links.iter().find(|l| l.0 == other_lang).unwrap();
            assert_eq!(&to_other.1, other, "{file}: switcher");
            assert!(!to_other.3, "{file}");
            assert!(links.iter().any(|l| &l.1 == own && l.3), "{file}: current");
            let names: BTreeSet<&str> = links.iter().map(|l| l.2.as_str()).collect();
            assert_eq!(names, BTreeSet::from(["Français", "Nederlands"]), "{file}");
        }
    }
    // Home, agenda lists and filters, months, events, charter, lexicon, kit, pages, sheets…
    assert!(pairs > 60, "only {pairs} pages in both languages");
    // Filter pages have addresses of their own in Dutch, and still find each other.
    let doc = html("nl/agenda/niveau/nationaal/index.html");
    assert_eq!(
        alternates(&doc).get("fr").map(String::as_str),
        Some(format!("{BASE}/agenda/niveau/national/").as_str())
    );
}

#[test]
fn every_page_says_its_language() {
    let mut dutch = 0;
    for p in pages() {
        let doc = html(p);
        let lang = doc
            .select(&sel("html"))
            .next()
            .and_then(|h| h.value().attr("lang").map(str::to_string));
        let expected = if p.starts_with("nl/") { "nl" } else { "fr" };
        assert_eq!(lang.as_deref(), Some(expected), "{p}");
        dutch += usize::from(expected == "nl");
    }
    assert!(dutch > 60, "{dutch} Dutch pages");
    // A Dutch page is in Dutch: its interface words and its dates.
    let agenda = text("nl/agenda/index.html");
    assert!(agenda.contains("Abonneren op de agenda"), "subscribe help");
    assert!(agenda.contains("donderdag 22 april 2027"), "dates in words");
    assert!(agenda.contains("van 9.30 tot"), "Flemish times");
    assert!(!agenda.contains("09.30"), "no leading zero");
}

#[test]
fn no_dutch_page_links_to_a_french_page_but_the_switcher() {
    let a = sel("a[href^='/']");
    for p in pages().filter(|p| p.starts_with("nl/")) {
        let doc = html(p);
        for link in doc.select(&a) {
            let v = link.value();
            let href = v.attr("href").unwrap();
            if href.starts_with("/nl/") || v.attr("hreflang").is_some() {
                continue;
            }
            // Language-neutral files (kit files, photos) are shared by both languages.
            let path = href.split('#').next().unwrap();
            assert!(
                !path.ends_with('/') && built().contains_key(path.trim_start_matches('/')),
                "{p}: links to {href}"
            );
        }
    }
}

#[test]
fn what_is_not_translated_is_shown_in_french_and_says_so() {
    let note = "Deze tekst bestaat nog niet in het Nederlands.";
    // An event without a Dutch file: its title and text in French, marked, with the note.
    let doc = html("nl/agenda/formation-de-depart-2026/index.html");
    let h1 = doc.select(&sel("h1")).next().unwrap();
    assert_eq!(h1.value().attr("lang"), Some("fr"));
    assert!(h1
        .text()
        .collect::<String>()
        .contains("Formation de départ"));
    let notes = support::dom::texts(&doc, ".fallback-note");
    assert_eq!(notes, [note]);
    assert_eq!(
        support::dom::attrs(&doc, ".event-description", "lang"),
        ["fr"]
    );
    // A translated event: Dutch, unmarked.
    let doc = html("nl/agenda/salon-des-independants-2027/index.html");
    let h1 = doc.select(&sel("h1")).next().unwrap();
    assert_eq!(h1.value().attr("lang"), None);
    assert!(support::dom::texts(&doc, ".fallback-note").is_empty());
    // A page without a Dutch file, and its menu entry.
    let doc = html("nl/defraiement-et-remuneration/index.html");
    assert_eq!(support::dom::texts(&doc, ".fallback-note"), [note]);
    assert_eq!(support::dom::attrs(&doc, ".prose", "lang"), ["fr"]);
    assert_eq!(
        support::dom::attrs(
            &doc,
            ".site-nav a[href='/nl/defraiement-et-remuneration/']",
            "lang"
        ),
        ["fr"]
    );
    // Its card in the Dutch agenda lists.
    let doc = html("nl/agenda/index.html");
    assert_eq!(
        support::dom::attrs(
            &doc,
            ".event-card-title a[href='/nl/agenda/rencontre-groupe-d-appui/']",
            "lang"
        ),
        ["fr"]
    );
    // Kit items, networks and profiles have no translations at all: every item's text is
    // marked, once per page with the note.
    for (page, item, n) in [
        ("nl/kit/index.html", ".kit-item .prose", 9),
        ("nl/reseaux/index.html", ".network .prose", 1),
        (
            "nl/ambassadeurs/amina-benali/index.html",
            ".ambassador .prose",
            1,
        ),
    ] {
        let doc = html(page);
        assert_eq!(
            support::dom::texts(&doc, ".fallback-note"),
            [note],
            "{page}"
        );
        let langs = support::dom::attrs(&doc, item, "lang");
        assert!(langs.len() >= n, "{page}: {langs:?}");
        assert!(langs.iter().all(|l| l == "fr"), "{page}: {langs:?}");
        let unmarked = doc.select(&sel(item)).count() - langs.len();
        assert_eq!(unmarked, 0, "{page}: {unmarked} texts not marked");
    }
    // Themes and regions are the events' own words, in French: marked on a Dutch page, in
    // the facts and on the filter links (levels are translated, so not marked).
    let doc = html("nl/agenda/table-ronde-freelances-culture-anvers/index.html");
    assert_eq!(
        support::dom::attrs(&doc, ".facts dd[lang]", "lang"),
        ["fr", "fr"]
    );
    let doc = html("nl/agenda/index.html");
    assert!(!support::dom::attrs(&doc, ".tag-theme", "lang").is_empty());
    assert!(support::dom::attrs(&doc, "a[href^='/nl/agenda/niveau/']", "lang").is_empty());
    assert!(!support::dom::attrs(&doc, "a[href^='/nl/agenda/theme/']", "lang").is_empty());
    let doc = html("agenda/table-ronde-freelances-culture-anvers/index.html");
    assert!(support::dom::attrs(&doc, ".facts dd[lang]", "lang").is_empty());
    // The French site marks nothing.
    for p in pages().filter(|p| !p.starts_with("nl/")) {
        assert!(!text(p).contains("fallback-note"), "{p}");
    }
}

/// Each event's (UID, SUMMARY) in a calendar file.
fn events(path: &str) -> BTreeMap<String, String> {
    let cal: Calendar = text(path).parse().unwrap();
    cal.components
        .iter()
        .filter_map(|c| c.as_event())
        .map(|e| {
            (
                e.get_uid().unwrap().to_string(),
                e.get_summary().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn both_languages_feeds_share_their_events_uids() {
    for (fr, nl) in [
        ("agenda.ics", "nl/agenda.ics"),
        ("missions.ics", "nl/missions.ics"),
        (
            "agenda/niveau/national.ics",
            "nl/agenda/niveau/nationaal.ics",
        ),
    ] {
        let (f, n) = (events(fr), events(nl));
        assert!(!f.is_empty(), "{fr}");
        assert_eq!(
            f.keys().collect::<Vec<_>>(),
            n.keys().collect::<Vec<_>>(),
            "{nl}: the same events, by UID"
        );
    }
    let (f, n) = (events("agenda.ics"), events("nl/agenda.ics"));
    let uid = |slug: &str| format!("{slug}@ambassade.smart.coop");
    let salon = uid("salon-des-independants-2027");
    assert!(f[&salon].starts_with("Salon des indépendants"));
    assert!(n[&salon].starts_with("Beurs voor zelfstandigen"));
    let formation = uid("formation-de-depart-2026");
    assert_eq!(
        f[&formation], n[&formation],
        "untranslated: the original's words"
    );
    // The calendar's own words are Dutch, its page the Dutch agenda.
    let ics = text("nl/agenda.ics");
    assert!(ics.contains("\r\nURL:https://ambassade.smart.coop/nl/agenda/\r\n"));
    assert!(ics.contains("\r\nX-WR-CALDESC:De evenementen"), "{ics}");
    let atom = text("nl/agenda.atom");
    assert!(atom.contains("xml:lang=\"nl\""));
    assert!(atom.contains("<link href=\"https://ambassade.smart.coop/nl/agenda/\"/>"));
    let ld = text("nl/agenda/salon-des-independants-2027/index.html");
    assert!(ld.contains("\"inLanguage\":\"nl\""));
    assert!(ld.contains(
        "\"url\":\"https://ambassade.smart.coop/nl/agenda/salon-des-independants-2027/\""
    ));
}

#[test]
fn the_sitemap_lists_every_page_with_its_alternates() {
    let sitemap = text("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    let mut pages = 0;
    for line in sitemap.lines().filter(|l| l.contains("<url>")) {
        pages += 1;
        for lang in ["fr", "nl"] {
            assert!(
                line.contains(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{lang}\""
                )),
                "{line}"
            );
        }
    }
    let html_pages = built().keys().filter(|k| k.ends_with("index.html")).count();
    assert_eq!(pages, html_pages);
    assert!(sitemap.contains(&format!(
        "<url><loc>{BASE}/nl/charte/</loc><xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"{BASE}/charte/\"/>"
    )));
    // Shared files once, at the root.
    assert!(!built().contains_key("nl/sitemap.xml") && !built().contains_key("nl/robots.txt"));
    assert!(!built().contains_key("nl/assets/style.css"));
}

#[test]
fn a_page_named_after_a_language_collides_with_its_pages() {
    let tmp = support::example_site();
    fs::write(
        tmp.path().join("content/pages/nl.md"),
        "---\ntitle: Nederlands\n---\nTekst.\n",
    )
    .unwrap();
    let root = tmp.path().to_string_lossy().into_owned();
    let out = support::run(&["check", "--today", TODAY, "--root", &root]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("content/pages/nl.md")
            && err.contains("the pages in another language of the site")
            && err.contains("/nl/"),
        "{err}"
    );
}

#[test]
fn a_site_of_one_language_has_no_switcher_and_no_alternates() {
    let (_tmp, site) = support::minimal_site();
    let out = tempfile::tempdir().unwrap();
    let opts = Options {
        root: site.clone(),
        output: Some(out.path().join("public")),
        base_url: None,
        drafts: false,
        today: Reference::Date(TODAY.parse::<NaiveDate>().unwrap()),
    };
    assert!(ambassade::build(&opts).is_ok());
    let index = fs::read_to_string(out.path().join("public/index.html")).unwrap();
    assert!(!index.contains("hreflang") && !index.contains("class=\"languages\""));
    assert!(!Path::new(&out.path().join("public/nl")).exists());
}

#[test]
fn check_names_the_interface_file_of_a_listed_language_that_misses_keys() {
    let (_tmp, site) = support::minimal_site();
    let yaml = site.join("content/site.yaml");
    let mut text = fs::read_to_string(&yaml).unwrap();
    text.push_str("languages: [fr, de]\n");
    fs::write(&yaml, text).unwrap();
    let root = site.to_string_lossy().into_owned();
    // No German file at all: the language is named.
    let out = support::run(&["check", "--today", TODAY, "--root", &root]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no translations for the language `de`"),
        "{}",
        stderr(&out)
    );
    // A German file with one key: every missing key is named, with the file.
    fs::create_dir_all(site.join("themes/default/i18n")).unwrap();
    fs::write(
        site.join("themes/default/i18n/de.yaml"),
        "nav:\n  home: Start\n",
    )
    .unwrap();
    let out = support::run(&["check", "--today", TODAY, "--root", &root]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("themes/default/i18n/de.yaml: error: nav.agenda: the translation is missing"),
        "{err}"
    );
}

#[test]
fn reports_and_figures_exist_in_both_languages() {
    // The reports' list and feed, with the reports (written once, in French) marked.
    let doc = html("nl/agenda/comptes-rendus/index.html");
    let excerpts = support::dom::attrs(&doc, ".report-card-excerpt", "lang");
    assert!(
        !excerpts.is_empty() && excerpts.iter().all(|l| l == "fr"),
        "{excerpts:?}"
    );
    assert!(text("nl/agenda/comptes-rendus.atom").contains("xml:lang=\"nl\""));
    assert!(support::dom::attrs(
        &html("agenda/comptes-rendus/index.html"),
        ".report-card-excerpt",
        "lang"
    )
    .is_empty());
    // The figures: pages and CSV in Dutch words, the same numbers as the French ones.
    assert!(text("nl/bilan/index.html").contains("Balans van de vertegenwoordiging"));
    let (fr, nl) = (text("bilan/2026.csv"), text("nl/bilan/2026.csv"));
    assert!(nl.starts_with("dimensie,waarde,aantal\r\n"), "{nl}");
    let counts = |csv: &str| -> Vec<String> {
        csv.lines()
            .skip(1)
            .map(|l| l.rsplit(',').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(counts(&fr), counts(&nl));
}
