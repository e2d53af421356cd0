//! When the search index is built: a build or a `serve` rebuild with nothing changed
//! does no index work, and `serve` publishes an edited event's page before it builds
//! the index again (the index lags behind the save, never the page), giving way to a
//! newer save and built once the writer pauses. Counted with `search::STARTED` and
//! `BUILT`; one test, so that nothing else in this process builds an index.

use plenary::build::{BuildOptions, build};
use plenary::publish::search::{BUILT, STARTED};
use plenary::serve::rebuild::{Hooks, SiteState};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, RwLock};

const EVENT: &str = "content/2025-01-20-new-year-forum.md";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("site.toml"),
        "title = \"Notes\"\ntimezone = \"Europe/Zurich\"\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join(EVENT),
        "# New Year Forum\n\n14:00 Plans for the year\nIvo Stern\n- Three goals. #community\n",
    )
    .unwrap();
    fs::write(
        root.join("content/2025-02-03-winter-meetup.md"),
        "# Winter Meetup\n\n18:00 Storage engines\nTeo Brandt\n- B-trees and LSM trees.\n",
    )
    .unwrap();
    dir
}

fn built() -> usize {
    BUILT.load(Ordering::SeqCst)
}

fn build_into(root: &Path) {
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        drafts: false,
        force: false,
    })
    .unwrap();
}

/// The shard of `word` as served, as text.
fn shard(state: &SiteState, word: &str) -> String {
    let path = format!("search/t/{}.json", &word[..2]);
    state
        .pages()
        .get(&path)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default()
}

#[test]
fn the_index_is_built_only_for_a_change_and_after_the_edited_page_in_serve() {
    let dir = site();
    let root = dir.path();

    // `build`: a cold build builds the index once, a build with nothing changed never.
    let before = built();
    build_into(root);
    assert_eq!(built(), before + 1, "a cold build");
    build_into(root);
    assert_eq!(built(), before + 1, "a build with nothing changed");

    // `serve`: the first load builds it; a rebuild with nothing changed does not.
    let pages = Arc::new(RwLock::new(Default::default()));
    let mut state = SiteState::new(root, "http://127.0.0.1:4000/", false, pages);
    let loaded = state.reload();
    assert!(loaded.error.is_none(), "{:?}", loaded.error);
    let after_load = built();
    assert_eq!(after_load, before + 2, "the first load of serve");
    let idle = state.rebuild(&[]);
    assert!(idle.error.is_none() && idle.changed.is_empty(), "{idle:?}");
    // A save that changed nothing (the file as it was, its time too).
    let same = state.rebuild(&[PathBuf::from(EVENT)]);
    assert!(same.error.is_none() && same.changed.is_empty(), "{same:?}");
    assert_eq!(built(), after_load, "serve with nothing changed");

    // An edit: the event's own page is published (the early hook) before the index is
    // built; then the index is built once, and finds the new words.
    let text = fs::read_to_string(root.join(EVENT)).unwrap()
        + "\n15:00 Zeppelin logistics\nNoor Vale\n- Airships again.\n";
    fs::write(root.join(EVENT), text).unwrap();
    let mut early = Vec::new();
    let mut built_at_early = None;
    let outcome = state.rebuild_with(
        &[PathBuf::from(EVENT)],
        Hooks {
            early: &mut |changed: &[String]| {
                built_at_early = Some(built());
                early.extend_from_slice(changed);
            },
            interrupted: &|| false,
        },
    );
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    assert!(
        early.contains(&"2025/new-year-forum/index.html".to_string()),
        "{early:?}"
    );
    assert!(!early.iter().any(|p| p.starts_with("search/")), "{early:?}");
    assert_eq!(
        built_at_early,
        Some(after_load),
        "the index waited for the page"
    );
    assert_eq!(built(), after_load + 1, "one index for the edit");
    assert!(
        outcome.changed.iter().any(|p| p.starts_with("search/t/")),
        "{:?}",
        outcome.changed
    );
    assert!(shard(&state, "zeppelin").contains("\"zeppelin\""));

    // A newer save while the index is being built: the index gives up, its old files
    // stay served, and the rebuild with no paths that `serve` runs once the writer
    // pauses builds it.
    let text = fs::read_to_string(root.join(EVENT)).unwrap()
        + "\n16:00 Quokka census\nNoor Vale\n- Counted twice.\n";
    fs::write(root.join(EVENT), text).unwrap();
    let (started, done) = (STARTED.load(Ordering::SeqCst), built());
    let newer_save = || STARTED.load(Ordering::SeqCst) > started;
    let outcome = state.rebuild_with(
        &[PathBuf::from(EVENT)],
        Hooks {
            early: &mut |_| {},
            interrupted: &newer_save,
        },
    );
    assert!(outcome.error.is_none(), "{:?}", outcome.error);
    assert_eq!(
        STARTED.load(Ordering::SeqCst),
        started + 1,
        "the index started"
    );
    assert_eq!(built(), done, "and gave way");
    assert!(state.has_deferred());
    assert!(!shard(&state, "quokka").contains("\"quokka\""));
    assert!(
        shard(&state, "zeppelin").contains("\"zeppelin\""),
        "the old index stays"
    );
    let caught_up = state.rebuild(&[]);
    assert!(caught_up.error.is_none(), "{:?}", caught_up.error);
    assert_eq!(built(), done + 1);
    assert!(!state.has_deferred());
    assert!(shard(&state, "quokka").contains("\"quokka\""));
}
