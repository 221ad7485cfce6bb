//! The directory of the ambassadors who agreed to a public profile (`/ambassadeurs/`), by
//! region and by theme, and each profile's page with the missions the events name them in.
//! No page shows a way to reach the person: only the support group's address.

use std::collections::{BTreeMap, HashSet};

use serde_json::{json, Value};

use super::page::PageMeta;
use super::{RenderCx, Section};
use crate::model::{Ambassador, Event, Slug};
use crate::output::Output;
use crate::routes::url;
use crate::site::Occurrence;

/// Whether `ev` names the ambassador `id` among its representatives.
pub fn names(ev: &Event, id: &Slug) -> bool {
    ev.representatives.iter().any(|r| r.id.as_ref() == Some(id))
}

/// The profile page of `id`, if they have one.
pub fn profile_url(cx: &RenderCx, id: &Slug) -> Option<String> {
    cx.site
        .content
        .ambassadors
        .iter()
        .any(|a| &a.id == id)
        .then(|| cx.link(&url::ambassador(id)))
}

/// One person as listed in the directory.
fn person(cx: &RenderCx, a: &Ambassador) -> Value {
    json!({
        "id": a.id, "name": a.name, "url": cx.link(&url::ambassador(&a.id)),
        "themes": a.themes, "regions": a.regions,
    })
}

/// Groups of people by one of their lists (regions, themes): each value once, whatever its
/// case or accents (`Wallonie`, `wallonie`), named as first written, in alphabetical order; in
/// each group, people by name, each once. People with no value go to a last group, `None`.
fn groups<'a>(
    people: &[&'a Ambassador],
    values: impl Fn(&Ambassador) -> &[String],
) -> Vec<(Option<String>, String, Vec<&'a Ambassador>)> {
    let mut by_key: BTreeMap<String, (String, String, Vec<&Ambassador>)> = BTreeMap::new();
    let mut none = Vec::new();
    for a in people {
        let mut keys = HashSet::new();
        for v in values(a) {
            let Some(slug) = Slug::from_text(v) else {
                continue;
            };
            if !keys.insert(slug.clone()) {
                continue;
            }
            by_key
                .entry(collation(v))
                .or_insert_with(|| (v.clone(), slug.to_string(), Vec::new()))
                .2
                .push(*a);
        }
        if keys.is_empty() {
            none.push(*a);
        }
    }
    let mut out: Vec<_> = by_key
        .into_values()
        .map(|(label, slug, list)| (Some(label), slug, list))
        .collect();
    if !none.is_empty() {
        out.push((None, String::from("autres"), none));
    }
    out
}

/// A sort key that ignores case and accents.
fn collation(s: &str) -> String {
    Slug::from_text(s)
        .map(|x| x.to_string())
        .unwrap_or_else(|| s.to_lowercase())
}

fn group_vars(
    cx: &RenderCx,
    groups: Vec<(Option<String>, String, Vec<&Ambassador>)>,
    prefix: &str,
) -> Value {
    groups
        .into_iter()
        .map(|(label, slug, people)| {
            json!({
                "label": label, "anchor": format!("{prefix}-{slug}"),
                "people": people.into_iter().map(|a| person(cx, a)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// `/ambassadeurs/`: every public profile, by region and by theme.
pub fn directory(cx: &RenderCx, out: &mut Output) {
    let mut people: Vec<&Ambassador> = cx.site.content.ambassadors.iter().collect();
    people.sort_by_cached_key(|a| (collation(&a.name), a.id.clone()));
    let by_region = group_vars(cx, groups(&people, |a| &a.regions), "region");
    let by_theme = group_vars(cx, groups(&people, |a| &a.themes), "theme");
    cx.page(
        "ambassadors.html",
        PageMeta::with_site_description(
            cx,
            cx.theme.words.titles.ambassadors.clone(),
            &cx.link(url::AMBASSADORS),
            Section::Ambassadors,
        ),
        json!({
            "count": people.len(),
            "by_region": by_region,
            "by_theme": by_theme,
        }),
        out,
    );
}

/// The missions of ambassador `id`: the agenda's entries naming them (a recurring event once,
/// at its next date), and their past occurrences, each event once at its latest date.
fn missions(cx: &RenderCx, id: &Slug) -> (Vec<Value>, Vec<Value>) {
    let site = &cx.site;
    let upcoming = site
        .listed
        .iter()
        .filter(|o| names(site.event(o), id))
        .map(|o| cx.event_card(o))
        .collect();
    let mut seen = HashSet::new();
    let past = site
        .past
        .iter()
        .filter(|o| names(site.event(o), id) && seen.insert(o.event))
        .map(|o: &Occurrence| cx.event_card(o))
        .collect();
    (upcoming, past)
}

/// `/ambassadeurs/<id>/`: one public profile.
pub fn profile(cx: &RenderCx, index: usize, out: &mut Output) {
    let a = &cx.site.content.ambassadors[index];
    let path = cx.link(&url::ambassador(&a.id));
    let (upcoming, past) = missions(cx, &a.id);
    let photo = a.photo.as_ref().map(|p| {
        let alt = p.alt.clone().unwrap_or_else(|| {
            cx.theme
                .words
                .directory
                .photo_alt
                .replace("{name}", &a.name)
        });
        json!({"src": url::photo(&p.rel), "alt": alt})
    });
    let description = match crate::markdown::summary(&super::pages::html_text(&a.text_html)) {
        s if s.is_empty() => cx.site.content.config.description.clone(),
        s => s,
    };
    cx.page(
        "ambassador.html",
        PageMeta {
            title: a.name.clone(),
            description,
            path: &path,
            section: Section::Ambassadors,
        },
        json!({
            "ambassador": {
                "id": a.id, "name": a.name, "themes": a.themes, "sectors": a.sectors,
                "regions": a.regions, "languages": a.languages, "since": a.since,
                "photo": photo, "text_html": a.text_html,
            },
            "upcoming": upcoming,
            "past": past,
            "directory_url": cx.link(url::AMBASSADORS),
        }),
        out,
    );
}
