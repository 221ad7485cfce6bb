//! `ambassade check`: everything a build does, in memory; the problems as text, JSON, or what
//! GitHub and GitLab show on the lines of a commit.

use std::path::PathBuf;
use std::time::Instant;

use ambassade::diagnostic::Diagnostics;
use ambassade::i18n::{render, Lang};
use ambassade::msg;
use clap::{Args, ValueEnum};

use super::{lang, options, report, write_output, CommonArgs};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per problem with an excerpt and a hint (coloured on a terminal)
    Human,
    /// A JSON object: {"errors", "warnings", "diagnostics": [...]}
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…::…`), one line per problem
    Github,
    /// A GitLab Code Quality report (a JSON array)
    Gitlab,
}

#[derive(Args)]
pub(super) struct CheckArgs {
    #[command(flatten)]
    pub(super) common: CommonArgs,
    /// How to print the problems
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Write the json, github or gitlab report to FILE instead of stdout (the problems are
    /// then also shown as text on stderr)
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Apply the safe fixes first (quote text holding `: `), saying what changed, then check
    #[arg(long)]
    fix: bool,
    /// Show every warning one by one, also those that stand from run to run (old kit items),
    /// which are otherwise summarised as a count
    #[arg(long, visible_alias = "all")]
    verbose: bool,
    /// Also check the ambassadors' private profiles of DIR (DIR/ambassadeurs/<id>.yaml)
    /// against the identification sheet, every ambassador id of the events against them, and
    /// that DIR is neither inside content/ nor inside the output folder
    #[arg(long, value_name = "DIR")]
    private: Option<PathBuf>,
}

pub(super) fn run(args: &CheckArgs, flag: Option<Lang>, started: Instant) -> Result<bool, String> {
    let lang = lang(flag, &args.common.root);
    if args.format == Format::Human && args.output.is_some() {
        return Err(render(lang, &msg!("cli-output-needs-format")));
    }
    let o = options(&args.common, lang)?;
    let mut d = ambassade::check(&o);
    if args.fix {
        d = fix(&o, d, lang);
    }
    if let Some(dir) = &args.private {
        let load = ambassade::content::LoadOptions {
            drafts: o.drafts,
            base_url: None,
            today: o.today,
        };
        d.extend(ambassade::content::private::check(
            &o.root,
            dir,
            &o.output_dir(),
            &load,
        ));
    }
    let text = match args.format {
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
            return Ok(!d.has_errors());
        }
        Format::Json => format!("{}\n", ambassade::report::json(&d, lang)),
        Format::Github => ambassade::report::ci::github(&d, &o.root, lang),
        Format::Gitlab => format!("{:#}\n", ambassade::report::ci::gitlab(&d, &o.root, lang)),
    };
    match &args.output {
        None => print!("{text}"),
        Some(path) => {
            write_output(path, &text, lang)?;
            // The log of a CI job still reads as `check` always did.
            report(&d, &o.root, lang);
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
