//! What stands under a session's title line: a speaker line (or two), a speaker
//! heading, or the talk's topic as a heading when the title was a person; and whether
//! the whole file is one talk.

use super::body::{Await, Body, unique_anchor};
use super::candidates::{BOLD_RANK, Cand};
use super::convention::{self, Convention};
use super::names::{self, Strength};
use super::{speaker_shapes, speakers, text, titles};
use crate::model::Kind;

impl Body<'_> {
    /// Reads the line after a title (or a speaker line) as speakers, a speaker heading
    /// or a topic heading; false if it is notes.
    pub(super) fn speaker(
        &mut self,
        s: usize,
        cand: &Cand<'_>,
        line: &str,
        first: bool,
        wait: &mut Await,
        no: usize,
    ) -> bool {
        let name_first = self.name_first.get(s).copied().unwrap_or(false);
        let session = &mut self.sessions[s];
        match cand {
            // `**Topic Facilitator(s)**:` alone: the names are on the next line.
            Cand::Text if first && speakers::bare_label(line) => {
                *wait = Await::Speaker;
                false
            }
            // `*12:00, Room 2*` under an untimed heading: the session's time; the line
            // stays in the notes (it names the room), and the speaker line may follow.
            Cand::Text if first && session.time.is_none() && time_line(line).is_some() => {
                if let Some((time, end)) = time_line(line) {
                    session.time = Some(time);
                    session.end_time = end;
                }
                *wait = Await::Speaker;
                false
            }
            // `## Ada Lovelace (Example Labs)` then the talk's title on the next line.
            Cand::Text
                if first
                    && name_first
                    && session.speaker_line.as_deref() == Some(session.title.as_str())
                    && session.body.trim().is_empty()
                    && is_topic(line)
                    // A line that repeats the person says nothing new.
                    && !titles::plain(line)
                        .split_whitespace()
                        .filter(|w| w.chars().any(char::is_alphanumeric))
                        .all(|w| session.title.contains(w))
                    && speakers::read_line(line, true).is_none() =>
            {
                session.title = titles::plain(line);
                session.kind = text::kind(line);
                self.anchors.remove(&session.anchor);
                session.anchor = unique_anchor(&mut self.anchors, session.time, &session.title);
                true
            }
            // `## Ada Lovelace` then `* Talk: The talk's title`: a title label.
            Cand::Text
                if first
                    && (name_first
                        || session.speaker_line.as_deref() == Some(session.title.as_str()))
                    && only_handles(&session.body)
                    && title_label(line).is_some() =>
            {
                let Some(title) = title_label(line) else {
                    return false;
                };
                let role = std::mem::replace(&mut session.title, title);
                if session.speakers.is_empty() {
                    session.speakers = speakers::split(&role);
                }
                session.speaker_line.get_or_insert_with(|| role.clone());
                // The heading as written keeps the words the title no longer has; the
                // label line stays in the notes when its label is not among them.
                let label = bullet_text(line)
                    .replace(['*', '_'], "")
                    .split(':')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_lowercase();
                let shown = session.written.as_deref().unwrap_or(&role).to_lowercase();
                let consumed = shown.contains(&label);
                session.written.get_or_insert(role);
                self.anchors.remove(&session.anchor);
                session.anchor = unique_anchor(&mut self.anchors, session.time, &session.title);
                consumed
            }
            // `Keynote: Ada Lovelace` then `* The Talk's Title` in title case: the title.
            Cand::Text
                if first
                    && name_first
                    && titles::has_format_head(&session.title)
                    && session.body.trim().is_empty()
                    && title_cased_item(line).is_some() =>
            {
                let Some(title) = title_cased_item(line) else {
                    return false;
                };
                // The heading said what kind of session it is (`Keynote`).
                let role = std::mem::replace(&mut session.title, title);
                session.written.get_or_insert(role);
                self.anchors.remove(&session.anchor);
                session.anchor = unique_anchor(&mut self.anchors, session.time, &session.title);
                true
            }
            // `Keynote: Ada Lovelace` or `## Ada Lovelace` then `* @ada`: the person's
            // handle stays in the notes, and the talk's title may still come (`* Title:
            // ...`). Under any title, `* @ada` then `Ada Lovelace`: the speaker line may
            // still come.
            Cand::Text
                if first
                    && session.body.trim().is_empty()
                    && names::is_handle(bullet_text(line))
                    && (name_first
                        || (session.speakers.is_empty()
                            && speakers::read_line(line, false).is_none())) =>
            {
                *wait = Await::Speaker;
                false
            }
            // `A talk by Ada Lovelace given at...`: the speaker; the sentence stays in
            // the notes.
            Cand::Text if first && session.speakers.is_empty() && byline(line).is_some() => {
                if let Some(name) = byline(line) {
                    session.speakers = speakers::split(&name);
                }
                false
            }
            // `[Title](url) _by_` then `[_Ada Lovelace_](url) - a tour of engines`: the
            // names wrapped onto the next line; the line stays in the notes.
            Cand::Text
                if first
                    && session.speakers.is_empty()
                    && (session
                        .written
                        .as_deref()
                        .and_then(titles::dangling_by)
                        .is_some()
                        || by_first(line).is_some())
                    && wrapped_names(line).is_some() =>
            {
                if let Some(people) = wrapped_names(line) {
                    session.speakers = people;
                }
                false
            }
            // Speakers named on the title line are not looked for again below it.
            Cand::Text if first && !session.speakers.is_empty() => false,
            // `(Lovelace & Turing)` where the file names its speakers in parentheses.
            Cand::Text
                if first
                    && self.paren_people
                    && let Some(people) = speaker_shapes::parenthesised_people(line) =>
            {
                session.speakers.extend(people);
                session.speaker_lines.push(no);
                session.speaker_line = Some(line.trim().to_string());
                *wait = Await::Second;
                true
            }
            Cand::Text => {
                let Some(read) = speakers::read_line(line, !first) else {
                    return false;
                };
                if !first && session.speaker_line.is_none() {
                    return false;
                }
                // `@ada` then `Ada Lovelace`, or the other way round: the handles are the
                // people's own, not more people; both lines stay shown.
                let handles = |people: &[crate::model::Speaker]| {
                    people.iter().all(|sp| names::is_handle(&sp.name))
                };
                if first || handles(&session.speakers) == handles(&read.speakers) {
                    session.speakers.extend(read.speakers);
                } else if handles(&session.speakers) {
                    session.speakers = read.speakers;
                }
                session.subtitle = read.subtitle;
                session.speaker_lines.push(no);
                session.speaker_line = Some(match session.speaker_line.take() {
                    Some(before) if !first => format!("{before}\n{}", read.shown),
                    _ => read.shown,
                });
                *wait = if first { Await::Second } else { Await::Nothing };
                true
            }
            // `### Title` then `**Ada Lovelace (Example Labs)**`.
            Cand::Heading {
                rank: BOLD_RANK,
                text,
            } if first && session.speakers.is_empty() && bold_people(text).is_some() => {
                if let Some((people, shown)) = bold_people(text) {
                    session.speakers = people;
                    session.speaker_line = Some(shown);
                    session.speaker_lines.push(no);
                    // A time line may follow (`*12:00, Room 2*`).
                    *wait = Await::Speaker;
                }
                true
            }
            Cand::Heading { text, .. } if first && !convention::is_aside(text) => {
                let plain = titles::plain(text);
                if session.speakers.is_empty() && names::person(text) >= Strength::Shape {
                    // `# Title` then `## Name`.
                    session.speakers = speakers::split(&plain);
                    session.speaker_line = Some(plain);
                    session.speaker_lines.push(no);
                    return true;
                }
                if session.speakers.is_empty()
                    && let Some(read) = speakers::read_line(text, true)
                {
                    // `# Title` then `## Speaker: Name`.
                    session.speakers = read.speakers;
                    session.speaker_line = Some(read.shown);
                    session.speaker_lines.push(no);
                    return true;
                }
                // A topic has words, is not another person, and comes right under the
                // title (not past a picture or a link, which went to the notes).
                if session.time.is_some()
                    || !session.body.trim().is_empty()
                    || !plain.chars().any(char::is_alphabetic)
                    || names::person(text) >= Strength::Shape
                    || speakers::read_line(text, true).is_some()
                {
                    return false;
                }
                if session.speakers.is_empty() && names::person(&session.title) >= Strength::Shape {
                    // `## Name` then `### The talk's topic`.
                    session.speakers = speakers::split(&session.title);
                    session.speaker_line = Some(std::mem::take(&mut session.title));
                    session.speaker_lines.push(session.line);
                } else if name_first {
                    // `## Name - Role - Org` then `### The talk's topic`.
                    let role = std::mem::take(&mut session.title);
                    if titles::has_format_head(&role) {
                        // `Keynote: Ada Lovelace` then `### The talk's topic`.
                        session.title = titles::plain(titles::strip_enumerator(text));
                        self.anchors.remove(&session.anchor);
                        session.anchor = unique_anchor(&mut self.anchors, None, &session.title);
                        return true;
                    }
                    if Some(&role) != session.speaker_line.as_ref()
                        && let Some(sp) = session.speakers.first_mut()
                    {
                        sp.affiliation.get_or_insert(role);
                    }
                } else {
                    return false;
                }
                session.title = titles::plain(titles::strip_enumerator(text));
                session.kind = text::kind(text);
                self.anchors.remove(&session.anchor);
                session.anchor = unique_anchor(&mut self.anchors, None, &session.title);
                true
            }
            _ => false,
        }
    }
}

