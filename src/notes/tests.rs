//! Whole-file parser tests: input notes → what the loader understood.

use super::*;
use crate::model::Kind;
use jiff::civil::date;
use std::path::Path;

fn parse_ok(name: &str, text: &str) -> Parsed {
    parse(Path::new(name), text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn times(p: &Parsed) -> Vec<Option<String>> {
    p.event
        .sessions
        .iter()
        .map(|s| s.time.map(|t| t.to_string()))
        .collect()
}

fn titles(p: &Parsed) -> Vec<&str> {
    p.event.sessions.iter().map(|s| s.title.as_str()).collect()
}

/// Raw notes in the shape a writer types them during an afternoon conference.
const AFTERNOON: &str = "\
77 #civictech

Notes from the afternoon of the Civic Data Day, organised by two local groups.
Getting to the talks on this Tuesday afternoon, here is what was said:
13:00 Opening words
Clara Weiss and Jonas Brandt
- Why we are here, and why it matters now.
13:20 Trust is a product feature
Nina Roth, Head of Research, Example Labs AG

- Users forgive bugs, not betrayals.
- Quoted a survey: https://example.org/survey#results

14:00 Coffee break
- Hallway chat about budgets.
14:30 Lessons from ten years of open budgets
Ravi Patel, City Lab

- Start with the question a citizen asks.

15:10 Tools for everyone: bring the data to the people
Ana Lima, Data Coop and Ben Ito, Tools Team, Example Org

15:40 Coffee break
- Had to leave early.
16:00 Panel Discussion
Budgets, Openness and Public Trust with three guests from administrations, newsrooms and research groups who spoke at length about what they want to see next

Thanks to everyone!";

#[test]
fn afternoon_notes_give_eight_sessions() {
    let p = parse_ok("notes.txt", AFTERNOON);
    assert_eq!(
        titles(&p),
        [
            "Opening words",
            "Trust is a product feature",
            "Coffee break",
            "Lessons from ten years of open budgets",
            "Tools for everyone: bring the data to the people",
            "Coffee break",
            "Panel Discussion",
        ][..],
    );
    let s = &p.event.sessions;
    assert_eq!(s[0].speakers.len(), 2);
    assert_eq!(s[0].speakers[0].name, "Clara Weiss");
    assert_eq!(s[0].speakers[1].name, "Jonas Brandt");
    assert_eq!(
        s[1].speakers[0].affiliation.as_deref(),
        Some("Head of Research, Example Labs AG")
    );
    assert_eq!(s[2].kind, Kind::Break);
    assert_eq!(s[5].kind, Kind::Break);
    assert_eq!(s[6].kind, Kind::Panel);
    assert_eq!(s[4].speakers.len(), 2);
    assert_eq!(
        s[4].speakers[1].affiliation.as_deref(),
        Some("Tools Team, Example Org")
    );
    // The long panel description is not a speaker line, and stays in the notes.
    assert!(s[6].speakers.is_empty());
    assert!(s[6].body.contains("Budgets, Openness and Public Trust"));
    assert!(s[6].body.contains("Thanks to everyone!"));
    // "Tuesday" inside a sentence is not a day marker.
    assert_eq!(p.event.days.len(), 1);
    assert!(p.event.preamble.contains("this Tuesday afternoon"));
    assert_eq!(p.event.tags, ["civictech"]);
    assert_eq!(s[0].line, 5);
    assert_eq!(s[0].anchor, "1300-opening-words");
    assert_eq!(s[5].anchor, "1540-coffee-break");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn every_nonblank_line_lands_somewhere() {
    let p = parse_ok("notes.txt", AFTERNOON);
    let e = &p.event;
    let mut shown = e.preamble.clone();
    for s in &e.sessions {
        shown.push_str(&s.title);
        shown.push('\n');
        shown.push_str(s.speaker_line.as_deref().unwrap_or(""));
        shown.push('\n');
        shown.push_str(&s.body);
    }
    for line in AFTERNOON.lines().filter(|l| !l.trim().is_empty()) {
        let line = line.trim();
        let found = shown.contains(line)
            || e.sessions
                .iter()
                .any(|s| line.ends_with(&s.title) && s.time.is_some());
        assert!(found, "line dropped: {line:?}");
    }
}

#[test]
fn time_styles_and_ranges() {
    let text = "## 09:00 - 09:30 | Doors\n\n9.45 Intro\n\n10h30 Keynote: why\n\n2:15pm Lightning talks\n\n## 15:00–15:45 Workshop: hands on\n";
    let p = parse_ok("2025-04-01-x.md", text);
    assert_eq!(
        times(&p),
        [
            Some("09:00"),
            Some("09:45"),
            Some("10:30"),
            Some("14:15"),
            Some("15:00")
        ]
        .map(|t| t.map(String::from))
    );
    assert_eq!(
        p.event.sessions[0]
            .end_time
            .map(|t| t.to_string())
            .as_deref(),
        Some("09:30")
    );
    assert_eq!(
        p.event.sessions[4]
            .end_time
            .map(|t| t.to_string())
            .as_deref(),
        Some("15:45")
    );
    let kinds: Vec<Kind> = p.event.sessions.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Break,
            Kind::Talk,
            Kind::Keynote,
            Kind::Lightning,
            Kind::Workshop
        ]
    );
}

#[test]
fn untimed_headings_are_sessions_among_timed_ones() {
    let text = "10:00 First\n\n## Closing panel\nAda Lovelace\n\n### Takeaways\n- a\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["First", "Closing panel"]);
    assert_eq!(p.event.sessions[1].time, None);
    assert_eq!(p.event.sessions[1].speakers[0].name, "Ada Lovelace");
    assert!(p.event.sessions[1].body.contains("### Takeaways"));
}

#[test]
fn without_times_the_repeating_heading_level_is_sessions() {
    let text = "# Team offsite\n\nIntro.\n\n## Day 1\n\n### Morning talk\nbody\n\n### Afternoon talk\nbody\n\n## Day 2\n\n### Hack time\n#### detail\nbody\n";
    let p = parse_ok("2025-02-03-offsite.md", text);
    assert_eq!(p.event.title, "Team offsite");
    assert_eq!(titles(&p), ["Morning talk", "Afternoon talk", "Hack time"]);
    assert_eq!(p.event.days.len(), 2);
    assert_eq!(p.event.days[1].date, Some(date(2025, 2, 4)));
    assert_eq!(p.event.sessions[2].day, 1);
}

#[test]
fn day_markers_of_every_kind() {
    let text = "+++\ndate = 2025-05-07\n+++\n09:00 A\n\n## Day 2\n09:00 B\n\nFriday, 9 May\n\n09:00 C\n\n2025-05-10\n09:00 D\n";
    let p = parse_ok("x.md", text);
    let dates: Vec<_> = p.event.days.iter().map(|d| d.date).collect();
    assert_eq!(
        dates,
        [
            Some(date(2025, 5, 7)),
            Some(date(2025, 5, 8)),
            Some(date(2025, 5, 9)),
            Some(date(2025, 5, 10))
        ]
    );
    assert_eq!(
        p.event.sessions.iter().map(|s| s.day).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    assert_eq!(p.event.last_date(), Some(date(2025, 5, 10)));
    // The same time on different days is no warning, and anchors stay unique.
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let anchors: Vec<&str> = p.event.sessions.iter().map(|s| s.anchor.as_str()).collect();
    assert_eq!(anchors, ["0900-a", "0900-b", "0900-c", "0900-d"]);
}

#[test]
fn small_hours_after_the_evening_are_the_next_date() {
    let text = "+++\ndate = 2025-05-07\n+++\n21:00 Dinner\n\n23:30 Late talk\n\n00:30 Midnight hack\n\n01:15 Still going\n";
    let p = parse_ok("x.md", text);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let dates: Vec<_> = p
        .event
        .sessions
        .iter()
        .map(|s| p.event.session_date(s))
        .collect();
    assert_eq!(
        dates,
        [
            Some(date(2025, 5, 7)),
            Some(date(2025, 5, 7)),
            Some(date(2025, 5, 8)),
            Some(date(2025, 5, 8))
        ]
    );
}

#[test]
fn fallbacks_from_heading_and_file_name() {
    let p = parse_ok(
        "content/2024-11-05-rust-night.md",
        "# Rust Night\n\n19:00 Talk\n",
    );
    assert_eq!(p.event.title, "Rust Night");
    assert_eq!(p.event.date, Some(date(2024, 11, 5)));
    assert_eq!(p.event.slug, "rust-night");
    let p = parse_ok("content/meetup-notes.txt", "19:00 Talk\n");
    assert_eq!(p.event.title, "Meetup notes");
    assert_eq!(p.event.date, None);
}

#[test]
fn an_event_kept_as_a_folder_is_named_by_its_folder() {
    let p = parse_ok("content/2025-05-07-summit/index.md", "19:00 Talk\n");
    assert_eq!(p.event.date, Some(date(2025, 5, 7)));
    assert_eq!(p.event.slug, "summit");
    assert_eq!(p.event.title, "Summit");
}

#[test]
fn front_matter_keys() {
    let text = "+++\ntitle = \"Summit\"\ndate = 2025-09-01\nend_date = \"2025-09-02\"\ntimezone = \"America/New_York\"\nlocation = \"Hall A\"\norganizers = \"Org\"\ntags = [\"One\", \"#two\"]\nslug = \"My Summit!\"\ndraft = true\n[links]\nsite = \"https://example.org\"\n+++\nIntro #three\n";
    let p = parse_ok("x.md", text);
    let e = &p.event;
    assert_eq!(e.title, "Summit");
    assert_eq!(e.end_date, Some(date(2025, 9, 2)));
    assert_eq!(e.timezone.as_deref(), Some("America/New_York"));
    assert_eq!(e.organizers, ["Org"]);
    assert_eq!(e.tags, ["one", "two", "three"]);
    assert_eq!(e.slug, "my-summit");
    assert!(e.draft);
    assert_eq!(e.links["site"], "https://example.org");
}

#[test]
fn warnings_for_suspicious_input() {
    let text = "+++\ntitle = \"x\"\ncolour = \"red\"\n+++\n14:00 Later\n\n13:00 Earlier\n";
    let p = parse_ok("x.md", text);
    let w: Vec<String> = p.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].starts_with("warning: x.md:3: unknown front matter key `colour`"),
        "{w:?}"
    );
    assert!(
        w[1].starts_with("warning: x.md:7: 13:00 is earlier than 14:00 on line 5"),
        "{w:?}"
    );
}

