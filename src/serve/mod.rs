//! `ambassade serve`: a live preview for editors.
//!
//! The site is loaded and checked with `crate::prepare` (reusing what did not change, see
//! `crate::Cache`), served over HTTP on the loopback address from memory (nothing is written to
//! disk), and loaded again whenever a file of `content/` or `themes/` changes. Pages are
//! rendered when first asked for (`live::LiveSite`); the whole site is rendered in the
//! background after each rebuild, for the problems only rendering finds and for the terminal's
//! list of changed files. Open pages reload by themselves: every HTML response carries a small script that
//! listens to a server-sent event stream; built files never contain it. While the content has
//! errors, pages are replaced by an error page listing them; it reloads by itself once the
//! files are fixed.
//!
//! Threads, all with fixed numbers, so that no number of clients makes the server start more:
//! - one accepts connections and puts them in a queue of `QUEUE` places; only when the queue
//!   is full does a client get a quick 503. A burst of clients (a thousand at once) waits in
//!   the queue instead of being turned away.
//! - `WORKERS` threads take connections from the queue, read one request each and answer it.
//!   Each connection is bounded in time (`http::Limits`: a deadline for the whole request
//!   head, another for the whole response), so a silent or slow client holds a worker for
//!   seconds at most, and the others are served meanwhile by the other workers.
//! - one thread keeps the live-reload streams (one per open tab, up to `MAX_EVENT_STREAMS`):
//!   a worker answers the stream's request and hands the socket over, so open tabs never hold
//!   a worker. Beyond the limit, a stream says `hello` and closes, and the browser retries
//!   later (it still learns of rebuilds, only later).
//! - the caller's thread watches the files and rebuilds. A build is swapped in whole (`Arc`),
//!   so a request sees either the previous site or the new one, never a mix.
//! - one thread renders each new site whole (on its own rayon pool, so that pages asked for
//!   meanwhile do not wait behind it), and replaces it with the error page if rendering fails,
//!   unless a newer site was published in the meantime.

mod http;
mod live;
mod routes;
mod watch;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use crate::content::Reference;
use crate::diagnostic::Diagnostics;
use crate::render::Body;
use crate::report;
use crate::Options;

use http::{Limits, Method, Response};
use live::LiveSite;
use routes::{Refusal, Target, View};

/// Threads answering requests. Answers come from memory in well under a millisecond, so a
/// few dozen keep up with any browser; more only help against clients that trickle their
/// request, each of which holds a worker until `Limits::head_timeout`.
pub const WORKERS: usize = 32;
/// Accepted connections waiting for a worker. Beyond, clients get 503: a few thousand is far
/// more than a preview ever sees, and each waiting connection costs only a socket.
pub const QUEUE: usize = 4096;
/// Live-reload streams kept open (one per open tab). Beyond, a stream closes after `hello`
/// and its browser retries after `OVERFLOW_RETRY`.
pub const MAX_EVENT_STREAMS: usize = 128;
/// How long a browser turned away from the streams waits before it asks again, in ms.
const OVERFLOW_RETRY: u32 = 10_000;
/// How often the stream thread looks for closed streams; also the longest delay of a reload
/// for a stream that registered just as a rebuild was published.
const STREAM_TICK: Duration = Duration::from_secs(1);
/// How often an idle event stream sends a comment, so that proxies and browsers do not take
/// it for a dead connection.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Open files the server asks for (see `raise_open_files_limit`).
#[cfg(unix)]
const OPEN_FILES: u64 = 65_536;

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
    /// The last site that loaded without errors (kept while the content is broken, for
    /// styles and images), its files rendered on request.
    site: Option<Arc<LiveSite>>,
    /// The error page, while the latest build failed.
    failure: Option<Arc<String>>,
}

