//! A title written as a sentence, its speaker after the full stop: `Ein Ausblick auf
//! die nächsten Monate. Jonathan Riddell (Canonical)`, as programmes in running text
//! give their talks.

/// The title and the part after its last full stop, when that part can be a person
/// (a few capitalised words, maybe an affiliation in parentheses) and the stop ends a
/// word of the title rather than an abbreviation (`Dr.`, `St.`).
pub(super) fn after_sentence(text: &str) -> Option<(&str, &str)> {
    let at = text.rfind(". ")?;
    let (title, part) = (text[..at].trim(), text[at + 2..].trim());
    let last = title.split_whitespace().last()?;
    let word_end = last.chars().count() >= 4
        && last.chars().all(char::is_alphabetic)
        && last.chars().any(char::is_lowercase);
    let name = part.split(" (").next().unwrap_or(part);
    let words = name.split_whitespace().count();
    let shaped = (2..=4).contains(&words)
        && name
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()));
    (word_end && shaped && title.split_whitespace().count() >= 2).then_some((title, part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speaker_after_the_titles_full_stop() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "Ein Ausblick auf die nächsten Monate. Erica Dubach (Example Labs)",
                Some((
                    "Ein Ausblick auf die nächsten Monate",
                    "Erica Dubach (Example Labs)",
                )),
            ),
            (
                "Parsing notes at scale. Jonas Brandt",
                Some(("Parsing notes at scale", "Jonas Brandt")),
            ),
            // An abbreviation is no sentence's end.
            ("A walk through St. Louis Park", None),
            ("Meet Dr. Erica Dubach", None),
            // A second sentence is not a name.
            ("We parsed notes. It was fast and fun", None),
        ];
        for (text, want) in cases {
            assert_eq!(after_sentence(text), *want, "{text}");
        }
    }
}
