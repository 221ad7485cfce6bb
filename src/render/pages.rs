//! HTML pages: one function per page kind builds the template's variables from the site
//! model; `render_page` adds the variables every page shares and runs the template.

use std::cell::RefCell;

use chrono::TimeZone;
use serde_json::{json, Value};

use super::agenda::enc;
use super::dates::DateWords;
use super::sheets;
use super::{object, RenderCx, Section};
use crate::diagnostic::Diagnostic;
use crate::model::{Event, KitTarget, Level, Status, When};
use crate::output::{Body, Output};
use crate::routes::url;
use crate::site::Occurrence;

/// What the base template needs to know about the page being rendered.
pub struct PageMeta<'a> {
    pub title: String,
    pub description: String,
    /// Site-absolute path: `/charte/`.
    pub path: &'a str,
    pub section: Section,
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
                Diagnostic::error(self.template_file(template), super::theme::template_error(&e))
                    .hint("a partial sees only `site`, `t` and `page.section`, `page.is_home`, `page.menu_page`, `page.menu_section`: it is rendered once for all the pages of a kind")
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

    pub fn page(&self, template: &str, meta: PageMeta, mut vars: Value, out: &mut Output) {
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
        });
        let link_terms = !matches!(meta.section, Section::Lexicon | Section::Sheet);
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
            Ok::<_, tera::Error>(if link_terms {
                self.glossary.link_page(html)
            } else {
                html.to_string()
            })
        });
        match rendered {
            Ok(html) => out.add(url::file_for(meta.path), body(html)),
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

/// A free page of `content/pages/`.
pub fn page(cx: &RenderCx, index: usize, out: &mut Output) {
    let p = &cx.site.content.pages[index];
    let path = url::page(&p.slug);
    cx.page(
        "page.html",
        PageMeta {
            title: p.title.clone(),
            description: p
                .description
                .clone()
                .unwrap_or_else(|| cx.site.content.config.description.clone()),
            path: &path,
            section: Section::Page,
        },
        json!({ "content_html": p.content_html }),
        out,
    );
}

pub fn not_found(cx: &RenderCx, out: &mut Output) {
    cx.page(
        "404.html",
        PageMeta {
            title: cx.theme.words.titles.not_found.clone(),
            description: cx.site.content.config.description.clone(),
            path: url::NOT_FOUND,
            section: Section::NotFound,
        },
        json!({}),
        out,
    );
}

pub fn home(cx: &RenderCx, out: &mut Output) {
    let c = &cx.site.content;
    let axes: Vec<Value> = c
        .axes
        .iter()
        .map(|a| json!({"axis": a.axis.key(), "title": a.title, "summary": a.summary, "description_html": a.description_html}))
        .collect();
    let upcoming: Vec<Value> = cx
        .site
        .upcoming
        .iter()
        .take(5)
        .map(|o| cx.event_card(o))
        .collect();
    cx.page(
        "index.html",
        PageMeta {
            title: c.config.title.clone(),
            description: c.config.description.clone(),
            path: url::HOME,
            section: Section::Home,
        },
        json!({
            "baseline": {"statement": c.baseline.statement, "explanation_html": c.baseline.explanation_html},
            "axes": axes,
            "upcoming": upcoming,
            "agenda_url": url::AGENDA,
        }),
        out,
    );
}

pub fn charter(cx: &RenderCx, out: &mut Output) {
    let ch = &cx.site.content.charter;
    let commitments: Vec<Value> = ch
        .commitments
        .iter()
        .enumerate()
        .map(|(i, c)| json!({"number": i + 1, "title": c.title, "text_html": c.text_html}))
        .collect();
    cx.page(
        "charter.html",
        PageMeta {
            title: ch.title.clone(),
            description: crate::markdown::summary(&html_text(&ch.introduction_html)),
            path: url::CHARTER,
            section: Section::Charter,
        },
        json!({"charter": {
            "title": ch.title,
            "introduction_html": ch.introduction_html,
            "commitments": commitments,
            "conclusion_html": ch.conclusion_html,
        }}),
        out,
    );
}

/// Rough text of an HTML fragment, for meta descriptions only.
fn html_text(html: &str) -> String {
    let mut s = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                s.push(' ');
            }
            _ if !in_tag => s.push(c),
            _ => {}
        }
    }
    let s = s
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sort key for French-style alphabetical order: accents and case ignored.
fn collation_key(s: &str) -> String {
    crate::model::Slug::from_text(s)
        .map(|s| s.to_string())
        .unwrap_or_else(|| s.to_lowercase())
}

