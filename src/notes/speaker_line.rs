//! A line read as a speaker line, in any of its shapes: names (`Ada Lovelace, Example
//! Labs and Alan Turing`), a forcing word (`Speakers:`, `- speaker:`, `**Speaker:**`,
//! `By [Name](url), Role @ Company`), `@handles`, and several people with
//! affiliations after a subtitle (a panel's line).

use super::names::{self, Strength};
use super::speaker_shapes::{self, Shape};
use super::speakers::{FORCING, speaker_text, split};
use super::titles::plain;
use crate::model::Speaker;

/// A speaker line read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerLine {
    pub speakers: Vec<Speaker>,
    /// Words before the first person that name the topic (a panel's subtitle).
    pub subtitle: Option<String>,
    /// The line as shown: without a forcing prefix, a subtitle or the targets of links
    /// on names (kept as the speakers' links); as written if another link is on it.
    pub shown: String,
    /// Why it reads as a speaker line, for `inspect --explain`.
    pub why: &'static str,
    /// A forcing word (`Speaker:`, `by`) made it a speaker line.
    pub forced: bool,
}

/// The text after an emphasis mark that opens a line and is never closed (`*Ada
/// Lovelace`, `_Ada Lovelace`); not a bullet (`* item`) nor bold.
fn unclosed_emphasis(line: &str) -> Option<&str> {
    let t = line.trim();
    let mark = t.chars().next().filter(|c| matches!(c, '*' | '_'))?;
    let rest = &t[1..];
    (rest.starts_with(char::is_alphabetic) && !rest.contains(mark)).then_some(rest)
}

/// Reads a line after a session's title as a speaker line, if it is one. With
/// `strict`, only a forced line or known given names count (for a second speaker
/// line, where prose is more likely).
pub fn read_line(line: &str, strict: bool) -> Option<SpeakerLine> {
    if super::salutation::is_salutation(line) {
        return None;
    }
    // `*Ada Lovelace` with its emphasis never closed: a slip, read as the name.
    let line = unclosed_emphasis(line).unwrap_or(line);
    let mut read = match read_plain(line, strict) {
        Some(read) => read,
        None => reshaped(line, strict)?,
    };
    // A paragraph of prose names people too, but is no speaker line unless a label
    // says so: it has two sentences (a panel's long line of people and their
    // affiliations has one).
    if !read.forced && sentences(line) >= 2 {
        return None;
    }
    // A link whose target is not kept as a speaker's link stays as written, so that
    // no address the writer typed is lost.
    let kept = |url: &str| read.speakers.iter().any(|s| s.url.as_deref() == Some(url));
    let mut rest = line;
    while let Some(open) = rest.find("](") {
        let after = &rest[open + 2..];
        let url = after.split(')').next().unwrap_or("");
        if !kept(url) {
            read.shown = line.trim().to_string();
            read.subtitle = None;
            break;
        }
        rest = after;
    }
    Some(read)
}

/// A line of one of the shapes in [`speaker_shapes`], read as its reshaped text and
/// shown as written (decoration made plain).
fn reshaped(line: &str, strict: bool) -> Option<SpeakerLine> {
    let (text, why) = match speaker_shapes::reshape(line)? {
        Shape::Names(text) => (text, "speaker line: names with decoration around them"),
        Shape::Label(rest) => (format!("by {rest}"), "speaker line: after a role label"),
    };
    let mut read = read_plain(&text, strict)?;
    read.shown = plain(line);
    read.subtitle = None;
    read.why = why;
    Some(read)
}

