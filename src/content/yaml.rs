//! YAML reading with positions: serde for the typed structs, and a span index so that problems
//! found after deserialisation (a bad date, an unknown reference) still point at a line.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::yaml_errors::describe_error;
pub(crate) use super::yaml_errors::edit_distance;
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
    /// The text of the `title`, `name`, `term` and `id` values, by path: what people call
    /// an element of a list by (a sheet's fields have a `label`).
    labels: HashMap<String, String>,
}

/// The keys whose value names an element of a list, the first found winning.
const LABEL_KEYS: [&str; 5] = ["title", "name", "term", "label", "id"];

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

    /// What people call the element at `path` (`items[8]`): its `title`, `name`, `term`,
    /// `label` or `id`, when it has one as plain text.
    pub fn label(&self, path: &str) -> Option<&str> {
        let labels = &self.index().labels;
        LABEL_KEYS
            .iter()
            .find_map(|k| labels.get(&format!("{path}.{k}")))
            .map(String::as_str)
    }

    /// The first line after the document: in a Markdown file, where the text after the
    /// closing `---` begins.
    pub fn body_line(&self) -> usize {
        self.line_offset + self.text.lines().count() + 2
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
                    let named = LABEL_KEYS
                        .iter()
                        .any(|k| path.strip_suffix(k).is_some_and(|p| p.ends_with('.')));
                    if named {
                        self.spans.labels.entry(path.clone()).or_insert(text);
                    }
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
        assert_eq!(s.label("reps[1]"), Some("Y"));
        assert_eq!(s.label("reps[2]"), None);
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
        assert_eq!(
            super::super::yaml_errors::closest_field("unknown field `aide`, expected `id`"),
            None
        );
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
