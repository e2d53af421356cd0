//! Models of the notes' small rules written apart from the code they check, so a gap
//! in the code is not repeated in its test (issue 20).

use super::text::visible;
use super::times::{stamp, time_marker};
use crate::model::Clock;

/// The characters XML 1.0 and HTML cannot carry, listed by their code points as
/// Unicode defines them: C0 controls (tab and line feed aside), DEL, C1 controls, and
/// the 66 noncharacters.
fn unsafe_code_point(n: u32) -> bool {
    let noncharacter = (0xfdd0..=0xfdef).contains(&n)
        || (0..=0x10).any(|plane| n == plane * 0x10000 + 0xfffe)
        || (0..=0x10).any(|plane| n == plane * 0x10000 + 0xffff);
    (n < 0x20 && n != 0x09 && n != 0x0a) || (0x7f..=0x9f).contains(&n) || noncharacter
}

/// What a writer sees in place of each character: a C0 control or DEL as its
/// picture from the Control Pictures block (`U+2400` + the code, DEL at `U+2421`),
/// any other unsafe character as the replacement character.
fn visible_model(text: &str) -> String {
    text.chars()
        .map(|c| {
            let n = c as u32;
            match n {
                _ if !unsafe_code_point(n) => c,
                0x00..=0x1f => char::from_u32(0x2400 + n).unwrap_or('?'),
                0x7f => '\u{2421}',
                _ => '\u{fffd}',
            }
        })
        .collect()
}

proptest::proptest! {
    #[test]
    fn shows_any_text_like_the_model(
        text in "(\\PC|[\t\n\r\u{0}\u{1b}\u{1f}\u{7f}\u{80}\u{85}\u{9f}\u{a0}\u{fdcf}\u{fdd0}\u{fdef}\u{fdf0}\u{fffd}\u{fffe}\u{ffff}\u{1fffe}\u{1ffff}\u{10fffe}\u{10ffff}éü東])*",
    ) {
        proptest::prop_assert_eq!(visible(&text), visible_model(&text));
    }
}

#[test]
fn every_unsafe_character_is_shown_and_every_safe_one_kept() {
    // One character a text, so the fast scan must find each by itself: the first
    // blocks, the block of U+FDD0, and the last code points of every plane.
    let near = |n: u32| n < 0x800 || (0xfd00..=0xfe00).contains(&n) || n & 0xffff >= 0xff00;
    for c in (0..=0x10ffff)
        .filter(|&n| near(n))
        .filter_map(char::from_u32)
    {
        let one = format!("ab{c}é");
        assert_eq!(visible(&one), visible_model(&one), "U+{:04X}", c as u32);
    }
}

/// A valid clock for the tables below.
fn at(hour: u8, minute: u8) -> Clock {
    Clock::new(hour, minute).expect("a valid clock")
}

/// Lines that start with a number and are sentences of the writer, not sessions: a
/// numbered list, a count, a possessive, a number no clock writes (issue 20: each was
/// a session under a plausible slip in `times.rs` that no test saw).
#[test]
fn a_line_that_starts_with_a_number_is_no_session() {
    for line in [
        "1. First point",
        "2: the second point",
        "3 speakers joined late",
        "3-4.30 hours of talks",
        "10:30's session was full",
        "009:30 Three digits",
        "0am No such hour",
        "0:30pm No such hour",
    ] {
        assert_eq!(time_marker(line), None, "{line}");
    }
}

/// Times on a twelve-hour clock at the turn of the day, and a title in a script whose
/// characters are several bytes long right after the time.
#[test]
fn noon_midnight_and_wide_titles_are_read() {
    for (line, time, title) in [
        ("12:30pm Lunch", at(12, 30), "Lunch"),
        ("12:10am After party", at(0, 10), "After party"),
        ("9:30 東京の朝", at(9, 30), "東京の朝"),
    ] {
        let marker = time_marker(line).unwrap_or_else(|| panic!("{line} is a session"));
        assert_eq!(
            (marker.time, marker.title.as_str()),
            (time, title),
            "{line}"
        );
    }
}

