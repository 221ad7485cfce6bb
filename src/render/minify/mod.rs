//! HTML minification (minify-html), done once per template instead of once per page.
//!
//! Minifying every rendered page took over a third of a 10,000-event build. A theme's `.html`
//! templates are therefore minified when the theme is compiled: Tera tags are hidden from the
//! minifier behind placeholders, and a start tag holding a Tera tag (`<a href="{{ url }}">`)
//! is hidden whole, since the minifier reorders and unquotes attributes. What the tags output
//! at render time (Markdown, escaped values) is not minified again; it is already compact.
//!
//! A template's text is minified where it is written, not where it is printed: a template
//! that is not a whole document is minified inside an element that keeps the white space
//! between inline elements, as a paragraph would, since a macro, a block or an included
//! template is printed in one.
//!
//! Whenever a template cannot be minified this way with certainty (a Tera tag inside an HTML
//! comment, or making up a tag name, text from elsewhere printed in `<pre>`, a script or a
//! start tag, a tag or a comment given to a block printed in a title, whitespace control
//! beside a character reference, markup given to a filter, or a template that no longer
//! compiles), the theme keeps its templates as written and every page is minified instead,
//! as before, and the theme warns, naming the template and the reason. Setting
//! `AMBASSADE_MINIFY=pages` forces that, to compare the two.

mod blocks;
mod checks;
mod document;
mod lex;
mod placeholder;
mod tags;

use std::fmt::Write as _;

use rayon::prelude::*;

use blocks::{blocks_given, inert, pulls, Blocks, Pull};
use checks::{reworks_markup, trims_into_markup};
use document::{escape_ampersands, is_document, ROOT};
use lex::{lex, Piece};
use placeholder::{restore_tera, CLOSE, OPEN};
use tags::{hide_tags, show_tags, ATTR, NAME};

fn cfg() -> minify_html::Cfg {
    minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        // The CSS minifier would turn the escapes of `sheets::css_string` back into `<`,
        // letting a sheet title close its `<style>`; pages carry almost no inline CSS anyway.
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::new()
    }
}

/// Minifies a whole rendered page.
pub fn page(html: &str) -> Vec<u8> {
    minify_html::minify(html.as_bytes(), &cfg())
}

/// Whether `AMBASSADE_MINIFY=pages` asks for every page to be minified instead of the
/// templates.
pub fn pages_forced() -> bool {
    std::env::var_os("AMBASSADE_MINIFY").is_some_and(|v| v == "pages")
}

/// Why a theme's templates are kept as written: the first template that cannot be minified
/// with certainty, by name, and the check it failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fallback {
    pub template: String,
    pub reason: String,
}

/// Minifies the HTML of a theme's `.html` templates (the others are kept as written), keeping
/// every Tera tag as written. `None` when that cannot be done with certainty for one of them
/// (see the module documentation).
pub fn templates<N: AsRef<str> + Sync, S: AsRef<str> + Sync>(
    sources: &[(N, S)],
) -> Option<Vec<(String, String)>> {
    templates_or_why(sources).ok()
}

/// `templates`, saying which template cannot be minified, and why.
pub fn templates_or_why<N: AsRef<str> + Sync, S: AsRef<str> + Sync>(
    sources: &[(N, S)],
) -> Result<Vec<(String, String)>, Fallback> {
    // Each template minified on its own (a theme's templates take a small site's build most
    // of its time), then looked at in order: the first that cannot be minified is named.
    let minified: Vec<Option<Result<(String, Blocks), &'static str>>> = sources
        .par_iter()
        .map(|(name, source)| {
            name.as_ref()
                .ends_with(".html")
                .then(|| template(source.as_ref()))
        })
        .collect();
    let mut out = Vec::with_capacity(sources.len());
    // Each block name with the template that places it or gives it text.
    let mut all: Blocks<(String, String)> = Blocks::default();
    for ((name, source), minified) in sources.iter().zip(minified) {
        let (name, source) = (name.as_ref(), source.as_ref());
        let text = if let Some(minified) = minified {
            let (text, blocks) = minified.map_err(|reason| Fallback {
                template: name.to_string(),
                reason: reason.to_string(),
            })?;
            let tagged = |list: Vec<String>| list.into_iter().map(|b| (b, name.to_string()));
            all.placed.extend(tagged(blocks.placed));
            all.changed.extend(tagged(blocks.changed));
            all.titled.extend(tagged(blocks.titled));
            all.marked.extend(tagged(blocks.marked));
            text
        } else {
            source.to_string()
        };
        out.push((name.to_string(), text));
    }
    // A block printed where the minifier must not change text (`<pre>`, a script, a start
    // tag) gets its text from any template, minified there as if it stood at the top level.
    // So does a block printed in a title, where a tag or a comment is text.
    let clash = |printed: &[(String, String)], given: &[(String, String)], what: &str| {
        printed.iter().find_map(|(block, at)| {
            let (_, giver) = given.iter().find(|(b, _)| b == block)?;
            Some(Fallback {
                template: giver.clone(),
                reason: format!(
                    "it gives the block `{block}` {what}, and `{at}` prints that block inside \
                     `<pre>`, `<textarea>`, `<script>`, `<style>`, `<title>` or a start tag"
                ),
            })
        })
    };
    let placed = clash(
        &all.placed,
        &all.changed,
        "text the minifier would change, or text from another template",
    );
    let titled = || {
        clash(
            &all.titled,
            &all.marked,
            "a tag or a comment, or text from another template",
        )
    };
    match placed.or_else(titled) {
        Some(fallback) => Err(fallback),
        None => Ok(out),
    }
}

