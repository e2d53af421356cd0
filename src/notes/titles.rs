//! Title lines: the plain title without enumerators (`A.`, `1.`, `#3`, `Talk 2:`) and
//! Markdown decoration, and the speakers written on the title line itself
//! (`Title - Speaker`, `Speaker - Title`, `Title (Speaker)`, `Title, [Speaker](url)`,
//! `Title by Speaker`, `Interview w/ Name`).

pub use super::decoration::{plain, strip_enumerator};
use super::names::{self, Strength};
use super::speakers;
use crate::model::Speaker;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// Which side of ` - ` the person stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `Title - Speaker`
    Right,
    /// `Speaker - Title`
    Left,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Right => "Title - Speaker",
            Side::Left => "Speaker - Title",
        }
    }
}

const SEPARATORS: &[&str] = &[" - ", " – ", " — ", " | ", " · "];

/// Whether `text` holds one of [`SEPARATORS`]. Most text holds none of their marks,
/// which one pass over the bytes rules out before the search for each separator.
fn has_separator(text: &str) -> bool {
    separator_marks(text) && SEPARATORS.iter().any(|sep| text.contains(sep))
}

/// Whether `text` may hold a separator: a `-` or `|`, or the first byte of `–`, `—`
/// or `·`. A pass over every byte without an early exit, which the compiler turns
/// into a test of many bytes at once.
fn separator_marks(text: &str) -> bool {
    text.bytes().fold(false, |seen, b| {
        seen | matches!(b, b'-' | b'|' | 0xE2 | 0xC2)
    })
}

/// Whether `text` may hold one of the separators after a format word (`: `, ` - `,
/// ` – `, ` — `, ` | `), as [`separator_marks`] with the colon.
fn format_marks(text: &str) -> bool {
    text.bytes().fold(false, |seen, b| {
        seen | matches!(b, b':' | b'-' | b'|' | 0xE2)
    })
}

/// Words naming a session's format, written in front of its title.
const FORMAT_WORDS: &[&str] = &[
    "keynote",
    "opening keynote",
    "closing keynote",
    "talk",
    "panel",
    "workshop",
    "lightning talk",
    "session",
    "interview",
    "fireside chat",
    "tutorial",
    "presentation",
    "présentation",
    "demo",
    "vortrag",
    "conférence",
    "キーノート",
];

/// The readings of one file's title lines so far, by the line's text: a line is asked
/// about by the candidates, the file's votes and the final reading, with the same
/// answer each time (a reading depends on its text and the convention asked alone).
#[derive(Default)]
struct Memo {
    /// [`read_as`], by the convention asked: no side, right, left; each without and
    /// with format people.
    read: HashMap<String, [Option<TitleLine>; 6]>,
    lean: HashMap<String, Option<Option<Side>>>,
    format_person: HashMap<String, Option<Option<Strength>>>,
}

thread_local! {
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// Runs `f` (the reading of one file) with each title line read once: a second
/// reading of the same text, with the same convention, is a copy of the first.
/// Outside `f` (and on other threads) every reading is worked out afresh.
pub fn memoised<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Memo>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            MEMO.with(|m| *m.borrow_mut() = outer);
        }
    }
    let _restore = Restore(MEMO.with(|m| m.replace(Some(Memo::default()))));
    f()
}

/// The memo's answer for `text` (in the place `slot` picks among its answers), or
/// `work`'s, then kept. The memo is not held while `work` runs, so a reading may ask
/// for another.
fn remembered<V: Default, T: Clone>(
    map: fn(&mut Memo) -> &mut HashMap<String, V>,
    text: &str,
    slot: impl Fn(&mut V) -> &mut Option<T>,
    work: impl FnOnce() -> T,
) -> T {
    let seen = MEMO.with(|m| {
        let mut m = m.try_borrow_mut().ok()?;
        let answers = map(m.as_mut()?).get_mut(text)?;
        slot(answers).clone()
    });
    if let Some(seen) = seen {
        return seen;
    }
    let answer = work();
    MEMO.with(|m| {
        if let Ok(mut m) = m.try_borrow_mut()
            && let Some(memo) = m.as_mut()
        {
            let map = map(memo);
            if !map.contains_key(text) {
                map.insert(text.to_string(), V::default());
            }
            if let Some(answers) = map.get_mut(text) {
                *slot(answers) = Some(answer.clone());
            }
        }
    });
    answer
}

