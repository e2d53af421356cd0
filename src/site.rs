//! The whole site's content, built once from the parsed events and shared read-only:
//! events in order, and the indexes of tags and speakers across events.

use crate::model::{Event, EventTimes, Zone};
use crate::profiles::Profiles;
use crate::urls::tag_slug;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A session, by index: (event, session).
pub type SessionRef = (usize, usize);

/// Everything filed under one tag.
#[derive(Debug, Default, PartialEq)]
pub struct TagEntry {
    /// The tag as first seen (lower-case).
    pub name: String,
    /// Events tagged directly (front matter or preamble hashtags).
    pub events: Vec<usize>,
    /// Sessions carrying the tag in their own title or notes.
    pub sessions: Vec<SessionRef>,
}

/// One person across events.
#[derive(Debug, Default, PartialEq)]
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
    /// The zone of events that do not name their own.
    pub zone: Zone,
    /// Each event's zone and session times, by index into `events`: worked out once
    /// here, read by every output.
    pub times: Vec<EventTimes>,
    /// The speakers' profiles ([`crate::profiles`]): their aliases file other spellings
    /// under one slug, and a profile of a name the notes never mention still has a page.
    pub profiles: Profiles,
    /// The photos of the notes, processed ([`crate::media::prepare`]); none until the
    /// build or the dev server sets them.
    pub media: crate::media::Media,
}

impl Site {
    /// Orders the events newest first, works out their times (in `zone` unless they
    /// name their own) and builds the indexes.
    pub fn new(events: Vec<Event>, zone: Zone) -> Site {
        Site::with_profiles(events, zone, Profiles::default())
    }

    /// [`Site::new`] with the speakers' profiles merged into the speaker index.
    pub fn with_profiles(mut events: Vec<Event>, zone: Zone, profiles: Profiles) -> Site {
        events.sort_by(order);
        let slug_of = |name: &str| profiles.slug_of(name);
        let mut tags: Slots<TagEntry> = Slots::default();
        let mut speakers: Slots<SpeakerEntry> = Slots::default();
        // Refs are pushed in increasing order, so a repeat can only be the last one:
        // checking it keeps this linear (a `contains` made it quadratic in big tags).
        for (ei, event) in events.iter().enumerate() {
            for t in &event.tags {
                let entry = tags.get(t, &tag_slug);
                if entry.name.is_empty() {
                    entry.name = t.clone();
                }
                if entry.events.last() != Some(&ei) {
                    entry.events.push(ei);
                }
            }
            for (si, session) in event.sessions.iter().enumerate() {
                for t in &session.tags {
                    let entry = tags.get(t, &tag_slug);
                    if entry.name.is_empty() {
                        entry.name = t.clone();
                    }
                    if entry.sessions.last() != Some(&(ei, si)) {
                        entry.sessions.push((ei, si));
                    }
                }
                for sp in &session.speakers {
                    let entry = speakers.get(&sp.name, &slug_of);
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
        let (tags, mut speakers) = (tags.into_map(), speakers.into_map());
        for slug in profiles.by_slug.keys() {
            let entry = speakers.entry(slug.clone()).or_default();
            entry.name = profile_name(&profiles, slug, std::mem::take(&mut entry.name));
        }
        let times = events.iter().map(|e| EventTimes::new(e, &zone)).collect();
        Site {
            events,
            tags,
            speakers,
            zone,
            times,
            profiles,
            media: crate::media::Media::default(),
        }
    }

    /// Takes in new profiles: the speaker index is built again from the events.
    pub fn set_profiles(&mut self, profiles: Profiles) {
        if profiles == self.profiles {
            return;
        }
        let events = std::mem::take(&mut self.events);
        let media = std::mem::take(&mut self.media);
        let zone = self.zone.clone();
        *self = Site::with_profiles(events, zone, profiles);
        self.media = media;
    }
}

/// The name a speaker's page shows: the profile's, else the first written in the notes
/// (`notes`), else one made of the slug of the profile's file (`grace-hopper`: `Grace
/// Hopper`).
fn profile_name(profiles: &Profiles, slug: &str, notes: String) -> String {
    let Some(profile) = profiles.by_slug.get(slug) else {
        return notes;
    };
    if let Some(name) = &profile.name {
        return name.clone();
    }
    if !notes.is_empty() {
        return notes;
    }
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Index entries while they are built, found by the text as written: a tag or name
/// is slugged once, not at every mention (slugging was most of [`Site::new`]).
struct Slots<'e, V> {
    by_text: HashMap<&'e str, usize>,
    by_slug: HashMap<String, usize>,
    entries: Vec<(String, V)>,
}

impl<V> Default for Slots<'_, V> {
    fn default() -> Self {
        Slots {
            by_text: HashMap::new(),
            by_slug: HashMap::new(),
            entries: Vec::new(),
        }
    }
}

impl<'e, V: Default> Slots<'e, V> {
    /// The entry of `text`'s slug, made empty if new.
    fn get(&mut self, text: &'e str, slug: &dyn Fn(&str) -> String) -> &mut V {
        let i = match self.by_text.get(text) {
            Some(&i) => i,
            None => {
                let slug = slug(text);
                let i = match self.by_slug.get(&slug) {
                    Some(&i) => i,
                    None => {
                        self.entries.push((slug.clone(), V::default()));
                        self.by_slug.insert(slug, self.entries.len() - 1);
                        self.entries.len() - 1
                    }
                };
                self.by_text.insert(text, i);
                i
            }
        };
        &mut self.entries[i].1
    }

    fn into_map(self) -> BTreeMap<String, V> {
        self.entries.into_iter().collect()
    }
}

/// One mention of a tag or speaker in an event, in the order [`Site::new`] visits them.
struct Mention<'a> {
    slug: String,
    name: &'a str,
    /// `None` for the event's own tags.
    session: Option<usize>,
    affiliation: Option<&'a String>,
}

/// The event's tag mentions: its own tags, then each session's.
fn tag_mentions(event: &Event) -> Vec<Mention<'_>> {
    let own = event.tags.iter().map(|t| (None, t));
    let sessions = event
        .sessions
        .iter()
        .enumerate()
        .flat_map(|(si, s)| s.tags.iter().map(move |t| (Some(si), t)));
    own.chain(sessions)
        .map(|(session, t)| Mention {
            slug: tag_slug(t),
            name: t,
            session,
            affiliation: None,
        })
        .collect()
}

