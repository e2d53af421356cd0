//! The optional TOML front matter between `+++` lines at the top of a notes file.

use crate::error::{Error, Result, Warning};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Front matter keys, as the writer types them.
#[derive(Debug, Default, Deserialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<toml::Value>,
    pub end_date: Option<toml::Value>,
    pub timezone: Option<String>,
    pub location: Option<String>,
    pub organizers: Option<OneOrMany>,
    pub tags: Option<Vec<String>>,
    pub links: Option<BTreeMap<String, String>>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub slug: Option<String>,
    pub draft: Option<bool>,
}

/// `organizers = "CH Open"` or `organizers = ["CH Open", "BFH"]`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

const KEYS: &[&str] = &[
    "title",
    "date",
    "end_date",
    "timezone",
    "location",
    "organizers",
    "tags",
    "links",
    "summary",
    "image",
    "slug",
    "draft",
];

/// The file split at its front matter.
pub struct Split<'a> {
    /// The TOML text, if there was front matter.
    pub toml: Option<&'a str>,
    /// The rest of the file.
    pub body: &'a str,
    /// 1-based line number of the body's first line.
    pub body_line: usize,
}

/// Splits off front matter: a first line `+++`, up to the next `+++` line.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        return Ok(Split {
            toml: None,
            body: text,
            body_line: 1,
        });
    }
    let after_open = (first_end + 1).min(text.len());
    let mut offset = after_open;
    for (line, l) in (2..).zip(text[after_open..].split_inclusive('\n')) {
        if l.trim_end() == "+++" {
            return Ok(Split {
                toml: Some(&text[after_open..offset]),
                body: &text[offset + l.len()..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(Error::at_line(
        path,
        1,
        "front matter opened with `+++` is never closed: add a line `+++` after the last key",
    ))
}

/// The 1-based line (in the whole file) of `key = ...` in the front matter.
pub fn key_line(toml: &str, key: &str) -> usize {
    toml.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 2)
}

/// Parses front matter TOML; spans in errors are shifted to lines of the file.
pub fn parse(path: &Path, toml_text: &str, warnings: &mut Vec<Warning>) -> Result<FrontMatter> {
    let located = |err: toml::de::Error| {
        let (line, col) = match err.span() {
            Some(span) => {
                let before = &toml_text[..span.start.min(toml_text.len())];
                let line = before.matches('\n').count() + 2;
                let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                (Some(line), Some(col))
            }
            None => (Some(1), None),
        };
        Error::at_pos(
            path,
            line,
            col,
            format!(
                "invalid front matter: {}",
                crate::error::plain_type_error(err.message().trim_end())
            ),
        )
    };
    let table: toml::Table = toml::from_str(toml_text).map_err(located)?;
    for key in table.keys() {
        if !KEYS.contains(&key.as_str()) {
            warnings.push(Warning {
                location: crate::error::Location {
                    path: path.to_path_buf(),
                    line: Some(key_line(toml_text, key)),
                    col: None,
                },
                message: format!(
                    "unknown front matter key `{key}` is ignored (known keys: {})",
                    KEYS.join(", ")
                ),
            });
        }
    }
    let fm: FrontMatter = toml::from_str(toml_text).map_err(located)?;
    Ok(fm.visible())
}

impl FrontMatter {
    /// TOML escapes (`"\u0000"`) can still put control characters in a value: they
    /// are shown as pictures, as in the notes.
    fn visible(self) -> FrontMatter {
        let v = |s: String| super::text::visible(&s).into_owned();
        let o = |s: Option<String>| s.map(v);
        FrontMatter {
            title: o(self.title),
            timezone: self.timezone,
            location: o(self.location),
            organizers: self.organizers.map(|x| match x {
                OneOrMany::One(s) => OneOrMany::One(v(s)),
                OneOrMany::Many(l) => OneOrMany::Many(l.into_iter().map(v).collect()),
            }),
            tags: self.tags.map(|l| l.into_iter().map(v).collect()),
            links: self
                .links
                .map(|l| l.into_iter().map(|(k, u)| (v(k), v(u))).collect()),
            summary: o(self.summary),
            image: o(self.image),
            slug: o(self.slug),
            ..self
        }
    }
}

/// Reads a date key given as a TOML date (`2025-05-07`) or a string (`"2025-05-07"`).
pub fn date_value(path: &Path, toml: &str, key: &str, value: &toml::Value) -> Result<Date> {
    let bad = |what: &str| {
        Error::at_line(
            path,
            key_line(toml, key),
            format!("`{key}` {what}: write it as {key} = 2025-05-07"),
        )
    };
    match value {
        toml::Value::Datetime(dt) => {
            let d = dt.date.ok_or_else(|| bad("has no date part"))?;
            Date::new(d.year as i16, d.month as i8, d.day as i8)
                .map_err(|_| bad("is not a valid date"))
        }
        toml::Value::String(s) => s.trim().parse::<Date>().map_err(|_| bad("is not a date")),
        _ => Err(bad("is not a date")),
    }
}
