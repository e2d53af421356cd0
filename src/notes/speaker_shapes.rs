//! Speaker lines in the shapes writers use under a heading, beyond plain names: a
//! name with trailing decoration (`_Ada Lovelace_ [:video_camera:](url)`,
//! `Ada Lovelace @ada`, `Ada Lovelace (@ada) ada.example`), an attribution
//! (`-- by Ada`, `— by Ada`), a parenthesised list (`(Ada Lovelace, Alan Turing)`), a
//! role label (`**Lead:** Ada`, `**Topic Facilitator(s)**: Ada`), a talk's byline
//! (`A talk by Ada Lovelace given at ...`) and a first bullet that is only known people
//! (`- Ada Lovelace`). Each is reshaped into text the plain
//! reading understands; the line itself is shown as written.

use super::names::{self, PARTICLES, Strength};

/// Words that name a person's role when they end a label before a colon.
const ROLE_WORDS: &[&str] = &[
    "lead",
    "leads",
    "facilitator",
    "facilitators",
    "facilitator(s)",
    "moderator",
    "moderators",
    "moderator(s)",
    "chair",
    "chairs",
    "host",
    "hosts",
    "speaker",
    "speakers",
    "speaker(s)",
    "presenter",
    "presenters",
    "presenter(s)",
    "panelist",
    "panelists",
    "panellists",
    "organizer",
    "organizers",
    "organiser",
    "organisers",
    "owner",
    "owners",
    "driver",
    "drivers",
];

/// What a reshaped line is.
pub enum Shape {
    /// Text to read as a plain speaker line.
    Names(String),
    /// Text after a role label: names only.
    Label(String),
}

/// The line reshaped for the plain reading, if it has one of the shapes above.
pub fn reshape(line: &str) -> Option<Shape> {
    let t = line.trim();
    if let Some(rest) = attribution(t) {
        return Some(Shape::Names(format!("by {rest}")));
    }
    if let Some(rest) = role_label(t) {
        return Some(Shape::Label(rest.to_string()));
    }
    if let Some(name) = byline(t) {
        return Some(Shape::Names(name));
    }
    // `- Ada Lovelace`: a first bullet that is only known people.
    if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* "))
        && let Some(text) = super::speakers::speaker_text(item)
        && super::speakers::split(text)
            .iter()
            .all(|sp| names::person(&sp.name) == Strength::Known)
    {
        return Some(Shape::Names(text.to_string()));
    }
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')'))
        && let inner = without_icons(inner)
        && !inner.contains(['(', ')'])
    {
        let inner = inner.as_str();
        let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
        // `(Ada Lovelace, Alan Turing)`: people, not a person and a place.
        let people = parts.len() > 1 && parts.iter().all(|p| names::person(p) == Strength::Known);
        if people {
            return Some(Shape::Names(parts.join("; ")));
        }
        // `(Ada Lovelace, Alan Turing, Grace Hopper, Example Univ.)`: several authors,
        // then the place they share.
        let mut lead = parts
            .iter()
            .take_while(|p| names::person(p) >= Strength::Shape)
            .count();
        // A place may have a name's shape (`Maynooth Univ.`): the last of three or
        // more, when no known given name starts it.
        if lead == parts.len() && lead >= 3 && names::person(parts[lead - 1]) != Strength::Known {
            lead -= 1;
        }
        let known = parts[..lead]
            .iter()
            .any(|p| names::person(p) == Strength::Known);
        let one_place = parts[lead..]
            .iter()
            .all(|p| !p.contains(" and ") && !p.contains(" & ") && !p.contains(" und "));
        if lead >= 2 && lead < parts.len() && known && one_place {
            let place = parts[lead..].join(", ");
            return Some(Shape::Names(
                parts[..lead]
                    .iter()
                    .map(|p| format!("{p} ({place})"))
                    .collect::<Vec<_>>()
                    .join("; "),
            ));
        }
        return Some(Shape::Names(inner.trim().to_string()));
    }
    // `Ada Lovelace (Example Labs), Alan Turing (Bletchley)`: people separated by
    // commas, each with an affiliation in parentheses.
    let parts: Vec<&str> = t.split(", ").map(str::trim).collect();
    if parts.len() >= 2
        && parts.iter().any(|p| p.ends_with(')'))
        && parts.iter().all(|p| person_in_parentheses(p))
    {
        return Some(Shape::Names(parts.join("; ")));
    }
    let bare = undecorated(t);
    (bare.len() < t.len() && names::person(bare) >= Strength::Shape)
        .then(|| Shape::Names(names::plain(bare).to_string()))
}

