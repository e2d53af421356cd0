//! `plenary now [TITLE] [--speaker NAME] [--event FILE]`: appends a session marker with
//! the current time in the event's timezone to the event happening now.

use crate::config::Config;
use crate::encoding;
use crate::error::{Error, Result};
use crate::load;
use crate::model::{Event, Zone};
use crate::notes::speakers;
use crate::schedule::Talk;
use crate::schedule::notes::{day_marker, marker_line};
use jiff::Timestamp;
use jiff::civil::Date;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `plenary now` was asked for (its command-line arguments).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct NowArgs {
    /// The session's title.
    pub title: Option<String>,
    /// Who is speaking.
    #[arg(long)]
    pub speaker: Option<String>,
    /// The notes file (default: today's event, else the latest).
    #[arg(long)]
    pub event: Option<PathBuf>,
    /// A photo to show in the current session: copied into `photos/` beside the
    /// notes file, and appended as `![ALT](photos/NAME)`. Without a TITLE no new
    /// session starts.
    #[arg(long)]
    pub photo: Option<PathBuf>,
    /// What the photo shows, for readers who cannot see it (its alt text).
    #[arg(long, requires = "photo")]
    pub alt: Option<String>,
}

/// What was appended, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    /// The notes file, relative to the site root.
    pub path: PathBuf,
    /// The lines added (without the blank separator).
    pub text: String,
}

fn today_in(event: &Event, config: &Config, now: Timestamp) -> Date {
    now.to_zoned_datetime(Zone::of(event, &config.zone()).tz)
        .date()
}

/// The event to write to: one happening today (in its own zone). Never a past or a
/// future event: writing there takes `--event FILE`.
pub fn pick<'e>(events: &'e [Event], config: &Config, now: Timestamp) -> Option<&'e Event> {
    events
        .iter()
        .filter_map(|e| e.date.map(|d| (d, e)))
        .filter(|(d, e)| {
            let today = today_in(e, config, now);
            *d <= today && today <= e.last_date().unwrap_or(*d)
        })
        .max_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// Why there is no event to write to, with the nearest events to name with `--event`.
fn no_event_today(events: &[Event], config: &Config, now: Timestamp) -> Error {
    if events.is_empty() {
        return Error::msg(
            "no event under content/ to write to: create one with `plenary new TITLE`",
        );
    }
    let mut dated: Vec<&Event> = events.iter().collect();
    dated.sort_by_key(|e| std::cmp::Reverse(e.date));
    let listed: Vec<String> = dated
        .iter()
        .take(5)
        .map(|e| {
            let when = e.date.map_or("no date".to_string(), |d| d.to_string());
            format!("  {} ({when}): {}", e.source.display(), e.title)
        })
        .collect();
    let today = now.to_zoned_datetime(config.zone().tz).date();
    Error::msg(format!(
        "no event is on today ({today}), and plenary does not write into a past or future event unless told: name one with --event FILE, or start today's with `plenary new TITLE`. The latest events:\n{}",
        listed.join("\n")
    ))
}

/// The notes file `--event` names, relative to the site root: only a notes file under
/// `content/`, so that `now` can never append to site.toml or anything else.
fn named_event(root: &Path, file: &Path) -> Result<PathBuf> {
    let given = if file.is_absolute() {
        file.to_path_buf()
    } else {
        root.join(file)
    };
    let inside = match (given.canonicalize(), root.join("content").canonicalize()) {
        (Ok(full), Ok(content)) => full.starts_with(content),
        _ => false,
    };
    match inside && load::is_notes_file(&given) {
        true => Ok(load::relative(root, &given)),
        false => Err(Error::at(
            file,
            "is not an event's notes file: --event takes a .md or .txt file under content/",
        )),
    }
}

