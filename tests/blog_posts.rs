//! Notes that start life as blog posts (issue 21): a Jekyll post and a Hugo post,
//! copied into `content/` as they are, build as one event each with their days, dates
//! and headings; Liquid tags and Hugo shortcodes show as text; TOML, YAML and JSON
//! front matter give the same event; and no word of any notes file in the test suite
//! is missing from its rendered event page.

mod common;

use common::{fixture, html, plenary_ok, select, text};
use plenary::notes;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The issue's example: a Jekyll post, dated the day after the event, with weekday
/// headings and no times.
#[test]
fn a_jekyll_post_keeps_its_three_days_their_dates_and_headings() {
    let (_tmp, root) = fixture("blog-posts");
    let out = plenary_ok(&root, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The post's date (the day it was published) and its first heading disagree: the
    // heading wins, with a warning at its line.
    assert!(
        stderr.contains(
            "_posts/2011-05-19-railsconf-week.md:13: the first day heading is 2011-05-16, but the front matter's `date` is 2011-05-19"
        ),
        "{stderr}"
    );
    // Jekyll's own keys (`layout`, `author`, `comments`) are kept without a warning.
    assert!(!stderr.contains("`layout`"), "{stderr}");

    let doc = html(&root.join("public/2011/railsconf-week/index.html"));
    assert_eq!(
        text(&select(&doc, "h1")[0]),
        "RailsConf 2011: my week in Baltimore"
    );
    let dates: Vec<String> = select(&doc, "p.eyebrow time")
        .iter()
        .filter_map(|t| t.value().attr("datetime").map(String::from))
        .collect();
    assert_eq!(dates, ["2011-05-16"], "the event starts on its first day");

    let days = select(&doc, "section.day");
    assert_eq!(
        days.len(),
        3,
        "three headings with text between are three days"
    );
    let headings: Vec<String> = select(&doc, "section.day h2.day-title")
        .iter()
        .map(text)
        .collect();
    for (heading, want) in
        headings
            .iter()
            .zip(["Monday May 16", "Tuesday May 17", "Wednesday May 18"])
    {
        assert!(heading.contains(want), "{heading:?} shows {want:?}");
    }
    let nav_dates: Vec<String> = select(&doc, ".day-nav a").iter().map(text).collect();
    assert_eq!(
        nav_dates,
        ["Day 1 Mon 16 May", "Day 2 Tue 17 May", "Day 3 Wed 18 May"]
    );
    // The text under each day stays in that day.
    let day_text: Vec<String> = days.iter().map(text).collect();
    assert!(day_text[0].contains("Tutorial day"), "{}", day_text[0]);
    assert!(day_text[0].contains("Asset Pipeline Deep Dive"));
    assert!(day_text[1].contains("mutation testing"), "{}", day_text[1]);
    assert!(day_text[1].contains("Crab cakes"));
    assert!(day_text[2].contains("Rails turns seven"), "{}", day_text[2]);
    // Liquid is shown, never run.
    let page = text(&select(&doc, "main")[0]);
    for liquid in [
        "{% include toc.html %}",
        "{% raw %}{% asset_path logo.png %}{% endraw %}",
        "{{ page.title }}",
        "{% link _slides/closing.md %}",
    ] {
        assert!(page.contains(liquid), "{liquid} in {page}");
    }
    assert!(!page.contains("layout: post"), "front matter is not notes");
    // Each `**Title** by [Name](url) (Company)` line is a talk of its day, with its
    // speaker (linked to their page and to the writer's link) and affiliation.
    let talks: Vec<(String, String)> = days
        .iter()
        .flat_map(|d| {
            let day = text(&select_in(d, "h2.day-title")[0]);
            select_in(d, "article.session h3")
                .iter()
                .map(|h| (day.clone(), text(h)))
                .collect::<Vec<_>>()
        })
        .collect();
    let talk_days: Vec<(&str, &str)> = talks
        .iter()
        .map(|(d, t)| {
            let day = ["Monday", "Tuesday", "Wednesday"]
                .into_iter()
                .find(|w| d.contains(w))
                .unwrap_or(d.as_str());
            (day, t.as_str())
        })
        .collect();
    assert_eq!(
        talk_days,
        [
            ("Monday", "Asset Pipeline Deep Dive"),
            ("Tuesday", "Testing Without Fear"),
            ("Tuesday", "Lunch"),
            ("Wednesday", "Closing Keynote")
        ]
    );
    let speakers: Vec<String> = select(&doc, "article.session p.speakers")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        speakers,
        [
            "by Ada Byron example.org/ada (Widget Works)",
            "by Grace Bell example.org/grace (Acme Labs)",
            "by Lin Okafor example.org/lin (Harbour Systems)"
        ]
    );
    assert_eq!(
        select(&doc, "a.speaker-site")[0].value().attr("href"),
        Some("https://example.org/ada")
    );

    // The model: three dated days, and the last one ends the event.
    let parsed = notes::parse(
        Path::new("2011-05-19-railsconf-week.md"),
        &fs::read_to_string(root.join("content/_posts/2011-05-19-railsconf-week.md")).unwrap(),
    )
    .unwrap();
    let e = &parsed.event;
    let day_dates: Vec<String> = e
        .days
        .iter()
        .map(|d| d.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(day_dates, ["2011-05-16", "2011-05-17", "2011-05-18"]);
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2011-05-16"));
    assert_eq!(
        e.end_date.map(|d| d.to_string()).as_deref(),
        Some("2011-05-18"),
        "end_date comes from the last day"
    );
    assert_eq!(
        e.tags,
        ["notes", "conferences", "ruby"],
        "categories join tags"
    );
    assert_eq!(e.extra["author"], "Jo Writer");
    assert_eq!(e.extra["comments"], true);
}

#[test]
fn a_hugo_post_keeps_its_shortcodes_as_text() {
    let (_tmp, root) = fixture("blog-posts");
    let out = plenary_ok(&root, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("`weight`"), "{stderr}");
    let doc = html(&root.join("public/2019/pycon-notes/index.html"));
    assert_eq!(text(&select(&doc, "h1")[0]), "PyCon 2019 notes");
    let page = text(&select(&doc, "main")[0]);
    for shortcode in [
        "{{< toc >}}",
        "{{< tweet user=\"pyconnotes\" id=\"1125\" >}}",
        "{{<figure src=\"/img/hall.jpg\" caption=\"The main hall\">}}",
        "{{% note %}}pyproject.toml everywhere{{% /note %}}",
    ] {
        assert!(page.contains(shortcode), "{shortcode} in {page}");
    }
    assert!(
        select(&doc, "main figure").is_empty(),
        "a shortcode never opens an HTML element"
    );
    let headings: Vec<String> = select(&doc, "section.day h2.day-title")
        .iter()
        .map(text)
        .collect();
    assert_eq!(headings.len(), 2, "{headings:?}");
    assert!(headings[0].contains("Saturday May 4"), "{headings:?}");
    assert!(headings[1].contains("Sunday May 5"), "{headings:?}");
    let summary = select(&doc, "meta[name='description']");
    assert_eq!(
        summary[0].value().attr("content"),
        Some("Two days of talks in Cleveland."),
        "Hugo's description is the summary"
    );
}

/// The same event, in TOML, YAML and JSON front matter, with the spellings each
/// tool uses.
#[test]
fn toml_yaml_and_json_front_matter_give_the_same_event() {
    let body = "\n### Thursday May 8\n\n13:00 Opening\nAda Lovelace\n";
    let cases = [
        (
            "toml",
            "+++\ntitle = \"Data Days\"\ndate = 2025-05-08T09:00:00+02:00\nend_date = 2025-05-09\ntimezone = \"Europe/Zurich\"\nlocation = \"Bern\"\norganizers = [\"CH Open\"]\ntags = [\"data\"]\ncategories = [\"open\"]\ndescription = \"Two days.\"\nslug = \"data-days\"\ndraft = true\nvenue = \"Hall 2\"\n[links]\nprogramme = \"https://example.org/p\"\n+++\n",
        ),
        (
            "yaml",
            "---\ntitle: Data Days\ndate: 2025-05-08 09:00:00 +0200\nend_date: 2025-05-09\ntimezone: Europe/Zurich\nlocation: Bern\norganizers: CH Open\ntags: data\ncategories: [open]\ndescription: Two days.\nslug: data-days\ndraft: true\nvenue: Hall 2\nlinks:\n  programme: https://example.org/p\n---\n",
        ),
        (
            "json",
            "{\n  \"title\": \"Data Days\",\n  \"date\": \"2025-05-08T09:00:00+02:00\",\n  \"end_date\": \"2025-05-09\",\n  \"timezone\": \"Europe/Zurich\",\n  \"location\": \"Bern\",\n  \"organizers\": [\"CH Open\"],\n  \"tags\": [\"data\"],\n  \"categories\": [\"open\"],\n  \"description\": \"Two days.\",\n  \"slug\": \"data-days\",\n  \"draft\": true,\n  \"venue\": \"Hall 2\",\n  \"links\": {\"programme\": \"https://example.org/p\"}\n}\n",
        ),
    ];
    let mut events = Vec::new();
    for (format, front) in cases {
        let text = format!("{front}{body}");
        let parsed =
            notes::parse(Path::new("notes.md"), &text).unwrap_or_else(|e| panic!("{format}: {e}"));
        let warnings: Vec<String> = parsed.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(warnings.len(), 1, "{format}: {warnings:?}");
        let venue_line = text.lines().position(|l| l.contains("venue")).unwrap() + 1;
        assert!(
            warnings[0].starts_with(&format!(
                "warning: notes.md:{venue_line}: unknown front matter key `venue`"
            )),
            "{format}: {warnings:?}"
        );
        let e = parsed.event;
        assert_eq!(e.title, "Data Days", "{format}");
        assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2025-05-08"));
        assert_eq!(
            e.end_date.map(|d| d.to_string()).as_deref(),
            Some("2025-05-09")
        );
        assert_eq!(e.timezone.as_deref(), Some("Europe/Zurich"), "{format}");
        assert_eq!(e.location.as_deref(), Some("Bern"), "{format}");
        assert_eq!(e.organizers, ["CH Open"], "{format}");
        assert_eq!(e.tags, ["data", "open"], "{format}");
        assert_eq!(e.summary.as_deref(), Some("Two days."), "{format}");
        assert_eq!(e.slug, "data-days", "{format}");
        assert!(e.draft, "{format}");
        assert_eq!(e.links["programme"], "https://example.org/p", "{format}");
        assert_eq!(e.extra["venue"], "Hall 2", "{format}");
        assert_eq!(
            e.days[0].label.as_deref(),
            Some("Thursday May 8"),
            "{format}"
        );
        assert_eq!(e.sessions[0].speakers[0].name, "Ada Lovelace", "{format}");
        events.push(e);
    }
    let read = |e: &plenary::model::Event| {
        e.sessions
            .iter()
            .map(|s| (s.time, s.title.clone(), s.speakers.clone()))
            .collect::<Vec<_>>()
    };
    for e in &events[1..] {
        assert_eq!(read(e), read(&events[0]), "the same notes, read the same");
        assert_eq!(e.extra, events[0].extra);
    }
}

#[test]
fn front_matter_errors_name_line_and_column_in_every_format() {
    for (text, want) in [
        (
            "+++\ntitle = \"x\"\ndraft = yes\n+++\n",
            "x.md:3:9: invalid front matter",
        ),
        (
            "---\ntitle: x\ntags: [a, b\n---\n",
            "x.md:3:7: invalid YAML front matter",
        ),
        (
            "{\n  \"title\": \"x\"\n  \"draft\": true\n}\n",
            "x.md:3:3: invalid JSON front matter",
        ),
        (
            "{\n  \"title\": \"x\",\n  \"draft\": \"yes\"\n}\n",
            "x.md:3: invalid front matter",
        ),
        (
            "---\ntitle: x\ndraft: perhaps\n---\n",
            "x.md:3: invalid front matter",
        ),
    ] {
        let err = notes::parse(Path::new("x.md"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with(want), "{text:?} gave {err}");
    }
}

#[test]
fn extra_keys_reach_templates() {
    let (_tmp, root) = fixture("blog-posts");
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/event.html"),
        "<!DOCTYPE html><html lang=\"en\"><title>{{ event.title }}</title><p id=\"by\">{{ event.extra.author | default(value='') }}</p><p id=\"room\">{{ event.extra.venue.room | default(value='') }}</p></html>",
    )
    .unwrap();
    fs::write(
        root.join("content/2025-05-07-forum.md"),
        "+++\ntitle = \"Forum\"\n[extra]\nauthor = \"Kim\"\nvenue = { room = \"B 101\" }\n+++\n13:00 Opening\n",
    )
    .unwrap();
    let out = plenary_ok(&root, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("forum.md"),
        "an [extra] table is quiet: {stderr}"
    );
    let doc = html(&root.join("public/2025/forum/index.html"));
    assert_eq!(text(&select(&doc, "#by")[0]), "Kim");
    assert_eq!(text(&select(&doc, "#room")[0]), "B 101");
    let post = html(&root.join("public/2011/railsconf-week/index.html"));
    assert_eq!(text(&select(&post, "#by")[0]), "Jo Writer");
}

/// A word as compared: lower-case, numbers without leading zeros.
fn word_key(word: &str) -> String {
    let word = word.to_lowercase();
    if word.chars().all(|c| c.is_ascii_digit()) {
        let trimmed = word.trim_start_matches('0');
        if trimmed.is_empty() { "0" } else { trimmed }.to_string()
    } else {
        word
    }
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_key)
}

