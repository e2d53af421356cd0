//! Table tests of `candidates.rs`.

use super::*;

fn kinds(text: &str) -> Vec<String> {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
    classify_all(&lines)
        .iter()
        .map(|c| match c {
            Cand::Blank => "blank".to_string(),
            Cand::Text => "text".to_string(),
            Cand::Underline => "underline".to_string(),
            Cand::Heading { rank, text } => format!("h{rank} {text}"),
            Cand::Timed { rank, marker } => {
                format!(
                    "timed{} {} {}",
                    rank.unwrap_or(0),
                    marker.time,
                    marker.title
                )
            }
            Cand::Stamp { rank, time, rest } => {
                format!("stamp{} {time} {rest}", rank.unwrap_or(0))
            }
            Cand::Day { rank, label, .. } => format!("day{} {label}", rank.unwrap_or(0)),
        })
        .collect()
}

#[test]
fn headings() {
    assert_eq!(heading("## 14:40 Talk"), Some((2, "14:40 Talk")));
    assert_eq!(heading("# Title #"), Some((1, "Title")));
    assert_eq!(heading("#opensourceai rocks"), None);
    assert_eq!(heading("####### seven"), None);
    assert_eq!(heading("    # code"), None);
    assert_eq!(heading("##"), Some((2, "")));
    assert_eq!(heading("##\u{a0}No-break"), Some((2, "No-break")));
    assert_eq!(heading("##Session 2"), Some((2, "Session 2")));
    assert_eq!(heading("###10:00 Talk"), Some((3, "10:00 Talk")));
    assert_eq!(heading("#Hashtag"), None);
    assert_eq!(heading("##lowercase"), None);
    // Closed and glued on both sides: a heading written without spaces.
    assert_eq!(heading("#A glued title#"), Some((1, "A glued title")));
    assert_eq!(
        heading("###Dr Ada Lovelace (Analytical)###"),
        Some((3, "Dr Ada Lovelace (Analytical)"))
    );
    assert_eq!(heading("##Conclusion##"), Some((2, "Conclusion")));
    assert_eq!(heading("#Hashtag#"), None);
    assert_eq!(heading("#Two words##"), None);
}

#[test]
fn candidate_table() {
    let cases: &[(&str, &[&str])] = &[
        ("## 13:00 Welcome", &["timed2 13:00 Welcome"]),
        ("13:00 Welcome", &["timed0 13:00 Welcome"]),
        ("**[8:18]**", &["stamp0 08:18 "]),
        ("9:37AM<br/>", &["stamp0 09:37 "]),
        ("## Day 2", &["day2 Day 2"]),
        ("Jour 2", &["day0 Jour 2"]),
        ("**Opening panel**", &["h7 Opening panel"]),
        ("**Speakers:**", &["text"]),
        ("- a bullet", &["text"]),
        (
            "Title\n=====\n\nSub\n---",
            &["h1 Title", "underline", "blank", "h2 Sub", "underline"],
        ),
        ("Part\n~~~~\ntext", &["h1 Part", "underline", "text"]),
        (
            "<!-- from the wiki -->\n# Title\n.. a comment\n.. image:: x.png",
            &["blank", "h1 Title", "blank", "text"],
        ),
        (
            "Day 1\n=====\nTalk A\n------\ntext",
            &["day1 Day 1", "underline", "h2 Talk A", "underline", "text"],
        ),
        (
            "Day 1\n=====\nTalk A\n======\n\nTalk B\n======",
            &[
                "day1 Day 1",
                "underline",
                "h1 Talk A",
                "underline",
                "blank",
                "h1 Talk B",
                "underline",
            ],
        ),
        (
            "=====\nTop\n=====\n\nTalk\n----\n\nPart\n^^^^",
            &[
                "underline",
                "h1 Top",
                "underline",
                "blank",
                "h2 Talk",
                "underline",
                "blank",
                "h3 Part",
                "underline",
            ],
        ),
        (
            "Prose before\nA paragraph line\n---",
            &["text", "text", "text"],
        ),
        (
            // Org's `#+TITLE:` is the title over its `*` headings, a rank below it.
            "#+TITLE: Notes\n* Talk one\n** Detail\n* Talk two",
            &["h1 Notes", "h2 Talk one", "h3 Detail", "h2 Talk two"],
        ),
        ("* a bullet\n* another", &["text", "text"]),
        (
            "- **Parsing** - Erica Dubach\n  - detail\n- **Note:** prose\n- **Bold** and prose",
            &["h8 **Parsing** - Erica Dubach", "text", "text", "text"],
        ),
        (
            "1. Parsing notes - Erica Dubach\n   - detail\n2. Storage (Jonas Brandt)\n   - more\n3. A plain item",
            &[
                "h8 Parsing notes - Erica Dubach",
                "text",
                "h8 Storage (Jonas Brandt)",
                "text",
                "text",
            ],
        ),
        ("```\n## 13:00 code\n```", &["text", "text", "text"]),
        // A blog post's talk line: a bold title, then its people.
        (
            "**Asset Pipelines** by [Ada Byron](https://example.org/ada) (Widget Works)",
            &["h7 **Asset Pipelines** by [Ada Byron](https://example.org/ada) (Widget Works)"],
        ),
        (
            "**Parsing** - Erica Dubach\n**Storage** (Jonas Brandt)",
            &[
                "h7 **Parsing** - Erica Dubach",
                "h7 **Storage** (Jonas Brandt)",
            ],
        ),
        // Prose that opens in bold names no one: text.
        (
            "**Note** by the way, the room moved\n**Warning**, slides are late\n  **Indented** by Ada Byron",
            &["text", "text", "text"],
        ),
    ];
    for (input, want) in cases {
        assert_eq!(kinds(input), *want, "{input}");
    }
}

