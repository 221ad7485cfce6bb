//! `ambassade schema`: the JSON Schemas of the content files, and the editor setting that
//! uses them.

use std::path::{Path, PathBuf};

use ambassade::i18n::{render, Lang};
use ambassade::msg;
use ambassade::schema::{private_profile, vscode_settings, write_all, PRIVATE_PROFILE};
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
    let private = private_schema(&args.root, &out, lang);
    match write_all(&out) {
        Ok(mut paths) => {
            let mut sound = true;
            match private {
                Ok(Some(p)) => paths.push(p),
                Ok(None) => {}
                Err(()) => sound = false,
            }
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
            let mut settings = vscode_settings(&shown);
            if let Some(map) = settings["yaml.schemas"].as_object_mut() {
                map.insert(
                    format!("./{}/{PRIVATE_PROFILE}", shown.trim_end_matches('/')),
                    "private/ambassadeurs/*.yaml".into(),
                );
            }
            println!(
                "{}\n{}",
                render(lang, &msg!("cli-schema-vscode")),
                serde_json::to_string_pretty(&settings).unwrap_or_default()
            );
            Ok(sound)
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

/// Writes the private profiles' schema from the site's identification sheet: `Ok(None)` when
/// the folder holds no site (the other schemas need none), `Err` after printing the sheet's
/// problems or the write's.
fn private_schema(root: &Path, out: &Path, lang: Lang) -> Result<Option<PathBuf>, ()> {
    if !root.join("content/sheets/identification.yaml").exists() {
        let m = msg!("private-schema-no-sheet");
        println!("{}", render(lang, &m));
        return Ok(None);
    }
    let (sheet, diags) = ambassade::content::private::identification_sheet(root);
    let Some(sheet) = sheet else {
        super::report(&diags, root, lang);
        return Err(());
    };
    let path = out.join(PRIVATE_PROFILE);
    let text = serde_json::to_string_pretty(&private_profile(&sheet)).unwrap_or_default();
    let written = std::fs::create_dir_all(out).and_then(|()| std::fs::write(&path, text + "\n"));
    if let Err(e) = written {
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
        return Err(());
    }
    Ok(Some(path))
}
