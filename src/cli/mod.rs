//! The command line: the clap definition of `ambassade`, what its commands share (the site
//! folder, drafts, the reference date) and the dispatch to one module per command.
//!
//! Each command returns `Ok(true)` when it did its work, `Ok(false)` when it found problems
//! (already printed) and `Err` for a usage error; `main` turns these into exit statuses.

mod build;
mod check;
mod matching;
mod new;
mod schema;
mod serve;
mod sheets;

use std::path::{Path, PathBuf};
use std::time::Instant;

use ambassade::content::Reference;
use ambassade::diagnostic::Diagnostics;
use ambassade::i18n::{render, Lang};
use ambassade::msg;
use ambassade::{report, Options};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "ambassade",
    version,
    about = "Builds the website of SMart's ambassadors programme from content/"
)]
pub struct Cli {
    /// The language of messages, fr or en (default: the locale, $LANG, if it is one of them,
    /// else the site's `language`, else fr)
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from DIR/content into DIR/public (or --output)
    Build(build::BuildArgs),
    /// Load, validate and render everything in memory; write nothing
    Check(check::CheckArgs),
    /// Preview the site: build in memory, serve it, rebuild and reload pages on every change
    Serve(serve::ServeArgs),
    /// Start a new event, page, lexicon term, network or kit item
    New(new::NewArgs),
    /// Write the JSON Schemas of the content files (for editors' autocompletion)
    Schema(schema::SchemaArgs),
    /// Rank the ambassadors for each open call from their private profiles (support group)
    #[command(after_help = matching::SCORE_HELP)]
    Match(matching::MatchArgs),
    /// Write each ambassador's identification sheet, filled in from their private profile
    Sheets(sheets::SheetsArgs),
}

/// What `build`, `check` and `serve` share.
#[derive(Args)]
struct CommonArgs {
    /// The site folder, holding content/
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Include content marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// The reference date for upcoming/past events (default: $SOURCE_DATE_EPOCH, else today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    today: Option<NaiveDate>,
}

impl Cli {
    /// Runs the command; `started` is when the process began, for the durations it prints.
    pub fn run(&self, started: Instant) -> Result<bool, String> {
        match &self.command {
            Command::Build(args) => build::run(args, self.lang, started),
            Command::Check(args) => check::run(args, self.lang, started),
            Command::Serve(args) => serve::run(args, self.lang),
            Command::New(args) => new::run(args, self.lang),
            Command::Schema(args) => schema::run(args, self.lang),
            Command::Match(args) => matching::run(args, self.lang),
            Command::Sheets(args) => sheets::run(args, self.lang),
        }
    }

    /// The language of the messages of this run (for the `error:` of a usage error).
    pub fn lang(&self) -> Lang {
        let root = match &self.command {
            Command::Build(args) => &args.common.root,
            Command::Check(args) => &args.common.root,
            Command::Serve(args) => &args.common.root,
            Command::New(args) => args.root(),
            Command::Schema(args) => args.root(),
            Command::Match(args) => &args.common.root,
            Command::Sheets(args) => &args.common.root,
        };
        lang(self.lang, root)
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("`{s}` is not a language of the messages: fr or en"))
}

/// The language of the messages: `--lang`, else the locale of the environment, else the
/// `language` of the site in `root`, else French. Read once per run, here: the library is
/// given the result.
fn lang(flag: Option<Lang>, root: &Path) -> Lang {
    // The locale as POSIX reads it for messages: LC_ALL, else LC_MESSAGES, else LANG.
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    let site = ambassade::i18n::site_language(root);
    Lang::pick(flag.map(Lang::code), locale.as_deref(), site.as_deref())
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date in the form YYYY-MM-DD"))
}

/// `--today`, else `SOURCE_DATE_EPOCH` (reproducible builds), else the clock.
fn reference(today: Option<NaiveDate>, lang: Lang) -> Result<Reference, String> {
    if let Some(d) = today {
        return Ok(Reference::Date(d));
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .map(Reference::Epoch)
            .map_err(|_| render(lang, &msg!("cli-epoch-not-a-number", value = v.as_str()))),
        _ => Ok(Reference::Epoch(chrono::Utc::now().timestamp())),
    }
}

fn options(common: &CommonArgs, lang: Lang) -> Result<Options, String> {
    Ok(Options {
        root: common.root.clone(),
        output: None,
        base_url: None,
        drafts: common.drafts,
        today: reference(common.today, lang)?,
    })
}

/// Prints problems on stderr: coloured on a terminal, plain when piped or with NO_COLOR.
/// Writes a command's text output (a report, a ranking) to the file the user named, or says
/// why it could not, in the user's language.
fn write_output(path: &Path, text: &str, lang: Lang) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| {
        render(
            lang,
            &msg!(
                "cli-report-not-written",
                path = path.display().to_string(),
                error = e.to_string()
            ),
        )
    })
}

fn report(diags: &Diagnostics, root: &Path, lang: Lang) {
    eprint!(
        "{}",
        report::human(diags, root, lang, report::colour_on_stderr())
    );
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        // clap checks its definition (conflicting names, bad defaults…) only when asked.
        Cli::command().debug_assert();
    }
}
