//! Writing the output directory so that a reader never sees a half-written page: a
//! first build is written beside the target and renamed into place; later builds
//! replace only the files whose bytes changed, each by an atomic rename.

use crate::error::{Error, Result};
use crate::render::Page;
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Writes `pages` to `out`, leaving it holding exactly those files.
pub fn write(out: &Path, pages: &[Page]) -> Result<WriteStats> {
    write_keeping(out, pages, &[], None)
}

/// Writes `pages` to `out`, leaving it holding those files and the `kept` ones (paths
/// relative to `out`, left as they are). `previous`, when known, lists every file the
/// last build wrote: stale files are then found without walking the whole folder.
pub fn write_keeping(
    out: &Path,
    pages: &[Page],
    kept: &[String],
    previous: Option<&[String]>,
) -> Result<WriteStats> {
    for page in pages {
        if !is_safe_rel(&page.path) {
            return Err(Error::msg(format!(
                "refusing to write `{}` outside the output directory",
                page.path
            )));
        }
    }
    if out.exists() {
        update(out, pages, kept, previous)
    } else {
        fresh(out, pages)
    }
}

/// A relative path with no `..`, no absolute start and no empty parts.
fn is_safe_rel(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
}

fn parents(pages: &[Page], base: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = pages
        .iter()
        .filter_map(|p| Path::new(&p.path).parent().map(|d| base.join(d)))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    dirs.sort();
    dirs
}

fn fresh(out: &Path, pages: &[Page]) -> Result<WriteStats> {
    let staging = Staging::new(out)?;
    staging.write(pages)?;
    staging.commit()?;
    Ok(WriteStats {
        written: pages.len(),
        ..WriteStats::default()
    })
}

/// A first build's output, written beside its final place and renamed into it whole.
/// Pages can be written as they are rendered; dropped without [`Staging::commit`], it
/// removes itself, so a failed build leaves nothing behind.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a staging folder for `out`, which must not exist yet.
    pub fn new(out: &Path) -> Result<Staging> {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let tmp = out.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        // Errors name the output directory the writer chose, not the temporary one.
        let cannot =
            |e: std::io::Error| Error::io(out, e).context("cannot create the output directory");
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(cannot)?;
        }
        fs::create_dir_all(&tmp).map_err(cannot)?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            committed: false,
        })
    }

    /// Writes pages into the staging folder.
    pub fn write(&self, pages: &[Page]) -> Result<()> {
        for page in pages {
            if !is_safe_rel(&page.path) {
                return Err(Error::msg(format!(
                    "refusing to write `{}` outside the output directory",
                    page.path
                )));
            }
        }
        for dir in parents(pages, &self.tmp) {
            let rel = dir.strip_prefix(&self.tmp).unwrap_or(&dir);
            fs::create_dir_all(&dir).map_err(|e| Error::io(self.out.join(rel), e))?;
        }
        pages.par_iter().try_for_each(|p| {
            fs::write(self.tmp.join(&p.path), &p.bytes)
                .map_err(|e| Error::io(self.out.join(&p.path), e))
        })
    }

    /// Renames the staging folder into place.
    pub fn commit(mut self) -> Result<()> {
        fs::rename(&self.tmp, &self.out).map_err(|e| Error::io(&self.out, e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

fn update(
    out: &Path,
    pages: &[Page],
    kept: &[String],
    previous: Option<&[String]>,
) -> Result<WriteStats> {
    if !out.is_dir() {
        return Err(Error::at(
            out,
            "the output path exists and is not a directory",
        ));
    }
    for dir in parents(pages, out) {
        if !dir.is_dir() {
            if dir.exists() {
                // A file where a folder is now needed (a page became a section).
                fs::remove_file(&dir).map_err(|e| Error::io(&dir, e))?;
            }
            fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
    }
    let results: Vec<Result<bool>> = pages
        .par_iter()
        .map(|p| {
            let path = out.join(&p.path);
            if let Ok(meta) = fs::metadata(&path) {
                if meta.is_file()
                    && meta.len() == p.bytes.len() as u64
                    && fs::read(&path).is_ok_and(|old| old == p.bytes)
                {
                    return Ok(false);
                }
                if meta.is_dir() {
                    fs::remove_dir_all(&path).map_err(|e| Error::io(&path, e))?;
                }
            }
            replace(&path, &p.bytes)?;
            Ok(true)
        })
        .collect();
    let mut stats = WriteStats::default();
    for r in results {
        if r? {
            stats.written += 1;
        } else {
            stats.unchanged += 1;
        }
    }
    stats.unchanged += kept.len();
    stats.removed = match previous {
        Some(previous) => remove_listed(out, pages, kept, previous)?,
        None => remove_stale(out, pages, kept)?,
    };
    Ok(stats)
}

/// Writes a file next to `path` and renames it over `path`.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = fs::write(&tmp, bytes).and_then(|_| fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Removes the files of `previous` that the build no longer produces, and the
/// folders that leaves empty.
fn remove_listed(
    out: &Path,
    pages: &[Page],
    kept: &[String],
    previous: &[String],
) -> Result<usize> {
    let keep: HashSet<&str> = pages
        .iter()
        .map(|p| p.path.as_str())
        .chain(kept.iter().map(String::as_str))
        .collect();
    let mut removed = 0;
    for rel in previous
        .iter()
        .filter(|r| !keep.contains(r.as_str()) && is_safe_rel(r))
    {
        let path = out.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&path, e)),
        }
        // Only an empty folder goes; the first non-empty one stops the climb.
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(removed)
}

/// Removes files (and then empty folders) that the build no longer produces.
fn remove_stale(out: &Path, pages: &[Page], kept: &[String]) -> Result<usize> {
    let keep: HashSet<PathBuf> = pages
        .iter()
        .map(|p| out.join(&p.path))
        .chain(kept.iter().map(|k| out.join(k)))
        .collect();
    let mut removed = 0;
    // Folders that lost a file, deepest first, may now be empty.
    let mut emptied: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| Error::at(out, e.to_string()))?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            if emptied.last().is_some_and(|d| d == path) {
                emptied.pop();
                // Only an empty folder goes; a non-empty one fails harmlessly.
                if fs::remove_dir(path).is_ok()
                    && let Some(parent) = path.parent()
                    && parent != out
                {
                    emptied.push(parent.to_path_buf());
                }
            }
        } else if !keep.contains(path) {
            fs::remove_file(path).map_err(|e| Error::io(path, e))?;
            removed += 1;
            if let Some(parent) = path.parent()
                && parent != out
                && emptied.last().is_none_or(|d| d != parent)
            {
                emptied.push(parent.to_path_buf());
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> Page {
        Page {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writes_fresh_then_only_changes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = vec![
            page("index.html", "home"),
            page("a/index.html", "a"),
            page("b/index.html", "b"),
        ];
        assert_eq!(write(&out, &first).unwrap().written, 3);
        let second = vec![page("index.html", "home"), page("a/index.html", "a2")];
        let stats = write(&out, &second).unwrap();
        assert_eq!((stats.written, stats.unchanged, stats.removed), (1, 1, 1));
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "a2");
        assert!(!out.join("b").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folder is left behind");
    }

    #[test]
    fn refuses_paths_outside() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x.html", "/etc/x", "a/../../x", "a//b"] {
            assert!(
                write(&dir.path().join("out"), &[page(bad, "x")]).is_err(),
                "{bad}"
            );
        }
    }
}
