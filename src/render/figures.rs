//! The figures pages: `/bilan/` (the years, this year's headline), `/bilan/<year>/` (each
//! dimension as a bar chart and a table) and `/bilan/<year>.csv`; and the home page's headline.
//! The counting is `crate::site::figures`; this module only words and draws it.

use serde_json::{json, Value};

use super::chart::{self, Bar};
use super::page::PageMeta;
use super::{RenderCx, Section};
use crate::output::{Body, Output};
use crate::routes::url;
use crate::site::facets::FacetKind;
use crate::site::figures::{Named, YearFigures};

/// One row of a dimension: its label and count, and for a theme or a region, its agenda
/// filter page and feed when they exist.
struct Row {
    label: String,
    count: usize,
    filter: Option<(String, Option<String>)>,
}

/// One dimension of a year's figures (by level, theme…).
struct Dimension {
    /// Its anchor and the CSS hook.
    id: &'static str,
    title: String,
    /// Its name in the CSV file.
    name: String,
    rows: Vec<Row>,
}

impl RenderCx {
    fn year_figures(&self, year: i32) -> Option<&YearFigures> {
        self.site.figures.iter().find(|y| y.year == year)
    }

    /// "Bilan 2026", and for the current year "Bilan 2026 à ce jour (jeudi 26 novembre 2026)".
    fn year_title(&self, y: &YearFigures) -> String {
        let w = &self.theme.words.figures;
        let title = w.year_title.replace("{year}", &y.year.to_string());
        if y.to_date {
            let date = self.words().date(self.site.today);
            format!("{title} {}", w.to_date.replace("{date}", &date))
        } else {
            title
        }
    }

    /// The filter page and feed of a theme or region, when the agenda has them.
    fn filter_of(&self, kind: FacetKind, n: &Named) -> Option<(String, Option<String>)> {
        let f = self
            .routes
            .facets()
            .iter()
            .find(|f| f.kind == kind && f.slug == n.slug)?;
        let page = self.link(&url::facet_page(f));
        self.routes.get(&url::file_for(&page))?;
        let feed = self.link(&url::facet_feed(f));
        let feed = self.routes.get(&url::file_for(&feed)).map(|_| feed);
        Some((page, feed))
    }

    fn dimensions(&self, y: &YearFigures) -> Vec<Dimension> {
        let w = &self.theme.words;
        let f = &w.figures;
        let not_given = || f.not_given.clone();
        let plain = |label: String, count: usize| Row {
            label,
            count,
            filter: None,
        };
        let named = |kind: FacetKind, list: &[(Option<Named>, usize)]| -> Vec<Row> {
            list.iter()
                .map(|(n, count)| match n {
                    Some(n) => Row {
                        label: n.label.clone(),
                        count: *count,
                        filter: self.filter_of(kind, n),
                    },
                    None => plain(not_given(), *count),
                })
                .collect()
        };
        vec![
            Dimension {
                id: "niveau",
                title: f.by_level.clone(),
                name: f.level.clone(),
                rows: y
                    .levels
                    .iter()
                    .map(|(l, c)| plain(w.levels.get(*l).to_string(), *c))
                    .collect(),
            },
            Dimension {
                id: "theme",
                title: f.by_theme.clone(),
                name: f.theme.clone(),
                rows: named(FacetKind::Theme, &y.themes),
            },
            Dimension {
                id: "region",
                title: f.by_region.clone(),
                name: f.region.clone(),
                rows: named(FacetKind::Region, &y.regions),
            },
            Dimension {
                id: "axe",
                title: f.by_axis.clone(),
                name: f.axis.clone(),
                rows: y
                    .axes
                    .iter()
                    .map(|(a, c)| plain(a.map_or_else(not_given, |a| w.axes.get(a).into()), *c))
                    .collect(),
            },
            Dimension {
                id: "cadre",
                title: f.by_venue.clone(),
                name: f.venue.clone(),
                rows: y
                    .venues
                    .iter()
                    .map(|(v, c)| plain(v.map_or_else(not_given, |v| w.venues.get(v).into()), *c))
                    .collect(),
            },
        ]
    }

    /// The headline figures of a year, for `/bilan/` and the home page.
    fn headline(&self, y: &YearFigures) -> Value {
        let percent = (y.binome * 200 + y.held)
            .checked_div(2 * y.held)
            .unwrap_or(0);
        json!({
            "year": y.year, "title": self.year_title(y), "url": self.link(&url::figures_year(y.year)),
            "to_date": y.to_date, "held": y.held, "events": y.events, "binome": y.binome,
            "binome_percent": percent, "ambassadors": y.ambassadors, "reports": y.reports,
        })
    }

