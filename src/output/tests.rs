use super::*;
use std::collections::BTreeMap;

fn page(path: &str, text: &str) -> Page {
    Page {
        path: path.into(),
        bytes: text.as_bytes().to_vec(),
    }
}

/// Every file and folder under `dir` (links as `-> target`), to compare whole trees.
fn tree(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let what = if e.path_is_symlink() {
                format!("-> {}", fs::read_link(e.path()).unwrap().display())
            } else if e.file_type().is_dir() {
                "dir".to_string()
            } else {
                fs::read_to_string(e.path()).unwrap_or_else(|_| "?".into())
            };
            (rel, what)
        })
        .collect()
}

/// Commits `pages` over the build in `out` with a failure injected at each step in
/// turn, until a commit goes through; after every failure `out` must be exactly as it
/// was. Returns how many steps failed.
fn fail_at_each_step(out: &Path, pages: &[Page]) -> usize {
    let before = tree(out);
    let mut failed = 0;
    for at in 1.. {
        let mut tx = Transaction::begin(out, false).unwrap();
        tx.fail_at_step = Some(at);
        tx.stage(pages).unwrap();
        match tx.commit(&[]) {
            Err(_) => {
                failed += 1;
                assert_eq!(tree(out), before, "after a failure at step {at}");
            }
            Ok(_) => break,
        }
    }
    failed
}

#[test]
fn writes_fresh_then_only_changes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let first = vec![
        page("index.html", "home"),
        page("a/index.html", "a"),
        page("b/index.html", "b"),
    ];
    assert_eq!(write(&out, &first).unwrap().written, 3);
    let second = vec![page("index.html", "home"), page("a/index.html", "a2")];
    let stats = write(&out, &second).unwrap();
    assert_eq!((stats.written, stats.unchanged, stats.removed), (1, 1, 1));
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "a2");
    assert!(!out.join("b").exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "nothing is left beside the output");
    let inside: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(STAGING_PREFIX))
        .collect();
    assert!(inside.is_empty(), "no staging folder is left: {inside:?}");
}

#[test]
fn refuses_paths_outside() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["../x.html", "/etc/x", "a/../../x", "a//b", MANIFEST] {
        assert!(
            write(&dir.path().join("out"), &[page(bad, "x")]).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn a_folder_of_someone_elses_files_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("www");
    fs::create_dir_all(out.join(".git")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref").unwrap();
    fs::write(out.join("CNAME"), "example.org").unwrap();
    let before = tree(&out);
    let err = write(&out, &[page("index.html", "home")]).unwrap_err();
    assert!(err.to_string().contains("--force"), "{err}");
    assert!(err.to_string().contains("CNAME"), "{err}");
    assert_eq!(tree(&out), before);
}

#[test]
fn with_force_only_the_files_plenary_writes_change() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("www");
    fs::create_dir_all(out.join(".git")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref").unwrap();
    fs::write(out.join("CNAME"), "example.org").unwrap();
    let tx = Transaction::begin(&out, true).unwrap();
    tx.stage(&[page("index.html", "home"), page("a/index.html", "a")])
        .unwrap();
    tx.commit(&[]).unwrap();
    // A later build without --force: the folder is plenary's now, the user's files stay.
    let stats = write(&out, &[page("index.html", "home 2")]).unwrap();
    assert_eq!(stats.removed, 1);
    let after = tree(&out);
    assert_eq!(after[".git/HEAD"], "ref");
    assert_eq!(after["CNAME"], "example.org");
    assert_eq!(after["index.html"], "home 2");
    assert!(!after.contains_key("a"), "{after:?}");
}

#[test]
fn files_added_by_the_writer_to_plenarys_folder_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(
        &out,
        &[page("index.html", "home"), page("old/index.html", "o")],
    )
    .unwrap();
    fs::write(out.join("CNAME"), "example.org").unwrap();
    fs::create_dir_all(out.join(".well-known")).unwrap();
    fs::write(out.join(".well-known/security.txt"), "x").unwrap();
    fs::write(out.join("old/notes.txt"), "mine").unwrap();
    write(&out, &[page("index.html", "home")]).unwrap();
    let after = tree(&out);
    assert_eq!(after["CNAME"], "example.org");
    assert_eq!(after[".well-known/security.txt"], "x");
    assert_eq!(
        after["old/notes.txt"], "mine",
        "a folder with the writer's file stays"
    );
    assert!(!after.contains_key("old/index.html"));
}

#[test]
fn a_page_over_a_file_plenary_did_not_write_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[page("index.html", "home")]).unwrap();
    fs::write(out.join("robots.txt"), "mine").unwrap();
    let before = tree(&out);
    let err = write(&out, &[page("index.html", "home"), page("robots.txt", "x")]).unwrap_err();
    assert!(err.to_string().contains("static/"), "{err}");
    assert_eq!(tree(&out), before);
}

