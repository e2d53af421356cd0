//! Sections around a programme: in a file whose sessions are time lines, an untimed
//! heading with only prose under it (`## Submissions`, `## Organizers`, a README's
//! parts around the schedule) is a section of the page, not a session. Its text stays
//! where it stands, in the notes.

use super::candidates::Cand;
use super::convention::{self, Convention};
use super::{speakers, text};
use crate::model::Kind;

/// The indices of the section headings, if the file's sessions are time lines.
pub fn find(lines: &[(usize, &str)], cands: &[Cand<'_>], conv: &Convention) -> Vec<usize> {
    if conv.timed < 3 {
        return Vec::new();
    }
    let headings: Vec<usize> = cands
        .iter()
        .enumerate()
        .filter(|&(i, c)| match c {
            Cand::Heading { rank, text } => {
                conv.session_ranks.contains(rank)
                    && Some(i) != conv.title_line
                    && !conv.groups.contains(&i)
                    && !conv.inner.contains(&i)
                    && !convention::is_aside(text)
            }
            _ => false,
        })
        .map(|(i, _)| i)
        .collect();
    // Most sessions must be time lines for the untimed headings to be the odd ones.
    if headings.len() >= conv.timed {
        return Vec::new();
    }
    let title = conv.title_line.and_then(|t| match cands[t] {
        Cand::Heading { text, .. } => Some(text),
        _ => None,
    });
    headings
        .into_iter()
        .filter(|&i| {
            let Cand::Heading { text, .. } = cands[i] else {
                return false;
            };
            let body: Vec<&str> = (i + 1..lines.len())
                .take_while(|&j| matches!(cands[j], Cand::Text | Cand::Blank | Cand::Underline))
                .filter(|&j| matches!(cands[j], Cand::Text))
                .map(|j| lines[j].1)
                .collect();
            // `## Title of the event: what it is` repeats the page's title: its intro.
            let about_event = title.is_some_and(|t| {
                let t = super::titles::plain(t);
                t.chars().count() >= 4 && super::titles::plain(text).starts_with(t.as_str())
            });
            (text.split_whitespace().count() <= 4 || about_event)
                && text::kind(text) == Kind::Talk
                && body.iter().any(|l| l.split_whitespace().count() >= 8)
                && body
                    .first()
                    .is_none_or(|l| speakers::read_line(l, false).is_none())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::candidates::classify_all;
    use super::super::convention::infer;
    use super::*;

    #[test]
    fn prose_headings_around_a_programme_are_sections() {
        let programme = "# Day\n\n## Submissions\nWe invite short papers on any topic you like, by mail.\n\n## Programme\n09:00 Opening\n10:00 Parsing notes - Erica Dubach\n11:00 Storage - Jonas Brandt\n14:00 Search - Nina Roth\n15:00 Closing\n\n## Lunch\n\n## Organizers\nErica Dubach and Jonas Brandt run the day with the help of many.\n";
        let cases: &[(&str, &[&str])] = &[
            (programme, &["Submissions", "Organizers"]),
            // A heading that opens with the page's title is its introduction.
            (
                "# Notes Camp\n\n## Notes Camp: a day for people who take notes\nWe meet every month to compare how we take notes at talks.\n\n09:00 Opening\n10:00 Parsing\n11:00 Storage\n",
                &["Notes Camp: a day for people who take notes"],
            ),
            // A long heading that does not open with the page's title is no section.
            (
                "# Notes Camp\n\n## How we take notes at every talk of the year\nWe meet every month to compare how we take notes at talks.\n\n09:00 Opening\n10:00 Parsing\n11:00 Storage\n",
                &[],
            ),
            // Sessions that are headings: nothing is a section.
            (
                "# Day\n\n## Submissions\nWe invite short papers on any topic you like, by mail.\n\n## Talk\n\n## Talk two\n",
                &[],
            ),
        ];
        for (text, want) in cases {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            let conv = infer(&cands);
            let got: Vec<&str> = find(&lines, &cands, &conv)
                .into_iter()
                .filter_map(|i| match cands[i] {
                    Cand::Heading { text, .. } => Some(text),
                    _ => None,
                })
                .collect();
            assert_eq!(got, *want, "{text}");
        }
    }
}
