//! The live-blog parts of the event page's view: an entry's marks (key moment, pinned,
//! cancelled, moved, revisions, author), the key moments box, and whether the event
//! reads as a live blog (a stream of untimed-title updates), and which session is on
//! now and which is next at the build's clock ([`now`]).

use super::SessionView;
use super::dates::{datetime, rfc3339};
use crate::error::{Error, Result};
use crate::model::{DEFAULT_MINUTES, Event, EventTimes, Kind, RevisionKind};
use jiff::{SignedDuration, Timestamp, ZonedDateTime};
use serde::Serialize;

/// What the markers say of one entry, ready for the template. Serialised with one
/// more field, `marked`: whether any of them is set ([`LiveView::marked`]).
#[derive(Clone, Default)]
pub struct LiveView {
    pub key_moment: bool,
    pub pinned: bool,
    pub cancelled: bool,
    /// `14:00`: the time it was announced for, when it moved.
    pub moved_from: Option<String>,
    /// Initials or name of who wrote it (`@mk`).
    pub author: Option<String>,
    /// `Update 14:32:` and `Correction:` lines, in order.
    pub revisions: Vec<RevisionView>,
    /// The latest timed revision, full offset datetime (`dateModified`).
    pub modified: Option<String>,
    /// For an update written under a talk's notes: that talk (`{name, url}` with `url`
    /// its `#anchor`), where the entry belongs.
    pub within: Option<super::Link>,
    /// For a talk with updates written under its notes: where they are in its day's
    /// `sessions` (they follow it), so that the page shows them inside the talk.
    pub entries: Option<Entries>,
    /// On now at the build's clock, while the event is on ([`now`]).
    pub now: bool,
    /// The next session to start at the build's clock.
    pub next: bool,
}

impl LiveView {
    /// Whether the entry has any mark a page shows: a theme checks this first and skips
    /// the other fields for the many entries that have none, which keeps the render of
    /// a large event cheap (every field a template reads costs a lookup).
    pub fn marked(&self) -> bool {
        self.key_moment
            || self.pinned
            || self.cancelled
            || self.moved_from.is_some()
            || self.author.is_some()
            || !self.revisions.is_empty()
            || self.modified.is_some()
            || self.within.is_some()
            || self.entries.is_some()
            || self.now
            || self.next
    }
}

impl Serialize for LiveView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Every field named, no `..`: a field added to the struct and not written here
        // does not compile, so the theme never silently loses it.
        let LiveView {
            key_moment,
            pinned,
            cancelled,
            moved_from,
            author,
            revisions,
            modified,
            within,
            entries,
            now,
            next,
        } = self;
        let mut out = serializer.serialize_struct("LiveView", 12)?;
        out.serialize_field("key_moment", key_moment)?;
        out.serialize_field("pinned", pinned)?;
        out.serialize_field("cancelled", cancelled)?;
        out.serialize_field("moved_from", moved_from)?;
        out.serialize_field("author", author)?;
        out.serialize_field("revisions", revisions)?;
        out.serialize_field("modified", modified)?;
        out.serialize_field("within", within)?;
        out.serialize_field("entries", entries)?;
        out.serialize_field("now", now)?;
        out.serialize_field("next", next)?;
        out.serialize_field("marked", &self.marked())?;
        out.end()
    }
}

#[derive(Serialize, Clone)]
pub struct RevisionView {
    /// `update` or `correction`.
    pub kind: &'static str,
    /// `Updated` or `Corrected`.
    pub label: &'static str,
    pub time: Option<String>,
    pub datetime: Option<String>,
}

/// A line of the key moments box, or the pinned entry.
#[derive(Serialize, Clone)]
pub struct KeyMomentView {
    pub anchor: String,
    pub time: Option<String>,
    pub datetime: Option<String>,
    /// The title, or for an update the start of its notes.
    pub text: String,
}

