//! When an event's sessions start and end, worked out once from the notes and the
//! event's zone: the one rule the pages, feeds, calendars and structured data share.

use super::{Clock, Event, Session};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ZonedDateTime};

/// How long a session with no end and no later session that day is taken to last.
pub const DEFAULT_MINUTES: i64 = 30;

/// An event's zone by its IANA name, as resolved once for the whole site.
#[derive(Debug, Clone)]
pub struct Zone {
    /// The name as written (front matter or `site.toml`).
    pub name: String,
    pub tz: TimeZone,
}

impl Zone {
    /// The zone of an IANA name (old names such as `US/Eastern` included); `None` when
    /// the name is unknown (front matter and `site.toml` are checked when they are read).
    pub fn named(name: &str) -> Option<Zone> {
        let name = name.trim();
        TimeZone::get(name).ok().map(|tz| Zone {
            name: name.to_string(),
            tz,
        })
    }

    /// The zone `event` happens in: its own, else `default` (the site's).
    pub fn of(event: &Event, default: &Zone) -> Zone {
        event
            .timezone
            .as_deref()
            .and_then(Zone::named)
            .unwrap_or_else(|| default.clone())
    }

    /// UTC, for a site that has not loaded its settings yet.
    pub fn utc() -> Zone {
        Zone {
            name: "UTC".into(),
            tz: TimeZone::UTC,
        }
    }
}

/// One event's times: its zone, and each session's start and end (by index into
/// [`Event::sessions`]).
#[derive(Debug, Clone)]
pub struct EventTimes {
    pub zone: Zone,
    starts: Vec<Option<ZonedDateTime>>,
    ends: Vec<Option<ZonedDateTime>>,
}

impl EventTimes {
    /// Works out the times of `event`, in its own zone or else in `default`.
    pub fn new(event: &Event, default: &Zone) -> EventTimes {
        let zone = Zone::of(event, default);
        let starts: Vec<Option<ZonedDateTime>> = event
            .sessions
            .iter()
            .map(|s| start(event, s, &zone.tz))
            .collect();
        let ends = (0..event.sessions.len())
            .map(|i| end(event, i, &zone.tz, &starts))
            .collect();
        EventTimes { zone, starts, ends }
    }

    /// When session `index` starts, when both its date and its time are known.
    pub fn start(&self, index: usize) -> Option<&ZonedDateTime> {
        self.starts.get(index)?.as_ref()
    }

    /// When session `index` ends: its own end time (past midnight when it is not
    /// after the start), else the start of the next later session of the same day,
    /// else [`DEFAULT_MINUTES`] after its start. `None` without a start.
    pub fn end(&self, index: usize) -> Option<&ZonedDateTime> {
        self.ends.get(index)?.as_ref()
    }

    /// The event's start: its earliest session start.
    pub fn first_start(&self) -> Option<&ZonedDateTime> {
        self.starts.iter().flatten().min()
    }

    /// The event's latest session start.
    pub fn last_start(&self) -> Option<&ZonedDateTime> {
        self.starts.iter().flatten().max()
    }

    /// The event's end: its latest session end.
    pub fn last_end(&self) -> Option<&ZonedDateTime> {
        self.ends.iter().flatten().max()
    }

    /// When session `index` was last revised (`Update 14:32:` in its notes): that time
    /// on its day, the next day when it is not after the start. `None` without a
    /// start or a timed revision.
    pub fn modified(&self, event: &Event, index: usize) -> Option<ZonedDateTime> {
        let begin = self.start(index)?;
        let session = event.sessions.get(index)?;
        let at = zoned(
            event.session_date(session)?,
            session.live.modified()?,
            &self.zone.tz,
        )?;
        if at >= *begin {
            Some(at)
        } else {
            at.checked_add(SignedDuration::from_hours(24)).ok()
        }
    }

    /// Midnight at the start of the event's first day, in its zone.
    pub fn start_of_first_day(&self, event: &Event) -> Option<ZonedDateTime> {
        event.date?.to_zoned_datetime(self.zone.tz.clone()).ok()
    }
}

/// A wall-clock time on a date in a zone.
fn zoned(date: Date, clock: Clock, tz: &TimeZone) -> Option<ZonedDateTime> {
    date.at(clock.hour as i8, clock.minute as i8, 0, 0)
        .to_zoned_datetime(tz.clone())
        .ok()
}

fn start(event: &Event, session: &Session, tz: &TimeZone) -> Option<ZonedDateTime> {
    zoned(event.session_date(session)?, session.time?, tz)
}