/// The words of a line of notes as a reader of the rendered page reads them. Markup is
/// not text: an HTML tag (`<img height="200">`: its `src`, `href`, `alt` and `title`
/// are checked on the page's side), an entity (`&lt;` is the character it stands
/// for), an ordered list's number (the browser draws it), a code fence's language, a
/// heading's Pandoc/kramdown attribute block (`## Title {#id .class}`: Markdown tools
/// never show it).
fn notes_words(line: &str) -> Vec<String> {
    let t = line.trim_start();
    if t.starts_with("```") || t.starts_with("~~~") {
        return Vec::new();
    }
    let line = if t.starts_with('#') {
        notes::decoration::without_attributes(line)
    } else {
        line
    };
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let line = if digits > 0 && t[digits..].starts_with([')', '.']) {
        &t[digits + 1..]
    } else {
        line
    };
    let mut plain = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        let skip = match c {
            '<' => {
                let name = after.strip_prefix('/').unwrap_or(after);
                let tag = name.starts_with(|c: char| c.is_ascii_alphabetic());
                after.find('>').filter(|_| tag).map(|end| end + 1)
            }
            '&' => {
                let len = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                    .unwrap_or(after.len());
                (len > 0 && after[len..].starts_with(';')).then_some(len + 1)
            }
            _ => None,
        };
        plain.push(if skip.is_some() { ' ' } else { c });
        rest = &after[skip.unwrap_or(0)..];
    }
    words(&plain).collect()
}

