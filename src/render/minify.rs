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

use std::fmt::Write as _;

/// Brackets of a placeholder for a Tera tag: private-use characters, which no template holds
/// (checked) and which the minifier treats as ordinary text.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';
/// Name of the attribute standing for the attributes of a start tag that holds Tera tags.
const ATTR: &str = "data-ambassade-tpl-";
/// Name of the custom element standing for an element whose tag name is made with Tera.
const NAME: &str = "ambassade-tpl-name-";
/// Name of the element wrapped around a template that is not a whole document while it is
/// minified: its text is printed wherever the template is used, often inside a paragraph,
/// where the minifier keeps the space between two links; at the top level it drops it.
const ROOT: &str = "ambassade-tpl-root";

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

/// A template's text split into HTML and Tera tags (`{{ }}`, `{% %}`, `{# #}`, and a whole
/// `{% raw %}…{% endraw %}` block as one piece).
enum Piece<'a> {
    Html(&'a str),
    Tera(&'a str),
}

/// Splits `source` into pieces; `None` when a Tera tag is not closed.
fn lex(source: &str) -> Option<Vec<Piece<'_>>> {
    let bytes = source.as_bytes();
    let mut pieces = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        let opens = bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#');
        if !opens {
            i += 1;
            continue;
        }
        let end = if bytes[i + 1] == b'#' {
            source[i + 2..].find("#}").map(|e| i + 2 + e + 2)?
        } else {
            let close = if bytes[i + 1] == b'{' { b'}' } else { b'%' };
            let end = tag_end(bytes, i + 2, close)?;
            if is_raw(&source[i..end]) {
                raw_end(source, end)?
            } else {
                end
            }
        };
        if text_start < i {
            pieces.push(Piece::Html(&source[text_start..i]));
        }
        pieces.push(Piece::Tera(&source[i..end]));
        text_start = end;
        i = end;
    }
    if text_start < source.len() {
        pieces.push(Piece::Html(&source[text_start..]));
    }
    Some(pieces)
}

/// The end (exclusive) of a `{{ … }}` or `{% … %}` tag whose inside starts at `from`: the first
/// `close` + `}` outside a string literal.
fn tag_end(bytes: &[u8], from: usize, close: u8) -> Option<usize> {
    let mut quote = None;
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if b == close && bytes.get(i + 1) == Some(&b'}') => return Some(i + 2),
            None => {}
        }
        i += 1;
    }
    None
}

/// The words of a `{% … %}` tag, without its delimiters and whitespace-control dashes.
fn words(tag: &str) -> Vec<&str> {
    let inner = tag.get(2..tag.len().saturating_sub(2)).unwrap_or("");
    let inner = inner.trim_matches(|c: char| c == '-' || c.is_whitespace());
    inner.split_whitespace().collect()
}

fn is_raw(tag: &str) -> bool {
    tag.starts_with("{%") && words(tag) == ["raw"]
}

/// The end of the `{% endraw %}` tag that closes a raw block whose opening tag ends at `from`.
fn raw_end(source: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let start = at + source[at..].find("{%")?;
        let end = tag_end(source.as_bytes(), start + 2, b'%')?;
        if words(&source[start..end]) == ["endraw"] {
            return Some(end);
        }
        at = start + 2;
    }
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
pub fn templates<N: AsRef<str>, S: AsRef<str>>(
    sources: &[(N, S)],
) -> Option<Vec<(String, String)>> {
    templates_or_why(sources).ok()
}