/// A title line read: the plain title and the speakers it names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TitleLine {
    pub title: String,
    pub speakers: Vec<Speaker>,
    /// The speakers' part of the line as plain text, shown as the speaker line.
    pub speaker_text: Option<String>,
    /// How the speakers were found, for `inspect --explain`.
    pub why: Option<&'static str>,
    /// The person stood before the title (`Name - Role`).
    pub name_first: bool,
}

/// People in a piece of a title line: each with its strength; `None` if a piece is not
/// a person.
fn people(part: &str) -> Option<(Vec<Speaker>, Strength)> {
    let text = plain(part);
    if text.is_empty() {
        return None;
    }
    let found = speakers::split(&text);
    let mut weakest = Strength::Known;
    let mut any_known = false;
    for sp in &found {
        let s = names::person(&sp.name);
        if s == Strength::No {
            return None;
        }
        weakest = weakest.min(s);
        any_known |= s == Strength::Known;
    }
    if found.is_empty() {
        return None;
    }
    let links = links_in(part);
    let has_link = !links.is_empty();
    let found = found
        .into_iter()
        .map(|mut sp| {
            sp.url = links
                .iter()
                .find(|(label, _)| *label == sp.name)
                .map(|(_, url)| url.to_string());
            sp
        })
        .collect();
    let strength = if any_known || has_link {
        Strength::Known
    } else {
        weakest
    };
    Some((found, strength))
}

/// The Markdown links of a text: (label, url).
fn links_in(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open..];
        let Some(close) = after.find(')') else { break };
        if let Some(pair) = names::link(&after[..=close]) {
            out.push(pair);
        }
        rest = &after[1..];
    }
    out
}

/// The split at the last (for [`Side::Right`]) or first separator.
fn split_at(text: &str, side: Side) -> Option<(&str, &str)> {
    // Most lines hold none of the separators' marks: one pass over the bytes rules
    // them out before the walk over the spaces.
    if !separator_marks(text) {
        return None;
    }
    // Every separator opens with a space: one pass over the spaces finds the first (or
    // last) place any of them stands, where a search per separator took five.
    let bytes = text.as_bytes();
    let at = |i: usize| {
        // The byte after the space tells most spaces from a separator's (`-`, `|`,
        // and the first byte of `–`, `—` and `·`).
        if !matches!(bytes.get(i + 1), Some(b'-' | b'|' | 0xE2 | 0xC2)) {
            return None;
        }
        SEPARATORS
            .iter()
            .find(|sep| bytes[i..].starts_with(sep.as_bytes()))
            .map(|sep| (i, sep.len()))
    };
    let mut spaces = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b' ')
        .map(|(i, _)| i);
    let (i, len) = match side {
        Side::Right => spaces.rev().find_map(at)?,
        Side::Left => spaces.find_map(at)?,
    };
    let (a, b) = (text[..i].trim(), text[i + len..].trim());
    (!a.is_empty() && !b.is_empty()).then_some((a, b))
}

/// `text` with a no-break space between words read as a space (copied only when it
/// has one).
fn spaced(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\u{a0}') {
        text.replace('\u{a0}', " ").into()
    } else {
        text.into()
    }
}

/// Which side of a separator this line alone puts the person on, if it says so
/// clearly: a known name on one side and no name on the other. The votes of all the
/// title lines make the file's convention.
pub fn lean(text: &str) -> Option<Side> {
    remembered(|m| &mut m.lean, text, |answer| answer, || lean_afresh(text))
}

