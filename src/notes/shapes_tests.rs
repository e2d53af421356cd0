//! Whole-file tests of the shapes writers use beyond the documented format: talks
//! grouped under headings, reStructuredText days and talks at one rank, a format word
//! and a person as the title with the topic under it.

use super::*;
use crate::model::Kind;
use std::path::Path;

fn parse_ok(name: &str, text: &str) -> Parsed {
    parse(Path::new(name), text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn titles(p: &Parsed) -> Vec<&str> {
    p.event.sessions.iter().map(|s| s.title.as_str()).collect()
}

fn speakers(p: &Parsed) -> Vec<Vec<&str>> {
    p.event
        .sessions
        .iter()
        .map(|s| s.speakers.iter().map(|x| x.name.as_str()).collect())
        .collect()
}

#[test]
fn talks_inside_group_headings_are_the_sessions() {
    let text = "# Conf\n\n## Keynotes\n### Opening the year\nErica Dubach\n### Data in the open\n\n## Session 2 - Storage\n### Fast disks for all\n### Slow networks\n- notes\n";
    let p = parse_ok("x.md", text);
    assert_eq!(
        titles(&p),
        [
            "Opening the year",
            "Data in the open",
            "Fast disks for all",
            "Slow networks"
        ]
    );
    assert_eq!(speakers(&p)[0], ["Erica Dubach"]);
    assert!(p.event.sessions[1].body.contains("## Session 2 - Storage"));
    // A talk under `## Keynotes` is a keynote; a session group gives no kind.
    let kinds: Vec<Kind> = p.event.sessions.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [Kind::Keynote, Kind::Keynote, Kind::Talk, Kind::Talk]
    );
}

#[test]
fn restructuredtext_days_and_talks_underlined_alike() {
    let text = "Conference notes\n################\n\nDay 1\n=====\nParsing notes\n=============\n\n:speaker: Erica Dubach\n\nStorage at scale\n================\n\nDay 2\n=====\n\nStatic sites\n============\n\nDetails\n-------\n- more\n";
    let p = parse_ok("x.rst", text);
    assert_eq!(
        titles(&p),
        ["Parsing notes", "Storage at scale", "Static sites"]
    );
    assert_eq!(p.event.days.len(), 2);
    assert_eq!(p.event.sessions[2].day, 1);
    assert_eq!(speakers(&p)[0], ["Erica Dubach"]);
}

#[test]
fn a_format_word_and_a_person_then_the_topic() {
    let text = "# Conf\n\n## Keynote: Erica Dubach\n### Parsing notes at scale\n- notes\n\n## Keynote: Nina Roth (@nina_codes)\n### Storage in the open\n- more\n\n## Keynote: Jonas Brandt\n\nHe opened with a story.\n";
    let p = parse_ok("x.md", text);
    assert_eq!(
        titles(&p),
        [
            "Parsing notes at scale",
            "Storage in the open",
            "Keynote: Jonas Brandt"
        ]
    );
    assert_eq!(
        speakers(&p),
        [
            vec!["Erica Dubach"],
            vec!["Nina Roth"],
            vec!["Jonas Brandt"]
        ]
    );
    assert!(
        p.event
            .sessions
            .iter()
            .all(|s| s.kind == crate::model::Kind::Keynote)
    );
    assert!(p.event.sessions[0].speakers[0].affiliation.is_none());
    assert!(p.event.sessions[2].body.contains("He opened with a story."));
}

#[test]
fn a_comment_before_the_title_does_not_hide_it() {
    let text = "<!-- written on the train -->\n# Parsing notes at scale\n\nModerator: Erica Dubach\n\nSome notes.\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes at scale"]);
    assert_eq!(speakers(&p)[0], ["Erica Dubach"]);
    // The role is part of what the line says.
    assert_eq!(
        p.event.sessions[0].speaker_line.as_deref(),
        Some("Moderator: Erica Dubach")
    );
    assert!(p.event.preamble.contains("<!-- written on the train -->"));
}

#[test]
fn a_title_heading_and_notes_only_is_one_talk() {
    let text = "# Parsing notes at scale\n\nWe started late.\n\n- tokens first\n- then trees\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes at scale"]);
    assert!(p.event.sessions[0].body.contains("- then trees"));
}

