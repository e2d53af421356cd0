//! Writing the output folder as one transaction, so that a failed build changes
//! nothing and plenary never removes a file it did not write.
//!
//! - **Ownership.** plenary keeps a manifest of the files it wrote in the output folder
//!   ([`MANIFEST`]). It removes only files listed there, and builds only into a folder
//!   that is new, empty or holds a manifest; any other folder is refused unless the
//!   writer passes `--force` (then plenary replaces the files it writes and leaves every
//!   other file alone).
//! - **All or nothing.** Every changed file is first written to a staging folder inside
//!   the output (same file system, so renames are atomic), then the changes are applied
//!   by renames, each recorded in a journal. Any failure (disk full, a read-only folder)
//!   undoes the journal: the output is left exactly as it was.
//! - **No links followed.** A symbolic link inside the output is never written through:
//!   plenary refuses to build rather than write pages where a link points.
//! - **Files from disk.** A [`FilePage`] (a processed photo in `.plenary/media/`) is
//!   staged as a copy of its file, compared with the output's a block at a time: its
//!   bytes are never held in memory.
//! - **Nothing left behind.** A build killed half-way leaves only whole pages (old or
//!   new) and its staging folder, which the next build removes; the manifest on disk
//!   lists every file the killed build may have placed, so the next build can tidy them.

mod files;
mod manifest;
mod stale;
mod steps;

pub use files::FilePage;
pub use manifest::MANIFEST;

use crate::error::{Error, Result};
use crate::page::Page;
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use steps::{
    Step, keep_copy, lock_folder, missing_ancestor, move_aside, remove_empty_parents, undo,
};

/// The staging folder's name inside the output, followed by the process id.
const STAGING_PREFIX: &str = ".plenary-staging-";

/// What a write did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// The paths written (their bytes changed) or removed, sorted: what a CDN must
    /// forget (`plenary build --changed`).
    pub changed: Vec<String>,
}

/// Writes `pages` to `out` in one transaction, leaving it holding exactly those files
/// (and any files plenary did not write).
pub fn write(out: &Path, pages: &[Page]) -> Result<WriteStats> {
    let tx = Transaction::begin(out, false)?;
    tx.stage(pages)?;
    tx.commit(&[])
}

/// One build's changes to the output folder: staged with [`Transaction::stage`] (from
/// any number of threads, as pages are rendered), then applied together by
/// [`Transaction::commit`]. Dropped without a commit, it leaves the output as it was.
pub struct Transaction {
    out: PathBuf,
    stage: PathBuf,
    /// The output folder did not exist: a failed build removes it again.
    created_out: bool,
    force: bool,
    /// The files the last build wrote (the manifest).
    previous: HashSet<String>,
    had_manifest: bool,
    /// Held while the build writes: a second build into the same folder waits.
    _lock: fs::File,
    /// Every page of this build, staged or found unchanged.
    pages: Mutex<Vec<String>>,
    /// The pages whose bytes changed, written under `stage/new/`.
    staged: Mutex<Vec<String>>,
    /// Folders inside the output checked to be real folders, not links.
    real_dirs: Mutex<HashSet<String>>,
    /// Folders inside the output found missing: every page under one is new, so its
    /// old bytes need no look (nothing writes into the output before the commit).
    missing_dirs: Mutex<HashSet<String>>,
    /// Folders made under the staging folder, each made once.
    staged_dirs: Mutex<HashSet<PathBuf>>,
    committed: bool,
    /// Tests make the n-th step of applying fail, to check that everything is undone.
    #[cfg(test)]
    fail_at_step: Option<usize>,
}

