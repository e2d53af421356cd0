// What a conference blog shows beyond text, in a real browser: an event with photos,
// a session with highlighted code, a speaker page with a profile (portrait, bio with
// an image of its own, links), and the social cards a link preview shows. The example
// site is copied and given an event with photos made here (PNG, written by hand below:
// no image package), built with plenary, and each page is screenshotted at phone and
// desktop widths, light and dark, into target/screenshots/ (not in git) for a person
// to look at, then checked: photos loaded at the size the page says, no request to
// another host, no serious axe-core violation. The cards are screenshotted at their
// own size (card-*.png) and checked to be 1200x630 PNGs the page's og:image names.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { serveFolder, launchChromium } from "../browser-common/harness.mjs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const shots = join(repo, "target", "screenshots");
const work = mkdtempSync(join(tmpdir(), "plenary-showcase-"));
const site = join(work, "site");
const out = join(work, "public");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A `w`×`h` RGB PNG whose pixels `pixel(x, y)` gives as [r, g, b]. */
function png(w, h, pixel) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const row = y * (w * 3 + 1);
    for (let x = 0; x < w; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A stage: a dark hall, a lit screen with "slide" bars, a speaker's silhouette. */
function stage(x, y, w, h) {
  const sx = x / w, sy = y / h;
  if (sx > 0.2 && sx < 0.8 && sy > 0.12 && sy < 0.55) {
    const bar = sy > 0.2 && sy < 0.5 && Math.floor((sy - 0.2) * 30) % 3 === 0 && sx < 0.3 + 0.4 * ((sy * 7) % 1);
    return bar ? [40, 60, 120] : [235, 238, 245];
  }
  const dx = (sx - 0.7) * w, dy = (sy - 0.62) * h;
  if (dx * dx + dy * dy < (0.04 * h) ** 2 || (Math.abs(dx) < 0.05 * h && sy > 0.66 && sy < 0.9)) return [25, 20, 20];
  if (sy > 0.8) return [90 + 40 * sy, 50, 35];
  const glow = Math.max(0, 1 - Math.hypot(sx - 0.5, sy - 0.3) * 1.6);
  return [30 + 80 * glow, 28 + 70 * glow, 40 + 60 * glow];
}

const pages = {
  "event-with-photos": "/2025/photo-walk/",
  "session-with-code": "/2025/photo-walk/1100-parsing-in-rust/",
  "speaker-with-profile": "/speakers/lea-keller/",
};
const widths = { phone: 375, desktop: 1280 };
const schemes = ["light", "dark"];
let server, base, browser;

before(async () => {
  cpSync(join(repo, "content"), join(site, "content"), { recursive: true });
  cpSync(join(repo, "site.toml"), join(site, "site.toml"));
  const event = join(site, "content", "2025-11-20-photo-walk");
  mkdirSync(event, { recursive: true });
  writeFileSync(join(event, "stage.png"), png(1600, 1000, (x, y) => stage(x, y, 1600, 1000)));
  writeFileSync(join(event, "slide.png"), png(1200, 800, (x, y) => stage(1200 - x, y, 1200, 800)));
  writeFileSync(
    join(event, "index.md"),
    `+++
title = "Photo walk"
location = "Zurich"
+++
The main hall before the first talk:

![The main hall, its screen lit before the first talk](stage.png)

10:00 Opening: pictures from the floor
Lea Keller, Bitwise Labs

The stage from row three, and the agenda slide:

![The stage from row three](stage.png)

![The agenda slide, seen from the side](slide.png)

11:00 Parsing in Rust
Lea Keller, Bitwise Labs

The parser from the talk, typed along:

\`\`\`rust
/// One notes line, read.
fn parse(line: &str) -> Option<(u8, &str)> {
    let (time, rest) = line.split_once(' ')?;
    let hour: u8 = time.get(..2)?.parse().ok()?;
    Some((hour, rest.trim())) // the title
}
\`\`\`
`,
  );
  // An image in the speaker's bio, beside her profile.
  const speakers = join(site, "content", "speakers");
  mkdirSync(join(speakers, "lea-keller"), { recursive: true });
  writeFileSync(join(speakers, "lea-keller", "meetup.png"), png(900, 600, (x, y) => stage(x, y, 900, 600)));
  const profile = join(speakers, "lea-keller.md");
  writeFileSync(
    profile,
    readFileSync(profile, "utf8") + "\n![Lea at the Zurich meetup, the screen behind her lit](lea-keller/meetup.png)\n",
  );
  const build = spawnSync("cargo", ["run", "--quiet", "--manifest-path", join(repo, "Cargo.toml"), "--", "build", "--output-dir", out], {
    cwd: site,
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
  rmSync(work, { recursive: true, force: true });
});

for (const [name, path] of Object.entries(pages)) {
  for (const [device, width] of Object.entries(widths)) {
    for (const scheme of schemes) {
      test(`${name} at ${device} width, ${scheme}: photos load, nothing from elsewhere, no serious axe violation`, async (t) => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
        t.after(() => context.close());
        const tab = await context.newPage();
        const requests = [];
        tab.on("request", (r) => requests.push(r.url()));
        await tab.emulateMedia({ colorScheme: scheme });
        await tab.goto(base + path, { waitUntil: "networkidle" });
        // Lazy photos below the fold load as a reader scrolls: scroll through first.
        await tab.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += 400) {
            window.scrollTo(0, y);
            await new Promise((r) => setTimeout(r, 30));
          }
          window.scrollTo(0, 0);
        });
        await tab.waitForLoadState("networkidle");
        const file = join(shots, `${name}-${device}-${scheme}.png`);
        await tab.screenshot({ path: file, fullPage: true });
        assert.ok(existsSync(file));

        assert.deepEqual(requests.filter((u) => !u.startsWith(base)), [], "no request to another host");
        const photos = await tab.$$eval("picture img", (imgs) =>
          imgs.map((i) => ({ src: i.currentSrc, loaded: i.complete && i.naturalWidth > 0, shown: i.clientWidth })),
        );
        if (name !== "session-with-code") assert.ok(photos.length > 0, "the page shows photos");
        for (const p of photos) assert.ok(p.loaded && p.shown > 0, JSON.stringify(p));
        if (name === "session-with-code") {
          const spans = await tab.$$eval("pre code [class^='hl-']", (s) => s.length);
          assert.ok(spans > 5, `highlighted code: ${spans} classed spans`);
        }

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

const cards = {
  "event": "/2025/photo-walk/",
  "session": "/2025/photo-walk/1100-parsing-in-rust/",
};

for (const [name, path] of Object.entries(cards)) {
  test(`the ${name} page's social card: a 1200x630 PNG the page names, its text drawn`, async (t) => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 630 }, deviceScaleFactor: 1 });
    t.after(() => context.close());
    const tab = await context.newPage();
    await tab.goto(base + path, { waitUntil: "networkidle" });
    const image = await tab.$eval("meta[property='og:image']", (m) => m.content);
    const width = await tab.$eval("meta[property='og:image:width']", (m) => m.content);
    const height = await tab.$eval("meta[property='og:image:height']", (m) => m.content);
    assert.deepEqual([width, height], ["1200", "630"]);
    // The page names the card at the published URL (site.toml's base_url); the test
    // server serves it at the same path.
    const url = new URL(image);
    assert.ok(url.pathname.endsWith("/card.png"), image);
    const card = await tab.request.get(base + url.pathname);
    assert.equal(card.status(), 200);
    const bytes = await card.body();
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], "a PNG");
    // Shown as a link preview shows it: the image alone, at its own size, on a page
    // of the site (same origin: its pixels can be read back).
    await tab.evaluate((src) => {
      document.head.innerHTML = "";
      document.body.outerHTML = `<body style="margin:0"><img alt="" src="${src}"></body>`;
    }, url.pathname);
    await tab.waitForFunction(() => document.querySelector("img").complete);
    const [w, h, variance] = await tab.$eval("img", (i) => {
      const c = document.createElement("canvas");
      c.width = i.naturalWidth;
      c.height = i.naturalHeight;
      const g = c.getContext("2d");
      g.drawImage(i, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let sum = 0, sq = 0;
      const n = d.length / 4;
      for (let k = 0; k < d.length; k += 4) {
        const y = 0.299 * d[k] + 0.587 * d[k + 1] + 0.114 * d[k + 2];
        sum += y;
        sq += y * y;
      }
      return [i.naturalWidth, i.naturalHeight, sq / n - (sum / n) ** 2];
    });
    assert.deepEqual([w, h], [1200, 630]);
    // A blank card (or one flat colour) has no variance; drawn text has plenty.
    assert.ok(variance > 100, `the card shows text: variance ${variance}`);
    const file = join(shots, `card-${name}.png`);
    await tab.screenshot({ path: file, clip: { x: 0, y: 0, width: 1200, height: 630 } });
    assert.ok(existsSync(file));
  });
}
