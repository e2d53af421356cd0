//! Importing a conference's published schedule (frab/pretalx `schedule.json`,
//! frab/pentabarf `schedule.xml`, iCalendar `.ics`) as a list of talks in local time,
//! for `plenary new --schedule`.

mod frab;
pub mod ics;
pub mod json;
pub mod notes;
mod text;
pub mod xml;

use crate::error::{Error, Result};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;
use jiff::{Span, Timestamp};
use std::path::Path;

pub use text::{decode_entities, speakers_from_text};

/// One person giving a talk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub affiliation: Option<String>,
}

/// One talk of an imported schedule, in the schedule's local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Talk {
    /// The conference day it belongs to: a talk after midnight belongs to the day
    /// before, as the schedule's own day structure says. `None` until worked out.
    pub day: Option<Date>,
    /// Wall-clock start in the schedule's timezone.
    pub start: DateTime,
    pub end: Option<DateTime>,
    pub title: String,
    pub speakers: Vec<Person>,
    pub room: Option<String>,
}

/// A schedule file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub title: Option<String>,
    /// IANA name of the zone the talks' times are in, when known.
    pub timezone: Option<String>,
    pub first_day: Option<Date>,
    pub last_day: Option<Date>,
    /// Talks in time order.
    pub talks: Vec<Talk>,
    /// Things the writer should know (guessed timezone, skipped entries).
    pub notes: Vec<String>,
}

/// The file formats `new --schedule` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
    Ics,
}

/// The format of a schedule file, from its extension or else its first characters.
pub fn detect(path: &Path, text: &str) -> Option<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json") => return Some(Format::Json),
        Some("xml") => return Some(Format::Xml),
        Some("ics" | "ical" | "ifb" | "icalendar") => return Some(Format::Ics),
        _ => {}
    }
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') {
        Some(Format::Json)
    } else if start.starts_with('<') {
        Some(Format::Xml)
    } else if start
        .get(..15)
        .is_some_and(|s| s.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
    {
        Some(Format::Ics)
    } else {
        None
    }
}

/// Reads a schedule. `zone` (from `--timezone`) wins over the file's own zone; `room`
/// keeps only that room's talks.
pub fn parse(path: &Path, text: &str, zone: Option<&str>, room: Option<&str>) -> Result<Schedule> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = detect(path, text).ok_or_else(|| {
        Error::at(
            path,
            "not a schedule this command reads: expected a frab/pretalx schedule.json, a \
             frab/pentabarf schedule.xml or an iCalendar .ics file",
        )
    })?;
    let zone = match zone {
        Some(name) => Some(Zone::named(name).ok_or_else(|| {
            Error::msg(format!(
                "--timezone: unknown timezone `{name}`: use an IANA name such as \"Europe/Zurich\""
            ))
        })?),
        None => None,
    };
    let mut schedule = match format {
        Format::Json => json::parse(path, text, zone)?,
        Format::Xml => xml::parse(path, text, zone)?,
        Format::Ics => ics::parse(path, text, zone)?,
    };
    assign_days(&mut schedule.talks);
    if let Some(room) = room {
        keep_room(path, &mut schedule, room)?;
    }
    schedule.talks.sort_by_key(|t| (t.day, t.start));
    if schedule.talks.is_empty() {
        return Err(Error::at(
            path,
            "the schedule has no talks with a start time",
        ));
    }
    let days = schedule.talks.iter().filter_map(|t| t.day);
    let (min, max) = (days.clone().min(), days.max());
    // The conference's own dates win, widened to the talks' when those fall outside.
    schedule.first_day = match (schedule.first_day, min) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    schedule.last_day = schedule.last_day.max(max);
    Ok(schedule)
}

