//! From raw structs to the typed model: every check that serde cannot do (dates, zones,
//! recurrences, URLs, file references, cross-references), each problem located with the span
//! index of its file and collected rather than returned early.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use serde::de::DeserializeOwned;

use super::raw::*;
use super::source::{read_text, split_front_matter};
use super::yaml::{parse, Spans};
use super::{markdown_files, LoadOptions, RECURRENCE_HORIZON_DAYS};
use crate::diagnostic::{rel, Diagnostic, Diagnostics, Pos};
use crate::markdown;
use crate::model::*;

/// Names the site itself uses at the top of the output; a page may not take them.
/// Names under `/agenda/` that the site uses for its own pages and feeds.
pub const RESERVED_EVENT_SLUGS: &[&str] = &[
    "archives",
    "niveau",
    "theme",
    "region",
    "mois",
    "calendrier",
    "index",
    "page",
];

pub const RESERVED_PAGE_SLUGS: &[&str] = &[
    "agenda", "charte", "lexique", "kit", "reseaux", "fiches", "assets", "404", "index", "sitemap",
    "robots", "favicon",
];

/// Names Windows keeps for devices (`con`, `nul`, `com1`…), with or without an extension.
/// Content files and output folders named so could not be checked out, copied or served on
/// an editor's Windows machine, so they are refused everywhere a name becomes a path.
pub const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Whether a file or folder name is one of `WINDOWS_RESERVED` (`CON`, `aux.md`, `nul.tar.gz`).
pub fn windows_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    WINDOWS_RESERVED.contains(&stem.to_ascii_lowercase().as_str())
}

/// The first symbolic link among `base/relative`'s components below `base`, if any.
fn linked_component(base: &Path, relative: &Path) -> Option<PathBuf> {
    let mut p = base.to_path_buf();
    for c in relative.components() {
        p.push(c);
        if p.symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink())
        {
            return Some(p);
        }
    }
    None
}

/// File types a browser runs script in when served from the site itself: a kit file of one
/// of these kinds would run with the site's own origin.
const ACTIVE_KIT_TYPES: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "svgz", "xml", "xsl", "xslt", "js",
    "mjs", "cjs", "wasm", "swf", "php", "cgi", "htaccess",
];

/// What makes an SVG file able to run script (or load another document) when opened from
/// the site: checked on the text in lower case, with character references decoded.
fn svg_active_content(text: &str) -> Option<&'static str> {
    let decoded = decode_xml_references(text).to_ascii_lowercase();
    // Whitespace and control characters are ignored inside URLs by browsers: `java\tscript:`.
    let squeezed: String = decoded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    if decoded.contains("<script") || decoded.contains(":script") {
        return Some("a <script> element");
    }
    if decoded.contains("<foreignobject") || decoded.contains(":foreignobject") {
        return Some("a <foreignObject> element (which can hold HTML)");
    }
    if decoded.contains("<!entity") {
        return Some("an entity declaration");
    }
    for tag in [
        "<iframe",
        "<embed",
        "<object",
        "<handler",
        ":handler",
        "<listener",
    ] {
        if decoded.contains(tag) {
            return Some("an embedded document or event handler element");
        }
    }
    let bytes = decoded.as_bytes();
    for (i, _) in decoded.match_indices("on") {
        let before_ok = i > 0 && (bytes[i - 1].is_ascii_whitespace() || bytes[i - 1] == b':');
        if !before_ok {
            continue;
        }
        let rest = &decoded[i + 2..];
        let name_len = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
        if name_len > 0 && rest[name_len..].trim_start().starts_with('=') {
            return Some("an event handler attribute (on…=)");
        }
    }
    // A scheme starts a value: the character before it is not part of a word ("metadata:").
    let schemes = |scheme: &str| -> Vec<usize> {
        squeezed
            .match_indices(scheme)
            .map(|(i, _)| i)
            .filter(|&i| i == 0 || !squeezed.as_bytes()[i - 1].is_ascii_alphanumeric())
            .collect()
    };
    for scheme in ["javascript:", "vbscript:", "livescript:"] {
        if !schemes(scheme).is_empty() {
            return Some("a script URL");
        }
    }
    for i in schemes("data:") {
        let after = &squeezed[i + 5..];
        let image = [
            "image/png",
            "image/jpeg",
            "image/jpg",
            "image/gif",
            "image/webp",
        ]
        .iter()
        .any(|t| after.starts_with(t));
        if !image {
            return Some("a data: URL that is not a plain image");
        }
    }
    None
}

/// `&#106;` and `&#x6A;` decoded (the named ones cannot hide letters of a scheme or a tag).
fn decode_xml_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let (hex, digits) = match after.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, after),
        };
        let len = digits
            .bytes()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        let value = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 }).ok();
        match value.and_then(char::from_u32) {
            Some(c) if len > 0 => {
                out.push(c);
                let consumed = len + usize::from(hex);
                rest = &after[consumed..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            _ => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The checks of one file: where it is, where its values are, and the shared problem list.
struct FileCx<'a> {
    file: PathBuf,
    spans: Spans,
    diags: &'a mut Diagnostics,
    raw_html: bool,
}

impl FileCx<'_> {
    fn pos(&self, path: &str) -> Option<Pos> {
        self.spans.value(path)
    }

    fn error(&mut self, path: &str, message: impl Into<String>, hint: Option<&str>) {
        let mut d = Diagnostic::error(&self.file, message).at(self.pos(path));
        if !path.is_empty() {
            d = d.field(path);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.diags.push(d);
    }

    fn warning(&mut self, path: &str, message: impl Into<String>, hint: &str) {
        let d = Diagnostic::warning(&self.file, message)
            .at(self.pos(path))
            .field(path)
            .hint(hint);
        self.diags.push(d);
    }

    fn md(&self, text: &str) -> String {
        markdown::to_html(text, self.raw_html)
    }

    fn md_opt(&self, text: &Option<String>) -> Option<String> {
        text.as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| self.md(t))
    }

    fn required_text(&mut self, path: &str, value: &str) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.error(
                path,
                "this field is empty",
                Some("write a value, it is required"),
            );
        }
        v.to_string()
    }

    fn url(&mut self, path: &str, value: &str) -> Option<url::Url> {
        match url::Url::parse(value.trim()) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => Some(u),
            Ok(u) => {
                self.error(
                    path,
                    format!("`{value}` is not a web address (scheme `{}`)", u.scheme()),
                    Some("write a full address starting with https://"),
                );
                None
            }
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                let v = value.trim();
                if !v.is_empty() && !v.contains(char::is_whitespace) && v.contains('.') {
                    let fixed = format!("write https://{}", v.trim_start_matches('/'));
                    self.error(
                        path,
                        format!("`{value}` is not a full web address: https:// is missing"),
                        Some(&fixed),
                    );
                } else {
                    self.error(
                        path,
                        format!("`{value}` is not a web address"),
                        Some(
                            "write a full address starting with https://, e.g. https://smart.coop/",
                        ),
                    );
                }
                None
            }
            Err(e) => {
                self.error(
                    path,
                    format!("`{value}` is not a valid web address: {e}"),
                    Some("write a full address starting with https://, e.g. https://smart.coop/"),
                );
                None
            }
        }
    }

    fn date(&mut self, path: &str, value: &str) -> Option<NaiveDate> {
        match parse_date(value) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.error(
                    path,
                    msg,
                    Some("write the date as YYYY-MM-DD, e.g. 2027-03-14"),
                );
                None
            }
        }
    }

    /// The slug given in `id`, or one made from `text`.
    fn id_or_slug(&mut self, path: &str, id: &Option<String>, text: &str) -> Option<Slug> {
        match id {
            Some(id) => {
                let s = Slug::parse(id.trim());
                if s.is_none() {
                    self.error(
                        path,
                        format!("`{id}` is not a valid id"),
                        Some("use lowercase letters without accents, digits and single dashes, e.g. groupe-d-appui"),
                    );
                }
                s
            }
            None => {
                let s = Slug::from_text(text);
                if s.is_none() {
                    self.error(
                        path,
                        format!("no id can be made from `{text}`"),
                        Some("add an `id:` made of lowercase letters, digits and dashes"),
                    );
                }
                s
            }
        }
    }
}

