//! A measure on notes written for the purpose, one per way of writing: every session a
//! reader sees must be found (recall), nothing else (precision), and every speaker
//! standing on a title line, speaker line or heading (speaker recall). The figures are
//! printed (`cargo test --lib forms -- --nocapture`) and held at 1.0: a form that
//! regresses fails here first.

use super::parse;
use std::path::Path;

/// (notes, expected sessions as `title | speaker; speaker`).
const FORMS: &[(&str, &[&str])] = &[
    (
        "# DevDay\n\n09:00 Doors\n09:30 Opening - Erica Dubach\n- why we are here\n10:15 Storage at scale - Aarno Aukia\n- numbers\n12:00 Lunch\n1:30 Rust in production - Jonas Brandt\n",
        &[
            "Doors |",
            "Opening | Erica Dubach",
            "Storage at scale | Aarno Aukia",
            "Lunch |",
            "Rust in production | Jonas Brandt",
        ],
    ),
    (
        "## Notizen vom Open Data Tag\n\n### Tag 1\n\n#### Eröffnung\nMarkus Keller, Stadt Bern\n\n- Begrüßung\n\n#### Offene Haushalte\nReferentin: Clara Weiss\n\n### 2. Tag\n\n#### Workshop Datenqualität\nLukas Frei und Nina Roth\n",
        &[
            "Eröffnung | Markus Keller",
            "Offene Haushalte | Clara Weiss",
            "Workshop Datenqualität | Lukas Frei; Nina Roth",
        ],
    ),
    (
        "Journée du logiciel libre\n=========================\n\n1er jour\n--------\n\n**Ouverture**\n\nIntervenant : Jean Dupont\n\n**Les communs numériques**\n\nIntervenante : Claire Martin\n",
        &[
            "Ouverture | Jean Dupont",
            "Les communs numériques | Claire Martin",
        ],
    ),
    (
        "# Keynote live blog\n\nFollowing the opening keynote.\n\n**[9:02]**\nThe hall is full.\n\n**[9:10]**\nFirst demo.\n\n**[9:31]**\nQuestions.\n",
        &["09:02 |", "09:10 |", "09:31 |"],
    ),
    (
        "# Meetup notes\n\n## Nina Roth\n### Testing without mocks\n- fakes over mocks\n\n## Thomas Huber\n### Shipping on Fridays\n- it is fine\n\n## Links\n- https://example.org\n",
        &[
            "Testing without mocks | Nina Roth",
            "Shipping on Fridays | Thomas Huber",
        ],
    ),
    (
        "#+TITLE: Retreat notes\n* Planning the year\n  Speaker: Ana Lima\n** Budget\n* Hack afternoon\n",
        &["Planning the year | Ana Lima", "Hack afternoon |"],
    ),
    (
        "Talks I saw:\n\n- **Parsing notes** - Erica Dubach\n  - grammar by convention\n- **Static sites** - Jonas Brandt\n  - fast\n",
        &[
            "Parsing notes | Erica Dubach",
            "Static sites | Jonas Brandt",
        ],
    ),
    (
        "# Summit\n\n## 1. Welcome\n\n## 2. [Open models](https://example.org/talk) by Lea Keller\n- notes\n\n## 3. Panel: the next decade\nModerator: Thomas Huber\n\n## TODO\n- slides\n",
        &[
            "Welcome |",
            "Open models | Lea Keller",
            "Panel: the next decade | Thomas Huber",
        ],
    ),
    (
        "# Parsing notes at scale\n\nAt the local meetup.\n\n## Introduction\n- why\n\n## Demo\n- live\n\n## Q&A\n- questions\n",
        &["Parsing notes at scale |"],
    ),
    (
        "Notes from PyDay\n================\n\nParsing notes\n-------------\n\nErica Dubach\n\nThe talk.\n\nStatic sites\n------------\n\nAarno Aukia, Example Labs\n",
        &["Parsing notes | Erica Dubach", "Static sites | Aarno Aukia"],
    ),
    (
        "## Thursday, 8 May 2025\n\n### Opening (Erica Dubach)\n\n### Data spaces - Aarno Aukia\n\n## Día 2\n\n### Cierre - Jonas Brandt\n",
        &[
            "Opening | Erica Dubach",
            "Data spaces | Aarno Aukia",
            "Cierre | Jonas Brandt",
        ],
    ),
    (
        "16:05 Panel Discussion\nOpen budgets and trust Maria Koch, Office for Digital Services at the Chancellery Lukas Frei, Head of the City Archive, Research Unit\n",
        &["Panel Discussion | Maria Koch; Lukas Frei"],
    ),
    // Person headings, one a rank deeper than the others: a talk of its own.
    (
        "# Erica Dubach - Chief Architect - Example Cloud

* intro

## Aarno Aukia - Founder - Other Cloud

* numbers

### Takeaways

* one

# Jonas Brandt - CTO - Example Mesh

* mesh
",
        &[
            "Chief Architect - Example Cloud | Erica Dubach",
            "Founder - Other Cloud | Aarno Aukia",
            "CTO - Example Mesh | Jonas Brandt",
        ],
    ),
];

fn read(text: &str) -> Vec<(String, Vec<String>)> {
    let parsed = parse(Path::new("form.md"), text).expect("parses");
    parsed
        .event
        .sessions
        .iter()
        .map(|s| {
            let title = if s.title.is_empty() {
                s.label().into_owned()
            } else {
                s.title.clone()
            };
            (title, s.speakers.iter().map(|p| p.name.clone()).collect())
        })
        .collect()
}

#[test]
fn forms_read_as_a_reader_reads_them() {
    let (mut expected, mut found, mut matched) = (0usize, 0usize, 0usize);
    let (mut speakers, mut speakers_found) = (0usize, 0usize);
    let mut misses = Vec::new();
    for (text, want) in FORMS {
        let got = read(text);
        expected += want.len();
        found += got.len();
        for w in *want {
            let (title, who) = w.split_once(" |").unwrap_or((w, ""));
            let who: Vec<&str> = who
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            speakers += who.len();
            match got.iter().find(|(t, _)| t == title) {
                Some((_, names)) => {
                    matched += 1;
                    let hit = who.iter().filter(|n| names.iter().any(|m| m == *n)).count();
                    speakers_found += hit;
                    if hit < who.len() {
                        misses.push(format!("{title}: speakers {names:?}, want {who:?}"));
                    }
                }
                None => misses.push(format!("missed {title:?} in {got:?}")),
            }
        }
    }
    let recall = matched as f64 / expected as f64;
    let precision = matched as f64 / found.max(1) as f64;
    let speaker_recall = speakers_found as f64 / speakers.max(1) as f64;
    println!(
        "forms: session recall {recall:.2}, precision {precision:.2}, speaker recall {speaker_recall:.2} ({} forms, {expected} sessions, {speakers} speakers)",
        FORMS.len()
    );
    assert!(misses.is_empty(), "{misses:#?}");
    assert_eq!(found, expected, "extra sessions");
}
