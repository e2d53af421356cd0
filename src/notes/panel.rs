//! A file that is one panel written plainly: a title line, then one person per line
//! (`End user panel` / `Ada Lovelace, Example Labs` / `Alan Turing`), with no headings
//! or times anywhere. It is one session with those speakers.

use super::body::{Body, Start, Target};
use super::candidates::Cand;
use super::convention::{self, Convention};
use super::names::{self, Strength};
use super::speakers;
use crate::model::Speaker;

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
        || person_line(text).is_some()
    {
        return None;
    }
    // The people, one per line (or two sharing an organisation), in groups that a
    // blank line may part.
    let mut people = Vec::new();
    for (i, &(_, line)) in lines.iter().enumerate().skip(title + 1) {
        if !filled(i) {
            continue;
        }
        if person_line(line).is_none() {
            break;
        }
        people.push(i);
    }
    (people.len() >= 2).then_some((title, people))
}

/// A line naming one of a panel's people: a speaker line of names (`Ada Lovelace,
/// Example Labs`, `Ada Lovelace & Alan Turing, Example Labs`), or a known name followed
/// by what the person does (`Ada Lovelace Example Labs`, `Ada Lovelace Example Labs,
/// builds engines.`). The speakers and the line as shown.
fn person_line(line: &str) -> Option<(Vec<Speaker>, String)> {
    // `Ada Lovelace Example Labs` reads as one long name: the known name and its
    // organisation are told apart below.
    let long_name = |s: &Speaker| s.affiliation.is_none() && s.name.split_whitespace().count() >= 4;
    if let Some(read) = speakers::read_line(line, false)
        && (1..=3).contains(&read.speakers.len())
        && !(read.speakers.len() == 1 && long_name(&read.speakers[0]))
        && read
            .speakers
            .iter()
            .all(|s| names::person(&s.name) >= Strength::Shape)
    {
        return Some((read.speakers, read.shown));
    }
    let text = line.trim();
    let mut words = text.splitn(3, ' ');
    let (given, family, rest) = (words.next()?, words.next()?, words.next()?);
    let family = family.trim_end_matches(',');
    let name = format!("{given} {family}");
    let lead = rest.trim_start_matches([',', ' ']);
    (names::person(&name) == Strength::Known
        && lead.starts_with(|c: char| c.is_uppercase())
        && text.split_whitespace().count() <= 20)
        .then(|| {
            let speaker = Speaker {
                name,
                affiliation: Some(lead.to_string()),
                url: None,
            };
            (vec![speaker], text.to_string())
        })
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
        let Some((people, shown)) = person_line(line) else {
            return false;
        };
        let session = &mut self.sessions[s];
        session.speakers.extend(people);
        session.speaker_lines.push(no);
        session.speaker_line = Some(match session.speaker_line.take() {
            Some(before) => format!("{before}\n{shown}"),
            None => shown,
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
            // A name then what the person does; two people sharing an organisation;
            // groups parted by a blank line.
            (
                "End user panel\n\nErica Dubach Example Labs\nJonas Brandt & Nina Roth, Example Org\n\nAnna Keller\nLukas Frei, Archive.\n\nHow many clusters?",
                Some((0, &[2, 3, 5, 6])),
            ),
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