/// Reads and deserialises one YAML file of `content/`.
fn read_yaml<T: DeserializeOwned>(
    root: &Path,
    content_dir: &Path,
    name: &str,
    diags: &mut Diagnostics,
) -> Option<(T, Spans, PathBuf)> {
    let path = content_dir.join(name);
    let shown = rel(root, &path);
    // Like the Markdown files: a link could point outside the site folder, and so could a
    // linked folder on the way to the file (`sheets/` for `sheets/mission.yaml`).
    if let Some(link) = linked_component(content_dir, Path::new(name)) {
        diags.push(
            Diagnostic::error(rel(root, &link), "symbolic links are not followed")
                .hint("copy the file into the content folder instead of linking to it"),
        );
        return None;
    }
    if !path.is_file() {
        diags.push(Diagnostic::error(&shown, "this file is missing").hint(
            "every site needs it: copy it from the example site's content/ folder and adapt it",
        ));
        return None;
    }
    let text = match read_text(&path, &shown) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match parse::<T>(&shown, &text, 0) {
        Ok(p) => Some((p.value, p.spans, shown)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

pub fn load_all(
    root: &Path,
    content_dir: &Path,
    opts: &LoadOptions,
    cache: Option<&Mutex<EventCache>>,
    diags: &mut Diagnostics,
) -> Option<Content> {
    // Where `join_page` is written, for the check against the pages further down.
    let mut join_at = None;
    let config = read_yaml::<SiteFile>(root, content_dir, "site.yaml", diags).and_then(
        |(raw, spans, file)| {
            join_at = Some((file.clone(), spans.value("join_page")));
            site(raw, spans, file, opts, diags)
        },
    );
    // Without a usable site.yaml the other files are still checked, with default settings,
    // so that one run reports everything.
    let raw_html = config.as_ref().is_some_and(|c| c.allow_raw_html);
    let site_tz = config
        .as_ref()
        .map(|c| c.timezone)
        .unwrap_or(chrono_tz::Europe::Brussels);
    let today = opts.today.date_in(site_tz);
    let host = config
        .as_ref()
        .and_then(|c| c.base_url.host_str().map(str::to_string))
        .unwrap_or_else(|| "localhost".into());

    macro_rules! file {
        ($ty:ty, $name:literal, $f:expr) => {
            read_yaml::<$ty>(root, content_dir, $name, diags).and_then(|(raw, spans, file)| {
                let mut cx = FileCx {
                    file,
                    spans,
                    diags: &mut *diags,
                    raw_html,
                };
                $f(raw, &mut cx)
            })
        };
    }

    let baseline = file!(BaselineFile, "baseline.yaml", baseline);
    let axes = file!(AxesFile, "axes.yaml", axes);
    let charter = file!(CharterFile, "charter.yaml", charter);
    let lexicon = file!(LexiconFile, "lexicon.yaml", lexicon);
    let kit = read_yaml::<KitFile>(root, content_dir, "kit.yaml", diags).and_then(
        |(raw, spans, file)| {
            let mut cx = FileCx {
                file,
                spans,
                diags: &mut *diags,
                raw_html,
            };
            kit(raw, &mut cx, content_dir, today)
        },
    );
    let networks = file!(NetworksFile, "networks.yaml", networks);
    let mission = file!(SheetFile, "sheets/mission.yaml", sheet);
    let identification = file!(SheetFile, "sheets/identification.yaml", sheet);

    let (pages, unpublished) = pages(root, content_dir, opts, raw_html, diags);
    let events = events(
        root,
        content_dir,
        opts,
        raw_html,
        site_tz,
        &host,
        today,
        cache,
        diags,
    );

    if let (Some(cfg), Some((file, pos))) = (&config, join_at) {
        if let Some(join) = &cfg.join_page {
            if !pages.iter().any(|p| &p.slug == join) {
                let (message, hint) = match unpublished.get(join) {
                    Some(Unpublished::Draft(page)) => (
                        format!("join_page `{join}` is a draft"),
                        format!(
                            "publish {} (remove `draft: true`), or point join_page to a published page",
                            page.display()
                        ),
                    ),
                    Some(Unpublished::Broken(page)) => (
                        format!("join_page `{join}` cannot be published: the page has errors"),
                        format!("fix {} (its problems are listed with it)", page.display()),
                    ),
                    None => (
                        format!("join_page `{join}` is not a page"),
                        format!(
                            "create content/pages/{join}.md, or point join_page to an existing page"
                        ),
                    ),
                };
                diags.push(
                    Diagnostic::error(file, message)
                        .at(pos)
                        .field("join_page")
                        .hint(hint),
                );
            }
        }
    }

    Some(Content {
        config: config?,
        baseline: baseline?,
        axes: axes?,
        charter: charter?,
        lexicon: lexicon?,
        kit: kit?,
        networks: networks?,
        pages,
        events,
        sheets: Sheets {
            mission: mission?,
            identification: identification?,
        },
    })
}

fn site(
    raw: SiteFile,
    spans: Spans,
    file: PathBuf,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Option<Config> {
    let errors_before = diags.errors().count();
    let mut cx = FileCx {
        file,
        spans,
        diags,
        raw_html: false,
    };
    let title = cx.required_text("title", &raw.title);
    let description = cx.required_text("description", &raw.description);
    let (base_src, base_path) = match &opts.base_url {
        Some(b) => (b.clone(), "--base-url"),
        None => (raw.base_url.clone(), "base_url"),
    };
    let base_url = cx.url(base_path, &base_src).map(|mut u| {
        if !u.path().ends_with('/') {
            let p = format!("{}/", u.path());
            u.set_path(&p);
        }
        u.set_query(None);
        u.set_fragment(None);
        u
    });
    let language = raw.language.unwrap_or_else(|| "fr".into());
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_lowercase()) {
        cx.error(
            "language",
            format!("`{language}` is not a language code"),
            Some("use a two-letter code: fr, nl, en"),
        );
    }
    let timezone = match &raw.timezone {
        Some(tz) => parse_tz(&mut cx, "timezone", tz),
        None => Some(chrono_tz::Europe::Brussels),
    };
    if let Some(theme) = &raw.theme {
        if Slug::parse(theme).is_none() {
            cx.error("theme", format!("`{theme}` is not a valid theme name"), Some("a theme name is a folder name under themes/: lowercase letters, digits, dashes"));
        }
    }
    let org = raw.organisation;
    let org_name = cx.required_text("organisation.name", &org.name);
    no_angle_brackets(&mut cx, "organisation.name", &org_name);
    check_email(&mut cx, "organisation.email", &org.email);
    let org_url = org
        .url
        .as_deref()
        .and_then(|u| cx.url("organisation.url", u))
        .map(|u| u.to_string());
    let join_page = raw.join_page.as_deref().and_then(|j| {
        let s = Slug::parse(j);
        if s.is_none() {
            cx.error(
                "join_page",
                format!("`{j}` is not a page slug"),
                Some("write the page's file name without .md"),
            );
        }
        s
    });
    let feed_past_days = raw.feed_past_days.unwrap_or(180);
    if feed_past_days > MAX_FEED_PAST_DAYS {
        cx.error(
            "feed_past_days",
            format!("{feed_past_days} days is more than {MAX_FEED_PAST_DAYS} (a hundred years)"),
            Some("keep past events in the feeds for a few months, e.g. 180"),
        );
    }
    if cx.diags.errors().count() > errors_before {
        return None;
    }
    Some(Config {
        title,
        description,
        base_url: base_url?,
        language,
        timezone: timezone?,
        theme: raw.theme,
        organisation: Organisation {
            name: org_name,
            url: org_url,
            email: org.email.trim().to_string(),
            phone: org.phone,
            address: org.address,
        },
        join_page,
        allow_raw_html: raw.allow_raw_html,
        feed_past_days,
    })
}

/// The most days past events may stay in the feeds; more would only overflow date arithmetic.
pub const MAX_FEED_PAST_DAYS: u32 = 36_500;

fn check_email(cx: &mut FileCx, path: &str, email: &str) {
    let e = email.trim();
    let ok = e
        .split_once('@')
        .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
        && !e
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'));
    if !ok {
        cx.error(
            path,
            format!("`{email}` is not an e-mail address"),
            Some("write it as name@example.org"),
        );
    }
}

fn parse_tz(cx: &mut FileCx, path: &str, name: &str) -> Option<Tz> {
    match name.trim().parse::<Tz>() {
        Ok(tz) => Some(tz),
        Err(_) => {
            cx.error(
                path,
                format!("`{name}` is not a known time zone"),
                Some("use an IANA time-zone name such as Europe/Brussels, Europe/Paris or America/Montreal"),
            );
            None
        }
    }
}

fn baseline(raw: BaselineFile, cx: &mut FileCx) -> Option<Baseline> {
    let statement = cx.required_text("statement", &raw.statement);
    if statement.contains('\n') {
        cx.error(
            "statement",
            "the baseline statement must fit on one line",
            Some("move the details to `explanation`"),
        );
    }
    cx.required_text("explanation", &raw.explanation);
    Some(Baseline {
        statement,
        explanation_html: cx.md(&raw.explanation),
    })
}

fn axes(raw: AxesFile, cx: &mut FileCx) -> Option<Vec<AxisText>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, a) in raw.axes.into_iter().enumerate() {
        let p = format!("axes[{i}]");
        if !seen.insert(a.axis) {
            cx.error(
                &format!("{p}.axis"),
                format!("the axis `{}` is described twice", a.axis.key()),
                Some("describe each axis once"),
            );
        }
        out.push(AxisText {
            axis: a.axis,
            title: cx.required_text(&format!("{p}.title"), &a.title),
            summary: cx.required_text(&format!("{p}.summary"), &a.summary),
            description_html: cx.md_opt(&a.description),
        });
    }
    for axis in Axis::ALL {
        if !seen.contains(axis) {
            cx.error(
                "axes",
                format!("the axis `{}` is missing", axis.key()),
                Some("describe the three axes: promote, inform, defend"),
            );
        }
    }
    Some(out)
}

fn charter(raw: CharterFile, cx: &mut FileCx) -> Option<Charter> {
    if raw.commitments.is_empty() {
        cx.error(
            "commitments",
            "the charter has no commitments",
            Some("list at least one commitment"),
        );
    }
    let commitments = raw
        .commitments
        .iter()
        .enumerate()
        .map(|(i, c)| Commitment {
            title: cx.required_text(&format!("commitments[{i}].title"), &c.title),
            text_html: cx.md_opt(&c.text),
        })
        .collect();
    Some(Charter {
        title: cx.required_text("title", &raw.title),
        introduction_html: cx.md(&raw.introduction),
        commitments,
        conclusion_html: cx.md_opt(&raw.conclusion),
    })
}

fn lexicon(raw: LexiconFile, cx: &mut FileCx) -> Option<Lexicon> {
    let mut terms = Vec::new();
    let mut ids: HashMap<Slug, usize> = HashMap::new();
    for (i, t) in raw.terms.iter().enumerate() {
        let p = format!("terms[{i}]");
        let term = cx.required_text(&format!("{p}.term"), &t.term);
        let Some(id) = cx.id_or_slug(&format!("{p}.id"), &t.id, &term) else {
            continue;
        };
        if let Some(first) = ids.insert(id.clone(), i) {
            let line = cx
                .pos(&format!("terms[{first}]"))
                .map(|p| p.line)
                .unwrap_or(0);
            // Point at the `id:` when one is written: that is what collides.
            let at = if t.id.is_some() {
                format!("{p}.id")
            } else {
                format!("{p}.term")
            };
            cx.error(
                &at,
                format!("duplicate term id `{id}` (already used by the term at line {line})"),
                Some("two terms cannot share an anchor: give one of them a distinct `id:`"),
            );
        }
        terms.push((i, id, term, t));
    }
    let known: HashSet<&Slug> = ids.keys().collect();
    let mut out = Vec::new();
    for (i, id, term, t) in &terms {
        let refs = |field: &str, list: &[String], cx: &mut FileCx| -> Vec<Slug> {
            let mut v = Vec::new();
            for (j, r) in list.iter().enumerate() {
                let p = format!("terms[{i}].{field}[{j}]");
                match Slug::parse(r.trim()).filter(|s| known.contains(s)) {
                    Some(s) if &s == id => cx.error(
                        &p,
                        format!("the term `{term}` refers to itself"),
                        Some("remove this reference"),
                    ),
                    Some(s) => v.push(s),
                    None => {
                        let guess = Slug::from_text(r).filter(|s| known.contains(s));
                        let hint = match guess {
                            Some(g) => format!("did you mean `{g}`? references use the term's id"),
                            None => "use the id of a term of this lexicon (its anchor, e.g. groupe-d-appui)".into(),
                        };
                        cx.error(&p, format!("unknown lexicon term `{r}`"), Some(&hint));
                    }
                }
            }
            v
        };
        let see_also = refs("see_also", &t.see_also, cx);
        let not_to_confuse = refs("not_to_confuse", &t.not_to_confuse, cx);
        cx.required_text(&format!("terms[{i}].definition"), &t.definition);
        out.push(Term {
            id: id.clone(),
            term: term.clone(),
            definition_html: cx.md(&t.definition),
            see_also,
            not_to_confuse,
        });
    }
    Some(Lexicon {
        introduction_html: cx.md_opt(&raw.introduction),
        terms: out,
    })
}

/// Checks that `reference` names a regular file inside `content_dir`, without leaving it.
fn content_file(
    cx: &mut FileCx,
    path: &str,
    content_dir: &Path,
    reference: &str,
) -> Option<(String, PathBuf, u64)> {
    let r = reference.trim();
    let p = Path::new(r);
    let escapes = r.contains('\\')
        || p.is_absolute()
        || p.components().any(|c| !matches!(c, Component::Normal(_)))
        || r.is_empty();
    if escapes {
        cx.error(
            path,
            format!("`{reference}` is not a path inside the content folder"),
            Some("write a path relative to content/, with / between folders and no `..`, e.g. kit/brochure.pdf"),
        );
        return None;
    }
    let full = content_dir.join(p);
    let canonical_dir = content_dir.canonicalize().ok()?;
    match full.canonicalize() {
        Ok(c) if !c.starts_with(&canonical_dir) => {
            cx.error(
                path,
                format!("`{reference}` points outside the content folder"),
                Some("copy the file into content/ instead of linking to it"),
            );
            None
        }
        Ok(c) if !c.is_file() => {
            cx.error(path, format!("`{reference}` is not a file"), None);
            None
        }
        Ok(c) => {
            if let Some(problem) = unpublishable(p, &c) {
                cx.error(
                    path,
                    format!("`{reference}` cannot be published: {}", problem.0),
                    Some(problem.1),
                );
                return None;
            }
            let size = std::fs::metadata(&c).map(|m| m.len()).unwrap_or(0);
            Some((r.to_string(), c, size))
        }
        Err(_) => {
            cx.error(
                path,
                format!("the file `content/{reference}` does not exist"),
                Some("check the file name and its folder (names are case-sensitive)"),
            );
            None
        }
    }
}

/// Why a file inside `content/` must not be copied to the site, if it must not: the site's
/// own sources (events hold private contact details), names Windows cannot hold, and files a
/// browser would run script in. `relative` is the path as written, `file` the real file.
fn unpublishable(relative: &Path, file: &Path) -> Option<(String, &'static str)> {
    let parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    let extension = relative
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // In any case: on a case-insensitive file system `Events/` is `events/`.
    let source_folder = parts
        .first()
        .is_some_and(|f| ["events", "pages", "sheets"].contains(&f.to_ascii_lowercase().as_str()));
    let top_level_source = parts.len() == 1 && ["yaml", "yml", "md"].contains(&extension.as_str());
    if source_folder || top_level_source {
        return Some((
            "it is one of the site's own content files, which may hold private details".into(),
            "kit files go in a folder of their own, e.g. content/kit/",
        ));
    }
    if let Some(bad) = parts.iter().find(|p| windows_reserved(p)) {
        return Some((
            format!("`{bad}` is a name Windows reserves for a device"),
            "rename the file or folder (e.g. add a word: con-2027.pdf)",
        ));
    }
    if ACTIVE_KIT_TYPES.contains(&extension.as_str()) {
        return Some((
            format!("a .{extension} file can run scripts in visitors' browsers when served from the site"),
            "publish it as PDF or as an image, put it in a .zip archive, or host it elsewhere and give its `url:`",
        ));
    }
    if extension == "svg" {
        const MAX_SVG: u64 = 8 * 1024 * 1024;
        let too_big = std::fs::metadata(file)
            .map(|m| m.len() > MAX_SVG)
            .unwrap_or(true);
        let text = if too_big {
            None
        } else {
            std::fs::read(file).ok()
        };
        let Some(bytes) = text else {
            return Some((
                "an SVG file larger than 8 MB cannot be checked for scripts".into(),
                "export it as PDF or PNG",
            ));
        };
        let found = match std::str::from_utf8(&bytes) {
            Ok(t) => svg_active_content(t),
            Err(_) => Some("text that is not UTF-8, which cannot be checked"),
        };
        if let Some(what) = found {
            return Some((
                format!("the SVG image contains {what}, which would run in visitors' browsers"),
                "remove it from the image (or export the image as PDF or PNG)",
            ));
        }
    }
    None
}

fn kit(raw: KitFile, cx: &mut FileCx, content_dir: &Path, today: NaiveDate) -> Option<Kit> {
    let mut items = Vec::new();
    let mut ids = HashSet::new();
    for (i, it) in raw.items.iter().enumerate() {
        let p = format!("items[{i}]");
        let title = cx.required_text(&format!("{p}.title"), &it.title);
        let id = cx.id_or_slug(&format!("{p}.id"), &it.id, &title);
        if let Some(id) = &id {
            if !ids.insert(id.clone()) {
                cx.error(
                    &format!("{p}.title"),
                    format!("duplicate kit item id `{id}`"),
                    Some("give one of the items a distinct `id:`"),
                );
            }
        }
        let language = it.language.trim().to_string();
        if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_lowercase()) {
            cx.error(
                &format!("{p}.language"),
                format!("`{}` is not a language code", it.language),
                Some("use a two-letter code: fr, nl, en, de"),
            );
        }
        let updated = cx.date(&format!("{p}.updated"), &it.updated);
        if let Some(u) = updated {
            if u > today {
                cx.error(
                    &format!("{p}.updated"),
                    format!("the update date {u} is in the future"),
                    Some("write the date of the last actual update"),
                );
            } else if today - u > Duration::days(365) {
                cx.warning(
                    &format!("{p}.updated"),
                    format!("`{title}` has not been updated since {u}"),
                    "check that this item is still current, then update its date",
                );
            }
        }
        let target = match (&it.file, &it.url) {
            (Some(f), None) => content_file(cx, &format!("{p}.file"), content_dir, f)
                .map(|(rel, source, size)| KitTarget::File { rel, source, size }),
            (None, Some(u)) => cx.url(&format!("{p}.url"), u).map(KitTarget::Url),
            (Some(_), Some(_)) => {
                cx.error(
                    &p,
                    "an item has either `file` or `url`, not both",
                    Some("keep the one visitors should use"),
                );
                None
            }
            (None, None) => {
                cx.error(
                    &p,
                    "this item has neither `file` nor `url`",
                    Some("add `file: kit/name.pdf` (a file in content/) or `url: https://…`"),
                );
                None
            }
        };
        if let (Some(id), Some(updated), Some(target)) = (id, updated, target) {
            items.push(KitItem {
                id,
                title,
                kind: it.kind,
                description_html: cx.md(&it.description),
                audience: it.audience.clone(),
                language,
                updated,
                target,
            });
        }
    }
    Some(Kit {
        introduction_html: cx.md_opt(&raw.introduction),
        items,
    })
}

