//! The docs' examples are checked: every `notes` block in docs/notes-format.md is
//! parsed, and what plenary understood must equal the `expect` block under it; the
//! commands of docs/getting-started.md run in order against the binary; the template
//! example of docs/templates.md is built.

mod common;

use common::{html, plenary_ok, select, text};
use plenary::notes;
use std::path::{Path, PathBuf};

/// One line per session, `time kind title [/ subtitle] | speakers | tags`, and
/// `== date label` per day of a multi-day event: the compact form the doc uses.
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
            if let Some(sub) = &s.subtitle {
                line.push_str(&format!(" / {sub}"));
            }
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
            line.push_str(&live_marks(&s.live));
            out.push(line.replace("  ", " ").trim_end().to_string());
        }
    }
    out.join("\n")
}

/// The live-blog markers of a session, as the doc's compact form shows them:
/// ` [key] [pinned] [@mk] [cancelled] [moved from 17:00] [correction 18:30]`.
fn live_marks(m: &plenary::model::LiveMarks) -> String {
    let mut out = String::new();
    if m.pinned {
        out.push_str(" [pinned]");
    } else if m.key_moment {
        out.push_str(" [key]");
    }
    if let Some(a) = &m.author {
        out.push_str(&format!(" [@{a}]"));
    }
    if m.cancelled {
        out.push_str(" [cancelled]");
    }
    if let Some(t) = m.moved_from {
        out.push_str(&format!(" [moved from {t}]"));
    }
    for r in &m.revisions {
        let kind = match r.kind {
            plenary::model::RevisionKind::Update => "update",
            plenary::model::RevisionKind::Correction => "correction",
        };
        match r.time {
            Some(t) => out.push_str(&format!(" [{kind} {t}]")),
            None => out.push_str(&format!(" [{kind}]")),
        }
    }
    out
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

/// The first fenced block with the given info string in `docs/NAME`.
fn first_example(name: &str, info: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    let doc = std::fs::read_to_string(&path).unwrap();
    fences(&doc)
        .into_iter()
        .find(|(i, _)| i == info)
        .unwrap_or_else(|| panic!("no {info} example in {}", path.display()))
        .1
}

#[test]
fn front_matter_example_in_the_doc_is_valid() {
    let toml = first_example("notes-format.md", "toml");
    let parsed = notes::parse(Path::new("x.md"), &toml).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.event.title, "Open Source Summit");
    assert_eq!(parsed.event.slug, "summit");
    assert!(parsed.event.draft);
}

#[test]
fn site_toml_example_in_the_doc_is_valid() {
    let toml = first_example("site-toml.md", "toml");
    let config = plenary::config::Config::parse(Path::new("site.toml"), &toml).unwrap();
    assert_eq!(plenary::urls::Urls::new(&config).base_path(), "/blog/");
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

fn doc(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs")
            .join(name),
    )
    .unwrap()
}

/// Splits a command line into words, keeping "double-quoted strings" whole.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

#[test]
fn getting_started_commands_work_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cwd: PathBuf = tmp.path().to_path_buf();
    let mut ran: Vec<String> = Vec::new();
    let mut new_file: Option<PathBuf> = None;
    for (info, body) in fences(&doc("getting-started.md")) {
        match info.as_str() {
            "sh" => {
                for line in body.lines().filter(|l| !l.trim().is_empty()) {
                    let w = words(line);
                    let args: Vec<&str> = w[1..].iter().map(String::as_str).collect();
                    match (w[0].as_str(), args.first().copied()) {
                        ("cd", Some(dir)) => cwd = cwd.join(dir),
                        // Installing is what this test has already done; serve runs
                        // until stopped and has tests of its own.
                        ("cargo", Some("install")) | ("plenary", Some("serve")) => {}
                        ("plenary", Some(command)) => {
                            let before = md_files(&cwd.join("content"));
                            plenary_ok(&cwd, &args);
                            if command == "new" {
                                let after = md_files(&cwd.join("content"));
                                let created: Vec<_> =
                                    after.into_iter().filter(|f| !before.contains(f)).collect();
                                assert_eq!(created.len(), 1, "`{line}` writes one notes file");
                                new_file = created.into_iter().next();
                            }
                            ran.push(command.to_string());
                        }
                        _ => panic!("a command the docs test does not know: {line}"),
                    }
                }
            }
            // The notes typed during the event go into the file `plenary new` wrote.
            "markdown" => {
                let file = new_file
                    .as_ref()
                    .expect("`plenary new` runs before the notes");
                let mut notes = std::fs::read_to_string(file).unwrap();
                notes.push_str(&body);
                std::fs::write(file, notes).unwrap();
            }
            _ => {}
        }
    }
    assert_eq!(ran, ["init", "new", "inspect", "build", "check", "build"]);

    // What the page says the notes become.
    let file = new_file.unwrap();
    assert_eq!(
        file.strip_prefix(&cwd).unwrap(),
        Path::new("content/2025-05-07-open-source-ai-conference.md")
    );
    let json = plenary_ok(&cwd, &["inspect", file.to_str().unwrap(), "--json"]);
    let event: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sessions = event["sessions"].as_array().unwrap();
    let kinds: Vec<&str> = sessions
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["keynote", "break", "panel"]);
    assert_eq!(sessions[0]["speakers"][0]["name"], "Nadia Brunner");
    // The last build in the doc is under a sub-path.
    let page = html(&cwd.join("public/2025/open-source-ai-conference/index.html"));
    assert_eq!(select(&page, "article.session").len(), 3);
    assert_eq!(
        select(&page, "link[rel=stylesheet]")[0]
            .value()
            .attr("href"),
        Some("/notes/style.css")
    );
    assert!(cwd.join("public/tags/opensourceai/index.html").is_file());
}

