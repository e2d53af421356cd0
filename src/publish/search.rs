//! Site search without a server: plenary's own small, chunked index under
//! `search/`, built from the site model. The `/search/` page (rendered with the HTML)
//! runs `search.js`, which fetches `search/meta.json`, then only the term shard of
//! each word typed (`search/t/<prefix>.json`, every word of the site filed under its
//! first two letters) and the chunk of the document table that holds the results it
//! shows (`search/d/<n>.json`). The filters' values and documents come from
//! `search/f.json`, fetched only when a filter is used.
//!
//! Every event, session, speaker and tag is one document. A word scores by where it
//! stands: a document's own title weighs most, then its speakers and tags, then its
//! notes. A session's document holds its own title, speakers and notes, never its
//! event's title: a word only the event's title has finds the event, not its lunch
//! break. Breaks score half, so a talk ranks above the coffee break that shares its
//! words.

use crate::error::Result;
use crate::markdown;
use crate::page::Page;
use crate::slug::slug_words;
use crate::views::{Viewer, date_range};
use pulldown_cmark::{Event, Parser, TagEnd};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the index goes in the output, below the base path.
pub const BUNDLE: &str = "search/";
/// Documents per chunk of the document table: a first query fetches the chunks of
/// its ten best results, so a chunk stays a few KB.
pub const CHUNK: usize = 32;
/// Leading characters of a word that name its shard.
const PREFIX: usize = 2;
/// The weight of a word in a title, a speaker or tag, the rest of the text.
const TITLE: u32 = 8;
const PEOPLE: u32 = 3;
const TEXT: u32 = 1;
/// How often a word of the notes counts at most: a word said ten times is not ten
/// times as relevant.
const TEXT_CAP: u32 = 3;
/// What a reader can narrow results to, by filter name and the label shown: every
/// kind of record the site has.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "event" => "Event",
        "talk" => "Talk",
        "keynote" => "Keynote",
        "panel" => "Panel",
        "workshop" => "Workshop",
        "lightning" => "Lightning talk",
        "break" => "Break",
        "update" => "Update",
        "speaker" => "Speaker",
        "tag" => "Tag",
        _ => "Other",
    }
}

/// One searchable thing, as the results list shows it (a row of `search/d/<n>.json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doc {
    pub title: String,
    /// With the site's base path.
    pub url: String,
    /// Its kind's label: `Talk`, `Event`, `Speaker`.
    pub kind: &'static str,
    /// As the theme shows it: `7 May 2025, 14:50`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// The event a session belongs to, shown with it (never searched in it).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub event: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Its text as a reader sees it (a session's notes, an event's summary and
    /// introduction, a speaker's affiliations), blocks on lines of their own: the
    /// script shows the words around the first match in it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl Doc {
    fn new(kind: &str, title: &str, url: String) -> Doc {
        Doc {
            title: title.to_string(),
            url,
            kind: kind_label(kind),
            date: String::new(),
            event: String::new(),
            place: String::new(),
            speakers: Vec::new(),
            tags: Vec::new(),
            text: String::new(),
        }
    }

    /// The text shown with it: the lines of `texts`, trimmed, blank ones left out.
    fn show(&mut self, texts: &[&str]) {
        let mut out = String::with_capacity(texts.iter().map(|t| t.len()).sum());
        for line in texts.iter().flat_map(|t| t.lines()) {
            let line = line.trim();
            if !line.is_empty() {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(line);
            }
        }
        self.text = out;
    }
}

/// The words of `text` as the index files them: lower case, Latin accents folded as
/// in slugs (`Zürich` is `zurich`, the rule of [`slug_words`]), apostrophes dropped
/// (`Zürich's` is `zurichs`), words of one character left out.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, &mut String::new(), |w| out.push(w.to_string()));
    out
}

