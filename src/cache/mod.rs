//! What the last `plenary build` wrote for each event and each [`Unit`] (a tag's page,
//! a speaker's, the site-wide lists...), with a fingerprint of its inputs, so that a
//! rebuild renders only what changed; and ([`notes`]) the parses of the notes files.
//! Kept in `.plenary/` at the site root, one build cache per output folder; losing it
//! only costs one full render.

pub mod notes;

use crate::config::Config;
use crate::model::Event;
use crate::render::Renderer;
use crate::site::Site;
use crate::urls::Urls;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// Which plenary wrote a cache: its version, and its executable's size and time, so
/// that a new build of the same version (a developer's, a patched one) does not trust
/// what an older one parsed or wrote.
pub fn identity() -> &'static str {
    static IDENTITY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    IDENTITY.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        let stamp = exe.ok().map(|m| notes::Stamp::of(&m));
        format!("{} {stamp:?}", env!("CARGO_PKG_VERSION"))
    })
}

/// The files one event produced, and the fingerprint of everything they depend on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub key: u64,
    pub files: Vec<String>,
}

/// The cache of one output folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct BuildCache {
    version: String,
    /// Each event's own files, by the event's source path.
    pub events: BTreeMap<PathBuf, Entry>,
    /// The files of each tag, each speaker and the site as a whole, by [`Unit::name`].
    pub units: BTreeMap<String, Entry>,
    /// The theme's and the site's static files: read and compared on every build.
    pub static_files: Vec<String>,
}

/// A group of files that belong to no one event, rendered (or kept) together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit<'s> {
    /// A tag's page, by slug.
    Tag(&'s str),
    /// A tag's feed, by slug: unlike its page, it shows notes.
    TagFeed(&'s str),
    /// A speaker's page, by slug.
    Speaker(&'s str),
    /// Home pages, tag and speaker indexes, 404: lists without notes.
    Lists,
    /// The site feed, sitemap, robots.txt, search index and page.
    Site,
}

impl Unit<'_> {
    /// Every unit of a site.
    pub fn all(site: &Site) -> Vec<Unit<'_>> {
        let tags = site
            .tags
            .keys()
            .flat_map(|t| [Unit::Tag(t), Unit::TagFeed(t)]);
        let speakers = site.speakers.keys().map(|s| Unit::Speaker(s));
        tags.chain(speakers)
            .chain([Unit::Lists, Unit::Site])
            .collect()
    }

    /// The unit's name in the cache: `tag:rust`, `speaker:ada-lovelace`, `site`.
    pub fn name(&self) -> String {
        match self {
            Unit::Tag(slug) => format!("tag:{slug}"),
            Unit::TagFeed(slug) => format!("tag-feed:{slug}"),
            Unit::Speaker(slug) => format!("speaker:{slug}"),
            Unit::Lists => "lists".to_string(),
            Unit::Site => "site".to_string(),
        }
    }
}

impl BuildCache {
    /// Where the cache of `output` lives: named after the output folder's absolute
    /// path, so builds to different folders keep separate caches.
    pub fn path(root: &Path, output: &Path) -> PathBuf {
        let absolute = output
            .canonicalize()
            .unwrap_or_else(|_| output.to_path_buf());
        let mut h = DefaultHasher::new();
        absolute.hash(&mut h);
        root.join(".plenary")
            .join(format!("build-{:016x}.json", h.finish()))
    }

    /// The last build's cache; empty when there is none, it is unreadable, or it
    /// comes from another version of plenary.
    pub fn read(root: &Path, output: &Path) -> BuildCache {
        if !output.is_dir() {
            return BuildCache::default();
        }
        std::fs::read(Self::path(root, output))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<BuildCache>(&bytes).ok())
            .filter(|c| c.version == identity())
            .unwrap_or_default()
    }

    /// Forgets the cache before the output changes, so a build killed half-way
    /// can never leave a cache that vouches for files it did not write.
    pub fn forget(root: &Path, output: &Path) {
        let _ = std::fs::remove_file(Self::path(root, output));
    }

    /// Saves the cache after a successful write. A cache that cannot be saved only
    /// makes the next build render everything.
    pub fn save(self, root: &Path, output: &Path) {
        let path = Self::path(root, output);
        let cache = BuildCache {
            version: identity().to_string(),
            ..self
        };
        if let (Some(dir), Ok(json)) = (path.parent(), serde_json::to_vec(&cache)) {
            let absolute = output
                .canonicalize()
                .unwrap_or_else(|_| output.to_path_buf());
            let _ = std::fs::create_dir_all(dir)
                .and_then(|_| std::fs::write(&path, json))
                .and_then(|_| {
                    let named = path.with_extension("output");
                    std::fs::write(named, absolute.to_string_lossy().as_bytes())
                });
            prune(dir, &path);
        }
    }

    /// Every file the build that wrote this cache left in the output folder; `None`
    /// when there was no such build.
    pub fn all_files(&self) -> Option<Vec<String>> {
        (!self.version.is_empty()).then(|| {
            self.events
                .values()
                .chain(self.units.values())
                .flat_map(|e| e.files.iter().cloned())
                .chain(self.static_files.iter().cloned())
                .collect()
        })
    }

    /// The previous files of an event whose fingerprint is unchanged and whose files
    /// are all still in the output folder.
    pub fn reusable(&self, event: &Event, key: u64, output: &Path) -> Option<&Entry> {
        self.events
            .get(&event.source)
            .filter(|e| e.still_there(key, output))
    }

    /// The previous files of a unit, on the same terms as [`BuildCache::reusable`].
    pub fn reusable_unit(&self, unit: &Unit<'_>, key: u64, output: &Path) -> Option<&Entry> {
        self.units
            .get(&unit.name())
            .filter(|e| e.still_there(key, output))
    }
}

