//! One HTTP request, for the few places plenary talks to other servers (`check
//! --external`, `build --ping`): plain `http://` over `std::net`, `https://` through
//! `curl` when it is installed (plenary carries no TLS library). Only the status and a
//! redirect's `Location` are read; bodies are never wanted.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// What a server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// A redirect's target, as sent.
    pub location: Option<String>,
}

/// A request body: its media type and bytes.
pub struct Body<'a> {
    pub media_type: &'a str,
    pub bytes: &'a [u8],
}

/// Whether `curl` can be run, for `https://` URLs.
pub fn has_curl() -> bool {
    std::process::Command::new("curl")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Sends one request; redirects are not followed. The error says, in words, why no
/// answer came (`did not answer within 10 s`, `refused the connection`).
pub fn send(
    method: &str,
    url: &str,
    body: Option<Body<'_>>,
    timeout: Duration,
) -> Result<Answer, String> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") {
        return with_curl(method, url, body, timeout);
    }
    if !lower.starts_with("http://") {
        return Err("is not an http(s) URL".to_string());
    }
    let rest = &url["http://".len()..];
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let path = path.split('#').next().unwrap_or_default();
    let path = match path {
        "" => "/".to_string(),
        p if p.starts_with('?') => format!("/{p}"),
        p => p.to_string(),
    };
    let has_port = authority
        .rsplit_once(':')
        .is_some_and(|(_, p)| p.parse::<u16>().is_ok());
    let with_port = match has_port {
        true => authority.to_string(),
        false => format!("{authority}:80"),
    };
    let addrs = with_port
        .to_socket_addrs()
        .map_err(|e| format!("has a host that does not resolve ({e})"))?;
    let mut last = String::from("has a host with no address");
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(stream) => return exchange(stream, method, authority, &path, body, timeout),
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

fn exchange(
    mut stream: TcpStream,
    method: &str,
    host: &str,
    path: &str,
    body: Option<Body<'_>>,
    timeout: Duration,
) -> Result<Answer, String> {
    let io = |e: std::io::Error| failed(&e, timeout);
    stream.set_read_timeout(Some(timeout)).map_err(io)?;
    stream.set_write_timeout(Some(timeout)).map_err(io)?;
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: plenary/{}\r\nAccept: */*\r\nConnection: close\r\n",
        env!("CARGO_PKG_VERSION")
    );
    if let Some(b) = &body {
        head.push_str(&format!(
            "Content-Type: {}\r\nContent-Length: {}\r\n",
            b.media_type,
            b.bytes.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).map_err(io)?;
    if let Some(b) = &body {
        stream.write_all(b.bytes).map_err(io)?;
    }
    // Only the head is read, and never more than 64 KiB of it.
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
    Ok(Answer {
        status: code,
        location,
    })
}

fn with_curl(
    method: &str,
    url: &str,
    body: Option<Body<'_>>,
    timeout: Duration,
) -> Result<Answer, String> {
    let mut cmd = std::process::Command::new("curl");
    cmd.args(["--silent", "--output"])
        .arg(if cfg!(windows) { "NUL" } else { "/dev/null" })
        .args(["--write-out", "%{http_code} %{redirect_url}", "--max-time"])
        .arg(timeout.as_secs().max(1).to_string())
        .args([
            "--user-agent",
            concat!("plenary/", env!("CARGO_PKG_VERSION")),
        ]);
    match method {
        "HEAD" => {
            cmd.arg("--head");
        }
        "GET" => {
            // One byte is enough to know the page is there.
            cmd.args(["--range", "0-0"]);
        }
        other => {
            cmd.args(["--request", other]);
        }
    }
    if let Some(b) = &body {
        // The body goes in on standard input: never read as a curl `@file` argument.
        cmd.args(["--header", &format!("Content-Type: {}", b.media_type)])
            .args(["--data-binary", "@-"]);
    }
    let child = cmd
        .arg("--")
        .arg(url)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn();
    let mut child = child.map_err(|e| format!("failed: curl: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        let bytes = body.as_ref().map_or(&[][..], |b| b.bytes);
        // A curl that stopped early has its own answer to give.
        let _ = stdin.write_all(bytes);
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("failed: curl: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let (code, location) = text.trim().split_once(' ').unwrap_or((text.trim(), ""));
    match (code.parse::<u16>().unwrap_or(0), out.status.code()) {
        (0, Some(28)) => Err(format!("did not answer within {} s", timeout.as_secs())),
        (0, Some(6)) => Err("has a host that does not resolve".to_string()),
        (0, Some(7)) => Err("refused the connection".to_string()),
        (0, c) => Err(format!("failed (curl exit {})", c.unwrap_or(-1))),
        (status, _) => Ok(Answer {
            status,
            location: Some(location.to_string()).filter(|l| !l.is_empty()),
        }),
    }
}

/// A redirect's `Location`, made absolute against the URL that gave it.
pub fn join(url: &str, location: &str) -> String {
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

/// `application/x-www-form-urlencoded` of one value.
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_and_forms() {
        assert_eq!(join("http://e.org/a/b", "/c"), "http://e.org/c");
        assert_eq!(join("http://e.org/a/b", "c"), "http://e.org/a/c");
        assert_eq!(join("http://e.org", "c"), "http://e.org/c");
        assert_eq!(join("http://e.org/a", "https://f.org/"), "https://f.org/");
        assert_eq!(
            form_encode("https://e.org/a b?x=1&y"),
            "https%3A%2F%2Fe.org%2Fa+b%3Fx%3D1%26y"
        );
    }

    #[test]
    fn no_url_but_http_is_sent() {
        let e = send("GET", "ftp://e.org/", None, Duration::from_secs(1));
        assert_eq!(e, Err("is not an http(s) URL".to_string()));
    }
}
