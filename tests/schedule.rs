//! Importing schedules (`plenary new --schedule`): each fixture in
//! `tests/fixtures/schedules/` read into talks, written as notes, and read back by the
//! notes loader exactly.

use plenary::cmd::new::{NewArgs, create};
use plenary::model::Clock;
use plenary::schedule::{self, Schedule, Talk, notes};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schedules")
        .join(name)
}

fn import(name: &str, zone: Option<&str>, room: Option<&str>) -> Schedule {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).unwrap();
    schedule::parse(&path, &text, zone, room).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn import_err(name: &str) -> String {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).unwrap();
    match schedule::parse(Path::new(name), &text, None, None) {
        Ok(s) => panic!("{name} should not import, got {} talks", s.talks.len()),
        Err(e) => e.to_string(),
    }
}

/// `day | start-end | title | speakers | room`, one line per talk.
fn describe(t: &Talk) -> String {
    let day = t.day.map(|d| d.to_string()).unwrap_or_default();
    let end = t
        .end
        .map(|e| e.strftime("-%H:%M").to_string())
        .unwrap_or_default();
    let speakers: Vec<&str> = t.speakers.iter().map(|p| p.name.as_str()).collect();
    format!(
        "{day} | {}{end} | {} | {} | {}",
        t.start.strftime("%Y-%m-%d %H:%M"),
        t.title,
        speakers.join(" + "),
        t.room.as_deref().unwrap_or("")
    )
}

fn talks(s: &Schedule) -> Vec<String> {
    s.talks.iter().map(describe).collect()
}

fn clock(dt: jiff::civil::DateTime) -> Clock {
    Clock::new(dt.hour() as u8, dt.minute() as u8).unwrap()
}

