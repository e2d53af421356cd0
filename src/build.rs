//! `plenary build`: load everything, plan the output ([`crate::plan`]), render the
//! units whose keys changed since the last build into the same folder, then write.
//! Nothing is written unless the whole site rendered.

use crate::cache::{self, BuildCache};
use crate::config::Config;
use crate::error::{Error, Result, Warning};
use crate::load;
use crate::media::{self, Photos};
use crate::output::{self, FilePage, WriteStats};
use crate::page::Page;
use crate::plan::keys::{self, EventPrints};
use crate::plan::{self, Plan, Unit};
use crate::profiles;
use crate::render::{Renderer, templates};
use crate::site::Site;
use crate::urls::Urls;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What to build, resolved from the command line once.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: the folder with `site.toml` and `content/`.
    pub root: PathBuf,
    /// Where to write; `public/` under the root by default.
    pub output: PathBuf,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Includes events with `draft = true`.
    pub drafts: bool,
    /// Builds into an output folder holding files plenary did not write (they are left
    /// alone, except where a page goes).
    pub force: bool,
}

/// A site rendered in memory.
#[derive(Debug)]
pub struct Generated {
    pub pages: Vec<Page>,
    pub warnings: Vec<Warning>,
    pub events: usize,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub events: usize,
    /// Events whose files were kept from the last build: nothing they depend on changed.
    pub events_reused: usize,
    /// Tags, speakers and the site-wide files: how many units of the plan besides the
    /// events there are...
    pub units: usize,
    /// ...and how many were kept from the last build, on the same terms as events.
    pub units_reused: usize,
    /// Files in the output.
    pub files: usize,
    pub warnings: Vec<Warning>,
    pub stats: WriteStats,
    /// Social cards drawn: a card found in `.plenary/cards/` is not drawn again.
    pub cards_drawn: usize,
    /// A first build's files, each path (relative to the output) with its size: all
    /// the output folder holds, known without looking at it again. `None` after a
    /// build into a folder that was there before.
    pub fresh_files: Option<Vec<(String, u64)>>,
}

/// Loads the configuration with any `--base-url` override applied.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config> {
    Config::load_with(root, base_url)
}

/// The events of `root` as a whole render needs them: loaded, their URLs checked and
/// their photos prepared; with the warnings of both.
pub fn load_site(root: &Path, config: &Config, drafts: bool) -> Result<(Site, Vec<Warning>)> {
    let loaded = load::load_content(root, drafts)?;
    plan::check_urls(&Urls::new(config), &loaded.events)?;
    let (site, warnings) = assemble(root, config, loaded);
    Ok((site, warnings))
}

/// The site of the loaded events with the speakers' profiles merged in and every photo
/// prepared, and the warnings of all three.
fn assemble(root: &Path, config: &Config, loaded: load::Loaded) -> (Site, Vec<Warning>) {
    let (profiles, profile_warnings) = profiles::load(root);
    let mut site = Site::with_profiles(loaded.events, config.zone(), profiles);
    let photos = Photos::for_site(root);
    site.media = media::prepare(root, &site.events, &photos);
    site.media.add_profiles(root, &site.profiles, &photos);
    let mut warnings = loaded.warnings;
    warnings.extend(profile_warnings);
    warnings.extend(site.media.warnings.iter().cloned());
    (site, warnings)
}

/// Every unit of the site's plan rendered (in parallel), after checking that no two
/// units claim one path: the pages of each unit, in the plan's order.
pub fn render_all<'a>(
    renderer: &'a Renderer<'a>,
    root: &'a Path,
) -> Result<(Plan<'a>, Vec<Vec<Page>>)> {
    // Keys are not compared here: any will do.
    let prints = vec![
        EventPrints {
            content: 0,
            list: 0
        };
        renderer.site.events.len()
    ];
    let plan = Plan::new(renderer, root, 0, &prints);
    let rendered = (0..plan.units.len())
        .into_par_iter()
        .map(|i| plan.render(i))
        .collect::<Result<Vec<_>>>()?;
    let claims = rendered.iter().enumerate();
    let claims = claims.flat_map(|(i, pages)| pages.iter().map(move |p| (i, p.path.as_str())));
    plan::check_claims(claims, |i| plan.units[i].describe(renderer.site))?;
    Ok((plan, rendered))
}

