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
//!
//! Here: the options, the snapshot the threads share, and their wiring. `pool` holds the
//! accept thread and the workers, `reload` the live-reload streams, `rebuild` the builds and
//! the whole-site render; a request finds its answer through `routes`, `live` and `http`.

mod http;
mod live;
mod pool;
mod rebuild;
mod reload;
mod routes;
mod watch;

use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;
use std::sync::{Arc, Condvar, Mutex, RwLock};

use crate::content::Reference;
use crate::i18n::{render, Lang};
use crate::msg;

use http::Limits;
use live::LiveSite;
use pool::{accept_loop, deepen_backlog, worker};
use rebuild::{render_loop, Builder, RenderJob};
use reload::{stream_loop, Subscriber};

pub use pool::{raise_open_files_limit, QUEUE, WORKERS};
pub use reload::MAX_EVENT_STREAMS;

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
    /// The language of the terminal lines and of the error page.
    pub lang: Lang,
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
    let lang = opts.lang;
    let root = opts.root.canonicalize().map_err(|e| {
        let m = msg!(
            "serve-cannot-open",
            folder = opts.root.display().to_string(),
            error = e.to_string()
        );
        render(lang, &m)
    })?;
    if !root.join("content").is_dir() {
        let m = msg!("serve-no-content", folder = opts.root.display().to_string());
        return Err(render(lang, &m));
    }
    // Sockets waiting in the queue, open streams and the watcher's descriptors add up beyond
    // the usual soft limit of 1024 under a burst; failing to raise it only makes accept wait.
    raise_open_files_limit();
    let mut builder = Builder::new(
        root.clone(),
        opts.drafts,
        opts.today,
        opts.colour,
        opts.lang,
    );
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
            render(lang, &msg!("serve-port-in-use", port = opts.port))
        } else {
            let m = msg!(
                "serve-cannot-listen",
                address = addr.to_string(),
                error = e.to_string()
            );
            render(lang, &m)
        }
    })?;
    deepen_backlog(&listener);
    let local = listener.local_addr().map_err(|e| {
        render(
            lang,
            &msg!("serve-cannot-read-address", error = e.to_string()),
        )
    })?;
    let host = match local.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let address = format!("http://{host}:{}/", local.port());
    println!(
        "{}",
        render(lang, &msg!("serve-serving", address = address))
    );
    if !local.ip().is_loopback() {
        let m = msg!("serve-network-note", ip = local.ip().to_string());
        println!("  {}", render(lang, &m));
    }
    let mut watch = watch::Watch::new(&root, lang)?;
    println!("{}", render(lang, &msg!("serve-watching")));
    let _ = std::io::stdout().flush();

    let cannot_start =
        |e: std::io::Error| render(lang, &msg!("serve-cannot-start", error = e.to_string()));
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
        .spawn(move || render_loop(&render_queue, &render_shared, &render_root, lang, colour))
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
    Err(render(lang, &msg!("serve-watch-stopped")))
}
