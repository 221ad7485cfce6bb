//! `ambassade new`: starting points for editors.
//!
//! Events and pages are one Markdown file each: `new` writes a fresh, commented file named
//! after the title and never overwrites one. Terms, networks and kit items live in one YAML
//! file per kind (`lexicon.yaml`, `networks.yaml`, `kit.yaml`): `new` appends a commented
//! entry as text at the end of the list, so the rest of the file (comments, layout, quoting)
//! stays exactly as the editor wrote it.
//!
//! Whatever is written must pass `ambassade check`: the site is checked before and after, and
//! if the change brings a new error, the change is undone and the errors are returned.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::de::DeserializeOwned;

use crate::content::raw;
use crate::content::values::{parse_moment, Moment};
use crate::content::Reference;
use crate::diagnostic::Diagnostics;
use crate::model::{KitKind, Level, Slug};
use crate::Options;

/// What to create. Its doc comments are also the help of `ambassade new`, whose arguments
/// clap derives from this type (`about` where rustdoc and the terminal need different text).
#[derive(Debug, Clone, clap::Subcommand)]
pub enum NewItem {
    /// A new event: `content/events/<slug>.md`.
    #[command(about = "A new event: content/events/<slug>.md")]
    Event {
        /// The event's title; the file name is made from it
        title: String,
        /// YYYY-MM-DDTHH:MM (timed event) or YYYY-MM-DD (all-day event)
        #[arg(long)]
        start: String,
        /// Same form as --start; for an all-day event, the last day
        #[arg(long)]
        end: Option<String>,
        /// The level at which SMart is represented
        #[arg(long, value_parser = parse_level, default_value = "local")]
        level: Level,
        /// The file name without .md (default: made from the title)
        #[arg(long)]
        slug: Option<String>,
        /// Mark it `draft: true` (built only with --drafts)
        #[arg(long)]
        draft: bool,
    },
    /// A new page: `content/pages/<slug>.md`, published at `/<slug>/`.
    #[command(about = "A new page: content/pages/<slug>.md, published at /<slug>/")]
    Page {
        /// The page's title; the file name is made from it
        title: String,
        /// The file name without .md (default: made from the title)
        #[arg(long)]
        slug: Option<String>,
        /// Mark it `draft: true` (built only with --drafts)
        #[arg(long)]
        draft: bool,
    },
    /// A new term at the end of content/lexicon.yaml
    Term {
        /// The term as written
        term: String,
        /// Its anchor on /lexique/ (default: made from the term)
        #[arg(long)]
        id: Option<String>,
    },
    /// A new network at the end of content/networks.yaml
    Network {
        /// The network's name
        name: String,
        /// Its anchor on /reseaux/ (default: made from the name)
        #[arg(long)]
        id: Option<String>,
        /// The level at which it operates
        #[arg(long, value_parser = parse_level, default_value = "local")]
        level: Level,
        /// Its website
        #[arg(long)]
        url: Option<String>,
    },
    /// A new item at the end of content/kit.yaml (give --file or --url)
    KitItem {
        /// The item's title
        title: String,
        /// Its anchor on /kit/ (default: made from the title)
        #[arg(long)]
        id: Option<String>,
        /// What kind of item it is
        #[arg(long, value_parser = parse_kit_kind, default_value = "other")]
        kind: KitKind,
        /// Language code of the item
        #[arg(long, default_value = "fr")]
        language: String,
        /// A file inside content/, e.g. kit/affiche.pdf
        #[arg(long, conflicts_with = "url", required_unless_present = "url")]
        file: Option<String>,
        /// The item's address elsewhere
        #[arg(long)]
        url: Option<String>,
    },
}

/// A word of a fixed vocabulary, for clap; the error lists the words.
fn vocabulary<T: Copy>(s: &str, all: &[T], key: fn(T) -> &'static str) -> Result<T, String> {
    all.iter().copied().find(|&v| key(v) == s).ok_or_else(|| {
        let words: Vec<&str> = all.iter().map(|&v| key(v)).collect();
        format!("`{s}` is not one of {}", words.join(", "))
    })
}

fn parse_level(s: &str) -> Result<Level, String> {
    vocabulary(s, Level::ALL, Level::key)
}

fn parse_kit_kind(s: &str) -> Result<KitKind, String> {
    vocabulary(s, KitKind::ALL, KitKind::key)
}

/// What `create` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The file written, relative to the site folder.
    pub path: PathBuf,
    /// The new item's slug or id.
    pub id: String,
    /// The line where the new entry starts (1 for a new file).
    pub line: usize,
    /// True when an entry was appended to an existing file.
    pub appended: bool,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum NewError {
    /// The request cannot be carried out as asked (existing file, duplicate id, bad date…).
    Refused { message: String, hint: String },
    /// The result would not pass `ambassade check`: these are the problems it would bring.
    Invalid(Diagnostics),
}

