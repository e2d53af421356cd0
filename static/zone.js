// plenary time zones: every time on a page is written in its event's zone, with the
// zone's abbreviation and the full offset in `<time datetime>`. When the reader's
// zone differs, the switch (`button.live-zone`, on event, session and home pages)
// shows every time in the reader's zone instead, with the day where it differs, and
// back; the choice is kept for every page of the site. The page is complete without it.
(function () {
  "use strict";
  var button = document.querySelector("button.live-zone");
  if (!button || !window.Intl) return;
  var KEY = "plenary.zone";
  var SHORT_DAY = { weekday: "short", day: "numeric", month: "short" };
  var readerZone = "";
  try { readerZone = new Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* old browser */ }
  var inReaderZone = false;
  try { inReaderZone = localStorage.getItem(KEY) === "reader"; } catch (e) { /* private mode */ }

  /** The zone a time is written in: its event's (the nearest `data-timezone`), else the page's. */
  function zoneOf(el) {
    var holder = el.closest("[data-timezone]");
    return (holder && holder.dataset.timezone) || button.dataset.timezone || "";
  }

  /** Every event zone on the page. */
  function zones() {
    var found = {};
    Array.prototype.forEach.call(document.querySelectorAll("[data-timezone]"), function (el) {
      if (el.dataset.timezone) found[el.dataset.timezone] = true;
    });
    return Object.keys(found);
  }

  /** A zone's short name at a moment (`EDT`, `GMT+2`). */
  function zoneName(tz, at) {
    try {
      var part = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "short" })
        .formatToParts(at).filter(function (p) { return p.type === "timeZoneName"; })[0];
      return part ? part.value : tz;
    } catch (e) { return tz; }
  }

  /** Shows every full `<time datetime>` in the reader's zone, or back in the event's. */
  function show() {
    var use = inReaderZone && Boolean(readerZone);
    Array.prototype.forEach.call(document.querySelectorAll("time[datetime*='T']"), function (t) {
      if (!t.hasAttribute("data-event-text")) t.setAttribute("data-event-text", t.textContent);
      var original = t.getAttribute("data-event-text");
      var zone = zoneOf(t);
      var at = new Date(Date.parse(t.getAttribute("datetime")));
      if (!use || !zone || zone === readerZone || isNaN(at.getTime())) { t.textContent = original; return; }
      try {
        var hm = new Intl.DateTimeFormat("en-GB", { timeZone: readerZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
        var dayThere = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(at);
        var dayHere = new Intl.DateTimeFormat("en-CA", { timeZone: readerZone }).format(at);
        // The day changes across the switch: say which day it is for the reader.
        t.textContent = dayHere === dayThere ? hm
          : hm + " (" + new Intl.DateTimeFormat("en-GB", Object.assign({ timeZone: readerZone }, SHORT_DAY)).format(at) + ")";
      } catch (e) { t.textContent = original; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("abbr.zone"), function (a) {
      if (!a.hasAttribute("data-event-text")) a.setAttribute("data-event-text", a.textContent);
      if (!a.hasAttribute("data-event-title")) a.setAttribute("data-event-title", a.getAttribute("title") || "");
      var zone = zoneOf(a);
      if (!use || !zone || zone === readerZone) {
        a.textContent = a.getAttribute("data-event-text");
        a.setAttribute("title", a.getAttribute("data-event-title"));
        return;
      }
      // Named at the time beside it (summer or winter time), else now.
      var line = a.parentNode;
      var time = line && line.querySelector("time[datetime*='T']");
      var at = time ? new Date(Date.parse(time.getAttribute("datetime"))) : new Date();
      a.textContent = zoneName(readerZone, isNaN(at.getTime()) ? new Date() : at);
      a.setAttribute("title", readerZone);
    });
    // A toggle keeps its name; its pressed state says which zone the times are in.
    button.setAttribute("aria-pressed", String(use));
    button.textContent = "Times in my zone (" + readerZone + ")";
  }

  if (!readerZone || zones().every(function (z) { return z === readerZone; })) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    inReaderZone = !inReaderZone;
    try { localStorage.setItem(KEY, inReaderZone ? "reader" : "event"); } catch (e) { /* private mode */ }
    show();
  });
  show();
  // static/live.js calls this after it puts new entries on the page.
  window.plenaryZone = { show: show };
})();
