#!/usr/bin/perl
# meetings.t - run the Chromium walk of the same name (meetings.mjs: kirsi
# prepares and records a weekly meeting at desktop and phone width) against
# a real server with a fresh demo database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
