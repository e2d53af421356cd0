//! `plenary build`: write the complete site to `public/`.

use crate::build::{BuildOptions, build};
use crate::check::hosts::{self, Footprint};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::publish::websub;
use std::path::PathBuf;
use std::time::Instant;

/// What `build` does besides building, after the output is written.
#[derive(Debug, Clone, Default)]
pub struct AfterBuild {
    /// Writes the URLs whose files changed (or went away) in this build to this file,
    /// one a line, for a CDN purge.
    pub changed: Option<PathBuf>,
    /// Tells the WebSub hub of `hub_url` about every feed that changed.
    pub ping: bool,
}

/// Builds and prints a one-line summary (and any warnings) to stderr.
pub fn execute(options: &BuildOptions, after: &AfterBuild) -> Result<()> {
    let start = Instant::now();
    let report = build(options)?;
    for w in &report.warnings {
        eprintln!("{w}");
    }
    // Measuring the output stats every file (about 0.1 s of CPU for 12,000 files):
    // done only when this build changed it, so a rebuild with nothing to do stays
    // quick (the warning was given when the site grew), and not at all after a first
    // build, which knows every file it wrote.
    if report.stats.written + report.stats.removed > 0 {
        let footprint = match &report.fresh_files {
            Some(files) => Footprint::of_files(files.iter().map(|(p, n)| (p.as_str(), *n))),
            None => Footprint::of(&options.output),
        };
        for w in hosts::warnings(&footprint) {
            eprintln!("warning: {}: {w}", options.output.display());
        }
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
    if after.changed.is_none() && !after.ping {
        return Ok(());
    }
    let config = Config::load_with(&options.root, options.base_url.as_deref())?;
    let urls = crate::urls::Urls::new(&config);
    let changed: Vec<String> = report
        .stats
        .changed
        .iter()
        .map(|p| urls.permalink(&page_url(p)))
        .collect();
    if let Some(file) = &after.changed {
        let mut text = changed.join("\n");
        if !text.is_empty() {
            text.push('\n');
        }
        std::fs::write(file, text).map_err(|e| Error::io(file, e))?;
        eprintln!(
            "{} changed URLs written to {}",
            changed.len(),
            file.display()
        );
    }
    if after.ping {
        let feeds: Vec<&String> = changed.iter().filter(|u| websub::is_feed(u)).collect();
        match config.hub_url.as_deref() {
            None => eprintln!(
                "warning: site.toml: --ping needs `hub_url`, the address of a WebSub hub: no hub was told"
            ),
            Some(hub) => {
                for (feed, outcome) in websub::ping(hub, &feeds) {
                    match outcome {
                        Ok(()) => eprintln!("told {hub} about {feed}"),
                        Err(why) => {
                            eprintln!("warning: {hub}: the hub was not told about {feed}: {why}")
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// The URL path of an output file: `x/index.html` is served as `x/`.
fn page_url(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder.to_string(),
        _ => path.to_string(),
    }
}

/// `1 event`, `2 events`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
