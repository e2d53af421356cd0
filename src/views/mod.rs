//! What templates see: small serialisable views of the site model with every URL and
//! time already worked out. Each page gets only the views it needs; the feeds,
//! calendars and the rest read the same views, so a value is worked out once.

mod card;
pub mod dates;
mod fragments;
mod hash;
pub mod live;
mod written;

pub use card::{CARD_SIZE, ShareImage};
pub use dates::{date_range, iso_date, long_date, short_date};
pub use hash::session_hash;

use dates::{datetime, zone_abbreviation};

use crate::config::Config;
use crate::escape::html_into;
use crate::markdown::{self, Render};
use crate::media;
use crate::model::Event;
use crate::site::{SessionRef, Site};
use crate::urls::Urls;
use serde::Serialize;
use std::path::Path;

/// The site-wide values every template gets as `site`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub author: Option<&'a str>,
    pub language: &'a str,
    pub base_url: &'a str,
    /// Link to the home page (`/` or `/blog/`).
    pub home_url: &'a str,
    pub tags_url: String,
    pub speakers_url: String,
    pub search_url: String,
    pub feed_url: String,
    pub style_url: String,
    /// The site's icon (the theme's `favicon.svg`, or the site's own of that name).
    pub icon_url: String,
    pub extra: &'a toml::Table,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a Config, urls: &'a Urls) -> Self {
        SiteView {
            title: &config.title,
            description: config.description.as_deref(),
            author: config.author.as_deref(),
            language: &config.language,
            base_url: &urls.base().url,
            home_url: urls.base_path(),
            tags_url: urls.link(&urls.tags_index()),
            speakers_url: urls.link(&urls.speakers_index()),
            search_url: urls.link("search/"),
            feed_url: urls.link("atom.xml"),
            style_url: urls.link("style.css"),
            icon_url: urls.link("favicon.svg"),
            extra: &config.extra,
        }
    }
}

/// A named link: a tag, a speaker, a neighbouring event.
#[derive(Serialize, Clone, Hash)]
pub struct Link {
    pub name: String,
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct SpeakerView<'a> {
    pub name: &'a str,
    pub affiliation: Option<&'a str>,
    pub url: String,
    /// The speaker's own link as the writer gave it (`[Ada](https://...)`), if safe.
    pub site: Option<&'a str>,
}

/// A link the writer put on a session's title line, shown beside the title.
#[derive(Serialize, Clone)]
pub struct TitleLink {
    pub url: String,
    /// The URL as a reader reads it: no scheme, no `www.`.
    pub text: String,
}

/// One session, for event and session pages and lists.
#[derive(Serialize, Clone)]
pub struct SessionView<'a> {
    /// Its index in the event's sessions.
    #[serde(skip)]
    pub index: usize,
    pub anchor: &'a str,
    /// Its own page (or its anchor on the event page when session pages are off).
    pub url: String,
    pub permalink: String,
    /// Its anchor on the event page.
    pub event_anchor_url: String,
    pub time: Option<String>,
    pub end_time: Option<String>,
    /// `2025-05-07T13:00:00+02:00` for `<time datetime>`; just `13:00` when the date is unknown.
    pub datetime: Option<String>,
    pub end_datetime: Option<String>,
    /// The zone's abbreviation at that time: `CEST`.
    pub zone: Option<String>,
    pub date: Option<String>,
    /// `Thu 8 May`.
    pub short_date: Option<String>,
    /// The title, or an untitled update's time ([`Session::label`]).
    pub title: std::borrow::Cow<'a, str>,
    /// A panel's subtitle, from before the names on its speaker line.
    pub subtitle: Option<&'a str>,
    /// What the title line said before the title: `Session 3`, `Keynote`.
    pub label: Option<String>,
    /// Links on the title line that are not a speaker's (`## [Title](url)`).
    pub title_links: Vec<TitleLink>,
    pub kind: &'static str,
    pub speakers: Vec<SpeakerView<'a>>,
    pub speaker_line: Option<&'a str>,
    /// The speaker line as written, with each name linked to the speaker's page.
    pub speaker_line_html: Option<String>,
    pub tags: Vec<Link>,
    pub body_html: String,
    /// The notes for the session's own page, whose headings sit right below its `h1`.
    pub page_body_html: String,
    /// The first paragraph of the notes as plain text, for descriptions.
    pub excerpt: String,
    pub line: usize,
    pub day: usize,
    /// Changes whenever the session's rendered content does (see `live::session_hash`);
    /// the live script compares it with `live.json`.
    pub hash: String,
    /// Live-blog marks: key moment, pinned, cancelled, moved, revisions, author.
    pub live: live::LiveView,
}

