//! `ambassade match` and `ambassade sheets` on `tests/fixtures/match`: its own content (two open
//! calls, three calls that are not open, events naming ambassadors by id) and private folder
//! (five fictional profiles), on a fixed day, 2027-02-01.
//!
//! The expected ranking, computed by hand from the score of `src/matching/mod.rs` (+3 a shared
//! theme, +2 a shared sector, +2 the region, +1 per mission still possible in the year up to
//! +3 with 3 missions a year per step of `time`, +1 never sent):
//!
//! `debat-culture` (2027-03-10, 2 seats, a staff member named: 2 left; themes culture, travail,
//! économie sociale; sector musique; français; Wallonie):
//! 1. ana 13: culture +3, travail +3, musique +2 (her sector "Musique"), Wallonie +2, time
//!    "2 à 5 h" = step 2 = 6 a year, none in 2027 (her only mission is in 2026) +3; not
//!    "never sent" (the 2026-12-05 workshop is past).
//! 2. bea 8: "Culture" +3, "wallonie" +2, "moins de 2 h" = 3 a year, 1 taken in 2027
//!    (appel-complet, 2027-05-20) so 2 left +2, never sent (her only event is to come) +1.
//! 3. eli 4: "Economie sociale" matches "économie sociale" without case or accents +3, no
//!    time given +0, never sent +1.
//!
//! Unavailable: carl (does not speak français; busy 2027-03-10 with « Même jour »), dora
//! (3 occurrences of « Réunions de janvier » in 2027 for 3 possible).
//!
//! `forum-numerique` (2027-04-15, 1 seat; numérique; néerlandais; Flandre):
//! 1. carl 9: numérique +3, Flandre +2, "5 à 10 h" = 9 a year, 1 taken, 8 left capped +3,
//!    never sent +1.
//! 2. bea 3: 2 left +2, never sent +1.
//! 3. eli 1: no time +0, never sent +1.
//!
//! Unavailable: ana (does not speak néerlandais), dora (néerlandais; no room left).
//!
//! Not listed: appel-ferme (closed), appel-echu (deadline 2027-01-15), appel-complet (its one
//! seat taken by bea).

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{bin, copy_dir, repo, stderr, stdout};

const TODAY: &str = "2027-02-01";

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/match")
}

/// `ambassade [--lang en] match --root <fixture> --private <fixture>/private --today TODAY …`.
fn run_match(root: &Path, extra: &[&str]) -> std::process::Output {
    bin()
        .arg("match")
        .arg("--root")
        .arg(root)
        .arg("--private")
        .arg(root.join("private"))
        .args(["--today", TODAY])
        .args(extra)
        .output()
        .unwrap()
}

fn ok(out: &std::process::Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    stdout(out)
}

/// The hand-computed ranking: (mission, [(id, score, reasons)], [(id, why)]).
type Expected = (
    &'static str,
    Vec<(&'static str, i64, Vec<&'static str>)>,
    Vec<(&'static str, Vec<&'static str>)>,
);

fn expected() -> Vec<Expected> {
    vec![
        (
            "debat-culture",
            vec![
                (
                    "ana",
                    13,
                    vec![
                        "+3 shared theme: culture",
                        "+3 shared theme: travail",
                        "+2 shared sector: musique",
                        "+2 works in Wallonie",
                        "+3 6 more missions possible in 2027 (0 of 6 taken)",
                    ],
                ),
                (
                    "bea",
                    8,
                    vec![
                        "+3 shared theme: culture",
                        "+2 works in Wallonie",
                        "+2 2 more missions possible in 2027 (1 of 3 taken)",
                        "+1 never sent on a mission yet",
                    ],
                ),
                (
                    "eli",
                    4,
                    vec![
                        "+3 shared theme: économie sociale",
                        "+0 time available not given",
                        "+1 never sent on a mission yet",
                    ],
                ),
            ],
            vec![
                (
                    "carl",
                    vec![
                        "does not speak français",
                        "already on a mission on 2027-03-10: “Même jour”",
                    ],
                ),
                ("dora", vec!["already 3 missions in 2027 for 3 possible"]),
            ],
        ),
        (
            "forum-numerique",
            vec![
                (
                    "carl",
                    9,
                    vec![
                        "+3 shared theme: numérique",
                        "+2 works in Flandre",
                        "+3 8 more missions possible in 2027 (1 of 9 taken)",
                        "+1 never sent on a mission yet",
                    ],
                ),
                (
                    "bea",
                    3,
                    vec![
                        "+2 2 more missions possible in 2027 (1 of 3 taken)",
                        "+1 never sent on a mission yet",
                    ],
                ),
                (
                    "eli",
                    1,
                    vec![
                        "+0 time available not given",
                        "+1 never sent on a mission yet",
                    ],
                ),
            ],
            vec![
                ("ana", vec!["does not speak néerlandais"]),
                (
                    "dora",
                    vec![
                        "does not speak néerlandais",
                        "already 3 missions in 2027 for 3 possible",
                    ],
                ),
            ],
        ),
    ]
}

