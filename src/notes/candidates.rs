//! Candidate lines: what each line of the body could be, before the file's convention
//! is known: a time line, a bare time stamp, a day marker, a heading of some rank
//! (ATX `##`, setext or reStructuredText underlines, org-mode `*`, a line in bold), or
//! text.

use super::days::{self, DaySpec};
use super::times::{self, TimeMarker};
use crate::model::Clock;

/// An ATX heading: its level and its text without the `#`s.
pub fn heading(line: &str) -> Option<(u8, &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &trimmed[hashes..];
    // A no-break space after `##` is a slip of the keyboard, not a hashtag; so is no
    // space at all after two or more (`##Session 2`), where a hashtag has one `#`.
    let opens_word = rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    // `#Title of the talk#`: one `#` glued to a text closed by one `#` is a heading
    // written without spaces, never a hashtag (a hashtag is one word, not closed).
    let closed_glued = glued_close(rest, hashes).filter(|t| t.contains(' '));
    let glued = opens_word && (hashes >= 2 || closed_glued.is_some());
    if !(rest.is_empty() || glued || rest.starts_with([' ', '\t', '\u{a0}'])) {
        return None;
    }
    let mut text = rest.trim_matches([' ', '\t', '\u{a0}']);
    // A closing sequence of #s preceded by a space is not part of the heading; nor is
    // one glued to a heading opened glued (`###Name###`), of the opening's length.
    let without_close = text.trim_end_matches('#');
    if without_close.len() < text.len()
        && (without_close.is_empty() || without_close.ends_with(' '))
    {
        text = without_close.trim_end();
    } else if glued && let Some(inner) = glued_close(text, hashes) {
        text = inner.trim_end();
    }
    Some((hashes as u8, text))
}

/// The text of `Title##` closed by exactly `hashes` hashes, glued to it.
fn glued_close(text: &str, hashes: usize) -> Option<&str> {
    let t = text.trim_end();
    let inner = t.trim_end_matches('#');
    (t.len() - inner.len() == hashes && !inner.is_empty() && !inner.ends_with(' ')).then_some(inner)
}

/// The rank a line in bold alone takes: below every real heading.
pub const BOLD_RANK: u8 = 7;

/// The rank of a top-level bullet that opens in bold (`- **Title** - Speaker`): the
/// lowest, taken for sessions only in a file with no headings at all.
pub const BULLET_RANK: u8 = 8;

/// What one line of the body could be.
#[derive(Debug, Clone)]
pub enum Cand<'a> {
    Blank,
    /// Prose, a list item, a fenced code line: never a marker.
    Text,
    /// The `====` under (or over) a heading's text.
    Underline,
    Heading {
        rank: u8,
        text: &'a str,
    },
    Timed {
        rank: Option<u8>,
        marker: TimeMarker,
    },
    /// A time with no title: an update of a live blog. `rest` is the text after a
    /// bracketed stamp on the same line (`**[8:18]** We start.`).
    Stamp {
        rank: Option<u8>,
        time: Clock,
        rest: &'a str,
    },
    Day {
        rank: Option<u8>,
        spec: DaySpec,
        label: &'a str,
    },
}

impl Cand<'_> {
    /// The heading rank of a marker line, if it is a heading.
    pub fn rank(&self) -> Option<u8> {
        match self {
            Cand::Heading { rank, .. } => Some(*rank),
            Cand::Timed { rank, .. } | Cand::Stamp { rank, .. } | Cand::Day { rank, .. } => *rank,
            _ => None,
        }
    }
}

