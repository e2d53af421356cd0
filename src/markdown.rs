//! Markdown of preambles and session notes: the one place pulldown-cmark is set up,
//! hashtags turned into tag links, and heading ids made unique within a page.

use crate::hashtag::hashtags as find_hashtags;
use crate::highlight;
use crate::links;
use crate::slug::slugify;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

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
    /// The markup of an image, by its link target and alt text (see
    /// [`crate::media`]); `None` from it, or no hook, keeps pulldown-cmark's `<img>`.
    pub image: Option<&'a ImageHook<'a>>,
}

/// The markup of an image by its link target and alt text, `None` to keep the plain
/// `<img>`.
pub type ImageHook<'a> = dyn Fn(&str, &str) -> Option<String> + 'a;

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
        // Enough to cut 200 characters from, counted in characters: 400 bytes of
        // CJK text are under 200 of them.
        if self.text.chars().count() > 400 {
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
    // A fenced block that names a language, gathered to be highlighted whole.
    let mut fenced: Option<(CowStr<'_>, String)> = None;
    // An image being read: where its events start, its target and its alt text.
    let mut image: Option<(usize, CowStr<'_>, String)> = None;
    for event in Parser::new_ext(md, options()) {
        if let Some(excerpt) = excerpt.as_deref_mut() {
            excerpt.see(&event);
        }
        if let Some((info, code)) = &mut fenced {
            match event {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((info, code)) = fenced.take() {
                        push_code_block(&mut events, info, code);
                    }
                    in_link = in_link.saturating_sub(1);
                }
                // A code block holds only text; anything else is kept as it came.
                other => {
                    let info = info.clone();
                    let code = std::mem::take(code);
                    fenced = None;
                    events.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))));
                    events.push(Event::Text(CowStr::from(code)));
                    events.push(other);
                }
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if !highlight::language(&info).is_empty() =>
            {
                in_link += 1;
                fenced = Some((info, String::new()));
            }
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
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if opts.image.is_some() && image.is_none() => {
                in_link += 1;
                image = Some((events.len(), dest_url.clone(), String::new()));
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) if image.is_some() => {
                in_link = in_link.saturating_sub(1);
                events.push(Event::End(TagEnd::Image));
                if let (Some((start, src, alt)), Some(hook)) = (image.take(), opts.image)
                    && let Some(html) = hook(&src, &alt)
                {
                    events.truncate(start);
                    events.push(Event::InlineHtml(CowStr::from(html)));
                }
            }
            Event::Text(ref text) | Event::Code(ref text) if image.is_some() => {
                if let Some((_, _, alt)) = &mut image {
                    alt.push_str(text);
                }
                events.push(event);
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

/// A fenced code block: highlighted to classed spans when its language is known
/// (see [`highlight`]), otherwise as pulldown-cmark writes it, plain.
fn push_code_block<'a>(events: &mut Vec<Event<'a>>, info: CowStr<'a>, code: String) {
    let lang = highlight::language(&info);
    match highlight::highlight(&code, lang) {
        Some(spans) => {
            let mut html = String::with_capacity(spans.len() + 64);
            html.push_str("<pre class=\"hl\"><code class=\"language-");
            pulldown_cmark_escape::escape_html(&mut html, lang).ok();
            html.push_str("\">");
            html.push_str(&spans);
            html.push_str("</code></pre>\n");
            events.push(Event::Html(CowStr::from(html)));
        }
        None => {
            events.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))));
            events.push(Event::Text(CowStr::from(code)));
            events.push(Event::End(TagEnd::CodeBlock));
        }
    }
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
                image: None,
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
                image: None,
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

    /// The elements of rendered HTML that `css` selects, as their outer HTML.
    fn select(html: &str, css: &str) -> Vec<String> {
        let doc = scraper::Html::parse_fragment(html);
        let selector = scraper::Selector::parse(css).unwrap();
        doc.select(&selector).map(|e| e.html()).collect()
    }

    #[test]
    fn footnotes_render_as_references_and_their_notes() {
        let out = html("A claim.[^1]\n\n[^1]: The source.");
        assert_eq!(select(&out, "sup.footnote-reference a").len(), 1, "{out}");
        assert_eq!(select(&out, "div.footnote-definition").len(), 1, "{out}");
    }

    #[test]
    fn links_keep_their_text_and_unsafe_ones_are_never_live() {
        let out = html(
            "[the slides](https://example.org/s) and [click](javascript:alert(1)) and ![pic](javascript:x) and [![logo](javascript:y)](https://example.org/home)",
        );
        // An unsafe target is never a link or an image, but the writer's words stay:
        // the text, and the target after it as plain text.
        assert_eq!(
            select(&out, "a"),
            vec![
                "<a href=\"https://example.org/s\">the slides</a>",
                "<a href=\"https://example.org/home\">logo (javascript:y)</a>",
            ],
            "{out}"
        );
        assert!(out.contains("and click (javascript:alert(1)) and"), "{out}");
        assert!(select(&out, "img").is_empty(), "{out}");
        assert!(!out.contains("href=\"javascript"), "{out}");
        assert!(!out.contains("src=\"javascript"), "{out}");
        // The text of a link left out is still link text: no hashtag in it is linked.
        let out = html("[#rust now](javascript:x) and #data");
        assert_eq!(
            select(&out, "a"),
            vec!["<a class=\"hashtag\" href=\"/tags/data/\">#data</a>"],
            "{out}"
        );
    }

    #[test]
    fn hashtags_in_link_text_are_not_linked_again() {
        let out = html("[all #rust talks](https://example.org/rust) and #rust");
        assert_eq!(
            select(&out, "a"),
            vec![
                "<a href=\"https://example.org/rust\">all #rust talks</a>",
                "<a class=\"hashtag\" href=\"/tags/rust/\">#rust</a>",
            ],
            "{out}"
        );
    }

    #[test]
    fn a_hashtag_inside_a_bare_url_stays_part_of_the_url() {
        let out = html("See https://example.org/(#frag) now, and https:// alone");
        assert_eq!(
            select(&out, "a"),
            vec!["<a href=\"https://example.org/(#frag\">https://example.org/(#frag</a>"],
            "{out}"
        );
    }

    #[test]
    fn only_whole_http_urls_become_links() {
        let out = html("the httpclient package, xhttps://example.org and https://example.org/ok");
        assert_eq!(
            select(&out, "a"),
            vec!["<a href=\"https://example.org/ok\">https://example.org/ok</a>"],
            "{out}"
        );
    }

    #[test]
    fn repeated_headings_get_numbered_ids() {
        let out = html("## Q&A\n\n## Q&A\n\n## Q&A\n\n## Q&A 2");
        let ids: Vec<String> = select(&out, "h3")
            .iter()
            .map(|h| h.split('"').nth(1).unwrap_or_default().to_string())
            .collect();
        assert_eq!(ids, ["s-q-a", "s-q-a-2", "s-q-a-3", "s-q-a-2-2"], "{out}");
    }

    #[test]
    fn raw_html_is_kept_when_allowed() {
        let out = html("hi <b>bold</b>\n\n<div class=\"note\">boxed</div>");
        assert_eq!(select(&out, "b"), vec!["<b>bold</b>"], "{out}");
        assert_eq!(select(&out, "div.note").len(), 1, "{out}");
    }

    #[test]
    fn excerpts_of_exactly_200_characters_are_whole_and_longer_ones_cut_in_any_script() {
        let exact = "x".repeat(200);
        assert_eq!(excerpt(&exact), exact);
        let over = "x".repeat(201);
        assert_eq!(excerpt(&over), format!("{}…", "x".repeat(197)));
        // Lines of 140 CJK characters (420 bytes) make one paragraph: its excerpt says
        // that it goes on (cut at the last space, between its lines).
        let line = "東".repeat(140);
        let md = format!("{line}\n{line}\n{line}\n\nNext.");
        assert_eq!(excerpt(&md), format!("{line}…"));
        // A first paragraph with no text (a photo) gives no excerpt: the next one does.
        assert_eq!(
            excerpt("![](photo.jpg)\n\nThe real text."),
            "The real text."
        );
    }

    #[test]
    fn fenced_code_with_a_known_language_is_highlighted_to_classes() {
        let out = render(
            "```rust\nfn main() { if x { println!(\"<b>#tag</b>\"); } } // https://x.org\n```\n",
            &Render {
                tag_url: &|t| format!("/tags/{t}/"),
                id_prefix: "",
                allow_html: false,
                min_heading: 3,
                image: None,
            },
        );
        let doc = scraper::Html::parse_fragment(&out);
        let sel = |css: &str| scraper::Selector::parse(css).unwrap();
        let code = doc.select(&sel("pre.hl > code.language-rust")).next();
        let code = code.unwrap_or_else(|| panic!("no highlighted block: {out}"));
        assert!(
            code.select(&sel("span.hl-keyword")).next().is_some(),
            "{out}"
        );
        assert!(
            code.select(&sel("span.hl-string")).next().is_some(),
            "{out}"
        );
        assert!(
            code.select(&sel("span.hl-comment")).next().is_some(),
            "{out}"
        );
        // The code reads as typed: no tag link, no markup of its own, no lost character.
        assert_eq!(doc.select(&sel("a, b")).count(), 0, "{out}");
        assert_eq!(
            code.text().collect::<String>(),
            "fn main() { if x { println!(\"<b>#tag</b>\"); } } // https://x.org\n"
        );
    }

    #[test]
    fn fenced_code_in_an_unknown_language_or_none_stays_plain() {
        for md in [
            "```klingon\nqapla' #x\n```\n",
            "```\nplain #x\n```\n",
            "    indented #x\n",
        ] {
            let out = html(md);
            let doc = scraper::Html::parse_fragment(&out);
            let sel = |css: &str| scraper::Selector::parse(css).unwrap();
            assert_eq!(doc.select(&sel("pre")).count(), 1, "{out}");
            assert_eq!(doc.select(&sel("span, pre.hl, a")).count(), 0, "{out}");
            assert!(out.contains("#x\n</code></pre>"), "{out}");
        }
        assert!(html("```klingon\nx\n```").contains("class=\"language-klingon\""));
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
                image: None,
            },
        );
        assert!(!out.contains("<script>"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
    }
}
