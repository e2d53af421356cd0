//! A small iCalendar (RFC 5545) reader for schedule exports: folded lines, parameters,
//! escaped text, `VEVENT`s with UTC (`Z`), zoned (`TZID=`), floating or all-day times.

mod lines;
mod zones;

use super::text::{decode_entities, person, speakers_from_text, split_summary};
use super::{Schedule, Talk, Zone, parse_duration};
use crate::error::{Error, Result};
use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use lines::{Prop, parse_prop, unescape, unfold};
use std::collections::HashMap;
use std::path::Path;
use zones::{TzDef, is_date_only, parse_stamp, resolve_tzid};

/// A DTSTART/DTEND value as written.
#[derive(Debug, Clone, PartialEq)]
enum When {
    Utc(Timestamp),
    Zoned(DateTime, TimeZone),
    /// No zone: a wall clock in the calendar's zone (or a TZID we cannot resolve).
    Floating(DateTime),
    /// `VALUE=DATE`: an all-day entry, not a talk.
    AllDay,
}

/// One `VEVENT`'s properties.
#[derive(Default)]
struct RawEvent {
    line: usize,
    props: Vec<Prop>,
}

impl RawEvent {
    fn get(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }
}

/// Reads an `.ics` export.
pub fn parse(path: &Path, text: &str, zone: Option<Zone>) -> Result<Schedule> {
    let lines = unfold(text);
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut events: Vec<RawEvent> = Vec::new();
    let mut calendar: Vec<Prop> = Vec::new();
    let mut defs: HashMap<String, TzDef> = HashMap::new();
    let mut current_tz: Option<String> = None;
    let mut seen_calendar = false;
    for (no, line) in &lines {
        let prop = parse_prop(*no, line).ok_or_else(|| {
            Error::at_line(
                path,
                *no,
                format!("expected `NAME:value`, found `{}`", shorten(line)),
            )
        })?;
        match prop.name.as_str() {
            "BEGIN" => {
                let what = prop.value.trim().to_ascii_uppercase();
                if stack.is_empty() && what != "VCALENDAR" {
                    return Err(Error::at_line(
                        path,
                        *no,
                        "an iCalendar file starts with BEGIN:VCALENDAR",
                    ));
                }
                seen_calendar = true;
                if what == "VEVENT" {
                    events.push(RawEvent {
                        line: *no,
                        props: Vec::new(),
                    });
                }
                stack.push((what, *no));
                continue;
            }
            "END" => {
                let what = prop.value.trim().to_ascii_uppercase();
                match stack.pop() {
                    Some((open, _)) if open == what => {}
                    Some((open, open_line)) => {
                        return Err(Error::at_line(
                            path,
                            *no,
                            format!("END:{what} closes BEGIN:{open} of line {open_line}"),
                        ));
                    }
                    None => {
                        return Err(Error::at_line(
                            path,
                            *no,
                            format!("END:{what} without a BEGIN"),
                        ));
                    }
                }
                if what == "VTIMEZONE" {
                    current_tz = None;
                }
                continue;
            }
            _ => {}
        }
        let inside: Vec<&str> = stack.iter().map(|(s, _)| s.as_str()).collect();
        match inside.as_slice() {
            [] => {
                return Err(Error::at_line(
                    path,
                    *no,
                    "text before BEGIN:VCALENDAR: this is not an iCalendar file",
                ));
            }
            ["VCALENDAR"] => calendar.push(prop),
            ["VCALENDAR", "VEVENT"] => {
                if let Some(ev) = events.last_mut() {
                    ev.props.push(prop);
                }
            }
            ["VCALENDAR", "VTIMEZONE", ..] => match prop.name.as_str() {
                "TZID" => {
                    let id = prop.value.trim().to_string();
                    defs.entry(id.clone()).or_default();
                    current_tz = Some(id);
                }
                "X-LIC-LOCATION" | "TZOFFSETTO" => {
                    if let Some(def) = current_tz.as_ref().and_then(|id| defs.get_mut(id)) {
                        if prop.name == "TZOFFSETTO" {
                            def.offsets.push(prop.value.clone());
                        } else {
                            def.location = Some(prop.value.trim().to_string());
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    if !seen_calendar {
        return Err(Error::at(
            path,
            "no BEGIN:VCALENDAR: this is not an iCalendar file",
        ));
    }
    if let Some((open, line)) = stack.last() {
        return Err(Error::at_line(
            path,
            *line,
            format!("BEGIN:{open} is never closed (the file may be cut short)"),
        ));
    }

    let cal = |name: &str| calendar.iter().find(|p| p.name == name);
    let mut notes = Vec::new();
    // The zone: --timezone, the calendar's X-WR-TIMEZONE, else the first TZID used.
    let named = cal("X-WR-TIMEZONE").and_then(|p| {
        let z = resolve_tzid(&p.value, &defs);
        if z.is_none() {
            notes.push(format!(
                "line {}: X-WR-TIMEZONE `{}` is unknown",
                p.line,
                p.value.trim()
            ));
        }
        z
    });
    let first_tzid = || {
        events
            .iter()
            .flat_map(|e| e.props.iter())
            .filter(|p| p.name == "DTSTART")
            .find_map(|p| p.param("TZID").and_then(|id| resolve_tzid(id, &defs)))
    };
    let target: Option<Zone> = zone
        .or_else(|| named.map(|(name, tz)| Zone { name, tz }))
        .or_else(|| first_tzid().map(|(name, tz)| Zone { name, tz }));

    let mut unresolved: Vec<String> = Vec::new();
    let mut when = |p: &Prop| -> Result<When> {
        if p.param("VALUE")
            .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
            || is_date_only(&p.value)
        {
            return Ok(When::AllDay);
        }
        let (dt, utc) = parse_stamp(&p.value).ok_or_else(|| {
            Error::at_line(
                path,
                p.line,
                format!(
                    "{} `{}` is not a date-time (expected e.g. 20250507T100000Z)",
                    p.name,
                    p.value.trim()
                ),
            )
        })?;
        if utc {
            let ts = dt
                .to_zoned_datetime(TimeZone::UTC)
                .map_err(|e| Error::at_line(path, p.line, e.to_string()))?
                .timestamp();
            return Ok(When::Utc(ts));
        }
        match p.param("TZID") {
            Some(id) => match resolve_tzid(id, &defs) {
                Some((_, tz)) => Ok(When::Zoned(dt, tz)),
                None => {
                    if !unresolved.iter().any(|u| u == id) {
                        unresolved.push(id.to_string());
                    }
                    Ok(When::Floating(dt))
                }
            },
            None => Ok(When::Floating(dt)),
        }
    };

    let mut talks = Vec::new();
    let mut all_day = 0usize;
    let mut utc_without_zone = false;
    for ev in &events {
        let Some(start_prop) = ev.get("DTSTART") else {
            return Err(Error::at_line(path, ev.line, "a VEVENT without DTSTART"));
        };
        let start = when(start_prop)?;
        if start == When::AllDay {
            all_day += 1;
            continue;
        }
        if matches!(start, When::Utc(_)) && target.is_none() {
            utc_without_zone = true;
        }
        let local = |w: &When| -> Option<DateTime> {
            match w {
                When::Utc(ts) => Some(match &target {
                    Some(z) => z.local(*ts),
                    None => ts.to_zoned_datetime(TimeZone::UTC).datetime(),
                }),
                When::Zoned(dt, tz) => match &target {
                    Some(z) => dt
                        .to_zoned_datetime(tz.clone())
                        .ok()
                        .map(|zd| z.local(zd.timestamp())),
                    None => Some(*dt),
                },
                When::Floating(dt) => Some(*dt),
                When::AllDay => None,
            }
        };
        let Some(start_local) = local(&start) else {
            continue;
        };
        let end_local = match ev.get("DTEND") {
            Some(p) => local(&when(p)?),
            None => match ev.get("DURATION") {
                Some(p) => Some(
                    parse_duration(&p.value)
                        .and_then(|span| super::add(start_local, span))
                        .ok_or_else(|| {
                            Error::at_line(
                                path,
                                p.line,
                                format!(
                                    "DURATION `{}` is not a duration such as PT45M",
                                    p.value.trim()
                                ),
                            )
                        })?,
                ),
                None => None,
            },
        };
        talks.push(talk(ev, start_local, end_local));
    }
    if utc_without_zone {
        notes.push(
            "the calendar's times are in UTC and it names no timezone: pass --timezone to \
             show them in the event's local time"
                .to_string(),
        );
    }
    for id in unresolved {
        notes.push(format!(
            "TZID `{id}` has no definition this reader understands: its times are taken as written"
        ));
    }
    if all_day > 0 {
        notes.push(format!(
            "{all_day} all-day entr{} left out",
            if all_day == 1 { "y" } else { "ies" }
        ));
    }
    let timezone = match &target {
        Some(z) => Some(z.name.clone()),
        None if talks.is_empty() => None,
        None if utc_without_zone => Some("UTC".to_string()),
        None => None,
    };
    Ok(Schedule {
        title: cal("X-WR-CALNAME")
            .or_else(|| cal("NAME"))
            .map(|p| decode_entities(&unescape(&p.value)))
            .filter(|t| !t.is_empty()),
        timezone,
        first_day: None,
        last_day: None,
        talks,
        notes,
    })
}

/// One VEVENT as a talk: speakers from ATTENDEEs, else the summary
/// (`Title (talk by Name)`), else the description (`Speakers: …`).
fn talk(ev: &RawEvent, start: DateTime, end: Option<DateTime>) -> Talk {
    let text = |name: &str| ev.get(name).map(|p| unescape(&p.value));
    let summary = decode_entities(&text("SUMMARY").unwrap_or_default());
    let (title, from_summary) = split_summary(&summary);
    let attendees: Vec<super::Person> = ev
        .props
        .iter()
        .filter(|p| p.name == "ATTENDEE")
        .filter_map(|p| p.param("CN").and_then(person))
        .collect();
    let speakers = if !attendees.is_empty() {
        attendees
    } else if !from_summary.is_empty() {
        from_summary
    } else {
        text("DESCRIPTION")
            .map(|d| speakers_from_text(&decode_entities_keep_lines(&d)))
            .unwrap_or_default()
    };
    Talk {
        day: None,
        start,
        end: end.filter(|e| *e > start),
        title: if title.is_empty() {
            "Untitled".to_string()
        } else {
            title
        },
        speakers,
        room: text("LOCATION")
            .map(|l| decode_entities(&l))
            .filter(|l| !l.is_empty()),
    }
}

/// Entities decoded line by line, so a description keeps its lines.
fn decode_entities_keep_lines(text: &str) -> String {
    text.lines()
        .map(decode_entities)
        .collect::<Vec<_>>()
        .join("\n")
}

fn shorten(line: &str) -> String {
    let cut: String = line.chars().take(40).collect();
    if cut.len() < line.len() {
        format!("{cut}…")
    } else {
        cut
    }
}
