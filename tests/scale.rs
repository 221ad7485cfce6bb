//! Scale: a site of 2,000 generated events (`examples/gen_site.rs`) builds completely.
//!
//! Not a timing: the one test here checks that nothing is lost when a site is large. Every
//! expectation is derived from the loaded content (and `Site`'s split of occurrences into
//! upcoming and past), never from the renderers, so that each assertion fails if the feature
//! it names broke:
//!
//! - an event page or an event's own calendar file missing, or with the wrong title or UID;
//! - an event page too many or too few (`agenda/*/index.html`);
//! - a subscription feed (`/agenda.ics`, one per level, theme and region) that drops an event
//!   of its window, lists one twice, or lists one outside its window or facet; a facet feed
//!   missing or written for a facet without events in the window;
//! - pagination of the agenda, the archive and every filter page: a page skipped (the chain of
//!   `rel="next"` links stops early or jumps), an occurrence left out or shown twice, a page of
//!   more than 100 cards, or a page other than the last that is not full.
//!
//! Two hand-written events are added at the edge of the feed window (see `edge_events`), so
//! that a window off by one day fails too. Including the generator as a module also runs its
//! own two unit tests (same seed, same files; slugs) with this file.

#[path = "../examples/gen_site.rs"]
#[allow(dead_code)]
mod gen_site;
mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::time::Instant;

use ambassade::content::{self, LoadOptions, Reference};
use ambassade::model::{Event, Level, Slug, When};
use ambassade::site::{occurrences, Site};
use ambassade::Options;
use chrono::{Duration, NaiveDate};
use icalendar::{Calendar, Component};
use scraper::{Html, Selector};

/// Events generated.
const EVENTS: usize = 2_000;
/// Occurrences per page of the agenda, the archive and the filter pages (the documented
/// contract, written out rather than read from the renderer).
const PAGE_SIZE: usize = 100;
/// Folders of `/agenda/` that the site uses for its own pages, not events.
const OWN_FOLDERS: &[&str] = &[
    "archives",
    "comptes-rendus",
    "niveau",
    "theme",
    "region",
    "mois",
    "page",
];

/// Two events added to the generated ones, at the edge of the feed window: one whose end is the
/// oldest day still in it, one that ended the day before. The generated events need not fall
/// on that day, and a window off by one day must fail.
const EDGE_IN: &str = "bord-fenetre-dedans";
const EDGE_OUT: &str = "bord-fenetre-dehors";

/// Writes the two edge events into `root`'s content; the window's length is read from its
/// `site.yaml` (180 days when not set, as the loader does).
fn edge_events(root: &Path, today: NaiveDate) {
    let config: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(root.join("content/site.yaml")).unwrap()).unwrap();
    let days = config["feed_past_days"].as_i64().unwrap_or(180);
    let cutoff = today - Duration::days(days);
    for (slug, last) in [(EDGE_IN, cutoff), (EDGE_OUT, cutoff - Duration::days(1))] {
        // Two days long: a window reckoned from the start would drop the first one too.
        let text = format!(
            "---\ntitle: \"Au bord de la fenêtre ({slug})\"\nstart: {}T10:00\nend: {}T12:00\n\
             level: european\nthemes: [\"coopération\"]\nregion: \"Bruxelles\"\n---\n\
             Un événement à la limite de la fenêtre des abonnements.\n",
            last - Duration::days(1),
            last
        );
        fs::write(root.join(format!("content/events/{slug}.md")), text).unwrap();
    }
}

/// The public slug of a level's filter page and feed: the French label, as a slug.
fn level_slug(level: Level) -> &'static str {
    match level {
        Level::Local => "local",
        Level::Regional => "regional",
        Level::Sectoral => "sectoriel",
        Level::National => "national",
        Level::European => "europeen",
        Level::International => "international",
    }
}

/// One facet value: its folder under `/agenda/`, its slug, and its events (indices into
/// `Content::events`).
struct Facet {
    dir: &'static str,
    slug: String,
    events: BTreeSet<usize>,
}

impl Facet {
    fn page(&self) -> String {
        format!("/agenda/{}/{}/", self.dir, self.slug)
    }
}

