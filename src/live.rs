//! Live following: each event's `live.json`, polled by readers' browsers while the
//! event is on. (Filled in by the live-writing work; this is the renderer's hook.)

use crate::error::Result;
use crate::render::{Page, Renderer};

/// Files that belong to one event for live following.
pub fn event_files(_renderer: &Renderer<'_>, _index: usize) -> Result<Vec<Page>> {
    Ok(Vec::new())
}
