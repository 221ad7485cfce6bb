//! Property tests: whatever arrives in a content file, the code that reads it and the code that
//! writes from it never panic, and what they write stays well-formed.
//!
//! Covered: the front-matter splitter, the YAML reader and its span index, the event loader end
//! to end (an arbitrary event file in a real site folder, loaded, validated and rendered), the
//! RRULE handling, the ICS writer, Markdown to HTML / plain text / summary, the glossary linker
//! and the slug functions.
//!
//! Case counts are set so that the whole file takes about a minute and a half on the CI
//! machine (2 cores, debug build); the README's "Security and privacy" section lists them.
//! `AMBASSADE_PROPTEST_SCALE=N` multiplies every count, for a longer run by hand:
//! `AMBASSADE_PROPTEST_SCALE=20 cargo test --release --test proptests`.

mod support;

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use support::{copy_dir, proptest_config as config};

use ambassade::content::source::split_front_matter;
use ambassade::content::yaml::{parse, spans};
use ambassade::content::{LoadOptions, Reference};
use ambassade::markdown;
use ambassade::model::{Content, Lexicon, Location, Slug, Term};
use ambassade::render::glossary::Glossary;
use ambassade::render::ics::{clean_text, FeedSpec};
use ambassade::render::theme::Theme;
use ambassade::render::RenderCx;
use ambassade::site::Site;
use ambassade::Options;
use chrono::NaiveDate;
use icalendar::{Calendar, Component, EventLike};
use proptest::prelude::*;
use scraper::{ElementRef, Html, Selector};

// ── Set-up ──────────────────────────────────────────────────────────────────────────────────

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const TODAY: (i32, u32, u32) = (2026, 11, 26);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(TODAY.0, TODAY.1, TODAY.2).unwrap()
}

/// A private copy of the minimal fixture for one test function.
fn site_copy() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/minimal"), d.path());
    d
}

/// The minimal fixture, loaded once, and the built-in theme: the ICS writer's inputs.
fn fixture() -> &'static (Content, std::sync::Arc<Theme>) {
    static F: OnceLock<(Content, std::sync::Arc<Theme>)> = OnceLock::new();
    F.get_or_init(|| {
        let root = repo().join("tests/fixtures/minimal");
        let opts = LoadOptions {
            drafts: false,
            base_url: None,
            today: Reference::Date(today()),
        };
        let (content, diags) = ambassade::content::load(&root, &opts);
        let content = content.unwrap_or_else(|| panic!("{:?}", diags.sorted()));
        let theme = ambassade::render::theme::load(&root, None, "fr")
            .unwrap_or_else(|d| panic!("{:?}", d.sorted()));
        (content, std::sync::Arc::new(theme))
    })
}

// ── Generators ──────────────────────────────────────────────────────────────────────────────

/// Text an editor might paste: letters, accents, emoji, quotes, YAML and Markdown punctuation,
/// line ends of every kind, control characters, and now and then any character at all.
fn messy_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 éèàçœÉ’«»…–—]{1,12}",
        2 => prop::sample::select(vec![
            "\r\n", "\n", "\r", "\t", "\u{0}", "\u{7}", "\u{1b}", "\u{85}", "\u{2028}", "\u{feff}",
            "\u{202e}", "\u{200b}", ";", ",", "\\", "\\n", ":", ": ", " #", "'", "\"", "&", "&amp;",
            "&#106;", "<", ">", "</script>", "<script>alert(1)</script>", "javascript:alert(1)",
            "---", "- ", "* ", "# ", "[", "]", "{", "}", "|", "`", "```", "~~", "**", "_", "!",
            "🎭", "👩🏽‍💻", "e\u{301}", "ＣＯＮ", "а", "ATTENDEE:mailto:x@example.org",
            "BEGIN:VEVENT", "END:VCALENDAR",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

/// Lines that look like front matter and YAML, joined with a random line end.
fn front_matter_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        3 => prop::sample::select(vec![
            "---", "--- ", "---\t", " ---", "----", "title: Salon", "start: 2027-03-14",
            "level: local", "", "  - a", "...", "\u{feff}---", "---\r",
        ])
        .prop_map(str::to_string),
        1 => messy_text(6),
    ];
    (
        prop::collection::vec(line, 0..12),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        any::<bool>(),
    )
        .prop_map(|(lines, end, trailing)| {
            let mut s = lines.join(end);
            if trailing {
                s.push_str(end);
            }
            s
        })
}

