//! Table tests of `convention.rs`.

use super::super::candidates::classify_all;
use super::*;

fn infer_text(text: &str) -> Convention {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
    infer(&classify_all(&lines))
}

#[test]
fn conventions() {
    type Want = (Option<usize>, &'static [u8], Option<Side>);
    let cases: &[(&str, Want)] = &[
        ("13:00 A\n## Closing", (None, &[1, 2], None)),
        ("## 13:00 A\n### Detail", (None, &[1, 2], None)),
        ("# Event\n## A\n## B\n### x", (Some(0), &[2], None)),
        ("# Event\n## A\n## Links\n## TODO", (Some(0), &[2], None)),
        ("# A\ntext\n# B\ntext\n# C", (None, &[1], None)),
        ("# A\n## x\n## y\n# B\n## z", (None, &[1], None)),
        (
            "# Event\n## Links\n## TODO\n### A\n### B",
            (Some(0), &[3], None),
        ),
        ("**A talk**\ntext\n**B talk**", (None, &[7], None)),
        (
            "13:00 Parsing - Erica Dubach\n14:00 Storage - Aarno Aukia\n15:00 Coffee",
            (None, &[1, 2], Some(Side::Right)),
        ),
        (
            "13:00 Erica Dubach - Parsing\n14:00 Jacqueline Kucera - Storage\n15:00 Data - Info",
            (None, &[1, 2], Some(Side::Left)),
        ),
        (
            "13:00 Erica Dubach - Parsing\n14:00 Storage - Jacqueline Kucera",
            (None, &[1, 2], None),
        ),
        (
            "# Live\n9:37AM<br/>\ntext\n9:45AM<br/>",
            (Some(0), &[], None),
        ),
        // Days and talks underlined alike: the talks are the rest of that rank.
        (
            "Notes\n#####\n\nDay 1\n=====\nTalk A\n======\n\nTalk B\n======\n\nDay 2\n=====\n\nTalk C\n======\n\nPart\n----",
            (Some(0), &[2], None),
        ),
        // Days over deeper talks keep the talks' rank.
        (
            "# Conf\n## Day 1\n### A\n### B\n## Day 2\n### C",
            (Some(0), &[3], None),
        ),
    ];
    for (text, (title, ranks, side)) in cases {
        let c = infer_text(text);
        assert_eq!(
            (c.title_line, c.session_ranks.as_slice(), c.side),
            (*title, *ranks, *side),
            "{text}"
        );
    }
}

#[test]
fn asides() {
    for (text, want) in [
        ("Links", true),
        ("## Useful links:", true),
        ("TODO", true),
        ("**Summary**", true),
        ("Résumé", true),
        ("Linking data", false),
        ("Notes on parsing", false),
    ] {
        assert_eq!(is_aside(text), want, "{text}");
    }
    for (text, want) in [
        ("Introduction", true),
        ("3. Q&A", true),
        ("**Demo:**", true),
        ("Demo of the new parser", false),
        ("Take Aways:", true),
        ("Key Learning/Takeaways", true),
        ("Action items", true),
        ("Parsing/Storage", false),
    ] {
        assert_eq!(is_part(text), want, "{text}");
    }
}

#[test]
fn a_side_wins_the_vote_by_a_margin_and_a_share() {
    // (right, left, with a separator) -> side
    type Votes = (usize, usize, usize);
    let cases: &[(Votes, Option<Side>)] = &[
        ((0, 0, 0), None),
        ((1, 0, 1), Some(Side::Right)),
        ((0, 1, 1), Some(Side::Left)),
        // A third of the lines with a separator is enough...
        ((1, 0, 3), Some(Side::Right)),
        ((2, 0, 6), Some(Side::Right)),
        ((0, 2, 6), Some(Side::Left)),
        // ...less is not, unless three or more lines and none against.
        ((1, 0, 4), None),
        ((2, 0, 7), None),
        ((3, 0, 10), Some(Side::Right)),
        ((0, 3, 10), Some(Side::Left)),
        ((3, 1, 10), None),
        // More than twice the other side's votes.
        ((1, 1, 3), None),
        ((2, 1, 3), None),
        ((3, 1, 4), Some(Side::Right)),
        ((1, 3, 4), Some(Side::Left)),
        ((2, 2, 4), None),
        ((4, 2, 6), None),
        ((5, 2, 7), Some(Side::Right)),
    ];
    for &(votes, want) in cases {
        assert_eq!(side_by_votes(votes), want, "{votes:?}");
    }
}

#[test]
fn the_votes_count_session_lines_only() {
    // The title heading and headings below the session rank do not vote; time lines
    // and session headings do, each once.
    let c = infer_text(
        "# Parsing - Erica Dubach\n\
         ## Storage - Jacqueline Kucera\n\
         ## Search - Erica Dubach\n\
         ## Lunch | Break\n\
         ### Deep dive - Erica Dubach",
    );
    assert_eq!(
        (c.title_line, c.session_ranks.as_slice()),
        (Some(0), &[2][..])
    );
    assert_eq!(c.votes, (2, 0, 3));
    let c =
        infer_text("13:00 Storage - Erica Dubach\n14:00 Jacqueline Kucera - Parsing\n15:00 Coffee");
    assert_eq!(c.votes, (1, 1, 2));
}

#[test]
fn one_talk_is_mostly_parts_of_a_talk_under_a_title() {
    for (text, want) in [
        // Two parts of four headings: half is enough; the title does not count.
        (
            "# How we parse\n## Introduction\n## Demo\n## Storage\n## Search",
            true,
        ),
        (
            "# How we parse\n## Introduction\n## Demo\n## Q&A\n## Storage\n## Search\n## Ranking",
            true,
        ),
        (
            "# How we parse\n## Introduction\n## Storage\n## Search",
            false,
        ),
        // Deeper headings are no session headings: they do not count.
        (
            "# How we parse\n## Introduction\n## Demo\n## Storage\n## Search\n### Details",
            true,
        ),
        // A time line or a live blog's stamp makes it a programme.
        (
            "# How we parse\n10:00 Start\n## Introduction\n## Demo",
            false,
        ),
        (
            "# How we parse\n**9:37AM**\n## Introduction\n## Demo",
            false,
        ),
        // No title heading: parts of what?
        ("## Introduction\n## Demo", false),
        ("# How we parse\ntext", false),
    ] {
        assert_eq!(infer_text(text).one_talk, want, "{text}");
    }
}

#[test]
fn format_votes_count_lines_naming_people_after_a_format_word() {
    // (named with a name's shape, with a known given name, of all format lines)
    let c = infer_text(
        "10:00 Keynote: Erica Dubach\n\
         ## Keynote: Jacqueline Kucera\n\
         ## Talk: Qorvin Talbrek\n\
         ## Panel: the future of parsing\n\
         ## Workshop: Erica Dubach\n\
         ## Storage",
    );
    assert_eq!(c.format_votes, (4, 3, 5));
}

#[test]
fn a_file_is_on_a_twelve_hour_clock_unless_a_time_says_otherwise() {
    for (text, want) in [
        ("9:00 A\n1:30 B", true),
        ("9:00am A\n1:30pm B", true),
        ("09:00 AM A\n01:30 PM B", true),
        ("9:00 A\n13:30 B", false),
        ("09:00 A", false),
        ("## A\n## B", true),
    ] {
        assert_eq!(infer_text(text).twelve_hour, want, "{text}");
    }
}

#[test]
fn session_ranks_by_the_files_headings() {
    let cases: &[(&str, &[u8])] = &[
        // Time lines: every rank down to that of the timed headings.
        ("### 13:00 A\n#### x", &[1, 2, 3]),
        ("## 13:00 A\n### 14:00 B", &[1, 2]),
        // Headings over the first day are no talks; the days' talks are.
        (
            "## About\n## Venue\n## Day 1\n### A\n### B\n## Day 2\n### C",
            &[3],
        ),
        ("**Day 1**\n## Talk A\n## Talk B", &[2]),
        // Days and talks at one rank need two talks, and as many as the days.
        ("# Notes\n## Day 1\n## A\n### x", &[3]),
        (
            "# Notes\n## Day 1\n## A\n## Day 2\n## B\n## Day 3\n### x\n### y",
            &[3],
        ),
        // Headings with no text or asides do not count; nor does the title.
        ("# Event\n##\n##\n### A\n### B", &[3]),
        ("# Event\n### A talk\ntext", &[3]),
        // A lone bold line is emphasis, not a session.
        ("**A talk**\ntext", &[]),
        // Bold bullets are sessions where nothing else could be, and repeat.
        ("- **Parsing**\n- **Storage**", &[8]),
        ("- **Parsing**\ntext", &[]),
        // A live blog's headings below its stamps are parts of an update.
        ("# Live\n## 9:37AM\n### x\n### y", &[]),
        ("# Live\n### 9:37AM\ntext\n## Part A\n## Part B", &[2]),
    ];
    for (text, want) in cases {
        assert_eq!(infer_text(text).session_ranks, *want, "{text}");
    }
}

#[test]
fn a_list_of_talks_outnumbering_the_headings_is_the_sessions() {
    let talks =
        "- Parsing by Erica Dubach\n- Storage by Aarno Aukia\n- Search by Jacqueline Kucera\n";
    for (headings, want) in [
        ("# Event\n## Morning\n", &[8u8][..]),
        ("# Event\n## Morning\n## Afternoon\n", &[2][..]),
    ] {
        let text = format!("{headings}{talks}");
        assert_eq!(infer_text(&text).session_ranks, want, "{text}");
    }
    let four = format!("# Event\n## Morning\n## Afternoon\n{talks}- Ranking by Erica Dubach\n");
    assert_eq!(infer_text(&four).session_ranks, [2], "{four}");
}
