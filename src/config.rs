//! `site.toml`: the site's settings, read once and then shared read-only.

use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;

/// The site's configuration, from `site.toml`. Every key is optional.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The site's name, shown in every page's header and in feeds.
    pub title: String,
    /// Where the site is published, e.g. `https://example.org/blog/`. Links include
    /// its path, so the site works under a sub-path.
    pub base_url: String,
    /// One or two sentences about the site, for the home page and metadata.
    pub description: Option<String>,
    /// Who writes the notes; the feeds' author.
    pub author: Option<String>,
    /// The `lang` of every page.
    pub language: String,
    /// IANA timezone of events that do not name their own.
    pub timezone: String,
    /// Events per page on the home page.
    pub paginate_by: usize,
    /// Whether each session gets a page of its own (besides its anchor).
    pub session_pages: bool,
    /// Whether raw HTML in notes is passed through (as Markdown does) or shown as text.
    pub allow_html: bool,
    /// Whether the site has a search index (`search/*.json`) behind its search page;
    /// without one the page only lists the events.
    pub search: bool,
    /// URL patterns.
    pub urls: UrlPatterns,
    /// A WebSub hub (`https://pubsubhubbub.appspot.com/`): the feeds name it, and
    /// `plenary build --ping` tells it which feeds changed.
    pub hub_url: Option<String>,
    /// Which pages get a generated social card (`og:image`): `"events"` (event pages),
    /// `"all"` (session pages too) or `false` (none).
    pub cards: CardScope,
    /// Anything else, passed to templates as `site.extra`.
    pub extra: toml::Table,
}

/// Where pages live, relative to `base_url`. Each ends with `/`.
#[derive(Debug, Clone, Hash, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UrlPatterns {
    /// An event's page; `{year}`, `{month}`, `{day}` and `{slug}` are filled in.
    pub event: String,
    /// A tag's page; `{tag}` is filled in.
    pub tag: String,
    /// A speaker's page; `{speaker}` is filled in.
    pub speaker: String,
}

impl Default for UrlPatterns {
    fn default() -> Self {
        UrlPatterns {
            event: "{year}/{slug}/".into(),
            tag: "tags/{tag}/".into(),
            speaker: "speakers/{speaker}/".into(),
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Live notes".into(),
            base_url: "https://example.org/".into(),
            description: None,
            author: None,
            language: "en".into(),
            timezone: "UTC".into(),
            paginate_by: 10,
            session_pages: true,
            allow_html: true,
            search: true,
            urls: UrlPatterns::default(),
            hub_url: None,
            cards: CardScope::default(),
            extra: toml::Table::new(),
        }
    }
}

/// The pages that get a generated social card (see [`Config::cards`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CardScope {
    /// No card: pages show the event's `image` where it has one. The default: a card
    /// costs a cold build about 6 ms of CPU (`plenary init` turns on `"events"`).
    #[default]
    None,
    /// Event pages; their session pages share the event's card.
    Events,
    /// Event pages and every session page.
    All,
}

impl<'de> Deserialize<'de> for CardScope {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Switch(bool),
            Name(String),
        }
        match Written::deserialize(d)? {
            Written::Switch(false) => Ok(CardScope::None),
            Written::Switch(true) => Ok(CardScope::All),
            Written::Name(name) => match name.as_str() {
                "events" => Ok(CardScope::Events),
                "all" => Ok(CardScope::All),
                "none" => Ok(CardScope::None),
                other => Err(serde::de::Error::custom(format!(
                    "`cards = \"{other}\"` is not a choice: write \"events\", \"all\" or false"
                ))),
            },
        }
    }
}

/// Every setting, for the plan's keys. Written out so that a new field cannot be
/// left out: the compiler asks for it here.
impl std::hash::Hash for Config {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let Config {
            title,
            base_url,
            description,
            author,
            language,
            timezone,
            paginate_by,
            session_pages,
            allow_html,
            search,
            urls,
            hub_url,
            cards,
            extra,
        } = self;
        (
            title,
            base_url,
            description,
            author,
            language,
            timezone,
            hub_url,
        )
            .hash(h);
        (paginate_by, session_pages, allow_html, search, urls, cards).hash(h);
        // A table of TOML values (floats among them) has no `Hash`; its text does.
        extra.to_string().hash(h);
    }
}

impl Config {
    /// Reads the site's `site.toml`, which must be there (see [`Config::load_site`]),
    /// and applies a `--base-url` given on the command line.
    pub fn load_with(root: &Path, base_url: Option<&str>) -> Result<Config> {
        let mut config = Config::load_site(root)?;
        if let Some(url) = base_url {
            config
                .set_base_url(url)
                .map_err(|m| Error::msg(format!("--base-url: {m}")))?;
        }
        Ok(config)
    }