/// Classifies every line. Lines inside fenced code blocks are text.
pub fn classify_all<'a>(lines: &[(usize, &'a str)]) -> Vec<Cand<'a>> {
    let texts: Vec<&str> = lines.iter().map(|&(_, l)| l).collect();
    let in_code = fenced(&texts);
    let org = texts.iter().any(|l| is_org_setting(l))
        || texts.iter().filter(|l| org_heading(l).is_some()).count() >= 2
            && texts.iter().any(|l| l.starts_with("** "));
    // Org's `#+TITLE:` is the document's title, over its `*` headings: read as a
    // title heading, and the `*` headings a rank below it.
    let titled = org && texts.iter().any(|l| org_title(l).is_some());
    let underline_ranks = underline_ranks(&texts, &in_code);
    let (dated, dated_heads) = super::dated_lists::find(&texts, &in_code, |l| {
        heading(l).is_some() || (org && org_heading(l).is_some())
    });
    let listed = if org {
        Vec::new()
    } else {
        talk_list(&texts, &in_code)
    };
    let linked = link_paragraphs(&texts, &in_code);
    let table = agenda_rows(&texts, &in_code);
    let (kind_items, kind_heads) = super::kind_lists::find(&texts, &in_code, |l| {
        heading(l)
            .or_else(|| org.then(|| org_heading(l)).flatten())
            .map(|(_, t)| t)
    });
    let mut out: Vec<Cand<'a>> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < texts.len() {
        let line = texts[i];
        if in_code[i] {
            out.push(Cand::Text);
            i += 1;
            continue;
        }
        // A comment is not read by a reader: it stands as a blank line (and is kept).
        let first = out.iter().all(|c| matches!(c, Cand::Blank));
        if line.trim().is_empty()
            || is_comment(line)
            || (org && line.starts_with("# "))
            || (first && is_key_comment(line))
        {
            out.push(Cand::Blank);
            i += 1;
            continue;
        }
        // A list of dated meetings: each item an entry at its time, the heading over
        // it the list's name.
        if dated_heads[i] {
            out.push(Cand::Text);
            i += 1;
            continue;
        }
        if let Some(marker) = dated[i].clone() {
            out.push(Cand::Timed { rank: None, marker });
            i += 1;
            continue;
        }
        // Org's other settings (`#+AUTHOR:`, `#+OPTIONS:`) are for the exporter: a
        // reader skips them, as comments (they stay in the text).
        if org && is_org_setting(line) && org_title(line).is_none() {
            out.push(Cand::Blank);
            i += 1;
            continue;
        }
        if titled && let Some(title) = org_title(line) {
            out.push(Cand::Heading {
                rank: 1,
                text: title,
            });
            i += 1;
            continue;
        }
        // `### Talks` over a plain list of titles: the list's name, and its items the
        // sessions.
        if kind_heads[i] {
            out.push(Cand::Text);
            i += 1;
            continue;
        }
        if let Some(item) = kind_items[i] {
            out.push(match read(item, Some(BULLET_RANK)) {
                cand @ (Cand::Heading { .. } | Cand::Timed { .. }) => cand,
                _ => Cand::Text,
            });
            i += 1;
            continue;
        }
        // A heading underlined (setext, reStructuredText), maybe overlined too.
        if let Some((rank, overline)) = underlined(&texts, &in_code, i, &underline_ranks) {
            if overline && let Some(last) = out.last_mut() {
                *last = Cand::Underline;
            }
            out.push(read(line.trim(), Some(rank)));
            out.push(Cand::Underline);
            i += 2;
            continue;
        }
        let in_list = listed
            .get(i)
            .copied()
            .flatten()
            .or_else(|| linked.get(i).copied().flatten());
        if let Some(item) = in_list.or_else(|| (!org).then(|| talk_bullet(&texts, i)).flatten()) {
            out.push(match read(item, Some(BULLET_RANK)) {
                cand @ Cand::Heading { .. } => cand,
                // `- 11:00 Ada Lovelace - Title` in a programme's list: a time line.
                Cand::Timed { marker, .. } => Cand::Timed { rank: None, marker },
                _ => Cand::Text,
            });
            i += 1;
            continue;
        }
        // `**10:15-10:40** Break`: a time line, unless its range holds the time lines
        // that follow it (`**10:40-12:00** Session II; chair: Name` over its talks),
        // which makes it the heading of a block of talks: it stays in the notes. (Org
        // mode has no `**` bold, so the line reads the same there.)
        if let Some(marker) = table[i].clone() {
            out.push(Cand::Timed { rank: None, marker });
            i += 1;
            continue;
        }
        if let Some(marker) = times::bold_range_line(line) {
            out.push(if holds_time_lines(&texts, &in_code, i, &marker) {
                Cand::Text
            } else {
                Cand::Timed { rank: None, marker }
            });
            i += 1;
            continue;
        }
        out.push(match classify(line, org) {
            Cand::Heading { rank, text } if titled && org_heading(line).is_some() => {
                Cand::Heading {
                    rank: (rank + 1).min(6),
                    text,
                }
            }
            cand => cand,
        });
        i += 1;
    }
    stamped_bullets_in_talks(&mut out, &listed);
    items_under_asides(&mut out);
    out
}

