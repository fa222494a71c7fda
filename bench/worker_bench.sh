#!/usr/bin/env bash
# Benchmark: `redflag worker` draining a NATS JetStream stream on loopback.
# Usage: bench/worker_bench.sh [build dir] [JSON Lines file] [times] [worker options...]
# Starts nats-server with a fresh store on a free port, publishes the file's lines `times` times
# (bench/nats_publish.cc), then times one worker (--compact unless other options are given) until it has
# reported every message; prints the worker's own count and messages/s. Stops the server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
file=${2:-$root/../shared/corpus/dev.jsonl}
times=${3:-1}
shift $(($# < 3 ? $# : 3))
options=("$@")
((${#options[@]})) || options=(--compact)
server_bin=$(command -v nats-server || echo /usr/sbin/nats-server)
[[ -x $server_bin ]] || { echo "worker_bench: nats-server is missing (scripts/install-deps --test)"; exit 1; }
export REDFLAG_CACHE_DIR=${REDFLAG_CACHE_DIR:-$build/pattern-cache}
store=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$server_bin" -js -a 127.0.0.1 -p "$port" -sd "$store" >"$store/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$store"' EXIT
for _ in $(seq 100); do grep -q "Server is ready" "$store/server.log" && break; sleep 0.1; done
url=nats://127.0.0.1:$port
"$build/bench/nats_publish" "$url" REDFLAG_MESSAGES redflag.messages "$file" "$times"
count=$(($(grep -c . "$file") * times))
"$build/apps/redflag/redflag" worker --server "$url" --max-messages "$count" "${options[@]}" 2>&1 | tail -1 |
  awk -v n="$count" '{print; for (i = 1; i <= NF; i++) if ($i == "s") print int(n / $(i - 1)) " messages/s"}'
