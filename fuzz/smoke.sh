#!/usr/bin/env bash
# A bounded libFuzzer run of the notes parser, seeded with the project's own fixtures.
# Usage: fuzz/smoke.sh [SECONDS]   (default 60). Needs cargo-fuzz and a nightly toolchain.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
# Seeds: every file of the fixtures and the example site.
find ../tests/fixtures ../content -type f \
  -exec cp --backup=numbered -t "$corpus" {} +
# Findings from earlier runs, if any, are replayed first.
[ -d corpus/notes ] && cp -r corpus/notes/. "$corpus/"
# The build is kept outside the work tree so that repeated runs (and CI on the same
# machine) only rebuild plenary itself.
target="${FUZZ_TARGET_DIR:-$HOME/.cache/plenary-fuzz-target}"
cargo +nightly fuzz run notes --sanitizer none --target-dir "$target" "$corpus" -- \
  -max_total_time="$secs" -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
