//! Live reload: a hub that tells open browsers, over server-sent events, which pages
//! changed and whether the site is broken, and the script injected into served HTML
//! that listens to it.

use serde_json::json;
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Duration;

/// The path of the event stream.
pub const EVENTS_PATH: &str = "/__plenary/events";

/// At most this many browsers listen at once; each holds a thread.
const MAX_LISTENERS: usize = 64;

/// A comment line now and then finds closed connections and keeps proxies open.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// What the hub remembers for late listeners.
#[derive(Default)]
struct HubState {
    listeners: Vec<mpsc::Sender<String>>,
    /// Bumped on every announced change.
    generation: u64,
    /// When each path last changed.
    changed_at: HashMap<String, u64>,
    /// When everything last changed.
    all_at: u64,
    /// The current error as JSON, while the site is broken.
    error: Option<String>,
}

/// The browsers listening for changes.
pub struct Hub {
    /// Tells a page served before a restart from one served by this process.
    instance: String,
    state: Mutex<HubState>,
    streams: AtomicUsize,
}

/// What changed in one rebuild, as the browsers see it.
pub struct Change<'a> {
    /// Served paths (`2025/x/index.html`, `style.css`) whose bytes changed.
    pub paths: &'a [String],
    /// Every page may have changed (templates, `site.toml`, a new image).
    pub all: bool,
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    /// A hub with no listeners.
    pub fn new() -> Hub {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Hub {
            instance: format!("{nanos:x}-{}", std::process::id()),
            state: Mutex::new(HubState::default()),
            streams: AtomicUsize::new(0),
        }
    }

    /// The generation a page served now belongs to.
    pub fn generation(&self) -> u64 {
        self.state.lock().map_or(0, |s| s.generation)
    }

    /// Tells every browser what changed.
    pub fn changed(&self, change: &Change<'_>) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.generation += 1;
        let generation = state.generation;
        if change.all {
            state.all_at = generation;
        }
        for p in change.paths {
            state.changed_at.insert(p.clone(), generation);
        }
        let (css, pages): (Vec<&String>, Vec<&String>) =
            change.paths.iter().partition(|p| p.ends_with(".css"));
        let data = json!({ "pages": pages, "css": css, "all": change.all });
        broadcast(&mut state, &event("change", &data.to_string()));
    }

    /// Shows an error in every browser until [`Hub::fixed`].
    pub fn failed(&self, file: Option<&str>, line: Option<usize>, message: &str) {
        let data = json!({ "file": file, "line": line, "message": message }).to_string();
        if let Ok(mut state) = self.state.lock() {
            broadcast(&mut state, &event("failed", &data));
            state.error = Some(data);
        }
    }

    /// Clears the error overlay.
    pub fn fixed(&self) {
        if let Ok(mut state) = self.state.lock()
            && state.error.take().is_some()
        {
            broadcast(&mut state, &event("fixed", "{}"));
        }
    }

    /// Whether another stream may open; the caller must [`Hub::stream`] after `true`.
    pub fn admit(&self) -> bool {
        let n = self.streams.fetch_add(1, Ordering::SeqCst);
        if n >= MAX_LISTENERS {
            self.streams.fetch_sub(1, Ordering::SeqCst);
            return false;
        }
        true
    }

    /// Streams events to one browser until it goes away, answer head included. `query`
    /// is the request's query string: the page's key and generation, to catch changes
    /// it missed.
    pub fn stream(&self, query: &str, mut out: impl Write) {
        let (tx, rx) = mpsc::channel();
        let hello = match self.state.lock() {
            Ok(mut state) => {
                state.listeners.push(tx);
                let mut hello = self.hello(&state, query);
                if let Some(err) = &state.error {
                    hello.push_str(&event("failed", err));
                }
                hello
            }
            Err(_) => String::new(),
        };
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
        let mut ok = out.write_all(head.as_bytes()).is_ok()
            && out.write_all(hello.as_bytes()).is_ok()
            && out.flush().is_ok();
        while ok {
            let msg = match rx.recv_timeout(KEEPALIVE) {
                Ok(msg) => msg,
                Err(mpsc::RecvTimeoutError::Timeout) => ": keepalive\n\n".to_string(),
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            ok = out.write_all(msg.as_bytes()).is_ok() && out.flush().is_ok();
        }
        // The dropped receiver makes the next broadcast forget this listener.
        self.streams.fetch_sub(1, Ordering::SeqCst);
    }

    fn hello(&self, state: &HubState, query: &str) -> String {
        let mut key = String::new();
        let mut seen = None;
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("key", v)) => key = super::http::percent_decode(v).unwrap_or_default(),
                Some(("gen", v)) => seen = v.parse::<u64>().ok(),
                _ => {}
            }
        }
        let last = state
            .changed_at
            .get(&key)
            .copied()
            .unwrap_or(0)
            .max(state.all_at);
        let stale = seen.is_some_and(|g| last > g);
        let data = json!({ "instance": self.instance, "stale": stale });
        event("hello", &data.to_string())
    }

    /// The script for one served page, whose key is its path in the site.
    pub fn script(&self, key: &str, generation: u64) -> String {
        let config = json!({
            "key": key,
            "gen": generation,
            "instance": self.instance,
            "events": EVENTS_PATH,
        });
        // `</` cannot appear in JSON from serde except inside strings; escape it so a
        // key can never close the script element.
        let config = config.to_string().replace("</", "<\\/");
        format!("<script>(function(P){{{SCRIPT}}})({config});</script>")
    }
}

