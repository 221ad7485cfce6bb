//! Renderers: plain functions from the site model to output files, one route of the route
//! table (`crate::routes`) at a time. Each file goes to an `Output` (`crate::output`) as soon
//! as it is made.

pub mod agenda;
pub mod ambassadors;
pub mod atom;
pub mod chart;
pub mod dates;
pub mod event;
pub mod figures;
pub mod glossary;
pub mod ics;
pub mod map;
pub mod minify;
pub mod missions;
pub mod page;
pub mod pages;
pub mod reports;
pub mod rhythm;
pub mod schedule;
pub mod sheets;
pub mod theme;
pub mod translations;
pub mod typography;
pub mod vtimezone;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::{json, Value};

use crate::output::{Body, Output, Sink};
use crate::routes::{url, Route, RouteTable};
use crate::site::Site;
use theme::Theme;

/// The kind of an HTML page: templates see its key as `page.section`, and the menu marks the
/// entry of the page's section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Home,
    Agenda,
    Charter,
    Lexicon,
    Kit,
    Networks,
    /// The open calls and the page on proposing an intervention.
    Missions,
    /// The ambassadors' directory and their profiles.
    Ambassadors,
    /// A free page of `content/pages/`.
    Page,
    Sheet,
    /// The figures (`/bilan/`).
    Figures,
    NotFound,
}

impl Section {
    pub fn key(self) -> &'static str {
        match self {
            Section::Home => "home",
            Section::Agenda => "agenda",
            Section::Charter => "charter",
            Section::Lexicon => "lexicon",
            Section::Kit => "kit",
            Section::Networks => "networks",
            Section::Missions => "missions",
            Section::Ambassadors => "ambassadors",
            Section::Page => "page",
            Section::Sheet => "sheet",
            Section::Figures => "figures",
            Section::NotFound => "404",
        }
    }
}

/// What every renderer needs: the site, the theme, and values computed once per build.
pub struct RenderCx {
    /// Unique per `RenderCx`: tells a thread's cached template context from a stale one.
    pub id: u64,
    pub site: Arc<Site>,
    pub theme: Arc<Theme>,
    pub routes: Arc<RouteTable>,
    /// The `site` variable of every template.
    pub site_vars: Value,
    /// Each menu entry's `url` and section (none for a free page's entry), in menu order: a
    /// page's `menu_page` and `menu_section` are found here, for the header partial, which
    /// does not see the page's path.
    pub menu: Vec<(String, Option<Section>)>,
    pub glossary: glossary::Glossary,
    pub tz_cache: vtimezone::TzCache,
    /// Each event's VEVENT text, made on first use (see `ics`).
    vevents: Vec<VeventCell>,
    /// The blank mission sheet, made on first use (see `sheets`).
    mission_blank: std::sync::OnceLock<sheets::MissionBlank>,
    /// The agenda's filter navigation, made on first use (see `agenda`).
    filters: std::sync::OnceLock<Value>,
    /// The site's feeds, made on first use (see `ics::feeds`): each feed file and the agenda's
    /// subscribe section need them.
    feeds: std::sync::OnceLock<Vec<ics::Feed>>,
    /// Each facet value's agenda entries (`Site::listed`) and number of past occurrences, made on first use:
    /// every page of a filter needs them.
    facet_lists: Vec<std::sync::OnceLock<(Vec<crate::site::Occurrence>, usize)>>,
    /// The header and footer of each kind of page (see `page::PARTIALS`).
    partials: page::Partials,
    /// The calendar properties every calendar file shares (see `ics`).
    calendar_frame: std::sync::OnceLock<(String, String)>,
}

type VeventCell = std::sync::OnceLock<(String, Option<(chrono::NaiveDate, chrono::NaiveDate)>)>;

