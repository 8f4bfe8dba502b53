#!/usr/bin/perl
# toolbox.t - run the Chromium walk of the same name (toolbox.mjs: sanna
# fills a child's Three Houses and a hypothesis, at desktop and phone width)
# against a real server with a fresh demo database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