#[test]
fn a_link_inside_the_output_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    fs::create_dir_all(&content).unwrap();
    fs::write(content.join("notes.md"), "my notes").unwrap();
    let out = dir.path().join("public");
    write(&out, &[page("index.html", "home")]).unwrap();
    std::os::unix::fs::symlink(&content, out.join("2025")).unwrap();
    let before = tree(dir.path());
    let err = write(
        &out,
        &[page("index.html", "home"), page("2025/x/index.html", "x")],
    )
    .unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn a_failure_at_any_step_leaves_the_output_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let first = vec![
        page("index.html", "home"),
        page("a/index.html", "a"),
        page("b/index.html", "b"),
        page("b/c/index.html", "c"),
        page("section", "a page that becomes a section"),
    ];
    write(&out, &first).unwrap();
    fs::write(out.join("CNAME"), "example.org").unwrap();
    let second = vec![
        page("index.html", "home 2"),
        page("a/index.html", "a"),
        page("new/deep/index.html", "n"),
        page("new/other.html", "o"),
        page("section/index.html", "s"),
    ];
    let failed = fail_at_each_step(&out, &second);
    assert!(failed >= 6, "only {failed} steps were tried");
    let after = tree(&out);
    assert_eq!(after["index.html"], "home 2");
    assert_eq!(after["section/index.html"], "s");
    assert_eq!(after["CNAME"], "example.org");
    assert!(!after.contains_key("b"), "{after:?}");
}

#[test]
fn a_failed_first_build_leaves_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut tx = Transaction::begin(&out, false).unwrap();
    tx.fail_at_step = Some(2);
    tx.stage(&[page("index.html", "home"), page("a/index.html", "a")])
        .unwrap();
    assert!(tx.commit(&[]).is_err());
    assert!(!out.exists());
}

#[test]
fn staging_of_a_killed_build_is_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[page("index.html", "home")]).unwrap();
    // A process id that is not running: the largest one Linux can hand out, plus one.
    let dead = format!("{STAGING_PREFIX}4194305");
    fs::create_dir_all(out.join(&dead).join("new")).unwrap();
    let legacy = dir.path().join(".public.tmp-4194305");
    fs::create_dir_all(&legacy).unwrap();
    write(&out, &[page("index.html", "home 2")]).unwrap();
    assert!(!out.join(&dead).exists());
    assert!(!legacy.exists());
}

#[test]
fn an_output_path_that_is_a_file_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    fs::write(&out, "my notes, not a folder").unwrap();
    let err = write(&out, &[page("index.html", "home")]).unwrap_err();
    assert!(err.to_string().contains("is not a directory"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "my notes, not a folder");
}

#[test]
fn a_page_of_the_same_length_but_other_bytes_is_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[page("index.html", "aaaa")]).unwrap();
    let stats = write(&out, &[page("index.html", "bbbb")]).unwrap();
    assert_eq!((stats.written, stats.unchanged), (1, 0));
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "bbbb");
}

