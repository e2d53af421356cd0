//! Markdown of preambles and session notes: the one place pulldown-cmark is set up,
//! hashtags turned into tag links, and heading ids made unique within a page.

use crate::notes::text::hashtags as find_hashtags;
use crate::slug::slugify;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The Markdown extensions plenary supports, built in one place.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Hashtags in the prose of `md`, lower-cased, in order of first use: not in code, link
/// text or autolinks.
pub fn hashtags(md: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if !md.contains('#') {
        return out;
    }
    let mut in_link = 0usize;
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                in_link = in_link.saturating_sub(1)
            }
            Event::Text(text) if in_link == 0 => {
                for h in find_hashtags(&text) {
                    if !out.contains(&h.tag) {
                        out.push(h.tag);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// How to render one piece of Markdown.
pub struct Render<'a> {
    /// The URL of a tag's page.
    pub tag_url: &'a dyn Fn(&str) -> String,
    /// Prefix of heading ids, so they stay unique across sessions on one page.
    pub id_prefix: &'a str,
    /// Whether raw HTML in the notes is passed through (otherwise it is shown as text).
    pub allow_html: bool,
    /// The smallest heading level used: notes headings sit below the page's own.
    pub min_heading: u8,
}

/// Renders Markdown to HTML.
pub fn render(md: &str, opts: &Render<'_>) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    // Inside links, images and code blocks, `#` is never a hashtag.
    let mut in_link = 0usize;
    let mut heading_start: Option<usize> = None;
    let mut used_ids: Vec<String> = Vec::new();
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading_start = Some(events.len());
                let level = shift(level, opts.min_heading);
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_start.take() {
                    let text: String = events[start..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let mut id = format!("{}{}", opts.id_prefix, slugify(&text));
                    let base = id.clone();
                    let mut n = 2;
                    while used_ids.contains(&id) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    used_ids.push(id.clone());
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id));
                    }
                }
                events.push(Event::End(TagEnd::Heading(shift(level, opts.min_heading))));
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_))) => {
                in_link += 1;
                events.push(Event::Start(tag));
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock)) => {
                in_link = in_link.saturating_sub(1);
                events.push(Event::End(end));
            }
            Event::Text(text) if in_link == 0 && text.contains('#') => {
                push_with_tags(&mut events, text, opts);
            }
            Event::Html(html) | Event::InlineHtml(html) if !opts.allow_html => {
                events.push(Event::Text(html));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn shift(level: HeadingLevel, min: u8) -> HeadingLevel {
    let n = (level as u8 + min.saturating_sub(1)).min(6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

fn push_with_tags<'a>(events: &mut Vec<Event<'a>>, text: CowStr<'a>, opts: &Render<'_>) {
    let tags = find_hashtags(&text);
    if tags.is_empty() {
        events.push(Event::Text(text));
        return;
    }
    let mut pos = 0;
    for h in tags {
        if h.start > pos {
            events.push(Event::Text(CowStr::from(text[pos..h.start].to_string())));
        }
        let href = (opts.tag_url)(&h.tag);
        let mut link = String::from("<a class=\"hashtag\" href=\"");
        pulldown_cmark_escape::escape_href(&mut link, &href).ok();
        link.push_str("\">");
        pulldown_cmark_escape::escape_html(&mut link, &text[h.start..h.end]).ok();
        link.push_str("</a>");
        events.push(Event::InlineHtml(CowStr::from(link)));
        pos = h.end;
    }
    if pos < text.len() {
        events.push(Event::Text(CowStr::from(text[pos..].to_string())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(md: &str) -> String {
        render(
            md,
            &Render {
                tag_url: &|t| format!("/tags/{t}/"),
                id_prefix: "s-",
                allow_html: true,
                min_heading: 3,
            },
        )
    }

    #[test]
    fn hashtags_outside_code_and_links() {
        assert_eq!(
            hashtags(
                "Talk about #rust, `#notatag`, [#neither](https://x.org) and https://x.org/#frag #Data"
            ),
            vec!["rust", "data"]
        );
        assert_eq!(hashtags("```\n#comment\n```\n"), Vec::<String>::new());
        assert_eq!(hashtags("# Heading\n\ntext #tag"), vec!["tag"]);
    }

    #[test]
    fn renders_tag_links_heading_ids_and_extensions() {
        let out = html(
            "# Notes\n\nLove #opensourceai.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~gone~~",
        );
        assert!(out.contains("<h3 id=\"s-notes\">Notes</h3>"), "{out}");
        assert!(
            out.contains("<a class=\"hashtag\" href=\"/tags/opensourceai/\">#opensourceai</a>."),
            "{out}"
        );
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("checkbox"), "{out}");
        assert!(out.contains("<del>gone</del>"), "{out}");
    }

    #[test]
    fn raw_html_is_text_when_not_allowed() {
        let out = render(
            "<script>alert(1)</script>\n\nhi <b>x</b>",
            &Render {
                tag_url: &|t| t.to_string(),
                id_prefix: "",
                allow_html: false,
                min_heading: 1,
            },
        );
        assert!(!out.contains("<script>"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }
}
