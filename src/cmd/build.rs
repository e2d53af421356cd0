//! `plenary build`: write the complete site to `public/`.

use crate::build::{BuildOptions, build};
use crate::error::Result;
use std::time::Instant;

/// Builds and prints a one-line summary (and any warnings) to stderr.
pub fn execute(options: &BuildOptions) -> Result<()> {
    let start = Instant::now();
    let report = build(options)?;
    for w in &report.generated.warnings {
        eprintln!("{w}");
    }
    eprintln!(
        "built {} events, {} files ({} written, {} unchanged, {} removed) into {} in {} ms",
        report.generated.events,
        report.generated.pages.len(),
        report.stats.written,
        report.stats.unchanged,
        report.stats.removed,
        options.output.display(),
        start.elapsed().as_millis()
    );
    Ok(())
}