/// [`lean`] worked out.
fn lean_afresh(text: &str) -> Option<Side> {
    let text = spaced(text);
    let text = strip_enumerator(&text);
    // `Title (Ada Lovelace)`, `[Title (Ada Lovelace)](url)`: a known name in
    // parentheses after the title.
    let bare = super::candidates::without_trailing_media(text);
    let bare = match names::link(bare) {
        Some((label, _)) if label.ends_with(')') => label,
        _ => bare,
    };
    if let Some(inner) = bare.strip_suffix(')')
        && let Some(open) = inner.rfind(" (")
        && people(&inner[open + 2..]).is_some_and(|(_, s)| s == Strength::Known)
        && people(&inner[..open]).is_none()
    {
        return Some(Side::Right);
    }
    // `*Title;* Ada Lovelace`: a title in emphasis, then a known name.
    if let Some((title, rest)) = emphasised_lead(text)
        && people(rest).is_some_and(|(_, s)| s == Strength::Known)
        && people(title).is_none()
    {
        return Some(Side::Right);
    }
    for side in [Side::Right, Side::Left] {
        let Some((a, b)) = split_at(side_text(text, side), side) else {
            continue;
        };
        let (person, other) = match side {
            Side::Right => (b, a),
            Side::Left => (a, b),
        };
        if people(person).is_some_and(|(_, s)| s == Strength::Known) && people(other).is_none() {
            return Some(side);
        }
    }
    None
}

/// The people after a format word: a list of names (`Ada Lovelace, Alan Turing, ?`:
/// an unknown one written as `?` is left out), each without the titles in front
/// (`Dr`, `Lt. Col`). Known names, or with `by_convention` (the file's format lines
/// name people) a name's shape or one capitalised word (`Lightning Talk 1: Cosmo`).
fn format_people(part: &str, by_convention: bool) -> Option<(Vec<Speaker>, Strength)> {
    let cleaned: Vec<&str> = part
        .trim()
        .trim_end_matches(['_', '*', ' '])
        .split(',')
        .map(str::trim)
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect();
    let text = cleaned.join(", ");
    if text.is_empty() {
        return None;
    }
    // `Ada Lovelace, Alan Turing, Grace Hopper`: every piece a name, no `and` needed.
    let pieces: Vec<Strength> = cleaned.iter().map(|p| names::person(p)).collect();
    if cleaned.len() >= 2
        && pieces.iter().all(|&s| s >= Strength::Shape)
        && (by_convention || pieces.contains(&Strength::Known))
    {
        let found = cleaned
            .iter()
            .map(|p| Speaker {
                name: names::strip_honorifics(&plain(p)).to_string(),
                affiliation: None,
                url: links_in(p).first().map(|(_, url)| url.to_string()),
            })
            .collect();
        return Some((found, pieces.into_iter().max().unwrap_or(Strength::Shape)));
    }
    let (mut found, strength) = match people(&text) {
        Some(found) => found,
        None if by_convention && one_word_name(&text) => {
            (speakers::split(&plain(&text)), Strength::Shape)
        }
        None => return None,
    };
    if strength < Strength::Known && !by_convention {
        return None;
    }
    for sp in &mut found {
        sp.name = names::strip_honorifics(&sp.name).to_string();
    }
    Some((found, strength))
}

/// One word that may be a person's first name or handle where the line's place says
/// "speaker" (`Glyph`, `M4dz`, `Cosmo`): capitalised, letters (and digits), not a word
/// that opens titles or names an organisation.
pub(super) fn one_word_name(text: &str) -> bool {
    let w = plain(text);
    let lower = w.to_lowercase();
    !w.contains(char::is_whitespace)
        && w.chars().count() >= 2
        && w.starts_with(|c: char| c.is_uppercase())
        && w.chars().all(char::is_alphanumeric)
        && w.chars().skip(1).any(char::is_lowercase)
        && names::person(&format!("{w} Example")) != Strength::No
        && !names::ORG_WORDS.contains(&lower.as_str())
}

