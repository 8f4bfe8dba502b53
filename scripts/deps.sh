#!/bin/sh
# deps.sh - install what Majakka needs on Debian 12, and only what is missing.
#
#   scripts/deps.sh run    libraries and tools to build and serve
#   scripts/deps.sh test   the above plus test tools (cmocka, clang, Chromium, libfiu,
#                          slowhttptest, sqlmap and wapiti for make security and make test)
#   scripts/deps.sh bench  the above plus load-test tools (wrk, nginx)
#
# As root it runs apt-get itself; otherwise it prints the exact command and
# fails.  npm packages (htmx, playwright-core) come from package-lock.json
# through `npm ci`, re-run only when the lock file changed.
set -eu
what=${1:-run}
cd "$(dirname "$0")/.."

pkgs="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsodium-dev libsqlite3-dev sqlite3 libgraphviz-dev libcairo2-dev libical-dev"
case "$what" in
test|bench|fuzz) pkgs="$pkgs libcmocka-dev clang libclang-rt-14-dev perl chromium fonts-dejavu-core sqlmap wapiti curl fiu-utils slowhttptest" ;;
esac
case "$what" in
bench) pkgs="$pkgs wrk nginx-light bc python3 curl valgrind" ;;
esac
command -v npm >/dev/null 2>&1 || pkgs="$pkgs nodejs npm"

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "deps: installing Debian packages:$missing"
		export DEBIAN_FRONTEND=noninteractive
		apt-get -o DPkg::Lock::Timeout=600 update -qq
		apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
	else
		echo "deps: missing Debian packages:$missing" >&2
		echo "deps: install them with:  sudo apt-get install -y$missing" >&2
		exit 1
	fi
fi

stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
	echo "deps: npm ci"
	npm ci --no-audit --no-fund --loglevel=error
	touch "$stamp"
fi
