// plenary search: type-ahead over search-index.json, entirely in the browser.
// No dependencies and no requests beyond the site's own index file.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list || !status || !window.fetch) return;
  input.form.hidden = false;
  var items = null;
  var loading = null;
  var LIMIT = 30;

  // Lower case without accents, so "zurich" finds "Zürich".
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function load() {
    if (!loading) {
      loading = fetch(input.getAttribute("data-index"))
        .then(function (r) {
          if (!r.ok) throw new Error(r.status);
          return r.json();
        })
        .then(function (data) {
          items = data.map(function (it) {
            it._title = fold(it.title);
            it._all = fold([it.title, it.event, (it.speakers || []).join(" "), it.text, it.date].join(" "));
            return it;
          });
          return items;
        })
        .catch(function () {
          status.textContent = "The search index could not be loaded. The list of events below still works.";
          return [];
        });
    }
    return loading;
  }

  function score(it, terms) {
    var s = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (it._all.indexOf(t) < 0) return -1;
      if (it._title.indexOf(t) === 0) s += 6;
      else if (it._title.indexOf(t) > 0) s += 4;
      else s += 1;
    }
    if (it.kind === "event") s += 1;
    return s;
  }

  function meta(it) {
    var parts = [it.kind];
    if (it.event) parts.push(it.event);
    if (it.date) parts.push(it.date + (it.time ? " " + it.time : ""));
    if (it.speakers && it.speakers.length) parts.push(it.speakers.join(", "));
    return parts.join(" · ");
  }

  function show(query) {
    var terms = fold(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!terms.length) {
      status.textContent = "";
      return;
    }
    var hits = [];
    items.forEach(function (it, i) {
      var s = score(it, terms);
      if (s >= 0) hits.push({ it: it, s: s, i: i });
    });
    hits.sort(function (a, b) { return b.s - a.s || a.i - b.i; });
    status.textContent = hits.length === 0 ? "Nothing found." :
      hits.length + (hits.length === 1 ? " result" : " results") +
      (hits.length > LIMIT ? ", showing the first " + LIMIT : "") + ".";
    hits.slice(0, LIMIT).forEach(function (h) {
      var li = document.createElement("li");
      li.className = "search-result kind-" + h.it.kind;
      var a = document.createElement("a");
      a.href = h.it.url;
      a.textContent = h.it.title;
      var m = document.createElement("span");
      m.className = "meta";
      m.textContent = meta(h.it);
      li.appendChild(a);
      li.appendChild(m);
      if (h.it.text) {
        var p = document.createElement("p");
        p.textContent = h.it.text;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  var timer = null;
  function update() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      load().then(function () {
        show(input.value);
        var url = new URL(window.location.href);
        if (input.value) url.searchParams.set("q", input.value);
        else url.searchParams.delete("q");
        history.replaceState(null, "", url);
      });
    }, 80);
  }

  input.addEventListener("input", update);
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    update();
  });
  input.addEventListener("focus", load, { once: true });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) {
    input.value = q;
    update();
  }
})();