#[test]
fn a_source_comment_opening_a_file_is_no_heading() {
    for (text, want) in [
        (
            "# source: https://example.org/notes | licence: MIT\nEnd User Panel\n",
            vec!["blank", "text"],
        ),
        (
            "\n# licence: CC-BY-4.0\n# Conf\n",
            vec!["blank", "blank", "h1 Conf"],
        ),
        // Further down, or with a capital, it is a heading as written.
        ("# Conf\n# source: a\n", vec!["h1 Conf", "h1 source: a"]),
        ("# Notes: first morning\n", vec!["h1 Notes: first morning"]),
        // In org-mode every `# ` line is a comment.
        (
            "#+TITLE: Conf\n# a comment\n* Talk one\n",
            vec!["h1 Conf", "blank", "h2 Talk one"],
        ),
    ] {
        assert_eq!(kinds(text), want, "{text:?}");
    }
}

#[test]
fn a_comment_above_an_underlined_heading_reads_as_a_blank_line() {
    assert_eq!(
        kinds("<!-- from the train -->\nThe talk\n========\n\nNotes.\n"),
        ["blank", "h1 The talk", "underline", "blank", "text"]
    );
}

#[test]
fn bold_time_ranges_are_time_lines_unless_they_hold_a_block_of_talks() {
    let text = "**09:00-10:00** Session I; chair: Ada Lovelace\n\
                \n\
                * 09:00-09:10 Opening\n\
                * 09:10-09:30 Talks preview\n\
                * 09:30-10:00 Keynote\n\
                \n\
                **10:00-10:20** Break\n\
                \n\
                **17:30-late** Workshop Dinner\n\
                \n\
                **14:05** We start.";
    assert_eq!(
        kinds(text),
        [
            "text",
            "blank",
            "timed0 09:00 Opening",
            "timed0 09:10 Talks preview",
            "timed0 09:30 Keynote",
            "blank",
            "timed0 10:00 Break",
            "blank",
            "timed0 17:30 Workshop Dinner (late)",
            "blank",
            "stamp0 14:05 We start.",
        ]
    );
}

