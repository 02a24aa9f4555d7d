#!/usr/bin/env bash
# What a contest's size costs a juror and an admin (issue 17), on a release
# build over HTTP, at 1k, 10k and 50k entries × 5 jurors, on SQLite and
# PostgreSQL. For each size and database: `demo --phase judging --entries N`
# fills a fresh data dir (timed), the server starts, and curl measures (median
# of REPS sequential requests, in ms) juror 2's scoring page (REPS different
# entries, each a first visit: no kept page answers), a score save, a page of
# the grid (REPS different pages; the size is the first page's), the "not
# scored yet" pages, the admin's monitor, finalizing with work missing, then
# the results page.
# Prints a Markdown table.
#
#   scripts/bench-scale.sh                         # 1000 10000 50000, both databases
#   SIZES="1000 50000" DATABASES=sqlite scripts/bench-scale.sh
#   PG_URL=postgres://postgres@127.0.0.1:5432/test scripts/bench-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=3811
# shellcheck source=scripts/bench-lib.sh
source scripts/bench-lib.sh

echo "| entries | database | fill (demo) | scoring page | score save | grid page (size) | not scored yet | monitor | finalize | results |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for db in $DATABASES; do
  for n in $SIZES; do
    fresh "$db" "$n"
    fill=$("$bin" "${args[@]}" demo --phase judging --entries "$n" --no-serve | awk '/^Filled in/{print $3}')
    start_server
    jar="$work/juror"; admin="$work/admin"
    login "$jar" juror2@demo.photojury.org demo-juror-2
    login "$admin" admin@demo.photojury.org demo-admin-pass
    # An entry in the middle of juror 2's queue, reached through the grid's pages.
    grid=$(curl -s -b "$jar" "$base/jury/$slug")
    grid_bytes=$(printf '%s' "$grid" | wc -c)
    entry=$(grep -o "/jury/$slug/entries/[0-9]*\"" <<<"$grid" | sed 's/"$//' | awk 'NR==100')
    page=$(curl -s -b "$jar" "$base$entry")
    token=$(csrf <<<"$page")
    body=$(grep -o 'name="c[0-9]*"' <<<"$page" | sed 's/name="//;s/"//' | awk '{printf "%s%s=7&", (NR>1?"":""), $1}')
    entries=$(grep -o "/jury/$slug/entries/[0-9]*\"" <<<"$grid" | sed 's/"$//' | awk -v n="$REPS" 'NR>100 && NR<=100+n')
    numbers=$(sed 's|.*/||' <<<"$entries")
    t_page=$(median_each -b "$jar" <<<"$entries")
    t_save=$(median -b "$jar" -H 'Accept: application/json' --data "${body}csrf=$token&comment=" "$base$entry")
    t_grid=$(sed "s|^|/jury/$slug?after=|" <<<"$numbers" | median_each -b "$jar")
    t_todo=$(sed "s|^|/jury/$slug?filter=todo\&after=|" <<<"$numbers" | median_each -b "$jar")
    t_monitor=$(REPS=5 median -b "$admin" "$base/admin/contests/1/jury")
    dash=$(curl -s -b "$admin" "$base/admin/contests/1")
    token=$(csrf <<<"$dash")
    t_final=$(curl -s -o /dev/null -w '%{time_total}' -b "$admin" --data-urlencode "csrf=$token" \
      --data "to=finalized&force=1" --data-urlencode "reason=benchmark" "$base/admin/contests/1/phase" |
      awk '{printf "%.2f s", $1}')
    phase=$(curl -s -b "$admin" "$base/admin/contests/1" | grep -o 'finalized' | head -1)
    [ "$phase" = finalized ] || t_final="$t_final (not finalized!)"
    t_results=$(REPS=5 median -b "$admin" "$base/admin/contests/1/results")
    printf '| %s | %s | %s s | %s ms | %s ms | %s ms (%s KB) | %s ms | %s ms | %s | %s ms |\n' \
      "$n" "$db" "$fill" "$t_page" "$t_save" "$t_grid" "$((grid_bytes / 1024))" "$t_todo" \
      "$t_monitor" "$t_final" "$t_results"
    finish
  done
done
