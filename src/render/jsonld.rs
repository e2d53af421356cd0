//! schema.org `Event` data for event pages, as JSON-LD safe to place inside a
//! `<script>` element.

use crate::model::{Event, EventTimes};
use crate::urls::Urls;
use crate::views::dates as format;
use crate::views::{SessionView, session_excerpt};
use serde::Serialize;

// The structs below write the same JSON a `serde_json::Value` tree would, without
// building one: fields are declared in the byte order of their names, the order a
// `Value` object (a sorted map) writes its keys in.

/// The schema.org `Event`, for the page.
#[derive(Serialize)]
struct EventData<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(rename = "endDate")]
    end_date: Option<String>,
    #[serde(rename = "eventAttendanceMode")]
    attendance_mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Place<'a>>,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    organizer: Option<Vec<Organization<'a>>>,
    #[serde(rename = "startDate")]
    start_date: Option<String>,
    #[serde(rename = "subEvent", skip_serializing_if = "Vec::is_empty")]
    sub_event: Vec<SubEvent<'a>>,
    url: String,
}

/// A timed session.
#[derive(Serialize)]
struct SubEvent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Place<'a>>,
    name: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    performer: Option<Vec<Person<'a>>>,
    #[serde(rename = "startDate")]
    start_date: String,
    url: String,
}

#[derive(Serialize, Clone, Copy)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    address: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<Organization<'a>>,
    name: &'a str,
}

fn organization(name: &str) -> Organization<'_> {
    Organization {
        kind: "Organization",
        name,
    }
}

/// The event's JSON-LD: name, dates, place, organisers, and a sub-event per timed
/// session with its speakers as performers.
pub fn event(urls: &Urls, event: &Event, times: &EventTimes) -> String {
    let rel = urls.event(event).unwrap_or_default();
    let place = event.location.as_deref().map(|l| Place {
        kind: "Place",
        address: l,
        name: l,
    });
    let sub_event = event
        .sessions
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let start = times.start(i)?;
            Some(SubEvent {
                kind: "Event",
                end_date: times.end(i).map(format::rfc3339),
                location: place,
                name: s.label(),
                performer: (!s.speakers.is_empty()).then(|| {
                    s.speakers
                        .iter()
                        .map(|p| Person {
                            kind: "Person",
                            affiliation: p.affiliation.as_deref().map(organization),
                            name: &p.name,
                        })
                        .collect()
                }),
                start_date: format::rfc3339(start),
                url: urls.permalink(&urls.session(&rel, s)),
            })
        })
        .collect();
    let data = EventData {
        context: "https://schema.org",
        kind: "Event",
        description: event.summary.as_deref(),
        // Full times when the sessions give them, else the bare dates.
        end_date: match times.last_end() {
            Some(z) => Some(format::rfc3339(z)),
            None => event.last_date().map(|d| d.to_string()),
        },
        attendance_mode: "https://schema.org/OfflineEventAttendanceMode",
        image: event.image.as_deref().map(|i| absolute(urls, i)),
        location: place,
        name: &event.title,
        organizer: (!event.organizers.is_empty())
            .then(|| event.organizers.iter().map(|o| organization(o)).collect()),
        start_date: match times.first_start() {
            Some(z) => Some(format::rfc3339(z)),
            None => event.date.map(|d| d.to_string()),
        },
        sub_event,
        url: urls.permalink(&rel),
    };
    // Serialising these plain structs cannot fail.
    crate::escape::script_json(&serde_json::to_string(&data).unwrap_or_default())
}

/// The schema.org `LiveBlogPosting` of an event page, beside its `Event`.
#[derive(Serialize)]
struct LiveBlog<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "coverageEndTime", skip_serializing_if = "Option::is_none")]
    coverage_end: Option<String>,
    #[serde(rename = "coverageStartTime")]
    coverage_start: String,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    headline: &'a str,
    #[serde(rename = "liveBlogUpdate")]
    updates: Vec<BlogPost<'a>>,
    url: String,
}

/// One entry of the live blog.
#[derive(Serialize)]
struct BlogPost<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "articleBody", skip_serializing_if = "str::is_empty")]
    body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Person<'a>>,
    #[serde(rename = "dateModified")]
    date_modified: String,
    #[serde(rename = "datePublished")]
    date_published: String,
    headline: String,
    url: String,
}

