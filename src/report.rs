//! Showing diagnostics to people and to programs.
//!
//! The human format is the one line `file:line:col: error: field: message` that editors and
//! tests already know, followed by an excerpt of the offending line with a caret under the
//! column, then the hint. Colour is added only when asked for (a terminal, and `NO_COLOR`
//! unset): piped output stays plain text so that logs and `grep` read it as written. The JSON
//! format carries the same fields for editors' plug-ins; `ci` writes what GitHub and GitLab
//! show on the lines of a commit. All are in the language asked for: the words `error`,
//! `warning` and `hint` too (the JSON `severity` stays `error` or `warning`, for programs).

pub mod ci;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::content::source::MAX_TEXT_FILE;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::i18n::{render, Lang};
use crate::msg;

/// Excerpts longer than this are cut around the column, so that a minified line or a long
/// paragraph does not flood the terminal.
const MAX_EXCERPT_CHARS: usize = 120;

/// True when stderr is a terminal and the user has not asked for no colour
/// (<https://no-color.org>: `NO_COLOR` set to anything but the empty string).
pub fn colour_on_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// One line of a content file, to show under a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// 1-based line number.
    pub line: usize,
    /// The line as written (cut to a readable length, tabs kept).
    pub text: String,
    /// Characters before the caret within `text` (as written: tabs are kept so that the
    /// caret line, built from the same characters, lines up in any terminal).
    pub caret_prefix: Option<String>,
}

/// Reads the lines diagnostics point at, each file at most once.
pub struct Excerpts {
    root: PathBuf,
    files: HashMap<PathBuf, Option<Vec<String>>>,
}

impl Excerpts {
    /// `root` is the site folder: diagnostic paths are relative to it.
    pub fn new(root: &Path) -> Excerpts {
        Excerpts {
            root: root.to_path_buf(),
            files: HashMap::new(),
        }
    }

    /// The excerpt of `d`, when it has a line and the file is a readable text file.
    pub fn of(&mut self, d: &Diagnostic) -> Option<Excerpt> {
        let line_no = d.line?;
        let root = &self.root;
        let lines = self
            .files
            .entry(d.file.clone())
            .or_insert_with(|| read_lines(&root.join(&d.file)))
            .as_ref()?;
        let raw = lines.get(line_no.checked_sub(1)?)?;
        Some(cut(line_no, raw, d.column))
    }
}

fn read_lines(path: &Path) -> Option<Vec<String>> {
    let meta = fs::metadata(path).ok()?;
    // Only regular, reasonably small files: a diagnostic can name a folder or a huge file.
    if !meta.is_file() || meta.len() > MAX_TEXT_FILE {
        return None;
    }
    let text = String::from_utf8(fs::read(path).ok()?).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(
        text.split('\n')
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect(),
    )
}

/// Cuts `raw` to a readable window around the 1-based character `column`.
fn cut(line: usize, raw: &str, column: Option<usize>) -> Excerpt {
    let chars: Vec<char> = raw
        .chars()
        .map(|c| if c.is_control() && c != '\t' { '?' } else { c })
        .collect();
    let col = column.map(|c| c.saturating_sub(1).min(chars.len()));
    let (start, end) = if chars.len() <= MAX_EXCERPT_CHARS {
        (0, chars.len())
    } else {
        let centre = col.unwrap_or(0);
        let start = centre.saturating_sub(MAX_EXCERPT_CHARS / 2);
        let end = (start + MAX_EXCERPT_CHARS).min(chars.len());
        (end.saturating_sub(MAX_EXCERPT_CHARS), end)
    };
    let mut text: String = chars[start..end].iter().collect();
    let mut lead = String::new();
    if start > 0 {
        lead.push('…');
        text.insert(0, '…');
    }
    if end < chars.len() {
        text.push('…');
    }
    let caret_prefix = col.filter(|c| *c >= start && *c <= end).map(|c| {
        let before: String = chars[start..c]
            .iter()
            .map(|&ch| if ch == '\t' { '\t' } else { ' ' })
            .collect();
        format!("{}{before}", if lead.is_empty() { "" } else { " " })
    });
    Excerpt {
        line,
        text,
        caret_prefix,
    }
}

