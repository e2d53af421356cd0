//! `plenary build`: load everything, render everything in memory, then write.
//! Nothing is written unless the whole site rendered.

use crate::cache::{self, BuildCache, Unit};
use crate::config::Config;
use crate::error::{Error, Result, Warning};
use crate::load;
use crate::output::{self, WriteStats};
use crate::render::{Page, Renderer, templates};
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
    /// Tags, speakers and the site-wide files: how many groups of files there are...
    pub units: usize,
    /// ...and how many were kept from the last build, on the same terms as events.
    pub units_reused: usize,
    /// Files in the output.
    pub files: usize,
    pub warnings: Vec<Warning>,
    pub stats: WriteStats,
}

/// Loads the configuration with any `--base-url` override applied.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config> {
    let mut config = Config::load(root)?;
    if let Some(url) = base_url {
        config
            .set_base_url(url)
            .map_err(|m| Error::msg(format!("--base-url: {m}")))?;
    }
    Ok(config)
}

/// Renders the whole site in memory.
pub fn generate(root: &Path, config: &Config, drafts: bool) -> Result<Generated> {
    let loaded = load::load_content(root, drafts)?;
    let urls = Urls::new(config);
    check_urls(&urls, &loaded.events)?;
    let events = loaded.events.len();
    let site = Site::new(loaded.events, config.zone());
    let tera = templates::load(root)?;
    let renderer = Renderer {
        tera: &tera,
        config,
        urls: &urls,
        site: &site,
    };
    let mut pages = renderer.pages().map_err(|e| templates::locate(root, e))?;
    pages.extend(static_files(root)?);
    dedupe_static(&mut pages);
    Ok(Generated {
        pages,
        warnings: loaded.warnings,
        events,
    })
}

/// Builds the site into `options.output`. Events, tags and speakers whose inputs did not
/// change since the last build into the same folder keep their files (see
/// [`crate::cache`]); only what changed is rendered.
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
    loaded: load::Loaded,
) -> Result<BuildReport> {
    let (root, out) = (&options.root, &options.output);
    let urls = Urls::new(config);
    check_urls(&urls, &loaded.events)?;
    let site = Site::new(loaded.events, config.zone());
    let (tera, templates_key) = templates::load_keyed(root)?;
    let renderer = Renderer {
        tera: &tera,
        config,
        urls: &urls,
        site: &site,
    };

    let statics = static_files(root)?;
    let static_paths: Vec<String> = statics.iter().map(|p| p.path.clone()).collect();
    let site_key = cache::site_key(config, templates_key, &static_paths, options.drafts);
    let (events, lists) = (0..site.events.len())
        .into_par_iter()
        .map(|i| {
            (
                cache::event_key(site_key, &site, &urls, i),
                cache::list_key(site_key, &renderer, i),
            )
        })
        .unzip();
    let all_keys = cache::Keys { events, lists };
    let keys = &all_keys.events;
    let units = Unit::all(&site);
    let unit_keys: Vec<u64> = units
        .par_iter()
        .map(|u| cache::unit_key(site_key, &site, &all_keys, u))
        .collect();
    if !out.exists() {
        let keys = (&keys[..], &units[..], &unit_keys[..]);
        return build_fresh(options, &renderer, keys, statics, loaded.warnings);
    }

    let previous = BuildCache::read(root, out);
    let reused: Vec<Option<&cache::Entry>> = site
        .events
        .par_iter()
        .zip(keys)
        .map(|(e, &key)| previous.reusable(e, key, out))
        .collect();
    let units_reused: Vec<Option<&cache::Entry>> = units
        .par_iter()
        .zip(&unit_keys)
        .map(|(u, &key)| previous.reusable_unit(u, key, out))
        .collect();
    let (rendered, units_rendered) = rayon::join(
        || {
            (0..site.events.len())
                .into_par_iter()
                .filter(|&i| reused[i].is_none())
                .map(|i| renderer.event_files(i).map(|pages| (i, pages)))
                .collect::<Result<Vec<_>>>()
        },
        || {
            (0..units.len())
                .into_par_iter()
                .filter(|&i| units_reused[i].is_none())
                .map(|i| render_unit(&renderer, &units[i]).map(|pages| (i, pages)))
                .collect::<Result<Vec<_>>>()
        },
    );
    let (rendered, units_rendered) = (rendered?, units_rendered?);

    let mut next = BuildCache::default();
    let mut pages: Vec<Page> = Vec::new();
    let mut kept: Vec<String> = Vec::new();
    for (i, entry) in reused.iter().enumerate() {
        if let Some(entry) = entry {
            kept.extend(entry.files.iter().cloned());
            next.events
                .insert(site.events[i].source.clone(), (*entry).clone());
        }
    }
    for (i, entry) in units_reused.iter().enumerate() {
        if let Some(entry) = entry {
            kept.extend(entry.files.iter().cloned());
            next.units.insert(units[i].name(), (*entry).clone());
        }
    }
    for (i, event_pages) in rendered {
        next.events.insert(
            site.events[i].source.clone(),
            cache::Entry::new(keys[i], &event_pages),
        );
        pages.extend(event_pages);
    }
    for (i, unit_pages) in units_rendered {
        next.units.insert(
            units[i].name(),
            cache::Entry::new(unit_keys[i], &unit_pages),
        );
        pages.extend(unit_pages);
    }
    next.static_files = static_paths;
    pages.extend(statics);
    dedupe_static(&mut pages);
    // A static file at a kept page's path replaces it (as it would a rendered one).
    let written: HashSet<&str> = next.static_files.iter().map(String::as_str).collect();
    kept.retain(|k| !written.contains(k.as_str()));

    BuildCache::forget(root, out);
    let stats = output::write_keeping(out, &pages, &kept, previous.all_files().as_deref())?;
    next.save(root, out);
    Ok(BuildReport {
        events: site.events.len(),
        events_reused: reused.iter().filter(|r| r.is_some()).count(),
        units: units.len(),
        units_reused: units_reused.iter().filter(|r| r.is_some()).count(),
        files: pages.len() + kept.len(),
        warnings: loaded.warnings,
        stats,
    })
}

