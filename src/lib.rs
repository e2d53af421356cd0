//! plenary: a static site generator for event live-coverage. Raw notes typed during
//! talks go in; an event page per file, a page per session, tags, speakers, feeds and
//! calendars come out.
//!
//! The stages, in the order data flows: [`config`] and [`load`] (with [`notes`], the
//! notes grammar) build the [`model`]; [`site`] indexes it; [`render`] turns it into
//! pages; [`output`] writes them. [`build`] runs the pipeline; [`cmd`] holds the
//! command-line commands.

pub mod build;
pub mod cache;
pub mod cards;
pub mod check;
pub mod cmd;
pub mod config;
pub mod encoding;
pub mod error;
pub mod escape;
pub mod hashtag;
pub mod highlight;
pub mod links;
pub mod load;
pub mod markdown;
pub mod media;
pub mod model;
pub mod net;
pub mod notes;
pub mod output;
pub mod page;
pub mod plan;
pub mod profiles;
pub mod publish;
pub mod render;
pub mod runs;
pub mod schedule;
pub mod serve;
pub mod site;
pub mod slug;
pub mod theme;
pub mod urls;
pub mod views;

pub use error::{Error, Result, Warning};