/// ANSI styles, or nothing when colour is off.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// The human report of `diags`: every diagnostic (sorted), each with its excerpt and hint,
/// then the count line. Empty when there is nothing to report.
pub fn human(diags: &Diagnostics, root: &Path, lang: Lang, colour: bool) -> String {
    let style = Style { on: colour };
    let mut excerpts = Excerpts::new(root);
    let mut out = String::new();
    for d in diags.sorted() {
        out.push_str(&one(d, excerpts.of(d), lang, &style));
    }
    let errors = diags.errors().count();
    let warnings = diags.len() - errors;
    if errors > 0 || warnings > 0 {
        let line = render(
            lang,
            &msg!("common-summary", errors = errors, warnings = warnings),
        );
        let _ = writeln!(out, "{}", style.paint("1", &line));
    }
    out
}

/// The word for `severity` in `lang`.
pub fn severity_word(severity: Severity, lang: Lang) -> String {
    match severity {
        Severity::Error => render(lang, &msg!("common-error")),
        Severity::Warning => render(lang, &msg!("common-warning")),
    }
}

/// One diagnostic in the human format, ending with a newline.
fn one(d: &Diagnostic, excerpt: Option<Excerpt>, lang: Lang, style: &Style) -> String {
    let mut out = String::new();
    let mut place = d.file.display().to_string();
    if let Some(line) = d.line {
        let _ = write!(place, ":{line}");
        if let Some(col) = d.column {
            let _ = write!(place, ":{col}");
        }
    }
    let colour = match d.severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
    };
    let kind = severity_word(d.severity, lang);
    let _ = write!(
        out,
        "{}: {}: ",
        style.paint("1", &place),
        style.paint(colour, &kind)
    );
    if let Some(field) = &d.field {
        let _ = write!(out, "{field}: ");
    }
    out.push_str(&d.message.in_lang(lang));
    out.push('\n');
    if let Some(ex) = excerpt {
        let number = ex.line.to_string();
        let blank = " ".repeat(number.len());
        let bar = style.paint("34", "|");
        let _ = writeln!(
            out,
            "  {} {bar} {}",
            style.paint("34", &number),
            ex.text.trim_end()
        );
        if let Some(prefix) = ex.caret_prefix {
            let _ = writeln!(out, "  {blank} {bar} {prefix}{}", style.paint(colour, "^"));
        }
    }
    if let Some(hint) = &d.hint {
        let word = render(lang, &msg!("common-hint"));
        let _ = writeln!(
            out,
            "  {}: {}",
            style.paint("36", &word),
            hint.in_lang(lang)
        );
    }
    out
}