#[test]
fn errors_name_file_and_line() {
    let cases = [
        (
            "+++\ntitle = \"x\"\n",
            "x.md:1: front matter opened with `+++` is never closed",
        ),
        ("+++\ntitle = \"x\"\ndate = 2025-13-45\n+++\n", "x.md:3:"),
        ("+++\ntitle = 5\n+++\n", "x.md:2:9: invalid front matter"),
        (
            "+++\ntitle = \"x\"\ntimezone = \"Nowhere/City\"\n+++\n",
            "x.md:3: unknown timezone `Nowhere/City`",
        ),
        (
            "+++\ndate = \"soon\"\n+++\n",
            "x.md:2: `date` is not a date",
        ),
        (
            "+++\ndate = 2025-05-07\nend_date = 2025-05-01\n+++\n",
            "x.md:3: `end_date` 2025-05-01 is before `date` 2025-05-07",
        ),
    ];
    for (text, want) in cases {
        let err = parse(Path::new("x.md"), text).unwrap_err().to_string();
        assert!(err.starts_with(want), "{text:?} gave {err}");
    }
}

#[test]
fn odd_input_is_accepted() {
    for text in [
        "",
        "\u{feff}+++\r\ntitle = \"CRLF\"\r\n+++\r\n13:00 A\r\nAda Lovelace\r\n",
        "\t13:00 indented with a tab\n",
        "25:99 impossible time\n",
        "nul \u{0} and bell \u{7}\n",
        "```\n13:00 inside code\n```\n",
        "> > > > > > deep\n- - - - - nested\n",
    ] {
        let p = parse_ok("x.md", text);
        assert!(p.event.sessions.len() <= 1, "{text:?}");
    }
    let p = parse_ok(
        "x.md",
        "\u{feff}+++\r\ntitle = \"CRLF\"\r\n+++\r\n13:00 A\r\nAda Lovelace\r\n",
    );
    assert_eq!(p.event.title, "CRLF");
    assert_eq!(p.event.sessions[0].speakers[0].name, "Ada Lovelace");
    assert_eq!(p.event.sessions[0].line, 4);
    let p = parse_ok("x.md", "```\n13:00 inside code\n```\n");
    assert!(p.event.sessions.is_empty());
}

