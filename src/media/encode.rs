//! One photo's image work: decode, turn upright by its EXIF orientation, resize to
//! each width, and encode as lossy WebP plus a JPEG fallback. The output is made
//! from pixels alone, so no metadata of the original (EXIF with its GPS position,
//! XMP, IPTC, comments, ICC profiles) reaches a reader.

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader, RgbImage};
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
}

/// A photo upright, at its own size, and its encoded variants with their bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub width: u32,
    pub height: u32,
    /// Each srcset width as WebP then JPEG, ascending; then the full size as JPEG.
    pub variants: Vec<(Variant, Vec<u8>)>,
}

/// The pixels a photo of `width`x`height` holds in memory at most while it is
/// processed: the decoded photo (RGB), the full size beside it, and the smaller
/// sizes and the encoders' buffers, about as much again as the full size. What
/// [`super::Photos`] budgets decodes by.
pub fn working_bytes(width: u32, height: u32, settings: &Settings) -> u64 {
    let decoded = u64::from(width) * u64::from(height) * 3;
    let full = u64::from(settings.full_width.min(width.max(height)));
    decoded + 2 * full * full * 3
}

/// The size of the photo in `bytes` as stored (before its orientation), read from its
/// header alone; `None` when it is no image plenary reads.
pub fn dimensions(bytes: &[u8]) -> Option<(u32, u32)> {
    ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()
}

/// Decodes `bytes` (JPEG or PNG), applies its orientation and encodes the variants.
/// An error is a message for the writer (the caller adds the file's path). The bytes
/// are let go once decoded, and the decoded photo once shrunk to the full size: a
/// 12-megapixel photo holds its 36 MB of pixels only for the first resize.
pub fn encode(bytes: Vec<u8>, settings: &Settings) -> Result<Encoded, String> {
    let (stored, orientation) = decode(bytes)?;
    let (sw, sh) = stored.dimensions();
    if sw == 0 || sh == 0 {
        return Err("is an empty image".to_string());
    }
    // The size upright: a quarter turn swaps the stored width and height.
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    );
    let (width, height) = if turned { (sh, sw) } else { (sw, sh) };
    let full = settings.full_width.clamp(1, width);
    let full_height = scaled_height(width, height, full);
    // Shrunk before it is turned: turning the smaller image costs a fraction of the
    // memory and time.
    let stored_target = if turned {
        (full_height, full)
    } else {
        (full, full_height)
    };
    let shrunk = resample(&stored, stored_target.0, stored_target.1);
    drop(stored);
    let mut upright = DynamicImage::ImageRgb8(shrunk);
    upright.apply_orientation(orientation);
    let mut source = upright.into_rgb8();

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
    let full_jpeg = jpeg(&source, settings.jpeg_quality)?;
    let mut variants = Vec::new();
    // Each size comes from the next larger one: resizing a 12-megapixel photo once,
    // then smaller and smaller copies, is several times faster than each from the
    // original, and looks the same at these ratios.
    for &w in widths.iter().rev() {
        let h = scaled_height(width, height, w);
        let sized = match w >= source.width() {
            true => source.clone(),
            false => resample(&source, w, h),
        };
        let (w, h) = sized.dimensions();
        let variant = |ext| Variant {
            width: w,
            height: h,
            ext,
        };
        variants.push((variant("jpg"), jpeg(&sized, settings.jpeg_quality)?));
        variants.push((variant("webp"), webp(&sized, settings.webp_quality)?));
        source = sized;
    }
    variants.reverse();
    variants.push((
        Variant {
            width: full,
            height: full_height,
            ext: "jpg",
        },
        full_jpeg,
    ));
    Ok(Encoded {
        width,
        height,
        variants,
    })
}

/// The photo's pixels as stored, and how to turn them upright.
fn decode(bytes: Vec<u8>) -> Result<(RgbImage, Orientation), String> {
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
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    // Alpha is dropped: JPEG has none, and photos need none. A JPEG decodes to RGB
    // already, so this costs no copy.
    let image = DynamicImage::from_decoder(decoder)
        .map_err(broken)?
        .into_rgb8();
    Ok((image, orientation))
}

fn scaled_height(width: u32, height: u32, to: u32) -> u32 {
    let h = (u64::from(height) * u64::from(to) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h.max(1)).unwrap_or(u32::MAX)
}

/// The Catmull-Rom cubic (B = 0, C = 1/2): sharp without the ringing of Lanczos.
fn catmull_rom(x: f32) -> f32 {
    let x = x.abs();
    if x < 1.0 {
        (1.5 * x - 2.5) * x * x + 1.0
    } else if x < 2.0 {
        ((-0.5 * x + 2.5) * x - 4.0) * x + 2.0
    } else {
        0.0
    }
}

/// For each of `to` output positions, the first of the `from` input positions it
/// takes, and its weights over them (summing to 1).
struct Taps {
    start: Vec<usize>,
    len: Vec<usize>,
    weights: Vec<f32>,
    /// Where each position's weights begin in `weights`.
    at: Vec<usize>,
}

