//! Recognising marker lines: ATX headings, session times (`13:00`, `9.30`, `2:15pm`,
//! `10h30`, ranges) and day markers (`Day 2`, `Thursday, 8 May`, `2025-05-08`).

use crate::model::Clock;
use jiff::civil::{Date, Weekday};

/// An ATX heading: its level and its text without the `#`s.
pub fn heading(line: &str) -> Option<(u8, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &trimmed[hashes..];
    if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with('\t')) {
        return None;
    }
    let mut text = rest.trim();
    // A closing sequence of #s preceded by a space is not part of the heading.
    let without_close = text.trim_end_matches('#');
    if without_close.len() < text.len()
        && (without_close.is_empty() || without_close.ends_with(' '))
    {
        text = without_close.trim_end();
    }
    Some((hashes as u8, text))
}

/// A session marker's parts: `14:40 - 15:10 | Title`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMarker {
    pub time: Clock,
    pub end: Option<Clock>,
    pub title: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// A time as typed, before am/pm is applied.
#[derive(Debug, Clone, Copy)]
struct RawClock {
    hour: u8,
    minute: Option<u8>,
    meridiem: Option<Meridiem>,
}

impl RawClock {
    fn resolve(self, fallback: Option<Meridiem>) -> Option<Clock> {
        let minute = self.minute.unwrap_or(0);
        match self.meridiem.or(fallback) {
            None => Clock::new(self.hour, minute),
            Some(m) => {
                if self.hour == 0 || self.hour > 12 {
                    return None;
                }
                let hour = match (m, self.hour) {
                    (Meridiem::Am, 12) => 0,
                    (Meridiem::Am, h) => h,
                    (Meridiem::Pm, 12) => 12,
                    (Meridiem::Pm, h) => h + 12,
                };
                Clock::new(hour, minute)
            }
        }
    }
}

/// Reads `H:MM`, `H.MM`, `HhMM`, `Hh`, `H[:MM]am/pm` at the start of `s`. With
/// `bare`, a lone hour (`1` of `1-2pm`) is accepted too.
fn raw_clock(s: &str, bare: bool) -> Option<(RawClock, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let hour: u8 = s[..digits].parse().ok()?;
    let mut rest = &s[digits..];
    let mut minute = None;
    let mut h_suffix = false;
    if let Some(sep) = rest
        .chars()
        .next()
        .filter(|c| matches!(c, ':' | '.' | 'h' | 'H'))
    {
        let after = &rest[1..];
        let mdigits = after.bytes().take_while(u8::is_ascii_digit).count();
        if mdigits == 2 {
            minute = Some(after[..2].parse().ok()?);
            rest = &after[2..];
        } else if mdigits == 0 && matches!(sep, 'h' | 'H') {
            // `10h` is ten o'clock.
            h_suffix = true;
            minute = Some(0);
            rest = after;
        } else {
            return None;
        }
    }
    let (meridiem, rest) = meridiem(rest);
    if minute.is_none() && meridiem.is_none() && !h_suffix && !bare {
        return None;
    }
    if meridiem.is_some() && h_suffix {
        return None;
    }
    // The time must end at a word boundary.
    if rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some((
        RawClock {
            hour,
            minute,
            meridiem,
        },
        rest,
    ))
}

fn meridiem(s: &str) -> (Option<Meridiem>, &str) {
    let t = s.strip_prefix(' ').unwrap_or(s);
    for (word, m) in [
        ("a.m.", Meridiem::Am),
        ("p.m.", Meridiem::Pm),
        ("am", Meridiem::Am),
        ("pm", Meridiem::Pm),
    ] {
        if t.len() >= word.len()
            && t.is_char_boundary(word.len())
            && t[..word.len()].eq_ignore_ascii_case(word)
        {
            let rest = &t[word.len()..];
            if !rest.chars().next().is_some_and(|c| c.is_alphanumeric()) {
                return (Some(m), rest);
            }
        }
    }
    (None, s)
}

