//! `ambassade sheets`: each ambassador's identification sheet filled in from their private
//! profile, one printable HTML file per ambassador, in a folder outside the site.

use std::path::PathBuf;

use ambassade::content::private;
use ambassade::diagnostic::{Diagnostic, Diagnostics};
use ambassade::i18n::{render, Lang};
use ambassade::msg;
use ambassade::output::{Body, Output, Sink};
use clap::Args;

use super::matching::{load_profiles, private_dir};
use super::{lang, options, report, CommonArgs};

#[derive(Args)]
pub(super) struct SheetsArgs {
    #[command(flatten)]
    pub(super) common: CommonArgs,
    /// The private folder, holding ambassadeurs/<id>.yaml (default: DIR/private)
    #[arg(long, value_name = "DIR")]
    private: Option<PathBuf>,
    /// Where to write <id>.html; never inside the output folder or content/
    #[arg(long, value_name = "OUT")]
    out: PathBuf,
}

pub(super) fn run(args: &SheetsArgs, flag: Option<Lang>) -> Result<bool, String> {
    let lang = lang(flag, &args.common.root);
    let o = options(&args.common, lang)?;
    let fail = |d: Diagnostic| {
        let mut ds = Diagnostics::new();
        ds.push(d);
        report(&ds, &o.root, lang);
        Ok(false)
    };
    if let Err(d) = private::check_destination(&o.root, &args.out, &o.output_dir()) {
        return fail(d);
    }
    let prepared = match ambassade::prepare(&o, None) {
        Ok(p) => p,
        Err(d) => {
            report(&d, &o.root, lang);
            return Ok(false);
        }
    };
    let dir = private_dir(&args.private, &o.root);
    let sheet = &prepared.site.content.sheets.identification;
    let Some(profiles) = load_profiles(&o, &dir, sheet, lang) else {
        return Ok(false);
    };
    let cx = prepared.render_cx();
    let mut out = Output::new(Sink::Memory);
    for p in &profiles {
        let path = format!("/{}.html", p.id);
        ambassade::render::sheets::profile_sheet(&cx, p, &path, &mut out);
    }
    if out.problems.has_errors() {
        report(&out.problems, &o.root, lang);
        return Ok(false);
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        return fail(Diagnostic::error(
            &args.out,
            msg!("private-sheets-not-written", error = e.to_string()),
        ));
    }
    for (name, body) in &out.files {
        let Body::Bytes(bytes) = body else { continue };
        let path = args.out.join(name);
        if let Err(e) = std::fs::write(&path, bytes) {
            return fail(Diagnostic::error(
                &path,
                msg!("private-sheets-not-written", error = e.to_string()),
            ));
        }
    }
    let m = msg!(
        "private-sheets-wrote",
        count = out.files.len(),
        folder = args.out.display().to_string()
    );
    println!("{}", render(lang, &m));
    Ok(true)
}
