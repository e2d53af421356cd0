//! The site rendered in memory for `check`, every file with the source it came from:
//! the plan's units, as `build` renders them, then the static files over them.

use super::{Finding, Severity};
use crate::build;
use crate::config::Config;
use crate::error::Result;
use crate::load;
use crate::page::Page;
use crate::plan::Unit;
use crate::render::{Renderer, templates};
use crate::urls::Urls;
use std::collections::HashMap;
use std::path::PathBuf;

/// One output file and where it came from.
pub struct File {
    pub page: Page,
    /// The notes file of an event's files, or the site's static file; `None` for
    /// pages made of many sources (lists, tags) and the theme's own files.
    pub source: Option<PathBuf>,
}

impl File {
    /// The source file where there is one, else the output file.
    pub fn source_or_page(&self) -> String {
        match &self.source {
            Some(s) => s.display().to_string(),
            None => self.page.path.clone(),
        }
    }
}

/// The rendered site, and what rendering it found.
pub struct Rendered {
    pub files: Vec<File>,
    pub findings: Vec<Finding>,
}

/// Renders every unit of the plan and adds the static files, as a build writes them.
pub fn render(root: &std::path::Path, config: &Config, drafts: bool) -> Result<Rendered> {
    let (site, _) = build::load_site(root, config, drafts)?;
    let urls = Urls::new(config);
    let tera = templates::load(root)?;
    let renderer = Renderer::new(&tera, config, &urls, &site)?;
    let (plan, rendered) = build::render_all(&renderer, root)?;

    let mut files = Vec::new();
    let mut unit_of: HashMap<String, usize> = HashMap::new();
    for (i, pages) in rendered.into_iter().enumerate() {
        let source = match plan.units[i] {
            Unit::Event(e) => Some(site.events[e].source.clone()),
            _ => None,
        };
        for page in pages {
            unit_of.insert(page.path.clone(), i);
            files.push(File {
                page,
                source: source.clone(),
            });
        }
    }

    // The resized photos, as a build writes them beside the pages.
    files.extend(
        site.media
            .pages()?
            .into_iter()
            .map(|page| File { page, source: None }),
    );

    let mut findings = Vec::new();
    let mut at: HashMap<String, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.page.path.clone(), i))
        .collect();
    let own_static = root.join("static");
    for page in load::static_files(root)? {
        let own = own_static.join(&page.path).is_file();
        let source = own.then(|| PathBuf::from("static").join(&page.path));
        if let (true, Some(&unit)) = (own, unit_of.get(&page.path)) {
            findings.push(Finding {
                severity: Severity::Warning,
                place: format!("static/{}", page.path),
                message: format!(
                    "replaces {} that plenary renders at the same path ({}): rename the static file unless that is what you want",
                    page.path,
                    plan.units[unit].describe(&site)
                ),
            });
        }
        // As in a build, a later file replaces an earlier one of the same path.
        let file = File { page, source };
        match at.get(&file.page.path) {
            Some(&i) => files[i] = file,
            None => {
                at.insert(file.page.path.clone(), files.len());
                files.push(file);
            }
        }
    }
    Ok(Rendered { files, findings })
}
