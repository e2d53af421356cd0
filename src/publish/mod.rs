//! Publishing outputs beyond the HTML pages: feeds, calendars, sitemap, search.
//! (Filled in by the publishing work; these are the hooks the renderer calls.)

use crate::error::Result;
use crate::render::{Page, Renderer};

/// Files that belong to one event (its feed, its calendar).
pub fn event_files(_renderer: &Renderer<'_>, _index: usize) -> Result<Vec<Page>> {
    Ok(Vec::new())
}

/// Site-wide files (site feed, tag feeds, sitemap, robots.txt, search index and page).
pub fn site_files(_renderer: &Renderer<'_>) -> Result<Vec<Page>> {
    Ok(Vec::new())
}
