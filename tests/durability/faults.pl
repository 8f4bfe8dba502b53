#!/usr/bin/perl
# faults.pl - durability under storage faults: the server runs under
# libfiu's fiu-run with the POSIX preload library, and while concurrent
# writers save journal entries and notifications, fiu-ctrl switches on
# random failures of fsync/fdatasync and of pwrite/write/ftruncate (some
# failing outright, some short) for a while, then off again.
#
# What must hold:
#   - the faults fired: the server refused writes (5xx) and logged I/O errors,
#     otherwise the run proves nothing;
#   - a write whose storage failed is answered 503 (try again), never 201,
#     and the server neither crashes nor hangs;
#   - readers open case pages meanwhile: every page shown (200) has its row
#     in the access log (the row is durable before the answer leaves), a
#     read whose row could not be stored is answered 503;
#   - once the faults stop, the same server process acknowledges writes again
#     (the writer connection recovers without a restart);
#   - in one cycle the server is killed with SIGKILL while faults are on and
#     restarted; at the end it is restarted once more without fault
#     injection and takes writes;
#   - every write answered 201 is in the database exactly once, PRAGMA
#     integrity_check is ok and the access log's hash chain verifies.
#
#   perl -Itests/lib tests/durability/faults.pl [CYCLES] [WRITERS] [SECONDS_ON] [PROBABILITY]
# Prints TAP and a summary line "# FAULTS ...".
use strict;
use warnings;
use Durability;
use Time::HiRes qw(time sleep);

my $cycles = shift // 3;
my $writers = shift // 4;
my $seconds_on = shift // 0.5;
my $probability = shift // 0.05;

# The fault sets, used in turn cycle by cycle.
my %sets = (
    sync  => [qw(posix/io/sync/fsync posix/io/sync/fdatasync)],
    write => [qw(posix/io/rw/pwrite posix/io/rw/pwrite/reduce posix/io/rw/write posix/io/rw/ftruncate)],
);
$sets{all} = [ @{ $sets{sync} }, @{ $sets{write} } ];
my @order = qw(sync write all);

print "1..11\n";
if (!-x '/usr/bin/fiu-run' || !-e '/usr/lib/fiu/fiu_posix_preload.so') {
    print "ok $_ # skip libfiu is not installed (scripts/deps.sh test installs fiu-utils)\n" for 1 .. 11;
    exit 0;
}

my $d = Durability->new(tag => 'faults');
my $fifo = $d->dir . '/fiu';
$d->set_wrap('fiu-run', '-x', '-f', $fifo);

# Send libfiu commands to the running server through its control FIFO.
sub fiu {
    my (@cmds) = @_;
    my $out = `timeout 10 fiu-ctrl -f $fifo @{[ map { "-c '$_'" } @cmds ]} @{[ $d->pid ]} 2>&1`;
    die "fiu-ctrl failed ($?): $out" if $? || $out =~ /\S/;
}

my $t0 = time;
$d->start_server;
$d->login;
my $read_rows0 = $d->read_rows;
$d->start_writers($writers);
$d->start_readers(2);
my $warm = $d->wait_acks(0, 20, 15);

my $kill_cycle = int($cycles / 2);
my ($kills, $recovered, $survived, $refused_on) = (0, 0, 0, 0);
my @notes;
for my $c (0 .. $cycles - 1) {
    my $set = $order[$c % @order];
    my $refused0 = $d->count('refused');
    fiu(map { "enable_random name=$_,probability=$probability" } @{ $sets{$set} });
    # Faults stay on for SECONDS_ON, and longer until a few writes were
    # refused (at most 20 s more), so every phase surely injects some.
    my $on0 = time;
    sleep 0.05 while time - $on0 < $seconds_on || ($d->count('refused') < $refused0 + 5 && time - $on0 < $seconds_on + 20);
    $refused_on += $d->count('refused') - $refused0;
    if ($c == $kill_cycle) {
        $d->kill_server;
        $kills++;
        $d->start_server;  # a new process: no faults enabled
        $survived++;
    } elsif ($d->alive) {
        $survived++;
        fiu(map { "disable name=$_" } @{ $sets{$set} });
    } else {
        push @notes, "cycle $c ($set): the server died under faults (wait status $d->{server}{status})";
        $d->start_server;
    }
    # Faults off: the same writer connection must take writes again.
    my $acked = $d->count('ledger');
    if ($d->wait_acks($acked, 20, 15)) {
        $recovered++;
    } else {
        push @notes, "cycle $c ($set): no write acknowledged within 15 s after the faults stopped";
    }
}
$d->stop_writers;
my $graceful = $d->stop_server;

