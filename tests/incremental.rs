//! Rebuilds over a previous output (see `output::manifest`): files made from unchanged inputs
//! are taken over from the previous output (hard links) instead of made again, and the result
//! is byte for byte what a full build into an empty folder gives, the manifest included; an edit
//! changes exactly the files a full build changes; a build killed at any moment leaves the old
//! or the new site whole.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use support::{all_files, copy_dir, repo};

const EVENTS: usize = 200;

/// Writes `EVENTS` events; the event `edited` gets `stamp` in its place's name (which is not
/// in the page's description, so only the page's template variables see the edit).
fn write_events(site: &Path, edited: usize, stamp: &str) {
    let dir = site.join("content/events");
    for i in 0..EVENTS {
        let month = 1 + i % 12;
        let day = 1 + i % 28;
        let extra = if i == edited { stamp } else { "" };
        fs::write(
            dir.join(format!("ev-{i:04}.md")),
            format!(
                "---\ntitle: Événement {i}\nstart: 2027-{month:02}-{day:02}T10:00\nend: 2027-{month:02}-{day:02}T12:00\nlevel: {}\nthemes: [thème {}]\nregion: Région {}\nlocation: {{ name: Salle {i}{extra}, city: Bruxelles, country: BE }}\n---\nDescription de l'événement {i}.\n",
                ["local", "regional", "national", "european"][i % 4],
                i % 20,
                i % 7
            ),
        )
        .unwrap();
    }
}

fn site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("tests/fixtures/minimal"), site.path());
    write_events(site.path(), 0, "");
    site
}

fn command(site: &Path, output: &Path) -> Command {
    command_on(site, output, "2026-11-26")
}

/// `command` with another reference date.
fn command_on(site: &Path, output: &Path, today: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ambassade"));
    cmd.args(["--lang", "en", "build", "--today", today, "--root"])
        .arg(site)
        .arg("--output")
        .arg(output)
        .env_remove("SOURCE_DATE_EPOCH");
    cmd
}

fn build(site: &Path, output: &Path) {
    let o = command(site, output).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// Each file's inode: a file taken over from the previous output keeps its own.
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    all_files(dir)
        .keys()
        .map(|k| (k.clone(), fs::metadata(dir.join(k)).unwrap().ino()))
        .collect()
}

/// The paths whose bytes differ between two outputs, or that only one of them has.
fn changed(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Rebuilds `site` over `public` after `edit`, then builds the same content into an empty
/// folder: returns the previous output, the rebuilt one and the full build.
type Outputs = (
    BTreeMap<String, Vec<u8>>,
    BTreeMap<String, Vec<u8>>,
    BTreeMap<String, Vec<u8>>,
);

fn rebuild_and_full(site: &Path, edit: impl FnOnce(&Path)) -> (Outputs, Vec<String>) {
    let public = site.join("public");
    build(site, &public);
    let before = all_files(&public);
    let ino_before = inodes(&public);
    edit(site);
    build(site, &public);
    let rebuilt = all_files(&public);
    let ino_after = inodes(&public);
    let fresh = site.join("fresh");
    build(site, &fresh);
    let full = all_files(&fresh);
    let kept: Vec<String> = ino_after
        .iter()
        .filter(|(k, ino)| ino_before.get(*k) == Some(ino))
        .map(|(k, _)| k.clone())
        .collect();
    ((before, rebuilt, full), kept)
}

#[test]
fn a_rebuild_after_editing_one_event_equals_a_full_build_and_changes_only_its_files() {
    let site = site();
    let ((before, rebuilt, full), kept) =
        rebuild_and_full(site.path(), |s| write_events(s, 7, " bis"));
    // Every file, the same set of files, the manifest included.
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &full {
        assert!(rebuilt[path] == *bytes, "{path} differs from a full build");
    }
    assert!(full.contains_key(".ambassade-manifest"));
    // The edit changes what a full build changes: the event's page and calendar file (and
    // the feeds and lists that quote its description), not the other events.
    let changes = changed(&before, &rebuilt);
    assert_eq!(changes, changed(&before, &full));
    assert!(
        changes.contains(&"agenda/ev-0007/index.html".to_string()),
        "{changes:?}"
    );
    assert!(
        !changes.iter().any(|c| c.starts_with("agenda/ev-0008/")),
        "{changes:?}"
    );
    assert!(
        changes.len() < before.len() / 10,
        "{} of {} files changed",
        changes.len(),
        before.len()
    );
    // Unchanged files were taken over (same inode), changed ones written anew; a list the
    // (European) event is not in too.
    assert!(kept.contains(&"agenda/ev-0008/index.html".to_string()));
    assert!(kept.contains(&"agenda/niveau/national/index.html".to_string()));
    assert!(!kept.contains(&"agenda/ev-0007/index.html".to_string()));
    assert!(
        kept.len() > before.len() * 8 / 10,
        "{} of {} files kept",
        kept.len(),
        before.len()
    );
    // Beside the output, only the spare tree the next build recycles.
    assert_eq!(beside(site.path()), [".public.events", ".public.spare"]);
}

/// What is beside `site/public`: hidden folders named after it.
fn beside(site: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(site)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".public"))
        .collect();
    names.sort();
    names
}

