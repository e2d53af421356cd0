//! The real-notes corpus: how well the loader reads notes as people really write them.
//!
//! `tests/corpus/` holds real, public notes files (each opens with a line naming its
//! source and licence) and, beside each, `NAME.expect.toml`: what a human reader sees
//! in the file, written before any parser ran on it. `tests/corpus/README.md` lists
//! them. Run `cargo test --test corpus -- --nocapture` to see the report; it is also
//! written to `corpus-report.txt` in cargo's test temp dir (`target/tmp/`).
//!
//! # Matching an expected session to a parsed one
//!
//! Titles are compared after [`title_words`]: Markdown link targets, bare URLs and HTML
//! tags dropped, lower-cased, diacritics folded, every run of other characters than
//! letters and digits a word break. Two titles are *similar* when both have words and
//! one's words are a contiguous run of the other's (`Keynote 1` in `Keynote 1 by Cory
//! House`), or their word sets have a Jaccard index of at least 0.5.
//!
//! An expected session matches a parsed one when their times do not disagree (equal
//! when both have one; a time on one side only does not block) and:
//! - expected `kind = "update"` (a live-blog entry, no title): both have the same time
//!   and the parsed one is an update or has no title words;
//! - otherwise: the titles are similar.
//!
//! Matching is one-to-one and greedy in file order, in two passes: first only pairs
//! whose times are both present and equal, then the rest; within a pass each expected
//! session takes the unmatched parsed session with the best title score (equal 1.0,
//! contained 0.9, else the Jaccard index), the earlier one on a tie.
//!
//! # Figures, over the whole corpus
//!
//! - session recall = matched expected / expected;
//! - precision = matched parsed / parsed (a file that fails to parse counts as zero
//!   sessions parsed, and its error is printed);
//! - speaker recall = expected speakers found on their matched parsed session / all
//!   expected speakers (an unmatched session's speakers are all missed). A name is found
//!   when a parsed speaker has the same [`name_words`], or all the expected name's words
//!   (extra words on the parsed side, such as a nickname or an affiliation, are
//!   tolerated), or at least two words that are all in the expected name;
//! - words lost: distinct words (same normalisation, leading zeros of numbers dropped)
//!   of the file's lines, the source line and front matter (metadata, read by its own
//!   rules) excepted, that appear nowhere in the parsed
//!   event (every string and number of its JSON form but `source`, `slug`, `anchor`,
//!   `line`, `day`).
//!
//! # Floor and target
//!
//! [`TARGET`] is what issue 12 asks for. [`FLOOR`] is what the parser reached when the
//! corpus was made (rounded down to two decimals): the test fails below it, so nothing
//! regresses, and prints how far the figures are from the target. The lead raises
//! `FLOOR` as the parser improves; issue 12 is done only when `FLOOR` is at `TARGET` or
//! above it in every figure (so the test fails below the target).

use plenary::model::Event;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Corpus-wide figures.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Figures {
    recall: f64,
    precision: f64,
    speaker_recall: f64,
    words_lost: usize,
}

/// What issue 12 asks for.
const TARGET: Figures = Figures {
    recall: 0.95,
    precision: 0.92,
    speaker_recall: 0.85,
    words_lost: 0,
};

