#!/usr/bin/env bash
# Load on `plenary serve`, loopback only, bounded in time, stops everything it started.
# Prints requests/s and latency percentiles (wrk) for pages under many concurrent
# clients, with open live-reload (SSE) streams and slowloris-style half-sent requests
# at the same time, then checks the server still answers.
#
#   bench/load.sh [SITE_ROOT]    (default: the example site in this repository)
#   PLENARY=path/to/plenary  DURATION=10s  CLIENTS=200  STREAMS=60  SLOW=500
# Needs wrk (Debian: apt-get install -y wrk) and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
site="${1:-$here}"
bin="${PLENARY:-$here/target/release/plenary}"
[ -x "$bin" ] || bin="$here/target/debug/plenary"
duration="${DURATION:-10s}" clients="${CLIENTS:-200}" streams="${STREAMS:-60}" slow="${SLOW:-500}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
log="$(mktemp)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

(cd "$site" && exec timeout 300 "$bin" serve --bind 127.0.0.1 --port "$port") >"$log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q "loaded the site" "$log" 2>/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port"
echo "plenary serve at $url ($bin); $clients clients, $streams event streams, $slow slow connections, $duration"

# Open live-reload streams and half-sent requests, held for the whole run.
python3 - "$port" "$streams" "$slow" "$duration" <<'PY' &
import socket, sys, time
port, streams, slow = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
secs = 3 * float(sys.argv[4].rstrip("s")) + 4  # the three wrk runs
held = []
for i in range(streams):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /__plenary/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
    held.append(s)
for i in range(slow):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    held.append(s)
end = time.time() + secs
while time.time() < end:
    for s in held[streams:]:
        try: s.sendall(b"X-Slow: 1\r\n")
        except OSError: pass
    time.sleep(1)
open_streams = 0
for s in held[:streams]:
    s.settimeout(0.5)
    try:
        if s.recv(4096): open_streams += 1
    except OSError: pass
print(f"event streams still answering at the end: {open_streams} of {streams}")
PY
pids+=($!)
sleep 1

for path in / /2025/open-data-forum/ /style.css; do
  echo "== GET $path"
  wrk -t2 -c"$clients" -d"$duration" --timeout 5s --latency "$url$path" \
    | grep -E "Requests/sec|Latency|Non-2xx|Socket errors|requests in|  50%|  99%"
done
wait "${pids[1]}" || true
code="$(curl -s -o /dev/null -w '%{http_code}' "$url/")"
echo "after the load: GET / -> $code"
[ "$code" = 200 ]
