//! The route table against the README: every address the README's table documents is made
//! by the table, every route of the table is documented there, and every kind of route occurs
//! on a site large enough to paginate its lists.

mod support;

use std::fs;
use std::path::Path;

use ambassade::content::Reference;
use ambassade::routes::Route;
use chrono::NaiveDate;

/// One name per kind of route: a new kind fails to compile here until this test knows it.
fn kind(r: &Route) -> &'static str {
    match r {
        Route::Home => "home",
        Route::Charter => "charter",
        Route::Lexicon => "lexicon",
        Route::Kit => "kit",
        Route::Networks => "networks",
        Route::NotFound => "not-found",
        Route::Agenda(1) => "agenda",
        Route::Agenda(_) => "agenda-further",
        Route::Archive(1) => "archive",
        Route::Archive(_) => "archive-further",
        Route::Filter { page: 1, .. } => "filter",
        Route::Filter { .. } => "filter-further",
        Route::FilterFeed(_) => "filter-feed",
        Route::MonthNow => "month-now",
        Route::Month(_) => "month",
        Route::Event(_) => "event",
        Route::EventCalendar(_) => "event-calendar",
        Route::EventSheet(_) => "event-sheet",
        Route::Sheet(_) => "sheet",
        Route::Page(_) => "page",
        Route::KitFile(_) => "kit-file",
        Route::KitPage(_) => "kit-page",
        Route::Ambassadors => "ambassadors",
        Route::Ambassador(_) => "ambassador",
        Route::Photo(_) => "photo",
        Route::Asset(_) => "asset",
        Route::Feed => "feed",
        Route::Atom => "atom",
        Route::Missions => "missions",
        Route::MissionsPropose => "missions-propose",
        Route::MissionsAtom => "missions-atom",
        Route::MissionsFeed => "missions-feed",
        Route::Reports(_) => "reports",
        Route::ReportsAtom => "reports-atom",
        Route::Figures => "figures",
        Route::FiguresYear(_) => "figures-year",
        Route::FiguresCsv(_) => "figures-csv",
        Route::Sitemap => "sitemap",
        Route::Robots => "robots",
    }
}

const ALL_KINDS: [&str; 39] = [
    "home",
    "charter",
    "lexicon",
    "kit",
    "networks",
    "not-found",
    "agenda",
    "agenda-further",
    "archive",
    "archive-further",
    "filter",
    "filter-further",
    "filter-feed",
    "month-now",
    "month",
    "event",
    "event-calendar",
    "event-sheet",
    "sheet",
    "page",
    "kit-file",
    "kit-page",
    "ambassadors",
    "ambassador",
    "photo",
    "asset",
    "feed",
    "atom",
    "missions",
    "missions-propose",
    "missions-atom",
    "missions-feed",
    "reports",
    "reports-atom",
    "figures",
    "figures-year",
    "figures-csv",
    "sitemap",
    "robots",
];

/// The addresses of the README's table of the site's pages, as patterns: `<…>` stands for
/// one path segment (or the part of one before `.ics`), `…` for any start, a page number for
/// any number.
fn readme_patterns() -> Vec<String> {
    let readme = fs::read_to_string(support::repo().join("README.md")).unwrap();
    let table = readme
        .split("The site's pages:")
        .nth(1)
        .expect("the README has the table of the site's pages");
    let mut patterns = Vec::new();
    for line in table.lines().skip_while(|l| l.trim().is_empty()) {
        if !line.starts_with('|') {
            break;
        }
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 1 && (part.starts_with('/') || part.starts_with('…')) && !part.contains('#')
            {
                patterns.push(part.to_string());
            }
        }
    }
    assert!(patterns.len() > 20, "too few addresses read: {patterns:?}");
    patterns
}

