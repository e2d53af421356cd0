//! Live blogs (issue 14), on the example of docs/live.md and a few more markers: the
//! event page (key moments, pinned box, marks, cancelled and moved in the schedule),
//! the Atom feed (updated, published, author, cancelled), the calendar
//! (`STATUS:CANCELLED`) and the JSON-LD (`LiveBlogPosting` checked against schema.org's
//! vocabulary, vendored in `tests/live_schema_org.txt`).

mod common;

use plenary::build::generate;
use plenary::config::Config;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// The first ```notes block of docs/live.md: the documented live blog.
fn doc_example() -> String {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/live.md"))
        .expect("docs/live.md");
    let start = doc
        .find("```notes\n")
        .expect("a notes example in docs/live.md")
        + 9;
    let len = doc[start..].find("```").expect("the example's end");
    doc[start..start + len].to_string()
}

/// The example, with a cancelled and a moved talk after it.
fn notes() -> String {
    doc_example() + "\n~~19:00 Demo~~\n\n19:10 Panel talk (moved from 17:00)\nAda Lovelace\n"
}

fn build(notes: &str) -> HashMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "base_url = \"https://example.org/\"\ntitle = \"Notes\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/2025-05-07-keynote.md"), notes).unwrap();
    let config = Config::load(dir.path()).unwrap();
    generate(dir.path(), &config, false)
        .unwrap()
        .pages
        .into_iter()
        .map(|p| (p.path, p.bytes))
        .collect()
}

fn page(files: &HashMap<String, Vec<u8>>) -> Html {
    Html::parse_document(std::str::from_utf8(&files["2025/keynote/index.html"]).unwrap())
}

fn all<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn text(el: &ElementRef<'_>) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn key_moments_box_lists_marked_entries_with_jump_links() {
    let doc = page(&build(&notes()));
    let links: Vec<(String, String)> = all(&doc, "nav.key-moments li a")
        .iter()
        .map(|a| (a.attr("href").unwrap().to_string(), text(a)))
        .collect();
    assert_eq!(
        links,
        [
            (
                "#1810".to_string(),
                "18:10 The release is announced for June. Correction 18:30: July, not June."
                    .to_string()
            ),
            (
                "#1815".to_string(),
                "18:15 Questions from the floor.".to_string()
            ),
        ]
    );
    let pinned = all(&doc, "aside.pinned a");
    assert_eq!(pinned.len(), 1);
    assert_eq!(pinned[0].attr("href"), Some("#1815"));
    // Without JavaScript (and after the event) the pinned box is not shown.
    assert!(all(&doc, "aside.pinned")[0].attr("hidden").is_some());
    // With two talks among them the updates are a talk day's, not a live blog.
    assert_eq!(text(&all(&doc, ".entry-count")[0]), "5 sessions");
    assert!(all(&doc, "article.event.liveblog").is_empty());
}

#[test]
fn a_stream_of_updates_is_a_live_blog() {
    let doc = page(&build(&doc_example()));
    assert_eq!(text(&all(&doc, ".entry-count")[0]), "3 updates");
    assert_eq!(all(&doc, "article.event.liveblog").len(), 1);
    assert_eq!(all(&doc, "#live[data-liveblog]").len(), 1);
}

