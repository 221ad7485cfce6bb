//! The machinery every HTML page goes through: `RenderCx::page` adds the variables every page
//! shares (site, translations, the page's own `page` object, the header and footer partials),
//! runs the template, links lexicon terms, spaces French punctuation (`typography`) and
//! minifies when the theme's templates are not.

use std::cell::RefCell;

use serde_json::{json, Value};

use super::dates::DateWords;
use super::{object, RenderCx, Section};
use crate::diagnostic::Diagnostic;
use crate::msg;
use crate::output::{Body, Output};
use crate::routes::url;

/// What the base template needs to know about the page being rendered.
pub struct PageMeta<'a> {
    pub title: String,
    pub description: String,
    /// Site-absolute path: `/charte/`.
    pub path: &'a str,
    pub section: Section,
}

impl<'a> PageMeta<'a> {
    /// A page described by the site's own description (most pages have none of their own).
    pub fn with_site_description(
        cx: &RenderCx,
        title: String,
        path: &'a str,
        section: Section,
    ) -> PageMeta<'a> {
        PageMeta {
            title,
            description: cx.site.content.config.description.clone(),
            path,
            section,
        }
    }
}

/// Runs `f` with an empty buffer for a page, kept by the thread from page to page: Tera's own
/// `render` starts each page with 2 KB and grows it four or five times.
fn with_buffer<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            let r = f(&mut buf);
            // A huge page does not keep its memory for the rest of the build.
            if buf.capacity() > 1 << 20 {
                *buf = Vec::new();
            }
            r
        }
        Err(_) => f(&mut Vec::new()),
    })
}

/// The partial templates: each is rendered once per kind of page (`Partials`) and printed by
/// every page's template from the variable named here.
pub const PARTIALS: [(&str, &str); 2] = [
    ("header_html", "partials/header.html"),
    ("footer_html", "partials/footer.html"),
];

/// What a page's partials are made from, and all they may depend on: the page's section and
/// the menu entries it marks (`menu_page`, `menu_section`).
type PartialKey = (Section, Option<usize>, Option<usize>);

/// The rendered partials of each kind of page met so far, or the problem rendering them
/// (reported on every page that needs them).
pub type Partials = std::sync::Mutex<
    std::collections::HashMap<PartialKey, Result<std::sync::Arc<[String; 2]>, Diagnostic>>,
>;

