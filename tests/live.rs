//! `live.json` and the live markup of event pages, checked on a generated fixture site:
//! sessions and hashes match the page, a rebuild gives the same file, and a hash
//! changes with its session's content and no other.

use plenary::build::generate;
use plenary::config::Config;
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::Path;

const EVENT: &str = "+++\ntitle = \"Two Day Forum\"\ndate = 2025-05-07\nend_date = 2025-05-08\ntimezone = \"Europe/Zurich\"\n+++\n\nIntro.\n\n## Day 1\n\n09:00 Opening\nAda Lovelace\n- first\n\n10:00 Data talk\n- second\n\n## Day 2\n\n09:30 Workshop: maps\n- third\n";

fn site(event: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "base_url = \"https://example.org/blog/\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/2025-05-07-forum.md"), event).unwrap();
    dir
}

fn files(root: &Path) -> std::collections::HashMap<String, Vec<u8>> {
    let config = Config::load(root).unwrap();
    generate(root, &config, false)
        .unwrap()
        .pages
        .into_iter()
        .map(|p| (p.path, p.bytes))
        .collect()
}

fn live(files: &std::collections::HashMap<String, Vec<u8>>) -> Value {
    serde_json::from_slice(&files["2025/forum/live.json"]).unwrap()
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn live_json_lists_the_pages_sessions_with_their_hashes_and_the_events_days() {
    let dir = site(EVENT);
    let out = files(dir.path());
    let state = live(&out);
    assert_eq!(state["version"], 1);
    assert_eq!(state["url"], "/blog/2025/forum/");
    assert_eq!(state["first_day"], "2025-05-07");
    assert_eq!(state["last_day"], "2025-05-08");
    assert_eq!(state["timezone"], "Europe/Zurich");
    assert!(
        state["updated"]
            .as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .is_ok()
    );
    let sessions = state["sessions"].as_array().unwrap();
    let listed: Vec<(String, String, u64, String)> = sessions
        .iter()
        .map(|s| {
            (
                s["anchor"].as_str().unwrap().to_string(),
                s["hash"].as_str().unwrap().to_string(),
                s["day"].as_u64().unwrap(),
                s["datetime"].as_str().unwrap().to_string(),
            )
        })
        .collect();

    let html = Html::parse_document(std::str::from_utf8(&out["2025/forum/index.html"]).unwrap());
    let on_page: Vec<(String, String, u64, String)> = html
        .select(&sel("section.day article.session"))
        .map(|a| {
            let section = a
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .find(|e| e.value().name() == "section")
                .unwrap();
            let day: u64 = section.value().id().unwrap()[4..].parse().unwrap();
            let time = a.select(&sel("time")).next().unwrap();
            (
                a.value().id().unwrap().to_string(),
                a.value().attr("data-hash").unwrap().to_string(),
                day,
                time.value().attr("datetime").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(listed, on_page);
    assert_eq!(listed[2].3, "2025-05-08T09:30:00+02:00");

    let live_box = html.select(&sel("#live")).next().unwrap().value();
    assert_eq!(
        live_box.attr("data-live-url"),
        Some("/blog/2025/forum/live.json")
    );
    assert_eq!(live_box.attr("data-page-url"), Some("/blog/2025/forum/"));
    assert_eq!(live_box.attr("data-first-day"), Some("2025-05-07"));
    assert_eq!(live_box.attr("data-last-day"), Some("2025-05-08"));
    assert_eq!(live_box.attr("data-timezone"), Some("Europe/Zurich"));
    let status = html.select(&sel("#live [role=status]")).next().unwrap();
    assert_eq!(status.value().attr("aria-live"), Some("polite"));
    let scripts: Vec<&str> = html
        .select(&sel("script[src]"))
        .filter_map(|s| s.value().attr("src"))
        .collect();
    assert!(scripts.contains(&"/blog/live.js"), "{scripts:?}");
    assert!(scripts.contains(&"/blog/zone.js"), "{scripts:?}");
    assert!(out.contains_key("live.js") && out.contains_key("zone.js"));
}

#[test]
fn multi_day_events_get_a_day_navigation_to_each_day() {
    let dir = site(EVENT);
    let out = files(dir.path());
    let html = Html::parse_document(std::str::from_utf8(&out["2025/forum/index.html"]).unwrap());
    let links: Vec<String> = html
        .select(&sel("nav.day-nav a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, vec!["#day-1", "#day-2"]);
    for link in &links {
        assert_eq!(
            html.select(&sel(&format!("section{link}"))).count(),
            1,
            "{link}"
        );
    }
    let text: Vec<String> = html
        .select(&sel("nav.day-nav a"))
        .map(|a| a.text().collect::<String>())
        .collect();
    assert_eq!(text, vec!["Day 1 Wed 7 May", "Day 2 Thu 8 May"]);

    let single = site("+++\ntitle = \"One Day\"\ndate = 2025-05-07\n+++\n\n09:00 Opening\n");
    let out = files(single.path());
    let html = Html::parse_document(std::str::from_utf8(&out["2025/forum/index.html"]).unwrap());
    assert_eq!(html.select(&sel("nav.day-nav")).count(), 0);
}

#[test]
fn rebuilding_gives_the_same_file_and_a_hash_changes_only_with_its_session() {
    let dir = site(EVENT);
    let first = live(&files(dir.path()));
    let again = live(&files(dir.path()));
    assert_eq!(first, again);
    assert!(
        first["updated"].as_str().is_some_and(|t| t.ends_with('Z')),
        "{first}"
    );

    std::fs::write(
        dir.path().join("content/2025-05-07-forum.md"),
        EVENT.replace("- second", "- second, now longer"),
    )
    .unwrap();
    let edited = live(&files(dir.path()));
    let hashes = |v: &Value| -> Vec<String> {
        v["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["hash"].as_str().unwrap().to_string())
            .collect()
    };
    let (before, after) = (hashes(&first), hashes(&edited));
    assert_eq!(before[0], after[0]);
    assert_ne!(before[1], after[1]);
    assert_eq!(before[2], after[2]);
}
