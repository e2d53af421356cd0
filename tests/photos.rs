//! Photos in notes: an event kept as a folder with its photos beside `index.md`,
//! built to `<picture>` markup and processed files. The photos are made here, at test
//! time, with the EXIF orientation and GPS position a phone writes.

mod common;

use common::{html, select};
use plenary::media::{self, Photos};
use std::path::{Path, PathBuf};

/// A JPEG of `width`×`height` as stored: its left half dark, its right half light,
/// with EXIF `orientation` and a GPS position.
fn phone_jpeg(width: u32, height: u32, orientation: u16) -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let pixels = image::RgbImage::from_fn(width, height, |x, _| {
        if x < width / 2 {
            image::Rgb([20, 30, 40])
        } else {
            image::Rgb([230, 220, 200])
        }
    });
    let fields = [
        Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![orientation]),
        },
        Field {
            tag: Tag::GPSLatitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"N".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![
                Rational::from((46, 1)),
                Rational::from((56, 1)),
                Rational::from((51, 1)),
            ]),
        },
    ];
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).expect("exif");
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90);
    image::ImageEncoder::set_exif_metadata(&mut encoder, tiff.into_inner()).expect("exif");
    image::ImageEncoder::write_image(
        encoder,
        pixels.as_raw(),
        width,
        height,
        image::ExtendedColorType::Rgb8,
    )
    .expect("jpeg");
    out
}

/// Whether `bytes` carry any EXIF at all, and a GPS latitude in particular.
fn exif_of(bytes: &[u8]) -> (bool, bool) {
    match exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes)) {
        Ok(exif) => (
            true,
            exif.get_field(exif::Tag::GPSLatitude, exif::In::PRIMARY)
                .is_some(),
        ),
        Err(_) => (false, false),
    }
}

/// A site with one event as a folder: `stage.jpg` stored sideways (landscape pixels,
/// EXIF orientation 6: shown upright it is portrait), `slide.jpg` upright, a broken
/// photo, a missing one and one without alt text.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    std::fs::write(
        root.join("site.toml"),
        "title = \"Photo blog\"\nbase_url = \"https://example.org/\"\n",
    )
    .unwrap();
    let event = root.join("content/2025-05-07-summit");
    std::fs::create_dir_all(event.join("photos")).unwrap();
    std::fs::write(event.join("stage.jpg"), phone_jpeg(1200, 600, 6)).unwrap();
    std::fs::write(event.join("photos/slide.jpg"), phone_jpeg(800, 450, 1)).unwrap();
    std::fs::write(
        event.join("broken.jpg"),
        b"\xff\xd8\xff\xe0 not really a jpeg",
    )
    .unwrap();
    std::fs::write(
        event.join("index.md"),
        "+++\ntitle = \"Summit\"\n+++\nThe main stage:\n\n![The main stage from row 3](stage.jpg)\n\n09:00 Opening\nAda Lovelace\n\n- ![Slide with the agenda](photos/slide.jpg)\n- ![A broken photo](broken.jpg)\n- ![Gone](gone.jpg)\n- ![](photos/slide.jpg)\n",
    )
    .unwrap();
    (dir, root)
}

fn build(root: &Path) -> plenary::build::BuildReport {
    plenary::build::build(&plenary::build::BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        drafts: false,
        force: false,
    })
    .expect("the site builds, broken photo and all")
}

