//! When sessions start and end in their event's timezone: one rule shared by the
//! feeds, the calendars and the structured data, so they never disagree.

use crate::config::Config;
use crate::model::{Event, Session};
use crate::render::views::{event_tz, zoned};
use jiff::ZonedDateTime;
use jiff::tz::TimeZone;

/// How long a session with no end and no later session that day is taken to last.
pub const DEFAULT_MINUTES: i64 = 30;

/// The event's zone from the IANA database (loading already checked the name).
pub fn zone(config: &Config, event: &Event) -> TimeZone {
    TimeZone::get(event_tz(config, event)).unwrap_or(TimeZone::UTC)
}

/// A session's start, when both its date and its time are known.
pub fn start(event: &Event, session: &Session, tz: &TimeZone) -> Option<ZonedDateTime> {
    zoned(event.session_date(session)?, session.time?, tz)
}

/// Every session's [`start`], in the event's order: what [`end_from`] looks ahead in.
pub fn starts(event: &Event, tz: &TimeZone) -> Vec<Option<ZonedDateTime>> {
    event.sessions.iter().map(|s| start(event, s, tz)).collect()
}

/// A session's end: its own end time, else the start of the next later session of the
/// same day, else [`DEFAULT_MINUTES`] after its start. An end at or before the start is
/// read as past midnight.
pub fn end(event: &Event, index: usize, tz: &TimeZone) -> Option<ZonedDateTime> {
    end_from(event, index, tz, &starts(event, tz))
}

/// [`end`], given the event's [`starts`], so a whole event's ends cost one start each.
pub fn end_from(
    event: &Event,
    index: usize,
    tz: &TimeZone,
    starts: &[Option<ZonedDateTime>],
) -> Option<ZonedDateTime> {
    let session = event.sessions.get(index)?;
    let begin = starts.get(index)?.as_ref()?;
    let date = event.session_date(session)?;
    let own_end = session
        .end_time
        .and_then(|c| zoned(date, c, tz))
        .and_then(|end| {
            if end > *begin {
                Some(end)
            } else {
                end.checked_add(jiff::SignedDuration::from_hours(24)).ok()
            }
        });
    let next_start = || {
        event.sessions[index + 1..]
            .iter()
            .zip(starts.get(index + 1..).unwrap_or_default())
            .filter(|(s, _)| s.day == session.day)
            .filter_map(|(_, start)| start.as_ref())
            .find(|next| *next > begin)
            .cloned()
    };
    own_end.or_else(next_start).or_else(|| {
        begin
            .checked_add(jiff::SignedDuration::from_mins(DEFAULT_MINUTES))
            .ok()
    })
}

/// Midnight at the start of the event's first day, in its zone.
pub fn event_start_of_day(event: &Event, tz: &TimeZone) -> Option<ZonedDateTime> {
    event.date?.to_zoned_datetime(tz.clone()).ok()
}

/// When a session's feed entry counts as updated: its start, else its event's first day.
pub fn session_updated(event: &Event, session: &Session, tz: &TimeZone) -> Option<ZonedDateTime> {
    start(event, session, tz).or_else(|| event_start_of_day(event, tz))
}

/// When an event counts as updated: its latest session start, else its first day.
pub fn event_updated(event: &Event, tz: &TimeZone) -> Option<ZonedDateTime> {
    event
        .sessions
        .iter()
        .filter_map(|s| start(event, s, tz))
        .max()
        .or_else(|| event_start_of_day(event, tz))
}

/// RFC 3339 with the zone's offset: `2025-05-07T13:00:00+02:00`.
pub fn rfc3339(z: &ZonedDateTime) -> String {
    let mut out = String::with_capacity(25);
    push_rfc3339(&mut out, z);
    out
}