fn refused(message: impl Into<String>, hint: impl Into<String>) -> NewError {
    NewError::Refused {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Creates `item` in the site folder `root`. `today` dates kit items and is the check's
/// reference date.
pub fn create(root: &Path, item: &NewItem, today: Reference) -> Result<Created, NewError> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(refused(
            format!("{} has no content/ folder", root.display()),
            "run the command in a site folder, or pass --root DIR",
        ));
    }
    let change = plan(&content, item, today)?;
    let opts = Options {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        // Drafts too: a new draft must be as sound as anything else.
        drafts: true,
        today,
    };
    let before = crate::check(&opts);
    change.apply(root)?;
    let after = crate::check(&opts);
    let new_errors = new_errors(&before, &after);
    if !new_errors.is_empty() {
        change.undo(root);
        return Err(NewError::Invalid(new_errors));
    }
    Ok(change.created)
}

/// The errors of `after` that `before` did not have.
fn new_errors(before: &Diagnostics, after: &Diagnostics) -> Diagnostics {
    let old: Vec<String> = before.errors().map(|d| d.to_string()).collect();
    let mut out = Diagnostics::new();
    for d in after.errors() {
        if !old.contains(&d.to_string()) {
            out.push(d.clone());
        }
    }
    out
}

/// A change ready to be written, and how to undo it.
struct Change {
    created: Created,
    /// The full new text of the file.
    text: String,
    /// The file's text before, when it existed (appending).
    previous: Option<String>,
}

impl Change {
    fn apply(&self, root: &Path) -> Result<(), NewError> {
        let path = root.join(&self.created.path);
        let shown = self.created.path.display();
        let io_err = |e: io::Error| {
            refused(
                format!("cannot write {shown}: {e}"),
                "check the folder's permissions",
            )
        };
        if self.previous.is_some() {
            // Through a temporary file and a rename, so that an interrupted write never leaves
            // a half-written lexicon behind.
            let tmp = path.with_extension("yaml.new-tmp");
            fs::write(&tmp, &self.text).map_err(io_err)?;
            fs::rename(&tmp, &path).map_err(|e| {
                let _ = fs::remove_file(&tmp);
                io_err(e)
            })?;
        } else {
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(io_err)?;
            }
            // `create_new` refuses to replace a file that appeared since the plan was made.
            let mut f = fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| {
                    if e.kind() == io::ErrorKind::AlreadyExists {
                        exists(&self.created.path)
                    } else {
                        io_err(e)
                    }
                })?;
            f.write_all(self.text.as_bytes()).map_err(io_err)?;
        }
        Ok(())
    }

    fn undo(&self, root: &Path) {
        let path = root.join(&self.created.path);
        match &self.previous {
            Some(text) => {
                let _ = fs::write(&path, text);
            }
            None => {
                let _ = fs::remove_file(&path);
            }
        }
    }
}

fn exists(path: &Path) -> NewError {
    refused(
        format!("{} already exists", path.display()),
        "nothing was overwritten: choose another title, or pass --slug NAME",
    )
}

fn plan(content: &Path, item: &NewItem, today: Reference) -> Result<Change, NewError> {
    match item {
        NewItem::Event {
            title,
            start,
            end,
            level,
            slug,
            draft,
        } => {
            let slug = file_slug(title, slug.as_deref())?;
            let path = PathBuf::from(format!("content/events/{slug}.md"));
            let text = event_text(title, start, end.as_deref(), *level, *draft)?;
            new_file(content, path, slug, text)
        }
        NewItem::Page { title, slug, draft } => {
            let slug = file_slug(title, slug.as_deref())?;
            let path = PathBuf::from(format!("content/pages/{slug}.md"));
            let text = page_text(title, &slug, *draft)?;
            new_file(content, path, slug, text)
        }
        NewItem::Term { term, id } => {
            let id = entry_id(term, id.as_deref())?;
            let entry = term_entry(term, &id)?;
            let (file, list) = ("lexicon.yaml", "terms");
            append(content, file, list, &id, &entry, |text| {
                let f: raw::LexiconFile = parse_yaml(text)?;
                Ok(f.terms
                    .iter()
                    .map(|t| (t.id.clone(), t.term.clone()))
                    .collect())
            })
        }
        NewItem::Network {
            name,
            id,
            level,
            url,
        } => {
            let id = entry_id(name, id.as_deref())?;
            let entry = network_entry(name, &id, *level, url.as_deref())?;
            append(content, "networks.yaml", "networks", &id, &entry, |text| {
                let f: raw::NetworksFile = parse_yaml(text)?;
                Ok(f.networks
                    .iter()
                    .map(|n| (n.id.clone(), n.name.clone()))
                    .collect())
            })
        }
        NewItem::KitItem {
            title,
            id,
            kind,
            language,
            file,
            url,
        } => {
            let id = entry_id(title, id.as_deref())?;
            // The kit's dates are the site's dates; Brussels is the default zone of every site.
            let updated = today.date_in(chrono_tz::Europe::Brussels);
            let entry = kit_entry(
                title,
                &id,
                *kind,
                language,
                updated,
                file.as_deref(),
                url.as_deref(),
            )?;
            append(content, "kit.yaml", "items", &id, &entry, |text| {
                let f: raw::KitFile = parse_yaml(text)?;
                Ok(f.items
                    .iter()
                    .map(|i| (i.id.clone(), i.title.clone()))
                    .collect())
            })
        }
    }
}