/// `Keynote: Ada Lovelace (@ada)`: the whole line as the title (until a topic comes
/// under it), the person (without an honorific or a handle in parentheses) as the
/// speaker. `Presentation 1: Maze-API: Ada Lovelace, Alan Turing`: the topic between
/// the format word and the people is the title.
fn format_and_person(text: &str, by_convention: bool) -> Option<TitleLine> {
    // Every separator here holds one of these marks, which most titles lack.
    if !format_marks(text) {
        return None;
    }
    let (head, part) = [": ", " - ", " – ", " — ", " | "]
        .iter()
        .find_map(|sep| text.split_once(sep))?;
    if !is_format_word(head) {
        return None;
    }
    if let Some((topic, names_part)) = part.rsplit_once(": ")
        && !has_separator(names_part)
        && plain(topic).chars().any(char::is_alphabetic)
        && people(topic).is_none()
        && let Some((found, _)) = format_people(names_part, by_convention)
    {
        return Some(TitleLine {
            title: plain(topic),
            speakers: found,
            speaker_text: Some(plain(names_part)),
            why: Some("a format word, the topic, then the people"),
            name_first: false,
        });
    }
    if has_separator(part) {
        return None;
    }
    let mut name = part.trim();
    let mut handle = false;
    if let Some(inner) = name.strip_suffix(')')
        && let Some(open) = inner.rfind(" (")
        && names::is_handle(&inner[open + 2..])
    {
        name = inner[..open].trim();
        handle = true;
    }
    let (found, _) = format_people(name, by_convention || handle)?;
    Some(TitleLine {
        title: plain(text),
        speakers: found,
        speaker_text: Some(plain(part)),
        why: Some(if by_convention {
            "a format word, then a person (as on the file's other format lines)"
        } else {
            "a format word, then a person"
        }),
        name_first: true,
    })
}

/// Whether a format line names a person after its format word, and how surely: for
/// the file's vote on what follows `Keynote:` (see [`read_as`]).
pub fn format_person(text: &str) -> Option<Strength> {
    remembered(
        |m| &mut m.format_person,
        text,
        |answer| answer,
        || format_person_afresh(text),
    )
}

/// [`format_person`] worked out.
fn format_person_afresh(text: &str) -> Option<Strength> {
    if !has_format_head(strip_enumerator(text)) {
        return None;
    }
    Some(
        format_and_person(strip_enumerator(text), true)
            .and_then(|read| read.speakers.iter().map(|s| names::person(&s.name)).min())
            .unwrap_or(Strength::No),
    )
}

/// Whether a title opens with a format word before a separator (`Keynote: ...`).
pub(super) fn has_format_head(title: &str) -> bool {
    format_marks(title)
        && [": ", " - ", " – ", " — ", " | "].iter().any(|sep| {
            title
                .split_once(sep)
                .is_some_and(|(head, _)| is_format_word(head))
        })
}

/// A format word, maybe numbered: `Keynote`, `Lightning Talk 2`, `Talk #3`.
pub(super) fn is_format_word(text: &str) -> bool {
    let lower = plain(text).to_lowercase();
    let bare = lower
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end_matches(['#', ' ']);
    FORMAT_WORDS.contains(&lower.as_str())
        || (bare.len() < lower.len() && FORMAT_WORDS.contains(&bare))
}

/// The text a side is looked for in: for `Speaker - Title`, after a format word in
/// front (`Keynote - Speaker - Title`).
fn side_text(text: &str, side: Side) -> &str {
    if side == Side::Right {
        return text;
    }
    match split_at(text, Side::Left) {
        Some((head, rest)) if is_format_word(head) => rest,
        _ => text,
    }
}

/// Why a title was read as its speaker's name alone.
pub const PERSON_TITLE: &str = "the title is a person's name";

/// Reads a title line by the file's convention (`conv`), falling back to what the line
/// itself shows clearly.
pub fn read(text: &str, conv: Option<Side>) -> TitleLine {
    read_as(text, conv, false)
}

/// [`read`], and with `format_people` (most of the file's `Keynote: ...` lines name a
/// person after the format word) a name's shape or one word after a format word is a
/// person too (`Keynote: Sha`, `Lightning Talk 1: Cosmo`).
pub fn read_as(text: &str, conv: Option<Side>, format_people: bool) -> TitleLine {
    let slot = match conv {
        None => 0,
        Some(Side::Right) => 1,
        Some(Side::Left) => 2,
    } + if format_people { 3 } else { 0 };
    remembered(
        |m| &mut m.read,
        text,
        |answers| &mut answers[slot],
        || read_afresh(text, conv, format_people),
    )
}

