//! Answering one HTTP request from the pages in memory: path normalisation (nothing
//! outside the site can be named), directory indexes, 404s, content types, and the
//! live-reload script added to HTML.

use super::rebuild::Pages;
use super::reload::{EVENTS_PATH, Hub};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// What the request handlers share.
pub struct Shared {
    /// The last good site.
    pub pages: Arc<RwLock<Pages>>,
    pub hub: Hub,
    /// Whether a build has succeeded; until then every page is a placeholder.
    pub ready: AtomicBool,
}

/// The longest URL answered; no site file has a longer path.
const MAX_URL: usize = 8 * 1024;
/// The most header bytes answered; browsers send a few kilobytes.
const MAX_HEADERS: usize = 64 * 1024;
/// The most headers answered.
const MAX_HEADER_COUNT: usize = 256;

/// A page shown while no build has succeeded yet; the overlay tells what is wrong.
const PLACEHOLDER: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>plenary</title></head>\n<body><main><h1>The site does not build yet</h1><p>The error is shown below and in the terminal. This page reloads when it is fixed.</p></main></body></html>\n";

/// Answers one request. Event-stream requests take over the calling thread until the
/// browser goes away, so the caller gives them a thread of their own.
pub fn handle(shared: &Shared, request: Request) {
    let response = answer(shared, &request);
    // A client that went away is not the server's problem.
    let _ = request.respond(response);
}

/// Whether this request is for the event stream.
pub fn is_event_stream(request: &Request) -> bool {
    matches!(request.method(), Method::Get) && request.url().split('?').next() == Some(EVENTS_PATH)
}

fn answer(shared: &Shared, request: &Request) -> Response<std::io::Cursor<Vec<u8>>> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return with_header(
            text(405, "only GET and HEAD are served\n"),
            "Allow",
            "GET, HEAD",
        );
    }
    let url = request.url();
    if url.len() > MAX_URL {
        return text(414, "the URL is too long\n");
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|h| h.field.as_str().as_str().len() + h.value.as_str().len() + 4)
        .sum();
    if header_bytes > MAX_HEADERS || request.headers().len() > MAX_HEADER_COUNT {
        return text(431, "the request's headers are too large\n");
    }
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
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
        let mut to = format!("{path}/");
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

fn file(
    shared: &Shared,
    status: u16,
    key: &str,
    bytes: &[u8],
) -> Response<std::io::Cursor<Vec<u8>>> {
    if key.ends_with(".html") {
        return html(shared, status, key, bytes);
    }
    let response = Response::from_data(bytes.to_vec()).with_status_code(StatusCode(status));
    let response = with_header(response, "Content-Type", content_type(key));
    with_header(response, "Cache-Control", "no-store")
}

fn html(
    shared: &Shared,
    status: u16,
    key: &str,
    bytes: &[u8],
) -> Response<std::io::Cursor<Vec<u8>>> {
    // The generation is read after the page, so a page is never newer than it claims.
    let script = shared.hub.script(key, shared.hub.generation());
    let response = Response::from_data(super::reload::inject(bytes, &script))
        .with_status_code(StatusCode(status));
    let response = with_header(response, "Content-Type", "text/html; charset=utf-8");
    with_header(response, "Cache-Control", "no-store")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let response = Response::from_string(body).with_status_code(StatusCode(status));
    with_header(response, "Content-Type", "text/plain; charset=utf-8")
}

/// Adds a header, its value's non-ASCII bytes percent-encoded so it is always valid.
fn with_header<R: std::io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    let mut ascii = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii() && !b.is_ascii_control() {
            ascii.push(char::from(b));
        } else {
            ascii.push_str(&format!("%{b:02X}"));
        }
    }
    match Header::from_bytes(name.as_bytes(), ascii.as_bytes()) {
        Ok(h) => response.with_header(h),
        Err(()) => response,
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
        ];
        for (key, want) in cases {
            assert_eq!(content_type(key), want, "{key}");
        }
    }
}
