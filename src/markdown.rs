//! Markdown of preambles and session notes: the one place pulldown-cmark is set up,
//! hashtags turned into tag links, and heading ids made unique within a page.

use crate::hashtag::hashtags as find_hashtags;
use crate::links;
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
    /// The level the notes' shallowest heading is shown at, so notes headings sit
    /// below the page's own and never skip a level.
    pub min_heading: u8,
}

/// Renders Markdown to HTML.
pub fn render(md: &str, opts: &Render<'_>) -> String {
    render_into(md, opts, None)
}

/// Renders Markdown to HTML and takes its [`excerpt`] from the same parse.
pub fn render_with_excerpt(md: &str, opts: &Render<'_>) -> (String, String) {
    let mut excerpt = Excerpt::default();
    let html = render_into(md, opts, Some(&mut excerpt));
    (html, excerpt.finish())
}

/// The first paragraph of Markdown as plain text, cut to about 200 characters.
pub fn excerpt(md: &str) -> String {
    let mut excerpt = Excerpt::default();
    for event in Parser::new_ext(md, options()) {
        if !excerpt.see(&event) {
            break;
        }
    }
    excerpt.finish()
}

/// The text of a document's first paragraph, list item or heading, gathered while its
/// events go by.
#[derive(Default)]
struct Excerpt {
    text: String,
    done: bool,
}

impl Excerpt {
    /// Takes in one event; false once the excerpt has all it wants.
    fn see(&mut self, event: &Event<'_>) -> bool {
        if self.done {
            return false;
        }
        match event {
            Event::Text(t) | Event::Code(t) => self.text.push_str(t),
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_))
                if !self.text.trim().is_empty() =>
            {
                self.done = true;
            }
            _ => {}
        }
        if self.text.len() > 400 {
            self.done = true;
        }
        !self.done
    }

    /// The text with its white space squeezed, cut at a word to at most 200 characters.
    fn finish(self) -> String {
        let text = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() > 200 {
            let cut: String = text.chars().take(197).collect();
            let cut = cut
                .rsplit_once(' ')
                .map_or(cut.as_str(), |(a, _)| a)
                .to_string();
            format!("{cut}…")
        } else {
            text
        }
    }
}

