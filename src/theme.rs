//! The default theme, embedded in the binary: the repository's `templates/` and
//! `static/`. A site's own files of the same names replace them.

/// The default theme's templates, from the repository's `templates/`.
pub const THEME_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("event.html", include_str!("../templates/event.html")),
    ("session.html", include_str!("../templates/session.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("speakers.html", include_str!("../templates/speakers.html")),
    ("speaker.html", include_str!("../templates/speaker.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("card.svg", include_str!("../templates/card.svg")),
    (
        "partials/head.html",
        include_str!("../templates/partials/head.html"),
    ),
    (
        "partials/event_live.html",
        include_str!("../templates/partials/event_live.html"),
    ),
    (
        "partials/key_moments.html",
        include_str!("../templates/partials/key_moments.html"),
    ),
    (
        "partials/entry_marks.html",
        include_str!("../templates/partials/entry_marks.html"),
    ),
    (
        "partials/session_article.html",
        include_str!("../templates/partials/session_article.html"),
    ),
    (
        "partials/zone_switch.html",
        include_str!("../templates/partials/zone_switch.html"),
    ),
];

/// The default theme's static files, from the repository's `static/`.
pub const THEME_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../static/style.css")),
    ("live.js", include_bytes!("../static/live.js")),
    ("search.js", include_bytes!("../static/search.js")),
    ("copy-link.js", include_bytes!("../static/copy-link.js")),
    ("home.js", include_bytes!("../static/home.js")),
    ("zone.js", include_bytes!("../static/zone.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
];