#[test]
fn rebuild_after_rebuild_each_equals_a_full_build() {
    // From the third build on, the staging folder is the spare tree (the output before the
    // last one): events edited, removed, added and restored must leave no file or folder too
    // many or too few, and every unchanged file keeps its inode.
    let site = site();
    let public = site.path().join("public");
    let events = site.path().join("content/events");
    build(site.path(), &public);
    type Edit<'a> = Box<dyn Fn(&Path) + 'a>;
    let edits: [(&str, Edit); 5] = [
        ("edit", Box::new(|s: &Path| write_events(s, 7, " bis"))),
        (
            "remove",
            Box::new(|_: &Path| fs::remove_file(events.join("ev-0009.md")).unwrap()),
        ),
        (
            "add",
            Box::new(|_: &Path| {
                let text = fs::read_to_string(events.join("ev-0010.md")).unwrap();
                fs::write(
                    events.join("nouveau.md"),
                    text.replace("Événement 10", "Nouveau"),
                )
                .unwrap();
            }),
        ),
        ("restore", Box::new(|s: &Path| write_events(s, 0, ""))),
        ("nothing", Box::new(|_: &Path| {})),
    ];
    for (n, (name, edit)) in edits.iter().enumerate() {
        let ino_before = inodes(&public);
        let keys_before = manifest(&public);
        edit(site.path());
        build(site.path(), &public);
        let fresh = site.path().join(format!("fresh-{n}"));
        build(site.path(), &fresh);
        assert_eq!(folders(&public), folders(&fresh), "{name}: folders");
        let rebuilt = all_files(&public);
        assert!(
            rebuilt == all_files(&fresh),
            "{name}: {:?}",
            changed(&rebuilt, &all_files(&fresh))
        );
        fs::remove_dir_all(&fresh).unwrap();
        // A file made from the same inputs (the same key in both manifests) was taken over,
        // not written again; every other one is a new file.
        let ino_after = inodes(&public);
        let keys_after = manifest(&public);
        assert_eq!(
            keys_after.len() + 2,
            rebuilt.len(),
            "{name}: one key a file"
        );
        let mut kept = 0;
        for (path, key) in &keys_after {
            let same = keys_before.get(path) == Some(key);
            assert_eq!(
                same,
                ino_before.get(path) == ino_after.get(path),
                "{name}: {path}"
            );
            kept += usize::from(same);
        }
        assert!(kept > rebuilt.len() * 8 / 10, "{name}: {kept} files kept");
        assert_eq!(
            beside(site.path()),
            [".public.events", ".public.spare"],
            "{name}"
        );
        // The event removed and the one added: their folders follow.
        let removed = public.join("agenda/ev-0009");
        assert_eq!(
            removed.exists(),
            !matches!(*name, "remove" | "add"),
            "{name}"
        );
        let added = public.join("agenda/nouveau/index.html");
        assert_eq!(
            added.is_file(),
            *name != "edit" && *name != "remove",
            "{name}"
        );
    }
}

