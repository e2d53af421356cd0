//! `sitemap.xml` (every HTML page but the 404, with the date of the latest event it
//! shows as `lastmod`, so the same notes give the same file) and `robots.txt`.

use super::xml::Xml;
use crate::page::Page;
use crate::views::Viewer;
use jiff::civil::Date;

/// Every HTML page the renderer writes, as (rel path, latest event date on it).
pub fn html_pages(r: &Viewer<'_>) -> Vec<(String, Option<Date>)> {
    let viewer = r;
    let events = &r.site.events;
    let last = |indexes: &mut dyn Iterator<Item = usize>| {
        indexes.filter_map(|i| events[i].last_date()).max()
    };
    let newest = last(&mut (0..events.len()));
    let mut pages = Vec::new();
    // Home pages: newest first, `paginate_by` events each.
    let per = r.config.paginate_by.max(1);
    let home_pages = events.len().div_ceil(per).max(1);
    for n in 1..=home_pages {
        let rel = if n == 1 {
            String::new()
        } else {
            format!("page/{n}/")
        };
        pages.push((rel, last(&mut ((n - 1) * per..(n * per).min(events.len())))));
    }
    for event in events {
        let rel = viewer.event_rel(event);
        let date = event.last_date();
        if r.config.session_pages {
            for s in &event.sessions {
                pages.push((r.urls.session_page(&rel, s), date));
            }
        }
        pages.push((rel, date));
    }
    pages.push((r.urls.tags_index(), newest));
    for tag in r.site.tags.values() {
        let mut on = tag
            .events
            .iter()
            .copied()
            .chain(tag.sessions.iter().map(|s| s.0));
        pages.push((r.urls.tag(&tag.name), last(&mut on)));
    }
    pages.push((r.urls.speakers_index(), newest));
    for (slug, speaker) in &r.site.speakers {
        let mut on = speaker.sessions.iter().map(|s| s.0);
        pages.push((r.urls.speaker(slug), last(&mut on)));
    }
    pages.push((crate::urls::SEARCH_PAGE.to_string(), newest));
    pages
}

/// `sitemap.xml`.
pub fn sitemap(r: &Viewer<'_>) -> Page {
    let mut x = Xml::new();
    x.open(
        "urlset",
        &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
    );
    for (rel, date) in html_pages(r) {
        x.open("url", &[]);
        x.text("loc", &[], &r.urls.permalink(&rel));
        if let Some(d) = date {
            x.text("lastmod", &[], &d.to_string());
        }
        x.close();
    }
    Page {
        path: "sitemap.xml".into(),
        bytes: x.finish().into_bytes(),
    }
}

/// `robots.txt`: everything may be crawled; the sitemap is named by its absolute URL.
pub fn robots(r: &Viewer<'_>) -> Page {
    let text = format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        r.urls.permalink("sitemap.xml")
    );
    Page {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}
