//! The file's convention, found as a reader finds it: by looking at every candidate
//! line first. Which lines start sessions (time lines, and headings of which ranks),
//! which line is the event's title, and which side of ` - ` the person stands on, by
//! a vote over all the title lines.

use super::candidates::Cand;
use super::names::Strength;
use super::titles::{self, Side};

/// How this file is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Convention {
    /// The index of the heading that is the event's title.
    pub title_line: Option<usize>,
    /// Heading ranks that start untimed sessions.
    pub session_ranks: Vec<u8>,
    /// Where the person stands on title lines with a separator, if the file says.
    pub side: Option<Side>,
    /// Title lines that lean right, lean left, and have a separator at all.
    pub votes: (usize, usize, usize),
    /// The file is one talk: its headings are mostly parts of a talk (Introduction,
    /// Demo, Q&A...), under a title heading.
    pub one_talk: bool,
    /// Time lines with a title, and bare stamps (updates of a live blog).
    pub timed: usize,
    pub stamps: usize,
    /// No time line is written as a 24-hour clock (`13:30`, `09:00`): a `1:30` after
    /// `12:00` is in the afternoon.
    pub twelve_hour: bool,
    /// Headings that group talks (`## Keynotes` over `###` talks): never sessions.
    pub groups: Vec<usize>,
    /// The talk headings inside those groups: sessions.
    pub inner: Vec<usize>,
    /// Untimed headings with prose under them in a file of time lines: sections of
    /// the page, never sessions.
    pub sections: Vec<usize>,
    /// A file that is one panel: its title line and the lines naming its people.
    pub panel: Option<(usize, Vec<usize>)>,
    /// Lines opening with a format word (`Keynote: ...`) that name a person after it,
    /// with a known given name, and of how many: when most do, a name's shape or one
    /// word after the format word is a person too (`Keynote: Sha`).
    pub format_votes: (usize, usize, usize),
    /// Lines wholly in parentheses right under a heading, and how many of them name
    /// people with a name's shape (`(Ada Lovelace, Alan Turing)`): when most do, the
    /// file puts its speakers there, and surnames alone there are people too
    /// (`(Lovelace & Turing)`).
    pub paren_votes: (usize, usize),
}

impl Convention {
    /// Whether the file's format lines name people (`Keynote: Ada Lovelace`): at least
    /// one with a known given name, and more than half with a name.
    pub fn format_people(&self) -> bool {
        let (named, known, of) = self.format_votes;
        known >= 1 && 2 * named > of
    }

    /// Whether the file names its speakers in parentheses under its headings: two or
    /// more such lines with a name's shape, and at least half of them.
    pub fn paren_people(&self) -> bool {
        let (named, of) = self.paren_votes;
        named >= 2 && 2 * named >= of
    }

    /// One line saying what was found, for `inspect --explain`.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        let ranks: Vec<String> = self.session_ranks.iter().map(|r| rank_name(*r)).collect();
        out.push(format!(
            "convention: sessions start at {} time line(s){}{}",
            self.timed,
            if ranks.is_empty() {
                String::new()
            } else {
                format!(" and at headings of rank {}", ranks.join(", "))
            },
            if self.stamps > 0 {
                format!("; {} bare time stamp(s) are updates", self.stamps)
            } else {
                String::new()
            }
        ));
        let (right, left, with_sep) = self.votes;
        match self.side {
            // A line may lean without a separator (`Title (Speaker)`), so the lines
            // leaning each way are counted apart from those with a separator.
            Some(side) => {
                let (with, against) = if side == Side::Right {
                    (right, left)
                } else {
                    (left, right)
                };
                out.push(format!(
                    "convention: \"{}\" on {with} title line(s), {against} the other way ({with_sep} with a separator)",
                    side.label(),
                ))
            }
            None if with_sep > 0 => out.push(format!(
                "convention: no side for speakers on title lines ({right} lean \"Title - Speaker\", {left} \"Speaker - Title\", of {with_sep} with a separator): each line read by itself"
            )),
            None => {}
        }
        if self.format_people() {
            let (named, _, of) = self.format_votes;
            out.push(format!(
                "convention: a person after the format word (\"Keynote: Name\") on {named} of {of} lines opening with one: a name's shape or one word there is a speaker"
            ));
        }
        if self.paren_people() {
            let (named, of) = self.paren_votes;
            out.push(format!(
                "convention: speakers in parentheses under the heading on {named} of {of} such lines: surnames alone there are speakers too"
            ));
        }
        out
    }
}

