//! The agenda's views: upcoming events by month, the archive, one static page per level,
//! theme and region (filters that work without JavaScript), and a month grid.

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{json, Value};

use super::facets::{facets, Facet};
use super::pages::{file_for, PageMeta};
use super::{object, Output, RenderCx};
use crate::site::Occurrence;

/// Occurrences per page of the agenda, its archive and its filter pages: an agenda that
/// grows for years stays a set of pages a phone can open (and a build keeps little in memory).
pub const PAGE_SIZE: usize = 100;

/// Where page `number` (from 1) of a list whose first page is `base` lives:
/// `/agenda/`, `/agenda/page/2/`, …
pub fn page_path(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// The pages of a list of `count` occurrences (at least one, empty, when there are none).
fn page_count(count: usize) -> usize {
    count.div_ceil(PAGE_SIZE).max(1)
}

/// Whether `out` wants any page of the list starting at `base`.
fn wants_list(out: &Output, base: &str, count: usize) -> bool {
    (1..=page_count(count)).any(|n| out.wants(&file_for(&page_path(base, n))))
}

/// The `pagination` variable of page `number` of `total`.
fn pagination_vars(base: &str, number: usize, total: usize) -> Value {
    // The first and the last page, and two either side of this one: a list of hundreds of
    // pages does not put hundreds of links on each of them. A gap stands for the pages left out.
    let mut pages: Vec<Value> = Vec::new();
    let mut last_shown = 0;
    for n in 1..=total {
        let shown = n == 1 || n == total || n.abs_diff(number) <= 2;
        if !shown {
            continue;
        }
        if n > last_shown + 1 {
            pages.push(json!({"gap": true}));
        }
        pages.push(
            json!({"number": n, "url": page_path(base, n), "current": n == number, "gap": false}),
        );
        last_shown = n;
    }
    json!({
        "current": number,
        "total": total,
        "prev_url": (number > 1).then(|| page_path(base, number - 1)),
        "next_url": (number < total).then(|| page_path(base, number + 1)),
        "pages": pages,
    })
}

/// Renders every page of a list of occurrences: `vars` makes a page's own variables from its
/// number and its share of the occurrences (`months` and `pagination` are added).
fn list_pages(
    cx: &RenderCx,
    out: &mut Output,
    base: &str,
    occ: &[Occurrence],
    title: &str,
    vars: impl Fn(usize) -> Value + Sync,
    template: &str,
) {
    let total = page_count(occ.len());
    let numbers: Vec<usize> = (1..=total)
        .filter(|&n| out.wants(&file_for(&page_path(base, n))))
        .collect();
    // Pages of a long list on all cores: they are many at tens of thousands of events.
    super::par_each(&numbers, out, |_, &number, out| {
        let path = page_path(base, number);
        let from = (number - 1) * PAGE_SIZE;
        let share = &occ[from.min(occ.len())..(from + PAGE_SIZE).min(occ.len())];
        let mut v = vars(number);
        if let Value::Object(m) = &mut v {
            m.insert("months".into(), Value::Array(by_month(cx, share)));
            m.insert("pagination".into(), pagination_vars(base, number, total));
        }
        let title = if number > 1 {
            let n = cx
                .theme
                .words
                .pagination
                .page_n
                .replace("{number}", &number.to_string());
            format!("{title} ({n})")
        } else {
            title.to_string()
        };
        cx.page(
            template,
            PageMeta {
                title,
                description: cx.site.content.config.description.clone(),
                path: &path,
                section: "agenda",
            },
            v,
            out,
        );
    });
}

pub fn render(cx: &RenderCx, out: &mut Output) {
    let facets = facets(cx);
    let upcoming = cx.site.upcoming.len();
    let any_facet = facets
        .iter()
        .any(|f| wants_list(out, &f.page_path(), upcoming));
    if any_facet || wants_list(out, "/agenda/", upcoming) {
        let counts: Vec<usize> = facets
            .iter()
            .map(|f| cx.site.upcoming.iter().filter(|o| f.has(o.event)).count())
            .collect();
        agenda(cx, &filters_vars(facets, &counts, None), out);
        super::par_each(facets, out, |i, f, out| {
            filter_page(cx, f, filters_vars(facets, &counts, Some(i)), out)
        });
    }
    if wants_list(out, "/agenda/archives/", cx.site.past.len()) {
        archive(cx, out);
    }
    month_pages(cx, out);
}

/// Occurrences grouped by the month they start in, keeping the given order.
fn by_month(cx: &RenderCx, occ: &[Occurrence]) -> Vec<Value> {
    let mut months: Vec<(chrono::NaiveDate, Vec<Value>)> = Vec::new();
    for o in occ {
        let d = o.when.start_date();
        let first = d.with_day0(0).unwrap_or(d);
        match months.last_mut() {
            Some((m, list)) if *m == first => list.push(cx.event_card(o)),
            _ => months.push((first, vec![cx.event_card(o)])),
        }
    }
    months
        .into_iter()
        .map(|(m, events)| {
            object([
                ("id", Value::String(m.format("%Y-%m").to_string())),
                ("label", Value::String(cx.words().month_year(m))),
                ("events", Value::Array(events)),
            ])
        })
        .collect()
}

pub fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// Subscription links of one feed: https for copying, webcal for Apple/Thunderbird/Outlook
/// desktop, and Google Calendar's subscribe link.
fn feed_links(cx: &RenderCx, path: &str) -> Value {
    let https = cx.absolute(path);
    let webcal = match https.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => https.clone(),
    };
    json!({
        "path": path,
        "url": https,
        "webcal": webcal,
        "google": format!("https://calendar.google.com/calendar/render?cid={}", enc(&webcal)),
    })
}