/// Prose with headings that are not talks: none of them may become a session.
#[test]
fn prose_headings_make_no_fake_sessions() {
    let text = "# My conference notes\n\n## Summary\nIt was good.\n\n## Keynote: the web\nEva Costa\n- notes\n\n### What I learned\n- things\n\n## Workshop on parsers\n- more\n\n## Links\n- https://example.org\n\n## TODO\n- [ ] write up\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Keynote: the web", "Workshop on parsers"]);
    assert!(p.event.preamble.contains("## Summary"));
    let last = &p.event.sessions[1].body;
    assert!(last.contains("## Links") && last.contains("## TODO"));
}

#[test]
fn crlf_and_no_break_spaces_read_like_plain_lines() {
    let text =
        "##\u{a0}10:00 Opening - Erica Dubach\r\n- first\r\n##\u{a0}11:00 Close - Jonas Brandt\r\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Opening", "Close"]);
    assert_eq!(p.event.sessions[1].speakers[0].name, "Jonas Brandt");
}

#[test]
fn a_file_of_one_convention_reads_names_of_unknown_shape_too() {
    let text = "10:00 Opening - Erica Dubach\n10:30 Storage - Aarno Aukia\n11:00 Rust - Why Now\n11:30 Coffee break\n";
    let p = parse_ok("x.md", text);
    assert_eq!(
        titles(&p),
        ["Opening", "Storage", "Rust - Why Now", "Coffee break"]
    );
    assert_eq!(p.event.sessions[1].speakers[0].name, "Aarno Aukia");
    assert!(p.event.sessions[2].speakers.is_empty());
}

