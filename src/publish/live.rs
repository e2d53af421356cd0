//! Live following: each event's `live.json`, polled by readers' browsers while the
//! event is on (`static/live.js`), listing its sessions with a content hash each so a
//! page can fetch only what is new or changed.

use crate::error::{Error, Result};
use crate::model::Event;
use crate::page::Page;
use crate::views::{self, Viewer};
use jiff::Timestamp;
use serde::Serialize;

/// The schema version of `live.json`; bumped on incompatible changes.
const VERSION: u32 = 1;

/// `live.json`: it depends only on the content, so a rebuild leaves it untouched
/// unless the event changed.
#[derive(Serialize)]
struct LiveState<'a> {
    version: u32,
    title: &'a str,
    /// The event page, where new sessions are fetched from.
    url: String,
    first_day: Option<String>,
    last_day: Option<String>,
    timezone: &'a str,
    /// When the notes were last saved (UTC), if known; `SOURCE_DATE_EPOCH` fixes it
    /// for reproducible builds.
    updated: Option<String>,
    sessions: Vec<LiveSession<'a>>,
}

#[derive(Serialize)]
struct LiveSession<'a> {
    anchor: &'a str,
    /// 1-based day of the event, as in the page's `day-N` sections.
    day: usize,
    time: Option<String>,
    datetime: Option<String>,
    title: std::borrow::Cow<'a, str>,
    hash: String,
}

/// When the event's notes were last saved: `SOURCE_DATE_EPOCH` when set, else the
/// file's modification time. Never the build's own time, which would rewrite every
/// `live.json` on every build.
fn updated_at(event: &Event) -> Option<Timestamp> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| Timestamp::from_second(secs).ok())
        .or(event.modified)
}

/// The `live.json` of event `index`.
pub fn event_state(v: &Viewer<'_>, index: usize) -> Result<Page> {
    let event = &v.site.events[index];
    let viewer = v;
    let rel = viewer.event_rel(event);
    let times = &v.site.times[index];
    let sessions = event
        .sessions
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let start = times.start(si);
            LiveSession {
                anchor: &s.anchor,
                day: s.day + 1,
                time: s.time.map(|t| t.to_string()),
                datetime: start.map(views::dates::rfc3339),
                title: s.label(),
                hash: views::session_hash(event, s),
            }
        })
        .collect();
    let state = LiveState {
        version: VERSION,
        title: &event.title,
        url: v.urls.link(&rel),
        first_day: event.date.map(views::iso_date),
        last_day: event.last_date().map(views::iso_date),
        timezone: &times.zone.name,
        updated: updated_at(event).map(|t| t.to_string()),
        sessions,
    };
    let bytes = serde_json::to_vec_pretty(&state)
        .map_err(|e| Error::msg(format!("live.json of {}: {e}", event.source.display())))?;
    Ok(Page {
        path: format!("{rel}live.json"),
        bytes,
    })
}
