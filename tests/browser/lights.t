#!/usr/bin/perl
# lights.t - run the Chromium walk of the same name (lights.mjs: sanna rates
# a child in MAJAKKA's round and sees it on the board, at desktop and phone
# width; kalle answers the consultation waiting in his my work) against a
# real server with a fresh demo database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