/// The event's speaker mentions, session by session.
fn speaker_mentions<'e>(event: &'e Event, profiles: &Profiles) -> Vec<Mention<'e>> {
    event
        .sessions
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.speakers.iter().map(move |sp| Mention {
                slug: profiles.slug_of(&sp.name),
                name: &sp.name,
                session: Some(si),
                affiliation: sp.affiliation.as_ref(),
            })
        })
        .collect()
}

/// The first name written for `slug` among the mentions, if any is not empty
/// ([`Site::new`] keeps the first non-empty one).
fn first_name<'a>(mentions: &[Mention<'a>], slug: &str) -> Option<&'a str> {
    mentions
        .iter()
        .find(|m| m.slug == slug && !m.name.is_empty())
        .map(|m| m.name)
}

/// The affiliations of `slug` among the mentions, in order, without repeats.
fn affiliations<'a>(mentions: &[Mention<'a>], slug: &str) -> Vec<&'a String> {
    let mut out: Vec<&String> = Vec::new();
    for a in mentions
        .iter()
        .filter(|m| m.slug == slug)
        .filter_map(|m| m.affiliation)
    {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// The events of an entry's refs (both sorted), in order, each once; lazily, as the
/// first one or two are usually all that is needed.
fn in_order<'a>(
    events: &'a [usize],
    sessions: &'a [SessionRef],
) -> impl Iterator<Item = usize> + 'a {
    let mut a = events.iter().copied().peekable();
    let mut b = sessions.iter().map(|r| r.0).peekable();
    std::iter::from_fn(move || {
        let next = match (a.peek(), b.peek()) {
            (Some(&x), Some(&y)) => x.min(y),
            (Some(&x), None) | (None, Some(&x)) => x,
            (None, None) => return None,
        };
        while a.next_if_eq(&next).is_some() {}
        while b.next_if_eq(&next).is_some() {}
        Some(next)
    })
}

/// Replaces one event's refs in a sorted list of refs: those of event `ei` go, `new`
/// ones (sorted, all of `ei`) take their place.
fn splice_refs<T: Copy>(refs: &mut Vec<T>, ei: usize, event_of: impl Fn(&T) -> usize, new: &[T]) {
    let from = refs.partition_point(|r| event_of(r) < ei);
    let to = refs.partition_point(|r| event_of(r) <= ei);
    refs.splice(from..to, new.iter().copied());
}

