#!/bin/sh
# slow.t - slow HTTP attacks (slowhttptest: slow headers, slow body, slow
# read), 6 s each with 300 connections, while a probe must keep being served;
# the long run (60 s each, 450 connections) is part of `make security`.
exec perl -Itests/lib tests/security/slow.pl 6 300
