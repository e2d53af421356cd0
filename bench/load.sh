#!/usr/bin/env bash
# Load and attacks on `plenary serve`, loopback only, bounded in time, stops everything
# it started. The server runs with `ulimit -n 1024` (a common default), on a copy of
# the site with a big static file added.
#
# 1. Throughput: requests/s and latency percentiles (wrk) for pages under many
#    concurrent clients, with open live-reload (SSE) streams and slowloris-style
#    half-sent requests held at the same time.
# 2. Attacks, all at once for ATTACK seconds: idle connections far beyond the
#    server's connection limit, clients that request the big file and never read it,
#    and header lines of 400 MB. Meanwhile a probe asks for /robots.txt (a new
#    connection each time) every 50 ms and prints its latency: the goal is < 100 ms
#    throughout, and after.
#
#   bench/load.sh [SITE_ROOT]    (default: the example site in this repository)
#   PLENARY=path/to/plenary  DURATION=10s  CLIENTS=200  STREAMS=60  SLOW=500
#   ATTACK=10 IDLE=1500 READERS=8 BIG_MB=50 HUGE_MB=400
# Needs wrk (Debian: apt-get install -y wrk) and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
site="${1:-$here}"
bin="${PLENARY:-$here/target/release/plenary}"
[ -x "$bin" ] || bin="$here/target/debug/plenary"
duration="${DURATION:-10s}" clients="${CLIENTS:-200}" streams="${STREAMS:-60}" slow="${SLOW:-500}"
attack="${ATTACK:-10}" idle="${IDLE:-1500}" readers="${READERS:-8}" big_mb="${BIG_MB:-50}" huge_mb="${HUGE_MB:-400}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
work="$(mktemp -d)"
log="$work/serve.log"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# A copy of the site's sources, with a big file to read slowly.
mkdir -p "$work/site"
for part in site.toml content templates static; do
  [ -e "$site/$part" ] && cp -r "$site/$part" "$work/site/"
done
mkdir -p "$work/site/static"
head -c "$((big_mb << 20))" /dev/zero > "$work/site/static/big.bin"

(cd "$work/site" && ulimit -n 1024 && exec timeout 600 "$bin" serve --bind 127.0.0.1 --port "$port") >"$log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do grep -q "loaded the site" "$log" 2>/dev/null && break; sleep 0.1; done
server="$(ps -o pid= --ppid "${pids[0]}" | tr -d ' ')"
url="http://127.0.0.1:$port"
echo "plenary serve at $url ($bin, pid $server, ulimit -n 1024)"
echo
echo "## 1. $clients clients (wrk), $streams event streams, $slow slow connections, $duration"

# Open live-reload streams and half-sent requests, held for the whole run.
python3 - "$port" "$streams" "$slow" "$duration" <<'PY' &
import socket, sys, time
port, streams, slow = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
secs = 3 * float(sys.argv[4].rstrip("s")) + 4  # the three wrk runs
held = []
for i in range(streams):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /__plenary/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    held.append(s)
for i in range(slow):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
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

echo
echo "## 2. attacks for ${attack}s: $idle idle connections, $readers non-reading clients of a ${big_mb} MB file, ${huge_mb} MB header lines"
python3 - "$port" "$server" "$attack" "$idle" "$readers" "$huge_mb" <<'PY'
import socket, statistics, sys, threading, time
port, pid, secs, idle, readers, huge_mb = (int(a) for a in sys.argv[1:])
addr = ("127.0.0.1", port)
stop = threading.Event()

def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def get(path):
    """One request on a new connection: (status, seconds)."""
    t = time.perf_counter()
    try:
        with socket.create_connection(addr, timeout=5) as s:
            s.settimeout(5)
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
        status = int(reply.split(b" ", 2)[1]) if reply.startswith(b"HTTP/") else 0
    except OSError:
        status = 0
    return status, time.perf_counter() - t

def report(what, results):
    ms = sorted(1000 * t for _, t in results)
    failed = sum(1 for s, _ in results if s != 200)
    q = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    slow = sum(1 for t in ms if t >= 100)
    print(f"{what}: {len(ms)} requests, {failed} not 200, latency p50 {q[49]:.1f} ms, "
          f"p99 {q[98]:.1f} ms, max {ms[-1]:.1f} ms, {slow} of 100 ms or more")

def hold_idle():
    held, refused = [], 0
    for _ in range(idle):
        try:
            held.append(socket.create_connection(addr, timeout=5))
        except OSError:
            refused += 1
    stop.wait()
    shed = 0
    for s in held:
        s.settimeout(0.2)
        try:
            if s.recv(1) == b"": shed += 1
        except socket.timeout:
            pass
        except OSError:
            shed += 1
    print(f"idle connections: {len(held)} opened, {refused} not accepted, {shed} closed by the server (shed)")

def slow_reader(results, i):
    try:
        s = socket.create_connection(addr, timeout=5)
        s.sendall(b"GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        stop.wait()
        s.close()
    except OSError as e:
        results.append(e)

def huge_headers(results):
    chunk = b"a" * (1 << 16)
    while not stop.is_set():
        try:
            s = socket.create_connection(addr, timeout=5)
        except OSError:
            time.sleep(0.1)
            continue
        s.settimeout(10)
        reply, sent = [], 0
        def read():
            try:
                reply.append(s.recv(200))
            except OSError:
                pass
        reader = threading.Thread(target=read)
        reader.start()
        try:
            s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
            while sent < huge_mb << 20 and not stop.is_set():
                sent += s.send(chunk)
        except OSError:
            pass
        reader.join()
        s.close()
        status = reply[0].split(b" ", 2)[1].decode() if reply and reply[0] else "none"
        results.append((sent, status))

rss_before = rss_mb()
print(f"server memory before: {rss_before:.0f} MB")
before = [get("/robots.txt") for _ in range(20)]
report("/robots.txt before", before)
threads = [threading.Thread(target=hold_idle)]
reader_errors, huge = [], []
threads += [threading.Thread(target=slow_reader, args=(reader_errors, i)) for i in range(readers)]
threads += [threading.Thread(target=huge_headers, args=(huge,)) for _ in range(2)]
for t in threads:
    t.start()
during, peak = [], rss_before
end = time.time() + secs
while time.time() < end:
    during.append(get("/robots.txt"))
    peak = max(peak, rss_mb())
    time.sleep(0.05)
stop.set()
for t in threads:
    t.join()
report("/robots.txt during the attacks", during)
if huge:
    most = max(s for s, _ in huge)
    answers = {st: sum(1 for _, a in huge if a == st) for st in sorted(set(a for _, a in huge))}
    print(f"huge header lines: {len(huge)} sent, answers {answers} (none: shed while sending), "
          f"at most {most / (1 << 20):.1f} MB sent before the server closed (of {huge_mb} MB)")
if reader_errors:
    print(f"slow readers that could not connect: {len(reader_errors)}")
time.sleep(1)
after = [get("/robots.txt") for _ in range(20)]
report("/robots.txt after", after)
print(f"server memory: before {rss_before:.0f} MB, peak {peak:.0f} MB, after {rss_mb():.0f} MB")
ok = all(s == 200 for s, _ in during + after)
sys.exit(0 if ok else 1)
PY
code="$(curl -s -o /dev/null -w '%{http_code}' "$url/")"
echo "after the attacks: GET / -> $code"
if grep -q panicked "$log"; then echo "the server panicked:"; grep panicked "$log"; exit 1; fi
[ "$code" = 200 ]
