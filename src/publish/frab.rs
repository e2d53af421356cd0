//! An event's schedule in the format frab and pretalx publish, which attendee apps
//! (Giggity, EventFahrplan, ConfClerk) read: `schedule.json` (the c3voc schema) and
//! `schedule.xml` beside the event's page, one frab event per timed session. plenary
//! knows no rooms: every session is in one room, named after the event's location.

use super::xml::Xml;
use crate::model::{Event, Session};
use crate::page::Page;
use crate::views::dates::rfc3339;
use crate::views::{EventView, Viewer, session_excerpt};
use jiff::ZonedDateTime;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The room every session is in: the location's first part, else `Main`.
fn room(event: &Event) -> String {
    let location = event.location.as_deref().unwrap_or_default();
    let first = location.split(',').next().unwrap_or_default().trim();
    if first.is_empty() {
        "Main".to_string()
    } else {
        first.to_string()
    }
}

/// One session as frab sees it.
struct Talk<'a> {
    session: &'a Session,
    /// 1-based, unique in the file.
    id: usize,
    guid: String,
    slug: String,
    start: &'a ZonedDateTime,
    end: &'a ZonedDateTime,
    url: String,
    abstract_text: String,
}

/// `HH:MM` of a duration in minutes.
fn hours_minutes(minutes: i64) -> String {
    let minutes = minutes.max(0);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A UUID made from a stable name (RFC 9562 version 8, two FNV-1a hashes): the same
/// session keeps its guid from build to build, as apps expect for favourites.
pub fn guid(name: &str) -> String {
    let hash = |seed: u64| {
        let mut h = seed;
        for b in name.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let (a, b) = (hash(0xcbf2_9ce4_8422_2325), hash(0x6c62_272e_07bb_0142));
    let a = (a & !0xf000) | 0x8000; // version 8
    let b = (b & !(0b11 << 62)) | (0b10 << 62); // the RFC's variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// The event's timed sessions, by day index.
fn talks<'a>(r: &Viewer<'a>, index: usize, view: &EventView<'_>) -> Vec<Vec<Talk<'a>>> {
    let event = &r.site.events[index];
    let times = &r.site.times[index];
    let rel = r.event_rel(event);
    let views = view.sessions_by_index(event.sessions.len());
    let date = event.date.map(|d| d.to_string()).unwrap_or_default();
    let mut days: Vec<Vec<Talk<'a>>> = (0..event.days.len().max(1)).map(|_| Vec::new()).collect();
    let mut id = 0;
    for (i, session) in event.sessions.iter().enumerate() {
        let (Some(start), Some(end)) = (times.start(i), times.end(i)) else {
            continue;
        };
        id += 1;
        let abstract_text = session_excerpt(views[i], session).into_owned();
        let host = &r.urls.base().authority;
        let talk = Talk {
            session,
            id,
            guid: guid(&format!("{host}/{date}/{}#{}", event.slug, session.anchor)),
            slug: format!("{}-{}", event.slug, session.anchor),
            start,
            end,
            url: r.urls.permalink(&r.urls.session(&rel, session)),
            abstract_text,
        };
        let day = session.day.min(days.len() - 1);
        days[day].push(talk);
    }
    days
}

/// The frab `acronym`: the event's slug with `_` for `-` (the c3voc schema allows a
/// dash only first), at least four characters.
fn acronym(event: &Event) -> String {
    let mut a = event.slug.replace('-', "_");
    while a.len() < 4 {
        a.push('_');
    }
    a
}

/// The date of each day: the day's own, else its first session's, else the event's.
fn day_dates(
    r: &Viewer<'_>,
    index: usize,
    days: &[Vec<Talk<'_>>],
) -> Vec<Option<jiff::civil::Date>> {
    let event = &r.site.events[index];
    days.iter()
        .enumerate()
        .map(|(d, talks)| {
            event
                .days
                .get(d)
                .and_then(|day| day.date)
                .or_else(|| talks.first().map(|t| t.start.date()))
                .or(event.date)
        })
        .collect()
}

/// `schedule.json` and `schedule.xml` of one event.
pub fn event_schedule(r: &Viewer<'_>, index: usize, view: &EventView<'_>) -> Vec<Page> {
    let event = &r.site.events[index];
    let rel = r.event_rel(event);
    let days = talks(r, index, view);
    let dates = day_dates(r, index, &days);
    let (start, end) = first_and_last(&dates);
    let conference = Conference {
        event,
        room: room(event),
        base_url: r.urls.permalink(&rel),
        zone: r.site.times[index].zone.tz.iana_name().unwrap_or("UTC"),
        language: &r.config.language,
        start,
        end,
        version: version(&days),
        days,
        dates,
    };
    vec![
        Page {
            path: format!("{rel}schedule.json"),
            bytes: json_schedule(&conference).into_bytes(),
        },
        Page {
            path: format!("{rel}schedule.xml"),
            bytes: xml_schedule(&conference).into_bytes(),
        },
    ]
}

/// What both schedule formats say of the event as a whole.
struct Conference<'a> {
    event: &'a Event,
    room: String,
    /// The event page's permalink.
    base_url: String,
    /// The IANA name of the event's zone.
    zone: &'a str,
    language: &'a str,
    /// The first and last day's dates, empty when no day has one.
    start: String,
    end: String,
    version: String,
    days: Vec<Vec<Talk<'a>>>,
    dates: Vec<Option<jiff::civil::Date>>,
}

impl Conference<'_> {
    /// Day `d`'s date, empty when unknown.
    fn date(&self, d: usize) -> String {
        self.dates[d].map(|d| d.to_string()).unwrap_or_default()
    }
}

impl Talk<'_> {
    fn start_time(&self) -> String {
        self.start.strftime("%H:%M").to_string()
    }

    fn duration(&self) -> String {
        hours_minutes(self.end.duration_since(self.start).as_mins())
    }
}

/// The schedule's `version`: apps compare it to see whether to reload. A hash of every
/// talk's slug, times, title and speakers changes whenever one of those does.
fn version(days: &[Vec<Talk<'_>>]) -> String {
    let mut all = String::new();
    for t in days.iter().flatten() {
        all.push_str(&t.slug);
        all.push_str(&rfc3339(t.start));
        all.push_str(&rfc3339(t.end));
        all.push_str(&t.session.label());
        for s in &t.session.speakers {
            all.push_str(&s.name);
        }
        all.push('\n');
    }
    guid(&all)[..8].to_string()
}

fn first_and_last(dates: &[Option<jiff::civil::Date>]) -> (String, String) {
    let known: Vec<_> = dates.iter().flatten().collect();
    let show = |d: Option<&&jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    (show(known.first()), show(known.last()))
}

// The JSON document, typed: each struct's fields are in the order of their keys'
// bytes, the order the file has always had (that of a `serde_json::Map`), so that
// readers diffing two builds see no churn. Serialised straight, with no tree of
// values built first.

#[derive(Serialize)]
struct JsonDoc<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    generator: JsonGenerator,
    schedule: JsonSchedule<'a>,
}

#[derive(Serialize)]
struct JsonGenerator {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonSchedule<'a> {
    base_url: &'a str,
    conference: JsonConference<'a>,
    version: &'a str,
}

#[derive(Serialize)]
struct JsonConference<'a> {
    acronym: String,
    days: Vec<JsonDay<'a>>,
    #[serde(rename = "daysCount")]
    days_count: usize,
    end: &'a str,
    rooms: [JsonRoom<'a>; 1],
    start: &'a str,
    time_zone_name: &'a str,
    timeslot_duration: &'static str,
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonRoom<'a> {
    guid: String,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonDay<'a> {
    date: String,
    day_end: String,
    day_start: String,
    index: usize,
    /// One room, named after the event's location.
    rooms: BTreeMap<&'a str, Vec<JsonTalk<'a>>>,
}

#[derive(Serialize)]
struct JsonTalk<'a> {
    #[serde(rename = "abstract")]
    abstract_text: &'a str,
    attachments: [(); 0],
    date: String,
    description: &'a str,
    duration: String,
    guid: &'a str,
    id: usize,
    language: &'a str,
    links: [(); 0],
    persons: Vec<JsonPerson<'a>>,
    room: &'a str,
    slug: &'a str,
    start: String,
    subtitle: &'a str,
    title: Cow<'a, str>,
    track: Option<()>,
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonPerson<'a> {
    name: &'a str,
    public_name: &'a str,
}

