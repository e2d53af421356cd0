//! The live-blog markers: short signs a writer types on a phone to say more about an
//! entry than its time and text (`docs/notes-format.md`, "Live-blog markers").
//!
//! In front of a time stamp, before the loader reads the line:
//! `!` a key moment, `!!` or `📌` pinned, `@mk` who wrote it, and `~~…~~` around the
//! whole marker line cancelled. In a title: `Cancelled:` / `(cancelled)` and
//! `(moved from 14:00)`. In the notes: `Update 14:32:` and `Correction:` lines.
//! The markers in front are taken off the line only when what remains starts a
//! session; otherwise the line is read as written, so no character is lost.

use super::body::unique_anchor;
use crate::model::{Clock, Revision, RevisionKind, Session};
use std::collections::{HashMap, HashSet};

/// What was in front of a stamp, and the line without it.
#[derive(Debug, Clone, PartialEq)]
pub struct Prefix {
    pub rest: String,
    pub key_moment: bool,
    pub pinned: bool,
    pub cancelled: bool,
    pub author: Option<String>,
}

/// The lines that carry markers in front of something that may be a time stamp, by
/// line number.
pub fn prefixes(lines: &[(usize, &str)]) -> HashMap<usize, Prefix> {
    lines
        .iter()
        .filter_map(|&(no, line)| prefix(line).map(|p| (no, p)))
        .collect()
}

/// Reads the markers in front of one line: `! 14:32`, `!! [9:05] text`, `📌 18:02`,
/// `@mk 18:02`, `! @mk **[8:18]**`, `~~13:00 Title~~`, also after a heading's `## `.
pub fn prefix(line: &str) -> Option<Prefix> {
    let trimmed = line.trim_start();
    let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
    let (heading, mut rest) = if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        (&trimmed[..hashes + 1], trimmed[hashes + 1..].trim_start())
    } else {
        ("", trimmed)
    };
    let mut p = Prefix {
        rest: String::new(),
        key_moment: false,
        pinned: false,
        cancelled: false,
        author: None,
    };
    let mut found = false;
    if let Some(inner) = rest
        .strip_prefix("~~")
        .and_then(|r| r.trim_end().strip_suffix("~~"))
        .filter(|r| !r.contains("~~") && !r.trim().is_empty())
    {
        p.cancelled = true;
        found = true;
        rest = inner.trim();
    }
    loop {
        if let Some(r) = rest.strip_prefix("📌") {
            p.pinned = true;
            rest = r.trim_start();
        } else if let Some(r) = rest.strip_prefix("!!") {
            p.pinned = true;
            rest = r.trim_start();
        } else if let Some(r) = rest
            .strip_prefix('!')
            .filter(|r| !(r.starts_with('[') && r.contains("](")))
        {
            p.key_moment = true;
            rest = r.trim_start();
        } else if let Some(r) = rest.strip_prefix('@') {
            let name: &str = r.split(char::is_whitespace).next().unwrap_or("");
            let ok = !name.is_empty()
                && name.len() <= 24
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-' || c == '_')
                && p.author.is_none();
            if !ok {
                break;
            }
            p.author = Some(name.to_string());
            rest = r[name.len()..].trim_start();
        } else {
            break;
        }
        found = true;
    }
    if p.pinned {
        p.key_moment = true;
    }
    // Only something that can start with a time: a digit, `[`, `**`.
    let stamp_like = rest.starts_with(|c: char| c.is_ascii_digit())
        || rest.starts_with('[')
        || rest.starts_with("**")
        || rest.starts_with('*') && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if !found || !stamp_like {
        return None;
    }
    p.rest = format!("{heading}{rest}");
    Some(p)
}