/// The heading rank whose headings name speakers most often (a speaker line under
/// them, or speakers on the heading itself), when it is not the rank the headings'
/// count chose: `## Morning` over `### Talk` + `Ada Lovelace` makes the talks rank 3.
pub(super) fn rank_by_speakers(
    lines: &[(usize, &str)],
    cands: &[Cand<'_>],
    conv: &Convention,
) -> Option<u8> {
    if conv.timed > 0 || conv.session_ranks.len() != 1 {
        return None;
    }
    let mut with_speakers = [0usize; 9];
    for (i, c) in cands.iter().enumerate() {
        let Cand::Heading { rank, text } = c else {
            continue;
        };
        if Some(i) == conv.title_line || convention::is_aside(text) {
            continue;
        }
        // A line in bold that is only people, right under a heading, is that
        // heading's speaker line, not a heading of its own.
        if *rank == BOLD_RANK && under_heading(cands, i) && bold_people(text).is_some() {
            continue;
        }
        let below = speakers_below(lines, cands, i);
        if below || !titles::read(text, conv.side).speakers.is_empty() {
            with_speakers[usize::from(*rank).min(8)] += 1;
        }
    }
    let current = usize::from(conv.session_ranks[0]).min(8);
    let (best, &n) = with_speakers
        .iter()
        .enumerate()
        .max_by_key(|&(r, n)| (*n, std::cmp::Reverse(r)))?;
    (best != current && n >= 2 && n > with_speakers[current]).then_some(best as u8)
}

/// Headings of another rank than the sessions' with a speaker line right under them,
/// in a file whose sessions are headings with speaker lines: sessions too. A writer
/// who puts `## Talk` and `### Talk` each over its speaker means a talk by both. So
/// are deeper headings that name a known person (`## Ada Lovelace - Role - Org`; a name's shape where the file's
/// convention places people) in a file whose session headings name their speakers.
pub(super) fn spoken_headings(
    lines: &[(usize, &str)],
    cands: &[Cand<'_>],
    conv: &Convention,
) -> Vec<usize> {
    if conv.timed > 0 || conv.session_ranks.len() != 1 {
        return Vec::new();
    }
    let day_rank = cands
        .iter()
        .filter_map(|c| match c {
            Cand::Day { rank: Some(r), .. } => Some(*r),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let spoken = |i: usize| {
        speakers_below(lines, cands, i)
            || (conv.paren_people()
                && next_line(lines, cands, i).is_some_and(|j| {
                    matches!(cands[j], Cand::Text)
                        && speaker_shapes::parenthesised_people(lines[j].1).is_some()
                }))
    };
    let heads: Vec<(usize, u8)> = cands
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c {
            Cand::Heading { rank, text }
                if Some(i) != conv.title_line
                    && *rank < BOLD_RANK
                    && *rank > day_rank
                    && !convention::is_aside(text)
                    && !convention::is_part(text) =>
            {
                Some((i, *rank))
            }
            _ => None,
        })
        .collect();
    // A heading that is a person (`## Ada Lovelace - Chief Architect - Example`), by
    // a known name or the file's convention.
    let named = |i: usize| match cands[i] {
        Cand::Heading { text, .. } => {
            let read = titles::read(text, conv.side);
            !read.speakers.is_empty()
                && read.speakers.iter().all(|sp| {
                    let strength = names::person(&sp.name);
                    strength == Strength::Known
                        || (conv.side.is_some() && strength >= Strength::Shape)
                })
        }
        _ => false,
    };
    let r = conv.session_ranks[0];
    // `### Lightning Talks` beside `####` talks: a heading above the session rank that
    // names a session's format, with no talk heading under it, is a session too.
    let format = |i: usize, k: u8| {
        let Cand::Heading { text: t, .. } = cands[i] else {
            return false;
        };
        k < r
            && matches!(
                text::kind(t),
                Kind::Keynote | Kind::Panel | Kind::Workshop | Kind::Lightning
            )
            && !heads
                .iter()
                .filter(|&&(j, _)| j > i)
                .take_while(|&&(_, kj)| kj > k)
                .any(|&(_, kj)| kj == r)
    };
    let at_rank = heads.iter().filter(|(i, k)| *k == r && spoken(*i)).count();
    let named_at_rank = heads.iter().filter(|(i, k)| *k == r && named(*i)).count();
    if at_rank < 2 && named_at_rank < 2 {
        return heads
            .iter()
            .filter(|&&(i, k)| !conv.groups.contains(&i) && format(i, k))
            .map(|&(i, _)| i)
            .collect();
    }
    let by_lines = at_rank >= 2;
    // Where the file names its speakers under its headings, a name's shape there will
    // do at another rank too (`**Jos Boumans (Krux), Bruce Wong (Twilio)**`).
    let spoken_by_shape = |i: usize| {
        next_line(lines, cands, i).is_some_and(|j| {
            let text = match cands[j] {
                Cand::Text => lines[j].1,
                Cand::Heading {
                    rank: BOLD_RANK,
                    text,
                } => text,
                _ => return false,
            };
            speakers::read_line(text, false).is_some_and(|read| {
                read.speakers
                    .iter()
                    .all(|sp| names::person(&sp.name) >= Strength::Shape)
            })
        })
    };
    heads
        .iter()
        .copied()
        .filter(|&(i, k)| {
            k != r
                && !conv.groups.contains(&i)
                && ((by_lines && (spoken(i) || spoken_by_shape(i)))
                    || (named_at_rank >= 2 && k > r && named(i))
                    || format(i, k))
        })
        .map(|(i, _)| i)
        .collect()
}

/// `# Talk title`, prose, then `## Ada Lovelace`: where every heading of the session
/// rank is a person standing under a talk heading one rank above (one person to a
/// talk, past prose or links), the talks are the sessions and the people their
/// speakers. Returns (talk headings, person headings), or None.
pub(super) fn talks_over_people(
    cands: &[Cand<'_>],
    conv: &Convention,
) -> Option<(Vec<usize>, Vec<usize>)> {
    let [r] = conv.session_ranks[..] else {
        return None;
    };
    if conv.timed > 0 || !(2..BOLD_RANK).contains(&r) {
        return None;
    }
    let person = |text: &str| {
        names::person(&titles::plain(text)) >= Strength::Shape
            || titles::read(text, conv.side).why == Some(titles::PERSON_TITLE)
    };
    let (mut talks, mut people) = (Vec::new(), Vec::new());
    for (i, c) in cands.iter().enumerate() {
        let Cand::Heading { rank, text } = c else {
            continue;
        };
        if *rank != r || Some(i) == conv.title_line || convention::is_aside(text) {
            continue;
        }
        if !person(text) {
            return None;
        }
        // The nearest shallower heading above: a talk one rank up, with no other
        // person under it.
        let (t, above) = cands[..i]
            .iter()
            .enumerate()
            .rev()
            .find(|(_, c)| c.rank().is_some_and(|k| k < r))?;
        if above.rank() != Some(r - 1)
            || !matches!(above, Cand::Heading { .. })
            || talks.last() == Some(&t)
            || Some(t) == conv.title_line
        {
            return None;
        }
        talks.push(t);
        people.push(i);
    }
    (people.len() >= 2).then_some((talks, people))
}

/// Whether the headings that would start sessions are the sections of an essay:
/// without time lines, two thirds or more of them written as sentences or questions
/// (`¿Qué es una PyData?`, `Objetivos cumplidos.`), and none naming a speaker, on
/// the heading or on a speaker line under it. Returns (sentences, headings).
pub(super) fn essay(
    lines: &[(usize, &str)],
    cands: &[Cand<'_>],
    conv: &Convention,
) -> Option<(usize, usize)> {
    if conv.timed > 0 || conv.stamps > 0 || conv.session_ranks.is_empty() {
        return None;
    }
    let mut heads = 0;
    let mut sentences = 0;
    for (i, c) in cands.iter().enumerate() {
        let Cand::Heading { rank, text } = c else {
            continue;
        };
        if !conv.session_ranks.contains(rank)
            || Some(i) == conv.title_line
            || convention::is_aside(text)
        {
            continue;
        }
        let spoken = speakers_below(lines, cands, i);
        if spoken || !titles::read(text, conv.side).speakers.is_empty() {
            return None;
        }
        heads += 1;
        let plain = titles::plain(text);
        let plain = plain.trim();
        if plain.ends_with(['.', '?', '!', '…']) || plain.starts_with(['¿', '¡']) {
            sentences += 1;
        }
    }
    (heads >= 3 && 3 * sentences >= 2 * heads).then_some((sentences, heads))
}

/// Whether the file is one talk: no time lines, its title heading followed by a
/// speaker line with a known name, and no other heading followed by one.
pub(super) fn one_talk(lines: &[(usize, &str)], cands: &[Cand<'_>], conv: &Convention) -> bool {
    let Some(title) = conv.title_line else {
        return false;
    };
    if conv.timed > 0 || conv.stamps > 0 {
        return false;
    }
    let speaker_after = |i: usize| {
        next_line(lines, cands, i).is_some_and(|j| {
            // A byline (`by Ada`) names the writer more often than a speaker.
            matches!(cands[j], Cand::Text)
                && !lines[j].1.trim_start().to_lowercase().starts_with("by ")
                && speakers::read_line(lines[j].1, true).is_some()
        })
    };
    // `# "Loop Better" by Ada Lovelace`, or the title and then `A talk by Ada
    // Lovelace given at...`.
    let named_on = |i: usize| match cands[i] {
        Cand::Heading { text, .. } => !titles::read(text, None).speakers.is_empty(),
        _ => false,
    };
    let byline_after = |i: usize| {
        (i + 1..lines.len())
            .find(|&j| !matches!(cands[j], Cand::Blank | Cand::Underline))
            .is_some_and(|j| matches!(cands[j], Cand::Text) && byline(lines[j].1).is_some())
    };
    (speaker_after(title) || named_on(title) || byline_after(title))
        && !cands.iter().enumerate().any(|(i, c)| {
            i != title && matches!(c, Cand::Heading { .. }) && (speaker_after(i) || named_on(i))
        })
}

/// `A talk by Ada Lovelace given at...`, `Presented by Ada Lovelace.`: a sentence
/// naming the speaker of the talk the file is about; the known name it gives.
pub(super) fn byline(line: &str) -> Option<String> {
    let t = line.trim();
    let lower = t.to_lowercase();
    let at = [
        "a talk by ",
        "talk by ",
        "a keynote by ",
        "keynote by ",
        "a presentation by ",
        "presented by ",
        "given by ",
        "ein vortrag von ",
        "vortrag von ",
        "une conférence de ",
        "présenté par ",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then_some(p.len()))?;
    if !t.is_char_boundary(at) {
        return None;
    }
    // The name: the capitalised words after the label, up to the first other word.
    let mut words: Vec<&str> = Vec::new();
    for w in t[at..].split_whitespace() {
        if !w.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        words.push(w);
        // `Ada Lovelace, Example Labs`: the name ends at the comma.
        if w.ends_with([',', ';', ':', '.']) {
            break;
        }
    }
    let name = words.join(" ");
    let name = name.trim_end_matches(['.', ',', ';', ':']);
    (names::person(name) == Strength::Known).then(|| name.to_string())
}

/// Whether the file has a title heading and nothing else that starts a session: it is
/// the notes of one talk, under that title.
pub(super) fn only_a_title(lines: &[(usize, &str)], cands: &[Cand<'_>], conv: &Convention) -> bool {
    let Some(title) = conv.title_line else {
        return false;
    };
    // A title with words, and notes with words under it.
    let words = |t: &str| t.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    words(lines[title].1)
        && lines[title + 1..]
            .iter()
            .zip(&cands[title + 1..])
            .any(|((_, l), c)| matches!(c, Cand::Text) && words(l))
        && conv.timed == 0
        && conv.stamps == 0
        && conv.panel.is_none()
        && conv.session_ranks.is_empty()
        && !cands.iter().any(|c| matches!(c, Cand::Day { .. }))
}

/// `*12:00, Room 2*`, `_10:30-11:00_`: a time (and end) in emphasis, alone on a line
/// under a heading.
fn time_line(line: &str) -> Option<(crate::model::Clock, Option<crate::model::Clock>)> {
    let t = line.trim();
    let inner = ["**", "__", "*", "_"]
        .iter()
        .find_map(|m| t.strip_prefix(m)?.strip_suffix(m))?;
    let marker = super::times::time_marker(inner.trim()).or_else(|| {
        // A time alone: give it a title to parse.
        super::times::time_marker(&format!("{} x", inner.trim()))
    })?;
    Some((marker.time, marker.end))
}

/// A line that reads as a talk's title: a few words, not a sentence, a list item, a
/// quote, a link or a label.
fn is_topic(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    let bare = t.trim_start_matches(['*', '_']);
    (1..=14).contains(&words)
        && bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !t.ends_with(['.', ':', ';', ','])
        && !t.starts_with(['-', '+', '>', '|', '[', '!', '<', '`', '(', '@'])
        && !t.starts_with("* ")
        && !t.contains("://")
}

/// The first line after line `i` that is neither blank nor an underline.
fn next_line(lines: &[(usize, &str)], cands: &[Cand<'_>], i: usize) -> Option<usize> {
    (i + 1..lines.len()).find(|&j| !matches!(cands[j], Cand::Blank | Cand::Underline))
}

/// Whether the line after heading `i` names its speakers: a speaker line, or a line in
/// bold that is only people.
fn speakers_below(lines: &[(usize, &str)], cands: &[Cand<'_>], i: usize) -> bool {
    next_line(lines, cands, i).is_some_and(|j| match cands[j] {
        Cand::Text => speakers::read_line(lines[j].1, true).is_some(),
        Cand::Heading {
            rank: BOLD_RANK,
            text,
        } => bold_people(text).is_some(),
        _ => false,
    })
}

/// Lines wholly in parentheses right under a heading, and how many of them read as
/// people with a name's shape: the votes for [`Convention::paren_people`].
pub(super) fn paren_votes(lines: &[(usize, &str)], cands: &[Cand<'_>]) -> (usize, usize) {
    let (mut named, mut of) = (0, 0);
    for (i, c) in cands.iter().enumerate() {
        if !matches!(c, Cand::Heading { rank, .. } if *rank < BOLD_RANK) {
            continue;
        }
        let Some(j) = next_line(lines, cands, i) else {
            continue;
        };
        let t = lines[j].1.trim();
        if !matches!(cands[j], Cand::Text) || !t.starts_with('(') || !t.ends_with(')') {
            continue;
        }
        // A remark in parentheses (`(afternoon talks not attended)`) casts no vote.
        let prose = t.split_whitespace().skip(1).any(|w| {
            w.starts_with(char::is_lowercase)
                && !["and", "und", "et", "&"].contains(&w)
                && !names::PARTICLES.contains(&w)
        });
        if prose {
            continue;
        }
        of += 1;
        let people = speakers::read_line(t, false).is_some_and(|read| {
            read.speakers.iter().any(|sp| {
                sp.name.contains(char::is_whitespace) && names::person(&sp.name) >= Strength::Shape
            })
        });
        if people {
            named += 1;
        }
    }
    (named, of)
}

/// The names opening a line that continues a title line ending in `by` (or that opens
/// with `by` itself), up to a description after a dash or a comma: `[_Ada
/// Lovelace_](url) - a tour of engines`. No-break spaces read as spaces.
fn wrapped_names(line: &str) -> Option<Vec<crate::model::Speaker>> {
    let spaced = line.trim().replace('\u{a0}', " ");
    let t = by_first(&spaced).unwrap_or(&spaced);
    let head = [" - ", " – ", " — ", ", "]
        .iter()
        .filter_map(|sep| t.find(sep))
        .min()
        .map_or(t, |at| &t[..at]);
    let people = speakers::split(&titles::plain(head));
    (!people.is_empty()
        && people
            .iter()
            .all(|sp| names::person(&sp.name) >= Strength::Shape))
    .then_some(people)
}

/// The rest of a line opening with `by` (`_by_ [_Ada_](url)`, `by Ada`), any emphasis
/// on the word kept off.
fn by_first(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["_by_", "*by*", "by"]
        .iter()
        .find_map(|m| t.strip_prefix(m))
        .filter(|rest| rest.starts_with(char::is_whitespace))
        .map(str::trim_start)
}

/// Whether the nearest non-blank line above `i` is a heading (of any rank but bold).
fn under_heading(cands: &[Cand<'_>], i: usize) -> bool {
    cands[..i]
        .iter()
        .rev()
        .find(|c| !matches!(c, Cand::Blank | Cand::Underline))
        .is_some_and(|c| c.rank().is_some_and(|r| r < BOLD_RANK))
}

/// A line in bold that names only people (`**Ada Lovelace (Example Labs)**`): the
/// speakers and the line as shown. Known given names only, or a name alone.
pub(super) fn bold_people(text: &str) -> Option<(Vec<crate::model::Speaker>, String)> {
    if let Some(read) = speakers::read_line(text, true) {
        return Some((read.speakers, read.shown));
    }
    let read = titles::read(text, None);
    (read.why == Some(titles::PERSON_TITLE)).then_some((read.speakers, read.title))
}

/// Words that label a talk's title on a line of its own.
const TITLE_LABELS: &[&str] = &[
    "talk",
    "title",
    "topic",
    "vortrag",
    "titel",
    "thema",
    "titre",
    "sujet",
    "título",
    "tema",
    "タイトル",
    "題目",
];

/// Notes that are empty or only the speaker's `@handle`: the title may still come.
fn only_handles(body: &str) -> bool {
    body.lines()
        .all(|l| l.trim().is_empty() || names::is_handle(bullet_text(l)))
}

/// A list item's text without its bullet.
fn bullet_text(line: &str) -> &str {
    let t = line.trim();
    t.strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t)
        .trim()
}

/// A list item that reads as a talk's title in title case: `* How Python Can Excel`, `Why You Should Pursue Public Speaking and How to Get There`: three words or
/// more, most of its longer words capitalised, no label, link or sentence end.
pub(super) fn title_cased_item(line: &str) -> Option<String> {
    let item = bullet_text(line);
    if item.len() == line.trim().len() {
        return None;
    }
    let text = titles::plain(item);
    let words: Vec<&str> = text.split_whitespace().collect();
    let long: Vec<&str> = words
        .iter()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let capitalised = long
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .count();
    let ok = (3..=16).contains(&words.len())
        && text.starts_with(|c: char| c.is_uppercase())
        && !text.ends_with(['.', ':', ';', ','])
        && !text.contains("://")
        && !words.iter().take(3).any(|w| w.ends_with(':'))
        && long.len() >= 2
        && 2 * capitalised >= long.len();
    ok.then_some(text)
}

/// `Talk: The title`, `* Title: The title`, `- **Topic:** The title`: the title, plain.
pub(super) fn title_label(line: &str) -> Option<String> {
    let t = line.trim();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .unwrap_or(t)
        .trim_start();
    let t = t.replace("**", "").replace("__", "");
    let (label, rest) = t.split_once(':')?;
    if !TITLE_LABELS.contains(&label.trim().to_lowercase().as_str()) {
        return None;
    }
    let title = titles::plain(rest.trim());
    (title.chars().filter(|c| c.is_alphabetic()).count() >= 2).then(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parenthesised_speaker_lines_vote_for_the_file() {
        use super::super::candidates::classify_all;
        for (text, want) in [
            (
                "# E\n## A\n(Erica Dubach)\n## B\n(Roth & Weber)\n## C\n(Jonas Brandt, Nina Roth)\n",
                (2, 3),
            ),
            // Asides in parentheses are no people; remarks cast no vote.
            ("# E\n## A\n(cancelled)\n## B\n(Keynote)\n", (0, 2)),
            (
                "# E\n## A\n(Erica Dubach)\n## B\n(Talks not attended)\n",
                (1, 1),
            ),
            // Only the line right under a heading counts.
            ("# E\n## A\ntext\n(Erica Dubach)\n", (0, 0)),
            // Only a plain line wholly in parentheses (a day in parentheses is a day,
            // words after the parenthesis make it no aside); a vote for people needs a
            // name's shape, not just two words (issue 20).
            ("# E\n## A\n(Monday 12 May 2025)\n", (0, 0)),
            ("# E\n## A\n(Erica Dubach) Example Labs\n", (0, 0)),
            ("# E\n## A\n(Example Labs)\n", (0, 1)),
        ] {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            assert_eq!(paren_votes(&lines, &classify_all(&lines)), want, "{text}");
        }
    }

    #[test]
    fn names_wrapped_onto_the_line_after_the_title() {
        let names = |line: &str| {
            wrapped_names(line).map(|p| p.into_iter().map(|s| s.name).collect::<Vec<_>>())
        };
        for (line, want) in [
            (
                "    [_Erica Dubach_](https://example.org/e) - the author of the loader",
                Some(vec!["Erica Dubach"]),
            ),
            (
                "_by_ [_Nina Roth_](https://example.org/n)\u{a0}- how disks fail",
                Some(vec!["Nina Roth"]),
            ),
            (
                "by Lea Keller and Jonas Brandt, on maps",
                Some(vec!["Lea Keller", "Jonas Brandt"]),
            ),
            ("by the way, it rained", None),
            ("the author of the loader - Erica", None),
        ] {
            assert_eq!(
                names(line),
                want.map(|w| w.into_iter().map(str::to_string).collect()),
                "{line}"
            );
        }
    }

    #[test]
    fn headings_at_another_rank_that_are_sessions() {
        use super::super::candidates::classify_all;
        use super::super::convention::infer;
        for (text, want) in [
            (
                "# E\n### Talks\n#### A\n#### B\n#### C\n### Lightning talks\n- x\n### Unconference\n- y\n",
                vec![5],
            ),
            // A format heading over talks groups them.
            ("# E\n### Workshops\n#### A\n#### B\n#### C\n", vec![]),
            (
                "# E\n### Talks\n#### A\n#### B\n#### C\n### Panel: open data\n- z\n",
                vec![5],
            ),
            // Where talks name their speakers below, a name's shape will do at another
            // rank.
            (
                "# E\n#### A\nErica Dubach\n#### B\nJonas Brandt\n### Chaos patterns\n**Aarno Aukia (Example, LLC)**\n### Notes\n- x\n",
                vec![5],
            ),
            // Issue 20, what the mutants showed untested: never in a file of time
            // lines;
            (
                "# E\n10:00 Opening\n#### A\nErica Dubach\n#### B\nJonas Brandt\n### Closing words\nNina Roth\n",
                vec![],
            ),
            // a heading with a speaker line at another rank is a session...
            (
                "# E\n#### A\nErica Dubach\n#### B\nJonas Brandt\n### Closing words\nNina Roth\n",
                vec![5],
            ),
            // ...but not at the rank of the days or above, nor the title, an aside or a
            // part of a talk;
            (
                "# E\n### Day 1\n#### A\nErica Dubach\n#### B\nJonas Brandt\n### Closing words\nNina Roth\n",
                vec![],
            ),
            (
                "# E\nErica Dubach\n#### A\nJonas Brandt\n#### B\nNina Roth\n### Links\nErica Dubach\n### Q&A\nJonas Brandt\n",
                vec![],
            ),
            // a format heading at the session rank is one of the sessions already.
            ("# E\n#### Lightning talks\n- x\n#### Parsing\n", vec![]),
            ("# E\n#### Keynote\n#### Parsing\n", vec![]),
            // Surnames in parentheses name people only where the file writes its
            // speakers so; a plain line under a heading is no speaker, even there.
            (
                "# E\n#### A\nErica Dubach\n#### B\nJonas Brandt\n### C\n(Roth & Weber)\n### D\n(Keynote)\n### F\n(Workshop)\n",
                vec![],
            ),
            (
                "# E\n#### A\n(Erica Dubach, Jonas Brandt)\n#### B\n(Nina Roth)\n### C\nSome notes here.\n",
                vec![],
            ),
            // A plain line with a name's shape, like a bold one.
            (
                "# E\n#### A\nErica Dubach\n#### B\nJonas Brandt\n### C\nAarno Aukia (Example, LLC)\n",
                vec![5],
            ),
            // A bold line is never one of these headings.
            (
                "# E\n#### A\nErica Dubach\n#### B\nJonas Brandt\n\nSome text.\n**Closing words**\nNina Roth\n",
                vec![],
            ),
            // Two talks with speakers at the session rank are needed, not two talks...
            (
                "# E\n#### A\n#### B\n### Closing words\nNina Roth\n",
                vec![],
            ),
            (
                "# E\n#### A\n#### B\n##### Parsing by Erica Dubach\n",
                vec![],
            ),
            // ...and three will do as well as two.
            (
                "# E\n#### A\nErica Dubach\n#### B\nJonas Brandt\n#### C\nLea Keller\n### Closing words\nNina Roth\n",
                vec![7],
            ),
            // Talks naming known people on the heading make a deeper heading naming a
            // known person a session; a name only of that shape needs the file's side.
            (
                "# E\n#### Parsing by Erica Dubach\n#### Storage by Jonas Brandt\n#### Search by Lea Keller\n##### Demos by Nina Roth\n##### Tools by Qorvin Talb\n",
                vec![4],
            ),
        ] {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            // The talks' rank, as the speaker lines under them make it in a file.
            let mut conv = infer(&cands);
            conv.session_ranks = vec![4];
            conv.paren_votes = paren_votes(&lines, &cands);
            assert_eq!(spoken_headings(&lines, &cands, &conv), want, "{text}");
        }
    }

    #[test]
    fn talk_headings_with_their_person_under_them() {
        use super::super::candidates::classify_all;
        use super::super::convention::infer;
        type Found = Option<(Vec<usize>, Vec<usize>)>;
        let more: [(&str, u8, usize, Found); 5] = [
            // Past an aside heading at the people's rank (issue 20).
            (
                "# Parsing notes\n## Links\n- x\n## Erica Dubach\n# Storage at scale\n## Nina Roth\n",
                2,
                0,
                Some((vec![0, 4], vec![3, 5])),
            ),
            // A person's heading with an affiliation.
            (
                "# Parsing notes\nText.\n## Erica Dubach (Example Labs)\n# Storage at scale\nMore.\n## Nina Roth (Example Labs)\n",
                2,
                0,
                Some((vec![0, 3], vec![2, 5])),
            ),
            // The talk is one rank up, not two.
            (
                "# Parsing notes\n### Erica Dubach\n# Storage at scale\n### Nina Roth\n",
                3,
                0,
                None,
            ),
            // One person to a talk, under a title or not.
            (
                "# Parsing notes\n## Erica Dubach\n# Storage at scale\n## Nina Roth\n## Jonas Brandt\n",
                2,
                0,
                None,
            ),
            // Never in a file of time lines.
            (
                "# Parsing notes\nErica gave a talk.\n## Erica Dubach\n# Storage at scale\nMore.\n## Nina Roth\n",
                2,
                1,
                None,
            ),
        ];
        for (text, rank, timed, want) in more {
            let edit = |c: &mut Convention| {
                c.session_ranks = vec![rank];
                c.timed = timed;
            };
            let got = with_file_as(text, edit, |_, cands, conv| talks_over_people(cands, conv));
            assert_eq!(got, want, "{text}");
        }
        for (text, want) in [
            (
                "# Parsing notes\nErica gave a talk.\n## Erica Dubach\n# Storage at scale\nMore.\n## Nina Roth\n# Event details\n",
                Some((vec![0, 3], vec![2, 5])),
            ),
            // Headings that are not all people are sections.
            (
                "# Parsing notes\n## Erica Dubach\n# Storage at scale\n## Tokens\n",
                None,
            ),
            // Two people under one heading are a panel's, not talks.
            ("# Panel\n## Erica Dubach\n## Nina Roth\n", None),
            // Not in a file of time lines (issue 20); a person under a day marker
            // stands under no talk.
            (
                "# Parsing notes\n## Erica Dubach\n# Storage at scale\n## Nina Roth\n10:00 Coffee\n",
                None,
            ),
            (
                "# Parsing notes\n## Erica Dubach\n# Monday, 12 May 2025\n## Nina Roth\n",
                None,
            ),
        ] {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let cands = classify_all(&lines);
            // The people's rank, as the speakers under the headings make it.
            let mut conv = infer(&cands);
            conv.session_ranks = vec![2];
            assert_eq!(talks_over_people(&cands, &conv), want, "{text}");
        }
    }

    #[test]
    fn bylines() {
        for (line, want) in [
            (
                "A talk by Jesse Noller given at PyCodeConf 2011.",
                Some("Jesse Noller"),
            ),
            ("Presented by Erica Dubach.", Some("Erica Dubach")),
            ("Vortrag von Anna Keller, Example Labs", Some("Anna Keller")),
            ("A talk by the team", None),
            ("Talking by the river", None),
        ] {
            assert_eq!(byline(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn title_labels() {
        for (line, want) in [
            ("* Talk: Database Jones", Some("Database Jones")),
            ("* タイトル: Getting Data Back", Some("Getting Data Back")),
            ("- Título: Datos abiertos", Some("Datos abiertos")),
            ("- **Title:** Parsing notes", Some("Parsing notes")),
            ("Vortrag: Freie Software", Some("Freie Software")),
            ("Thema: [Notizen](https://example.org)", Some("Notizen")),
            ("* Slides: https://example.org", None),
            ("* Talk:", None),
            ("We talk: a lot", None),
        ] {
            assert_eq!(title_label(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn titles_in_title_case() {
        for (line, want) in [
            ("* How Python Can Excel", Some("How Python Can Excel")),
            (
                "- Why You Should Pursue Public Speaking and How to Get There",
                Some("Why You Should Pursue Public Speaking and How to Get There"),
            ),
            ("* Survata: Data science company", None),
            ("* we talked about the weather today", None),
            ("* Slides at https://example.org/Slides", None),
            ("* He Said It.", None),
            ("Magenta - AI Music", None),
            ("* Two Words", None),
            // Most of the longer words capitalised (issue 20): half is enough, short
            // words do not count.
            (
                "* Parsing Notes Everyone since tables without",
                Some("Parsing Notes Everyone since tables without"),
            ),
            ("* A small and quiet day", None),
            ("* The Art of writing parsers today", None),
        ] {
            assert_eq!(title_cased_item(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn people_in_bold() {
        for (text, want) in [
            ("Erica Dubach (Example Labs)", Some(vec!["Erica Dubach"])),
            ("Nina Roth", Some(vec!["Nina Roth"])),
            ("Key Points", None),
            ("Q&A", None),
        ] {
            let got =
                bold_people(text).map(|(p, _)| p.into_iter().map(|s| s.name).collect::<Vec<_>>());
            assert_eq!(
                got,
                want.map(|w| w.into_iter().map(String::from).collect()),
                "{text}"
            );
        }
    }

    /// A file's lines, candidates and convention, handed to `f`.
    fn with_file<T>(
        text: &str,
        f: impl FnOnce(&[(usize, &str)], &[Cand<'_>], &Convention) -> T,
    ) -> T {
        with_file_as(text, |_| {}, f)
    }

    /// As [`with_file`], the convention changed by `edit` first.
    fn with_file_as<T>(
        text: &str,
        edit: impl FnOnce(&mut Convention),
        f: impl FnOnce(&[(usize, &str)], &[Cand<'_>], &Convention) -> T,
    ) -> T {
        let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
        let cands = super::super::candidates::classify_all(&lines);
        let mut conv = super::super::convention::infer(&cands);
        edit(&mut conv);
        f(&lines, &cands, &conv)
    }

    /// An essay: three or more session headings, two thirds of them sentences or
    /// questions, none naming a speaker, no time lines; asides and deeper headings not
    /// counted (issue 20: `essay`'s rules untested).
    #[test]
    fn headings_written_as_sentences_make_an_essay() {
        for (text, want) in [
            (
                "# ¿Qué es esto?\n## Objetivos cumplidos.\n## ¿Por qué importa?\n## Lo que aprendimos.\n### Un detalle sin punto\n### Otro detalle\n## Links\n",
                Some((3, 3)),
            ),
            (
                "## Objetivos cumplidos.\n## ¿Por qué importa?\n## Lo que aprendimos\n",
                Some((2, 3)),
            ),
            (
                "## Objetivos cumplidos.\n## Por qué importa\n## Lo que aprendimos\n",
                None,
            ),
            (
                "## Objetivos cumplidos.\n## ¿Por qué importa?\n## Lo que aprendimos\n## Otra cosa\n",
                None,
            ),
            ("## Objetivos cumplidos.\n## ¿Por qué importa?\n", None),
            (
                "## Objetivos cumplidos.\n10:00 Café\n## ¿Por qué importa?\n## Lo que aprendimos.\n",
                None,
            ),
            (
                "## Objetivos cumplidos.\n**9:37AM**\n## ¿Por qué importa?\n## Lo que aprendimos.\n",
                None,
            ),
            (
                "## Objetivos cumplidos.\nErica Dubach\n## ¿Por qué importa?\n## Lo que aprendimos.\n",
                None,
            ),
        ] {
            assert_eq!(with_file(text, essay), want, "{text}");
        }
    }

    /// One talk: the title heading, its speaker under it, on it or in a byline after
    /// it; no time lines; no other heading with a speaker (issue 20).
    #[test]
    fn one_talk_is_a_title_with_its_speaker() {
        for (text, want) in [
            (
                "# Parsing notes\nErica Dubach\n\nNotes here.\n## Details\nMore.\n",
                true,
            ),
            ("# Parsing notes by Erica Dubach\n\nNotes here.\n", true),
            (
                "# Parsing notes\n\nA talk by Erica Dubach given at the meetup.\n\nNotes.\n",
                true,
            ),
            ("# Parsing notes\n\nby Erica Dubach\n\nNotes.\n", false),
            // A byline that is no speaker line.
            (
                "# Notizen zum Parsen\nVortrag von Anna Keller, Example Labs\n\nNotizen.\n",
                true,
            ),
            ("# Parsing notes\nErica Dubach\n\n10:00 Start\n", false),
            (
                "# Parsing notes\nErica Dubach\n\n**9:37AM**\nLive.\n",
                false,
            ),
            (
                "# Parsing notes\nErica Dubach\n## Storage\nNina Roth\n",
                false,
            ),
            (
                "# Parsing notes\nErica Dubach\n## Storage by Nina Roth\n",
                false,
            ),
            ("## Parsing notes\nErica Dubach\n", false),
        ] {
            assert_eq!(with_file(text, one_talk), want, "{text}");
        }
    }

    /// Only a title: a title heading of three letters or more over notes with words,
    /// and nothing else that starts a session (issue 20).
    #[test]
    fn only_a_title_over_notes_with_words() {
        for (text, want) in [
            ("# Parsing notes\n\nWe parsed.\n", true),
            ("# Parsing notes\n\n12 34\n", false),
            ("# Ab\n\nWe parsed.\n", false),
            ("# Parsing notes\n\nWe parsed.\n10:00 Start\n", false),
            (
                "# Parsing notes\n\nWe parsed.\n## Storage\n## Search\n",
                false,
            ),
        ] {
            assert_eq!(with_file(text, only_a_title), want, "{text}");
        }
    }

    /// The nearest line above that is not blank is a heading, not a bold line; notes
    /// that are only handles still wait for the title (issue 20).
    #[test]
    fn under_a_heading_and_only_handles() {
        let text = "## Parsing notes\n\nfirst\n**Bold**\nsecond\n## Storage\n\n\nthird\n";
        let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
        let cands = super::super::candidates::classify_all(&lines);
        let under: Vec<usize> = (0..cands.len())
            .filter(|&i| under_heading(&cands, i))
            .collect();
        assert_eq!(under, [1, 2, 6, 7, 8]);
        assert!(only_handles(""));
        assert!(only_handles("* @erica\n\n- @jonas\n"));
        assert!(!only_handles("* @erica\nNotes.\n"));
        assert!(!only_handles("Notes.\n"));
    }

    /// The rank whose headings name speakers most often wins over the rank the count
    /// of headings chose, with two or more such headings and more than at that rank;
    /// never in a file of time lines (issue 20).
    #[test]
    fn the_rank_whose_headings_have_speakers() {
        for (text, want) in [
            (
                "# Conf\n## Morning\n### Parsing notes\nErica Dubach\n### Storage\nJonas Brandt\n## Afternoon\n### Search\nNina Roth\n",
                Some(3),
            ),
            (
                "# Conf\n## Morning\n### Parsing notes\nErica Dubach\n### Storage\n## Afternoon\n### Search\n",
                None,
            ),
            (
                "# Conf\n## Morning\n### Parsing notes\nErica Dubach\n### Storage\nJonas Brandt\n## Afternoon\n10:00 Coffee\n",
                None,
            ),
            (
                "# Conf\n## Parsing notes\nErica Dubach\n## Storage\nJonas Brandt\n### Details\n",
                None,
            ),
            // Issue 20: what counts as a heading with speakers. An aside with a name
            // under it does not; a person's heading does; a bold line of people right
            // under a heading is that heading's speaker line, not a heading of its own.
            (
                "# Conf\n## Morning\n### Notes\nErica Dubach\n### Storage\nJonas Brandt\n## Afternoon\n### Search\n",
                None,
            ),
            (
                "# Conf\n## Morning\n### Erica Dubach\n### Jonas Brandt\n## Afternoon\n### Search\n",
                Some(3),
            ),
            (
                "# Conf\n## Morning\n### Parsing\n**Erica Dubach**\n### Storage\n**Jonas Brandt**\n## Afternoon\n### Search\n",
                Some(3),
            ),
        ] {
            assert_eq!(with_file(text, rank_by_speakers), want, "{text}");
        }
        // As many at the sessions' rank as at another keeps the sessions' rank; a bold
        // line with its speaker under it counts at the bold rank; time lines keep the
        // sessions' rank.
        let level =
            "# Conf\n## A\nErica Dubach\n## B\nJonas Brandt\n### C\nNina Roth\n### D\nLea Keller\n";
        let at_3 = |c: &mut Convention| c.session_ranks = vec![3];
        assert_eq!(with_file_as(level, at_3, rank_by_speakers), None);
        let bold = "# Conf\n## Morning\n### Parsing\nx\n**Parsing notes**\nErica Dubach\n\nx\n**Storage**\nJonas Brandt\n";
        assert_eq!(with_file_as(bold, at_3, rank_by_speakers), Some(BOLD_RANK));
        let talks = "# Conf\n## Morning\n### Parsing notes\nErica Dubach\n### Storage\nJonas Brandt\n## Afternoon\n### Search\nNina Roth\n";
        assert_eq!(with_file(talks, rank_by_speakers), Some(3));
        let timed = |c: &mut Convention| c.timed = 1;
        assert_eq!(with_file_as(talks, timed, rank_by_speakers), None);
    }
}
