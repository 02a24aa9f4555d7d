#!/usr/bin/env bash
# Load benchmarks of a release build on demo contests, with wrk (Debian's).
# Prints a Markdown table: requests/s, p50 and p99 latency, non-2xx answers,
# and the servers' peak memory, for
#   - the deadline rush: RUSH participants uploading the 12 MP camera photo
#     at once, twice each (examples/rush.rs),
#   - jurors saving scores (the five demo jurors' sessions, CONN connections in
#     all): flat out; at a juror's pace (each connection saves every 0.5–1.5 s,
#     at random); and in synchronized bursts (all CONN at once, every second),
#   - the juror grid (kept in memory per session until anything changes, and
#     rendered every time) and the public winners page, next to a static file
#     served by the same server at the same concurrency (the ceiling), as a ratio.
#
#   scripts/bench-load.sh                   # 50 connections, 15 s each
#   CONN=100 DURATION=30s scripts/bench-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONN="${CONN:-50}"
DURATION="${DURATION:-15s}"
THREADS=5
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
RUSH="${RUSH:-50}"
cargo build --release -q --bin photojury --example rush
bin="$PWD/target/release/photojury"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
slug=migrants-central-asia

serve() { # name port phase
  "$bin" --data-dir "$work/$1" --addr "127.0.0.1:$2" demo --phase "$3" --no-serve >/dev/null
  "$bin" --data-dir "$work/$1" --addr "127.0.0.1:$2" serve >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$2/healthz" >/dev/null && return; sleep 0.1; done
  echo "server on $2 did not start" >&2; exit 1
}
serve judging 3801 judging
judging_pid="${pids[0]}"
serve announced 3802 announced
serve open 3803 open
open_pid="${pids[2]}"
base=http://127.0.0.1:3801

csrf() { grep -o 'name="csrf" value="[^"]*"' | awk 'NR==1' | sed 's/.*value="//;s/"$//'; }
: > "$work/jurors"
for n in 1 2 3 4 5; do
  jar="$work/jar$n"
  token=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$token" \
    --data-urlencode "email=juror$n@demo.photojury.org" --data-urlencode "password=demo-juror-$n" "$base/login"
  entry=$(curl -s -b "$jar" "$base/jury/$slug" | grep -o "/jury/$slug/entries/[0-9]*" | awk 'NR==1')
  page=$(curl -s -b "$jar" "$base$entry")
  token=$(csrf <<<"$page")
  body=$(grep -o 'name="c[0-9]*"' <<<"$page" | sed 's/name="//;s/"//' | awk '{printf "%s%s=7", (NR>1?"&":""), $1}')
  cookie=$(awk '$6=="photojury"{print $6"="$7}' "$jar")
  echo "$cookie $token $entry $body" >> "$work/jurors"
done
juror_cookie=$(awk 'NR==1{print $1}' "$work/jurors")

row() { # key, label, then wrk arguments
  local key="$1" label="$2"; shift 2
  wrk --latency -t"$THREADS" -c"$CONN" -d"$DURATION" "$@" > "$work/out"
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/{print $2}' "$work/out")
  p50=$(awk '$1=="50%"{print $2}' "$work/out")
  p99=$(awk '$1=="99%"{print $2}' "$work/out")
  bad=$(awk '/Non-2xx/{print $5}' "$work/out"); bad=${bad:-0}
  errors=$(awk '/Socket errors/{print}' "$work/out" | tr -d ',' )
  echo "$rps" > "$work/rps_$key"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$bad" "${errors:-none}"
}

echo "| load | requests/s | p50 | p99 | non-2xx | socket errors |"
echo "|---|---|---|---|---|---|"
target/release/examples/rush http://127.0.0.1:3803 "$slug" tests/fixtures/photos/camera-olympus-12mp.jpg "$RUSH" 2
rush_peak=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$open_pid/status")
JURORS_FILE="$work/jurors" row scores "score saves, saturating (5 juror sessions)" -s scripts/wrk/score.lua "$base/"
JURORS_FILE="$work/jurors" THINK_MS=1000 row think "score saves, $CONN jurors each saving every 0.5–1.5 s" -s scripts/wrk/score.lua "$base/"
JURORS_FILE="$work/jurors" THINK_MS=1000 THINK_JITTER=0 row burst "score saves, $CONN jurors all saving at the same instant every second (worst case)" -s scripts/wrk/score.lua "$base/"
row grid "juror grid /jury/{slug} (reloaded: kept in memory until anything changes)" -H "Cookie: $juror_cookie" "$base/jury/$slug"
row fresh "juror grid, rendered every time (a new query string per request)" -s scripts/wrk/fresh.lua -H "Cookie: $juror_cookie" "$base/jury/$slug"
row health "/healthz (one SELECT 1, no session: the floor of any database page)" "$base/healthz"
row static1 "static /static/style.css (same server)" "$base/static/style.css"
row winners "winners page (public)" "http://127.0.0.1:3802/contests/$slug/winners"
row static2 "static /static/style.css (same server)" "http://127.0.0.1:3802/static/style.css"
peak=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$judging_pid/status")
grid=$(cat "$work/rps_grid"); static=$(cat "$work/rps_static1")
winners=$(cat "$work/rps_winners"); static2=$(cat "$work/rps_static2")
echo
health=$(cat "$work/rps_health")
fresh=$(cat "$work/rps_fresh")
echo "Juror grid / static: $(awk -v a="$grid" -v b="$static" 'BEGIN{printf "%.2f", a/b}') (rendered every time: $(awk -v a="$fresh" -v b="$static" 'BEGIN{printf "%.2f", a/b}')); /healthz / static: $(awk -v a="$health" -v b="$static" 'BEGIN{printf "%.2f", a/b}'); winners page / static: $(awk -v a="$winners" -v b="$static2" 'BEGIN{printf "%.2f", a/b}')."
echo "Peak memory: ${rush_peak} MB for the server taking the rush (decodes bounded by the semaphore, $(nproc) at once), ${peak} MB for the judging server. $CONN connections, $THREADS wrk threads, $DURATION each, $(nproc) cores, $(date -u +%Y-%m-%d)."