/// Minifies the HTML of a template, keeping every Tera tag as written. An error, saying which
/// check failed, when that cannot be done with certainty (see the module documentation).
fn template(source: &str) -> Result<(String, Blocks), &'static str> {
    if source.contains([OPEN, CLOSE])
        || source.contains(ATTR)
        || source.contains(NAME)
        || source.contains(ROOT)
    {
        return Err("it holds U+E000 or U+E001, or a name the minifier's placeholders use");
    }
    let pieces = lex(source).ok_or("a Tera tag is not closed")?;
    if trims_into_markup(&pieces) {
        return Err(
            "whitespace control (`{%-`, `-%}`) stands right beside a character reference or \
             a comment (or a `-%}` reaches past a `{{ super() }}`)",
        );
    }
    if pieces.iter().any(reworks_markup) {
        return Err(
            "a `{% filter %}` section, or a macro's text given to a filter or kept in a variable",
        );
    }
    let mut blocks = Blocks {
        changed: blocks_given(&pieces, inert, true),
        // `{{ super() }}` there prints the block's text from a parent template, checked the
        // same way (a block is printed in one place, whichever template gives its text).
        marked: blocks_given(&pieces, |h| !h.contains('<'), false),
        ..Blocks::default()
    };
    let mut tera = Vec::new();
    // The HTML written just before each Tera tag.
    let mut before = Vec::new();
    let mut flat = String::with_capacity(source.len());
    let mut last_html = "";
    for piece in &pieces {
        match piece {
            Piece::Html(h) => {
                flat.push_str(h);
                last_html = h;
            }
            Piece::Tera(t) => {
                let _ = write!(flat, "{OPEN}{}{CLOSE}", tera.len());
                tera.push(*t);
                before.push(std::mem::take(&mut last_html));
            }
        }
    }
    let document = is_document(&pieces);
    if !document {
        flat = format!("<{ROOT}>{flat}</{ROOT}>");
    }
    let (flat, hidden) = hide_tags(&flat, &tera)?;
    for (numbers, names) in [
        (&hidden.placed, &mut blocks.placed),
        (&hidden.titled, &mut blocks.titled),
    ] {
        for &n in numbers {
            match pulls(tera.get(n).ok_or(LOST)?) {
                Pull::Nothing => {}
                Pull::Block(name) => names.push(name.to_string()),
                // Minified as written, not as where it is printed.
                Pull::Elsewhere => {
                    return Err(
                        "an `{% include %}`, a macro call or `{{ super() }}` inside `<pre>`, \
                         `<textarea>`, `<script>`, `<style>`, `<title>` or a start tag",
                    )
                }
            }
        }
    }
    let minified = String::from_utf8(minify_html::minify(flat.as_bytes(), &cfg()))
        .map_err(|_| "the minifier did not return UTF-8 text")?;
    // A closing tag the minifier could not match (`<h{% if a %}1{% endif %}>…</h1>`) would be
    // dropped: every one must come through.
    if minified.matches("</").count() != flat.matches("</").count() {
        return Err("a closing tag the minifier cannot match to its opening tag");
    }
    let minified = if document {
        minified
    } else {
        minified
            .strip_prefix(&format!("<{ROOT}>"))
            .and_then(|m| m.strip_suffix(&format!("</{ROOT}>")))
            .ok_or("the minifier moved text out of the template")?
            .to_string()
    };
    let minified = escape_ampersands(&minified, &before, &hidden.unread);
    let shown = show_tags(&minified, &hidden).ok_or(LOST)?;
    let restored = restore_tera(&shown, &tera)
        .ok_or("a Tera tag the minifier would drop or move, such as one inside an HTML comment")?;
    // The minifier decodes references: `&#123;&#123; x &#125;&#125;`, braces shown as they
    // are, would become a Tera tag. The template must hold the same Tera tags, no other.
    const SPELLED: &str = "character references that spell a Tera tag once decoded";
    let again = lex(&restored).ok_or(SPELLED)?;
    let same = again
        .iter()
        .filter_map(|p| match p {
            Piece::Tera(t) => Some(*t),
            Piece::Html(_) => None,
        })
        .eq(tera.iter().copied());
    if same {
        Ok((restored, blocks))
    } else {
        Err(SPELLED)
    }
}

