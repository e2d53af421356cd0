//! Rewriting text by runs: the bytes a rule leaves alone are copied in whole runs
//! between the few it replaces, the shape every escaper shares (HTML, XML, iCalendar,
//! JSON in a `<script>`).

/// Appends `text` to `out`, asking `rule` at each byte whether to replace what starts
/// there: `Some((replacement, len))` replaces `len` bytes, `None` keeps the byte. A rule
/// must only match at character boundaries and cover whole characters.
pub fn replace_into(
    out: &mut String,
    text: &str,
    rule: impl Fn(&[u8], usize) -> Option<(&'static str, usize)>,
) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match rule(bytes, i) {
            Some((replacement, len)) => {
                out.push_str(&text[start..i]);
                out.push_str(replacement);
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&text[start..]);
}