fn render_into(md: &str, opts: &Render<'_>, mut excerpt: Option<&mut Excerpt>) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    // Inside links, images and code blocks, `#` is never a hashtag.
    let mut in_link = 0usize;
    // The depths of links and images left out for their URL, to skip their ends too.
    // Links and images dropped as unsafe: their depth and target, shown as text after.
    let mut dropped: Vec<(usize, CowStr<'_>)> = Vec::new();
    let mut heading_start: Option<usize> = None;
    let mut used_ids: Vec<String> = Vec::new();
    for event in Parser::new_ext(md, options()) {
        if let Some(excerpt) = excerpt.as_deref_mut() {
            excerpt.see(&event);
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading_start = Some(events.len());
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
                events.push(Event::End(TagEnd::Heading(level)));
            }
            // A link or image to an unsafe or malformed URL (`javascript:`...) keeps its
            // text and its target, both as text: the writer's words stay, nothing is live.
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !links::safe_href(&dest_url) =>
            {
                in_link += 1;
                dropped.push((in_link, dest_url));
            }
            Event::End(TagEnd::Link | TagEnd::Image)
                if dropped.last().is_some_and(|(depth, _)| *depth == in_link) =>
            {
                if let Some((_, dest)) = dropped.pop()
                    && !dest.trim().is_empty()
                {
                    events.push(Event::Text(CowStr::from(format!(" ({dest})"))));
                }
                in_link = in_link.saturating_sub(1);
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_))) => {
                in_link += 1;
                events.push(Event::Start(tag));
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock)) => {
                in_link = in_link.saturating_sub(1);
                events.push(Event::End(end));
            }
            Event::Text(text) if in_link == 0 && (text.contains('#') || text.contains("://")) => {
                push_with_tags(&mut events, text, opts);
            }
            // A labelled, read-only box: an unlabelled checkbox is a form control that
            // screen readers announce as nameless.
            Event::TaskListMarker(done) => events.push(Event::InlineHtml(CowStr::from(if done {
                "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
            } else {
                "<input type=\"checkbox\" disabled aria-label=\"To do\"> "
            }))),
            // Wide tables scroll inside their own box, which keyboard users can focus.
            Event::Start(Tag::Table(align)) => {
                events.push(Event::Html(CowStr::from(
                    "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table\">",
                )));
                events.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Html(html) | Event::InlineHtml(html) if !opts.allow_html => {
                events.push(Event::Text(html));
            }
            // A Hugo shortcode without spaces (`{{<figure src="x">}}`) is text the
            // writer brought from a blog, not an HTML tag to open.
            Event::InlineHtml(html) if matches!(events.last(), Some(Event::Text(t)) if t.ends_with("{{")) =>
            {
                events.push(Event::Text(html));
            }
            other => events.push(other),
        }
    }
    let shallowest = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as u8),
            _ => None,
        })
        .min();
    if let Some(shallowest) = shallowest {
        let offset = i16::from(opts.min_heading) - i16::from(shallowest);
        for e in &mut events {
            match e {
                Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                    *level = shift(*level, offset)
                }
                _ => {}
            }
        }
    }
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn shift(level: HeadingLevel, offset: i16) -> HeadingLevel {
    let n = (level as i16 + offset).clamp(1, 6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

/// Splits prose into text, links for bare `http(s)://` URLs, and hashtag links.
fn push_with_tags<'a>(events: &mut Vec<Event<'a>>, text: CowStr<'a>, opts: &Render<'_>) {
    let urls = bare_urls(&text);
    let tags: Vec<_> = find_hashtags(&text)
        .into_iter()
        .filter(|h| !urls.iter().any(|u| h.start < u.1 && h.end > u.0))
        .collect();
    if tags.is_empty() && urls.is_empty() {
        events.push(Event::Text(text));
        return;
    }
    let mut spans: Vec<(usize, usize, String)> = urls
        .iter()
        .map(|&(s, e)| (s, e, text[s..e].to_string()))
        .chain(
            tags.iter()
                .map(|h| (h.start, h.end, (opts.tag_url)(&h.tag))),
        )
        .collect();
    spans.sort_by_key(|s| s.0);
    let mut pos = 0;
    for (start, end, href) in spans {
        if start > pos {
            events.push(Event::Text(CowStr::from(text[pos..start].to_string())));
        }
        let is_tag = text[start..].starts_with('#');
        let mut link = String::from(if is_tag {
            "<a class=\"hashtag\" href=\""
        } else {
            "<a href=\""
        });
        pulldown_cmark_escape::escape_href(&mut link, &href).ok();
        link.push_str("\">");
        pulldown_cmark_escape::escape_html(&mut link, &text[start..end]).ok();
        link.push_str("</a>");
        events.push(Event::InlineHtml(CowStr::from(link)));
        pos = end;
    }
    if pos < text.len() {
        events.push(Event::Text(CowStr::from(text[pos..].to_string())));
    }
}

/// Byte ranges of bare `http://` and `https://` URLs, without trailing punctuation.
fn bare_urls(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("http").map(|i| i + from) {
        let rest = &text[i..];
        let starts_word = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if starts_word && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let len = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
                .unwrap_or(rest.len());
            let url = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '*']);
            if url.len() > "https://".len() {
                out.push((i, i + url.len()));
                from = i + url.len();
                continue;
            }
        }
        from = i + 4;
    }
    out
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
        assert!(
            out.contains("<input type=\"checkbox\" disabled checked aria-label=\"Done\">"),
            "{out}"
        );
        assert!(
            out.contains("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table\"><table>"),
            "{out}"
        );
        assert!(out.contains("<del>gone</del>"), "{out}");
    }

    #[test]
    fn headings_start_at_the_given_level_and_keep_their_steps() {
        let out = html("### A\n\n#### B\n\n### C");
        assert!(
            out.contains("<h3 id=\"s-a\">A</h3>")
                && out.contains("<h4 id=\"s-b\">B</h4>")
                && out.contains("<h3 id=\"s-c\">C</h3>"),
            "{out}"
        );
    }

    #[test]
    fn bare_urls_become_links() {
        let out = html("See https://example.org/a#b, and (https://x.org/y). Not http: alone #tag");
        assert!(
            out.contains("<a href=\"https://example.org/a#b\">https://example.org/a#b</a>,"),
            "{out}"
        );
        assert!(
            out.contains("(<a href=\"https://x.org/y\">https://x.org/y</a>)."),
            "{out}"
        );
        assert!(out.contains("href=\"/tags/tag/\""), "{out}");
        assert!(!out.contains("/tags/b/"), "{out}");
    }

    #[test]
    fn excerpts_come_alike_from_their_own_parse_and_from_rendering() {
        let long = "word ".repeat(60);
        let long_excerpt = format!("{}…", "word ".repeat(39).trim_end());
        let cases = [
            ("", ""),
            ("Just one line.", "Just one line."),
            ("First *para*\nwraps.\n\nSecond.", "First para wraps."),
            ("- item `one` #tag\n- item two", "item one #tag"),
            ("## Heading\n\nText", "Heading"),
            ("<b>raw</b> html\n\nnext", "raw html"),
            ("[link text](https://x.org) after", "link text after"),
            (long.as_str(), long_excerpt.as_str()),
        ];
        for (md, want) in cases {
            assert_eq!(excerpt(md), want, "{md:?}");
            let opts = Render {
                tag_url: &|t| format!("/tags/{t}/"),
                id_prefix: "",
                allow_html: false,
                min_heading: 3,
            };
            let (html, from_render) = render_with_excerpt(md, &opts);
            assert_eq!(from_render, want, "{md:?}");
            assert_eq!(html, render(md, &opts), "{md:?}");
        }
    }

    #[test]
    fn hashtags_and_urls_in_code_are_never_linked() {
        let out = html(
            "```\n#notatag https://example.org/code\n```\n\n    #indented https://example.org/x\n\nand `#inline https://example.org/y` #real",
        );
        let doc = scraper::Html::parse_fragment(&out);
        let links = |css: &str| doc.select(&scraper::Selector::parse(css).unwrap()).count();
        assert_eq!(links("pre a, code a"), 0, "{out}");
        assert_eq!(links("pre"), 2, "{out}");
        // Outside code the same words are linked.
        assert_eq!(links("a[href='/tags/real/']"), 1, "{out}");
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
