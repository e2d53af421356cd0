//! The link checker: every internal link of a built site, in pages, feeds, the sitemap,
//! robots.txt and the search index, resolves to a file of the output.

use super::{Built, FIXTURE, build_site, select};
use scraper::Html;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Every internal link of a built site resolves to a file (and its `#fragment` to an id).
fn check_links(site: &Built, base_url: &str) -> usize {
    let base_path = &base_url[base_url[8..].find('/').unwrap() + 8..];
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut links: Vec<(String, String)> = Vec::new();
    for entry in walkdir::WalkDir::new(&site.out) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&site.out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".html") {
            let doc = Html::parse_document(&fs::read_to_string(entry.path()).unwrap());
            let page_ids = select(&doc, "[id]")
                .iter()
                .filter_map(|e| e.attr("id").map(str::to_string))
                .collect();
            ids.insert(rel.clone(), page_ids);
            for el in select(&doc, "[href], [src], meta[property=\"og:url\"]") {
                let value = el
                    .attr("href")
                    .or(el.attr("src"))
                    .or(el.attr("content"))
                    .unwrap();
                // Absolute links in notes may point anywhere on the host; the site's own
                // absolute URLs are in <link> and <meta>.
                let is_ours = !value.contains("://") || el.value().name() != "a";
                if is_ours {
                    links.push((rel.clone(), value.to_string()));
                }
            }
        } else if rel.ends_with(".xml") {
            let xml = fs::read_to_string(entry.path()).unwrap();
            let doc = roxmltree::Document::parse(&xml).unwrap();
            for n in doc.descendants() {
                if n.has_tag_name("loc")
                    || n.has_tag_name("id") && n.text().is_some_and(|t| t.starts_with("http"))
                {
                    links.push((rel.clone(), n.text().unwrap().to_string()));
                }
                if n.has_tag_name("link") {
                    links.push((rel.clone(), n.attribute("href").unwrap().to_string()));
                }
            }
        } else if rel == "search/meta.json" {
            links.extend(
                crate::common::search_records(&site.out)
                    .iter()
                    .map(|r| (rel.clone(), r["url"].as_str().unwrap().to_string())),
            );
        } else if rel == "robots.txt" {
            let text = fs::read_to_string(entry.path()).unwrap();
            links.extend(
                text.lines()
                    .filter_map(|l| l.strip_prefix("Sitemap: "))
                    .map(|u| (rel.clone(), u.to_string())),
            );
        }
    }
    for (from, link) in links {
        let (path, fragment) = match link.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (link.as_str(), None),
        };
        let target = if path.is_empty() {
            from.clone()
        } else if let Some(rest) = path.strip_prefix(base_url) {
            rest.to_string()
        } else if path.starts_with("http") || path.starts_with("mailto:") {
            continue;
        } else if let Some(rest) = path.strip_prefix(base_path) {
            rest.to_string()
        } else {
            problems.push(format!("{from}: {link} is outside {base_path}"));
            continue;
        };
        let file = if target.is_empty() || target.ends_with('/') {
            format!("{target}index.html")
        } else {
            target
        };
        checked += 1;
        if !site.out.join(&file).is_file() {
            problems.push(format!("{from}: {link} -> {file} does not exist"));
        } else if let Some(f) = fragment
            && !ids.get(&file).is_some_and(|ids| ids.contains(f))
        {
            problems.push(format!("{from}: {link}: no id {f:?} in {file}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
    checked
}

#[test]
fn every_internal_link_resolves_under_a_sub_path_and_at_the_root() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR"));
    for base in ["https://example.org/blog/", "https://example.org/"] {
        let site = build_site(example, base);
        let checked = check_links(&site, base);
        assert!(checked > 500, "only {checked} links checked for {base}");
        let fixture = build_site(Path::new(FIXTURE), base);
        check_links(&fixture, base);
    }
}
