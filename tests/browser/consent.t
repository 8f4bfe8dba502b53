#!/usr/bin/perl
# consent.t - run the Chromium walk of the same name (consent.mjs:
# sanna records a consent at desktop and phone width) against a
# real server with a fresh demo database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
