//! A list of dated meetings: `- [Meetup #14 on Wed, Dec 11, 2024, 19:00](url)`, one
//! item per past meeting with its notes indented under it, as a meetup's page keeps
//! them. Each item is an entry at its time; the heading right over the list is the
//! list's name, not a session.

use super::times::TimeMarker;
use crate::model::Clock;

/// Month names and their short forms a date in an item may use.
const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The clock time in an item that also names a date (a four-digit year and a month
/// name, or an ISO date): `#14 on Wed, Dec 11, 2024, 19:00 UTC+3` → 19:00.
fn dated_time(item: &str) -> Option<Clock> {
    let words: Vec<&str> = item
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | '<' | '>'))
        .filter(|w| !w.is_empty())
        .collect();
    let year = words
        .iter()
        .any(|w| w.len() == 4 && w.starts_with("20") && w.bytes().all(|b| b.is_ascii_digit()));
    let month = words
        .iter()
        .any(|w| MONTHS.contains(&w.trim_end_matches('.').to_lowercase().as_str()));
    let iso = words.iter().any(|w| w.parse::<jiff::civil::Date>().is_ok());
    if !(year && month || iso) {
        return None;
    }
    let clocks: Vec<Clock> = words
        .iter()
        .filter_map(|w| {
            let (h, m) = w.split_once(':')?;
            let ok = (1..=2).contains(&h.len())
                && m.len() == 2
                && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit());
            ok.then(|| Clock::new(h.parse().ok()?, m.parse().ok()?))
                .flatten()
        })
        .collect();
    // One clock: two would be a range or a schedule, read by the time line rules.
    match clocks.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// For each line: a time line for each item of a list of three or more dated
/// meetings (top-level items, each with a date and one clock time, the notes
/// indented under them); and which lines are the headings right over such lists.
pub fn find(
    lines: &[&str],
    in_code: &[bool],
    heading: impl Fn(&str) -> bool,
) -> (Vec<Option<TimeMarker>>, Vec<bool>) {
    let mut items = vec![None; lines.len()];
    let mut heads = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if in_code[i] || bullet(lines[i]).is_none() {
            i += 1;
            continue;
        }
        // The run of top-level items, with indented lines and blank lines between.
        let mut run = Vec::new();
        let mut j = i;
        while j < lines.len() && !in_code[j] {
            let l = lines[j];
            if let Some(item) = bullet(l) {
                run.push((j, item));
            } else if !(l.trim().is_empty() || l.starts_with([' ', '\t'])) {
                break;
            }
            j += 1;
        }
        let dated: Vec<(usize, Clock, &str)> = run
            .iter()
            .filter_map(|&(k, item)| Some((k, dated_time(item)?, item)))
            .collect();
        if dated.len() >= 3 && dated.len() == run.len() {
            for (k, time, item) in dated {
                items[k] = Some(TimeMarker {
                    time,
                    end: None,
                    title: item.to_string(),
                    twelve: false,
                    meridiem: false,
                });
            }
            if let Some(h) = (0..i).rev().find(|&h| !lines[h].trim().is_empty())
                && heading(lines[h])
            {
                heads[h] = true;
            }
        }
        i = j.max(i + 1);
    }
    (items, heads)
}

/// The text of a top-level list item: `- item`, `* item`, `+ item`.
fn bullet(line: &str) -> Option<&str> {
    line.strip_prefix("- ")
        .or_else(|| line.strip_prefix("+ "))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_dated_meetings() {
        let text = "## Past meetups\n\n- [Meetup #3 on Wed, Mar 12, 2025, 19:00](https://example.org/3)\n  - parsing notes, storage\n- [Meetup #2 on Wed, Feb 12, 2025, 19:00](https://example.org/2)\n  - search\n- Meetup #1, 2025-01-08, 18:30\n";
        let lines: Vec<&str> = text.lines().collect();
        let in_code = vec![false; lines.len()];
        let (items, heads) = find(&lines, &in_code, |l| l.starts_with('#'));
        let got: Vec<String> = items.iter().flatten().map(|m| m.time.to_string()).collect();
        assert_eq!(got, ["19:00", "19:00", "18:30"]);
        assert!(heads[0]);
        // Items without a date, or with two clocks, are not meetings of a log.
        for text in [
            "- Opening at 19:00\n- Talks at 19:30\n- Drinks at 21:00\n",
            "- Wed, Mar 12, 2025, 19:00-21:00 Meetup\n- Wed, Feb 12, 2025, 19:00-21:00 Meetup\n- Wed, Jan 8, 2025, 19:00-21:00 Meetup\n",
            "- Meetup #2 on Wed, Feb 12, 2025, 19:00\n- Meetup #1 on Wed, Jan 8, 2025, 19:00\n",
        ] {
            let lines: Vec<&str> = text.lines().collect();
            let in_code = vec![false; lines.len()];
            let (items, _) = find(&lines, &in_code, |l| l.starts_with('#'));
            assert!(items.iter().all(Option::is_none), "{text}");
        }
    }
}
