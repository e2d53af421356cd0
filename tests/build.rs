//! Building fixture sites end to end and reading the output as a browser would.

mod common;

use common::*;
use std::fs;

#[test]
fn event_page_has_every_session_with_anchor_time_and_speakers() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let out = root.join("public");
    let doc = html(&out.join("2025/civic-data-day/index.html"));
    let sessions = select(&doc, "article.session");
    let ids: Vec<&str> = sessions
        .iter()
        .map(|s| s.value().id().unwrap_or(""))
        .collect();
    assert_eq!(
        ids,
        [
            "1300-opening-words",
            "1320-trust-is-a-product-feature",
            "1400-coffee-break",
            "1430-lessons-from-open-budgets",
            "1600-panel-discussion",
            "closing-words"
        ]
    );
    let first_time = select(&doc, "[id=\"1300-opening-words\"] time");
    assert_eq!(
        first_time[0].value().attr("datetime"),
        Some("2025-05-07T13:00:00+02:00")
    );
    assert!(
        select(&doc, "[id=\"1400-coffee-break\"]")[0]
            .value()
            .classes()
            .any(|c| c == "kind-break")
    );
    assert!(
        select(&doc, "[id=\"1600-panel-discussion\"]")[0]
            .value()
            .classes()
            .any(|c| c == "kind-panel")
    );
    let speakers: Vec<String> = select(&doc, "[id=\"1300-opening-words\"] .speakers a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(speakers, ["Clara Weiss", "Jonas Brandt"]);
    // The speaker line is shown as written, names linked.
    assert_eq!(
        text(&select(&doc, "[id=\"1300-opening-words\"] .speakers")[0]),
        "Clara Weiss and Jonas Brandt"
    );
    // The schedule overview links to every session anchor.
    let jumps: Vec<&str> = select(&doc, ".schedule a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(jumps.len(), 6);
    assert!(jumps.iter().all(|h| h.starts_with('#')));
    // Hashtags in notes link to tag pages; `#notatag` in code does not.
    let tag_links: Vec<&str> = select(&doc, ".notes a.hashtag")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(tag_links, ["/tags/trust/"]);
    assert_eq!(
        select(&doc, ".notes code")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["#notatag"]
    );
    // The URL fragment in a link is not a hashtag.
    assert!(select(&doc, ".notes a[href^=\"https://example.org/survey\"]").len() == 1);
}

#[test]
fn every_line_the_writer_typed_shows_on_the_event_page() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let doc = html(&root.join("public/2025/civic-data-day/index.html"));
    let page = text(&select(&doc, "main")[0]);
    let source = fs::read_to_string(root.join("content/2025-05-07-civic-data-day.md")).unwrap();
    let body = source.split("+++").nth(2).unwrap();
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        // Markdown syntax is rendered, so compare the words.
        let words: String = line
            .trim_start_matches(['-', '#', ' '])
            .split_whitespace()
            .map(|w| w.trim_matches('`'))
            .collect::<Vec<_>>()
            .join(" ");
        let words = words
            .split_once(' ')
            .filter(|(t, _)| t.contains(':'))
            .map_or(words.as_str(), |(_, rest)| rest);
        assert!(page.contains(words), "not shown: {line:?}");
    }
}

#[test]
fn session_tag_speaker_and_home_pages() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let out = root.join("public");
    let session = html(&out.join("2025/civic-data-day/1320-trust-is-a-product-feature/index.html"));
    assert_eq!(
        text(&select(&session, "h1")[0]),
        "Trust is a product feature"
    );
    assert_eq!(
        select(&session, "link[rel=canonical]")[0]
            .value()
            .attr("href"),
        Some("https://notes.example.org/2025/civic-data-day/1320-trust-is-a-product-feature/")
    );
    // A tag page lists sessions tagged in their notes, across events.
    let trust = html(&out.join("tags/trust/index.html"));
    let items: Vec<String> = select(&trust, ".session-list li > a")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        items,
        ["Trust is a product feature", "Workshop: Building things"]
    );
    // Event tags (front matter and preamble) list the event.
    let opengov = html(&out.join("tags/opengov/index.html"));
    assert_eq!(
        select(&opengov, ".event-list .event-link")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["Civic Data Day"]
    );
    // A speaker's page gathers their sessions across events.
    let clara = html(&out.join("speakers/clara-weiss/index.html"));
    assert_eq!(select(&clara, ".session-list li").len(), 3);
    // Home: newest first, two per page, drafts left out.
    let home = html(&out.join("index.html"));
    let titles: Vec<String> = select(&home, ".event-link").iter().map(text).collect();
    assert_eq!(titles, ["Civic Data Day", "Two Day Summit"]);
    let page2 = html(&out.join("page/2/index.html"));
    assert_eq!(
        select(&page2, ".event-link")
            .iter()
            .map(text)
            .collect::<Vec<_>>(),
        ["Winter Meetup"]
    );
    assert!(!out.join("2025/secret").exists());
    assert!(out.join("404.html").is_file());
    assert!(out.join("style.css").is_file());
}

