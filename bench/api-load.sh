#!/usr/bin/env bash
# Load test of the read API on loopback, in one run: GET recommendations with a valid read key over a Zipf-like and
# a uniform spread of user ids, with 8 and 32 connections, against a node serving the run from memory (the
# snapshot), each beside GET /health/live of the same server with the same connections (the ceiling); then a publish
# while the node serves, timed from the pointer flip to the node serving the new run. Prints requests/s, p50, p99,
# non-2xx, every ratio to /health/live, the flip time and the snapshot's heap and bytes per user.
#
#   bench/api-load.sh [USERS] [DURATION]          (defaults: 359347 users, 20s per measurement)
#   BASELINE=1 bench/api-load.sh ...             also measures the read-through server (SETLIST_API_SNAPSHOT_MIB=0)
#
# It uses its own SETLIST_HOME and ports (override SETLIST_HOME / BENCH_PORT_BASE), seeds the store once with
# `./setlist bench seed` (359,347 users × 100 artists: minutes the first time, then reused), and stops every server
# it started. wrk is installed with apt-get when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
users="${1:-359347}"
duration="${2:-20s}"
base="${BENCH_PORT_BASE:-55480}"
export SETLIST_HOME="${SETLIST_HOME:-/tmp/setlist-bench-api}"
export SETLIST_EMBEDDED_PG_PORT="${SETLIST_EMBEDDED_PG_PORT:-$base}"
export SETLIST_EMBEDDED_DYNAMODB_PORT="${SETLIST_EMBEDDED_DYNAMODB_PORT:-$((base + 1))}"
export SETLIST_HTTP_PORT="${SETLIST_HTTP_PORT:-$((base + 2))}"
export SETLIST_API_RATE_LIMIT=1000000 SETLIST_LOG_LEVEL="${SETLIST_LOG_LEVEL:-INFO}"
export SETLIST_API_SNAPSHOT_MIB="${SETLIST_API_SNAPSHOT_MIB:-2048}"
port="$SETLIST_HTTP_PORT"
url="http://127.0.0.1:$port"

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
node --max-old-space-size=12288 "$dynalite_dir/serve.js" --port "$SETLIST_EMBEDDED_DYNAMODB_PORT" \
  --path "$SETLIST_HOME/dynamodb" <"$fifo" >"$SETLIST_HOME/dynalite.log" 2>&1 &
dynalite_pid=$!
exec 3>"$fifo"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
cleanup() {
  stop_server
  exec 3>&-
  kill "$dynalite_pid" 2>/dev/null || true
}
trap cleanup EXIT
sleep 1

echo "seeding $users users (skipped when a bench run of this size is current)..." >&2
key="$("$root/setlist" bench seed --users "$users" 2>"$SETLIST_HOME/seed.log" | tail -n 1)"
tail -n 2 "$SETLIST_HOME/seed.log" >&2
# Earlier flips of this script left runs behind: keep two, so the snapshot's scan reads at most two runs.
"$root/setlist" cleanup --keep 2 >"$SETLIST_HOME/cleanup.log" 2>&1 || tail -n 3 "$SETLIST_HOME/cleanup.log" >&2

now() { date +%s.%N; }
ready_run() { curl -sf "$url/health/ready" 2>/dev/null | sed -n 's/.*"runId":"\([^"]*\)".*/\1/p'; }
metric() { # $1 = metric name: its value from /metrics (read whole: an early exit would SIGPIPE curl)
  curl -sf -H "Authorization: Bearer $key" "$url/metrics" >"$SETLIST_HOME/metrics.txt"
  awk -v m="$1" '!found && ($1 == m || index($1, m "{") == 1) {print $2; found = 1}' "$SETLIST_HOME/metrics.txt"
}

start_server() { # $1 = label; env of the caller applies. Waits for READY (the run loaded); keeps the time taken.
  "$root/setlist" serve --no-schedule --port "$port" >"$SETLIST_HOME/serve-$1.log" 2>&1 &
  server_pid=$!
  local t0; t0="$(now)"
  for _ in $(seq 1 9000); do
    [ -n "$(ready_run)" ] && break
    sleep 0.2
  done
  [ -n "$(ready_run)" ] || { echo "the server did not become ready; see $SETLIST_HOME/serve-$1.log" >&2; exit 1; }
  awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }' >"$SETLIST_HOME/startup-$1"
}

