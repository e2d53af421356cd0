//! Answering one HTTP request from the pages in memory: the `Host` checked (DNS
//! rebinding), path normalisation (nothing outside the site can be named), directory
//! indexes that redirect only within the site, 404s, content types, and the
//! live-reload script added to HTML. Requests are read by `request.rs`, on the
//! connections of `server.rs`.

use super::rebuild::{Bytes, Pages};
use super::reload::{EVENTS_PATH, Hub};
use super::request::Request;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

/// What the request handlers share.
pub struct Shared {
    /// The last good site.
    pub pages: Arc<RwLock<Pages>>,
    pub hub: Hub,
    /// Whether a build has succeeded; until then every page is a placeholder.
    pub ready: AtomicBool,
    /// The `Host` names answered.
    pub hosts: Hosts,
}

/// A page shown while no build has succeeded yet; the overlay tells what is wrong.
const PLACEHOLDER: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>plenary</title></head>\n<body><main><h1>The site does not build yet</h1><p>The error is shown below and in the terminal. This page reloads when it is fixed.</p></main></body></html>\n";

/// An answer, its body shared with the site in memory where it can be.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Bytes,
}

/// What to do with a request.
pub enum Reply {
    Page(Response),
    /// Hand the connection to the live-reload hub; the query tells which page listens.
    Stream {
        query: String,
    },
}

/// The `Host` names a server answers. A server on loopback answers only names that
/// cannot be another site's: a page on `evil.example` whose name was made to resolve
/// to 127.0.0.1 (DNS rebinding) sends `Host: evil.example` and is refused. A server
/// bound to another address was opened to other machines on purpose (`--bind`), and
/// their names for it cannot be known: it answers every name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hosts {
    Any,
    /// Besides `localhost`, `127.0.0.1` and `[::1]`: the address bound.
    Loopback(String),
}

impl Hosts {
    /// The names answered by a server bound to `bind`.
    pub fn for_bind(bind: IpAddr) -> Hosts {
        match bind {
            IpAddr::V4(ip) if ip.is_loopback() => Hosts::Loopback(ip.to_string()),
            IpAddr::V6(ip) if ip.is_loopback() => Hosts::Loopback(format!("[{ip}]")),
            _ => Hosts::Any,
        }
    }

    /// Whether a request with this `Host` header (`None`: none sent) is answered. A
    /// browser always sends one; tools that send none are not a browser tricked into it.
    pub fn allow(&self, host: Option<&str>) -> bool {
        let (Hosts::Loopback(bound), Some(host)) = (self, host) else {
            return true;
        };
        let host = host.to_ascii_lowercase();
        // The port (`:1111`) split off; an IPv6 address keeps its brackets.
        let at = if host.starts_with('[') {
            host.find(']').map(|end| end + 1)
        } else {
            Some(host.find(':').unwrap_or(host.len()))
        };
        let Some((name, port)) = at.map(|at| host.split_at(at)) else {
            return false;
        };
        (port.is_empty() || is_port(port))
            && (matches!(name, "localhost" | "127.0.0.1" | "[::1]") || name == bound)
    }
}

