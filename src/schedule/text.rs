//! Text clean-up shared by the schedule readers: HTML entities left in titles, white
//! space, and speakers named only in a description or a summary.

use super::Person;

/// Decodes HTML entities (`&amp;`, `&#8211;`, `&#x2014;`, common named ones) and
/// collapses white space. Exports often escape titles twice, so a decoded `&amp;amp;`
/// is decoded again.
pub fn decode_entities(text: &str) -> String {
    let mut s = collapse(text);
    for _ in 0..2 {
        if !s.contains('&') {
            break;
        }
        let decoded = decode_once(&s);
        if decoded == s {
            break;
        }
        s = decoded;
    }
    s
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode_once(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .char_indices()
            .take(10)
            .find(|(_, c)| *c == ';')
            .map(|(j, _)| j);
        match end.and_then(|j| entity(&after[..j]).map(|c| (j, c))) {
            Some((j, c)) => {
                out.push(c);
                rest = &after[j + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "eacute" => 'é',
        "egrave" => 'è',
        "agrave" => 'à',
        "ccedil" => 'ç',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "middot" => '·',
        _ => return None,
    })
}

/// A person from a name as an export writes it: entities decoded, `;` (which
/// separates people on a speaker line) replaced.
pub fn person(name: &str) -> Option<Person> {
    let name = decode_entities(name).replace(';', ",");
    let name = name.trim().trim_matches(',').trim();
    (!name.is_empty()).then(|| Person {
        name: name.to_string(),
        affiliation: None,
    })
}

/// Splits a list of names (`Ada Lovelace, Grace Hopper and Alan Turing`) into people.
fn name_list(text: &str) -> Vec<Person> {
    let text = text.trim().trim_end_matches(['.', ')']);
    text.split([',', ';', '/'])
        .flat_map(|part| part.split(" and ").flat_map(|p| p.split(" & ")))
        .filter_map(person)
        .collect()
}

/// Speakers named in free text: a line of a description that starts with `Speaker:`,
/// `Speakers:`, `Presented by`, `By` or `With`.
pub fn speakers_from_text(text: &str) -> Vec<Person> {
    const PREFIXES: &[&str] = &[
        "speakers:",
        "speaker:",
        "presenters:",
        "presenter:",
        "presented by ",
        "referent:",
        "referenten:",
        "by ",
        "with ",
    ];
    for line in text.lines() {
        let line = line.trim();
        let lower = line.to_lowercase();
        for prefix in PREFIXES {
            if lower.starts_with(prefix) && line.is_char_boundary(prefix.len()) {
                let people = name_list(&line[prefix.len()..]);
                if !people.is_empty() {
                    return people;
                }
            }
        }
    }
    Vec::new()
}

/// A summary that names its speakers: `Title (talk by Name)`, `Title (by Name)`,
/// `Title – by Name`. Returns the bare title and the speakers.
pub fn split_summary(summary: &str) -> (String, Vec<Person>) {
    let s = summary.trim();
    if let Some(open) = s.rfind('(')
        && s.ends_with(')')
    {
        let inner = &s[open + 1..s.len() - 1];
        let lower = inner.to_lowercase();
        for prefix in [
            "talk by ",
            "workshop by ",
            "keynote by ",
            "panel with ",
            "by ",
            "with ",
        ] {
            if lower.starts_with(prefix) && inner.is_char_boundary(prefix.len()) {
                let people = name_list(&inner[prefix.len()..]);
                if !people.is_empty() {
                    return (s[..open].trim().to_string(), people);
                }
            }
        }
    }
    for sep in [" – by ", " — by ", " - by ", ", by ", " by: "] {
        if let Some(i) = s.to_lowercase().rfind(sep)
            && s.is_char_boundary(i)
            && s.is_char_boundary(i + sep.len())
        {
            let people = name_list(&s[i + sep.len()..]);
            if !people.is_empty() {
                return (s[..i].trim().to_string(), people);
            }
        }
    }
    (s.to_string(), Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(people: &[Person]) -> Vec<&str> {
        people.iter().map(|p| p.name.as_str()).collect()
    }

    #[test]
    fn entities() {
        for (input, want) in [
            ("Rust &amp; WebAssembly", "Rust & WebAssembly"),
            ("Rust &amp;amp; Wasm", "Rust & Wasm"),
            ("Caf&eacute; &#8211; talk", "Café – talk"),
            ("&#x201C;Quoted&#x201D;", "“Quoted”"),
            ("AT&T and R&D; fine", "AT&T and R&D; fine"),
            ("  spread \n over\tlines ", "spread over lines"),
            ("&bogus; stays", "&bogus; stays"),
        ] {
            assert_eq!(decode_entities(input), want, "{input}");
        }
    }

    #[test]
    fn summaries() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "Typed notes (talk by Ada Lovelace)",
                "Typed notes",
                &["Ada Lovelace"],
            ),
            (
                "Typed notes (by Ada Lovelace & Grace Hopper)",
                "Typed notes",
                &["Ada Lovelace", "Grace Hopper"],
            ),
            (
                "Typed notes – by Alan Turing",
                "Typed notes",
                &["Alan Turing"],
            ),
            ("Notes (and more)", "Notes (and more)", &[]),
            ("Stand by me", "Stand by me", &[]),
        ];
        for (input, title, people) in cases {
            let (t, p) = split_summary(input);
            assert_eq!(
                (t.as_str(), names(&p)),
                (*title, people.to_vec()),
                "{input}"
            );
        }
    }

    #[test]
    fn descriptions() {
        let cases: &[(&str, &[&str])] = &[
            (
                "An abstract.\nSpeakers: Ada Lovelace, Grace Hopper",
                &["Ada Lovelace", "Grace Hopper"],
            ),
            ("Presented by Alan Turing.", &["Alan Turing"]),
            ("No names here, by design of the talk", &[]),
            ("", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(names(&speakers_from_text(input)), want.to_vec(), "{input}");
        }
    }
}
