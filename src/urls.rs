//! Where every page of the site lives: paths relative to the site root, links that
//! include `base_url`'s path, and absolute permalinks.

use crate::config::Config;
use crate::model::{Event, Session};
use crate::slug::slugify;

/// Builds URLs from the configured patterns. A "rel" path has no leading `/` and ends
/// with `/` for pages (`2025/open-data-forum/`), or names a file (`atom.xml`).
#[derive(Debug, Clone)]
pub struct Urls {
    base_url: String,
    base_path: String,
    event: String,
    tag: String,
    speaker: String,
    session_pages: bool,
}

impl Urls {
    pub fn new(config: &Config) -> Urls {
        Urls {
            base_url: config.base_url.clone(),
            base_path: config.base_path().to_string(),
            event: config.urls.event.clone(),
            tag: config.urls.tag.clone(),
            speaker: config.urls.speaker.clone(),
            session_pages: config.session_pages,
        }
    }

    /// A link to a rel path, as used in `href`: `/blog/2025/x/`.
    pub fn link(&self, rel: &str) -> String {
        let mut s = String::with_capacity(self.base_path.len() + rel.len());
        s.push_str(&self.base_path);
        s.push_str(rel);
        s
    }

    /// The absolute URL of a rel path: `https://example.org/blog/2025/x/`.
    pub fn permalink(&self, rel: &str) -> String {
        let mut s = String::with_capacity(self.base_url.len() + rel.len());
        s.push_str(&self.base_url);
        s.push_str(rel);
        s
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The event's page. `None` when the pattern needs a date the event does not have.
    pub fn event(&self, event: &Event) -> Option<String> {
        let mut out = self.event.replace("{slug}", &event.slug);
        if out.contains("{year}") || out.contains("{month}") || out.contains("{day}") {
            let d = event.date?;
            out = out
                .replace("{year}", &format!("{:04}", d.year()))
                .replace("{month}", &format!("{:02}", d.month()))
                .replace("{day}", &format!("{:02}", d.day()));
        }
        Some(out)
    }

    /// A session's own page, below its event's.
    pub fn session_page(&self, event_rel: &str, session: &Session) -> String {
        format!("{event_rel}{}/", session.anchor)
    }

    /// Where a link to a session points: its page, or its anchor on the event page.
    pub fn session(&self, event_rel: &str, session: &Session) -> String {
        if self.session_pages {
            self.session_page(event_rel, session)
        } else {
            format!("{event_rel}#{}", session.anchor)
        }
    }

    pub fn tag(&self, tag: &str) -> String {
        self.tag.replace("{tag}", &tag_slug(tag))
    }

    pub fn speaker(&self, speaker_slug: &str) -> String {
        self.speaker.replace("{speaker}", speaker_slug)
    }

    /// The tags index: the tag pattern's parent.
    pub fn tags_index(&self) -> String {
        parent(&self.tag)
    }

    pub fn speakers_index(&self) -> String {
        parent(&self.speaker)
    }
}

/// A tag's URL segment; never empty.
pub fn tag_slug(tag: &str) -> String {
    let s = slugify(tag);
    if s.is_empty() { "tag".into() } else { s }
}

/// A speaker's URL segment; never empty.
pub fn speaker_slug(name: &str) -> String {
    let s = slugify(name);
    if s.is_empty() { "speaker".into() } else { s }
}

fn parent(pattern: &str) -> String {
    let trimmed = pattern.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => trimmed[..=i].to_string(),
        None => String::new(),
    }
}
