// Search in headless Chromium, as a reader uses it: the example site built under a
// sub-path and a generated corpus, each served as static files. A query shows the
// expected top results with the matched words marked, a filter narrows them, nothing
// is requested outside the site, and the bytes a first query downloads are printed.
//
//   cargo build && (cd tests/browser && npm ci && node search.mjs)
//   node search.mjs --bench 500 2000     # bytes of a first query and build times at
//                                        # those sizes (uses target/release/plenary
//                                        # when built: cargo build --release)
//   node search.mjs --bench DIR...       # the same for existing site folders, e.g.
//                                        # made by /work/shared/bench/gen_corpus.py
//   node search.mjs --bench --runs 5 500 # five cold builds with and five without the
//                                        # index, alternating (default 3)
//
// PLENARY_BIN names the binary (default: target/debug/plenary); CHROMIUM the browser.

import { chromium } from "playwright-core";
import { execFileSync, spawnSync } from "node:child_process";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { serveFolder, launchChromium } from "../browser-common/harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const args = process.argv.slice(2);
const bench = args[0] === "--bench";
const release = path.join(repo, "target/release/plenary");
const bin = process.env.PLENARY_BIN ??
  (bench && fs.existsSync(release) ? release : path.join(repo, "target/debug/plenary"));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-search-"));

// ---- A generated corpus: the shape of a live-notes site (15 to 25 sessions an
// event, speakers with affiliations, notes in bullets, breaks, hashtags), random words.
function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}
const WORDS = ("open source model data agent sovereign cloud compute training inference " +
  "weights licence community public sector privacy benchmark reasoning token dataset " +
  "pipeline governance audit transparency hardware energy cluster research policy " +
  "standard reproducible evaluation deployment").split(" ");
const TAGS = ["opendata", "llm", "policy", "devops", "research", "security", "education", "climate"];
const FIRST = ["Anna", "Luca", "Mira", "Jonas", "Sara", "Tim", "Lea", "Noah", "Eva", "Ravi", "Yuki", "Omar"];
const LAST = ["Meier", "Rossi", "Keller", "Dubois", "Tanaka", "Okafor", "Novak", "Berg", "Silva", "Huber"];
const ORGS = ["University of Bern", "Open Data Lab", "Swiss Cloud AG", "Federal Office", "Research Centre"];

function corpus(root, events, seed = 7) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const words = (lo, hi) => {
    const n = lo + Math.floor(r() * (hi - lo + 1));
    const w = Array.from({ length: n }, () => pick(WORDS));
    if (r() < 0.12) w.push("#" + pick(TAGS));
    return w.join(" ");
  };
  fs.mkdirSync(path.join(root, "content"), { recursive: true });
  fs.writeFileSync(path.join(root, "site.toml"), 'title = "Corpus"\ntimezone = "Europe/Zurich"\n');
  for (let i = 0; i < events; i++) {
    const day = new Date(Date.UTC(2015, 0, 5 + i * 3)).toISOString().slice(0, 10);
    let text = `+++\ntitle = "Event ${String(i).padStart(4, "0")}: ${pick(WORDS)} ${pick(WORDS)} Conference"\n` +
      `date = ${day}\nlocation = "Bern"\ntags = ["${pick(TAGS)}"]\n+++\n\n${words(20, 40)}\n`;
    let minute = 9 * 60;
    const n = 15 + Math.floor(r() * 11);
    for (let s = 0; s < n; s++) {
      const t = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      if (r() < 0.12) {
        text += `\n${t} Coffee break\n`;
      } else {
        text += `\n${t} ${words(3, 7).replace(/^./, (c) => c.toUpperCase())}\n`;
        text += `${pick(FIRST)} ${pick(LAST)}, ${pick(ORGS)}\n`;
        for (let b = 0; b < 2 + Math.floor(r() * 5); b++) text += `- ${words(8, 22)}.\n`;
      }
      minute += 20 + Math.floor(r() * 30);
    }
    fs.writeFileSync(path.join(root, "content", `${day}-event-${i}.md`), text);
  }
}

