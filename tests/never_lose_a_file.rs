//! plenary never deletes or changes a file it did not write, and a failed build leaves
//! the output exactly as it was (issue 17, "Data loss"). Each test runs the binary as
//! a user would, on a real folder holding the user's own files.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A folder of the user's own files.
fn users_files(dir: &Path) {
    fs::create_dir_all(dir.join("img")).unwrap();
    fs::write(dir.join("favicon.ico"), b"\0\x01icon").unwrap();
    fs::write(dir.join("img/logo.png"), b"\x89PNG logo").unwrap();
}

#[test]
fn build_outside_a_site_leaves_public_alone() {
    let dir = tempfile::tempdir().unwrap();
    users_files(&dir.path().join("public"));
    let before = snapshot(dir.path());
    for args in [&["build"][..], &["new", "Some event"][..]] {
        let out = plenary(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("site.toml") && stderr(&out).contains("plenary init"),
            "{}",
            stderr(&out)
        );
        assert_same(
            &before,
            &snapshot(dir.path()),
            &format!("{args:?} changed the folder"),
        );
    }
}

#[test]
fn output_dir_with_files_plenary_did_not_write_is_refused() {
    let (tmp, root) = fixture("basic");
    let www = tmp.path().join("www");
    fs::create_dir_all(www.join(".git")).unwrap();
    fs::write(www.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::write(www.join("CNAME"), "notes.example.org\n").unwrap();
    fs::create_dir_all(www.join("other-site")).unwrap();
    fs::write(www.join("other-site/index.html"), "<p>mine</p>").unwrap();
    let before = snapshot(&www);
    let out = plenary(&root, &["build", "-o", "../www"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--force") && stderr(&out).contains("CNAME"),
        "{}",
        stderr(&out)
    );
    assert_same(&before, &snapshot(&www), "a refused build changed www/");

    // Told to, plenary writes its pages there and leaves everything else alone, now
    // and in every later build.
    plenary_ok(&root, &["build", "-o", "../www", "--force"]);
    assert!(www.join("index.html").is_file());
    fs::remove_file(root.join("content/2025-06-01-workshop.md")).ok();
    for _ in 0..2 {
        plenary_ok(&root, &["build", "-o", "../www"]);
        let now = snapshot(&www);
        for (rel, bytes) in &before {
            assert_eq!(now.get(rel), Some(bytes), "{rel} changed");
        }
    }
}

#[test]
fn a_lost_cache_or_new_executable_keeps_the_users_files_in_public() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let public = root.join("public");
    fs::write(public.join("CNAME"), "notes.example.org\n").unwrap();
    fs::create_dir_all(public.join(".well-known")).unwrap();
    fs::write(public.join(".well-known/security.txt"), "Contact: x\n").unwrap();
    // A deleted cache is also what a new plenary executable sees: nothing it can trust.
    fs::remove_dir_all(root.join(".plenary")).unwrap();
    let out = plenary_ok(&root, &["build"]);
    assert!(stderr(&out).contains("0 removed"), "{}", stderr(&out));
    // One build alone waits for nobody, and says nothing of it.
    assert!(!stderr(&out).contains("waiting"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(public.join("CNAME")).unwrap(),
        "notes.example.org\n"
    );
    assert!(public.join(".well-known/security.txt").is_file());
}

#[test]
fn a_link_in_public_is_never_written_through() {
    let (_tmp, root) = fixture("basic");
    plenary_ok(&root, &["build"]);
    let public = root.join("public");
    fs::remove_dir_all(public.join("2025")).unwrap();
    std::os::unix::fs::symlink(root.join("content"), public.join("2025")).unwrap();
    let content_before = snapshot(&root.join("content"));
    let out = plenary(&root, &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("symbolic link") && stderr(&out).contains("public/2025"),
        "{}",
        stderr(&out)
    );
    assert_same(
        &content_before,
        &snapshot(&root.join("content")),
        "content/ changed",
    );
}

#[test]
fn a_full_disk_leaves_public_byte_identical() {
    let (tmp, root) = fixture("basic");
    let at = tmp.path().join("disk");
    let Some(_mount) = Mount::or_skip(&at, "size=2m", "a_full_disk_leaves_public_byte_identical")
    else {
        return;
    };
    let public = at.join("public");
    let target = public.to_str().unwrap();
    plenary_ok(&root, &["build", "-o", target]);
    fs::write(public.join("CNAME"), "notes.example.org\n").unwrap();
    let before = snapshot(&public);
    // Every event grows: many pages change, and together they no longer fit.
    for entry in fs::read_dir(root.join("content")).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str(&"\n- a long filler line that makes every page heavier\n".repeat(8_000));
        fs::write(&path, text).unwrap();
    }
    let out = plenary(&root, &["build", "-o", target]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("No space left on device"),
        "{}",
        stderr(&out)
    );
    assert_same(
        &before,
        &snapshot(&public),
        "a failed build changed public/",
    );
    let left: Vec<String> = fs::read_dir(&at)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["public"], "nothing is left beside the output");
}

