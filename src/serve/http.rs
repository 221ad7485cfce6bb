//! The little HTTP/1.1 the preview server needs, on `std::net`: read one request head within
//! limits, write one response, close. Only `GET` and `HEAD` exist here; bodies are never read.
//!
//! Every connection is closed after its response (`Connection: close`): a preview server
//! serves one person, and one request per connection, with a deadline for the whole head and
//! another for the whole response, keeps slow or malicious clients from holding one of the
//! server's few worker threads for more than a few seconds.

use std::fs::File;
use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Bounds on what a client may send and how long it may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest request line (method, target, version), in bytes.
    pub max_line: usize,
    /// Longest request head (request line and headers), in bytes.
    pub max_head: usize,
    /// Most header lines.
    pub max_headers: usize,
    /// Time allowed to send the whole head, from the connection's start.
    pub head_timeout: Duration,
    /// Time allowed for each write of a response before the client is dropped.
    pub write_timeout: Duration,
    /// Time allowed to send a whole response: a client reading a byte now and then must not
    /// keep a worker for as long as it likes, one `write_timeout` after the other.
    pub response_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_line: 8 * 1024,
            max_head: 16 * 1024,
            max_headers: 100,
            head_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            // Large kit files (PDFs of tens of MB) still reach a browser across a slow network.
            response_timeout: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
}

/// A request head, reduced to what the server uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: Method,
    /// The request target exactly as sent (`/agenda/?x=1`).
    pub target: String,
}

/// Why no request could be read. `status` says what to answer, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadError {
    /// The client closed the connection or the network failed: answer nothing.
    Gone,
    Timeout,
    LineTooLong,
    HeadTooLarge,
    Malformed,
    MethodNotAllowed,
    Version,
}

impl HeadError {
    pub fn status(self) -> Option<u16> {
        match self {
            HeadError::Gone => None,
            HeadError::Timeout => Some(408),
            HeadError::LineTooLong => Some(414),
            HeadError::HeadTooLarge => Some(431),
            HeadError::Malformed => Some(400),
            HeadError::MethodNotAllowed => Some(405),
            HeadError::Version => Some(505),
        }
    }
}

/// Reads a request head from `stream` within `limits`.
pub fn read_request(stream: &mut TcpStream, limits: &Limits) -> Result<Request, HeadError> {
    let deadline = Instant::now() + limits.head_timeout;
    let mut buf: Vec<u8> = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    let head_end = loop {
        if let Some(end) = find_head_end(&buf) {
            break end;
        }
        if !buf.contains(&b'\n') && buf.len() > limits.max_line {
            return Err(HeadError::LineTooLong);
        }
        if buf.len() > limits.max_head {
            return Err(HeadError::HeadTooLarge);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(HeadError::Timeout);
        }
        // The deadline covers the whole head, so a client trickling one byte at a time cannot
        // keep the thread longer than a client sending nothing.
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| HeadError::Gone)?;
        match stream.read(&mut chunk) {
            Ok(0) => return Err(HeadError::Gone),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(HeadError::Timeout)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(HeadError::Gone),
        }
    };
    parse_head(&buf[..head_end], limits)
}

/// Index just past the blank line that ends the head (`\r\n\r\n`, or bare `\n\n`).
fn find_head_end(buf: &[u8]) -> Option<usize> {
    let crlf = buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    let lf = buf.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn parse_head(head: &[u8], limits: &Limits) -> Result<Request, HeadError> {
    let text = std::str::from_utf8(head).map_err(|_| HeadError::Malformed)?;
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let line = lines.next().ok_or(HeadError::Malformed)?;
    if line.len() > limits.max_line {
        return Err(HeadError::LineTooLong);
    }
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    if !version.starts_with("HTTP/") {
        return Err(HeadError::Malformed);
    }
    if version != "HTTP/1.1" && version != "HTTP/1.0" {
        return Err(HeadError::Version);
    }
    // The target is sent as printable ASCII; anything else (raw spaces, controls, bytes of
    // another encoding) is a malformed request, not a file name.
    if target.is_empty() || !target.bytes().all(|b| (0x21..0x7f).contains(&b)) {
        return Err(HeadError::Malformed);
    }
    let mut headers = 0;
    for l in lines.filter(|l| !l.is_empty()) {
        headers += 1;
        if headers > limits.max_headers {
            return Err(HeadError::HeadTooLarge);
        }
        let Some((name, _)) = l.split_once(':') else {
            return Err(HeadError::Malformed);
        };
        if name.is_empty() || name.contains(|c: char| c.is_whitespace()) {
            return Err(HeadError::Malformed);
        }
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        m if !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()) => {
            return Err(HeadError::MethodNotAllowed)
        }
        _ => return Err(HeadError::Malformed),
    };
    Ok(Request {
        method,
        target: target.to_string(),
    })
}

/// What a response carries.
#[derive(Debug)]
pub enum Payload {
    Bytes(Vec<u8>),
    /// A file of the site folder, streamed (kit files can be large).
    File(PathBuf),
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub payload: Payload,
}

