//! Atom feeds (RFC 4287): the upcoming events, one entry per event dated by its next
//! occurrence, and the events' reports (`super::reports`). Like the calendar feeds, nothing in
//! them comes from the clock.

use chrono::{DateTime, TimeZone, Utc};

use super::RenderCx;
use crate::routes::url;

/// Text for the feed: cleaned as the calendar feeds' (line breaks kept), then escaped.
fn esc(s: &str) -> String {
    crate::escape::xml(&crate::render::ics::clean_text(s, true))
}

/// One `<entry>` linking to `link` (a site path, in the feed's language: `RenderCx::link`),
/// which is also its id.
pub(super) fn entry(
    cx: &RenderCx,
    title: &str,
    link: &str,
    updated: DateTime<Utc>,
    summary: &str,
) -> String {
    let link = cx.absolute(&cx.link(link));
    format!(
        "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
        esc(title),
        esc(&link),
        esc(&link),
        updated.format("%Y-%m-%dT%H:%M:%SZ"),
        esc(summary),
    )
}

/// A whole feed at `own` (a site path, in the feed's language) of `entries`, whose page is
/// `page`; dated by its newest
/// entry, else the reference day at midnight UTC (an empty feed still needs a stable date).
pub(super) fn document(
    cx: &RenderCx,
    title: &str,
    page: &str,
    own: &str,
    entries: &str,
    newest: Option<DateTime<Utc>>,
) -> String {
    let c = &cx.site.content;
    let updated = newest.unwrap_or_else(|| {
        Utc.from_utc_datetime(&cx.site.today.and_hms_opt(0, 0, 0).unwrap_or_default())
    });
    let head = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n",
        esc(&c.config.language),
        esc(title),
        esc(&cx.absolute(&cx.link(page))),
        esc(&cx.absolute(&cx.link(own))),
        esc(&cx.absolute(&cx.link(own))),
        updated.format("%Y-%m-%dT%H:%M:%SZ"),
        esc(&c.config.organisation.name),
    );
    // One allocation of the exact size: the agenda's feed has an entry per upcoming event
    // (3 MB for 10,000 events), and growing it step by step held three times that.
    let tail = "</feed>\n";
    let mut out = String::with_capacity(head.len() + entries.len() + tail.len());
    out.push_str(&head);
    out.push_str(entries);
    out.push_str(tail);
    out
}

pub fn feed(cx: &RenderCx) -> String {
    use rayon::prelude::*;
    let c = &cx.site.content;
    let mut seen = std::collections::HashSet::new();
    // Each event once, at its next occurrence.
    let next: Vec<&crate::site::Occurrence> = cx
        .site
        .upcoming
        .iter()
        .filter(|o| seen.insert(o.event))
        .collect();
    let newest = next.iter().map(|o| cx.site.event(o).stamp.at).max();
    // On every core: the agenda's feed has an entry for each of thousands of events, and a
    // rebuild after any edit makes it again.
    let entries: Vec<String> = next
        .par_iter()
        .map(|o| {
            let ev = cx.site.event(o);
            let status = cx.theme.words.statuses.get(ev.status);
            let mut summary = cx.words().when(&o.when);
            if ev.status != crate::model::Status::Confirmed {
                summary = format!("{summary} ({status})");
            }
            if !ev.summary.is_empty() {
                summary = format!("{summary}. {}", ev.summary);
            }
            entry(cx, &ev.title, &url::event(&ev.slug), ev.stamp.at, &summary)
        })
        .collect();
    let entries = entries.concat();
    let title = cx
        .theme
        .words
        .feeds
        .atom_title
        .replace("{site}", &c.config.title);
    document(cx, &title, url::AGENDA, url::ATOM, &entries, newest)
}