/// The figures the parser has reached, rounded down: it may not fall below them.
/// When the corpus was made (861fd16, 26 files): recall 0.573, precision 0.550, speaker
/// recall 0.141. With the convention-reading parser (37 files, 2026-11-30): 0.663,
/// 0.663, 0.356; with its second round the same day: 0.780, 0.694, 0.536; with names
/// in bold under headings, spoken headings at any rank and `Talk:` labels: 0.883,
/// 0.801, 0.626; with five more files (42) and session cards: 0.888, 0.848, 0.645;
/// with essays read as having no sessions: 0.888, 0.885, 0.645; with bylines, known
/// names beating name-shaped roles and comments over setext headings: 0.903, 0.900,
/// 0.659 (243 of 270 parsed sessions right: the floor keeps a hair below). With
/// fourteen more files (56: Spanish and German write-ups, programmes with times on
/// title lines, an agenda table, speaker-first headings, panels with person
/// headings; 2026-11-30, h12c): 0.704, 0.844, 0.484 (was 0.911, 0.901, 0.720 on 42).
/// With 56 files and people after format words by the file's vote, lists of talks,
/// programme lists, link paragraphs, sections around a programme and plain panels
/// (2026-11-30, h12): 0.863, 0.888, 0.678 (365 of 411 parsed sessions right; the
/// floor keeps 0.005 below). With bold time ranges as time lines (and block headings
/// over their talks), people after an emphasised title voting for the file's side,
/// serial commas and elided particles in names, and panels written as person
/// headings (2026-11-30, h12d): 0.879, 0.905, 0.724 (372 of 411); with agenda tables
/// read by their column of times: 0.908, 0.908, 0.724 (384 of 423); with people
/// after a label in a title (`Lead: handle`): 0.908, 0.908, 0.735; with a known name
/// in parentheses voting for the file's side: 0.908, 0.908, 0.747. With speakers in
/// parentheses by the file's convention, wrapped list items, given names in a bullet,
/// people listed under a label, headings wholly a link, front matter under a comment
/// line, format headings, talks over person headings and enumerators kept before a
/// title of punctuation (2026-11-30, h12e): 0.948, 0.944, 0.876 (401 of 423 expected,
/// 425 parsed). With fifteen more files (71: French pages, a German programme and
/// report, a CRLF file, two org-mode files, seminar notes, a DocC index; 2026-11-30,
/// h12f): 0.868, 0.881, 0.848 (428 of 493 expected, 486 parsed; 406 of 479 speakers).
/// With a speaker heading under the title, lists named by their heading (`### Talks`),
/// dated meeting lists, org `#+TITLE`, letters, weekdays with articles and parts of a
/// day, `Name, on Topic` items and accents in given names (2026-11-30, h12g; 0.915,
/// 0.911, 0.745 on its own), merged with h12e's and h18c's work: 0.953, 0.948, 0.871
/// (470 of 493 expected, 496 parsed; 417 of 479 speakers). From here the floor is
/// the target or above it: the test fails below what issue 12 asks for.
const FLOOR: Figures = Figures {
    recall: 0.950,
    precision: 0.943,
    speaker_recall: 0.866,
    words_lost: 0,
};

/// One `NAME.expect.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    /// The file's shape, to report figures per shape.
    shape: String,
    #[serde(default)]
    session: Vec<Expected>,
}

/// One session as a human reader sees it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    time: Option<String>,
    #[serde(default)]
    title: String,
    kind: Option<String>,
    #[serde(default)]
    speakers: Vec<String>,
}

impl Expected {
    fn is_update(&self) -> bool {
        self.kind.as_deref() == Some("update")
    }
}

/// A parsed session, reduced to what the matcher compares.
#[derive(Debug, Clone, Default)]
struct Found {
    time: Option<String>,
    title: String,
    is_update: bool,
    speakers: Vec<String>,
}

impl Found {
    fn from_event(event: &Event) -> Vec<Found> {
        event
            .sessions
            .iter()
            .map(|s| Found {
                time: s.time.map(|t| t.to_string()),
                title: s.title.clone(),
                is_update: s.kind.as_str() == "update",
                speakers: s.speakers.iter().map(|p| p.name.clone()).collect(),
            })
            .collect()
    }
}

/// Lower-case, fold the diacritics of Latin letters, keep other characters as they are.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'ł' | 'ľ' | 'ĺ' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ŕ' | 'ř' => "r",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'ť' | 'ţ' | 'ț' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'þ' => "th",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(folded);
    }
    out
}

/// Folded words: runs of letters and digits.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The words of a title as a reader reads it: link targets, bare URLs and HTML tags
/// dropped, then [`words`].
fn title_words(title: &str) -> Vec<String> {
    let mut text = String::with_capacity(title.len());
    let mut rest = title;
    while let Some(at) = rest.find("](") {
        text.push_str(&rest[..at]);
        rest = &rest[at + 2..];
        rest = match rest.find(')') {
            Some(end) => &rest[end + 1..],
            None => "",
        };
    }
    text.push_str(rest);
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let kept: Vec<&str> = plain
        .split_whitespace()
        .filter(|w| !w.contains("://"))
        .collect();
    words(&kept.join(" "))
}