/// A session as listed on tag and speaker pages: no notes, only what a list shows.
#[derive(Serialize, Hash)]
pub struct SessionBrief<'a> {
    pub anchor: &'a str,
    pub url: String,
    pub time: Option<String>,
    pub datetime: Option<String>,
    pub date: Option<String>,
    /// `Thu 8 May`.
    pub short_date: Option<String>,
    pub title: std::borrow::Cow<'a, str>,
    pub kind: &'static str,
    pub speaker_line: Option<&'a str>,
    /// The event it belongs to: `{title, url, date_label}`.
    pub event: EventRef<'a>,
}

/// A link to an event by its title.
#[derive(Serialize, Hash)]
pub struct EventRef<'a> {
    pub title: &'a str,
    pub url: String,
    /// `7–9 May 2025`.
    pub date_label: String,
}

#[derive(Serialize)]
pub struct DayView<'a> {
    pub index: usize,
    pub number: usize,
    pub anchor: String,
    pub date: Option<String>,
    /// `Day 2 · Thursday, 8 May 2025`.
    pub label: String,
    /// Whether the writer wrote a day heading (shown even on a one-day event, so that
    /// their words are never lost).
    pub written: bool,
    /// `Thu 8 May`, for the compact day navigation.
    pub short_date: Option<String>,
    pub intro_html: String,
    pub sessions: Vec<SessionView<'a>>,
}

/// An event as listed on the home, tag and speaker pages.
#[derive(Serialize, Clone, Hash)]
pub struct EventSummary<'a> {
    pub title: &'a str,
    pub url: String,
    pub permalink: String,
    pub date: Option<String>,
    pub end_date: Option<String>,
    pub date_label: String,
    pub location: Option<&'a str>,
    pub summary: Option<&'a str>,
    pub session_count: usize,
    pub tags: Vec<Link>,
    pub timezone: &'a str,
    /// When its first session starts, if it has a date and a time.
    pub starts: Option<StartView>,
    /// Front matter keys plenary does not know, as written.
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

/// When an event starts: `09:00`, `2025-05-07T09:00:00+02:00`, `CEST`.
#[derive(Serialize, Clone, Hash)]
pub struct StartView {
    pub time: String,
    pub datetime: String,
    pub zone: String,
}

/// An event page's full view.
#[derive(Serialize)]
pub struct EventView<'a> {
    #[serde(flatten)]
    pub summary: EventSummary<'a>,
    pub slug: &'a str,
    pub organizers: &'a [String],
    /// Front matter `links` whose URLs are safe to put in `href` (see [`crate::links::safe_href`]).
    pub links: std::collections::BTreeMap<&'a str, &'a str>,
    pub image: Option<&'a str>,
    pub preamble_html: String,
    pub days: Vec<DayView<'a>>,
    pub multi_day: bool,
    pub feed_url: String,
    pub calendar_url: String,
    /// The event's schedule for attendee apps, as frab and pretalx publish it.
    pub schedule_json_url: String,
    pub schedule_xml_url: String,
    pub live_url: String,
    pub source: String,
    /// Most entries are untitled updates: the page is a live blog.
    pub liveblog: bool,
    /// Entries marked `!` (or pinned), in document order, for the key moments box.
    pub key_moments: Vec<live::KeyMomentView>,
    /// The entry pinned at the top while the event is on (the last one marked `!!`).
    pub pinned: Option<live::KeyMomentView>,
    /// The next session to start at the build's clock, while the event is on.
    pub next: Option<live::KeyMomentView>,
}

