// plenary search: the theme's interface over the site's Pagefind bundle (pagefind/),
// entirely in the browser. Pagefind loads only the index chunks of the words typed and
// the fragments of the results shown; nothing is requested outside the site.
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var form = input && input.form;
  if (!input || !list || !status || !more || !form || !window.fetch) return;
  // A site built with `search = false` has no index: the page lists its events only.
  if (!form.getAttribute("data-pagefind")) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var details = form.querySelector("details");
  form.hidden = false;
  var PAGE = 10;
  var pagefind = null;
  var loading = null;
  var results = [];
  var shown = 0;
  var generation = 0;
  var filtersLoaded = null;

  function load() {
    if (!loading) {
      // A classic script may import a module: Pagefind finds its own files next to it,
      // so the site works under any sub-path.
      loading = import(new URL(form.getAttribute("data-pagefind"), document.baseURI).href)
        .then(function (pf) {
          pagefind = pf;
          // Records carry their links with the site's base path already: Pagefind
          // must not add its own guess of it.
          return pf.options({ baseUrl: "/", excerptLength: 24 }).then(function () {
            return pf.init();
          });
        })
        .catch(function () {
          pagefind = null;
          status.textContent = "The search index could not be loaded. The list of events below still works.";
        });
    }
    return loading;
  }

  // Lower case without accents, so "zurich" marks "Zürich".
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function terms() {
    return fold(input.value).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; });
  }

  // The title as text, with each word that starts with a query term in <mark>.
  function markTitle(el, title, ts) {
    title.split(/([\p{L}\p{N}]+)/u).forEach(function (part) {
      var f = fold(part);
      var hit = part && ts.some(function (t) { return f.indexOf(t) === 0; });
      if (hit) {
        var m = document.createElement("mark");
        m.textContent = part;
        el.appendChild(m);
      } else if (part) {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  // Pagefind's excerpt is text with <mark> around matched words: it is read in an
  // inert document and copied as text and <mark> only.
  function markExcerpt(el, excerpt) {
    var doc = new DOMParser().parseFromString("<p>" + (excerpt || "") + "</p>", "text/html");
    doc.body.firstChild.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = n.textContent;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(n.textContent));
      }
    });
  }

  function chosen() {
    var filters = {};
    selects.forEach(function (s) {
      if (s.value) filters[s.getAttribute("data-filter")] = s.value;
    });
    return filters;
  }

  function render(data, ts) {
    var li = document.createElement("li");
    var kind = (data.meta.kind || "").toLowerCase().replace(/[^a-z]+/g, "-");
    li.className = "search-result kind-" + kind;
    var a = document.createElement("a");
    a.href = data.url;
    markTitle(a, data.meta.title || data.url, ts);
    var m = document.createElement("span");
    m.className = "meta";
    // The event is a filter, not metadata: metadata is searchable, and a session must
    // not be found by its event's title.
    var event = data.filters && data.filters.event && data.meta.kind !== "Event" ? data.filters.event[0] : "";
    var parts = [data.meta.kind, event, data.meta.date, data.meta.place, data.meta.speakers];
    m.textContent = parts.filter(Boolean).join(" · ");
    li.appendChild(a);
    li.appendChild(m);
    if (data.excerpt) {
      var p = document.createElement("p");
      markExcerpt(p, data.excerpt);
      li.appendChild(p);
    }
    return li;
  }

  function showMore(gen) {
    var ts = terms();
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = true;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (all) {
      if (gen !== generation) return;
      all.forEach(function (d) { list.appendChild(render(d, ts)); });
      more.hidden = shown >= results.length;
    });
  }

  function run() {
    var gen = ++generation;
    var query = input.value.trim();
    var filters = chosen();
    var any = Object.keys(filters).length > 0;
    syncUrl(query, filters);
    if (!query && !any) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    return load().then(function () {
      if (!pagefind || gen !== generation) return null;
      return pagefind.search(query || null, { filters: filters });
    }).then(function (search) {
      if (!search || gen !== generation) return;
      results = search.results;
      shown = 0;
      list.textContent = "";
      var n = results.length;
      status.textContent = n === 0 ? "Nothing found." : n + (n === 1 ? " result." : " results.");
      return showMore(gen);
    });
  }

  function syncUrl(query, filters) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    selects.forEach(function (s) {
      var key = s.getAttribute("name");
      if (filters[s.getAttribute("data-filter")]) url.searchParams.set(key, s.value);
      else url.searchParams.delete(key);
    });
    history.replaceState(null, "", url);
  }

  // The event, tag and speaker lists come from the bundle's filter files, loaded the
  // first time the filters are opened (not for a plain query).
  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = load().then(function () {
        return pagefind ? pagefind.filters() : {};
      }).then(function (all) {
        selects.forEach(function (s) {
          var values = all[s.getAttribute("data-filter")];
          if (!values || s.getAttribute("data-filter") === "kind") return;
          var keep = s.value;
          Object.keys(values).sort(function (a, b) {
            return a.localeCompare(b);
          }).forEach(function (v) {
            if (v === keep) return;
            var o = document.createElement("option");
            o.value = v;
            o.textContent = v;
            s.appendChild(o);
          });
        });
      });
    }
    return filtersLoaded;
  }

  var timer = null;
  function update() {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  }

  input.addEventListener("input", update);
  selects.forEach(function (s) { s.addEventListener("change", run); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    run();
  });
  more.addEventListener("click", function () { showMore(generation); });
  input.addEventListener("focus", load, { once: true });
  if (details) details.addEventListener("toggle", function () {
    if (details.open) loadFilters();
  });

  var params = new URLSearchParams(window.location.search);
  var fromUrl = false;
  selects.forEach(function (s) {
    var v = params.get(s.getAttribute("name"));
    if (!v) return;
    if (!Array.prototype.some.call(s.options, function (o) { return o.value === v; })) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = v;
      s.appendChild(o);
    }
    s.value = v;
    fromUrl = true;
  });
  if (fromUrl && details) details.open = true;
  var q = params.get("q");
  if (q) input.value = q;
  if (q || fromUrl) run();
})();
