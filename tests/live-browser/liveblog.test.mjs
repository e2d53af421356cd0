// A live blog in a real browser (issue 14): a keynote covered as a stream of updates,
// built into a fixture site and served as a static host serves it (ETag,
// Last-Modified, 304). The page is opened at a faked "now" (during or after the event)
// and rebuilt while it is open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { serveFolder, launchChromium } from "../browser-common/harness.mjs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bin = process.env.PLENARY_BIN || join(repo, "target/debug/plenary");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const site = mkdtempSync(join(tmpdir(), "plenary-liveblog-"));
const out = join(site, "public");
const blogFile = join(site, "content/2025-05-07-keynote-live.md");
const talksFile = join(site, "content/2025-05-08-talk-day.md");
const blogPage = "/2025/keynote-live/";
const talksPage = "/2025/talk-day/";

const front = (title, date) => `+++\ntitle = "${title}"\ndate = ${date}\ntimezone = "Europe/Zurich"\n+++\n\n`;
// The writer's stream: a key moment, a pinned entry, an author.
const blog = front("Keynote live", "2025-05-07") + [
  "[18:02] The room is full, the keynote starts late.\n",
  "! 18:10\nThe new release is announced for June.\n",
  "@mk [18:15] Questions from the floor.\n",
].join("\n");
// A day of talks, for the now line and the zone switch; the first one is just after
// midnight in Zurich, still the evening before in New York.
const talks = front("Talk day", "2025-05-08") + [
  "00:30 Night owls\nAda Lovelace\n",
  "09:00 Morning talk\nGrace Hopper\n",
  "10:00 Second talk\nAlan Turing\n",
  "11:00 Third talk (cancelled)\nKatherine Johnson\n",
].join("\n");

/** Builds the site; `now` sets the build's clock (PLENARY_NOW). */
function build(now) {
  const env = { ...process.env };
  if (now) env.PLENARY_NOW = now; else delete env.PLENARY_NOW;
  const r = spawnSync(bin, ["build", "-o", out], { cwd: site, encoding: "utf8", env });
  assert.equal(r.status, 0, r.stderr);
}

let server, base, browser;

before(async () => {
  if (!existsSync(bin)) {
    const r = spawnSync("cargo", ["build"], { cwd: repo, stdio: "inherit" });
    assert.equal(r.status, 0, "cargo build");
  }
  writeFileSync(join(site, "site.toml"), "title = \"Live blog test\"\nbase_url = \"http://127.0.0.1/\"\ntimezone = \"Europe/Zurich\"\n");
  mkdirSync(join(site, "content"));
  writeFileSync(blogFile, blog);
  writeFileSync(talksFile, talks);
  build();
  ({ server, base } = await serveFolder(out, { noStore: true, conditional: true }));
  browser = await launchChromium(chromium);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  rmSync(site, { recursive: true, force: true });
});

/** A page whose clock reads `iso` and runs on; `window.__advance(ms)` moves it. */
async function openAt(context, path, iso, query = "?poll=1") {
  await context.addInitScript((fake) => {
    const Real = Date;
    window.__shift = new Real(fake).getTime() - Real.now();
    window.__advance = (ms) => { window.__shift += ms; };
    class FakeDate extends Real {
      constructor(...args) { if (args.length) super(...args); else super(Real.now() + window.__shift); }
      static now() { return Real.now() + window.__shift; }
    }
    window.Date = FakeDate;
  }, iso);
  const tab = await context.newPage();
  await tab.goto(base + path + query);
  return tab;
}

const ids = (tab) => tab.$$eval("#day-1 > article.session", (as) => as.map((a) => a.id));
const DURING = "2025-05-07T16:20:00Z"; // 18:20 in Zurich
const AFTER = "2025-05-09T10:00:00Z";

function restore(t, context) {
  t.after(async () => {
    await context.close();
    writeFileSync(blogFile, blog);
    writeFileSync(talksFile, talks);
    build();
  });
}

