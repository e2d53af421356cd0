//! Publishing outputs beyond the HTML pages: feeds, calendars, sitemap, robots.txt,
//! search, and the structured data of event pages.

pub mod atom;
pub mod ics;
pub mod jsonld;
pub mod search;
pub mod sitemap;
pub mod times;
pub mod xml;

use crate::error::Result;
use crate::render::views::EventView;
use crate::render::{Page, Renderer};

/// Files that belong to one event: its feed and its calendar. `view` is the event's
/// view, already made for its page.
pub fn event_files(
    renderer: &Renderer<'_>,
    index: usize,
    view: &EventView<'_>,
) -> Result<Vec<Page>> {
    Ok(vec![
        atom::event_feed(renderer, index, view),
        ics::event_calendar(renderer, index, view),
    ])
}

/// Site-wide files: the site feed, sitemap, robots.txt, search index and page. (Each
/// tag's feed goes with its page: see [`Renderer::tag_files`].)
pub fn site_files(renderer: &Renderer<'_>) -> Result<Vec<Page>> {
    Ok(vec![
        atom::site_feed(renderer),
        sitemap::sitemap(renderer),
        sitemap::robots(renderer),
        search::index(renderer)?,
        search::page(renderer)?,
    ])
}
