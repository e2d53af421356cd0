#!/usr/bin/env python3
"""Side-by-side build times of plenary, Hugo and Zola on one corpus.

    python3 bench/compare.py CORPUS [--runs 5] [--ram] [--plenary target/release/plenary]
                             [--hugo hugo] [--zola zola]

CORPUS holds `plenary/`, `hugo/` and (optionally) `zola/` sites of the same events, as
written by the team's corpus generator (`gen_corpus.py CORPUS --events 500`, see
README). Hugo comes from Debian (`apt-get install hugo`); Zola is built from its
repository (`cargo build --release`), and its column is left out when there is no
`zola/` site or no Zola executable. Runs alternate between the tools; the medians are
printed: cold build (no output folder, no `.plenary/` cache), full rebuild (the same
command again: output and cache present, nothing changed), the CPU time (user +
system) of the cold build, and peak memory. plenary is measured with session pages on
(its default, ~20x more files than Hugo writes) and off (the same pages as Hugo).

`--ram` copies the sites to a RAM disk (`/dev/shm`) and builds there, so the disk
adds no noise; without it they are built in the system's temporary folder.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time


def run(cmd, cwd):
    """Wall seconds, CPU seconds (user + system) and peak RSS (MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd} failed in {cwd}: {proc.stderr.read().decode()}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def count_files(path):
    return sum(len(files) for _, _, files in os.walk(path))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--plenary", default=os.path.abspath("target/release/plenary"))
    ap.add_argument("--hugo", default="hugo")
    ap.add_argument("--zola", default="zola")
    ap.add_argument("--ram", action="store_true", help="build in /dev/shm")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="plenary-compare-", dir="/dev/shm" if a.ram else None)
    sites = {}
    for name, session_pages in (("plenary", True), ("plenary-no-session-pages", False)):
        site = os.path.join(work, name)
        shutil.copytree(os.path.join(a.corpus, "plenary"), site)
        with open(os.path.join(site, "site.toml"), "a") as f:
            f.write(f"session_pages = {'true' if session_pages else 'false'}\n")
        sites[name] = ([a.plenary, "build"], site, "public")
    hugo = os.path.join(work, "hugo")
    shutil.copytree(os.path.join(a.corpus, "hugo"), hugo)
    sites["hugo"] = ([a.hugo, "--quiet"], hugo, "public")
    zola_site = os.path.join(a.corpus, "zola")
    if os.path.isdir(zola_site) and shutil.which(a.zola):
        zola = os.path.join(work, "zola")
        shutil.copytree(zola_site, zola)
        sites["zola"] = ([a.zola, "build"], zola, "public")
    else:
        print(f"no Zola column: no {zola_site} or no `{a.zola}` executable")

    results = {name: {"cold": [], "cpu": [], "rebuild": [], "mem": []} for name in sites}
    try:
        for _ in range(a.runs):
            for name, (cmd, cwd, out) in sites.items():
                # Cold: no output, and for plenary no cache of earlier parses or pages.
                shutil.rmtree(os.path.join(cwd, out), ignore_errors=True)
                shutil.rmtree(os.path.join(cwd, ".plenary"), ignore_errors=True)
                subprocess.run(["sync"])
                t, cpu, m = run(cmd, cwd)
                results[name]["cold"].append(t)
                results[name]["cpu"].append(cpu)
                results[name]["mem"].append(m)
            for name, (cmd, cwd, out) in sites.items():
                t, _, m = run(cmd, cwd)
                results[name]["rebuild"].append(t)
                results[name]["mem"].append(m)

        med = statistics.median
        print(f"{'':28} {'files':>7} {'cold':>9} {'cold CPU':>9} {'rebuild':>9} {'peak MiB':>9}"
              f"   (medians of {a.runs}{', on /dev/shm' if a.ram else ''})")
        for name, (cmd, cwd, out) in sites.items():
            r = results[name]
            print(f"{name:28} {count_files(os.path.join(cwd, out)):>7} "
                  f"{med(r['cold']):>8.2f}s {med(r['cpu']):>8.2f}s {med(r['rebuild']):>8.2f}s "
                  f"{max(r['mem']):>9.0f}")
        for peer in [p for p in ("hugo", "zola") if p in results]:
            h = results[peer]
            for name in ("plenary", "plenary-no-session-pages"):
                r = results[name]
                print(f"{name}: cold {med(h['cold']) / med(r['cold']):.2f}x as fast as {peer.title()} "
                      f"({med(h['cpu']) / med(r['cpu']):.2f}x in CPU), "
                      f"rebuild {med(h['rebuild']) / med(r['rebuild']):.1f}x, "
                      f"memory {max(r['mem']) / max(h['mem']):.2f} of {peer.title()}'s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
