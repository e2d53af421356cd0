//! Where every page of the site lives: paths relative to the site root, links that
//! include `base_url`'s path, and absolute permalinks.

use crate::config::Config;
use crate::model::{Event, Session};
use crate::slug::slugify;
use std::fmt::Write;

/// The search page's rel path.
pub const SEARCH_PAGE: &str = "search/";
/// The search index's entry file, by rel path.
pub const SEARCH_INDEX: &str = "search/meta.json";

/// `base_url` taken apart once: `https://example.org:8443/blog/`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    /// The whole URL, ending with `/`.
    pub url: String,
    /// Host and port: `example.org:8443`.
    pub authority: String,
    /// The host without a port: `example.org`.
    pub host: String,
    /// The path, starting and ending with `/`: `/blog/`.
    pub path: String,
}

impl BaseUrl {
    /// Takes apart a URL that `Config` has checked (an absolute http(s) URL ending
    /// with `/`).
    pub fn parse(url: &str) -> BaseUrl {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let (authority, path) = match rest.find('/') {
            Some(i) => rest.split_at(i),
            None => (rest, "/"),
        };
        let host = authority
            .rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
            .map_or(authority, |(h, _)| h);
        BaseUrl {
            url: url.to_string(),
            authority: authority.to_string(),
            host: host.to_string(),
            path: path.to_string(),
        }
    }
}

/// Builds URLs from the configured patterns. A "rel" path has no leading `/` and ends
/// with `/` for pages (`2025/open-data-forum/`), or names a file (`atom.xml`).
#[derive(Debug, Clone)]
pub struct Urls {
    base: BaseUrl,
    event: String,
    tag: String,
    speaker: String,
    session_pages: bool,
}

impl Urls {
    pub fn new(config: &Config) -> Urls {
        Urls {
            base: BaseUrl::parse(&config.base_url),
            event: config.urls.event.clone(),
            tag: config.urls.tag.clone(),
            speaker: config.urls.speaker.clone(),
            session_pages: config.session_pages,
        }
    }

    /// A link to a rel path, as used in `href`: `/blog/2025/x/`.
    pub fn link(&self, rel: &str) -> String {
        let mut s = String::with_capacity(self.base.path.len() + rel.len());
        s.push_str(&self.base.path);
        s.push_str(rel);
        s
    }

    /// The absolute URL of a rel path: `https://example.org/blog/2025/x/`.
    pub fn permalink(&self, rel: &str) -> String {
        let mut s = String::with_capacity(self.base.url.len() + rel.len());
        s.push_str(&self.base.url);
        s.push_str(rel);
        s
    }

    /// An image or file named in front matter, as an absolute URL: a site path
    /// (`/img/a.png` or `img/a.png`) under `base_url`; a URL stays as written.
    pub fn absolute(&self, path_or_url: &str) -> String {
        if path_or_url.starts_with("http://") || path_or_url.starts_with("https://") {
            path_or_url.to_string()
        } else {
            self.permalink(path_or_url.trim_start_matches('/'))
        }
    }

    /// The path of `base_url`: `/` or `/blog/`.
    pub fn base_path(&self) -> &str {
        &self.base.path
    }

