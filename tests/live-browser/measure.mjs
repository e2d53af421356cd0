// Save-to-reader time of a live blog on a static host, with the page's default poll
// interval (no ?poll): a writer saves an update at a random moment, `plenary build`
// writes the site, and a reader's open page (headless Chromium) shows it. Also the bytes
// of each idle poll (a 304 from a host that sends ETag / Last-Modified). Prints numbers;
// asserts nothing (docs/live.md quotes them).
//
//   cd tests/live-browser && npm ci && SAMPLES=10 node measure.mjs
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, appendFileSync } from "node:fs";
import { serveFolder, launchChromium } from "../browser-common/harness.mjs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.PLENARY_BIN || join(resolve(here, "../.."), "target/debug/plenary");
const samples = Number(process.env.SAMPLES) || 8;
const site = mkdtempSync(join(tmpdir(), "plenary-measure-"));
const out = join(site, "public");
const notes = join(site, "content/2025-05-07-keynote-live.md");
const page = "/2025/keynote-live/";

writeFileSync(join(site, "site.toml"), "title = \"Measure\"\nbase_url = \"http://127.0.0.1/\"\ntimezone = \"Europe/Zurich\"\n");
mkdirSync(join(site, "content"));
writeFileSync(notes, "+++\ntitle = \"Keynote live\"\ndate = 2025-05-07\ntimezone = \"Europe/Zurich\"\n+++\n\n[09:00] Doors open.\n\n[09:01] Seats filling.\n");

function build() {
  const start = Date.now();
  const r = spawnSync(bin, ["build", "-o", out], { cwd: site, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return Date.now() - start;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(p * xs.length) - 1)];

build();
const { server, base } = await serveFolder(out, { conditional: true });
const browser = await launchChromium(chromium);
try {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const Real = Date;
    const shift = new Real("2025-05-07T08:00:00Z").getTime() - Real.now();
    class FakeDate extends Real {
      constructor(...args) { if (args.length) super(...args); else super(Real.now() + shift); }
      static now() { return Real.now() + shift; }
    }
    window.Date = FakeDate;
  });
  const tab = await context.newPage();
  await tab.goto(base + page);
  const poll = await tab.getAttribute("#live", "data-poll-seconds");
  const delays = [], builds = [];
  for (let i = 0; i < samples; i++) {
    await new Promise((ok) => setTimeout(ok, Math.random() * Number(poll) * 1000));
    const minute = String(10 + i).padStart(2, "0");
    const saved = Date.now();
    appendFileSync(notes, `\n[09:${minute}] Update number ${i}.\n`);
    builds.push(build());
    await tab.waitForSelector(`[id="09${minute}"]`, { timeout: 120000 });
    delays.push((Date.now() - saved) / 1000);
    process.stdout.write(`sample ${i + 1}/${samples}: ${delays[i].toFixed(1)} s\n`);
  }
  // Then nothing new for three polls: what an idle reader costs the host.
  await new Promise((ok) => setTimeout(ok, (3 * Number(poll) + 2) * 1000));
  const polls = server.answers.filter((a) => a.path === page + "live.json");
  const idle = polls.filter((a) => a.status === 304).map((a) => a.bytes);
  const full = polls.filter((a) => a.status === 200).map((a) => a.bytes);
  console.log(`poll interval: ${poll} s (the page's default), ${samples} saves at random moments`);
  console.log(`save-to-reader: median ${median(delays).toFixed(1)} s, p90 ${pct(delays, 0.9).toFixed(1)} s, max ${Math.max(...delays).toFixed(1)} s`);
  console.log(`build (debug binary): median ${median(builds)} ms`);
  console.log(`idle polls: ${idle.length}, answered 304, ${Math.min(...idle)}-${Math.max(...idle)} bytes each`);
  console.log(`polls with news: ${full.length}, live.json ${median(full)} bytes median (the page is fetched once more)`);
} finally {
  await browser.close();
  server.close();
  rmSync(site, { recursive: true, force: true });
}
