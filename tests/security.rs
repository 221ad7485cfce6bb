//! Hostile content: script never runs in a visitor's browser, nothing is read or written
//! outside the site folder, private details never reach an output file, calendar feeds cannot
//! be broken by injected line ends, and odd but valid input (never-ending rules, circular
//! references, huge files, extreme dates) neither fails nor hangs.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use support::{all_files, copy_dir};

use ambassade::content::Reference;
use ambassade::Options;
use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike};
use scraper::{ElementRef, Html, Selector};

const TODAY: &str = "2026-11-26";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the minimal fixture in `dir`.
fn minimal_in(dir: &Path) {
    copy_dir(&repo().join("tests/fixtures/minimal"), dir);
}

fn minimal() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    minimal_in(d.path());
    d
}

fn write(site: &Path, rel: &str, text: &str) {
    let p = site.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        today: Reference::Date(NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()),
    }
}

fn build(root: &Path) {
    if let Err(d) = ambassade::build(&options(root)) {
        let msgs: Vec<String> = d.sorted().iter().map(|x| x.to_string()).collect();
        panic!("build of {} failed:\n{}", root.display(), msgs.join("\n"));
    }
}

/// The errors `check` reports, one string each.
fn check_errors(root: &Path) -> Vec<String> {
    ambassade::check(&options(root))
        .errors()
        .map(|d| d.to_string())
        .collect()
}

fn run(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ambassade"))
        .args(["--lang", "en"])
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

/// Every file, folder and link under `dir` with its content (files) or target (links).
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string();
            let what = if e.path_is_symlink() {
                format!("link → {}", fs::read_link(e.path()).unwrap().display())
            } else if e.file_type().is_file() {
                String::from_utf8_lossy(&fs::read(e.path()).unwrap()).to_string()
            } else {
                "folder".to_string()
            };
            (rel, what)
        })
        .collect()
}

// ── Script never runs ───────────────────────────────────────────────────────────────────────

/// Markdown carrying every trick in the book.
const HOSTILE_MD: &str = r#"Texte avec un Salon et un <img src=x onerror=alert('md')> piège.

<script>alert('script')</script>

<svg onload="alert('svg')"><script>alert('svg-script')</script><a xlink:href="javascript:alert('xlink')"><text>t</text></a></svg>

<iframe src="javascript:alert('iframe')"></iframe><object data="data:text/html,<script>alert('object')</script>"></object><embed src="x.swf">

<form action="javascript:alert('form')"><input type="submit" formaction="javascript:alert('formaction')"><button formaction=javascript:alert('button')>b</button></form>

<a href="  JaVaScRiPt:alert('mixed-case')">a</a> <a href="&#106;avascript:alert('entity')">b</a> <a href="java&#x09;script:alert('tab')">c</a> <a href="vbscript:msgbox('vb')">d</a> <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">e</a>

<p style="width: expression(alert('expression'))">x</p> <div style="background:url(javascript:alert('url'))">y</div>

<style>body { background: url(javascript:alert('style')) }</style>

<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')>

<noscript><p title="</noscript><img src=x onerror=alert('noscript')>"></noscript>

<!--<img src="--><img src=x onerror=alert('comment')//">

<meta http-equiv="refresh" content="0;url=javascript:alert('meta')"><base href="javascript:alert('base')//"><link rel="import" href="data:text/html,x">

[lien](javascript:alert('md-link')) [lien2](  javascript:alert('md-link-2')) ![image](javascript:alert('md-image')) <javascript:alert('autolink')> [ref][r]

[r]: data:text/html,<script>alert('ref')</script>

# Titre {#ancre onclick=alert('heading') style="x:expression(alert(1))"}

| a | b |
|---|---|
| <td onmouseover=alert('cell')>c</td> | `</script><script>alert('code')</script>` |
"#;

/// One-line texts (titles, names, places) carrying script.
const T1: &str = "</script><script>alert('t1')</script>";
const T2: &str = "\"><img src=x onerror=alert('t2')>";
const T3: &str = "javascript:alert('t3')";
const T4: &str = "</title></style></textarea><svg onload=alert('t4')>";
const T5: &str = "{{ 7*7 }} {% raw %} ' \" & < > \\u003c/script";

