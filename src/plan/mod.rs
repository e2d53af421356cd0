//! The output side as a plan: the site's files in units (an event's files, a tag's
//! page, a tag's feed, a speaker's page, the lists, the site-wide files), each with a
//! key over what it shows ([`keys`]). `build` keeps the files of a unit whose key is
//! the one stored in `.plenary/`; `serve` keeps those whose key is the one it held
//! last time. [`Plan::render`] is the one place that says which files a unit makes:
//! HTML from [`crate::render`], the rest from [`crate::publish`], side by side.

pub mod keys;

use crate::cards::{self, Cards};
use crate::error::{Error, Result};
use crate::model::Event;
use crate::page::Page;
use crate::publish::{atom, frab, ics, live, search, sitemap};
use crate::render::{Renderer, templates};
use crate::site::Site;
use crate::urls::Urls;
use std::collections::HashMap;
use std::path::Path;

/// A group of output files rendered, kept and replaced together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit<'s> {
    /// One event's files, by index: its page, its sessions' pages, its feed, its
    /// calendar, its frab schedules and its `live.json`.
    Event(usize),
    /// A tag's page, by slug.
    Tag(&'s str),
    /// A tag's feed, by slug: unlike its page, it shows notes.
    TagFeed(&'s str),
    /// A speaker's page, by slug.
    Speaker(&'s str),
    /// Home pages, tag and speaker indexes, 404: lists without notes.
    Lists,
    /// The site feed, sitemap, robots.txt and search page.
    Site,
    /// The search index (`search/*.json`): its own unit, so that it is built in
    /// parallel with the rest, and in `serve` after the edited event's own pages.
    Search,
}

impl Unit<'_> {
    /// The unit's name, stable across builds (events by source file):
    /// `event:content/a.md`, `tag:rust`, `speaker:ada-lovelace`, `site`.
    pub fn name(&self, site: &Site) -> String {
        match self {
            Unit::Event(i) => format!("event:{}", site.events[*i].source.display()),
            Unit::Tag(slug) => format!("tag:{slug}"),
            Unit::TagFeed(slug) => format!("tag-feed:{slug}"),
            Unit::Speaker(slug) => format!("speaker:{slug}"),
            Unit::Lists => "lists".to_string(),
            Unit::Site => "site".to_string(),
            Unit::Search => "search".to_string(),
        }
    }

    /// What the unit is, for a writer reading an error.
    pub fn describe(&self, site: &Site) -> String {
        let tag = |slug: &str| site.tags.get(slug).map(|t| t.name.clone());
        match *self {
            Unit::Event(i) => format!("the event of {}", site.events[i].source.display()),
            Unit::Tag(slug) => format!("the page of tag #{}", tag(slug).unwrap_or_default()),
            Unit::TagFeed(slug) => format!("the feed of tag #{}", tag(slug).unwrap_or_default()),
            Unit::Speaker(slug) => {
                let name = site.speakers.get(slug).map_or(slug, |s| s.name.as_str());
                format!("the page of speaker {name}")
            }
            Unit::Lists => "the home, tags, speakers or 404 page".to_string(),
            Unit::Site => "the site feed, sitemap, robots.txt or search page".to_string(),
            Unit::Search => format!("the search index (`{}`)", search::BUNDLE),
        }
    }
}

/// Every output path is claimed by one unit, once: two claims would silently lose a
/// page. `claims` are (unit, path) pairs; the error names both claimants, as
/// `describe` tells them.
pub fn check_claims<'p, U: Copy + PartialEq>(
    claims: impl IntoIterator<Item = (U, &'p str)>,
    describe: impl Fn(U) -> String,
) -> Result<()> {
    let mut by_path: HashMap<&str, U> = HashMap::new();
    for (unit, path) in claims {
        if let Some(first) = by_path.insert(path, unit) {
            let second = (first != unit).then(|| describe(unit));
            return Err(claimed_twice(path, &describe(first), second.as_deref()));
        }
    }
    Ok(())
}

/// The error of a path claimed twice: by the units `first` and `second`, or twice by
/// `first` when `second` is `None`.
pub fn claimed_twice(path: &str, first: &str, second: Option<&str>) -> Error {
    let who = match second {
        Some(second) => format!("{first} and {second} both write `{path}`"),
        None => format!("{first} writes `{path}` twice"),
    };
    Error::msg(format!(
        "{who}: give one of them another URL (the `urls` patterns in site.toml, or the event's `slug`)"
    ))
}

/// Every unit of a site: its events, then its tags, speakers, lists, site files and
/// search index.
pub fn units(site: &Site) -> Vec<Unit<'_>> {
    let events = (0..site.events.len()).map(Unit::Event);
    let tags = site
        .tags
        .keys()
        .flat_map(|t| [Unit::Tag(t), Unit::TagFeed(t)]);
    let speakers = site.speakers.keys().map(|s| Unit::Speaker(s));
    events
        .chain(tags)
        .chain(speakers)
        .chain([Unit::Lists, Unit::Site, Unit::Search])
        .collect()
}

