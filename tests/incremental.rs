//! A rebuild renders only what changed (events, tags, speakers, site-wide files) and
//! still writes exactly what a fresh build writes, after every kind of edit a writer
//! makes: notes, hashtags, speakers, settings, templates, static files, deletions.

mod common;

use common::{fixture, tree};
use plenary::build::{BuildOptions, BuildReport, build};
use std::fs;
use std::path::Path;

fn build_into(root: &Path, output: &Path) -> BuildReport {
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        base_url: None,
        drafts: false,
        force: false,
    })
    .unwrap_or_else(|e| panic!("build into {}: {e}", output.display()))
}

/// Rebuilds `public/` after an edit, and checks it against a fresh build of the same
/// sources into an empty folder.
fn rebuild_equals_fresh(root: &Path, what: &str) -> BuildReport {
    let report = build_into(root, &root.join("public"));
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = fresh_dir.path().join("out");
    build_into(root, &fresh);
    let (rebuilt, fresh) = (tree(&root.join("public")), tree(&fresh));
    let only_rebuilt: Vec<&String> = rebuilt.keys().filter(|k| !fresh.contains_key(*k)).collect();
    let only_fresh: Vec<&String> = fresh.keys().filter(|k| !rebuilt.contains_key(*k)).collect();
    assert!(
        only_rebuilt.is_empty() && only_fresh.is_empty(),
        "after {what}: only in the rebuild {only_rebuilt:?}, only in a fresh build {only_fresh:?}"
    );
    assert_eq!(report.files, rebuilt.len(), "after {what}: files counted");
    for (path, bytes) in &fresh {
        assert!(
            rebuilt[path] == *bytes,
            "after {what}: {path} differs from a fresh build"
        );
    }
    report
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn every_kind_of_edit_rebuilds_to_what_a_fresh_build_writes() {
    let (_tmp, root) = fixture("basic");
    let civic = root.join("content/2025-05-07-civic-data-day.md");
    let summit = root.join("content/2024/2024-10-02-summit.md");
    let public = root.join("public");

    let first = build_into(&root, &public);
    assert_eq!((first.events_reused, first.units_reused), (0, 0));
    let again = build_into(&root, &public);
    assert_eq!(again.events_reused, again.events, "{again:?}");
    assert_eq!(again.units_reused, again.units, "{again:?}");
    assert_eq!(again.stats.written, 0, "{again:?}");

    // Notes only: the event's files, the feeds of its three tags (#civicdata, #opengov,
    // #trust), the site feed and the search index are rendered again; tag, speaker and home
    // pages, which list sessions without notes, are kept.
    edit(&civic, "Thanks to all.", "Thanks to everyone.");
    let r = rebuild_equals_fresh(&root, "an edit to one session's notes");
    assert_eq!(r.events_reused, r.events - 1, "{r:?}");
    assert_eq!(r.units - r.units_reused, 5, "{r:?}");
    assert!(
        fs::read_to_string(public.join("2025/civic-data-day/index.html"))
            .unwrap()
            .contains("Thanks to everyone.")
    );

    edit(&summit, "- Hands on. #trust", "- Hands on. #trust #newtag");
    rebuild_equals_fresh(&root, "a new hashtag");
    assert!(public.join("tags/newtag/index.html").is_file());
    assert!(public.join("tags/newtag/atom.xml").is_file());

    edit(&summit, "#trust #newtag", "#newtag");
    edit(&civic, "betrayals. #trust", "betrayals.");
    rebuild_equals_fresh(&root, "a hashtag removed everywhere");
    assert!(!public.join("tags/trust").exists());

    // A title shows on its speaker's page, not only on the event's.
    edit(&civic, "Trust is a product feature", "Trust is the feature");
    rebuild_equals_fresh(&root, "a session retitled");
    let nina = fs::read_to_string(public.join("speakers/nina-roth/index.html")).unwrap();
    assert!(nina.contains("Trust is the feature"), "{nina}");

    edit(&civic, "Nina Roth,", "Nina Rothman,");
    rebuild_equals_fresh(&root, "a speaker renamed");

    // An event's title shows on its neighbours' pages (their older/newer links).
    edit(
        &summit,
        "title = \"Two Day Summit\"",
        "title = \"Two Day Summit, Renamed\"",
    );
    rebuild_equals_fresh(&root, "an event retitled");
    let civic_page = fs::read_to_string(public.join("2025/civic-data-day/index.html")).unwrap();
    assert!(
        civic_page.contains("Two Day Summit, Renamed"),
        "{civic_page}"
    );
    assert!(!public.join("speakers/nina-roth").exists());
    assert!(public.join("speakers/nina-rothman/index.html").is_file());

    edit(
        &root.join("site.toml"),
        "Fixture Notes",
        "Fixture Notes Two",
    );
    let r = rebuild_equals_fresh(&root, "a new site title");
    assert_eq!((r.events_reused, r.units_reused), (0, 0), "{r:?}");

    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/speaker.html"),
        "<!doctype html><title>{{ speaker.name }}</title><p>{{ sessions | length }} sessions</p>",
    )
    .unwrap();
    rebuild_equals_fresh(&root, "a template override");
    let speaker = fs::read_to_string(public.join("speakers/grace-hopper/index.html")).unwrap();
    assert!(speaker.contains("<p>1 sessions</p>"), "{speaker}");

    // A static file in a page's place wins; removed, the page comes back.
    fs::create_dir_all(root.join("static/speakers")).unwrap();
    fs::write(root.join("static/speakers/index.html"), "by hand").unwrap();
    rebuild_equals_fresh(&root, "a static file over a page");
    rebuild_equals_fresh(&root, "nothing (the static file stays)");
    assert_eq!(
        fs::read_to_string(public.join("speakers/index.html")).unwrap(),
        "by hand"
    );
    fs::remove_file(root.join("static/speakers/index.html")).unwrap();
    rebuild_equals_fresh(&root, "that static file removed");
    assert_ne!(
        fs::read_to_string(public.join("speakers/index.html")).unwrap(),
        "by hand"
    );

    fs::remove_file(root.join("content/2023-01-15-meetup.txt")).unwrap();
    rebuild_equals_fresh(&root, "an event deleted");
    assert!(!public.join("2023").exists());
}