#[test]
fn links_are_refused_at_any_depth_and_replaced_where_a_page_goes() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("keep.txt"), "mine").unwrap();
    let out = dir.path().join("public");
    write(&out, &[page("a/b/index.html", "x"), page("a/c.html", "c")]).unwrap();
    // A link two folders down, where pages go: refused, nothing followed.
    fs::remove_dir_all(out.join("a/b")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("a/b")).unwrap();
    let err = write(&out, &[page("a/b/index.html", "y"), page("a/c.html", "c")]).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(!elsewhere.join("index.html").exists());
    // A link in place of a page file is replaced by the page, its target untouched.
    fs::remove_file(out.join("a/b")).unwrap();
    fs::create_dir_all(out.join("a/b")).unwrap();
    fs::remove_file(out.join("a/c.html")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("keep.txt"), out.join("a/c.html")).unwrap();
    write(&out, &[page("a/b/index.html", "y"), page("a/c.html", "c2")]).unwrap();
    assert!(
        fs::symlink_metadata(out.join("a/c.html"))
            .unwrap()
            .is_file()
    );
    assert_eq!(fs::read_to_string(out.join("a/c.html")).unwrap(), "c2");
    assert_eq!(
        fs::read_to_string(elsewhere.join("keep.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn pages_beside_a_new_folder_are_all_written() {
    // A new folder is moved in whole; the pages after it in order, in a folder whose name
    // starts the same or is as long, are still placed one by one.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[page("tags/a.html", "a")]).unwrap();
    let second = vec![
        page("2025/index.html", "year"),
        page("2025x/index.html", "next"),
        page("tags/a.html", "a2"),
    ];
    let stats = write(&out, &second).unwrap();
    assert_eq!(stats.written, 3);
    let after = tree(&out);
    assert_eq!(after["2025/index.html"], "year");
    assert_eq!(after["2025x/index.html"], "next");
    assert_eq!(after["tags/a.html"], "a2");
}

#[test]
fn a_folder_already_holding_the_same_pages_becomes_plenarys_with_force() {
    // The site copied back from the server without plenary's manifest: every page is
    // already there, byte for byte. After one build with --force the folder is plenary's
    // again: a build without --force is accepted and removes a page that is gone.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    fs::create_dir_all(out.join("a")).unwrap();
    fs::write(out.join("index.html"), "home").unwrap();
    fs::write(out.join("a/index.html"), "a").unwrap();
    let pages = [page("index.html", "home"), page("a/index.html", "a")];
    let tx = Transaction::begin(&out, true).unwrap();
    tx.stage(&pages).unwrap();
    let stats = tx.commit(&[]).unwrap();
    assert_eq!((stats.written, stats.unchanged), (0, 2));
    let stats = write(&out, &[page("index.html", "home")]).unwrap();
    assert_eq!(stats.changed, ["a/index.html"]);
    assert!(!out.join("a").exists());
}

#[test]
fn with_force_files_in_the_way_of_pages_and_folders_are_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("www");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), "an old page").unwrap();
    fs::write(out.join("a"), "a file where a folder goes").unwrap();
    fs::write(out.join("CNAME"), "example.org").unwrap();
    let tx = Transaction::begin(&out, true).unwrap();
    tx.stage(&[page("index.html", "home"), page("a/index.html", "a")])
        .unwrap();
    let stats = tx.commit(&[]).unwrap();
    // What a CDN must forget: each path once.
    assert_eq!(stats.changed, ["a", "a/index.html", "index.html"]);
    assert_eq!((stats.written, stats.removed), (2, 1));
    let after = tree(&out);
    assert_eq!(after["index.html"], "home");
    assert_eq!(after["a/index.html"], "a");
    assert_eq!(after["CNAME"], "example.org");
}

