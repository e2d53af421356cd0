//! Loading a site's content: every notes file under `content/`, parsed in parallel.

use crate::cache::notes::{NotesCache, Stamp, StoredFile};
use crate::encoding;
use crate::error::{Error, Result, Warning};
use crate::model::Event;
use crate::notes;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// The events of a site and the warnings met while reading them.
#[derive(Debug)]
pub struct Loaded {
    pub events: Vec<Event>,
    pub warnings: Vec<Warning>,
    /// The notes files of the drafts left out: a build keeps their processed photos.
    pub drafts: Vec<PathBuf>,
}

/// Whether a file under `content/` is an event's notes (not hidden, not an editor's
/// swap or backup file).
pub fn is_notes_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let ext_ok = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "txt" | "markdown")
    );
    ext_ok && !name.starts_with('.') && !name.starts_with('#') && !name.ends_with('~')
}

/// The notes files under `dir`, sorted, as paths relative to `root`.
pub fn notes_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    if !dir.exists() {
        return Ok(files);
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker.into_iter().filter_entry(|e| {
        e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
    }) {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.to_path_buf());
            let dangling = e.io_error().map(std::io::Error::kind)
                == Some(std::io::ErrorKind::NotFound)
                && path.symlink_metadata().is_ok_and(|m| m.is_symlink());
            let what = if e.loop_ancestor().is_some() {
                "a symbolic link loop: remove the link that points back to its own folder"
                    .to_string()
            } else if dangling {
                let target = std::fs::read_link(&path).unwrap_or_default();
                format!(
                    "a symbolic link to a missing file ({}): fix or remove the link",
                    target.display()
                )
            } else {
                e.to_string()
            };
            Error::at(relative(root, &path), what)
        })?;
        if entry.file_type().is_file() && is_notes_file(entry.path()) {
            let rel = relative(root, entry.path());
            // `content/speakers/` holds the speakers' profiles, not events.
            if !crate::profiles::is_profile_path(&rel) {
                files.push(rel);
            }
        }
    }
    Ok(files)
}

/// `path` relative to `root` when it is below it.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The largest notes file plenary reads: far above a day of typing (a day of dense
/// notes is well under 1 MiB), low enough that a stray big file cannot exhaust memory.
pub const MAX_NOTES_BYTES: u64 = 8 << 20;

/// The largest schedule file `plenary new --schedule` reads.
pub const MAX_SCHEDULE_BYTES: u64 = 64 << 20;

