//! `plenary serve` under hostile clients: malformed and oversized requests get a 4xx,
//! traversal in any encoding is refused, half-sent requests and open event streams
//! do not block other clients, connections beyond the open-file limit are shed, slow
//! readers hold nothing but their own connection, a huge header is refused before it
//! is read, redirects stay on the site, other hosts' names are refused (DNS
//! rebinding), and the server is alive after all of it.

mod common;

use common::serve;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};
use std::{fs, thread};

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("site.toml"), "title = \"Attack test\"\n").unwrap();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("content/2025-03-12-harbour-day.md"),
        "# Harbour Day\n\nBy the water. #boats\n\n10:00 Opening\nOla Brook\n- Hello.\n",
    )
    .unwrap();
    dir
}

/// A connection to the server, given up on after a few seconds: a server that no
/// longer accepts leaves connections in the listen queue, or refuses them.
fn connect(port: u16) -> std::io::Result<TcpStream> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    TcpStream::connect_timeout(&addr, Duration::from_secs(5))
}

/// Sends raw bytes and returns the status of the reply (0 when the server closed
/// the connection without one).
fn raw(port: u16, bytes: &[u8]) -> (u16, String) {
    let Ok(mut stream) = connect(port) else {
        return (0, "no connection".to_string());
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    // The server may answer (and close) before it has read everything.
    let _ = stream.write_all(bytes);
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    let reply = String::from_utf8_lossy(&reply).into_owned();
    let status = reply
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, reply)
}

fn get(port: u16, path: &str) -> (u16, String) {
    raw(
        port,
        format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

/// A reply's header, by name.
fn header<'a>(reply: &'a str, name: &str) -> Option<&'a str> {
    let head = reply.split("\r\n\r\n").next()?;
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// The resident memory of a process in KiB, from `/proc`.
fn rss_kib(pid: u32) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no VmRSS in {status}"))
}

#[test]
fn malformed_and_oversized_requests_get_4xx_and_the_server_lives() {
    let site = site();
    let server = serve(site.path());
    let port = server.port;
    let many_headers: String = (0..5000).map(|i| format!("X-{i}: y\r\n")).collect();
    let cases: Vec<(&str, Vec<u8>, &[u16])> = vec![
        ("garbage", b"\x00\x01\x02 nonsense\r\n\r\n".to_vec(), &[400]),
        ("no version", b"GET /\r\n\r\n".to_vec(), &[400]),
        (
            "bad version",
            b"GET / HTTP/9.9\r\n\r\n".to_vec(),
            &[400, 505],
        ),
        (
            "unknown method",
            b"BREW / HTTP/1.1\r\nConnection: close\r\n\r\n".to_vec(),
            &[405],
        ),
        (
            "POST with a huge length",
            b"POST / HTTP/1.1\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\nab"
                .to_vec(),
            &[400, 405, 413],
        ),
        (
            "a 100 KB URL",
            format!(
                "GET /{} HTTP/1.1\r\nConnection: close\r\n\r\n",
                "a".repeat(100_000)
            )
            .into_bytes(),
            &[414],
        ),
        (
            "a 200 KB header",
            format!(
                "GET / HTTP/1.1\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
                "a".repeat(200_000)
            )
            .into_bytes(),
            &[431],
        ),
        (
            "5,000 headers",
            format!("GET / HTTP/1.1\r\n{many_headers}Connection: close\r\n\r\n").into_bytes(),
            &[431],
        ),
        (
            "a NUL in the path",
            b"GET /a\x00b HTTP/1.1\r\nConnection: close\r\n\r\n".to_vec(),
            &[400, 404],
        ),
        (
            "no slash",
            b"GET index.html HTTP/1.1\r\nConnection: close\r\n\r\n".to_vec(),
            &[400],
        ),
    ];
    for (what, bytes, want) in &cases {
        let (status, reply) = raw(port, bytes);
        assert!(want.contains(&status), "{what}: {status} {:.200}", reply);
    }
    assert_eq!(get(port, "/").0, 200, "the server is still up");
}

#[test]
fn traversal_in_every_encoding_is_refused() {
    let site = site();
    // A secret beside the content: no URL may reach it.
    fs::write(site.path().join("secret.txt"), "the-secret-text").unwrap();
    let server = serve(site.path());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2e%2fsecret.txt",
        "/.%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%e0%80%ae%e0%80%ae/secret.txt",
        "/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..%255csecret.txt",
        "/%u002e%u002e/secret.txt",
        "/\u{ff0e}\u{ff0e}/secret.txt",
        "/%ef%bc%8e%ef%bc%8e/secret.txt",
        "/2025/../../secret.txt",
        "/./../secret.txt",
        "/secret.txt",
        "/site.toml",
        "/content/2025-03-12-harbour-day.md",
        "http://x/../secret.txt",
        "/..;/secret.txt",
    ] {
        let (status, reply) = get(server.port, path);
        // Raw non-ASCII bytes in the request line are dropped by the HTTP library
        // before plenary sees them: the connection closes with no reply (0).
        let closed = status == 0 && !path.is_ascii();
        assert!(matches!(status, 400 | 404) || closed, "{path}: {status}");
        assert!(!reply.contains("the-secret-text"), "{path}");
    }
}

