//! What a build may take over from the previous output instead of making it again. Every
//! output carries a manifest (`MANIFEST`): a key for each file, and a key for what every file
//! depends on besides its own inputs (the binary, the theme, the site's content other than
//! events, the reference date: `Fingerprint::global`). A page's key is a hash of the template
//! and variables it is rendered from, any other file's the hash of its bytes. The next build,
//! when the global key is the same, hard-links each file whose key is unchanged from the
//! previous output into its staging folder rather than render (pages) or write (other files)
//! it: the output is the same, byte for byte, as a full build's, manifest included.
//!
//! Hard links share the file between the two outputs: nothing ever writes into an existing
//! file of an output (every file of a staging folder is created new), so neither changes the
//! other.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// The manifest's file name: a dot-file beside `MARKER`, like it in no sitemap and not
/// published by hosts that skip hidden files.
pub const MANIFEST: &str = ".ambassade-manifest";

/// The first word of a manifest: a manifest of another format is ignored.
const HEADER: &str = "ambassade-manifest-1";

/// A 128-bit key (XXH3's 128-bit hash): collisions are not a practical concern for the few
/// hundred thousand files of a site.
pub type Key = u128;

/// Hashes what is written into it (`io::Write`, so `serde_json::to_writer` feeds it directly).
/// The bytes are gathered and hashed once: serialisers write many pieces of a few bytes, and
/// each call into the hasher has a cost of its own.
#[derive(Default)]
pub struct Fingerprint {
    buf: Vec<u8>,
}

impl Fingerprint {
    pub fn add(&mut self, bytes: &[u8]) -> &mut Fingerprint {
        // The length first: ("ab", "c") and ("a", "bc") differ.
        self.buf
            .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.buf.extend_from_slice(bytes);
        self
    }

    pub fn key(&self) -> Key {
        hash128(&[&self.buf])
    }

    /// The key of `bytes` alone: what a file other than a page is known by.
    pub fn of(bytes: &[u8]) -> Key {
        // What `add` would gather, without copying the bytes.
        hash128(&[&(bytes.len() as u64).to_le_bytes(), bytes])
    }

    /// `of` the concatenation of `parts`, without making it.
    pub fn of_parts<T: AsRef<str>>(parts: &[T]) -> Key {
        let len: usize = parts.iter().map(|p| p.as_ref().len()).sum();
        let len = (len as u64).to_le_bytes();
        let all: Vec<&[u8]> = std::iter::once(&len[..])
            .chain(parts.iter().map(|p| p.as_ref().as_bytes()))
            .collect();
        hash128(&all)
    }

    /// What every file of a build of `root` depends on besides its own inputs: this binary
    /// (its size and modification time: a rebuilt binary may render differently), the site's
    /// files other than its events (configuration, lexicon, pages, sheets, kit, theme: read
    /// again here, a few hundred kilobytes), and `extra` (the reference date and options).
    pub fn global(root: &Path, extra: &str) -> Key {
        let mut f = Fingerprint::default();
        f.add(HEADER.as_bytes()).add(extra.as_bytes());
        f.add(crate::binary_identity().as_bytes());
        for dir in ["content", "themes"] {
            let mut files: Vec<_> = walkdir::WalkDir::new(root.join(dir))
                .into_iter()
                .filter_entry(|e| {
                    !(e.depth() == 1 && dir == "content" && e.file_name() == "events")
                })
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .collect();
            files.sort();
            for p in files {
                f.add(
                    p.strip_prefix(root)
                        .unwrap_or(&p)
                        .as_os_str()
                        .as_encoded_bytes(),
                );
                // An unreadable file fails the load anyway; here it simply counts as empty.
                f.add(&fs::read(&p).unwrap_or_default());
            }
        }
        f.key()
    }
}

/// A key as the manifest writes it (32 hexadecimal digits): as two halves, which is quicker
/// than 128-bit arithmetic for each digit (46,000 keys are read at each rebuild).
fn hex_key(text: &str) -> Option<Key> {
    if text.len() != 32 {
        return Key::from_str_radix(text, 16).ok();
    }
    let high = u64::from_str_radix(text.get(..16)?, 16).ok()?;
    let low = u64::from_str_radix(text.get(16..)?, 16).ok()?;
    Some((Key::from(high) << 64) | Key::from(low))
}