fn networks(raw: NetworksFile, cx: &mut FileCx) -> Option<Networks> {
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for (i, n) in raw.networks.iter().enumerate() {
        let p = format!("networks[{i}]");
        let name = cx.required_text(&format!("{p}.name"), &n.name);
        let Some(id) = cx.id_or_slug(&format!("{p}.id"), &n.id, &name) else {
            continue;
        };
        if !ids.insert(id.clone()) {
            cx.error(
                &format!("{p}.name"),
                format!("duplicate network id `{id}`"),
                Some("give one of the networks a distinct `id:`"),
            );
        }
        let url = n
            .url
            .as_deref()
            .and_then(|u| cx.url(&format!("{p}.url"), u));
        if let Some(y) = n.member_since {
            if !(1900..=2100).contains(&y) {
                cx.error(
                    &format!("{p}.member_since"),
                    format!("{y} is not a plausible year"),
                    Some("write the year SMart joined, e.g. 2016"),
                );
            }
        }
        out.push(Network {
            id,
            name,
            url,
            level: n.level,
            sector: n.sector.clone(),
            territory: n.territory.clone(),
            description_html: cx.md_opt(&n.description),
            member_since: n.member_since,
        });
    }
    Some(Networks {
        introduction_html: cx.md_opt(&raw.introduction),
        networks: out,
    })
}

