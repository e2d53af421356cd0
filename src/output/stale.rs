//! What earlier builds may have left in or beside the output folder: staging folders
//! of builds that were killed, and files that are not plenary's.

use crate::error::{Error, Result};
use std::fs;
use std::path::Path;

/// The names of the entries of `out` that are not plenary's bookkeeping, sorted.
pub fn foreign_entries(out: &Path, staging_prefix: &str) -> Result<Vec<String>> {
    let mut names: Vec<String> = fs::read_dir(out)
        .map_err(|e| Error::io(out, e))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with(staging_prefix))
        .collect();
    names.sort();
    Ok(names)
}

/// Removes the staging folders inside `out` whose build is no longer running.
pub fn remove_dead_staging(out: &Path, staging_prefix: &str) {
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix(staging_prefix)
            && is_dead(pid)
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Earlier versions staged a first build beside the output as `.NAME.tmp-PID`: removes
/// those whose build is no longer running.
pub fn remove_legacy_staging(out: &Path) {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return;
    };
    let prefix = format!(".{}.tmp-", name.to_string_lossy());
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let entry_name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = entry_name.strip_prefix(&prefix)
            && is_dead(pid)
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether the process `pid` (as text) has ended. Anything unreadable counts as alive,
/// so that nothing in use is ever removed.
pub(super) fn is_dead(pid: &str) -> bool {
    let Ok(pid) = pid.parse::<i32>() else {
        return false;
    };
    if pid <= 0 || pid == std::process::id() as i32 {
        return false;
    }
    #[cfg(unix)]
    {
        // Signal 0 checks that the process exists without touching it.
        // SAFETY: kill with signal 0 sends nothing; it only reports.
        let alive = unsafe { libc::kill(pid, 0) } == 0
            || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        !alive
    }
    #[cfg(not(unix))]
    {
        false
    }
}
