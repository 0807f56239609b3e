#!/usr/bin/env bash
# Load test of the read API on loopback: GET recommendations with a valid read key, over a Zipf-like spread of
# user ids, with the item cache on, then off (the baseline), in this one run. Bounded: each wrk run lasts DURATION.
#
#   bench/api-load.sh [USERS] [DURATION] [CONNECTIONS]     (defaults: 359347 users, 30s, 32 connections)
#
# It uses its own SETLIST_HOME and ports (override SETLIST_HOME / BENCH_PORT_BASE), seeds the store once with
# `./setlist bench seed` (359,347 users × 100 artists: several minutes the first time, then reused), and stops every
# server it started. wrk is installed with apt-get when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
users="${1:-359347}"
duration="${2:-30s}"
connections="${3:-32}"
base="${BENCH_PORT_BASE:-55480}"
export SETLIST_HOME="${SETLIST_HOME:-/tmp/setlist-bench-api}"
export SETLIST_EMBEDDED_PG_PORT="$base" SETLIST_EMBEDDED_DYNAMODB_PORT="$((base + 1))" SETLIST_HTTP_PORT="$((base + 2))"
export SETLIST_API_RATE_LIMIT=1000000 SETLIST_LOG_LEVEL=WARN
port="$SETLIST_HTTP_PORT"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (apt-get)..." >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
  else sudo apt-get update -qq >/dev/null && sudo apt-get install -y -qq wrk >/dev/null; fi
fi

# The embedded DynamoDB must outlive each `./setlist` process: run it here, once, for the whole benchmark.
dynalite_dir="$root/infra/dynalite"
(cd "$dynalite_dir" && [ -d node_modules/dynalite ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p "$SETLIST_HOME/dynamodb"
# serve.js exits when its stdin closes: this script holds the fifo's write end, so even a killed script stops it.
fifo="$SETLIST_HOME/dynalite.stdin"
rm -f "$fifo"; mkfifo "$fifo"
node "$dynalite_dir/serve.js" --port "$SETLIST_EMBEDDED_DYNAMODB_PORT" --path "$SETLIST_HOME/dynamodb" \
  <"$fifo" >"$SETLIST_HOME/dynalite.log" 2>&1 &
dynalite_pid=$!
exec 3>"$fifo"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
  exec 3>&-
  kill "$dynalite_pid" 2>/dev/null || true
}
trap cleanup EXIT
sleep 1

echo "seeding $users users (skipped when already current)..." >&2
key="$("$root/setlist" bench seed --users "$users" 2>"$SETLIST_HOME/seed.log" | tail -n 1)"
tail -n 2 "$SETLIST_HOME/seed.log" >&2

run() { # $1 = label, $2 = cache MiB, $3 = spread, $4 = users drawn from (default: all)
  local drawn="${4:-$users}"
  SETLIST_API_CACHE_MIB="$2" "$root/setlist" serve --no-schedule --port "$port" >"$SETLIST_HOME/serve-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    sleep 0.5
  done
  # Warm-up: JIT, connection pools and (with the cache on) the hot users.
  USERS="$drawn" SPREAD="$3" wrk -t2 -c"$connections" -d10s -s "$root/bench/zipf-users.lua" \
    -H "Authorization: Bearer $key" "http://127.0.0.1:$port" >/dev/null
  USERS="$drawn" SPREAD="$3" wrk -t2 -c"$connections" -d"$duration" --latency -s "$root/bench/zipf-users.lua" \
    -H "Authorization: Bearer $key" "http://127.0.0.1:$port" >"$SETLIST_HOME/wrk-$1.txt"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' "$SETLIST_HOME/wrk-$1.txt")"
  p50="$(awk '$1 == "50%" {print $2}' "$SETLIST_HOME/wrk-$1.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$SETLIST_HOME/wrk-$1.txt")"
  errors="$(awk '/Non-2xx/ {print $NF}' "$SETLIST_HOME/wrk-$1.txt")"
  printf '%-22s %12s %10s %10s %10s\n' "$1" "$rps" "$p50" "$p99" "${errors:-0}"
  echo "$rps" >"$SETLIST_HOME/rps-$1"
}

echo "load: wrk -t2 -c$connections -d$duration, $users users, GET /v1/users/{id}/recommendations?limit=20; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %12s %10s %10s %10s\n' "configuration" "requests/s" "p50" "p99" "non-2xx"
run "zipf-cache-on" 512 zipf
run "zipf-cache-off" 0 zipf
run "uniform-cache-on" 512 uniform
# The server's own ceiling: 20,000 users, all in the cache after the warm-up, so no request waits on DynamoDB.
run "hot-20k-cache-on" 512 zipf 20000
awk -v on="$(cat "$SETLIST_HOME/rps-zipf-cache-on")" -v off="$(cat "$SETLIST_HOME/rps-zipf-cache-off")" \
  'BEGIN { printf "cache on vs off (zipf): %.2fx the requests/s\n", on / off }'