/// Whether the site path `path` is an instance of `pattern`.
fn matches(pattern: &str, path: &str) -> bool {
    fn seg(p: &str, s: &str) -> bool {
        if p.starts_with('<') && p.ends_with('>') {
            return !s.is_empty();
        }
        for ext in [".ics", ".csv"] {
            if let (Some(pp), Some(ss)) = (p.strip_suffix(ext), s.strip_suffix(ext)) {
                return seg(pp, ss);
            }
        }
        if p == "2" {
            return s.parse::<usize>().is_ok_and(|n| n >= 2);
        }
        p == s
    }
    let (anywhere, pattern) = match pattern.strip_prefix('…') {
        Some(rest) => (true, rest.trim_start_matches('/')),
        None => (false, pattern),
    };
    let p: Vec<&str> = pattern.split('/').collect();
    let s: Vec<&str> = path.split('/').collect();
    if anywhere {
        s.len() >= p.len()
            && p.iter()
                .zip(&s[s.len() - p.len()..])
                .all(|(a, b)| seg(a, b))
    } else {
        p.len() == s.len() && p.iter().zip(&s).all(|(a, b)| seg(a, b))
    }
}

/// The site path of an output file: `agenda/index.html` → `/agenda/`.
fn site_path(file: &str) -> String {
    match file.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{file}"),
    }
}

/// The minimal fixture with 120 upcoming and 120 past events more, the past ones with a
/// report: every list has a second page.
fn large_site(dir: &Path) {
    support::copy_dir(&support::repo().join("tests/fixtures/minimal"), dir);
    let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    for n in 0..240i64 {
        let date = day + chrono::Duration::days(if n < 120 { n + 1 } else { 119 - n });
        // The past ones have a report: their list has a second page too.
        let report = if n < 120 {
            String::new()
        } else {
            format!("report:\n  date: {date}\n  summary: Compte rendu.\n")
        };
        fs::write(
            dir.join(format!("content/events/genere-{n}.md")),
            format!(
                "---\ntitle: Événement {n}\nstart: {date}T10:00\nlevel: local\nthemes: [Travail]\n{report}---\nTexte.\n"
            ),
        )
        .unwrap();
    }
}

fn table_of(root: &Path) -> ambassade::Prepared {
    let opts = ambassade::Options {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        today: Reference::Date(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()),
    };
    ambassade::prepare(&opts, None).unwrap_or_else(|d| panic!("{:?}", d.sorted()))
}

#[test]
fn every_kind_of_route_is_documented_and_every_documented_address_is_made() {
    let patterns = readme_patterns();
    let tmp = tempfile::tempdir().unwrap();
    large_site(tmp.path());
    let large = table_of(tmp.path());
    let example = table_of(&support::repo());
    let mut kinds = std::collections::BTreeSet::new();
    let mut used = vec![false; patterns.len()];
    for prepared in [&large, &example] {
        for (file, route) in prepared.routes.iter() {
            kinds.insert(kind(route));
            let path = site_path(file);
            let found: Vec<usize> = (0..patterns.len())
                .filter(|&i| matches(&patterns[i], &path))
                .collect();
            assert!(
                !found.is_empty(),
                "{path} ({route:?}) is not in the README's table of addresses"
            );
            for i in found {
                used[i] = true;
            }
        }
    }
    let missing: Vec<&str> = ALL_KINDS
        .iter()
        .copied()
        .filter(|k| !kinds.contains(k))
        .collect();
    assert!(missing.is_empty(), "kinds of route never made: {missing:?}");
    let unused: Vec<&String> = patterns
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(p, _)| p)
        .collect();
    assert!(
        unused.is_empty(),
        "README addresses no route makes: {unused:?}"
    );
}

#[test]
fn the_pattern_reader_tells_addresses_apart() {
    assert!(matches("/agenda/<slug>/", "/agenda/reunion/"));
    assert!(!matches("/agenda/<slug>/", "/agenda/reunion/reunion.ics"));
    assert!(matches(
        "/agenda/<slug>/<slug>.ics",
        "/agenda/reunion/reunion.ics"
    ));
    assert!(matches("…/page/2/", "/agenda/theme/travail/page/3/"));
    assert!(!matches("…/page/2/", "/agenda/theme/travail/page/1/"));
    assert!(!matches("/charte/", "/lexique/"));
}