struct Shared {
    current: RwLock<Arc<Snapshot>>,
    /// Number of the latest build, with its condition variable: event streams wait on it.
    generation: Mutex<u64>,
    changed: Condvar,
    /// The open live-reload streams, tended by the `events` thread.
    streams: Mutex<Vec<Subscriber>>,
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
        self.publish_if(|_| true, snap);
    }

    /// Publishes `snap` only if `still` holds for the current snapshot, checked and replaced
    /// under one lock: a late verdict on an older build never covers a newer one.
    fn publish_if(&self, still: impl FnOnce(&Snapshot) -> bool, snap: Snapshot) -> bool {
        {
            let mut g = self.current.write().unwrap_or_else(|p| p.into_inner());
            if !still(&g) {
                return false;
            }
            *g = Arc::new(snap);
        }
        let mut g = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        *g += 1;
        self.changed.notify_all();
        true
    }

    fn generation(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn streams(&self) -> std::sync::MutexGuard<'_, Vec<Subscriber>> {
        // Only whole entries are ever pushed or removed: a poisoned list is still consistent.
        self.streams.lock().unwrap_or_else(|p| p.into_inner())
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
    // Sockets waiting in the queue, open streams and the watcher's descriptors add up beyond
    // the usual soft limit of 1024 under a burst; failing to raise it only makes accept wait.
    raise_open_files_limit();
    let run = format!("{:x}", nanos() & 0xffff_ffff);
    let mut builder = Builder {
        root: root.clone(),
        drafts: opts.drafts,
        today: opts.today,
        colour: opts.colour,
        run,
        count: 0,
        last_site: None,
        failed: false,
        cache: crate::Cache::default(),
    };
    let first = builder.build(&[]);
    let shared = Arc::new(Shared {
        current: RwLock::new(Arc::new(first)),
        generation: Mutex::new(0),
        changed: Condvar::new(),
        streams: Mutex::new(Vec::new()),
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
    deepen_backlog(&listener);
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

    let cannot_start = |e: std::io::Error| format!("cannot start the server: {e}");
    let (queue, waiting) = sync_channel::<TcpStream>(QUEUE);
    let waiting = Arc::new(Mutex::new(waiting));
    for _ in 0..WORKERS {
        let waiting = Arc::clone(&waiting);
        let shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("worker".into())
            .spawn(move || worker(&waiting, &shared))
            .map_err(cannot_start)?;
    }
    let (render_jobs, render_queue) = std::sync::mpsc::channel::<RenderJob>();
    let render_shared = Arc::clone(&shared);
    let render_root = root.clone();
    let colour = opts.colour;
    std::thread::Builder::new()
        .name("render".into())
        .spawn(move || render_loop(&render_queue, &render_shared, &render_root, colour))
        .map_err(cannot_start)?;
    let check_first = |snap: &Arc<Snapshot>| {
        if let (Some(site), None) = (&snap.site, &snap.failure) {
            let _ = render_jobs.send(RenderJob {
                site: Arc::clone(site),
                build: snap.build.clone(),
            });
        }
    };
    check_first(&shared.snapshot());
    let events_shared = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("events".into())
        .spawn(move || stream_loop(&events_shared))
        .map_err(cannot_start)?;
    std::thread::Builder::new()
        .name("accept".into())
        .spawn(move || accept_loop(listener, queue))
        .map_err(cannot_start)?;

    while let Some(changed) = watch.next_change() {
        let snap = builder.build(&changed);
        shared.publish(snap);
        check_first(&shared.snapshot());
    }
    Err("watching the site folder stopped".into())
}

/// Raises this process's soft limit on open files towards its hard limit (capped at
/// `OPEN_FILES`, since some systems allow millions and nothing here needs that many), and
/// returns the soft limit in force afterwards, `None` where it cannot be read. A refusal is
/// not an error: the server works within the old limit, only with fewer clients at once.
pub fn raise_open_files_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: `getrlimit` only writes the structure it is given, which outlives the call.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
            return None;
        }
        #[allow(clippy::unnecessary_cast)] // `rlim_t` is not `u64` on every Unix
        let (soft, hard) = (limit.rlim_cur as u64, limit.rlim_max as u64);
        let wanted = hard.min(OPEN_FILES);
        if soft >= wanted {
            return Some(soft);
        }
        let raised = libc::rlimit {
            rlim_cur: wanted as libc::rlim_t,
            rlim_max: limit.rlim_max,
        };
        // SAFETY: `setrlimit` only reads the structure it is given.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            Some(wanted)
        } else {
            Some(soft)
        }
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Lets the system hold as many connections not yet accepted as the queue holds accepted
/// ones. `std` listens with a backlog of 128: beyond that, the kernel drops new connections
/// of a burst and the clients retry a second or more later. Listening again on a listening
/// socket only changes its backlog, which the system caps (`somaxconn` on Linux); if it
/// refuses, the old backlog stays.
fn deepen_backlog(listener: &TcpListener) {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let backlog = libc::c_int::try_from(QUEUE).unwrap_or(libc::c_int::MAX);
        // SAFETY: the descriptor is the listening socket's, open for as long as `listener`.
        unsafe { libc::listen(listener.as_raw_fd(), backlog) };
    }
    #[cfg(not(unix))]
    let _ = listener;
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
    last_site: Option<Arc<LiveSite>>,
    failed: bool,
    cache: crate::Cache,
}

