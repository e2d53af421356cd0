//! A session card: the notes of one session opening with labelled fields, as note
//! templates ask for them (`Presenter: Ada`, `**Topic Facilitator(s)**: Ada`,
//! `#### Topic: Storage`, `Date & Time: 11:30`, `**Lead:** ada`). A reader takes the
//! file as that one session: its title from the title heading (or the topic field),
//! its people and time from the fields, and every heading below as part of its notes.
//! The field lines stay in the notes as written; only what they say is read.

use super::candidates::{self, Cand};
use super::convention::Convention;
use super::{speakers, times, titles};
use crate::model::{Clock, Speaker};

/// What a field gives the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    People,
    Topic,
    Time,
    /// A field of a card that gives nothing to read (`Notes:`, `Slides:`, `Date:`).
    Other,
}

/// Labels, lower case, without `(s)` and the colon.
const LABELS: &[(&str, Field)] = &[
    ("presenter", Field::People),
    ("presenters", Field::People),
    ("speaker", Field::People),
    ("speakers", Field::People),
    ("lead", Field::People),
    ("leads", Field::People),
    ("led by", Field::People),
    ("facilitator", Field::People),
    ("topic facilitator", Field::People),
    ("session lead", Field::People),
    ("moderator", Field::People),
    ("host", Field::People),
    ("referent", Field::People),
    ("sprecher", Field::People),
    ("intervenant", Field::People),
    ("intervenants", Field::People),
    ("topic", Field::Topic),
    ("session topic", Field::Topic),
    ("session title", Field::Topic),
    ("title", Field::Topic),
    ("thema", Field::Topic),
    ("titel", Field::Topic),
    ("sujet", Field::Topic),
    ("titre", Field::Topic),
    ("time", Field::Time),
    ("date & time", Field::Time),
    ("date and time", Field::Time),
    ("date/time", Field::Time),
    ("when", Field::Time),
    ("uhrzeit", Field::Time),
    ("zeit", Field::Time),
    ("heure", Field::Time),
    ("date", Field::Other),
    ("notes", Field::Other),
    ("note-taker", Field::Other),
    ("note taker", Field::Other),
    ("notetaker", Field::Other),
    ("thanks to our notetakers", Field::Other),
    ("slides", Field::Other),
    ("room", Field::Other),
    ("location", Field::Other),
    ("recording", Field::Other),
    ("video", Field::Other),
];

/// A labelled field line: its kind and its value (maybe empty, when the value stands
/// on the next line).
pub fn field(line: &str) -> Option<(Field, &str)> {
    let mut t = line.trim();
    if let Some((_, text)) = candidates::heading(t) {
        t = text;
    }
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            t = rest.trim_start();
            break;
        }
    }
    let (label, value) = t.split_once(':')?;
    let label = label.replace(['*', '_'], "").to_lowercase();
    let label = label.trim().trim_end_matches("(s)").trim();
    let value = value.trim_start_matches(['*', '_']).trim();
    LABELS
        .iter()
        .find(|(l, _)| *l == label)
        .map(|&(_, kind)| (kind, value))
}

/// The card found at the top of a file.
#[derive(Debug, Clone, Default)]
pub struct Card {
    /// The line that starts the session: the title heading, or the first field.
    pub start: usize,
    /// The topic field, when there is no title heading.
    pub title: Option<String>,
    pub speakers: Vec<Speaker>,
    pub time: Option<(Clock, Option<Clock>)>,
    /// The field lines, by index, for `inspect --explain`.
    pub fields: Vec<usize>,
}

/// How many non-blank lines under the title the fields of a card are looked for in.
const WINDOW: usize = 12;

