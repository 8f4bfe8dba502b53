#!/usr/bin/perl
# family.t - run the Chromium walk of the same name (family.mjs: aino ticks
# her task at 360 px, eetu records his own view, sanna's plan page; axe at
# desktop and phone width) against a real server with a fresh demo database.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
