//! A photo's markup: `<picture>` with a WebP `srcset` and a JPEG fallback, its size
//! (no layout shift), lazy loading unless it is the page's first, and a link to the
//! full size.

use super::Photo;
use crate::escape::html_into;

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    html_into(&mut out, text);
    out
}

/// The width the theme's text column takes: `sizes` tells the browser so it picks
/// a file for the screen it has (2x on a phone, 1x or 2x at 42rem).
const SIZES: &str = "(min-width: 46rem) 42rem, calc(100vw - 2.5rem)";

/// The `<picture>` of `photo` with `alt`, linking to its full size; `link` makes a URL
/// of an output path; `eager` for a page's first photo.
pub fn picture(photo: &Photo, alt: &str, link: &dyn Fn(&str) -> String, eager: bool) -> String {
    let srcset = |ext: &str| -> String {
        let last = photo.variants.len().saturating_sub(1);
        photo
            .variants
            .iter()
            .enumerate()
            .filter(|(i, v)| *i < last && v.ext == ext)
            .map(|(i, v)| format!("{} {}w", link(&photo.path(i)), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let last = photo.variants.len().saturating_sub(1);
    let fallback = photo
        .variants
        .iter()
        .enumerate()
        .filter(|(i, v)| *i < last && v.ext == "jpg")
        .max_by_key(|(_, v)| v.width);
    let Some((fi, f)) = fallback else {
        return String::new();
    };
    let loading = match eager {
        true => "",
        false => " loading=\"lazy\"",
    };
    format!(
        "<a class=\"photo\" href=\"{full}\"><picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{SIZES}\"><img src=\"{src}\" srcset=\"{jpg}\" sizes=\"{SIZES}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\"{loading} decoding=\"async\"></picture></a>",
        full = esc(&link(&photo.path(last))),
        webp = esc(&srcset("webp")),
        src = esc(&link(&photo.path(fi))),
        jpg = esc(&srcset("jpg")),
        w = f.width,
        h = f.height,
        alt = esc(alt),
    )
}