/// Parses a session marker's text (a line, or a heading's text). `None` if it does not
/// start with a valid time followed by a title.
pub fn time_marker(text: &str) -> Option<TimeMarker> {
    let (start, rest) = raw_clock(text, true)?;
    let bare_start = start.minute.is_none() && start.meridiem.is_none();
    let mut rest = rest;
    let mut end_raw = None;
    // A range: `13:00-13:30`, `13:00 – 13:30`, `1 to 2pm`.
    let trimmed = rest.trim_start();
    for dash in ["-", "–", "—", "to ", "until "] {
        if let Some(after) = trimmed.strip_prefix(dash) {
            if let Some((end, after_end)) = raw_clock(after.trim_start(), false) {
                end_raw = Some(end);
                rest = after_end;
            }
            break;
        }
    }
    let (time, end) = match end_raw {
        // A lone hour is a time only as the start of a range ending in am/pm.
        Some(end) if bare_start && end.meridiem.is_none() => return None,
        None if bare_start => return None,
        Some(end) => {
            let start_clock = start.resolve(if start.meridiem.is_none() {
                end.meridiem
            } else {
                None
            })?;
            (start_clock, Some(end.resolve(None)?))
        }
        None => (start.resolve(None)?, None),
    };
    let title = strip_separator(rest);
    if title.is_empty() {
        return None;
    }
    Some(TimeMarker {
        time,
        end,
        title: title.to_string(),
    })
}

/// Drops the separator between time and title: ` | `, ` - `, `: `, `, `. Without a
/// separator, the title must be set off by white space.
fn strip_separator(s: &str) -> &str {
    let t = s.trim_start();
    let spaced = t.len() < s.len();
    match ["|", "-", "–", "—", ":", ","]
        .iter()
        .find_map(|sep| t.strip_prefix(sep))
    {
        Some(after) => after.trim(),
        None if spaced => t.trim(),
        None => "",
    }
}

/// What a day marker says about its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaySpec {
    /// `Day 2`: the event's first day plus one.
    Nth(u32),
    /// `2025-05-08`, `8 May 2025`.
    Date(Date),
    /// `Thursday, 8 May`: a date whose year comes from the event.
    MonthDay { month: i8, day: i8 },
    /// `Thursday`: the next such day.
    Weekday(Weekday),
}

impl DaySpec {
    /// The calendar date this marker names, given the event's first day and the
    /// previous day's date.
    pub fn resolve(self, start: Option<Date>, previous: Option<Date>) -> Option<Date> {
        match self {
            DaySpec::Date(d) => Some(d),
            DaySpec::Nth(n) => start?
                .checked_add(jiff::Span::new().days(i64::from(n) - 1))
                .ok(),
            DaySpec::MonthDay { month, day } => {
                let start = start?;
                let d = Date::new(start.year(), month, day).ok()?;
                // `2 January` in an event starting in late December is next year.
                if start.month() - month > 6 {
                    Date::new(start.year() + 1, month, day).ok()
                } else {
                    Some(d)
                }
            }
            DaySpec::Weekday(w) => {
                let from = match previous {
                    Some(p) => p.tomorrow().ok()?,
                    None => start?,
                };
                let mut d = from;
                for _ in 0..7 {
                    if d.weekday() == w {
                        return Some(d);
                    }
                    d = d.tomorrow().ok()?;
                }
                None
            }
        }
    }
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
    ("mon", Weekday::Monday),
    ("tue", Weekday::Tuesday),
    ("tues", Weekday::Tuesday),
    ("wed", Weekday::Wednesday),
    ("thu", Weekday::Thursday),
    ("thur", Weekday::Thursday),
    ("thurs", Weekday::Thursday),
    ("fri", Weekday::Friday),
    ("sat", Weekday::Saturday),
    ("sun", Weekday::Sunday),
    ("montag", Weekday::Monday),
    ("dienstag", Weekday::Tuesday),
    ("mittwoch", Weekday::Wednesday),
    ("donnerstag", Weekday::Thursday),
    ("freitag", Weekday::Friday),
    ("samstag", Weekday::Saturday),
    ("sonntag", Weekday::Sunday),
    ("lundi", Weekday::Monday),
    ("mardi", Weekday::Tuesday),
    ("mercredi", Weekday::Wednesday),
    ("jeudi", Weekday::Thursday),
    ("vendredi", Weekday::Friday),
    ("samedi", Weekday::Saturday),
    ("dimanche", Weekday::Sunday),
];