/// The marks of session `index` of `event`.
pub fn marks(event: &Event, times: &EventTimes, index: usize) -> LiveView {
    let Some(session) = event.sessions.get(index) else {
        return LiveView::default();
    };
    let live = &session.live;
    let date = event.session_date(session);
    let revisions = live
        .revisions
        .iter()
        .map(|r| {
            let zoned = r.time.and_then(|c| {
                let at = date?
                    .at(c.hour as i8, c.minute as i8, 0, 0)
                    .to_zoned_datetime(times.zone.tz.clone())
                    .ok()?;
                // Past midnight after the entry: the next day, as `modified` says.
                match times.start(index) {
                    Some(begin) if at < *begin => at.tomorrow().ok(),
                    _ => Some(at),
                }
            });
            RevisionView {
                kind: match r.kind {
                    RevisionKind::Update => "update",
                    RevisionKind::Correction => "correction",
                },
                label: match r.kind {
                    RevisionKind::Update => "Updated",
                    RevisionKind::Correction => "Corrected",
                },
                time: r.time.map(|c| c.to_string()),
                datetime: datetime(zoned.as_ref(), r.time),
            }
        })
        .collect();
    LiveView {
        key_moment: live.key_moment,
        pinned: live.pinned,
        cancelled: live.cancelled,
        moved_from: live.moved_from.map(|c| c.to_string()),
        author: live.author.clone(),
        revisions,
        modified: times.modified(event, index).as_ref().map(rfc3339),
        within: None,
        entries: None,
        now: false,
        next: false,
    }
}

/// Positions `from..to` in a day's sessions: the updates written under one talk.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entries {
    pub from: usize,
    pub to: usize,
}

/// Marks each update that follows a titled session on the same day as an entry of
/// that session (a time stamp under a talk's notes), and the talk as holding them.
/// A break ends the talk: updates after it stand alone.
pub fn nest(days: &mut [super::DayView<'_>]) {
    for day in days {
        let mut parent: Option<usize> = None;
        for i in 0..day.sessions.len() {
            match (day.sessions[i].kind, parent) {
                ("update", Some(p)) => {
                    let talk = &day.sessions[p];
                    let link = super::Link {
                        name: talk.title.to_string(),
                        url: format!("#{}", talk.anchor),
                    };
                    day.sessions[i].live.within = Some(link);
                    let span = day.sessions[p]
                        .live
                        .entries
                        .get_or_insert(Entries { from: i, to: i });
                    span.to = i + 1;
                }
                ("update", None) => {}
                ("break", _) => parent = None,
                _ => parent = Some(i),
            }
        }
    }
}

/// Whether the event reads as a live blog: a stream of updates, at most one titled
/// session among them (the keynote being covered).
pub fn is_liveblog(event: &Event) -> bool {
    let updates = event
        .sessions
        .iter()
        .filter(|s| s.kind == Kind::Update)
        .count();
    updates >= 2 && event.sessions.len() - updates <= 1
}

/// The key moments box, in document order, and the pinned entry (the last one pinned).
pub fn key_moments<'v>(
    views: impl Iterator<Item = &'v SessionView<'v>>,
) -> (Vec<KeyMomentView>, Option<KeyMomentView>) {
    let mut moments = Vec::new();
    let mut pinned = None;
    for v in views {
        if !v.live.key_moment {
            continue;
        }
        let moment = KeyMomentView {
            anchor: v.anchor.to_string(),
            time: v.time.clone(),
            datetime: v.datetime.clone(),
            text: moment_text(v),
        };
        if v.live.pinned {
            pinned = Some(moment.clone());
        }
        moments.push(moment);
    }
    (moments, pinned)
}

/// A titled entry by its title; an update by the start of its notes, cut at a word.
fn moment_text(v: &SessionView<'_>) -> String {
    const MAX: usize = 90;
    if v.kind != "update" || v.excerpt.is_empty() {
        return v.title.to_string();
    }
    let text = v.excerpt.trim();
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// The variable that sets the build's clock, for tests and for building a page as it
/// will read at another moment: `PLENARY_NOW=2025-05-07T14:30:00+02:00`.
pub const NOW_VAR: &str = "PLENARY_NOW";

/// The build's clock: `PLENARY_NOW` when set (an RFC 3339 time with its offset, or
/// seconds since 1970), else the system's.
pub fn clock() -> Result<Timestamp> {
    match std::env::var(NOW_VAR) {
        Ok(text) => parse_clock(&text).ok_or_else(|| {
            Error::msg(format!(
                "{NOW_VAR} `{text}` is not a time: write it as 2025-05-07T14:30:00+02:00 (or seconds since 1970)"
            ))
        }),
        Err(_) => Ok(Timestamp::now()),
    }
}

fn parse_clock(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<i64>() {
        return Timestamp::from_second(seconds).ok();
    }
    text.parse::<Timestamp>().ok()
}

/// The session on now and the next one, by index into the event's sessions, at one
/// moment; both `None` while the event is not on (today, in its zone, outside its
/// days). It changes only at a session's start or end, so a page keyed by it is
/// rendered again exactly when its marks move.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NowMark {
    pub current: Option<usize>,
    pub next: Option<usize>,
}

