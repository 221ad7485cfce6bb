//! When each event last changed, for the calendar's DTSTAMP and LAST-MODIFIED: the `updated`
//! an editor wrote, else the last commit that touched its file when the site is a git checkout
//! (as in CI) and the file is unchanged since, else the file's modification time. Never later
//! than the end of the build's reference day: a stamp from the future makes clients distrust
//! a feed, and the event's start (what was used before) could be years ahead.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::model::{Event, Stamp};

/// The git history of the events, asked for in the background while the files are read
/// (`git log` takes about as long as reading a small site).
pub(super) struct History(std::thread::JoinHandle<HashMap<PathBuf, DateTime<Utc>>>);

/// Starts reading the last commit of every event file (see `last_commits`).
pub(super) fn start(root: &Path, content_dir: &Path) -> History {
    let (root, dir) = (root.to_path_buf(), content_dir.join("events"));
    History(std::thread::spawn(move || last_commits(&root, &dir)))
}

/// Sets every event's `stamp`.
pub(super) fn stamp_events(
    history: History,
    root: &Path,
    site_tz: Tz,
    today: NaiveDate,
    events: &mut [Arc<Event>],
) {
    let latest = today
        .and_hms_opt(23, 59, 59)
        .map(|t| Utc.from_utc_datetime(&t))
        .unwrap_or_default();
    let commits = if events.iter().all(|e| e.updated.is_some()) {
        HashMap::new()
    } else {
        history.0.join().unwrap_or_default()
    };
    // On every core: a site outside git asks the disk for each file's time.
    use rayon::prelude::*;
    events.par_iter_mut().for_each(|ev| {
        let (at, known) = match ev.updated {
            Some(u) => (
                site_tz
                    .from_local_datetime(&u)
                    .earliest()
                    .map(|t| t.with_timezone(&Utc)),
                true,
            ),
            None => match commits.get(&ev.source) {
                Some(t) => (Some(*t), true),
                None => (modified(&root.join(&ev.source)), false),
            },
        };
        // Not shared yet: set in place, not copied.
        Arc::make_mut(ev).stamp = Stamp {
            at: at.unwrap_or(latest).min(latest),
            known,
        };
    });
}

fn modified(path: &Path) -> Option<DateTime<Utc>> {
    let t = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    DateTime::from_timestamp(i64::try_from(secs).ok()?, 0)
}

/// The time of the last commit of each file under `dir` (paths relative to `root`, as events
/// give them), leaving out files changed since that commit. Empty when `root` is not in a git
/// checkout or git is not installed.
fn last_commits(root: &Path, dir: &Path) -> HashMap<PathBuf, DateTime<Utc>> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .arg("--")
            .arg(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()
    };
    let output = |child: Option<std::process::Child>| -> Option<String> {
        let out = child?.wait_with_output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    // Both at once: they read different things (the history, the work tree) and each takes
    // a few milliseconds, which a small site's build waits for.
    let log = git(&[
        "log",
        "--format=%x01%ct",
        "--name-only",
        "--relative",
        "--no-renames",
        "-z",
    ]);
    let diff = git(&["diff", "--name-only", "--relative", "-z", "HEAD"]);
    let (log, diff) = (output(log), output(diff));
    let Some(log) = log else {
        return HashMap::new();
    };
    let changed: Vec<PathBuf> = diff
        .map(|d| {
            d.split('\0')
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default();
    parse_log(&log, &changed)
}

/// Reads `git log --format=%x01%ct --name-only -z`, newest commit first: the first time a
/// path appears is its last commit.
fn parse_log(log: &str, changed: &[PathBuf]) -> HashMap<PathBuf, DateTime<Utc>> {
    let mut out = HashMap::new();
    let mut time = None;
    for item in log.split(['\0', '\n']) {
        let item = item.trim_matches('\n');
        if let Some(t) = item.strip_prefix('\u{1}') {
            time = t
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| DateTime::from_timestamp(s, 0));
        } else if !item.is_empty() {
            if let Some(t) = time {
                let p = PathBuf::from(item);
                if !changed.contains(&p) {
                    out.entry(p).or_insert(t);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_each_unchanged_file_is_kept() {
        // Two commits, newest first, as git prints them with -z.
        let log = "\u{1}1800000000\0\ncontent/events/a.md\0content/events/b.md\0\u{1}1700000000\0\ncontent/events/a.md\0content/events/c.md\0";
        let got = parse_log(log, &[PathBuf::from("content/events/b.md")]);
        let at = |s| DateTime::from_timestamp(s, 0).unwrap();
        assert_eq!(
            got.get(Path::new("content/events/a.md")),
            Some(&at(1800000000))
        );
        assert_eq!(got.get(Path::new("content/events/b.md")), None);
        assert_eq!(
            got.get(Path::new("content/events/c.md")),
            Some(&at(1700000000))
        );
        assert_eq!(got.len(), 2);
    }
}
