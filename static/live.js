// plenary live following: while an event is on (today, in the event's timezone, is
// between its first and last day), poll its live.json, fetch new or changed sessions
// from the event page and put them in place without a reload. Also lets a reader show
// the newest sessions first, remembered across visits. The page is complete without it.
(function () {
  "use strict";
  var root = document.getElementById("live");
  var event = root && root.closest("article.event");
  if (!root || !event || !window.fetch || !window.DOMParser) return;

  var ORDER_KEY = "plenary.order";
  var MAX_BACKOFF = 16;
  var query = new URLSearchParams(location.search);
  var seconds = Number(query.get("poll")) || Number(root.dataset.pollSeconds) || 30;
  var first = root.dataset.firstDay;
  var last = root.dataset.lastDay || first;
  var zone = root.dataset.timezone;
  var badge = root.querySelector(".live-badge");
  var button = root.querySelector(".live-order");
  var status = root.querySelector(".live-status");

  // Chronological order of sessions, from the page and then from live.json.
  var order = sessions().map(function (a) { return a.id; });
  var known = {};
  sessions().forEach(function (a) { known[a.id] = a.dataset.hash; });
  var newestFirst = false;
  try { newestFirst = localStorage.getItem(ORDER_KEY) === "newest"; } catch (e) { /* private mode */ }

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
        // The schedule overview and day navigation follow the new sessions.
        [".schedule", ".day-nav"].forEach(function (sel) {
          var mine = event.querySelector(sel), theirs = doc.querySelector("article.event " + sel);
          if (mine && theirs) mine.replaceWith(document.importNode(theirs, true));
        });
        order = list.map(function (s) { return s.anchor; });
        arrange();
        restore(keep);
        added.forEach(markNew);
        if (added.length === 1) announce("New session: " + title(added[0]));
        else if (added.length > 1) announce(added.length + " new sessions: " + added.map(title).join("; "));
        else if (updated.length) announce("Updated: " + updated.map(title).join("; "));
      });
  }

  var timer = null;
  var failures = 0;

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
    fetch(root.dataset.liveUrl, { cache: "no-store" })
      .then(function (res) {
        if (!res.ok) throw new Error("live.json " + res.status);
        return res.json();
      })
      .then(apply)
      .then(function () { failures = 0; }, function () { failures += 1; })
      .then(schedule);
  }

  button.hidden = false;
  button.setAttribute("aria-pressed", String(newestFirst));
  button.addEventListener("click", function () {
    newestFirst = !newestFirst;
    button.setAttribute("aria-pressed", String(newestFirst));
    try { localStorage.setItem(ORDER_KEY, newestFirst ? "newest" : "oldest"); } catch (e) { /* private mode */ }
    arrange();
  });
  if (newestFirst) arrange();

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
  }
})();
