//! The route table: every file of the output, by path, with what makes it (`Route`). It is
//! built once per site from the model, before anything is rendered: `build` renders every
//! route, `check` the same without writing, and the preview server looks a requested path up
//! and renders that route alone. Every address comes from `url`.
//!
//! Each route also says where it comes from (`Source`): the site itself, a page, an event, a
//! kit file, an ambassador's photo or a theme file. Two sources claiming one path, or one
//! source's file inside the folder another source owns (a page owns `/<slug>/`, an event
//! `/agenda/<slug>/`, the site the folders of its lists, months, filters, sheets and
//! directory), is a content error naming both.

pub mod url;

use chrono::{Datelike, Duration, NaiveDate};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::KitTarget;
use crate::msg;
use crate::site::facets::{Facet, FacetKind};
use crate::site::Site;

/// Occurrences per page of the agenda, its archive and its filter pages: an agenda that
/// grows for years stays a set of pages a phone can open (and a build keeps little in memory).
pub const PAGE_SIZE: usize = 100;

/// The pages of a list of `count` occurrences (at least one, empty, when there are none).
pub fn page_count(count: usize) -> usize {
    count.div_ceil(PAGE_SIZE).max(1)
}

/// Which of the two printable sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SheetKind {
    Mission,
    Identification,
}

impl SheetKind {
    pub fn key(self) -> &'static str {
        match self {
            SheetKind::Mission => "mission",
            SheetKind::Identification => "identification",
        }
    }
}

/// One file of the output and what makes it. Indices are into the site's content (events,
/// pages, kit items) or the table's facets; list pages are numbered from 1.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    Home,
    Charter,
    Lexicon,
    Kit,
    Networks,
    NotFound,
    /// Page `n` of the upcoming events (`Site::listed`).
    Agenda(usize),
    /// Page `n` of the past events.
    Archive(usize),
    /// Page `page` of the upcoming events (`Site::listed`) of one facet value.
    Filter {
        facet: usize,
        page: usize,
    },
    /// The calendar feed of one facet value.
    FilterFeed(usize),
    /// The month grid of the current month, at its own address.
    MonthNow,
    /// The month grid of the month starting on that day.
    Month(NaiveDate),
    Event(usize),
    EventCalendar(usize),
    EventSheet(usize),
    Sheet(SheetKind),
    Page(usize),
    KitFile(usize),
    /// The page of a kit item written in Markdown.
    KitPage(usize),
    /// The directory of the ambassadors' public profiles.
    Ambassadors,
    /// One ambassador's public profile.
    Ambassador(usize),
    /// One ambassador's photo, copied from `content/`.
    Photo(usize),
    /// A theme's static file, by its path in the output.
    Asset(String),
    Feed,
    Atom,
    /// The open calls for volunteers (`Site::open_calls`), their Atom feed and calendar feed.
    Missions,
    MissionsAtom,
    MissionsFeed,
    /// How to propose an intervention.
    MissionsPropose,
    /// Page `n` of the events' reports, newest first.
    Reports(usize),
    ReportsAtom,
    /// The years of the figures.
    Figures,
    /// The figures of one year, as a page and as CSV.
    FiguresYear(i32),
    FiguresCsv(i32),
    Sitemap,
    Robots,
}

/// Where a route comes from, to name both sides of a collision. The order of the variants is
/// the order of blame: the file an editor is told to rename is the first one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Source {
    Page(usize),
    Event(usize),
    KitFile(usize),
    /// An ambassador's photo (their profile's file is named).
    Photo(usize),
    Asset(String),
    /// The site's own pages and feeds, by the key the messages name them with.
    Site(&'static str),
}

/// A claim on the output: one file (with its route), or a whole folder (a path ending in `/`).
struct Claim {
    path: String,
    source: Source,
    route: Option<Route>,
}

