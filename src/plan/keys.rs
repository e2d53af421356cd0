//! The keys of the plan's units: a fingerprint of everything a unit's files show, so
//! that a unit whose key is unchanged keeps its files. Each is a hash of values with
//! a derived `Hash` (the event as parsed, the very views lists get), never of text
//! made for the purpose.

use super::Unit;
use crate::cache::identity;
use crate::config::Config;
use crate::site::Site;
use crate::urls::Urls;
use crate::views::Viewer;
use crate::views::live::NowMark;
use rayon::prelude::*;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A fingerprint of what every page depends on: the configuration, the templates,
/// the options, the paths of the static files (one may take a page's place), and
/// plenary itself ([`identity`]).
pub fn site_key(config: &Config, templates: u64, statics: &[String], drafts: bool) -> u64 {
    let mut h = DefaultHasher::new();
    identity().hash(&mut h);
    statics.hash(&mut h);
    config.hash(&mut h);
    templates.hash(&mut h);
    drafts.hash(&mut h);
    std::env::var("SOURCE_DATE_EPOCH").ok().hash(&mut h);
    h.finish()
}

/// What one event contributes to the keys, worked out from the event alone (so the
/// dev server keeps them for the events a save did not touch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventPrints {
    /// The event as parsed (with its file's modification time).
    pub content: u64,
    /// What lists show of it: its summary and its sessions as listed (the very views
    /// tag, speaker and home pages get), and who and what they are filed under. An
    /// edit to the notes alone leaves it as it was.
    pub list: u64,
}

impl EventPrints {
    /// The prints of event `index` of the viewer's site.
    pub fn of(site_key: u64, v: &Viewer<'_>, index: usize) -> EventPrints {
        let event = &v.site.events[index];
        let mut h = DefaultHasher::new();
        site_key.hash(&mut h);
        event.hash(&mut h);
        v.site.media.print(&event.source).hash(&mut h);
        // Its speakers link to the pages their aliases file them under.
        v.site.profiles.alias_print().hash(&mut h);
        let content = h.finish();
        let rel = v.event_rel(event);
        let mut h = DefaultHasher::new();
        site_key.hash(&mut h);
        v.summary(index).hash(&mut h);
        for (si, session) in event.sessions.iter().enumerate() {
            v.brief((index, si), &rel).hash(&mut h);
            session.speakers.hash(&mut h);
            session.tags.hash(&mut h);
        }
        EventPrints {
            content,
            list: h.finish(),
        }
    }

    /// The prints of every event of the viewer's site, in parallel.
    pub fn all(site_key: u64, v: &Viewer<'_>) -> Vec<EventPrints> {
        (0..v.site.events.len())
            .into_par_iter()
            .map(|i| EventPrints::of(site_key, v, i))
            .collect()
    }
}

/// Each event's keys: of its own files, and of what lists show of it.
pub struct Keys {
    /// Everything an event's files depend on: the event, and the neighbouring events
    /// it links to.
    pub events: Vec<u64>,
    /// [`EventPrints::list`].
    pub lists: Vec<u64>,
    /// Which session is on now and next at the build's clock: an event's own files
    /// show it, so they are rendered again when a session starts or ends while the
    /// event is on; nothing else shows it, and events not on keep the same mark.
    pub now: Vec<NowMark>,
}

impl Keys {
    pub fn new(
        site_key: u64,
        site: &Site,
        urls: &Urls,
        prints: &[EventPrints],
        now: &[NowMark],
    ) -> Keys {
        let events = (0..site.events.len())
            .map(|i| {
                let mut h = DefaultHasher::new();
                site_key.hash(&mut h);
                prints[i].content.hash(&mut h);
                for neighbour in [i.checked_sub(1), i.checked_add(1)] {
                    if let Some(e) = neighbour.and_then(|n| site.events.get(n)) {
                        e.title.hash(&mut h);
                        urls.event(e).hash(&mut h);
                    }
                }
                h.finish()
            })
            .collect();
        let lists = prints.iter().map(|p| p.list).collect();
        Keys {
            events,
            lists,
            now: now.to_vec(),
        }
    }

    /// The key of a unit: the site, and the keys of the events it shows. A tag's page
    /// or a speaker's changes only with what lists show of their events; a tag's feed
    /// with everything of its events; the site-wide lists with what lists show of any
    /// event, the site feed and the search index with anything.
    pub fn key(&self, site_key: u64, site: &Site, unit: &Unit<'_>) -> u64 {
        let mut h = DefaultHasher::new();
        site_key.hash(&mut h);
        unit.name(site).hash(&mut h);
        match unit {
            Unit::Event(i) => {
                self.events[*i].hash(&mut h);
                self.now.get(*i).hash(&mut h);
            }
            Unit::Tag(slug) | Unit::TagFeed(slug) => {
                let by = if matches!(unit, Unit::Tag(_)) {
                    &self.lists
                } else {
                    &self.events
                };
                if let Some(tag) = site.tags.get(*slug) {
                    tag.name.hash(&mut h);
                    for &ei in &tag.events {
                        by[ei].hash(&mut h);
                    }
                    for &(ei, si) in &tag.sessions {
                        (by[ei], si).hash(&mut h);
                    }
                }
            }
            Unit::Speaker(slug) => {
                if let Some(speaker) = site.speakers.get(*slug) {
                    speaker.name.hash(&mut h);
                    speaker.affiliations.hash(&mut h);
                    for &(ei, si) in &speaker.sessions {
                        (self.lists[ei], si).hash(&mut h);
                    }
                }
                // The profile, and the processed photo it shows.
                if let Some(profile) = site.profiles.by_slug.get(*slug) {
                    profile.hash(&mut h);
                    site.media.print(&profile.source).hash(&mut h);
                }
            }
            Unit::Lists => {
                self.lists.hash(&mut h);
                site.profiles.print().hash(&mut h);
            }
            Unit::Site | Unit::Search => {
                self.events.hash(&mut h);
                site.profiles.print().hash(&mut h);
            }
        }
        h.finish()
    }
}
