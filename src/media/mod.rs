//! Photos in notes: every `![alt](photo.jpg)` beside a notes file, processed once
//! (upright, metadata stripped, resized, WebP plus JPEG) and cached by content and
//! settings, so a rebuild or a save under `serve` decodes no photo it has seen.
//!
//! [`prepare`] runs between loading and rendering: it finds each event's images,
//! processes the new ones, and returns [`Media`], which the views ask for a photo's
//! `<picture>` and the build asks for the files to write.

pub mod encode;
pub mod html;
pub mod refs;

use crate::encoding;
use crate::error::{Error, Warning};
use crate::model::Event;
use crate::page::Page;
pub use encode::Settings;
use rayon::prelude::*;
use refs::ImageRef;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The largest photo file plenary reads.
pub const MAX_PHOTO_BYTES: u64 = 64 << 20;

/// Where the processed files of every photo are published, under the output root.
const FOLDER: &str = "media";

/// One processed photo: its size upright, and its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// Content and settings hash, in every file name: a changed photo gets new URLs,
    /// so no reader's browser shows a stale copy.
    pub key: String,
    /// The file's stem, slugged, for readable URLs.
    pub stem: String,
    pub width: u32,
    pub height: u32,
    pub variants: Vec<encode::Variant>,
}

impl Photo {
    /// The output path of variant `i`, relative to the output root: the full size
    /// (the last) under the photo's own name, the others with their width.
    pub fn path(&self, i: usize) -> String {
        let Some(v) = self.variants.get(i) else {
            return String::new();
        };
        match i + 1 == self.variants.len() {
            true => format!("{FOLDER}/{}/{}.{}", self.key, self.stem, v.ext),
            false => format!("{FOLDER}/{}/{}-{}.{}", self.key, self.stem, v.width, v.ext),
        }
    }
}

/// Processes photos, keeping each one processed in memory (for `serve`) and on disk
/// (for the next build).
pub struct Photos {
    settings: Settings,
    /// `.plenary/media/`, or none to keep nothing on disk.
    cache_dir: Option<PathBuf>,
    /// Every photo seen, by content hash: processed, or why it could not be (a broken
    /// file is not tried again until it changes).
    done: Mutex<HashMap<u64, Result<Arc<Photo>, String>>>,
    /// Each file's content hash by its size and modification time, so that `serve`
    /// reads no unchanged photo again on a save.
    stamps: Mutex<HashMap<PathBuf, (Stamp, u64)>>,
    decodes: AtomicUsize,
}

/// A file's size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

impl Photos {
    /// A processor with `settings`, caching on disk under `cache_dir` when given.
    pub fn new(settings: Settings, cache_dir: Option<PathBuf>) -> Photos {
        Photos {
            settings,
            cache_dir,
            done: Mutex::new(HashMap::new()),
            stamps: Mutex::new(HashMap::new()),
            decodes: AtomicUsize::new(0),
        }
    }

    /// The processor of a site at `root`, caching in its `.plenary/media/`.
    pub fn for_site(root: &Path) -> Photos {
        Photos::new(
            Settings::default(),
            Some(root.join(".plenary").join("media")),
        )
    }

    /// How many photos this processor has decoded: a cache hit decodes none.
    pub fn decodes(&self) -> usize {
        self.decodes.load(Ordering::Relaxed)
    }

