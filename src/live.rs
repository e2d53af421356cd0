//! Live following: each event's `live.json`, polled by readers' browsers while the
//! event is on (`static/live.js`), listing its sessions with a content hash each so a
//! page can fetch only what is new or changed.

use crate::error::{Error, Result};
use crate::model::{Event, Session};
use crate::render::views;
use crate::render::{Page, Renderer};
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
    title: &'a str,
    hash: String,
}

/// A short, stable hash of everything that decides how a session is rendered: its
/// time, date, title, kind, speakers, tags (the event's included) and notes. Hashing
/// the source rather than the HTML gives the same answer without rendering twice, since
/// the session's HTML is a function of exactly these (and of the theme).
pub fn session_hash(event: &Event, session: &Session) -> String {
    let mut h = Fnv::new();
    h.field(session.anchor.as_bytes());
    h.field(
        event
            .session_date(session)
            .map(|d| d.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    h.field(
        session
            .time
            .map(|t| t.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    h.field(
        session
            .end_time
            .map(|t| t.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    h.field(session.title.as_bytes());
    h.field(session.kind.as_str().as_bytes());
    h.field(session.speaker_line.as_deref().unwrap_or("").as_bytes());
    for s in &session.speakers {
        h.field(s.name.as_bytes());
        h.field(s.affiliation.as_deref().unwrap_or("").as_bytes());
    }
    for t in event.session_tags(session) {
        h.field(t.as_bytes());
    }
    h.field(session.body.as_bytes());
    format!("{:016x}", h.0)
}

/// 64-bit FNV-1a: tiny, stable across versions and platforms, enough to notice change.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Writes a field and a separator, so `("ab", "c")` and `("a", "bc")` differ.
    fn field(&mut self, bytes: &[u8]) {
        self.write(bytes);
        self.write(&[0xff]);
    }
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

/// Files that belong to one event for live following: its `live.json`.
pub fn event_files(renderer: &Renderer<'_>, index: usize) -> Result<Vec<Page>> {
    let event = &renderer.site.events[index];
    let viewer = renderer.viewer();
    let rel = viewer.event_rel(event);
    let times = &renderer.site.times[index];
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
                datetime: start.map(crate::publish::times::rfc3339),
                title: &s.title,
                hash: session_hash(event, s),
            }
        })
        .collect();
    let state = LiveState {
        version: VERSION,
        title: &event.title,
        url: renderer.urls.link(&rel),
        first_day: event.date.map(views::iso_date),
        last_day: event.last_date().map(views::iso_date),
        timezone: &times.zone.name,
        updated: updated_at(event).map(|t| t.to_string()),
        sessions,
    };
    let bytes = serde_json::to_vec_pretty(&state)
        .map_err(|e| Error::msg(format!("live.json of {}: {e}", event.source.display())))?;
    Ok(vec![Page {
        path: format!("{rel}live.json"),
        bytes,
    }])
}
