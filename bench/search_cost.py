#!/usr/bin/env python3
"""What the search index adds to a cold build: alternating runs with and without it.

    python3 bench/search_cost.py SITE [--runs 5] [--bin target/release/plenary]...

Each run removes SITE's `public/` and `.plenary/`, then builds it once as it is and
once with `search = false` appended to its `site.toml` (put back afterwards), the two
taking turns so that a busy machine slows them alike. Prints each run's user+system
CPU seconds and wall seconds, their medians, and how much more the build with the
index takes, in percent. With `--bin` given more than once (an older build of
plenary against a newer), each builds the site with its index in every run, and the
first without. CPU time is what to compare on a shared machine; wall time
there depends on what else runs. Build the site on tmpfs (`/dev/shm`) to leave the
disk out, e.g. a corpus from `gen_corpus.py /dev/shm/c2000 --events 2000`, then
`python3 bench/search_cost.py /dev/shm/c2000/plenary`.
"""
import argparse
import os
import statistics

from ab import cold  # one cold build, timed the same way as bench/ab.py


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", action="append")
    a = ap.parse_args()
    binaries = [os.path.abspath(b) for b in a.bin or ["target/release/plenary"]]
    toml_path = os.path.join(a.site, "site.toml")
    with open(toml_path, encoding="utf-8") as f:
        toml = f.read()
    off = "search = false"
    arms = {off: binaries[0]}
    for b in binaries:
        arms["with the index" + (f" ({b})" if len(binaries) > 1 else "")] = b
    runs = {name: [] for name in arms}
    try:
        for i in range(a.runs):
            # Which goes first alternates too: the first of a run finds colder caches.
            order = list(runs) if i % 2 == 0 else list(reversed(list(runs)))
            for name in order:
                with open(toml_path, "w", encoding="utf-8") as f:
                    f.write(toml + "\nsearch = false\n" if name == off else toml)
                cpu, wall, _ = cold(arms[name], a.site)
                runs[name].append((cpu, wall))
                print(f"run {i + 1} {name}: CPU {cpu:.2f} s, wall {wall:.2f} s", flush=True)
    finally:
        with open(toml_path, "w", encoding="utf-8") as f:
            f.write(toml)
    med = {name: (statistics.median(c for c, _ in r), statistics.median(w for _, w in r))
           for name, r in runs.items()}
    for name, (cpu, wall) in med.items():
        print(f"{name}: median CPU {cpu:.2f} s, median wall {wall:.2f} s")
    off_cpu, off_wall = med[off]
    for name, (on_cpu, on_wall) in med.items():
        if name != off:
            print(f"{name}: the index adds {100 * (on_cpu - off_cpu) / off_cpu:+.1f}% CPU, "
                  f"{100 * (on_wall - off_wall) / off_wall:+.1f}% wall "
                  f"(medians of {a.runs} runs each)")


if __name__ == "__main__":
    main()
