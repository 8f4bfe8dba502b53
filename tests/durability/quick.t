#!/bin/sh
# quick.t - crash durability with 3 kills (the long run is `make durability`).
exec perl -Itests/lib tests/durability/crash.pl 3 4
