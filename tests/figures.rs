//! The figures pages against a count of our own: every figure of `/bilan/<année>/` and of its
//! CSV file, for the example site and for `tests/fixtures/figures` (recurring events with
//! exceptions, cancelled, postponed and tentative events, binômes, two years and a future one),
//! is recomputed here from the event files' front matter, read as plain YAML, with a counter
//! that shares no code with the site's: it expands the simple weekly rules the fixtures use and
//! refuses any other rule it would have to count.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use scraper::{Html, Selector};
use serde_yaml::Value;
use support::TODAY;

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

/// What we expect of one year, in the site's words.
#[derive(Debug, Default, PartialEq)]
struct Year {
    held: usize,
    events: usize,
    binome: usize,
    ambassadors: usize,
    reports: usize,
    /// Section id on the page (`niveau`, `theme`…) → label (lowercased) → count.
    dims: BTreeMap<&'static str, BTreeMap<String, usize>>,
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// A date or date-time of the front matter (`2026-03-10`, `2026-03-10T09:00`), as its day.
fn day(v: &Value) -> NaiveDate {
    let s = match v {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap().trim().to_string(),
    };
    NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// The start days of an event's occurrences, from the simple rules this counter knows.
fn occurrences(fm: &Value, name: &str) -> Vec<NaiveDate> {
    let start = day(&fm["start"]);
    assert!(
        fm.get("repeat").is_none(),
        "{name}: `repeat` not known here"
    );
    let Some(rule) = text(fm, "recurrence") else {
        return vec![start];
    };
    // No occurrence comes before the first: an event starting after today counts nothing,
    // whatever its rule.
    if start > today() {
        return Vec::new();
    }
    let parts: BTreeMap<&str, &str> = rule
        .split(';')
        .map(|p| p.split_once('=').unwrap())
        .collect();
    assert_eq!(parts.get("FREQ"), Some(&"WEEKLY"), "{name}: rule {rule}");
    assert_eq!(
        parts.len(),
        2,
        "{name}: only FREQ=WEEKLY;COUNT=n is counted here"
    );
    let count: i64 = parts["COUNT"].parse().unwrap();
    let skipped: Vec<NaiveDate> = fm
        .get("exceptions")
        .and_then(Value::as_sequence)
        .map(|s| s.iter().map(day).collect())
        .unwrap_or_default();
    (0..count)
        .map(|k| start + Duration::weeks(k))
        .filter(|d| !skipped.contains(d))
        .collect()
}

fn level_label(code: &str) -> &'static str {
    match code {
        "local" => "Local",
        "regional" | "régional" => "Régional",
        "sectoral" | "sectoriel" => "Sectoriel",
        "national" => "National",
        "european" | "européen" => "Européen",
        "international" => "International",
        other => panic!("level {other}"),
    }
}

fn axis_label(code: Option<&str>) -> &'static str {
    match code {
        None => "Non précisé",
        Some("promote") => "Promouvoir",
        Some("inform") => "Informer",
        Some("defend") => "Défendre",
        Some(other) => panic!("axis {other}"),
    }
}

fn venue_label(code: Option<&str>) -> &'static str {
    match code {
        None => "Non précisé",
        Some("fair") => "Salon",
        Some("conference") => "Conférence",
        Some("one_to_one") => "Rencontre individuelle",
        Some("official") => "Instance officielle",
        Some("online") => "En ligne",
        Some("other") => "Autre",
        Some(other) => panic!("venue {other}"),
    }
}

