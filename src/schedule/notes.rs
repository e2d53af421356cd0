//! Writing a new notes file: TOML front matter, then one session marker per imported
//! talk (`10:00 - 10:30 Title`, the speaker line, an italic room line) under day
//! markers the loader reads back (`## Day 2 – Thursday, 8 May 2025`).

use super::{Person, Talk};
use crate::notes::{marker, speakers};
use crate::views::long_date;
use jiff::civil::Date;
use std::fmt::Write;

/// The front matter keys `plenary new` writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<Date>,
    pub end_date: Option<Date>,
    pub timezone: Option<String>,
    pub location: Option<String>,
    pub tags: Vec<String>,
}

/// A TOML basic string, quoted and escaped.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The front matter block, `+++` lines included.
pub fn front_matter(fm: &FrontMatter) -> String {
    let mut out = String::from("+++\n");
    let _ = writeln!(out, "title = {}", toml_string(&fm.title));
    if let Some(d) = fm.date {
        let _ = writeln!(out, "date = {d}");
    }
    if let Some(d) = fm.end_date.filter(|e| Some(*e) != fm.date) {
        let _ = writeln!(out, "end_date = {d}");
    }
    if let Some(tz) = &fm.timezone {
        let _ = writeln!(out, "timezone = {}", toml_string(tz));
    }
    if let Some(l) = &fm.location {
        let _ = writeln!(out, "location = {}", toml_string(l));
    }
    if !fm.tags.is_empty() {
        let tags: Vec<String> = fm.tags.iter().map(|t| toml_string(t)).collect();
        let _ = writeln!(out, "tags = [{}]", tags.join(", "));
    }
    out.push_str("+++\n");
    out
}

/// The whole notes file: front matter, then the talks in order, grouped by day with
/// a day marker whenever the talks are not all on the event's first day.
pub fn write(fm: &FrontMatter, talks: &[Talk]) -> String {
    let mut out = front_matter(fm);
    let first = fm.date.or_else(|| talks.first().and_then(|t| t.day));
    let multi_day = fm.end_date.is_some_and(|e| Some(e) != fm.date)
        || talks.iter().any(|t| t.day.is_some() && t.day != first);
    let mut current: Option<Option<Date>> = None;
    for talk in talks {
        if multi_day && current != Some(talk.day) {
            current = Some(talk.day);
            if let Some(day) = talk.day {
                out.push('\n');
                out.push_str(&day_marker(first, day));
                out.push('\n');
            }
        }
        out.push('\n');
        out.push_str(&session(talk));
    }
    out
}

/// `## Day 2 – Thursday, 8 May 2025`: numbered from the event's first day, with the
/// full date so the loader places it exactly even across gaps.
pub fn day_marker(first: Option<Date>, day: Date) -> String {
    let n = first
        .and_then(|f| f.until(day).ok())
        .map_or(1, |span| span.get_days() + 1)
        .max(1);
    format!("## Day {n} – {}", long_date(day))
}

/// One session: its marker line, speaker line and room line, each on its own line.
pub fn session(talk: &Talk) -> String {
    let mut out = marker_line(talk);
    out.push('\n');
    if let Some(line) = speaker_line(&talk.speakers) {
        out.push_str(&line);
        out.push('\n');
    }
    if let Some(room) = &talk.room {
        let _ = writeln!(out, "*Room: {}*", escape_emphasis(room));
    }
    out
}

/// `10:00 - 10:30 Title`, or with ` | ` before a title that would otherwise be read
/// as part of the time (`- intro`, `to 11pm`).
pub fn marker_line(talk: &Talk) -> String {
    let start = talk.start.strftime("%H:%M").to_string();
    let times = match talk.end {
        Some(end) => format!("{start} - {}", end.strftime("%H:%M")),
        None => start,
    };
    let plain = format!("{times} {}", talk.title);
    let wanted_end = talk.end.map(|e| e.strftime("%H:%M").to_string());
    let reads_back = |line: &str| {
        marker::time_marker(line).is_some_and(|m| {
            m.time.to_string() == talk.start.strftime("%H:%M").to_string()
                && m.end.map(|e| e.to_string()) == wanted_end
                && m.title == talk.title
        })
    };
    if reads_back(&plain) {
        plain
    } else {
        format!("{times} | {}", talk.title)
    }
}

/// `Name, Affiliation; Name2`, prefixed with `Speakers:` when the loader would not
/// otherwise read it as names (a single-word name, a trailing `Jr.`).
pub fn speaker_line(people: &[Person]) -> Option<String> {
    if people.is_empty() {
        return None;
    }
    let line = people
        .iter()
        .map(|p| match &p.affiliation {
            Some(a) => format!("{}, {a}", p.name),
            None => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    let reads_back = speakers::speaker_text(&line).is_some_and(|text| {
        text == line
            && speakers::split(text)
                .iter()
                .map(|s| s.name.as_str())
                .eq(names.iter().copied())
    });
    Some(if reads_back {
        line
    } else {
        format!("Speakers: {line}")
    })
}

fn escape_emphasis(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '_' | '\\' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn talk(title: &str, end: bool) -> Talk {
        let start = date(2025, 5, 7).at(10, 0, 0, 0);
        Talk {
            day: Some(date(2025, 5, 7)),
            start,
            end: end.then(|| date(2025, 5, 7).at(10, 30, 0, 0)),
            title: title.into(),
            speakers: Vec::new(),
            room: None,
        }
    }

    #[test]
    fn marker_lines() {
        for (title, end, want) in [
            ("Opening", false, "10:00 Opening"),
            ("Opening", true, "10:00 - 10:30 Opening"),
            ("- a dash first", false, "10:00 | - a dash first"),
            ("to 11pm and beyond", false, "10:00 | to 11pm and beyond"),
            ("| piped", true, "10:00 - 10:30 | | piped"),
        ] {
            assert_eq!(marker_line(&talk(title, end)), want, "{title}");
        }
    }

    #[test]
    fn speaker_lines() {
        let p = |n: &str, a: Option<&str>| Person {
            name: n.into(),
            affiliation: a.map(str::to_string),
        };
        for (people, want) in [
            (vec![p("Ada Lovelace", None)], Some("Ada Lovelace")),
            (
                vec![
                    p("Ada Lovelace", Some("Engines Ltd")),
                    p("Grace Hopper", None),
                ],
                Some("Ada Lovelace, Engines Ltd; Grace Hopper"),
            ),
            (vec![p("Prince", None)], Some("Speakers: Prince")),
            (
                vec![p("Sammy Davis Jr.", None)],
                Some("Speakers: Sammy Davis Jr."),
            ),
            (vec![], None),
        ] {
            assert_eq!(speaker_line(&people).as_deref(), want);
        }
    }

    #[test]
    fn day_markers_read_back() {
        let first = date(2025, 5, 7);
        for day in [first, date(2025, 5, 8), date(2025, 5, 12)] {
            let line = day_marker(Some(first), day);
            let text = line.trim_start_matches("## ");
            let spec = marker::day_marker(text).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(spec.resolve(Some(first), None), Some(day), "{line}");
        }
    }
}
