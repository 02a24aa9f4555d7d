#!/usr/bin/env bash
# What the ranking round costs at scale (issue 17), on a release build over
# HTTP, at 1k, 10k and 50k entries × 5 jurors, on SQLite and PostgreSQL.
# `demo --phase judging --entries N` fills a contest judged in the criteria
# round alone (timed); the script then adds the criteria and ranking rows
# with SQL (the rounds page allows it only before judging, and the bulk demo
# has no rounds) and measures: the admin's rounds page with the preview of
# the best 10 per category (median of 5), the criteria round's close with
# work missing (which plans the ranking ballots), juror 2's ranking page and
# a save of their whole order (median of REPS), and the finalization, which
# closes the ranking round. Prints a Markdown table.
#
#   scripts/bench-ranking.sh                        # 1000 10000 50000, both databases
#   SIZES="1000 50000" DATABASES=sqlite scripts/bench-ranking.sh
set -euo pipefail
cd "$(dirname "$0")/.."
port=3813
# shellcheck source=scripts/bench-lib.sh
source scripts/bench-lib.sh

echo "| entries | database | fill (demo) | rounds page with the finalists' preview | close the criteria round | ranking page | ranking save | finalize (close the ranking round) |"
echo "|---|---|---|---|---|---|---|---|"
for db in $DATABASES; do
  for n in $SIZES; do
    fresh "$db" "$n"
    if [ "$db" = postgres ]; then
      run_sql() { psql -q "$db_url" -c "$1" >/dev/null; }
    else
      run_sql() { sqlite3 "$data/photojury.db" "$1"; }
    fi
    fill=$("$bin" "${args[@]}" demo --phase judging --entries "$n" --no-serve | awk '/^Filled in/{print $3}')
    run_sql "INSERT INTO rounds (contest_id, position, kind, quorum, opened_at) VALUES (1, 1, 'criteria', 0, 1), (1, 2, 'ranking', 0, NULL)"
    start_server
    admin="$work/admin"; jar="$work/juror"
    login "$admin" admin@demo.photojury.org demo-admin-pass
    rounds=$(curl -s -b "$admin" "$base/admin/contests/1/rounds")
    token=$(csrf <<<"$rounds")
    tops=$(grep -o 'name="top_[0-9]*"' <<<"$rounds" | sort -u | sed 's/name="//;s/"//' | awk '{printf "%s=10&", $1}')
    t_preview=$(REPS=5 median -b "$admin" "$base/admin/contests/1/rounds?${tops}")
    t_close=$(curl -s -o /dev/null -w '%{time_total}' -b "$admin" --data "csrf=$token&round=1&${tops}force=1" \
      --data-urlencode "reason=benchmark" "$base/admin/contests/1/rounds/close" | awk '{printf "%.2f s", $1}')
    login "$jar" juror2@demo.photojury.org demo-juror-2
    t_page=$(median -b "$jar" "$base/jury/$slug/rank")
    page=$(curl -s -b "$jar" "$base/jury/$slug/rank")
    jtoken=$(csrf <<<"$page")
    category=$(grep -o 'name="category" value="[0-9]*"' <<<"$page" | grep -o '[0-9]*')
    order=$(grep -o 'data-number="[0-9]*"' <<<"$page" | grep -o '[0-9]*' | tac | paste -sd+ -)
    [ -n "$order" ] || t_page="$t_page (no finalists!)"
    t_save=$(median -b "$jar" -H 'accept: application/json' --data "csrf=$jtoken&category=$category&order=$order&move=save" "$base/jury/$slug/rank")
    t_final=$(curl -s -o /dev/null -w '%{time_total}' -b "$admin" --data "csrf=$token&to=finalized&force=1" \
      --data-urlencode "reason=benchmark" "$base/admin/contests/1/phase" | awk '{printf "%.2f s", $1}')
    finalized=$(curl -s -b "$admin" "$base/admin/contests/1/rounds" | grep -c 'badge">closed' || true)
    [ "$finalized" -ge 2 ] || t_final="$t_final (not finalized!)"
    printf '| %s | %s | %s s | %s ms | %s | %s ms | %s ms | %s |\n' \
      "$n" "$db" "$fill" "$t_preview" "$t_close" "$t_page" "$t_save" "$t_final"
    finish
  done
done
