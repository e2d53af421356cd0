//! The page weight budget of the default theme, on the example site of this
//! repository: an event page with its CSS and JavaScript at most 100 KB gzipped
//! (photos aside), a session page at most 15 KB, and no request to another host.

mod common;

use scraper::{Html, Selector};
use std::io::Write;
use std::path::Path;

const EVENT_BUDGET: usize = 100 * 1024;
const SESSION_BUDGET: usize = 15 * 1024;

fn gzipped(bytes: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap().len()
}

/// Every URL a page makes the browser fetch on its own: style sheets, scripts,
/// images, sources, frames, icons.
fn fetched(doc: &Html) -> Vec<String> {
    let sel = Selector::parse(
        "link[href], script[src], img, source, iframe[src], video, audio, embed, object",
    )
    .unwrap();
    let mut out = Vec::new();
    for el in doc.select(&sel) {
        let v = el.value();
        if v.name() == "link"
            && !matches!(
                v.attr("rel"),
                Some("stylesheet" | "icon" | "preload" | "modulepreload")
            )
        {
            continue;
        }
        for attr in ["href", "src", "data", "poster"] {
            out.extend(v.attr(attr).map(str::to_string));
        }
        if let Some(srcset) = v.attr("srcset") {
            out.extend(
                srcset
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next())
                    .map(str::to_string),
            );
        }
    }
    out
}

/// The file a same-site URL names in the output.
fn file_of(out: &Path, base: &str, url: &str) -> std::path::PathBuf {
    let rel = url
        .strip_prefix(base)
        .unwrap_or(url)
        .trim_start_matches('/');
    let rel = rel.split(['?', '#']).next().unwrap_or_default();
    out.join(rel)
}

/// Every page of the built site in `out` (published at `base`) over its budget or
/// fetching from another host, as messages; and how many event and session pages were
/// weighed.
fn over_budget(out: &Path, base: &str) -> (Vec<String>, usize, usize) {
    let mut problems = Vec::new();
    let (mut events, mut sessions) = (0, 0);
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.file_name() != Some("index.html".as_ref()) {
            continue;
        }
        let rel = path
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let depth = rel.matches('/').count();
        let dated = rel.chars().next().is_some_and(|c| c.is_ascii_digit());
        if !dated || !(2..=3).contains(&depth) {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        let doc = Html::parse_document(&String::from_utf8_lossy(&bytes));
        let mut total = gzipped(&bytes);
        for url in fetched(&doc) {
            let third_party =
                (url.starts_with("http:") || url.starts_with("https:") || url.starts_with("//"))
                    && !url.starts_with(base);
            if third_party {
                problems.push(format!("{rel} fetches {url} from another host"));
            }
            // Style sheets and scripts count; photos are outside the budget.
            if depth == 2 && (url.ends_with(".css") || url.ends_with(".js")) {
                let file = file_of(out, base, &url);
                match std::fs::read(&file) {
                    Ok(b) => total += gzipped(&b),
                    Err(e) => problems.push(format!("{rel}: {url}: {e}")),
                }
            }
        }
        if depth == 2 {
            events += 1;
            if total > EVENT_BUDGET {
                problems.push(format!(
                    "{rel}: {total} bytes gzipped with its CSS and JS, over {EVENT_BUDGET}"
                ));
            }
        } else {
            sessions += 1;
            if total > SESSION_BUDGET {
                problems.push(format!(
                    "{rel}: {total} bytes gzipped, over {SESSION_BUDGET}"
                ));
            }
        }
    }
    (problems, events, sessions)
}

fn build(root: &Path, base: &str) {
    plenary::build::build(&plenary::build::BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: Some(base.to_string()),
        drafts: false,
        force: false,
    })
    .unwrap();
}

#[test]
fn event_and_session_pages_stay_within_the_weight_budget_with_no_third_party_request() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(&repo.join("content"), &root.join("content"));
    std::fs::copy(repo.join("site.toml"), root.join("site.toml")).unwrap();
    let base = "https://example.org/";
    build(&root, base);
    let (problems, events, sessions) = over_budget(&root.join("public"), base);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        events > 0 && sessions > 0,
        "found {events} event and {sessions} session pages"
    );
}

/// The check above can fail: a session of incompressible notes over 15 KB, and an
/// image from another host, are both caught.
#[test]
fn the_budget_check_catches_a_heavy_session_page_and_a_third_party_image() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("site.toml"), "title = \"Heavy\"\n").unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    // Words no compressor can shrink much: 40 KB of them from a simple generator.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let words: Vec<String> = (0..6000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("{:x}", x % 0xff_ffff)
        })
        .collect();
    std::fs::write(
        root.join("content/2025-05-07-heavy.md"),
        format!(
            "+++\ntitle = \"Heavy\"\ndate = 2025-05-07\n+++\n09:00 Light talk\n\nShort.\n\n10:00 Heavy talk\n\n{}\n\n![A tracker](https://tracker.example/pixel.png)\n",
            words.join(" ")
        ),
    )
    .unwrap();
    let base = "https://example.org/";
    build(root, base);
    let (problems, _, sessions) = over_budget(&root.join("public"), base);
    assert_eq!(sessions, 2);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("heavy-talk") && p.contains("over 15360")),
        "{problems:#?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("fetches https://tracker.example/pixel.png")),
        "{problems:#?}"
    );
    assert!(
        !problems.iter().any(|p| p.contains("light-talk")),
        "{problems:#?}"
    );
}