/// `templates`, saying which template cannot be minified, and why.
pub fn templates_or_why<N: AsRef<str>, S: AsRef<str>>(
    sources: &[(N, S)],
) -> Result<Vec<(String, String)>, Fallback> {
    let mut out = Vec::with_capacity(sources.len());
    // Each block name with the template that places it or gives it text.
    let mut all: Blocks<(String, String)> = Blocks::default();
    for (name, source) in sources {
        let (name, source) = (name.as_ref(), source.as_ref());
        let text = if name.ends_with(".html") {
            let (text, blocks) = template(source).map_err(|reason| Fallback {
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

/// Blocks of a template whose text needs a second look (see `templates`), by name (`B`:
/// `String`, or with the template's name for a whole theme).
struct Blocks<B = String> {
    /// Blocks printed where the minifier must leave text as it is.
    placed: Vec<B>,
    /// Blocks given text here that the minifier would change, or text written elsewhere.
    changed: Vec<B>,
    /// Blocks printed in a `<title>`, where the minifier leaves text as it is but for its
    /// white space, which is shown collapsed anyway.
    titled: Vec<B>,
    /// Blocks given text here holding a tag or a comment, or text written elsewhere.
    marked: Vec<B>,
}

impl<B> Default for Blocks<B> {
    fn default() -> Self {
        Blocks {
            placed: Vec::new(),
            changed: Vec::new(),
            titled: Vec::new(),
            marked: Vec::new(),
        }
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

/// Whether a template is a whole page: its first tag, comments aside, is `<!doctype` or
/// `<html`. A template that only mentions them (in a comment, a script) is printed inside
/// other text, and its top level must not be taken for the page's, where the minifier drops
/// the white space between two links.
fn is_document(pieces: &[Piece<'_>]) -> bool {
    let html: String = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Html(h) => Some(*h),
            Piece::Tera(_) => None,
        })
        .collect();
    let mut rest = html.as_bytes();
    while let Some(lt) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[lt..];
        if rest.starts_with(b"<!--") {
            let end = rest.windows(3).position(|w| w == b"-->");
            rest = end.map_or(&[], |e| &rest[e + 3..]);
            continue;
        }
        let starts = |prefix: &[u8]| {
            rest.get(..prefix.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(prefix))
        };
        if rest
            .get(1)
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'!')
        {
            let html_tag = starts(b"<html")
                && rest
                    .get(5)
                    .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'));
            return starts(b"<!doctype") || html_tag;
        }
        rest = &rest[1..];
    }
    false
}

/// `minified` with the `&` escaped where, with what the Tera tag right after it prints, it
/// could start a character reference: a bare `&` just before a tag (what the tag prints is
/// text), and a reference the minifier decoded into one (`&amp;#{{ code }};`, written to
/// show a code, became `&#{{ code }};`). `&#{{ code }};` written so is kept, and so is
/// every `&` in scripts and styles (`unread`), where `&amp;` would stay as it is.
fn escape_ampersands(minified: &str, before: &[&str], unread: &[usize]) -> String {
    let mut out = String::with_capacity(minified.len());
    let mut copied = 0;
    for (at, _) in minified.match_indices(OPEN) {
        let n = placeholder(&minified[at..]).map(|(n, _)| n);
        if n.is_some_and(|n| unread.contains(&n)) {
            continue;
        }
        let head = &minified[..at];
        let name = head.trim_end_matches(|c: char| c.is_ascii_alphanumeric());
        let name = name.strip_suffix('#').unwrap_or(name);
        let Some(amp) = name.strip_suffix('&').map(str::len) else {
            continue;
        };
        let run = &minified[amp..at];
        let written = n
            .and_then(|n| before.get(n))
            .is_some_and(|b| b.ends_with(run));
        if run == "&" || !written {
            out.push_str(&minified[copied..=amp]);
            out.push_str("amp;");
            copied = amp + 1;
        }
    }
    out.push_str(&minified[copied..]);
    out
}

/// What a Tera tag prints that was not written beside it.
enum Pull<'a> {
    Nothing,
    /// A block, by name: its text comes from whichever template overrides it.
    Block(&'a str),
    /// Another template's text (`include`), a macro's, or the parent block's (`super()`).
    Elsewhere,
}

/// What `tag` prints from elsewhere; a string holding `::` or `super(` counts, to be safe.
fn pulls(tag: &str) -> Pull<'_> {
    if tag.starts_with("{#") {
        return Pull::Nothing;
    }
    if tag.starts_with("{%") {
        // A raw block's own text is no tag: only its opening tag counts.
        let opening = tag_end(tag.as_bytes(), 2, b'%').map_or(tag, |e| &tag[..e]);
        match words(opening).as_slice() {
            ["raw"] => return Pull::Nothing,
            ["block", name, ..] => return Pull::Block(name),
            ["block"] | ["include", ..] => return Pull::Elsewhere,
            _ => {}
        }
    }
    if tag.contains("::") || tag.contains("super(") {
        Pull::Elsewhere
    } else {
        Pull::Nothing
    }
}

/// The blocks to which this template gives HTML that `kept` says the minifier may change
/// where the block is printed, or text written elsewhere (see `templates`); the parent's text
/// (`super()`) counts when `parent_counts`.
fn blocks_given(pieces: &[Piece<'_>], kept: fn(&str) -> bool, parent_counts: bool) -> Vec<String> {
    let mut open: Vec<&str> = Vec::new();
    let mut changed = Vec::new();
    for piece in pieces {
        let pulled = match piece {
            Piece::Html(h) => !kept(h),
            Piece::Tera(t) => {
                if t.starts_with("{%") && words(t).first() == Some(&"endblock") {
                    open.pop();
                    continue;
                }
                match pulls(t) {
                    Pull::Nothing => false,
                    Pull::Block(name) => {
                        changed.extend(open.iter().map(|b| b.to_string()));
                        open.push(name);
                        false
                    }
                    Pull::Elsewhere => parent_counts || !is_super(t),
                }
            }
        };
        if pulled {
            changed.extend(open.iter().map(|b| b.to_string()));
        }
    }
    changed
}

/// Whether the minifier leaves `html` as it is wherever it stands: no character reference,
/// tag or comment, and no white space but single spaces.
fn inert(html: &str) -> bool {
    !html.contains(['&', '<', '\t', '\n', '\r', '\x0c']) && !html.contains("  ")
}

/// Whether a Tera tag's whitespace control reaches what the minifier makes of a character
/// reference or a comment beside it: in `a&nbsp;\n{%- if b %}` Tera keeps the no-break space,
/// written as a reference, but the minifier decodes it and Tera then trims it as white space;
/// a comment dropped leaves the space before it next to the tag. `{{ super() }}` takes no part
/// in whitespace control: the `-%}` of a tag right before it trims the text after it.
fn trims_into_markup(pieces: &[Piece<'_>]) -> bool {
    let html = |k: Option<usize>| match k.and_then(|k| pieces.get(k)) {
        Some(Piece::Html(h)) => *h,
        _ => "",
    };
    pieces.iter().enumerate().any(|(k, piece)| {
        let Piece::Tera(t) = piece else {
            return false;
        };
        let left = ["{{-", "{%-", "{#-"].iter().any(|p| t.starts_with(p));
        let right = ["-}}", "-%}", "-#}"].iter().any(|p| t.ends_with(p));
        let before = html(k.checked_sub(1)).trim_end();
        let mut next = k + 1;
        while matches!(pieces.get(next), Some(Piece::Tera(t)) if is_super(t)) {
            next += 1;
        }
        let after = html(Some(next)).trim_start();
        let reference_before = before
            .rfind('&')
            .is_some_and(|i| is_reference(&before[i + 1..]));
        let reference_after = after.strip_prefix('&').is_some_and(|r| {
            r.strip_prefix('#')
                .unwrap_or(r)
                .starts_with(|c: char| c.is_ascii_alphanumeric())
        });
        (left && (before.ends_with("-->") || reference_before))
            || (right && (after.starts_with("<!--") || reference_after))
    })
}

/// Whether a Tera tag takes text written as markup for a value instead of printing it as it
/// is: a filter section (`{% filter upper %}…{% endfilter %}`), or a macro's text given to a
/// filter or kept in a variable (`{{ m::links() | length }}`). Minified, that text would
/// give another value: `&nbsp;` made upper case is no reference, a length is shorter.
fn reworks_markup(piece: &Piece<'_>) -> bool {
    let Piece::Tera(tag) = piece else {
        return false;
    };
    if tag.starts_with("{#") || is_raw(tag_end(tag.as_bytes(), 2, b'%').map_or(tag, |e| &tag[..e]))
    {
        return false;
    }
    let filter = tag.starts_with("{%") && words(tag).first() == Some(&"filter");
    filter || (tag.contains("::") && !prints_macro(tag))
}

/// Whether `tag` is `{{ ns::name(…) }}`, a macro's text printed as it is.
fn prints_macro(tag: &str) -> bool {
    let Some(inner) = tag.strip_prefix("{{").and_then(|t| t.strip_suffix("}}")) else {
        return false;
    };
    let inner = inner.trim_matches(|c: char| c == '-' || c.is_whitespace());
    let Some((path, args)) = inner.split_once('(') else {
        return false;
    };
    let name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let call = path
        .split_once("::")
        .is_some_and(|(ns, f)| name(ns) && name(f));
    // The call's closing parenthesis must end the expression.
    let (mut depth, mut quote) = (1usize, None);
    for (i, b) in args.bytes().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'"' | b'\'' | b'`' => quote = Some(b),
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return call && i + 1 == args.len();
                    }
                }
                _ => {}
            },
        }
    }
    false
}

