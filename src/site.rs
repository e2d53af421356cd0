//! The whole site's content, built once from the parsed events and shared read-only:
//! events in order, and the indexes of tags and speakers across events.

use crate::model::Event;
use crate::urls::{speaker_slug, tag_slug};
use std::collections::BTreeMap;

/// A session, by index: (event, session).
pub type SessionRef = (usize, usize);

/// Everything filed under one tag.
#[derive(Debug, Default)]
pub struct TagEntry {
    /// The tag as first seen (lower-case).
    pub name: String,
    /// Events tagged directly (front matter or preamble hashtags).
    pub events: Vec<usize>,
    /// Sessions carrying the tag in their own title or notes.
    pub sessions: Vec<SessionRef>,
}

/// One person across events.
#[derive(Debug, Default)]
pub struct SpeakerEntry {
    /// The name as first written.
    pub name: String,
    /// Affiliations as written, without repeats.
    pub affiliations: Vec<String>,
    pub sessions: Vec<SessionRef>,
}

/// The site model.
#[derive(Debug)]
pub struct Site {
    /// Newest first.
    pub events: Vec<Event>,
    /// By tag slug.
    pub tags: BTreeMap<String, TagEntry>,
    /// By speaker slug.
    pub speakers: BTreeMap<String, SpeakerEntry>,
}

impl Site {
    /// Orders the events newest first and builds the indexes.
    pub fn new(mut events: Vec<Event>) -> Site {
        events.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| a.title.cmp(&b.title))
                .then_with(|| a.source.cmp(&b.source))
        });
        let mut tags: BTreeMap<String, TagEntry> = BTreeMap::new();
        let mut speakers: BTreeMap<String, SpeakerEntry> = BTreeMap::new();
        // Refs are pushed in increasing order, so a repeat can only be the last one:
        // checking it keeps this linear (a `contains` made it quadratic in big tags).
        for (ei, event) in events.iter().enumerate() {
            for t in &event.tags {
                let entry = tags.entry(tag_slug(t)).or_default();
                if entry.name.is_empty() {
                    entry.name = t.clone();
                }
                if entry.events.last() != Some(&ei) {
                    entry.events.push(ei);
                }
            }
            for (si, session) in event.sessions.iter().enumerate() {
                for t in &session.tags {
                    let entry = tags.entry(tag_slug(t)).or_default();
                    if entry.name.is_empty() {
                        entry.name = t.clone();
                    }
                    if entry.sessions.last() != Some(&(ei, si)) {
                        entry.sessions.push((ei, si));
                    }
                }
                for sp in &session.speakers {
                    let entry = speakers.entry(speaker_slug(&sp.name)).or_default();
                    if entry.name.is_empty() {
                        entry.name = sp.name.clone();
                    }
                    if let Some(a) = &sp.affiliation
                        && !entry.affiliations.contains(a)
                    {
                        entry.affiliations.push(a.clone());
                    }
                    if entry.sessions.last() != Some(&(ei, si)) {
                        entry.sessions.push((ei, si));
                    }
                }
            }
        }
        Site {
            events,
            tags,
            speakers,
        }
    }
}