fn md_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect()
}

#[test]
fn getting_started_command_words() {
    assert_eq!(
        words(r#"plenary new "Open Source AI" --date 2025-05-07"#),
        ["plenary", "new", "Open Source AI", "--date", "2025-05-07"]
    );
    assert_eq!(words("cd  my-notes "), ["cd", "my-notes"]);
}

#[test]
fn the_template_override_example_in_the_doc_builds() {
    let example = fences(&doc("templates.md"))
        .into_iter()
        .find(|(info, body)| info == "html" && body.starts_with("{# templates/"))
        .expect("a template example")
        .1;
    let name = example
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("{# "))
        .and_then(|l| l.strip_suffix(" #}"))
        .unwrap();
    let (_tmp, root) = common::fixture("basic");
    let config = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        format!("{config}\n[extra]\ncontact = \"me@example.org\"\n"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join(name), &example).unwrap();
    plenary_ok(&root, &["build"]);
    let page = html(&root.join("public/404.html"));
    assert_eq!(text(&select(&page, "h1")[0]), "Nothing at this address");
    assert_eq!(
        select(&page, "a[href=\"mailto:me@example.org\"]").len(),
        1,
        "the [extra] value is shown"
    );
    // The theme's frame is still there around it.
    assert_eq!(select(&page, "header.site-header nav a").len(), 4);
    assert_eq!(
        select(&page, "title")[0].inner_html(),
        "Lost? · Fixture Notes"
    );
}

#[test]
fn the_explain_example_in_the_doc_is_what_inspect_prints() {
    let blocks = fences(&doc("inspect.md"));
    let at = blocks
        .iter()
        .position(|(info, _)| info == "markdown")
        .expect("an --explain example");
    let (notes, printed) = (&blocks[at].1, &blocks[at + 1].1);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.md"), notes).unwrap();
    let out = plenary_ok(tmp.path(), &["inspect", "notes.md", "--explain"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), printed.as_str());
}

/// Every way the docs give to install plenary works without a repository that may not
/// exist: from a folder that holds plenary's source (`--path`), or from a URL the
/// reader fills in, never a literal address of ours (issue 16: the GitHub Pages
/// workflow installed from a URL nobody had published).
#[test]
fn install_commands_in_the_docs_name_no_repository_url() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = md_files(&root.join("docs"));
    files.push(root.join("README.md"));
    let mut installs = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let Some(at) = line.find("cargo install") else {
                continue;
            };
            let command: String = line[at..]
                .split(['`', '&', '('])
                .next()
                .unwrap_or_default()
                .to_string();
            if command.contains("cargo-mutants") || command.trim() == "cargo install" {
                continue;
            }
            installs += 1;
            let place = format!("{}:{}: {command}", file.display(), n + 1);
            assert!(command.contains("--locked"), "{place}: without --locked");
            let w = words(&command);
            if let Some(i) = w.iter().position(|a| a == "--git") {
                let url = w.get(i + 1).map(String::as_str).unwrap_or_default();
                assert!(
                    !url.contains("://"),
                    "{place}: installs from a literal repository URL"
                );
            } else {
                let i = w.iter().position(|a| a == "--path");
                let path = i.and_then(|i| w.get(i + 1)).expect("--path or --git");
                // `.` is the clone's root, where Cargo.toml names this package.
                if path == "." {
                    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
                    assert!(manifest.contains("name = \"plenary\""), "{place}");
                }
            }
        }
    }
    assert!(installs >= 3, "the docs give ways to install plenary");
}