/// Every year's figures, counted from `root`'s event files.
fn expected(root: &Path) -> BTreeMap<i32, Year> {
    let mut years: BTreeMap<i32, Year> = BTreeMap::new();
    let mut events: BTreeMap<i32, BTreeSet<String>> = BTreeMap::new();
    let mut reported: BTreeMap<i32, BTreeSet<String>> = BTreeMap::new();
    let mut people: BTreeMap<i32, BTreeSet<String>> = BTreeMap::new();
    for entry in fs::read_dir(root.join("content/events")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // `<slug>.<ll>.md` translates an event: the same representations, not more.
        if name.matches('.').count() > 1 {
            continue;
        }
        let file = fs::read_to_string(&path).unwrap();
        let front = file
            .strip_prefix("---\n")
            .and_then(|r| r.split_once("\n---\n"))
            .map(|(f, _)| f)
            .unwrap_or_else(|| panic!("{name}: no front matter"));
        let fm: Value = serde_yaml::from_str(front).unwrap();
        if fm.get("draft").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        if matches!(text(&fm, "status"), Some("cancelled" | "postponed")) {
            continue;
        }
        let first_end = fm.get("end").map_or_else(|| day(&fm["start"]), day);
        let has_report = fm.get("report").is_some() && first_end < today();
        let reps: Vec<(&str, String)> = fm
            .get("representatives")
            .and_then(Value::as_sequence)
            .map(|s| {
                s.iter()
                    .map(|r| {
                        let key = match text(r, "id") {
                            Some(id) => format!("id {id}"),
                            None => format!("name {}", text(r, "name").unwrap().trim()),
                        };
                        (text(r, "role").unwrap(), key)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let binome =
            reps.iter().any(|(r, _)| *r == "ambassador") && reps.iter().any(|(r, _)| *r == "staff");
        let themes: Vec<String> = fm
            .get("themes")
            .and_then(Value::as_sequence)
            .map(|s| {
                s.iter()
                    .map(|t| t.as_str().unwrap().to_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        let region = text(&fm, "region").map_or("non précisé".into(), str::to_lowercase);
        let venue = fm
            .get("mission")
            .and_then(|m| m.get("venue"))
            .and_then(Value::as_str);
        for d in occurrences(&fm, &name) {
            if d > today() {
                continue;
            }
            let y = years.entry(d.year()).or_default();
            y.held += 1;
            y.binome += usize::from(binome);
            events.entry(d.year()).or_default().insert(name.clone());
            if has_report {
                reported.entry(d.year()).or_default().insert(name.clone());
            }
            for (role, key) in &reps {
                if *role == "ambassador" {
                    people.entry(d.year()).or_default().insert(key.clone());
                }
            }
            let mut add = |dim: &'static str, label: String| {
                *y.dims.entry(dim).or_default().entry(label).or_default() += 1;
            };
            add(
                "niveau",
                level_label(text(&fm, "level").unwrap()).to_lowercase(),
            );
            if themes.is_empty() {
                add("theme", "non précisé".into());
            }
            for t in &themes {
                add("theme", t.clone());
            }
            add("region", region.clone());
            add("axe", axis_label(text(&fm, "axis")).to_lowercase());
            add("cadre", venue_label(venue).to_lowercase());
        }
    }
    for (year, y) in years.iter_mut() {
        y.events = events.get(year).map_or(0, BTreeSet::len);
        y.reports = reported.get(year).map_or(0, BTreeSet::len);
        y.ambassadors = people.get(year).map_or(0, BTreeSet::len);
    }
    years
}

fn build(root: &Path) -> tempfile::TempDir {
    support::build_site(root)
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

fn words(e: scraper::ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The figures a year's page shows: its headline numbers and each table.
fn from_page(html: &str) -> Year {
    let doc = Html::parse_document(html);
    let mut y = Year::default();
    for div in doc.select(&sel("dl.figures-numbers > div")) {
        let dt = words(div.select(&sel("dt")).next().unwrap());
        let dd = words(div.select(&sel("dd")).next().unwrap());
        let first: usize = dd.split(' ').next().unwrap().parse().unwrap();
        match dt.as_str() {
            "Représentations" => y.held = first,
            "Événements" => y.events = first,
            "En binôme" => y.binome = first,
            "Ambassadeur·rices" => y.ambassadors = first,
            "Avec compte rendu" => y.reports = first,
            other => panic!("figure {other}"),
        }
    }
    for section in doc.select(&sel("section.figures-dimension")) {
        let id: &'static str = match section.value().id().unwrap() {
            "niveau" => "niveau",
            "theme" => "theme",
            "region" => "region",
            "axe" => "axe",
            "cadre" => "cadre",
            other => panic!("section {other}"),
        };
        let table = section.select(&sel("table")).next().unwrap();
        assert!(
            table.select(&sel("caption")).next().is_some(),
            "{id}: caption"
        );
        assert!(table.select(&sel("thead th[scope=col]")).count() >= 2);
        let mut rows = BTreeMap::new();
        for tr in table.select(&sel("tbody tr")) {
            let label = words(tr.select(&sel("th[scope=row]")).next().unwrap());
            let count: usize = words(tr.select(&sel("td")).next().unwrap())
                .parse()
                .unwrap();
            rows.insert(label.to_lowercase(), count);
        }
        // The chart draws the same: one bar per row, each value in its text alternative.
        let svg = section.select(&sel("svg.chart[role=img]")).next().unwrap();
        assert_eq!(
            svg.select(&sel("rect.chart-bar")).count(),
            rows.len(),
            "{id}"
        );
        let alt = svg.value().attr("aria-label").unwrap().to_lowercase();
        for (label, count) in &rows {
            assert!(alt.contains(&format!("{label} : {count}")), "{id}: {alt}");
        }
        y.dims.insert(id, rows);
    }
    y
}

/// A CSV file (RFC 4180) as its rows of fields.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CR without LF"),
            (false, '\n') => panic!("a line ends without CR"),
            (false, c) => field.push(c),
        }
        if !quoted && c == '\r' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        }
    }
    assert!(
        field.is_empty() && row.is_empty(),
        "the last line has no CRLF"
    );
    rows
}

/// The figures of a year's CSV file.
fn from_csv(csv: &str) -> Year {
    let rows = parse_csv(csv);
    assert_eq!(rows[0], ["dimension", "valeur", "nombre"]);
    let mut y = Year::default();
    for r in &rows[1..] {
        assert_eq!(r.len(), 3, "{r:?}");
        let n: usize = r[2].parse().unwrap();
        let dim = match r[0].as_str() {
            "représentations" => {
                y.held = n;
                continue;
            }
            "événements" => {
                y.events = n;
                continue;
            }
            "représentations en binôme" => {
                y.binome = n;
                continue;
            }
            "ambassadeur·rices" => {
                y.ambassadors = n;
                continue;
            }
            "événements avec compte rendu" => {
                y.reports = n;
                continue;
            }
            "niveau" => "niveau",
            "thème" => "theme",
            "région" => "region",
            "axe" => "axe",
            "cadre" => "cadre",
            other => panic!("dimension {other}"),
        };
        let old = y
            .dims
            .entry(dim)
            .or_default()
            .insert(r[1].to_lowercase(), n);
        assert!(old.is_none(), "{r:?} twice");
    }
    y
}

/// Every year's page and CSV file match the count; no other year has one.
fn check_site(root: &Path) -> BTreeMap<i32, Year> {
    let expected = expected(root);
    let out = build(root);
    let public = out.path().join("public");
    let mut pages: Vec<i32> = fs::read_dir(public.join("bilan"))
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().to_str()?.parse().ok())
        .collect();
    pages.sort();
    assert_eq!(pages, expected.keys().copied().collect::<Vec<_>>());
    let index = fs::read_to_string(public.join("bilan/index.html")).unwrap();
    for (year, want) in &expected {
        let html = fs::read_to_string(public.join(format!("bilan/{year}/index.html"))).unwrap();
        assert_eq!(&from_page(&html), want, "{year}: page");
        let csv = fs::read_to_string(public.join(format!("bilan/{year}.csv"))).unwrap();
        assert_eq!(&from_csv(&csv), want, "{year}: CSV");
        assert!(
            index.contains(&format!("href=\"/bilan/{year}/\""))
                || index.contains(&format!("href=/bilan/{year}/"))
        );
        // Only the reference day's year is counted "to date", and says so with the day.
        let to_date = html.contains("à ce jour (jeudi 26 novembre 2026)");
        assert_eq!(to_date, *year == 2026, "{year}");
        // Each theme links to its agenda filter page, which exists.
        let doc = Html::parse_document(&html);
        for a in doc.select(&sel("#theme td a")) {
            let href = a.value().attr("href").unwrap();
            let file = match href.strip_suffix('/') {
                Some(dir) => format!("{dir}/index.html"),
                None => href.to_string(),
            };
            assert!(
                public.join(file.trim_start_matches('/')).is_file(),
                "{href}"
            );
        }
    }
    expected
}

#[test]
fn the_fixture_s_figures_match_an_independent_count() {
    let root = support::repo().join("tests/fixtures/figures");
    let years = check_site(&root);
    // The count itself, checked by hand against the fixture once: weekly series with
    // exceptions, one across two years, one going on after today; cancelled and postponed
    // events left out, the tentative one counted; the future year has no page.
    assert_eq!(years.keys().copied().collect::<Vec<_>>(), [2025, 2026]);
    let (y25, y26) = (&years[&2025], &years[&2026]);
    assert_eq!(
        (
            y25.held,
            y25.events,
            y25.binome,
            y25.ambassadors,
            y25.reports
        ),
        (7, 2, 5, 2, 1)
    );
    assert_eq!(
        (
            y26.held,
            y26.events,
            y26.binome,
            y26.ambassadors,
            y26.reports
        ),
        (5, 4, 1, 3, 3)
    );
}

#[test]
fn the_example_site_s_figures_match_an_independent_count() {
    let years = check_site(&support::repo());
    assert!(
        years.len() >= 2,
        "the example has figures for two years at least"
    );
}