fn broadcast(state: &mut HubState, msg: &str) {
    state.listeners.retain(|l| l.send(msg.to_string()).is_ok());
}

fn event(name: &str, data: &str) -> String {
    format!("event: {name}\ndata: {data}\n\n")
}

/// Inserts the script before the last `</body>`, or at the end without one.
pub fn inject(html: &[u8], script: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// The browser side. A changed page reloads keeping its scroll position (following
/// the end when the reader was at the end); a stylesheet change swaps the sheet; an
/// error shows as an overlay until fixed. `EventSource` reconnects by itself after a
/// dropped connection; after a refused one it is closed, so it is reopened here.
const SCRIPT: &str = r#"
var store = "plenary-scroll:" + location.pathname;
var root = document.documentElement;
try {
  var saved = JSON.parse(sessionStorage.getItem(store) || "null");
  if (saved) {
    sessionStorage.removeItem(store);
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    var restore = function () {
      window.scrollTo(saved.x, saved.bottom ? root.scrollHeight : saved.y);
    };
    restore();
    addEventListener("DOMContentLoaded", restore);
    addEventListener("load", restore);
  }
} catch (e) {}
function reload() {
  try {
    sessionStorage.setItem(store, JSON.stringify({
      x: scrollX, y: scrollY,
      bottom: scrollY > 0 && innerHeight + scrollY >= root.scrollHeight - 2
    }));
  } catch (e) {}
  location.reload();
}
function swapCss(keys) {
  var links = document.querySelectorAll('link[rel~="stylesheet"]');
  for (var i = 0; i < links.length; i++) {
    var url = new URL(links[i].href, location.href);
    if (url.origin !== location.origin) continue;
    if (keys.indexOf(decodeURIComponent(url.pathname).replace(/^\/+/, "")) < 0) continue;
    url.searchParams.set("plenary", Date.now());
    links[i].href = url.href;
  }
}
var box = null;
function showError(err) {
  if (!box) {
    box = document.createElement("div");
    box.id = "plenary-error";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;" +
      "max-height:60vh;overflow:auto;padding:1rem 1.25rem;border-radius:.5rem;" +
      "background:#2b0d0d;color:#ffe9e9;border:2px solid #e5484d;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
      "box-shadow:0 .5rem 2rem rgba(0,0,0,.4);white-space:pre-wrap";
    document.body.appendChild(box);
  }
  var where = err.file ? err.file + (err.line ? ":" + err.line : "") : "";
  box.textContent = "";
  var head = document.createElement("strong");
  head.textContent = "plenary: the site does not build" + (where ? " \u2014 " + where : "");
  var body = document.createElement("div");
  body.textContent = err.message;
  box.appendChild(head);
  box.appendChild(body);
}
function hideError() {
  if (box) { box.remove(); box = null; }
}
function connect() {
  var es = new EventSource(P.events + "?key=" + encodeURIComponent(P.key) + "&gen=" + P.gen);
  es.addEventListener("hello", function (e) {
    var d = JSON.parse(e.data);
    if (d.instance !== P.instance || d.stale) reload();
  });
  es.addEventListener("change", function (e) {
    var d = JSON.parse(e.data);
    if (d.all || P.key === "" || d.pages.indexOf(P.key) >= 0) reload();
    else if (d.css.length) swapCss(d.css);
  });
  es.addEventListener("failed", function (e) { showError(JSON.parse(e.data)); });
  es.addEventListener("fixed", hideError);
  es.onerror = function () {
    if (es.readyState === EventSource.CLOSED) setTimeout(connect, 1000);
  };
}
connect();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_last_body_end() {
        let cases: [(&str, &str); 3] = [
            ("<body>a</body></html>", "<body>aS</body></html>"),
            ("<p>x</BODY>", "<p>xS</BODY>"),
            ("no body", "no bodyS"),
        ];
        for (html, want) in cases {
            assert_eq!(inject(html.as_bytes(), "S"), want.as_bytes(), "{html}");
        }
    }

    #[test]
    fn script_cannot_close_its_element() {
        let hub = Hub::new();
        let s = hub.script("a</script><b>", 3);
        assert_eq!(s.matches("</script>").count(), 1, "{s}");
    }
}
