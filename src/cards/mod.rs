//! Social cards: the `og:image` of event pages (and, with `cards = "all"`, of session
//! pages), a 1200x630 PNG drawn from the `card.svg` template with the bundled DejaVu
//! Sans. Which pages get one and where it lives is [`crate::views::ShareImage`]'s
//! rule. Each card is kept in `.plenary/cards/` by a hash of the SVG it was drawn from,
//! so a rebuild or a save under `serve` draws no card whose text did not change.

mod encode;

use crate::error::{Error, Result};
use crate::page::Page;
use crate::views::{CARD_SIZE, EventView, SiteView, Viewer};
use resvg::{tiny_skia, usvg};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The template cards are drawn from: the theme's, or a site's own in `templates/`.
pub const TEMPLATE: &str = "card.svg";

/// Changes whenever the same SVG would be drawn or encoded differently (the renderer,
/// the fonts, the PNG settings), so that no card drawn before is taken from the cache.
const DRAWING: &str = "resvg 0.49, DejaVu Sans 2.37, png rgb/palette fast, 1";

/// The bundled fonts (see `fonts/README.md`).
const FONTS: [&[u8]; 2] = [
    include_bytes!("../../fonts/DejaVuSans.ttf"),
    include_bytes!("../../fonts/DejaVuSans-Bold.ttf"),
];

/// Draws cards, keeping each one drawn on disk for the next build.
#[derive(Debug, Default)]
pub struct Cards {
    /// `.plenary/cards/`, or none to keep nothing.
    cache_dir: Option<PathBuf>,
    /// Cards drawn (not found in the cache).
    drawn: AtomicUsize,
    /// The cache entry of each card handed out, by its output path: what the build
    /// records, so that cards still in use are never tidied away.
    used: Mutex<HashMap<String, String>>,
}

/// What `card.svg` gets besides `site`, `event` and `session`.
#[derive(Serialize)]
struct CardSize {
    width: u32,
    height: u32,
}

impl Cards {
    /// A card drawer caching under `cache_dir` when given.
    pub fn new(cache_dir: Option<PathBuf>) -> Cards {
        Cards {
            cache_dir,
            drawn: AtomicUsize::new(0),
            used: Mutex::default(),
        }
    }

    /// The card drawer of a site at `root`, caching in its `.plenary/cards/`.
    pub fn for_site(root: &Path) -> Cards {
        Cards::new(Some(cache_folder(root)))
    }

    /// How many cards this drawer has drawn: a card found in the cache is not drawn.
    pub fn drawn(&self) -> usize {
        self.drawn.load(Ordering::Relaxed)
    }

    /// The cache entry (a file name in `.plenary/cards/`) of the card at output path
    /// `path`, if this drawer handed it out.
    pub fn entry_of(&self, path: &str) -> Option<String> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        used.get(path).cloned()
    }

    /// The PNG of the card `svg` for output path `path`: from the cache, or drawn
    /// (and then cached).
    pub fn png(&self, path: &str, svg: &str) -> std::result::Result<Vec<u8>, String> {
        let mut hasher = std::hash::DefaultHasher::new();
        (svg, DRAWING).hash(&mut hasher);
        let key = format!("{:016x}.png", hasher.finish());
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        used.insert(path.to_string(), key.clone());
        drop(used);
        let cached = self.cache_dir.as_ref().map(|dir| dir.join(&key));
        if let Some(bytes) = cached.as_ref().and_then(|p| std::fs::read(p).ok()) {
            return Ok(bytes);
        }
        self.drawn.fetch_add(1, Ordering::Relaxed);
        let bytes = draw(svg)?;
        if let (Some(dir), Some(path)) = (&self.cache_dir, &cached) {
            // A failure only costs the next build the drawing again. Written under a
            // temporary name and renamed: a build killed half-way leaves no half card.
            let tmp = dir.join(format!(".{key}.{}", std::process::id()));
            let stored = std::fs::create_dir_all(dir)
                .and_then(|()| std::fs::write(&tmp, &bytes))
                .and_then(|()| std::fs::rename(&tmp, path));
            if stored.is_err() {
                std::fs::remove_file(&tmp).ok();
            }
        }
        Ok(bytes)
    }
}

/// The card cache of the site at `root`.
pub fn cache_folder(root: &Path) -> PathBuf {
    root.join(".plenary").join("cards")
}

/// Removes the cards in the cache of the site at `root` that are not in `keep` (file
/// names, as [`Cards::entry_of`] gives them); returns how many went. Only files named
/// as plenary names cards are looked at.
pub fn sweep(root: &Path, keep: &HashSet<String>) -> usize {
    let Ok(entries) = std::fs::read_dir(cache_folder(root)) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_card = name
            .strip_suffix(".png")
            .is_some_and(crate::cache::is_content_key);
        if is_card && !keep.contains(&name) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The cards of event `index` (its view `view`): the event's own, and its sessions'
/// with `cards = "all"`. Template and SVG errors name `templates/card.svg`.
pub fn event_cards(
    tera: &tera::Tera,
    v: &Viewer<'_>,
    index: usize,
    view: &EventView<'_>,
    cards: &Cards,
) -> Result<Vec<Page>> {
    let mut pages = Vec::new();
    let mut ctx = tera::Context::new();
    ctx.insert("site", &SiteView::new(v.config, v.urls));
    ctx.insert("event", &view.summary);
    ctx.insert(
        "card",
        &CardSize {
            width: CARD_SIZE.0,
            height: CARD_SIZE.1,
        },
    );
    if let Some(path) = v.event_image(index).and_then(|i| i.card) {
        pages.push(card(tera, &ctx, path, cards)?);
    }
    let rel = v.event_rel(&v.site.events[index]);
    for session in view.days.iter().flat_map(|d| d.sessions.iter()) {
        let Some(path) = v.session_image(index, session, &rel).and_then(|i| i.card) else {
            continue;
        };
        // Session pages without a card of their own share the event's.
        if pages.iter().any(|p| p.path == path) {
            continue;
        }
        let mut ctx = ctx.clone();
        ctx.insert("session", session);
        pages.push(card(tera, &ctx, path, cards)?);
    }
    Ok(pages)
}

/// One card: the template rendered with `ctx`, then drawn.
fn card(tera: &tera::Tera, ctx: &tera::Context, path: String, cards: &Cards) -> Result<Page> {
    let at = format!("templates/{TEMPLATE}");
    let svg = tera.render(TEMPLATE, ctx).map_err(|e| {
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        Error::at(&at, message)
    })?;
    let bytes = cards.png(&path, &svg).map_err(|e| {
        Error::at(
            &at,
            format!("the card for /{path} could not be drawn: {e} (check that the template makes valid SVG)"),
        )
    })?;
    Ok(Page { path, bytes })
}

/// The fonts cards are drawn with, read once.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for font in FONTS {
            db.load_font_data(font.to_vec());
        }
        // The generic families a template may name, all the one bundled family.
        db.set_sans_serif_family("DejaVu Sans");
        db.set_serif_family("DejaVu Sans");
        db.set_monospace_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// Draws the SVG card `svg` at the card size and encodes it as PNG.
pub fn draw(svg: &str) -> std::result::Result<Vec<u8>, String> {
    let options = usvg::Options {
        fontdb: fonts(),
        font_family: "DejaVu Sans".to_string(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let (width, height) = CARD_SIZE;
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or_else(|| "no room to draw".to_string())?;
    let size = tree.size();
    // A template of another size is stretched to the card's.
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    encode::png(pixmap.data(), width, height)
}
