//! Renderers: plain functions from the site model to output files. Each file goes to the
//! `Output`'s sink as soon as it is made: kept in memory, written into `crate::output`'s
//! staging folder (never into the live output folder), or dropped.

pub mod agenda;
pub mod atom;
pub mod dates;
pub mod facets;
pub mod glossary;
pub mod ics;
pub mod map;
pub mod minify;
pub mod pages;
pub mod sheets;
pub mod theme;
pub mod translations;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::{json, Value};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Staging;
use crate::site::Site;
use dates::DateWords;
use theme::Theme;

/// The content of one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// A page, minified when added.
    Html(String),
    Bytes(Vec<u8>),
    /// A file copied as-is from the site folder (kit files), read only when written.
    CopyOf(PathBuf),
    /// Already written to the staging folder, or dropped by a check: only the path is kept.
    Stored,
}

/// Where rendered files go: kept in memory (the preview server, tests), written at once into
/// the output's staging folder (a build: memory stays flat however large the site), or
/// dropped once made (a check).
#[derive(Debug, Clone, Default)]
pub enum Sink {
    #[default]
    Memory,
    Dir(Arc<Staging>),
    Discard,
}

/// Every file of the site, by path relative to the output folder (`/`-separated).
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Body>,
    pub problems: Diagnostics,
    sink: Sink,
    /// When set, renderers make this one file and skip the work of every other.
    only: Option<Arc<str>>,
}

impl Output {
    pub fn new(sink: Sink) -> Output {
        Output {
            sink,
            ..Output::default()
        }
    }

    /// An output that receives only the file at `path` (the preview server renders what the
    /// browser asks for). The sitemap lists the files made, so it needs a whole render.
    pub fn only(path: &str) -> Output {
        Output {
            only: Some(Arc::from(path)),
            ..Output::default()
        }
    }

    /// An empty output going to the same place (for one worker's share of the files).
    pub fn child(&self) -> Output {
        Output {
            sink: self.sink.clone(),
            only: self.only.clone(),
            ..Output::default()
        }
    }

    /// Whether the file at `path` is to be made: renderers ask before doing any work for it.
    pub fn wants(&self, path: &str) -> bool {
        self.only.as_deref().is_none_or(|p| p == path)
    }

    pub fn add(&mut self, path: String, body: Body) {
        if !self.wants(&path) {
            return;
        }
        if self.files.contains_key(&path) {
            self.problems.push(taken_twice(&path));
            return;
        }
        let body = match body {
            Body::Html(html) => Body::Bytes(minify::page(&html)),
            other => other,
        };
        let body = match &self.sink {
            Sink::Memory => body,
            Sink::Discard => Body::Stored,
            Sink::Dir(staging) => {
                if let Err(d) = staging.put(&path, &body) {
                    self.fail_with(d);
                }
                Body::Stored
            }
        };
        self.files.insert(path, body);
    }

    /// Records a rendering problem once: a broken template fails every page that uses it.
    pub fn fail(&mut self, file: String, message: String) {
        self.fail_with(Diagnostic::error(file, message));
    }

    fn fail_with(&mut self, d: Diagnostic) {
        if !self.problems.errors().any(|x| x == &d) {
            self.problems.push(d);
        }
    }

    /// Moves every file and problem of `other` into `self`.
    pub fn merge(&mut self, other: Output) {
        for (path, body) in other.files {
            match self.files.entry(path) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(body);
                }
                std::collections::btree_map::Entry::Occupied(o) => {
                    self.problems.push(taken_twice(o.key()));
                }
            }
        }
        for d in other.problems.into_vec() {
            self.fail_with(d);
        }
    }

    pub fn count_ending(&self, suffix: &str) -> usize {
        self.files.keys().filter(|k| k.ends_with(suffix)).count()
    }
}

fn taken_twice(path: &str) -> Diagnostic {
    Diagnostic::error(
        format!("content/{path}"),
        format!("two things would be written at /{path}"),
    )
    .hint("rename the kit file or page that takes a path the site uses itself")
}

/// What every renderer needs: the site, the theme, and values computed once per build.
pub struct RenderCx<'a> {
    /// Unique per `RenderCx`: tells a thread's cached template context from a stale one.
    pub id: u64,
    pub site: &'a Site,
    pub theme: &'a Theme,
    /// The theme's date words (`theme.words.dates`).
    pub words: &'a DateWords,
    /// The `site` variable of every template.
    pub site_vars: Value,
    /// Each menu entry's `url` and `section`, in menu order: a page's `menu_page` and
    /// `menu_section` are found here, for the header partial, which does not see the page's
    /// path.
    pub menu: Vec<(String, String)>,
    pub glossary: glossary::Glossary,
    pub tz_cache: ics::TzCache,
    /// Each event's VEVENT text, made on first use (see `ics`).
    vevents: Vec<VeventCell>,
    /// The blank mission sheet, made on first use (see `sheets`).
    mission_blank: std::sync::OnceLock<sheets::MissionBlank>,
    /// The filter values, made on first use (see `facets`): the agenda and the feeds both
    /// need them.
    facets: std::sync::OnceLock<Vec<facets::Facet>>,
    /// The header and footer of each kind of page (see `pages::PARTIALS`).
    partials: pages::Partials,
    /// The calendar properties every calendar file shares (see `ics`).
    calendar_frame: std::sync::OnceLock<(String, String)>,
}

