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
