//! The optional front matter at the top of a notes file: TOML between `+++` lines,
//! YAML between `---` lines as Jekyll and Hugo posts carry it, or a JSON object as Hugo
//! accepts it. All three are read into the same keys: the usual Jekyll and Hugo
//! spellings are mapped to plenary's, and keys plenary does not know are kept as
//! `extra` for templates.

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
    /// Keys plenary does not know, kept for templates (`event.extra.KEY`).
    #[serde(skip)]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// The file's line of the front matter text's first line.
    #[serde(skip)]
    pub first_line: usize,
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
    /// A JSON object at the top of the file (Hugo).
    Json,
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
    /// Comment lines above the front matter (`<!-- source: ... -->`), kept at the top
    /// of the body; empty when the front matter opens the file.
    pub lead: &'a str,
}

impl<'a> Split<'a> {
    /// The whole file as notes, without front matter.
    pub fn none(text: &'a str) -> Self {
        Split {
            toml: None,
            format: Format::Toml,
            body: text,
            body_line: 1,
            lead: "",
        }
    }

    /// How many lines stand above the front matter.
    pub fn lead_lines(&self) -> usize {
        self.lead.lines().count()
    }
}

impl Format {
    /// The file's line of the front matter text's first line: after the opening
    /// `+++` or `---`, or the JSON object's own first line.
    pub fn first_line(self) -> usize {
        match self {
            Format::Toml | Format::Yaml => 2,
            Format::Json => 1,
        }
    }
}

/// Splits off front matter: a first line `+++` up to the next `+++` line, or a first
/// line `---` up to the next `---` (or `...`) line when what stands between reads as
/// YAML keys (a notes file may well open with a Markdown rule instead). Comment lines
/// may stand above it ([`after_comments`]).
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>> {
    let none = Split::none(text);
    // Under comment lines, front matter that does not close leaves the file as notes.
    if let Some((at, lines)) = after_comments(text) {
        return Ok(match split(path, &text[at..]) {
            Ok(inner) if inner.toml.is_some() => Split {
                body_line: inner.body_line + lines,
                lead: &text[..at],
                ..inner
            },
            _ => none,
        });
    }
    let first_end = text.find('\n').unwrap_or(text.len());
    let (format, closers): (Format, &[&str]) = match text[..first_end].trim_end() {
        "+++" => (Format::Toml, &["+++"]),
        "---" => (Format::Yaml, &["---", "..."]),
        first if super::json::opens(first) => return super::json::split(path, text),
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
                lead: "",
            });
        }
        offset += l.len();
    }
    match format {
        Format::Yaml | Format::Json => Ok(none),
        Format::Toml => Err(Error::at_line(
            path,
            1,
            "front matter opened with `+++` is never closed: add a line `+++` after the last key",
        )),
    }
}

/// Where front matter opens after HTML comment lines at the very top (`<!-- source:
/// ... -->` above `---`): the byte offset of its opening line and the number of comment
/// lines above it. None when the file opens otherwise.
pub fn after_comments(text: &str) -> Option<(usize, usize)> {
    let (mut at, mut lines) = (0, 0);
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with("<!--") && t.ends_with("-->") {
            at += line.len();
            lines += 1;
            continue;
        }
        return (lines > 0 && matches!(t, "+++" | "---")).then_some((at, lines));
    }
    None
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

/// The 1-based line (in the whole file) of `key = ...` (YAML's `key: ...`, JSON's
/// `"key": ...`) in front matter text whose first line is the file's `first_line`.
pub fn key_line(front: &str, first_line: usize, key: &str) -> usize {
    front
        .lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches(['{', ',', ' ', '\t']);
            let quoted = l
                .strip_prefix(['"', '\''])
                .and_then(|l| l.strip_prefix(key))
                .and_then(|r| r.strip_prefix(['"', '\'']));
            quoted
                .or_else(|| l.strip_prefix(key))
                .is_some_and(|r| r.trim_start().starts_with(['=', ':']))
        })
        .map_or(1, |i| i + first_line)
}

/// Parses front matter in its format; positions in errors are lines of the file.
pub fn parse_as(
    path: &Path,
    text: &str,
    format: Format,
    warnings: &mut Vec<Warning>,
) -> Result<FrontMatter> {
    let mut fm = match format {
        Format::Toml => parse(path, text, warnings)?,
        Format::Yaml => super::yaml::parse(path, text, warnings)?,
        Format::Json => super::json::parse(path, text, warnings)?,
    };
    fm.first_line = format.first_line();
    Ok(fm)
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
    // Read from the text first, so that a wrong value of a key plenary knows is named
    // with its line and column.
    let _: FrontMatter = toml::from_str(toml_text).map_err(located)?;
    from_table(path, toml_text, Format::Toml, table, warnings)
}