#[test]
fn agenda_table_rows_with_a_time_are_time_lines() {
    let text = "| Time | Track one | Track two |\n\
                | ---- | :-------: | --------- |\n\
                | 8:00 | Registration |  |\n\
                |      | Workshop | Sprint |\n\
                | 9:30-10:00 | Part 1 | Networking |\n\
                | 10:50-11:00 | B R E A K | B R E A K |\n\
                | 1:00-2:00 | Lunch | Lunch |\n\
                \n\
                | Name | Role |\n\
                | --- | --- |\n\
                | Ada | 9:00 |";
    assert_eq!(
        kinds(text),
        [
            "text",
            "text",
            "timed0 08:00 Registration",
            "text",
            "timed0 09:30 Part 1 | Networking",
            "timed0 10:50 B R E A K",
            "timed0 01:00 Lunch",
            "blank",
            "text",
            "text",
            "text",
        ]
    );
}

#[test]
fn time_stamped_bullets_inside_a_talk_stay_notes_in_a_file_of_talk_headings() {
    let text = "## Parsing notes - Erica Dubach\n\
                - 10:05 intro of the team\n\
                - 10:10 demo of the loader\n\
                - 10:20 questions from the room\n\
                ## Storage at scale - Nina Roth\n\
                Disks.";
    assert_eq!(
        kinds(text),
        [
            "h2 Parsing notes - Erica Dubach",
            "text",
            "text",
            "text",
            "h2 Storage at scale - Nina Roth",
            "text",
        ]
    );
    // Under a heading that is not a talk, the same bullets are a programme.
    let programme = "## Programme\n\
                     - 10:05 Opening\n\
                     - 10:10 Parsing notes\n\
                     - 10:20 Questions\n\
                     ## Parsing notes - Erica Dubach\n\
                     ## Storage at scale - Nina Roth";
    assert_eq!(kinds(programme)[1], "timed0 10:05 Opening");
}