impl Transaction {
    /// Opens the output folder `out` for a build, creating it if needed. Refuses a
    /// folder holding files plenary did not write, unless `force`.
    pub fn begin(out: &Path, force: bool) -> Result<Transaction> {
        stale::remove_legacy_staging(out);
        let created_out = match fs::symlink_metadata(out) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                fs::create_dir_all(out)
                    .map_err(|e| Error::io(out, e).context("cannot create the output directory"))?;
                true
            }
            Err(e) => {
                return Err(Error::io(out, e).context("cannot create the output directory"));
            }
            // The output folder itself may be a link (to a web server's folder).
            Ok(_) if !out.is_dir() => {
                return Err(Error::at(
                    out,
                    "the output path exists and is not a directory: choose another --output-dir",
                ));
            }
            Ok(_) => false,
        };
        let lock = lock_folder(out)?;
        // Another build may have made the folder at the same moment, and finished first.
        let created_out = created_out && !out.join(MANIFEST).exists();
        let manifest = match created_out {
            true => None,
            false => manifest::read(out)?,
        };
        let had_manifest = manifest.is_some();
        let previous = match manifest {
            Some(files) => files,
            None if created_out => HashSet::new(),
            None => {
                let foreign = stale::foreign_entries(out, STAGING_PREFIX)?;
                if !foreign.is_empty() && !force {
                    return Err(refuse_foreign(out, &foreign));
                }
                HashSet::new()
            }
        };
        stale::remove_dead_staging(out, STAGING_PREFIX);
        let stage = out.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        let made = fs::remove_dir_all(&stage)
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(e),
            })
            .and_then(|()| fs::create_dir(&stage));
        if let Err(e) = made {
            if created_out {
                let _ = fs::remove_dir_all(out);
            }
            return Err(Error::io(out, e).context("cannot write into the output directory"));
        }
        Ok(Transaction {
            out: out.to_path_buf(),
            stage,
            created_out,
            force,
            previous,
            had_manifest,
            _lock: lock,
            pages: Mutex::default(),
            staged: Mutex::default(),
            real_dirs: Mutex::default(),
            missing_dirs: Mutex::default(),
            staged_dirs: Mutex::default(),
            committed: false,
            #[cfg(test)]
            fail_at_step: None,
        })
    }

    /// Whether the output folder holds plenary's manifest (or is new): only then do
    /// the files of the last build stand as plenary left them.
    pub fn knows_its_files(&self) -> bool {
        self.created_out || self.had_manifest
    }

    /// Stages pages: those whose bytes differ from the output's are written to the
    /// staging folder. Safe to call from several threads at once.
    pub fn stage(&self, pages: &[Page]) -> Result<()> {
        let new_folder = self.check_paths(pages.iter().map(|p| p.path.as_str()))?;
        let staged = pages
            .par_iter()
            .zip(new_folder)
            .map(|(p, new_folder)| {
                let dest = self.out.join(&p.path);
                // A page in a folder the output lacks is new: no need to look for it.
                let same = !new_folder
                    && fs::symlink_metadata(&dest).is_ok_and(|m| {
                        m.is_file()
                            && m.len() == p.bytes.len() as u64
                            && fs::read(&dest).is_ok_and(|old| old == p.bytes)
                    });
                if same {
                    return Ok(None);
                }
                let tmp = self.stage.join("new").join(&p.path);
                self.make_staging_dir(tmp.parent())
                    .and_then(|()| fs::write(&tmp, &p.bytes))
                    .map_err(|e| {
                        Error::io(&dest, e).context("nothing was changed in the output directory")
                    })?;
                Ok(Some(p.path.clone()))
            })
            .collect::<Result<Vec<_>>>()?;
        lock(&self.pages).extend(pages.iter().map(|p| p.path.clone()));
        lock(&self.staged).extend(staged.into_iter().flatten());
        Ok(())
    }

    /// Stages files copied from disk, as [`Transaction::stage`] stages pages: a file
    /// whose bytes the output holds already is left as it is, any other is copied
    /// into the staging folder by the file system, never read whole into memory.
    pub fn stage_files(&self, files: &[FilePage]) -> Result<()> {
        let new_folder = self.check_paths(files.iter().map(|f| f.path.as_str()))?;
        let staged = files
            .par_iter()
            .zip(new_folder)
            .map(|(f, new_folder)| {
                let dest = self.out.join(&f.path);
                let same = !new_folder
                    && fs::symlink_metadata(&dest).is_ok_and(|m| m.is_file())
                    && files::same_bytes(&f.source, &dest).unwrap_or(false);
                if same {
                    return Ok(None);
                }
                let tmp = self.stage.join("new").join(&f.path);
                self.make_staging_dir(tmp.parent()).map_err(|e| {
                    Error::io(&dest, e).context("nothing was changed in the output directory")
                })?;
                fs::copy(&f.source, &tmp).map_err(|e| files::gone(&f.source, e))?;
                Ok(Some(f.path.clone()))
            })
            .collect::<Result<Vec<_>>>()?;
        lock(&self.pages).extend(files.iter().map(|f| f.path.clone()));
        lock(&self.staged).extend(staged.into_iter().flatten());
        Ok(())
    }

    /// Refuses a path outside the output, or through a link in it; says of each
    /// whether its folder is missing from the output (so the page is new).
    fn check_paths<'p>(&self, paths: impl Iterator<Item = &'p str>) -> Result<Vec<bool>> {
        let mut new_folder = Vec::new();
        for path in paths {
            if !is_safe_rel(path) || is_reserved(path) {
                return Err(Error::msg(format!(
                    "refusing to write `{path}` outside the output directory"
                )));
            }
            new_folder.push(self.check_no_links(path)? == Folder::Missing);
        }
        Ok(new_folder)
    }

    /// Makes a folder under the staging folder, once: most pages share theirs with
    /// others (an event's page, feed and calendar).
    fn make_staging_dir(&self, dir: Option<&Path>) -> std::io::Result<()> {
        let Some(dir) = dir else { return Ok(()) };
        if lock(&self.staged_dirs).contains(dir) {
            return Ok(());
        }
        fs::create_dir_all(dir)?;
        lock(&self.staged_dirs).insert(dir.to_path_buf());
        Ok(())
    }

    /// Refuses a page whose folder inside the output is a symbolic link, and says
    /// whether its folder is there yet.
    fn check_no_links(&self, rel: &str) -> Result<Folder> {
        let mut prefix = String::new();
        let parts: Vec<&str> = rel.split('/').collect();
        for part in &parts[..parts.len() - 1] {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            if lock(&self.real_dirs).contains(&prefix) {
                continue;
            }
            if lock(&self.missing_dirs).contains(&prefix) {
                return Ok(Folder::Missing);
            }
            let path = self.out.join(&prefix);
            match fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(Error::at(
                        &path,
                        "is a symbolic link: plenary never writes through links in the output directory; remove the link",
                    ));
                }
                Ok(m) if m.is_dir() => {
                    lock(&self.real_dirs).insert(prefix.clone());
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    lock(&self.missing_dirs).insert(prefix);
                    return Ok(Folder::Missing);
                }
                // A file where a folder is needed, or unreadable: settled at commit.
                _ => return Ok(Folder::Unsure),
            }
        }
        Ok(Folder::There)
    }

    /// Applies every staged change, removes the files of the last build that this one
    /// no longer makes, and records the new manifest. `kept` are files of the last
    /// build that stay as they are. On any failure everything is undone.
    pub fn commit(mut self, kept: &[String]) -> Result<WriteStats> {
        let mut staged = std::mem::take(&mut *lock(&self.staged));
        staged.sort();
        // A path staged twice (a static file over a page) was written twice in place.
        staged.dedup();
        let pages = std::mem::take(&mut *lock(&self.pages));
        let wanted: HashSet<String> = pages.iter().chain(kept).cloned().collect();
        let mut gone: Vec<&String> = self
            .previous
            .iter()
            .filter(|p| !wanted.contains(*p) && is_safe_rel(p) && self.check_no_links(p).is_ok())
            .collect();
        gone.sort();
        // Files plenary did not write where its pages go: refused, or with --force moved
        // aside when they stand where a folder must go (a file in the way is replaced).
        let blocking = self.foreign_in_the_way(&staged)?;
        gone.extend(blocking.iter());
        let mut journal = Vec::new();
        let nothing_to_do = staged.is_empty() && gone.is_empty() && self.previous == wanted;
        let result = match nothing_to_do {
            true => Ok(()),
            false => self.apply(&staged, &gone, &wanted, &mut journal),
        };
        if let Err(e) = result {
            undo(journal);
            return Err(e.context("nothing was changed in the output directory"));
        }
        self.committed = true;
        // Past this point the build has succeeded: tidying up may fail harmlessly.
        let _ = fs::remove_dir_all(&self.stage);
        for rel in &gone {
            remove_empty_parents(&self.out, &self.out.join(rel));
        }
        let mut changed: Vec<String> = staged.iter().chain(gone.iter().copied()).cloned().collect();
        changed.sort();
        Ok(WriteStats {
            written: staged.len(),
            unchanged: wanted.len() - staged.len(),
            removed: gone.len(),
            changed,
        })
    }

    /// Files plenary did not write that stand where a staged page goes. Without --force
    /// they are an error; with it, those in the place of a folder are returned, to be
    /// moved aside.
    fn foreign_in_the_way(&self, staged: &[String]) -> Result<Vec<String>> {
        let mut blocking = Vec::new();
        // Folders already looked at: pages share them, and `staged` is sorted.
        let mut dirs: HashSet<&str> = HashSet::new();
        let mut missing: HashSet<&str> = HashSet::new();
        for rel in staged {
            for (end, _) in rel.match_indices('/').chain([(rel.len(), "")]) {
                let prefix = &rel[..end];
                if dirs.contains(prefix) {
                    continue;
                }
                if missing.contains(prefix) {
                    break;
                }
                let path = self.out.join(prefix);
                let Ok(meta) = fs::symlink_metadata(&path) else {
                    missing.insert(prefix);
                    break;
                };
                if meta.is_dir() {
                    dirs.insert(prefix);
                    continue;
                }
                if self.previous.contains(prefix) {
                    continue;
                }
                if self.force {
                    if prefix.len() < rel.len() {
                        blocking.push(prefix.to_string());
                    }
                    break;
                }
                return Err(Error::at(
                    &path,
                    format!(
                        "was not written by plenary, and the site now has a page at `{rel}`: move the file to the site's `static/` folder (plenary then publishes it) or delete it, or build with --force to replace it"
                    ),
                ));
            }
        }
        Ok(blocking)
    }

    fn apply(
        &self,
        staged: &[String],
        gone: &[&String],
        wanted: &HashSet<String>,
        journal: &mut Vec<Step>,
    ) -> Result<()> {
        let old = self.stage.join("old");
        let mut steps = 0;
        let mut step = |journal: &mut Vec<Step>, s: Step| -> Result<()> {
            journal.push(s);
            steps += 1;
            #[cfg(test)]
            if self.fail_at_step == Some(steps) {
                return Err(Error::msg(format!("injected failure at step {steps}")));
            }
            Ok(())
        };
        // The manifest first lists both builds' files, so a build killed while applying
        // leaves a manifest naming every file it may have placed.
        let mut both: Vec<&String> = self.previous.iter().chain(wanted).collect();
        both.sort();
        both.dedup();
        self.place_manifest(&both, journal, &mut step)?;

        for rel in gone {
            let (path, backup) = (self.out.join(rel), old.join(rel));
            match move_aside(&path, &backup) {
                Ok(true) => step(journal, Step::MovedAside { path, backup })?,
                Ok(false) => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
        }
        let mut placed_dirs: Vec<&str> = Vec::new();
        for rel in staged {
            if placed_dirs
                .iter()
                .any(|d| rel.starts_with(d) && rel.as_bytes().get(d.len()) == Some(&b'/'))
            {
                continue;
            }
            let path = self.out.join(rel);
            if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                // A section became a page: its folder must be empty by now.
                fs::remove_dir(&path).map_err(|e| {
                    Error::io(&path, e).context("a folder stands where a page now goes")
                })?;
                step(journal, Step::RemovedDir(path.clone()))?;
            }
            // The shallowest missing folder on the way is moved in whole.
            let missing = missing_ancestor(&self.out, rel);
            let (from, to) = match missing {
                Some(dir) => {
                    placed_dirs.push(dir);
                    (self.stage.join("new").join(dir), self.out.join(dir))
                }
                None => (self.stage.join("new").join(rel), path.clone()),
            };
            if missing.is_none() && fs::symlink_metadata(&to).is_ok() {
                let backup = old.join(rel);
                keep_copy(&to, &backup).map_err(|e| Error::io(&to, e))?;
                fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
                step(journal, Step::Replaced { path: to, backup })?;
            } else {
                fs::rename(&from, &to).map_err(|e| Error::io(&to, e))?;
                step(journal, Step::Created(to))?;
            }
        }
        let mut now: Vec<&String> = wanted.iter().collect();
        now.sort();
        self.place_manifest(&now, journal, &mut step)
    }

    fn place_manifest(
        &self,
        files: &[&String],
        journal: &mut Vec<Step>,
        step: &mut impl FnMut(&mut Vec<Step>, Step) -> Result<()>,
    ) -> Result<()> {
        let path = self.out.join(MANIFEST);
        let tmp = self.stage.join(MANIFEST);
        fs::write(&tmp, manifest::render(files)).map_err(|e| Error::io(&path, e))?;
        if fs::symlink_metadata(&path).is_ok() {
            let backup = self.stage.join(format!("{MANIFEST}.{}", journal.len()));
            keep_copy(&path, &backup).map_err(|e| Error::io(&path, e))?;
            fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
            step(journal, Step::Replaced { path, backup })
        } else {
            fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
            step(journal, Step::Created(path))
        }
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        if !self.committed {
            if self.created_out {
                let _ = fs::remove_dir_all(&self.out);
            } else {
                let _ = fs::remove_dir_all(&self.stage);
            }
        }
    }
}

/// Whether the process `pid` (as text) has ended: what a half-written file of a build
/// is left by. Anything unsure counts as running, so nothing in use is removed.
pub fn process_ended(pid: &str) -> bool {
    stale::is_dead(pid)
}

/// Where a page's folder stands in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folder {
    There,
    /// Missing: the page is new.
    Missing,
    /// Something else is in the way, settled at commit.
    Unsure,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn refuse_foreign(out: &Path, foreign: &[String]) -> Error {
    let shown: Vec<String> = foreign.iter().take(3).map(|f| format!("`{f}`")).collect();
    let more = if foreign.len() > 3 { ", ..." } else { "" };
    Error::at(
        out,
        format!(
            "holds files that plenary did not write ({}{more}): plenary builds only into a new or empty folder, or one it built before (it keeps a `{MANIFEST}` there). Choose another --output-dir, or build with --force to write into it anyway: plenary then replaces only the files it writes and removes none of the others",
            shown.join(", ")
        ),
    )
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

/// plenary's own bookkeeping files in the output, which no page may replace.
fn is_reserved(path: &str) -> bool {
    path == MANIFEST || path.starts_with(STAGING_PREFIX)
}

#[cfg(test)]
mod tests;
