//! Headings that group talks: `## Keynotes` or `## Session 2 - Storage` with several
//! `###` talk headings under it. The inner headings are the sessions; the group
//! heading stays in the notes as written.

use super::body::{Body, Start};
use super::candidates::Cand;
use super::convention::{self, Convention};
use super::{names, text, titles};
use crate::model::Kind;

/// First words of a heading that names a group of talks rather than a talk.
const GROUP_WORDS: &[&str] = &[
    "presenters",
    "presentations",
    "speakers",
    "demos",
    "session",
    "sessions",
    "keynote",
    "keynotes",
    "track",
    "tracks",
    "block",
    "slot",
    "talks",
    "sitzung",
    "vorträge",
    "séance",
    "sesión",
];

/// Whether a heading reads as the name of a group of talks: `Keynotes`, `Keynote`,
/// `Session 2 - Storage`, `Track B: Data`.
pub fn is_group(text: &str) -> bool {
    let plain = titles::plain(text).to_lowercase();
    let first = plain
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '|'))
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if !GROUP_WORDS.contains(&first) {
        return false;
    }
    // After the group word: nothing, a number or letter, then maybe a theme.
    let rest = plain[plain.find(first).map_or(0, |i| i + first.len())..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '|'));
    let label = rest.split_whitespace().next().unwrap_or("");
    rest.is_empty()
        || label
            .trim_end_matches([':', '.', ','])
            .chars()
            .all(|c| c.is_ascii_digit())
        || label.trim_end_matches([':', '.', ',']).len() == 1
}

/// With one untimed session rank `r`: the rank-`r` headings that group two or more
/// talk headings of rank `r + 1`, and those inner headings. Empty when there are none.
pub fn find(cands: &[Cand<'_>], conv: &Convention) -> (Vec<usize>, Vec<usize>) {
    let (mut groups, mut inner) = (Vec::new(), Vec::new());
    if conv.timed > 0 || conv.session_ranks.len() != 1 {
        return (groups, inner);
    }
    let r = conv.session_ranks[0];
    for (i, c) in cands.iter().enumerate() {
        let Cand::Heading { rank, text } = c else {
            continue;
        };
        if *rank != r || Some(i) == conv.title_line || !is_group(text) {
            continue;
        }
        let children: Vec<usize> = cands[i + 1..]
            .iter()
            .enumerate()
            .take_while(|(_, c)| c.rank().is_none_or(|k| k > r))
            .filter_map(|(j, c)| match c {
                Cand::Heading { rank, text }
                    if *rank == r + 1
                        && !convention::is_aside(text)
                        && !convention::is_part(text) =>
                {
                    Some(i + 1 + j)
                }
                _ => None,
            })
            .collect();
        // Talks have titles of a few words; single names under a heading (`Ingress`,
        // `Heroku`) are its topics.
        let titled = children
            .iter()
            .filter(|&&j| match &cands[j] {
                Cand::Heading { text, .. } => {
                    titles::plain(text).split_whitespace().count() >= 3
                        || names::person(text) >= names::Strength::Shape
                }
                _ => false,
            })
            .count();
        if children.len() >= 2 && 2 * titled >= children.len() {
            groups.push(i);
            inner.extend(children);
        }
    }
    // A file that lists all its talks under `## Presenters` or `## Talks` says its
    // other sections of that rank (`## Meetup Notes`, `## Reflections`) are not talks.
    let listed = groups.iter().any(|&g| match &cands[g] {
        Cand::Heading { text, .. } => is_list(text),
        _ => false,
    });
    if listed {
        for (i, c) in cands.iter().enumerate() {
            if let Cand::Heading { rank, text } = c
                && *rank == r
                && Some(i) != conv.title_line
                && !groups.contains(&i)
                && titles::read(text, conv.side).speakers.is_empty()
            {
                groups.push(i);
            }
        }
        groups.sort_unstable();
    }
    (groups, inner)
}

/// Headings over two or more talk headings (a round table, a track, a session with
/// its chairs in parentheses): groups, even when a line under them names people; a
/// heading that is a person stays their talk. A talk heading is
/// one of the session rank deeper than the heading, or a deeper heading read as a talk
/// of its own (`conv.inner`).
pub fn over_talks(cands: &[Cand<'_>], conv: &Convention) -> Vec<usize> {
    let talk = |j: usize, k: u8| match cands[j] {
        Cand::Heading { rank, .. } if rank > k => {
            conv.inner.contains(&j) || (conv.session_ranks.contains(&rank) && k < rank)
        }
        _ => false,
    };
    let mut out = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        let Cand::Heading { rank: k, text } = *c else {
            continue;
        };
        // A heading that is a person (`# Name - Role`) is their talk.
        if k >= super::candidates::BOLD_RANK
            || Some(i) == conv.title_line
            || conv.groups.contains(&i)
            || !titles::read(text, conv.side).speakers.is_empty()
        {
            continue;
        }
        let talks = cands[i + 1..]
            .iter()
            .enumerate()
            .take_while(|(_, c)| !matches!(c, Cand::Day { .. }) && c.rank().is_none_or(|r| r > k))
            .filter(|&(j, _)| talk(i + 1 + j, k))
            .count();
        if talks >= 2 {
            out.push(i);
        }
    }
    out
}

/// The kind a talk heading at `i` takes from the group heading it stands in
/// (`## Keynotes` over `### Talk`, when the group heading is no session itself):
/// that group's kind, or a plain talk.
pub fn kind_from_group(cands: &[Cand<'_>], i: usize, conv: &Convention) -> Kind {
    let Some(rank) = cands[i].rank() else {
        return Kind::Talk;
    };
    // The nearest heading above of a shallower rank, if it is a group and not a
    // session itself.
    cands[..i]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, c)| c.rank().is_some_and(|r| r < rank))
        .and_then(|(g, c)| match c {
            Cand::Heading { text, rank }
                if conv.groups.contains(&g)
                    || (is_group(text)
                        && !conv.session_ranks.contains(rank)
                        && !conv.inner.contains(&g)) =>
            {
                Some(text::kind(text))
            }
            _ => None,
        })
        .filter(|k| !matches!(k, Kind::Break | Kind::Update))
        .unwrap_or(Kind::Talk)
}

