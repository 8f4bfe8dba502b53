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
use File::Temp qw(tempdir);
use HTTP::Tiny;
use JSON::PP;
use POSIX ();
use Time::HiRes qw(time sleep);

my $kills = shift // 3;
my $writers = shift // 4;
my $bin = $ENV{MAJAKKA_BIN} // 'build/majakka';
my $dir = tempdir('majakka-crash-XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $db = "$dir/db.sqlite";
system("$bin demo --db $db >/dev/null 2>&1") == 0 or die "demo failed";
my $json = JSON::PP->new->utf8;
print "1..5\n";

my $server;
sub start_server {
    pipe(my $r, my $w) or die;
    my $pid = fork // die;
    if (!$pid) {
        close $r;
        open STDOUT, '>&', $w or die;
        open STDERR, '>>', "$dir/server.log" or die;
        exec $bin, 'serve', '--db', $db, '--listen', '127.0.0.1:0';
        die;
    }
    close $w;
    my $line = <$r>;
    die "server did not start" unless $line && $line =~ /:(\d+)\//;
    open my $pf, '>', "$dir/port.tmp" or die;
    print $pf $1;
    close $pf;
    rename "$dir/port.tmp", "$dir/port";
    $server = { pid => $pid, pipe => $r };
}
start_server();

# The children sanna may write to, and a session for each writer.
sub port { open my $f, '<', "$dir/port" or return 0; my $p = <$f>; $p }
my $http = HTTP::Tiny->new(timeout => 5);
my $login = $http->post("http://127.0.0.1:" . port() . "/api/v1/session",
    { headers => { 'Content-Type' => 'application/json' }, content => '{"username":"sanna","password":"majakka-demo"}' });
my ($cookie) = ($login->{headers}{'set-cookie'} // '') =~ /(majakka_session=[^;]+)/;
my $csrf = $json->decode($login->{content})->{csrf_token};
my $kids = $json->decode($http->get("http://127.0.0.1:" . port() . "/api/v1/children",
    { headers => { Cookie => $cookie } })->{content})->{children};
my @ids = map { $_->{child_id} } grep { $_->{team}{name} eq 'MAJAKKA' } @$kids;

my @wpids;
for my $w (1 .. $writers) {
    my $pid = fork // die;
    if (!$pid) {
        my $h = HTTP::Tiny->new(timeout => 5, keep_alive => 0);
        open my $ledger, '>>', "$dir/ledger.$w" or die;
        $ledger->autoflush(1);
        my $seq = 0;
        while (!-e "$dir/stop") {
            $seq++;
            my $id = $ids[$seq % @ids];
            my $text = "durability-$w-$seq";
            my ($path, $body) = $seq % 3
                ? ("/api/v1/children/$id/journal", { kind => 'note', text => $text })
                : ("/api/v1/notifications", { child_id => $id + 0, kind => 'contact', sender_type => 'other',
                                              received_at => POSIX::strftime('%Y-%m-%dT%H:%M', localtime(time - 3600)), text => $text });
            my $r = $h->post("http://127.0.0.1:" . port() . $path, { headers => {
                'Content-Type' => 'application/json', Cookie => $cookie, 'X-CSRF-Token' => $csrf },
                content => $json->encode($body) });
            if ($r->{status} == 201) {
                print $ledger ($seq % 3 ? "journal" : "notification"), " $text\n";
            } else {
                sleep 0.02;
            }
        }
        exit 0;
    }
    push @wpids, $pid;
}

my ($done_kills, $t0) = (0, time);
srand(42);
while ($done_kills < $kills) {
    sleep 0.3 + rand(1.2);
    kill 'KILL', $server->{pid};
    waitpid($server->{pid}, 0);
    $done_kills++;
    start_server();
}
sleep 0.5;
open my $stop, '>', "$dir/stop" or die;
close $stop;
waitpid($_, 0) for @wpids;
kill 'TERM', $server->{pid};
waitpid($server->{pid}, 0);
my $graceful = $? == 0;

my (%acked, $acked);
for my $w (1 .. $writers) {
    open my $l, '<', "$dir/ledger.$w" or next;
    while (<$l>) { chomp; my ($kind, $text) = split / /; $acked{$kind}{$text}++; $acked++ }
}
my %stored;
for my $q (["journal", "SELECT text, count(*) FROM journal_entry WHERE text LIKE 'durability-%' GROUP BY text"],
           ["notification", "SELECT text, count(*) FROM notification WHERE text LIKE 'durability-%' GROUP BY text"]) {
    open my $p, '-|', 'sqlite3', '-separator', ' ', $db, $q->[1] or die;
    while (<$p>) { chomp; my ($t, $n) = split / /; $stored{$q->[0]}{$t} = $n }
}
my ($lost, $dup) = (0, 0);
for my $kind (keys %acked) {
    for my $t (keys %{ $acked{$kind} }) {
        my $n = $stored{$kind}{$t} // 0;
        $lost++ if $n == 0;
        $dup++ if $n > 1;
    }
}
my $integrity = `sqlite3 $db 'PRAGMA integrity_check'`;
chomp $integrity;
my $check = `$bin check --db $db 2>&1`;
my $secs = time - $t0;
print(($acked > 0 ? "ok" : "not ok") . " 1 - writes were acknowledged ($acked in $done_kills kills, " . sprintf('%.0f', $secs) . " s)\n");
print(($lost == 0 ? "ok" : "not ok") . " 2 - no acknowledged write was lost ($lost lost)\n");
print(($dup == 0 ? "ok" : "not ok") . " 3 - none is stored twice ($dup duplicates)\n");
print(($integrity eq 'ok' ? "ok" : "not ok") . " 4 - PRAGMA integrity_check is ok\n");
print(($check =~ /hash chain verified/ && $? == 0 ? "ok" : "not ok") . " 5 - the access log's hash chain verifies\n");
print "# DURABILITY kills=$done_kills writers=$writers acknowledged=$acked lost=$lost duplicates=$dup graceful_final_stop=" . ($graceful ? 1 : 0) . "\n";
