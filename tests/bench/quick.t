#!/bin/sh
# quick.t - the load scenarios of `make bench` at county scale for one second
# each: every scenario must answer without errors (the figures themselves
# are for docs/BENCHMARKS.md, from the full run).
echo "1..1"
if out=$(scripts/bench.sh --quick 2>&1); then
	echo "$out" | sed 's/^/# /'
	echo "ok 1 - quick load scenarios answer without errors"
else
	echo "$out" | sed 's/^/# /'
	echo "not ok 1 - quick load scenarios answer without errors"
fi
