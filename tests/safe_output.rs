//! Hostile text in notes and front matter stays text in every output format (read
//! back with real parsers), raw HTML passes only where `allow_html` lets it, and no
//! slug or tag can put a file outside the output directory or past a name's length.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const EVIL_TITLE: &str = "</title><script>alert('t')</script> & \"q\"";
const EVIL_SESSION: &str = "</h2><script>alert('s')</script> <b>bold?</b>";
const EVIL_SPEAKER: &str = "Ana <Script>Lima";

fn hostile_site(root: &Path, allow_html: bool) {
    let config = fs::read_to_string(root.join("site.toml")).unwrap();
    fs::write(
        root.join("site.toml"),
        format!("allow_html = {allow_html}\n{config}"),
    )
    .unwrap();
    let long = "Long".repeat(100);
    fs::write(
        root.join("content/2025-06-01-hostile.md"),
        format!(
            r#"+++
title = "{title}"
summary = "<script>alert('summary')</script>"
location = "<img src=x onerror=alert('loc')>"
organizers = ["<script>alert('org')</script>"]
slug = "../../escape"
tags = ["../../x", "%2e%2e", "a/b", "con", "<script>", "{long}", "..", "/etc/passwd"]
links = {{ "<script>alert('l')</script>" = "javascript:alert('href')" }}
+++
Intro with <script>alert('raw')</script> and #%2e%2e and #a/b.

13:00 {session}
Speaker: {speaker}
- Notes with <script>alert('notes')</script> and <b>bold</b>.

14:00 {long} {long} {long}
- A title far longer than a file name may be.
"#,
            title = EVIL_TITLE.replace('"', "\\\""),
            session = EVIL_SESSION,
            speaker = EVIL_SPEAKER,
        ),
    )
    .unwrap();
}

/// Every `<script>` element in the output, with its text: the theme's own scripts
/// have a `src` or are the theme's, never one of the `alert`s above.
fn injected_scripts(out: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in html_files(out) {
        let doc = html(&file);
        // JSON-LD is data, not code: it is parsed as JSON below.
        for el in select(
            &doc,
            "script:not([type='application/ld+json']), img[onerror], a[href^='javascript:']",
        ) {
            let source = el.html();
            if source.contains("alert(") {
                found.push(format!("{}: {source}", file.display()));
            }
        }
    }
    found
}

