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
use crate::output::FilePage;
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

/// One processed photo: its size upright, and where its files are.
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
    /// The cache folder holding the encoded files, variant `i` as `{i}.{ext}`: the
    /// build copies them into the output from there, so no photo's bytes are held in
    /// memory between processing and writing.
    pub dir: PathBuf,
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

    /// The cached file of variant `i`.
    pub fn file(&self, i: usize) -> PathBuf {
        let ext = self.variants.get(i).map_or("", |v| v.ext);
        self.dir.join(format!("{i}.{ext}"))
    }
}

/// Processes photos into the cache folder, remembering each one processed (for
/// `serve`, and for a photo shown twice).
pub struct Photos {
    settings: Settings,
    /// `.plenary/media/`: every processed photo's files, by its key.
    cache_dir: PathBuf,
    /// Every photo seen, by content hash: processed, or why it could not be (a broken
    /// file is not tried again until it changes).
    done: Mutex<HashMap<u64, Result<Arc<Photo>, String>>>,
    /// Each file's content hash by its size and modification time, so that `serve`
    /// reads no unchanged photo again on a save.
    stamps: Mutex<HashMap<PathBuf, (Stamp, u64)>>,
    decodes: AtomicUsize,
    /// Bounds the pixels decoded at once (see [`DECODE_BUDGET`]).
    budget: Budget,
}

/// A file's size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

/// The most memory the photos being processed at once may take (by
/// [`encode::working_bytes`]): a 12-megapixel phone photo takes about 70 MB, so two
/// or three run side by side and a machine with many cores does not hold dozens. A
/// photo larger than the budget runs alone.
pub const DECODE_BUDGET: u64 = 160 << 20;

/// Names temporary cache folders apart when two threads process one photo.
static TEMP: AtomicUsize = AtomicUsize::new(0);

impl Photos {
    /// A processor with `settings`, keeping the processed files under `cache_dir`.
    pub fn new(settings: Settings, cache_dir: PathBuf) -> Photos {
        Photos {
            settings,
            cache_dir,
            done: Mutex::new(HashMap::new()),
            stamps: Mutex::new(HashMap::new()),
            decodes: AtomicUsize::new(0),
            budget: Budget::new(DECODE_BUDGET),
        }
    }

    /// The processor of a site at `root`, caching in its `.plenary/media/`.
    pub fn for_site(root: &Path) -> Photos {
        Photos::new(Settings::default(), cache_folder(root))
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
        if let Some(hash) = known
            && let Some(done) = self.remembered(hash, &stem)
        {
            return done.map_err(|message| Error::at(shown, message));
        }
        let bytes = crate::load::read_file(path, shown, MAX_PHOTO_BYTES)?;
        let hash = content_key(&bytes, &self.settings);
        if let Some(stamp) = stamp {
            let mut stamps = self.stamps.lock().unwrap_or_else(|e| e.into_inner());
            stamps.insert(path.to_path_buf(), (stamp, hash));
        }
        if let Some(done) = self.remembered(hash, &stem) {
            return done.map_err(|message| Error::at(shown, message));
        }
        let key = format!("{hash:016x}");
        let photo = match self.read_cached(&key, &stem) {
            Some(photo) => photo,
            None => {
                // Held until the photo is written: the bytes, the pixels and the
                // encoded files are all let go by then.
                let _grant = self.budget.take(
                    encode::dimensions(&bytes)
                        .map_or(0, |(w, h)| encode::working_bytes(w, h, &self.settings)),
                );
                self.decodes.fetch_add(1, Ordering::Relaxed);
                let encoded = match encode::encode(bytes, &self.settings) {
                    Ok(encoded) => encoded,
                    Err(message) => {
                        self.memory().insert(hash, Err(message.clone()));
                        return Err(Error::at(shown, message));
                    }
                };
                self.write_cached(&key, &stem, encoded)?
            }
        };
        let photo = Arc::new(photo);
        self.memory().insert(hash, Ok(photo.clone()));
        Ok(photo)
    }

    /// What became of the photo of content `hash` before: its processed files (when
    /// they are still in the cache: a `build` may have tidied them away since), or why
    /// it could not be processed.
    fn remembered(&self, hash: u64, stem: &str) -> Option<Result<Arc<Photo>, String>> {
        match self.memory().get(&hash)? {
            Ok(photo) if photo.stem == stem && photo.dir.join(META).is_file() => {
                Some(Ok(photo.clone()))
            }
            Ok(_) => None,
            Err(message) => Some(Err(message.clone())),
        }
    }