/// Whether a time written as one word (`8am`, `2pm`, `10h30`) shows as a clock on the
/// page: its hour, as written or on the 24-hour clock, is among the page's words.
fn time_word_kept(word: &str, have: &BTreeSet<String>) -> bool {
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let rest = &word[digits.len()..];
    let Ok(hour) = digits.parse::<u32>() else {
        return false;
    };
    let hour24 = match rest {
        "am" | "a" => hour % 12,
        "pm" | "p" => hour % 12 + 12,
        _ if rest.starts_with('h') && rest[1..].chars().all(|c| c.is_ascii_digit()) => hour,
        _ => return false,
    };
    hour <= 24 && (have.contains(&hour.to_string()) || have.contains(&hour24.to_string()))
}

/// Whether a line of Markdown is a link reference definition (`[logo]: https://...`):
/// Markdown itself never shows one; where a link uses it, its URL is checked there.
fn is_link_definition(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('[')
        && t.find("]:")
            .is_some_and(|end| !t[1..end].contains(['[', ']']))
}

/// Every word a reader can find on a page: its text (scripts and styles aside), the
/// link targets, image sources and titles it holds, and the writer's HTML comments
/// (carried over as written, as a Markdown tool does).
fn page_words(path: &Path) -> BTreeSet<String> {
    let doc = html(path);
    let mut out = BTreeSet::new();
    for node in doc.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            let in_code = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style"))
            });
            if !in_code {
                out.extend(words(t));
            }
        } else if let Some(c) = node.value().as_comment() {
            out.extend(words(c));
        } else if let Some(e) = node.value().as_element() {
            for attr in ["href", "src", "alt", "title"] {
                if let Some(v) = e.attr(attr) {
                    out.extend(words(v));
                }
            }
        }
    }
    out
}

