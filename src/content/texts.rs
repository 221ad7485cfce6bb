//! The programme's texts: the baseline, the three axes, the charter and the lexicon (whose
//! terms refer to one another by id).

use std::collections::{HashMap, HashSet};

use super::files::FileCx;
use super::raw::{AxesFile, BaselineFile, CharterFile, LexiconFile};
use crate::model::{Axis, AxisText, Baseline, Charter, Commitment, Lexicon, Slug, Term};
use crate::msg;

pub(super) fn baseline(raw: BaselineFile, cx: &mut FileCx) -> Option<Baseline> {
    let statement = cx.required_text("statement", &raw.statement);
    if statement.contains('\n') {
        cx.err(
            "statement",
            msg!("content-baseline-multiline"),
            Some(msg!("content-baseline-multiline-hint")),
        );
    }
    cx.required_text("explanation", &raw.explanation);
    Some(Baseline {
        statement,
        explanation_html: cx.md(&raw.explanation),
    })
}

pub(super) fn axes(raw: AxesFile, cx: &mut FileCx) -> Option<Vec<AxisText>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, a) in raw.axes.into_iter().enumerate() {
        let p = format!("axes[{i}]");
        if !seen.insert(a.axis) {
            cx.err(
                &format!("{p}.axis"),
                msg!("content-axis-twice", axis = a.axis.key()),
                Some(msg!("content-axis-twice-hint")),
            );
        }
        out.push(AxisText {
            axis: a.axis,
            title: cx.required_text(&format!("{p}.title"), &a.title),
            summary: cx.required_text(&format!("{p}.summary"), &a.summary),
            description_html: cx.md_opt(&a.description),
        });
    }
    for axis in Axis::ALL {
        if !seen.contains(axis) {
            cx.err(
                "axes",
                msg!("content-axis-missing", axis = axis.key()),
                Some(msg!("content-axis-missing-hint")),
            );
        }
    }
    Some(out)
}

pub(super) fn charter(raw: CharterFile, cx: &mut FileCx) -> Option<Charter> {
    if raw.commitments.is_empty() {
        cx.err(
            "commitments",
            msg!("content-charter-empty"),
            Some(msg!("content-charter-empty-hint")),
        );
    }
    let commitments = raw
        .commitments
        .iter()
        .enumerate()
        .map(|(i, c)| Commitment {
            title: cx.required_text(&format!("commitments[{i}].title"), &c.title),
            text_html: cx.md_opt(&c.text),
        })
        .collect();
    Some(Charter {
        title: cx.required_text("title", &raw.title),
        introduction_html: cx.md(&raw.introduction),
        commitments,
        conclusion_html: cx.md_opt(&raw.conclusion),
    })
}

pub(super) fn lexicon(raw: LexiconFile, cx: &mut FileCx) -> Option<Lexicon> {
    lexicon_with(raw, cx, &HashSet::new())
}

/// `lexicon`, where `see_also` and `not_to_confuse` may also name the terms of `others` (a
/// translation's references to terms only the original has).
pub(super) fn lexicon_with(
    raw: LexiconFile,
    cx: &mut FileCx,
    others: &HashSet<Slug>,
) -> Option<Lexicon> {
    let mut terms = Vec::new();
    let mut ids: HashMap<Slug, usize> = HashMap::new();
    for (i, t) in raw.terms.iter().enumerate() {
        let p = format!("terms[{i}]");
        let term = cx.required_text(&format!("{p}.term"), &t.term);
        let Some(id) = cx.id_or_slug(&format!("{p}.id"), &t.id, &term) else {
            continue;
        };
        if let Some(first) = ids.insert(id.clone(), i) {
            let line = cx
                .pos(&format!("terms[{first}]"))
                .map(|p| p.line)
                .unwrap_or(0);
            // Point at the `id:` when one is written: that is what collides.
            let at = if t.id.is_some() {
                format!("{p}.id")
            } else {
                format!("{p}.term")
            };
            cx.err(
                &at,
                msg!(
                    "content-term-duplicate-id",
                    id = id.to_string(),
                    line = line
                ),
                Some(msg!("content-term-duplicate-id-hint")),
            );
        }
        terms.push((i, id, term, t));
    }
    let known: HashSet<&Slug> = ids.keys().chain(others).collect();
    let mut out = Vec::new();
    for (i, id, term, t) in &terms {
        let refs = |field: &str, list: &[String], cx: &mut FileCx| -> Vec<Slug> {
            let mut v = Vec::new();
            for (j, r) in list.iter().enumerate() {
                let p = format!("terms[{i}].{field}[{j}]");
                match Slug::parse(r.trim()).filter(|s| known.contains(s)) {
                    Some(s) if &s == id => cx.err(
                        &p,
                        msg!("content-term-refers-to-itself", term = term),
                        Some(msg!("content-term-refers-to-itself-hint")),
                    ),
                    Some(s) => v.push(s),
                    None => {
                        let guess = Slug::from_text(r).filter(|s| known.contains(s));
                        let hint = match guess {
                            Some(g) => msg!("content-term-unknown-guess-hint", id = g.to_string()),
                            None => msg!("content-term-unknown-hint"),
                        };
                        cx.err(&p, msg!("content-term-unknown", term = r), Some(hint));
                    }
                }
            }
            v
        };
        let see_also = refs("see_also", &t.see_also, cx);
        let not_to_confuse = refs("not_to_confuse", &t.not_to_confuse, cx);
        cx.required_text(&format!("terms[{i}].definition"), &t.definition);
        out.push(Term {
            id: id.clone(),
            term: term.clone(),
            definition_html: cx.md(&t.definition),
            see_also,
            not_to_confuse,
        });
    }
    Some(Lexicon {
        introduction_html: cx.md_opt(&raw.introduction),
        terms: out,
    })
}
