//! Messages in the editor's language: French (the default) or English.
//!
//! Every text meant for people (diagnostics, summaries, terminal lines) is a `Msg`: an id and
//! named arguments, made with `msg!("id", name = value)`. `render` looks the id up in the
//! language's Fluent catalogue (`src/i18n/<lang>/*.ftl`, embedded in the binary). The library
//! never reads the environment: the binary picks the `Lang` once (`Lang::pick`) and passes it
//! down. A message or argument missing from a catalogue shows as its id and arguments rather
//! than failing: a unit test (`tests.rs`) makes sure none is missing.

#[cfg(test)]
mod tests;
mod text;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use text::Text;

use crate::content::source::read_text;

/// The languages messages exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The language a locale or language code names: `fr`, `fr_BE.UTF-8`, `fr-BE`, `EN_gb`…
    /// `None` for the others, and for `C`, `POSIX` and `C.UTF-8`, which name no language.
    pub fn parse(s: &str) -> Option<Lang> {
        let code = s.trim().split(['_', '-', '.', '@']).next().unwrap_or("");
        match code.to_ascii_lowercase().as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first of `--lang`, the locale of the environment and the site's `language` that
    /// names a known language; French when none does.
    pub fn pick(flag: Option<&str>, env_lang: Option<&str>, site_language: Option<&str>) -> Lang {
        [flag, env_lang, site_language]
            .into_iter()
            .flatten()
            .find_map(Lang::parse)
            .unwrap_or_default()
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

/// The `language` of `<root>/content/site.yaml`, read by a line scan (without a YAML parser,
/// so that a broken or hostile file costs nothing here: `check` reports it properly). Read as
/// content is (never waiting on a named pipe, bounded), and not through a symbolic link.
pub fn site_language(root: &Path) -> Option<String> {
    let path = root.join("content").join("site.yaml");
    if !std::fs::symlink_metadata(&path).ok()?.is_file() {
        return None;
    }
    let text = read_text(&path, &path).ok()?;
    text.lines().find_map(|line| {
        let value = line.strip_prefix("language:")?;
        let value = value.split('#').next().unwrap_or("").trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'');
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// A message to show: its id in the catalogues and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of a message argument. Numbers stay numbers so that the catalogues can choose
/// the plural form (`{ $count -> [one] … *[other] … }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Arg::Text(s) => f.write_str(s),
            Arg::Number(n) => write!(f, "{n}"),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}

impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Arg {
        Arg::Text(s.into_owned())
    }
}

impl From<char> for Arg {
    fn from(c: char) -> Arg {
        Arg::Text(c.to_string())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128);

/// `msg!("id", name = value, …)`: a `Msg` with the id (a string literal, so that the
/// catalogue test finds it in the source) and its arguments (anything `Arg` converts from:
/// text or whole numbers).
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg {
            id: $id,
            args: vec![$((stringify!($name), $crate::i18n::Arg::from($value))),*],
        }
    };
}

/// The message in `lang`; its id and arguments when the catalogue lacks it.
pub fn render(lang: Lang, msg: &Msg) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(msg.id).and_then(|m| m.value()) else {
        return fallback(msg);
    };
    let mut args = FluentArgs::new();
    for (name, value) in &msg.args {
        let value = match value {
            Arg::Text(s) => FluentValue::from(s.as_str()),
            Arg::Number(n) => FluentValue::from(*n),
        };
        args.set(*name, value);
    }
    // A missing argument comes out as `{$name}`: visible, and caught by the catalogue test.
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&args), &mut errors)
        .into_owned()
}

fn fallback(msg: &Msg) -> String {
    let mut out = msg.id.to_string();
    if !msg.args.is_empty() {
        out.push('(');
        for (i, (name, value)) in msg.args.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            let _ = write!(out, "{sep}{name}={value}");
        }
        out.push(')');
    }
    out
}

/// The catalogue files, per language, embedded at compile time. Each area of the code has
/// its own file so that people converting different areas do not edit the same file; add a
/// file here and in both folders.
macro_rules! catalogues {
    ($($file:literal),* $(,)?) => {
        const FR: &[(&str, &str)] = &[$(($file, include_str!(concat!("fr/", $file, ".ftl")))),*];
        const EN: &[(&str, &str)] = &[$(($file, include_str!(concat!("en/", $file, ".ftl")))),*];
    };
}
catalogues!(
    "common",
    "cli",
    "content",
    "events",
    "kit",
    "sheets",
    "output",
    "render",
    "serve",
    "new",
    "yaml",
    "report",
    "ambassadors",
    "private",
);

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static FR_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    static EN_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    let cell = match lang {
        Lang::Fr => &FR_BUNDLE,
        Lang::En => &EN_BUNDLE,
    };
    cell.get_or_init(|| load(lang).0)
}

/// The bundle of `lang` and the problems met building it (syntax errors, an id defined
/// twice): none at run time, the test checks.
fn load(lang: Lang) -> (Bundle, Vec<String>) {
    let files = match lang {
        Lang::Fr => FR,
        Lang::En => EN,
    };
    let id = lang.code().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // No U+2068/U+2069 around arguments: they show as boxes or garbage in terminals.
    bundle.set_use_isolating(false);
    let mut problems = Vec::new();
    for (name, text) in files {
        let resource = FluentResource::try_new(text.to_string()).unwrap_or_else(|(r, errs)| {
            for e in errs {
                problems.push(format!("{}/{name}.ftl: {e:?}", lang.code()));
            }
            r
        });
        if let Err(errs) = bundle.add_resource(resource) {
            for e in errs {
                problems.push(format!("{}/{name}.ftl: {e}", lang.code()));
            }
        }
    }
    (bundle, problems)
}
