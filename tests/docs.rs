//! The docs' examples are checked: every `notes` block in docs/notes-format.md is
//! parsed, and what plenary understood must equal the `expect` block under it.

use plenary::notes;
use std::path::Path;

/// One line per session, `time kind title | speakers | tags`, and `== date label` per
/// day of a multi-day event: the compact form the doc uses.
fn compact(text: &str) -> String {
    let parsed = notes::parse(Path::new("example.md"), text).expect("doc example parses");
    let e = &parsed.event;
    let mut out = Vec::new();
    for (i, day) in e.days.iter().enumerate() {
        if e.days.len() > 1 {
            let date = day.date.map_or("?".to_string(), |d| d.to_string());
            match &day.label {
                Some(l) => out.push(format!("== {date} {l}")),
                None => out.push(format!("== {date}")),
            }
        }
        for s in e.day_sessions(i) {
            let time = match (s.time, s.end_time) {
                (Some(t), Some(end)) => format!("{t}-{end}"),
                (Some(t), None) => t.to_string(),
                _ => "--:--".into(),
            };
            let mut line = format!("{time} {} {}", s.kind.as_str(), s.title);
            let speakers: Vec<String> = s
                .speakers
                .iter()
                .map(|sp| match &sp.affiliation {
                    Some(a) => format!("{} ({a})", sp.name),
                    None => sp.name.clone(),
                })
                .collect();
            let tags = e.session_tags(s);
            if !speakers.is_empty() || !tags.is_empty() {
                line.push_str(&format!(" | {}", speakers.join("; ")));
            }
            if !tags.is_empty() {
                line.push_str(&format!(" | {}", tags.join(" ")));
            }
            out.push(line.replace("  ", " "));
        }
    }
    out.join("\n")
}

/// The fenced blocks of a Markdown file: (info string, contents).
fn fences(md: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in md.lines() {
        match &mut current {
            None => {
                if let Some(info) = line.strip_prefix("```") {
                    current = Some((info.trim().to_string(), String::new()));
                }
            }
            Some((info, body)) => {
                if line.trim() == "```" {
                    out.push((std::mem::take(info), std::mem::take(body)));
                    current = None;
                } else {
                    body.push_str(line);
                    body.push('\n');
                }
            }
        }
    }
    out
}

#[test]
fn notes_format_examples_parse_as_documented() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/notes-format.md"))
            .unwrap();
    let blocks = fences(&doc);
    let mut checked = 0;
    for pair in blocks.windows(2) {
        if pair[0].0 == "notes" {
            assert_eq!(
                pair[1].0, "expect",
                "every notes example is followed by its expect block"
            );
            assert_eq!(
                compact(&pair[0].1),
                pair[1].1.trim_end(),
                "example:\n{}",
                pair[0].1
            );
            checked += 1;
        }
    }
    assert!(checked >= 7, "only {checked} examples found");
}

#[test]
fn front_matter_example_in_the_doc_is_valid() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/notes-format.md"))
            .unwrap();
    let toml = fences(&doc)
        .into_iter()
        .find(|(info, _)| info == "toml")
        .expect("a toml example")
        .1;
    let parsed = notes::parse(Path::new("x.md"), &toml).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.event.title, "Open Source Summit");
    assert_eq!(parsed.event.slug, "summit");
    assert!(parsed.event.draft);
}

#[test]
fn site_toml_example_in_the_doc_is_valid() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/site-toml.md"))
            .unwrap();
    let toml = fences(&doc)
        .into_iter()
        .find(|(info, _)| info == "toml")
        .expect("a toml example")
        .1;
    let config = plenary::config::Config::parse(Path::new("site.toml"), &toml).unwrap();
    assert_eq!(config.base_path(), "/blog/");
    assert_eq!(config.urls.event, "{year}/{slug}/");
    assert_eq!(
        config.extra["github"].as_str(),
        Some("https://github.com/me")
    );
}

#[test]
fn the_repository_is_a_working_example_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = plenary::config::Config::load(root).unwrap();
    let generated = plenary::build::generate(root, &config, false).unwrap();
    assert!(generated.events >= 3);
    assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
    let no_front_matter =
        std::fs::read_to_string(root.join("content/2025-03-12-rust-zurich-meetup.md")).unwrap();
    assert!(
        !no_front_matter.starts_with("+++"),
        "one example event has no front matter"
    );
}