    /// The processed photo of the file at `path` (`shown` names it in errors).
    pub fn process(&self, path: &Path, shown: &Path) -> Result<Arc<Photo>, Error> {
        let stem = path
            .file_stem()
            .map(|s| crate::slug::slugify(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "photo".to_string());
        let stamp: Option<Stamp> = std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| (m.len(), m.modified().ok()));
        let known = stamp.and_then(|stamp| {
            let stamps = self.stamps.lock().unwrap_or_else(|e| e.into_inner());
            stamps
                .get(path)
                .filter(|(s, _)| *s == stamp)
                .map(|(_, h)| *h)
        });
        if let Some(hash) = known {
            match self.memory().get(&hash) {
                Some(Ok(photo)) if photo.stem == stem => return Ok(photo.clone()),
                Some(Err(message)) => return Err(Error::at(shown, message.clone())),
                _ => {}
            }
        }
        let bytes = crate::load::read_file(path, shown, MAX_PHOTO_BYTES)?;
        let hash = content_key(&bytes, &self.settings);
        if let Some(stamp) = stamp {
            let mut stamps = self.stamps.lock().unwrap_or_else(|e| e.into_inner());
            stamps.insert(path.to_path_buf(), (stamp, hash));
        }
        match self.memory().get(&hash) {
            Some(Ok(photo)) if photo.stem == stem => return Ok(photo.clone()),
            Some(Err(message)) => return Err(Error::at(shown, message.clone())),
            _ => {}
        }
        let key = format!("{hash:016x}");
        let photo = match self.read_cached(&key, &stem) {
            Some(photo) => photo,
            None => {
                self.decodes.fetch_add(1, Ordering::Relaxed);
                let encoded = match encode::encode(&bytes, &self.settings) {
                    Ok(encoded) => encoded,
                    Err(message) => {
                        self.memory().insert(hash, Err(message.clone()));
                        return Err(Error::at(shown, message));
                    }
                };
                let photo = Photo {
                    key,
                    stem,
                    width: encoded.width,
                    height: encoded.height,
                    variants: encoded.variants,
                };
                self.write_cached(&photo);
                photo
            }
        };
        let photo = Arc::new(photo);
        self.memory().insert(hash, Ok(photo.clone()));
        Ok(photo)
    }

    fn memory(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Result<Arc<Photo>, String>>> {
        // A panic elsewhere while holding the lock leaves a map that is still whole.
        self.done.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached files of photo `key`: `meta` lists `width height` and one line per
    /// variant (`width height ext`), variant `i` in the file `{i}.{ext}`.
    fn read_cached(&self, key: &str, stem: &str) -> Option<Photo> {
        let dir = self.cache_dir.as_ref()?.join(key);
        let meta = std::fs::read_to_string(dir.join("meta")).ok()?;
        let mut lines = meta.lines();
        let numbers = |line: Option<&str>| -> Option<Vec<String>> {
            Some(line?.split(' ').map(str::to_string).collect())
        };
        let size = numbers(lines.next())?;
        let (width, height) = (size.first()?.parse().ok()?, size.get(1)?.parse().ok()?);
        let mut variants = Vec::new();
        for line in lines {
            let mut parts = line.split(' ');
            let w: u32 = parts.next()?.parse().ok()?;
            let h: u32 = parts.next()?.parse().ok()?;
            let ext = match parts.next()? {
                "webp" => "webp",
                "jpg" => "jpg",
                _ => return None,
            };
            let bytes = std::fs::read(dir.join(format!("{}.{ext}", variants.len()))).ok()?;
            variants.push(encode::Variant {
                width: w,
                height: h,
                ext,
                bytes,
            });
        }
        Some(Photo {
            key: key.to_string(),
            stem: stem.to_string(),
            width,
            height,
            variants,
        })
    }

    /// Stores a processed photo for the next build; a failure only costs the next
    /// build the work again. The folder is written under a temporary name and renamed,
    /// so a build killed half-way leaves no half photo.
    fn write_cached(&self, photo: &Photo) {
        let Some(cache) = &self.cache_dir else {
            return;
        };
        let dir = cache.join(&photo.key);
        if dir.exists() {
            return;
        }
        let tmp = cache.join(format!(".{}.{}", photo.key, std::process::id()));
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&tmp)?;
            let mut meta = format!("{} {}\n", photo.width, photo.height);
            for (i, v) in photo.variants.iter().enumerate() {
                meta.push_str(&format!("{} {} {}\n", v.width, v.height, v.ext));
                std::fs::write(tmp.join(format!("{i}.{}", v.ext)), &v.bytes)?;
            }
            std::fs::write(tmp.join("meta"), meta)?;
            std::fs::rename(&tmp, &dir)
        };
        if write().is_err() {
            std::fs::remove_dir_all(&tmp).ok();
        }
    }
}