/// A YAML-ish document: nested maps and lists, flow collections, quotes, anchors, aliases,
/// tags, tabs and comments.
fn yaml_like() -> impl Strategy<Value = String> {
    let scalar = prop_oneof![
        "[a-z]{1,8}",
        "-?[0-9]{1,5}(\\.[0-9]{1,3})?",
        Just("\"quoted: text\"".to_string()),
        Just("'single ''quote'''".to_string()),
        Just("\"unclosed".to_string()),
        Just("[a, b, {c: d}]".to_string()),
        Just("{ name: X, city: Y }".to_string()),
        Just("[unclosed, list".to_string()),
        Just("&anchor value".to_string()),
        Just("*anchor".to_string()),
        Just("!!str 12".to_string()),
        Just("|\n  block\n  text".to_string()),
        Just("~".to_string()),
        Just("2027-02-30".to_string()),
        messy_text(4),
    ];
    let key = prop_oneof![
        prop::sample::select(vec![
            "title",
            "start",
            "end",
            "level",
            "location",
            "city",
            "name",
            "themes",
            "? complex",
            "representatives",
            "titel",
            "- item",
            "<<",
            "",
        ])
        .prop_map(str::to_string),
        "[a-zé_]{1,10}",
    ];
    let line = (
        0usize..4,
        prop::sample::select(vec!["  ", "\t", " "]),
        key,
        scalar,
        any::<bool>(),
    )
        .prop_map(|(depth, unit, k, v, list)| {
            let indent = unit.repeat(depth);
            if list {
                format!("{indent}- {k}: {v}")
            } else {
                format!("{indent}{k}: {v}")
            }
        });
    prop::collection::vec(
        prop_oneof![8 => line, 1 => Just("# comment".to_string())],
        0..14,
    )
    .prop_map(|v| v.join("\n"))
}

/// Date-like strings: mostly well-formed, some impossible, some nonsense.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (2020i32..2032, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        1 => "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        1 => "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}",
        1 => messy_text(3),
    ]
}

/// A start or end as an editor writes it, well-formed and real.
fn good_moment() -> impl Strategy<Value = String> {
    (
        2026i32..2029,
        1u32..13,
        1u32..29,
        prop::option::of((0u32..24, 0u32..60)),
    )
        .prop_map(|(y, mo, d, t)| match t {
            Some((h, mi)) => format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}"),
            None => format!("{y}-{mo:02}-{d:02}"),
        })
}

fn moment_like() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => date_like(),
        3 => (date_like(), 0u32..26, 0u32..61).prop_map(|(d, h, m)| format!("{d}T{h:02}:{m:02}")),
        1 => (date_like(), "[0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?").prop_map(|(d, t)| format!("{d} {t}")),
        1 => messy_text(3),
    ]
}

