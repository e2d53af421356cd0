//! The dev server's incremental rebuild gives exactly the pages of a full build, after
//! every kind of change: edits that move an event, change its tags and speakers, new,
//! renamed, deleted and draft files, templates, `site.toml` and static files.

use plenary::build;
use plenary::serve::rebuild::{Hooks, Outcome, SiteState};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const BASE: &str = "http://127.0.0.1:4000/";

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    PathBuf::from(rel)
}

fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "site.toml",
        "title = \"Test notes\"\ntimezone = \"Europe/Zurich\"\npaginate_by = 2\n",
    );
    write(
        root,
        "content/2024-02-01-winter-meetup.md",
        "# Winter Meetup\n\nA cold evening. #community\n\n18:00 Opening\nMara Quell, Example Labs\n- Welcome words. #opening\n\n18:30 Storage engines\nTeo Brandt\n- B-trees and LSM trees. #databases\n",
    );
    write(
        root,
        "content/2024/2024-06-10-summer-summit.md",
        "+++\ntitle = \"Summer Summit\"\ntags = [\"summit\"]\n+++\n\n09:00 Keynote: open data\nMara Quell and Ivo Stern\n- Data wants to be read. #opendata\n\n10:00 Coffee break\n\n10:30 Databases at scale\nTeo Brandt, Rowstore\n- Sharding stories. #databases\n",
    );
    write(
        root,
        "content/2025-01-20-new-year-forum.md",
        "# New Year Forum\n\n14:00 Plans for the year\nIvo Stern\n- Three goals. #community\n",
    );
    dir
}

fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let config = build::load_config(root, Some(BASE)).unwrap();
    let generated = build::generate(root, &config, false).unwrap();
    generated
        .pages
        .into_iter()
        .map(|p| (p.path, p.bytes))
        .collect()
}

fn served(state: &SiteState) -> BTreeMap<String, Vec<u8>> {
    state
        .pages()
        .into_iter()
        .map(|(k, v)| (k, v.to_vec()))
        .collect()
}

/// Fails with the paths that differ, not a wall of bytes.
fn assert_same(state: &SiteState, root: &Path, step: &str) {
    let want = full_build(root);
    let got = served(state);
    let mut diff = Vec::new();
    for (k, v) in &want {
        match got.get(k) {
            None => diff.push(format!("missing {k}")),
            Some(g) if g != v => diff.push(format!("differs {k}")),
            _ => {}
        }
    }
    for k in got.keys().filter(|k| !want.contains_key(*k)) {
        diff.push(format!("extra {k}"));
    }
    assert!(diff.is_empty(), "after {step}: {diff:#?}");
}

fn ok(outcome: Outcome, step: &str) -> Outcome {
    assert!(outcome.error.is_none(), "{step}: {:?}", outcome.error);
    outcome
}

fn start(root: &Path) -> SiteState {
    let mut state = SiteState::new(root, BASE, false, Arc::default());
    ok(state.reload(), "first load");
    assert_same(&state, root, "first load");
    state
}