/// XXH3-128 of the concatenated `parts`. A rebuild hashes every event file and the variables
/// of every list (tens of megabytes): XXH3 does it in a few milliseconds, where two SipHash
/// passes took a tenth of the rebuild. The keys only detect change (a site's editors are not
/// its adversaries), so a hash made for speed is the right one.
fn hash128(parts: &[&[u8]]) -> Key {
    if let [one] = parts {
        return xxhash_rust::xxh3::xxh3_128(one);
    }
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    for p in parts {
        h.update(p);
    }
    h.digest128()
}

impl Write for Fingerprint {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Not `add`: serialisers split their output at arbitrary points.
        self.buf.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A previous output's manifest: each file's key, when the global key matches.
#[derive(Debug, Default)]
pub struct Manifest {
    pub keys: super::PathMap<Key>,
}

impl Manifest {
    /// The manifest of the output at `dir` if it was made with `global`; otherwise (none, an
    /// older format, another binary or other shared content) an empty one: nothing is reused.
    #[cfg(test)]
    pub fn read(dir: &Path, global: Key) -> Manifest {
        match Manifest::read_any(dir) {
            Some((g, m)) if g == global => m,
            _ => Manifest::default(),
        }
    }

    /// The manifest at `dir` and its global key, whatever that is (none: no manifest of this
    /// format).
    pub fn read_any(dir: &Path) -> Option<(Key, Manifest)> {
        let text = fs::read_to_string(dir.join(MANIFEST)).ok()?;
        let mut lines = text.lines();
        let global = lines.next()?.strip_prefix(HEADER)?.strip_prefix(' ')?;
        let global = Key::from_str_radix(global, 16).ok()?;
        let keys = lines
            .filter_map(|l| {
                let (key, path) = l.split_once(' ')?;
                Some((path.to_string(), hex_key(key)?))
            })
            .collect();
        Some((global, Manifest { keys }))
    }

    /// Writes the manifest's text for `files` (path, key) to `out`, sorted by path: the same
    /// files and keys always give the same bytes.
    pub fn write(out: impl Write, global: Key, mut files: Vec<(String, Key)>) -> io::Result<()> {
        files.sort_unstable();
        // Streamed: for 23,000 files the text would be 2 MB held at the build's busiest moment.
        let mut out = io::BufWriter::new(out);
        writeln!(out, "{HEADER} {global:032x}")?;
        for (path, key) in files {
            writeln!(out, "{key:032x} {path}")?;
        }
        out.flush()
    }

    /// `write` into a string.
    #[cfg(test)]
    fn text(global: Key, files: Vec<(String, Key)>) -> String {
        let mut bytes = Vec::new();
        Manifest::write(&mut bytes, global, files).unwrap();
        String::from_utf8(bytes).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_is_read_back_only_with_its_global_key() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            ("b/index.html".to_string(), 7),
            ("a.ics".to_string(), Fingerprint::of(b"x")),
        ];
        let text = Manifest::text(42, files);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], format!("{HEADER} {:032x}", 42u128));
        // Sorted by path, whatever the order given.
        assert!(lines[1].ends_with(" a.ics") && lines[2] == format!("{:032x} b/index.html", 7));
        fs::write(dir.path().join(MANIFEST), &text).unwrap();
        let m = Manifest::read(dir.path(), 42);
        assert_eq!(m.keys.len(), 2);
        assert_eq!(m.keys["b/index.html"], 7);
        assert_eq!(m.keys["a.ics"], Fingerprint::of(b"x"));
        assert!(Manifest::read(dir.path(), 43).keys.is_empty());
    }

    #[test]
    fn keys_are_read_back_as_written() {
        for k in [
            0,
            7,
            u128::MAX,
            1 << 64,
            (1 << 64) - 1,
            Fingerprint::of(b"x"),
        ] {
            assert_eq!(hex_key(&format!("{k:032x}")), Some(k));
        }
        assert_eq!(hex_key("f"), Some(15));
        assert_eq!(hex_key(&"g".repeat(32)), None);
    }

    #[test]
    fn keys_tell_apart_what_differs() {
        assert_ne!(Fingerprint::of(b"ab"), Fingerprint::of(b"ac"));
        let split = |x: &[u8], y: &[u8]| Fingerprint::default().add(x).add(y).key();
        assert_ne!(split(b"ab", b"c"), split(b"a", b"bc"));
        assert_eq!(Fingerprint::of(b"same"), Fingerprint::of(b"same"));
        // The key of bytes alone is the key of those bytes added.
        assert_eq!(
            Fingerprint::of(b"same"),
            Fingerprint::default().add(b"same").key()
        );
    }
}
