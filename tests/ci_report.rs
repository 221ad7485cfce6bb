//! `check --format github` and `--format gitlab`: what CI shows on the lines of a commit. The
//! GitHub lines are parsed back with the workflow-command grammar and compared with the human
//! report of the same site; the GitLab report is read as JSON.

mod support;

use std::fs;
use std::path::Path;
use std::process::Output;

use regex::Regex;
use serde_json::Value;
use support::{bin, copy_dir, repo, stderr, stdout, TODAY};

/// The minimal site in `<tmp>/site` with four broken files (the corpus's cases) and a stray
/// file in `events/`, which is a warning.
fn broken_site() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/minimal"), &site);
    for case in [
        "unknown-field-event-locaton",
        "unknown-field-lexicon-term",
        "join-page-missing",
        "kit-file-missing",
    ] {
        copy_dir(
            &repo().join("tests/broken").join(case).join("overlay"),
            &site,
        );
    }
    fs::write(site.join("content/events/notes.txt"), "à ranger\n").unwrap();
    tmp
}

/// `ambassade check --root site …`, run from the folder holding `site/`, as CI runs it from the
/// repository.
fn check(dir: &Path, extra: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(["check", "--today", TODAY, "--root", "site"])
        .args(extra)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// One problem as the human report shows it.
#[derive(Debug, Clone, PartialEq)]
struct Problem {
    severity: String,
    file: String,
    line: Option<usize>,
    col: Option<usize>,
    /// `field: message` as on the report's first line.
    text: String,
    hint: Option<String>,
}

fn human_problems(report: &str) -> Vec<Problem> {
    let head = Regex::new(r"^(\S[^:]*?)(?::(\d+)(?::(\d+))?)?: (error|warning): (.*)$").unwrap();
    let mut out: Vec<Problem> = Vec::new();
    for line in report.lines() {
        if let Some(c) = head.captures(line) {
            out.push(Problem {
                severity: c[4].to_string(),
                file: c[1].to_string(),
                line: c.get(2).map(|m| m.as_str().parse().unwrap()),
                col: c.get(3).map(|m| m.as_str().parse().unwrap()),
                text: c[5].to_string(),
                hint: None,
            });
        } else if let Some(hint) = line.strip_prefix("  hint: ") {
            out.last_mut().expect("a hint after a problem").hint = Some(hint.to_string());
        }
    }
    out
}

fn unescape_data(s: &str) -> String {
    s.replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

fn unescape_property(s: &str) -> String {
    unescape_data(&s.replace("%3A", ":").replace("%2C", ","))
}

/// Parses one workflow command: `::error file=…,line=…,col=…,title=…::message`.
fn github_problem(line: &str) -> Problem {
    // The grammar: a command, properties `key=value` separated by commas (no raw `,` or `:` in
    // a value, and no raw `%` but as an escape), then `::` and the data (no raw CR or LF).
    let command = Regex::new(
        r"^::(error|warning) ((?:[a-z]+=(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)*)(?:,[a-z]+=(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)*)*)::((?:[^%\r\n]|%25|%0D|%0A)*)$",
    )
    .unwrap();
    let c = command
        .captures(line)
        .unwrap_or_else(|| panic!("not a workflow command: {line:?}"));
    let mut file = None;
    let mut l = None;
    let mut col = None;
    let mut title = None;
    for prop in c[2].split(',') {
        let (key, value) = prop.split_once('=').unwrap();
        let value = unescape_property(value);
        match key {
            "file" => file = Some(value),
            "line" => l = Some(value.parse().unwrap()),
            "col" => col = Some(value.parse().unwrap()),
            "title" => title = Some(value),
            other => panic!("unexpected property {other} in {line:?}"),
        }
    }
    assert!(
        title.is_some_and(|t| t.starts_with("ambassade check")),
        "{line:?}"
    );
    let data = unescape_data(&c[3]);
    let (text, hint) = match data.split_once("\nhint: ") {
        Some((t, h)) => (t.to_string(), Some(h.to_string())),
        None => (data, None),
    };
    Problem {
        severity: c[1].to_string(),
        file: file.expect("a file property"),
        line: l,
        col,
        text,
        hint,
    }
}

#[test]
fn github_commands_say_what_the_human_report_says() {
    let tmp = broken_site();
    let human = check(tmp.path(), &[]);
    assert_eq!(human.status.code(), Some(1));
    let expected = human_problems(&stderr(&human));
    assert!(expected.len() >= 5, "{}", stderr(&human));
    assert!(expected.iter().any(|p| p.severity == "warning"));

    let gh = check(tmp.path(), &["--format", "github"]);
    assert_eq!(
        gh.status.code(),
        Some(1),
        "the exit status stays 1 on errors"
    );
    let text = stdout(&gh);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        expected.len(),
        "one command per problem:\n{text}"
    );
    for (line, want) in lines.iter().zip(&expected) {
        let got = github_problem(line);
        // Files are named from the repository (the folder CI runs in), not from the site.
        let want = Problem {
            file: format!("site/{}", want.file),
            ..want.clone()
        };
        assert_eq!(got, want, "{line}");
    }
    // Characters GitHub reads as syntax are escaped: the unknown-field message lists fields
    // separated by commas, and the hint ends with `?`.
    let locaton = lines.iter().find(|l| l.contains("locaton")).unwrap();
    assert!(locaton.contains("line=5,col=1,"), "{locaton}");
    assert!(
        locaton.contains("%0Ahint: did you mean `location`?"),
        "{locaton}"
    );
}

#[test]
fn a_sound_site_prints_no_command() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("tests/fixtures/minimal"),
        &tmp.path().join("site"),
    );
    let out = check(tmp.path(), &["--format", "github"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn gitlab_report_is_code_quality_json_with_stable_fingerprints() {
    let tmp = broken_site();
    let human = human_problems(&stderr(&check(tmp.path(), &[])));
    let first = check(tmp.path(), &["--format", "gitlab"]);
    assert_eq!(first.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&first)).expect("stdout is JSON");
    let entries = report.as_array().expect("a JSON array");
    assert_eq!(entries.len(), human.len());
    for (e, p) in entries.iter().zip(&human) {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(e[key].is_string(), "{key} missing from {e}");
        }
        assert_eq!(e["location"]["path"], format!("site/{}", p.file));
        assert_eq!(
            e["location"]["lines"]["begin"].as_u64(),
            Some(p.line.unwrap_or(1) as u64)
        );
        let severity = if p.severity == "error" {
            "major"
        } else {
            "minor"
        };
        assert_eq!(e["severity"], severity);
        assert!(e["description"].as_str().unwrap().contains(&p.text), "{e}");
    }
    let prints: Vec<&str> = entries
        .iter()
        .map(|e| e["fingerprint"].as_str().unwrap())
        .collect();
    let mut unique = prints.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), prints.len(), "fingerprints are unique");

    // `--output FILE`: the same report, run again, in a file; the text report on stderr.
    let again = check(
        tmp.path(),
        &[
            "--format",
            "gitlab",
            "--output",
            "gl-code-quality-report.json",
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(stdout(&again), "");
    assert!(stderr(&again).contains(": error: "), "{}", stderr(&again));
    let written = fs::read_to_string(tmp.path().join("gl-code-quality-report.json")).unwrap();
    let second: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(second, report, "two runs give the same report");

    // A line added above a problem moves it, but keeps its fingerprint.
    let lexicon = tmp.path().join("site/content/lexicon.yaml");
    let text = fs::read_to_string(&lexicon).unwrap();
    fs::write(&lexicon, format!("# un commentaire\n{text}")).unwrap();
    let moved: Value =
        serde_json::from_str(&stdout(&check(tmp.path(), &["--format", "gitlab"]))).unwrap();
    let find = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|e| e["location"]["path"] == "site/content/lexicon.yaml")
            .cloned()
            .unwrap()
    };
    let (before, after) = (find(&report), find(&moved));
    assert_eq!(
        after["location"]["lines"]["begin"].as_u64(),
        before["location"]["lines"]["begin"].as_u64().map(|l| l + 1)
    );
    assert_eq!(after["fingerprint"], before["fingerprint"]);
}

#[test]
fn output_needs_a_machine_format() {
    let tmp = broken_site();
    let out = check(tmp.path(), &["--output", "report.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!tmp.path().join("report.txt").exists());
}