/// The words of a person's name.
fn name_words(name: &str) -> Vec<String> {
    title_words(name)
}

/// How alike two titles are: `None` when not similar, else 1.0 when equal, 0.9 when one
/// is a contiguous run of the other, else their Jaccard index (at least 0.5).
fn title_score(a: &str, b: &str) -> Option<f64> {
    let (a, b) = (title_words(a), title_words(b));
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(1.0);
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.windows(short.len()).any(|w| w == short.as_slice()) {
        return Some(0.9);
    }
    let sa: BTreeSet<&String> = a.iter().collect();
    let sb: BTreeSet<&String> = b.iter().collect();
    let jaccard = sa.intersection(&sb).count() as f64 / sa.union(&sb).count() as f64;
    (jaccard >= 0.5).then_some(jaccard)
}

/// Whether `found` may stand for `expected`, and how well; see the module docs.
fn pair_score(expected: &Expected, found: &Found) -> Option<f64> {
    if let (Some(a), Some(b)) = (&expected.time, &found.time)
        && a != b
    {
        return None;
    }
    if expected.is_update() {
        let same_time = expected.time.is_some() && expected.time == found.time;
        return (same_time && (found.is_update || title_words(&found.title).is_empty()))
            .then_some(1.0);
    }
    title_score(&expected.title, &found.title)
}

/// One-to-one pairs `(expected index, found index)`; see the module docs.
fn match_sessions(expected: &[Expected], found: &[Found]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut taken_e = vec![false; expected.len()];
    let mut taken_f = vec![false; found.len()];
    for timed_only in [true, false] {
        for (ei, e) in expected.iter().enumerate() {
            if taken_e[ei] {
                continue;
            }
            let mut best: Option<(usize, f64)> = None;
            for (fi, f) in found.iter().enumerate() {
                if taken_f[fi] || (timed_only && (e.time.is_none() || f.time.is_none())) {
                    continue;
                }
                if let Some(score) = pair_score(e, f)
                    && best.is_none_or(|(_, b)| score > b)
                {
                    best = Some((fi, score));
                }
            }
            if let Some((fi, _)) = best {
                taken_e[ei] = true;
                taken_f[fi] = true;
                pairs.push((ei, fi));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Whether the expected speaker is among the parsed ones; see the module docs.
fn speaker_found(expected: &str, parsed: &[String]) -> bool {
    let want = name_words(expected);
    if want.is_empty() {
        return false;
    }
    parsed.iter().any(|p| {
        let have = name_words(p);
        have == want
            || want.iter().all(|w| have.contains(w))
            || (have.len() >= 2 && have.iter().all(|w| want.contains(w)))
    })
}

/// A word as compared for "nothing lost": numbers without leading zeros.
fn word_key(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_digit()) {
        let trimmed = word.trim_start_matches('0');
        if trimmed.is_empty() { "0" } else { trimmed }.to_string()
    } else {
        word.to_string()
    }
}

/// Every word the parsed event holds, from its JSON form.
fn event_words(event: &Event) -> BTreeSet<String> {
    fn walk(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::String(s) => out.extend(words(s).iter().map(|w| word_key(w))),
            serde_json::Value::Number(n) => {
                out.insert(word_key(&n.to_string()));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    if !matches!(key.as_str(), "source" | "slug" | "anchor" | "line" | "day") {
                        out.extend(words(key).iter().map(|w| word_key(w)));
                        walk(v, out);
                    }
                }
            }
            serde_json::Value::Bool(_) | serde_json::Value::Null => {}
        }
    }
    let mut out = BTreeSet::new();
    if let Ok(value) = serde_json::to_value(event) {
        walk(&value, &mut out);
    }
    out
}

/// Whether a time written as one word (`8am`, `2pm`, `10h30`, `9h`) is kept as a clock:
/// its hour, as written or on the 24-hour clock, is among the event's words.
fn time_word_kept(word: &str, have: &BTreeSet<String>) -> bool {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let rest = &word[digits.len()..];
    let Ok(hour) = digits.parse::<u32>() else {
        return false;
    };
    let hour24 = match rest {
        "am" | "a" if hour == 12 => 0,
        "am" | "a" | "h" => hour,
        "pm" | "p" if hour < 12 => hour + 12,
        "pm" | "p" => hour,
        _ if rest.starts_with('h') && rest[1..].chars().all(|c| c.is_ascii_digit()) => hour,
        _ => return false,
    };
    hour <= 24 && (have.contains(&hour.to_string()) || have.contains(&hour24.to_string()))
}

/// The first line of a corpus file: where it comes from and under which licence.
fn is_source_line(line: &str) -> bool {
    ["<!-- source:", ".. source:", "# source:"]
        .iter()
        .any(|p| line.starts_with(p))
}

/// The lines of front matter at the top of a file (under its source line and other
/// comment lines): its opening `---` or `+++` line up to its closing one. Metadata,
/// read by its own rules (keys become the event's fields, `extra` or tags).
fn front_matter_lines(text: &str) -> std::ops::Range<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let open = lines
        .iter()
        .position(|l| !(l.trim().starts_with("<!--") && l.trim().ends_with("-->")));
    let Some(open) = open.filter(|&o| matches!(lines[o].trim(), "---" | "+++")) else {
        return 0..0;
    };
    let fence = lines[open].trim();
    match lines[open + 1..].iter().position(|l| l.trim() == fence) {
        Some(close) => open..open + close + 2,
        None => 0..0,
    }
}