#[test]
fn multi_day_event_in_its_own_timezone() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let doc = html(&root.join("public/2024/summit/index.html"));
    assert_eq!(select(&doc, "section.day").len(), 2);
    let times: Vec<&str> = select(&doc, "article.session .when time")
        .iter()
        .filter_map(|t| t.value().attr("datetime"))
        .collect();
    assert_eq!(
        times,
        ["2024-10-02T09:00:00-04:00", "2024-10-03T09:00:00-04:00"]
    );
    assert_eq!(
        text(&select(&doc, "#day-2 h2")[0]),
        "Day 2 · Thursday, 3 October 2024"
    );
}

#[test]
fn no_broken_internal_links_at_root_and_under_a_sub_path() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let broken = check_links(&root.join("public"), "https://notes.example.org", "/");
    assert!(broken.is_empty(), "{broken:#?}");
    plenary_ok(
        &root,
        &[
            "build",
            "--base-url",
            "https://example.org/blog/",
            "--output-dir",
            "sub",
        ],
    );
    let broken = check_links(&root.join("sub"), "https://example.org", "/blog/");
    assert!(broken.is_empty(), "{broken:#?}");
    let doc = html(&root.join("sub/index.html"));
    assert_eq!(
        select(&doc, "link[rel=stylesheet]")[0].value().attr("href"),
        Some("/blog/style.css")
    );
}

#[test]
fn drafts_are_built_only_when_asked() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build", "--drafts"]);
    assert!(root.join("public/2025/secret/index.html").is_file());
}

#[test]
fn session_pages_can_be_turned_off() {
    let (_tmp, root) = fixture("basic");
    let toml = fs::read_to_string(root.join("site.toml")).unwrap();
    fs::write(
        root.join("site.toml"),
        format!("session_pages = false\n{toml}"),
    )
    .unwrap();
    plenary_ok(&root, &["build"]);
    let out = root.join("public");
    assert!(!out.join("2025/civic-data-day/1300-opening-words").exists());
    let doc = html(&out.join("2025/civic-data-day/index.html"));
    let title_link = select(&doc, "[id=\"1300-opening-words\"] h2 a")[0]
        .value()
        .attr("href");
    assert_eq!(title_link, Some("/2025/civic-data-day/#1300-opening-words"));
    assert!(check_links(&out, "https://notes.example.org", "/").is_empty());
}

/// A site's static file replaces the theme's of the same path: once, so that no two
/// files of one path race when a build writes them in parallel (this test's neighbour
/// below failed now and then when both were staged).
#[test]
fn a_site_static_file_is_the_one_page_at_its_path() {
    let (_tmp, root) = fixture("basic");
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/style.css"), "body { color: red }").unwrap();
    let statics = plenary::load::static_files(&root).unwrap();
    let at: Vec<&[u8]> = statics
        .iter()
        .filter(|p| p.path == "style.css")
        .map(|p| p.bytes.as_slice())
        .collect();
    assert_eq!(at, [b"body { color: red }".as_slice()]);
}

#[test]
fn site_templates_override_the_theme_by_name() {
    let (_tmp, root) = fixture("basic");
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/tags.html"),
        "{% extends \"base.html\" %}{% block content %}<h1 id=\"mine\">My tags: {{ tags | length }}</h1>{% endblock content %}",
    )
    .unwrap();
    fs::create_dir_all(root.join("static")).unwrap();
    fs::write(root.join("static/style.css"), "body { color: red }").unwrap();
    plenary_ok(&root, &["build"]);
    let doc = html(&root.join("public/tags/index.html"));
    assert_eq!(text(&select(&doc, "#mine")[0]), "My tags: 3");
    assert_eq!(
        fs::read_to_string(root.join("public/style.css")).unwrap(),
        "body { color: red }"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let page = root.join("public/2025/civic-data-day/index.html");
    let before = fs::read(&page).unwrap();
    fs::write(
        root.join("content/2025-05-07-civic-data-day.md"),
        "+++\ntitle = \"changed\"\ndate = \n+++\n",
    )
    .unwrap();
    let out = plenary(&root, &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(&page).unwrap(), before);
    let leftovers: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn rebuild_writes_only_what_changed() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let out = plenary_ok(&root, &["build"]);
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(msg.contains("(0 written"), "{msg}");
}

