//! iCalendar content lines: unfolding, `NAME;PARAM=VALUE:value`, escaped text.

/// One content line: `NAME;PARAM=VALUE:value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prop {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
    /// 1-based line of its first physical line.
    pub line: usize,
}

impl Prop {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Joins folded lines (a line starting with a space or tab continues the one before)
/// and returns each logical line with its first line number.
pub fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some(last) = out.last_mut()
        {
            last.1.push_str(rest);
            continue;
        }
        if !line.trim().is_empty() {
            out.push((i + 1, line.to_string()));
        }
    }
    out
}

/// Splits one logical line into name, parameters and value.
pub fn parse_prop(line: usize, text: &str) -> Option<Prop> {
    let mut in_quotes = false;
    let mut colon = None;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ':' if !in_quotes => {
                colon = Some(i);
                break;
            }
            _ => {}
        }
    }
    let colon = colon?;
    let (head, value) = (&text[..colon], &text[colon + 1..]);
    let mut parts = split_unquoted(head, ';').into_iter();
    let name = parts.next()?.trim().to_ascii_uppercase();
    if name.is_empty() {
        return None;
    }
    let params = parts
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_uppercase(),
                v.trim().trim_matches('"').to_string(),
            ))
        })
        .collect();
    Some(Prop {
        name,
        params,
        value: value.to_string(),
        line,
    })
}

fn split_unquoted(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_quotes = false;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '"' {
            in_quotes = !in_quotes;
        } else if c == sep && !in_quotes {
            out.push(&s[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&s[start..]);
    out
}

/// A TEXT value with its escapes (`\n`, `\,`, `\;`, `\\`) resolved.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolding_and_props() {
        let text = "BEGIN:VEVENT\r\nSUMMARY:A long\r\n  title\r\nDTSTART;TZID=\"Europe/Berlin\":20250507T100000\r\n";
        let lines = unfold(text);
        assert_eq!(
            lines,
            vec![
                (1, "BEGIN:VEVENT".to_string()),
                (2, "SUMMARY:A long title".to_string()),
                (
                    4,
                    "DTSTART;TZID=\"Europe/Berlin\":20250507T100000".to_string()
                ),
            ]
        );
        let p = parse_prop(4, &lines[2].1).unwrap();
        assert_eq!(p.name, "DTSTART");
        assert_eq!(p.param("TZID"), Some("Europe/Berlin"));
        assert_eq!(p.value, "20250507T100000");
        let q = parse_prop(
            1,
            "ATTENDEE;CN=\"Doe: Jane\";ROLE=CHAIR:mailto:j@example.org",
        )
        .unwrap();
        assert_eq!(q.param("CN"), Some("Doe: Jane"));
        assert_eq!(q.value, "mailto:j@example.org");
        assert_eq!(parse_prop(1, "no colon here"), None);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            unescape(r"One\, two\; three\nfour\\five"),
            "One, two; three\nfour\\five"
        );
    }
}
