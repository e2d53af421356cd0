//! Day markers: `Day 2`, `Tag 2`, `2. Tag`, `1er jour`, `Día 2`, `Thursday, 8 May`,
//! `06.06. - Thursday`, `2025-05-08`, and a date inside a heading.

use jiff::civil::{Date, Weekday};

/// What a day marker says about its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaySpec {
    /// `Day 2`: the event's first day plus one.
    Nth(u32),
    /// `2025-05-08`, `8 May 2025`.
    Date(Date),
    /// `Thursday, 8 May`: a date whose year comes from the event.
    MonthDay { month: i8, day: i8 },
    /// `Thursday`: the next such day.
    Weekday(Weekday),
}

impl DaySpec {
    /// The calendar date this marker names, given the event's first day and the
    /// previous day's date.
    pub fn resolve(self, start: Option<Date>, previous: Option<Date>) -> Option<Date> {
        match self {
            DaySpec::Date(d) => Some(d),
            DaySpec::Nth(n) => start?
                .checked_add(jiff::Span::new().days(i64::from(n) - 1))
                .ok(),
            DaySpec::MonthDay { month, day } => {
                let start = start?;
                let d = Date::new(start.year(), month, day).ok()?;
                // `2 January` in an event starting in late December is next year;
                // `29 December` in a post dated early January is last year's.
                if start.month() - month > 6 {
                    Date::new(start.year() + 1, month, day).ok()
                } else if month - start.month() > 6 {
                    Date::new(start.year() - 1, month, day).ok()
                } else {
                    Some(d)
                }
            }
            DaySpec::Weekday(w) => {
                let from = match previous {
                    Some(p) => p.tomorrow().ok()?,
                    None => start?,
                };
                let mut d = from;
                for _ in 0..7 {
                    if d.weekday() == w {
                        return Some(d);
                    }
                    d = d.tomorrow().ok()?;
                }
                None
            }
        }
    }
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
    ("mon", Weekday::Monday),
    ("tue", Weekday::Tuesday),
    ("tues", Weekday::Tuesday),
    ("wed", Weekday::Wednesday),
    ("thu", Weekday::Thursday),
    ("thur", Weekday::Thursday),
    ("thurs", Weekday::Thursday),
    ("fri", Weekday::Friday),
    ("sat", Weekday::Saturday),
    ("sun", Weekday::Sunday),
    ("montag", Weekday::Monday),
    ("dienstag", Weekday::Tuesday),
    ("mittwoch", Weekday::Wednesday),
    ("donnerstag", Weekday::Thursday),
    ("freitag", Weekday::Friday),
    ("samstag", Weekday::Saturday),
    ("sonntag", Weekday::Sunday),
    ("lundi", Weekday::Monday),
    ("mardi", Weekday::Tuesday),
    ("mercredi", Weekday::Wednesday),
    ("jeudi", Weekday::Thursday),
    ("vendredi", Weekday::Friday),
    ("samedi", Weekday::Saturday),
    ("dimanche", Weekday::Sunday),
];

const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
];

/// Parts of a day, after a weekday: `Saturday evening`, `Der Samstag Abend`.
const DAY_PARTS: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "night",
    "morgen",
    "vormittag",
    "mittag",
    "nachmittag",
    "abend",
    "nacht",
    "matin",
    "après-midi",
    "soir",
    "soirée",
    "mañana",
    "tarde",
    "noche",
];

/// Whether a day marker names a part of a day (`Saturday evening`, `Der Samstag
/// Abend`), which goes on the day of that weekday rather than starting another.
pub fn is_day_part(text: &str) -> bool {
    let lower = text.to_lowercase();
    let named = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/' | ':'))
        .any(|t| DAY_PARTS.contains(&t));
    named && matches!(day_marker(text), Some(DaySpec::Weekday(_)))
}

/// Words for "day", in the languages notes are written in.
const DAY_WORDS: &[&str] = &[
    "day", "tag", "jour", "día", "dia", "giorno", "dag", "journée",
];

/// Numbers written out, after a day word: `Day one`, `Tag zwei`, `Jour deux`.
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("eins", 1),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("un", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("uno", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
];

/// Ordinals written out, before a day word: `Erster Tag`, `premier jour`.
const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("erster", 1),
    ("zweiter", 2),
    ("dritter", 3),
    ("vierter", 4),
    ("premier", 1),
    ("première", 1),
    ("deuxième", 2),
    ("second", 2),
    ("troisième", 3),
    ("quatrième", 4),
    ("primer", 1),
    ("segundo", 2),
    ("tercer", 3),
];

