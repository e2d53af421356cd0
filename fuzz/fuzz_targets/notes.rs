//! Fuzz target: any bytes as a notes file, through front matter splitting, the notes
//! parser and the Markdown renderer. The only failure is a panic (or a hang).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plenary::markdown::{self, Render};
use plenary::notes;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    // The loader's own decoding (UTF-8, UTF-16, Windows-1252), fuzzed with the parser;
    // what it refuses never reaches the parser.
    let Ok(decoded) = plenary::encoding::decode(Path::new("fuzz.md"), data.to_vec()) else {
        return;
    };
    let text = decoded.text;
    // The file name feeds the date, slug and title fallbacks: vary it with the input.
    let name = match data.first().map(|b| b % 3) {
        Some(0) => "2025-05-07-fuzz-day.md",
        Some(1) => "notes.txt",
        _ => "2025-02-30-.md",
    };
    let path = Path::new(name);
    let _ = notes::front_matter::split(path, &text);
    let Ok(parsed) = notes::parse(path, &text) else {
        return;
    };
    let tag_url = |t: &str| format!("/tags/{t}/");
    for allow_html in [true, false] {
        let opts = Render {
            tag_url: &tag_url,
            id_prefix: "s-",
            allow_html,
            min_heading: 3,
            image: None,
        };
        let event = &parsed.event;
        let _ = markdown::render(&event.preamble, &opts);
        for day in &event.days {
            let _ = markdown::render(&day.intro, &opts);
        }
        for session in &event.sessions {
            let _ = markdown::render(&session.body, &opts);
        }
    }
});
