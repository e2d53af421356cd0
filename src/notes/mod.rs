//! The notes loader: one event file's text in, an [`Event`] out.
//!
//! The grammar is in `docs/notes-format.md`: optional front matter, a preamble, then
//! session markers (a time and a title, or a heading), day markers, a speaker line after
//! a marker, and Markdown notes. Every line the writer typed ends up somewhere.
//!
//! The reading goes as a person's does: every line is first classified as a candidate
//! (`candidates`: times from `times`, days from `days`), the file's convention is
//! found by a vote over them (`convention`, with `names` and `titles` telling people
//! from titles), then the body is read by it (`body`).

mod below;
mod body;
pub mod candidates;
pub mod card;
pub mod convention;
mod dated_lists;
pub mod days;
pub mod decoration;
pub mod front_matter;
mod front_talk;
mod groups;
mod json;
mod kind_lists;
pub mod live_marks;
pub mod marker;
pub mod names;
mod near_misses;
mod panel;
mod salutation;
mod sections;
mod speaker_heading;
pub mod speaker_line;
pub mod speaker_shapes;
pub mod speakers;
pub mod text;
pub mod times;
mod title_tail;
pub mod titles;
mod yaml;

use crate::error::{Error, Result, Warning};
use crate::markdown;
use crate::model::Event;
use crate::slug::slugify;
use body::Body;
use jiff::civil::Date;
use std::path::Path;

/// A parsed event and what looked suspicious on the way.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Parsed {
    pub event: Event,
    pub warnings: Vec<Warning>,
}

/// Parses one notes file. `path` is used for messages and for the title, date and slug
/// fallbacks taken from the file name.
pub fn parse(path: &Path, text: &str) -> Result<Parsed> {
    parse_with(path, text, false).map(|(parsed, _)| parsed)
}

/// What `inspect --explain` shows: the convention found, and what each line was read
/// as, by line number.
#[derive(Debug, Default)]
pub struct Explained {
    pub convention: Vec<String>,
    pub lines: Vec<(usize, String)>,
}

/// [`parse`], with the reasons for every reading.
pub fn explain(path: &Path, text: &str) -> Result<(Parsed, Explained)> {
    parse_with(path, text, true)
}

