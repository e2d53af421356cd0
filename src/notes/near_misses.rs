//! Lines that look like a session but are not read as one: a time that cannot be
//! (`25:00 Late talk`, `13:75 Demo`) or a time without its colon (`1130 Closing
//! remarks`). They stay in the notes, as written; the writer is told, with the line
//! and how to write it, instead of finding the session missing.

/// What is wrong with `line` as a session's time line, if it looks like one.
pub fn near_miss(line: &str) -> Option<String> {
    let text = line.trim_start().trim_start_matches('#').trim_start();
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &text[digits..];
    // `HH:MM Title`, `H.MM Title` or `HHhMM Title` with a value past the clock.
    if (1..=2).contains(&digits)
        && let Some(after) = rest.strip_prefix([':', '.', 'h'])
    {
        let minute_digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let title = after[minute_digits..].strip_prefix(' ')?;
        if minute_digits != 2 || !starts_a_title(title) {
            return None;
        }
        let hour: u32 = text[..digits].parse().ok()?;
        let minute: u32 = after[..2].parse().ok()?;
        if hour > 24 || minute > 59 || (hour == 24 && minute > 0) {
            let time = &text[..digits + 1 + 2];
            return Some(format!(
                "`{time}` looks like a session's time, but there is no such time of day, so this line stays in the notes above: write times from 00:00 to 23:59, like `13:00 {}`",
                title.trim()
            ));
        }
        return None;
    }
    // `1130 Closing remarks`: four digits that make a time, then a title.
    if digits == 4 {
        let title = rest.strip_prefix(' ')?;
        let (hour, minute): (u32, u32) = (text[..2].parse().ok()?, text[2..4].parse().ok()?);
        if hour < 24 && minute < 60 && starts_a_title(title) && !looks_like_a_year(&text[..4]) {
            return Some(format!(
                "`{}` looks like a session's time without its colon, so this line stays in the notes above: write it as `{}:{} {}` to start a session",
                &text[..4],
                &text[..2],
                &text[2..4],
                title.trim()
            ));
        }
    }
    None
}

/// A title starts with a capital letter (a sentence in the notes rarely follows a bare
/// number with one).
fn starts_a_title(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// `2025 Annual report` is a year, not a time.
fn looks_like_a_year(digits: &str) -> bool {
    matches!(&digits[..2], "19" | "20")
}

/// Warnings for the lines of `lines` (number, text) that look like sessions but were
/// not read as any (`markers` are the lines that start sessions); code is skipped.
pub fn warnings(
    path: &std::path::Path,
    lines: &[(usize, &str)],
    markers: &std::collections::HashSet<usize>,
) -> Vec<crate::error::Warning> {
    let mut fenced = false;
    let mut out = Vec::new();
    for &(number, line) in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        if fenced || markers.contains(&number) || line.starts_with("    ") {
            continue;
        }
        if let Some(message) = near_miss(line) {
            out.push(crate::error::Warning {
                location: crate::error::Location {
                    path: path.to_path_buf(),
                    line: Some(number),
                    col: None,
                },
                message,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{near_miss, warnings};

    #[test]
    fn near_misses_are_told_and_real_prose_is_not() {
        for (line, want) in [
            ("25:00 Late talk", Some("`25:00`")),
            ("13:75 Demo of the week", Some("`13:75`")),
            ("## 24:30 Midnight snack", Some("`24:30`")),
            ("1130 Closing remarks", Some("`11:30 Closing remarks`")),
            ("0915 Keynote", Some("`09:15 Keynote`")),
            // Not sessions, and nothing to say about them.
            ("2025 Annual report", None),
            ("1999 Was a good year", None),
            ("1130 people came", None),
            ("13:00 Real session", None),
            ("12:30 - 13:30 Lunch", None),
            ("3:1 Ratio of things", None),
            ("42 Answers", None),
            ("25:00 was the time code", None),
            // The edges of the clock.
            ("24:00 Closing party", None),
            ("24:01 After the party", Some("`24:01`")),
            ("23:59 Last call", None),
            ("13:60 Overtime", Some("`13:60`")),
            ("13:45 Talk", None),
            ("2359 Last call", Some("`23:59 Last call`")),
            ("2400 Midnight", None),
            ("1160 Overtime", None),
            ("1159 Nearly noon", Some("`11:59 Nearly noon`")),
        ] {
            let got = near_miss(line);
            match want {
                Some(part) => assert!(
                    got.as_deref().is_some_and(|g| g.contains(part)),
                    "{line}: {got:?}"
                ),
                None => assert_eq!(got, None, "{line}"),
            }
        }
    }

    #[test]
    fn code_and_lines_that_start_sessions_are_not_warned_about() {
        let lines = [
            (1, "25:00 Late talk"),
            (2, "```"),
            (3, "25:00 Cron Job"),
            (4, "```"),
            (5, "~~~"),
            (6, "1130 Backup Window"),
            (7, "~~~"),
            (8, "    13:75 Indented Code"),
            (9, "1130 Closing remarks"),
            (10, "13:75 Marker"),
        ];
        let markers = std::collections::HashSet::from([10]);
        let warned: Vec<Option<usize>> =
            warnings(std::path::Path::new("notes.md"), &lines, &markers)
                .iter()
                .map(|w| w.location.line)
                .collect();
        assert_eq!(warned, [Some(1), Some(9)]);
    }
}
