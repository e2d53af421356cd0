//! Site search without a server: `search-index.json` (events, sessions, speakers, tags)
//! for the `/search/` page (rendered with the HTML) whose small script queries it in
//! the browser.

use crate::error::Result;
use crate::page::Page;
use crate::views::{Viewer, excerpt};
use serde::Serialize;

/// One thing to find. `url` is a site link (with the base path), sessions pointing at
/// their anchor on the event page.
#[derive(Serialize, Debug, PartialEq)]
pub struct Item {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
}

/// Everything searchable, events first (newest first), then tags and speakers.
pub fn items(r: &Viewer<'_>) -> Vec<Item> {
    let viewer = r;
    let mut items = Vec::new();
    for (ei, event) in r.site.events.iter().enumerate() {
        let rel = viewer.event_rel(event);
        let summary = viewer.summary(ei);
        let text = event.summary.clone().unwrap_or_else(|| {
            let mut parts = vec![summary.date_label.clone()];
            parts.extend(event.location.clone());
            parts.retain(|p| !p.is_empty());
            parts.join(", ")
        });
        items.push(Item {
            kind: "event",
            title: event.title.clone(),
            url: summary.url.clone(),
            date: summary.date.clone(),
            time: None,
            event: None,
            speakers: Vec::new(),
            text,
        });
        for s in &event.sessions {
            items.push(Item {
                kind: "session",
                title: s.label().into_owned(),
                url: r.urls.link(&format!("{rel}#{}", s.anchor)),
                date: event.session_date(s).map(|d| d.to_string()),
                time: s.time.map(|t| t.to_string()),
                event: Some(event.title.clone()),
                speakers: s.speakers.iter().map(|p| p.name.clone()).collect(),
                text: excerpt(&s.body),
            });
        }
    }
    for tag in r.site.tags.values() {
        let count = tag.events.len() + tag.sessions.len();
        items.push(Item {
            kind: "tag",
            title: format!("#{}", tag.name),
            url: r.urls.link(&r.urls.tag(&tag.name)),
            date: None,
            time: None,
            event: None,
            speakers: Vec::new(),
            text: format!(
                "{count} event{} and session{}",
                plural(count),
                plural(count)
            ),
        });
    }
    for (slug, speaker) in &r.site.speakers {
        let n = speaker.sessions.len();
        let mut text = speaker.affiliations.join("; ");
        if !text.is_empty() {
            text.push_str(" · ");
        }
        text.push_str(&format!("{n} session{}", plural(n)));
        items.push(Item {
            kind: "speaker",
            title: speaker.name.clone(),
            url: r.urls.link(&r.urls.speaker(slug)),
            date: None,
            time: None,
            event: None,
            speakers: Vec::new(),
            text,
        });
    }
    items
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `search-index.json`.
pub fn index(r: &Viewer<'_>) -> Result<Page> {
    let json = serde_json::to_vec(&items(r))
        .map_err(|e| crate::error::Error::msg(format!("search index: {e}")))?;
    Ok(Page {
        path: crate::urls::SEARCH_INDEX.into(),
        bytes: json,
    })
}
