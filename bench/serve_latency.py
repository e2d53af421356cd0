#!/usr/bin/env python3
"""Save-to-served latency of `plenary serve`: appends a session to one event file and
polls the event page until the new text is served, ~20 times; prints median and p90.

    cargo build --release
    python3 bench/serve_latency.py                      # the repo's example site
    python3 bench/serve_latency.py --events 500         # a generated corpus
    python3 bench/serve_latency.py --site DIR           # any site (copied, not touched)
    python3 bench/serve_latency.py --events 500 --no-search   # with `search = false`

Where the time goes: with PLENARY_SERVE_TIMING=1 in the environment the server prints
each rebuild's stages (debounce, parse, in-place update, rendering of the event's own
pages, publishing, the dependent pages) on stderr; --server-log FILE keeps them:

    PLENARY_SERVE_TIMING=1 python3 bench/serve_latency.py --server-log /tmp/serve.log

The site is copied to a temp folder first; the server runs on a free loopback port.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WORDS = ("open source model data cloud privacy policy budget license community "
         "hardware compiler archive commons network research public service").split()
NAMES = ("Ada Rowe", "Ben Okafor", "Chen Li", "Dana Weiss", "Eli Maas", "Fay Moreau",
         "Gus Novak", "Hana Sato", "Ivo Brandt", "Jo Keller", "Kim Ortega", "Lu Meier")


def generate(dest, events, seed=7):
    """A corpus of `events` events of 8-14 sessions each, spread over three years."""
    rng = random.Random(seed)
    os.makedirs(os.path.join(dest, "content"))
    with open(os.path.join(dest, "site.toml"), "w") as f:
        f.write('title = "Bench"\ntimezone = "Europe/Zurich"\n')
    for i in range(events):
        year = 2023 + i % 3
        month, day = 1 + i % 12, 1 + i % 28
        slug = f"event-{i:04d}"
        lines = [f"# Conference number {i}", "",
                 " ".join(rng.choice(WORDS) for _ in range(30)) + f" #{rng.choice(WORDS)}", ""]
        for s in range(rng.randint(8, 14)):
            lines.append(f"{9 + s % 9}:{(s * 20) % 60:02d} Talk {s} on {rng.choice(WORDS)}")
            lines.append(f"{rng.choice(NAMES)}, {rng.choice(WORDS).title()} Lab")
            for _ in range(rng.randint(3, 8)):
                lines.append("- " + " ".join(rng.choice(WORDS) for _ in range(14))
                             + f" #{rng.choice(WORDS)}")
            lines.append("")
        path = os.path.join(dest, "content", str(year), f"{year}-{month:02d}-{day:02d}-{slug}.md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("\n".join(lines))


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", help="a site folder (default: the repo's example site)")
    ap.add_argument("--events", type=int, help="generate a corpus of this many events")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--pause", type=float, default=1.0,
                    help="seconds between edits (a writer saves every few seconds; shorter "
                         "pauses interrupt the previous rebuild's dependent pages)")
    ap.add_argument("--server-log", metavar="FILE",
                    help="write the server's stderr here (with PLENARY_SERVE_TIMING=1 in the "
                         "environment it holds each rebuild's stage timings)")
    ap.add_argument("--no-search", action="store_true",
                    help="build the site without its search index (`search = false`), to "
                         "compare with the default")
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "plenary"))
    args = ap.parse_args()
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: run `cargo build --release` first")

    work = tempfile.mkdtemp(prefix="plenary-bench-")
    site = os.path.join(work, "site")
    try:
        if args.events:
            generate(site, args.events)
        else:
            src = args.site or REPO
            os.makedirs(site)
            for name in ("site.toml", "content", "templates", "static"):
                p = os.path.join(src, name)
                if os.path.isdir(p):
                    shutil.copytree(p, os.path.join(site, name))
                elif os.path.isfile(p):
                    shutil.copy(p, site)
        if args.no_search:
            with open(os.path.join(site, "site.toml"), "a") as f:
                f.write("\nsearch = false\n")
        notes = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                       for f in fs if f.endswith((".md", ".txt")))
        target = notes[len(notes) // 2]
        info = json.loads(subprocess.check_output([args.binary, "inspect", target, "--json"]))
        page = f"{info['date'][:4]}/{info['slug']}/"

        log = open(args.server_log, "w") if args.server_log else subprocess.DEVNULL
        server = subprocess.Popen([args.binary, "serve", "--port", "0"], cwd=site,
                                  stdout=subprocess.PIPE, stderr=log, text=True)
        try:
            first = server.stdout.readline()
            base = next(w for w in first.split() if w.startswith("http://"))
            started = time.perf_counter()
            # Answered once the first load is done (a big site takes longer than one
            # request's timeout).
            while not fetch(base):
                if time.perf_counter() - started > 600:
                    sys.exit("the first load took over 10 minutes")
            print(f"site: {len(notes)} events{' without search' if args.no_search else ''}, first load {1000 * (time.perf_counter() - started):.0f} ms; "
                  f"editing {os.path.relpath(target, site)} -> /{page}")
            url = base + page
            times = []
            for n in range(args.edits):
                marker = f"Bench session {n} {random.randrange(1 << 30):x}"
                time.sleep(args.pause)
                start = time.perf_counter()
                with open(target, "a") as f:
                    f.write(f"\n\n23:{n % 60:02d} {marker}\nNoor Vale\n- appended by the benchmark\n")
                while marker not in fetch(url):
                    if time.perf_counter() - start > 10:
                        sys.exit(f"edit {n} not served after 10 s")
                    time.sleep(0.001)
                times.append(1000 * (time.perf_counter() - start))
            times.sort()
            p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
            print(f"save-to-served over {len(times)} edits {args.pause:g} s apart: median {statistics.median(times):.1f} ms, "
                  f"p90 {p90:.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms")
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