#[test]
fn event_edits_rebuild_incrementally_to_the_full_build() {
    let dir = fixture();
    let root = dir.path();
    let mut state = start(root);
    let summer = "content/2024/2024-06-10-summer-summit.md";

    // A new session with a new tag and a new speaker, and one speaker dropped.
    let text = fs::read_to_string(root.join(summer)).unwrap();
    let text = text.replace("Mara Quell and Ivo Stern", "Mara Quell")
        + "\n11:30 Lightning round\nNoor Vale\n- Five minutes each. #lightning\n";
    let rel = write(root, summer, &text);
    let outcome = ok(state.rebuild(std::slice::from_ref(&rel)), "edit");
    assert!(!outcome.full, "an event edit must not render everything");
    assert!(
        outcome
            .changed
            .iter()
            .any(|p| p.starts_with("tags/lightning/"))
    );
    assert!(
        outcome
            .changed
            .iter()
            .any(|p| p.starts_with("speakers/noor-vale/"))
    );
    assert_same(&state, root, "edit with new tag and speaker");

    // A new date moves the event to the front: old and new neighbours change.
    let text = text.replace(
        "title = \"Summer Summit\"",
        "title = \"Summer Summit\"\ndate = 2025-07-01",
    );
    let rel = write(root, summer, &text);
    ok(state.rebuild(&[rel]), "move");
    assert_same(&state, root, "date moved the event");

    // The title changes: the neighbours' prev/next links show it.
    let rel = write(
        root,
        summer,
        &text.replace("\"Summer Summit\"", "\"Summer Summit 2025\""),
    );
    ok(state.rebuild(&[rel]), "retitle");
    assert_same(&state, root, "retitle");

    // Only a session's title and time change: the tag and speaker pages that list it
    // show the new ones, though the event's tags and speakers are the same.
    let text = fs::read_to_string(root.join(summer))
        .unwrap()
        .replace("10:30 Databases at scale", "10:45 Databases at any scale");
    let rel = write(root, summer, &text);
    ok(state.rebuild(&[rel]), "session retitled");
    assert_same(&state, root, "session retitled");

    // A session with no tag or speaker still changes the event's session count,
    // which its tag pages show.
    let forum = "content/2025-01-20-new-year-forum.md";
    let text = fs::read_to_string(root.join(forum)).unwrap() + "\n15:00 Coffee\n";
    let rel = write(root, forum, &text);
    ok(state.rebuild(&[rel]), "untagged session");
    assert_same(&state, root, "untagged session appended");

    // Two events sharing a tag, edited in one burst.
    let a = write(
        root,
        forum,
        &(text.clone() + "\n16:00 Wrap-up\n- Done. #community\n"),
    );
    let winter = "content/2024-02-01-winter-meetup.md";
    let winter_text = fs::read_to_string(root.join(winter)).unwrap();
    let b = write(
        root,
        winter,
        &winter_text.replace("Welcome words.", "Welcome words, again."),
    );
    ok(state.rebuild(&[a, b]), "burst");
    assert_same(&state, root, "two events sharing a tag");

    // Every tag of an event dropped: the tag pages go away.
    let winter = "content/2024-02-01-winter-meetup.md";
    let rel = write(
        root,
        winter,
        "# Winter Meetup\n\n18:00 Opening\nMara Quell, Example Labs\n- Welcome words.\n",
    );
    ok(state.rebuild(&[rel]), "untag");
    assert!(!state.pages().contains_key("tags/opening/index.html"));
    assert_same(&state, root, "tags dropped");
}

/// Edits that leave an event in its place update the site's indexes in place; a tag
/// or speaker page shows the first spelling of its name across the site and every
/// affiliation in order, so those must come out as a full build has them.
#[test]
fn in_place_edits_keep_names_and_affiliations_as_the_full_build() {
    let dir = fixture();
    let root = dir.path();
    let mut state = start(root);
    let summer = "content/2024/2024-06-10-summer-summit.md";
    let original = fs::read_to_string(root.join(summer)).unwrap();
    let speaker = "speakers/mara-quell/index.html";
    let tag = "tags/databases/index.html";
    let shows = |state: &SiteState, page: &str, text: &str| {
        String::from_utf8_lossy(&state.pages()[page]).contains(text)
    };

    // Summer sorts before Winter, so its spelling and affiliation come first.
    let text = original
        .replace(
            "Mara Quell and Ivo Stern",
            "Mára Quell, Quay Labs and Ivo Stern",
        )
        .replace("#databases", "#databäses");
    let rel = write(root, summer, &text);
    let outcome = ok(state.rebuild(&[rel]), "respell");
    assert!(!outcome.full);
    assert!(shows(&state, speaker, "Mára Quell") && shows(&state, speaker, "Quay Labs"));
    assert!(shows(&state, tag, "databäses"));
    assert_same(&state, root, "names respelled in the first event");

    // A second session of the same speaker, another affiliation in between.
    let text = text + "\n12:00 Closing\nMara Quell, Harbour Institute\n- Thanks. #databases\n";
    let rel = write(root, summer, &text);
    ok(state.rebuild(&[rel]), "second affiliation");
    assert!(shows(&state, speaker, "Harbour Institute"));
    assert_same(&state, root, "affiliations gathered in order");

    // Back as it was: the later event's spelling and affiliation lead again.
    let rel = write(root, summer, &original);
    ok(state.rebuild(&[rel]), "restore");
    assert!(!shows(&state, speaker, "Mára Quell") && !shows(&state, speaker, "Quay Labs"));
    assert!(!shows(&state, tag, "databäses"));
    assert_same(&state, root, "names restored");

    // The last mention of a tag and a speaker goes, then comes back.
    let forum = "content/2025-01-20-new-year-forum.md";
    let forum_text = fs::read_to_string(root.join(forum)).unwrap();
    let rel = write(
        root,
        forum,
        "# New Year Forum\n\n14:00 Plans for the year\n",
    );
    ok(state.rebuild(&[rel]), "mentions dropped");
    assert_same(&state, root, "mentions dropped");
    let rel = write(root, forum, &forum_text);
    ok(state.rebuild(&[rel]), "mentions back");
    assert_same(&state, root, "mentions back");
}

