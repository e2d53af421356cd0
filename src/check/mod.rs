//! `plenary check`: renders the site in memory, as `build` would write it, and checks
//! it as readers' browsers and feed readers will follow it: every internal link and
//! `#anchor` (in pages, feeds, calendars, the sitemap, robots.txt and the search
//! index) finds its file and id, every image exists, every page is reachable from the
//! home page, and no two files claim one URL. With `--external`, links to other sites
//! are tried too ([`external`]). Findings point at the notes file and line that hold
//! the link where there is one, else at the page.

pub mod external;
pub mod hosts;
pub mod html;
mod refs;
mod site;

use crate::config::Config;
use crate::encoding;
use crate::error::Result;
use crate::urls::BaseUrl;
use refs::{Target, classify};
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::PathBuf;

/// What to check, resolved from the command line once.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// The site root: the folder with `site.toml` and `content/`.
    pub root: PathBuf,
    /// Overrides `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Includes events with `draft = true`.
    pub drafts: bool,
    /// Tries the links to other sites, with these settings.
    pub external: Option<external::Settings>,
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// A broken link, a missing image or anchor, a URL claimed twice: `check` fails.
    Error,
    /// Worth a look, never failing: an orphaned page, a static file over a page, an
    /// external link that did not answer well.
    Warning,
}

/// One problem found, where the writer can fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    /// `content/a.md:12` where the source holds it, else the output file and its line
    /// (`2025/forum/index.html:40`).
    pub place: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.place, self.message)
    }
}

/// What `check` found.
#[derive(Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Files of the site checked.
    pub files: usize,
    /// Internal references followed.
    pub internal: usize,
    /// Distinct external URLs referenced (tried only with `--external`).
    pub external: usize,
    /// What `--external` saw, when it ran.
    pub external_summary: Option<external::Summary>,
}

impl Report {
    /// How many findings fail the check.
    pub fn errors(&self) -> usize {
        let errors = self.findings.iter();
        errors.filter(|f| f.severity == Severity::Error).count()
    }
}

/// A reference found in an output file, with where it stands.
struct Found {
    file: usize,
    tag: String,
    url: String,
    line: usize,
}

/// Renders the site in memory and checks it.
pub fn check(options: &CheckOptions) -> Result<Report> {
    let config = Config::load_with(&options.root, options.base_url.as_deref())?;
    let rendered = site::render(&options.root, &config, options.drafts)?;
    let base = BaseUrl::parse(&config.base_url);
    let mut report = Report {
        files: rendered.files.len(),
        findings: rendered.findings,
        ..Report::default()
    };
    let files = &rendered.files;
    let by_path: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.page.path.as_str(), i))
        .collect();

    // Every file's references, and every page's ids.
    let mut found = Vec::new();
    let mut ids: HashMap<usize, HashSet<String>> = HashMap::new();
    for (i, file) in files.iter().enumerate() {
        let scan = refs::scan(&file.page.path, &file.page.bytes);
        if let Some(page_ids) = scan.ids {
            ids.insert(i, page_ids.into_iter().collect());
        }
        found.extend(scan.references.into_iter().map(|r| Found {
            file: i,
            tag: r.tag,
            url: r.url,
            line: r.line,
        }));
    }

    let sources = SourceTexts::new(&options.root);
    let mut links: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut external_urls: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut reported: HashMap<(String, String), (usize, usize)> = HashMap::new();
    let mut broken: Vec<Finding> = Vec::new();
    for r in &found {
        let file = &files[r.file];
        let target = classify(&r.url, &file.page.path, &base);
        let problem = match target {
            Target::Skip => None,
            Target::External(url) => {
                let place = sources.place(file, r);
                external_urls.entry(url).or_default().push(place);
                None
            }
            Target::Outside(path) => Some(format!(
                "{} {} points outside the site: it lives under {}, so write the link as {}{}",
                what(&r.tag),
                r.url,
                base.path,
                base.path,
                path.trim_start_matches('/')
            )),
            Target::Internal { rel, fragment } => {
                report.internal += 1;
                match refs::find(&by_path, &rel) {
                    None => Some(format!(
                        "{} {} finds no file in the site{}",
                        what(&r.tag),
                        r.url,
                        refs::near(&by_path, &rel)
                            .map(|p| format!(" (did you mean {}{p}?)", base.path))
                            .unwrap_or_default()
                    )),
                    Some(target) => {
                        links.entry(r.file).or_default().push(target);
                        match (fragment, ids.get(&target)) {
                            (Some(fragment), Some(target_ids))
                                if !target_ids.contains(&fragment) && fragment != "top" =>
                            {
                                Some(format!(
                                    "{} {} finds its page, but no id `{fragment}` on it",
                                    what(&r.tag),
                                    r.url
                                ))
                            }
                            _ => None,
                        }
                    }
                }
            }
        };
        if let Some(message) = problem {
            let (place, in_source) = sources.place_of(file, r);
            // A link in the notes is reported at its line once, however many pages show
            // it; a link a template writes, once for all the pages that have it.
            let key = match in_source {
                true => (place.clone(), r.url.clone()),
                false => (String::new(), message.clone()),
            };
            match reported.get_mut(&key) {
                Some((_, pages)) => *pages += 1,
                None => {
                    reported.insert(key, (broken.len(), 1));
                    broken.push(Finding {
                        severity: Severity::Error,
                        place,
                        message: format!("{message} (in {})", file.page.path),
                    });
                }
            }
        }
    }
    for (_, (i, pages)) in reported {
        if pages > 1 {
            broken[i].message = format!(
                "{} and {} more file{}",
                broken[i].message.trim_end_matches(')'),
                pages - 1,
                if pages == 2 { ")" } else { "s)" }
            );
        }
    }
    report.findings.extend(broken);
    report.findings.extend(orphans(files, &by_path, &links));
    report.findings.extend(same_url(files));
    report.external = external_urls.len();
    if let Some(settings) = &options.external {
        let (summary, findings) = external::check(settings, &options.root, &external_urls);
        report.external_summary = Some(summary);
        report.findings.extend(findings);
    }
    report
        .findings
        .sort_by_key(|f| (f.severity, place_key(&f.place)));
    Ok(report)
}