/// Writes the schedule as notes, parses them with the loader and checks it reads every
/// talk back: same count, times, titles, speakers and days. Returns the loader's
/// warnings and the text.
fn round_trip(s: &Schedule) -> (Vec<String>, String) {
    let fm = notes::FrontMatter {
        title: s.title.clone().unwrap_or_else(|| "Imported".into()),
        date: s.first_day,
        end_date: s.last_day,
        timezone: s.timezone.clone(),
        ..Default::default()
    };
    let text = notes::write(&fm, &s.talks);
    let parsed = plenary::notes::parse(Path::new("content/imported.md"), &text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let event = &parsed.event;
    assert_eq!(event.sessions.len(), s.talks.len(), "{text}");
    for (session, talk) in event.sessions.iter().zip(&s.talks) {
        assert_eq!(session.time, Some(clock(talk.start)), "{text}");
        assert_eq!(session.end_time, talk.end.map(clock), "{text}");
        assert_eq!(session.title, talk.title, "{text}");
        let got: Vec<&str> = session.speakers.iter().map(|p| p.name.as_str()).collect();
        let want: Vec<&str> = talk.speakers.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(got, want, "{text}");
        // The loader puts a talk on its calendar date (the small hours after the
        // evening on the next one), as the schedule does.
        assert_eq!(
            event.session_date(session),
            Some(talk.start.date()),
            "{text}"
        );
        if let Some(room) = &talk.room {
            let line = format!("*Room: {room}*\n");
            assert!(
                session.body.contains(&line),
                "room of {}\n{text}",
                talk.title
            );
        }
    }
    assert_eq!(event.title, fm.title);
    assert_eq!(event.date, fm.date);
    assert_eq!(event.timezone, fm.timezone);
    let warnings = parsed.warnings.iter().map(|w| w.message.clone()).collect();
    (warnings, text)
}

#[test]
fn pretalx_json_with_mixed_person_keys_entities_and_a_talk_past_midnight() {
    let s = import("pretalx.json", None, None);
    assert_eq!(s.title.as_deref(), Some("Tinker & Solder Conference 2025"));
    assert_eq!(s.timezone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(
        s.first_day.map(|d| d.to_string()).as_deref(),
        Some("2025-05-07")
    );
    assert_eq!(
        s.last_day.map(|d| d.to_string()).as_deref(),
        Some("2025-05-08")
    );
    assert_eq!(
        talks(&s),
        vec![
            "2025-05-07 | 2025-05-07 10:00-10:30 | Opening & Welcome | Mira Okonkwo | Saal 1",
            "2025-05-07 | 2025-05-07 10:30-11:15 | Soldering for people who fear irons | Jonas Bergström + Priya Raman | Saal 1",
            "2025-05-07 | 2025-05-07 10:30-12:30 | Workshop: Build a tiny synth | Lena Vogt | Werkstatt",
            "2025-05-07 | 2025-05-08 00:30-01:30 | Late-night lightning – bring a board |  | Saal 1",
            "2025-05-08 | 2025-05-08 09:30-10:20 | Keynote: Repair is a right | Tomás Ferreira + Mira Okonkwo | Saal 1",
        ]
    );
    let (warnings, text) = round_trip(&s);
    assert!(
        text.contains("## Day 1 – Wednesday, 7 May 2025\n"),
        "{text}"
    );
    // The talk after midnight stays on its conference day, after the evening; the
    // loader reads a time in the small hours after the day's talks as the next date.
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(text.contains("## Day 2 – Thursday, 8 May 2025\n"), "{text}");
    assert!(
        text.contains("10:30 - 11:15 Soldering for people who fear irons\nJonas Bergström; Priya Raman\n*Room: Saal 1*\n"),
        "{text}"
    );
}

#[test]
fn room_filter_keeps_one_room_and_names_the_rooms_when_it_matches_none() {
    let s = import("pretalx.json", None, Some("werkstatt"));
    assert_eq!(
        talks(&s),
        vec![
            "2025-05-07 | 2025-05-07 10:30-12:30 | Workshop: Build a tiny synth | Lena Vogt | Werkstatt"
        ]
    );
    let path = fixture("pretalx.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let err = schedule::parse(Path::new("pretalx.json"), &text, None, Some("Kitchen"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no talk is in room `Kitchen`"), "{err}");
    assert!(err.contains("Saal 1") && err.contains("Werkstatt"), "{err}");
}

#[test]
fn json_with_only_offsets_gets_a_fixed_offset_zone_and_a_note() {
    let s = import("offset-only.json", None, None);
    assert_eq!(s.timezone.as_deref(), Some("Etc/GMT-2"));
    assert!(s.notes.iter().any(|n| n.contains("+02")), "{:?}", s.notes);
    assert_eq!(
        talks(&s),
        vec![
            "2025-09-12 | 2025-09-12 09:00-09:20 | Doors & coffee |  | Main",
            "2025-09-12 | 2025-09-12 09:20-10:00 | Tides as time series | Ingrid Halvorsen | Main",
        ]
    );
    round_trip(&s);
    // Naming the zone on the command line shows the same instants in it.
    let named = import("offset-only.json", Some("Europe/Oslo"), None);
    assert_eq!(named.timezone.as_deref(), Some("Europe/Oslo"));
    assert_eq!(talks(&named), talks(&s));
}

#[test]
fn json_with_an_old_zone_name_utc_dates_and_a_missing_date() {
    let s = import("us-eastern.json", None, None);
    assert_eq!(s.timezone.as_deref(), Some("US/Eastern"));
    assert_eq!(
        talks(&s),
        vec![
            // `date` in UTC, shown in the schedule's zone.
            "2025-10-02 | 2025-10-02 09:00-10:00 | Morning keynote | Dana Whitfield | Ballroom",
            // No `date`: `start` on the day it is listed under.
            "2025-10-02 | 2025-10-02 14:15-14:45 | Afternoon panel | Sam Oyelaran + Kit | Ballroom",
        ]
    );
    let (_, text) = round_trip(&s);
    assert!(text.contains("\nSam Oyelaran; Kit\n"), "{text}");
    assert!(
        !text.contains("## Day"),
        "one day needs no day marker:\n{text}"
    );
}

#[test]
fn frab_xml_with_cdata_double_escaped_entities_and_parallel_rooms() {
    let s = import("frab.xml", None, None);
    assert_eq!(s.title.as_deref(), Some("Field Notes & Friends"));
    assert_eq!(s.timezone.as_deref(), Some("Europe/Zurich"));
    assert_eq!(
        talks(&s),
        vec![
            "2025-06-20 | 2025-06-20 09:15-09:45 | Maps, marsh & moss | Astrid Lindqvist | Aula",
            "2025-06-20 | 2025-06-20 09:15-10:15 | Seed swap |  | Garden",
            "2025-06-20 | 2025-06-20 23:45-00:30 | Night walk & owls | Ruth Abebe + Oskar Brandt | Aula",
            "2025-06-21 | 2025-06-21 10:00-10:30 | Closing circle | Astrid Lindqvist | Aula",
        ]
    );
    let (warnings, _) = round_trip(&s);
    assert_eq!(warnings.len(), 0, "{warnings:?}");
}

#[test]
fn pentabarf_xml_without_zone_or_dates_places_the_small_hours_on_the_day_before() {
    let s = import("pentabarf.xml", None, None);
    assert_eq!(s.title.as_deref(), Some("Pentabarf Hack Night"));
    assert_eq!(s.timezone, None);
    assert!(s.notes.iter().any(|n| n.contains("names no timezone")));
    assert_eq!(
        talks(&s),
        vec![
            "2025-11-14 | 2025-11-14 21:00-22:30 | Kick-off: what we hack tonight | Wout De Smet | Mill Hall",
            "2025-11-14 | 2025-11-15 00:15-00:45 | Demos after midnight | Noor El Amrani | Mill Hall",
        ]
    );
    let (warnings, _) = round_trip(&s);
    // The loader reads the small hours after the evening as the next date, silently.
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn ics_in_utc_with_folding_escapes_all_day_entries_and_speakers_in_summary_description_attendee() {
    let s = import("utc.ics", None, None);
    assert_eq!(s.title.as_deref(), Some("Quiet Tools Meetup"));
    assert_eq!(s.timezone.as_deref(), Some("Europe/Zurich"));
    assert!(
        s.notes.iter().any(|n| n.contains("1 all-day entry")),
        "{:?}",
        s.notes
    );
    assert_eq!(
        talks(&s),
        vec![
            "2025-04-03 | 2025-04-03 18:00-18:30 | Plain text, forever | Hanna Keller | Room A",
            "2025-04-03 | 2025-04-03 18:45-19:30 | Editors that stay out of the way | Felix Amsler + Yara Haddad | Room B",
            "2025-04-03 | 2025-04-03 19:45-20:15 | Lightning & loose ends | Bo Lindgren | Room A",
        ]
    );
    round_trip(&s);
}

#[test]
fn ics_utc_without_any_zone_stays_utc_unless_one_is_given() {
    let path = fixture("utc.ics");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("X-WR-TIMEZONE:Europe/Zurich\r\n", "");
    let s = schedule::parse(&path, &text, None, None).unwrap();
    assert_eq!(s.timezone.as_deref(), Some("UTC"));
    assert_eq!(s.talks[0].start.strftime("%H:%M").to_string(), "16:00");
    assert!(
        s.notes.iter().any(|n| n.contains("in UTC")),
        "{:?}",
        s.notes
    );
    let given = schedule::parse(&path, &text, Some("Europe/Zurich"), None).unwrap();
    assert_eq!(given.talks[0].start.strftime("%H:%M").to_string(), "18:00");
}

#[test]
fn ics_with_tzids_missing_their_definition_custom_and_path_like() {
    let s = import("tzid.ics", None, None);
    assert_eq!(s.timezone.as_deref(), Some("Europe/Vienna"));
    assert_eq!(
        talks(&s),
        vec![
            "2025-05-22 | 2025-05-22 09:00-09:30 | Coffee and hello |  | ",
            "2025-05-22 | 2025-05-22 09:30-10:15 | Archives that outlive us | Petra Novak | Festsaal",
            "2025-05-23 | 2025-05-23 10:00-11:00 | Day two: migrating formats | Emil Horak + Zsófia Tóth | ",
        ]
    );
    let (warnings, text) = round_trip(&s);
    assert!(text.contains("## Day 2 – Friday, 23 May 2025"), "{text}");
    assert_eq!(warnings.len(), 0, "{warnings:?}");
}

#[test]
fn unreadable_files_are_named_with_the_line() {
    for (name, wants) in [
        ("broken.json", &["broken.json:6:", "not valid JSON"][..]),
        (
            "no-start.json",
            &["no-start.json:7:", "neither `date` nor `start`"][..],
        ),
        ("broken.xml", &["broken.xml:6:", "not well-formed XML"][..]),
        (
            "bad-dtstart.ics",
            &["bad-dtstart.ics:5:", "DTSTART `2025-13-45 noon`"][..],
        ),
        (
            "cut-short.ics",
            &["cut-short.ics:3:", "BEGIN:VEVENT", "never closed"][..],
        ),
    ] {
        let err = import_err(name);
        for want in wants {
            assert!(err.contains(want), "{name}: {err}");
        }
    }
    let err = schedule::parse(Path::new("notes.txt"), "hello", None, None)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("notes.txt: not a schedule"), "{err}");
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "timezone = \"Europe/Zurich\"\n",
    )
    .unwrap();
    dir
}