#[test]
fn live_blog_stamps_are_updates_in_order() {
    let text = "# Keynote live\n\n9:37AM<br/>\nThe room is full.\n\n**[9:45]**\nSlides.\n\n16:45 h\nLate.\n\n[17:05] Last words.\n";
    let p = parse_ok("x.md", text);
    let kinds: Vec<Kind> = p.event.sessions.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [Kind::Update; 4]);
    assert!(p.event.sessions.iter().all(|s| s.title.is_empty()));
    assert_eq!(p.event.sessions[0].label(), "09:37");
    assert_eq!(p.event.sessions[3].body, "Last words.\n");
    let anchors: Vec<&str> = p.event.sessions.iter().map(|s| s.anchor.as_str()).collect();
    assert_eq!(anchors, ["0937", "0945", "1645", "1705"]);
}

#[test]
fn a_panel_line_keeps_its_subtitle_and_every_panelist() {
    let text = "16:00 Panel Discussion\nOpen budgets and public trust Maria Koch, Office for Digital Services (ODS) at the Chancellery Lukas Frei, Head of the City Archive, Research Unit Jonas Brandt, Editor at Example News\n";
    let p = parse_ok("x.md", text);
    let s = &p.event.sessions[0];
    assert_eq!(s.subtitle.as_deref(), Some("Open budgets and public trust"));
    let names: Vec<&str> = s.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Maria Koch", "Lukas Frei", "Jonas Brandt"]);
    assert_eq!(
        s.speakers[2].affiliation.as_deref(),
        Some("Editor at Example News")
    );
    assert!(s.body.is_empty());
}

#[test]
fn explain_says_why_for_every_line() {
    let text = "# Day\n\n10:00 Opening - Erica Dubach\n- notes\n\n## Links\n";
    let (_, why) = explain(Path::new("x.md"), text).unwrap();
    let reading = |no: usize| {
        why.lines
            .iter()
            .find(|(n, _)| *n == no)
            .map(|(_, r)| r.as_str())
            .unwrap_or("")
    };
    assert!(reading(1).starts_with("event title"));
    assert!(
        reading(3).starts_with("session: a time line; 1 speaker"),
        "{}",
        reading(3)
    );
    assert_eq!(reading(4), "notes");
    assert!(reading(6).contains("aside"), "{}", reading(6));
    assert!(why.convention[0].starts_with("convention: sessions start at 1 time line(s)"));
}