/// Notes files of a folder, recursively.
fn notes_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| matches!(x.to_str(), Some("md" | "txt" | "rst")))
        })
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// Builds `files` as one site (each event at `/{slug}/`) and returns, per file, the
/// words of its notes (front matter and a corpus source line aside) missing from its
/// event page.
fn lost_on_pages(files: &[PathBuf]) -> Vec<(PathBuf, Vec<String>)> {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("site.toml"),
        "title = \"Nothing lost\"\nbase_url = \"https://example.org/\"\n[urls]\nevent = \"{slug}/\"\n",
    )
    .unwrap();
    let mut slugs = Vec::new();
    for (i, file) in files.iter().enumerate() {
        // `.rst` is not a notes extension: the corpus's reStructuredText file is read
        // as `.txt`. The index keeps names (and so slugs) apart across folders.
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let name = match name.strip_suffix(".rst") {
            Some(stem) => format!("{stem}.txt"),
            None => name,
        };
        let folder = root.join(format!("content/{i}"));
        fs::create_dir_all(&folder).unwrap();
        let text = fs::read_to_string(file).unwrap();
        fs::write(folder.join(&name), &text).unwrap();
        let parsed = notes::parse(Path::new(&name), &text)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        slugs.push((parsed.event.slug, text));
    }
    plenary_ok(root, &["build", "--drafts"]);
    let mut lost = Vec::new();
    for (file, (slug, text)) in files.iter().zip(slugs) {
        let have = page_words(&root.join("public").join(&slug).join("index.html"));
        let normalised = notes::normalise(&text);
        let split = notes::front_matter::split(file, &normalised).unwrap();
        let mut missing = BTreeSet::new();
        for (i, line) in split.body.lines().enumerate() {
            let source_line = i == 0 && split.body_line == 1 && line.contains(" source: ");
            if source_line || is_link_definition(line) {
                continue;
            }
            for w in notes_words(line) {
                if !have.contains(&w) && !time_word_kept(&w, &have) {
                    missing.insert(w);
                }
            }
        }
        if !missing.is_empty() {
            lost.push((file.clone(), missing.into_iter().collect()));
        }
    }
    lost
}

