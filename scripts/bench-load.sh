#!/usr/bin/env bash
# Load benchmarks of a release build on demo contests, with wrk (Debian's).
# Prints a Markdown table: requests/s, p50 and p99 latency, non-2xx answers,
# and the server's peak memory, for
#   - jurors saving scores (the five demo jurors, CONN connections in all),
#   - the juror grid and the public winners page, next to a static file served
#     by the same server at the same concurrency (the ceiling), as a ratio.
#
#   scripts/bench-load.sh                   # 50 connections, 15 s each
#   CONN=100 DURATION=30s scripts/bench-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONN="${CONN:-50}"
DURATION="${DURATION:-15s}"
THREADS=5
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
cargo build --release -q --bin photojury
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
base=http://127.0.0.1:3801

csrf() { grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//'; }
: > "$work/jurors"
for n in 1 2 3 4 5; do
  jar="$work/jar$n"
  token=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$token" \
    --data-urlencode "email=juror$n@demo.photojury.org" --data-urlencode "password=demo-juror-$n" "$base/login"
  entry=$(curl -s -b "$jar" "$base/jury/$slug" | grep -o "/jury/$slug/entries/[0-9]*" | head -1)
  page=$(curl -s -b "$jar" "$base$entry")
  token=$(csrf <<<"$page")
  body=$(grep -o 'name="c[0-9]*"' <<<"$page" | sed 's/name="//;s/"//' | awk '{printf "%s%s=7", (NR>1?"&":""), $1}')
  cookie=$(awk '$6=="photojury"{print $6"="$7}' "$jar")
  echo "$cookie $token $entry $body" >> "$work/jurors"
done
juror_cookie=$(head -1 "$work/jurors" | cut -d' ' -f1)

row() { # label, then wrk arguments
  local label="$1"; shift
  wrk --latency -t"$THREADS" -c"$CONN" -d"$DURATION" "$@" > "$work/out"
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/{print $2}' "$work/out")
  p50=$(awk '$1=="50%"{print $2}' "$work/out")
  p99=$(awk '$1=="99%"{print $2}' "$work/out")
  bad=$(awk '/Non-2xx/{print $5}' "$work/out"); bad=${bad:-0}
  errors=$(awk '/Socket errors/{print}' "$work/out" | tr -d ',' )
  echo "$rps" > "$work/rps_$label"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$label" "$rps" "$p50" "$p99" "$bad" "${errors:-none}"
}

echo "| load | requests/s | p50 | p99 | non-2xx | socket errors |"
echo "|---|---|---|---|---|---|"
JURORS_FILE="$work/jurors" row "score saves (5 jurors)" -s scripts/wrk/score.lua "$base/"
row "juror grid /jury/{slug}" -H "Cookie: $juror_cookie" "$base/jury/$slug"
row "static /static/style.css (judging server)" "$base/static/style.css"
row "winners page (public)" "http://127.0.0.1:3802/contests/$slug/winners"
row "static /static/style.css (announced server)" "http://127.0.0.1:3802/static/style.css"
peak=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$judging_pid/status")
grid=$(cat "$work/rps_juror grid /jury/{slug}"); static=$(cat "$work/rps_static /static/style.css (judging server)")
winners=$(cat "$work/rps_winners page (public)"); static2=$(cat "$work/rps_static /static/style.css (announced server)")
echo
echo "Juror grid / static: $(awk -v a="$grid" -v b="$static" 'BEGIN{printf "%.2f", a/b}'); winners page / static: $(awk -v a="$winners" -v b="$static2" 'BEGIN{printf "%.2f", a/b}')."
echo "Peak memory of the judging server: ${peak} MB. $CONN connections, $THREADS wrk threads, $DURATION each, $(nproc) cores, $(date -u +%Y-%m-%d)."
