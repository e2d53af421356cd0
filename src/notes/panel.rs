//! A file that is one panel written plainly: a title line, then one person per line
//! (`End user panel` / `Ada Lovelace, Example Labs` / `Alan Turing`), with no headings
//! or times anywhere. It is one session with those speakers.
//!
//! Or a panel written as person headings: under the title heading, each panelist a
//! heading of their own (`## Dr. Ada Lovelace`, `## Introduced by Alan Turing`, `##
//! Grace Hopper, introductions`) with their part under it, and the audience's
//! questions under a `## Questions & Answers` heading (`### Q: ...`). It is one
//! session, the title heading's, with the panelists as its speakers; the headings stay
//! in the notes.

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

/// Headings that open the audience's part of a panel.
const QUESTION_HEADINGS: &[&str] = &[
    "q&a",
    "q & a",
    "q and a",
    "questions",
    "questions & answers",
    "questions and answers",
    "audience questions",
    "discussion",
    "fragen",
    "questions et réponses",
    "preguntas",
];

fn is_questions(text: &str) -> bool {
    let t = super::titles::plain(text)
        .trim()
        .trim_end_matches(':')
        .to_lowercase();
    QUESTION_HEADINGS.contains(&t.as_str())
}

/// The people a heading names when it is only people: `Dr. Ada Lovelace`, `Ada
/// Lovelace & Alan Turing`, `Introduced by Ada Lovelace`, `Ada Lovelace,
/// introductions` (a lower-case note after a comma is not an affiliation).
pub fn heading_people(text: &str) -> Option<Vec<Speaker>> {
    let mut t = super::titles::plain(text).trim().to_string();
    for lead in [
        "introduced by ",
        "moderated by ",
        "moderator: ",
        "moderator ",
        "panelist: ",
    ] {
        if t.len() > lead.len()
            && t.is_char_boundary(lead.len())
            && t[..lead.len()].eq_ignore_ascii_case(lead)
        {
            t = t[lead.len()..].trim().to_string();
        }
    }
    if let Some((name, note)) = t.rsplit_once(',')
        && !note.trim().is_empty()
        && !note.chars().any(char::is_uppercase)
    {
        t = name.trim().to_string();
    }
    let found = speakers::split(&t);
    ((1..=3).contains(&found.len())
        && found.iter().all(|s| {
            s.affiliation.is_none()
                && names::person(names::strip_honorifics(&s.name)) >= Strength::Shape
        }))
    .then_some(found)
}