/// Appends [`rfc3339`]: what `strftime("%Y-%m-%dT%H:%M:%S%:z")` writes, written by hand
/// because a build formats several times per session. Years outside 0–9999 and offsets
/// with seconds (local mean time before 1900) are left to `strftime`.
pub fn push_rfc3339(out: &mut String, z: &ZonedDateTime) {
    let dt = z.datetime();
    let offset = z.offset().seconds();
    if !(0..=9999).contains(&dt.year()) || offset % 60 != 0 {
        out.push_str(&z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
        return;
    }
    push_datetime(out, dt, true);
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = offset.unsigned_abs() / 60;
    push_int(out, minutes / 60, 2);
    out.push(':');
    push_int(out, minutes % 60, 2);
}

/// The UTC time in iCalendar's compact form, `20250507T110000Z`: what
/// `timestamp().strftime("%Y%m%dT%H%M%SZ")` writes.
pub fn utc_compact(z: &ZonedDateTime) -> String {
    let dt = jiff::tz::Offset::UTC.to_datetime(z.timestamp());
    if !(0..=9999).contains(&dt.year()) {
        return z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string();
    }
    let mut out = String::with_capacity(16);
    push_datetime(&mut out, dt, false);
    out.push('Z');
    out
}

/// `2025-05-07T13:00:00`, or `20250507T130000` without `separators`; the year must be
/// in 0–9999.
fn push_datetime(out: &mut String, dt: jiff::civil::DateTime, separators: bool) {
    let (date_sep, time_sep) = if separators { ("-", ":") } else { ("", "") };
    push_int(out, dt.year().unsigned_abs().into(), 4);
    out.push_str(date_sep);
    push_int(out, dt.month().unsigned_abs().into(), 2);
    out.push_str(date_sep);
    push_int(out, dt.day().unsigned_abs().into(), 2);
    out.push('T');
    push_int(out, dt.hour().unsigned_abs().into(), 2);
    out.push_str(time_sep);
    push_int(out, dt.minute().unsigned_abs().into(), 2);
    out.push_str(time_sep);
    push_int(out, dt.second().unsigned_abs().into(), 2);
}

/// `n` in decimal, zero-padded to `width` digits (`n` must fit).
fn push_int(out: &mut String, n: u32, width: u32) {
    let mut div = 10u32.pow(width - 1);
    while div > 0 {
        out.push(char::from(b'0' + ((n / div) % 10) as u8));
        div /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Clock, Day, Kind};

    fn session(day: usize, time: Option<(u8, u8)>, end: Option<(u8, u8)>) -> Session {
        let clock = |t: Option<(u8, u8)>| t.and_then(|(h, m)| Clock::new(h, m));
        Session {
            day,
            time: clock(time),
            end_time: clock(end),
            title: "t".into(),
            subtitle: None,
            written: None,
            kind: Kind::Talk,
            speakers: vec![],
            speaker_line: None,
            speaker_lines: vec![],
            tags: vec![],
            anchor: "a".into(),
            line: 1,
            after_midnight: false,
            body: String::new(),
        }
    }

    fn event(sessions: Vec<Session>) -> Event {
        let date = jiff::civil::date(2025, 5, 7);
        Event {
            source: "x.md".into(),
            title: "x".into(),
            date: Some(date),
            end_date: None,
            timezone: Some("Europe/Zurich".into()),
            location: None,
            organizers: vec![],
            tags: vec![],
            links: Default::default(),
            summary: None,
            image: None,
            slug: "x".into(),
            draft: false,
            preamble: String::new(),
            days: vec![
                Day {
                    date: Some(date),
                    label: None,
                    line: None,
                    intro: String::new(),
                },
                Day {
                    date: Some(jiff::civil::date(2025, 5, 8)),
                    label: None,
                    line: None,
                    intro: String::new(),
                },
            ],
            sessions,
            modified: None,
        }
    }

    #[test]
    fn formats_like_strftime() {
        let zones = [
            "UTC",
            "Europe/Zurich",
            "America/St_Johns",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Pacific/Chatham",
            "America/Los_Angeles",
            // Local mean time, offsets with seconds, before 1900.
            "Europe/Amsterdam",
            "Africa/Monrovia",
        ];
        let dates = [
            jiff::civil::date(2025, 5, 7).at(13, 0, 0, 0),
            jiff::civil::date(2025, 12, 31).at(23, 59, 59, 0),
            jiff::civil::date(1, 1, 1).at(0, 0, 0, 0),
            jiff::civil::date(1850, 3, 4).at(9, 5, 7, 0),
            jiff::civil::date(1937, 6, 30).at(23, 59, 0, 0),
            jiff::civil::date(9999, 12, 30).at(1, 2, 3, 0),
            jiff::civil::date(-5, 6, 7).at(8, 9, 10, 0),
        ];
        for zone in zones {
            let tz = TimeZone::get(zone).unwrap();
            for dt in dates {
                let Ok(z) = dt.to_zoned_datetime(tz.clone()) else {
                    continue;
                };
                let want = z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
                assert_eq!(rfc3339(&z), want, "{zone} {dt}");
                let want = z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string();
                assert_eq!(utc_compact(&z), want, "{zone} {dt}");
            }
        }
    }

    #[test]
    fn ends() {
        let tz = TimeZone::get("Europe/Zurich").unwrap();
        let e = event(vec![
            session(0, Some((13, 0)), None),
            session(0, None, None),
            session(0, Some((13, 20)), Some((13, 50))),
            session(0, Some((16, 5)), None),
            session(1, Some((9, 0)), None),
            session(1, Some((23, 30)), Some((0, 30))),
        ]);
        let cases = [
            (0, Some("2025-05-07T13:20:00+02:00")),
            (1, None),
            (2, Some("2025-05-07T13:50:00+02:00")),
            // The next session is on the next day: the default length applies.
            (3, Some("2025-05-07T16:35:00+02:00")),
            (4, Some("2025-05-08T23:30:00+02:00")),
            (5, Some("2025-05-09T00:30:00+02:00")),
        ];
        for (i, want) in cases {
            assert_eq!(end(&e, i, &tz).map(|z| rfc3339(&z)).as_deref(), want, "{i}");
        }
        assert_eq!(
            event_updated(&e, &tz).map(|z| rfc3339(&z)).as_deref(),
            Some("2025-05-08T23:30:00+02:00")
        );
        assert_eq!(
            session_updated(&e, &e.sessions[1], &tz)
                .map(|z| rfc3339(&z))
                .as_deref(),
            Some("2025-05-07T00:00:00+02:00")
        );
    }
}