#[test]
fn a_build_that_fails_on_content_puts_the_spare_tree_back() {
    // The spare tree is claimed while the content loads; when the content has an error, the
    // build stops before the staging folder and the spare goes back, untouched.
    let site = site();
    let public = site.path().join("public");
    build(site.path(), &public);
    build(site.path(), &public);
    let spare = site.path().join(".public.spare");
    let spare_ino = fs::metadata(&spare).unwrap().ino();
    let spare_files = all_files(&spare);
    let live = all_files(&public);
    fs::write(
        site.path().join("content/events/cassé.md"),
        "---\ntitle: Cassé\nstart: 2027-02-30T10:00\n---\n",
    )
    .unwrap();
    let o = command(site.path(), &public).output().unwrap();
    assert!(!o.status.success(), "the broken event must fail the build");
    assert_eq!(beside(site.path()), [".public.events", ".public.spare"]);
    assert_eq!(fs::metadata(&spare).unwrap().ino(), spare_ino);
    assert!(all_files(&spare) == spare_files, "the spare tree changed");
    assert!(all_files(&public) == live, "the output changed");
    // Fixed, the next build recycles it.
    fs::remove_file(site.path().join("content/events/cassé.md")).unwrap();
    build(site.path(), &public);
    assert_eq!(fs::metadata(&public).unwrap().ino(), spare_ino);
    assert!(all_files(&public) == live);
}

/// The manifest of an output: each file's key, by path.
fn manifest(dir: &Path) -> BTreeMap<String, String> {
    fs::read_to_string(dir.join(".ambassade-manifest"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let (key, path) = l.split_once(' ').unwrap();
            (path.to_string(), key.to_string())
        })
        .collect()
}

