// plenary live following: while an event is on (today, in the event's timezone, is
// between its first and last day), poll its live.json with conditional requests (a
// static host answers 304 while nothing changed), fetch new or changed sessions from
// the event page and put them in place without a reload, with the key moments box,
// the pinned entry, the counts and the schedule. Marks the session on now and names
// the next one. Lets a reader show the newest first (a live blog does so while it is
// on) and read times in their own zone, both remembered. The page is complete without it.
(function () {
  "use strict";
  var root = document.getElementById("live");
  var event = root && root.closest("article.event");
  if (!root || !event || !window.fetch || !window.DOMParser) return;

  var ORDER_KEY = "plenary.order";
  var ZONE_KEY = "plenary.zone";
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
  var zoneButton = root.querySelector(".live-zone");
  var nextLine = root.querySelector(".live-next");
  var liveblog = root.hasAttribute("data-liveblog");
  var readerZone = "";
  try { readerZone = new Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* old browser */ }

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
  var inReaderZone = false;
  try { inReaderZone = localStorage.getItem(ZONE_KEY) === "reader"; } catch (e) { /* private mode */ }

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }

  function sessions() {
    return Array.prototype.slice.call(event.querySelectorAll("section.day > article.session"));
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
    sections.forEach(function (section) {
      var arts = Array.prototype.filter.call(section.children, function (c) {
        return c.matches("article.session");
      });
      arts.sort(function (a, b) {
        var ra = a.id in rank ? rank[a.id] : 1e9, rb = b.id in rank ? rank[b.id] : 1e9;
        return dir * (ra - rb);
      });
      arts.forEach(function (a) { section.appendChild(a); });
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
        var added = [], updated = [];
        changed.forEach(function (s) {
          var fresh = doc.getElementById(s.anchor);
          if (!fresh || !fresh.matches("article.session")) return;
          var node = document.importNode(fresh, true);
          var old = document.getElementById(s.anchor);
          if (old) {
            old.replaceWith(node);
            markChanged(node, node.hasAttribute("data-revised") ? "Corrected" : "Changed");
            updated.push(node);
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
          known[s.anchor] = s.hash;
        });
        gone.forEach(function (id) {
          var el = document.getElementById(id);
          if (el && el.matches("article.session")) el.remove();
          delete known[id];
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

  /** Start and end (ms) of each timed session that is not an update, in page order. */
  function slots() {
    return sessions().filter(function (a) { return !a.classList.contains("kind-update"); })
      .map(function (a) {
        var start = a.querySelector("header .when > time[datetime]");
        var end = a.querySelector("header .until time[datetime]");
        var t = start && Date.parse(start.getAttribute("datetime"));
        return { el: a, start: t, end: end ? Date.parse(end.getAttribute("datetime")) : NaN };
      })
      .filter(function (s) { return s.start === s.start; })
      .sort(function (a, b) { return a.start - b.start; });
  }

  /** Highlights the session running now (schedule and timeline) and names the next. */
  function markNow() {
    var now = Date.now();
    var list = slots();
    var current = null, next = null;
    if (isOn()) {
      list.forEach(function (s, i) {
        var end = s.end === s.end ? s.end : (list[i + 1] ? list[i + 1].start : s.start + 30 * 60000);
        // A cancelled session still ends the one before it, but is never on.
        if (s.el.classList.contains("is-cancelled")) return;
        if (s.start <= now && now < end) current = s;
        if (!next && s.start > now) next = s;
      });
    }
    Array.prototype.forEach.call(event.querySelectorAll(".is-now"), function (el) {
      el.classList.remove("is-now");
      el.removeAttribute("aria-current");
    });
    if (current) {
      current.el.classList.add("is-now");
      var item = event.querySelector('.schedule-list li[data-anchor="' + current.el.id + '"]');
      if (item) {
        item.classList.add("is-now");
        item.setAttribute("aria-current", "time");
      }
    }
    if (!nextLine) return;
    nextLine.hidden = !next;
    nextLine.textContent = next ? "Next: " + title(next.el) : "";
  }

  var SHORT_DAY = { weekday: "short", day: "numeric", month: "short" };

  /** Shows every full `<time datetime>` in the reader's zone, or back in the event's. */
  function showZone() {
    var use = inReaderZone && readerZone && readerZone !== zone;
    var times = event.querySelectorAll("time[datetime*='T']");
    Array.prototype.forEach.call(times, function (t) {
      if (!t.hasAttribute("data-event-text")) t.setAttribute("data-event-text", t.textContent);
      var original = t.getAttribute("data-event-text");
      if (!use) { t.textContent = original; return; }
      var at = new Date(Date.parse(t.getAttribute("datetime")));
      if (isNaN(at.getTime())) return;
      try {
        var hm = new Intl.DateTimeFormat("en-GB", { timeZone: readerZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
        var dayThere = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(at);
        var dayHere = new Intl.DateTimeFormat("en-CA", { timeZone: readerZone }).format(at);
        // The day changes across the switch: say which day it is for the reader.
        t.textContent = dayHere === dayThere ? hm
          : hm + " (" + new Intl.DateTimeFormat("en-GB", Object.assign({ timeZone: readerZone }, SHORT_DAY)).format(at) + ")";
      } catch (e) { t.textContent = original; }
    });
    Array.prototype.forEach.call(event.querySelectorAll("abbr.zone"), function (a) {
      if (!a.hasAttribute("data-event-text")) a.setAttribute("data-event-text", a.textContent);
      if (!a.hasAttribute("data-event-title")) a.setAttribute("data-event-title", a.getAttribute("title") || "");
      a.textContent = use ? zoneName(readerZone) : a.getAttribute("data-event-text");
      a.setAttribute("title", use ? readerZone : a.getAttribute("data-event-title"));
    });
    if (!zoneButton) return;
    // A toggle keeps its name; its pressed state says which zone the times are in.
    zoneButton.setAttribute("aria-pressed", String(Boolean(use)));
    zoneButton.textContent = "Times in my zone (" + readerZone + ")";
  }

  /** The reader's zone's short name (`EST`, `GMT+2`). */
  function zoneName(tz) {
    try {
      var part = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "short" })
        .formatToParts(new Date()).filter(function (p) { return p.type === "timeZoneName"; })[0];
      return part ? part.value : tz;
    } catch (e) { return tz; }
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

  if (zoneButton && readerZone && zone && readerZone !== zone) {
    zoneButton.hidden = false;
    zoneButton.addEventListener("click", function () {
      inReaderZone = !inReaderZone;
      store(ZONE_KEY, inReaderZone ? "reader" : "event");
      showZone();
    });
    showZone();
  }

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