/// Distinct words of the file (source line and front matter excepted) that the parsed
/// event lacks.
fn lost_words(text: &str, event: Option<&Event>) -> Vec<String> {
    let have = event.map(event_words).unwrap_or_default();
    let front = front_matter_lines(text);
    let mut lost = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        if (i == 0 && is_source_line(line)) || front.contains(&i) {
            continue;
        }
        for w in words(line) {
            let key = word_key(&w);
            if !have.contains(&key) && !time_word_kept(&w, &have) {
                lost.insert(key);
            }
        }
    }
    lost.into_iter().collect()
}

/// Counts for one file or a group of files.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    expected: usize,
    parsed: usize,
    matched: usize,
    speakers_expected: usize,
    speakers_found: usize,
    words_lost: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.expected += other.expected;
        self.parsed += other.parsed;
        self.matched += other.matched;
        self.speakers_expected += other.speakers_expected;
        self.speakers_found += other.speakers_found;
        self.words_lost += other.words_lost;
    }

    fn figures(&self) -> Figures {
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        Figures {
            recall: ratio(self.matched, self.expected),
            precision: ratio(self.matched, self.parsed),
            speaker_recall: ratio(self.speakers_found, self.speakers_expected),
            words_lost: self.words_lost,
        }
    }
}

/// Compares one file's parse with its expectation; misses go to `detail`.
fn score_file(expected: &[Expected], found: &[Found], lost: usize, detail: &mut String) -> Tally {
    let pairs = match_sessions(expected, found);
    let mut tally = Tally {
        expected: expected.len(),
        parsed: found.len(),
        matched: pairs.len(),
        words_lost: lost,
        ..Tally::default()
    };
    let matched: BTreeMap<usize, usize> = pairs.iter().copied().collect();
    for (ei, e) in expected.iter().enumerate() {
        tally.speakers_expected += e.speakers.len();
        let label = match (&e.time, e.title.as_str()) {
            (Some(t), "") => t.clone(),
            (Some(t), title) => format!("{t} {title}"),
            (None, title) => title.to_string(),
        };
        match matched.get(&ei) {
            Some(&fi) => {
                let missing: Vec<&str> = e
                    .speakers
                    .iter()
                    .filter(|s| !speaker_found(s, &found[fi].speakers))
                    .map(String::as_str)
                    .collect();
                tally.speakers_found += e.speakers.len() - missing.len();
                if !missing.is_empty() {
                    let _ = writeln!(
                        detail,
                        "    speakers missed on {label:?}: {missing:?} (parsed {:?})",
                        found[fi].speakers
                    );
                }
            }
            None => {
                let _ = writeln!(detail, "    missed: {label:?} {:?}", e.speakers);
            }
        }
    }
    let taken: BTreeSet<usize> = pairs.iter().map(|&(_, fi)| fi).collect();
    for (fi, f) in found
        .iter()
        .enumerate()
        .filter(|(fi, _)| !taken.contains(fi))
    {
        let _ = writeln!(
            detail,
            "    extra #{fi}: {} {:?} {:?}",
            f.time.as_deref().unwrap_or("--:--"),
            f.title,
            f.speakers
        );
    }
    tally
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The notes files of the corpus (everything but expectations and the README), sorted.
fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.ends_with(".expect.toml") && name != "README.md"
        })
        .collect();
    files.sort();
    files
}

