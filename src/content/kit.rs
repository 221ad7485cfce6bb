//! `kit.yaml`: the communication kit, and what may be published of it. A kit file is copied
//! to the site as it is, so a file that would expose the site's own sources, that Windows
//! cannot hold, or that a browser would run script in (with the site's origin) is refused.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use chrono::{Duration, NaiveDate};

use super::files::FileCx;
use super::raw::KitFile;
use super::values::{is_language_code, windows_reserved};
use crate::i18n::Msg;
use crate::model::{Kit, KitItem, KitTarget};
use crate::msg;
use svg::{svg_active_content, SVG_FINDINGS, SVG_NOT_UTF8};

mod svg;

/// Checks `kit.yaml`; a kit file lies in `content_dir`, an item's `updated` is not after `today`.
pub(super) fn kit(
    raw: KitFile,
    cx: &mut FileCx,
    content_dir: &Path,
    today: NaiveDate,
) -> Option<Kit> {
    let mut items = Vec::new();
    let mut ids = HashSet::new();
    for (i, it) in raw.items.iter().enumerate() {
        let p = format!("items[{i}]");
        let title = cx.required_text(&format!("{p}.title"), &it.title);
        let id = cx.id_or_slug(&format!("{p}.id"), &it.id, &title);
        if let Some(id) = &id {
            if !ids.insert(id.clone()) {
                cx.err(
                    &format!("{p}.title"),
                    msg!("kit-item-duplicate-id", id = id.as_str()),
                    Some(msg!("kit-item-duplicate-id-hint")),
                );
            }
        }
        let language = it.language.trim().to_string();
        if !is_language_code(&language) {
            cx.err(
                &format!("{p}.language"),
                msg!("kit-language", language = &it.language),
                Some(msg!("kit-language-hint")),
            );
        }
        let updated = cx.date(&format!("{p}.updated"), &it.updated);
        if let Some(u) = updated {
            if u > today {
                cx.err(
                    &format!("{p}.updated"),
                    msg!("kit-updated-future", date = u.to_string()),
                    Some(msg!("kit-updated-future-hint")),
                );
            } else if today - u > Duration::days(365) {
                cx.warn(
                    &format!("{p}.updated"),
                    msg!("kit-item-stale", title = &title, date = u.to_string()),
                    msg!("kit-item-stale-hint"),
                );
            }
        }
        let target = match (&it.file, &it.url) {
            (Some(f), None) => content_file(cx, &format!("{p}.file"), content_dir, f)
                .map(|(rel, source, size)| KitTarget::File { rel, source, size }),
            (None, Some(u)) => cx.url(&format!("{p}.url"), u).map(KitTarget::Url),
            (Some(_), Some(_)) => {
                cx.err(
                    &p,
                    msg!("kit-item-file-and-url"),
                    Some(msg!("kit-item-file-and-url-hint")),
                );
                None
            }
            (None, None) => {
                cx.err(
                    &p,
                    msg!("kit-item-neither-file-nor-url"),
                    Some(msg!("kit-item-neither-file-nor-url-hint")),
                );
                None
            }
        };
        let page_html = match &target {
            Some(KitTarget::File { rel, source, size }) if is_markdown(rel) => {
                markdown_page(cx, &format!("{p}.file"), rel, source, *size)
            }
            _ => None,
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
                page_html,
            });
        }
    }
    Some(Kit {
        introduction_html: cx.md_opt(&raw.introduction),
        items,
    })
}

/// Whether a kit file is Markdown, published as a page as well as a file.
fn is_markdown(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("md"))
}