/// The organisation's name and the sheets' titles are also printed in the sheets' page
/// header, which is CSS inside a `<style>` element; the page minifier rewrites CSS escapes
/// back into plain characters, so `<` there could close the element. They are refused.
fn no_angle_brackets(cx: &mut FileCx, path: &str, text: &str) {
    if text.contains(['<', '>']) {
        cx.error(
            path,
            format!("`{text}`: the characters < and > cannot be used here"),
            Some("this text is printed in the page header of the printable sheets, where they are not allowed; write « » or remove them"),
        );
    }
}

fn sheet(raw: SheetFile, cx: &mut FileCx) -> Option<Sheet> {
    let mut ids = HashSet::new();
    let mut sections = Vec::new();
    if raw.sections.is_empty() {
        cx.error(
            "sections",
            "the sheet has no sections",
            Some("add at least one section with fields"),
        );
    }
    for (i, s) in raw.sections.iter().enumerate() {
        let mut fields = Vec::new();
        for (j, f) in s.fields.iter().enumerate() {
            let p = format!("sections[{i}].fields[{j}]");
            let label = cx.required_text(&format!("{p}.label"), &f.label);
            if let Some(id) = &f.id {
                if Slug::parse(&id.replace('_', "-")).is_none() {
                    cx.error(
                        &format!("{p}.id"),
                        format!("`{id}` is not a valid field id"),
                        Some("use lowercase letters, digits, dashes or underscores"),
                    );
                } else if !ids.insert(id.clone()) {
                    cx.error(
                        &format!("{p}.id"),
                        format!("duplicate field id `{id}`"),
                        Some("each field of a sheet needs its own id"),
                    );
                }
            }
            let needs_options = matches!(f.kind, FieldKind::Choice | FieldKind::MultiChoice);
            if needs_options && f.options.len() < 2 {
                cx.error(
                    &format!("{p}.options"),
                    format!("a `{}` field needs at least two options", f.kind.key()),
                    Some("list them: options: [Oui, Non, Peut-être]"),
                );
            }
            if !needs_options && !f.options.is_empty() {
                cx.error(
                    &format!("{p}.options"),
                    format!("a `{}` field has no options", f.kind.key()),
                    Some("use kind: choice or multichoice, or remove `options`"),
                );
            }
            let is_grid = f.kind == FieldKind::Grid;
            if is_grid && (f.rows.is_empty() || f.columns.is_empty()) {
                cx.error(
                    &p,
                    "a `grid` field needs `rows` and `columns`",
                    Some(
                        "e.g. rows: [Institutionnel, Politique] and columns: [Régional, National]",
                    ),
                );
            }
            if !is_grid && (!f.rows.is_empty() || !f.columns.is_empty()) {
                cx.error(
                    &p,
                    format!("a `{}` field has no rows or columns", f.kind.key()),
                    Some("use kind: grid, or remove `rows` and `columns`"),
                );
            }
            if f.lines.is_some() && f.kind != FieldKind::Lines {
                cx.error(
                    &format!("{p}.lines"),
                    format!("a `{}` field has no lines", f.kind.key()),
                    Some("use kind: lines, or remove `lines`"),
                );
            }
            let lines = f.lines.unwrap_or(3);
            if !(1..=30).contains(&lines) {
                cx.error(
                    &format!("{p}.lines"),
                    format!("{lines} lines is not between 1 and 30"),
                    None,
                );
            }
            fields.push(SheetField {
                id: f.id.clone(),
                label,
                kind: f.kind,
                help: f.help.clone(),
                lines,
                options: f.options.clone(),
                rows: f.rows.clone(),
                columns: f.columns.clone(),
            });
        }
        sections.push(SheetSection {
            title: cx.required_text(&format!("sections[{i}].title"), &s.title),
            fields,
        });
    }
    Some(Sheet {
        title: {
            let title = cx.required_text("title", &raw.title);
            no_angle_brackets(cx, "title", &title);
            title
        },
        introduction_html: cx.md_opt(&raw.introduction),
        sections,
    })
}

