//! The references of every kind of output file (HTML, Atom and sitemap XML, JSON,
//! iCalendar, robots.txt), and what a reference points at: a file of the site (and an
//! id on it), another site, or nothing to check.

use super::html::{self, Reference};
use crate::urls::BaseUrl;
use std::collections::HashMap;

/// The references of one output file, and its ids when it is an HTML page.
pub struct Scan {
    pub references: Vec<Reference>,
    pub ids: Option<Vec<String>>,
}

/// Reads the references out of an output file, by its extension.
pub fn scan(path: &str, bytes: &[u8]) -> Scan {
    let text = String::from_utf8_lossy(bytes);
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    let mut ids = None;
    let references = match ext {
        "html" | "htm" => {
            let s = html::scan(&text);
            ids = Some(s.ids);
            s.references
        }
        "xml" | "atom" | "rss" => xml(&text),
        "json" => json(&text),
        "ics" => ics(&text),
        _ if path == "robots.txt" => robots(&text),
        _ => Vec::new(),
    };
    Scan { references, ids }
}

/// Atom and sitemap XML: `href` attributes, `<loc>`, `<icon>`, `<logo>` and `<uri>`,
/// and the links inside HTML content.
fn xml(text: &str) -> Vec<Reference> {
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let tag = node.tag_name().name().to_string();
        let line = doc.text_pos_at(node.range().start).row as usize;
        if let Some(href) = node.attribute("href") {
            out.push(Reference {
                tag: tag.clone(),
                url: href.trim().to_string(),
                line,
            });
        }
        let text = node.text().unwrap_or_default().trim();
        match tag.as_str() {
            "loc" | "icon" | "logo" | "uri" if !text.is_empty() => out.push(Reference {
                tag,
                url: text.to_string(),
                line,
            }),
            "content" | "summary" if node.attribute("type") == Some("html") => {
                out.extend(html::scan(text).references.into_iter().map(|r| Reference {
                    line: line + r.line - 1,
                    ..r
                }));
            }
            _ => {}
        }
    }
    out
}

/// JSON (the search index, live state, feeds): string values of the keys that hold
/// URLs, at any depth, and the links inside `content_html`.
fn json(text: &str) -> Vec<Reference> {
    fn walk(value: &serde_json::Value, key: &str, out: &mut Vec<Reference>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    walk(v, k, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, key, out)),
            serde_json::Value::String(s) => {
                let is_url = matches!(key, "url" | "href" | "image" | "icon" | "favicon")
                    || key.ends_with("_url");
                if is_url {
                    let tag = if matches!(key, "image" | "icon" | "favicon") {
                        "image"
                    } else {
                        "a"
                    };
                    out.push(Reference {
                        tag: tag.to_string(),
                        url: s.trim().to_string(),
                        line: 0,
                    });
                } else if key == "content_html" {
                    out.extend(
                        html::scan(s)
                            .references
                            .into_iter()
                            .map(|r| Reference { line: 0, ..r }),
                    );
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        walk(&value, "", &mut out);
    }
    out
}

/// iCalendar: the `URL` property of each component (lines unfolded first).
fn ics(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    let mut logical: Vec<(usize, String)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        match (line.strip_prefix([' ', '\t']), logical.last_mut()) {
            (Some(more), Some((_, last))) => last.push_str(more),
            _ => logical.push((n + 1, line.to_string())),
        }
    }
    for (line, text) in logical {
        let Some((name, value)) = text.split_once(':') else {
            continue;
        };
        if name.split(';').next() == Some("URL") {
            out.push(Reference {
                tag: "a".to_string(),
                url: value.trim().to_string(),
                line,
            });
        }
    }
    out
}

/// robots.txt: its `Sitemap:` lines.
fn robots(text: &str) -> Vec<Reference> {
    let lines = text.lines().enumerate();
    lines
        .filter_map(|(n, l)| {
            let (key, value) = l.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case("sitemap")
                .then(|| Reference {
                    tag: "a".to_string(),
                    url: value.trim().to_string(),
                    line: n + 1,
                })
        })
        .collect()
}

