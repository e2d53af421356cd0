//! A notes file's bytes as text. UTF-8 is the format, but writers still meet the two
//! encodings older Windows editors saved by default: UTF-16 with a byte order mark
//! (Notepad's "Unicode") and Windows-1252 (its "ANSI" in Western Europe and the
//! Americas). Both are read, the second with a warning, so a writer's `café` or curly
//! quotes never stop a site from building. Bytes that are not text in any of them
//! (a NUL, a control code, an undefined Windows-1252 byte) are an error naming the
//! line and column of the first bad byte.

use crate::error::{Error, Location, Result, Warning};
use std::path::Path;

/// Windows-1252's bytes 0x80 to 0x9F; `None` for the five it leaves undefined. The
/// rest of 0xA0 to 0xFF is Latin-1, the code point of the same number.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Whether a byte can stand in a text file: not a control code other than tab, line
/// feed, form feed and carriage return.
fn is_text_byte(b: u8) -> bool {
    b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)
}

/// The 1-based line and column of byte `at`.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = at
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    (line, col)
}

fn not_text(rel: &Path, bytes: &[u8], at: usize) -> Error {
    let (line, col) = line_col(bytes, at);
    Error::at_pos(
        rel,
        Some(line),
        Some(col),
        "the file is not UTF-8 text: save it as UTF-8 in your editor",
    )
}

/// How a file's text was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Windows-1252, or UTF-8 with bytes of it mixed in.
    Windows1252,
}

impl Encoding {
    /// `text` as bytes of this encoding, for appending to a file written in it. A
    /// character Windows-1252 lacks goes out as UTF-8, which [`decode`] reads back.
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            Encoding::Windows1252 => {
                let mut out = Vec::with_capacity(text.len());
                for c in text.chars() {
                    let high = CP1252_HIGH.iter().position(|&h| h == Some(c));
                    match (u32::from(c), high) {
                        (_, Some(i)) => out.push(0x80 + i as u8),
                        (n @ (0..=0x7f | 0xa0..=0xff), _) => out.push(n as u8),
                        _ => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                    }
                }
                out
            }
        }
    }
}

/// A notes file's text, as written.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// Set when the file was not UTF-8 or UTF-16.
    pub warning: Option<Warning>,
}

/// The text of a notes file, and a warning when it was not UTF-8.
pub fn decode(rel: &Path, bytes: Vec<u8>) -> Result<Decoded> {
    let encoding = match bytes.as_slice() {
        [0xff, 0xfe, ..] => Encoding::Utf16Le,
        [0xfe, 0xff, ..] => Encoding::Utf16Be,
        _ => Encoding::Utf8,
    };
    if encoding != Encoding::Utf8 {
        return match utf16(&bytes[2..], encoding) {
            Some(text) => Ok(Decoded {
                text,
                encoding,
                warning: None,
            }),
            None => Err(not_text(rel, &bytes, 0)),
        };
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text,
                encoding,
                warning: None,
            });
        }
        Err(e) => e.into_bytes(),
    };
    // A control code in a file that is not UTF-8 says it is no text file at all.
    if let Some(at) = bytes.iter().position(|&b| !is_text_byte(b)) {
        return Err(not_text(rel, &bytes, at));
    }
    // What is UTF-8 stays so (a file may mix both: text pasted into an old file); each
    // byte that is not is read as Windows-1252.
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut first = None;
    let mut at = 0;
    while at < bytes.len() {
        match std::str::from_utf8(&bytes[at..]) {
            Ok(rest) => {
                text.push_str(rest);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                text.push_str(std::str::from_utf8(&bytes[at..at + good]).unwrap_or_default());
                at += good;
                let b = bytes[at];
                let c = match b {
                    0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => Some(char::from(b)),
                };
                let Some(c) = c else {
                    return Err(not_text(rel, &bytes, at));
                };
                text.push(c);
                first.get_or_insert(at);
                at += 1;
            }
        }
    }
    let first = first.unwrap_or_default();
    let (line, col) = line_col(&bytes, first);
    let warning = Warning {
        location: Location {
            path: rel.to_path_buf(),
            line: Some(line),
            col: Some(col),
        },
        message: "the file is not UTF-8 text: read as Windows-1252; save it as UTF-8 in \
                  your editor to be sure every character shows as you typed it"
            .to_string(),
    };
    Ok(Decoded {
        text,
        encoding: Encoding::Windows1252,
        warning: Some(warning),
    })
}