/// Every feed of the site for the agenda's "S'abonner" section, grouped by kind.
fn feeds_vars(cx: &RenderCx) -> Value {
    let mut groups: Vec<(&str, Vec<Value>)> = Vec::new();
    for (path, spec, kind, label) in super::ics::feed_specs(cx) {
        let mut v = feed_links(cx, &path);
        if let Value::Object(m) = &mut v {
            m.insert("label".into(), json!(label));
            m.insert("name".into(), json!(spec.name));
            m.insert("count".into(), json!(spec.events.len()));
        }
        match groups.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, list)) => list.push(v),
            None => groups.push((kind, vec![v])),
        }
    }
    let all = groups
        .iter()
        .find(|(k, _)| *k == "all")
        .and_then(|(_, l)| l.first().cloned());
    let groups: Vec<Value> = groups
        .into_iter()
        .filter(|(k, _)| *k != "all")
        .map(|(kind, feeds)| json!({"kind": kind, "feeds": feeds}))
        .collect();
    json!({"all": all, "groups": groups})
}

fn agenda(cx: &RenderCx, filters: &Value, out: &mut Output) {
    let title = cx.theme.words.titles.agenda.clone();
    list_pages(
        cx,
        out,
        "/agenda/",
        &cx.site.upcoming,
        &title,
        |number| {
            json!({
                "archive_url": "/agenda/archives/",
                "past_count": cx.site.past.len(),
                // The subscription section is long: on the first page only.
                "feeds": if number == 1 { feeds_vars(cx) } else { Value::Null },
                "filters": filters,
                "filter": Value::Null,
                "month_url": "/agenda/mois/",
            })
        },
        "agenda.html",
    );
}

fn archive(cx: &RenderCx, out: &mut Output) {
    let title = cx.theme.words.titles.archive.clone();
    list_pages(
        cx,
        out,
        "/agenda/archives/",
        &cx.site.past,
        &title,
        |_| json!({}),
        "archive.html",
    );
}

/// The filter navigation: every facet value with a link to its page and its number of
/// upcoming occurrences (`counts`, computed once); `current` marks one.
fn filters_vars(facets: &[Facet], counts: &[usize], current: Option<usize>) -> Value {
    let mut groups: Vec<(&str, Vec<Value>)> = Vec::new();
    for (i, f) in facets.iter().enumerate() {
        let v = json!({
            "slug": f.slug, "label": f.label, "url": f.page_path(), "count": counts[i],
            "current": current == Some(i),
        });
        match groups.iter_mut().find(|(k, _)| *k == f.kind) {
            Some((_, list)) => list.push(v),
            None => groups.push((f.kind, vec![v])),
        }
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(kind, values)| json!({"kind": kind, "values": values}))
        .collect();
    Value::Array(groups)
}

/// `/agenda/niveau/<slug>/` and friends: the upcoming events of one facet value, with the
/// value's own feed.
fn filter_page(cx: &RenderCx, f: &Facet, filters: Value, out: &mut Output) {
    let upcoming: Vec<Occurrence> = cx
        .site
        .upcoming
        .iter()
        .filter(|o| f.has(o.event))
        .copied()
        .collect();
    let past = cx.site.past.iter().filter(|o| f.has(o.event)).count();
    let kind_label = cx.theme.words.filters.kinds.get(f.kind);
    let title = format!(
        "{} – {} : {}",
        cx.theme.words.titles.agenda.clone(),
        kind_label,
        f.label
    );
    let mut feed = feed_links(cx, &f.feed_path());
    if let Value::Object(m) = &mut feed {
        m.insert("label".into(), json!(f.label));
    }
    // A facet whose events are all older than the feed window has no feed file.
    let has_feed = f
        .events
        .iter()
        .any(|&i| cx.in_feed_window(&cx.site.content.events[i]));
    list_pages(
        cx,
        out,
        &f.page_path(),
        &upcoming,
        &title,
        |_| {
            json!({
                "archive_url": "/agenda/archives/",
                "past_count": past,
                "feeds": Value::Null,
                "filters": filters,
                "filter": {"kind": f.kind, "label": f.label, "feed": if has_feed { feed.clone() } else { Value::Null }},
                "month_url": "/agenda/mois/",
            })
        },
        "agenda.html",
    );
}

