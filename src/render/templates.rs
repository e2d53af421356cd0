//! The templates: the default theme's ([`crate::theme`]) with a site's own
//! overriding them by file name, compiled once; and template errors that name the
//! template and line.

use crate::error::{Error, Result};
use crate::theme::THEME_TEMPLATES;
use std::path::Path;

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
    super::recursion::check(&sources, |name| {
        if dir.join(name).is_file() {
            format!("templates/{name}")
        } else {
            format!("templates/{name} (the default theme)")
        }
    })?;
    let mut tera = tera::Tera::default();
    // A card template is SVG, which is XML: its values are escaped too.
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    tera.register_filter("wrap", super::wrap::filter);
    tera.set_escape_fn(crate::escape::tera_html);
    // Templates may come with a downloaded theme: they get no view of the environment
    // of the machine that builds (tokens, paths).
    tera.register_function("get_env", |_: &std::collections::HashMap<String, tera::Value>| {
        Err(tera::Error::msg(
            "get_env is turned off in plenary templates: put the value in site.toml under [extra] instead",
        ))
    });
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
        .filter(|n| n.ends_with(".html") || n.ends_with(".xml") || n.ends_with(".svg"))
        .map(|n| format!("templates/{n}"));
    // A syntax error points `--> 2:7` into the template.
    let pos = message.split_once("--> ").and_then(|(_, rest)| {
        let end = rest.find(|c: char| !c.is_ascii_digit() && c != ':')?;
        let (line, col) = rest[..end].split_once(':')?;
        Some((line.parse().ok()?, col.parse().ok()?))
    });
    match (name, pos) {
        (Some(path), Some((line, col))) => Error::at_pos(path, Some(line), Some(col), message),
        (Some(path), None) => Error::at(path, message),
        (None, _) => Error::msg(format!("template error: {message}")),
    }
}

/// Adds the line to a template error that Tera reports without one (a variable not
/// found while rendering): the first line of the named template, or else of any
/// template of the site or theme, that uses the variable.
pub fn locate(root: &Path, err: Error) -> Error {
    let Some(loc) = &err.location else {
        return err;
    };
    let Some(name) = loc.path.to_str().and_then(|p| p.strip_prefix("templates/")) else {
        return err;
    };
    if loc.line.is_some() {
        return err;
    }
    let Some(var) = err
        .message
        .split_once("Variable `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(v, _)| v.to_string())
    else {
        return err;
    };
    let source = |n: &str| -> Option<String> {
        std::fs::read_to_string(root.join("templates").join(n))
            .ok()
            .or_else(|| {
                THEME_TEMPLATES
                    .iter()
                    .find(|(t, _)| *t == n)
                    .map(|(_, s)| s.to_string())
            })
    };
    let line_of = |text: &str| text.lines().position(|l| l.contains(&var)).map(|i| i + 1);
    let mut names = vec![name.to_string()];
    let dir = root.join("templates");
    if let Ok(entries) = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .collect::<Result<Vec<_>, _>>()
    {
        names.extend(entries.iter().filter(|e| e.file_type().is_file()).map(|e| {
            e.path()
                .strip_prefix(&dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/")
        }));
    }
    names.extend(THEME_TEMPLATES.iter().map(|(n, _)| n.to_string()));
    for n in names {
        if let Some(line) = source(&n).as_deref().and_then(line_of) {
            return Error::at_line(format!("templates/{n}"), line, err.message);
        }
    }
    err
}