    /// `base_url` itself, and its parts.
    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// The event's page. `None` when the pattern needs a date the event does not have.
    /// One pass over the pattern; the slug goes in as it is (the loader made it of
    /// letters, digits and dashes).
    pub fn event(&self, event: &Event) -> Option<String> {
        let mut out = String::with_capacity(self.event.len() + event.slug.len() + 8);
        let mut rest = self.event.as_str();
        while let Some(i) = rest.find('{') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            let field = ["{slug}", "{year}", "{month}", "{day}"]
                .into_iter()
                .find(|f| rest.starts_with(f));
            let Some(field) = field else {
                out.push('{');
                rest = &rest[1..];
                continue;
            };
            match field {
                "{slug}" => out.push_str(&event.slug),
                "{year}" => write!(out, "{:04}", event.date?.year()).ok()?,
                "{month}" => write!(out, "{:02}", event.date?.month()).ok()?,
                _ => write!(out, "{:02}", event.date?.day()).ok()?,
            }
            rest = &rest[field.len()..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// A session's own page, below its event's.
    pub fn session_page(&self, event_rel: &str, session: &Session) -> String {
        format!("{event_rel}{}/", session.anchor)
    }

    /// Where a link to a session points: its page, or its anchor on the event page.
    pub fn session(&self, event_rel: &str, session: &Session) -> String {
        if self.session_pages {
            self.session_page(event_rel, session)
        } else {
            format!("{event_rel}#{}", session.anchor)
        }
    }

    pub fn tag(&self, tag: &str) -> String {
        self.tag.replace("{tag}", &tag_slug(tag))
    }

    pub fn speaker(&self, speaker_slug: &str) -> String {
        self.speaker.replace("{speaker}", speaker_slug)
    }

    /// The tags index: the tag pattern's parent.
    pub fn tags_index(&self) -> String {
        parent(&self.tag)
    }

    pub fn speakers_index(&self) -> String {
        parent(&self.speaker)
    }
}

/// A tag's URL segment; never empty. Symbols that tell tags apart are spelled out
/// (`C++` is `c-plus-plus`, `C#` is `c-sharp`, `R&D` is `r-and-d`), so that distinct
/// tags never share a page; a tag of symbols only gets a suffix made from its text.
pub fn tag_slug(tag: &str) -> String {
    let mut spelled = String::with_capacity(tag.len() + 8);
    for c in tag.chars() {
        match c {
            '+' => spelled.push_str(" plus "),
            '#' => spelled.push_str(" sharp "),
            '&' => spelled.push_str(" and "),
            '@' => spelled.push_str(" at "),
            c => spelled.push(c),
        }
    }
    or_named("tag", slugify(&spelled), tag)
}

/// A speaker's URL segment; never empty (a name of symbols only gets a suffix made
/// from its text, so two such names do not share a page).
pub fn speaker_slug(name: &str) -> String {
    or_named("speaker", slugify(name), name)
}

/// `slug`, or when it is empty `kind-XXXXXX`, the suffix a stable hash of `text`
/// (FNV-1a: the same on every machine and in every version).
fn or_named(kind: &str, slug: String, text: &str) -> String {
    if !slug.is_empty() {
        return slug;
    }
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{kind}-{:06x}", hash & 0xff_ffff)
}

fn parent(pattern: &str) -> String {
    let trimmed = pattern.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => trimmed[..=i].to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{BaseUrl, Urls, speaker_slug, tag_slug};

    #[test]
    fn base_urls_come_apart_into_host_and_path() {
        for (url, authority, host, path) in [
            ("https://example.org/", "example.org", "example.org", "/"),
            (
                "https://example.org/blog/",
                "example.org",
                "example.org",
                "/blog/",
            ),
            ("http://127.0.0.1:1111/", "127.0.0.1:1111", "127.0.0.1", "/"),
            (
                "http://localhost:8080/x/",
                "localhost:8080",
                "localhost",
                "/x/",
            ),
            ("http://[::1]:8080/", "[::1]:8080", "[::1]", "/"),
        ] {
            let base = BaseUrl::parse(url);
            assert_eq!(
                (
                    base.authority.as_str(),
                    base.host.as_str(),
                    base.path.as_str()
                ),
                (authority, host, path),
                "{url}"
            );
        }
    }
    use crate::config::Config;

    #[test]
    fn event_urls_fill_every_field_of_the_pattern() {
        let notes = "+++\ntitle = \"Forum\"\ndate = 2025-05-07\n+++\n";
        let dated = crate::notes::parse(std::path::Path::new("forum.md"), notes)
            .unwrap()
            .event;
        let undated =
            crate::notes::parse(std::path::Path::new("x.md"), "+++\ntitle = \"X\"\n+++\n")
                .unwrap()
                .event;
        for (pattern, event, want) in [
            ("{year}/{slug}/", &dated, Some("2025/forum/")),
            (
                "{year}/{month}/{day}/{slug}/",
                &dated,
                Some("2025/05/07/forum/"),
            ),
            ("events/{slug}/", &undated, Some("events/x/")),
            ("{year}/{slug}/", &undated, None),
            ("{ye{slug}ar}/{x}/{", &dated, Some("{yeforumar}/{x}/{")),
            ("{{slug}}/{{year}}/", &dated, Some("{forum}/{2025}/")),
        ] {
            let mut config = Config::default();
            config.urls.event = pattern.into();
            let urls = Urls::new(&config);
            assert_eq!(urls.event(event).as_deref(), want, "{pattern}");
        }
    }

    #[test]
    fn distinct_tags_get_distinct_slugs() {
        for (tag, slug) in [
            ("c", "c"),
            ("C++", "c-plus-plus"),
            ("c#", "c-sharp"),
            ("f#", "f-sharp"),
            ("R&D", "r-and-d"),
            ("opensourceai", "opensourceai"),
            ("Open Source", "open-source"),
        ] {
            assert_eq!(tag_slug(tag), slug, "{tag}");
        }
        let symbols: Vec<String> = ["!!!", "???", "…", "!!!"]
            .iter()
            .map(|t| tag_slug(t))
            .collect();
        assert!(
            symbols
                .iter()
                .all(|s| s.starts_with("tag-") && s.len() == 10),
            "{symbols:?}"
        );
        assert_ne!(symbols[0], symbols[1]);
        assert_ne!(symbols[1], symbols[2]);
        assert_eq!(symbols[0], symbols[3], "the same tag keeps its slug");
        assert_ne!(speaker_slug("???"), speaker_slug("!!!"));
        assert_eq!(speaker_slug("Ana Lima"), "ana-lima");
    }
}