/// RRULE text from a loose grammar of RFC 5545 parts, with junk mixed in.
fn rrule_like() -> impl Strategy<Value = String> {
    let day = prop::sample::select(vec!["MO", "TU", "WE", "TH", "FR", "SA", "SU", "XX"]);
    let byday = prop::collection::vec((-60i32..60, any::<bool>(), day), 1..4).prop_map(|v| {
        let parts: Vec<String> = v
            .into_iter()
            .map(|(n, with_n, d)| {
                if with_n {
                    format!("{n}{d}")
                } else {
                    d.to_string()
                }
            })
            .collect();
        format!("BYDAY={}", parts.join(","))
    });
    let nums = |name: &'static str, lo: i64, hi: i64| {
        prop::collection::vec(lo..hi, 1..4).prop_map(move |v| {
            let s: Vec<String> = v.iter().map(|n| n.to_string()).collect();
            format!("{name}={}", s.join(","))
        })
    };
    let part = prop_oneof![
        3 => prop::sample::select(vec!["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "FORTNIGHTLY", ""])
            .prop_map(|f| format!("FREQ={f}")),
        2 => prop_oneof![0i64..5, 0i64..1000, Just(i64::from(u32::MAX)), Just(-1)].prop_map(|n| format!("INTERVAL={n}")),
        2 => prop_oneof![0i64..30, Just(100_000), Just(-3)].prop_map(|n| format!("COUNT={n}")),
        2 => (date_like(), prop::sample::select(vec!["", "T000000", "T235959Z", "T120000"]))
            .prop_map(|(d, t)| format!("UNTIL={}{t}", d.replace('-', ""))),
        2 => byday,
        1 => nums("BYMONTHDAY", -40, 40),
        1 => nums("BYMONTH", -2, 15),
        1 => nums("BYYEARDAY", -400, 400),
        1 => nums("BYWEEKNO", -60, 60),
        1 => nums("BYSETPOS", -400, 400),
        1 => nums("BYHOUR", -1, 26),
        1 => nums("BYMINUTE", -1, 62),
        1 => nums("BYSECOND", -1, 62),
        1 => prop::sample::select(vec!["WKST=MO", "WKST=SU", "WKST=ZZ", "RRULE:", "DTSTART:20270101", "X-NAME=1", ";", "=", "\r\nATTENDEE:x"])
            .prop_map(str::to_string),
        1 => messy_text(2),
    ];
    prop::collection::vec(part, 0..6).prop_map(|v| v.join(";"))
}

/// YAML for one value: a string quoted by serde_yaml (so that anything fits), or raw text.
fn yaml_string(s: &str) -> String {
    serde_yaml::to_string(s)
        .unwrap()
        .trim_end_matches('\n')
        .replace('\n', "\n  ")
}

/// An event file: each known field present or not (the required ones usually), with
/// plausible, hostile or nonsensical values, then now and then a stray line or a mangled
/// character.
fn event_file() -> impl Strategy<Value = String> {
    use prop::option::weighted as maybe;
    let required = (
        maybe(0.9, messy_text(8).prop_map(|t| format!("title: {}", yaml_string(&t)))),
        maybe(0.9, prop_oneof![6 => good_moment(), 1 => moment_like()].prop_map(|t| format!("start: {t}"))),
        maybe(0.9, prop_oneof![
            9 => prop::sample::select(vec!["local", "regional", "sectoral", "national", "european", "international"]),
            1 => prop::sample::select(vec!["galactic", "[local]", "Local"]),
        ].prop_map(|l| format!("level: {l}"))),
    );
    let common = (
        maybe(
            0.3,
            prop_oneof![3 => good_moment(), 1 => moment_like()].prop_map(|t| format!("end: {t}")),
        ),
        maybe(
            0.2,
            prop::sample::select(vec![
                "Europe/Brussels",
                "America/Montreal",
                "Asia/Kolkata",
                "Pacific/Chatham",
                "Europe/Nowhere",
                "UTC",
                "+02:00",
                "America/Sao_Paulo",
            ])
            .prop_map(|z| format!("timezone: {z}")),
        ),
        maybe(
            0.3,
            rrule_like().prop_map(|r| format!("recurrence: {}", yaml_string(&r))),
        ),
        maybe(
            0.15,
            prop::collection::vec(date_like(), 0..4)
                .prop_map(|v| format!("exceptions: [{}]", v.join(", "))),
        ),
        maybe(
            0.2,
            prop::sample::select(vec![
                "confirmed",
                "tentative",
                "cancelled",
                "cancelled",
                "maybe",
            ])
            .prop_map(|s| format!("status: {s}")),
        ),
        maybe(
            0.4,
            (
                messy_text(4),
                messy_text(4),
                prop::sample::select(vec!["BE", "be", "BEL", "FR"]),
                prop::option::of((-200.0f64..200.0, -200.0f64..200.0)),
            )
                .prop_map(|(n, c, country, geo)| {
                    let geo = geo
                        .map(|(lat, lon)| format!("\n  latitude: {lat}\n  longitude: {lon}"))
                        .unwrap_or_default();
                    format!(
                        "location:\n  name: {}\n  city: {}\n  country: {country}{geo}",
                        yaml_string(&n),
                        yaml_string(&c)
                    )
                }),
        ),
        maybe(
            0.2,
            prop::sample::select(vec![
                "https://visio.example.org/a?b=c&d=e",
                "javascript:alert(1)",
                "data:text/html,x",
                "visio.example.org",
                "http://",
                "ftp://x.org",
            ])
            .prop_map(|u| format!("online: {}", yaml_string(u))),
        ),
        maybe(
            0.3,
            prop::collection::vec(messy_text(3), 0..4).prop_map(|v| {
                format!(
                    "themes: [{}]",
                    v.iter()
                        .map(|t| yaml_string(t))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }),
        ),
        maybe(
            0.3,
            messy_text(3).prop_map(|r| format!("region: {}", yaml_string(&r))),
        ),
    );
    let rare = (
        maybe(0.3, (messy_text(3), any::<bool>(), messy_text(3)).prop_map(|(n, p, e)| format!(
            "representatives:\n  - name: {}\n    role: ambassador\n    public: {p}\n    email: {}\n    phone: {}",
            yaml_string(&n), yaml_string(&e), yaml_string(&e)))),
        maybe(0.3, (messy_text(4), messy_text(4)).prop_map(|(a, o)| format!(
            "mission:\n  intervention: stand\n  audience: {}\n  objectives: {}\n  criteria: [time, expertise]",
            yaml_string(&a), yaml_string(&o)))),
        maybe(0.1, messy_text(3).prop_map(|u| format!("uid: {}", yaml_string(&u)))),
        maybe(0.1, moment_like().prop_map(|u| format!("updated: {u}"))),
        maybe(0.1, prop_oneof![4 => "[0-9]{1,3}", 1 => Just("-1".to_string()), 1 => Just("99999999999".to_string())]
            .prop_map(|n| format!("sequence: {n}"))),
        maybe(0.1, any::<bool>().prop_map(|b| format!("draft: {b}"))),
        maybe(0.1, yaml_like()),
    );
    let mangle = prop_oneof![
        6 => Just(None),
        1 => (any::<prop::sample::Index>(), messy_text(3)).prop_map(Some),
    ];
    (
        required,
        common,
        rare,
        messy_text(20),
        prop::sample::select(vec!["\n", "\r\n"]),
        mangle,
    )
        .prop_map(
            |((a, b, c), (d, e, f, g, h, i, j, k, l), (m, n, o, p, q, r, t), body, end, mangle)| {
                let fields: Vec<String> = [a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, t]
                    .into_iter()
                    .flatten()
                    .collect();
                let mut text =
                    format!("---\n{}\n---\n{body}\n", fields.join("\n")).replace('\n', end);
                if let Some((at, insert)) = mangle {
                    let mut i = at.index(text.len() + 1);
                    while !text.is_char_boundary(i) {
                        i -= 1;
                    }
                    text.insert_str(i, &insert);
                }
                text
            },
        )
}

/// An event file that is valid but for its texts, which are anything an editor may paste:
/// these reach every renderer (pages, feeds, sheets, JSON-LD).
fn valid_event_file() -> impl Strategy<Value = String> {
    let text = || messy_text(10).prop_map(|t| format!("x{t}"));
    (
        text(),
        good_moment(),
        prop::sample::select(vec!["local", "regional", "sectoral", "national", "european", "international"]),
        prop::option::of(prop::sample::select(vec!["FREQ=DAILY;COUNT=3", "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;COUNT=40", "FREQ=HOURLY;COUNT=30", "FREQ=YEARLY"])),
        prop::option::of((text(), text(), text())),
        prop::collection::vec(text(), 0..3),
        prop::option::of(text()),
        prop::collection::vec((text(), any::<bool>(), prop::sample::select(vec!["ambassador", "staff", "board"])), 0..3),
        prop::option::of((text(), text(), text())),
        (prop::sample::select(vec!["confirmed", "tentative", "cancelled"]), messy_text(30)),
    )
        .prop_map(|(title, start, level, rule, location, themes, region, reps, mission, (status, body))| {
            let mut lines = vec![
                format!("title: {}", yaml_string(&title)),
                format!("start: {start}"),
                format!("level: {level}"),
                format!("status: {status}"),
            ];
            if let Some(r) = rule {
                lines.push(format!("recurrence: {r}"));
            }
            if let Some((name, address, city)) = location {
                lines.push(format!(
                    "location: {{ name: {}, address: {}, city: {}, country: BE, latitude: 50.8, longitude: 4.3 }}",
                    serde_json::to_string(&name).unwrap(),
                    serde_json::to_string(&address).unwrap(),
                    serde_json::to_string(&city).unwrap()
                ));
            }
            let themes: Vec<String> = themes.iter().map(|t| serde_json::to_string(t).unwrap()).collect();
            lines.push(format!("themes: [{}]", themes.join(", ")));
            if let Some(r) = region {
                lines.push(format!("region: {}", serde_json::to_string(&r).unwrap()));
            }
            if !reps.is_empty() {
                lines.push("representatives:".into());
                for (name, public, role) in reps {
                    lines.push(format!(
                        "  - {{ name: {}, role: {role}, public: {public}, email: x@example.org }}",
                        serde_json::to_string(&name).unwrap()
                    ));
                }
            }
            if let Some((audience, objectives, contact)) = mission {
                lines.push(format!(
                    "mission: {{ intervention: debate, audience: {}, objectives: {}, contact: {}, criteria: [time] }}",
                    serde_json::to_string(&audience).unwrap(),
                    serde_json::to_string(&objectives).unwrap(),
                    serde_json::to_string(&contact).unwrap()
                ));
            }
            format!("---\n{}\n---\n{body}\n", lines.join("\n"))
        })
}

/// A plausible, valid event around a recurrence rule under test.
fn recurring_event(rule: &str, timed: bool, exceptions: &[String]) -> String {
    let start = if timed {
        "start: 2027-01-05T18:30\nend: 2027-01-05T20:00"
    } else {
        "start: 2027-01-05"
    };
    format!(
        "---\ntitle: Règle\n{start}\nlevel: local\nrecurrence: {}\nexceptions: [{}]\n---\nCorps.\n",
        yaml_string(rule),
        exceptions.join(", ")
    )
}

fn load_opts(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: true,
        today: Reference::Date(today()),
    }
}

// ── Front matter and YAML ───────────────────────────────────────────────────────────────────

proptest! {
    #![proptest_config(config(4000))]

    #[test]
    fn front_matter_splitter_never_panics_and_cuts_cleanly(
        text in prop_oneof![front_matter_like(), any::<String>()]
    ) {
        if let Ok(fm) = split_front_matter(&text, Path::new("x.md")) {
            // The pieces are the file's own text, in order, around the two `---` lines.
            prop_assert!(text.ends_with(fm.body));
            let first = text.split_inclusive('\n').next().unwrap();
            prop_assert_eq!(first.trim_end(), "---");
            prop_assert!(text[first.len()..].starts_with(fm.yaml));
            prop_assert!(fm.yaml.split_inclusive('\n').all(|l| l.trim_end() != "---"));
        }
    }

}

proptest! {
    #![proptest_config(config(2500))]

    #[test]
    fn yaml_reader_and_span_index_never_panic(
        text in prop_oneof![3 => yaml_like(), 1 => any::<String>()],
        offset in 0usize..3,
    ) {
        let lines = text.split('\n').count() + offset + 1;
        let s = spans(&text, offset);
        for path in ["", "title", "location.city", "representatives[0].name", "a.b[3].c", "[", "."] {
            if let Some(p) = s.value(path) {
                prop_assert!(p.line >= 1 && p.line <= lines, "{path}: line {}", p.line);
            }
            let _ = s.key(path);
        }
        for d in s.duplicates() {
            prop_assert!(d.first.line <= d.second.line);
        }
        match parse::<serde_yaml::Value>(Path::new("f.yaml"), &text, offset) {
            Ok(p) => { let _ = p.spans.value("title"); }
            Err(d) => {
                prop_assert!(!d.message.is_empty());
                if let Some(l) = d.line { prop_assert!(l <= lines, "line {l} of {lines}"); }
            }
        }
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Strict { title: String, start: Option<String>, level: Option<u8>, themes: Option<Vec<String>> }
        if let Err(d) = parse::<Strict>(Path::new("f.yaml"), &text, offset) {
            prop_assert!(!d.message.is_empty());
            if let Some(l) = d.line { prop_assert!(l <= lines, "line {l} of {lines}"); }
        }
    }
}

// ── The event loader, end to end ────────────────────────────────────────────────────────────

proptest! {
    #![proptest_config(config(300))]

    /// An arbitrary event file in a real site: loaded, validated and, when it is valid,
    /// rendered in memory. Every error about the file says where it is.
    #[test]
    fn any_event_file_is_loaded_without_panic(file in prop_oneof![event_file(), valid_event_file()]) {
        static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
        let site = SITE.get_or_init(site_copy);
        let path = site.path().join("content/events/fuzz.md");
        fs::write(&path, &file).unwrap();
        let started = Instant::now();
        let diags = ambassade::check(&load_opts(site.path()));
        prop_assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
        for d in diags.errors() {
            prop_assert!(!d.message.is_empty());
            if d.file.ends_with("fuzz.md") {
                prop_assert!(d.line.is_some(), "no line: {d}");
            } else {
                prop_assert!(false, "an error about another file: {d}");
            }
        }
    }

}

proptest! {
    #![proptest_config(config(600))]

    /// Recurrence rules: accepted or refused with a located message, expanded within a
    /// bounded horizon, in bounded time.
    #[test]
    fn any_recurrence_rule_is_handled(
        rule in rrule_like(),
        timed in any::<bool>(),
        exceptions in prop::collection::vec(date_like(), 0..3),
    ) {
        static SITE: OnceLock<tempfile::TempDir> = OnceLock::new();
        let site = SITE.get_or_init(site_copy);
        fs::write(site.path().join("content/events/regle.md"), recurring_event(&rule, timed, &exceptions)).unwrap();
        let opts = LoadOptions { drafts: false, base_url: None, today: Reference::Date(today()) };
        let started = Instant::now();
        let (content, diags) = ambassade::content::load(site.path(), &opts);
        prop_assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
        match content {
            Some(c) => {
                let ev = c.events.iter().find(|e| e.slug.as_str() == "regle").unwrap();
                let r = ev.recurrence.as_ref().unwrap();
                prop_assert!(r.occurrences.len() <= 1000, "{} occurrences", r.occurrences.len());
                let horizon = today().max(ev.when.start_date())
                    + chrono::Duration::days(ambassade::content::RECURRENCE_HORIZON_DAYS);
                let limit = r.exceptions.iter().copied().max().unwrap_or(horizon).max(horizon);
                prop_assert!(r.occurrences.iter().all(|d| *d <= limit));
                prop_assert!(!r.rule.chars().any(char::is_control));
                prop_assert!(r.occurrences.windows(2).all(|w| w[0] <= w[1]));
            }
            None => {
                prop_assert!(diags.has_errors());
                for d in diags.errors() {
                    prop_assert!(d.file.ends_with("regle.md"), "{d}");
                    prop_assert!(d.line.is_some(), "no line: {d}");
                }
            }
        }
    }
}

// ── The ICS writer ──────────────────────────────────────────────────────────────────────────

/// Properties an event may carry, and no other: an injected line never becomes a property.
const VEVENT_PROPERTIES: &[&str] = &[
    "UID",
    "DTSTAMP",
    "LAST-MODIFIED",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "RRULE",
    "EXDATE",
    "STATUS",
    "SUMMARY",
    "DESCRIPTION",
    "URL",
    "LOCATION",
    "GEO",
    "CATEGORIES",
];

fn check_ics_lines(text: &str) -> Result<(), TestCaseError> {
    prop_assert!(text.ends_with("END:VCALENDAR\r\n"));
    let body = text.strip_suffix("\r\n").unwrap();
    for (n, line) in body.split("\r\n").enumerate() {
        prop_assert!(
            line.len() <= 75,
            "line {}: {} octets: {line:?}",
            n + 1,
            line.len()
        );
        prop_assert!(
            !line.contains(['\r', '\n']),
            "line {}: bare line end",
            n + 1
        );
        prop_assert!(
            !line.chars().any(|c| c.is_control()),
            "line {}: control character",
            n + 1
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn ics_writer_keeps_every_value_in_its_property(
        title in messy_text(30),
        body in messy_text(40),
        name in messy_text(10),
        address in messy_text(10),
        city in messy_text(6),
        themes in prop::collection::vec(messy_text(5), 0..4),
        uid in "[!-~]{1,80}",
    ) {
        let (content, theme) = fixture();
        let mut content = content.clone();
        let ev = content.events.iter_mut().find(|e| e.slug.as_str() == "reunion").unwrap();
        let ev = std::sync::Arc::make_mut(ev);
        ev.title = title.clone();
        ev.description_text = ambassade::markdown::to_plain_text(&body, None);
        ev.summary = ambassade::markdown::summary(&body);
        ev.location = Some(Location {
            name: Some(name.clone()),
            address: Some(address.clone()),
            postal_code: None,
            city: Some(city.clone()),
            country: Some("BE".into()),
            latitude: None,
            longitude: None,
        });
        ev.themes = themes.clone();
        ev.uid = uid.clone();
        let slug = ev.slug.clone();
        let site = Site::new(content, today());
        let index = site.content.events.iter().position(|e| e.slug == slug).unwrap();
        let prepared = ambassade::Prepared::new(site, std::sync::Arc::clone(theme), Default::default())
            .unwrap_or_else(|d| panic!("{:?}", d.sorted()));
        let cx: RenderCx = prepared.render_cx();
        let spec = FeedSpec { name: title.clone(), description: body.clone(), events: vec![index] };
        let text = cx.calendar(&spec, "/agenda/");
        check_ics_lines(&text)?;

        let cal: Calendar = text.parse().map_err(|e| TestCaseError::fail(format!("does not parse: {e}\n{text}")))?;
        // Calendar-level names come from the title (per-event files) and are escaped once.
        let cal_name = clean_text(&title, false);
        prop_assert_eq!(cal.property_value("X-WR-CALNAME"), Some(cal_name.as_str()));
        let cal_desc = clean_text(&body, true);
        prop_assert_eq!(cal.property_value("X-WR-CALDESC"), Some(cal_desc.as_str()));
        let events: Vec<&icalendar::Event> = cal.events().collect();
        prop_assert_eq!(events.len(), 1, "{}", text);
        let e = events[0];
        for p in e.properties().keys().chain(e.multi_properties().keys()) {
            prop_assert!(VEVENT_PROPERTIES.contains(&p.as_str()), "unexpected property {p}:\n{text}");
        }
        prop_assert_eq!(e.get_uid(), Some(uid.as_str()));
        let summary = clean_text(&title, false);
        prop_assert_eq!(e.get_summary(), Some(summary.as_str()));
        let location = [name.as_str(), address.as_str(), city.as_str(), "BE"].join(", ");
        let location = clean_text(&location, false);
        prop_assert_eq!(e.property_value("LOCATION"), Some(location.as_str()));
        let description = e.property_value("DESCRIPTION").unwrap_or_default();
        prop_assert!(description.ends_with("https://test.example.org/agenda/reunion/"), "{description:?}");
        prop_assert!(!description.chars().any(|c| c.is_control() && c != '\n'));
        let mut expected_categories = vec!["National".to_string()];
        expected_categories.extend(themes.iter().map(|t| clean_text(t, false)));
        prop_assert_eq!(e.get_categories().unwrap_or_default(), expected_categories);
    }
}

// ── Markdown ────────────────────────────────────────────────────────────────────────────────

fn markdown_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => messy_text(4),
        2 => prop::sample::select(vec![
            "# Titre {#id .classe onclick=alert(1)}\n", "\n\n", "- item\n", "1. un\n", "> cite\n",
            "| a | b |\n|---|:-:|\n| 1 | 2 |\n", "[lien](https://x.org \"t\")", "[js](javascript:alert(1))",
            "[js2](  JaVaScRiPt:alert(1))", "[d](data:text/html,<script>alert(1)</script>)",
            "![img](x.png)", "<https://x.org>", "<javascript:alert(1)>", "[^1]\n\n[^1]: note\n",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)><script>alert(2)</script></svg>",
            "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=\"java\tscript:alert(1)\">x</a>",
            "<iframe src=\"javascript:alert(1)\"></iframe>", "<object data=\"x.swf\"></object>",
            "<form action=\"javascript:alert(1)\"><button formaction=javascript:alert(1)>b</button></form>",
            "<p style=\"width: expression(alert(1))\">s</p>", "<td style=\"background:url(javascript:alert(1))\">",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<!--", "-->",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "```\ncode <b>\n```\n",
            "`code`", "***", "~~barré~~", "[ref]\n\n[ref]: javascript:alert(1)\n", "&lt;", "&#0;", "&#x110000;",
        ])
        .prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
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
];

/// The scheme of a URL as a browser reads it: ASCII whitespace and control characters
/// removed, lower case.
fn scheme_of(url: &str) -> String {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.split(':').next().unwrap_or("").to_string()
}

/// Problems that would let script run in a parsed HTML document or fragment.
fn script_problems(doc: &Html, allowed_scripts: &dyn Fn(ElementRef) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for el in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let name = el.value().name();
        if name == "script" && !allowed_scripts(el) {
            out.push(format!("script element: {}", el.html()));
        }
        if [
            "iframe", "object", "embed", "frame", "frameset", "applet", "base", "portal",
        ]
        .contains(&name)
        {
            out.push(format!("{name} element"));
        }
        if name == "meta" && el.value().attr("http-equiv").is_some() {
            out.push("meta http-equiv".into());
        }
        for (attr, value) in el.value().attrs() {
            let attr_l = attr.to_ascii_lowercase();
            if attr_l.starts_with("on") {
                out.push(format!("event handler {attr}={value:?} on <{name}>"));
            }
            if URL_ATTRIBUTES.contains(&attr_l.as_str()) || attr_l.ends_with(":href") {
                let scheme = scheme_of(value);
                if ["javascript", "data", "vbscript", "livescript"].contains(&scheme.as_str()) {
                    out.push(format!("{attr}={value:?} on <{name}>"));
                }
            }
            if attr_l == "style" {
                let v = value.to_ascii_lowercase().replace(char::is_whitespace, "");
                if v.contains("expression(") || v.contains("url(") || v.contains("javascript:") {
                    out.push(format!("style={value:?} on <{name}>"));
                }
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(config(2500))]

    #[test]
    fn markdown_never_panics_and_never_lets_script_through(
        md in prop_oneof![3 => markdown_like(), 1 => any::<String>()]
    ) {
        let html = markdown::to_html(&md, false);
        let _ = markdown::to_html(&md, true);
        let _ = markdown::to_inline_html(&md, false);
        let doc = Html::parse_fragment(&html);
        let problems = script_problems(&doc, &|_| false);
        prop_assert!(problems.is_empty(), "{problems:?}\n{html}");
        let page = url::Url::parse("https://x.example/agenda/e/").unwrap();
        let plain = markdown::to_plain_text(&md, Some(&page));
        prop_assert!(!plain.starts_with('\n') && !plain.ends_with('\n'));
        let summary = markdown::summary(&md);
        prop_assert!(summary.chars().count() <= 160, "{} chars", summary.chars().count());
        prop_assert!(!summary.contains('\n'));
    }
}

// ── The glossary linker ─────────────────────────────────────────────────────────────────────

const TERMS: &[&str] = &[
    "binôme",
    "groupe d'appui",
    "kit",
    "sociétaire",
    "sociétaire ambassadeur",
];
const SKIP: &[&str] = &[
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "script", "style",
    "dfn", "button", "label", "legend", "title", "textarea", "select", "option", "svg", "time",
    "abbr",
];

fn glossary() -> &'static Glossary {
    static G: OnceLock<Glossary> = OnceLock::new();
    G.get_or_init(|| {
        Glossary::new(&Lexicon {
            introduction_html: None,
            terms: TERMS
                .iter()
                .map(|t| Term {
                    id: Slug::from_text(t).unwrap(),
                    term: t.to_string(),
                    definition_html: String::new(),
                    see_also: vec![],
                    not_to_confuse: vec![],
                })
                .collect(),
        })
    })
}

/// Well-formed HTML as templates and the sanitiser write it (text escaped, attributes
/// quoted), with the terms in text, in attributes and in elements that must stay untouched.
fn html_like() -> BoxedStrategy<String> {
    let text = prop_oneof![
        3 => prop::sample::select(vec![
            "binôme", "Binômes", "groupe d’appui", "groupe d&#x27;appui", "kit", "kits", "kitx",
            "sociétaire ambassadeur", "sociétaires", " ", "&amp;", "&lt;script&gt;", "&quot;",
            "&nbsp;", "&#233;", "&#xE9;", "&eacute;", "précoopérative", "l'", "\n",
        ]).prop_map(str::to_string),
        1 => "[a-zé ]{1,8}",
    ];
    let leaf = prop::collection::vec(text, 0..5).prop_map(|v| v.concat());
    leaf.prop_recursive(4, 40, 5, |inner| {
        (
            prop::sample::select(vec![
                "p", "span", "em", "a", "h2", "code", "pre", "script", "style", "svg", "li", "div",
                "button", "time", "abbr", "strong", "title",
            ]),
            prop::sample::select(vec![
                "",
                " class=\"x\"",
                " title=\"binôme > kit\"",
                " data-x='a<b'",
                " href=\"/x\"",
            ]),
            prop::collection::vec(inner, 0..4),
        )
            .prop_map(|(tag, attrs, children)| {
                format!("<{tag}{attrs}>{}</{tag}>", children.concat())
            })
    })
    .boxed()
}

fn text_of(doc: &Html) -> String {
    doc.root_element().text().collect()
}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn glossary_linker_never_panics(html in any::<String>(), wrap in any::<bool>()) {
        let page = if wrap { format!("<main>{html}</main>") } else { html };
        let _ = glossary().link_page(&page);
    }

}