/// A heading of some rank as a reader names it, for `inspect --explain`: `a heading of
/// rank 2`, `a bold line read as a heading`.
pub fn heading_name(rank: u8) -> String {
    match rank {
        super::candidates::BOLD_RANK => "a bold line read as a heading".to_string(),
        super::candidates::BULLET_RANK => "a bullet opening in bold read as a heading".to_string(),
        r => format!("a heading of rank {r}"),
    }
}

fn rank_name(rank: u8) -> String {
    match rank {
        super::candidates::BOLD_RANK => "bold line".to_string(),
        super::candidates::BULLET_RANK => "bullet in bold".to_string(),
        r => format!("{r}"),
    }
}

/// Headings that organise a file around its sessions and are never sessions
/// themselves (compared in lower case, without a trailing colon).
const ASIDES: &[&str] = &[
    "links",
    "useful links",
    "todo",
    "to do",
    "to-do",
    "summary",
    "resources",
    "agenda",
    "notes",
    "my notes",
    "to watch",
    "to-watch",
    "watch later",
    "references",
    "further reading",
    "reading list",
    "contents",
    "table of contents",
    "toc",
    "overview",
    "about",
    "background",
    "takeaways",
    "key takeaways",
    "conclusion",
    "conclusions",
    "slides",
    "videos",
    "recordings",
    "related",
    "see also",
    "sources",
    "credits",
    "acknowledgements",
    "tl;dr",
    "tldr",
    "misc",
    "timeline",
    "schedule",
    "program",
    "programme",
    "sponsors",
    "venue",
    "installation",
    "usage",
    "license",
    "licence",
    "contributing",
    "zusammenfassung",
    "fazit",
    "quellen",
    "notizen",
    "ressourcen",
    "résumé",
    "liens",
    "sommaire",
    "ressources",
    "à voir",
    "à lire",
];

/// Headings that name a part of one talk, not a talk: a file whose headings are
/// mostly these is the notes of one talk.
const PARTS: &[&str] = &[
    "introduction",
    "intro",
    "background",
    "motivation",
    "overview",
    "outline",
    "agenda",
    "demo",
    "live demo",
    "q&a",
    "q & a",
    "qa",
    "questions",
    "questions and answers",
    "conclusion",
    "conclusions",
    "summary",
    "recap",
    "wrap-up",
    "wrap up",
    "takeaways",
    "key takeaways",
    "lessons learned",
    "next steps",
    "future work",
    "the problem",
    "problem",
    "problems",
    "solution",
    "the solution",
    "results",
    "architecture",
    "challenges",
    "goals",
    "discussion",
    "thoughts",
    "my thoughts",
    "closing thoughts",
    "notes",
    "slides",
    "resources",
    "links",
    "references",
    "einleitung",
    "fazit",
    "zusammenfassung",
    "fragen",
    "conclusion",
    "questions/réponses",
    "questions-réponses",
    "take aways",
    "take-aways",
    "key learning",
    "key learnings",
    "learnings",
    "action items",
    "actions",
    "decisions",
    "open questions",
    "attendees",
    "participants",
    "feedback",
    "context",
    "problem statement",
    "proposal",
    "use cases",
    "requirements",
    "history",
    "follow-ups",
    "follow ups",
    "followups",
    "teilnehmer",
    "ziele",
    "diskussion",
    "participants",
    "objectifs",
];

