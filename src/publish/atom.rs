//! Atom 1.0 feeds: the site's (newest events), one per event (an entry per session, so
//! a reader sees each session as it is written) and one per tag. Each feed is written
//! twice from the same entries: as Atom here, and as JSON Feed 1.1 beside it
//! ([`super::jsonfeed`]).

use super::xml::Xml;
use crate::escape::html_into;
use crate::markdown;
use crate::media;
use crate::model::{Event, EventTimes};
use crate::page::Page;
use crate::urls::BaseUrl;
use crate::views::dates::rfc3339;
use crate::views::{EventView, SessionView, Viewer, date_range};
use jiff::ZonedDateTime;
use std::borrow::Cow;

/// How many events the site feed carries.
pub const SITE_FEED_EVENTS: usize = 20;
/// How many entries a tag feed carries.
pub const TAG_FEED_ENTRIES: usize = 50;

/// One entry, ready to write; it borrows what the views and the model already hold.
pub(super) struct Entry<'a> {
    pub id: String,
    pub title: Cow<'a, str>,
    pub link: Cow<'a, str>,
    pub updated: Option<ZonedDateTime>,
    pub summary: Cow<'a, str>,
    pub content_html: String,
    pub categories: Vec<&'a str>,
    /// Who wrote a live-blog entry (`@mk`), when it says.
    pub author: Option<&'a str>,
    /// When the entry was first published, given when it was revised since.
    pub published: Option<ZonedDateTime>,
}

/// One feed, ready to write.
pub(super) struct Feed<'a> {
    /// Its own absolute URL, which is also its id.
    pub self_url: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// The HTML page the feed follows.
    pub page_url: String,
    pub entries: Vec<Entry<'a>>,
}

/// The Atom file at `{rel}atom.xml` and the JSON Feed at `{rel}feed.json`, of one feed.
fn pages(r: &Viewer<'_>, rel: &str, mut feed: Feed<'_>) -> [Page; 2] {
    let atom = write(r, &feed).into_bytes();
    let json_path = format!("{rel}{}", super::jsonfeed::FILE);
    // The JSON Feed's own address is its `feed_url`; the entries are the same.
    feed.self_url = r.urls.permalink(&json_path);
    let json = super::jsonfeed::write(r, &feed).into_bytes();
    [
        Page {
            path: format!("{rel}atom.xml"),
            bytes: atom,
        },
        Page {
            path: json_path,
            bytes: json,
        },
    ]
}

/// A stable id (RFC 4151 `tag:` URI) for an event, or for one of its sessions by
/// anchor. It depends only on the site's address, the event's slug and date and the
/// session's anchor, so adding sessions or changing URL patterns never changes it.
/// Its authority is `base_url`'s host without a port.
pub fn tag_uri(base: &BaseUrl, event: &Event, anchor: Option<&str>) -> String {
    let date = event
        .date
        .map_or_else(|| "2000".to_string(), |d| d.to_string());
    let mut id = format!("tag:{},{date}:{}{}", base.host, base.path, event.slug);
    if let Some(anchor) = anchor {
        id.push('/');
        id.push_str(anchor);
    }
    id
}

fn session_entry<'a>(r: &Viewer<'_>, ei: usize, view: &'a SessionView<'_>) -> Entry<'a> {
    let event = &r.site.events[ei];
    let mut html = String::with_capacity(view.body_html.len() + 64);
    if let Some(line) = &view.speaker_line_html {
        html.push_str("<p class=\"speakers\">");
        html.push_str(line);
        html.push_str("</p>\n");
    }
    html.push_str(&media::html::for_feed(&view.body_html, &|l| absolute(r, l)));
    // An update's label is its time already: it is not said twice.
    let mut title = match &view.time {
        Some(t) if *t != view.title => Cow::Owned(format!("{t} {}", view.title)),
        _ => Cow::Borrowed(view.title.as_ref()),
    };
    if view.live.cancelled {
        title = Cow::Owned(format!("Cancelled: {title}"));
    }
    if let Some(from) = &view.live.moved_from {
        title = Cow::Owned(format!("{title} (moved from {from})"));
    }
    let times = &r.site.times[ei];
    let modified = times.modified(event, view.index);
    Entry {
        id: tag_uri(r.urls.base(), event, Some(view.anchor)),
        title,
        link: Cow::Borrowed(&view.permalink),
        published: modified.as_ref().and(times.start(view.index).cloned()),
        updated: session_updated(event, times, view.index),
        summary: Cow::Borrowed(&view.excerpt),
        content_html: html,
        categories: view.tags.iter().map(|t| t.name.as_str()).collect(),
        author: view.live.author.as_deref(),
    }
}