/// Items read as talks (`- **Term** — what it means`) under an aside heading
/// (`## Licence`, `## Links`) are that aside's list, not sessions: they become text.
fn items_under_asides(out: &mut [Cand<'_>]) {
    let mut aside = false;
    for c in out.iter_mut() {
        match c {
            Cand::Heading { rank, text } if *rank < BOLD_RANK => {
                aside = super::convention::is_aside(text);
            }
            Cand::Timed { rank: Some(_), .. } | Cand::Day { .. } => aside = false,
            Cand::Heading {
                rank: BULLET_RANK, ..
            } if aside => *c = Cand::Text,
            _ => {}
        }
    }
}

/// In a file of talk headings that name their speakers (two or more), the time-stamped
/// bullets under one of those headings (`- 10:05 intro`) are that talk's notes, not a
/// programme: they become text again.
fn stamped_bullets_in_talks(out: &mut [Cand<'_>], listed: &[Option<&str>]) {
    let talk = |c: &Cand<'_>| match c {
        Cand::Heading { rank, text } if *rank < BOLD_RANK => {
            !super::titles::read(text, None).speakers.is_empty()
        }
        _ => false,
    };
    if out.iter().filter(|c| talk(c)).count() < 2 {
        return;
    }
    let mut under_talk = false;
    for (k, c) in out.iter_mut().enumerate() {
        if matches!(c, Cand::Heading { rank, .. } if *rank < BOLD_RANK)
            || matches!(c, Cand::Timed { rank: Some(_), .. } | Cand::Day { .. })
        {
            under_talk = talk(c);
            continue;
        }
        if under_talk
            && listed.get(k).copied().flatten().is_some()
            && matches!(c, Cand::Timed { rank: None, .. })
        {
            *c = Cand::Text;
        }
    }
}

/// The cells of a Markdown table row (`| 9:00 | Welcome |`), trimmed.
fn table_cells(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    let inner = t.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(str::trim).collect())
}

/// A table's delimiter row: `| --- | :---: |`.
fn is_delimiter_row(line: &str) -> bool {
    table_cells(line).is_some_and(|cells| {
        cells.iter().all(|c| {
            !c.is_empty() && c.trim_matches(':').chars().all(|ch| ch == '-') && c.contains('-')
        })
    })
}

/// A cell that is only a time or a range (`9:00`, `12:00-1:00`, `2pm`).
fn time_cell(cell: &str) -> Option<TimeMarker> {
    times::time_marker(&format!("{cell} \u{1}")).filter(|m| m.title == "\u{1}")
}

/// The rows of Markdown agenda tables: a table (a header row, a delimiter row) with a
/// column of times, found by its cells rather than its header (two or more times,
/// and at least two of three filled cells of the column). Each row with a time is a
/// time line whose title is the row's other filled cells, in order and without
/// repeats (the tracks of a slot, `Title | Title` when they differ). Rows without a
/// time (a track's header, an empty row) stay notes.
fn agenda_rows(lines: &[&str], in_code: &[bool]) -> Vec<Option<TimeMarker>> {
    let mut out = vec![None; lines.len()];
    let mut i = 0;
    while i + 1 < lines.len() {
        if in_code[i] || table_cells(lines[i]).is_none() || !is_delimiter_row(lines[i + 1]) {
            i += 1;
            continue;
        }
        let mut end = i + 2;
        while end < lines.len() && !in_code[end] && table_cells(lines[end]).is_some() {
            end += 1;
        }
        let rows: Vec<(usize, Vec<&str>)> = (i + 2..end)
            .filter_map(|k| Some((k, table_cells(lines[k])?)))
            .collect();
        let columns = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
        let time_column = (0..columns).find(|&c| {
            let filled: Vec<&str> = rows
                .iter()
                .filter_map(|(_, cells)| cells.get(c).copied())
                .filter(|cell| !cell.is_empty())
                .collect();
            let timed = filled
                .iter()
                .filter(|cell| time_cell(cell).is_some())
                .count();
            timed >= 2 && 3 * timed >= 2 * filled.len()
        });
        if let Some(col) = time_column {
            for (k, cells) in &rows {
                let Some(mut marker) = cells.get(col).and_then(|c| time_cell(c)) else {
                    continue;
                };
                let mut titles: Vec<&str> = Vec::new();
                for (c, cell) in cells.iter().enumerate() {
                    if c != col && !cell.is_empty() && !titles.contains(cell) {
                        titles.push(cell);
                    }
                }
                if titles.is_empty() {
                    continue;
                }
                marker.title = titles.join(" | ");
                out[*k] = Some(marker);
            }
        }
        i = end;
    }
    out
}

