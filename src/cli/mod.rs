//! The command line: the clap definition of `ambassade`, what its commands share (the site
//! folder, drafts, the reference date) and the dispatch to one module per command.
//!
//! Each command returns `Ok(true)` when it did its work, `Ok(false)` when it found problems
//! (already printed) and `Err` for a usage error; `main` turns these into exit statuses.

mod build;
mod check;
mod new;
mod schema;
mod serve;

use std::path::{Path, PathBuf};
use std::time::Instant;

use ambassade::content::Reference;
use ambassade::diagnostic::Diagnostics;
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
            Command::Build(args) => build::run(args, started),
            Command::Check(args) => check::run(args, started),
            Command::Serve(args) => serve::run(args),
            Command::New(args) => new::run(args),
            Command::Schema(args) => schema::run(args),
        }
    }
}

fn parse_today(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date in the form YYYY-MM-DD"))
}

/// `--today`, else `SOURCE_DATE_EPOCH` (reproducible builds), else the clock.
fn reference(today: Option<NaiveDate>) -> Result<Reference, String> {
    if let Some(d) = today {
        return Ok(Reference::Date(d));
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse::<i64>()
            .map(Reference::Epoch)
            .map_err(|_| format!("SOURCE_DATE_EPOCH=`{v}` is not a number of seconds")),
        _ => Ok(Reference::Epoch(chrono::Utc::now().timestamp())),
    }
}

fn options(common: &CommonArgs) -> Result<Options, String> {
    Ok(Options {
        root: common.root.clone(),
        output: None,
        base_url: None,
        drafts: common.drafts,
        today: reference(common.today)?,
    })
}

/// Prints problems on stderr: coloured on a terminal, plain when piped or with NO_COLOR.
fn report(diags: &Diagnostics, root: &Path) {
    eprint!("{}", report::human(diags, root, report::colour_on_stderr()));
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