pub fn lexicon(cx: &RenderCx, out: &mut Output) {
    let lx = &cx.site.content.lexicon;
    let name_of = |id: &crate::model::Slug| {
        lx.terms
            .iter()
            .find(|t| &t.id == id)
            .map(|t| t.term.clone())
            .unwrap_or_default()
    };
    let mut terms: Vec<&crate::model::Term> = lx.terms.iter().collect();
    terms.sort_by_key(|t| (collation_key(&t.term), t.id.clone()));
    let mut letters: Vec<(String, Vec<Value>)> = Vec::new();
    for t in terms {
        let letter = collation_key(&t.term)
            .chars()
            .next()
            .map(|c| {
                if c.is_ascii_alphabetic() {
                    c.to_ascii_uppercase().to_string()
                } else {
                    "#".into()
                }
            })
            .unwrap_or_else(|| "#".into());
        let refs = |ids: &[crate::model::Slug]| -> Vec<Value> {
            ids.iter()
                .map(|id| json!({"id": id, "term": name_of(id)}))
                .collect()
        };
        let v = json!({
            "id": t.id, "term": t.term, "definition_html": t.definition_html,
            "see_also": refs(&t.see_also), "not_to_confuse": refs(&t.not_to_confuse),
        });
        match letters.last_mut() {
            Some((l, list)) if *l == letter => list.push(v),
            _ => letters.push((letter, vec![v])),
        }
    }
    let letters: Vec<Value> = letters
        .into_iter()
        .map(|(l, terms)| {
            let id = if l == "#" {
                "lettre-autres".to_string()
            } else {
                format!("lettre-{}", l.to_lowercase())
            };
            json!({"letter": l, "id": id, "terms": terms})
        })
        .collect();
    cx.page(
        "lexicon.html",
        PageMeta {
            title: cx.theme.words.titles.lexicon.clone(),
            description: cx.site.content.config.description.clone(),
            path: url::LEXICON,
            section: Section::Lexicon,
        },
        json!({"lexicon": {"introduction_html": lx.introduction_html, "letters": letters}}),
        out,
    );
}

/// File size in words: "245 Ko", "1,2 Mo" (unit names from `t.units`).
fn human_size(cx: &RenderCx, bytes: u64) -> String {
    let units = &cx.theme.words.units;
    if bytes < 1024 {
        format!("{bytes} {}", units.bytes)
    } else if bytes < 1024 * 1024 {
        format!("{} {}", bytes.div_ceil(1024), units.kb)
    } else {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        format!(
            "{}{}{} {}",
            tenths / 10,
            units.decimal,
            tenths % 10,
            units.mb
        )
    }
}

pub fn kit(cx: &RenderCx, out: &mut Output) {
    let k = &cx.site.content.kit;
    let mut groups: Vec<(crate::model::KitKind, Vec<Value>)> = Vec::new();
    let mut items: Vec<&crate::model::KitItem> = k.items.iter().collect();
    items.sort_by_key(|i| i.kind);
    for it in items {
        let (href, is_file, format, size) = match &it.target {
            KitTarget::File { rel, size, .. } => {
                let ext = rel
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_ascii_uppercase())
                    .unwrap_or_default();
                (
                    url::kit_file(rel),
                    true,
                    Some(ext),
                    Some(human_size(cx, *size)),
                )
            }
            KitTarget::Url(u) => (u.to_string(), false, None, None),
        };
        let v = json!({
            "id": it.id, "title": it.title, "kind": it.kind.key(), "description_html": it.description_html,
            "audience": it.audience, "language": it.language,
            "updated": cx.words().date(it.updated), "updated_iso": it.updated.to_string(),
            "href": href, "is_file": is_file, "format": format, "size": size, "external": !is_file,
        });
        match groups.last_mut() {
            Some((kind, list)) if *kind == it.kind => list.push(v),
            _ => groups.push((it.kind, vec![v])),
        }
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(kind, items)| json!({"kind": kind.key(), "items": items}))
        .collect();
    cx.page(
        "kit.html",
        PageMeta {
            title: cx.theme.words.titles.kit.clone(),
            description: cx.site.content.config.description.clone(),
            path: url::KIT,
            section: Section::Kit,
        },
        json!({"kit": {"introduction_html": k.introduction_html, "groups": groups}}),
        out,
    );
}