test("an update stream reads newest first while live, in order after, and a reader's flip is remembered", async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const live = await openAt(context, blogPage, DURING);
  assert.deepEqual(await ids(live), ["1815", "1810", "1802"], "newest first while the event is on");
  assert.equal(await live.getAttribute(".live-order", "aria-pressed"), "true");
  const over = await openAt(await browser.newContext(), blogPage, AFTER, "");
  assert.deepEqual(await ids(over), ["1802", "1810", "1815"], "chronological once it is over");
  await over.click(".live-order");
  await over.reload();
  assert.deepEqual(await ids(over), ["1815", "1810", "1802"], "the reader's choice is kept");
  await over.context().close();
});

test("a key moment written live shows in the box, the count follows, its copy link works", async (t) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  restore(t, context);
  const tab = await openAt(context, blogPage, DURING);
  assert.deepEqual(await tab.$$eval(".key-moments li a", (as) => as.map((a) => a.getAttribute("href"))), ["#1810"]);
  assert.equal(await tab.textContent(".entry-count"), "3 updates");
  assert.equal(await tab.isVisible(".pinned"), false, "nothing pinned yet");

  writeFileSync(blogFile, blog + "\n!! 18:25\nThe vote passed: the foundation is formed.\n");
  build();
  await tab.waitForSelector('[id="1825"]', { timeout: 15000 });
  await tab.waitForFunction(() => document.querySelectorAll(".key-moments li").length === 2, null, { timeout: 5000 });
  assert.match(await tab.textContent(".key-moments"), /The vote passed/);
  assert.equal(await tab.textContent(".entry-count"), "4 updates");
  assert.equal(await tab.isVisible(".pinned"), true, "the pinned entry shows while live");
  assert.deepEqual((await ids(tab))[0], "1825", "the new entry is on top");

  const button = tab.locator('[id="1825"] button.copy-link');
  assert.equal(await button.isVisible(), true, "the inserted entry's copy button shows");
  await button.click();
  await tab.waitForFunction(() => document.querySelector('[id="1825"] button.copy-link').textContent === "Copied");
  assert.equal(await tab.evaluate(() => navigator.clipboard.readText()), "http://127.0.0.1/2025/keynote-live/1825/");
});

test("a correction under an entry is marked on a page that already shows it", async (t) => {
  const context = await browser.newContext();
  restore(t, context);
  const tab = await openAt(context, blogPage, DURING);
  assert.equal(await tab.$('[id="1810"] .live-changed'), null);
  writeFileSync(blogFile, blog.replace("for June.\n", "for June.\nCorrection 18:30: for July, not June.\n"));
  build();
  await tab.waitForSelector('[id="1810"] .live-changed', { timeout: 15000 });
  assert.equal(await tab.textContent('[id="1810"] .live-changed'), "Corrected");
  assert.match(await tab.textContent('[id="1810"] .mark-correction'), /Corrected 18:30/);
});

test("a reader coming back sees which entries changed since their last visit", async (t) => {
  const context = await browser.newContext();
  restore(t, context);
  const first = await openAt(context, blogPage, AFTER, "");
  assert.equal(await first.$(".live-changed"), null);
  await first.close();
  writeFileSync(blogFile, blog.replace("starts late.\n", "starts late.\nUpdate 18:40: it has started.\n"));
  build();
  const again = await context.newPage();
  await again.goto(base + blogPage);
  assert.equal(await again.textContent('[id="1802"] .live-changed'), "Changed since your last visit");
  assert.equal(await again.$$eval(".live-changed", (els) => els.length), 1, "only the revised entry");
});

test("idle polls are answered 304 by a static host, under 1 KB each", async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const from = server.answers.length;
  const tab = await openAt(context, blogPage, DURING);
  await tab.waitForTimeout(3500);
  const polls = server.answers.slice(from).filter((a) => a.path === blogPage + "live.json");
  assert.ok(polls.length >= 3, `polled: ${polls.length}`);
  assert.equal(polls[0].status, 200, "the first poll gets the state");
  const idle = polls.slice(1);
  assert.ok(idle.every((a) => a.status === 304), JSON.stringify(idle));
  assert.ok(idle.every((a) => a.bytes <= 1024), JSON.stringify(idle));
});