#[test]
fn updates_under_a_talk_are_entries_inside_that_talk() {
    let notes = "+++\ntitle = \"T\"\ndate = 2025-05-07\n+++\n\n14:00 Rust at scale\nAda Lovelace\n- notes\n\n\
        14:10\nThe demo works.\n\n14:20\nQuestions.\n\n15:00 Coffee break\n\n15:10\nBack in the room.\n";
    let doc = page(&build(notes));
    // Each article with the talk it sits in (none for those at the top of the day).
    let placed: Vec<(String, Option<String>)> = all(&doc, "article.session")
        .iter()
        .map(|a| {
            let host = a
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|p| {
                    p.value().name() == "article" && p.value().classes().any(|c| c == "session")
                })
                .and_then(|p| p.attr("id").map(str::to_string));
            (a.attr("id").unwrap().to_string(), host)
        })
        .collect();
    let talk = Some("1400-rust-at-scale".to_string());
    assert_eq!(
        placed,
        [
            ("1400-rust-at-scale".to_string(), None),
            ("1410".to_string(), talk.clone()),
            ("1420".to_string(), talk),
            ("1500-coffee-break".to_string(), None),
            ("1510".to_string(), None),
        ]
    );
    // Inside the talk, after its notes and before its footer, each with its time,
    // its anchor link and its copy link.
    let entries = all(
        &doc,
        "article[id=\"1400-rust-at-scale\"] > .entries > article.session",
    );
    assert_eq!(entries.len(), 2);
    for entry in &entries {
        let id = entry.attr("id").unwrap();
        let one = |css: &str| entry.select(&Selector::parse(css).unwrap()).count();
        assert_eq!(one("header .when > time[datetime]"), 1, "{id}");
        assert_eq!(one(&format!("a.permalink[href=\"#{id}\"]")), 1, "{id}");
        assert_eq!(one("button.copy-link[data-url]"), 1, "{id}");
    }
    let talk_children: Vec<String> = all(&doc, "article[id=\"1400-rust-at-scale\"] > *")
        .iter()
        .map(|c| c.value().name().to_string() + "." + c.value().attr("class").unwrap_or(""))
        .collect();
    assert_eq!(
        talk_children,
        [
            "header.",
            "div.notes",
            "div.entries",
            "footer.session-footer"
        ]
    );
    // No "In <talk>" line below the talk any more: they are in it.
    assert!(all(&doc, ".within").is_empty());
    // Under the talk in the schedule too.
    assert_eq!(all(&doc, ".schedule-list li.is-within").len(), 2);
    assert!(all(&doc, "article.event.liveblog").is_empty());
}

#[test]
fn no_key_moments_box_shows_without_markers() {
    let doc = page(&build(
        "+++\ntitle = \"K\"\n+++\n\n[18:02] One.\n\n[18:05] Two.\n",
    ));
    let boxes = all(&doc, "nav.key-moments");
    assert_eq!(boxes.len(), 1, "kept for live.js to fill");
    assert!(boxes[0].attr("hidden").is_some());
    assert!(all(&doc, "nav.key-moments li").is_empty());
}

#[test]
fn entries_show_their_marks() {
    let doc = page(&build(&notes()));
    let marks = |id: &str| -> Vec<String> {
        all(&doc, &format!("article[id=\"{id}\"] .mark"))
            .iter()
            .map(text)
            .collect()
    };
    assert_eq!(marks("1810"), ["Key moment", "Corrected 18:30"]);
    assert_eq!(marks("1815"), ["Pinned"]);
    assert_eq!(marks("1900-demo"), ["Cancelled"]);
    assert_eq!(marks("1910-panel-talk"), ["Moved from 17:00"]);
    assert_eq!(text(&all(&doc, "article[id=\"1815\"] .author")[0]), "by mk");
    let corrected = all(&doc, "article[id=\"1810\"] .mark-correction time");
    assert_eq!(
        corrected[0].attr("datetime"),
        Some("2025-05-07T18:30:00+02:00")
    );
    assert!(all(&doc, "article[id=\"1810\"][data-revised]").len() == 1);
    // The correction line stays in the notes as written.
    assert!(
        text(&all(&doc, "article[id=\"1810\"] .notes")[0])
            .contains("Correction 18:30: July, not June.")
    );
}

#[test]
fn cancelled_and_moved_sessions_in_the_schedule() {
    let doc = page(&build(&notes()));
    let cancelled = all(&doc, ".schedule-list li.is-cancelled");
    assert_eq!(cancelled.len(), 1);
    assert_eq!(cancelled[0].attr("data-anchor"), Some("1900-demo"));
    assert_eq!(
        text(&all(&doc, ".schedule-list li.is-cancelled s")[0]),
        "Demo"
    );
    assert!(
        text(&cancelled[0]).ends_with("Demo cancelled"),
        "said in words too"
    );
    let moved = all(
        &doc,
        ".schedule-list li[data-anchor=\"1910-panel-talk\"] .moved",
    );
    assert_eq!(text(&moved[0]), "moved from 17:00");
}

