// plenary home page: which events are on now and which are still to come depends on
// when the reader looks, not on when the site was built, so this sorts them here, by
// the reader's clock and each event's own timezone. Without JavaScript the list is
// complete, newest first.
(function () {
  "use strict";
  var past = document.getElementById("events");
  var list = past && past.querySelector("ol.event-list");
  if (!list || !window.Intl) return;

  /** Today's date (YYYY-MM-DD) in `zone`. */
  function today(zone) {
    var parts = {};
    try {
      new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
      return parts.year + "-" + parts.month + "-" + parts.day;
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  function group(id, title) {
    var section = document.createElement("section");
    section.className = "event-group event-group-" + id;
    section.id = "events-" + id;
    section.setAttribute("aria-labelledby", section.id + "-title");
    var h = document.createElement("h2");
    h.id = section.id + "-title";
    h.textContent = title;
    var ol = document.createElement("ol");
    ol.className = "event-list";
    section.appendChild(h);
    section.appendChild(ol);
    return section;
  }

  function badge(item, text, cls) {
    var span = document.createElement("span");
    span.className = "event-status " + cls;
    span.textContent = text;
    item.querySelector(".eyebrow").prepend(span);
  }

  var live = group("live", "Happening now");
  var upcoming = group("upcoming", "Coming up");
  Array.prototype.slice.call(list.children).forEach(function (item) {
    var first = item.dataset.firstDay, last = item.dataset.lastDay || first;
    if (!first) return;
    var now = today(item.dataset.timezone);
    if (now >= first && now <= last) {
      badge(item, "Live now", "is-live");
      live.lastChild.appendChild(item);
    } else if (now < first) {
      badge(item, "Upcoming", "is-upcoming");
      // The list is newest first; the soonest event reads best at the top.
      upcoming.lastChild.prepend(item);
    }
  });
  [live, upcoming].forEach(function (g) {
    if (g.lastChild.children.length) past.parentNode.insertBefore(g, past);
  });
  if (live.parentNode || upcoming.parentNode) {
    var h = document.getElementById("events-title");
    if (h.textContent === "Events") h.textContent = "Past events";
    if (!list.children.length) past.hidden = true;
  }
})();
