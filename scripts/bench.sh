#!/usr/bin/env bash
# bench.sh - load scenarios with wrk against generated county and nation
# databases, next to nginx serving a static file of the child page's size.
#
#   scripts/bench.sh [--quick]     full: both scales, 10 s a scenario, 64 connections
#                                  quick: county only, 1 s, 8 connections (make test)
# Writes the table to build/bench/results.md (and prints it).
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=0; [ "${1:-}" = "--quick" ] && QUICK=1
BIN=${MAJAKKA_BIN:-build/majakka}
OUT=build/bench; mkdir -p "$OUT" var/bench
DUR=10s; CONN=64; THREADS=2; SCALES="county nation"
if [ $QUICK = 1 ]; then DUR=1s; CONN=8; SCALES="county"; fi

gen() {  # generate once per scale; the database is reused by later runs
  local scale=$1 db=var/bench/$1.db
  if [ ! -f "$db" ]; then
    local t0=$(date +%s.%N)
    "$BIN" generate --db "$db.tmp" --scale "$scale" >"$OUT/generate-$scale.log" 2>&1
    mv "$db.tmp" "$db"; rm -f "$db.tmp-wal" "$db.tmp-shm"
    echo "$scale $(echo "$(date +%s.%N) - $t0" | bc) $(du -m "$db" | cut -f1)" >"$OUT/generate-$scale.txt"
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }

run_wrk() {  # name script url -> appends a row
  local name=$1 script=$2 url=$3 log="$OUT/wrk-$SCALE-$1.txt"
  wrk -t$THREADS -c$CONN -d$DUR --latency -s "$script" "$url" >"$log" 2>&1 || true
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' "$log")
  p50=$(awk '$1=="50%" {print $2}' "$log")
  p99=$(awk '$1=="99%" {print $2}' "$log")
  bad=$(awk '/^BENCH/ {split($2,a,"="); split($3,b,"="); print a[2]+b[2]}' "$log")
  echo "$SCALE|$name|${rps:-0}|${p50:-?}|${p99:-?}|${bad:-?}" >>"$OUT/rows.txt"
}

: >"$OUT/rows.txt"
for SCALE in $SCALES; do
  gen "$SCALE"
  # Each run starts from the pristine generated data (the write scenario adds rows).
  DB=$OUT/$SCALE-run.db
  rm -f "$DB" "$DB-wal" "$DB-shm"
  cp "var/bench/$SCALE.db" "$DB"
  PORT=$(free_port)
  "$BIN" serve --db "$DB" --listen 127.0.0.1:$PORT >"$OUT/serve-$SCALE.out" 2>"$OUT/serve-$SCALE.err" &
  PID=$!
  for i in $(seq 50); do grep -q serving "$OUT/serve-$SCALE.out" 2>/dev/null && break; sleep 0.1; done
  BASE=http://127.0.0.1:$PORT
  LOGIN=$(curl -s -c "$OUT/cookies" -H 'Content-Type: application/json' \
          -d '{"username":"sw1","password":"majakka-bench"}' "$BASE/api/v1/session")
  export BENCH_CSRF=$(echo "$LOGIN" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  export BENCH_COOKIE="majakka_session=$(awk '/majakka_session/ {print $7}' "$OUT/cookies")"
  IDS=$(curl -s -b "$OUT/cookies" "$BASE/api/v1/children" | python3 -c \
        'import json,sys; print("\n".join(str(c["child_id"]) for c in json.load(sys.stdin)["children"] if c["phase"] != "closed"))')
  TEAM=$(curl -s -b "$OUT/cookies" "$BASE/api/v1/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["teams"][0]["id"])')
  echo "$IDS" | sed 's|^|/children/|' >"$OUT/child.paths"
  echo "/teams/$TEAM" >"$OUT/team.paths"
  echo "/" >"$OUT/work.paths"
  echo "$IDS" | sed 's|^\(.*\)$|/api/v1/children/\1/journal|' >"$OUT/journal.paths"
  HETU=$(sqlite3 "$DB" "SELECT hetu FROM person p JOIN child_case c ON c.child_id = p.id WHERE c.team_id = $TEAM AND hetu IS NOT NULL LIMIT 1")
  printf '/api/v1/persons?q=Virtanen\n/api/v1/persons?q=M%%C3%%A4k\n/api/v1/persons?q=%s\n' "$HETU" >"$OUT/search.paths"

  # nginx with a static file of the child page's size, same wrk settings.
  FIRST=$(head -1 "$OUT/child.paths")
  curl -s -b "$OUT/cookies" "$BASE$FIRST" >"$OUT/static.html"
  SIZE=$(stat -c %s "$OUT/static.html")
  NPORT=$(free_port)
  mkdir -p "$OUT/nginx"
  cat >"$OUT/nginx/nginx.conf" <<NGX
worker_processes 2;
pid $PWD/$OUT/nginx/nginx.pid;
error_log $PWD/$OUT/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $PWD/$OUT/nginx; proxy_temp_path $PWD/$OUT/nginx;
  fastcgi_temp_path $PWD/$OUT/nginx; uwsgi_temp_path $PWD/$OUT/nginx; scgi_temp_path $PWD/$OUT/nginx;
  server { listen 127.0.0.1:$NPORT; root $PWD/$OUT; location / { } }
}
NGX
  nginx -c "$PWD/$OUT/nginx/nginx.conf"
  echo "/static.html" >"$OUT/static.paths"
  BENCH_PATHS=$OUT/static.paths run_wrk "nginx static file ($SIZE B)" scripts/bench/get.lua "http://127.0.0.1:$NPORT"
  kill "$(cat "$OUT/nginx/nginx.pid")" 2>/dev/null || true

  BENCH_PATHS=$OUT/child.paths run_wrk "child page" scripts/bench/get.lua "$BASE"
  BENCH_PATHS=$OUT/team.paths run_wrk "team page" scripts/bench/get.lua "$BASE"
  BENCH_PATHS=$OUT/work.paths run_wrk "my work" scripts/bench/get.lua "$BASE"
  BENCH_ACCEPT=application/json BENCH_PATHS=$OUT/search.paths run_wrk "person search" scripts/bench/get.lua "$BASE"
  BENCH_PATHS=$OUT/journal.paths run_wrk "save journal entry" scripts/bench/post.lua "$BASE"
  RSS=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
  echo "$SCALE|server peak memory (VmHWM)|$((RSS / 1024)) MB|||" >>"$OUT/rows.txt"
  kill -TERM $PID; wait $PID || true
  "$BIN" check --db "$DB" >"$OUT/check-$SCALE.txt" 2>&1 || { echo "check failed after the $SCALE run"; cat "$OUT/check-$SCALE.txt"; exit 1; }
done

{
  echo "| scale | scenario | requests/s | p50 | p99 | non-2xx or errors |"
  echo "|---|---|---|---|---|---|"
  awk -F'|' '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$OUT/rows.txt"
} >"$OUT/results.md"
cat "$OUT/results.md"
for s in $SCALES; do [ -f "$OUT/generate-$s.txt" ] && echo "generate: $(cat "$OUT/generate-$s.txt") (scale, seconds, MB)"; done
# Every scenario must have answered without errors.
if awk -F'|' '$6 != "" && $6 != "0" {bad=1} END {exit !bad}' "$OUT/rows.txt"; then
  echo "bench: some scenario had non-2xx answers or socket errors (see $OUT/wrk-*.txt)"; exit 1
fi
