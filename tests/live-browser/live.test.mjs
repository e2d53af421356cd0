// Live following in a real browser: build a fixture site, serve it on 127.0.0.1, open
// the event page at a faked "now" inside the event, rebuild with one more session and
// an edited one, and check they appear in place without a reload, the reader's place
// kept; then the newest-first order (remembered), and no polling outside the event.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { serveFolder, launchChromium } from "../browser-common/harness.mjs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const bin = process.env.PLENARY_BIN || join(repo, "target/debug/plenary");
const site = mkdtempSync(join(tmpdir(), "plenary-live-"));
const out = join(site, "public");
const notes = join(site, "content/2025-05-07-live-day.md");
const page = "/2025/live-day/";

const paragraph = "- A note long enough to take some room on the page, so that the reader has to scroll past it.\n".repeat(12);
const session = (time, title, speaker, body = paragraph) => `${time} ${title}\n${speaker}\n${body}\n`;
const original = [
  "+++\ntitle = \"Live Day\"\ndate = 2025-05-07\ntimezone = \"Europe/Zurich\"\n+++\n\nA day of talks, followed live.\n\n",
  session("09:00", "Morning welcome", "Ada Lovelace, Engines Ltd"),
  session("10:00", "Second talk", "Grace Hopper"),
  session("11:00", "Third talk", "Alan Turing"),
  session("12:00", "Fourth talk", "Katherine Johnson"),
].join("");

function build() {
  const r = spawnSync(bin, ["build", "-o", out], { cwd: site, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

let server, base, browser;

before(async () => {
  if (!existsSync(bin)) {
    const r = spawnSync("cargo", ["build"], { cwd: repo, stdio: "inherit" });
    assert.equal(r.status, 0, "cargo build");
  }
  writeFileSync(join(site, "site.toml"), "title = \"Live test\"\nbase_url = \"http://127.0.0.1/\"\ntimezone = \"Europe/Zurich\"\n");
  mkdirSync(join(site, "content"));
  writeFileSync(notes, original);
  build();
  ({ server, base } = await serveFolder(out, { noStore: true }));
  browser = await launchChromium(chromium);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.close();
  rmSync(site, { recursive: true, force: true });
});

/** A page whose clock reads `iso` (and runs on from there). */
async function openAt(context, iso, query = "?poll=1") {
  await context.addInitScript((fake) => {
    const Real = Date;
    const shift = new Real(fake).getTime() - Real.now();
    class FakeDate extends Real {
      constructor(...args) { if (args.length) super(...args); else super(Real.now() + shift); }
      static now() { return Real.now() + shift; }
    }
    window.Date = FakeDate;
  }, iso);
  const tab = await context.newPage();
  tab.requested = [];
  tab.on("request", (r) => tab.requested.push(new URL(r.url()).pathname));
  await tab.goto(base + page + query);
  return tab;
}

const ids = (tab) => tab.$$eval("#day-1 > article.session", (as) => as.map((a) => a.id));

test("a new session appears in place while the event is on, without reload, place kept", async (t) => {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  t.after(async () => {
    await context.close();
    writeFileSync(notes, original);
    build();
  });
  const tab = await openAt(context, "2025-05-07T10:30:00Z");
  assert.equal(await tab.isVisible(".live-badge"), true, "the Live badge shows during the event");
  assert.deepEqual(await ids(tab), ["0900-morning-welcome", "1000-second-talk", "1100-third-talk", "1200-fourth-talk"]);
  await tab.evaluate(() => { window.__sameDocument = true; });
  await tab.evaluate(() => document.getElementById("1100-third-talk").scrollIntoView());
  const before = await tab.evaluate(() => ({ y: window.scrollY, top: document.getElementById("1100-third-talk").getBoundingClientRect().top }));
  assert.ok(before.y > 500, "scrolled down the page");

  // The writer adds a session between two others (above the reader's place) and
  // edits one below it.
  const edited = original
    .replace("11:00 Third talk", "10:30 Inserted talk\nHedy Lamarr\n- Fresh from the room.\n\n11:00 Third talk")
    .replace("12:00 Fourth talk\nKatherine Johnson\n", "12:00 Fourth talk\nKatherine Johnson\n- An edited first line.\n");
  writeFileSync(notes, edited);
  build();

  await tab.waitForSelector('[id="1030-inserted-talk"]', { timeout: 15000 });
  await tab.waitForFunction(() => document.getElementById("1200-fourth-talk")?.textContent.includes("An edited first line."), null, { timeout: 15000 });
  assert.equal(await tab.evaluate(() => window.__sameDocument), true, "no reload");
  assert.deepEqual(await ids(tab), ["0900-morning-welcome", "1000-second-talk", "1030-inserted-talk", "1100-third-talk", "1200-fourth-talk"]);
  const afterInsert = await tab.evaluate(() => ({ y: window.scrollY, top: document.getElementById("1100-third-talk").getBoundingClientRect().top }));
  assert.ok(Math.abs(afterInsert.top - before.top) <= 2, `the session being read stays put: ${before.top} -> ${afterInsert.top}`);
  assert.ok(afterInsert.y > before.y, "the page scrolled by the inserted height");
  assert.equal(await tab.getAttribute('[id="1030-inserted-talk"]', "class").then((c) => c.includes("is-new")), true, "marked new");
  await tab.waitForFunction(() => document.querySelector(".live-status").textContent.includes("Inserted talk"), null, { timeout: 5000 });
  assert.equal(await tab.getAttribute(".live-status", "aria-live"), "polite");
  assert.equal(await tab.$$eval(".schedule-list li", (li) => li.length), 5, "the schedule overview follows");
});

test("newest first is a reader's choice, remembered across visits", async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const tab = await openAt(context, "2025-05-07T10:30:00Z");
  await tab.click(".live-order");
  assert.equal(await tab.getAttribute(".live-order", "aria-pressed"), "true");
  assert.deepEqual(await ids(tab), ["1200-fourth-talk", "1100-third-talk", "1000-second-talk", "0900-morning-welcome"]);
  await tab.reload();
  assert.equal(await tab.getAttribute(".live-order", "aria-pressed"), "true");
  assert.deepEqual((await ids(tab))[0], "1200-fourth-talk");
  await tab.click(".live-order");
  assert.deepEqual((await ids(tab))[0], "0900-morning-welcome");
});

test("outside the event's days nothing polls and no badge shows", async (t) => {
  const context = await browser.newContext();
  t.after(() => context.close());
  const tab = await openAt(context, "2025-05-09T10:00:00Z");
  await tab.waitForTimeout(3000);
  const polled = tab.requested.filter((p) => p.endsWith("live.json"));
  assert.deepEqual(polled, [], "no live.json request");
  assert.equal(await tab.isVisible(".live-badge"), false);
  assert.equal(await tab.isVisible(".live-order"), true, "the order switch works any day");
});
