//! `plenary check`: every link of the site, rendered in memory, followed.

use crate::check::{CheckOptions, Severity, check};
use crate::error::{Error, Result};

/// Prints every finding (errors first), then a summary; fails when any internal link,
/// image or anchor is broken, or a URL is claimed twice.
pub fn execute(options: &CheckOptions) -> Result<()> {
    let report = check(options)?;
    for finding in &report.findings {
        eprintln!("{finding}");
    }
    let warnings = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let external = match &report.external_summary {
        Some(s) => format!(
            "{} external links: {} ok, {} broken, {} not checked ({} answers from the last day's cache)",
            report.external, s.ok, s.broken, s.skipped, s.cached
        ),
        None => format!(
            "{} external links not checked (add --external)",
            report.external
        ),
    };
    eprintln!(
        "checked {} files, {} internal links; {external}; {} errors, {} warnings",
        report.files,
        report.internal,
        report.errors(),
        warnings
    );
    match report.errors() {
        0 => Ok(()),
        n => Err(Error::msg(format!(
            "{n} broken link{} (listed above)",
            if n == 1 { "" } else { "s" }
        ))),
    }
}