/// [`read_as`] worked out.
fn read_afresh(text: &str, conv: Option<Side>, format_people: bool) -> TitleLine {
    let text = spaced(text);
    let text = super::candidates::without_trailing_media(strip_enumerator(&text));
    // `[Title (Ada Lovelace)](url)`, `[Ada Lovelace - Title](url)`: the whole line one
    // link; its label is read.
    let mut whole_link = false;
    let text = match names::link(text) {
        Some((label, _)) if label.ends_with(')') || has_separator(label) => {
            whole_link = true;
            label
        }
        _ => text,
    };
    // `[Title](url) _by_ [_Ada_](url)`, `Title _by Ada_`: `by` in emphasis.
    let by_mark;
    let text = match [" _by_ ", " *by* ", " _by ", " *by "]
        .iter()
        // Every mark holds a `y`, which most titles lack.
        .filter(|_| text.contains('y'))
        .find_map(|m| text.find(m).map(|at| (at, m.len())))
    {
        Some((at, len)) if !text.contains(" by ") => {
            let mark = &text[at + 1..at + len - 1];
            let reopen = if mark.ends_with(['_', '*']) {
                ""
            } else {
                &mark[..1]
            };
            by_mark = format!("{} by {reopen}{}", &text[..at], &text[at + len..]);
            by_mark.as_str()
        }
        _ => text,
    };
    let glued;
    // `Lt. Col Enrique Oti- DIUX`: a dash glued to the name is a separator too.
    let text = if !has_separator(text)
        && let Some(at) = text.find("- ")
        && text[..at].ends_with(char::is_alphabetic)
        && people(&text[..at]).is_some()
    {
        glued = format!("{} - {}", &text[..at], &text[at + 2..]);
        glued.as_str()
    } else {
        text
    };
    let done = |title: &str, found: (Vec<Speaker>, Strength), part: &str, why| TitleLine {
        title: plain(title),
        speakers: found.0,
        speaker_text: Some(plain(part)),
        why: Some(why),
        name_first: false,
    };
    // `Title. Lead: handle`, `Title? Leads: Ada Lovelace and r2d4`: a label after the
    // title says who; names or handles.
    if let Some((title, part)) = labelled_people(text) {
        let found = speakers::split(&plain(part));
        if !found.is_empty() {
            return done(
                title,
                (found, Strength::Known),
                part,
                "people after a label in the title (Lead:)",
            );
        }
    }
    // `Ada Lovelace, on engines`: the person, then what they spoke on.
    if let Some((person, topic)) = super::title_tail::speaker_on(text) {
        return TitleLine {
            title: plain(&topic),
            speakers: speakers::split(&person),
            speaker_text: Some(person),
            why: Some("a person, then what they spoke on (`Name, on Topic`)"),
            // The topic is read already: no topic heading is looked for under it.
            name_first: false,
        };
    }
    // `Title as a sentence. Ada Lovelace (Example Labs)`: the speaker after the stop.
    if let Some((title, part)) = super::title_tail::after_sentence(text)
        && let Some(found) = people(part).filter(|(_, s)| *s == Strength::Known)
    {
        return done(
            title,
            found,
            part,
            "speaker after the full stop that ends the title",
        );
    }
    // `Keynote: Ada Lovelace`, `Keynote - Dr Ada Lovelace (@ada)`: a format word and a
    // person; the talk's topic may follow on the next line or heading.
    if let Some(read) = format_and_person(text, format_people) {
        return read;
    }
    // `*Title;* Ada Lovelace (Invited talk)`, `**Title** Ada Lovelace and Alan Turing`:
    // the title in emphasis, then its people.
    if let Some((title, rest)) = emphasised_lead(text)
        && let Some(found) = people(rest).filter(|(_, s)| *s == Strength::Known || conv.is_some())
    {
        return done(title, found, rest, "people after a title in emphasis");
    }
    // `Title (Speaker)`
    if let Some(inner) = text.strip_suffix(')')
        && let Some(open) = inner.rfind(" (")
    {
        let (title, part) = (&inner[..open], &inner[open + 2..]);
        if let Some(found) = people(part).filter(|(_, s)| *s == Strength::Known || conv.is_some()) {
            return done(title, found, part, "speaker in parentheses after the title");
        }
    }
    // `Title, [Speaker](url)`
    if let Some(i) = text.rfind(", [") {
        let part = &text[i + 2..];
        if names::link(part).is_some()
            && let Some(found) = people(part)
        {
            return done(&text[..i], found, part, "linked speaker after a comma");
        }
    }
    // `Title - Speaker` or `Speaker - Title`, the file's way first.
    let order = match conv {
        Some(Side::Left) => [Side::Left, Side::Right],
        _ => [Side::Right, Side::Left],
    };
    for side in order {
        let Some((a, b)) = split_at(side_text(text, side), side) else {
            continue;
        };
        let (part, title) = match side {
            Side::Right => (b, a),
            Side::Left => (a, b),
        };
        let Some(found) = people(part) else { continue };
        let enough = if conv == Some(side) {
            true
        } else {
            // A known name beats words that only have a name's shape (`Kelsey
            // Hightower - Staff Dev Advocate, Google`). A line that is wholly a link
            // (to the speaker's page) vouches for a name's shape facing no name.
            (found.1 == Strength::Known && people(title).is_none_or(|(_, s)| s != Strength::Known))
                || (whole_link && people(title).is_none())
        };
        if enough && !is_format_word(part) {
            let why = match (conv == Some(side), side) {
                (true, _) => "speaker by the file's convention",
                (false, Side::Right) => "known name after the separator",
                (false, Side::Left) => "known name before the separator",
            };
            let mut read = done(title, found, part, why);
            read.name_first = side == Side::Left;
            return read;
        }
    }
    // `Speaker: Title`, when a known name (or, by the file's convention, a name's
    // shape) stands before the colon and no name after it.
    if let Some((part, title)) = text.split_once(": ")
        && !part.contains(['[', '('])
        && !is_format_word(part)
        && let Some(found) = people(part)
        && (found.1 == Strength::Known || conv == Some(Side::Left))
        && people(title).is_none()
        && !title.trim().is_empty()
    {
        let mut read = done(title, found, part, "name before a colon");
        read.name_first = true;
        return read;
    }
    // `Title by Speaker`; `"Title" by Glyph`: after a quoted title, one word will do.
    // (`by` needs a `y`, which a fast byte search rules out first.)
    if let Some(i) = text.contains('y').then(|| text.rfind(" by ")).flatten() {
        let part = &text[i + 4..];
        if let Some(found) = people(part) {
            return done(&text[..i], found, part, "`by` before the speaker");
        }
        let title = text[..i].trim();
        let quoted =
            [('"', '"'), ('“', '”'), ('«', '»'), ('„', '“')]
                .iter()
                .any(|&(open, close)| {
                    title.starts_with(open) && title.ends_with(close) && title.chars().count() > 2
                });
        if quoted && one_word_name(part) {
            let found = (speakers::split(&plain(part)), Strength::Shape);
            return done(title, found, part, "one name after `by` and a quoted title");
        }
    }
    // `Interview w/ Name`: the title keeps its words.
    for word in [" w/ ", " with "] {
        if let Some(i) = text.contains('w').then(|| text.rfind(word)).flatten() {
            let part = &text[i + word.len()..];
            if let Some(found) = people(part).filter(|(_, s)| *s == Strength::Known) {
                return TitleLine {
                    title: plain(text),
                    speakers: found.0,
                    speaker_text: Some(plain(part)),
                    why: Some("`with` before a known name"),
                    name_first: false,
                };
            }
        }
    }
    // `Title Ada Lovelace & Alan Turing`: known names at the end, with no separator.
    if let Some((title, part)) = trailing_names(text)
        && let Some(found) = people(part).filter(|(f, s)| *s == Strength::Known && f.len() >= 2)
    {
        return done(title, found, part, "known names at the end of the title");
    }
    // A title that is only a known person's name: their talk. Where the file's
    // headings name the person first (`Name - Role`), a name's shape is enough.
    if let Some(found) = people(text)
        .filter(|(f, s)| (*s == Strength::Known || conv == Some(Side::Left)) && f.len() <= 3)
    {
        return TitleLine {
            title: plain(text),
            speakers: found.0,
            speaker_text: Some(plain(text)),
            why: Some(PERSON_TITLE),
            name_first: true,
        };
    }
    TitleLine {
        title: plain(dangling_by(text).unwrap_or(text)),
        ..TitleLine::default()
    }
}

