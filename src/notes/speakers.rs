//! Speaker lines: deciding whether a line reads as names, and splitting it into
//! speakers with affiliations: `Name, Affiliation and Name`, `Speakers: ...`, `- speaker:
//! Name`, `By [Name](url), Role @ Company`, `@handle`, and several people with
//! affiliations on one line after a subtitle.

use crate::model::Speaker;

/// Prefixes that make a line a speaker line whatever it looks like.
pub(super) const FORCING: &[&str] = &[
    ":speaker:",
    ":speakers:",
    ":presenter:",
    "speakers:",
    "speaker:",
    "speaker(s):",
    "by ",
    "with ",
    "moderator:",
    "moderators:",
    "panelists:",
    "panellists:",
    "presenter:",
    "presenters:",
    "presented by ",
    "host:",
    "hosts:",
    "hosted by ",
    "facilitator:",
    "led by ",
    "featuring ",
    "sprecher:",
    "sprecherin:",
    "referent:",
    "referentin:",
    "referenten:",
    "vortragende:",
    "intervenant:",
    "intervenante:",
    "intervenants:",
    "orateur:",
    "par ",
    "ponente:",
    "ponentes:",
];

use super::names::{self, ORG_WORDS, PARTICLES, Strength};
pub use super::speaker_line::{SpeakerLine, read_line};
pub use super::speaker_shapes::bare_label;

/// If `line` is a speaker line, the text to split into speakers (without a forcing
/// prefix or surrounding emphasis).
pub fn speaker_text(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    let lower = lower_head(trimmed);
    for prefix in FORCING {
        if lower.starts_with(prefix) && trimmed.is_char_boundary(prefix.len()) {
            let rest = trimmed[prefix.len()..].trim();
            return (!rest.is_empty()).then_some(rest);
        }
    }
    let text = strip_emphasis(trimmed);
    if text.is_empty()
        || text.chars().count() > 160
        || text.starts_with(['-', '+', '>', '|', '<', '#', '`', '[', '!'])
        || text.ends_with(['.', '!', '?', ':', ';'])
        || text.contains("://")
        || text.contains('#')
        || text.split_whitespace().count() > 30
    {
        return None;
    }
    if text.starts_with("* ") || text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let speakers = split(text);
    let first = speakers.first()?;
    (looks_like_name(&first.name) && speakers.iter().all(|s| plausible_name(&s.name)))
        .then_some(text)
}

/// The head of `text` lower-cased, as long as is needed to compare it with any of the
/// [`FORCING`] prefixes (ASCII, at most 16 bytes): lower-casing goes a character at a
/// time (a final sigma aside, whose two forms are the same length and not ASCII), so
/// the head of the lower-cased line reads the same, without a copy of a long line.
pub(super) fn lower_head(text: &str) -> String {
    // Each prefix's bytes are each a character of the head: checked as the code builds.
    const _: () = {
        let mut i = 0;
        while i < FORCING.len() {
            assert!(FORCING[i].is_ascii() && FORCING[i].len() <= 16);
            i += 1;
        }
    };
    let end = text.char_indices().nth(32).map_or(text.len(), |(i, _)| i);
    text[..end].to_lowercase()
}

fn strip_emphasis(s: &str) -> &str {
    for mark in ["**", "__", "*", "_"] {
        if let Some(inner) = s.strip_prefix(mark).and_then(|r| r.strip_suffix(mark)) {
            return inner.trim();
        }
    }
    s
}

/// Two to five words, each capitalised (or a particle such as `van`), with letters.
fn looks_like_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && words.iter().all(|w| {
            let first = w.chars().next();
            (first.is_some_and(char::is_uppercase)
                || PARTICLES.contains(&w.to_lowercase().as_str()))
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        })
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A later name on the line may be a single word ("Ada and Grace"), but not a sentence.
fn plausible_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    (1..=5).contains(&words) && name.chars().next().is_some_and(char::is_uppercase)
}

