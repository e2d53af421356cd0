//! Links within an event page, as seen from a session's own page.
//!
//! A writer links to another session of the same event with its anchor alone
//! (`[the closing](#1100-closing)`). On the event page the anchor is there; on a session
//! page, which shows one session's notes, it is not, and the link would lead nowhere.
//! There such a link points at the event page instead, where the anchor is.

use std::borrow::Cow;

/// `html` (one session's rendered notes) with every `href="#id"` whose `id` the notes
/// do not define themselves pointed at `event_url` (the event page's link).
pub fn to_event_page<'a>(html: &'a str, event_url: &str) -> Cow<'a, str> {
    const HREF: &str = "href=\"#";
    if !html.contains(HREF) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find(HREF) {
        let value = &rest[at + HREF.len()..];
        let id = &value[..value.find('"').unwrap_or(value.len())];
        out.push_str(&rest[..at]);
        out.push_str("href=\"");
        if !defines(html, id) {
            out.push_str(event_url);
        }
        out.push('#');
        rest = value;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether `html` has an element with the id `id` (footnotes, heading ids).
fn defines(html: &str, id: &str) -> bool {
    html.match_indices("id=\"")
        .any(|(i, m)| html[i + m.len()..].split('"').next() == Some(id))
}

#[cfg(test)]
mod tests {
    use super::to_event_page;

    #[test]
    fn anchors_missing_from_the_notes_point_at_the_event_page() {
        let cases = [
            // A sibling session's anchor: only the event page has it.
            (
                r##"<p>See <a href="#1100-closing">the closing</a>.</p>"##,
                r##"<p>See <a href="/2025/forum/#1100-closing">the closing</a>.</p>"##,
            ),
            // A heading inside the notes themselves stays on this page.
            (
                r##"<h2 id="k-demo">Demo</h2><a href="#k-demo">up</a>"##,
                r##"<h2 id="k-demo">Demo</h2><a href="#k-demo">up</a>"##,
            ),
            // Footnotes live in the notes too.
            (
                r##"<a href="#1">1</a><div class="footnote-definition" id="1">x</div>"##,
                r##"<a href="#1">1</a><div class="footnote-definition" id="1">x</div>"##,
            ),
            // Both in one piece, and an id that merely starts like another.
            (
                r##"<h3 id="a-b">B</h3><a href="#a">x</a> <a href="#a-b">y</a>"##,
                r##"<h3 id="a-b">B</h3><a href="/2025/forum/#a">x</a> <a href="#a-b">y</a>"##,
            ),
            // Other links, and notes without any, are left as they are.
            (
                r#"<a href="https://example.com/#x">x</a>"#,
                r#"<a href="https://example.com/#x">x</a>"#,
            ),
            ("<p>plain</p>", "<p>plain</p>"),
        ];
        for (html, want) in cases {
            assert_eq!(to_event_page(html, "/2025/forum/"), want, "{html}");
        }
    }
}