/// Words the rendered pages still lose, by file, and why: each is a reading or a view
/// outside the front matter's reach, left for its owner. A word lost that is not here
/// fails the test; a word here that is found again is reported, to be struck off.
const KNOWN_LOSSES: &[(&str, &str, &str)] = &[];

/// "Nothing lost", on the rendered page: every word of every notes file in the test
/// suite (the fixture sites, the blog posts, the real-notes corpus) shows on its
/// event page.
#[test]
fn every_word_of_every_notes_file_is_on_its_event_page() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = notes_files(&tests.join("fixtures"));
    files.extend(notes_files(&tests.join("corpus")));
    files.sort();
    assert!(files.len() > 40, "the corpus is there: {}", files.len());
    let lost = lost_on_pages(&files);
    let known = |file: &Path| {
        KNOWN_LOSSES
            .iter()
            .find(|(f, _, _)| file.ends_with(f))
            .map(|(_, words, _)| words.split(' ').collect::<BTreeSet<_>>())
            .unwrap_or_default()
    };
    let mut new = Vec::new();
    for (file, words) in &lost {
        let known = known(file);
        let unknown: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| !known.contains(w))
            .collect();
        if !unknown.is_empty() {
            new.push(format!("{}: {}", file.display(), unknown.join(" ")));
        }
    }
    for (f, words, _) in KNOWN_LOSSES {
        let still: BTreeSet<&str> = lost
            .iter()
            .filter(|(file, _)| file.ends_with(f))
            .flat_map(|(_, w)| w.iter().map(String::as_str))
            .collect();
        let found: Vec<&str> = words.split(' ').filter(|w| !still.contains(w)).collect();
        if !found.is_empty() {
            eprintln!(
                "{f}: no longer lost, strike off KNOWN_LOSSES: {}",
                found.join(" ")
            );
        }
    }
    assert!(new.is_empty(), "words lost:\n{}", new.join("\n"));
}

