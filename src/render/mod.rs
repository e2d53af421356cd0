//! Rendering the site model to pages: Tera templates in parallel, one compiled
//! instance shared by all threads, each page given only the views it needs.

pub mod jsonld;
mod recursion;
pub mod templates;
mod wrap;

pub use crate::page::Page;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::site::Site;
use crate::urls::{self, Urls};
use crate::views::{self, EventSummary, Link, SessionBrief, SiteView, Viewer};
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

/// Everything rendering needs, shared by all threads.
pub struct Renderer<'a> {
    pub tera: &'a Tera,
    pub config: &'a Config,
    pub urls: &'a Urls,
    pub site: &'a Site,
    /// The build's clock ([`views::live::clock`]): which session is marked on now.
    pub now: jiff::Timestamp,
}

impl<'a> Renderer<'a> {
    /// A renderer on the build's clock ([`views::live::clock`]): the system time, or
    /// `PLENARY_NOW` when set (an error when that is no time).
    pub fn new(tera: &'a Tera, config: &'a Config, urls: &'a Urls, site: &'a Site) -> Result<Self> {
        Ok(Renderer {
            tera,
            config,
            urls,
            site,
            now: crate::views::live::clock()?,
        })
    }
}

/// Pagination values for list pages.
#[derive(Serialize)]
struct Paginator {
    number: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
}

/// Index entries under one initial letter, for the jump bar of long lists.
#[derive(Serialize)]
struct Group<T> {
    /// `A`..`Z`, or `#` for names that start with a digit or another sign.
    letter: String,
    /// The group's `id`: `letter-a`, `letter-other`.
    anchor: String,
    items: Vec<T>,
}

/// Groups entries by the first letter of their slug. Slugs sort the way the site's
/// indexes do, so each letter's entries are adjacent and the groups come out in order.
fn by_initial<'s, T>(entries: impl IntoIterator<Item = (&'s str, T)>) -> Vec<Group<T>> {
    let mut groups: Vec<Group<T>> = Vec::new();
    for (slug, item) in entries {
        let letter = match slug.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase().to_string(),
            _ => "#".to_string(),
        };
        match groups.last_mut() {
            Some(g) if g.letter == letter => g.items.push(item),
            _ => groups.push(Group {
                anchor: match letter.as_str() {
                    "#" => "letter-other".to_string(),
                    l => format!("letter-{}", l.to_ascii_lowercase()),
                },
                letter,
                items: vec![item],
            }),
        }
    }
    groups
}

#[derive(Serialize)]
struct TagItem {
    name: String,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct SpeakerItem<'a> {
    name: &'a str,
    url: String,
    affiliations: &'a [String],
    count: usize,
}

