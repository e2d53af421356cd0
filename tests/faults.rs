//! A build killed at any moment leaves every page of the previous output whole: each
//! HTML file is either the old version or the new one, never a mix or a stub, and the
//! next build finishes the job.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// A site big enough that a build takes a while: `events` files of 40 sessions each.
fn write_big_site(root: &Path, events: usize, word: &str) {
    let content = root.join("content");
    let _ = fs::remove_dir_all(&content);
    fs::create_dir_all(&content).unwrap();
    for e in 0..events {
        let mut notes = format!("# {word} gathering {e}\n\nAn intro #topic{}.\n\n", e % 7);
        for s in 0..40 {
            notes.push_str(&format!(
                "{:02}:{:02} {word} talk {s} of event {e}\nAna Lima and Bo Ito\n- A {word} point.\n- Another.\n\n",
                8 + s / 6,
                (s % 6) * 10
            ));
        }
        let day = 1 + e % 28;
        fs::write(
            content.join(format!("2024-{:02}-{day:02}-event-{e}.md", 1 + e % 12)),
            notes,
        )
        .unwrap();
    }
}

/// Every visible file under `out`: plenary's own bookkeeping (its manifest, and the
/// staging folder of an interrupted build) is hidden, its names starting with a dot.
fn files(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

fn build_into(root: &Path, out: &Path) {
    plenary_ok(root, &["build", "--output-dir", out.to_str().unwrap()]);
}

#[test]
fn a_build_killed_at_any_moment_leaves_whole_pages() {
    let (tmp, root) = fixture("basic");
    let refs = tmp.path();
    write_big_site(&root, 30, "Old");
    build_into(&root, &refs.join("ref-old"));
    let old = files(&refs.join("ref-old"));
    write_big_site(&root, 30, "New");
    build_into(&root, &refs.join("ref-new"));
    let new = files(&refs.join("ref-new"));
    assert!(old.len() > 1200, "{} files", old.len());

    let public = root.join("public");
    // How long an update from the old site to the new one takes, to kill it during
    // its loading, rendering and (mostly) writing.
    // The fastest of three, since a busy machine only makes builds slower; kills at
    // fractions of it then land inside a build however fast it runs.
    let full = (0..3)
        .map(|_| {
            write_big_site(&root, 30, "Old");
            plenary_ok(&root, &["build"]);
            write_big_site(&root, 30, "New");
            let started = std::time::Instant::now();
            plenary_ok(&root, &["build"]);
            started.elapsed().as_millis() as u64
        })
        .min()
        .unwrap_or(0);
    let mut interrupted = 0;
    let mut mid_write = 0;
    for percent in [30, 50, 70, 90] {
        let delay_ms = full * percent / 100;
        write_big_site(&root, 30, "Old");
        let _ = fs::remove_dir_all(&public);
        let _ = fs::remove_dir_all(root.join(".plenary"));
        plenary_ok(&root, &["build"]);
        write_big_site(&root, 30, "New");
        let mut child = Command::new(env!("CARGO_BIN_EXE_plenary"))
            .arg("build")
            .current_dir(&root)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        // SIGKILL: no chance to clean up.
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !status.success() {
            interrupted += 1;
        }
        let mut mixed = 0;
        for (rel, bytes) in files(&public) {
            let is_old = old.get(&rel) == Some(&bytes);
            let is_new = new.get(&rel) == Some(&bytes);
            if rel.ends_with(".html") {
                assert!(
                    is_old || is_new,
                    "after {delay_ms} ms: {rel} is neither the old nor the new page"
                );
                let text = String::from_utf8(bytes).unwrap();
                let doc = scraper::Html::parse_document(&text);
                assert!(
                    doc.errors.is_empty() || text.trim_end().ends_with("</html>"),
                    "{rel} is cut short"
                );
                if is_old && !is_new {
                    mixed += 1;
                }
            }
        }
        // Every old page that is still wanted is still there.
        for rel in old
            .keys()
            .filter(|r| r.ends_with(".html") && new.contains_key(*r))
        {
            assert!(
                public.join(rel).is_file(),
                "after {delay_ms} ms: {rel} is missing"
            );
        }
        let renewed = files(&public)
            .iter()
            .filter(|(rel, bytes)| rel.ends_with(".html") && old.get(*rel) != Some(*bytes))
            .count();
        if mixed > 0 && renewed > 0 {
            mid_write += 1;
        }
        eprintln!(
            "killed after {delay_ms} of {full} ms: {mixed} pages still old, {renewed} changed, exit {status}"
        );
        // The next build completes the site.
        plenary_ok(&root, &["build"]);
        let rebuilt = files(&public);
        let differ: Vec<&String> = rebuilt
            .keys()
            .chain(new.keys())
            // live.json records when it was built; every other file is reproducible.
            .filter(|k| !k.ends_with("live.json") && rebuilt.get(*k) != new.get(*k))
            .collect();
        assert!(
            differ.is_empty(),
            "after {delay_ms} ms: the rebuild differs: {:?}",
            &differ[..differ.len().min(10)]
        );
        let hidden: Vec<_> = walkdir::WalkDir::new(&public)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                let name = e.file_name().to_string_lossy();
                name.contains(".tmp-") || name.starts_with(".plenary-staging-")
            })
            .collect();
        assert!(hidden.is_empty(), "{hidden:?}");
        // Nothing of the killed build is left beside the output either.
        let beside: Vec<String> = fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-") || n.contains("staging"))
            .collect();
        assert!(beside.is_empty(), "{beside:?}");
    }
    assert!(interrupted >= 2, "only {interrupted} builds were cut short");
    eprintln!("{mid_write} builds were killed while writing");
}

