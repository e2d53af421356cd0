//! Pages whose bytes are a file already on disk (a processed photo in the cache):
//! the output copies the file, so the build never holds its bytes in memory.

use crate::error::{Error, Result};
use crate::page::Page;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One output file copied from a file on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePage {
    /// Its path relative to the output directory.
    pub path: String,
    /// The file it is a copy of.
    pub source: PathBuf,
}

impl FilePage {
    /// The page with the file's bytes, for what keeps a site in memory.
    pub fn read(&self) -> Result<Page> {
        let bytes = fs::read(&self.source).map_err(|e| gone(&self.source, e))?;
        Ok(Page {
            path: self.path.clone(),
            bytes,
        })
    }
}

/// The error of a source file that cannot be read: a cache entry removed while the
/// build ran.
pub fn gone(source: &Path, e: std::io::Error) -> Error {
    Error::io(source, e).context("a processed file went missing while building: build again")
}

/// Whether the files at `a` and `b` hold the same bytes, read a block at a time.
pub fn same_bytes(a: &Path, b: &Path) -> std::io::Result<bool> {
    let (mut a, mut b) = (fs::File::open(a)?, fs::File::open(b)?);
    if a.metadata()?.len() != b.metadata()?.len() {
        return Ok(false);
    }
    let (mut x, mut y) = (vec![0u8; 64 << 10], vec![0u8; 64 << 10]);
    loop {
        let n = read_full(&mut a, &mut x)?;
        let m = read_full(&mut b, &mut y)?;
        if n != m || x[..n] != y[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Fills `buf` as far as the file goes.
fn read_full(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}
