//! A speaker heading right under the title: `# The talk's title` then `### Ada
//! Lovelace, *Example Labs*`. A reader sees the notes of one talk, its speaker in a
//! heading of their own, and every heading further down a part of that talk.

use super::candidates::{BOLD_RANK, Cand};
use super::convention::Convention;
use super::names::{self, Strength};
use super::speakers;
use crate::model::Speaker;

/// The index of the heading right under the title heading (nothing but blank lines
/// between) that names only people, when the file has no time lines: the file is one
/// talk and that heading names its speaker.
pub(super) fn under_title(cands: &[Cand<'_>], conv: &Convention) -> Option<usize> {
    let title = conv.title_line?;
    if conv.timed > 0 || conv.stamps > 0 {
        return None;
    }
    let next =
        (title + 1..cands.len()).find(|&j| !matches!(cands[j], Cand::Blank | Cand::Underline))?;
    let Cand::Heading { rank, text } = cands[next] else {
        return None;
    };
    let Cand::Heading { rank: top, .. } = cands[title] else {
        return None;
    };
    // Other person headings make a file of talks by person (`## Ada` ... `## Grace`).
    // (Known names only: `Corporate Machinations` has a name's shape, not a person.)
    let others = cands.iter().enumerate().any(|(j, c)| {
        j != next
            && matches!(c, Cand::Heading { rank, text } if *rank < BOLD_RANK
                && (names::person(text) == Strength::Known
                    || speakers::read_line(text, true).is_some()))
    });
    (rank > top && rank < BOLD_RANK && !others && names_people(text)).then_some(next)
}

/// The person of a heading `Name (Affiliation)` that the speaker line reader does not
/// take (a title such as `Dr` in front, a name it does not know): the speaker, with
/// the words in parentheses as their affiliation.
pub(super) fn person_with_org(text: &str) -> Option<Speaker> {
    let t = text.trim();
    let (name, org) = t.strip_suffix(')')?.rsplit_once(" (")?;
    if org.contains(['(', ')']) || org.trim().is_empty() || names::person(name) < Strength::Shape {
        return None;
    }
    let name = names::strip_honorifics(names::plain(name.trim())).trim();
    Some(Speaker {
        name: name.to_string(),
        affiliation: Some(org.trim().to_string()),
        url: None,
    })
}

/// Whether a heading's text is only people: a name (`Ada Lovelace`, `Dr Ada
/// Lovelace`), or names with their affiliations as a speaker line gives them.
fn names_people(text: &str) -> bool {
    if names::person(text) >= Strength::Shape || speakers::read_line(text, true).is_some() {
        return true;
    }
    // `Dr Ada Lovelace (Example Labs)`: a name, then its affiliation in parentheses.
    person_with_org(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::super::candidates::classify_all;
    use super::super::convention::infer;
    use super::*;

    #[test]
    fn a_person_heading_under_the_title_names_the_speaker() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "# Why parsers fail\n### Erica Dubach, *Example Labs*\nA seminar.\n\n### Tokens\nNotes.\n\n### Grammar\nMore.\n",
                Some("Erica Dubach, *Example Labs*"),
            ),
            (
                "# Why parsers fail\n\n### Dr Jonas Brandt (University of Bern)\n\n## Thesis\nNotes.\n",
                Some("Dr Jonas Brandt (University of Bern)"),
            ),
            // A topic under the title is a part, not a person.
            (
                "# Why parsers fail\n### Tokens and grammar\nNotes.\n\n### Grammar\nMore.\n",
                None,
            ),
            // Prose between: not right under the title.
            (
                "# Why parsers fail\nA seminar.\n### Erica Dubach\nNotes.\n",
                None,
            ),
            // Talks by person: each person heading is a session.
            (
                "# Meetup\n## Erica Dubach\nParsing notes\n\n## Jonas Brandt\nStorage\n",
                None,
            ),
            // A programme of time lines is not one talk.
            (
                "# Day\n## Erica Dubach\n09:00 Opening\n10:00 Parsing\n",
                None,
            ),
            // A bold line is a speaker line, not a heading (issue 20).
            ("# Why parsers fail\n**Erica Dubach**\nNotes.\n", None),
        ];
        for (text, want) in cases {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            let conv = infer(&cands);
            let got = under_title(&cands, &conv).and_then(|i| match cands[i] {
                Cand::Heading { text, .. } => Some(text),
                _ => None,
            });
            assert_eq!(got, *want, "{text}");
        }
        // Nor in a live blog's stamps (issue 20).
        let text = cases[0].0;
        let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
        let cands = classify_all(&lines);
        let mut conv = infer(&cands);
        conv.stamps = 1;
        assert_eq!(under_title(&cands, &conv), None);
    }

    #[test]
    fn a_name_with_its_affiliation_in_parentheses() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            (
                "Dr Jonas Brandt (University of Bern)",
                Some(("Jonas Brandt", "University of Bern")),
            ),
            (
                "Erica Dubach (Example Labs)",
                Some(("Erica Dubach", "Example Labs")),
            ),
            ("Parsing notes (part 2)", None),
            ("Erica Dubach", None),
            // Issue 20: a name of a name's shape will do; empty parentheses name no
            // affiliation.
            (
                "Qorvin Talb (Example Labs)",
                Some(("Qorvin Talb", "Example Labs")),
            ),
            ("Erica Dubach ()", None),
        ];
        for (text, want) in cases {
            let got = person_with_org(text);
            assert_eq!(
                got.as_ref()
                    .map(|s| (s.name.as_str(), s.affiliation.as_deref().unwrap_or(""))),
                *want,
                "{text}"
            );
        }
    }
}