impl Builder {
    /// Loads the site again (parsing only the files that changed) and makes the snapshot to
    /// publish: the new site, its pages rendered on request, or the error page.
    fn build(&mut self, changed: &[PathBuf]) -> Snapshot {
        self.count += 1;
        let opts = Options {
            root: self.root.clone(),
            output: None,
            base_url: None,
            drafts: self.drafts,
            today: (self.today)(),
        };
        let started = Instant::now();
        let changed_abs: Vec<PathBuf> = changed.iter().map(|p| self.root.join(p)).collect();
        self.cache.content.forget(&changed_abs);
        let result = crate::prepare(&opts, Some(&self.cache));
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let stamp = chrono::Local::now().format("%H:%M:%S");
        let what = describe_changes(changed);
        let build = format!("{}-{}", self.run, self.count);
        match result {
            Ok(prepared) => {
                let fixed = if self.failed { " (errors fixed)" } else { "" };
                let events = prepared.site.content.events.len();
                println!("[{stamp}] {what}built in {ms:.0} ms{fixed}: {events} events, pages are made as the browser asks for them");
                self.print(&prepared.warnings);
                self.failed = false;
                let site = Arc::new(LiveSite::new(prepared));
                self.last_site = Some(Arc::clone(&site));
                Snapshot {
                    build,
                    site: Some(site),
                    failure: None,
                }
            }
            Err(diags) => {
                let errors = diags.errors().count();
                println!(
                    "[{stamp}] {what}build failed in {ms:.0} ms: {errors} error(s); the browser shows them until they are fixed"
                );
                self.print(&diags);
                self.failed = true;
                Snapshot {
                    build,
                    site: self.last_site.clone(),
                    failure: Some(Arc::new(routes::error_page(&diags, &self.root))),
                }
            }
        }
    }

    fn print(&self, diags: &Diagnostics) {
        print_diagnostics(diags, &self.root, self.colour);
    }
}

fn print_diagnostics(diags: &Diagnostics, root: &std::path::Path, colour: bool) {
    if !diags.is_empty() {
        let text = report::human(diags, root, colour);
        eprint!("{text}");
    }
    let _ = std::io::stdout().flush();
}

/// A site to render whole in the background.
struct RenderJob {
    site: Arc<LiveSite>,
    build: String,
}

