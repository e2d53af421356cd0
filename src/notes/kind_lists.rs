//! Lists named by their heading: `### Talks` or `## Workshops` with a plain list of
//! titles right under it. The heading says what the items are, so each item is a
//! session, and the heading is the list's name, not a session.

use super::titles;
use crate::model::Kind;

/// Headings that name what a list holds: kinds of sessions, in the plural (compared
/// in lower case, without a trailing colon). `Lightning talks` is left out: it is as
/// often one session of many short talks.
const KINDS: &[&str] = &[
    "talks",
    "the talks",
    "workshops",
    "sessions",
    "presentations",
    "keynotes",
    "tutorials",
    "panels",
    "vorträge",
    "keynotes und vorträge",
    "talks and workshops",
    "workshops and talks",
    "conférences",
    "ateliers",
    "présentations",
    "charlas",
    "talleres",
    "ponencias",
];

/// Whether a heading names a kind of sessions in the plural (`Talks`, `Workshops`,
/// `Keynotes und Vorträge`).
pub fn names_a_kind(text: &str) -> bool {
    let t = titles::plain(text);
    let t = t
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
        .replace(" & ", " and ");
    KINDS.contains(&t.as_str())
}

/// The kind the heading over a named list gives its item on line `i`: `Workshops`
/// makes its items workshops. `None` when the item is not under such a heading.
pub fn list_kind(lines: &[(usize, &str)], i: usize) -> Option<Kind> {
    let above = lines[..i]
        .iter()
        .rev()
        .find(|(_, l)| !(l.trim().is_empty() || bullet(l).is_some()))?;
    let (_, text) = super::candidates::heading(above.1)?;
    if !names_a_kind(text) {
        return None;
    }
    Some(super::text::kind(text)).filter(|k| !matches!(k, Kind::Break | Kind::Update))
}

/// A list item that reads as a title alone: a few words, no sentence, no label.
fn is_title(item: &str) -> bool {
    let plain = titles::plain(item);
    let words = plain.split_whitespace().count();
    (1..=14).contains(&words)
        && plain.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !plain.trim_end().ends_with(['.', ':', ';', ','])
        && (!item.contains("://") || item.trim_start().starts_with('['))
}

/// For each line: the item text when it is an item of a list of titles right under a
/// heading that names a kind of sessions (two or more items, every one a title, blank
/// lines between them allowed); and which lines are such headings.
pub fn find<'a>(
    lines: &[&'a str],
    in_code: &[bool],
    heading: impl Fn(&str) -> Option<&str>,
) -> (Vec<Option<&'a str>>, Vec<bool>) {
    let mut items = vec![None; lines.len()];
    let mut heads = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        if in_code[i] || !heading(line).is_some_and(names_a_kind) {
            continue;
        }
        let mut found = Vec::new();
        let mut ok = true;
        for (k, l) in lines.iter().enumerate().skip(i + 1) {
            if in_code[k] {
                ok = false;
                break;
            }
            if l.trim().is_empty() {
                continue;
            }
            match bullet(l) {
                Some(item) if is_title(item) => found.push((k, item)),
                Some(_) => {
                    ok = false;
                    break;
                }
                // Indented lines under an item (its notes) end the plain list.
                None if l.starts_with([' ', '\t']) => {
                    ok = false;
                    break;
                }
                None => break,
            }
        }
        if ok && found.len() >= 2 {
            heads[i] = true;
            for (k, item) in found {
                items[k] = Some(item);
            }
        }
    }
    (items, heads)
}

/// The text of a top-level list item: `- item`, `* item`, `+ item`.
fn bullet(line: &str) -> Option<&str> {
    line.strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_named_by_their_heading() {
        fn heading(l: &str) -> Option<&str> {
            l.strip_prefix("### ").or_else(|| l.strip_prefix("## "))
        }
        let cases: &[(&str, &[&str])] = &[
            (
                "## Talks\n\n- Parsing notes at scale\n- <doc:Storage-in-the-Open>\n\n### Workshops\n- Writing a loader\n- Search\n",
                &[
                    "Parsing notes at scale",
                    "<doc:Storage-in-the-Open>",
                    "Writing a loader",
                    "Search",
                ],
            ),
            // Sentences under the heading: what the writer thought, not titles.
            (
                "## Talks\n- The talks were long this year.\n- Most were good.\n",
                &[],
            ),
            // One item is not a list of sessions.
            ("## Talks\n- Parsing notes\n\nSome prose.\n", &[]),
            // Items with notes under them are read by the other list rules.
            ("## Talks\n- Parsing notes\n  - fast\n- Storage\n", &[]),
            // Another heading: not a kind of sessions.
            ("## Takeaways\n- Parsing notes\n- Storage\n", &[]),
        ];
        for (text, want) in cases {
            let lines: Vec<&str> = text.lines().collect();
            let in_code = vec![false; lines.len()];
            let (items, _) = find(&lines, &in_code, heading);
            let got: Vec<&str> = items.into_iter().flatten().collect();
            assert_eq!(got, *want, "{text}");
        }
        let lines: Vec<(usize, &str)> = "## Workshops\n\n- Writing a loader\n- Search\n"
            .lines()
            .enumerate()
            .collect();
        assert_eq!(list_kind(&lines, 3), Some(Kind::Workshop));
        assert!(names_a_kind("Keynotes und Vorträge"));
        assert!(names_a_kind("Talks & Workshops"));
        assert!(!names_a_kind("Lightning talks"));
    }
}
