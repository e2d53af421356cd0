#!/usr/bin/env python3
"""CPU time of cold builds by two (or more) plenary executables, alternating runs.

    python3 bench/ab.py SITE BINARY... [--runs 7]

Each run removes SITE's `public/` and `.plenary/`, then builds with one executable;
the executables take turns, so a busy machine slows them alike. Prints, per
executable, the medians of user+system CPU seconds, wall seconds and peak memory,
with the CPU time's range. CPU time is what to compare on a shared machine: wall
time there depends on what else runs. Build the site somewhere on tmpfs
(`/dev/shm`) to leave the disk out. With `--check`, the outputs of the first
executable and each other are compared byte for byte first.
"""
import argparse
import filecmp
import os
import shutil
import statistics
import subprocess
import tempfile
import time


def cold(binary, site):
    shutil.rmtree(os.path.join(site, "public"), ignore_errors=True)
    shutil.rmtree(os.path.join(site, ".plenary"), ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "build"], cwd=site,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{binary} failed: {proc.stderr.read().decode()}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def same_tree(a, b):
    cmp = filecmp.dircmp(a, b)
    if cmp.left_only or cmp.right_only or cmp.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    if mismatch or errors:
        return False
    return all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in cmp.common_dirs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("binaries", nargs="+")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    binaries = [os.path.abspath(b) for b in a.binaries]
    if a.check:
        keep = tempfile.mkdtemp(prefix="plenary-ab-")
        first = os.path.join(keep, "first")
        cold(binaries[0], a.site)
        shutil.copytree(os.path.join(a.site, "public"), first)
        for b in binaries[1:]:
            cold(b, a.site)
            same = same_tree(first, os.path.join(a.site, "public"))
            print(f"{b}: output {'identical' if same else 'DIFFERS'} to {binaries[0]}'s")
        shutil.rmtree(keep, ignore_errors=True)
    results = {b: [] for b in binaries}
    for _ in range(a.runs):
        for b in binaries:
            results[b].append(cold(b, a.site))
    print(f"{'executable':40} {'cpu s':>7} {'(range)':>13} {'wall s':>7} {'peak MiB':>9}   medians of {a.runs}")
    for b, runs in results.items():
        cpu = [r[0] for r in runs]
        print(f"{b[-40:]:40} {statistics.median(cpu):>7.2f} {min(cpu):>6.2f}-{max(cpu):<6.2f} "
              f"{statistics.median(r[1] for r in runs):>7.2f} {statistics.median(r[2] for r in runs):>9.0f}")


if __name__ == "__main__":
    main()
