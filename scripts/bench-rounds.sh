#!/usr/bin/env bash
# What a shortlisting round costs at scale (issue 17), on a release build
# over HTTP, at 1k, 10k and 50k entries × 5 jurors, two jurors per entry,
# on SQLite and PostgreSQL. For each size and database: `demo --phase
# shortlist --entries N` fills a fresh data dir (timed; four jurors of five
# have voted), the server starts, and curl measures (median of REPS
# sequential requests, in ms) juror 1's voting page (REPS different
# entries, each a first visit), a vote, the juror's home, the admin's
# rounds page with the close preview of a rule per category, then the
# close with votes missing (which also plans the criteria round).
# Prints a Markdown table.
#
#   scripts/bench-rounds.sh                         # 1000 10000 50000, both databases
#   SIZES="1000 50000" DATABASES=sqlite scripts/bench-rounds.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000 10000 50000}"
DATABASES="${DATABASES:-sqlite postgres}"
REPS="${REPS:-31}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
cargo build --release -q --bin photojury
bin="$PWD/target/release/photojury"
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
slug=migrants-central-asia
port=3812
base="http://127.0.0.1:$port"

csrf() { grep -o 'name="csrf" value="[^"]*"' | awk 'NR==1' | sed 's/.*value="//;s/"$//'; }
login() { # jar email password
  local token
  token=$(curl -s -c "$1" -b "$1" "$base/login" | csrf)
  curl -s -c "$1" -b "$1" -o /dev/null --data-urlencode "csrf=$token" \
    --data-urlencode "email=$2" --data-urlencode "password=$3" "$base/login"
}
median() {
  for _ in $(seq "$REPS"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$@"
  done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}'
}
median_each() {
  while read -r url; do
    curl -s -o /dev/null -w '%{time_total}\n' "$@" "$base$url"
  done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}'
}

echo "| entries | database | fill (demo) | voting page | vote | juror home | rounds page with preview | close (and plan the criteria round) |"
echo "|---|---|---|---|---|---|---|---|"
for db in $DATABASES; do
  for n in $SIZES; do
    data="$work/$db-$n"
    args=(--data-dir "$data" --addr "127.0.0.1:$port")
    if [ "$db" = postgres ]; then
      name="photojury_rounds_$$_$n"
      psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
      args+=(--database-url "${PG_URL%/*}/$name")
    fi
    fill=$("$bin" "${args[@]}" demo --phase shortlist --entries "$n" --no-serve | awk '/^Filled in/{print $3}')
    "$bin" "${args[@]}" serve >"$work/log" 2>&1 &
    server=$!
    for _ in $(seq 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
    jar="$work/juror"; admin="$work/admin"
    login "$jar" juror1@demo.photojury.org demo-juror-1
    login "$admin" admin@demo.photojury.org demo-admin-pass
    # Juror 1 (who has not voted) follows the pages: each vote leads to the next.
    first=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" "$base/jury/$slug/vote" | sed "s|^$base||")
    page=$(curl -s -b "$jar" "$base$first")
    token=$(csrf <<<"$page")
    path="$first"; paths=""
    for _ in $(seq "$REPS"); do
      paths+="$path"$'\n'
      path=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" --data "csrf=$token&vote=1" "$base$path" | sed "s|^$base||")
    done
    t_page=$(printf '%s' "$paths" | median_each -b "$jar")
    t_vote=$(median -b "$jar" --data "csrf=$token&vote=0" "$base$first")
    t_home=$(median -b "$jar" "$base/jury/$slug")
    rounds=$(curl -s -b "$admin" "$base/admin/contests/1/rounds")
    token=$(csrf <<<"$rounds")
    rules=$(grep -o 'name="rule_[0-9]*"' <<<"$rounds" | sort -u | sed 's/name="//;s/"//' | awk '{printf "%s=min%%3A0.50&", $1}')
    t_preview=$(REPS=5 median -b "$admin" "$base/admin/contests/1/rounds?${rules}")
    t_close=$(curl -s -o /dev/null -w '%{time_total}' -b "$admin" --data "csrf=$token&round=1&${rules}force=1" \
      --data-urlencode "reason=benchmark" "$base/admin/contests/1/rounds/close" | awk '{printf "%.2f s", $1}')
    closed=$(curl -s -b "$admin" "$base/admin/contests/1/rounds" | grep -c 'badge">closed' || true)
    [ "$closed" -ge 1 ] || t_close="$t_close (not closed!)"
    printf '| %s | %s | %s s | %s ms | %s ms | %s ms | %s ms | %s |\n' \
      "$n" "$db" "$fill" "$t_page" "$t_vote" "$t_home" "$t_preview" "$t_close"
    kill "$server"; wait "$server" 2>/dev/null || true; server=""
    [ "$db" = postgres ] && psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $name" >/dev/null
    rm -rf "$data"
  done
done
