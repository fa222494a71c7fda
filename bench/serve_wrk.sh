#!/usr/bin/env bash
# Benchmark: wrk against POST /v1/check on loopback.
# Usage: bench/serve_wrk.sh [build dir] [seconds] [connections]
# Starts `redflag serve` on a free port (no access log, rate limit raised so one
# client may load it), warms it up, runs wrk with 2 threads, stops the server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
seconds=${2:-20}
connections=${3:-16}
command -v wrk >/dev/null || { echo "serve_wrk: wrk is missing (scripts/install-deps --test)"; exit 1; }
export REDFLAG_CACHE_DIR=${REDFLAG_CACHE_DIR:-$build/pattern-cache}
out=$(mktemp) db=$(mktemp -u --suffix=.db)
"$build/apps/redflag/redflag" serve --port 0 --db "$db" --quiet --rate 1000000 --burst 1000000 \
  --threads $((connections + 4)) --max-concurrent $((connections + 4)) >"$out" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$out" "$db" "$db-wal" "$db-shm"' EXIT
for _ in $(seq 600); do grep -q listening "$out" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$out")
url=${url%/}
wrk -t2 -c"$connections" -d2s -s "$root/bench/serve_check.lua" "$url" >/dev/null  # warm-up
# The server's CPU time (user + system, in clock ticks) from /proc: with the
# request count it gives CPU per request, which holds even on a busy machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
echo "wrk -t2 -c$connections -d${seconds}s POST $url/v1/check"
before=$(cpu_ticks)
result=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$root/bench/serve_check.lua" "$url")
after=$(cpu_ticks)
echo "$result"
requests=$(echo "$result" | awk '/requests in/ {print $1}')
awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
  'BEGIN { printf "server CPU per request: %.0f us (%d requests)\n", t / hz / n * 1e6, n }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