/// The text after a UTF-16 byte order mark; `None` when it is not valid UTF-16 text.
fn utf16(body: &[u8], encoding: Encoding) -> Option<String> {
    let from = match encoding {
        Encoding::Utf16Be => u16::from_be_bytes,
        _ => u16::from_le_bytes,
    };
    if !body.len().is_multiple_of(2) {
        return None;
    }
    let units = body.chunks_exact(2).map(|p| from([p[0], p[1]]));
    let text: Option<String> = char::decode_utf16(units).map(Result::ok).collect();
    text.filter(|t| t.chars().all(|c| c as u32 >= 0x20 || is_text_byte(c as u8)))
}

/// The text of a notes file for a second look (its images, a line's number), in
/// whatever encoding it was read; `None` when it cannot be read.
pub fn read_notes(path: &Path, rel: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    decode(rel, bytes).ok().map(|d| d.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> std::result::Result<(String, bool), String> {
        decode(Path::new("n.md"), bytes.to_vec())
            .map(|d| (d.text, d.warning.is_some()))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn each_encoding_reads_as_its_writer_typed() {
        let cases: &[(&[u8], &str, bool)] = &[
            // UTF-8, with and without its mark: no warning.
            (b"13:00 Caf\xc3\xa9", "13:00 Café", false),
            (b"\xef\xbb\xbf13:00 Talk", "\u{feff}13:00 Talk", false),
            // Windows-1252: Latin-1 letters, curly quotes, the dash and the euro.
            (b"13:00 Caf\xe9", "13:00 Café", true),
            (
                b"\x93Open\x94 \x96 it\x92s \x80 5\r\n",
                "“Open” – it’s € 5\r\n",
                true,
            ),
            (b"Gr\xfc\xdfe\n\xc3\x28", "Grüße\nÃ(", true),
            // Both in one file: the UTF-8 stays UTF-8.
            (b"Caf\xc3\xa9 \x96 caf\xe9", "Café – café", true),
            // UTF-16 with its mark, either byte order.
            (b"\xff\xfe1\x003\x00 \x00\xe9\x00", "13 é", false),
            (b"\xfe\xff\x001\x003\x00 \x00\xe9", "13 é", false),
        ];
        for (bytes, want, warned) in cases {
            assert_eq!(
                read(bytes),
                Ok((want.to_string(), *warned)),
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn bytes_that_are_no_text_are_an_error_at_their_place() {
        let cases: &[(&[u8], &str)] = &[
            // A NUL or a control code in a file that is not UTF-8: a binary file.
            (b"13:00 Talk\nab\x00c\xe9", "n.md:2:3:"),
            (b"ok\n\xe9\x01", "n.md:2:2:"),
            (b"\x00\xe9", "n.md:1:1:"),
            // One of the five bytes Windows-1252 leaves undefined.
            (b"a\x81", "n.md:1:2:"),
            // A UTF-16 mark on an odd number of bytes, a lone surrogate, a NUL.
            (b"\xff\xfea\x00b", "n.md:1:1:"),
            (b"\xff\xfe\x00\xd8a\x00", "n.md:1:1:"),
            (b"\xff\xfe\x00\x00", "n.md:1:1:"),
        ];
        for (bytes, at) in cases {
            let err = read(bytes).expect_err(&String::from_utf8_lossy(bytes));
            assert!(
                err.starts_with(at) && err.contains("not UTF-8 text"),
                "{err}"
            );
        }
    }

    #[test]
    fn the_warning_names_the_first_byte_that_is_not_utf8() {
        let decoded = decode(Path::new("n.md"), b"a\xc3\xa9\nb \xe9".to_vec()).unwrap();
        let warning = decoded.warning.expect("a warning");
        assert_eq!(
            (warning.location.line, warning.location.col),
            (Some(2), Some(3))
        );
    }

    #[test]
    fn appended_text_reads_back_in_each_encoding() {
        let appended = "14:00 Café – “Q&A” € 😀\n";
        let files: &[&[u8]] = &[
            b"13:00 a\n",
            b"\xff\xfe1\x00\n\x00",
            b"\xfe\xff\x001\x00\n",
            b"13:00 caf\xe9\n",
        ];
        for file in files {
            let before = decode(Path::new("n.md"), file.to_vec()).unwrap();
            let mut bytes = file.to_vec();
            bytes.extend(before.encoding.encode(appended));
            let after = decode(Path::new("n.md"), bytes).unwrap();
            assert_eq!(after.text, before.text + appended, "{:?}", before.encoding);
            assert_eq!(after.encoding, before.encoding);
        }
        // Windows-1252 has the dash, quotes and euro: only the emoji is UTF-8.
        assert_eq!(
            Encoding::Windows1252.encode("é–€😀"),
            b"\xe9\x96\x80\xf0\x9f\x98\x80"
        );
    }
}
