//! Notes reader benchmark: every notes file under the folders given (default: the
//! test corpus, `tests/corpus`) read into memory once, then parsed by the loader again
//! and again in one thread, as a cold build parses each event; prints the milliseconds
//! of a pass over all files (median of the passes) and the slowest files.
//!
//!     cargo bench --bench notes                              # tests/corpus, 20 passes
//!     cargo bench --bench notes -- DIR/content 5             # a site's notes, 5 passes

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn notes_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            notes_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md" || e == "txt") {
            out.push(path);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let passes: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(20);
    let mut dirs: Vec<PathBuf> = args
        .iter()
        .filter(|a| a.parse::<usize>().is_err())
        .map(PathBuf::from)
        .collect();
    if dirs.is_empty() {
        dirs.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"));
    }
    let mut paths = Vec::new();
    for dir in &dirs {
        notes_files(dir, &mut paths);
    }
    let files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .filter_map(|p| Some((p.clone(), std::fs::read_to_string(&p).ok()?)))
        .collect();
    if files.is_empty() {
        eprintln!("no .md or .txt files under {dirs:?}");
        std::process::exit(2);
    }
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut per_file = vec![Duration::ZERO; files.len()];
    let mut pass_times = Vec::with_capacity(passes);
    let mut sessions = 0;
    for _ in 0..passes.max(1) {
        let pass = Instant::now();
        sessions = 0;
        for (k, (path, text)) in files.iter().enumerate() {
            let start = Instant::now();
            if let Ok(parsed) = plenary::notes::parse(path, text) {
                sessions += parsed.event.sessions.len();
            }
            per_file[k] += start.elapsed();
        }
        pass_times.push(pass.elapsed());
    }
    pass_times.sort();
    let median = pass_times[pass_times.len() / 2];
    println!(
        "{} files, {:.1} MiB, {} sessions: {:.1} ms a pass (median of {}, min {:.1} ms), {:.1} MiB/s",
        files.len(),
        bytes as f64 / 1048576.0,
        sessions,
        median.as_secs_f64() * 1e3,
        pass_times.len(),
        pass_times[0].as_secs_f64() * 1e3,
        bytes as f64 / 1048576.0 / median.as_secs_f64(),
    );
    let mut slowest: Vec<usize> = (0..files.len()).collect();
    slowest.sort_by_key(|&k| std::cmp::Reverse(per_file[k]));
    for &k in slowest.iter().take(5) {
        println!(
            "  {:>8.2} ms  {}",
            per_file[k].as_secs_f64() * 1e3 / pass_times.len() as f64,
            files[k].0.display()
        );
    }
}
