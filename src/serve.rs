//! `ambassade serve`: a live preview for editors.
//!
//! The site is built in memory with `crate::generate` (nothing is written to disk), served
//! over HTTP on the loopback address, and rebuilt whenever a file of `content/` or `themes/`
//! changes. Open pages reload by themselves: every HTML response carries a small script that
//! listens to a server-sent event stream; built files never contain it. While the content has
//! errors, pages are replaced by an error page listing them; it reloads by itself once the
//! files are fixed.
//!
//! Threads: one accepts connections and starts one thread per connection (at most
//! `MAX_CONNECTIONS` at once, beyond which clients get 503); the caller's thread watches the
//! files and rebuilds. A build is swapped in whole (`Arc`), so a request sees either the
//! previous site or the new one, never a mix.

mod http;
mod routes;
mod watch;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::content::Reference;
use crate::diagnostic::Diagnostics;
use crate::render::Body;
use crate::report;
use crate::Options;

use http::{Limits, Method, Response};
use routes::{Refusal, Target, View};

/// Connections served at once (pages, files and event streams together).
pub const MAX_CONNECTIONS: usize = 64;
/// How often an idle event stream sends a comment, which also finds closed connections.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// What `serve` needs to know.
pub struct ServeOptions {
    /// The site folder, holding `content/`.
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    /// "Today" for each rebuild: the caller decides (a fixed date, or the clock, so that a
    /// preview left open overnight moves yesterday's events to the archives).
    pub today: Box<dyn Fn() -> Reference + Send>,
    /// Whether diagnostics on stderr are coloured.
    pub colour: bool,
}

/// One build as the request handlers see it.
struct Snapshot {
    /// Identifies the build for the live-reload script; unique across server runs, so that a
    /// page kept open across a restart reloads too.
    build: String,
    /// The files of the last successful build (kept while the content is broken, for styles
    /// and images).
    files: Option<Arc<BTreeMap<String, Body>>>,
    /// The error page, while the latest build failed.
    failure: Option<Arc<String>>,
}

struct Shared {
    current: RwLock<Arc<Snapshot>>,
    /// Number of the latest build, with its condition variable: event streams wait on it.
    generation: Mutex<u64>,
    changed: Condvar,
    active: AtomicUsize,
    limits: Limits,
}

impl Shared {
    fn snapshot(&self) -> Arc<Snapshot> {
        // A panic while holding the lock leaves a complete snapshot behind (it is only ever
        // replaced whole), so a poisoned lock is still safe to read.
        match self.current.read() {
            Ok(g) => Arc::clone(&g),
            Err(p) => Arc::clone(&p.into_inner()),
        }
    }

    fn publish(&self, snap: Snapshot) {
        match self.current.write() {
            Ok(mut g) => *g = Arc::new(snap),
            Err(p) => *p.into_inner() = Arc::new(snap),
        }
        let mut g = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        *g += 1;
        self.changed.notify_all();
    }
}

/// Builds, serves and watches until the process is stopped. Returns only on a setup error
/// (port in use, folder that cannot be watched).
pub fn serve(opts: ServeOptions) -> Result<(), String> {
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| format!("cannot open the site folder {}: {e}", opts.root.display()))?;
    if !root.join("content").is_dir() {
        return Err(format!(
            "{} has no content/ folder: run the command in a site folder, or pass --root DIR",
            opts.root.display()
        ));
    }
    let run = format!("{:x}", nanos() & 0xffff_ffff);
    let mut builder = Builder {
        root: root.clone(),
        drafts: opts.drafts,
        today: opts.today,
        colour: opts.colour,
        run,
        count: 0,
        last_files: None,
        failed: false,
    };
    let (first, _) = builder.build(&[]);
    let shared = Arc::new(Shared {
        current: RwLock::new(Arc::new(first)),
        generation: Mutex::new(0),
        changed: Condvar::new(),
        active: AtomicUsize::new(0),
        limits: Limits::default(),
    });

    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = TcpListener::bind(addr).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!("the port {} is already in use: pass --port with another number, or --port 0 for any free port", opts.port)
        } else {
            format!("cannot listen on {addr}: {e}")
        }
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| format!("cannot read the address listened on: {e}"))?;
    let host = match local.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    println!("serving the site at http://{host}:{}/", local.port());
    if !local.ip().is_loopback() {
        println!("  note: listening on {}, so other computers of the network can see this preview (drafts included with --drafts)", local.ip());
    }
    let mut watch = watch::Watch::new(&root)?;
    println!("watching content/ and themes/ for changes; stop with Ctrl-C");
    let _ = std::io::stdout().flush();

    let accept_shared = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("accept".into())
        .spawn(move || accept_loop(listener, accept_shared))
        .map_err(|e| format!("cannot start the server: {e}"))?;

    while let Some(changed) = watch.next_change() {
        let (snap, differs) = builder.build(&changed);
        // An unchanged site (a file saved without changes) needs no reload.
        if differs {
            shared.publish(snap);
        }
    }
    Err("watching the site folder stopped".into())
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Rebuilds and tells the terminal what happened.
struct Builder {
    root: PathBuf,
    drafts: bool,
    today: Box<dyn Fn() -> Reference + Send>,
    colour: bool,
    run: String,
    count: u64,
    last_files: Option<Arc<BTreeMap<String, Body>>>,
    failed: bool,
}

