//! Social cards: the `og:image` PNG of event and session pages, drawn from
//! `templates/card.svg`, cached by what it shows, overridable by a site's own template.

mod common;

use common::{html, select};
use std::path::{Path, PathBuf};

const NOTES: &str = "+++\ntitle = \"Open Data Forum\"\ndate = 2025-05-07\nlocation = \"Bern\"\n+++\nA day on open data.\n\n09:00 Opening the data of the city\nAda Lovelace, Analytical Engines\n\n- the city publishes its budget\n\n10:00 Panel: Who owns the commons?\nGrace Hopper and Alan Turing\n\n- notes\n";

/// A site with one event of two sessions, `site.toml` ending with `extra`.
fn site(extra: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    std::fs::write(
        root.join("site.toml"),
        format!("title = \"Hallway Track\"\nbase_url = \"https://example.org/\"\n{extra}"),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/2025-05-07-forum.md"), NOTES).unwrap();
    (dir, root)
}

fn options(root: &Path) -> plenary::build::BuildOptions {
    plenary::build::BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        drafts: false,
        force: false,
    }
}

fn build(root: &Path) -> plenary::build::BuildReport {
    plenary::build::build(&options(root)).expect("the site builds")
}

/// The card at `path` decoded: its size, and how much its grey levels vary.
fn card(path: &Path) -> ((u32, u32), f64) {
    let image = image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .to_luma8();
    let pixels: Vec<f64> = image.pixels().map(|p| f64::from(p.0[0])).collect();
    let mean = pixels.iter().sum::<f64>() / pixels.len() as f64;
    let variance = pixels.iter().map(|p| (p - mean).powi(2)).sum::<f64>() / pixels.len() as f64;
    (image.dimensions(), variance)
}

/// The `content` of each `<meta>` of the page at `path`, by `property` or `name`.
fn meta(path: &Path) -> std::collections::BTreeMap<String, String> {
    let doc = html(path);
    select(&doc, "head meta")
        .into_iter()
        .filter_map(|m| {
            let m = m.value();
            let key = m.attr("property").or(m.attr("name"))?;
            Some((key.to_string(), m.attr("content")?.to_string()))
        })
        .collect()
}

#[test]
fn event_page_shares_a_card_of_1200_by_630_with_its_text_drawn() {
    let (_dir, root) = site("cards = \"events\"\n");
    build(&root);
    let out = root.join("public");
    let ((w, h), variance) = card(&out.join("2025/forum/card.png"));
    assert_eq!((w, h), (1200, 630));
    // A blank card (or one flat colour) has no variance; drawn text has plenty.
    assert!(variance > 100.0, "the card shows text: variance {variance}");

    let tags = meta(&out.join("2025/forum/index.html"));
    assert_eq!(tags["og:image"], "https://example.org/2025/forum/card.png");
    assert_eq!(tags["og:image:width"], "1200");
    assert_eq!(tags["og:image:height"], "630");
    assert_eq!(tags["og:image:alt"], "Open Data Forum · 7 May 2025 · Bern");
    assert_eq!(tags["twitter:card"], "summary_large_image");

    // By default session pages share their event's card and have none of their own.
    let session = meta(&out.join("2025/forum/0900-opening-the-data-of-the-city/index.html"));
    assert_eq!(session["og:image"], tags["og:image"]);
    assert!(
        !out.join("2025/forum/0900-opening-the-data-of-the-city/card.png")
            .exists()
    );
}

#[test]
fn cards_all_gives_every_session_page_its_own_card() {
    let (_dir, root) = site("cards = \"all\"\n");
    let report = build(&root);
    let out = root.join("public");
    let rel = "2025/forum/0900-opening-the-data-of-the-city/";
    let tags = meta(&out.join(format!("{rel}index.html")));
    assert_eq!(
        tags["og:image"],
        format!("https://example.org/{rel}card.png")
    );
    assert_eq!(
        tags["og:image:alt"],
        "Opening the data of the city · Ada Lovelace · Wed 7 May 09:00 · Open Data Forum"
    );
    let (size, variance) = card(&out.join(format!("{rel}card.png")));
    assert_eq!(size, (1200, 630));
    assert!(variance > 100.0, "variance {variance}");
    assert_eq!(
        report.cards_drawn, 3,
        "the event's card and one per session"
    );
}

#[test]
fn cards_false_or_unset_shares_no_image_and_keeps_the_summary_card() {
    // Off unless asked for: a card costs a cold build CPU it never chose to spend.
    for setting in ["cards = false\n", ""] {
        let (_dir, root) = site(setting);
        let report = build(&root);
        let out = root.join("public");
        let tags = meta(&out.join("2025/forum/index.html"));
        assert!(!tags.contains_key("og:image"), "{setting}: {tags:?}");
        assert_eq!(tags["twitter:card"], "summary");
        assert!(!out.join("2025/forum/card.png").exists());
        assert_eq!(report.cards_drawn, 0);
    }
}