/// Every facet value of the content, computed from the events themselves.
fn facets(events: &[std::sync::Arc<Event>]) -> Vec<Facet> {
    let mut map: BTreeMap<(&'static str, String), BTreeSet<usize>> = BTreeMap::new();
    for (i, ev) in events.iter().enumerate() {
        map.entry(("niveau", level_slug(ev.level).to_string()))
            .or_default()
            .insert(i);
        for theme in &ev.themes {
            let slug = Slug::from_text(theme).expect("a theme makes a slug");
            map.entry(("theme", slug.to_string()))
                .or_default()
                .insert(i);
        }
        if let Some(region) = &ev.region {
            let slug = Slug::from_text(region).expect("a region makes a slug");
            map.entry(("region", slug.to_string()))
                .or_default()
                .insert(i);
        }
    }
    map.into_iter()
        .map(|((dir, slug), events)| Facet { dir, slug, events })
        .collect()
}

fn parse_html(path: &Path) -> Html {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

fn parse_ics(path: &Path) -> Calendar {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse()
        .unwrap_or_else(|e| panic!("{}: not a calendar: {e}", path.display()))
}

/// The UIDs of a calendar's events, in order (duplicates kept).
fn uids(cal: &Calendar, path: &Path) -> Vec<String> {
    cal.events()
        .map(|e| {
            e.get_uid()
                .unwrap_or_else(|| panic!("{}: a VEVENT without UID", path.display()))
                .to_string()
        })
        .collect()
}

/// Asserts that the feed at `path` lists exactly the events `expected` (by UID), each once.
fn assert_feed(path: &Path, expected: &BTreeSet<&str>) {
    let cal = parse_ics(path);
    let listed = uids(&cal, path);
    let set: BTreeSet<&str> = listed.iter().map(String::as_str).collect();
    assert_eq!(
        set.len(),
        listed.len(),
        "{}: an event listed twice",
        path.display()
    );
    let missing: Vec<_> = expected.difference(&set).collect();
    let extra: Vec<_> = set.difference(expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{}: {} missing {missing:?}, {} not expected {extra:?}",
        path.display(),
        missing.len(),
        extra.len()
    );
}

/// The output file of a site path (`/agenda/page/2/` → `agenda/page/2/index.html`).
fn file_of(public: &Path, url: &str) -> std::path::PathBuf {
    public.join(url.trim_start_matches('/')).join("index.html")
}

/// Follows a paginated list from `base` along its `rel="next"` links and counts the cards
/// linking to each event page (`/agenda/<slug>/` → cards). Checks the page addresses, that
/// no page holds more than `PAGE_SIZE` cards and that every page but the last is full.
/// Returns the counts and the number of pages.
fn walk_list(public: &Path, base: &str) -> (BTreeMap<String, usize>, usize) {
    let card = Selector::parse(".month .event-card").unwrap();
    let link = Selector::parse(".event-card-title a").unwrap();
    let next = Selector::parse("nav.pagination a[rel=next]").unwrap();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut url = base.to_string();
    let mut sizes = Vec::new();
    loop {
        let number = sizes.len() + 1;
        let want = if number == 1 {
            base.to_string()
        } else {
            format!("{base}page/{number}/")
        };
        assert_eq!(url, want, "page {number} of {base} is not where expected");
        let doc = parse_html(&file_of(public, &url));
        let cards: Vec<_> = doc.select(&card).collect();
        assert!(
            cards.len() <= PAGE_SIZE,
            "{url}: {} cards, more than {PAGE_SIZE}",
            cards.len()
        );
        for c in &cards {
            let hrefs: Vec<&str> = c
                .select(&link)
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert_eq!(
                hrefs.len(),
                1,
                "{url}: a card without exactly one title link"
            );
            *counts.entry(hrefs[0].to_string()).or_default() += 1;
        }
        sizes.push(cards.len());
        let nexts: Vec<&str> = doc
            .select(&next)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(nexts.len() <= 1, "{url}: several rel=next links {nexts:?}");
        match nexts.first() {
            Some(n) => {
                assert!(sizes.len() < 10_000, "{base}: the pages never end");
                url = n.to_string();
            }
            None => break,
        }
    }
    let last = sizes.len() - 1;
    for (k, n) in sizes[..last].iter().enumerate() {
        assert_eq!(*n, PAGE_SIZE, "{base}: page {} is not full", k + 1);
    }
    // The page after the last must not have been written either.
    let after = format!("{base}page/{}/", sizes.len() + 1);
    assert!(
        !file_of(public, &after).exists(),
        "{after} exists but no rel=next leads to it"
    );
    (counts, sizes.len())
}

/// Checks a paginated list against the occurrences it should show: `expected` maps each event
/// page to its number of occurrences in the list.
fn assert_list(public: &Path, base: &str, expected: &BTreeMap<String, usize>) -> usize {
    let (counts, pages) = walk_list(public, base);
    let total: usize = expected.values().sum();
    assert_eq!(
        pages,
        total.div_ceil(PAGE_SIZE).max(1),
        "{base}: {pages} pages for {total} occurrences"
    );
    if counts != *expected {
        let mut diffs = Vec::new();
        for key in counts
            .keys()
            .chain(expected.keys())
            .collect::<BTreeSet<_>>()
        {
            let (got, want) = (
                counts.get(key).copied().unwrap_or(0),
                expected.get(key).copied().unwrap_or(0),
            );
            if got != want {
                diffs.push(format!("{key}: {got} listed, {want} expected"));
            }
        }
        panic!(
            "{base}: {} events listed wrongly (of {total} occurrences):\n{}",
            diffs.len(),
            diffs.join("\n")
        );
    }
    pages
}

/// Builds a 2,000-event generated site and checks that every event page, every event
/// calendar, every subscription feed and every page of every paginated list is complete:
/// see the module's documentation for what each check guards.
#[test]
fn a_generated_site_of_2000_events_is_complete() {
    let started = Instant::now();
    let today =
        NaiveDate::from_ymd_opt(gen_site::TODAY.0, gen_site::TODAY.1, gen_site::TODAY.2).unwrap();
    assert_eq!(today.to_string(), support::TODAY);
    let tmp = tempfile::tempdir().expect("temporary folder");
    let root = tmp.path().join("site");
    let public = tmp.path().join("public");
    gen_site::run(&gen_site::Args {
        events: EVENTS,
        out: root.clone(),
        seed: gen_site::DEFAULT_SEED,
        source: support::repo(),
        force: false,
        hugo: None,
        zola: None,
    })
    .expect("the generator writes the site");
    edge_events(&root, today);
    let generated = started.elapsed();

    let opts = Options {
        root: root.clone(),
        output: Some(public.clone()),
        base_url: None,
        drafts: false,
        today: Reference::Date(today),
    };
    if let Err(d) = ambassade::build(&opts) {
        panic!(
            "the build failed:\n{}",
            d.sorted()
                .iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    let built = started.elapsed();

    // Expectations, from the content.
    let load = LoadOptions {
        drafts: false,
        base_url: None,
        today: Reference::Date(today),
    };
    let (content, diags) = content::load(&root, &load);
    let content = content.unwrap_or_else(|| {
        panic!(
            "the content does not load: {:?}",
            diags
                .sorted()
                .iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
        )
    });
    let feed_past_days = i64::from(content.config.feed_past_days);
    let site = std::sync::Arc::new(Site::new(content, today));
    let events = &site.content.events;
    assert_eq!(events.len(), EVENTS + 2, "every generated event loads");
    let page_of = |i: usize| format!("/agenda/{}/", events[i].slug);

    // Upcoming and past occurrences of each event, from `Site`, checked against the content.
    let mut upcoming: BTreeMap<String, usize> = BTreeMap::new();
    let mut past: BTreeMap<String, usize> = BTreeMap::new();
    for o in &site.upcoming {
        *upcoming.entry(page_of(o.event)).or_default() += 1;
    }
    for o in &site.past {
        *past.entry(page_of(o.event)).or_default() += 1;
    }
    for (i, ev) in events.iter().enumerate() {
        let occ = occurrences(ev);
        let up = occ.iter().filter(|w| w.end_date() >= today).count();
        assert_eq!(
            upcoming.get(&page_of(i)).copied().unwrap_or(0),
            up,
            "{}",
            ev.slug
        );
        assert_eq!(
            past.get(&page_of(i)).copied().unwrap_or(0),
            occ.len() - up,
            "{}",
            ev.slug
        );
    }

    // The feed window: an event is in it unless its last occurrence ended more than
    // `feed_past_days` days before today.
    let cutoff = today - Duration::days(feed_past_days);
    let in_window: BTreeSet<usize> = (0..events.len())
        .filter(|&i| {
            occurrences(&events[i])
                .iter()
                .map(When::end_date)
                .max()
                .is_some_and(|d| d >= cutoff)
        })
        .collect();
    let edge = |slug: &str| events.iter().position(|e| e.slug.as_str() == slug).unwrap();
    assert!(in_window.contains(&edge(EDGE_IN)) && !in_window.contains(&edge(EDGE_OUT)));
    let facets = facets(events);

    // Every event has its page, titled with its title, and its own calendar with its UID.
    let h1 = Selector::parse("h1").unwrap();
    for ev in events {
        let dir = public.join("agenda").join(ev.slug.as_str());
        let doc = parse_html(&dir.join("index.html"));
        // Spaces aside: French spacing puts no-break ones before `?` and `:`.
        let spaceless = |t: &str| t.split_whitespace().collect::<String>();
        let titles: Vec<String> = doc
            .select(&h1)
            .map(|h| spaceless(&h.text().collect::<String>()))
            .collect();
        assert_eq!(
            titles,
            vec![spaceless(&ev.title)],
            "agenda/{}/index.html",
            ev.slug
        );
        let path = dir.join(format!("{}.ics", ev.slug));
        let cal = parse_ics(&path);
        assert_eq!(
            uids(&cal, &path),
            vec![ev.uid.clone()],
            "{}",
            path.display()
        );
    }

    // No more event pages than events: every folder of `/agenda/` with a page is an event's
    // or one of the site's own.
    let slugs: BTreeSet<String> = events.iter().map(|e| e.slug.to_string()).collect();
    let mut pages = BTreeSet::new();
    for entry in fs::read_dir(public.join("agenda")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().join("index.html").is_file() && !OWN_FOLDERS.contains(&name.as_str()) {
            pages.insert(name);
        }
    }
    assert_eq!(pages.len(), events.len(), "event pages");
    assert_eq!(pages, slugs);
    let checked_pages = started.elapsed();

    // The subscription feeds: everything, and one per facet value with events in the window.
    let uid = |i: &usize| events[*i].uid.as_str();
    assert_feed(
        &public.join("agenda.ics"),
        &in_window.iter().map(uid).collect(),
    );
    let mut expected_feeds = BTreeSet::new();
    for f in &facets {
        let want: BTreeSet<&str> = f.events.intersection(&in_window).map(uid).collect();
        let rel = format!("agenda/{}/{}.ics", f.dir, f.slug);
        if want.is_empty() {
            continue;
        }
        assert_feed(&public.join(&rel), &want);
        expected_feeds.insert(rel);
    }
    let mut written_feeds = BTreeSet::new();
    for dir in ["niveau", "theme", "region"] {
        for entry in fs::read_dir(public.join("agenda").join(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.ends_with(".ics") {
                written_feeds.insert(format!("agenda/{dir}/{name}"));
            }
        }
    }
    assert_eq!(written_feeds, expected_feeds, "facet feeds written");
    let checked_feeds = started.elapsed();

    // The agenda, the archive and every filter page, page after page: the agenda and the filter
    // pages list an event once, however many upcoming occurrences it has; the archive lists
    // every past occurrence.
    let listed: BTreeMap<String, usize> = upcoming.keys().map(|k| (k.clone(), 1)).collect();
    let agenda_pages = assert_list(&public, "/agenda/", &listed);
    let archive_pages = assert_list(&public, "/agenda/archives/", &past);
    let mut filter_pages = 0;
    for f in &facets {
        let expected: BTreeMap<String, usize> = f
            .events
            .iter()
            .filter_map(|&i| listed.get_key_value(&page_of(i)))
            .map(|(p, n)| (p.clone(), *n))
            .collect();
        filter_pages += assert_list(&public, &f.page(), &expected);
    }
    let checked_lists = started.elapsed();

    // The preview server renders one route at a time (`render_file`): on the lists' further
    // pages too, it must give the very bytes the build wrote.
    // Prepared as the server prepares it: the site is in French and Dutch (the example's
    // `languages:`), and each page links to its translation.
    let prepared = ambassade::prepare(&opts, None).unwrap_or_else(|d| panic!("{d:?}"));
    let cx = prepared.render_cx();
    let facet_page_2 = facets
        .iter()
        .map(|f| format!("{}page/2/index.html", f.page().trim_start_matches('/')))
        .find(|p| public.join(p).is_file())
        .expect("some filter has a second page");
    for path in [
        "agenda/page/2/index.html".to_string(),
        format!("agenda/page/{agenda_pages}/index.html"),
        "agenda/archives/page/2/index.html".to_string(),
        facet_page_2,
        "sitemap.xml".to_string(),
    ] {
        let one = ambassade::render::render_file(&cx, &path)
            .unwrap_or_else(|| panic!("{path}: no route"));
        let Some(ambassade::output::Body::Bytes(bytes)) = one.files.get(&path) else {
            panic!("{path} not rendered alone: {:?}", one.files.keys());
        };
        let built = fs::read(public.join(&path)).unwrap();
        assert!(
            *bytes == built,
            "{path} rendered alone differs from the build's"
        );
    }

    eprintln!(
        "scale: {} events ({} in the feed window), {} upcoming and {} past occurrences; \
         {} feeds, {agenda_pages} agenda pages, {archive_pages} archive pages, \
         {filter_pages} pages of {} filters; generated {:.1?}, built {:.1?}, event pages \
         checked {:.1?}, feeds {:.1?}, lists {:.1?}",
        events.len(),
        in_window.len(),
        site.upcoming.len(),
        site.past.len(),
        expected_feeds.len() + 1,
        facets.len(),
        generated,
        built - generated,
        checked_pages - built,
        checked_feeds - checked_pages,
        checked_lists - checked_feeds,
    );
}