/// A group heading that names the list of all talks (`Presenters`, `Talks`), not one
/// kind of them (`Keynotes`, `Session 2`).
fn is_list(text: &str) -> bool {
    let plain = titles::plain(text).to_lowercase();
    let plain = plain.trim().trim_end_matches(':');
    LIST_WORDS.contains(&plain)
}

/// Headings that hold every talk of a file.
const LIST_WORDS: &[&str] = &[
    "presenters",
    "presentations",
    "speakers",
    "talks",
    "the talks",
    "vorträge",
    "présentations",
    "conférences",
];

impl Body<'_> {
    /// The session the line at `i` starts: none for a group heading, one for a talk
    /// heading inside a group, otherwise by the convention.
    pub(super) fn start_at<'c>(
        &self,
        cands: &'c [Cand<'_>],
        i: usize,
        conv: &Convention,
    ) -> Option<Start<'c>> {
        let cand = cands.get(i)?;
        if conv.groups.contains(&i) {
            return None;
        }
        if conv.inner.contains(&i)
            && let Cand::Heading { rank, text } = cand
        {
            return Some(Start::heading(text, *rank));
        }
        self.start_of(cand, conv)
    }
}

#[cfg(test)]
mod tests {
    use super::super::candidates::classify_all;
    use super::super::convention::infer;
    use super::*;

    #[test]
    fn group_headings() {
        for (text, want) in [
            ("Keynotes", true),
            ("Keynote", true),
            ("Session 2 - Storage", true),
            ("Session 2: Storage", true),
            ("Track B: Data", true),
            ("Session 12 - Storage", true),
            ("Presenters", true),
            ("Lightning talks", false),
            ("Keynote: The year in review", false),
            ("Sessions we missed and why", false),
            ("Parsing at scale", false),
        ] {
            assert_eq!(is_group(text), want, "{text}");
        }
    }

    #[test]
    fn headings_over_two_talks_group_them() {
        // (notes, talk headings read as talks of their own, groups found)
        let cases: &[(&str, &[usize], &[usize])] = &[
            // A shallower heading over two talk headings of the session rank.
            (
                "# Conf\n### Round table\n#### Maps\n#### Graphs\n#### Trees",
                &[],
                &[1],
            ),
            // A session-rank heading over two deeper talks of their own.
            (
                "# Conf\n## Round table\n### Maps\n### Graphs\n## Closing\n## Lunch",
                &[2, 3],
                &[1],
            ),
            // One talk under it is no group.
            (
                "# Conf\n## Round table\n### Maps\n## Closing\n## Lunch",
                &[2],
                &[],
            ),
            // A person's heading over talks of theirs stays their talk.
            (
                "# Conf\n## Ada Lovelace - Engines\n### Maps\n### Graphs\n## Lunch\n## Tea",
                &[2, 3],
                &[],
            ),
            // Parts of a talk are no talks.
            (
                "# Conf\n## Parsing\n### Tokens\n### Trees\n## Storage",
                &[],
                &[],
            ),
        ];
        for (text, inner, want) in cases {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            let mut conv = infer(&cands);
            conv.inner = inner.to_vec();
            assert_eq!(over_talks(&cands, &conv), *want, "{text}");
        }
    }