impl Builder {
    /// The new snapshot, and whether it differs from the previous one.
    fn build(&mut self, changed: &[PathBuf]) -> (Snapshot, bool) {
        self.count += 1;
        let opts = Options {
            root: self.root.clone(),
            output: None,
            base_url: None,
            drafts: self.drafts,
            today: (self.today)(),
        };
        let started = Instant::now();
        let result = crate::generate(&opts);
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let stamp = chrono::Local::now().format("%H:%M:%S");
        let what = describe_changes(changed);
        let build = format!("{}-{}", self.run, self.count);
        match result {
            Ok(g) => {
                let files = Arc::new(g.output.files);
                let summary = match &self.last_files {
                    None => format!(
                        "{} pages, {} calendar files",
                        files.keys().filter(|k| k.ends_with(".html")).count(),
                        files.keys().filter(|k| k.ends_with(".ics")).count()
                    ),
                    Some(old) => output_changes(old, &files),
                };
                let fixed = if self.failed { " (errors fixed)" } else { "" };
                println!("[{stamp}] {what}built in {ms:.0} ms{fixed}: {summary}");
                self.print(&g.warnings);
                let differs = self.failed || self.last_files.as_deref() != Some(&*files);
                self.failed = false;
                self.last_files = Some(Arc::clone(&files));
                let snap = Snapshot {
                    build,
                    files: Some(files),
                    failure: None,
                };
                (snap, differs)
            }
            Err(diags) => {
                let errors = diags.errors().count();
                println!(
                    "[{stamp}] {what}build failed in {ms:.0} ms: {errors} error(s); the browser shows them until they are fixed"
                );
                self.print(&diags);
                self.failed = true;
                let snap = Snapshot {
                    build,
                    files: self.last_files.clone(),
                    failure: Some(Arc::new(routes::error_page(&diags, &self.root))),
                };
                (snap, true)
            }
        }
    }

    fn print(&self, diags: &Diagnostics) {
        if !diags.is_empty() {
            let text = report::human(diags, &self.root, self.colour);
            eprint!("{text}");
        }
        let _ = std::io::stdout().flush();
    }
}

/// `content/events/a.md changed → ` for the terminal, empty for the first build.
fn describe_changes(changed: &[PathBuf]) -> String {
    let shown: Vec<String> = changed
        .iter()
        .take(3)
        .map(|p| p.display().to_string())
        .collect();
    match changed.len() {
        0 => String::new(),
        1..=3 => format!("{} changed → ", shown.join(", ")),
        n => format!("{} and {} more changed → ", shown.join(", "), n - 3),
    }
}

/// Which output files a rebuild changed, added or removed, in one line.
fn output_changes(old: &BTreeMap<String, Body>, new: &BTreeMap<String, Body>) -> String {
    let mut updated = Vec::new();
    let mut added = Vec::new();
    for (k, v) in new {
        match old.get(k) {
            None => added.push(k.as_str()),
            Some(o) if o != v => updated.push(k.as_str()),
            Some(_) => {}
        }
    }
    let removed: Vec<&str> = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .map(String::as_str)
        .collect();
    if updated.is_empty() && added.is_empty() && removed.is_empty() {
        return "no page changed".into();
    }
    let list = |v: &[&str]| {
        let mut s = v.iter().take(4).copied().collect::<Vec<_>>().join(", ");
        if v.len() > 4 {
            s.push_str(&format!(" and {} more", v.len() - 4));
        }
        s
    };
    let mut parts = Vec::new();
    if !updated.is_empty() {
        parts.push(format!("{} updated ({})", updated.len(), list(&updated)));
    }
    if !added.is_empty() {
        parts.push(format!("{} added ({})", added.len(), list(&added)));
    }
    if !removed.is_empty() {
        parts.push(format!("{} removed ({})", removed.len(), list(&removed)));
    }
    parts.join("; ")
}

/// Counts a connection for as long as its thread runs.
struct Slot(Arc<Shared>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                // Out of file descriptors or a connection reset before accept: wait a little
                // rather than spin, then go on.
                eprintln!("accepting a connection failed: {e}");
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if shared.active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.active.fetch_sub(1, Ordering::SeqCst);
            busy(stream);
            continue;
        }
        let slot = Slot(Arc::clone(&shared));
        let spawned = std::thread::Builder::new()
            .name("connection".into())
            .spawn(move || {
                let slot = slot;
                connection(stream, &slot.0);
            });
        if let Err(e) = spawned {
            eprintln!("cannot start a thread for a connection: {e}");
        }
    }
}