/// The text as one line: line breaks, tabs and control characters become single
/// spaces, so that a title can never add a line (a session, a day marker) of its own.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Appends the marker (and a day marker first when a new day of the event has begun).
pub fn append(root: &Path, args: &NowArgs, now: Timestamp) -> Result<Appended> {
    let config = Config::load_site(root)?;
    let event = match &args.event {
        Some(file) => load::load_event(root, &named_event(root, file)?)?.event,
        None => {
            let loaded = load::load_content(root, true)?;
            pick(&loaded.events, &config, now)
                .cloned()
                .ok_or_else(|| no_event_today(&loaded.events, &config, now))?
        }
    };
    let here = now.to_zoned_datetime(Zone::of(&event, &config.zone()).tz);
    let today = here.date();

    let mut lines = Vec::new();
    // A photo alone goes into the session being written; a title starts a new one.
    let new_session = args.photo.is_none() || args.title.is_some() || args.speaker.is_some();
    let within = event
        .date
        .is_some_and(|d| d <= today && today <= event.last_date().unwrap_or(d));
    let last_day = event.days.last().and_then(|d| d.date).or(event.date);
    if new_session && within && event.date != Some(today) && last_day.is_some_and(|d| d < today) {
        lines.push(day_marker(event.date, today));
        lines.push(String::new());
    }
    let title = args
        .title
        .as_deref()
        .map(one_line)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "Untitled session".into());
    // The same line `new` writes for a talk: ` | ` before a title that would otherwise
    // be read as part of the time.
    if new_session {
        lines.push(marker_line(&Talk {
            day: None,
            start: here.datetime(),
            end: None,
            title,
            speakers: Vec::new(),
            room: None,
        }));
    }
    if let Some(sp) = args
        .speaker
        .as_deref()
        .map(one_line)
        .filter(|s| !s.is_empty())
    {
        lines.push(match speakers::speaker_text(&sp) {
            Some(_) => sp,
            None => format!("Speakers: {sp}"),
        });
    }
    if let Some(photo) = &args.photo {
        if new_session {
            lines.push(String::new());
        }
        let rel = copy_photo(root, &event.source, photo)?;
        let alt = args.alt.as_deref().map(one_line).unwrap_or_default();
        let alt = alt.replace('[', "\\[").replace(']', "\\]");
        lines.push(format!("![{alt}](<{rel}>)"));
    }
    let text = lines.join("\n") + "\n";

    let path = root.join(&event.source);
    let current = std::fs::read(&path).map_err(|e| Error::io(&event.source, e))?;
    // Appended in the file's own encoding, so the writer's editor still reads it.
    let current = encoding::decode(&event.source, current)?;
    let separator = if current.text.is_empty() || current.text.ends_with("\n\n") {
        ""
    } else if current.text.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    };
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(|e| Error::io(&event.source, e))?;
    file.write_all(&current.encoding.encode(&format!("{separator}{text}")))
        .map_err(|e| Error::io(&event.source, e))?;
    Ok(Appended {
        path: event.source.clone(),
        text,
    })
}

/// Copies `photo` into `photos/` beside the notes file `source` (relative to `root`)
/// and returns its path relative to the notes, as the notes link it. A different file
/// of the same name is kept: the copy gets a number (`stage-2.jpg`).
fn copy_photo(root: &Path, source: &Path, photo: &Path) -> Result<String> {
    let bytes = load::read_file(photo, photo, crate::media::MAX_PHOTO_BYTES)?;
    let name = photo
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .ok_or_else(|| Error::at(photo, "is not a photo's file name"))?;
    let folder = root
        .join(source)
        .parent()
        .map(|p| p.join("photos"))
        .ok_or_else(|| Error::at(source, "has no folder"))?;
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem.to_string(), format!(".{ext}")),
        _ => (name.clone(), String::new()),
    };
    for n in 1..1000 {
        let file = match n {
            1 => name.clone(),
            n => format!("{stem}-{n}{ext}"),
        };
        let target = folder.join(&file);
        match std::fs::read(&target) {
            // The same photo, already there (a second `now --photo`): linked again.
            Ok(existing) if existing == bytes => return Ok(format!("photos/{file}")),
            Ok(_) => continue,
            Err(_) => {
                std::fs::write(&target, &bytes).map_err(|e| Error::io(&target, e))?;
                return Ok(format!("photos/{file}"));
            }
        }
    }
    Err(Error::at(
        &folder,
        "holds too many photos of that name: rename the photo",
    ))
}

/// `plenary now`: appends and says what was added where.
pub fn execute(root: &Path, args: &NowArgs, now: Timestamp) -> Result<()> {
    let done = append(root, args, now)?;
    super::print_stdout(&format!("{}: {}", done.path.display(), done.text))?;
    Ok(())
}