/// `:` and digits (an empty port is allowed by RFC 3986).
fn is_port(s: &str) -> bool {
    s.strip_prefix(':')
        .is_some_and(|p| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Answers one request.
pub fn answer(shared: &Shared, request: &Request) -> Reply {
    if !shared.hosts.allow(request.host.as_deref()) {
        return Reply::Page(text(
            403,
            "plenary serve answers only to the names localhost, 127.0.0.1 and [::1], so that no other site's page can read it: open the site by one of them\n",
        ));
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        return Reply::Page(with_header(
            text(405, "only GET and HEAD are served\n"),
            "Allow",
            "GET, HEAD",
        ));
    }
    let url = request.target.as_str();
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    if path == EVENTS_PATH && request.method == "GET" {
        return Reply::Stream {
            query: query.unwrap_or_default().to_string(),
        };
    }
    Reply::Page(page(shared, path, query))
}

fn page(shared: &Shared, path: &str, query: Option<&str>) -> Response {
    let Some(key) = resolve(path) else {
        return text(400, "bad path\n");
    };
    let Ok(pages) = shared.pages.read() else {
        return text(500, "the server is in a bad state: restart it\n");
    };
    if !shared.ready.load(Ordering::SeqCst) {
        return html(shared, 503, "", PLACEHOLDER.as_bytes());
    }
    if let Some(bytes) = pages.get(&key) {
        return file(shared, 200, &key, bytes);
    }
    let dir_index = format!("{key}/index.html");
    if !key.ends_with("index.html") && pages.contains_key(&dir_index) {
        // One leading slash: `//tags/` would be a URL of the host `tags`.
        let mut to = format!("/{}/", path.trim_start_matches('/'));
        if let Some(q) = query {
            to.push('?');
            to.push_str(q);
        }
        return with_header(text(301, "moved\n"), "Location", &to);
    }
    match pages.get("404.html") {
        Some(bytes) => file(shared, 404, "404.html", bytes),
        None => text(404, "not found\n"),
    }
}

fn file(shared: &Shared, status: u16, key: &str, bytes: &Bytes) -> Response {
    if key.ends_with(".html") {
        return html(shared, status, key, bytes);
    }
    let response = Response {
        status,
        headers: vec![("Content-Type", content_type(key).to_string())],
        body: bytes.clone(),
    };
    with_header(response, "Cache-Control", "no-store")
}

fn html(shared: &Shared, status: u16, key: &str, bytes: &[u8]) -> Response {
    // The generation is read after the page, so a page is never newer than it claims.
    let script = shared.hub.script(key, shared.hub.generation());
    let response = Response {
        status,
        headers: vec![("Content-Type", "text/html; charset=utf-8".to_string())],
        body: super::reload::inject(bytes, &script).into(),
    };
    with_header(response, "Cache-Control", "no-store")
}

/// A plain-text answer.
pub fn text(status: u16, body: &str) -> Response {
    Response {
        status,
        headers: vec![("Content-Type", "text/plain; charset=utf-8".to_string())],
        body: body.as_bytes().into(),
    }
}

/// Adds a header, its value's non-ASCII and control bytes percent-encoded so it is
/// always valid (and a browser cannot drop a tab or a newline to make `//` of `/\t/`).
fn with_header(mut response: Response, name: &'static str, value: &str) -> Response {
    let mut ascii = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii() && !b.is_ascii_control() {
            ascii.push(char::from(b));
        } else {
            ascii.push_str(&format!("%{b:02X}"));
        }
    }
    response.headers.push((name, ascii));
    response
}

/// The reason phrase of a status.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// The key of the file a URL path names, or `None` when the path is not one a site
/// file can have: it must start with `/`, decode to UTF-8, and hold no NUL, no
/// backslash and no `.` or `..` segment (encoded or not). `/dir/` names
/// `dir/index.html`.
pub fn resolve(path: &str) -> Option<String> {
    if !path.starts_with('/') {
        return None;
    }
    let decoded = percent_decode(path)?;
    if decoded.contains(['\0', '\\']) {
        return None;
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return None,
            s => segments.push(s),
        }
    }
    let mut key = segments.join("/");
    if decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

/// `%XX` decoded; `None` for a broken escape or bytes that are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a file, by its extension.
pub fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A server on 127.0.0.1 with a built site of a few files.
    fn served(ready: bool, with_404: bool) -> Shared {
        let mut pages: HashMap<String, Bytes> = HashMap::new();
        for (key, body) in [
            ("index.html", "<html><body><h1>Home</h1></body></html>"),
            ("2025/x/index.html", "<html><body>Event</body></html>"),
            ("tags/index.html", "<html><body>Tags</body></html>"),
            ("style.css", "body{}"),
        ] {
            pages.insert(key.to_string(), body.as_bytes().into());
        }
        if with_404 {
            pages.insert(
                "404.html".into(),
                b"<html><body>Lost</body></html>"[..].into(),
            );
        }
        Shared {
            pages: Arc::new(RwLock::new(pages)),
            hub: Hub::new(),
            ready: AtomicBool::new(ready),
            hosts: Hosts::Loopback("127.0.0.1".into()),
        }
    }

    fn request(method: &str, target: &str, host: &str) -> Request {
        Request {
            method: method.into(),
            target: target.into(),
            host: Some(host.into()),
            http10: false,
            keep_alive: true,
            has_body: false,
        }
    }

    /// Status, headers and body of the answer to `GET target` from localhost.
    fn get(
        shared: &Shared,
        method: &str,
        target: &str,
    ) -> (u16, Vec<(&'static str, String)>, String) {
        match answer(shared, &request(method, target, "localhost:1111")) {
            Reply::Page(r) => (
                r.status,
                r.headers,
                String::from_utf8_lossy(&r.body).into_owned(),
            ),
            Reply::Stream { query } => (0, vec![], query),
        }
    }

    fn header<'a>(headers: &'a [(&'static str, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn pages_are_served_with_their_type_uncached_and_html_with_the_reload_script() {
        let shared = served(true, true);
        let (status, headers, body) = get(&shared, "GET", "/2025/x/");
        assert_eq!(status, 200);
        assert_eq!(
            header(&headers, "Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(header(&headers, "Cache-Control"), Some("no-store"));
        assert!(body.starts_with("<html><body>Event<script>"), "{body}");
        assert!(body.ends_with("</script></body></html>"), "{body}");
        assert!(body.contains(r#""key":"2025/x/index.html""#), "{body}");
        let (status, headers, body) = get(&shared, "HEAD", "/style.css?v=2");
        assert_eq!(status, 200);
        assert_eq!(
            header(&headers, "Content-Type"),
            Some("text/css; charset=utf-8")
        );
        assert_eq!(header(&headers, "Cache-Control"), Some("no-store"));
        assert_eq!(body, "body{}");
    }

    #[test]
    fn a_folder_without_its_slash_redirects_within_the_site_keeping_the_query() {
        let shared = served(true, true);
        for (target, location) in [
            ("/2025/x", "/2025/x/"),
            ("/2025/x?from=feed", "/2025/x/?from=feed"),
            // Two slashes would name the host `tags`.
            ("//tags", "/tags/"),
            ("///tags?a", "/tags/?a"),
        ] {
            let (status, headers, _) = get(&shared, "GET", target);
            assert_eq!(status, 301, "{target}");
            assert_eq!(header(&headers, "Location"), Some(location), "{target}");
        }
        // A page named `index.html` that is missing is not a folder.
        let (status, _, _) = get(&shared, "GET", "/2025/index.html");
        assert_eq!(status, 404);
    }

    #[test]
    fn a_redirect_header_carries_no_raw_control_or_non_ascii_byte() {
        let shared = served(true, true);
        if let Ok(mut pages) = shared.pages.write() {
            pages.insert("ü\tx/index.html".into(), b"x"[..].into());
        }
        let (status, headers, _) = get(&shared, "GET", "/ü%09x?q=\u{7f}");
        assert_eq!(status, 301);
        assert_eq!(header(&headers, "Location"), Some("/%C3%BC%09x/?q=%7F"));
    }

    #[test]
    fn a_missing_page_is_the_sites_404_page_or_a_plain_not_found() {
        let (status, headers, body) = get(&served(true, true), "GET", "/nowhere");
        assert_eq!(status, 404);
        assert_eq!(
            header(&headers, "Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert!(body.starts_with("<html><body>Lost<script>"), "{body}");
        let (status, headers, body) = get(&served(true, false), "GET", "/nowhere");
        assert_eq!(status, 404);
        assert_eq!(
            header(&headers, "Content-Type"),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(body, "not found\n");
        let (status, _, _) = get(&served(true, true), "GET", "/../etc/passwd");
        assert_eq!(status, 400);
    }

    #[test]
    fn before_the_first_good_build_every_page_is_the_placeholder() {
        let shared = served(false, true);
        for target in ["/", "/2025/x/", "/nowhere"] {
            let (status, headers, body) = get(&shared, "GET", target);
            assert_eq!(status, 503, "{target}");
            assert_eq!(
                header(&headers, "Content-Type"),
                Some("text/html; charset=utf-8")
            );
            assert!(
                body.contains("does not build yet") && body.contains("<script>"),
                "{body}"
            );
        }
    }

    #[test]
    fn only_get_and_head_from_a_loopback_name_are_answered() {
        let shared = served(true, true);
        let (status, headers, _) = get(&shared, "POST", "/");
        assert_eq!(status, 405);
        assert_eq!(header(&headers, "Allow"), Some("GET, HEAD"));
        for host in ["evil.example", "evil.example:1111"] {
            let Reply::Page(r) = answer(&shared, &request("GET", "/", host)) else {
                panic!("{host}: a stream");
            };
            assert_eq!(r.status, 403, "{host}");
        }
    }

    #[test]
    fn the_events_path_opens_a_stream_for_get_only() {
        let shared = served(true, true);
        let target = format!("{EVENTS_PATH}?key=index.html");
        assert!(matches!(
            answer(&shared, &request("GET", &target, "localhost")),
            Reply::Stream { query } if query == "key=index.html"
        ));
        assert!(matches!(
            answer(&shared, &request("GET", EVENTS_PATH, "localhost")),
            Reply::Stream { query } if query.is_empty()
        ));
        assert!(matches!(
            answer(&shared, &request("HEAD", EVENTS_PATH, "localhost")),
            Reply::Page(_)
        ));
    }

    #[test]
    fn every_status_sent_has_its_reason_phrase() {
        for (status, phrase) in [
            (200, "OK"),
            (301, "Moved Permanently"),
            (400, "Bad Request"),
            (403, "Forbidden"),
            (404, "Not Found"),
            (405, "Method Not Allowed"),
            (414, "URI Too Long"),
            (431, "Request Header Fields Too Large"),
            (500, "Internal Server Error"),
            (503, "Service Unavailable"),
            (505, "HTTP Version Not Supported"),
            (418, ""),
        ] {
            assert_eq!(reason(status), phrase, "{status}");
        }
    }

    #[test]
    fn paths_resolve_inside_the_site_or_not_at_all() {
        let file = |k: &str| Some(k.to_string());
        let cases = [
            ("/", file("index.html")),
            ("/2025/x/", file("2025/x/index.html")),
            ("/2025/x", file("2025/x")),
            ("/style.css", file("style.css")),
            ("//etc/passwd", file("etc/passwd")),
            ("/a%20b.txt", file("a b.txt")),
            ("/tags/%C3%BC/", file("tags/ü/index.html")),
            ("/../etc/passwd", None),
            ("/a/../../b", None),
            ("/%2e%2e/etc/passwd", None),
            ("/%2E%2E%2Fetc%2Fpasswd", None),
            ("/a/%2e/b", None),
            ("/..%5cetc", None),
            ("/a\\b", None),
            ("/a%00.html", None),
            ("/%zz", None),
            ("/%ff", None),
            ("etc/passwd", None),
            ("C:/x", None),
        ];
        for (path, want) in cases {
            assert_eq!(resolve(path), want, "{path}");
        }
    }

    #[test]
    fn a_loopback_server_answers_only_loopback_names() {
        let local = Hosts::for_bind(IpAddr::from([127, 0, 0, 1]));
        let other_loopback = Hosts::for_bind(IpAddr::from([127, 0, 0, 2]));
        let v6 = Hosts::for_bind("::1".parse().unwrap());
        let open = Hosts::for_bind(IpAddr::from([0, 0, 0, 0]));
        let lan = Hosts::for_bind(IpAddr::from([192, 168, 1, 5]));
        assert_eq!(open, Hosts::Any);
        assert_eq!(lan, Hosts::Any);
        assert_eq!(v6, Hosts::Loopback("[::1]".into()));
        for other in ["::", "fe80::1", "2001:db8::5"] {
            let bind: IpAddr = other.parse().unwrap();
            assert_eq!(Hosts::for_bind(bind), Hosts::Any, "{other}");
        }
        assert!(!v6.allow(Some("evil.example")));
        let cases: [(&Hosts, Option<&str>, bool); 21] = [
            (&local, None, true),
            (&local, Some("localhost"), true),
            (&local, Some("LOCALHOST:1111"), true),
            (&local, Some("127.0.0.1"), true),
            (&local, Some("127.0.0.1:1111"), true),
            (&local, Some("[::1]"), true),
            (&local, Some("[::1]:8080"), true),
            (&local, Some("localhost:"), true),
            (&local, Some(""), false),
            (&local, Some("evil.example"), false),
            (&local, Some("evil.example:1111"), false),
            (&local, Some("localhost.evil.example"), false),
            (&local, Some("127.0.0.1.evil.example"), false),
            (&local, Some("localhost:1111@evil.example"), false),
            (&local, Some("localhost:x"), false),
            (&local, Some("[::1]x"), false),
            (&local, Some("127.0.0.2"), false),
            (&other_loopback, Some("127.0.0.2:1111"), true),
            (&v6, Some("[::1]:1111"), true),
            (&open, Some("evil.example"), true),
            (&lan, Some("my-laptop.local:1111"), true),
        ];
        for (hosts, host, want) in cases {
            assert_eq!(hosts.allow(host), want, "{hosts:?} {host:?}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("live.json", "application/json"),
            ("atom.xml", "application/xml"),
            ("calendar.ics", "text/calendar; charset=utf-8"),
            ("logo.svg", "image/svg+xml"),
            ("a.PNG", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.webp", "image/webp"),
            ("a.gif", "image/gif"),
            ("font.woff2", "font/woff2"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("LICENSE", "application/octet-stream"),
            ("old.htm", "text/html; charset=utf-8"),
            ("module.mjs", "text/javascript; charset=utf-8"),
            ("photo.JPEG", "image/jpeg"),
            ("favicon.ico", "image/x-icon"),
            ("font.woff", "font/woff"),
            ("slides.pdf", "application/pdf"),
            ("archive.tar.gz", "application/octet-stream"),
        ];
        for (key, want) in cases {
            assert_eq!(content_type(key), want, "{key}");
        }
    }
}