#[test]
fn slow_clients_and_open_streams_do_not_block_others() {
    let site = site();
    let server = serve(site.path());
    let port = server.port;
    // Half-sent requests, slowloris style, and live-reload streams held open.
    let mut held = Vec::new();
    for _ in 0..300 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .unwrap();
        held.push(s);
    }
    for _ in 0..40 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.write_all(b"GET /__plenary/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        held.push(s);
    }
    let started = Instant::now();
    let mut slowest = Duration::ZERO;
    for round in 0..3 {
        for path in ["/", "/2025/harbour-day/"] {
            let t = Instant::now();
            let (status, _) = get(port, path);
            slowest = slowest.max(t.elapsed());
            assert_eq!(status, 200, "round {round} {path}");
        }
        for s in &mut held[..300] {
            let _ = s.write_all(b"X-Slow: 1\r\n");
        }
    }
    eprintln!(
        "6 requests beside 300 slow clients and 40 streams: slowest {slowest:?}, all {:?}",
        started.elapsed()
    );
    drop(held);
    assert_eq!(get(port, "/").0, 200);
}

/// Issue 17, item 6: with the open-file limit at 256, a few hundred idle and
/// half-sent connections made the HTTP library panic ("Too many open files") and the
/// port stopped answering for good. The excess is shed; a normal request is answered.
#[test]
fn connections_beyond_the_open_file_limit_are_shed_and_the_port_keeps_answering() {
    let site = site();
    let server = common::serve_with_file_limit(site.path(), 256);
    let port = server.port;
    assert_eq!(get(port, "/").0, 200);
    let mut held = Vec::new();
    for i in 0..600 {
        let Ok(mut s) = connect(port) else { break };
        if i % 3 == 0 {
            let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        }
        held.push(s);
    }
    assert_eq!(held.len(), 600, "the port stopped accepting connections");
    for round in 0..3 {
        assert_eq!(
            get(port, "/").0,
            200,
            "round {round}, beside 600 idle connections"
        );
    }
    drop(held);
    assert_eq!(get(port, "/2025/harbour-day/").0, 200, "after");
    let stderr = server.stderr.lock().unwrap().clone();
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Issue 17, item 7: four clients requesting a big file without reading it held every
/// request thread, and `/robots.txt` was never answered.
#[test]
fn slow_readers_of_a_big_file_do_not_hold_the_server() {
    let site = site();
    fs::create_dir_all(site.path().join("static")).unwrap();
    // Far more than the kernel buffers of a loopback connection hold.
    fs::write(site.path().join("static/big.bin"), vec![7u8; 32 << 20]).unwrap();
    let server = serve(site.path());
    let port = server.port;
    assert_eq!(get(port, "/robots.txt").0, 200);
    let readers: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut s = connect(port).unwrap();
            s.write_all(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .unwrap();
            s
        })
        .collect();
    // Time for the server to start writing to all of them.
    thread::sleep(Duration::from_millis(300));
    for round in 0..3 {
        let (status, body) = get(port, "/robots.txt");
        assert_eq!(status, 200, "round {round}: {body:.200}");
    }
    drop(readers);
    assert_eq!(get(port, "/").0, 200, "after");
}

/// Issue 17, item 8: a 400 MB header line was read in full before the 431 answer, and
/// the memory it took stayed. The server answers once the limit is passed and closes,
/// long before the client has sent 100 MB, and its memory grows by little.
#[test]
fn a_huge_header_line_is_refused_before_it_is_read() {
    let site = site();
    let server = serve(site.path());
    let port = server.port;
    assert_eq!(get(port, "/").0, 200);
    let before = rss_kib(server.pid());

    let mut stream = connect(port).unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = stream.try_clone().unwrap();
    reader
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    // Read while sending: the answer comes before the sending stops.
    let replies = thread::spawn(move || {
        let mut reply = Vec::new();
        let _ = reader.read_to_end(&mut reply);
        String::from_utf8_lossy(&reply).into_owned()
    });
    const TOTAL: usize = 100 << 20;
    let chunk = vec![b'a'; 64 << 10];
    let mut sent = 0;
    let _ = stream.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ");
    while sent < TOTAL {
        match stream.write(&chunk) {
            Ok(n) => sent += n,
            Err(_) => break,
        }
    }
    let reply = replies.join().unwrap();
    assert!(reply.starts_with("HTTP/1.1 431"), "{reply:.200}");
    assert!(
        sent < TOTAL,
        "the server read all {sent} bytes of the header"
    );
    let after = rss_kib(server.pid());
    let grown = after.saturating_sub(before);
    assert!(
        grown < 16 << 10,
        "memory grew by {grown} KiB: {before} -> {after}"
    );
    assert_eq!(get(port, "/").0, 200, "after");
}

