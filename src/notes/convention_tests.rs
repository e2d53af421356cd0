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