impl<'a> Renderer<'a> {
    /// Views of the model for this renderer's site, configuration and URLs.
    pub fn viewer(&self) -> Viewer<'a> {
        Viewer {
            site: self.site,
            config: self.config,
            urls: self.urls,
            now: self.now,
        }
    }

    /// The values every page gets: `site` and `canonical_url`.
    pub(crate) fn context(&self, canonical: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert("site", &SiteView::new(self.config, self.urls));
        ctx.insert("canonical_url", &self.urls.permalink(canonical));
        ctx
    }

    /// Renders one template, its errors naming the template.
    pub(crate) fn render(&self, template: &str, ctx: &Context) -> Result<String> {
        self.tera
            .render(template, ctx)
            .map_err(|e| templates::template_error(&e))
    }

    /// The page at `rel` from one template, rendered straight into its bytes: into a
    /// buffer of about the page's size (`notes`: the bytes of notes HTML it shows), so
    /// the buffer is not grown and copied on the way, nor checked again as UTF-8.
    fn page(&self, rel: &str, template: &str, ctx: &Context, notes: usize) -> Result<Page> {
        // The theme's chrome and a session's markup around the notes, generously.
        const CHROME: usize = 8 * 1024;
        let mut bytes = Vec::with_capacity(notes + notes / 4 + CHROME);
        self.tera
            .render_to(template, ctx, &mut bytes)
            .map_err(|e| templates::template_error(&e))?;
        Ok(Page {
            path: format!("{rel}index.html"),
            bytes,
        })
    }

    /// The site-wide pages that list events, tags and speakers but show no notes: home
    /// pages, tag and speaker indexes, 404.
    pub fn lists(&self) -> Result<Vec<Page>> {
        let mut pages = self.home_pages()?;
        pages.push(self.tags_index()?);
        pages.push(self.speakers_index()?);
        let ctx = self.context("404.html");
        pages.push(Page {
            path: "404.html".into(),
            bytes: self.render("404.html", &ctx)?.into_bytes(),
        });
        Ok(pages)
    }

    /// The event's page and its sessions' pages. `view` is the event's view, which
    /// its feed and calendar share.
    pub fn event_pages(&self, index: usize, view: &views::EventView<'_>) -> Result<Vec<Page>> {
        let site = self.site;
        let event = &site.events[index];
        let viewer = self.viewer();
        let rel = viewer.event_rel(event);
        // Newest first: the previous event is the older one.
        let neighbour = |i: Option<usize>| {
            i.and_then(|i| site.events.get(i)).map(|e| Link {
                name: e.title.clone(),
                url: self.urls.link(&viewer.event_rel(e)),
            })
        };
        let older = neighbour(index.checked_add(1));
        let newer = neighbour(index.checked_sub(1));
        let mut ctx = self.context(&rel);
        ctx.insert("event", &view);
        ctx.insert("previous_event", &older);
        ctx.insert("next_event", &newer);
        let event_feed = vec![Link {
            name: format!("{} (Atom)", event.title),
            url: view.feed_url.clone(),
        }];
        ctx.insert("feeds", &event_feed);
        ctx.insert("og_type", "article");
        ctx.insert("og_title", &event.title);
        ctx.insert(
            "og_description",
            &event
                .summary
                .clone()
                .unwrap_or_else(|| format!("Live notes from {}", event.title)),
        );
        ctx.insert("og_image", &viewer.event_image(index));
        ctx.insert(
            "json_ld",
            &jsonld::event(self.urls, event, &self.site.times[index]),
        );
        ctx.insert(
            "json_ld_live",
            &jsonld::live_blog(
                self.urls,
                event,
                &self.site.times[index],
                &view.sessions_by_index(event.sessions.len()),
            ),
        );
        let sessions: Vec<&views::SessionView<'_>> =
            view.days.iter().flat_map(|d| d.sessions.iter()).collect();
        // Each session adds about a kilobyte of markup around its notes.
        let notes = sessions
            .iter()
            .map(|s| s.body_html.len() + 1024)
            .sum::<usize>()
            + view.preamble_html.len();
        let mut pages = vec![
            self.page(&rel, "event.html", &ctx, notes)
                .map_err(|e| self.in_event(e, index))?,
        ];
        if self.config.session_pages {
            // Each session page shows the session's view as the event page did: its
            // value is taken from the event's, not serialised again.
            let mut values = ctx.remove("event").map(take_sessions).unwrap_or_default();
            values.resize(sessions.len(), serde_json::Value::Null);
            // What every session page of the event shows alike, serialised once:
            // one context serves them all, each page setting its own values again.
            let mut ctx = Context::new();
            ctx.insert("site", &SiteView::new(self.config, self.urls));
            ctx.insert("event", &view.summary);
            ctx.insert("feeds", &event_feed);
            ctx.insert("og_type", "article");
            for (i, session) in sessions.iter().enumerate() {
                let session_rel = format!("{rel}{}/", session.anchor);
                ctx.insert("canonical_url", &self.urls.permalink(&session_rel));
                share_session(&mut ctx, session, &event.title);
                ctx.insert("og_image", &viewer.session_image(index, session, &rel));
                match std::mem::take(&mut values[i]) {
                    serde_json::Value::Null => ctx.insert("session", session),
                    value => ctx.extend(one_value("session", value)),
                }
                let neighbour = |j: Option<usize>| {
                    j.and_then(|j| sessions.get(j)).map(|s| Link {
                        name: s.title.to_string(),
                        url: s.url.clone(),
                    })
                };
                ctx.insert("previous_session", &neighbour(i.checked_sub(1)));
                ctx.insert("next_session", &neighbour(i.checked_add(1)));
                let notes = session.page_body_html.len() + session.excerpt.len();
                pages.push(
                    self.page(&session_rel, "session.html", &ctx, notes)
                        .map_err(|e| self.in_event(e, index))?,
                );
            }
        }
        Ok(pages)
    }

    fn in_event(&self, err: Error, index: usize) -> Error {
        let source = self.site.events[index].source.display().to_string();
        err.context(format!("while rendering {source}"))
    }

    fn home_pages(&self) -> Result<Vec<Page>> {
        let viewer = self.viewer();
        let per = self.config.paginate_by.max(1);
        let events: Vec<EventSummary<'_>> = (0..self.site.events.len())
            .map(|i| viewer.summary(i))
            .collect();
        let chunks: Vec<&[EventSummary<'_>]> = if events.is_empty() {
            vec![&[]]
        } else {
            events.chunks(per).collect()
        };
        let total = chunks.len();
        let page_rel = |n: usize| {
            if n == 1 {
                String::new()
            } else {
                format!("page/{n}/")
            }
        };
        chunks
            .par_iter()
            .enumerate()
            .map(|(i, chunk)| {
                let n = i + 1;
                let rel = page_rel(n);
                let mut ctx = self.context(&rel);
                ctx.insert("events", chunk);
                ctx.insert(
                    "paginator",
                    &Paginator {
                        number: n,
                        total,
                        prev_url: (n > 1).then(|| self.urls.link(&page_rel(n - 1))),
                        next_url: (n < total).then(|| self.urls.link(&page_rel(n + 1))),
                    },
                );
                self.page(&rel, "index.html", &ctx, chunk.len() * 512)
            })
            .collect()
    }

    fn session_item(&self, (ei, si): (usize, usize)) -> SessionBrief<'a> {
        let viewer = self.viewer();
        let rel = viewer.event_rel(&self.site.events[ei]);
        viewer.brief((ei, si), &rel)
    }

    /// The page of one tag, by slug.
    pub fn tag_page(&self, slug: &str) -> Result<Page> {
        let viewer = self.viewer();
        let entry = &self.site.tags[slug];
        let rel = self.urls.tag(&entry.name);
        let events: Vec<EventSummary<'_>> =
            entry.events.iter().map(|&i| viewer.summary(i)).collect();
        let sessions: Vec<SessionBrief<'_>> = entry
            .sessions
            .iter()
            .map(|&r| self.session_item(r))
            .collect();
        let mut ctx = self.context(&rel);
        ctx.insert(
            "tag",
            &Link {
                name: entry.name.clone(),
                url: self.urls.link(&rel),
            },
        );
        ctx.insert("events", &events);
        ctx.insert("sessions", &sessions);
        ctx.insert(
            "feeds",
            &[Link {
                name: format!("#{} (Atom)", entry.name),
                url: self.urls.link(&format!("{rel}atom.xml")),
            }],
        );
        ctx.insert("og_title", &format!("#{}", entry.name));
        self.page(
            &rel,
            "tag.html",
            &ctx,
            (events.len() + sessions.len()) * 512,
        )
    }

    /// The page of one speaker, by slug.
    pub fn speaker_page(&self, slug: &str) -> Result<Page> {
        let entry = &self.site.speakers[slug];
        let rel = self.urls.speaker(slug);
        let sessions: Vec<SessionBrief<'_>> = entry
            .sessions
            .iter()
            .map(|&r| self.session_item(r))
            .collect();
        let mut ctx = self.context(&rel);
        ctx.insert(
            "speaker",
            &SpeakerItem {
                name: &entry.name,
                url: self.urls.link(&rel),
                affiliations: &entry.affiliations,
                count: entry.sessions.len(),
            },
        );
        ctx.insert("sessions", &sessions);
        ctx.insert("og_title", &entry.name);
        let profile = self.viewer().profile(slug, &entry.name);
        let mut same_as: Vec<&str> = Vec::new();
        if let Some(p) = self.site.profiles.by_slug.get(slug) {
            same_as.extend(p.links.iter().map(|l| l.url.as_str()));
        }
        ctx.insert(
            "json_ld",
            &jsonld::person(
                &entry.name,
                &self.urls.permalink(&rel),
                profile.as_ref().and_then(|p| p.photo_url.as_deref()),
                &same_as,
                profile.as_ref().and_then(|p| p.affiliation),
            ),
        );
        let bio = profile.as_ref().map_or(0, |p| p.bio_html.len());
        if let Some(profile) = &profile {
            ctx.insert("profile", profile);
            if let Some(a) = profile.affiliation.filter(|a| !a.is_empty()) {
                ctx.insert("og_description", &format!("{}, {a}", entry.name));
            }
        }
        self.page(&rel, "speaker.html", &ctx, sessions.len() * 512 + bio)
    }

    fn tags_index(&self) -> Result<Page> {
        let rel = self.urls.tags_index();
        let tags: Vec<TagItem> = self
            .site
            .tags
            .values()
            .map(|t| TagItem {
                name: t.name.clone(),
                url: self.urls.link(&self.urls.tag(&t.name)),
                count: t.events.len() + t.sessions.len(),
            })
            .collect();
        let mut ctx = self.context(&rel);
        let groups = by_initial(self.site.tags.keys().map(String::as_str).zip(&tags));
        ctx.insert("groups", &groups);
        ctx.insert("tags", &tags);
        Ok(Page::html(&rel, self.render("tags.html", &ctx)?))
    }

    fn speakers_index(&self) -> Result<Page> {
        let rel = self.urls.speakers_index();
        let speakers: Vec<SpeakerItem<'_>> = self
            .site
            .speakers
            .iter()
            .map(|(slug, s)| SpeakerItem {
                name: &s.name,
                url: self.urls.link(&self.urls.speaker(slug)),
                affiliations: &s.affiliations,
                count: s.sessions.len(),
            })
            .collect();
        let mut ctx = self.context(&rel);
        let groups = by_initial(self.site.speakers.keys().map(String::as_str).zip(&speakers));
        ctx.insert("groups", &groups);
        ctx.insert("speakers", &speakers);
        Ok(Page::html(&rel, self.render("speakers.html", &ctx)?))
    }

    /// The `/search/` page: a search box for the script, and every event as a plain link
    /// so that it is useful without JavaScript too.
    pub fn search_page(&self) -> Result<Page> {
        let r = self;
        let viewer = self.viewer();
        let events: Vec<EventSummary<'_>> = (0..r.site.events.len())
            .map(|i| viewer.summary(i))
            .collect();
        let mut ctx = r.context(urls::SEARCH_PAGE);
        ctx.insert("events", &events);
        if r.config.search {
            ctx.insert("search_index_url", &r.urls.link(urls::SEARCH_INDEX));
        }
        // The kinds the site has, for the kind filter, in the order the index
        // labels them.
        let mut kinds: Vec<&str> = Vec::new();
        let mut add = |k: &'static str| {
            let label = crate::publish::search::kind_label(k);
            if !kinds.contains(&label) {
                kinds.push(label);
            }
        };
        if !r.site.events.is_empty() {
            add("event");
        }
        for e in &r.site.events {
            for s in &e.sessions {
                add(s.kind.as_str());
            }
        }
        if !r.site.speakers.is_empty() {
            add("speaker");
        }
        if !r.site.tags.is_empty() {
            add("tag");
        }
        ctx.insert("search_kinds", &kinds);
        ctx.insert("search_script_url", &r.urls.link("search.js"));
        ctx.insert("og_title", &format!("Search · {}", r.config.title));
        Ok(Page::html(
            urls::SEARCH_PAGE,
            r.render("search.html", &ctx)?,
        ))
    }
}