/// Whether two or more time lines after line `i`, before the next bold range or
/// heading, start inside the range of `marker`.
fn holds_time_lines(lines: &[&str], in_code: &[bool], i: usize, marker: &TimeMarker) -> bool {
    let Some(end) = marker.end else {
        return false;
    };
    let inside = |t: Clock| {
        if marker.time <= end {
            marker.time <= t && t < end
        } else {
            // A range across midnight.
            t >= marker.time || t < end
        }
    };
    let mut held = 0;
    for (k, line) in lines.iter().enumerate().skip(i + 1) {
        if in_code[k] {
            continue;
        }
        if heading(line).is_some() || times::bold_range_line(line).is_some() {
            break;
        }
        let text = list_item(line).map_or(line.trim(), |(_, item)| item);
        if let Some(m) = times::time_marker(text)
            && inside(m.time)
        {
            held += 1;
        }
    }
    held >= 2
}

/// A whole-line comment: `<!-- ... -->` in Markdown, `.. text` in reStructuredText
/// (not a directive `.. image::` nor a link target `.. _name:`).
fn is_comment(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with("<!--") && t.ends_with("-->") {
        return true;
    }
    line.strip_prefix(".. ").is_some_and(|rest| {
        !rest.starts_with(['_', '[', '|'])
            && !rest
                .split_whitespace()
                .next()
                .is_some_and(|w| w.ends_with("::"))
    })
}

/// `# source: https://...`, `# licence: MIT` opening a file: a comment naming where
/// the file comes from (a lower-case key and a colon), not a heading.
fn is_key_comment(line: &str) -> bool {
    line.strip_prefix("# ").is_some_and(|rest| {
        rest.split_once(':').is_some_and(|(key, _)| {
            !key.is_empty()
                && key.len() <= 12
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
        })
    })
}

/// One line on its own: a marker of some rank, or text.
fn classify(line: &str, org: bool) -> Cand<'_> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 || line.starts_with('\t') {
        return Cand::Text;
    }
    if let Some((level, text)) = heading(line) {
        return read(text, Some(level));
    }
    if org && let Some((level, text)) = org_heading(line) {
        return read(text, Some(level));
    }
    let content = line.trim();
    if indent == 0
        && let Some(item) = bold_bullet(line)
    {
        return match read(item, Some(BULLET_RANK)) {
            cand @ Cand::Heading { .. } => cand,
            _ => Cand::Text,
        };
    }
    if let Some(inner) = bold_line(content) {
        if let Some((time, rest)) = times::stamp(content) {
            return Cand::Stamp {
                rank: None,
                time,
                rest,
            };
        }
        return match read(inner, Some(BOLD_RANK)) {
            Cand::Heading { text, .. } if text.ends_with(':') => Cand::Text,
            cand => cand,
        };
    }
    if indent == 0
        && let Some(item) = bold_title_line(content)
        && let cand @ Cand::Heading { .. } = read(item, Some(BOLD_RANK))
    {
        return cand;
    }
    read(content, None)
}

/// What the text of a line or heading says: a time line, a stamp, a day, a heading
/// (when `rank` is given) or text.
fn read(text: &str, rank: Option<u8>) -> Cand<'_> {
    if let Some(marker) = times::time_marker(text) {
        return Cand::Timed { rank, marker };
    }
    if let Some((time, rest)) = times::stamp(text) {
        return Cand::Stamp { rank, time, rest };
    }
    if let Some(spec) = days::day_marker(text) {
        return Cand::Day {
            rank,
            spec,
            label: text,
        };
    }
    match rank {
        Some(rank) => {
            if let Some(spec) = days::day_in_heading(text) {
                return Cand::Day {
                    rank: Some(rank),
                    spec,
                    label: text,
                };
            }
            if text.is_empty() {
                Cand::Text
            } else {
                Cand::Heading { rank, text }
            }
        }
        None => Cand::Text,
    }
}