/// Renders the whole site in memory: every unit of the plan, then the static files.
pub fn generate(root: &Path, config: &Config, drafts: bool) -> Result<Generated> {
    let (site, warnings) = load_site(root, config, drafts)?;
    let events = site.events.len();
    let urls = Urls::new(config);
    let tera = templates::load(root)?;
    let renderer = Renderer::new(&tera, config, &urls, &site)?;
    let (_, rendered) = render_all(&renderer, root)?;
    let mut pages: Vec<Page> = rendered.into_iter().flatten().collect();
    pages.extend(site.media.pages()?);
    pages.extend(load::static_files(root)?);
    dedupe_static(&mut pages);
    Ok(Generated {
        pages,
        warnings,
        events,
    })
}

/// Builds the site into `options.output`. Units of the plan whose keys did not change
/// since the last build into the same folder keep their files (see [`crate::cache`]);
/// only what changed is rendered.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_site(options).map_err(|e| templates::locate(&options.root, e))
}

fn build_site(options: &BuildOptions) -> Result<BuildReport> {
    let (root, out) = (&options.root, &options.output);
    check_output_dir(root, out)?;
    let config = load_config(root, options.base_url.as_deref())?;
    let (loaded, to_store) = load::load_content_cached(root, options.drafts)?;
    // The parses are stored for the next build while this one renders.
    std::thread::scope(|scope| {
        if let Some(files) = to_store {
            scope.spawn(|| cache::notes::save(root, files));
        }
        build_loaded(options, &config, loaded)
    })
}

fn build_loaded(
    options: &BuildOptions,
    config: &Config,
    mut loaded: load::Loaded,
) -> Result<BuildReport> {
    let (root, out) = (&options.root, &options.output);
    let urls = Urls::new(config);
    plan::check_urls(&urls, &loaded.events)?;
    let drafts = std::mem::take(&mut loaded.drafts);
    let (site, warnings) = assemble(root, config, loaded);
    let (tera, templates_key) = templates::load_keyed(root)?;
    let renderer = Renderer::new(&tera, config, &urls, &site)?;

    let mut statics = load::static_files(root)?;
    // One page a path: the files of one stage are written in parallel, so two of the
    // same path would race for it.
    dedupe_static(&mut statics);
    let static_paths: Vec<String> = statics.iter().map(|p| p.path.clone()).collect();
    let site_key = keys::site_key(config, templates_key, &static_paths, options.drafts);
    // Photos are copied from their cache beside the static files, which win a shared
    // path; they are not in the site's key: a new photo changes only the pages that
    // show it.
    let photos = photo_files(&site, &static_paths);
    let prints = EventPrints::all(site_key, &renderer.viewer());
    let plan = Plan::new(&renderer, root, site_key, &prints);
    let names: Vec<String> = (0..plan.units.len()).map(|i| plan.name(i)).collect();
    if !out.exists() {
        return build_fresh(options, &plan, &names, (statics, photos), warnings, &drafts);
    }

    let tx = output::Transaction::begin(out, options.force)?;
    // Kept files are trusted only in a folder plenary knows it wrote.
    let previous = match tx.knows_its_files() {
        true => BuildCache::read(root, out),
        false => BuildCache::default(),
    };
    let reused: Vec<Option<&cache::Entry>> = (0..plan.units.len())
        .into_par_iter()
        .map(|i| previous.reusable(&names[i], plan.keys[i], out))
        .collect();
    let rendered = (0..plan.units.len())
        .into_par_iter()
        .filter(|&i| reused[i].is_none())
        .map(|i| plan.render(i).map(|pages| (i, pages)))
        .collect::<Result<Vec<_>>>()?;
    let kept_claims = reused
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, (*e)?)));
    let kept_claims = kept_claims.flat_map(|(i, e)| e.files.iter().map(move |f| (i, f.as_str())));
    let new_claims = rendered.iter();
    let new_claims = new_claims.flat_map(|(i, pages)| pages.iter().map(|p| (*i, p.path.as_str())));
    plan::check_claims(kept_claims.chain(new_claims), |i| {
        plan.units[i].describe(&site)
    })?;

    let mut next = BuildCache::default();
    let mut pages: Vec<Page> = Vec::new();
    let mut kept: Vec<String> = Vec::new();
    for (i, entry) in reused.iter().enumerate() {
        if let Some(entry) = entry {
            kept.extend(entry.files.iter().cloned());
            next.units.insert(names[i].clone(), (*entry).clone());
        }
    }
    for (i, unit_pages) in rendered {
        let entry = entry_of(&plan, i, &unit_pages);
        next.units.insert(names[i].clone(), entry);
        pages.extend(unit_pages);
    }
    next.static_files = static_paths;
    pages.extend(statics);
    dedupe_static(&mut pages);
    // A static file at a kept page's path replaces it (as it would a rendered one).
    let written: HashSet<&str> = next.static_files.iter().map(String::as_str).collect();
    kept.retain(|k| !written.contains(k.as_str()));

    tx.stage(&pages)?;
    tx.stage_files(&photos)?;
    BuildCache::forget(root, out);
    let stats = tx.commit(&kept)?;
    let cards = next.cards_in_use(root);
    next.save(root, out);
    tidy_cache(root, &site, &drafts, &cards);
    let is_event = |i: &usize| matches!(plan.units[*i], Unit::Event(_));
    let reused_units: Vec<usize> = (0..reused.len()).filter(|&i| reused[i].is_some()).collect();
    let events_reused = reused_units.iter().filter(|i| is_event(i)).count();
    Ok(BuildReport {
        events: site.events.len(),
        events_reused,
        units: plan.units.len() - site.events.len(),
        units_reused: reused_units.len() - events_reused,
        files: pages.len() + photos.len() + kept.len(),
        warnings,
        stats,
        cards_drawn: plan.cards.drawn(),
        fresh_files: None,
    })
}