/// The slug of a Markdown file: its name without `.md`, checked.
fn file_slug(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<Slug> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let slug = Slug::parse(&stem);
    if slug.as_ref().is_some_and(|s| windows_reserved(s.as_str())) {
        diags.push(
            Diagnostic::error(
                rel(root, path),
                format!("`{stem}` is a name Windows reserves for a device"),
            )
            .hint(format!(
                "such a file cannot exist on an editor's Windows machine, nor its web address as a folder: rename it, e.g. {stem}-2027.md"
            )),
        );
        return None;
    }
    if slug.is_none() {
        let suggestion = Slug::from_text(&stem)
            .map(|s| format!("rename it to {s}.md"))
            .unwrap_or_else(|| "rename it".into());
        diags.push(
            Diagnostic::error(
                rel(root, path),
                format!("`{stem}` cannot be used in a web address"),
            )
            .hint(format!(
                "file names use lowercase letters without accents, digits and dashes: {suggestion}"
            )),
        );
    }
    slug
}

struct MdFile {
    shown: PathBuf,
    slug: Slug,
    text: String,
}

impl MdFile {
    /// The front matter deserialised into `T`, with its positions, and the Markdown body.
    // Its error is pushed straight into the diagnostics list.
    #[allow(clippy::result_large_err)]
    fn front<T: DeserializeOwned>(&self) -> Result<(super::yaml::Parsed<T>, &str), Diagnostic> {
        let fm = split_front_matter(&self.text, &self.shown)?;
        let parsed = parse::<T>(&self.shown, fm.yaml, fm.yaml_line_offset)?;
        Ok((parsed, fm.body))
    }
}

fn read_markdown_dir(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<MdFile> {
    let mut out = Vec::new();
    for path in markdown_files(root, dir, diags) {
        let shown = rel(root, &path);
        let slug = file_slug(root, &path, diags);
        match read_text(&path, &shown) {
            Ok(text) => {
                if let Some(slug) = slug {
                    out.push(MdFile { shown, slug, text });
                }
            }
            Err(d) => diags.push(d),
        }
    }
    out
}

/// What became of a page file that is not among the published pages (for `join_page`).
enum Unpublished {
    Draft(PathBuf),
    /// With errors, reported where they are.
    Broken(PathBuf),
}

fn pages(
    root: &Path,
    content_dir: &Path,
    opts: &LoadOptions,
    raw_html: bool,
    diags: &mut Diagnostics,
) -> (Vec<Page>, HashMap<Slug, Unpublished>) {
    let mut out: Vec<Page> = Vec::new();
    let mut seen: HashMap<Slug, PathBuf> = HashMap::new();
    let mut unpublished: HashMap<Slug, Unpublished> = HashMap::new();
    for f in read_markdown_dir(root, &content_dir.join("pages"), diags) {
        let errors_before = diags.errors().count();
        // Until the page is published: if it is left out below, it is for its errors.
        unpublished.insert(f.slug.clone(), Unpublished::Broken(f.shown.clone()));
        let (parsed, body) = match f.front::<PageFront>() {
            Ok(x) => x,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        // The file's name is the problem here, not a line of it: no position.
        if RESERVED_PAGE_SLUGS.contains(&f.slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    &f.shown,
                    format!("the page name `{}` is used by the site itself", f.slug),
                )
                .hint(format!(
                    "rename the file; these names are reserved: {}",
                    RESERVED_PAGE_SLUGS.join(", ")
                )),
            );
            continue;
        }
        if let Some(first) = seen.insert(f.slug.clone(), f.shown.clone()) {
            diags.push(
                Diagnostic::error(
                    &f.shown,
                    format!(
                        "duplicate page slug `{}` (also {})",
                        f.slug,
                        first.display()
                    ),
                )
                .hint("two pages cannot have the same file name, even in different folders"),
            );
            continue;
        }
        let mut cx = FileCx {
            file: f.shown.clone(),
            spans: parsed.spans,
            diags: &mut *diags,
            raw_html,
        };
        let front = parsed.value;
        let title = cx.required_text("title", &front.title);
        if front.draft && !opts.drafts {
            if diags.errors().count() == errors_before {
                unpublished.insert(f.slug.clone(), Unpublished::Draft(f.shown.clone()));
            }
            continue;
        }
        out.push(Page {
            slug: f.slug.clone(),
            title,
            description: front.description,
            menu: front.menu,
            content_html: cx.md(body),
        });
        unpublished.remove(&f.slug);
    }
    (out, unpublished)
}

/// Event files already checked, by path: the text read and what was made of it, valid while
/// the settings they were checked with stay the same.
#[derive(Default)]
pub struct EventCache {
    settings: Option<EventSettings>,
    files: HashMap<PathBuf, Cached>,
}

impl EventCache {
    pub fn forget(&mut self, changed: &[PathBuf]) {
        for (path, entry) in self.files.iter_mut() {
            if changed.iter().any(|c| path.starts_with(c)) {
                entry.stamp = None;
            }
        }
    }
}

/// One event file as last read: its size and modification time (the file's, not the clock:
/// nanoseconds since 1970), its text, its result.
struct Cached {
    stamp: Option<(u64, u128)>,
    text: Arc<str>,
    file: Arc<EventFile>,
}