/// `**Title**` or `__Title__` alone on a line: the text inside.
fn bold_line(content: &str) -> Option<&str> {
    for mark in ["**", "__"] {
        if let Some(inner) = content
            .strip_prefix(mark)
            .and_then(|r| r.strip_suffix(mark))
            && !inner.is_empty()
            && !inner.contains(mark)
            && !inner.starts_with(' ')
            && inner.chars().count() <= 120
        {
            return Some(inner.trim());
        }
    }
    None
}

/// `- **Title**`, `* **Title** - Speaker`: a bullet whose item opens with a bold title
/// and has nothing after it but a separator and a speaker. The item's text.
fn bold_bullet(line: &str) -> Option<&str> {
    bold_lead(bullet_item(line)?)
}

/// `**Title** by [Name](url) (Company)` as a line of its own, the way blog posts list
/// their talks: a bold title and, after a separator, the people. Prose that opens in
/// bold (`**Note**, the room moved`) names no one after it and stays text.
fn bold_title_line(content: &str) -> Option<&str> {
    let item = bold_lead(content)?;
    let rest = item.strip_prefix("**")?;
    let after = rest[rest.find("**")? + 2..].trim();
    (!after.is_empty() && !super::titles::read(item, None).speakers.is_empty()).then_some(item)
}

/// Text that opens with a bold title and has nothing after it but a separator and a
/// speaker.
fn bold_lead(item: &str) -> Option<&str> {
    let inner = item.strip_prefix("**")?;
    let close = inner.find("**")?;
    let bold = inner[..close].trim();
    let after = inner[close + 2..].trim_start();
    let after_ok = after.is_empty()
        || [" - ", "- ", "– ", "— ", ", ", "by ", "(", "| "]
            .iter()
            .any(|sep| after.starts_with(sep.trim_start()) && after.len() > sep.len());
    (!bold.is_empty() && !bold.ends_with(':') && after_ok).then_some(item)
}

/// The item of a top-level list line: `- item`, `* item`, `+ item`, `1. item`, `2) item`.
fn bullet_item(line: &str) -> Option<&str> {
    if let Some(item) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
    {
        return Some(item.trim());
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    line[digits..]
        .strip_prefix(". ")
        .or_else(|| line[digits..].strip_prefix(") "))
        .map(str::trim)
}

/// A top-level list item with indented lines under it, whose own line names a
/// speaker the way a title line does (`- Parsing notes - Erica Dubach`): a talk in a
/// file that lists its talks.
fn talk_bullet<'a>(lines: &[&'a str], i: usize) -> Option<&'a str> {
    let item = bullet_item(lines[i])?;
    let child = lines[i + 1..].iter().find(|l| !l.trim().is_empty())?;
    if !(child.starts_with('\t') || child.starts_with("  ")) {
        return None;
    }
    let read = super::titles::read(item, None);
    (!read.speakers.is_empty() && !read.title.is_empty()).then_some(item)
}

/// A list item at any indent of up to four spaces: its indent and its text.
fn list_item(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    (indent <= 4)
        .then(|| bullet_item(&line[indent..]))
        .flatten()
        .map(|item| (indent, item))
}

/// Media links written after a talk on its line (`([video](url))`, `[slides](url)`):
/// their labels.
const MEDIA_LABELS: &[&str] = &[
    "video",
    "slides",
    "text",
    "audio",
    "recording",
    "transcript",
    "talk",
    "vidéo",
    "folien",
    "diapos",
    "diapositivas",
    "pdf",
    "youtube",
];

/// The line without the media links and dangling separators at its end: `Title —
/// Ada Lovelace ([video](url)) -` → `Title — Ada Lovelace`.
pub fn without_trailing_media(text: &str) -> &str {
    let mut t = text.trim_end();
    loop {
        let before = t;
        t = t
            .trim_end_matches([' ', '-', '–', '—', ':', ','])
            .trim_end();
        if let Some(inner) = t.strip_suffix("))")
            && let Some(open) = inner.rfind("([")
            && inner[open + 2..]
                .split_once("](")
                .is_some_and(|(label, _)| {
                    MEDIA_LABELS.contains(&label.trim().to_lowercase().as_str())
                })
        {
            t = t[..open].trim_end();
        } else if let Some(inner) = t.strip_suffix(')')
            && let Some(open) = inner.rfind(" [")
            && inner[open + 2..]
                .split_once("](")
                .is_some_and(|(label, _)| {
                    MEDIA_LABELS.contains(&label.trim().to_lowercase().as_str())
                })
        {
            t = t[..open].trim_end();
        }
        if t == before || t.is_empty() {
            return if t.is_empty() { text.trim_end() } else { t };
        }
    }
}