/// Whether a heading names a part of a talk (Introduction, Demo, Q&A...).
pub fn is_part(text: &str) -> bool {
    let t = titles::plain(text);
    let t = titles::strip_enumerator(&t)
        .trim()
        .trim_end_matches(':')
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '&')
        .to_lowercase();
    // `Key learning/Takeaways`, `Questions & Answers`: every piece a part.
    PARTS.contains(&t.as_str())
        || (t.contains(['/', '&'])
            && t.split(['/', '&'])
                .all(|p| PARTS.contains(&p.trim().trim_end_matches(':'))))
}

/// Whether a heading is one of the file's asides (Links, TODO, Summary...).
pub fn is_aside(text: &str) -> bool {
    let t = titles::plain(text);
    let t = t
        .trim()
        .trim_end_matches(':')
        .trim_matches(|c: char| !c.is_alphanumeric() && c != ';' && c != ')')
        .to_lowercase();
    ASIDES.contains(&t.as_str())
}

/// Finds the convention of a file from its candidate lines.
pub fn infer(cands: &[Cand<'_>]) -> Convention {
    // A rank-1 heading opening the body is the event's title, never a session.
    let title_line = cands
        .iter()
        .position(|c| !matches!(c, Cand::Blank | Cand::Underline))
        .filter(|&i| matches!(cands[i], Cand::Heading { rank: 1, .. }))
        // Two or more top headings are parallel: the first is one of them, not the title.
        .filter(|_| {
            cands
                .iter()
                .filter(|c| matches!(c, Cand::Heading { rank: 1, text } if !is_aside(text)))
                .count()
                < 2
        });
    let timed = cands
        .iter()
        .filter(|c| matches!(c, Cand::Timed { .. }))
        .count();
    let stamps = cands
        .iter()
        .filter(|c| matches!(c, Cand::Stamp { .. }))
        .count();
    let session_ranks = session_ranks(cands, title_line, timed);

    let mut votes = (0, 0, 0);
    for (i, c) in cands.iter().enumerate() {
        let text = match c {
            Cand::Timed { marker, .. } => marker.title.as_str(),
            Cand::Heading { rank, text }
                if session_ranks.contains(rank) && Some(i) != title_line =>
            {
                text
            }
            _ => continue,
        };
        if [" - ", " – ", " — ", " | "]
            .iter()
            .any(|s| text.contains(s))
        {
            votes.2 += 1;
        }
        match titles::lean(text) {
            Some(Side::Right) => votes.0 += 1,
            Some(Side::Left) => votes.1 += 1,
            None => {}
        }
    }
    let side = side_by_votes(votes);
    let at_rank: Vec<&str> = cands
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Cand::Heading { rank, text }
                if session_ranks.contains(rank) && Some(i) != title_line =>
            {
                Some(*text)
            }
            _ => None,
        })
        .collect();
    let parts = at_rank.iter().filter(|t| is_part(t)).count();
    let one_talk = timed == 0
        && stamps == 0
        && title_line.is_some()
        && parts >= 2
        && 2 * parts >= at_rank.len();
    let mut format_votes = (0, 0, 0);
    for c in cands {
        let text = match c {
            Cand::Timed { marker, .. } => marker.title.as_str(),
            Cand::Heading { text, .. } => text,
            _ => continue,
        };
        if let Some(strength) = titles::format_person(text) {
            format_votes.2 += 1;
            if strength >= Strength::Shape {
                format_votes.0 += 1;
            }
            if strength == Strength::Known {
                format_votes.1 += 1;
            }
        }
    }
    let twelve_hour = cands.iter().all(|c| match c {
        Cand::Timed { marker, .. } => marker.twelve || marker.meridiem,
        _ => true,
    });
    Convention {
        title_line,
        one_talk,
        session_ranks,
        side,
        votes,
        timed,
        stamps,
        twelve_hour,
        groups: Vec::new(),
        inner: Vec::new(),
        panel: None,
        sections: Vec::new(),
        format_votes,
        paren_votes: (0, 0),
    }
}

