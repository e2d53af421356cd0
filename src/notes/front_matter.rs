//! The optional front matter at the top of a notes file: TOML between `+++` lines, or
//! YAML between `---` lines as Jekyll and Hugo posts carry it (their usual spellings
//! mapped to plenary's keys).

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
    /// Initials of a live blog's writers and their names: `authors = { mk = "Mira Keller" }`.
    pub authors: Option<BTreeMap<String, String>>,
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

pub(super) const KEYS: &[&str] = &[
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
    "authors",
];

/// How the front matter is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines (Jekyll, Hugo).
    Yaml,
}

/// The file split at its front matter.
pub struct Split<'a> {
    /// The front matter's text, if there is front matter.
    pub toml: Option<&'a str>,
    pub format: Format,
    /// The rest of the file.
    pub body: &'a str,
    /// 1-based line number of the body's first line.
    pub body_line: usize,
}

/// Splits off front matter: a first line `+++` up to the next `+++` line, or a first
/// line `---` up to the next `---` (or `...`) line when what stands between reads as
/// YAML keys (a notes file may well open with a Markdown rule instead).
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>> {
    let first_end = text.find('\n').unwrap_or(text.len());
    let none = Split {
        toml: None,
        format: Format::Toml,
        body: text,
        body_line: 1,
    };
    let (format, closers): (Format, &[&str]) = match text[..first_end].trim_end() {
        "+++" => (Format::Toml, &["+++"]),
        "---" => (Format::Yaml, &["---", "..."]),
        _ => return Ok(none),
    };
    let after_open = (first_end + 1).min(text.len());
    let mut offset = after_open;
    for (line, l) in (2..).zip(text[after_open..].split_inclusive('\n')) {
        if closers.contains(&l.trim_end()) {
            let front = &text[after_open..offset];
            if format == Format::Yaml && !reads_as_yaml_keys(front) {
                return Ok(none);
            }
            return Ok(Split {
                toml: Some(front),
                format,
                body: &text[offset + l.len()..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    match format {
        Format::Yaml => Ok(none),
        Format::Toml => Err(Error::at_line(
            path,
            1,
            "front matter opened with `+++` is never closed: add a line `+++` after the last key",
        )),
    }
}

/// Whether text between two `---` lines is YAML front matter: a line of it sets a key
/// that front matter has (`title:`, `date:`, or Jekyll's and Hugo's `layout:`,
/// `categories:`...). Anything else between two Markdown rules stays notes.
fn reads_as_yaml_keys(front: &str) -> bool {
    const THEIRS: &[&str] = &[
        "layout",
        "categories",
        "category",
        "description",
        "excerpt",
        "permalink",
        "author",
    ];
    front.lines().any(|l| {
        l.split_once(':').is_some_and(|(key, rest)| {
            (KEYS.contains(&key) || THEIRS.contains(&key))
                && (rest.is_empty() || rest.starts_with(' '))
        })
    })
}

/// The 1-based line (in the whole file) of `key = ...` (or YAML's `key: ...`) in the
/// front matter.
pub fn key_line(toml: &str, key: &str) -> usize {
    toml.lines()
        .position(|l| {
            let l = l.trim_start();
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(['=', ':']))
        })
        .map_or(1, |i| i + 2)
}

/// Parses front matter in its format; positions in errors are lines of the file.
pub fn parse_as(
    path: &Path,
    text: &str,
    format: Format,
    warnings: &mut Vec<Warning>,
) -> Result<FrontMatter> {
    match format {
        Format::Toml => parse(path, text, warnings),
        Format::Yaml => super::yaml::parse(path, text, warnings),
    }
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
    pub(super) fn visible(self) -> FrontMatter {
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
            authors: self
                .authors
                .map(|l| l.into_iter().map(|(k, n)| (v(k), v(n))).collect()),
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
