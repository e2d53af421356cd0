//! `plenary inspect FILE [--json | --explain]`: what the loader understood of one
//! notes file, and with `--explain`, why it read each line as it did.
//! The JSON schema is documented in `docs/inspect.md` and kept stable.

use crate::config::Config;
use crate::error::{Result, Warning};
use crate::model::{Event, LiveMarks, Session, Speaker};
use serde::Serialize;
use std::path::Path;

/// The parsed event as `inspect --json` prints it.
#[derive(Serialize)]
pub struct EventJson<'a> {
    pub title: &'a str,
    pub date: Option<String>,
    pub end_date: Option<String>,
    pub timezone: &'a str,
    pub location: Option<&'a str>,
    pub organizers: &'a [String],
    pub tags: &'a [String],
    pub slug: &'a str,
    pub summary: Option<&'a str>,
    pub draft: bool,
    /// Front matter keys plenary does not know, as written.
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    pub days: Vec<DayJson<'a>>,
    pub sessions: Vec<SessionJson<'a>>,
    pub warnings: Vec<String>,
}

#[derive(Serialize)]
pub struct DayJson<'a> {
    pub date: Option<String>,
    pub label: Option<&'a str>,
    pub line: Option<usize>,
    /// Anchors of the day's sessions, in order.
    pub sessions: Vec<&'a str>,
}

#[derive(Serialize)]
pub struct SessionJson<'a> {
    pub time: Option<String>,
    pub end_time: Option<String>,
    pub title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub written: Option<&'a str>,
    pub kind: &'static str,
    pub speakers: &'a [Speaker],
    pub speaker_line: Option<&'a str>,
    pub tags: Vec<&'a str>,
    pub anchor: &'a str,
    pub line: usize,
    pub day: usize,
    /// Live-blog markers; each key only when set (`key_moment`, `pinned`, `cancelled`,
    /// `moved_from`, `revisions`, `author`).
    #[serde(flatten)]
    pub live: &'a LiveMarks,
}

impl<'a> EventJson<'a> {
    pub fn new(event: &'a Event, default_tz: &'a str, warnings: &[Warning]) -> Self {
        EventJson {
            title: &event.title,
            date: event.date.map(|d| d.to_string()),
            end_date: event
                .last_date()
                .filter(|d| Some(*d) != event.date)
                .map(|d| d.to_string()),
            timezone: event.timezone.as_deref().unwrap_or(default_tz),
            location: event.location.as_deref(),
            organizers: &event.organizers,
            tags: &event.tags,
            slug: &event.slug,
            summary: event.summary.as_deref(),
            draft: event.draft,
            extra: &event.extra,
            days: event
                .days
                .iter()
                .enumerate()
                .map(|(i, d)| DayJson {
                    date: d.date.map(|d| d.to_string()),
                    label: d.label.as_deref(),
                    line: d.line,
                    sessions: event.day_sessions(i).map(|s| s.anchor.as_str()).collect(),
                })
                .collect(),
            sessions: event
                .sessions
                .iter()
                .map(|s| SessionJson::new(event, s))
                .collect(),
            warnings: warnings.iter().map(|w| w.to_string()).collect(),
        }
    }
}

impl<'a> SessionJson<'a> {
    fn new(event: &'a Event, s: &'a Session) -> Self {
        SessionJson {
            time: s.time.map(|t| t.to_string()),
            end_time: s.end_time.map(|t| t.to_string()),
            title: &s.title,
            subtitle: s.subtitle.as_deref(),
            written: s.written.as_deref(),
            kind: s.kind.as_str(),
            speakers: &s.speakers,
            speaker_line: s.speaker_line.as_deref(),
            tags: event.session_tags(s),
            anchor: &s.anchor,
            line: s.line,
            day: s.day,
            live: &s.live,
        }
    }
}

