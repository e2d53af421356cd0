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

#[test]
fn event_and_session_pages_stay_within_the_weight_budget_with_no_third_party_request() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_dir(&repo.join("content"), &root.join("content"));
    std::fs::copy(repo.join("site.toml"), root.join("site.toml")).unwrap();
    let base = "https://example.org/";
    plenary::build::build(&plenary::build::BuildOptions {
        root: root.clone(),
        output: root.join("public"),
        base_url: Some(base.to_string()),
        drafts: false,
        force: false,
    })
    .unwrap();
    let out = root.join("public");
    let (mut events, mut sessions) = (0, 0);
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.file_name() != Some("index.html".as_ref()) {
            continue;
        }
        let rel = path
            .strip_prefix(&out)
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
            assert!(!third_party, "{rel} fetches {url} from another host");
            // Style sheets and scripts count; photos are outside the budget.
            if depth == 2 && (url.ends_with(".css") || url.ends_with(".js")) {
                let file = file_of(&out, base, &url);
                total +=
                    gzipped(&std::fs::read(&file).unwrap_or_else(|e| panic!("{rel}: {url}: {e}")));
            }
        }
        if depth == 2 {
            events += 1;
            assert!(
                total <= EVENT_BUDGET,
                "{rel}: {total} bytes gzipped with its CSS and JS, over {EVENT_BUDGET}"
            );
        } else {
            sessions += 1;
            assert!(
                total <= SESSION_BUDGET,
                "{rel}: {total} bytes gzipped, over {SESSION_BUDGET}"
            );
        }
    }
    assert!(
        events > 0 && sessions > 0,
        "found {events} event and {sessions} session pages"
    );
}