/// An event as one entry: its summary, introduction and list of sessions. The notes of
/// the sessions stay out, so the site and tag feeds stay small and quick to write.
fn event_entry<'a>(r: &Viewer<'a>, ei: usize) -> Entry<'a> {
    let event = &r.site.events[ei];
    let viewer = r;
    let rel = viewer.event_rel(event);
    let mut html = String::new();
    if let Some(summary) = &event.summary {
        html.push_str("<p>");
        html_into(&mut html, summary);
        html.push_str("</p>\n");
    }
    let tag_url = |t: &str| r.urls.link(&r.urls.tag(t));
    let link = |rel: &str| r.urls.link(rel);
    let image = |src: &str, alt: &str| {
        let photo = r.site.media.photo(&event.source, src)?;
        Some(media::html::picture(photo, alt, &link, false))
    };
    let intro = markdown::render(
        &event.preamble,
        &markdown::Render {
            tag_url: &tag_url,
            id_prefix: "intro-",
            allow_html: r.config.allow_html,
            min_heading: 2,
            image: Some(&image),
        },
    );
    html.push_str(&media::html::for_feed(&intro, &|l| absolute(r, l)));
    if !event.sessions.is_empty() {
        html.push_str("<ul>\n");
        for s in &event.sessions {
            html.push_str("<li>");
            if let Some(t) = s.time {
                html.push_str(&t.to_string());
                html.push(' ');
            }
            html.push_str("<a href=\"");
            html_into(&mut html, &r.urls.permalink(&r.urls.session(&rel, s)));
            html.push_str("\">");
            html_into(&mut html, &s.label());
            html.push_str("</a></li>\n");
        }
        html.push_str("</ul>\n");
    }
    let date_label = date_range(event.date, event.last_date());
    let where_when = [Some(date_label.as_str()), event.location.as_deref()]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Entry {
        id: tag_uri(r.urls.base(), event, None),
        title: Cow::Borrowed(&event.title),
        link: Cow::Owned(r.urls.permalink(&rel)),
        updated: event_updated(event, &r.site.times[ei]),
        summary: event
            .summary
            .as_deref()
            .map_or(Cow::Owned(where_when), Cow::Borrowed),
        content_html: html,
        categories: event.tags.iter().map(String::as_str).collect(),
        author: None,
        published: None,
    }
}

/// The absolute URL of a link the site made (`/blog/media/...`), for feeds, whose
/// readers have no page to resolve a relative one against.
fn absolute(r: &Viewer<'_>, link: &str) -> String {
    match link.strip_prefix(r.urls.base_path()) {
        Some(rel) => r.urls.permalink(rel),
        None => link.to_string(),
    }
}

/// Newest first; entries without a time last, each group in a stable order.
fn sort_newest_first(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        let key = |e: &Entry| e.updated.as_ref().map(|z| z.timestamp());
        key(b).cmp(&key(a))
    });
}

/// The feeds of one event (Atom, JSON Feed): an entry per session. `view` is the
/// event's page view, whose days list the sessions in document order.
pub fn event_feed(r: &Viewer<'_>, index: usize, view: &EventView<'_>) -> [Page; 2] {
    let event = &r.site.events[index];
    let rel = r.event_rel(event);
    let mut entries: Vec<Entry> = view
        .sessions_by_index(event.sessions.len())
        .into_iter()
        .flatten()
        .map(|view| session_entry(r, index, view))
        .collect();
    // Later sessions first even when their times tie or are missing.
    entries.reverse();
    sort_newest_first(&mut entries);
    let feed = Feed {
        self_url: r.urls.permalink(&format!("{rel}atom.xml")),
        title: format!("{} · {}", event.title, r.config.title),
        subtitle: event.summary.clone(),
        page_url: r.urls.permalink(&rel),
        entries,
    };
    pages(r, &rel, feed)
}

/// The site's feeds (Atom, JSON Feed): its newest events, one entry each.
pub fn site_feed(r: &Viewer<'_>) -> [Page; 2] {
    let mut entries: Vec<Entry> = r
        .site
        .events
        .iter()
        .take(SITE_FEED_EVENTS)
        .enumerate()
        .map(|(ei, _)| event_entry(r, ei))
        .collect();
    sort_newest_first(&mut entries);
    let feed = Feed {
        self_url: r.urls.permalink("atom.xml"),
        title: r.config.title.clone(),
        subtitle: r.config.description.clone(),
        page_url: r.urls.base().url.clone(),
        entries,
    };
    pages(r, "", feed)
}

