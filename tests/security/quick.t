#!/bin/sh
# quick.t - the quick scans of scripts/security.sh --quick: sqlmap at level 1
# on the search parameter, and wapiti with all its modules on the pages
# before login (about 10 s together).  The full scans - sqlmap at level 5 /
# risk 3 on every parameterised endpoint, wapiti logged in as a worker too -
# are `make security`.
echo "1..2"
n=0
for tool in sqlmap wapiti; do
	n=$((n + 1))
	if out=$(scripts/security.sh --quick $tool 2>&1); then
		echo "$out" | sed 's/^/# /'
		echo "ok $n - $tool finds nothing"
	else
		echo "$out" | sed 's/^/# /'
		echo "not ok $n - $tool finds nothing"
	fi
done
