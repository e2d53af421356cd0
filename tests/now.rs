//! `plenary now` with an injected clock: which event it writes to, the time in the
//! event's zone, day markers on a new day, and a tidy blank line before the marker.

use plenary::cmd::now::{NowArgs, append};
use std::path::Path;

const MEETUP: &str = "+++\ntitle = \"Spring Meetup\"\ndate = 2025-03-12\n+++\n\n18:00 Doors\n";
const SUMMIT: &str = "+++\ntitle = \"Summit\"\ndate = 2025-05-07\nend_date = 2025-05-08\ntimezone = \"Europe/Zurich\"\n+++\n\n09:00 Opening\n- first note";
const NIGHT: &str = "+++\ntitle = \"Night School\"\ndate = 2025-05-10\ntimezone = \"America/New_York\"\n+++\n\n19:00 Welcome\n\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "timezone = \"Europe/Zurich\"\n",
    )
    .unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir(&content).unwrap();
    std::fs::write(content.join("2025-03-12-meetup.md"), MEETUP).unwrap();
    std::fs::write(content.join("2025-05-07-summit.md"), SUMMIT).unwrap();
    dir
}

fn at(ts: &str) -> jiff::Timestamp {
    ts.parse().unwrap()
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

fn args(title: &str, speaker: Option<&str>) -> NowArgs {
    NowArgs {
        title: Some(title.into()),
        speaker: speaker.map(str::to_string),
        ..NowArgs::default()
    }
}

#[test]
fn appends_to_the_event_on_today_in_its_zone_after_a_blank_line() {
    let dir = site();
    // 12:05 UTC is 14:05 in Zurich (summer time).
    let done = append(
        dir.path(),
        &args("Open data panel", Some("Ada Lovelace, Engines Ltd")),
        at("2025-05-07T12:05:00Z"),
    )
    .unwrap();
    assert_eq!(done.path, Path::new("content/2025-05-07-summit.md"));
    assert_eq!(
        done.text,
        "14:05 Open data panel\nAda Lovelace, Engines Ltd\n"
    );
    let text = read(dir.path(), "content/2025-05-07-summit.md");
    assert_eq!(
        text,
        format!("{SUMMIT}\n\n14:05 Open data panel\nAda Lovelace, Engines Ltd\n")
    );
    let event = plenary::notes::parse(Path::new("summit.md"), &text)
        .unwrap()
        .event;
    let last = event.sessions.last().unwrap();
    assert_eq!(last.time.map(|c| c.to_string()).as_deref(), Some("14:05"));
    assert_eq!(last.speakers[0].name, "Ada Lovelace");
    assert_eq!(
        event.sessions[0].body.trim_end(),
        "- first note",
        "the previous session is untouched"
    );
}

#[test]
fn a_new_day_of_the_event_gets_a_day_marker_once() {
    let dir = site();
    let now = at("2025-05-08T07:30:00Z");
    append(dir.path(), &args("Morning talk", None), now).unwrap();
    let done = append(
        dir.path(),
        &args("Second talk", None),
        at("2025-05-08T08:15:00Z"),
    )
    .unwrap();
    assert_eq!(done.text, "10:15 Second talk\n");
    let text = read(dir.path(), "content/2025-05-07-summit.md");
    assert_eq!(text.matches("## Day 2").count(), 1, "{text}");
    let event = plenary::notes::parse(Path::new("summit.md"), &text)
        .unwrap()
        .event;
    let days: Vec<(String, usize)> = event
        .sessions
        .iter()
        .map(|s| (event.session_date(s).unwrap().to_string(), s.day))
        .collect();
    assert_eq!(
        days,
        vec![
            ("2025-05-07".to_string(), 0),
            ("2025-05-08".to_string(), 1),
            ("2025-05-08".to_string(), 1)
        ]
    );
}

#[test]
fn without_an_event_today_it_refuses_and_lists_events_or_writes_to_the_one_named() {
    let dir = site();
    let before = read(dir.path(), "content/2025-05-07-summit.md");
    let err = append(
        dir.path(),
        &args("Afterthought", None),
        at("2025-06-01T10:00:00Z"),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("--event"), "{err}");
    assert!(err.contains("content/2025-05-07-summit.md"), "{err}");
    assert_eq!(read(dir.path(), "content/2025-05-07-summit.md"), before);
    let named = NowArgs {
        event: Some("content/2025-03-12-meetup.md".into()),
        ..args("Late addition", Some("Prince"))
    };
    let done = append(dir.path(), &named, at("2025-06-01T10:00:00Z")).unwrap();
    assert_eq!(done.path, Path::new("content/2025-03-12-meetup.md"));
    // A single-word name is not read as a speaker line by itself: it is marked.
    assert_eq!(done.text, "12:00 Late addition\nSpeakers: Prince\n");
    assert_eq!(
        read(dir.path(), "content/2025-03-12-meetup.md"),
        format!("{MEETUP}\n12:00 Late addition\nSpeakers: Prince\n")
    );
}

#[test]
fn today_is_judged_in_each_events_own_zone() {
    let dir = site();
    std::fs::write(dir.path().join("content/2025-05-10-night.md"), NIGHT).unwrap();
    // 01:30 UTC on the 11th is still the evening of the 10th in New York, where Night
    // School is on; in Zurich (the site's zone) the 10th is over.
    let done = append(
        dir.path(),
        &args("Q and A", None),
        at("2025-05-11T01:30:00Z"),
    )
    .unwrap();
    assert_eq!(done.path, Path::new("content/2025-05-10-night.md"));
    assert_eq!(done.text, "21:30 Q and A\n");
    // The file already ended with a blank line: no second one.
    assert_eq!(
        read(dir.path(), "content/2025-05-10-night.md"),
        format!("{NIGHT}21:30 Q and A\n")
    );
}

#[test]
fn no_event_is_an_error_that_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.toml"), "").unwrap();
    let err = append(dir.path(), &args("X", None), at("2025-05-07T12:00:00Z"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("plenary new"), "{err}");
}

#[test]
fn now_writes_only_into_notes_files_under_content() {
    let dir = site();
    std::fs::write(dir.path().join("notes.md"), "outside\n").unwrap();
    for target in [
        "site.toml",
        "notes.md",
        "content/../site.toml",
        "/etc/hostname",
    ] {
        let before = std::fs::read(dir.path().join(target.trim_start_matches('/'))).ok();
        let named = NowArgs {
            event: Some(target.into()),
            ..args("Sneaky", None)
        };
        let err = append(dir.path(), &named, at("2025-05-07T10:00:00Z")).unwrap_err();
        assert!(err.to_string().contains("content/"), "{target}: {err}");
        let after = std::fs::read(dir.path().join(target.trim_start_matches('/'))).ok();
        assert_eq!(before, after, "{target} changed");
    }
}

#[test]
fn now_title_with_newlines_stays_one_line() {
    let dir = site();
    let sneaky = NowArgs {
        speaker: Some("Ana Lima\n14:00 Injected".into()),
        ..args(
            "Real title\n13:00 Fake session\n## Day 9\r\n\x1b[31mred",
            None,
        )
    };
    let done = append(dir.path(), &sneaky, at("2025-05-07T10:00:00Z")).unwrap();
    assert_eq!(done.text.lines().count(), 2, "{:?}", done.text);
    let text = read(dir.path(), "content/2025-05-07-summit.md");
    let parsed = plenary::notes::parse(Path::new("summit.md"), &text).unwrap();
    let titles: Vec<&str> = parsed
        .event
        .sessions
        .iter()
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(
        titles[1].starts_with("Real title 13:00 Fake session"),
        "{titles:?}"
    );
    assert_eq!(parsed.event.days.len(), 1);
}

#[test]
fn now_photo_copies_the_photo_beside_the_notes_and_appends_it_to_the_session() {
    let dir = site();
    let shots = tempfile::tempdir().unwrap();
    let photo = shots.path().join("stage.jpg");
    std::fs::write(&photo, b"first photo").unwrap();
    let with_photo = |alt: &str| NowArgs {
        title: None,
        photo: Some(photo.clone()),
        alt: Some(alt.into()),
        ..NowArgs::default()
    };
    let done = append(
        dir.path(),
        &with_photo("The [main] stage"),
        at("2025-05-07T12:05:00Z"),
    )
    .unwrap();
    // No new session: the photo joins the one being written.
    assert_eq!(done.text, "![The \\[main\\] stage](<photos/stage.jpg>)\n");
    assert_eq!(
        read(dir.path(), "content/2025-05-07-summit.md"),
        format!("{SUMMIT}\n\n![The \\[main\\] stage](<photos/stage.jpg>)\n")
    );
    assert_eq!(read(dir.path(), "content/photos/stage.jpg"), "first photo");
    // Another photo of the same name is kept beside the first, not over it.
    std::fs::write(&photo, b"second photo").unwrap();
    let done = append(dir.path(), &with_photo("Panel"), at("2025-05-07T12:10:00Z")).unwrap();
    assert_eq!(done.text, "![Panel](<photos/stage-2.jpg>)\n");
    assert_eq!(read(dir.path(), "content/photos/stage.jpg"), "first photo");
    assert_eq!(
        read(dir.path(), "content/photos/stage-2.jpg"),
        "second photo"
    );
    // With a title, a session starts and the photo is its first note.
    let titled = NowArgs {
        title: Some("Closing".into()),
        ..with_photo("Everyone on stage")
    };
    let done = append(dir.path(), &titled, at("2025-05-07T15:00:00Z")).unwrap();
    assert_eq!(
        done.text,
        "17:00 Closing\n\n![Everyone on stage](<photos/stage-2.jpg>)\n"
    );
}

#[test]
fn now_appends_in_the_notes_files_own_encoding() {
    let dir = site();
    let path = dir.path().join("content/2025-05-07-summit.md");
    let summit16 = |text: &str| {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    // Notepad's "Unicode": UTF-16 with its mark. Bytes of UTF-8 after it would make
    // the whole file unreadable.
    std::fs::write(&path, summit16(SUMMIT)).unwrap();
    append(
        dir.path(),
        &args("Zoë's café", None),
        at("2025-05-07T12:05:00Z"),
    )
    .unwrap();
    let want = format!("{SUMMIT}\n\n14:05 Zoë's café\n");
    assert_eq!(std::fs::read(&path).unwrap(), summit16(&want));

    // Windows-1252 ("ANSI"): what it has stays one byte each, as the writer's editor
    // reads it.
    std::fs::write(&path, b"13:00 Caf\xe9\n").unwrap();
    append(
        dir.path(),
        &args("Zoë – Q&A", None),
        at("2025-05-07T12:05:00Z"),
    )
    .unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"13:00 Caf\xe9\n\n14:05 Zo\xeb \x96 Q&A\n"
    );
}