#[test]
fn a_refusal_names_the_first_three_foreign_files_and_says_when_there_are_more() {
    let dir = tempfile::tempdir().unwrap();
    for (count, more) in [(3, false), (4, true)] {
        let out = dir.path().join(format!("www{count}"));
        fs::create_dir_all(&out).unwrap();
        for name in ["a.txt", "b.txt", "c.txt", "d.txt"].iter().take(count) {
            fs::write(out.join(name), "mine").unwrap();
        }
        let err = write(&out, &[page("index.html", "home")])
            .unwrap_err()
            .to_string();
        assert!(err.contains("(`a.txt`, `b.txt`, `c.txt`"), "{err}");
        assert!(!err.contains("d.txt"), "{err}");
        assert_eq!(err.contains("`c.txt`, ...)"), more, "{err}");
    }
}

#[test]
fn a_manifest_that_cannot_be_read_stops_the_build_even_with_force() {
    // Taken for "no manifest", the folder would be built over with --force and the
    // files of the last build, no longer listed, never removed.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[page("index.html", "home")]).unwrap();
    fs::remove_file(out.join(MANIFEST)).unwrap();
    fs::create_dir(out.join(MANIFEST)).unwrap();
    let before = tree(&out);
    let err = write(&out, &[page("index.html", "home 2")]).unwrap_err();
    assert!(err.to_string().contains(MANIFEST), "{err}");
    assert!(Transaction::begin(&out, true).is_err());
    assert_eq!(tree(&out), before);
}

#[test]
fn staging_of_a_running_build_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[page("index.html", "home")]).unwrap();
    let mut running = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .unwrap();
    let pid = running.id();
    let staging = out.join(format!("{STAGING_PREFIX}{pid}"));
    let legacy = dir.path().join(format!(".public.tmp-{pid}"));
    // Not a process id plenary writes: `kill` would read it as a process group.
    let group = out.join(format!("{STAGING_PREFIX}-99999"));
    for d in [&staging, &legacy, &group] {
        fs::create_dir_all(d).unwrap();
    }
    let result = write(&out, &[page("index.html", "home 2")]);
    let kept = [&staging, &legacy, &group].map(|d| d.exists());
    let _ = running.kill();
    let _ = running.wait();
    result.unwrap();
    assert_eq!(kept, [true, true, true]);
}

#[test]
fn a_failure_after_a_new_page_in_an_existing_folder_removes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(
        &out,
        &[page("index.html", "home"), page("a/index.html", "a")],
    )
    .unwrap();
    let second = [
        page("index.html", "home"),
        page("a/index.html", "a"),
        page("a/new.html", "new"),
    ];
    let failed = fail_at_each_step(&out, &second);
    assert_eq!(failed, 3, "the manifest, the new page, the manifest again");
    assert_eq!(tree(&out)["a/new.html"], "new");
}

#[test]
fn a_second_build_into_the_same_folder_waits_for_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    write(&out, &[page("index.html", "home")]).unwrap();
    let first = Transaction::begin(&out, false).unwrap();
    first.stage(&[page("index.html", "first")]).unwrap();
    let first_done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let second = {
        let (out, first_done) = (out.clone(), first_done.clone());
        std::thread::spawn(move || {
            let tx = Transaction::begin(&out, false).unwrap();
            // Begun only once the first build let go of the folder.
            let waited = first_done.load(std::sync::atomic::Ordering::SeqCst);
            tx.stage(&[page("index.html", "second")]).unwrap();
            tx.commit(&[]).unwrap();
            waited
        })
    };
    // Time for the second build to reach the lock; it must not get past it.
    std::thread::sleep(std::time::Duration::from_millis(300));
    first_done.store(true, std::sync::atomic::Ordering::SeqCst);
    first.commit(&[]).unwrap();
    assert!(
        second.join().unwrap(),
        "the second build began while the first wrote"
    );
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap(),
        "second"
    );
}
