#!/usr/bin/env bash
# What finding an upload's likes (the same photograph entered twice) costs
# at 1,000 and at 50,000 photos in a contest (release build, SQLite): the
# photo row plus its pairs, for an unrelated photo and for a near copy.
# Medians of 41 runs, each rolled back. Prints a Markdown table.
#
#   scripts/bench-likeness.sh            # 1000 and 50000
#   SIZES="1000 10000" scripts/bench-likeness.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES="${SIZES:-1000 50000}"
cargo build --release -q --example bench_likeness
echo "| photos in the contest | new unrelated photo | near copy (one pair found) | seeding |"
echo "|---|---|---|---|"
for n in $SIZES; do
  target/release/examples/bench_likeness "$n"
done
