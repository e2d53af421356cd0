//! Notes written the real way build into a site that reads well: a live blog's
//! untitled updates are labelled by their time (never an empty heading or link), and
//! a panel's subtitle stands under its title, apart from the panelists.

mod common;

use common::{fixture, html, plenary_ok, select, text};

const LIVE_BLOG: &str = "+++
title = \"Keynote live\"
date = 2025-05-07
+++
Live from the hall.

**[9:37]**
The room is full.

[9:52] Questions now.

10:05 Panel discussion
Open budgets and public trust Maria Koch, Office for Digital Services at the Chancellery Lukas Frei, Head of the City Archive, Research Unit
";

#[test]
fn live_blog_updates_and_a_panel_subtitle_render_sensibly() {
    let (_tmp, root) = fixture("basic");
    std::fs::write(root.join("content/2025-05-07-keynote-live.md"), LIVE_BLOG).unwrap();
    plenary_ok(&root, &["build"]);
    let page = html(&root.join("public/2025/keynote-live/index.html"));
    let headings: Vec<String> = select(&page, "article.session h2")
        .iter()
        .map(text)
        .collect();
    assert_eq!(headings, ["09:37", "09:52", "Panel discussion"]);
    let schedule: Vec<String> = select(&page, "nav.schedule .what")
        .iter()
        .map(text)
        .collect();
    assert!(
        schedule.iter().all(|t| !t.trim().is_empty()),
        "{schedule:?}"
    );
    let updates = select(&page, "article.kind-update");
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0].value().attr("id"), Some("0937"));
    let subtitle: Vec<String> = select(&page, "article.kind-panel .subtitle")
        .iter()
        .map(text)
        .collect();
    assert_eq!(subtitle, ["Open budgets and public trust"]);
    let speakers: Vec<String> = select(&page, "article.kind-panel .speakers a.speaker")
        .iter()
        .map(text)
        .collect();
    assert_eq!(speakers, ["Maria Koch", "Lukas Frei"]);
    let session_page = html(&root.join("public/2025/keynote-live/0937/index.html"));
    assert_eq!(text(&select(&session_page, "h1")[0]), "09:37");
}

#[test]
fn a_range_across_midnight_ends_on_the_next_date() {
    let (_tmp, root) = fixture("basic");
    std::fs::write(
        root.join("content/2025-05-07-night.md"),
        "+++\ntitle = \"Night\"\ndate = 2025-05-07\ntimezone = \"Europe/Zurich\"\n+++\n23:30 - 01:00 Night session\n",
    )
    .unwrap();
    plenary_ok(&root, &["build"]);
    let page = html(&root.join("public/2025/night/index.html"));
    let until = select(&page, "article.session .until time");
    assert_eq!(
        until[0].value().attr("datetime"),
        Some("2025-05-08T01:00:00+02:00")
    );
}
