//! JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>): every Atom feed of the
//! site has a `feed.json` beside it with the same entries, for readers that prefer
//! JSON. Written from the feed [`super::atom`] builds, so the two never disagree.

use super::atom::{Feed, NO_TIME};
use crate::views::Viewer;
use crate::views::dates::rfc3339;
use serde_json::{Value, json};

/// The file name of a JSON Feed, beside its `atom.xml`.
pub const FILE: &str = "feed.json";

/// The JSON Feed of `feed`, whose `self_url` is the JSON Feed's own address.
pub(super) fn write(r: &Viewer<'_>, feed: &Feed<'_>) -> String {
    let author = r.config.author.as_deref().unwrap_or(&r.config.title);
    let items: Vec<Value> = feed
        .entries
        .iter()
        .map(|e| {
            let mut item = json!({
                "id": e.id,
                "url": e.link,
                "title": e.title,
                // An item needs content: an entry without notes shows its summary.
                "content_html": if e.content_html.is_empty() { e.summary.as_ref() } else { e.content_html.as_str() },
            });
            // As in Atom: a revised live-blog entry keeps its first publication and is
            // modified at its latest correction.
            match (&e.published, &e.updated) {
                (Some(published), Some(updated)) => {
                    item["date_published"] = json!(rfc3339(published));
                    item["date_modified"] = json!(rfc3339(updated));
                }
                (_, updated) => {
                    item["date_published"] =
                        json!(updated.as_ref().map_or(NO_TIME.to_string(), rfc3339));
                }
            }
            if let Some(name) = e.author {
                item["authors"] = json!([{ "name": name }]);
            }
            if !e.summary.is_empty() {
                item["summary"] = json!(e.summary);
            }
            if !e.categories.is_empty() {
                item["tags"] = json!(e.categories);
            }
            item
        })
        .collect();
    let mut doc = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.page_url,
        "feed_url": feed.self_url,
        "language": r.config.language,
        "authors": [{"name": author}],
        "items": items,
    });
    if let Some(sub) = feed.subtitle.as_deref().filter(|s| !s.is_empty()) {
        doc["description"] = json!(sub);
    }
    if let Some(hub) = &r.config.hub_url {
        doc["hubs"] = json!([{"type": "WebSub", "url": hub}]);
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
