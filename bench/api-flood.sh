#!/usr/bin/env bash
# Flood of invalid API keys on loopback while a valid client reads (issue 13, item 8). Bounded: the flood stops after
# FLOOD_REQUESTS requests, the baseline lasts DURATION.
#
#   bench/api-flood.sh [FLOOD_REQUESTS] [USERS] [DURATION] [CONNECTIONS]
#       defaults: 200000 invalid-key requests, 20000 seeded users, 20s baseline, 16 connections per client
#
# 1. Seeds USERS users once (`./setlist bench seed`), starts `./setlist serve` WITH its Quartz scheduler (daily cron
#    off), so the node checks in to QRTZ_SCHEDULER_STATE every 5 s on the main pool.
# 2. Baseline: the valid client alone (wrk, Zipf-spread users, a real read key) for DURATION.
# 3. Flood: FLOOD_REQUESTS requests, each with a fresh made-up key of a real key's shape (bench/flood-bad-keys.lua),
#    while the valid client runs again (stopped with SIGINT when the flood is done, so both cover the same time).
#    A sampler reads now() - max(last_checkin_time) every 0.5 s.
# Prints the valid client's p50/p99 with and without the flood, its non-2xx, the flood's answers by class (5xx
# must be 0), the largest check-in lag seen and whether a check-in was missed (lag > interval + 7.5 s, when Quartz
# would declare the node dead and another node would recover its jobs).
#
# Its own SETLIST_HOME and ports (override SETLIST_HOME, BENCH_PORT_BASE or each SETLIST_*_PORT); stops every server it started. wrk and
# psql come from apt-get when missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flood="${1:-200000}"
users="${2:-20000}"
duration="${3:-20s}"
connections="${4:-16}"
base="${BENCH_PORT_BASE:-55490}"
export SETLIST_HOME="${SETLIST_HOME:-/tmp/setlist-bench-flood}"
export SETLIST_EMBEDDED_PG_PORT="${SETLIST_EMBEDDED_PG_PORT:-$base}"
export SETLIST_EMBEDDED_DYNAMODB_PORT="${SETLIST_EMBEDDED_DYNAMODB_PORT:-$((base + 1))}"
export SETLIST_HTTP_PORT="${SETLIST_HTTP_PORT:-$((base + 2))}"
export SETLIST_API_RATE_LIMIT=1000000 SETLIST_LOG_LEVEL=WARN SETLIST_PIPELINE_CRON=off
port="$SETLIST_HTTP_PORT"

install() { # $1 = command, $2 = package
  command -v "$1" >/dev/null && return
  echo "installing $2 (apt-get)..." >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null
  else sudo apt-get update -qq >/dev/null && sudo apt-get install -y -qq "$2" >/dev/null; fi
}
install wrk wrk
psql_bin="$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1 || true)"
if [ -z "$psql_bin" ]; then install psql postgresql-client; psql_bin="$(command -v psql)"; fi
sql() { "$psql_bin" -h 127.0.0.1 -p "$SETLIST_EMBEDDED_PG_PORT" -U postgres -d postgres -tAqc "$1"; }

