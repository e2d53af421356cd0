//! The marker readers under the names other modules have used: headings
//! ([`super::candidates`]), times ([`super::times`]) and days ([`super::days`]).

pub use super::candidates::heading;
pub use super::days::{DaySpec, day_marker};
pub use super::times::{TimeMarker, time_marker};