/// The photos of a site, ready for the views and the build.
#[derive(Debug, Default)]
pub struct Media {
    /// By the notes file's path and the reference as written.
    photos: HashMap<(PathBuf, String), Arc<Photo>>,
    /// Each event's first photo, which loads at once; later ones load lazily.
    first: HashMap<PathBuf, String>,
    /// Missing files, missing alt text, broken images: `path:line` each.
    pub warnings: Vec<Warning>,
}

impl Media {
    /// The photo `src` of the notes file `source`, if it was processed.
    pub fn photo(&self, source: &Path, src: &str) -> Option<&Photo> {
        self.photos
            .get(&(source.to_path_buf(), src.to_string()))
            .map(|p| &**p)
    }

    /// Whether `src` is the first photo of the notes file `source`.
    pub fn is_first(&self, source: &Path, src: &str) -> bool {
        self.first.get(source).is_some_and(|f| f == src)
    }

    /// The files of every photo, each once.
    pub fn pages(&self) -> Vec<Page> {
        let mut seen = HashSet::new();
        let mut pages = Vec::new();
        for photo in self.photos.values() {
            if !seen.insert(&photo.key) {
                continue;
            }
            for (i, v) in photo.variants.iter().enumerate() {
                pages.push(Page {
                    path: photo.path(i),
                    bytes: v.bytes.clone(),
                });
            }
        }
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        pages
    }

    /// A fingerprint of what the photos of `source` show, for the keys of the units
    /// that render its notes.
    pub fn print(&self, source: &Path) -> u64 {
        let mut keys: Vec<(&str, &str)> = self
            .photos
            .iter()
            .filter(|((s, _), _)| s == source)
            .map(|((_, src), p)| (src.as_str(), p.key.as_str()))
            .collect();
        keys.sort_unstable();
        let mut hasher = std::hash::DefaultHasher::new();
        keys.hash(&mut hasher);
        hasher.finish()
    }
}

/// The cache key of a photo's `bytes` processed with `settings`: SipHash-1-3 with
/// fixed keys over the bytes and each setting written out in a fixed order, so that
/// the key (and the photo's URLs) stay the same across toolchains and platforms, and a
/// new compiler re-encodes nothing (std's `DefaultHasher` promises no such thing).
pub fn content_key(bytes: &[u8], settings: &Settings) -> u64 {
    let mut h = siphasher::sip::SipHasher13::new_with_keys(0, 0);
    // The version of this layout: bump it when what goes in changes.
    h.write(b"plenary-photo-1");
    h.write(&(bytes.len() as u64).to_le_bytes());
    h.write(bytes);
    h.write(&(settings.widths.len() as u64).to_le_bytes());
    for w in &settings.widths {
        h.write(&w.to_le_bytes());
    }
    h.write(&settings.full_width.to_le_bytes());
    h.write(&[settings.webp_quality, settings.jpeg_quality]);
    h.finish()
}

/// Finds the images of every event's notes under `root` and processes the photos among
/// them. Problems are warnings naming `path:line`: the rest of the site builds, and
/// an image that cannot be shown keeps its alt text.
pub fn prepare(root: &Path, events: &[Event], photos: &Photos) -> Media {
    let found: Vec<(PathBuf, Vec<ImageRef>)> = events
        .par_iter()
        .filter(|e| shows_images(e))
        .filter_map(|e| {
            // Lines are counted in the file as written: the model keeps no line map
            // of the notes' Markdown.
            let text = encoding::read_notes(&root.join(&e.source), &e.source)?;
            Some((e.source.clone(), refs::find(&text)))
        })
        .collect();
    // Each photo once per notes file, however often it is shown.
    let mut unique: Vec<(&PathBuf, &ImageRef)> = Vec::new();
    let mut seen: HashSet<(&PathBuf, &str)> = HashSet::new();
    for (source, refs) in &found {
        for r in refs.iter().filter(|r| r.is_local()) {
            if seen.insert((source, r.src.as_str())) {
                unique.push((source, r));
            }
        }
    }
    let results: Vec<(PathBuf, ImageRef, Result<Arc<Photo>, Warning>)> = unique
        .par_iter()
        .map(|&(source, r)| (source.clone(), r.clone(), one(root, source, r, photos)))
        .collect();
    let mut media = Media::default();
    for (source, refs) in &found {
        for r in refs.iter().filter(|r| r.alt.trim().is_empty()) {
            media.warnings.push(Warning {
                location: crate::error::Location {
                    path: source.clone(),
                    line: Some(r.line),
                    col: None,
                },
                message: format!(
                    "the image `{}` has no alt text: describe it between the brackets, `![what it shows]({})`, for readers who cannot see it",
                    r.src, r.src
                ),
            });
        }
    }
    for (source, r, result) in results {
        match result {
            Ok(photo) => {
                media.first.entry(source.clone()).or_insert(r.src.clone());
                media.photos.insert((source, r.src), photo);
            }
            Err(w) => media.warnings.push(w),
        }
    }
    media
}

