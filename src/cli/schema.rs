//! `ambassade schema`: the JSON Schemas of the content files, and the editor setting that
//! uses them.

use std::path::PathBuf;

use ambassade::schema::{vscode_settings, write_all};
use clap::Args;

#[derive(Args)]
pub(super) struct SchemaArgs {
    /// The site folder
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Where to write the schemas (default: DIR/schemas)
    #[arg(long, value_name = "OUT")]
    out: Option<PathBuf>,
}

pub(super) fn run(args: &SchemaArgs) -> Result<bool, String> {
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| args.root.join("schemas"));
    match write_all(&out) {
        Ok(paths) => {
            for p in &paths {
                println!("wrote {}", p.display());
            }
            // The VS Code setting needs the folder relative to the workspace (the site folder).
            let shown = out
                .strip_prefix(&args.root)
                .unwrap_or(&out)
                .to_string_lossy()
                .replace('\\', "/");
            let settings = vscode_settings(&shown);
            println!(
                "for VS Code (YAML extension by Red Hat), in .vscode/settings.json:\n{}",
                serde_json::to_string_pretty(&settings).unwrap_or_default()
            );
            Ok(true)
        }
        Err(e) => {
            eprintln!(
                "error: cannot write the schemas into {}: {e}",
                out.display()
            );
            Ok(false)
        }
    }
}
