//! `ambassade build`: the site into its output folder, and a one-line summary.

use std::path::PathBuf;
use std::time::Instant;

use ambassade::i18n::{render, Lang};
use ambassade::msg;
use ambassade::output::Replace;
use ambassade::progress::Progress;
use clap::Args;

use super::{lang, options, report, CommonArgs};

#[derive(Args)]
pub(super) struct BuildArgs {
    #[command(flatten)]
    pub(super) common: CommonArgs,
    /// Output folder (default: DIR/public)
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Public address of the site, overriding base_url of site.yaml
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Replace the output folder even if it holds files ambassade did not write (it has no
    /// .ambassade-output file): they are deleted
    #[arg(long)]
    force: bool,
}

pub(super) fn run(args: &BuildArgs, flag: Option<Lang>, started: Instant) -> Result<bool, String> {
    let lang = lang(flag, &args.common.root);
    let mut o = options(&args.common, lang)?;
    o.output = args.output.clone();
    o.base_url = args.base_url.clone();
    let out_dir = o.output_dir();
    let result = {
        let _progress = Progress::start(&render(lang, &msg!("cli-building")));
        let replace = if args.force {
            Replace::Anything
        } else {
            Replace::OnlyOurs
        };
        ambassade::build_with(&o, replace)
    };
    match result {
        Ok(g) => {
            report(&g.warnings, &o.root, lang);
            let files = &g.output.files;
            let html = |k: &&String| k.ends_with(".html");
            let sheet = |k: &&String| {
                k.starts_with("fiches/") || k.contains("/fiches/") || k.contains("/fiche-mission/")
            };
            let sheets = files.keys().filter(html).filter(sheet).count();
            let pages = files.keys().filter(html).count() - sheets;
            let feeds = g.output.count_ending(".ics");
            let others = files.len() - pages - sheets - feeds;
            let built = msg!(
                "cli-built",
                pages = pages,
                sheets = sheets,
                feeds = feeds,
                others = others,
                events = g.site.content.events.len(),
                ms = started.elapsed().as_millis(),
                output = out_dir.display().to_string(),
            );
            println!("{}", render(lang, &built));
            // The process ends here: freeing the site model's hundreds of thousands of small
            // allocations one by one took 3-4 % of a rebuild; the system takes the memory back
            // at once.
            std::mem::forget(g);
            Ok(true)
        }
        Err(d) => {
            report(&d, &o.root, lang);
            let output = out_dir.display().to_string();
            eprintln!(
                "{}",
                render(lang, &msg!("cli-build-failed", output = output))
            );
            Ok(false)
        }
    }
}