#[test]
fn photos_become_pictures_upright_resized_and_without_metadata() {
    let (_dir, root) = site();
    build(&root);
    let out = root.join("public");
    let doc = html(&out.join("2025/summit/index.html"));
    let imgs = select(&doc, "main a.photo > picture > img");
    assert_eq!(imgs.len(), 3, "stage, slide and the slide again");

    // The stage photo, stored 1200x600 sideways, is shown upright: portrait.
    let stage = imgs[0].value();
    assert_eq!(stage.attr("alt"), Some("The main stage from row 3"));
    let (w, h): (u32, u32) = (
        stage.attr("width").unwrap().parse().unwrap(),
        stage.attr("height").unwrap().parse().unwrap(),
    );
    assert_eq!((w, h), (600, 1200), "width and height of the upright photo");
    // The first photo loads at once, later ones lazily.
    assert_eq!(stage.attr("loading"), None);
    assert_eq!(imgs[1].value().attr("loading"), Some("lazy"));

    // srcset: the widths under the photo's own, then its own; never enlarged.
    let srcset = stage.attr("srcset").unwrap();
    let widths: Vec<&str> = srcset
        .split(", ")
        .map(|c| c.rsplit(' ').next().unwrap())
        .collect();
    assert_eq!(widths, ["480w", "600w"], "{srcset}");
    assert!(stage.attr("sizes").is_some());
    let source = select(&doc, "main picture > source[type='image/webp']");
    let webp = source[0].value().attr("srcset").unwrap();
    assert!(
        webp.contains(".webp 480w") && webp.contains(".webp 600w"),
        "{webp}"
    );

    // Every file the markup names exists; the JPEGs carry no EXIF (no GPS), and
    // the pixels were turned: the dark half is now on top.
    let link = select(&doc, "main a.photo")[0]
        .value()
        .attr("href")
        .unwrap();
    let mut files: Vec<&str> = vec![link, stage.attr("src").unwrap()];
    files.extend(
        srcset
            .split(", ")
            .chain(webp.split(", "))
            .map(|c| c.split(' ').next().unwrap()),
    );
    for url in files {
        let path = out.join(url.trim_start_matches('/'));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{url}: {e}"));
        if url.ends_with(".jpg") {
            assert_eq!(exif_of(&bytes), (false, false), "{url} carries EXIF");
        } else {
            assert!(
                bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP",
                "{url}"
            );
            assert!(
                !bytes.windows(4).any(|w| w == b"EXIF"),
                "{url} carries EXIF"
            );
        }
    }
    let full = image::open(out.join(link.trim_start_matches('/')))
        .unwrap()
        .to_rgb8();
    assert_eq!(full.dimensions(), (600, 1200));
    let top = full.get_pixel(300, 100)[0];
    let bottom = full.get_pixel(300, 1100)[0];
    assert!(
        top < 100 && bottom > 150,
        "top {top}, bottom {bottom}: not turned upright"
    );

    // The original, with its GPS position, is never published.
    let originals: Vec<_> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            exif_of(&bytes).1
        })
        .map(|e| e.path().to_path_buf())
        .collect();
    assert!(originals.is_empty(), "{originals:?}");
}

#[test]
fn missing_and_broken_photos_and_missing_alt_text_are_warnings_at_their_line() {
    let (_dir, root) = site();
    let report = build(&root);
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let at = |line: usize, words: &str| {
        let prefix = format!("warning: content/2025-05-07-summit/index.md:{line}: ");
        warnings
            .iter()
            .any(|w| w.starts_with(&prefix) && w.contains(words))
    };
    assert!(
        at(12, "broken.jpg") && at(12, "not a readable image"),
        "{warnings:#?}"
    );
    assert!(at(13, "gone.jpg") && at(13, "missing"), "{warnings:#?}");
    assert!(at(14, "no alt text"), "{warnings:#?}");
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    // The rest of the site is built, and what could not be shown keeps its words.
    let doc = html(&root.join("public/2025/summit/0900-opening/index.html"));
    let alts: Vec<&str> = select(&doc, "main img")
        .iter()
        .filter_map(|i| i.value().attr("alt"))
        .collect();
    assert!(
        alts.contains(&"A broken photo") && alts.contains(&"Gone"),
        "{alts:?}"
    );
}

#[test]
fn a_rebuild_decodes_no_photo_it_has_seen() {
    let (_dir, root) = site();
    let loaded = plenary::load::load_content(&root, false).unwrap();
    let first = Photos::for_site(&root);
    media::prepare(&root, &loaded.events, &first);
    assert_eq!(
        first.decodes(),
        3,
        "stage, slide and the broken one, each once"
    );
    // The same processor (as `serve` keeps it) and a new one (the next build) alike.
    media::prepare(&root, &loaded.events, &first);
    assert_eq!(first.decodes(), 3);
    let next = Photos::for_site(&root);
    let media = media::prepare(&root, &loaded.events, &next);
    assert_eq!(next.decodes(), 1, "only the broken photo is tried again");
    assert_eq!(
        media.files().len(),
        2 * 5,
        "two photos, each in 2 widths x 2 formats + full"
    );
    // A changed photo is processed anew.
    let stage = root.join("content/2025-05-07-summit/stage.jpg");
    std::fs::write(&stage, phone_jpeg(1000, 700, 1)).unwrap();
    media::prepare(&root, &loaded.events, &next);
    assert_eq!(next.decodes(), 2);
}

