//! Atomic and reproducible output: a build killed at any moment leaves the previous output
//! exactly as it was (or the new one, complete), never a mix; the next build cleans up what the
//! killed one left; and two builds of the same content are byte-identical whatever the order
//! in which the file system lists the files, the machine's time zone and the time of day.
//!
//! Durations on the CI machine (2 cores, debug build): the writer kill test about 15 s (10
//! kills at random points of a 3,000-file write: before, during, after the swap), the
//! real-build kill test about 40 s (1,000 events, 6 kills: 3 while loading, 3 while rendering
//! and writing), the reproducibility
//! test about 10 s.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{all_files, copy_dir};

use ambassade::output::{Body, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A small random number generator (xorshift), seeded from the clock and printed, so that a
/// failing run can be replayed with `AMBASSADE_KILL_SEED`.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("AMBASSADE_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        println!("AMBASSADE_KILL_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Folders a build leaves beside its output while it works (`.public.tmp-…`, `.public.old-…`);
/// not the spare tree (`.public.spare`) kept between builds for the next one to recycle.
fn leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        // The spare tree and the store of checked events are kept on purpose (a killed
        // build's `.public.events.new` is replaced by the next build's).
        .filter(|n| {
            n.starts_with(".public.") && n != ".public.spare" && !n.starts_with(".public.events")
        })
        .collect()
}

/// Sends SIGKILL to `child` (what `Child::kill` does on Unix) and reaps it.
fn kill(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

// ── The writer, killed ten times ────────────────────────────────────────────────────────────

const CHILD_TARGET: &str = "AMBASSADE_WRITER_CHILD_TARGET";
const CHILD_GENERATION: &str = "AMBASSADE_WRITER_CHILD_GENERATION";

/// The shape of a 1,500-event site (a page and a calendar file per event, ~3,000 files), every
/// file stamped with its generation.
fn synthetic_output(generation: u32) -> Output {
    let mut out = Output::default();
    let filler = "x".repeat(800);
    for i in 0..1500 {
        out.files.insert(
            format!("agenda/ev-{i:04}/index.html"),
            Body::Bytes(format!("<p>generation {generation} event {i}</p>{filler}").into_bytes()),
        );
        out.files.insert(
            format!("agenda/ev-{i:04}/ev-{i:04}.ics"),
            Body::Bytes(
                format!("BEGIN:VCALENDAR\r\nX-GEN:{generation}\r\nEND:VCALENDAR\r\n").into_bytes(),
            ),
        );
    }
    out.files.insert(
        "index.html".into(),
        Body::Bytes(format!("generation {generation}").into_bytes()),
    );
    out
}

/// Run in a child process by `killing_the_writer_never_leaves_a_mixed_output`: writes a
/// synthetic output with the real writer. In a normal test run it does nothing.
#[test]
fn writer_child() {
    let Some(target) = std::env::var_os(CHILD_TARGET) else {
        return;
    };
    let generation: u32 = std::env::var(CHILD_GENERATION).unwrap().parse().unwrap();
    ambassade::output::write(Path::new(&target), &synthetic_output(generation)).unwrap();
}

/// Waits until a build working beside `parent/public` has created its temporary folder (one
/// not in `stale`, the folders left by builds killed before).
fn wait_for_temporary_folder(parent: &Path, stale: &[String]) {
    let started = Instant::now();
    while !leftovers(parent)
        .iter()
        .any(|n| n.contains(".tmp-") && !stale.contains(n))
    {
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no temporary folder appeared"
        );
        std::thread::sleep(Duration::from_micros(200));
    }
}