/// Every route of a site, by output file path (`agenda/index.html`).
#[derive(Debug, Default)]
pub struct RouteTable {
    /// Sorted by path, each path once.
    files: Vec<(String, Route)>,
    facets: Vec<Facet>,
    /// Each facet's number of agenda entries (`Site::listed`).
    facet_upcoming: Vec<usize>,
    /// The first and the last month of the month grids.
    months: (NaiveDate, NaiveDate),
    /// Each route's site path (`/nl/agenda/`): a page's address in another language is the
    /// path of the same route in that language's table.
    paths: std::collections::HashMap<Route, String>,
}

/// Which language a route table is for: its address prefix (`""` for the default language,
/// `"/nl"`) and, for the default language's table, the other languages' codes, whose folders
/// it reserves (a page `nl` collides with the Dutch pages). Language-neutral files (theme
/// assets, kit files, photos, robots.txt, the sitemap) are only in the default table.
#[derive(Debug, Clone, Default)]
pub struct Scope<'a> {
    pub prefix: &'a str,
    pub others: &'a [String],
}

impl RouteTable {
    /// The table of `site`, with its `facets` and the theme's static files (`assets`, by
    /// output path; `theme` names the theme in messages). Collisions are returned as
    /// problems; the table then holds the first claim of each path.
    pub fn new<'a>(
        site: &Site,
        facets: Vec<Facet>,
        theme: &str,
        assets: impl IntoIterator<Item = &'a String>,
        scope: Scope,
    ) -> (RouteTable, Diagnostics) {
        let c = &site.content;
        let shared = scope.prefix.is_empty();
        let mut b = Builder {
            prefix: scope.prefix.to_string(),
            ..Default::default()
        };
        for code in scope.others {
            b.folder(&format!("/{code}/"), Source::Site("language"));
        }
        b.file(url::HOME, Route::Home, Source::Site("home"));
        b.file(url::CHARTER, Route::Charter, Source::Site("charter"));
        b.file(url::LEXICON, Route::Lexicon, Source::Site("lexicon"));
        b.file(url::KIT, Route::Kit, Source::Site("kit"));
        b.file(url::NETWORKS, Route::Networks, Source::Site("networks"));
        b.file(url::NOT_FOUND, Route::NotFound, Source::Site("not-found"));
        b.file(url::FEED, Route::Feed, Source::Site("feed"));
        b.file(url::ATOM, Route::Atom, Source::Site("atom"));
        if shared {
            b.file(url::SITEMAP, Route::Sitemap, Source::Site("sitemap"));
            b.file(url::ROBOTS, Route::Robots, Source::Site("robots"));
        }
        let missions = Source::Site("missions");
        b.folder(url::MISSIONS, missions.clone());
        b.file(url::MISSIONS, Route::Missions, missions.clone());
        b.file(
            url::MISSIONS_PROPOSE,
            Route::MissionsPropose,
            missions.clone(),
        );
        b.file(url::MISSIONS_ATOM, Route::MissionsAtom, missions.clone());
        b.file(url::MISSIONS_FEED, Route::MissionsFeed, missions);

        let agenda = Source::Site("agenda");
        let further = Source::Site("agenda-pages");
        for n in 1..=page_count(site.listed.len()) {
            let source = if n == 1 { &agenda } else { &further };
            b.file(
                &url::list_page(url::AGENDA, n),
                Route::Agenda(n),
                source.clone(),
            );
        }
        b.folder(
            &format!("{}{}", url::AGENDA, url::PAGE_DIR),
            further.clone(),
        );
        let archive = Source::Site("archive");
        b.folder(url::ARCHIVE, archive.clone());
        for n in 1..=page_count(site.past.len()) {
            b.file(
                &url::list_page(url::ARCHIVE, n),
                Route::Archive(n),
                archive.clone(),
            );
        }

        let reports = Source::Site("reports");
        b.folder(url::REPORTS, reports.clone());
        for n in 1..=page_count(site.reports.len()) {
            b.file(
                &url::list_page(url::REPORTS, n),
                Route::Reports(n),
                reports.clone(),
            );
        }
        b.file(url::REPORTS_ATOM, Route::ReportsAtom, reports);
        let figures = Source::Site("figures");
        b.folder(url::FIGURES, figures.clone());
        b.file(url::FIGURES, Route::Figures, figures.clone());
        for y in &site.figures {
            b.file(
                &url::figures_year(y.year),
                Route::FiguresYear(y.year),
                figures.clone(),
            );
            b.file(
                &url::figures_csv(y.year),
                Route::FiguresCsv(y.year),
                figures.clone(),
            );
        }

        let filters = Source::Site("filters");
        for kind in FacetKind::ALL {
            b.folder(&url::facet_dir(kind), filters.clone());
        }
        let mut facet_upcoming = Vec::with_capacity(facets.len());
        for (i, f) in facets.iter().enumerate() {
            let upcoming = site.listed.iter().filter(|o| f.has(o.event)).count();
            facet_upcoming.push(upcoming);
            let base = url::facet_page(f);
            for page in 1..=page_count(upcoming) {
                b.file(
                    &url::list_page(&base, page),
                    Route::Filter { facet: i, page },
                    filters.clone(),
                );
            }
            // A facet whose events are all older than the feed window has no feed file.
            if f.events.iter().any(|&e| site.in_feed_window(&c.events[e])) {
                b.file(&url::facet_feed(f), Route::FilterFeed(i), filters.clone());
            }
        }

        let months = month_range(site);
        let grids = Source::Site("months");
        b.folder(url::MONTH_NOW, grids.clone());
        b.file(url::MONTH_NOW, Route::MonthNow, grids.clone());
        let mut month = months.0;
        while month <= months.1 {
            b.file(&url::month(month), Route::Month(month), grids.clone());
            month = next_month(month);
        }

        let sheets = Source::Site("sheets");
        b.folder(url::SHEETS_DIR, sheets.clone());
        b.file(
            url::MISSION_SHEET,
            Route::Sheet(SheetKind::Mission),
            sheets.clone(),
        );
        b.file(
            url::IDENTIFICATION_SHEET,
            Route::Sheet(SheetKind::Identification),
            sheets,
        );

        for (i, ev) in c.events.iter().enumerate() {
            let source = Source::Event(i);
            b.folder(&url::event(&ev.slug), source.clone());
            b.file(&url::event(&ev.slug), Route::Event(i), source.clone());
            b.file(
                &url::event_calendar(&ev.slug),
                Route::EventCalendar(i),
                source.clone(),
            );
            if ev.mission.is_some() {
                b.file(&url::event_sheet(&ev.slug), Route::EventSheet(i), source);
            }
        }
        for (i, p) in c.pages.iter().enumerate() {
            b.folder(&url::page(&p.slug), Source::Page(i));
            b.file(&url::page(&p.slug), Route::Page(i), Source::Page(i));
        }
        for (i, item) in c.kit.items.iter().enumerate() {
            if let KitTarget::File { rel, .. } = &item.target {
                if shared {
                    b.file(&url::kit_file(rel), Route::KitFile(i), Source::KitFile(i));
                }
            }
            if item.page_html.is_some() {
                b.file(
                    &url::kit_page(&item.id),
                    Route::KitPage(i),
                    Source::KitFile(i),
                );
            }
        }
        // The directory owns its folder: a page `ambassadeurs` collides with it.
        let directory = Source::Site("ambassadors");
        b.folder(url::AMBASSADORS, directory.clone());
        b.file(url::AMBASSADORS, Route::Ambassadors, directory.clone());
        let mut photos = std::collections::HashSet::new();
        for (i, a) in c.ambassadors.iter().enumerate() {
            b.file(
                &url::ambassador(&a.id),
                Route::Ambassador(i),
                directory.clone(),
            );
            // Two profiles may share a picture: one copy.
            let photo = a.photo.as_ref().filter(|_| shared);
            if let Some(p) = photo.filter(|p| photos.insert(p.rel.clone())) {
                b.file(&url::photo(&p.rel), Route::Photo(i), Source::Photo(i));
            }
        }
        for path in assets.into_iter().filter(|_| shared) {
            b.file(
                &format!("/{path}"),
                Route::Asset(path.clone()),
                Source::Asset(path.clone()),
            );
        }

        // Sorted by path, and in the order they were made among claims of one path (a stable
        // sort): a folder's claim is followed by exactly the claims inside it, and the first
        // claim of each file is the one the table keeps.
        rayon::slice::ParallelSliceMut::par_sort_by(&mut b.claims[..], |x, y| x.path.cmp(&y.path));
        let diags = b.collisions(site, theme);
        let mut files: Vec<(String, Route)> = Vec::with_capacity(b.claims.len());
        for c in b.claims {
            if let Some(route) = c.route {
                if files.last().is_none_or(|(last, _)| *last != c.path) {
                    files.push((c.path, route));
                }
            }
        }
        let paths = files
            .iter()
            .map(|(k, r)| {
                let path = match k.strip_suffix("index.html") {
                    Some(dir) => format!("/{dir}"),
                    None => format!("/{k}"),
                };
                (r.clone(), path)
            })
            .collect();
        let table = RouteTable {
            files,
            facets,
            facet_upcoming,
            months,
            paths,
        };
        (table, diags)
    }

    /// The route of the output file at `file` (`agenda/index.html`), if the site has one.
    pub fn get(&self, file: &str) -> Option<&Route> {
        let i = self
            .files
            .binary_search_by(|(k, _)| k.as_str().cmp(file))
            .ok()?;
        Some(&self.files[i].1)
    }

    /// Every route, by output file path, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Route)> {
        self.files.iter().map(|(k, r)| (k, r))
    }

    pub fn facets(&self) -> &[Facet] {
        &self.facets
    }

    /// The number of agenda entries (`Site::listed`) of each facet value, in `facets` order.
    pub fn facet_upcoming(&self) -> &[usize] {
        &self.facet_upcoming
    }

    /// The first and the last month that have a month grid.
    pub fn months(&self) -> (NaiveDate, NaiveDate) {
        self.months
    }

    /// The site path of `route` in this table (`/nl/charte/`), if it has it.
    pub fn path_of(&self, route: &Route) -> Option<&str> {
        self.paths.get(route).map(String::as_str)
    }

    /// The site paths of every HTML page (`/agenda/`), in path order: the sitemap's list.
    pub fn page_paths(&self) -> impl Iterator<Item = String> + '_ {
        self.files
            .iter()
            .map(|(k, _)| k)
            .filter_map(|k| k.strip_suffix("index.html").map(|dir| format!("/{dir}")))
    }
}