/// `[Title](url) _by_` with the names wrapped onto the next line: the title before
/// the dangling `by`. A plain `by` dangles after a link or before a dash (`Title by
/// -`); a title may end in it (`Stand by`).
pub fn dangling_by(text: &str) -> Option<&str> {
    let t = text.trim_end();
    let bare = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'));
    let dash = bare.len() < t.len();
    let rest = if let Some(rest) = bare
        .strip_suffix("_by_")
        .or_else(|| bare.strip_suffix("*by*"))
    {
        rest
    } else {
        let rest = bare.strip_suffix("by")?;
        if !dash && !rest.trim_end().ends_with(')') {
            return None;
        }
        rest
    };
    rest.ends_with(char::is_whitespace)
        .then(|| rest.trim_end())
        .filter(|rest| !rest.is_empty())
}

/// `*Title;* rest`: the title in emphasis (without a trailing `;`, `:` or `,`) and
/// what follows it, past a separator.
fn emphasised_lead(text: &str) -> Option<(&str, &str)> {
    ["**", "__", "*", "_"].iter().find_map(|mark| {
        let inner = text.strip_prefix(mark)?;
        let close = inner.find(mark)?;
        let title = inner[..close]
            .trim()
            .trim_end_matches([';', ':', ','])
            .trim_end();
        let rest = inner[close + mark.len()..]
            .trim_start_matches([',', ';', ':', '-', '–', '—', ' '])
            .trim_end();
        (!title.is_empty() && !rest.is_empty()).then_some((title, rest))
    })
}