#[test]
fn atom_entries_carry_revision_time_author_and_cancelled() {
    let files = build(&notes());
    let feed = atom_syndication::Feed::read_from(&files["2025/keynote/atom.xml"][..]).unwrap();
    let entry = |anchor: &str| {
        feed.entries()
            .iter()
            .find(|e| e.links()[0].href().ends_with(&format!("/{anchor}/")))
            .unwrap_or_else(|| panic!("entry {anchor}"))
    };
    let corrected = entry("1810");
    assert_eq!(
        corrected.updated().to_rfc3339(),
        "2025-05-07T18:30:00+02:00"
    );
    assert_eq!(
        corrected.published().map(|p| p.to_rfc3339()).as_deref(),
        Some("2025-05-07T18:10:00+02:00")
    );
    let plain = entry("1802");
    assert_eq!(plain.updated().to_rfc3339(), "2025-05-07T18:02:00+02:00");
    assert!(plain.published().is_none());
    assert!(plain.authors().is_empty());
    let by = entry("1815");
    assert_eq!(
        by.authors().iter().map(|a| a.name()).collect::<Vec<_>>(),
        ["mk"]
    );
    assert_eq!(entry("1900-demo").title().as_str(), "Cancelled: 19:00 Demo");
    assert_eq!(
        entry("1910-panel-talk").title().as_str(),
        "19:10 Panel talk (moved from 17:00)"
    );
}

#[test]
fn calendar_marks_a_cancelled_session_cancelled() {
    let files = build(&notes());
    let cal = ical::IcalParser::new(&files["2025/keynote/calendar.ics"][..])
        .next()
        .unwrap()
        .unwrap();
    let prop = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        e.properties
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    let statuses: Vec<(Option<String>, Option<String>)> = cal
        .events
        .iter()
        .map(|e| (prop(e, "SUMMARY"), prop(e, "STATUS")))
        .filter(|(_, status)| status.is_some())
        .collect();
    assert_eq!(
        statuses,
        [(Some("Cancelled: Demo".into()), Some("CANCELLED".into()))]
    );
}

/// schema.org's vocabulary as vendored: supertypes by type, and domains and ranges by
/// property.
struct Vocabulary {
    parents: HashMap<String, Vec<String>>,
    properties: HashMap<String, (Vec<String>, Vec<String>)>,
}

impl Vocabulary {
    fn load() -> Vocabulary {
        let text = include_str!("live_schema_org.txt");
        let mut parents = HashMap::new();
        let mut properties = HashMap::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words[0] {
                "type" => {
                    parents.insert(
                        words[1].to_string(),
                        words[2..].iter().map(|w| w.to_string()).collect(),
                    );
                }
                "property" => {
                    let bar = words.iter().position(|w| *w == "|").unwrap();
                    let list = |ws: &[&str]| ws.iter().map(|w| w.to_string()).collect::<Vec<_>>();
                    properties.insert(
                        words[1].to_string(),
                        (list(&words[2..bar]), list(&words[bar + 1..])),
                    );
                }
                other => panic!("unknown line kind {other}"),
            }
        }
        Vocabulary {
            parents,
            properties,
        }
    }

    /// A type and all its supertypes.
    fn ancestry(&self, ty: &str) -> HashSet<String> {
        let mut out = HashSet::new();
        let mut todo = vec![ty.to_string()];
        while let Some(t) = todo.pop() {
            if out.insert(t.clone()) {
                todo.extend(self.parents.get(&t).cloned().unwrap_or_default());
            }
        }
        out
    }

    /// Every problem of one JSON-LD node, by path.
    fn check(&self, node: &Value, path: &str, problems: &mut Vec<String>) {
        let Some(obj) = node.as_object() else { return };
        let Some(ty) = obj.get("@type").and_then(Value::as_str) else {
            problems.push(format!("{path}: no @type"));
            return;
        };
        if !self.parents.contains_key(ty) {
            problems.push(format!("{path}: unknown type {ty}"));
            return;
        }
        let ancestry = self.ancestry(ty);
        for (key, value) in obj {
            if key.starts_with('@') {
                continue;
            }
            let Some((domains, ranges)) = self.properties.get(key) else {
                problems.push(format!("{path}.{key}: not a schema.org property"));
                continue;
            };
            if !domains.iter().any(|d| ancestry.contains(d)) {
                problems.push(format!("{path}.{key}: not a property of {ty}"));
            }
            let values: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                v => vec![v],
            };
            for (i, v) in values.iter().enumerate() {
                let at = format!("{path}.{key}[{i}]");
                match v {
                    Value::Object(o) => {
                        let vt = o.get("@type").and_then(Value::as_str).unwrap_or("");
                        let va = self.ancestry(vt);
                        if !ranges.iter().any(|r| va.contains(r)) {
                            problems.push(format!("{at}: {vt} is not one of {ranges:?}"));
                        }
                        self.check(v, &at, problems);
                    }
                    Value::String(s) => {
                        let dated = ranges.iter().any(|r| r == "DateTime" || r == "Date");
                        let texty = ranges.iter().any(|r| {
                            matches!(r.as_str(), "Text" | "URL") || r.ends_with("Enumeration")
                        });
                        if dated && !texty && !is_date_or_datetime(s) {
                            problems.push(format!("{at}: `{s}` is not a Date or DateTime"));
                        }
                        if !dated && !texty {
                            problems.push(format!("{at}: text where {ranges:?} is expected"));
                        }
                    }
                    other => problems.push(format!("{at}: unexpected {other}")),
                }
            }
        }
    }
}