/// The event's `LiveBlogPosting`: coverage from its first start to its last end, an
/// entry per timed session (`BlogPosting`, with its revision time and author), newest
/// first. `None` for an event without timed sessions. `views` are the sessions' views
/// by index ([`crate::views::EventView::sessions_by_index`]), whose excerpts it shows.
pub fn live_blog(
    urls: &Urls,
    event: &Event,
    times: &EventTimes,
    views: &[Option<&SessionView<'_>>],
) -> Option<String> {
    let rel = urls.event(event).unwrap_or_default();
    let mut updates: Vec<(jiff::Timestamp, BlogPost<'_>)> = event
        .sessions
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let start = times.start(i)?;
            let modified = times.modified(event, i).unwrap_or_else(|| start.clone());
            let label = s.label();
            let body = session_excerpt(views.get(i).copied().flatten(), s).into_owned();
            let mut headline = if s.title.is_empty() {
                if body.is_empty() {
                    label.into_owned()
                } else {
                    format!("{label} {body}")
                }
            } else {
                label.into_owned()
            };
            if s.live.cancelled {
                headline = format!("Cancelled: {headline}");
            }
            Some((
                start.timestamp(),
                BlogPost {
                    kind: "BlogPosting",
                    body,
                    author: s.live.author.as_deref().map(|name| Person {
                        kind: "Person",
                        affiliation: None,
                        name,
                    }),
                    date_modified: format::rfc3339(&modified),
                    date_published: format::rfc3339(start),
                    headline,
                    url: urls.permalink(&urls.session(&rel, s)),
                },
            ))
        })
        .collect();
    if updates.is_empty() {
        return None;
    }
    // Newest first, as a live blog lists them; a stable sort keeps document order.
    updates.sort_by_key(|u| std::cmp::Reverse(u.0));
    let first = times.first_start()?;
    let last_modified = (0..event.sessions.len())
        .filter_map(|i| times.modified(event, i).or_else(|| times.start(i).cloned()))
        .max()
        .unwrap_or_else(|| first.clone());
    let data = LiveBlog {
        context: "https://schema.org",
        kind: "LiveBlogPosting",
        coverage_end: times.last_end().map(format::rfc3339),
        coverage_start: format::rfc3339(first),
        date_modified: format::rfc3339(&last_modified),
        date_published: format::rfc3339(first),
        headline: &event.title,
        updates: updates.into_iter().map(|(_, u)| u).collect(),
        url: urls.permalink(&rel),
    };
    Some(crate::escape::script_json(
        &serde_json::to_string(&data).unwrap_or_default(),
    ))
}

/// An image given as a site path becomes an absolute URL; a URL stays as written.
fn absolute(urls: &Urls, image: &str) -> String {
    urls.absolute(image)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The JSON is what a `Value` tree writes: its keys come out sorted, as a parsed and
    /// re-written copy shows, and it holds what the notes say.
    #[test]
    fn event_json_is_a_sorted_value_tree() {
        let notes = "+++\ntitle = \"Forum <2025>\"\ndate = 2025-05-07\ntimezone = \"Europe/Zurich\"\n\
            location = \"Bern & Zürich\"\norganizers = [\"CH Open\", \"BFH\"]\n\
            summary = \"A \\\"day\\\"\"\nimage = \"/img/a.png\"\n+++\n\n\
            13:00 Welcome\nAda Muster, Lab and Bob Beispiel\n- hi\n\n13:30 Talk\n- notes\n\nLunch\n";
        let parsed = crate::notes::parse(std::path::Path::new("forum.md"), notes).unwrap();
        let config = crate::config::Config {
            base_url: "https://example.org/".into(),
            ..crate::config::Config::default()
        };
        let urls = Urls::new(&config);
        let times = EventTimes::new(&parsed.event, &config.zone());
        let out = event(&urls, &parsed.event, &times);
        let value: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(crate::escape::script_json(&value.to_string()), out);
        assert_eq!(value["name"], "Forum <2025>");
        assert_eq!(value["startDate"], "2025-05-07T13:00:00+02:00");
        assert_eq!(value["endDate"], "2025-05-07T14:00:00+02:00");
        assert_eq!(value["location"]["address"], "Bern & Zürich");
        assert_eq!(value["organizer"][1]["name"], "BFH");
        assert_eq!(value["image"], "https://example.org/img/a.png");
        let subs = value["subEvent"].as_array().unwrap();
        assert_eq!(subs.len(), 2);
        assert_eq!(subs[0]["endDate"], "2025-05-07T13:30:00+02:00");
        assert_eq!(subs[0]["performer"][0]["affiliation"]["name"], "Lab");
        assert!(subs[0]["performer"][1].get("affiliation").is_none());
        assert!(subs[1].get("performer").is_none());
    }
}

/// A speaker's page as a schema.org `Person`: name, page, portrait, and the person's
/// own pages elsewhere (`sameAs`).
#[derive(Serialize)]
struct PersonData<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<Organization<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    name: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "<[_]>::is_empty")]
    same_as: &'a [&'a str],
    url: &'a str,
}

/// The JSON-LD of a speaker's page.
pub fn person(
    name: &str,
    url: &str,
    image: Option<&str>,
    same_as: &[&str],
    affiliation: Option<&str>,
) -> String {
    let data = PersonData {
        context: "https://schema.org",
        kind: "Person",
        affiliation: affiliation.map(organization),
        image,
        name,
        same_as,
        url,
    };
    crate::escape::script_json(&serde_json::to_string(&data).unwrap_or_default())
}
