#!/usr/bin/perl
# partners.t - run the Chromium walk of the same name (partners.mjs: a
# partner answers a mapping invitation in one click, the inviter's board,
# the assessment and the partner map at desktop and phone width) against a
# real server with a fresh demo database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