/// Parses a day marker: the whole text must name a day, except after `Day N`, which may
/// be followed by a separator and a label (`Day 2: Workshops`).
pub fn day_marker(text: &str) -> Option<DaySpec> {
    let text = text.trim().trim_end_matches(':').trim_end();
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    let lower = text.to_lowercase();
    if let Some((n, label)) = nth_day(&lower) {
        // `Day 2, 8 May 2025` names the date precisely: prefer it.
        let label = label.trim_start_matches([' ', ':', ',', '-', '–', '—', '|', '.', '(']);
        let label = label.trim_end_matches(')');
        if let Some(spec @ (DaySpec::Date(_) | DaySpec::MonthDay { .. })) = date_words(label) {
            return Some(spec);
        }
        return Some(DaySpec::Nth(n));
    }
    date_words(&lower).or_else(|| cjk_date(text))
}

/// `7月10日`, `2019年7月10日`, `7月10日(水)`: a date written with the CJK year,
/// month and day signs, a weekday in parentheses after it allowed.
fn cjk_date(text: &str) -> Option<DaySpec> {
    let number = |s: &str, sign: char| -> Option<(i32, usize)> {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        let rest = s[digits.len()..].strip_prefix(sign)?;
        Some((digits.parse().ok()?, s.len() - rest.len()))
    };
    let mut rest = text.trim();
    let year = number(rest, '年').map(|(y, len)| {
        rest = &rest[len..];
        y
    });
    let (month, len) = number(rest, '月')?;
    rest = &rest[len..];
    let (day, len) = number(rest, '日')?;
    rest = rest[len..].trim();
    let weekday = rest.is_empty()
        || [('(', ')'), ('（', '）')].iter().any(|&(open, close)| {
            rest.strip_prefix(open)
                .and_then(|r| r.strip_suffix(close))
                .is_some_and(|w| w.chars().count() <= 3)
        });
    let (month, day) = (i8::try_from(month).ok()?, i8::try_from(day).ok()?);
    if !weekday || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    match year {
        Some(y) => Date::new(i16::try_from(y).ok()?, month, day)
            .ok()
            .map(DaySpec::Date),
        None => Some(DaySpec::MonthDay { month, day }),
    }
}

/// `day 2`, `tag 2`, `jour 2`, `día 2`, `2. tag`, `1er jour`, `2nd day`, `erster tag`:
/// the number and the rest of the text after the marker.
fn nth_day(lower: &str) -> Option<(u32, &str)> {
    let sep_ok = |after: &str| {
        after.is_empty() || after.starts_with([' ', ':', ',', '-', '–', '—', '(', '|', '.'])
    };
    // A day word, then a number (`Day 2`, or glued: `Day2`).
    for word in DAY_WORDS {
        let Some(after_word) = lower.strip_prefix(word) else {
            continue;
        };
        let spaced = after_word.starts_with(' ');
        let rest = after_word.strip_prefix(' ').unwrap_or(after_word);
        // `Day one`, `Tag zwei`.
        if spaced
            && let Some((n, after)) = NUMBER_WORDS
                .iter()
                .find_map(|&(w, n)| rest.strip_prefix(w).map(|after| (n, after)))
            && sep_ok(after)
        {
            return Some((n, after));
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            continue;
        }
        let after = &rest[digits..];
        let n: u32 = rest[..digits].parse().ok()?;
        if sep_ok(after) && n > 0 {
            return Some((n, after));
        }
    }
    // A number or an ordinal, then a day word.
    let (first, rest) = lower.split_once(' ')?;
    let n = match ORDINALS.iter().find(|(w, _)| *w == first) {
        Some(&(_, n)) => n,
        None => {
            let digits = first.bytes().take_while(u8::is_ascii_digit).count();
            let suffix = &first[digits..];
            if digits == 0
                || digits > 2
                || !matches!(
                    suffix,
                    "." | "er" | "re" | "e" | "ème" | "eme" | "st" | "nd" | "rd" | "th" | "º" | "o"
                )
            {
                return None;
            }
            first[..digits].parse().ok()?
        }
    };
    let word = DAY_WORDS.iter().find(|w| rest.starts_with(**w))?;
    let after = &rest[word.len()..];
    // `2. Tag: Workshops`, but not `First day of spring`.
    let tail = after.trim_start();
    let label_ok = tail.is_empty() || tail.starts_with([':', ',', '-', '–', '—', '(', '|', '.']);
    (label_ok && n > 0).then_some((n, after))
}

