#!/usr/bin/env bash
# What one person's data requests cost at 1,000 and at 50,000 entries
# (release build, SQLite): a participant's and a juror's data export (the
# JSON part), deleting a participant's account after the announcement, a
# /metrics scrape, and the hourly retention sweep (a background walk of the
# contest, shown for scale). Medians of 7 runs. Prints a Markdown table.
#
#   scripts/bench-person.sh            # 1000 and 50000
#   SIZES="1000 10000" scripts/bench-person.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000 50000}"
cargo build --release -q --example bench_person
echo "| entries | export, participant | export, juror (all N scored) | delete account | /metrics | retention sweep | seeding |"
echo "|---|---|---|---|---|---|---|"
for n in $SIZES; do
  target/release/examples/bench_person "$n"
done
