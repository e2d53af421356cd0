#!/usr/bin/env bash
# Builds the example site at a domain root and under a sub-path, then runs the Nu Html
# Checker on every HTML file of both. Needs `npm ci --ignore-scripts` in tests/vnu first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$root"
cargo build --quiet
for base in https://example.org/ https://example.org/blog/; do
  dir="$out/$(echo "$base" | tr -c 'a-z0-9' '_')"
  "${CARGO_TARGET_DIR:-target}/debug/plenary" build --base-url "$base" --output-dir "$dir"
  echo "vnu: checking $(find "$dir" -name '*.html' | wc -l) pages built for $base"
  java -jar "$jar" --errors-only --skip-non-html "$dir"
done
echo "vnu: no errors"
