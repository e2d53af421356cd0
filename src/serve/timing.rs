//! Stage timings of one rebuild, printed to stderr when `PLENARY_SERVE_TIMING` is set:
//! where the time between a save and its page being served goes.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether timings are printed; read once.
pub(super) fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PLENARY_SERVE_TIMING").is_some_and(|v| !v.is_empty()))
}

/// Laps since a start, named; printed on one line by [`Laps::print`].
pub(super) struct Laps {
    start: Instant,
    last: Instant,
    laps: Vec<(&'static str, f64)>,
}

impl Laps {
    /// Laps counted from `start`.
    pub(super) fn since(start: Instant) -> Laps {
        Laps {
            start,
            last: start,
            laps: Vec::new(),
        }
    }

    /// Ends the stage called `name` now.
    pub(super) fn lap(&mut self, name: &'static str) {
        if !enabled() {
            return;
        }
        let now = Instant::now();
        self.laps
            .push((name, now.duration_since(self.last).as_secs_f64() * 1000.0));
        self.last = now;
    }

    /// One line: each stage's milliseconds, then the total.
    pub(super) fn print(&self, what: &str) {
        if !enabled() {
            return;
        }
        let mut line = format!("timing {what}:");
        for (name, ms) in &self.laps {
            line.push_str(&format!(" {name} {ms:.1}"));
        }
        let total = self.last.duration_since(self.start).as_secs_f64() * 1000.0;
        line.push_str(&format!(" | total {total:.1} ms"));
        eprintln!("{line}");
    }
}
