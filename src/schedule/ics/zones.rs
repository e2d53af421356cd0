//! iCalendar times and zones: DTSTART/DTEND stamps, and TZIDs resolved to IANA zones.

use crate::schedule::Zone;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use std::collections::HashMap;

/// `20250507T100000`, `20250507T1000`, `2025-05-07T10:00:00`, with or without `Z`.
pub fn parse_stamp(value: &str) -> Option<(DateTime, bool)> {
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
pub fn is_date_only(value: &str) -> bool {
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
pub struct TzDef {
    pub location: Option<String>,
    pub offsets: Vec<String>,
}

/// Resolves TZIDs: an IANA name, a path ending in one (`/mozilla.org/…/Europe/Berlin`),
/// a `VTIMEZONE`'s `X-LIC-LOCATION` or single fixed offset, or a Windows name.
pub fn resolve_tzid(tzid: &str, defs: &HashMap<String, TzDef>) -> Option<(String, TimeZone)> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
