//! `plenary check`: broken internal links, anchors and images are errors naming the
//! notes file and line; orphaned pages and case-only twins are found; `--external`
//! asks a local server politely and remembers its answers.

mod common;

use common::plenary;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

fn site(notes: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        "title = \"Checks\"\nbase_url = \"https://example.org/\"\ntimezone = \"UTC\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/2025-05-07-forum.md"), notes).unwrap();
    dir
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const NOTES: &str = "\
+++
title = \"Forum\"
+++
An introduction.

09:30 Opening
Ada Lovelace, Example Labs
- The [programme](/2025/forum/#no-such-session) is online.
- See [the other event](/2024/nowhere/).
- ![the room](/img/missing.png) and ![the stage](/img/stage.png)
- [The closing](/2025/forum/#1100-closing) and [home](/).

11:00 Closing
";

#[test]
fn broken_links_anchors_and_images_are_errors_at_their_notes_line() {
    let dir = site(NOTES);
    std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
    std::fs::write(dir.path().join("static/img/stage.png"), b"png").unwrap();
    let out = plenary(dir.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let at = "error: content/2025-05-07-forum.md:";
    assert!(
        err.contains(&format!("{at}8: the link /2025/forum/#no-such-session finds its page, but no id `no-such-session` on it")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{at}9: the link /2024/nowhere/ finds no file in the site"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{at}10: the image /img/missing.png finds no file in the site"
        )),
        "{err}"
    );
    assert!(
        !err.contains("stage.png"),
        "an image that exists is fine: {err}"
    );
    assert!(
        !err.contains("1100-closing"),
        "an anchor that exists is fine: {err}"
    );
    assert!(err.contains("error: 3 broken links"), "{err}");
}

#[test]
fn a_site_with_every_link_whole_passes() {
    let dir = site(
        // `#1100-closing` is a sibling session's anchor: on the opening's own page it
        // must lead to the event page, where the closing is.
        "+++\ntitle = \"Forum\"\n+++\n09:30 Opening\n- [Slides](https://example.com/slides)\n- Questions wait for [the closing](#1100-closing)\n\n11:00 Closing\n",
    );
    let out = plenary(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = plenary(
        dir.path(),
        &["check", "--base-url", "https://example.org/blog/"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_example_site_passes_at_the_root_and_under_a_sub_path() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for base in ["https://example.org/", "https://example.org/blog/"] {
        let out = plenary(root, &["check", "--base-url", base]);
        assert!(out.status.success(), "{base}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("warning:"),
            "{base}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_root_link_under_a_sub_path_points_outside_the_site() {
    let dir = site("+++\ntitle = \"Forum\"\n+++\n09:30 Opening\n- [Tags](/tags/)\n");
    assert!(plenary(dir.path(), &["check"]).status.success());
    let out = plenary(
        dir.path(),
        &["check", "--base-url", "https://example.org/blog/"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/2025-05-07-forum.md:5: the link /tags/ points outside the site: it lives under /blog/, so write the link as /blog/tags/"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_orphan_page_and_case_only_twins_are_found() {
    let dir = site("+++\ntitle = \"Forum\"\n+++\n09:30 Opening\n");
    std::fs::create_dir_all(dir.path().join("static/lost")).unwrap();
    std::fs::write(
        dir.path().join("static/lost/index.html"),
        "<p>nobody links here</p>",
    )
    .unwrap();
    std::fs::write(dir.path().join("static/Style.css"), "p{}").unwrap();
    let out = plenary(dir.path(), &["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("warning: static/lost/index.html: no page links to lost/index.html"),
        "{err}"
    );
    assert!(
        err.contains("style.css and Style.css differ only in case"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(1), "{err}");
}

/// A local HTTP server: `/ok` 200, `/moved` 301 to `/ok`, `/gone` 404, `/no-head`
/// 405 to HEAD and 200 to GET. It counts requests and the most it served at once.
struct Server {
    port: u16,
    requests: Arc<AtomicUsize>,
    most_at_once: Arc<AtomicUsize>,
}

fn server() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(AtomicUsize::new(0));
    let most_at_once = Arc::new(AtomicUsize::new(0));
    let now = Arc::new(AtomicUsize::new(0));
    let (r, m) = (requests.clone(), most_at_once.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (r, m, now) = (r.clone(), m.clone(), now.clone());
            std::thread::spawn(move || {
                let at_once = now.fetch_add(1, Ordering::SeqCst) + 1;
                m.fetch_max(at_once, Ordering::SeqCst);
                r.fetch_add(1, Ordering::SeqCst);
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                reader.read_line(&mut first).unwrap_or_default();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                        break;
                    }
                }
                // Long enough that overlapping requests would overlap here.
                std::thread::sleep(std::time::Duration::from_millis(50));
                let mut words = first.split_whitespace();
                let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
                let head = match (method, path) {
                    (_, "/ok") => "200 OK\r\n".to_string(),
                    (_, "/moved") => {
                        format!("301 Moved\r\nLocation: http://127.0.0.1:{port}/ok\r\n")
                    }
                    ("HEAD", "/no-head") => "405 Method Not Allowed\r\n".to_string(),
                    ("GET", "/no-head") => "200 OK\r\n".to_string(),
                    _ => "404 Not Found\r\n".to_string(),
                };
                // Counted out before answering: the client may ask again once it has read.
                now.fetch_sub(1, Ordering::SeqCst);
                let mut stream = stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {head}Content-Length: 0\r\nConnection: close\r\n\r\n"
                );
            });
        }
    });
    Server {
        port,
        requests,
        most_at_once,
    }
}

#[test]
fn external_links_are_asked_one_at_a_time_per_host_reported_and_cached() {
    let s = server();
    let p = s.port;
    let notes = format!(
        "+++\ntitle = \"Forum\"\n+++\n09:30 Opening\n- [a](http://127.0.0.1:{p}/ok)\n- [b](http://127.0.0.1:{p}/moved)\n\
         - [c](http://127.0.0.1:{p}/gone)\n- [d](http://127.0.0.1:{p}/no-head)\n"
    );
    let dir = site(&notes);
    let out = plenary(dir.path(), &["check", "--external"]);
    let err = stderr(&out);
    assert!(
        out.status.success(),
        "external links never fail by default: {err}"
    );
    assert!(
        err.contains(&format!("warning: content/2025-05-07-forum.md:7: the external link http://127.0.0.1:{p}/gone answers 404")),
        "{err}"
    );
    assert_eq!(
        err.matches("the external link").count(),
        1,
        "only /gone is broken: {err}"
    );
    assert!(err.contains("4 external links: 3 ok, 1 broken"), "{err}");
    assert_eq!(
        s.most_at_once.load(Ordering::SeqCst),
        1,
        "one request at a time to one host"
    );
    let asked = s.requests.load(Ordering::SeqCst);

    // Within a day the answers come from the cache: the server is not asked again.
    let out = plenary(dir.path(), &["check", "--external", "--fail-external"]);
    let err = stderr(&out);
    assert_eq!(s.requests.load(Ordering::SeqCst), asked, "{err}");
    assert!(err.contains("4 answers from the last day's cache"), "{err}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "--fail-external fails on /gone: {err}"
    );
    assert!(
        err.contains(&format!(
            "error: content/2025-05-07-forum.md:7: the external link http://127.0.0.1:{p}/gone"
        )),
        "{err}"
    );
}

#[test]
fn an_external_host_that_refuses_is_reported_not_fatal() {
    // A port nothing listens on: bound, then closed.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = site(&format!(
        "+++\ntitle = \"Forum\"\n+++\n09:30 Opening\n- [a](http://127.0.0.1:{port}/x)\n"
    ));
    let out = plenary(dir.path(), &["check", "--external", "--timeout", "2"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("warning: content/2025-05-07-forum.md:5: the external link http://127.0.0.1:{port}/x refused the connection")), "{err}");
}

/// A photo in the notes becomes a `<picture>` of resized files that the build writes;
/// `check` renders the site as the build does, so it finds them (it once rendered
/// without the photo step and called every resized file missing).
#[test]
fn a_site_with_a_photo_passes() {
    let dir = site("+++\ntitle = \"Forum\"\n+++\n09:30 Opening\n![The stage](stage.jpg)\n");
    let mut jpeg = Vec::new();
    image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    })
    .write_to(
        &mut std::io::Cursor::new(&mut jpeg),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    std::fs::write(dir.path().join("content/stage.jpg"), jpeg).unwrap();
    let out = plenary(dir.path(), &["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The page really shows the photo through its resized files.
    let out = plenary(dir.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(dir.path().join("public/2025/forum/index.html")).unwrap();
    assert!(page.contains("<picture"), "{page}");
}
