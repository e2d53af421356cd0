//! Times as the outputs write them: RFC 3339 for pages, feeds and JSON, iCalendar's
//! compact UTC, and when a feed entry counts as updated. When sessions start and end
//! is the model's ([`crate::model::EventTimes`]).

use crate::model::Event;
use crate::model::EventTimes;
use jiff::ZonedDateTime;

/// When a session's feed entry counts as updated: its start, else its event's first
/// day.
pub fn session_updated(event: &Event, times: &EventTimes, index: usize) -> Option<ZonedDateTime> {
    times
        .start(index)
        .cloned()
        .or_else(|| times.start_of_first_day(event))
}

/// When an event counts as updated: its latest session start, else its first day.
pub fn event_updated(event: &Event, times: &EventTimes) -> Option<ZonedDateTime> {
    times
        .last_start()
        .cloned()
        .or_else(|| times.start_of_first_day(event))
}

/// RFC 3339 with the zone's offset: `2025-05-07T13:00:00+02:00`.
pub fn rfc3339(z: &ZonedDateTime) -> String {
    let mut out = String::with_capacity(25);
    push_rfc3339(&mut out, z);
    out
}

/// Appends [`rfc3339`]: what `strftime("%Y-%m-%dT%H:%M:%S%:z")` writes, written by hand
/// because a build formats several times per session. Years outside 0–9999 and offsets
/// with seconds (local mean time before 1900) are left to `strftime`.
pub fn push_rfc3339(out: &mut String, z: &ZonedDateTime) {
    let dt = z.datetime();
    let offset = z.offset().seconds();
    if !(0..=9999).contains(&dt.year()) || offset % 60 != 0 {
        out.push_str(&z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
        return;
    }
    push_datetime(out, dt, true);
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = offset.unsigned_abs() / 60;
    push_int(out, minutes / 60, 2);
    out.push(':');
    push_int(out, minutes % 60, 2);
}

/// The UTC time in iCalendar's compact form, `20250507T110000Z`: what
/// `timestamp().strftime("%Y%m%dT%H%M%SZ")` writes.
pub fn utc_compact(z: &ZonedDateTime) -> String {
    let dt = jiff::tz::Offset::UTC.to_datetime(z.timestamp());
    if !(0..=9999).contains(&dt.year()) {
        return z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string();
    }
    let mut out = String::with_capacity(16);
    push_datetime(&mut out, dt, false);
    out.push('Z');
    out
}

/// `2025-05-07T13:00:00`, or `20250507T130000` without `separators`; the year must be
/// in 0–9999.
fn push_datetime(out: &mut String, dt: jiff::civil::DateTime, separators: bool) {
    let (date_sep, time_sep) = if separators { ("-", ":") } else { ("", "") };
    push_int(out, dt.year().unsigned_abs().into(), 4);
    out.push_str(date_sep);
    push_int(out, dt.month().unsigned_abs().into(), 2);
    out.push_str(date_sep);
    push_int(out, dt.day().unsigned_abs().into(), 2);
    out.push('T');
    push_int(out, dt.hour().unsigned_abs().into(), 2);
    out.push_str(time_sep);
    push_int(out, dt.minute().unsigned_abs().into(), 2);
    out.push_str(time_sep);
    push_int(out, dt.second().unsigned_abs().into(), 2);
}

/// `n` in decimal, zero-padded to `width` digits (`n` must fit).
fn push_int(out: &mut String, n: u32, width: u32) {
    let mut div = 10u32.pow(width - 1);
    while div > 0 {
        out.push(char::from(b'0' + ((n / div) % 10) as u8));
        div /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::tz::TimeZone;

    #[test]
    fn formats_like_strftime() {
        let zones = [
            "UTC",
            "Europe/Zurich",
            "America/St_Johns",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Pacific/Chatham",
            "America/Los_Angeles",
            // Local mean time, offsets with seconds, before 1900.
            "Europe/Amsterdam",
            "Africa/Monrovia",
        ];
        let dates = [
            jiff::civil::date(2025, 5, 7).at(13, 0, 0, 0),
            jiff::civil::date(2025, 12, 31).at(23, 59, 59, 0),
            jiff::civil::date(1, 1, 1).at(0, 0, 0, 0),
            jiff::civil::date(1850, 3, 4).at(9, 5, 7, 0),
            jiff::civil::date(1937, 6, 30).at(23, 59, 0, 0),
            jiff::civil::date(9999, 12, 30).at(1, 2, 3, 0),
            jiff::civil::date(-5, 6, 7).at(8, 9, 10, 0),
        ];
        for zone in zones {
            let tz = TimeZone::get(zone).unwrap();
            for dt in dates {
                let Ok(z) = dt.to_zoned_datetime(tz.clone()) else {
                    continue;
                };
                let want = z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
                assert_eq!(rfc3339(&z), want, "{zone} {dt}");
                let want = z.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string();
                assert_eq!(utc_compact(&z), want, "{zone} {dt}");
            }
        }
    }
}
