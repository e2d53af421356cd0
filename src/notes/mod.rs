//! The notes loader: one event file's text in, an [`Event`] out.
//!
//! The grammar is in `docs/notes-format.md`: optional front matter, a preamble, then
//! session markers (a time and a title, or a heading), day markers, a speaker line after
//! a marker, and Markdown notes. Every line the writer typed ends up somewhere.

pub mod front_matter;
pub mod marker;
pub mod speakers;
pub mod text;

use crate::error::{Error, Location, Result, Warning};
use crate::markdown;
use crate::model::{Clock, Day, Event, Session};
use crate::slug::slugify;
use jiff::civil::Date;
use marker::{DaySpec, TimeMarker};
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
    let text = normalise(text);
    let text = text.as_ref();
    let mut warnings = Vec::new();
    let split = front_matter::split(path, text)?;
    let fm = match split.toml {
        Some(toml) => front_matter::parse(path, toml, &mut warnings)?,
        None => front_matter::FrontMatter::default(),
    };
    let toml = split.toml.unwrap_or("");
    let (stem_date, stem) = file_stem(path);

    let date = match &fm.date {
        Some(v) => Some(front_matter::date_value(path, toml, "date", v)?),
        None => stem_date,
    };
    let end_date = match &fm.end_date {
        Some(v) => Some(front_matter::date_value(path, toml, "end_date", v)?),
        None => None,
    };
    if let (Some(start), Some(end)) = (date, end_date)
        && end < start
    {
        return Err(Error::at_line(
            path,
            front_matter::key_line(toml, "end_date"),
            format!("`end_date` {end} is before `date` {start}"),
        ));
    }
    if let Some(tz) = &fm.timezone
        && jiff::tz::TimeZone::get(tz).is_err()
    {
        return Err(Error::at_line(
            path,
            front_matter::key_line(toml, "timezone"),
            format!("unknown timezone `{tz}`: use an IANA name such as \"Europe/Zurich\""),
        ));
    }

    let lines: Vec<(usize, &str)> = split
        .body
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + split.body_line, l))
        .collect();
    // A trailing newline does not make an extra empty line.
    let lines = match lines.split_last() {
        Some((last, rest)) if last.1.is_empty() => rest.to_vec(),
        _ => lines,
    };

    let mut body = Body::new(path, date, fm.title.is_none());
    body.read(&lines, &mut warnings);

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

    let date = date.or_else(|| body.days.first().and_then(|d| d.date));
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
        preamble: body.preamble,
        days: body.days,
        sessions: body.sessions,
        modified: None,
    };
    Ok(Parsed { event, warnings })
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

/// `2025-05-07-open-data-forum.md` → (2025-05-07, `open-data-forum`).
fn file_stem(path: &Path) -> (Option<Date>, String) {
    let stem = path
        .file_stem()
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

/// How one line of the body reads.
#[derive(Debug, Clone)]
enum Class<'a> {
    Text,
    Heading {
        level: u8,
        text: &'a str,
    },
    Timed {
        level: Option<u8>,
        marker: TimeMarker,
    },
    Day {
        level: Option<u8>,
        spec: DaySpec,
        label: &'a str,
    },
}

fn classify<'a>(line: &'a str) -> Class<'a> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 || line.starts_with('\t') {
        return Class::Text;
    }
    let (level, content) = match marker::heading(line) {
        Some((level, text)) => (Some(level), text),
        None => (None, line.trim()),
    };
    if let Some(m) = marker::time_marker(content) {
        return Class::Timed { level, marker: m };
    }
    if let Some(spec) = marker::day_marker(content) {
        return Class::Day {
            level,
            spec,
            label: content,
        };
    }
    match level {
        Some(level) if !content.is_empty() => Class::Heading {
            level,
            text: content,
        },
        _ => Class::Text,
    }
}

/// Where the next body line goes.
#[derive(Clone, Copy)]
enum Target {
    Preamble,
    DayIntro(usize),
    Session(usize),
}

struct Body<'p> {
    path: &'p Path,
    start: Option<Date>,
    want_title: bool,
    title: Option<String>,
    preamble: String,
    days: Vec<Day>,
    sessions: Vec<Session>,
}

