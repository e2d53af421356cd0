//! A small iCalendar (RFC 5545) reader for schedule exports: folded lines, parameters,
//! escaped text, `VEVENT`s with UTC (`Z`), zoned (`TZID=`), floating or all-day times.

use super::text::{decode_entities, person, speakers_from_text, split_summary};
use super::{Schedule, Talk, Zone, parse_duration};
use crate::error::{Error, Result};
use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use std::collections::HashMap;
use std::path::Path;

/// One content line: `NAME;PARAM=VALUE:value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
    /// 1-based line of its first physical line.
    pub line: usize,
}

impl Prop {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Joins folded lines (a line starting with a space or tab continues the one before)
/// and returns each logical line with its first line number.
pub fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some(last) = out.last_mut()
        {
            last.1.push_str(rest);
            continue;
        }
        if !line.trim().is_empty() {
            out.push((i + 1, line.to_string()));
        }
    }
    out
}

/// Splits one logical line into name, parameters and value.
pub fn parse_prop(line: usize, text: &str) -> Option<Prop> {
    let mut in_quotes = false;
    let mut colon = None;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next()?.trim().to_ascii_uppercase();
    if name.is_empty() {
        return None;
    }
    let params = parts
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_string(),
            ))
        })
        .collect();
    Some(Prop {
        name,
        params,
        value: value.to_string(),
        line,
    })
}

fn split_unquoted(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_quotes = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if c == sep && !in_quotes {
            out.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&s[start..]);
    out
}

/// A TEXT value with its escapes (`\n`, `\,`, `\;`, `\\`) resolved.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

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

/// `20250507T100000`, `20250507T1000`, `2025-05-07T10:00:00`, with or without `Z`.
fn parse_stamp(value: &str) -> Option<(DateTime, bool)> {
    let v = value.trim();
    let (v, utc) = match v.strip_suffix(['Z', 'z']) {
        Some(rest) => (rest, true),
        None => (v, false),
    };
    let digits: String = v.chars().filter(|c| c.is_ascii_digit()).collect();
    if !v.contains(['T', 't']) || !(digits.len() == 12 || digits.len() == 14) {
        return None;
    }
    let n = |a: usize, b: usize| digits.get(a..b).and_then(|s| s.parse::<i32>().ok());
    let date = jiff::civil::Date::new(n(0, 4)? as i16, n(4, 6)? as i8, n(6, 8)? as i8).ok()?;
    let sec = if digits.len() == 14 { n(12, 14)? } else { 0 };
    let time =
        jiff::civil::Time::new(n(8, 10)? as i8, n(10, 12)? as i8, sec.min(59) as i8, 0).ok()?;
    Some((date.to_datetime(time), utc))
}

/// `20250507` or `2025-05-07`: a DATE value written without `VALUE=DATE`.
fn is_date_only(value: &str) -> bool {
    let v = value.trim();
    (v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()))
        || (v.len() == 10 && v.parse::<jiff::civil::Date>().is_ok())
}

/// Common Windows zone names some exporters put in TZID.
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("Central European Standard Time", "Europe/Warsaw"),
    ("Romance Standard Time", "Europe/Paris"),
    ("GMT Standard Time", "Europe/London"),
    ("Eastern Standard Time", "America/New_York"),
    ("Central Standard Time", "America/Chicago"),
    ("Mountain Standard Time", "America/Denver"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("UTC", "UTC"),
];

/// What the calendar's `VTIMEZONE`s say about a TZID.
#[derive(Debug, Default)]
struct TzDef {
    location: Option<String>,
    offsets: Vec<String>,
}

