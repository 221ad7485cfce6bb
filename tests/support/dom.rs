//! Comparing two HTML documents as a reader sees them, white space that does not show aside:
//! the minified templates (`render::minify`) must give the page that minifying the whole page
//! gives (`tests/minify.rs` on real sites, `tests/minify_props.rs` on generated templates).

use std::collections::{BTreeMap, BTreeSet};

use scraper::{ElementRef, Html, Node};

/// Elements whose text flows as a line of words (compared when they hold no block).
const INLINE_CONTAINERS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "dt",
    "dd",
    "caption",
    "figcaption",
    "legend",
    "label",
    "a",
    "span",
    "strong",
    "em",
    "time",
    "button",
    "option",
    "th",
    "td",
    "title",
];

/// Elements that break the flow of text: the white space around them is not shown.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "main",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "form",
    "fieldset",
    "legend",
    "figure",
    "figcaption",
    "caption",
    "br",
    "hr",
    "svg",
    "script",
    "style",
    "select",
    "textarea",
];

/// The document as lines, one per element (name and sorted attributes, and for elements
/// where text flows, their whole text with white space collapsed), text node (white space
/// collapsed and trimmed; white-space-only nodes left out), comment or doctype.
pub fn shape(html: &str) -> Vec<String> {
    shape_except(html, &[])
}

/// `shape`, leaving out the attributes named in `skip` of each element (by its rank in the
/// document).
fn shape_except(html: &str, skip: &[BTreeSet<String>]) -> Vec<String> {
    fn walk(
        node: ego_tree::NodeRef<'_, Node>,
        depth: usize,
        skip: &[BTreeSet<String>],
        rank: &mut usize,
        out: &mut Vec<String>,
    ) {
        let line = match node.value() {
            Node::Element(e) => {
                let skipped = skip.get(*rank);
                *rank += 1;
                // The page minifier drops `type="text"` (the default) from inputs and empty
                // classes, and collapses the white space between class names.
                let dropped = |k: &str, v: &str| {
                    (e.name() == "input" && k == "type" && v == "text")
                        || (k == "class" && v.trim().is_empty())
                        || skipped.is_some_and(|s| s.contains(k))
                };
                let mut attrs: Vec<String> = e
                    .attrs()
                    .filter(|(k, v)| !dropped(k, v))
                    .map(|(k, v)| match k {
                        "class" => format!("{k}={:?}", v.split_whitespace().collect::<Vec<_>>()),
                        _ => format!("{k}={v:?}"),
                    })
                    .collect();
                attrs.sort();
                // Where text flows, a space between two words or links is part of what the
                // reader sees: it must be the same, even across inline elements.
                let only_inline = |el: ElementRef<'_>| {
                    el.descendants()
                        .skip(1)
                        .filter_map(|d| d.value().as_element())
                        .all(|d| !BLOCKS.contains(&d.name()))
                };
                let flowing = match ElementRef::wrap(node) {
                    Some(el) if INLINE_CONTAINERS.contains(&e.name()) && only_inline(el) => {
                        let text: String = el.text().collect();
                        format!(
                            " text={:?}",
                            text.split_whitespace().collect::<Vec<_>>().join(" ")
                        )
                    }
                    _ => String::new(),
                };
                Some(format!("<{} {}>{flowing}", e.name(), attrs.join(" ")))
            }
            Node::Text(t) => {
                let words: Vec<&str> = t.split_whitespace().collect();
                (!words.is_empty()).then(|| format!("{:?}", words.join(" ")))
            }
            Node::Comment(c) => Some(format!("<!--{}-->", &**c)),
            Node::Doctype(d) => Some(format!("<!doctype {}>", d.name())),
            _ => None,
        };
        if let Some(line) = line {
            out.push(format!("{}{line}", "  ".repeat(depth)));
        }
        for child in node.children() {
            walk(child, depth + 1, skip, rank, out);
        }
    }
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    walk(doc.tree.root(), 0, skip, &mut 0, &mut out);
    out
}

/// Every element's name and attributes, in the order of the document.
fn attributes(html: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let doc = Html::parse_document(html);
    doc.tree
        .root()
        .descendants()
        .filter_map(|n| n.value().as_element())
        .map(|e| {
            let attrs = e.attrs().map(|(k, v)| (k.to_string(), v.to_string()));
            (e.name().to_string(), attrs.collect())
        })
        .collect()
}

