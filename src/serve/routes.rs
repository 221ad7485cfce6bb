//! From a request target to a response, against the site held in memory.
//!
//! A path is looked up only as a key of the build's file map: it is never joined to a folder,
//! so no request can name a file outside the output. Paths are still checked strictly before
//! the lookup (`..`, `.`, encoded `/` or `\`, NUL and other control bytes, empty segments) and
//! refused with 404, so that what is refused does not depend on what the site contains.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::{Diagnostics, Severity};
use crate::escape::html as html_escape;
use crate::i18n::{render, Lang, Msg};
use crate::msg;
use crate::output::Body;
use crate::report::Excerpts;

use super::http::{Payload, Response};

/// Where the live-reload script and its event stream live. No site path can start with `_`
/// (slugs are lowercase letters, digits and dashes), so these never hide a page.
pub const EVENTS_PATH: &str = "/__ambassade/events";
pub const SCRIPT_PATH: &str = "/__ambassade/live.js";

/// The script every HTML response gets while serving: it listens to the event stream and
/// reloads the page after a rebuild. `hello` carries the current build on (re)connection, so a
/// page fetched just before a rebuild, or kept open while the server restarted, still reloads.
pub const LIVE_SCRIPT: &str = r#"(function () {
  "use strict";
  var me = document.currentScript;
  var shown = me ? me.getAttribute("data-build") : null;
  if (!window.EventSource) return;
  var events = new EventSource("/__ambassade/events");
  events.addEventListener("hello", function (e) {
    if (shown && e.data !== shown) location.reload();
  });
  events.addEventListener("reload", function () { location.reload(); });
})();
"#;

/// What a request target asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Events,
    Script,
    /// A path of the site: `key` is the decoded path without the leading `/`, `dir` tells
    /// whether it ended with `/` (or is the root).
    Site {
        key: String,
        dir: bool,
        /// The path as sent (still encoded), for redirects.
        raw_path: String,
        query: Option<String>,
    },
}

/// Why a target is refused: 400 for what is not a request path at all, 404 for paths that try
/// to leave the site or could never name one of its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    BadRequest,
    NotFound,
}

/// Parses a request target (`/agenda/?x`, or the absolute form `http://host/agenda/`).
pub fn parse_target(target: &str) -> Result<Target, Refusal> {
    let path_and_query = if target.starts_with('/') {
        target
    } else if let Some(rest) = target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
    {
        // Absolute form, as proxies send it: only the path matters.
        match rest.find('/') {
            Some(i) => &rest[i..],
            None => "/",
        }
    } else {
        return Err(Refusal::BadRequest);
    };
    let without_fragment = path_and_query.split('#').next().unwrap_or("");
    let (raw_path, query) = match without_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (without_fragment, None),
    };
    if raw_path == EVENTS_PATH {
        return Ok(Target::Events);
    }
    if raw_path == SCRIPT_PATH {
        return Ok(Target::Script);
    }
    let inner = raw_path.strip_prefix('/').ok_or(Refusal::BadRequest)?;
    let dir = inner.is_empty() || inner.ends_with('/');
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let mut segments = Vec::new();
    if !inner.is_empty() {
        for raw in inner.split('/') {
            segments.push(segment(raw)?);
        }
    }
    Ok(Target::Site {
        key: segments.join("/"),
        dir,
        raw_path: raw_path.to_string(),
        query,
    })
}

/// One decoded path segment, or why it is refused.
fn segment(raw: &str) -> Result<String, Refusal> {
    if raw.is_empty() {
        // `//`: no file of the site has an empty name, and `//host` would be a redirect
        // target of another site.
        return Err(Refusal::NotFound);
    }
    let bytes = percent_decode(raw).ok_or(Refusal::BadRequest)?;
    let text = String::from_utf8(bytes).map_err(|_| Refusal::NotFound)?;
    let forbidden = text == "."
        || text == ".."
        || text
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control());
    if forbidden {
        return Err(Refusal::NotFound);
    }
    Ok(text)
}

/// `%XX` decoding; `None` when a `%` is not followed by two hex digits.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `Content-Type` of a site file, by its extension.
pub fn content_type(key: &str) -> &'static str {
    let ext = Path::new(key)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/vnd.microsoft.icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        "odt" => "application/vnd.oasis.opendocument.text",
        "odp" => "application/vnd.oasis.opendocument.presentation",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => "application/octet-stream",
    }
}