#[test]
fn serve_shows_new_and_changed_photos_as_a_full_build_does() {
    use plenary::serve::rebuild::SiteState;
    let (_dir, root) = site();
    let base = "http://127.0.0.1:4000/";
    let same = |state: &SiteState, step: &str| {
        let served = common::assert_serve_matches_build(&root, base, state, step);
        assert!(served.iter().any(|k| k.starts_with("media/")), "{step}");
    };
    let mut state = SiteState::new(&root, base, false, std::sync::Arc::default());
    assert!(state.reload().error.is_none());
    same(&state, "first load");

    // A photo saved, then the notes that show it.
    let event = "content/2025-05-07-summit";
    std::fs::write(root.join(event).join("new.jpg"), phone_jpeg(900, 600, 1)).unwrap();
    let notes = root.join(event).join("index.md");
    let text = std::fs::read_to_string(&notes).unwrap() + "- ![A new photo](new.jpg)\n";
    std::fs::write(&notes, text).unwrap();
    let saved = [
        PathBuf::from(format!("{event}/new.jpg")),
        PathBuf::from(format!("{event}/index.md")),
    ];
    assert!(state.rebuild(&saved).error.is_none());
    same(&state, "a new photo");

    // A photo replaced on its own, its notes untouched: the pages show the new one.
    std::fs::write(root.join(event).join("stage.jpg"), phone_jpeg(700, 700, 1)).unwrap();
    let outcome = state.rebuild(&[PathBuf::from(format!("{event}/stage.jpg"))]);
    assert!(outcome.error.is_none());
    same(&state, "a replaced photo");
}

/// Every `<img>` of a feed entry's HTML: its `src`.
fn feed_images(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_fragment(html);
    select(&doc, "img")
        .iter()
        .filter_map(|i| i.value().attr("src").map(str::to_string))
        .collect()
}

#[test]
fn feeds_show_photos_at_absolute_urls_of_a_processed_size() {
    let (_dir, root) = site();
    build(&root);
    let out = root.join("public");
    let base = "https://example.org/";
    let exists = |src: &str| {
        src.strip_prefix(base)
            .is_some_and(|rel| rel.starts_with("media/") && out.join(rel).is_file())
    };
    // The site feed: the event's entry with its introduction's photo.
    let site_feed = atom_syndication::Feed::read_from(std::io::BufReader::new(
        std::fs::File::open(out.join("atom.xml")).unwrap(),
    ))
    .expect("Atom");
    let intro = site_feed.entries()[0]
        .content()
        .and_then(|c| c.value())
        .unwrap_or_default()
        .to_string();
    let srcs = feed_images(&intro);
    assert_eq!(srcs.len(), 1, "{intro}");
    assert!(
        exists(&srcs[0]) && srcs[0].contains("/stage-") && srcs[0].ends_with(".jpg"),
        "{srcs:?}"
    );
    // The event feed: the session's photos, each an absolute `<img>` in a link to the
    // full size; no `<picture>` or `srcset` a feed reader cannot use.
    let event_feed = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name() == "atom.xml"
                && e.path().parent() != Some(out.as_path())
                && e.path().to_string_lossy().contains("summit")
        })
        .expect("the event's feed");
    let feed = atom_syndication::Feed::read_from(std::io::BufReader::new(
        std::fs::File::open(event_feed.path()).unwrap(),
    ))
    .expect("Atom");
    let html = feed.entries()[0]
        .content()
        .and_then(|c| c.value())
        .unwrap_or_default()
        .to_string();
    let srcs = feed_images(&html);
    // The broken and the missing photo are not processed: they stay as written.
    let processed: Vec<&String> = srcs
        .iter()
        .filter(|s| !["broken.jpg", "gone.jpg"].contains(&s.as_str()))
        .collect();
    assert_eq!(processed.len(), 2, "{html}");
    for src in processed {
        assert!(exists(src), "{src} in {html}");
    }
    assert!(
        !html.contains("<picture") && !html.contains("srcset"),
        "{html}"
    );
    let doc = scraper::Html::parse_fragment(&html);
    for a in select(&doc, "a:has(> img)") {
        assert!(exists(a.value().attr("href").unwrap_or_default()), "{html}");
    }
    // The JSON Feed beside it carries the same HTML.
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(event_feed.path().with_file_name("feed.json")).unwrap(),
    )
    .unwrap();
    let json_html = json["items"][0]["content_html"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(feed_images(json_html), srcs);
}

