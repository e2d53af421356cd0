//! WebSub (<https://www.w3.org/TR/websub/>) publishing: the feeds name the hub of
//! `hub_url` (see [`super::atom`] and [`super::jsonfeed`]); after a build,
//! `plenary build --ping` tells the hub which of them changed, so subscribers hear of
//! a new session without polling.

use crate::net;
use std::time::Duration;

/// How long the hub may take to take a notice.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Whether a URL of the site is one of its feeds (Atom or JSON Feed).
pub fn is_feed(url: &str) -> bool {
    url.ends_with("/atom.xml") || url.ends_with("/feed.json")
}

/// Tells `hub` that each feed of `feeds` changed (`hub.mode=publish`, the form most
/// hubs take), one request at a time. A hub answers 2xx when it took the notice.
pub fn ping<'a>(hub: &str, feeds: &[&'a String]) -> Vec<(&'a String, Result<(), String>)> {
    feeds
        .iter()
        .map(|&feed| {
            let body = format!("hub.mode=publish&hub.url={}", net::form_encode(feed));
            let answer = net::send(
                "POST",
                hub,
                Some(net::Body {
                    media_type: "application/x-www-form-urlencoded",
                    bytes: body.as_bytes(),
                }),
                TIMEOUT,
            );
            let outcome = match answer {
                Ok(a) if (200..300).contains(&a.status) => Ok(()),
                Ok(a) => Err(format!("it answered {}", a.status)),
                Err(why) => Err(format!("it {why}")),
            };
            (feed, outcome)
        })
        .collect()
}
