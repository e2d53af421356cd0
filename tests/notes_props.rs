//! Property tests of the notes parser: for any text it returns (never panics), and every
//! non-blank line the writer typed lands in exactly one place of the parsed event.

use plenary::model::Event;
use plenary::notes;
use proptest::prelude::*;
use proptest::sample::select;
use pulldown_cmark::{Event as Md, Parser, Tag, TagEnd};
use std::path::Path;

/// Pieces that make lines the grammar cares about: markers, speakers, fences, front
/// matter fences, headings, lists, quotes, hashtags, impossible times.
const CONTENT: &[&str] = &[
    "13:00 Opening words",
    "9.30 - 10:00 | Panel on budgets",
    "2pm to 3pm Workshop",
    "10h30 Pause",
    "00:30 Late jam",
    "25:99 Impossible time",
    "13:00",
    "14:00 - ",
    "Day 2",
    "Day 0",
    "Day 4294967295",
    "Thursday, 8 May",
    "2025-05-08",
    "Dienstag",
    "Speaker: Ana Lima",
    "with Ana Lima and Bo Ito",
    "Clara Weiss, Example Labs",
    "Ana Lima",
    "```",
    "~~~",
    "````",
    "+++",
    "title = \"From the body\"",
    "A plain sentence.",
    "#civictech and #data",
    "https://example.org/a#b",
    "<b>raw</b>",
    "Coffee break",
    "Keynote",
    "[link](http://x)",
    "·",
    "\u{feff}",
];

const PREFIX: &[&str] = &[
    "",
    "",
    "",
    "# ",
    "## ",
    "### ",
    "#### ",
    "   ",
    "    ",
    "\t",
    "- ",
    "> ",
    "1. ",
    "* ",
    "#",
    "######## ",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (select(PREFIX), select(CONTENT), select(&["", "", " ", " #", "\t"][..]))
            .prop_map(|(p, c, s)| format!("{p}{c}{s}")),
        2 => Just(String::new()),
        1 => Just("   ".to_string()),
        2 => proptest::collection::vec(any::<char>().prop_filter("one line", |c| *c != '\n'), 0..12)
            .prop_map(|cs| cs.into_iter().collect()),
        2 => proptest::collection::vec(select(&['#', ' ', '1', ':', '0', 'a', 'A', '`', '-', '+', '.', '\r', '\t'][..]), 0..10)
            .prop_map(|cs| cs.into_iter().collect()),
    ]
}

fn front() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        1 => Just("+++\ntitle = \"Front Title\"\n+++\n".to_string()),
        1 => Just("+++\ndate = 2025-05-07\ntags = [\"x\"]\n+++\n".to_string()),
        1 => Just("+++ \n+++\n".to_string()),
    ]
}

fn notes_text() -> impl Strategy<Value = String> {
    (
        front(),
        proptest::collection::vec(line(), 0..40),
        any::<bool>(),
    )
        .prop_map(|(front, lines, crlf)| {
            let body = lines.join(if crlf { "\r\n" } else { "\n" });
            format!("{front}{body}")
        })
}

/// What the parsed event holds, as places a line can be: verbatim lines of the
/// preamble, day intros and session notes, and the parts taken from marker lines.
fn buffer_lines(event: &Event) -> Vec<String> {
    std::iter::once(event.preamble.as_str())
        .chain(event.days.iter().map(|d| d.intro.as_str()))
        .chain(event.sessions.iter().map(|s| s.body.as_str()))
        .flat_map(|b| b.lines())
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// The text of an org-mode heading (`** Title`).
fn org_heading(line: &str) -> Option<&str> {
    let stars = line.bytes().take_while(|&b| b == b'*').count();
    (stars > 0)
        .then(|| line[stars..].strip_prefix(' '))?
        .map(str::trim)
}

/// A line of one punctuation character repeated: a heading's underline or overline.
fn is_underline(line: &str) -> bool {
    let t = line.trim_end();
    let mut chars = t.chars();
    chars.next().is_some_and(|c| {
        c.is_ascii_punctuation() && t.chars().count() >= 3 && chars.all(|x| x == c)
    })
}

/// The text as the parser reads it, by the format's rules (not by the parser's code):
/// no byte-order mark, every line break a line feed, and each character HTML cannot
/// carry shown in its place (a C0 control as its Control Picture, DEL as `␡`, a C1
/// control or a noncharacter as `�`).
fn normal(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| match c as u32 {
            n @ (0..=8 | 0x0b..=0x1f) => char::from_u32(0x2400 + n).unwrap_or('?'),
            0x7f => '\u{2421}',
            0x80..=0x9f | 0xfdd0..=0xfdef => '\u{fffd}',
            n if n % 0x10000 >= 0xfffe => '\u{fffd}',
            _ => c,
        })
        .collect()
}

