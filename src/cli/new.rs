//! `ambassade new`: a new event, page, term, network or kit item, written only if the site
//! still passes `ambassade check` with it.

use std::path::PathBuf;

use ambassade::model::{KitKind, Level};
use ambassade::scaffold::{create, NewError, NewItem};
use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{parse_today, reference, report};

#[derive(Args)]
struct RootArg {
    /// The site folder, holding content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

#[derive(Args)]
pub(super) struct NewArgs {
    #[command(subcommand)]
    what: NewKind,
    /// The date written as a kit item's `updated` and used by the check of the result
    /// (default: $SOURCE_DATE_EPOCH, else today)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<NaiveDate>,
}

#[derive(Subcommand)]
enum NewKind {
    /// A new event: content/events/<slug>.md
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
        #[command(flatten)]
        root: RootArg,
    },
    /// A new page: content/pages/<slug>.md, published at /<slug>/
    Page {
        /// The page's title; the file name is made from it
        title: String,
        /// The file name without .md (default: made from the title)
        #[arg(long)]
        slug: Option<String>,
        /// Mark it `draft: true` (built only with --drafts)
        #[arg(long)]
        draft: bool,
        #[command(flatten)]
        root: RootArg,
    },
    /// A new term at the end of content/lexicon.yaml
    Term {
        /// The term as written
        term: String,
        /// Its anchor on /lexique/ (default: made from the term)
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        root: RootArg,
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
        #[command(flatten)]
        root: RootArg,
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
        #[command(flatten)]
        root: RootArg,
    },
}

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

pub(super) fn run(args: &NewArgs) -> Result<bool, String> {
    let (item, root) = match &args.what {
        NewKind::Event {
            title,
            start,
            end,
            level,
            slug,
            draft,
            root,
        } => (
            NewItem::Event {
                title: title.clone(),
                start: start.clone(),
                end: end.clone(),
                level: *level,
                slug: slug.clone(),
                draft: *draft,
            },
            root,
        ),
        NewKind::Page {
            title,
            slug,
            draft,
            root,
        } => (
            NewItem::Page {
                title: title.clone(),
                slug: slug.clone(),
                draft: *draft,
            },
            root,
        ),
        NewKind::Term { term, id, root } => (
            NewItem::Term {
                term: term.clone(),
                id: id.clone(),
            },
            root,
        ),
        NewKind::Network {
            name,
            id,
            level,
            url,
            root,
        } => (
            NewItem::Network {
                name: name.clone(),
                id: id.clone(),
                level: *level,
                url: url.clone(),
            },
            root,
        ),
        NewKind::KitItem {
            title,
            id,
            kind,
            language,
            file,
            url,
            root,
        } => (
            NewItem::KitItem {
                title: title.clone(),
                id: id.clone(),
                kind: *kind,
                language: language.clone(),
                file: file.clone(),
                url: url.clone(),
            },
            root,
        ),
    };
    let today = reference(args.today)?;
    match create(&root.root, &item, today) {
        Ok(c) if c.appended => {
            println!(
                "added `{}` at line {} of {}",
                c.id,
                c.line,
                c.path.display()
            );
            Ok(true)
        }
        Ok(c) => {
            println!("created {}", root.root.join(&c.path).display());
            Ok(true)
        }
        Err(NewError::Refused { message, hint }) => {
            eprintln!("error: {message}\n  hint: {hint}");
            Ok(false)
        }
        Err(NewError::Invalid(diags)) => {
            report(&diags, &root.root);
            eprintln!("nothing was written: the result would not pass `ambassade check`");
            Ok(false)
        }
    }
}