#[test]
fn three_top_headings_are_talks_the_first_included() {
    let text = "# Parsing notes\n- a\n\n# Storage at scale\n- b\n\n# Static sites\n- c\n";
    let p = parse_ok("x.md", text);
    assert_eq!(
        titles(&p),
        ["Parsing notes", "Storage at scale", "Static sites"]
    );
}

#[test]
fn a_time_in_emphasis_under_a_heading_is_the_sessions_time() {
    let text = "# Konferenz\n\n## Mittwoch, 11.05.\n\n### Parsing notes\n*12:00, Raum 2*\nErica Dubach (Example Labs)\n\n### Storage\n_13:00 - 13:45_\n- notes\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes", "Storage"]);
    let times: Vec<Option<String>> = p
        .event
        .sessions
        .iter()
        .map(|s| s.time.map(|t| t.to_string()))
        .collect();
    assert_eq!(
        times,
        [Some("12:00".to_string()), Some("13:00".to_string())]
    );
    assert_eq!(
        p.event.sessions[1]
            .end_time
            .map(|t| t.to_string())
            .as_deref(),
        Some("13:45")
    );
    assert_eq!(speakers(&p)[0], ["Erica Dubach"]);
    assert!(p.event.sessions[0].body.contains("*12:00, Raum 2*"));
    assert_eq!(p.event.days[0].label.as_deref(), Some("Mittwoch, 11.05."));
}

#[test]
fn a_person_heading_then_the_talks_title_on_the_next_line() {
    let text = "# Meetup\n\n## Erica Dubach (Example Labs)\n*Parsing notes at scale*\n- notes\n\n## Jonas Brandt\nStorage in the open\n\n## Nina Roth\nShe could not come, sadly.\n";
    let p = parse_ok("x.md", text);
    assert_eq!(
        titles(&p),
        ["Parsing notes at scale", "Storage in the open", "Nina Roth"]
    );
    assert_eq!(
        speakers(&p),
        [
            vec!["Erica Dubach"],
            vec!["Jonas Brandt"],
            vec!["Nina Roth"]
        ]
    );
    assert_eq!(
        p.event.sessions[0].speaker_line.as_deref(),
        Some("Erica Dubach (Example Labs)")
    );
}

#[test]
fn a_role_label_wrapped_or_alone_on_its_line() {
    let text = "# Summit\n\n## Parsing notes\n**Topic\nFacilitator(s)**: Erica Dubach\n\n- notes\n\n## Storage\n**Topic Facilitator(s)**:\nJonas Brandt, Example Labs\n\n- notes\n";
    let p = parse_ok("x.md", text);
    assert_eq!(speakers(&p), [vec!["Erica Dubach"], vec!["Jonas Brandt"]]);
    assert!(
        p.event.sessions[1]
            .body
            .contains("**Topic Facilitator(s)**:")
    );
}

#[test]
fn a_topic_heading_past_a_link_is_not_the_title() {
    let text = "## 13:00 Opening words\n# Clara Weiss, Example Labs\n   [link](http://x)\n### 14:00 - \n\n## Nina Roth\n[slides](http://x)\n### Parsing notes\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p)[1], "Clara Weiss, Example Labs");
    assert_eq!(titles(&p)[2], "Nina Roth");
}

#[test]
fn a_lower_case_word_under_a_person_heading_is_notes() {
    for text in [
        "13:00 Opening words\n# Ana Lima\na\n13:00 Opening words\n",
        "13:00 Opening words\n# Ana Lima\n   Ana Lima #\n13:00 Opening words\n",
    ] {
        let p = parse_ok("x.md", text);
        assert_eq!(titles(&p)[1], "Ana Lima", "{text}");
    }
}

#[test]
fn a_name_in_bold_under_a_heading_is_its_speaker_line() {
    let text = "# Conf - Day 1\n## Keynote\n### Parsing notes at scale\n**Erica Dubach (Example Labs)**\n\n- notes\n### Storage in the open\n**Nina Roth**\n- more\n## Static sites for all\n\n**Jonas Brandt (Acme), Anna Keller (Acme)**\n- even more\n";
    let p = parse_ok("x.md", text);
    assert_eq!(
        titles(&p),
        [
            "Parsing notes at scale",
            "Storage in the open",
            "Static sites for all"
        ]
    );
    assert_eq!(speakers(&p)[0], ["Erica Dubach"]);
    assert_eq!(speakers(&p)[1], ["Nina Roth"]);
    assert_eq!(speakers(&p)[2], ["Jonas Brandt", "Anna Keller"]);
}