pub fn networks(cx: &RenderCx, out: &mut Output) {
    let n = &cx.site.content.networks;
    let mut number = 0;
    let mut rings = Vec::new();
    let mut levels = Vec::new();
    for level in Level::ALL {
        let mut list: Vec<&crate::model::Network> =
            n.networks.iter().filter(|x| x.level == *level).collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by_key(|x| collation_key(&x.name));
        let numbered: Vec<(usize, &crate::model::Network)> = list
            .into_iter()
            .map(|x| {
                number += 1;
                (number, x)
            })
            .collect();
        let nets: Vec<Value> = numbered
            .iter()
            .map(|(num, x)| json!({
                "id": x.id, "number": num, "name": x.name,
                "url": x.url.as_ref().map(|u| u.to_string()), "level": x.level.key(),
                "sector": x.sector, "territory": x.territory, "description_html": x.description_html,
                "member_since": x.member_since,
            }))
            .collect();
        levels.push(json!({"level": level.key(), "networks": nets}));
        let label = cx.theme.words.levels.get(*level).to_string();
        rings.push(super::map::Ring {
            level: *level,
            label,
            networks: numbered,
        });
    }
    let map = &cx.theme.words.networks;
    let map_svg = super::map::svg(
        &cx.site.content.config.organisation.name,
        &map.map_title,
        &map.map_desc,
        &rings,
    );
    cx.page(
        "networks.html",
        PageMeta {
            title: cx.theme.words.titles.networks.clone(),
            description: cx.site.content.config.description.clone(),
            path: url::NETWORKS,
            section: Section::Networks,
        },
        json!({"networks": {"introduction_html": n.introduction_html, "levels": levels, "map_html": map_svg}}),
        out,
    );
}

impl RenderCx {
    /// ISO 8601 start and end of an occurrence, with the UTC offset for timed events.
    pub fn iso(&self, ev: &Event, w: &When) -> (String, Option<String>) {
        let at = |t: chrono::NaiveDateTime| {
            ev.timezone
                .from_local_datetime(&t)
                .earliest()
                .map(|x| x.to_rfc3339())
                .unwrap_or_else(|| t.format("%Y-%m-%dT%H:%M:%S").to_string())
        };
        match *w {
            When::Timed { start, end } => (at(start), end.map(at)),
            When::AllDay { start, last } => (start.to_string(), Some(last.to_string())),
        }
    }

    fn slug_of(&self, label: &str) -> String {
        crate::model::Slug::from_text(label)
            .map(|s| s.to_string())
            .unwrap_or_default()
    }

    pub fn event_card(&self, o: &Occurrence) -> Value {
        let ev = self.site.event(o);
        self.card(ev, &o.when)
    }

    fn card(&self, ev: &Event, w: &When) -> Value {
        let (start_iso, _) = self.iso(ev, w);
        let city = ev.location.as_ref().and_then(|l| l.city.as_ref());
        // `confirmed`, `cancelled`, `tentative` and `show_region` spare the templates string
        // comparisons, which Tera makes by copying and escaping both sides: cards are rendered
        // tens of thousands of times in a large agenda.
        json!({
            "slug": ev.slug, "url": url::event(&ev.slug), "title": ev.title,
            "when": self.words().when(w), "start_iso": start_iso,
            "all_day": matches!(w, When::AllDay { .. }), "status": ev.status.key(),
            "confirmed": ev.status == Status::Confirmed, "cancelled": ev.status == Status::Cancelled,
            "tentative": ev.status == Status::Tentative,
            "show_region": ev.region.as_ref().is_some_and(|r| !r.is_empty() && Some(r) != city),
            "level": ev.level.key(), "themes": ev.themes, "region": ev.region,
            "city": ev.location.as_ref().and_then(|l| l.city.clone()),
            "online": ev.online.is_some(), "recurring": ev.recurrence.is_some(),
            "facets": {
                "level": self.slug_of(self.theme.words.levels.get(ev.level)),
                "themes": ev.themes.iter().map(|t| self.slug_of(t)).collect::<Vec<_>>(),
                "region": ev.region.as_deref().map(|r| self.slug_of(r)),
            },
        })
    }

