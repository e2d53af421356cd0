//! `plenary build`: load everything, render everything in memory, then write.
//! Nothing is written unless the whole site rendered.

use crate::config::Config;
use crate::error::{Error, Result, Warning};
use crate::load;
use crate::output::{self, WriteStats};
use crate::render::{Page, Renderer, templates};
use crate::site::Site;
use crate::urls::Urls;
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
    pub generated: Generated,
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

/// Builds the site into `options.output`.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    check_output_dir(&options.root, &options.output)?;
    let config = load_config(&options.root, options.base_url.as_deref())?;
    let generated = generate(&options.root, &config, options.drafts)?;
    let stats = output::write(&options.output, &generated.pages)?;
    Ok(BuildReport { generated, stats })
}

/// Every event needs a date for a dated URL, and no two events may share a URL.
fn check_urls(urls: &Urls, events: &[crate::model::Event]) -> Result<()> {
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
fn static_files(root: &Path) -> Result<Vec<Page>> {
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
