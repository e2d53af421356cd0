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
        "built {} events ({} unchanged since the last build), {} files ({} written, {} unchanged, {} removed) into {} in {} ms",
        report.events,
        report.events_reused,
        report.files,
        report.stats.written,
        report.stats.unchanged,
        report.stats.removed,
        options.output.display(),
        start.elapsed().as_millis()
    );
    Ok(())
}
