//! An Atom feed (RFC 4287) of upcoming events, for feed readers: one entry per event, dated by
//! its next occurrence. Like the calendar feeds, nothing in it comes from the clock.

use chrono::{TimeZone, Utc};

use super::RenderCx;

/// Text for the feed: cleaned as the calendar feeds' (line breaks kept), then escaped.
pub(super) fn esc(s: &str) -> String {
    crate::escape::xml(&crate::render::ics::clean_text(s, true))
}

pub fn feed(cx: &RenderCx) -> String {
    let c = &cx.site.content;
    let mut seen = std::collections::HashSet::new();
    let mut entries = String::new();
    let mut newest = None;
    for o in &cx.site.upcoming {
        if !seen.insert(o.event) {
            continue;
        }
        let ev = cx.site.event(o);
        let url = cx.absolute(&cx.link(&crate::routes::url::event(&ev.slug)));
        let updated = ev.stamp.at;
        newest = newest.max(Some(updated));
        let status = cx.theme.words.statuses.get(ev.status);
        let mut summary = cx.words().when(&o.when);
        if ev.status != crate::model::Status::Confirmed {
            summary = format!("{summary} ({status})");
        }
        let text = ev.summary.clone();
        if !text.is_empty() {
            summary = format!("{summary}. {text}");
        }
        entries.push_str(&entry(&ev.title, &url, updated, &summary));
    }
    let title = cx
        .theme
        .words
        .feeds
        .atom_title
        .replace("{site}", &c.config.title);
    document(
        cx,
        &title,
        &cx.link(crate::routes::url::AGENDA),
        &cx.link(crate::routes::url::ATOM),
        newest,
        &entries,
    )
}

/// An entry of a feed: `url` is its link and its id.
pub(super) fn entry(
    title: &str,
    url: &str,
    updated: chrono::DateTime<Utc>,
    summary: &str,
) -> String {
    format!(
        "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
        esc(title),
        esc(url),
        esc(url),
        updated.format("%Y-%m-%dT%H:%M:%SZ"),
        esc(summary),
    )
}

/// A whole feed around `entries`: `page` is the site page it follows, `path` its own; dated
/// by its newest entry (`newest`).
pub(super) fn document(
    cx: &RenderCx,
    title: &str,
    page: &str,
    path: &str,
    newest: Option<chrono::DateTime<Utc>>,
    entries: &str,
) -> String {
    let c = &cx.site.content;
    // An empty feed still needs a stable date: the reference day at midnight UTC.
    let updated = newest.unwrap_or_else(|| {
        Utc.from_utc_datetime(&cx.site.today.and_hms_opt(0, 0, 0).unwrap_or_default())
    });
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n{entries}</feed>\n",
        esc(&c.config.language),
        esc(title),
        esc(&cx.absolute(page)),
        esc(&cx.absolute(path)),
        esc(&cx.absolute(path)),
        updated.format("%Y-%m-%dT%H:%M:%SZ"),
        esc(&c.config.organisation.name),
    )
}