impl RenderCx {
    /// The partials of a page with this section and menu marks, rendered at the first page
    /// that needs them. They get `site`, `t` and a `page` holding only `section`, `is_home`,
    /// `menu_page` and `menu_section`: a partial that asks for more fails instead of showing
    /// one page's value on every other.
    fn partials(
        &self,
        section: Section,
        menu_page: Option<usize>,
        menu_section: Option<usize>,
    ) -> Result<std::sync::Arc<[String; 2]>, Diagnostic> {
        let key = (section, menu_page, menu_section);
        let lock = || self.partials.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = lock().get(&key) {
            return found.clone();
        }
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site_vars);
        ctx.insert("t", &self.theme.t);
        ctx.insert(
            "page",
            &json!({
                "section": section.key(), "is_home": section == Section::Home,
                "menu_page": menu_page, "menu_section": menu_section,
            }),
        );
        let render = |template: &str| {
            self.theme.tera.render(template, &ctx).map_err(|e| {
                Diagnostic::error(
                    self.template_file(template),
                    super::theme::template_error(&e),
                )
                .hint(msg!("render-partial-hint"))
            })
        };
        let made = render(PARTIALS[0].1)
            .and_then(|header| Ok(std::sync::Arc::new([header, render(PARTIALS[1].1)?])));
        // Two threads may render the same partials at once: the first one kept wins.
        lock().entry(key).or_insert(made).clone()
    }

    /// The file of a template, as a problem with it is reported.
    fn template_file(&self, template: &str) -> String {
        let theme = self
            .site
            .content
            .config
            .theme
            .as_deref()
            .unwrap_or("default");
        format!("themes/{theme}/templates/{template}")
    }

    /// What a page is made from, besides what every page shares (the manifest's global key):
    /// the same key, the same bytes, so a rebuild takes the file over unrendered.
    pub fn page_key(&self, template: &str, meta: &PageMeta, vars: &Value) -> crate::output::Key {
        let mut f = crate::output::Fingerprint::default();
        f.add(template.as_bytes())
            .add(meta.title.as_bytes())
            .add(meta.description.as_bytes())
            .add(meta.path.as_bytes())
            .add(meta.section.key().as_bytes());
        // Writing into a hasher cannot fail, nor can serialising a `Value`.
        let _ = serde_json::to_writer(&mut f, vars);
        f.key()
    }

    pub fn page(&self, template: &str, meta: PageMeta, mut vars: Value, out: &mut Output) {
        // What the page is made from, besides what every page shares (the manifest's global
        // key): the same key, the same bytes, so a rebuild takes the file over unrendered.
        let key = out.keyed().then(|| self.page_key(template, &meta, &vars));
        let file = url::file_for(meta.path);
        if key.is_some_and(|k| out.reuse(&file, k)) {
            return;
        }
        // Menu entries are numbered from 1, as `loop.index` counts them.
        let menu_page = self
            .menu
            .iter()
            .position(|(url, _)| url == meta.path)
            .map(|i| i + 1);
        let menu_section = self
            .menu
            .iter()
            .position(|(_, section)| {
                *section == Some(meta.section) && meta.section != Section::Page
            })
            .map(|i| i + 1);
        match self.partials(meta.section, menu_page, menu_section) {
            Ok(parts) => {
                if let Value::Object(m) = &mut vars {
                    for ((name, _), html) in PARTIALS.iter().zip(parts.iter()) {
                        m.insert(name.to_string(), Value::String(html.clone()));
                    }
                }
            }
            Err(d) => return out.fail_with(d),
        }
        let page = json!({
            "title": meta.title,
            "description": meta.description,
            "path": meta.path,
            "canonical": self.absolute(meta.path),
            "section": meta.section.key(),
            "is_home": meta.section == Section::Home,
            "menu_page": menu_page,
            "menu_section": menu_section,
            "lang": self.lang(),
            "alternates": self.page_alternates(meta.path),
        });
        let link_terms = !matches!(meta.section, Section::Lexicon | Section::Sheet);
        let french = super::typography::applies_to(&self.site.content.config.language);
        // Pages of a theme whose templates are minified need no minification of their own.
        let body = |html: String| {
            if self.theme.minified {
                Body::Bytes(html.into_bytes())
            } else {
                Body::Bytes(super::minify::page(&html))
            }
        };
        let rendered = with_buffer(|buf| {
            self.with_context(page, vars, |ctx| {
                self.theme.tera.render_to(template, ctx, &mut *buf)
            })?;
            let html = std::str::from_utf8(buf)
                .map_err(|e| tera::Error::msg(format!("the page is not UTF-8: {e}")))?;
            let html = self.localise_links(html);
            let html = if link_terms {
                self.glossary.link_page(&html)
            } else {
                html.into_owned()
            };
            Ok::<_, tera::Error>(if french {
                super::typography::french(&html)
            } else {
                html
            })
        });
        match rendered {
            Ok(html) => out.add_keyed(file, body(html), key),
            Err(e) => out.fail(
                self.template_file(template),
                super::theme::template_error(&e),
            ),
        }
    }

    /// Runs `f` with a template context holding `site`, `t`, `page` and every member of
    /// `vars`. The shared variables are copied into a context once per thread and build, and
    /// the page's own are moved in and taken out again: copying the translations into every
    /// page's context cost more than rendering some pages.
    fn with_context<R>(&self, page: Value, vars: Value, f: impl FnOnce(&tera::Context) -> R) -> R {
        thread_local! {
            static SHARED: RefCell<Option<(u64, tera::Context)>> = const { RefCell::new(None) };
        }
        SHARED.with(|cell| {
            let mut slot = cell.borrow_mut();
            let ctx = match &mut *slot {
                Some((id, ctx)) if *id == self.id => ctx,
                other => {
                    let mut ctx = tera::Context::new();
                    ctx.insert("site", &self.site_vars);
                    ctx.insert("t", &self.theme.t);
                    &mut other.insert((self.id, ctx)).1
                }
            };
            let mut keys = vec!["page".to_string()];
            ctx.extend(tera::Context::from_value(object([("page", page)])).unwrap_or_default());
            if let Value::Object(map) = vars {
                keys.extend(map.keys().cloned());
                ctx.extend(tera::Context::from_value(Value::Object(map)).unwrap_or_default());
            }
            let result = f(ctx);
            let shared_replaced = keys.iter().any(|k| k == "site" || k == "t");
            for k in &keys {
                ctx.remove(k);
            }
            if shared_replaced {
                *slot = None;
            }
            result
        })
    }

    pub fn absolute(&self, path: &str) -> String {
        let base = self
            .site
            .content
            .config
            .base_url
            .as_str()
            .trim_end_matches('/');
        format!("{base}{path}")
    }

    /// The theme's words for dates.
    pub fn words(&self) -> &DateWords {
        &self.theme.words.dates
    }
}