fn parse_yaml<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_yaml::from_str(text).map_err(|e| e.to_string())
}

fn new_file(content: &Path, path: PathBuf, slug: Slug, text: String) -> Result<Change, NewError> {
    let site_root = content.parent().unwrap_or(Path::new("."));
    if site_root.join(&path).exists() {
        return Err(exists(&path));
    }
    Ok(Change {
        created: Created {
            path,
            id: slug.to_string(),
            line: 1,
            appended: false,
        },
        text,
        previous: None,
    })
}

/// The file name for `title`, or the one given with `--slug`, checked.
fn file_slug(title: &str, given: Option<&str>) -> Result<Slug, NewError> {
    match given {
        Some(s) => Slug::parse(s).ok_or_else(|| {
            refused(
                format!("`{s}` cannot be used as a file name"),
                "use lowercase letters without accents, digits and single dashes, e.g. salon-2027",
            )
        }),
        None => Slug::from_text(title).ok_or_else(|| {
            refused(
                format!("no file name can be made from the title `{title}`"),
                "put letters or digits in the title, or pass --slug NAME",
            )
        }),
    }
}

/// The id for an entry of a YAML list, given or made from its text.
fn entry_id(text: &str, given: Option<&str>) -> Result<Slug, NewError> {
    match given {
        Some(s) => Slug::parse(s).ok_or_else(|| {
            refused(
                format!("`{s}` is not a valid id"),
                "use lowercase letters without accents, digits and single dashes, e.g. groupe-d-appui",
            )
        }),
        None => Slug::from_text(text).ok_or_else(|| {
            refused(
                format!("no id can be made from `{text}`"),
                "put letters or digits in it, or pass --id NAME",
            )
        }),
    }
}

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