impl RenderCx {
    /// The context of one build: made once, then shared by every route rendered from it.
    pub fn new(site: Arc<Site>, theme: Arc<Theme>, routes: Arc<RouteTable>) -> RenderCx {
        let c = &site.content;
        let nav = &theme.words.nav;
        // (title, url, section) of each menu entry, in order.
        let mut entries: Vec<(String, String, String, Option<Section>)> = [
            (&nav.home, Section::Home, url::HOME),
            (&nav.agenda, Section::Agenda, url::AGENDA),
            (&nav.missions, Section::Missions, url::MISSIONS),
            (&nav.charter, Section::Charter, url::CHARTER),
            (&nav.lexicon, Section::Lexicon, url::LEXICON),
            (&nav.kit, Section::Kit, url::KIT),
            (&nav.networks, Section::Networks, url::NETWORKS),
            (&nav.ambassadors, Section::Ambassadors, url::AMBASSADORS),
        ]
        .into_iter()
        .map(|(title, section, url)| {
            (
                title.clone(),
                url.to_string(),
                section.key().to_string(),
                Some(section),
            )
        })
        .collect();
        let mut pages: Vec<_> = c
            .pages
            .iter()
            .filter_map(|p| p.menu.map(|m| (m, p)))
            .collect();
        pages.sort_by_key(|(m, p)| (*m, p.slug.clone()));
        for (_, p) in pages {
            entries.push((
                p.title.clone(),
                url::page(&p.slug),
                format!("page-{}", p.slug),
                None,
            ));
        }
        let menu: Vec<Value> = entries
            .iter()
            .map(|(title, url, section, _)| json!({"title": title, "url": url, "section": section}))
            .collect();
        let menu_keys = entries
            .into_iter()
            .map(|(_, url, _, section)| (url, section))
            .collect();
        let mut organisation = json!(c.config.organisation);
        // Made once here rather than with two `replace` filters on every page.
        let phone_uri = c.config.organisation.phone.as_ref().map(|p| {
            p.chars()
                .filter(|ch| *ch != ' ' && *ch != '.')
                .collect::<String>()
        });
        if let Value::Object(m) = &mut organisation {
            m.insert("phone_uri".into(), json!(phone_uri));
        }
        let atom_title = theme
            .words
            .feeds
            .atom_title
            .replace("{site}", &c.config.title);
        let site_vars = json!({
            "title": c.config.title,
            "description": c.config.description,
            "base_url": c.config.base_url.as_str(),
            "language": c.config.language,
            "organisation": organisation,
            "menu": menu,
            "join_url": c.config.join_page.as_ref().map(url::page),
            "feed_url": url::FEED,
            "atom_url": url::ATOM,
            "atom_title": atom_title,
            "urls": url::template_urls(),
        });
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        let glossary = glossary::Glossary::new(&c.lexicon);
        let vevents = (0..c.events.len()).map(|_| VeventCell::new()).collect();
        let facet_lists = routes
            .facets()
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect();
        RenderCx {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            site,
            theme,
            routes,
            site_vars,
            menu: menu_keys,
            glossary,
            tz_cache: vtimezone::TzCache::default(),
            vevents,
            mission_blank: std::sync::OnceLock::new(),
            filters: std::sync::OnceLock::new(),
            feeds: std::sync::OnceLock::new(),
            facet_lists,
            partials: page::Partials::default(),
            calendar_frame: std::sync::OnceLock::new(),
        }
    }

    pub fn mission_blank(&self) -> &sheets::MissionBlank {
        self.mission_blank
            .get_or_init(|| sheets::MissionBlank::new(self))
    }
}

/// An object of template variables made by moving `members` in. `json!` would copy each
/// member that is already a `Value` (it serialises it again), which cost several percent of a
/// large build for the sheets and event pages.
pub fn object<const N: usize>(members: [(&str, Value); N]) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// Runs `f` on every item on all cores, each with its own output, then merges the outputs in
/// item order (file paths are sorted anyway, so the result never depends on scheduling).
pub fn par_each<T: Sync>(
    items: &[T],
    out: &mut Output,
    f: impl Fn(usize, &T, &mut Output) + Sync + Send,
) {
    use rayon::prelude::*;
    let proto = out.child();
    let parts: Vec<Output> = items
        .par_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut o = proto.child();
            f(i, item, &mut o);
            o
        })
        .collect();
    for p in parts {
        out.merge(p);
    }
}

/// Renders every route of the table into `sink`.
pub fn render(cx: &RenderCx, sink: Sink) -> Output {
    let mut out = Output::new(sink);
    let routes: Vec<&Route> = cx
        .routes
        .iter()
        .map(|(_, r)| r)
        // An event's sheet is made with its page, from the same variables.
        .filter(|r| !matches!(r, Route::EventSheet(_)))
        .collect();
    par_each(&routes, &mut out, |_, route, out| match route {
        Route::Event(i) => event::event(cx, *i, true, true, out),
        other => render_route(cx, other, out),
    });
    out
}

