//! `plenary new [TITLE] [--schedule FILE] …`: writes `content/{date}-{slug}.md` with
//! front matter, pre-filled with one session per talk of an imported schedule.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::schedule::{self, notes};
use crate::slug::slugify;
use jiff::Timestamp;
use jiff::civil::Date;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `plenary new` was asked for (its command-line arguments).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct NewArgs {
    /// The event's title (default: the schedule's).
    pub title: Option<String>,
    /// First day, YYYY-MM-DD (default: the schedule's, else today).
    #[arg(long)]
    pub date: Option<String>,
    /// Last day of a multi-day event.
    #[arg(long)]
    pub end_date: Option<String>,
    /// Where it takes place.
    #[arg(long)]
    pub location: Option<String>,
    /// Tags, comma-separated: --tags ai,opensource
    #[arg(long, value_delimiter = ',')]
    pub tags: Vec<String>,
    /// IANA timezone, e.g. Europe/Zurich (default: the schedule's, else site.toml's).
    #[arg(long)]
    pub timezone: Option<String>,
    /// A schedule to import: schedule.json (frab/pretalx), schedule.xml or .ics.
    #[arg(long)]
    pub schedule: Option<PathBuf>,
    /// Keep only the talks in this room.
    #[arg(long, requires = "schedule")]
    pub room: Option<String>,
}

fn date_arg(flag: &str, value: &str) -> Result<Date> {
    value.trim().parse::<Date>().map_err(|_| {
        Error::msg(format!(
            "{flag}: `{value}` is not a date: write it as 2025-05-07"
        ))
    })
}

/// Writes the new notes file under `root/content/` and returns its path (relative to
/// `root`). `now` decides the default date. Refuses to overwrite a file.
pub fn create(root: &Path, args: &NewArgs, now: Timestamp) -> Result<PathBuf> {
    let config = Config::load_site(root)?;
    let imported = match &args.schedule {
        Some(path) => {
            let bytes = crate::load::read_file(path, path, crate::load::MAX_SCHEDULE_BYTES)?;
            let decoded = crate::encoding::decode(path, bytes)?;
            if let Some(w) = &decoded.warning {
                eprintln!("{w}");
            }
            let text = decoded.text;
            let s = schedule::parse(path, &text, args.timezone.as_deref(), args.room.as_deref())?;
            for note in &s.notes {
                eprintln!("note: {}: {note}", path.display());
            }
            Some(s)
        }
        None => None,
    };
    let timezone = args
        .timezone
        .clone()
        .or_else(|| imported.as_ref().and_then(|s| s.timezone.clone()));
    // The event's zone, resolved once: for today's date when none is given.
    let zone = match &timezone {
        Some(tz) => crate::model::Zone::named(tz).ok_or_else(|| {
            Error::msg(format!(
                "--timezone: unknown timezone `{tz}`: use an IANA name such as \"Europe/Zurich\""
            ))
        })?,
        None => config.zone(),
    };
    let title = args
        .title
        .clone()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| imported.as_ref().and_then(|s| s.title.clone()))
        .ok_or_else(|| {
            Error::msg("give the event a title: plenary new \"Open Source AI Conference\"")
        })?;
    let date = match &args.date {
        Some(d) => date_arg("--date", d)?,
        None => match imported.as_ref().and_then(|s| s.first_day) {
            Some(d) => d,
            None => now.to_zoned_datetime(zone.tz).date(),
        },
    };
    let end_date = match &args.end_date {
        Some(d) => Some(date_arg("--end-date", d)?),
        None if args.date.is_none() => imported.as_ref().and_then(|s| s.last_day),
        None => None,
    };
    if let Some(end) = end_date
        && end < date
    {
        return Err(Error::msg(format!(
            "--end-date {end} is before the date {date}"
        )));
    }
    let tags: Vec<String> = args
        .tags
        .iter()
        .flat_map(|t| t.split(','))
        .map(|t| t.trim().trim_start_matches('#').to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    let fm = notes::FrontMatter {
        title: title.clone(),
        date: Some(date),
        end_date,
        timezone,
        location: args.location.clone().filter(|l| !l.trim().is_empty()),
        tags,
    };
    let text = match &imported {
        Some(s) => notes::write(&fm, &s.talks),
        None => notes::front_matter(&fm),
    };
    let slug = match slugify(&title) {
        s if s.is_empty() => "event".to_string(),
        s => s,
    };
    let rel = PathBuf::from("content").join(format!("{date}-{slug}.md"));
    let dir = root.join("content");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = root.join(&rel);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::at(
                    &rel,
                    "already exists: nothing was changed (pick another title or --date)",
                )
            } else {
                Error::io(&rel, e)
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(&rel, e))?;
    Ok(rel)
}

/// `plenary new`: creates the file and prints its path.
pub fn execute(root: &Path, args: &NewArgs, now: Timestamp) -> Result<()> {
    let rel = create(root, args, now)?;
    super::print_stdout(&format!("{}\n", rel.display()))?;
    Ok(())
}
