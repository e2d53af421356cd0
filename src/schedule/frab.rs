//! What the frab-family formats (pretalx/frab JSON, frab/pentabarf XML) share: one
//! event's raw fields turned into a [`Talk`], and the choice of the schedule's zone.

use super::text::{decode_entities, person};
use super::{DAY_CHANGE_HOUR, Talk, Zone, parse_datetime, parse_duration};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;

/// One `event` as the file has it, before any interpretation.
#[derive(Debug, Default)]
pub struct RawEvent {
    /// The `day` it is listed under.
    pub day: Option<Date>,
    /// When that day starts (`day_start`), to place talks after midnight.
    pub day_start: Option<DateTime>,
    pub date: Option<String>,
    pub start: Option<String>,
    pub duration: Option<String>,
    pub title: String,
    pub persons: Vec<String>,
    pub room: Option<String>,
}

/// Picks the zone times are shown in: `--timezone`, else the schedule's named zone,
/// else one made from the offsets its times carry; with a note for the writer when
/// it had to guess.
pub fn choose_zone(
    given: Option<Zone>,
    named: Option<&str>,
    offset: Option<Offset>,
    notes: &mut Vec<String>,
) -> Option<Zone> {
    if given.is_some() {
        return given;
    }
    if let Some(name) = named.map(str::trim).filter(|n| !n.is_empty()) {
        match Zone::named(name) {
            Some(z) => return Some(z),
            None => notes.push(format!(
                "the schedule's timezone `{name}` is unknown: pass --timezone with an IANA name"
            )),
        }
    }
    match offset {
        Some(off) => {
            let zone = Zone::from_offset(off);
            match &zone {
                Some(z) => notes.push(format!(
                    "the schedule gives no timezone, only the offset {off}: using {}; pass \
                     --timezone (e.g. Europe/Zurich) to name the real one",
                    z.name
                )),
                None => notes.push(format!(
                    "the schedule gives no timezone, only the offset {off}: times are kept \
                     as written; pass --timezone to name it"
                )),
            }
            zone
        }
        None => {
            notes.push(
                "the schedule names no timezone: times are kept as written; pass --timezone \
                 to name it"
                    .to_string(),
            );
            None
        }
    }
}

/// The first offset written in any event's `date`, for [`choose_zone`].
pub fn first_offset<'a>(dates: impl IntoIterator<Item = &'a str>) -> Option<Offset> {
    dates
        .into_iter()
        .find_map(|d| parse_datetime(d).and_then(|(_, off)| off))
}

/// Turns one raw event into a talk; the error says what is missing or wrong.
pub fn talk(raw: RawEvent, zone: Option<&Zone>) -> Result<Talk, String> {
    let title = decode_entities(&raw.title);
    let title = if title.is_empty() {
        "Untitled".to_string()
    } else {
        title
    };
    let from_date = raw.date.as_deref().filter(|d| !d.trim().is_empty());
    let start = match from_date {
        Some(d) => {
            let (dt, offset) = parse_datetime(d)
                .ok_or_else(|| format!("`{title}`: `date` `{d}` is not a date and time"))?;
            match (offset, zone) {
                (Some(off), Some(z)) => {
                    let ts = off
                        .to_timestamp(dt)
                        .map_err(|e| format!("`{title}`: `date` `{d}`: {e}"))?;
                    z.local(ts)
                }
                _ => dt,
            }
        }
        None => start_on_day(&raw, &title)?,
    };
    let end = match raw.duration.as_deref().filter(|d| !d.trim().is_empty()) {
        Some(d) => {
            let span = parse_duration(d)
                .ok_or_else(|| format!("`{title}`: `duration` `{d}` is not H:MM"))?;
            Some(super::add(start, span).ok_or_else(|| format!("`{title}`: duration too long"))?)
        }
        None => None,
    };
    Ok(Talk {
        day: raw.day,
        start,
        end: end.filter(|e| *e > start),
        title,
        speakers: raw.persons.iter().filter_map(|p| person(p)).collect(),
        room: raw
            .room
            .as_deref()
            .map(decode_entities)
            .filter(|r| !r.is_empty()),
    })
}

/// A start from `start` (`HH:MM`) on the day the event is listed under; before the
/// day's start (or the usual day change) it is the next calendar date.
fn start_on_day(raw: &RawEvent, title: &str) -> Result<DateTime, String> {
    let Some(s) = raw.start.as_deref().filter(|s| !s.trim().is_empty()) else {
        return Err(format!("`{title}` has neither `date` nor `start`"));
    };
    let time = parse_time(s).ok_or_else(|| format!("`{title}`: `start` `{s}` is not HH:MM"))?;
    let day = raw
        .day
        .ok_or_else(|| format!("`{title}` has a `start` but no day or `date`"))?;
    let change = raw
        .day_start
        .filter(|d| d.date() == day)
        .map(|d| d.time())
        .unwrap_or_else(|| Time::constant(DAY_CHANGE_HOUR, 0, 0, 0));
    let date = if time < change {
        day.tomorrow().map_err(|e| e.to_string())?
    } else {
        day
    };
    Ok(date.to_datetime(time))
}

/// `10:00`, `9:05`, `10:00:00`.
pub fn parse_time(s: &str) -> Option<Time> {
    let mut parts = s.trim().split(':');
    let h: i8 = parts.next()?.trim().parse().ok()?;
    let m: i8 = parts.next()?.trim().parse().ok()?;
    Time::new(h, m, 0, 0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn raw(date_field: Option<&str>, start: Option<&str>) -> RawEvent {
        RawEvent {
            day: Some(date(2025, 5, 7)),
            date: date_field.map(str::to_string),
            start: start.map(str::to_string),
            duration: Some("0:45".into()),
            title: "Talk".into(),
            ..RawEvent::default()
        }
    }

    #[test]
    fn starts() {
        let berlin = Zone::named("Europe/Berlin");
        let cases: Vec<(RawEvent, Option<&Zone>, DateTime)> = vec![
            (
                raw(Some("2025-05-07T10:00:00+02:00"), Some("10:00")),
                berlin.as_ref(),
                date(2025, 5, 7).at(10, 0, 0, 0),
            ),
            // A UTC `date` is shown in the schedule's zone.
            (
                raw(Some("2025-05-07T08:00:00Z"), None),
                berlin.as_ref(),
                date(2025, 5, 7).at(10, 0, 0, 0),
            ),
            (
                raw(None, Some("14:30")),
                None,
                date(2025, 5, 7).at(14, 30, 0, 0),
            ),
            // Past midnight, still listed under the 7th.
            (
                raw(None, Some("01:15")),
                None,
                date(2025, 5, 8).at(1, 15, 0, 0),
            ),
        ];
        for (r, zone, want) in cases {
            let t = talk(r, zone).unwrap();
            assert_eq!(t.start, want);
            assert_eq!(t.end, want.checked_add(jiff::Span::new().minutes(45)).ok());
        }
        assert!(talk(raw(None, None), None).unwrap_err().contains("neither"));
        assert!(
            talk(raw(Some("soon"), None), None)
                .unwrap_err()
                .contains("`soon`")
        );
    }
}
