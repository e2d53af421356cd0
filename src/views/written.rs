//! What a session's title line said beyond its plain title and speakers, shown so that
//! none of the writer's words are lost: the enumerator or format word in front
//! (`Session 3:`, `Keynote -`) as the session's label, and the targets of links on the
//! line (`#### [Title - Speaker](url)`) that are not a speaker's own link.

use crate::links::safe_href;
use crate::notes::decoration::plain;

/// The words written before the title on its line, as the session's label: `Session 3`
/// of `Session 3: Parsers`. `None` when nothing stands before the title, or only words
/// shown elsewhere (a speaker's name on a `Speaker - Title` line).
pub fn label(written: &str, title: &str, shown: &str) -> Option<String> {
    let line = line_text(written);
    let title = title.trim();
    if title.is_empty() {
        return None;
    }
    let at = line.find(title)?;
    let before = line[..at]
        .trim()
        .trim_end_matches([':', '-', '–', '—', '.', '|', '/', ','])
        .trim_end_matches(['(', '['])
        .trim();
    let shown: Vec<&str> = shown
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let new = before
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && !shown.contains(&w));
    new.then(|| before.to_string())
}

/// The written line as text: no heading marks, Markdown made plain.
fn line_text(written: &str) -> String {
    plain(written.trim_start().trim_start_matches('#').trim_start())
}

/// The written line, when it named the session's people rather than its title (a card
/// whose topic stands on a later line: `## Presenter: Ada Lovelace`): shown as the
/// speaker line, so its other words (`Presenter`, `Lightning Talk 3`) stay.
pub fn people_line(written: &str, title: &str, names: &[&str]) -> Option<String> {
    let line = line_text(written);
    if names.is_empty() || line.contains(title.trim()) {
        return None;
    }
    if names.iter().all(|n| line.contains(n)) {
        return Some(line);
    }
    // `## Presenter:` with the name on the line below: the field and its value.
    let field = line.strip_suffix(':')?.trim_end();
    let plain_word = !field.is_empty() && field.split_whitespace().count() <= 3;
    plain_word.then(|| format!("{field}: {}", names.join(", ")))
}

/// The word that joined the title to its people on the written line (`by` of `Title
/// by Ada Lovelace`), to show before the speaker line.
pub fn speaker_joint(written: &str, title: &str, speaker_line: &str) -> Option<String> {
    let line = line_text(written);
    let after = &line[line
        .find(title.trim())
        .filter(|_| !title.trim().is_empty())?
        + title.trim().len()..];
    let at = after
        .find(speaker_line.trim())
        .filter(|_| !speaker_line.trim().is_empty())?;
    let joint = after[..at]
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric());
    (!joint.is_empty()
        && joint.split_whitespace().count() == 1
        && joint.chars().all(char::is_alphabetic))
    .then(|| joint.to_string())
}

/// The targets of the Markdown links (`[text](url)`) on a written line, safe ones only,
/// in order, without those in `known` (the speakers' own links).
pub fn links(written: &str, known: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = written;
    while let Some(i) = rest.find("](") {
        let tail = &rest[i + 2..];
        let Some(close) = tail.find(')') else { break };
        let url = tail[..close].trim();
        if !url.is_empty()
            && safe_href(url)
            && !known.contains(&url)
            && !out.iter().any(|u| u == url)
        {
            out.push(url.to_string());
        }
        rest = &tail[close + 1..];
    }
    out
}