/// A day heading without a year takes the year of the post's date: the year before
/// for a December heading in a post dated January.
#[test]
fn a_heading_without_a_year_takes_the_year_of_the_posts_date() {
    for (name, heading, want) in [
        (
            "2012-01-03-winter.md",
            "### Thursday December 29",
            "2011-12-29",
        ),
        ("2011-12-30-winter.md", "### Monday January 2", "2012-01-02"),
        ("2011-05-18-spring.md", "### Monday May 16", "2011-05-16"),
    ] {
        let text = format!("{heading}\n\nNotes of the day.\n");
        let e = notes::parse(Path::new(name), &text).unwrap().event;
        assert_eq!(
            e.days[0].date.map(|d| d.to_string()).as_deref(),
            Some(want),
            "{name}: {heading}"
        );
    }
}

/// The words a title line sheds on its way to a plain title stay on the page: an
/// enumerator as the session's label, a speaker's own link beside the link to their
/// speaker page, a link around the whole heading beside the title, and a malformed
/// link target as text, never as a live link.
#[test]
fn words_shed_from_title_lines_and_links_stay_on_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("site.toml"),
        "title = \"Shed\"\nbase_url = \"https://example.org/\"\n",
    )
    .unwrap();
    fs::write(
        root.join("content/2024-03-05-shed.md"),
        "# Shed words\n\n\
         ### Session 3: Becoming a pro at git\n\nNotes.\n\n\
         ### Off the tracks, [Ada Lovelace](https://example.com/ada)\n\nNotes.\n\n\
         ### [Compilers for everyone - Grace Hopper](https://example.net/talks/grace)\n\nNotes.\n\n\
         * See also: [Spray]([url](http://www.example.org/)http://www.example.org/)\n",
    )
    .unwrap();
    fs::write(
        root.join("content/2024-03-06-card.md"),
        "#### Presenter:\n Barbara Liskov\n\n#### Topic:\nSubstitution\n\nNotes on it.\n",
    )
    .unwrap();
    plenary_ok(root, &["build"]);
    let doc = html(&root.join("public/2024/shed/index.html"));
    let sessions = select(&doc, "article.session");
    let labels: Vec<String> = select(&doc, "article.session .when .label")
        .iter()
        .map(text)
        .collect();
    assert_eq!(labels, ["Session 3"]);
    assert_eq!(
        text(&select(&doc, "article.session h2")[0]),
        "Becoming a pro at git"
    );

    let site = select(&doc, "p.speakers a.speaker-site");
    assert_eq!(site.len(), 1, "one speaker with a link of their own");
    assert_eq!(
        site[0].value().attr("href"),
        Some("https://example.com/ada")
    );
    assert_eq!(text(&site[0]), "example.com/ada");
    let page = select(&doc, "p.speakers a.speaker");
    assert!(
        page.iter()
            .any(|a| a.value().attr("href") == Some("/speakers/ada-lovelace/")),
        "the name still links to the speaker page"
    );

    let heading_links = select(&doc, "p.title-links a");
    assert_eq!(heading_links.len(), 1);
    assert_eq!(
        heading_links[0].value().attr("href"),
        Some("https://example.net/talks/grace")
    );

    let card = html(&root.join("public/2024/card/index.html"));
    let line: Vec<String> = select(&card, "article.session p.speakers")
        .iter()
        .map(text)
        .collect();
    assert_eq!(
        line,
        ["Presenter: Barbara Liskov"],
        "a `Presenter:` heading with the name below shows as the speaker line"
    );

    let notes = sessions.last().map(text).unwrap_or_default();
    assert!(
        notes.contains("Spray ([url](http://www.example.org/)http://www.example.org/)"),
        "{notes}"
    );
    assert!(
        select(&doc, "a[href*='url](']").is_empty(),
        "a malformed target is never a live link"
    );
}

fn select_in<'a>(el: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    el.select(&scraper::Selector::parse(css).unwrap()).collect()
}
