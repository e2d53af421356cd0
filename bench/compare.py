#!/usr/bin/env python3
"""Side-by-side build times of plenary and Hugo on one corpus.

    python3 bench/compare.py CORPUS [--runs 5] [--plenary target/release/plenary]

CORPUS holds `plenary/` and `hugo/` sites of the same events, as written by the
team's corpus generator (`gen_corpus.py CORPUS --events 500`, see README). Hugo
comes from Debian (`apt-get install hugo`). Runs alternate between the two tools;
the medians are printed: cold build (no output folder, no `.plenary/` cache), full
rebuild (the same command again: output and cache present, nothing changed), and
peak memory. plenary is measured with session pages on (its default,
~20x more files than Hugo writes) and off (the same pages as Hugo).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time


def run(cmd, cwd):
    """Wall seconds and peak RSS (MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd} failed in {cwd}: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def count_files(path):
    return sum(len(files) for _, _, files in os.walk(path))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--plenary", default=os.path.abspath("target/release/plenary"))
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="plenary-compare-")
    sites = {}
    for name, session_pages in (("plenary", True), ("plenary-no-session-pages", False)):
        site = os.path.join(work, name)
        shutil.copytree(os.path.join(a.corpus, "plenary"), site)
        with open(os.path.join(site, "site.toml"), "a") as f:
            f.write(f"session_pages = {'true' if session_pages else 'false'}\n")
        sites[name] = ([a.plenary, "build"], site, "public")
    hugo = os.path.join(work, "hugo")
    shutil.copytree(os.path.join(a.corpus, "hugo"), hugo)
    sites["hugo"] = (["hugo", "--quiet"], hugo, "public")

    results = {name: {"cold": [], "rebuild": [], "mem": []} for name in sites}
    for _ in range(a.runs):
        for name, (cmd, cwd, out) in sites.items():
            # Cold: no output, and for plenary no cache of earlier parses or pages.
            shutil.rmtree(os.path.join(cwd, out), ignore_errors=True)
            shutil.rmtree(os.path.join(cwd, ".plenary"), ignore_errors=True)
            subprocess.run(["sync"])
            t, m = run(cmd, cwd)
            results[name]["cold"].append(t)
            results[name]["mem"].append(m)
        for name, (cmd, cwd, out) in sites.items():
            t, m = run(cmd, cwd)
            results[name]["rebuild"].append(t)
            results[name]["mem"].append(m)

    print(f"{'':28} {'files':>7} {'cold':>9} {'rebuild':>9} {'peak MiB':>9}   (medians of {a.runs})")
    for name, (cmd, cwd, out) in sites.items():
        r = results[name]
        print(f"{name:28} {count_files(os.path.join(cwd, out)):>7} "
              f"{statistics.median(r['cold']):>8.2f}s {statistics.median(r['rebuild']):>8.2f}s "
              f"{max(r['mem']):>9.0f}")
    h = results["hugo"]
    for name in ("plenary", "plenary-no-session-pages"):
        r = results[name]
        print(f"{name}: rebuild {statistics.median(h['rebuild']) / statistics.median(r['rebuild']):.1f}x faster than Hugo, "
              f"cold {statistics.median(h['cold']) / statistics.median(r['cold']):.1f}x, "
              f"memory {max(r['mem']) / max(h['mem']):.2f} of Hugo's")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