/// `meridiem` tells the day's reading that the writer uses am/pm: set by either end of
/// a range, never by a 24-hour time.
#[test]
fn a_time_with_am_or_pm_is_marked_so() {
    for (line, meridiem) in [
        ("2:15pm Talks", true),
        ("1-2pm Lunch", true),
        ("11am - 1pm Workshop", true),
        ("14:15 Talks", false),
        ("14:15 - 15:00 Talks", false),
    ] {
        let marker = time_marker(line).unwrap_or_else(|| panic!("{line} is a session"));
        assert_eq!(marker.meridiem, meridiem, "{line}");
    }
}

/// A lone number on a line (a count, a footnote mark) is no time stamp of a live blog.
#[test]
fn a_lone_number_is_no_stamp() {
    for line in ["12", "[3]", "**7**", "(2)"] {
        assert_eq!(stamp(line), None, "{line}");
    }
    assert_eq!(stamp("[10h]"), Some((at(10, 0), "")));
}

/// A month and day resolve to the date nearest the event's start: across a new year in
/// either direction, and never across one when the months are six apart or fewer.
#[test]
fn a_month_and_day_resolve_in_the_year_nearest_the_start() {
    use super::days::DaySpec;
    use jiff::civil::date;
    let cases = [
        // (start, month, day, the date it names)
        (date(2025, 12, 30), 1, 2, date(2026, 1, 2)),
        (date(2025, 1, 3), 12, 29, date(2024, 12, 29)),
        (date(2025, 8, 30), 1, 5, date(2026, 1, 5)),
        (date(2025, 1, 30), 8, 5, date(2024, 8, 5)),
        // Six months apart: the same year, either way round.
        (date(2025, 7, 1), 1, 15, date(2025, 1, 15)),
        (date(2025, 1, 15), 7, 1, date(2025, 7, 1)),
        (date(2025, 12, 1), 6, 1, date(2025, 6, 1)),
        (date(2025, 5, 9), 5, 12, date(2025, 5, 12)),
    ];
    for (start, month, day, want) in cases {
        let spec = DaySpec::MonthDay { month, day };
        assert_eq!(
            spec.resolve(Some(start), None),
            Some(want),
            "{month}/{day} from {start}"
        );
    }
}

/// Which headings number a day, by a model of the rule: a day word and a number of one
/// or two digits above zero (or the number first, with its ordinal ending), then
/// nothing or a separator; the whole at most 80 characters.
#[test]
fn day_numbers_are_one_or_two_digits_above_zero_with_a_separator() {
    use super::days::{DaySpec, day_marker};
    let label = "x".repeat(80 - "Day 2: ".len());
    let long = format!("Day 2: {label}y");
    let exact = format!("Day 2: {label}");
    let cases: &[(&str, Option<u32>)] = &[
        ("Day 2", Some(2)),
        ("Day 12", Some(12)),
        ("Day 123", None),
        ("Day 0", None),
        ("Day 2x", None),
        ("Day 2: Workshops", Some(2)),
        ("12. Tag", Some(12)),
        ("2. Tag", Some(2)),
        ("123. Tag", None),
        ("12x Tag", None),
        ("0. Tag", None),
        ("1er jour", Some(1)),
        ("", None),
        (&exact, Some(2)),
        (&long, None),
    ];
    for (text, want) in cases {
        let got = match day_marker(text) {
            Some(DaySpec::Nth(n)) => Some(n),
            _ => None,
        };
        assert_eq!(got, *want, "{text:?}");
    }
}

/// A date written with dots, as Europeans do (`08.05.`, `8.5.2025`): a day and a month
/// of one or two digits, and a year of four, or no date at all.
#[test]
fn a_dotted_date_is_a_day_and_month_of_two_digits_and_a_year_of_four() {
    use super::days::{DaySpec, day_marker};
    use jiff::civil::date;
    let cases = [
        ("08.05.", Some(DaySpec::MonthDay { month: 5, day: 8 })),
        ("8.5.2025", Some(DaySpec::Date(date(2025, 5, 8)))),
        ("31.12.", Some(DaySpec::MonthDay { month: 12, day: 31 })),
        ("010.05.", None),
        ("+1.05.", None),
        ("1.012.", None),
        ("1.+5.", None),
        ("06.06.25", None),
        ("06.06.02025", None),
        ("32.05.", None),
        ("00.05.", None),
        ("12.13.", None),
        ("1.2.3.4", None),
    ];
    for (text, want) in cases {
        assert_eq!(day_marker(text), want, "{text:?}");
    }
}
