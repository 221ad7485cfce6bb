//! What a page of a site in several languages adds (`site::languages` makes the content of
//! each): its address in every language, for the `hreflang` alternates and the language
//! switcher, and the site's own links in its text moved to the page's language.

use std::borrow::Cow;

use serde_json::{json, Value};

use super::RenderCx;
use crate::routes::url;

impl RenderCx {
    /// The `lang` of a text shown in the default language for want of a translation
    /// (`fallback`), or null: templates mark such a text with it and a note.
    pub(super) fn fallback_lang(&self, fallback: bool) -> Value {
        if fallback && self.site.fallbacks.active {
            Value::String(self.site.fallbacks.lang.clone())
        } else {
            Value::Null
        }
    }

    /// The page at `path` in every language that has it: `{lang, name, path, url, current}`
    /// each, the default language first. Empty on a site of one language, so templates show
    /// no switcher.
    pub(super) fn page_alternates(&self, path: &str) -> Value {
        if self.languages.len() < 2 {
            return Value::Array(Vec::new());
        }
        let Some(route) = self.routes.get(&url::file_for(path)) else {
            return Value::Array(Vec::new());
        };
        let own = self.lang();
        Value::Array(
            self.alternates(route)
                .into_iter()
                .map(|(l, p)| {
                    json!({
                        "lang": l.code, "name": l.name, "path": p,
                        "url": self.absolute(p), "current": l.code == own,
                    })
                })
                .collect(),
        )
    }

    /// `html` with every link to one of the site's own pages (`href="/charte/"`, written in
    /// the content or a template) pointing to that page in this context's language
    /// (`/nl/charte/`). Links to language-neutral files (kit files, photos, assets) and to
    /// addresses the site does not have are left alone.
    pub(super) fn localise_links<'h>(&self, html: &'h str) -> Cow<'h, str> {
        if self.prefix.is_empty() || !html.contains("href=\"/") {
            return Cow::Borrowed(html);
        }
        const START: &str = "href=\"/";
        let mut out = String::with_capacity(html.len() + 256);
        let mut rest = html;
        while let Some(at) = rest.find(START) {
            let value_start = at + START.len() - 1;
            out.push_str(&rest[..value_start]);
            rest = &rest[value_start..];
            let end = rest.find('"').unwrap_or(rest.len());
            let value = &rest[..end];
            let path = value.split(['#', '?']).next().unwrap_or(value);
            // The language switcher's links (`href="…" lang="…" hreflang="…"`) lead
            // elsewhere on purpose.
            let after = &rest[end..];
            let switcher = after.starts_with("\" lang=") || after.starts_with("\" hreflang=");
            let own = switcher
                || value.starts_with("//")
                || value == self.prefix
                || value.starts_with(&format!("{}/", self.prefix));
            if !own
                && self
                    .routes
                    .get(&url::file_for(&format!("{}{path}", self.prefix)))
                    .is_some()
            {
                out.push_str(&self.prefix);
            }
            out.push_str(value);
            rest = &rest[end..];
        }
        out.push_str(rest);
        Cow::Owned(out)
    }
}