#[test]
fn json_has_the_hand_computed_ranking() {
    let out = ok(&run_match(&fixture(), &["--format", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["today"], TODAY);
    let missions = v["missions"].as_array().unwrap();
    let expected = expected();
    assert_eq!(missions.len(), expected.len(), "{out}");
    for (m, (slug, ranked, unavailable)) in missions.iter().zip(&expected) {
        assert_eq!(m["slug"], *slug);
        let got: Vec<(String, i64, Vec<String>)> = m["ranked"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let reasons = c["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| {
                        format!(
                            "{:+} {}",
                            r["points"].as_i64().unwrap(),
                            r["text"].as_str().unwrap()
                        )
                    })
                    .collect();
                (
                    c["id"].as_str().unwrap().to_string(),
                    c["score"].as_i64().unwrap(),
                    reasons,
                )
            })
            .collect();
        let want: Vec<(String, i64, Vec<String>)> = ranked
            .iter()
            .map(|(id, s, r)| {
                (
                    id.to_string(),
                    *s,
                    r.iter().map(|x| x.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(got, want, "{slug}");
        // Each score is the sum of its reasons' points.
        for c in m["ranked"].as_array().unwrap() {
            let sum: i64 = c["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["points"].as_i64().unwrap())
                .sum();
            assert_eq!(c["score"].as_i64().unwrap(), sum);
        }
        let got: Vec<(String, Vec<String>)> = m["unavailable"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                let why = u["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_str().unwrap().to_string())
                    .collect();
                (u["id"].as_str().unwrap().to_string(), why)
            })
            .collect();
        let want: Vec<(String, Vec<String>)> = unavailable
            .iter()
            .map(|(id, w)| (id.to_string(), w.iter().map(|x| x.to_string()).collect()))
            .collect();
        assert_eq!(got, want, "{slug}");
    }
    // Seats: two left on the debate (a staff member does not take one), the first two
    // suggested; one on the forum.
    assert_eq!(missions[0]["seats_left"], 2);
    let suggested: Vec<bool> = missions[0]["ranked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["suggested"].as_bool().unwrap())
        .collect();
    assert_eq!(suggested, [true, true, false]);
    assert_eq!(missions[1]["seats_left"], 1);
    assert_eq!(missions[0]["start"], "2027-03-10");
    assert_eq!(missions[1]["title"], "Forum numérique & libre");
    assert_eq!(missions[0]["ranked"][0]["name"], "Ana Alves");
}

/// A minimal CSV reader (quoted fields with doubled quotes), to read the output as a
/// spreadsheet would.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn csv_has_one_row_per_ambassador_and_mission() {
    let out = ok(&run_match(&fixture(), &["--format", "csv"]));
    let rows = parse_csv(&out);
    assert_eq!(
        rows[0],
        [
            "mission",
            "date",
            "rank",
            "id",
            "name",
            "score",
            "available",
            "reasons"
        ]
    );
    let mut want = Vec::new();
    for (slug, ranked, unavailable) in expected() {
        let date = if slug == "debat-culture" {
            "2027-03-10"
        } else {
            "2027-04-15"
        };
        for (i, (id, score, reasons)) in ranked.iter().enumerate() {
            want.push(vec![
                slug.to_string(),
                date.into(),
                (i + 1).to_string(),
                id.to_string(),
                score.to_string(),
                "yes".into(),
                reasons.join(" ; "),
            ]);
        }
        for (id, why) in unavailable {
            want.push(vec![
                slug.to_string(),
                date.into(),
                String::new(),
                id.to_string(),
                String::new(),
                "no".into(),
                why.join(" ; "),
            ]);
        }
    }
    // The name column aside (checked once below), every row as computed by hand.
    let got: Vec<Vec<String>> = rows[1..]
        .iter()
        .map(|r| {
            assert_eq!(r.len(), 8, "{r:?}");
            let mut r = r.clone();
            r.remove(4);
            r
        })
        .collect();
    assert_eq!(got, want);
    assert_eq!(rows[1][4], "Ana Alves");
}

#[test]
fn table_lists_ranked_then_unavailable() {
    let out = ok(&run_match(&fixture(), &[]));
    assert!(
        out.starts_with("Private: for the support group only."),
        "{out}"
    );
    // The lines in order: each mission, its ranking, its unavailable.
    let mut at = 0;
    for line in [
        "Débat culture et travail (debat-culture)",
        "2027-03-10: 2 seats left of 2, volunteers until 2027-02-20",
        "*  1.  13  Ana Alves (ana)",
        "+3 shared theme: culture",
        "*  2.   8  Béa Bernard (bea)",
        "   3.   4  Eli Evrard (eli)",
        "Unavailable",
        "- Carl Claes (carl): does not speak français; already on a mission on 2027-03-10: “Même jour”",
        "- Dora Dumont (dora): already 3 missions in 2027 for 3 possible",
        "Forum numérique & libre (forum-numerique)",
        "2027-04-15: 1 seat left of 1, volunteers until 2027-03-31",
        "*  1.   9  Carl Claes (carl)",
        "   2.   3  Béa Bernard (bea)",
        "   3.   1  Eli Evrard (eli)",
        "- Ana Alves (ana): does not speak néerlandais",
    ] {
        let found = out[at..].find(line).unwrap_or_else(|| panic!("missing after byte {at}: {line}\n{out}"));
        at += found + line.len();
    }
    for not_open in ["appel-ferme", "appel-echu", "appel-complet"] {
        assert!(!out.contains(not_open), "{not_open} listed:\n{out}");
    }
}

#[test]
fn html_is_a_standalone_escaped_page() {
    let out = ok(&run_match(&fixture(), &["--format", "html"]));
    assert!(out.starts_with("<!doctype html>"), "{out}");
    assert!(!out.contains("<link"), "the page needs no other file");
    assert!(
        out.contains("<h2>Forum numérique &amp; libre</h2>"),
        "{out}"
    );
    assert!(
        !out.contains("numérique & libre"),
        "unescaped title:\n{out}"
    );
    assert!(out.contains("<tr class=\"suggested\"><td>1</td><td>13</td><th scope=\"row\">Ana Alves <span class=\"id\">(ana)</span></th>"), "{out}");
    assert!(out.contains("<li>+3 shared theme: culture</li>"), "{out}");
    assert!(out.contains("<li><strong>Dora Dumont</strong> <span class=\"id\">(dora)</span> : does not speak néerlandais ; already 3 missions in 2027 for 3 possible</li>"), "{out}");
    assert!(out.contains("noindex"));
}

#[test]
fn reasons_are_in_french_by_default() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ambassade"))
        .arg("match")
        .arg("--root")
        .arg(fixture())
        .arg("--private")
        .arg(fixture().join("private"))
        .args(["--today", TODAY])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .unwrap();
    let out = ok(&out);
    assert!(out.contains("+3 thème commun : culture"), "{out}");
    assert!(out.contains("ne parle pas néerlandais"), "{out}");
    assert!(
        out.contains("déjà en mission le 2027-03-10 : « Même jour »"),
        "{out}"
    );
}

#[test]
fn one_mission_by_slug_even_full() {
    let out = ok(&run_match(
        &fixture(),
        &["--format", "json", "--mission", "appel-complet"],
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    let missions = v["missions"].as_array().unwrap();
    assert_eq!(missions.len(), 1);
    assert_eq!(missions[0]["slug"], "appel-complet");
    assert_eq!(missions[0]["seats_left"], 0);
    // bea is already named on it.
    let bea = missions[0]["unavailable"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == "bea")
        .unwrap();
    assert_eq!(bea["reasons"][0], "already named on this mission");

    let out = run_match(&fixture(), &["--mission", "nulle-part"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("no event `nulle-part`; the open calls are: debat-culture, forum-numerique"),
        "{}",
        stderr(&out)
    );
    let out = run_match(&fixture(), &["--mission", "atelier-passe"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has no open call"),
        "{}",
        stderr(&out)
    );
}

/// A copy of the fixture with a previous build in `public/`.
fn built_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture(), &site);
    let out = bin()
        .args(["build", "--today", TODAY, "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (tmp, site)
}

#[test]
fn output_goes_to_a_file_never_into_the_site() {
    let (tmp, site) = built_copy();
    let other_output = tmp.path().join("elsewhere");
    let out = bin()
        .args(["build", "--today", TODAY, "--root"])
        .arg(&site)
        .arg("--output")
        .arg(&other_output)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for (inside, words) in [
        (site.join("public/match.html"), "inside the output folder"),
        (
            site.join("public/sub/match.html"),
            "inside the output folder",
        ),
        (site.join("content/match.html"), "inside content/"),
        // A folder a build wrote (it holds the build's marker), wherever it is.
        (other_output.join("match.html"), "inside the output folder"),
    ] {
        let out = run_match(
            &site,
            &["--format", "html", "--output", inside.to_str().unwrap()],
        );
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}: {}",
            inside.display(),
            stderr(&out)
        );
        assert!(
            stderr(&out).contains(words),
            "{}: {}",
            inside.display(),
            stderr(&out)
        );
        assert!(!inside.exists(), "{} written", inside.display());
    }
    let file = tmp.path().join("match.html");
    let out = run_match(
        &site,
        &["--format", "html", "--output", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(&file).unwrap().contains("Ana Alves"));
}

#[test]
fn sheets_writes_one_filled_sheet_per_profile() {
    let (tmp, site) = built_copy();
    let out_dir = tmp.path().join("fiches");
    let out = bin()
        .args(["sheets", "--today", TODAY, "--root"])
        .arg(&site)
        .arg("--private")
        .arg(site.join("private"))
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut names: Vec<String> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["ana.html", "bea.html", "carl.html", "dora.html", "eli.html"]
    );
    let ana = fs::read_to_string(out_dir.join("ana.html")).unwrap();
    let doc = scraper::Html::parse_document(&ana);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let value = |id: &str| {
        doc.select(&sel(&format!("#{id}")))
            .next()
            .map(|e| e.text().collect::<String>())
            .unwrap_or_default()
    };
    assert_eq!(value("champ-identification-name"), "Ana Alves");
    assert_eq!(value("champ-identification-sector"), "Musique");
    assert_eq!(value("champ-identification-themes"), "culture\ntravail");
    assert_eq!(value("champ-identification-territories"), "Liège\nWallonie");
    let checked: Vec<String> = doc
        .select(&sel("input[checked]"))
        .map(|e| e.value().attr("value").unwrap_or("").to_string())
        .collect();
    // Languages, time, the grid's one cell, "yes" to the support group, the charter signed.
    assert_eq!(
        checked,
        ["français", "2 à 5 h", "Soir – Jeu", "yes", "yes"],
        "{ana}"
    );
    // The stylesheet is inside the file: it prints as the site's sheets do without the site.
    assert!(ana.contains(".sheet-form"), "no inlined stylesheet");

    // Never into the site.
    let out = bin()
        .args(["sheets", "--today", TODAY, "--root"])
        .arg(&site)
        .arg("--private")
        .arg(site.join("private"))
        .arg("--out")
        .arg(site.join("public/privees"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("inside the output folder"),
        "{}",
        stderr(&out)
    );
    assert!(!site.join("public/privees").exists());
}