/// `2025-05-07` or `2025-05-07T18:10:00+02:00` (a DateTime with its offset).
fn is_date_or_datetime(s: &str) -> bool {
    let date = s.len() >= 10
        && s[..10].chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    date && (s.len() == 10
        || (s.len() == 25 && &s[10..11] == "T" && (s[19..20] == *"+" || s[19..20] == *"-")))
}

#[test]
fn structured_data_is_schema_org_vocabulary() {
    let vocab = Vocabulary::load();
    let doc = page(&build(&notes()));
    let scripts = all(&doc, "script[type=\"application/ld+json\"]");
    let data: Vec<Value> = scripts
        .iter()
        .map(|s| serde_json::from_str(&s.text().collect::<String>()).unwrap())
        .collect();
    let types: Vec<&str> = data.iter().map(|d| d["@type"].as_str().unwrap()).collect();
    assert_eq!(types, ["Event", "LiveBlogPosting"]);
    let mut problems = Vec::new();
    for (i, d) in data.iter().enumerate() {
        assert_eq!(d["@context"], "https://schema.org");
        vocab.check(d, &format!("script[{i}]"), &mut problems);
    }
    assert!(problems.is_empty(), "{problems:#?}");

    let blog = &data[1];
    assert_eq!(blog["coverageStartTime"], "2025-05-07T18:02:00+02:00");
    assert_eq!(blog["coverageEndTime"], "2025-05-07T19:40:00+02:00");
    let updates = blog["liveBlogUpdate"].as_array().unwrap();
    assert_eq!(updates.len(), 5);
    assert_eq!(updates[0]["headline"], "Panel talk", "newest first");
    let corrected = updates
        .iter()
        .find(|u| u["url"] == "https://example.org/2025/keynote/1810/")
        .unwrap();
    assert_eq!(corrected["datePublished"], "2025-05-07T18:10:00+02:00");
    assert_eq!(corrected["dateModified"], "2025-05-07T18:30:00+02:00");
    let by = updates
        .iter()
        .find(|u| u["url"] == "https://example.org/2025/keynote/1815/")
        .unwrap();
    assert_eq!(by["author"]["name"], "mk");
    assert_eq!(blog["dateModified"], "2025-05-07T19:10:00+02:00");
}

