//! Helpers shared by the integration tests: fixture sites in temp dirs, running the
//! binary, reading output HTML with a real parser.
#![allow(dead_code)]

use scraper::{Html, Selector};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

/// Copies `tests/fixtures/NAME` into a fresh temp dir and returns (guard, site root).
pub fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("site");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        &root,
    );
    (dir, root)
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` by its path relative to `dir` (`/`-separated), with its
/// bytes: an output folder to compare with another. plenary's list of the files it
/// wrote is left out (a build's file count is of the site's files).
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != plenary::output::MANIFEST)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Runs `plenary ARGS` in `dir`.
pub fn plenary(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run plenary")
}

/// Runs `plenary ARGS` in `dir` and fails the test unless it exits 0.
pub fn plenary_ok(dir: &Path, args: &[&str]) -> Output {
    let out = plenary(dir, args);
    assert!(
        out.status.success(),
        "plenary {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn html(path: &Path) -> Html {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel).collect()
}

pub fn text(el: &scraper::ElementRef<'_>) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every HTML file under `out`.
pub fn html_files(out: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().to_path_buf())
        .collect()
}

/// Resolves an internal link (already stripped of `base_path`) to a file in `out`, and
/// checks a `#fragment` names an element id in that file.
pub fn resolve(out: &Path, from: &Path, href: &str, base_path: &str) -> Result<(), String> {
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let target = if path.is_empty() {
        from.to_path_buf()
    } else {
        let Some(rel) = path.strip_prefix(base_path) else {
            return Err(format!("{href} is outside {base_path}"));
        };
        let t = out.join(rel);
        if path.ends_with('/') {
            t.join("index.html")
        } else {
            t
        }
    };
    if !target.is_file() {
        return Err(format!("{href} -> {} does not exist", target.display()));
    }
    if let Some(id) = fragment.filter(|f| !f.is_empty())
        && target.extension().is_some_and(|x| x == "html")
    {
        let doc = html(&target);
        let sel = format!("[id=\"{id}\"]");
        if select(&doc, &sel).is_empty() {
            return Err(format!(
                "{href}: no element with id {id} in {}",
                target.display()
            ));
        }
    }
    Ok(())
}

/// Checks every `href` and `src` of every HTML page that points into the site.
pub fn check_links(out: &Path, site_origin: &str, base_path: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for file in html_files(out) {
        let doc = html(&file);
        for el in select(&doc, "[href], [src]") {
            let v = el.value();
            let Some(link) = v.attr("href").or(v.attr("src")) else {
                continue;
            };
            // Absolute links into the site (canonical, feeds) count as internal.
            let link = match link.strip_prefix(site_origin) {
                Some(path) if path.starts_with(base_path) => path.to_string(),
                _ => link.to_string(),
            };
            if link.starts_with("http:")
                || link.starts_with("https:")
                || link.starts_with("mailto:")
            {
                continue;
            }
            if let Err(e) = resolve(out, &file, &link, base_path) {
                broken.push(format!("{}: {e}", file.display()));
            }
        }
    }
    broken
}

/// A running `plenary serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    /// Everything the server has written to stderr so far.
    pub stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// The server's process id, to read its memory from `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

/// Starts `plenary serve` on a free port in `root` and waits for its address.
pub fn serve(root: &Path) -> Server {
    start(serve_command(root))
}