#[test]
fn talk_lists_whose_names_wrap_onto_the_next_line() {
    let text = "Talks:\n\
                \n  - [Parsing notes](https://example.org/1) _by_ [_Erica Dubach_](https://example.org/e) -\n    a tour of the loader.\n\
                \n  - [Storage at scale](https://example.org/2) _by_\n    [_Nina Roth_](https://example.org/n) - how disks fail,\n    and what to do.\n\
                \n  - [Small data, big wins](https://example.org/3)\n    _by_ [_Jonas Brandt_](https://example.org/j)\u{a0}- notes on\n    spreadsheets.\n\
                \n  - [Maps](https://example.org/4) _by Clara Weiss_ -\n    maps.\n\
                \nTwo more from the day before:\n\
                \n  - [Graphs](https://example.org/5) _by Lea Keller_ -\n    graphs.\n";
    let kinds = kinds(text);
    let talks: Vec<&str> = kinds
        .iter()
        .filter(|k| k.starts_with("h8"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        talks,
        [
            "h8 [Parsing notes](https://example.org/1) _by_ [_Erica Dubach_](https://example.org/e) -",
            "h8 [Storage at scale](https://example.org/2) _by_",
            "h8 [Small data, big wins](https://example.org/3)",
            "h8 [Maps](https://example.org/4) _by Clara Weiss_ -",
            // A later run of talks only, in a file that lists its talks.
            "h8 [Graphs](https://example.org/5) _by Lea Keller_ -",
        ]
    );
    for (text, want) in [
        (
            "[T](u) _by_ [_Ada_](v) - a tour of engines",
            "[T](u) _by_ [_Ada_](v)",
        ),
        (
            "[T](u) by Ada Lovelace\u{a0}- the engines",
            "[T](u) by Ada Lovelace",
        ),
        ("[T](u) by Ada - Engines Inc", "[T](u) by Ada - Engines Inc"),
        ("Parsing - a tour", "Parsing - a tour"),
    ] {
        assert_eq!(without_description(text), want, "{text}");
    }
}

/// An ATX heading may be indented by up to three spaces; four make code (issue 20).
#[test]
fn an_atx_heading_is_indented_three_spaces_at_most() {
    use super::heading;
    assert_eq!(heading("## Storage"), Some((2, "Storage")));
    assert_eq!(heading("   ## Storage"), Some((2, "Storage")));
    assert_eq!(heading("    ## Storage"), None);
    assert_eq!(heading("####### Storage"), None);
    assert_eq!(heading("###### Storage"), Some((6, "Storage")));
    // A `#` glued to the last word is the word's, not a closing sequence.
    assert_eq!(heading("## Learning C#"), Some((2, "Learning C#")));
    assert_eq!(heading("## Learning C ##"), Some((2, "Learning C")));
}

/// A time line, a stamp or a day marker written as a heading keeps the heading's rank
/// (issue 20).
#[test]
fn markers_written_as_headings_keep_their_rank() {
    let text = "## 13:00 Parsing notes\n### Monday, 12 May 2025\n#### 9:37AM\n13:00 Storage\n";
    let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
    let ranks: Vec<Option<u8>> = classify_all(&lines).iter().map(|c| c.rank()).collect();
    assert_eq!(ranks, [Some(2), Some(3), Some(4), None]);
}

/// Items read as talks under an aside heading are its list; a bold line does not end
/// the aside, a day does. A bold range holds the time lines inside it, not those after
/// it (issue 20: what the mutants of these rules showed untested).
#[test]
fn asides_and_ranges_end_where_they_end() {
    for (text, want) in [
        (
            "## Links\n**Tools**\n- **Parsing notes** — Erica Dubach\n- **Storage** — Nina Roth\n",
            vec!["h2 Links", "h7 Tools", "text", "text"],
        ),
        (
            "## Links\n- **A** — b\n## Monday, 12 May 2025\n- **Parsing notes** — Erica Dubach\n- **Storage** — Nina Roth\n",
            vec![
                "h2 Links",
                "text",
                "day2 Monday, 12 May 2025",
                "h8 **Parsing notes** — Erica Dubach",
                "h8 **Storage** — Nina Roth",
            ],
        ),
        (
            "**09:00-10:00** Session I\n* 09:10 A\n* 11:00 B\n* 12:00 C\n",
            vec![
                "timed0 09:00 Session I",
                "timed0 09:10 A",
                "timed0 11:00 B",
                "timed0 12:00 C",
            ],
        ),
    ] {
        assert_eq!(kinds(text), want, "{text}");
    }
}

/// An agenda table needs its delimiter row, is never read inside a code block, may
/// end the file, and its column of times may have one cell in three that is no time.
#[test]
fn agenda_tables_need_their_delimiter_row() {
    for (line, want) in [
        ("| --- | :---: | ---: |", true),
        ("|---|---|", true),
        ("| abc | --- |", false),
        ("| x-y | --- |", false),
        ("| --- |  |", false),
        ("| : | --- |", false),
        ("--- | ---", false),
    ] {
        assert_eq!(is_delimiter_row(line), want, "{line}");
    }
    for (text, want) in [
        (
            "| Time | Talk |\n| 9:00 | Opening |\n| 9:30 | Parsing |\n| 10:00 | Close |\n",
            vec!["text"; 4],
        ),
        (
            "| Time | Talk |\n| --- | --- |\n| 9:00 | A |\n| 9:30 | B |\n| later | C |\n",
            vec!["text", "text", "timed0 09:00 A", "timed0 09:30 B", "text"],
        ),
        ("Notes\n| a | b |", vec!["text"; 2]),
        (
            "```\n| Time | Talk |\n| --- | --- |\n| 9:00 | A |\n| 9:30 | B |\n```\n",
            vec!["text"; 6],
        ),
    ] {
        assert_eq!(kinds(text), want, "{text}");
    }
}

/// An org file is known by a `#+` setting or by two or more `*` headings with a `**`
/// one; its headings move one rank down only under a `#+TITLE:`. Two Markdown bullets
/// make no org file (issue 20).
#[test]
fn org_files_are_known_by_settings_or_star_headings() {
    for (text, want) in [
        (
            "* Day one\n** Talk A\n** Talk B\n",
            vec!["day1 Day one", "h2 Talk A", "h2 Talk B"],
        ),
        (
            "#+AUTHOR: Erica\n* Day one\n** Talk A\n",
            vec!["blank", "day1 Day one", "h2 Talk A"],
        ),
        (
            "#+TITLE: Conf\n* Day one\n** Talk A\n",
            vec!["h1 Conf", "day1 Day one", "h3 Talk A"],
        ),
        ("# Conf\n* a\n* b\n", vec!["h1 Conf", "text", "text"]),
    ] {
        assert_eq!(kinds(text), want, "{text}");
    }
}
