#!/usr/bin/perl
# slow.pl - slow HTTP denial-of-service attacks with slowhttptest (Debian)
# against a real server: slow headers (Slowloris), slow body (R-U-Dead-Yet)
# and slow read.  While each attack runs, a probe asks for /api/v1/health
# every 200 ms with a fresh connection; every probe must be answered 200
# within two seconds, and the server must still answer afterwards.
#
#   perl -Itests/lib tests/security/slow.pl [SECONDS] [CONNECTIONS]
# Prints TAP and one "# SLOW ..." summary line per attack.
use strict;
use warnings;
use IO::Socket::INET;
use POSIX ();
use Time::HiRes qw(time sleep);
use MajakkaServer;

my $seconds = shift // 8;
my $conns = shift // 300;
if (!-x '/usr/bin/slowhttptest') {
    print "1..1\nnot ok 1 - slowhttptest is not installed (scripts/deps.sh test installs it)\n";
    exit 1;
}
my $srv = MajakkaServer->new;
my $port = $srv->port;
my @attacks = (
    [ 'slow headers (Slowloris)', '-H', '-i', '2' ],
    [ 'slow body (R-U-Dead-Yet)', '-B', '-i', '2', '-s', '8192', '-t', 'POST' ],
    [ 'slow read', '-X', '-k', '3', '-n', '2', '-w', '10', '-y', '20', '-z', '32' ],
);
printf "1..%d\n", 2 * @attacks + 1;
my $n = 0;

# One probe: a new connection, GET /api/v1/health; seconds taken or undef.
sub probe {
    my $t0 = time;
    my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port, Timeout => 2) or return undef;
    $s->autoflush(1);
    print $s "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1:$port\r\nConnection: close\r\n\r\n";
    my $buf = '';
    my $rin = '';
    vec($rin, fileno($s), 1) = 1;
    while (time - $t0 < 2) {
        my $r = $rin;
        last unless select($r, undef, undef, 2 - (time - $t0)) > 0;
        my $got = sysread($s, $buf, 4096, length $buf);
        last unless $got;
    }
    return $buf =~ m{^HTTP/1\.1 200} ? time - $t0 : undef;
}

for my $attack (@attacks) {
    my ($name, @opts) = @$attack;
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open STDOUT, '>', $srv->dir . '/slow.out' or die;
        open STDERR, '>&', \*STDOUT or die;
        { exec 'slowhttptest', @opts, '-c', $conns, '-r', $conns, '-l', $seconds, '-p', '2',
              '-u', "http://127.0.0.1:$port/login" }
        POSIX::_exit(127);
    }
    sleep 1.5;  # let it open its connections
    my ($probes, $ok, $worst) = (0, 0, 0);
    while (waitpid($pid, POSIX::WNOHANG()) == 0) {
        my $t = probe();
        $probes++;
        if (defined $t) { $ok++; $worst = $t if $t > $worst }
        sleep 0.2;
    }
    my $out = do { local $/; open my $f, '<', $srv->dir . '/slow.out'; <$f> // '' };
    $out =~ s/\e\[[0-9;]*[A-Za-z]//g;  # its colours
    my ($peak) = sort { $b <=> $a } 0, $out =~ /connected:\s+(\d+)/g;
    printf "# SLOW %s: %d attack connections at most, %d probes, %d answered, slowest %.3f s\n",
        $name, $peak, $probes, $ok, $worst;
    $n++;
    print(($probes >= 3 && $ok == $probes ? 'ok' : 'not ok'), " $n - during $name every probe was answered ($ok of $probes)\n");
    $n++;
    print(($peak >= $conns / 2 ? 'ok' : 'not ok'), " $n - ... while the attack held $peak connections\n");
}
$n++;
my $t = probe();
print((defined $t ? 'ok' : 'not ok'), " $n - the server answers after the attacks\n");
$srv->stop;
