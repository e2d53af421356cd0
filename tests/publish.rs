//! Publishing outputs of built sites, read back with real parsers: Atom feeds
//! (atom_syndication), calendars (ical), the sitemap (roxmltree), pages (scraper), and
//! every internal link of the example site at a domain root and under a sub-path.

use atom_syndication::Feed;
use plenary::build::{BuildOptions, build};
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

mod common;
#[path = "publish/links.rs"]
mod links;

const FIXTURE: &str = "tests/fixtures/publish-site";
const NOTES: &str = "content/2025-05-07-maintainers-afternoon.md";
const EVENT: &str = "2025/maintainers-afternoon/";

/// The fixture's sessions: (start in Zurich, title).
const SESSIONS: [(&str, &str); 8] = [
    ("13:00", "Opening words"),
    ("13:20", "Keeping a volunteer project alive"),
    ("13:55", "Builds & releases: <faster> than you think"),
    ("14:25", "Coffee break"),
    ("14:50", "Panel: Funding maintainers; who pays, who decides"),
    ("15:30", "Documentation people can read"),
    ("15:45", "Lightning talks"),
    ("16:05", "Closing and apéro"),
];

struct Built {
    _dir: TempDir,
    out: PathBuf,
}

impl Built {
    fn read(&self, rel: &str) -> String {
        let path = self.out.join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn html(&self, rel: &str) -> Html {
        Html::parse_document(&self.read(&format!("{rel}index.html")))
    }

    fn feed(&self, rel: &str) -> Feed {
        self.read(rel)
            .parse::<Feed>()
            .unwrap_or_else(|e| panic!("{rel} is not valid Atom: {e}"))
    }
}

fn build_site(root: &Path, base_url: &str) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: out.clone(),
        base_url: Some(base_url.to_string()),
        drafts: false,
        force: false,
    })
    .unwrap_or_else(|e| panic!("building {}: {e}", root.display()));
    Built { _dir: dir, out }
}

fn fixture() -> Built {
    build_site(Path::new(FIXTURE), "https://example.org/")
}

/// A writable copy of the fixture site.
fn fixture_copy() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content")).unwrap();
    for rel in ["site.toml", NOTES] {
        fs::copy(Path::new(FIXTURE).join(rel), dir.path().join(rel)).unwrap();
    }
    dir
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn meta(doc: &Html, key: &str) -> Option<String> {
    let css = format!("meta[property=\"{key}\"], meta[name=\"{key}\"]");
    select(doc, &css)
        .first()
        .and_then(|m| m.attr("content"))
        .map(str::to_string)
}

fn alternate(links: &[atom_syndication::Link]) -> &str {
    links
        .iter()
        .find(|l| l.rel() == "alternate")
        .map(|l| l.href())
        .expect("an alternate link")
}

