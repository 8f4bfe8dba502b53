#!/bin/sh
# private_dir.t - the bench scripts from a tree in a folder only its owner may
# enter, as when a newcomer clones into a folder made by `mktemp -d` (mode
# 0700) or into root's home: nginx's ceiling (scripts/bench/nginx.sh) must
# answer 2xx there, and the quick load scenarios must run without errors.
# The tree is a copy of this one (the working files, build/majakka, and the
# generated bench data shared through var/bench).
echo "1..2"
ROOT=$(pwd)
T=$(mktemp -d) || { echo "not ok 1 - mktemp -d"; echo "not ok 2 - mktemp -d"; exit 0; }
NGX=
cleanup() {
	[ -n "$NGX" ] && [ -f "$NGX/nginx.pid" ] && kill "$(cat "$NGX/nginx.pid")" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
chmod 700 "$T"
W=$T/tree
mkdir -p "$W/build" "$ROOT/var/bench"
tar -C "$ROOT" --exclude=./build --exclude=./var --exclude=./node_modules --exclude=./.git -cf - . |
	tar -C "$W" -xf -
cp "$ROOT/build/majakka" "$W/build/majakka"
mkdir -p "$W/var"
ln -s "$ROOT/var/bench" "$W/var/bench"
echo "# tree copied to $W (folder mode $(stat -c %a "$T"), running as $(id -un))"

# 1. nginx alone, serving a file from inside the private folder.
mkdir -p "$W/build/www"
echo "ceiling" >"$W/build/www/page.html"
NGX=$W/build/nginx
status=$(
	cd "$W" && . scripts/bench/nginx.sh && nginx_start "$NGX" "$W/build/www" >/dev/null 2>&1 &&
	for i in 1 2 3 4; do curl -s -o /dev/null -w '%{http_code} ' "http://127.0.0.1:$NPORT/page.html"; done
)
[ -f "$NGX/nginx.pid" ] && kill "$(cat "$NGX/nginx.pid")" 2>/dev/null
if [ "$status" = "200 200 200 200 " ]; then
	echo "ok 1 - nginx serves 200 from a 0700 folder"
else
	echo "# answers: ${status:-none}"
	[ -f "$NGX/error.log" ] && sed 's/^/# /' "$NGX/error.log" | tail -5
	echo "not ok 1 - nginx serves 200 from a 0700 folder"
fi

# 2. The quick load scenarios (nginx among them) from the private tree.
if out=$(cd "$W" && MAJAKKA_BIN=build/majakka scripts/bench.sh --quick 2>&1); then
	echo "$out" | sed 's/^/# /'
	echo "ok 2 - quick load scenarios from a 0700 folder answer without errors"
else
	echo "$out" | sed 's/^/# /'
	echo "not ok 2 - quick load scenarios from a 0700 folder answer without errors"
fi