# A clean restart without fault injection: the database takes writes.
$d->set_wrap();
$d->start_server;
$d->start_writers($writers);
my $clean = $d->wait_acks($d->count('ledger'), 20, 15);
$d->stop_writers;
my $clean_graceful = $d->stop_server;

my $v = $d->verify;
my $log = $d->log;
my $faults = () = $log =~ /I\/O error|disk is full/g;
my $refused = $d->count('refused');
my $by = $d->refused_by_status;
my $not503 = $refused - ($by->{503} // 0);
my $timeouts = $d->count('failed', qr/timed out/i) + $d->count('read_failed', qr/timed out/i);
my $reads = $d->count('read_ok');
my $reads_refused = $d->count('read_refused');
my $reads_not503 = $reads_refused - $d->count('read_refused', qr/^503 /);
my $read_rows = $d->read_rows - $read_rows0;
my $secs = time - $t0;
my $statuses = join(',', map { "$_:$by->{$_}" } sort keys %$by) || 'none';

print "# $_\n" for @notes;
print(($refused_on > 0 && $faults > 0 ? "ok" : "not ok") . " 1 - the faults fired: $refused_on writes refused while faults were on, $faults I/O errors logged\n");
print(($not503 == 0 && $reads_not503 == 0 ? "ok" : "not ok") . " 2 - every refused write was answered 503 ($statuses), every refused read too ($reads_refused, $reads_not503 not 503)\n");
print(($survived == $cycles && $timeouts == 0 ? "ok" : "not ok") . " 3 - the server survived every fault phase ($survived of $cycles) and answered every request in time ($timeouts timeouts)\n");
print(($recovered == $cycles && $warm ? "ok" : "not ok") . " 4 - writes were acknowledged again after each fault phase ($recovered of $cycles)\n");
print(($clean && $graceful && $clean_graceful ? "ok" : "not ok") . " 5 - clean restart without faults takes writes; graceful stops\n");
print(($v->{acked} > 0 ? "ok" : "not ok") . " 6 - writes were acknowledged ($v->{acked})\n");
print(($v->{lost} == 0 ? "ok" : "not ok") . " 7 - no acknowledged write was lost ($v->{lost} lost)\n");
print(($v->{dup} == 0 ? "ok" : "not ok") . " 8 - none is stored twice ($v->{dup} duplicates)\n");
print(($v->{integrity} eq 'ok' ? "ok" : "not ok") . " 9 - PRAGMA integrity_check is ok\n");
print(($v->{chain_ok} ? "ok" : "not ok") . " 10 - the access log's hash chain verifies\n");
print(($reads > 0 && $read_rows >= $reads ? "ok" : "not ok") . " 11 - every page shown has its access-log row ($reads shown, $read_rows rows)\n");
if ($not503 || $reads_not503 || $v->{lost} || !$v->{chain_ok}) {
    print "# $_\n" for grep { /error|warn/ } (split /\n/, $log)[-20 .. -1];
    print "# check: $v->{check_output}\n";
}
printf "# FAULTS cycles=%d kills=%d writers=%d probability=%s acknowledged=%d refused=%d (%s) refused_but_stored=%d"
    . " reads_shown=%d reads_refused=%d faults_logged=%d lost=%d duplicates=%d seconds=%.0f\n",
    $cycles, $kills, $writers, $probability, $v->{acked}, $refused, $statuses, $v->{refused_stored},
    $reads, $reads_refused, $faults, $v->{lost}, $v->{dup}, $secs;