fn keep_room(path: &Path, schedule: &mut Schedule, room: &str) -> Result<()> {
    let wanted = room.trim().to_lowercase();
    let mut rooms: Vec<&str> = Vec::new();
    for t in &schedule.talks {
        if let Some(r) = t.room.as_deref()
            && !rooms.contains(&r)
        {
            rooms.push(r);
        }
    }
    let before = schedule.talks.len();
    let kept: Vec<Talk> = schedule
        .talks
        .iter()
        .filter(|t| {
            t.room
                .as_deref()
                .is_some_and(|r| r.trim().to_lowercase() == wanted)
        })
        .cloned()
        .collect();
    if kept.is_empty() && before > 0 {
        let list = if rooms.is_empty() {
            "the schedule names no rooms".to_string()
        } else {
            format!("its rooms are: {}", rooms.join(", "))
        };
        return Err(Error::at(
            path,
            format!("no talk is in room `{room}`: {list}"),
        ));
    }
    schedule.talks = kept;
    Ok(())
}

/// Until this hour, a talk belongs to the conference day before (frab's `day_change`
/// is usually 04:00 or 05:00).
const DAY_CHANGE_HOUR: i8 = 5;

/// Gives every talk without a day its conference day: its date, or the day before
/// when it starts in the small hours after a day that has talks.
fn assign_days(talks: &mut [Talk]) {
    let dates: std::collections::BTreeSet<Date> = talks
        .iter()
        .filter(|t| t.day.is_none() && t.start.hour() >= DAY_CHANGE_HOUR)
        .map(|t| t.start.date())
        .chain(talks.iter().filter_map(|t| t.day))
        .collect();
    for t in talks.iter_mut().filter(|t| t.day.is_none()) {
        let date = t.start.date();
        let before = date.yesterday().ok();
        t.day = Some(match before {
            Some(b) if t.start.hour() < DAY_CHANGE_HOUR && dates.contains(&b) => b,
            _ => date,
        });
    }
}

/// How the times of one file are turned into the schedule's wall clock: the model's
/// zone, with the fixed-offset zones schedules need.
pub use crate::model::Zone;

impl Zone {
    /// A fixed-offset zone for a schedule that gives only offsets: `Etc/GMT-2` for
    /// `+02:00` (the sign is inverted in those names). `None` for offsets that are
    /// not whole hours, which have no IANA name.
    pub fn from_offset(offset: Offset) -> Option<Zone> {
        let secs = offset.seconds();
        if secs == 0 {
            return Zone::named("UTC");
        }
        if secs % 3600 != 0 {
            return None;
        }
        let hours = secs / 3600;
        Zone::named(&format!("Etc/GMT{:+}", -hours))
    }

    /// The wall clock in this zone of an instant.
    pub fn local(&self, ts: Timestamp) -> DateTime {
        ts.to_zoned_datetime(self.tz.clone()).datetime()
    }
}

/// `2025-05-07T10:00:00+02:00`, `2025-05-07T10:00:00Z`, `2025-05-07T10:00:00` or
/// `2025-05-07 10:00`: the wall clock and the offset, if one was given.
pub fn parse_datetime(s: &str) -> Option<(DateTime, Option<Offset>)> {
    let (body, offset) = split_offset(s.trim())?;
    parse_civil(body).map(|dt| (dt, offset))
}

fn parse_civil(s: &str) -> Option<DateTime> {
    let s = s.replace(' ', "T");
    if let Ok(dt) = s.parse::<DateTime>() {
        return Some(dt);
    }
    s.parse::<Date>()
        .ok()
        .map(|d| d.to_datetime(Time::midnight()))
}

