//! Build benchmark: generates a synthetic corpus in-process at several sizes and times
//! the release `plenary` binary on it: cold build, rebuild with nothing changed,
//! rebuild after one edited event, peak memory; next to the floor of just creating
//! that many folders and files of the same sizes on this disk.
//!
//!     cargo bench --bench build                 # 50, 500 and 2000 events
//!     cargo bench --bench build -- 500          # one size
//!     cargo bench --bench build -- 500 --no-session-pages

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "open",
    "source",
    "model",
    "data",
    "agent",
    "sovereign",
    "cloud",
    "compute",
    "training",
    "inference",
    "weights",
    "licence",
    "community",
    "public",
    "sector",
    "privacy",
    "benchmark",
    "reasoning",
    "token",
    "dataset",
    "pipeline",
    "governance",
    "audit",
    "transparency",
    "hardware",
    "energy",
    "cluster",
    "research",
    "policy",
    "standard",
];
const TAGS: &[&str] = &[
    "opensourceai",
    "opendata",
    "sovereignty",
    "llm",
    "policy",
    "devops",
    "research",
    "security",
    "education",
    "hardware",
    "ethics",
    "community",
    "cloud",
    "health",
    "mobility",
    "climate",
];
const FIRST: &[&str] = &[
    "Anna", "Luca", "Mira", "Jonas", "Sara", "Tim", "Lea", "Noah", "Eva", "Ravi", "Yuki", "Omar",
];
const LAST: &[&str] = &[
    "Meier", "Rossi", "Keller", "Dubois", "Tanaka", "Okafor", "Novak", "Berg", "Silva", "Huber",
];
const ORGS: &[&str] = &[
    "University of Bern",
    "Open Data Lab",
    "Swiss Cloud AG",
    "Federal Office",
    "Research Centre",
];

/// A small deterministic generator (xorshift), so every run writes the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn sentence(rng: &mut Rng, min: usize, max: usize, tags: bool) -> String {
    let n = min + rng.below(max - min + 1);
    let mut words: Vec<String> = (0..n).map(|_| rng.pick(WORDS).to_string()).collect();
    if rng.chance(30) {
        let i = rng.below(words.len());
        words[i] = format!("*{}*", words[i]);
    }
    if rng.chance(15) {
        words.push(format!("[link](https://example.org/{})", rng.pick(WORDS)));
    }
    if tags && rng.chance(12) {
        words.push(format!("#{}", rng.pick(TAGS)));
    }
    let s = words.join(" ");
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect::<String>())
        .unwrap_or_default()
        + "."
}

/// One event's notes: front matter, an introduction, 15 to 25 sessions.
fn event(i: usize, rng: &mut Rng) -> (String, String) {
    let day = jiff::civil::date(2015, 1, 5) + jiff::Span::new().days(i as i64 * 3);
    let tags: Vec<String> = (0..1 + rng.below(3))
        .map(|_| format!("\"{}\"", rng.pick(TAGS)))
        .collect();
    let mut out = format!(
        "+++\ntitle = \"Event {i:04}: {} {} Conference\"\ndate = {day}\nlocation = \"Bern\"\ntags = [{}]\n+++\n\n",
        rng.pick(WORDS),
        rng.pick(WORDS),
        tags.join(", ")
    );
    for _ in 0..1 + rng.below(3) {
        out.push_str(&sentence(rng, 20, 40, true));
        out.push_str("\n\n");
    }
    let mut minute = 9 * 60;
    for _ in 0..15 + rng.below(11) {
        let time = format!("{:02}:{:02}", minute / 60, minute % 60);
        if rng.chance(12) {
            out.push_str(&format!("{time} Coffee break\n"));
            for _ in 0..rng.below(3) {
                out.push_str(&format!("- {}\n", sentence(rng, 8, 22, true)));
            }
        } else {
            let title = sentence(rng, 3, 8, false);
            out.push_str(&format!("{time} {}\n", title.trim_end_matches('.')));
            out.push_str(&format!(
                "{} {}, {}\n",
                rng.pick(FIRST),
                rng.pick(LAST),
                rng.pick(ORGS)
            ));
            for _ in 0..2 + rng.below(7) {
                out.push_str(&format!("- {}\n", sentence(rng, 8, 22, true)));
            }
        }
        out.push('\n');
        minute += [15, 20, 30, 35, 45][rng.below(5)];
    }
    (format!("{day}-event-{i:04}.md"), out)
}

