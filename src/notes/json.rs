//! JSON front matter, as Hugo accepts it: a JSON object at the very top of the file,
//! the notes after its closing brace. Read into the same keys as TOML and YAML front
//! matter, with serde_json (already a dependency, so it costs nothing).

use super::front_matter::{Format, FrontMatter, Split, from_table};
use crate::error::{Error, Result, Warning};
use serde_json::Value as Json;
use std::path::Path;

/// Whether the first line of a file opens JSON front matter: `{` alone, or `{` and a
/// quoted key. Liquid's `{% ... %}` and `{{ ... }}` do not.
pub fn opens(first_line: &str) -> bool {
    let Some(rest) = first_line.trim_end().strip_prefix('{') else {
        return false;
    };
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('"')
}

/// Splits JSON front matter off a file whose first line [`opens`] it. The notes start
/// on the line after the closing brace (text after the brace on its line stays notes).
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Json>();
    match stream.next() {
        Some(Ok(_)) => {}
        Some(Err(e)) => return Err(located(path, &e)),
        None => {
            return Err(Error::at_line(
                path,
                1,
                "JSON front matter opened with `{` is never closed: end it with `}`",
            ));
        }
    }
    let end = stream.byte_offset().min(text.len());
    let rest_of_line = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let body_start = if text[end..rest_of_line].trim().is_empty() {
        (rest_of_line + 1).min(text.len())
    } else {
        end
    };
    let body_line = text[..body_start].matches('\n').count() + 1;
    Ok(Split {
        toml: Some(&text[..end]),
        format: Format::Json,
        body: &text[body_start..],
        body_line,
        lead: "",
    })
}

/// Parses JSON front matter (the object's text, from the file's first line).
pub fn parse(path: &Path, text: &str, warnings: &mut Vec<Warning>) -> Result<FrontMatter> {
    let value: Json = serde_json::from_str(text).map_err(|e| located(path, &e))?;
    let Json::Object(map) = value else {
        return Err(Error::at_line(
            path,
            1,
            "JSON front matter must be one object: { \"title\": \"...\", ... }",
        ));
    };
    let table = map
        .into_iter()
        .filter_map(|(k, v)| Some((k, super::yaml::to_toml(v)?)))
        .collect();
    from_table(path, text, Format::Json, table, warnings)
}

/// A JSON error at its line and column (the JSON starts on the file's first line).
fn located(path: &Path, e: &serde_json::Error) -> Error {
    let message = e.to_string();
    // serde_json ends its message with " at line L column C": the position is ours.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    Error::at_pos(
        path,
        Some(e.line().max(1)),
        Some(e.column().max(1)),
        format!("invalid JSON front matter: {message}"),
    )
}

#[cfg(test)]
mod tests {
    use super::{opens, split};
    use std::path::Path;

    #[test]
    fn what_opens_json_front_matter() {
        for (line, want) in [
            ("{", true),
            ("{ ", true),
            ("{\"title\": \"x\",", true),
            ("{% raw %}", false),
            ("{{ page.title }}", false),
            ("{{< youtube id >}}", false),
            ("Notes {", false),
        ] {
            assert_eq!(opens(line), want, "{line:?}");
        }
    }

    #[test]
    fn text_after_the_closing_brace_on_its_line() {
        // Spaces only: the notes start on the next line.
        let s = split(
            Path::new("post.md"),
            "{ \"title\": \"Conf\" }  \n13:00 Opening\n",
        )
        .unwrap();
        assert_eq!(s.body, "13:00 Opening\n");
        assert_eq!(s.body_line, 2);
        // Words: they are notes.
        let s = split(
            Path::new("post.md"),
            "{ \"title\": \"Conf\" } Welcome\n13:00 Opening\n",
        )
        .unwrap();
        assert_eq!(s.body, " Welcome\n13:00 Opening\n");
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn the_keys_of_the_object_are_read() {
        let mut warnings = Vec::new();
        let text = "{ \"title\": \"Conf\", \"location\": \"Bern\", \"tags\": [\"ai\"] }";
        let fm = super::parse(Path::new("post.md"), text, &mut warnings).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Conf"));
        assert_eq!(fm.location.as_deref(), Some("Bern"));
        assert_eq!(fm.tags, Some(vec!["ai".to_string()]));
        assert!(super::parse(Path::new("post.md"), "[1]", &mut warnings).is_err());
    }

    #[test]
    fn the_notes_start_after_the_closing_brace() {
        let s = split(
            Path::new("post.md"),
            "{\n  \"title\": \"Conf\"\n}\n\n13:00 Opening\n",
        )
        .unwrap();
        assert_eq!(s.toml, Some("{\n  \"title\": \"Conf\"\n}"));
        assert_eq!(s.body, "\n13:00 Opening\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn bad_json_names_line_and_column() {
        let err = split(
            Path::new("post.md"),
            "{\n  \"title\": \"Conf\"\n  \"date\": 1\n}\n",
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            err.starts_with("post.md:3:3: invalid JSON front matter"),
            "{err}"
        );
        let err = split(Path::new("post.md"), "{\n  \"title\": \"Conf\",\n")
            .err()
            .unwrap()
            .to_string();
        assert!(err.starts_with("post.md:3:"), "{err}");
        assert!(!err.contains(" at line "), "{err}");
    }
}