#[test]
fn event_feed_has_an_entry_per_session_at_zurich_times() {
    let site = fixture();
    let feed = site.feed(&format!("{EVENT}atom.xml"));
    assert_eq!(feed.entries().len(), 8);
    assert_eq!(
        feed.id(),
        format!("https://example.org/{EVENT}atom.xml"),
        "the feed's id is its own address"
    );
    let self_link = feed.links().iter().find(|l| l.rel() == "self").unwrap();
    assert_eq!(self_link.href(), feed.id());
    let mut ids = BTreeSet::new();
    let mut seen: Vec<(String, String)> = Vec::new();
    for entry in feed.entries() {
        assert!(
            entry.id().starts_with("tag:example.org,2025-05-07:"),
            "{}",
            entry.id()
        );
        assert!(
            ids.insert(entry.id().to_string()),
            "duplicate id {}",
            entry.id()
        );
        let updated = entry.updated().to_rfc3339();
        assert!(
            updated.ends_with("+02:00"),
            "{updated} is not in Zurich summer time"
        );
        let time = updated[11..16].to_string();
        let (_, title) = SESSIONS
            .iter()
            .find(|(t, _)| *t == time)
            .unwrap_or_else(|| panic!("no session at {time}"));
        assert_eq!(entry.title().as_str(), format!("{time} {title}"));
        let link = alternate(entry.links());
        let rel = link.strip_prefix("https://example.org/").unwrap();
        assert!(rel.starts_with(EVENT), "{link}");
        assert!(site.out.join(rel).join("index.html").is_file(), "{link}");
        seen.push((time, title.to_string()));
    }
    seen.sort();
    let want: Vec<(String, String)> = SESSIONS
        .iter()
        .map(|(t, s)| (t.to_string(), s.to_string()))
        .collect();
    assert_eq!(seen, want);
    // Newest first, and the feed is as new as its newest entry.
    assert_eq!(
        feed.entries()[0].updated().to_rfc3339(),
        "2025-05-07T16:05:00+02:00"
    );
    assert_eq!(feed.updated(), feed.entries()[0].updated());
    // The notes travel as HTML, speakers first.
    let keeping = feed
        .entries()
        .iter()
        .find(|e| {
            e.title()
                .as_str()
                .ends_with("Keeping a volunteer project alive")
        })
        .unwrap();
    let html = keeping.content().and_then(|c| c.value()).unwrap();
    let doc = Html::parse_fragment(html);
    let speaker = select(&doc, "p.speakers a")
        .first()
        .unwrap()
        .text()
        .collect::<String>();
    assert_eq!(speaker, "Marta Ferreira");
    assert_eq!(select(&doc, "li").len(), 2);
    let cats: Vec<&str> = keeping.categories().iter().map(|c| c.term()).collect();
    assert_eq!(cats, ["maintainers", "commons"]);
}

#[derive(Debug)]
struct VEvent(BTreeMap<String, String>);

fn calendar(site: &Built) -> (String, Vec<VEvent>) {
    let text = site.read(&format!("{EVENT}calendar.ics"));
    let mut parser = ical::IcalParser::new(text.as_bytes());
    let cal = parser.next().expect("a calendar").expect("valid iCalendar");
    assert!(parser.next().is_none(), "one calendar per file");
    let zones: Vec<String> = cal
        .timezones
        .iter()
        .flat_map(|z| &z.properties)
        .filter(|p| p.name == "TZID")
        .filter_map(|p| p.value.clone())
        .collect();
    let events = cal
        .events
        .into_iter()
        .map(|e| {
            VEvent(
                e.properties
                    .into_iter()
                    .map(|p| {
                        let value = p.value.unwrap_or_default();
                        let tzid = p.params.iter().flatten().find(|(k, _)| k == "TZID");
                        match tzid.and_then(|(_, v)| v.first()) {
                            // A local time in a zone the calendar defines: kept as UTC,
                            // what every reader works out.
                            Some(tzid) => {
                                assert!(zones.contains(tzid), "VTIMEZONE {tzid} is defined");
                                (p.name, in_utc(&value, tzid))
                            }
                            None => (p.name, value),
                        }
                    })
                    .collect(),
            )
        })
        .collect();
    (text, events)
}

/// `20250507T130000` in `Europe/Zurich` as `20250507T110000Z`.
fn in_utc(local: &str, tzid: &str) -> String {
    let civil = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", local).expect("a local time");
    let zoned = civil
        .to_zoned_datetime(jiff::tz::TimeZone::get(tzid).unwrap())
        .unwrap();
    zoned.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string()
}