/// Front matter as the format describes it: a first line `+++` up to the next line
/// `+++`. (A first line `---` is YAML only over YAML keys, which no generated line
/// sets, so here it is always the body's Markdown rule.)
struct Front<'a> {
    toml: Option<&'a str>,
    body: &'a str,
    /// 1-based line number of the body's first line.
    body_line: usize,
}

/// `None` when a `+++` is never closed.
fn split_front(text: &str) -> Option<Front<'_>> {
    let mut lines = text.split_inclusive('\n');
    let none = Front {
        toml: None,
        body: text,
        body_line: 1,
    };
    let Some(first) = lines.next() else {
        return Some(none);
    };
    if first.trim_end() != "+++" {
        return Some(none);
    }
    let mut at = first.len();
    for (k, l) in lines.enumerate() {
        if l.trim_end() == "+++" {
            return Some(Front {
                toml: Some(&text[first.len()..at]),
                body: &text[at + l.len()..],
                body_line: k + 3,
            });
        }
        at += l.len();
    }
    None
}

/// An ATX heading's level and text as pulldown-cmark reads the line, with plenary's
/// two allowances: a no-break space after the `#`s, and two or more `#`s glued to a
/// capital or a digit (`##Session 2`).
fn heading(line: &str) -> Option<(u8, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let hashes = line[indent..].bytes().take_while(|&b| b == b'#').count();
    let (head, rest) = line.split_at(indent + hashes);
    let line = match rest.chars().next() {
        Some('\u{a0}') => format!("{head} {}", &rest['\u{a0}'.len_utf8()..]),
        Some(c) if hashes >= 2 && (c.is_uppercase() || c.is_ascii_digit()) => {
            format!("{head} {rest}")
        }
        _ => line.to_string(),
    };
    let mut events = Parser::new(&line).into_offset_iter();
    let level = match events.next() {
        Some((Md::Start(Tag::Heading { level, .. }), _)) => level as u8,
        _ => return None,
    };
    let inside: Vec<_> = events
        .take_while(|(e, _)| !matches!(e, Md::End(TagEnd::Heading(_))))
        .map(|(_, r)| r)
        .collect();
    let text = match (
        inside.iter().map(|r| r.start).min(),
        inside.iter().map(|r| r.end).max(),
    ) {
        (Some(start), Some(end)) => &line[start..end],
        _ => "",
    };
    Some((level, text.trim_matches([' ', '\t', '\u{a0}']).to_string()))
}

