//! What a batch of changed paths means for the dev server: settings, templates,
//! static files or notes, with the editor droppings left out.

use crate::load;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// The changes of one batch, by kind.
#[derive(Debug, Default)]
pub(super) struct Changes {
    /// `site.toml`.
    pub config: bool,
    /// Anything under `templates/`.
    pub templates: bool,
    /// The `static/` folder itself or a folder in it: every static file is read again.
    pub all_statics: bool,
    /// Static files, by path below `static/`.
    pub statics: BTreeSet<String>,
    /// Notes files, relative to the root.
    pub events: BTreeSet<PathBuf>,
    /// Something under `content/` that is not a notes file (a folder moved...): the
    /// notes files are listed again.
    pub rescan: bool,
    /// A speaker's profile (`content/speakers/`, `content/speakers.toml`).
    pub profiles: bool,
}

/// Sorts changed paths (relative to `root`, or absolute below it) by what they are.
pub(super) fn classify(root: &Path, paths: &[PathBuf]) -> Changes {
    let mut changes = Changes::default();
    for path in paths {
        let rel = load::relative(root, path);
        if is_ignored(&rel) {
            continue;
        }
        let mut parts = rel.components();
        match parts.next().and_then(|c| c.as_os_str().to_str()) {
            Some("site.toml") if parts.next().is_none() => changes.config = true,
            Some("templates") => changes.templates = true,
            Some("static") => match parts.as_path() {
                p if p.as_os_str().is_empty() || root.join(&rel).is_dir() => {
                    changes.all_statics = true
                }
                p => {
                    changes
                        .statics
                        .insert(p.to_string_lossy().replace('\\', "/"));
                }
            },
            Some("content") => {
                if crate::profiles::is_profile_path(&rel) {
                    changes.profiles = true;
                } else if load::is_notes_file(&rel) && !root.join(&rel).is_dir() {
                    changes.events.insert(rel);
                } else {
                    changes.rescan = true;
                }
            }
            _ => {}
        }
    }
    changes
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