/// A first build into a folder that does not exist yet: each unit's files are staged
/// as soon as they are rendered, so the whole site is never held in memory at once.
fn build_fresh(
    options: &BuildOptions,
    plan: &Plan<'_>,
    names: &[String],
    (statics, photos): (Vec<Page>, Vec<FilePage>),
    warnings: Vec<Warning>,
    drafts: &[PathBuf],
) -> Result<BuildReport> {
    let (root, out) = (&options.root, &options.output);
    let staging = output::Transaction::begin(out, options.force)?;
    let done = (0..plan.units.len())
        .into_par_iter()
        .map(|i| {
            let pages = plan.render(i)?;
            staging.stage(&pages)?;
            let sizes: Vec<u64> = pages.iter().map(|p| p.bytes.len() as u64).collect();
            Ok(((names[i].clone(), entry_of(plan, i, &pages)), sizes))
        })
        .collect::<Result<Vec<_>>>()?;
    let (done, sizes): (Vec<(String, cache::Entry)>, Vec<Vec<u64>>) = done.into_iter().unzip();
    // Nothing is in place before this check: a failed one leaves the output as it was.
    let claims = done.iter().enumerate();
    let claims = claims.flat_map(|(i, (_, e))| e.files.iter().map(move |f| (i, f.as_str())));
    plan::check_claims(claims, |i| plan.units[i].describe(plan.renderer.site))?;
    // Static files last: a site's static file replaces a page of the same path (a
    // path staged again is written again).
    staging.stage_files(&photos)?;
    staging.stage(&statics)?;
    BuildCache::forget(root, out);
    let stats = staging.commit(&[])?;

    // Every file in the output, by path; a static file is staged last, over a page.
    let mut fresh: HashMap<&str, u64> = HashMap::new();
    for ((_, entry), sizes) in done.iter().zip(&sizes) {
        fresh.extend(
            entry
                .files
                .iter()
                .map(String::as_str)
                .zip(sizes.iter().copied()),
        );
    }
    for photo in &photos {
        let size = std::fs::metadata(&photo.source).map_or(0, |m| m.len());
        fresh.insert(&photo.path, size);
    }
    fresh.extend(
        statics
            .iter()
            .map(|p| (p.path.as_str(), p.bytes.len() as u64)),
    );
    let fresh_files: Vec<(String, u64)> =
        fresh.into_iter().map(|(p, n)| (p.to_string(), n)).collect();

    let mut next = BuildCache::default();
    next.units.extend(done);
    next.static_files = statics.into_iter().map(|p| p.path).collect();
    let mut all: HashSet<&str> = next.static_files.iter().map(String::as_str).collect();
    all.extend(photos.iter().map(|f| f.path.as_str()));
    for entry in next.units.values() {
        all.extend(entry.files.iter().map(String::as_str));
    }
    let files = all.len();
    let cards = next.cards_in_use(root);
    next.save(root, out);
    tidy_cache(root, plan.renderer.site, drafts, &cards);
    let events = plan.renderer.site.events.len();
    Ok(BuildReport {
        events,
        events_reused: 0,
        units: plan.units.len() - events,
        units_reused: 0,
        files,
        warnings,
        stats,
        cards_drawn: plan.cards.drawn(),
        fresh_files: Some(fresh_files),
    })
}