impl<'p> Body<'p> {
    fn new(path: &'p Path, start: Option<Date>, want_title: bool) -> Self {
        Body {
            path,
            start,
            want_title,
            title: None,
            preamble: String::new(),
            days: vec![Day {
                date: start,
                label: None,
                line: None,
                intro: String::new(),
            }],
            sessions: Vec::new(),
        }
    }

    fn read(&mut self, lines: &[(usize, &str)], warnings: &mut Vec<Warning>) {
        let mut classes = classify_all(lines);
        // A `# Heading` opening the body is the event's title, never a session.
        let first_text = lines.iter().position(|(_, l)| !l.trim().is_empty());
        let mut title_line = None;
        if let Some(i) = first_text
            && let Class::Heading { level: 1, text } = classes[i]
        {
            title_line = Some(i);
            if self.want_title {
                self.title = Some(text.to_string());
            }
            classes[i] = Class::Text;
        }
        let session_levels = session_heading_levels(&classes);

        let mut target = Target::Preamble;
        let mut await_speaker = false;
        let mut anchors = std::collections::HashSet::new();
        let mut last_time: Option<(usize, Clock, usize, bool)> = None;

        for (i, &(no, line)) in lines.iter().enumerate() {
            let class = &classes[i];
            if self.want_title && Some(i) == title_line {
                continue;
            }
            let marker = match class {
                Class::Timed { marker, .. } => {
                    Some((Some(marker.time), marker.end, marker.title.as_str()))
                }
                Class::Heading { level, text } if session_levels.contains(level) => {
                    Some((None, None, *text))
                }
                _ => None,
            };
            if let Some((time, end_time, title)) = marker {
                let day = self.days.len() - 1;
                let mut after_midnight = false;
                if let (Some(t), Some((prev_day, prev, prev_line, rolled))) = (time, last_time)
                    && prev_day == day
                {
                    after_midnight = rolled;
                    if t < prev {
                        // `00:30` after the day's talks is the small hours of the next
                        // date; `09:00` after `14:00` is more likely a missing day marker.
                        if !rolled && t.hour < 6 {
                            after_midnight = true;
                        } else {
                            warnings.push(self.warning(
                                no,
                                format!(
                                    "{t} is earlier than {prev} on line {prev_line}: is a day marker (`## Day 2`) missing?"
                                ),
                            ));
                        }
                    }
                }
                if let Some(t) = time {
                    last_time = Some((day, t, no, after_midnight));
                }
                let anchor = unique_anchor(&mut anchors, time, title);
                self.sessions.push(Session {
                    day,
                    time,
                    end_time,
                    title: title.to_string(),
                    kind: text::kind(title),
                    speakers: Vec::new(),
                    speaker_line: None,
                    tags: text::hashtags(title).into_iter().map(|h| h.tag).collect(),
                    anchor,
                    line: no,
                    after_midnight,
                    body: String::new(),
                });
                target = Target::Session(self.sessions.len() - 1);
                await_speaker = true;
                continue;
            }
            if let Class::Day { spec, label, .. } = class {
                self.day_marker(*spec, label, no);
                target = Target::DayIntro(self.days.len() - 1);
                await_speaker = false;
                continue;
            }
            if await_speaker && !line.trim().is_empty() {
                await_speaker = false;
                if let Target::Session(s) = target
                    && matches!(class, Class::Text)
                    && let Some(names) = speakers::speaker_text(line)
                {
                    let session = &mut self.sessions[s];
                    session.speakers = speakers::split(names);
                    session.speaker_line = Some(line.trim().to_string());
                    continue;
                }
            }
            let buf = match target {
                Target::Preamble => &mut self.preamble,
                Target::DayIntro(d) => &mut self.days[d].intro,
                Target::Session(s) => &mut self.sessions[s].body,
            };
            buf.push_str(line);
            buf.push('\n');
        }
        for s in &mut self.sessions {
            for t in markdown::hashtags(&s.body) {
                if !s.tags.contains(&t) {
                    s.tags.push(t);
                }
            }
        }
    }