/// The side of ` - ` the file puts its people on, from its title lines' votes: those
/// leaning right, those leaning left, and those with a separator at all. A side wins
/// with more than twice the other's votes and a third of the lines with a separator,
/// or with three lines and none against it (the other lines name people the
/// recogniser does not know).
fn side_by_votes((right, left, with_sep): (usize, usize, usize)) -> Option<Side> {
    let enough = |n: usize, other: usize| {
        n >= 1 && n > 2 * other && (3 * n >= with_sep || (n >= 3 && other == 0))
    };
    if enough(right, left) {
        Some(Side::Right)
    } else if enough(left, right) {
        Some(Side::Left)
    } else {
        None
    }
}

/// Which heading ranks start untimed sessions. With time lines: headings at or above
/// the rank of the timed headings (`##` when the times are bare lines). Without: the
/// shallowest rank that repeats, below any day headings, asides not counted.
fn session_ranks(cands: &[Cand<'_>], title_line: Option<usize>, timed: usize) -> Vec<u8> {
    if timed > 0 {
        let max = cands
            .iter()
            .filter_map(|c| match c {
                Cand::Timed { rank, .. } => *rank,
                _ => None,
            })
            .min()
            .unwrap_or(2);
        return (1..=max).collect();
    }
    let day_rank = cands
        .iter()
        .filter_map(|c| match c {
            Cand::Day { rank, .. } => *rank,
            _ => None,
        })
        .filter(|r| *r < super::candidates::BOLD_RANK)
        .max()
        .unwrap_or(0);
    let mut counts = [0usize; 9];
    for (i, c) in cands.iter().enumerate() {
        if let Cand::Heading { rank, text } = c
            && Some(i) != title_line
            && !is_aside(text)
            && !text.trim().is_empty()
        {
            counts[usize::from(*rank).min(8)] += 1;
        }
    }
    let stamp_ranks: Vec<u8> = cands
        .iter()
        .filter_map(|c| match c {
            Cand::Stamp { rank, .. } => *rank,
            _ => None,
        })
        .collect();
    // Days and talks at one rank (`Day 1` then its talks, all underlined alike): the
    // talks are the headings of the days' rank that are not days, when they follow the
    // first day and are at least as many as the days.
    let first_day = cands
        .iter()
        .position(|c| matches!(c, Cand::Day { rank: Some(r), .. } if *r == day_rank));
    let days_at = cands
        .iter()
        .filter(|c| matches!(c, Cand::Day { rank: Some(r), .. } if *r == day_rank))
        .count();
    let talks_among_days = first_day.map_or(0, |f| {
        cands[f..]
            .iter()
            .filter(|c| matches!(c, Cand::Heading { rank, text } if *rank == day_rank && !is_aside(text)))
            .count()
    });
    let shallowest = if day_rank > 0 && talks_among_days >= 2 && talks_among_days >= days_at {
        day_rank
    } else {
        day_rank + 1
    };
    let candidates = shallowest..=super::candidates::BOLD_RANK;
    // A list of talks (three or more items naming their speakers) outnumbering the
    // headings around it: its items are the sessions, the headings its sections.
    let bullets = counts[usize::from(super::candidates::BULLET_RANK)];
    let headings: usize = candidates.clone().map(|r| counts[r as usize]).sum();
    if bullets >= 3 && bullets > 2 * headings {
        return vec![super::candidates::BULLET_RANK];
    }
    candidates
        .clone()
        .find(|&r| counts[r as usize] >= 2)
        // A lone bold line is emphasis more often than a session.
        .or_else(|| {
            candidates
                .clone()
                .find(|&r| counts[r as usize] >= 1 && r < super::candidates::BOLD_RANK)
        })
        // Bullets in bold are sessions only where nothing else could be, and repeat.
        .or_else(|| {
            let bullets = counts[usize::from(super::candidates::BULLET_RANK)];
            (bullets >= 2).then_some(super::candidates::BULLET_RANK)
        })
        // Headings below the stamps of a live blog are parts of an update.
        .filter(|r| stamp_ranks.iter().all(|s| s >= r))
        .map(|r| vec![r])
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "convention_tests.rs"]
mod tests;