/// [`read_line`] with Markdown made plain in what is shown.
fn read_plain(line: &str, strict: bool) -> Option<SpeakerLine> {
    let trimmed = line.trim();
    // `- speaker: Name` as a bullet.
    let unbulleted = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
        .map(str::trim_start)
        .filter(|rest| forced(rest).is_some());
    let text = unbulleted.unwrap_or(trimmed);
    // `**Speaker:** Ada`: the forcing word in bold.
    let unbolded = forced(text).is_none().then(|| bold_prefix(text)).flatten();
    let text = unbolded.as_deref().unwrap_or(text);
    if let Some(rest) = forced(text) {
        let names = plain(rest);
        let speakers = with_links(split(&names), rest);
        // A role other than speaking (`Moderator:`, `Hosted by`) is part of what the
        // line says: it stays shown.
        let lower = text.to_lowercase();
        let role = [
            "moderator",
            "host",
            "facilitator",
            "panel",
            "led by",
            "featuring",
            "present",
        ]
        .iter()
        .any(|r| lower.starts_with(r));
        let shown = if role { plain(text) } else { names };
        // `by` and `with` open sentences too: after them, only names will do.
        let label = text[..text.len() - rest.len()].trim_end().ends_with(':');
        if !label
            && !speakers.iter().all(|s| {
                names::person(&s.name) > Strength::No
                    || (s.name.split_whitespace().count() == 1
                        && s.name.starts_with(char::is_uppercase))
            })
        {
            return None;
        }
        return (!speakers.is_empty()).then_some(SpeakerLine {
            speakers,
            subtitle: None,
            shown,
            why: "speaker line: forced by its first word",
            forced: true,
        });
    }
    if let Some(speakers) = handles(text) {
        return Some(SpeakerLine {
            speakers,
            subtitle: None,
            shown: text.to_string(),
            why: "speaker line: @handles",
            forced: false,
        });
    }
    let shown = plain(text);
    if let Some(names_text) = speaker_text(&shown) {
        let speakers = with_links(split(names_text), text);
        if strict
            && !speakers
                .iter()
                .all(|s| names::person(&s.name) == Strength::Known)
        {
            return None;
        }
        return Some(SpeakerLine {
            speakers,
            subtitle: None,
            shown: names_text.to_string(),
            why: "speaker line: reads as names",
            forced: false,
        });
    }
    if let Some((subtitle, speakers)) = with_affiliations(&shown) {
        let rest = match &subtitle {
            Some(sub) => shown[sub.len()..].trim_start().to_string(),
            None => shown.clone(),
        };
        return Some(SpeakerLine {
            speakers: with_links(speakers, text),
            subtitle,
            shown: rest,
            why: "speaker line: several people with affiliations",
            forced: false,
        });
    }
    None
}

/// `**Speaker:** Ada` → `Speaker: Ada`, when the bold part is a forcing word.
fn bold_prefix(text: &str) -> Option<String> {
    ["**", "__", "*", "_"].iter().find_map(|mark| {
        let (word, after) = text.strip_prefix(mark)?.split_once(mark)?;
        let joined = format!("{word}{after}");
        forced(&joined).is_some().then_some(joined)
    })
}

/// The rest of a line after a forcing prefix (`Speakers:`, `by`).
fn forced(text: &str) -> Option<&str> {
    let lower = super::speakers::lower_head(text);
    let first = lower.as_bytes().first();
    FORCING.iter().find_map(|prefix| {
        // The first byte tells most prefixes from the line's head.
        if prefix.as_bytes().first() != first {
            return None;
        }
        let len = match prefix.strip_suffix(':') {
            // French sets a space before the colon: `Intervenant : Ada`.
            Some(word) if lower.starts_with(word) && lower[word.len()..].starts_with(" :") => {
                word.len() + 2
            }
            _ if lower.starts_with(prefix) => prefix.len(),
            _ => return None,
        };
        // Cut on the text itself: `get` is `None` off a character boundary.
        text.get(len..)
            .map(str::trim)
            .filter(|rest| !rest.is_empty())
    })
}

