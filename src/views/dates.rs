//! Dates and times as the outputs write them: labels for pages, RFC 3339 for
//! `<time datetime>`, feeds and JSON, iCalendar's compact UTC. When sessions start
//! and end is the model's ([`crate::model::EventTimes`]).

use crate::model::Clock;
use jiff::ZonedDateTime;
use jiff::civil::Date;

pub fn iso_date(d: Date) -> String {
    d.to_string()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn weekday(d: Date) -> &'static str {
    match d.weekday() {
        jiff::civil::Weekday::Monday => "Monday",
        jiff::civil::Weekday::Tuesday => "Tuesday",
        jiff::civil::Weekday::Wednesday => "Wednesday",
        jiff::civil::Weekday::Thursday => "Thursday",
        jiff::civil::Weekday::Friday => "Friday",
        jiff::civil::Weekday::Saturday => "Saturday",
        jiff::civil::Weekday::Sunday => "Sunday",
    }
}

/// `Wednesday, 7 May 2025`.
pub fn long_date(d: Date) -> String {
    format!(
        "{}, {} {} {}",
        weekday(d),
        d.day(),
        MONTHS[d.month() as usize - 1],
        d.year()
    )
}

/// `Thu 8 May`.
pub fn short_date(d: Date) -> String {
    format!(
        "{} {} {}",
        &weekday(d)[..3],
        d.day(),
        &MONTHS[d.month() as usize - 1][..3]
    )
}

/// `7 May 2025`, `7–9 May 2025`, `30 May – 2 June 2025`.
pub fn date_range(start: Option<Date>, end: Option<Date>) -> String {
    let Some(s) = start else {
        return String::new();
    };
    let month = |d: Date| MONTHS[d.month() as usize - 1];
    match end.filter(|e| *e > s) {
        None => format!("{} {} {}", s.day(), month(s), s.year()),
        Some(e) if e.year() == s.year() && e.month() == s.month() => {
            format!("{}–{} {} {}", s.day(), e.day(), month(s), s.year())
        }
        Some(e) if e.year() == s.year() => {
            format!(
                "{} {} – {} {} {}",
                s.day(),
                month(s),
                e.day(),
                month(e),
                s.year()
            )
        }
        Some(e) => format!(
            "{} {} {} – {} {} {}",
            s.day(),
            month(s),
            s.year(),
            e.day(),
            month(e),
            e.year()
        ),
    }
}

/// A `<time datetime>` value: the full offset datetime, or the bare time without a date.
pub fn datetime(zoned: Option<&jiff::ZonedDateTime>, clock: Option<Clock>) -> Option<String> {
    match zoned {
        Some(z) => Some(rfc3339(z)),
        None => clock.map(|c| c.to_string()),
    }
}

/// The zone's abbreviation at that moment, upper-cased as `strftime("%Z")` writes it.
pub fn zone_abbreviation(z: &jiff::ZonedDateTime) -> String {
    let info = z.time_zone().to_offset_info(z.timestamp());
    info.abbreviation().to_ascii_uppercase()
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

    #[test]
    fn zone_abbreviations_match_strftime() {
        for zone in ["UTC", "Europe/Zurich", "America/Sao_Paulo", "Asia/Tokyo"] {
            let tz = jiff::tz::TimeZone::get(zone).unwrap();
            for date in [
                jiff::civil::date(2025, 1, 15),
                jiff::civil::date(2025, 7, 15),
            ] {
                let z = date.at(13, 0, 0, 0).to_zoned_datetime(tz.clone()).unwrap();
                assert_eq!(zone_abbreviation(&z), z.strftime("%Z").to_string());
            }
        }
    }

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