#[test]
fn new_renamed_deleted_and_draft_files_rebuild_to_the_full_build() {
    let dir = fixture();
    let root = dir.path();
    let mut state = start(root);

    let new = write(
        root,
        "content/2023/2023-11-05-autumn-day.md",
        "# Autumn Day\n\n10:00 Leaves and logs\nRia Moss\n- Log rotation. #ops\n",
    );
    ok(state.rebuild(std::slice::from_ref(&new)), "add");
    assert!(state.pages().contains_key("2023/autumn-day/index.html"));
    assert_same(&state, root, "new file");

    // A rename arrives as two paths: the old one gone, the new one there.
    let renamed = PathBuf::from("content/2023-11-06-autumn-day.md");
    fs::rename(root.join(&new), root.join(&renamed)).unwrap();
    ok(state.rebuild(&[new, renamed.clone()]), "rename");
    assert_same(&state, root, "renamed file");

    let forum = PathBuf::from("content/2025-01-20-new-year-forum.md");
    fs::remove_file(root.join(&forum)).unwrap();
    ok(state.rebuild(&[forum]), "delete");
    assert!(!state.pages().contains_key("2025/new-year-forum/index.html"));
    assert_same(&state, root, "deleted file");

    let rel = write(
        root,
        renamed.to_str().unwrap(),
        "+++\ndraft = true\n+++\n# Autumn Day\n\n10:00 Leaves and logs\nRia Moss\n",
    );
    ok(state.rebuild(&[rel]), "draft");
    assert_same(&state, root, "became a draft");

    // A folder renamed: only the folder's path is reported.
    fs::rename(root.join("content/2024"), root.join("content/archive")).unwrap();
    ok(
        state.rebuild(&[
            PathBuf::from("content/2024"),
            PathBuf::from("content/archive"),
        ]),
        "folder rename",
    );
    assert_same(&state, root, "folder renamed");
}

#[test]
fn templates_config_and_static_files_rebuild_to_the_full_build() {
    let dir = fixture();
    let root = dir.path();
    let mut state = start(root);

    let rel = write(
        root,
        "templates/404.html",
        "<!doctype html><title>gone</title><body>Gone</body>\n",
    );
    let outcome = ok(state.rebuild(&[rel]), "template");
    assert!(outcome.changed.contains(&"404.html".to_string()));
    assert_same(&state, root, "template added");

    let rel = write(
        root,
        "site.toml",
        "title = \"Renamed notes\"\npaginate_by = 1\n",
    );
    ok(state.rebuild(&[rel]), "config");
    assert_same(&state, root, "site.toml changed");

    let rel = write(root, "static/style.css", "body { color: red }\n");
    let outcome = ok(state.rebuild(std::slice::from_ref(&rel)), "static override");
    assert_eq!(outcome.changed, vec!["style.css".to_string()]);
    assert_same(&state, root, "theme stylesheet overridden");

    fs::remove_file(root.join(&rel)).unwrap();
    ok(state.rebuild(&[rel]), "static removed");
    assert_same(&state, root, "theme stylesheet back");
}

