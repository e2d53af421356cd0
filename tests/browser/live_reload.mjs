// End to end in headless Chromium: a writer scrolled down a long event page appends a
// session to the notes file and sees it appear without touching the browser, still
// scrolled where they were; a stylesheet change swaps the sheet without a reload; a
// broken file shows an error overlay until it is fixed.
//
//   cargo build && (cd tests/browser && npm ci && node live_reload.mjs)
//
// PLENARY_BIN names the binary (default: target/debug/plenary); CHROMIUM the browser.

import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = process.env.PLENARY_BIN ?? path.resolve(here, "../../target/debug/plenary");
const browserPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

const site = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-browser-"));
const notes = path.join(site, "content", "2025-09-17-long-summit.md");
fs.mkdirSync(path.dirname(notes), { recursive: true });
fs.mkdirSync(path.join(site, "static"));
fs.writeFileSync(path.join(site, "site.toml"), 'title = "Browser test"\ntimezone = "Europe/Zurich"\n');
let text = "# Long Summit\n\nA long day of talks.\n";
for (let i = 0; i < 24; i++) {
  text += `\n${String(8 + Math.floor(i / 3)).padStart(2, "0")}:${String((i % 3) * 20).padStart(2, "0")} Talk number ${i}\nSpeaker ${i}, Lab ${i}\n`;
  for (let j = 0; j < 4; j++) text += `- Point ${j} of talk ${i}, written at length so the page grows long enough to scroll.\n`;
}
fs.writeFileSync(notes, text);

const server = spawn(bin, ["serve", "--port", "0"], { cwd: site, stdio: ["ignore", "pipe", "inherit"] });
const lines = createInterface({ input: server.stdout });
const base = await new Promise((resolve, reject) => {
  lines.once("line", (line) => {
    const url = line.split(/\s+/).find((w) => w.startsWith("http://"));
    url ? resolve(url) : reject(new Error(`no URL in ${line}`));
  });
  server.once("exit", (code) => reject(new Error(`plenary serve exited with ${code}`)));
});
lines.on("line", (line) => console.log(`  serve: ${line}`));

const browser = await chromium.launch({
  executablePath: browserPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

/// Polls `probe` in the page until it returns true; page reloads in between are fine.
async function until(page, what, probe, arg) {
  const end = Date.now() + 10000;
  for (;;) {
    try {
      if (await page.evaluate(probe, arg)) return;
    } catch (e) {
      // The page was reloading.
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.goto(`${base}2025/long-summit/`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height > 3000, `the page is long (${height}px)`);
  await page.evaluate(() => window.scrollTo(0, 2000));
  await page.evaluate(() => { window.notReloaded = true; });
  const before = await page.evaluate(() => window.scrollY);
  assert.equal(before, 2000);

  // 1. Append a session: it appears by itself, scrolled where the writer was.
  fs.appendFileSync(notes, "\n17:00 A session typed just now\nNew Speaker\n- Fresh notes.\n");
  await until(page, "the new session", () => document.body.innerText.includes("A session typed just now"));
  await until(page, "the scroll position", (y) => window.scrollY === y, before);
  assert.equal(await page.evaluate(() => window.notReloaded), undefined, "the page should have reloaded");
  console.log("ok: the appended session appeared, scroll kept at", before);

  // 2. A stylesheet change swaps the sheet without reloading the page.
  await page.evaluate(() => { window.notReloaded = true; });
  fs.writeFileSync(path.join(site, "static", "style.css"), "body { background: rgb(1, 2, 3); }\n");
  await until(page, "the new stylesheet", () => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)");
  assert.equal(await page.evaluate(() => window.notReloaded), true, "the page must not reload for CSS");
  console.log("ok: the stylesheet was swapped without a reload");

  // 3. A broken file shows an overlay with the file and line; the fix clears it.
  const good = fs.readFileSync(notes, "utf8");
  fs.writeFileSync(notes, '+++\ntitle = "unclosed\n+++\n' + good);
  await until(page, "the error overlay", () => {
    const box = document.getElementById("plenary-error");
    return !!box && box.textContent.includes("2025-09-17-long-summit.md:2");
  });
  fs.writeFileSync(notes, good);
  await until(page, "the overlay to clear", () => !document.getElementById("plenary-error"));
  console.log("ok: the error overlay showed and cleared");
} catch (e) {
  failed = true;
  console.error("FAIL:", e.message);
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(site, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