/// [`words`] without an allocation a word: each word is handed to `f`, as it stands
/// in `text` when it is already folded (lower case ASCII), else folded into `buf`.
/// Every character is a letter of a word (as [`slug_words`] folds it) or a break
/// between words, but for apostrophes, which are neither.
fn each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    fn flush(buf: &mut String, f: &mut impl FnMut(&str)) {
        // Words of two characters or more.
        if buf.chars().nth(1).is_some() {
            f(buf);
        }
        buf.clear();
    }
    buf.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let run = &text[start..i];
            // A whole word with a break after it (not a letter, not an apostrophe).
            let whole = buf.is_empty()
                && bytes.get(i).is_none_or(|&b| b.is_ascii() && b != b'\'')
                && !run.bytes().any(|c| c.is_ascii_uppercase());
            if whole {
                if run.len() > 1 {
                    f(run);
                }
            } else {
                buf.extend(run.bytes().map(|c| char::from(c.to_ascii_lowercase())));
            }
            continue;
        }
        if b.is_ascii() {
            if b != b'\'' {
                flush(buf, &mut f);
            }
            i += 1;
            continue;
        }
        // `i` is at a character's first byte: only whole characters are skipped.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        // The slug's rule, one character at a time: its folded letters, or nothing
        // for a break (a slug's dash).
        let folded = slug_words(c.encode_utf8(&mut [0; 4]));
        if !folded.is_empty() {
            buf.push_str(&folded);
        } else if c != '’' {
            flush(buf, &mut f);
        }
    }
    flush(buf, &mut f);
}

/// FxHash's rule (rustc's own hasher) for the index's words: far quicker than the
/// standard hasher on short keys, and the keys are the writer's own words, not a
/// stranger's.
#[derive(Default)]
struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        // The product's high bits are its best mixed: the table takes the low ones.
        self.0.rotate_left(26)
    }
}

/// A map by word, with [`WordHasher`].
type ByWord<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The terms of one part of the index (an event and its sessions, or the tags and
/// speakers), each filed once: a term's id is its place in `list`.
struct Terms {
    english: bool,
    /// Each word as the text has it (folded, see [`each_word`]) with its term's id:
    /// the stemmer runs once a distinct word, not once a word of the text.
    written: ByWord<String, u32>,
    /// Each term (a stem, or the word as written) with its id.
    ids: ByWord<String, u32>,
    list: Vec<String>,
}

impl Terms {
    fn new(english: bool) -> Terms {
        Terms {
            english,
            written: ByWord::default(),
            ids: ByWord::default(),
            list: Vec::new(),
        }
    }

    /// The id of the term a word of the text is filed under.
    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.written.get(word) {
            return id;
        }
        let term = if self.english {
            stem(word)
        } else {
            word.to_string()
        };
        let next = self.list.len() as u32;
        let id = *self.ids.entry(term).or_insert_with_key(|term| {
            self.list.push(term.clone());
            next
        });
        self.written.insert(word.to_string(), id);
        id
    }
}

/// One part of the index, built on its own (in parallel with the others): its
/// documents, its terms, and each document's terms with their scores, as
/// (document, term, score), the document by its place in `docs`, the term by its id
/// in `terms`.
struct Part {
    docs: Vec<Doc>,
    terms: Vec<String>,
    hits: Vec<(u32, u32, u32)>,
}

/// Adds documents to a [`Part`], scoring their words as they come.
struct PartBuilder {
    terms: Terms,
    docs: Vec<Doc>,
    hits: Vec<(u32, u32, u32)>,
    /// By term id, for the document being scored: the best weight of a title,
    /// speaker or tag the term is in, and how often the notes say it.
    best: Vec<u32>,
    said: Vec<u32>,
    /// The ids of the terms the document holds, in the order met.
    held: Vec<u32>,
    word: String,
}

impl PartBuilder {
    fn new(english: bool) -> PartBuilder {
        PartBuilder {
            terms: Terms::new(english),
            docs: Vec::new(),
            hits: Vec::new(),
            best: Vec::new(),
            said: Vec::new(),
            held: Vec::new(),
            word: String::new(),
        }
    }

