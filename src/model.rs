//! The parsed content: events, their days and sessions, speakers. Knows nothing of
//! templates, URLs, HTTP or the file system.

mod times;

pub use times::{DEFAULT_MINUTES, EventTimes, Zone};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// A wall-clock time of day as the writer typed it, normalised to 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Clock {
    pub hour: u8,
    pub minute: u8,
}

impl Clock {
    pub fn new(hour: u8, minute: u8) -> Option<Clock> {
        (hour < 24 && minute < 60).then_some(Clock { hour, minute })
    }

    pub fn minutes(self) -> u32 {
        u32::from(self.hour) * 60 + u32::from(self.minute)
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// What sort of slot a session is, guessed from its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Talk,
    Keynote,
    Panel,
    Workshop,
    Lightning,
    Break,
    /// A time stamp of a live blog with the notes under it, and no title.
    Update,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Talk => "talk",
            Kind::Keynote => "keynote",
            Kind::Panel => "panel",
            Kind::Workshop => "workshop",
            Kind::Lightning => "lightning",
            Kind::Break => "break",
            Kind::Update => "update",
        }
    }
}

/// One person on a speaker line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    pub affiliation: Option<String>,
    /// A link written on the name (`[Ada Lovelace](https://...)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One talk, break, panel... from its marker line to the next marker.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize)]
pub struct Session {
    /// Index into [`Event::days`].
    pub day: usize,
    pub time: Option<Clock>,
    pub end_time: Option<Clock>,
    /// Empty for an [`Kind::Update`]: see [`Session::label`].
    pub title: String,
    /// A line under the title that names the topic, written before the speakers on the
    /// speaker line (`Budgets and Trust Ada Lovelace, Office...`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The title line as written, kept when making the title plain shed words: an
    /// enumerator (`Talk 2:`), a link's target, a format word in front.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written: Option<String>,
    pub kind: Kind,
    pub speakers: Vec<Speaker>,
    /// The speaker line exactly as written (without a `Speakers:`/`by` prefix).
    pub speaker_line: Option<String>,
    /// 1-based lines the speakers were read from: the title line for speakers named
    /// on it, a speaker line or two, a speaker heading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speaker_lines: Vec<usize>,
    /// Hashtags of the title and body, lower-cased, in order of first use.
    pub tags: Vec<String>,
    /// Stable id within the event, derived from time and title.
    pub anchor: String,
    /// 1-based line of the marker in the source file.
    pub line: usize,
    /// The time is past midnight, after the evening of its day (`00:30` after `22:00`):
    /// it happens on the next calendar date.
    pub after_midnight: bool,
    /// Markdown of the notes under the marker.
    pub body: String,
    /// What the live-blog markers say of it: key moment, pinned, cancelled, moved,
    /// corrections, author (read by `notes::live_marks`).
    #[serde(default)]
    pub live: LiveMarks,
}

/// The live-blog markers of one session or update (see `docs/notes-format.md`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LiveMarks {
    /// `!` in front of the time: listed among the event's key moments.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub key_moment: bool,
    /// `!!` or `📌` in front of the time: shown at the top while the event is on.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
    /// `~~13:00 Title~~`, `Cancelled: Title`, `Title (cancelled)`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
    /// `Title (moved from 14:00)`: the time it was announced for.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "clock_text")]
    pub moved_from: Option<Clock>,
    /// `Update 14:32:` and `Correction:` lines in its notes, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
    /// `@mk` in front of the time: who wrote it, as initials or a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

impl LiveMarks {
    /// The time of the latest revision that names one.
    pub fn modified(&self) -> Option<Clock> {
        self.revisions.iter().filter_map(|r| r.time).max()
    }
}

/// A line under an entry that changes what it said: `Update 14:32: …`, `Correction: …`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Revision {
    pub kind: RevisionKind,
    #[serde(default, with = "clock_text")]
    pub time: Option<Clock>,
    /// 1-based line in the source file.
    pub line: usize,
}

/// A time of day as `inspect --json` and `live.json` write it: `"14:32"`.
mod clock_text {
    use super::Clock;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(c: &Option<Clock>, s: S) -> Result<S::Ok, S::Error> {
        match c {
            Some(c) => s.collect_str(c),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Clock>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        Ok(text.and_then(|t| {
            let (h, m) = t.split_once(':')?;
            Clock::new(h.parse().ok()?, m.parse().ok()?)
        }))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RevisionKind {
    Update,
    Correction,
}

impl Session {
    /// What a page calls the session: its title, or for an untitled update its time
    /// (`09:37`), so that no heading or link is ever empty.
    pub fn label(&self) -> std::borrow::Cow<'_, str> {
        if !self.title.is_empty() {
            return std::borrow::Cow::Borrowed(&self.title);
        }
        match self.time {
            Some(t) => std::borrow::Cow::Owned(t.to_string()),
            None => std::borrow::Cow::Borrowed("Update"),
        }
    }
}

/// One day of a (possibly multi-day) event.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize)]
pub struct Day {
    pub date: Option<Date>,
    /// The day marker as written (`Day 2`, `Thursday, 8 May`), if there was one.
    pub label: Option<String>,
    pub line: Option<usize>,
    /// Markdown between the day marker and the day's first session.
    pub intro: String,
}

/// One event notes file, parsed.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize)]
pub struct Event {
    /// The file it came from, relative to the site root where possible.
    pub source: PathBuf,
    pub title: String,
    pub date: Option<Date>,
    pub end_date: Option<Date>,
    /// IANA name; `None` means the site's default.
    pub timezone: Option<String>,
    pub location: Option<String>,
    pub organizers: Vec<String>,
    /// Front matter tags and hashtags of the preamble, lower-cased.
    pub tags: Vec<String>,
    pub links: BTreeMap<String, String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub slug: String,
    pub draft: bool,
    /// Front matter keys plenary does not know, as written (`event.extra.KEY` in
    /// templates).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Markdown before the first session.
    pub preamble: String,
    pub days: Vec<Day>,
    /// Every session in document order.
    pub sessions: Vec<Session>,
    /// When the notes were last saved, if known (set by the loader from the file).
    pub modified: Option<jiff::Timestamp>,
}

impl Event {
    /// The last day of the event: `end_date`, else the last dated day, else `date`.
    pub fn last_date(&self) -> Option<Date> {
        self.end_date
            .or_else(|| self.days.iter().rev().find_map(|d| d.date))
            .or(self.date)
    }

    /// The calendar date a session happens on, when it can be known.
    pub fn session_date(&self, session: &Session) -> Option<Date> {
        let date = self
            .days
            .get(session.day)
            .and_then(|d| d.date)
            .or(self.date)?;
        if session.after_midnight {
            date.tomorrow().ok()
        } else {
            Some(date)
        }
    }

    /// The sessions of one day, in document order.
    pub fn day_sessions(&self, day: usize) -> impl Iterator<Item = &Session> {
        self.sessions.iter().filter(move |s| s.day == day)
    }

    /// A session's tags followed by the event's, without repeats.
    pub fn session_tags<'a>(&'a self, session: &'a Session) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        for t in session.tags.iter().chain(self.tags.iter()) {
            if !out.contains(&t.as_str()) {
                out.push(t);
            }
        }
        out
    }
}
