#!/usr/bin/env bash
# The 100-photo benchmark (issue 15): 100 phone-size JPEGs (4000x3000, EXIF orientation
# and a GPS position, as a phone writes them) processed cold by plenary, and the same
# resizes and encodes by ImageMagick (`convert`) and libvips (`vipsthumbnail`), each
# on 2 cores. Prints wall time and peak memory (`/usr/bin/time -v`) of each.
#
#   bench/photos.sh              (photos and sites under $WORK, default a temp folder)
#   PLENARY=path/to/plenary  PHOTOS=100  JOBS=2  WORK=/tmp/photos-bench  KEEP=1
#   ONLY=plenary                 (plenary's cold build and rebuild, no other tool)
#
# Results on the 2-core machine shared with other agents, release build, 100 photos of
# 4000x3000 (9 MB each). plenary with `ONLY=plenary` (load average 7 to 10):
#   plenary cold       438 s wall, 118 s CPU (1.2 s a photo), peak 196 MiB
#   plenary rebuild    2.0 s wall, 0.8 s CPU, 0 decodes, peak 34 MiB
# Before processed files went straight to the cache (and the build copied them from
# there) and the streaming resize, the same run gave: cold 174 s CPU, peak 693 MiB;
# rebuild 1.0 s CPU, peak 601 MiB (every file held in memory, and copied again into
# the pages written). The other tools, from an earlier run (load average 15 to 20):
#   ImageMagick        912 s wall, 230 s CPU (2.3 s a photo), peak 269 MiB a process
#   vipsthumbnail      404 s wall, 233 s CPU (2.3 s a photo), peak 70 MiB a process
# (wall times moved with the other agents' load; CPU times are the comparable ones).
# Files written: 700 each; plenary 193 MB, ImageMagick 190 MB, vips 141 MB.
# plenary's peak is the photos being processed (at most DECODE_BUDGET, 160 MiB, of
# working memory; two at a time on 2 cores) and the rest of the build.
#
# The same work for all three: upright by EXIF orientation, metadata stripped, WebP
# (quality 75) and JPEG (quality 80) at 480, 960 and 1344 px wide, and the full size
# as JPEG at 2400 px wide (plenary's defaults, `media::Settings`). plenary works on
# its own threads (RAYON_NUM_THREADS=$JOBS); the tools run one process per photo,
# $JOBS at a time, each single-threaded.
# Needs: python3, ImageMagick and libvips-tools
#   (Debian: apt-get install -y imagemagick libvips-tools), and /usr/bin/time.
# The photos are generated here (about 5 MB each) and never stored in git.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${PLENARY:-$here/target/release/plenary}"
n="${PHOTOS:-100}" jobs="${JOBS:-2}"
work="${WORK:-$(mktemp -d)}"
convert=/usr/bin/convert
[ -x "$convert" ] || convert="$(command -v convert)"
for tool in python3 vipsthumbnail /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }
done
bin="$(realpath "$bin" 2>/dev/null || echo "$bin")"
[ -x "$bin" ] || { echo "no plenary at $bin: cargo build --release" >&2; exit 1; }
cleanup() { [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

site="$work/site"
event="$site/content/2025-05-07-photos"
mkdir -p "$event" "$work/im" "$work/vips"

# One detailed 4000x3000 picture (a plasma fractal: noise a camera's sensor makes
# too, so it encodes like a photo), then $n copies of it, each with its own EXIF:
# orientation 1, 6, 3, 8 in turn and a GPS position. Every copy has other bytes, so
# each is a photo of its own to plenary's cache.
if [ ! -s "$work/base.jpg" ]; then
  "$convert" -size 1000x750 plasma:fractal -blur 0x0.5 -resize 4000x3000! \
    -attenuate 0.6 +noise Gaussian -quality 92 "$work/base.jpg"
fi
python3 - "$work/base.jpg" "$event" "$n" <<'EOF'
import struct, sys
base, folder, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
jpeg = open(base, "rb").read()
assert jpeg[:2] == b"\xff\xd8"

def exif(orientation, lat_seconds):
    # Little-endian TIFF: IFD0 with Orientation and the GPS IFD pointer; the GPS IFD
    # with GPSLatitudeRef and GPSLatitude (three rationals).
    ifd0_at, gps_at = 8, 8 + 2 + 2 * 12 + 4
    lat_at = gps_at + 2 + 2 * 12 + 4
    ifd0 = struct.pack("<H", 2)
    ifd0 += struct.pack("<HHIHH", 0x0112, 3, 1, orientation, 0)
    ifd0 += struct.pack("<HHII", 0x8825, 4, 1, gps_at)
    ifd0 += struct.pack("<I", 0)
    gps = struct.pack("<H", 2)
    gps += struct.pack("<HHI4s", 0x0001, 2, 2, b"N\0\0\0")
    gps += struct.pack("<HHII", 0x0002, 5, 3, lat_at)
    gps += struct.pack("<I", 0)
    lat = struct.pack("<IIIIII", 46, 1, 56, 1, lat_seconds, 100)
    tiff = b"II*\0" + struct.pack("<I", ifd0_at) + ifd0 + gps + lat
    body = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body

notes = ["+++", 'title = "A hundred photos"', "date = 2025-05-07", "+++", "", "09:00 Photos", ""]
for i in range(n):
    name = f"photo-{i:03}.jpg"
    with open(f"{folder}/{name}", "wb") as f:
        f.write(jpeg[:2] + exif([1, 6, 3, 8][i % 4], 5100 + i) + jpeg[2:])
    notes.append(f"![Photo {i}]({name})")
    notes.append("")
open(f"{folder}/index.md", "w").write("\n".join(notes))
EOF
printf 'title = "Photos"\nbase_url = "https://example.org/"\n' > "$site/site.toml"
echo "$n photos of $(du -sh "$event" | cut -f1) in $event; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# Runs "$@" under /usr/bin/time -v; prints wall seconds and peak RSS in MiB.
measure() {
  local label=$1; shift
  local log="$work/time-$label.txt"
  /usr/bin/time -v "$@" >"$work/out-$label.txt" 2>"$log" || { cat "$log" >&2; exit 1; }
  local wall cpu rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
  # CPU time (user + system, children included): on a shared machine the wall time
  # says more of the load than of the tool.
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  printf '%-28s %8.1f s wall %8.1f s CPU  peak %5s MiB (largest single process)\n' "$label" "$wall" "$cpu" "$rss"
}

rm -rf "$site/.plenary" "$site/public"
measure "plenary build (cold)" env RAYON_NUM_THREADS="$jobs" sh -c "cd '$site' && '$bin' build"
measure "plenary build (rebuild)" env RAYON_NUM_THREADS="$jobs" sh -c "cd '$site' && '$bin' build"
if [ "${ONLY:-}" = plenary ]; then
  echo "outputs: plenary $(find "$site/public/media" -type f | wc -l) files, $(du -sh "$site/public/media" | cut -f1)"
  exit 0
fi

# ImageMagick: one decode per photo, each width resized once and written twice.
im_one() {
  local f=$1 out=$2 stem
  stem="$out/$(basename "$f" .jpg)"
  local args=("$f" -auto-orient -strip)
  for w in 480 960 1344; do
    args+=( \( +clone -resize "${w}x" \( +clone -quality 75 -write "$stem-$w.webp" +delete \) -quality 80 -write "$stem-$w.jpg" +delete \) )
  done
  MAGICK_THREAD_LIMIT=1 "$convert" "${args[@]}" -resize '2400x>' -quality 80 "$stem.jpg"
}
export -f im_one
export convert
measure "ImageMagick convert" bash -c "ls '$event'/*.jpg | xargs -P '$jobs' -I{} bash -c 'im_one {} $work/im'"

# libvips: vipsthumbnail per output (it turns upright, strips on request, and shrinks
# while decoding: the way vips is meant to be used for thumbnails).
vips_one() {
  local f=$1 out=$2 stem
  stem="$(basename "$f" .jpg)"
  for w in 480 960 1344; do
    VIPS_CONCURRENCY=1 vipsthumbnail "$f" --size "${w}x" -o "$out/$stem-$w.webp[Q=75,strip]"
    VIPS_CONCURRENCY=1 vipsthumbnail "$f" --size "${w}x" -o "$out/$stem-$w.jpg[Q=80,strip]"
  done
  VIPS_CONCURRENCY=1 vipsthumbnail "$f" --size "2400x" -o "$out/$stem.jpg[Q=80,strip]"
}
export -f vips_one
measure "libvips vipsthumbnail" bash -c "ls '$event'/*.jpg | xargs -P '$jobs' -I{} bash -c 'vips_one {} $work/vips'"

echo "outputs: plenary $(find "$site/public/media" -type f | wc -l) files, ImageMagick $(ls "$work/im" | wc -l), vips $(ls "$work/vips" | wc -l)"
echo "sizes: plenary $(du -sh "$site/public/media" | cut -f1), ImageMagick $(du -sh "$work/im" | cut -f1), vips $(du -sh "$work/vips" | cut -f1)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
