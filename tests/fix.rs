//! `ambassade check --fix`: French titles left unquoted (`Débat : quoi ?`) are quoted, the
//! changes are listed, and nothing else changes, byte for byte.

mod support;

use std::fs;

use support::{all_files, bin, minimal_site, TODAY};

/// Event files as an editor writes them, and the same with the quoting written by hand.
const EVENTS: &[(&str, &str, &str)] = &[
    (
        "debat.md",
        "---\ntitle: Débat : quelle protection sociale ?\nstart: 2027-03-14\nlevel: regional\n---\nUn débat.\n",
        "---\ntitle: \"Débat : quelle protection sociale ?\"\nstart: 2027-03-14\nlevel: regional\n---\nUn débat.\n",
    ),
    (
        "atelier.md",
        "---\nstart: 2027-04-02\ntitle: Atelier : le statut d'artiste ?   # à confirmer\nlevel: local\n---\n",
        "---\nstart: 2027-04-02\ntitle: \"Atelier : le statut d'artiste ?\"   # à confirmer\nlevel: local\n---\n",
    ),
    (
        // Windows line endings are kept.
        "table-ronde.md",
        "---\r\ntitle: Table ronde : travailler \"autrement\" ?\r\nstart: 2027-05-10\r\nlevel: national\r\n---\r\nTexte.\r\n",
        "---\r\ntitle: \"Table ronde : travailler \\\"autrement\\\" ?\"\r\nstart: 2027-05-10\r\nlevel: national\r\n---\r\nTexte.\r\n",
    ),
    (
        // Two values to quote in one file: YAML stops at the first, so it takes two rounds.
        "salon-pro.md",
        "---\ntitle: Salon : les métiers du spectacle ?\nstart: 2027-06-01\nlevel: sectoral\nregion: Wallonie : Liège\n---\n",
        "---\ntitle: \"Salon : les métiers du spectacle ?\"\nstart: 2027-06-01\nlevel: sectoral\nregion: \"Wallonie : Liège\"\n---\n",
    ),
    (
        "rencontre.md",
        "---\ntitle: Rencontre : C:\\Partage ?\nstart: 2027-07-01\nlevel: european\n---\n",
        "---\ntitle: \"Rencontre : C:\\\\Partage ?\"\nstart: 2027-07-01\nlevel: european\n---\n",
    ),
];

#[test]
fn check_fix_quotes_the_titles_and_changes_nothing_else() {
    let (_tmp, site) = minimal_site();
    let events = site.join("content/events");
    for (name, written, _) in EVENTS {
        fs::write(events.join(name), written).unwrap();
    }
    let before = all_files(&site);
    let root = site.to_str().unwrap();

    let refused = bin()
        .args(["check", "--root", root, "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains(
            "hint: put the text in double quotes: `title: \"Débat : quelle protection sociale ?\"`"
        ),
        "{stderr}"
    );

    let fixed = bin()
        .args(["check", "--fix", "--root", root, "--today", TODAY])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&fixed.stderr);
    assert_eq!(fixed.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "content/events/debat.md:2: fixed: title: Débat : quelle protection sociale ? → title: \"Débat : quelle protection sociale ?\""
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/events/salon-pro.md:5: fixed: "),
        "{stderr}"
    );
    assert_eq!(stderr.matches(": fixed: ").count(), 6, "{stderr}");

    let after = all_files(&site);
    let mut expected = before.clone();
    for (name, _, quoted) in EVENTS {
        expected.insert(format!("content/events/{name}"), quoted.as_bytes().to_vec());
    }
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &expected {
        assert_eq!(
            String::from_utf8_lossy(&after[path]),
            String::from_utf8_lossy(bytes),
            "{path}"
        );
    }

    let checked = bin()
        .args(["check", "--root", root, "--today", TODAY])
        .output()
        .unwrap();
    assert_eq!(
        checked.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn the_fix_is_said_in_french() {
    let (_tmp, site) = minimal_site();
    let (name, written, _) = EVENTS[0];
    fs::write(site.join("content/events").join(name), written).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ambassade"))
        .args(["--lang", "fr", "check", "--fix", "--root"])
        .arg(&site)
        .args(["--today", TODAY])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/events/debat.md:2 : corrigé : title: Débat : quelle protection sociale ? → title: \"Débat : quelle protection sociale ?\""),
        "{stderr}"
    );
}
