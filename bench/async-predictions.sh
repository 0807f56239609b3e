#!/usr/bin/env bash
# Bounded load test of the asynchronous predictions on loopback, against a running Setlist (`./setlist demo` or
# `./setlist serve` with a champion): submits REQUESTS requests of ITEMS items each through
# POST /v1/prediction-requests with CONCURRENCY parallel clients, then polls every tracking id until none is
# PENDING (or TIMEOUT seconds pass). Prints the sustained submit rate (202s per second), the backlog drain time
# (last 202 → last request finished), the rate of finished requests and predictions, and the statuses: every
# tracking id must end DONE (or FAILED/EXPIRED with a reason); a PENDING or unknown one at the end is reported as lost.
#
#   bench/async-predictions.sh BASE_URL READ_KEY [REQUESTS] [ITEMS] [CONCURRENCY] [TIMEOUT]
#                                                  (defaults: 2000 requests, 10 items, 16 clients, 600 s)
#
# Every item is user BENCH_USER (default u000001) with one of the first ITEMS tracks of cache tier BENCH_TIER (hot).
set -euo pipefail
base="${1:?usage: bench/async-predictions.sh BASE_URL READ_KEY [REQUESTS] [ITEMS] [CONCURRENCY] [TIMEOUT]}"
key="${2:?read key}"
requests="${3:-2000}"
items="${4:-10}"
concurrency="${5:-16}"
timeout="${6:-600}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
auth="Authorization: Bearer $key"
now_ms() { date +%s%3N; }

user="${BENCH_USER:-u000001}"   # a user of the demo warehouse
tier="${BENCH_TIER:-hot}"
tracks="$(curl -sf -H "$auth" "$base/v1/cache/$tier/priorities?limit=$items" | grep -o '"trackId":"[^"]*"' | cut -d'"' -f4)"
[ -n "$tracks" ] || { echo "no tracks in cache tier $tier" >&2; exit 1; }
body="["
for t in $tracks; do
  body+="{\"userId\":\"$user\",\"trackId\":\"$t\",\"timestamp\":\"2026-10-21T20:00:00Z\"},"
done
body="${body%,}]"
printf '%s' "$body" > "$work/body.json"
n_items="$(grep -o '"trackId"' "$work/body.json" | wc -l)"

echo "submitting $requests requests of $n_items items with $concurrency clients to $base"
start="$(now_ms)"
seq "$requests" | xargs -P "$concurrency" -I{} sh -c \
  'curl -s -o - -w " %{http_code}\n" -X POST -H "$1" --data-binary @"$2" "$3/v1/prediction-requests"' _ \
  "$auth" "$work/body.json" "$base" > "$work/accepted.txt"
submitted="$(now_ms)"
accepted="$(grep -c ' 202$' "$work/accepted.txt" || true)"
grep -o '"trackingId":"[^"]*"' "$work/accepted.txt" | cut -d'"' -f4 > "$work/ids.txt"
echo "accepted $accepted/$requests (202) in $(( submitted - start )) ms: $(( accepted * 1000 / (submitted - start + 1) )) requests/s"

# Poll until no id is PENDING. Finished ids are not polled again.
cp "$work/ids.txt" "$work/pending.txt"
: > "$work/final.txt"
deadline=$(( $(date +%s) + timeout ))
while [ -s "$work/pending.txt" ] && [ "$(date +%s)" -lt "$deadline" ]; do
  xargs -P "$concurrency" -I{} sh -c \
    'printf "%s %s\n" "$1" "$(curl -s -H "$2" "$3/v1/prediction-requests/$1" | grep -o "\"status\":\"[A-Z]*\"" | head -1 | cut -d\" -f4)"' _ \
    {} "$auth" "$base" < "$work/pending.txt" > "$work/poll.txt"
  grep -v -E ' (PENDING|)$' "$work/poll.txt" >> "$work/final.txt" || true
  grep -E ' (PENDING|)$' "$work/poll.txt" | cut -d' ' -f1 > "$work/pending.txt" || true
  [ -s "$work/pending.txt" ] && sleep 0.5
done
drained="$(now_ms)"
done_n="$(grep -c ' DONE$' "$work/final.txt" || true)"
echo "backlog drained $(( drained - submitted )) ms after the last 202 (poll granularity 0.5 s)"
echo "finished: $(( done_n * 1000 / (drained - start + 1) )) requests/s, $(( done_n * n_items * 1000 / (drained - start + 1) )) predictions/s end to end"
echo "statuses:"
cut -d' ' -f2 "$work/final.txt" | sort | uniq -c | sed 's/^/  /'
lost="$(wc -l < "$work/pending.txt")"
echo "tracking ids: $(wc -l < "$work/ids.txt") accepted, $(wc -l < "$work/final.txt") resolved, $lost still pending or unknown"
[ "$lost" -eq 0 ] && [ "$(wc -l < "$work/final.txt")" -eq "$accepted" ]
