//! Safe fixes of common YAML mistakes, for the messages and for `ambassade check --fix`.
//!
//! The one fix applied today: text holding `: ` (or ending with `:`) left unquoted, which YAML
//! reads as a new field: `title: Débat : quoi ?` becomes `title: "Débat : quoi ?"`. It is
//! safe because the quoted value is exactly the text the editor typed. `apply` changes only
//! the lines a diagnostic points at, byte for byte the rest of the file.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostics;

/// The id of the diagnostics `apply` knows how to fix.
pub const COLON_IN_VALUE: &str = "yaml-colon-in-value";

/// One line changed by `apply`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Relative to the site folder, as in the diagnostic.
    pub file: PathBuf,
    pub line: usize,
    pub before: String,
    pub after: String,
}

/// The parts of a `key: value` line (or `- key: value`): where the value starts (a byte
/// offset), and the value as written, without a trailing comment or spaces.
fn split_line(line: &str) -> Option<(usize, &str)> {
    let body = line.trim_start_matches([' ', '-']);
    let lead = line.len() - body.len();
    // Only a plain key: a quoted or complex key is not ours to touch.
    let colon = body.find(": ")?;
    let key = &body[..colon];
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    let after = &body[colon + 1..];
    let value_start = lead + colon + 1 + (after.len() - after.trim_start().len());
    let rest = &line[value_start..];
    // A plain value ends where a comment (` #`) starts.
    let value = match rest.find(" #") {
        Some(i) => &rest[..i],
        None => rest,
    };
    Some((value_start, value.trim_end()))
}

/// True when the 1-based `column` of `line` is inside its value (the `: ` YAML stumbled on
/// is in the text, not the key's own).
pub fn in_value(line: &str, column: usize) -> bool {
    split_line(line)
        .and_then(|(start, _)| line.get(..start))
        .is_some_and(|before| column > before.chars().count())
}

/// `line` with its value in double quotes, when the value is plain text holding `: ` or
/// ending with `:` (what YAML refuses), and quoting is all it needs.
pub fn quote_value(line: &str) -> Option<String> {
    let (start, value) = split_line(line)?;
    // Values YAML reads otherwise (quoted, lists, groups, blocks, anchors, tags…).
    if value.is_empty()
        || value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '%', '@', '`'])
    {
        return None;
    }
    if !(value.contains(": ") || value.ends_with(':')) {
        return None;
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    let end = start + value.len();
    Some(format!("{}\"{escaped}\"{}", &line[..start], &line[end..]))
}

/// For an unknown field on 1-based line `line_no` of `text`: the `key:` line it seems to
/// belong under, when it lost its indentation. That is the case when the line before it
/// (blank lines and comments aside) is a `key:` with no value at the same indentation, or is
/// more indented than it and belongs to such a `key:` block.
pub fn lost_indentation(text: &str, line_no: usize) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let this = lines.get(line_no.checked_sub(1)?)?;
    let indent = indentation(this);
    let mut deeper = false;
    for prev in lines[..line_no - 1].iter().rev() {
        let trimmed = prev.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let i = indentation(prev);
        if i > indent {
            deeper = true;
            continue;
        }
        if i < indent {
            return None;
        }
        let body = trimmed.split(" #").next().unwrap_or("").trim_end();
        let key = body.strip_suffix(':')?;
        let plain = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        // `key:` with nothing after it and nothing under it: its value is missing.
        let empty_block = !deeper;
        return (plain && (deeper || empty_block)).then(|| format!("{key}:"));
    }
    None
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Applies the safe fixes the diagnostics of `diags` call for, in the files under `root`;
/// the lines changed. A file is written only when one of its lines changes, and then only
/// those lines differ (line endings kept).
pub fn apply(root: &Path, diags: &Diagnostics) -> Vec<Change> {
    let mut changes = Vec::new();
    for d in diags.sorted() {
        let fixable = d.message.msg().is_some_and(|m| m.id == COLON_IN_VALUE);
        let (true, Some(line_no)) = (fixable, d.line) else {
            continue;
        };
        let path = root.join(&d.file);
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let mut pieces: Vec<&str> = text.split_inclusive('\n').collect();
        let Some(piece) = pieces.get(line_no.wrapping_sub(1)).copied() else {
            continue;
        };
        let content = piece.trim_end_matches(['\n', '\r']);
        let ending = &piece[content.len()..];
        let Some(fixed) = quote_value(content) else {
            continue;
        };
        let new_piece = format!("{fixed}{ending}");
        pieces[line_no - 1] = &new_piece;
        let new_text: String = pieces.concat();
        if fs::write(&path, new_text).is_ok() {
            changes.push(Change {
                file: d.file.clone(),
                line: line_no,
                before: content.to_string(),
                after: fixed,
            });
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_a_colon_are_quoted_and_escaped() {
        assert_eq!(
            quote_value("title: Débat : quelle protection sociale ?").as_deref(),
            Some("title: \"Débat : quelle protection sociale ?\"")
        );
        assert_eq!(
            quote_value("  - name: Atelier : \"le\" C:\\dossier # note").as_deref(),
            Some("  - name: \"Atelier : \\\"le\\\" C:\\\\dossier\" # note")
        );
        assert_eq!(
            quote_value("title: Programme :").as_deref(),
            Some("title: \"Programme :\"")
        );
        // Nothing to fix, or not safe to.
        assert_eq!(quote_value("title: Quoi ?"), None);
        assert_eq!(quote_value("title: 'Débat : x'"), None);
        assert_eq!(quote_value("location: { name: a, city: b }"), None);
        assert_eq!(quote_value("\"title\": a: b"), None);
    }

    #[test]
    fn the_colon_must_be_in_the_value() {
        let line = "region: Wallonie: Liège";
        assert!(in_value(line, 17));
        assert!(!in_value(line, 7));
    }

    #[test]
    fn a_line_that_lost_its_indentation_is_found() {
        let text = "title: A\nlocation:\n  name: Les Ateliers\ncity: Liège\nlevel: local\n";
        assert_eq!(lost_indentation(text, 4).as_deref(), Some("location:"));
        assert_eq!(lost_indentation(text, 5), None);
        let empty = "location:\n\ncity: Liège\n";
        assert_eq!(lost_indentation(empty, 3).as_deref(), Some("location:"));
        assert_eq!(lost_indentation("title: A\ncity: B\n", 2), None);
    }
}