type VeventCell = std::sync::OnceLock<(String, Option<(chrono::NaiveDate, chrono::NaiveDate)>)>;

impl<'a> RenderCx<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> RenderCx<'a> {
        let c = &site.content;
        let nav = &theme.words.nav;
        // (title, url, section) of each menu entry, in order.
        let mut entries: Vec<(String, String, String)> = [
            (&nav.home, "home", "/"),
            (&nav.agenda, "agenda", "/agenda/"),
            (&nav.charter, "charter", "/charte/"),
            (&nav.lexicon, "lexicon", "/lexique/"),
            (&nav.kit, "kit", "/kit/"),
            (&nav.networks, "networks", "/reseaux/"),
        ]
        .into_iter()
        .map(|(title, section, url)| (title.clone(), url.to_string(), section.to_string()))
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
                format!("/{}/", p.slug),
                format!("page-{}", p.slug),
            ));
        }
        let menu: Vec<Value> = entries
            .iter()
            .map(|(title, url, section)| json!({"title": title, "url": url, "section": section}))
            .collect();
        let menu_keys = entries
            .into_iter()
            .map(|(_, url, section)| (url, section))
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
            "join_url": c.config.join_page.as_ref().map(|j| format!("/{j}/")),
            "feed_url": "/agenda.ics",
            "atom_url": "/agenda.atom",
            "atom_title": atom_title,
        });
        static NEXT_ID: AtomicU64 = AtomicU64::new(0);
        RenderCx {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            site,
            theme,
            words: &theme.words.dates,
            site_vars,
            menu: menu_keys,
            glossary: glossary::Glossary::new(&c.lexicon),
            tz_cache: ics::TzCache::default(),
            vevents: (0..c.events.len()).map(|_| VeventCell::new()).collect(),
            mission_blank: std::sync::OnceLock::new(),
            facets: std::sync::OnceLock::new(),
            partials: pages::Partials::default(),
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

/// Renders the whole site into `sink`.
pub fn render(site: &Site, theme: &Theme, sink: Sink) -> Output {
    render_into(site, theme, Output::new(sink))
}

/// Renders the site into `out`, which may want only one file (`Output::only`).
pub fn render_into(site: &Site, theme: &Theme, mut out: Output) -> Output {
    // The sitemap lists every page: wanted alone, it still takes a whole render (kept nowhere).
    if out.only.as_deref() == Some("sitemap.xml") {
        let mut all = render_into(site, theme, Output::new(Sink::Discard));
        out.problems.extend(std::mem::take(&mut all.problems));
        if !out.problems.has_errors() {
            let cx = RenderCx::new(site, theme);
            let sitemap = sitemap(&cx, &all);
            out.add("sitemap.xml".into(), Body::Bytes(sitemap.into_bytes()));
        }
        return out;
    }
    let cx = RenderCx::new(site, theme);
    pages::render_all(&cx, &mut out);
    par_each(
        &ics::feed_specs(&cx),
        &mut out,
        |_, (path, spec, _, _), out| {
            let file = path.trim_start_matches('/');
            if out.wants(file) {
                let text = cx.calendar(spec, "/agenda/");
                out.add(file.to_string(), Body::Bytes(text.into_bytes()));
            }
        },
    );
    // The Atom feed is made beside the events' calendar files rather than after them, when
    // every other core would be idle.
    let wants_atom = out.wants("agenda.atom");
    let ((), atom) = rayon::join(
        || {
            par_each(&site.content.events, &mut out, |i, ev, out| {
                let file = format!("agenda/{0}/{0}.ics", ev.slug);
                if !out.wants(&file) {
                    return;
                }
                let spec = ics::FeedSpec {
                    name: ev.title.clone(),
                    description: ev.title.clone(),
                    events: vec![i],
                };
                let text = cx.calendar(&spec, &format!("/agenda/{}/", ev.slug));
                out.add(file, Body::Bytes(text.into_bytes()));
            })
        },
        || wants_atom.then(|| atom::feed(&cx)),
    );
    for (path, bytes) in &theme.statics {
        if out.wants(path) {
            out.add(path.clone(), Body::Bytes(bytes.clone()));
        }
    }
    if let Some(atom) = atom {
        out.add("agenda.atom".into(), Body::Bytes(atom.into_bytes()));
    }
    if out.wants("sitemap.xml") {
        let sitemap = sitemap(&cx, &out);
        out.add("sitemap.xml".into(), Body::Bytes(sitemap.into_bytes()));
    }
    if out.wants("robots.txt") {
        let robots = format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            cx.absolute("/sitemap.xml")
        );
        out.add("robots.txt".into(), Body::Bytes(robots.into_bytes()));
    }
    out
}

fn sitemap(cx: &RenderCx, out: &Output) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in out.files.keys() {
        let Some(dir) = path.strip_suffix("index.html") else {
            continue;
        };
        let loc = cx.absolute(&format!("/{dir}"));
        s.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::escape::xml(&loc)
        ));
    }
    s.push_str("</urlset>\n");
    s
}
