//! The events' reports: their part of an event's page, the list at `/agenda/comptes-rendus/`
//! (newest first, paginated like the archive) and its Atom feed.

use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

use super::page::PageMeta;
use super::{RenderCx, Section};
use crate::model::{Event, Report};
use crate::output::{Body, Output};
use crate::routes::{page_count, url, PAGE_SIZE};
use crate::site::published_report;

impl RenderCx {
    /// The report of `ev` as published today, for its page: `null` when it has none yet.
    pub(super) fn report_vars(&self, ev: &Event) -> Value {
        let Some(r) = published_report(ev, self.site.today) else {
            return Value::Null;
        };
        let html = |p: &Option<crate::model::ReportPart>| p.as_ref().map(|p| p.html.clone());
        json!({
            "date": self.words().date(r.date), "date_iso": r.date.to_string(),
            "summary_html": html(&r.summary), "messages_html": html(&r.messages),
            "organisations_html": html(&r.organisations), "questions_html": html(&r.questions),
            // A report is written once, in the default language.
            "fallback_lang": self.fallback_lang(true),
        })
    }
}

/// A report's date as the instant its feed entry is dated: midnight UTC that day.
fn instant(r: &Report) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&r.date.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// Page `number` of the list of reports.
pub fn list(cx: &RenderCx, number: usize, out: &mut Output) {
    let all = &cx.site.reports;
    let from = (number - 1) * PAGE_SIZE;
    let share = &all[from.min(all.len())..(from + PAGE_SIZE).min(all.len())];
    let items: Vec<Value> = share
        .iter()
        .filter_map(|&i| {
            let ev = &cx.site.content.events[i];
            let r = published_report(ev, cx.site.today)?;
            Some(json!({
                "title": ev.title, "url": cx.link(&url::event(&ev.slug)), "report_url": cx.link(&url::event_report(&ev.slug)),
                "date": cx.words().date(r.date), "date_iso": r.date.to_string(),
                "when": cx.words().when(&ev.when), "excerpt": r.excerpt,
                "level": ev.level.key(), "themes": ev.themes,
                "title_lang": cx.fallback_lang(cx.site.fallbacks.event(&ev.slug)),
                "fallback_lang": cx.fallback_lang(true),
            }))
        })
        .collect();
    let path = url::list_page(&cx.link(url::REPORTS), number);
    let mut title = cx.theme.words.reports.title.clone();
    if number > 1 {
        let n = cx
            .theme
            .words
            .pagination
            .page_n
            .replace("{number}", &number.to_string());
        title = format!("{title} ({n})");
    }
    let vars = json!({
        "reports": items,
        "pagination": super::agenda::pagination_vars(&cx.link(url::REPORTS), number, page_count(all.len())),
        "atom_url": cx.link(url::REPORTS_ATOM),
        "archive_url": cx.link(url::ARCHIVE),
    });
    cx.page(
        "reports.html",
        PageMeta::with_site_description(cx, title, &path, Section::Agenda),
        vars,
        out,
    );
}

/// The Atom feed of the reports, newest first, each entry dated by its report.
pub fn feed(cx: &RenderCx, out: &mut Output) {
    let words = &cx.theme.words.reports;
    let mut entries = String::new();
    let mut newest = None;
    for &i in &cx.site.reports {
        let ev = &cx.site.content.events[i];
        let Some(r) = published_report(ev, cx.site.today) else {
            continue;
        };
        newest = newest.max(Some(instant(r)));
        let summary = format!("{}. {}", cx.words().when(&ev.when), r.excerpt);
        entries.push_str(&super::atom::entry(
            cx,
            &words.entry.replace("{title}", &ev.title),
            &url::event_report(&ev.slug),
            instant(r),
            summary.trim_end_matches(". "),
        ));
    }
    let title = words
        .atom_title
        .replace("{site}", &cx.site.content.config.title);
    let atom = super::atom::document(
        cx,
        &title,
        url::REPORTS,
        url::REPORTS_ATOM,
        &entries,
        newest,
    );
    out.add(
        url::file_for(&cx.link(url::REPORTS_ATOM)),
        Body::Bytes(atom.into_bytes()),
    );
}