fn event_text(
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
# status: tentative             # confirmed (default), tentative or cancelled
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

fn page_text(title: &str, slug: &Slug, draft: bool) -> Result<String, NewError> {
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

fn term_entry(term: &str, id: &Slug) -> Result<String, NewError> {
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

fn network_entry(
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

fn kit_entry(
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

/// Plans appending `entry` (a list item written at indentation 0) to the `list` of
/// `content/<file>`. `items` reads the file's current items as (id, text) pairs.
fn append(
    content: &Path,
    file: &str,
    list: &str,
    id: &Slug,
    entry: &str,
    items: impl Fn(&str) -> Result<Vec<(Option<String>, String)>, String>,
) -> Result<Change, NewError> {
    let shown = PathBuf::from("content").join(file);
    let path = content.join(file);
    let text = fs::read_to_string(&path).map_err(|e| {
        refused(
            format!("cannot read {}: {e}", shown.display()),
            "every site has this file: copy it from the example site's content/ folder",
        )
    })?;
    let existing = items(&text).map_err(|e| {
        refused(
            format!("{} cannot be read as it is: {e}", shown.display()),
            "fix the file first (`ambassade check` shows where), then run the command again",
        )
    })?;
    for (given, name) in &existing {
        let other = given
            .as_deref()
            .and_then(Slug::parse)
            .or_else(|| Slug::from_text(name));
        if other.as_ref() == Some(id) {
            return Err(refused(
                format!(
                    "{} already has an entry with the id `{id}` ({name})",
                    shown.display()
                ),
                "nothing was added: edit the existing entry, or pass --id NAME for a different one",
            ));
        }
    }
    let (indent, separate) = list_layout(&text, list, &shown)?;
    let mut new_text = text.clone();
    if !new_text.ends_with('\n') {
        new_text.push('\n');
    }
    if separate {
        new_text.push('\n');
    }
    let line = new_text.lines().count() + 1;
    let pad = " ".repeat(indent);
    for l in entry.lines() {
        new_text.push_str(&pad);
        new_text.push_str(l);
        new_text.push('\n');
    }
    // The result must read back with one more item, ours last: otherwise the list was not
    // where the text scan thought, and nothing is written.
    let after = items(&new_text).ok();
    let ours_last = after.as_ref().is_some_and(|v| {
        v.len() == existing.len() + 1
            && v.last().and_then(|(i, _)| i.as_deref()) == Some(id.as_str())
    });
    if !ours_last {
        return Err(refused(
            format!(
                "cannot add to the `{list}:` list of {} without rewriting the file",
                shown.display()
            ),
            format!("add the entry by hand at the end of the `{list}:` list (see the README)"),
        ));
    }
    Ok(Change {
        created: Created {
            path: shown,
            id: id.to_string(),
            line,
            appended: true,
        },
        text: new_text,
        previous: Some(text),
    })
}

/// Where items of the top-level `list` go: their indentation, and whether the existing items
/// are separated by blank lines (then so is ours). Refuses when `list` is not the last
/// top-level key or is written in flow style (`[…]`).
fn list_layout(text: &str, list: &str, shown: &Path) -> Result<(usize, bool), NewError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut keys: Vec<(usize, String)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 && (l.starts_with("---") || l.starts_with("...")) {
            return Err(refused(
                format!("{} holds several YAML documents", shown.display()),
                "keep one document per file (remove the `---` or `...` lines)",
            ));
        }
        let top = !l.is_empty()
            && !l.starts_with(char::is_whitespace)
            && !l.starts_with('#')
            && !l.starts_with('-')
            && !l.starts_with("---");
        if top {
            let key = l
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            keys.push((i, key.to_string()));
        }
    }
    let Some((at, last)) = keys.last() else {
        return Err(refused(
            format!("{} has no `{list}:` list", shown.display()),
            format!("add a `{list}:` list at the end of the file"),
        ));
    };
    if last != list {
        let hint = if keys.iter().any(|(_, k)| k == list) {
            format!(
                "move the `{list}:` list to the end of the file (after `{last}:`), then run the command again"
            )
        } else {
            format!("add a `{list}:` list at the end of the file")
        };
        return Err(refused(
            format!(
                "`{list}:` is not the last part of {}: new entries are added at the end of the file",
                shown.display()
            ),
            hint,
        ));
    }
    let after_colon = lines[*at].split_once(':').map(|(_, v)| v).unwrap_or("");
    let value = after_colon.split(" #").next().unwrap_or("").trim();
    if !value.is_empty() {
        return Err(refused(
            format!(
                "the `{list}:` list of {} is written on one line",
                shown.display()
            ),
            format!("write it with one `- ` item per line under `{list}:` (see the README)"),
        ));
    }
    let mut indent = 2;
    let mut item_lines = Vec::new();
    for (i, l) in lines.iter().enumerate().skip(at + 1) {
        let t = l.trim_start();
        if t.starts_with("- ") || t == "-" {
            let this = l.len() - t.len();
            if item_lines.is_empty() {
                indent = this;
            }
            if this == indent {
                item_lines.push(i);
            }
        }
    }
    // Blank lines between items in the file: keep the habit.
    let separate = item_lines.windows(2).any(|w| {
        lines
            .get(w[1].saturating_sub(1))
            .is_some_and(|l| l.trim().is_empty())
    });
    Ok((indent, separate))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> Result<(usize, bool), String> {
        list_layout(text, "terms", Path::new("content/lexicon.yaml")).map_err(|e| match e {
            NewError::Refused { message, .. } => message,
            NewError::Invalid(_) => "invalid".into(),
        })
    }

    #[test]
    fn finds_the_indentation_and_spacing_of_the_list() {
        assert_eq!(layout("terms:\n  - term: a\n  - term: b\n"), Ok((2, false)));
        assert_eq!(
            layout("introduction: |\n  x\nterms:\n- term: a\n\n- term: b\n"),
            Ok((0, true))
        );
        assert_eq!(layout("terms:\n"), Ok((2, false)));
    }

    #[test]
    fn refuses_a_list_that_is_not_last_or_is_on_one_line() {
        let e = layout("terms:\n  - term: a\nintroduction: x\n").unwrap_err();
        assert!(e.contains("not the last part"), "{e}");
        let e = layout("introduction: x\nterms: [ ]\n").unwrap_err();
        assert!(e.contains("on one line"), "{e}");
        let e = layout("introduction: x\n").unwrap_err();
        assert!(e.contains("not the last part"), "{e}");
        let e = layout("terms:\n  - term: a\n---\nterms: []\n").unwrap_err();
        assert!(e.contains("several YAML documents"), "{e}");
    }

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
