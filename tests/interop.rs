//! Outputs for the apps attendees already use: each event's frab `schedule.json` and
//! `schedule.xml` (read back by plenary's own importer, the round trip, and held to
//! the c3voc schema's rules), discovered from the event page.

mod common;

use common::{html, plenary_ok, select};
use std::path::Path;

const NOTES: &str = "\
+++
title = \"Open Models Forum\"
location = \"Kornhaus, Bern\"
timezone = \"Europe/Zurich\"
+++
A day on open models.

## Day 1, 7 May

09:30 - 10:15 Keynote: Open weights are not enough
Nadia Brunner, Swiss AI Lab
- Weights without data are a binary.

10:15 Coffee break

10:45 - 11:30 Panel: Who pays for open models?
Jan Keller and Lea Graf

## Day 2, 8 May

09:00 - 09:45 Evaluating & comparing <small> models
Tomás Ruiz
- Benchmarks saturate fast.
";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"Interop\"\nbase_url = \"https://example.org/notes/\"\ntimezone = \"UTC\"\nlanguage = \"en\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/2025-05-07-forum.md"), NOTES).unwrap();
    plenary_ok(dir.path(), &["build"]);
    dir
}

/// `time title | speakers` per session, from `plenary inspect --json` (ends are
/// compared in the schedules: an end the notes leave out is worked out there).
fn sessions(root: &Path, file: &Path) -> Vec<String> {
    let out = plenary_ok(root, &["inspect", file.to_str().unwrap(), "--json"]);
    let event: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    event["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let speakers: Vec<&str> = s["speakers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap())
                .collect();
            format!(
                "{} {} | {}",
                s["time"].as_str().unwrap_or("?"),
                s["title"].as_str().unwrap(),
                speakers.join(" + ")
            )
        })
        .collect()
}

