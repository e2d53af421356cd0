//! `plenary now [TITLE] [--speaker NAME] [--event FILE]`: appends a session marker with
//! the current time in the event's timezone to the event happening now.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::load;
use crate::model::Event;
use crate::notes::speakers;
use crate::schedule::notes::day_marker;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
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
    let tz = TimeZone::get(event.timezone.as_deref().unwrap_or(&config.timezone))
        .unwrap_or(TimeZone::UTC);
    now.to_zoned_datetime(tz).date()
}

/// The event to write to: one happening today (in its own zone), else the one that
/// started most recently, else the next to come.
pub fn pick<'e>(events: &'e [Event], config: &Config, now: Timestamp) -> Option<&'e Event> {
    let dated = || events.iter().filter_map(|e| e.date.map(|d| (d, e)));
    let on = dated()
        .filter(|(d, e)| {
            let today = today_in(e, config, now);
            *d <= today && today <= e.last_date().unwrap_or(*d)
        })
        .max_by_key(|(d, _)| *d);
    let started = || {
        dated()
            .filter(|(d, e)| *d <= today_in(e, config, now))
            .max_by_key(|(d, _)| *d)
    };
    let upcoming = || dated().min_by_key(|(d, _)| *d);
    on.or_else(started)
        .or_else(upcoming)
        .map(|(_, e)| e)
        .or_else(|| (events.len() == 1).then(|| &events[0]))
}

/// Appends the marker (and a day marker first when a new day of the event has begun).
pub fn append(root: &Path, args: &NowArgs, now: Timestamp) -> Result<Appended> {
    let config = Config::load_site(root)?;
    let event = match &args.event {
        Some(file) => {
            let rel = load::relative(root, file);
            load::load_event(root, &rel)?.event
        }
        None => {
            let loaded = load::load_content(root, true)?;
            pick(&loaded.events, &config, now).cloned().ok_or_else(|| {
                Error::msg(
                    "no event under content/ to write to: create one with `plenary new TITLE`",
                )
            })?
        }
    };
    let tz = TimeZone::get(event.timezone.as_deref().unwrap_or(&config.timezone))
        .unwrap_or(TimeZone::UTC);
    let here = now.to_zoned_datetime(tz);
    let today = here.date();

    let mut lines = Vec::new();
    let within = event
        .date
        .is_some_and(|d| d <= today && today <= event.last_date().unwrap_or(d));
    let last_day = event.days.last().and_then(|d| d.date).or(event.date);
    if within && event.date != Some(today) && last_day.is_some_and(|d| d < today) {
        lines.push(day_marker(event.date, today));
        lines.push(String::new());
    }
    let title = args
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or("Untitled session");
    lines.push(format!("{} {title}", here.strftime("%H:%M")));
    if let Some(sp) = args
        .speaker
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        lines.push(match speakers::speaker_text(sp) {
            Some(_) => sp.to_string(),
            None => format!("Speakers: {sp}"),
        });
    }
    let text = lines.join("\n") + "\n";

    let path = root.join(&event.source);
    let current = std::fs::read(&path).map_err(|e| Error::io(&event.source, e))?;
    let separator = if current.is_empty() || current.ends_with(b"\n\n") {
        ""
    } else if current.ends_with(b"\n") {
        "\n"
    } else {
        "\n\n"
    };
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(|e| Error::io(&event.source, e))?;
    file.write_all(format!("{separator}{text}").as_bytes())
        .map_err(|e| Error::io(&event.source, e))?;
    Ok(Appended {
        path: event.source.clone(),
        text,
    })
}

/// `plenary now`: appends and says what was added where.
pub fn execute(root: &Path, args: &NowArgs, now: Timestamp) -> Result<()> {
    let done = append(root, args, now)?;
    super::print_stdout(&format!("{}: {}", done.path.display(), done.text))?;
    Ok(())
}
