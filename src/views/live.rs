//! The live-blog parts of the event page's view: an entry's marks (key moment, pinned,
//! cancelled, moved, revisions, author), the key moments box, and whether the event
//! reads as a live blog (a stream of untimed-title updates).

use super::SessionView;
use super::dates::{datetime, rfc3339};
use crate::model::{Event, EventTimes, Kind, RevisionKind};
use serde::Serialize;

/// What the markers say of one entry, ready for the template.
#[derive(Serialize, Clone, Default)]
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
    }
}

/// Marks each update that follows a titled session on the same day as an entry of
/// that session (a time stamp under a talk's notes).
pub fn nest(days: &mut [super::DayView<'_>]) {
    for day in days {
        let mut parent: Option<super::Link> = None;
        for s in &mut day.sessions {
            if s.kind == "update" {
                s.live.within = parent.clone();
            } else if s.kind != "break" {
                parent = Some(super::Link {
                    name: s.title.to_string(),
                    url: format!("#{}", s.anchor),
                });
            } else {
                parent = None;
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
