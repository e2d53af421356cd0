//! Turning titles, names and tags into URL path segments.

/// The longest slug, in bytes: a slug names a folder, and file systems refuse names
/// over 255 bytes; an anchor adds a time and a counter to it.
pub const MAX_SLUG: usize = 100;

/// A lower-case, dash-separated URL segment. Latin letters with diacritics are folded
/// to ASCII (`Müller` → `muller`); other letters and digits are kept as they are. At
/// most [`MAX_SLUG`] bytes, cut at a dash where there is one near the end.
pub fn slugify(text: &str) -> String {
    let mut out = slug_words(text);
    if out.len() > MAX_SLUG {
        let mut cut = MAX_SLUG;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        if let Some(dash) = out[..cut].rfind('-').filter(|&d| d > MAX_SLUG / 2) {
            cut = dash;
        }
        out.truncate(cut);
        out.truncate(out.trim_end_matches('-').len());
    }
    out
}

pub(crate) fn slug_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    let push = |out: &mut String, dash: &mut bool, f: char| {
        if *dash && !out.is_empty() {
            out.push('-');
        }
        *dash = false;
        out.push(f);
    };
    for c in text.chars() {
        // ASCII, most of any text, needs neither folding nor Unicode lower-casing.
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                push(&mut out, &mut dash, c.to_ascii_lowercase());
            } else if c != '\'' {
                dash = true;
            }
            continue;
        }
        // Lower-cased first, so the table needs only small letters: `Ö` is `ö`, and
        // so are a capital sharp s `ẞ` (`ß`) and an Ångström sign `Å` (`å`).
        let mut pushed = false;
        for l in c.to_lowercase() {
            match fold(l) {
                Some(folded) => {
                    for f in folded.chars() {
                        push(&mut out, &mut dash, f);
                    }
                    pushed = true;
                }
                None if l.is_alphanumeric() => {
                    push(&mut out, &mut dash, l);
                    pushed = true;
                }
                None => {}
            }
        }
        if !pushed && c != '’' {
            dash = true;
        }
    }
    out
}