/// The keys of Jekyll, Hugo and the themes people use with them: a post brought over
/// as it is carries them, so they are kept for templates without a warning.
const BLOG_KEYS: &[&str] = &[
    "layout",
    "permalink",
    "author",
    "authors",
    "comments",
    "published",
    "excerpt_separator",
    "last_modified_at",
    "sitemap",
    "redirect_from",
    "redirect_to",
    "toc",
    "header",
    "sidebar",
    "share",
    "related",
    "aliases",
    "weight",
    "lastmod",
    "publishdate",
    "publishDate",
    "expirydate",
    "expiryDate",
    "keywords",
    "series",
    "type",
    "url",
    "linktitle",
    "linkTitle",
    "menu",
    "cascade",
    "build",
    "outputs",
    "resources",
    "markup",
    "isCJKLanguage",
    "translationKey",
    "headless",
    "subtitle",
    "lang",
    "thumbnail",
    "cover",
    "featured_image",
    "featuredImage",
    "hidden",
    "showToc",
    "math",
];

/// Reads front matter of any format, as a TOML table, into plenary's keys: Jekyll's
/// and Hugo's spellings are mapped (`categories` joins `tags`, `description` or
/// `excerpt` stands for `summary`, a `date` with a time gives its date), and every
/// other key is kept in `extra`. Keys of an `extra` (or Hugo `params`) table are kept
/// there too. One warning names the unknown keys that are neither theirs nor a blog
/// engine's: most likely a typo.
pub(super) fn from_table(
    path: &Path,
    text: &str,
    format: Format,
    source: toml::Table,
    warnings: &mut Vec<Warning>,
) -> Result<FrontMatter> {
    let first_line = format.first_line();
    let mut table = toml::Table::new();
    let mut extra = BTreeMap::new();
    let mut unknown = Vec::new();
    // Categories join the tags after the tags themselves, whatever the keys' order;
    // the writer's own `summary` comes first, so that a `description` or `excerpt`
    // beside it is kept in `extra` rather than taken as the summary and overwritten.
    let (categories, source): (Vec<_>, Vec<_>) = source
        .into_iter()
        .partition(|(k, _)| matches!(k.as_str(), "categories" | "category"));
    let (summary, source): (Vec<_>, Vec<_>) = source.into_iter().partition(|(k, _)| k == "summary");
    for (key, value) in summary.into_iter().chain(source).chain(categories) {
        let mapped = match key.as_str() {
            "categories" | "category" => "tags",
            "description" | "excerpt" if !table.contains_key("summary") => "summary",
            "description" | "excerpt" => {
                extra.insert(key, to_json(value));
                continue;
            }
            "end" | "enddate" | "end-date" | "endDate" => "end_date",
            "extra" | "params" if value.is_table() => {
                if let toml::Value::Table(inner) = value {
                    for (k, v) in inner {
                        extra.entry(k).or_insert_with(|| to_json(v));
                    }
                }
                continue;
            }
            k if KEYS.contains(&k) => k,
            k => {
                if !BLOG_KEYS.contains(&k) {
                    unknown.push(key.clone());
                }
                extra.insert(key, to_json(value));
                continue;
            }
        };
        let value = match mapped {
            "tags" => words(value),
            "date" | "end_date" => date_part(value),
            _ => value,
        };
        match (table.get_mut(mapped), value) {
            (Some(toml::Value::Array(have)), toml::Value::Array(more)) => {
                for item in more {
                    if !have.contains(&item) {
                        have.push(item);
                    }
                }
            }
            (_, value) => {
                table.insert(mapped.to_string(), value);
            }
        }
    }
    if !unknown.is_empty() {
        unknown.sort_by_key(|k| key_line(text, first_line, k));
        warnings.push(Warning {
            location: crate::error::Location {
                path: path.to_path_buf(),
                line: Some(key_line(text, first_line, &unknown[0])),
                col: None,
            },
            message: unknown_message(&unknown),
        });
    }
    let mut fm: FrontMatter =
        toml::Value::Table(table.clone())
            .try_into()
            .map_err(|e: toml::de::Error| {
                let message = crate::error::plain_type_error(e.message().trim_end());
                // The key whose value is wrong: the first that fails on its own.
                let key = table.iter().find(|(k, v)| {
                    let alone = toml::Table::from_iter([(k.to_string(), (*v).clone())]);
                    toml::Value::Table(alone).try_into::<FrontMatter>().is_err()
                });
                let line = key.map_or(1, |(k, _)| key_line(text, first_line, k));
                Error::at_line(path, line, format!("invalid front matter: {message}"))
            })?;
    fm.extra = extra;
    Ok(fm.visible())
}

