//! The ambassadors' directory: built from `tests/fixtures/minimal` with the overlay
//! `tests/fixtures/directory/` (three public profiles, events naming people by id, two ids
//! without a public profile) on 2026-11-26. What each page must list is worked out below, in
//! comments, from the fixture's files as written.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Selector};
use support::dom::{attrs, texts};
use support::{all_files, copy_dir, repo, TODAY};
use tempfile::TempDir;

/// A copy of the minimal site with the directory fixture over it, in `<tmp>/site`.
fn site() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/minimal"), &site);
    copy_dir(&repo().join("tests/fixtures/directory"), &site);
    (tmp, site)
}

fn build(site: &Path) -> PathBuf {
    let out = site.join("public");
    support::build_into(site, TODAY, &out);
    out
}

fn html(path: &Path) -> Html {
    Html::parse_document(&fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}")))
}

fn collapse(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The groups of one grouping of the directory (`par-region`, `par-theme`): each heading with
/// the names listed under it, in page order.
fn grouping(doc: &Html, id: &str) -> Vec<(String, Vec<String>)> {
    let section = Selector::parse(&format!("section[aria-labelledby=\"{id}\"]")).unwrap();
    let group = Selector::parse("section.directory-group").unwrap();
    let h3 = Selector::parse("h3").unwrap();
    let person = Selector::parse(".people a").unwrap();
    let s = doc
        .select(&section)
        .next()
        .unwrap_or_else(|| panic!("no #{id}"));
    s.select(&group)
        .map(|g| {
            let title = g.select(&h3).map(collapse).next().unwrap_or_default();
            let people = g.select(&person).map(collapse).collect();
            (title, people)
        })
        .collect()
}

/// The events listed in one missions section of a profile page, as (event address, date).
fn missions(doc: &Html, section: &str) -> Vec<(String, String)> {
    let sel = format!("section[aria-labelledby=\"{section}\"] .event-card");
    let card = Selector::parse(&sel).unwrap();
    let link = Selector::parse(".event-card-title a").unwrap();
    let time = Selector::parse("time").unwrap();
    doc.select(&card)
        .map(|c| {
            let href = c.select(&link).next().and_then(|a| a.value().attr("href"));
            let at = c
                .select(&time)
                .next()
                .and_then(|t| t.value().attr("datetime"));
            (
                href.unwrap_or_default().to_string(),
                at.unwrap_or_default()[..10].to_string(),
            )
        })
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn the_directory_lists_exactly_the_public_profiles_by_region_and_by_theme() {
    let (_tmp, site) = site();
    let out = build(&site);
    let doc = html(&out.join("ambassadeurs/index.html"));

    // Every profile file, and nothing else, is linked from the directory.
    let mut files: Vec<String> = fs::read_dir(site.join("content/ambassadeurs"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    files.sort();
    let mut linked: Vec<String> = attrs(&doc, "main .people a", "href");
    linked.sort();
    linked.dedup();
    let expected: Vec<String> = files
        .iter()
        .map(|id| format!("/ambassadeurs/{id}/"))
        .collect();
    assert_eq!(linked, expected);

    // Regions: ana-lopez [Bruxelles, Wallonie], ben-martens [wallonie] (the same region in
    // lower case, named as Ana wrote it, who comes first by name), cleo-dumont none: a last
    // group of people without a region.
    assert_eq!(
        grouping(&doc, "par-region"),
        vec![
            ("Bruxelles".to_string(), vec!["Ana Lopez".to_string()]),
            (
                "Wallonie".to_string(),
                vec!["Ana Lopez".to_string(), "Ben Martens".to_string()]
            ),
            (
                "Sans région précisée".to_string(),
                vec!["Cléo Dumont".to_string()]
            ),
        ]
    );
    // Themes: ana-lopez [culture, Numérique], ben-martens [culture, culture] (listed once),
    // cleo-dumont none; in alphabetical order whatever the case.
    assert_eq!(
        grouping(&doc, "par-theme"),
        vec![
            (
                "culture".to_string(),
                vec!["Ana Lopez".to_string(), "Ben Martens".to_string()]
            ),
            ("Numérique".to_string(), vec!["Ana Lopez".to_string()]),
            (
                "Sans thème précisé".to_string(),
                vec!["Cléo Dumont".to_string()]
            ),
        ]
    );
    // Headings in order: the page's title, the two groupings, their groups.
    assert_eq!(texts(&doc, "main h1").len(), 1);
    assert_eq!(texts(&doc, "main h2"), vec!["Par région", "Par thème"]);

    // The sitemap lists the directory and each profile.
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for path in ["/ambassadeurs/"]
        .iter()
        .map(|s| s.to_string())
        .chain(expected)
    {
        let loc = format!("<loc>https://test.example.org{path}</loc>");
        assert!(sitemap.contains(&loc), "{loc} not in the sitemap");
    }
}

#[test]
fn each_profile_lists_its_upcoming_and_past_missions() {
    let (_tmp, site) = site();
    let out = build(&site);
    let profile = |id: &str| html(&out.join(format!("ambassadeurs/{id}/index.html")));

    // ana-lopez is named by atelier-passe (2026-10-01, past) and forum-futur (2027-01-15).
    let ana = profile("ana-lopez");
    assert_eq!(texts(&ana, "main h1"), vec!["Ana Lopez"]);
    assert_eq!(
        missions(&ana, "missions-a-venir"),
        vec![pair("/agenda/forum-futur/", "2027-01-15")]
    );
    assert_eq!(
        missions(&ana, "missions-passees"),
        vec![pair("/agenda/atelier-passe/", "2026-10-01")]
    );

    // ben-martens: permanence repeats six Thursdays from 2026-11-05 (5, 12, 19, 26 November,
    // 3 and 10 December). On 2026-11-26 its next date is today, its latest past one 19
    // November: listed once in each list. forum-futur comes after it.
    let ben = profile("ben-martens");
    assert_eq!(
        missions(&ben, "missions-a-venir"),
        vec![
            pair("/agenda/permanence/", "2026-11-26"),
            pair("/agenda/forum-futur/", "2027-01-15"),
        ]
    );
    assert_eq!(
        missions(&ben, "missions-passees"),
        vec![pair("/agenda/permanence/", "2026-11-19")]
    );

    // cleo-dumont is named by no event.
    let cleo = profile("cleo-dumont");
    assert!(missions(&cleo, "missions-a-venir").is_empty());
    assert!(missions(&cleo, "missions-passees").is_empty());
    assert_eq!(
        texts(&cleo, ".ambassador-missions .empty"),
        vec![
            "Aucune mission annoncée pour le moment.",
            "Aucune mission passée."
        ]
    );
}

#[test]
fn a_profile_shows_its_facts_photo_and_the_support_groups_address_only() {
    let (_tmp, site) = site();
    let out = build(&site);
    let ana = html(&out.join("ambassadeurs/ana-lopez/index.html"));
    let facts = texts(&ana, ".ambassador .facts dd");
    assert_eq!(
        facts,
        vec![
            "Bruxelles, Wallonie",
            "culture, Numérique",
            "danse",
            "français, espagnol"
        ]
    );
    assert_eq!(texts(&ana, ".ambassador .prose strong"), vec!["artistes"]);
    // The photo is copied as it is, and described.
    assert_eq!(
        attrs(&ana, "img.ambassador-photo", "src"),
        vec!["/photos/ana.png"]
    );
    let alt = attrs(&ana, "img.ambassador-photo", "alt");
    assert_eq!(alt, vec!["Portrait de Ana Lopez"]);
    assert_eq!(
        fs::read(out.join("photos/ana.png")).unwrap(),
        fs::read(site.join("content/photos/ana.png")).unwrap()
    );
    // The only address to write to is the organisation's (site.yaml of the minimal fixture).
    let mailtos: Vec<String> = attrs(&ana, "main a", "href")
        .into_iter()
        .filter(|h| h.starts_with("mailto:"))
        .collect();
    assert_eq!(mailtos, vec!["mailto:contact@example.org"]);
    assert!(texts(&ana, ".ambassador-contact")[0]
        .contains("Pour contacter cette personne, écrivez au groupe d’appui"));
    // Cléo has no photo.
    let cleo = html(&out.join("ambassadeurs/cleo-dumont/index.html"));
    assert!(attrs(&cleo, "img", "src").is_empty());
}

#[test]
fn ids_without_a_public_profile_have_no_page_and_no_name_anywhere() {
    let (_tmp, site) = site();
    let out = build(&site);
    // dan-secret and eve-hidden are named by events but have no profile file.
    for id in ["dan-secret", "eve-hidden"] {
        assert!(!out.join(format!("ambassadeurs/{id}")).exists(), "{id}");
    }
    // Every name and contact detail the events give for them, and every e-mail and phone of
    // a representative, must be absent from every file of the site.
    let secrets = [
        "Dan Secret",
        "dan.secret@example.org",
        "+32 470 99 99 99",
        "Eve Hidden",
        "zoe.permanente@example.org",
    ];
    for (path, bytes) in all_files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for s in secrets {
            assert!(!text.contains(s), "{s:?} published in {path}");
        }
    }
}

#[test]
fn event_pages_link_public_names_and_show_the_others_by_role() {
    let (_tmp, site) = site();
    let out = build(&site);
    let reps = |slug: &str| {
        let doc = html(&out.join(format!("agenda/{slug}/index.html")));
        let items = texts(&doc, ".event-representatives li");
        let links = attrs(
            &doc,
            ".event-representatives a[href^=\"/ambassadeurs/\"]",
            "href",
        );
        (items, links)
    };
    // forum-futur: ana-lopez and ben-martens by their profiles' names and links, eve-hidden
    // by role, Zoé Permanente (no id, `public: true`) by name without a link.
    let (items, links) = reps("forum-futur");
    assert_eq!(
        items,
        vec![
            "Ana Lopez (sociétaire ambassadeur·rice)",
            "Ben Martens (sociétaire ambassadeur·rice)",
            "Un·e sociétaire ambassadeur·rice",
            "Zoé Permanente (équipe de la coopérative)",
        ]
    );
    assert_eq!(
        links,
        vec!["/ambassadeurs/ana-lopez/", "/ambassadeurs/ben-martens/"]
    );
    // atelier-passe: Ana, and dan-secret by role only.
    let (items, links) = reps("atelier-passe");
    assert_eq!(
        items,
        vec![
            "Ana Lopez (sociétaire ambassadeur·rice)",
            "Un·e sociétaire ambassadeur·rice"
        ]
    );
    assert_eq!(links, vec!["/ambassadeurs/ana-lopez/"]);
}

#[test]
fn deleting_a_profile_withdraws_the_person_from_the_whole_site() {
    let (_tmp, site) = site();
    fs::remove_file(site.join("content/ambassadeurs/ana-lopez.md")).unwrap();
    let out = build(&site);
    assert!(!out.join("ambassadeurs/ana-lopez").exists());
    // Her events name her by id only: without her profile nothing names her any more.
    for (path, bytes) in all_files(&out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Ana Lopez"),
            "still named in {path}"
        );
    }
    let doc = html(&out.join("agenda/atelier-passe/index.html"));
    assert_eq!(
        texts(&doc, ".event-representatives li"),
        vec![
            "Un·e sociétaire ambassadeur·rice",
            "Un·e sociétaire ambassadeur·rice"
        ]
    );
    let directory = html(&out.join("ambassadeurs/index.html"));
    assert!(!attrs(&directory, "main a", "href").contains(&"/ambassadeurs/ana-lopez/".into()));
}