#[test]
fn usage_errors_exit_2() {
    let (_tmp, root) = fixture("basic");
    assert_eq!(
        plenary(&root, &["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(plenary(&root, &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn init_makes_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    plenary_ok(tmp.path(), &["init", "mysite"]);
    let site = tmp.path().join("mysite");
    plenary_ok(&site, &["build"]);
    let home = html(&site.join("public/index.html"));
    assert_eq!(select(&home, ".event-link").len(), 1);
    assert_eq!(
        fs::read_to_string(site.join(".gitignore")).unwrap(),
        "public/\n.plenary/\n"
    );
    // A second init refuses to overwrite.
    assert_eq!(
        plenary(tmp.path(), &["init", "mysite"]).status.code(),
        Some(1)
    );
}

#[test]
fn init_uses_the_machines_timezone_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["init", "tokyo"])
        .current_dir(tmp.path())
        .env("TZ", "Asia/Tokyo")
        .output()
        .unwrap();
    assert!(out.status.success());
    let settings: toml::Table =
        toml::from_str(&fs::read_to_string(tmp.path().join("tokyo/site.toml")).unwrap()).unwrap();
    assert_eq!(settings["timezone"].as_str(), Some("Asia/Tokyo"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("timezone: Asia/Tokyo"));
}

#[test]
fn inspect_json_follows_the_documented_schema() {
    let (_tmp, root) = fixture("basic");
    let out = plenary_ok(
        &root,
        &["inspect", "content/2025-05-07-civic-data-day.md", "--json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "Civic Data Day");
    assert_eq!(v["date"], "2025-05-07");
    assert_eq!(v["timezone"], "Europe/Zurich");
    assert_eq!(v["slug"], "civic-data-day");
    let sessions = v["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 6);
    let first = &sessions[0];
    assert_eq!(first["time"], "13:00");
    assert_eq!(first["end_time"], serde_json::Value::Null);
    assert_eq!(first["kind"], "talk");
    assert_eq!(first["speakers"][1]["name"], "Jonas Brandt");
    assert_eq!(first["speaker_line"], "Clara Weiss and Jonas Brandt");
    assert_eq!(first["anchor"], "1300-opening-words");
    assert_eq!(first["line"], 10);
    assert_eq!(first["tags"], serde_json::json!(["civicdata", "opengov"]));
    assert_eq!(sessions[1]["speakers"][0]["affiliation"], "Example Labs AG");
    assert_eq!(v["days"][0]["date"], "2025-05-07");
    assert_eq!(v["days"][0]["sessions"].as_array().unwrap().len(), 6);
    let outline = plenary_ok(&root, &["inspect", "content/2025-05-07-civic-data-day.md"]);
    assert!(
        String::from_utf8_lossy(&outline.stdout)
            .contains("13:00       talk      Opening words  (line 10)")
    );
}

#[test]
fn a_rebuild_reuses_unchanged_events_and_equals_a_fresh_build() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let again = plenary_ok(&root, &["build"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("(3 unchanged since the last build)"));
    // Retitle one event, add a new one between the others, delete a third.
    let civic = root.join("content/2025-05-07-civic-data-day.md");
    fs::write(
        &civic,
        fs::read_to_string(&civic)
            .unwrap()
            .replace("Civic Data Day", "Civic Data Day 2025"),
    )
    .unwrap();
    fs::write(
        root.join("content/2024-06-01-new.md"),
        "10:00 Fresh talk\nAda Lovelace\n",
    )
    .unwrap();
    fs::remove_file(root.join("content/2023-01-15-meetup.txt")).unwrap();
    let out = plenary_ok(&root, &["build"]);
    let msg = String::from_utf8_lossy(&out.stderr);
    assert!(
        msg.contains("built 3 events (0 unchanged"),
        "the summit's neighbours changed: {msg}"
    );
    plenary_ok(&root, &["build", "--output-dir", "fresh"]);
    let (rebuilt, fresh) = (tree(&root.join("public")), tree(&root.join("fresh")));
    assert_eq!(
        rebuilt.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &fresh {
        assert!(rebuilt[path] == *bytes, "{path} differs from a fresh build");
    }
    // An edit to one event keeps the other two.
    fs::write(
        &civic,
        fs::read_to_string(&civic)
            .unwrap()
            .replace("Thanks to all.", "Thanks to all of you."),
    )
    .unwrap();
    let out = plenary_ok(&root, &["build"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("built 3 events (2 unchanged"));
    let doc = html(&root.join("public/2025/civic-data-day/index.html"));
    assert!(text(&select(&doc, "main")[0]).contains("Thanks to all of you."));
}

#[test]
fn a_page_removed_by_hand_is_written_again() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let page = root.join("public/2024/summit/index.html");
    fs::remove_file(&page).unwrap();
    plenary_ok(&root, &["build"]);
    assert!(page.is_file());
}

#[test]
fn inspect_into_a_closed_pipe_is_not_a_crash() {
    let (_tmp, root) = fixture("basic");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["inspect", "content/2025-05-07-civic-data-day.md", "--json"])
        .current_dir(&root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end at once, as `| head -0` would.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(out.status.code(), Some(101));
}

#[test]
fn tags_that_differ_only_in_symbols_keep_their_own_pages() {
    let (_tmp, root) = fixture("basic");
    fs::write(
        root.join("content/2025-06-03-languages.md"),
        "+++\ntitle = \"Languages\"\ntags = [\"C\", \"C++\", \"C#\", \"!!!\", \"???\"]\n+++\n\n10:00 Compilers\n- notes\n",
    )
    .unwrap();
    plenary_ok(&root, &["build"]);
    let out = root.join("public");
    let mut headings = Vec::new();
    for tag in ["c", "c++", "c#", "!!!", "???"] {
        let index = html(&out.join("tags/index.html"));
        let links: Vec<String> = select(&index, "main a")
            .iter()
            .filter(|a| text(a).trim_start_matches('#') == tag)
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert_eq!(links.len(), 1, "{tag}: {links:?}");
        let page = out
            .join(links[0].trim_start_matches('/'))
            .join("index.html");
        let doc = html(&page);
        headings.push(text(&select(&doc, "h1")[0]));
    }
    assert_eq!(headings, ["#c", "#c++", "#c#", "#!!!", "#???"]);
}

#[test]
fn the_build_summary_counts_in_words_a_reader_expects() {
    let (_tmp, root) = fixture("basic");
    for entry in fs::read_dir(root.join("content")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "2025-05-07-civic-data-day.md" {
            if path.is_dir() {
                fs::remove_dir_all(&path).unwrap();
            } else {
                fs::remove_file(&path).unwrap();
            }
        }
    }
    let out = plenary_ok(&root, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("built 1 event ("), "{stderr}");
}

#[test]
fn every_page_names_an_icon_that_exists() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let out = root.join("public");
    for file in html_files(&out) {
        let doc = html(&file);
        let icons = select(&doc, "link[rel=icon]");
        assert_eq!(icons.len(), 1, "{}", file.display());
        let href = icons[0].value().attr("href").unwrap();
        assert!(out.join(href.trim_start_matches('/')).is_file(), "{href}");
    }
}

#[test]
fn help_lists_commands_in_the_order_a_writer_uses_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = plenary_ok(tmp.path(), &["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    let order: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        order,
        [
            "init", "new", "serve", "now", "build", "check", "inspect", "help"
        ]
    );
}

#[test]
fn a_jekyll_post_with_yaml_front_matter_builds_as_an_event() {
    let (_tmp, root) = fixture("basic");
    fs::write(
        root.join("content/2011-05-16-railsconf.md"),
        "---\nlayout: post\ntitle: \"RailsConf 2011, live\"\ndate: 2011-05-16 09:00:00 -0500\ncategories: [conferences]\ntags: ruby notes\n---\n\nMy notes from three days in Baltimore.\n\n09:00 Opening keynote\nDavid Heinemeier Hansson\n- Asset pipeline.\n",
    )
    .unwrap();
    // A file that opens with a Markdown rule is not front matter: its text stays.
    fs::write(
        root.join("content/2011-05-17-ruled.md"),
        "---\nNote: just a rule above, and words below it.\n---\n\n10:00 Talk\n",
    )
    .unwrap();
    let out = plenary_ok(&root, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Jekyll's own keys are kept for templates, without a warning.
    assert!(!stderr.contains("railsconf.md"), "{stderr}");
    let doc = html(&root.join("public/2011/railsconf/index.html"));
    assert_eq!(text(&select(&doc, "h1")[0]), "RailsConf 2011, live");
    let page = text(&select(&doc, "main")[0]);
    assert!(!page.contains("layout: post"), "{page}");
    assert!(page.contains("Baltimore"), "{page}");
    let tags: Vec<String> = select(&doc, "a[href^='/tags/']").iter().map(text).collect();
    for tag in ["#conferences", "#ruby", "#notes"] {
        assert!(tags.iter().any(|t| t == tag), "{tag} in {tags:?}");
    }
    let ruled = html(&root.join("public/2011/ruled/index.html"));
    assert!(
        text(&select(&ruled, "main")[0]).contains("Note: just a rule above, and words below it.")
    );
}
