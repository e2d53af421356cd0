//! `plenary init [DIR]`: a new site that builds at once with the embedded theme.

use crate::error::{Error, Result};
use std::path::Path;

/// The new site's settings; `timezone` is the machine's own zone.
fn site_settings(zone: &str) -> String {
    format!(
        r#"# plenary site settings: every key is optional. See docs/site-toml.md.
title = "My conference notes"
base_url = "https://example.org/"
description = "Live notes from the talks I attend."
language = "en"
# Events without a `timezone` of their own happen in this zone.
timezone = "{zone}"
# A link-preview image (og:image) drawn for each event page; "all" draws one per
# session page too, false none. Kept in .plenary/cards/ once drawn.
cards = "events"
"#
    )
}

/// This machine's IANA time zone (from `TZ` or the system's settings), else UTC.
pub fn system_zone() -> String {
    jiff::tz::TimeZone::try_system()
        .ok()
        .and_then(|tz| tz.iana_name().map(str::to_string))
        .filter(|name| jiff::tz::TimeZone::get(name).is_ok())
        .unwrap_or_else(|| "UTC".to_string())
}

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
    let zone = system_zone();
    std::fs::write(&site_toml, site_settings(&zone)).map_err(|e| Error::io(&site_toml, e))?;
    let gitignore = dir.join(".gitignore");
    if !gitignore.exists() {
        // The build output and plenary's memory of the last build are not sources.
        std::fs::write(&gitignore, "public/\n.plenary/\n").map_err(|e| Error::io(&gitignore, e))?;
    }
    eprintln!(
        "created {} and {}\ntimezone: {zone} (this machine's; change `timezone` in site.toml if your events are elsewhere)\nnext: cd {} && plenary serve",
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