/// Issue 17, item 14: `GET //tags` was answered `301 Location: //tags/`, a
/// protocol-relative URL that a browser follows to the host `tags`.
#[test]
fn redirects_never_leave_the_site() {
    let site = site();
    let server = serve(site.path());
    let port = server.port;
    let cases = [
        ("/tags", "/tags/"),
        ("//tags", "/tags/"),
        ("///tags", "/tags/"),
        ("//tags?x=1", "/tags/?x=1"),
        ("/%2F/tags", "/%2F/tags/"),
    ];
    for (path, want) in cases {
        let (status, reply) = get(port, path);
        assert_eq!(status, 301, "{path}: {reply:.300}");
        assert_eq!(header(&reply, "Location"), Some(want), "{path}");
    }
    // Whatever else is asked, a redirect stays on this origin.
    for path in [
        "//evil.example",
        "//evil.example/",
        "/\\evil.example",
        "/%5Cevil.example",
        "//tags//",
    ] {
        let (status, reply) = get(port, path);
        if let Some(location) = header(&reply, "Location") {
            assert!(
                location.starts_with('/')
                    && !location.starts_with("//")
                    && !location.starts_with("/\\"),
                "{path}: {status} {location}"
            );
        }
    }
}

/// Issue 17, item 14: a server on loopback answered any `Host`, so a page on another
/// site whose name was made to resolve to 127.0.0.1 (DNS rebinding) could read it.
#[test]
fn requests_naming_another_host_are_refused() {
    let site = site();
    let server = serve(site.path());
    let port = server.port;
    let ask = |host: &str, path: &str| {
        raw(
            port,
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        "LocalHost".to_string(),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{port}"),
        "[::1]".to_string(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(ask(&host, "/").0, 200, "{host}");
    }
    for host in [
        "evil.example".to_string(),
        format!("evil.example:{port}"),
        "127.0.0.1.evil.example".to_string(),
        "localhost.evil.example".to_string(),
        format!("evil.example:{port}@127.0.0.1"),
        String::new(),
    ] {
        for path in ["/", "/robots.txt", "/__plenary/events"] {
            let (status, reply) = ask(&host, path);
            assert!(matches!(status, 400 | 403), "{host} {path}: {reply:.300}");
            assert!(!reply.contains("Harbour"), "{host} {path}");
        }
    }
}

/// Polls until `check` holds for the page at `path`, or fails after 20 s.
fn eventually(port: u16, path: &str, check: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, body) = get(port, path);
        if check(status, &body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "{path}: still {status}: {body:.300}"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn save_storms_deletions_and_a_broken_template_are_survived() {
    let site = site();
    let root = site.path();
    let server = serve(root);
    let port = server.port;
    let notes = root.join("content/2025-03-12-harbour-day.md");
    let page = "/2025/harbour-day/";
    eventually(port, page, |s, _| s == 200);

    // An editor's save storm: 500 writes, with renames and deletions among them.
    let started = Instant::now();
    for i in 0..500 {
        let text = format!("# Harbour Day\n\n10:00 Opening number {i}\nOla Brook\n");
        match i % 50 {
            10 => {
                let tmp = root.join("content/.harbour.tmp");
                fs::write(&tmp, &text).unwrap();
                fs::rename(&tmp, &notes).unwrap();
            }
            20 => {
                let _ = fs::remove_file(&notes);
                fs::write(&notes, &text).unwrap();
            }
            30 => {
                let moved = root.join("content/2025-03-12-moved.md");
                fs::rename(&notes, &moved).unwrap();
                fs::rename(&moved, &notes).unwrap();
            }
            _ => fs::write(&notes, &text).unwrap(),
        }
    }
    eprintln!("500 saves in {:?}", started.elapsed());
    eventually(port, page, |s, b| {
        s == 200 && b.contains("Opening number 499")
    });

    // A template broken, then fixed: the last good page is served meanwhile.
    let templates = root.join("templates");
    fs::create_dir_all(&templates).unwrap();
    // Written whole and renamed into place, as editors save: a plain write first
    // creates the file empty, and a rebuild that sees it then renders an empty (valid)
    // template, which this test would take for the broken one (it failed so once).
    fs::write(templates.join(".event.html.tmp"), "{% if %}broken").unwrap();
    fs::rename(
        templates.join(".event.html.tmp"),
        templates.join("event.html"),
    )
    .unwrap();
    fs::write(&notes, "# Harbour Day\n\n10:00 While broken\n").unwrap();
    thread::sleep(Duration::from_millis(500));
    let (status, body) = get(port, page);
    assert_eq!(status, 200);
    assert!(body.contains("Opening number 499"), "{body:.300}");
    fs::remove_file(templates.join("event.html")).unwrap();
    eventually(port, page, |s, b| s == 200 && b.contains("While broken"));

    // A file deleted for good: its page goes, the server stays.
    fs::remove_file(&notes).unwrap();
    eventually(port, page, |s, _| s == 404);
    assert_eq!(get(port, "/").0, 200);
}