fn looks_like_person(part: &str) -> bool {
    looks_like_name(part)
        && !part
            .split_whitespace()
            .any(|w| ORG_WORDS.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
}

/// Splits a speaker line into speakers: `;`, `and`, `&`, `/` (and `und`, `et`) separate
/// people; within one, the first comma separates the name from the affiliation
/// (`Ana Lima, DCX and Ben Ito, Tools Team, Example Org`). A plain list of
/// names (`Ada Lovelace, Grace Hopper and Alan Turing`) is read as such.
pub fn split(text: &str) -> Vec<Speaker> {
    let mut groups: Vec<&str> = Vec::new();
    for part in text.split(';') {
        let mut rest = part;
        loop {
            match find_conjunction(rest) {
                Some((start, end)) => {
                    groups.push(&rest[..start]);
                    rest = &rest[end..];
                }
                None => {
                    groups.push(rest);
                    break;
                }
            }
        }
    }
    let groups: Vec<&str> = groups
        .into_iter()
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .collect();

    // `Ada Lovelace, Grace Hopper, and Alan Turing`: the comma before `and` (the
    // serial comma) leaves an empty part, which is no one.
    let all_parts: Vec<&str> = groups
        .iter()
        .flat_map(|g| g.split(','))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let name_list = !text.contains(';')
        && all_parts.len() >= 3
        && groups.last().is_some_and(|g| !g.contains(','))
        && all_parts.iter().all(|p| looks_like_person(p));

    let mut out = Vec::new();
    for group in groups {
        if name_list {
            out.extend(
                group
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| Speaker {
                        name: p.to_string(),
                        affiliation: None,
                        url: None,
                    }),
            );
            continue;
        }
        let (name, affiliation) =
            match outside_parentheses(group, ',').map(|at| (&group[..at], &group[at + 1..])) {
                Some((n, a)) => (n.trim(), Some(a.trim())),
                None => match group.split_once(" (") {
                    // `Ada Lovelace (Analytical Engines)`
                    Some((n, a)) if a.ends_with(')') => {
                        (n.trim(), Some(a.trim_end_matches(')').trim()))
                    }
                    // `Ada Lovelace - Analytical Engines`, `Ada Lovelace @ Engines`, with a
                    // known given name in front.
                    _ => match [" - ", " – ", " | ", " @ "]
                        .iter()
                        // Each separator's mark, looked for first: most names lack all.
                        .filter(|_| ['-', '–', '|', '@'].iter().any(|&c| group.contains(c)))
                        .find_map(|sep| group.split_once(sep))
                    {
                        Some((n, a)) if names::person(n) >= Strength::Shape => {
                            (n.trim(), Some(a.trim()))
                        }
                        _ => (group, None),
                    },
                },
            };
        if name.is_empty() {
            continue;
        }
        out.push(Speaker {
            name: name.to_string(),
            affiliation: affiliation.filter(|a| !a.is_empty()).map(str::to_string),
            url: None,
        });
    }
    out
}