/// Labels inside a title line that name who leads the talk.
const PEOPLE_LABELS: &[&str] = &[
    "Lead:",
    "Leads:",
    "Led by:",
    "Speaker:",
    "Speakers:",
    "Presenter:",
    "Presenters:",
    "Moderator:",
    "Host:",
    "Hosts:",
];

/// `Title. Lead: handle`: the title (its closing full stop dropped) and the people
/// after the label, when every one of them is a name or a handle (`thockin`, `r2d4`).
fn labelled_people(text: &str) -> Option<(&str, &str)> {
    // Every label ends in a colon: a line without `: ` holds none (and is spared a
    // search per label).
    if !text.contains(": ") {
        return None;
    }
    let (at, label) = PEOPLE_LABELS
        .iter()
        .filter_map(|l| text.rfind(&format!(" {l} ")).map(|at| (at, *l)))
        .max()?;
    let title = text[..at].trim_end();
    let title = title.strip_suffix('.').unwrap_or(title).trim_end();
    let part = text[at + label.len() + 2..].trim();
    let handle = |w: &str| {
        !w.is_empty()
            && w.chars().count() <= 39
            && w.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'))
            && w.chars().any(char::is_alphabetic)
    };
    let ok = speakers::split(&plain(part)).iter().all(|sp| {
        sp.affiliation.is_none() && (handle(&sp.name) || names::person(&sp.name) >= Strength::Shape)
    });
    (!title.is_empty() && !part.is_empty() && ok).then_some((title, part))
}

/// `Title Ada Lovelace & Alan Turing`: the title and the names after it, split where a
/// known given name starts a run of capitalised words that holds `&` or `and`.
fn trailing_names(text: &str) -> Option<(&str, &str)> {
    if !text.contains(" & ") && !text.contains(" and ") {
        return None;
    }
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0usize, |pos, w| {
            let start = *pos;
            *pos += w.len() + 1;
            Some((start, w))
        })
        .collect();
    for (k, &(start, w)) in words.iter().enumerate() {
        if k == 0 || !names::is_given(w) {
            continue;
        }
        let tail = &words[k..];
        let ok = tail
            .iter()
            .all(|(_, w)| *w == "&" || *w == "and" || w.starts_with(|c: char| c.is_uppercase()));
        if ok && tail.iter().any(|(_, w)| *w == "&" || *w == "and") {
            return Some((text[..start].trim_end(), &text[start..]));
        }
    }
    None
}

#[cfg(test)]
#[path = "titles_tests.rs"]
mod tests;
