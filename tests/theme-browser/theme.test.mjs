// The default theme in a real browser: build the example site, serve it on 127.0.0.1,
// open each kind of page at phone and desktop widths in light and dark, save
// screenshots to screenshots/ (gitignored) for a person to look at, and run axe-core in
// each page, failing on serious or critical accessibility violations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { serveFolder, launchChromium } from "../browser-common/harness.mjs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const shots = join(here, "screenshots");
const out = mkdtempSync(join(tmpdir(), "plenary-theme-"));
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// Pages of the example site (content/ at the repository's root), one of each kind.
const pages = {
  home: "/",
  event: "/2025/digital-commons-summit/",
  "event-one-day": "/2025/open-data-forum/",
  session: "/2025/digital-commons-summit/0930-opening-keynote-commons-are-maintained-not-found/",
  tags: "/tags/",
  tag: "/tags/opendata/",
  speakers: "/speakers/",
  speaker: "/speakers/sara-rossi/",
  search: "/search/?q=commons",
  "not-found": "/404.html",
};
const widths = { phone: 375, desktop: 1280 };
const schemes = ["light", "dark"];

let server, base, browser;

before(async () => {
  const build = spawnSync("cargo", ["run", "--quiet", "--", "build", "--output-dir", out], {
    cwd: repo,
    encoding: "utf8",
  });
  assert.equal(build.status, 0, build.stderr);
  mkdirSync(shots, { recursive: true });
  ({ server, base } = await serveFolder(out, { notFoundPage: true }));
  browser = await launchChromium(chromium);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  rmSync(out, { recursive: true, force: true });
});

/** Opens `path` in a fresh page of the given width and colour scheme. */
async function open(width, scheme, path) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const tab = await context.newPage();
  const requests = [];
  tab.on("request", (r) => requests.push(r.url()));
  await tab.emulateMedia({ colorScheme: scheme });
  await tab.goto(base + path, { waitUntil: "networkidle" });
  return { context, tab, requests };
}

for (const [name, path] of Object.entries(pages)) {
  for (const [device, width] of Object.entries(widths)) {
    for (const scheme of schemes) {
      test(`${name} at ${device} width, ${scheme}: no serious accessibility violation`, async (t) => {
        const { context, tab, requests } = await open(width, scheme, path);
        t.after(() => context.close());
        const file = join(shots, `${name}-${device}-${scheme}.png`);
        await tab.screenshot({ path: file, fullPage: true });
        assert.ok(existsSync(file));

        const offsite = requests.filter((u) => !u.startsWith(base));
        assert.deepEqual(offsite, [], "the theme makes no external requests");
        const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);

        await tab.evaluate(axeSource);
        const violations = await tab.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ["violations"] });
          return r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + n.failureSummary),
          }));
        });
        const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        assert.deepEqual(bad, [], JSON.stringify(bad, null, 2));
      });
    }
  }
}

test("a 320 px phone never scrolls sideways, and the skip link shows on focus", async (t) => {
  for (const path of Object.values(pages)) {
    const { context, tab } = await open(320, "light", path);
    t.after(() => context.close());
    const overflow = await tab.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 320 px`);
  }
  const { context, tab } = await open(1280, "light", pages.event);
  t.after(() => context.close());
  await tab.keyboard.press("Tab");
  const skip = await tab.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    return { cls: a.className, visible: r.width > 0 && r.top >= 0 && r.left >= 0, outline: getComputedStyle(a).outlineStyle };
  });
  assert.equal(skip.cls, "skip-link");
  assert.ok(skip.visible, "the skip link is on screen when focused");
});

test("print: navigation, buttons and the schedule are left out", async (t) => {
  const { context, tab } = await open(1280, "light", pages.event);
  t.after(() => context.close());
  await tab.emulateMedia({ media: "print" });
  const hidden = await tab.evaluate(() =>
    [".site-nav", ".schedule", ".permalink", ".pager"].map((s) => {
      const el = document.querySelector(s);
      return el ? getComputedStyle(el).display : "none";
    }));
  assert.deepEqual(hidden, ["none", "none", "none", "none"]);
  await tab.pdf({ path: join(shots, "event-print.pdf"), format: "A4" });
});

test("the home page groups events by the reader's date: happening now, coming up, past", async (t) => {
  for (const [device, width, scheme] of [["desktop", 1280, "light"], ["phone", 375, "dark"]]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    t.after(() => context.close());
    // 10:00 in Zurich on the day of the Open Data Forum (2025-06-18).
    await context.addInitScript(() => {
      const Real = Date;
      const shift = new Real("2025-06-18T08:00:00Z").getTime() - Real.now();
      class FakeDate extends Real {
        constructor(...args) { if (args.length) super(...args); else super(Real.now() + shift); }
        static now() { return Real.now() + shift; }
      }
      window.Date = FakeDate;
    });
    const tab = await context.newPage();
    await tab.emulateMedia({ colorScheme: scheme });
    await tab.goto(base + "/", { waitUntil: "networkidle" });
    const groups = await tab.$$eval("section.event-group:not([hidden])", (ss) => ss.map((s) => ({
      title: s.querySelector("h2").textContent,
      events: Array.from(s.querySelectorAll(".event-link"), (a) => a.textContent),
      badges: Array.from(s.querySelectorAll(".event-status"), (b) => b.textContent),
    })));
    assert.deepEqual(groups, [
      { title: "Happening now", events: ["Open Data Forum Bern"], badges: ["Live now"] },
      { title: "Coming up", events: ["Swiss Digital Commons Summit"], badges: ["Upcoming"] },
      { title: "Past events", events: ["Rust Zurich Meetup: Spring Edition"], badges: [] },
    ]);
    await tab.screenshot({ path: join(shots, `home-live-${device}-${scheme}.png`), fullPage: true });
    await tab.evaluate(axeSource);
    const bad = await tab.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
      .violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id));
    assert.deepEqual(bad, []);
  }
});