/// What a reference points at.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site: its path relative to the output (`2025/x/`, `style.css`),
    /// and the `#fragment` if any, both percent-decoded.
    Internal {
        rel: String,
        fragment: Option<String>,
    },
    /// An http(s) URL of another site (or of the same host outside the site's path).
    External(String),
    /// A link from the host's root that misses the site's base path (`/x/` on a site
    /// under `/blog/`): the path it names.
    Outside(String),
    /// Nothing to check: `mailto:`, `tel:`, `data:`, a `tag:` id.
    Skip,
}

/// Classifies `url`, found in the output file at `page` (`2025/x/index.html`).
pub fn classify(url: &str, page: &str, base: &BaseUrl) -> Target {
    let url = url.trim();
    let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let (path_and_more, absolute) = match scheme.map(|s| s.to_ascii_lowercase()).as_deref() {
        Some("http" | "https") => {
            let rest = &url[url.find("://").map_or(url.len(), |i| i + 3)..];
            match rest.find(['/', '?', '#']) {
                Some(i) if rest[..i].eq_ignore_ascii_case(&base.authority) => (&rest[i..], true),
                None if rest.eq_ignore_ascii_case(&base.authority) => ("/", true),
                _ => return Target::External(url.to_string()),
            }
        }
        Some(_) => return Target::Skip,
        None if url.starts_with("//") => {
            return classify(&format!("https:{url}"), page, base);
        }
        None => (url, false),
    };
    let (before_fragment, fragment) = match path_and_more.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (path_and_more, None),
    };
    let path = before_fragment
        .split_once('?')
        .map_or(before_fragment, |(p, _)| p);
    // The absolute path the browser asks for.
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = page.rfind('/').map_or("", |i| &page[..=i]);
        let page_name = &page[dir.len()..];
        let own = if path.is_empty() { page_name } else { path };
        format!("{}{dir}{own}", base.path)
    };
    let normal = normalize(&percent_decode(&joined));
    let base_no_slash = base.path.trim_end_matches('/');
    let rel = if let Some(rel) = normal.strip_prefix(base.path.as_str()) {
        rel.to_string()
    } else if normal == base_no_slash {
        String::new()
    } else if absolute {
        return Target::External(url.to_string());
    } else {
        return Target::Outside(normal);
    };
    Target::Internal {
        rel,
        fragment: fragment.filter(|f| !f.is_empty()),
    }
}

/// Resolves `.` and `..` segments, as a browser does (never above the root).
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    parts.push("");
                }
            }
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
                if last {
                    parts.push("");
                }
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// `%20` and the like to their bytes (read as UTF-8, lossily).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file a static host serves for `rel`: `x/` is `x/index.html`, and `x` is the
/// file `x`, or `x/index.html` (hosts redirect a folder's address to its `/` form).
pub fn find(files: &HashMap<&str, usize>, rel: &str) -> Option<usize> {
    if rel.is_empty() || rel.ends_with('/') {
        return files.get(format!("{rel}index.html").as_str()).copied();
    }
    files
        .get(rel)
        .or_else(|| files.get(format!("{rel}/index.html").as_str()))
        .copied()
}

