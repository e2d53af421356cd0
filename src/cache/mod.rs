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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: u64, files: &[&str], cards: &[&str]) -> Entry {
        Entry {
            key,
            files: files.iter().map(|f| f.to_string()).collect(),
            cards: cards.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn cache_of(units: &[(&str, Entry)]) -> BuildCache {
        BuildCache {
            units: units
                .iter()
                .map(|(n, e)| (n.to_string(), e.clone()))
                .collect(),
            ..BuildCache::default()
        }
    }

    /// A site root with an output folder holding `files`.
    fn site(files: &[&str]) -> (tempfile::TempDir, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        for f in files {
            let path = out.join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, f).unwrap();
        }
        (root, out)
    }

    #[test]
    fn a_cache_names_the_plenary_that_wrote_it() {
        let id = identity();
        assert!(id.starts_with(env!("CARGO_PKG_VERSION")), "{id}");
        // The executable's stamp: another build of the same version is told apart.
        assert!(id.contains("Some(Stamp"), "{id}");
    }

    #[test]
    fn only_sixteen_hex_digits_name_a_content_entry() {
        for (name, is_key) in [
            ("0123456789abcdef", true),
            ("0123456789ABCDEF", true),
            ("0123456789abcde", false),
            ("0123456789abcdef0", false),
            ("0123456789abcdeg", false),
            ("build-0123456789", false),
            ("", false),
        ] {
            assert_eq!(is_content_key(name), is_key, "{name:?}");
        }
    }

    #[test]
    fn a_saved_cache_reads_back_for_its_output_folder_only() {
        let (root, out) = site(&["index.html"]);
        let root = root.path();
        cache_of(&[("event:a", entry(7, &["index.html"], &["c1"]))]).save(root, &out);
        let read = BuildCache::read(root, &out);
        assert_eq!(read.units["event:a"].key, 7);
        assert_eq!(read.units["event:a"].cards, ["c1"]);
        // Each output folder has its own cache, named after it, beside a file naming
        // the folder.
        let path = BuildCache::path(root, &out);
        assert!(
            path.starts_with(root.join(".plenary")),
            "{}",
            path.display()
        );
        let other = root.join("elsewhere");
        std::fs::create_dir_all(&other).unwrap();
        assert_ne!(path, BuildCache::path(root, &other));
        assert!(BuildCache::read(root, &other).units.is_empty());
        let named = std::fs::read_to_string(path.with_extension("output")).unwrap();
        assert_eq!(Path::new(&named), out.canonicalize().unwrap());
        // No output folder, no cache: its files are not there to be kept.
        std::fs::remove_dir_all(&out).unwrap();
        assert!(BuildCache::read(root, &out).units.is_empty());
    }

    #[test]
    fn a_cache_of_another_plenary_or_a_forgotten_one_is_not_trusted() {
        let (root, out) = site(&["index.html"]);
        let root = root.path();
        cache_of(&[("event:a", entry(7, &["index.html"], &[]))]).save(root, &out);
        let path = BuildCache::path(root, &out);
        let text = std::fs::read_to_string(&path).unwrap();
        let older = text.replace(identity(), "0.0.1 None");
        assert_ne!(older, text);
        std::fs::write(&path, older).unwrap();
        assert!(BuildCache::read(root, &out).units.is_empty());

        cache_of(&[("event:a", entry(7, &["index.html"], &[]))]).save(root, &out);
        assert!(!BuildCache::read(root, &out).units.is_empty());
        BuildCache::forget(root, &out);
        assert!(!path.exists());
        assert!(BuildCache::read(root, &out).units.is_empty());
    }

    #[test]
    fn saving_removes_the_caches_of_output_folders_that_are_gone() {
        let (root, out) = site(&["index.html"]);
        let root = root.path();
        let gone = root.join("tmp-build");
        let kept = root.join("preview");
        for dir in [&gone, &kept] {
            std::fs::create_dir_all(dir).unwrap();
            cache_of(&[]).save(root, dir);
        }
        let (gone_cache, kept_cache) =
            (BuildCache::path(root, &gone), BuildCache::path(root, &kept));
        std::fs::remove_dir_all(&gone).unwrap();
        cache_of(&[]).save(root, &out);
        assert!(!gone_cache.exists());
        assert!(!gone_cache.with_extension("output").exists());
        assert!(kept_cache.exists() && kept_cache.with_extension("output").exists());
        // The cache being saved stays, even when its own folder is not there.
        std::fs::remove_dir_all(&out).unwrap();
        cache_of(&[]).save(root, &out);
        assert!(BuildCache::path(root, &out).exists());
    }

    #[test]
    fn cards_in_use_are_this_caches_and_every_other_output_folders() {
        let (root, _out) = site(&[]);
        let root = root.path();
        let preview = root.join("preview");
        std::fs::create_dir_all(&preview).unwrap();
        cache_of(&[("event:b", entry(1, &[], &["other"]))]).save(root, &preview);
        std::fs::write(
            root.join(".plenary/notes.json"),
            r#"{"units":{"x":{"cards":["notes"]}}}"#,
        )
        .unwrap();
        let this = cache_of(&[
            ("event:a", entry(1, &[], &["mine"])),
            ("tag:x", entry(2, &[], &[])),
        ]);
        // Without a card cache, only this cache's cards: nothing else is read.
        let mine: Vec<String> = vec!["mine".into()];
        assert_eq!(
            this.cards_in_use(root).into_iter().collect::<Vec<_>>(),
            mine
        );
        std::fs::create_dir_all(root.join(".plenary/cards")).unwrap();
        let mut all: Vec<String> = this.cards_in_use(root).into_iter().collect();
        all.sort();
        assert_eq!(all, ["mine", "other"]);
    }

    #[test]
    fn a_unit_is_reused_only_with_its_key_and_every_file_still_a_file() {
        let (_root, out) = site(&["a/index.html", "a/atom.xml"]);
        let cache = cache_of(&[("event:a", entry(7, &["a/index.html", "a/atom.xml"], &[]))]);
        assert!(cache.reusable("event:a", 7, &out).is_some());
        assert!(cache.reusable("event:a", 8, &out).is_none());
        assert!(cache.reusable("event:b", 7, &out).is_none());
        std::fs::remove_file(out.join("a/atom.xml")).unwrap();
        assert!(cache.reusable("event:a", 7, &out).is_none());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(out.join("a/index.html"), out.join("a/atom.xml")).unwrap();
            assert!(cache.reusable("event:a", 7, &out).is_none());
        }
    }
}
