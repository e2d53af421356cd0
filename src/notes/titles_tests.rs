//! Table tests of `titles.rs`.

use super::*;

fn names_of(t: &TitleLine) -> Vec<&str> {
    t.speakers.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn speakers_on_title_lines() {
    type Case<'a> = (&'a str, Option<Side>, &'a str, &'a [&'a str]);
    let cases: &[Case] = &[
        (
            "Parsing notes - Erica Dubach",
            None,
            "Parsing notes",
            &["Erica Dubach"],
        ),
        // The whole line one link (to the speaker's page): its label is read, and a
        // name's shape facing no name is the speaker.
        (
            "[Aarno Aukia - Storage at scale, and why it matters](https://example.org/a)",
            None,
            "Storage at scale, and why it matters",
            &["Aarno Aukia"],
        ),
        (
            "[Open Data Lab - Storage at scale](https://example.org/a)",
            None,
            "Open Data Lab - Storage at scale",
            &[],
        ),
        // The title a sentence, its speaker after the full stop.
        (
            "Ein Blick auf die nächsten Monate. Erica Dubach (Example Labs)",
            None,
            "Ein Blick auf die nächsten Monate",
            &["Erica Dubach"],
        ),
        (
            "Notes from St. Louis Park",
            None,
            "Notes from St. Louis Park",
            &[],
        ),
        (
            "Erica Dubach - Parsing notes",
            None,
            "Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "Parsing notes - Aarno Aukia",
            Some(Side::Right),
            "Parsing notes",
            &["Aarno Aukia"],
        ),
        (
            "Parsing notes - Aarno Aukia",
            None,
            "Parsing notes - Aarno Aukia",
            &[],
        ),
        (
            "Parsing notes (Erica Dubach)",
            None,
            "Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "Parsing notes, [Erica Dubach](https://example.org/e)",
            None,
            "Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "*Parsing notes* - [Aarno Aukia](https://example.org/a)",
            None,
            "Parsing notes",
            &["Aarno Aukia"],
        ),
        (
            "Parsing notes by Aarno Aukia",
            None,
            "Parsing notes",
            &["Aarno Aukia"],
        ),
        (
            "Interview w/ Nina Roth",
            None,
            "Interview w/ Nina Roth",
            &["Nina Roth"],
        ),
        (
            "Keynote - Parsing notes - Erica Dubach",
            None,
            "Keynote - Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "Keynote - Erica Dubach - Parsing notes",
            Some(Side::Left),
            "Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "Parsing notes Nina Roth & Jonas Brandt",
            None,
            "Parsing notes",
            &["Nina Roth", "Jonas Brandt"],
        ),
        (
            "Data Spaces - The Next Decade",
            None,
            "Data Spaces - The Next Decade",
            &[],
        ),
        ("Rust - Why Now", Some(Side::Right), "Rust - Why Now", &[]),
        ("Coffee break", None, "Coffee break", &[]),
        // A known name beats words with only a name's shape on the other side.
        (
            "Kelsey Hightower - Staff Dev Advocate, Google",
            None,
            "Staff Dev Advocate, Google",
            &["Kelsey Hightower"],
        ),
        ("Q&A with the audience", None, "Q&A with the audience", &[]),
        (
            "Erica Dubach: Parsing notes",
            None,
            "Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "Keynote: Parsing notes",
            None,
            "Keynote: Parsing notes",
            &[],
        ),
        ("Erica Dubach", None, "Erica Dubach", &["Erica Dubach"]),
        (
            "Keynote: Erica Dubach",
            None,
            "Keynote: Erica Dubach",
            &["Erica Dubach"],
        ),
        (
            "Keynote: Nina Roth (@nina_codes)",
            None,
            "Keynote: Nina Roth (@nina_codes)",
            &["Nina Roth"],
        ),
        (
            "Keynote - Dr Erica Dubach",
            None,
            "Keynote - Dr Erica Dubach",
            &["Erica Dubach"],
        ),
        ("Keynote: Open Models", None, "Keynote: Open Models", &[]),
        (
            "Lessons: What We Learned",
            None,
            "Lessons: What We Learned",
            &[],
        ),
    ];
    for (input, conv, title, who) in cases {
        let got = read(input, *conv);
        assert_eq!(got.title, *title, "{input}");
        assert_eq!(names_of(&got), *who, "{input}");
    }
    let linked = read("Talk, [Erica Dubach](https://example.org/e)", None);
    assert_eq!(
        linked.speakers[0].url.as_deref(),
        Some("https://example.org/e")
    );
}

#[test]
fn lines_lean_to_a_side() {
    assert_eq!(lean("Parsing notes - Erica Dubach"), Some(Side::Right));
    assert_eq!(lean("Erica Dubach - Parsing notes"), Some(Side::Left));
    assert_eq!(
        lean("Keynote - Erica Dubach - Parsing notes"),
        Some(Side::Left)
    );
    assert_eq!(lean("Parsing notes - Aarno Aukia"), None);
    assert_eq!(
        lean("*Parsing notes;* Erica Dubach (Invited talk)"),
        Some(Side::Right)
    );
    assert_eq!(lean("*Parsing notes;* Aarno Aukia"), None);
    assert_eq!(lean("Parsing notes (Erica Dubach)"), Some(Side::Right));
    assert_eq!(
        lean("[Parsing notes (Erica Dubach)](https://example.org/v)"),
        Some(Side::Right)
    );
    assert_eq!(lean("Parsing notes (Aarno Aukia)"), None);
    assert_eq!(lean("Parsing notes (draft)"), None);
    assert_eq!(lean("Parsing notes"), None);
}

/// Inside a file's reading a line is read once per convention asked: a second reading
/// is the first one's copy, never the reading of another convention.
#[test]
fn a_title_line_read_again_in_a_file_reads_as_by_its_convention() {
    let asks = [
        ("Parsing notes - Aarno Aukia", None, false),
        ("Parsing notes - Aarno Aukia", Some(Side::Right), false),
        ("Parsing notes - Aarno Aukia", Some(Side::Left), false),
        ("Keynote: Sha", None, false),
        ("Keynote: Sha", None, true),
    ];
    let fresh: Vec<TitleLine> = asks
        .iter()
        .map(|&(text, conv, format)| read_as(text, conv, format))
        .collect();
    // The conventions do read these lines differently.
    assert_ne!(fresh[0], fresh[1]);
    assert_ne!(fresh[1], fresh[2]);
    assert_ne!(fresh[3], fresh[4]);
    let twice: Vec<TitleLine> = memoised(|| {
        let mut out = Vec::new();
        for _ in 0..2 {
            for &(text, conv, format) in &asks {
                out.push(read_as(text, conv, format));
            }
        }
        out
    });
    assert_eq!(twice[..asks.len()], fresh[..]);
    assert_eq!(twice[asks.len()..], fresh[..]);
    let leans = memoised(|| [lean("Parsing notes - Erica Dubach"), lean("Parsing notes")]);
    assert_eq!(leans, [Some(Side::Right), None]);
}

#[test]
fn media_links_and_emphasised_by_after_a_talk() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Static Code Analysis Using SSA — Ben Johnson ([video](https://example.org/v?x=D2-gaM))",
            "Static Code Analysis Using SSA",
            &["Ben Johnson"],
        ),
        (
            "Parsing notes — Erica Dubach ([video](https://example.org/v)) ([slides](https://example.org/s))",
            "Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "[Parsing notes](https://example.org/v) _by Erica Dubach_ -",
            "Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "[Parsing notes](https://example.org/v) _by_ [_Erica Dubach_](https://example.org/e) -",
            "Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "Parsing notes ([video](https://example.org/v))",
            "Parsing notes",
            &[],
        ),
        (
            "*Parsing notes;* Erica Dubach (Invited talk)",
            "Parsing notes",
            &["Erica Dubach"],
        ),
        (
            "**Storage** Nina Roth and Jonas Brandt",
            "Storage",
            &["Nina Roth", "Jonas Brandt"],
        ),
        ("*Note:* the room moved", "Note: the room moved", &[]),
        (
            "[Parsing notes](https://example.org/v)\u{a0}_by Erica Dubach_\u{a0}-",
            "Parsing notes",
            &["Erica Dubach"],
        ),
    ];
    for (line, title, names) in cases {
        let read = read(line, None);
        assert_eq!(
            (read.title.as_str(), names_of(&read)),
            (*title, names.to_vec()),
            "{line}"
        );
    }
}

#[test]
fn people_after_a_label_in_the_title() {
    let read_it = |t: &str| {
        let r = read(t, None);
        (
            r.title,
            r.speakers.into_iter().map(|s| s.name).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        read_it("What's next in networking? Lead: thockin"),
        (
            "What's next in networking?".to_string(),
            vec!["thockin".to_string()]
        )
    );
    assert_eq!(
        read_it("Developer Tools. Leads: errordeveloper and r2d4"),
        (
            "Developer Tools".to_string(),
            vec!["errordeveloper".to_string(), "r2d4".to_string()]
        )
    );
    assert_eq!(
        read_it("Parsing notes Speaker: Erica Dubach"),
        (
            "Parsing notes".to_string(),
            vec!["Erica Dubach".to_string()]
        )
    );
    // A sentence after the label is not people.
    assert_eq!(
        read_it("Budget review Lead: see the minutes of the board").1,
        Vec::<String>::new()
    );
}

/// The split at the first or last separator, against a model that searches for each
/// separator on its own and keeps the nearest to the chosen end.
#[test]
fn split_at_takes_the_first_or_last_separator() {
    let model = |text: &str, side: Side| -> Option<(String, String)> {
        let found = SEPARATORS.iter().filter_map(|sep| {
            let i = match side {
                Side::Right => text.rfind(sep),
                Side::Left => text.find(sep),
            }?;
            Some((i, sep.len()))
        });
        let (i, len) = match side {
            Side::Right => found.max_by_key(|(i, _)| *i)?,
            Side::Left => found.min_by_key(|(i, _)| *i)?,
        };
        let (a, b) = (text[..i].trim(), text[i + len..].trim());
        (!a.is_empty() && !b.is_empty()).then(|| (a.to_string(), b.to_string()))
    };
    let texts = [
        "Title - Ada Lovelace",
        "Keynote – Open data — Ada Lovelace",
        "A | B · C - D",
        " - - ",
        "a - - b",
        "Zoë — Ünïcode · 東京 – x",
        "no separator here",
        "trailing - ",
        " - leading",
        "x\u{a0}- y - z",
        "",
    ];
    for text in texts {
        for side in [Side::Left, Side::Right] {
            let got = split_at(text, side).map(|(a, b)| (a.to_string(), b.to_string()));
            assert_eq!(got, model(text, side), "{text:?} {side:?}");
        }
    }
}

#[test]
fn a_dangling_by_leaves_the_title() {
    for (text, want) in [
        (
            "[Parsing notes](https://example.org/1) _by_",
            Some("[Parsing notes](https://example.org/1)"),
        ),
        ("Parsing notes by\u{a0}-", Some("Parsing notes")),
        ("Parsing notes *by*", Some("Parsing notes")),
        ("Stand by", None),
        (
            "[Stand](https://example.org/s) by",
            Some("[Stand](https://example.org/s)"),
        ),
        ("Standby", None),
        ("by", None),
        ("Parsing notes by Ada", None),
    ] {
        assert_eq!(dangling_by(text), want, "{text}");
    }
    assert_eq!(
        read("[Parsing notes](https://example.org/1) _by_", None).title,
        "Parsing notes"
    );
}
