//! Broken and odd sites, as tables: each broken one exits 1 with an error naming the
//! file (and line) and writes nothing; each odd one builds, and its text is shown safely.

mod common;

use common::*;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

/// A change to the `basic` fixture before building.
enum Setup {
    /// Writes bytes to a file under the site root.
    Write(&'static str, &'static [u8]),
    /// Makes a symbolic link `path -> target`.
    Link(&'static str, &'static str),
    /// Builds with these arguments instead of `build`.
    Args(&'static [&'static str]),
    /// A plain file where the output directory's parent should be.
    FileAt(&'static str),
}

use Setup::*;

struct Broken {
    what: &'static str,
    setup: &'static [Setup],
    /// Every one of these is in the error output.
    want: &'static [&'static str],
}

const BROKEN: &[Broken] = &[
    Broken {
        what: "a binary file: not UTF-8, with a NUL",
        setup: &[Write("content/2025-01-01-a.md", b"13:00 Talk\n\xff\x00 oops\n")],
        want: &["error: content/2025-01-01-a.md:2:2: the file is not UTF-8 text"],
    },
    Broken {
        what: "a byte no Windows-1252 text has, after a BOM and CRLF",
        setup: &[Write(
            "content/2025-01-01-a.md",
            b"\xef\xbb\xbf13:00 Talk\r\nok\r\n\x81\r\n",
        )],
        want: &["error: content/2025-01-01-a.md:3:1: the file is not UTF-8 text"],
    },
    Broken {
        what: "unterminated front matter",
        setup: &[Write("content/2025-01-01-a.md", b"+++\ntitle = \"a\"\n")],
        want: &["error: content/2025-01-01-a.md:1: front matter opened with `+++` is never closed"],
    },
    Broken {
        what: "TOML syntax error, line in the file",
        setup: &[Write(
            "content/2025-01-01-a.md",
            b"+++\ntitle = \"a\"\ntags = [\"x\"\n+++\n",
        )],
        want: &["error: content/2025-01-01-a.md:3:12: invalid front matter"],
    },
    Broken {
        what: "TOML type error, line in the file",
        setup: &[Write(
            "content/2025-01-01-a.md",
            b"+++\ntitle = \"a\"\ndraft = \"yes\"\n+++\n",
        )],
        want: &["error: content/2025-01-01-a.md:3:9: invalid front matter"],
    },
    Broken {
        what: "a date that is no date",
        setup: &[Write(
            "content/a.md",
            b"+++\n\ntitle = \"a\"\ndate = \"2025-02-30\"\n+++\n",
        )],
        want: &["error: content/a.md:4: `date` is not a date"],
    },
    Broken {
        what: "an unknown timezone",
        setup: &[Write(
            "content/2025-01-01-a.md",
            b"+++\ntimezone = \"Mars/Olympus\"\n+++\n",
        )],
        want: &["error: content/2025-01-01-a.md:2: unknown timezone `Mars/Olympus`"],
    },
    Broken {
        what: "no date",
        setup: &[Write("content/no-date.md", b"13:00 Talk\n")],
        want: &["error: content/no-date.md:1: this event has no date"],
    },
    Broken {
        what: "invalid site.toml: a type error",
        setup: &[Write("site.toml", b"title = \"x\"\nbase_url = 42\n")],
        want: &["error: site.toml:2:12: invalid site.toml"],
    },
    Broken {
        what: "invalid site.toml: a syntax error",
        setup: &[Write("site.toml", b"title = \"x\"\n\nbase_url = \"https://x.org/\n")],
        want: &["error: site.toml:3:", "invalid site.toml"],
    },
    Broken {
        what: "invalid site.toml: an unknown key",
        setup: &[Write("site.toml", b"title = \"x\"\ntitel = \"y\"\n")],
        want: &["error: site.toml:2:1: invalid site.toml: unknown key `titel`: did you mean `title`?"],
    },
    Broken {
        what: "a template that includes itself",
        setup: &[Write("templates/404.html", b"<p>lost</p>\n{% include \"404.html\" %}\n")],
        want: &["error: templates/404.html:2: includes itself", "404.html \u{2192} 404.html"],
    },
    Broken {
        what: "two templates that include each other",
        setup: &[
            Write("templates/tags.html", b"{% include \"speakers.html\" %}"),
            Write("templates/speakers.html", b"x\n{% include \"tags.html\" %}"),
        ],
        want: &["includes itself", "speakers.html \u{2192} tags.html \u{2192} speakers.html"],
    },
    Broken {
        what: "a macro that calls itself unconditionally",
        setup: &[Write(
            "templates/404.html",
            b"{% macro again() %}{{ self::again() }}{% endmacro again %}{{ self::again() }}",
        )],
        want: &["error: templates/404.html:1: calls itself"],
    },
    Broken {
        what: "template syntax error",
        setup: &[Write("templates/event.html", b"<p>\n{% if %}\n")],
        want: &["error: templates/event.html:2:7: Failed to parse 'event.html'"],
    },
    Broken {
        what: "template with an unknown variable",
        setup: &[Write(
            "templates/tags.html",
            b"{% extends \"base.html\" %}\n{% block content %}\n<p>{{ nope.nothing }}</p>\n{% endblock %}\n",
        )],
        want: &["error: templates/tags.html:3: ", "Variable `nope.nothing` not found"],
    },
    Broken {
        what: "two events with the same URL",
        setup: &[Write(
            "content/2025-05-07-civic-data-day.txt",
            b"10:00 Again\n",
        )],
        want: &[
            "content/2025-05-07-civic-data-day.md",
            "content/2025-05-07-civic-data-day.txt",
            "both have the URL /2025/civic-data-day/",
        ],
    },
    Broken {
        what: "output directory is the site root",
        setup: &[Args(&["build", "--output-dir", "."])],
        want: &["error: .: the output directory would replace the site's own files"],
    },
    Broken {
        what: "output directory inside content/",
        setup: &[Args(&["build", "--output-dir", "content/out"])],
        want: &["error: content/out: the output directory is inside `content/`"],
    },
    Broken {
        what: "output directory holding the site",
        setup: &[Args(&["build", "--output-dir", ".."])],
        want: &["the output directory would replace the site's own files"],
    },
    Broken {
        what: "a file where the output directory's parent should be",
        setup: &[
            FileAt("blocker"),
            Args(&["build", "--output-dir", "blocker/public"]),
        ],
        want: &["error: blocker/public: ", "cannot create the output directory"],
    },
    Broken {
        what: "a symbolic link loop",
        setup: &[Link("content/loop", "..")],
        want: &["error: content/loop: a symbolic link loop"],
    },
    Broken {
        what: "a symbolic link to nothing",
        setup: &[Link("content/2025-01-01-gone.md", "/nonexistent/plenary")],
        want: &["error: content/2025-01-01-gone.md: a symbolic link to a missing file"],
    },
    // Issue 17, item 11: every output path is claimed once.
    Broken {
        what: "a tag pattern at the root: the tags index takes the home page",
        setup: &[Write(
            "site.toml",
            b"title = \"Fixture Notes\"\ntimezone = \"Europe/Zurich\"\n[urls]\ntag = \"{tag}/\"\n",
        )],
        want: &[
            "error: the home, tags, speakers or 404 page writes `index.html` twice",
            "give one of them another URL",
        ],
    },
    Broken {
        what: "a tag pattern under speakers/: the tags index takes the speakers index",
        setup: &[Write(
            "site.toml",
            b"title = \"Fixture Notes\"\n[urls]\ntag = \"speakers/{tag}/\"\n",
        )],
        want: &["writes `speakers/index.html` twice"],
    },
    Broken {
        what: "an event with the slug `search` takes the search page",
        setup: &[
            Write("site.toml", b"[urls]\nevent = \"{slug}/\"\n"),
            Write(
                "content/2025-02-02-finding-things.md",
                b"+++\ntitle = \"Finding things\"\nslug = \"search\"\n+++\n",
            ),
        ],
        want: &[
            "the event of content/2025-02-02-finding-things.md and the site feed, sitemap, robots.txt or search page both write `search/index.html`",
        ],
    },
    Broken {
        what: "an event with the slug `tags` takes the tags index",
        setup: &[
            Write("site.toml", b"[urls]\nevent = \"{slug}/\"\n"),
            Write(
                "content/2025-02-02-labels.md",
                b"+++\ntitle = \"Labels\"\nslug = \"tags\"\n+++\n",
            ),
        ],
        want: &[
            "the event of content/2025-02-02-labels.md and the home, tags, speakers or 404 page both write `tags/index.html`",
        ],
    },
];