/// A URL as a reader reads it beside a name: without its scheme, `www.` and a final `/`.
pub fn short_url(url: &str) -> &str {
    let u = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("mailto:"))
        .unwrap_or(url);
    let u = u.strip_prefix("www.").unwrap_or(u);
    let u = u.strip_suffix('/').unwrap_or(u);
    if u.is_empty() { url } else { u }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_of_written_title_lines() {
        for (written, title, shown, want) in [
            (
                "Session 3: Becoming a pro",
                "Becoming a pro",
                "",
                Some("Session 3"),
            ),
            ("Talk 2 - Parsers", "Parsers", "", Some("Talk 2")),
            (
                "Keynote - Budgets - Ada Lovelace",
                "Budgets",
                "Ada Lovelace",
                Some("Keynote"),
            ),
            ("**Session 1:** Parsers", "Parsers", "", Some("Session 1")),
            // The person before the title shows on the speaker line already.
            ("Ada Lovelace - Budgets", "Budgets", "Ada Lovelace", None),
            // A link around the whole line: its label is the title and the speaker.
            (
                "[Ada Lovelace - Budgets](https://example.org/a)",
                "Budgets",
                "Ada Lovelace",
                None,
            ),
            ("Budgets (cancelled)", "Budgets", "", None),
            ("Card line", "A topic from elsewhere", "", None),
            (
                "### Session 3: Becoming a pro",
                "Becoming a pro",
                "",
                Some("Session 3"),
            ),
        ] {
            assert_eq!(label(written, title, shown).as_deref(), want, "{written}");
        }
    }

    #[test]
    fn lines_that_named_the_people() {
        for (written, title, names, want) in [
            (
                "## Presenter: Ada Lovelace",
                "Budgets",
                vec!["Ada Lovelace"],
                Some("Presenter: Ada Lovelace"),
            ),
            (
                "Lightning Talk 3: Ada Lovelace",
                "Budgets",
                vec!["Ada Lovelace"],
                Some("Lightning Talk 3: Ada Lovelace"),
            ),
            (
                "Budgets - Ada Lovelace",
                "Budgets",
                vec!["Ada Lovelace"],
                None,
            ),
            (
                "## Presenter: Ada Lovelace",
                "Budgets",
                vec!["Grace Hopper"],
                None,
            ),
            ("## Presenter", "Budgets", vec![], None),
            (
                "#### Presenter:",
                "Budgets",
                vec!["Ada Lovelace", "Grace Hopper"],
                Some("Presenter: Ada Lovelace, Grace Hopper"),
            ),
            ("#### Presenter", "Budgets", vec!["Ada Lovelace"], None),
        ] {
            assert_eq!(
                people_line(written, title, &names).as_deref(),
                want,
                "{written}"
            );
        }
    }

    #[test]
    fn words_joining_title_and_people() {
        for (written, title, line, want) in [
            (
                "**Budgets** by [Ada Lovelace](https://example.org/a) (ACME)",
                "Budgets",
                "Ada Lovelace (ACME)",
                Some("by"),
            ),
            (
                "Budgets von Ada Lovelace",
                "Budgets",
                "Ada Lovelace",
                Some("von"),
            ),
            ("Budgets - Ada Lovelace", "Budgets", "Ada Lovelace", None),
            ("Budgets, Ada Lovelace", "Budgets", "Ada Lovelace", None),
            ("Ada Lovelace - Budgets", "Budgets", "Ada Lovelace", None),
            ("Budgets and more by Ada", "Budgets", "Ada", None),
        ] {
            assert_eq!(
                speaker_joint(written, title, line).as_deref(),
                want,
                "{written}"
            );
        }
    }

    #[test]
    fn links_of_written_title_lines() {
        let speaker = "https://example.org/ada";
        for (written, want) in [
            (
                "[Ada Lovelace - Budgets](https://example.org/t)",
                vec!["https://example.org/t"],
            ),
            ("Budgets, [Ada Lovelace](https://example.org/ada)", vec![]),
            (
                "[Budgets](https://example.org/t) - [Ada](https://example.org/ada)",
                vec!["https://example.org/t"],
            ),
            ("[Budgets](javascript:alert(1))", vec![]),
            ("Budgets [draft]", vec![]),
        ] {
            assert_eq!(links(written, &[speaker]), want, "{written}");
        }
    }

    #[test]
    fn short_urls() {
        assert_eq!(short_url("https://twitter.com/ada"), "twitter.com/ada");
        assert_eq!(short_url("http://www.example.org/"), "example.org");
        assert_eq!(short_url("https://"), "https://");
    }
}
