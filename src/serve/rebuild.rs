//! The dev server's site in memory: parsed events cached by path, and a rebuild that
//! re-parses only the files that changed and renders the units of the plan whose keys
//! are not the ones it held last time ([`crate::plan`], as `build` does).

use super::changes::{Changes, classify};
use super::store::{Rendered, Store};
use super::timing::Laps;
use crate::config::Config;
use crate::error::{Error, Result, Warning};
use crate::load;
use crate::media::{self, Photos};
use crate::model::Zone;
use crate::plan::keys::{self, EventPrints};
use crate::plan::{self, Plan, Unit};
use crate::render::{Renderer, templates};
use crate::site::Site;
use crate::urls::Urls;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

pub use super::store::{Bytes, Pages};

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
    /// The fingerprint of the templates' sources, for the site key.
    templates_key: u64,
    site: Site,
    /// Every notes file seen under `content/`, drafts included.
    files: BTreeSet<PathBuf>,
    /// Files that failed to load; the site is broken while any is here.
    failed: BTreeMap<PathBuf, Error>,
    pending: Pending,
    /// The key of what every page depends on, as of the last rebuild.
    site_key: u64,
    /// Each event's fingerprints by source file, kept while the site key stays the
    /// same: a save works them out again only for the files it changed.
    prints: HashMap<PathBuf, EventPrints>,
    store: Store,
    /// Units an interrupted rebuild did not render.
    deferred: usize,
    /// Threads at a lower priority for the pages that depend on an edit, so that they
    /// do not hold up requests for the page just published (or the next save's own
    /// pages) on a busy machine. `None` when the pool cannot be made.
    background: Option<rayon::ThreadPool>,
    /// The photo processor, which remembers every photo it processed: a save
    /// processes only a new or changed photo.
    photos: Photos,
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
            templates_key: 0,
            site: Site::new(Vec::new(), Zone::utc()),
            files: BTreeSet::new(),
            failed: BTreeMap::new(),
            pending: Pending::default(),
            site_key: 0,
            prints: HashMap::new(),
            store: Store::new(served),
            deferred: 0,
            background: rayon::ThreadPoolBuilder::new()
                .thread_name(|i| format!("plenary-background-{i}"))
                .start_handler(|_| lower_priority())
                .build()
                .ok(),
            photos: Photos::for_site(root),
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
        match self.store.served.read() {
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
        self.deferred > 0
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
        outcome.changed = self.store.publish(&touched);
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
        let Changes {
            config,
            templates,
            all_statics,
            statics,
            mut events,
            rescan,
            profiles,
        } = classify(&self.root, paths);
        self.pending.config |= config;
        self.pending.templates |= templates;
        self.pending.statics |= all_statics;
        self.update_statics(&statics, touched)?;
        if rescan {
            let now: BTreeSet<PathBuf> = load::notes_files(&self.root, &self.root.join("content"))?
                .into_iter()
                .collect();
            events.extend(now.difference(&self.files).cloned());
            events.extend(self.files.difference(&now).cloned());
        }
        laps.lap("classify");
        self.update_events(&events, outcome, &mut laps);
        if profiles || rescan {
            let (profiles, warnings) = crate::profiles::load(&self.root);
            outcome.warnings.extend(warnings);
            if profiles != self.site.profiles {
                self.site.set_profiles(profiles);
                // Session pages link speakers by the profiles' aliases.
                self.prints.clear();
            }
        }

        if self.pending.config {
            let config = Config::load_with(&self.root, Some(&self.base_url))?;
            self.urls = Urls::new(&config);
            // The default zone may have changed: the events' times are worked out again.
            let events = std::mem::take(&mut self.site.events);
            let profiles = std::mem::take(&mut self.site.profiles);
            self.site = Site::with_profiles(events, config.zone(), profiles);
            self.config = config;
            self.pending.config = false;
            self.pending.full = true;
        }
        if self.pending.templates {
            (self.tera, self.templates_key) = templates::load_keyed(&self.root)?;
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
        plan::check_urls(&self.urls, &self.site.events)?;
        laps.lap("check_urls");
        self.update_media(&events, outcome, touched);
        laps.lap("media");

        // Static files win over pages in `publish`, so unlike a build's, this key
        // leaves their paths out: a new static file renders nothing again.
        let site_key = keys::site_key(&self.config, self.templates_key, &[], self.drafts);
        if site_key != self.site_key {
            self.prints.clear();
            self.site_key = site_key;
        }
        for source in &events {
            self.prints.remove(source);
        }
        let renderer = Renderer::new(&self.tera, &self.config, &self.urls, &self.site)?;
        let viewer = renderer.viewer();
        let missing: Vec<(PathBuf, EventPrints)> = (0..self.site.events.len())
            .into_par_iter()
            .filter(|&i| !self.prints.contains_key(&self.site.events[i].source))
            .map(|i| {
                let print = EventPrints::of(site_key, &viewer, i);
                (self.site.events[i].source.clone(), print)
            })
            .collect();
        self.prints.extend(missing);
        let prints: Vec<EventPrints> = self
            .site
            .events
            .iter()
            .map(|e| self.prints[&e.source])
            .collect();
        let plan = Plan::new(&renderer, &self.root, site_key, &prints);
        let names: Vec<String> = (0..plan.units.len()).map(|i| plan.name(i)).collect();
        laps.lap("plan");

        // A full rebuild renders every unit and replaces all pages at once, only once
        // everything rendered: a failure leaves the last good pages served.
        let full = self.pending.full;
        let current: HashSet<&str> = names.iter().map(String::as_str).collect();
        let gone = self.store.gone(&current);
        let stale =
            (0..plan.units.len()).filter(|&i| full || !self.store.holds(&names[i], plan.keys[i]));
        // The edited events' own pages first: the page a writer looks at shows without
        // waiting for the tag, speaker and home pages that depend on it.
        let (first, rest): (Vec<usize>, Vec<usize>) = stale.partition(|&i| {
            !full && matches!(plan.units[i], Unit::Event(e) if events.contains(&self.site.events[e].source))
        });
        let never = || false;
        let mut gone_now = gone.as_slice();
        if !first.is_empty() {
            let results = render(&plan, &names, &first, &never)?;
            laps.lap("render_own");
            let mut first_touched = BTreeSet::new();
            let committed = self
                .store
                .commit(results, gone_now, false, &mut first_touched)?;
            outcome.rendered += committed.0;
            gone_now = &[];
            laps.lap("commit_own");
            (hooks.early)(&self.store.publish(&first_touched));
            laps.lap("publish_own");
        }
        let results = match &self.background {
            Some(pool) if !full => {
                pool.install(|| render(&plan, &names, &rest, hooks.interrupted))?
            }
            _ => render(&plan, &names, &rest, &never)?,
        };
        laps.lap("render_rest");
        outcome.full = full;
        self.pending.full = false;
        let (count, left) = self.store.commit(results, gone_now, full, touched)?;
        outcome.rendered += count;
        self.deferred = left;
        outcome.deferred = left;
        laps.lap("commit_rest");
        laps.print(&format!("rebuild ({} units)", first.len() + rest.len()));
        Ok(())
    }

    /// Finds the photos of the notes again (a photo may be saved without its notes):
    /// an event whose photos changed gets new prints, and the photos' files are served
    /// beside the static files. Warnings are told for the files saved.
    fn update_media(
        &mut self,
        saved: &BTreeSet<PathBuf>,
        outcome: &mut Outcome,
        touched: &mut BTreeSet<String>,
    ) {
        let mut media = media::prepare(&self.root, &self.site.events, &self.photos);
        media.add_profiles(&self.root, &self.site.profiles, &self.photos);
        for event in &self.site.events {
            if media.print(&event.source) != self.site.media.print(&event.source) {
                self.prints.remove(&event.source);
            }
        }
        let full = self.pending.full;
        outcome.warnings.extend(
            media
                .warnings
                .iter()
                .filter(|w| full || saved.contains(&w.location.path))
                .cloned(),
        );
        let old = self.site.media.paths();
        let new = media.files();
        let new_paths: HashSet<&str> = new.iter().map(|f| f.path.as_str()).collect();
        for path in old.iter().filter(|p| !new_paths.contains(p.as_str())) {
            self.store.statics.remove(path);
            touched.insert(path.clone());
        }
        // Only a photo not served yet is read from the cache: its path names its
        // content, so a served one is the same.
        for file in new {
            if self.store.statics.contains_key(&file.path) {
                continue;
            }
            match file.read() {
                Ok(page) => {
                    touched.insert(page.path.clone());
                    self.store.statics.insert(page.path, Arc::from(page.bytes));
                }
                Err(e) => outcome.warnings.push(Warning {
                    location: e.location.unwrap_or(crate::error::Location {
                        path: file.source.clone(),
                        line: None,
                        col: None,
                    }),
                    message: e.message,
                }),
            }
        }
        self.site.media = media;
    }

    /// Re-reads changed static files (or all of them), the site's over the theme's.
    fn update_statics(
        &mut self,
        changed: &BTreeSet<String>,
        touched: &mut BTreeSet<String>,
    ) -> Result<()> {
        if self.pending.statics {
            let pages = load::static_files(&self.root)?;
            touched.extend(self.store.statics.drain().map(|(k, _)| k));
            for page in pages {
                touched.insert(page.path.clone());
                self.store.statics.insert(page.path, Arc::from(page.bytes));
            }
            self.pending.statics = false;
            return Ok(());
        }
        for key in changed {
            let path = self.root.join("static").join(key);
            touched.insert(key.clone());
            // As in a build, only regular files are static files: reading a pipe
            // dropped into static/ would hold the rebuild forever.
            let read = match std::fs::metadata(&path) {
                Ok(meta) if !meta.is_file() => Err(std::io::ErrorKind::NotFound.into()),
                _ => std::fs::read(&path),
            };
            match read {
                Ok(bytes) => {
                    self.store.statics.insert(key.clone(), Arc::from(bytes));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    match crate::theme::THEME_STATIC.iter().find(|(n, _)| n == key) {
                        Some((_, bytes)) => {
                            self.store.statics.insert(key.clone(), Arc::from(*bytes))
                        }
                        None => self.store.statics.remove(key),
                    };
                }
                Err(e) => return Err(Error::io(load::relative(&self.root, &path), e)),
            }
        }
        Ok(())
    }

    /// Re-parses the changed notes files and updates the site model.
    fn update_events(
        &mut self,
        changed: &BTreeSet<PathBuf>,
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
            } else {
                let warnings = p.warnings;
                rest.push((rel, Some(Ok(crate::notes::Parsed { event, warnings }))));
            }
        }
        laps.lap("in_place");
        if !rest.is_empty() {
            self.rebuild_site(rest, outcome);
        }
        laps.lap("rebuild_site");
    }

    /// Takes the changed files that cannot be updated in place out of the site and
    /// builds it again with their new versions.
    fn rebuild_site(
        &mut self,
        parsed: Vec<(PathBuf, Option<Result<crate::notes::Parsed>>)>,
        outcome: &mut Outcome,
    ) {
        let mut events = std::mem::take(&mut self.site.events);
        for (rel, result) in &parsed {
            if matches!(result, Some(Err(_))) {
                continue;
            }
            if let Some(i) = events.iter().position(|e| e.source == *rel) {
                events.remove(i);
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
                    }
                }
                None => {
                    self.failed.remove(&rel);
                    self.files.remove(&rel);
                }
            }
        }
        let profiles = std::mem::take(&mut self.site.profiles);
        self.site = Site::with_profiles(events, self.config.zone(), profiles);
    }
}

/// Renders the units `which` of the plan in parallel; one not started when
/// `interrupted` says so is left for later (its pages `None`).
fn render(
    plan: &Plan<'_>,
    names: &[String],
    which: &[usize],
    interrupted: &(dyn Fn() -> bool + Sync),
) -> Result<Vec<Rendered>> {
    which
        .par_iter()
        .map(|&i| {
            let pages = if interrupted() {
                None
            } else {
                // The search index gives up on its way too: it is built again once
                // the writer pauses (a rebuild with no paths, see `has_deferred`).
                plan.render_unless(i, interrupted)?
            };
            Ok(Rendered {
                name: names[i].clone(),
                key: plan.keys[i],
                pages,
                describe: plan.units[i].describe(plan.renderer.site),
            })
        })
        .collect()
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