impl<'a> EventView<'a> {
    /// The views of the event's sessions by session index (`None` for a session on
    /// no day of the event).
    pub fn sessions_by_index(&self, count: usize) -> Vec<Option<&SessionView<'a>>> {
        let mut out = vec![None; count];
        for view in self.days.iter().flat_map(|d| d.sessions.iter()) {
            if let Some(slot) = out.get_mut(view.index) {
                *slot = Some(view);
            }
        }
        out
    }
}

/// A speaker's profile as their page shows it.
#[derive(Serialize)]
pub struct ProfileView<'a> {
    pub pronouns: Option<&'a str>,
    pub affiliation: Option<&'a str>,
    /// Other spellings of the name in the notes.
    pub aliases: &'a [String],
    /// The bio as HTML.
    pub bio_html: String,
    /// The portrait's `<picture>`, when the profile has a photo that could be shown.
    pub photo_html: Option<String>,
    /// The portrait's absolute URL (a processed size), for JSON-LD.
    #[serde(skip)]
    pub photo_url: Option<String>,
    pub links: Vec<ProfileLinkView<'a>>,
}

/// One link of a profile.
#[derive(Serialize)]
pub struct ProfileLinkView<'a> {
    pub label: &'a str,
    pub url: &'a str,
    /// `me external` on the site author's own profile (for Mastodon's verification and
    /// IndieWeb), `external` on anyone else's: a speaker page is not the speaker's own.
    pub rel: &'static str,
}

/// Turns model pieces into views.
pub struct Viewer<'a> {
    pub site: &'a Site,
    pub config: &'a Config,
    pub urls: &'a Urls,
    /// The build's clock ([`live::clock`]): which session is on now.
    pub now: jiff::Timestamp,
}

