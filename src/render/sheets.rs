//! The printable mission and identification sheets, blank and (for events with a `mission:`
//! block) pre-filled. The form itself is content (`content/sheets/*.yaml`); this module turns
//! it into template variables and fills in what an event already says.

use serde_json::{json, Value};

use super::page::PageMeta;
use super::{object, RenderCx, Section};
use crate::model::{Event, FieldKind, PrivateProfile, ProfileValue, Sheet, SheetChoice};
use crate::output::Output;
use crate::routes::{url, SheetKind};

/// A blank sheet (the pre-filled ones come with their event: `event_sheet`).
pub fn blank(cx: &RenderCx, kind: SheetKind, out: &mut Output) {
    let sheets = &cx.site.content.sheets;
    let (sheet, path) = match kind {
        SheetKind::Mission => (&sheets.mission, cx.link(url::MISSION_SHEET)),
        SheetKind::Identification => (&sheets.identification, cx.link(url::IDENTIFICATION_SHEET)),
    };
    cx.page(
        "sheet.html",
        PageMeta::with_site_description(cx, sheet.title.clone(), &path, Section::Sheet),
        object([
            ("sheet", sheet_vars(cx, kind.key(), sheet)),
            ("event", Value::Null),
        ]),
        out,
    );
}

/// The mission sheet of an event with a `mission:` block, filled in from it; `event` holds the
/// event's template variables (`RenderCx::event_full`).
pub fn event_sheet(cx: &RenderCx, ev: &Event, path: &str, event: Value, out: &mut Output) {
    let sheets = &cx.site.content.sheets;
    cx.page(
        "sheet.html",
        PageMeta::with_site_description(
            cx,
            format!("{} — {}", sheets.mission.title, ev.title),
            path,
            Section::Sheet,
        ),
        object([("sheet", filled_mission(cx, ev)), ("event", event)]),
        out,
    );
}

/// The blank mission sheet's variables, made once per render: each event's sheet is a copy
/// with the event's answers filled in.
pub struct MissionBlank {
    vars: Value,
}

impl MissionBlank {
    pub fn new(cx: &RenderCx) -> MissionBlank {
        MissionBlank {
            vars: sheet_vars(cx, "mission", &cx.site.content.sheets.mission),
        }
    }
}

/// The mission sheet's variables with what `ev` already says filled in.
fn filled_mission(cx: &RenderCx, ev: &Event) -> Value {
    let mut vars = cx.mission_blank().vars.clone();
    for (si, section) in cx.site.content.sheets.mission.sections.iter().enumerate() {
        for (fi, f) in section.fields.iter().enumerate() {
            let Some(pre) = f.id.as_deref().and_then(|id| prefill(cx, ev, id)) else {
                continue;
            };
            let field = &mut vars["sections"][si]["fields"][fi];
            match pre {
                Prefill::Text(text) => {
                    field["has_value"] = Value::Bool(!text.is_empty());
                    let (width, least) = if f.kind == FieldKind::Lines {
                        (LINE_CHARS, usize::from(f.lines))
                    } else {
                        (LINE_CHARS * 2 / 5, 1)
                    };
                    let rows = rows_for(&text, width).max(least);
                    field["text_rows"] = Value::from(rows);
                    field["value"] = Value::String(text);
                }
                Prefill::Options(ids) => {
                    for (oi, o) in f.options.iter().enumerate() {
                        if o.id.as_deref().is_some_and(|id| ids.contains(&id)) {
                            field["options"][oi]["checked"] = Value::Bool(true);
                        }
                    }
                }
            }
        }
    }
    vars
}

