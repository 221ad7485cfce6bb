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
/// The directory of the ambassadors with a public profile.
pub const AMBASSADORS: &str = "/ambassadeurs/";
pub const MISSION_SHEET: &str = "/fiches/mission/";
pub const IDENTIFICATION_SHEET: &str = "/fiches/identification/";
/// The open calls for volunteers, and the page on proposing an intervention.
pub const MISSIONS: &str = "/missions/";
pub const MISSIONS_PROPOSE: &str = "/missions/proposer/";
pub const MISSIONS_ATOM: &str = "/missions.atom";
pub const MISSIONS_FEED: &str = "/missions.ics";
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

/// An ambassador's public profile: `/ambassadeurs/amina-benali/`.
pub fn ambassador(id: impl std::fmt::Display) -> String {
    format!("{AMBASSADORS}{id}/")
}

/// An ambassador's photo, at the path it has under `content/` (`photos/amina.svg`).
pub fn photo(rel: &str) -> String {
    format!("/{rel}")
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

/// A `mailto:` address (RFC 6068) to `to` with `subject` and `body`: every byte but the
/// unreserved ones percent-encoded (spaces as `%20`, never `+`; UTF-8), line ends as CRLF.
pub fn mailto(to: &str, subject: &str, body: &str) -> String {
    fn enc(s: &str, keep: &[u8]) -> String {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
    let body = body.replace("\r\n", "\n").replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        enc(to.trim(), b"@"),
        enc(subject, b""),
        enc(&body, b"")
    )
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

/// The addresses templates get as `site.urls`, so that a theme links without spelling them,
/// each behind `prefix`, the page's language's (`/nl`, or nothing for the default language).
pub fn template_urls(prefix: &str) -> serde_json::Value {
    let urls = [
        ("home", HOME),
        ("agenda", AGENDA),
        ("archive", ARCHIVE),
        ("month", MONTH_NOW),
        ("charter", CHARTER),
        ("lexicon", LEXICON),
        ("kit", KIT),
        ("networks", NETWORKS),
        ("ambassadors", AMBASSADORS),
        ("mission_sheet", MISSION_SHEET),
        ("identification_sheet", IDENTIFICATION_SHEET),
        ("feed", FEED),
        ("atom", ATOM),
        ("missions", MISSIONS),
        ("missions_propose", MISSIONS_PROPOSE),
        ("missions_atom", MISSIONS_ATOM),
        ("missions_feed", MISSIONS_FEED),
        ("reports", REPORTS),
        ("reports_atom", REPORTS_ATOM),
        ("figures", FIGURES),
    ];
    serde_json::Value::Object(
        urls.into_iter()
            .map(|(k, v)| (k.to_string(), format!("{prefix}{v}").into()))
            .collect(),
    )
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
        assert_eq!(file_for(MISSIONS_PROPOSE), "missions/proposer/index.html");
    }

    #[test]
    fn mailto_links_encode_as_rfc_6068_asks() {
        assert_eq!(
            mailto("a.b@example.org", "Réunion & co", "Ligne 1\nLigne 2 ?"),
            "mailto:a.b@example.org?subject=R%C3%A9union%20%26%20co\
             &body=Ligne%201%0D%0ALigne%202%20%3F"
        );
    }
}