#[test]
fn calendar_has_a_vevent_per_session_in_the_events_zone() {
    let site = fixture();
    let (text, events) = calendar(&site);
    assert_eq!(events.len(), 8);
    for line in text.split_inclusive('\n') {
        assert!(line.ends_with("\r\n"), "{line:?} does not end in CRLF");
        assert!(line.len() - 2 <= 75, "{line:?} is longer than 75 octets");
    }
    let get = |i: usize, key: &str| events[i].0.get(key).cloned().unwrap_or_default();
    // 13:00 in Zurich in May is 11:00 UTC.
    assert_eq!(get(0, "DTSTART"), "20250507T110000Z");
    // No end given: until the next session starts.
    assert_eq!(get(0, "DTEND"), "20250507T112000Z");
    // An explicit end wins.
    assert_eq!(get(2, "DTSTART"), "20250507T115500Z");
    assert_eq!(get(2, "DTEND"), "20250507T122500Z");
    // The last session: half an hour.
    assert_eq!(get(7, "DTSTART"), "20250507T140500Z");
    assert_eq!(get(7, "DTEND"), "20250507T143500Z");
    let uids: BTreeSet<String> = (0..8).map(|i| get(i, "UID")).collect();
    assert_eq!(uids.len(), 8);
    assert_eq!(
        get(4, "SUMMARY"),
        "Panel: Funding maintainers\\; who pays\\, who decides"
    );
    assert!(get(1, "DESCRIPTION").starts_with("Marta Ferreira\\, Open Tools Association\\n\\n"));
    assert_eq!(get(1, "LOCATION"), "Volkshaus\\, Zürich");
    for (i, e) in events.iter().enumerate() {
        let url = &e.0["URL"];
        let rel = url.strip_prefix("https://example.org/").unwrap();
        assert!(
            site.out.join(rel).join("index.html").is_file(),
            "{i}: {url}"
        );
        assert!(e.0.contains_key("DTSTAMP"), "{i}");
    }
    let page = site.html(EVENT);
    let cal_link = select(&page, "a[href$=\"calendar.ics\"]");
    assert_eq!(
        cal_link[0].attr("href"),
        Some(&*format!("/{EVENT}calendar.ics"))
    );
}

/// (title, entry id) of every entry of the event feed, and (summary, UID) of the calendar.
fn ids(site: &Built) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let feed = site.feed(&format!("{EVENT}atom.xml"));
    let entries = feed
        .entries()
        .iter()
        .map(|e| (e.title().as_str().to_string(), e.id().to_string()))
        .collect();
    let (_, events) = calendar(site);
    let uids = events
        .into_iter()
        .map(|e| (e.0["SUMMARY"].clone(), e.0["UID"].clone()))
        .collect();
    (entries, uids)
}

#[test]
fn entry_ids_survive_a_session_added_before_them() {
    let root = fixture_copy();
    let (before, before_uids) = ids(&build_site(root.path(), "https://example.org/"));
    let notes = root.path().join(NOTES);
    let text = fs::read_to_string(&notes).unwrap();
    let text = text.replace(
        "13:00 Opening words",
        "12:30 Doors open\n- Badges at the desk.\n\n13:00 Opening words",
    );
    fs::write(&notes, text).unwrap();
    let (after, after_uids) = ids(&build_site(root.path(), "https://example.org/"));
    assert_eq!(after.len(), 9);
    assert_eq!(after_uids.len(), 9);
    for (title, id) in &before {
        assert_eq!(after.get(title), Some(id), "{title}");
    }
    for (summary, uid) in &before_uids {
        assert_eq!(after_uids.get(summary), Some(uid), "{summary}");
    }
}