test("the session on now is highlighted, next is named, and the now line moves with the clock", async (t) => {
  const context = await browser.newContext({ timezoneId: "Europe/Zurich" });
  t.after(() => context.close());
  const tab = await openAt(context, talksPage, "2025-05-08T07:30:00Z"); // 09:30 in Zurich
  const now = () => tab.$$eval(".schedule-list li.is-now", (li) => li.map((l) => l.dataset.anchor));
  assert.deepEqual(await now(), ["0900-morning-talk"]);
  assert.equal(await tab.getAttribute("#\\30 900-morning-talk", "class").then((c) => c.includes("is-now")), true);
  assert.match(await tab.textContent(".live-next"), /Next: 10:00 Second talk/);
  await tab.evaluate(() => window.__advance(60 * 60 * 1000)); // 10:30
  await tab.waitForFunction(() => document.querySelector(".schedule-list li.is-now")?.dataset.anchor === "1000-second-talk", null, { timeout: 5000 });
  // The 11:00 talk is cancelled: it is never next.
  assert.equal(await tab.isVisible(".live-next"), false);
});

test("without JavaScript the build's now and next marks show; the script moves them with the reader's clock", async (t) => {
  build("2025-05-08T09:30:00+02:00");
  const still = await browser.newContext({ javaScriptEnabled: false });
  restore(t, still);
  const page = await still.newPage();
  await page.goto(base + talksPage);
  const marks = (tab) => tab.evaluate(() => ({
    now: [...document.querySelectorAll(".schedule-list li.is-now")].map((l) => l.dataset.anchor),
    next: [...document.querySelectorAll(".schedule-list li.is-next")].map((l) => l.dataset.anchor),
    words: [...document.querySelectorAll(".now-mark, .mark-now, .mark-next")].map((m) => m.textContent),
    current: [...document.querySelectorAll("[aria-current]")].map((el) => el.dataset.anchor),
  }));
  assert.deepEqual(await marks(page), {
    now: ["0900-morning-talk"], next: ["1000-second-talk"],
    words: ["now", "next", "Now", "Next"], current: ["0900-morning-talk"],
  }, "as built, without JavaScript");
  assert.equal(await page.isVisible(".live-next"), true);
  assert.match(await page.textContent(".live-next"), /Next: 10:00 Second talk/);

  // Opened later with JavaScript: the build's marks move to the reader's moment.
  const context = await browser.newContext({ timezoneId: "Europe/Zurich" });
  t.after(() => context.close());
  const tab = await openAt(context, talksPage, "2025-05-08T08:30:00Z"); // 10:30 in Zurich
  assert.deepEqual(await marks(tab), {
    now: ["1000-second-talk"], next: [], words: ["now", "Now"], current: ["1000-second-talk"],
  }, "moved at load; the cancelled 11:00 talk is never next");
  assert.equal(await tab.isVisible(".live-next"), false);
  assert.equal(await tab.$$eval("article.session.is-now", (as) => as.map((a) => a.id).join()), "1000-second-talk");
  // After the event, nothing is marked.
  await tab.evaluate(() => window.__advance(24 * 60 * 60 * 1000));
  await tab.waitForFunction(() => !document.querySelector(".is-now, .is-next, .now-mark, .mark-now, .mark-next"), null, { timeout: 5000 });
});

