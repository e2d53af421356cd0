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
    // The one clock first: it needs a colon, which most items lack, and it is the
    // cheapest of the tests. The words are walked again for each test, never collected.
    if !item.contains(':') {
        return None;
    }
    let words = || {
        item.split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | '<' | '>')
        })
        .filter(|w| !w.is_empty())
    };
    let mut clocks = words().filter_map(|w| {
        let (h, m) = w.split_once(':')?;
        let ok = (1..=2).contains(&h.len())
            && m.len() == 2
            && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit());
        ok.then(|| Clock::new(h.parse().ok()?, m.parse().ok()?))
            .flatten()
    });
    let (Some(one), None) = (clocks.next(), clocks.next()) else {
        return None;
    };
    let year = || {
        words()
            .any(|w| w.len() == 4 && w.starts_with("20") && w.bytes().all(|b| b.is_ascii_digit()))
    };
    // The month names are ASCII: no other character lower-cases to one of their
    // letters, so an ASCII comparison reads as `to_lowercase` did, without the copy.
    let month = || {
        words().any(|w| {
            let w = w.trim_end_matches('.');
            MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w))
        })
    };
    // An ISO date opens with a digit or a sign and has at least eight bytes
    // (`YYYYMMDD`): only such a word is handed to the date parser.
    let iso = || {
        words().any(|w| {
            w.len() >= 8
                && w.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-')
                && w.parse::<jiff::civil::Date>().is_ok()
        })
    };
    (year() && month() || iso()).then_some(one)
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
        // Every item dated or none taken: the first undated item ends the look.
        let dated: Option<Vec<(usize, Clock, &str)>> = run
            .iter()
            .map(|&(k, item)| Some((k, dated_time(item)?, item)))
            .collect();
        if let Some(dated) = dated
            && dated.len() >= 3
        {
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

    /// An item's time: one clock of one or two digits, a colon and two digits, in an
    /// item that also names a date (a year of 20xx and a month, or an ISO date).
    /// Issue 20: the mutants of `dated_time` showed its shape rules untested.
    #[test]
    fn a_dated_time_needs_one_clock_and_a_date() {
        for (item, want) in [
            ("Meetup on Mar 12, 2025, 19:00", Some("19:00")),
            ("Meetup, 2025-03-12, 9:30", Some("09:30")),
            ("Meetup on Mar 12, 2025, 019:00", None),
            ("Meetup on Mar 12, 2025, 19:5", None),
            ("Meet on Mar 12, 19:00", None),
            ("Meetup, 2025, 19:00", None),
            ("Birthday party at 19:00", None),
            ("Meetup on Mar 12, 2025", None),
            ("Meetup on Mar 12, 2025, 19:00 to 21:00", None),
        ] {
            assert_eq!(
                dated_time(item).map(|c| c.to_string()),
                want.map(str::to_string),
                "{item}"
            );
        }
    }

    #[test]
    fn a_list_in_code_is_no_list_of_meetings() {
        let text = "- Meetup #3, 2025-03-12, 19:00\n- Meetup #2, 2025-02-12, 19:00\n- Meetup #1, 2025-01-08, 19:00\n";
        let lines: Vec<&str> = text.lines().collect();
        let (items, _) = find(&lines, &[false; 3], |_| false);
        assert!(items.iter().all(Option::is_some));
        let (items, _) = find(&lines, &[true; 3], |_| false);
        assert!(items.iter().all(Option::is_none));
    }
}
