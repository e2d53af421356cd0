//! What stands under a session's title line: a speaker line (or two), a speaker
//! heading, or the talk's topic as a heading when the title was a person; and whether
//! the whole file is one talk.

use super::body::{Await, Body, unique_anchor};
use super::candidates::Cand;
use super::convention::{self, Convention};
use super::names::{self, Strength};
use super::{speakers, text, titles};

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
            // Speakers named on the title line are not looked for again below it.
            Cand::Text if first && !session.speakers.is_empty() => false,
            Cand::Text => {
                let Some(read) = speakers::read_line(line, !first) else {
                    return false;
                };
                if !first && session.speaker_line.is_none() {
                    return false;
                }
                session.speakers.extend(read.speakers);
                session.subtitle = read.subtitle;
                session.speaker_lines.push(no);
                session.speaker_line = Some(match session.speaker_line.take() {
                    Some(before) if !first => format!("{before}\n{}", read.shown),
                    _ => read.shown,
                });
                *wait = if first { Await::Second } else { Await::Nothing };
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
        let next =
            (i + 1..lines.len()).find(|&j| !matches!(cands[j], Cand::Blank | Cand::Underline));
        let below = next.is_some_and(|j| {
            matches!(cands[j], Cand::Text) && speakers::read_line(lines[j].1, true).is_some()
        });
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
        let next =
            (i + 1..lines.len()).find(|&j| !matches!(cands[j], Cand::Blank | Cand::Underline));
        next.is_some_and(|j| {
            // A byline (`by Ada`) names the writer more often than a speaker.
            matches!(cands[j], Cand::Text)
                && !lines[j].1.trim_start().to_lowercase().starts_with("by ")
                && speakers::read_line(lines[j].1, true).is_some()
        })
    };
    speaker_after(title)
        && !cands
            .iter()
            .enumerate()
            .any(|(i, c)| i != title && matches!(c, Cand::Heading { .. }) && speaker_after(i))
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