#[test]
fn the_photo_cache_key_is_the_same_on_every_toolchain() {
    // Pinned: a new compiler or platform must not change it (std's DefaultHasher may),
    // or every photo of every site would be encoded again and get new URLs. It changes
    // only with the key's version in `content_key` (2: the streaming resize).
    let key = media::content_key(b"a photo's bytes", &media::Settings::default());
    assert_eq!(format!("{key:016x}"), "c04751a0641b9cee");
    let other = media::Settings {
        webp_quality: 76,
        ..media::Settings::default()
    };
    assert_ne!(media::content_key(b"a photo's bytes", &other), key);
}

/// Every file under `dir`, by its path relative to it.
fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn photos_copied_from_the_cache_are_the_same_files_in_a_cold_build_and_a_rebuild() {
    let (_dir, root) = site();
    let first = build(&root);
    let out = root.join("public");
    let photos = files_under(&out.join("media"));
    assert_eq!(photos.len(), 2 * 5, "{:?}", photos.keys());
    // The output holds copies of the cached files, not the cache itself.
    for (rel, bytes) in &photos {
        let mut parts = rel.split('/');
        let key = parts.next().unwrap();
        let cached = files_under(&root.join(".plenary/media").join(key));
        assert!(
            cached.values().any(|c| c == bytes),
            "{rel} is not a cached file"
        );
    }
    // A rebuild into the same folder writes no photo again.
    let again = build(&root);
    assert_eq!(again.stats.written, 0, "{:?}", again.stats.changed);
    assert_eq!(again.files, first.files);
    // A cold build into a new folder, from the cache, gives the same files.
    std::fs::remove_dir_all(&out).unwrap();
    let cold = build(&root);
    assert_eq!(cold.files, first.files);
    assert_eq!(files_under(&out.join("media")), photos);
    // A cached photo changed behind plenary's back is written again (bytes compared).
    let (rel, _) = photos.iter().next().unwrap();
    std::fs::write(out.join("media").join(rel), b"not the photo").unwrap();
    let mended = build(&root);
    assert_eq!(
        mended.stats.changed,
        [format!("media/{rel}")],
        "only the changed file"
    );
    assert_eq!(files_under(&out.join("media")), photos);
}

