//! The checked event files a build keeps beside its output (`.public.events`) for the next
//! one: a rebuild parses again only the event files whose bytes changed. Parsing the front
//! matter and Markdown of 10,000 event files was two fifths of a rebuild after one edit.
//!
//! A first line names the format, the binary and the settings the files were checked with
//! (`EventSettings`: today, the site's zone, the sheet's options…); the store of another
//! binary or other settings is ignored and written anew. Then one record per event file
//! checked without any problem: its length (4 bytes, little-endian), then, in postcard (the
//! compact serde format), its path, a hash of its bytes and the event made of it. JSON took
//! three times as long to read back. Each rebuild appends the records of the files it checked
//! (a path's last record is the one that counts), and writes the store anew once most of its
//! records are stale. A record that cannot be read back (a build killed while appending)
//! ends the reading: the files after it are checked again. A file with a warning is not
//! kept, so its warning is reported by every build.

use std::collections::HashMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::EventFile;
use crate::diagnostic::{Diagnostics, Pos};
use crate::model::{Event, Slug};
use crate::output::{Fingerprint, Key};

/// The first word of a store: a store of another format is ignored.
const FORMAT: &str = "ambassade-events-3";

/// Records written at once.
const BLOCK: usize = 512;

/// Bytes of the store read and decoded at once.
const CHUNK: usize = 1 << 20;

/// The store as read at the start of a build.
pub(super) struct Store {
    path: PathBuf,
    header: String,
    /// By path: hashed as bytes (foldhash), where a `Path` hashes component by component.
    entries: HashMap<std::ffi::OsString, Entry, foldhash::fast::RandomState>,
    /// Records after the header: when they are more than twice the live files, the store is
    /// written anew.
    records: usize,
    /// Whether the file was a store of this binary and these settings.
    current: bool,
}

/// One record: an event file checked without problems.
#[derive(Deserialize)]
struct Entry {
    file: PathBuf,
    /// `Fingerprint::of` the file's bytes (`bytes_key`).
    bytes: Key,
    slug: Slug,
    uid_at: Option<Pos>,
    draft: bool,
    #[serde(deserialize_with = "shared")]
    event: Arc<Event>,
}

/// An event read back, to be shared as every event is.
fn shared<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Arc<Event>, D::Error> {
    Event::deserialize(d).map(Arc::new)
}

/// An `Entry` as written: the same fields in the same order, borrowed.
#[derive(Serialize)]
struct Record<'a> {
    file: &'a Path,
    bytes: Key,
    slug: &'a Slug,
    uid_at: Option<Pos>,
    draft: bool,
    event: &'a Event,
}

/// Calls `f` with the records of `input`, read `chunk` bytes at a time: each time, the whole
/// records read so far. Stops at the end, at a record cut short or at a damaged length.
fn each_block(input: &mut impl std::io::Read, chunk: usize, mut f: impl FnMut(Vec<&[u8]>)) {
    let mut buf: Vec<u8> = Vec::new();
    loop {
        // Appended to what is left of the last chunk: a record cut in two.
        let at_end = match std::io::Read::take(&mut *input, chunk as u64).read_to_end(&mut buf) {
            Ok(n) => n < chunk,
            Err(_) => true,
        };
        let (block, used, damaged) = records(&buf);
        f(block);
        if at_end || damaged {
            return;
        }
        buf.drain(..used);
    }
}

/// The whole records at the start of `bytes` (each a length of 4 bytes, little-endian, then
/// that many bytes), how many bytes they take, and whether a length was damaged (nothing after
/// it can be read). A record cut short is left for more bytes; at the end of the store it ends
/// the reading.
fn records(bytes: &[u8]) -> (Vec<&[u8]>, usize, bool) {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(len) = bytes.get(at..at + 4) {
        let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
        // No event is anywhere near this: a length read from a damaged store.
        if len > 64 << 20 {
            return (found, at, true);
        }
        let Some(record) = bytes.get(at + 4..at + 4 + len) else {
            break;
        };
        found.push(record);
        at += 4 + len;
    }
    (found, at, false)
}

/// The key of a file's bytes in the store.
pub(super) fn bytes_key(bytes: &[u8]) -> Key {
    Fingerprint::of(bytes)
}

impl Store {
    /// Reads the store at `path`, made for `settings` (their `Debug` text); a missing or
    /// foreign store is an empty one.
    pub(super) fn open(path: &Path, settings: &str) -> Store {
        use rayon::prelude::*;
        let header = format!(
            "{FORMAT} {} {:032x}",
            crate::binary_identity(),
            Fingerprint::of(settings.as_bytes())
        );
        let mut store = Store {
            path: path.to_path_buf(),
            header,
            entries: HashMap::default(),
            records: 0,
            current: false,
        };
        let Ok(file) = fs::File::open(path) else {
            return store;
        };
        let mut input = std::io::BufReader::new(file);
        let mut first = String::new();
        let read = std::io::BufRead::read_line(&mut input, &mut first);
        if read.is_err() || first.strip_suffix('\n') != Some(store.header.as_str()) {
            return store;
        }
        store.current = true;
        // Read and decoded a few megabytes at a time: the whole store at once (27 MB for
        // 10,000 events) would add its size to the build's peak memory, and a read per record
        // cost a tenth of reading the store.
        each_block(&mut input, CHUNK, |block| {
            store.records += block.len();
            let entries: Vec<Option<Entry>> = block
                .par_iter()
                .map(|b| postcard::from_bytes(b).ok())
                .collect();
            for e in entries.into_iter().flatten() {
                store.entries.insert(e.file.clone().into_os_string(), e);
            }
        });
        store
    }