fn write_corpus(root: &Path, events: usize, session_pages: bool) {
    let _ = fs::remove_dir_all(root);
    fs::create_dir_all(root.join("content")).unwrap();
    fs::write(
        root.join("site.toml"),
        format!("title = \"Bench\"\nbase_url = \"https://example.org/\"\nsession_pages = {session_pages}\n"),
    )
    .unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for i in 0..events {
        let (name, text) = event(i, &mut rng);
        fs::write(root.join("content").join(name), text).unwrap();
    }
}

/// Runs the binary, returning wall time and peak resident memory in KiB.
// The child is reaped by `wait4`, which also reports its peak memory.
#[allow(clippy::zombie_processes)]
fn run(root: &Path, args: &[&str]) -> (Duration, i64) {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .current_dir(root)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run plenary");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; both out-pointers are valid for the call.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert!(
        pid > 0 && status == 0,
        "plenary {args:?} failed in {}",
        root.display()
    );
    (elapsed, usage.ru_maxrss)
}

/// The disk's floor: create the same folders and files, same sizes, sequentially.
fn floor(output: &Path, scratch: &Path) -> Duration {
    let files: Vec<(PathBuf, u64)> = walkdir::WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(output).unwrap().to_path_buf(),
                e.metadata().map(|m| m.len()).unwrap_or(0),
            )
        })
        .collect();
    let _ = fs::remove_dir_all(scratch);
    let bytes = vec![b'x'; files.iter().map(|f| f.1).max().unwrap_or(0) as usize];
    let start = Instant::now();
    for (rel, len) in &files {
        let path = scratch.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, &bytes[..*len as usize]).unwrap();
    }
    start.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn bench(events: usize, session_pages: bool, scratch: &Path) {
    let root = scratch.join(format!("site-{events}"));
    write_corpus(&root, events, session_pages);
    let out = root.join("public");
    let mut cold = Vec::new();
    let mut peak = 0;
    for _ in 0..3 {
        // Cold: no output and no cache of earlier parses or pages.
        let _ = fs::remove_dir_all(&out);
        let _ = fs::remove_dir_all(root.join(".plenary"));
        let (t, m) = run(&root, &["build"]);
        cold.push(t);
        peak = peak.max(m);
    }
    let noop: Vec<Duration> = (0..3).map(|_| run(&root, &["build"]).0).collect();
    let edited = root
        .join("content")
        .join(event(0, &mut Rng(0x9e37_79b9_7f4a_7c15)).0);
    let mut edit = Vec::new();
    for i in 0..3 {
        let mut text = fs::read_to_string(&edited).unwrap();
        text.push_str(&format!(
            "\n23:{:02} Added session {i}\n- A new note.\n",
            10 + i
        ));
        fs::write(&edited, text).unwrap();
        edit.push(run(&root, &["build"]).0);
    }
    let files = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    let floors: Vec<Duration> = (0..3)
        .map(|_| floor(&out, &scratch.join("floor")))
        .collect();
    println!(
        "{events:>5} events{}: {files:>6} files | cold {:>8} | floor {:>8} | no change {:>8} | one edited {:>8} | peak {:>4} MiB",
        if session_pages {
            ""
        } else {
            " (no session pages)"
        },
        ms(median(cold)),
        ms(median(floors)),
        ms(median(noop)),
        ms(median(edit)),
        peak / 1024
    );
    let _ = fs::remove_dir_all(&root);
    let _ = fs::remove_dir_all(scratch.join("floor"));
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let session_pages = !args.iter().any(|a| a == "--no-session-pages");
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![50, 500, 2000]
    } else {
        sizes
    };
    let scratch = tempfile::tempdir().expect("temp dir");
    println!(
        "plenary build benchmark (medians of 3; binary {})",
        env!("CARGO_BIN_EXE_plenary")
    );
    for n in sizes {
        bench(n, session_pages, scratch.path());
    }
}
