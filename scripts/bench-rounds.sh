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
port=3812
# shellcheck source=scripts/bench-lib.sh
source scripts/bench-lib.sh

echo "| entries | database | fill (demo) | voting page | vote | juror home | rounds page with preview | close (and plan the criteria round) |"
echo "|---|---|---|---|---|---|---|---|"
for db in $DATABASES; do
  for n in $SIZES; do
    fresh "$db" "$n"
    fill=$("$bin" "${args[@]}" demo --phase shortlist --entries "$n" --no-serve | awk '/^Filled in/{print $3}')
    start_server
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
    finish
  done
done
