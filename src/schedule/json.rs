//! The frab/pretalx `schedule.json` (c3voc schema): `schedule.conference` with
//! `title`, `start`, `end`, `time_zone_name` and `days[].rooms{name: [events]}`.

use super::frab::{self, RawEvent};
use super::text::decode_entities;
use super::{Schedule, Zone, parse_datetime};
use crate::error::{Error, Result};
use serde_json::Value;
use std::path::Path;

/// Reads a `schedule.json`.
pub fn parse(path: &Path, text: &str, zone: Option<Zone>) -> Result<Schedule> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        Error::at_pos(
            path,
            Some(e.line()),
            Some(e.column()),
            format!("not valid JSON: {e}"),
        )
    })?;
    let conference = root
        .pointer("/schedule/conference")
        .or_else(|| root.get("conference"))
        .ok_or_else(|| {
            Error::at(
                path,
                "no `schedule.conference` object: this is not a frab/pretalx schedule.json",
            )
        })?;
    let days = conference
        .get("days")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::at(path, "`schedule.conference.days` is missing or not a list"))?;

    let mut raws: Vec<(RawEvent, Option<String>)> = Vec::new();
    for (i, day) in days.iter().enumerate() {
        let day_date = str_field(day, "date")
            .and_then(parse_datetime)
            .map(|d| d.0.date());
        let day_start = str_field(day, "day_start")
            .and_then(parse_datetime)
            .map(|d| d.0);
        let Some(rooms) = day.get("rooms").and_then(Value::as_object) else {
            return Err(Error::at(
                path,
                format!("day {} has no `rooms` object", i + 1),
            ));
        };
        for (room_name, events) in rooms {
            let events = events.as_array().ok_or_else(|| {
                Error::at(path, format!("room `{room_name}` is not a list of events"))
            })?;
            for ev in events {
                let title = str_field(ev, "title").unwrap_or_default().to_string();
                let raw = RawEvent {
                    day: day_date,
                    day_start,
                    date: str_field(ev, "date").map(str::to_string),
                    start: str_field(ev, "start").map(str::to_string),
                    duration: ev.get("duration").and_then(|d| match d {
                        Value::String(s) => Some(s.clone()),
                        Value::Number(n) => Some(n.to_string()),
                        _ => None,
                    }),
                    persons: persons(ev),
                    room: str_field(ev, "room")
                        .map(str::to_string)
                        .or_else(|| Some(room_name.clone())),
                    title: title.clone(),
                };
                raws.push((raw, Some(title)));
            }
        }
    }

    let mut notes = Vec::new();
    let offset = frab::first_offset(raws.iter().filter_map(|(r, _)| r.date.as_deref()));
    let named =
        str_field(conference, "time_zone_name").or_else(|| str_field(conference, "timezone"));
    let zone = frab::choose_zone(zone, named, offset, &mut notes);
    let mut talks = Vec::with_capacity(raws.len());
    for (raw, title) in raws {
        let talk = frab::talk(raw, zone.as_ref()).map_err(|msg| {
            match line_of(text, title.as_deref()) {
                Some(line) => Error::at_line(path, line, msg),
                None => Error::at(path, msg),
            }
        })?;
        talks.push(talk);
    }
    let date = |key: &str| {
        str_field(conference, key)
            .and_then(parse_datetime)
            .map(|d| d.0.date())
    };
    Ok(Schedule {
        title: str_field(conference, "title")
            .map(decode_entities)
            .filter(|t| !t.is_empty()),
        timezone: zone.map(|z| z.name),
        first_day: date("start"),
        last_day: date("end"),
        talks,
        notes,
    })
}

fn str_field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Speaker names: exports use `public_name`, `name` or `full_public_name`, or plain strings.
fn persons(ev: &Value) -> Vec<String> {
    let Some(list) = ev
        .get("persons")
        .or_else(|| ev.get("speakers"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|p| match p {
            Value::String(s) => Some(s.clone()),
            Value::Object(_) => ["public_name", "name", "full_public_name", "full_name"]
                .iter()
                .find_map(|k| str_field(p, k).filter(|s| !s.trim().is_empty()))
                .map(str::to_string),
            _ => None,
        })
        .collect()
}

/// The line where an event's title is written, to point an error at it.
fn line_of(text: &str, title: Option<&str>) -> Option<usize> {
    let needle = serde_json::to_string(title?).ok()?;
    let at = text.find(&needle)?;
    Some(text[..at].matches('\n').count() + 1)
}