/// Renders the file at `file` (`agenda/index.html`) alone, or `None` when the site has no
/// such file: what the preview server does for each request.
pub fn render_file(cx: &RenderCx, file: &str) -> Option<Output> {
    let route = cx.routes.get(file)?;
    let mut out = Output::new(Sink::Memory);
    render_route(cx, route, &mut out);
    Some(out)
}

/// Makes the one file of `route`.
pub fn render_route(cx: &RenderCx, route: &Route, out: &mut Output) {
    match route {
        Route::Home => pages::home(cx, out),
        Route::Charter => pages::charter(cx, out),
        Route::Lexicon => pages::lexicon(cx, out),
        Route::Kit => pages::kit(cx, out),
        Route::KitPage(i) => pages::kit_page(cx, *i, out),
        Route::Networks => pages::networks(cx, out),
        Route::NotFound => pages::not_found(cx, out),
        Route::Page(i) => pages::page(cx, *i, out),
        Route::Ambassadors => ambassadors::directory(cx, out),
        Route::Ambassador(i) => ambassadors::profile(cx, *i, out),
        Route::Photo(i) => {
            if let Some(p) = &cx.site.content.ambassadors[*i].photo {
                out.add(
                    url::file_for(&url::photo(&p.rel)),
                    Body::CopyOf(p.source.clone()),
                );
            }
        }
        Route::Event(i) => event::event(cx, *i, true, false, out),
        Route::EventSheet(i) => event::event(cx, *i, false, true, out),
        Route::Sheet(kind) => sheets::blank(cx, *kind, out),
        Route::Agenda(n) => agenda::agenda(cx, *n, out),
        Route::Archive(n) => agenda::archive(cx, *n, out),
        Route::Filter { facet, page } => agenda::filter_page(cx, *facet, *page, out),
        Route::MonthNow => agenda::month_page(cx, None, out),
        Route::Month(m) => agenda::month_page(cx, Some(*m), out),
        Route::EventCalendar(i) => ics::event_file(cx, *i, out),
        Route::Feed => ics::feed_file(cx, None, out),
        Route::FilterFeed(f) => ics::feed_file(cx, Some(*f), out),
        Route::Atom => {
            let atom = atom::feed(cx);
            out.add(url::file_for(url::ATOM), Body::Bytes(atom.into_bytes()));
        }
        Route::Reports(n) => reports::list(cx, *n, out),
        Route::ReportsAtom => reports::feed(cx, out),
        Route::Figures => figures::index(cx, out),
        Route::FiguresYear(y) => figures::year(cx, *y, out),
        Route::FiguresCsv(y) => figures::csv(cx, *y, out),
        Route::KitFile(i) => {
            if let crate::model::KitTarget::File { rel, source, .. } =
                &cx.site.content.kit.items[*i].target
            {
                out.add(
                    url::file_for(&url::kit_file(rel)),
                    Body::CopyOf(source.clone()),
                );
            }
        }
        Route::Asset(path) => {
            if let Some(bytes) = cx.theme.statics.get(path) {
                out.add(path.clone(), Body::Bytes(bytes.clone()));
            }
        }
        Route::Missions => missions::page(cx, out),
        Route::MissionsPropose => missions::propose(cx, out),
        Route::MissionsAtom => {
            let atom = missions::atom(cx);
            out.add(
                url::file_for(url::MISSIONS_ATOM),
                Body::Bytes(atom.into_bytes()),
            );
        }
        Route::MissionsFeed => missions::feed_file(cx, out),
        Route::Sitemap => {
            let sitemap = sitemap(cx);
            out.add(
                url::file_for(url::SITEMAP),
                Body::Bytes(sitemap.into_bytes()),
            );
        }
        Route::Robots => {
            let robots = format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                cx.absolute(url::SITEMAP)
            );
            out.add(url::file_for(url::ROBOTS), Body::Bytes(robots.into_bytes()));
        }
    }
}

/// Every HTML page of the route table.
fn sitemap(cx: &RenderCx) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in cx.routes.page_paths() {
        let loc = cx.absolute(&path);
        s.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::escape::xml(&loc)
        ));
    }
    s.push_str("</urlset>\n");
    s
}