/// Lines of a list of talks: three or more sibling list items (any indent up to four
/// spaces; wrapped lines and notes indented under them, blank lines between) of which
/// at least three, and half, read as a title line naming its speakers (`- Title —
/// Ada Lovelace ([video](url))`, `- [Title](url) _by Ada Lovelace_ -`) or as a time
/// line (`- 11:00 Title`, a programme). Each such item's text, by line.
fn talk_list<'a>(lines: &[&'a str], in_code: &[bool]) -> Vec<Option<&'a str>> {
    let mut out = vec![None; lines.len()];
    let mut listed = false;
    let mut i = 0;
    while i < lines.len() {
        let Some((indent, _)) = (!in_code[i]).then(|| list_item(lines[i])).flatten() else {
            i += 1;
            continue;
        };
        // The run of siblings at this indent.
        let mut run = vec![i];
        let mut j = i + 1;
        while j < lines.len() {
            let line = lines[j];
            let own = line.len() - line.trim_start_matches(' ').len();
            if in_code[j] || line.trim().is_empty() || own > indent {
                j += 1;
                continue;
            }
            match list_item(line) {
                Some((at, _)) if at == indent => {
                    run.push(j);
                    j += 1;
                }
                _ => break,
            }
        }
        // Fewer than three items are never a first list of talks: not worth reading.
        if !listed && run.len() < 3 {
            i = j.max(i + 1);
            continue;
        }
        // Which side of the separator the people stand on, by the items that say it
        // clearly; then every item is read that way, with its wrapped lines joined.
        let items: Vec<(usize, &str)> = run
            .iter()
            .filter_map(|&k| Some((k, list_item(lines[k])?.1)))
            .collect();
        let (mut right, mut left) = (0, 0);
        for (_, item) in &items {
            match super::titles::lean(without_trailing_media(item)) {
                Some(super::titles::Side::Right) => right += 1,
                Some(super::titles::Side::Left) => left += 1,
                None => {}
            }
        }
        let side = if right >= 2 && right > 2 * left {
            Some(super::titles::Side::Right)
        } else if left >= 2 && left > 2 * right {
            Some(super::titles::Side::Left)
        } else {
            None
        };
        let names = |text: &str| {
            if times::time_marker(text).is_some() {
                // A programme: `- 11:00 Title`.
                return true;
            }
            let read = super::titles::read(without_trailing_media(text), side);
            !read.speakers.is_empty() && !read.title.is_empty()
        };
        let is_talk = |&(k, item): &(usize, &str)| {
            if names(item) {
                return true;
            }
            // `- A title that wraps —` / `  Ada Lovelace ([video](url))`: the item
            // with its wrapped lines (copied only when it has any).
            let mut joined = String::new();
            for line in lines.iter().skip(k + 1) {
                let own = line.len() - line.trim_start_matches(' ').len();
                if line.trim().is_empty() || own <= indent || list_item(line).is_some() {
                    break;
                }
                if joined.is_empty() {
                    joined.push_str(item);
                }
                joined.push(' ');
                joined.push_str(line.trim());
            }
            !joined.is_empty() && names(&without_description(&joined))
        };
        // The talks the run needs (three, and half of it): once the items not yet read
        // cannot make up for those that are not talks, the rest go unread. After a list
        // of talks every item of a later run counts (see `again`), so all are read.
        let need = run.len().div_ceil(2).max(3);
        let mut unread = items.len();
        let mut talks: Vec<(usize, &str)> = Vec::new();
        for item in items {
            if !listed && talks.len() + unread < need {
                break;
            }
            unread -= 1;
            if is_talk(&item) {
                talks.push(item);
            }
        }
        // A file that lists its talks once lists more the same way: a later run of
        // talks only (`Two more talks from the day before:`) is one too.
        let again = listed && !talks.is_empty() && talks.len() == run.len();
        if (talks.len() >= 3 && 2 * talks.len() >= run.len()) || again {
            listed = true;
            for (k, item) in talks {
                out[k] = Some(item);
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// A wrapped talk item without the description after its speaker: `[Title](url) _by_
/// [_Ada_](url) - a tour of engines` → `[Title](url) _by_ [_Ada_](url)`: the first
/// ` - ` after `by` that opens lower-case words. No-break spaces read as spaces.
fn without_description(text: &str) -> String {
    let text = text.replace('\u{a0}', " ");
    let Some(by) = [" by ", " _by_ ", " *by* ", " _by "]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
    else {
        return text;
    };
    let mut from = by;
    while let Some(at) = text[from..].find(" - ").map(|i| from + i) {
        if text[at + 3..].starts_with(char::is_lowercase) {
            return text[..at].trim_end().to_string();
        }
        from = at + 3;
    }
    text
}

/// The head of a paragraph that opens with a linked talk and describes it after a
/// colon: `[Title](url) (Ada Lovelace)` of `[Title](url) (Ada Lovelace): A talk on...`,
/// `[Title (Ada Lovelace)](url)` of `[Title (Ada Lovelace)](url): ...`.
fn link_head(line: &str) -> Option<&str> {
    if !line.starts_with('[') {
        return None;
    }
    let close = line.find("](")?;
    let mut end = close + 2 + line[close + 2..].find(')')? + 1;
    if let Some(rest) = line[end..].strip_prefix(" (") {
        end += 2 + rest.find(')')? + 1;
    }
    line[end..].starts_with(':').then_some(&line[..end])
}

/// Paragraphs that each open with a linked talk naming its speaker, then a colon and
/// what it was about: a blog post's list of talks. Three or more, and most of the
/// paragraphs that open with a link; each one's head, by line.
fn link_paragraphs<'a>(lines: &[&'a str], in_code: &[bool]) -> Vec<Option<&'a str>> {
    let mut out = vec![None; lines.len()];
    let mut opening = 0;
    let mut talks = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let starts =
            !in_code[i] && line.starts_with('[') && (i == 0 || lines[i - 1].trim().is_empty());
        if !starts {
            continue;
        }
        opening += 1;
        if let Some(head) = link_head(line) {
            let read = super::titles::read(head, Some(super::titles::Side::Right));
            if !read.speakers.is_empty() && !read.title.is_empty() {
                talks.push((i, head));
            }
        }
    }
    if talks.len() >= 3 && 2 * talks.len() > opening {
        for (i, head) in talks {
            out[i] = Some(head);
        }
    }
    out
}

