//! A progress line for long builds.
//!
//! A build of the example site takes a fraction of a second, and a line that flashes by is
//! noise, so nothing is shown unless the work is still running after `DELAY`. Then a spinner
//! with the elapsed time is drawn on stderr, only when stderr is a terminal (never in logs or
//! pipes), and erased when the work ends. The pipeline does not report its own progress, so
//! the line says what is running and for how long rather than a percentage.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long work runs before the progress line appears.
pub const DELAY: Duration = Duration::from_secs(1);
const FRAME: Duration = Duration::from_millis(100);
const SPINNER: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/// Shows `label` with a spinner while alive, after `DELAY`, on a terminal only.
pub struct Progress {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    pub fn start(label: &str) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress {
                stop: None,
                thread: None,
            };
        }
        let (stop, rx) = channel::<()>();
        let label = label.to_string();
        let started = Instant::now();
        let thread = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || {
                match rx.recv_timeout(DELAY) {
                    Err(RecvTimeoutError::Timeout) => {}
                    _ => return,
                }
                let mut i = 0;
                let mut err = std::io::stderr();
                loop {
                    let secs = started.elapsed().as_secs_f64();
                    let _ = write!(err, "\r\x1b[2K{} {label} {secs:.1} s", SPINNER[i % 10]);
                    let _ = err.flush();
                    i += 1;
                    match rx.recv_timeout(FRAME) {
                        Err(RecvTimeoutError::Timeout) => continue,
                        _ => break,
                    }
                }
                // Erase the line: what follows (problems, the summary) starts clean.
                let _ = write!(err, "\r\x1b[2K");
                let _ = err.flush();
            })
            .ok();
        Progress {
            stop: Some(stop),
            thread,
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
