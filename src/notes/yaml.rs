//! YAML front matter, as Jekyll and Hugo posts carry it, read into the same keys as
//! TOML front matter. The usual spellings of those tools map to plenary's keys:
//! `categories` joins `tags`, `description` or `excerpt` stands for `summary`, and a
//! `date` with a time of day gives its date. Keys plenary has no use for (`layout`,
//! `permalink`, `author`...) are named in one warning per file.
//!
//! The YAML is read with serde-saphyr: a maintained, pure-Rust YAML parser that reports
//! line and column and never panics on bad input (serde_yaml is no longer maintained).

use super::front_matter::{FrontMatter, KEYS, key_line};
use crate::error::{Error, Location, Result, Warning};
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
    let mut table = toml::Table::new();
    let mut unused = Vec::new();
    for (key, value) in map {
        let Some(value) = to_toml(value) else {
            continue;
        };
        let key = match key.as_str() {
            "categories" | "category" => "tags",
            "description" | "excerpt" if !table.contains_key("summary") => "summary",
            "end" | "enddate" | "end-date" => "end_date",
            k if KEYS.contains(&k) => k,
            _ => {
                unused.push(key);
                continue;
            }
        };
        let value = match key {
            "tags" => words(value),
            "date" | "end_date" => date_part(value),
            _ => value,
        };
        match (table.get_mut(key), value) {
            (Some(toml::Value::Array(have)), toml::Value::Array(more)) => {
                for item in more {
                    if !have.contains(&item) {
                        have.push(item);
                    }
                }
            }
            (_, value) => {
                table.insert(key.to_string(), value);
            }
        }
    }
    if !unused.is_empty() {
        warnings.push(Warning {
            location: Location {
                path: path.to_path_buf(),
                line: Some(key_line(text, &unused[0])),
                col: None,
            },
            message: format!(
                "front matter keys plenary does not use are left as they are: {}",
                unused.join(", ")
            ),
        });
    }
    let fm: FrontMatter =
        toml::Value::Table(table.clone())
            .try_into()
            .map_err(|e: toml::de::Error| {
                let message = crate::error::plain_type_error(e.message().trim_end());
                // The key whose value is wrong: the first that fails on its own.
                let key = table.iter().find(|(k, v)| {
                    let alone = toml::Table::from_iter([(k.to_string(), (*v).clone())]);
                    toml::Value::Table(alone).try_into::<FrontMatter>().is_err()
                });
                let line = key.map_or(1, |(k, _)| key_line(text, k));
                Error::at_line(path, line, format!("invalid front matter: {message}"))
            })?;
    Ok(fm.visible())
}

/// A YAML value as TOML; `None` for a null (a key with no value is as good as absent).
fn to_toml(value: Json) -> Option<toml::Value> {
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

/// Jekyll lets `tags` and `categories` be one text of words (`tags: ai opensource`).
fn words(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::String(s) => toml::Value::Array(
            s.split([',', ' '])
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(|w| toml::Value::String(w.to_string()))
                .collect(),
        ),
        other => other,
    }
}

/// `2011-05-18 10:00:00 +0200` or `2011-05-18T10:00:00Z`: the date is what an event
/// needs.
fn date_part(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::String(s) if s.len() > 10 && s.is_char_boundary(10) => {
            let (date, rest) = s.split_at(10);
            if rest.starts_with([' ', 'T', 't']) && date.parse::<jiff::civil::Date>().is_ok() {
                toml::Value::String(date.to_string())
            } else {
                toml::Value::String(s)
            }
        }
        other => other,
    }
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
            ["conferences", "ruby", "notes", "live"].map(String::from)
        );
        assert_eq!(fm.summary.as_deref(), Some("Three days of talks."));
        assert_eq!(fm.draft, Some(false));
        assert_eq!(warnings.len(), 1, "one warning per file");
        assert!(
            warnings[0].message.contains("layout, permalink"),
            "{}",
            warnings[0]
        );
        assert_eq!(warnings[0].location.line, Some(2));
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
        assert!(err.starts_with("post.md:"), "{err}");
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
}
