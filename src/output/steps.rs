//! The file system steps of applying a build's changes, each recorded so that it can
//! be undone, and the lock that makes two builds into one folder take turns.

use crate::error::{Error, Result};
use std::fs;
use std::path::{Path, PathBuf};

/// One applied change, and how to undo it.
pub enum Step {
    /// A file or folder that did not exist was put at this path.
    Created(PathBuf),
    /// The file at `path` was replaced; its old version is at `backup`.
    Replaced { path: PathBuf, backup: PathBuf },
    /// The file at `path` was moved aside to `backup` (to be removed).
    MovedAside { path: PathBuf, backup: PathBuf },
    /// An empty folder was removed.
    RemovedDir(PathBuf),
}

/// Takes the output folder for this build (an advisory lock on the folder itself, held
/// while the returned file is open), so that two builds into one folder run one after
/// the other. Where the system has no such locks, the folder is only opened.
pub fn lock_folder(out: &Path) -> Result<fs::File> {
    let dir = fs::File::open(out).map_err(|e| Error::io(out, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        // SAFETY: flock on a descriptor we own; it is released when the file closes.
        let fd = dir.as_raw_fd();
        if unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            eprintln!(
                "waiting for another plenary build into {} to finish",
                out.display()
            );
            if unsafe { libc::flock(fd, libc::LOCK_EX) } != 0 {
                return Err(Error::io(out, std::io::Error::last_os_error()));
            }
        }
    }
    Ok(dir)
}

/// Undoes applied steps, newest first. Best effort: each step is independent.
pub fn undo(journal: Vec<Step>) {
    for step in journal.into_iter().rev() {
        let _ = match step {
            Step::Created(path) => match fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => fs::remove_dir_all(&path),
                _ => fs::remove_file(&path),
            },
            Step::Replaced { path, backup } | Step::MovedAside { path, backup } => {
                fs::rename(&backup, &path)
            }
            Step::RemovedDir(path) => fs::create_dir(&path),
        };
    }
}

/// Moves a file aside (into the staging folder) to remove it; `false` if it is gone.
pub fn move_aside(path: &Path, backup: &Path) -> std::io::Result<bool> {
    if fs::symlink_metadata(path).is_err() {
        return Ok(false);
    }
    if let Some(dir) = backup.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::rename(path, backup).map(|()| true)
}

/// Keeps the current version of `path` at `backup` while `path` is replaced in one
/// atomic rename: a hard link costs no space; a copy where links are not supported.
pub fn keep_copy(path: &Path, backup: &Path) -> std::io::Result<()> {
    if let Some(dir) = backup.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::hard_link(path, backup).or_else(|_| fs::copy(path, backup).map(|_| ()))
}

/// The shallowest folder on `rel`'s way (relative to `out`) that does not exist yet.
pub fn missing_ancestor<'a>(out: &Path, rel: &'a str) -> Option<&'a str> {
    rel.match_indices('/')
        .map(|(i, _)| &rel[..i])
        .find(|dir| fs::symlink_metadata(out.join(dir)).is_err())
}

/// Removes the folders that `removed` leaves empty, up to (not including) `out`.
pub fn remove_empty_parents(out: &Path, removed: &Path) {
    let mut dir = removed.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}
