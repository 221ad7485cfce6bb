//! `ambassade new`: a new event, page, term, network or kit item, written only if the site
//! still passes `ambassade check` with it.

use std::path::{Path, PathBuf};

use ambassade::i18n::{render, Lang};
use ambassade::msg;
use ambassade::scaffold::{create, NewError, NewItem};
use chrono::NaiveDate;
use clap::error::ErrorKind;
use clap::{ArgMatches, Args, Command, FromArgMatches, Subcommand};

use super::{lang, parse_today, reference, report};

#[derive(Args)]
struct RootArg {
    /// The site folder, holding content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
}

#[derive(Args)]
pub(super) struct NewArgs {
    #[command(subcommand)]
    what: NewCommand,
    /// The date written as a kit item's `updated` and used by the check of the result
    /// (default: $SOURCE_DATE_EPOCH, else today)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<NaiveDate>,
}

/// A `NewItem` and the site folder to create it in. The site folder is not part of what to
/// create, so `NewItem` does not hold it: `--root` is added to each of its subcommands here,
/// after their own arguments (where it always was in the help), and read from the matches of
/// whichever subcommand was given.
struct NewCommand {
    item: NewItem,
    root: RootArg,
}

impl FromArgMatches for NewCommand {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let item = NewItem::from_arg_matches(matches)?;
        let root = match matches.subcommand() {
            Some((_, sub)) => RootArg::from_arg_matches(sub)?,
            None => return Err(clap::Error::new(ErrorKind::MissingSubcommand)),
        };
        Ok(NewCommand { item, root })
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = NewCommand::from_arg_matches(matches)?;
        Ok(())
    }
}

impl NewArgs {
    /// The site folder, whichever kind is created.
    pub(super) fn root(&self) -> &Path {
        &self.what.root.root
    }
}

impl Subcommand for NewCommand {
    fn augment_subcommands(cmd: Command) -> Command {
        NewItem::augment_subcommands(cmd).mut_subcommands(RootArg::augment_args)
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        NewItem::augment_subcommands_for_update(cmd)
            .mut_subcommands(RootArg::augment_args_for_update)
    }

    fn has_subcommand(name: &str) -> bool {
        NewItem::has_subcommand(name)
    }
}

pub(super) fn run(args: &NewArgs, flag: Option<Lang>) -> Result<bool, String> {
    let NewCommand { item, root } = &args.what;
    let lang = lang(flag, &root.root);
    let today = reference(args.today, lang)?;
    let say = |m: &ambassade::i18n::Msg| render(lang, m);
    match create(&root.root, item, today, lang) {
        Ok(c) if c.appended => {
            let file = c.path.display().to_string();
            println!(
                "{}",
                say(&msg!("new-added", id = c.id, line = c.line, file = file))
            );
            Ok(true)
        }
        Ok(c) => {
            let file = root.root.join(&c.path).display().to_string();
            println!("{}", say(&msg!("new-created", file = file)));
            if c.draft {
                println!("  {}", say(&msg!("new-created-draft")));
            }
            Ok(true)
        }
        Err(NewError::Refused { message, hint }) => {
            eprintln!(
                "{}: {}\n  {}: {}",
                say(&msg!("common-error")),
                message.in_lang(lang),
                say(&msg!("common-hint")),
                hint.in_lang(lang)
            );
            Ok(false)
        }
        Err(NewError::Invalid(diags)) => {
            report(&diags, &root.root, lang);
            eprintln!("{}", say(&msg!("new-nothing-written")));
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::super::{Cli, Command};
    use super::*;

    fn parse(args: &[&str]) -> Result<NewArgs, clap::Error> {
        let cli = Cli::try_parse_from(args)?;
        match cli.command {
            Command::New(args) => Ok(args),
            _ => panic!("not `new`: {args:?}"),
        }
    }

    #[test]
    fn root_is_read_before_and_after_the_other_arguments() {
        let before = [
            "ambassade",
            "new",
            "event",
            "T",
            "--root",
            "site",
            "--start",
            "2027-01-02",
        ];
        let after = [
            "ambassade",
            "new",
            "event",
            "T",
            "--start",
            "2027-01-02",
            "--root",
            "site",
        ];
        for args in [&before[..], &after[..]] {
            let parsed = parse(args).expect("parses");
            assert_eq!(parsed.what.root.root, PathBuf::from("site"));
            assert!(
                matches!(&parsed.what.item, NewItem::Event { start, .. } if start == "2027-01-02")
            );
        }
        let default = parse(&["ambassade", "new", "term", "X", "--today", "2026-11-26"]);
        let default = default.expect("parses");
        assert_eq!(default.what.root.root, PathBuf::from("."));
        assert_eq!(default.today, NaiveDate::from_ymd_opt(2026, 11, 26));
    }

    #[test]
    fn root_belongs_to_the_kind_not_to_new() {
        assert!(parse(&["ambassade", "new", "--root", "site", "page", "P"]).is_err());
    }
}