/// The machine-readable report: `{"errors": n, "warnings": n, "diagnostics": [...]}`, each
/// diagnostic with `file`, `line`, `column`, `severity`, `field`, `message`, `hint` (`null`
/// when unknown), the message and hint in `lang`.
pub fn json(diags: &Diagnostics, lang: Lang) -> Value {
    let list: Vec<Value> = diags
        .sorted()
        .into_iter()
        .map(|d| {
            json!({
                "file": d.file.to_string_lossy().replace('\\', "/"),
                "line": d.line,
                "column": d.column,
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "field": d.field,
                "message": d.message.in_lang(lang),
                "hint": d.hint.as_ref().map(|h| h.in_lang(lang)),
            })
        })
        .collect();
    let errors = diags.errors().count();
    json!({
        "errors": errors,
        "warnings": diags.len() - errors,
        "diagnostics": list,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    fn site_with(file: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(file);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
        dir
    }

    fn salon() -> Diagnostic {
        Diagnostic::error("content/events/salon.md", "end 2027-03-13 is before start")
            .at(Some(Pos { line: 3, column: 6 }))
            .field("end")
            .hint("for an all-day event, `end` is the last day")
    }

    #[test]
    fn plain_report_keeps_the_one_line_format_and_adds_the_excerpt() {
        let site = site_with(
            "content/events/salon.md",
            "---\nstart: 2027-03-14\nend: 2027-03-13\n---\n",
        );
        let mut ds = Diagnostics::new();
        ds.push(salon());
        let text = human(&ds, site.path(), Lang::En, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "content/events/salon.md:3:6: error: end: end 2027-03-13 is before start",
                "  3 | end: 2027-03-13",
                "    |      ^",
                "  hint: for an all-day event, `end` is the last day",
                "1 error(s), 0 warning(s)",
            ]
        );
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn french_report_translates_the_words_and_the_catalogued_messages() {
        let site = site_with("content/kit.yaml", "items:\n  - x\n");
        let mut ds = Diagnostics::new();
        // Plain text (not yet in the catalogues) stays as written; the words around it and
        // the summary are French.
        ds.push(
            Diagnostic::warning("content/kit.yaml", "old")
                .at(Some(Pos { line: 2, column: 5 }))
                .hint(msg!("common-hint")),
        );
        let text = human(&ds, site.path(), Lang::Fr, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "content/kit.yaml:2:5: avertissement: old",
                "  2 |   - x",
                "    |     ^",
                "  conseil: conseil",
                "0 erreur, 1 avertissement",
            ]
        );
        let mut two = Diagnostics::new();
        two.push(Diagnostic::error("a", "x"));
        two.push(Diagnostic::error("b", "y"));
        assert!(human(&two, site.path(), Lang::Fr, false).ends_with("2 erreurs, 0 avertissement\n"));
        assert_eq!(json(&ds, Lang::Fr)["diagnostics"][0]["hint"], "conseil");
        assert_eq!(json(&ds, Lang::En)["diagnostics"][0]["hint"], "hint");
        assert_eq!(json(&ds, Lang::Fr)["diagnostics"][0]["severity"], "warning");
    }

    #[test]
    fn colour_report_paints_the_severity_and_the_caret() {
        let site = site_with("content/events/salon.md", "a\nb\nend: x\n");
        let mut ds = Diagnostics::new();
        ds.push(salon());
        let text = human(&ds, site.path(), Lang::En, true);
        assert!(text.contains("\x1b[1;31merror\x1b[0m"));
        assert!(text.contains("\x1b[1;31m^\x1b[0m"));
        assert!(text.contains("\x1b[36mhint\x1b[0m: for an all-day"));
    }

    #[test]
    fn missing_file_or_line_means_no_excerpt() {
        let site = tempfile::tempdir().unwrap();
        let mut ex = Excerpts::new(site.path());
        assert_eq!(ex.of(&salon()), None);
        let no_line = Diagnostic::error("content/site.yaml", "this file is missing");
        assert_eq!(ex.of(&no_line), None);
    }

    #[test]
    fn tabs_are_kept_under_the_caret_and_long_lines_are_cut() {
        let e = cut(1, "\tkey: value", Some(7));
        assert_eq!(e.caret_prefix.as_deref(), Some("\t     "));
        let long = format!("{}X{}", "a".repeat(300), "b".repeat(300));
        let e = cut(1, &long, Some(301));
        assert!(e.text.starts_with('…') && e.text.ends_with('…'));
        assert!(e.text.chars().count() <= MAX_EXCERPT_CHARS + 2);
        let prefix = e.caret_prefix.unwrap();
        assert_eq!(e.text.chars().nth(prefix.chars().count()), Some('X'));
    }

    #[test]
    fn json_report_has_every_field() {
        let mut ds = Diagnostics::new();
        ds.push(salon());
        ds.push(Diagnostic::warning("content/kit.yaml", "old"));
        let v = json(&ds, Lang::En);
        assert_eq!(v["errors"], 1);
        assert_eq!(v["warnings"], 1);
        let first = &v["diagnostics"][0];
        assert_eq!(first["file"], "content/events/salon.md");
        assert_eq!(first["line"], 3);
        assert_eq!(first["column"], 6);
        assert_eq!(first["severity"], "error");
        assert_eq!(first["field"], "end");
        assert_eq!(v["diagnostics"][1]["line"], Value::Null);
        assert_eq!(v["diagnostics"][1]["severity"], "warning");
    }
}
