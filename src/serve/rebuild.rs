//! The dev server's site in memory: parsed events cached by path, and a rebuild that
//! re-parses only the files that changed and re-renders only the pages they reach.

use super::reach::{Unit, mark_neighbours, shares};
use super::timing::Laps;
use crate::build;
use crate::config::Config;
use crate::error::{Error, Result, Warning};
use crate::load;
use crate::model::Zone;
use crate::render::{Page, Renderer, templates};
use crate::site::Site;
use crate::urls::Urls;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, RwLock};

/// The bytes of one served file, shared with the server threads without copying.
pub type Bytes = Arc<[u8]>;

/// What the server serves: output path (`2025/slug/index.html`) to bytes.
pub type Pages = HashMap<String, Bytes>;

/// Work left over from a rebuild that failed, redone by the next one.
#[derive(Debug, Default)]
struct Pending {
    config: bool,
    templates: bool,
    statics: bool,
    full: bool,
}

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Served paths whose bytes changed (added, replaced or removed), sorted.
    pub changed: Vec<String>,
    /// Pages rendered.
    pub rendered: usize,
    /// Whether everything was rendered (templates, `site.toml`, recovery).
    pub full: bool,
    /// Warnings of the files read.
    pub warnings: Vec<Warning>,
    /// Why the rebuild failed; the last good pages are still served.
    pub error: Option<Error>,
    /// Units of pages left for the next rebuild because newer changes came in.
    pub deferred: usize,
}

/// How a rebuild talks to the server while it runs.
pub struct Hooks<'a> {
    /// Gets the changed paths of the edited events' own pages, published before the
    /// pages that depend on them (home, tags, speakers, neighbours, feeds): the page
    /// a writer looks at shows without waiting for the rest.
    pub early: &'a mut dyn FnMut(&[String]),
    /// Whether newer changes are waiting: the dependent pages not yet started are
    /// then left for the next rebuild, so a save never waits behind a big tag page.
    pub interrupted: &'a (dyn Fn() -> bool + Sync),
}

/// The loaded site and its rendered pages, kept between rebuilds.
pub struct SiteState {
    root: PathBuf,
    base_url: String,
    drafts: bool,
    config: Config,
    urls: Urls,
    tera: tera::Tera,
    site: Site,
    /// Every notes file seen under `content/`, drafts included.
    files: BTreeSet<PathBuf>,
    /// Files that failed to load; the site is broken while any is here.
    failed: BTreeMap<PathBuf, Error>,
    pending: Pending,
    rendered: Pages,
    owners: HashMap<Unit, Vec<String>>,
    statics: Pages,
    served: Arc<RwLock<Pages>>,
    /// Units an interrupted rebuild did not render.
    deferred: HashSet<Unit>,
    /// Threads at a lower priority for the pages that depend on an edit, so that they
    /// do not hold up requests for the page just published (or the next save's own
    /// pages) on a busy machine. `None` when the pool cannot be made.
    background: Option<rayon::ThreadPool>,
}

