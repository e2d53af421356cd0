//! `plenary serve`: the site built in memory with a local `base_url`, served over HTTP
//! by a thread per connection up to a limit (`server.rs`), rebuilt on every save by
//! the watcher on the calling thread, and pushed to open browsers. Nothing is written
//! to disk.

mod changes;
pub mod http;
pub mod rebuild;
pub mod reload;
mod request;
mod server;
mod store;
mod timing;

use crate::error::{Error, Result};
use http::Shared;
use notify::{EventKind, RecursiveMode, Watcher};
use rebuild::{Hooks, Outcome, Pages, SiteState};
use reload::Change;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, mpsc};
use std::time::{Duration, Instant};

/// What to serve and how, resolved from the command line once.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root: the folder with `site.toml` and `content/`.
    pub root: PathBuf,
    /// 0 picks a free port.
    pub port: u16,
    pub bind: IpAddr,
    /// Opens the site in the default browser once it is up.
    pub open: bool,
    /// Includes events with `draft = true`.
    pub drafts: bool,
}

/// A burst of file events ends after this much quiet (editors save through temp
/// files, renames and several writes within a few milliseconds)...
const QUIET: Duration = Duration::from_millis(8);
/// ...or after this long, so a file written continuously still shows.
const MAX_BURST: Duration = Duration::from_millis(150);
/// The quiet that ends a burst whose last event left a source file complete (closed
/// after writing, or renamed into place): what follows such an event within a few
/// milliseconds is an editor tidying up (a backup removed, a chmod), and a save seen
/// early is only rendered again if more comes.
const SETTLE: Duration = Duration::from_millis(2);

/// The folders watched below the root, and what a change in each means.
const WATCHED: [&str; 3] = ["content", "templates", "static"];

/// Serves the site until the process is stopped. Fails only when the address cannot
/// be bound or the file watcher cannot start; content errors are shown, not returned.
pub fn serve(options: &ServeOptions) -> Result<()> {
    let addr = SocketAddr::new(options.bind, options.port);
    let listener = std::net::TcpListener::bind(addr).map_err(|e| bind_error(addr, e))?;
    let port = listener.local_addr().map_or(options.port, |a| a.port());
    let host = match options.bind {
        ip if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let base_url = format!("http://{host}:{port}/");
    if !options.bind.is_loopback() {
        tell(&format!(
            "warning: serving on {} so other machines can reach the site (and its drafts); use --bind 127.0.0.1 to keep it local",
            options.bind
        ));
    }

    let pages: Arc<RwLock<Pages>> = Arc::default();
    let shared = Arc::new(Shared {
        pages: pages.clone(),
        hub: reload::Hub::new(),
        ready: AtomicBool::new(false),
        hosts: http::Hosts::for_bind(options.bind),
    });

    // The watcher starts before the first load so that no save in between is lost.
    // Absolute, so that the watcher's paths strip to paths relative to it.
    let root = &options
        .root
        .canonicalize()
        .map_err(|e| Error::io(&options.root, e))?;
    let (tx, rx) = mpsc::channel();
    // Raised as soon as a source changes, so that a rebuild in progress gives way.
    let news = Arc::new(AtomicBool::new(false));
    let (flag, watched_root) = (news.clone(), root.clone());
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = &res
            && counts(&event.kind)
            && event.paths.iter().any(|p| relevant(&watched_root, p))
        {
            flag.store(true, Ordering::SeqCst);
        }
        let _ = tx.send(res);
    })
    .map_err(|e| Error::msg(format!("cannot watch the site's files: {e}")))?;
    let mut watching = [false; WATCHED.len()];
    watch_all(&mut watcher, root, &mut watching)?;

    say(&format!("Serving {base_url} (Ctrl-C to stop)"));
    let mut state = SiteState::new(root, &base_url, options.drafts, pages);
    let start = Instant::now();
    let outcome = state.reload();
    report(&shared, "loaded the site", &outcome, start.elapsed());
    // Requests that came during the first load waited in the listener's queue: no
    // browser sees a half-loaded site.
    server::start(listener, shared.clone())
        .map_err(|e| Error::msg(format!("cannot start serving: {e}")))?;
    if options.open {
        open_browser(&base_url);
    }

    while let Some(batch) = next_batch(&rx, root, state.has_deferred()) {
        news.store(false, Ordering::SeqCst);
        let start = Instant::now();
        if timing::enabled()
            && let Some(first) = batch.first
        {
            tell(&format!(
                "timing debounce: {:.1} ms ({} events)",
                start.duration_since(first).as_secs_f64() * 1000.0,
                batch.paths.len()
            ));
        }
        let mut paths: Vec<PathBuf> = batch
            .paths
            .into_iter()
            .filter(|p| relevant(root, p))
            .collect();
        if watch_all(&mut watcher, root, &mut watching)? {
            paths.extend(WATCHED.iter().map(|d| root.join(d)));
        }
        if paths.is_empty() && !batch.rescan && !state.has_deferred() {
            continue;
        }
        let mut what = if paths.is_empty() {
            "caught up".to_string()
        } else {
            describe(root, &paths)
        };
        let outcome = if batch.rescan {
            state.reload()
        } else {
            let mut first = None;
            let outcome = state.rebuild_with(
                &paths,
                Hooks {
                    early: &mut |changed: &[String]| {
                        first = Some((changed.len(), start.elapsed()));
                        announce(&shared, changed, false);
                    },
                    interrupted: &|| news.load(Ordering::SeqCst),
                },
            );
            if let Some((n, took)) = first {
                what = format!(
                    "{what}: own pages ({n} changed) in {:.1} ms",
                    took.as_secs_f64() * 1000.0
                );
            }
            outcome
        };
        report(&shared, &what, &outcome, start.elapsed());
    }
    Ok(())
}