/// An ambassador's identification sheet filled in from their private profile, for the
/// support group (`ambassade sheets`): written at `path` of `out`, never part of the site. The
/// theme's stylesheet is inlined so that the file stands alone.
pub fn profile_sheet(cx: &RenderCx, p: &PrivateProfile, path: &str, out: &mut Output) {
    let sheet = &cx.site.content.sheets.identification;
    let mut vars = sheet_vars(cx, "identification", sheet);
    vars["stylesheet"] = cx
        .theme
        .statics
        .get("assets/style.css")
        .map(|css| Value::String(String::from_utf8_lossy(css).into_owned()))
        .unwrap_or(Value::Null);
    for (si, section) in sheet.sections.iter().enumerate() {
        for (fi, f) in section.fields.iter().enumerate() {
            let Some(value) = f.id.as_deref().and_then(|id| p.values.get(id)) else {
                continue;
            };
            let field = &mut vars["sections"][si]["fields"][fi];
            let text = |t: String, field: &mut Value| {
                let (width, least) = if f.kind == FieldKind::Lines {
                    (LINE_CHARS, usize::from(f.lines))
                } else {
                    (LINE_CHARS * 2 / 5, 1)
                };
                field["text_rows"] = Value::from(rows_for(&t, width).max(least));
                field["has_value"] = Value::Bool(!t.is_empty());
                field["value"] = Value::String(t);
            };
            match value {
                ProfileValue::Text(t) => text(t.clone(), field),
                ProfileValue::Date(d) => text(cx.words().date(*d), field),
                ProfileValue::Choice(pick) => {
                    field["options"][pick.index]["checked"] = Value::Bool(true);
                }
                ProfileValue::Choices(picks) => {
                    for pick in picks {
                        field["options"][pick.index]["checked"] = Value::Bool(true);
                    }
                }
                ProfileValue::Cells(cells) => {
                    // As the template numbers them: `loop.index` of the row and the column.
                    let keys: Vec<String> = cells
                        .iter()
                        .map(|c| format!("{}-{}", c.row + 1, c.column + 1))
                        .collect();
                    field["has_cells"] = Value::Bool(!keys.is_empty());
                    field["cells"] = json!(keys);
                }
                ProfileValue::YesNo(b) | ProfileValue::Charter(b) => {
                    field["value"] = Value::from(if *b { "yes" } else { "no" });
                }
            }
        }
    }
    let title = format!("{} — {}", sheet.title, p.display_name());
    cx.page(
        "sheet.html",
        PageMeta::with_site_description(cx, title, path, Section::Sheet),
        object([("sheet", vars), ("event", Value::Null)]),
        out,
    );
}

/// About how many characters a line holds across the sheet, printed or on a desktop screen
/// (a little less than half that in a column).
const LINE_CHARS: usize = 80;

/// The rows a text needs, `width` characters a row: a browser that cannot size a text box to its
/// content (`field-sizing`) without JavaScript prints only the rows it was given.
fn rows_for(text: &str, width: usize) -> usize {
    text.lines()
        .map(|l| l.chars().count().div_ceil(width).max(1))
        .sum()
}