impl SiteState {
    /// An empty state for the site at `root`, published at `base_url`, writing what it
    /// renders into `served`. Nothing is loaded until [`SiteState::reload`].
    pub fn new(root: &Path, base_url: &str, drafts: bool, served: Arc<RwLock<Pages>>) -> Self {
        let config = Config::default();
        SiteState {
            root: root.to_path_buf(),
            base_url: base_url.to_string(),
            drafts,
            urls: Urls::new(&config),
            config,
            tera: tera::Tera::default(),
            site: Site::new(Vec::new(), Zone::utc()),
            files: BTreeSet::new(),
            failed: BTreeMap::new(),
            pending: Pending::default(),
            rendered: Pages::new(),
            owners: HashMap::new(),
            statics: Pages::new(),
            served,
            deferred: HashSet::new(),
            background: rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("plenary-background-{i}"))
                .start_handler(|_| lower_priority())
                .build()
                .ok(),
        }
    }

    /// Reads and renders everything again.
    pub fn reload(&mut self) -> Outcome {
        self.pending = Pending {
            config: true,
            templates: true,
            statics: true,
            full: true,
        };
        let mut paths: Vec<PathBuf> = self.files.iter().cloned().collect();
        paths.push(PathBuf::from("content"));
        self.rebuild(&paths)
    }

    /// Every page as served, sorted by path (for comparing with a full build).
    pub fn pages(&self) -> BTreeMap<String, Bytes> {
        match self.served.read() {
            Ok(s) => s.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Err(_) => BTreeMap::new(),
        }
    }

    /// Takes in changed paths (relative to the root, or absolute below it) and brings
    /// the served pages up to date with them.
    pub fn rebuild(&mut self, paths: &[PathBuf]) -> Outcome {
        self.rebuild_with(
            paths,
            Hooks {
                early: &mut |_| {},
                interrupted: &|| false,
            },
        )
    }

    /// Whether pages were left for later by an interrupted rebuild; a rebuild with no
    /// paths renders them.
    pub fn has_deferred(&self) -> bool {
        !self.deferred.is_empty()
    }

    /// [`SiteState::rebuild`], publishing the edited events' own pages first (see
    /// [`Hooks`]) and giving way to newer changes while rendering the pages that
    /// depend on them. The outcome lists the pages changed after the early ones.
    pub fn rebuild_with(&mut self, paths: &[PathBuf], hooks: Hooks<'_>) -> Outcome {
        let mut outcome = Outcome::default();
        let mut touched = BTreeSet::new();
        if let Err(e) = self.rebuild_inner(paths, &mut touched, &mut outcome, hooks) {
            self.pending.full = true;
            outcome.error = Some(e);
        }
        outcome.changed = self.publish(&touched);
        outcome
    }

    fn rebuild_inner(
        &mut self,
        paths: &[PathBuf],
        touched: &mut BTreeSet<String>,
        outcome: &mut Outcome,
        hooks: Hooks<'_>,
    ) -> Result<()> {
        let mut laps = Laps::since(std::time::Instant::now());
        let mut events = BTreeSet::new();
        let mut rescan = false;
        let mut statics = BTreeSet::new();
        for path in paths {
            let rel = load::relative(&self.root, path);
            if is_ignored(&rel) {
                continue;
            }
            let mut parts = rel.components();
            match parts.next().and_then(|c| c.as_os_str().to_str()) {
                Some("site.toml") if parts.next().is_none() => self.pending.config = true,
                Some("templates") => self.pending.templates = true,
                Some("static") => match parts.as_path() {
                    p if p.as_os_str().is_empty() || self.root.join(&rel).is_dir() => {
                        self.pending.statics = true
                    }
                    p => {
                        statics.insert(p.to_string_lossy().replace('\\', "/"));
                    }
                },
                Some("content") => {
                    if load::is_notes_file(&rel) && !self.root.join(&rel).is_dir() {
                        events.insert(rel);
                    } else {
                        rescan = true;
                    }
                }
                _ => {}
            }
        }
        self.update_statics(&statics, touched)?;
        if rescan {
            let now: BTreeSet<PathBuf> = load::notes_files(&self.root, &self.root.join("content"))?
                .into_iter()
                .collect();
            events.extend(now.difference(&self.files).cloned());
            events.extend(self.files.difference(&now).cloned());
        }
        laps.lap("classify");
        let mut dirty = HashSet::new();
        let mut edits = Edits::default();
        self.update_events(&events, &mut dirty, &mut edits, outcome, &mut laps);

        if self.pending.config {
            let config = build::load_config(&self.root, Some(&self.base_url))?;
            self.urls = Urls::new(&config);
            // The default zone may have changed: the events' times are worked out again.
            let events = std::mem::take(&mut self.site.events);
            self.site = Site::new(events, config.zone());
            self.config = config;
            self.pending.config = false;
            self.pending.full = true;
        }
        if self.pending.templates {
            self.tera = templates::load(&self.root)?;
            self.pending.templates = false;
            self.pending.full = true;
        }
        if let Some(err) = self.failed.values().next() {
            return Err(Error::at_pos(
                err.location
                    .as_ref()
                    .map_or_else(PathBuf::new, |l| l.path.clone()),
                err.location.as_ref().and_then(|l| l.line),
                err.location.as_ref().and_then(|l| l.col),
                err.message.clone(),
            ));
        }
        build::check_urls(&self.urls, &self.site.events)?;
        laps.lap("check_urls");

        let never = || false;
        let (units, interrupted): (Vec<Unit>, &(dyn Fn() -> bool + Sync)) = if self.pending.full {
            self.deferred.clear();
            (self.all_units(), &never)
        } else {
            dirty.extend(self.deferred.drain());
            let (first, mut rest): (HashSet<Unit>, HashSet<Unit>) = dirty
                .into_iter()
                .partition(|u| matches!(u, Unit::Event(source) if events.contains(source)));
            if !first.is_empty() {
                let first: Vec<Unit> = first.into_iter().collect();
                let results = self.render_units(&first, &never)?;
                laps.lap("render_own");
                let mut first_touched = BTreeSet::new();
                outcome.rendered += self.commit(results, &mut first_touched);
                laps.lap("commit_own");
                (hooks.early)(&self.publish(&first_touched));
                laps.lap("publish_own");
            }
            // Which tag and speaker pages the edits reach is worked out only now: the
            // event's own pages do not wait for it.
            self.changed_shares(edits, &mut rest);
            laps.lap("shares");
            (rest.into_iter().collect(), hooks.interrupted)
        };
        let results = match &self.background {
            Some(pool) if !self.pending.full => {
                pool.install(|| self.render_units(&units, interrupted))?
            }
            _ => self.render_units(&units, interrupted)?,
        };
        laps.lap("render_rest");
        outcome.full = self.pending.full;
        if self.pending.full {
            touched.extend(self.rendered.drain().map(|(k, _)| k));
            self.owners.clear();
            self.pending.full = false;
        }
        outcome.rendered += self.commit(results, touched);
        laps.lap("commit_rest");
        laps.print(&format!("rebuild ({} units)", units.len()));
        outcome.deferred = self.deferred.len();
        Ok(())
    }

    /// Re-reads changed static files (or all of them), the site's over the theme's.
    fn update_statics(
        &mut self,
        changed: &BTreeSet<String>,
        touched: &mut BTreeSet<String>,
    ) -> Result<()> {
        if self.pending.statics {
            let pages = build::static_files(&self.root)?;
            touched.extend(self.statics.drain().map(|(k, _)| k));
            for page in pages {
                touched.insert(page.path.clone());
                self.statics.insert(page.path, Arc::from(page.bytes));
            }
            self.pending.statics = false;
            return Ok(());
        }
        for key in changed {
            let path = self.root.join("static").join(key);
            touched.insert(key.clone());
            match std::fs::read(&path) {
                Ok(bytes) => {
                    self.statics.insert(key.clone(), Arc::from(bytes));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    match templates::THEME_STATIC.iter().find(|(n, _)| n == key) {
                        Some((_, bytes)) => self.statics.insert(key.clone(), Arc::from(*bytes)),
                        None => self.statics.remove(key),
                    };
                }
                Err(e) => return Err(Error::io(load::relative(&self.root, &path), e)),
            }
        }
        Ok(())
    }

    /// Re-parses the changed notes files and updates the site model, noting the units
    /// each change reaches before and after it.
    fn update_events(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        dirty: &mut HashSet<Unit>,
        edits: &mut Edits,
        outcome: &mut Outcome,
        laps: &mut Laps,
    ) {
        if changed.is_empty() {
            return;
        }
        let root = &self.root;
        let parsed: Vec<(PathBuf, Option<Result<crate::notes::Parsed>>)> = changed
            .par_iter()
            .map(|rel| {
                let exists = root.join(rel).is_file();
                (rel.clone(), exists.then(|| load::load_event(root, rel)))
            })
            .collect();
        laps.lap("parse");
        // An edit that leaves an event in its place (the usual save) updates the site
        // in place; the rest (new, deleted, moved, broken files) build a new one.
        let in_place = parsed.len() <= IN_PLACE_MAX;
        let mut rest = Vec::new();
        for (rel, result) in parsed {
            let p = match result {
                Some(Ok(p)) if in_place && (self.drafts || !p.event.draft) => p,
                other => {
                    rest.push((rel, other));
                    continue;
                }
            };
            let Some(i) = self.site.events.iter().position(|e| e.source == rel) else {
                rest.push((rel, Some(Ok(p))));
                continue;
            };
            let mut event = p.event;
            if self.site.swap(i, &mut event) {
                self.failed.remove(&rel);
                outcome.warnings.extend(p.warnings);
                mark_neighbours(&self.site.events, i, dirty);
                edits.old.push((rel.clone(), event));
                edits.new.push(rel);
            } else {
                let warnings = p.warnings;
                rest.push((rel, Some(Ok(crate::notes::Parsed { event, warnings }))));
            }
        }
        laps.lap("in_place");
        if !rest.is_empty() {
            self.rebuild_site(rest, changed, dirty, edits, outcome);
        }
        dirty.insert(Unit::Site);
        laps.lap("rebuild_site");
    }

    /// Adds the tag and speaker units whose share of an edited event changed: what
    /// the event showed on each, before and after.
    fn changed_shares(&mut self, edits: Edits, dirty: &mut HashSet<Unit>) {
        let mut before = Shares::new();
        let mut after = Shares::new();
        for (rel, mut old) in edits.old {
            record(&mut before, &rel, &mut old);
        }
        for rel in edits.new {
            if let Some(event) = self.site.events.iter_mut().find(|e| e.source == rel) {
                record(&mut after, &rel, event);
            }
        }
        for (key, hash) in before.iter().chain(after.iter()) {
            if before.get(key) != Some(hash) || after.get(key) != Some(hash) {
                dirty.insert(key.0.clone());
            }
        }
    }

    /// Takes the changed files that cannot be updated in place out of the site and
    /// builds it again with their new versions.
    fn rebuild_site(
        &mut self,
        parsed: Vec<(PathBuf, Option<Result<crate::notes::Parsed>>)>,
        changed: &BTreeSet<PathBuf>,
        dirty: &mut HashSet<Unit>,
        edits: &mut Edits,
        outcome: &mut Outcome,
    ) {
        let mut events = std::mem::take(&mut self.site.events);
        // Removals first, while `events` is still in site order, so that the old
        // neighbours are the right ones.
        for (rel, result) in &parsed {
            if matches!(result, Some(Err(_))) {
                continue;
            }
            if let Some(i) = events.iter().position(|e| e.source == *rel) {
                mark_neighbours(&events, i, dirty);
                edits.old.push((rel.clone(), events.remove(i)));
            }
        }
        for (rel, result) in parsed {
            match result {
                Some(Err(e)) => {
                    self.files.insert(rel.clone());
                    self.failed.insert(rel, e);
                }
                Some(Ok(p)) => {
                    self.failed.remove(&rel);
                    self.files.insert(rel.clone());
                    outcome.warnings.extend(p.warnings);
                    if self.drafts || !p.event.draft {
                        events.push(p.event);
                        edits.new.push(rel);
                    }
                }
                None => {
                    self.failed.remove(&rel);
                    self.files.remove(&rel);
                }
            }
        }
        self.site = Site::new(events, self.config.zone());
        for (i, event) in self.site.events.iter().enumerate() {
            if changed.contains(&event.source) {
                mark_neighbours(&self.site.events, i, dirty);
            }
        }
    }

    fn all_units(&self) -> Vec<Unit> {
        let mut units: Vec<Unit> = self
            .site
            .events
            .iter()
            .map(|e| Unit::Event(e.source.clone()))
            .collect();
        units.extend(self.site.tags.keys().map(|t| Unit::Tag(t.clone())));
        units.extend(self.site.speakers.keys().map(|s| Unit::Speaker(s.clone())));
        units.push(Unit::Site);
        units
    }

    /// Renders units in parallel; a unit whose subject is gone renders as no pages, and
    /// one not started when `interrupted` says so renders as `None`.
    fn render_units(
        &self,
        units: &[Unit],
        interrupted: &(dyn Fn() -> bool + Sync),
    ) -> Result<Vec<(Unit, Option<Vec<Page>>)>> {
        let renderer = Renderer {
            tera: &self.tera,
            config: &self.config,
            urls: &self.urls,
            site: &self.site,
        };
        let index: HashMap<&Path, usize> = self
            .site
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.source.as_path(), i))
            .collect();
        units
            .par_iter()
            .map(|unit| {
                if interrupted() {
                    return Ok((unit.clone(), None));
                }
                let pages = match unit {
                    Unit::Event(source) => match index.get(source.as_path()) {
                        Some(&i) => renderer.event_files(i)?,
                        None => Vec::new(),
                    },
                    Unit::Tag(slug) if self.site.tags.contains_key(slug) => {
                        renderer.tag_files(slug)?
                    }
                    Unit::Speaker(slug) if self.site.speakers.contains_key(slug) => {
                        vec![renderer.speaker_page(slug)?]
                    }
                    Unit::Site => renderer.site_files()?,
                    Unit::Tag(_) | Unit::Speaker(_) => Vec::new(),
                };
                Ok((unit.clone(), Some(pages)))
            })
            .collect()
    }

    /// Replaces each unit's pages with its new ones, dropping pages it no longer makes.
    /// All removals go first: a renamed file's old unit gives up the very paths its new
    /// unit takes.
    /// Units left unrendered are kept for the next rebuild. Returns the pages rendered.
    fn commit(
        &mut self,
        results: Vec<(Unit, Option<Vec<Page>>)>,
        touched: &mut BTreeSet<String>,
    ) -> usize {
        let mut results: Vec<(Unit, Vec<Page>)> = results
            .into_iter()
            .filter_map(|(unit, pages)| match pages {
                Some(pages) => Some((unit, pages)),
                None => {
                    self.deferred.insert(unit);
                    None
                }
            })
            .collect();
        let count = results.iter().map(|(_, p)| p.len()).sum();
        for (unit, _) in &results {
            for path in self.owners.remove(unit).unwrap_or_default() {
                self.rendered.remove(&path);
                touched.insert(path);
            }
        }
        for (unit, pages) in results.drain(..) {
            let paths: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
            for page in pages {
                touched.insert(page.path.clone());
                self.rendered.insert(page.path, Arc::from(page.bytes));
            }
            if !paths.is_empty() {
                self.owners.insert(unit, paths);
            }
        }
        count
    }

    /// Brings the served map up to date for the touched paths (static files win over
    /// rendered pages, as in a build) and returns those whose bytes changed.
    fn publish(&self, touched: &BTreeSet<String>) -> Vec<String> {
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

/// Lowers the calling thread's scheduling priority (Linux: a thread's nice value is
/// its own). Elsewhere threads keep the normal priority.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes plain integers; on Linux, PRIO_PROCESS with a thread
    // id changes only that thread. A failure leaves the priority as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}

/// At most this many files changed at once are updated in place; a bigger burst (a
/// checkout, the first load) builds the site again, which is quicker for many.
const IN_PLACE_MAX: usize = 16;

/// The events a rebuild replaced, kept to find the tag and speaker pages they reach.
#[derive(Default)]
struct Edits {
    /// Old versions of changed events, by file.
    old: Vec<(PathBuf, crate::model::Event)>,
    /// Files whose new version is in the site.
    new: Vec<PathBuf>,
}

/// What one event shows on each of its tag and speaker pages, by unit and file.
type Shares = HashMap<(Unit, PathBuf), u64>;

/// Notes the event's [`shares`] under its file.
fn record(into: &mut Shares, rel: &Path, event: &mut crate::model::Event) {
    into.extend(
        shares(event)
            .into_iter()
            .map(|(u, h)| ((u, rel.to_path_buf()), h)),
    );
}

/// Editor droppings and hidden files that never count as a change: swap and backup
/// files (`.x.swp`, `x~`, `.#x`, `#x#`, vim's `4913` probe) and anything under a
/// hidden folder.
pub fn is_ignored(rel: &Path) -> bool {
    let hidden = rel.components().any(|c| match c {
        Component::Normal(n) => n.to_str().is_none_or(|n| n.starts_with('.')),
        _ => false,
    });
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return hidden;
    };
    hidden
        || name.ends_with('~')
        || name.starts_with('#')
        || name == "4913"
        || [".swp", ".swo", ".swx", ".tmp"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_droppings_are_ignored() {
        let cases = [
            ("content/a.md", false),
            ("content/2025/a.txt", false),
            ("static/style.css", false),
            ("site.toml", false),
            ("content/.a.md.swp", true),
            ("content/a.md.swx", true),
            ("content/a.md~", true),
            ("content/.#a.md", true),
            ("content/#a.md#", true),
            ("content/4913", true),
            ("content/.hidden/a.md", true),
            (".git/index", true),
        ];
        for (path, ignored) in cases {
            assert_eq!(is_ignored(Path::new(path)), ignored, "{path}");
        }
    }
}
