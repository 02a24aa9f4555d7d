#!/usr/bin/env bash
# How much memory uploads can make the server hold: a release server on the
# demo contest (open phase, SQLite), then REQUESTS requests at once, each a
# form of FILES parts of MB megabytes (examples/upload_flood.rs streams them
# from a small buffer). Two kinds: parts that start as a PDF (refused from
# their first bytes) and parts that start as a JPEG followed by junk
# (received whole into temp files, then refused when decoded). Prints a
# Markdown table: the answers, the server's resident memory before, its peak
# during the kind's run (VmHWM, reset before each), and the increase. The
# participants sign up before anything is measured.
#
#   scripts/bench-upload-memory.sh              # 3 requests × 20 files × 38 MB
#   REQUESTS=5 FILES=10 MB=20 scripts/bench-upload-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REQUESTS="${REQUESTS:-3}"
FILES="${FILES:-20}"
MB="${MB:-38}"
PORT="${PORT:-3811}"
cargo build --release -q --bin photojury --example upload_flood
bin="$PWD/target/release/photojury"
work="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
"$bin" --data-dir "$work/data" --addr "127.0.0.1:$PORT" demo --phase open --no-serve >/dev/null
"$bin" --data-dir "$work/data" --addr "127.0.0.1:$PORT" serve >/dev/null 2>&1 &
pid=$!
for _ in $(seq 200); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
echo "| parts | requests at once | answers | RSS before | peak RSS | increase |"
echo "|---|---|---|---|---|---|"
target/release/examples/upload_flood "http://127.0.0.1:$PORT" migrants-central-asia "$pid" \
  "$REQUESTS" "$FILES" "$MB"
