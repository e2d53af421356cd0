//! `plenary init [DIR]`: a new site that builds at once with the embedded theme.

use crate::error::{Error, Result};
use std::path::Path;

const SITE_TOML: &str = r#"# plenary site settings: every key is optional. See docs/site-toml.md.
title = "My conference notes"
base_url = "https://example.org/"
description = "Live notes from the talks I attend."
language = "en"
timezone = "Europe/Zurich"
"#;

/// Writes `site.toml` and a sample event into `dir`; refuses to touch an existing site.
pub fn execute(dir: &Path, today: jiff::civil::Date) -> Result<()> {
    let site_toml = dir.join("site.toml");
    if site_toml.exists() {
        return Err(Error::at(
            &site_toml,
            "a site already exists here: nothing was changed",
        ));
    }
    let content = dir.join("content");
    std::fs::create_dir_all(&content).map_err(|e| Error::io(&content, e))?;
    let event = content.join(format!("{today}-my-first-event.md"));
    if event.exists() {
        return Err(Error::at(&event, "already exists: nothing was changed"));
    }
    std::fs::write(&event, sample_event(today)).map_err(|e| Error::io(&event, e))?;
    std::fs::write(&site_toml, SITE_TOML).map_err(|e| Error::io(&site_toml, e))?;
    let gitignore = dir.join(".gitignore");
    if !gitignore.exists() {
        // The build output and plenary's memory of the last build are not sources.
        std::fs::write(&gitignore, "public/\n.plenary/\n").map_err(|e| Error::io(&gitignore, e))?;
    }
    eprintln!(
        "created {} and {}\nnext: cd {} && plenary serve",
        site_toml.display(),
        event.display(),
        dir.display()
    );
    Ok(())
}

fn sample_event(today: jiff::civil::Date) -> String {
    format!(
        r#"+++
title = "My First Event"
date = {today}
location = "Main hall"
tags = ["notes"]
+++

A first event to try plenary with. Edit this file while `plenary serve` runs
and watch the page change. #firstevent

09:00 Registration and coffee

09:30 Opening keynote: why we take notes
Ada Lovelace, Analytical Engines Ltd
- Notes are for the reader you will be in a year.
- Write the surprising thing first.

10:15 Panel: tools of the trade
Grace Hopper and Alan Turing
- A line that starts with a time starts a session.
- The line after it names the speakers.
"#
    )
}
