//! YAML front matter, as Jekyll and Hugo posts carry it, read into the same keys as
//! TOML front matter. The usual spellings of those tools map to plenary's keys:
//! `categories` joins `tags`, `description` or `excerpt` stands for `summary`, and a
//! `date` with a time of day gives its date. Other keys are kept for templates
//! ([`from_table`] has the rules, for every format).
//!
//! The YAML is read with serde-saphyr: a maintained, pure-Rust YAML parser that reports
//! line and column and never panics on bad input (serde_yaml is no longer maintained).

use super::front_matter::{Format, FrontMatter, from_table};
use crate::error::{Error, Result, Warning};
use serde_json::Value as Json;
use std::path::Path;

/// Parses YAML front matter; positions in errors are lines of the file (the YAML
/// starts on line 2, after the `---`).
pub fn parse(path: &Path, text: &str, warnings: &mut Vec<Warning>) -> Result<FrontMatter> {
    let value: Json = serde_saphyr::from_str(text).map_err(|e| {
        let (line, col) = match e.location() {
            Some(at) => (Some(at.line() as usize + 1), Some(at.column() as usize)),
            None => (Some(1), None),
        };
        let message = e.to_string();
        let first = message.lines().next().unwrap_or("").trim();
        Error::at_pos(
            path,
            line,
            col,
            format!("invalid YAML front matter: {first}"),
        )
    })?;
    let map = match value {
        Json::Object(map) => map,
        Json::Null => Default::default(),
        _ => {
            return Err(Error::at_line(
                path,
                2,
                "front matter between `---` lines must be `key: value` lines",
            ));
        }
    };
    let table = map
        .into_iter()
        .filter_map(|(k, v)| Some((k, to_toml(v)?)))
        .collect();
    from_table(path, text, Format::Yaml, table, warnings)
}

/// A YAML value as TOML; `None` for a null (a key with no value is as good as absent).
pub(super) fn to_toml(value: Json) -> Option<toml::Value> {
    Some(match value {
        Json::Null => return None,
        Json::Bool(b) => toml::Value::Boolean(b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64()?),
        },
        Json::String(s) => toml::Value::String(s),
        Json::Array(items) => toml::Value::Array(items.into_iter().filter_map(to_toml).collect()),
        Json::Object(map) => toml::Value::Table(
            map.into_iter()
                .filter_map(|(k, v)| Some((k, to_toml(v)?)))
                .collect(),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::parse;
    use std::path::Path;

    #[test]
    fn jekyll_and_hugo_keys_read_as_plenarys() {
        let mut warnings = Vec::new();
        let fm = parse(
            Path::new("post.md"),
            "layout: post\ntitle: \"Conf 2011: day notes\"\ndate: 2011-05-16 09:00:00 +0200\ncategories: [conferences, ruby]\ntags: notes live\ndescription: Three days of talks.\ndraft: false\npermalink: /conf/\n",
            &mut warnings,
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Conf 2011: day notes"));
        assert_eq!(fm.date.unwrap().as_str(), Some("2011-05-16"));
        assert_eq!(
            fm.tags.unwrap(),
            ["notes", "live", "conferences", "ruby"].map(String::from)
        );
        assert_eq!(fm.summary.as_deref(), Some("Three days of talks."));
        assert_eq!(fm.draft, Some(false));
        assert!(
            warnings.is_empty(),
            "Jekyll's own keys are quiet: {warnings:?}"
        );
        assert_eq!(fm.extra["layout"], "post");
        assert_eq!(fm.extra["permalink"], "/conf/");
    }

    #[test]
    fn unknown_keys_are_kept_and_named_in_one_warning() {
        let mut warnings = Vec::new();
        let fm = parse(
            Path::new("post.md"),
            "title: x
layout: post
locaton: Bern
speakers_count: 12
venue:
  room: B 101
",
            &mut warnings,
        )
        .unwrap();
        assert_eq!(fm.location, None);
        assert_eq!(fm.extra["locaton"], "Bern");
        assert_eq!(fm.extra["speakers_count"], 12);
        assert_eq!(fm.extra["venue"]["room"], "B 101");
        assert_eq!(warnings.len(), 1, "one warning per file: {warnings:?}");
        let w = warnings[0].to_string();
        assert!(
            w.starts_with("warning: post.md:4: unknown front matter keys `locaton` (did you mean `location`?), `speakers_count`, `venue`: they are kept for templates"),
            "{w}"
        );
    }

    #[test]
    fn bad_yaml_names_line_and_column() {
        let err = parse(
            Path::new("post.md"),
            "title: ok\ntags: [a, b\n",
            &mut Vec::new(),
        )
        .unwrap_err()
        .to_string();
        // The YAML's line 2 is the file's line 3, under the `---`.
        assert!(err.starts_with("post.md:3:7:"), "{err}");
        assert!(err.contains("invalid YAML front matter"), "{err}");
        let err = parse(
            Path::new("post.md"),
            "title: ok\ndraft: perhaps\n",
            &mut Vec::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("post.md:3: invalid front matter"), "{err}");
        assert!(err.contains("true or false"), "{err}");
    }

    #[test]
    fn empty_front_matter_is_no_front_matter() {
        for text in ["", "# a comment only\n", "~\n"] {
            let fm = parse(Path::new("post.md"), text, &mut Vec::new());
            assert!(fm.is_ok_and(|fm| fm.title.is_none()), "{text:?}");
        }
    }
}