test("an update written under a talk while the page is open goes into that talk, with a working copy link", async (t) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  restore(t, context);
  const tab = await openAt(context, talksPage, "2025-05-08T07:30:00Z");
  writeFileSync(talksFile, talks.replace("Grace Hopper\n", "Grace Hopper\n- the plan\n\n09:20\nThe demo works.\n"));
  build();
  await tab.waitForSelector('[id="0920"]', { timeout: 15000 });
  assert.equal(await tab.$eval('[id="0920"]', (a) => a.parentElement.parentElement.id), "0900-morning-talk",
    "inside the talk's entries");
  assert.equal(await tab.$eval('[id="0920"]', (a) => a.parentElement.matches(".entries")), true);
  assert.equal(await tab.$$eval('[id="0920"]', (as) => as.length), 1);
  assert.equal(await tab.$$eval("section.day > article.session", (as) => as.length), 4, "no new top-level entry");
  const button = tab.locator('[id="0920"] button.copy-link');
  assert.equal(await button.isVisible(), true);
  await button.click();
  await tab.waitForFunction(() => document.querySelector('[id="0920"] button.copy-link').textContent === "Copied");
  assert.equal(await tab.evaluate(() => navigator.clipboard.readText()), "http://127.0.0.1/2025/talk-day/0920/");
});

test("the zone switch is on session pages and the home page too, with one remembered choice", async (t) => {
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  t.after(() => context.close());
  const home = await openAt(context, "/", AFTER, "");
  const start = '.event-item:has(a[href="/2025/talk-day/"]) .eyebrow time[datetime*="T"]';
  assert.equal(await home.textContent(start), "00:30");
  assert.equal(await home.isVisible(".live-zone"), true);
  await home.click(".live-zone");
  assert.equal(await home.textContent(start), "18:30 (Wed 7 May)", "the evening before, in New York");
  assert.equal(await home.textContent('.event-item:has(a[href="/2025/talk-day/"]) abbr.zone'), "EDT");

  const session = await context.newPage();
  await session.goto(base + talksPage + "0900-morning-talk/");
  assert.equal(await session.getAttribute(".live-zone", "aria-pressed"), "true", "the choice made on the home page");
  assert.equal(await session.textContent("header .when > time"), "03:00");
  assert.equal(await session.textContent("header .when abbr.zone"), "EDT");
  await session.click(".live-zone");
  assert.equal(await session.textContent("header .when > time"), "09:00");
  assert.equal(await session.textContent("header .when abbr.zone"), "CEST");
  await home.reload();
  assert.equal(await home.textContent(start), "00:30", "back in the event's zone everywhere");
});

test("times switch to the reader's zone and back, named, with the day changing, remembered", async (t) => {
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  t.after(() => context.close());
  const tab = await openAt(context, talksPage, AFTER, "");
  const first = '[id="0030-night-owls"] header .when > time';
  assert.equal(await tab.textContent(first), "00:30");
  assert.equal(await tab.isVisible(".live-zone"), true);
  await tab.click(".live-zone");
  assert.equal(await tab.getAttribute(".live-zone", "aria-pressed"), "true");
  assert.match(await tab.textContent(".live-zone"), /America\/New_York/);
  assert.equal(await tab.textContent(first), "18:30 (Wed 7 May)", "the evening before, in New York");
  assert.equal(await tab.textContent('[id="0900-morning-talk"] header .when > time'), "03:00");
  assert.equal(await tab.textContent('[id="0900-morning-talk"] abbr.zone'), "EDT");
  await tab.reload();
  assert.equal(await tab.textContent(first), "18:30 (Wed 7 May)", "remembered");
  await tab.click(".live-zone");
  assert.equal(await tab.textContent(first), "00:30");
  assert.equal(await tab.textContent('[id="0900-morning-talk"] abbr.zone'), "CEST");
});

test("the live blog's controls pass axe-core with no serious or critical violations", async (t) => {
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  restore(t, context);
  writeFileSync(blogFile, blog + "\n!! 18:25\nPinned news.\nUpdate 18:40: more news.\n");
  writeFileSync(talksFile, talks.replace("Grace Hopper\n", "Grace Hopper\n\n09:20\nThe demo works.\n"));
  build("2025-05-08T09:30:00+02:00");
  for (const path of [blogPage, talksPage, talksPage + "0900-morning-talk/", "/"]) {
    const tab = await openAt(context, path, DURING);
    await tab.evaluate(axeSource);
    const bad = await tab.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
      .violations.filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
    assert.deepEqual(bad, [], path);
  }
});