/// Why a template is kept when the minifier moved or dropped what stood for its Tera tags.
const LOST: &str = "the minifier moved or dropped a start tag or a tag name holding Tera";

#[cfg(test)]
mod tests {
    use super::*;

    /// One template minified.
    pub(super) fn template(source: &str) -> Option<String> {
        templates(&[("t.html", source)]).map(|mut t| t.remove(0).1)
    }

    /// `template` rendered with `vars` by Tera, HTML-escaping on.
    pub(super) fn render(template: &str, vars: serde_json::Value) -> String {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t.html", template).unwrap();
        let cx = tera::Context::from_value(vars).unwrap();
        tera.render("t.html", &cx).unwrap()
    }

    #[test]
    fn whitespace_between_blocks_goes_and_tera_tags_stay() {
        let src = "<ul>\n  {% for x in xs %}\n    <li class=\"item\">  {{ x | upper }}  </li>\n  {% endfor %}\n</ul>\n";
        let out = template(src).unwrap();
        assert!(!out.contains('\n'), "{out}");
        assert!(out.contains("{% for x in xs %}"), "{out}");
        assert!(out.contains("{{ x | upper }}"), "{out}");
        assert!(out.contains("{% endfor %}"), "{out}");
        assert!(out.contains("<li class=item>"), "{out}");
    }

    #[test]
    fn what_cannot_be_minified_safely_is_refused() {
        // A Tera tag in a comment would be dropped with it.
        assert_eq!(template("<p>a</p><!-- {{ x }} --><p>b</p>"), None);
        // A closing tag that matches no element would be dropped.
        assert_eq!(template("<h{% if a %}1{% else %}2{% endif %}>t</h1>"), None);
        // An unclosed Tera tag.
        assert_eq!(template("<p>{{ x </p>"), None);
        // Placeholder characters in the template itself.
        assert_eq!(template("<p>\u{E000}0\u{E001}</p>"), None);
    }

    #[test]
    fn decoded_references_make_no_tera_tags() {
        // Braces written as references are text; decoded by the minifier they would make
        // Tera tags, shown as the page title instead of the braces.
        for src in [
            "<p>&#123;&#123; page.title &#125;&#125;</p>",
            "<p>&#123;% if a %&#125;x&#123;% endif %&#125;</p>",
            "<p>&#123;{{ x }}&#125;</p>",
        ] {
            if let Some(out) = template(src) {
                let page = render(&out, serde_json::json!({"page": {"title": "T"}, "x": 1}));
                assert!(page.contains('{'), "{src}: {page}");
            }
        }
    }

    #[test]
    fn the_fallback_names_the_template_and_the_check() {
        let why = |set: &[(&str, &str)]| templates_or_why(set).unwrap_err();
        let fallback = why(&[
            ("a.html", "<p>{{ a }}</p>"),
            ("b.html", "<p>{{ b }}</p><!-- {{ c }} -->"),
        ]);
        assert_eq!(fallback.template, "b.html");
        assert!(fallback.reason.contains("HTML comment"), "{fallback:?}");
        let fallback = why(&[("f.html", "<p>{% filter upper %}a{% endfilter %}</p>")]);
        assert_eq!(fallback.template, "f.html");
        assert!(fallback.reason.contains("{% filter %}"), "{fallback:?}");
        let fallback = why(&[("n.html", "<{% if a %}hr{% else %}br{% endif %}>")]);
        assert!(fallback.reason.contains("tag name"), "{fallback:?}");
        // A block printed in `<pre>` by one template and given markup by another: the one
        // that gives it is named.
        let fallback = why(&[
            ("base.html", "<pre>{% block code %}{% endblock %}</pre>"),
            (
                "child.html",
                "{% extends \"base.html\" %}{% block code %}a  <b>b</b>{% endblock %}",
            ),
        ]);
        assert_eq!(fallback.template, "child.html");
        assert!(
            fallback.reason.contains("block `code`") && fallback.reason.contains("`base.html`"),
            "{fallback:?}"
        );
        // `.html` templates that can be minified, and others, are no fallback.
        assert!(
            templates_or_why(&[("a.html", "<p>{{ a }}</p>"), ("x.xml", "<!-- {{ a }} -->")])
                .is_ok()
        );
    }
}