/// A site's units with their keys, and what rendering them needs.
pub struct Plan<'a> {
    pub renderer: &'a Renderer<'a>,
    /// The site root, where template errors are located.
    pub root: &'a Path,
    pub units: Vec<Unit<'a>>,
    /// Each unit's key, by index into `units`.
    pub keys: Vec<u64>,
    /// Draws the social cards, with the site's `.plenary/cards/` cache.
    pub cards: Cards,
}

impl<'a> Plan<'a> {
    /// The plan of the renderer's site; `prints` are its events' fingerprints (see
    /// [`keys::EventPrints`]), by index.
    pub fn new(
        renderer: &'a Renderer<'a>,
        root: &'a Path,
        site_key: u64,
        prints: &[keys::EventPrints],
    ) -> Plan<'a> {
        let site = renderer.site;
        let units = units(site);
        let viewer = renderer.viewer();
        let now: Vec<_> = (0..site.events.len()).map(|i| viewer.now_mark(i)).collect();
        let event_keys = keys::Keys::new(site_key, site, renderer.urls, prints, &now);
        let keys = units
            .iter()
            .map(|u| event_keys.key(site_key, site, u))
            .collect();
        Plan {
            renderer,
            root,
            units,
            keys,
            cards: Cards::for_site(root),
        }
    }

    /// The name of unit `i` (see [`Unit::name`]).
    pub fn name(&self, i: usize) -> String {
        self.units[i].name(self.renderer.site)
    }

    /// The files of unit `i`. A template error names its line even when Tera gives
    /// none (see [`templates::locate`]).
    pub fn render(&self, i: usize) -> Result<Vec<Page>> {
        render(self.renderer, &self.units[i], &self.cards)
            .map_err(|e| templates::locate(self.root, e))
    }

    /// [`Plan::render`], but the search index, the one unit that takes long on a big
    /// site, gives up when `stop` says so (`None`): `serve` builds it again later.
    pub fn render_unless(&self, i: usize, stop: &search::Stop<'_>) -> Result<Option<Vec<Page>>> {
        match self.units[i] {
            Unit::Search => Ok(search::bundle_unless(&self.renderer.viewer(), stop)),
            _ => self.render(i).map(Some),
        }
    }
}

/// The files of one unit: this is where a new output joins the unit it belongs to.
fn render(r: &Renderer<'_>, unit: &Unit<'_>, cards: &Cards) -> Result<Vec<Page>> {
    let v = &r.viewer();
    Ok(match *unit {
        Unit::Event(i) => {
            // One view serves the pages, the feed and the calendar: each session's
            // notes render once.
            let view = v.event(i);
            let mut pages = r.event_pages(i, &view)?;
            pages.extend(atom::event_feed(v, i, &view));
            pages.push(ics::event_calendar(v, i, &view));
            pages.extend(frab::event_schedule(v, i, &view));
            pages.push(live::event_state(v, i)?);
            pages.extend(cards::event_cards(r.tera, v, i, &view, cards)?);
            pages
        }
        Unit::Tag(slug) => vec![r.tag_page(slug)?],
        Unit::TagFeed(slug) => atom::tag_feed(v, slug).into_iter().flatten().collect(),
        Unit::Speaker(slug) => vec![r.speaker_page(slug)?],
        Unit::Lists => r.lists()?,
        Unit::Site => {
            let mut pages = Vec::from(atom::site_feed(v));
            pages.extend([sitemap::sitemap(v), sitemap::robots(v), r.search_page()?]);
            pages
        }
        Unit::Search => search::bundle(v)?,
    })
}

/// Every event needs a date for a dated URL, and no two events may share a URL.
pub fn check_urls(urls: &Urls, events: &[Event]) -> Result<()> {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    for event in events {
        let Some(rel) = urls.event(event) else {
            return Err(Error::at_line(
                &event.source,
                1,
                "this event has no date: add `date = 2025-05-07` to its front matter (between `+++` lines) or start the file name with the date",
            ));
        };
        if let Some(other) = seen.insert(rel.clone(), &event.source) {
            return Err(Error::at(
                &event.source,
                format!(
                    "this event and {} both have the URL /{rel}: give one of them another `slug` in its front matter",
                    other.display()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_claims;

    #[test]
    fn every_path_is_claimed_once() {
        let describe = |u: char| format!("unit {u}");
        type Claims<'a> = &'a [(char, &'a str)];
        let cases: [(Claims, Option<&str>); 4] = [
            (&[], None),
            (&[('a', "index.html"), ('b', "tags/index.html")], None),
            (
                &[('a', "x/index.html"), ('b', "x/index.html")],
                Some("unit a and unit b both write `x/index.html`"),
            ),
            (
                &[('a', "index.html"), ('b', "y"), ('a', "index.html")],
                Some("unit a writes `index.html` twice"),
            ),
        ];
        for (claims, want) in cases {
            let got = check_claims(claims.iter().copied(), describe).err();
            match (got, want) {
                (None, None) => {}
                (Some(err), Some(want)) => assert!(err.to_string().starts_with(want), "{err}"),
                (got, want) => panic!("{claims:?}: got {got:?}, want {want:?}"),
            }
        }
    }
}