/// `@ada and @grace`: handles alone on the line.
fn handles(text: &str) -> Option<Vec<Speaker>> {
    let parts: Vec<&str> = text
        .split([',', '&'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty() && parts.iter().all(|p| names::is_handle(p))).then(|| {
        parts
            .iter()
            .map(|p| Speaker {
                name: p.to_string(),
                affiliation: None,
                url: None,
            })
            .collect()
    })
}

/// Gives each speaker the link written on their name in `raw`.
fn with_links(mut speakers: Vec<Speaker>, raw: &str) -> Vec<Speaker> {
    let mut rest = raw;
    while let Some(open) = rest.find('[') {
        let after = &rest[open..];
        if let Some(close) = after.find(')')
            && let Some((label, url)) = names::link(&after[..=close])
            && let Some(sp) = speakers.iter_mut().find(|s| s.name == label)
        {
            sp.url = Some(url.to_string());
        }
        rest = &after[1..];
    }
    speakers
}

/// `Subtitle Name, Affiliation... Name, Affiliation...`: two or more people, each a
/// name followed by a comma and an affiliation, at least one with a known given name;
/// the words before the first person are the subtitle.
fn with_affiliations(text: &str) -> Option<(Option<String>, Vec<Speaker>)> {
    if text.matches(',').count() < 2 {
        return None;
    }
    // Every `Name Words,` whose last two to three words before the comma are a name.
    let mut starts: Vec<(usize, usize, Strength)> = Vec::new();
    for (comma, _) in text.match_indices(',') {
        let before = &text[..comma];
        let words: Vec<(usize, &str)> = word_starts(before);
        let run: Vec<&(usize, &str)> = words
            .iter()
            .rev()
            .take_while(|(_, w)| {
                w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
            })
            .take(4)
            .collect();
        let mut best: Option<(usize, Strength)> = None;
        for k in 2..=run.len().min(3) {
            let start = run[k - 1].0;
            let strength = names::person(&text[start..comma]);
            if strength > Strength::No && best.is_none_or(|(_, s)| strength > s) {
                best = Some((start, strength));
            }
        }
        // A person follows the one before after some words of affiliation:
        // `Ada Lovelace, Managing Director, ...` is one person with a role.
        if let Some((start, strength)) = best
            && starts
                .last()
                .is_none_or(|&(_, end, _)| !text[end + 1..start].trim().is_empty())
        {
            starts.push((start, comma, strength));
        }
    }
    if starts.len() < 2 || !starts.iter().any(|(_, _, s)| *s == Strength::Known) {
        return None;
    }
    let subtitle = text[..starts[0].0].trim();
    let subtitle = (!subtitle.is_empty()).then(|| subtitle.to_string());
    let mut speakers = Vec::new();
    for (k, &(start, comma, _)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(text.len(), |n| n.0);
        let affiliation = text[comma + 1..end]
            .trim()
            .trim_end_matches([',', ';'])
            .trim_end();
        let affiliation = affiliation
            .strip_suffix(" and")
            .unwrap_or(affiliation)
            .trim();
        speakers.push(Speaker {
            name: text[start..comma].to_string(),
            affiliation: (!affiliation.is_empty()).then(|| affiliation.to_string()),
            url: None,
        });
    }
    Some((subtitle, speakers))
}

/// The words of `text` with their byte offsets.
fn word_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// How many sentences a line holds: a `.`, `!` or `?` then a space and a capital
/// letter ends one (`Dr. Ada` and `J. Doe` do not: the word before is short).
fn sentences(line: &str) -> usize {
    let words: Vec<&str> = line.split_whitespace().collect();
    1 + words
        .windows(2)
        .filter(|w| {
            let before = w[0].trim_matches(|c: char| matches!(c, ')' | '"' | '*' | '_'));
            before.ends_with(['.', '!', '?'])
                && before.chars().filter(|c| c.is_alphabetic()).count() > 3
                && w[1].starts_with(|c: char| c.is_uppercase())
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speaker_lines_of_other_shapes() {
        type Case<'a> = (
            &'a str,
            Option<(
                Option<&'a str>,
                Vec<(&'a str, Option<&'a str>, Option<&'a str>)>,
            )>,
        );
        let cases: Vec<Case> = vec![
            (
                "Budgets, Openness and Public Trust Maria Koch, Office for Digital Services (ODS) at the Cantonal Chancellery (Staatskanzlei) Lukas Frei, Head of the City Archive, Research Unit",
                Some((
                    Some("Budgets, Openness and Public Trust"),
                    vec![
                        (
                            "Maria Koch",
                            Some(
                                "Office for Digital Services (ODS) at the Cantonal Chancellery (Staatskanzlei)",
                            ),
                            None,
                        ),
                        (
                            "Lukas Frei",
                            Some("Head of the City Archive, Research Unit"),
                            None,
                        ),
                    ],
                )),
            ),
            (
                "- speaker: Nina Roth",
                Some((None, vec![("Nina Roth", None, None)])),
            ),
            (
                "By [Nina Roth](https://example.org/nina), Engineer @ Example Labs",
                Some((
                    None,
                    vec![(
                        "Nina Roth",
                        Some("Engineer @ Example Labs"),
                        Some("https://example.org/nina"),
                    )],
                )),
            ),
            (
                "@nina_codes",
                Some((None, vec![("@nina_codes", None, None)])),
            ),
            ("- a bullet with a Name, and Another, Thing", None),
            ("Thanks to everyone, really, it was great", None),
        ];
        for (line, want) in cases {
            let got = read_line(line, false).map(|l| {
                (
                    l.subtitle,
                    l.speakers
                        .into_iter()
                        .map(|s| (s.name, s.affiliation, s.url))
                        .collect::<Vec<_>>(),
                )
            });
            let want = want.map(|(sub, v)| {
                (
                    sub.map(str::to_string),
                    v.into_iter()
                        .map(|(n, a, u)| {
                            (n.to_string(), a.map(str::to_string), u.map(str::to_string))
                        })
                        .collect::<Vec<_>>(),
                )
            });
            assert_eq!(got, want, "{line}");
        }
    }
}

#[cfg(test)]
mod prose_tests {
    use super::*;

    #[test]
    fn a_paragraph_naming_people_is_no_speaker_line() {
        for line in [
            "We organised it together. The core team were Erica Dubach, Jonas Brandt and me, with help from Nina Roth (remote) and many others.",
            "Thanks to Erica Dubach, Jonas Brandt, Nina Roth, Anna Keller and Lukas Frei. Without them nothing would have happened, and the venue would have stayed empty all weekend long, which nobody wanted to see at all.",
        ] {
            assert_eq!(read_line(line, true), None, "{line}");
        }
        // A panel's one long line of people and affiliations is a speaker line.
        let panel = "Open Data and the Public Good Erica Dubach, Head of Digital Services and Data Strategy (DDS) at the Federal Office of Examples (Beispielamt) Jonas Brandt, Director of the Parliamentary Library and Research Services, Canton of Example Nina Roth, Chief Executive Officer and Co-Founder of Example Labs, a company for open models";
        assert!(panel.split_whitespace().count() > 40);
        let read = read_line(panel, false)
            .map(|r| r.speakers.into_iter().map(|s| s.name).collect::<Vec<_>>());
        assert_eq!(
            read,
            Some(vec![
                "Erica Dubach".to_string(),
                "Jonas Brandt".to_string(),
                "Nina Roth".to_string()
            ])
        );
        assert_eq!(sentences("Dr. Ada Lovelace, J. Doe and Mr. Smith"), 1);
        assert_eq!(sentences("It was good. Then it rained."), 2);
    }
}

#[cfg(test)]
mod slip_tests {
    use super::*;

    #[test]
    fn emphasis_opened_and_never_closed_on_a_speaker_line() {
        let names = |line: &str| {
            read_line(line, false)
                .map(|r| r.speakers.into_iter().map(|s| s.name).collect::<Vec<_>>())
        };
        assert_eq!(
            names("*Erica Dubach"),
            Some(vec!["Erica Dubach".to_string()])
        );
        assert_eq!(
            names("_Erica Dubach"),
            Some(vec!["Erica Dubach".to_string()])
        );
        assert_eq!(unclosed_emphasis("*Erica Dubach*"), None);
        assert_eq!(unclosed_emphasis("* Erica Dubach"), None);
        assert_eq!(unclosed_emphasis("**Erica Dubach"), None);
    }
}