/// Splits `…+02:00` / `…Z` off a date-time; `None` offset when there is none.
fn split_offset(s: &str) -> Option<(&str, Option<Offset>)> {
    if let Some(body) = s.strip_suffix(['Z', 'z']) {
        return Some((body, Some(Offset::UTC)));
    }
    let Some(t) = s.find(['T', 't', ' ']) else {
        return Some((s, None));
    };
    let time = &s[t..];
    let Some(i) = time.rfind(['+', '-']) else {
        return Some((s, None));
    };
    let (body, off) = s.split_at(t + i);
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let digits: String = off[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    let offset = Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()?;
    Some((body, Some(offset)))
}

/// `0:30`, `00:30`, `1:30:00`, `90` (minutes), `PT1H30M`: a duration.
pub fn parse_duration(s: &str) -> Option<Span> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.starts_with(['P', 'p', '+', '-']) {
        let span: Span = s.trim_start_matches('+').parse().ok()?;
        return Some(span);
    }
    let parts: Vec<&str> = s.split(':').collect();
    let num = |p: &str| p.trim().parse::<i64>().ok().filter(|n| *n >= 0);
    let minutes = match parts.as_slice() {
        [m] => num(m)?,
        [h, m] => num(h)? * 60 + num(m)?,
        [h, m, sec] => num(h)? * 60 + num(m)? + num(sec)? / 60,
        _ => return None,
    };
    Span::new().try_minutes(minutes).ok()
}

/// Adds a duration to a wall clock; `None` on overflow.
pub fn add(start: DateTime, span: Span) -> Option<DateTime> {
    start.checked_add(span).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn datetimes() {
        let off = |h: i32| Some(Offset::from_seconds(h * 3600).unwrap());
        type Parsed = Option<(DateTime, Option<Offset>)>;
        let cases: &[(&str, Parsed)] = &[
            (
                "2025-05-07T10:00:00+02:00",
                Some((date(2025, 5, 7).at(10, 0, 0, 0), off(2))),
            ),
            (
                "2025-05-07T10:00:00-0400",
                Some((date(2025, 5, 7).at(10, 0, 0, 0), off(-4))),
            ),
            (
                "2025-05-07T08:00:00Z",
                Some((date(2025, 5, 7).at(8, 0, 0, 0), off(0))),
            ),
            (
                "2025-05-07T10:00:00",
                Some((date(2025, 5, 7).at(10, 0, 0, 0), None)),
            ),
            (
                "2025-05-07 10:00",
                Some((date(2025, 5, 7).at(10, 0, 0, 0), None)),
            ),
            ("tomorrow", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_datetime(input), *want, "{input}");
        }
    }

    #[test]
    fn durations() {
        for (input, minutes) in [
            ("0:30", Some(30)),
            ("00:45", Some(45)),
            ("1:30:00", Some(90)),
            ("90", Some(90)),
            ("PT1H15M", Some(75)),
            ("", None),
            ("soon", None),
        ] {
            let got = parse_duration(input).map(|s| {
                s.total((jiff::Unit::Minute, date(2025, 1, 1)))
                    .map(|m| m as i64)
                    .unwrap_or(-1)
            });
            assert_eq!(got, minutes, "{input}");
        }
    }

    #[test]
    fn offset_zones() {
        let z = |h: i32| Zone::from_offset(Offset::from_seconds(h).unwrap()).map(|z| z.name);
        assert_eq!(z(7200).as_deref(), Some("Etc/GMT-2"));
        assert_eq!(z(-5 * 3600).as_deref(), Some("Etc/GMT+5"));
        assert_eq!(z(0).as_deref(), Some("UTC"));
        assert_eq!(z(19800), None);
    }

    #[test]
    fn small_hours_belong_to_the_day_before() {
        let talk = |d: DateTime| Talk {
            day: None,
            start: d,
            end: None,
            title: String::new(),
            speakers: Vec::new(),
            room: None,
        };
        let mut talks = vec![
            talk(date(2025, 5, 7).at(22, 0, 0, 0)),
            talk(date(2025, 5, 8).at(0, 30, 0, 0)),
            talk(date(2025, 5, 8).at(10, 0, 0, 0)),
            talk(date(2025, 5, 10).at(1, 0, 0, 0)),
        ];
        assign_days(&mut talks);
        let days: Vec<Option<Date>> = talks.iter().map(|t| t.day).collect();
        assert_eq!(
            days,
            vec![
                Some(date(2025, 5, 7)),
                Some(date(2025, 5, 7)),
                Some(date(2025, 5, 8)),
                // No talks on the 9th: an early start is its own day.
                Some(date(2025, 5, 10)),
            ]
        );
    }
}
