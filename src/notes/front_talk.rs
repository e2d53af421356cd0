//! One talk's page: the title in the front matter, the speaker's name alone on the
//! first line of the body (`Ada Lovelace`, then the date and notes), as blogs and
//! talk archives write a page per talk. Its headings (`# Talk`, `# Questions`,
//! `# Downloads`) are the parts of that talk.

use super::candidates::Cand;
use super::convention::Convention;
use super::{speakers, titles};

/// The index of the body's first line when it names the speaker of the talk the front
/// matter titles: a speaker line with known given names, in a file with no time lines,
/// no title heading, and no heading that names a speaker on it or under it.
pub(super) fn speaker_first(
    lines: &[(usize, &str)],
    cands: &[Cand<'_>],
    conv: &Convention,
    front_title: bool,
) -> Option<usize> {
    if !front_title || conv.title_line.is_some() || conv.timed > 0 || conv.stamps > 0 {
        return None;
    }
    let first = cands.iter().position(|c| !matches!(c, Cand::Blank))?;
    if !matches!(cands[first], Cand::Text) || speakers::read_line(lines[first].1, true).is_none() {
        return None;
    }
    // Talks of their own further down make a file of talks, not one.
    let next = |i: usize| {
        (i + 1..cands.len()).find(|&j| !matches!(cands[j], Cand::Blank | Cand::Underline))
    };
    let spoken = cands.iter().enumerate().any(|(i, c)| match c {
        Cand::Heading { text, .. } => {
            !titles::read(text, conv.side).speakers.is_empty()
                || next(i).is_some_and(|j| {
                    matches!(cands[j], Cand::Text)
                        && speakers::read_line(lines[j].1, true).is_some()
                })
        }
        _ => false,
    });
    (!spoken).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::super::candidates::classify_all;
    use super::super::convention::infer;
    use super::*;

    #[test]
    fn a_name_opening_a_talks_page() {
        let cases: &[(&str, bool, Option<usize>)] = &[
            (
                "\nErica Dubach\n\n8 May 2025, Bern\n\n# Talk\nvideo\n\n# Questions\nvideo\n",
                true,
                Some(1),
            ),
            // No title in the front matter: the name is not under any title.
            ("Erica Dubach\n\n# Talk\nvideo\n", false, None),
            // Prose first.
            ("We went to the meetup.\n\n# Talk\nvideo\n", true, None),
            // Other talks with their speakers: a file of talks.
            (
                "Erica Dubach\n\n# Parsing\nJonas Brandt\n\n# Storage\nNina Roth\n",
                true,
                None,
            ),
            // A time line or a live blog's stamp makes a programme (issue 20).
            (
                "\nErica Dubach\n\n8 May 2025, Bern\n\n10:00 Talk\nvideo\n",
                true,
                None,
            ),
            ("\nErica Dubach\n\n**9:37AM**\nvideo\n", true, None),
            // A title heading of its own titles the file.
            (
                "# Parsing notes\nErica Dubach\n\n## Talk\nvideo\n",
                true,
                None,
            ),
        ];
        for (text, front, want) in cases {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            let conv = infer(&cands);
            assert_eq!(
                speaker_first(&lines, &cands, &conv, *front),
                *want,
                "{text}"
            );
        }
    }
}
