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
}