#[test]
fn site_and_tag_feeds_are_discoverable_and_valid() {
    let site = fixture();
    let feed = site.feed("atom.xml");
    assert_eq!(feed.entries().len(), 1);
    let event = &feed.entries()[0];
    assert_eq!(event.title().as_str(), "Maintainers' Afternoon");
    assert_eq!(
        alternate(event.links()),
        format!("https://example.org/{EVENT}")
    );
    assert_eq!(event.updated().to_rfc3339(), "2025-05-07T16:05:00+02:00");

    let tag = site.feed("tags/maintainers/atom.xml");
    let titles: BTreeSet<&str> = tag.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(
        titles,
        BTreeSet::from([
            "13:20 Keeping a volunteer project alive",
            "14:50 Panel: Funding maintainers; who pays, who decides"
        ])
    );
    let discovered = |rel: &str| -> Vec<String> {
        select(
            &site.html(rel),
            "link[rel=alternate][type=\"application/atom+xml\"]",
        )
        .iter()
        .filter_map(|l| l.attr("href").map(str::to_string))
        .collect()
    };
    assert_eq!(discovered(""), ["/atom.xml"]);
    assert_eq!(
        discovered("tags/maintainers/"),
        ["/atom.xml", "/tags/maintainers/atom.xml"]
    );
    let event_feed = format!("/{EVENT}atom.xml");
    assert_eq!(discovered(EVENT), ["/atom.xml", event_feed.as_str()]);
    let session = format!("{EVENT}1320-keeping-a-volunteer-project-alive/");
    assert_eq!(discovered(&session), ["/atom.xml", event_feed.as_str()]);
}

#[test]
fn sitemap_lists_every_html_page_and_robots_points_at_it() {
    let site = build_site(Path::new(FIXTURE), "https://example.org/blog/");
    let xml = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
    let mut listed = BTreeSet::new();
    for url in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ns, "url")))
    {
        let child = |name: &str| {
            url.children()
                .find(|n| n.has_tag_name((ns, name)))
                .and_then(|n| n.text())
        };
        let loc = child("loc").expect("loc");
        assert_eq!(child("lastmod"), Some("2025-05-07"), "{loc}");
        let rel = loc.strip_prefix("https://example.org/blog/").expect(loc);
        assert!(listed.insert(format!("{rel}index.html")), "{loc} twice");
    }
    let mut on_disk = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&site.out) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(&site.out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".html") && rel != "404.html" {
            on_disk.insert(rel);
        }
    }
    assert_eq!(listed, on_disk);
    let robots = site.read("robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://example.org/blog/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn search_records_point_at_existing_pages_with_theme_dates_and_filters() {
    let site = fixture();
    let records = common::search_records(&site.out);
    let kinds = |k: &str| records.iter().filter(|r| r["kind"] == k).count();
    assert_eq!(kinds("Event"), 1);
    assert_eq!(kinds("Break"), 2);
    assert_eq!(kinds("Speaker"), 7);
    assert_eq!(kinds("Tag"), 2);
    assert_eq!(records.len(), 1 + 8 + 7 + 2);
    for r in &records {
        // Every record leads to a page of the site.
        let url = r["url"].as_str().unwrap();
        let (page, anchor) = url.split_once('#').unwrap_or((url, ""));
        let doc = site.html(page.trim_start_matches('/'));
        if !anchor.is_empty() {
            assert_eq!(
                select(&doc, &format!("[id=\"{anchor}\"]")).len(),
                1,
                "{url}"
            );
        }
    }
    let session = |title: &str| {
        records
            .iter()
            .find(|r| r["title"].as_str().unwrap().starts_with(title))
            .unwrap_or_else(|| panic!("no record titled {title}"))
    };
    let panel = session("Panel");
    assert_eq!(
        panel["speakers"],
        serde_json::json!(["Lina Moser", "Pablo Ruiz"])
    );
    assert_eq!(panel["event"], "Maintainers' Afternoon");
    // Dates as the theme shows them, not ISO.
    assert_eq!(panel["date"], "7 May 2025, 14:50");
    // A session's document holds its own words, not its event's title: a word of the
    // event's title finds the event only.
    let id_of = |title: &str| {
        records
            .iter()
            .position(|r| r["title"].as_str().unwrap().starts_with(title))
            .unwrap() as u64
    };
    // (An English site: the index files the stem, `maintainer`.)
    let found = common::search_postings(&site.out, "maintainer");
    assert!(common::search_postings(&site.out, "maintainers").is_empty());
    assert!(found.contains(&id_of("Maintainers")), "{found:?}");
    assert!(!found.contains(&id_of("Coffee break")), "{found:?}");
    // Every document is in the filter of its kind.
    let filters: serde_json::Value = serde_json::from_str(&site.read("search/f.json")).unwrap();
    assert_eq!(filters["kind"]["Speaker"].as_array().unwrap().len(), 7);
    assert_eq!(filters["kind"]["Break"].as_array().unwrap().len(), 2);
    // Without JavaScript the search page still lists every event.
    let page = site.html("search/");
    let links: Vec<&str> = select(&page, ".search-events a")
        .iter()
        .filter_map(|a| a.attr("href"))
        .collect();
    assert_eq!(links, [format!("/{EVENT}")]);
    assert_eq!(select(&page, "script[src=\"/search.js\"]").len(), 1);
    assert_eq!(
        select(&page, "form[data-index=\"/search/meta.json\"]").len(),
        1
    );
    for file in [
        "search.js",
        "search/meta.json",
        "search/f.json",
        "search/d/0.json",
    ] {
        assert!(site.out.join(file).is_file(), "{file}");
    }
}

