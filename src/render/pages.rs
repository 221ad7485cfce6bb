//! The site's pages other than the agenda's: one function per kind of page builds the
//! template's variables from the site model and hands them to `RenderCx::page`.

use serde_json::{json, Value};

use super::page::PageMeta;
use super::{RenderCx, Section};
use crate::model::{KitTarget, Level, Status};
use crate::output::Output;
use crate::routes::url;

/// A free page of `content/pages/`.
pub fn page(cx: &RenderCx, index: usize, out: &mut Output) {
    let p = &cx.site.content.pages[index];
    let path = cx.link(&url::page(&p.slug));
    cx.page(
        "page.html",
        PageMeta {
            title: p.title.clone(),
            description: p
                .description
                .clone()
                .unwrap_or_else(|| cx.site.content.config.description.clone()),
            path: &path,
            section: Section::Page,
        },
        json!({
            "content_html": p.content_html,
            "fallback_lang": cx.fallback_lang(cx.site.fallbacks.page(&p.slug)),
        }),
        out,
    );
}

pub fn not_found(cx: &RenderCx, out: &mut Output) {
    cx.page(
        "404.html",
        PageMeta::with_site_description(
            cx,
            cx.theme.words.titles.not_found.clone(),
            &cx.link(url::NOT_FOUND),
            Section::NotFound,
        ),
        json!({}),
        out,
    );
}

pub fn home(cx: &RenderCx, out: &mut Output) {
    let c = &cx.site.content;
    let axes: Vec<Value> = c
        .axes
        .iter()
        .map(|a| json!({"axis": a.axis.key(), "title": a.title, "summary": a.summary, "description_html": a.description_html}))
        .collect();
    // Cancelled and postponed events are no appointments: the agenda still lists them.
    let upcoming: Vec<Value> = cx
        .site
        .listed
        .iter()
        .filter(|o| {
            !matches!(
                cx.site.event(o).status,
                Status::Cancelled | Status::Postponed
            )
        })
        .take(5)
        .map(|o| cx.event_card(o))
        .collect();
    cx.page(
        "index.html",
        PageMeta {
            title: c.config.title.clone(),
            description: c.config.description.clone(),
            path: &cx.link(url::HOME),
            section: Section::Home,
        },
        json!({
            "baseline": {"statement": c.baseline.statement, "explanation_html": c.baseline.explanation_html},
            "baseline_fallback_lang": cx.fallback_lang(cx.site.fallbacks.baseline),
            "axes": axes,
            "axes_fallback_lang": cx.fallback_lang(cx.site.fallbacks.axes),
            "upcoming": upcoming,
            "agenda_url": cx.link(url::AGENDA),
            "open_calls": cx.open_calls(3),
            "missions_url": cx.link(url::MISSIONS),
            "figures": cx.figures_home(),
            "figures_url": cx.link(url::FIGURES),
        }),
        out,
    );
}

pub fn charter(cx: &RenderCx, out: &mut Output) {
    let ch = &cx.site.content.charter;
    let commitments: Vec<Value> = ch
        .commitments
        .iter()
        .enumerate()
        .map(|(i, c)| json!({"number": i + 1, "title": c.title, "text_html": c.text_html}))
        .collect();
    cx.page(
        "charter.html",
        PageMeta {
            title: ch.title.clone(),
            description: crate::markdown::summary(&html_text(&ch.introduction_html)),
            path: &cx.link(url::CHARTER),
            section: Section::Charter,
        },
        json!({"charter": {
            "title": ch.title,
            "introduction_html": ch.introduction_html,
            "commitments": commitments,
            "conclusion_html": ch.conclusion_html,
            "fallback_lang": cx.fallback_lang(cx.site.fallbacks.charter),
        }}),
        out,
    );
}

/// Rough text of an HTML fragment, for meta descriptions only.
pub(super) fn html_text(html: &str) -> String {
    let mut s = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                s.push(' ');
            }
            _ if !in_tag => s.push(c),
            _ => {}
        }
    }
    let s = s
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sort key for French-style alphabetical order: accents and case ignored.
fn collation_key(s: &str) -> String {
    crate::model::Slug::from_text(s)
        .map(|s| s.to_string())
        .unwrap_or_else(|| s.to_lowercase())
}

pub fn lexicon(cx: &RenderCx, out: &mut Output) {
    let lx = &cx.site.content.lexicon;
    let name_of = |id: &crate::model::Slug| {
        lx.terms
            .iter()
            .find(|t| &t.id == id)
            .map(|t| t.term.clone())
            .unwrap_or_default()
    };
    let mut terms: Vec<&crate::model::Term> = lx.terms.iter().collect();
    terms.sort_by_key(|t| (collation_key(&t.term), t.id.clone()));
    let mut letters: Vec<(String, Vec<Value>)> = Vec::new();
    for t in terms {
        let letter = collation_key(&t.term)
            .chars()
            .next()
            .map(|c| {
                if c.is_ascii_alphabetic() {
                    c.to_ascii_uppercase().to_string()
                } else {
                    "#".into()
                }
            })
            .unwrap_or_else(|| "#".into());
        let refs = |ids: &[crate::model::Slug]| -> Vec<Value> {
            ids.iter()
                .map(|id| json!({"id": id, "term": name_of(id)}))
                .collect()
        };
        let v = json!({
            "id": t.id, "term": t.term, "definition_html": t.definition_html,
            "see_also": refs(&t.see_also), "not_to_confuse": refs(&t.not_to_confuse),
            "fallback_lang": cx.fallback_lang(cx.site.fallbacks.term(&t.id)),
        });
        match letters.last_mut() {
            Some((l, list)) if *l == letter => list.push(v),
            _ => letters.push((letter, vec![v])),
        }
    }
    let letters: Vec<Value> = letters
        .into_iter()
        .map(|(l, terms)| {
            let id = if l == "#" {
                "lettre-autres".to_string()
            } else {
                format!("lettre-{}", l.to_lowercase())
            };
            json!({"letter": l, "id": id, "terms": terms})
        })
        .collect();
    cx.page(
        "lexicon.html",
        PageMeta::with_site_description(
            cx,
            cx.theme.words.titles.lexicon.clone(),
            &cx.link(url::LEXICON),
            Section::Lexicon,
        ),
        json!({"lexicon": {
            "introduction_html": lx.introduction_html, "letters": letters,
            "introduction_fallback_lang": cx.fallback_lang(cx.site.fallbacks.lexicon_introduction),
        }}),
        out,
    );
}