/// Sets the marks of the sessions whose marker line had a [`Prefix`], and reads the
/// markers of titles and notes. `lines` are the body's lines by number, as read, so
/// that a revision line is placed on its own line. Returns the prefixed lines that
/// did not start a session: the caller reads the file again with those lines as
/// written.
pub fn apply(
    sessions: &mut [Session],
    prefixes: &HashMap<usize, Prefix>,
    lines: &[(usize, &str)],
) -> Vec<usize> {
    let mut used = Vec::new();
    let mut anchors: HashSet<String> = sessions.iter().map(|s| s.anchor.clone()).collect();
    let mut starts: Vec<usize> = sessions.iter().map(|s| s.line).collect();
    starts.sort_unstable();
    for s in sessions.iter_mut() {
        if let Some(p) = prefixes.get(&s.line) {
            used.push(s.line);
            s.live.key_moment = p.key_moment;
            s.live.pinned = p.pinned;
            s.live.cancelled |= p.cancelled;
            s.live.author = p.author.clone();
        }
        let before = s.title.clone();
        read_title(s);
        if s.title != before {
            // The anchor is the clean title's: `(moved from 14:00)` or `Cancelled:` is
            // news about the session, not its name, and comes and goes.
            anchors.remove(&s.anchor);
            s.anchor = unique_anchor(&mut anchors, s.time, &s.title);
        }
        let next = starts.iter().copied().find(|&l| l > s.line);
        s.live.revisions = revisions(&s.body, s.line, next, lines);
    }
    let mut unused: Vec<usize> = prefixes
        .keys()
        .copied()
        .filter(|l| !used.contains(l))
        .collect();
    unused.sort_unstable();
    unused
}

/// Replaces `@mk` initials by the names front matter `authors` gives them (case does
/// not matter); initials it does not name stay as written.
pub fn name_authors(
    sessions: &mut [Session],
    authors: &std::collections::BTreeMap<String, String>,
) {
    for s in sessions {
        let Some(initials) = &s.live.author else {
            continue;
        };
        if let Some((_, name)) = authors
            .iter()
            .find(|(k, n)| k.eq_ignore_ascii_case(initials) && !n.trim().is_empty())
        {
            s.live.author = Some(name.trim().to_string());
        }
    }
}

/// `Cancelled: Title`, `Title (cancelled)`, `Title – cancelled`, `Title (moved from
/// 14:00)`: the marks are read and taken out of the title (the marker line as written
/// stays in `written`).
fn read_title(s: &mut Session) {
    let original = s.title.clone();
    let mut title = s.title.trim().to_string();
    // Compared on the lower-cased text, cut on the title itself; `get` keeps a cut
    // that lower-casing moved off a character boundary from panicking.
    // Every form holds its word: a title without it (most) skips the forms, and is
    // lower-cased once, not for each form.
    let mut lower = title.to_lowercase();
    for word in ["cancelled", "canceled", "abgesagt", "annulé"] {
        if !lower.contains(word) {
            continue;
        }
        let prefix = format!("{word}:");
        if title.to_lowercase().starts_with(&prefix)
            && let Some(rest) = title.get(prefix.len()..)
        {
            title = rest.trim().to_string();
            s.live.cancelled = true;
        }
        let forms = [
            format!("({word})"),
            format!("[{word}]"),
            format!(" – {word}"),
            format!(" — {word}"),
            format!(" - {word}"),
        ];
        for form in forms {
            if title.to_lowercase().ends_with(&form)
                && let Some(rest) = title.get(..title.len().saturating_sub(form.len()))
            {
                title = rest.trim_end().to_string();
                s.live.cancelled = true;
            }
        }
        lower = title.to_lowercase();
    }
    if let Some((before, clock, after)) = moved_from(&title) {
        s.live.moved_from = Some(clock);
        title = format!("{before}{after}").trim().to_string();
    }
    if title != original && !title.is_empty() {
        if s.written.is_none() {
            s.written = Some(original);
        }
        s.title = title;
    }
}

/// `(moved from 14:00)` or `(was 14:00)` in a title: the text around it and the time.
fn moved_from(title: &str) -> Option<(&str, Clock, &str)> {
    let lower = title.to_ascii_lowercase();
    for opener in ["(moved from ", "(was "] {
        if let Some(i) = lower.find(opener) {
            let after = &title[i + opener.len()..];
            let close = after.find(')')?;
            let clock = clock(after[..close].trim())?;
            return Some((&title[..i], clock, &after[close + 1..]));
        }
    }
    None
}