/// A day named inside a heading, beside other words: `Day 2 - Workshops` is caught
/// by [`day_marker`]; this finds `Notes - Thursday, 8 May 2025` and
/// `8 May: Workshops`. Only a date or a numbered day counts, never a lone weekday,
/// which is too often part of a title.
pub fn day_in_heading(text: &str) -> Option<DaySpec> {
    for sep in [" - ", " – ", " — ", ": ", " | ", " / "] {
        let Some((head, tail)) = text.split_once(sep) else {
            continue;
        };
        for part in [head, tail] {
            if let Some(spec @ (DaySpec::Date(_) | DaySpec::MonthDay { .. } | DaySpec::Nth(_))) =
                day_marker(part)
            {
                return Some(spec);
            }
        }
    }
    None
}

/// A date written in words and numbers, and nothing else: `thursday, 8 may`,
/// `2025-05-08`, `may 8th, 2025`, `donnerstag, 8. mai`.
fn date_words(lower: &str) -> Option<DaySpec> {
    let mut weekday = None;
    let mut month = None;
    let mut day = None;
    let mut year = None;
    let mut iso = None;
    let tokens = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/'))
        .filter(|t| !t.is_empty());
    for token in tokens {
        let token = token.trim_end_matches('.');
        if token.is_empty() {
            continue;
        }
        if let Some((d, m, y)) = dotted_date(token) {
            if day.replace(d).is_some() || month.replace(m).is_some() {
                return None;
            }
            if let Some(y) = y
                && year.replace(y).is_some()
            {
                return None;
            }
            continue;
        }
        if let Ok(d) = token.parse::<Date>() {
            if token.len() == 10 && iso.is_none() {
                iso = Some(d);
                continue;
            }
            return None;
        }
        if let Some(&(_, w)) = WEEKDAYS.iter().find(|(name, _)| *name == token) {
            if weekday.replace(w).is_some() {
                return None;
            }
            continue;
        }
        if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == token) {
            if month.replace(m).is_some() {
                return None;
            }
            continue;
        }
        // Articles (`Der Samstag`, `Le samedi`, `El sábado`, `On Thursday`) and a part
        // of the day after a weekday (`Saturday evening`, `Der Samstag Abend`).
        if matches!(
            token,
            "the" | "of" | "le" | "-" | "–" | "on" | "der" | "am" | "el" | "au"
        ) || DAY_PARTS.contains(&token)
        {
            continue;
        }
        let number = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &token[number.len()..];
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er") {
            return None;
        }
        let n: i32 = number.parse().ok()?;
        if number.len() == 4 && suffix.is_empty() && year.is_none() {
            year = Some(n as i16);
        } else if (1..=31).contains(&n) && day.is_none() {
            day = Some(n as i8);
        } else {
            return None;
        }
    }
    if let Some(d) = iso {
        return (month.is_none() && day.is_none() && year.is_none()).then_some(DaySpec::Date(d));
    }
    let parts = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '/'))
        .filter(|t| DAY_PARTS.contains(t))
        .count();
    if parts > 0 && (parts > 1 || weekday.is_none() || month.is_some() || day.is_some()) {
        // `Saturday evening` only: a part of the day needs its weekday, alone.
        return None;
    }
    match (month, day, year) {
        (Some(m), Some(d), Some(y)) => Date::new(y, m, d).ok().map(DaySpec::Date),
        (Some(m), Some(d), None) => Date::new(2000, m, d)
            .ok()
            .map(|_| DaySpec::MonthDay { month: m, day: d }),
        (None, None, None) => weekday.map(DaySpec::Weekday),
        _ => None,
    }
}