# The embedded DynamoDB outlives each `./setlist` process: run it here, once (as bench/api-load.sh does).
dynalite_dir="$root/infra/dynalite"
(cd "$dynalite_dir" && [ -d node_modules/dynalite ] || npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p "$SETLIST_HOME/dynamodb"
fifo="$SETLIST_HOME/dynalite.stdin"
rm -f "$fifo"; mkfifo "$fifo"
node "$dynalite_dir/serve.js" --port "$SETLIST_EMBEDDED_DYNAMODB_PORT" --path "$SETLIST_HOME/dynamodb" \
  <"$fifo" >"$SETLIST_HOME/dynalite.log" 2>&1 &
dynalite_pid=$!
exec 3>"$fifo"
server_pid="" valid_pid="" sampler_pid="" flood_pid=""
cleanup() {
  for pid in $valid_pid $sampler_pid $flood_pid; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true; fi
  exec 3>&-
  kill "$dynalite_pid" 2>/dev/null || true
}
trap cleanup EXIT
sleep 1

echo "seeding $users users (skipped when already current)..." >&2
key="$("$root/setlist" bench seed --users "$users" 2>"$SETLIST_HOME/seed.log" | tail -n 1)"

"$root/setlist" serve --port "$port" >"$SETLIST_HOME/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
  sleep 0.5
done
valid() { # $1 = duration, $2 = output
  USERS="$users" SPREAD=zipf wrk -t1 -c"$connections" -d"$1" --latency -s "$root/bench/zipf-users.lua" \
    -H "Authorization: Bearer $key" "http://127.0.0.1:$port" >"$2"
}
valid 10s /dev/null # warm-up: JIT, pools, the item cache
valid "$duration" "$SETLIST_HOME/wrk-baseline.txt"

# Check-in lag sampler: the largest now() - last_checkin_time (ms) of this node while the flood runs.
: >"$SETLIST_HOME/checkin-lag.txt"
( while true; do
    sql "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint - max(last_checkin_time), max(checkin_interval)
         FROM qrtz_scheduler_state" >>"$SETLIST_HOME/checkin-lag.txt" 2>/dev/null || echo "error|0" >>"$SETLIST_HOME/checkin-lag.txt"
    sleep 0.5
  done ) &
sampler_pid=$!
# wrk itself in the background (not a function's subshell), so that SIGINT reaches it and it reports.
USERS="$users" SPREAD=zipf wrk -t1 -c"$connections" -d3600s --latency -s "$root/bench/zipf-users.lua" \
  -H "Authorization: Bearer $key" "http://127.0.0.1:$port" >"$SETLIST_HOME/wrk-flood.txt" &
valid_pid=$!
sleep 1
done_dir="$SETLIST_HOME/flood-done"
rm -rf "$done_dir"; mkdir -p "$done_dir"
t0=$(date +%s.%N)
FLOOD_REQUESTS="$flood" FLOOD_THREADS=2 FLOOD_DONE_DIR="$done_dir" wrk -t2 -c"$connections" -d3600s \
  -s "$root/bench/flood-bad-keys.lua" "http://127.0.0.1:$port" >"$SETLIST_HOME/wrk-flood-bad-keys.txt" &
flood_pid=$!
# wrk waits out -d even when its threads are done: stop it (SIGINT: it then reports) once both threads are.
while [ "$(ls "$done_dir" | wc -l)" -lt 2 ] && kill -0 "$flood_pid" 2>/dev/null; do sleep 0.2; done
t1=$(date +%s.%N)
kill -INT "$flood_pid" 2>/dev/null || true; wait "$flood_pid" 2>/dev/null || true
kill -INT "$valid_pid"; wait "$valid_pid" 2>/dev/null || true; valid_pid=""
kill "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""

p() { awk -v q="$1" '$1 == q {print $2}' "$2"; }
non2xx() { awk '/Non-2xx/ {n = $NF} END {print n + 0}' "$1"; }
echo "flood: $flood invalid keys, $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s; valid client: wrk -t1 -c$connections, $users users; $(nproc) cores"
printf '%-16s %10s %10s %10s\n' "valid client" "p50" "p99" "non-2xx"
printf '%-16s %10s %10s %10s\n' "alone" "$(p 50% "$SETLIST_HOME/wrk-baseline.txt")" \
  "$(p 99% "$SETLIST_HOME/wrk-baseline.txt")" "$(non2xx "$SETLIST_HOME/wrk-baseline.txt" || true)"
printf '%-16s %10s %10s %10s\n' "under flood" "$(p 50% "$SETLIST_HOME/wrk-flood.txt")" \
  "$(p 99% "$SETLIST_HOME/wrk-flood.txt")" "$(non2xx "$SETLIST_HOME/wrk-flood.txt" || true)"
grep '^flood_' "$SETLIST_HOME/wrk-flood-bad-keys.txt"
awk -F'|' '$1 == "error" {errors++; next} $1 + 0 > max {max = $1 + 0; interval = $2 + 0}
  END { printf "checkin_max_lag_ms %d\ncheckin_sample_errors %d\ncheckin_missed %s\n", max, errors,
        (max > interval + 7500 ? "yes" : "no") }' "$SETLIST_HOME/checkin-lag.txt"