/// YAML double-quoted string for `s`.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn hostile_site(dir: &Path) {
    minimal_in(dir);
    write(
        dir,
        "content/site.yaml",
        &format!(
            "title: {}\ndescription: {}\nbase_url: https://test.example.org/\norganisation:\n  name: {}\n  email: contact@example.org\n  url: https://org.example.org/a?b=\"><script>alert(1)</script>\n  phone: {}\n  address: {}\njoin_page: rejoindre\n",
            q(&format!("Site {T1}")), q(T2), q("Org « T4 » & 'co' \"x\" {{ 7*7 }} \\3C /style\\3E"), q(T3), q(T2)
        ),
    );
    write(
        dir,
        "content/baseline.yaml",
        &format!("statement: {}\nexplanation: {}\n", q(T1), q(HOSTILE_MD)),
    );
    write(
        dir,
        "content/axes.yaml",
        &format!(
            "axes:\n  - axis: promote\n    title: {}\n    summary: {}\n    description: {}\n  - axis: inform\n    title: {}\n    summary: s\n  - axis: defend\n    title: {}\n    summary: s\n",
            q(T1), q(T2), q(HOSTILE_MD), q(T4), q(T5)
        ),
    );
    write(
        dir,
        "content/charter.yaml",
        &format!(
            "title: {}\nintroduction: {}\ncommitments:\n  - title: {}\n    text: {}\nconclusion: {}\n",
            q(T4), q(HOSTILE_MD), q(T1), q(HOSTILE_MD), q(T2)
        ),
    );
    write(
        dir,
        "content/lexicon.yaml",
        &format!(
            "introduction: {}\nterms:\n  - term: Salon\n    definition: {}\n    see_also: [img-term]\n  - term: {}\n    id: img-term\n    definition: {}\n  - term: {}\n    id: js-term\n    definition: d\n  - term: {}\n    id: script-term\n    definition: d\n",
            q(HOSTILE_MD), q(HOSTILE_MD), q(T2), q(T1), q(T3), q(T1)
        ),
    );
    write(
        dir,
        "content/kit.yaml",
        &format!(
            "introduction: {}\nitems:\n  - title: {}\n    kind: business_card\n    description: {}\n    audience: {}\n    language: fr\n    updated: 2026-10-01\n    file: kit/carte.txt\n  - title: {}\n    kind: video\n    description: d\n    language: fr\n    updated: 2026-09-01\n    url: https://video.example.org/?q=\"><script>alert(1)</script>\n",
            q(HOSTILE_MD), q(T1), q(HOSTILE_MD), q(T2), q(T4)
        ),
    );
    write(
        dir,
        "content/networks.yaml",
        &format!(
            "introduction: {}\nnetworks:\n  - name: {}\n    level: local\n    sector: {}\n    territory: {}\n    description: {}\n  - name: {}\n    id: reseau-deux\n    level: european\n    url: https://eu.example.org/\"onmouseover=\"alert(1)\n  - name: {}\n    id: reseau-trois\n    level: national\n",
            q(HOSTILE_MD), q(&format!("Réseau {T1}")), q(T2), q(T4), q(HOSTILE_MD), q(T2), q(T4)
        ),
    );
    write(
        dir,
        "content/pages/rejoindre.md",
        &format!(
            "---\ntitle: {}\ndescription: {}\nmenu: 1\n---\n{HOSTILE_MD}",
            q(T1),
            q(T2)
        ),
    );
    write(
        dir,
        "content/pages/autre.md",
        &format!("---\ntitle: {}\nmenu: 2\n---\n{HOSTILE_MD}", q(T4)),
    );
    let event = |title: &str, extra: &str| {
        format!(
            "---\ntitle: {}\nstart: 2027-05-04T18:00\nend: 2027-05-04T20:00\nlevel: local\nthemes: [{}, {}]\nregion: {}\nlocation: {{ name: {}, address: {}, city: {}, country: BE, latitude: 50.8, longitude: 4.3 }}\nonline: https://visio.example.org/?x=\"><script>alert(1)</script>\nrepresentatives:\n  - {{ name: {}, role: ambassador, public: true }}\nmission:\n  intervention: debate\n  audience: {}\n  objectives: {}\n  expectations: {}\n  contact: {}\n{extra}---\n{HOSTILE_MD}",
            q(title), q(&format!("thème {T2}")), q(&format!("culture {T4}")), q(&format!("Région {T1}")),
            q(T1), q(T2), q(T4), q(T1), q(T2), q(HOSTILE_MD), q(HOSTILE_MD), q(T4)
        )
    };
    write(
        dir,
        "content/events/reunion.md",
        &event(T1, "recurrence: FREQ=WEEKLY;COUNT=3\n"),
    );
    write(
        dir,
        "content/events/salon.md",
        &event(&format!("Salon {T2}"), ""),
    );
    write(dir, "content/events/autre.md", &event(T5, ""));
    // A past event with a hostile report, themes and region: the figures of 2026 chart them.
    let report = format!(
        "report:\n  date: 2026-06-05\n  summary: {}\n  messages: {}\n  organisations: {}\n  questions: {}\n",
        q(HOSTILE_MD), q(T1), q(T2), q(T5)
    );
    write(
        dir,
        "content/events/passe-hostile.md",
        &event(T1, &report).replace("2027-05-04", "2026-06-04"),
    );
    // The mission sheet's vocabulary options have ids; the identification sheet's none.
    let sheet = |title: &str, ids: bool| {
        let options = if ids {
            format!(
                "[{{ id: debate, label: {} }}, {{ id: stand, label: Débat }}]",
                q(T1)
            )
        } else {
            format!("[{}, Débat]", q(T1))
        };
        format!(
            "title: {}\nintroduction: {}\nsections:\n  - title: {}\n    fields:\n      - {{ id: title, label: {}, kind: text, help: {} }}\n      - {{ id: intervention, label: L, kind: choice, options: {options} }}\n      - {{ id: objectives, label: {}, kind: lines }}\n      - {{ id: audience, label: A, kind: text }}\n      - {{ id: contact, label: C, kind: text }}\n      - {{ label: G, kind: grid, rows: [{}], columns: [{}] }}\n",
            q(title), q(HOSTILE_MD), q(T1), q(T2), q(T4), q(T5), q(T2), q(T4)
        )
    };
    // Sheet titles and the organisation's name may not hold < or > (see
    // `angle_brackets_are_refused_where_css_would_print_them`).
    write(
        dir,
        "content/sheets/mission.yaml",
        &sheet("Mission \" \\ ; } @import url(x); /* */", true),
    );
    write(
        dir,
        "content/sheets/identification.yaml",
        &sheet("Identification {{ 7*7 }} &amp; ' \"", false),
    );
}

