//! `ambassade check`: everything a build does, in memory; the problems as text or JSON.

use std::time::Instant;

use ambassade::diagnostic::Diagnostics;
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
    common: CommonArgs,
    /// How to print the problems
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Apply the safe fixes first (quote text holding `: `), saying what changed, then check
    #[arg(long)]
    fix: bool,
    /// Show every warning one by one, also those that stand from run to run (old kit items),
    /// which are otherwise summarised as a count
    #[arg(long, visible_alias = "all")]
    verbose: bool,
}

pub(super) fn run(args: &CheckArgs, flag: Option<Lang>, started: Instant) -> Result<bool, String> {
    let o = options(&args.common)?;
    let lang = lang(flag, &o.root);
    let mut d = ambassade::check(&o);
    if args.fix {
        d = fix(&o, d, lang);
    }
    match args.format {
        Format::Json => {
            println!("{}", ambassade::report::json(&d, lang));
        }
        Format::Human => {
            if args.verbose {
                let all = ambassade::report::human_all(
                    &d,
                    &o.root,
                    lang,
                    ambassade::report::colour_on_stderr(),
                );
                eprint!("{all}");
            } else {
                report(&d, &o.root, lang);
            }
            if !d.has_errors() {
                let ms = started.elapsed().as_millis();
                println!("{}", render(lang, &msg!("cli-check-sound", ms = ms)));
            }
        }
    }
    Ok(!d.has_errors())
}

/// Applies the safe fixes until none is left (YAML stops at a file's first error, so a file
/// with two unquoted titles takes two rounds), printing each change on stderr; the problems of
/// the last round.
fn fix(o: &ambassade::Options, mut d: Diagnostics, lang: Lang) -> Diagnostics {
    // Each round fixes at least one line, and files have a bounded number of lines; the
    // bound only guards against a fix that would not stick.
    for _ in 0..1000 {
        let changes = ambassade::content::fix::apply(&o.root, &d);
        if changes.is_empty() {
            break;
        }
        for c in &changes {
            let line = msg!(
                "yaml-fix-changed",
                file = c.file.display().to_string(),
                line = c.line,
                before = c.before.trim(),
                after = c.after.trim()
            );
            eprintln!("{}", render(lang, &line));
        }
        d = ambassade::check(o);
    }
    d
}
