//! The programme's texts: the baseline, the three axes, the charter and the lexicon (whose
//! terms refer to one another by id).

use std::collections::{HashMap, HashSet};

use super::files::FileCx;
use super::raw::{AxesFile, BaselineFile, CharterFile, LexiconFile};
use crate::model::{Axis, AxisText, Baseline, Charter, Commitment, Lexicon, Slug, Term};

pub(super) fn baseline(raw: BaselineFile, cx: &mut FileCx) -> Option<Baseline> {
    let statement = cx.required_text("statement", &raw.statement);
    if statement.contains('\n') {
        cx.error(
            "statement",
            "the baseline statement must fit on one line",
            Some("move the details to `explanation`"),
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
            cx.error(
                &format!("{p}.axis"),
                format!("the axis `{}` is described twice", a.axis.key()),
                Some("describe each axis once"),
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
            cx.error(
                "axes",
                format!("the axis `{}` is missing", axis.key()),
                Some("describe the three axes: promote, inform, defend"),
            );
        }
    }
    Some(out)
}

pub(super) fn charter(raw: CharterFile, cx: &mut FileCx) -> Option<Charter> {
    if raw.commitments.is_empty() {
        cx.error(
            "commitments",
            "the charter has no commitments",
            Some("list at least one commitment"),
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
            cx.error(
                &at,
                format!("duplicate term id `{id}` (already used by the term at line {line})"),
                Some("two terms cannot share an anchor: give one of them a distinct `id:`"),
            );
        }
        terms.push((i, id, term, t));
    }
    let known: HashSet<&Slug> = ids.keys().collect();
    let mut out = Vec::new();
    for (i, id, term, t) in &terms {
        let refs = |field: &str, list: &[String], cx: &mut FileCx| -> Vec<Slug> {
            let mut v = Vec::new();
            for (j, r) in list.iter().enumerate() {
                let p = format!("terms[{i}].{field}[{j}]");
                match Slug::parse(r.trim()).filter(|s| known.contains(s)) {
                    Some(s) if &s == id => cx.error(
                        &p,
                        format!("the term `{term}` refers to itself"),
                        Some("remove this reference"),
                    ),
                    Some(s) => v.push(s),
                    None => {
                        let guess = Slug::from_text(r).filter(|s| known.contains(s));
                        let hint = match guess {
                            Some(g) => format!("did you mean `{g}`? references use the term's id"),
                            None => "use the id of a term of this lexicon (its anchor, e.g. groupe-d-appui)".into(),
                        };
                        cx.error(&p, format!("unknown lexicon term `{r}`"), Some(&hint));
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