    /// Reads `site.toml` from the site root; a missing file means all defaults.
    pub fn load(root: &Path) -> Result<Config> {
        Self::read(root, false)
    }

    /// Loads `site.toml` from the site root, which must have one: commands that write
    /// (build, serve, new, now) refuse to run anywhere else.
    pub fn load_site(root: &Path) -> Result<Config> {
        Self::read(root, true)
    }

    fn read(root: &Path, required: bool) -> Result<Config> {
        let path = root.join("site.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(Path::new("site.toml"), &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                Ok(Config::default())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let here = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
                Err(Error::msg(format!(
                    "no site.toml in {}: plenary runs from a site's folder (the one with site.toml and content/). Run `plenary init` to make a site here, or change to your site's folder",
                    here.display()
                )))
            }
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Parses the text of `site.toml`; `path` names it in errors.
    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            let (line, col) = match e.span() {
                Some(span) => {
                    let before = &text[..span.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let col = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                    (Some(line), Some(col))
                }
                None => (None, None),
            };
            Error::at_pos(
                path,
                line,
                col,
                format!(
                    "invalid site.toml: {}",
                    crate::error::plain_type_error(e.message().trim_end())
                ),
            )
        })?;
        let key_line = |key: &str| {
            text.lines()
                .position(|l| {
                    l.trim_start()
                        .strip_prefix(key)
                        .is_some_and(|r| r.trim_start().starts_with('='))
                })
                .map(|i| i + 1)
        };
        let fail = |key: &str, msg: String| Error::at_pos(path, key_line(key), None, msg);
        config
            .set_base_url(&config.base_url.clone())
            .map_err(|m| fail("base_url", m))?;
        if let Some(hub) = &config.hub_url {
            let lower = hub.trim().to_ascii_lowercase();
            let is_url = lower.starts_with("https://") || lower.starts_with("http://");
            if !is_url || hub.contains(['"', '<', '>', ' ']) {
                return Err(fail(
                    "hub_url",
                    format!("hub_url `{hub}` is not a URL like https://pubsubhubbub.appspot.com/"),
                ));
            }
        }
        if jiff::tz::TimeZone::get(&config.timezone).is_err() {
            return Err(fail(
                "timezone",
                format!(
                    "unknown timezone `{}`: use an IANA name such as \"Europe/Zurich\"",
                    config.timezone
                ),
            ));
        }
        if config.paginate_by == 0 {
            return Err(fail(
                "paginate_by",
                "`paginate_by` must be at least 1".into(),
            ));
        }
        for (key, pattern, needs) in [
            ("event", &mut config.urls.event, "{slug}"),
            ("tag", &mut config.urls.tag, "{tag}"),
            ("speaker", &mut config.urls.speaker, "{speaker}"),
        ] {
            *pattern = pattern.trim_start_matches('/').to_string();
            if !pattern.ends_with('/') {
                pattern.push('/');
            }
            if !pattern.contains(needs) || pattern.contains("..") {
                return Err(fail(
                    key,
                    format!("the `urls.{key}` pattern must contain `{needs}` and no `..`"),
                ));
            }
        }
        Ok(config)
    }

    /// Sets `base_url`, normalised to end with `/`. It must be an absolute http(s) URL.
    pub fn set_base_url(&mut self, url: &str) -> std::result::Result<(), String> {
        let url = url.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("base_url `{url}` must start with http:// or https://"))?;
        if rest.is_empty() || rest.starts_with('/') || url.contains(['?', '#', ' ', '"', '<', '>'])
        {
            return Err(format!(
                "base_url `{url}` is not a URL like https://example.org/blog/"
            ));
        }
        let mut url = url.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        self.base_url = url;
        Ok(())
    }

    /// The zone of events that do not name their own (the name was checked when the
    /// file was read).
    pub fn zone(&self) -> crate::model::Zone {
        crate::model::Zone::named(&self.timezone).unwrap_or_else(crate::model::Zone::utc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_base_path() {
        let c = Config::parse(
            Path::new("site.toml"),
            "base_url = \"https://example.org/blog\"",
        )
        .unwrap();
        assert_eq!(c.base_url, "https://example.org/blog/");
        assert_eq!(c.paginate_by, 10);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                "title = \"x\"\ntitel = \"y\"\n",
                "site.toml:2:1: invalid site.toml: unknown key `titel`: did you mean `title`?",
            ),
            (
                "title = \"x\"\nbase_url = \"example.org\"\n",
                "site.toml:2: base_url `example.org` must start with http",
            ),
            (
                "timezone = \"Mars/Olympus\"\n",
                "site.toml:1: unknown timezone `Mars/Olympus`",
            ),
            (
                "paginate_by = \"ten\"\n",
                "site.toml:1:15: invalid site.toml",
            ),
        ];
        for (text, want) in cases {
            let err = Config::parse(Path::new("site.toml"), text)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with(want), "{text:?}: {err}");
        }
    }
}