impl Media {
    /// Processes the photo of each speaker profile that has one, as the notes' photos
    /// are (relative to the profile's file). A photo that cannot be shown is a warning
    /// at the profile's line, and the page shows none.
    pub fn add_profiles(
        &mut self,
        root: &Path,
        profiles: &crate::profiles::Profiles,
        photos: &Photos,
    ) {
        let refs: Vec<(&Path, ImageRef)> = profiles
            .by_slug
            .values()
            .filter_map(|p| {
                let src = p.photo.clone()?;
                Some((
                    p.source.as_path(),
                    ImageRef {
                        src,
                        alt: String::new(),
                        line: p.line,
                    },
                ))
            })
            .collect();
        let results: Vec<Result<Arc<Photo>, Warning>> = refs
            .par_iter()
            .map(|(source, r)| match r.is_local() {
                true => one(root, source, r, photos),
                false => Err(Warning {
                    location: crate::error::Location {
                        path: source.to_path_buf(),
                        line: Some(r.line),
                        col: None,
                    },
                    message: format!(
                        "the photo `{}` is not a file beside the profile: pages load nothing from other sites, so copy it next to the profile",
                        r.src
                    ),
                }),
            })
            .collect();
        for ((source, r), result) in refs.into_iter().zip(results) {
            match result {
                Ok(photo) => {
                    self.photos.insert((source.to_path_buf(), r.src), photo);
                }
                Err(w) => self.warnings.push(w),
            }
        }
    }
}

/// Whether an event's Markdown may hold an image.
fn shows_images(event: &Event) -> bool {
    event.preamble.contains("![")
        || event.days.iter().any(|d| d.intro.contains("!["))
        || event.sessions.iter().any(|s| s.body.contains("!["))
}

/// One referenced photo, processed; a warning at the reference's line when it cannot be.
fn one(root: &Path, source: &Path, r: &ImageRef, photos: &Photos) -> Result<Arc<Photo>, Warning> {
    let at = |message: String| Warning {
        location: crate::error::Location {
            path: source.to_path_buf(),
            line: Some(r.line),
            col: None,
        },
        message,
    };
    let decoded = percent_decode(&r.src);
    let shown = source.parent().unwrap_or(Path::new("")).join(&decoded);
    let path = root.join(&shown);
    let inside = match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        _ => {
            return Err(at(format!(
                "the image `{}` is not there ({} is missing): put the photo beside the notes file, or fix the path",
                r.src,
                shown.display()
            )));
        }
    };
    if !inside {
        return Err(at(format!(
            "the image `{}` is outside the site's folder: copy it beside the notes file",
            r.src
        )));
    }
    photos.process(&path, &shown).map_err(|e| {
        at(format!(
            "the image `{}` cannot be shown: {}: {} (its alt text is shown instead)",
            r.src,
            shown.display(),
            e.message
        ))
    })
}

/// `%20` and the like in a Markdown link target, as the file name has them.
fn percent_decode(src: &str) -> String {
    let bytes = src.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