impl Response {
    pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            payload: Payload::Bytes(body),
        }
    }

    /// A short plain-text answer for errors that have no page of their own.
    pub fn text(status: u16, body: &str) -> Response {
        Response::bytes(
            status,
            "text/plain; charset=utf-8",
            format!("{status} {}\n{body}\n", reason(status)).into_bytes(),
        )
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

/// Writes `resp` and, unless `head_only`, its body, within `limits.response_timeout`. The
/// preview never caches: what the browser shows is always the latest build.
pub fn write_response(
    stream: &mut TcpStream,
    resp: Response,
    head_only: bool,
    limits: &Limits,
) -> io::Result<()> {
    let mut out = Timed::new(stream, limits)?;
    write_within(&mut out, resp, head_only)
}

/// A socket whose writes must all end by a deadline.
struct Timed<'a> {
    stream: &'a mut TcpStream,
    deadline: Instant,
    /// The write timeout set on the socket now.
    step: Duration,
}

impl<'a> Timed<'a> {
    fn new(stream: &'a mut TcpStream, limits: &Limits) -> io::Result<Timed<'a>> {
        let step = limits.write_timeout.min(limits.response_timeout);
        stream.set_write_timeout(Some(step))?;
        Ok(Timed {
            stream,
            deadline: Instant::now() + limits.response_timeout,
            step,
        })
    }
}

impl Write for Timed<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        // A system call per write only near the deadline, when it becomes the tighter bound.
        if left < self.step {
            self.stream.set_write_timeout(Some(left))?;
            self.step = left;
        }
        self.stream.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.stream.flush()
    }
}

fn write_within(stream: &mut Timed<'_>, resp: Response, head_only: bool) -> io::Result<()> {
    let (mut file, len) = match &resp.payload {
        Payload::Bytes(b) => (None, b.len() as u64),
        Payload::File(p) => match File::open(p).and_then(|f| f.metadata().map(|m| (f, m.len()))) {
            Ok((f, len)) => (Some(f), len),
            Err(e) => {
                // Removed since the build: the browser gets an answer, the caller the error.
                let missing = Response::text(404, "This file is no longer there.");
                write_within(stream, missing, head_only)?;
                return Err(e);
            }
        },
    };
    let mut head = format!("HTTP/1.1 {} {}\r\n", resp.status, reason(resp.status));
    for (name, value) in &resp.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {len}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
    ));
    stream.write_all(head.as_bytes())?;
    if !head_only {
        match (&resp.payload, file.as_mut()) {
            (Payload::Bytes(b), _) => stream.write_all(b)?,
            (Payload::File(_), Some(f)) => {
                io::copy(&mut f.take(len), stream)?;
            }
            (Payload::File(_), None) => {}
        }
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Request, HeadError> {
        parse_head(s.as_bytes(), &Limits::default())
    }

    #[test]
    fn reads_get_and_head() {
        let r = parse("GET /agenda/?a=1 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(r.method, Method::Get);
        assert_eq!(r.target, "/agenda/?a=1");
        assert_eq!(parse("HEAD / HTTP/1.0\n\n").unwrap().method, Method::Head);
    }

    #[test]
    fn rejects_malformed_heads() {
        assert_eq!(
            parse("POST / HTTP/1.1\r\n\r\n"),
            Err(HeadError::MethodNotAllowed)
        );
        assert_eq!(parse("GET / HTTP/2\r\n\r\n"), Err(HeadError::Version));
        assert_eq!(
            parse("GET /a b HTTP/1.1\r\n\r\n"),
            Err(HeadError::Malformed)
        );
        assert_eq!(parse("GET  HTTP/1.1\r\n\r\n"), Err(HeadError::Malformed));
        assert_eq!(
            parse("GET /\x01 HTTP/1.1\r\n\r\n"),
            Err(HeadError::Malformed)
        );
        assert_eq!(parse("GET /é HTTP/1.1\r\n\r\n"), Err(HeadError::Malformed));
        assert_eq!(
            parse("GET / HTTP/1.1\r\nno colon\r\n\r\n"),
            Err(HeadError::Malformed)
        );
        let many: String = (0..200).map(|i| format!("X-{i}: y\r\n")).collect();
        assert_eq!(
            parse(&format!("GET / HTTP/1.1\r\n{many}\r\n")),
            Err(HeadError::HeadTooLarge)
        );
    }

    #[test]
    fn a_client_that_stops_reading_is_dropped_at_the_response_deadline() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        // Connected, and never read from: the response fills the socket buffers, then waits.
        let _client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (mut server, _) = listener.accept().unwrap();
        let limits = Limits {
            write_timeout: Duration::from_secs(20),
            response_timeout: Duration::from_millis(300),
            ..Limits::default()
        };
        // Far more than loopback buffers hold.
        let body = vec![b'x'; 64 << 20];
        let started = Instant::now();
        let sent = write_response(
            &mut server,
            Response::bytes(200, "text/plain", body),
            false,
            &limits,
        );
        assert!(sent.is_err(), "64 MB went to a client that reads nothing");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "held for {:?}, beyond the response deadline",
            started.elapsed()
        );
    }

    #[test]
    fn finds_the_end_of_the_head() {
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\n\r\nbody"), Some(18));
        assert_eq!(find_head_end(b"GET / HTTP/1.1\n\n"), Some(16));
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\n"), None);
    }
}