#[derive(Default)]
struct Builder {
    /// In the order they were made, until `RouteTable::new` sorts them.
    claims: Vec<Claim>,
    /// The language's address prefix (`/nl`), put before every path.
    prefix: String,
}

impl Builder {
    fn file(&mut self, path: &str, route: Route, source: Source) {
        let file = if self.prefix.is_empty() {
            url::file_for(path)
        } else {
            url::file_for(&format!("{}{path}", self.prefix))
        };
        self.claims.push(Claim {
            path: file,
            source,
            route: Some(route),
        });
    }

    /// A folder (`/agenda/mois/`) that only `source` may put files in.
    fn folder(&mut self, path: &str, source: Source) {
        let path = format!("{}{path}", self.prefix);
        self.claims.push(Claim {
            path: path.trim_start_matches('/').to_string(),
            source,
            route: None,
        });
    }

    /// One problem for each pair of sources that claim the same file, or a file in a folder
    /// the other owns (one per pair, however many files they share). The claims are sorted
    /// by path (`RouteTable::new`).
    fn collisions(&self, site: &Site, theme: &str) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let mut seen = std::collections::HashSet::new();
        for (i, owner) in self.claims.iter().enumerate() {
            let is_folder = owner.path.is_empty() || owner.path.ends_with('/');
            let inside = |c: &&Claim| {
                if is_folder {
                    c.path.starts_with(&owner.path)
                } else {
                    c.path == owner.path
                }
            };
            // The claim that says most: one at the very same address, then one of the site's
            // own ("the agenda" says more than one of its events), then the first.
            let mut found: Option<(u8, &Claim)> = None;
            for other in self.claims[i + 1..].iter().take_while(inside) {
                if other.source == owner.source {
                    continue;
                }
                let same_address = other.path == owner.path
                    || other.path.strip_suffix("index.html") == Some(owner.path.as_str());
                let rank = if same_address {
                    0
                } else if matches!(other.source, Source::Site(_)) {
                    1
                } else {
                    2
                };
                if found.is_none_or(|(r, _)| rank < r) {
                    found = Some((rank, other));
                }
                if rank == 0 {
                    break;
                }
            }
            let found = found.map(|(_, c)| c);
            let Some(other) = found else {
                continue;
            };
            let pair = if owner.source <= other.source {
                (owner.source.clone(), other.source.clone())
            } else {
                (other.source.clone(), owner.source.clone())
            };
            if seen.insert(pair) {
                diags.push(collision(site, theme, owner, other));
            }
        }
        diags
    }
}

