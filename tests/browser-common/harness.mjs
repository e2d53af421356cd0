// What the browser suites share: a static server for a built site on 127.0.0.1 and a
// headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM) driven by
// playwright-core. Each suite imports playwright-core from its own node_modules and
// passes `chromium` in, so this file needs no packages of its own.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { join, normalize, extname } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".json": "application/json", ".js": "text/javascript",
  ".css": "text/css", ".xml": "application/xml", ".ics": "text/calendar", ".svg": "image/svg+xml",
};

/**
 * Serves the folder `root` on 127.0.0.1 (a free port); resolves to { server, base }.
 * `noStore` sends `cache-control: no-store` (for pages a test rebuilds); a missing file
 * answers the site's 404.html when `notFoundPage` is set, else a plain 404.
 */
export async function serveFolder(root, { noStore = false, notFoundPage = false } = {}) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (path.endsWith("/")) file = join(file, "index.html");
    try {
      const body = readFileSync(file);
      const headers = { "content-type": TYPES[extname(file)] || "application/octet-stream" };
      if (noStore) headers["cache-control"] = "no-store";
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      if (notFoundPage) {
        res.writeHead(404, { "content-type": TYPES[".html"] }).end(readFileSync(join(root, "404.html")));
      } else {
        res.writeHead(404).end("not found");
      }
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/** Headless Chromium with nothing reaching out to the network by itself. */
export function launchChromium(chromium) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
