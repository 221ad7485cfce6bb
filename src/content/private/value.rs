//! One value of a private profile against its field of the identification sheet: the field's
//! kind says the value's type (text, an option, a list of options, a grid's ticked cells, yes
//! or no, a date), and every option, row and column must be one the sheet offers.

use serde_yaml::Value;

use super::super::files::FileCx;
use super::super::values::parse_date;
use crate::model::{Cell, FieldKind, Pick, ProfileValue, SheetField};
use crate::msg;

/// The value of `field` (written at `path`, the field's id), or `None` after reporting why not.
pub(super) fn value(
    cx: &mut FileCx,
    path: &str,
    field: &SheetField,
    v: &Value,
) -> Option<ProfileValue> {
    match field.kind {
        FieldKind::Text => text(cx, path, v).map(ProfileValue::Text),
        FieldKind::Lines => lines(cx, path, v).map(ProfileValue::Text),
        FieldKind::Choice => match v {
            Value::String(s) => option(cx, path, field, s).map(ProfileValue::Choice),
            _ => {
                expects_option(cx, path, field);
                None
            }
        },
        FieldKind::MultiChoice => choices(cx, path, field, v).map(ProfileValue::Choices),
        FieldKind::Grid => cells(cx, path, field, v).map(ProfileValue::Cells),
        FieldKind::YesNo => boolean(cx, path, v).map(ProfileValue::YesNo),
        FieldKind::Charter => boolean(cx, path, v).map(ProfileValue::Charter),
        FieldKind::Date => match v {
            Value::String(s) => cx.date(path, s).map(ProfileValue::Date),
            _ => {
                // An unquoted date is text in YAML; anything else cannot be one.
                let m = parse_date(&scalar_text(v)).err();
                cx.err(
                    path,
                    m.unwrap_or(msg!("private-expects-text")),
                    Some(msg!("content-date-hint")),
                );
                None
            }
        },
        FieldKind::Signature => {
            cx.err(
                path,
                msg!("private-signature-stored"),
                Some(msg!("private-signature-stored-hint", field = path)),
            );
            None
        }
    }
}

/// A scalar as it was written, for messages.
fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn text(cx: &mut FileCx, path: &str, v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()),
        _ => {
            // A phone number written without quotes is a number to YAML, which would drop its
            // leading zero: say so rather than guess.
            cx.err(
                path,
                msg!("private-expects-text"),
                Some(msg!("private-expects-text-hint", field = path)),
            );
            None
        }
    }
}

/// A `lines` field: one text (a `|` block keeps its line breaks), or a list of lines.
fn lines(cx: &mut FileCx, path: &str, v: &Value) -> Option<String> {
    match v {
        Value::Sequence(items) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                out.push(text(cx, &format!("{path}[{i}]"), item)?);
            }
            Some(out.join("\n"))
        }
        _ => text(cx, path, v),
    }
}

fn boolean(cx: &mut FileCx, path: &str, v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => {
            cx.err(
                path,
                msg!("private-expects-bool", value = scalar_text(v)),
                Some(msg!("private-expects-bool-hint", field = path)),
            );
            None
        }
    }
}

