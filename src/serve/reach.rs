//! What a change to one event reaches: the groups of pages ("units") rendered
//! together, an event's neighbours, and the share of each tag and speaker page that
//! an event contributes.

use crate::model::Event;
use crate::urls::{speaker_slug, tag_slug};
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

/// A group of pages rendered together and replaced together.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Unit {
    /// One event's files, by its source path.
    Event(PathBuf),
    Tag(String),
    Speaker(String),
    /// Home pages, indexes, 404, feeds and other site-wide files.
    Site,
}

/// An event's own files and its neighbours' (their prev/next links name it).
pub(super) fn mark_neighbours(events: &[Event], i: usize, dirty: &mut HashSet<Unit>) {
    for j in [i.checked_sub(1), Some(i), i.checked_add(1)]
        .into_iter()
        .flatten()
    {
        if let Some(e) = events.get(j) {
            dirty.insert(Unit::Event(e.source.clone()));
        }
    }
}

/// What one event shows on each of its tag and speaker pages, hashed: the event
/// without its sessions (but with their count), plus the sessions filed under that
/// tag or speaker. A page whose share of an edited event is unchanged is not
/// rendered again, which matters for tags that span hundreds of events. (The
/// equivalence tests in `tests/serve_rebuild.rs` hold this to a full build.)
pub(super) fn shares(event: &mut Event) -> HashMap<Unit, u64> {
    let sessions = std::mem::take(&mut event.sessions);
    let base = format!("{event:?}|{}", sessions.len());
    event.sessions = sessions;
    let start = || {
        let mut h = DefaultHasher::new();
        base.hash(&mut h);
        h
    };
    let mut hashers: HashMap<Unit, DefaultHasher> = HashMap::new();
    for t in &event.tags {
        hashers.entry(Unit::Tag(tag_slug(t))).or_insert_with(start);
    }
    for (si, session) in event.sessions.iter().enumerate() {
        let text = format!("{si}|{session:?}");
        let units = session.tags.iter().map(|t| Unit::Tag(tag_slug(t))).chain(
            session
                .speakers
                .iter()
                .map(|sp| Unit::Speaker(speaker_slug(&sp.name))),
        );
        for unit in units {
            text.hash(hashers.entry(unit).or_insert_with(start));
        }
    }
    hashers.into_iter().map(|(u, h)| (u, h.finish())).collect()
}
