//! Blocks printed where the minifier must leave text as it is (`<pre>`, scripts, start tags,
//! titles), and the blocks a template gives text the minifier would change there: a block's
//! text is minified where it is written, whichever template prints it.

use super::lex::{is_super, tag_end, words, Piece};

/// Blocks of a template whose text needs a second look (see `templates`), by name (`B`:
/// `String`, or with the template's name for a whole theme).
pub(super) struct Blocks<B = String> {
    /// Blocks printed where the minifier must leave text as it is.
    pub(super) placed: Vec<B>,
    /// Blocks given text here that the minifier would change, or text written elsewhere.
    pub(super) changed: Vec<B>,
    /// Blocks printed in a `<title>`, where the minifier leaves text as it is but for its
    /// white space, which is shown collapsed anyway.
    pub(super) titled: Vec<B>,
    /// Blocks given text here holding a tag or a comment, or text written elsewhere.
    pub(super) marked: Vec<B>,
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

/// What a Tera tag prints that was not written beside it.
pub(super) enum Pull<'a> {
    Nothing,
    /// A block, by name: its text comes from whichever template overrides it.
    Block(&'a str),
    /// Another template's text (`include`), a macro's, or the parent block's (`super()`).
    Elsewhere,
}

/// What `tag` prints from elsewhere; a string holding `::` or `super(` counts, to be safe.
pub(super) fn pulls(tag: &str) -> Pull<'_> {
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
pub(super) fn blocks_given(
    pieces: &[Piece<'_>],
    kept: fn(&str) -> bool,
    parent_counts: bool,
) -> Vec<String> {
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
pub(super) fn inert(html: &str) -> bool {
    !html.contains(['&', '<', '\t', '\n', '\r', '\x0c']) && !html.contains("  ")
}

#[cfg(test)]
mod tests {
    use crate::render::minify::templates;
    use crate::render::minify::tests::template;

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
}
