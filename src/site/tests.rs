//! The site's indexes against a site built from scratch.

use super::*;
use std::path::Path;

const ALPHA: &str = "content/2025-03-01-alpha.md";
const BETA: &str = "content/2025-02-01-beta.md";
const GAMMA: &str = "content/2025-01-01-gamma.md";

fn base() -> Vec<(&'static str, String)> {
    vec![
        (
            ALPHA,
            "+++\ntitle = \"Alpha\"\ntags = [\"cafe\"]\n+++\n\n10:00 Opening\nAnna Müller, Lab One\n- Hello. #rust\n".into(),
        ),
        (
            BETA,
            "+++\ntitle = \"Beta\"\ntags = [\"café\"]\n+++\n\n10:00 Storage\nAnna Muller, Lab Two\n- Pages. #rust #databases\n\n11:00 Queues\nTeo Brandt\n- Logs. #databases\n".into(),
        ),
        (
            GAMMA,
            "+++\ntitle = \"Gamma\"\n+++\n\n09:00 Welcome\nAnna Müller, Lab Three\n- Hi. #rust\n".into(),
        ),
    ]
}

fn site(files: &[(&str, String)]) -> Site {
    Site::new(
        files
            .iter()
            .map(|(path, text)| crate::notes::parse(Path::new(path), text).unwrap().event)
            .collect(),
        Zone::utc(),
    )
}

#[test]
fn refs_are_visited_by_event_in_order_once() {
    let cases: [(&[usize], &[SessionRef], &[usize]); 5] = [
        (&[], &[], &[]),
        (&[0, 2], &[], &[0, 2]),
        (&[], &[(1, 0), (1, 3), (4, 0)], &[1, 4]),
        (
            &[1, 5],
            &[(0, 0), (1, 2), (3, 1), (5, 0), (5, 1)],
            &[0, 1, 3, 5],
        ),
        (&[7], &[(2, 0)], &[2, 7]),
    ];
    for (events, sessions, want) in cases {
        let got: Vec<usize> = in_order(events, sessions).collect();
        assert_eq!(got, want, "{events:?} {sessions:?}");
    }
}

#[test]
fn swapping_an_event_in_indexes_as_a_new_site_would() {
    // (file edited, its new text, whether it stays in place)
    let cases: [(&str, &str, bool); 10] = [
        (
            BETA,
            "+++\ntitle = \"Beta\"\ntags = [\"café\"]\n+++\n\n10:00 Storage\nAnna Muller, Lab Two\n- Pages. #rust #databases\n\n11:00 Queues\nTeo Brandt\n- Logs. #databases\n\n12:00 Lunch\nNoor Vale\n- Soup. #food\n",
            true,
        ),
        (
            BETA,
            "+++\ntitle = \"Beta\"\n+++\n\n10:00 Storage\n- Pages.\n",
            true,
        ),
        (
            ALPHA,
            "+++\ntitle = \"Alpha\"\ntags = [\"café\"]\n+++\n\n10:00 Opening\nAnna Muller, Lab One\n- Hello. #rust\n",
            true,
        ),
        (
            ALPHA,
            "+++\ntitle = \"Alpha\"\n+++\n\n10:00 Opening\n- Hello.\n",
            true,
        ),
        (
            ALPHA,
            "+++\ntitle = \"Alpha\"\ntags = [\"cafe\"]\n+++\n\n10:00 Opening\nAnna Müller, Lab Three\n- Hello. #rust\n",
            true,
        ),
        (
            GAMMA,
            "+++\ntitle = \"Gamma\"\n+++\n\n09:00 Welcome\nAnna Müller, Lab Four\n- Hi. #rust\n\n10:00 More\nAnna Müller, Lab Two\n",
            true,
        ),
        (
            BETA,
            "+++\ntitle = \"Beta\"\ntags = [\"cafe\", \"café\"]\n+++\n\n10:00 Storage\nAnna Muller, Lab Two\nAnna Müller, Lab Five\n- Pages. #rust #rust\n",
            true,
        ),
        (
            BETA,
            "+++\ntitle = \"Betamax\"\n+++\n\n10:00 Storage\n",
            true,
        ),
        (
            BETA,
            "+++\ntitle = \"Beta\"\ndate = 2025-04-01\n+++\n\n10:00 Storage\n",
            false,
        ),
        (
            GAMMA,
            "+++\ntitle = \"Aardvark\"\ndate = 2025-02-01\n+++\n",
            false,
        ),
    ];
    for (path, text, stays) in cases {
        let files = base();
        let mut got = site(&files);
        let edited: Vec<(&str, String)> = files
            .into_iter()
            .map(|(p, t)| {
                if p == path {
                    (p, text.to_string())
                } else {
                    (p, t)
                }
            })
            .collect();
        let want = site(&edited);
        let index = got
            .events
            .iter()
            .position(|e| e.source == Path::new(path))
            .unwrap();
        let new = crate::notes::parse(Path::new(path), text).unwrap().event;
        let old = got.events[index].clone();
        let mut event = new.clone();
        assert_eq!(got.swap(index, &mut event), stays, "{path}: {text}");
        // The caller gets the old event back, or its own when nothing changed.
        assert_eq!(event, if stays { old } else { new }, "{path}: {text}");
        if stays {
            assert_eq!(got.events, want.events, "{path}: {text}");
            assert_eq!(got.tags, want.tags, "{path}: {text}");
            assert_eq!(got.speakers, want.speakers, "{path}: {text}");
        }
    }
}
