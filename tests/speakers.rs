//! Speaker profiles: `content/speakers/NAME.md` and `content/speakers.toml` merged with
//! the names of the notes by slug and by alias, shown on the speaker's page (bio,
//! portrait, pronouns, links, JSON-LD `Person`) with every session across events.

mod common;

use common::{html, select, text};
use plenary::build::{BuildOptions, BuildReport, build};
use std::path::{Path, PathBuf};

/// A small JPEG portrait.
fn portrait() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(600, 600, |x, y| {
        image::Rgb([(x / 3) as u8, (y / 3) as u8, 120])
    });
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85),
        pixels.as_raw(),
        600,
        600,
        image::ExtendedColorType::Rgb8,
    )
    .expect("jpeg");
    out
}

/// Two events: Ada speaks at both (once as `Dr. Ada Lovelace`), Grace at one. Ada has
/// a profile of her own file, Grace and Alan (never in the notes) one in
/// `speakers.toml`, and one profile file is broken.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    let w = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    w(
        "site.toml",
        "title = \"Talks\"\nbase_url = \"https://example.org/\"\nauthor = \"Grace Hopper\"\n",
    );
    w(
        "content/2025-05-07-summit.md",
        "+++\ntitle = \"Summit\"\ndate = 2025-05-07\n+++\n09:00 Opening keynote\nDr. Ada Lovelace, Analytical Engines\n\nShe said things.\n\n10:00 Compilers\nGrace Hopper\n\nMore.\n",
    );
    w(
        "content/2024-10-02-meetup.md",
        "+++\ntitle = \"Meetup\"\ndate = 2024-10-02\n+++\n14:00 Notes on engines\nAda Lovelace\n\nNotes.\n",
    );
    w(
        "content/speakers/ada-lovelace.md",
        "+++\nname = \"Ada Lovelace\"\npronouns = \"she/her\"\naliases = [\"Dr. Ada Lovelace\"]\nphoto = \"ada.jpg\"\n\n[links]\nwebsite = \"https://ada.example/\"\nmastodon = \"@ada@example.social\"\ngithub = \"ada\"\n+++\nWrote the *first* program, for the Analytical Engine.\n",
    );
    std::fs::write(root.join("content/speakers/ada.jpg"), portrait()).unwrap();
    w(
        "content/speakers/broken.md",
        "+++\nname = \"Someone\"\npronoun = \"they\"\n+++\n",
    );
    w(
        "content/speakers.toml",
        "[[speaker]]\nname = \"Grace Hopper\"\nbio = \"Made the first compiler.\"\nlinks = { website = \"https://grace.example/\" }\n\n[[speaker]]\nname = \"Alan Turing\"\naffiliation = \"University of Manchester\"\n",
    );
    (dir, root)
}

fn build_site(root: &Path) -> BuildReport {
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        drafts: false,
        force: false,
    })
    .expect("the site builds, broken profile and all")
}

/// The files a full build of the site at `root` writes into a new, empty folder.
fn fresh_build(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let fresh = tempfile::tempdir().unwrap();
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: fresh.path().join("out"),
        base_url: None,
        drafts: false,
        force: false,
    })
    .unwrap();
    common::tree(&fresh.path().join("out"))
}