/// Resolves TZIDs: an IANA name, a path ending in one (`/mozilla.org/…/Europe/Berlin`),
/// a `VTIMEZONE`'s `X-LIC-LOCATION` or single fixed offset, or a Windows name.
fn resolve_tzid(tzid: &str, defs: &HashMap<String, TzDef>) -> Option<(String, TimeZone)> {
    let tzid = tzid.trim().trim_matches('"');
    let get = |n: &str| TimeZone::get(n).ok().map(|tz| (n.to_string(), tz));
    if let Some(found) = get(tzid) {
        return Some(found);
    }
    if let Some(loc) = defs.get(tzid).and_then(|d| d.location.as_deref())
        && let Some(found) = get(loc)
    {
        return Some(found);
    }
    let parts: Vec<&str> = tzid.split('/').collect();
    for i in 1..parts.len() {
        if let Some(found) = get(&parts[i..].join("/")) {
            return Some(found);
        }
    }
    if let Some((_, iana)) = WINDOWS_ZONES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(tzid))
    {
        return get(iana);
    }
    let def = defs.get(tzid)?;
    let mut offsets = def.offsets.iter().filter_map(|o| parse_offset(o));
    let first = offsets.next()?;
    if offsets.all(|o| o == first) {
        let zone = Zone::from_offset(first)?;
        return Some((zone.name, zone.tz));
    }
    None
}

/// `+0200`, `-0430`, `+02:00`.
fn parse_offset(s: &str) -> Option<Offset> {
    let s = s.trim();
    let sign = match s.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..4].parse().ok()?;
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolding_and_props() {
        let text = "BEGIN:VEVENT\r\nSUMMARY:A long\r\n  title\r\nDTSTART;TZID=\"Europe/Berlin\":20250507T100000\r\n";
        let lines = unfold(text);
        assert_eq!(
            lines,
            vec![
                (1, "BEGIN:VEVENT".to_string()),
                (2, "SUMMARY:A long title".to_string()),
                (
                    4,
                    "DTSTART;TZID=\"Europe/Berlin\":20250507T100000".to_string()
                ),
            ]
        );
        let p = parse_prop(4, &lines[2].1).unwrap();
        assert_eq!(p.name, "DTSTART");
        assert_eq!(p.param("TZID"), Some("Europe/Berlin"));
        assert_eq!(p.value, "20250507T100000");
        let q = parse_prop(
            1,
            "ATTENDEE;CN=\"Doe: Jane\";ROLE=CHAIR:mailto:j@example.org",
        )
        .unwrap();
        assert_eq!(q.param("CN"), Some("Doe: Jane"));
        assert_eq!(q.value, "mailto:j@example.org");
        assert_eq!(parse_prop(1, "no colon here"), None);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            unescape(r"One\, two\; three\nfour\\five"),
            "One, two; three\nfour\\five"
        );
    }

    #[test]
    fn stamps() {
        let d = jiff::civil::date(2025, 5, 7);
        for (input, want) in [
            ("20250507T100000Z", Some((d.at(10, 0, 0, 0), true))),
            ("20250507T1000", Some((d.at(10, 0, 0, 0), false))),
            ("2025-05-07T10:00:00", Some((d.at(10, 0, 0, 0), false))),
            ("20250507", None),
            ("20251307T100000", None),
        ] {
            assert_eq!(parse_stamp(input), want, "{input}");
        }
    }

    #[test]
    fn tzids() {
        let defs = HashMap::from([
            (
                "Conference Time".to_string(),
                TzDef {
                    location: None,
                    offsets: vec!["+0200".into()],
                },
            ),
            (
                "Custom".to_string(),
                TzDef {
                    location: Some("Europe/Zurich".into()),
                    offsets: vec![],
                },
            ),
        ]);
        for (input, want) in [
            ("Europe/Berlin", Some("Europe/Berlin")),
            (
                "/mozilla.org/20050126_1/Europe/Berlin",
                Some("Europe/Berlin"),
            ),
            ("W. Europe Standard Time", Some("Europe/Berlin")),
            ("Custom", Some("Europe/Zurich")),
            ("Conference Time", Some("Etc/GMT-2")),
            ("Nowhere Standard Time", None),
        ] {
            let got = resolve_tzid(input, &defs).map(|(n, _)| n);
            assert_eq!(got.as_deref(), want, "{input}");
        }
    }
}