/// The site settings an event file's checks depend on.
#[derive(Clone, PartialEq)]
struct EventSettings {
    raw_html: bool,
    site_tz: Tz,
    host: String,
    today: NaiveDate,
}

/// One event file read, parsed and checked on its own (in parallel with the others), with
/// the problems found, in the order they were found.
#[derive(Clone)]
struct EventFile {
    shown: PathBuf,
    slug: Option<Slug>,
    /// Where `uid` is written, for a duplicate found later across files (the file's other
    /// positions are dropped: kept for 100,000 files they would weigh more than the events).
    uid_at: Option<Pos>,
    /// `None` when the front matter could not be read.
    parsed: Option<(Option<Event>, bool)>,
    diags: Diagnostics,
}

// The settings an event falls back on (zone, host, today) come from site.yaml one by one.
#[allow(clippy::too_many_arguments)]
fn events(
    root: &Path,
    content_dir: &Path,
    opts: &LoadOptions,
    raw_html: bool,
    site_tz: Tz,
    host: &str,
    today: NaiveDate,
    cache: Option<&Mutex<EventCache>>,
    diags: &mut Diagnostics,
) -> Vec<Event> {
    use rayon::prelude::*;
    let settings = EventSettings {
        raw_html,
        site_tz,
        host: host.to_string(),
        today,
    };
    if let Some(cache) = cache {
        let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
        if c.settings.as_ref() != Some(&settings) {
            *c = EventCache {
                settings: Some(settings.clone()),
                files: HashMap::new(),
            };
        }
    }
    let paths = markdown_files(root, &content_dir.join("events"), diags);
    let files: Vec<EventFile> = paths
        .par_iter()
        .map(|path| {
            // Unchanged size and modification time (to the nanosecond where the file system
            // keeps them): the file was not saved since, and is not even read again.
            let stamp = cache.and_then(|_| {
                let m = std::fs::metadata(path).ok()?;
                let modified = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH);
                Some((m.len(), modified.ok()?.as_nanos()))
            });
            let cached = |same: &dyn Fn(&Cached) -> bool| {
                let c = cache?.lock().unwrap_or_else(|e| e.into_inner());
                // The lock is held for a lookup only: the copy is made outside it.
                c.files
                    .get(path)
                    .filter(|x| same(x))
                    .map(|x| Arc::clone(&x.file))
            };
            if let Some(file) = stamp.and_then(|st| cached(&|x| x.stamp == Some(st))) {
                return (*file).clone();
            }
            let mut local = Diagnostics::new();
            let shown = rel(root, path);
            let slug = file_slug(root, path, &mut local);
            let text = match read_text(path, &shown) {
                Ok(text) => text,
                Err(d) => {
                    local.push(d);
                    String::new()
                }
            };
            let Some(cache) = cache else {
                return check_event_file(shown, slug, local, text, &settings);
            };
            if !local.is_empty() {
                // Not read, or a name that cannot be a slug: nothing worth keeping (a file made
                // readable again keeps its size and time).
                return check_event_file(shown, slug, local, text, &settings);
            }
            let file = match cached(&|x| *x.text == *text) {
                Some(file) => file,
                None => Arc::new(check_event_file(
                    shown,
                    slug,
                    local,
                    text.clone(),
                    &settings,
                )),
            };
            let entry = Cached {
                stamp,
                text: Arc::from(text),
                file: Arc::clone(&file),
            };
            cache
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .files
                .insert(path.clone(), entry);
            (*file).clone()
        })
        .collect();
    if let Some(cache) = cache {
        // Files deleted since: forget them.
        let mut c = cache.lock().unwrap_or_else(|e| e.into_inner());
        let present: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        c.files.retain(|p, _| present.contains(p));
    }
    cross_check_events(files, opts, diags)
}

/// Reads one event file's front matter and checks it on its own. `local` holds the problems
/// already found with its name or reading it: then the file is not parsed.
fn check_event_file(
    shown: PathBuf,
    slug: Option<Slug>,
    local: Diagnostics,
    text: String,
    settings: &EventSettings,
) -> EventFile {
    let mut file = EventFile {
        shown,
        slug,
        uid_at: None,
        parsed: None,
        diags: local,
    };
    let Some(slug) = file.slug.clone().filter(|_| file.diags.is_empty()) else {
        return file;
    };
    let f = MdFile {
        shown: file.shown.clone(),
        slug,
        text,
    };
    match f.front::<EventFront>() {
        Ok((parsed, body)) => {
            let mut cx = FileCx {
                file: f.shown.clone(),
                spans: parsed.spans,
                diags: &mut file.diags,
                raw_html: settings.raw_html,
            };
            let draft = parsed.value.draft;
            let uid_written = parsed.value.uid.is_some();
            let ev = event(
                parsed.value,
                f.slug.clone(),
                body,
                &mut cx,
                settings.site_tz,
                &settings.host,
                settings.today,
            );
            // Asked only when written: asking builds the file's span index.
            file.uid_at = if uid_written { cx.pos("uid") } else { None };
            file.parsed = Some((ev, draft));
        }
        Err(d) => file.diags.push(d),
    }
    file
}

/// Checks across event files, in file order (the same problems whatever the threads did):
/// reserved and duplicate slugs, duplicate UIDs, drafts left out.
fn cross_check_events(
    files: Vec<EventFile>,
    opts: &LoadOptions,
    diags: &mut Diagnostics,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(files.len());
    let mut slugs: HashMap<Slug, PathBuf> = HashMap::new();
    let mut uids: BTreeMap<String, PathBuf> = BTreeMap::new();
    for f in files {
        let (Some(slug), Some((ev, draft))) = (f.slug, f.parsed) else {
            diags.extend(f.diags);
            continue;
        };
        // The file's name is the problem here, not a line of it: no position.
        if RESERVED_EVENT_SLUGS.contains(&slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    &f.shown,
                    format!("the event name `{slug}` is used by the agenda itself"),
                )
                .hint(format!(
                    "rename the file, e.g. add the year: {slug}-2027.md"
                )),
            );
            continue;
        }
        if let Some(first) = slugs.insert(slug.clone(), f.shown.clone()) {
            diags.push(
                Diagnostic::error(
                    &f.shown,
                    format!("duplicate event slug `{slug}` (also {})", first.display()),
                )
                .hint("two events cannot have the same file name, even in different folders: rename one"),
            );
            continue;
        }
        diags.extend(f.diags);
        let Some(ev) = ev else {
            continue;
        };
        if draft && !opts.drafts {
            continue;
        }
        if let Some(first) = uids.insert(ev.uid.clone(), f.shown.clone()) {
            diags.push(
                Diagnostic::error(
                    &f.shown,
                    format!("duplicate uid `{}` (also {})", ev.uid, first.display()),
                )
                .at(f.uid_at)
                .field("uid")
                .hint("each event needs its own uid; remove `uid:` to use the default"),
            );
            continue;
        }
        out.push(ev);
    }
    out
}

/// A start or end as written: a date-time or a date.
enum Moment {
    At(NaiveDateTime),
    Day(NaiveDate),
}