/// Free bytes on the file system holding `path`.
fn free_bytes(path: &Path) -> u64 {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: statvfs writes into the zeroed struct we own; the path is a valid C string.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::statvfs(c.as_ptr(), &mut st) }, 0);
    st.f_bavail as u64 * st.f_frsize as u64
}

/// What the files under `dir` take on a file system of 4 KiB pages.
fn footprint(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len().div_ceil(4096) * 4096)
        .sum()
}

#[test]
fn a_full_disk_at_any_point_of_writing_leaves_public_byte_identical() {
    let (tmp, root) = fixture("basic");
    let at = tmp.path().join("disk");
    let Some(_mount) = Mount::or_skip(
        &at,
        "size=24m",
        "a_full_disk_at_any_point_of_writing_leaves_public_byte_identical",
    ) else {
        return;
    };
    let public = at.join("public");
    let target = public.to_str().unwrap();
    write_big_site(&root, 6, "Old");
    plenary_ok(&root, &["build", "-o", target]);
    fs::write(public.join("CNAME"), "notes.example.org\n").unwrap();
    let before = snapshot(&public);
    write_big_site(&root, 6, "Renewed");
    // How much the new site's changed files take, from a build elsewhere.
    let reference = tmp.path().join("reference");
    plenary_ok(&root, &["build", "-o", reference.to_str().unwrap()]);
    let need = footprint(&reference);
    let filler = at.join("filler");
    let mut failed = 0;
    for percent in [2, 10, 25, 40, 55, 70, 85, 95] {
        let room = need * percent / 100;
        let fill = free_bytes(&at).saturating_sub(room);
        fs::write(&filler, vec![0u8; fill as usize]).unwrap();
        let out = plenary(&root, &["build", "-o", target]);
        fs::remove_file(&filler).unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            continue;
        }
        failed += 1;
        assert_eq!(out.status.code(), Some(1), "{percent}%: {stderr}");
        assert!(
            stderr.contains("No space left on device"),
            "{percent}%: {stderr}"
        );
        assert_same(
            &before,
            &snapshot(&public),
            &format!("with room for {percent}%"),
        );
    }
    assert!(failed >= 4, "only {failed} builds ran out of space");
    // With the room back, the build goes through and the writer's file stays.
    plenary_ok(&root, &["build", "-o", target]);
    assert!(public.join("CNAME").is_file());
}