fn attr(doc: &scraper::Html, css: &str, name: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

#[test]
fn a_profile_shows_its_bio_portrait_pronouns_links_and_every_session() {
    let (_dir, root) = site();
    build_site(&root);
    let out = root.join("public");
    let page = out.join("speakers/ada-lovelace/index.html");
    let doc = html(&page);
    let h1 = text(&select(&doc, "h1")[0]);
    assert!(
        h1.contains("Ada Lovelace") && h1.contains("she/her"),
        "{h1}"
    );
    let bio = select(&doc, ".bio em");
    assert_eq!(bio.len(), 1, "the bio is rendered Markdown");
    // Both sessions, the one under her other spelling too, across both events.
    let sessions: Vec<String> = select(&doc, ".session-item a").iter().map(text).collect();
    assert_eq!(sessions, ["Opening keynote", "Notes on engines"]);
    assert!(
        !out.join("speakers/dr-ada-lovelace").exists(),
        "an alias has no page of its own"
    );
    // The portrait: processed, with its sizes and its files written.
    let srcset = attr(&doc, ".profile-photo source", "srcset");
    assert_eq!(srcset.len(), 1, "one WebP source");
    assert!(srcset[0].contains(".webp 480w"), "{srcset:?}");
    let img = attr(&doc, ".profile-photo img", "src");
    assert_eq!(img.len(), 1);
    assert!(
        out.join(img[0].trim_start_matches('/')).is_file(),
        "{img:?}"
    );
    assert_eq!(attr(&doc, ".profile-photo img", "alt"), ["Ada Lovelace"]);
    // Links, the website first; not `rel="me"`: this is not Ada's own site.
    let hrefs = attr(&doc, ".profile-links a", "href");
    assert_eq!(
        hrefs,
        [
            "https://ada.example/",
            "https://example.social/@ada",
            "https://github.com/ada"
        ]
    );
    assert!(
        attr(&doc, ".profile-links a", "rel")
            .iter()
            .all(|r| r == "external")
    );
    // JSON-LD Person.
    let ld: Vec<serde_json::Value> = select(&doc, "script[type='application/ld+json']")
        .iter()
        .map(|s| serde_json::from_str(&s.inner_html()).expect("JSON-LD"))
        .collect();
    let person = ld
        .iter()
        .find(|v| v["@type"] == "Person")
        .expect("a Person");
    assert_eq!(person["name"], "Ada Lovelace");
    assert_eq!(person["url"], "https://example.org/speakers/ada-lovelace/");
    assert!(
        person["image"]
            .as_str()
            .is_some_and(|i| i.starts_with("https://example.org/media/") && i.ends_with(".jpg")),
        "{person}"
    );
    assert_eq!(
        person["sameAs"].as_array().map(Vec::len),
        Some(3),
        "{person}"
    );

    // The session page links her other spelling to her page.
    let session = html(&out.join("2025/summit/0900-opening-keynote/index.html"));
    let links = attr(&session, "a.speaker", "href");
    assert_eq!(links, ["/speakers/ada-lovelace/"]);
}

#[test]
fn profiles_of_the_toml_file_the_site_authors_rel_me_and_a_name_never_in_the_notes() {
    let (_dir, root) = site();
    build_site(&root);
    let out = root.join("public");
    let grace = html(&out.join("speakers/grace-hopper/index.html"));
    assert_eq!(text(&select(&grace, ".bio")[0]), "Made the first compiler.");
    // The site's author: her own links are `rel="me"`, as Mastodon's verification reads.
    assert_eq!(attr(&grace, ".profile-links a", "rel"), ["me external"]);
    // A profile whose name the notes never mention still has a page, and says so.
    let alan = html(&out.join("speakers/alan-turing/index.html"));
    assert_eq!(text(&select(&alan, "h1")[0]), "Alan Turing");
    assert!(text(&select(&alan, ".meta")[0]).contains("No sessions"));
    assert_eq!(text(&select(&alan, ".lede")[0]), "University of Manchester");
    let index = html(&out.join("speakers/index.html"));
    let names: Vec<String> = select(&index, ".speaker-list a").iter().map(text).collect();
    assert_eq!(names, ["Ada Lovelace", "Alan Turing", "Grace Hopper"]);
}

#[test]
fn a_bad_profile_is_a_warning_at_its_line_and_the_rest_builds() {
    let (_dir, root) = site();
    let report = build_site(&root);
    let bad: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.location.path == Path::new("content/speakers/broken.md"))
        .map(|w| format!("{:?}: {}", w.location.line, w.message))
        .collect();
    assert_eq!(bad.len(), 1, "{:?}", report.warnings);
    assert!(
        bad[0].starts_with("Some(3): ") && bad[0].contains("pronoun"),
        "{bad:?}"
    );
    assert!(
        root.join("public/speakers/ada-lovelace/index.html")
            .is_file()
    );
    // A profile file is never read as an event's notes.
    assert!(!root.join("public/speakers/someone").exists());
    assert_eq!(report.events, 2);
}

#[test]
fn editing_a_profile_renders_that_speakers_page_again_as_a_fresh_build_would() {
    let (_dir, root) = site();
    build_site(&root);
    let profile = root.join("content/speakers/ada-lovelace.md");
    let edited = std::fs::read_to_string(&profile)
        .unwrap()
        .replace("she/her", "she/they");
    std::fs::write(&profile, edited).unwrap();
    let report = build_site(&root);
    assert_eq!(
        report.events_reused, report.events,
        "no event shows a profile"
    );
    let page = html(&root.join("public/speakers/ada-lovelace/index.html"));
    assert!(text(&select(&page, "h1")[0]).contains("she/they"));
    assert_eq!(common::tree(&root.join("public")), fresh_build(&root));

    // An alias added: the session pages that name the spelling link to the profile.
    std::fs::write(
        root.join("content/speakers.toml"),
        "[[speaker]]\nname = \"Grace Hopper\"\naliases = [\"Grace\"]\n",
    )
    .unwrap();
    build_site(&root);
    assert_eq!(common::tree(&root.join("public")), fresh_build(&root));
    assert!(
        !root.join("public/speakers/alan-turing").exists(),
        "a profile taken out takes its page"
    );
}

#[test]
fn serve_takes_in_a_saved_profile_as_a_full_build_does() {
    use plenary::serve::rebuild::SiteState;
    let (_dir, root) = site();
    let base = "http://127.0.0.1:4000/";
    let same = |state: &SiteState, step: &str| {
        common::assert_serve_matches_build(&root, base, state, step);
    };
    let mut state = SiteState::new(&root, base, false, std::sync::Arc::default());
    assert!(state.reload().error.is_none());
    same(&state, "first load");
    std::fs::write(
        root.join("content/speakers/ada-lovelace.md"),
        "+++\nname = \"Ada King\"\naliases = [\"Ada Lovelace\", \"Dr. Ada Lovelace\"]\n+++\nCountess of Lovelace.\n",
    )
    .unwrap();
    let outcome = state.rebuild(&[PathBuf::from("content/speakers/ada-lovelace.md")]);
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    same(&state, "a profile renamed, with aliases");
    let page = &state.pages()["speakers/ada-king/index.html"];
    assert!(String::from_utf8_lossy(page).contains("Countess"));
}