    pub fn event_full(&self, index: usize, ev: &Event) -> Value {
        let (_, end_iso) = self.iso(ev, &ev.when);
        let mut v = self.card(ev, &ev.when);
        let occurrences: Vec<String> = if ev.recurrence.is_some() {
            self.site
                .upcoming_of(index)
                .take(12)
                .map(|o| self.words().when(&o.when))
                .collect()
        } else {
            Vec::new()
        };
        let exceptions: Vec<String> = ev
            .recurrence
            .as_ref()
            .map(|r| r.exceptions.iter().map(|d| self.words().date(*d)).collect())
            .unwrap_or_default();
        let map_url = ev
            .location
            .as_ref()
            .and_then(|l| match (l.latitude, l.longitude) {
                (Some(lat), Some(lon)) => Some(format!(
                    "https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
                )),
                _ => {
                    let q: Vec<&str> = [&l.address, &l.postal_code, &l.city, &l.country]
                        .iter()
                        .filter_map(|x| x.as_deref())
                        .collect();
                    (!q.is_empty()).then(|| {
                        let query: String =
                            ::url::form_urlencoded::byte_serialize(q.join(", ").as_bytes())
                                .collect();
                        format!("https://www.openstreetmap.org/search?query={query}")
                    })
                }
            });
        let reps: Vec<Value> = ev
            .representatives
            .iter()
            .map(|r| json!({"name": r.public_name, "role": r.role.key()}))
            .collect();
        let extra = json!({
            "end_iso": end_iso,
            "timezone": ev.timezone.name(),
            "other_timezone": ev.timezone != self.site.content.config.timezone,
            "location": ev.location,
            "online_url": ev.online.as_ref().map(|u| u.to_string()),
            "axis": ev.axis.map(|a| a.key()),
            "description_html": ev.description_html,
            "occurrences": occurrences,
            "exceptions": exceptions,
            "ics_url": url::event_calendar(&ev.slug),
            "google_url": self.google_link(ev),
            "outlook_url": self.outlook_link(ev),
            "mission_sheet_url": ev.mission.as_ref().map(|_| url::event_sheet(&ev.slug)),
            "map_url": map_url,
            "json_ld": self.json_ld(index, ev),
        });
        if let (Value::Object(a), Value::Object(b)) = (&mut v, extra) {
            a.extend(b);
            a.insert("representatives".into(), Value::Array(reps));
        }
        v
    }
}

impl RenderCx {
    fn plain_location(&self, ev: &Event) -> String {
        match (&ev.location, &ev.online) {
            (Some(l), _) => [&l.name, &l.address, &l.city]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            (None, Some(u)) => u.to_string(),
            _ => String::new(),
        }
    }

    fn plain_details(&self, ev: &Event) -> String {
        let mut d = ev.summary.clone();
        if !d.is_empty() {
            d.push_str("\n\n");
        }
        d.push_str(&self.absolute(&url::event(&ev.slug)));
        d
    }

    /// Google Calendar's "add event" link, in the event's own zone (`ctz`).
    fn google_link(&self, ev: &Event) -> String {
        let dates = match ev.when {
            When::Timed { start, end } => {
                let end = end.unwrap_or(start + chrono::Duration::hours(1));
                format!(
                    "{}/{}",
                    start.format("%Y%m%dT%H%M%S"),
                    end.format("%Y%m%dT%H%M%S")
                )
            }
            When::AllDay { start, last } => {
                format!(
                    "{}/{}",
                    start.format("%Y%m%d"),
                    (last + chrono::Duration::days(1)).format("%Y%m%d")
                )
            }
        };
        let mut url = format!(
            "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={dates}&ctz={}&details={}&location={}",
            enc(&ev.title),
            enc(ev.timezone.name()),
            enc(&self.plain_details(ev)),
            enc(&self.plain_location(ev)),
        );
        if let Some(r) = &ev.recurrence {
            url.push_str(&format!("&recur={}", enc(&format!("RRULE:{}", r.rule))));
        }
        url
    }

