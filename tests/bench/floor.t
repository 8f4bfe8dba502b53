#!/bin/sh
# floor.t - scripts/floor.sh for one second a scenario: its patch still
# applies to the child page handler, the patched copy builds, and all four
# scenarios answer without errors (the figures are for docs/BENCHMARKS.md).
echo "1..1"
if out=$(FLOOR_SECONDS=1 scripts/floor.sh 2>&1); then
	echo "$out" | sed 's/^/# /'
	echo "ok 1 - the floor scenarios run and answer without errors"
else
	echo "$out" | sed 's/^/# /'
	echo "not ok 1 - the floor scenarios run and answer without errors"
fi