/// The theme's own inline scripts, whitespace collapsed: the only scripts a page may carry
/// besides JSON-LD data.
fn theme_scripts() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in walkdir::WalkDir::new(repo().join("themes/default/templates")) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let text = fs::read_to_string(e.path()).unwrap();
        let mut rest = text.as_str();
        while let Some(i) = rest.find("<script>") {
            let after = &rest[i + "<script>".len()..];
            let end = after.find("</script>").unwrap();
            out.insert(collapse(&after[..end]));
            rest = &after[end..];
        }
    }
    assert!(!out.is_empty(), "the theme has inline scripts to recognise");
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "codebase",
    "manifest",
    "ping",
];

/// A URL's scheme as a browser reads it: ASCII whitespace and control characters dropped,
/// lower case (character references are already decoded by the parser).
fn scheme_of(url: &str) -> String {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match squeezed.split_once(':') {
        Some((s, _)) if !s.contains(['/', '?', '#']) => s.to_string(),
        _ => String::new(),
    }
}

/// CSS with the contents of its string literals removed.
fn css_outside_strings(css: &str) -> String {
    let mut out = String::new();
    let mut quote = None;
    let mut chars = css.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), _) => {}
            (None, '"' | '\'') => {
                quote = Some(c);
                out.push(c);
            }
            (None, c) => out.push(c),
        }
    }
    out
}

/// Everything in a parsed page that could run script.
fn script_problems(doc: &Html, theme: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let v = el.value();
        let name = v.name();
        if name == "script" {
            let text: String = el.text().collect();
            let allowed = if v.attr("src").is_some() {
                false
            } else if v.attr("type") == Some("application/ld+json") {
                match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(_) => !text.to_ascii_lowercase().contains("</script"),
                    Err(e) => {
                        out.push(format!("JSON-LD does not parse: {e}: {text}"));
                        true
                    }
                }
            } else {
                v.attr("type").is_none() && theme.contains(&collapse(&text))
            };
            if !allowed {
                out.push(format!("script element: {}", el.html()));
            }
        }
        if name == "style" {
            // What CSS reads as code, not as the text of a string.
            let css = css_outside_strings(&el.text().collect::<String>()).to_ascii_lowercase();
            for bad in [
                "expression(",
                "javascript:",
                "url(",
                "@import",
                "behavior:",
                "-moz-binding",
            ] {
                if css.contains(bad) {
                    out.push(format!("style element with {bad}: {css}"));
                }
            }
        }
        if [
            "iframe", "object", "embed", "frame", "frameset", "applet", "base", "portal",
            "noscript", "template",
        ]
        .contains(&name)
        {
            out.push(format!("{name} element: {}", el.html()));
        }
        if name == "meta" && v.attr("http-equiv").is_some() {
            out.push(format!("meta http-equiv: {}", el.html()));
        }
        if name == "link" && v.attr("rel").is_some_and(|r| r.contains("import")) {
            out.push("link rel=import".into());
        }
        for (attr, value) in v.attrs() {
            let a = attr.to_ascii_lowercase();
            if a.starts_with("on") {
                out.push(format!("event handler {attr}={value:?} on <{name}>"));
            }
            if URL_ATTRIBUTES.contains(&a.as_str()) || a.ends_with(":href") {
                let scheme = scheme_of(value);
                if ["javascript", "data", "vbscript", "livescript"].contains(&scheme.as_str()) {
                    out.push(format!("{attr}={value:?} on <{name}>"));
                }
            }
            if a == "style" {
                let css = value.to_ascii_lowercase().replace(char::is_whitespace, "");
                if css.contains("expression(")
                    || css.contains("url(")
                    || css.contains("javascript:")
                {
                    out.push(format!("style={value:?} on <{name}>"));
                }
            }
            if name == "form" && a == "action" {
                out.push(format!("form with action {value:?}"));
            }
        }
    }
    out
}