/// Whether `tag` is `{{ super() }}`, which Tera parses apart from other expressions.
fn is_super(tag: &str) -> bool {
    tag.strip_prefix("{{")
        .and_then(|t| t.strip_suffix("}}"))
        .is_some_and(|t| t.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "super()")
}

/// Whether `text`, just after a `&`, is a whole character reference (`nbsp;`, `#32;`, `amp`).
fn is_reference(text: &str) -> bool {
    let name = text.strip_suffix(';').unwrap_or(text);
    let name = name.strip_prefix('#').unwrap_or(name);
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// What `hide_tags` took out of the template's HTML.
#[derive(Default)]
struct Hidden {
    /// The attributes of start tags holding Tera tags, by the N of `data-ambassade-tpl-N`.
    areas: Vec<String>,
    /// Tag names made with Tera (`h{{ level }}`) in their order, each with the N of the
    /// `ambassade-tpl-name-N` standing for it (the same for the same Tera text).
    names: Vec<(usize, String)>,
    /// The Tera tags, by number, standing where the minifier leaves text as it is: in start
    /// tags, scripts, styles, `<textarea>` and `<pre>`.
    placed: Vec<usize>,
    /// The Tera tags, by number, in scripts and styles, where no character reference is read.
    unread: Vec<usize>,
    /// The Tera tags, by number, in a `<title>`, whose text is shown with its white space
    /// collapsed, as the minifier does, but where a tag or a comment is text.
    titled: Vec<usize>,
}

/// The numbers of the placeholders in `text`.
fn numbers(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.match_indices(OPEN)
        .filter_map(|(i, _)| placeholder(&text[i..]).map(|(n, _)| n))
}

/// The placeholder at the start of `text`: its number and length.
fn placeholder(text: &str) -> Option<(usize, usize)> {
    let inner = text.strip_prefix(OPEN)?;
    let end = inner.find(CLOSE)?;
    Some((
        inner[..end].parse().ok()?,
        OPEN.len_utf8() + end + CLOSE.len_utf8(),
    ))
}

/// Hides from the minifier what it must not change: the attributes of every start tag
/// holding a placeholder become one attribute `data-ambassade-tpl-N`, and a tag name made
/// with Tera (`<h{{ level }}>…</h{{ level }}>`) becomes the custom element name
/// `ambassade-tpl-name-N`. An error when a tag cannot be read.
fn hide_tags(flat: &str, tera: &[&str]) -> Result<(String, Hidden), &'static str> {
    let bytes = flat.as_bytes();
    let mut out = String::with_capacity(flat.len());
    let mut hidden = Hidden::default();
    let mut keys: Vec<String> = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = flat[i..].find('<').map(|p| i + p) {
        let closing = flat[lt + 1..].starts_with('/');
        let name_start = lt + 1 + usize::from(closing);
        let after = &flat[name_start..];
        if after.starts_with("!--") {
            // Comments are dropped by the minifier; a placeholder inside is caught later,
            // when it fails to come back. What a comment holds is no tag: a `<script>` there
            // must not make the rest of the template look like script text.
            i = flat[lt..].find("-->").map_or(flat.len(), |e| lt + e + 3);
            continue;
        }
        if !after.starts_with(|c: char| c.is_ascii_alphabetic() || c == OPEN) {
            i = lt + 1;
            continue;
        }
        // The name: name characters and expressions (`{{ … }}`); a statement right after
        // the name (`<li{% if x %} class="y"{% endif %}>`) starts the attributes.
        let mut name_end = name_start;
        loop {
            let rest = &flat[name_end..];
            if let Some(c) = rest
                .chars()
                .next()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            {
                name_end += c.len_utf8();
            } else if let Some((n, len)) = placeholder(rest) {
                if !tera.get(n).ok_or(LOST)?.starts_with("{{") {
                    break;
                }
                name_end += len;
            } else {
                break;
            }
        }
        let name = &flat[name_start..name_end];
        if name.is_empty() {
            // `<{% if a %}hr{% else %}br{% endif %}>`: to the minifier, `<` followed by a
            // placeholder is text, and it would escape the `<`.
            return Err(
                "a tag name made only by a statement (`<{% if a %}hr{% else %}br{% endif %}>`)",
            );
        }
        let made = name.contains(OPEN);
        if made {
            // Opening and closing tags must get the same element name: the same Tera text.
            let text = restore_tera_any(name, tera).ok_or(LOST)?;
            let n = match keys.iter().position(|x| *x == text) {
                Some(n) => n,
                None => {
                    keys.push(text);
                    keys.len() - 1
                }
            };
            out.push_str(&flat[copied..name_start]);
            let _ = write!(out, "{NAME}{n}");
            hidden.names.push((n, name.to_string()));
            copied = name_end;
        }
        if closing {
            i = name_end;
            continue;
        }
        let gt = start_tag_end(bytes, name_end).ok_or("a start tag that is not closed")?;
        let mut area_end = gt;
        if bytes[gt - 1] == b'/' {
            area_end -= 1;
        }
        let area = &flat[name_end..area_end];
        if area.contains(OPEN) {
            let glued = placeholder(area).is_some();
            if !glued && !area.starts_with(|c: char| c.is_ascii_whitespace()) {
                return Err("a start tag whose attributes hold Tera but do not start with a space");
            }
            out.push_str(&flat[copied..name_end]);
            let _ = write!(out, " {ATTR}{}", hidden.areas.len());
            hidden.areas.push(squeeze(area));
            hidden.placed.extend(numbers(area));
            copied = area_end;
        }
        i = gt + 1;
        let lower = name.to_ascii_lowercase();
        let raw_text = matches!(&lower[..], "script" | "style" | "textarea" | "title");
        if !made && (raw_text || lower == "pre") {
            let close = format!("</{lower}");
            let rest = flat[i..].to_ascii_lowercase();
            let end = i + rest.find(&close).unwrap_or(rest.len());
            if lower == "title" {
                hidden.titled.extend(numbers(&flat[i..end]));
            } else {
                hidden.placed.extend(numbers(&flat[i..end]));
            }
            if matches!(&lower[..], "script" | "style") {
                hidden.unread.extend(numbers(&flat[i..end]));
            }
            if raw_text {
                // Skip the element's text, where `<` does not start a tag.
                i = end;
            }
        }
    }
    out.push_str(&flat[copied..]);
    Ok((out, hidden))
}