fn is_html(key: &str) -> bool {
    content_type(key).starts_with("text/html")
}

/// The tag that loads the live-reload script, marked with the build it belongs to.
fn script_tag(build: &str) -> String {
    format!(
        "<script src=\"{SCRIPT_PATH}\" data-build=\"{}\"></script>",
        html_escape(build)
    )
}

/// `html` with the live-reload script before its last `</body>` (or at its end).
pub fn inject(html: &[u8], build: &str) -> Vec<u8> {
    let tag = script_tag(build);
    let lower: Vec<u8> = html.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The files of a build, by path relative to the output: held in memory, or made on request.
pub trait Files {
    fn get(&self, key: &str) -> Option<Body>;
}

impl Files for BTreeMap<String, Body> {
    fn get(&self, key: &str) -> Option<Body> {
        BTreeMap::get(self, key).cloned()
    }
}

/// The site as one build left it, as the request handlers see it.
pub struct View<'a> {
    /// The files of the last successful build, if any.
    pub files: Option<&'a dyn Files>,
    /// The error page, when the latest build failed.
    pub failure: Option<&'a str>,
    /// Identifies the build, for the live-reload script.
    pub build: &'a str,
}

/// The response to a site path.
pub fn respond(view: &View, key: &str, dir: bool, raw_path: &str, query: Option<&str>) -> Response {
    let empty = BTreeMap::new();
    let files = view.files.unwrap_or(&empty);
    let found_in = |path: &str| files.get(path);
    let wanted = if dir {
        if key.is_empty() {
            "index.html".to_string()
        } else {
            format!("{key}/index.html")
        }
    } else {
        key.to_string()
    };
    let found = found_in(&wanted);
    // While the content is broken, every page is the error page; the other files (styles,
    // images, calendars) of the last good build stay available.
    if let Some(page) = view.failure {
        return match found {
            Some(body) if !is_html(&wanted) => file_response(200, &wanted, &body, view.build),
            _ => Response::bytes(
                500,
                "text/html; charset=utf-8",
                inject(page.as_bytes(), view.build),
            ),
        };
    }
    if let Some(body) = found {
        return file_response(200, &wanted, &body, view.build);
    }
    if !dir && found_in(&format!("{key}/index.html")).is_some() {
        let location = match query {
            Some(q) => format!("{raw_path}/?{q}"),
            None => format!("{raw_path}/"),
        };
        return Response::text(301, &format!("See {location}")).header("Location", location);
    }
    not_found(view)
}

/// The site's own 404 page with status 404, or a plain one when the site has none.
pub fn not_found(view: &View) -> Response {
    match view.files.and_then(|f| f.get("404.html")) {
        Some(body) => file_response(404, "404.html", &body, view.build),
        None => Response::text(404, "This address is not part of the site."),
    }
}

fn file_response(status: u16, key: &str, body: &Body, build: &str) -> Response {
    let ctype = content_type(key);
    match body {
        Body::Bytes(b) if is_html(key) => Response::bytes(status, ctype, inject(b, build)),
        Body::Bytes(b) => Response::bytes(status, ctype, b.clone()),
        // An output in memory keeps pieces as bytes: only for completeness.
        Body::Parts(parts) => Response::bytes(status, ctype, parts.concat().into_bytes()),
        // Only sources the build itself put in its map: never a path from the request.
        Body::CopyOf(p) => Response {
            status,
            headers: vec![("Content-Type", ctype.to_string())],
            payload: Payload::File(p.clone()),
        },
        // The server renders into memory: a stored body never reaches it.
        Body::Stored => Response::text(500, "This file was not kept in memory."),
    }
}

