//! `pages/*.md`: the free pages, one Markdown file each, named by their file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::files::{read_markdown_dir, FileCx};
use super::raw::PageFront;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Page, Slug};
use crate::msg;

/// What became of a page file that is not among the published pages (for `join_page`).
pub(super) enum Unpublished {
    Draft(PathBuf),
    /// With errors, reported where they are.
    Broken(PathBuf),
}

/// The published pages, and what became of the others (by slug) for the check of `join_page`.
/// Drafts are published when `drafts` is set.
pub(super) fn pages(
    root: &Path,
    content_dir: &Path,
    drafts: bool,
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
        let Some((parsed, body)) = f.front_or_report::<PageFront>(diags) else {
            continue;
        };
        // A name the site uses itself (`agenda`, `fiches`…) is found by the route table,
        // which knows every address.
        if let Some(first) = seen.insert(f.slug.clone(), f.shown.clone()) {
            diags.push(
                Diagnostic::error(
                    &f.shown,
                    msg!(
                        "content-page-duplicate",
                        slug = f.slug.to_string(),
                        other = first.display().to_string()
                    ),
                )
                .hint(msg!("content-page-duplicate-hint")),
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
        if front.draft && !drafts {
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
