// plenary search, entirely in the browser, over the site's own index (search/*.json):
// meta.json, then the term shard of each word typed and the document chunks of the
// results shown; the filters' file only when a filter is used. Nothing is requested
// outside the site.
(function () {
  "use strict";

  // The index's light English stemmer (src/publish/search.rs, `stem`), the same
  // rules: `talks`, `talking` and `talked` are `talk`; `studies` is `studi`. Both are
  // tested against tests/fixtures/search-stems.txt. A theme's own script can use it
  // as `plenarySearch.stem`.
  function isVowel(c) { return "aeiouy".indexOf(c) >= 0; }
  function stem(word) {
    if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
    var w = word;
    if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
    var suffixes = ["ing", "ed"];
    for (var i = 0; i < suffixes.length; i++) {
      var suffix = suffixes[i];
      if (w.slice(-suffix.length) !== suffix) continue;
      var rest = w.slice(0, -suffix.length);
      var n = rest.length;
      if (n >= 3 && /[aeiouy]/.test(rest)) {
        var last = rest.charAt(n - 1);
        var keep = n;
        if (suffix === "ed" && last === "e") keep = n + 1;
        else if (last === rest.charAt(n - 2) && !isVowel(last) && "lsz".indexOf(last) < 0) keep = n - 1;
        w = w.slice(0, keep);
      }
      break;
    }
    if (w.length > 3 && /e$/.test(w)) w = w.slice(0, -1);
    if (w.length > 3 && /y$/.test(w) && !isVowel(w.charAt(w.length - 2))) w = w.slice(0, -1) + "i";
    return w;
  }
  window.plenarySearch = { stem: stem };

  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var form = input && input.form;
  if (!input || !list || !status || !more || !form || !window.fetch) return;
  // A site built with `search = false` has no index: the page lists its events only.
  if (!form.getAttribute("data-index")) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var details = form.querySelector("details");
  form.hidden = false;
  var PAGE = 10;
  var base = new URL(form.getAttribute("data-index"), document.baseURI);
  var meta = null;
  var loading = null;
  var files = {};
  var results = [];
  var shown = 0;
  var generation = 0;
  var filtersLoaded = null;

  // One file of the index, fetched once (relative to meta.json, so any sub-path works).
  function get(rel) {
    if (!files[rel]) {
      files[rel] = fetch(new URL(rel, base).href).then(function (r) {
        if (!r.ok) throw new Error(rel + ": " + r.status);
        return r.json();
      }).catch(function (e) {
        // Not kept: the next query tries again.
        delete files[rel];
        throw e;
      });
    }
    return files[rel];
  }

  function load() {
    if (!loading) {
      loading = get(base.href).then(function (m) {
        meta = m;
        meta.shardSet = {};
        m.shards.forEach(function (s) { meta.shardSet[s] = true; });
      }).catch(function () {
        meta = null;
        status.textContent = "The search index could not be loaded. The list of events below still works.";
      });
    }
    return loading;
  }

  // Words as the index files them: lower case, accents folded, apostrophes dropped.
  function fold(s) {
    // Back to composed form, so other scripts (Hangul, kana) stay as the index has them.
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase()
      .replace(/\u00df/g, "ss").replace(/\u00e6/g, "ae").replace(/\u0153/g, "oe")
      .replace(/\u00f8/g, "o").replace(/\u0142/g, "l").replace(/\u0111/g, "d");
  }

  function terms() {
    return fold(input.value).replace(/['\u2019]/g, "").split(/[^\p{L}\p{N}]+/u)
      .filter(function (t) { return t.length > 1; });
  }

  function shardOf(word) {
    return Array.from(word).slice(0, meta.prefix).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }).join("");
  }

  // Whether the word being typed, `t`, could still become a word filed as `w`: `w`
  // starts with it, or with English stems, one of the forms of `w` does (`testi` on
  // its way to `testing`, filed as `test`).
  function couldBe(w, t) {
    if (w.indexOf(t) === 0) return true;
    if (!meta.stem || w.length < 3 || t.indexOf(w.slice(0, 3)) !== 0) return false;
    var last = w.charAt(w.length - 1);
    var forms = ["e", "es", "s", "ed", "ing", last + "ed", last + "ing"];
    if (last === "i") forms.push("y", "ying");
    return forms.some(function (f) {
      var form = (f === "y" || f === "ying") ? w.slice(0, -1) + f : w + f;
      return form.indexOf(t) === 0;
    });
  }

  // A term as the index files it.
  function filed(t) { return meta.stem ? stem(t) : t; }

  // Whether a word of the text (folded) is one the query's term `t` finds.
  function finds(word, t, isLast) {
    var w = filed(word);
    return w === filed(t) || (isLast && couldBe(w, t));
  }

  // Postings are [gap, score, gap, score...]: document ids as gaps from the previous.
  function addPostings(into, list, factor) {
    var id = 0;
    for (var i = 0; i + 1 < list.length; i += 2) {
      id += list[i];
      into[id] = Math.max(into[id] || 0, list[i + 1] * factor);
    }
  }

  function idsOf(gaps) {
    var out = {};
    var id = 0;
    gaps.forEach(function (g) { id += g; out[id] = true; });
    return out;
  }

  // The documents matching every word (the last one as a prefix, as it is being typed),
  // best first.
  function search(ts, filters) {
    var names = Object.keys(filters);
    var wantFilters = names.length ? get("f.json") : Promise.resolve(null);
    var shards = ts.map(function (t) {
      var s = shardOf(t);
      return meta.shardSet[s] ? get("t/" + s + ".json") : Promise.resolve({});
    });
    return Promise.all([wantFilters].concat(shards)).then(function (all) {
      var f = all[0];
      var total = null;
      ts.forEach(function (t, i) {
        var shard = all[i + 1];
        var scores = {};
        var key = filed(t);
        if (i === ts.length - 1) {
          // The last word as it is being typed: every word it could become.
          Object.keys(shard).forEach(function (w) {
            if (w === key || couldBe(w, t)) addPostings(scores, shard[w], w === key ? 1 : 0.8);
          });
        } else if (shard[key]) {
          addPostings(scores, shard[key], 1);
        }
        if (total === null) {
          total = scores;
        } else {
          var next = {};
          Object.keys(total).forEach(function (id) {
            if (scores[id]) next[id] = total[id] + scores[id];
          });
          total = next;
        }
      });
      var allowed = names.map(function (n) {
        return idsOf((f && f[n] && f[n][filters[n]]) || []);
      });
      if (total === null) {
        // Filters only: every document they allow, in site order.
        total = {};
        Object.keys(allowed[0] || {}).forEach(function (id) { total[id] = 1; });
      }
      return Object.keys(total).filter(function (id) {
        return allowed.every(function (a) { return a[id]; });
      }).map(Number).sort(function (a, b) {
        return total[b] - total[a] || a - b;
      });
    });
  }

  function doc(id) {
    var n = Math.floor(id / meta.chunk);
    return get("d/" + n + ".json").then(function (chunk) { return chunk[id - n * meta.chunk]; });
  }

  var WORD = /([\p{L}\p{N}'\u2019]+)/u;

  // Whether a word of the text is one the query finds.
  function hit(part, ts) {
    var f = fold(part).replace(/['\u2019]/g, "");
    return ts.some(function (t, i) { return finds(f, t, i === ts.length - 1); });
  }

  // Text with each word the query finds in <mark>.
  function mark(el, text, ts) {
    text.split(WORD).forEach(function (part) {
      if (part && WORD.test(part) && hit(part, ts)) {
        var m = document.createElement("mark");
        m.textContent = part;
        el.appendChild(m);
      } else if (part) {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  // The words shown under a result: the line of its text (a paragraph, a list item)
  // holding the most of the query's words (the first such line), cut to about EXCERPT
  // characters around its first match; the start of the text when the query is only
  // in the title.
  var EXCERPT = 200;
  function excerpt(text, ts) {
    var lines = text.split("\n");
    var at = -1, line = lines[0] || "", most = 0;
    lines.forEach(function (l) {
      var pos = 0, first = -1, found = {};
      l.split(WORD).forEach(function (part, j) {
        if (j % 2 === 1) {
          var f = fold(part).replace(/['\u2019]/g, "");
          ts.forEach(function (t, i) {
            if (finds(f, t, i === ts.length - 1)) {
              found[i] = true;
              if (first < 0) first = pos;
            }
          });
        }
        pos += part.length;
      });
      var n = Object.keys(found).length;
      if (n > most) {
        most = n;
        at = first;
        line = l;
      }
    });
    var lead = at > 0 && line !== lines[0] ? "… " : "";
    if (at < 0) {
      // Not in the text: its first lines, as many as fit.
      line = lines.join(" ");
      at = 0;
    }
    if (line.length <= EXCERPT) return lead + line;
    // A window around the match, starting at a sentence or word boundary.
    var start = Math.max(0, at - Math.floor(EXCERPT / 3));
    if (start > 0) {
      var sentence = line.lastIndexOf(". ", at);
      if (sentence >= start - 40 && sentence < at) start = sentence + 2;
      else start = line.indexOf(" ", start) + 1;
      if (start <= 0 || start > at) start = at;
    }
    var end = start + EXCERPT;
    if (end < line.length) {
      var space = line.lastIndexOf(" ", end);
      end = space > at ? space : end;
    }
    return (start > 0 ? "… " : lead) + line.slice(start, end).trim() + (end < line.length ? " …" : "");
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
    var kind = (data.kind || "").toLowerCase().replace(/[^a-z]+/g, "-");
    li.className = "search-result kind-" + kind;
    var a = document.createElement("a");
    a.href = data.url;
    mark(a, data.title || data.url, ts);
    var m = document.createElement("span");
    m.className = "meta";
    var speakers = data.kind === "Speaker" ? "" : (data.speakers || []).join(", ");
    var parts = [data.kind, data.event, data.date, data.place, speakers];
    m.textContent = parts.filter(Boolean).join(" · ");
    li.appendChild(a);
    li.appendChild(m);
    if (data.text) {
      var p = document.createElement("p");
      mark(p, excerpt(data.text, ts), ts);
      li.appendChild(p);
    }
    return li;
  }

  function showMore(gen) {
    var ts = terms();
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = true;
    return Promise.all(next.map(doc)).then(function (all) {
      if (gen !== generation) return;
      all.forEach(function (d) { if (d) list.appendChild(render(d, ts)); });
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
      if (!meta || gen !== generation) return null;
      var ts = terms();
      if (!ts.length && !any) return [];
      return search(ts, filters);
    }).then(function (found) {
      if (!found || gen !== generation) return;
      results = found;
      shown = 0;
      list.textContent = "";
      var n = results.length;
      status.textContent = n === 0 ? "Nothing found." : n + (n === 1 ? " result." : " results.");
      return showMore(gen);
    }).catch(function () {
      if (gen !== generation) return;
      status.textContent = "The search index could not be loaded. The list of events below still works.";
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

  // The event, tag and speaker lists come from the index's filter file, loaded the
  // first time the filters are opened (not for a plain query).
  function loadFilters() {
    if (!filtersLoaded) {
      filtersLoaded = load().then(function () {
        return meta ? get("f.json") : {};
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