/// The page shown instead of the site while the content has errors: every diagnostic with its
/// place, the offending line and the hint, all escaped.
pub fn error_page(diags: &Diagnostics, root: &Path, lang: Lang) -> String {
    let say = |m: &Msg| html_escape(&render(lang, m));
    let mut excerpts = Excerpts::new(root);
    let errors = diags.errors().count();
    let mut items = String::new();
    for d in diags.sorted() {
        let mut place = d.file.display().to_string();
        if let Some(l) = d.line {
            place.push_str(&format!(":{l}"));
            if let Some(c) = d.column {
                place.push_str(&format!(":{c}"));
            }
        }
        let (class, kind) = match d.severity {
            Severity::Error => ("error", say(&msg!("common-error"))),
            Severity::Warning => ("warning", say(&msg!("common-warning"))),
        };
        items.push_str(&format!(
            "<li class=\"{class}\"><p class=\"where\"><code>{}</code> <span class=\"kind\">{kind}</span></p><p class=\"message\">",
            html_escape(&place)
        ));
        if let Some(f) = &d.field {
            // As the terminal says it: "`updated` du 9e élément de `items` (« … »)" in French.
            let words = crate::report::field_words(f, lang, excerpts.spans(d));
            items.push_str(&format!("{}: ", html_escape(&words)));
        }
        items.push_str(&html_escape(&d.message.in_lang(lang)));
        items.push_str("</p>");
        if let Some(ex) = excerpts.of(d) {
            let number = ex.line.to_string();
            let mut pre = format!("{number} | {}", html_escape(&ex.text));
            if let Some(prefix) = &ex.caret_prefix {
                pre.push_str(&format!(
                    "\n{} | {}<span class=\"caret\">^</span>",
                    " ".repeat(number.len()),
                    html_escape(prefix)
                ));
            }
            items.push_str(&format!("<pre>{pre}</pre>"));
        }
        if let Some(h) = &d.hint {
            items.push_str(&format!(
                "<p class=\"hint\">{}</p>",
                say(&msg!("serve-page-hint", hint = h.in_lang(lang)))
            ));
        }
        items.push_str("</li>\n");
    }
    format!(
        r#"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · ambassade</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #fff8f6; color: #1d1d1d; }}
main {{ max-width: 60rem; margin: 0 auto; padding: 2rem 1rem; }}
h1 {{ color: #a4161a; font-size: 1.6rem; margin: 0 0 .5rem; }}
ol {{ padding: 0; list-style: none; }}
li {{ background: #fff; border-left: 4px solid #a4161a; margin: 1rem 0; padding: .75rem 1rem; box-shadow: 0 1px 2px #0002; }}
li.warning {{ border-color: #b8860b; }}
.where {{ margin: 0; font-weight: 600; }}
.kind {{ color: #a4161a; text-transform: uppercase; font-size: .8rem; letter-spacing: .05em; }}
li.warning .kind {{ color: #8a6508; }}
.message {{ margin: .25rem 0; }}
pre {{ background: #f4f1f0; padding: .5rem .75rem; overflow-x: auto; margin: .5rem 0; }}
.caret {{ color: #a4161a; font-weight: 700; }}
.hint {{ margin: .25rem 0 0; color: #235; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>{explain}</p>
<ol>
{items}</ol>
</main>
</body>
</html>
"#,
        lang = lang.code(),
        title = say(&msg!("serve-page-title")),
        explain = say(&msg!("serve-page-explain", errors = errors)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Pos};

    fn site(key: &str) -> Target {
        parse_target(key).unwrap()
    }

    #[test]
    fn parses_site_paths() {
        assert_eq!(
            site("/agenda/?x=1#top"),
            Target::Site {
                key: "agenda".into(),
                dir: true,
                raw_path: "/agenda/".into(),
                query: Some("x=1".into())
            }
        );
        assert_eq!(
            site("/"),
            Target::Site {
                key: "".into(),
                dir: true,
                raw_path: "/".into(),
                query: None
            }
        );
        assert!(
            matches!(site("/lexique%20x/a.ics"), Target::Site { key, dir: false, .. } if key == "lexique x/a.ics")
        );
        assert!(
            matches!(site("http://127.0.0.1:8000/kit/"), Target::Site { key, dir: true, .. } if key == "kit")
        );
        assert_eq!(site("/__ambassade/events"), Target::Events);
        assert_eq!(site("/__ambassade/live.js?v=2"), Target::Script);
    }

    #[test]
    fn refuses_paths_that_could_leave_the_site() {
        for bad in [
            "/../etc/passwd",
            "/agenda/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/.%2e/x",
            "/agenda%2f..%2f..%2fetc%2fpasswd",
            "/agenda%5c..%5cx",
            "/index.html%00.css",
            "/a/./b",
            "//etc/passwd",
            "/%ff%fe",
        ] {
            assert_eq!(parse_target(bad), Err(Refusal::NotFound), "{bad}");
        }
        for bad in ["etc/passwd", "*", "C:\\x", "/%zz", "/%2"] {
            assert_eq!(parse_target(bad), Err(Refusal::BadRequest), "{bad}");
        }
    }

    fn files() -> BTreeMap<String, Body> {
        let mut m = BTreeMap::new();
        m.insert(
            "index.html".into(),
            Body::Bytes(b"<html><body><p>home</p></body></html>".to_vec()),
        );
        m.insert(
            "agenda/index.html".into(),
            Body::Bytes(b"<html><BODY>agenda</BODY></html>".to_vec()),
        );
        m.insert(
            "agenda.ics".into(),
            Body::Bytes(b"BEGIN:VCALENDAR".to_vec()),
        );
        m.insert(
            "404.html".into(),
            Body::Bytes(b"<html><body>perdu</body></html>".to_vec()),
        );
        m
    }

    fn body(r: &Response) -> String {
        match &r.payload {
            Payload::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            Payload::File(p) => format!("file {}", p.display()),
        }
    }

    fn ctype(r: &Response) -> &str {
        &r.headers
            .iter()
            .find(|(n, _)| *n == "Content-Type")
            .unwrap()
            .1
    }

    #[test]
    fn serves_files_folders_redirects_and_the_404_page() {
        let f = files();
        let view = View {
            files: Some(&f),
            failure: None,
            build: "b1",
        };
        let r = respond(&view, "", true, "/", None);
        assert_eq!(r.status, 200);
        assert_eq!(
            body(&r),
            "<html><body><p>home</p><script src=\"/__ambassade/live.js\" data-build=\"b1\"></script></body></html>"
        );
        let r = respond(&view, "agenda", true, "/agenda/", None);
        assert!(body(&r).contains("agenda<script"), "{}", body(&r));
        let r = respond(&view, "agenda", false, "/agenda", Some("a=1"));
        assert_eq!(r.status, 301);
        assert!(r
            .headers
            .contains(&("Location", "/agenda/?a=1".to_string())));
        let r = respond(&view, "agenda.ics", false, "/agenda.ics", None);
        assert_eq!(ctype(&r), "text/calendar; charset=utf-8");
        assert_eq!(body(&r), "BEGIN:VCALENDAR");
        let r = respond(&view, "nowhere", false, "/nowhere", None);
        assert_eq!(r.status, 404);
        assert!(body(&r).contains("perdu"));
    }

    #[test]
    fn a_failed_build_shows_the_error_page_on_pages_only() {
        let f = files();
        let view = View {
            files: Some(&f),
            failure: Some("<html><body>broken</body></html>"),
            build: "b2",
        };
        let r = respond(&view, "agenda", true, "/agenda/", None);
        assert_eq!(r.status, 500);
        assert!(body(&r).contains("broken<script"));
        let r = respond(&view, "nowhere", false, "/nowhere", None);
        assert_eq!(r.status, 500);
        let r = respond(&view, "agenda.ics", false, "/agenda.ics", None);
        assert_eq!(r.status, 200);
    }

    #[test]
    fn error_page_escapes_and_locates() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("content/events")).unwrap();
        std::fs::write(
            tmp.path().join("content/events/x.md"),
            "---\ntitle: <b>x</b>\n---\n",
        )
        .unwrap();
        let mut ds = Diagnostics::new();
        ds.push(
            Diagnostic::error("content/events/x.md", "bad <title>")
                .at(Some(Pos { line: 2, column: 8 }))
                .field("title")
                .hint("use & not <"),
        );
        let page = error_page(&ds, tmp.path(), Lang::En);
        assert!(page.contains("<code>content/events/x.md:2:8</code>"));
        assert!(page.contains("bad &lt;title&gt;"));
        assert!(page.contains("2 | title: &lt;b&gt;x&lt;/b&gt;"));
        assert!(page.contains("Hint: use &amp; not &lt;"));
        assert!(!page.contains("<b>x</b>"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("assets/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("kit/x.PDF"), "application/pdf");
        assert_eq!(content_type("kit/x"), "application/octet-stream");
    }
}
