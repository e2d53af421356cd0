//! Telling a person's name from a title: shape rules (capitalised words, particles,
//! initials, no organisation or title words) and a list of given names compiled into
//! the binary (`given-names.txt`, CC0 data; its header says where it comes from).

/// Given names, lower case, sorted, one per line, after a `#` header.
const GIVEN_NAMES: &str = include_str!("given-names.txt");

/// How surely a piece of text is one person's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// A title, a sentence, an organisation.
    No,
    /// Shaped like a name (`Aarno Aukia`), with no known given name.
    Shape,
    /// A known given name in front (`Erica Dubach`), or a `@handle`.
    Known,
}

/// Words that mark an organisation rather than a person.
pub const ORG_WORDS: &[&str] = &[
    "ag",
    "gmbh",
    "inc",
    "ltd",
    "llc",
    "sa",
    "sàrl",
    "corp",
    "co",
    "plc",
    "university",
    "universität",
    "université",
    "institute",
    "institut",
    "lab",
    "labs",
    "team",
    "foundation",
    "group",
    "company",
    "office",
    "centre",
    "center",
    "school",
    "college",
    "council",
    "association",
    "society",
    "agency",
    "bank",
    "ministry",
    "department",
    "federal",
    "swiss",
    "open",
    "cloud",
    "data",
    "research",
    "technologies",
    "technology",
    "systems",
    "software",
    "network",
    "media",
    "studio",
    "project",
    "community",
    "hat",
    "ai",
    "library",
    "parliament",
    "government",
    "city",
    "museum",
    "service",
    "services",
];

/// Capitalised words that begin or fill titles, never names.
const TITLE_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "for",
    "and",
    "or",
    "with",
    "to",
    "in",
    "on",
    "at",
    "from",
    "into",
    "how",
    "why",
    "what",
    "when",
    "where",
    "who",
    "is",
    "are",
    "be",
    "your",
    "our",
    "my",
    "we",
    "you",
    "it",
    "this",
    "that",
    "new",
    "future",
    "intro",
    "introduction",
    "keynote",
    "talk",
    "panel",
    "workshop",
    "session",
    "welcome",
    "opening",
    "closing",
    "lunch",
    "break",
    "coffee",
    "demo",
    "day",
    "notes",
    "q&a",
    "questions",
    "discussion",
    "update",
    "summary",
    "building",
    "beyond",
    "towards",
    "toward",
    "lessons",
    "state",
    "part",
    "live",
    "lightning",
    "talks",
    "und",
    "der",
    "die",
    "das",
    "le",
    "la",
    "les",
    "des",
    "et",
    "du",
    "von",
    "über",
    "mit",
    "not",
    "no",
    "all",
    "more",
    "less",
    "about",
    "using",
    "making",
    "getting",
    "scaling",
];

/// Particles allowed in lower case inside a person's name.
pub const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "dos", "das",
    "bin", "ibn", "al", "el", "y", "zu", "ten", "ter", "mc",
];

/// Whether `word` (any case) is in the given-name list.
pub fn is_given(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    if word.len() < 2 || !word.chars().all(char::is_alphabetic) {
        return false;
    }
    let lower = word.to_lowercase();
    if in_list(&lower) {
        return true;
    }
    // `Joël`, `Renée`: the list is written without accents.
    let folded: String = lower.chars().map(fold_accent).collect();
    folded != lower && in_list(&folded)
}

/// A letter without its accent (`é` → `e`, `ü` → `u`, `ç` → `c`).
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ý' | 'ÿ' => 'y',
        c => c,
    }
}

/// Whether a lower-case word is a line of the given-name list.
fn in_list(lower: &str) -> bool {
    let list = names_list();
    // Binary search over the sorted lines without building a table: find the line that
    // holds the middle byte, compare, halve.
    let (mut lo, mut hi) = (0usize, list.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = list[..mid].rfind('\n').map_or(0, |i| i + 1);
        let end = list[mid..].find('\n').map_or(list.len(), |i| mid + i);
        let line = &list[start..end];
        match line.cmp(lower) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// The list without its `#` header.
fn names_list() -> &'static str {
    let mut rest = GIVEN_NAMES;
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest.trim_end_matches('\n')
}

/// `@handle`: a social media name standing for a person.
pub fn is_handle(text: &str) -> bool {
    text.strip_prefix('@').is_some_and(|h| {
        !h.is_empty()
            && h.len() <= 40
            && h.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '@'))
    })
}

