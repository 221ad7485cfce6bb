//! Renderers: plain functions from the site model to output files held in memory. Nothing
//! here touches the output folder; `crate::output` writes what they produce.

pub mod agenda;
pub mod atom;
pub mod dates;
pub mod facets;
pub mod glossary;
pub mod ics;
pub mod map;
pub mod pages;
pub mod sheets;
pub mod theme;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{json, Value};

use crate::diagnostic::{Diagnostic, Diagnostics};
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
}

/// Every file of the site, by path relative to the output folder (`/`-separated).
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Body>,
    pub problems: Diagnostics,
}

impl Output {
    pub fn add(&mut self, path: String, body: Body) {
        let body = match body {
            Body::Html(html) => Body::Bytes(minify(&html)),
            other => other,
        };
        if self.files.contains_key(&path) {
            self.problems.push(
                Diagnostic::error(
                    format!("content/{path}"),
                    format!("two things would be written at /{path}"),
                )
                .hint("rename the kit file or page that takes a path the site uses itself"),
            );
            return;
        }
        self.files.insert(path, body);
    }

    /// Records a rendering problem once: a broken template fails every page that uses it.
    pub fn fail(&mut self, file: String, message: String) {
        let d = Diagnostic::error(file, message);
        if !self.problems.errors().any(|x| x == &d) {
            self.problems.push(d);
        }
    }

    /// Moves every file and problem of `other` into `self`.
    pub fn merge(&mut self, other: Output) {
        for (path, body) in other.files {
            self.add(path, body);
        }
        for d in other.problems.into_vec() {
            if !self.problems.errors().any(|x| x == &d) {
                self.problems.push(d);
            }
        }
    }

    pub fn count_ending(&self, suffix: &str) -> usize {
        self.files.keys().filter(|k| k.ends_with(suffix)).count()
    }
}

fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        // The CSS minifier would turn the escapes of `sheets::css_string` back into `<`,
        // letting a sheet title close its `<style>`; pages carry almost no inline CSS anyway.
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::new()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

/// What every renderer needs: the site, the theme, and values computed once per build.
pub struct RenderCx<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub words: DateWords,
    /// The `site` variable of every template.
    pub site_vars: Value,
    pub glossary: glossary::Glossary,
    pub tz_cache: ics::TzCache,
}

impl<'a> RenderCx<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme) -> RenderCx<'a> {
        let c = &site.content;
        let t = &theme.t;
        let nav = |k: &str| t["nav"][k].as_str().unwrap_or(k).to_string();
        let mut menu = vec![
            json!({"title": nav("home"), "url": "/", "section": "home"}),
            json!({"title": nav("agenda"), "url": "/agenda/", "section": "agenda"}),
            json!({"title": nav("charter"), "url": "/charte/", "section": "charter"}),
            json!({"title": nav("lexicon"), "url": "/lexique/", "section": "lexicon"}),
            json!({"title": nav("kit"), "url": "/kit/", "section": "kit"}),
            json!({"title": nav("networks"), "url": "/reseaux/", "section": "networks"}),
        ];
        let mut pages: Vec<_> = c
            .pages
            .iter()
            .filter_map(|p| p.menu.map(|m| (m, p)))
            .collect();
        pages.sort_by_key(|(m, p)| (*m, p.slug.clone()));
        for (_, p) in pages {
            menu.push(json!({"title": p.title, "url": format!("/{}/", p.slug), "section": format!("page-{}", p.slug)}));
        }
        let site_vars = json!({
            "title": c.config.title,
            "description": c.config.description,
            "base_url": c.config.base_url.as_str(),
            "language": c.config.language,
            "organisation": c.config.organisation,
            "menu": menu,
            "join_url": c.config.join_page.as_ref().map(|j| format!("/{j}/")),
            "feed_url": "/agenda.ics",
            "atom_url": "/agenda.atom",
        });
        RenderCx {
            site,
            theme,
            words: DateWords::from_translations(&theme.t),
            site_vars,
            glossary: glossary::Glossary::new(&c.lexicon),
            tz_cache: ics::TzCache::default(),
        }
    }
}

/// Runs `f` on every item on all cores, each with its own output, then merges the outputs in
/// item order (file paths are sorted anyway, so the result never depends on scheduling).
pub fn par_each<T: Sync>(
    items: &[T],
    out: &mut Output,
    f: impl Fn(usize, &T, &mut Output) + Sync + Send,
) {
    use rayon::prelude::*;
    let parts: Vec<Output> = items
        .par_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut o = Output::default();
            f(i, item, &mut o);
            o
        })
        .collect();
    for p in parts {
        out.merge(p);
    }
}

/// Renders the whole site into memory.
pub fn render(site: &Site, theme: &Theme) -> Output {
    let cx = RenderCx::new(site, theme);
    let mut out = Output::default();
    pages::render_all(&cx, &mut out);
    par_each(
        &ics::feed_specs(&cx),
        &mut out,
        |_, (path, spec, _, _), out| {
            let text = cx.calendar(spec, "/agenda/");
            out.add(
                path.trim_start_matches('/').to_string(),
                Body::Bytes(text.into_bytes()),
            );
        },
    );
    par_each(&site.content.events, &mut out, |i, ev, out| {
        let spec = ics::FeedSpec {
            name: ev.title.clone(),
            description: ev.title.clone(),
            events: vec![i],
        };
        let text = cx.calendar(&spec, &format!("/agenda/{}/", ev.slug));
        out.add(
            format!("agenda/{0}/{0}.ics", ev.slug),
            Body::Bytes(text.into_bytes()),
        );
    });
    for (path, bytes) in &theme.statics {
        out.add(path.clone(), Body::Bytes(bytes.clone()));
    }
    out.add(
        "agenda.atom".into(),
        Body::Bytes(atom::feed(&cx).into_bytes()),
    );
    let sitemap = sitemap(&cx, &out);
    out.add("sitemap.xml".into(), Body::Bytes(sitemap.into_bytes()));
    let robots = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        cx.absolute("/sitemap.xml")
    );
    out.add("robots.txt".into(), Body::Bytes(robots.into_bytes()));
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn sitemap(cx: &RenderCx, out: &Output) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in out.files.keys() {
        let Some(dir) = path.strip_suffix("index.html") else {
            continue;
        };
        let loc = cx.absolute(&format!("/{dir}"));
        s.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&loc)));
    }
    s.push_str("</urlset>\n");
    s
}