/// `content/a.md:12` as (`content/a.md`, 12): line 9 before line 10.
fn place_key(place: &str) -> (String, usize) {
    match place.rsplit_once(':') {
        Some((path, line)) if line.parse::<usize>().is_ok() => {
            (path.to_string(), line.parse().unwrap_or(0))
        }
        _ => (place.to_string(), 0),
    }
}

/// How a finding names the reference, by its element.
fn what(tag: &str) -> &'static str {
    match tag {
        "img" | "source" | "icon" | "logo" | "image" => "the image",
        "script" => "the script",
        "link" => "the linked file",
        _ => "the link",
    }
}

/// HTML pages no reader can reach by following links from the home page (or the 404
/// page, which hosts show for any missing address).
fn orphans(
    files: &[site::File],
    by_path: &HashMap<&str, usize>,
    links: &HashMap<usize, Vec<usize>>,
) -> Vec<Finding> {
    let mut seen: HashSet<usize> = HashSet::new();
    let mut queue: VecDeque<usize> = ["index.html", "404.html"]
        .iter()
        .filter_map(|p| by_path.get(p).copied())
        .collect();
    seen.extend(queue.iter().copied());
    while let Some(i) = queue.pop_front() {
        for &t in links.get(&i).into_iter().flatten() {
            if seen.insert(t) {
                queue.push_back(t);
            }
        }
    }
    files
        .iter()
        .enumerate()
        .filter(|(i, f)| f.page.path.ends_with(".html") && !seen.contains(i))
        .map(|(_, f)| Finding {
            severity: Severity::Warning,
            place: f.source_or_page(),
            message: format!(
                "no page links to {}: readers reach it only from the sitemap or a search engine",
                f.page.path
            ),
        })
        .collect()
}

/// Two files whose paths differ only in case are one URL on the case-insensitive
/// file systems of macOS and Windows, and on hosts that fold case: one hides the other.
fn same_url(files: &[site::File]) -> Vec<Finding> {
    let mut by_folded: HashMap<String, &site::File> = HashMap::new();
    let mut out = Vec::new();
    for f in files {
        if let Some(first) = by_folded.insert(f.page.path.to_lowercase(), f) {
            out.push(Finding {
                severity: Severity::Error,
                place: f.source_or_page(),
                message: format!(
                    "{} and {} differ only in case: on a case-insensitive host one replaces the other; rename one (its slug, or the static file)",
                    first.page.path, f.page.path
                ),
            });
        }
    }
    out
}

/// The notes files, read once each when a finding needs a line number.
struct SourceTexts {
    root: PathBuf,
    texts: std::cell::RefCell<HashMap<PathBuf, Option<String>>>,
}

impl SourceTexts {
    fn new(root: &std::path::Path) -> SourceTexts {
        SourceTexts {
            root: root.to_path_buf(),
            texts: Default::default(),
        }
    }

    /// `content/a.md:12` when the reference is written in the file's source, else the
    /// output file and line.
    fn place(&self, file: &site::File, r: &Found) -> String {
        self.place_of(file, r).0
    }

    /// The place, and whether it is in the source.
    fn place_of(&self, file: &site::File, r: &Found) -> (String, bool) {
        let page = || (format!("{}:{}", file.page.path, r.line.max(1)), false);
        let Some(source) = &file.source else {
            return page();
        };
        let mut texts = self.texts.borrow_mut();
        let text = texts
            .entry(source.clone())
            .or_insert_with(|| encoding::read_notes(&self.root.join(source), source));
        let line = text.as_deref().and_then(|t| {
            t.lines()
                .position(|l| !r.url.is_empty() && l.contains(r.url.as_str()))
        });
        match line {
            Some(n) => (format!("{}:{}", source.display(), n + 1), true),
            None => page(),
        }
    }
}