#[test]
fn a_read_only_public_leaves_it_byte_identical() {
    let (tmp, root) = fixture("basic");
    let at = tmp.path().join("disk");
    let Some(mount) = Mount::or_skip(
        &at,
        "size=4m",
        "a_read_only_public_leaves_it_byte_identical",
    ) else {
        return;
    };
    let public = at.join("public");
    let target = public.to_str().unwrap();
    plenary_ok(&root, &["build", "-o", target]);
    let before = snapshot(&public);
    let notes = root.join("content/2025-05-07-civic-data-day.md");
    let text = fs::read_to_string(&notes).unwrap();
    fs::write(&notes, text.replace("Opening words", "Opening remarks")).unwrap();
    assert!(mount.remount("ro"), "remount read-only");
    let out = plenary(&root, &["build", "-o", target]);
    assert!(mount.remount("rw"), "remount writable");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Read-only file system"),
        "{}",
        stderr(&out)
    );
    assert_same(
        &before,
        &snapshot(&public),
        "a failed build changed public/",
    );
    // Once writable, the same build goes through.
    plenary_ok(&root, &["build", "-o", target]);
}

#[test]
fn only_public_itself_read_only_leaves_it_byte_identical() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, root) = fixture("basic");
    open_up(&root);
    // Built by the same user that builds again (nobody, when the tests run as root).
    let run = |args: &[&str]| as_nobody(&root, args).unwrap_or_else(|| plenary(&root, args));
    let first = run(&["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let public = root.join("public");
    let before = snapshot(&public);
    let notes = root.join("content/2025-05-07-civic-data-day.md");
    let text = fs::read_to_string(&notes).unwrap();
    fs::write(&notes, text.replace("Opening words", "Opening remarks")).unwrap();
    // Its folders stay writable: only public/ itself is locked.
    fs::set_permissions(&public, fs::Permissions::from_mode(0o555)).unwrap();
    let out = run(&["build"]);
    fs::set_permissions(&public, fs::Permissions::from_mode(0o777)).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Permission denied"),
        "{}",
        stderr(&out)
    );
    assert_same(
        &before,
        &snapshot(&public),
        "a failed build changed public/",
    );
}

#[test]
fn a_link_put_in_place_of_a_page_is_replaced_never_published_or_followed() {
    let (tmp, root) = fixture("basic");
    let secret = tmp.path().join("secret.txt");
    fs::write(&secret, "private").unwrap();
    plenary_ok(&root, &["build"]);
    let public = root.join("public");
    for force in [false, true] {
        let page = public.join("index.html");
        fs::remove_file(&page).unwrap();
        std::os::unix::fs::symlink(&secret, &page).unwrap();
        if force {
            // The folder no longer says plenary wrote it: nothing of the last build is
            // trusted as it stands.
            fs::remove_file(public.join(plenary::output::MANIFEST)).unwrap();
            plenary_ok(&root, &["build", "--force"]);
        } else {
            plenary_ok(&root, &["build"]);
        }
        let meta = fs::symlink_metadata(&page).unwrap();
        assert!(meta.file_type().is_file(), "force {force}: still a link");
        assert!(fs::read_to_string(&page).unwrap().contains("<html"));
        assert_eq!(fs::read_to_string(&secret).unwrap(), "private");
    }
}

#[test]
fn two_builds_into_one_folder_at_once_both_finish_whole() {
    let (tmp, root) = fixture("basic");
    let reference = tmp.path().join("reference");
    plenary_ok(&root, &["build", "-o", reference.to_str().unwrap()]);
    let public = root.join("public");
    for round in 0..3 {
        if round == 0 {
            let _ = fs::remove_dir_all(&public);
        }
        let spawn = || {
            std::process::Command::new(env!("CARGO_BIN_EXE_plenary"))
                .arg("build")
                .current_dir(&root)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", stderr(&out));
        }
        let mut built = snapshot(&public);
        built.remove(plenary::output::MANIFEST);
        let mut want = snapshot(&reference);
        want.remove(plenary::output::MANIFEST);
        // live.json records when it was built; every other file is reproducible.
        built.retain(|k, _| !k.ends_with("live.json"));
        want.retain(|k, _| !k.ends_with("live.json"));
        assert_same(&want, &built, &format!("round {round}"));
    }
}