/// The now mark of `event` at `at`. The rule `static/live.js` follows in the browser:
/// among the timed sessions that are not updates, a session is on from its start to
/// its written end, else to the next such session's start on its day, else for
/// [`DEFAULT_MINUTES`]; a cancelled one is never on nor next (but still ends the one
/// before it); next is the first to start later.
pub fn now(event: &Event, times: &EventTimes, at: Timestamp) -> NowMark {
    let Some(first) = event.date else {
        return NowMark::default();
    };
    let last = event.last_date().unwrap_or(first);
    let today = at.to_zoned_datetime(times.zone.tz.clone()).date();
    if today < first || today > last {
        return NowMark::default();
    }
    let mut slots: Vec<(usize, &ZonedDateTime)> = event
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind != Kind::Update)
        .filter_map(|(i, _)| Some((i, times.start(i)?)))
        .collect();
    slots.sort_by_key(|&(i, start)| (start.timestamp(), i));
    let mut mark = NowMark::default();
    for (k, &(i, start)) in slots.iter().enumerate() {
        let session = &event.sessions[i];
        if session.live.cancelled {
            continue;
        }
        let begin = start.timestamp();
        let end = match session.end_time.and(times.end(i)) {
            Some(end) => end.timestamp(),
            None => slots[k + 1..]
                .iter()
                .map(|&(j, next)| (j, next.timestamp()))
                .find(|&(j, next)| event.sessions[j].day == session.day && next > begin)
                .map(|(_, next)| next)
                .unwrap_or_else(|| {
                    begin
                        .checked_add(SignedDuration::from_mins(DEFAULT_MINUTES))
                        .unwrap_or(begin)
                }),
        };
        if begin <= at && at < end {
            mark.current = Some(i);
        }
        if mark.next.is_none() && begin > at {
            mark.next = Some(i);
        }
    }
    mark
}

/// Marks the views of the sessions on now and next.
pub fn mark_now(days: &mut [super::DayView<'_>], mark: NowMark) {
    for s in days.iter_mut().flat_map(|d| d.sessions.iter_mut()) {
        s.live.now = mark.current == Some(s.index);
        s.live.next = mark.next == Some(s.index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `marked` is what the theme checks before any mark: one field set is enough, and
    /// it is serialised with the others.
    #[test]
    fn any_one_mark_makes_an_entry_marked() {
        let none = LiveView::default();
        assert!(!none.marked());
        let link = super::super::Link {
            name: "Talk".into(),
            url: "#talk".into(),
        };
        let each: Vec<fn(&mut LiveView)> = vec![
            |l| l.key_moment = true,
            |l| l.pinned = true,
            |l| l.cancelled = true,
            |l| l.moved_from = Some("14:00".into()),
            |l| l.author = Some("mk".into()),
            |l| {
                l.revisions.push(RevisionView {
                    kind: "update",
                    label: "Updated",
                    time: None,
                    datetime: None,
                })
            },
            |l| l.modified = Some("2025-05-07T14:00:00+02:00".into()),
            |l| l.entries = Some(Entries { from: 1, to: 2 }),
            |l| l.now = true,
            |l| l.next = true,
        ];
        for (i, set) in each.iter().enumerate() {
            let mut live = LiveView::default();
            set(&mut live);
            assert!(live.marked(), "field {i}");
            assert_eq!(serde_json::to_value(&live).unwrap()["marked"], true);
        }
        let within = LiveView {
            within: Some(link),
            ..LiveView::default()
        };
        assert!(within.marked());
        let value = serde_json::to_value(&none).unwrap();
        assert_eq!(value["marked"], false);
        assert_eq!(value.as_object().unwrap().len(), 12);
    }
}
