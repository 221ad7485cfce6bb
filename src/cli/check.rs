//! `ambassade check`: everything a build does, in memory; the problems as text or JSON.

use std::time::Instant;

use ambassade::i18n::{render, Lang};
use ambassade::msg;
use clap::{Args, ValueEnum};

use super::{lang, options, report, CommonArgs};

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
    pub(super) common: CommonArgs,
    /// How to print the problems
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

pub(super) fn run(args: &CheckArgs, flag: Option<Lang>, started: Instant) -> Result<bool, String> {
    let lang = lang(flag, &args.common.root);
    let o = options(&args.common, lang)?;
    let d = ambassade::check(&o);
    match args.format {
        Format::Json => {
            println!("{}", ambassade::report::json(&d, lang));
        }
        Format::Human => {
            report(&d, &o.root, lang);
            if !d.has_errors() {
                let ms = started.elapsed().as_millis();
                println!("{}", render(lang, &msg!("cli-check-sound", ms = ms)));
            }
        }
    }
    Ok(!d.has_errors())
}