#[test]
fn a_build_removes_the_cached_photos_no_page_shows_and_keeps_the_others_unprocessed() {
    let (_dir, root) = site();
    let event = root.join("content/2025-05-07-summit");
    // A draft with a photo of its own: left out of the build, its photo stays cached.
    std::fs::write(event.join("draft.jpg"), phone_jpeg(640, 480, 1)).unwrap();
    std::fs::write(
        root.join("content/2025-06-01-draft.md"),
        "+++\ntitle = \"Draft\"\ndraft = true\n+++\n![A draft photo](2025-05-07-summit/draft.jpg)\n",
    )
    .unwrap();
    let with_drafts = plenary::build::BuildOptions {
        root: root.clone(),
        output: root.join("public-drafts"),
        base_url: None,
        drafts: true,
        force: false,
    };
    plenary::build::build(&with_drafts).expect("builds");
    build(&root);
    let cache = root.join(".plenary/media");
    let cached = || -> std::collections::BTreeSet<String> {
        std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let before = cached();
    assert_eq!(before.len(), 3, "stage, slide and the draft's: {before:?}");

    // The stage photo is taken out of the notes (the file stays beside them).
    let notes = event.join("index.md");
    let text = std::fs::read_to_string(&notes).unwrap();
    let text = text.replace("![The main stage from row 3](stage.jpg)", "The stage.");
    std::fs::write(&notes, text).unwrap();
    let report = build(&root);
    let after = cached();
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(after.is_subset(&before));
    let stage_key = format!(
        "{:016x}",
        media::content_key(
            &std::fs::read(event.join("stage.jpg")).unwrap(),
            &media::Settings::default()
        )
    );
    assert!(before.contains(&stage_key) && !after.contains(&stage_key));
    assert!(
        !root.join("public/media").join(&stage_key).exists(),
        "its published files go too ({:?})",
        report.stats.changed
    );
    // The photos still shown are not processed again.
    let loaded = plenary::load::load_content(&root, true).unwrap();
    let photos = Photos::for_site(&root);
    media::prepare(&root, &loaded.events, &photos);
    assert_eq!(photos.decodes(), 1, "only the broken photo is tried again");
}

#[test]
fn a_speaker_bio_image_is_processed_like_a_notes_photo_and_a_missing_one_is_a_warning() {
    let (_dir, root) = site();
    let speakers = root.join("content/speakers");
    std::fs::create_dir_all(speakers.join("ada")).unwrap();
    // Stored sideways with a GPS position, in a folder beside the profile.
    std::fs::write(speakers.join("ada/engine.jpg"), phone_jpeg(1000, 500, 6)).unwrap();
    std::fs::write(
        speakers.join("ada-lovelace.md"),
        "+++\nname = \"Ada Lovelace\"\n+++\n\nShe built engines.\n\n![The engine, drawn](ada/engine.jpg)\n\n![The engine, missing](ada/gone.jpg)\n",
    )
    .unwrap();
    let report = build(&root);
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    let at = |line: usize, words: &str| {
        let prefix = format!("warning: content/speakers/ada-lovelace.md:{line}: ");
        warnings
            .iter()
            .any(|w| w.starts_with(&prefix) && w.contains(words))
    };
    assert!(at(9, "ada/gone.jpg") && at(9, "missing"), "{warnings:#?}");
    assert!(!warnings.iter().any(|w| w.contains(":7:")), "{warnings:#?}");

    let out = root.join("public");
    let doc = html(&out.join("speakers/ada-lovelace/index.html"));
    let imgs = select(&doc, ".bio a.photo > picture > img");
    assert_eq!(
        imgs.len(),
        1,
        "the engine, processed; the missing one keeps its alt"
    );
    let img = imgs[0].value();
    assert_eq!(img.attr("alt"), Some("The engine, drawn"));
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("500"), Some("1000")),
        "upright (portrait), at its largest width below the full size"
    );
    assert!(img.attr("sizes").is_some());
    let srcset = img.attr("srcset").unwrap();
    assert!(
        srcset.contains("480w") && srcset.contains("500w"),
        "{srcset}"
    );
    let webp = select(&doc, ".bio picture > source[type='image/webp']");
    assert_eq!(webp.len(), 1);
    for url in srcset
        .split(", ")
        .chain(webp[0].value().attr("srcset").unwrap().split(", "))
        .map(|c| c.split(' ').next().unwrap())
    {
        let bytes = std::fs::read(out.join(url.trim_start_matches('/')))
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(exif_of(&bytes), (false, false), "{url} carries EXIF");
    }
    let alts: Vec<&str> = select(&doc, ".bio img")
        .iter()
        .filter_map(|i| i.value().attr("alt"))
        .collect();
    assert!(alts.contains(&"The engine, missing"), "{alts:?}");
}

/// A first build knows every file it put in the output, with its size: the folder's
/// footprint (what the static hosts' limits are checked against) worked out from that
/// is the one a walk of the folder measures, photos, cards and a static file over a
/// page included. A rebuild into the folder measures it.
#[test]
fn a_first_builds_own_list_of_files_measures_the_output_as_a_walk_of_it_does() {
    use plenary::check::hosts::Footprint;
    let (_dir, root) = site();
    std::fs::create_dir_all(root.join("static")).unwrap();
    let lost = "<!doctype html><title>Lost</title>";
    std::fs::write(root.join("static/404.html"), lost).unwrap();
    let report = build(&root);
    let files = report.fresh_files.expect("a first build lists its files");
    assert!(files.iter().any(|(p, _)| p.ends_with(".webp")), "{files:?}");
    assert!(
        files.contains(&("404.html".to_string(), lost.len() as u64)),
        "{files:?}"
    );
    let listed = Footprint::of_files(files.iter().map(|(p, n)| (p.as_str(), *n)));
    assert_eq!(listed, Footprint::of(&root.join("public")));
    assert!(build(&root).fresh_files.is_none());
}
