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
use std::collections::{BTreeMap, BTreeSet};
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
    /// Searchable text by weight; not written out.
    #[serde(skip)]
    fields: Vec<(u32, String)>,
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
            fields: vec![(TITLE, title.to_string())],
        }
    }

    fn text(&mut self, weight: u32, text: &str) {
        if !text.trim().is_empty() {
            self.fields.push((weight, text.to_string()));
        }
    }

    /// The text shown with it: `texts` one to a line.
    fn show(&mut self, texts: &[&str]) {
        let lines: Vec<&str> = texts
            .iter()
            .flat_map(|t| t.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        self.text = lines.join("\n");
    }

    /// Its words (their English stems when `english`, see [`stem`]) and their scores.
    fn scores(&self, english: bool) -> BTreeMap<String, u32> {
        let mut text: BTreeMap<String, u32> = BTreeMap::new();
        let mut best: BTreeMap<String, u32> = BTreeMap::new();
        for (weight, field) in &self.fields {
            for word in words(field) {
                let word = if english { stem(&word) } else { word };
                if *weight == TEXT {
                    *text.entry(word).or_default() += 1;
                } else {
                    let w = best.entry(word).or_default();
                    *w = (*w).max(*weight);
                }
            }
        }
        for (word, n) in text {
            *best.entry(word).or_default() += n.min(TEXT_CAP) * TEXT;
        }
        if self.kind == "Break" {
            for s in best.values_mut() {
                *s = (*s).div_ceil(2);
            }
        }
        best
    }
}

/// The words of `text` as the index files them: lower case, Latin accents folded as
/// in slugs (`Zürich` is `zurich`), words of one character left out.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    // slug_words joins words with `-`; a dash in the text is a word break as well.
    slug_words(text)
        .split('-')
        .filter(|w| w.chars().nth(1).is_some())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
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

/// Every document of the site: events (each followed by its sessions), tags, speakers.
pub fn records(v: &Viewer<'_>) -> Vec<Doc> {
    records_unless(v, &|| false).unwrap_or_default()
}

/// [`records`], or `None` as soon as `stop` says so (asked before each event).
fn records_unless(v: &Viewer<'_>, stop: &Stop<'_>) -> Option<Vec<Doc>> {
    // The events' documents in parallel: on a big site the index is the last unit of
    // a build to finish, and the text of every session is read again here.
    let events: Option<Vec<Vec<Doc>>> = (0..v.site.events.len())
        .into_par_iter()
        .map(|ei| (!stop()).then(|| event_docs(v, ei)))
        .collect();
    let mut out: Vec<Doc> = events?.into_iter().flatten().collect();
    tags_and_speakers(v, &mut out);
    Some(out)
}

/// The documents of event `ei`: the event, then its sessions.
fn event_docs(v: &Viewer<'_>, ei: usize) -> Vec<Doc> {
    let mut out = Vec::new();
    let event = &v.site.events[ei];
    {
        let rel = v.event_rel(event);
        let summary = v.summary(ei);
        let mut d = Doc::new("event", &event.title, summary.url.clone());
        d.date = summary.date_label.clone();
        d.tags = event.tags.clone();
        for tag in &event.tags {
            d.text(PEOPLE, tag);
        }
        let summary_text = event.summary.clone().unwrap_or_default();
        let preamble = plain_text(&event.preamble);
        if let Some(location) = &event.location {
            d.place = location.clone();
            d.text(PEOPLE, location);
        }
        d.text(TEXT, &summary_text);
        d.text(TEXT, &preamble);
        let intros: Vec<String> = event.days.iter().map(|d| plain_text(&d.intro)).collect();
        for intro in &intros {
            d.text(TEXT, intro);
        }
        let mut shown = vec![summary_text.as_str(), preamble.as_str()];
        shown.extend(intros.iter().map(String::as_str));
        d.show(&shown);
        out.push(d);

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
            // The speaker line as written: names and affiliations are worth more than
            // a word of the notes.
            let line = session
                .speaker_line
                .clone()
                .unwrap_or_else(|| d.speakers.join(", "));
            d.text(PEOPLE, &line);
            for tag in &session.tags {
                d.text(PEOPLE, tag);
            }
            let body = plain_text(&session.body);
            d.text(TEXT, &body);
            d.show(&[&body]);
            out.push(d);
        }
    }
    out
}

/// The documents of the site's tags and speakers, after its events'.
fn tags_and_speakers(v: &Viewer<'_>, out: &mut Vec<Doc>) {
    for tag in v.site.tags.values() {
        let mut d = Doc::new(
            "tag",
            &format!("#{}", tag.name),
            v.urls.link(&v.urls.tag(&tag.name)),
        );
        d.tags = vec![tag.name.clone()];
        out.push(d);
    }
    for (slug, speaker) in &v.site.speakers {
        let mut d = Doc::new("speaker", &speaker.name, v.urls.link(&v.urls.speaker(slug)));
        d.speakers = vec![speaker.name.clone()];
        let affiliations = speaker.affiliations.join("; ");
        d.text(PEOPLE, &affiliations);
        d.show(&[&affiliations]);
        out.push(d);
    }
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
    let docs = records_unless(v, stop)?;
    let pages = bundle_of_unless(&docs, stems_english(&v.config.language), stop)?;
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
    last: Option<usize>,
    list: Vec<u64>,
}

