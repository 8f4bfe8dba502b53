#!/usr/bin/perl
# polish.t - run the Chromium walk of the same name (polish.mjs: a mapping
# invitation made from the child's page and answered in one click, the team
# page's children as cards at phone width, the asker's questions in my work)
# against a real server with a fresh demo database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;
exit MajakkaServer::run_walk($0);
