//! Times: session markers (`13:00 Title`, `9.30`, `2:15pm`, `10h30`, ranges) and the
//! bare stamps of a live blog (`9:37AM<br/>`, `**[8:18]**`, `16:45 h`, `[14:05]`).

use crate::model::Clock;

/// A session marker's parts: `14:40 - 15:10 | Title`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMarker {
    pub time: Clock,
    pub end: Option<Clock>,
    pub title: String,
    /// Written as a clock of twelve hours without am/pm (`1:30`, not `01:30` or
    /// `13:30`): the hour may mean the afternoon, which the order of the day decides.
    pub twelve: bool,
    /// Written with am/pm.
    pub meridiem: bool,
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
    // `16:45 h` and `16:45 Uhr` are a stamp with its unit, not a title.
    if title.is_empty() || matches!(title, "h" | "h." | "Uhr" | "hrs" | "Uhr:" | "h:") {
        return None;
    }
    // `20:00 Uhr: Title`: the clock's unit, then the title.
    let title = title
        .strip_prefix("Uhr")
        .filter(|r| r.starts_with([':', ' ', ',']))
        .map(strip_separator)
        .filter(|t| !t.is_empty())
        .unwrap_or(title);
    Some(TimeMarker {
        time,
        end,
        title: title.to_string(),
        twelve: start.meridiem.is_none()
            && end_raw.is_none_or(|e| e.meridiem.is_none())
            && (1..=12).contains(&start.hour)
            && !text.starts_with('0'),
        meridiem: start.meridiem.is_some() || end_raw.is_some_and(|e| e.meridiem.is_some()),
    })
}

