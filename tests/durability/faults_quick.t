#!/bin/sh
# faults_quick.t - durability under injected fsync/write failures, 3 short
# fault phases with one SIGKILL (the long run is `make durability`).
exec perl -Itests/lib tests/durability/faults.pl 3 4 0.5 0.05