    /// Adds `doc`, searchable by its title, `fields` (text by weight) and its own
    /// text shown, of weight `text` (the notes are [`TEXT`]). A word scores the best
    /// weight it has in the title or a field of more weight than the notes, plus one
    /// for each time the notes say it, at most [`TEXT_CAP`]; a break scores half.
    fn add(&mut self, doc: Doc, fields: &[(u32, &str)], text: u32) {
        let d = self.docs.len() as u32;
        let own = [(TITLE, doc.title.as_str()), (text, doc.text.as_str())];
        for &(weight, text) in own.iter().chain(fields) {
            let PartBuilder {
                terms,
                best,
                said,
                held,
                word,
                ..
            } = self;
            each_word(text, word, |w| {
                let id = terms.id(w);
                let i = id as usize;
                if i >= best.len() {
                    best.resize(i + 1, 0);
                    said.resize(i + 1, 0);
                }
                if best[i] == 0 && said[i] == 0 {
                    held.push(id);
                }
                if weight == TEXT {
                    said[i] += 1;
                } else {
                    best[i] = best[i].max(weight);
                }
            });
        }
        let halve = doc.kind == "Break";
        for &id in &self.held {
            let i = id as usize;
            let mut score = self.best[i] + self.said[i].min(TEXT_CAP) * TEXT;
            if halve {
                score = score.div_ceil(2);
            }
            self.hits.push((d, id, score));
            self.best[i] = 0;
            self.said[i] = 0;
        }
        self.held.clear();
        self.docs.push(doc);
    }

    fn finish(self) -> Part {
        Part {
            docs: self.docs,
            terms: self.terms.list,
            hits: self.hits,
        }
    }
}

/// Whether the index of a site written in `language` (its `language` in
/// `site.toml`, a BCP 47 tag) files English stems: `en`, `en-GB`, `en-US`... Other
/// languages keep their words as written (a query's last word still matches as a
/// prefix).
pub fn stems_english(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    primary.eq_ignore_ascii_case("en")
}

/// A light English stemmer: the inflections of a word (plural, `-ing`, `-ed`, a final
/// `e` or `y`) are taken off, so that `talks` and `talk`, `testing` and `tests` file
/// under one stem (`talk`, `test`). It only ever shortens the end of a word of lower
/// case ASCII letters (as [`words`] gives them) and keeps at least three letters:
/// the stem starts with the same letters as the word, so it is in the same shard.
/// `static/search.js` stems a query with the same rules (`stem`); the table both are
/// tested against is `tests/fixtures/search-stems.txt`.
pub fn stem(word: &str) -> String {
    let b = word.as_bytes();
    if b.len() <= 3 || !b.iter().all(u8::is_ascii_lowercase) {
        return word.to_string();
    }
    let mut w = word.to_string();
    // Plurals and a possessive (`'s` lost its apostrophe in `words`): the `s` goes,
    // not the one of `class`, `status` or `analysis`.
    if w.ends_with('s') && !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
        w.pop();
    }
    // `-ing` and `-ed` when what stays has three letters and a vowel (`thing`,
    // `bring`, `need` stay), then a doubled consonant as one (`running`, `planned`;
    // not `falling`, `passed`).
    for suffix in ["ing", "ed"] {
        let Some(rest) = w.strip_suffix(suffix) else {
            continue;
        };
        let r = rest.as_bytes();
        let n = r.len();
        if n >= 3 && r.iter().copied().any(is_vowel) {
            let keep = if suffix == "ed" && r[n - 1] == b'e' {
                // `agreed`, `freed`: as `agree`, `free`.
                n + 1
            } else if r[n - 1] == r[n - 2] && !is_vowel(r[n - 1]) && !b"lsz".contains(&r[n - 1]) {
                n - 1
            } else {
                n
            };
            w.truncate(keep);
        }
        break;
    }
    // `make` and `making`, `note` and `notes`: a final `e` goes.
    if w.len() > 3 && w.ends_with('e') {
        w.pop();
    }
    // `study`, `studies` and `studied` as `studi`: a final `y` after a consonant.
    let n = w.len();
    if n > 3 && w.ends_with('y') && !is_vowel(w.as_bytes()[n - 2]) {
        w.pop();
        w.push('i');
    }
    w
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// The shard a word is filed in: its first [`PREFIX`] characters, as a file name
/// (ASCII as it is, other characters by their code point in hex).
pub fn shard_of(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().take(PREFIX) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}", c as u32));
        }
    }
    out
}