#[test]
fn no_script_survives_in_any_page_json_ld_svg_or_feed() {
    let site = tempfile::tempdir().unwrap();
    hostile_site(site.path());
    build(site.path());
    let files = all_files(&site.path().join("public"));
    let theme = theme_scripts();
    let mut problems = Vec::new();
    let mut pages = 0;
    let mut json_ld = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            pages += 1;
            let doc = Html::parse_document(&text);
            for p in script_problems(&doc, &theme) {
                problems.push(format!("{path}: {p}"));
            }
            for s in doc.select(&Selector::parse("script[type=\"application/ld+json\"]").unwrap()) {
                json_ld += 1;
                let data: serde_json::Value =
                    serde_json::from_str(&s.text().collect::<String>()).unwrap();
                // The data is intact: the hostile title is the event's name, as written.
                let name = data["name"].as_str().unwrap_or_default();
                let known = [T1, T5, "Événement passé"];
                assert!(
                    known.contains(&name) || name == format!("Salon {T2}"),
                    "{path}: name {name:?}"
                );
            }
        } else if path.ends_with(".ics") {
            let cal: Result<Calendar, _> = text.parse();
            if let Err(e) = cal {
                problems.push(format!("{path}: does not parse: {e}"));
            }
            for (n, line) in text.trim_end_matches("\r\n").split("\r\n").enumerate() {
                if line.len() > 75 || line.contains(['\r', '\n']) {
                    problems.push(format!("{path}:{}: broken line {line:?}", n + 1));
                }
            }
        } else if [".atom", ".xml", ".txt"].iter().any(|x| path.ends_with(x))
            && text.to_ascii_lowercase().contains("<script")
        {
            problems.push(format!("{path}: an unescaped <script"));
        }
    }
    assert!(
        pages > 15 && json_ld >= 3,
        "{pages} pages, {json_ld} JSON-LD blocks"
    );
    // The map is drawn, and its legend holds the hostile name as text.
    let map = Html::parse_document(&String::from_utf8_lossy(&files["reseaux/index.html"]));
    assert_eq!(
        map.select(&Selector::parse("svg.network-map circle.map-node").unwrap())
            .count(),
        3
    );
    let names: Vec<String> = map
        .select(&Selector::parse(".map-legend a").unwrap())
        .map(|t| t.text().collect())
        .collect();
    assert!(names.iter().any(|t| t.contains(T1)), "{names:?}");
    // The figures' charts and tables hold the hostile theme and region names as text.
    let year = Html::parse_document(&String::from_utf8_lossy(&files["bilan/2026/index.html"]));
    let alts: Vec<String> = year
        .select(&Selector::parse("svg.chart[role=img]").unwrap())
        .filter_map(|s| s.value().attr("aria-label").map(str::to_string))
        .collect();
    assert!(
        alts.iter().any(|a| a.contains(&format!("Région {T1} : 1"))),
        "{alts:?}"
    );
    let labels: Vec<String> = year
        .select(&Selector::parse("svg.chart text.chart-label").unwrap())
        .map(|t| t.text().collect())
        .collect();
    assert!(labels.contains(&format!("culture {T4}")), "{labels:?}");
    let rows: Vec<String> = year
        .select(&Selector::parse("table th[scope=row]").unwrap())
        .map(|t| t.text().collect())
        .collect();
    assert!(rows.contains(&format!("thème {T2}")), "{rows:?}");
    let csv = String::from_utf8_lossy(&files["bilan/2026.csv"]);
    assert!(
        csv.contains(&format!("région,\"Région {}\",1", T1.replace('"', "\"\"")))
            || csv.contains(&format!("région,Région {T1},1")),
        "{csv}"
    );
    let report = Html::parse_document(&String::from_utf8_lossy(
        &files["agenda/passe-hostile/index.html"],
    ));
    assert_eq!(
        report
            .select(&Selector::parse("#compte-rendu h3").unwrap())
            .count(),
        4
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn angle_brackets_are_refused_where_css_would_print_them() {
    let site = minimal();
    let yaml = site.path().join("content/site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(
        &yaml,
        text.replace(
            "name: Coopérative Test",
            "name: \"Coop </style><script>alert(1)</script>\"",
        ),
    )
    .unwrap();
    let sheet = site.path().join("content/sheets/mission.yaml");
    let text = fs::read_to_string(&sheet).unwrap();
    fs::write(
        &sheet,
        text.replace("title: Fiche de mission", "title: \"Fiche </style>\""),
    )
    .unwrap();
    let errors = check_errors(site.path());
    assert!(
        errors.iter().any(
            |e| e.starts_with("content/site.yaml:5:9: error: organisation.name:")
                && e.contains("the characters < and > cannot be used here")
        ),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/sheets/mission.yaml:1:8: error: title:")),
        "{errors:#?}"
    );
}

/// The root cause behind the check above: the page minifier (`minify_css: true` in
/// `src/render/minify.rs`) turns the CSS escape `\3C ` that `sheets::css_string` writes back into
/// `<`, so a `</style>` in the sheets' page header closes the element and what follows is HTML.
/// Shown here by rendering content that bypasses validation.
#[test]
fn minified_sheet_header_css_cannot_close_its_style_element() {
    let root = repo().join("tests/fixtures/minimal");
    let opts = ambassade::content::LoadOptions {
        drafts: false,
        base_url: None,
        today: options(&root).today,
    };
    let (content, _) = ambassade::content::load(&root, &opts);
    let mut content = content.unwrap();
    content.sheets.mission.title = "Mission </style><script>alert(1)</script>".into();
    let theme = ambassade::render::theme::load(&root, None, "fr")
        .ok()
        .unwrap();
    let site = ambassade::site::Site::new(content, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
    let prepared = ambassade::Prepared::new(site, std::sync::Arc::new(theme), Default::default())
        .unwrap_or_else(|d| panic!("{d:?}"));
    let out = ambassade::render::render(&prepared.render_cx(), ambassade::output::Sink::Memory);
    let Some(ambassade::output::Body::Bytes(page)) = out.files.get("fiches/mission/index.html")
    else {
        panic!("no mission sheet");
    };
    let doc = Html::parse_document(&String::from_utf8_lossy(page));
    let problems = script_problems(&doc, &theme_scripts());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn script_urls_in_address_fields_are_refused() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "content/events/salon.md",
            "online: javascript:alert(1)",
            "is not a web address (scheme `javascript`)",
        ),
        (
            "content/events/salon.md",
            "online: \"  JaVaScRiPt:alert(1)\"",
            "is not a web address (scheme `javascript`)",
        ),
        (
            "content/events/salon.md",
            "online: data:text/html,x",
            "is not a web address (scheme `data`)",
        ),
        (
            "content/networks.yaml",
            "",
            "is not a web address (scheme `vbscript`)",
        ),
        (
            "content/kit.yaml",
            "",
            "is not a web address (scheme `data`)",
        ),
        (
            "content/site.yaml",
            "",
            "is not a web address (scheme `javascript`)",
        ),
    ];
    for (file, line, expected) in cases {
        let site = minimal();
        let p = site.path().join(file);
        let text = fs::read_to_string(&p).unwrap();
        let text = match *file {
            "content/events/salon.md" => {
                text.replacen("level: regional", &format!("level: regional\n{line}"), 1)
            }
            "content/networks.yaml" => {
                text.replace("https://eu.example.org/", "vbscript:msgbox(1)")
            }
            "content/kit.yaml" => text.replace(
                "https://video.example.org/smart",
                "data:text/html,<script>alert(1)</script>",
            ),
            _ => text.replace(
                "https://test.example.org/",
                "javascript://test.example.org/%0Aalert(1)",
            ),
        };
        fs::write(&p, text).unwrap();
        let errors = check_errors(site.path());
        assert!(
            errors.iter().any(|e| e.contains(expected)),
            "{file} {line}: expected {expected:?}, got {errors:#?}"
        );
    }
}