    /// What the file `shown` was made into, when its bytes (`key`, from `bytes_key`) are the
    /// ones it was checked with.
    pub(super) fn get(&self, shown: &Path, key: Key) -> Option<EventFile> {
        let e = self
            .entries
            .get(shown.as_os_str())
            .filter(|e| e.bytes == key)?;
        Some(EventFile {
            shown: e.file.clone(),
            slug: Some(e.slug.clone()),
            uid_at: e.uid_at,
            parsed: Some((Some(Arc::clone(&e.event)), e.draft)),
            diags: Diagnostics::new(),
        })
    }

    /// What to keep of this build's files, checked without problems: `files` are every event
    /// file, each with its bytes' key when it was checked now (not taken from the store). The
    /// new records, to append; or, when the store was foreign or mostly stale, the whole store
    /// written anew beside it, to put in its place. Either once the build has succeeded
    /// (`Pending::write`).
    pub(super) fn pending(self, files: &[(EventFile, Option<Key>)]) -> Pending {
        use rayon::prelude::*;
        let record = |f: &EventFile, key: Key| -> Option<Vec<u8>> {
            let (Some(slug), Some((Some(event), draft)), true) =
                (&f.slug, &f.parsed, f.diags.is_empty())
            else {
                return None;
            };
            let payload = postcard::to_stdvec(&Record {
                file: &f.shown,
                bytes: key,
                slug,
                uid_at: f.uid_at,
                draft: *draft,
                event,
            })
            .ok()?;
            let mut record = u32::try_from(payload.len()).ok()?.to_le_bytes().to_vec();
            record.extend_from_slice(&payload);
            Some(record)
        };
        let checked = files.iter().filter(|(_, key)| key.is_some()).count();
        if self.current && self.records + checked <= 2 * files.len() + 64 {
            let records = files
                .par_iter()
                .filter_map(|(f, key)| record(f, (*key)?))
                .collect();
            return Pending {
                path: self.path,
                anew: None,
                records,
            };
        }
        // Beside the store, under a name no build takes for a folder of its own (`.public.tmp-*`
        // are staging folders). Two builds writing it at once can leave a store cut short:
        // its records all still carry the bytes they were made from.
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(".new");
        let tmp = PathBuf::from(tmp);
        let written = fs::File::create(&tmp).and_then(|mut out| {
            let mut w = std::io::BufWriter::new(&mut out);
            writeln!(w, "{}", self.header)?;
            // A block at a time, for the same reason as when reading.
            for block in files.chunks(BLOCK) {
                let records: Vec<Vec<u8>> = block
                    .par_iter()
                    .filter_map(|(f, key)| match key {
                        Some(k) => record(f, *k),
                        None => record(f, self.entries.get(f.shown.as_os_str())?.bytes),
                    })
                    .collect();
                for r in &records {
                    w.write_all(r)?;
                }
            }
            w.flush()
        });
        if written.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        Pending {
            path: self.path,
            anew: written.is_ok().then_some(tmp),
            records: Vec::new(),
        }
    }
}

/// What a build adds to the store: records to append, or a store written anew beside it.
/// Applied once the build has succeeded (`write`); dropped, it leaves the store as it was,
/// so that a failed build changes nothing beside its output.
pub struct Pending {
    path: PathBuf,
    anew: Option<PathBuf>,
    records: Vec<Vec<u8>>,
}

impl Pending {
    /// Puts the new store in place, or appends the records. A store that cannot be written is
    /// no error: the next build checks every file again.
    pub fn write(mut self) {
        if let Some(tmp) = self.anew.take() {
            if fs::rename(&tmp, &self.path).is_err() {
                let _ = fs::remove_file(&tmp);
            }
        } else if !self.records.is_empty() {
            // One write: records of two builds appending at once do not interleave.
            let _ = fs::OpenOptions::new()
                .append(true)
                .open(&self.path)
                .and_then(|mut f| f.write_all(&self.records.concat()));
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(tmp) = self.anew.take() {
            let _ = fs::remove_file(tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(payload: &[u8]) -> Vec<u8> {
        let mut r = (payload.len() as u32).to_le_bytes().to_vec();
        r.extend_from_slice(payload);
        r
    }

    /// Every record, however the chunks cut them, once each and in order.
    #[test]
    fn records_cut_across_chunks_are_read_whole() {
        let payloads: Vec<Vec<u8>> = (0..40u8).map(|i| vec![i; usize::from(i) * 3]).collect();
        let store: Vec<u8> = payloads.iter().flat_map(|p| record(p)).collect();
        for chunk in [1, 2, 5, 7, 64, 1 << 20] {
            let mut read = Vec::new();
            each_block(&mut &store[..], chunk, |b| {
                read.extend(b.into_iter().map(<[u8]>::to_vec))
            });
            assert_eq!(read, payloads, "chunks of {chunk} bytes");
        }
    }

    /// A record cut short ends the reading; so does a length no record has, and what follows
    /// it is not read.
    #[test]
    fn a_record_cut_short_or_a_damaged_length_ends_the_reading() {
        let mut store = record(b"first");
        store.extend_from_slice(&record(b"second")[..6]);
        let mut read = Vec::new();
        each_block(&mut &store[..], 3, |b| {
            read.extend(b.into_iter().map(<[u8]>::to_vec))
        });
        assert_eq!(read, vec![b"first".to_vec()]);

        let mut store = record(b"first");
        store.extend_from_slice(&u32::MAX.to_le_bytes());
        store.extend_from_slice(&record(b"after"));
        let mut read = Vec::new();
        each_block(&mut &store[..], 4, |b| {
            read.extend(b.into_iter().map(<[u8]>::to_vec))
        });
        assert_eq!(read, vec![b"first".to_vec()]);
    }
}