/// File size in words: "245 Ko", "1,2 Mo" (unit names from `t.units`).
fn human_size(cx: &RenderCx, bytes: u64) -> String {
    let units = &cx.theme.words.units;
    if bytes < 1024 {
        format!("{bytes} {}", units.bytes)
    } else if bytes < 1024 * 1024 {
        format!("{} {}", bytes.div_ceil(1024), units.kb)
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        format!(
            "{}{}{} {}",
            tenths / 10,
            units.decimal,
            tenths % 10,
            units.mb
        )
    }
}

pub fn kit(cx: &RenderCx, out: &mut Output) {
    let k = &cx.site.content.kit;
    let mut groups: Vec<(crate::model::KitKind, Vec<Value>)> = Vec::new();
    let mut items: Vec<&crate::model::KitItem> = k.items.iter().collect();
    items.sort_by_key(|i| i.kind);
    for it in items {
        let (href, is_file, format, size) = match &it.target {
            KitTarget::File { rel, size, .. } => {
                let ext = rel
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_ascii_uppercase())
                    .unwrap_or_default();
                (
                    url::kit_file(rel),
                    true,
                    Some(ext),
                    Some(human_size(cx, *size)),
                )
            }
            KitTarget::Url(u) => (u.to_string(), false, None, None),
        };
        let v = json!({
            "id": it.id, "title": it.title, "kind": it.kind.key(), "description_html": it.description_html,
            "audience": it.audience, "language": it.language,
            "updated": cx.words().date(it.updated), "updated_iso": it.updated.to_string(),
            "href": href, "is_file": is_file, "format": format, "size": size, "external": !is_file,
            "page_url": it.page_html.as_ref().map(|_| cx.link(&url::kit_page(&it.id))),
        });
        match groups.last_mut() {
            Some((kind, list)) if *kind == it.kind => list.push(v),
            _ => groups.push((it.kind, vec![v])),
        }
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(kind, items)| json!({"kind": kind.key(), "items": items}))
        .collect();
    cx.page(
        "kit.html",
        PageMeta::with_site_description(
            cx,
            cx.theme.words.titles.kit.clone(),
            &cx.link(url::KIT),
            Section::Kit,
        ),
        json!({"kit": {"introduction_html": k.introduction_html, "groups": groups}}),
        out,
    );
}

/// A kit item written in Markdown, as a page to read and print, with the file to download.
pub fn kit_page(cx: &RenderCx, index: usize, out: &mut Output) {
    let it = &cx.site.content.kit.items[index];
    let path = cx.link(&url::kit_page(&it.id));
    let file = match &it.target {
        KitTarget::File { rel, size, .. } => {
            json!({"href": url::kit_file(rel), "size": human_size(cx, *size)})
        }
        KitTarget::Url(_) => Value::Null,
    };
    cx.page(
        "kit_item.html",
        PageMeta {
            title: it.title.clone(),
            description: crate::markdown::summary(&html_text(&it.description_html)),
            path: &path,
            section: Section::Kit,
        },
        json!({"item": {
            "id": it.id, "title": it.title, "language": it.language, "audience": it.audience,
            "updated": cx.words().date(it.updated), "updated_iso": it.updated.to_string(),
            "content_html": it.page_html, "file": file,
        }, "kit_url": cx.link(url::KIT)}),
        out,
    );
}

pub fn networks(cx: &RenderCx, out: &mut Output) {
    let n = &cx.site.content.networks;
    let mut number = 0;
    let mut rings = Vec::new();
    let mut levels = Vec::new();
    for level in Level::ALL {
        let mut list: Vec<&crate::model::Network> =
            n.networks.iter().filter(|x| x.level == *level).collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by_key(|x| collation_key(&x.name));
        let numbered: Vec<(usize, &crate::model::Network)> = list
            .into_iter()
            .map(|x| {
                number += 1;
                (number, x)
            })
            .collect();
        let nets: Vec<Value> = numbered
            .iter()
            .map(|(num, x)| json!({
                "id": x.id, "number": num, "name": x.name,
                "url": x.url.as_ref().map(|u| u.to_string()), "level": x.level.key(),
                "sector": x.sector, "territory": x.territory, "description_html": x.description_html,
                "member_since": x.member_since,
            }))
            .collect();
        levels.push(json!({"level": level.key(), "networks": nets}));
        let label = cx.theme.words.levels.get(*level).to_string();
        rings.push(super::map::Ring {
            level: *level,
            label,
            networks: numbered,
        });
    }
    let map = &cx.theme.words.networks;
    let map_svg = super::map::svg(
        &cx.site.content.config.organisation.name,
        &map.map_title,
        &map.map_desc,
        &rings,
    );
    cx.page(
        "networks.html",
        PageMeta::with_site_description(cx, cx.theme.words.titles.networks.clone(), &cx.link(url::NETWORKS), Section::Networks),
        json!({"networks": {"introduction_html": n.introduction_html, "levels": levels, "map_html": map_svg}}),
        out,
    );
}
