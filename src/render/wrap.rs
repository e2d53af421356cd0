//! The `wrap` filter of templates: text broken into lines of about `width`
//! characters, at most `lines` of them, for templates that lay out text themselves
//! (an SVG card has no line breaking of its own).

use std::collections::HashMap;
use tera::{Result, Value};

/// `{{ title | wrap(width=24, lines=3) }}`: a list of lines. Breaks at spaces; a word
/// longer than a line is cut; text past the last line ends it with `…`.
pub fn filter(value: &Value, args: &HashMap<String, Value>) -> Result<Value> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    let number = |name: &str, default: u64| -> Result<usize> {
        match args.get(name) {
            None => Ok(default as usize),
            Some(v) => v
                .as_u64()
                .filter(|n| *n > 0)
                .map(|n| n.min(10_000) as usize)
                .ok_or_else(|| {
                    tera::Error::msg(format!("wrap: `{name}` must be a whole number above 0"))
                }),
        }
    };
    let width = number("width", 40)?;
    let lines = number("lines", 1_000)?;
    Ok(Value::from(wrap(&text, width, lines)))
}

/// The lines of `text`, each at most `width` characters, at most `max` of them.
pub fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let (width, max) = (width.max(1), max.max(1));
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    let mut truncated = false;
    'words: for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let needed = if len == 0 {
                word.len()
            } else {
                len + 1 + word.len()
            };
            if needed <= width {
                if len > 0 {
                    line.push(' ');
                }
                line.extend(word.iter());
                len = needed;
                continue 'words;
            }
            if len > 0 {
                out.push(std::mem::take(&mut line));
                len = 0;
            } else {
                // A word longer than a line: cut it.
                let rest = word.split_off(width);
                out.push(word.iter().collect());
                word = rest;
            }
            if out.len() == max {
                truncated = true;
                break 'words;
            }
        }
    }
    if !truncated && len > 0 {
        out.push(line);
    }
    if truncated && let Some(last) = out.last_mut() {
        let mut chars: Vec<char> = last.chars().collect();
        while chars.len() + 1 > width || chars.last() == Some(&' ') {
            if chars.pop().is_none() {
                break;
            }
        }
        last.clear();
        last.extend(chars);
        last.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_cuts_long_words_and_ends_cut_text_with_an_ellipsis() {
        let cases: [(&str, usize, usize, &[&str]); 7] = [
            ("", 10, 3, &[]),
            ("Short title", 20, 3, &["Short title"]),
            (
                "The impact of open models",
                12,
                3,
                &["The impact", "of open", "models"],
            ),
            ("one two three four", 9, 2, &["one two", "three…"]),
            (
                "Supercalifragilistic",
                8,
                3,
                &["Supercal", "ifragili", "stic"],
            ),
            ("  spaced   out\ttext ", 20, 3, &["spaced out text"]),
            ("Ünïcödé wörds here", 8, 1, &["Ünïcödé…"]),
        ];
        for (text, width, max, want) in cases {
            assert_eq!(wrap(text, width, max), want, "{text:?} {width} {max}");
        }
    }
}
