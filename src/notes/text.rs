//! Small readings of prose: the kind of a session, and characters made safe to show.
//! (Hashtags have a module of their own, [`crate::hashtag`], shared with Markdown.)

pub use crate::hashtag::{Hashtag, hashtags};
use crate::model::Kind;
use std::borrow::Cow;

/// `text` with every character that HTML or XML 1.0 cannot carry made visible: C0
/// controls but tab and line feed become their Unicode pictures (NUL → `␀`, ESC →
/// `␛`, DEL → `␡`); C1 controls and noncharacters (`U+FFFE`) become `�`. Nothing is
/// dropped, so no text is lost and none reaches a page or feed as a raw control.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !has_unsafe(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{0}'..='\u{1f}' if is_unsafe(c) => {
                    char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')
                }
                '\u{7f}' => '\u{2421}',
                c if is_unsafe(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// Whether [`visible`] changes anything: ASCII is checked byte by byte, and only the
/// other characters are decoded.
fn has_unsafe(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7f {
                return true;
            }
            i += 1;
        } else {
            match text[i..].chars().next() {
                Some(c) if is_unsafe(c) => return true,
                Some(c) => i += c.len_utf8(),
                None => break,
            }
        }
    }
    false
}

fn is_unsafe(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && c != '\t' && c != '\n')
        || (0xfdd0..=0xfdef).contains(&n)
        || (n & 0xfffe) == 0xfffe
}

/// Guesses what sort of session a title names.
pub fn kind(title: &str) -> Kind {
    let lower = title.to_lowercase();
    let mut words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != 'é')
        .filter(|w| !w.is_empty())
        .collect();
    // A hyphenated word is itself (`hands-on`) and each of its parts (`Lunch-break`,
    // `Kaffee-Pause`, `Keynote-Vortrag`).
    let parts: Vec<&str> = words
        .iter()
        .filter(|w| w.contains('-'))
        .flat_map(|w| w.split('-'))
        .filter(|p| !p.is_empty())
        .collect();
    words.extend(parts);
    // A word spelled out letter by letter (`B R E A K`) is that word.
    if words.len() >= 3 && words.iter().all(|w| w.chars().count() == 1) {
        return kind(&words.concat());
    }
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    if has(&["keynote", "keynotes"]) {
        Kind::Keynote
    } else if has(&["panel", "panels", "roundtable", "podium", "fireside"])
        || lower.contains("round table")
    {
        Kind::Panel
    } else if has(&["workshop", "workshops", "hands-on", "tutorial", "bootcamp"]) {
        Kind::Workshop
    } else if has(&["lightning"]) {
        Kind::Lightning
    } else if has(&[
        "break",
        "coffee",
        "lunch",
        "apéro",
        "apero",
        "aperitif",
        "apéritif",
        "dinner",
        "breakfast",
        "registration",
        "doors",
        "networking",
        "pause",
        "snacks",
        "mittagessen",
        "kaffeepause",
    ]) {
        Kind::Break
    } else {
        Kind::Talk
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        let cases = [
            ("Coffee break", Kind::Break),
            ("B R E A K", Kind::Break),
            ("Lunch", Kind::Break),
            ("Networking apéro", Kind::Break),
            ("Opening keynote: the state of things", Kind::Keynote),
            ("Panel Discussion", Kind::Panel),
            ("Hands-on workshop: Rust", Kind::Workshop),
            ("Lightning talks", Kind::Lightning),
            ("The Impact of DeepSeek-R1", Kind::Talk),
            ("Breaking the monolith", Kind::Talk),
        ];
        for (title, want) in cases {
            assert_eq!(kind(title), want, "{title}");
        }
    }

    proptest::proptest! {
        #[test]
        fn finds_unsafe_characters_like_a_scan_of_every_character(
            text in "(\\PC|[\t\n\u{0}\u{1f}\u{7f}\u{85}\u{9f}\u{a0}\u{fdd0}\u{fdef}\u{fffe}\u{ffff}\u{1fffe}\u{10ffff}éü東])*",
        ) {
            proptest::prop_assert_eq!(has_unsafe(&text), text.chars().any(is_unsafe));
        }
    }

    #[test]
    fn control_characters_become_pictures_not_raw_bytes() {
        for (input, expected) in [
            ("plain text\tand tab\n", "plain text\tand tab\n"),
            ("nul\0here", "nul␀here"),
            ("bell\x07 esc\x1b[31m", "bell␇ esc␛[31m"),
            ("del\x7f", "del␡"),
            ("c1\u{85}\u{9f}", "c1\u{fffd}\u{fffd}"),
            (
                "nonchar\u{fffe}\u{ffff}\u{fdd0}",
                "nonchar\u{fffd}\u{fffd}\u{fffd}",
            ),
            ("ok \u{fffd} é 東", "ok \u{fffd} é 東"),
        ] {
            assert_eq!(visible(input), expected, "{input:?}");
        }
    }
}