/// Like [`serve`], with the server's open-file limit (soft and hard) lowered to
/// `files`, as `ulimit -n` would: a few hundred sockets then reach it.
#[cfg(unix)]
pub fn serve_with_file_limit(root: &Path, files: u64) -> Server {
    use std::os::unix::process::CommandExt;
    let mut command = serve_command(root);
    let limit = libc::rlimit {
        rlim_cur: files as libc::rlim_t,
        rlim_max: files as libc::rlim_t,
    };
    // SAFETY: setrlimit is async-signal-safe and only touches the child.
    unsafe {
        command.pre_exec(move || {
            if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    start(command)
}

fn serve_command(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_plenary"));
    command.args(["serve", "--port", "0"]).current_dir(root);
    command
}

fn start(mut command: Command) -> Server {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {first:?}"));
    let port = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // Keep the pipes drained; keep stderr for the tests about errors.
    thread::spawn(move || for _ in out.lines() {});
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let sink = stderr.clone();
    thread::spawn(move || {
        let mut line = String::new();
        while err.read_line(&mut line).is_ok_and(|n| n > 0) {
            sink.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
    Server {
        child,
        port,
        stderr,
    }
}

/// A small tmpfs, unmounted when dropped; `None` where mounting is not allowed (not
/// root). A test that needs one says so on stderr when it has to skip.
pub struct Mount(pub PathBuf);

impl Mount {
    pub fn new(at: &Path, options: &str) -> Option<Mount> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Mount(at.to_path_buf()))
    }

    /// [`Mount::new`], or a SKIPPED line naming `test` where mounting is not allowed.
    pub fn or_skip(at: &Path, options: &str, test: &str) -> Option<Mount> {
        let mount = Mount::new(at, options);
        if mount.is_none() {
            skipped(
                test,
                "cannot mount a tmpfs here (not root); output failures are also checked step by step, without privileges, in src/output/tests.rs",
            );
        }
        mount
    }

    /// Makes the file system read-only, or writable again.
    pub fn remount(&self, options: &str) -> bool {
        Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Says loudly that a test could not run here, so a skip is never mistaken for a pass.
/// Written straight to the process's stderr, past the test harness's capture, so that
/// it shows even when the test passes (CI counts these lines).
pub fn skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {test}: {why}");
}

/// Every file, folder and link under `dir` with its bytes (links as `-> target`), to
/// compare a folder before and after.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let what = if e.path_is_symlink() {
                format!("-> {}", std::fs::read_link(e.path()).unwrap().display()).into_bytes()
            } else if e.file_type().is_dir() {
                b"<dir>".to_vec()
            } else {
                std::fs::read(e.path()).unwrap()
            };
            (rel, what)
        })
        .collect()
}

/// Runs `plenary ARGS` as the unprivileged user `nobody`, so that permissions bite
/// even when the tests run as root; `None` when not root (then permissions already
/// bite for the user running the tests).
pub fn as_nobody(root: &Path, args: &[&str]) -> Option<Output> {
    use std::os::unix::process::CommandExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    Some(
        Command::new(env!("CARGO_BIN_EXE_plenary"))
            .args(args)
            .current_dir(root)
            .uid(65534)
            .gid(65534)
            .output()
            .expect("run plenary"),
    )
}

/// Opens `root` and every folder above it (up to /tmp) to everyone, so that `nobody`
/// can reach and write it.
pub fn open_up(root: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mut dir = root.to_path_buf();
    while let Some(parent) = dir.parent() {
        if parent.as_os_str().is_empty() || dir == Path::new("/tmp") {
            break;
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        dir = parent.to_path_buf();
    }
}

/// Fails with the paths that differ between two snapshots (not their bytes).
pub fn assert_same(
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    after: &std::collections::BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let differ: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: {differ:?}");
}

/// The documents of a built site's search index (`search/d/*.json`), in id order:
/// `title`, `url`, `kind`, `date`, `event`, `speakers`, `tags`, `excerpt`.
pub fn search_records(out: &Path) -> Vec<serde_json::Value> {
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("search/meta.json")).unwrap()).unwrap();
    let chunk = meta["chunk"].as_u64().unwrap() as usize;
    let docs = meta["docs"].as_u64().unwrap() as usize;
    let mut records = Vec::new();
    for n in 0..docs.div_ceil(chunk) {
        let path = out.join(format!("search/d/{n}.json"));
        let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let chunk: Vec<serde_json::Value> = serde_json::from_slice(&text).unwrap();
        records.extend(chunk);
    }
    assert_eq!(records.len(), docs);
    records
}

/// The document ids the search index files under `word` (as folded by the index),
/// read from its shard as the page's script reads it.
pub fn search_postings(out: &Path, word: &str) -> Vec<u64> {
    let prefix: String = word.chars().take(2).collect();
    let path = out.join(format!("search/t/{prefix}.json"));
    let Ok(text) = std::fs::read(&path) else {
        return Vec::new();
    };
    let shard: serde_json::Value = serde_json::from_slice(&text).unwrap();
    let list = shard[word].as_array().cloned().unwrap_or_default();
    let mut id = 0;
    list.chunks(2)
        .map(|p| {
            id += p[0].as_u64().unwrap();
            id
        })
        .collect()
}

/// What `serve` holds for `root` against a full build of it at `base`: fails naming
/// the paths that differ after `step`, and returns the paths served.
pub fn assert_serve_matches_build(
    root: &Path,
    base: &str,
    state: &plenary::serve::rebuild::SiteState,
    step: &str,
) -> Vec<String> {
    let config = plenary::build::load_config(root, Some(base)).unwrap();
    let want: std::collections::BTreeMap<String, Vec<u8>> =
        plenary::build::generate(root, &config, false)
            .unwrap()
            .pages
            .into_iter()
            .map(|p| (p.path, p.bytes))
            .collect();
    let got: std::collections::BTreeMap<String, Vec<u8>> = state
        .pages()
        .into_iter()
        .map(|(k, v)| (k, v.to_vec()))
        .collect();
    assert_same(&want, &got, &format!("after {step}"));
    got.into_keys().collect()
}