// ── Calendar feeds cannot be broken by injected line ends ──────────────────────────────────

#[test]
fn injected_line_ends_stay_inside_their_property() {
    let site = minimal();
    // Other control characters (`\u{0007}`) are refused when the content is read: below.
    let inject = "x\r\nATTENDEE:mailto:evil@example.org\r\nBEGIN:VALARM\nX-EVIL:1";
    write(
        site.path(),
        "content/events/injection.md",
        &format!(
            "---\ntitle: {t}\nstart: 2027-05-01T10:00\nlevel: local\nthemes: [{t}, ok]\nregion: {t}\nlocation: {{ name: {t}, address: {t}, city: {t}, postal_code: {t} }}\n---\nDescription\r\nATTENDEE:mailto:evil@example.org\rEND:VEVENT\n",
            t = q(inject)
        ),
    );
    build(site.path());
    let public = site.path().join("public");
    for feed in ["agenda.ics", "agenda/injection/injection.ics"] {
        let text = fs::read_to_string(public.join(feed)).unwrap();
        for (n, line) in text.trim_end_matches("\r\n").split("\r\n").enumerate() {
            assert!(line.len() <= 75, "{feed}:{}: {} octets", n + 1, line.len());
            assert!(
                !line.contains(['\r', '\n']) && !line.chars().any(char::is_control),
                "{feed}:{}: {line:?}",
                n + 1
            );
            for injected in ["ATTENDEE", "BEGIN:VALARM", "X-EVIL", "END:VEVENT\u{0}"] {
                assert!(
                    !line.starts_with(injected),
                    "{feed}:{}: injected property {line:?}",
                    n + 1
                );
            }
        }
        let cal: Calendar = text.parse().unwrap();
        let ev = cal
            .events()
            .find(|e| e.get_uid() == Some("injection@test.example.org"))
            .unwrap();
        assert!(ev.property_value("ATTENDEE").is_none());
        assert!(ev.components().is_empty(), "{feed}: an injected component");
        let flat = "x ATTENDEE:mailto:evil@example.org BEGIN:VALARM X-EVIL:1";
        assert_eq!(ev.get_summary(), Some(flat));
        let location = ev.property_value("LOCATION").unwrap();
        assert!(location.starts_with(flat), "{location:?}");
        assert!(!location.contains(['\r', '\n']));
        assert!(ev.get_categories().unwrap().contains(&flat.to_string()));
        let description = ev.property_value("DESCRIPTION").unwrap();
        assert!(description.starts_with("Description"), "{description:?}");
        assert!(!description.contains('\r'));
    }
    // A UID cannot carry a line end at all: it is refused.
    write(
        site.path(),
        "content/events/injection.md",
        &format!(
            "---\ntitle: t\nstart: 2027-05-01T10:00\nlevel: local\nuid: {}\n---\n",
            q(inject)
        ),
    );
    let errors = check_errors(site.path());
    assert!(
        errors.iter().any(
            |e| e.contains("content/events/injection.md:5:6: error: uid:")
                && e.contains("is not a usable uid")
        ),
        "{errors:#?}"
    );
    // A control character written as an escape is refused, like a typed one.
    write(
        site.path(),
        "content/events/injection.md",
        "---\ntitle: \"x\\u0007\"\nstart: 2027-05-01T10:00\nlevel: local\n---\n",
    );
    let errors = check_errors(site.path());
    assert!(
        errors.iter().any(|e| e.contains(
            "content/events/injection.md:2:8: error: control characters are not allowed (U+0007 in this text)"
        )),
        "{errors:#?}"
    );
}

// ── Paths stay inside ───────────────────────────────────────────────────────────────────────

/// One way content could try to reach outside the site folder, and the message expected.
struct Escape {
    name: &'static str,
    prepare: fn(site: &Path, outside: &Path),
    expected: &'static str,
}

fn kit_file(site: &Path, reference: &str) {
    let p = site.join("content/kit.yaml");
    let text = fs::read_to_string(&p).unwrap();
    fs::write(
        p,
        text.replace("file: kit/carte.txt", &format!("file: {}", q(reference))),
    )
    .unwrap();
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    if at.exists() {
        if at.is_dir() {
            fs::remove_dir_all(at).unwrap();
        } else {
            fs::remove_file(at).unwrap();
        }
    }
    std::os::unix::fs::symlink(target, at).unwrap();
}

