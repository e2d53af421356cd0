//! Which image a page shares (`og:image`): the event's own `image` from its front
//! matter, or a generated social card. The one rule for which pages get a card and
//! where it lives: the pages' metadata and the cards' renderer both ask here.

use super::{EventSummary, SessionView, Viewer};
use crate::config::CardScope;
use serde::Serialize;

/// The width and height of a generated card, in pixels: the size link previews show
/// large (`summary_large_image`).
pub const CARD_SIZE: (u32, u32) = (1200, 630);

/// The file name of a card, in its page's folder.
const CARD_FILE: &str = "card.png";

/// The image a page shares, as `partials/head.html` prints it.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ShareImage {
    /// Absolute URL.
    pub url: String,
    /// Known for a generated card; an image named in front matter has none.
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// Describes the image for readers who cannot see it.
    pub alt: String,
    /// The card's output path when plenary draws it, relative to the output root.
    #[serde(skip)]
    pub card: Option<String>,
}

impl<'a> Viewer<'a> {
    /// The image of event `index`'s page: its front matter `image`, else its card
    /// (unless `cards = false`).
    pub fn event_image(&self, index: usize) -> Option<ShareImage> {
        let event = &self.site.events[index];
        if let Some(image) = event.image.as_deref().filter(|i| !i.trim().is_empty()) {
            return Some(ShareImage {
                url: self.urls.absolute(image.trim()),
                width: None,
                height: None,
                alt: event.title.clone(),
                card: None,
            });
        }
        if self.config.cards == CardScope::None {
            return None;
        }
        let summary = self.summary(index);
        let rel = format!("{}{CARD_FILE}", self.event_rel(event));
        Some(self.card(rel, event_alt(&summary)))
    }

    /// The image of a session's own page (`event_rel`: its event's folder): its own
    /// card with `cards = "all"`, else its event's image.
    pub fn session_image(
        &self,
        index: usize,
        session: &SessionView<'_>,
        event_rel: &str,
    ) -> Option<ShareImage> {
        if self.config.cards != CardScope::All || !self.config.session_pages {
            return self.event_image(index);
        }
        let rel = format!("{event_rel}{}/{CARD_FILE}", session.anchor);
        let event = &self.site.events[index].title;
        Some(self.card(rel, session_alt(session, event)))
    }

    fn card(&self, rel: String, alt: String) -> ShareImage {
        ShareImage {
            url: self.urls.permalink(&rel),
            width: Some(CARD_SIZE.0),
            height: Some(CARD_SIZE.1),
            alt,
            card: Some(rel),
        }
    }
}

/// What an event's card shows, in words: title, dates, place.
fn event_alt(summary: &EventSummary<'_>) -> String {
    let mut parts = vec![summary.title.to_string()];
    parts.extend(
        [summary.date_label.clone()]
            .into_iter()
            .filter(|d| !d.is_empty()),
    );
    parts.extend(summary.location.map(str::to_string));
    parts.join(" · ")
}

/// What a session's card shows, in words: title, speakers, when, and its event.
fn session_alt(session: &SessionView<'_>, event: &str) -> String {
    let mut parts = vec![session.title.to_string()];
    let names: Vec<&str> = session.speakers.iter().map(|s| s.name).collect();
    if !names.is_empty() {
        parts.push(names.join(", "));
    }
    let when: Vec<&str> = [session.short_date.as_deref(), session.time.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !when.is_empty() {
        parts.push(when.join(" "));
    }
    parts.push(event.to_string());
    parts.join(" · ")
}