#[test]
fn a_front_matter_image_wins_over_the_card() {
    let (_dir, root) = site("cards = \"events\"\n");
    let notes = NOTES.replace("location = \"Bern\"\n", "image = \"/img/forum.jpg\"\n");
    std::fs::write(root.join("content/2025-05-07-forum.md"), notes).unwrap();
    let report = build(&root);
    let out = root.join("public");
    let tags = meta(&out.join("2025/forum/index.html"));
    assert_eq!(tags["og:image"], "https://example.org/img/forum.jpg");
    assert_eq!(tags["og:image:alt"], "Open Data Forum");
    assert_eq!(tags["twitter:card"], "summary_large_image");
    assert!(
        !tags.contains_key("og:image:width"),
        "its size is not known"
    );
    assert!(!out.join("2025/forum/card.png").exists());
    assert_eq!(report.cards_drawn, 0);
}

#[test]
fn an_unchanged_card_is_not_drawn_again() {
    let (_dir, root) = site("cards = \"all\"\n");
    assert_eq!(build(&root).cards_drawn, 3);
    let first = std::fs::read(root.join("public/2025/forum/card.png")).unwrap();
    // New notes under a session: its event's files are rendered again, but no card
    // shows the notes, so none is drawn.
    let edited = NOTES.replace("- notes\n", "- more notes\n");
    std::fs::write(root.join("content/2025-05-07-forum.md"), edited).unwrap();
    assert_eq!(
        build(&root).cards_drawn,
        0,
        "every card came from the cache"
    );
    // Even a build from scratch (no output folder) takes them from `.plenary/cards/`.
    std::fs::remove_dir_all(root.join("public")).unwrap();
    assert_eq!(build(&root).cards_drawn, 0);
    assert_eq!(
        std::fs::read(root.join("public/2025/forum/card.png")).unwrap(),
        first
    );
    // A new title is a new card: that one alone is drawn.
    let retitled = NOTES.replace("Who owns the commons?", "Who keeps the commons?");
    std::fs::write(root.join("content/2025-05-07-forum.md"), retitled).unwrap();
    assert_eq!(build(&root).cards_drawn, 1);
}

/// The cards kept in the site's `.plenary/cards/`.
fn cached_cards(root: &Path) -> std::collections::BTreeSet<String> {
    std::fs::read_dir(root.join(".plenary/cards"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_build_removes_the_cached_cards_no_page_uses_and_keeps_those_of_kept_pages() {
    let (_dir, root) = site("cards = \"all\"\n");
    // A second event, untouched below: a rebuild keeps its files, cards and all.
    std::fs::write(
        root.join("content/2025-06-01-meetup.md"),
        "+++\ntitle = \"Meetup\"\n+++\n18:00 Lightning talks\nAda Lovelace\n",
    )
    .unwrap();
    assert_eq!(build(&root).cards_drawn, 5);
    let before = cached_cards(&root);
    assert_eq!(before.len(), 5, "{before:?}");
    // A session retitled: its old card is no page's any more.
    let retitled = NOTES.replace("Who owns the commons?", "Who keeps the commons?");
    std::fs::write(root.join("content/2025-05-07-forum.md"), retitled).unwrap();
    let report = build(&root);
    assert_eq!(report.cards_drawn, 1);
    assert_eq!(report.events_reused, 1, "the meetup's files were kept");
    let after = cached_cards(&root);
    assert_eq!(after.len(), 5, "{after:?}");
    assert_eq!(before.difference(&after).count(), 1, "the old card went");
    // Every card in use is still there: a build from scratch draws none.
    std::fs::remove_dir_all(root.join("public")).unwrap();
    assert_eq!(build(&root).cards_drawn, 0);
    assert_eq!(cached_cards(&root), after);
}

#[test]
fn a_site_card_template_replaces_the_theme_s() {
    let (_dir, root) = site("cards = \"events\"\n");
    std::fs::create_dir_all(root.join("templates")).unwrap();
    // Black text on white, half the card black: what it shows is the site's.
    std::fs::write(
        root.join("templates/card.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"><rect width=\"1200\" height=\"630\" fill=\"#fff\"/><rect width=\"600\" height=\"630\" fill=\"#000\"/><text x=\"700\" y=\"300\" font-size=\"40\">{{ event.title }}</text></svg>",
    )
    .unwrap();
    build(&root);
    let image = image::open(root.join("public/2025/forum/card.png"))
        .unwrap()
        .to_luma8();
    assert_eq!(image.dimensions(), (1200, 630));
    assert_eq!(image.get_pixel(100, 100).0[0], 0, "the left half is black");
    assert_eq!(image.get_pixel(1100, 600).0[0], 255, "the right half white");
    let dark = (650..1200)
        .flat_map(|x| (250..310).map(move |y| (x, y)))
        .filter(|&(x, y)| image.get_pixel(x, y).0[0] < 128)
        .count();
    assert!(
        dark > 200,
        "the title is drawn in the right half: {dark} dark pixels"
    );
}

#[test]
fn a_broken_card_template_is_an_error_naming_it() {
    for (template, expect) in [
        // Tera cannot read it.
        ("<svg>{{ event.title </svg>", "templates/card.svg:1"),
        // Tera renders it, but it is no SVG.
        ("<svg><rect></svg>", "templates/card.svg"),
    ] {
        let (_dir, root) = site("cards = \"events\"\n");
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("templates/card.svg"), template).unwrap();
        let err = plenary::build::build(&options(&root))
            .expect_err("a broken card template fails the build")
            .to_string();
        assert!(err.contains(expect), "{template}: {err}");
        assert!(!root.join("public/2025/forum/index.html").exists());
    }
}