#[cfg(unix)]
#[test]
fn nothing_is_read_or_written_outside_the_site_folder() {
    const SECRET: &str = "SECRET-OUTSIDE-7c1f";
    let escapes: Vec<Escape> = vec![
        Escape {
            name: "kit file with ..",
            prepare: |s, _| kit_file(s, "../../outside/secret.txt"),
            expected: "`../../outside/secret.txt` is not a path inside the content folder",
        },
        Escape {
            name: "kit file with an absolute path",
            prepare: |_, o| {
                let _ = o;
            },
            expected: "is not a path inside the content folder",
        },
        Escape {
            name: "kit file with backslashes",
            prepare: |s, _| kit_file(s, "kit\\..\\..\\..\\outside\\secret.txt"),
            expected: "is not a path inside the content folder",
        },
        Escape {
            name: "kit folder linked outside",
            prepare: |s, o| {
                link(o, &s.join("content/kit"));
                kit_file(s, "kit/secret.txt");
            },
            expected: "`kit/secret.txt` points outside the content folder",
        },
        Escape {
            name: "kit file linked outside",
            prepare: |s, o| link(&o.join("secret.txt"), &s.join("content/kit/carte.txt")),
            expected: "`kit/carte.txt` points outside the content folder",
        },
        Escape {
            name: "events folder linked outside",
            prepare: |s, o| link(&o.join("events"), &s.join("content/events")),
            expected: "content/events: error: symbolic links are not followed",
        },
        Escape {
            name: "pages folder linked outside",
            prepare: |s, o| link(&o.join("pages"), &s.join("content/pages")),
            expected: "content/pages: error: symbolic links are not followed",
        },
        Escape {
            name: "event file linked outside",
            prepare: |s, o| link(&o.join("events/evil.md"), &s.join("content/events/evil.md")),
            expected: "content/events/evil.md: error: symbolic links are not followed",
        },
        Escape {
            name: "event subfolder linked outside",
            prepare: |s, o| link(&o.join("events"), &s.join("content/events/2027")),
            expected: "content/events/2027: error: symbolic links are not followed",
        },
        Escape {
            name: "sheets folder linked outside",
            prepare: |s, o| link(&o.join("sheets"), &s.join("content/sheets")),
            expected: "content/sheets: error: symbolic links are not followed",
        },
        Escape {
            name: "whole content folder linked outside",
            prepare: |s, o| link(&o.join("content"), &s.join("content")),
            expected: "content: error: symbolic links are not followed",
        },
        Escape {
            name: "lexicon linked outside",
            prepare: |s, o| {
                link(
                    &o.join("content/lexicon.yaml"),
                    &s.join("content/lexicon.yaml"),
                )
            },
            expected: "content/lexicon.yaml: error: symbolic links are not followed",
        },
    ];
    for (i, esc) in escapes.iter().enumerate() {
        // parent/{site, outside}: whatever happens, only parent/site/public may change.
        let parent = tempfile::tempdir().unwrap();
        let site = parent.path().join("site");
        let outside = parent.path().join("outside");
        minimal_in(&site);
        // Outside: a secret, and a complete, valid content folder that would build.
        minimal_in(&outside);
        copy_dir(&outside.join("content/events"), &outside.join("events"));
        copy_dir(&outside.join("content/pages"), &outside.join("pages"));
        copy_dir(&outside.join("content/sheets"), &outside.join("sheets"));
        fs::write(outside.join("secret.txt"), SECRET).unwrap();
        write(
            &outside,
            "events/evil.md",
            &format!("---\ntitle: {SECRET}\nstart: 2027-05-01\nlevel: local\n---\n{SECRET}\n"),
        );
        write(
            &outside,
            "content/events/evil.md",
            &format!("---\ntitle: {SECRET}\nstart: 2027-05-01\nlevel: local\n---\n"),
        );
        write(
            &outside,
            "pages/evil.md",
            &format!("---\ntitle: {SECRET}\n---\n{SECRET}\n"),
        );
        let sheet = fs::read_to_string(outside.join("sheets/mission.yaml")).unwrap();
        fs::write(
            outside.join("sheets/mission.yaml"),
            sheet.replace("Fiche de mission", SECRET),
        )
        .unwrap();
        let lexicon = fs::read_to_string(outside.join("content/lexicon.yaml")).unwrap();
        fs::write(
            outside.join("content/lexicon.yaml"),
            lexicon.replace("Deux personnes", SECRET),
        )
        .unwrap();
        if esc.name == "kit file with an absolute path" {
            kit_file(&site, &outside.join("secret.txt").display().to_string());
        }
        (esc.prepare)(&site, &outside);
        write(&site, "public/sentinel.txt", "previous build");
        let before = snapshot(parent.path());

        let out = run(&site, &["build", "--today", TODAY]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let after = snapshot(parent.path());
        assert_eq!(
            out.status.code(),
            Some(1),
            "{i} {}: exit {:?}\n{stderr}",
            esc.name,
            out.status.code()
        );
        assert!(
            stderr.contains(esc.expected),
            "{i} {}: expected {:?} in\n{stderr}",
            esc.name,
            esc.expected
        );
        assert!(!stderr.contains("panicked"), "{}", esc.name);
        assert!(
            !stderr.contains(SECRET),
            "{}: the secret reached the messages:\n{stderr}",
            esc.name
        );
        assert!(
            before == after,
            "{}: files changed:\n{:#?}",
            esc.name,
            diff(&before, &after)
        );
    }
}

fn diff(a: &BTreeMap<String, String>, b: &BTreeMap<String, String>) -> Vec<String> {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            format!(
                "{k}: {:?} → {:?}",
                a.get(k).map(|v| v.len()),
                b.get(k).map(|v| v.len())
            )
        })
        .collect()
}

/// A successful build writes only its output folder, and `--output` cannot point at the
/// site's own sources.
#[test]
fn a_build_writes_only_its_output_folder() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("site");
    minimal_in(&site);
    let before = snapshot(parent.path());
    let out = run(&site, &["build", "--today", TODAY]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = snapshot(parent.path());
    for k in diff(&before, &after) {
        assert!(k.starts_with("site/public"), "written outside public/: {k}");
    }
    for target in ["content", "content/events", ".", "themes/x"] {
        let before = snapshot(parent.path());
        let out = Command::new(env!("CARGO_BIN_EXE_ambassade"))
            .args(["--lang", "en", "build", "--today", TODAY, "--root"])
            .arg(&site)
            .arg("--output")
            .arg(site.join(target))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "--output {target}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to write the site there"));
        assert!(
            before == snapshot(parent.path()),
            "--output {target} changed files"
        );
    }
}