/// `(Lovelace & Turing)`, `(Ada Lovelace, Turing, Hopper)`: a line wholly in
/// parentheses that lists only people, surnames alone allowed. Read only where the
/// file names its speakers in parentheses under its headings (a surname alone looks
/// like any capitalised word).
pub fn parenthesised_people(line: &str) -> Option<Vec<crate::model::Speaker>> {
    let inner = line.trim().strip_prefix('(')?.strip_suffix(')')?;
    let inner = without_icons(inner);
    let mut people = Vec::new();
    for part in inner.split([',', ';']) {
        for p in part
            .split(" & ")
            .flat_map(|p| p.split(" and "))
            .flat_map(|p| p.split(" und "))
            .flat_map(|p| p.split(" et "))
        {
            // A stray colon after the last name (`(Lovelace & Turing:)`).
            let p = p.trim().trim_end_matches(':').trim();
            if p.is_empty() {
                continue;
            }
            // `[Ada Lovelace](url)`: the name, and its link.
            let (name, url) = match names::link(p) {
                Some((label, url)) => (label, Some(url.to_string())),
                None if p.contains(['(', ')', '[', ']']) => return None,
                None => (p, None),
            };
            if names::person(name) < Strength::Shape && !names::surname(name) {
                return None;
            }
            people.push(crate::model::Speaker {
                name: name.to_string(),
                affiliation: None,
                url,
            });
        }
    }
    (!people.is_empty()).then_some(people)
}

/// `* Speakers:`, `- people`, `* **Panelists**`: a bullet (or line) that labels the
/// list of the session's people under it.
pub fn people_label(line: &str) -> bool {
    let t = line.trim();
    let item = t
        .strip_prefix("* ")
        .or_else(|| t.strip_prefix("- "))
        .unwrap_or(t)
        .trim();
    if bare_label(item) {
        return true;
    }
    let bare = item
        .trim_matches(['*', '_', ' '])
        .trim_end_matches(':')
        .trim_matches(['*', '_', ' '])
        .to_lowercase();
    t.starts_with(['*', '-'])
        && [
            "people",
            "speakers",
            "panelists",
            "panellists",
            "panel",
            "presenters",
            "referenten",
            "intervenants",
            "ponentes",
        ]
        .contains(&bare.as_str())
}

/// `  * Ada Lovelace - Example Labs`: a nested bullet that is one person, maybe with
/// an affiliation.
pub fn nested_person(line: &str) -> Option<crate::model::Speaker> {
    if !line.starts_with([' ', '\t']) {
        return None;
    }
    let t = line.trim();
    let item = t
        .strip_prefix("* ")
        .or_else(|| t.strip_prefix("- "))?
        .trim();
    let mut found = super::speakers::split(item);
    (found.len() == 1 && names::person(&found[0].name) >= Strength::Shape).then(|| found.remove(0))
}

/// `* Ada, Grace and Alan`: a bullet that lists two or more known given names alone,
/// as memos name a talk's people by first name.
pub fn given_names_bullet(line: &str) -> Option<Vec<crate::model::Speaker>> {
    let t = line.trim();
    let item = t
        .strip_prefix("* ")
        .or_else(|| t.strip_prefix("- "))?
        .trim();
    let parts: Vec<&str> = item
        .split(',')
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let given = |p: &&str| p.starts_with(char::is_uppercase) && names::is_given(p);
    (parts.len() >= 2 && parts.iter().all(given)).then(|| {
        parts
            .iter()
            .map(|p| crate::model::Speaker {
                name: p.to_string(),
                affiliation: None,
                url: None,
            })
            .collect()
    })
}

