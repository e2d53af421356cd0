//! The outputs beside the HTML pages: feeds, calendars, frab schedules, live state, sitemap,
//! robots.txt and the search index. Each reads the site through
//! [`crate::views::Viewer`] and hands back [`crate::page::Page`]s; the plan
//! ([`crate::plan`]) decides which to make.

pub mod atom;
pub mod frab;
pub mod ics;
pub mod jsonfeed;
pub mod live;
pub mod search;
pub mod sitemap;
pub mod vtimezone;
pub mod websub;
pub mod xml;