/// A theme folder that is a link out of the site is followed: its files are read and
/// published. (The theme loader is `src/render/theme.rs`.)
#[cfg(unix)]
#[test]
fn a_theme_folder_linked_outside_is_refused() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("site");
    minimal_in(&site);
    write(
        &parent.path().join("outside"),
        "static/leak.txt",
        "SECRET-THEME-LEAK",
    );
    fs::create_dir_all(site.join("themes")).unwrap();
    std::os::unix::fs::symlink(parent.path().join("outside"), site.join("themes/maison")).unwrap();
    let yaml = site.join("content/site.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, format!("{text}theme: maison\n")).unwrap();
    let out = run(&site, &["build", "--today", TODAY]);
    assert_eq!(out.status.code(), Some(1), "a linked theme was used");
    assert!(!site.join("public/leak.txt").exists());
}

// ── Personal data stays private ─────────────────────────────────────────────────────────────

#[test]
fn private_details_never_reach_any_output_file() {
    let site = minimal();
    // Unique markers in every private field; the same person is named on `alpha` (agreed)
    // and not on `beta`.
    let named = "Zoé Publique-Q7X";
    let rep = |name: &str, public: bool, tag: &str| {
        format!("  - {{ name: {}, role: ambassador, public: {public}, email: priv-{tag}-q7x@example.org, phone: \"+32 470 00 {tag} Q7X\" }}\n", q(name))
    };
    let event = |slug: &str, reps: &str, extra: &str| {
        write(
            site.path(),
            &format!("content/events/{slug}.md"),
            &format!("---\ntitle: Événement {slug}\nstart: 2027-05-04T18:00\nend: 2027-05-04T20:00\nlevel: local\nthemes: [coopération]\nrecurrence: FREQ=WEEKLY;COUNT=3\nrepresentatives:\n{reps}mission:\n  intervention: debate\n  audience: Le public\n  objectives: Présenter.\n  contact: Le groupe d'appui\n{extra}---\nCorps de {slug}.\n"),
        );
    };
    write(
        site.path(),
        "content/sheets/mission.yaml",
        "title: Fiche de mission\nsections:\n  - title: La mission\n    fields:\n      - { id: title, label: Intitulé, kind: text }\n      - { id: binome, label: Binôme, kind: text }\n      - { id: contact, label: Contact, kind: text }\n      - { id: intervention, label: Intervention, kind: choice, options: [{ id: debate, label: Débat }, { id: public_talk, label: Prise de parole }] }\n",
    );
    event(
        "alpha",
        &format!(
            "{}{}",
            rep(named, true, "11"),
            rep("Noé Caché-Q7X", false, "12")
        ),
        "",
    );
    event(
        "beta",
        &format!(
            "{}{}",
            rep(named, false, "21"),
            rep("Lou Staff-Q7X", false, "22")
        ),
        "",
    );
    event(
        "gamma",
        &rep("Brouillon Nommé-Q7X", true, "31"),
        "draft: true\n",
    );
    build(site.path());
    let files = all_files(&site.path().join("public"));
    assert!(files.contains_key("agenda/alpha/fiche-mission/index.html"));
    assert!(files.contains_key("agenda/beta/fiche-mission/index.html"));

    let never = [
        "Noé Caché-Q7X",
        "Lou Staff-Q7X",
        "Brouillon Nommé-Q7X",
        "q7x@example.org",
        "Q7X\"",
        "00 11 Q7X",
        "00 12 Q7X",
        "00 21 Q7X",
        "00 22 Q7X",
        "00 31 Q7X",
        "priv-",
    ];
    let mut named_in = Vec::new();
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for m in never {
            assert!(!text.contains(m), "{m:?} published in {path}");
        }
        // HTML may escape the name's accent differently: look for its ASCII part too.
        if text.contains(named) || text.contains("Publique-Q7X") {
            named_in.push(path.clone());
        }
    }
    // The name agreed for `alpha` appears on alpha's page and its pre-filled sheet only:
    // never on beta's, never in a feed, a sitemap or another page.
    assert!(
        named_in.contains(&"agenda/alpha/index.html".to_string()),
        "{named_in:?}"
    );
    assert!(
        named_in.contains(&"agenda/alpha/fiche-mission/index.html".to_string()),
        "{named_in:?}"
    );
    for p in &named_in {
        assert!(
            p.starts_with("agenda/alpha/") && p.ends_with(".html"),
            "the name reached {p}"
        );
    }
    // On beta's pages the same person is shown by their role.
    let beta = Html::parse_document(&String::from_utf8_lossy(&files["agenda/beta/index.html"]));
    let reps: Vec<String> = beta
        .select(&Selector::parse(".event-representatives li").unwrap())
        .map(|li| li.text().collect::<String>())
        .collect();
    assert_eq!(reps.len(), 2, "{reps:?}");
    assert!(reps.iter().all(|r| !r.contains("Q7X")), "{reps:?}");
}

// ── Odd but valid input ─────────────────────────────────────────────────────────────────────