    /// Outlook on the web's "new event" link (times with their UTC offset).
    fn outlook_link(&self, ev: &Event) -> String {
        let (start, end) = self.iso(ev, &ev.when);
        let (all_day, end) = match ev.when {
            When::AllDay { last, .. } => {
                (true, Some((last + chrono::Duration::days(1)).to_string()))
            }
            When::Timed { .. } => (false, end),
        };
        let mut url = format!(
            "https://outlook.live.com/calendar/0/action/compose?rru=addevent&path=%2Fcalendar%2Faction%2Fcompose&subject={}&startdt={}&body={}&location={}&allday={all_day}",
            enc(&ev.title),
            enc(&start),
            enc(&self.plain_details(ev)),
            enc(&self.plain_location(ev)),
        );
        if let Some(e) = end {
            url.push_str(&format!("&enddt={}", enc(&e)));
        }
        url
    }
}

/// The object without its null members (schema.org consumers prefer absent to null).
fn without_nulls(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.retain(|_, x| !x.is_null());
    }
    v
}

impl RenderCx {
    /// schema.org `Event` data for search engines, as a string safe inside a `<script>`
    /// element (`<`, `>` and `&` are written as JSON escapes, so no `</script>` can appear).
    fn json_ld(&self, index: usize, ev: &Event) -> String {
        let cfg = &self.site.content.config;
        // A recurring event is described by its next occurrence (or its first, once all past).
        let when = self
            .site
            .upcoming_of(index)
            .next()
            .map(|o| o.when)
            .unwrap_or(ev.when);
        let (start, end) = self.iso(ev, &when);
        let status = match ev.status {
            crate::model::Status::Cancelled => "https://schema.org/EventCancelled",
            _ => "https://schema.org/EventScheduled",
        };
        let place = ev.location.as_ref().map(|l| {
            json!({
                "@type": "Place",
                "name": l.name.clone().or_else(|| l.city.clone()).or_else(|| l.address.clone()),
                "address": without_nulls(json!({
                    "@type": "PostalAddress",
                    "streetAddress": l.address, "postalCode": l.postal_code,
                    "addressLocality": l.city, "addressCountry": l.country,
                })),
            })
        });
        let virtual_location = ev
            .online
            .as_ref()
            .map(|u| json!({"@type": "VirtualLocation", "url": u.as_str()}));
        let (mode, location) = match (place, virtual_location) {
            (Some(p), Some(v)) => ("MixedEventAttendanceMode", json!([p, v])),
            (Some(p), None) => ("OfflineEventAttendanceMode", p),
            (None, Some(v)) => ("OnlineEventAttendanceMode", v),
            (None, None) => (
                "OfflineEventAttendanceMode",
                json!({"@type": "Place", "name": cfg.organisation.name}),
            ),
        };
        let mut description = ev.summary.clone();
        if description.is_empty() {
            description = ev.title.clone();
        }
        let mut v = json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "name": ev.title,
            "startDate": start,
            "eventStatus": status,
            "eventAttendanceMode": format!("https://schema.org/{mode}"),
            "location": location,
            "description": description,
            "url": self.absolute(&url::event(&ev.slug)),
            "organizer": {"@type": "Organization", "name": cfg.organisation.name, "url": cfg.organisation.url.clone().unwrap_or_else(|| cfg.base_url.to_string())},
        });
        if let (Some(e), Value::Object(m)) = (end, &mut v) {
            m.insert("endDate".into(), json!(e));
        }
        serde_json::to_string(&v)
            .unwrap_or_default()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

/// An event's page (`page`) and its pre-filled mission sheet (`sheet`, when it has a
/// `mission:` block): both show the same event variables, made once.
pub fn event(cx: &RenderCx, index: usize, page: bool, sheet: bool, out: &mut Output) {
    let ev = &cx.site.content.events[index];
    let sheet = sheet && ev.mission.is_some();
    if !page && !sheet {
        return;
    }
    let full = cx.event_full(index, ev);
    if sheet {
        sheets::event_sheet(cx, ev, &url::event_sheet(&ev.slug), full.clone(), out);
    }
    if !page {
        return;
    }
    let description = if ev.summary.is_empty() {
        format!("{} — {}", ev.title, cx.words().when(&ev.when))
    } else {
        ev.summary.clone()
    };
    cx.page(
        "event.html",
        PageMeta {
            title: ev.title.clone(),
            description,
            path: &url::event(&ev.slug),
            section: Section::Agenda,
        },
        object([("event", full)]),
        out,
    );
}