#[test]
fn a_file_that_is_one_talk_keeps_its_parts_as_notes() {
    let text = "# Parsing notes at scale\nErica Dubach, Example Labs\n\n## Why\n- because\n\n## How\n- like so\n";
    let p = parse_ok("x.md", text);
    assert_eq!(p.event.title, "Parsing notes at scale");
    assert_eq!(titles(&p), ["Parsing notes at scale"]);
    let s = &p.event.sessions[0];
    assert_eq!(s.speakers[0].name, "Erica Dubach");
    assert!(s.body.contains("## Why") && s.body.contains("## How"));
    // With speakers under the other headings too, they are talks.
    let text = "# Meetup\nErica Dubach\n\n## First talk\nJonas Brandt\n\n## Second talk\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["First talk", "Second talk"]);
}

#[test]
fn shed_words_of_a_title_are_kept_as_written() {
    let text = "## Talk 2: [Parsers](https://example.org/parsers)\n## Plain title\n";
    let p = parse_ok("x.md", text);
    let s = &p.event.sessions;
    assert_eq!(s[0].title, "Parsers");
    assert_eq!(
        s[0].written.as_deref(),
        Some("Talk 2: [Parsers](https://example.org/parsers)")
    );
    assert_eq!(s[1].written, None);
}

#[test]
fn a_speaker_label_a_few_lines_under_the_title_is_found() {
    let text = "## Parsing notes\n\n[Slides](https://example.org/slides)\n\n**Speaker:** Erica Dubach\n\n- notes\n\n## Storage\nWith the new API, we store more.\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes", "Storage"]);
    assert_eq!(p.event.sessions[0].speakers[0].name, "Erica Dubach");
    assert_eq!(p.event.sessions[0].speaker_lines, [5]);
    assert!(p.event.sessions[0].body.contains("[Slides]"));
    assert!(p.event.sessions[1].speakers.is_empty());
}

#[test]
fn people_as_titles_and_names_before_a_colon() {
    let text = "## Erica Dubach: Parsing notes\n- a\n\n## Jonas Brandt\n- b\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes", "Jonas Brandt"]);
    assert_eq!(p.event.sessions[0].speakers[0].name, "Erica Dubach");
    assert_eq!(p.event.sessions[1].speakers[0].name, "Jonas Brandt");
}

#[test]
fn headings_that_are_parts_of_a_talk_make_one_talk() {
    let text = "# Parsing notes at scale\n\nA talk at the meetup.\n\n## Introduction\n- a\n\n## Demo\n- b\n\n## Performance\n- c\n\n## Q&A\n- d\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes at scale"]);
    assert!(p.event.sessions[0].body.contains("## Q&A"));
}

#[test]
fn talks_listed_as_bullets_with_their_notes_under_them() {
    let text = "Notes from the meetup.\n\n- Parsing notes - Erica Dubach\n  - slides online\n- Storage at scale - Jonas Brandt\n  - fast\n- Pizza afterwards\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes", "Storage at scale"]);
    assert_eq!(p.event.sessions[1].speakers[0].name, "Jonas Brandt");
    assert!(p.event.sessions[1].body.contains("- Pizza afterwards"));
}

#[test]
fn emphasis_and_thematic_breaks_in_prose_are_not_sessions() {
    let text = "A day of talks, written up as prose.\n\n**Important**\n\nThanks to everyone who came\n---\n\nMore prose.\n";
    let p = parse_ok("x.md", text);
    assert!(p.event.sessions.is_empty(), "{:?}", titles(&p));
    assert!(p.event.preamble.contains("**Important**"));
}

#[test]
fn the_rank_whose_headings_have_speakers_is_the_talks() {
    let text = "# Conference\n\n## Morning\n\n### Parsing notes\nErica Dubach, Example Labs\n\n### Storage\nJonas Brandt\n\n## Afternoon\n\n### Static sites\nNina Roth\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes", "Storage", "Static sites"]);
    assert!(p.event.sessions[1].body.contains("## Afternoon"));
}