fn spawn_writer(target: &Path, generation: u32) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["writer_child", "--exact", "--test-threads", "1", "--quiet"])
        .env(CHILD_TARGET, target)
        .env(CHILD_GENERATION, generation.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The generation `public/` holds, when it holds exactly one, complete (and marked as an
/// output).
fn whole_generation(public: &Path) -> Result<u32, String> {
    let mut files = all_files(public);
    if files.remove(ambassade::output::MARKER).is_none() {
        return Err("no output marker".into());
    }
    let expected = synthetic_output(0);
    if files.len() != expected.files.len() || !expected.files.keys().all(|k| files.contains_key(k))
    {
        return Err(format!(
            "{} files instead of {}",
            files.len(),
            expected.files.len()
        ));
    }
    let index = String::from_utf8_lossy(&files["index.html"]).to_string();
    let generation: u32 = index
        .strip_prefix("generation ")
        .and_then(|g| g.parse().ok())
        .ok_or_else(|| format!("index.html holds {index:?}"))?;
    let whole = synthetic_output(generation);
    for (path, body) in &whole.files {
        let Body::Bytes(b) = body else { unreachable!() };
        if &files[path] != b {
            return Err(format!(
                "{path} is not of generation {generation}: mixed output"
            ));
        }
    }
    Ok(generation)
}

/// The moment a writer is killed at, chosen at random among the phases of a write.
#[derive(Debug)]
enum Moment {
    /// After it has written this many files into its temporary folder.
    Written(usize),
    /// This long after the new output is in place (while the previous one is removed).
    AfterSwap(Duration),
    /// This long after it started, whatever it is doing.
    Delay(Duration),
}

/// The newest temporary folder beside `parent/public` that is not in `stale`.
fn temporary_folder(parent: &Path, stale: &[String]) -> Option<PathBuf> {
    leftovers(parent)
        .into_iter()
        .find(|n| n.contains(".tmp-") && !stale.contains(n))
        .map(|n| parent.join(n))
}

/// Files written so far in a temporary folder of the synthetic output (two per event folder).
fn written(tmp: &Path) -> usize {
    fs::read_dir(tmp.join("agenda"))
        .map(|d| d.count() * 2)
        .unwrap_or(0)
}

#[test]
fn killing_the_writer_never_leaves_a_mixed_output() {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    let mut rng = Rng::new();
    ambassade::output::write(&public, &synthetic_output(1)).unwrap();
    let total_files = synthetic_output(0).files.len();

    let mut current = 1;
    let mut outcomes = Vec::new();
    for round in 0..10u32 {
        let generation = 2 + round;
        let moment = match round % 5 {
            0 => Moment::Delay(Duration::from_millis(rng.below(400))),
            1 => Moment::AfterSwap(Duration::from_millis(rng.below(50))),
            _ => Moment::Written(rng.below(total_files as u64 + 1) as usize),
        };
        let stale = leftovers(dir.path());
        let started = Instant::now();
        let mut child = spawn_writer(&public, generation);
        loop {
            let reached = match &moment {
                Moment::Delay(d) => started.elapsed() >= *d,
                Moment::Written(n) => {
                    temporary_folder(dir.path(), &stale).is_some_and(|t| written(&t) >= *n)
                }
                Moment::AfterSwap(_) => fs::read_to_string(public.join("index.html"))
                    .is_ok_and(|t| t == format!("generation {generation}")),
            };
            if reached || child.try_wait().unwrap().is_some() {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(300),
                "the writer hangs"
            );
            std::thread::sleep(Duration::from_micros(100));
        }
        if let Moment::AfterSwap(d) = moment {
            std::thread::sleep(d);
        }
        kill(child);
        match whole_generation(&public) {
            Ok(g) if g == current => outcomes.push("previous"),
            Ok(g) if g == generation => {
                outcomes.push("new");
                current = g;
            }
            Ok(g) => panic!("round {round}: generation {g}, expected {current} or {generation}"),
            Err(e) => panic!("round {round} (killed at {moment:?}): {e}"),
        }
    }
    println!("after each kill: {outcomes:?}");
    // The next complete write cleans up whatever the killed ones left beside the output.
    ambassade::output::write(&public, &synthetic_output(99)).unwrap();
    assert_eq!(whole_generation(&public), Ok(99));
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());
}

// ── A real build, killed ────────────────────────────────────────────────────────────────────

const EVENTS: usize = 1000;

/// Writes `EVENTS` event files whose titles carry `stamp`.
fn write_events(site: &Path, stamp: &str) {
    let dir = site.join("content/events");
    for i in 0..EVENTS {
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        fs::write(
            dir.join(format!("ev-{i:04}.md")),
            format!(
                "---\ntitle: Événement {i} {stamp}\nstart: 2027-{month:02}-{day:02}T10:00\nend: 2027-{month:02}-{day:02}T12:00\nlevel: {}\nthemes: [thème {}]\nregion: Région {}\nlocation: {{ name: Salle {i}, city: Bruxelles, country: BE }}\n---\nDescription de l'événement {i}, {stamp}.\n",
                ["local", "regional", "national", "european"][i % 4],
                i % 20,
                i % 7
            ),
        )
        .unwrap();
    }
}

fn spawn_build(site: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_ambassade"))
        .args(["build", "--today", "2026-11-26", "--root"])
        .arg(site)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Runs a build to its end; returns how long it took before it started writing, and in all.
fn timed_build(site: &Path) -> (Duration, Duration) {
    let started = Instant::now();
    let mut child = spawn_build(site);
    let mut writing = None;
    loop {
        if writing.is_none() && leftovers(site).iter().any(|n| n.contains(".tmp-")) {
            writing = Some(started.elapsed());
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "the build hangs"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let total = started.elapsed();
    (writing.unwrap_or(total), total)
}

#[cfg(unix)]
#[test]
fn killing_a_large_build_never_leaves_a_mixed_output() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/minimal"), site.path());
    write_events(site.path(), "première version");
    let public = site.path().join("public");
    let (before_writing, total) = timed_build(site.path());
    let previous = all_files(&public);
    assert!(previous.len() > 2 * EVENTS, "{} files", previous.len());

    write_events(site.path(), "seconde version");
    let mut rng = Rng::new();
    let write_phase = total
        .saturating_sub(before_writing)
        .max(Duration::from_millis(1));
    // Even rounds are killed while the content is loaded (nothing written yet), odd rounds
    // while pages are rendered and written into the staging folder, each at a random moment.
    for round in 0..6 {
        let stale = leftovers(site.path());
        let child = spawn_build(site.path());
        if round % 2 == 0 {
            std::thread::sleep(Duration::from_micros(
                rng.below(before_writing.as_micros() as u64),
            ));
        } else {
            wait_for_temporary_folder(site.path(), &stale);
            std::thread::sleep(Duration::from_micros(
                rng.below(write_phase.as_micros() as u64),
            ));
        }
        kill(child);
        let now = all_files(&public);
        if now == previous {
            continue;
        }
        // Only a complete new output may replace the previous one.
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            previous.keys().collect::<Vec<_>>(),
            "round {round}: the output changed and is not complete"
        );
        for (path, bytes) in &now {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains("première version"),
                "round {round}: {path} is from the previous build: mixed output"
            );
            if path.starts_with("agenda/ev-") && path.ends_with("index.html") {
                assert!(
                    text.contains("seconde version"),
                    "round {round}: {path} is not from the new build"
                );
            }
        }
        println!("round {round}: the build completed before it was killed");
    }
    // The next build replaces the output and cleans up what the killed ones left behind.
    let (_, _) = timed_build(site.path());
    assert_eq!(leftovers(site.path()), Vec::<String>::new());
    assert!(!site.path().join(".public.events.new").exists());
    let now = all_files(&public);
    assert!(String::from_utf8_lossy(&now["agenda/ev-0001/index.html"]).contains("seconde version"));
    println!("a build of {EVENTS} events took {total:?}, writing from {before_writing:?}");
}

// ── Reproducible ────────────────────────────────────────────────────────────────────────────

/// Copies the example site's `content/`, creating files and folders in sorted or in reverse
/// order, so that the two copies are listed in different orders by the file system.
fn copy_content(to: &Path, reverse: bool) {
    let from = repo().join("content");
    let mut entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(&from)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    entries.sort_by(|a, b| a.path().cmp(b.path()));
    if reverse {
        entries.reverse();
    }
    for e in entries {
        let dest = to
            .join("content")
            .join(e.path().strip_prefix(&from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::create_dir_all(dest.parent().unwrap()).unwrap();
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

#[test]
fn builds_are_byte_identical_whatever_the_listing_order_zone_and_clock() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    copy_content(a.path(), false);
    copy_content(b.path(), true);
    // (site, TZ, --today or SOURCE_DATE_EPOCH). The site's zone is Europe/Brussels: the two
    // epochs are 00:30 and 23:30 there on 2026-11-26, i.e. on the 25th and the 26th in UTC.
    let runs: &[(&Path, &str, Option<&str>, Option<&str>)] = &[
        (a.path(), "UTC", Some("2026-11-26"), None),
        (b.path(), "America/Los_Angeles", Some("2026-11-26"), None),
        (a.path(), "Asia/Kolkata", None, Some("1795649400")),
        (b.path(), "Pacific/Kiritimati", None, Some("1795732200")),
    ];
    let mut outputs: Vec<(String, BTreeMap<String, Vec<u8>>)> = Vec::new();
    for (i, (site, tz, today, epoch)) in runs.iter().enumerate() {
        let out = site.join(format!("out-{i}"));
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ambassade"));
        cmd.args(["--lang", "en", "build"])
            .arg("--root")
            .arg(site)
            .arg("--output")
            .arg(&out)
            .env("TZ", tz);
        match (today, epoch) {
            (Some(d), _) => {
                cmd.args(["--today", d]).env_remove("SOURCE_DATE_EPOCH");
            }
            (None, Some(e)) => {
                cmd.env("SOURCE_DATE_EPOCH", e);
            }
            _ => unreachable!(),
        }
        let o = cmd.output().unwrap();
        assert!(
            o.status.success(),
            "run {i}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let label = format!("run {i} (TZ={tz}, today={today:?}, SOURCE_DATE_EPOCH={epoch:?})");
        outputs.push((label, all_files(&out)));
        // A second apart at least: the time of day differs between runs.
        std::thread::sleep(Duration::from_millis(1100));
    }
    let (first_label, first) = &outputs[0];
    assert!(first.len() > 20);
    for (label, files) in &outputs[1..] {
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            first.keys().collect::<Vec<_>>(),
            "{label} lists other files than {first_label}"
        );
        for (path, bytes) in files {
            assert!(
                bytes == &first[path],
                "{path} differs between {first_label} and {label}"
            );
        }
    }
}

/// The date enters only through the reference date: no code that reads content or writes
/// the site reads the clock (`main.rs` reads it for the default reference date, `output.rs`
/// for temporary folder names, the preview server for its log lines).
#[test]
fn the_clock_is_read_only_where_the_reference_date_is_chosen() {
    let mut offenders = Vec::new();
    let src = repo().join("src");
    for dir in ["content", "render"] {
        for e in walkdir::WalkDir::new(src.join(dir))
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.path().extension().is_some_and(|x| x == "rs") {
                offenders.extend(clock_reads(e.path()));
            }
        }
    }
    for file in ["site.rs", "model.rs", "markdown.rs", "diagnostic.rs"] {
        offenders.extend(clock_reads(&src.join(file)));
    }
    assert!(
        offenders.is_empty(),
        "the clock is read here: {offenders:#?}"
    );
}

fn clock_reads(path: &Path) -> Vec<String> {
    let Ok(text) = fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let code = l.split("//").next().unwrap_or("");
            [
                "SystemTime",
                "Utc::now",
                "Local::now",
                "Utc::today",
                "Local::today",
                "chrono::Local",
                "Instant::now",
            ]
            .iter()
            .any(|p| code.contains(p))
        })
        .map(|(n, l)| format!("{}:{}: {}", path.display(), n + 1, l.trim()))
        .collect()
}