fn expectation_path(file: &Path) -> PathBuf {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    file.with_file_name(format!("{stem}.expect.toml"))
}

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn figures_line(name: &str, f: &Figures) -> String {
    format!(
        "{name:<8} session recall {:.3}  precision {:.3}  speaker recall {:.3}  words lost {}",
        f.recall, f.precision, f.speaker_recall, f.words_lost
    )
}

#[test]
fn corpus_reads_as_a_human_reads_it() {
    let mut report = String::new();
    let mut detail = String::new();
    let mut total = Tally::default();
    let mut by_shape: BTreeMap<String, Tally> = BTreeMap::new();
    line(
        &mut report,
        &format!(
            "{:<46} {:>4} {:>4} {:>4} {:>9} {:>5}",
            "file", "exp", "got", "ok", "speakers", "lost"
        ),
    );
    for file in corpus_files() {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let text = std::fs::read_to_string(&file).expect("corpus files are UTF-8");
        let expect_text = std::fs::read_to_string(expectation_path(&file))
            .unwrap_or_else(|e| panic!("{name} has no readable .expect.toml: {e}"));
        let expectation: Expectation = toml::from_str(&expect_text)
            .unwrap_or_else(|e| panic!("{name}.expect.toml does not parse: {e}"));
        let _ = writeln!(detail, "  {name}");
        let parsed = plenary::notes::parse(&file, &text);
        let event = match &parsed {
            Ok(p) => Some(&p.event),
            Err(e) => {
                let _ = writeln!(detail, "    parse error: {e}");
                None
            }
        };
        let found = event.map(Found::from_event).unwrap_or_default();
        let lost = lost_words(&text, event);
        if !lost.is_empty() {
            let shown: Vec<&str> = lost.iter().take(12).map(String::as_str).collect();
            let _ = writeln!(detail, "    words lost ({}): {shown:?}", lost.len());
        }
        let tally = score_file(&expectation.session, &found, lost.len(), &mut detail);
        line(
            &mut report,
            &format!(
                "{:<46} {:>4} {:>4} {:>4} {:>4}/{:<4} {:>5}",
                name,
                tally.expected,
                tally.parsed,
                tally.matched,
                tally.speakers_found,
                tally.speakers_expected,
                tally.words_lost
            ),
        );
        total.add(&tally);
        by_shape.entry(expectation.shape).or_default().add(&tally);
    }
    let now = total.figures();
    line(
        &mut report,
        &format!(
            "{:<46} {:>4} {:>4} {:>4} {:>4}/{:<4} {:>5}",
            "TOTAL",
            total.expected,
            total.parsed,
            total.matched,
            total.speakers_found,
            total.speakers_expected,
            total.words_lost
        ),
    );
    line(&mut report, "");
    line(&mut report, "by shape:");
    for (shape, tally) in &by_shape {
        let f = tally.figures();
        line(
            &mut report,
            &format!(
                "  {shape:<26} {:>3} sessions  recall {:.2}  precision {:.2}  speakers {:.2}  lost {}",
                tally.expected, f.recall, f.precision, f.speaker_recall, f.words_lost
            ),
        );
    }
    line(&mut report, "");
    line(&mut report, &figures_line("now", &now));
    line(&mut report, &figures_line("floor", &FLOOR));
    line(&mut report, &figures_line("target", &TARGET));
    line(
        &mut report,
        &format!(
            "to target: recall {:+.3}  precision {:+.3}  speaker recall {:+.3}  words lost {}",
            now.recall - TARGET.recall,
            now.precision - TARGET.precision,
            now.speaker_recall - TARGET.speaker_recall,
            now.words_lost
        ),
    );
    line(&mut report, "");
    line(&mut report, "misses per file:");
    report.push_str(&detail);
    println!("{report}");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-report.txt");
    if std::fs::write(&out, &report).is_ok() {
        println!("report written to {}", out.display());
    }

    let mut below = Vec::new();
    if now.recall < FLOOR.recall {
        below.push(format!(
            "session recall {:.3} < floor {:.2}",
            now.recall, FLOOR.recall
        ));
    }
    if now.precision < FLOOR.precision {
        below.push(format!(
            "precision {:.3} < floor {:.2}",
            now.precision, FLOOR.precision
        ));
    }
    if now.speaker_recall < FLOOR.speaker_recall {
        below.push(format!(
            "speaker recall {:.3} < floor {:.2}",
            now.speaker_recall, FLOOR.speaker_recall
        ));
    }
    if now.words_lost > FLOOR.words_lost {
        below.push(format!(
            "{} words lost > floor {}",
            now.words_lost, FLOOR.words_lost
        ));
    }
    assert!(
        below.is_empty(),
        "the corpus reads worse than its floor: {}",
        below.join("; ")
    );
}

