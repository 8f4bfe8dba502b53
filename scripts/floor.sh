#!/usr/bin/env bash
# floor.sh - how near nginx a child page of this design can come at best.
#
# Four wrk runs (2 threads, 64 connections, FLOOR_SECONDS each, default 10)
# on the county bench data, logged in as social worker sw1:
#   nginx static file    the child page's bytes as a static file (the ceiling)
#   majakka static file  the same bytes from majakka's own static files: the
#                        HTTP layer alone (libmicrohttpd, threads, headers)
#   child page           the real page: session, access decision, page model,
#                        templates, the access-log row durable before the answer
#   floor                the same request with scripts/bench/floor.patch applied
#                        to a temporary copy of the committed tree: everything
#                        the real page does except building the model and
#                        rendering it (the saved page's bytes are sent instead)
# The floor is what the mandatory work of a page costs; no page model or
# template engine, however fast, gets a child page above it.
# Writes build/floor/results.md (and prints it).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench/nginx.sh  # free_port, nginx_start, nginx_stop
ROOT=$PWD
OUT=build/floor; SECS=${FLOOR_SECONDS:-10}
# Short runs (make test's floor.t) assert answers, not speed: on a machine
# busy with the rest of the suite a request may wait seconds, no error.
TIMEOUT=2s; [ "$SECS" -lt 10 ] && TIMEOUT=30s
rm -rf "$OUT"; mkdir -p "$OUT"
if [ ! -f var/bench/county.db ]; then  # (bench.sh may be generating it too)
  mkdir -p var/bench
  build/majakka generate --db var/bench/county.db.tmp.$$ --scale county >/dev/null
  mv var/bench/county.db.tmp.$$ var/bench/county.db; rm -f var/bench/county.db.tmp.$$-wal var/bench/county.db.tmp.$$-shm
fi

W=$(mktemp -d)/tree
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  nginx_stop "$ROOT/$OUT/nginx"
  git worktree remove --force "$W" 2>/dev/null || true
  rmdir "$(dirname "$W")" 2>/dev/null || true
}
trap cleanup EXIT
git worktree add -q --detach "$W" HEAD
git -C "$W" apply "$ROOT/scripts/bench/floor.patch" ||
  { echo "floor: scripts/bench/floor.patch no longer applies to src/api/children.c; update it"; exit 1; }
make -C "$W" build/majakka >"$OUT/build.log" 2>&1 || { echo "floor: the patched build failed:"; tail "$OUT/build.log"; exit 1; }
BIN=$W/build/majakka

DB=$OUT/county.db
cp var/bench/county.db "$DB"
sync
serve() {  # assets-dir [VAR=value] -> PORT, PID
  local assets=$1; shift
  PORT=$(free_port)
  env "$@" "$BIN" serve --db "$DB" --listen 127.0.0.1:$PORT --assets "$assets" >"$OUT/serve.out" 2>>"$OUT/serve.err" &
  PID=$!; PIDS+=("$PID")
  for _ in $(seq 600); do grep -q serving "$OUT/serve.out" 2>/dev/null && break; sleep 0.1; done
  grep -q serving "$OUT/serve.out" || { echo "floor: the server did not start:"; cat "$OUT/serve.err"; exit 1; }
}
login() {
  curl -s -c "$OUT/cookies" -H 'Content-Type: application/json' \
       -d '{"username":"sw1","password":"majakka-bench"}' "http://127.0.0.1:$PORT/api/v1/session" >/dev/null
  export BENCH_COOKIE="majakka_session=$(awk '/majakka_session/ {print $7}' "$OUT/cookies")"
}
run_wrk() {  # name paths url
  BENCH_PATHS=$2 wrk -t2 -c64 -d${SECS}s --timeout $TIMEOUT --latency -s scripts/bench/get.lua "$3" >"$OUT/wrk.txt" 2>&1 || true
  local rps bad
  rps=$(awk '/Requests\/sec/ {print $2}' "$OUT/wrk.txt")
  bad=$(awk '/^BENCH/ {split($2,a,"="); split($3,b,"="); print a[2]+b[2]}' "$OUT/wrk.txt")
  [ "${bad:-1}" = 0 ] || { echo "floor: $1 had errors:"; cat "$OUT/wrk.txt"; exit 1; }
  echo "$1|${rps:-0}|$(awk '$1=="50%" {print $2}' "$OUT/wrk.txt")|$(awk '$1=="99%" {print $2}' "$OUT/wrk.txt")" >>"$OUT/rows.txt"
}

# The real child page, and its bytes for the others.
serve "$ROOT"
login
curl -s -b "$OUT/cookies" "http://127.0.0.1:$PORT/api/v1/children" | python3 -c \
  'import json,sys; print("\n".join("/children/%d" % c["child_id"] for c in json.load(sys.stdin)["children"] if c["phase"] != "closed"))' \
  >"$OUT/child.paths"
mkdir -p "$OUT/assets"
cp -r templates i18n static docs "$OUT/assets/"
[ -d node_modules ] && ln -s "$ROOT/node_modules" "$OUT/assets/node_modules"
curl -s -b "$OUT/cookies" "http://127.0.0.1:$PORT$(head -1 "$OUT/child.paths")" >"$OUT/assets/static/page.html"
kill "$PID"; wait "$PID" || true
SIZE=$(stat -c %s "$OUT/assets/static/page.html")
echo "/static/page.html" >"$OUT/static.paths"
: >"$OUT/rows.txt"

nginx_start "$ROOT/$OUT/nginx" "$ROOT/$OUT/assets"
run_wrk "nginx static file ($SIZE B)" "$OUT/static.paths" "http://127.0.0.1:$NPORT"
nginx_stop "$ROOT/$OUT/nginx"

serve "$ROOT/$OUT/assets" FLOOR_PAGE="$ROOT/$OUT/assets/static/page.html"
run_wrk "majakka static file: the HTTP layer alone" "$OUT/static.paths" "http://127.0.0.1:$PORT"
login
run_wrk "floor: the child page's mandatory work, no model or templates" "$OUT/child.paths" "http://127.0.0.1:$PORT"
kill "$PID"; wait "$PID" || true

serve "$ROOT"
login
run_wrk "child page" "$OUT/child.paths" "http://127.0.0.1:$PORT"
kill "$PID"; wait "$PID" || true

{
  echo "| scenario (county, 64 connections, ${SECS} s) | requests/s | vs nginx | p50 | p99 |"
  echo "|---|---|---|---|---|"
  awk -F'|' 'NR == 1 {ceil = $2} {printf "| %s | %s | %.1f %% | %s | %s |\n", $1, $2, 100 * $2 / ceil, $3, $4}' "$OUT/rows.txt"
} >"$OUT/results.md"
cat "$OUT/results.md"
