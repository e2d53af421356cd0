//! Fuzz target: any bytes as a published schedule (pretalx/frab JSON, frab/pentabarf
//! XML, iCalendar), through the importers and the notes file `plenary new --schedule`
//! writes from it, which must parse back. The only failure is a panic (or a hang).
#![no_main]

use libfuzzer_sys::fuzz_target;
use plenary::notes;
use plenary::schedule::{self, notes::FrontMatter};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The file name picks the importer when the content does not: vary it.
    let name = match data.first().map(|b| b % 4) {
        Some(0) => "schedule.json",
        Some(1) => "schedule.xml",
        Some(2) => "talks.ics",
        _ => "schedule",
    };
    let zone = data.get(1).and_then(|b| (b % 2 == 0).then_some("America/New_York"));
    let Ok(parsed) = schedule::parse(Path::new(name), &text, zone, None) else {
        return;
    };
    let fm = FrontMatter {
        title: parsed.title.clone().unwrap_or_else(|| "Fuzzed".into()),
        date: parsed.first_day,
        end_date: parsed.last_day,
        timezone: parsed.timezone.clone(),
        ..FrontMatter::default()
    };
    let written = schedule::notes::write(&fm, &parsed.talks);
    let _ = notes::parse(Path::new("2025-05-07-fuzzed.md"), &written);
});
