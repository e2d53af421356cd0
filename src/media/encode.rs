//! One photo's image work: decode, turn upright by its EXIF orientation, resize to
//! each width, and encode as lossy WebP plus a JPEG fallback. The output is made
//! from pixels alone, so no metadata of the original (EXIF with its GPS position,
//! XMP, IPTC, comments, ICC profiles) reaches a reader.

use image::{DynamicImage, ImageDecoder, ImageReader, imageops::FilterType};
use std::io::Cursor;

/// How photos are processed: part of every cached photo's key, so a change re-encodes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Settings {
    /// The widths each photo is offered at in `srcset`, ascending. A width above the
    /// photo's own is left out (photos are never enlarged).
    pub widths: Vec<u32>,
    /// The width of the full-size photo a click opens (at most the photo's own).
    pub full_width: u32,
    /// WebP quality, 0 to 100.
    pub webp_quality: u8,
    /// JPEG quality, 1 to 100.
    pub jpeg_quality: u8,
}

impl Default for Settings {
    /// Widths for the theme's 42rem column: 1x and 2x on phones and desktops.
    fn default() -> Settings {
        Settings {
            widths: vec![480, 960, 1344],
            full_width: 2400,
            webp_quality: 75,
            jpeg_quality: 80,
        }
    }
}

/// The largest photo plenary decodes, in pixels: a 100-megapixel camera's, with room.
/// Above it decoding alone would take gigabytes.
const MAX_PIXELS: u64 = 120_000_000;

/// One encoded size of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// `webp` or `jpg`.
    pub ext: &'static str,
    pub bytes: Vec<u8>,
}

/// A photo upright, at its own size, and its encoded variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    /// Each srcset width as WebP then JPEG, ascending; then the full size as JPEG.
    pub variants: Vec<Variant>,
}

/// Decodes `bytes` (JPEG or PNG), applies its orientation and encodes the variants.
/// An error is a message for the writer (the caller adds the file's path).
pub fn encode(bytes: &[u8], settings: &Settings) -> Result<Encoded, String> {
    let mut image = decode(bytes)?;
    let (width, height) = (image.width(), image.height());
    if width == 0 || height == 0 {
        return Err("is an empty image".to_string());
    }
    // Alpha is dropped: JPEG has none, and photos need none.
    if image.color().has_alpha() || !matches!(image, DynamicImage::ImageRgb8(_)) {
        image = DynamicImage::ImageRgb8(image.to_rgb8());
    }
    let mut variants = Vec::new();
    let mut widths: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|w| *w > 0 && *w < width)
        .collect();
    // A photo narrower than every width is offered at its own.
    if widths.len() < settings.widths.len() {
        widths.push(width);
    }
    widths.sort_unstable();
    widths.dedup();
    let full = settings.full_width.clamp(1, width);
    // Each size comes from the next larger one: resizing a 12-megapixel photo once,
    // then smaller and smaller copies, is several times faster than each from the
    // original, and looks the same at these ratios.
    let mut source = resized(&image, full);
    let full_jpeg = jpeg(&source, settings.jpeg_quality)?;
    for &w in widths.iter().rev() {
        let sized = resized(&source, w);
        variants.push(Variant {
            width: sized.width(),
            height: sized.height(),
            ext: "jpg",
            bytes: jpeg(&sized, settings.jpeg_quality)?,
        });
        variants.push(Variant {
            width: sized.width(),
            height: sized.height(),
            ext: "webp",
            bytes: webp(&sized, settings.webp_quality)?,
        });
        source = sized;
    }
    variants.reverse();
    variants.push(Variant {
        width: full,
        height: scaled_height(width, height, full),
        ext: "jpg",
        bytes: full_jpeg,
    });
    Ok(Encoded {
        width,
        height,
        variants,
    })
}

/// The photo's pixels, upright.
fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let broken = |e: image::ImageError| format!("is not a readable image ({e})");
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("could not be read ({e})"))?;
    if reader.format().is_none() {
        return Err("is not a JPEG or PNG image".to_string());
    }
    let mut decoder = reader.into_decoder().map_err(broken)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "is {w}×{h} pixels, more than plenary decodes ({} megapixels): make it smaller",
            MAX_PIXELS / 1_000_000
        ));
    }
    // A photo whose EXIF cannot be read is shown as stored.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(broken)?;
    image.apply_orientation(orientation);
    Ok(image)
}

fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    let h = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h.max(1)).unwrap_or(u32::MAX)
}

fn resized(image: &DynamicImage, width: u32) -> DynamicImage {
    if width >= image.width() {
        return image.clone();
    }
    let height = scaled_height(image.width(), image.height(), width);
    image.resize_exact(width, height, FilterType::CatmullRom)
}

fn jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let encoder =
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100));
    image
        .write_with_encoder(encoder)
        .map_err(|e| format!("could not be encoded as JPEG ({e})"))?;
    Ok(out)
}

/// Lossy WebP through libwebp: `image`'s own WebP encoder writes lossless files only,
/// several times the size of a JPEG for a photo.
fn webp(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, String> {
    let rgb = image.to_rgb8();
    let encoder = webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height());
    let memory = encoder
        .encode_simple(false, f32::from(quality.min(100)))
        .map_err(|e| format!("could not be encoded as WebP ({e:?})"))?;
    Ok(memory.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_photo_is_offered_wider_than_the_text_column_at_twice_its_size() {
        // The theme's column is 42rem: 672 CSS pixels, 1344 device pixels at 2x.
        let settings = Settings::default();
        assert!(
            settings.widths.iter().all(|w| *w <= 2 * 672),
            "{settings:?}"
        );
    }

    #[test]
    fn a_small_photo_is_offered_at_its_own_width_never_enlarged() {
        let mut bytes = Vec::new();
        let image = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            700,
            350,
            image::Rgb([9, 99, 199]),
        ));
        image
            .write_with_encoder(image::codecs::png::PngEncoder::new(&mut bytes))
            .unwrap();
        let encoded = encode(&bytes, &Settings::default()).unwrap();
        let sizes: Vec<(u32, u32, &str)> = encoded
            .variants
            .iter()
            .map(|v| (v.width, v.height, v.ext))
            .collect();
        assert_eq!(
            sizes,
            [
                (480, 240, "webp"),
                (480, 240, "jpg"),
                (700, 350, "webp"),
                (700, 350, "jpg"),
                (700, 350, "jpg"),
            ]
        );
    }

    #[test]
    fn what_is_not_an_image_is_an_error_not_a_panic() {
        for bytes in [
            &b""[..],
            b"GIF89a",
            b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
            b"\x89PNG\r\n\x1a\n",
        ] {
            assert!(encode(bytes, &Settings::default()).is_err(), "{bytes:?}");
        }
    }
}