/// A Markdown kit file as the HTML of its page, without its first `# ` line (the page shows
/// the item's title instead). Too large or not UTF-8: no page, the file stays a download.
fn markdown_page(
    cx: &mut FileCx,
    path: &str,
    rel: &str,
    source: &Path,
    size: u64,
) -> Option<String> {
    const MAX_PAGE: u64 = 1024 * 1024;
    if size > MAX_PAGE {
        cx.warn(
            path,
            msg!("kit-page-too-big", file = rel),
            msg!("kit-page-too-big-hint"),
        );
        return None;
    }
    let Ok(text) = std::fs::read_to_string(source) else {
        cx.err(
            path,
            msg!("kit-page-not-utf8", file = rel),
            Some(msg!("kit-page-not-utf8-hint")),
        );
        return None;
    };
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let body = match text.strip_prefix("# ") {
        Some(rest) => rest.split_once('\n').map_or("", |(_, body)| body),
        None => text,
    };
    Some(cx.md(body))
}

/// Checks that `reference` names a regular file inside `content_dir`, without leaving it.
pub(super) fn content_file(
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
        cx.err(
            path,
            msg!("kit-file-not-inside", file = reference),
            Some(msg!("kit-file-not-inside-hint")),
        );
        return None;
    }
    let full = content_dir.join(p);
    let canonical_dir = content_dir.canonicalize().ok()?;
    match full.canonicalize() {
        Ok(c) if !c.starts_with(&canonical_dir) => {
            cx.err(
                path,
                msg!("kit-file-points-outside", file = reference),
                Some(msg!("kit-file-points-outside-hint")),
            );
            None
        }
        Ok(c) if !c.is_file() => {
            cx.err(path, msg!("kit-file-not-a-file", file = reference), None);
            None
        }
        Ok(c) => {
            if let Some((message, hint)) = unpublishable(reference, p, &c) {
                cx.err(path, message, Some(hint));
                return None;
            }
            let size = std::fs::metadata(&c).map(|m| m.len()).unwrap_or(0);
            Some((r.to_string(), c, size))
        }
        Err(_) => {
            cx.err(
                path,
                msg!("kit-file-missing", file = reference),
                Some(msg!("kit-file-missing-hint")),
            );
            None
        }
    }
}

