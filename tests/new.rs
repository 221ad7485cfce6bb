//! `ambassade new`: every kind writes something that passes `ambassade check`, nothing is ever
//! overwritten or duplicated, and a refusal leaves every file as it was.

mod support;

use std::fs;
use std::path::Path;

use support::{assert_checks, example_site, minimal_site, run, stderr, stdout, TODAY};

fn new(site: &Path, args: &[&str]) -> std::process::Output {
    let root = site.to_string_lossy().into_owned();
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    // Every command of a test sets its reference date: `new kit-item` writes it as `updated`.
    all.extend_from_slice(&["--root", &root, "--today", TODAY]);
    run(&all)
}

fn ok(site: &Path, args: &[&str]) -> String {
    let out = new(site, args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "new {args:?} failed:\n{}",
        stderr(&out)
    );
    stdout(&out)
}

/// Runs a refused `new` and returns its stderr, checking that no file of the site changed.
fn refused(site: &Path, args: &[&str]) -> String {
    let before = snapshot(site);
    let out = new(site, args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "new {args:?} should be refused:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert_eq!(snapshot(site), before, "new {args:?} changed files");
    stderr(&out)
}

/// Every file of the site's content with its text.
fn snapshot(site: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().display().to_string();
                out.push((rel, fs::read(&p).unwrap()));
            }
        }
    }
    let mut v = Vec::new();
    walk(site, &site.join("content"), &mut v);
    v.sort();
    v
}

