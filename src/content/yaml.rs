//! YAML reading with positions: serde for the typed structs, and a span index so that problems
//! found after deserialisation (a bad date, an unknown reference) still point at a line.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::yaml_limits;
use crate::diagnostic::{Diagnostic, Pos};

/// Where each value of a YAML document starts, keyed by its path (`location.city`,
/// `representatives[1].role`; the root is the empty path). The index is built on the first
/// question: most files have no problem to point at, and building it is a second parse.
#[derive(Debug, Default, Clone)]
pub struct Spans {
    text: String,
    line_offset: usize,
    index: std::sync::OnceLock<Index>,
}

#[derive(Debug, Default, Clone)]
struct Index {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    duplicates: Vec<Duplicate>,
}

/// A key written twice in the same mapping.
#[derive(Debug, Clone)]
pub struct Duplicate {
    /// Path of the mapping holding the key (empty for the top level).
    pub parent: String,
    pub key: String,
    pub first: Pos,
    pub second: Pos,
}

impl Spans {
    fn index(&self) -> &Index {
        self.index
            .get_or_init(|| build_index(&self.text, self.line_offset))
    }

    /// Position of the value at `path`, or of the closest ancestor that has one.
    pub fn value(&self, path: &str) -> Option<Pos> {
        let values = &self.index().values;
        let mut p = path;
        loop {
            if let Some(pos) = values.get(p) {
                return Some(*pos);
            }
            p = parent_path(p)?;
        }
    }

    /// Position of the key of the entry at `path` (falls back to the value's position).
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.index()
            .keys
            .get(path)
            .copied()
            .or_else(|| self.value(path))
    }

    /// The keys written twice in one mapping, in the order they appear.
    pub fn duplicates(&self) -> &[Duplicate] {
        &self.index().duplicates
    }
}

fn parent_path(p: &str) -> Option<&str> {
    if p.is_empty() {
        return None;
    }
    let cut = p.rfind(['.', '[']).unwrap_or(0);
    Some(&p[..cut])
}

enum Frame {
    Map {
        key: Option<String>,
        expecting_key: bool,
        /// Keys seen so far in this mapping, to find the ones written twice.
        seen: HashMap<String, Pos>,
        /// This mapping's own path and recorded start, until its first key is seen: the
        /// scanner marks a block mapping at its first `:`, the first key is the better place.
        start: Option<(String, Pos)>,
    },
    Seq {
        index: usize,
    },
}

struct SpanBuilder {
    stack: Vec<Frame>,
    spans: Index,
    line_offset: usize,
}

impl SpanBuilder {
    fn path(&self) -> String {
        let mut s = String::new();
        for f in &self.stack {
            match f {
                Frame::Map { key: Some(k), .. } => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(k);
                }
                Frame::Map { key: None, .. } => {}
                Frame::Seq { index } => {
                    s.push('[');
                    s.push_str(&index.to_string());
                    s.push(']');
                }
            }
        }
        s
    }

    fn pos(&self, m: Marker) -> Pos {
        // yaml-rust2 counts lines from 1 and columns from 0.
        Pos {
            line: m.line() + self.line_offset,
            column: m.col() + 1,
        }
    }

    /// After a complete value, the parent moves on to its next key or item.
    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { expecting_key, .. }) => *expecting_key = true,
            Some(Frame::Seq { index }) => *index += 1,
            None => {}
        }
    }

    /// True when the next node is a mapping key rather than a value.
    fn at_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Map {
                expecting_key: true,
                ..
            })
        )
    }
}

