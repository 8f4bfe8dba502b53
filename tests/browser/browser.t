#!/usr/bin/perl
# browser.t - run the Chromium walk of the same name (browser.mjs: a social
# worker and an administrator) against a real server with a fresh demo
# database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