fn parse_moment(s: &str) -> Result<Moment, String> {
    let s = s.trim();
    if s.len() == 10 {
        return parse_date(s).map(Moment::Day);
    }
    let (d, t) = s.split_once(['T', ' ']).ok_or_else(|| {
        format!("`{s}` is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)")
    })?;
    let date = parse_date(d)?;
    let time = parse_time(t)?;
    Ok(Moment::At(date.and_time(time)))
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    let parts: Vec<&str> = s.split('-').collect();
    let shape_ok = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(format!("`{s}` is not a date in the form YYYY-MM-DD"));
    }
    let (y, m, d) = (
        parts[0].parse().unwrap_or(0),
        parts[1].parse().unwrap_or(0),
        parts[2].parse().unwrap_or(0),
    );
    if !super::YEARS.contains(&y) {
        return Err(format!(
            "{s}: the year {y} is out of range ({} to {})",
            super::YEARS.start(),
            super::YEARS.end()
        ));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let days = NaiveDate::from_ymd_opt(y, m, 1).and_then(|first| {
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some((next - first).num_days())
        });
        match days {
            None => format!("{s} is not a real date: there is no month {}", parts[1]),
            Some(n) => format!(
                "{s} is not a real date: {}-{} has {n} days",
                parts[0], parts[1]
            ),
        }
    })
}

fn parse_time(s: &str) -> Result<NaiveTime, String> {
    let parts: Vec<&str> = s.split(':').collect();
    let shape_ok = (parts.len() == 2 || parts.len() == 3)
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
    if !shape_ok {
        return Err(format!("`{s}` is not a time in the form HH:MM"));
    }
    let h: u32 = parts[0].parse().unwrap_or(99);
    let m: u32 = parts[1].parse().unwrap_or(99);
    let sec: u32 = parts.get(2).map(|p| p.parse().unwrap_or(99)).unwrap_or(0);
    NaiveTime::from_hms_opt(h, m, sec)
        .ok_or_else(|| format!("{s} is not a valid time of day (00:00 to 23:59)"))
}

/// Rejects local times that do not exist in `tz` (the hour skipped when clocks go forward).
fn check_exists(cx: &mut FileCx, path: &str, tz: Tz, at: NaiveDateTime) -> bool {
    if tz.from_local_datetime(&at).earliest().is_none() {
        cx.error(
            path,
            format!(
                "{} does not exist in {}: clocks go forward at that moment",
                at.format("%Y-%m-%d %H:%M"),
                tz.name()
            ),
            Some(
                "the time is rejected rather than guessed: choose a time one hour later or earlier",
            ),
        );
        return false;
    }
    true
}

fn event(
    front: EventFront,
    slug: Slug,
    body: &str,
    cx: &mut FileCx,
    site_tz: Tz,
    host: &str,
    today: NaiveDate,
) -> Option<Event> {
    let errors_before = cx.diags.errors().count();
    let title = cx.required_text("title", &front.title);
    let tz = match &front.timezone {
        Some(name) => parse_tz(cx, "timezone", name),
        None => Some(site_tz),
    };
    let hint_moment =
        "write YYYY-MM-DDTHH:MM for a time (2027-03-14T09:30) or YYYY-MM-DD for a whole day";
    let start = match parse_moment(&front.start) {
        Ok(m) => Some(m),
        Err(e) => {
            cx.error("start", e, Some(hint_moment));
            None
        }
    };
    let end = front.end.as_deref().and_then(|e| match parse_moment(e) {
        Ok(m) => Some(m),
        Err(e) => {
            cx.error("end", e, Some(hint_moment));
            None
        }
    });
    let when = match (start, end) {
        (Some(Moment::At(s)), None) => Some(When::Timed {
            start: s,
            end: None,
        }),
        (Some(Moment::At(s)), Some(Moment::At(e))) => {
            if e <= s {
                cx.error(
                    "end",
                    format!(
                        "end {} is not after start {}",
                        e.format("%Y-%m-%dT%H:%M"),
                        s.format("%Y-%m-%dT%H:%M")
                    ),
                    Some("the end must come after the start"),
                );
                None
            } else {
                Some(When::Timed {
                    start: s,
                    end: Some(e),
                })
            }
        }
        (Some(Moment::Day(s)), None) => Some(When::AllDay { start: s, last: s }),
        (Some(Moment::Day(s)), Some(Moment::Day(e))) => {
            if e < s {
                cx.error(
                    "end",
                    format!("end {e} is before start {s}"),
                    Some("for an all-day event, `end` is the last day, on or after the start"),
                );
                None
            } else {
                Some(When::AllDay { start: s, last: e })
            }
        }
        (Some(_), Some(_)) => {
            cx.error(
                "end",
                "start and end must both be dates or both be dates with a time",
                Some(hint_moment),
            );
            None
        }
        (None, _) => None,
    };
    if let (Some(tz), Some(When::Timed { start, end })) = (tz, &when) {
        check_exists(cx, "start", tz, *start);
        if let Some(e) = end {
            check_exists(cx, "end", tz, *e);
        }
    }

    let recurrence = match (&front.recurrence, tz, &when) {
        (Some(rule), Some(tz), Some(when)) => {
            recurrence(cx, rule, &front.exceptions, tz, when, today)
        }
        (None, _, _) => {
            if !front.exceptions.is_empty() {
                cx.error(
                    "exceptions",
                    "exceptions are only for recurring events",
                    Some("add a `recurrence:` rule, or remove `exceptions`"),
                );
            }
            None
        }
        _ => None,
    };

    let location = front.location.map(|l| {
        if let Some(c) = &l.country {
            if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                cx.error(
                    "location.country",
                    format!("`{c}` is not a two-letter country code"),
                    Some("write BE, FR, NL, CA…"),
                );
            }
        }
        if let Some(lat) = l.latitude {
            if !(-90.0..=90.0).contains(&lat) {
                cx.error(
                    "location.latitude",
                    format!("{lat} is not a latitude"),
                    Some("between -90 and 90, e.g. 50.8466"),
                );
            }
        }
        if let Some(lon) = l.longitude {
            if !(-180.0..=180.0).contains(&lon) {
                cx.error(
                    "location.longitude",
                    format!("{lon} is not a longitude"),
                    Some("between -180 and 180, e.g. 4.3528"),
                );
            }
        }
        if l.latitude.is_some() != l.longitude.is_some() {
            cx.error(
                "location",
                "latitude and longitude go together",
                Some("give both, or neither"),
            );
        }
        if l.name.is_none() && l.address.is_none() && l.city.is_none() {
            cx.error(
                "location",
                "the location has no name, address or city",
                Some("give at least a name or a city"),
            );
        }
        Location {
            name: l.name,
            address: l.address,
            postal_code: l.postal_code,
            city: l.city,
            country: l.country,
            latitude: l.latitude,
            longitude: l.longitude,
        }
    });
    let online = front.online.as_deref().and_then(|u| cx.url("online", u));

    let mut themes: Vec<String> = Vec::new();
    for (i, t) in front.themes.iter().enumerate() {
        let t = t.trim();
        if t.is_empty() {
            cx.error(&format!("themes[{i}]"), "empty theme", None);
        } else if Slug::from_text(t).is_none() {
            cx.error(
                &format!("themes[{i}]"),
                format!("`{t}` cannot be used as a theme"),
                Some("a theme needs letters or digits"),
            );
        } else if Slug::from_text(t).is_some_and(|s| windows_reserved(s.as_str())) {
            cx.error(
                &format!("themes[{i}]"),
                format!("`{t}` cannot be used as a theme: its address would be a name Windows reserves for a device"),
                Some("write the theme in more words, e.g. `aux arts` rather than `aux`"),
            );
        } else if !themes.iter().any(|x| x == t) {
            themes.push(t.to_string());
        }
    }
    let region = front
        .region
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if let Some(r) = &region {
        match Slug::from_text(r) {
            None => cx.error(
                "region",
                format!("`{r}` cannot be used as a region"),
                Some("a region needs letters or digits"),
            ),
            Some(s) if windows_reserved(s.as_str()) => cx.error(
                "region",
                format!("`{r}` cannot be used as a region: its address would be a name Windows reserves for a device"),
                Some("write the region's full name"),
            ),
            Some(_) => {}
        }
    }
    let representatives = front
        .representatives
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let name = cx.required_text(&format!("representatives[{i}].name"), &r.name);
            Representative {
                public_name: r.public.then(|| name.clone()),
                name,
                role: r.role,
            }
        })
        .collect();
    let mission = front.mission.map(|m| {
        let text = |s: &Option<String>| {
            s.as_deref()
                .map(markdown::to_plain_text)
                .filter(|s| !s.is_empty())
        };
        Mission {
            intervention: m.intervention,
            audience: m.audience.clone(),
            venue: m.venue,
            objectives_html: cx.md_opt(&m.objectives),
            objectives_text: text(&m.objectives),
            expectations_text: text(&m.expectations),
            preparation_text: text(&m.preparation),
            compensation: m.compensation,
            criteria: m.criteria.clone(),
            contact: m.contact.clone(),
        }
    });
    let uid = match &front.uid {
        Some(u) => {
            let u = u.trim();
            if u.is_empty()
                || u.len() > 255
                || u.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                cx.error("uid", format!("`{u}` is not a usable uid"), Some("a uid has no spaces, e.g. salon-2027@ambassade.smart.coop; or remove it to use the default"));
            }
            u.to_string()
        }
        None => format!("{slug}@{host}"),
    };
    let updated = front
        .updated
        .as_deref()
        .and_then(|u| match parse_moment(u) {
            Ok(Moment::At(t)) => Some(t),
            Ok(Moment::Day(d)) => Some(d.and_time(NaiveTime::MIN)),
            Err(e) => {
                cx.error("updated", e, Some(hint_moment));
                None
            }
        });

    if cx.diags.errors().count() > errors_before {
        return None;
    }
    let description_text = markdown::to_plain_text(body);
    Some(Event {
        slug,
        source: cx.file.clone(),
        title,
        when: when?,
        timezone: tz?,
        recurrence,
        status: front.status,
        location,
        online,
        level: front.level,
        axis: front.axis,
        themes,
        region,
        representatives,
        mission,
        uid,
        updated,
        sequence: front.sequence,
        description_html: cx.md(body),
        summary: crate::markdown::summary_of_text(&description_text),
        description_text,
    })
}

