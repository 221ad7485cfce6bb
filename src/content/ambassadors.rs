//! `ambassadeurs/<id>.md`: the public profiles of the ambassadors who agreed to be listed.
//! The file is the consent: deleting it takes the person off the site. A profile never holds
//! a way to reach the person (their e-mail and phone stay in the support group's private
//! file), so such a field is refused with a message saying why.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::files::{read_markdown_dir, FileCx};
use super::kit::content_file;
use super::raw::AmbassadorFront;
use crate::diagnostic::{Diagnostic, Diagnostics, Text};
use crate::model::{Ambassador, Photo, Sheet, Slug};
use crate::msg;

/// The folder of the public profiles, under `content/`.
pub(super) const FOLDER: &str = "ambassadeurs";

/// Image types a photo may have: those every browser shows in an `<img>`.
const IMAGE_TYPES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg"];

/// Fields people may try to add that would publish a way to reach the person.
const CONTACT_FIELDS: &[&str] = &[
    "email",
    "e-mail",
    "mail",
    "courriel",
    "phone",
    "telephone",
    "téléphone",
    "tel",
    "gsm",
    "mobile",
    "address",
    "adresse",
];

/// Every profile file found, by id, with the name it gives (`None` when the file has errors
/// of its own): the events' representatives are checked against it, so that an id whose
/// profile is broken is not also reported as having none.
pub(super) type ProfileNames = BTreeMap<Slug, Option<String>>;

/// The public profiles of `content/ambassadeurs/`, and every id that has a profile file.
/// `identification` is the identification sheet, whose `languages` options the profiles'
/// languages must be among (when it has no errors).
pub(super) fn ambassadors(
    root: &Path,
    content_dir: &Path,
    raw_html: bool,
    identification: Option<&Sheet>,
    diags: &mut Diagnostics,
) -> (Vec<Ambassador>, ProfileNames) {
    let mut out = Vec::new();
    let mut names = ProfileNames::new();
    let mut seen: HashMap<Slug, PathBuf> = HashMap::new();
    let languages = language_options(identification);
    for f in read_markdown_dir(root, &content_dir.join(FOLDER), diags) {
        if let Some(first) = seen.insert(f.slug.clone(), f.shown.clone()) {
            diags.push(
                Diagnostic::error(
                    &f.shown,
                    msg!(
                        "ambassadors-duplicate-id",
                        id = f.slug.as_str(),
                        other = first.display().to_string()
                    ),
                )
                .hint(msg!("ambassadors-duplicate-id-hint")),
            );
            continue;
        }
        names.insert(f.slug.clone(), None);
        let (parsed, body) = match f.front::<AmbassadorFront>() {
            Ok(x) => x,
            Err(mut d) => {
                if contact_field(&d.message) {
                    d.hint = Some(Text::from(msg!("ambassadors-contact-field-hint")));
                }
                diags.push(d);
                continue;
            }
        };
        let errors_before = diags.errors().count();
        let mut cx = FileCx {
            file: f.shown.clone(),
            spans: parsed.spans,
            diags: &mut *diags,
            raw_html,
        };
        let front = parsed.value;
        let name = cx.required_text("name", &front.name);
        let list = |v: &[String]| -> Vec<String> {
            v.iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        };
        let spoken = list(&front.languages);
        if let Some(options) = &languages {
            for (i, l) in spoken.iter().enumerate() {
                if !options.iter().any(|o| o.to_lowercase() == l.to_lowercase()) {
                    cx.err(
                        &format!("languages[{i}]"),
                        msg!("ambassadors-language-unknown", language = l),
                        Some(msg!(
                            "ambassadors-language-unknown-hint",
                            options = options.join(", ")
                        )),
                    );
                }
            }
        }
        let photo = front
            .photo
            .as_deref()
            .and_then(|p| photo(&mut cx, content_dir, p, front.photo_alt.as_deref()));
        let text_html = cx.md(body);
        if diags.errors().count() > errors_before {
            continue;
        }
        names.insert(f.slug.clone(), Some(name.clone()));
        out.push(Ambassador {
            id: f.slug,
            name,
            themes: list(&front.themes),
            sectors: list(&front.sectors),
            regions: list(&front.regions),
            languages: spoken,
            photo,
            since: front.since,
            text_html,
        });
    }
    (out, names)
}

/// Whether a front-matter error is an unknown field meant to reach the person.
fn contact_field(message: &str) -> bool {
    let Some(rest) = message.strip_prefix("unknown field `") else {
        return false;
    };
    let field = rest.split('`').next().unwrap_or_default().to_lowercase();
    CONTACT_FIELDS.contains(&field.as_str())
}

/// The options of the identification sheet's `languages` field, when it has one.
fn language_options(sheet: Option<&Sheet>) -> Option<Vec<String>> {
    let field = sheet?
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| f.id.as_deref() == Some("languages"))?;
    let options: Vec<String> = field.options.iter().map(|o| o.label.clone()).collect();
    (!options.is_empty()).then_some(options)
}

/// Checks `photo:`: an image file inside `content/` that may be published (the kit's checks),
/// outside the profiles' own folder.
fn photo(cx: &mut FileCx, content_dir: &Path, reference: &str, alt: Option<&str>) -> Option<Photo> {
    let (rel, source, _) = content_file(cx, "photo", content_dir, reference)?;
    let extension = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !IMAGE_TYPES.contains(&extension.as_str()) {
        cx.err(
            "photo",
            msg!("ambassadors-photo-not-an-image", file = &rel),
            Some(msg!(
                "ambassadors-photo-not-an-image-hint",
                types = IMAGE_TYPES.join(", ")
            )),
        );
        return None;
    }
    // The profiles' folder holds Markdown files only (and is the directory's address).
    let first = rel.split('/').next().unwrap_or_default();
    if first.eq_ignore_ascii_case(FOLDER) {
        cx.err(
            "photo",
            msg!("ambassadors-photo-in-profiles", file = &rel),
            Some(msg!("ambassadors-photo-in-profiles-hint")),
        );
        return None;
    }
    let alt = alt
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from);
    Some(Photo { rel, source, alt })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_fields_are_recognised_in_serde_messages() {
        assert!(contact_field(
            "unknown field `email`, expected one of `name`, `themes`"
        ));
        assert!(contact_field("unknown field `Téléphone`, expected `name`"));
        assert!(!contact_field("unknown field `nom`, expected `name`"));
        assert!(!contact_field("invalid type: string"));
    }
}
