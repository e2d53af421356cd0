//! schema.org `Event` data for event pages, as JSON-LD safe to place inside a
//! `<script>` element.

use super::times;
use crate::config::Config;
use crate::model::Event;
use crate::urls::Urls;
use serde_json::{Map, Value, json};

/// The event's JSON-LD: name, dates, place, organisers, and a sub-event per timed
/// session with its speakers as performers.
pub fn event(config: &Config, urls: &Urls, event: &Event) -> String {
    let tz = times::zone(config, event);
    let rel = urls.event(event).unwrap_or_default();
    let mut data = Map::new();
    data.insert("@context".into(), json!("https://schema.org"));
    data.insert("@type".into(), json!("Event"));
    data.insert("name".into(), json!(event.title));
    data.insert("url".into(), json!(urls.permalink(&rel)));
    if let Some(s) = &event.summary {
        data.insert("description".into(), json!(s));
    }
    let starts: Vec<_> = event
        .sessions
        .iter()
        .filter_map(|s| times::start(event, s, &tz))
        .collect();
    let ends: Vec<_> = (0..event.sessions.len())
        .filter_map(|i| times::end(event, i, &tz))
        .collect();
    // Full times when the sessions give them, else the bare dates.
    match starts.iter().min() {
        Some(z) => data.insert("startDate".into(), json!(times::rfc3339(z))),
        None => data.insert("startDate".into(), json!(event.date.map(|d| d.to_string()))),
    };
    match ends.iter().max() {
        Some(z) => data.insert("endDate".into(), json!(times::rfc3339(z))),
        None => data.insert(
            "endDate".into(),
            json!(event.last_date().map(|d| d.to_string())),
        ),
    };
    data.insert(
        "eventAttendanceMode".into(),
        json!("https://schema.org/OfflineEventAttendanceMode"),
    );
    let place = event
        .location
        .as_ref()
        .map(|l| json!({"@type": "Place", "name": l, "address": l}));
    if let Some(p) = &place {
        data.insert("location".into(), p.clone());
    }
    if !event.organizers.is_empty() {
        let orgs: Vec<Value> = event
            .organizers
            .iter()
            .map(|o| json!({"@type": "Organization", "name": o}))
            .collect();
        data.insert("organizer".into(), json!(orgs));
    }
    if let Some(image) = &event.image {
        data.insert("image".into(), json!(absolute(urls, image)));
    }
    let mut subs = Vec::new();
    for (i, s) in event.sessions.iter().enumerate() {
        let Some(start) = times::start(event, s, &tz) else {
            continue;
        };
        let mut sub = Map::new();
        sub.insert("@type".into(), json!("Event"));
        sub.insert("name".into(), json!(s.title));
        sub.insert("startDate".into(), json!(times::rfc3339(&start)));
        if let Some(end) = times::end(event, i, &tz) {
            sub.insert("endDate".into(), json!(times::rfc3339(&end)));
        }
        sub.insert("url".into(), json!(urls.permalink(&urls.session(&rel, s))));
        if let Some(p) = &place {
            sub.insert("location".into(), p.clone());
        }
        if !s.speakers.is_empty() {
            let people: Vec<Value> = s
                .speakers
                .iter()
                .map(|p| {
                    let mut person = json!({"@type": "Person", "name": p.name});
                    if let (Some(a), Some(obj)) = (&p.affiliation, person.as_object_mut()) {
                        obj.insert(
                            "affiliation".into(),
                            json!({"@type": "Organization", "name": a}),
                        );
                    }
                    person
                })
                .collect();
            sub.insert("performer".into(), json!(people));
        }
        subs.push(Value::Object(sub));
    }
    if !subs.is_empty() {
        data.insert("subEvent".into(), json!(subs));
    }
    script_safe(&Value::Object(data).to_string())
}

/// An image given as a site path becomes an absolute URL; a URL stays as written.
fn absolute(urls: &Urls, image: &str) -> String {
    if image.starts_with("http://") || image.starts_with("https://") {
        image.to_string()
    } else {
        urls.permalink(image.trim_start_matches('/'))
    }
}

/// JSON that cannot end its `<script>` element or open a comment in it: `<`, `>` and
/// `&` become `\u` escapes, which mean the same to a JSON parser.
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json() {
        let cases = [
            (json!("plain"), "\"plain\""),
            (
                json!("</script><!--"),
                "\"\\u003c/script\\u003e\\u003c!--\"",
            ),
            (json!("a & b"), "\"a \\u0026 b\""),
        ];
        for (value, want) in cases {
            let out = script_safe(&value.to_string());
            assert_eq!(out, want);
            let back: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(back, value);
        }
    }
}
