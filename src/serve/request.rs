//! Reading one HTTP/1.1 request head within limits: where it ends, when a head still
//! arriving is already too long to answer, and its parse into a [`Request`] or the
//! status refusing it. Nothing past a limit is ever kept.

/// The longest URL answered; no site file has a longer path.
const MAX_URL: usize = 8 * 1024;
/// The most header bytes answered; browsers send a few kilobytes.
const MAX_HEADERS: usize = 64 * 1024;
/// The most headers answered.
const MAX_HEADER_COUNT: usize = 256;
/// The longest request line: a URL, a method and the version.
const MAX_REQUEST_LINE: usize = MAX_URL + 64;
/// The most bytes of one request head ever held: a longer head is refused after this
/// much, however much more the client sends.
const MAX_HEAD: usize = MAX_REQUEST_LINE + MAX_HEADERS;

/// One request head, parsed. Bodies are never read: a request with one is answered and
/// its connection closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The request target as sent: a path and perhaps a query.
    pub target: String,
    /// The `Host` header, when there is one.
    pub host: Option<String>,
    /// HTTP/1.0 rather than 1.1.
    pub http10: bool,
    /// Whether the connection may carry another request after this one.
    pub keep_alive: bool,
    /// Whether a body follows the head (`Content-Length` above 0, or chunked).
    pub has_body: bool,
}

/// Where a request head ends in `buf` (the index after its empty line), looking from
/// `from` on; `None` while it is incomplete. Lines may end in CRLF or LF alone.
pub fn head_end(buf: &[u8], from: usize) -> Option<usize> {
    let from = from.saturating_sub(2);
    let mut i = buf.get(from..)?.iter().position(|&b| b == b'\n')? + from;
    loop {
        let rest = &buf[i + 1..];
        if rest.starts_with(b"\n") {
            return Some(i + 2);
        }
        if rest.starts_with(b"\r\n") {
            return Some(i + 3);
        }
        i += 1 + rest.iter().position(|&b| b == b'\n')?;
    }
}

/// The status refusing an incomplete head of `buf.len()` bytes that cannot end within
/// the limits, if any: 414 for a request line longer than any URL answered, 431 for
/// more header bytes than answered.
pub fn refuse_partial(buf: &[u8]) -> Option<u16> {
    let line = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
    if line > MAX_REQUEST_LINE {
        Some(414)
    } else if buf.len() > MAX_HEAD {
        Some(431)
    } else {
        None
    }
}

/// A complete request head parsed, or the status that refuses it.
pub fn parse(head: &[u8]) -> Result<Request, u16> {
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let line = lines.next().unwrap_or_default();
    if line.len() > MAX_REQUEST_LINE {
        return Err(414);
    }
    let mut parts = line.split(|&b| b == b' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(400);
    };
    if method.is_empty() || !method.iter().all(|&b| is_token(b)) {
        return Err(400);
    }
    if target.len() > MAX_URL {
        return Err(414);
    }
    if target.is_empty() || !target.iter().all(|&b| b.is_ascii_graphic()) {
        return Err(400);
    }
    let http10 = match version {
        b"HTTP/1.1" => false,
        b"HTTP/1.0" => true,
        v if v.starts_with(b"HTTP/") => return Err(505),
        _ => return Err(400),
    };
    let mut request = Request {
        method: String::from_utf8_lossy(method).into_owned(),
        target: String::from_utf8_lossy(target).into_owned(),
        host: None,
        http10,
        keep_alive: !http10,
        has_body: false,
    };
    let (mut count, mut bytes) = (0, 0);
    for line in lines.filter(|l| !l.is_empty()) {
        count += 1;
        bytes += line.len() + 2;
        if count > MAX_HEADER_COUNT || bytes > MAX_HEADERS {
            return Err(431);
        }
        let colon = line.iter().position(|&b| b == b':').ok_or(400u16)?;
        let (name, value) = (&line[..colon], line[colon + 1..].trim_ascii());
        if name.is_empty() || !name.iter().all(|&b| is_token(b)) {
            return Err(400);
        }
        let value = std::str::from_utf8(value).map_err(|_| 400u16)?;
        match name.to_ascii_lowercase().as_slice() {
            b"host" if request.host.is_some() => return Err(400),
            b"host" => request.host = Some(value.to_string()),
            b"connection" => {
                for option in value.split(',').map(str::trim) {
                    if option.eq_ignore_ascii_case("close") {
                        request.keep_alive = false;
                    } else if option.eq_ignore_ascii_case("keep-alive") && http10 {
                        request.keep_alive = true;
                    }
                }
            }
            b"content-length" => {
                let length: u64 = value.parse().map_err(|_| 400u16)?;
                request.has_body |= length > 0;
            }
            b"transfer-encoding" => request.has_body = true,
            _ => {}
        }
    }
    Ok(request)
}

