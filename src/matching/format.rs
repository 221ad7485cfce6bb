//! The rankings of `match` as text for a terminal, CSV for a spreadsheet, JSON for programs and
//! a standalone HTML page for the support group, in the language of the run. Private material:
//! the command writes it to the terminal or a file outside the site, never into it.

use serde_json::{json, Value};

use super::{Candidate, MissionMatch, Reason};
use crate::escape::html as esc;
use crate::i18n::{render, Lang, Msg};
use crate::msg;
use chrono::NaiveDate;

/// A reason with its points: `+3 shared theme: culture`.
fn reason(lang: Lang, r: &Reason) -> String {
    format!("{:+} {}", r.points, render(lang, &r.text))
}

fn reasons(lang: Lang, c: &Candidate) -> Vec<String> {
    c.reasons.iter().map(|r| reason(lang, r)).collect()
}

fn why(lang: Lang, why: &[Msg]) -> Vec<String> {
    why.iter().map(|m| render(lang, m)).collect()
}

/// The line under a mission's title: its date, seats and deadline.
fn heading(lang: Lang, m: &MissionMatch) -> String {
    let (start, end) = (m.when.start_date(), m.when.end_date());
    let date = if start == end {
        start.to_string()
    } else {
        format!("{start} – {end}")
    };
    render(
        lang,
        &msg!(
            "private-match-heading",
            date = date,
            left = m.seats_left,
            seats = m.seats,
            deadline = m.deadline.to_string()
        ),
    )
}

fn none_line(lang: Lang, today: NaiveDate) -> String {
    render(
        lang,
        &msg!("private-match-no-calls", today = today.to_string()),
    )
}

/// Plain text: per mission, the ranked ambassadors with their reasons, then the others.
pub fn table(matches: &[MissionMatch], lang: Lang, today: NaiveDate) -> String {
    let mut out = String::new();
    out.push_str(&render(lang, &msg!("private-match-private")));
    out.push_str("\n\n");
    if matches.is_empty() {
        out.push_str(&none_line(lang, today));
        out.push('\n');
    }
    for m in matches {
        out.push_str(&format!("{} ({})\n{}\n", m.title, m.slug, heading(lang, m)));
        if m.ranked.is_empty() {
            out.push_str(&format!(
                "  {}\n",
                render(lang, &msg!("private-match-nobody"))
            ));
        }
        for (i, c) in m.ranked.iter().enumerate() {
            // The first `seats_left` are those the score suggests.
            let mark = if i < m.seats_left as usize { '*' } else { ' ' };
            out.push_str(&format!(
                "{mark}{:>3}. {:>3}  {} ({})\n",
                i + 1,
                c.score,
                c.name,
                c.id
            ));
            for r in reasons(lang, c) {
                out.push_str(&format!("            {r}\n"));
            }
        }
        if !m.unavailable.is_empty() {
            out.push_str(&format!(
                "  {}\n",
                render(lang, &msg!("private-match-unavailable"))
            ));
            for u in &m.unavailable {
                out.push_str(&format!(
                    "    - {} ({}): {}\n",
                    u.name,
                    u.id,
                    why(lang, &u.why).join("; ")
                ));
            }
        }
        out.push('\n');
    }
    out
}

/// One CSV field, quoted when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV, one row per ambassador and mission: `mission,date,rank,id,name,score,available,reasons`
/// (reasons joined by ` ; `; rank and score empty for those unavailable).
pub fn csv(matches: &[MissionMatch], lang: Lang) -> String {
    let mut out = String::from("mission,date,rank,id,name,score,available,reasons\r\n");
    for m in matches {
        let date = m.when.start_date().to_string();
        for (i, c) in m.ranked.iter().enumerate() {
            let row = [
                m.slug.to_string(),
                date.clone(),
                (i + 1).to_string(),
                c.id.to_string(),
                c.name.clone(),
                c.score.to_string(),
                "yes".into(),
                reasons(lang, c).join(" ; "),
            ];
            push_row(&mut out, &row);
        }
        for u in &m.unavailable {
            let row = [
                m.slug.to_string(),
                date.clone(),
                String::new(),
                u.id.to_string(),
                u.name.clone(),
                String::new(),
                "no".into(),
                why(lang, &u.why).join(" ; "),
            ];
            push_row(&mut out, &row);
        }
    }
    out
}

