//! `plenary serve` end to end: the real binary on an ephemeral port over a temp copy of
//! a small site, queried over raw HTTP (so that bad paths reach the server as sent)
//! and read with an HTML parser.

mod common;

use common::serve;
use scraper::{Html, Selector};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use std::{fs, thread};

const WAIT: Duration = Duration::from_secs(10);

const MEETUP: &str = "content/2025-03-12-river-meetup.md";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"Serve test\"\ntimezone = \"Europe/Zurich\"\n",
    );
    write(
        root,
        MEETUP,
        "# River Meetup\n\nBy the water. #rivers\n\n18:00 Welcome\nOla Brook\n- Hello everyone.\n\n18:30 Measuring floods\nPia Stone, Hydro Lab\n- Gauges and models. #data\n",
    );
    write(
        root,
        "content/2025-04-02-spring-forum.md",
        "# Spring Forum\n\n09:00 Opening\nOla Brook\n- A short start.\n",
    );
    write(
        root,
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
    );
    dir
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One request with the path sent byte for byte as given.
fn request(port: u16, method: &str, path: &str) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad reply {raw:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

fn get(port: u16, path: &str) -> Reply {
    request(port, "GET", path)
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn session_titles(port: u16, path: &str) -> Vec<String> {
    texts(&get(port, path).body, "article.session h2 a")
}

/// Polls until `check` holds; fails with what was last seen.
fn eventually<T: std::fmt::Debug>(
    what: &str,
    mut probe: impl FnMut() -> T,
    check: impl Fn(&T) -> bool,
) -> T {
    let start = Instant::now();
    loop {
        let seen = probe();
        if check(&seen) {
            return seen;
        }
        assert!(start.elapsed() < WAIT, "{what}: last saw {seen:?}");
        thread::sleep(Duration::from_millis(20));
    }
}

/// An open event stream, read event by event.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        write!(
            stream,
            "GET /__plenary/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let mut events = Events(BufReader::new(stream));
        let (name, _) = events.next_event();
        assert_eq!(name, "hello");
        events
    }

    /// The next `event:` with its `data:`, skipping headers and comments.
    fn next_event(&mut self) -> (String, String) {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let mut line = String::new();
            let n = self.0.read_line(&mut line).expect("event stream timed out");
            assert!(n > 0, "event stream closed");
            let line = line.trim_end();
            if let Some(v) = line.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = line.strip_prefix("data: ") {
                data = v.to_string();
            } else if line.is_empty() && !name.is_empty() {
                return (name, data);
            }
        }
    }

    fn wait_for(&mut self, name: &str) -> String {
        loop {
            let (n, data) = self.next_event();
            if n == name {
                return data;
            }
        }
    }
}

#[test]
fn serves_pages_with_types_indexes_redirects_and_404s() {
    let site = fixture();
    let server = serve(site.path());
    let port = server.port;

    let home = get(port, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    let titles = texts(&home.body, "main a");
    assert!(titles.iter().any(|t| t == "River Meetup"), "{titles:?}");
    // Only served pages carry the reload script, before </body>.
    let scripts = texts(&home.body, "body > script");
    assert!(
        scripts.iter().any(|s| s.contains("/__plenary/events")),
        "{scripts:?}"
    );

    assert_eq!(
        session_titles(port, "/2025/river-meetup/"),
        ["Welcome", "Measuring floods"]
    );
    let moved = get(port, "/2025/river-meetup?x=1");
    assert_eq!(moved.status, 301);
    assert_eq!(moved.header("Location"), Some("/2025/river-meetup/?x=1"));

    let css = get(port, "/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    let svg = get(port, "/logo.svg");
    assert_eq!(svg.header("Content-Type"), Some("image/svg+xml"));

    let missing = get(port, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        !texts(&missing.body, "h1").is_empty(),
        "the site's 404 page"
    );

    let head = request(port, "HEAD", "/2025/river-meetup/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    for method in ["POST", "PUT", "DELETE"] {
        let reply = request(port, method, "/");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("Allow"), Some("GET, HEAD"));
    }
}

#[test]
fn path_traversal_is_refused() {
    let site = fixture();
    // A file next to the site that no request may reach.
    let server = serve(site.path());
    for path in [
        "/../site.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/2025/%2e%2e/%2e%2e/site.toml",
        "/..%5csite.toml",
        "/..\\site.toml",
        "/static/../../site.toml",
        "//etc/passwd",
        "/etc/passwd",
        "/content/2025-03-12-river-meetup.md",
        "/site.toml%00.html",
        "/%ff%fe",
    ] {
        let reply = get(server.port, path);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{path}: {}",
            reply.status
        );
        assert!(!reply.body.contains("Serve test\"\ntimezone"), "{path}");
        assert!(!reply.body.contains("root:"), "{path}");
    }
}

