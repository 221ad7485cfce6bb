//! `ambassade serve` end to end, as an editor uses it: the binary is started on a free
//! loopback port, pages are fetched over HTTP, files of the site are edited, broken and fixed,
//! and the event stream must announce each rebuild. Under load too: a thousand clients at once
//! while the site is being rebuilt, and more open tabs than the server has workers.
//! Everything happens on 127.0.0.1; every wait is bounded, and the server is killed at the end
//! even when a check fails.

mod support;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use support::{bin, minimal_site, TODAY};

/// How long anything may take: a debug build of the fixture site takes well under a second,
/// a loaded CI machine needs more.
const PATIENCE: Duration = Duration::from_secs(30);

/// A running `ambassade serve`, killed when dropped (also when a test panics).
struct Server {
    child: Child,
    addr: SocketAddr,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &Path) -> Server {
        Server::start_with(bin(), site)
    }

    /// Started as on an editor's computer: French locale, no `--lang`.
    fn start_in_french(site: &Path) -> Server {
        let mut c = Command::new(env!("CARGO_BIN_EXE_ambassade"));
        c.env("LANG", "fr_BE.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("SOURCE_DATE_EPOCH");
        Server::start_with(c, site)
    }

    fn start_with(mut command: Command, site: &Path) -> Server {
        let mut child = command
            .args(["serve", "--port", "0", "--today", TODAY, "--root"])
            .arg(site)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the ambassade binary starts");
        let out = child.stdout.take().expect("stdout is piped");
        let err = child.stderr.take().expect("stderr is piped");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        let (lines_tx, lines) = channel::<String>();
        // Both pipes are drained for the server's whole life, so that it never blocks on a
        // full pipe; stdout lines also go to the channel to find the address.
        let keep = Arc::clone(&stdout);
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                keep.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = lines_tx.send(line);
            }
        });
        let keep = Arc::clone(&stderr);
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                keep.lock().unwrap().push_str(&format!("{line}\n"));
            }
        });
        let mut server = Server {
            child,
            addr: "127.0.0.1:1".parse().unwrap(),
            stdout,
            stderr,
        };
        server.addr = server.wait_for_address(&lines);
        server
    }

    /// Reads the `http://127.0.0.1:PORT/` line the server prints once it listens.
    fn wait_for_address(&mut self, lines: &Receiver<String>) -> SocketAddr {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(line) = lines.recv_timeout(left) else {
                break;
            };
            if let Some(at) = line.find("http://") {
                let rest = &line[at + "http://".len()..];
                let hostport = rest.split('/').next().unwrap_or("");
                let addr: SocketAddr = hostport
                    .parse()
                    .unwrap_or_else(|e| panic!("`{line}`: not an address: {e}"));
                assert!(addr.ip().is_loopback(), "listening on {addr}");
                return addr;
            }
        }
        panic!(
            "the server printed no address within {PATIENCE:?}\nstdout:\n{}\nstderr:\n{}",
            self.stdout.lock().unwrap(),
            self.stderr.lock().unwrap()
        );
    }

    /// Rebuilds finished so far (the first build is not counted).
    fn rebuilds(&self) -> usize {
        rebuilds_in(&self.stdout.lock().unwrap())
    }

    fn logs(&self) -> String {
        format!(
            "stdout:\n{}\nstderr:\n{}",
            self.stdout.lock().unwrap(),
            self.stderr.lock().unwrap()
        )
    }

    fn get(&self, path: &str) -> Reply {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends `request` as is and reads the whole reply (the server closes every connection).
    fn raw(&self, request: &str) -> Reply {
        let mut s = TcpStream::connect_timeout(&self.addr, Duration::from_secs(5))
            .expect("the server accepts connections");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).expect("a complete reply");
        Reply::parse(&bytes)
    }

    /// Polls `path` until `ok` holds for the reply, for at most `PATIENCE`.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            if Instant::now() > deadline {
                panic!(
                    "{path}: {what} did not happen within {PATIENCE:?}; last reply: {} {}\n{}",
                    r.status,
                    r.body.chars().take(2000).collect::<String>(),
                    self.logs()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

struct Reply {
    status: u16,
    /// Header names in lowercase.
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("no head in reply: {text}"));
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap_or("");
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad status line `{status_line}`"));
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// An open `/__ambassade/events` stream, read incrementally.
struct EventStream {
    stream: TcpStream,
    seen: String,
}

impl EventStream {
    fn open(addr: SocketAddr) -> EventStream {
        let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
        stream
            .write_all(b"GET /__ambassade/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        EventStream {
            stream,
            seen: String::new(),
        }
    }

    /// Reads until `needle` has been received after `from` (a byte offset in `seen`).
    fn wait_for(&mut self, from: usize, needle: &str) -> usize {
        let deadline = Instant::now() + PATIENCE;
        let mut buf = [0u8; 4096];
        loop {
            if let Some(i) = self.seen[from..].find(needle) {
                return from + i + needle.len();
            }
            assert!(
                Instant::now() < deadline,
                "the event stream did not send `{needle}`; it sent:\n{}",
                self.seen
            );
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("the event stream closed; it sent:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(_) => {} // the read timeout: try again until the deadline
            }
        }
    }
}

#[test]
fn edits_are_served_and_announced_and_errors_replace_pages_until_fixed() {
    let (_tmp, site) = minimal_site();
    let server = Server::start(&site);
    let event = site.join("content/events/reunion.md");
    let original = fs::read_to_string(&event).unwrap();

    let page = server.get("/agenda/reunion/");
    assert_eq!(page.status, 200, "{}", server.logs());
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("Réunion mensuelle"));
    assert!(
        page.body.contains("/__ambassade/live.js"),
        "no live-reload script in served pages"
    );
    let script = server.get("/__ambassade/live.js");
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource"));

    let mut events = EventStream::open(server.addr);
    let mut at = events.wait_for(0, "event: hello");

    // An edit: the new title is served, and the stream says to reload.
    fs::write(
        &event,
        original.replace(
            "title: Réunion mensuelle",
            "title: Réunion déplacée au jeudi",
        ),
    )
    .unwrap();
    server.wait_for("/agenda/reunion/", "the new title", |r| {
        r.status == 200 && r.body.contains("Réunion déplacée au jeudi")
    });
    at = events.wait_for(at, "event: reload");

    // A mistake: every page is the error page, with the file, line and message.
    fs::write(
        &event,
        original.replace("start: 2027-01-05T18:30", "start: 2027-13-05T18:30"),
    )
    .unwrap();
    let broken = server.wait_for("/agenda/reunion/", "the error page", |r| {
        r.body.contains("The site cannot be built")
    });
    assert_eq!(broken.status, 500);
    assert_eq!(
        broken.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(
        broken.body.contains("content/events/reunion.md:3:8"),
        "{}",
        broken.body
    );
    assert!(broken.body.contains("no month 13"), "{}", broken.body);
    assert!(broken.body.contains("/__ambassade/live.js"));
    let home = server.get("/");
    assert_eq!(home.status, 500, "every page shows the error");
    assert!(home.body.contains("content/events/reunion.md:3:8"));
    // The styles of the last good build stay available.
    assert_eq!(server.get("/assets/style.css").status, 200);
    at = events.wait_for(at, "event: reload");

    // The fix: the page comes back by itself.
    fs::write(&event, &original).unwrap();
    server.wait_for("/agenda/reunion/", "the page back", |r| {
        r.status == 200 && r.body.contains("Réunion mensuelle")
    });
    events.wait_for(at, "event: reload");

    let logs = server.logs();
    assert!(
        logs.contains("content/events/reunion.md changed → built in"),
        "{logs}"
    );
    assert!(logs.contains("build failed"), "{logs}");
    assert!(
        logs.contains("content/events/reunion.md:3:8: error: start:"),
        "{logs}"
    );
}

/// Pages are made as the browser asks for them, so a template that fails only when rendering
/// (here an unknown variable) is caught by the whole render that follows each rebuild: the
/// browser is told to reload and gets the error page, naming the template, until it is fixed.
#[test]
fn a_template_failing_at_render_time_shows_the_error_page_until_fixed() {
    let (_tmp, site) = minimal_site();
    let server = Server::start(&site);
    assert_eq!(
        server.get("/agenda/reunion/").status,
        200,
        "{}",
        server.logs()
    );
    let mut events = EventStream::open(server.addr);
    let at = events.wait_for(0, "event: hello");

    let template = site.join("themes/default/templates/event.html");
    fs::create_dir_all(template.parent().unwrap()).unwrap();
    fs::write(
        &template,
        "{% extends \"base.html\" %}{% block content %}{{ no_such.variable }}{% endblock content %}",
    )
    .unwrap();
    let broken = server.wait_for("/", "the error page", |r| {
        r.body.contains("The site cannot be built")
    });
    assert_eq!(broken.status, 500);
    assert!(broken.body.contains("event.html"), "{}", broken.body);
    let at = events.wait_for(at, "event: reload");

    fs::remove_file(&template).unwrap();
    server.wait_for("/agenda/reunion/", "the page back", |r| {
        r.status == 200 && r.body.contains("Réunion mensuelle")
    });
    events.wait_for(at, "event: reload");
    assert!(
        server.logs().contains("while rendering"),
        "{}",
        server.logs()
    );
}

/// An event whose country is not a code, for the error page in each language.
fn break_the_country(site: &Path) {
    let event = site.join("content/events/reunion.md");
    let text = fs::read_to_string(&event).unwrap();
    fs::write(&event, text.replace("country: BE", "country: Belgique")).unwrap();
}

/// The preview of an editor with a French computer: the error page and the terminal lines
/// speak French, each problem with its place, its message and its hint.
#[test]
fn the_error_page_and_the_terminal_speak_french_on_a_french_computer() {
    let (_tmp, site) = minimal_site();
    break_the_country(&site);
    let server = Server::start_in_french(&site);
    let page = server.get("/agenda/reunion/");
    assert_eq!(page.status, 500, "{}", server.logs());
    let body = &page.body;
    for expected in [
        "<html lang=\"fr\">",
        "<title>Le site ne peut pas être construit · ambassade</title>",
        "<h1>Le site ne peut pas être construit</h1>",
        "Le contenu a 1 erreur. Corrigez-la et enregistrez le fichier : cette page se recharge d’elle-même.",
        "<code>content/events/reunion.md:10:",
        "<span class=\"kind\">erreur</span>",
        "`Belgique` n’est pas un code de pays de deux lettres",
        "<p class=\"hint\">Conseil : écrivez BE, FR, NL, CA…</p>",
    ] {
        assert!(body.contains(expected), "missing `{expected}` in\n{body}");
    }
    assert!(!body.contains("cannot be built"), "{body}");
    assert!(!body.contains("Hint:"), "{body}");
    let logs = server.logs();
    assert!(
        logs.contains("aperçu du site à l’adresse http://127.0.0.1:"),
        "{logs}"
    );
    assert!(logs.contains("échec de la construction en "), "{logs}");
    assert!(
        logs.contains(": erreur: location.country: `Belgique` n’est pas"),
        "{logs}"
    );
}

/// The same preview with `--lang en`: the page and the terminal stay in English.
#[test]
fn the_error_page_speaks_english_when_asked() {
    let (_tmp, site) = minimal_site();
    break_the_country(&site);
    let server = Server::start(&site);
    let page = server.get("/");
    assert_eq!(page.status, 500, "{}", server.logs());
    let body = &page.body;
    for expected in [
        "<html lang=\"en\">",
        "<h1>The site cannot be built</h1>",
        "1 error(s) in the content. Fix them and save the file: this page reloads by itself.",
        "<span class=\"kind\">error</span>",
        "`Belgique` is not a two-letter country code",
        "<p class=\"hint\">Hint: write BE, FR, NL, CA…</p>",
    ] {
        assert!(body.contains(expected), "missing `{expected}` in\n{body}");
    }
    let logs = server.logs();
    assert!(
        logs.contains("serving the site at http://127.0.0.1:"),
        "{logs}"
    );
    assert!(logs.contains("build failed in "), "{logs}");
}

#[test]
fn requests_never_leave_the_site_and_files_have_their_types() {
    let (tmp, site) = minimal_site();
    // A file beside the site folder, that no request may reach.
    let secret = "a secret outside the site folder";
    fs::write(tmp.path().join("secret.txt"), secret).unwrap();
    let server = Server::start(&site);

    for path in [
        "/../secret.txt",
        "/agenda/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/..%2fsecret.txt",
        "/agenda%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%00",
        "/index.html%00",
        "/agenda/%00/../../secret.txt",
        "//etc/passwd",
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1/../secret.txt",
        "/content/site.yaml",
        "/content/events/reunion.md",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}: {}", r.body);
        assert!(!r.body.contains(secret), "{path} served the secret");
        assert!(!r.body.contains("root:x:0"), "{path} served /etc/passwd");
        assert!(!r.body.contains("base_url"), "{path} served a source file");
    }
    for target in ["etc/passwd", "C:/Windows/win.ini", "*", "/%zz"] {
        let r = server.raw(&format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n"));
        assert_eq!(r.status, 400, "{target}");
    }

    // The site's own 404 page for unknown addresses.
    let missing = server.get("/nulle-part/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(missing.body.contains("<html"), "{}", missing.body);

    let ics = server.get("/agenda.ics");
    assert_eq!(ics.status, 200);
    assert_eq!(
        ics.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(ics.body.starts_with("BEGIN:VCALENDAR"));
    assert!(!ics.body.contains("__ambassade"), "script in a calendar");
    let one = server.get("/agenda/reunion/reunion.ics");
    assert_eq!(
        one.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    for (path, ctype) in [
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/kit/carte.txt", "text/plain; charset=utf-8"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
    }

    // A folder without its slash is redirected to it.
    let r = server.get("/agenda?x=1");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/agenda/?x=1"));

    // HEAD: the same head, no body.
    let r = server.raw("HEAD /agenda/ HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    let r = server.raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(r.status, 405);
    let long = "a".repeat(20_000);
    let r = server.raw(&format!("GET /{long} HTTP/1.1\r\n\r\n"));
    assert_eq!(r.status, 414);
}

#[test]
fn a_slow_client_does_not_block_others() {
    let (_tmp, site) = minimal_site();
    let server = Server::start(&site);
    // Connections that send half a request and then nothing.
    let mut idle = Vec::new();
    for _ in 0..8 {
        let mut s = TcpStream::connect_timeout(&server.addr, Duration::from_secs(5)).unwrap();
        s.write_all(b"GET /agenda/ HT").unwrap();
        idle.push(s);
    }
    let started = Instant::now();
    let r = server.get("/");
    assert_eq!(r.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a request waited {:?} behind idle clients",
        started.elapsed()
    );
    drop(idle);
}

fn rebuilds_in(stdout: &str) -> usize {
    stdout.matches("changed → built in").count()
}

/// Replaces an event file the way editors save: a hidden temporary file renamed over the old
/// one, so that a rebuild never reads half a file.
fn save(file: &Path, text: &str) {
    let name = file.file_name().unwrap().to_string_lossy();
    let tmp = file.with_file_name(format!(".{name}.saving"));
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, file).unwrap();
}

/// A page's body without the build number the live-reload script carries, which differs
/// between builds of the same content.
fn without_build(body: &str) -> String {
    const MARK: &str = "data-build=\"";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(MARK) {
        let value = at + MARK.len();
        out.push_str(&rest[..value]);
        rest = &rest[value..];
        rest = &rest[rest.find('"').unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out
}

/// A reply's status and body, or what went wrong.
type Outcome = Result<(u16, String), String>;

/// Reads a whole reply from `s` and checks that it is complete: a status line, and as many
/// bytes of body as `Content-Length` says. Returns the status and the body.
fn complete_reply(s: &mut TcpStream) -> Outcome {
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes)
        .map_err(|e| format!("reading the reply: {e} (after {} bytes)", bytes.len()))?;
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("no complete head in {} bytes", bytes.len()))?;
    let head = String::from_utf8_lossy(&bytes[..end]);
    let body = &bytes[end + 4..];
    let status = head
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| format!("bad status line in `{head}`"))?;
    let length = head
        .split("\r\n")
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .ok_or_else(|| format!("no Content-Length in `{head}`"))?;
    if body.len() != length {
        return Err(format!(
            "status {status}: {} bytes of body, Content-Length {length}",
            body.len()
        ));
    }
    let body = String::from_utf8(body.to_vec()).map_err(|_| "a body that is not UTF-8")?;
    Ok((status, body))
}

/// One wave of the load test: `clients` (numbers `first..first + clients`) connect, wait for
/// one another, send their requests together and read the replies, on `threads` threads.
/// Returns each client's number with its reply.
fn wave(
    addr: SocketAddr,
    paths: &'static [(&'static str, u16)],
    first: usize,
    clients: usize,
    threads: usize,
    deadline: Instant,
) -> Vec<(usize, Outcome)> {
    let threads = threads.min(clients);
    // Every client connects first and waits for all the others: then the requests are all
    // sent at once, and the server has the whole wave on its hands together.
    let connected = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let connected = Arc::clone(&connected);
            let mine: Vec<usize> = (first..first + clients)
                .filter(|i| i % threads == t)
                .collect();
            std::thread::spawn(move || {
                let left = || {
                    deadline
                        .saturating_duration_since(Instant::now())
                        .max(Duration::from_millis(1))
                };
                let mut sockets: Vec<(usize, Result<TcpStream, String>)> = mine
                    .iter()
                    .map(|&i| {
                        let s = TcpStream::connect_timeout(&addr, left())
                            .map_err(|e| format!("connecting: {e}"));
                        (i, s)
                    })
                    .collect();
                connected.wait();
                for (i, slot) in &mut sockets {
                    let Ok(s) = slot else { continue };
                    let request = format!(
                        "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                        paths[*i % paths.len()].0
                    );
                    let sent = s
                        .set_write_timeout(Some(left()))
                        .and_then(|()| s.write_all(request.as_bytes()));
                    if let Err(e) = sent {
                        *slot = Err(format!("sending: {e}"));
                    }
                }
                sockets
                    .into_iter()
                    .map(|(i, s)| {
                        let reply = s.and_then(|mut s| {
                            // Bounded by the test's deadline, however the server behaves.
                            s.set_read_timeout(Some(left()))
                                .map_err(|e| e.to_string())?;
                            complete_reply(&mut s)
                        });
                        (i, reply)
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    handles
        .into_iter()
        .flat_map(|h| h.join().expect("a client thread"))
        .collect()
}

#[test]
fn a_thousand_clients_at_once_are_all_served_while_the_site_is_rebuilt() {
    const CLIENTS: usize = 1000;
    const THREADS: usize = 50;
    // Waves of a thousand clients take a fraction of a second, a debug rebuild a few tenths:
    // waves follow one another until this many rebuilds have finished meanwhile.
    const REBUILDS: usize = 3;
    // The pages asked for, in turn, with their status: the first four show the edited event;
    // the last one is the site's 404 page.
    const PATHS: &[(&str, u16)] = &[
        ("/", 200),
        ("/agenda/", 200),
        ("/agenda/reunion/", 200),
        ("/agenda.ics", 200),
        ("/nulle-part/", 404),
    ];
    // A thousand sockets here and a thousand in the server: more than the usual soft limit of
    // 1024 open files. The server, started from here, inherits the raised limit too.
    let limit = ambassade::serve::raise_open_files_limit();
    // Only where the limit cannot be raised: the same requests, in fewer at once.
    let at_once = match limit.map(|n| usize::try_from(n).unwrap_or(usize::MAX)) {
        Some(n) if n < CLIENTS + 200 => n.saturating_sub(200).max(THREADS),
        _ => CLIENTS,
    };

    let (_tmp, site) = minimal_site();
    let server = Server::start(&site);
    let event = site.join("content/events/reunion.md");
    let original = fs::read_to_string(&event).unwrap();
    let titles = ["Réunion mensuelle", "Réunion déplacée au jeudi"];
    let versions =
        titles.map(|t| original.replace("title: Réunion mensuelle", &format!("title: {t}")));

    // Both versions of every page, as served when nothing else happens.
    let mut expected: Vec<[String; 2]> = vec![Default::default(); PATHS.len()];
    for (v, text) in versions.iter().enumerate() {
        save(&event, text);
        server.wait_for("/agenda/reunion/", "the edit", |r| {
            r.status == 200 && r.body.contains(titles[v])
        });
        for (p, (path, status)) in PATHS.iter().enumerate() {
            let r = server.get(path);
            assert_eq!(r.status, *status, "{path}");
            expected[p][v] = without_build(&r.body);
        }
    }
    for (p, (path, _)) in PATHS.iter().enumerate().take(4) {
        assert_ne!(
            expected[p][0], expected[p][1],
            "{path} does not show the edit"
        );
    }

    // The editor: saves the other version as soon as the previous save has been rebuilt, so
    // that rebuilds follow one another during the whole burst.
    let stop = Arc::new(AtomicBool::new(false));
    let editor = {
        let stop = Arc::clone(&stop);
        let stdout = Arc::clone(&server.stdout);
        let event = event.clone();
        let versions = versions.clone();
        std::thread::spawn(move || {
            let deadline = Instant::now() + PATIENCE;
            let mut next = 0;
            while !stop.load(Ordering::SeqCst) && Instant::now() < deadline {
                let before = rebuilds_in(&stdout.lock().unwrap());
                save(&event, &versions[next]);
                next = 1 - next;
                while rebuilds_in(&stdout.lock().unwrap()) == before
                    && !stop.load(Ordering::SeqCst)
                    && Instant::now() < deadline
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
        })
    };

    let deadline = Instant::now() + PATIENCE;
    let rebuilds_before = server.rebuilds();
    let started = Instant::now();
    let mut requests = 0;
    let mut waves = 0;
    let mut failures = Vec::new();
    let mut served = vec![[0usize; 2]; PATHS.len()];
    // Until both versions of the event's page went out, too: then rebuilds really happened
    // between requests, not only while clients were connecting.
    let both_served = |served: &[[usize; 2]]| served[2].iter().all(|&n| n > 0);
    while (requests < CLIENTS
        || server.rebuilds() - rebuilds_before < REBUILDS
        || !both_served(&served))
        && failures.is_empty()
        && Instant::now() < deadline
    {
        let replies = wave(server.addr, PATHS, requests, at_once, THREADS, deadline);
        assert_eq!(replies.len(), at_once);
        requests += at_once;
        waves += 1;
        // Leaves the rebuild its share of a small CI machine's cores: back to back, waves
        // slow it down so much that the test takes five times as many requests.
        std::thread::sleep(Duration::from_millis(150));
        for (i, reply) in replies {
            let p = i % PATHS.len();
            let (path, status) = PATHS[p];
            match reply {
                Err(e) => failures.push(format!("request {i} ({path}): {e}")),
                Ok((got, _)) if got != status => {
                    failures.push(format!("request {i} ({path}): status {got}"))
                }
                Ok((_, body)) => {
                    let body = without_build(&body);
                    match expected[p].iter().position(|e| *e == body) {
                        Some(v) => served[p][v] += 1,
                        None => failures.push(format!(
                            "request {i} ({path}): neither version of the page:\n{body}"
                        )),
                    }
                }
            }
        }
    }
    let burst = started.elapsed();
    let rebuilt = server.rebuilds() - rebuilds_before;
    stop.store(true, Ordering::SeqCst);
    editor.join().expect("the editor thread");

    assert!(
        failures.is_empty(),
        "{} of {requests} requests failed:\n{}\n{}",
        failures.len(),
        failures
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n"),
        server.logs()
    );
    eprintln!(
        "{requests} requests in {waves} waves of {at_once} at once (open files: {limit:?}), \
         {burst:?}, {rebuilt} rebuilds meanwhile; versions served per page: {served:?}"
    );
    assert!(
        rebuilt >= REBUILDS,
        "only {rebuilt} rebuilds during {burst:?} of requests\n{}",
        server.logs()
    );
    assert!(both_served(&served), "versions served: {served:?}");

    // Still there, still answering, and nothing went wrong inside.
    assert_eq!(server.get("/").status, 200);
    let logs = server.logs();
    assert!(!logs.contains("panicked"), "{logs}");
}

#[test]
fn open_tabs_do_not_keep_the_server_from_answering() {
    let (_tmp, site) = minimal_site();
    let server = Server::start(&site);
    // More live-reload streams than the server has workers: each would hold one for good if
    // streams were served by the pool.
    let streams = ambassade::serve::MAX_EVENT_STREAMS;
    assert!(streams > ambassade::serve::WORKERS);
    let mut tabs: Vec<EventStream> = (0..streams)
        .map(|_| EventStream::open(server.addr))
        .collect();
    let mut at: Vec<usize> = tabs
        .iter_mut()
        .map(|t| t.wait_for(0, "event: hello"))
        .collect();

    let started = Instant::now();
    for _ in 0..ambassade::serve::WORKERS * 2 {
        let r = server.get("/agenda/");
        assert_eq!(r.status, 200, "{}", server.logs());
    }
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "pages took {:?} with {streams} tabs open",
        started.elapsed()
    );

    // One tab too many: told the current build, then closed, with a long delay before the
    // browser asks again.
    let mut extra = TcpStream::connect_timeout(&server.addr, Duration::from_secs(5)).unwrap();
    extra.set_read_timeout(Some(PATIENCE)).unwrap();
    extra
        .write_all(b"GET /__ambassade/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut turned_away = String::new();
    extra
        .read_to_string(&mut turned_away)
        .expect("the stream closes");
    assert!(
        turned_away.starts_with("HTTP/1.1 200 OK\r\n"),
        "{turned_away}"
    );
    assert!(turned_away.contains("retry: 10000\n"), "{turned_away}");
    assert!(
        turned_away.contains("event: hello\ndata: "),
        "{turned_away}"
    );

    // Every open tab still hears of a rebuild.
    let event = site.join("content/events/reunion.md");
    let original = fs::read_to_string(&event).unwrap();
    save(
        &event,
        &original.replace("Réunion mensuelle", "Réunion du mardi"),
    );
    for (tab, from) in tabs.iter_mut().zip(at.iter_mut()) {
        *from = tab.wait_for(*from, "event: reload");
    }

    // Closed tabs give their places back: a new stream is kept open again.
    drop(tabs);
    let deadline = Instant::now() + PATIENCE;
    loop {
        let mut tab = EventStream::open(server.addr);
        tab.wait_for(0, "event: hello");
        if tab.seen.contains("retry: 1000\n") {
            break;
        }
        assert!(Instant::now() < deadline, "no place freed: {}", tab.seen);
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn built_files_never_carry_the_reload_script() {
    let (_tmp, site) = minimal_site();
    let out = support::run(&["build", "--today", TODAY, "--root", site.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", support::stderr(&out));
    for entry in walk(&site.join("public")) {
        let bytes = fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__ambassade"),
            "{} carries the preview's script",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