/// The labels of `labels`, quoted and comma-separated, for hints.
fn listed(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn option_labels(field: &SheetField) -> Vec<String> {
    field.options.iter().map(|o| o.label.clone()).collect()
}

fn expects_option(cx: &mut FileCx, path: &str, field: &SheetField) {
    cx.err(
        path,
        msg!("private-expects-option"),
        Some(msg!(
            "private-options-hint",
            options = listed(&option_labels(field))
        )),
    );
}

/// The option labelled `s`, written exactly as on the sheet (the schema editors' tools check
/// is as strict): a spelling differing only in case or accents is pointed out.
fn option(cx: &mut FileCx, path: &str, field: &SheetField, s: &str) -> Option<Pick> {
    let s = s.trim();
    if let Some(index) = field.options.iter().position(|o| o.label == s) {
        return Some(Pick {
            index,
            label: s.to_string(),
        });
    }
    let labels = option_labels(field);
    let hint = match labels.iter().find(|l| same_words(l, s)) {
        Some(l) => msg!("private-option-spelling-hint", option = l.as_str()),
        None => msg!("private-options-hint", options = listed(&labels)),
    };
    cx.err(path, msg!("private-not-an-option", value = s), Some(hint));
    None
}

/// Equal once case and accents are set aside (`Slug::from_text` folds both).
fn same_words(a: &str, b: &str) -> bool {
    match (
        crate::model::Slug::from_text(a),
        crate::model::Slug::from_text(b),
    ) {
        (Some(x), Some(y)) => x == y,
        _ => a.trim().eq_ignore_ascii_case(b.trim()),
    }
}

fn choices(cx: &mut FileCx, path: &str, field: &SheetField, v: &Value) -> Option<Vec<Pick>> {
    let Value::Sequence(items) = v else {
        let example = field
            .options
            .iter()
            .take(2)
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        cx.err(
            path,
            msg!("private-expects-list"),
            Some(msg!(
                "private-expects-list-hint",
                field = path,
                example = example
            )),
        );
        return None;
    };
    let mut picks = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let at = format!("{path}[{i}]");
        match item {
            Value::String(s) => match option(cx, &at, field, s) {
                Some(p) => picks.push(p),
                None => ok = false,
            },
            _ => {
                expects_option(cx, &at, field);
                ok = false;
            }
        }
    }
    picks.sort_by_key(|p| p.index);
    picks.dedup();
    ok.then_some(picks)
}

/// A grid: each row that has ticked cells, with the list of its ticked columns.
fn cells(cx: &mut FileCx, path: &str, field: &SheetField, v: &Value) -> Option<Vec<Cell>> {
    let example = || {
        (
            field.rows.first().cloned().unwrap_or_default(),
            field.columns.first().cloned().unwrap_or_default(),
        )
    };
    let Value::Mapping(map) = v else {
        let (row, column) = example();
        cx.err(
            path,
            msg!("private-expects-grid"),
            Some(msg!(
                "private-expects-grid-hint",
                field = path,
                row = row,
                column = column
            )),
        );
        return None;
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (k, cols) in map {
        let key = scalar_text(k);
        let at = format!("{path}.{key}");
        let Some(row) = field.rows.iter().position(|r| *r == key.trim()) else {
            cx.err(
                &at,
                msg!("private-not-a-row", row = key.as_str()),
                Some(msg!("private-rows-hint", rows = listed(&field.rows))),
            );
            ok = false;
            continue;
        };
        let items: Vec<&Value> = match cols {
            Value::Sequence(s) => s.iter().collect(),
            Value::String(_) => vec![cols],
            Value::Null => Vec::new(),
            _ => {
                let (_, column) = example();
                cx.err(
                    &at,
                    msg!("private-expects-grid"),
                    Some(msg!(
                        "private-expects-grid-hint",
                        field = path,
                        row = key.as_str(),
                        column = column
                    )),
                );
                ok = false;
                continue;
            }
        };
        for (i, c) in items.into_iter().enumerate() {
            let name = scalar_text(c);
            match field.columns.iter().position(|x| *x == name.trim()) {
                Some(column) => out.push(Cell { row, column }),
                None => {
                    let at = match cols {
                        Value::Sequence(_) => format!("{at}[{i}]"),
                        _ => at.clone(),
                    };
                    cx.err(
                        &at,
                        msg!("private-not-a-column", column = name.as_str()),
                        Some(msg!(
                            "private-columns-hint",
                            columns = listed(&field.columns)
                        )),
                    );
                    ok = false;
                }
            }
        }
    }
    out.sort();
    out.dedup();
    ok.then_some(out)
}
