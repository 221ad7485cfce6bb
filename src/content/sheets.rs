//! `sheets/*.yaml`: the printable forms (mission sheet, identification sheet), their sections
//! and fields. The mission sheet's `SheetChoice` fields take their option ids from the closed
//! vocabularies of `model`; `check_mission` holds each event's `mission:` values against the
//! options the sheet offers.

use std::collections::HashSet;
use std::path::PathBuf;

use super::files::{no_angle_brackets, FileCx};
use super::raw::{SheetFieldRaw, SheetFile, SheetOptionRaw};
use crate::model::{
    Axis, FieldKind, Mission, Sheet, SheetChoice, SheetField, SheetOption, SheetSection, Slug,
};

/// The options the mission sheet offers for each `SheetChoice` field, for the events' checks:
/// where the sheet is, and per field its line and option ids.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct MissionOptions {
    file: PathBuf,
    fields: Vec<(SheetChoice, Option<usize>, Vec<String>)>,
}

/// The mission sheet, and its options when it has no errors (the events are then checked
/// against them; a broken sheet's own errors say enough).
pub(super) fn mission_sheet(
    raw: SheetFile,
    cx: &mut FileCx,
) -> Option<(Sheet, Option<MissionOptions>)> {
    let errors_before = cx.diags.errors().count();
    let sheet = sheet(raw, cx, true)?;
    if cx.diags.errors().count() > errors_before {
        return Some((sheet, None));
    }
    let mut fields = Vec::new();
    for (i, s) in sheet.sections.iter().enumerate() {
        for (j, f) in s.fields.iter().enumerate() {
            if let Some(choice) = f.id.as_deref().and_then(SheetChoice::of_field) {
                let ids = f.options.iter().filter_map(|o| o.id.clone()).collect();
                let line = cx
                    .pos(&format!("sections[{i}].fields[{j}]"))
                    .map(|p| p.line);
                fields.push((choice, line, ids));
            }
        }
    }
    let file = cx.file.clone();
    Some((sheet, Some(MissionOptions { file, fields })))
}

pub(super) fn identification_sheet(raw: SheetFile, cx: &mut FileCx) -> Option<Sheet> {
    sheet(raw, cx, false)
}

/// Refuses a value of an event's `mission:` block (or its `axis`, when the sheet has an axis
/// field) that the mission sheet has no option for: it would tick nothing.
pub(super) fn check_mission(
    offer: &MissionOptions,
    axis: Option<Axis>,
    mission: &Mission,
    cx: &mut FileCx,
) {
    let sheet = offer.file.display();
    for &choice in SheetChoice::ALL {
        let values = choice.event_values(axis, mission);
        let offered = offer.fields.iter().find(|(c, ..)| *c == choice);
        for (i, value) in values.into_iter().enumerate() {
            let path = if choice.multiple() {
                format!("{}[{i}]", choice.event_key())
            } else {
                choice.event_key().to_string()
            };
            let field = choice.key();
            match offered {
                Some((_, line, ids)) if !ids.iter().any(|id| id == value) => {
                    let at = line.map(|l| format!(":{l}")).unwrap_or_default();
                    let others = if ids.is_empty() {
                        String::new()
                    } else {
                        format!(", or use one of its options: {}", ids.join(", "))
                    };
                    cx.error(
                        &path,
                        format!("`{value}` is not an option of the mission sheet's `{field}` field"),
                        Some(&format!(
                            "add `{{ id: {value}, label: … }}` to the options of `{field}` in {sheet}{at}{others}"
                        )),
                    );
                }
                // The axis is the event's own: a sheet may leave it out.
                None if choice != SheetChoice::Axis => cx.error(
                    &path,
                    format!("the mission sheet has no `{field}` field to tick `{value}` on"),
                    Some(&format!(
                        "add a field `id: {field}` with an option `{{ id: {value}, label: … }}` to {sheet}, or remove `{field}` from the mission"
                    )),
                ),
                _ => {}
            }
        }
    }
}