/// `14:32`, `9.05`, `14h32`.
fn clock(text: &str) -> Option<Clock> {
    let (h, m) = text.split_once([':', '.', 'h'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    Clock::new(h.parse().ok()?, m.parse().ok()?)
}

/// The `Update 14:32:`, `Updated 14:32:`, `Correction:`, `Correction 14:40:` lines of
/// an entry's notes (also as a list item or in bold), each with its line in the file:
/// the body's lines are found in order among `lines` after the entry's marker
/// `first_line` and before the next marker `next` (the body keeps the lines as
/// written, but skips the speaker line, blank lines around it and the like).
pub fn revisions(
    body: &str,
    first_line: usize,
    next: Option<usize>,
    lines: &[(usize, &str)],
) -> Vec<Revision> {
    // The marker line too: an update's text may start on it (`[18:02] The room…`).
    let wanted = |no: usize| no >= first_line && next.is_none_or(|n| no < n);
    // The file's lines come in order: the entry's are one run of them, found by two
    // binary searches, not a copy filtered from every line of the file.
    let collected: Vec<(usize, &str)>;
    let source: &[(usize, &str)] = if lines.is_sorted_by_key(|&(no, _)| no) {
        let from = lines.partition_point(|&(no, _)| no < first_line);
        let to = next.map_or(lines.len(), |n| lines.partition_point(|&(no, _)| no < n));
        lines.get(from..to).unwrap_or_default()
    } else {
        collected = lines
            .iter()
            .copied()
            .filter(|&(no, _)| wanted(no))
            .collect();
        &collected
    };
    let mut at = 0;
    let mut last = first_line;
    let mut out = Vec::new();
    for text in body.lines() {
        let want = text.trim();
        if want.is_empty() {
            continue;
        }
        // The next line of the file that reads as this one of the body; a line the
        // loader changed is taken to follow the one before.
        let found = source[at..]
            .iter()
            .position(|(_, l)| l.trim() == want || l.trim_end().ends_with(want));
        let line = match found {
            Some(i) => {
                at += i + 1;
                source[at - 1].0
            }
            None => last + 1,
        };
        last = line;
        if let Some((kind, time)) = revision(text) {
            out.push(Revision { kind, time, line });
        }
    }
    out
}

/// One line as a revision: its kind and time.
pub fn revision(line: &str) -> Option<(RevisionKind, Option<Clock>)> {
    let mut l = line.trim_start();
    for lead in ["- ", "* ", "> "] {
        l = l.strip_prefix(lead).unwrap_or(l);
    }
    let l = l.trim_start_matches(['*', '_']).trim_start();
    // The words are ASCII, and no other character lower-cases to their letters: an
    // ASCII comparison of the line's head reads as a lower-cased copy did.
    let (kind, word) = [
        (RevisionKind::Correction, "correction"),
        (RevisionKind::Correction, "corrected"),
        (RevisionKind::Update, "updated"),
        (RevisionKind::Update, "update"),
    ]
    .into_iter()
    .find(|(_, w)| {
        l.get(..w.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(w))
    })?;
    let rest = l[word.len()..].trim_start_matches(['*', '_']);
    if let Some(r) = rest.strip_prefix(':') {
        // `Update:` with no time is a correction's kind of line too, but only with text.
        return (!r.trim().is_empty()).then_some((kind, None));
    }
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("at ").unwrap_or(rest);
    let end = rest.find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.' | 'h')))?;
    let (time, after) = rest.split_at(end);
    let ends_with_colon = time.ends_with(':');
    let time = clock(time.trim_end_matches(['.', ':']))?;
    let after = after.trim_start_matches(['*', '_']).trim_start();
    (ends_with_colon || after.starts_with([':', '—', '–', '-'])).then_some((kind, Some(time)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rest of the line, key moment, pinned, cancelled, author.
    type Marks<'a> = (&'a str, bool, bool, bool, Option<&'a str>);

    #[test]
    fn prefixes_in_front_of_a_stamp() {
        let cases: &[(&str, Option<Marks>)] = &[
            ("! 14:32", Some(("14:32", true, false, false, None))),
            (
                "!14:32 Big news",
                Some(("14:32 Big news", true, false, false, None)),
            ),
            (
                "!! [9:05] text",
                Some(("[9:05] text", true, true, false, None)),
            ),
            ("📌 18:02", Some(("18:02", true, true, false, None))),
            (
                "@mk 18:02",
                Some(("18:02", false, false, false, Some("mk"))),
            ),
            (
                "! @ab **[8:18]**",
                Some(("**[8:18]**", true, false, false, Some("ab"))),
            ),
            (
                "## ! 14:00 Keynote",
                Some(("## 14:00 Keynote", true, false, false, None)),
            ),
            (
                "~~13:00 Gone~~",
                Some(("13:00 Gone", false, false, true, None)),
            ),
            // Issue 20: a `!` before a bracketed stamp, not an image; an author's
            // handle with dots, dashes and underscores, of 24 characters at most,
            // one author to an entry.
            (
                "![14:32] Big news",
                Some(("[14:32] Big news", true, false, false, None)),
            ),
            (
                "@mira.k-b_2 [9:00]",
                Some(("[9:00]", false, false, false, Some("mira.k-b_2"))),
            ),
            (
                "@abcdefghijklmnopqrstuvwx 9:00",
                Some((
                    "9:00",
                    false,
                    false,
                    false,
                    Some("abcdefghijklmnopqrstuvwx"),
                )),
            ),
            ("@abcdefghijklmnopqrstuvwxy 9:00", None),
            ("@mira/k 9:00", None),
            ("@mk @jb 9:00", None),
            ("@ 9:00", None),
            // Two struck spans are not one struck entry.
            ("~~13:00 Gone~~ then ~~14:00 Back~~", None),
            // Not in front of a stamp: read as written.
            ("! important", None),
            ("@mk says hi", None),
            ("![alt](x.png)", None),
            ("14:32 plain", None),
            ("~~struck~~", None),
        ];
        for (line, want) in cases {
            let got = prefix(line).map(|p| (p.rest, p.key_moment, p.pinned, p.cancelled, p.author));
            let want = want.map(|(r, k, p, c, a)| (r.to_string(), k, p, c, a.map(str::to_string)));
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn revision_lines() {
        use RevisionKind::*;
        let t = |h, m| Clock::new(h, m);
        type Read = Option<(RevisionKind, Option<Clock>)>;
        let cases: &[(&str, Read)] = &[
            ("Update 14:32: the vote passed", Some((Update, t(14, 32)))),
            (
                "**Update 14:32:** the vote passed",
                Some((Update, t(14, 32))),
            ),
            ("- Updated at 9.05 - more seats", Some((Update, t(9, 5)))),
            ("Correction: it was 30, not 13", Some((Correction, None))),
            (
                "Correction 14:40: name spelt wrong",
                Some((Correction, t(14, 40))),
            ),
            ("Updates to the roadmap were shown", None),
            ("Update the firmware first", None),
            ("Correction", None),
        ];
        for (line, want) in cases {
            assert_eq!(&revision(line), want, "{line}");
        }
    }

    /// Each revision of an entry is placed on its own line of the file: found among
    /// the entry's lines only (from its marker line, before the next entry's), the
    /// marker line included, a line the loader changed taken to follow the one before;
    /// the same whether the lines come sorted or not (issue 20).
    #[test]
    fn revisions_are_placed_on_their_lines() {
        use RevisionKind::{Correction, Update};
        let body = "Update 14:32: room changed\nnotes\n* **Update 14:40:** fixed\nCorrection: the talk moved\n";
        let lines = [
            (5, "Update 14:32: room changed"),
            (10, "[14:00] Update 14:32: room changed"),
            (11, "notes"),
            (12, "- __Update 14:40:__ fixed"),
            (14, "[15:00] Correction: the talk moved"),
        ];
        let got = |lines: &[(usize, &str)]| {
            revisions(body, 10, Some(14), lines)
                .into_iter()
                .map(|r| (r.kind, r.time.map(|t| t.to_string()), r.line))
                .collect::<Vec<_>>()
        };
        let want = vec![
            (Update, Some("14:32".to_string()), 10),
            (Update, Some("14:40".to_string()), 12),
            (Correction, None, 13),
        ];
        assert_eq!(got(&lines), want);
        let [a, b, c, d, e] = lines;
        assert_eq!(got(&[a, c, b, d, e]), want);
    }

    /// A moved session's old time: one or two digits for the hour, two for the
    /// minutes (issue 20).
    #[test]
    fn clocks_of_moved_sessions() {
        for (text, want) in [
            ("14:32", Clock::new(14, 32)),
            ("9.05", Clock::new(9, 5)),
            ("14h32", Clock::new(14, 32)),
            ("001:30", None),
            ("14:5", None),
            (":30", None),
            ("14", None),
        ] {
            assert_eq!(clock(text), want, "{text}");
        }
    }

    /// A struck-out entry stays cancelled when its title is read (issue 20).
    #[test]
    fn struck_entries_are_cancelled() {
        let notes = "~~13:00 Gone~~\n\n14:00 Next\n";
        let parsed = crate::notes::parse(std::path::Path::new("t.md"), notes).unwrap();
        let marks: Vec<(&str, bool)> = parsed
            .event
            .sessions
            .iter()
            .map(|s| (s.title.as_str(), s.live.cancelled))
            .collect();
        assert_eq!(marks, [("Gone", true), ("Next", false)]);
    }

    #[test]
    fn front_matter_authors_name_the_initials() {
        let notes = "+++\nauthors = { mk = \"Mira Keller\" }\n+++\n\n@MK [9:00] One.\n\n@jb [9:05] Two.\n\n[9:10] Three.\n";
        let parsed = crate::notes::parse(std::path::Path::new("t.md"), notes).unwrap();
        let authors: Vec<Option<&str>> = parsed
            .event
            .sessions
            .iter()
            .map(|s| s.live.author.as_deref())
            .collect();
        assert_eq!(authors, [Some("Mira Keller"), Some("jb"), None]);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    #[test]
    fn anchors_are_made_of_the_clean_title() {
        let cases: &[(&str, &[&str])] = &[
            (
                "10:00 Rust at scale (moved from 14:00)\n",
                &["1000-rust-at-scale"],
            ),
            ("10:00 Cancelled: Rust at scale\n", &["1000-rust-at-scale"]),
            ("10:00 Rust at scale (cancelled)\n", &["1000-rust-at-scale"]),
            (
                "## 10:00 Rust at scale – canceled\n",
                &["1000-rust-at-scale"],
            ),
            ("~~10:00 Rust at scale~~\n", &["1000-rust-at-scale"]),
            // Still unique within the event.
            (
                "10:00 Rust at scale\n\n10:00 Rust at scale (cancelled)\n",
                &["1000-rust-at-scale", "1000-rust-at-scale-2"],
            ),
            ("10:00 Cancelled culture\n", &["1000-cancelled-culture"]),
        ];
        for (notes, want) in cases {
            let parsed = crate::notes::parse(std::path::Path::new("t.md"), notes).unwrap();
            let anchors: Vec<&str> = parsed
                .event
                .sessions
                .iter()
                .map(|s| s.anchor.as_str())
                .collect();
            assert_eq!(anchors, *want, "{notes}");
        }
    }

    #[test]
    fn revision_lines_are_the_lines_of_the_file() {
        // Front matter, a speaker line, blank lines and a list before the revisions:
        // each is counted where it stands, not guessed from the marker.
        let notes = "+++\ntitle = \"T\"\n+++\n\n10:00 Rust at scale\nAda Lovelace\n\n\n- one\n\n  - two\n\nCorrection: it was 30.\n\n**Update 10:40:** more\n\n[10:50] The room empties.\nUpdate 11:00: empty.\n";
        let parsed = crate::notes::parse(std::path::Path::new("t.md"), notes).unwrap();
        let lines: Vec<Vec<usize>> = parsed
            .event
            .sessions
            .iter()
            .map(|s| s.live.revisions.iter().map(|r| r.line).collect())
            .collect();
        assert_eq!(lines, [vec![13, 15], vec![18]]);
        let source: Vec<&str> = notes.lines().collect();
        assert!(source[12].starts_with("Correction:"));
        assert!(source[14].starts_with("**Update 10:40"));
        assert!(source[17].starts_with("Update 11:00"));
    }

    #[test]
    fn titles_say_cancelled_and_moved() {
        let cases: &[(&str, &str, bool, Option<Clock>)] = &[
            ("Cancelled: Rust at scale", "Rust at scale", true, None),
            ("Rust at scale (cancelled)", "Rust at scale", true, None),
            ("Rust at scale – canceled", "Rust at scale", true, None),
            (
                "Rust at scale (moved from 14:00)",
                "Rust at scale",
                false,
                Clock::new(14, 0),
            ),
            ("Rust at scale", "Rust at scale", false, None),
            ("Cancelled culture", "Cancelled culture", false, None),
        ];
        for (title, want, cancelled, moved) in cases {
            let mut s =
                crate::notes::parse(std::path::Path::new("t.md"), &format!("10:00 {title}\n"))
                    .unwrap()
                    .event
                    .sessions
                    .remove(0);
            assert_eq!(s.title, *want, "{title}");
            assert_eq!(s.live.cancelled, *cancelled, "{title}");
            assert_eq!(s.live.moved_from, *moved, "{title}");
            read_title(&mut s);
            assert_eq!(s.title, *want, "read twice: {title}");
        }
    }
}