#[test]
fn edits_new_renamed_and_deleted_files_are_served() {
    let site = fixture();
    let root = site.path();
    let server = serve(root);
    let port = server.port;

    let mut text = fs::read_to_string(root.join(MEETUP)).unwrap();
    text.push_str("\n19:15 Questions from the bank\nOla Brook\n- Many hands up.\n");
    write(root, MEETUP, &text);
    eventually(
        "the edit is served",
        || session_titles(port, "/2025/river-meetup/"),
        |t| t.last().is_some_and(|t| t == "Questions from the bank"),
    );

    write(
        root,
        "content/2025/2025-05-09-harbour-day.md",
        "# Harbour Day\n\n10:00 Boats\nUma Reed\n",
    );
    eventually(
        "the new event is served",
        || session_titles(port, "/2025/harbour-day/"),
        |t| t == &["Boats"],
    );
    eventually(
        "the new speaker's page is served",
        || get(port, "/speakers/uma-reed/").status,
        |s| *s == 200,
    );

    fs::rename(
        root.join("content/2025/2025-05-09-harbour-day.md"),
        root.join("content/2024-05-09-harbour-day.md"),
    )
    .unwrap();
    eventually(
        "the renamed event moves",
        || {
            (
                get(port, "/2025/harbour-day/").status,
                get(port, "/2024/harbour-day/").status,
            )
        },
        |s| *s == (404, 200),
    );

    fs::remove_file(root.join("content/2024-05-09-harbour-day.md")).unwrap();
    eventually(
        "the deleted event is gone",
        || {
            (
                get(port, "/2024/harbour-day/").status,
                get(port, "/speakers/uma-reed/").status,
            )
        },
        |s| *s == (404, 404),
    );

    // Swap files and backups never count.
    write(root, "content/.2025-03-12-river-meetup.md.swp", "junk");
    write(root, "content/2025-03-12-river-meetup.md~", "# Junk\n");
    write(root, "content/4913", "");
    thread::sleep(Duration::from_millis(300));
    assert_eq!(get(port, "/2025/junk/").status, 404);
    assert!(!server.stderr.lock().unwrap().contains("error"));
}

#[test]
fn the_event_stream_announces_changed_pages() {
    let site = fixture();
    let root = site.path();
    let server = serve(root);
    let mut events = Events::open(server.port);

    let mut text = fs::read_to_string(root.join(MEETUP)).unwrap();
    text.push_str("\n19:30 Closing\n");
    write(root, MEETUP, &text);
    let data = events.wait_for("change");
    assert!(data.contains("\"2025/river-meetup/index.html\""), "{data}");
    assert!(
        !data.contains("spring-forum/index.html"),
        "an untouched event: {data}"
    );

    write(root, "static/style.css", "body { color: teal }\n");
    // The event's own pages come first, the pages depending on it after.
    let data = loop {
        let data = events.wait_for("change");
        if data.contains("style.css") {
            break data;
        }
    };
    assert!(data.contains("\"css\":[\"style.css\"]"), "{data}");
    assert!(
        data.contains("\"all\":false"),
        "a stylesheet alone reloads nothing: {data}"
    );
}

#[test]
fn a_bad_edit_keeps_the_last_good_page_and_reports_the_error() {
    let site = fixture();
    let root = site.path();
    let server = serve(root);
    let port = server.port;
    let mut events = Events::open(port);

    write(
        root,
        MEETUP,
        "+++\ntitle = \"River Meetup\ndate = 2025-03-12\n+++\n18:00 Broken\n",
    );
    let data = events.wait_for("failed");
    assert!(
        data.contains("\"file\":\"content/2025-03-12-river-meetup.md\""),
        "{data}"
    );
    assert!(data.contains("\"line\":2"), "{data}");
    assert_eq!(
        session_titles(port, "/2025/river-meetup/"),
        ["Welcome", "Measuring floods"],
        "the last good page stays"
    );
    eventually(
        "the terminal shows the error",
        || server.stderr.lock().unwrap().clone(),
        |e| e.contains("content/2025-03-12-river-meetup.md:2"),
    );

    write(root, MEETUP, "# River Meetup\n\n18:00 Repaired\n");
    events.wait_for("fixed");
    eventually(
        "the fix is served",
        || session_titles(port, "/2025/river-meetup/"),
        |t| t == &["Repaired"],
    );
}

#[test]
fn a_site_broken_at_startup_is_served_once_fixed() {
    let site = fixture();
    let root = site.path();
    write(
        root,
        "site.toml",
        "title = \"Serve test\"\nno_such_key = 1\n",
    );
    let server = serve(root);
    let port = server.port;

    let reply = get(port, "/");
    assert_eq!(reply.status, 503);
    assert!(
        reply.body.contains("/__plenary/events"),
        "the placeholder listens for the fix"
    );
    let mut events = Events::open(port);
    let data = events.wait_for("failed");
    assert!(data.contains("site.toml"), "{data}");

    write(root, "site.toml", "title = \"Serve test\"\n");
    events.wait_for("fixed");
    eventually(
        "the site is served",
        || get(port, "/").status,
        |s| *s == 200,
    );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = fixture();
    let out = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(["serve", "--port", &port])
        .current_dir(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("already in use"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn many_clients_at_once_are_all_answered() {
    let site = fixture();
    let server = serve(site.path());
    let port = server.port;
    // Listeners hold threads of their own and must not starve page requests.
    let _streams: Vec<Events> = (0..8).map(|_| Events::open(port)).collect();
    let workers: Vec<_> = (0..16)
        .map(|_| thread::spawn(move || (0..10).map(|_| get(port, "/").status).collect::<Vec<_>>()))
        .collect();
    for w in workers {
        assert!(w.join().unwrap().iter().all(|s| *s == 200));
    }
}

#[test]
fn a_pipe_dropped_into_static_does_not_hold_the_server() {
    let site = fixture();
    let root = site.path();
    let server = serve(root);
    let port = server.port;
    fs::create_dir_all(root.join("static")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("static/pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return common::skipped(
            "a_pipe_dropped_into_static_does_not_hold_the_server",
            "no mkfifo here",
        );
    }
    // Rebuilds go on: a notes edit after the pipe is still served.
    let mut text = fs::read_to_string(root.join(MEETUP)).unwrap();
    text.push_str("\n19:15 After the pipe\nOla Brook\n");
    write(root, MEETUP, &text);
    eventually(
        "the edit is served",
        || session_titles(port, "/2025/river-meetup/"),
        |t| t.last().is_some_and(|t| t == "After the pipe"),
    );
    assert_eq!(get(port, "/pipe.txt").status, 404);
}