/// Why a file inside `content/` must not be copied to the site, if it must not: the site's
/// own sources (events hold private contact details), names Windows cannot hold, and files a
/// browser would run script in. `relative` is the path as written (`reference` as the editor
/// wrote it, for the message), `file` the real file. The message and its hint.
fn unpublishable(reference: &str, relative: &Path, file: &Path) -> Option<(Msg, Msg)> {
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
            msg!("kit-file-own-source", file = reference),
            msg!("kit-file-own-source-hint"),
        ));
    }
    if let Some(bad) = parts.iter().find(|p| windows_reserved(p)) {
        return Some((
            msg!("kit-file-windows-reserved", file = reference, name = bad),
            msg!("kit-file-windows-reserved-hint"),
        ));
    }
    if ACTIVE_KIT_TYPES.contains(&extension.as_str()) {
        return Some((
            msg!(
                "kit-file-active-type",
                file = reference,
                extension = &extension
            ),
            msg!("kit-file-active-type-hint"),
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
                msg!("kit-file-svg-too-big", file = reference),
                msg!("kit-file-svg-too-big-hint"),
            ));
        };
        let found = match std::str::from_utf8(&bytes) {
            Ok(t) => svg_active_content(t),
            Err(_) => Some(SVG_NOT_UTF8),
        };
        if let Some(what) = found {
            // The catalogues word each finding (selected by its key).
            let key = SVG_FINDINGS
                .iter()
                .find(|(_, en)| *en == what)
                .map_or("other", |(key, _)| key);
            return Some((
                msg!("kit-file-svg-active", file = reference, what = key),
                msg!("kit-file-svg-active-hint"),
            ));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;

    #[test]
    fn kit_files_that_must_not_be_published() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, text).unwrap();
            p
        };
        // The reason alone, after "`…` cannot be published: ".
        let check = |relative: &str, file: &Path| {
            unpublishable(relative, Path::new(relative), file).map(|(message, _)| {
                let message = crate::i18n::Text::from(message).to_string();
                match message.split_once("cannot be published: ") {
                    Some((_, reason)) => reason.to_string(),
                    None => message,
                }
            })
        };
        let pdf = file("kit/brochure.pdf", "%PDF-1.7");
        assert_eq!(check("kit/brochure.pdf", &pdf), None);
        let own = "it is one of the site's own content files, which may hold private details";
        for relative in [
            "events/salon.md",
            "Events/salon.pdf",
            "pages/x.pdf",
            "site.yaml",
            "notes.md",
        ] {
            assert_eq!(check(relative, &pdf).as_deref(), Some(own), "{relative}");
        }
        // A YAML file in a folder of its own is no source of the site.
        assert_eq!(check("kit/data.yaml", &pdf), None);
        assert_eq!(
            check("kit/CON/brochure.pdf", &pdf).as_deref(),
            Some("`CON` is a name Windows reserves for a device")
        );
        for relative in [
            "kit/page.html",
            "kit/page.HTM",
            "kit/app.js",
            "kit/image.svgz",
        ] {
            let message = check(relative, &pdf).unwrap_or_default();
            assert!(message.contains("can run scripts"), "{relative}: {message}");
        }
        let clean = file("kit/logo.svg", "<svg><path d=\"M0 0\"/></svg>");
        assert_eq!(check("kit/logo.svg", &clean), None);
        let active = file("kit/bad.svg", "<svg><a href=\"&#106;avascript:x\"/></svg>");
        assert_eq!(
            check("kit/bad.svg", &active).as_deref(),
            Some("the SVG image contains a script URL, which would run in visitors' browsers")
        );
        let binary = dir.path().join("kit/binary.svg");
        std::fs::write(&binary, [0x3c, 0xff, 0xfe]).unwrap();
        assert!(check("kit/binary.svg", &binary)
            .unwrap_or_default()
            .contains("not UTF-8"));
    }

    #[test]
    fn kit_references_stay_inside_the_content_folder() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("kit")).unwrap();
        std::fs::write(content.join("kit/brochure.pdf"), "%PDF-1.7").unwrap();
        std::fs::write(dir.path().join("secret.pdf"), "%PDF").unwrap();
        let mut diags = Diagnostics::new();
        let mut cx = FileCx::for_test("content/kit.yaml", &mut diags);
        let found = content_file(&mut cx, "items[0].file", &content, " kit/brochure.pdf ");
        assert_eq!(
            found,
            Some((
                "kit/brochure.pdf".to_string(),
                content.join("kit/brochure.pdf").canonicalize().unwrap(),
                8
            ))
        );
        for reference in [
            "../secret.pdf",
            "/etc/passwd",
            "kit\\brochure.pdf",
            "./kit/brochure.pdf",
            "",
        ] {
            assert_eq!(
                content_file(&mut cx, "f", &content, reference),
                None,
                "{reference}"
            );
        }
        assert_eq!(content_file(&mut cx, "f", &content, "kit"), None);
        assert_eq!(
            content_file(&mut cx, "f", &content, "kit/missing.pdf"),
            None
        );
        let messages: Vec<&str> = diags.errors().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 7, "{messages:?}");
        assert!(messages[..5]
            .iter()
            .all(|m| m.ends_with("is not a path inside the content folder")));
        assert_eq!(messages[5], "`kit` is not a file");
        assert_eq!(
            messages[6],
            "the file `content/kit/missing.pdf` does not exist"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_content_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("kit")).unwrap();
        std::fs::write(dir.path().join("secret.pdf"), "%PDF").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.pdf"), content.join("kit/s.pdf"))
            .unwrap();
        let mut diags = Diagnostics::new();
        let mut cx = FileCx::for_test("content/kit.yaml", &mut diags);
        assert_eq!(content_file(&mut cx, "f", &content, "kit/s.pdf"), None);
        assert_eq!(
            diags.errors().next().map(|d| d.message.as_str()),
            Some("`kit/s.pdf` points outside the content folder")
        );
    }
}
