//! One progress line on standard error for long runs (score and eval),
//! shown only when standard error is a terminal, erased before any message
//! takes its place.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

pub(crate) struct Progress {
    enabled: bool,
    started: Instant,
    last: Instant,
    bytes: usize,
    items: usize,
    shown: bool,
    /// What is counted: "articles", "records".
    noun: &'static str,
}

impl Progress {
    pub fn new(noun: &'static str) -> Progress {
        let now = Instant::now();
        Progress {
            enabled: io::stderr().is_terminal(),
            started: now,
            last: now,
            bytes: 0,
            items: 0,
            shown: false,
            noun,
        }
    }

    /// One more item of `bytes` done.
    pub fn tick(&mut self, bytes: usize) {
        self.bytes += bytes;
        self.items += 1;
        if !self.enabled || !self.items.is_multiple_of(64) {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.started) < Duration::from_secs(1)
            || now.duration_since(self.last) < Duration::from_millis(250)
        {
            return;
        }
        self.last = now;
        let secs = now.duration_since(self.started).as_secs_f64();
        let mb = self.bytes as f64 / 1e6;
        let _ = write!(
            io::stderr(),
            "\r{} {} · {:.1} MB · {:.0} {}/s · {:.1} MB/s ",
            self.items,
            self.noun,
            mb,
            self.items as f64 / secs,
            self.noun,
            mb / secs
        );
        self.shown = true;
    }

    /// Erases the progress line, so a message can take its place.
    pub fn clear(&mut self) {
        if self.shown {
            let _ = write!(io::stderr(), "\r\x1b[2K");
            self.shown = false;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}