/// What an event says for a field id of the mission sheet: free text, or option ids to tick.
enum Prefill {
    Text(String),
    Options(Vec<&'static str>),
}

fn prefill(cx: &RenderCx, ev: &Event, id: &str) -> Option<Prefill> {
    let m = ev.mission.as_ref()?;
    let w = &cx.theme.words;
    let text = |s: &Option<String>| {
        s.clone()
            .filter(|s| !s.trim().is_empty())
            .map(Prefill::Text)
    };
    if let Some(choice) = SheetChoice::of_field(id) {
        let ids = choice.event_values(ev.axis, m);
        return (!ids.is_empty()).then_some(Prefill::Options(ids));
    }
    match id {
        "title" => Some(Prefill::Text(ev.title.clone())),
        "date" => Some(Prefill::Text(cx.words().when(&ev.when))),
        "place" => {
            let mut parts: Vec<String> = Vec::new();
            if let Some(l) = &ev.location {
                for p in [&l.name, &l.address, &l.city].into_iter().flatten() {
                    parts.push(p.clone());
                }
            }
            if let Some(u) = &ev.online {
                parts.push(u.to_string());
            }
            (!parts.is_empty()).then(|| Prefill::Text(parts.join(", ")))
        }
        "audience" => text(&m.audience),
        "objectives" => text(&m.objectives_text),
        "expectations" => text(&m.expectations_text),
        "preparation" => text(&m.preparation_text),
        "contact" => text(&m.contact),
        "report" | "questions" | "report_date" => report_prefill(cx, ev, id),
        "binome" => {
            // Names are published only with consent; the others are named by their role.
            let who: Vec<String> = ev
                .representatives
                .iter()
                .map(|r| match &r.public_name {
                    Some(n) => format!("{n} ({})", w.roles.get(r.role)),
                    None => w.binome_unnamed.get(r.role).to_string(),
                })
                .collect();
            (!who.is_empty()).then(|| Prefill::Text(who.join(" ; ")))
        }
        _ => None,
    }
}

/// The "after the mission" fields from the event's published report: what happened (its
/// summary, messages and organisations, each labelled), the questions, the report's date.
fn report_prefill(cx: &RenderCx, ev: &Event, id: &str) -> Option<Prefill> {
    let r = crate::site::published_report(ev, cx.site.today)?;
    let text = |p: &Option<crate::model::ReportPart>| p.as_ref().map(|p| p.text.clone());
    match id {
        "report" => {
            let t = &cx.theme.t["reports"];
            let label = |key: &str| t[key].as_str().unwrap_or_default().to_string();
            let parts: Vec<String> = [
                text(&r.summary),
                text(&r.messages).map(|m| {
                    format!(
                        "{}
{m}",
                        label("sheet_messages")
                    )
                }),
                text(&r.organisations).map(|o| {
                    format!(
                        "{}
{o}",
                        label("sheet_organisations")
                    )
                }),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!parts.is_empty()).then(|| {
                Prefill::Text(parts.join(
                    "

",
                ))
            })
        }
        "questions" => text(&r.questions).map(Prefill::Text),
        _ => Some(Prefill::Text(r.date.format("%d/%m/%Y").to_string())),
    }
}

/// A sheet's template variables, blank (`filled_mission` fills in an event's answers).
fn sheet_vars(cx: &RenderCx, kind: &str, sheet: &Sheet) -> Value {
    let commitments: Vec<&str> = cx
        .site
        .content
        .charter
        .commitments
        .iter()
        .map(|c| c.title.as_str())
        .collect();
    let sections: Vec<Value> = sheet
        .sections
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let fields: Vec<Value> = s
                .fields
                .iter()
                .enumerate()
                .map(|(fi, f)| {
                    let name = match &f.id {
                        Some(id) => format!("{kind}-{}", id.replace('_', "-")),
                        None => format!("{kind}-{}-{}", si + 1, fi + 1),
                    };
                    let options: Vec<Value> = f
                        .options
                        .iter()
                        .enumerate()
                        .map(|(oi, o)| {
                            let value = o.id.as_deref().unwrap_or(&o.label);
                            json!({"label": o.label, "value": value, "checked": false, "control_id": format!("champ-{name}-{}", oi + 1)})
                        })
                        .collect();
                    let is = |k: FieldKind| f.kind == k;
                    // The template tests these booleans rather than strings: it runs for every
                    // pre-filled sheet, and Tera copies and escapes a string it compares.
                    json!({
                        "name": name, "control_id": format!("champ-{name}"), "label": f.label,
                        "kind": f.kind.key(), "help": f.help,
                        "has_help": f.help.as_ref().is_some_and(|h| !h.is_empty()),
                        "lines": f.lines, "text_rows": if is(FieldKind::Lines) { f.lines } else { 1 }, "options": options, "rows": f.rows, "columns": f.columns,
                        "value": Value::Null, "has_value": false, "has_cells": false,
                        "commitments": if is(FieldKind::Charter) { commitments.clone() } else { Vec::new() },
                        "is_lines": is(FieldKind::Lines), "is_date": is(FieldKind::Date),
                        "is_options": is(FieldKind::Choice) || is(FieldKind::MultiChoice) || is(FieldKind::YesNo),
                        "is_yesno": is(FieldKind::YesNo), "is_grid": is(FieldKind::Grid),
                        "is_charter": is(FieldKind::Charter), "is_signature": is(FieldKind::Signature),
                        "input_type": if is(FieldKind::Choice) { "radio" } else { "checkbox" },
                    })
                })
                .collect();
            json!({"title": s.title, "fields": fields})
        })
        .collect();
    let header = format!(
        "{} · {}",
        cx.site.content.config.organisation.name, sheet.title
    );
    json!({
        "kind": kind, "title": sheet.title, "introduction_html": sheet.introduction_html, "sections": sections,
        // The sheets' own words (`sheets/*.yaml`) are never translated.
        "fallback_lang": cx.fallback_lang(true),
        "page_header_css": css_string(&header), "stylesheet": Value::Null,
    })
}

/// A CSS string literal holding `s`, safe inside a `<style>` element: quotes and backslashes
/// escaped, and `<` written as an escape so no `</style>` can close the element early.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '<' | '>' | '&' => out.push_str(&format!("\\{:X} ", c as u32)),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn css_strings_cannot_break_out() {
        assert_eq!(
            super::css_string(r#"a "b" \ </style>"#),
            r#""a \"b\" \\ \3C /style\3E ""#
        );
    }

    #[test]
    fn rows_count_wrapped_lines() {
        assert_eq!(super::rows_for("court", 10), 1);
        assert_eq!(super::rows_for("0123456789a\nb\n\nc", 10), 5);
    }
}