impl MarkedEventReceiver for SpanBuilder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = self.pos(mark);
        match ev {
            Event::Scalar(text, ..) => {
                if self.at_key() {
                    let parent = self.path();
                    if let Some(Frame::Map {
                        key,
                        expecting_key,
                        seen,
                        start,
                    }) = self.stack.last_mut()
                    {
                        if let Some((own, at)) = start.take() {
                            if (pos.line, pos.column) < (at.line, at.column) {
                                self.spans.values.insert(own, pos);
                            }
                        }
                        if let Some(first) = seen.get(&text) {
                            self.spans.duplicates.push(Duplicate {
                                parent,
                                key: text.clone(),
                                first: *first,
                                second: pos,
                            });
                        } else {
                            seen.insert(text.clone(), pos);
                        }
                        *key = Some(text);
                        *expecting_key = false;
                    }
                    let path = self.path();
                    self.spans.keys.entry(path).or_insert(pos);
                } else {
                    let path = self.path();
                    self.spans.values.entry(path).or_insert(pos);
                    self.value_done();
                }
            }
            Event::Alias(_) => {
                let path = self.path();
                self.spans.values.entry(path).or_insert(pos);
                self.value_done();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if self.at_key() {
                    // A complex key: give it a placeholder name so the value still gets a path.
                    if let Some(Frame::Map {
                        key,
                        expecting_key,
                        start,
                        ..
                    }) = self.stack.last_mut()
                    {
                        *key = Some("?".into());
                        *expecting_key = false;
                        *start = None;
                    }
                }
                let path = self.path();
                let first_time = !self.spans.values.contains_key(&path);
                self.spans.values.entry(path.clone()).or_insert(pos);
                self.stack.push(if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map {
                        key: None,
                        expecting_key: true,
                        seen: HashMap::new(),
                        start: first_time.then_some((path, pos)),
                    }
                } else {
                    Frame::Seq { index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.value_done();
            }
            _ => {}
        }
    }
}

/// The span index of `text`, built when first asked; `line_offset` is added to every line
/// (front matter).
pub fn spans(text: &str, line_offset: usize) -> Spans {
    Spans {
        text: text.to_string(),
        line_offset,
        index: std::sync::OnceLock::new(),
    }
}

fn build_index(text: &str, line_offset: usize) -> Index {
    let mut b = SpanBuilder {
        stack: Vec::new(),
        spans: Index::default(),
        line_offset,
    };
    // Syntax errors are reported by serde_yaml; a partial index is still useful.
    let _ = Parser::new_from_str(text).load(&mut b, false);
    let last = last_line(text, line_offset);
    for p in b.spans.values.values_mut().chain(b.spans.keys.values_mut()) {
        p.line = p.line.min(last);
    }
    b.spans
}

/// The last line of `text` as an editor counts lines (LF only). YAML parsers also break lines
/// at NEL and the Unicode separators, which would point past the end of the file.
fn last_line(text: &str, line_offset: usize) -> usize {
    text.split('\n').count() + line_offset
}

/// A parsed YAML document with the positions of its values.
pub struct Parsed<T> {
    pub value: T,
    pub spans: Spans,
}

/// Deserialises `text` (a whole file, or front matter starting at line `line_offset + 1`)
/// into `T`, or returns one diagnostic describing the first problem, with its position.
// A diagnostic is the error path, taken once per broken file: its size does not matter, and
// callers push it straight into a `Diagnostics` list.
#[allow(clippy::result_large_err)]
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    line_offset: usize,
) -> Result<Parsed<T>, Diagnostic> {
    yaml_limits::check(file, text, line_offset)?;
    match serde_yaml::from_str::<T>(text) {
        Ok(value) => Ok(Parsed {
            value,
            spans: spans(text, line_offset),
        }),
        Err(e) => {
            let mut d = describe_error(file, text, line_offset, &e);
            d.line = d.line.map(|l| l.min(last_line(text, line_offset)));
            Err(d)
        }
    }
}

