//! `ambassade match`: the open calls and the ambassadors ranked for each, from the private
//! profiles, to the terminal or a file outside the site.

use std::path::PathBuf;

use ambassade::content::private;
use ambassade::diagnostic::Diagnostics;
use ambassade::i18n::{render, Lang};
use ambassade::matching::{self, format, NotOpen};
use ambassade::model::PrivateProfile;
use ambassade::msg;
use clap::{Args, ValueEnum};

use super::{lang, options, report, write_output, CommonArgs};

/// The score, as `match --help` shows it (the README has the same table).
pub(super) const SCORE_HELP: &str = "\
Score (additive; words compared without case or accents):
  +3  per theme of the call (else of the event) among the profile's `themes`
  +2  per sector of the call among the profile's `sector`
  +2  a region of the call (else the event's region) among `territories` or `town`
  +1  per mission still possible this year, at most +3: the `time` option gives
      3 missions a year per step (first option 3, second 6, third 9, fourth 12),
      each occurrence of an event naming the ambassador in that year takes one
  +1  never sent yet (no past event names them)
Unavailable, listed apart with why: a language of the call not spoken, another
event naming them on the mission's day, already named on this mission, no
mission left this year.
Open calls: `mission: open:` not closed, today not after the deadline, an
occurrence from today on, seats left (seats less the ambassadors named).";

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    /// Text for the terminal
    Table,
    /// One row per ambassador and mission
    Csv,
    /// {"today", "missions": [{…, "ranked": […], "unavailable": […]}]}
    Json,
    /// A standalone page to print or share within the support group
    Html,
}

#[derive(Args)]
pub(super) struct MatchArgs {
    #[command(flatten)]
    pub(super) common: CommonArgs,
    /// Rank only for the event SLUG (its file's name), even if its call is closed or full
    #[arg(long, value_name = "SLUG")]
    mission: Option<String>,
    /// The private folder, holding ambassadeurs/<id>.yaml (default: DIR/private)
    #[arg(long, value_name = "DIR")]
    private: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write to FILE instead of the terminal; never inside the output folder or content/
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The private folder of a command: `--private`, else `private/` of the site folder.
pub(super) fn private_dir(flag: &Option<PathBuf>, root: &std::path::Path) -> PathBuf {
    flag.clone().unwrap_or_else(|| private::default_dir(root))
}

/// The profiles of `dir`, after checking where it is; `None` after printing the problems.
pub(super) fn load_profiles(
    o: &ambassade::Options,
    dir: &std::path::Path,
    sheet: &ambassade::model::Sheet,
    lang: Lang,
) -> Option<Vec<PrivateProfile>> {
    let mut d = Diagnostics::new();
    private::check_location(&o.root, dir, &o.output_dir(), &mut d);
    let found = private::profiles(&o.root, dir, sheet, &mut d);
    if d.has_errors() {
        report(&d, &o.root, lang);
        return None;
    }
    Some(found)
}

pub(super) fn run(args: &MatchArgs, flag: Option<Lang>) -> Result<bool, String> {
    let lang = lang(flag, &args.common.root);
    let o = options(&args.common, lang)?;
    if let Some(file) = &args.output {
        if let Err(d) = private::check_destination(&o.root, file, &o.output_dir()) {
            let mut ds = Diagnostics::new();
            ds.push(d);
            report(&ds, &o.root, lang);
            return Ok(false);
        }
    }
    let prepared = match ambassade::prepare(&o, None) {
        Ok(p) => p,
        Err(d) => {
            report(&d, &o.root, lang);
            return Ok(false);
        }
    };
    let site = &prepared.site;
    let dir = private_dir(&args.private, &o.root);
    let Some(profiles) = load_profiles(&o, &dir, &site.content.sheets.identification, lang) else {
        return Ok(false);
    };
    let matches = matching::run(site, &profiles, args.mission.as_deref()).map_err(|e| {
        let slug = args.mission.clone().unwrap_or_default();
        let m = match e {
            NotOpen::Unknown(open) if open.is_empty() => {
                msg!("private-match-unknown-none", mission = slug)
            }
            NotOpen::Unknown(open) => msg!(
                "private-match-unknown",
                mission = slug,
                open = open.join(", ")
            ),
            NotOpen::NoCall => msg!("private-match-no-call", mission = slug),
            NotOpen::Past => msg!("private-match-past", mission = slug),
        };
        render(lang, &m)
    })?;
    let today = site.today;
    let text = match args.format {
        Format::Table => format::table(&matches, lang, today),
        Format::Csv => format::csv(&matches, lang),
        Format::Json => format!("{:#}\n", format::json(&matches, lang, today)),
        Format::Html => format::html(&matches, lang, today),
    };
    match &args.output {
        None => print!("{text}"),
        Some(path) => {
            write_output(path, &text, lang)?;
            let m = msg!("private-match-wrote", file = path.display().to_string());
            eprintln!("{}", render(lang, &m));
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use ambassade::matching::{MISSIONS_PER_STEP, NEVER_SENT, REGION, SECTOR, THEME, TIME_MAX};

    #[test]
    fn the_help_states_the_weights_the_score_uses() {
        let h = super::SCORE_HELP;
        assert!(h.contains(&format!("+{THEME}  per theme")));
        assert!(h.contains(&format!("+{SECTOR}  per sector")));
        assert!(h.contains(&format!("+{REGION}  a region")));
        assert!(h.contains(&format!("at most +{TIME_MAX}")));
        assert!(h.contains(&format!("{MISSIONS_PER_STEP} missions a year per step")));
        assert!(h.contains(&format!("+{NEVER_SENT}  never sent")));
    }
}
