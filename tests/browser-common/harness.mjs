// What the browser suites share: a static server for a built site on 127.0.0.1 and a
// headless Chromium (Debian's /usr/bin/chromium, or $CHROMIUM) driven by
// playwright-core. Each suite imports playwright-core from its own node_modules and
// passes `chromium` in, so this file needs no packages of its own.
import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { join, normalize, extname } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".json": "application/json", ".js": "text/javascript",
  ".css": "text/css", ".xml": "application/xml", ".ics": "text/calendar", ".svg": "image/svg+xml",
};

/**
 * Serves the folder `root` on 127.0.0.1 (a free port); resolves to { server, base }.
 * `noStore` sends `cache-control: no-store` (for pages a test rebuilds); a missing file
 * answers the site's 404.html when `notFoundPage` is set, else a plain 404.
 * `conditional` sends `ETag` and `Last-Modified` as static hosts do and answers 304 to a
 * request whose `If-None-Match` / `If-Modified-Since` still holds. Every answer is
 * logged in `server.answers` as `{ path, status, bytes }` (bytes: headers and body).
 */
export async function serveFolder(root, { noStore = false, notFoundPage = false, conditional = false } = {}) {
  const answers = [];
  const server = createServer((req, res) => {
    const sent = req.socket.bytesWritten;
    res.on("finish", () => {
      answers.push({ path: new URL(req.url, "http://x").pathname, status: res.statusCode, bytes: req.socket.bytesWritten - sent });
    });
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (path.endsWith("/")) file = join(file, "index.html");
    try {
      const body = readFileSync(file);
      const headers = { "content-type": TYPES[extname(file)] || "application/octet-stream" };
      if (noStore) headers["cache-control"] = "no-store";
      if (conditional) {
        const st = statSync(file);
        const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
        const modified = new Date(Math.floor(st.mtimeMs / 1000) * 1000).toUTCString();
        headers.etag = etag;
        headers["last-modified"] = modified;
        const match = req.headers["if-none-match"];
        const since = Date.parse(req.headers["if-modified-since"] || "");
        if (match ? match === etag : since >= Date.parse(modified)) {
          res.writeHead(304, headers).end();
          return;
        }
      }
      headers["content-length"] = body.length;
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
  server.answers = answers;
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
