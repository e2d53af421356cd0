//! A drawn card as a small PNG: indexed colour when the card has at most 256 colours
//! (a flat card with little text often has), else RGB; RGBA only where the template
//! left the card see-through. Fast deflate: a card is encoded in a few milliseconds.

use std::collections::HashMap;

/// Encodes premultiplied RGBA pixels (`tiny_skia`'s) of a `width`x`height` image.
pub fn png(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let opaque = rgba.chunks_exact(4).all(|p| p[3] == 255);
    if !opaque {
        let straight: Vec<u8> = rgba.chunks_exact(4).flat_map(demultiply).collect();
        return write(&straight, width, height, ::png::ColorType::Rgba, None);
    }
    match palette(rgba) {
        Some((colours, indices)) => write(
            &indices,
            width,
            height,
            ::png::ColorType::Indexed,
            Some(colours),
        ),
        None => {
            let rgb: Vec<u8> = rgba
                .chunks_exact(4)
                .flat_map(|p| [p[0], p[1], p[2]])
                .collect();
            write(&rgb, width, height, ::png::ColorType::Rgb, None)
        }
    }
}

/// The image's colours (RGB triples) and each pixel's index into them, if there are
/// at most 256.
fn palette(rgba: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut index: HashMap<[u8; 3], u8> = HashMap::new();
    let mut colours = Vec::new();
    let mut indices = Vec::with_capacity(rgba.len() / 4);
    // Flat cards are long runs of one colour: only a change needs a look-up.
    let mut last: Option<([u8; 3], u8)> = None;
    for p in rgba.chunks_exact(4) {
        let colour = [p[0], p[1], p[2]];
        let i = match last {
            Some((c, i)) if c == colour => i,
            _ => {
                let i = match index.get(&colour) {
                    Some(&i) => i,
                    None => {
                        let i = u8::try_from(index.len()).ok()?;
                        index.insert(colour, i);
                        colours.extend(colour);
                        i
                    }
                };
                last = Some((colour, i));
                i
            }
        };
        indices.push(i);
    }
    Some((colours, indices))
}

/// A premultiplied pixel with straight alpha.
fn demultiply(p: &[u8]) -> [u8; 4] {
    let a = u16::from(p[3]);
    if a == 0 {
        return [0, 0, 0, 0];
    }
    let c = |v: u8| ((u16::from(v) * 255 + a / 2) / a).min(255) as u8;
    [c(p[0]), c(p[1]), c(p[2]), p[3]]
}

fn write(
    data: &[u8],
    width: u32,
    height: u32,
    colour: ::png::ColorType,
    palette: Option<Vec<u8>>,
) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut out, width, height);
    encoder.set_color(colour);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_compression(::png::Compression::Fast);
    if let Some(palette) = palette {
        encoder.set_palette(palette);
        // The fast deflate packs runs of zeros: the Up filter turns the rows of a flat
        // card into them (unfiltered indices came out 4x larger).
        encoder.set_filter(::png::Filter::Up);
    }
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_colours_make_an_indexed_png_and_many_an_rgb_one() {
        let flat: Vec<u8> = (0..64).flat_map(|i| [i % 3 * 100, 0, 0, 255]).collect();
        let many: Vec<u8> = (0..1024u32)
            .flat_map(|i| [(i % 256) as u8, (i / 256) as u8, 7, 255])
            .collect();
        for (pixels, side, want) in [
            (flat, 8, ::png::ColorType::Indexed),
            (many, 32, ::png::ColorType::Rgb),
        ] {
            let bytes = png(&pixels, side, side).expect("encodes");
            let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
            let reader = decoder.read_info().expect("a PNG");
            assert_eq!(reader.info().color_type, want);
            assert_eq!((reader.info().width, reader.info().height), (side, side));
        }
    }
}