/// `06.06`, `6.6.2025`: a day and month (and year) in the European order.
fn dotted_date(token: &str) -> Option<(i8, i8, Option<i16>)> {
    let mut parts = token.split('.');
    let d = parts.next()?;
    let m = parts.next()?;
    let y = parts.next();
    if parts.next().is_some() {
        return None;
    }
    let small = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !small(d) || !small(m) {
        return None;
    }
    let year = match y {
        Some(y) if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) => Some(y.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    let (d, m): (i8, i8) = (d.parse().ok()?, m.parse().ok()?);
    ((1..=31).contains(&d) && (1..=12).contains(&m)).then_some((d, m, year))
}
#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn day_markers() {
        let start = Some(date(2025, 5, 7));
        let cases: &[(&str, Option<jiff::civil::Date>)] = &[
            ("Day 2", Some(date(2025, 5, 8))),
            ("Day 3: Workshops", Some(date(2025, 5, 9))),
            ("Thursday, 8 May", Some(date(2025, 5, 8))),
            ("Thursday", Some(date(2025, 5, 8))),
            ("2025-05-09", Some(date(2025, 5, 9))),
            ("May 9th, 2025", Some(date(2025, 5, 9))),
            ("Freitag, 9. Mai", Some(date(2025, 5, 9))),
            ("Day 2, Friday 9 May", Some(date(2025, 5, 9))),
            ("Tag 2", Some(date(2025, 5, 8))),
            ("2. Tag", Some(date(2025, 5, 8))),
            ("1er jour", Some(date(2025, 5, 7))),
            ("Jour 2", Some(date(2025, 5, 8))),
            ("2e jour : ateliers", Some(date(2025, 5, 8))),
            ("Día 2", Some(date(2025, 5, 8))),
            ("Zweiter Tag", Some(date(2025, 5, 8))),
            ("2nd day", Some(date(2025, 5, 8))),
            ("08.05. - Thursday", Some(date(2025, 5, 8))),
            ("Donnerstag, 08.05.2025", Some(date(2025, 5, 8))),
            ("Day 2 (Thursday, 8 May)", Some(date(2025, 5, 8))),
            ("Day one", Some(date(2025, 5, 7))),
            ("Day Two: Workshops", Some(date(2025, 5, 8))),
            ("Tag zwei", Some(date(2025, 5, 8))),
            ("Jour deux", Some(date(2025, 5, 8))),
            ("Day2", Some(date(2025, 5, 8))),
            ("5月8日", Some(date(2025, 5, 8))),
            ("2025年5月9日(金)", Some(date(2025, 5, 9))),
            // An article before the weekday, a part of the day after it.
            ("Der Samstag", Some(date(2025, 5, 10))),
            ("Le samedi", Some(date(2025, 5, 10))),
            ("Saturday evening", Some(date(2025, 5, 10))),
            ("Der Samstag Abend", Some(date(2025, 5, 10))),
        ];
        for (input, want) in cases {
            let spec = day_marker(input).unwrap_or_else(|| panic!("{input} is a day marker"));
            assert_eq!(spec.resolve(start, None), *want, "{input}");
        }
        for not_a_day in [
            "Getting back to the Wednesday afternoon conference, here is what we heard:",
            "May the force be with you",
            "Day trip to the lake",
            "Day undone",
            "Dayone",
            "Dayton",
            "5月8日に話した",
            "13月1日",
            "Tag cloud",
            "2. Talk",
            "First day of spring is long gone",
            "1.5.2 release",
            "2025-05-09 was fun",
            "Welcome",
            "Evening",
            "Der Abend",
            "Saturday morning and evening",
            "8 May evening",
            "",
        ] {
            assert_eq!(day_marker(not_a_day), None, "{not_a_day}");
        }
    }

    #[test]
    fn parts_of_a_day() {
        assert!(is_day_part("Der Samstag Abend"));
        assert!(is_day_part("Saturday evening"));
        assert!(!is_day_part("Der Samstag"));
        assert!(!is_day_part("Evening"));
    }

    #[test]
    fn days_inside_headings() {
        let start = Some(date(2025, 5, 7));
        for (input, want) in [
            ("Notes - Thursday, 8 May 2025", Some(date(2025, 5, 8))),
            ("8 May: Workshops", Some(date(2025, 5, 8))),
            ("Day 2 | Hands-on", Some(date(2025, 5, 8))),
            ("Keynote - Thursday", None),
            ("Talk: the 8 May incident", None),
        ] {
            let got = day_in_heading(input).and_then(|s| s.resolve(start, None));
            assert_eq!(got, want, "{input}");
        }
    }
}