impl<'a> Viewer<'a> {
    /// The profile of speaker `slug` with its name `name`, if there is one.
    pub fn profile(&self, slug: &str, name: &str) -> Option<ProfileView<'a>> {
        let profile = self.site.profiles.by_slug.get(slug)?;
        let me = profile.me || self.config.author.as_deref() == Some(name);
        let rel = if me { "me external" } else { "external" };
        let links = profile
            .links
            .iter()
            .filter(|l| crate::links::safe_href(&l.url))
            .map(|l| ProfileLinkView {
                label: &l.label,
                url: &l.url,
                rel,
            })
            .collect();
        let photo = profile
            .photo
            .as_deref()
            .and_then(|src| self.site.media.photo(&profile.source, src));
        let link = |rel: &str| self.urls.link(rel);
        let alt = profile.photo_alt.as_deref().unwrap_or(name);
        let photo_html = photo
            .map(|p| media::html::picture_sized(p, alt, &link, true, media::html::PORTRAIT_SIZES));
        // The smallest JPEG: what a search engine or a card needs of a portrait.
        let photo_url = photo.and_then(|p| {
            let i = p.variants.iter().position(|v| v.ext == "jpg")?;
            Some(self.urls.permalink(&p.path(i)))
        });
        let id_prefix = "bio-";
        let bio_html = self.markdown(&profile.source, &profile.bio, id_prefix, 2);
        Some(ProfileView {
            pronouns: profile.pronouns.as_deref(),
            affiliation: profile.affiliation.as_deref(),
            aliases: &profile.aliases,
            bio_html,
            photo_html,
            photo_url,
            links,
        })
    }

    pub fn event_rel(&self, event: &Event) -> String {
        // Loading checked that every event has a URL.
        self.urls.event(event).unwrap_or_default()
    }

    pub fn tag_links(&self, tags: impl IntoIterator<Item = &'a str>) -> Vec<Link> {
        tags.into_iter()
            .map(|t| Link {
                name: t.to_string(),
                url: self.urls.link(&self.urls.tag(t)),
            })
            .collect()
    }

    /// Event `index` of the site, as lists show it.
    pub fn summary(&self, index: usize) -> EventSummary<'a> {
        let event = &self.site.events[index];
        let rel = self.event_rel(event);
        EventSummary {
            title: &event.title,
            url: self.urls.link(&rel),
            permalink: self.urls.permalink(&rel),
            date: event.date.map(iso_date),
            end_date: event
                .last_date()
                .filter(|e| Some(*e) != event.date)
                .map(iso_date),
            date_label: date_range(event.date, event.last_date()),
            location: event.location.as_deref(),
            summary: event.summary.as_deref(),
            session_count: event.sessions.len(),
            tags: self.tag_links(event.tags.iter().map(String::as_str)),
            timezone: &self.site.times[index].zone.name,
            starts: self.site.times[index].first_start().map(|at| StartView {
                time: format!("{:02}:{:02}", at.hour(), at.minute()),
                datetime: dates::rfc3339(at),
                zone: zone_abbreviation(at),
            }),
            extra: &event.extra,
        }
    }

    /// Calls `f` with this site's Markdown settings for one piece of the notes file
    /// `source` (its photos are looked up by it).
    fn with_render<T>(
        &self,
        source: &Path,
        id_prefix: &str,
        min_heading: u8,
        f: impl FnOnce(&Render) -> T,
    ) -> T {
        let tag_url = |t: &str| self.urls.link(&self.urls.tag(t));
        let media = &self.site.media;
        let image = |src: &str, alt: &str| {
            let photo = media.photo(source, src)?;
            let link = |rel: &str| self.urls.link(rel);
            Some(media::html::picture(
                photo,
                alt,
                &link,
                media.is_first(source, src),
            ))
        };
        f(&Render {
            tag_url: &tag_url,
            id_prefix,
            allow_html: self.config.allow_html,
            min_heading,
            image: Some(&image),
        })
    }

    fn markdown(&self, source: &Path, md: &str, id_prefix: &str, min_heading: u8) -> String {
        self.with_render(source, id_prefix, min_heading, |r| markdown::render(md, r))
    }

    /// [`Viewer::markdown`] and the notes' [`excerpt`], from one parse.
    fn markdown_with_excerpt(
        &self,
        source: &Path,
        md: &str,
        id_prefix: &str,
        min_heading: u8,
    ) -> (String, String) {
        self.with_render(source, id_prefix, min_heading, |r| {
            markdown::render_with_excerpt(md, r)
        })
    }

    /// Session `si` of event `ei`, for lists, without rendering its notes.
    pub fn brief(&self, (ei, si): SessionRef, event_rel: &str) -> SessionBrief<'a> {
        let event = &self.site.events[ei];
        let session = &event.sessions[si];
        let date = event.session_date(session);
        let start = self.site.times[ei].start(si);
        SessionBrief {
            anchor: &session.anchor,
            url: self.urls.link(&self.urls.session(event_rel, session)),
            time: session.time.map(|c| c.to_string()),
            datetime: datetime(start, session.time),
            date: date.map(iso_date),
            short_date: date.map(short_date),
            title: session.label(),
            kind: session.kind.as_str(),
            speaker_line: session.speaker_line.as_deref(),
            event: EventRef {
                title: &event.title,
                url: self.urls.link(event_rel),
                date_label: date_range(event.date, event.last_date()),
            },
        }
    }

    /// Session `si` of event `ei`, with its notes rendered.
    pub fn session(&self, (ei, si): SessionRef, event_rel: &str) -> SessionView<'a> {
        let event = &self.site.events[ei];
        let session = &event.sessions[si];
        let times = &self.site.times[ei];
        let date = event.session_date(session);
        let start = times.start(si);
        // The end as written, placed by the model's rule (an end before the start is
        // past midnight), as the calendar and the structured data place it.
        let end = session.end_time.and(times.end(si));
        let speakers: Vec<SpeakerView<'a>> = session
            .speakers
            .iter()
            .map(|s| SpeakerView {
                name: &s.name,
                affiliation: s.affiliation.as_deref(),
                url: self
                    .urls
                    .link(&self.urls.speaker(&self.site.profiles.slug_of(&s.name))),
                site: s.url.as_deref().filter(|u| crate::links::safe_href(u)),
            })
            .collect();
        let (label, title_links) = match session.written.as_deref() {
            Some(w) => {
                let shown = format!(
                    "{} {}",
                    session.speaker_line.as_deref().unwrap_or(""),
                    session.subtitle.as_deref().unwrap_or("")
                );
                let known: Vec<&str> = session
                    .speakers
                    .iter()
                    .filter_map(|s| s.url.as_deref())
                    .collect();
                let links = written::links(w, &known)
                    .into_iter()
                    .map(|url| TitleLink {
                        text: written::short_url(&url).to_string(),
                        url,
                    })
                    .collect();
                (written::label(w, &session.title, &shown), links)
            }
            None => (None, Vec::new()),
        };
        let names: Vec<&str> = session.speakers.iter().map(|s| s.name.as_str()).collect();
        let people_line = session
            .written
            .as_deref()
            .and_then(|w| written::people_line(w, &session.title, &names))
            .filter(|line| {
                let have = session.speaker_line.as_deref().unwrap_or("");
                line.contains(have)
            });
        let joint = match (&people_line, &session.written, &session.speaker_line) {
            (None, Some(w), Some(line)) => written::speaker_joint(w, &session.title, line),
            _ => None,
        };
        let speaker_line_html = people_line
            .as_deref()
            .or(session.speaker_line.as_deref())
            .map(|line| match &joint {
                Some(j) => {
                    let mut out = String::new();
                    html_into(&mut out, j);
                    out.push(' ');
                    out.push_str(&link_names(line, &speakers));
                    out
                }
                None => link_names(line, &speakers),
            });
        let rel = self.urls.session(event_rel, session);
        let id_prefix = format!("{}-", session.anchor);
        let level = if event.days.len() > 1 { 4 } else { 3 };
        let (body_html, excerpt) =
            self.markdown_with_excerpt(&event.source, &session.body, &id_prefix, level);
        // Only notes with headings differ between the event page and their own page.
        let page_body_html = if body_html.contains("<h") {
            self.markdown(&event.source, &session.body, &id_prefix, 2)
        } else {
            body_html.clone()
        };
        // Links to a sibling session's anchor lead to the event page, where it is.
        let page_body_html =
            match fragments::to_event_page(&page_body_html, &self.urls.link(event_rel)) {
                std::borrow::Cow::Owned(html) => html,
                std::borrow::Cow::Borrowed(_) => page_body_html,
            };
        SessionView {
            index: si,
            anchor: &session.anchor,
            url: self.urls.link(&rel),
            permalink: self.urls.permalink(&rel),
            event_anchor_url: self.urls.link(&format!("{event_rel}#{}", session.anchor)),
            time: session.time.map(|c| c.to_string()),
            end_time: session.end_time.map(|c| c.to_string()),
            datetime: datetime(start, session.time),
            end_datetime: datetime(end, session.end_time),
            zone: start.map(zone_abbreviation),
            date: date.map(iso_date),
            short_date: date.map(short_date),
            title: session.label(),
            subtitle: session.subtitle.as_deref(),
            label,
            title_links,
            kind: session.kind.as_str(),
            speakers,
            speaker_line: session.speaker_line.as_deref(),
            speaker_line_html,
            tags: self.tag_links(event.session_tags(session)),
            body_html,
            page_body_html,
            excerpt,
            line: session.line,
            day: session.day,
            hash: session_hash(event, session),
            live: live::marks(event, times, si),
        }
    }

    /// Event `index` of the site, for its page.
    pub fn event(&self, index: usize) -> EventView<'a> {
        let event = &self.site.events[index];
        let rel = self.event_rel(event);
        let multi_day = event.days.len() > 1;
        let days = event
            .days
            .iter()
            .enumerate()
            .map(|(i, day)| {
                let date_text = day.date.map(long_date);
                let label = match (&day.label, &date_text, multi_day) {
                    (Some(l), Some(d), _)
                        if !l.contains(
                            &day.date.map(|d| d.day().to_string()).unwrap_or_default(),
                        ) =>
                    {
                        format!("{l} · {d}")
                    }
                    (Some(l), _, _) => l.clone(),
                    (None, Some(d), true) => format!("Day {} · {d}", i + 1),
                    (None, Some(d), false) => d.clone(),
                    (None, None, _) => format!("Day {}", i + 1),
                };
                DayView {
                    index: i,
                    number: i + 1,
                    anchor: format!("day-{}", i + 1),
                    date: day.date.map(iso_date),
                    label,
                    written: day.label.is_some(),
                    short_date: day.date.map(short_date),
                    intro_html: self.markdown(
                        &event.source,
                        &day.intro,
                        &format!("day-{}-", i + 1),
                        3,
                    ),
                    sessions: event
                        .sessions
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| s.day == i)
                        .map(|(si, _)| self.session((index, si), &rel))
                        .collect(),
                }
            })
            .collect();
        let mut days: Vec<DayView<'a>> = days;
        live::nest(&mut days);
        let now = self.now_mark(index);
        live::mark_now(&mut days, now);
        let (key_moments, pinned) = live::key_moments(days.iter().flat_map(|d| d.sessions.iter()));
        EventView {
            summary: self.summary(index),
            slug: &event.slug,
            organizers: &event.organizers,
            links: event
                .links
                .iter()
                .filter(|(_, url)| crate::links::safe_href(url))
                .map(|(name, url)| (name.as_str(), url.as_str()))
                .collect(),
            image: event.image.as_deref(),
            preamble_html: self.markdown(&event.source, &event.preamble, "intro-", 2),
            days,
            multi_day,
            feed_url: self.urls.link(&format!("{rel}atom.xml")),
            calendar_url: self.urls.link(&format!("{rel}calendar.ics")),
            schedule_json_url: self.urls.link(&format!("{rel}schedule.json")),
            schedule_xml_url: self.urls.link(&format!("{rel}schedule.xml")),
            live_url: self.urls.link(&format!("{rel}live.json")),
            source: event.source.display().to_string(),
            liveblog: live::is_liveblog(event),
            key_moments,
            pinned,
            next: now.next.and_then(|i| {
                let session = event.sessions.get(i)?;
                Some(live::KeyMomentView {
                    anchor: session.anchor.clone(),
                    time: session.time.map(|c| c.to_string()),
                    datetime: datetime(self.site.times[index].start(i), session.time),
                    text: session.label().to_string(),
                })
            }),
        }
    }

    /// Which session of event `index` is on now and which is next, at the build's clock.
    pub fn now_mark(&self, index: usize) -> live::NowMark {
        live::now(&self.site.events[index], &self.site.times[index], self.now)
    }
}

