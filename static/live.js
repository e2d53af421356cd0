// plenary live following: while an event is on (today, in the event's timezone, is
// between its first and last day), poll its live.json with conditional requests (a
// static host answers 304 while nothing changed), fetch new or changed sessions from
// the event page and put them in place without a reload, with the key moments box,
// the pinned entry, the counts and the schedule. Marks the session on now and names
// the next one. Lets a reader show the newest first (a live blog does so while it is
// on), remembered; static/zone.js shows times in the reader's zone, here too on entries
// that come in live. The page is complete without it.
(function () {
  "use strict";
  var root = document.getElementById("live");
  var event = root && root.closest("article.event");
  if (!root || !event || !window.fetch || !window.DOMParser) return;

  var ORDER_KEY = "plenary.order";
  var SEEN_KEY = "plenary.seen:" + root.dataset.pageUrl;
  var MAX_BACKOFF = 16;
  var query = new URLSearchParams(location.search);
  var seconds = Number(query.get("poll")) || Number(root.dataset.pollSeconds) || 15;
  var first = root.dataset.firstDay;
  var last = root.dataset.lastDay || first;
  var zone = root.dataset.timezone;
  var badge = root.querySelector(".live-badge");
  var button = root.querySelector(".live-order");
  var status = root.querySelector(".live-status");
  var nextLine = root.querySelector(".live-next");
  var liveblog = root.hasAttribute("data-liveblog");

  // Chronological order of sessions, from the page and then from live.json.
  var order = sessions().map(function (a) { return a.id; });
  var known = {};
  sessions().forEach(function (a) { known[a.id] = a.dataset.hash; });
  // A reader's own choice wins; else a live blog shows its newest entry first while it
  // is on, and reads in order once it is over.
  var newestFirst = false;
  var stored = null;
  try { stored = localStorage.getItem(ORDER_KEY); } catch (e) { /* private mode */ }
  newestFirst = stored ? stored === "newest" : liveblog && isOn();

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }

  function sessions() {
    // Top-level ones, and the updates written under a talk, inside its `.entries`.
    return Array.prototype.slice.call(event.querySelectorAll("section.day article.session"));
  }

  function days() {
    return Array.prototype.slice.call(event.querySelectorAll(":scope > section.day"));
  }

  /** Today's date (YYYY-MM-DD) in the event's timezone. */
  function today() {
    var now = new Date();
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(now).forEach(function (p) { parts[p.type] = p.value; });
      return parts.year + "-" + parts.month + "-" + parts.day;
    } catch (e) {
      return now.toISOString().slice(0, 10);
    }
  }

  function isOn() {
    var d = today();
    return Boolean(first) && d >= first && d <= last;
  }

  /** Puts days and sessions in chronological order, or newest first. */
  function arrange() {
    var rank = {};
    order.forEach(function (id, i) { rank[id] = i; });
    var dir = newestFirst ? -1 : 1;
    var dayNumber = function (s) { return Number(s.id.replace("day-", "")) || 0; };
    var sections = days();
    sections.sort(function (a, b) { return dir * (dayNumber(a) - dayNumber(b)); });
    var byRank = function (a, b) {
      var ra = a.id in rank ? rank[a.id] : 1e9, rb = b.id in rank ? rank[b.id] : 1e9;
      return dir * (ra - rb);
    };
    var sortIn = function (box) {
      var arts = Array.prototype.filter.call(box.children, function (c) {
        return c.matches("article.session");
      });
      arts.sort(byRank);
      arts.forEach(function (a) { box.appendChild(a); });
    };
    sections.forEach(function (section) {
      sortIn(section);
      Array.prototype.forEach.call(section.querySelectorAll("article.session > .entries"), sortIn);
      event.appendChild(section);
    });
  }

  /** The first session or day in view and where it is, to keep the reader's place. */
  function place() {
    var items = sessions().concat(days());
    for (var i = 0; i < items.length; i++) {
      var r = items[i].getBoundingClientRect();
      if (r.bottom > 0 && items[i].matches("article.session")) return { el: items[i], top: r.top };
    }
    return null;
  }

  function restore(p) {
    if (!p || !p.el.isConnected) return;
    var moved = p.el.getBoundingClientRect().top - p.top;
    if (moved) window.scrollBy(0, moved);
  }

  function announce(text) {
    status.textContent = "";
    // A fresh text node after clearing makes screen readers speak it again.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  var seen = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting || document.hidden) return;
      var el = entry.target;
      seen.unobserve(el);
      window.setTimeout(function () {
        el.classList.remove("is-new");
        var label = el.querySelector(".live-new");
        if (label) label.remove();
      }, 5000);
    });
  }, { threshold: 0.5 }) : null;

  function markNew(el) {
    el.classList.add("is-new");
    var when = el.querySelector("header .when") || el.querySelector("header");
    if (when && !el.querySelector(".live-new")) {
      var label = document.createElement("span");
      label.className = "live-new";
      label.textContent = "New";
      when.appendChild(label);
    }
    if (seen) seen.observe(el);
  }

  /** Marks an entry a reader saw before and that changed since (a correction, an update). */
  function markChanged(el, text) {
    el.classList.add("is-changed");
    var when = el.querySelector("header .when") || el.querySelector("header");
    if (when && !el.querySelector(".live-changed")) {
      var label = document.createElement("span");
      label.className = "live-changed";
      label.textContent = text;
      when.appendChild(label);
    }
  }

  /** Remembers what this reader has seen of each entry, for their next visit. */
  function rememberSeen() {
    store(SEEN_KEY, JSON.stringify(known));
  }

  function title(el) {
    var h = el.querySelector("h2, h3");
    var t = el.querySelector("header time");
    return (t ? t.textContent + " " : "") + (h ? h.textContent.trim() : el.id);
  }

  /** Brings the page up to date with a live.json state. */
  function apply(state) {
    var list = Array.isArray(state.sessions) ? state.sessions : [];
    var changed = list.filter(function (s) { return known[s.anchor] !== s.hash; });
    var ids = {};
    list.forEach(function (s) { ids[s.anchor] = true; });
    var gone = Object.keys(known).filter(function (id) { return !ids[id]; });
    if (!changed.length && !gone.length) return Promise.resolve();
    return fetch(root.dataset.pageUrl, { cache: "no-store" })
      .then(function (res) {
        if (!res.ok) throw new Error("page " + res.status);
        return res.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var keep = place();
        // Gone first: the updates of a talk that is gone go with it, and come back
        // below wherever the page has them now.
        gone.forEach(function (id) {
          var el = document.getElementById(id);
          if (el && el.matches("article.session")) {
            el.querySelectorAll("article.session").forEach(function (inner) { delete known[inner.id]; });
            el.remove();
          }
          delete known[id];
        });
        var added = [], updated = [];
        list.filter(function (s) { return known[s.anchor] !== s.hash; }).forEach(function (s) {
          var fresh = doc.getElementById(s.anchor);
          if (!fresh || !fresh.matches("article.session")) return;
          var node = document.importNode(fresh, true);
          var old = document.getElementById(s.anchor);
          // Already in place inside a talk put in just now: its updates came with it.
          var host = old && added.concat(updated).filter(function (a) { return a !== old && a.contains(old); })[0];
          if (host) {
            if (!(s.anchor in known)) added.push(old);
            else {
              markChanged(old, old.hasAttribute("data-revised") ? "Corrected" : "Changed");
              updated.push(old);
            }
            known[s.anchor] = s.hash;
            return;
          }
          if (old) {
            old.replaceWith(node);
            markChanged(node, node.hasAttribute("data-revised") ? "Corrected" : "Changed");
            updated.push(node);
          } else if (fresh.parentElement && fresh.parentElement.matches("article.session > .entries")) {
            // An update written under a talk: into that talk's entries.
            var talk = document.getElementById(fresh.parentElement.parentElement.id);
            if (!talk) return;
            var box = talk.querySelector(":scope > .entries");
            if (!box) {
              box = document.createElement("div");
              box.className = "entries";
              talk.insertBefore(box, talk.querySelector(":scope > footer"));
            }
            box.appendChild(node);
            added.push(node);
          } else {
            var freshDay = fresh.closest("section.day");
            var day = freshDay && document.getElementById(freshDay.id);
            if (!day && freshDay) {
              day = document.importNode(freshDay, true);
              Array.prototype.slice.call(day.querySelectorAll("article.session")).forEach(function (a) { a.remove(); });
              event.appendChild(day);
            }
            if (!day) return;
            day.appendChild(node);
            added.push(node);
          }
          // Updates that came with a talk replace their copies elsewhere on the page.
          node.querySelectorAll("article.session").forEach(function (inner) {
            event.querySelectorAll('[id="' + inner.id.replace(/["\\]/g, "\\$&") + '"]').forEach(function (el) {
              if (el !== inner) el.remove();
            });
          });
          known[s.anchor] = s.hash;
        });
        // The counts, key moments, pinned entry, schedule and day navigation follow.
        [".event-header .meta", ".key-moments", ".pinned", ".schedule", ".day-nav"].forEach(function (sel) {
          var mine = event.querySelector(sel), theirs = doc.querySelector("article.event " + sel);
          if (mine && theirs) mine.replaceWith(document.importNode(theirs, true));
        });
        order = list.map(function (s) { return s.anchor; });
        arrange();
        showPinned();
        showZone();
        markNow();
        rememberSeen();
        restore(keep);
        added.forEach(markNew);
        if (added.length === 1) announce("New session: " + title(added[0]));
        else if (added.length > 1) announce(added.length + " new sessions: " + added.map(title).join("; "));
        else if (updated.length) announce("Updated: " + updated.map(title).join("; "));
      });
  }

  var timer = null;
  var failures = 0;
  var validators = { etag: null, modified: null };

  /** The pinned entry shows only while the event is on, and only when there is one. */
  function showPinned() {
    var box = event.querySelector(".pinned");
    if (box) box.hidden = !(isOn() && box.querySelector("a"));
  }

  /** Start and end (ms) and day of each timed session that is not an update, in time order. */
  function slots() {
    return sessions().filter(function (a) { return !a.classList.contains("kind-update"); })
      .map(function (a) {
        var start = a.querySelector("header .when > time[datetime]");
        var end = a.querySelector("header .until time[datetime]");
        var day = a.closest("section.day");
        return {
          el: a,
          day: day ? day.id : "",
          start: start ? Date.parse(start.getAttribute("datetime")) : NaN,
          end: end ? Date.parse(end.getAttribute("datetime")) : NaN
        };
      })
      .filter(function (s) { return s.start === s.start; })
      .sort(function (a, b) { return a.start - b.start; });
  }

  /** Takes a "now" or "next" mark off, the build's or an earlier one of this script. */
  function unmark(el) {
    var space = el.previousSibling;
    if (space && space.nodeType === 3 && !space.textContent.trim()) space.remove();
    el.remove();
  }

  /** Marks a session (timeline and schedule) as on now or next, with a word to see. */
  function mark(article, which) {
    var word = which === "now" ? "Now" : "Next";
    article.classList.add("is-" + which);
    var when = article.querySelector("header .when");
    if (when) {
      var span = document.createElement("span");
      span.className = "mark mark-" + which;
      span.textContent = word;
      var before = when.querySelector(".mark");
      when.insertBefore(document.createTextNode(" "), before);
      when.insertBefore(span, before);
    }
    var item = event.querySelector('.schedule-list li[data-anchor="' + article.id + '"]');
    if (!item) return;
    item.classList.add("is-" + which);
    if (which === "now") item.setAttribute("aria-current", "time");
    var link = item.querySelector("a") || item;
    var label = document.createElement("span");
    label.className = "now-mark";
    label.textContent = word.toLowerCase();
    link.appendChild(document.createTextNode(" "));
    link.appendChild(label);
  }

  /**
   * Highlights the session running now (schedule and timeline) and names the next,
   * by the rule the build follows (docs/live.md, "Now and next"): from its start to
   * its written end, else the next session's start that day, else 30 minutes.
   */
  function markNow() {
    var now = Date.now();
    var list = slots();
    var current = null, next = null;
    if (isOn()) {
      list.forEach(function (s, i) {
        // A cancelled session still ends the one before it, but is never on.
        if (s.el.classList.contains("is-cancelled")) return;
        var end = s.end;
        if (end !== end) {
          end = s.start + 30 * 60000;
          for (var j = i + 1; j < list.length; j++) {
            if (list[j].day === s.day && list[j].start > s.start) { end = list[j].start; break; }
          }
        }
        if (s.start <= now && now < end) current = s;
        if (!next && s.start > now) next = s;
      });
    }
    Array.prototype.forEach.call(event.querySelectorAll(".is-now, .is-next"), function (el) {
      el.classList.remove("is-now", "is-next");
      el.removeAttribute("aria-current");
    });
    Array.prototype.forEach.call(event.querySelectorAll(".mark-now, .mark-next, .now-mark"), unmark);
    if (current) mark(current.el, "now");
    if (next) mark(next.el, "next");
    if (!nextLine) return;
    nextLine.hidden = !next;
    nextLine.textContent = next ? "Next: " + title(next.el) : "";
  }

  /** Times in the reader's zone, when they chose so (static/zone.js). */
  function showZone() {
    if (window.plenaryZone) window.plenaryZone.show();
  }

  function schedule() {
    window.clearTimeout(timer);
    var backoff = Math.min(Math.pow(2, failures), MAX_BACKOFF);
    timer = window.setTimeout(poll, seconds * 1000 * backoff);
  }

  function poll() {
    timer = null;
    if (!isOn()) {
      badge.hidden = true;
      return;
    }
    if (document.hidden) return;
    // Conditional by hand (the browser's cache is bypassed so that a 304 is seen here):
    // an idle poll costs a few hundred bytes of headers.
    var headers = {};
    if (validators.etag) headers["If-None-Match"] = validators.etag;
    if (validators.modified) headers["If-Modified-Since"] = validators.modified;
    fetch(root.dataset.liveUrl, { cache: "no-store", headers: headers })
      .then(function (res) {
        if (res.status === 304) return null;
        if (!res.ok) throw new Error("live.json " + res.status);
        validators.etag = res.headers.get("ETag");
        validators.modified = res.headers.get("Last-Modified");
        return res.json();
      })
      .then(function (state) { return state && apply(state); })
      .then(function () { failures = 0; }, function () { failures += 1; })
      .then(schedule);
  }

  button.hidden = false;
  button.setAttribute("aria-pressed", String(newestFirst));
  button.addEventListener("click", function () {
    newestFirst = !newestFirst;
    button.setAttribute("aria-pressed", String(newestFirst));
    store(ORDER_KEY, newestFirst ? "newest" : "oldest");
    arrange();
  });
  if (newestFirst) arrange();

  // Entries that changed since this reader's last visit (a correction, an update).
  var before = null;
  try { before = JSON.parse(localStorage.getItem(SEEN_KEY) || "null"); } catch (e) { /* private mode */ }
  if (before && typeof before === "object") {
    sessions().forEach(function (a) {
      if (a.hasAttribute("data-revised") && before[a.id] && before[a.id] !== a.dataset.hash) {
        markChanged(a, "Changed since your last visit");
      }
    });
  }
  rememberSeen();
  showPinned();
  markNow();

  if (isOn()) {
    badge.hidden = false;
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) {
        window.clearTimeout(timer);
        timer = null;
      } else if (timer === null) {
        poll();
      }
    });
    schedule();
    // The now line moves as time passes, even while nothing new comes in.
    window.setInterval(markNow, Math.min(seconds, 30) * 1000);
  }
})();
