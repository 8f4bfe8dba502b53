#!/usr/bin/perl
# forms.t - run the Chromium walk forms.mjs (the one form pattern on the
# child page, at desktop and phone width) against a real server with a fresh
# demo database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
