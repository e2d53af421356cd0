//! `plenary serve`: build the site in memory, serve it locally and rebuild on every save.

use crate::error::Result;
use crate::serve::{ServeOptions, serve};

/// Serves until the process is stopped; returns only when the server cannot start.
pub fn execute(options: &ServeOptions) -> Result<()> {
    serve(options)
}
