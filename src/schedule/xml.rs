//! The frab / pentabarf / pretalx `schedule.xml`: `<conference>` with title, start,
//! end and (frab) `time_zone_name`, then `<day date>` → `<room name>` → `<event>`.

use super::frab::{self, RawEvent};
use super::text::decode_entities;
use super::{Schedule, Zone, parse_datetime};
use crate::error::{Error, Result};
use roxmltree::{Document, Node};
use std::path::Path;

/// Reads a `schedule.xml`.
pub fn parse(path: &Path, text: &str, zone: Option<Zone>) -> Result<Schedule> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, opts).map_err(|e| {
        let pos = e.pos();
        Error::at_pos(
            path,
            Some(pos.row as usize),
            Some(pos.col as usize),
            format!("not well-formed XML: {e}"),
        )
    })?;
    let root = doc.root_element();
    if !root.has_tag_name("schedule") {
        return Err(Error::at_line(
            path,
            line(&doc, root),
            format!(
                "the root element is <{}>, not <schedule>: this is not a frab/pentabarf schedule.xml",
                root.tag_name().name()
            ),
        ));
    }
    let conference = child(root, "conference");
    let conf_text = |name: &str| conference.and_then(|c| child_text(c, name));

    let mut raws: Vec<(RawEvent, Node<'_, '_>)> = Vec::new();
    for day in root.children().filter(|n| n.has_tag_name("day")) {
        let day_date = day
            .attribute("date")
            .and_then(parse_datetime)
            .map(|d| d.0.date());
        if day_date.is_none() {
            return Err(Error::at_line(
                path,
                line(&doc, day),
                "a <day> without a valid `date` attribute (write it as date=\"2025-05-07\")",
            ));
        }
        let day_start = day.attribute("start").and_then(parse_datetime).map(|d| d.0);
        for room in day.children().filter(|n| n.has_tag_name("room")) {
            for ev in room.children().filter(|n| n.has_tag_name("event")) {
                let persons = child(ev, "persons")
                    .map(|ps| {
                        ps.children()
                            .filter(|n| n.has_tag_name("person"))
                            .filter_map(|p| p.text().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                let raw = RawEvent {
                    day: day_date,
                    day_start,
                    date: child_text(ev, "date"),
                    start: child_text(ev, "start"),
                    duration: child_text(ev, "duration"),
                    title: child_text(ev, "title").unwrap_or_default(),
                    persons,
                    room: child_text(ev, "room")
                        .or_else(|| room.attribute("name").map(str::to_string)),
                };
                raws.push((raw, ev));
            }
        }
    }

    let mut notes = Vec::new();
    let offset = frab::first_offset(raws.iter().filter_map(|(r, _)| r.date.as_deref()));
    let named = conf_text("time_zone_name");
    let zone = frab::choose_zone(zone, named.as_deref(), offset, &mut notes);
    let mut talks = Vec::with_capacity(raws.len());
    for (raw, node) in raws {
        let talk = frab::talk(raw, zone.as_ref())
            .map_err(|msg| Error::at_line(path, line(&doc, node), msg))?;
        talks.push(talk);
    }
    let date = |name: &str| {
        conf_text(name)
            .and_then(|d| parse_datetime(&d))
            .map(|d| d.0.date())
    };
    Ok(Schedule {
        title: conf_text("title")
            .map(|t| decode_entities(&t))
            .filter(|t| !t.is_empty()),
        timezone: zone.map(|z| z.name),
        first_day: date("start"),
        last_day: date("end"),
        talks,
        notes,
    })
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name(name))
}

/// The text of a child element, all of it (CDATA and entities included), trimmed.
fn child_text(node: Node<'_, '_>, name: &str) -> Option<String> {
    let c = child(node, name)?;
    let text: String = c
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn line(doc: &Document<'_>, node: Node<'_, '_>) -> usize {
    doc.text_pos_at(node.range().start).row as usize
}
