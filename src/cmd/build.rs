//! `plenary build`: write the complete site to `public/`.

use crate::build::{BuildOptions, build};
use crate::error::Result;
use std::time::Instant;

/// Builds and prints a one-line summary (and any warnings) to stderr.
pub fn execute(options: &BuildOptions) -> Result<()> {
    let start = Instant::now();
    let report = build(options)?;
    for w in &report.warnings {
        eprintln!("{w}");
    }
    eprintln!(
        "built {} ({} unchanged since the last build), {} ({} written, {} unchanged, {} removed) into {} in {} ms",
        count(report.events, "event"),
        report.events_reused,
        count(report.files, "file"),
        report.stats.written,
        report.stats.unchanged,
        report.stats.removed,
        options.output.display(),
        start.elapsed().as_millis()
    );
    Ok(())
}

/// `1 event`, `2 events`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
