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
use crate::msg;

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
    let sheet = offer.file.display().to_string();
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
                    let place = format!("{sheet}{at}");
                    let hint = if ids.is_empty() {
                        msg!(
                            "sheets-mission-value-not-option-hint",
                            value = value,
                            field = field,
                            sheet = place
                        )
                    } else {
                        msg!(
                            "sheets-mission-value-not-option-hint-options",
                            value = value,
                            field = field,
                            sheet = place,
                            options = ids.join(", ")
                        )
                    };
                    cx.err(
                        &path,
                        msg!(
                            "sheets-mission-value-not-option",
                            value = value,
                            field = field
                        ),
                        Some(hint),
                    );
                }
                // The axis is the event's own: a sheet may leave it out.
                None if choice != SheetChoice::Axis => cx.err(
                    &path,
                    msg!("sheets-mission-no-field", field = field, value = value),
                    Some(msg!(
                        "sheets-mission-no-field-hint",
                        field = field,
                        value = value,
                        sheet = &sheet
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
        cx.err(
            "sections",
            msg!("sheets-no-sections"),
            Some(msg!("sheets-no-sections-hint")),
        );
    }
    for (i, s) in raw.sections.iter().enumerate() {
        let mut fields = Vec::new();
        for (j, f) in s.fields.iter().enumerate() {
            let p = format!("sections[{i}].fields[{j}]");
            let label = cx.required_text(&format!("{p}.label"), &f.label);
            if let Some(id) = &f.id {
                if Slug::parse(&id.replace('_', "-")).is_none() {
                    cx.err(
                        &format!("{p}.id"),
                        msg!("sheets-field-id-invalid", id = id),
                        Some(msg!("sheets-field-id-invalid-hint")),
                    );
                } else if !ids.insert(id.clone()) {
                    cx.err(
                        &format!("{p}.id"),
                        msg!("sheets-field-id-duplicate", id = id),
                        Some(msg!("sheets-field-id-duplicate-hint")),
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
                cx.err(
                    &format!("{p}.options"),
                    msg!("sheets-options-too-few", kind = f.kind.key()),
                    Some(msg!("sheets-options-too-few-hint")),
                );
            }
            if !needs_options && !f.options.is_empty() {
                cx.err(
                    &format!("{p}.options"),
                    msg!("sheets-options-not-allowed", kind = f.kind.key()),
                    Some(msg!("sheets-options-not-allowed-hint")),
                );
            }
            let is_grid = f.kind == FieldKind::Grid;
            if is_grid && (f.rows.is_empty() || f.columns.is_empty()) {
                cx.err(
                    &p,
                    msg!("sheets-grid-without-rows"),
                    Some(msg!("sheets-grid-without-rows-hint")),
                );
            }
            if !is_grid && (!f.rows.is_empty() || !f.columns.is_empty()) {
                cx.err(
                    &p,
                    msg!("sheets-rows-not-allowed", kind = f.kind.key()),
                    Some(msg!("sheets-rows-not-allowed-hint")),
                );
            }
            if f.lines.is_some() && f.kind != FieldKind::Lines {
                cx.err(
                    &format!("{p}.lines"),
                    msg!("sheets-lines-not-allowed", kind = f.kind.key()),
                    Some(msg!("sheets-lines-not-allowed-hint")),
                );
            }
            let lines = f.lines.unwrap_or(3);
            if !(1..=30).contains(&lines) {
                cx.err(
                    &format!("{p}.lines"),
                    msg!("sheets-lines-range", lines = lines),
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
                    cx.err(
                        &format!("{p}.options[{k}].id"),
                        msg!("sheets-option-id-unused", label = &c.label),
                        Some(msg!("sheets-option-id-unused-hint")),
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
        cx.err(
            &format!("{p}.kind"),
            msg!(
                "sheets-choice-kind",
                field = field,
                event_key = event_key,
                kind = want
            ),
            Some(msg!("sheets-choice-kind-hint", kind = want)),
        );
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (k, o) in f.options.iter().enumerate() {
        let at = format!("{p}.options[{k}]");
        match o {
            SheetOptionRaw::Label(label) => cx.err(
                &at,
                msg!("sheets-option-without-id", label = label, field = field),
                Some(msg!(
                    "sheets-option-without-id-hint",
                    label = label,
                    event_key = event_key,
                    values = values.join(", ")
                )),
            ),
            SheetOptionRaw::Choice(c) => {
                let label = cx.required_text(&format!("{at}.label"), &c.label);
                let id = c.id.trim();
                if !values.contains(&id) {
                    cx.err(
                        &format!("{at}.id"),
                        msg!("sheets-option-not-in-vocabulary", id = id, field = field),
                        Some(msg!(
                            "sheets-option-not-in-vocabulary-hint",
                            field = field,
                            event_key = event_key,
                            values = values.join(", ")
                        )),
                    );
                } else if !seen.insert(id.to_string()) {
                    cx.err(
                        &format!("{at}.id"),
                        msg!("sheets-option-id-duplicate", field = field, id = id),
                        Some(msg!("sheets-option-id-duplicate-hint")),
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