/// Checks that every non-blank body line of `text` is in exactly one place.
fn check_accounting(name: &str, text: &str) -> Result<(), TestCaseError> {
    let path = Path::new(name);
    let parsed = notes::parse(path, text);
    let normal = normal(text);
    // A first line of `{` alone or `{"` opens JSON front matter, as in Hugo: the file
    // may fail there, and this model does not split JSON (tests/blog_posts.rs checks
    // JSON front matter against TOML and YAML); only "no panic" is checked for it.
    let first = normal.lines().next().unwrap_or("").trim_end();
    if let Some(rest) = first.strip_prefix('{')
        && (rest.trim_start().is_empty() || rest.trim_start().starts_with('"'))
    {
        return Ok(());
    }
    let Some(split) = split_front(&normal) else {
        prop_assert!(parsed.is_err(), "an unclosed front matter is an error");
        return Ok(());
    };
    let Ok(parsed) = parsed else {
        // Only the front matter may make a file fail.
        prop_assert!(split.toml.is_some(), "{:?}", parsed.err());
        return Ok(());
    };
    let event = &parsed.event;
    let lines: Vec<(usize, &str)> = split
        .body
        .lines()
        .enumerate()
        .map(|(i, l)| (i + split.body_line, l))
        .collect();
    let line_at = |no: usize| lines.iter().find(|(n, _)| *n == no).map(|(_, l)| *l);
    let mut claimed = std::collections::HashSet::new();

    // A leading `# Title` (or an underlined one) is consumed when the front matter has
    // no title; its underline and overline go with it.
    // A heading that is only a link names no event: the title is the next line.
    let bare_link = |l: &str| {
        heading(l).is_some_and(|(_, t)| {
            let t = t.trim();
            (t.starts_with("https://") || t.starts_with("http://")) && !t.contains(' ')
        })
    };
    let first = lines
        .iter()
        .position(|(_, l)| !l.trim().is_empty() && !is_underline(l) && !bare_link(l));
    if let Some(k) = first
        && split.toml.is_none_or(|t| !t.contains("title"))
    {
        let (no, l) = lines[k];
        // An org-mode `* Title` is a top heading too, and so is `#Title#` (a title
        // closed by a hash, no space after the first).
        let atx = matches!(heading(l), Some((1, heading)) if event.title == heading)
            || l.strip_prefix("* ")
                .is_some_and(|t| event.title == t.trim())
            || l.trim()
                .strip_prefix('#')
                .and_then(|t| t.strip_suffix('#'))
                .is_some_and(|t| event.title == t.trim());
        let under =
            lines.get(k + 1).is_some_and(|(_, u)| is_underline(u)) && event.title == l.trim();
        if (atx || under)
            && event.sessions.iter().all(|s| s.line != no)
            && event.days.iter().all(|d| d.line != Some(no))
        {
            claimed.insert(no);
        }
    }
    for s in &event.sessions {
        let Some(source) = line_at(s.line) else {
            return Err(TestCaseError::fail(format!(
                "session {:?} points at line {} outside the body",
                s.title, s.line
            )));
        };
        // The title is the line's text made plain, or, when the heading was a person,
        // the topic heading under it.
        let next_line = |after: usize| {
            lines
                .iter()
                .find(|(n, l)| *n > after && !l.trim().is_empty())
                .copied()
        };
        // Compared without Markdown decoration, which titles shed.
        let bare = |t: &str| t.replace(['`', '*', '_', '[', ']', '(', ')'], "");
        let title_words_in = |l: &str| {
            let l = bare(l);
            bare(&s.title).split_whitespace().all(|w| l.contains(w))
        };
        // The title is the topic line's when only that line holds it whole (a title's
        // words may all occur on the heading by chance: `#` in `## Name`).
        let whole_in = |l: &str| bare(l).contains(bare(&s.title).trim());
        let topic = next_line(s.line).filter(|(_, l)| {
            title_words_in(l) && (!title_words_in(source) || (!whole_in(source) && whole_in(l)))
        });
        // One talk's page (a panel of person headings, or a speaker's name opening
        // the body) takes its title from the front matter.
        let from_front = split.toml.is_some() && s.title == event.title;
        prop_assert!(
            title_words_in(source) || topic.is_some() || from_front,
            "title {:?} is not on line {} {:?}",
            s.title,
            s.line,
            source
        );
        prop_assert!(claimed.insert(s.line), "line {} claimed twice", s.line);
        if let Some((no, _)) = topic {
            prop_assert!(claimed.insert(no), "line {} claimed twice", no);
        }
        // Speakers come from the lines the session says, each holding its part of
        // the speaker line; lines other than the title line are claimed.
        let parts: Vec<&str> = s
            .speaker_line
            .as_deref()
            .map_or(Vec::new(), |l| l.lines().collect());
        prop_assert!(
            s.speaker_lines.len() == parts.len() || s.speaker_lines.len() == 1,
            "speaker lines {:?} for {:?}",
            s.speaker_lines,
            parts
        );
        for (k, &no) in s.speaker_lines.iter().enumerate() {
            let Some(l) = line_at(no) else {
                return Err(TestCaseError::fail(format!(
                    "speaker line {no} outside the body"
                )));
            };
            let part = parts.get(k).copied().unwrap_or("");
            prop_assert!(
                bare(l).contains(bare(part).trim())
                    || bare(part).split_whitespace().all(|w| bare(l).contains(w)),
                "speaker line {:?} is not on line {} {:?}",
                part,
                no,
                l
            );
            if no != s.line {
                prop_assert!(claimed.insert(no), "line {} claimed twice", no);
            }
        }
    }
    // Lines that start something: their underline (or overline) may go with them.
    let mut markers: Vec<usize> = event.sessions.iter().map(|s| s.line).collect();
    markers.extend(event.days.iter().filter_map(|d| d.line));
    markers.extend(first.map(|k| lines[k].0));
    let beside_marker = |no: usize| markers.iter().any(|&m| m + 1 == no || no + 1 == m);

    let mut buffers = buffer_lines(event);
    let mut labels: Vec<String> = event
        .days
        .iter()
        .filter_map(|d| d.label.as_deref())
        .flat_map(|l| l.split(" · "))
        .map(str::to_string)
        .collect();
    let mut rest: Vec<&(usize, &str)> = lines
        .iter()
        .filter(|(n, l)| !l.trim().is_empty() && !claimed.contains(n))
        .collect();
    // Underlines beside a marker last: a like line further down (`+++` twice) takes
    // the place in the notes first.
    rest.sort_by_key(|(no, l)| is_underline(l) && beside_marker(*no));
    prop_assert!(
        rest.len() >= buffers.len() + labels.len(),
        "lines in the body and places in the event differ: {:?} vs {:?} + {:?}",
        rest,
        buffers,
        labels
    );
    for &&(no, l) in &rest {
        if let Some(i) = buffers.iter().position(|b| b == l) {
            buffers.swap_remove(i);
            continue;
        }
        let content = heading(l)
            .map(|(_, t)| t)
            .or_else(|| org_heading(l).map(str::to_string))
            .unwrap_or_else(|| l.trim().to_string());
        if let Some(i) = labels.iter().position(|b| *b == content) {
            labels.swap_remove(i);
            continue;
        }
        if is_underline(l) && beside_marker(no) {
            continue;
        }
        return Err(TestCaseError::fail(format!(
            "line {no} {l:?} is nowhere in the event"
        )));
    }
    prop_assert!(
        buffers.is_empty() && labels.is_empty(),
        "places in the event with no line: {:?} + {:?}",
        buffers,
        labels
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn every_line_lands_in_exactly_one_place(text in notes_text()) {
        check_accounting("2025-05-07-props.md", &text)?;
    }

    #[test]
    fn any_text_parses_or_errors_without_panic(text in any::<String>()) {
        let _ = notes::parse(Path::new("notes.txt"), &text);
        check_accounting("notes.txt", &text)?;
    }
}

/// Found by proptest: two underlines in a row under one heading (the second is no
/// underline of anything and must stay in the notes), and an org-mode title.
#[test]
fn a_second_underline_or_an_org_title_is_accounted_for() {
    for text in [
        "0\n+++\n+++",
        "Title\n=====\n=====\n",
        "# Conf\n\nTalk\n----\n----\nnotes\n",
        // An org-mode title (found by proptest too).
        "* 25:99 Impossible time\n#+a:",
        "* Day 2\n#+a:",
        // A person's heading whose talk title is the line under it, that title's words
        // all on the heading too (`#` in `##`).
        "## Clara Weiss, Example Labs\n- Clara Weiss, Example Labs #\n\t¡",
        // An org-mode heading holding a time and a dash, then an org keyword line.
        "* 14:00 - \n#+a:",
        // A first heading that is only a link: the next heading is the event's title.
        "+++\ndate = 2025-05-07\ntags = [\"x\"]\n+++\n# https://example.org/a#b\n# 1",
    ] {
        if let Err(e) = check_accounting("notes.txt", text) {
            panic!("{text:?}: {e}");
        }
    }
}