/// A character of an HTTP token (a method or a header name).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_end_at_the_first_empty_line() {
        let cases: [(&[u8], Option<usize>); 7] = [
            (b"GET / HTTP/1.1\r\n\r\n", Some(18)),
            (b"GET / HTTP/1.1\n\nGET", Some(16)),
            (b"GET / HTTP/1.1\r\nHost: a\r\n\r\nnext", Some(27)),
            (b"GET / HTTP/1.1\r\nHost: a\r\n", None),
            (b"GET / HTTP/1.1\r\nHost: a\r\n\r", None),
            (b"GET / HTTP/1.1", None),
            (b"", None),
        ];
        for (buf, want) in cases {
            assert_eq!(head_end(buf, 0), want, "{:?}", String::from_utf8_lossy(buf));
        }
        // Found when the end arrives in a later read.
        let buf = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n";
        assert_eq!(head_end(buf, 26), Some(27));
        assert_eq!(head_end(buf, 25), Some(27));
    }

    #[test]
    fn partial_heads_past_the_limits_are_refused_early() {
        let long_line = vec![b'a'; MAX_REQUEST_LINE + 1];
        let mut long_head = b"GET / HTTP/1.1\r\nX: ".to_vec();
        long_head.resize(MAX_HEAD + 1, b'a');
        let cases: [(&[u8], Option<u16>); 3] = [
            (b"GET / HTTP/1.1\r\nHost: a", None),
            (&long_line, Some(414)),
            (&long_head, Some(431)),
        ];
        for (buf, want) in cases {
            assert_eq!(refuse_partial(buf), want, "{} bytes", buf.len());
        }
    }

    #[test]
    fn request_heads_parse_or_get_their_status() {
        let ok = |head: &str| parse(head.as_bytes());
        let get = ok("GET /a?b HTTP/1.1\r\nHost: localhost:1111\r\n\r\n").unwrap();
        assert_eq!(
            get,
            Request {
                method: "GET".to_string(),
                target: "/a?b".to_string(),
                host: Some("localhost:1111".to_string()),
                http10: false,
                keep_alive: true,
                has_body: false,
            }
        );
        let close = ok("GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").unwrap();
        assert!(!close.keep_alive);
        let old = ok("GET / HTTP/1.0\r\n\r\n").unwrap();
        assert!(old.http10 && !old.keep_alive);
        let old_kept = ok("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").unwrap();
        assert!(old_kept.keep_alive);
        let body = ok("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\n").unwrap();
        assert!(body.has_body);
        let chunked = ok("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
        assert!(chunked.has_body);

        let many: String = (0..300).map(|i| format!("X-{i}: y\r\n")).collect();
        let big = format!("X: {}\r\n", "a".repeat(MAX_HEADERS));
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_URL));
        let refused = [
            ("\x00\x01 nonsense\r\n\r\n".to_string(), 400),
            ("GET /\r\n\r\n".to_string(), 400),
            ("GET  / HTTP/1.1\r\n\r\n".to_string(), 400),
            ("GET / HTTP/9.9\r\n\r\n".to_string(), 505),
            ("GET / FTP/1.1\r\n\r\n".to_string(), 400),
            ("GET /a\x00b HTTP/1.1\r\n\r\n".to_string(), 400),
            ("GET /a\x7fb HTTP/1.1\r\n\r\n".to_string(), 400),
            ("GET /\u{e9} HTTP/1.1\r\n\r\n".to_string(), 400),
            (long, 414),
            (format!("GET / HTTP/1.1\r\n{many}\r\n"), 431),
            (format!("GET / HTTP/1.1\r\n{big}\r\n"), 431),
            ("GET / HTTP/1.1\r\nno colon\r\n\r\n".to_string(), 400),
            ("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n".to_string(), 400),
            (
                "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n".to_string(),
                400,
            ),
            (
                "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n".to_string(),
                400,
            ),
            (
                "GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n".to_string(),
                400,
            ),
        ];
        for (head, want) in refused {
            assert_eq!(ok(&head), Err(want), "{head:.60?}");
        }
    }
}