/// Every folder under `dir`, relative.
fn folders(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_change_every_page_depends_on_makes_every_page_again() {
    let site = site();
    let ((before, rebuilt, full), kept) = rebuild_and_full(site.path(), |s| {
        let config = s.join("content/site.yaml");
        let text = fs::read_to_string(&config).unwrap();
        let renamed = text.replacen("title: ", "title: Nouveau nom — ", 1);
        assert_ne!(text, renamed);
        fs::write(&config, renamed).unwrap();
    });
    assert_eq!(rebuilt, full);
    // The site's title is in every page: none is taken over.
    assert!(!kept.iter().any(|k| k.ends_with(".html")), "{kept:?}");
    assert!(changed(&before, &rebuilt).len() > EVENTS);
}

#[test]
fn a_rebuild_with_nothing_changed_writes_no_file_again() {
    let site = site();
    let ((before, rebuilt, full), kept) = rebuild_and_full(site.path(), |_| {});
    assert_eq!(rebuilt, full);
    assert_eq!(before, rebuilt);
    // Only the manifest and the marker, written by every build, are new files.
    let new: Vec<&String> = before.keys().filter(|k| !kept.contains(k)).collect();
    assert_eq!(new, [".ambassade-manifest", ".ambassade-output"]);
}

/// Sends SIGKILL and reaps.
fn kill(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(unix)]
#[test]
fn a_rebuild_killed_at_any_moment_leaves_the_old_or_the_new_site_whole() {
    let site = site();
    let public = site.path().join("public");
    build(site.path(), &public);
    let old = all_files(&public);
    write_events(site.path(), 3, " bis");
    let fresh = site.path().join("fresh");
    build(site.path(), &fresh);
    let new = all_files(&fresh);
    fs::remove_dir_all(&fresh).unwrap();
    assert_ne!(old, new);

    // How long a rebuild takes, to spread the kills over it; then back to the old output.
    let started = Instant::now();
    build(site.path(), &public);
    let total = started.elapsed();
    write_events(site.path(), 3, "");
    build(site.path(), &public);
    assert_eq!(all_files(&public), old);
    write_events(site.path(), 3, " bis");

    let mut outcomes = Vec::new();
    for round in 0..8u32 {
        let delay = total * round / 7;
        let child = command(site.path(), &public)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        kill(child);
        let now = all_files(&public);
        if now == old {
            outcomes.push("old");
        } else if now == new {
            outcomes.push("new");
            // Back to the old output for the next round: a rebuild from the old content.
            write_events(site.path(), 3, "");
            build(site.path(), &public);
            assert_eq!(all_files(&public), old);
            write_events(site.path(), 3, " bis");
        } else {
            let diff = changed(&old, &now);
            panic!("round {round} (killed after {delay:?}): neither the old nor the new site: {diff:?}");
        }
    }
    println!("a rebuild took {total:?}; after each kill: {outcomes:?}");
    // The next build completes and leaves beside the output only the spare tree (a killed
    // build's staging folder may have become it).
    build(site.path(), &public);
    assert_eq!(all_files(&public), new);
    assert_eq!(beside(site.path()), [".public.events", ".public.spare"]);
    // One more build recycles that tree and still gives the same site.
    build(site.path(), &public);
    assert_eq!(all_files(&public), new);
    assert_eq!(beside(site.path()), [".public.events", ".public.spare"]);
}

/// The build's store of checked event files (`content::events::store`).
fn store(site: &Path) -> std::path::PathBuf {
    site.join(".public.events")
}

/// How many event files the site has (the fixture's own and `EVENTS`).
fn event_files(site: &Path) -> usize {
    fs::read_dir(site.join("content/events")).unwrap().count()
}

/// A store's first line and its records (each a length on 4 bytes, then that many bytes).
fn records(store: &[u8]) -> (String, Vec<Vec<u8>>) {
    let header = store.iter().position(|&b| b == b'\n').unwrap();
    let mut rest = &store[header + 1..];
    let mut out = Vec::new();
    while rest.len() >= 4 {
        let len = u32::from_le_bytes(rest[..4].try_into().unwrap()) as usize;
        out.push(rest[4..4 + len].to_vec());
        rest = &rest[4 + len..];
    }
    assert!(rest.is_empty(), "a record cut short");
    (String::from_utf8(store[..header].to_vec()).unwrap(), out)
}

/// `haystack` with each `from` replaced by `to`.
fn replace(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < haystack.len() {
        if haystack[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    out
}

/// A store whose record of `ev-0005` holds another title, of the same length in bytes (a
/// store is never edited; this one is, to see it used). The title is preceded by its length.
fn tampered(store: &[u8]) -> Vec<u8> {
    let title = "Événement 5";
    let other = "Pris du stock";
    assert_eq!(title.len(), other.len());
    let with_len = |t: &str| [&[t.len() as u8][..], t.as_bytes()].concat();
    let out = replace(store, &with_len(title), &with_len(other));
    assert_ne!(out, store);
    out
}

#[test]
fn a_rebuild_parses_again_only_the_event_files_whose_text_changed() {
    let site = site();
    let public = site.path().join("public");
    // Into an empty folder no store is written (a deployment would never read it); over a
    // previous output, one record per event after the header.
    build(site.path(), &public);
    assert!(!store(site.path()).exists());
    build(site.path(), &public);
    let bytes = fs::read(store(site.path())).unwrap();
    let files = event_files(site.path());
    assert!(files > EVENTS);
    assert_eq!(records(&bytes).1.len(), files);
    // What the store holds for an unchanged file is what the next build shows: the file is
    // not parsed again. Its files' key is made from the file's text (`Event::made_from`),
    // which did not change: without the manifests that would vouch for them (the output's
    // and the spare tree's), every file is made again, from the store.
    fs::write(store(site.path()), tampered(&bytes)).unwrap();
    fs::remove_file(public.join(".ambassade-manifest")).unwrap();
    fs::remove_dir_all(site.path().join(".public.spare")).unwrap();
    build(site.path(), &public);
    let page = || fs::read_to_string(public.join("agenda/ev-0005/index.html")).unwrap();
    assert!(page().contains("Pris du stock"));
    // Its bytes changed: the file is parsed again, and its new record appended.
    write_events(site.path(), 5, " bis");
    build(site.path(), &public);
    assert!(!page().contains("Pris du stock"));
    assert!(page().contains("Événement 5"));
    let bytes = fs::read(store(site.path())).unwrap();
    assert_eq!(records(&bytes).1.len(), files + 1);
}

#[test]
fn a_store_of_other_settings_or_cut_short_is_not_trusted() {
    let site = site();
    let public = site.path().join("public");
    build(site.path(), &public);
    build(site.path(), &public);
    let bytes = fs::read(store(site.path())).unwrap();
    // Another reference date (what recurrences and checks depend on): the store is written
    // anew, from the files.
    fs::write(store(site.path()), tampered(&bytes)).unwrap();
    let o = command_on(site.path(), &public, "2026-11-27")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = fs::read_to_string(public.join("agenda/ev-0005/index.html")).unwrap();
    assert!(!page.contains("Pris du stock"));
    let rewritten = fs::read(store(site.path())).unwrap();
    assert_eq!(replace(&rewritten, b"Pris du stock", b""), rewritten);
    assert_ne!(records(&rewritten).0, records(&bytes).0);
    // A store cut short in a record, then a record of garbage: reading stops there, the files
    // after it are parsed again; the site is the one a full build makes.
    let cut = rewritten.len() - 40;
    let mut damaged = rewritten[..cut].to_vec();
    damaged.extend_from_slice(&[200, 0, 0, 0, 1, 2, 3]);
    fs::write(store(site.path()), damaged).unwrap();
    build(site.path(), &public);
    let fresh = site.path().join("fresh");
    build(site.path(), &fresh);
    assert!(all_files(&public) == all_files(&fresh));
}

#[test]
fn an_event_file_with_a_warning_is_reported_by_every_build() {
    let site = site();
    let public = site.path().join("public");
    let file = site.path().join("content/events/ev-0003.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("Description de", "Décrivez l'événement ici. De"),
    )
    .unwrap();
    for _ in 0..3 {
        let o = command(site.path(), &public).output().unwrap();
        assert!(o.status.success());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(
            stderr.contains("ev-0003.md") && stderr.contains("ambassade new"),
            "{stderr}"
        );
    }
    // Kept out of the store, which has every other event.
    let stored = fs::read(store(site.path())).unwrap();
    assert_eq!(records(&stored).1.len(), event_files(site.path()) - 1);
    assert_eq!(replace(&stored, b"ev-0003.md", b""), stored);
}

#[test]
fn each_event_file_is_known_by_its_event_and_each_list_by_its_events() {
    // Adding an event before the others in the agenda moves their places in every list,
    // not their own files: those are taken over; the lists that show the new event are made
    // again; the result is a full build's.
    let site = site();
    let ((_, rebuilt, full), kept) = rebuild_and_full(site.path(), |s| {
        fs::write(
            s.join("content/events/premier.md"),
            "---\ntitle: Le premier\nstart: 2027-01-01T09:00\nlevel: local\n---\nAvant tous.\n",
        )
        .unwrap();
    });
    assert!(rebuilt == full);
    for ev in ["ev-0000", "ev-0100", "ev-0199"] {
        for path in [
            format!("agenda/{ev}/index.html"),
            format!("agenda/{ev}/{ev}.ics"),
        ] {
            assert!(rebuilt.contains_key(&path), "{path}");
            assert!(kept.contains(&path), "{path} was made again");
        }
    }
    assert!(!kept.contains(&"agenda/index.html".to_string()));
    // An event's page, sheet and calendar file are recorded under the event's own key.
    let manifest = manifest(&site.path().join("public"));
    let key = |p: &str| manifest.get(p).cloned().unwrap_or_default();
    assert_eq!(
        key("agenda/ev-0007/index.html"),
        key("agenda/ev-0007/ev-0007.ics")
    );
    assert_ne!(
        key("agenda/ev-0007/index.html"),
        key("agenda/ev-0008/index.html")
    );
}

#[test]
fn a_rebuild_after_editing_a_translation_of_an_event_makes_its_page_again() {
    // A translated event is the original with the translation's words: its files depend on
    // two event files, and a rebuild must see an edit of either (`Event::made_from`).
    let site = support::example_site();
    let translation = site
        .path()
        .join("content/events/salon-des-independants-2027.nl.md");
    let text = fs::read_to_string(&translation).unwrap();
    let retitled = "title: Beurs voor zelfstandigen en creatieven 2027 (herzien)";
    assert!(text.contains("title: Beurs voor zelfstandigen en creatieven 2027\n"));
    let ((before, rebuilt, full), _) = rebuild_and_full(site.path(), |_| {
        fs::write(
            &translation,
            text.replace(
                "title: Beurs voor zelfstandigen en creatieven 2027",
                retitled,
            ),
        )
        .unwrap()
    });
    assert!(
        rebuilt == full,
        "differs from a full build: {:?}",
        changed(&rebuilt, &full)
    );
    let page = "nl/agenda/salon-des-independants-2027/index.html";
    let html = String::from_utf8(rebuilt[page].clone()).unwrap();
    assert!(html.contains("(herzien)"), "{page} not made again");
    assert!(changed(&before, &rebuilt).contains(&page.to_string()));
    // The French page is made from the original alone: taken over as it was.
    let fr = "agenda/salon-des-independants-2027/index.html";
    assert_eq!(before[fr], rebuilt[fr]);
}