/// `* Title`, `** Title` in an org-mode file.
fn org_heading(line: &str) -> Option<(u8, &str)> {
    let stars = line.bytes().take_while(|&b| b == b'*').count();
    let text = line[stars..].strip_prefix(' ')?.trim();
    (stars > 0 && stars <= 6 && !text.is_empty()).then_some((stars as u8, text))
}

/// The value of an org `#+TITLE:` line, when it has one.
fn org_title(line: &str) -> Option<&str> {
    let (key, value) = line.strip_prefix("#+")?.split_once(':')?;
    let value = value.trim();
    (key.eq_ignore_ascii_case("title") && !value.is_empty()).then_some(value)
}

/// `#+TITLE: ...`: the file is org-mode.
fn is_org_setting(line: &str) -> bool {
    line.strip_prefix("#+").is_some_and(|r| {
        r.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty() && k.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
        })
    })
}

/// Which lines are inside fenced code (the fences included).
fn fenced(lines: &[&str]) -> Vec<bool> {
    let mut fence: Option<(char, usize)> = None;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let t = line.trim_start();
            let fence_char = t.chars().next().filter(|c| *c == '`' || *c == '~');
            let run = fence_char.map_or(0, |c| t.chars().take_while(|&x| x == c).count());
            match fence {
                Some((c, n)) => {
                    if fence_char == Some(c) && run >= n && t[run..].trim().is_empty() {
                        fence = None;
                    }
                    true
                }
                // `~~~~` under a line of its length is a reStructuredText underline.
                None if run >= 3
                    && fence_char == Some('~')
                    && t.trim_end().chars().all(|x| x == '~')
                    && i > 0
                    && !lines[i - 1].trim().is_empty()
                    && run >= lines[i - 1].trim().chars().count() =>
                {
                    false
                }
                None if run >= 3 => {
                    fence = fence_char.map(|c| (c, run));
                    true
                }
                None => false,
            }
        })
        .collect()
}