/// The parts of the site's index, in the order of its documents: each event (the
/// event, then its sessions), then the tags and speakers. `None` as soon as `stop`
/// says so (asked before each event).
fn parts_unless(v: &Viewer<'_>, english: bool, stop: &Stop<'_>) -> Option<Vec<Part>> {
    // The events in parallel: on a big site the index is the last unit of a build to
    // finish, and the text of every session is read again here.
    let mut parts: Vec<Part> = (0..v.site.events.len())
        .into_par_iter()
        .map(|ei| (!stop()).then(|| event_part(v, ei, english)))
        .collect::<Option<_>>()?;
    parts.push(tags_and_speakers(v, english));
    Some(parts)
}

/// The documents of event `ei`: the event, then its sessions.
fn event_part(v: &Viewer<'_>, ei: usize, english: bool) -> Part {
    let mut part = PartBuilder::new(english);
    let event = &v.site.events[ei];
    let rel = v.event_rel(event);
    let summary = v.summary(ei);
    let mut d = Doc::new("event", &event.title, summary.url.clone());
    d.date = summary.date_label.clone();
    d.tags = event.tags.clone();
    if let Some(location) = &event.location {
        d.place = location.clone();
    }
    let preamble = plain_text(&event.preamble);
    let mut shown = vec![event.summary.as_deref().unwrap_or_default(), &preamble];
    let intros: Vec<String> = event.days.iter().map(|d| plain_text(&d.intro)).collect();
    shown.extend(intros.iter().map(String::as_str));
    // The text shown is the summary and the introductions: their words are the
    // event's notes.
    d.show(&shown);
    let mut fields: Vec<(u32, &str)> = event.tags.iter().map(|t| (PEOPLE, t.as_str())).collect();
    fields.extend(event.location.as_deref().map(|l| (PEOPLE, l)));
    part.add(d, &fields, TEXT);

    for (si, session) in event.sessions.iter().enumerate() {
        let brief = v.brief((ei, si), &rel);
        let mut d = Doc::new(brief.kind, &brief.title, brief.url);
        d.event = event.title.clone();
        let date = event
            .session_date(session)
            .map(|d| date_range(Some(d), None));
        d.date = match (date, &brief.time) {
            (Some(d), Some(t)) => format!("{d}, {t}"),
            (Some(d), None) => d,
            (None, Some(t)) => t.clone(),
            (None, None) => String::new(),
        };
        d.speakers = session.speakers.iter().map(|p| p.name.clone()).collect();
        d.tags = session.tags.clone();
        // The speaker line as written: names and affiliations are worth more than a
        // word of the notes.
        let joined;
        let line = match &session.speaker_line {
            Some(line) => line.as_str(),
            None => {
                joined = d.speakers.join(", ");
                joined.as_str()
            }
        };
        d.show(&[&plain_text(&session.body)]);
        let mut fields: Vec<(u32, &str)> = vec![(PEOPLE, line)];
        fields.extend(session.tags.iter().map(|t| (PEOPLE, t.as_str())));
        part.add(d, &fields, TEXT);
    }
    part.finish()
}

/// The documents of the site's tags and speakers, after its events'.
fn tags_and_speakers(v: &Viewer<'_>, english: bool) -> Part {
    let mut part = PartBuilder::new(english);
    for tag in v.site.tags.values() {
        let mut d = Doc::new(
            "tag",
            &format!("#{}", tag.name),
            v.urls.link(&v.urls.tag(&tag.name)),
        );
        d.tags = vec![tag.name.clone()];
        part.add(d, &[], TEXT);
    }
    for (slug, speaker) in &v.site.speakers {
        let mut d = Doc::new("speaker", &speaker.name, v.urls.link(&v.urls.speaker(slug)));
        d.speakers = vec![speaker.name.clone()];
        // Its text shown is its affiliations, worth as much as a session's speaker line.
        d.show(&[&speaker.affiliations.join("; ")]);
        part.add(d, &[], PEOPLE);
    }
    part.finish()
}

/// Markdown as the text a reader sees: no markup, no link targets, each block (a
/// paragraph, a list item, a heading, a table cell) on a line of its own.
pub fn plain_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    if md.trim().is_empty() {
        return out;
    }
    for event in Parser::new_ext(md, markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push('\n'),
            Event::End(TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell) => out.push('\n'),
            _ => {}
        }
    }
    out
}