/// The fingerprints of a build's events and units, and the units themselves.
type Keys<'k, 's> = (&'k [u64], &'k [Unit<'s>], &'k [u64]);

/// A first build into a folder that does not exist yet: each event's and unit's files
/// are written (to a staging folder renamed into place at the end) as soon as they are
/// rendered, so the whole site is never held in memory at once.
fn build_fresh(
    options: &BuildOptions,
    renderer: &Renderer<'_>,
    (keys, units, unit_keys): Keys<'_, '_>,
    statics: Vec<Page>,
    warnings: Vec<Warning>,
) -> Result<BuildReport> {
    let (root, out) = (&options.root, &options.output);
    let site = renderer.site;
    let staging = output::Staging::new(out)?;
    let (events, units_done) = rayon::join(
        || {
            (0..site.events.len())
                .into_par_iter()
                .map(|i| {
                    let pages = renderer.event_files(i)?;
                    staging.write(&pages)?;
                    let entry = cache::Entry::new(keys[i], &pages);
                    Ok((site.events[i].source.clone(), entry))
                })
                .collect::<Result<Vec<_>>>()
        },
        || {
            units
                .par_iter()
                .zip(unit_keys)
                .map(|(unit, &key)| {
                    let pages = render_unit(renderer, unit)?;
                    staging.write(&pages)?;
                    Ok((unit.name(), cache::Entry::new(key, &pages)))
                })
                .collect::<Result<Vec<_>>>()
        },
    );
    let (events, units_done) = (events?, units_done?);
    // Static files last: a site's static file replaces a page of the same path.
    staging.write(&statics)?;
    BuildCache::forget(root, out);
    staging.commit()?;

    let mut next = BuildCache::default();
    next.events.extend(events);
    next.units.extend(units_done);
    next.static_files = statics.into_iter().map(|p| p.path).collect();
    let mut all: HashSet<&str> = next.static_files.iter().map(String::as_str).collect();
    for entry in next.events.values().chain(next.units.values()) {
        all.extend(entry.files.iter().map(String::as_str));
    }
    let files = all.len();
    next.save(root, out);
    Ok(BuildReport {
        events: site.events.len(),
        events_reused: 0,
        units: units.len(),
        units_reused: 0,
        files,
        warnings,
        stats: WriteStats {
            written: files,
            ..WriteStats::default()
        },
    })
}

/// Renders the files of one unit.
fn render_unit(renderer: &Renderer<'_>, unit: &Unit<'_>) -> Result<Vec<Page>> {
    match unit {
        Unit::Tag(slug) => Ok(vec![renderer.tag_page(slug)?]),
        Unit::TagFeed(slug) => Ok(crate::publish::atom::tag_feed(renderer, slug)
            .into_iter()
            .collect()),
        Unit::Speaker(slug) => Ok(vec![renderer.speaker_page(slug)?]),
        Unit::Lists => renderer.site_lists(),
        Unit::Site => crate::publish::site_files(renderer),
    }
}

/// Every event needs a date for a dated URL, and no two events may share a URL.
pub fn check_urls(urls: &Urls, events: &[crate::model::Event]) -> Result<()> {
    let mut seen: HashMap<String, &Path> = HashMap::new();
    for event in events {
        let Some(rel) = urls.event(event) else {
            return Err(Error::at_line(
                &event.source,
                1,
                "this event has no date: add `date = 2025-05-07` to its front matter (between `+++` lines) or start the file name with the date",
            ));
        };
        if let Some(other) = seen.insert(rel.clone(), &event.source) {
            return Err(Error::at(
                &event.source,
                format!(
                    "this event and {} both have the URL /{rel}: give one of them another `slug` in its front matter",
                    other.display()
                ),
            ));
        }
    }
    Ok(())
}

/// The theme's static files, then the site's `static/` over them.
pub fn static_files(root: &Path) -> Result<Vec<Page>> {
    let mut pages: Vec<Page> = templates::THEME_STATIC
        .iter()
        .map(|(name, bytes)| Page {
            path: name.to_string(),
            bytes: bytes.to_vec(),
        })
        .collect();
    let dir = root.join("static");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| Error::at(load::relative(root, &dir), e.to_string()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = load::relative(&dir, entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            if rel.split('/').any(|p| p.starts_with('.')) || rel.ends_with('~') {
                continue;
            }
            let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            pages.push(Page { path: rel, bytes });
        }
    }
    Ok(pages)
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
