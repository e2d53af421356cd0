//! Site search without a server: a [Pagefind](https://pagefind.app) bundle under
//! `pagefind/`, built in-process from the site model. The index is chunked: a
//! reader's browser loads the small entry files, then only the index chunks of the
//! words typed and the fragments of the results it shows. The `/search/` page (rendered
//! with the HTML) runs `search.js`, the theme's own interface over Pagefind's API.
//!
//! Every event, session, speaker and tag is one record: a small HTML document whose
//! `h1` is its title (Pagefind weighs headings above text), with its kind, date and
//! speakers as metadata and its kind, event, tags and speakers as filters. A session's
//! record holds its own title, speakers and notes, not its event's title (Pagefind
//! makes every word of metadata searchable, so the event's title is a filter only,
//! which the results show): a word only the event's title has finds the event, not
//! its lunch break.

use crate::error::{Error, Result};
use crate::escape::html_into;
use crate::markdown;
use crate::page::Page;
use crate::views::{Viewer, date_range};
use pulldown_cmark::{Event, Parser, TagEnd};

/// Where the bundle goes in the output, below the base path.
pub const BUNDLE: &str = "pagefind/";

/// The bundle files the site uses: Pagefind's own interfaces (`pagefind-ui.js`, the
/// modular and component UIs, the highlighter) are left out, the theme has its own.
fn wanted(name: &str) -> bool {
    !(name.starts_with("pagefind-ui")
        || name.starts_with("pagefind-modular-ui")
        || name.starts_with("pagefind-component-ui")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground/"))
}

/// What a reader can narrow results to, by filter name and the label shown: every
/// kind of record the site has.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "event" => "Event",
        "talk" => "Talk",
        "keynote" => "Keynote",
        "panel" => "Panel",
        "workshop" => "Workshop",
        "lightning" => "Lightning talk",
        "break" => "Break",
        "update" => "Update",
        "speaker" => "Speaker",
        "tag" => "Tag",
        _ => "Other",
    }
}

/// One searchable thing: its URL (with the base path) and the HTML Pagefind reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub url: String,
    pub html: String,
}

/// Builds one record's HTML.
struct Doc {
    html: String,
}

impl Doc {
    fn new(lang: &str, kind: &str, title: &str) -> Doc {
        let mut d = Doc {
            html: String::with_capacity(512),
        };
        d.html.push_str("<html lang=\"");
        html_into(&mut d.html, lang);
        d.html.push_str("\"><body><h1>");
        html_into(&mut d.html, title);
        d.html.push_str("</h1>");
        d.hidden("meta", "kind", kind_label(kind));
        d.hidden("filter", "kind", kind_label(kind));
        d
    }

    /// A value that is metadata or a filter only, not searchable text.
    fn hidden(&mut self, what: &str, key: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        self.html
            .push_str("<span data-pagefind-ignore data-pagefind-");
        self.html.push_str(what);
        self.html.push_str("=\"");
        html_into(&mut self.html, key);
        self.html.push_str("\">");
        html_into(&mut self.html, value);
        self.html.push_str("</span>");
    }

    /// Searchable text, weighted as Pagefind's `data-pagefind-weight` (1 is body text,
    /// 7 a top heading).
    fn text(&mut self, text: &str, weight: Option<&str>) {
        if text.trim().is_empty() {
            return;
        }
        match weight {
            Some(w) => {
                self.html.push_str("<p data-pagefind-weight=\"");
                self.html.push_str(w);
                self.html.push_str("\">");
            }
            None => self.html.push_str("<p>"),
        }
        html_into(&mut self.html, text);
        self.html.push_str("</p>");
    }

    fn finish(mut self, url: String) -> Record {
        self.html.push_str("</body></html>");
        Record {
            url,
            html: self.html,
        }
    }
}

