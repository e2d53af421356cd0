//! A small XML writer for feeds and the sitemap: every text and attribute value is
//! escaped on the way in, and elements close in the order they opened.

/// An XML document being written, one element per line, indented by depth.
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Default for Xml {
    fn default() -> Self {
        Self::new()
    }
}

impl Xml {
    /// A document with its XML declaration.
    pub fn new() -> Xml {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            open: Vec::new(),
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }

    /// Opens an element that will hold other elements.
    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name);
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            for _ in 0..self.open.len() {
                self.out.push_str("  ");
            }
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push_str(">\n");
        }
    }

    /// An element holding only text.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// An element without content: `<link href="..."/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// The document, with any elements still open closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

/// Escapes text for element content, or for a double-quoted attribute when `attr`.
/// Characters XML 1.0 cannot carry at all (most C0 controls) are dropped rather than
/// breaking the file.
pub fn escape_into(out: &mut String, text: &str, attr: bool) {
    // Every character that needs care is ASCII, or U+FFFE/U+FFFF (whose UTF-8 starts
    // with 0xEF): runs of other bytes are copied whole.
    crate::runs::replace_into(out, text, |bytes, i| {
        Some(match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' if attr => ("&quot;", 1),
            // References, because a parser turns raw ones in attributes into spaces.
            b'\n' if attr => ("&#10;", 1),
            b'\r' => ("&#13;", 1),
            b'\t' if attr => ("&#9;", 1),
            b'\n' | b'\t' => return None,
            0..=0x1f => ("", 1),
            0xef if matches!(bytes.get(i + 1..i + 3), Some([0xbf, 0xbe | 0xbf])) => ("", 3),
            _ => return None,
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text() {
        // (input, as text, as attribute)
        let cases = [
            ("plain", "plain", "plain"),
            (
                "a < b & c > d",
                "a &lt; b &amp; c &gt; d",
                "a &lt; b &amp; c &gt; d",
            ),
            ("say \"hi\"", "say \"hi\"", "say &quot;hi&quot;"),
            ("</script>", "&lt;/script&gt;", "&lt;/script&gt;"),
            ("bell\u{7}less", "bellless", "bellless"),
            ("two\nlines", "two\nlines", "two&#10;lines"),
            ("cr\r\n", "cr&#13;\n", "cr&#13;&#10;"),
            ("Zürich ☕", "Zürich ☕", "Zürich ☕"),
            (
                "no\u{FFFE}n\u{FFFF}-\u{FFFD}\u{EFFF}",
                "non-\u{FFFD}\u{EFFF}",
                "non-\u{FFFD}\u{EFFF}",
            ),
            ("\u{0}\u{1f} \u{7f}", " \u{7f}", " \u{7f}"),
        ];
        for (input, text, attr) in cases {
            let mut out = String::new();
            escape_into(&mut out, input, false);
            assert_eq!(out, text, "{input:?}");
            out.clear();
            escape_into(&mut out, input, true);
            assert_eq!(out, attr, "{input:?}");
        }
    }

    /// The rule written one character at a time, as the model the fast path must match.
    fn escape_chars(text: &str, attr: bool) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if attr => out.push_str("&quot;"),
                '\n' if attr => out.push_str("&#10;"),
                '\r' => out.push_str("&#13;"),
                '\t' if attr => out.push_str("&#9;"),
                '\n' | '\t' => out.push(c),
                c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
                c => out.push(c),
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn escapes_any_text_like_the_model(
            text in "(\\PC|[&<>\"\n\r\t\u{0}\u{1f}\u{FFFE}\u{FFFF}\u{FFFD}\u{EFFF}])*",
            attr: bool,
        ) {
            let mut out = String::new();
            escape_into(&mut out, &text, attr);
            proptest::prop_assert_eq!(out, escape_chars(&text, attr));
        }
    }

    #[test]
    fn writes_nested_elements() {
        let mut x = Xml::new();
        x.open("feed", &[("xmlns", "urn:x")]);
        x.text("title", &[], "A & B");
        x.empty("link", &[("href", "https://e.org/?a=1&b=2")]);
        let doc = x.finish();
        assert_eq!(
            doc,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"urn:x\">\n  \
             <title>A &amp; B</title>\n  <link href=\"https://e.org/?a=1&amp;b=2\"/>\n</feed>\n"
        );
    }
}