#[test]
fn caches_of_output_folders_that_are_gone_are_removed() {
    let (_tmp, root) = fixture("basic");
    for _ in 0..3 {
        let elsewhere = tempfile::tempdir().unwrap();
        build_into(&root, &elsewhere.path().join("out"));
    }
    build_into(&root, &root.join("public"));
    let caches: Vec<_> = fs::read_dir(root.join(".plenary"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("build-"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(caches.len(), 1, "only public/'s cache is left: {caches:?}");
}

#[test]
fn a_rebuild_parses_again_exactly_the_files_saved_since() {
    let (_tmp, root) = fixture("basic");
    let public = root.join("public");
    let civic = root.join("content/2025-05-07-civic-data-day.md");
    edit(&civic, "location = ", "mood = \"sunny\"\nlocation = ");
    let first = build_into(&root, &public);
    let warned = |r: &BuildReport| r.warnings.iter().any(|w| w.to_string().contains("mood"));
    assert!(warned(&first), "{:?}", first.warnings);
    assert!(root.join(".plenary/notes.json").is_file());

    // Taken from the cache, the file still warns: the writer keeps seeing it.
    let again = build_into(&root, &public);
    assert!(warned(&again), "{:?}", again.warnings);

    // Same size, and the modification time put back: the change time still tells.
    let before = fs::metadata(&civic).unwrap().modified().unwrap();
    edit(&civic, "Thanks to all.", "Thanks to ALL.");
    fs::File::options()
        .write(true)
        .open(&civic)
        .unwrap()
        .set_modified(before)
        .unwrap();
    rebuild_equals_fresh(&root, "a same-size edit with its old modification time");
    let page = fs::read_to_string(public.join("2025/civic-data-day/index.html")).unwrap();
    assert!(page.contains("Thanks to ALL."));

    // A cache that does not read back is only a slower build.
    fs::write(root.join(".plenary/notes.json"), "{ not json").unwrap();
    edit(&civic, "Thanks to ALL.", "Thanks, all.");
    rebuild_equals_fresh(&root, "a broken notes cache");
    let page = fs::read_to_string(public.join("2025/civic-data-day/index.html")).unwrap();
    assert!(page.contains("Thanks, all."));
}

/// A folder that lost plenary's manifest (copied back by a tool that skips dot files,
/// say) may hold pages that are not what plenary wrote: a build with --force renders
/// every page again rather than trusting the cache, and writes what a fresh build does.
#[test]
fn a_folder_without_its_manifest_trusts_no_cached_page() {
    let (_tmp, root) = fixture("basic");
    let public = root.join("public");
    build_into(&root, &public);
    let page = public.join("2025/civic-data-day/index.html");
    fs::write(&page, "an old copy of the page").unwrap();
    fs::remove_file(public.join(plenary::output::MANIFEST)).unwrap();
    let report = build(&BuildOptions {
        root: root.to_path_buf(),
        output: public.clone(),
        base_url: None,
        drafts: false,
        force: true,
    })
    .unwrap_or_else(|e| panic!("build --force: {e}"));
    assert_eq!(
        (report.events_reused, report.units_reused),
        (0, 0),
        "{report:?}"
    );
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = fresh_dir.path().join("out");
    build_into(&root, &fresh);
    assert_eq!(
        fs::read(&page).unwrap(),
        fs::read(fresh.join("2025/civic-data-day/index.html")).unwrap()
    );
}