#[test]
fn restructuredtext_notes_with_tilde_underlines_and_field_lists() {
    let text = "=========\nPyDay\n=========\n\nParsing notes\n~~~~~~~~~~~~~\n\n:speaker: Erica Dubach\n\nNotes.\n\nStorage at scale\n~~~~~~~~~~~~~~~~\n\n:speaker: Jonas Brandt\n";
    let p = parse_ok("x.rst", text);
    assert_eq!(p.event.title, "PyDay");
    assert_eq!(titles(&p), ["Parsing notes", "Storage at scale"]);
    assert_eq!(p.event.sessions[1].speakers[0].name, "Jonas Brandt");
}

#[test]
fn a_speaker_line_past_a_picture_or_a_slides_link() {
    let text = "## Parsing notes\n\n![The stage](stage.jpg)\n\nErica Dubach, Example Labs\n\n- notes\n\n## Storage\nhttps://example.org/slides\nJonas Brandt\n";
    let p = parse_ok("x.md", text);
    let s = &p.event.sessions;
    assert_eq!(s[0].speakers[0].name, "Erica Dubach");
    assert!(s[0].body.contains("![The stage](stage.jpg)"));
    assert_eq!(s[1].speakers[0].name, "Jonas Brandt");
    assert_eq!(s[1].speaker_lines, [11]);
}

#[test]
fn agenda_tables_read_a_session_per_timed_row_and_afternoon_rows_keep_their_hour() {
    let text = "# Summit\n\n| Time | Track one | Track two |\n| --- | --- | --- |\n| 11:00-12:00 | Parsing notes | Storage |\n| 12:00-1:00 | Lunch | Lunch |\n| 1:00-1:50 | SIG updates | |\n| 1:50-2:00 | B R E A K | B R E A K |\n";
    let p = parse_ok("summit.md", text);
    assert_eq!(
        titles(&p),
        [
            "Parsing notes | Storage",
            "Lunch",
            "SIG updates",
            "B R E A K"
        ]
    );
    assert_eq!(
        times(&p),
        [
            Some("11:00".to_string()),
            Some("12:00".to_string()),
            Some("13:00".to_string()),
            Some("13:50".to_string())
        ]
    );
    let s = &p.event.sessions;
    assert_eq!(s[3].kind, Kind::Break);
    // `1:00` read as 13:00: the row as typed is kept.
    assert_eq!(
        s[2].written.as_deref(),
        Some("| 1:00-1:50 | SIG updates | |")
    );
}

#[test]
fn a_panel_of_person_headings_titled_by_its_front_matter_is_one_session() {
    let text = "---\ntitle: Open archives\n---\n\nThis pad is for the Monday session.\n\n## Introduced by Jonas Brandt\nWelcome.\n\n### Erica Dubach\nArchivist.\n\n### Nina Roth\nLibrarian.\n\n## Questions & Answers\n### Q: where do we start?\nSmall.\n";
    let p = parse_ok("panel.md", text);
    assert_eq!(titles(&p), ["Open archives"]);
    let s = &p.event.sessions[0];
    let names: Vec<&str> = s.speakers.iter().map(|sp| sp.name.as_str()).collect();
    assert_eq!(names, ["Jonas Brandt", "Erica Dubach", "Nina Roth"]);
    assert!(
        s.body.contains("This pad is for the Monday session."),
        "{}",
        s.body
    );
    assert!(s.body.contains("Q: where do we start?"), "{}", s.body);
}

#[test]
fn front_matter_under_a_comment_line_at_the_top_is_read() {
    let text = "<!-- copied from my notebook -->\n---\ntitle: Data Day\nlocaton: Bern\n---\n\n13:00 Opening - Erica Dubach\n";
    let p = parse(Path::new("notes.md"), text).expect("parses");
    assert_eq!(p.event.title, "Data Day");
    assert_eq!(p.event.sessions[0].line, 7);
    assert_eq!(p.event.sessions[0].speakers[0].name, "Erica Dubach");
    // The comment stays, and a warning names the key's own line.
    assert!(p.event.preamble.contains("copied from my notebook"));
    assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
    assert_eq!(p.warnings[0].location.line, Some(4));
    // Front matter that does not parse leaves the file as it was: all notes.
    let broken = "<!-- note -->\n+++\ntitle = \n+++\n13:00 Opening\n";
    let p = parse(Path::new("notes.md"), broken).expect("parses");
    assert!(p.event.preamble.contains("title ="));
}