/// Month grids: one page per month from the first to the last month with an occurrence, and
/// `/agenda/mois/` showing the current month.
fn month_pages(cx: &RenderCx, out: &mut Output) {
    let wants = |out: &Output, path: &str| out.wants(&file_for(path));
    let today = cx.site.today;
    let this_month = first_of_month(today);
    let all = cx.site.past.iter().chain(cx.site.upcoming.iter());
    let (mut first, mut last) = (this_month, this_month);
    for o in all {
        let m = first_of_month(o.when.start_date());
        first = first.min(m);
        last = last.max(m);
    }
    let mut months = Vec::new();
    let mut month = first;
    while month <= last {
        let current = month == this_month;
        if wants(out, &month_path(month)) || (current && wants(out, "/agenda/mois/")) {
            months.push(month);
        }
        month = next_month(month);
    }
    super::par_each(&months, out, |_, &month, out| {
        let prev = (month > first).then(|| month_path(prev_month(month)));
        let path = month_path(month);
        let next_url = (month < last).then(|| month_path(next_month(month)));
        let vars = month_vars(cx, month, prev, next_url);
        let title = format!(
            "{} – {}",
            cx.theme.words.titles.month.clone(),
            cx.words().month_year(month)
        );
        cx.page(
            "month.html",
            PageMeta {
                title: title.clone(),
                description: cx.site.content.config.description.clone(),
                path: &path,
                section: "agenda",
            },
            vars.clone(),
            out,
        );
        if month == this_month {
            cx.page(
                "month.html",
                PageMeta {
                    title,
                    description: cx.site.content.config.description.clone(),
                    path: "/agenda/mois/",
                    section: "agenda",
                },
                vars,
                out,
            );
        }
    });
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn next_month(m: NaiveDate) -> NaiveDate {
    first_of_month(m + Duration::days(32))
}

fn prev_month(m: NaiveDate) -> NaiveDate {
    first_of_month(m - Duration::days(1))
}

fn month_path(m: NaiveDate) -> String {
    format!("/agenda/mois/{}/", m.format("%Y-%m"))
}

/// The weeks of `month` (Monday first), each day with the occurrences that cover it.
fn month_vars(
    cx: &RenderCx,
    month: NaiveDate,
    prev: Option<String>,
    next: Option<String>,
) -> Value {
    let next_first = next_month(month);
    let occ: Vec<&Occurrence> = cx
        .site
        .past
        .iter()
        .rev()
        .chain(cx.site.upcoming.iter())
        .filter(|o| o.when.start_date() < next_first && o.when.end_date() >= month)
        .collect();
    let mut weeks = Vec::new();
    let mut day = month - Duration::days(i64::from(month.weekday().num_days_from_monday()));
    while day < next_first {
        let mut cells = Vec::new();
        for _ in 0..7 {
            let in_month = day.month() == month.month();
            let events: Vec<Value> = if in_month {
                occ.iter()
                    .filter(|o| o.when.start_date() <= day && o.when.end_date() >= day)
                    .map(|o| {
                        let ev = cx.site.event(o);
                        let time = match o.when {
                            crate::model::When::Timed { start, .. } if start.date() == day => Some(cx.words().time(start)),
                            _ => None,
                        };
                        json!({"title": ev.title, "url": format!("/agenda/{}/", ev.slug), "time": time, "status": ev.status.key()})
                    })
                    .collect()
            } else {
                Vec::new()
            };
            cells.push(json!({
                "in_month": in_month, "day": day.day(), "iso": day.to_string(),
                "label": cx.words().date(day), "today": day == cx.site.today, "events": events,
            }));
            day += Duration::days(1);
        }
        weeks.push(Value::Array(cells));
    }
    let weekdays: Vec<Value> = cx.words().weekdays().iter().map(|d| json!(d)).collect();
    json!({
        "month": {"id": month.format("%Y-%m").to_string(), "label": cx.words().month_year(month), "weeks": weeks, "weekdays": weekdays},
        "prev_url": prev, "next_url": next, "agenda_url": "/agenda/",
    })
}
