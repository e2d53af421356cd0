//! The links and ids of an HTML page, read by a small tag scanner: enough for the
//! pages plenary and its templates write (quoted or bare attribute values, comments,
//! `<script>` and `<style>` bodies skipped), and never a panic on any other text.

/// One reference of a page to another resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The element's name, lower case: `a`, `img`, `link`.
    pub tag: String,
    /// The URL as the browser reads it (character references decoded).
    pub url: String,
    /// The 1-based line of the page where the element starts.
    pub line: usize,
}

/// What a page offers and asks for.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    pub references: Vec<Reference>,
    /// Every `id` (and `<a name>`), the targets of `#fragment` links.
    pub ids: Vec<String>,
}

/// Scans an HTML page for `href`, `src`, `srcset` and `poster` values and for ids.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut line = 1;
    // Lines counted up to `counted`, so each byte is looked at once.
    let mut counted = 0;
    let mut line_at = |pos: usize, line: &mut usize| {
        *line += bytes[counted..pos].iter().filter(|&&b| b == b'\n').count();
        counted = pos;
    };
    while let Some(off) = text[i..].find('<') {
        let start = i + off;
        let rest = &text[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(text.len(), |e| start + e + 3);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - 1);
        if name_len == 0 || !rest.as_bytes()[1].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let tag = rest[1..1 + name_len].to_ascii_lowercase();
        line_at(start, &mut line);
        let (attrs, end) = attributes(&text[start + 1 + name_len..]);
        i = start + 1 + name_len + end;
        for (name, value) in attrs {
            match name.as_str() {
                "href" | "src" | "poster" => out.references.push(Reference {
                    tag: tag.clone(),
                    url: value.trim().to_string(),
                    line,
                }),
                "srcset" => {
                    for candidate in value.split(',') {
                        if let Some(url) = candidate.split_whitespace().next() {
                            out.references.push(Reference {
                                tag: tag.clone(),
                                url: url.to_string(),
                                line,
                            });
                        }
                    }
                }
                "id" => out.ids.push(value),
                "name" if tag == "a" => out.ids.push(value),
                _ => {}
            }
        }
        // Raw text elements: their bodies hold no tags.
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            let lower = text[i..].to_ascii_lowercase();
            i = lower.find(&close).map_or(text.len(), |e| i + e);
        }
    }
    out
}

/// The attributes of a start tag, from just after its name; and how far the tag goes.
fn attributes(text: &str) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let pos = |k: usize| chars.get(k).map_or(text.len(), |&(p, _)| p);
    loop {
        while at(k).is_some_and(|c| c.is_whitespace() || c == '/') {
            k += 1;
        }
        match at(k) {
            None => return (attrs, text.len()),
            Some('>') => return (attrs, pos(k) + 1),
            _ => {}
        }
        let name_start = k;
        while at(k).is_some_and(|c| !c.is_whitespace() && !matches!(c, '=' | '>' | '/')) {
            k += 1;
        }
        let name = text[pos(name_start)..pos(k)].to_ascii_lowercase();
        if name.is_empty() {
            // A stray `=`: skip it.
            k += 1;
            continue;
        }
        while at(k).is_some_and(char::is_whitespace) {
            k += 1;
        }
        if at(k) != Some('=') {
            attrs.push((name, String::new()));
            continue;
        }
        k += 1;
        while at(k).is_some_and(char::is_whitespace) {
            k += 1;
        }
        let value = match at(k) {
            Some(q @ ('"' | '\'')) => {
                let v_start = k + 1;
                k = v_start;
                while at(k).is_some_and(|c| c != q) {
                    k += 1;
                }
                let v = &text[pos(v_start)..pos(k)];
                k += 1;
                v
            }
            _ => {
                let v_start = k;
                while at(k).is_some_and(|c| !c.is_whitespace() && c != '>') {
                    k += 1;
                }
                &text[pos(v_start)..pos(k)]
            }
        };
        attrs.push((name, decode(value)));
    }
}

/// Decodes the character references a URL may hold: `&amp;`, `&quot;`, `&#39;`,
/// `&#x2F;` and the like. An unknown one stays as written.
pub fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let named = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, e))
        });
        match named {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(html: &str) -> Vec<(String, String, usize)> {
        scan(html)
            .references
            .into_iter()
            .map(|r| (r.tag, r.url, r.line))
            .collect()
    }

    #[test]
    fn links_images_and_ids() {
        let page = "<!doctype html>\n<a href=\"/x/?a=1&amp;b=2\" id=top>x</a>\n\
                    <IMG SRC='i.png' alt=\"a > b\">\n<!-- <a href=\"/gone/\"> -->\n\
                    <script>if (a<b) { x = '<a href=\"/js/\">' }</script>\n\
                    <img srcset=\"a.png 1x, b.png 2x\"><a name=old></a><p id=\"s-1\">";
        assert_eq!(
            urls(page),
            [
                ("a".into(), "/x/?a=1&b=2".into(), 2),
                ("img".into(), "i.png".into(), 3),
                ("img".into(), "a.png".into(), 6),
                ("img".into(), "b.png".into(), 6),
            ]
        );
        assert_eq!(scan(page).ids, ["top", "old", "s-1"]);
    }

    proptest::proptest! {
        #[test]
        fn any_page_scans_without_panic(text in "(<|>|=|\"|'|&|;|#|/|!|-|a|é|☕| |\n|script|href|id|<!--|-->){0,80}") {
            let _ = scan(&text);
            let _ = decode(&text);
        }
    }

    #[test]
    fn any_text_scans_without_panic() {
        for text in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"x",
            "&",
            "<é href=x>",
            "<a é=\"ü\">",
            "<script>",
        ] {
            let _ = scan(text);
        }
        assert_eq!(decode("a&amp;b&#x41;&#66;&bogus;&"), "a&bAB&bogus;&");
    }
}