/// How many index builds this process has started, and how many it finished: what
/// `tests/search_index.rs` counts to show that a rebuild with nothing changed does no
/// index work, and that `serve` publishes an edited page before it builds the index
/// again, giving way to the next save.
pub static STARTED: AtomicUsize = AtomicUsize::new(0);
pub static BUILT: AtomicUsize = AtomicUsize::new(0);

/// Asked while the index is built: whether to give up (`serve` has a newer save).
pub type Stop<'a> = dyn Fn() -> bool + Sync + 'a;

/// The index of the site's documents, its files under [`BUNDLE`]; nothing when
/// `search = false` in `site.toml`.
pub fn bundle(v: &Viewer<'_>) -> Result<Vec<Page>> {
    Ok(bundle_unless(v, &|| false).unwrap_or_default())
}

/// [`bundle`], or `None` when `stop` says so before it is done: `serve` leaves the
/// index for its next quiet moment rather than hold up a newer save's page.
pub fn bundle_unless(v: &Viewer<'_>, stop: &Stop<'_>) -> Option<Vec<Page>> {
    if !v.config.search {
        return Some(Vec::new());
    }
    STARTED.fetch_add(1, Ordering::SeqCst);
    let parts = parts_unless(v, stems_english(&v.config.language), stop)?;
    let pages = files_unless(parts, stems_english(&v.config.language), stop)?;
    if stop() {
        return None;
    }
    BUILT.fetch_add(1, Ordering::SeqCst);
    Some(pages)
}

/// The postings of one word: document ids as gaps from the previous one, each
/// followed by its score (`[3, 8, 1, 2]` is document 3 scoring 8, document 4 scoring
/// 2): runs of small numbers, which compress well.
#[derive(Default)]
struct Postings {
    last: Option<u32>,
    list: Vec<u32>,
}

impl Postings {
    fn push(&mut self, doc: u32, score: u32) {
        let gap = match self.last {
            Some(l) => doc - l,
            None => doc,
        };
        self.last = Some(doc);
        self.list.push(gap);
        self.list.push(score);
    }
}

/// Doc ids as gaps, as in [`Postings`] without scores.
fn gaps(ids: &[usize]) -> Vec<usize> {
    let mut last = 0;
    ids.iter()
        .map(|&i| {
            let g = i - last;
            last = i;
            g
        })
        .collect()
}

#[derive(Serialize)]
struct Meta<'a> {
    /// The format of these files, for a script cached across a change of it.
    version: u32,
    docs: usize,
    chunk: usize,
    prefix: usize,
    /// `"en"` when the words are filed as English stems ([`stem`]); absent when
    /// they are filed as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    stem: Option<&'static str>,
    shards: Vec<&'a str>,
}

/// One shard file: its words (by id, in order) with their postings, as a JSON object.
struct Shard<'a> {
    ids: &'a [usize],
    words: &'a [&'a str],
    postings: &'a [Postings],
}

impl Serialize for Shard<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_map(
            self.ids
                .iter()
                .map(|&i| (self.words[i], self.postings[i].list.as_slice())),
        )
    }
}