// What `parse_with` itself decides, around the body's reading (cargo-mutants showed
// these unguarded by the unit tests).

#[test]
fn front_matter_under_a_comment_keeps_its_own_line_numbers() {
    let text = "<!-- copied from the programme -->\n+++\ntitle = \"Forum\"\ndate = 2025-05-07\nend_date = 2025-05-06\n+++\n09:00 Opening\n";
    let err = parse(Path::new("content/forum.md"), text)
        .unwrap_err()
        .to_string();
    assert!(err.contains(":5"), "end_date is on line 5: {err}");
    let (_, explained) = explain(
        Path::new("content/forum.md"),
        "<!-- copied from the programme -->\n+++\ntitle = \"Forum\"\n+++\n09:00 Opening\n",
    )
    .unwrap();
    let numbers: Vec<usize> = explained.lines.iter().map(|(no, _)| *no).collect();
    assert!(numbers.contains(&1), "the comment is line 1: {numbers:?}");
    assert!(numbers.contains(&5), "the session is line 5: {numbers:?}");
    assert!(!numbers.contains(&0), "{numbers:?}");
}

#[test]
fn an_end_date_on_the_start_date_is_a_one_day_event() {
    let p = parse_ok(
        "content/forum.md",
        "+++\ntitle = \"Forum\"\ndate = 2025-05-07\nend_date = 2025-05-07\n+++\n09:00 Opening\n",
    );
    assert_eq!(p.event.end_date, Some(date(2025, 5, 7)));
}

#[test]
fn a_multi_day_event_ends_on_its_last_dated_day_and_a_one_day_event_has_no_end() {
    let two = parse_ok(
        "content/2025-05-07-forum.md",
        "## Day 1, 7 May 2025\n09:00 Opening\n## Day 2, 8 May 2025\n09:00 Closing\n",
    );
    assert_eq!(two.event.end_date, Some(date(2025, 5, 8)));
    let one = parse_ok(
        "content/2025-05-07-forum.md",
        "## Day 1, 7 May 2025\n09:00 Opening\n10:00 Closing\n",
    );
    assert_eq!(one.event.end_date, None);
    let earlier = parse_ok(
        "content/2025-05-07-forum.md",
        "## 6 May 2025\n09:00 Warm-up\n",
    );
    assert_eq!(earlier.event.end_date, None);
}

#[test]
fn front_matter_tags_are_lower_cased_once_each_without_empty_ones() {
    let p = parse_ok(
        "content/forum.md",
        "+++\ntitle = \"Forum\"\ntags = [\"#AI\", \"ai\", \"\", \"#\", \" Policy \"]\n+++\n09:00 Opening\n",
    );
    assert_eq!(p.event.tags, ["ai", "policy"]);
}

#[test]
fn a_marked_stamp_that_starts_no_session_keeps_its_mark_beside_a_key_moment() {
    let p = parse_ok(
        "content/2025-05-07-live.md",
        "# Live\n\n! 18:10 Launch\nThe release is out.\n~~We expected June~~\n\n```\n! 10:00 deploy --now\n```\n",
    );
    let launch = &p.event.sessions[0];
    assert_eq!(launch.title, "Launch");
    assert!(launch.live.key_moment);
    assert!(
        launch.body.contains("~~We expected June~~"),
        "{:?}",
        launch.body
    );
    assert!(
        launch.body.contains("! 10:00 deploy --now"),
        "{:?}",
        launch.body
    );
}

#[test]
fn the_slug_comes_from_the_file_name_before_the_title() {
    let p = parse_ok(
        "content/2025-05-07-forum.md",
        "# Open Data Forum\n\n09:00 Opening\n",
    );
    assert_eq!(p.event.slug, "forum");
    let p = parse_ok(
        "content/2025-05-07.md",
        "# Open Data Forum\n\n09:00 Opening\n",
    );
    assert_eq!(p.event.slug, "open-data-forum");
}