function build(root, out, extra = []) {
  const start = process.hrtime.bigint();
  execFileSync(bin, ["build", "--output-dir", out, ...extra], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// A cold build into a new folder: wall seconds, and CPU seconds (user + sys) as
// /usr/bin/time reports them (the machine may be loaded: CPU time is the steadier).
function timedBuild(root, out) {
  fs.rmSync(out, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "%U %S", bin, "build", "--output-dir", out], { cwd: root, encoding: "utf8" });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  const [user, sys] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
  return { wall, cpu: user + sys };
}

// ---- A reader's query, and what it cost.
/**
 * Opens the search page at `url`, types `query`, waits for results; returns the
 * results ({title, marked, url, meta}), the bytes (raw and gzip-compressed, as a
 * server compressing its responses sends them) of every request made from the first
 * keystroke on, and every URL requested.
 */
async function query(browser, url, text, { kind } = {}) {
  const page = await browser.newPage();
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  await page.goto(url);
  await page.waitForSelector("#search-q", { state: "visible" });
  const responses = [];
  const listen = (r) => responses.push(r);
  page.on("response", listen);
  if (kind) {
    await page.click(".search-filters summary");
    await page.selectOption("#search-kind", kind);
  }
  await page.fill("#search-q", text);
  await page.waitForFunction(() => /result|Nothing/.test(document.getElementById("search-status").textContent));
  await page.waitForFunction(() => document.querySelectorAll("#search-results li").length > 0 ||
    /Nothing/.test(document.getElementById("search-status").textContent));
  await page.waitForLoadState("networkidle");
  page.off("response", listen);
  let raw = 0, gz = 0;
  const each = [];
  for (const r of responses) {
    const body = await r.body().catch(() => Buffer.alloc(0));
    const z = zlib.gzipSync(body, { level: 6 }).length;
    raw += body.length;
    // What a server compressing its responses sends (never more than the body).
    gz += Math.min(z, body.length);
    each.push(`${new URL(r.url()).pathname.split("/").slice(-2).join("/")} ${kb(Math.min(z, body.length))}`);
  }
  const results = await page.$$eval("#search-results li", (lis) => lis.map((li) => ({
    title: li.querySelector("a").textContent,
    url: li.querySelector("a").getAttribute("href"),
    marked: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent.toLowerCase()),
    meta: li.querySelector(".meta").textContent,
    excerpt: li.querySelector("p")?.textContent ?? "",
    excerptMarked: Array.from(li.querySelectorAll("p mark")).map((m) => m.textContent.toLowerCase()),
  })));
  const status = await page.textContent("#search-status");
  await page.close();
  return { results, status, raw, gz, requests: responses.length, requested, each };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const browser = await launchChromium(chromium);
try {
  if (bench) {
    let given = args.slice(1);
    let runs = 3;
    if (given[0] === "--runs") {
      runs = Number(given[1]);
      given = given.slice(2);
    }
    for (const arg of given.length ? given : ["500", "2000"]) {
      let root = arg;
      const events = Number(arg);
      if (events) {
        root = path.join(work, `corpus-${events}`);
        corpus(root, events);
      }
      const out = path.join(work, `out-${path.basename(root)}`);
      const outOff = `${out}-nosearch`;
      const toml = fs.readFileSync(path.join(root, "site.toml"), "utf8");
      // Cold builds with and without the index, alternating.
      const on = [], off = [];
      for (let i = 0; i < runs; i++) {
        fs.writeFileSync(path.join(root, "site.toml"), toml);
        on.push(timedBuild(root, out));
        fs.writeFileSync(path.join(root, "site.toml"), toml + "\nsearch = false\n");
        off.push(timedBuild(root, outOff));
      }
      fs.writeFileSync(path.join(root, "site.toml"), toml);
      timedBuild(root, out);
      const again = build(root, out);
      const { server, base } = await serveFolder(out);
      const q = await query(browser, `${base}/search/`, "governance audit");
      server.close();
      const index = execFileSync("du", ["-sk", path.join(out, "search")]).toString().split("\t")[0];
      const files = execFileSync("find", [path.join(out, "search"), "-type", "f"]).toString().trim().split("\n").length;
      const fmt = (r) => r.map((x) => `${x.wall.toFixed(2)} s (CPU ${x.cpu.toFixed(2)} s)`).join(", ");
      const best = (r, k) => Math.min(...r.map((x) => x[k]));
      const median = (r, k) => {
        const v = r.map((x) => x[k]).sort((a, b) => a - b);
        return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
      };
      const pct = (f, k) => `${(100 * (f(on, k) - f(off, k)) / f(off, k)).toFixed(1)}%`;
      console.log(`${path.basename(root)}: first query "governance audit": ${q.requests} requests, ` +
        `${kb(q.gz)} compressed (${kb(q.raw)} as sent); ${q.status} ` +
        `index ${index} KB on disk in ${files} files; cold build with search ${fmt(on)}; without ${fmt(off)}; ` +
        `best wall ${pct(best, "wall")}, best CPU ${pct(best, "cpu")}, ` +
        `median wall ${pct(median, "wall")}, median CPU ${pct(median, "cpu")}; ` +
        `no-change rebuild ${again.toFixed(2)} s [${path.basename(bin)} ${bin.includes("release") ? "release" : "debug"}]`);
      console.log(`  ${q.each.join(", ")}`);
      fs.rmSync(outOff, { recursive: true, force: true });
    }
  } else {
    // The example site under a sub-path.
    const out = path.join(work, "example");
    build(repo, path.join(out, "sub"), ["--base-url", "https://example.org/sub/"]);
    const { server, base } = await serveFolder(out);
    try {
      const q = await query(browser, `${base}/sub/search/`, "open data");
      console.log(`example site, "open data": ${q.results.length} results, first query ${q.requests} requests, ${kb(q.gz)} compressed`);
      // The event and the panel titled with both words come first.
      const titles = q.results.map((r) => r.title);
      assert.deepEqual(titles.slice(0, 2).sort(), ["Open Data Forum Bern", "Panel: Who pays for open data?"],
        titles.join(" | "));
      const forum = q.results.find((r) => r.title === "Open Data Forum Bern");
      assert.match(forum.meta, /^Event · 18 June 2025 · Kornhausforum, Bern$/);
      assert.deepEqual(forum.marked.slice(0, 2), ["open", "data"]);
      // Breaks only share their event's title: they are not results.
      for (const brk of ["Lunch", "Coffee break", "Registration and coffee"]) {
        assert.ok(!titles.includes(brk), `${brk} in ${titles.join(" | ")}`);
      }
      for (const r of q.results) assert.ok(r.url.startsWith("/sub/"), r.url);
      // Every request stays on the site, under its sub-path.
      for (const u of q.requested) assert.ok(u.startsWith(`${base}/sub/`), u);
      // A filter by kind.
      const panels = await query(browser, `${base}/sub/search/`, "open data", { kind: "Panel" });
      assert.deepEqual(panels.results.map((r) => r.title), ["Panel: Who pays for open data?"]);
      assert.match(panels.results[0].meta, /^Panel · Open Data Forum Bern · 18 June 2025, 11:20 · Nora Huber/);
      // The filter is in the address, so the filtered search can be shared.
      const shared = await query(browser, `${base}/sub/search/?kind=Workshop`, "data");
      assert.ok(shared.results.length > 0 && shared.results.every((r) => r.meta.startsWith("Workshop")),
        JSON.stringify(shared.results));

      // English stems: "talk" (not the last word, so not a prefix) finds the two
      // "Lightning talks", "recognised" finds "recognises".
      const talks = await query(browser, `${base}/sub/search/`, "talk lightning");
      assert.deepEqual(talks.results.map((r) => r.title), ["Lightning talks", "Lightning talks"],
        JSON.stringify(talks.results));
      assert.deepEqual(talks.results[0].marked.slice(0, 2), ["lightning", "talks"]);
      const parsing = await query(browser, `${base}/sub/search/`, "recognised parser");
      assert.equal(parsing.results[0]?.title, "Parsing without tears", JSON.stringify(parsing.results));
      // The excerpt is the line of the notes where the query is first found, the
      // matched words marked: not the first words of the notes.
      assert.match(parsing.results[0].excerpt, /^… Every parser should keep the original text around/);
      assert.deepEqual(parsing.results[0].excerptMarked, ["parser", "recognises"]);
      // "testing" finds "tests", and "test": the excerpt is the line with the most of
      // the query's words ("snapshot tests"), not the first with one ("test suite").
      const testing = await query(browser, `${base}/sub/search/`, "snapshot testing");
      assert.equal(testing.results[0]?.title, "Parsing without tears", JSON.stringify(testing.results));
      assert.match(testing.results[0].excerpt, /^… Tip: cargo insta for snapshot tests/);
      assert.deepEqual(testing.results[0].excerptMarked.slice(0, 2), ["snapshot", "tests"]);
      // The script stems as the index does: the table the Rust stemmer is tested against.
      const table = fs.readFileSync(path.join(repo, "tests/fixtures/search-stems.txt"), "utf8")
        .split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(" "));
      const page = await browser.newPage();
      await page.goto(`${base}/sub/search/`);
      const stems = await page.evaluate((words) => words.map((w) => window.plenarySearch.stem(w)),
        table.map(([w]) => w));
      await page.close();
      assert.deepEqual(stems, table.map(([, s]) => s));
    } finally {
      server.close();
    }

    // A generated corpus of 120 events.
    const root = path.join(work, "corpus");
    corpus(root, 120);
    const cout = path.join(work, "corpus-out");
    build(root, cout);
    const c = await serveFolder(cout);
    try {
      // Every event's title says "Conference", no session's own text does: only the
      // events are found.
      const conf = await query(browser, `${c.base}/search/`, "conference");
      assert.ok(conf.results.length > 0);
      assert.ok(conf.results.every((r) => r.meta.startsWith("Event")), JSON.stringify(conf.results));
      const q = await query(browser, `${c.base}/search/`, "governance audit");
      console.log(`120-event corpus, "governance audit": ${q.status} first query ${q.requests} requests, ` +
        `${kb(q.gz)} compressed (${kb(q.raw)} as sent)`);
      assert.ok(q.results.length === 10, q.status);
      for (const r of q.results.slice(0, 3)) {
        assert.ok(r.marked.some((m) => m.startsWith("governance")) && r.marked.some((m) => m.startsWith("audit")),
          JSON.stringify(r));
      }
      // Each excerpt is a window around a match in the notes, marked, of about 200
      // characters (with its "…").
      for (const r of q.results) {
        assert.ok(r.excerptMarked.length > 0 && r.excerpt.length <= 210, JSON.stringify(r));
      }
      assert.ok(q.gz < 150 * 1024, kb(q.gz));
      // The last word is matched as it is being typed: "audit gover" finds what
      // "governance audit" finds.
      const typed = await query(browser, `${c.base}/search/`, "audit gover");
      assert.equal(typed.status, q.status);
    } finally {
      c.server.close();
    }
    console.log("search: ok");
  }
} finally {
  await browser.close();
  fs.rmSync(work, { recursive: true, force: true });
}