#[test]
fn a_person_heading_then_a_talk_label_names_the_talk() {
    let text = "# Meetup\n\n## Meetup Notes\n* Thirty people came.\n\n## Presenters\n\n### Erica Dubach\n* Talk: Parsing notes at scale\n* Slides: none\n\n### Lightning Talk 2: Jonas Brandt\n* Talk: Storage in the open ?\n\n## Reflections, improvements\n* More chairs.\n";
    let p = parse_ok("x.md", text);
    assert_eq!(
        titles(&p),
        ["Parsing notes at scale", "Storage in the open ?"]
    );
    assert_eq!(speakers(&p), [vec!["Erica Dubach"], vec!["Jonas Brandt"]]);
    // The heading as written is kept, and the sections around the talks are notes.
    assert_eq!(
        p.event.sessions[1].written.as_deref(),
        Some("Lightning Talk 2: Jonas Brandt")
    );
    assert!(
        p.event.preamble.contains("## Meetup Notes")
            || p.event.days[0].intro.contains("## Meetup Notes")
    );
    assert!(
        p.event.sessions[1]
            .body
            .contains("## Reflections, improvements")
    );
}

#[test]
fn a_card_of_labelled_fields_makes_one_session() {
    // Labelled headings, the title in the topic field, the time in its own field.
    let text = "#### Presenter: Erica Dubach\n\n#### Topic: Parsing notes\n\n#### Date & Time: 11/18/2019 2:00PM\n\n#### Notes\n\nWe talked.\n\n## Open questions\n- many\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes"]);
    assert_eq!(speakers(&p), [vec!["Erica Dubach"]]);
    let s = &p.event.sessions[0];
    assert_eq!(s.time.map(|t| t.to_string()).as_deref(), Some("14:00"));
    assert_eq!(s.written.as_deref(), Some("#### Presenter: Erica Dubach"));
    assert!(s.body.contains("#### Topic: Parsing notes") && s.body.contains("## Open questions"));

    // A title heading, then fields as bullets, a value wrapped onto the next line.
    let text = "Storage at scale\n================\n\n-   **Session Topic**: Storage\n-   **Topic Facilitator(s)**: Nina Roth,\n    Example Labs\n-   **Note-taker(s)**: Jonas Brandt\n\n### Session Notes\n\n- fast disks\n\n### Conclusions\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Storage at scale"]);
    assert_eq!(speakers(&p), [vec!["Nina Roth"]]);

    // Several talks each with a speaker line are no card.
    let text = "# Conf\n\nSpeaker: Erica Dubach\nSlides: none\n\n## Parsing notes\nSpeaker: Nina Roth\n\n## Storage\nSpeaker: Jonas Brandt\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes", "Storage"]);

    // The metadata of a blog post (a title and a date) is no card.
    let text = "Title: Our trip\nDate: 2011-05-05\n\n## Parsing notes\nErica Dubach\n\n## Storage\nNina Roth\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p), ["Parsing notes", "Storage"]);
}

#[test]
fn the_sections_of_an_essay_are_no_sessions() {
    let text = "We look back on the conference.\n\n## Why a conference?\nBecause.\n\n## What is a meetup?\nA gathering.\n\n## Thanks.\nTo all.\n\n## The future?\nSoon.\n";
    let p = parse_ok("x.md", text);
    assert!(titles(&p).is_empty(), "{:?}", titles(&p));
    assert!(p.event.preamble.contains("## Thanks."));
    // Questions as talk titles, with their speakers, are talks.
    let text = "# Conf\n\n## Why a conference?\nErica Dubach\n\n## What is a meetup?\nNina Roth\n\n## Is data open?\nJonas Brandt\n";
    let p = parse_ok("x.md", text);
    assert_eq!(titles(&p).len(), 3);
}
