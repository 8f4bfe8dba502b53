#!/usr/bin/perl
# need_to_know.t - run the Chromium walk of the same name (need_to_know.mjs:
# a partner, a worker breaking the glass, a manager) against a real server with a fresh demo
# database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
