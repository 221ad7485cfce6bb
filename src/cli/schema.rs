//! `ambassade schema`: the JSON Schemas of the content files, and the editor setting that
//! uses them.

use std::path::{Path, PathBuf};

use ambassade::i18n::{render, Lang};
use ambassade::msg;
use ambassade::schema::{vscode_settings, write_all};
use clap::Args;

use super::lang;

#[derive(Args)]
pub(super) struct SchemaArgs {
    /// The site folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the schemas (default: DIR/schemas)
    #[arg(long, value_name = "OUT")]
    out: Option<PathBuf>,
}

impl SchemaArgs {
    pub(super) fn root(&self) -> &Path {
        &self.root
    }
}

pub(super) fn run(args: &SchemaArgs, flag: Option<Lang>) -> Result<bool, String> {
    let lang = lang(flag, &args.root);
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.root.join("schemas"));
    match write_all(&out) {
        Ok(paths) => {
            for p in &paths {
                let m = msg!("cli-schema-wrote", file = p.display().to_string());
                println!("{}", render(lang, &m));
            }
            // The VS Code setting needs the folder relative to the workspace (the site folder).
            let shown = out
                .strip_prefix(&args.root)
                .unwrap_or(&out)
                .to_string_lossy()
                .replace('\\', "/");
            let settings = vscode_settings(&shown);
            println!(
                "{}\n{}",
                render(lang, &msg!("cli-schema-vscode")),
                serde_json::to_string_pretty(&settings).unwrap_or_default()
            );
            Ok(true)
        }
        Err(e) => {
            let m = msg!(
                "cli-schema-cannot-write",
                folder = out.display().to_string(),
                error = e.to_string()
            );
            eprintln!(
                "{}: {}",
                render(lang, &msg!("common-error")),
                render(lang, &m)
            );
            Ok(false)
        }
    }
}
