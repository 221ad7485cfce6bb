//! Where rendered files go. Renderers hand each file, as soon as it is made, to an `Output`,
//! which keeps it in memory (the preview server, tests), writes it at once into the output's
//! staging folder (`staging`: a build, so memory stays flat however large the site), or drops
//! it (a check). Only this module writes files of the site.

mod manifest;
mod staging;
mod swap;
mod target;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::msg;

/// Output paths (`agenda/x/index.html`) to what a build knows of them. A rebuild looks each of
/// its 20,000-odd files up in several of these: hashed with foldhash, not SipHash (no one
/// chooses these keys to collide: they are the site's own paths).
pub type PathMap<V> = std::collections::HashMap<String, V, foldhash::fast::RandomState>;
pub type PathSet = std::collections::HashSet<String, foldhash::fast::RandomState>;

pub use manifest::{Fingerprint, Key, MANIFEST};
pub use staging::{events_store, write, Recycling, Staging};
pub use target::{check_replaceable, check_target, Replace, MARKER};

/// The content of one output file, ready to be written as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Bytes(Vec<u8>),
    /// A file made of pieces shared with other files (a calendar feed: its events' texts are
    /// kept once for every feed that lists them), written one after the other: the largest
    /// files of a site are never held whole in memory. Kept in memory as `Bytes`.
    Parts(Vec<Arc<str>>),
    /// A file copied as-is from the site folder (kit files), read only when written.
    CopyOf(PathBuf),
    /// Already written to the staging folder, or dropped by a check: only the path is kept.
    Stored,
}

/// Where files go: see the module documentation.
#[derive(Debug, Clone, Default)]
pub enum Sink {
    #[default]
    Memory,
    Dir(Arc<Staging>),
    Discard,
}

/// Every file of the site, by path relative to the output folder (`/`-separated).
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, Body>,
    pub problems: Diagnostics,
    sink: Sink,
    /// Set while the files of a route known by one key are made (`with_route_key`).
    route_key: Option<Key>,
}

impl Output {
    pub fn new(sink: Sink) -> Output {
        Output {
            sink,
            ..Output::default()
        }
    }

    /// An empty output going to the same place (for one worker's share of the files).
    pub fn child(&self) -> Output {
        Output::new(self.sink.clone())
    }

    pub fn add(&mut self, path: String, body: Body) {
        self.add_keyed(path, body, None);
    }

    /// Whether files going here want a key of their own (a build keeping a manifest): only
    /// then is a page's key worth making. Not while a route's files are recorded under the
    /// route's key (`with_route_key`): those were looked up by it already.
    pub fn keyed(&self) -> bool {
        self.route_key.is_none() && matches!(&self.sink, Sink::Dir(s) if s.keyed())
    }

    /// Runs `make` with every file it adds recorded under `key` rather than under a key of its
    /// own: for routes whose inputs are known before anything is made (an event's files, keyed
    /// by the event), so that a rebuild takes them over without making them at all.
    pub fn with_route_key(&mut self, key: Key, make: impl FnOnce(&mut Output)) {
        let outer = self.route_key.replace(key);
        make(self);
        self.route_key = outer;
    }

    /// Takes the file at `path` over from the previous output when it was made from the same
    /// inputs (`key`); false when the caller must make it.
    pub fn reuse(&mut self, path: &str, key: Key) -> bool {
        let Sink::Dir(staging) = &self.sink else {
            return false;
        };
        if self.files.contains_key(path) || !staging.reuse(path, key) {
            return false;
        }
        self.files.insert(path.to_string(), Body::Stored);
        true
    }

    /// `add`, with the key of what the file was made from (a page's template and variables).
    pub fn add_keyed(&mut self, path: String, body: Body, key: Option<Key>) {
        let key = self.route_key.or(key);
        if self.files.contains_key(&path) {
            self.problems.push(taken_twice(&path));
            return;
        }
        let body = match &self.sink {
            Sink::Memory => match body {
                Body::Parts(parts) => Body::Bytes(parts.concat().into_bytes()),
                body => body,
            },
            Sink::Discard => Body::Stored,
            Sink::Dir(staging) => {
                if let Err(d) = staging.put_keyed(&path, &body, key) {
                    self.fail_with(d);
                }
                Body::Stored
            }
        };
        self.files.insert(path, body);
    }

    /// Records a rendering problem once: a broken template fails every page that uses it.
    pub fn fail(&mut self, file: String, message: String) {
        self.fail_with(Diagnostic::error(file, message));
    }

    pub fn fail_with(&mut self, d: Diagnostic) {
        if !self.problems.errors().any(|x| x == &d) {
            self.problems.push(d);
        }
    }

    /// Moves every file and problem of `other` into `self`.
    pub fn merge(&mut self, other: Output) {
        for (path, body) in other.files {
            match self.files.entry(path) {
                std::collections::btree_map::Entry::Vacant(v) => {
                    v.insert(body);
                }
                std::collections::btree_map::Entry::Occupied(o) => {
                    self.problems.push(taken_twice(o.key()));
                }
            }
        }
        for d in other.problems.into_vec() {
            self.fail_with(d);
        }
    }

    pub fn count_ending(&self, suffix: &str) -> usize {
        self.files.keys().filter(|k| k.ends_with(suffix)).count()
    }
}

/// Two renderers made the same file: the route table gives every path one route, so this is
/// a bug of ambassade, not of the content.
fn taken_twice(path: &str) -> Diagnostic {
    Diagnostic::error(
        format!("/{path}"),
        msg!("output-bug-taken-twice", path = path),
    )
}
