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

mod append;
mod texts;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::content::raw;
use crate::content::Reference;
use crate::diagnostic::Diagnostics;
use crate::i18n::{Lang, Text};
use crate::model::{KitKind, Level, Slug};
use crate::msg;
use crate::Options;
use append::append;
use texts::{event_text, kit_entry, network_entry, page_text, term_entry};

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
        /// Accepted for older scripts: a new event is always a draft, until its text is written
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
    /// True when the new file is marked `draft: true`.
    pub draft: bool,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum NewError {
    /// The request cannot be carried out as asked (existing file, duplicate id, bad date…).
    Refused { message: Text, hint: Text },
    /// The result would not pass `ambassade check`: these are the problems it would bring.
    Invalid(Diagnostics),
}

fn refused(message: impl Into<Text>, hint: impl Into<Text>) -> NewError {
    NewError::Refused {
        message: message.into(),
        hint: hint.into(),
    }
}

/// Creates `item` in the site folder `root`. `today` dates kit items and is the check's
/// reference date; the comments of what is written are in `lang`.
pub fn create(
    root: &Path,
    item: &NewItem,
    today: Reference,
    lang: Lang,
) -> Result<Created, NewError> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(refused(
            msg!("new-no-content", folder = root.display().to_string()),
            msg!("new-no-content-hint"),
        ));
    }
    let change = plan(&content, item, today, lang)?;
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
                msg!(
                    "new-cannot-write",
                    file = shown.to_string(),
                    error = e.to_string()
                ),
                msg!("new-cannot-write-hint"),
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
        msg!("new-exists", file = path.display().to_string()),
        msg!("new-exists-hint"),
    )
}

fn plan(content: &Path, item: &NewItem, today: Reference, lang: Lang) -> Result<Change, NewError> {
    match item {
        NewItem::Event {
            title,
            start,
            end,
            level,
            slug,
            draft: _,
        } => {
            let slug = file_slug(title, slug.as_deref())?;
            let path = PathBuf::from(format!("content/events/{slug}.md"));
            // Always a draft: its placeholder text is not for the public site.
            let text = event_text(lang, title, start, end.as_deref(), *level)?;
            new_file(content, path, slug, text, true)
        }
        NewItem::Page { title, slug, draft } => {
            let slug = file_slug(title, slug.as_deref())?;
            let path = PathBuf::from(format!("content/pages/{slug}.md"));
            let text = page_text(lang, title, &slug, *draft)?;
            new_file(content, path, slug, text, *draft)
        }
        NewItem::Term { term, id } => {
            let id = entry_id(term, id.as_deref())?;
            let entry = term_entry(lang, term, &id)?;
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
            let entry = network_entry(lang, name, &id, *level, url.as_deref())?;
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
                lang,
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

fn new_file(
    content: &Path,
    path: PathBuf,
    slug: Slug,
    text: String,
    draft: bool,
) -> Result<Change, NewError> {
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
            draft,
        },
        text,
        previous: None,
    })
}

/// The file name for `title`, or the one given with `--slug`, checked.
fn file_slug(title: &str, given: Option<&str>) -> Result<Slug, NewError> {
    match given {
        Some(s) => Slug::parse(s)
            .ok_or_else(|| refused(msg!("new-bad-slug", slug = s), msg!("new-bad-slug-hint"))),
        None => Slug::from_text(title)
            .ok_or_else(|| refused(msg!("new-no-slug", title = title), msg!("new-no-slug-hint"))),
    }
}

/// The id for an entry of a YAML list, given or made from its text.
fn entry_id(text: &str, given: Option<&str>) -> Result<Slug, NewError> {
    match given {
        Some(s) => Slug::parse(s)
            .ok_or_else(|| refused(msg!("new-bad-id", id = s), msg!("new-bad-id-hint"))),
        None => Slug::from_text(text)
            .ok_or_else(|| refused(msg!("new-no-id", text = text), msg!("new-no-id-hint"))),
    }
}
