//! What the last `plenary build` wrote for each event, so that a rebuild renders only
//! the events whose inputs changed. Kept in `.plenary/` at the site root, one file per
//! output folder; losing it only costs one full render.

use crate::config::Config;
use crate::model::Event;
use crate::site::Site;
use crate::urls::Urls;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// The files one event produced, and the fingerprint of everything they depend on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub key: u64,
    pub files: Vec<String>,
}

/// The cache of one output folder: by event source path.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct BuildCache {
    version: String,
    pub events: BTreeMap<PathBuf, Entry>,
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
            .filter(|c| c.version == env!("CARGO_PKG_VERSION"))
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
            version: env!("CARGO_PKG_VERSION").to_string(),
            ..self
        };
        if let (Some(dir), Ok(json)) = (path.parent(), serde_json::to_vec(&cache)) {
            let _ = std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&path, json));
        }
    }

    /// The previous files of an event whose fingerprint is unchanged and whose files
    /// are all still in the output folder.
    pub fn reusable(&self, event: &Event, key: u64, output: &Path) -> Option<&Entry> {
        self.events
            .get(&event.source)
            .filter(|e| e.key == key && e.files.iter().all(|f| output.join(f).is_file()))
    }
}

/// A fingerprint of what every page depends on: the configuration, the templates,
/// the options and the version of plenary.
pub fn site_key(config: &Config, templates: u64, drafts: bool) -> u64 {
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
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