/// Titles and ranks written in front of a name (`Dr`, `Prof.`, `Lt. Col`, `Herr`, `Mme`),
/// lower case, without their dot.
const HONORIFICS: &[&str] = &[
    "dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame", "lt", "col", "capt", "cpt", "maj", "gen",
    "sgt", "adm", "cmdr", "rev", "herr", "frau", "mme", "mlle", "dipl", "ing",
];

/// `text` without the titles and ranks in front of the name: `Lt. Col Enrique Oti` →
/// `Enrique Oti`, `Dr. Ada Lovelace` → `Ada Lovelace`. At least two words are left.
pub fn strip_honorifics(text: &str) -> &str {
    let mut rest = text.trim();
    loop {
        let Some((word, after)) = rest.split_once(' ') else {
            return rest;
        };
        let bare = word.trim_end_matches('.').to_lowercase();
        let capitalised = word.starts_with(|c: char| c.is_uppercase());
        if !capitalised || !HONORIFICS.contains(&bare.as_str()) || !after.trim().contains(' ') {
            return rest;
        }
        rest = after.trim_start();
    }
}

/// A nickname between a given name and a surname: `(Stu)`, `"Stu"`, `“Stu”`.
fn is_nickname(word: &str) -> bool {
    let inner = word
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .or_else(|| word.strip_prefix('"').and_then(|w| w.strip_suffix('"')))
        .or_else(|| word.strip_prefix('“').and_then(|w| w.strip_suffix('”')));
    inner.is_some_and(|w| {
        w.starts_with(|c: char| c.is_uppercase()) && w.chars().all(char::is_alphanumeric)
    })
}

/// How surely `text` is one person's name. A Markdown link (`[Name](url)`) or emphasis
/// around it is looked through, and so are titles in front (`Dr`, `Lt. Col`) and a
/// nickname in the middle (`Michael (Stu) Stewart`).
pub fn person(text: &str) -> Strength {
    let text = strip_honorifics(plain(text.trim()));
    if is_handle(text) {
        return Strength::Known;
    }
    let all: Vec<&str> = text.split_whitespace().collect();
    let words: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || i + 1 == all.len() || !is_nickname(w))
        .map(|(_, w)| *w)
        .collect();
    if words.is_empty() || words.len() > 5 {
        return Strength::No;
    }
    let shaped = words.iter().enumerate().all(|(i, w)| name_word(w, i == 0));
    if !shaped {
        return Strength::No;
    }
    if words.iter().any(|w| {
        let w = w.trim_end_matches([',', '.']).to_lowercase();
        ORG_WORDS.contains(&w.as_str()) || TITLE_WORDS.contains(&w.as_str())
    }) {
        return Strength::No;
    }
    match (words.len(), is_given(words[0])) {
        (1, _) => Strength::No,
        (_, true) => Strength::Known,
        _ => Strength::Shape,
    }
}

/// A surname written alone (`Lovelace`, `Scherer-Windisch`, `Nirnbergová`): one
/// capitalised word of letters, not an initial, an organisation, a title word or a
/// session's format (`Keynote`).
pub fn surname(text: &str) -> bool {
    let w = text.trim();
    let lower = w.to_lowercase();
    !w.contains(char::is_whitespace)
        && w.chars().count() >= 2
        && !w.contains('.')
        && name_word(w, true)
        && !ORG_WORDS.contains(&lower.as_str())
        && !TITLE_WORDS.contains(&lower.as_str())
        && !super::titles::is_format_word(w)
}

/// A word of a name: capitalised with a lower-case letter (`Ada`, `McNulty`,
/// `Stürmer`), an initial (`J.`), or a particle after the first word.
fn name_word(w: &str, first: bool) -> bool {
    let mut chars = w.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    if !first && PARTICLES.contains(&w.to_lowercase().as_str()) {
        return true;
    }
    // An elided particle glued to the name: `d’Amorim`, `D'Angelo`, `l'Espine`.
    if !first
        && let Some(name) = ["d'", "d’", "l'", "l’", "D'", "D’", "L'", "L’"]
            .iter()
            .find_map(|p| w.strip_prefix(p))
        && name.chars().count() >= 2
    {
        return name_word(name, true);
    }
    if !c.is_uppercase() {
        return false;
    }
    let rest: String = chars.collect();
    if rest.is_empty() || rest == "." {
        return true;
    }
    rest.chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        && rest.chars().any(char::is_lowercase)
}