#[test]
fn plenary_new_reads_plenarys_own_schedules_back_to_the_same_sessions() {
    let dir = site();
    let event_dir = dir.path().join("public/2025/forum");
    let original = sessions(dir.path(), Path::new("content/2025-05-07-forum.md"));
    assert_eq!(original.len(), 4, "{original:#?}");
    for file in ["schedule.json", "schedule.xml"] {
        let other = tempfile::tempdir().unwrap();
        std::fs::write(
            other.path().join("site.toml"),
            "title = \"Other\"\nbase_url = \"https://example.com/\"\ntimezone = \"UTC\"\n",
        )
        .unwrap();
        let schedule = event_dir.join(file);
        plenary_ok(
            other.path(),
            &["new", "--schedule", schedule.to_str().unwrap()],
        );
        let written = std::fs::read_dir(other.path().join("content"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let text = std::fs::read_to_string(&written).unwrap();
        assert!(text.contains("Open Models Forum"), "{file}: {text}");
        assert!(
            text.contains("Europe/Zurich"),
            "{file}: the zone comes along: {text}"
        );
        assert_eq!(
            sessions(other.path(), &written),
            original,
            "{file}:\n{text}"
        );
        // Built again, the imported event publishes the same talks at the same times.
        plenary_ok(other.path(), &["build"]);
        let again = other
            .path()
            .join("public/2025/open-models-forum/schedule.json");
        assert_eq!(
            talks(&again),
            talks(&event_dir.join("schedule.json")),
            "{file}"
        );
    }
}

/// `date duration title | persons` per talk of a schedule.json.
fn talks(path: &Path) -> Vec<String> {
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for day in doc["schedule"]["conference"]["days"].as_array().unwrap() {
        for events in day["rooms"].as_object().unwrap().values() {
            for e in events.as_array().unwrap() {
                let persons: Vec<&str> = e["persons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["name"].as_str().unwrap())
                    .collect();
                out.push(format!(
                    "{} {} {} | {}",
                    e["date"],
                    e["duration"],
                    e["title"],
                    persons.join(" + ")
                ));
            }
        }
    }
    assert!(!out.is_empty(), "{}", path.display());
    out
}

#[test]
fn schedule_json_has_what_the_c3voc_schema_requires() {
    let dir = site();
    let text = std::fs::read_to_string(dir.path().join("public/2025/forum/schedule.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schedule = &doc["schedule"];
    assert!(schedule["version"].is_string());
    let conf = &schedule["conference"];
    for key in ["title", "acronym", "start", "end", "timeslot_duration"] {
        assert!(conf[key].is_string(), "conference.{key}: {conf}");
    }
    assert_eq!(conf["daysCount"], 2);
    assert_eq!(conf["start"], "2025-05-07");
    assert_eq!(conf["end"], "2025-05-08");
    assert_eq!(conf["time_zone_name"], "Europe/Zurich");
    let acronym = conf["acronym"].as_str().unwrap();
    assert!(
        acronym.len() >= 4
            && acronym
                .chars()
                .skip(1)
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
        "{acronym}"
    );
    let days = conf["days"].as_array().unwrap();
    assert_eq!(days.len(), 2);
    let mut ids = std::collections::HashSet::new();
    let mut guids = std::collections::HashSet::new();
    let mut titles = Vec::new();
    for (i, day) in days.iter().enumerate() {
        assert_eq!(day["index"], i + 1);
        for key in ["date", "day_start", "day_end"] {
            assert!(day[key].is_string(), "day.{key}");
        }
        for (room, events) in day["rooms"].as_object().unwrap() {
            assert_eq!(room, "Kornhaus");
            for e in events.as_array().unwrap() {
                for key in [
                    "abstract", "date", "duration", "guid", "language", "room", "slug", "start",
                    "subtitle", "title", "type", "url",
                ] {
                    assert!(e[key].is_string(), "event.{key}: {e}");
                }
                for key in ["links", "persons"] {
                    assert!(e[key].is_array(), "event.{key}: {e}");
                }
                assert!(e.get("track").is_some());
                assert!(ids.insert(e["id"].as_u64().unwrap()), "ids are unique");
                let guid = e["guid"].as_str().unwrap();
                assert!(is_uuid(guid), "{guid}");
                assert!(guids.insert(guid.to_string()));
                let slug = e["slug"].as_str().unwrap();
                assert!(
                    slug.chars().all(|c| c.is_ascii_lowercase()
                        || c.is_ascii_digit()
                        || c == '-'
                        || c == '_')
                        && !slug.ends_with('-'),
                    "{slug}"
                );
                let duration = e["duration"].as_str().unwrap();
                assert!(is_clock(duration), "{duration}");
                assert!(is_clock(e["start"].as_str().unwrap()));
                for p in e["persons"].as_array().unwrap() {
                    assert!(
                        p["name"].is_string() && p.get("id").is_none(),
                        "a pretalx person: {p}"
                    );
                }
                titles.push(format!(
                    "{} {} {}",
                    e["date"].as_str().unwrap(),
                    e["duration"].as_str().unwrap(),
                    e["title"].as_str().unwrap()
                ));
            }
        }
    }
    assert_eq!(
        titles,
        [
            "2025-05-07T09:30:00+02:00 00:45 Keynote: Open weights are not enough",
            "2025-05-07T10:15:00+02:00 00:30 Coffee break",
            "2025-05-07T10:45:00+02:00 00:45 Panel: Who pays for open models?",
            "2025-05-08T09:00:00+02:00 00:45 Evaluating & comparing <small> models",
        ]
    );
}

fn is_uuid(s: &str) -> bool {
    let lens: Vec<usize> = s.split('-').map(str::len).collect();
    lens == [8, 4, 4, 4, 12] && s.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
}

fn is_clock(s: &str) -> bool {
    matches!(s.split_once(':'), Some((h, m)) if (1..=2).contains(&h.len()) && m.len() == 2 && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()))
}

/// The c3voc `schedule.xml` rules, checked with an XML parser: the conference's
/// required children, each day's attributes, each event's required children (once
/// each), a uuid `guid` and a positive, unique `id`, times as `HH:MM`.
#[test]
fn schedule_xml_follows_the_frab_schema() {
    let dir = site();
    let text = std::fs::read_to_string(dir.path().join("public/2025/forum/schedule.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "schedule");
    let children: Vec<&str> = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(&children[..3], ["generator", "version", "conference"]);
    assert!(children[3..].iter().all(|c| *c == "day"));
    let conf = root
        .children()
        .find(|n| n.has_tag_name("conference"))
        .unwrap();
    for key in [
        "title",
        "acronym",
        "start",
        "end",
        "days",
        "timeslot_duration",
        "time_zone_name",
        "base_url",
    ] {
        assert_eq!(
            conf.children().filter(|n| n.has_tag_name(key)).count(),
            1,
            "conference/{key}"
        );
    }
    let required = [
        "room", "title", "subtitle", "type", "date", "start", "duration", "abstract", "slug",
        "track",
    ];
    let mut ids = Vec::new();
    let mut titles = Vec::new();
    for day in root.children().filter(|n| n.has_tag_name("day")) {
        for attr in ["index", "date", "start", "end"] {
            assert!(day.attribute(attr).is_some(), "day/@{attr}");
        }
        for event in day.descendants().filter(|n| n.has_tag_name("event")) {
            assert_eq!(event.parent().unwrap().tag_name().name(), "room");
            for key in required {
                assert_eq!(
                    event.children().filter(|n| n.has_tag_name(key)).count(),
                    1,
                    "event/{key}"
                );
            }
            let child = |k: &str| {
                event
                    .children()
                    .find(|n| n.has_tag_name(k))
                    .and_then(|n| n.text())
                    .unwrap_or("")
                    .to_string()
            };
            assert!(is_uuid(event.attribute("guid").unwrap()));
            ids.push(event.attribute("id").unwrap().parse::<u32>().unwrap());
            assert!(is_clock(&child("start")) && is_clock(&child("duration")));
            assert!(
                child("date").ends_with("+02:00"),
                "with its offset: {}",
                child("date")
            );
            let persons: Vec<String> = event
                .descendants()
                .filter(|n| n.has_tag_name("person"))
                .map(|n| n.text().unwrap_or("").to_string())
                .collect();
            titles.push(format!("{} | {}", child("title"), persons.join(" + ")));
        }
    }
    assert_eq!(ids, [1, 2, 3, 4]);
    assert_eq!(
        titles,
        [
            "Keynote: Open weights are not enough | Nadia Brunner",
            "Coffee break | ",
            "Panel: Who pays for open models? | Jan Keller + Lea Graf",
            "Evaluating & comparing <small> models | Tomás Ruiz",
        ]
    );
}

#[test]
fn the_event_page_links_its_schedules_for_apps_to_find() {
    let dir = site();
    let page = html(&dir.path().join("public/2025/forum/index.html"));
    let links = select(&page, "link[rel=alternate]");
    let href = |ty: &str| {
        links
            .iter()
            .find(|l| l.value().attr("type") == Some(ty))
            .and_then(|l| l.value().attr("href"))
            .map(str::to_string)
    };
    assert_eq!(
        href("application/json").as_deref(),
        Some("/notes/2025/forum/schedule.json")
    );
    assert_eq!(
        href("application/xml").as_deref(),
        Some("/notes/2025/forum/schedule.xml")
    );
    assert!(dir.path().join("public/2025/forum/schedule.json").is_file());
}

/// The calendar's times are in the event's zone, which its `VTIMEZONE` defines, and
/// `plenary new --schedule calendar.ics` reads them back to the same sessions.
#[test]
fn the_calendar_is_in_the_events_zone_and_reads_back() {
    let dir = site();
    let path = dir.path().join("public/2025/forum/calendar.ics");
    let text = std::fs::read_to_string(&path).unwrap();
    let cal = ical::IcalParser::new(text.as_bytes())
        .next()
        .expect("a calendar")
        .expect("valid iCalendar");
    let zone = &cal.timezones[0];
    let prop = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(prop(&zone.properties, "TZID"), "Europe/Zurich");
    let summer: Vec<String> = zone
        .transitions
        .iter()
        .map(|t| prop(&t.properties, "TZOFFSETTO"))
        .collect();
    assert_eq!(summer, ["+0200"], "May in Zurich is summer time");
    let start = cal.events[0]
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .unwrap();
    assert_eq!(start.value.as_deref(), Some("20250507T093000"));
    assert_eq!(
        start.params,
        Some(vec![(
            "TZID".to_string(),
            vec!["Europe/Zurich".to_string()]
        )])
    );

    let other = tempfile::tempdir().unwrap();
    std::fs::write(
        other.path().join("site.toml"),
        "title = \"Other\"\nbase_url = \"https://example.com/\"\ntimezone = \"UTC\"\n",
    )
    .unwrap();
    plenary_ok(other.path(), &["new", "--schedule", path.to_str().unwrap()]);
    let written = std::fs::read_dir(other.path().join("content"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let times_and_titles = |root: &Path, file: &Path| -> Vec<String> {
        sessions(root, file)
            .into_iter()
            .map(|s| s.split(" | ").next().unwrap_or_default().to_string())
            .collect()
    };
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("Europe/Zurich"), "{text}");
    assert_eq!(
        times_and_titles(other.path(), &written),
        times_and_titles(dir.path(), Path::new("content/2025-05-07-forum.md")),
        "{text}"
    );
}

/// Every Atom feed has a JSON Feed 1.1 beside it with the same entries, and the
/// spec's required fields (version, title, items, each item an `id` and content).
#[test]
fn every_atom_feed_has_a_json_feed_with_the_same_entries() {
    let dir = site();
    let out = dir.path().join("public");
    for rel in ["", "2025/forum/"] {
        let atom_text = std::fs::read_to_string(out.join(format!("{rel}atom.xml"))).unwrap();
        let atom: atom_syndication::Feed = atom_text.parse().unwrap();
        let json_text = std::fs::read_to_string(out.join(format!("{rel}feed.json"))).unwrap();
        let feed: serde_json::Value = serde_json::from_str(&json_text).unwrap();
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        assert!(feed["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert_eq!(
            feed["feed_url"],
            format!("https://example.org/notes/{rel}feed.json")
        );
        let items = feed["items"].as_array().unwrap();
        let from_json: Vec<(String, String, String, String)> = items
            .iter()
            .map(|i| {
                assert!(
                    i["content_html"].is_string() || i["content_text"].is_string(),
                    "{i}"
                );
                let date = i["date_published"]
                    .as_str()
                    .unwrap()
                    .parse::<jiff::Timestamp>();
                (
                    i["id"].as_str().unwrap().to_string(),
                    i["title"].as_str().unwrap().to_string(),
                    i["url"].as_str().unwrap().to_string(),
                    date.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        let from_atom: Vec<(String, String, String, String)> = atom
            .entries()
            .iter()
            .map(|e| {
                (
                    e.id().to_string(),
                    e.title().value.clone(),
                    e.links()[0].href().to_string(),
                    e.updated()
                        .to_rfc3339()
                        .parse::<jiff::Timestamp>()
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                )
            })
            .collect();
        assert!(!from_atom.is_empty());
        assert_eq!(from_json, from_atom, "{rel}feed.json");
    }
    let page = html(&out.join("2025/forum/index.html"));
    let json_feeds: Vec<&str> =
        select(&page, "link[rel=alternate][type=\"application/feed+json\"]")
            .into_iter()
            .filter_map(|l| l.value().attr("href"))
            .collect();
    assert_eq!(
        json_feeds,
        ["/notes/feed.json", "/notes/2025/forum/feed.json"]
    );
}

/// A local WebSub hub: it records each request's body and answers 202.
fn hub() -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            reader.read_line(&mut first).unwrap_or_default();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap_or_default();
            record.lock().unwrap().push(format!(
                "{} {}",
                first.split_whitespace().next().unwrap_or(""),
                String::from_utf8_lossy(&body)
            ));
            let mut stream = stream;
            let _ = stream.write_all(
                b"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    (port, seen)
}

/// With `hub_url`, every feed names the hub, and `build --ping` tells it which feeds
/// changed in this build (none when nothing did); `--changed` lists the URLs whose
/// files changed, for a CDN purge.
#[test]
fn build_pings_the_hub_with_the_feeds_that_changed_and_lists_changed_urls() {
    let (port, seen) = hub();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.toml"),
        format!("title = \"Hub\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\nhub_url = \"http://127.0.0.1:{port}/hub\"\n"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/2025-05-07-forum.md"),
        "# Forum\n\n09:30 Opening\n- First words.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("content/2025-06-01-other.md"),
        "# Other\n\n10:00 Talk\n",
    )
    .unwrap();
    plenary_ok(root, &["build"]);
    let atom: atom_syndication::Feed =
        std::fs::read_to_string(root.join("public/2025/forum/atom.xml"))
            .unwrap()
            .parse()
            .unwrap();
    let hubs: Vec<&str> = atom
        .links()
        .iter()
        .filter(|l| l.rel() == "hub")
        .map(|l| l.href())
        .collect();
    assert_eq!(hubs, [format!("http://127.0.0.1:{port}/hub")]);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("public/feed.json")).unwrap())
            .unwrap();
    assert_eq!(json["hubs"][0]["type"], "WebSub");

    // One session added to one event.
    std::fs::write(
        root.join("content/2025-05-07-forum.md"),
        "# Forum\n\n09:30 Opening\n- First words.\n\n10:00 Second talk\n",
    )
    .unwrap();
    let out = plenary_ok(root, &["build", "--ping", "--changed", "changed.txt"]);
    let changed = std::fs::read_to_string(root.join("changed.txt")).unwrap();
    let changed: Vec<&str> = changed.lines().collect();
    assert!(
        changed.contains(&"https://example.org/2025/forum/"),
        "{changed:#?}"
    );
    assert!(
        changed.contains(&"https://example.org/2025/forum/1000-second-talk/"),
        "{changed:#?}"
    );
    assert!(
        changed.contains(&"https://example.org/2025/forum/atom.xml"),
        "{changed:#?}"
    );
    assert!(
        !changed.iter().any(|u| u.contains("/2025/other/")),
        "the other event is as it was: {changed:#?}"
    );
    let mut told = seen.lock().unwrap().clone();
    told.sort();
    let feed = |u: &str| {
        format!(
            "POST hub.mode=publish&hub.url={}",
            u.replace(':', "%3A").replace('/', "%2F")
        )
    };
    assert!(
        told.contains(&feed("https://example.org/2025/forum/atom.xml")),
        "{told:#?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        told.contains(&feed("https://example.org/2025/forum/feed.json")),
        "{told:#?}"
    );
    assert!(
        told.contains(&feed("https://example.org/atom.xml")),
        "the site feed lists the event: {told:#?}"
    );
    assert!(!told.iter().any(|t| t.contains("other")), "{told:#?}");

    // Nothing changed: nothing to purge, nobody to tell.
    seen.lock().unwrap().clear();
    plenary_ok(root, &["build", "--ping", "--changed", "changed.txt"]);
    assert_eq!(
        std::fs::read_to_string(root.join("changed.txt")).unwrap(),
        ""
    );
    assert!(seen.lock().unwrap().is_empty());
}

/// Every `schedule.json` and JSON Feed of a build keeps its keys in sorted order,
/// laid out as `serde_json` pretty-prints a parsed document, as they have been written
/// since the first release: two builds differ only where the notes did, for a reader
/// or app that compares them. Checked on a live blog whose feeds have every optional
/// field (a hub, an entry's author, a revision, tags).
#[test]
fn schedules_and_json_feeds_keep_their_keys_sorted_and_their_layout() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"Keys\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\nhub_url = \"https://hub.example.org/\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/2025-05-07-live.md"),
        "+++\ntitle = \"Keynote live\"\nlocation = \"Aula, Basel\"\nsummary = \"A live blog.\"\n[authors]\nmk = \"Mira Keller\"\n+++\n\n[18:02] The room is full. #opensource\n\n! 18:10\nThe release is announced for June.\nCorrection 18:30: July, not June.\n\n!! @mk [18:15] Questions from the floor.\n\n18:50 Panel\nAda Lovelace and Alan Turing\n",
    )
    .unwrap();
    plenary_ok(dir.path(), &["build"]);
    let out = dir.path().join("public");
    let mut seen = Vec::new();
    for entry in walkdir::WalkDir::new(&out) {
        let path = entry.unwrap().into_path();
        let name = path.file_name().unwrap_or_default();
        if name != "schedule.json" && name != "feed.json" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let again = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(text.trim_end(), again, "{}", path.display());
        seen.push(
            path.strip_prefix(&out)
                .unwrap()
                .to_string_lossy()
                .into_owned(),
        );
    }
    for file in [
        "2025/live/schedule.json",
        "2025/live/feed.json",
        "feed.json",
    ] {
        assert!(seen.iter().any(|s| s == file), "{file} in {seen:?}");
    }
    let feed = std::fs::read_to_string(out.join("2025/live/feed.json")).unwrap();
    for key in ["hubs", "authors", "date_modified", "summary", "tags"] {
        assert!(feed.contains(&format!("\"{key}\"")), "{key} in {feed}");
    }
}