/// HTML of a speaker line as written, each speaker's name linked to their page, and
/// the writer's own link for a speaker (`[Ada](https://...)`) beside it.
fn link_names(line: &str, speakers: &[SpeakerView<'_>]) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    let mut rest = line;
    for sp in speakers {
        if let Some(i) = rest.find(sp.name) {
            html_into(&mut out, &rest[..i]);
            out.push_str("<a class=\"speaker\" href=\"");
            html_into(&mut out, &sp.url);
            out.push_str("\">");
            html_into(&mut out, sp.name);
            out.push_str("</a>");
            if let Some(site) = sp.site {
                out.push_str(" <a class=\"speaker-site\" rel=\"external\" href=\"");
                html_into(&mut out, site);
                out.push_str("\">");
                html_into(&mut out, written::short_url(site));
                out.push_str("</a>");
            }
            rest = &rest[i + sp.name.len()..];
        }
    }
    html_into(&mut out, rest);
    out
}

/// A session's excerpt: its view's, made by the one Markdown parse of its notes, or
/// worked out from its notes for a session on no day of the event, which has no view
/// ([`EventView::sessions_by_index`]).
pub fn session_excerpt<'v>(
    view: Option<&'v SessionView<'_>>,
    session: &crate::model::Session,
) -> std::borrow::Cow<'v, str> {
    match view {
        Some(v) => std::borrow::Cow::Borrowed(v.excerpt.as_str()),
        None => std::borrow::Cow::Owned(markdown::excerpt(&session.body)),
    }
}