/// The files of the index of `parts`, or `None` as soon as `stop` says so.
fn files_unless(mut parts: Vec<Part>, english: bool, stop: &Stop<'_>) -> Option<Vec<Page>> {
    let sizes: Vec<u32> = parts.iter().map(|p| p.docs.len() as u32).collect();
    let docs: Vec<Doc> = parts
        .iter_mut()
        .flat_map(|p| std::mem::take(&mut p.docs))
        .collect();
    // The parts' terms as one list: each part's term ids mapped to the site's.
    let mut ids: ByWord<&str, u32> = ByWord::default();
    let mut words: Vec<&str> = Vec::new();
    let mut postings: Vec<Postings> = Vec::new();
    let mut first = 0u32;
    for (part, size) in parts.iter().zip(sizes) {
        let map: Vec<u32> = part
            .terms
            .iter()
            .map(|t| {
                *ids.entry(t.as_str()).or_insert_with(|| {
                    words.push(t.as_str());
                    postings.push(Postings::default());
                    (words.len() - 1) as u32
                })
            })
            .collect();
        // Hits come by document, so each word's postings are in the order of ids.
        for &(d, t, score) in &part.hits {
            postings[map[t as usize] as usize].push(first + d, score);
        }
        first += size;
    }
    if stop() {
        return None;
    }
    // Shards in the order of their names, each with its words in order.
    let shards: Vec<String> = words.iter().map(|w| shard_of(w)).collect();
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_unstable_by(|&a, &b| (&shards[a], words[a]).cmp(&(&shards[b], words[b])));
    let mut groups: Vec<(&str, &[usize])> = Vec::new();
    let mut rest = order.as_slice();
    while let Some(&i) = rest.first() {
        let n = rest.partition_point(|&j| shards[j] == shards[i]);
        groups.push((shards[i].as_str(), &rest[..n]));
        rest = &rest[n..];
    }
    let mut pages: Vec<Page> = groups
        .par_iter()
        .map(|&(name, ids)| {
            let shard = Shard {
                ids,
                words: &words,
                postings: &postings,
            };
            page(format!("{BUNDLE}t/{name}.json"), &shard)
        })
        .collect();
    pages.par_extend(
        docs.par_chunks(CHUNK)
            .enumerate()
            .map(|(n, chunk)| page(format!("{BUNDLE}d/{n}.json"), &chunk)),
    );
    pages.push(page(format!("{BUNDLE}f.json"), &filters(&docs)));
    let meta = Meta {
        version: 2,
        docs: docs.len(),
        chunk: CHUNK,
        prefix: PREFIX,
        stem: english.then_some("en"),
        shards: groups.iter().map(|&(name, _)| name).collect(),
    };
    pages.push(page(format!("{BUNDLE}meta.json"), &meta));
    Some(pages)
}

/// For each filter (`kind`, `event`, `tag`, `speaker`), each of its values with the
/// ids of its documents, as gaps.
fn filters(docs: &[Doc]) -> BTreeMap<&'static str, BTreeMap<&str, Vec<usize>>> {
    type Filters<'d> = BTreeMap<&'static str, BTreeMap<&'d str, Vec<usize>>>;
    fn add<'d>(filters: &mut Filters<'d>, name: &'static str, value: &'d str, id: usize) {
        let ids = filters.entry(name).or_default().entry(value).or_default();
        // Ids come in order: a value twice in one document is there once.
        if ids.last() != Some(&id) {
            ids.push(id);
        }
    }
    let mut filters: Filters<'_> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        let f = &mut filters;
        add(f, "kind", doc.kind, id);
        if doc.kind == "Event" {
            add(f, "event", &doc.title, id);
        } else if !doc.event.is_empty() {
            add(f, "event", &doc.event, id);
        }
        for t in &doc.tags {
            add(f, "tag", t, id);
        }
        for s in &doc.speakers {
            add(f, "speaker", s, id);
        }
    }
    for values in filters.values_mut() {
        for ids in values.values_mut() {
            *ids = gaps(ids);
        }
    }
    filters
}