fn describe_error(
    file: &Path,
    text: &str,
    line_offset: usize,
    e: &serde_yaml::Error,
) -> Diagnostic {
    let raw = e.to_string();
    // serde_yaml appends " at line L column C"; we report the position in our own format.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let (mut message, field) = split_field_prefix(&message);
    let mut pos = e.location().map(|l| Pos {
        line: l.line() + line_offset,
        column: l.column(),
    });
    let line_text = e
        .location()
        .and_then(|l| text.lines().nth(l.line().saturating_sub(1)))
        .unwrap_or("");
    let mut hint = hint_for(&message, line_text, text);

    let at_char = e
        .location()
        .and_then(|l| line_text.chars().nth(l.column().saturating_sub(1)));
    if message.contains("cannot start any token") && at_char == Some('\t') {
        message = "a tab character is not allowed here".into();
    }
    // libyaml names what it was reading and where it began: for a quote that is never
    // closed, the problem is at the opening quote, not at the end of the file.
    if let Some((context, line, column)) = syntax_context(&raw) {
        if context == "while scanning a quoted scalar" {
            message = "this quote is never closed".into();
            pos = Some(Pos {
                line: line + line_offset,
                column,
            });
            hint = Some("close the quote at the end of the value, or remove it: quotes are only needed around text containing `: ` or ` #`".into());
        }
        let flow = match context {
            "while parsing a flow sequence" => {
                Some(("list", '[', ']', "themes: [coopération, culture]"))
            }
            "while parsing a flow mapping" => Some((
                "group",
                '{',
                '}',
                "location: { name: Les Ateliers, city: Bruxelles }",
            )),
            _ => None,
        };
        if let Some((what, open, close, example)) = flow {
            message = format!(
                "the {what} opened here with `{open}` is not closed, or a comma is missing in it"
            );
            pos = Some(Pos {
                line: line + line_offset,
                column,
            });
            hint = Some(format!("write it on one line, items separated by commas, and end it with `{close}`, e.g. {example}"));
        }
    }
    if let Some(name) = message
        .strip_prefix("duplicate field `")
        .and_then(|m| m.strip_suffix('`'))
    {
        let spans = spans(text, line_offset);
        let parent = field.clone().unwrap_or_default();
        let dup = spans
            .duplicates()
            .iter()
            .find(|d| d.key == name && d.parent == parent)
            .or_else(|| spans.duplicates().iter().find(|d| d.key == name));
        if let Some(d) = dup {
            message = format!(
                "the field `{name}` is written twice (first at line {})",
                d.first.line
            );
            pos = Some(d.second);
        } else {
            message = format!("the field `{name}` is written twice");
        }
        hint = Some("keep only one of them".into());
    }
    if message.starts_with("invalid type: ") || message.starts_with("invalid value: ") {
        message = plain_type_message(&message);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        message = format!("unknown value {rest}");
    }
    // Typed or spelled as an escape (found by `yaml_limits`), the same message.
    if let Some((m, at)) = yaml_limits::typed_control(&message, text, line_offset) {
        message = m;
        pos = at.or(pos);
        hint = Some(yaml_limits::CONTROL_CHARACTER_HINT.into());
    }
    if message == "recursion limit exceeded" {
        message = yaml_limits::too_deep();
        hint = Some(yaml_limits::TOO_DEEP_HINT.into());
    }
    if message == "mapping values are not allowed in this context" {
        message = "unexpected `: ` here: it starts a new field where none can be".into();
    }

    let mut d = Diagnostic::error(file, message).at(pos);
    if let Some(f) = field {
        d = d.field(f);
    }
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// The `, while … at line L column C` part of a libyaml message: what it was reading, and
/// where that began (1-based line within `raw`'s document, 1-based column).
fn syntax_context(raw: &str) -> Option<(&str, usize, usize)> {
    let i = raw.find(", while ")?;
    let rest = &raw[i + 2..];
    let (context, mark) = rest.split_once(" at line ")?;
    let (line, column) = mark.split_once(" column ")?;
    Some((
        context,
        line.trim().parse().ok()?,
        column.trim().parse().ok()?,
    ))
}

/// Rewrites serde's `invalid type: X, expected Y` in an editor's words: `expected Y, found X`.
fn plain_type_message(message: &str) -> String {
    let body = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .unwrap_or(message);
    let Some((found, expected)) = body.split_once(", expected ") else {
        return message.to_string();
    };
    let found = match found {
        "sequence" => "a list".to_string(),
        "map" => "a group of fields".to_string(),
        "unit value" => "an empty value".to_string(),
        f => {
            if let Some(s) = f.strip_prefix("string ") {
                format!("the text {s}")
            } else if let Some(n) = f
                .strip_prefix("integer ")
                .or_else(|| f.strip_prefix("floating point "))
            {
                format!("the number {}", n.trim_matches('`'))
            } else if let Some(b) = f.strip_prefix("boolean ") {
                b.to_string()
            } else {
                f.to_string()
            }
        }
    };
    let expected = match expected {
        "a string" => "a text",
        "a sequence" => "a list",
        "a boolean" => "`true` or `false`",
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" | "u64" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" => "a whole number",
        "f32" | "f64" => "a number",
        e if e.starts_with("struct ") => "a group of fields (`name: value` lines)",
        e => e,
    };
    format!("expected {expected}, found {found}")
}

/// serde_yaml prefixes errors inside nested values with their path (`location.city: …`).
fn split_field_prefix(msg: &str) -> (String, Option<String>) {
    if let Some((head, tail)) = msg.split_once(": ") {
        let looks_like_path = !head.is_empty()
            && !head.contains(' ')
            && head
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if looks_like_path {
            return (tail.to_string(), Some(head.to_string()));
        }
    }
    (msg.to_string(), None)
}

/// For `unknown field `x`, expected one of `a`, `b``: the allowed name closest to `x`, when
/// it is close enough to be a typo (one edit per three letters, a swap counting as one).
fn closest_field(message: &str) -> Option<String> {
    let names: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (typo, allowed) = names.split_first()?;
    let limit = (typo.chars().count() / 3).max(1);
    allowed
        .iter()
        .map(|a| (edit_distance(typo, a), *a))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, a)| a.to_string())
}