fn json_schedule(c: &Conference<'_>) -> String {
    let room = c.room.as_str();
    let days = c
        .days
        .iter()
        .enumerate()
        .map(|(d, talks)| {
            let events = talks
                .iter()
                .map(|t| JsonTalk {
                    abstract_text: &t.abstract_text,
                    attachments: [],
                    date: rfc3339(t.start),
                    description: t.session.speaker_line.as_deref().unwrap_or_default(),
                    duration: t.duration(),
                    guid: &t.guid,
                    id: t.id,
                    language: c.language,
                    links: [],
                    persons: t
                        .session
                        .speakers
                        .iter()
                        .map(|s| JsonPerson {
                            name: &s.name,
                            public_name: &s.name,
                        })
                        .collect(),
                    room,
                    slug: &t.slug,
                    start: t.start_time(),
                    subtitle: t.session.subtitle.as_deref().unwrap_or_default(),
                    title: t.session.label(),
                    track: None,
                    kind: t.session.kind.as_str(),
                    url: &t.url,
                })
                .collect();
            let (day_start, day_end) = day_bounds(talks);
            JsonDay {
                date: c.date(d),
                day_end,
                day_start,
                index: d + 1,
                rooms: BTreeMap::from([(room, events)]),
            }
        })
        .collect();
    let doc = JsonDoc {
        schema: "https://c3voc.de/schedule/schema.json",
        generator: JsonGenerator {
            name: "plenary",
            version: env!("CARGO_PKG_VERSION"),
        },
        schedule: JsonSchedule {
            base_url: &c.base_url,
            conference: JsonConference {
                acronym: acronym(c.event),
                days,
                days_count: c.days.len(),
                end: &c.end,
                rooms: [JsonRoom {
                    guid: guid(&format!("{}/room/{room}", c.base_url)),
                    name: room,
                }],
                start: &c.start,
                time_zone_name: c.zone,
                timeslot_duration: "00:05",
                title: &c.event.title,
                url: &c.base_url,
            },
            version: &c.version,
        },
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// A day's first start and last end, in the event's zone; empty for a day without
/// timed sessions.
fn day_bounds(talks: &[Talk<'_>]) -> (String, String) {
    let start = talks.iter().map(|t| t.start).min();
    let end = talks.iter().map(|t| t.end).max();
    (
        start.map(rfc3339).unwrap_or_default(),
        end.map(rfc3339).unwrap_or_default(),
    )
}

fn xml_schedule(c: &Conference<'_>) -> String {
    let room = &c.room;
    let mut x = Xml::new();
    x.open("schedule", &[]);
    x.empty(
        "generator",
        &[("name", "plenary"), ("version", env!("CARGO_PKG_VERSION"))],
    );
    x.text("version", &[], &c.version);
    x.open("conference", &[]);
    x.text("acronym", &[], &acronym(c.event));
    x.text("title", &[], &c.event.title);
    if !c.start.is_empty() {
        x.text("start", &[], &c.start);
        x.text("end", &[], &c.end);
    }
    x.text("days", &[], &c.days.len().to_string());
    x.text("timeslot_duration", &[], "00:05");
    x.text("base_url", &[], &c.base_url);
    x.text("time_zone_name", &[], c.zone);
    x.close();
    for (d, talks) in c.days.iter().enumerate() {
        let index = (d + 1).to_string();
        let date = c.date(d);
        let (day_start, day_end) = day_bounds(talks);
        let mut attrs = vec![("index", index.as_str())];
        if !date.is_empty() {
            attrs.push(("date", date.as_str()));
        }
        if !day_start.is_empty() {
            attrs.push(("start", day_start.as_str()));
            attrs.push(("end", day_end.as_str()));
        }
        x.open("day", &attrs);
        if !talks.is_empty() {
            x.open("room", &[("name", room.as_str())]);
        }
        for t in talks {
            let id = t.id.to_string();
            x.open("event", &[("guid", t.guid.as_str()), ("id", id.as_str())]);
            x.text("date", &[], &rfc3339(t.start));
            x.text("start", &[], &t.start_time());
            x.text("duration", &[], &t.duration());
            x.text("room", &[], room);
            x.text("slug", &[], &t.slug);
            x.text("url", &[], &t.url);
            x.text("title", &[], &t.session.label());
            x.text(
                "subtitle",
                &[],
                t.session.subtitle.as_deref().unwrap_or_default(),
            );
            x.text("track", &[], "");
            x.text("type", &[], t.session.kind.as_str());
            x.text("language", &[], c.language);
            x.text("abstract", &[], &t.abstract_text);
            x.text(
                "description",
                &[],
                t.session.speaker_line.as_deref().unwrap_or_default(),
            );
            x.open("persons", &[]);
            for s in &t.session.speakers {
                x.text("person", &[], &s.name);
            }
            x.close();
            x.empty("links", &[]);
            x.close();
        }
        if !talks.is_empty() {
            x.close();
        }
        x.close();
    }
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_uuids_and_stable() {
        let g = guid("example.org/2025-05-07/forum#0930-opening");
        assert_eq!(g, guid("example.org/2025-05-07/forum#0930-opening"));
        assert_ne!(g, guid("example.org/2025-05-07/forum#1000-next"));
        let parts: Vec<&str> = g.split('-').collect();
        let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        assert_eq!(lens, [8, 4, 4, 4, 12], "{g}");
        assert!(parts[2].starts_with('8'), "version 8: {g}");
        assert!(
            matches!(&parts[3][..1], "8" | "9" | "a" | "b"),
            "variant: {g}"
        );
        assert_eq!(hours_minutes(95), "01:35");
        assert_eq!(hours_minutes(-5), "00:00");
    }
}