fn now() -> jiff::Timestamp {
    "2025-03-01T10:00:00Z".parse().unwrap()
}

#[test]
fn new_with_a_schedule_takes_title_dates_and_zone_from_it_and_refuses_to_overwrite() {
    let dir = site();
    let args = NewArgs {
        schedule: Some(fixture("pretalx.json")),
        location: Some("Werkhalle, Leipzig".into()),
        tags: vec!["hardware,repair".into()],
        ..Default::default()
    };
    let rel = create(dir.path(), &args, now()).unwrap();
    assert_eq!(
        rel,
        Path::new("content/2025-05-07-tinker-solder-conference-2025.md")
    );
    let parsed = plenary::load::load_event(dir.path(), &rel).unwrap();
    let e = &parsed.event;
    assert_eq!(e.title, "Tinker & Solder Conference 2025");
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2025-05-07"));
    assert_eq!(
        e.end_date.map(|d| d.to_string()).as_deref(),
        Some("2025-05-08")
    );
    assert_eq!(e.timezone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(e.location.as_deref(), Some("Werkhalle, Leipzig"));
    assert_eq!(e.tags, vec!["hardware", "repair"]);
    assert_eq!(e.sessions.len(), 5);
    assert_eq!(e.days.len(), 2);

    let before = std::fs::read_to_string(dir.path().join(&rel)).unwrap();
    let err = create(dir.path(), &args, now()).unwrap_err().to_string();
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join(&rel)).unwrap(),
        before
    );
}