/// Edit distance by characters, where swapping two neighbours counts as one edit.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

fn hint_for(message: &str, line_text: &str, whole: &str) -> Option<String> {
    if line_text.contains('\t')
        || (message.contains("cannot start any token") && whole.contains('\t'))
    {
        return Some(
            "YAML indentation uses spaces only: replace the tab characters by spaces".into(),
        );
    }
    if message.starts_with("unknown field") {
        if let Some(guess) = closest_field(message) {
            return Some(format!("did you mean `{guess}`?"));
        }
        return Some(
            "check the spelling of the field name; the allowed fields are listed in the README"
                .into(),
        );
    }
    if message.starts_with("missing field") {
        return Some("add this field: it is required".into());
    }
    if message.starts_with("unknown variant") {
        return Some("use one of the listed values, spelled exactly".into());
    }
    if message.contains("duplicate entry") || message.contains("duplicate field") {
        return Some("a key appears twice in the same block: keep only one".into());
    }
    if message.contains("did not find expected key")
        || message.contains("mapping values are not allowed")
    {
        return Some("check the indentation of this line and the one before it, and quote text that contains ': '".into());
    }
    if message.contains("found unexpected end of stream") || message.contains("quoted scalar") {
        return Some("a quote is opened and never closed".into());
    }
    if message.starts_with("invalid type") {
        return Some(
            "this value has the wrong form: see the field's description in the README".into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_follow_nested_paths() {
        let text = "title: A\nlocation:\n  city: Liège\nreps:\n  - name: X\n    role: staff\n  - name: Y\n";
        let s = spans(text, 1);
        assert_eq!(s.value("title"), Some(Pos { line: 2, column: 8 }));
        assert_eq!(s.value("location.city"), Some(Pos { line: 4, column: 9 }));
        assert_eq!(
            s.value("reps[0].role"),
            Some(Pos {
                line: 7,
                column: 11
            })
        );
        assert_eq!(
            s.value("reps[1].name"),
            Some(Pos {
                line: 8,
                column: 11
            })
        );
        assert_eq!(s.key("location.city"), Some(Pos { line: 4, column: 3 }));
        // Unknown paths fall back to the nearest ancestor.
        assert_eq!(s.value("reps[1].missing").map(|p| p.line), Some(8));
    }

    #[test]
    fn flow_sequences_are_indexed() {
        let s = spans("exceptions: [2027-04-06, 2027-05-04]\n", 0);
        assert_eq!(
            s.value("exceptions[1]"),
            Some(Pos {
                line: 1,
                column: 26
            })
        );
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
    }

    #[test]
    fn unknown_field_gets_position_and_hint() {
        let e = parse::<T>(Path::new("f.yaml"), "title: a\ntitel: b\n", 0)
            .err()
            .unwrap();
        assert!(
            e.message.starts_with("unknown field `titel`"),
            "{}",
            e.message
        );
        assert_eq!(e.line, Some(2));
        assert!(e.hint.is_some());
    }

    #[test]
    fn block_mappings_start_at_their_first_key() {
        let s = spans("items:\n  - title: A\n    kind: x\nflow: { a: 1 }\n", 0);
        assert_eq!(s.value(""), Some(Pos { line: 1, column: 1 }));
        assert_eq!(s.value("items[0]"), Some(Pos { line: 2, column: 5 }));
        assert_eq!(s.value("flow"), Some(Pos { line: 4, column: 7 }));
    }

    #[test]
    fn duplicate_keys_point_at_the_second_one() {
        let e = parse::<T>(Path::new("f.yaml"), "title: a\n# note\ntitle: c\n", 0)
            .err()
            .unwrap();
        assert_eq!(
            e.message,
            "the field `title` is written twice (first at line 1)"
        );
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn typed_and_escaped_control_characters_read_alike() {
        let typed = parse::<T>(Path::new("f.md"), "title: \"Salon éé\u{1} de\"\n", 1)
            .err()
            .unwrap();
        let escaped = parse::<T>(Path::new("f.md"), "title: \"Salon éé\\x01 de\"\n", 1)
            .err()
            .unwrap();
        assert_eq!(typed.message, escaped.message);
        assert_eq!(
            typed.message,
            "control characters are not allowed (U+0001 in this text)"
        );
        assert_eq!(typed.hint, escaped.hint);
        assert_eq!((typed.line, typed.column), (Some(2), Some(17)));
        assert_eq!(escaped.line, Some(2));
    }

    #[test]
    fn unclosed_quote_points_at_the_quote() {
        let e = parse::<T>(Path::new("f.md"), "title: \"abc\nx: y\n", 1)
            .err()
            .unwrap();
        assert_eq!(e.message, "this quote is never closed");
        assert_eq!((e.line, e.column), (Some(2), Some(8)));
    }

    #[test]
    fn type_errors_use_plain_words() {
        let e = parse::<T>(Path::new("f.yaml"), "title: [a, b]\n", 0)
            .err()
            .unwrap();
        assert_eq!(e.message, "expected a text, found a list");
        assert_eq!(e.field.as_deref(), Some("title"));
    }

    #[test]
    fn typos_get_a_suggestion() {
        let e = parse::<T>(Path::new("f.yaml"), "titel: b\n", 0)
            .err()
            .unwrap();
        assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(closest_field("unknown field `aide`, expected `id`"), None);
    }

    #[test]
    fn tab_indentation_is_explained() {
        let e = parse::<T>(Path::new("f.yaml"), "title:\n\t- a\n", 0)
            .err()
            .unwrap();
        assert!(e.hint.unwrap().contains("tab"));
    }

    #[test]
    fn next_line_characters_never_point_past_the_end() {
        // NEL is a line break for YAML parsers but not for editors.
        let s = spans("title: \u{85}A", 0);
        assert!(s.value("title").is_some_and(|p| p.line == 1));
        if let Err(d) = parse::<T>(Path::new("f.yaml"), "title: \u{85}A\n", 0) {
            assert!(d.line.unwrap_or(1) <= 2, "{d}");
        }
    }
}
