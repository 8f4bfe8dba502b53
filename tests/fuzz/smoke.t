#!/bin/sh
# smoke.t - each libFuzzer target for a few seconds from its seed corpus
# (the long runs are `make fuzz`).  A crash fails the test.
targets=$(ls build/fuzz/fuzz_* 2>/dev/null | grep -v '\.' )
n=0
for t in $targets; do n=$((n + 1)); done
if [ "$n" = 0 ]; then
	echo "1..1"
	echo "not ok 1 - no fuzz targets were built (make fuzzers)"
	exit 1
fi
echo "1..$n"
i=0
for t in $targets; do
	i=$((i + 1))
	name=$(basename "$t")
	corpus=tests/fuzz/corpus/${name#fuzz_}
	work=$(mktemp -d)
	mkdir -p build/fuzz/crashes
	if "$t" -max_total_time=3 -print_final_stats=1 -artifact_prefix=build/fuzz/crashes/ "$work" "$corpus" >"$work/log" 2>&1; then
		execs=$(grep -m1 stat::number_of_executed_units "$work/log" | awk '{print $2}')
		echo "ok $i - $name: $execs executions, no crash"
	else
		sed 's/^/# /' "$work/log" | tail -30
		echo "not ok $i - $name crashed (input kept in build/fuzz/crashes/)"
	fi
	rm -rf "$work"
done