impl Site {
    /// Swaps `event` with the event at `index` and updates the tag and speaker indexes
    /// for that one event, as [`Site::new`] would have built them: what the dev server
    /// does on every save instead of building the site again. `event` then holds the
    /// event replaced. Returns false, changing nothing, when `event` does not sort into
    /// that place (a new date or title that moves it): the caller builds a new `Site`.
    pub fn swap(&mut self, index: usize, event: &mut Event) -> bool {
        let fits = index < self.events.len()
            && index
                .checked_sub(1)
                .is_none_or(|p| order(&self.events[p], event) == Ordering::Less)
            && self
                .events
                .get(index + 1)
                .is_none_or(|n| order(event, n) == Ordering::Less);
        if !fits {
            return false;
        }
        std::mem::swap(&mut self.events[index], event);
        self.times[index] = EventTimes::new(&self.events[index], &self.zone);
        self.reindex_tags(index, event);
        self.reindex_speakers(index, event);
        true
    }

    /// Brings the tag entries that event `ei` (now replaced; `old` before) mentions or
    /// mentioned up to date.
    fn reindex_tags(&mut self, ei: usize, old: &Event) {
        let before = tag_mentions(old);
        let now = tag_mentions(&self.events[ei]);
        let slugs: BTreeSet<&str> = before.iter().chain(&now).map(|m| m.slug.as_str()).collect();
        for slug in slugs {
            let mut events = Vec::new();
            let mut sessions = Vec::new();
            for m in now.iter().filter(|m| m.slug == slug) {
                match m.session {
                    None if events.is_empty() => events.push(ei),
                    None => {}
                    Some(si) if sessions.last() != Some(&(ei, si)) => sessions.push((ei, si)),
                    Some(_) => {}
                }
            }
            let entry = self.tags.entry(slug.to_string()).or_default();
            splice_refs(&mut entry.events, ei, |&e| e, &events);
            splice_refs(&mut entry.sessions, ei, |r| r.0, &sessions);
            // The first non-empty name, visiting events in order (an event's own tags
            // before its sessions'); usually found in the first event of the entry.
            if entry.events.is_empty() && entry.sessions.is_empty() {
                self.tags.remove(slug);
                continue;
            }
            let mut name = None;
            for e in in_order(&entry.events, &entry.sessions) {
                name = if e == ei {
                    first_name(&now, slug)
                } else {
                    first_name(&tag_mentions(&self.events[e]), slug)
                };
                if name.is_some() {
                    break;
                }
            }
            entry.name = name.unwrap_or_default().to_string();
        }
    }

    /// Brings the speaker entries that event `ei` (now replaced; `old` before)
    /// mentions or mentioned up to date.
    fn reindex_speakers(&mut self, ei: usize, old: &Event) {
        let before = speaker_mentions(old, &self.profiles);
        let now = speaker_mentions(&self.events[ei], &self.profiles);
        let slugs: BTreeSet<&str> = before.iter().chain(&now).map(|m| m.slug.as_str()).collect();
        for slug in slugs {
            let mut sessions: Vec<SessionRef> = Vec::new();
            for si in now
                .iter()
                .filter(|m| m.slug == slug)
                .filter_map(|m| m.session)
            {
                if sessions.last() != Some(&(ei, si)) {
                    sessions.push((ei, si));
                }
            }
            let entry = self.speakers.entry(slug.to_string()).or_default();
            splice_refs(&mut entry.sessions, ei, |r| r.0, &sessions);
            if entry.sessions.is_empty() && !self.profiles.by_slug.contains_key(slug) {
                self.speakers.remove(slug);
                continue;
            }
            let visit = || in_order(&[], &entry.sessions);
            let mentions_of = |e: usize| {
                if e == ei {
                    None
                } else {
                    Some(speaker_mentions(&self.events[e], &self.profiles))
                }
            };
            let mut name = None;
            for e in visit() {
                let theirs = mentions_of(e);
                name = first_name(theirs.as_deref().unwrap_or(&now), slug);
                if name.is_some() {
                    break;
                }
            }
            entry.name = profile_name(&self.profiles, slug, name.unwrap_or_default().to_string());
            // Affiliations are listed in order of first mention, so the list stays
            // the same when this event's own list does; otherwise it is gathered again
            // from every session of the speaker.
            if affiliations(&before, slug) != affiliations(&now, slug) {
                let mut all: Vec<String> = Vec::new();
                for e in visit() {
                    let theirs = mentions_of(e);
                    for a in affiliations(theirs.as_deref().unwrap_or(&now), slug) {
                        if !all.contains(a) {
                            all.push(a.clone());
                        }
                    }
                }
                entry.affiliations = all;
            }
        }
    }
}

/// The site's order: newest first, then by title, then by file.
fn order(a: &Event, b: &Event) -> Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.source.cmp(&b.source))
}

#[cfg(test)]
mod tests;