fn end(
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
                end.checked_add(SignedDuration::from_hours(24)).ok()
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
            .checked_add(SignedDuration::from_mins(DEFAULT_MINUTES))
            .ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Day, Kind};

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
            live: Default::default(),
        }
    }

    fn event(sessions: Vec<Session>) -> Event {
        let date = jiff::civil::date(2025, 5, 7);
        let day = |date| Day {
            date: Some(date),
            label: None,
            line: None,
            intro: String::new(),
        };
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
            extra: Default::default(),
            preamble: String::new(),
            days: vec![day(date), day(jiff::civil::date(2025, 5, 8))],
            sessions,
            modified: None,
        }
    }

    #[test]
    fn ends() {
        let e = event(vec![
            session(0, Some((13, 0)), None),
            session(0, None, None),
            session(0, Some((13, 20)), Some((13, 50))),
            session(0, Some((16, 5)), None),
            session(1, Some((9, 0)), None),
            session(1, Some((23, 30)), Some((0, 30))),
        ]);
        let times = EventTimes::new(&e, &Zone::utc());
        assert_eq!(times.zone.name, "Europe/Zurich");
        let cases = [
            (0, Some("2025-05-07T13:20:00+02:00")),
            (1, None),
            (2, Some("2025-05-07T13:50:00+02:00")),
            // The next session is on the next day: the default length applies.
            (3, Some("2025-05-07T16:35:00+02:00")),
            (4, Some("2025-05-08T23:30:00+02:00")),
            // An end before the start is past midnight.
            (5, Some("2025-05-09T00:30:00+02:00")),
        ];
        for (i, want) in cases {
            let got = times
                .end(i)
                .map(|z| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
            assert_eq!(got.as_deref(), want, "{i}");
        }
        let at =
            |z: Option<&ZonedDateTime>| z.map(|z| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
        assert_eq!(
            at(times.first_start()).as_deref(),
            Some("2025-05-07T13:00:00+02:00")
        );
        assert_eq!(
            at(times.last_start()).as_deref(),
            Some("2025-05-08T23:30:00+02:00")
        );
        assert_eq!(
            at(times.last_end()).as_deref(),
            Some("2025-05-09T00:30:00+02:00")
        );
    }

    /// A time as the pages show it, with its offset.
    fn at(z: Option<&ZonedDateTime>) -> Option<String> {
        z.map(|z| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
    }

    #[test]
    fn parallel_sessions_end_at_the_next_later_start_not_at_each_other() {
        // Two tracks written one after the other: 10:00 and 11:00 in each.
        let e = event(vec![
            session(0, Some((10, 0)), None),
            session(0, Some((10, 0)), None),
            session(0, Some((11, 0)), None),
            session(0, Some((11, 0)), None),
        ]);
        let times = EventTimes::new(&e, &Zone::utc());
        let ends: Vec<Option<String>> = (0..4).map(|i| at(times.end(i))).collect();
        assert_eq!(
            ends,
            [
                Some("2025-05-07T11:00:00+02:00".into()),
                Some("2025-05-07T11:00:00+02:00".into()),
                Some("2025-05-07T11:30:00+02:00".into()),
                Some("2025-05-07T11:30:00+02:00".into()),
            ]
        );
    }

    #[test]
    fn an_end_equal_to_its_start_runs_to_the_same_time_next_day() {
        // `23:00 - 23:00`, an all-night hackathon: never a session of no length.
        let e = event(vec![session(0, Some((23, 0)), Some((23, 0)))]);
        let times = EventTimes::new(&e, &Zone::utc());
        assert_eq!(
            at(times.end(0)).as_deref(),
            Some("2025-05-08T23:00:00+02:00")
        );
    }

    #[test]
    fn the_first_day_starts_at_midnight_in_the_events_zone() {
        let e = event(vec![]);
        let times = EventTimes::new(&e, &Zone::utc());
        assert_eq!(
            at(times.start_of_first_day(&e).as_ref()).as_deref(),
            Some("2025-05-07T00:00:00+02:00")
        );
        assert_eq!(times.first_start(), None);
        assert_eq!(times.end(0), None);
        let undated = Event { date: None, ..e };
        assert_eq!(times.start_of_first_day(&undated), None);
    }

    #[test]
    fn events_without_a_zone_of_their_own_take_the_default() {
        let mut e = event(vec![session(0, Some((9, 0)), None)]);
        e.timezone = None;
        let times = EventTimes::new(&e, &Zone::named("Asia/Tokyo").unwrap());
        assert_eq!(times.zone.name, "Asia/Tokyo");
        assert_eq!(
            times
                .start(0)
                .map(|z| z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
                .as_deref(),
            Some("2025-05-07T09:00:00+09:00")
        );
    }
}
