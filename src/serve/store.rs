//! The dev server's output in memory: every rendered page, the key and files of each
//! unit of the plan as last rendered, the static files, and the map the server
//! threads read.

use crate::error::Result;
use crate::page::Page;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, RwLock};

/// The bytes of one served file, shared with the server threads without copying.
pub type Bytes = Arc<[u8]>;

/// What the server serves: output path (`2025/slug/index.html`) to bytes.
pub type Pages = HashMap<String, Bytes>;

/// A unit as last rendered: its key, and the files it made.
#[derive(Debug)]
struct Held {
    key: u64,
    files: Vec<String>,
    /// What the unit is, for errors ([`crate::plan::Unit::describe`]).
    describe: String,
}

/// One unit's outcome in a rebuild: its name and key, and its files, or `None` when
/// it was left for a later rebuild.
pub struct Rendered {
    pub name: String,
    pub key: u64,
    pub pages: Option<Vec<Page>>,
    pub describe: String,
}

/// Rendered pages and static files, and what the server threads see of them.
pub struct Store {
    rendered: Pages,
    held: HashMap<String, Held>,
    /// Which unit each rendered path belongs to, by name.
    owners: HashMap<String, String>,
    pub statics: Pages,
    pub served: Arc<RwLock<Pages>>,
}

impl Store {
    pub fn new(served: Arc<RwLock<Pages>>) -> Store {
        Store {
            rendered: Pages::new(),
            held: HashMap::new(),
            owners: HashMap::new(),
            statics: Pages::new(),
            served,
        }
    }

    /// Whether the unit named `name` was last rendered with this key.
    pub fn holds(&self, name: &str, key: u64) -> bool {
        self.held.get(name).is_some_and(|h| h.key == key)
    }

    /// The names of the units held that are not among `current`.
    pub fn gone(&self, current: &HashSet<&str>) -> Vec<String> {
        self.held
            .keys()
            .filter(|n| !current.contains(n.as_str()))
            .cloned()
            .collect()
    }

    /// Drops the units of `gone` (every unit held, with `all`) and replaces each
    /// rendered unit's files with its new ones. All removals go first: a renamed
    /// file's old unit gives up the very paths its new unit takes. Units left unrendered keep their old files and key, so the
    /// next rebuild renders them. Returns the pages rendered and the units left; fails,
    /// changing nothing, when two units would write the same path.
    pub fn commit(
        &mut self,
        results: Vec<Rendered>,
        gone: &[String],
        all: bool,
        touched: &mut BTreeSet<String>,
    ) -> Result<(usize, usize)> {
        let left = results.iter().filter(|r| r.pages.is_none()).count();
        let done: Vec<(String, u64, Vec<Page>, String)> = results
            .into_iter()
            .filter_map(|r| Some((r.name, r.key, r.pages?, r.describe)))
            .collect();
        self.check_claims(&done, gone, all)?;
        if all {
            touched.extend(self.rendered.drain().map(|(k, _)| k));
            self.held.clear();
            self.owners.clear();
        }
        let count = done.iter().map(|(_, _, p, _)| p.len()).sum();
        let removed = gone.iter().chain(done.iter().map(|(name, ..)| name));
        for name in removed {
            for path in self.held.remove(name).map(|h| h.files).unwrap_or_default() {
                self.rendered.remove(&path);
                self.owners.remove(&path);
                touched.insert(path);
            }
        }
        for (name, key, pages, describe) in done {
            let files: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
            for page in pages {
                touched.insert(page.path.clone());
                self.owners.insert(page.path.clone(), name.clone());
                self.rendered.insert(page.path, Arc::from(page.bytes));
            }
            let held = Held {
                key,
                files,
                describe,
            };
            self.held.insert(name, held);
        }
        Ok((count, left))
    }

    /// Every path is claimed once by the units as they would be after a commit: those
    /// held and not replaced or gone, and those just rendered. Only the new pages are
    /// looked at, each against the units that own paths now.
    fn check_claims(
        &self,
        done: &[(String, u64, Vec<Page>, String)],
        gone: &[String],
        all: bool,
    ) -> Result<()> {
        let replaced: HashSet<&str> = gone
            .iter()
            .chain(done.iter().map(|(name, ..)| name))
            .map(String::as_str)
            .collect();
        let mut claimed: HashMap<&str, (&str, &str)> = HashMap::new();
        for (name, _, pages, what) in done {
            for page in pages {
                let path = page.path.as_str();
                if let Some((other, first)) = claimed.insert(path, (name, what)) {
                    let second = (other != name).then_some(what.as_str());
                    return Err(crate::plan::claimed_twice(path, first, second));
                }
                let owner = self
                    .owners
                    .get(path)
                    .filter(|o| !all && !replaced.contains(o.as_str()));
                if let Some(held) = owner.and_then(|o| self.held.get(o)) {
                    return Err(crate::plan::claimed_twice(path, &held.describe, Some(what)));
                }
            }
        }
        Ok(())
    }

    /// Brings the served map up to date for the touched paths (static files win over
    /// rendered pages, as in a build) and returns those whose bytes changed.
    pub fn publish(&self, touched: &BTreeSet<String>) -> Vec<String> {
        let mut changed = Vec::new();
        let Ok(mut served) = self.served.write() else {
            return changed;
        };
        for path in touched {
            let now = self
                .statics
                .get(path)
                .or_else(|| self.rendered.get(path))
                .cloned();
            let same = match (served.get(path), &now) {
                (Some(a), Some(b)) => a == b,
                (None, None) => true,
                _ => false,
            };
            if same {
                continue;
            }
            match now {
                Some(bytes) => served.insert(path.clone(), bytes),
                None => served.remove(path),
            };
            changed.push(path.clone());
        }
        changed
    }
}