# measure LABEL CONNECTIONS PATH_KIND [SPREAD]: a 5 s warm-up, then DURATION of wrk; prints one row, keeps rps.
measure() {
  local label="$1" c="$2" kind="$3" spread="${4:-zipf}" out="$SETLIST_HOME/wrk-$1.txt"
  local script=() target="$url/health/live"
  if [ "$kind" = recs ]; then script=(-s "$root/bench/zipf-users.lua"); target="$url"; fi
  USERS="$users" SPREAD="$spread" wrk -t2 -c"$c" -d5s "${script[@]}" -H "Authorization: Bearer $key" "$target" >/dev/null
  USERS="$users" SPREAD="$spread" wrk -t2 -c"$c" -d"$duration" --latency "${script[@]}" \
    -H "Authorization: Bearer $key" "$target" >"$out"
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' "$out")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  errors="$(awk '/Non-2xx/ {print $NF}' "$out")"
  echo "$rps" >"$SETLIST_HOME/rps-$label"
  printf '%-26s %4s %12s %10s %10s %8s' "$label" "$c" "$rps" "$p50" "$p99" "${errors:-0}"
}
ratio() { awk -v a="$(cat "$SETLIST_HOME/rps-$1")" -v b="$(cat "$SETLIST_HOME/rps-$2")" 'BEGIN { printf "%.2f", a / b }'; }

echo "users $users, GET /v1/users/{id}/recommendations?limit=20, wrk -t2 -d$duration; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_server snapshot
startup="$(cat "$SETLIST_HOME/startup-snapshot")"
snap_bytes="$(metric setlist_api_snapshot_bytes)"
snap_users="$(metric setlist_api_snapshot_users)"
load_s="$(metric setlist_api_snapshot_load_seconds)"
printf '%-26s %4s %12s %10s %10s %8s %s\n' "configuration" "-c" "requests/s" "p50" "p99" "non-2xx" "vs /health/live"
for c in 8 32; do
  measure "live-c$c" "$c" live; echo
  for spread in zipf uniform; do
    measure "snapshot-$spread-c$c" "$c" recs "$spread"; echo " $(ratio "snapshot-$spread-c$c" "live-c$c")x"
  done
done
awk -v b="$snap_bytes" -v u="$snap_users" -v l="$load_s" -v s="$startup" 'BEGIN {
  printf "snapshot: %d users, %.1f MiB, %.0f bytes a user; loaded in %.1f s (start to READY %.1f s)\n",
    u, b / 1048576, (u > 0 ? b / u : 0), l, s }'

# A publish while the node serves: the pointer flips when `bench seed --flip` commits, just before it exits.
echo "publishing a second run while serving..." >&2
flip_run="$("$root/setlist" bench seed --users "$users" --flip 2>"$SETLIST_HOME/seed-flip.log" | tail -n 1)"
flipped_at="$(now)"
until [ "$(ready_run)" = "$flip_run" ]; do sleep 0.1; done
awk -v a="$flipped_at" -v b="$(now)" -v n="$(metric setlist_api_snapshot_flip_seconds)" 'BEGIN {
  printf "flip: the node served the new run %.1f s after the publish committed (its own pointer-seen-to-serving: %.1f s)\n",
    b - a, n }'
echo "snapshot after the flip: $(metric setlist_api_snapshot_bytes) bytes (counted from its array lengths)"
stop_server

if [ "${BASELINE:-0}" = 1 ]; then
  SETLIST_API_SNAPSHOT_MIB=0 SETLIST_API_CACHE_MIB=512 start_server read-through
  for c in 8 32; do
    for spread in zipf uniform; do
      measure "read-through-$spread-c$c" "$c" recs "$spread"
      echo " $(ratio "read-through-$spread-c$c" "live-c$c")x; snapshot/read-through $(ratio "snapshot-$spread-c$c" "read-through-$spread-c$c")x"
    done
  done
  stop_server
fi