    #[test]
    fn talks_inside_group_headings() {
        let cases: &[(&str, &[usize], &[usize])] = &[
            (
                "# Conf\n## Keynote\n### Opening the year\n### Closing the year\n## Session 2 - Data\n### Maps of the city\n### Graphs\n## Lunch",
                &[1, 4],
                &[2, 3, 5, 6],
            ),
            // Parts of one talk under a talk heading are not a group.
            (
                "# Conf\n## Keynote\n### Introduction\n### Q&A\n## Parsing",
                &[],
                &[],
            ),
            // Single names under a group word are its topics.
            (
                "# Conf\n## Keynotes\n### Heroku\n### Elastic Search\n### Example Corp",
                &[],
                &[],
            ),
            // A talk with topics under it is not a group.
            (
                "# Conf\n## Parsing\n### Tokens\n### Trees\n## Storage",
                &[],
                &[],
            ),
            // One inner heading does not make a group.
            (
                "# Conf\n## Keynote\n### Opening\n## Session 2\n### Maps",
                &[],
                &[],
            ),
            // Issue 20, what the mutants of `find` showed untested: a file of time
            // lines has no groups;
            (
                "# 09:00 Opening\n# Keynotes\n## Parsing notes at scale\n## Storage for everyone today\n",
                &[],
                &[],
            ),
            // a group word at another rank than the sessions', or headings over talks
            // that are no group word, are no groups;
            (
                "# Conf\n## Morning\n### Keynotes\n#### Parsing notes at scale\n#### Storage for everyone today\n## Afternoon\n### Search across the archive\n### Ranking words by weight\n",
                &[],
                &[],
            ),
            // the talks are one rank deeper, asides not counted;
            (
                "# Conf\n## Keynotes\n### Parsing notes at scale\n#### Details of the parser\n### Storage for everyone today\n### Links\n## Lunch",
                &[1],
                &[2, 4],
            ),
            // two single words are topics, not talks;
            (
                "# Conf\n## Keynotes\n### Heroku\n### Elastic\n## Tracks\n### Ingress\n### Routing\n",
                &[],
                &[],
            ),
            // a heading listing every talk makes the other headings of its rank
            // sections of the page.
            (
                "# Conf\n## Presenters\n### Parsing notes at scale\n### Storage for everyone today\n## Meetup notes\n## Reflections\n",
                &[1, 4, 5],
                &[2, 3],
            ),
        ];
        for (text, groups, inner) in cases {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            let conv = infer(&cands);
            let (g, n) = find(&cands, &conv);
            assert_eq!((g.as_slice(), n.as_slice()), (*groups, *inner), "{text}");
        }
    }

    /// A heading over two or more talk headings of the session rank groups them, but
    /// not past a heading of its own rank, and not when it names a person; a talk takes
    /// its kind from a group heading above it that is no session itself (issue 20).
    #[test]
    fn headings_over_talks_and_the_kind_they_give() {
        let over = |text: &str| {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            let mut conv = infer(&cands);
            conv.session_ranks = vec![3];
            over_talks(&cands, &conv)
        };
        assert_eq!(
            over("# Conf\n## Round table\n### Parsing notes\n### Storage\n## Lunch\n"),
            [1]
        );
        assert_eq!(
            over("# Conf\n## Round table\n### Parsing notes\n## Lunch\n### Storage\n"),
            [] as [usize; 0]
        );
        assert_eq!(
            over("# Conf\n## Erica Dubach - Archivist\n### Parsing notes\n### Storage\n"),
            [] as [usize; 0]
        );
        let kind = |text: &str, ranks: Vec<u8>, inner: Vec<usize>, i: usize| {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            let mut conv = infer(&cands);
            conv.session_ranks = ranks;
            conv.inner = inner;
            kind_from_group(&cands, i, &conv)
        };
        let keynotes = "# Conf\n## Keynotes\n### Parsing notes\n### Storage\n";
        assert_eq!(kind(keynotes, vec![3], vec![], 2), Kind::Keynote);
        // The group heading is a session itself, or a talk inside another group.
        assert_eq!(kind(keynotes, vec![2, 3], vec![], 2), Kind::Talk);
        assert_eq!(kind(keynotes, vec![3], vec![1], 2), Kind::Talk);
        // A heading that names a format is no group of talks.
        let panel = "# Conf\n## Panel of friends\n### Parsing notes\n";
        assert_eq!(kind(panel, vec![3], vec![], 2), Kind::Talk);
    }
}