/// The problem of two sources wanting one address (`owner`'s: a file, or a folder holding
/// `other`'s file), reported on the content file that can be renamed: a page or an event
/// before a kit file, a kit file before a theme file.
fn collision(site: &Site, theme: &str, owner: &Claim, other: &Claim) -> Diagnostic {
    let c = &site.content;
    // (the file, and the key the messages name the source by: a kind of file, or one of the
    // site's own routes)
    let describe = |s: &Source| -> (Option<String>, &'static str) {
        match s {
            Source::Site(key) => (None, key),
            Source::Page(i) => (
                Some(format!("content/pages/{}.md", c.pages[*i].slug)),
                "page",
            ),
            Source::Event(i) => (Some(c.events[*i].source.display().to_string()), "event"),
            Source::KitFile(i) => {
                let f = match &c.kit.items[*i].target {
                    KitTarget::File { rel, .. } => format!("content/{rel}"),
                    KitTarget::Url(_) => String::from("content/kit.yaml"),
                };
                (Some(f), "kit-file")
            }
            Source::Photo(i) => (
                Some(format!("content/ambassadeurs/{}.md", c.ambassadors[*i].id)),
                "photo",
            ),
            Source::Asset(path) => (Some(format!("themes/{theme}/static/{path}")), "theme-file"),
        }
    };
    // `Source`'s order is the order of blame.
    let (first, second) = if owner.source <= other.source {
        (&owner.source, &other.source)
    } else {
        (&other.source, &owner.source)
    };
    let ((file, this), (other_file, that)) = (describe(first), describe(second));
    let address = format!(
        "/{}",
        owner.path.strip_suffix("index.html").unwrap_or(&owner.path)
    );
    let hint = match first {
        Source::Page(_) => msg!("render-collision-page-hint"),
        Source::Event(_) => msg!("render-collision-event-hint"),
        Source::KitFile(_) => msg!("render-collision-kit-file-hint"),
        Source::Photo(_) => msg!("render-collision-photo-hint"),
        _ => msg!("render-collision-theme-file-hint"),
    };
    let message = msg!(
        "render-collision",
        this = this,
        that = that,
        other = other_file.unwrap_or_default(),
        address = address
    );
    Diagnostic::error(file.unwrap_or_else(|| String::from("content")), message).hint(hint)
}

/// The months of the grids: from the first to the last month with an occurrence, and the
/// current month whatever happens in it.
fn month_range(site: &Site) -> (NaiveDate, NaiveDate) {
    let this_month = first_of_month(site.today);
    let (mut first, mut last) = (this_month, this_month);
    for o in site.past.iter().chain(site.upcoming.iter()) {
        let m = first_of_month(o.when.start_date());
        first = first.min(m);
        last = last.max(m);
    }
    (first, last)
}

pub fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

pub fn next_month(m: NaiveDate) -> NaiveDate {
    first_of_month(m + Duration::days(32))
}

pub fn prev_month(m: NaiveDate) -> NaiveDate {
    first_of_month(m - Duration::days(1))
}