/// The person headings of a panel written as person headings, with their people: three
/// or more, every heading under the title heading one of them (asides aside, and the
/// headings under a `Questions & Answers` heading), and the panel marked as one by that
/// questions heading or by `panel` in its title. With `front_title` (the front matter
/// titles the event) there need be no title heading.
pub fn person_headings(
    cands: &[Cand<'_>],
    conv: &Convention,
    front_title: bool,
) -> Option<Vec<(usize, Vec<Speaker>)>> {
    if conv.timed > 0 || conv.stamps > 0 {
        return None;
    }
    let title = match conv.title_line.map(|t| &cands[t]) {
        Some(Cand::Heading { text, .. }) => *text,
        None if front_title => "",
        _ => return None,
    };
    let mut people = Vec::new();
    let mut questions: Option<u8> = None;
    for (i, c) in cands.iter().enumerate() {
        if Some(i) == conv.title_line {
            continue;
        }
        let Cand::Heading { rank, text } = c else {
            if matches!(
                c,
                Cand::Day { .. } | Cand::Timed { .. } | Cand::Stamp { .. }
            ) {
                return None;
            }
            continue;
        };
        if *rank >= super::candidates::BOLD_RANK {
            continue;
        }
        if let Some(q) = questions {
            if *rank > q {
                continue;
            }
            questions = None;
        }
        if is_questions(text) {
            questions = Some(*rank);
            continue;
        }
        if convention::is_aside(text) {
            continue;
        }
        people.push((i, heading_people(text)?));
    }
    let asked = cands
        .iter()
        .any(|c| matches!(c, Cand::Heading { text, .. } if is_questions(text)));
    let panel = title.to_lowercase().contains("panel");
    (people.len() >= 3 && (asked || panel)).then_some(people)
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
            let want = want.map(|(t, n)| (t, n.to_vec()));
            assert_eq!(panel_of(text, 0, 0), want, "{text}");
        }
    }

    /// [`find`] on a file, its convention counting `timed` time lines and `stamps`
    /// stamps.
    fn panel_of(text: &str, timed: usize, stamps: usize) -> Option<(usize, Vec<usize>)> {
        let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
        let cands = classify_all(&lines);
        let mut conv = infer(&cands);
        conv.timed += timed;
        conv.stamps += stamps;
        find(&lines, &cands, &conv)
    }

    /// Issue 20: the panel's title comes after the event's title heading; a list item
    /// or an aside is no panel's title; a file of time lines or stamps is no panel; a
    /// known name then what the person does is a panelist, another name so is not.
    #[test]
    fn the_edges_of_a_panel_of_lines() {
        let titled = "# Conf\nEnd user panel\nErica Dubach, Example Labs\nJonas Brandt\n";
        assert_eq!(panel_of(titled, 0, 0), Some((1, vec![2, 3])));
        assert_eq!(panel_of(titled, 1, 0), None);
        assert_eq!(panel_of(titled, 0, 1), None);
        for text in [
            "- End user panel\nErica Dubach\nJonas Brandt",
            "Links\nErica Dubach\nJonas Brandt",
        ] {
            assert_eq!(panel_of(text, 0, 0), None, "{text}");
        }
        let person = |line: &str| {
            person_line(line).map(|(people, _)| {
                people
                    .into_iter()
                    .map(|s| (s.name, s.affiliation))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            person("Erica Dubach Example Labs"),
            Some(vec![(
                "Erica Dubach".to_string(),
                Some("Example Labs".to_string())
            )])
        );
        assert_eq!(person("Qorvin Talb Example Labs"), None);
    }

    #[test]
    fn heading_that_are_only_people() {
        let names =
            |t: &str| heading_people(t).map(|f| f.into_iter().map(|s| s.name).collect::<Vec<_>>());
        for (text, want) in [
            ("Dr. Erica Dubach", Some(vec!["Dr. Erica Dubach"])),
            ("Introduced by Jonas Brandt", Some(vec!["Jonas Brandt"])),
            ("Nina Roth, introductions", Some(vec!["Nina Roth"])),
            (
                "Erica Dubach & Jonas Brandt",
                Some(vec!["Erica Dubach", "Jonas Brandt"]),
            ),
            ("Questions & Answers", None),
            ("Nina Roth, Example Labs", None),
            ("Building Better Archives", None),
        ] {
            let want = want.map(|v| v.into_iter().map(String::from).collect::<Vec<_>>());
            assert_eq!(names(text), want, "{text}");
        }
    }

    #[test]
    fn a_panel_written_as_person_headings() {
        let panel = "# Open archives\n\n## Introduced by Jonas Brandt\nWelcome.\n\n## Erica Dubach\nArchivist.\n\n## Dr. Nina Roth\nLibrarian.\n\n## Questions & Answers\n### Q: how do we start?\nSlowly.";
        let cases: &[(&str, Option<&[usize]>)] = &[
            (panel, Some(&[2, 5, 8])),
            // Without questions and without `panel` in the title: talks by people.
            (
                "# Open archives\n## Jonas Brandt\n## Erica Dubach\n## Nina Roth",
                None,
            ),
            (
                "# Archives panel\n## Jonas Brandt\n## Erica Dubach\n## Nina Roth",
                Some(&[1, 2, 3]),
            ),
            // A heading that is a topic: not a panel of people.
            (
                "# Archives panel\n## Jonas Brandt\n## Erica Dubach\n## Nina Roth\n## Metadata at scale",
                None,
            ),
            // Two people are not a panel of person headings.
            ("# Archives panel\n## Jonas Brandt\n## Erica Dubach", None),
            // A person heading after the questions, at their rank, is one of them
            // (issue 20).
            (
                "# Archives panel\n## Jonas Brandt\n## Erica Dubach\n## Questions & Answers\n### Q: why?\n## Nina Roth\n",
                Some(&[1, 2, 5]),
            ),
            // No title heading, and none from the front matter.
            (
                "## Jonas Brandt\n## Erica Dubach\n## Nina Roth\n## Questions & Answers\n",
                None,
            ),
        ];
        for (text, want) in cases {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            let conv = infer(&cands);
            let got = person_headings(&cands, &conv, false)
                .map(|p| p.into_iter().map(|(i, _)| i).collect::<Vec<_>>());
            assert_eq!(got, want.map(<[usize]>::to_vec), "{text}");
        }
        // Never in a file of time lines or stamps.
        let lines: Vec<(usize, &str)> = panel.lines().enumerate().collect();
        let cands = classify_all(&lines);
        for (timed, stamps) in [(1, 0), (0, 1)] {
            let mut conv = infer(&cands);
            conv.timed = timed;
            conv.stamps = stamps;
            assert_eq!(person_headings(&cands, &conv, false), None);
        }
    }
}
