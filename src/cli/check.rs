//! `ambassade check`: everything a build does, in memory; the problems as text or JSON.

use std::time::Instant;

use clap::{Args, ValueEnum};

use super::{options, report, CommonArgs};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One line per problem with an excerpt and a hint (coloured on a terminal)
    Human,
    /// A JSON object on stdout: {"errors", "warnings", "diagnostics": [...]}
    Json,
}

#[derive(Args)]
pub(super) struct CheckArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// How to print the problems
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

pub(super) fn run(args: &CheckArgs, started: Instant) -> Result<bool, String> {
    let o = options(&args.common)?;
    let d = ambassade::check(&o);
    match args.format {
        Format::Json => {
            println!("{}", ambassade::report::json(&d));
        }
        Format::Human => {
            report(&d, &o.root);
            if !d.has_errors() {
                println!("content is sound ({} ms)", started.elapsed().as_millis());
            }
        }
    }
    Ok(!d.has_errors())
}
