//! The text of what `ambassade new` writes: new event and page files, and new entries of the
//! term, network and kit lists, each commented so that editors see the fields they may add.
//! Values are checked and quoted here, before anything is written.

use chrono::NaiveDate;

use super::{refused, NewError};
use crate::content::values::{parse_moment, Moment};
use crate::model::{KitKind, Level, Slug};

/// A YAML scalar holding `s` exactly: plain when that is safe, quoted otherwise.
fn yaml_string(what: &str, s: &str) -> Result<String, NewError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(refused(
            format!("the {what} is empty"),
            format!("write a {what}"),
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(refused(
            format!("the {what} contains a line break or a control character"),
            format!("write the {what} on one line"),
        ));
    }
    let out = serde_yaml::to_string(s)
        .map_err(|e| refused(format!("cannot write the {what}: {e}"), "simplify it"))?;
    Ok(out.trim_end_matches('\n').to_string())
}

/// `line` followed by a comment, the comments of a file aligned on one column.
fn commented(line: &str, comment: &str) -> String {
    format!("{line:<31} # {comment}")
}

/// The words of a vocabulary, for the comments next to a field.
fn words<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> String {
    let v: Vec<&str> = all.iter().map(|&x| key(x)).collect();
    match v.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => v.join(""),
    }
}

/// A start or end read as the loader reads it, so that what is written is what it accepts.
fn moment(which: &str, s: &str) -> Result<Moment, NewError> {
    let s = s.trim();
    parse_moment(s).map_err(|_| {
        refused(
            format!("--{which} `{s}` is not a date or a date and time"),
            "write YYYY-MM-DDTHH:MM for a time (2027-02-03T14:00) or YYYY-MM-DD for a whole day",
        )
    })
}

pub(super) fn event_text(
    title: &str,
    start: &str,
    end: Option<&str>,
    level: Level,
    draft: bool,
) -> Result<String, NewError> {
    let title = yaml_string("title", title)?;
    let s = moment("start", start)?;
    let end_line = match end {
        None => match s {
            Moment::At(_) => commented("# end: YYYY-MM-DDTHH:MM", "same form as start"),
            Moment::Day(_) => commented(
                "# end: YYYY-MM-DD",
                "the last day, for an event of several days",
            ),
        },
        Some(e) => {
            let e = moment("end", e)?;
            match (s, e) {
                (Moment::At(a), Moment::At(b)) if b < a => {
                    return Err(refused(
                        format!("--end {b} is before --start {a}"),
                        "give an end after the start",
                    ))
                }
                (Moment::Day(a), Moment::Day(b)) if b < a => {
                    return Err(refused(
                        format!("--end {b} is before --start {a}"),
                        "for an all-day event, --end is the last day, on or after the start",
                    ))
                }
                (Moment::At(_), Moment::Day(_)) | (Moment::Day(_), Moment::At(_)) => {
                    return Err(refused(
                        "--start and --end are not of the same form",
                        "give both as dates (all-day event) or both as date and time",
                    ))
                }
                _ => {}
            }
            format!("end: {}", end.unwrap_or_default().trim())
        }
    };
    let levels = words(Level::ALL, Level::key);
    let draft_line = if draft {
        commented("draft: true", "built only with --drafts; remove to publish") + "\n"
    } else {
        String::new()
    };
    let level_line = commented(&format!("level: {}", level.key()), &levels);
    Ok(format!(
        "---
# A new event, made by `ambassade new event`. Lines starting with # are comments: remove the
# # to use a field, delete what you do not need. Every field is described in the README,
# section \"events/<slug>.md\". Check your changes with `ambassade check` or `ambassade serve`.
title: {title}
start: {start}
{end_line}
{level_line}
{draft_line}# timezone: Europe/Brussels     # only when the event is in another time zone
# status: tentative             # confirmed (default), tentative, postponed or cancelled
# axis: promote                 # promote, inform or defend
# themes: [coopération]
# region: Bruxelles
# location:
#   name: Nom du lieu
#   address: Rue et numéro
#   postal_code: \"1000\"
#   city: Bruxelles
#   country: BE
# online: https://…             # address of the stream or video call
# representatives:              # role: ambassador, staff or board
#   - {{ name: Prénom Nom, role: ambassador, public: true }}
# mission:
#   intervention: stand         # {interventions}
#   audience: Public visé
#   compensation: expenses_only # {compensations}
---
Décrivez l'événement ici, en Markdown : ce qui s'y passe, pourquoi SMart y est représentée et
comment y participer.
",
        start = start.trim(),
        interventions = words(
            crate::model::Intervention::ALL,
            crate::model::Intervention::key
        ),
        compensations = words(
            crate::model::Compensation::ALL,
            crate::model::Compensation::key
        ),
    ))
}