#[test]
fn every_corpus_file_names_its_source_and_licence_and_has_an_expectation() {
    let files = corpus_files();
    assert!(files.len() >= 25, "the corpus has {} files", files.len());
    for file in &files {
        let text = std::fs::read_to_string(file).expect("corpus files are UTF-8");
        let first = text.lines().next().unwrap_or("");
        assert!(
            is_source_line(first) && first.contains("licence:"),
            "{} does not open with its source and licence",
            file.display()
        );
        assert!(
            expectation_path(file).is_file(),
            "{} has no expectation",
            file.display()
        );
    }
    for entry in std::fs::read_dir(corpus_dir()).expect("tests/corpus is readable") {
        let path = entry.expect("directory entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(stem) = name.strip_suffix(".expect.toml") {
            assert!(
                files
                    .iter()
                    .any(|f| f.file_stem().and_then(|s| s.to_str()) == Some(stem)),
                "{name} expects a file that is not in the corpus"
            );
        }
    }
}

#[test]
fn title_words_drop_markdown_links_urls_tags_and_accents() {
    let cases: &[(&str, &[&str])] = &[
        ("**Loop Better**", &["loop", "better"]),
        (
            "\"Loop Better\" by [Trey Hunner](https://twitter.com/x)",
            &["loop", "better", "by", "trey", "hunner"],
        ),
        (
            "Résumé — Día 2: Ça marche!",
            &["resume", "dia", "2", "ca", "marche"],
        ),
        ("see https://example.org/a/b now", &["see", "now"]),
        ("<b>Bold</b> talk", &["bold", "talk"]),
        ("GET /better", &["get", "better"]),
        ("", &[]),
        ("???", &[]),
    ];
    for (input, want) in cases {
        assert_eq!(title_words(input), *want, "title_words({input:?})");
    }
}

#[test]
fn similar_titles_contain_each_other_or_share_half_their_words() {
    let cases: &[(&str, &str, bool)] = &[
        ("Keynote 1", "Keynote 1 by Cory House (same talk).", true),
        ("Maze-API", "Presentation 1: Maze-API: Jose Ojeda", true),
        ("Docker security", "docker SECURITY", true),
        (
            "Building microservices with Go",
            "Microservices with Go, built",
            true,
        ),
        ("Going Fast: quality software", "Going", true),
        ("Going Fast", "Goings", false),
        ("Rust 101", "WebAssembly", false),
        ("Session 3: ???", "???", false),
        ("", "", false),
    ];
    for (a, b, want) in cases {
        assert_eq!(title_score(a, b).is_some(), *want, "{a:?} ~ {b:?}");
    }
}

fn expected(time: Option<&str>, title: &str, update: bool) -> Expected {
    Expected {
        time: time.map(str::to_string),
        title: title.to_string(),
        kind: update.then(|| "update".to_string()),
        speakers: Vec::new(),
    }
}

