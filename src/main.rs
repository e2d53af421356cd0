//! The `plenary` command: parses arguments, calls the library, prints errors, and
//! returns the exit code (0 ok, 1 content or build error, 2 usage).

use clap::{Parser, Subcommand};
use plenary::build::BuildOptions;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// mimalloc rather than the system allocator, decided by measurement (2 cores, release
/// build, the 500-event corpus of `gen_corpus.py` with session pages, output on tmpfs,
/// 5 alternating runs, medians): a cold build takes 1.76 s of user CPU and 1.04 s of
/// wall time with mimalloc, 2.07 s and 1.22 s with glibc's allocator (15% less of
/// both); `plenary serve` shows a saved event a median 12 ms after the save against
/// 18 ms (4 alternating runs of `bench/serve_latency.py --events 500`). The price:
/// peak memory of the cold build is 100 MiB against 46 MiB, and building plenary needs
/// a C compiler. A rebuild with nothing changed is the same either way (0.11 s).
/// Builds and saves are what a writer waits for, and 100 MiB is small beside Hugo's
/// 333 MiB on the same corpus, so the allocator stays; drop these two lines (and the
/// dependency) to go back to the system's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A build asks Linux for no transparent huge pages, by measurement (500-event corpus
/// of `gen_corpus.py`, output on tmpfs, alternating runs): mimalloc's arenas otherwise
/// fault in, zero and give back whole 2 MiB pages as a build's pages come and go, so
/// peak memory falls from about 90 to 65 MiB and system time by about a third. Only
/// `build`: the setting is inherited by child processes (the browser `serve --open`
/// starts), and a short-lived process gains most. Elsewhere the call does nothing.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// A static site generator for event live-coverage.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new site that builds at once.
    Init {
        /// Where to create it (the current folder by default).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Start notes for a new event, optionally pre-filled from a published schedule.
    New(plenary::cmd::new::NewArgs),
    /// Serve the site locally, rebuilding and reloading the browser on every save.
    Serve {
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback lets other machines in.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include events marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Append a session starting now to the event happening today.
    Now(plenary::cmd::now::NowArgs),
    /// Build the site into public/ (run from the site root).
    Build {
        /// Publish under this URL, e.g. https://example.org/blog/ (overrides site.toml).
        #[arg(long)]
        base_url: Option<String>,
        /// Where to write the site.
        #[arg(long, short = 'o', default_value = "public")]
        output_dir: PathBuf,
        /// Include events marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Build into an output folder that holds files plenary did not write. plenary
        /// replaces the files it writes and removes none of the others.
        #[arg(long)]
        force: bool,
        /// Write the URLs whose files changed or went away in this build to FILE, one a
        /// line (for a CDN purge).
        #[arg(long, value_name = "FILE")]
        changed: Option<PathBuf>,
        /// Tell the WebSub hub of `hub_url` (site.toml) which feeds changed.
        #[arg(long)]
        ping: bool,
    },
    /// Check every link, anchor and image of the site (and, with --external, links to
    /// other sites).
    Check {
        /// Check as published under this URL (overrides site.toml).
        #[arg(long)]
        base_url: Option<String>,
        /// Include events marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Also try every link to another site: one request per host at a time, each
        /// answer remembered for a day in .plenary/; reported as warnings.
        #[arg(long)]
        external: bool,
        /// With --external: broken external links fail the check too.
        #[arg(long, requires = "external")]
        fail_external: bool,
        /// With --external: seconds one request may take.
        #[arg(long, default_value_t = 10, requires = "external")]
        timeout: u64,
    },
    /// Show what the loader understood of one notes file.
    Inspect {
        /// The notes file.
        file: PathBuf,
        /// Print JSON (schema in docs/inspect.md) instead of an outline.
        #[arg(long, conflicts_with = "explain")]
        json: bool,
        /// Print every line with what it was read as, and why.
        #[arg(long)]
        explain: bool,
    },
}

fn run(cli: Cli) -> plenary::Result<()> {
    match cli.command {
        Command::Build {
            base_url,
            output_dir,
            drafts,
            force,
            changed,
            ping,
        } => {
            no_huge_pages();
            plenary::cmd::build::execute(
                &BuildOptions {
                    root: PathBuf::from("."),
                    output: output_dir,
                    base_url,
                    drafts,
                    force,
                },
                &plenary::cmd::build::AfterBuild { changed, ping },
            )
        }
        Command::Serve {
            port,
            bind,
            open,
            drafts,
        } => plenary::cmd::serve::execute(&plenary::serve::ServeOptions {
            root: PathBuf::from("."),
            port,
            bind,
            open,
            drafts,
        }),
        Command::Check {
            base_url,
            drafts,
            external,
            fail_external,
            timeout,
        } => plenary::cmd::check::execute(&plenary::check::CheckOptions {
            root: PathBuf::from("."),
            base_url,
            drafts,
            external: external.then(|| plenary::check::external::Settings {
                fail: fail_external,
                timeout: std::time::Duration::from_secs(timeout.max(1)),
                ..Default::default()
            }),
        }),
        Command::Inspect {
            file,
            json,
            explain,
        } => plenary::cmd::inspect::execute(&file, json, explain),
        Command::Init { dir } => {
            plenary::cmd::init::execute(&dir, jiff::ZonedDateTime::now().date())
        }
        Command::New(args) => {
            plenary::cmd::new::execute(Path::new("."), &args, jiff::Timestamp::now())
        }
        Command::Now(args) => {
            plenary::cmd::now::execute(Path::new("."), &args, jiff::Timestamp::now())
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            let mut source = std::error::Error::source(&err);
            while let Some(s) = source {
                eprintln!("  caused by: {s}");
                source = s.source();
            }
            ExitCode::from(1)
        }
    }
}
