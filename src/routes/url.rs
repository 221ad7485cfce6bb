//! Every address of the site, in one place: the route table (`super`) files its routes under
//! these, the renderers link with them, and templates get them as `site.urls`.

use chrono::NaiveDate;

use crate::site::facets::Facet;

pub const HOME: &str = "/";
pub const AGENDA: &str = "/agenda/";
pub const ARCHIVE: &str = "/agenda/archives/";
/// The month grid showing the current month.
pub const MONTH_NOW: &str = "/agenda/mois/";
pub const CHARTER: &str = "/charte/";
pub const LEXICON: &str = "/lexique/";
pub const KIT: &str = "/kit/";
pub const NETWORKS: &str = "/reseaux/";
pub const MISSION_SHEET: &str = "/fiches/mission/";
pub const IDENTIFICATION_SHEET: &str = "/fiches/identification/";
pub const FEED: &str = "/agenda.ics";
pub const ATOM: &str = "/agenda.atom";
pub const NOT_FOUND: &str = "/404.html";
pub const SITEMAP: &str = "/sitemap.xml";
pub const ROBOTS: &str = "/robots.txt";
/// The list of events' reports, newest first, and its Atom feed.
pub const REPORTS: &str = "/agenda/comptes-rendus/";
pub const REPORTS_ATOM: &str = "/agenda/comptes-rendus.atom";
/// The yearly figures: the years, then one page and one CSV file per year.
pub const FIGURES: &str = "/bilan/";

/// The folder of the further pages of a list (`/agenda/page/2/`): `list_page`.
pub const PAGE_DIR: &str = "page/";
/// Where the printable sheets live.
pub const SHEETS_DIR: &str = "/fiches/";

/// A free page of `content/pages/`.
pub fn page(slug: impl std::fmt::Display) -> String {
    format!("/{slug}/")
}

/// An event's page.
pub fn event(slug: impl std::fmt::Display) -> String {
    format!("/agenda/{slug}/")
}

/// An event's own calendar file.
pub fn event_calendar(slug: impl std::fmt::Display) -> String {
    format!("/agenda/{slug}/{slug}.ics")
}

/// An event's pre-filled mission sheet.
pub fn event_sheet(slug: impl std::fmt::Display) -> String {
    format!("/agenda/{slug}/fiche-mission/")
}

/// The figures of one year: `/bilan/2026/`.
pub fn figures_year(year: i32) -> String {
    format!("{FIGURES}{year}/")
}

/// The figures of one year as a spreadsheet: `/bilan/2026.csv`.
pub fn figures_csv(year: i32) -> String {
    format!("{FIGURES}{year}.csv")
}

/// Where an event page's report starts.
pub fn event_report(slug: impl std::fmt::Display) -> String {
    format!("/agenda/{slug}/#compte-rendu")
}

/// Page `number` (from 1) of a list whose first page is `base`: `/agenda/`,
/// `/agenda/page/2/`, …
pub fn list_page(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}{PAGE_DIR}{number}/")
    }
}

/// The month grid of the month starting on `first`.
pub fn month(first: NaiveDate) -> String {
    format!("/agenda/mois/{}/", first.format("%Y-%m"))
}

/// The folder of one kind of filter pages: `/agenda/niveau/`.
pub fn facet_dir(kind: crate::site::facets::FacetKind) -> String {
    format!("/agenda/{}/", kind.dir())
}

/// A filter page: `/agenda/niveau/europeen/`.
pub fn facet_page(f: &Facet) -> String {
    format!("/agenda/{}/{}/", f.kind.dir(), f.slug)
}

/// A filter's feed: `/agenda/niveau/europeen.ics`.
pub fn facet_feed(f: &Facet) -> String {
    format!("/agenda/{}/{}.ics", f.kind.dir(), f.slug)
}

/// The page of a kit item written in Markdown: `/kit/pitch-30-secondes/`.
pub fn kit_page(id: impl std::fmt::Display) -> String {
    format!("{KIT}{id}/")
}

/// A kit file, at the path it has under `content/` (`kit/brochure.pdf`).
pub fn kit_file(rel: &str) -> String {
    format!("/{rel}")
}

/// `s` encoded for a query string (`application/x-www-form-urlencoded`), for links to other
/// sites (calendar services).
pub fn encode(s: &str) -> String {
    ::url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The output file of a site path: `/charte/` → `charte/index.html`.
pub fn file_for(path: &str) -> String {
    let p = path.trim_start_matches('/');
    if p.is_empty() {
        "index.html".into()
    } else if p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

/// The addresses templates get as `site.urls`, so that a theme links without spelling them.
pub fn template_urls() -> serde_json::Value {
    serde_json::json!({
        "home": HOME, "agenda": AGENDA, "archive": ARCHIVE, "month": MONTH_NOW,
        "charter": CHARTER, "lexicon": LEXICON, "kit": KIT, "networks": NETWORKS,
        "mission_sheet": MISSION_SHEET, "identification_sheet": IDENTIFICATION_SHEET,
        "feed": FEED, "atom": ATOM,
        "reports": REPORTS, "reports_atom": REPORTS_ATOM, "figures": FIGURES,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_of_paths() {
        assert_eq!(file_for(HOME), "index.html");
        assert_eq!(file_for(CHARTER), "charte/index.html");
        assert_eq!(file_for(FEED), "agenda.ics");
        assert_eq!(file_for(&list_page(AGENDA, 1)), "agenda/index.html");
        assert_eq!(file_for(&list_page(AGENDA, 3)), "agenda/page/3/index.html");
        assert_eq!(file_for(&event_calendar("x")), "agenda/x/x.ics");
    }
}