    /// This year's headline for the home page, `null` before anything was held this year.
    pub(super) fn figures_home(&self) -> Value {
        self.site
            .figures
            .iter()
            .find(|y| y.to_date)
            .map_or(Value::Null, |y| self.headline(y))
    }
}

/// `/bilan/`: every year, newest first, and the current year's headline.
pub fn index(cx: &RenderCx, out: &mut Output) {
    let years: Vec<Value> = cx
        .site
        .figures
        .iter()
        .rev()
        .map(|y| cx.headline(y))
        .collect();
    let vars =
        json!({"years": years, "current": cx.figures_home(), "reports_url": cx.link(url::REPORTS)});
    cx.page(
        "figures.html",
        PageMeta::with_site_description(
            cx,
            cx.theme.words.figures.title.clone(),
            &cx.link(url::FIGURES),
            Section::Figures,
        ),
        vars,
        out,
    );
}

/// `/bilan/<year>/`: the year's headline, then each dimension as a chart and a table.
pub fn year(cx: &RenderCx, year: i32, out: &mut Output) {
    let Some(y) = cx.year_figures(year) else {
        return;
    };
    let item = &cx.theme.words.figures.chart_item;
    let dimensions: Vec<Value> = cx
        .dimensions(y)
        .into_iter()
        .filter(|d| !d.rows.is_empty())
        .map(|d| {
            let bars: Vec<Bar> = d
                .rows
                .iter()
                .map(|r| Bar {
                    label: r.label.clone(),
                    count: r.count,
                })
                .collect();
            let alt = chart::alt(&d.title, &bars, item);
            let rows: Vec<Value> = d
                .rows
                .iter()
                .map(|r| {
                    let (page, feed) = r.filter.clone().unzip();
                    json!({"label": r.label, "count": r.count, "url": page, "feed_url": feed.flatten()})
                })
                .collect();
            let linked = d.rows.iter().any(|r| r.filter.is_some());
            json!({"id": d.id, "title": d.title, "name": d.name, "svg": chart::svg(&bars, &alt), "rows": rows, "linked": linked})
        })
        .collect();
    let vars = json!({
        "figures": cx.headline(y), "dimensions": dimensions,
        "csv_url": cx.link(&url::figures_csv(year)), "index_url": cx.link(url::FIGURES), "reports_url": cx.link(url::REPORTS),
    });
    cx.page(
        "figures_year.html",
        PageMeta::with_site_description(
            cx,
            cx.year_title(y),
            &cx.link(&url::figures_year(year)),
            Section::Figures,
        ),
        vars,
        out,
    );
}

/// A field of a CSV file (RFC 4180): quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `/bilan/<year>.csv`: one row per dimension, value and count, in UTF-8 with CRLF line ends.
pub fn csv(cx: &RenderCx, year: i32, out: &mut Output) {
    let Some(y) = cx.year_figures(year) else {
        return;
    };
    let f = &cx.theme.words.figures;
    let mut rows: Vec<(String, String, usize)> = vec![
        (f.held.clone(), f.total.clone(), y.held),
        (f.events.clone(), f.total.clone(), y.events),
        (f.binome.clone(), f.total.clone(), y.binome),
        (f.ambassadors.clone(), f.total.clone(), y.ambassadors),
        (f.reports.clone(), f.total.clone(), y.reports),
    ];
    for d in cx.dimensions(y) {
        for r in d.rows {
            rows.push((d.name.clone(), r.label, r.count));
        }
    }
    let mut s = format!(
        "{},{},{}\r\n",
        csv_field(&f.csv_dimension),
        csv_field(&f.csv_value),
        csv_field(&f.csv_count)
    );
    for (dimension, value, count) in rows {
        s.push_str(&format!(
            "{},{},{count}\r\n",
            csv_field(&dimension),
            csv_field(&value)
        ));
    }
    out.add(
        url::file_for(&cx.link(&url::figures_csv(year))),
        Body::Bytes(s.into_bytes()),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(super::csv_field("Culture"), "Culture");
        assert_eq!(super::csv_field("a, b"), "\"a, b\"");
        assert_eq!(super::csv_field("le \"x\""), "\"le \"\"x\"\"\"");
        assert_eq!(super::csv_field("a\nb"), "\"a\nb\"");
    }
}