/// `at` in `tz`. A midnight skipped by a clock change (some zones move their clocks at 00:00)
/// becomes the first hour that exists, so an all-day event starting that day keeps its rule.
/// Timed events never get here with a skipped time: `check_exists` rejects them first.
fn resolve_local(tz: rrule::Tz, at: NaiveDateTime) -> Option<chrono::DateTime<rrule::Tz>> {
    (0..=2).find_map(|h| {
        tz.from_local_datetime(&(at + Duration::hours(h)))
            .earliest()
    })
}

/// The rrule crate's message without its "RRule parsing error: " prefix.
fn rrule_message(e: &rrule::RRuleError) -> String {
    let m = e.to_string();
    let m = m
        .strip_prefix("RRule parsing error: ")
        .or_else(|| m.strip_prefix("RRule validation error: "))
        .unwrap_or(&m);
    m.trim_end_matches('.').to_string()
}

/// The most occurrences listed for one recurring event, whatever its rule says.
const MAX_OCCURRENCES: u16 = 1000;

fn recurrence(
    cx: &mut FileCx,
    rule_text: &str,
    exceptions: &[String],
    tz: Tz,
    when: &When,
    today: NaiveDate,
) -> Option<Recurrence> {
    let rule = rule_text.trim();
    let rule = rule.strip_prefix("RRULE:").unwrap_or(rule).to_string();
    let hint = "write an RFC 5545 rule such as FREQ=MONTHLY;BYDAY=1TU;COUNT=10 (see the README)";
    if rule.chars().any(char::is_control) || rule.to_ascii_uppercase().contains("DTSTART") {
        cx.error(
            "recurrence",
            "the rule must be one line without DTSTART",
            Some("the start comes from `start`; write only the rule"),
        );
        return None;
    }
    let start_local = match when {
        When::Timed { start, .. } => *start,
        When::AllDay { start, .. } => start.and_time(NaiveTime::MIN),
    };
    let rtz = rrule::Tz::Tz(tz);
    let Some(dt_start) = resolve_local(rtz, start_local) else {
        cx.error(
            "start",
            format!("the start cannot be placed in the time zone {}", tz.name()),
            Some("choose another start time"),
        );
        return None;
    };
    let parsed: rrule::RRule<rrule::Unvalidated> = match rule.parse() {
        Ok(r) => r,
        Err(e) => {
            cx.error(
                "recurrence",
                format!("invalid recurrence rule `{rule}`: {}", rrule_message(&e)),
                Some(hint),
            );
            return None;
        }
    };
    let set = match parsed.build(dt_start) {
        Ok(s) => s,
        Err(e) => {
            cx.error(
                "recurrence",
                format!("invalid recurrence rule `{rule}`: {}", rrule_message(&e)),
                Some(hint),
            );
            return None;
        }
    };
    let mut exception_dates = Vec::new();
    for (i, e) in exceptions.iter().enumerate() {
        if let Some(d) = cx.date(&format!("exceptions[{i}]"), e) {
            exception_dates.push(d);
        }
    }
    let last_exception = exception_dates.iter().max().copied().unwrap_or(today);
    // From today, or from the start when it is further ahead: a rule starting years from now
    // still has its first occurrences.
    let horizon = today
        .max(when.start_date())
        .checked_add_signed(Duration::days(RECURRENCE_HORIZON_DAYS))
        .unwrap_or(NaiveDate::MAX)
        .max(last_exception.succ_opt().unwrap_or(NaiveDate::MAX));
    let horizon_dt = resolve_local(rtz, horizon.and_time(NaiveTime::MIN))?;
    let all = set.before(horizon_dt).all(MAX_OCCURRENCES);
    // `before` includes an occurrence at the horizon itself: keep strictly earlier dates.
    let dates: Vec<NaiveDate> = all
        .dates
        .iter()
        .map(|d| d.with_timezone(&tz).date_naive())
        .filter(|d| *d < horizon)
        .collect();
    if dates.first() != Some(&when.start_date()) {
        let first = dates
            .first()
            .map(|d| d.to_string())
            .unwrap_or_else(|| "none".into());
        cx.error(
            "start",
            format!("the start {} is not an occurrence of the rule `{rule}` (first occurrence: {first})", when.start_date()),
            Some("set `start` to the first occurrence of the rule, e.g. the first Tuesday of the month for BYDAY=1TU"),
        );
        return None;
    }
    for (i, d) in exception_dates.iter().enumerate() {
        if !dates.contains(d) {
            cx.error(
                &format!("exceptions[{i}]"),
                format!("{d} is not the date of an occurrence"),
                Some("list only dates on which the event would otherwise take place"),
            );
        }
    }
    let occurrences = dates
        .into_iter()
        .filter(|d| !exception_dates.contains(d))
        .collect();
    Some(Recurrence {
        rule,
        exceptions: exception_dates,
        occurrences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_are_strict() {
        assert!(parse_date("2027-02-30")
            .unwrap_err()
            .contains("not a real date"));
        assert!(parse_date("27-02-03").is_err());
        assert!(parse_time("25:00")
            .unwrap_err()
            .contains("not a valid time"));
        assert!(matches!(
            parse_moment("2027-03-14T09:30"),
            Ok(Moment::At(_))
        ));
        assert!(matches!(parse_moment("2027-03-14"), Ok(Moment::Day(_))));
        assert!(parse_moment("14/03/2027").is_err());
        assert_eq!(
            parse_date("2027-02-30").unwrap_err(),
            "2027-02-30 is not a real date: 2027-02 has 28 days"
        );
        assert!(parse_date("2027-13-01")
            .unwrap_err()
            .ends_with("there is no month 13"));
    }
}