    fn memory(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Result<Arc<Photo>, String>>> {
        // A panic elsewhere while holding the lock leaves a map that is still whole.
        self.done.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached photo `key`: [`META`] lists `width height` and one line per
    /// variant (`width height ext`), variant `i` in the file `{i}.{ext}`.
    fn read_cached(&self, key: &str, stem: &str) -> Option<Photo> {
        let dir = self.cache_dir.join(key);
        let meta = std::fs::read_to_string(dir.join(META)).ok()?;
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
            let file = dir.join(format!("{}.{ext}", variants.len()));
            if !std::fs::metadata(&file).is_ok_and(|m| m.is_file()) {
                return None;
            }
            variants.push(encode::Variant {
                width: w,
                height: h,
                ext,
            });
        }
        Some(Photo {
            key: key.to_string(),
            stem: stem.to_string(),
            width,
            height,
            variants,
            dir,
        })
    }

    /// Stores a processed photo in the cache, which the output copies it from. The
    /// folder is written under a temporary name and renamed, so a build killed
    /// half-way leaves no half photo; a folder of the same key written meanwhile (the
    /// same photo beside two notes files) is as good as this one.
    fn write_cached(
        &self,
        key: &str,
        stem: &str,
        encoded: encode::Encoded,
    ) -> Result<Photo, Error> {
        let dir = self.cache_dir.join(key);
        let tmp = self.cache_dir.join(format!(
            ".{key}.{}.{}",
            std::process::id(),
            TEMP.fetch_add(1, Ordering::Relaxed)
        ));
        let mut variants = Vec::with_capacity(encoded.variants.len());
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&tmp)?;
            let mut meta = format!("{} {}\n", encoded.width, encoded.height);
            for (i, (v, bytes)) in encoded.variants.into_iter().enumerate() {
                meta.push_str(&format!("{} {} {}\n", v.width, v.height, v.ext));
                std::fs::write(tmp.join(format!("{i}.{}", v.ext)), bytes)?;
                variants.push(v);
            }
            std::fs::write(tmp.join(META), meta)?;
            match std::fs::rename(&tmp, &dir) {
                Err(_) if dir.join(META).is_file() => {
                    std::fs::remove_dir_all(&tmp).ok();
                    Ok(())
                }
                done => done,
            }
        };
        if let Err(e) = write() {
            std::fs::remove_dir_all(&tmp).ok();
            return Err(Error::io(&dir, e).context("cannot keep the processed photo"));
        }
        Ok(Photo {
            key: key.to_string(),
            stem: stem.to_string(),
            width: encoded.width,
            height: encoded.height,
            variants,
            dir,
        })
    }
}

/// The file in each cached photo's folder that lists its variants: written last, so
/// a folder without it is no photo.
const META: &str = "meta";

/// The photo cache of the site at `root`.
pub fn cache_folder(root: &Path) -> PathBuf {
    root.join(".plenary").join("media")
}

/// A counting semaphore over bytes: [`Budget::take`] waits until the bytes asked for
/// fit beside those granted (or nothing else is granted).
struct Budget {
    limit: u64,
    state: Mutex<(u64, u64)>,
    freed: std::sync::Condvar,
}

/// Bytes granted by a [`Budget`], given back when dropped.
struct Grant<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    fn new(limit: u64) -> Budget {
        Budget {
            limit,
            state: Mutex::new((0, 0)),
            freed: std::sync::Condvar::new(),
        }
    }

    fn take(&self, bytes: u64) -> Grant<'_> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while state.0 > 0 && state.0 + bytes > self.limit {
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        state.0 += bytes;
        state.1 = state.1.max(state.0);
        Grant {
            budget: self,
            bytes,
        }
    }

    /// The most bytes granted at once.
    #[cfg(test)]
    fn peak(&self) -> u64 {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).1
    }
}

