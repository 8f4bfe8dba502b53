#!/usr/bin/perl
# every_page.t - run the Chromium walk of the same name (every_page.mjs:
# every page each demo user can reach, at desktop and phone width, axe-core
# with every rule) against a real server with a fresh demo database.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
