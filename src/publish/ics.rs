//! iCalendar (RFC 5545) files: a VEVENT per timed session of an event, times in the
//! event's IANA zone (`TZID`, defined by the calendar's `VTIMEZONE`), lines folded at
//! 75 octets, CRLF endings.

use super::vtimezone;
use crate::escape::ics_text_into;
use crate::page::Page;
use crate::views::dates as format;
use crate::views::{EventView, Viewer, session_excerpt};

/// The calendar of one event, at `{event}/calendar.ics`. `view` is the event's page
/// view, whose sessions already carry their excerpts.
pub fn event_calendar(r: &Viewer<'_>, index: usize, view: &EventView<'_>) -> Page {
    let event = &r.site.events[index];
    let viewer = r;
    let rel = viewer.event_rel(event);
    let times = &r.site.times[index];
    let views = view.sessions_by_index(event.sessions.len());
    let mut cal = Calendar::default();
    cal.line("BEGIN", "VCALENDAR");
    cal.line("VERSION", "2.0");
    cal.line("PRODID", "-//plenary//plenary//EN");
    cal.line("CALSCALE", "GREGORIAN");
    cal.line("METHOD", "PUBLISH");
    cal.text("X-WR-CALNAME", &event.title);
    cal.text("X-WR-TIMEZONE", times.zone.tz.iana_name().unwrap_or("UTC"));
    // Times are written in the event's zone, which the calendar defines.
    let tzid = times.zone.tz.iana_name();
    let starts = (0..event.sessions.len()).filter_map(|i| times.start(i));
    let first = starts.map(|z| z.timestamp()).min();
    let last = (0..event.sessions.len())
        .filter_map(|i| times.end(i))
        .map(|z| z.timestamp())
        .max();
    if let (Some(tzid), Some(first), Some(last)) = (tzid, first, last) {
        for (name, value) in vtimezone::lines(tzid, &times.zone.tz, first, last) {
            cal.line(&name, &value);
        }
    }
    let local = |z: &jiff::ZonedDateTime| match tzid {
        Some(tzid) => (
            format!(";TZID={tzid}"),
            vtimezone::local(z.timestamp(), z.offset()),
        ),
        None => (String::new(), format::utc_compact(z)),
    };
    let host = &r.urls.base().authority;
    let date = event.date.map(|d| d.to_string()).unwrap_or_default();
    let mut description = String::new();
    for (i, session) in event.sessions.iter().enumerate() {
        let (Some(start), Some(end)) = (times.start(i), times.end(i)) else {
            continue;
        };
        cal.line("BEGIN", "VEVENT");
        cal.line(
            "UID",
            &format!("{date}-{}-{}@{host}", event.slug, session.anchor),
        );
        // A published file has no creation moment of its own; the session's start keeps
        // the output the same for the same notes.
        cal.line("DTSTAMP", &format::utc_compact(start));
        let (param, value) = local(start);
        cal.line(&format!("DTSTART{param}"), &value);
        let (param, value) = local(end);
        cal.line(&format!("DTEND{param}"), &value);
        if session.live.cancelled {
            cal.text("SUMMARY", &format!("Cancelled: {}", session.label()));
            cal.line("STATUS", "CANCELLED");
        } else {
            cal.text("SUMMARY", &session.label());
        }
        description.clear();
        if let Some(line) = &session.speaker_line {
            description.push_str(line);
        }
        let excerpt = session_excerpt(views[i], session);
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
            let mut value = String::new();
            for (n, t) in tags.iter().enumerate() {
                if n > 0 {
                    value.push(',');
                }
                ics_text_into(&mut value, t);
            }
            cal.line("CATEGORIES", &value);
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

#[derive(Default)]
struct Calendar {
    out: String,
    /// One content line before folding, kept to spare an allocation per line.
    line: String,
}

impl Calendar {
    /// A content line whose value is already in iCalendar form.
    fn line(&mut self, name: &str, value: &str) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
        self.line.push_str(value);
        fold_into(&mut self.out, &self.line);
    }

    /// A content line with a TEXT value, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line.clear();
        self.line.push_str(name);
        self.line.push(':');
        ics_text_into(&mut self.line, value);
        fold_into(&mut self.out, &self.line);
    }
}

/// Writes one content line folded at 75 octets (continuations start with a space),
/// never inside a UTF-8 character, each line ending in CRLF.
pub fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    // The first line holds 75 octets; a continuation, after its space, 74.
    let mut room = 75;
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Folding one character at a time: the model for the fast path.
    fn fold_chars(line: &str) -> String {
        let mut out = String::new();
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out + "\r\n"
    }

    proptest::proptest! {
        #[test]
        fn folds_any_text_like_the_model(
            text in "(\\PC|[\\\\;,\r\n\t\u{0}\u{7f}\u{80}\u{9f}\u{a0}éü☕]){0,200}",
        ) {
            let mut out = String::new();
            fold_into(&mut out, &text);
            proptest::prop_assert_eq!(out, fold_chars(&text));
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
