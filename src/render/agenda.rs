//! The agenda's views: upcoming events by month, the archive, one static page per level,
//! theme and region (filters that work without JavaScript), and a month grid.

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{json, Value};

use super::page::PageMeta;
use super::{object, RenderCx, Section};
use crate::output::Output;
use crate::routes::{first_of_month, next_month, page_count, prev_month, url, PAGE_SIZE};
use crate::site::facets::Facet;
use crate::site::Occurrence;

/// The `pagination` variable of page `number` of `total`.
pub(super) fn pagination_vars(base: &str, number: usize, total: usize) -> Value {
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
            json!({"number": n, "url": url::list_page(base, n), "current": n == number, "gap": false}),
        );
        last_shown = n;
    }
    json!({
        "current": number,
        "total": total,
        "prev_url": (number > 1).then(|| url::list_page(base, number - 1)),
        "next_url": (number < total).then(|| url::list_page(base, number + 1)),
        "pages": pages,
    })
}

/// Page `number` of a list of occurrences whose first page is `base`: `vars` are the page's
/// own variables (`months` and `pagination` are added).
#[allow(clippy::too_many_arguments)]
fn list_page(
    cx: &RenderCx,
    out: &mut Output,
    base: &str,
    number: usize,
    occ: &[Occurrence],
    title: &str,
    mut vars: Value,
    template: &str,
) {
    let total = page_count(occ.len());
    let path = url::list_page(base, number);
    let from = (number - 1) * PAGE_SIZE;
    let share = &occ[from.min(occ.len())..(from + PAGE_SIZE).min(occ.len())];
    fn set(vars: &mut Value, name: &str, value: Value) {
        if let Value::Object(m) = vars {
            m.insert(name.into(), value);
        }
    }
    set(
        &mut vars,
        "pagination",
        pagination_vars(base, number, total),
    );
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
    let meta = PageMeta::with_site_description(cx, title, &path, Section::Agenda);
    // Keyed with each card standing for the event's key and the occurrence it shows (a card is
    // made from nothing else besides what every page shares): a rebuild takes an unchanged
    // list over without making its cards, most of a list's cost.
    let key = out.keyed().then(|| {
        let stub = |o: &Occurrence| {
            let mut f = crate::output::Fingerprint::default();
            f.add(&cx.event_key(o.event).to_le_bytes());
            // Writing into a hasher cannot fail.
            let _ = postcard::to_io(&o.when, &mut f);
            let k = f.key();
            // Two numbers: no text to format for each of tens of thousands of cards.
            Value::Array(vec![Value::from(k as u64), Value::from((k >> 64) as u64)])
        };
        set(&mut vars, "months", Value::Array(by_month(cx, share, stub)));
        cx.page_key(template, &meta, &vars)
    });
    if key.is_some_and(|k| out.reuse(&url::file_for(&path), k)) {
        return;
    }
    let months = by_month(cx, share, |o| cx.event_card(o));
    set(&mut vars, "months", Value::Array(months));
    match key {
        Some(k) => out.with_route_key(k, |out| cx.page(template, meta, vars, out)),
        None => cx.page(template, meta, vars, out),
    }
}

/// Occurrences grouped by the month they start in, keeping the given order, each as `card`
/// makes it.
fn by_month(cx: &RenderCx, occ: &[Occurrence], card: impl Fn(&Occurrence) -> Value) -> Vec<Value> {
    let mut months: Vec<(chrono::NaiveDate, Vec<Value>)> = Vec::new();
    for o in occ {
        let d = o.when.start_date();
        let first = d.with_day0(0).unwrap_or(d);
        match months.last_mut() {
            Some((m, list)) if *m == first => list.push(card(o)),
            _ => months.push((first, vec![card(o)])),
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
        "google": format!("https://calendar.google.com/calendar/render?cid={}", url::encode(&webcal)),
    })
}

