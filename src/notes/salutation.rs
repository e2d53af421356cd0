//! Salutations: `Dear Kubernauts,`, `Hi all!`, `Liebe Freunde,`, `Chers amis,` open a
//! letter or a mail. They address the readers, so they never name a speaker.

/// Words that open a salutation, in lower case.
const OPENERS: &[&str] = &[
    "dear",
    "hi",
    "hello",
    "hey",
    "greetings",
    "liebe",
    "lieber",
    "liebes",
    "hallo",
    "moin",
    "servus",
    "cher",
    "chère",
    "chers",
    "chères",
    "bonjour",
    "salut",
    "querido",
    "querida",
    "queridos",
    "queridas",
    "hola",
];

/// Whether a line is a salutation: a few words opening with a greeting word and
/// ending with a comma, a colon or an exclamation mark (`Dear Kubernauts,`).
pub fn is_salutation(line: &str) -> bool {
    let t = line.trim().trim_matches(['*', '_']).trim();
    let Some(body) = t.strip_suffix([',', ':', '!']) else {
        return false;
    };
    let words: Vec<&str> = body.split_whitespace().collect();
    let first = words
        .first()
        .map(|w| w.trim_end_matches([',', '!']).to_lowercase())
        .unwrap_or_default();
    (1..=5).contains(&words.len()) && OPENERS.contains(&first.as_str())
}

/// Whether the first line of text under the title heading is a salutation: the file
/// is a letter or an announcement, not the notes of a talk.
pub(super) fn opens_letter(
    lines: &[(usize, &str)],
    cands: &[super::candidates::Cand<'_>],
    title: Option<usize>,
) -> bool {
    use super::candidates::Cand;
    let Some(title) = title else {
        return false;
    };
    (title + 1..lines.len())
        .find(|&j| !matches!(cands[j], Cand::Blank | Cand::Underline))
        .is_some_and(|j| matches!(cands[j], Cand::Text) && is_salutation(lines[j].1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_opening_a_letter() {
        let cases: &[(&str, bool)] = &[
            ("Dear Kubernauts,", true),
            ("Hi all!", true),
            ("Hello, everyone:", true),
            ("Liebe Freundinnen und Freunde,", true),
            ("Chers amis,", true),
            // A speaker line is not a greeting.
            ("Erica Dubach, Example Labs", false),
            ("Hilde Brandt,", false),
            // A sentence that happens to open with the word.
            (
                "Hello world programs are where everyone starts, and so did we,",
                false,
            ),
            ("Dear Kubernauts", false),
        ];
        for (line, want) in cases {
            assert_eq!(is_salutation(line), *want, "{line}");
        }
    }

    /// The first line with words under the title heading, past blank lines (issue 20).
    #[test]
    fn a_letter_opens_under_its_title() {
        let opens = |text: &str, title: Option<usize>| {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = super::super::candidates::classify_all(&lines);
            opens_letter(&lines, &cands, title)
        };
        let letter = "# News\n\nDear Kubernauts,\nThe meetup moves.\n";
        assert!(opens(letter, Some(0)));
        assert!(!opens(letter, None));
        assert!(!opens("# News\n\nThe meetup moves.\n", Some(0)));
    }
}
