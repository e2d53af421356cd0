//! One output file, as every output (HTML, feeds, calendars...) hands it to the plan.

/// One output file: its path relative to the output directory, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Page {
    /// A page at a rel URL path ending in `/`, written as `index.html` in it.
    pub fn html(rel: &str, html: String) -> Page {
        Page {
            path: format!("{rel}index.html"),
            bytes: html.into_bytes(),
        }
    }
}