/// Every record of the site: events (each followed by its sessions), tags, speakers.
pub fn records(v: &Viewer<'_>) -> Vec<Record> {
    let lang = v.config.language.as_str();
    let mut out = Vec::new();
    for (ei, event) in v.site.events.iter().enumerate() {
        let rel = v.event_rel(event);
        let summary = v.summary(ei);
        let mut d = Doc::new(lang, "event", &event.title);
        d.hidden("meta", "date", &summary.date_label);
        d.hidden("filter", "event", &event.title);
        for tag in &event.tags {
            d.hidden("filter", "tag", tag);
        }
        if let Some(location) = &event.location {
            d.hidden("meta", "place", location);
            d.text(location, None);
        }
        d.text(event.summary.as_deref().unwrap_or_default(), None);
        d.text(&plain_text(&event.preamble), None);
        for day in &event.days {
            d.text(&plain_text(&day.intro), None);
        }
        out.push(d.finish(summary.url.clone()));

        for (si, session) in event.sessions.iter().enumerate() {
            let brief = v.brief((ei, si), &rel);
            let mut d = Doc::new(lang, brief.kind, &brief.title);
            d.hidden("filter", "event", &event.title);
            let date = event
                .session_date(session)
                .map(|d| date_range(Some(d), None));
            let when = match (date, &brief.time) {
                (Some(d), Some(t)) => format!("{d}, {t}"),
                (Some(d), None) => d,
                (None, Some(t)) => t.clone(),
                (None, None) => String::new(),
            };
            d.hidden("meta", "date", &when);
            let names: Vec<&str> = session.speakers.iter().map(|p| p.name.as_str()).collect();
            d.hidden("meta", "speakers", &names.join(", "));
            for name in &names {
                d.hidden("filter", "speaker", name);
            }
            for tag in &session.tags {
                d.hidden("filter", "tag", tag);
            }
            // The speaker line as written: names and affiliations are worth more than
            // a word of the notes.
            let line = session
                .speaker_line
                .clone()
                .unwrap_or_else(|| names.join(", "));
            d.text(&line, Some("2"));
            d.text(&plain_text(&session.body), None);
            out.push(d.finish(brief.url));
        }
    }
    for tag in v.site.tags.values() {
        let mut d = Doc::new(lang, "tag", &format!("#{}", tag.name));
        d.hidden("filter", "tag", &tag.name);
        out.push(d.finish(v.urls.link(&v.urls.tag(&tag.name))));
    }
    for (slug, speaker) in &v.site.speakers {
        let mut d = Doc::new(lang, "speaker", &speaker.name);
        d.hidden("filter", "speaker", &speaker.name);
        d.text(&speaker.affiliations.join("; "), Some("2"));
        out.push(d.finish(v.urls.link(&v.urls.speaker(slug))));
    }
    out
}

/// Markdown as the text a reader sees: no markup, no link targets, one space between
/// blocks.
pub fn plain_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    if md.trim().is_empty() {
        return out;
    }
    for event in Parser::new_ext(md, markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            Event::End(TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The Pagefind bundle of the site's records, its files under [`BUNDLE`]; nothing
/// when `search = false` in `site.toml`.
pub fn bundle(v: &Viewer<'_>) -> Result<Vec<Page>> {
    if !v.config.search {
        return Ok(Vec::new());
    }
    bundle_of(records(v), &v.config.language)
}

/// The Pagefind bundle of `records`, indexed as language `lang`.
pub fn bundle_of(records: Vec<Record>, lang: &str) -> Result<Vec<Page>> {
    let fail = |e: &dyn std::fmt::Display| Error::msg(format!("search index: {e}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| fail(&e))?;
    let files = runtime.block_on(async {
        let options = pagefind::options::PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language(pagefind_language(lang))
            .build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| fail(&e))?;
        for r in records {
            index
                .add_html_file(None, Some(r.url), r.html)
                .await
                .map_err(|e| fail(&e))?;
        }
        index.get_files().await.map_err(|e| fail(&e))
    })?;
    Ok(files
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            wanted(&name).then(|| Page {
                path: format!("{BUNDLE}{name}"),
                bytes: f.contents,
            })
        })
        .collect())
}

/// Pagefind's language code for a site's `language`: its primary subtag, lower case
/// (`de-CH` is indexed as German).
fn pagefind_language(lang: &str) -> String {
    let primary = lang.split(['-', '_']).next().unwrap_or_default();
    if primary.is_empty() {
        "en".to_string()
    } else {
        primary.to_ascii_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_words_and_drops_markup_and_link_targets() {
        let text = plain_text("## Heading\n\n- one *two* [three](https://x.example/)\n- `four`\n");
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words, ["Heading", "one", "two", "three", "four"]);
    }

    #[test]
    fn language_is_the_primary_subtag() {
        assert_eq!(pagefind_language("de-CH"), "de");
        assert_eq!(pagefind_language("EN"), "en");
        assert_eq!(pagefind_language(""), "en");
    }
}