#[test]
fn pages_carry_sharing_metadata_and_event_data() {
    let site = fixture();
    let page = site.html(EVENT);
    assert_eq!(
        meta(&page, "og:title").as_deref(),
        Some("Maintainers' Afternoon")
    );
    assert_eq!(meta(&page, "og:type").as_deref(), Some("article"));
    // The event's social card (tests/cards.rs) makes the large preview.
    assert_eq!(
        meta(&page, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        meta(&page, "og:image").as_deref(),
        Some(&*format!("https://example.org/{EVENT}card.png"))
    );
    assert_eq!(
        meta(&page, "og:url").as_deref(),
        Some(&*format!("https://example.org/{EVENT}"))
    );
    // The Event, then the LiveBlogPosting of the coverage (tests/live_blog.rs).
    let scripts = select(&page, "script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 2);
    let blog: serde_json::Value = serde_json::from_str(&scripts[1].inner_html()).unwrap();
    assert_eq!(blog["@type"], "LiveBlogPosting");
    let data: serde_json::Value = serde_json::from_str(&scripts[0].inner_html()).unwrap();
    assert_eq!(data["@type"], "Event");
    assert_eq!(data["name"], "Maintainers' Afternoon");
    assert_eq!(data["startDate"], "2025-05-07T13:00:00+02:00");
    assert_eq!(data["endDate"], "2025-05-07T16:35:00+02:00");
    assert_eq!(data["location"]["name"], "Volkshaus, Zürich");
    assert_eq!(data["organizer"][0]["name"], "Open Tools Association");
    let subs = data["subEvent"].as_array().unwrap();
    assert_eq!(subs.len(), 8);
    assert_eq!(
        subs[2]["name"],
        "Builds & releases: <faster> than you think"
    );
    assert_eq!(subs[4]["performer"][1]["name"], "Pablo Ruiz");
    assert_eq!(
        subs[4]["performer"][1]["affiliation"]["name"],
        "Foundation for Public Code"
    );

    // A copy-link button beside every session's # link, carrying its permalink.
    let buttons = select(&page, "article.session button.copy-link");
    assert_eq!(buttons.len(), 8);
    for b in buttons {
        let url = b.attr("data-url").unwrap();
        let rel = url.strip_prefix("https://example.org/").unwrap();
        assert!(site.out.join(rel).join("index.html").is_file(), "{url}");
    }

    let session = site.html(&format!("{EVENT}1320-keeping-a-volunteer-project-alive/"));
    assert_eq!(
        meta(&session, "og:title").as_deref(),
        Some("Keeping a volunteer project alive")
    );
    assert_eq!(
        meta(&session, "og:description").as_deref(),
        Some("A project survives its founder only if the second maintainer arrives early.")
    );
}

#[test]
fn structured_data_cannot_close_its_script_element() {
    let root = tempfile::tempdir().unwrap();
    fs::create_dir_all(root.path().join("content")).unwrap();
    fs::write(root.path().join("site.toml"), "").unwrap();
    let title = "Escapes </script><script>alert(1)</script> & <!-- them";
    fs::write(
        root.path().join("content/2025-01-02-escapes.md"),
        format!(
            "+++\ntitle = \"{}\"\n+++\n\n10:00 A </script> talk\n- note\n",
            title.replace('"', "\\\"")
        ),
    )
    .unwrap();
    let site = build_site(root.path(), "https://example.org/");
    let html = site.read("2025/escapes/index.html");
    let start = html.find("application/ld+json").unwrap();
    let body = &html[start..];
    let body = &body[body.find('>').unwrap() + 1..body.find("</script>").unwrap()];
    assert!(!body.contains('<'), "{body}");
    let data: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(data["name"], title);
    assert_eq!(data["subEvent"][0]["name"], "A </script> talk");
    // The feeds and calendar carry the same text, escaped their own way.
    let feed = site.feed("2025/escapes/atom.xml");
    assert_eq!(feed.title().as_str(), format!("{title} · Live notes"));
    assert_eq!(feed.entries()[0].title().as_str(), "10:00 A </script> talk");
}

/// Issue 17, item 13: a session from 23:30 to 00:30 ends on the next day in the
/// HTML's `<time datetime>` too, as it does in JSON-LD and the calendar.
#[test]
fn an_end_time_past_midnight_is_on_the_next_day_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("site.toml"),
        "title = \"Nights\"\ntimezone = \"Europe/Zurich\"\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("content/2025-05-07-night-out.md"),
        "# Night out\n\n23:30 - 00:30 Party\n- Music until late.\n",
    )
    .unwrap();
    let site = build_site(root, "https://example.org/");
    let (start, end) = ("2025-05-07T23:30:00+02:00", "2025-05-08T00:30:00+02:00");

    let event = site.html("2025/night-out/");
    let session_page = select(&event, "a[href$=\"/\"]")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .find(|h| h.starts_with("/2025/night-out/") && h.len() > "/2025/night-out/".len())
        .expect("a link to the session's page")
        .trim_start_matches('/')
        .to_string();
    for rel in ["2025/night-out/", session_page.as_str()] {
        let page = site.html(rel);
        let datetimes = |css: &str| -> Vec<String> {
            select(&page, css)
                .iter()
                .filter_map(|t| t.value().attr("datetime").map(String::from))
                .collect()
        };
        let (starts, ends) = (datetimes(".when > time"), datetimes(".when .until time"));
        assert!(
            !starts.is_empty() && starts.iter().all(|t| t == start),
            "{rel}: {starts:?}"
        );
        assert!(
            !ends.is_empty() && ends.iter().all(|t| t == end),
            "{rel}: {ends:?}"
        );
    }

    let scripts = select(&event, "script[type=\"application/ld+json\"]");
    let data: serde_json::Value = serde_json::from_str(&scripts[0].inner_html()).unwrap();
    assert_eq!(data["subEvent"][0]["startDate"], start);
    assert_eq!(data["subEvent"][0]["endDate"], end);

    let text = site.read("2025/night-out/calendar.ics");
    let cal = ical::IcalParser::new(text.as_bytes())
        .next()
        .expect("a calendar")
        .expect("valid iCalendar");
    let vevent = &cal.events[0];
    let value = |name: &str| {
        vevent
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| (p.params.clone().unwrap_or_default(), p.value.clone()))
    };
    let zurich = vec![("TZID".to_string(), vec!["Europe/Zurich".to_string()])];
    assert_eq!(
        value("DTSTART"),
        Some((zurich.clone(), Some("20250507T233000".into())))
    );
    assert_eq!(
        value("DTEND"),
        Some((zurich, Some("20250508T003000".into())))
    );
}