/// Reads a regular file of at most `limit` bytes; `shown` names it in errors. A FIFO,
/// a device or a folder is refused before anything is read, so that nothing can make
/// plenary wait forever or read without end.
pub fn read_file(path: &Path, shown: &Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let not_regular = || {
        Error::at(
            shown,
            "is not a regular file (a folder, a pipe or a device): give the path of a text file",
        )
    };
    // Looked at before opening: opening a pipe waits for a writer.
    if !std::fs::metadata(path)
        .map_err(|e| Error::io(shown, e))?
        .is_file()
    {
        return Err(not_regular());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Never wait on open, should a pipe take the file's place in between.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| Error::io(shown, e))?;
    let meta = file.metadata().map_err(|e| Error::io(shown, e))?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let too_big = || {
        Error::at(
            shown,
            format!(
                "is larger than plenary reads ({} MiB at most): split it into smaller files",
                limit >> 20
            ),
        )
    };
    if meta.len() > limit {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(shown, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Reads and parses one notes file (`rel` is relative to `root`).
pub fn load_event(root: &Path, rel: &Path) -> Result<notes::Parsed> {
    let path = root.join(rel);
    let bytes = read_file(&path, rel, MAX_NOTES_BYTES)?;
    let decoded = encoding::decode(rel, bytes)?;
    let mut parsed = notes::parse(rel, &decoded.text)?;
    parsed.warnings.splice(0..0, decoded.warning);
    parsed.event.modified = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok());
    Ok(parsed)
}

/// Loads every event under `root/content`. Drafts are left out unless `drafts`.
pub fn load_content(root: &Path, drafts: bool) -> Result<Loaded> {
    let files = notes_files(root, &root.join("content"))?;
    let parsed: Vec<notes::Parsed> = files
        .par_iter()
        .map(|rel| load_event(root, rel))
        .collect::<Result<_>>()?;
    let mut events = Vec::with_capacity(parsed.len());
    let mut warnings = Vec::new();
    let mut left_out = Vec::new();
    for p in parsed {
        warnings.extend(p.warnings);
        if drafts || !p.event.draft {
            events.push(p.event);
        } else {
            left_out.push(p.event.source);
        }
    }
    Ok(Loaded {
        events,
        warnings,
        drafts: left_out,
    })
}

/// Like [`load_content`], but takes the parse of each file unchanged since the last
/// build from its [`NotesCache`]. Also returns what to store for the next build, when
/// anything was parsed or deleted (`None`: the cache is up to date).
pub fn load_content_cached(root: &Path, drafts: bool) -> Result<(Loaded, Option<Vec<StoredFile>>)> {
    let files = notes_files(root, &root.join("content"))?;
    let mut cache = NotesCache::read(root);
    let work: Vec<(PathBuf, Option<StoredFile>)> = files
        .into_iter()
        .map(|rel| {
            let stored = cache.take(&rel);
            (rel, stored)
        })
        .collect();
    let results: Vec<(notes::Parsed, Option<StoredFile>, bool)> = work
        .into_par_iter()
        .map(|(rel, stored)| {
            // Stamped before reading: a save in between makes the stamp stale, and the
            // next build parses the file again.
            let meta = std::fs::metadata(root.join(&rel)).map_err(|e| Error::io(&rel, e))?;
            let stamp = Stamp::of(&meta);
            if let Some(stored) = stored
                && let Some(parsed) = stored.parsed_if(stamp)
            {
                return Ok((parsed, Some(stored), false));
            }
            let parsed = load_event(root, &rel)?;
            let stored = StoredFile::new(&rel, stamp, &parsed);
            Ok((parsed, stored, true))
        })
        .collect::<Result<_>>()?;
    let changed = cache.has_leftovers() || results.iter().any(|(_, _, parsed)| *parsed);
    let mut events = Vec::with_capacity(results.len());
    let mut warnings = Vec::new();
    let mut store = Vec::with_capacity(results.len());
    let mut left_out = Vec::new();
    for (p, stored, _) in results {
        warnings.extend(p.warnings);
        if drafts || !p.event.draft {
            events.push(p.event);
        } else {
            left_out.push(p.event.source);
        }
        store.extend(stored);
    }
    let loaded = Loaded {
        events,
        warnings,
        drafts: left_out,
    };
    Ok((loaded, changed.then_some(store)))
}

/// The theme's static files, then the site's `static/` over them.
pub fn static_files(root: &Path) -> Result<Vec<crate::page::Page>> {
    let mut pages: Vec<crate::page::Page> = crate::theme::THEME_STATIC
        .iter()
        .map(|(name, bytes)| crate::page::Page {
            path: name.to_string(),
            bytes: bytes.to_vec(),
        })
        .collect();
    let mut site = Vec::new();
    let dir = root.join("static");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| Error::at(relative(root, &dir), e.to_string()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = relative(&dir, entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if rel.split('/').any(|p| p.starts_with('.')) || rel.ends_with('~') {
                continue;
            }
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            site.push(crate::page::Page { path: rel, bytes });
        }
    }
    // The site's file replaces the theme's of the same name: one page a path.
    let own: std::collections::HashSet<&str> = site.iter().map(|p| p.path.as_str()).collect();
    pages.retain(|p| !own.contains(p.path.as_str()));
    pages.extend(site);
    Ok(pages)
}
