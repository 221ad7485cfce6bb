//! The text of what `ambassade new` writes: new event and page files, and new entries of the
//! term, network and kit lists, each commented so that editors see the fields they may add.
//! Values are checked and quoted here, before anything is written.

use chrono::NaiveDate;

use super::{refused, NewError};
use crate::content::values::{parse_moment, Moment};
use crate::i18n::{render, Lang, Msg};
use crate::model::{KitKind, Level, Slug};
use crate::msg;

/// A YAML scalar holding `s` exactly: plain when that is safe, quoted otherwise. `what` names
/// the value in messages (`title`, `term`, `name`, `address`, `language`, `file`).
fn yaml_string(what: &str, s: &str) -> Result<String, NewError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(refused(
            msg!("new-value-empty", what = what),
            msg!("new-value-empty-hint", what = what),
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(refused(
            msg!("new-value-control", what = what),
            msg!("new-value-control-hint", what = what),
        ));
    }
    let out = serde_yaml::to_string(s).map_err(|e| {
        refused(
            msg!("new-value-unwritable", what = what, error = e.to_string()),
            msg!("new-value-unwritable-hint"),
        )
    })?;
    Ok(out.trim_end_matches('\n').to_string())
}

/// `line` followed by a comment in `lang`, the comments of a file aligned on one column.
fn commented(lang: Lang, line: &str, comment: &Msg) -> String {
    commented_text(line, &render(lang, comment))
}

fn commented_text(line: &str, comment: &str) -> String {
    format!("{line:<31} # {comment}")
}

/// A paragraph of comment lines (`# …`) in `lang`.
fn comment_block(lang: Lang, text: &Msg) -> String {
    render(lang, text)
        .lines()
        .map(|l| format!("# {l}\n"))
        .collect()
}

/// The words of a vocabulary, for the comments next to a field.
fn words<T: Copy>(lang: Lang, all: &[T], key: fn(T) -> &'static str) -> String {
    let v: Vec<&str> = all.iter().map(|&x| key(x)).collect();
    match v.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            render(lang, &msg!("new-or", rest = rest.join(", "), last = *last))
        }
        _ => v.join(""),
    }
}

/// A start or end read as the loader reads it, so that what is written is what it accepts.
fn moment(which: &str, s: &str) -> Result<Moment, NewError> {
    let s = s.trim();
    parse_moment(s).map_err(|_| {
        refused(
            msg!("new-bad-moment", which = which, value = s),
            msg!("new-bad-moment-hint"),
        )
    })
}

/// The `end:` line of a new event: the one given, checked against the start, or a comment.
fn end_line(lang: Lang, s: Moment, end: Option<&str>) -> Result<String, NewError> {
    let Some(given) = end else {
        return Ok(match s {
            Moment::At(_) => commented(
                lang,
                "# end: YYYY-MM-DDTHH:MM",
                &msg!("new-comment-end-timed"),
            ),
            Moment::Day(_) => commented(lang, "# end: YYYY-MM-DD", &msg!("new-comment-end-day")),
        });
    };
    let e = moment("end", given)?;
    let before = |b: &dyn ToString, a: &dyn ToString| {
        msg!(
            "new-end-before-start",
            end = b.to_string(),
            start = a.to_string()
        )
    };
    match (s, e) {
        (Moment::At(a), Moment::At(b)) if b < a => {
            Err(refused(before(&b, &a), msg!("new-end-before-start-hint")))
        }
        (Moment::Day(a), Moment::Day(b)) if b < a => Err(refused(
            before(&b, &a),
            msg!("new-end-before-start-day-hint"),
        )),
        (Moment::At(_), Moment::Day(_)) | (Moment::Day(_), Moment::At(_)) => Err(refused(
            msg!("new-mixed-forms"),
            msg!("new-mixed-forms-hint"),
        )),
        _ => Ok(format!("end: {}", given.trim())),
    }
}

