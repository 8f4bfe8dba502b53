#!/usr/bin/perl
# crash.pl - crash durability: concurrent writers save journal entries and
# notifications while the server is killed with SIGKILL at random moments
# and restarted.  Every write answered with success is kept in a ledger; at
# the end each must be in the database exactly once, PRAGMA integrity_check
# must be ok and the access log's hash chain must verify.
#
#   perl -Itests/lib tests/durability/crash.pl [KILLS] [WRITERS]
# Prints TAP.
use strict;
use warnings;
use Durability;
use Time::HiRes qw(time sleep);

my $kills = shift // 3;
my $writers = shift // 4;
my $d = Durability->new(tag => 'crash');
print "1..5\n";

$d->start_server;
$d->login;
$d->start_writers($writers);

my ($done_kills, $t0) = (0, time);
srand(42);
while ($done_kills < $kills) {
    sleep 0.3 + rand(1.2);
    $d->kill_server;
    $done_kills++;
    $d->start_server;
}
sleep 0.5;
$d->stop_writers;
my $graceful = $d->stop_server;

my $v = $d->verify;
my $secs = time - $t0;
print(($v->{acked} > 0 ? "ok" : "not ok") . " 1 - writes were acknowledged ($v->{acked} in $done_kills kills, " . sprintf('%.0f', $secs) . " s)\n");
print(($v->{lost} == 0 ? "ok" : "not ok") . " 2 - no acknowledged write was lost ($v->{lost} lost)\n");
print(($v->{dup} == 0 ? "ok" : "not ok") . " 3 - none is stored twice ($v->{dup} duplicates)\n");
print(($v->{integrity} eq 'ok' ? "ok" : "not ok") . " 4 - PRAGMA integrity_check is ok\n");
print(($v->{chain_ok} ? "ok" : "not ok") . " 5 - the access log's hash chain verifies\n");
print "# DURABILITY kills=$done_kills writers=$writers acknowledged=$v->{acked} lost=$v->{lost} duplicates=$v->{dup} graceful_final_stop=" . ($graceful ? 1 : 0) . "\n";