impl Taps {
    fn new(from: u32, to: u32) -> Taps {
        let ratio = from as f32 / to as f32;
        // Shrinking widens the kernel, so every input pixel counts (no aliasing).
        let scale = ratio.max(1.0);
        let support = 2.0 * scale;
        let mut taps = Taps {
            start: Vec::with_capacity(to as usize),
            len: Vec::with_capacity(to as usize),
            weights: Vec::new(),
            at: Vec::with_capacity(to as usize),
        };
        for x in 0..to {
            let center = (x as f32 + 0.5) * ratio;
            let left = ((center - support).floor().max(0.0) as usize).min(from as usize - 1);
            let right = ((center + support).ceil() as usize).clamp(left + 1, from as usize);
            let at = taps.weights.len();
            let mut sum = 0.0;
            for i in left..right {
                let w = catmull_rom((i as f32 + 0.5 - center) / scale);
                taps.weights.push(w);
                sum += w;
            }
            if sum.abs() < f32::EPSILON {
                // Cannot happen for a shrink; kept so that no division is by zero.
                taps.weights.truncate(at);
                taps.weights.push(1.0);
                taps.start.push(left);
                taps.len.push(1);
            } else {
                for w in &mut taps.weights[at..] {
                    *w /= sum;
                }
                taps.start.push(left);
                taps.len.push(right - left);
            }
            taps.at.push(at);
        }
        taps
    }

    fn of(&self, x: usize) -> (usize, &[f32]) {
        let at = self.at[x];
        (self.start[x], &self.weights[at..at + self.len[x]])
    }
}

/// `image` resized to `width`x`height` with the Catmull-Rom filter, one output row at
/// a time: only the few input rows the filter spans are held, resized across, so a
/// 12-megapixel photo needs no more than its own pixels and the result (the `image`
/// crate's resize holds a float copy of the whole picture, three times its size).
fn resample(image: &RgbImage, width: u32, height: u32) -> RgbImage {
    let (width, height) = (width.max(1), height.max(1));
    if (width, height) == image.dimensions() {
        return image.clone();
    }
    let across = Taps::new(image.width(), width);
    let down = Taps::new(image.height(), height);
    let row_len = image.width() as usize * 3;
    let raw = image.as_raw();
    let out_len = width as usize * 3;
    let resize_row = |y: usize| -> Vec<f32> {
        let row = &raw[y * row_len..(y + 1) * row_len];
        let mut out = vec![0.0f32; out_len];
        for (x, px) in out.chunks_exact_mut(3).enumerate() {
            let (start, weights) = across.of(x);
            let (mut r, mut g, mut b) = (0.0, 0.0, 0.0);
            for (k, w) in weights.iter().enumerate() {
                let i = (start + k) * 3;
                r += w * f32::from(row[i]);
                g += w * f32::from(row[i + 1]);
                b += w * f32::from(row[i + 2]);
            }
            px.copy_from_slice(&[r, g, b]);
        }
        out
    };
    // The input rows resized across that the current output row spans; output rows
    // take input rows in order, so the earliest can be let go.
    let mut rows: std::collections::VecDeque<(usize, Vec<f32>)> = Default::default();
    let mut out = Vec::with_capacity(out_len * height as usize);
    let mut sum = vec![0.0f32; out_len];
    for y in 0..height as usize {
        let (start, weights) = down.of(y);
        while rows.front().is_some_and(|(i, _)| *i < start) {
            rows.pop_front();
        }
        let mut next = rows.back().map_or(start, |(i, _)| i + 1);
        while next < start + weights.len() {
            rows.push_back((next, resize_row(next)));
            next += 1;
        }
        sum.fill(0.0);
        for ((_, row), w) in rows.iter().zip(weights) {
            for (s, v) in sum.iter_mut().zip(row) {
                *s += w * v;
            }
        }
        out.extend(sum.iter().map(|v| v.round().clamp(0.0, 255.0) as u8));
    }
    RgbImage::from_raw(width, height, out).unwrap_or_else(|| RgbImage::new(width, height))
}

fn jpeg(image: &RgbImage, quality: u8) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder =
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100));
    encoder
        .encode_image(image)
        .map_err(|e| format!("could not be encoded as JPEG ({e})"))?;
    Ok(out)
}

/// Lossy WebP through libwebp: `image`'s own WebP encoder writes lossless files only,
/// several times the size of a JPEG for a photo.
fn webp(image: &RgbImage, quality: u8) -> Result<Vec<u8>, String> {
    let encoder = webp::Encoder::from_rgb(image.as_raw(), image.width(), image.height());
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
        let encoded = encode(bytes, &Settings::default()).unwrap();
        let sizes: Vec<(u32, u32, &str)> = encoded
            .variants
            .iter()
            .map(|(v, _)| (v.width, v.height, v.ext))
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
    fn the_streaming_resize_matches_a_whole_image_resize() {
        // A smooth picture with an edge: gradients across and down, a dark block.
        let image = RgbImage::from_fn(301, 203, |x, y| {
            let edge = if (100..180).contains(&x) && (60..120).contains(&y) {
                0
            } else {
                200
            };
            image::Rgb([(x * 255 / 300) as u8, (y * 255 / 202) as u8, edge])
        });
        for (w, h) in [(120, 81), (300, 202), (77, 190), (1, 1)] {
            let ours = resample(&image, w, h);
            let theirs =
                image::imageops::resize(&image, w, h, image::imageops::FilterType::CatmullRom);
            assert_eq!(ours.dimensions(), (w, h));
            let diff: Vec<i32> = ours
                .as_raw()
                .iter()
                .zip(theirs.as_raw())
                .map(|(a, b)| (i32::from(*a) - i32::from(*b)).abs())
                .collect();
            let mean = diff.iter().sum::<i32>() as f64 / diff.len() as f64;
            assert!(mean < 1.5, "{w}x{h}: mean difference {mean}");
        }
        let flat = RgbImage::from_pixel(640, 480, image::Rgb([12, 130, 250]));
        assert!(
            resample(&flat, 97, 73)
                .pixels()
                .all(|p| *p == image::Rgb([12, 130, 250]))
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
            assert!(
                encode(bytes.to_vec(), &Settings::default()).is_err(),
                "{bytes:?}"
            );
        }
    }
}
