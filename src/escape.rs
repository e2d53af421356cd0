//! Every escaper of the output, each a rule over [`crate::runs`]: HTML (ours and
//! Tera's autoescaping), XML, iCalendar TEXT, and JSON placed in a `<script>`.
//!
//! The two HTML escapers differ on purpose and in their bytes: [`tera_html`] is Tera's
//! autoescaping byte for byte (it also escapes `/`, and writes `'` as `&#x27;`), so
//! templates render as they always did; [`html_into`] is for the HTML plenary writes
//! itself (speaker links, feed content). Markdown's own links are escaped by
//! pulldown-cmark's HTML writer, as the rest of the Markdown is.

use crate::runs::replace_into;

/// Escapes text for HTML content or a double-quoted attribute: `&`, `<`, `>`, `"` and
/// `'` become references, the runs between them are copied whole.
pub fn html_into(out: &mut String, text: &str) {
    replace_into(out, text, |bytes, i| match bytes[i] {
        b'&' => Some(("&amp;", 1)),
        b'<' => Some(("&lt;", 1)),
        b'>' => Some(("&gt;", 1)),
        b'"' => Some(("&quot;", 1)),
        b'\'' => Some(("&#39;", 1)),
        _ => None,
    });
}

/// Tera's autoescaping, byte for byte (`&`, `<`, `>`, `"`, `'` and `/` become
/// entities), into a string sized exactly, and a plain copy when nothing needs
/// escaping: escaping is a good part of rendering a page.
pub fn tera_html(input: &str) -> String {
    let extra: usize = input
        .bytes()
        .map(|b| usize::from(TERA_EXTRA[usize::from(b)]))
        .sum();
    if extra == 0 {
        return input.to_owned();
    }
    let mut out = String::with_capacity(input.len() + extra);
    replace_into(&mut out, input, |bytes, i| {
        Some(match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#x27;", 1),
            b'/' => ("&#x2F;", 1),
            _ => return None,
        })
    });
    out
}

/// For each byte, how many bytes longer Tera's entity for it is (0: kept as it is).
static TERA_EXTRA: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'&' as usize] = 4;
    table[b'<' as usize] = 3;
    table[b'>' as usize] = 3;
    table[b'"' as usize] = 5;
    table[b'\'' as usize] = 5;
    table[b'/' as usize] = 5;
    table
};

/// Escapes text for XML element content, or for a double-quoted attribute when
/// `attr`. Characters XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF)
/// are dropped rather than breaking the file.
pub fn xml_into(out: &mut String, text: &str, attr: bool) {
    // Every character that needs care is ASCII, or U+FFFE/U+FFFF (whose UTF-8 starts
    // with 0xEF): runs of other bytes are copied whole.
    replace_into(out, text, |bytes, i| {
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

/// Escapes an iCalendar TEXT value: backslash, semicolon, comma and line breaks;
/// drops the other control characters, which a TEXT value cannot hold.
pub fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    ics_text_into(&mut out, text);
    out
}

/// [`ics_text`], appended to `out`. Everything it changes is ASCII or a C1 control
/// (`U+0080`–`U+009F`, `C2 80`–`C2 9F` in UTF-8), so the runs between are copied whole.
pub fn ics_text_into(out: &mut String, text: &str) {
    replace_into(out, text, |bytes, i| {
        Some(match bytes[i] {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            // CRLF is one line break.
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => ("\\n", 2),
            b'\n' | b'\r' => ("\\n", 1),
            b'\t' => return None,
            0..=0x1f | 0x7f => ("", 1),
            0xc2 if matches!(bytes.get(i + 1), Some(0x80..=0x9f)) => ("", 2),
            _ => return None,
        })
    });
}

/// JSON that cannot end its `<script>` element or open a comment in it: `<`, `>` and
/// `&` become `\u` escapes, which mean the same to a JSON parser.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    replace_into(&mut out, json, |bytes, i| match bytes[i] {
        b'<' => Some(("\\u003c", 1)),
        b'>' => Some(("\\u003e", 1)),
        b'&' => Some(("\\u0026", 1)),
        _ => None,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn escapes_html() {
        for (text, want) in [
            ("", ""),
            ("plain", "plain"),
            ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
            ("\"Don't\"", "&quot;Don&#39;t&quot;"),
            ("Zürich & ☕", "Zürich &amp; ☕"),
            ("&", "&amp;"),
        ] {
            let mut out = String::from("x");
            html_into(&mut out, text);
            assert_eq!(out, format!("x{want}"), "{text:?}");
        }
    }

    #[test]
    fn escapes_exactly_like_tera() {
        for input in [
            "",
            "plain text",
            "a < b & c > d",
            "\"quoted\" and 'single'",
            "https://example.org/a/b?c=d&e=f",
            "&&&<<<>>>///",
            "Zürich ☕ café / München",
            "<script>alert('x')</script>",
            "ends with &",
            "/starts with a slash",
        ] {
            assert_eq!(tera_html(input), tera::escape_html(input), "{input:?}");
        }
    }

    #[test]
    fn escapes_xml_text_and_attributes() {
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
            xml_into(&mut out, input, false);
            assert_eq!(out, text, "{input:?}");
            out.clear();
            xml_into(&mut out, input, true);
            assert_eq!(out, attr, "{input:?}");
        }
    }

    /// The XML rule written one character at a time, as the model the fast path must
    /// match.
    fn xml_chars(text: &str, attr: bool) -> String {
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

    #[test]
    fn escapes_ics_text() {
        let cases = [
            ("plain", "plain"),
            ("a, b; c", "a\\, b\\; c"),
            ("back\\slash", "back\\\\slash"),
            ("two\nlines\r\nthree", "two\\nlines\\nthree"),
            ("bell\u{7}", "bell"),
        ];
        for (input, want) in cases {
            assert_eq!(ics_text(input), want, "{input:?}");
        }
    }

    /// The iCalendar rule one character at a time: the model for the fast path.
    fn ics_chars(text: &str) -> String {
        let mut out = String::new();
        for c in text.replace("\r\n", "\n").chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\n' | '\r' => out.push_str("\\n"),
                '\t' => out.push('\t'),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn script_safe_json() {
        let cases = [
            (json!("plain"), "\"plain\""),
            (
                json!("</script><!--"),
                "\"\\u003c/script\\u003e\\u003c!--\"",
            ),
            (json!("a & b"), "\"a \\u0026 b\""),
        ];
        for (value, want) in cases {
            let out = script_json(&value.to_string());
            assert_eq!(out, want);
            let back: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(back, value);
        }
    }

    proptest::proptest! {
        #[test]
        fn escapes_any_text_like_tera(input in "(\\PC|[&<>\"'/])*") {
            proptest::prop_assert_eq!(tera_html(&input), tera::escape_html(&input));
        }

        #[test]
        fn escapes_any_xml_like_the_model(
            text in "(\\PC|[&<>\"\n\r\t\u{0}\u{1f}\u{FFFE}\u{FFFF}\u{FFFD}\u{EFFF}])*",
            attr: bool,
        ) {
            let mut out = String::new();
            xml_into(&mut out, &text, attr);
            proptest::prop_assert_eq!(out, xml_chars(&text, attr));
        }

        #[test]
        fn escapes_any_ics_text_like_the_model(
            text in "(\\PC|[\\\\;,\r\n\t\u{0}\u{7f}\u{80}\u{9f}\u{a0}éü☕]){0,200}",
        ) {
            proptest::prop_assert_eq!(ics_text(&text), ics_chars(&text));
        }
    }
}