fn found(time: Option<&str>, title: &str, update: bool) -> Found {
    Found {
        time: time.map(str::to_string),
        title: title.to_string(),
        is_update: update,
        speakers: Vec::new(),
    }
}

#[test]
fn matching_is_one_to_one_and_times_must_agree_when_both_are_given() {
    let want = [
        expected(Some("09:30"), "Keynote", false),
        expected(Some("10:30"), "Keynote", false),
        expected(None, "Lunch", false),
    ];
    let got = [
        found(Some("10:30"), "Keynote: Data", false),
        found(Some("09:30"), "Keynote", false),
        found(Some("12:00"), "Lunch", false),
        found(None, "Lunch", false),
    ];
    assert_eq!(match_sessions(&want, &got), vec![(0, 1), (1, 0), (2, 2)]);
    let clash = [found(Some("11:00"), "Keynote", false)];
    assert!(match_sessions(&want[..1], &clash).is_empty());
    let untimed = [found(None, "The keynote", false)];
    assert_eq!(match_sessions(&want[..1], &untimed), vec![(0, 0)]);
}

#[test]
fn an_update_matches_an_untitled_or_update_session_at_its_time() {
    let want = [
        expected(Some("08:18"), "", true),
        expected(Some("08:25"), "", true),
    ];
    let got = [
        found(Some("08:18"), "", false),
        found(Some("08:25"), "Apple announces things", true),
    ];
    assert_eq!(match_sessions(&want, &got), vec![(0, 0), (1, 1)]);
    let titled = [found(Some("08:18"), "A real title", false)];
    assert!(match_sessions(&want[..1], &titled).is_empty());
    let untimed = [found(None, "", true)];
    assert!(match_sessions(&want[..1], &untimed).is_empty());
}

#[test]
fn a_speaker_is_found_by_name_words_not_by_a_lone_first_name() {
    let parsed = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    assert!(speaker_found(
        "Rebecca Parsons",
        &parsed(&["Rebecca Parsons"])
    ));
    assert!(speaker_found(
        "Frédéric Bordage",
        &parsed(&["Frederic Bordage"])
    ));
    assert!(speaker_found(
        "Trey Hunner",
        &parsed(&["[Trey Hunner](https://x.y/)"])
    ));
    assert!(speaker_found(
        "Michael (Stu) Stewart",
        &parsed(&["Michael Stewart"])
    ));
    assert!(speaker_found(
        "Simon Phipps",
        &parsed(&["Simon Phipps Wipro"])
    ));
    assert!(speaker_found("thockin", &parsed(&["@thockin"])));
    assert!(!speaker_found("Kelsey Hightower", &parsed(&["Kelsey"])));
    assert!(!speaker_found("Jesse Noller", &parsed(&["Jesse Newland"])));
    assert!(!speaker_found("Ana Lima", &parsed(&[])));
}

#[test]
fn lost_words_skip_the_source_line_and_ignore_leading_zeros() {
    let text = "<!-- source: x | licence: MIT -->\n09:30 Opening\n";
    let event = plenary::notes::parse(Path::new("t.md"), "9:30 Opening\n")
        .expect("a plain timed line parses")
        .event;
    assert!(lost_words(text, Some(&event)).is_empty());
    assert_eq!(
        lost_words("Closing words\n", None),
        vec!["closing", "words"]
    );
    let evening = plenary::notes::parse(Path::new("t.md"), "## 14:00 Talk\n")
        .expect("a timed heading parses")
        .event;
    assert!(lost_words("2pm Talk\n", Some(&evening)).is_empty());
    assert_eq!(lost_words("3pm Talk\n", Some(&evening)), vec!["3pm"]);
}

#[test]
fn front_matter_under_the_source_line_is_metadata_not_words() {
    let text = "<!-- source: x -->\n---\ntitle: Day\npublished: true\n---\nClosing words\n";
    assert_eq!(front_matter_lines(text), 1..5);
    assert_eq!(lost_words(text, None), ["closing", "words"]);
    // A rule that opens the notes further down is no front matter.
    assert_eq!(
        front_matter_lines("<!-- s -->\nText\n---\nMore\n---\n"),
        0..0
    );
    assert_eq!(front_matter_lines("---\nunclosed\n"), 0..0);
}
