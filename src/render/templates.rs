//! The default theme embedded in the binary, and a site's own templates overriding it
//! by file name.

use crate::error::{Error, Result};
use std::path::Path;

/// The default theme's templates, from the repository's `templates/`.
pub const THEME_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("event.html", include_str!("../../templates/event.html")),
    ("session.html", include_str!("../../templates/session.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    (
        "speakers.html",
        include_str!("../../templates/speakers.html"),
    ),
    ("speaker.html", include_str!("../../templates/speaker.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "partials/head.html",
        include_str!("../../templates/partials/head.html"),
    ),
    (
        "partials/event_live.html",
        include_str!("../../templates/partials/event_live.html"),
    ),
];

/// The default theme's static files, from the repository's `static/`.
pub const THEME_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("live.js", include_bytes!("../../static/live.js")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("copy-link.js", include_bytes!("../../static/copy-link.js")),
    ("home.js", include_bytes!("../../static/home.js")),
];

/// Compiles the theme, with the site's `templates/*.html` replacing theme templates of
/// the same name (and adding new ones).
pub fn load(root: &Path) -> Result<tera::Tera> {
    load_keyed(root).map(|(tera, _)| tera)
}

/// Like [`load`], also returning a fingerprint of every template's source.
pub fn load_keyed(root: &Path) -> Result<(tera::Tera, u64)> {
    let mut sources: Vec<(String, String)> = THEME_TEMPLATES
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    let dir = root.join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::at(&dir, e.to_string()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let path = entry.path();
            let name = path
                .strip_prefix(&dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
                continue;
            }
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            match sources.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => sources.push((name, text)),
            }
        }
    }
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| template_error(&e))?;
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&sources, &mut h);
    Ok((tera, std::hash::Hasher::finish(&h)))
}

/// A Tera error as one readable message: the template, where, and the cause chain.
pub fn template_error(err: &tera::Error) -> Error {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        let text = s.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = s.source();
    }
    let name = message
        .split('\'')
        .nth(1)
        .filter(|n| n.ends_with(".html") || n.ends_with(".xml"))
        .map(|n| format!("templates/{n}"));
    match name {
        Some(path) => Error::at(path, message),
        None => Error::msg(format!("template error: {message}")),
    }
}
