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

use crate::content::source::{split_front_matter, MAX_TEXT_FILE};
use crate::content::yaml::{spans, Spans};
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
    spans: HashMap<PathBuf, Option<Spans>>,
}

impl Excerpts {
    /// `root` is the site folder: diagnostic paths are relative to it.
    pub fn new(root: &Path) -> Excerpts {
        Excerpts {
            root: root.to_path_buf(),
            files: HashMap::new(),
            spans: HashMap::new(),
        }
    }

    /// The span index of the YAML of `d`'s file (a Markdown file's front matter), to name
    /// the elements of lists its field goes through.
    pub fn spans(&mut self, d: &Diagnostic) -> Option<&Spans> {
        if !self.spans.contains_key(&d.file) {
            let root = &self.root;
            let lines = self
                .files
                .entry(d.file.clone())
                .or_insert_with(|| read_lines(&root.join(&d.file)));
            let spans = lines.as_ref().and_then(|lines| {
                let text = lines.join("\n");
                let markdown = d.file.extension().is_some_and(|e| e == "md");
                if markdown {
                    let fm = split_front_matter(&text, &d.file).ok()?;
                    Some(spans(fm.yaml, fm.yaml_line_offset))
                } else {
                    Some(spans(&text, 0))
                }
            });
            self.spans.insert(d.file.clone(), spans);
        }
        self.spans.get(&d.file)?.as_ref()
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

/// Warnings that stand unchanged from run to run until someone acts on them (a kit item not
/// updated for a year): when there are several of one kind, the human report shows them once,
/// as a count, rather than line by line on every build and every preview.
const STANDING: &[&str] = &["kit-item-stale"];

/// `diags` with the standing warnings of each kind, when there are several, replaced by one
/// warning giving their count and the oldest (pointing at it).
pub fn summarise_standing(diags: &Diagnostics) -> Diagnostics {
    let standing = |d: &Diagnostic| {
        d.message
            .msg()
            .map(|m| m.id)
            .filter(|id| STANDING.contains(id))
    };
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in diags.sorted().into_iter().filter_map(standing) {
        *counts.entry(id).or_default() += 1;
    }
    let mut out = Diagnostics::new();
    for d in diags.sorted() {
        if standing(d).is_none_or(|id| counts.get(id).copied().unwrap_or(0) < 2) {
            out.push(d.clone());
        }
    }
    let stale: Vec<&Diagnostic> = diags
        .sorted()
        .into_iter()
        .filter(|d| standing(d) == Some("kit-item-stale"))
        .collect();
    if stale.len() > 1 {
        let arg = |d: &Diagnostic, name: &str| {
            d.message
                .msg()
                .and_then(|m| m.args.iter().find(|(n, _)| *n == name))
                .map(|(_, v)| v.to_string())
                .unwrap_or_default()
        };
        // Dates are written YYYY-MM-DD: the smallest is the oldest.
        if let Some(oldest) = stale.iter().min_by_key(|d| arg(d, "date")) {
            let summary = msg!(
                "report-kit-stale-summary",
                count = stale.len(),
                title = arg(oldest, "title"),
                date = arg(oldest, "date")
            );
            let mut d = Diagnostic::warning(oldest.file.clone(), summary)
                .hint(msg!("report-standing-hint"));
            d.line = oldest.line;
            d.column = oldest.column;
            out.push(d);
        }
    }
    out
}

/// The human report of `diags`, standing warnings summarised (`summarise_standing`).
pub fn human(diags: &Diagnostics, root: &Path, lang: Lang, colour: bool) -> String {
    human_all(&summarise_standing(diags), root, lang, colour)
}

/// The human report of `diags`: every diagnostic (sorted), each with its excerpt and hint,
/// then the count line. Empty when there is nothing to report.
pub fn human_all(diags: &Diagnostics, root: &Path, lang: Lang, colour: bool) -> String {
    let style = Style { on: colour };
    let mut excerpts = Excerpts::new(root);
    let mut out = String::new();
    for d in diags.sorted() {
        let field = d.field.as_deref().map(|f| match lang {
            // English keeps the path as written, which tools and tests know.
            Lang::En => f.to_string(),
            Lang::Fr => field_words(f, lang, excerpts.spans(d)),
        });
        out.push_str(&one(d, field, excerpts.of(d), lang, &style));
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
fn one(
    d: &Diagnostic,
    field: Option<String>,
    excerpt: Option<Excerpt>,
    lang: Lang,
    style: &Style,
) -> String {
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
    if let Some(field) = field {
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

/// A field's path as people read it: positions counted from 1 and each element named by its
/// title when it has one, "`updated` du 9e élément de `items` (« Affiche de stand »)" for
/// `items[8].updated`. A path through no list stays as written (`location.city`).
pub fn field_words(field: &str, lang: Lang, spans: Option<&Spans>) -> String {
    // (the list's key, the element's number from 1, the element's path)
    let mut elements: Vec<(String, usize, &str)> = Vec::new();
    let mut pending = String::new();
    let mut i = 0;
    while let Some(c) = field[i..].chars().next() {
        if c != '[' {
            pending.push(c);
            i += c.len_utf8();
            continue;
        }
        let Some(close) = field[i..].find(']').map(|j| i + j) else {
            return field.to_string();
        };
        let Ok(index) = field[i + 1..close].parse::<usize>() else {
            return field.to_string();
        };
        let list = pending.trim_matches('.').to_string();
        elements.push((list, index.saturating_add(1), &field[..=close]));
        pending.clear();
        i = close + 1;
    }
    if elements.is_empty() {
        return field.to_string();
    }
    let tail = pending.trim_matches('.');
    let mut out = (!tail.is_empty()).then(|| render(lang, &msg!("yaml-path-field", field = tail)));
    for (list, number, path) in elements.iter().rev() {
        let mut element = if list.is_empty() {
            render(lang, &msg!("yaml-path-item", number = *number))
        } else {
            render(
                lang,
                &msg!("yaml-path-element", number = *number, list = list.as_str()),
            )
        };
        if let Some(title) = spans.and_then(|s| s.label(path)) {
            element = render(
                lang,
                &msg!("yaml-path-titled", element = element, title = short(title)),
            );
        }
        out = Some(match out {
            None => element,
            Some(inner) => render(
                lang,
                &msg!("yaml-path-within", inner = inner, outer = element),
            ),
        });
    }
    out.unwrap_or_else(|| field.to_string())
}

/// A title cut to a readable length for a field's name.
fn short(title: &str) -> String {
    const MAX: usize = 40;
    let words: Vec<&str> = title.split_whitespace().collect();
    let one_line = words.join(" ");
    if one_line.chars().count() <= MAX {
        return one_line;
    }
    let cut: String = one_line.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
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
    fn french_fields_count_positions_from_one_and_name_the_element() {
        let yaml = "items:\n".to_string()
            + &"  - title: Autre\n    kind: other\n".repeat(8)
            + "  - title: Affiche de stand pour les salons professionnels du secteur\n    updated: x\n";
        let s = spans(&yaml, 0);
        assert_eq!(
            field_words("items[8].updated", Lang::Fr, Some(&s)),
            "`updated` du 9e élément de `items` (« Affiche de stand pour les salons profess… »)"
        );
        assert_eq!(
            field_words("items[0]", Lang::Fr, Some(&s)),
            "1er élément de `items` (« Autre »)"
        );
        assert_eq!(
            field_words("a[1].b[0]", Lang::Fr, None),
            "1er élément de `b` du 2e élément de `a`"
        );
        assert_eq!(
            field_words("location.city", Lang::Fr, None),
            "location.city"
        );
        // English keeps the path as written.
        let site = site_with("content/kit.yaml", &yaml);
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("content/kit.yaml", "x").field("items[8].updated"));
        assert!(human(&ds, site.path(), Lang::En, false)
            .starts_with("content/kit.yaml: error: items[8].updated: x"));
        assert!(human(&ds, site.path(), Lang::Fr, false).starts_with(
            "content/kit.yaml: erreur: `updated` du 9e élément de `items` (« Affiche"
        ));
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
