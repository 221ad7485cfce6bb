//! The `ambassade` command: parses arguments, calls the library, prints problems, and maps
//! the outcome to an exit status (0 ok, 1 content problems, 2 usage errors).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use ambassade::content::Reference;
use ambassade::diagnostic::Diagnostics;
use ambassade::Options;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "ambassade",
    version,
    about = "Builds the website of SMart's ambassadors programme from content/"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from DIR/content into DIR/public (or --output)
    Build(BuildArgs),
    /// Load, validate and render everything in memory; write nothing
    Check(CommonArgs),
}

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

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// Output folder (default: DIR/public)
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Public address of the site, overriding base_url of site.yaml
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
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

fn report(diags: &Diagnostics) {
    for d in diags.sorted() {
        eprintln!("{d}");
    }
    let errors = diags.errors().count();
    let warnings = diags.len() - errors;
    if errors > 0 || warnings > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let started = Instant::now();
    let result = match &cli.command {
        Command::Build(args) => options(&args.common).map(|mut o| {
            o.output = args.output.clone();
            o.base_url = args.base_url.clone();
            let out_dir = o.output_dir();
            match ambassade::build(&o) {
                Ok(g) => {
                    report(&g.warnings);
                    let pages = g.output.count_ending(".html");
                    let feeds = g.output.count_ending(".ics");
                    println!(
                        "built {pages} pages, {feeds} calendar files, {} events in {} ms → {}",
                        g.site.content.events.len(),
                        started.elapsed().as_millis(),
                        out_dir.display()
                    );
                    true
                }
                Err(d) => {
                    report(&d);
                    eprintln!("build failed: {} left unchanged", out_dir.display());
                    false
                }
            }
        }),
        Command::Check(common) => options(common).map(|o| {
            let d = ambassade::check(&o);
            report(&d);
            if d.has_errors() {
                false
            } else {
                println!("content is sound ({} ms)", started.elapsed().as_millis());
                true
            }
        }),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(usage) => {
            eprintln!("error: {usage}");
            ExitCode::from(2)
        }
    }
}