impl Drop for Grant<'_> {
    fn drop(&mut self) {
        let mut state = self.budget.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 -= self.bytes;
        self.budget.freed.notify_all();
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

    /// The files of every photo, each once, sorted by path: each names the cached
    /// file the output copies.
    pub fn files(&self) -> Vec<FilePage> {
        let mut seen = HashSet::new();
        let mut files = Vec::new();
        for photo in self.photos.values() {
            if !seen.insert(&photo.key) {
                continue;
            }
            for i in 0..photo.variants.len() {
                files.push(FilePage {
                    path: photo.path(i),
                    source: photo.file(i),
                });
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    /// The output paths of every photo's files.
    pub fn paths(&self) -> Vec<String> {
        self.files().into_iter().map(|f| f.path).collect()
    }

    /// The files of every photo read into pages, for what keeps a site in memory
    /// (`serve`, `check`, [`crate::build::generate`]).
    pub fn pages(&self) -> Result<Vec<Page>, Error> {
        self.files().into_iter().map(|f| f.read()).collect()
    }

    /// The keys of every photo shown: the cache entries in use.
    pub fn keys(&self) -> HashSet<String> {
        self.photos.values().map(|p| p.key.clone()).collect()
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
    // The version of this layout and of the encoder: bump it when what goes in, or
    // what comes out for the same input, changes (2: the streaming resize).
    h.write(b"plenary-photo-2");
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
            media.warnings.push(no_alt(source, r));
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
    /// Processes the photo of each speaker profile that has one, and the images of
    /// the profiles' bios, as the notes' photos are (relative to the profile's file).
    /// A photo that cannot be shown is a warning at its line of the profile, and the
    /// page shows none (a bio's image, its alt text).
    pub fn add_profiles(
        &mut self,
        root: &Path,
        profiles: &crate::profiles::Profiles,
        photos: &Photos,
    ) {
        let mut refs: Vec<(&Path, ImageRef)> = Vec::new();
        for p in profiles.by_slug.values() {
            let source = p.source.as_path();
            if let Some(src) = p.photo.clone() {
                let line = p.line;
                let alt = String::new();
                refs.push((source, ImageRef { src, alt, line }));
            }
            for mut r in refs::find(&p.bio) {
                r.line = p.bio_at.line(r.line);
                if r.alt.trim().is_empty() {
                    self.warnings.push(no_alt(source, &r));
                }
                if r.is_local() {
                    refs.push((source, r));
                }
            }
        }
        let results: Vec<Result<Arc<Photo>, Warning>> = refs
            .par_iter()
            .map(|(source, r)| match r.is_local() {
                true => one(root, source, r, photos),
                // Only a portrait: a bio's image from another site is left as written.
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

/// The warning of an image without alt text.
fn no_alt(source: &Path, r: &ImageRef) -> Warning {
    Warning {
        location: crate::error::Location {
            path: source.to_path_buf(),
            line: Some(r.line),
            col: None,
        },
        message: format!(
            "the image `{}` has no alt text: describe it between the brackets, `![what it shows]({})`, for readers who cannot see it",
            r.src, r.src
        ),
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
    let (path, shown) = resolve(root, source, r).map_err(at)?;
    photos.process(&path, &shown).map_err(|e| {
        at(format!(
            "the image `{}` cannot be shown: {}: {} (its alt text is shown instead)",
            r.src,
            shown.display(),
            e.message
        ))
    })
}

/// The file a reference of the notes (or profile) `source` names, and that path
/// relative to the site root; why not, when it is missing or outside the site.
fn resolve(root: &Path, source: &Path, r: &ImageRef) -> Result<(PathBuf, PathBuf), String> {
    let decoded = percent_decode(&r.src);
    let shown = source.parent().unwrap_or(Path::new("")).join(&decoded);
    let path = root.join(&shown);
    let inside = match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        _ => {
            return Err(format!(
                "the image `{}` is not there ({} is missing): put the photo beside the notes file, or fix the path",
                r.src,
                shown.display()
            ));
        }
    };
    if !inside {
        return Err(format!(
            "the image `{}` is outside the site's folder: copy it beside the notes file",
            r.src
        ));
    }
    Ok((path, shown))
}

/// The cache keys of the photos the notes files `sources` show, found by reading the
/// photos (none is decoded): a build that leaves drafts out keeps their photos.
pub fn keys_of(root: &Path, sources: &[PathBuf], settings: &Settings) -> HashSet<String> {
    sources
        .par_iter()
        .filter_map(|source| {
            let text = encoding::read_notes(&root.join(source), source)?;
            Some((source, refs::find(&text)))
        })
        .flat_map_iter(|(source, refs)| {
            refs.into_iter()
                .filter(ImageRef::is_local)
                .filter_map(|r| {
                    let (path, shown) = resolve(root, source, &r).ok()?;
                    let bytes = crate::load::read_file(&path, &shown, MAX_PHOTO_BYTES).ok()?;
                    Some(format!("{:016x}", content_key(&bytes, settings)))
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Removes the photos in the cache of the site at `root` whose keys are not in
/// `keep`, and the half-written folders of builds no longer running; returns how
/// many photos went. Only folders named as plenary names them are looked at.
pub fn sweep(root: &Path, keep: &HashSet<String>) -> usize {
    let Ok(entries) = std::fs::read_dir(cache_folder(root)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_key = crate::cache::is_content_key;
        if is_key(&name) && !keep.contains(&name) {
            if std::fs::remove_dir_all(entry.path()).is_ok() {
                removed += 1;
            }
            continue;
        }
        // `.KEY.PID.N`: a folder being written, or left by a build that was killed.
        let mut parts = name.strip_prefix('.').unwrap_or("").split('.');
        if let (Some(key), Some(pid)) = (parts.next(), parts.next())
            && is_key(key)
            && crate::output::process_ended(pid)
        {
            std::fs::remove_dir_all(entry.path()).ok();
        }
    }
    removed
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decode_budget_lets_a_photo_wait_until_the_one_before_is_done() {
        let budget = Arc::new(Budget::new(150));
        let first = budget.take(100);
        let (tx, rx) = std::sync::mpsc::channel();
        let waiting = {
            let budget = budget.clone();
            std::thread::spawn(move || {
                let _second = budget.take(100);
                tx.send(()).ok();
            })
        };
        // 100 + 100 is over 150: the second is not granted while the first is held
        // (a slow machine could only make this pass wrongly, never fail wrongly).
        assert!(
            rx.recv_timeout(std::time::Duration::from_millis(200))
                .is_err()
        );
        drop(first);
        rx.recv().expect("granted once the first is done");
        waiting.join().expect("no panic");
        assert_eq!(budget.peak(), 100, "never both at once");
        // A photo larger than the whole budget still runs, alone.
        assert_eq!(budget.take(1000).bytes, 1000);
    }
}