fn page(path: String, value: &impl Serialize) -> Page {
    Page {
        path,
        // Serialising maps, strings and numbers cannot fail.
        bytes: serde_json::to_vec(value).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_words_and_drops_markup_and_link_targets() {
        let text = plain_text("## Heading\n\n- one *two* [three](https://x.example/)\n- `four`\n");
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words, ["Heading", "one", "two", "three", "four"]);
    }

    /// The words of one document (of kind `kind`, titled `title`, with the notes
    /// `notes` and `fields` by weight) and their scores, as the index files them.
    fn scores(
        kind: &str,
        title: &str,
        notes: &str,
        fields: &[(u32, &str)],
        english: bool,
    ) -> BTreeMap<String, u32> {
        let mut doc = Doc::new(kind, title, "/a/".into());
        doc.text = notes.to_string();
        let mut part = PartBuilder::new(english);
        part.add(doc, fields, TEXT);
        let part = part.finish();
        let hits = part.hits.iter();
        hits.map(|&(_, t, s)| (part.terms[t as usize].clone(), s))
            .collect()
    }

    #[test]
    fn words_are_folded_lower_case_and_longer_than_one_character() {
        let w = words("Zürich's open-data a B2 Ö İstanbul Ærø ’twas");
        assert_eq!(
            w,
            ["zurichs", "open", "data", "b2", "istanbul", "aero", "twas"]
        );
    }

    proptest::proptest! {
        /// The index's words are the slug's rule, split at its dashes: its model,
        /// over any text (Latin letters with accents, other scripts, apostrophes).
        #[test]
        fn words_split_text_as_slugs_do(text in "[a-zA-Z0-9 '’.\\-_#àÄßæØœİıﬁ日本é\u{301}ẞΣ]{0,40}") {
            let slug = slug_words(&text);
            let model: Vec<&str> = slug
                .split('-')
                .filter(|w| w.chars().nth(1).is_some())
                .collect();
            proptest::prop_assert_eq!(words(&text), model);
        }
    }

    #[test]
    fn a_title_outweighs_the_notes_and_a_break_ranks_below_a_talk() {
        let talk = scores("talk", "Open data", "budget budget", &[], false);
        let brk = scores("break", "Coffee", "open kitchen", &[], false);
        assert!(talk["open"] > talk["budget"]);
        assert!(brk["open"] < talk["budget"]);
    }

    #[test]
    fn a_word_scores_its_best_field_and_the_notes_up_to_the_cap() {
        let notes = "data data data data. people";
        let s = scores(
            "talk",
            "Open data",
            notes,
            &[(PEOPLE, "open people")],
            false,
        );
        assert_eq!(s["open"], TITLE);
        assert_eq!(s["data"], TITLE + TEXT_CAP * TEXT);
        assert_eq!(s["people"], PEOPLE + TEXT);
        let brk = scores("break", "Lunch", "data", &[(PEOPLE, "data")], false);
        assert_eq!(brk["data"], (PEOPLE + TEXT).div_ceil(2));
    }

    #[test]
    fn the_terms_of_a_part_are_filed_once_and_each_document_scored_apart() {
        let mut part = PartBuilder::new(true);
        for (title, notes) in [("Testing", "talks tests"), ("Talks", "testing")] {
            let mut doc = Doc::new("talk", title, "/a/".into());
            doc.text = notes.to_string();
            part.add(doc, &[], TEXT);
        }
        let part = part.finish();
        assert_eq!(part.terms, ["test", "talk"]);
        // (document, term, score): `test` and `talk` in each, as the title or notes.
        assert_eq!(
            part.hits,
            [
                (0, 0, TITLE + TEXT),
                (0, 1, TEXT),
                (1, 1, TITLE),
                (1, 0, TEXT)
            ]
        );
    }

    #[test]
    fn english_stems_are_the_table_search_js_is_tested_against() {
        let table = include_str!("../../tests/fixtures/search-stems.txt");
        let mut n = 0;
        for line in table
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (word, want) = line.split_once(' ').expect("word stem");
            assert_eq!(stem(word), want, "{word}");
            n += 1;
        }
        assert!(n > 40);
    }

    #[test]
    fn an_english_index_files_stems_another_the_words_as_written() {
        let en = scores("talk", "Testing talks", "tests", &[], true);
        assert_eq!(en.keys().collect::<Vec<_>>(), ["talk", "test"]);
        assert_eq!(en["test"], TITLE + TEXT);
        let de = scores("talk", "Testing talks", "tests", &[], false);
        assert_eq!(de.keys().collect::<Vec<_>>(), ["talks", "testing", "tests"]);
    }

    #[test]
    fn english_is_stemmed_other_languages_are_not() {
        for lang in ["en", "en-GB", "EN-us", "en_AU"] {
            assert!(stems_english(lang), "{lang}");
        }
        for lang in ["de", "fr-CH", "eng", ""] {
            assert!(!stems_english(lang), "{lang}");
        }
    }

    #[test]
    fn shards_are_file_names() {
        assert_eq!(shard_of("zurich"), "zu");
        assert_eq!(shard_of("a"), "a");
        assert_eq!(shard_of("日本"), "_65e5_672c");
    }
}
