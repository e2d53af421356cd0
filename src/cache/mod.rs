//! What the last `plenary build` wrote for each unit of the plan ([`crate::plan`]:
//! an event's files, a tag's page, the site-wide lists...), with its key, so that a
//! rebuild renders only what changed; and ([`notes`]) the parses of the notes files.
//! Kept in `.plenary/` at the site root, one build cache per output folder; losing it
//! only costs one full render.

pub mod notes;

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

/// Whether `name` is a content key as the photo and card caches in `.plenary/` name
/// their entries (`{key:016x}`): only such entries are ever removed from them.
pub fn is_content_key(name: &str) -> bool {
    name.len() == 16 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The files one unit made, and its key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub key: u64,
    pub files: Vec<String>,
    /// The entries of `.plenary/cards/` its social cards were drawn from: a kept
    /// unit's cards are in use too, so a build never tidies them away.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cards: Vec<String>,
}

/// The cache of one output folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct BuildCache {
    version: String,
    /// The files of each unit of the plan, by [`crate::plan::Unit::name`].
    pub units: BTreeMap<String, Entry>,
    /// The theme's and the site's static files: read and compared on every build.
    pub static_files: Vec<String>,
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

    /// The card cache entries every unit of this cache uses, and those of the other
    /// output folders' caches beside it (a build under another `--base-url` may draw
    /// other cards).
    pub fn cards_in_use(&self, root: &Path) -> std::collections::HashSet<String> {
        #[derive(Deserialize)]
        struct Cards {
            #[serde(default)]
            units: BTreeMap<String, CardsOf>,
        }
        #[derive(Deserialize)]
        struct CardsOf {
            #[serde(default)]
            cards: Vec<String>,
        }
        let mut keep: std::collections::HashSet<String> = self
            .units
            .values()
            .flat_map(|e| e.cards.iter().cloned())
            .collect();
        // Without a card cache there is nothing to keep: no other cache is read.
        if !root.join(".plenary").join("cards").is_dir() {
            return keep;
        }
        let Ok(entries) = std::fs::read_dir(root.join(".plenary")) else {
            return keep;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with("build-") && name.ends_with(".json")) {
                continue;
            }
            let other = std::fs::read(entry.path())
                .ok()
                .and_then(|bytes| serde_json::from_slice::<Cards>(&bytes).ok());
            for unit in other.into_iter().flat_map(|c| c.units.into_values()) {
                keep.extend(unit.cards);
            }
        }
        keep
    }

    /// The previous files of the unit named `name`, when its key is unchanged and
    /// its files are all still in the output folder.
    pub fn reusable(&self, name: &str, key: u64, output: &Path) -> Option<&Entry> {
        self.units.get(name).filter(|e| e.still_there(key, output))
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
    pub fn new(key: u64, pages: &[crate::page::Page]) -> Entry {
        Entry {
            key,
            files: pages.iter().map(|p| p.path.clone()).collect(),
            cards: Vec::new(),
        }
    }

    fn still_there(&self, key: u64, output: &Path) -> bool {
        // A regular file, not a link put in its place: kept files are not looked at again.
        self.key == key
            && self.files.iter().all(|f| {
                std::fs::symlink_metadata(output.join(f)).is_ok_and(|m| m.file_type().is_file())
            })
    }
}