/// The first `c` in `s` outside parentheses: `Ada (Engines, Ltd), Looms` → the second
/// comma.
fn outside_parentheses(s: &str, c: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, ch) in s.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if ch == c && depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// The byte range of the next ` and `, ` & `, ` / `, ` und `, ` et ` in `s`, outside
/// parentheses (`Ada Lovelace (Engines / Looms)` is one person).
fn find_conjunction(s: &str) -> Option<(usize, usize)> {
    const WORDS: [&str; 5] = [" and ", " & ", " / ", " und ", " et "];
    let outside = |at: usize| {
        let open = s[..at].matches('(').count();
        let close = s[..at].matches(')').count();
        open <= close
    };
    // A slash parts two people (`Kim Roth / Jonas Brandt`) only when both sides are
    // name-shaped: in `Example Labs / Partner Org` it is inside an affiliation.
    let people_around = |i: usize, end: usize| {
        let left = s[..i].rsplit(',').next().unwrap_or("").trim();
        let right = s[end..]
            .split([',', '(', ';'])
            .next()
            .unwrap_or("")
            .split(" - ")
            .next()
            .unwrap_or("")
            .trim();
        [left, right].iter().all(|side| {
            looks_like_person(side)
                && names::person(names::strip_honorifics(side)) >= Strength::Shape
        })
    };
    let usable =
        |&(i, end, w): &(usize, usize, &str)| outside(i) && (w != " / " || people_around(i, end));
    if s.is_ascii() {
        // ASCII text lower-cases byte for byte: one pass over its spaces finds each
        // word's matches in order (a word's next match starts after its last, as
        // `match_indices` has it), and the first usable one is the earliest.
        let bytes = s.as_bytes();
        let mut free = [0usize; WORDS.len()];
        for (i, _) in bytes.iter().enumerate().filter(|&(_, &b)| b == b' ') {
            // The byte after the space tells most spaces from a word's.
            if !matches!(
                bytes.get(i + 1),
                Some(b'a' | b'A' | b'&' | b'/' | b'u' | b'U' | b'e' | b'E')
            ) {
                continue;
            }
            for (k, w) in WORDS.iter().enumerate() {
                let end = i + w.len();
                if i >= free[k]
                    && bytes
                        .get(i..end)
                        .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
                {
                    free[k] = end;
                    if usable(&(i, end, w)) {
                        return Some((i, end));
                    }
                }
            }
        }
        return None;
    }
    let lower = s.to_lowercase();
    // Lower-casing may change byte offsets; then the exact-case words are looked for.
    let hay = if lower.len() == s.len() {
        lower.as_str()
    } else {
        s
    };
    WORDS
        .iter()
        .flat_map(|w| hay.match_indices(w).map(move |(i, _)| (i, i + w.len(), *w)))
        .filter(usable)
        .map(|(i, end, _)| (i, end))
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    type Names = Vec<(String, Option<String>)>;

    fn names(line: &str) -> Option<Names> {
        speaker_text(line).map(|t| {
            split(t)
                .into_iter()
                .map(|s| (s.name, s.affiliation))
                .collect()
        })
    }

    fn sp(name: &str, aff: Option<&str>) -> (String, Option<String>) {
        (name.to_string(), aff.map(str::to_string))
    }

    #[test]
    fn speaker_lines() {
        let cases: Vec<(&str, Option<Names>)> = vec![
            (
                "Nina Roth, Example Labs",
                Some(vec![sp("Nina Roth", Some("Example Labs"))]),
            ),
            // A comma inside the parentheses is the affiliation's.
            (
                "Paul Weber (Example Labs, LLC)",
                Some(vec![sp("Paul Weber", Some("Example Labs, LLC"))]),
            ),
            (
                "Kim Roth / Jonas Brandt",
                Some(vec![sp("Kim Roth", None), sp("Jonas Brandt", None)]),
            ),
            (
                "Nina Roth, Example Labs / Partner Org",
                Some(vec![sp("Nina Roth", Some("Example Labs / Partner Org"))]),
            ),
            (
                "Kaiyuan Wang, Sarfraz Khurshid, and Milos Gligoric",
                Some(vec![
                    sp("Kaiyuan Wang", None),
                    sp("Sarfraz Khurshid", None),
                    sp("Milos Gligoric", None),
                ]),
            ),
            (
                "Clara Weiß and Jonas Brandt",
                Some(vec![sp("Clara Weiß", None), sp("Jonas Brandt", None)]),
            ),
            (
                "Ana Lima, DCX and Ben Ito, Tools Team, Example Org",
                Some(vec![
                    sp("Ana Lima", Some("DCX")),
                    sp("Ben Ito", Some("Tools Team, Example Org")),
                ]),
            ),
            (
                "Petra Lind, Managing Director, Northwind Systems AG",
                Some(vec![sp(
                    "Petra Lind",
                    Some("Managing Director, Northwind Systems AG"),
                )]),
            ),
            (
                "Ada Lovelace, Grace Hopper and Alan Turing",
                Some(vec![
                    sp("Ada Lovelace", None),
                    sp("Grace Hopper", None),
                    sp("Alan Turing", None),
                ]),
            ),
            (
                "Ada Lovelace (Analytical Engines) & Charles Babbage",
                Some(vec![
                    sp("Ada Lovelace", Some("Analytical Engines")),
                    sp("Charles Babbage", None),
                ]),
            ),
            (
                "Jane Doe, Acme; John Roe, Initech",
                Some(vec![
                    sp("Jane Doe", Some("Acme")),
                    sp("John Roe", Some("Initech")),
                ]),
            ),
            (
                "Karl Huber and Ines Silva, Hacker Space Zurich",
                Some(vec![
                    sp("Karl Huber", None),
                    sp("Ines Silva", Some("Hacker Space Zurich")),
                ]),
            ),
            (
                "Kim Bannerman / Meghan Kjelland",
                Some(vec![sp("Kim Bannerman", None), sp("Meghan Kjelland", None)]),
            ),
            (
                "Daniel Molkentin (Qt Frameworks / KDE)",
                Some(vec![sp("Daniel Molkentin", Some("Qt Frameworks / KDE"))]),
            ),
            ("Speakers: Prince", Some(vec![sp("Prince", None)])),
            (
                "by Ludwig van Beethoven",
                Some(vec![sp("Ludwig van Beethoven", None)]),
            ),
            (
                "*Anna Meier, Open Data Lab*",
                Some(vec![sp("Anna Meier", Some("Open Data Lab"))]),
            ),
            ("- a bullet point", None),
            ("We saw most of this coming years ago.", None),
            ("Great talk about things", None),
            ("See https://example.org", None),
        ];
        for (line, want) in cases {
            assert_eq!(names(line), want, "{line}");
        }
    }

    /// What is no speaker line, at the edges of each rule: 160 characters and 30
    /// words at most, no hashtag, no list marker or number in front, every later name
    /// capitalised; parts that name an organisation make no plain list of names
    /// (issue 20).
    #[test]
    fn the_edges_of_a_speaker_line() {
        let names = |n: usize, tail: &str| format!("{}{tail}", vec!["Erica Dubach"; n].join(", "));
        let at_160 = names(11, "abcdefgh");
        let at_161 = names(11, "abcdefghi");
        assert_eq!((at_160.chars().count(), at_161.chars().count()), (160, 161));
        assert_eq!(speaker_text(&at_160), Some(at_160.as_str()));
        assert_eq!(speaker_text(&at_161), None);
        let words_30 = vec!["Al Bo"; 15].join(", ");
        let words_31 = format!("{words_30}, Cy");
        assert_eq!(speaker_text(&words_30), Some(words_30.as_str()));
        assert_eq!(speaker_text(&words_31), None);
        for line in [
            "Erica Dubach, Jonas #Brandt",
            "Erica Dubach and the whole team",
            "- Erica Dubach",
            "* Erica Dubach",
            "> Erica Dubach",
            "2 Erica Dubach",
        ] {
            assert_eq!(speaker_text(line), None, "{line}");
        }
        let people = |line: &str| {
            split(line)
                .into_iter()
                .map(|s| (s.name, s.affiliation))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            people("Ana Lima, Example Labs and Ben Ito"),
            [
                ("Ana Lima".to_string(), Some("Example Labs".to_string())),
                ("Ben Ito".to_string(), None)
            ]
        );
    }
}