/// The index of the `>` that ends a start tag whose attributes begin at `from`, skipping quoted
/// attribute values.
fn start_tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i),
            b'=' => after_equals = true,
            q @ (b'"' | b'\'') if after_equals => {
                i += 1 + bytes[i + 1..].iter().position(|&b| b == q)?;
                after_equals = false;
            }
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    None
}

/// The attributes of a start tag with each run of white space between them made one space.
fn squeeze(area: &str) -> String {
    let mut out = String::with_capacity(area.len());
    let mut quote = None;
    let mut space = false;
    for c in area.chars() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c.is_ascii_whitespace() => space = true,
            None => {
                if space {
                    out.push(' ');
                    space = false;
                }
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// Puts back what `hide_tags` hid, each exactly once.
fn show_tags(minified: &str, hidden: &Hidden) -> Option<String> {
    let mut out = String::with_capacity(minified.len() * 2);
    let mut rest = minified;
    let mut next_area = 0;
    let mut next_name = 0;
    let attr = format!(" {ATTR}");
    loop {
        let a = rest.find(&attr);
        let n = rest.find(NAME);
        let (at, is_attr) = match (a, n) {
            (Some(a), Some(n)) if a < n => (a, true),
            (Some(a), None) => (a, true),
            (_, Some(n)) => (n, false),
            (None, None) => break,
        };
        out.push_str(&rest[..at]);
        let digits = &rest[at + if is_attr { attr.len() } else { NAME.len() }..];
        let len = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let k: usize = digits[..len].parse().ok()?;
        if is_attr {
            // The minifier keeps elements in order, so the attributes come back in order.
            if k != next_area || !digits[len..].starts_with(['>', '/', ' ']) {
                return None;
            }
            out.push_str(hidden.areas.get(k)?);
            next_area += 1;
        } else {
            let (n, name) = hidden.names.get(next_name)?;
            if *n != k {
                return None;
            }
            out.push_str(name);
            next_name += 1;
        }
        rest = &digits[len..];
    }
    out.push_str(rest);
    let all_back = next_area == hidden.areas.len() && next_name == hidden.names.len();
    (all_back && !out.contains(ATTR) && !out.contains(NAME)).then_some(out)
}

/// `text` with its placeholders replaced by their Tera tags, in whatever order they come.
fn restore_tera_any(text: &str, tera: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find(OPEN) {
        out.push_str(&rest[..p]);
        let (n, len) = placeholder(&rest[p..])?;
        out.push_str(tera.get(n)?);
        rest = &rest[p + len..];
    }
    out.push_str(rest);
    Some(out)
}

/// Puts back the Tera tags, each exactly once and in their order.
fn restore_tera(text: &str, tera: &[&str]) -> Option<String> {
    let mut out = String::with_capacity(text.len() + tera.iter().map(|t| t.len()).sum::<usize>());
    let mut rest = text;
    let mut next = 0;
    while let Some(p) = rest.find(OPEN) {
        out.push_str(&rest[..p]);
        let after = &rest[p + OPEN.len_utf8()..];
        let end = after.find(CLOSE)?;
        let n: usize = after[..end].parse().ok()?;
        if n != next {
            return None;
        }
        out.push_str(tera.get(n)?);
        next += 1;
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    (next == tera.len() && !out.contains(CLOSE)).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One template minified.
    fn template(source: &str) -> Option<String> {
        templates(&[("t.html", source)]).map(|mut t| t.remove(0).1)
    }

    /// `template` rendered with `vars` by Tera, HTML-escaping on.
    fn render(template: &str, vars: serde_json::Value) -> String {
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
    fn a_start_tag_holding_tera_is_kept_whole_and_in_order() {
        let src = "<nav>\n <a\n   href=\"{{ item.url }}\"\n   class=\"x\"{% if item.current %} aria-current=\"page\"{% endif %}>{{ item.title }}</a>\n</nav>";
        let out = template(src).unwrap();
        assert_eq!(
            out,
            "<nav><a href=\"{{ item.url }}\" class=\"x\"{% if item.current %} aria-current=\"page\"{% endif %}>{{ item.title }}</a></nav>"
        );
    }

    #[test]
    fn a_statement_right_after_a_tag_name() {
        let src = "<ul>\n <li{% if c %} class=\"x\"{% endif %}>\n  a </li>\n</ul>";
        let out = template(src).unwrap();
        assert_eq!(out, "<ul><li{% if c %} class=\"x\"{% endif %}>a</li></ul>");
    }

    #[test]
    fn tag_names_made_with_tera_are_kept() {
        let src = "<div>\n  <h{{ level }} class=\"t\">\n <a href=\"/\">x</a> </h{{ level }}>\n <{{ tag }}>y</{{ tag }}>\n</div>";
        let out = template(src).unwrap();
        assert!(out.starts_with("<div><h{{ level }} class=t>"), "{out}");
        assert!(out.contains("<a href=/>x</a>"), "{out}");
        assert!(out.contains("</h{{ level }}>"), "{out}");
        assert!(out.contains("<{{ tag }}>y</{{ tag }}>"), "{out}");
        assert!(!out.contains(NAME), "{out}");
    }

    #[test]
    fn strings_in_tera_tags_may_hold_delimiters() {
        let src = "<p>{{ \"}}<b>\" ~ '%}' }}</p>{% if a == \"%}\" %}<i>x</i>{% endif %}";
        let out = template(src).unwrap();
        assert!(out.contains("{{ \"}}<b>\" ~ '%}' }}"), "{out}");
        assert!(out.contains("{% if a == \"%}\" %}"), "{out}");
    }

    #[test]
    fn raw_blocks_and_scripts_are_kept_as_written() {
        let src = "<div>\n{% raw %}  {{ not a tag }}  <b>  x </b>{% endraw %}\n</div><script>\n if (a < b) { c({{ n }}); }\n</script>";
        let out = template(src).unwrap();
        assert!(
            out.contains("{% raw %}  {{ not a tag }}  <b>  x </b>{% endraw %}"),
            "{out}"
        );
        assert!(out.contains("if (a < b) { c({{ n }}); }"), "{out}");
    }

    #[test]
    fn an_ampersand_before_a_tag_stays_escaped() {
        let out = template("<p>A &amp;{{ x }}</p>").unwrap();
        assert!(out.contains("&amp;{{ x }}"), "{out}");
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
    fn tera_tags_between_attributes_of_a_self_closing_svg_tag() {
        let src = "<svg><rect width=\"{{ w }}\" height=\"3\" /></svg>";
        let out = template(src).unwrap();
        assert!(
            out.contains("<rect width=\"{{ w }}\" height=\"3\"/>")
                || out.contains("<rect width=\"{{ w }}\" height=\"3\" />"),
            "{out}"
        );
    }

    #[test]
    fn a_start_tag_named_only_by_a_statement_is_refused() {
        // To the minifier `<` followed by a placeholder is text, which it escapes: the page
        // would show `<br>` instead of breaking the line.
        assert_eq!(
            template("<p>a<{% if b %}br{% else %}hr{% endif %}>c</p>"),
            None
        );
    }

    #[test]
    fn a_tag_written_in_a_comment_hides_no_real_tag() {
        // The `<script>` in the comment must not make the real start tag after it look like
        // script text: its Tera-filled value would lose its quotes.
        let src = "<!-- the <script> below -->\n<p class=\"{{ c }}\">x</p>\n<script>a()</script>";
        let out = template(src).unwrap();
        assert!(out.contains("<p class=\"{{ c }}\">"), "{out}");
        let page = render(&out, serde_json::json!({"c": "a b"}));
        assert!(page.contains("class=\"a b\""), "{page}");
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
    fn whitespace_control_eats_no_decoded_reference_or_space_beside_a_comment() {
        let vars = serde_json::json!({"b": true});
        for (src, kept) in [
            ("<p>a&nbsp;\n{%- if b %}c{% endif %}</p>", "a\u{a0}c"),
            ("<p>a&#32;{%- if b %}c{% endif %}</p>", "a c"),
            ("<p>{% if b -%}&nbsp;c{% endif %}</p>", "\u{a0}c"),
            ("<pre>a&#10;{{- 1 }}</pre>", "a\n1"),
            (
                "<p><b>a</b> <!-- note -->\n{%- if b %}<i>c</i>{% endif %}</p>",
                "</b> <i>",
            ),
        ] {
            if let Some(out) = template(src) {
                let page = String::from_utf8(page(&render(&out, vars.clone()))).unwrap();
                assert!(page.contains(kept), "{src}: {out} gives {page}");
            }
        }
    }

    #[test]
    fn a_template_that_only_mentions_html_is_no_document() {
        // Its top level is printed inside other text, where the space between links shows.
        for src in [
            "{# Printed inside <html>. #}{% macro m() %}<a>x</a> <a>y</a>{% endmacro %}",
            "<!-- not an <html> page -->{% macro m() %}<a>x</a> <a>y</a>{% endmacro %}",
            "<script>w('<!doctype html>')</script>{% macro m() %}<a>x</a> <a>y</a>{% endmacro %}",
        ] {
            let out = template(src).unwrap();
            assert!(out.contains("</a> <a>"), "{src}: {out}");
        }
        let pieces = lex("<!-- a page -->\n{% import \"m.html\" as m %}<!DOCTYPE html>").unwrap();
        assert!(is_document(&pieces));
        assert!(is_document(&lex("\n<HTML lang=\"fr\">").unwrap()));
        assert!(!is_document(&lex("<htmlx>").unwrap()));
    }

    #[test]
    fn a_block_in_a_title_gets_no_markup_minified_elsewhere() {
        // In a title a comment or a tag is text, shown as written; minified in the child
        // template, the comment would be dropped and the tag's attribute unquoted.
        let base = (
            "base.html",
            "<title>{% block title %}Site{% endblock %}</title>",
        );
        let child = |body: &str| {
            format!("{{% extends \"base.html\" %}}{{% block title %}}{body}{{% endblock %}}")
        };
        for body in ["A <!-- draft --> B", "<b class=\"x\">A</b>"] {
            let c = child(body);
            if let Some(minified) = templates(&[base, ("child.html", c.as_str())]) {
                let text = &minified[1].1;
                assert!(text.contains(body), "{body}: {text}");
            }
        }
        // A macro's text is minified where it is written.
        assert_eq!(template("<title>{{ m::title() }}</title>"), None);
        // White space and references are fine: a title is shown with its white space
        // collapsed, and the minifier writes the same characters; so is the parent's text.
        let c = child("\n  {{ page.title }}\n  &middot; {{ super() }}\n");
        assert!(templates(&[base, ("child.html", c.as_str())]).is_some());
    }

    #[test]
    fn markup_taken_as_a_value_is_refused() {
        // A filter or a variable would get the minified text: `&NBSP;` (no reference) would
        // become a no-break space, a length would be shorter.
        for src in [
            "<p>{% filter upper %}a&nbsp;b{% endfilter %}</p>",
            "<p>{%- filter truncate(length=9) -%}<b>a</b>\n  <b>b</b>{% endfilter %}</p>",
            "<p>{{ m::links() | length }}</p>",
            "{% set s = m::links() %}<p>{{ s | length }}</p>",
            "<p>{{ m::links() ~ \"x\" }}</p>",
        ] {
            assert_eq!(template(src), None, "{src}");
        }
        // Printed as they are, macros are fine, whatever their arguments hold.
        for src in [
            "<p>{{ m::links(a=\")|(\", b=f(x=1)) }}</p>",
            "<p>{{- self::links() -}}</p>",
            "<p>{% raw %}{{ a::b | c }}{% endraw %}</p>",
            "<p>{# {{ m::links() | length }} #}</p>",
        ] {
            assert!(template(src).is_some(), "{src}");
        }
    }

    #[test]
    fn whitespace_control_reaches_past_super() {
        // Tera lets the `-%}` of a tag right before `{{ super() }}` trim the text after it:
        // the no-break space, decoded, would be trimmed, and so would the space left by a
        // dropped comment.
        let base = ("base.html", "<p>{% block t %}a{% endblock %}</p>");
        for (body, kept) in [
            (
                "{% block t -%}{{ super() }}&nbsp;b{% endblock %}",
                "a\u{a0}b",
            ),
            (
                "{% block t -%}{{ super() }}<!-- c --> <i>b</i>{% endblock %}",
                "a <i>",
            ),
            (
                "{% block t %}{% if true -%}{{ super() }}&nbsp;b{% endif %}{% endblock %}",
                "a\u{a0}b",
            ),
        ] {
            let child = format!("{{% extends \"base.html\" %}}{body}");
            if let Some(minified) = templates(&[base, ("child.html", child.as_str())]) {
                let mut tera = tera::Tera::default();
                tera.add_raw_templates(minified).unwrap();
                let out = tera.render("child.html", &tera::Context::new()).unwrap();
                let out = String::from_utf8(page(&out)).unwrap();
                assert!(out.contains(kept), "{body} gives {out}");
            }
        }
        // Without whitespace control, or with text between, the reference is safe.
        for body in [
            "{% block t %}{{ super() }}&nbsp;b{% endblock %}",
            "{% block t -%}{{ super() }}b&nbsp;{% endblock %}",
        ] {
            let child = format!("{{% extends \"base.html\" %}}{body}");
            assert!(
                templates(&[base, ("child.html", child.as_str())]).is_some(),
                "{body}"
            );
        }
    }

    #[test]
    fn white_space_between_inline_elements_at_the_top_level_stays() {
        // A macro's or a block's text lands wherever it is used, often inside a paragraph,
        // where the space between two links shows.
        let out = template(
            "{% macro links() %}\n<a href=\"/a\">a</a>\n<a href=\"/b\">b</a>\n{% endmacro %}",
        )
        .unwrap();
        assert!(out.contains("</a> <a"), "{out}");
        let out = template("{% block b %}<b>x</b> <i>y</i>{% endblock %}").unwrap();
        assert!(out.contains("</b> <i>"), "{out}");
    }

    #[test]
    fn text_from_elsewhere_is_not_put_where_the_minifier_must_not_go() {
        // Text of another template, a macro or a parent block is minified where it is
        // written, not where it is printed: in `<pre>` or a script its line breaks count.
        for src in [
            "<pre>{% include \"code.html\" %}</pre>",
            "<script>{{ m::tracker() }}</script>",
            "{% block b %}<pre>{{ super() }}</pre>{% endblock %}",
            "<a title=\"{{ self::t() }}\">x</a>",
        ] {
            assert_eq!(template(src), None, "{src}");
        }
        // A block there is fine as long as no template gives it text the minifier changes.
        let base = (
            "base.html",
            "<script>{% block js %}{% endblock %}</script>\n<meta content=\"{% block kind %}website{% endblock %}\">",
        );
        let child = |body: &str| ("child.html", format!("{{% extends \"base.html\" %}}{body}"));
        let ok = child("{% block kind %}article{% endblock %}");
        assert!(templates(&[base, (ok.0, ok.1.as_str())]).is_some());
        for body in [
            "{% block js %}\nlet a = 1 // one\nlet b = 2\n{% endblock %}",
            "{% block kind %}Q&amp;A{% endblock %}",
            "{% block js %}{% include \"js.html\" %}{% endblock %}",
        ] {
            let bad = child(body);
            assert!(
                templates(&[base, (bad.0, bad.1.as_str())]).is_none(),
                "{body}"
            );
        }
    }

    #[test]
    fn references_decoded_before_a_tera_tag_stay_text() {
        // `&amp;#{{ n }};` shows a code such as `&#65;`; decoded to `&#{{ n }};` it would
        // show the character. Written `&#{{ n }};`, it is meant to show the character.
        let vars = serde_json::json!({"n": 65, "x": "mp;"});
        for (src, shown) in [
            ("<p>Code: &amp;#{{ n }};</p>", "Code: &amp;#65;"),
            ("<p>&amp;#x{{ n }};</p>", "&amp;#x65;"),
            ("<p>&amp;a{{ x }}</p>", "&amp;amp;"),
            ("<p>&#{{ n }};</p>", "&#65;"),
            // In a script `&` is no reference.
            ("<script>u = \"?a=1&{{ x }}\";</script>", "?a=1&mp;"),
        ] {
            let out = template(src).unwrap();
            let page = render(&out, vars.clone());
            assert!(page.contains(shown), "{src}: {out} gives {page}");
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
