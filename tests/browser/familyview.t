#!/usr/bin/perl
# familyview.t - run the Chromium walk of the same name (familyview.mjs:
# the family view at desktop and phone width, and aino's family portal with
# the meeting and Eetu's Three Houses) against a real server with a fresh
# demo database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
