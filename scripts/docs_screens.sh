#!/bin/sh
# docs_screens.sh - take the screenshots of docs/VIEWS.md from a fresh demo
# database: build/majakka must be built; writes docs/screens/*.png.
#   scripts/docs_screens.sh [port]
set -eu
port=${1:-18108}
dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
build/majakka demo --db "$dir/db.sqlite" >/dev/null
build/majakka serve --db "$dir/db.sqlite" --listen "127.0.0.1:$port" >"$dir/serve.out" 2>"$dir/serve.log" &
pid=$!
i=0
until grep -q "http://127.0.0.1:$port/" "$dir/serve.out" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 300 ] || { cat "$dir/serve.log"; exit 1; }
	sleep 0.1
done
node scripts/docs_screens.mjs "http://127.0.0.1:$port" docs/screens