#[test]
fn hostile_text_stays_text_in_html_xml_json_and_ics() {
    let (tmp, root) = fixture("basic");
    hostile_site(&root, false);
    plenary_ok(&root, &["build"]);
    let out = root.join("public");

    assert_eq!(injected_scripts(&out), Vec::<String>::new());

    // The slug stays a segment of its own: no file outside public/.
    let event = out.join("2025/escape");
    assert!(event.join("index.html").is_file());
    let outside: Vec<_> = walkdir::WalkDir::new(tmp.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.path().starts_with(&out) && !e.path().starts_with(&root))
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(outside.is_empty(), "{outside:?}");

    // HTML: the title round-trips as text.
    let doc = html(&event.join("index.html"));
    assert_eq!(text(&select(&doc, "h1")[0]), EVIL_TITLE);
    assert!(
        text(&select(&doc, "title")[0]).contains(EVIL_TITLE),
        "{}",
        text(&select(&doc, "title")[0])
    );
    let main = text(&select(&doc, "main")[0]);
    for shown in [
        "<script>alert('raw')</script>",
        "<script>alert('notes')</script>",
        "<b>bold</b>",
        "</h2><script>alert('s')</script>",
    ] {
        assert!(
            main.contains(shown),
            "{shown:?} not shown as text in {main}"
        );
    }

    // Atom: the title is text after a real XML parser and a feed parser.
    let atom = fs::read_to_string(out.join("atom.xml")).unwrap();
    roxmltree::Document::parse(&atom).unwrap();
    let feed = atom_syndication::Feed::read_from(atom.as_bytes()).unwrap();
    assert!(
        feed.entries()
            .iter()
            .any(|e| e.title().as_str() == EVIL_TITLE),
        "{:?}",
        feed.entries()
            .iter()
            .map(|e| e.title().as_str())
            .collect::<Vec<_>>()
    );
    for xml in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "xml"))
    {
        let text = fs::read_to_string(xml.path()).unwrap();
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", xml.path().display()));
        assert!(
            doc.descendants().all(|n| n.tag_name().name() != "script"),
            "{}",
            xml.path().display()
        );
    }

    // JSON: live.json and the search records parse and carry the title as a string.
    let text = fs::read_to_string(out.join("2025/escape/live.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(contains_string(&value, EVIL_TITLE), "live.json");
    let records = serde_json::Value::Array(search_records(&out));
    assert!(contains_string(&records, EVIL_TITLE), "{records}");
    // JSON-LD in the page parses too.
    for el in select(&doc, "script[type='application/ld+json']") {
        let data: String = el.text().collect();
        let value: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert!(contains_string(&value, EVIL_TITLE), "{data}");
    }

    // iCalendar: the session's summary round-trips through a real parser.
    let ics = fs::read(event.join("calendar.ics")).unwrap();
    let mut summaries = Vec::new();
    for cal in ical::IcalParser::new(ics.as_slice()) {
        for ev in cal.unwrap().events {
            for p in ev.properties {
                if p.name == "SUMMARY" {
                    summaries.push(unescape_ics(&p.value.unwrap_or_default()));
                }
            }
        }
    }
    assert!(
        summaries.iter().any(|s| s.contains(EVIL_SESSION)),
        "{summaries:?}"
    );
}

fn contains_string(v: &serde_json::Value, want: &str) -> bool {
    match v {
        serde_json::Value::String(s) => s.contains(want),
        serde_json::Value::Array(a) => a.iter().any(|x| contains_string(x, want)),
        serde_json::Value::Object(o) => o.values().any(|x| contains_string(x, want)),
        _ => false,
    }
}

fn unescape_ics(s: &str) -> String {
    s.replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\n", "\n")
        .replace("\\\\", "\\")
}

#[test]
fn raw_html_in_notes_passes_only_when_allowed_never_from_front_matter() {
    let (_tmp, root) = fixture("basic");
    hostile_site(&root, true);
    plenary_ok(&root, &["build"]);
    let out = root.join("public");
    let scripts = injected_scripts(&out);
    // The writer's own notes may hold HTML when allowed...
    assert!(
        scripts.iter().any(|s| s.contains("alert('notes')")),
        "{scripts:?}"
    );
    // ...but front matter values and marker lines never become markup.
    for never in ["'t'", "'s'", "summary", "'loc'", "'org'", "'l'", "href"] {
        assert!(
            !scripts.iter().any(|s| s.contains(never)),
            "{never}: {scripts:?}"
        );
    }
}

#[test]
fn slugs_and_tags_stay_inside_public_and_under_the_name_limit() {
    let (tmp, root) = fixture("basic");
    hostile_site(&root, false);
    plenary_ok(&root, &["build"]);
    let out = root.join("public");
    for entry in walkdir::WalkDir::new(tmp.path()) {
        let entry = entry.unwrap();
        let name = entry.file_name().len();
        assert!(name < 255, "{}: {name} bytes", entry.path().display());
    }
    // Every tag has a page, named by a plain segment.
    let tags: Vec<String> = fs::read_dir(out.join("tags"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for t in &tags {
        assert!(
            !t.contains(['/', '%', '.', '<']) && !t.is_empty(),
            "tag folder {t:?}"
        );
    }
    assert!(tags.iter().any(|t| t == "con"), "{tags:?}");
    assert!(tags.iter().any(|t| t == "x"), "{tags:?}");
    assert!(tags.iter().any(|t| t.starts_with("longlong")), "{tags:?}");
    assert!(no_broken_links(&out));
}

fn no_broken_links(out: &Path) -> bool {
    let broken = check_links(out, "https://notes.example.org", "/");
    assert!(broken.is_empty(), "{broken:#?}");
    true
}

#[test]
fn javascript_urls_in_notes_never_become_links_or_images() {
    let (_tmp, root) = fixture("basic");
    let config = fs::read_to_string(root.join("site.toml")).unwrap();
    fs::write(
        root.join("site.toml"),
        format!("allow_html = false\n{config}"),
    )
    .unwrap();
    fs::write(
        root.join("content/2025-06-02-links.md"),
        "+++\ntitle = \"Links\"\n+++\n\n13:00 Links of every kind\n\
         - [click](javascript:alert(1)) and <javascript:alert(2)> and ![pic](javascript:alert(3))\n\
         - [spaced](java\tscript:alert(4)) and [data](data:text/html,<b>x</b>)\n\
         - [fine](https://example.org/slides) and ![ok](/img/stage.jpg)\n",
    )
    .unwrap();
    plenary_ok(&root, &["build"]);
    let out = root.join("public");
    for file in html_files(&out) {
        let doc = html(&file);
        for el in select(&doc, "[href], [src]") {
            for attr in ["href", "src"] {
                if let Some(url) = el.value().attr(attr) {
                    let squeezed: String = url
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect::<String>()
                        .to_ascii_lowercase();
                    assert!(
                        !squeezed.starts_with("javascript:") && !squeezed.starts_with("data:"),
                        "{}: {attr}={url}",
                        file.display()
                    );
                }
            }
        }
    }
    // The writer's words stay, as text; safe links stay links.
    let doc = html(&out.join("2025/links/index.html"));
    let notes = select(&doc, "article.session")
        .iter()
        .map(text)
        .collect::<String>();
    for word in ["click", "pic", "spaced", "data"] {
        assert!(notes.contains(word), "{word} missing: {notes}");
    }
    assert_eq!(
        select(&doc, "article.session a[href='https://example.org/slides']").len(),
        1
    );
    assert_eq!(
        select(&doc, "article.session img[src='/img/stage.jpg']").len(),
        1
    );
}

#[test]
fn templates_cannot_read_the_environment() {
    let (_tmp, root) = fixture("basic");
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/404.html"),
        "<!doctype html><title>x</title><p>{{ get_env(name=\"PLENARY_SECRET\") }}</p>\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .arg("build")
        .current_dir(&root)
        .env("PLENARY_SECRET", "s3cr3t-token")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("get_env is turned off"), "{stderr}");
    assert!(!root.join("public/404.html").exists());
}
