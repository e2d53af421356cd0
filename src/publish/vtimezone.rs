//! The `VTIMEZONE` of an event's calendar (RFC 5545 §3.6.5), from the zone data plenary
//! carries (jiff's bundled tzdb): the observance in force when the event's first
//! session starts, and every change of offset until its last session ends, each as
//! an explicit `STANDARD` or `DAYLIGHT` with no recurrence rule to get wrong.

use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};

/// An offset as iCalendar writes it: `+0200`, `-0330`, `+053028` with seconds.
pub fn utc_offset(offset: Offset) -> String {
    let secs = offset.seconds();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.unsigned_abs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// A local date and time as iCalendar writes it, without a zone: `20250507T093000`.
pub fn local(ts: Timestamp, offset: Offset) -> String {
    offset.to_datetime(ts).strftime("%Y%m%dT%H%M%S").to_string()
}

/// One observance: from `start` on, the zone is `to` (it was `from` before).
struct Observance {
    start: Timestamp,
    from: Offset,
    to: Offset,
    name: String,
    dst: bool,
}

/// The content lines (unfolded, in order) of the `VTIMEZONE` named `tzid` covering
/// `first` to `last`.
pub fn lines(
    tzid: &str,
    tz: &TimeZone,
    first: Timestamp,
    last: Timestamp,
) -> Vec<(String, String)> {
    let mut observances = Vec::new();
    let at_first = tz.to_offset_info(first);
    match tz
        .preceding(
            first
                .saturating_add(jiff::SignedDuration::from_secs(1))
                .unwrap_or(first),
        )
        .next()
    {
        Some(t) => {
            let before = tz.to_offset(
                t.timestamp()
                    .saturating_sub(jiff::SignedDuration::from_secs(1))
                    .unwrap_or(t.timestamp()),
            );
            observances.push(Observance {
                start: t.timestamp(),
                from: before,
                to: t.offset(),
                name: t.abbreviation().to_string(),
                dst: t.dst().is_dst(),
            });
        }
        // A zone that never changed (UTC): one observance since 1970.
        None => observances.push(Observance {
            start: Timestamp::UNIX_EPOCH,
            from: at_first.offset(),
            to: at_first.offset(),
            name: at_first.abbreviation().to_string(),
            dst: at_first.dst().is_dst(),
        }),
    }
    for t in tz.following(first) {
        if t.timestamp() > last {
            break;
        }
        let from = observances.last().map_or(t.offset(), |o| o.to);
        observances.push(Observance {
            start: t.timestamp(),
            from,
            to: t.offset(),
            name: t.abbreviation().to_string(),
            dst: t.dst().is_dst(),
        });
    }
    let mut out = vec![
        ("BEGIN".to_string(), "VTIMEZONE".to_string()),
        ("TZID".to_string(), tzid.to_string()),
    ];
    for o in observances {
        let kind = if o.dst { "DAYLIGHT" } else { "STANDARD" };
        out.push(("BEGIN".into(), kind.into()));
        // DTSTART is the local time just before the change, in the old offset.
        out.push(("DTSTART".into(), local(o.start, o.from)));
        out.push(("TZOFFSETFROM".into(), utc_offset(o.from)));
        out.push(("TZOFFSETTO".into(), utc_offset(o.to)));
        if !o.name.is_empty() {
            out.push(("TZNAME".into(), o.name));
        }
        out.push(("END".into(), kind.into()));
    }
    out.push(("END".into(), "VTIMEZONE".into()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn text(tzid: &str, first: &str, last: &str) -> Vec<String> {
        let tz = TimeZone::get(tzid).unwrap();
        lines(tzid, &tz, ts(first), ts(last))
            .into_iter()
            .map(|(k, v)| format!("{k}:{v}"))
            .collect()
    }

    #[test]
    fn the_observance_in_force_and_each_change_until_the_end() {
        // A summer event in Zurich: the change to CEST in March is in force.
        assert_eq!(
            text(
                "Europe/Zurich",
                "2025-05-07T07:30:00Z",
                "2025-05-08T16:00:00Z"
            ),
            [
                "BEGIN:VTIMEZONE",
                "TZID:Europe/Zurich",
                "BEGIN:DAYLIGHT",
                "DTSTART:20250330T020000",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0200",
                "TZNAME:CEST",
                "END:DAYLIGHT",
                "END:VTIMEZONE",
            ]
        );
        // An event over the night clocks go back in New York: both observances.
        let nyc = text(
            "America/New_York",
            "2025-11-01T14:00:00Z",
            "2025-11-03T02:00:00Z",
        );
        assert!(nyc.contains(&"BEGIN:STANDARD".to_string()), "{nyc:#?}");
        assert!(
            nyc.contains(&"DTSTART:20251102T020000".to_string()),
            "{nyc:#?}"
        );
        assert!(nyc.contains(&"TZOFFSETTO:-0500".to_string()), "{nyc:#?}");
        assert_eq!(
            text("UTC", "2025-05-07T07:30:00Z", "2025-05-07T08:00:00Z")[2..7],
            [
                "BEGIN:STANDARD",
                "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0000",
                "TZOFFSETTO:+0000",
                "TZNAME:UTC"
            ]
        );
        assert_eq!(
            utc_offset(Offset::from_seconds(-(3 * 3600 + 30 * 60)).unwrap()),
            "-0330"
        );
    }
}