pub(super) fn page_text(title: &str, slug: &Slug, draft: bool) -> Result<String, NewError> {
    let title = yaml_string("title", title)?;
    let draft_line = if draft {
        commented("draft: true", "built only with --drafts; remove to publish") + "\n"
    } else {
        String::new()
    };
    Ok(format!(
        "---
# A new page, made by `ambassade new page`, published at /{slug}/. Lines starting with # are
# comments: remove the # to use a field. See the README, section \"pages/<slug>.md\".
title: {title}
{draft_line}# description: Une phrase pour les moteurs de recherche.
# menu: 10                      # a number: the page appears in the main menu, in this order
---
Le texte de la page, en Markdown : **gras**, *italique*, listes, [liens](https://smart.coop).
"
    ))
}

pub(super) fn term_entry(term: &str, id: &Slug) -> Result<String, NewError> {
    let term = yaml_string("term", term)?;
    Ok(format!(
        "- term: {term}
  id: {id}    # the anchor /lexique/#{id}: never change it once published
  definition: |
    Définition à écrire, en Markdown.
  # see_also: [autre-terme]        # ids of other terms
  # not_to_confuse: [autre-terme]
"
    ))
}

pub(super) fn network_entry(
    name: &str,
    id: &Slug,
    level: Level,
    url: Option<&str>,
) -> Result<String, NewError> {
    let name = yaml_string("name", name)?;
    let url_line = match url {
        Some(u) => format!("url: {}", yaml_string("address", u)?),
        None => "# url: https://…".into(),
    };
    Ok(format!(
        "- name: {name}
  id: {id}    # the anchor /reseaux/#{id}
  level: {level}    # {levels}
  {url_line}
  # sector: Économie sociale
  # territory: Bruxelles
  # member_since: 2024
  # description: |
  #   Ce que fait le réseau et ce que SMart y fait, en Markdown.
",
        level = level.key(),
        levels = words(Level::ALL, Level::key),
    ))
}

pub(super) fn kit_entry(
    title: &str,
    id: &Slug,
    kind: KitKind,
    language: &str,
    updated: NaiveDate,
    file: Option<&str>,
    url: Option<&str>,
) -> Result<String, NewError> {
    let title = yaml_string("title", title)?;
    let language = yaml_string("language", language)?;
    let target = match (file, url) {
        (Some(f), None) => format!(
            "file: {}    # a file inside content/",
            yaml_string("file", f)?
        ),
        (None, Some(u)) => format!("url: {}", yaml_string("address", u)?),
        _ => {
            return Err(refused(
                "a kit item needs either a file or an address",
                "pass --file kit/NAME.pdf (a file inside content/) or --url https://…",
            ))
        }
    };
    Ok(format!(
        "- title: {title}
  id: {id}    # the anchor /kit/#{id}
  kind: {kind}    # {kinds}
  description: |
    Description à écrire, en Markdown.
  # audience: Salons, rencontres avec des partenaires
  language: {language}
  updated: {updated}
  {target}
",
        kind = kind.key(),
        kinds = words(KitKind::ALL, KitKind::key),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_only_when_needed() {
        assert_eq!(yaml_string("t", "Binôme").unwrap(), "Binôme");
        assert_eq!(yaml_string("t", "Salon: 2027").unwrap(), "'Salon: 2027'");
        assert_eq!(yaml_string("t", "true").unwrap(), "'true'");
        assert_eq!(yaml_string("t", "2027").unwrap(), "'2027'");
        assert!(yaml_string("t", "a\nb").is_err());
        assert!(yaml_string("t", "  ").is_err());
    }

    #[test]
    fn event_dates_are_checked_before_writing() {
        let t = |s: &str, e: Option<&str>| event_text("T", s, e, Level::Local, false);
        assert!(t("2027-02-03T14:00", Some("2027-02-03T16:00")).is_ok());
        assert!(t("2027-02-03", None).is_ok());
        assert!(t("2027-02-03T14:00", Some("2027-02-03T13:00")).is_err());
        assert!(t("2027-02-03", Some("2027-02-03T13:00")).is_err());
        assert!(t("3/2/2027", None).is_err());
        assert!(t("2027-2-3", None).is_err());
        assert!(t("2027-02-03T9:00", None).is_err());
        // The loader's range of years: refused before anything is written.
        assert!(t("2500-02-03", None).is_err());
    }

    #[test]
    fn vocabulary_words_read_as_a_list() {
        assert_eq!(
            words(crate::model::Axis::ALL, crate::model::Axis::key),
            "promote, inform or defend"
        );
    }
}