#[test]
fn the_vocabulary_check_catches_what_schema_org_does_not_have() {
    let vocab = Vocabulary::load();
    let bad = serde_json::json!({
        "@type": "LiveBlogPosting",
        "coverageStartTime": "yesterday",
        "liveBlogUpdate": [{ "@type": "Event", "name": "x" }],
        "updateTime": "2025-05-07T18:10:00+02:00",
        "author": { "@type": "Person", "coverageEndTime": "2025-05-07T18:10:00+02:00" }
    });
    let mut problems = Vec::new();
    vocab.check(&bad, "bad", &mut problems);
    problems.sort();
    assert_eq!(
        problems,
        [
            "bad.author[0].coverageEndTime: not a property of Person",
            "bad.coverageStartTime[0]: `yesterday` is not a Date or DateTime",
            "bad.liveBlogUpdate[0]: Event is not one of [\"BlogPosting\"]",
            "bad.updateTime: not a schema.org property",
        ]
    );
}

#[test]
fn inspect_json_carries_the_markers_and_nothing_new_without_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.md");
    std::fs::write(&file, notes()).unwrap();
    let out = common::plenary_ok(dir.path(), &["inspect", "--json", file.to_str().unwrap()]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = |anchor: &str| {
        json["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["anchor"] == anchor)
            .unwrap()
            .clone()
    };
    assert_eq!(s("1810")["key_moment"], true);
    assert_eq!(
        s("1810")["revisions"],
        serde_json::json!([{ "kind": "correction", "time": "18:30", "line": 11 }])
    );
    assert_eq!(s("1815")["pinned"], true);
    assert_eq!(s("1815")["author"], "mk");
    assert_eq!(s("1900-demo")["cancelled"], true);
    assert_eq!(s("1910-panel-talk")["moved_from"], "17:00");
    let plain = s("1802");
    for key in [
        "key_moment",
        "pinned",
        "cancelled",
        "moved_from",
        "revisions",
        "author",
    ] {
        assert!(plain.get(key).is_none(), "{key} only when set");
    }
}

/// A day of talks (one cancelled) and, on another day, a live blog: the now marks.
fn talk_day_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "base_url = \"https://example.org/\"\ntitle = \"Notes\"\ntimezone = \"Europe/Zurich\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/2025-05-08-talk-day.md"),
        "09:00 Morning talk\nGrace Hopper\n\n10:00 Second talk\nAlan Turing\n\n[10:20]\nA live update, never on now.\n\n11:00 Third talk (cancelled)\n\n11:30 - 12:00 Last talk\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("content/2025-05-07-keynote.md"), notes()).unwrap();
    dir
}

/// `plenary build` with the build's clock at `now`; its report line.
fn build_at(dir: &std::path::Path, now: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["build"])
        .env("PLENARY_NOW", now)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{stderr}");
    stderr
}

/// The anchors marked now and next: in the schedule (with its words), on the timeline
/// (with its mark), and the "Next:" line.
fn now_marks(dir: &std::path::Path) -> (Vec<String>, Vec<String>, Option<String>) {
    let doc = common::html(&dir.join("public/2025/talk-day/index.html"));
    let marked = |which: &str, word: &str, mark: &str| -> Vec<String> {
        let items = all(&doc, &format!(".schedule-list li.is-{which}"));
        let arts = all(&doc, &format!("article.session.is-{which}"));
        let from_items: Vec<String> = items
            .iter()
            .map(|li| {
                let label: Vec<String> = li
                    .select(&Selector::parse(".now-mark").unwrap())
                    .map(|m| text(&m))
                    .collect();
                assert_eq!(label, [word], "a visible word");
                li.attr("data-anchor").unwrap().to_string()
            })
            .collect();
        let from_arts: Vec<String> = arts
            .iter()
            .map(|a| {
                let label: Vec<String> = a
                    .select(&Selector::parse(".when .mark").unwrap())
                    .filter(|m| m.value().classes().any(|c| c == mark))
                    .map(|m| text(&m))
                    .collect();
                assert_eq!(label.len(), 1, "one {mark}");
                a.attr("id").unwrap().to_string()
            })
            .collect();
        assert_eq!(from_items, from_arts, "the schedule and the timeline agree");
        from_items
    };
    let now = marked("now", "now", "mark-now");
    let next = marked("next", "next", "mark-next");
    for li in all(&doc, ".schedule-list li[aria-current]") {
        assert_eq!(li.attr("aria-current"), Some("time"));
        assert!(now.contains(&li.attr("data-anchor").unwrap().to_string()));
    }
    let line = all(&doc, "#live .live-next")
        .first()
        .filter(|p| p.attr("hidden").is_none())
        .map(text);
    (now, next, line)
}