/// ASCII for the common Latin small letters with diacritics; `None` for any other
/// letter. Capitals are lower-cased before they get here.
fn fold(c: char) -> Option<&'static str> {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' | 'ſ' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::{MAX_SLUG, slug_words, slugify};

    /// The model's own table, written apart from [`super::fold`]: each ASCII spelling
    /// with the small letters it stands for.
    const SPELLINGS: &[(&str, &str)] = &[
        ("a", "àáâãäåāăą"),
        ("ae", "æ"),
        ("c", "çćč"),
        ("d", "ďđð"),
        ("e", "èéêëēėęě"),
        ("g", "ğ"),
        ("i", "ìíîïīįı"),
        ("l", "łľĺ"),
        ("n", "ñńň"),
        ("o", "òóôõöøōő"),
        ("oe", "œ"),
        ("r", "ŕř"),
        ("s", "śšşșſ"),
        ("ss", "ß"),
        ("t", "ťţț"),
        ("th", "þ"),
        ("u", "ùúûüūůűų"),
        ("y", "ýÿ"),
        ("z", "źżž"),
    ];

    /// The rule stated plainly: every character lower-cased by the standard library,
    /// then spelled from [`SPELLINGS`] or kept when it is a letter or digit; anything
    /// else (but an apostrophe) separates words.
    fn slug_words_model(text: &str) -> String {
        let mut words = vec![String::new()];
        for c in text.chars() {
            let mut kept = String::new();
            for l in c.to_lowercase() {
                match SPELLINGS.iter().find(|(_, small)| small.contains(l)) {
                    Some((ascii, _)) => kept.push_str(ascii),
                    None if l.is_alphanumeric() => kept.push(l),
                    None => {}
                }
            }
            if kept.is_empty() {
                if c != '\'' && c != '’' {
                    words.push(String::new());
                }
            } else if let Some(word) = words.last_mut() {
                word.push_str(&kept);
            }
        }
        words.retain(|w| !w.is_empty());
        words.join("-")
    }

    proptest::proptest! {
        #[test]
        fn slugs_any_text_like_the_model(
            text in "(\\PC|[ -~]|[À-ſ]|[ȘșȚțİǅΣẞÅ’])*",
        ) {
            proptest::prop_assert_eq!(slug_words(&text), slug_words_model(&text));
        }
    }

    /// The standard library's case mapping is the model here, independent of the fold
    /// table: a letter and its capital make the same slug, so no row of capitals can
    /// go missing from the table unnoticed.
    #[test]
    fn capitals_slug_like_their_small_letters() {
        for c in ('\u{c0}'..='\u{17f}').filter(|c| c.is_alphabetic()) {
            let (upper, lower): (String, String) =
                (c.to_uppercase().collect(), c.to_lowercase().collect());
            if upper.chars().count() != 1 || lower.chars().count() != 1 {
                continue; // ß, ŉ: no single-letter capital to compare with
            }
            assert_eq!(slugify(&upper), slugify(&lower), "{upper} / {lower}");
        }
        // Every letter the table folds, capital or not, comes out as ASCII.
        for word in [
            "ÀÁÂÃÄÅĀĂĄ",
            "ÇĆČ",
            "ÈÉÊËĒĖĘĚ",
            "ÌÍÎÏĪĮ",
            "ŁĽĹ",
            "ÑŃŇ",
            "ÒÓÔÕÖØŌŐ",
            "ŔŘ",
            "ŚŠŞȘ",
            "ŤŢȚ",
            "ÙÚÛÜŪŮŰŲ",
            "ÝŸ",
            "ŹŻŽ",
            "ÆŒÞĐĞ",
            "ẞ",
            "Å",
        ] {
            let slug = slugify(word);
            assert!(slug.is_ascii(), "{word} -> {slug}");
        }
    }

    #[test]
    fn slugs() {
        for (input, expected) in [
            ("Open Hardware Days", "open-hardware-days"),
            ("Jörg Müller", "jorg-muller"),
            ("GRÖẞE Ångström", "grosse-angstrom"),
            (
                "  DevOps for AI: Bring AI to the data!  ",
                "devops-for-ai-bring-ai-to-the-data",
            ),
            ("Apéro & Networking", "apero-networking"),
            ("Don't panic", "dont-panic"),
            ("東京 Meetup", "東京-meetup"),
            ("../../etc/passwd", "etc-passwd"),
            ("---", ""),
            ("%2e%2e", "2e-2e"),
            ("a/b", "a-b"),
        ] {
            assert_eq!(slugify(input), expected, "{input}");
        }
    }

    #[test]
    fn a_slug_of_exactly_max_slug_bytes_is_kept_whole() {
        // Nineteen four-letter words and a five-letter one: 100 bytes with the dashes.
        let title = format!("{} fifth", "word ".repeat(19));
        let slug = slugify(&title);
        assert_eq!(slug.len(), MAX_SLUG, "{slug}");
        assert!(slug.ends_with("-word-fifth"), "{slug}");
        // One byte more and the last word goes, at its dash.
        let slug = slugify(&format!("{title}s"));
        assert!(slug.ends_with("-word-word"), "{slug}");
    }

    #[test]
    fn a_long_slug_is_cut_at_a_dash_only_when_one_is_near_the_end() {
        let (x, y) = ("x".repeat(50), "y".repeat(80));
        for (title, expected) in [
            // The last dash in the second half: the words before it are kept whole.
            (format!("{x}xx {y}"), format!("{x}xx")),
            // A dash at the half or before it would throw away too much: cut in the word.
            (format!("{x} {y}"), format!("{x}-{}", &y[..49])),
            (
                format!("{} {y}", &x[..40]),
                format!("{}-{}", &x[..40], &y[..59]),
            ),
            // Seven-letter words: the cut at 100 bytes falls inside one, so it goes.
            (
                "abcdefg ".repeat(30),
                "abcdefg-".repeat(12)[..95].to_string(),
            ),
        ] {
            assert_eq!(slugify(&title), expected, "{title}");
        }
    }

    #[test]
    fn long_names_make_slugs_of_at_most_max_slug_bytes() {
        let words = "word ".repeat(100);
        let one = "x".repeat(300);
        let wide = "東".repeat(100);
        for (input, expected_start) in [
            (words.as_str(), "word-word"),
            (one.as_str(), "xxxx"),
            (wide.as_str(), "東東"),
        ] {
            let slug = slugify(input);
            assert!(slug.len() <= MAX_SLUG, "{input}: {} bytes", slug.len());
            assert!(slug.len() > MAX_SLUG - 6, "{input}: {slug}");
            assert!(
                slug.starts_with(expected_start) && !slug.ends_with('-'),
                "{slug}"
            );
        }
    }
}
