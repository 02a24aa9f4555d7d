#!/usr/bin/env bash
# Benchmark of the upload pipeline (`photojury derive`) against libvips'
# vipsthumbnail making the same two sizes from the same files, in one run.
# Prints a Markdown table: per-stage medians of our pipeline, total wall time
# and peak memory of each, and the ratio.
#
#   scripts/bench-derive.sh                 # 7 runs each
#   RUNS=15 scripts/bench-derive.sh
#
# Needs: Debian packages libvips-tools and time, and nasm for libjpeg's SIMD
# code (installed if missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! command -v vipsthumbnail >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get install -y -qq libvips-tools time >/dev/null
fi

if ! command -v nasm >/dev/null; then
  apt-get install -y -qq nasm >/dev/null
fi
cargo build --release -q --bin photojury --example bench_photo
bin=target/release/photojury
# The same 24 MP photo twice: with a restart marker every 4 MCUs, as cameras
# like the Olympus of the 12 MP fixture write them (decoded in bands on all
# cores), and without any (decoded on one core).
./target/release/examples/bench_photo "$work/24mp-restart-markers.jpg" 6000 4000 4 >/dev/null
./target/release/examples/bench_photo "$work/24mp-no-restart-markers.jpg" 6000 4000 >/dev/null
# The first again, tagged Adobe RGB (1998): both sides convert to sRGB
# (vipsthumbnail with --export-profile srgb).
./target/release/examples/bench_photo "$work/24mp-adobe-rgb.jpg" 6000 4000 4 tests/fixtures/icc/AdobeRGB1998.icc >/dev/null
cp tests/fixtures/photos/camera-olympus-12mp.jpg "$work/12mp.jpg"

median() { sort -n | awk '{a[NR]=$1} END {m=(NR+1)/2; print (NR%2) ? a[int(m)] : (a[m-0.5]+a[m+0.5])/2}'; }
now_ms() { date +%s%N | awk '{printf "%.1f", $1/1e6}'; }

echo "| input | decode ms | orient ms | resize ms | encode ms | derive total ms (wall) | peak MB | vipsthumbnail ×2 ms (wall) | vips peak MB | speed-up |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for name in 12mp 24mp-restart-markers 24mp-no-restart-markers 24mp-adobe-rgb; do
  convert=()
  [ "$name" = 24mp-adobe-rgb ] && convert=(--export-profile srgb)
  in="$work/$name.jpg"
  : > "$work/stages"; : > "$work/ours"; : > "$work/vips"; : > "$work/ours_mem"; : > "$work/vips_mem"
  for _ in $(seq "$RUNS"); do
    start=$(now_ms)
    /usr/bin/time -f %M -o "$work/mem" "$bin" derive "$in" --out "$work/out" --timings > "$work/log"
    end=$(now_ms)
    echo "$end $start" | awk '{print $1-$2}' >> "$work/ours"
    cat "$work/mem" >> "$work/ours_mem"
    grep timings_ms "$work/log" >> "$work/stages"

    start=$(now_ms)
    /usr/bin/time -f %M -o "$work/m1" vipsthumbnail "$in" -s 2560 "${convert[@]}" -o "$work/vl.jpg[Q=86,strip]"
    /usr/bin/time -f %M -o "$work/m2" vipsthumbnail "$in" -s 480 "${convert[@]}" -o "$work/vt.jpg[Q=82,strip]"
    end=$(now_ms)
    echo "$end $start" | awk '{print $1-$2}' >> "$work/vips"
    cat "$work/m1" "$work/m2" | sort -n | tail -1 >> "$work/vips_mem"
  done
  stage() { sed -E "s/.*$1=([0-9.]+).*/\1/" "$work/stages" | median; }
  ours=$(median < "$work/ours"); vips=$(median < "$work/vips")
  ours_mem=$(sort -n "$work/ours_mem" | tail -1 | awk '{printf "%.0f", $1/1024}')
  vips_mem=$(sort -n "$work/vips_mem" | tail -1 | awk '{printf "%.0f", $1/1024}')
  ratio=$(echo "$vips $ours" | awk '{printf "%.2f×", $1/$2}')
  echo "| $name ($(identify_size() { :; }; echo "$(stat -c %s "$in" | awk '{printf "%.1f MB", $1/1e6}')")) | $(stage decode) | $(stage orient) | $(stage resize) | $(stage encode) | $ours | $ours_mem | $vips | $vips_mem | $ratio |"
done
echo
echo "Medians of $RUNS runs on $(nproc) cores; wall times include process start and file I/O."
echo "vipsthumbnail $(vipsthumbnail --vips-version 2>/dev/null | head -1)"
