#!/usr/bin/perl
# shutdown.t - SIGTERM under load: clients keep reading child pages and
# saving journal entries while the server is told to stop.  It must exit 0
# (no crash: the bench once found a segfault here), every write it answered
# 201 must be stored, and the access log must verify.
use strict;
use warnings;
use Test::More;
use Time::HiRes qw(sleep);
use MajakkaServer;

my $srv = MajakkaServer->new;
my $c = $srv->client;
$c->login('sanna');
my @kids = map { $_->{child_id} } grep { $_->{team}{name} eq 'MAJAKKA' } @{ $c->get('/api/v1/children')->{data}{children} };
ok(@kids > 3, 'sanna has children to work with');
my $dir = $srv->dir;
my @pids;
for my $w (1 .. 4) {
    my $pid = fork // die;
    if (!$pid) {
        open my $ledger, '>', "$dir/acked.$w" or die;
        $ledger->autoflush(1);
        for my $i (1 .. 100000) {
            my $id = $kids[$i % @kids];
            my $r = $w % 2
                ? $c->get("/children/$id")
                : $c->post("/api/v1/children/$id/journal", json => { kind => 'note', text => "shutdown-$w-$i" });
            last if $r->{status} == 599 || $r->{status} == 503;
            print $ledger "shutdown-$w-$i\n" if $r->{status} == 201;
        }
        exit 0;
    }
    push @pids, $pid;
}
sleep 1.5;
is($srv->stop, 0, 'SIGTERM under load: the server exits 0');
waitpid($_, 0) for @pids;
my @acked;
for my $w (1 .. 4) { open my $f, '<', "$dir/acked.$w" or next; chomp(my @l = <$f>); push @acked, @l }
ok(@acked > 0, 'writes were answered before the stop (' . scalar(@acked) . ')');
my $stored = $srv->sql("SELECT count(*) FROM journal_entry WHERE text LIKE 'shutdown-%'");
ok($stored >= @acked, "every answered write is stored ($stored >= " . scalar(@acked) . ')');
like(`$MajakkaServer::BIN check --db ${\ $srv->db} 2>&1`, qr/hash chain verified/, 'the access log verifies');
done_testing;
