//! One error type for every stage: a message, where it happened, and what caused it.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in the user's files an error or warning points.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub col: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A file name may hold control characters (a terminal's escape codes): they are
        // shown escaped, never sent raw to the writer's terminal.
        for c in self.path.to_string_lossy().chars() {
            if c.is_control() {
                write!(f, "{}", c.escape_default())?;
            } else {
                write!(f, "{c}")?;
            }
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.col {
                write!(f, ":{col}")?;
            }
        }
        Ok(())
    }
}

/// A failed build, load or command, printed as `path:line:col: message`.
#[derive(Debug)]
pub struct Error {
    pub location: Option<Location>,
    pub message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with no file attached (bad arguments, configuration of the run).
    pub fn msg(message: impl Into<String>) -> Self {
        Error {
            location: None,
            message: message.into(),
            source: None,
        }
    }

    /// An error about a file as a whole.
    pub fn at(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::at_pos(path, None, None, message)
    }

    /// An error about one line (and maybe column) of a file.
    pub fn at_line(path: impl AsRef<Path>, line: usize, message: impl Into<String>) -> Self {
        Self::at_pos(path, Some(line), None, message)
    }

    pub fn at_pos(
        path: impl AsRef<Path>,
        line: Option<usize>,
        col: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Error {
            location: Some(Location {
                path: path.as_ref().to_path_buf(),
                line,
                col,
            }),
            message: message.into(),
            source: None,
        }
    }

    /// An I/O error, naming the path it happened on.
    pub fn io(path: impl AsRef<Path>, err: std::io::Error) -> Self {
        let path = path.as_ref();
        Error::at(path, err.to_string())
    }

    /// Adds what was being done when the error happened to the message.
    pub fn context(mut self, doing: impl std::fmt::Display) -> Self {
        self.message = format!("{} ({doing})", self.message);
        self
    }

    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// A problem worth telling the writer about that does not stop the build.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Warning {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning: {}: {}", self.location, self.message)
    }
}

/// A serde/TOML type error in a writer's words: `invalid type: string "ai, opensource",
/// expected a sequence` becomes `expected a list, like ["ai", "opensource"], not the
/// text "ai, opensource"`. Messages it does not know pass unchanged.
pub fn plain_type_error(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return unknown_key(rest)
            .unwrap_or_else(|| message.replace("unknown field", "unknown key"));
    }
    let Some(rest) = message.strip_prefix("invalid type: ") else {
        return message.to_string();
    };
    let Some((got, expected)) = rest.split_once(", expected ") else {
        return message.to_string();
    };
    let got = match got.split_once(' ') {
        Some(("string", text)) => format!("the text {text}"),
        Some(("integer" | "floating", n)) => format!("the number {}", n.trim_matches('`')),
        Some(("boolean", b)) => b.trim_matches('`').to_string(),
        _ => match got {
            "sequence" => "a list".to_string(),
            "map" => "a table".to_string(),
            other => other.to_string(),
        },
    };
    let wanted = match expected.trim() {
        "a sequence" => {
            // A comma-separated text is most likely meant as the list's items.
            let items: Vec<String> = got
                .strip_prefix("the text ")
                .map(|t| t.trim_matches('"'))
                .filter(|t| !t.is_empty())
                .map(|t| t.split(',').map(|i| format!("\"{}\"", i.trim())).collect())
                .unwrap_or_default();
            if items.is_empty() {
                "a list, like [\"ai\", \"opensource\"]".to_string()
            } else {
                format!("a list, like [{}]", items.join(", "))
            }
        }
        "a string" => "a text in quotes".to_string(),
        "a boolean" => "true or false".to_string(),
        "a map" => "a table".to_string(),
        e if ["usize", "u8", "u16", "u32", "u64", "i32", "i64", "isize"]
            .iter()
            .any(|t| e == *t || e == format!("{t} integer") || e.ends_with(&format!(" {t}"))) =>
        {
            "a whole number".to_string()
        }
        e if e.starts_with("struct ") => "a table".to_string(),
        e => e.to_string(),
    };
    format!("expected {wanted}, not {got}")
}

/// `unknown field `titel`, expected one of `title`, ...` as `unknown key `titel`: did
/// you mean `title`? ...`, suggesting the known key nearest in spelling.
fn unknown_key(rest: &str) -> Option<String> {
    let (key, known) = rest.split_once("`, expected one of ")?;
    let known: Vec<&str> = known.split(", ").map(|k| k.trim_matches('`')).collect();
    let nearest = known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .min()
        .filter(|(d, k)| *d <= 2.max(k.len() / 4));
    Some(match nearest {
        Some((_, k)) => format!("unknown key `{key}`: did you mean `{k}`?"),
        None => format!("unknown key `{key}`: the keys are `{}`", known.join("`, `")),
    })
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn control_characters_in_file_names_are_shown_escaped() {
        let err = Error::at_line("content/\u{1b}[2Jevil\n.md", 3, "bad");
        let shown = err.to_string();
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert_eq!(shown, "content/\\u{1b}[2Jevil\\n.md:3: bad");
    }

    #[test]
    fn type_errors_in_a_writers_words() {
        for (serde, plain) in [
            (
                "invalid type: string \"ai, opensource\", expected a sequence",
                "expected a list, like [\"ai\", \"opensource\"], not the text \"ai, opensource\"",
            ),
            (
                "invalid type: string \"ten\", expected usize",
                "expected a whole number, not the text \"ten\"",
            ),
            (
                "invalid type: integer `5`, expected a string",
                "expected a text in quotes, not the number 5",
            ),
            (
                "invalid type: string \"yes\", expected a boolean",
                "expected true or false, not the text \"yes\"",
            ),
            (
                "invalid type: sequence, expected a string",
                "expected a text in quotes, not a list",
            ),
            (
                "unknown field `timezon`, expected one of `title`, `timezone`",
                "unknown key `timezon`: did you mean `timezone`?",
            ),
            (
                "unknown field `colour`, expected one of `title`, `timezone`",
                "unknown key `colour`: the keys are `title`, `timezone`",
            ),
            ("something else entirely", "something else entirely"),
        ] {
            assert_eq!(super::plain_type_error(serde), plain, "{serde}");
        }
    }
}
