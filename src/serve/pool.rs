//! The connections: one thread accepts them into a queue of `QUEUE` places (a short 503 when
//! it is full), `WORKERS` threads take them from it and answer one request each. Also what the
//! system must allow for a burst of clients: open files and the listening backlog.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::http::{self, Method, Response};
use super::reload::subscribe;
use super::routes::{self, Refusal, Target, View};
use super::Shared;

/// Threads answering requests. Answers come from memory in well under a millisecond, so a
/// few dozen keep up with any browser; more only help against clients that trickle their
/// request, each of which holds a worker until `Limits::head_timeout`.
pub const WORKERS: usize = 32;
/// Accepted connections waiting for a worker. Beyond, clients get 503: a few thousand is far
/// more than a preview ever sees, and each waiting connection costs only a socket.
pub const QUEUE: usize = 4096;
/// Open files the server asks for (see `raise_open_files_limit`).
#[cfg(unix)]
const OPEN_FILES: u64 = 65_536;

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
pub(super) fn deepen_backlog(listener: &TcpListener) {
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

pub(super) fn accept_loop(listener: TcpListener, queue: SyncSender<TcpStream>) {
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
pub(super) fn worker(waiting: &Mutex<Receiver<TcpStream>>, shared: &Shared) {
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