/// Renders each new site whole, after its reload went out: what only rendering finds (a
/// template that fails on some page, two files at one path) replaces the site with the error
/// page, and the terminal learns which files the edit changed. Only the latest site waiting
/// is rendered: a burst of saves costs one render.
fn render_loop(queue: &Receiver<RenderJob>, shared: &Shared, root: &std::path::Path, colour: bool) {
    let mut previous: Option<Arc<BTreeMap<String, Body>>> = None;
    // Its own threads, so that a page the browser asks for meanwhile (rendered on the global
    // pool) does not wait behind the whole site.
    let pool = rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("render-{i}"))
        .build()
        .ok();
    while let Ok(mut job) = queue.recv() {
        while let Ok(newer) = queue.try_recv() {
            job = newer;
        }
        let started = Instant::now();
        let site = Arc::clone(&job.site);
        let render = move || site.render_all();
        // A bug that panics while rendering must cost this render, not the thread: later
        // rebuilds are still checked.
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| match &pool {
            Some(pool) => pool.install(render),
            None => render(),
        }));
        let Ok(result) = result else {
            eprintln!("BUG: rendering the whole site panicked; please report it");
            continue;
        };
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        let stamp = chrono::Local::now().format("%H:%M:%S");
        match result {
            Ok(files) => {
                let summary = match &previous {
                    None => format!(
                        "{} pages, {} calendar files",
                        files.keys().filter(|k| k.ends_with(".html")).count(),
                        files.keys().filter(|k| k.ends_with(".ics")).count()
                    ),
                    Some(old) => output_changes(old, &files),
                };
                println!("[{stamp}] whole site rendered in {ms:.0} ms: {summary}");
                let _ = std::io::stdout().flush();
                previous = Some(files);
            }
            Err(problems) => {
                let errors = problems.errors().count();
                println!(
                    "[{stamp}] build failed in {ms:.0} ms: {errors} error(s) while rendering; the browser shows them until they are fixed"
                );
                print_diagnostics(&problems, root, colour);
                // A newer site already published has its own render to tell.
                let mut diags = job.site.warnings().clone();
                diags.extend(problems);
                let failure = Snapshot {
                    build: format!("{}-failed", job.build),
                    site: Some(Arc::clone(&job.site)),
                    failure: Some(Arc::new(routes::error_page(&diags, root))),
                };
                shared.publish_if(|now| now.build == job.build, failure);
            }
        }
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

fn accept_loop(listener: TcpListener, queue: SyncSender<TcpStream>) {
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
        match queue.try_send(stream) {
            Ok(()) => {}
            // `Disconnected` would mean that every worker is gone, which `worker` prevents;
            // the client gets an answer either way.
            Err(TrySendError::Full(s) | TrySendError::Disconnected(s)) => busy(s),
        }
    }
}

