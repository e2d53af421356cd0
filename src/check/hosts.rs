//! The published limits of common static hosts, and which of them a built site
//! passes: `plenary build` warns before an upload fails. Sources in docs/hosting.md.

use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What a built output folder holds, as hosts count it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Footprint {
    pub files: u64,
    pub bytes: u64,
    /// The largest file: its size and path (relative to the output).
    pub largest: (u64, String),
    /// The folder with the most entries (files and folders): its count and path.
    pub fullest_folder: (u64, String),
}

impl Footprint {
    /// Measures `out`, leaving out plenary's own bookkeeping (`.plenary-*`).
    pub fn of(out: &Path) -> Footprint {
        Footprint::of_folder(out, String::new())
    }

    /// The footprint of the folder `rel` of the output (`dir`): its subfolders are
    /// measured in parallel, since a build waits for this at its end.
    fn of_folder(dir: &Path, rel: String) -> Footprint {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Footprint::default();
        };
        let mut f = Footprint::default();
        let mut entries_here = 0;
        let mut folders = Vec::new();
        let entries = entries.filter_map(Result::ok);
        let entries = entries.filter(|e| !e.file_name().to_string_lossy().starts_with(".plenary"));
        for entry in entries {
            entries_here += 1;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = match rel.is_empty() {
                true => name,
                false => format!("{rel}/{name}"),
            };
            // Symbolic links are counted where they stand, not followed.
            match entry.file_type() {
                Ok(t) if t.is_dir() => folders.push((entry.path(), path)),
                Ok(t) if t.is_file() => {
                    let size = entry.metadata().map_or(0, |m| m.len());
                    f.add_file(size, path);
                }
                _ => {}
            }
        }
        f.fullest_folder = (entries_here, rel);
        folders
            .into_par_iter()
            .map(|(dir, rel)| Footprint::of_folder(&dir, rel))
            .collect::<Vec<_>>()
            .into_iter()
            .fold(f, Footprint::merge)
    }

    /// The footprint of an output folder that holds just `files` (each path relative
    /// to it, with its size): what [`Footprint::of`] would measure there, from what a
    /// build wrote.
    pub fn of_files<'a>(files: impl IntoIterator<Item = (&'a str, u64)>) -> Footprint {
        let mut f = Footprint::default();
        // Each folder's entries, by their paths.
        let mut entries: HashMap<&str, HashSet<&str>> = HashMap::new();
        for (path, size) in files {
            f.add_file(size, path.to_string());
            let mut entry = path;
            loop {
                let folder = entry.rsplit_once('/').map_or("", |(folder, _)| folder);
                // A folder already counted has its own folders counted too.
                if !entries.entry(folder).or_default().insert(entry) || folder.is_empty() {
                    break;
                }
                entry = folder;
            }
        }
        let folders = entries
            .into_iter()
            .map(|(folder, e)| (e.len() as u64, folder.to_string()));
        f.fullest_folder = folders.fold((0, String::new()), larger);
        f
    }

    fn add_file(&mut self, size: u64, path: String) {
        self.files += 1;
        self.bytes += size;
        self.largest = larger(std::mem::take(&mut self.largest), (size, path));
    }

    /// Both footprints as one: the larger largest file and fuller folder (the first
    /// path in order, of equals).
    fn merge(self, other: Footprint) -> Footprint {
        Footprint {
            files: self.files + other.files,
            bytes: self.bytes + other.bytes,
            largest: larger(self.largest, other.largest),
            fullest_folder: larger(self.fullest_folder, other.fullest_folder),
        }
    }
}

/// The larger of two files (size, path) or the fuller of two folders (entries, path):
/// the first path in order, of equals.
fn larger(a: (u64, String), b: (u64, String)) -> (u64, String) {
    match (b.0, &a.1).cmp(&(a.0, &b.1)) {
        std::cmp::Ordering::Greater => b,
        _ => a,
    }
}

/// One host's limits; `None` where it states none.
struct Host {
    name: &'static str,
    max_files: Option<u64>,
    max_bytes: Option<u64>,
    max_file_bytes: Option<u64>,
    max_per_folder: Option<u64>,
}

const MIB: u64 = 1024 * 1024;
const GB: u64 = 1000 * 1000 * 1000;