/// Prints the parsed event as JSON, as a readable outline, or line by line with the
/// reasons (`explain`).
pub fn execute(file: &Path, json: bool, explain: bool) -> Result<()> {
    let config = Config::load(Path::new("."))?;
    let bytes = crate::load::read_file(file, file, crate::load::MAX_NOTES_BYTES)?;
    let decoded = crate::encoding::decode(file, bytes)?;
    if let Some(w) = &decoded.warning {
        eprintln!("{w}");
    }
    let text = decoded.text;
    if explain {
        let (parsed, why) = crate::notes::explain(file, &text)?;
        for w in &parsed.warnings {
            eprintln!("{w}");
        }
        return super::print_stdout(&explanation(&text, &why));
    }
    let parsed = crate::notes::parse(file, &text)?;
    for w in &parsed.warnings {
        eprintln!("{w}");
    }
    let view = EventJson::new(&parsed.event, &config.timezone, &parsed.warnings);
    if json {
        let out =
            serde_json::to_string_pretty(&view).map_err(|e| crate::Error::msg(e.to_string()))?;
        super::print_stdout(&format!("{out}\n"))?;
    } else {
        super::print_stdout(&outline(&view))?;
    }
    Ok(())
}

/// The readable outline of `inspect` without `--json`.
pub fn outline(e: &EventJson<'_>) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{}", e.title);
    let dates = match (&e.date, &e.end_date) {
        (Some(d), Some(end)) => format!("{d} to {end}"),
        (Some(d), None) => d.clone(),
        _ => "no date".into(),
    };
    let _ = writeln!(
        out,
        "  {dates} · {} · {} · slug {}",
        e.location.unwrap_or("no location"),
        e.timezone,
        e.slug
    );
    if !e.tags.is_empty() {
        let _ = writeln!(out, "  tags: {}", e.tags.join(", "));
    }
    for (i, day) in e.days.iter().enumerate() {
        let _ = writeln!(
            out,
            "\nDay {} {} {}",
            i + 1,
            day.date.as_deref().unwrap_or("(date unknown)"),
            day.label.map(|l| format!("({l})")).unwrap_or_default()
        );
        for s in e.sessions.iter().filter(|s| s.day == i) {
            let time = match (&s.time, &s.end_time) {
                (Some(t), Some(end)) => format!("{t}-{end}"),
                (Some(t), None) => t.clone(),
                _ => "--:--".into(),
            };
            let _ = writeln!(
                out,
                "  {time:<11} {:<9} {}  (line {})",
                s.kind, s.title, s.line
            );
            if let Some(sub) = s.subtitle {
                let _ = writeln!(out, "              subtitle: {sub}");
            }
            for sp in s.speakers {
                match &sp.affiliation {
                    Some(a) => {
                        let _ = writeln!(out, "              speaker: {} ({a})", sp.name);
                    }
                    None => {
                        let _ = writeln!(out, "              speaker: {}", sp.name);
                    }
                }
            }
            if !s.tags.is_empty() {
                let _ = writeln!(out, "              tags: {}", s.tags.join(", "));
            }
        }
    }
    out
}

/// The `--explain` listing: the convention found, then every line of the file with its
/// number, what it was read as, and the line itself.
pub fn explanation(text: &str, why: &crate::notes::Explained) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for c in &why.convention {
        let _ = writeln!(out, "{c}");
    }
    let _ = writeln!(out);
    let normal = crate::notes::normalise(text);
    let mut reasons = why.lines.iter().peekable();
    for (i, line) in normal.lines().enumerate() {
        let no = i + 1;
        while reasons.peek().is_some_and(|(n, _)| *n < no) {
            reasons.next();
        }
        let reason = match reasons.peek() {
            Some((n, r)) if *n == no => r.as_str(),
            _ if no == 1 || line.trim().is_empty() => "",
            _ => "front matter",
        };
        let reason = if line.trim().is_empty() { "" } else { reason };
        let row = format!("{no:>4}  {reason:<48} | {line}");
        let _ = writeln!(out, "{}", row.trim_end());
    }
    out
}
