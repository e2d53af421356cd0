//! `plenary build`: load everything, render everything in memory, then write.
//! Nothing is written unless the whole site rendered.

use crate::cache::{self, BuildCache};
use crate::config::Config;
use crate::error::{Error, Result, Warning};
use crate::load;
use crate::output::{self, WriteStats};
use crate::render::{Page, Renderer, templates};
use crate::site::Site;
use crate::urls::Urls;
use rayon::prelude::*;
use std::collections::HashMap;
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
    let site = Site::new(loaded.events);
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

/// Builds the site into `options.output`. Events whose inputs did not change since
/// the last build into the same folder keep their files (see [`crate::cache`]); all
/// site-wide pages are rendered every time.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_site(options).map_err(|e| templates::locate(&options.root, e))
}

fn build_site(options: &BuildOptions) -> Result<BuildReport> {
    let (root, out) = (&options.root, &options.output);
    check_output_dir(root, out)?;
    let config = load_config(root, options.base_url.as_deref())?;
    let loaded = load::load_content(root, options.drafts)?;
    let urls = Urls::new(&config);
    check_urls(&urls, &loaded.events)?;
    let site = Site::new(loaded.events);
    let (tera, templates_key) = templates::load_keyed(root)?;
    let renderer = Renderer {
        tera: &tera,
        config: &config,
        urls: &urls,
        site: &site,
    };

    let site_key = cache::site_key(&config, templates_key, options.drafts);
    if !out.exists() {
        return build_fresh(options, &renderer, site_key, loaded.warnings);
    }
    let previous = BuildCache::read(root, out);
    let keys: Vec<u64> = (0..site.events.len())
        .map(|i| cache::event_key(site_key, &site, &urls, i))
        .collect();
    let reused: Vec<Option<&cache::Entry>> = site
        .events
        .iter()
        .zip(&keys)
        .map(|(e, &key)| previous.reusable(e, key, out))
        .collect();
    let rendered: Vec<(usize, Vec<Page>)> = (0..site.events.len())
        .into_par_iter()
        .filter(|&i| reused[i].is_none())
        .map(|i| renderer.event_files(i).map(|pages| (i, pages)))
        .collect::<Result<_>>()?;
    let mut pages = site_wide_pages(&renderer, root)?;

    let mut next = BuildCache::default();
    next.site_files = pages.iter().map(|p| p.path.clone()).collect();
    let mut kept: Vec<String> = Vec::new();
    for (i, entry) in reused.iter().enumerate() {
        if let Some(entry) = entry {
            kept.extend(entry.files.iter().cloned());
            next.events
                .insert(site.events[i].source.clone(), (*entry).clone());
        }
    }
    for (i, event_pages) in rendered {
        let files = event_pages.iter().map(|p| p.path.clone()).collect();
        next.events.insert(
            site.events[i].source.clone(),
            cache::Entry {
                key: keys[i],
                files,
            },
        );
        pages.extend(event_pages);
    }

    BuildCache::forget(root, out);
    let stats = output::write_keeping(out, &pages, &kept, previous.all_files().as_deref())?;
    next.save(root, out);
    Ok(BuildReport {
        events: site.events.len(),
        events_reused: reused.iter().filter(|r| r.is_some()).count(),
        files: pages.len() + kept.len(),
        warnings: loaded.warnings,
        stats,
    })
}

/// A first build into a folder that does not exist yet: each event's files are
/// written (to a staging folder renamed into place at the end) as soon as they are
/// rendered, so the whole site is never held in memory at once.
fn build_fresh(
    options: &BuildOptions,
    renderer: &Renderer<'_>,
    site_key: u64,
    warnings: Vec<Warning>,
) -> Result<BuildReport> {
    let (root, out) = (&options.root, &options.output);
    let site = renderer.site;
    let staging = output::Staging::new(out)?;
    let entries: Vec<(PathBuf, cache::Entry)> = (0..site.events.len())
        .into_par_iter()
        .map(|i| {
            let pages = renderer.event_files(i)?;
            staging.write(&pages)?;
            let entry = cache::Entry {
                key: cache::event_key(site_key, site, renderer.urls, i),
                files: pages.into_iter().map(|p| p.path).collect(),
            };
            Ok((site.events[i].source.clone(), entry))
        })
        .collect::<Result<_>>()?;
    let pages = site_wide_pages(renderer, root)?;
    staging.write(&pages)?;
    BuildCache::forget(root, out);
    staging.commit()?;

    let mut next = BuildCache::default();
    next.site_files = pages.into_iter().map(|p| p.path).collect();
    let files = next.site_files.len() + entries.iter().map(|(_, e)| e.files.len()).sum::<usize>();
    next.events.extend(entries);
    next.save(root, out);
    Ok(BuildReport {
        events: site.events.len(),
        events_reused: 0,
        files,
        warnings,
        stats: WriteStats {
            written: files,
            ..WriteStats::default()
        },
    })
}

/// The files that belong to no one event: index pages, feeds, search, and the
/// theme's and site's static files.
fn site_wide_pages(renderer: &Renderer<'_>, root: &Path) -> Result<Vec<Page>> {
    let mut pages = renderer.index_pages()?;
    pages.extend(static_files(root)?);
    dedupe_static(&mut pages);
    Ok(pages)
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