fn parse_with(path: &Path, text: &str, explain: bool) -> Result<(Parsed, Explained)> {
    let text = normalise(text);
    let text = text.as_ref();
    let mut warnings = Vec::new();
    let mut split = front_matter::split(path, text)?;
    let fm = match split.toml {
        // Front matter under comment lines is read when it parses; else the file is
        // notes, as it would be without the reading.
        Some(toml) if !split.lead.is_empty() => {
            let mut found = Vec::new();
            match front_matter::parse_as(path, toml, split.format, &mut found) {
                Ok(mut fm) => {
                    let lead = split.lead_lines();
                    fm.first_line += lead;
                    warnings.extend(found.into_iter().map(|mut w| {
                        w.location.line = w.location.line.map(|l| l + lead);
                        w
                    }));
                    fm
                }
                Err(_) => {
                    split = front_matter::Split::none(text);
                    front_matter::FrontMatter::default()
                }
            }
        }
        Some(toml) => front_matter::parse_as(path, toml, split.format, &mut warnings)?,
        None => front_matter::FrontMatter::default(),
    };
    let lead = split.lead;
    let toml = split.toml.unwrap_or("");
    let (stem_date, stem) = file_stem(path);

    let first = fm.first_line;
    let date = match &fm.date {
        Some(v) => Some(front_matter::date_value(path, toml, first, "date", v)?),
        None => stem_date,
    };
    let end_date = match &fm.end_date {
        Some(v) => Some(front_matter::date_value(path, toml, first, "end_date", v)?),
        None => None,
    };
    if let (Some(start), Some(end)) = (date, end_date)
        && end < start
    {
        return Err(Error::at_line(
            path,
            front_matter::key_line(toml, first, "end_date"),
            format!("`end_date` {end} is before `date` {start}"),
        ));
    }
    if let Some(tz) = &fm.timezone
        && jiff::tz::TimeZone::get(tz).is_err()
    {
        return Err(Error::at_line(
            path,
            front_matter::key_line(toml, first, "timezone"),
            format!("unknown timezone `{tz}`: use an IANA name such as \"Europe/Zurich\""),
        ));
    }

    let lines: Vec<(usize, &str)> = lead
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .chain(
            split
                .body
                .split('\n')
                .enumerate()
                .map(|(i, l)| (i + split.body_line, l)),
        )
        .collect();
    // A trailing newline does not make an extra empty line.
    let lines = match lines.split_last() {
        Some((last, rest)) if last.1.is_empty() => rest.to_vec(),
        _ => lines,
    };

    // Live-blog markers in front of stamps (`! 14:32`) come off before the reading, and
    // go back on for a second reading where the rest did not start a session.
    let mut prefixes = live_marks::prefixes(&lines);
    let read = |prefixes: &std::collections::HashMap<usize, live_marks::Prefix>,
                warnings: &mut Vec<Warning>| {
        let bare: Vec<(usize, &str)> = lines
            .iter()
            .map(|&(no, l)| (no, prefixes.get(&no).map_or(l, |p| p.rest.as_str())))
            .collect();
        let mut body = Body::new(path, date, fm.title.is_none(), explain);
        body.front_title = fm.title.clone();
        titles::memoised(|| body.read(&bare, warnings));
        body
    };
    let mut first_warnings = Vec::new();
    let mut body = read(&prefixes, &mut first_warnings);
    let unused = live_marks::apply(&mut body.sessions, &prefixes, &lines);
    if !unused.is_empty() {
        prefixes.retain(|no, _| !unused.contains(no));
        first_warnings.clear();
        body = read(&prefixes, &mut first_warnings);
        live_marks::apply(&mut body.sessions, &prefixes, &lines);
    }
    warnings.append(&mut first_warnings);
    if let Some(authors) = &fm.authors {
        live_marks::name_authors(&mut body.sessions, authors);
    }
    let markers: std::collections::HashSet<usize> = body.sessions.iter().map(|s| s.line).collect();
    warnings.extend(near_misses::warnings(path, &lines, &markers));
    let explained = Explained {
        convention: std::mem::take(&mut body.convention),
        lines: body.explained.take().unwrap_or_default(),
    };

    let title = fm
        .title
        .clone()
        .or(body.title.take())
        .unwrap_or_else(|| title_from_stem(&stem));
    let slug = fm
        .slug
        .as_deref()
        .map(slugify)
        .filter(|s| !s.is_empty())
        .or_else(|| Some(slugify(&stem)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| slugify(&title));
    let slug = if slug.is_empty() {
        "event".to_string()
    } else {
        slug
    };

    let mut tags: Vec<String> = Vec::new();
    for t in fm.tags.unwrap_or_default() {
        let t = t.trim().trim_start_matches('#').to_lowercase();
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    for t in markdown::hashtags(&body.preamble)
        .into_iter()
        .chain(body.days.iter().flat_map(|d| markdown::hashtags(&d.intro)))
    {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }

    let date = front_matter::event_date(
        path,
        date,
        if fm.date.is_some() {
            "the front matter's `date`"
        } else {
            "the date in the file name"
        },
        &body.days,
        &mut warnings,
    );
    // Without an `end_date`, a multi-day event ends on its last dated day.
    let end_date = end_date.or_else(|| {
        body.days
            .iter()
            .rev()
            .find_map(|d| d.date)
            .filter(|last| date.is_some_and(|d| *last > d))
    });
    let event = Event {
        source: path.to_path_buf(),
        title,
        date,
        end_date,
        timezone: fm.timezone,
        location: fm.location,
        organizers: fm.organizers.map(|o| o.into_vec()).unwrap_or_default(),
        tags,
        links: fm.links.unwrap_or_default(),
        summary: fm.summary,
        image: fm.image,
        slug,
        draft: fm.draft.unwrap_or(false),
        extra: fm.extra,
        preamble: body.preamble,
        days: body.days,
        sessions: body.sessions,
        modified: None,
    };
    Ok((Parsed { event, warnings }, explained))
}

/// The text as the parser reads it: no byte order mark, `\n` line ends, and control
/// characters shown as pictures ([`text::visible`]).
pub fn normalise(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    };
    match text {
        std::borrow::Cow::Borrowed(t) => text::visible(t),
        std::borrow::Cow::Owned(t) => text::visible(&t).into_owned().into(),
    }
}

/// `2025-05-07-open-data-forum.md` → (2025-05-07, `open-data-forum`). An event kept
/// as a folder with its photos, `2025-05-07-open-data-forum/index.md`, is named by
/// its folder.
fn file_stem(path: &Path) -> (Option<Date>, String) {
    let named = match path.file_stem() {
        Some(s) if s.eq_ignore_ascii_case("index") => path.parent().and_then(Path::file_name),
        other => other,
    };
    let stem = named
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem.len() >= 10
        && stem.is_char_boundary(10)
        && let Ok(d) = stem[..10].parse::<Date>()
    {
        let rest = stem[10..].trim_start_matches(['-', '_', '.', ' ']);
        return (Some(d), rest.to_string());
    }
    (None, stem)
}

fn title_from_stem(stem: &str) -> String {
    let words = stem.replace(['-', '_'], " ");
    let words = words.trim();
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled event".to_string(),
    }
}

#[cfg(test)]
mod forms_tests;
#[cfg(test)]
mod mutant_tests;
#[cfg(test)]
mod shapes_tests;
#[cfg(test)]
mod tests;