/// The attributes, by element, that `ours` has exactly as the page rendered has them and that
/// the page minifier changed. A start tag holding a Tera tag is kept whole in a minified
/// template, so what it prints is not minified: an attribute left empty (`title=""`) stays
/// where the page minifier drops it, and white space in a value stays where it trims it.
/// Either way the page says what its templates say, as it would unminified.
fn kept_as_rendered(ours: &str, reference: &str, original: &str) -> Vec<BTreeSet<String>> {
    let (ours, reference, original) = (
        attributes(ours),
        attributes(reference),
        attributes(original),
    );
    let names = |d: &[(String, BTreeMap<String, String>)]| {
        d.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()
    };
    if names(&ours) != names(&reference) || names(&original) != names(&reference) {
        return Vec::new();
    }
    ours.iter()
        .zip(&reference)
        .zip(&original)
        .map(|(((_, o), (_, r)), (_, w))| {
            o.keys()
                .chain(r.keys())
                .filter(|k| o.get(*k) != r.get(*k) && o.get(*k) == w.get(*k))
                .cloned()
                .collect()
        })
        .collect()
}

/// The page's text without any white space: a character lost or added anywhere shows here.
pub fn letters(html: &str) -> String {
    let doc = Html::parse_document(html);
    doc.root_element()
        .text()
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// One piece of what a reader sees, in the order of the page.
#[derive(Clone, Debug, PartialEq)]
pub enum Seen {
    /// A character shown; in `<pre>`, white space too, as written.
    Char(char),
    /// White space between two things shown on a line, collapsed to one.
    Space,
    /// The edge of a block, or a line break: white space beside it does not show.
    Break,
    /// A box standing in the line like a letter (`<svg>`, `<textarea>`…), with its name and,
    /// for a text field, its text as written.
    Object(String),
}

/// Elements shown as blocks by a browser's default style sheet (or line breaks, or table
/// cells): white space at their edges does not show.
const FLOW_BLOCKS: &[&str] = &[
    "html",
    "body",
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements not shown at all: white space on both sides of them runs together.
const HIDDEN: &[&str] = &[
    "head", "title", "meta", "link", "script", "style", "template", "base",
];

/// Elements shown as one box in the line, like a letter: white space beside them shows.
const OBJECTS: &[&str] = &[
    "svg", "math", "textarea", "img", "input", "select", "iframe", "video", "audio", "canvas",
    "object", "embed",
];

/// Text that no reader sees but that must stay as written: scripts and styles, in order.
/// White space at either end of one means nothing, and the page minifier trims it.
pub fn unseen_text(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    for node in doc.tree.root().descendants() {
        if let Some(el) = ElementRef::wrap(node) {
            let name = el.value().name();
            if name == "script" || name == "style" {
                let text: String = el.text().collect();
                let text = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c'));
                out.push(format!("<{name}>{text}"));
            }
        }
    }
    out
}

/// What a reader sees of the document, following CSS's rules for white space with a
/// browser's default style sheet: runs of white space collapsed into one space, none at the
/// edges of a block, `<pre>` as written; hidden elements left out.
pub fn seen(html: &str) -> Vec<Seen> {
    fn walk(node: ego_tree::NodeRef<'_, Node>, pre: bool, out: &mut Vec<Seen>) {
        match node.value() {
            Node::Text(t) => {
                for c in t.chars() {
                    // HTML's white space; a no-break space is a character like any other.
                    let space = matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
                    out.push(if space && !pre {
                        Seen::Space
                    } else {
                        Seen::Char(c)
                    });
                }
            }
            Node::Element(e) => {
                let name = e.name();
                if HIDDEN.contains(&name) {
                    return;
                }
                if OBJECTS.contains(&name) {
                    let text = match name {
                        "textarea" => ElementRef::wrap(node)
                            .map(|el| el.text().collect::<String>())
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    out.push(Seen::Object(format!("<{name}>{text}")));
                    return;
                }
                let block = FLOW_BLOCKS.contains(&name);
                if block {
                    out.push(Seen::Break);
                }
                for child in node.children() {
                    walk(child, pre || name == "pre", out);
                }
                if block {
                    out.push(Seen::Break);
                }
            }
            _ => {
                for child in node.children() {
                    walk(child, pre, out);
                }
            }
        }
    }
    let doc = Html::parse_document(html);
    let mut raw = Vec::new();
    walk(doc.tree.root(), false, &mut raw);
    let mut out: Vec<Seen> = Vec::with_capacity(raw.len());
    for item in raw {
        match item {
            Seen::Space if matches!(out.last(), None | Some(Seen::Space | Seen::Break)) => {}
            Seen::Break => {
                if out.last() == Some(&Seen::Space) {
                    out.pop();
                }
                if !matches!(out.last(), None | Some(Seen::Break)) {
                    out.push(Seen::Break);
                }
            }
            item => out.push(item),
        }
    }
    while matches!(out.last(), Some(Seen::Space | Seen::Break)) {
        out.pop();
    }
    out
}

/// `seen` split into what is shown but white space, and whether a space comes before each.
fn solid(seen: &[Seen]) -> (Vec<&Seen>, Vec<bool>) {
    let mut items = Vec::with_capacity(seen.len());
    let mut spaced = Vec::with_capacity(seen.len());
    let mut space = false;
    for item in seen {
        if *item == Seen::Space {
            space = true;
        } else {
            items.push(item);
            spaced.push(std::mem::take(&mut space));
        }
    }
    (items, spaced)
}

/// A few items around `at`, as text, to show where two documents differ.
fn around(items: &[&Seen], spaced: &[bool], at: usize) -> String {
    let from = at.saturating_sub(30);
    let to = (at + 30).min(items.len());
    let mut out = String::new();
    for k in from..to {
        if k == at {
            out.push('⟦');
        }
        if spaced[k] {
            out.push(' ');
        }
        match items[k] {
            Seen::Char(c) => out.push(*c),
            Seen::Break => out.push('¶'),
            Seen::Object(o) => out.push_str(o),
            Seen::Space => {}
        }
        if k == at {
            out.push('⟧');
        }
    }
    out
}

/// How `ours` (a page rendered from minified templates) differs from `reference` (the same
/// page rendered from the templates as written, then minified whole), if it does: elements,
/// attributes, text and the spaces a reader sees. `original` is the page as rendered, before
/// minifying, when there is one: an attribute (see `kept_as_rendered`) or a space (see
/// `compare_seen`) that `ours` has as it is there is accepted; without it, every attribute
/// must be the same, and only a space lost is caught.
pub fn difference(ours: &str, reference: &str, original: Option<&str>) -> Option<String> {
    let skip = original.map_or_else(Vec::new, |w| kept_as_rendered(ours, reference, w));
    let (a, b) = (shape_except(ours, &skip), shape_except(reference, &skip));
    if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        return Some(format!(
            "the page differs from the page minified whole, at node {i}:\n  \
             templates minified: {:?}\n  page minified:      {:?}",
            a.get(i),
            b.get(i)
        ));
    }
    if letters(ours) != letters(reference) {
        return Some(format!(
            "text differs:\n  templates minified: {:?}\n  page minified:      {:?}",
            letters(ours),
            letters(reference)
        ));
    }
    let (a, b) = (unseen_text(ours), unseen_text(reference));
    if a != b {
        return Some(format!(
            "scripts or styles differ:\n  templates minified: {a:?}\n  page minified:      {b:?}"
        ));
    }
    compare_seen(ours, reference, original)
}

/// How what a reader sees of `ours` differs from `reference`. A space shown in `ours` where
/// `reference` has none is accepted when `original` shows it too: the page minifier drops a
/// text node of white space only wherever it stands in a layout element (`<div>`, `<ul>`,
/// `<body>`, the top level), even between two links, where it shows; the same space written in
/// a template beside a Tera tag shares a text node with it, which the template minifier keeps.
/// Such a page shows the space its templates were written with, as it would unminified.
/// Without `original` such a space cannot be told from one added: it is accepted, and only a
/// space lost fails.
fn compare_seen(ours: &str, reference: &str, original: Option<&str>) -> Option<String> {
    let (ours, reference) = (seen(ours), seen(reference));
    let (a, a_spaced) = solid(&ours);
    let (b, b_spaced) = solid(&reference);
    if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        return Some(format!(
            "what a reader sees differs, at {i}:\n  templates minified: {}\n  page minified:      {}",
            around(&a, &a_spaced, i.min(a.len())),
            around(&b, &b_spaced, i.min(b.len())),
        ));
    }
    let original = original.map(seen);
    let (o, o_spaced) = solid(original.as_deref().unwrap_or_default());
    let written = |i: usize| match original {
        Some(_) => o == b && o_spaced[i],
        None => true,
    };
    let i = (0..a.len()).find(|&i| a_spaced[i] != b_spaced[i] && !(a_spaced[i] && written(i)))?;
    Some(format!(
        "a space {} the page minified whole:\n  templates minified: {}\n  page minified:      {}",
        if a_spaced[i] {
            "is not in"
        } else {
            "is lost from"
        },
        around(&a, &a_spaced, i),
        around(&b, &b_spaced, i),
    ))
}

/// The text of every element `css` selects, its white space collapsed.
pub fn texts(doc: &Html, css: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The value of `attr` on every element `css` selects that has it.
pub fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    let sel = scraper::Selector::parse(css).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