fn bind_error(addr: SocketAddr, err: std::io::Error) -> Error {
    if err.kind() == std::io::ErrorKind::AddrInUse {
        Error::msg(format!(
            "port {} on {} is already in use: stop the other server or choose another port with --port",
            addr.port(),
            addr.ip()
        ))
    } else {
        Error::msg(format!("cannot listen on {addr}: {err}"))
    }
}

/// Whether a changed path is a source of the site (not `public/`, not an editor's
/// swap file).
fn relevant(root: &Path, path: &Path) -> bool {
    let rel = crate::load::relative(root, path);
    let first = rel.components().next().and_then(|c| c.as_os_str().to_str());
    let source = match first {
        Some("site.toml") => rel.components().count() == 1,
        Some(dir) => WATCHED.contains(&dir),
        None => false,
    };
    source && !changes::is_ignored(&rel)
}

/// Starts watching the folders that exist and are not watched yet; true when one
/// started (it may have been created with files in it).
fn watch_all(
    watcher: &mut impl Watcher,
    root: &Path,
    watching: &mut [bool; WATCHED.len()],
) -> Result<bool> {
    let mut started = false;
    if !watching.iter().any(|w| *w) {
        // The root itself, for `site.toml` and for the folders appearing.
        watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::at(root, format!("cannot watch: {e}")))?;
    }
    for (dir, on) in WATCHED.iter().zip(watching.iter_mut()) {
        let path = root.join(dir);
        let exists = path.is_dir();
        if exists && !*on {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::at(&path, format!("cannot watch: {e}")))?;
            started = true;
        }
        *on = exists;
    }
    Ok(started)
}

/// The paths of one burst of file events.
struct Batch {
    paths: Vec<PathBuf>,
    /// The watcher lost events: everything must be read again.
    rescan: bool,
    /// When the burst's first event came.
    first: Option<Instant>,
}