/// The visible text of a name written with Markdown decoration: `[Ada](url)` → `Ada`,
/// `**Ada**` → `Ada`.
pub fn plain(text: &str) -> &str {
    let mut t = text.trim();
    for mark in ["**", "__", "*", "_", "`"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|r| r.strip_suffix(mark)) {
            t = inner.trim();
        }
    }
    if let Some((label, _)) = link(t) {
        return label;
    }
    t
}

/// A whole-text Markdown link `[label](url)`: its label and target.
pub fn link(text: &str) -> Option<(&str, &str)> {
    let inner = text.strip_prefix('[')?;
    let (label, rest) = inner.split_once("](")?;
    let url = rest.strip_suffix(')')?;
    (!label.contains(']') && !url.contains(char::is_whitespace)).then_some((label.trim(), url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_come_from_the_list() {
        for (word, want) in [
            ("Erica", true),
            ("jacqueline", true),
            ("Matthias", true),
            ("Aaron", true),
            // Written with an accent the list leaves out.
            ("Joël", true),
            ("Zoë", true),
            ("Will", false),
            ("Sovereignty", false),
            ("Parliamentary", false),
            ("", false),
            ("x", false),
            ("Zzzz", false),
            // Two letters are a name; an accent does not make a word one (issue 20).
            ("Jo", true),
            ("Zéphyrinox", false),
        ] {
            assert_eq!(is_given(word), want, "{word}");
        }
    }

    /// A whole-text link: no `]` in its label, no space in its target (issue 20).
    #[test]
    fn whole_text_links() {
        assert_eq!(
            link("[Erica Dubach](https://example.org/e)"),
            Some(("Erica Dubach", "https://example.org/e"))
        );
        assert_eq!(link("[Erica](https://example.org/a b)"), None);
        assert_eq!(link("[Erica]x](https://example.org/e)"), None);
        assert_eq!(link("Erica Dubach"), None);
    }

    /// A handle: `@` and up to 40 letters, digits, `_ . - @` (issue 20).
    #[test]
    fn handles() {
        let long = format!("@{}", "a".repeat(40));
        let longer = format!("@{}", "a".repeat(41));
        for (text, want) in [
            ("@erica_d.k-1", true),
            ("@erica@example.social", true),
            (long.as_str(), true),
            (longer.as_str(), false),
            ("@", false),
            ("@a/b", false),
            ("erica", false),
        ] {
            assert_eq!(is_handle(text), want, "{text}");
        }
    }

    #[test]
    fn surnames_written_alone() {
        for (word, want) in [
            ("Lovelace", true),
            ("Scherer-Windisch", true),
            ("Nirnbergová", true),
            ("O’Neill", true),
            ("Keynote", false),
            ("University", false),
            ("The", false),
            ("lovelace", false),
            ("IBM", false),
            ("J.", false),
            ("Ada Lovelace", false),
            ("X", false),
        ] {
            assert_eq!(surname(word), want, "{word}");
        }
    }

    #[test]
    fn titles_in_front_of_a_name_come_off() {
        for (text, want) in [
            ("Lt. Col Enrique Oti", "Enrique Oti"),
            ("Dr. Ada Lovelace", "Ada Lovelace"),
            ("Prof Dr Anna Keller", "Anna Keller"),
            ("Dr Who", "Dr Who"),
            ("Col Mustard", "Col Mustard"),
            ("Ada Lovelace", "Ada Lovelace"),
        ] {
            assert_eq!(strip_honorifics(text), want, "{text}");
        }
    }

    #[test]
    fn people_and_titles() {
        use Strength::*;
        for (text, want) in [
            ("Erica Dubach", Known),
            ("Aarno Aukia", Shape),
            ("Ludwig van Beethoven", Known),
            ("Marcelo d’Amorim", Known),
            ("Amin D'Angelo", Shape),
            ("d’Amorim Marcelo", No),
            ("J. R. Hartley", Shape),
            ("[Jane Doe](https://example.org/jane)", Known),
            ("**Nina Roth**", Known),
            ("@nina_codes", Known),
            ("Building Better Systems", No),
            ("The Future of Data", No),
            ("Open Data Lab", No),
            ("Parliamentary Library", No),
            ("Keynote", No),
            ("Madonna", No),
            ("why we are here", No),
            ("SCAI Lead", No),
            ("One Two Three Four Five Six", No),
            ("Lt. Col Enrique Oti", Known),
            ("Dr Ada Lovelace", Known),
            ("Michael (Stu) Stewart", Known),
            ("Michael Stewart (Stu)", No),
            ("Dr Who", No),
        ] {
            assert_eq!(person(text), want, "{text}");
        }
    }
}