/// The queue is full: a short 503, without blocking the accept loop.
fn busy(mut stream: TcpStream) {
    let _ = stream.set_nonblocking(true);
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

/// One thread of the pool: answers queued connections one after the other, for ever.
fn worker(waiting: &Mutex<Receiver<TcpStream>>, shared: &Shared) {
    loop {
        // One idle worker waits in `recv` holding the lock, the others wait for the lock: a
        // new connection wakes exactly one of them. Nothing can panic while the lock is held.
        let next = waiting.lock().unwrap_or_else(|p| p.into_inner()).recv();
        let Ok(stream) = next else {
            return; // the accept thread is gone: no connection will ever come
        };
        // A bug in a handler must cost its connection (closed as the stack unwinds), not a
        // worker of the fixed pool.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(|| connection(stream, shared)));
    }
}

fn connection(mut stream: TcpStream, shared: &Shared) {
    let limits = shared.limits;
    let _ = stream.set_nodelay(true);
    let req = match http::read_request(&mut stream, &limits) {
        Ok(r) => r,
        Err(e) => {
            if let Some(status) = e.status() {
                let mut resp = Response::text(status, "The request could not be read.");
                if status == 405 {
                    resp = resp.header("Allow", "GET, HEAD");
                }
                let _ = http::write_response(&mut stream, resp, false, &limits);
                linger(&mut stream);
            }
            return;
        }
    };
    let head_only = req.method == Method::Head;
    let snap = shared.snapshot();
    let view = View {
        files: snap.site.as_deref().map(|s| s as &dyn routes::Files),
        failure: snap.failure.as_deref().map(String::as_str),
        build: &snap.build,
    };
    let resp = match routes::parse_target(&req.target) {
        Ok(Target::Events) => {
            if !head_only {
                subscribe(stream, shared, &snap.build);
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
    if let Err(e) = http::write_response(&mut stream, resp, head_only, &limits) {
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

/// An open live-reload stream.
struct Subscriber {
    /// Non-blocking, so that one browser that stops reading cannot hold up the others.
    stream: TcpStream,
    /// The generation this stream last heard of.
    seen: u64,
}

/// Answers a request for the event stream: the head and `hello` with the current build at
/// once, then hands the socket to the `events` thread, so that the worker is free again.
fn subscribe(mut stream: TcpStream, shared: &Shared, build: &str) {
    // Read before the snapshot: a rebuild published in between is then still announced.
    let seen = shared.generation();
    let current = shared.snapshot();
    let hello = if current.build != build {
        current.build.as_str()
    } else {
        build
    };
    let full = shared.streams().len() >= MAX_EVENT_STREAMS;
    // Turned away, a browser still hears `hello` (and reloads if its page is out of date),
    // then reconnects after `retry` ms and gets a place once a tab has closed.
    let retry = if full { OVERFLOW_RETRY } else { 1000 };
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    let _ = stream.set_write_timeout(Some(shared.limits.write_timeout));
    let sent = stream
        .write_all(format!("{head}retry: {retry}\n\nevent: hello\ndata: {hello}\n\n").as_bytes())
        .and_then(|()| stream.flush());
    if full || sent.is_err() || stream.set_nonblocking(true).is_err() {
        return;
    }
    let mut streams = shared.streams();
    // Other workers may have filled the last places meanwhile: closing makes the browser
    // retry after the `retry` it was given.
    if streams.len() < MAX_EVENT_STREAMS {
        streams.push(Subscriber { stream, seen });
    }
}

/// The `events` thread: after each rebuild, `reload` with the new build to every stream; a
/// comment every `KEEP_ALIVE`; and, every `STREAM_TICK`, closed streams are let go.
fn stream_loop(shared: &Shared) {
    let mut handled = shared.generation();
    let mut next_keep_alive = Instant::now() + KEEP_ALIVE;
    loop {
        let generation = {
            let guard = shared.generation.lock().unwrap_or_else(|p| p.into_inner());
            let (guard, _) = shared
                .changed
                .wait_timeout_while(guard, STREAM_TICK, |g| *g == handled)
                .unwrap_or_else(|p| p.into_inner());
            *guard
        };
        handled = generation;
        // Published before `generation` was counted up, so at least as new.
        let build = shared.snapshot().build.clone();
        let keep_alive = Instant::now() >= next_keep_alive;
        if keep_alive {
            next_keep_alive = Instant::now() + KEEP_ALIVE;
        }
        shared
            .streams()
            .retain_mut(|s| s.tend(generation, &build, keep_alive));
    }
}

impl Subscriber {
    /// Sends what the stream is owed. False when the stream is closed or not keeping up, and
    /// is to be dropped.
    fn tend(&mut self, generation: u64, build: &str, keep_alive: bool) -> bool {
        // A browser sends nothing after its request: the end of input means the tab closed.
        // Anything else it sends is ignored.
        let mut buf = [0u8; 512];
        match self.stream.read(&mut buf) {
            Ok(0) => return false,
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::Interrupted
                ) => {}
            Err(_) => return false,
        }
        let message = if self.seen != generation {
            self.seen = generation;
            format!("event: reload\ndata: {build}\n\n")
        } else if keep_alive {
            ": keep-alive\n\n".to_string()
        } else {
            return true;
        };
        // A few dozen bytes always fit in the socket's buffer, unless the client stopped
        // reading long ago: such a stream (or one cut mid-message) is dropped, and a browser
        // that is still there reconnects and hears `hello`.
        self.stream.write_all(message.as_bytes()).is_ok()
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
