//! The outputs beside the HTML pages: feeds, calendars, live state, sitemap,
//! robots.txt and the search index. Each reads the site through
//! [`crate::views::Viewer`] and hands back [`crate::page::Page`]s; the plan
//! ([`crate::plan`]) decides which to make.

pub mod atom;
pub mod ics;
pub mod live;
pub mod search;
pub mod sitemap;
pub mod xml;