fn apply(root: &Path, setup: &[Setup]) -> Vec<&'static str> {
    let mut args = vec!["build"];
    for step in setup {
        match step {
            Write(rel, bytes) => {
                let path = root.join(rel);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(path, bytes).unwrap();
            }
            Link(rel, target) => symlink(target, root.join(rel)).unwrap(),
            Args(a) => args = a.to_vec(),
            FileAt(rel) => fs::write(root.join(rel), "not a folder").unwrap(),
        }
    }
    args
}

#[test]
fn broken_sites_exit_1_naming_file_and_line() {
    let mut failures = Vec::new();
    for case in BROKEN {
        let (_tmp, root) = fixture("basic");
        let args = apply(&root, case.setup);
        let out = plenary(&root, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.code() != Some(1) {
            failures.push(format!("{}: exit {:?}: {stderr}", case.what, out.status));
            continue;
        }
        for want in case.want {
            if !stderr.contains(want) {
                failures.push(format!("{}: expected {want:?} in {stderr}", case.what));
            }
        }
        if stderr.contains("panicked") {
            failures.push(format!("{}: panic: {stderr}", case.what));
        }
        if root.join("public").exists() {
            failures.push(format!("{}: wrote public/", case.what));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Odd but valid notes: each builds, and the words it names are on the event page.
struct Odd {
    what: &'static str,
    file: &'static str,
    text: fn() -> Vec<u8>,
    page: &'static str,
    shown: &'static [&'static str],
}

const ODD: &[Odd] = &[
    Odd {
        what: "an empty file",
        file: "content/2025-03-01-quiet-day.md",
        text: Vec::new,
        page: "2025/quiet-day/index.html",
        shown: &["Quiet day"],
    },
    Odd {
        what: "only front matter",
        file: "content/2025-03-01-framed.md",
        text: || b"+++\ntitle = \"Framed Only\"\n+++".to_vec(),
        page: "2025/framed/index.html",
        shown: &["Framed Only"],
    },
    Odd {
        what: "BOM, CRLF and tabs",
        file: "content/2025-03-02-windows.md",
        text: || {
            "\u{feff}+++\r\ntitle = \"Saved On Windows\"\r\n+++\r\n13:00\tTabbed talk\r\nAna Lima\r\n-\tpoint one\r\n\r\n\tindented code\r\n"
                .as_bytes()
                .to_vec()
        },
        page: "2025/windows/index.html",
        shown: &[
            "Saved On Windows",
            "Tabbed talk",
            "Ana Lima",
            "point one",
            "indented code",
        ],
    },
    Odd {
        what: "saved as Windows-1252 (an old editor's ANSI)",
        file: "content/2025-03-08-ansi.md",
        text: || b"13:00 Caf\xe9 cr\xe8me \x96 \x93Gr\xfc\xdfe\x94\r\nIt\x92s \x805\r\n".to_vec(),
        page: "2025/ansi/index.html",
        shown: &["Café crème – “Grüße”", "It’s €5"],
    },
    Odd {
        what: "saved as UTF-16 with its mark (Notepad's Unicode)",
        file: "content/2025-03-09-unicode.md",
        text: || {
            let text = "13:00 Ünïcode talk\r\nZoë Ōtake\r\n- 東京 notes\r\n";
            let mut bytes = vec![0xff, 0xfe];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        },
        page: "2025/unicode/index.html",
        shown: &["Ünïcode talk", "Zoë Ōtake", "東京 notes"],
    },
    Odd {
        what: "old Mac line ends",
        file: "content/2025-03-03-classic.md",
        text: || b"13:00 Only CR\rBody line\r".to_vec(),
        page: "2025/classic/index.html",
        shown: &["Only CR", "Body line"],
    },
    Odd {
        what: "impossible times",
        file: "content/2025-03-04-clock.md",
        text: || {
            b"25:99 Not a session\n13:61 Nor this\n24:00 Nor midnight\n9:00 Real one\n".to_vec()
        },
        page: "2025/clock/index.html",
        shown: &["25:99 Not a session", "13:61 Nor this", "Real one"],
    },
    Odd {
        what: "deeply nested quotes",
        file: "content/2025-03-05-quotes.md",
        text: || format!("10:00 Quotes\n{}deep quote\n", "> ".repeat(5000)).into_bytes(),
        page: "2025/quotes/index.html",
        shown: &["deep quote"],
    },
    Odd {
        what: "deeply nested lists",
        file: "content/2025-03-06-lists.md",
        text: || {
            // 2,500 levels: deep, and still under the 8 MiB a notes file may have.
            let mut s = String::from("10:00 Lists\n");
            for i in 0..2500 {
                s.push_str(&"  ".repeat(i));
                s.push_str("- level\n");
            }
            s.push_str(&format!("{}- bottom item\n", "- ".repeat(2500)));
            s.into_bytes()
        },
        page: "2025/lists/index.html",
        shown: &["bottom item"],
    },
    Odd {
        what: "deeply nested brackets and emphasis",
        file: "content/2025-03-07-brackets.md",
        text: || {
            format!(
                "10:00 Brackets\n{}x{}\n{}y{}\n",
                "[".repeat(20000),
                "](u)".repeat(20000),
                "*_".repeat(20000),
                "_*".repeat(20000)
            )
            .into_bytes()
        },
        page: "2025/brackets/index.html",
        shown: &["Brackets"],
    },
];

#[test]
fn odd_notes_build_and_show_their_text() {
    let mut failures = Vec::new();
    for case in ODD {
        let (_tmp, root) = fixture("basic");
        fs::write(root.join(case.file), (case.text)()).unwrap();
        let out = plenary(&root, &["build"]);
        if !out.status.success() {
            failures.push(format!(
                "{}: exit {:?}: {}",
                case.what,
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let doc = html(&root.join("public").join(case.page));
        let shown = text(&select(&doc, "main")[0]);
        for want in case.shown {
            if !shown.contains(want) {
                failures.push(format!("{}: {want:?} not on the page", case.what));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Whether a character may appear raw in XML 1.0 (and so in HTML text, safely).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
        || matches!(c as u32, 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

#[test]
fn control_characters_are_shown_as_pictures_never_raw() {
    let (_tmp, root) = fixture("basic");
    fs::write(
        root.join("content/2025-03-08-controls.md"),
        "+++\ntitle = \"Bell\\u0007 and \\u0000 in front\"\nlocation = \"Room\\u001b[31m\"\ntags = [\"x\\u0001y\"]\n+++\n\
         #ctl\n13:00 Null\0here and bell\x07 \x1b[31mred\u{fffe}\nAna Lima\n- vertical\x0btab and \x7fdel and \u{85}next\n",
    )
    .unwrap();
    plenary_ok(&root, &["build"]);
    let out = root.join("public");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let ext = entry.path().extension().and_then(|e| e.to_str());
        if !matches!(ext, Some("html" | "xml" | "json" | "ics")) {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        if let Some(bad) = text.chars().find(|c| !xml_char(*c) && *c != '\u{85}') {
            panic!("{}: raw U+{:04X}", entry.path().display(), bad as u32);
        }
        match ext {
            Some("xml") => {
                roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
            }
            Some("json") => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
            }
            _ => {}
        }
        checked += 1;
    }
    assert!(checked > 10, "{checked}");
    let doc = html(&out.join("2025/controls/index.html"));
    let shown = text(&select(&doc, "main")[0]);
    for want in [
        "Bell␇ and ␀ in front",
        "Null␀here and bell␇ ␛[31mred\u{fffd}",
        "vertical␋tab and ␡del",
    ] {
        assert!(shown.contains(want), "{want:?} not in {shown}");
    }
}

#[test]
fn twenty_thousand_sessions_build() {
    let (_tmp, root) = fixture("basic");
    let mut notes = String::new();
    for i in 0..20_000 {
        notes.push_str(&format!(
            "{:02}:{:02} Session number {i}\n- note {i}\n",
            (i / 60) % 24,
            i % 60
        ));
    }
    fs::write(root.join("content/2025-04-01-marathon.md"), notes).unwrap();
    // Without session pages: 20,000 folders would test the disk, not the parser.
    let config = fs::read_to_string(root.join("site.toml")).unwrap();
    fs::write(
        root.join("site.toml"),
        format!("session_pages = false\n{config}"),
    )
    .unwrap();
    plenary_ok(&root, &["build"]);
    let doc = html(&root.join("public/2025/marathon/index.html"));
    let sessions = select(&doc, "main [id]")
        .iter()
        .filter(|e| {
            e.value()
                .id()
                .is_some_and(|id| id.contains("session-number"))
        })
        .count();
    assert_eq!(sessions, 20_000);
}

#[test]
fn unreadable_files_and_unwritable_output_are_clear_errors() {
    let (_tmp, root) = fixture("basic");
    open_up(&root);
    let notes = root.join("content/2025-05-07-civic-data-day.md");
    fs::set_permissions(&notes, fs::Permissions::from_mode(0o000)).unwrap();
    let out = match as_nobody(&root, &["build"]) {
        Some(out) => out,
        None => {
            // Not root: permissions bite this process directly.
            plenary(&root, &["build"])
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error: content/2025-05-07-civic-data-day.md: Permission denied"),
        "{stderr}"
    );

    fs::set_permissions(&notes, fs::Permissions::from_mode(0o644)).unwrap();
    let locked = root.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    let args = ["build", "--output-dir", "locked/public"];
    let out = as_nobody(&root, &args).unwrap_or_else(|| plenary(&root, &args));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("locked/public") && stderr.contains("Permission denied"),
        "{stderr}"
    );
}

#[test]
fn a_full_disk_or_read_only_output_is_a_clear_error() {
    let (tmp, root) = fixture("basic");
    let cases = [
        ("size=16k", "No space left on device"),
        ("ro,size=1m", "Read-only file system"),
    ];
    for (i, (options, want)) in cases.into_iter().enumerate() {
        let at = tmp.path().join(format!("disk{i}"));
        let Some(_mount) = Mount::or_skip(
            &at,
            options,
            "a_full_disk_or_read_only_output_is_a_clear_error",
        ) else {
            return;
        };
        let target = at.join("public");
        let out = plenary(&root, &["build", "--output-dir", target.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{options}: {stderr}");
        assert!(
            stderr.contains(&format!("error: {}", target.display())) && stderr.contains(want),
            "{options}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        // Nothing half-written is left behind.
        let left: Vec<_> = fs::read_dir(&at).unwrap().collect();
        assert!(left.is_empty(), "{options}: {left:?}");
    }
    // A build into a full disk that already holds a site keeps the old pages whole.
    let at = tmp.path().join("disk-update");
    // Room for the fixture's site with its search index, not for the big page besides
    // it.
    let Some(_mount) = Mount::or_skip(
        &at,
        "size=1m",
        "a_full_disk_or_read_only_output_is_a_clear_error",
    ) else {
        return;
    };
    let target = at.join("public");
    let target_arg = target.to_str().unwrap();
    plenary_ok(&root, &["build", "--output-dir", target_arg]);
    let page = target.join("2025/civic-data-day/index.html");
    let before = fs::read(&page).unwrap();
    let big = format!("13:00 Big\n{}\n", "- filler line\n".repeat(40_000));
    fs::write(root.join("content/2025-05-07-civic-data-day.md"), big).unwrap();
    let out = plenary(&root, &["build", "--output-dir", target_arg]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    let after = fs::read(&page).unwrap();
    assert!(after == before, "the old page is whole after a full disk");
}

/// Runs plenary with a time limit, so that a regression that waits forever fails the
/// test instead of hanging it.
fn plenary_bounded(root: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("timeout")
        .arg("30")
        .arg(env!("CARGO_BIN_EXE_plenary"))
        .args(args)
        .current_dir(root)
        .output()
        .expect("run plenary under timeout")
}

#[test]
fn unbounded_inputs_are_refused_before_reading() {
    let (_tmp, root) = fixture("basic");
    let out = plenary_bounded(&root, &["new", "Endless", "--schedule", "/dev/zero"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("/dev/zero") && stderr.contains("not a regular file"),
        "{stderr}"
    );

    let big = root.join("content/2025-02-02-huge.md");
    let line = "- a note typed over and over to make a very large file\n";
    fs::write(&big, line.repeat((9 << 20) / line.len())).unwrap();
    let out = plenary_bounded(&root, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("content/2025-02-02-huge.md") && stderr.contains("8 MiB"),
        "{stderr}"
    );
}

#[test]
fn type_errors_speak_the_writers_words_not_rusts() {
    let (_tmp, root) = fixture("basic");
    fs::write(
        root.join("site.toml"),
        "title = \"x\"\npaginate_by = \"ten\"\n",
    )
    .unwrap();
    let out = plenary(&root, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "site.toml:2:15: invalid site.toml: expected a whole number, not the text \"ten\""
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("usize"), "{stderr}");
    fs::write(root.join("site.toml"), "title = \"x\"\n").unwrap();
    fs::write(
        root.join("content/2025-01-02-tags.md"),
        "+++\ntitle = \"Tags\"\ntags = \"ai, opensource\"\n+++\n10:00 Talk\n",
    )
    .unwrap();
    let out = plenary(&root, &["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "content/2025-01-02-tags.md:3:8: invalid front matter: expected a list, like [\"ai\", \"opensource\"]"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("sequence"), "{stderr}");
}

#[test]
fn inspect_on_a_pipe_is_refused_not_waited_on() {
    let (_tmp, root) = fixture("basic");
    let fifo = root.join("content/2025-02-03-pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return skipped(
            "inspect_on_a_pipe_is_refused_not_waited_on",
            "no mkfifo here",
        );
    }
    let out = plenary_bounded(&root, &["inspect", "content/2025-02-03-pipe.md"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
    // A build passes the pipe by (it is not a notes file anyone typed).
    let out = plenary_bounded(&root, &["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
