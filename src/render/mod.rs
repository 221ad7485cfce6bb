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
mod languages;
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

/// One language of the site, as every page of every language links to it (the `hreflang`
/// alternates and the language switcher).
pub struct Language {
    /// `fr`, `nl`.
    pub code: String,
    /// The language's name in itself (`Nederlands`), from its own interface file.
    pub name: String,
    pub routes: Arc<RouteTable>,
}

impl Language {
    pub fn new(site: &Site, theme: &Theme, routes: &Arc<RouteTable>) -> Language {
        let code = site.content.config.language.clone();
        let name = theme.t["languages"][code.as_str()]
            .as_str()
            .unwrap_or(&code)
            .to_string();
        Language {
            code,
            name,
            routes: Arc::clone(routes),
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
    /// The address prefix of this language (`/nl`; empty for the default language): every
    /// language-specific address goes through `link`.
    pub prefix: String,
    /// Every language of the site, the default one first (only this one when the site has one).
    pub languages: Arc<Vec<Language>>,
    /// The `site` variable of every template.
    pub site_vars: Value,
    /// Each menu entry's `url` and section (none for a free page's entry), in menu order: a
    /// page's `menu_page` and `menu_section` are found here, for the header partial, which
    /// does not see the page's path.
    pub menu: Vec<(String, Option<Section>)>,
    pub glossary: glossary::Glossary,
    pub tz_cache: vtimezone::TzCache,
    /// Each event's VEVENT text, made on first use and kept while calendar files are made
    /// (see `ics` and `release_calendar_texts`).
    vevents: std::sync::RwLock<Vec<VeventCell>>,
    /// Each event's key, made on first use (see `event::RenderCx::event_key`).
    event_keys: Vec<std::sync::OnceLock<crate::output::Key>>,
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
    /// The occurrences each month grid shows, made on first use (see `agenda::month_page`).
    months: std::sync::OnceLock<agenda::Months>,
    /// The header and footer of each kind of page (see `page::PARTIALS`).
    partials: page::Partials,
    /// The calendar properties every calendar file shares (see `ics`).
    calendar_frame: std::sync::OnceLock<(String, String)>,
}

type VeventCell = std::sync::OnceLock<(Arc<str>, Option<(chrono::NaiveDate, chrono::NaiveDate)>)>;

impl RenderCx {
    /// The context of one build: made once, then shared by every route rendered from it.
    pub fn new(site: Arc<Site>, theme: Arc<Theme>, routes: Arc<RouteTable>) -> RenderCx {
        let c = &site.content;
        let prefix = site.prefix();
        let link = |path: &str| format!("{prefix}{path}");
        let nav = &theme.words.nav;
        // (title, url, section) of each menu entry, in order.
        // (title, url, section, the menu entry's own section) of each entry.
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
                link(url),
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
                link(&url::page(&p.slug)),
                format!("page-{}", p.slug),
                None,
            ));
        }
        let menu: Vec<Value> = entries
            .iter()
            .map(|(title, url, section, _)| {
                // A page's title shown in the default language is marked with its `lang`.
                let fallback = section
                    .strip_prefix("page-")
                    .and_then(crate::model::Slug::parse)
                    .is_some_and(|s| site.fallbacks.page(&s));
                let mut entry = json!({"title": title, "url": url, "section": section});
                if fallback {
                    entry["lang"] = json!(site.fallbacks.lang);
                }
                entry
            })
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
            "join_url": c.config.join_page.as_ref().map(|p| link(&url::page(p))),
            "feed_url": link(url::FEED),
            "atom_url": link(url::ATOM),
            "atom_title": atom_title,
            "urls": url::template_urls(&prefix),
            // Kit items, networks and public profiles have no translations: on another
            // language's pages their texts are marked with the default language's `lang`.
            "untranslated_lang": site.fallbacks.active.then(|| site.fallbacks.lang.clone()),
        });
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        let glossary = glossary::Glossary::at(&c.lexicon, &link(url::LEXICON));
        let vevents = std::sync::RwLock::new(empty_cells(c.events.len()));
        let event_keys = (0..c.events.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        let facet_lists = routes
            .facets()
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect();
        let languages = Arc::new(vec![Language::new(&site, &theme, &routes)]);
        RenderCx {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            site,
            theme,
            routes,
            prefix,
            languages,
            site_vars,
            menu: menu_keys,
            glossary,
            tz_cache: vtimezone::TzCache::default(),
            vevents,
            event_keys,
            mission_blank: std::sync::OnceLock::new(),
            filters: std::sync::OnceLock::new(),
            feeds: std::sync::OnceLock::new(),
            facet_lists,
            months: std::sync::OnceLock::new(),
            partials: page::Partials::default(),
            calendar_frame: std::sync::OnceLock::new(),
        }
    }

    /// Forgets the VEVENT texts kept for calendar files (about 1 kB an event): once every
    /// calendar file of a build is made, nothing else needs them. Made again if asked.
    pub fn release_calendar_texts(&self) {
        let mut cells = self.vevents.write().unwrap_or_else(|p| p.into_inner());
        *cells = empty_cells(cells.len());
    }

    /// This context with the site's languages (`Prepared::render_cxs`).
    pub fn with_languages(mut self, languages: Arc<Vec<Language>>) -> RenderCx {
        self.languages = languages;
        self
    }

    /// The address of `path` (`/agenda/`) in this context's language: `/nl/agenda/`.
    /// Language-neutral files (theme assets, kit files, photos) keep their root address.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.prefix)
    }

    /// The language of this context (`fr`).
    pub fn lang(&self) -> &str {
        &self.site.content.config.language
    }

    /// The address of the file made by `route` in each language that has it: (language,
    /// site path), the default language first.
    pub fn alternates(&self, route: &Route) -> Vec<(&Language, &str)> {
        self.languages
            .iter()
            .filter_map(|l| l.routes.path_of(route).map(|p| (l, p)))
            .collect()
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
    // One output per run of items a worker takes, not one per item: a small map kept per page
    // until the end, among what rendering the page freed, held on to memory (11-13 MiB on
    // 10,000 events). Runs are in item order, and so are their problems.
    let parts: Vec<Output> = items
        .par_iter()
        .enumerate()
        .fold(
            || proto.child(),
            |mut o, (i, item)| {
                f(i, item, &mut o);
                o
            },
        )
        .collect();
    for p in parts {
        out.merge(p);
    }
}