fn push_row(out: &mut String, row: &[String]) {
    let cells: Vec<String> = row.iter().map(|s| field(s)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// JSON: `{"today", "missions": [{slug, title, start, end, deadline, seats, seats_left,
/// ranked: [{rank, id, name, score, suggested, reasons: [{points, text}]}], unavailable:
/// [{id, name, reasons: [text]}]}]}`.
pub fn json(matches: &[MissionMatch], lang: Lang, today: NaiveDate) -> Value {
    let missions: Vec<Value> = matches
        .iter()
        .map(|m| {
            let ranked: Vec<Value> = m
                .ranked
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let rs: Vec<Value> = c
                        .reasons
                        .iter()
                        .map(|r| json!({"points": r.points, "text": render(lang, &r.text)}))
                        .collect();
                    json!({
                        "rank": i + 1, "id": c.id, "name": c.name, "score": c.score,
                        "suggested": i < m.seats_left as usize, "reasons": rs,
                    })
                })
                .collect();
            let unavailable: Vec<Value> = m
                .unavailable
                .iter()
                .map(|u| json!({"id": u.id, "name": u.name, "reasons": why(lang, &u.why)}))
                .collect();
            json!({
                "slug": m.slug, "title": m.title,
                "start": m.when.start_date().to_string(), "end": m.when.end_date().to_string(),
                "deadline": m.deadline.to_string(), "seats": m.seats, "seats_left": m.seats_left,
                "ranked": ranked, "unavailable": unavailable,
            })
        })
        .collect();
    json!({"today": today.to_string(), "missions": missions})
}

/// A standalone HTML page (no theme, no outside file), every text escaped.
pub fn html(matches: &[MissionMatch], lang: Lang, today: NaiveDate) -> String {
    let t = |m: Msg| esc(&render(lang, &m));
    let title = t(msg!("private-match-title", today = today.to_string()));
    let mut out = format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n<p class=\"private\">{}</p>\n",
        lang.code(),
        t(msg!("private-match-private")),
    );
    if matches.is_empty() {
        out.push_str(&format!("<p>{}</p>\n", esc(&none_line(lang, today))));
    }
    for m in matches {
        out.push_str(&format!(
            "<section id=\"{}\">\n<h2>{}</h2>\n<p>{}</p>\n",
            esc(m.slug.as_str()),
            esc(&m.title),
            esc(&heading(lang, m))
        ));
        if m.ranked.is_empty() {
            out.push_str(&format!("<p>{}</p>\n", t(msg!("private-match-nobody"))));
        } else {
            out.push_str(&format!(
                "<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
                t(msg!("private-match-col-rank")),
                t(msg!("private-match-col-score")),
                t(msg!("private-match-col-ambassador")),
                t(msg!("private-match-col-reasons")),
            ));
            for (i, c) in m.ranked.iter().enumerate() {
                let class = if i < m.seats_left as usize {
                    " class=\"suggested\""
                } else {
                    ""
                };
                let items: String = reasons(lang, c)
                    .iter()
                    .map(|r| format!("<li>{}</li>", esc(r)))
                    .collect();
                out.push_str(&format!(
                    "<tr{class}><td>{}</td><td>{}</td><th scope=\"row\">{} <span class=\"id\">({})</span></th><td><ul>{items}</ul></td></tr>\n",
                    i + 1,
                    c.score,
                    esc(&c.name),
                    esc(c.id.as_str()),
                ));
            }
            out.push_str("</tbody>\n</table>\n");
        }
        if !m.unavailable.is_empty() {
            out.push_str(&format!(
                "<h3>{}</h3>\n<ul class=\"unavailable\">\n",
                t(msg!("private-match-unavailable"))
            ));
            for u in &m.unavailable {
                out.push_str(&format!(
                    "<li><strong>{}</strong> <span class=\"id\">({})</span> : {}</li>\n",
                    esc(&u.name),
                    esc(u.id.as_str()),
                    esc(&why(lang, &u.why).join(" ; "))
                ));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

const STYLE: &str = "body { font: 1rem/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
.private { font-weight: bold; color: #8a1c1c; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
td ul, th ul { margin: 0; padding-left: 1.1rem; }
tr.suggested { background: #eef6e8; }
.id { color: #555; font-weight: normal; }
section { margin-bottom: 2.5rem; }
";
