//! `sheets/*.yaml`: the printable forms (mission sheet, identification sheet), their sections
//! and fields.

use std::collections::HashSet;

use super::files::{no_angle_brackets, FileCx};
use super::raw::SheetFile;
use crate::model::{FieldKind, Sheet, SheetField, SheetSection, Slug};

pub(super) fn sheet(raw: SheetFile, cx: &mut FileCx) -> Option<Sheet> {
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
                options: f.options.clone(),
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