#[test]
fn new_without_a_schedule_writes_front_matter_only() {
    let dir = site();
    let args = NewArgs {
        title: Some("Open Hardware Days".into()),
        date: Some("2025-05-07".into()),
        location: Some("Bern".into()),
        ..Default::default()
    };
    let rel = create(dir.path(), &args, now()).unwrap();
    assert_eq!(rel, Path::new("content/2025-05-07-open-hardware-days.md"));
    let text = std::fs::read_to_string(dir.path().join(&rel)).unwrap();
    assert_eq!(
        text,
        "+++\ntitle = \"Open Hardware Days\"\ndate = 2025-05-07\nlocation = \"Bern\"\n+++\n"
    );
    // Without --date: today in the site's zone (10:00 UTC is 11:00 in Zurich).
    let today = create(
        dir.path(),
        &NewArgs {
            title: Some("Meetup".into()),
            ..Default::default()
        },
        now(),
    )
    .unwrap();
    assert_eq!(today, Path::new("content/2025-03-01-meetup.md"));
}

#[test]
fn new_rejects_bad_arguments() {
    let dir = site();
    for (args, want) in [
        (NewArgs::default(), "give the event a title"),
        (
            NewArgs {
                title: Some("X".into()),
                date: Some("7 May".into()),
                ..Default::default()
            },
            "--date: `7 May` is not a date",
        ),
        (
            NewArgs {
                title: Some("X".into()),
                timezone: Some("Mars/Olympus".into()),
                ..Default::default()
            },
            "unknown timezone `Mars/Olympus`",
        ),
        (
            NewArgs {
                title: Some("X".into()),
                date: Some("2025-05-07".into()),
                end_date: Some("2025-05-06".into()),
                ..Default::default()
            },
            "before the date",
        ),
    ] {
        let err = create(dir.path(), &args, now()).unwrap_err().to_string();
        assert!(err.contains(want), "{err}");
    }
    assert!(
        !dir.path().join("content").exists()
            || std::fs::read_dir(dir.path().join("content"))
                .unwrap()
                .count()
                == 0
    );
}
