#!/usr/bin/perl
# browser.t - run the Chromium walk (walk.mjs) against a real server with a
# fresh demo database and relay its TAP.
use strict;
use warnings;
use lib 'tests/lib';
use MajakkaServer;

my $srv = MajakkaServer->new;
$| = 1;
my $shots = $ENV{MAJAKKA_SHOTS} // 'build/screens';
system('node', 'tests/browser/walk.mjs', $srv->base, $shots);
my $rc = $? >> 8;
my $st = $srv->stop;
if ($st != 0) { print "not ok 999 - server stopped gracefully (status $st)\n"; exit 1 }
exit $rc;