/// The feeds of one tag (Atom, JSON Feed), by slug: its events and its sessions,
/// newest first.
pub fn tag_feed(r: &Viewer<'_>, slug: &str) -> Option<[Page; 2]> {
    let tag = r.site.tags.get(slug)?;
    // Choose the newest first, then write only those: a popular tag spans many events.
    let mut chosen: Vec<(Option<jiff::Timestamp>, usize, Option<usize>)> = Vec::new();
    for &ei in &tag.events {
        let event = &r.site.events[ei];
        let at = event_updated(event, &r.site.times[ei]).map(|z| z.timestamp());
        chosen.push((at, ei, None));
    }
    for &(ei, si) in &tag.sessions {
        let event = &r.site.events[ei];
        let at = session_updated(event, &r.site.times[ei], si).map(|z| z.timestamp());
        chosen.push((at, ei, Some(si)));
    }
    chosen.sort_by_key(|c| std::cmp::Reverse(c.0));
    chosen.truncate(TAG_FEED_ENTRIES);
    let viewer = r;
    // The session entries borrow from their views, made first.
    let views: Vec<Option<SessionView<'_>>> = chosen
        .iter()
        .map(|&(_, ei, si)| {
            let rel = viewer.event_rel(&r.site.events[ei]);
            Some(viewer.session((ei, si?), &rel))
        })
        .collect();
    let entries: Vec<Entry> = chosen
        .iter()
        .zip(&views)
        .map(|(&(_, ei, _), view)| match view {
            Some(view) => session_entry(r, ei, view),
            None => event_entry(r, ei),
        })
        .collect();
    let rel = r.urls.tag(&tag.name);
    let feed = Feed {
        self_url: r.urls.permalink(&format!("{rel}atom.xml")),
        title: format!("#{} · {}", tag.name, r.config.title),
        subtitle: None,
        page_url: r.urls.permalink(&rel),
        entries,
    };
    Some(pages(r, &rel, feed))
}

/// When a session's feed entry counts as updated: its latest timed revision
/// (`Update 14:32:`), else its start, else its event's first day.
pub fn session_updated(event: &Event, times: &EventTimes, index: usize) -> Option<ZonedDateTime> {
    times
        .modified(event, index)
        .or_else(|| times.start(index).cloned())
        .or_else(|| times.start_of_first_day(event))
}

/// When an event counts as updated: its latest session start, else its first day.
pub fn event_updated(event: &Event, times: &EventTimes) -> Option<ZonedDateTime> {
    times
        .last_start()
        .cloned()
        .or_else(|| times.start_of_first_day(event))
}

/// A time for a feed without any dated entry: the start of the Unix epoch.
pub(super) const NO_TIME: &str = "1970-01-01T00:00:00Z";

fn write(r: &Viewer<'_>, feed: &Feed) -> String {
    let stamp = |z: &Option<ZonedDateTime>| z.as_ref().map_or(NO_TIME.to_string(), rfc3339);
    let newest = feed
        .entries
        .iter()
        .filter_map(|e| e.updated.as_ref())
        .max_by_key(|z| z.timestamp())
        .cloned();
    let author = r.config.author.as_deref().unwrap_or(&r.config.title);
    let mut x = Xml::new();
    // xml:base lets the notes' site-relative links (`/blog/tags/x/`) resolve.
    x.open(
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", &r.config.language),
            ("xml:base", &r.urls.base().url),
        ],
    );
    x.text("id", &[], &feed.self_url);
    x.text("title", &[], &feed.title);
    if let Some(sub) = feed.subtitle.as_deref().filter(|s| !s.is_empty()) {
        x.text("subtitle", &[], sub);
    }
    x.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &feed.self_url),
        ],
    );
    x.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &feed.page_url),
        ],
    );
    if let Some(hub) = &r.config.hub_url {
        x.empty("link", &[("rel", "hub"), ("href", hub)]);
    }
    x.text("updated", &[], &stamp(&newest));
    x.open("author", &[]);
    x.text("name", &[], author);
    x.close();
    x.text("generator", &[], "plenary");
    for e in &feed.entries {
        x.open("entry", &[]);
        x.text("id", &[], &e.id);
        x.text("title", &[], &e.title);
        x.empty(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("href", &e.link),
            ],
        );
        x.text("updated", &[], &stamp(&e.updated));
        if let Some(published) = &e.published {
            x.text("published", &[], &rfc3339(published));
        }
        if let Some(author) = e.author {
            x.open("author", &[]);
            x.text("name", &[], author);
            x.close();
        }
        for c in &e.categories {
            x.empty("category", &[("term", c)]);
        }
        if !e.summary.is_empty() {
            x.text("summary", &[], &e.summary);
        }
        if !e.content_html.is_empty() {
            x.text("content", &[("type", "html")], &e.content_html);
        }
        x.close();
    }
    x.finish()
}
