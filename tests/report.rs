//! How problems are shown: `check --format json` for programs; for people, the one-line
//! format with an excerpt of the offending line and the hint, plain when piped and coloured on
//! a terminal unless `NO_COLOR` is set; and the one-line summary of `build`.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use support::{bin, minimal_site, run, stderr, stdout, TODAY};

/// The minimal site with an all-day event that ends before it starts (line 4, column 6).
fn broken_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, site) = minimal_site();
    let salon = site.join("content/events/salon.md");
    let text = fs::read_to_string(&salon).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let start = lines.iter().position(|l| l.starts_with("start:")).unwrap();
    lines.retain(|l| !l.starts_with("end:"));
    lines[start] = "start: 2027-03-14".into();
    lines.insert(start + 1, "end: 2027-03-13".into());
    fs::write(&salon, lines.join("\n") + "\n").unwrap();
    (tmp, site)
}

fn check(site: &Path, extra: &[&str]) -> std::process::Output {
    let root = site.to_string_lossy().into_owned();
    let mut args = vec!["check", "--today", TODAY, "--root", &root];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn json_format_lists_every_field() {
    let (_tmp, site) = broken_site();
    let out = check(&site, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
    assert_eq!(v["errors"], 1, "{v}");
    let d = &v["diagnostics"][0];
    assert_eq!(d["file"], "content/events/salon.md");
    assert!(d["line"].as_u64().is_some());
    assert!(d["column"].as_u64().is_some());
    assert_eq!(d["severity"], "error");
    assert_eq!(d["field"], "end");
    assert!(d["message"].as_str().unwrap().contains("before start"));
    assert!(d["hint"].as_str().unwrap().contains("last day"));

    let (_tmp, good) = minimal_site();
    let out = check(&good, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["errors"], 0);
    assert_eq!(v["diagnostics"], Value::Array(vec![]));
}

#[test]
fn piped_report_is_plain_with_an_excerpt_and_a_caret() {
    let (_tmp, site) = broken_site();
    let out = check(&site, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!err.contains('\x1b'), "colour in piped output:\n{err}");
    let lines: Vec<&str> = err.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("content/events/salon.md:") && l.contains(": error: end: "))
        .unwrap_or_else(|| panic!("no diagnostic line:\n{err}"));
    let line_no: usize = lines[at].split(':').nth(1).unwrap().parse().unwrap();
    let col: usize = lines[at].split(':').nth(2).unwrap().parse().unwrap();
    assert_eq!(
        lines[at + 1],
        format!("  {line_no} | end: 2027-03-13"),
        "{err}"
    );
    let caret = lines[at + 2];
    assert_eq!(
        caret.find('^'),
        Some(lines[at + 1].find("end:").unwrap() + col - 1),
        "caret under the column:\n{err}"
    );
    assert!(lines[at + 3].starts_with("  hint: "), "{err}");
    assert_eq!(lines.last(), Some(&"1 error(s), 0 warning(s)"));
}

/// Runs `ambassade check` with stderr on a pseudo-terminal (through `script`, from
/// util-linux) and returns what it printed.
fn on_a_terminal(site: &Path, no_color: bool) -> Option<String> {
    let exe = env!("CARGO_BIN_EXE_ambassade");
    let cmd = format!(
        "'{exe}' --lang en check --today {TODAY} --root '{}'",
        site.display()
    );
    let mut c = Command::new("script");
    c.args(["-qec", &cmd, "/dev/null"])
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("NO_COLOR");
    if no_color {
        c.env("NO_COLOR", "1");
    }
    let out = c.output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn terminal_report_is_coloured_unless_no_color() {
    let (_tmp, site) = broken_site();
    let Some(coloured) = on_a_terminal(&site, false) else {
        panic!("`script` (util-linux) is needed to run a command on a terminal");
    };
    assert!(
        coloured.contains("\x1b[1;31merror\x1b[0m"),
        "no colour on a terminal:\n{coloured:?}"
    );
    assert!(coloured.contains("\x1b[36mhint\x1b[0m"), "{coloured:?}");
    let plain = on_a_terminal(&site, true).unwrap();
    assert!(plain.contains("error: end:"), "{plain:?}");
    assert!(
        !plain.contains('\x1b'),
        "colour despite NO_COLOR:\n{plain:?}"
    );
}

#[test]
fn build_prints_a_one_line_summary() {
    let (_tmp, site) = minimal_site();
    let out = bin()
        .args(["build", "--today", TODAY, "--root"])
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("no summary:\n{text}"));
    for part in [
        " pages, ",
        " sheets, ",
        " calendar files",
        " events) in ",
        " ms → ",
    ] {
        assert!(line.contains(part), "`{part}` missing from `{line}`");
    }
    // The numbers add up to the files written, but for the output's marker and manifest: no
    // files of the site.
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    let public = site.join("public");
    assert!(public.join(ambassade::output::MARKER).is_file());
    assert!(public.join(ambassade::output::MANIFEST).is_file());
    let files = count_files(&public) - 2;
    assert_eq!(
        numbers[0] + numbers[1] + numbers[2] + numbers[3],
        files,
        "{line}"
    );
    // Sheets: the two blank ones and one per event with a mission.
    assert!(numbers[1] >= 2, "{line}");
    // Piped: no progress line.
    assert!(!stderr(&out).contains('\r'));
}

fn count_files(dir: &Path) -> usize {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                count_files(&e.path())
            } else {
                1
            }
        })
        .sum()
}