/// Finds the card of a one-session file: two or more fields, one of them naming
/// people, near the top (under the title heading if there is one), before any other
/// heading that is not a field, and no people or topic field further down (a file of
/// several talks each with a `Speaker:` line is no card).
pub fn find(lines: &[(usize, &str)], cands: &[Cand<'_>], conv: &Convention) -> Option<Card> {
    // A live blog or a schedule is no card; a stray `1.11:` read as a time is.
    if conv.timed + conv.stamps > 2 {
        return None;
    }
    // The title: the title heading, or a heading opening the file.
    let head = conv.title_line.or_else(|| {
        let first = cands
            .iter()
            .position(|c| !matches!(c, Cand::Blank | Cand::Underline))?;
        matches!(cands[first], Cand::Heading { rank, .. } if rank < candidates::BOLD_RANK)
            .then_some(first)
            .filter(|&f| field(lines[f].1).is_none())
    });
    let from = head.map_or(0, |t| t + 1);
    let mut found: Vec<(usize, Field, String)> = Vec::new();
    let mut seen = 0;
    let mut i = from;
    while i < lines.len() && seen < WINDOW {
        let line = lines[i].1;
        if matches!(cands[i], Cand::Blank | Cand::Underline) {
            i += 1;
            continue;
        }
        seen += 1;
        match field(line) {
            Some((kind, value)) => {
                let mut value = value.to_string();
                let mut j = i + 1;
                // The value on the next line (`#### Presenter:` then ` Ada`), or
                // wrapped onto indented lines.
                while j < lines.len() {
                    let next = lines[j].1;
                    let continued = next.starts_with([' ', '\t'])
                        && !next.trim().is_empty()
                        && field(next).is_none()
                        && !next.trim_start().starts_with(['-', '*', '+']);
                    if value.is_empty() && !next.trim().is_empty() && field(next).is_none() {
                        value = next.trim().to_string();
                    } else if continued {
                        value = format!("{value} {}", next.trim());
                    } else {
                        break;
                    }
                    j += 1;
                }
                found.push((i, kind, value));
                i = j;
                continue;
            }
            // Another heading ends the card's place.
            None if cands[i].rank().is_some() => break,
            None => {}
        }
        i += 1;
    }
    // A card names who leads the session (a title and a date alone are the
    // metadata of a blog post).
    let useful = found
        .iter()
        .any(|(_, k, v)| *k == Field::People && !v.is_empty());
    if found.len() < 2 || !useful {
        return None;
    }
    let last = found.last().map_or(from, |f| f.0);
    let again = lines
        .iter()
        .skip(last + 1)
        .any(|(_, l)| matches!(field(l), Some((Field::People | Field::Topic, _))));
    if again {
        return None;
    }
    let mut card = Card {
        start: head.unwrap_or(found[0].0),
        fields: found.iter().map(|f| f.0).collect(),
        ..Card::default()
    };
    for (_, kind, value) in &found {
        match kind {
            Field::People if card.speakers.is_empty() => {
                card.speakers = people(value);
            }
            Field::Topic if card.title.is_none() && !value.is_empty() => {
                card.title = Some(titles::plain(value));
            }
            Field::Time if card.time.is_none() => card.time = time_in(value),
            _ => {}
        }
    }
    if head.is_some() {
        card.title = None;
    }
    Some(card)
}

/// The people a field names: read as a forced speaker line.
fn people(value: &str) -> Vec<Speaker> {
    speakers::read_line(&format!("Speakers: {value}"), false)
        .map(|r| r.speakers)
        .unwrap_or_default()
}

/// The first time in a field's value (`11:30`, `11/18/2019 9:30am`, `2:00PM - 3:00PM`).
fn time_in(value: &str) -> Option<(Clock, Option<Clock>)> {
    let words: Vec<&str> = value.split_whitespace().collect();
    (0..words.len()).find_map(|k| {
        let rest = words[k..].join(" ");
        times::time_marker(&format!("{rest} x"))
            .filter(|m| !m.title.is_empty())
            .map(|m| (m.time, m.end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        for (line, want) in [
            (
                "#### Presenter:James Munnelly",
                Some((Field::People, "James Munnelly")),
            ),
            (
                "-   **Topic Facilitator(s)**: Tim Hockin",
                Some((Field::People, "Tim Hockin")),
            ),
            ("**Lead:** sttts  ", Some((Field::People, "sttts"))),
            ("#### Topic:", Some((Field::Topic, ""))),
            ("#### Date & Time: 11:30", Some((Field::Time, "11:30"))),
            (
                "* Slides: https://example.org",
                Some((Field::Other, "https://example.org")),
            ),
            ("Note: this is prose", None),
            ("## Storage: the hard parts", None),
        ] {
            assert_eq!(field(line), want, "{line}");
        }
    }

    #[test]
    fn times_in_values() {
        assert_eq!(
            time_in("11/18/2019 9:30am").map(|t| t.0.to_string()),
            Some("09:30".to_string())
        );
        assert_eq!(
            time_in("11:30").map(|t| t.0.to_string()),
            Some("11:30".to_string())
        );
        assert_eq!(time_in("Monday"), None);
    }

    /// The card of a file: where it starts, its title field, its people, its time and
    /// its field lines.
    type Read = (
        usize,
        Option<String>,
        Vec<String>,
        Option<String>,
        Vec<usize>,
    );

    fn card(text: &str) -> Option<Read> {
        let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
        let cands = candidates::classify_all(&lines);
        let conv = super::super::convention::infer(&cands);
        find(&lines, &cands, &conv).map(|c| {
            let names = c.speakers.into_iter().map(|s| s.name).collect();
            (
                c.start,
                c.title,
                names,
                c.time.map(|t| t.0.to_string()),
                c.fields,
            )
        })
    }

    /// Which files are one session's card, and what its fields give (issue 20: the
    /// mutants of `find` showed these untested): the value on the next line or wrapped
    /// onto indented lines, the first field of each kind winning, fields only near the
    /// top, a heading opening the file as the title, and schedules no card.
    #[test]
    fn a_card_is_read_from_its_first_fields() {
        let prose = "Some words.\n".repeat(10);
        type Want = Option<(
            usize,
            Option<&'static str>,
            Vec<&'static str>,
            Option<&'static str>,
            Vec<usize>,
        )>;
        let cases: Vec<(String, Want)> = vec![
            // The value on the next line, or wrapped.
            (
                "# Storage\n#### Presenter:\n Erica Dubach\n#### Time: 11:30\n".into(),
                Some((0, None, vec!["Erica Dubach"], Some("11:30"), vec![1, 3])),
            ),
            (
                "# Storage\nPresenters: Erica Dubach and\n   Jonas Brandt\nTime: 11:30\n".into(),
                Some((0, None, vec!["Erica Dubach", "Jonas Brandt"], Some("11:30"), vec![1, 3])),
            ),
            // Not past a blank line: a field with no value names nobody.
            ("# Storage\n#### Presenter:\n\nErica Dubach\nTime: 11:30\n".into(), None),
            // An indented bullet or field is no wrapped value.
            (
                "# Storage\nPresenter: Erica Dubach\n  - Jonas Brandt\nTime: 11:30\n".into(),
                Some((0, None, vec!["Erica Dubach"], Some("11:30"), vec![1, 3])),
            ),
            (
                "# Storage\nPresenter: Erica Dubach\n  Slides: none\n".into(),
                Some((0, None, vec!["Erica Dubach"], None, vec![1, 2])),
            ),
            // The first field of each kind wins; blank lines between fields are skipped.
            (
                "Topic:\nPresenter: Erica Dubach\n\nModerator: Jonas Brandt\nTitle: Storage at scale\nTopic: Other\nTime: 11:30\nWhen: 14:00\n".into(),
                Some((0, Some("Storage at scale"), vec!["Erica Dubach"], Some("11:30"), vec![0, 1, 3, 4, 5, 6, 7])),
            ),
            // A heading opening the file is the title, past blank lines.
            (
                "\n## Storage workshop\n\nPresenter: Erica Dubach\nTime: 11:30\n".into(),
                Some((1, None, vec!["Erica Dubach"], Some("11:30"), vec![3, 4])),
            ),
            // Fields count within the first twelve lines under the title.
            (
                format!("# Storage\nPresenter: Erica Dubach\nSlides: none\n{prose}Time: 11:30\n"),
                Some((0, None, vec!["Erica Dubach"], None, vec![1, 2])),
            ),
            (
                format!("# Storage\nPresenter: Erica Dubach\nSlides: none\n{}Time: 11:30\n", "Some words.\n".repeat(9)),
                Some((0, None, vec!["Erica Dubach"], Some("11:30"), vec![1, 2, 12])),
            ),
            // Two time lines in the notes are a card's; three are a schedule.
            (
                "# Storage\nPresenter: Erica Dubach\nTime: 11:30\n\n11:35 intro\n\n11:50 demo\n".into(),
                Some((0, None, vec!["Erica Dubach"], Some("11:30"), vec![1, 2])),
            ),
            (
                "# Storage\nPresenter: Erica Dubach\nTime: 11:30\n\n11:35 intro\n\n11:50 demo\n\n12:10 questions\n".into(),
                None,
            ),
        ];
        for (text, want) in cases {
            let want = want.map(|(start, title, people, time, fields)| {
                (
                    start,
                    title.map(str::to_string),
                    people.into_iter().map(str::to_string).collect::<Vec<_>>(),
                    time.map(str::to_string),
                    fields,
                )
            });
            assert_eq!(card(&text), want, "{text}");
        }
    }
}