/// A new event, always a draft: its placeholder text is not for the public site until the
/// editor has written it, and the comment beside `draft: true` says how to publish.
pub(super) fn event_text(
    lang: Lang,
    title: &str,
    start: &str,
    end: Option<&str>,
    level: Level,
) -> Result<String, NewError> {
    let title = yaml_string("title", title)?;
    let s = moment("start", start)?;
    let end_line = end_line(lang, s, end)?;
    let levels = words(lang, Level::ALL, Level::key);
    let draft_line = commented(lang, "draft: true", &msg!("new-comment-event-draft"));
    let level_line = commented_text(&format!("level: {}", level.key()), &levels);
    let c = |line: &str, m: Msg| commented(lang, line, &m);
    let header = comment_block(lang, &msg!("new-event-header"));
    let timezone = c("# timezone: Europe/Brussels", msg!("new-comment-timezone"));
    let status = c("# status: tentative", msg!("new-comment-status"));
    let axes = words(lang, crate::model::Axis::ALL, crate::model::Axis::key);
    let axis = commented_text("# axis: promote", &axes);
    let online = c("# online: https://…", msg!("new-comment-online"));
    let reps = c("# representatives:", msg!("new-comment-roles"));
    let interventions = words(
        lang,
        crate::model::Intervention::ALL,
        crate::model::Intervention::key,
    );
    let intervention = commented_text("#   intervention: stand", &interventions);
    let compensations = words(
        lang,
        crate::model::Compensation::ALL,
        crate::model::Compensation::key,
    );
    let compensation = commented_text("#   compensation: expenses_only", &compensations);
    Ok(format!(
        "---
{header}title: {title}
start: {start}
{end_line}
{level_line}
{draft_line}
{timezone}
{status}
{axis}
# themes: [coopération]
# region: Bruxelles
# location:
#   name: Nom du lieu
#   address: Rue et numéro
#   postal_code: \"1000\"
#   city: Bruxelles
#   country: BE
{online}
{reps}
#   - {{ name: Prénom Nom, role: ambassador, public: true }}
# mission:
{intervention}
#   audience: Public visé
{compensation}
---
Décrivez l'événement ici, en Markdown : ce qui s'y passe, pourquoi SMart y est représentée et
comment y participer.
",
        start = start.trim(),
    ))
}

pub(super) fn page_text(
    lang: Lang,
    title: &str,
    slug: &Slug,
    draft: bool,
) -> Result<String, NewError> {
    let title = yaml_string("title", title)?;
    let draft_line = if draft {
        commented(lang, "draft: true", &msg!("new-comment-draft")) + "\n"
    } else {
        String::new()
    };
    let header = comment_block(lang, &msg!("new-page-header", slug = slug.to_string()));
    let menu = commented(lang, "# menu: 10", &msg!("new-comment-menu"));
    Ok(format!(
        "---
{header}title: {title}
{draft_line}# description: Une phrase pour les moteurs de recherche.
{menu}
---
Le texte de la page, en Markdown : **gras**, *italique*, listes, [liens](https://smart.coop).
"
    ))
}

pub(super) fn term_entry(lang: Lang, term: &str, id: &Slug) -> Result<String, NewError> {
    let term = yaml_string("term", term)?;
    let anchor = render(lang, &msg!("new-comment-term-anchor", id = id.to_string()));
    let see_also = render(lang, &msg!("new-comment-see-also"));
    Ok(format!(
        "- term: {term}
  id: {id}    # {anchor}
  definition: |
    Définition à écrire, en Markdown.
  # see_also: [autre-terme]        # {see_also}
  # not_to_confuse: [autre-terme]
"
    ))
}

pub(super) fn network_entry(
    lang: Lang,
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
    let anchor = render(
        lang,
        &msg!("new-comment-network-anchor", id = id.to_string()),
    );
    Ok(format!(
        "- name: {name}
  id: {id}    # {anchor}
  level: {level}    # {levels}
  {url_line}
  # sector: Économie sociale
  # territory: Bruxelles
  # member_since: 2024
  # description: |
  #   Ce que fait le réseau et ce que SMart y fait, en Markdown.
",
        level = level.key(),
        levels = words(lang, Level::ALL, Level::key),
    ))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn kit_entry(
    lang: Lang,
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
            "file: {}    # {}",
            yaml_string("file", f)?,
            render(lang, &msg!("new-comment-kit-file"))
        ),
        (None, Some(u)) => format!("url: {}", yaml_string("address", u)?),
        _ => return Err(refused(msg!("new-kit-target"), msg!("new-kit-target-hint"))),
    };
    let anchor = render(lang, &msg!("new-comment-kit-anchor", id = id.to_string()));
    Ok(format!(
        "- title: {title}
  id: {id}    # {anchor}
  kind: {kind}    # {kinds}
  description: |
    Description à écrire, en Markdown.
  # audience: Salons, rencontres avec des partenaires
  language: {language}
  updated: {updated}
  {target}
",
        kind = kind.key(),
        kinds = words(lang, KitKind::ALL, KitKind::key),
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
        let t = |s: &str, e: Option<&str>| event_text(Lang::En, "T", s, e, Level::Local);
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
            words(Lang::En, crate::model::Axis::ALL, crate::model::Axis::key),
            "promote, inform or defend"
        );
        assert_eq!(
            words(Lang::Fr, crate::model::Axis::ALL, crate::model::Axis::key),
            "promote, inform ou defend"
        );
    }
}