impl Postings {
    fn push(&mut self, doc: usize, score: u32) {
        let gap = match self.last {
            Some(l) => doc - l,
            None => doc,
        };
        self.last = Some(doc);
        self.list.push(gap as u64);
        self.list.push(u64::from(score));
    }
}

/// Doc ids as gaps, as in [`Postings`] without scores.
fn gaps(ids: &BTreeSet<usize>) -> Vec<usize> {
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

/// The files of the index of `docs`, its words as English stems when `english`.
pub fn bundle_of(docs: &[Doc], english: bool) -> Vec<Page> {
    bundle_of_unless(docs, english, &|| false).unwrap_or_default()
}

/// [`bundle_of`], or `None` as soon as `stop` says so.
fn bundle_of_unless(docs: &[Doc], english: bool, stop: &Stop<'_>) -> Option<Vec<Page>> {
    fn add<'d>(
        m: &mut BTreeMap<&'static str, BTreeMap<&'d str, BTreeSet<usize>>>,
        name: &'static str,
        value: &'d str,
        id: usize,
    ) {
        m.entry(name)
            .or_default()
            .entry(value)
            .or_default()
            .insert(id);
    }
    let mut shards: BTreeMap<String, BTreeMap<String, Postings>> = BTreeMap::new();
    let mut filters: BTreeMap<&'static str, BTreeMap<&str, BTreeSet<usize>>> = BTreeMap::new();
    let scores: Vec<BTreeMap<String, u32>> = docs.par_iter().map(|d| d.scores(english)).collect();
    if stop() {
        return None;
    }
    for (id, (doc, scores)) in docs.iter().zip(scores).enumerate() {
        for (word, score) in scores {
            shards
                .entry(shard_of(&word))
                .or_default()
                .entry(word)
                .or_default()
                .push(id, score);
        }
        let f = |m: &mut _, name, value| add(m, name, value, id);
        f(&mut filters, "kind", doc.kind);
        if doc.kind == "Event" {
            f(&mut filters, "event", doc.title.as_str());
        } else if !doc.event.is_empty() {
            f(&mut filters, "event", doc.event.as_str());
        }
        for t in &doc.tags {
            f(&mut filters, "tag", t.as_str());
        }
        for s in &doc.speakers {
            f(&mut filters, "speaker", s.as_str());
        }
    }
    if stop() {
        return None;
    }
    let mut pages = Vec::new();
    for (name, words) in &shards {
        let map: BTreeMap<&str, &[u64]> = words
            .iter()
            .map(|(w, p)| (w.as_str(), p.list.as_slice()))
            .collect();
        pages.push(page(format!("{BUNDLE}t/{name}.json"), &map));
    }
    for (n, chunk) in docs.chunks(CHUNK).enumerate() {
        pages.push(page(format!("{BUNDLE}d/{n}.json"), &chunk));
    }
    let filters: BTreeMap<&str, BTreeMap<&str, Vec<usize>>> = filters
        .into_iter()
        .map(|(name, values)| {
            (
                name,
                values.into_iter().map(|(v, ids)| (v, gaps(&ids))).collect(),
            )
        })
        .collect();
    pages.push(page(format!("{BUNDLE}f.json"), &filters));
    let meta = Meta {
        version: 2,
        docs: docs.len(),
        chunk: CHUNK,
        prefix: PREFIX,
        stem: english.then_some("en"),
        shards: shards.keys().map(String::as_str).collect(),
    };
    pages.push(page(format!("{BUNDLE}meta.json"), &meta));
    Some(pages)
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

    #[test]
    fn words_are_folded_lower_case_and_longer_than_one_character() {
        let w: Vec<String> = words("Zürich's open-data a B2 Ö").collect();
        assert_eq!(w, ["zurichs", "open", "data", "b2"]);
    }

    #[test]
    fn a_title_outweighs_the_notes_and_a_break_ranks_below_a_talk() {
        let mut talk = Doc::new("talk", "Open data", "/a".into());
        talk.text(TEXT, "budget budget");
        let mut brk = Doc::new("break", "Coffee", "/b".into());
        brk.text(TEXT, "open kitchen");
        let t = talk.scores(false);
        assert!(t["open"] > t["budget"]);
        assert!(brk.scores(false)["open"] < talk.scores(false)["budget"]);
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
        let mut talk = Doc::new("talk", "Testing talks", "/a".into());
        talk.text(TEXT, "tests");
        let en = talk.scores(true);
        assert_eq!(en.keys().collect::<Vec<_>>(), ["talk", "test"]);
        assert_eq!(en["test"], TITLE + TEXT);
        let de = talk.scores(false);
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
