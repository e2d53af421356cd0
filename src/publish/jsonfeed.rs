//! JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>): every Atom feed of the
//! site has a `feed.json` beside it with the same entries, for readers that prefer
//! JSON. Written from the feed [`super::atom`] builds, so the two never disagree.

use super::atom::{Feed, NO_TIME};
use crate::views::Viewer;
use crate::views::dates::rfc3339;
use serde::Serialize;

/// The file name of a JSON Feed, beside its `atom.xml`.
pub const FILE: &str = "feed.json";

// The document, typed: each struct's fields are in the order of their keys' bytes,
// the order the file has always had (that of a `serde_json::Map`), serialised
// straight, with no tree of values built first.

#[derive(Serialize)]
struct Doc<'a> {
    authors: [Name<'a>; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    feed_url: &'a str,
    home_page_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    hubs: Option<[Hub<'a>; 1]>,
    items: Vec<Item<'a>>,
    language: &'a str,
    title: &'a str,
    version: &'static str,
}

#[derive(Serialize)]
struct Name<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Hub<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    authors: Option<[Name<'a>; 1]>,
    content_html: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    date_published: String,
    id: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [&'a str],
    title: &'a str,
    url: &'a str,
}

/// The JSON Feed of `feed`, whose `self_url` is the JSON Feed's own address.
pub(super) fn write(r: &Viewer<'_>, feed: &Feed<'_>) -> String {
    let author = r.config.author.as_deref().unwrap_or(&r.config.title);
    let items = feed
        .entries
        .iter()
        .map(|e| {
            // As in Atom: a revised live-blog entry keeps its first publication and is
            // modified at its latest correction.
            let (date_published, date_modified) = match (&e.published, &e.updated) {
                (Some(published), Some(updated)) => (rfc3339(published), Some(rfc3339(updated))),
                (_, updated) => (updated.as_ref().map_or(NO_TIME.to_string(), rfc3339), None),
            };
            Item {
                authors: e.author.map(|name| [Name { name }]),
                // An item needs content: an entry without notes shows its summary.
                content_html: if e.content_html.is_empty() {
                    e.summary.as_ref()
                } else {
                    e.content_html.as_str()
                },
                date_modified,
                date_published,
                id: &e.id,
                summary: &e.summary,
                tags: &e.categories,
                title: &e.title,
                url: &e.link,
            }
        })
        .collect();
    let doc = Doc {
        authors: [Name { name: author }],
        description: feed.subtitle.as_deref().filter(|s| !s.is_empty()),
        feed_url: &feed.self_url,
        home_page_url: &feed.page_url,
        hubs: r.config.hub_url.as_deref().map(|url| {
            [Hub {
                kind: "WebSub",
                url,
            }]
        }),
        items,
        language: &r.config.language,
        title: &feed.title,
        version: "https://jsonfeed.org/version/1.1",
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}