/// Renders every route of the table into `sink`.
pub fn render(cx: &RenderCx, sink: Sink) -> Output {
    render_all(std::slice::from_ref(cx), sink)
}

/// Renders every route of every language's context into `sink`.
pub fn render_all(cxs: &[RenderCx], sink: Sink) -> Output {
    let mut out = Output::new(sink);
    // The calendar files first, the feeds (the largest) leading, then the VEVENT texts they share
    // are let go before the pages are made: kept to the end, they were the build's peak of
    // memory (about 1 kB an event).
    type Routes<'a> = Vec<(&'a RenderCx, &'a Route)>;
    let (calendars, pages): (Routes, Routes) = cxs
        .iter()
        .flat_map(|cx| cx.routes.iter().map(move |(_, r)| (cx, r)))
        // An event's sheet is made with its page, from the same variables.
        .filter(|(_, r)| !matches!(r, Route::EventSheet(_)))
        .partition(|(_, r)| uses_calendar_texts(r));
    let mut calendars = calendars;
    calendars.sort_by_key(|(_, r)| !matches!(r, Route::Feed | Route::FilterFeed(_)));
    let build =
        |_, (cx, route): &(&RenderCx, &Route), out: &mut Output| build_route(cx, route, out);
    par_each(&calendars, &mut out, build);
    for cx in cxs {
        cx.release_calendar_texts();
    }
    par_each(&pages, &mut out, build);
    out
}

/// The routes whose files are made from the events' VEVENT texts (`ics`).
fn uses_calendar_texts(route: &Route) -> bool {
    matches!(
        route,
        Route::Feed | Route::FilterFeed(_) | Route::EventCalendar(_) | Route::MissionsFeed
    )
}

fn empty_cells(n: usize) -> Vec<VeventCell> {
    (0..n).map(|_| VeventCell::new()).collect()
}

/// Makes the files of `route` in a whole build. Where the output keeps a manifest, the routes
/// whose inputs are known before anything is made have a key of their own (`route_key`): a
/// rebuild takes each of their files over from the previous output, when the key is
/// unchanged, without making its variables at all. Most of a rebuild after one edit was
/// otherwise spent making the files of the other events only to find them unchanged.
fn build_route(cx: &RenderCx, route: &Route, out: &mut Output) {
    let key = if out.keyed() {
        route_key(cx, route)
    } else {
        None
    };
    let Some(key) = key else {
        return match *route {
            // An event's sheet is made with its page, from the same variables.
            Route::Event(i) => event::event(cx, i, true, true, out),
            _ => render_route(cx, route, out),
        };
    };
    // Each file not taken over is made; a file taken over is not made again.
    let mut missing = |route: &Route| {
        cx.routes
            .path_of(route)
            .is_some_and(|path| !out.reuse(&url::file_for(path), key))
    };
    match *route {
        Route::Event(i) => {
            let page = missing(route);
            let sheet = missing(&Route::EventSheet(i));
            if page || sheet {
                out.with_route_key(key, |out| event::event(cx, i, page, sheet, out));
            }
        }
        _ => {
            if missing(route) {
                out.with_route_key(key, |out| render_route(cx, route, out));
            }
        }
    }
}

/// The key of a route's files made from what the route is known to depend on: an event's
/// files from the event (`RenderCx::event_key`), a calendar feed from its events' keys. None
/// for the routes keyed by their variables or bytes once made.
fn route_key(cx: &RenderCx, route: &Route) -> Option<crate::output::Key> {
    match *route {
        Route::Event(i) | Route::EventCalendar(i) => Some(cx.event_key(i)),
        Route::Feed => ics::feed_key(cx, None),
        Route::FilterFeed(f) => ics::feed_key(cx, Some(f)),
        _ => None,
    }
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
            out.add(
                url::file_for(&cx.link(url::ATOM)),
                Body::Bytes(atom.into_bytes()),
            );
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
                url::file_for(&cx.link(url::MISSIONS_ATOM)),
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

/// Every HTML page of every language's route table; on a site of several languages, each
/// with its address in every language (`xhtml:link` alternates, as search engines read them).
fn sitemap(cx: &RenderCx) -> String {
    let several = cx.languages.len() > 1;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"",
    );
    if several {
        s.push_str(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    }
    s.push_str(">\n");
    for lang in cx.languages.iter() {
        for (file, route) in lang.routes.iter() {
            let Some(dir) = file.strip_suffix("index.html") else {
                continue;
            };
            let loc = cx.absolute(&format!("/{dir}"));
            if !several {
                s.push_str(&format!(
                    "  <url><loc>{}</loc></url>\n",
                    crate::escape::xml(&loc)
                ));
                continue;
            }
            s.push_str(&format!("  <url><loc>{}</loc>", crate::escape::xml(&loc)));
            for (other, path) in cx.alternates(route) {
                s.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    other.code,
                    crate::escape::xml(&cx.absolute(path))
                ));
            }
            s.push_str("</url>\n");
        }
    }
    s.push_str("</urlset>\n");
    s
}
