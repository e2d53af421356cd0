//! iCalendar (RFC 5545) files: a VEVENT per timed session of an event, times in UTC
//! computed from the event's IANA zone, lines folded at 75 octets, CRLF endings.

use super::times;
use crate::model::Event;
use crate::render::{Page, Renderer};
use jiff::ZonedDateTime;

/// The calendar of one event, at `{event}/calendar.ics`.
pub fn event_calendar(r: &Renderer<'_>, index: usize) -> Page {
    let event = &r.site.events[index];
    let viewer = r.viewer();
    let rel = viewer.event_rel(event);
    let tz = times::zone(r.config, event);
    let mut cal = Calendar::default();
    cal.line("BEGIN", "VCALENDAR");
    cal.line("VERSION", "2.0");
    cal.line("PRODID", "-//plenary//plenary//EN");
    cal.line("CALSCALE", "GREGORIAN");
    cal.line("METHOD", "PUBLISH");
    cal.text("X-WR-CALNAME", &event.title);
    cal.text("X-WR-TIMEZONE", tz.iana_name().unwrap_or("UTC"));
    for (i, session) in event.sessions.iter().enumerate() {
        let (Some(start), Some(end)) =
            (times::start(event, session, &tz), times::end(event, i, &tz))
        else {
            continue;
        };
        cal.line("BEGIN", "VEVENT");
        cal.line("UID", &uid(&r.config.base_url, event, &session.anchor));
        // A published file has no creation moment of its own; the session's start keeps
        // the output the same for the same notes.
        cal.line("DTSTAMP", &utc(&start));
        cal.line("DTSTART", &utc(&start));
        cal.line("DTEND", &utc(&end));
        cal.text("SUMMARY", &session.title);
        let mut description = String::new();
        if let Some(line) = &session.speaker_line {
            description.push_str(line);
        }
        let excerpt = crate::render::views::excerpt(&session.body);
        if !excerpt.is_empty() {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&excerpt);
        }
        if !description.is_empty() {
            cal.text("DESCRIPTION", &description);
        }
        if let Some(location) = &event.location {
            cal.text("LOCATION", location);
        }
        let tags = event.session_tags(session);
        if !tags.is_empty() {
            let escaped: Vec<String> = tags.iter().map(|t| escape_text(t)).collect();
            cal.line("CATEGORIES", &escaped.join(","));
        }
        cal.line("URL", &r.urls.permalink(&r.urls.session(&rel, session)));
        cal.line("END", "VEVENT");
    }
    cal.line("END", "VCALENDAR");
    Page {
        path: format!("{rel}calendar.ics"),
        bytes: cal.out.into_bytes(),
    }
}

/// A stable UID: the event's date and slug and the session's anchor, at the site's host.
fn uid(base_url: &str, event: &Event, anchor: &str) -> String {
    let host = base_url
        .split_once("://")
        .map_or(base_url, |(_, r)| r)
        .split('/')
        .next()
        .unwrap_or_default();
    let date = event.date.map(|d| d.to_string()).unwrap_or_default();
    format!("{date}-{}-{anchor}@{host}", event.slug)
}

/// `20250507T110000Z`.
fn utc(z: &ZonedDateTime) -> String {
    z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string()
}

#[derive(Default)]
struct Calendar {
    out: String,
}

impl Calendar {
    /// A content line whose value is already in iCalendar form.
    fn line(&mut self, name: &str, value: &str) {
        fold_into(&mut self.out, &format!("{name}:{value}"));
    }

    /// A content line with a TEXT value, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape_text(value));
    }
}

/// Escapes a TEXT value: backslash, semicolon, comma and line breaks; drops the other
/// control characters, which a TEXT value cannot hold.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text.replace("\r\n", "\n");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line folded at 75 octets (continuations start with a space),
/// never inside a UTF-8 character, each line ending in CRLF.
pub fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let cases = [
            ("plain", "plain"),
            ("a, b; c", "a\\, b\\; c"),
            ("back\\slash", "back\\\\slash"),
            ("two\nlines\r\nthree", "two\\nlines\\nthree"),
            ("bell\u{7}", "bell"),
        ];
        for (input, want) in cases {
            assert_eq!(escape_text(input), want, "{input:?}");
        }
    }

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let x75 = "X".repeat(75);
        let cases = [
            ("SUMMARY:short".to_string(), vec!["SUMMARY:short"]),
            (x75.clone(), vec![x75.as_str()]),
            ("X".repeat(76), vec![x75.as_str(), " X"]),
        ];
        for (input, want) in cases {
            let mut out = String::new();
            fold_into(&mut out, &input);
            let want = want.join("\r\n") + "\r\n";
            assert_eq!(out, want);
        }
        // 74 ASCII octets then a two-octet "ü": it would end at octet 76, so it moves.
        let input = format!("{}üü", "A".repeat(74));
        let mut out = String::new();
        fold_into(&mut out, &input);
        assert_eq!(out, format!("{}\r\n üü\r\n", "A".repeat(74)));
        let long = "Zürich ☕ café ".repeat(30);
        let mut out = String::new();
        fold_into(&mut out, &long);
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end_matches("\r\n"), long);
    }
}