#[test]
fn never_ending_rules_are_expanded_within_a_bounded_horizon() {
    let site = minimal();
    write(site.path(), "content/events/hebdo.md", "---\ntitle: Hebdo sans fin\nstart: 2027-01-04T10:00\nend: 2027-01-04T11:00\nrecurrence: FREQ=WEEKLY\nlevel: local\n---\nChaque lundi, pour toujours.\n");
    write(site.path(), "content/events/quotidien.md", "---\ntitle: Quotidien sans fin\nstart: 2026-12-01\nrecurrence: RRULE:FREQ=DAILY;INTERVAL=1\nlevel: regional\n---\n");
    let started = Instant::now();
    build(site.path());
    let took = started.elapsed();
    assert!(took < Duration::from_secs(120), "the build took {took:?}");
    let public = site.path().join("public");
    let read = |p: &str| fs::read_to_string(public.join(p)).unwrap();
    // The agenda lists each event once, at its next date: one page.
    let agenda = Html::parse_document(&read("agenda/index.html"));
    for slug in ["hebdo", "quotidien"] {
        let selector =
            Selector::parse(&format!(".event-card a[href=\"/agenda/{slug}/\"]")).unwrap();
        assert_eq!(agenda.select(&selector).count(), 1, "{slug} on the agenda");
    }
    assert!(!public.join("agenda/page/2/index.html").exists());
    // The month grids list every occurrence: count over all of them (`/agenda/mois/` repeats
    // the current month).
    let mut month_pages = Vec::new();
    for entry in fs::read_dir(public.join("agenda/mois")).unwrap() {
        let month = entry.unwrap().path().join("index.html");
        if month.is_file() {
            month_pages.push(fs::read_to_string(month).unwrap());
        }
    }
    assert!(month_pages.len() > 20, "{} month pages", month_pages.len());
    let occurrences = |slug: &str| -> usize {
        // The grid only: the phone's list repeats the same occurrences.
        let selector =
            Selector::parse(&format!(".month-grid a[href=\"/agenda/{slug}/\"]")).unwrap();
        month_pages
            .iter()
            .map(|p| Html::parse_document(p).select(&selector).count())
            .sum()
    };
    // Two years ahead of today (2026-11-26): about 104 Mondays, 730 days. (A rule repeating
    // within a day, which would list millions, is refused: see content::events::rule.)
    let weekly = occurrences("hebdo");
    assert!(
        (95..=105).contains(&weekly),
        "{weekly} weekly occurrences listed"
    );
    let daily = occurrences("quotidien");
    assert!(
        (700..=740).contains(&daily),
        "{daily} daily occurrences listed"
    );
    // An event page lists a dozen next dates at most.
    let page = Html::parse_document(&read("agenda/hebdo/index.html"));
    let dates = page
        .select(&Selector::parse(".event-dates li").unwrap())
        .count();
    assert!((1..=12).contains(&dates), "{dates} dates on the page");
    // Calendars get the rule itself, once: the client expands it.
    let ics = read("agenda/hebdo/hebdo.ics");
    assert!(ics.contains("\r\nRRULE:FREQ=WEEKLY\r\n"), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
}

#[test]
fn see_also_references_may_go_both_ways() {
    // A → B → A is a cross-reference, not an error; only a term pointing at itself is
    // refused (tests/broken/lexicon-self-reference).
    let site = minimal();
    write(site.path(), "content/lexicon.yaml", "terms:\n  - term: Binôme\n    definition: Deux personnes.\n    see_also: [groupe-d-appui]\n  - term: Groupe d'appui\n    definition: Le groupe.\n    see_also: [binome]\n    not_to_confuse: [binome]\n");
    build(site.path());
    let doc = Html::parse_document(
        &fs::read_to_string(site.path().join("public/lexique/index.html")).unwrap(),
    );
    let hrefs: Vec<String> = doc
        .select(&Selector::parse("main a").unwrap())
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert!(
        hrefs.contains(&"#binome".to_string()) || hrefs.contains(&"/lexique/#binome".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.iter().any(|h| h.ends_with("#groupe-d-appui")),
        "{hrefs:?}"
    );
}

#[test]
fn a_fifty_megabyte_file_is_refused_without_being_read() {
    let site = minimal();
    write(site.path(), "public/sentinel.txt", "previous build");
    for rel in ["content/events/enorme.md", "content/lexicon.yaml"] {
        let f = fs::File::create(site.path().join(rel)).unwrap();
        // Sparse: 50 MB that cost nothing to create, and that would take time to read.
        f.set_len(50 * 1024 * 1024).unwrap();
    }
    let started = Instant::now();
    let out = run(site.path(), &["build", "--today", TODAY]);
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for rel in ["content/events/enorme.md", "content/lexicon.yaml"] {
        assert!(
            stderr.contains(&format!(
                "{rel}: error: the file is too large (50 MB; at most 2 MB)"
            )),
            "{stderr}"
        );
    }
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert_eq!(
        fs::read_to_string(site.path().join("public/sentinel.txt")).unwrap(),
        "previous build"
    );
}

#[test]
fn extreme_reference_dates_never_panic() {
    let site = minimal();
    let cases: &[(&[&str], Option<&str>)] = &[
        (&["--today", "9999-12-31"], None),
        (&["--today", "1000-01-01"], None),
        (&["--today", "0001-01-01"], None),
        (&["--today", "+20000-01-01"], None),
        (&[], Some("253402300799")),
        (&[], Some("-62135596800")),
        (&[], Some("9223372036854775807")),
        (&[], Some("-9223372036854775808")),
    ];
    for (args, epoch) in cases {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ambassade"));
        cmd.args(["--lang", "en", "check"])
            .args(*args)
            .arg("--root")
            .arg(site.path());
        match epoch {
            Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
            None => cmd.env_remove("SOURCE_DATE_EPOCH"),
        };
        let out = cmd.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?} {epoch:?}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{args:?} {epoch:?}: {:?}\n{stderr}",
            out.status.code()
        );
    }
}