/// Waits for the next file event, then gathers the rest of its burst. `None` when
/// the watcher has stopped. With `catch_up`, a short quiet returns an empty batch, so
/// that pages left by an interrupted rebuild get rendered.
fn next_batch(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    root: &Path,
    catch_up: bool,
) -> Option<Batch> {
    let mut batch = Batch {
        paths: Vec::new(),
        rescan: false,
        first: None,
    };
    let mut deadline: Option<Instant> = None;
    let mut quiet = QUIET;
    loop {
        let event = match deadline {
            None if catch_up => match rx.recv_timeout(QUIET) {
                Ok(event) => event,
                Err(mpsc::RecvTimeoutError::Timeout) => return Some(batch),
                Err(mpsc::RecvTimeoutError::Disconnected) => return None,
            },
            None => rx.recv().ok()?,
            Some(end) => {
                let left = end.saturating_duration_since(Instant::now()).min(quiet);
                match rx.recv_timeout(left) {
                    Ok(event) => event,
                    Err(_) => return Some(batch),
                }
            }
        };
        match event {
            Ok(event) => {
                if event.need_rescan() {
                    batch.rescan = true;
                }
                if !counts(&event.kind) {
                    continue;
                }
                quiet = if completes(&event.kind)
                    && event.paths.last().is_some_and(|p| relevant(root, p))
                {
                    SETTLE
                } else {
                    QUIET
                };
                batch.paths.extend(event.paths);
            }
            Err(e) => {
                tell(&format!("warning: file watcher: {e}"));
                batch.rescan = true;
                quiet = QUIET;
            }
        }
        if deadline.is_none() && (batch.rescan || !batch.paths.is_empty()) {
            batch.first = Some(Instant::now());
            deadline = Some(Instant::now() + MAX_BURST);
        }
    }
}

/// Whether a file event leaves its (last) path complete: written and closed, or
/// renamed into place.
fn completes(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
    matches!(
        kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
    )
}

/// Whether a file event can mean new content: reads (our own included) and
/// attribute changes cannot.
fn counts(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, ModifyKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// The changed files, for the terminal: a few names, then a count.
fn describe(root: &Path, paths: &[PathBuf]) -> String {
    let mut names: Vec<String> = paths
        .iter()
        .map(|p| crate::load::relative(root, p))
        .filter(|p| !changes::is_ignored(p))
        .map(|p| p.display().to_string())
        .collect();
    names.sort();
    names.dedup();
    match names.len() {
        0 => "files changed".to_string(),
        1..=3 => names.join(", "),
        n => format!("{} and {} more", names[..2].join(", "), n - 2),
    }
}

/// One line per rebuild in the terminal, and the news to the browsers.
fn report(shared: &Shared, what: &str, outcome: &Outcome, took: Duration) {
    for w in &outcome.warnings {
        tell(&format!("{w}"));
    }
    let ms = took.as_secs_f64() * 1000.0;
    match &outcome.error {
        Some(err) => {
            tell(&format!(
                "{what}: error: {err} (still serving the last good site)"
            ));
            let file = err.location.as_ref().map(|l| l.path.display().to_string());
            let line = err.location.as_ref().and_then(|l| l.line);
            shared.hub.failed(file.as_deref(), line, &err.message);
        }
        None => {
            let later = match outcome.deferred {
                0 => String::new(),
                n => format!(" ({n} groups of pages left for a moment: newer changes came in)"),
            };
            say(&format!(
                "{what}; {} pages and feeds rendered, {} of the site's files changed (static files included) in {ms:.1} ms{later}",
                outcome.rendered,
                outcome.changed.len()
            ));
            shared.ready.store(true, Ordering::SeqCst);
            shared.hub.fixed();
        }
    }
    announce(shared, &outcome.changed, outcome.full);
}

/// Tells the browsers which pages changed.
fn announce(shared: &Shared, changed: &[String], full: bool) {
    if !changed.is_empty() {
        let all = full || changed.iter().any(|p| !is_text_output(p));
        shared.hub.changed(&Change {
            paths: changed,
            all,
        });
    }
}

/// Pages and files no page shows inline; a change to anything else (an image, a
/// script, a font) reloads every page. The search index (`search/*.json`) is read by
/// the search page's script when a query is typed: a new one reloads nothing.
fn is_text_output(path: &str) -> bool {
    [".html", ".css", ".xml", ".json", ".ics", ".txt"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// A line on stdout; a closed stdout must not stop the server.
fn say(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

/// A line on stderr, likewise.
fn tell(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn open_browser(url: &str) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        tell(&format!(
            "warning: could not open a browser ({program}: {e}); open {url} yourself"
        ));
    }
}
