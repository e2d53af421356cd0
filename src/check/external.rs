//! `plenary check --external`: tries the links to other sites, politely. One request
//! at a time per host (hosts in parallel, a bounded number at once), a timeout on
//! each, redirects followed a few times, and every answer remembered for a day in
//! `.plenary/external-links.json`, so checking again soon asks nobody twice. `http://`
//! goes over `std::net`; `https://` through `curl`, when it is installed (plenary
//! carries no TLS stack of its own).

use super::{Finding, Severity};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
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
    let curl = has_curl();
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

fn has_curl() -> bool {
    std::process::Command::new("curl")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Asks for `url`: HEAD first, GET when the server does not do HEAD; redirects
/// followed up to five times.
fn ask(url: &str, timeout: Duration, curl: bool) -> Outcome {
    let mut url = url.to_string();
    for _ in 0..=5 {
        let answer = if url.to_ascii_lowercase().starts_with("https://") {
            if !curl {
                return Outcome::Skipped("https links need curl installed".to_string());
            }
            return ask_curl(&url, timeout);
        } else {
            let head = http(&url, "HEAD", timeout);
            match head {
                Ok((405 | 501, _)) => http(&url, "GET", timeout),
                other => other,
            }
        };
        match answer {
            Ok((code, Some(location))) if (300..400).contains(&code) => {
                url = join(&url, &location);
            }
            Ok((code, _)) if (200..300).contains(&code) => return Outcome::Ok(code),
            Ok((code, _)) => return Outcome::Status(code),
            Err(why) => return Outcome::Failed(why),
        }
    }
    Outcome::Status(310)
}

/// A redirect's `Location`, made absolute against the URL that gave it.
fn join(url: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let host_end = url[scheme_end..]
        .find('/')
        .map_or(url.len(), |i| scheme_end + i);
    if location.starts_with('/') {
        format!("{}{location}", &url[..host_end])
    } else {
        let dir_end = url
            .rfind('/')
            .filter(|&i| i >= host_end)
            .map_or(url.len(), |i| i + 1);
        let dir = &url[..dir_end];
        let sep = if dir.ends_with('/') { "" } else { "/" };
        format!("{dir}{sep}{location}")
    }
}

/// One plain-HTTP request: its status, and `Location` if any.
fn http(url: &str, method: &str, timeout: Duration) -> Result<(u16, Option<String>), String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let path = path.split('#').next().unwrap_or("/");
    let path = if path.starts_with('?') {
        format!("/{path}")
    } else {
        path.to_string()
    };
    let with_port = if authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok())
        && !authority.ends_with(']')
    {
        authority.to_string()
    } else {
        format!("{authority}:80")
    };
    let addrs = with_port
        .to_socket_addrs()
        .map_err(|e| format!("has a host that does not resolve ({e})"))?;
    let mut last = String::from("has a host with no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(stream) => return request(stream, authority, &path, method, timeout),
            Err(e) => last = failed(&e, timeout),
        }
    }
    Err(last)
}

fn failed(e: &std::io::Error, timeout: Duration) -> String {
    match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
            format!("did not answer within {} s", timeout.as_secs_f32())
        }
        std::io::ErrorKind::ConnectionRefused => "refused the connection".to_string(),
        _ => format!("failed: {e}"),
    }
}

fn request(
    mut stream: TcpStream,
    host: &str,
    path: &str,
    method: &str,
    timeout: Duration,
) -> Result<(u16, Option<String>), String> {
    let io = |e: std::io::Error| failed(&e, timeout);
    stream.set_read_timeout(Some(timeout)).map_err(io)?;
    stream.set_write_timeout(Some(timeout)).map_err(io)?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: plenary-check/{} (link checker)\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    );
    stream.write_all(head.as_bytes()).map_err(io)?;
    // Only the head is read: the body is never wanted.
    let mut reader = BufReader::new(stream.take(64 * 1024));
    let mut status = String::new();
    reader.read_line(&mut status).map_err(io)?;
    let code = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok())
        .filter(|_| status.starts_with("HTTP/"))
        .ok_or_else(|| "answered something other than HTTP".to_string())?;
    let mut location = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(io)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("location")
        {
            location = Some(value.trim().to_string());
        }
    }
    Ok((code, location))
}

/// An https request through curl: HEAD, then a one-byte GET when HEAD is refused.
fn ask_curl(url: &str, timeout: Duration) -> Outcome {
    let run = |head: bool| -> Result<u16, String> {
        let mut cmd = std::process::Command::new("curl");
        cmd.args(["--silent", "--location", "--max-redirs", "5", "--output"])
            .arg(if cfg!(windows) { "NUL" } else { "/dev/null" })
            .args(["--write-out", "%{http_code}", "--max-time"])
            .arg(format!("{}", timeout.as_secs().max(1)))
            .args(["--user-agent", "plenary-check (link checker)"]);
        if head {
            cmd.arg("--head");
        } else {
            cmd.args(["--range", "0-0"]);
        }
        let out = cmd
            .arg("--")
            .arg(url)
            .output()
            .map_err(|e| format!("failed: curl: {e}"))?;
        let code: u16 = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
        match (code, out.status.code()) {
            (0, Some(28)) => Err(format!("did not answer within {} s", timeout.as_secs())),
            (0, Some(6)) => Err("has a host that does not resolve".to_string()),
            (0, Some(7)) => Err("refused the connection".to_string()),
            (0, c) => Err(format!("failed (curl exit {})", c.unwrap_or(-1))),
            (code, _) => Ok(code),
        }
    };
    let answer = match run(true) {
        Ok(405 | 501 | 403) => run(false),
        other => other,
    };
    match answer {
        Ok(code) if (200..300).contains(&code) => Outcome::Ok(code),
        Ok(code) => Outcome::Status(code),
        Err(why) => Outcome::Failed(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_redirects() {
        assert_eq!(
            host_of("https://Example.org:8443/a?b#c"),
            "example.org:8443"
        );
        assert_eq!(host_of("http://example.org"), "example.org");
        assert_eq!(join("http://e.org/a/b", "/c"), "http://e.org/c");
        assert_eq!(join("http://e.org/a/b", "c"), "http://e.org/a/c");
        assert_eq!(join("http://e.org", "c"), "http://e.org/c");
        assert_eq!(join("http://e.org/a", "https://f.org/"), "https://f.org/");
    }
}