#[test]
fn a_bad_edit_keeps_the_last_good_pages_and_the_fix_catches_up() {
    let dir = fixture();
    let root = dir.path();
    let mut state = start(root);
    let before = served(&state);

    let bad = write(
        root,
        "content/2025-01-20-new-year-forum.md",
        "+++\ntitle = \"unclosed\n+++\n",
    );
    let outcome = state.rebuild(std::slice::from_ref(&bad));
    let err = outcome.error.expect("a broken front matter is an error");
    let loc = err.location.expect("the error names its file");
    assert_eq!(loc.path, bad);
    assert_eq!(loc.line, Some(2));
    assert_eq!(served(&state), before, "the last good site stays");

    // Another file changes while the first is broken; both show once it is fixed.
    let winter = write(
        root,
        "content/2024-02-01-winter-meetup.md",
        "# Winter Meetup Again\n\n18:00 Hello\n",
    );
    assert!(state.rebuild(&[winter]).error.is_some());
    write(
        root,
        "content/2025-01-20-new-year-forum.md",
        "# New Year Forum\n\n14:00 Fixed\n",
    );
    ok(state.rebuild(&[bad]), "fix");
    assert_same(&state, root, "fixed");
}

/// A template error renders nothing of a full rebuild: the last good pages stay, the
/// error names the template and its line, and the fix brings the site back.
#[test]
fn a_broken_template_keeps_the_last_good_pages() {
    let dir = fixture();
    let root = dir.path();
    let mut state = start(root);
    let before = served(&state);

    let bad = write(
        root,
        "templates/speaker.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ no_such_value }}\n{% endblock %}\n",
    );
    let outcome = state.rebuild(std::slice::from_ref(&bad));
    let err = outcome.error.expect("a missing variable is an error");
    let loc = err.location.expect("the error names its template");
    assert_eq!(loc.path, Path::new("templates/speaker.html"));
    assert_eq!(loc.line, Some(3), "{}", err.message);
    assert_eq!(served(&state), before, "the last good site stays");

    fs::remove_file(root.join(&bad)).unwrap();
    ok(state.rebuild(&[bad]), "fix");
    assert_same(&state, root, "template fixed");
}

/// Issue 17, item 11, under serve: settings that make two pages claim one path are an
/// error naming both, and the last good pages stay.
#[test]
fn a_path_claimed_twice_keeps_the_last_good_pages() {
    let dir = fixture();
    let root = dir.path();
    let mut state = start(root);
    let before = served(&state);
    let config = fs::read_to_string(root.join("site.toml")).unwrap();
    let rel = write(
        root,
        "site.toml",
        &format!("{config}[urls]\ntag = \"{{tag}}/\"\n"),
    );
    let outcome = state.rebuild(std::slice::from_ref(&rel));
    let err = outcome
        .error
        .expect("two claims on index.html are an error");
    assert!(
        err.message.contains("`index.html` twice"),
        "{}",
        err.message
    );
    assert_eq!(served(&state), before, "the last good site stays");

    write(root, "site.toml", &config);
    ok(state.rebuild(&[rel]), "settings fixed");
    assert_same(&state, root, "settings fixed");
}

#[test]
fn an_interrupted_rebuild_serves_the_event_first_and_catches_up_later() {
    let dir = fixture();
    let root = dir.path();
    let mut state = start(root);
    let forum = "content/2025-01-20-new-year-forum.md";
    let text = fs::read_to_string(root.join(forum)).unwrap()
        + "\n15:00 Late addition\nNoor Vale\n- Typed in a hurry. #community\n";
    let rel = write(root, forum, &text);

    let mut early = Vec::new();
    let outcome = state.rebuild_with(
        &[rel],
        Hooks {
            early: &mut |changed: &[String]| early.extend_from_slice(changed),
            interrupted: &|| true,
        },
    );
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    assert!(
        early.contains(&"2025/new-year-forum/index.html".to_string()),
        "{early:?}"
    );
    assert!(outcome.deferred > 0 && state.has_deferred());
    assert!(!state.pages().contains_key("speakers/noor-vale/index.html"));

    ok(state.rebuild(&[]), "catch up");
    assert!(!state.has_deferred());
    assert_same(&state, root, "caught up");
}
