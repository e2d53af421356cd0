#!/usr/bin/env bash
# A bounded libFuzzer run of the notes parser and of the schedule importers, seeded
# with the project's own fixtures. Usage: fuzz/smoke.sh [SECONDS]   (default 60, two
# thirds for the notes parser, one third for the importers). Needs cargo-fuzz and a
# nightly toolchain.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
# The build is kept outside the work tree so that repeated runs (and CI on the same
# machine) only rebuild plenary itself.
target="${FUZZ_TARGET_DIR:-$HOME/.cache/plenary-fuzz-target}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() { # run TARGET SECONDS SEED-DIR...
  local name=$1 time=$2
  shift 2
  local corpus="$work/$name"
  mkdir -p "$corpus"
  find "$@" -type f -exec cp --backup=numbered -t "$corpus" {} +
  # Findings from earlier runs, if any, are replayed first.
  [ -d "corpus/$name" ] && cp -r "corpus/$name/." "$corpus/"
  cargo +nightly fuzz run "$name" --sanitizer none --target-dir "$target" "$corpus" -- \
    -max_total_time="$time" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
}

run notes $((secs * 2 / 3)) ../tests/fixtures ../content
run schedule $((secs - secs * 2 / 3)) ../tests/fixtures/schedules