    /// Starts a new day, or, when the current day has no session yet, describes it:
    /// `## Day 2` followed by `Thursday, 9 October` names one day, not two.
    fn day_marker(&mut self, spec: DaySpec, label: &str, no: usize) {
        let current = self.days.len() - 1;
        let current_empty = !self.sessions.iter().any(|s| s.day == current);
        let previous = if current_empty {
            current.checked_sub(1).and_then(|p| self.days[p].date)
        } else {
            self.days[current].date
        };
        let date = spec.resolve(self.start, previous).or_else(|| {
            // Without a known start, `Day 2` still follows the day before it.
            previous.and_then(|p| p.tomorrow().ok())
        });
        if current_empty {
            let day = &mut self.days[current];
            day.label = Some(match day.label.take() {
                Some(first) => format!("{first} · {label}"),
                None => label.to_string(),
            });
            day.line.get_or_insert(no);
            // A weekday or date is more precise than `Day 2`.
            if day.date.is_none() || !matches!(spec, DaySpec::Nth(_)) {
                day.date = date.or(day.date);
            }
        } else {
            self.days.push(Day {
                date,
                label: Some(label.to_string()),
                line: Some(no),
                intro: String::new(),
            });
        }
    }

    fn warning(&self, line: usize, message: String) -> Warning {
        Warning {
            location: Location {
                path: self.path.to_path_buf(),
                line: Some(line),
                col: None,
            },
            message,
        }
    }
}

/// Classifies every line; lines inside fenced code blocks are always text.
fn classify_all<'a>(lines: &[(usize, &'a str)]) -> Vec<Class<'a>> {
    let mut fence: Option<(char, usize)> = None;
    lines
        .iter()
        .map(|&(_, line)| {
            let t = line.trim_start();
            let fence_char = t.chars().next().filter(|c| *c == '`' || *c == '~');
            let run = fence_char.map_or(0, |c| t.chars().take_while(|&x| x == c).count());
            match fence {
                Some((c, n)) => {
                    if fence_char == Some(c) && run >= n && t[run..].trim().is_empty() {
                        fence = None;
                    }
                    Class::Text
                }
                None if run >= 3 => {
                    fence = fence_char.map(|c| (c, run));
                    Class::Text
                }
                None => classify(line),
            }
        })
        .collect()
}

/// Which heading levels start untimed sessions. With timed markers: headings at or
/// above the level of the timed headings (`##` when the times are bare lines). Without:
/// the shallowest level that repeats, below any day headings.
fn session_heading_levels(classes: &[Class<'_>]) -> Vec<u8> {
    let timed_levels: Vec<Option<u8>> = classes
        .iter()
        .filter_map(|c| match c {
            Class::Timed { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    let heading_levels = || {
        classes.iter().filter_map(|c| match c {
            Class::Heading { level, .. } => Some(*level),
            _ => None,
        })
    };
    if !timed_levels.is_empty() {
        let max = timed_levels.iter().flatten().min().copied().unwrap_or(2);
        return (1..=max).collect();
    }
    let day_level = classes
        .iter()
        .filter_map(|c| match c {
            Class::Day { level, .. } => *level,
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let mut counts = [0usize; 7];
    for level in heading_levels() {
        counts[level as usize] += 1;
    }
    let candidates = (day_level + 1)..=6;
    candidates
        .clone()
        .find(|&l| counts[l as usize] >= 2)
        .or_else(|| candidates.clone().find(|&l| counts[l as usize] >= 1))
        .map(|l| vec![l])
        .unwrap_or_default()
}

fn unique_anchor(
    used: &mut std::collections::HashSet<String>,
    time: Option<Clock>,
    title: &str,
) -> String {
    let slug = slugify(title);
    let base = match (time, slug.is_empty()) {
        (Some(t), false) => format!("{:02}{:02}-{slug}", t.hour, t.minute),
        (Some(t), true) => format!("{:02}{:02}", t.hour, t.minute),
        (None, false) => slug,
        (None, true) => "session".to_string(),
    };
    let mut anchor = base.clone();
    let mut n = 2;
    while !used.insert(anchor.clone()) {
        anchor = format!("{base}-{n}");
        n += 1;
    }
    anchor
}

#[cfg(test)]
mod tests;