/// The warning for keys plenary does not know: it names them, suggests the key a typo
/// was meant to be, and says where they went.
fn unknown_message(unknown: &[String]) -> String {
    let named: Vec<String> = unknown
        .iter()
        .map(|k| match KEYS.iter().find(|known| near(k, known)) {
            Some(known) => format!("`{k}` (did you mean `{known}`?)"),
            None => format!("`{k}`"),
        })
        .collect();
    let (noun, them) = if unknown.len() == 1 {
        ("key", "it is")
    } else {
        ("keys", "they are")
    };
    format!(
        "unknown front matter {noun} {}: {them} kept for templates as `event.extra.{}` (known keys: {})",
        named.join(", "),
        if unknown.len() == 1 {
            &unknown[0]
        } else {
            "KEY"
        },
        KEYS.join(", ")
    )
}

/// Whether `a` is one or two edits from `b` (`locaton`, `organisers`, `endate`).
fn near(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len() < 4 || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = (prev + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = here;
        }
    }
    row[b.len()] <= 2
}

/// A front matter value as templates see it: TOML dates become their text.
fn to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as Json;
    match value {
        toml::Value::String(s) => Json::String(super::text::visible(&s).into_owned()),
        toml::Value::Integer(i) => Json::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
        toml::Value::Boolean(b) => Json::Bool(b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(items) => Json::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Json::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

/// Jekyll lets `tags` and `categories` be one text of words (`tags: ai opensource`).
fn words(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::String(s) => toml::Value::Array(
            s.split([',', ' '])
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(|w| toml::Value::String(w.to_string()))
                .collect(),
        ),
        other => other,
    }
}

/// `2011-05-18 10:00:00 +0200` or `2011-05-18T10:00:00Z`: the date is what an event
/// needs.
fn date_part(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::String(s) if s.len() > 10 && s.is_char_boundary(10) => {
            let (date, rest) = s.split_at(10);
            if rest.starts_with([' ', 'T', 't']) && date.parse::<Date>().is_ok() {
                toml::Value::String(date.to_string())
            } else {
                toml::Value::String(s)
            }
        }
        other => other,
    }
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

/// The event's first day: the date given (by `date` or the file name), unless the
/// first day heading names another. A blog post's date is often the day it was
/// published, after the event, while its day headings say when each day was: the
/// headings win, with a warning at the first one, so that no day falls before the
/// event it belongs to. `from` names where the given date came from.
pub fn event_date(
    path: &Path,
    given: Option<Date>,
    from: &str,
    days: &[crate::model::Day],
    warnings: &mut Vec<Warning>,
) -> Option<Date> {
    let Some(first) = days.first() else {
        return given;
    };
    let Some(given) = given else {
        return first.date;
    };
    match (first.line, first.date) {
        (Some(line), Some(day)) if day != given => {
            warnings.push(Warning {
                location: crate::error::Location {
                    path: path.to_path_buf(),
                    line: Some(line),
                    col: None,
                },
                message: format!(
                    "the first day heading is {day}, but {from} is {given}: the event starts on {day} (set `date` to {day}, or correct the heading, to silence this)"
                ),
            });
            Some(day)
        }
        _ => Some(given),
    }
}

/// Reads a date key given as a TOML date (`2025-05-07`) or a string (`"2025-05-07"`).
pub fn date_value(
    path: &Path,
    front: &str,
    first_line: usize,
    key: &str,
    value: &toml::Value,
) -> Result<Date> {
    let bad = |what: &str| {
        Error::at_line(
            path,
            key_line(front, first_line, key),
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

#[cfg(test)]
mod tests {
    use super::after_comments;

    #[test]
    fn front_matter_opening_under_comment_lines() {
        for (text, want) in [
            ("<!-- source: x -->\n---\ntitle: A\n---\n", Some((19, 1))),
            ("<!-- a -->\n<!-- b -->\n+++\n", Some((22, 2))),
            ("---\ntitle: A\n---\n", None),
            ("<!-- a -->\nText\n---\n", None),
            ("<!-- a -->\n", None),
        ] {
            assert_eq!(after_comments(text), want, "{text:?}");
        }
    }
}