/// The cache entry of unit `i` of `plan`, just rendered into `pages`.
fn entry_of(plan: &Plan<'_>, i: usize, pages: &[Page]) -> cache::Entry {
    let mut entry = cache::Entry::new(plan.keys[i], pages);
    entry.cards = pages
        .iter()
        .filter(|p| p.path.ends_with(".png"))
        .filter_map(|p| plan.cards.entry_of(&p.path))
        .collect();
    entry
}

/// After a successful build, removes from `.plenary/` the processed photos and the
/// cards that nothing uses any more: none of this build's pages (kept or rendered),
/// no draft it left out, and no other output folder's last build (`cards`). A photo
/// removed from the notes then takes no disk space for ever; one still in use is
/// never processed again. Returns how many entries went.
fn tidy_cache(root: &Path, site: &Site, drafts: &[PathBuf], cards: &HashSet<String>) -> usize {
    let mut photos = site.media.keys();
    if !drafts.is_empty() {
        photos.extend(media::keys_of(root, drafts, &media::Settings::default()));
    }
    media::sweep(root, &photos) + crate::cards::sweep(root, cards)
}

/// The files of the site's photos, less those at a static file's path (which wins).
fn photo_files(site: &Site, static_paths: &[String]) -> Vec<FilePage> {
    let statics: HashSet<&str> = static_paths.iter().map(String::as_str).collect();
    let mut files = site.media.files();
    files.retain(|f| !statics.contains(f.path.as_str()));
    files
}

/// Later pages win: a site's static file replaces the theme's of the same name.
fn dedupe_static(pages: &mut Vec<Page>) {
    let mut seen = std::collections::HashSet::new();
    let mut keep = vec![true; pages.len()];
    for (i, p) in pages.iter().enumerate().rev() {
        if !seen.insert(p.path.clone()) {
            keep[i] = false;
        }
    }
    let mut flags = keep.into_iter();
    pages.retain(|_| flags.next().unwrap_or(true));
}

/// Refuses an output directory that is the site root, holds the sources, or lies
/// inside them.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Canonicalise the longest existing ancestor, then add the rest.
        let mut existing = p.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => break,
            }
        }
        let mut out = existing
            .canonicalize()
            .unwrap_or_else(|_| existing.to_path_buf());
        for part in rest.iter().rev() {
            out.push(part);
        }
        out
    };
    let out = abs(output);
    let root = abs(root);
    for src in ["content", "templates", "static"] {
        let src_dir = root.join(src);
        if out.starts_with(&src_dir) {
            return Err(Error::at(
                output,
                format!(
                    "the output directory is inside `{src}/`: choose another --output-dir, such as `public`"
                ),
            ));
        }
    }
    if root.starts_with(&out) {
        return Err(Error::at(
            output,
            "the output directory would replace the site's own files: choose another --output-dir, such as `public`",
        ));
    }
    Ok(())
}