/// A line made of one punctuation character repeated: the underline of a heading.
fn underline_char(line: &str) -> Option<char> {
    let t = line.trim_end();
    let c = t.chars().next()?;
    let ok = matches!(
        c,
        '=' | '-' | '~' | '^' | '"' | '\'' | '`' | '#' | '*' | '+' | ':' | '.' | '_'
    );
    (ok && t.chars().count() >= 3 && t.chars().all(|x| x == c)).then_some(c)
}

/// The heading styles of the file, by order of first use: reStructuredText ranks its
/// headings so. A file that uses only `=` and `-` underlines is read as Markdown
/// setext: `=` first, `-` second.
fn underline_ranks(lines: &[&str], in_code: &[bool]) -> Vec<(char, bool)> {
    let mut styles: Vec<(char, bool)> = Vec::new();
    for i in 1..lines.len() {
        if in_code[i] || in_code[i - 1] {
            continue;
        }
        if let Some(c) = underline_char(lines[i])
            && heading_text_fits(lines[i - 1], lines[i])
        {
            let over = i >= 2 && underline_char(lines[i - 2]) == Some(c) && !closes(lines, i - 2);
            if !styles.contains(&(c, over)) {
                styles.push((c, over));
            }
        }
    }
    if styles
        .iter()
        .all(|(c, over)| !over && matches!(c, '=' | '-'))
    {
        styles.sort_by_key(|(c, _)| *c != '=');
        if styles == [('-', false)] {
            styles.insert(0, ('=', false));
        }
    }
    styles
}

/// Whether `text` can be the text of a heading underlined by `under`: not blank, not
/// itself markup, and (for characters other than `=` and `-`) no longer than the line.
fn heading_text_fits(text: &str, under: &str) -> bool {
    let t = text.trim();
    let c = under.trim().chars().next();
    t.chars().any(char::is_alphanumeric)
        && !text.starts_with([' ', '\t'])
        && underline_char(text).is_none()
        && heading(text).is_none()
        && !t.starts_with(['-', '*', '+', '>', '|', '<'])
        && t.chars().count() <= 120
        && match c {
            // `---` under a short line is as often a thematic break: a setext heading
            // is underlined most of its length.
            Some('-') => {
                let n = under.trim().chars().count();
                n >= 3 && 2 * n >= t.chars().count()
            }
            Some('=') => under.trim().chars().count() >= 3,
            _ => under.trim().chars().count() >= t.chars().count(),
        }
}

/// Whether line `k` is the underline of a heading whose text is on the line above
/// (and not an overline: an overline has a blank line or nothing above it).
fn closes(lines: &[&str], k: usize) -> bool {
    k >= 1
        && underline_char(lines[k]).is_some()
        && heading_text_fits(lines[k - 1], lines[k])
        && (k < 2 || lines[k - 2].trim().is_empty() || underline_char(lines[k - 2]).is_some())
}

/// Whether line `i` is a heading's text with the underline on line `i + 1`: its rank
/// and whether an overline sits on line `i - 1`.
fn underlined(
    lines: &[&str],
    in_code: &[bool],
    i: usize,
    ranks: &[(char, bool)],
) -> Option<(u8, bool)> {
    let under = lines.get(i + 1)?;
    if in_code.get(i + 1).copied().unwrap_or(true) {
        return None;
    }
    let c = underline_char(under)?;
    if !heading_text_fits(lines[i], under) {
        return None;
    }
    // Setext headings follow a blank line (or nothing): the last line of a paragraph
    // over `---` is a heading in Markdown too, but in notes it is seldom meant so.
    // The underline of the heading just above (a session right under its day's
    // heading) is not an overline, and stands in for the blank line.
    let after_heading = i >= 1 && closes(lines, i - 1);
    let over = i >= 1 && underline_char(lines[i - 1]) == Some(c) && !after_heading;
    // A comment reads as a blank line.
    if i >= 1
        && !over
        && !after_heading
        && !lines[i - 1].trim().is_empty()
        && !is_comment(lines[i - 1])
    {
        return None;
    }
    let rank = ranks.iter().position(|&s| s == (c, over))? + 1;
    Some((rank.min(6) as u8, over))
}

#[cfg(test)]
#[path = "candidates_tests.rs"]
mod tests;
