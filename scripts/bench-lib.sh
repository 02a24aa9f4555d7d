# Shared by the contest benchmarks (bench-scale.sh, bench-rounds.sh): the
# settings they take from the environment, the release build, a scratch
# directory removed on exit with the server, and curl helpers. Sourced after
# `port` is set; `server` holds the running server's pid.
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
base="http://127.0.0.1:$port"

# The first CSRF token of the page on standard input.
csrf() { grep -o 'name="csrf" value="[^"]*"' | awk 'NR==1' | sed 's/.*value="//;s/"$//'; }
login() { # jar email password
  local token
  token=$(curl -s -c "$1" -b "$1" "$base/login" | csrf)
  curl -s -c "$1" -b "$1" -o /dev/null --data-urlencode "csrf=$token" \
    --data-urlencode "email=$2" --data-urlencode "password=$3" "$base/login"
}
# median of REPS timings (ms) of: curl args…
median() {
  for _ in $(seq "$REPS"); do
    curl -s -o /dev/null -w '%{time_total}\n' "$@"
  done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}'
}
# median (ms) of one GET of each of the URLs on standard input: each a first
# visit, so that no page kept for the session answers instead of the server.
median_each() {
  while read -r url; do
    curl -s -o /dev/null -w '%{time_total}\n' "$@" "$base$url"
  done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}'
}
# Starts the server on data dir and database of "${args[@]}" and waits for it.
start_server() {
  "$bin" "${args[@]}" serve >"$work/log" 2>&1 &
  server=$!
  for _ in $(seq 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
}
# A fresh data dir and database for database $1 and size $2: sets `data`,
# `args` (the server's and demo's options) and, on PostgreSQL, `name` and
# `db_url` (a database of its own, created here).
fresh() {
  data="$work/$1-$2"
  args=(--data-dir "$data" --addr "127.0.0.1:$port")
  name=""
  if [ "$1" = postgres ]; then
    name="photojury_$(basename "$0" .sh | tr - _)_$$_$2"
    db_url="${PG_URL%/*}/$name"
    psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    args+=(--database-url "$db_url")
  fi
}
# Stops the server and removes what `fresh` made.
finish() {
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  [ -n "$name" ] && psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $name" >/dev/null
  rm -rf "$data"
}
