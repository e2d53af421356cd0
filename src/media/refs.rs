//! The images a notes file shows: each `![alt](src)` with its line, found by the same
//! Markdown parser that renders it, so code spans and code blocks hold none.

use crate::markdown;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// One image reference in a notes file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The link target as written (`photos/stage.jpg`).
    pub src: String,
    /// The alt text, as plain text.
    pub alt: String,
    /// 1-based line of the `![`.
    pub line: usize,
}

impl ImageRef {
    /// Whether the reference points at a file beside the notes, not at a URL, an
    /// absolute path of the site, or a data URI.
    pub fn is_local(&self) -> bool {
        let src = self.src.as_str();
        !(src.is_empty()
            || src.starts_with('/')
            || src.starts_with('#')
            || src.starts_with("//")
            || src.contains("://")
            || src.starts_with("data:")
            || src.starts_with("mailto:"))
    }
}

/// Every image reference of `text`, in order.
pub fn find(text: &str) -> Vec<ImageRef> {
    let mut out = Vec::new();
    if !text.contains("![") {
        return out;
    }
    let mut open: Option<ImageRef> = None;
    for (event, range) in Parser::new_ext(text, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                let line = 1 + text[..range.start].matches('\n').count();
                open = Some(ImageRef {
                    src: dest_url.to_string(),
                    alt: String::new(),
                    line,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(image) = &mut open {
                    image.alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_with_lines_and_alt_text() {
        let text = "intro\n\n![The *stage*](stage.jpg) and ![](b.png)\n\n`![no](code.jpg)`\n\n```\n![no](block.jpg)\n```\n\n- ![Slide 3](slides/3.jpeg \"title\")\n";
        let got: Vec<(String, String, usize)> = find(text)
            .into_iter()
            .map(|r| (r.src, r.alt, r.line))
            .collect();
        let want = [
            ("stage.jpg", "The stage", 3),
            ("b.png", "", 3),
            ("slides/3.jpeg", "Slide 3", 11),
        ];
        let want: Vec<(String, String, usize)> = want
            .iter()
            .map(|(s, a, l)| (s.to_string(), a.to_string(), *l))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn only_files_beside_the_notes_are_local() {
        let local = |src: &str| {
            ImageRef {
                src: src.to_string(),
                alt: String::new(),
                line: 1,
            }
            .is_local()
        };
        for src in ["a.jpg", "photos/a.jpg", "../shared/a.jpg", "a b.jpg"] {
            assert!(local(src), "{src}");
        }
        for src in [
            "https://x.org/a.jpg",
            "//x.org/a.jpg",
            "/static/a.jpg",
            "data:image/png;base64,",
            "",
        ] {
            assert!(!local(src), "{src}");
        }
    }
}