/// Every feed of the site for the agenda's subscribe block (`#abonnement`), grouped by kind.
fn feeds_vars(cx: &RenderCx) -> Value {
    let mut all = Value::Null;
    let mut facet_feeds = Vec::new();
    for feed in super::ics::feeds(cx) {
        let mut v = feed_links(cx, &feed.path);
        if let Value::Object(m) = &mut v {
            m.insert("label".into(), json!(feed.label));
            m.insert("name".into(), json!(feed.spec.name));
            m.insert("count".into(), json!(feed.spec.events.len()));
        }
        match feed.facet {
            Some(f) => facet_feeds.push((cx.routes.facets()[f].kind.key(), v)),
            None => all = v,
        }
    }
    json!({"all": all, "groups": by_kind(facet_feeds, "feeds")})
}

/// `{kind, <list>: [...]}` objects, one per kind in order of first appearance.
fn by_kind(items: Vec<(&'static str, Value)>, list: &str) -> Value {
    let mut groups: Vec<(&str, Vec<Value>)> = Vec::new();
    for (kind, v) in items {
        match groups.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, values)) => values.push(v),
            None => groups.push((kind, vec![v])),
        }
    }
    Value::Array(
        groups
            .into_iter()
            .map(|(kind, values)| object([("kind", json!(kind)), (list, Value::Array(values))]))
            .collect(),
    )
}

/// Page `number` of the upcoming events.
pub fn agenda(cx: &RenderCx, number: usize, out: &mut Output) {
    let title = cx.theme.words.titles.agenda.clone();
    let vars = json!({
        "archive_url": cx.link(url::ARCHIVE),
        "past_count": cx.site.past.len(),
        // Every page opens with the subscribe block; the list of every facet's feed, which is
        // long, is on the first page only.
        "feeds": if number == 1 { feeds_vars(cx) } else { json!({"all": feed_links(cx, &cx.link(url::FEED)), "groups": []}) },
        "filters": filters_vars(cx, None),
        "filter": Value::Null,
        "month_url": cx.link(url::MONTH_NOW),
    });
    list_page(
        cx,
        out,
        &cx.link(url::AGENDA),
        number,
        &cx.site.listed,
        &title,
        vars,
        "agenda.html",
    );
}

/// Page `number` of the past events.
pub fn archive(cx: &RenderCx, number: usize, out: &mut Output) {
    let title = cx.theme.words.titles.archive.clone();
    list_page(
        cx,
        out,
        &cx.link(url::ARCHIVE),
        number,
        &cx.site.past,
        &title,
        json!({}),
        "archive.html",
    );
}

/// The filter navigation: every facet value with a link to its page and its number of
/// upcoming occurrences; `current` marks one. Made once per build without a mark, then
/// copied and marked for each filter page.
fn filters_vars(cx: &RenderCx, current: Option<usize>) -> Value {
    let plain = cx.filters.get_or_init(|| {
        let counts = cx.routes.facet_upcoming();
        let values = cx.routes.facets().iter().enumerate().map(|(i, f)| {
            let v = json!({
                "slug": f.slug, "label": f.label, "url": cx.link(&url::facet_page(f)), "count": counts[i],
                "current": false,
            });
            (f.kind.key(), v)
        });
        by_kind(values.collect(), "values")
    });
    let Some(current) = current else {
        return plain.clone();
    };
    let mut marked = plain.clone();
    // The values are listed in facet order, grouped by kind: the n-th value overall.
    let values = marked
        .as_array_mut()
        .into_iter()
        .flatten()
        .filter_map(|g| g.get_mut("values").and_then(Value::as_array_mut))
        .flatten();
    if let Some(v) = values.into_iter().nth(current) {
        v["current"] = Value::Bool(true);
    }
    marked
}

