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

/// Words that say what a person spoke about, after their name and a comma: `Ada
/// Lovelace, on engines`, `Ada Lovelace, sur le DNS`, `Ada Lovelace, über Parser`.
const ABOUT: &[&str] = &[
    "on ",
    "about ",
    "sur le ",
    "sur la ",
    "sur les ",
    "sur l'",
    "sur l’",
    "sur ",
    "über ",
    "sobre el ",
    "sobre la ",
    "sobre ",
];

/// `Ada Lovelace, on engines`: the person (a known given name, maybe an affiliation in
/// parentheses) and the topic they spoke on, without tags and a trailing comma or stop.
pub(super) fn speaker_on(text: &str) -> Option<(String, String)> {
    let (name, rest) = text.split_once(", ")?;
    let topic = ABOUT.iter().find_map(|w| rest.strip_prefix(w))?;
    let person = name.split(" (").next().unwrap_or(name).trim();
    if super::names::person(person) != super::names::Strength::Known {
        return None;
    }
    let topic = without_tags(topic);
    let topic = topic.trim().trim_end_matches([',', '.', ';']).trim();
    // The person as written, an affiliation in parentheses kept, tags dropped.
    (!topic.is_empty() && topic.split_whitespace().count() <= 14)
        .then(|| (without_tags(name).trim().to_string(), topic.to_string()))
}

/// Text without its HTML tags (`<a href="...">DNS</a>` → `DNS`).
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = &rest[open..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
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

    #[test]
    fn a_speaker_then_what_they_spoke_on() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "Erica Dubach, on parsing notes",
                Some(("Erica Dubach", "parsing notes")),
            ),
            (
                "Jonas Brandt, sur le <a href=\"dns/\">DNS</a>,",
                Some(("Jonas Brandt", "DNS")),
            ),
            (
                "Nina Roth (<a href=\"x\">blog</a>), sur <a href=\"y\">les parseurs</a>.",
                Some(("Nina Roth (blog)", "les parseurs")),
            ),
            // Not a person first.
            ("Storage, on disks", None),
            // No word saying what about.
            ("Erica Dubach, Example Labs", None),
        ];
        for (text, want) in cases {
            let got = speaker_on(text);
            assert_eq!(
                got.as_ref().map(|(p, t)| (p.as_str(), t.as_str())),
                *want,
                "{text}"
            );
        }
    }
}
