//! Appending an entry to a YAML list as text, so that the rest of the file (comments,
//! layout, quoting) stays exactly as the editor wrote it.

use std::fs;
use std::path::{Path, PathBuf};

use super::{refused, Change, Created, NewError};
use crate::model::Slug;
use crate::msg;

/// Plans appending `entry` (a list item written at indentation 0) to the `list` of
/// `content/<file>`. `items` reads the file's current items as (id, text) pairs.
pub(super) fn append(
    content: &Path,
    file: &str,
    list: &str,
    id: &Slug,
    entry: &str,
    items: impl Fn(&str) -> Result<Vec<(Option<String>, String)>, String>,
) -> Result<Change, NewError> {
    let shown = PathBuf::from("content").join(file);
    let path = content.join(file);
    let text = fs::read_to_string(&path).map_err(|e| {
        refused(
            msg!(
                "new-cannot-read",
                file = shown.display().to_string(),
                error = e.to_string()
            ),
            msg!("new-cannot-read-hint"),
        )
    })?;
    let existing = items(&text).map_err(|e| {
        refused(
            msg!(
                "new-unreadable",
                file = shown.display().to_string(),
                error = e
            ),
            msg!("new-unreadable-hint"),
        )
    })?;
    for (given, name) in &existing {
        let other = given
            .as_deref()
            .and_then(Slug::parse)
            .or_else(|| Slug::from_text(name));
        if other.as_ref() == Some(id) {
            let m = msg!(
                "new-duplicate-id",
                file = shown.display().to_string(),
                id = id.to_string(),
                name = name
            );
            return Err(refused(m, msg!("new-duplicate-id-hint")));
        }
    }
    let (indent, separate) = list_layout(&text, list, &shown)?;
    let mut new_text = text.clone();
    if !new_text.ends_with('\n') {
        new_text.push('\n');
    }
    if separate {
        new_text.push('\n');
    }
    let line = new_text.lines().count() + 1;
    let pad = " ".repeat(indent);
    for l in entry.lines() {
        new_text.push_str(&pad);
        new_text.push_str(l);
        new_text.push('\n');
    }
    // The result must read back with one more item, ours last: otherwise the list was not
    // where the text scan thought, and nothing is written.
    let after = items(&new_text).ok();
    let ours_last = after.as_ref().is_some_and(|v| {
        v.len() == existing.len() + 1
            && v.last().and_then(|(i, _)| i.as_deref()) == Some(id.as_str())
    });
    if !ours_last {
        return Err(refused(
            msg!(
                "new-cannot-append",
                list = list,
                file = shown.display().to_string()
            ),
            msg!("new-cannot-append-hint", list = list),
        ));
    }
    Ok(Change {
        created: Created {
            path: shown,
            id: id.to_string(),
            line,
            appended: true,
            draft: false,
        },
        text: new_text,
        previous: Some(text),
    })
}

/// Where items of the top-level `list` go: their indentation, and whether the existing items
/// are separated by blank lines (then so is ours). Refuses when `list` is not the last
/// top-level key or is written in flow style (`[…]`).
fn list_layout(text: &str, list: &str, shown: &Path) -> Result<(usize, bool), NewError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut keys: Vec<(usize, String)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && (l.starts_with("---") || l.starts_with("...")) {
            return Err(refused(
                msg!("new-several-documents", file = shown.display().to_string()),
                msg!("new-several-documents-hint"),
            ));
        }
        let top = !l.is_empty()
            && !l.starts_with(char::is_whitespace)
            && !l.starts_with('#')
            && !l.starts_with('-')
            && !l.starts_with("---");
        if top {
            let key = l
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            keys.push((i, key.to_string()));
        }
    }
    let Some((at, last)) = keys.last() else {
        return Err(refused(
            msg!(
                "new-no-list",
                file = shown.display().to_string(),
                list = list
            ),
            msg!("new-add-list-hint", list = list),
        ));
    };
    if last != list {
        let hint = if keys.iter().any(|(_, k)| k == list) {
            msg!("new-move-list-hint", list = list, last = last)
        } else {
            msg!("new-add-list-hint", list = list)
        };
        return Err(refused(
            msg!(
                "new-list-not-last",
                list = list,
                file = shown.display().to_string()
            ),
            hint,
        ));
    }
    let after_colon = lines[*at].split_once(':').map(|(_, v)| v).unwrap_or("");
    let value = after_colon.split(" #").next().unwrap_or("").trim();
    if !value.is_empty() {
        return Err(refused(
            msg!(
                "new-list-on-one-line",
                list = list,
                file = shown.display().to_string()
            ),
            msg!("new-list-on-one-line-hint", list = list),
        ));
    }
    let mut indent = 2;
    let mut item_lines = Vec::new();
    for (i, l) in lines.iter().enumerate().skip(at + 1) {
        let t = l.trim_start();
        if t.starts_with("- ") || t == "-" {
            let this = l.len() - t.len();
            if item_lines.is_empty() {
                indent = this;
            }
            if this == indent {
                item_lines.push(i);
            }
        }
    }
    // Blank lines between items in the file: keep the habit.
    let separate = item_lines.windows(2).any(|w| {
        lines
            .get(w[1].saturating_sub(1))
            .is_some_and(|l| l.trim().is_empty())
    });
    Ok((indent, separate))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Result<(usize, bool), String> {
        list_layout(text, "terms", Path::new("content/lexicon.yaml")).map_err(|e| match e {
            NewError::Refused { message, .. } => message.to_string(),
            NewError::Invalid(_) => "invalid".into(),
        })
    }

    #[test]
    fn finds_the_indentation_and_spacing_of_the_list() {
        assert_eq!(layout("terms:\n  - term: a\n  - term: b\n"), Ok((2, false)));
        assert_eq!(
            layout("introduction: |\n  x\nterms:\n- term: a\n\n- term: b\n"),
            Ok((0, true))
        );
        assert_eq!(layout("terms:\n"), Ok((2, false)));
    }

    #[test]
    fn refuses_a_list_that_is_not_last_or_is_on_one_line() {
        let e = layout("terms:\n  - term: a\nintroduction: x\n").unwrap_err();
        assert!(e.contains("not the last part"), "{e}");
        let e = layout("introduction: x\nterms: [ ]\n").unwrap_err();
        assert!(e.contains("on one line"), "{e}");
        let e = layout("introduction: x\n").unwrap_err();
        assert!(e.contains("not the last part"), "{e}");
        let e = layout("terms:\n  - term: a\n---\nterms: []\n").unwrap_err();
        assert!(e.contains("several YAML documents"), "{e}");
    }
}