proptest! {
    #![proptest_config(config(1500))]

    #[test]
    fn glossary_links_stay_balanced_and_out_of_skipped_elements(
        body in prop::collection::vec(html_like(), 0..5)
    ) {
        let page = format!("<html><head><title>kit</title></head><body><main>{}</main><footer>kit</footer></body></html>", body.concat());
        let out = glossary().link_page(&page);
        let opens = |s: &str| (s.matches("<a ").count() + s.matches("<a>").count()) as i64;
        let closes = |s: &str| s.matches("</a>").count() as i64;
        let added = opens(&out) - opens(&page);
        prop_assert_eq!(closes(&out) - closes(&page), added, "{}", out);
        prop_assert!((0..=TERMS.len() as i64).contains(&added));
        let doc = Html::parse_document(&out);
        let before = Html::parse_document(&page);
        // Links add no text and remove none.
        prop_assert_eq!(text_of(&doc), text_of(&before));
        let links = Selector::parse("a.term").unwrap();
        let mut ids = HashSet::new();
        for a in doc.select(&links) {
            let href = a.value().attr("href").unwrap_or("");
            prop_assert!(href.starts_with("/lexique/#"), "{href}");
            prop_assert!(ids.insert(href.to_string()), "{href} linked twice");
            for anc in a.ancestors().filter_map(ElementRef::wrap) {
                let n = anc.value().name();
                prop_assert!(!SKIP.contains(&n), "a term link inside <{n}>:\n{out}");
                prop_assert!(n != "footer" && n != "head", "a term link outside <main>");
            }
        }
    }

}

proptest! {
    #![proptest_config(config(3000))]

    #[test]
    fn slugs_are_always_safe(text in any::<String>(), messy in messy_text(10)) {
        for t in [text.as_str(), messy.as_str()] {
            if let Some(s) = Slug::from_text(t) {
                let v = s.as_str();
                prop_assert!(!v.is_empty() && v.len() <= 120);
                prop_assert!(v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
                prop_assert!(!v.starts_with('-') && !v.ends_with('-') && !v.contains("--"));
                prop_assert_eq!(Slug::parse(v), Some(s.clone()));
                prop_assert_eq!(Slug::from_text(v), Some(s.clone()));
            }
            if let Some(s) = Slug::parse(t) {
                prop_assert_eq!(s.as_str(), t);
                prop_assert!(!t.contains(['/', '\\', '.']));
            }
        }
    }
}
