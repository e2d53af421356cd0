//! Rules of the notes format that a writer meets, each pinned by the case that would
//! go wrong (named after it), through the public parser.

use plenary::notes;
use std::path::Path;

fn parse(name: &str, text: &str) -> notes::Parsed {
    notes::parse(Path::new(name), text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn times(parsed: &notes::Parsed) -> Vec<(String, String)> {
    parsed
        .event
        .sessions
        .iter()
        .map(|s| {
            (
                s.time.map_or("--:--".to_string(), |t| t.to_string()),
                s.title.clone(),
            )
        })
        .collect()
}

#[test]
fn twelve_pm_is_noon_and_twelve_am_is_midnight() {
    let parsed = parse(
        "2025-05-07-day.md",
        "11:45am Welcome\n\n12:30pm Lunch\n\n1:15pm Talks\n\n11:50pm Last call\n\n12:10am After party\n",
    );
    assert_eq!(
        times(&parsed),
        [
            ("11:45".to_string(), "Welcome".to_string()),
            ("12:30".to_string(), "Lunch".to_string()),
            ("13:15".to_string(), "Talks".to_string()),
            ("23:50".to_string(), "Last call".to_string()),
            ("00:10".to_string(), "After party".to_string()),
        ]
    );
}

#[test]
fn day_markers_after_new_year_fall_in_the_next_year() {
    let parsed = parse(
        "2025-12-30-congress.md",
        "## Tuesday, 30 December\n\n10:00 Opening\n\n## Friday, 2 January\n\n10:00 Closing\n",
    );
    let dates: Vec<String> = parsed
        .event
        .days
        .iter()
        .map(|d| d.date.map_or("?".into(), |d| d.to_string()))
        .collect();
    assert_eq!(dates, ["2025-12-30", "2026-01-02"]);
}

#[test]
fn a_line_that_only_looks_like_a_session_is_kept_and_named_in_a_warning() {
    let parsed = parse(
        "2025-05-07-day.md",
        "09:00 Opening\n- first\n25:00 Late talk\n1130 Closing remarks\n2025 Annual report\n",
    );
    assert_eq!(parsed.event.sessions.len(), 1);
    let body = &parsed.event.sessions[0].body;
    assert!(
        body.contains("25:00 Late talk") && body.contains("1130 Closing remarks"),
        "{body}"
    );
    let warnings: Vec<String> = parsed.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings[0].starts_with("warning: 2025-05-07-day.md:3: `25:00`"),
        "{warnings:?}"
    );
    assert!(warnings[1].contains(":4: `1130`") && warnings[1].contains("`11:30 Closing remarks`"));
}

#[test]
fn day_headings_with_prose_between_them_are_separate_days() {
    let parsed = parse(
        "2011-05-16-conf.md",
        "---\ntitle: Conf\ndate: 2011-05-18\n---\n\n### Monday May 16\n\nFirst day words.\n\n### Tuesday May 17\n\nSecond day words.\n\n### Wednesday May 18\n\nThird day words.\n",
    );
    let days: Vec<(String, String, String)> = parsed
        .event
        .days
        .iter()
        .map(|d| {
            (
                d.date.map_or("?".into(), |d| d.to_string()),
                d.label.clone().unwrap_or_default(),
                d.intro.trim().to_string(),
            )
        })
        .collect();
    assert_eq!(
        days,
        [
            (
                "2011-05-16".into(),
                "Monday May 16".into(),
                "First day words.".into()
            ),
            (
                "2011-05-17".into(),
                "Tuesday May 17".into(),
                "Second day words.".into()
            ),
            (
                "2011-05-18".into(),
                "Wednesday May 18".into(),
                "Third day words.".into()
            ),
        ]
    );
}