fn sheet(raw: SheetFile, cx: &mut FileCx, mission: bool) -> Option<Sheet> {
    let mut ids = HashSet::new();
    let mut sections = Vec::new();
    if raw.sections.is_empty() {
        cx.error(
            "sections",
            "the sheet has no sections",
            Some("add at least one section with fields"),
        );
    }
    for (i, s) in raw.sections.iter().enumerate() {
        let mut fields = Vec::new();
        for (j, f) in s.fields.iter().enumerate() {
            let p = format!("sections[{i}].fields[{j}]");
            let label = cx.required_text(&format!("{p}.label"), &f.label);
            if let Some(id) = &f.id {
                if Slug::parse(&id.replace('_', "-")).is_none() {
                    cx.error(
                        &format!("{p}.id"),
                        format!("`{id}` is not a valid field id"),
                        Some("use lowercase letters, digits, dashes or underscores"),
                    );
                } else if !ids.insert(id.clone()) {
                    cx.error(
                        &format!("{p}.id"),
                        format!("duplicate field id `{id}`"),
                        Some("each field of a sheet needs its own id"),
                    );
                }
            }
            let choice =
                f.id.as_deref()
                    .and_then(SheetChoice::of_field)
                    .filter(|_| mission);
            let options = options(f, choice, &p, cx);
            let needs_options = matches!(f.kind, FieldKind::Choice | FieldKind::MultiChoice);
            if needs_options && f.options.len() < 2 {
                cx.error(
                    &format!("{p}.options"),
                    format!("a `{}` field needs at least two options", f.kind.key()),
                    Some("list them: options: [Oui, Non, Peut-être]"),
                );
            }
            if !needs_options && !f.options.is_empty() {
                cx.error(
                    &format!("{p}.options"),
                    format!("a `{}` field has no options", f.kind.key()),
                    Some("use kind: choice or multichoice, or remove `options`"),
                );
            }
            let is_grid = f.kind == FieldKind::Grid;
            if is_grid && (f.rows.is_empty() || f.columns.is_empty()) {
                cx.error(
                    &p,
                    "a `grid` field needs `rows` and `columns`",
                    Some(
                        "e.g. rows: [Institutionnel, Politique] and columns: [Régional, National]",
                    ),
                );
            }
            if !is_grid && (!f.rows.is_empty() || !f.columns.is_empty()) {
                cx.error(
                    &p,
                    format!("a `{}` field has no rows or columns", f.kind.key()),
                    Some("use kind: grid, or remove `rows` and `columns`"),
                );
            }
            if f.lines.is_some() && f.kind != FieldKind::Lines {
                cx.error(
                    &format!("{p}.lines"),
                    format!("a `{}` field has no lines", f.kind.key()),
                    Some("use kind: lines, or remove `lines`"),
                );
            }
            let lines = f.lines.unwrap_or(3);
            if !(1..=30).contains(&lines) {
                cx.error(
                    &format!("{p}.lines"),
                    format!("{lines} lines is not between 1 and 30"),
                    None,
                );
            }
            fields.push(SheetField {
                id: f.id.clone(),
                label,
                kind: f.kind,
                help: f.help.clone(),
                lines,
                options,
                rows: f.rows.clone(),
                columns: f.columns.clone(),
            });
        }
        sections.push(SheetSection {
            title: cx.required_text(&format!("sections[{i}].title"), &s.title),
            fields,
        });
    }
    Some(Sheet {
        title: {
            let title = cx.required_text("title", &raw.title);
            no_angle_brackets(cx, "title", &title);
            title
        },
        introduction_html: cx.md_opt(&raw.introduction),
        sections,
    })
}

/// A field's options, checked: on a `SheetChoice` field each has an id of its vocabulary (once),
/// elsewhere none.
fn options(
    f: &SheetFieldRaw,
    choice: Option<SheetChoice>,
    p: &str,
    cx: &mut FileCx,
) -> Vec<SheetOption> {
    let Some(choice) = choice else {
        return f
            .options
            .iter()
            .enumerate()
            .map(|(k, o)| match o {
                SheetOptionRaw::Label(label) => SheetOption {
                    id: None,
                    label: cx.required_text(&format!("{p}.options[{k}]"), label),
                },
                SheetOptionRaw::Choice(c) => {
                    cx.error(
                        &format!("{p}.options[{k}].id"),
                        format!("the option `{}` has an id, but nothing ticks it", c.label),
                        Some("only the mission sheet's intervention, venue, axis, compensation and criteria fields take option ids: write the option as its label alone"),
                    );
                    SheetOption {
                        id: None,
                        label: c.label.clone(),
                    }
                }
            })
            .collect();
    };
    let field = choice.key();
    let values = choice.values();
    let event_key = choice.event_key();
    let kind_ok = if choice.multiple() {
        f.kind == FieldKind::MultiChoice
    } else {
        matches!(f.kind, FieldKind::Choice | FieldKind::MultiChoice)
    };
    if !kind_ok {
        let want = if choice.multiple() {
            "multichoice"
        } else {
            "choice"
        };
        cx.error(
            &format!("{p}.kind"),
            format!("the `{field}` field is ticked from the events' `{event_key}`: it must be a `{want}`"),
            Some(&format!("write `kind: {want}`, or give the field another id")),
        );
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (k, o) in f.options.iter().enumerate() {
        let at = format!("{p}.options[{k}]");
        match o {
            SheetOptionRaw::Label(label) => cx.error(
                &at,
                format!("the option `{label}` of `{field}` has no id"),
                Some(&format!(
                    "write `{{ id: …, label: {label} }}`, the id being the value of `{event_key}` in content/events/*.md that ticks it: {}",
                    values.join(", ")
                )),
            ),
            SheetOptionRaw::Choice(c) => {
                let label = cx.required_text(&format!("{at}.label"), &c.label);
                let id = c.id.trim();
                if !values.contains(&id) {
                    cx.error(
                        &format!("{at}.id"),
                        format!("`{id}` is not a value an event can give for `{field}`"),
                        Some(&format!(
                            "the option ids of `{field}` are the values of `{event_key}` in content/events/*.md: {}",
                            values.join(", ")
                        )),
                    );
                } else if !seen.insert(id.to_string()) {
                    cx.error(
                        &format!("{at}.id"),
                        format!("two options of `{field}` have the id `{id}`"),
                        Some("give each value one option"),
                    );
                } else {
                    out.push(SheetOption {
                        id: Some(id.to_string()),
                        label,
                    });
                }
            }
        }
    }
    out
}