/// The sessions of an event's serialised view ([`views::EventView`]), taken out of it
/// in the order of its days.
fn take_sessions(mut event: serde_json::Value) -> Vec<serde_json::Value> {
    let days = event
        .get_mut("days")
        .and_then(serde_json::Value::as_array_mut);
    days.into_iter()
        .flatten()
        .flat_map(|day| match day.get_mut("sessions") {
            Some(serde_json::Value::Array(sessions)) => std::mem::take(sessions),
            _ => Vec::new(),
        })
        .collect()
}

/// A context of one value, given as it is (`Context::insert` would copy it).
fn one_value(key: &str, value: serde_json::Value) -> Context {
    let mut data = serde_json::Map::new();
    data.insert(key.to_string(), value);
    // An object always makes a context.
    Context::from_value(serde_json::Value::Object(data)).unwrap_or_default()
}

/// A session page's sharing metadata: its own title and first note (its event's feed
/// and `og_type` are shared by all its event's session pages).
fn share_session(ctx: &mut Context, session: &views::SessionView<'_>, event: &str) {
    ctx.insert("og_title", &session.title);
    let description = if session.excerpt.is_empty() {
        format!("{} at {event}", session.title)
    } else {
        session.excerpt.clone()
    };
    ctx.insert("og_description", &description);
}

#[cfg(test)]
mod tests {
    use super::by_initial;

    #[test]
    fn index_entries_group_by_the_initial_of_their_slug() {
        let groups = by_initial([("1password", 1), ("ada", 2), ("alan", 3), ("zoe", 4)]);
        let got: Vec<(&str, &str, Vec<i32>)> = groups
            .iter()
            .map(|g| (g.letter.as_str(), g.anchor.as_str(), g.items.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("#", "letter-other", vec![1]),
                ("A", "letter-a", vec![2, 3]),
                ("Z", "letter-z", vec![4]),
            ]
        );
        assert!(by_initial(Vec::<(&str, i32)>::new()).is_empty());
    }
}
