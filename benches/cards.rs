//! Social card benchmark: the theme's `card.svg` rendered by Tera and drawn to PNG for
//! a run of different session titles, in one thread, as a build draws each card;
//! prints the milliseconds per card of each step and the PNG sizes.
//!
//!     cargo bench --bench cards             # 200 cards
//!     cargo bench --bench cards -- 1000

use std::time::{Duration, Instant};

const TITLES: &[&str] = &[
    "Opening",
    "The impact of open models on public administration",
    "Panel: Who owns the commons?",
    "Sovereign cloud for research data, a field report from three universities",
    "Lightning talks",
    "Keynote: Öffentliche Daten für alle",
];
const NAMES: &[&str] = &[
    "Ada Lovelace",
    "Grace Hopper, Navy",
    "Alan Turing and Joan Clarke",
    "Zoë Müller-Łukasiewicz, Université de Genève",
];

fn main() {
    let count: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200);
    let dir = std::env::temp_dir().join(format!("plenary-cards-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let tera = plenary::render::templates::load(&dir).expect("the theme's templates");
    let cards = plenary::cards::Cards::new(None);
    let (mut render, mut draw) = (Duration::ZERO, Duration::ZERO);
    let mut bytes = Vec::with_capacity(count);
    for i in 0..count {
        let title = format!("{} {}", TITLES[i % TITLES.len()], i);
        let names: Vec<serde_json::Value> = NAMES[i % NAMES.len()]
            .split(" and ")
            .map(|n| {
                let (name, affiliation) = match n.split_once(", ") {
                    Some((n, a)) => (n, Some(a)),
                    None => (n, None),
                };
                serde_json::json!({"name": name, "affiliation": affiliation})
            })
            .collect();
        let ctx = tera::Context::from_value(serde_json::json!({
            "site": {"title": "Hallway Track"},
            "event": {"title": "Open Source AI Conference", "date_label": "7 May 2025",
                      "location": "Bern", "session_count": 24},
            "session": {"title": title, "kind": if i % 5 == 0 { "keynote" } else { "talk" },
                        "speakers": names, "speaker_line": NAMES[i % NAMES.len()],
                        "short_date": "Wed 7 May", "date": "2025-05-07", "time": "14:40",
                        "end_time": "15:10", "zone": "CEST"},
            "card": {"width": 1200, "height": 630},
        }))
        .expect("a context");
        let t = Instant::now();
        let svg = tera
            .render("card.svg", &ctx)
            .expect("the card template renders");
        render += t.elapsed();
        let t = Instant::now();
        let png = cards
            .png(&format!("{i}/card.png"), &svg)
            .expect("the card draws");
        draw += t.elapsed();
        bytes.push(png.len());
    }
    std::fs::remove_dir_all(&dir).ok();
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / count as f64;
    bytes.sort_unstable();
    println!(
        "{count} cards, one thread: template {:.3} ms/card, draw + PNG {:.2} ms/card; PNG {} to {} bytes, median {}",
        per(render),
        per(draw),
        bytes[0],
        bytes[bytes.len() - 1],
        bytes[bytes.len() / 2]
    );
}