const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
];

/// Parses a day marker: the whole text must name a day, except after `Day N`, which may
/// be followed by a separator and a label (`Day 2: Workshops`).
pub fn day_marker(text: &str) -> Option<DaySpec> {
    let text = text.trim().trim_end_matches(':').trim_end();
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    let lower = text.to_lowercase();
    for word in ["day ", "tag ", "jour "] {
        if let Some(rest) = lower.strip_prefix(word) {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 2 {
                continue;
            }
            let after = &rest[digits..];
            let sep_ok = after.is_empty()
                || after.starts_with([' ', ':', ',', '-', '–', '—', '(', '|', '.']);
            let n: u32 = rest[..digits].parse().ok()?;
            if sep_ok && n > 0 {
                // `Day 2, 8 May 2025` names the date precisely: prefer it.
                let label = after.trim_start_matches([' ', ':', ',', '-', '–', '—', '|', '.']);
                if let Some(spec @ (DaySpec::Date(_) | DaySpec::MonthDay { .. })) =
                    date_words(label)
                {
                    return Some(spec);
                }
                return Some(DaySpec::Nth(n));
            }
        }
    }
    date_words(&lower)
}

/// A date written in words and numbers, and nothing else: `thursday, 8 may`,
/// `2025-05-08`, `may 8th, 2025`, `donnerstag, 8. mai`.
fn date_words(lower: &str) -> Option<DaySpec> {
    let mut weekday = None;
    let mut month = None;
    let mut day = None;
    let mut year = None;
    let mut iso = None;
    let tokens = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/'))
        .filter(|t| !t.is_empty());
    for token in tokens {
        let token = token.trim_end_matches('.');
        if token.is_empty() {
            continue;
        }
        if let Ok(d) = token.parse::<Date>() {
            if token.len() == 10 && iso.is_none() {
                iso = Some(d);
                continue;
            }
            return None;
        }
        if let Some(&(_, w)) = WEEKDAYS.iter().find(|(name, _)| *name == token) {
            if weekday.replace(w).is_some() {
                return None;
            }
            continue;
        }
        if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == token) {
            if month.replace(m).is_some() {
                return None;
            }
            continue;
        }
        if matches!(token, "the" | "of" | "le" | "-" | "–") {
            continue;
        }
        let number = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &token[number.len()..];
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er") {
            return None;
        }
        let n: i32 = number.parse().ok()?;
        if number.len() == 4 && suffix.is_empty() && year.is_none() {
            year = Some(n as i16);
        } else if (1..=31).contains(&n) && day.is_none() {
            day = Some(n as i8);
        } else {
            return None;
        }
    }
    if let Some(d) = iso {
        return (month.is_none() && day.is_none() && year.is_none()).then_some(DaySpec::Date(d));
    }
    match (month, day, year) {
        (Some(m), Some(d), Some(y)) => Date::new(y, m, d).ok().map(DaySpec::Date),
        (Some(m), Some(d), None) => Date::new(2000, m, d)
            .ok()
            .map(|_| DaySpec::MonthDay { month: m, day: d }),
        (None, None, None) => weekday.map(DaySpec::Weekday),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn clock(h: u8, m: u8) -> Clock {
        Clock::new(h, m).unwrap()
    }

    #[test]
    fn time_markers() {
        type Expected<'a> = Option<(Clock, Option<Clock>, &'a str)>;
        let cases: &[(&str, Expected)] = &[
            ("13:00 Welcome", Some((clock(13, 0), None, "Welcome"))),
            (
                "9.30 Registration",
                Some((clock(9, 30), None, "Registration")),
            ),
            (
                "2:15pm Lightning talks",
                Some((clock(14, 15), None, "Lightning talks")),
            ),
            (
                "2:15 PM Lightning talks",
                Some((clock(14, 15), None, "Lightning talks")),
            ),
            (
                "12am Midnight hack",
                Some((clock(0, 0), None, "Midnight hack")),
            ),
            ("9am Doors", Some((clock(9, 0), None, "Doors"))),
            ("10h30 Keynote", Some((clock(10, 30), None, "Keynote"))),
            ("10h Keynote", Some((clock(10, 0), None, "Keynote"))),
            (
                "14:40 - 15:10 | The Impact",
                Some((clock(14, 40), Some(clock(15, 10)), "The Impact")),
            ),
            (
                "14:40–15:10 The Impact",
                Some((clock(14, 40), Some(clock(15, 10)), "The Impact")),
            ),
            (
                "1-2pm Lunch",
                Some((clock(13, 0), Some(clock(14, 0)), "Lunch")),
            ),
            ("13:00 - Welcome", Some((clock(13, 0), None, "Welcome"))),
            ("13:00: Welcome", Some((clock(13, 0), None, "Welcome"))),
            (
                "09:05 | Doors open",
                Some((clock(9, 5), None, "Doors open")),
            ),
            ("25:99 Impossible", None),
            ("13:60 Impossible", None),
            ("13:00", None),
            ("104 #opensourceai", None),
            ("2.5 million visitors", None),
            ("10.000 people", None),
            ("13:00Welcome", None),
            ("1999 was a year", None),
            ("123:45 Nope", None),
        ];
        for (input, expected) in cases {
            let got = time_marker(input).map(|m| (m.time, m.end, m.title));
            let want = expected.map(|(t, e, s)| (t, e, s.to_string()));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn headings() {
        assert_eq!(heading("## 14:40 Talk"), Some((2, "14:40 Talk")));
        assert_eq!(heading("# Title #"), Some((1, "Title")));
        assert_eq!(heading("#opensourceai rocks"), None);
        assert_eq!(heading("####### seven"), None);
        assert_eq!(heading("    # code"), None);
        assert_eq!(heading("##"), Some((2, "")));
    }

    #[test]
    fn day_markers() {
        let start = Some(date(2025, 5, 7));
        let cases: &[(&str, Option<jiff::civil::Date>)] = &[
            ("Day 2", Some(date(2025, 5, 8))),
            ("Day 3: Workshops", Some(date(2025, 5, 9))),
            ("Thursday, 8 May", Some(date(2025, 5, 8))),
            ("Thursday", Some(date(2025, 5, 8))),
            ("2025-05-09", Some(date(2025, 5, 9))),
            ("May 9th, 2025", Some(date(2025, 5, 9))),
            ("Freitag, 9. Mai", Some(date(2025, 5, 9))),
            ("Day 2, Friday 9 May", Some(date(2025, 5, 9))),
        ];
        for (input, want) in cases {
            let spec = day_marker(input).unwrap_or_else(|| panic!("{input} is a day marker"));
            assert_eq!(spec.resolve(start, None), *want, "{input}");
        }
        for not_a_day in [
            "Getting back to the Wednesday afternoon conference, here is what we heard:",
            "May the force be with you",
            "Day trip to the lake",
            "2025-05-09 was fun",
            "Welcome",
            "",
        ] {
            assert_eq!(day_marker(not_a_day), None, "{not_a_day}");
        }
    }
}
