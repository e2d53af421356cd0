//! Parsed notes kept between builds in `.plenary/notes.json`, so that a rebuild parses
//! only the files saved since. A file is taken from the cache only when its size,
//! modification time, change time and inode are all what they were; anything else,
//! or a cache from another version of plenary, means parsing it again.

use crate::notes::Parsed;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// What identifies one saved version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified: i128,
    changed: i128,
    inode: u64,
}

impl Stamp {
    /// The stamp of a file from its metadata.
    pub fn of(meta: &Metadata) -> Stamp {
        let nanos = |t: std::io::Result<std::time::SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (changed, inode) = (0, 0);
        Stamp {
            len: meta.len(),
            modified: nanos(meta.modified()),
            changed,
            inode,
        }
    }
}

/// One file's parse, as stored.
#[derive(Serialize, Deserialize)]
pub struct StoredFile {
    pub path: PathBuf,
    pub stamp: Stamp,
    /// The [`Parsed`] as JSON, read only when the file is unchanged.
    pub parsed: Box<RawValue>,
}

impl StoredFile {
    /// A file's parse, ready to store.
    pub fn new(path: &Path, stamp: Stamp, parsed: &Parsed) -> Option<StoredFile> {
        let json = serde_json::to_string(parsed).ok()?;
        Some(StoredFile {
            path: path.to_path_buf(),
            stamp,
            parsed: RawValue::from_string(json).ok()?,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: String,
    files: Vec<StoredFile>,
}

/// The parses of the last build, by path relative to the site root.
#[derive(Default)]
pub struct NotesCache {
    files: HashMap<PathBuf, StoredFile>,
}

fn path(root: &Path) -> PathBuf {
    root.join(".plenary").join("notes.json")
}

impl NotesCache {
    /// The stored parses; none when there are none, they are unreadable, or they come
    /// from another version of plenary.
    pub fn read(root: &Path) -> NotesCache {
        let stored = std::fs::read(path(root))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Stored>(&bytes).ok())
            .filter(|s| s.version == crate::cache::identity());
        NotesCache {
            files: stored
                .map(|s| s.files.into_iter().map(|f| (f.path.clone(), f)).collect())
                .unwrap_or_default(),
        }
    }

    /// Takes the stored file at `path` out of the cache.
    pub fn take(&mut self, path: &Path) -> Option<StoredFile> {
        self.files.remove(path)
    }

    /// Whether files are left that were not taken: files deleted since.
    pub fn has_leftovers(&self) -> bool {
        !self.files.is_empty()
    }
}

impl StoredFile {
    /// The stored parse, when `stamp` says the file is unchanged and it reads back.
    pub fn parsed_if(&self, stamp: Stamp) -> Option<Parsed> {
        (self.stamp == stamp)
            .then(|| serde_json::from_str(self.parsed.get()).ok())
            .flatten()
    }
}

/// Writes the parses of a build, replacing the file whole (a reader never sees half
/// of it). Failing to save only costs the next build its parsing.
pub fn save(root: &Path, files: Vec<StoredFile>) {
    let stored = Stored {
        version: crate::cache::identity().to_string(),
        files,
    };
    let target = path(root);
    let Ok(json) = serde_json::to_vec(&stored) else {
        return;
    };
    let Some(dir) = target.parent() else {
        return;
    };
    let tmp = dir.join(format!(".notes.json.tmp-{}", std::process::id()));
    let saved = std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::write(&tmp, json))
        .and_then(|_| std::fs::rename(&tmp, &target));
    if saved.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(title: &str) -> Parsed {
        let text = format!("# {title}\n\n09:00 Opening\nAda Lovelace\n");
        crate::notes::parse(Path::new("content/2025-05-07-day.md"), &text).unwrap()
    }

    fn stamp_of(path: &Path) -> Stamp {
        Stamp::of(&std::fs::metadata(path).unwrap())
    }

    #[test]
    fn a_files_stamp_is_its_size_inode_and_times() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.md");
        std::fs::write(&file, "12345").unwrap();
        let stamp = stamp_of(&file);
        assert_eq!(stamp.len, 5);
        assert!(stamp.modified > 0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            assert_eq!(stamp.inode, std::fs::metadata(&file).unwrap().ino());
            // A file just written changed when it was modified, to the nanosecond.
            assert_eq!(stamp.changed, stamp.modified);
        }
        assert_eq!(stamp, stamp_of(&file));
        // The same size written again is another version.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&file, "54321").unwrap();
        assert_ne!(stamp, stamp_of(&file));
    }

    #[test]
    fn a_stored_parse_is_used_only_for_the_same_version_of_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let file = root.join("notes.md");
        std::fs::write(&file, "x").unwrap();
        let stamp = stamp_of(&file);
        let rel = Path::new("content/2025-05-07-day.md");
        let other = Path::new("content/2025-05-08-next.md");
        save(
            root,
            vec![
                StoredFile::new(rel, stamp, &parsed("Stored day")).unwrap(),
                StoredFile::new(other, stamp, &parsed("Next")).unwrap(),
            ],
        );
        let mut cache = NotesCache::read(root);
        assert!(cache.has_leftovers());
        let stored = cache.take(rel).unwrap();
        assert_eq!(stored.path, rel);
        assert_eq!(stored.parsed_if(stamp).unwrap().event.title, "Stored day");
        let newer = Stamp { len: 2, ..stamp };
        assert!(stored.parsed_if(newer).is_none());
        assert!(cache.take(rel).is_none());
        assert!(cache.has_leftovers());
        assert!(cache.take(other).is_some());
        assert!(!cache.has_leftovers());
    }

    #[test]
    fn parses_stored_by_another_plenary_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let stamp = Stamp {
            len: 1,
            modified: 2,
            changed: 3,
            inode: 4,
        };
        let rel = Path::new("content/a.md");
        save(
            root,
            vec![StoredFile::new(rel, stamp, &parsed("A")).unwrap()],
        );
        let stored = root.join(".plenary/notes.json");
        let text = std::fs::read_to_string(&stored).unwrap();
        assert!(NotesCache::read(root).take(rel).is_some());
        std::fs::write(
            &stored,
            text.replace(crate::cache::identity(), "0.0.1 None"),
        )
        .unwrap();
        assert!(NotesCache::read(root).take(rel).is_none());
        assert!(!NotesCache::read(root).has_leftovers());
    }
}