/// Too many connections: a short 503, without blocking the accept loop.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

fn connection(mut stream: TcpStream, shared: &Shared) {
    let limits = shared.limits;
    let _ = stream.set_write_timeout(Some(limits.write_timeout));
    let _ = stream.set_nodelay(true);
    let req = match http::read_request(&mut stream, &limits) {
        Ok(r) => r,
        Err(e) => {
            if let Some(status) = e.status() {
                let mut resp = Response::text(status, "The request could not be read.");
                if status == 405 {
                    resp = resp.header("Allow", "GET, HEAD");
                }
                let _ = http::write_response(&mut stream, resp, false);
                linger(&mut stream);
            }
            return;
        }
    };
    let head_only = req.method == Method::Head;
    let snap = shared.snapshot();
    let view = View {
        files: snap.files.as_deref(),
        failure: snap.failure.as_deref().map(String::as_str),
        build: &snap.build,
    };
    let resp = match routes::parse_target(&req.target) {
        Ok(Target::Events) => {
            if !head_only {
                event_stream(stream, shared, &snap.build);
                return;
            }
            Response::bytes(200, "text/event-stream", Vec::new())
        }
        Ok(Target::Script) => Response::bytes(
            200,
            "text/javascript; charset=utf-8",
            routes::LIVE_SCRIPT.as_bytes().to_vec(),
        ),
        Ok(Target::Site {
            key,
            dir,
            raw_path,
            query,
        }) => routes::respond(&view, &key, dir, &raw_path, query.as_deref()),
        Err(Refusal::NotFound) => routes::not_found(&view),
        Err(Refusal::BadRequest) => Response::text(400, "This is not a path of the site."),
    };
    if let Err(e) = http::write_response(&mut stream, resp, head_only) {
        // A kit file that disappeared since the build, or the browser went away: only the
        // first is worth telling.
        if e.kind() == std::io::ErrorKind::NotFound {
            eprintln!("{}: {e} (it was there at the last build)", req.target);
        }
    }
}

/// After an error reply to a request that was not read whole: stop sending, and read what the
/// client still sends for a moment. Closing a socket with unread input resets the connection,
/// and the client could lose the reply before reading it.
fn linger(stream: &mut TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut buf = [0u8; 8192];
    let mut total = 0usize;
    while total < (1 << 20) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n,
        }
    }
}

/// A server-sent event stream: `hello` with the current build at once, then `reload` after
/// each rebuild, and a comment every `KEEP_ALIVE` to notice closed connections.
fn event_stream(mut stream: TcpStream, shared: &Shared, build: &str) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    let mut seen = *shared.generation.lock().unwrap_or_else(|p| p.into_inner());
    // The build may have changed between the snapshot and now: say the latest one.
    let current = shared.snapshot();
    let hello = if current.build != build {
        current.build.clone()
    } else {
        build.to_string()
    };
    if stream
        .write_all(format!("{head}retry: 1000\n\nevent: hello\ndata: {hello}\n\n").as_bytes())
        .and_then(|()| stream.flush())
        .is_err()
    {
        return;
    }
    loop {
        let guard = shared.generation.lock().unwrap_or_else(|p| p.into_inner());
        let (guard, _) = shared
            .changed
            .wait_timeout_while(guard, KEEP_ALIVE, |g| *g == seen)
            .unwrap_or_else(|p| p.into_inner());
        let now = *guard;
        drop(guard);
        let message = if now != seen {
            seen = now;
            format!("event: reload\ndata: {}\n\n", shared.snapshot().build)
        } else {
            ": keep-alive\n\n".to_string()
        };
        if stream
            .write_all(message.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_changes_name_the_files() {
        let mut old = BTreeMap::new();
        old.insert("a.html".to_string(), Body::Bytes(b"1".to_vec()));
        old.insert("b.ics".to_string(), Body::Bytes(b"1".to_vec()));
        let mut new = old.clone();
        assert_eq!(output_changes(&old, &new), "no page changed");
        new.insert("a.html".into(), Body::Bytes(b"2".to_vec()));
        new.insert("c.html".into(), Body::Bytes(b"2".to_vec()));
        new.remove("b.ics");
        assert_eq!(
            output_changes(&old, &new),
            "1 updated (a.html); 1 added (c.html); 1 removed (b.ics)"
        );
    }

    #[test]
    fn changes_are_described_briefly() {
        assert_eq!(describe_changes(&[]), "");
        let many: Vec<PathBuf> = (0..5)
            .map(|i| PathBuf::from(format!("content/{i}.md")))
            .collect();
        assert_eq!(
            describe_changes(&many),
            "content/0.md, content/1.md, content/2.md and 2 more changed → "
        );
    }
}