#[test]
fn the_session_on_now_and_the_next_are_marked_at_build_time() {
    let site = talk_day_site();
    /// The build's clock, the anchors marked now and next, the "Next:" line.
    type Case<'a> = (&'a str, &'a [&'a str], &'a [&'a str], Option<&'a str>);
    let cases: &[Case] = &[
        (
            "2025-05-08T09:30:00+02:00",
            &["0900-morning-talk"],
            &["1000-second-talk"],
            Some("Next: 10:00 Second talk"),
        ),
        // Before the first talk of the day: nothing on, the first one next.
        (
            "2025-05-08T06:00:00Z",
            &[],
            &["0900-morning-talk"],
            Some("Next: 09:00 Morning talk"),
        ),
        // An update is never on: the talk it is written in is; a cancelled talk is
        // never next, but it ends the talk before it.
        (
            "2025-05-08T10:30:00+02:00",
            &["1000-second-talk"],
            &["1130-last-talk"],
            Some("Next: 11:30 Last talk"),
        ),
        (
            "2025-05-08T11:10:00+02:00",
            &[],
            &["1130-last-talk"],
            Some("Next: 11:30 Last talk"),
        ),
        // A written end.
        ("2025-05-08T11:59:00+02:00", &["1130-last-talk"], &[], None),
        ("2025-05-08T12:00:00+02:00", &[], &[], None),
        // Not on: the day before and after, whatever the hour.
        ("2025-05-07T09:30:00+02:00", &[], &[], None),
        ("2025-05-09T09:30:00+02:00", &[], &[], None),
    ];
    for (now, want_now, want_next, want_line) in cases {
        build_at(site.path(), now);
        let (on, next, line) = now_marks(site.path());
        assert_eq!(on, *want_now, "now at {now}");
        assert_eq!(next, *want_next, "next at {now}");
        assert_eq!(line.as_deref(), *want_line, "the next line at {now}");
    }
}

#[test]
fn a_rebuild_moves_the_now_mark_when_a_session_boundary_passes() {
    let site = talk_day_site();
    let first = build_at(site.path(), "2025-05-08T09:10:00+02:00");
    assert!(
        first.contains("(0 unchanged since the last build)"),
        "{first}"
    );
    // Within the same session: nothing to render again.
    let same = build_at(site.path(), "2025-05-08T09:50:00+02:00");
    assert!(
        same.contains("(2 unchanged since the last build)"),
        "{same}"
    );
    assert_eq!(now_marks(site.path()).0, ["0900-morning-talk"]);
    // Past a boundary: the page of the event on now is rendered again, the other
    // event's (not on) is kept.
    let moved = build_at(site.path(), "2025-05-08T10:05:00+02:00");
    assert!(
        moved.contains("(1 unchanged since the last build)"),
        "{moved}"
    );
    assert_eq!(now_marks(site.path()).0, ["1000-second-talk"]);
    // The session's own page says so too.
    let page = common::html(
        &site
            .path()
            .join("public/2025/talk-day/1000-second-talk/index.html"),
    );
    assert_eq!(
        common::select(&page, ".when .mark-now")
            .iter()
            .map(common::text)
            .collect::<Vec<_>>(),
        ["Now"]
    );
    // After the event: the marks go, once.
    let over = build_at(site.path(), "2025-05-09T08:00:00+02:00");
    assert!(
        over.contains("(1 unchanged since the last build)"),
        "{over}"
    );
    assert_eq!(now_marks(site.path()), (vec![], vec![], None));
}

#[test]
fn a_build_clock_that_is_not_a_time_is_an_error() {
    let site = talk_day_site();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["build"])
        .env("PLENARY_NOW", "tomorrow")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("PLENARY_NOW `tomorrow` is not a time"),
        "{stderr}"
    );
}
