//! A file that is one panel written plainly: a title line, then one person per line
//! (`End user panel` / `Ada Lovelace, Example Labs` / `Alan Turing`), with no headings
//! or times anywhere. It is one session with those speakers.

use super::body::{Body, Start, Target};
use super::candidates::Cand;
use super::convention::{self, Convention};
use super::names::{self, Strength};
use super::speakers;

/// The index of the panel's title line and of its name lines, if the file is one.
pub fn find(
    lines: &[(usize, &str)],
    cands: &[Cand<'_>],
    conv: &Convention,
) -> Option<(usize, Vec<usize>)> {
    let marker = |(i, c): (usize, &Cand<'_>)| {
        Some(i) != conv.title_line && !matches!(c, Cand::Blank | Cand::Text | Cand::Underline)
    };
    if conv.timed > 0 || conv.stamps > 0 || cands.iter().enumerate().any(marker) {
        return None;
    }
    let filled = |i: usize| !matches!(cands[i], Cand::Blank | Cand::Underline);
    let start = conv.title_line.map_or(0, |t| t + 1);
    let title = (start..lines.len()).find(|&i| filled(i))?;
    let text = lines[title].1.trim();
    let words = text.split_whitespace().count();
    if !(1..=12).contains(&words)
        || text.ends_with(['.', ':', ';', ','])
        || text.starts_with(['-', '*', '+', '>', '[', '!', '<', '`'])
        || convention::is_aside(text)
        || speakers::read_line(text, false).is_some()
    {
        return None;
    }
    let first = (title + 1..lines.len()).find(|&i| filled(i))?;
    let people: Vec<usize> = (first..lines.len())
        .take_while(|&i| {
            filled(i)
                && speakers::read_line(lines[i].1, false).is_some_and(|r| {
                    r.speakers.len() == 1 && names::person(&r.speakers[0].name) >= Strength::Shape
                })
        })
        .collect();
    (people.len() >= 2).then_some((title, people))
}

impl<'c> Start<'c> {
    /// A session started by a plain line of text: its title.
    pub(super) fn plain(text: &'c str) -> Self {
        Start {
            time: None,
            end: None,
            twelve: false,
            text,
            rank: None,
            stamp_rest: None,
        }
    }
}

impl Body<'_> {
    /// Takes a line naming one of the panel's people into its session's speakers.
    pub(super) fn panel_line(
        &mut self,
        conv: &Convention,
        i: usize,
        no: usize,
        line: &str,
        target: Target,
    ) -> bool {
        let Some((_, people)) = &conv.panel else {
            return false;
        };
        let Target::Session(s) = target else {
            return false;
        };
        if !people.contains(&i) {
            return false;
        }
        let Some(read) = speakers::read_line(line, false) else {
            return false;
        };
        let session = &mut self.sessions[s];
        session.speakers.extend(read.speakers);
        session.speaker_lines.push(no);
        session.speaker_line = Some(match session.speaker_line.take() {
            Some(before) => format!("{before}\n{}", read.shown),
            None => read.shown,
        });
        self.explain(no, || {
            "speaker line: one of the panel's people, one per line".into()
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::candidates::classify_all;
    use super::super::convention::infer;
    use super::*;

    #[test]
    fn a_title_line_then_one_person_per_line() {
        type Want = Option<(usize, &'static [usize])>;
        let cases: &[(&str, Want)] = &[
            (
                "End user panel\nErica Dubach, Example Labs\nJonas Brandt\nNina Roth\n\nNotes.",
                Some((0, &[1, 2, 3])),
            ),
            ("Panel\n\nErica Dubach\nJonas Brandt", Some((0, &[2, 3]))),
            // One person is a talk's speaker line, not a panel.
            ("Parsing notes\nErica Dubach\n\nNotes.", None),
            // Prose first.
            ("We met at noon.\nErica Dubach\nJonas Brandt", None),
            // A file with headings has its sessions already.
            ("Panel\nErica Dubach\nJonas Brandt\n## Later", None),
            // Names in prose are not a list of panelists.
            ("Panel\nErica Dubach\nsaid hello", None),
        ];
        for (text, want) in cases {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            let conv = infer(&cands);
            let got = find(&lines, &cands, &conv);
            let want = want.map(|(t, n)| (t, n.to_vec()));
            assert_eq!(got, want, "{text}");
        }
    }
}