/// As published by each host (docs/hosting.md, "Host limits", has the sources).
const HOSTS: &[Host] = &[
    Host {
        name: "GitHub Pages",
        max_files: None,
        max_bytes: Some(GB),
        max_file_bytes: Some(100 * MIB),
        max_per_folder: None,
    },
    Host {
        name: "Cloudflare Pages (Free plan)",
        max_files: Some(20_000),
        max_bytes: None,
        max_file_bytes: Some(25 * MIB),
        max_per_folder: None,
    },
    Host {
        name: "Netlify",
        max_files: None,
        max_bytes: None,
        max_file_bytes: None,
        max_per_folder: Some(54_000),
    },
    Host {
        name: "GitLab Pages (GitLab.com)",
        max_files: Some(200_000),
        max_bytes: Some(GB),
        max_file_bytes: None,
        max_per_folder: None,
    },
];

/// A warning per host whose limits the site passes.
pub fn warnings(f: &Footprint) -> Vec<String> {
    let mut out = Vec::new();
    for h in HOSTS {
        let mut over = Vec::new();
        if let Some(max) = h.max_files.filter(|&m| f.files > m) {
            over.push(format!("{} files (its limit: {max})", f.files));
        }
        if let Some(max) = h.max_bytes.filter(|&m| f.bytes > m) {
            over.push(format!(
                "{} in all (its limit: {})",
                size(f.bytes),
                size(max)
            ));
        }
        if let Some(max) = h.max_file_bytes.filter(|&m| f.largest.0 > m) {
            over.push(format!(
                "{} of {} (its limit per file: {})",
                f.largest.1,
                size(f.largest.0),
                size(max)
            ));
        }
        if let Some(max) = h.max_per_folder.filter(|&m| f.fullest_folder.0 > m) {
            let folder = if f.fullest_folder.1.is_empty() {
                "the top folder"
            } else {
                f.fullest_folder.1.as_str()
            };
            over.push(format!(
                "{} entries in {folder} (its limit per folder: {max})",
                f.fullest_folder.0
            ));
        }
        if !over.is_empty() {
            out.push(format!(
                "the site is too big for {}: {}; see docs/hosting.md (session_pages = false in site.toml writes far fewer files)",
                h.name,
                over.join(", ")
            ));
        }
    }
    out
}

fn size(bytes: u64) -> String {
    if bytes >= GB {
        format!("{:.1} GB", bytes as f64 / GB as f64)
    } else {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_within_every_limit_passes_and_each_limit_is_named() {
        let small = Footprint {
            files: 12_000,
            bytes: 300 * MIB,
            largest: (2 * MIB, "a.png".into()),
            fullest_folder: (600, "2025".into()),
        };
        assert!(warnings(&small).is_empty());
        let many = Footprint {
            files: 25_000,
            ..small.clone()
        };
        let w = warnings(&many);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("the site is too big for Cloudflare Pages (Free plan): 25000 files (its limit: 20000)"), "{w:?}");
        let big = Footprint {
            bytes: 2 * GB,
            largest: (30 * MIB, "talk.mp4".into()),
            ..small.clone()
        };
        let w = warnings(&big);
        assert!(w[0].contains("GitHub Pages: 2.0 GB in all"), "{w:?}");
        assert!(
            w[1].contains("talk.mp4 of 30.0 MiB (its limit per file: 25.0 MiB)"),
            "{w:?}"
        );
        let wide = Footprint {
            fullest_folder: (60_000, String::new()),
            ..small
        };
        assert!(warnings(&wide)[0].contains("Netlify: 60000 entries in the top folder"));
    }

    #[test]
    fn measures_an_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        std::fs::write(dir.path().join("a/b/index.html"), "12345").unwrap();
        std::fs::write(dir.path().join("a/x.css"), "12").unwrap();
        std::fs::write(dir.path().join(".plenary-manifest"), "ignored").unwrap();
        let f = Footprint::of(dir.path());
        assert_eq!((f.files, f.bytes), (2, 7));
        assert_eq!(f.largest, (5, "a/b/index.html".to_string()));
        assert_eq!(f.fullest_folder, (2, "a".to_string()));
    }

    #[test]
    fn of_equals_the_first_path_is_named_whichever_folder_is_measured_first() {
        let dir = tempfile::tempdir().unwrap();
        for folder in ["z/deep", "b", "a"] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            for file in ["2.html", "1.html"] {
                std::fs::write(dir.path().join(folder).join(file), "same").unwrap();
            }
        }
        let f = Footprint::of(dir.path());
        assert_eq!((f.files, f.bytes), (6, 24));
        assert_eq!(f.largest, (4, "a/1.html".to_string()));
        assert_eq!(f.fullest_folder, (3, String::new()));
        for file in ["z/deep/3.html", "z/deep/4.html", "b/3.html", "b/4.html"] {
            std::fs::write(dir.path().join(file), "").unwrap();
        }
        assert_eq!(
            Footprint::of(dir.path()).fullest_folder,
            (4, "b".to_string())
        );
    }
}