/// The text without the icons and handle links that decorate names in a list of
/// people (`Ada Lovelace ![On Twitter][icon] [@ada](https://...)`): images (inline
/// or by reference) and links whose label is an `@handle` or the bare handle of
/// their URL. The line itself is shown as written.
fn without_icons(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let image = rest[..open].ends_with('!');
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else { break };
        let label = &after[..close];
        let tail = &after[close + 1..];
        let end = if let Some(t) = tail.strip_prefix('(') {
            t.find(')').map(|e| (&t[..e], close + 2 + e + 1))
        } else if let Some(t) = tail.strip_prefix('[') {
            t.find(']').map(|e| (&t[..e], close + 2 + e + 1))
        } else {
            None
        };
        let handle = |target: &str| {
            label.starts_with('@')
                || (!label.contains(' ')
                    && !label.is_empty()
                    && target.trim_end_matches('/').ends_with(&format!("/{label}")))
        };
        match end {
            Some((target, len)) if image || handle(target) => {
                let keep = if image {
                    &rest[..open - 1]
                } else {
                    &rest[..open]
                };
                out.push_str(keep.trim_end());
                rest = &after[len..];
            }
            _ => {
                out.push_str(&rest[..open + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" ,", ",")
}

/// `Ada Lovelace (Example Labs)` with a name's shape, or a known person alone.
fn person_in_parentheses(part: &str) -> bool {
    match part
        .strip_suffix(')')
        .and_then(|inner| inner.split_once(" ("))
    {
        Some((name, org)) => !org.contains(['(', ')']) && names::person(name) >= Strength::Shape,
        None => names::person(part) == Strength::Known,
    }
}

/// `-- by Ada`, `— by Ada`, `– by Ada`: the text after `by`.
fn attribution(t: &str) -> Option<&str> {
    let rest = ["--", "—", "–", "~"]
        .iter()
        .find_map(|d| t.strip_prefix(d))?
        .trim_start_matches(['-', '—', '–', '~'])
        .trim_start();
    let by = rest.get(..3)?;
    by.eq_ignore_ascii_case("by ")
        .then(|| rest[3..].trim())
        .filter(|r| !r.is_empty())
}

/// `**Lead:** Ada`, `Topic Facilitator(s): Ada`, `**Moderators**: Ada`: the text after
/// a label of at most four words whose last word is a role.
fn role_label(t: &str) -> Option<&str> {
    let colon = t.find(':')?;
    let label = t[..colon].trim_matches(['*', '_', ' ']);
    let rest = t[colon + 1..].trim_start_matches(['*', '_']).trim();
    let words: Vec<&str> = label.split_whitespace().collect();
    if rest.is_empty() || words.is_empty() || words.len() > 4 {
        return None;
    }
    let last = words[words.len() - 1].to_lowercase();
    ROLE_WORDS.contains(&last.as_str()).then_some(rest)
}

/// `**Topic Facilitator(s)**:`, `Speakers:`: a role label alone on its line, with the
/// names on the next.
pub fn bare_label(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['*', '_']);
    let Some(label) = t.strip_suffix(':') else {
        return false;
    };
    let label = label.trim_matches(['*', '_', ' ']).to_lowercase();
    let words: Vec<&str> = label.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words
            .last()
            .is_some_and(|w| ROLE_WORDS.contains(w) || ["panel", "panellists"].contains(w))
}

/// `A talk by Ada Lovelace given at ...`: the name after the opening words, up to the
/// first word that is not part of a name.
fn byline(t: &str) -> Option<String> {
    let lower = t.to_lowercase();
    if lower.len() != t.len() {
        return None;
    }
    let after = ["a ", "an ", ""].iter().find_map(|article| {
        let rest = lower.strip_prefix(article)?;
        [
            "talk",
            "presentation",
            "keynote",
            "session",
            "workshop",
            "lecture",
        ]
        .iter()
        .find_map(|w| rest.strip_prefix(w)?.strip_prefix(" by "))
        .map(|r| t.len() - r.len())
    })?;
    let mut name: Vec<&str> = Vec::new();
    for w in t.get(after..)?.split_whitespace() {
        let capital = w.starts_with(char::is_uppercase);
        if !(capital || (!name.is_empty() && PARTICLES.contains(&w))) {
            break;
        }
        name.push(w);
        if w.ends_with([',', '.', ';']) {
            break;
        }
    }
    let name = name.join(" ");
    let name = name.trim_end_matches([',', '.', ';']);
    (names::person(name) >= Strength::Shape).then(|| name.to_string())
}

/// The text without trailing decoration: links whose label has no letters, emoji
/// codes (`:tada:`), handles (`@ada`, `(@ada)`) and bare domains (`ada.example`).
fn undecorated(t: &str) -> &str {
    let mut rest = t.trim_end();
    loop {
        let before = rest;
        if rest.ends_with(')')
            && let Some(open) = rest.rfind("[")
            && let Some((label, _)) = names::link(&rest[open..])
            && (!label.chars().any(char::is_alphabetic) || is_emoji_code(label))
        {
            rest = rest[..open].trim_end();
        }
        if let Some((space, white)) = rest.char_indices().rfind(|(_, c)| c.is_whitespace()) {
            let word = &rest[space + white.len_utf8()..];
            let inner = word.trim_start_matches('(').trim_end_matches(')');
            if is_emoji_code(word) || names::is_handle(inner) || is_domain(word) {
                rest = rest[..space].trim_end();
            }
        }
        if rest == before {
            return rest;
        }
    }
}

/// `:video_camera:`: an emoji written as its code.
fn is_emoji_code(w: &str) -> bool {
    w.len() > 2
        && w.starts_with(':')
        && w.ends_with(':')
        && w[1..w.len() - 1]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '+' | '-'))
}

