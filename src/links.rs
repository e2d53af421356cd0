//! Which URLs the writer's text may turn into links and images: one policy for front
//! matter `links`, Markdown links, autolinks and images alike.

/// Whether a URL may go in an `href` or `src`: http(s), mailto, or a relative link;
/// never `javascript:`, `data:` or any other scheme, however it is spelled (browsers
/// ignore white space and control characters inside a scheme).
pub fn safe_href(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let lower = squeezed.to_ascii_lowercase();
    match lower.split_once(':') {
        None => true,
        Some((scheme, _)) if scheme.contains(['/', '?', '#']) => true,
        Some((scheme, _)) => matches!(scheme, "http" | "https" | "mailto"),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_href;

    #[test]
    fn safe_hrefs() {
        for (url, safe) in [
            ("https://example.org/programme", true),
            // Browsers drop white space around and inside a scheme: still https.
            ("  https://example.org/slides", true),
            ("ht\ttps://example.org/", true),
            ("http://example.org", true),
            ("mailto:team@example.org", true),
            ("/2025/forum/", true),
            ("programme.html#day-2", true),
            ("./a:b", true),
            ("javascript:alert(1)", false),
            ("JavaScript:alert(1)", false),
            (" java\tscript:alert(1)", false),
            ("java\u{0}script:alert(1)", false),
            ("data:text/html,<script>", false),
            ("data:image/svg+xml,<svg onload=alert(1)>", false),
            ("vbscript:x", false),
        ] {
            assert_eq!(safe_href(url), safe, "{url}");
        }
    }
}