/// A line that opens with a time range in bold and goes on with a title, the way
/// programmes set off their slots: `**10:15-10:40** Break`, `__9:00 - 9:30__ Welcome`,
/// `**17:30-late** Dinner` (an end that is a word, not a clock, stays in the title:
/// `Dinner (late)`). A single
/// time in bold with text after it is a live blog's stamp ([`stamp`]), not this.
pub fn bold_range_line(text: &str) -> Option<TimeMarker> {
    let t = text.trim();
    let mark = ["**", "__"].into_iter().find(|m| t.starts_with(m))?;
    let inner_and_rest = &t[mark.len()..];
    let close = inner_and_rest.find(mark)?;
    let inner = inner_and_rest[..close].trim();
    let title = strip_separator(inner_and_rest[close + mark.len()..].trim_end());
    if title.is_empty()
        || !title.starts_with(|c: char| c.is_alphanumeric() || c == '[' || c == '*' || c == '_')
    {
        return None;
    }
    // The whole bold text must be a range of two clocks ...
    if let Some(m) = time_marker(&format!("{inner} {title}"))
        && m.end.is_some()
        && m.title == title
    {
        return Some(m);
    }
    // ... or a clock and a dash before a word: `17:30-late`, `17:30 - open end`.
    let (start, rest) = raw_clock(inner, false)?;
    let word = ["-", "–", "—"]
        .iter()
        .find_map(|d| rest.trim_start().strip_prefix(d))?
        .trim();
    if word.is_empty() || word.chars().any(|c| c.is_ascii_digit()) || word.chars().count() > 12 {
        return None;
    }
    let time = start.resolve(None)?;
    Some(TimeMarker {
        time,
        end: None,
        // The end as typed stays with the title: the writer's words are kept.
        title: format!("{title} ({word})"),
        twelve: start.meridiem.is_none()
            && (1..=12).contains(&start.hour)
            && !inner.starts_with('0'),
        meridiem: start.meridiem.is_some(),
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

/// A line that is only a time stamp, with its decoration (`**[8:18]**`, `9:37AM<br/>`,
/// `16:45 h`, `[14:05]`, `18:02`): the time, and the text after the stamp when the
/// stamp is set off from it by brackets or emphasis (`**[8:18]** We start.`).
pub fn stamp(text: &str) -> Option<(Clock, &str)> {
    let mut t = text.trim();
    let mut closers: Vec<&str> = Vec::new();
    // Opening decoration, remembered so the same closing one ends the stamp.
    loop {
        if let Some(r) = t.strip_prefix("**") {
            t = r;
            closers.push("**");
        } else if let Some(r) = t.strip_prefix("__") {
            t = r;
            closers.push("__");
        } else if let Some(r) = t.strip_prefix('*').or_else(|| t.strip_prefix('_')) {
            closers.push(if text.trim_start().contains('*') {
                "*"
            } else {
                "_"
            });
            t = r;
        } else if let Some(r) = t.strip_prefix('[') {
            t = r;
            closers.push("]");
        } else if let Some(r) = t.strip_prefix('(') {
            t = r;
            closers.push(")");
        } else {
            break;
        }
    }
    let (raw, rest) = raw_clock(t, false)?;
    let time = raw.resolve(None)?;
    let mut rest = rest.trim_start();
    for word in ["Uhr", "h", "hrs", "CET", "CEST", "UTC"] {
        if let Some(r) = rest.strip_prefix(word)
            && !r.starts_with(|c: char| c.is_alphanumeric())
        {
            rest = r.trim_start();
        }
    }
    for closer in closers.iter().rev() {
        rest = rest.trim_start().strip_prefix(closer)?;
    }
    let mut rest = rest.trim_start();
    loop {
        let before = rest;
        for tag in ["<br/>", "<br />", "<br>", "\\", ":", " "] {
            if let Some(r) = rest.strip_prefix(tag) {
                rest = r;
            }
        }
        if before == rest {
            break;
        }
    }
    if !rest.is_empty() && closers.is_empty() {
        // `18:02 Keynote` is a session marker, not a stamp.
        return None;
    }
    Some((time, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(h: u8, m: u8) -> Clock {
        Clock::new(h, m).unwrap()
    }

    type Expected<'a> = Option<(Clock, Option<Clock>, &'a str)>;

    #[test]
    fn time_markers() {
        let cases: &[(&str, Expected)] = &[
            ("13:00 Welcome", Some((clock(13, 0), None, "Welcome"))),
            (
                "20:00 Uhr: Ausblick",
                Some((clock(20, 0), None, "Ausblick")),
            ),
            ("20:00 Uhrwerke", Some((clock(20, 0), None, "Uhrwerke"))),
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
            (
                "23:30 - 01:00 Night session",
                Some((clock(23, 30), Some(clock(1, 0)), "Night session")),
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
            ("16:45 h", None),
        ];
        for (input, expected) in cases {
            let got = time_marker(input).map(|m| (m.time, m.end, m.title));
            let want = expected.map(|(t, e, s)| (t, e, s.to_string()));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn twelve_hour_clocks_are_noticed() {
        for (input, twelve) in [
            ("1:30 After lunch", true),
            ("12:00 Lunch", true),
            ("01:30 Late", false),
            ("13:30 Afternoon", false),
            ("1:30pm After lunch", false),
        ] {
            assert_eq!(
                time_marker(input).map(|m| m.twelve),
                Some(twelve),
                "{input}"
            );
        }
    }

    #[test]
    fn bold_ranges_open_time_lines() {
        let cases: &[(&str, Expected)] = &[
            (
                "**10:15-10:40** Break",
                Some((clock(10, 15), Some(clock(10, 40)), "Break")),
            ),
            (
                "__9:00 - 9:30__ Welcome",
                Some((clock(9, 0), Some(clock(9, 30)), "Welcome")),
            ),
            (
                "**17:30-late** Workshop Dinner",
                Some((clock(17, 30), None, "Workshop Dinner (late)")),
            ),
            (
                "**13:15-14:35** - Session III",
                Some((clock(13, 15), Some(clock(14, 35)), "Session III")),
            ),
            // A single bold time with text is a live blog's stamp.
            ("**14:05** We start.", None),
            ("**10:15-10:40**", None),
            ("**Note:** 10:15-10:40 Break", None),
            ("**10:15-10:40 Break**", None),
            ("**17:30-2 hours later** Dinner", None),
        ];
        for (input, expected) in cases {
            let got = bold_range_line(input).map(|m| (m.time, m.end, m.title));
            let want = expected.map(|(t, e, s)| (t, e, s.to_string()));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn stamps() {
        let cases: &[(&str, Option<(Clock, &str)>)] = &[
            ("9:37AM<br/>", Some((clock(9, 37), ""))),
            ("**[8:18]**", Some((clock(8, 18), ""))),
            ("16:45 h", Some((clock(16, 45), ""))),
            ("18:02", Some((clock(18, 2), ""))),
            ("[14:05]", Some((clock(14, 5), ""))),
            ("**14:05**", Some((clock(14, 5), ""))),
            ("14:05 Uhr", Some((clock(14, 5), ""))),
            ("2:15 pm", Some((clock(14, 15), ""))),
            (
                "**[8:18]** The room fills up.",
                Some((clock(8, 18), "The room fills up.")),
            ),
            ("[14:05] Questions.", Some((clock(14, 5), "Questions."))),
            ("18:02 Keynote", None),
            ("**Keynote**", None),
            ("25:00", None),
            ("1.5", None),
            ("2025", None),
        ];
        for (input, want) in cases {
            assert_eq!(stamp(input), *want, "{input}");
        }
    }
}
