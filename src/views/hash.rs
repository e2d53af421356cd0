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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_1a_gives_the_published_test_vectors() {
        // From the FNV reference (draft-eastlake-fnv): "" and "a" and "foobar".
        for (input, hash) in [
            ("", 0xcbf2_9ce4_8422_2325_u64),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("foobar", 0x8594_4171_f739_67e8),
        ] {
            let mut h = Fnv::new();
            h.write(input.as_bytes());
            assert_eq!(h.0, hash, "{input:?}");
        }
    }

    fn hashes(notes: &str) -> Vec<String> {
        let parsed =
            crate::notes::parse(std::path::Path::new("content/2025-05-07-day.md"), notes).unwrap();
        let event = parsed.event;
        event
            .sessions
            .iter()
            .map(|s| session_hash(&event, s))
            .collect()
    }

    #[test]
    fn a_sessions_hash_changes_with_whatever_shows_on_its_page() {
        let base = "# Day\n\n09:00 Opening talk\nAda Lovelace, ETH\n- First point #ai\n";
        let h = hashes(base);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].len(), 16);
        assert_eq!(h, hashes(base), "stable");
        for changed in [
            "# Day\n\n09:30 Opening talk\nAda Lovelace, ETH\n- First point #ai\n",
            "# Day\n\n09:00 Opening talks\nAda Lovelace, ETH\n- First point #ai\n",
            "# Day\n\n09:00 Opening talk\nAda Lovelace, EPFL\n- First point #ai\n",
            "# Day\n\n09:00 Opening talk\nAda Lovelace, ETH\n- First point #ml\n",
            "# Day\n\n09:00 Opening talk\nAda Lovelace, ETH\n- First points #ai\n",
            "# Day\n\n09:00-09:45 Opening talk\nAda Lovelace, ETH\n- First point #ai\n",
            "# Day\n\n~~09:00 Opening talk~~\nAda Lovelace, ETH\n- First point #ai\n",
        ] {
            assert_ne!(hashes(changed), h, "{changed}");
        }
        // Fields are kept apart: text moved from one field to the next is a change.
        let mut a = Fnv::new();
        a.field(b"ab");
        a.field(b"c");
        let mut b = Fnv::new();
        b.field(b"a");
        b.field(b"bc");
        assert_ne!(a.0, b.0);
    }
}
