//! The live-reload streams (server-sent events), one per open tab: a worker answers the
//! stream's request and hands the socket to the `events` thread, which tells every stream of
//! each rebuild and lets closed ones go.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::Shared;

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

/// An open live-reload stream.
pub(super) struct Subscriber {
    /// Non-blocking, so that one browser that stops reading cannot hold up the others.
    stream: TcpStream,
    /// The generation this stream last heard of.
    seen: u64,
}

/// Answers a request for the event stream: the head and `hello` with the current build at
/// once, then hands the socket to the `events` thread, so that the worker is free again.
pub(super) fn subscribe(mut stream: TcpStream, shared: &Shared, build: &str) {
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
pub(super) fn stream_loop(shared: &Shared) {
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