/// `/agenda/niveau/<slug>/` and friends: the upcoming events of one facet value, with the
/// value's own feed.
pub fn filter_page(cx: &RenderCx, facet: usize, number: usize, out: &mut Output) {
    let f: &Facet = &cx.routes.facets()[facet];
    let (upcoming, past) = cx.facet_lists[facet].get_or_init(|| {
        let upcoming = cx
            .site
            .listed
            .iter()
            .filter(|o| f.has(o.event))
            .copied()
            .collect();
        (
            upcoming,
            cx.site.past.iter().filter(|o| f.has(o.event)).count(),
        )
    });
    let (upcoming, past) = (upcoming.as_slice(), *past);
    let kind_label = cx.theme.words.filters.kinds.get(f.kind);
    // French puts a space before the colon; the other languages do not.
    let colon = if super::typography::applies_to(cx.lang()) {
        " :"
    } else {
        ":"
    };
    let title = format!(
        "{} – {}{colon} {}",
        cx.theme.words.titles.agenda.clone(),
        kind_label,
        f.label
    );
    let mut feed = feed_links(cx, &cx.link(&url::facet_feed(f)));
    if let Value::Object(m) = &mut feed {
        m.insert("label".into(), json!(f.label));
    }
    // A facet whose events are all older than the feed window has no feed file.
    let has_feed = cx
        .routes
        .get(&url::file_for(&cx.link(&url::facet_feed(f))))
        .is_some();
    let vars = json!({
        "archive_url": cx.link(url::ARCHIVE),
        "past_count": past,
        "feeds": Value::Null,
        "filters": filters_vars(cx, Some(facet)),
        "filter": {"kind": f.kind.key(), "label": f.label, "feed": if has_feed { feed } else { Value::Null }},
        "month_url": cx.link(url::MONTH_NOW),
    });
    list_page(
        cx,
        out,
        &cx.link(&url::facet_page(f)),
        number,
        upcoming,
        &title,
        vars,
        "agenda.html",
    );
}

/// A month grid: of `month`, or (`None`) of the current month at `/agenda/mois/`.
pub fn month_page(cx: &RenderCx, month: Option<NaiveDate>, out: &mut Output) {
    let (first, last) = cx.routes.months();
    let (month, path) = match month {
        Some(m) => (m, cx.link(&url::month(m))),
        None => (first_of_month(cx.site.today), cx.link(url::MONTH_NOW)),
    };
    let prev = (month > first).then(|| cx.link(&url::month(prev_month(month))));
    let next_url = (month < last).then(|| cx.link(&url::month(next_month(month))));
    let vars = month_vars(cx, month, prev, next_url);
    let title = format!(
        "{} – {}",
        cx.theme.words.titles.month.clone(),
        cx.words().month_year(month)
    );
    cx.page(
        "month.html",
        PageMeta::with_site_description(cx, title, &path, Section::Agenda),
        vars,
        out,
    );
}

/// Each month grid's occurrences (those that cover a day of it), oldest first.
pub(super) type Months = std::collections::HashMap<NaiveDate, Vec<Occurrence>>;

/// `Months` for every grid of the site (`RouteTable::months`) and the current month's: one
/// pass over the occurrences, where each grid looking through all of them took a fifth of a
/// rebuild's agenda pages.
fn months(cx: &RenderCx) -> Months {
    let (first, last) = cx.routes.months();
    let now = first_of_month(cx.site.today);
    let (first, last) = (first.min(now), last.max(now));
    let mut months = Months::new();
    for o in cx.site.past.iter().rev().chain(cx.site.upcoming.iter()) {
        let mut m = first_of_month(o.when.start_date()).max(first);
        let end = o.when.end_date().min(last);
        while m <= end {
            months.entry(m).or_default().push(*o);
            m = next_month(m);
        }
    }
    months
}

/// The weeks of `month` (Monday first), each day with the occurrences that cover it.
fn month_vars(
    cx: &RenderCx,
    month: NaiveDate,
    prev: Option<String>,
    next: Option<String>,
) -> Value {
    let next_first = next_month(month);
    let months = cx.months.get_or_init(|| months(cx));
    let occ: Vec<&Occurrence> = months.get(&month).into_iter().flatten().collect();
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
                        json!({"title": ev.title, "url": cx.link(&url::event(&ev.slug)), "time": time, "status": ev.status.key()})
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
        "prev_url": prev, "next_url": next, "agenda_url": cx.link(url::AGENDA),
    })
}