/// `ada.example`, `www.example.org`: a bare lower-case domain.
fn is_domain(w: &str) -> bool {
    let parts: Vec<&str> = w.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        && parts
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::super::speaker_line::read_line;

    /// The names read from a line, or None when it is not a speaker line.
    fn names(line: &str) -> Option<Vec<(String, Option<String>)>> {
        read_line(line, false).map(|l| {
            l.speakers
                .into_iter()
                .map(|s| (s.name, s.affiliation))
                .collect()
        })
    }

    fn one(name: &str, aff: Option<&str>) -> Option<Vec<(String, Option<String>)>> {
        Some(vec![(name.to_string(), aff.map(str::to_string))])
    }

    fn two(a: &str, b: &str) -> Option<Vec<(String, Option<String>)>> {
        Some(vec![(a.to_string(), None), (b.to_string(), None)])
    }

    #[test]
    fn people_in_parentheses_with_surnames_alone() {
        use super::super::speaker_shapes::parenthesised_people;
        let read = |line: &str| {
            parenthesised_people(line)
                .map(|people| people.into_iter().map(|s| s.name).collect::<Vec<_>>())
        };
        for (line, want) in [
            ("(Lovelace)", Some(vec!["Lovelace"])),
            ("(Lovelace & Turing:)", Some(vec!["Lovelace", "Turing"])),
            (
                "(Roth, Weber, Keller-Brandt and Nirnbergová)",
                Some(vec!["Roth", "Weber", "Keller-Brandt", "Nirnbergová"]),
            ),
            (
                "(Ada Lovelace, Turing)",
                Some(vec!["Ada Lovelace", "Turing"]),
            ),
            ("(Keynote)", None),
            ("(slides)", None),
            ("(see the slides, and the video)", None),
            ("(Example University)", None),
            ("(J.)", None),
            ("(Lovelace (Engines))", None),
            (
                "([Ada Lovelace](https://example.org/a), [Alan Turing](https://example.org/t))",
                Some(vec!["Ada Lovelace", "Alan Turing"]),
            ),
            ("([slides](https://example.org/s))", None),
            ("Lovelace & Turing", None),
            ("()", None),
        ] {
            assert_eq!(
                read(line),
                want.map(|w| w.into_iter().map(str::to_string).collect()),
                "{line}"
            );
        }
    }

    #[test]
    fn bullets_of_given_names() {
        use super::super::speaker_shapes::given_names_bullet;
        let read = |line: &str| {
            given_names_bullet(line)
                .map(|people| people.into_iter().map(|s| s.name).collect::<Vec<_>>())
        };
        for (line, want) in [
            ("* Erica, Nina, Jonas", Some(vec!["Erica", "Nina", "Jonas"])),
            ("- Erica and Jonas", Some(vec!["Erica", "Jonas"])),
            ("* Erica", None),
            ("* Python, Rust, Go", None),
            ("* Erica, Rust", None),
            ("* erica, nina", None),
            ("Erica, Nina", None),
        ] {
            assert_eq!(
                read(line),
                want.map(|w| w.into_iter().map(str::to_string).collect()),
                "{line}"
            );
        }
    }

    #[test]
    fn lists_of_people_under_a_label() {
        use super::super::speaker_shapes::{nested_person, people_label};
        for (line, want) in [
            ("* people", true),
            ("- **Speakers:**", true),
            ("* Panelists", true),
            ("Speakers:", true),
            ("* people who came", false),
            ("people", false),
            ("* Which projects?", false),
        ] {
            assert_eq!(people_label(line), want, "{line}");
        }
        let person = |line: &str| nested_person(line).map(|s| (s.name, s.affiliation));
        assert_eq!(
            person("  * Nina Roth - Example Labs"),
            Some(("Nina Roth".to_string(), Some("Example Labs".to_string())))
        );
        assert_eq!(
            person("  - Paul Weber"),
            Some(("Paul Weber".to_string(), None))
        );
        assert_eq!(person("* Paul Weber"), None);
        assert_eq!(person("  * Nina - Istio is big for us"), None);
        assert_eq!(person("  * Nina Roth and Paul Weber"), None);
    }

    #[test]
    fn role_labels_alone_on_their_line() {
        use super::super::speaker_shapes::bare_label;
        for (line, want) in [
            ("**Topic Facilitator(s)**:", true),
            ("Speakers:", true),
            ("**Moderator:**", true),
            ("Key points:", false),
            ("Moderator: Nina Roth", false),
        ] {
            assert_eq!(bare_label(line), want, "{line}");
        }
    }

    #[test]
    fn speaker_lines_in_the_shapes_writers_use_under_a_heading() {
        let cases = [
            (
                "**Nina Roth (Example Labs)**",
                one("Nina Roth", Some("Example Labs")),
            ),
            (
                "**Nina Roth**, Example Labs",
                one("Nina Roth", Some("Example Labs")),
            ),
            (
                "-- by [Nina Roth](https://example.org/nina)",
                one("Nina Roth", None),
            ),
            ("— by Nina Roth", one("Nina Roth", None)),
            (
                "_Nina Roth_ [:video_camera:](https://example.org/v)",
                one("Nina Roth", None),
            ),
            ("_Nina Roth_ :video_camera:", one("Nina Roth", None)),
            ("Nina Roth @nina_codes", one("Nina Roth", None)),
            (
                "Nina Roth (@nina_codes) nina.example",
                one("Nina Roth", None),
            ),
            ("(Nina Roth, Paul Weber)", two("Nina Roth", "Paul Weber")),
            // Icons and handle links decorate the names: the names and place stay.
            (
                "(Nina Roth, Bern ![On Twitter][icon] [@ninar](https://twitter.com/ninar))",
                one("Nina Roth", Some("Bern")),
            ),
            (
                "(Nina Roth ![GitHub](https://example.org/gh.png) [ninar](https://github.com/ninar), Paul Weber, Example Labs)",
                Some(vec![
                    ("Nina Roth".to_string(), Some("Example Labs".to_string())),
                    ("Paul Weber".to_string(), Some("Example Labs".to_string())),
                ]),
            ),
            // Several authors, then the place they share.
            (
                "(Nina Roth, Paul Weber, Anna Keller, Example Univ.)",
                Some(vec![
                    ("Nina Roth".to_string(), Some("Example Univ.".to_string())),
                    ("Paul Weber".to_string(), Some("Example Univ.".to_string())),
                    ("Anna Keller".to_string(), Some("Example Univ.".to_string())),
                ]),
            ),
            (
                "(Nina Roth, Bern @nina_codes and Paul Weber, Example Labs)",
                Some(vec![
                    (
                        "Nina Roth".to_string(),
                        Some("Bern @nina_codes".to_string()),
                    ),
                    ("Paul Weber".to_string(), Some("Example Labs".to_string())),
                ]),
            ),
            (
                "[Nina Roth](https://example.org/n) & [Paul Weber](https://example.org/p)",
                two("Nina Roth", "Paul Weber"),
            ),
            ("**Lead:** Nina Roth", one("Nina Roth", None)),
            ("Moderator: Nina Roth", one("Nina Roth", None)),
            (
                "**Topic Facilitator(s)**: Nina Roth",
                one("Nina Roth", None),
            ),
            (
                "A talk by Nina Roth given at Example Conf 2019",
                one("Nina Roth", None),
            ),
            (
                "Nina Roth (Example Labs), Paul Weber (example.org)",
                Some(vec![
                    ("Nina Roth".to_string(), Some("Example Labs".to_string())),
                    ("Paul Weber".to_string(), Some("example.org".to_string())),
                ]),
            ),
            (
                "Nina Roth (Example Labs), Paul Weber",
                Some(vec![
                    ("Nina Roth".to_string(), Some("Example Labs".to_string())),
                    ("Paul Weber".to_string(), None),
                ]),
            ),
            ("Parsing (again), and more (later)", None),
            ("- Nina Roth", one("Nina Roth", None)),
            (
                "* Nina Roth, Example Labs",
                one("Nina Roth", Some("Example Labs")),
            ),
            // Prose stays prose.
            ("(see the slides, and the video)", None),
            ("Nina said @everyone should come", None),
            ("_really_ good talk :tada:", None),
            ("A talk by the sea was given at noon", None),
            ("- Great talk", None),
            ("- Parsing Notes", None),
            // Wide spaces and letters whose lower case is longer do not break it.
            ("Nina\u{a0}Roth\u{a0}:tada:", one("Nina\u{a0}Roth", None)),
            ("A talk by İlker Nina Roth", None),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(line, want)| names(line) != *want)
            .map(|(line, want)| format!("{line}: got {:?}, want {want:?}", names(line)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
