//! The hash of a session's content that each session view carries, and `live.json`
//! lists: the live script compares the two to fetch only what changed.

use crate::model::{Event, Session};

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
    // Markers in front of the time change the page without changing the text above.
    h.field(format!("{:?}", session.live).as_bytes());
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
