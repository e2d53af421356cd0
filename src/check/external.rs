//! `plenary check --external`: tries the links to other sites, politely. One request
//! at a time per host (hosts in parallel, a bounded number at once), a timeout on
//! each, redirects followed a few times, and every answer remembered for a day in
//! `.plenary/external-links.json`, so checking again soon asks nobody twice. The
//! requests go through [`crate::net`].

use super::{Finding, Severity};
use crate::net;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How `--external` behaves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long one request may take.
    pub timeout: Duration,
    /// How many hosts are asked at once.
    pub parallel: usize,
    /// A pause between two requests to the same host.
    pub pause: Duration,
    /// Broken external links fail the check (they are warnings otherwise).
    pub fail: bool,
    /// How long an answer is remembered.
    pub cache_for: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            timeout: Duration::from_secs(10),
            parallel: 8,
            pause: Duration::from_millis(250),
            fail: false,
            cache_for: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// What one URL answered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    /// A 2xx status, after any redirects.
    Ok(u16),
    /// Any other final status.
    Status(u16),
    /// No answer: the reason (timeout, refused, no such host).
    Failed(String),
    /// Not tried: the reason (`https` without curl).
    Skipped(String),
}

/// How the external links fared.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub ok: usize,
    pub broken: usize,
    pub skipped: usize,
    /// Answers taken from the cache.
    pub cached: usize,
}

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Cache {
    /// URL -> (seconds since 1970 when asked, what it answered).
    answers: BTreeMap<String, (u64, Outcome)>,
}

const CACHE_FILE: &str = ".plenary/external-links.json";

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Checks every URL of `urls` (URL -> the places that link to it) and reports those
/// that do not answer with a success.
pub fn check(
    settings: &Settings,
    root: &Path,
    urls: &BTreeMap<String, Vec<String>>,
) -> (Summary, Vec<Finding>) {
    let cache_path = root.join(CACHE_FILE);
    let mut cache: Cache = std::fs::read(&cache_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let now = now_secs();
    let fresh = |asked: u64| now.saturating_sub(asked) < settings.cache_for.as_secs();
    let mut summary = Summary::default();
    let mut outcomes: BTreeMap<&str, Outcome> = BTreeMap::new();
    // Hosts, each with the URLs still to ask.
    let mut by_host: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for url in urls.keys() {
        match cache.answers.get(url.as_str()) {
            Some((asked, outcome)) if fresh(*asked) => {
                summary.cached += 1;
                outcomes.insert(url, outcome.clone());
            }
            _ => by_host.entry(host_of(url)).or_default().push(url),
        }
    }
    let curl = net::has_curl();
    let queue = Mutex::new(by_host.into_values().collect::<Vec<_>>());
    let answers = Mutex::new(Vec::new());
    let workers = settings.parallel.max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().ok().and_then(|mut q| q.pop());
                    let Some(host_urls) = next else { break };
                    for (n, url) in host_urls.into_iter().enumerate() {
                        if n > 0 {
                            std::thread::sleep(settings.pause);
                        }
                        let outcome = ask(url, settings.timeout, curl);
                        if let Ok(mut a) = answers.lock() {
                            a.push((url, outcome));
                        }
                    }
                }
            });
        }
    });
    for (url, outcome) in answers.into_inner().unwrap_or_default() {
        if !matches!(outcome, Outcome::Skipped(_)) {
            cache
                .answers
                .insert(url.to_string(), (now, outcome.clone()));
        }
        outcomes.insert(url, outcome);
    }
    cache.answers.retain(|_, (asked, _)| fresh(*asked));
    if let Ok(json) = serde_json::to_vec_pretty(&cache) {
        // The cache only saves time: a site folder that cannot hold it still checks.
        let _ = std::fs::create_dir_all(root.join(".plenary"));
        let _ = std::fs::write(&cache_path, json);
    }

    let mut findings = Vec::new();
    let severity = if settings.fail {
        Severity::Error
    } else {
        Severity::Warning
    };
    for (url, outcome) in outcomes {
        let what = match &outcome {
            Outcome::Ok(_) => {
                summary.ok += 1;
                continue;
            }
            Outcome::Skipped(why) => {
                summary.skipped += 1;
                findings.push(Finding {
                    severity: Severity::Warning,
                    place: first_place(urls, url),
                    message: format!("the link {url} was not checked: {why}"),
                });
                continue;
            }
            Outcome::Status(code) => format!("answers {code}{}", meaning(*code)),
            Outcome::Failed(why) => why.clone(),
        };
        summary.broken += 1;
        let places = urls.get(url).map_or(0, Vec::len);
        let more = match places {
            0 | 1 => String::new(),
            n => format!(" (and {} more places)", n - 1),
        };
        findings.push(Finding {
            severity,
            place: first_place(urls, url),
            message: format!("the external link {url} {what}{more}"),
        });
    }
    (summary, findings)
}

fn first_place(urls: &BTreeMap<String, Vec<String>>, url: &str) -> String {
    let places = urls.get(url).and_then(|p| p.first());
    places.cloned().unwrap_or_default()
}

fn meaning(code: u16) -> &'static str {
    match code {
        404 | 410 => " (the page is gone)",
        401 | 403 => " (the site refuses plenary's request; a browser may still see it)",
        429 => " (too many requests: try again later)",
        500..=599 => " (the site's server failed)",
        300..=399 => " (too many redirects)",
        _ => "",
    }
}

/// `example.org:8080`, lower case, from an http(s) URL.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.to_ascii_lowercase()
}

/// Asks for `url`: HEAD first, GET when the server refuses HEAD; redirects followed up
/// to five times.
fn ask(url: &str, timeout: Duration, curl: bool) -> Outcome {
    let mut url = url.to_string();
    for _ in 0..=5 {
        if url.to_ascii_lowercase().starts_with("https://") && !curl {
            return Outcome::Skipped("https links need curl installed".to_string());
        }
        let answer = match net::send("HEAD", &url, None, timeout) {
            Ok(a) if matches!(a.status, 403 | 405 | 501) => net::send("GET", &url, None, timeout),
            other => other,
        };
        match answer {
            Ok(net::Answer {
                status,
                location: Some(location),
            }) if (300..400).contains(&status) => url = net::join(&url, &location),
            Ok(a) if (200..300).contains(&a.status) => return Outcome::Ok(a.status),
            Ok(a) => return Outcome::Status(a.status),
            Err(why) => return Outcome::Failed(why),
        }
    }
    Outcome::Status(310)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://Example.org:8443/a?b#c"),
            "example.org:8443"
        );
        assert_eq!(host_of("http://example.org"), "example.org");
    }
}
