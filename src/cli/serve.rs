//! `ambassade serve`: the live preview, with the reference date decided once at start.

use std::net::IpAddr;

use ambassade::content::Reference;
use ambassade::i18n::{render, Lang};
use ambassade::msg;
use ambassade::report;
use ambassade::serve::{serve, ServeOptions};
use clap::Args;

use super::{lang, reference, CommonArgs};

#[derive(Args)]
pub(super) struct ServeArgs {
    #[command(flatten)]
    pub(super) common: CommonArgs,
    /// The port to listen on; 0 picks a free one
    #[arg(long, default_value_t = 8000)]
    port: u16,
    /// The address to listen on; the default is reachable from this computer only
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    bind: IpAddr,
}

pub(super) fn run(args: &ServeArgs, flag: Option<Lang>) -> Result<bool, String> {
    // A fixed date (`--today`, `SOURCE_DATE_EPOCH`), checked here so that a bad value is a
    // usage error at start; otherwise "today" is read at each rebuild.
    let epoch_set = std::env::var("SOURCE_DATE_EPOCH").is_ok_and(|v| !v.trim().is_empty());
    let lang = lang(flag, &args.common.root);
    let fixed = if args.common.today.is_some() || epoch_set {
        Some(reference(args.common.today, lang)?)
    } else {
        None
    };
    let opts = ServeOptions {
        root: args.common.root.clone(),
        bind: args.bind,
        port: args.port,
        drafts: args.common.drafts,
        today: Box::new(move || {
            fixed.unwrap_or_else(|| Reference::Epoch(chrono::Utc::now().timestamp()))
        }),
        colour: report::colour_on_stderr(),
        lang,
    };
    match serve(opts) {
        Ok(()) => Ok(true),
        Err(e) => {
            eprintln!("{}: {e}", render(lang, &msg!("common-error")));
            Ok(false)
        }
    }
}