/// A page whose address differs from `rel` only in case or a final `/`: a likely
/// meaning of a broken link.
pub fn near(files: &HashMap<&str, usize>, rel: &str) -> Option<String> {
    let want = rel.trim_end_matches('/').to_lowercase();
    let mut candidates: Vec<&str> = files
        .keys()
        .filter_map(|p| {
            let page = p.strip_suffix("index.html").unwrap_or(p);
            (page.trim_end_matches('/').to_lowercase() == want).then_some(page)
        })
        .collect();
    candidates.sort();
    candidates.first().map(|p| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn internal(rel: &str, fragment: Option<&str>) -> Target {
        Target::Internal {
            rel: rel.to_string(),
            fragment: fragment.map(str::to_string),
        }
    }

    #[test]
    fn what_a_reference_points_at() {
        let base = BaseUrl::parse("https://example.org/blog/");
        let page = "2025/forum/index.html";
        let cases = [
            ("/blog/2025/x/", internal("2025/x/", None)),
            ("/blog/2025/x/#s-1", internal("2025/x/", Some("s-1"))),
            ("#s-1", internal("2025/forum/index.html", Some("s-1"))),
            ("", internal("2025/forum/index.html", None)),
            ("../", internal("2025/", None)),
            ("../../style.css", internal("style.css", None)),
            ("../../../style.css", Target::Outside("/style.css".into())),
            ("talk/?a=1", internal("2025/forum/talk/", None)),
            ("a%20b.png", internal("2025/forum/a b.png", None)),
            (
                "https://example.org/blog/atom.xml",
                internal("atom.xml", None),
            ),
            ("HTTPS://EXAMPLE.ORG/blog", internal("", None)),
            ("//example.org/blog/x", internal("x", None)),
            (
                "https://example.org/other/",
                Target::External("https://example.org/other/".into()),
            ),
            (
                "https://example.com/",
                Target::External("https://example.com/".into()),
            ),
            ("/2025/x/", Target::Outside("/2025/x/".into())),
            ("mailto:a@example.org", Target::Skip),
            ("tag:example.org,2025-05-07:forum", Target::Skip),
        ];
        for (url, want) in cases {
            assert_eq!(classify(url, page, &base), want, "{url}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_reference_classifies_without_panic(
            url in "(h|t|p|s|:|/|\\.|\\.\\.|#|\\?|%|%2|é|☕|example\\.org|blog| ){0,30}",
            page in "([a-z]|/|é){0,12}",
        ) {
            let base = BaseUrl::parse("https://example.org/blog/");
            let _ = classify(&url, &page, &base);
            let _ = percent_decode(&url);
            let files: HashMap<&str, usize> = [("index.html", 0)].into();
            let _ = near(&files, &url);
        }
    }

    #[test]
    fn a_host_serves_a_folder_by_its_index() {
        let files: HashMap<&str, usize> = [
            ("index.html", 0),
            ("2025/x/index.html", 1),
            ("style.css", 2),
        ]
        .into();
        assert_eq!(find(&files, ""), Some(0));
        assert_eq!(find(&files, "2025/x/"), Some(1));
        assert_eq!(find(&files, "2025/x"), Some(1));
        assert_eq!(find(&files, "style.css"), Some(2));
        assert_eq!(find(&files, "style.css/"), None);
        assert_eq!(near(&files, "2025/X"), Some("2025/x/".to_string()));
    }

    #[test]
    fn references_of_each_kind_of_file() {
        let urls = |path: &str, text: &str| -> Vec<String> {
            scan(path, text.as_bytes())
                .references
                .into_iter()
                .map(|r| r.url)
                .collect()
        };
        assert_eq!(
            urls(
                "atom.xml",
                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><link href=\"/a\"/><icon>/i.png</icon>\
                 <entry><content type=\"html\">&lt;a href=\"/b\"&gt;b&lt;/a&gt;</content></entry></feed>"
            ),
            ["/a", "/i.png", "/b"]
        );
        assert_eq!(
            urls(
                "search-index.json",
                r#"[{"url":"/x/","title":"u"},{"feed_url":"/f"}]"#
            ),
            ["/x/", "/f"]
        );
        assert_eq!(
            urls(
                "c.ics",
                "BEGIN:VEVENT\r\nURL;VALUE=URI:https://e.org/a\r\n b/\r\nEND:VEVENT\r\n"
            ),
            ["https://e.org/ab/"]
        );
        assert_eq!(
            urls(
                "robots.txt",
                "User-agent: *\nSitemap: https://e.org/sitemap.xml\n"
            ),
            ["https://e.org/sitemap.xml"]
        );
        assert!(urls("style.css", "url(/x.png)").is_empty());
    }
}