/// Removes the caches of output folders that are gone (a build into a temporary
/// folder, a renamed `--output-dir`), so `.plenary/` does not grow without end. Each
/// cache has a `.output` file beside it naming its folder. `own` is never removed.
fn prune(dir: &Path, own: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let named = entry.path();
        if named.extension().is_none_or(|e| e != "output") || named.with_extension("json") == own {
            continue;
        }
        let Ok(output) = std::fs::read_to_string(&named) else {
            continue;
        };
        if !Path::new(&output).is_dir() {
            let _ = std::fs::remove_file(named.with_extension("json"));
            let _ = std::fs::remove_file(&named);
        }
    }
}

impl Entry {
    /// The entry of files just rendered.
    pub fn new(key: u64, pages: &[crate::render::Page]) -> Entry {
        Entry {
            key,
            files: pages.iter().map(|p| p.path.clone()).collect(),
        }
    }

    fn still_there(&self, key: u64, output: &Path) -> bool {
        self.key == key && self.files.iter().all(|f| output.join(f).is_file())
    }
}

/// A fingerprint of what every page depends on: the configuration, the templates,
/// the options, the paths of the static files (one may take a page's place), and
/// plenary itself ([`identity`]).
pub fn site_key(config: &Config, templates: u64, statics: &[String], drafts: bool) -> u64 {
    let mut h = DefaultHasher::new();
    identity().hash(&mut h);
    statics.hash(&mut h);
    format!("{config:?}").hash(&mut h);
    templates.hash(&mut h);
    drafts.hash(&mut h);
    std::env::var("SOURCE_DATE_EPOCH").ok().hash(&mut h);
    h.finish()
}

/// A fingerprint of what one event's files depend on: the site, the event as parsed
/// (with its file's modification time), and the neighbouring events it links to.
pub fn event_key(site_key: u64, site: &Site, urls: &Urls, index: usize) -> u64 {
    let mut h = DefaultHasher::new();
    site_key.hash(&mut h);
    site.events[index].hash(&mut h);
    for neighbour in [index.checked_sub(1), index.checked_add(1)] {
        if let Some(e) = neighbour.and_then(|i| site.events.get(i)) {
            e.title.hash(&mut h);
            urls.event(e).hash(&mut h);
        }
    }
    h.finish()
}

/// A fingerprint of what lists show of one event: its summary and its sessions as
/// listed (the very views tag, speaker and home pages get), and who and what they are
/// filed under. Unlike [`event_key`], an edit to the notes alone leaves it as it was.
pub fn list_key(site_key: u64, r: &Renderer<'_>, index: usize) -> u64 {
    let event = &r.site.events[index];
    let viewer = r.viewer();
    let rel = viewer.event_rel(event);
    let mut w = HashWriter(DefaultHasher::new());
    site_key.hash(&mut w.0);
    // Writing into a hasher cannot fail.
    let _ = serde_json::to_writer(&mut w, &viewer.summary(index));
    for (si, session) in event.sessions.iter().enumerate() {
        let _ = serde_json::to_writer(&mut w, &viewer.brief((index, si), &rel));
        session.speakers.hash(&mut w.0);
        session.tags.hash(&mut w.0);
    }
    w.0.finish()
}

/// Feeds JSON into a hasher.
struct HashWriter(DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The fingerprints of every event: of everything its files depend on
/// ([`event_key`]) and of what lists show of it ([`list_key`]).
pub struct Keys {
    pub events: Vec<u64>,
    pub lists: Vec<u64>,
}

/// A fingerprint of what a unit's files depend on: the site, and the fingerprints of
/// the events it shows. A tag's page or a speaker's changes only with what lists show
/// of their events; a tag's feed with everything of its events; the site-wide lists
/// with what lists show of any event, the site feed and search with anything.
pub fn unit_key(site_key: u64, site: &Site, keys: &Keys, unit: &Unit<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    site_key.hash(&mut h);
    unit.name().hash(&mut h);
    match unit {
        Unit::Tag(slug) | Unit::TagFeed(slug) => {
            let by = if matches!(unit, Unit::Tag(_)) {
                &keys.lists
            } else {
                &keys.events
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
                    (keys.lists[ei], si).hash(&mut h);
                }
            }
        }
        Unit::Lists => keys.lists.hash(&mut h),
        Unit::Site => keys.events.hash(&mut h),
    }
    h.finish()
}
