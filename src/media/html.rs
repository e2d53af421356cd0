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
    picture_sized(photo, alt, link, eager, SIZES)
}

/// The width a speaker's portrait takes on their page (the theme's `.profile-photo`).
pub const PORTRAIT_SIZES: &str = "10rem";

/// [`picture`] shown at `sizes` (a `sizes` attribute) rather than the text column's.
pub fn picture_sized(
    photo: &Photo,
    alt: &str,
    link: &dyn Fn(&str) -> String,
    eager: bool,
    sizes: &str,
) -> String {
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
        "<a class=\"photo\" href=\"{full}\"><picture><source type=\"image/webp\" srcset=\"{webp}\" sizes=\"{sizes}\"><img src=\"{src}\" srcset=\"{jpg}\" sizes=\"{sizes}\" width=\"{w}\" height=\"{h}\" alt=\"{alt}\"{loading} decoding=\"async\"></picture></a>",
        full = esc(&link(&photo.path(last))),
        webp = esc(&srcset("webp")),
        src = esc(&link(&photo.path(fi))),
        jpg = esc(&srcset("jpg")),
        w = f.width,
        h = f.height,
        alt = esc(alt),
        sizes = esc(sizes),
    )
}

/// The photos of rendered notes made fit for a feed: each `<picture>` [`picture`] made
/// becomes one `<img>` of its fallback JPEG, in a link to the full size, both with
/// absolute URLs (`absolute` makes one of a link the site made). A feed reader has no
/// page to resolve a relative URL against, and many drop `<picture>` and `srcset`.
/// Anything else in `html` is left as it is.
pub fn for_feed<'h>(html: &'h str, absolute: &dyn Fn(&str) -> String) -> std::borrow::Cow<'h, str> {
    const OPEN: &str = "<a class=\"photo\" href=\"";
    const CLOSE: &str = "</picture></a>";
    if !html.contains(OPEN) {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(start) = rest.find(OPEN) {
        let Some(len) = rest[start..].find(CLOSE) else {
            break;
        };
        let block = &rest[start..start + len + CLOSE.len()];
        out.push_str(&rest[..start]);
        let img = block.find("<img ").map(|i| &block[i..]).unwrap_or("");
        // Attribute values are as `picture` wrote them: escaped, without quotes.
        let attr = |within: &str, name: &str| -> Option<String> {
            let key = format!(" {name}=\"");
            let from = within.find(&key)? + key.len();
            let to = within[from..].find('"')?;
            Some(within[from..from + to].to_string())
        };
        match (attr(block, "href"), attr(img, "src")) {
            (Some(full), Some(src)) => {
                out.push_str("<a href=\"");
                out.push_str(&absolute(&full));
                out.push_str("\"><img src=\"");
                out.push_str(&absolute(&src));
                out.push('"');
                for name in ["width", "height", "alt"] {
                    if let Some(value) = attr(img, name) {
                        out.push_str(&format!(" {name}=\"{value}\""));
                    }
                }
                out.push_str("></a>");
            }
            _ => out.push_str(block),
        }
        rest = &rest[start + block.len()..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::encode::Variant;

    #[test]
    fn a_feed_gets_one_absolute_img_per_photo() {
        let v = |width: u32, ext: &'static str| Variant {
            width,
            height: width * 3 / 4,
            ext,
        };
        let photo = Photo {
            key: "k".into(),
            stem: "stage".into(),
            width: 4000,
            height: 3000,
            variants: vec![
                v(480, "webp"),
                v(480, "jpg"),
                v(960, "webp"),
                v(960, "jpg"),
                v(2400, "jpg"),
            ],
            dir: std::path::PathBuf::new(),
        };
        let link = |rel: &str| format!("/blog/{rel}");
        let html = format!(
            "<p>Before</p>\n<p>{}</p>\n<p>After &amp; more</p>",
            picture(&photo, "The \"stage\"", &link, false)
        );
        let absolute = |l: &str| format!("https://example.org{l}");
        let feed = for_feed(&html, &absolute);
        assert_eq!(
            feed,
            "<p>Before</p>\n<p><a href=\"https://example.org/blog/media/k/stage.jpg\"><img src=\"https://example.org/blog/media/k/stage-960.jpg\" width=\"960\" height=\"720\" alt=\"The &quot;stage&quot;\"></a></p>\n<p>After &amp; more</p>"
        );
        assert!(matches!(
            for_feed("<p>no photo</p>", &absolute),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
