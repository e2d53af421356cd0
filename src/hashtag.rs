//! Hashtags in prose (`#opensourceai`): the one rule, used by the notes loader for a
//! session's tags and by the Markdown renderer for their links.

/// A hashtag found in text: its byte range (including `#`) and the tag, lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashtag {
    pub start: usize,
    pub end: usize,
    pub tag: String,
}

/// Finds `#word` hashtags: `#` at the start or after white space or an opening bracket
/// or quote, then letters, digits, `_` or `-` with at least one letter. `C#`, `#1`,
/// `a#b` and URL fragments are not hashtags.
pub fn hashtags(text: &str) -> Vec<Hashtag> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let boundary = prev.is_none_or(|p| {
            p.is_whitespace() || matches!(p, '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«')
        });
        if c == '#' && boundary {
            let rest = &text[i + 1..];
            let len: usize = rest
                .chars()
                .take_while(|&c| c.is_alphanumeric() || c == '_' || c == '-')
                .map(char::len_utf8)
                .sum();
            let word = rest[..len].trim_end_matches(['-', '_']);
            if word.chars().any(char::is_alphabetic) {
                out.push(Hashtag {
                    start: i,
                    end: i + 1 + word.len(),
                    tag: word.to_lowercase(),
                });
                // Skip the word so `#a#b` is one tag.
                while iter.peek().is_some_and(|&(j, _)| j < i + 1 + word.len()) {
                    iter.next();
                }
                prev = word.chars().last();
                continue;
            }
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::hashtags;

    #[test]
    fn hashtag_table() {
        let tags = |s: &str| hashtags(s).into_iter().map(|h| h.tag).collect::<Vec<_>>();
        let cases: &[(&str, &[&str])] = &[
            ("104 #opensourceai", &["opensourceai"]),
            ("#OpenData and #llm-ops.", &["opendata", "llm-ops"]),
            ("C# and F# are languages", &[]),
            ("issue #42", &[]),
            ("https://example.org/page#section", &[]),
            ("(#inparens)", &["inparens"]),
            ("#über #東京", &["über", "東京"]),
            ("trailing #tag-", &["tag"]),
        ];
        for (input, want) in cases {
            assert_eq!(tags(input), *want, "{input}");
        }
    }
}
