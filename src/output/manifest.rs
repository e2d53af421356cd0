//! The list of files plenary wrote into an output folder, kept in the folder itself:
//! plenary removes only files listed here, and a folder holding one is plenary's to
//! build into.

use crate::error::{Error, Result};
use std::collections::HashSet;
use std::path::Path;

/// The manifest's file name inside the output folder.
pub const MANIFEST: &str = ".plenary-manifest";

#[derive(serde::Serialize, serde::Deserialize)]
struct Manifest<'a> {
    /// Says what the file is to someone who opens it.
    about: &'a str,
    #[serde(borrow)]
    files: Vec<std::borrow::Cow<'a, str>>,
}

const ABOUT: &str = "The files plenary wrote into this folder. plenary removes only these; it leaves every other file here alone. Without this file, plenary refuses to build into a folder that is not empty unless given --force.";

/// The manifest's bytes for `files`.
pub fn render(files: &[&String]) -> Vec<u8> {
    let manifest = Manifest {
        about: ABOUT,
        files: files.iter().map(|f| f.as_str().into()).collect(),
    };
    serde_json::to_vec_pretty(&manifest).unwrap_or_default()
}

/// The files listed in `out`'s manifest; `None` when there is none.
pub fn read(out: &Path) -> Result<Option<HashSet<String>>> {
    let path = out.join(MANIFEST);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        Error::at_pos(
            &path,
            Some(e.line()),
            Some(e.column()),
            format!("plenary's list of the files it wrote here is damaged ({e}): delete it and build with --force"),
        )
    })?;
    Ok(Some(
        manifest.files.into_iter().map(|f| f.into_owned()).collect(),
    ))
}