#[test]
fn new_event_is_a_commented_valid_file_named_after_the_title() {
    let (_tmp, site) = minimal_site();
    let out = ok(
        &site,
        &[
            "event",
            "Salon de l'économie sociale : édition 2027",
            "--start",
            "2027-02-03T14:00",
            "--end",
            "2027-02-03T18:00",
            "--level",
            "regional",
        ],
    );
    let path = site.join("content/events/salon-de-l-economie-sociale-edition-2027.md");
    assert!(out.contains("created"), "{out}");
    assert!(
        out.contains("salon-de-l-economie-sociale-edition-2027.md"),
        "{out}"
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("---\n# "),
        "comments explain the file:\n{text}"
    );
    assert!(text.contains("title: 'Salon de l''économie sociale : édition 2027'"));
    assert!(text.contains("start: 2027-02-03T14:00"));
    assert!(text.contains("end: 2027-02-03T18:00"));
    assert!(text.contains("level: regional"));
    assert!(text.contains("# location:"));
    // A draft until its text is written: the comment says how to publish it.
    assert!(
        text.contains("\ndraft: true                     # a draft, built only with --drafts: delete this line to publish it\n"),
        "{text}"
    );
    assert!(out.contains("it is a draft (`draft: true`)"), "{out}");
    assert_checks(&site);
    let root = site.to_str().unwrap();
    let build = run(&["build", "--today", TODAY, "--root", root]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(!site
        .join("public/agenda/salon-de-l-economie-sociale-edition-2027")
        .exists());
    let build = run(&["build", "--drafts", "--today", TODAY, "--root", root]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let page = fs::read_to_string(
        site.join("public/agenda/salon-de-l-economie-sociale-edition-2027/index.html"),
    )
    .unwrap();
    assert!(
        page.contains("Salon de l&#39;économie sociale")
            || page.contains("Salon de l'économie sociale")
    );

    // Never overwritten.
    let err = refused(
        &site,
        &[
            "event",
            "Salon de l'économie sociale : édition 2027",
            "--start",
            "2027-05-01",
        ],
    );
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn new_all_day_and_draft_events_and_pages_check() {
    let (_tmp, site) = minimal_site();
    ok(
        &site,
        &[
            "event",
            "Foire aux associations",
            "--start",
            "2027-09-04",
            "--end",
            "2027-09-05",
            "--draft",
        ],
    );
    let text = fs::read_to_string(site.join("content/events/foire-aux-associations.md")).unwrap();
    assert!(text.contains("draft: true"));
    ok(&site, &["page", "Nos partenaires"]);
    let page = fs::read_to_string(site.join("content/pages/nos-partenaires.md")).unwrap();
    assert!(page.contains("title: Nos partenaires"));
    assert!(page.contains("published at /nos-partenaires/"));
    ok(&site, &["page", "Une autre page", "--slug", "autre"]);
    assert!(site.join("content/pages/autre.md").is_file());
    assert_checks(&site);
}

#[test]
fn new_term_network_and_kit_item_append_to_their_files() {
    let (_tmp, site) = minimal_site();
    let lexicon_before = fs::read_to_string(site.join("content/lexicon.yaml")).unwrap();
    let out = ok(&site, &["term", "Défraiement"]);
    assert!(out.contains("`defraiement`"), "{out}");
    assert!(out.contains("content/lexicon.yaml"), "{out}");
    let lexicon = fs::read_to_string(site.join("content/lexicon.yaml")).unwrap();
    assert!(
        lexicon.starts_with(&lexicon_before),
        "the existing text must stay as it was"
    );
    let added = &lexicon[lexicon_before.len()..];
    assert!(
        added.contains("  - term: Défraiement\n    id: defraiement"),
        "{added}"
    );

    ok(
        &site,
        &[
            "network",
            "Réseau des coopératives d'activités",
            "--level",
            "national",
            "--url",
            "https://coop.example.org/",
        ],
    );
    let networks = fs::read_to_string(site.join("content/networks.yaml")).unwrap();
    assert!(networks.contains("  - name: Réseau des coopératives d'activités\n"));
    assert!(networks.contains("    url: https://coop.example.org/"));

    fs::write(site.join("content/kit/affiche-a3.txt"), "une affiche").unwrap();
    ok(
        &site,
        &[
            "kit-item",
            "Affiche A3",
            "--kind",
            "poster",
            "--file",
            "kit/affiche-a3.txt",
        ],
    );
    ok(
        &site,
        &[
            "kit-item",
            "Présentation vidéo courte",
            "--kind",
            "video",
            "--url",
            "https://video.example.org/court",
            "--language",
            "nl",
        ],
    );
    let kit = fs::read_to_string(site.join("content/kit.yaml")).unwrap();
    assert!(kit.contains("    kind: poster"));
    assert!(kit.contains("    file: kit/affiche-a3.txt"));
    assert!(kit.contains("    language: nl"));
    assert_checks(&site);
}

#[test]
fn appending_keeps_the_layout_of_the_example_site() {
    let site = example_site();
    let site = site.path();
    let before = fs::read_to_string(site.join("content/lexicon.yaml")).unwrap();
    ok(site, &["term", "Coopérative d'activité et d'emploi"]);
    let after = fs::read_to_string(site.join("content/lexicon.yaml")).unwrap();
    assert!(after.starts_with(&before));
    // The example separates its terms with a blank line: so does the new one.
    let added = &after[before.len()..];
    assert!(
        added.starts_with("\n  - term:"),
        "unexpected layout:\n{added}"
    );
    ok(site, &["network", "Réseau test", "--level", "european"]);
    ok(
        site,
        &[
            "kit-item",
            "Guide",
            "--kind",
            "brochure",
            "--url",
            "https://example.org/guide.pdf",
        ],
    );
    assert_checks(site);
}

#[test]
fn duplicates_and_misplaced_lists_are_refused() {
    let (_tmp, site) = minimal_site();
    // `Binôme` exists (its id is made from the term).
    let err = refused(&site, &["term", "Binôme"]);
    assert!(
        err.contains("already has an entry with the id `binome`"),
        "{err}"
    );
    let err = refused(&site, &["term", "Autre binôme", "--id", "binome"]);
    assert!(err.contains("`binome`"), "{err}");
    let err = refused(&site, &["network", "Réseau local"]);
    assert!(err.contains("`reseau-local`"), "{err}");
    let err = refused(
        &site,
        &[
            "kit-item",
            "Carte de visite",
            "--url",
            "https://example.org/",
        ],
    );
    assert!(err.contains("`carte-de-visite`"), "{err}");

    // The list is not the last key of the file: nothing is written, the editor is told why.
    let lexicon = site.join("content/lexicon.yaml");
    let text = fs::read_to_string(&lexicon).unwrap();
    fs::write(&lexicon, format!("{text}introduction: Le lexique.\n")).unwrap();
    let err = refused(&site, &["term", "Nouveau terme"]);
    assert!(
        err.contains("`terms:` is not the last part of content/lexicon.yaml"),
        "{err}"
    );
    assert!(err.contains("move the `terms:` list to the end"), "{err}");

    // A list written on one line.
    fs::write(
        site.join("content/networks.yaml"),
        "networks: [{ name: Un, level: local }]\n",
    )
    .unwrap();
    let err = refused(&site, &["network", "Deux"]);
    assert!(err.contains("written on one line"), "{err}");
}

#[test]
fn bad_input_and_results_that_would_not_check_are_refused() {
    let (_tmp, site) = minimal_site();
    let err = refused(&site, &["event", "Salon", "--start", "3/2/2027"]);
    assert!(err.contains("not a date"), "{err}");
    let err = refused(
        &site,
        &[
            "event",
            "Salon",
            "--start",
            "2027-02-03T14:00",
            "--end",
            "2027-02-03T13:00",
        ],
    );
    assert!(err.contains("before"), "{err}");
    let err = refused(&site, &["event", "!!!", "--start", "2027-02-03"]);
    assert!(err.contains("no file name can be made"), "{err}");
    let out = new(
        &site,
        &[
            "event",
            "Salon",
            "--start",
            "2027-02-03",
            "--level",
            "planetary",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "a bad level is a usage error");

    // A page named like a section of the site: the check fails, the file is removed again.
    let err = refused(&site, &["page", "Agenda"]);
    assert!(
        err.contains("this page and the agenda both want the address /agenda/"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    // A kit file that does not exist.
    let err = refused(
        &site,
        &["kit-item", "Brochure", "--file", "kit/absente.pdf"],
    );
    assert!(err.contains("nothing was written"), "{err}");
    // Neither a file nor an address.
    let out = new(&site, &["kit-item", "Brochure"]);
    assert_eq!(out.status.code(), Some(2));
    assert_checks(&site);
}

/// On an editor's French computer, `new` speaks French and writes its comments in French; the
/// fields and values stay as the loader reads them.
#[test]
fn new_speaks_and_comments_in_french_on_a_french_computer() {
    let (_tmp, site) = minimal_site();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ambassade"))
        .args(["new", "event", "Foire", "--start", "2027-09-04", "--root"])
        .arg(&site)
        .args(["--today", TODAY])
        .env("LANG", "fr_BE.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("content/events/foire.md créé"), "{said}");
    assert!(
        said.contains("c’est un brouillon (`draft: true`)"),
        "{said}"
    );
    let text = fs::read_to_string(site.join("content/events/foire.md")).unwrap();
    for expected in [
        "# Un nouvel événement, créé par `ambassade new event`.",
        "# end: YYYY-MM-DD               # le dernier jour, pour un événement de plusieurs jours",
        "level: local                    # local, regional, sectoral, national, european ou international",
        "draft: true                     # brouillon, absent du site publié (visible avec --drafts) : supprimez cette ligne pour le publier",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in\n{text}");
    }
    assert!(!text.contains("A new event"), "{text}");
    assert_checks(&site);
}
