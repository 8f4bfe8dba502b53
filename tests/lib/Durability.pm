# Durability.pm - the shared harness of the durability tests
# (tests/durability/crash.pl, tests/durability/faults.pl).
#
# A demo database in a temporary directory; a server that can be killed and
# restarted at will, optionally under a wrapper command (fiu-run); forked
# writer processes that save journal entries and notifications and keep a
# ledger of every write answered with success (201) and a count of every
# write the server refused (5xx); readers that count the case pages they were
# shown; and the final checks: each acknowledged write stored exactly once,
# PRAGMA integrity_check ok, and `majakka check` verifying the access log's
# hash chain.  Core Perl modules only.
package Durability;
use strict;
use warnings;
use File::Temp qw(tempdir);
use HTTP::Tiny;
use JSON::PP;
use POSIX ();
use Time::HiRes qw(time sleep);
use MajakkaServer ();

# new(tag => 'crash', wrap => [cmd...], env => {K => V}): a fresh demo
# database; the server is not started yet.
sub new {
    my ($class, %opt) = @_;
    my $bin = $ENV{MAJAKKA_BIN} // 'build/majakka';
    my $dir = tempdir('majakka-' . ($opt{tag} // 'durability') . '-XXXXXX', TMPDIR => 1, CLEANUP => !$ENV{KEEP});
    my $db = "$dir/db.sqlite";
    system("$bin demo --db $db >/dev/null 2>&1") == 0 or die "demo failed";
    return bless { bin => $bin, dir => $dir, db => $db, wrap => $opt{wrap} // [], env => $opt{env} // {},
                   json => JSON::PP->new->utf8, writers => [], nwriters => 0, owner => $$ }, $class;
}

# The command the next start_server runs the server under (none: plain).
sub set_wrap { my ($self, @cmd) = @_; $self->{wrap} = [@cmd] }

sub dir { $_[0]{dir} }
sub db { $_[0]{db} }
sub bin { $_[0]{bin} }
sub pid { $_[0]{server} ? $_[0]{server}{pid} : 0 }

# Start the server (under the wrapper, if any) and publish its port in
# DIR/port for the writers, which re-read it on every request.
sub start_server {
    my ($self) = @_;
    my $dir = $self->{dir};
    my $s = MajakkaServer::spawn(bin => $self->{bin}, db => $self->{db}, dir => $dir,
                                 wrap => $self->{wrap}, env => $self->{env});
    open my $pf, '>', "$dir/port.tmp" or die;
    print $pf $s->{port};
    close $pf;
    rename "$dir/port.tmp", "$dir/port" or die;
    $self->{server} = $s;
    return $s->{pid};
}

sub port {
    my ($self) = @_;
    open my $f, '<', "$self->{dir}/port" or return 0;
    my $p = <$f>;
    return $p // 0;
}

sub url { my ($self, $path) = @_; "http://127.0.0.1:" . $self->port . $path }

# SIGKILL the server and reap it.
sub kill_server {
    my ($self) = @_;
    my $s = delete $self->{server} or return;
    return if defined $s->{status};
    kill 'KILL', $s->{pid};
    waitpid($s->{pid}, 0);
}

# SIGTERM the server; true when it exited 0 within 20 s (else SIGKILL).
sub stop_server {
    my ($self) = @_;
    my $s = delete $self->{server} or return 0;
    return 0 if defined $s->{status};  # it had already died
    return MajakkaServer::terminate($s->{pid}) == 0;
}

sub log { my $s = shift; open my $f, '<', "$s->{dir}/server.log" or return ''; local $/; <$f> // '' }

# Log in as sanna (a MAJAKKA team worker) and find the children she may
# write to.  Needs a running server.
sub login {
    my ($self) = @_;
    my $http = HTTP::Tiny->new(timeout => 10);
    my $res = $http->post($self->url('/api/v1/session'), { headers => { 'Content-Type' => 'application/json' },
        content => '{"username":"sanna","password":"majakka-demo"}' });
    die "login failed: $res->{status}" unless $res->{status} == 201;
    ($self->{cookie}) = ($res->{headers}{'set-cookie'} // '') =~ /(majakka_session=[^;]+)/;
    $self->{csrf} = $self->{json}->decode($res->{content})->{csrf_token};
    my $kids = $self->{json}->decode($http->get($self->url('/api/v1/children'),
        { headers => { Cookie => $self->{cookie} } })->{content})->{children};
    $self->{ids} = [ map { $_->{child_id} } grep { $_->{team}{name} eq 'MAJAKKA' } @$kids ];
    die "no children to write to" unless @{ $self->{ids} };
}

# Fork n writers (numbered on from earlier ones).  Each posts
# journal entries and notifications with unique texts until stop_writers();
# 201 goes to DIR/ledger.W ("journal TEXT"), a 5xx answered by the server to
# DIR/refused.W ("STATUS KIND TEXT"), anything else (connection refused or
# reset while the server is down, a timeout: HTTP::Tiny's 599 with its
# reason) to DIR/failed.W.
sub start_writers {
    my ($self, $n) = @_;
    my ($dir, $json, $ids) = @$self{qw(dir json ids)};
    unlink "$dir/stop";
    for my $w ($self->{nwriters} + 1 .. $self->{nwriters} + $n) {
        my $parent = $$;
        my $pid = fork // die "fork: $!";
        if (!$pid) {
            my $h = HTTP::Tiny->new(timeout => 10, keep_alive => 0);
            my %fh;
            for my $f (qw(ledger refused failed)) {
                open $fh{$f}, '>>', "$dir/$f.$w" or die;
                $fh{$f}->autoflush(1);
            }
            my $seq = 0;
            while (!-e "$dir/stop" && getppid() == $parent) {  # and die with the test
                $seq++;
                my $id = $ids->[$seq % @$ids];
                my $text = "durability-$w-$seq";
                my $kind = $seq % 3 ? 'journal' : 'notification';
                my ($path, $body) = $kind eq 'journal'
                    ? ("/api/v1/children/$id/journal", { kind => 'note', text => $text })
                    : ("/api/v1/notifications", { child_id => $id + 0, kind => 'contact', sender_type => 'other',
                        received_at => POSIX::strftime('%Y-%m-%dT%H:%M', localtime(time - 3600)), text => $text });
                my $r = $h->post($self->url($path), { headers => { 'Content-Type' => 'application/json',
                    Cookie => $self->{cookie}, 'X-CSRF-Token' => $self->{csrf} }, content => $json->encode($body) });
                if ($r->{status} == 201) {
                    print { $fh{ledger} } "$kind $text\n";
                    next;
                }
                if ($r->{status} >= 500 && $r->{status} < 599) {
                    print { $fh{refused} } "$r->{status} $kind $text\n";
                } else {
                    my ($why) = ($r->{status} == 599 ? $r->{content} // '' : '') =~ /^([^\n]*)/;
                    print { $fh{failed} } "$r->{status} $kind $text $why\n";
                }
                sleep 0.02;
            }
            POSIX::_exit(0);  # no destructors: the server belongs to the parent
        }
        push @{ $self->{writers} }, $pid;
    }
    $self->{nwriters} += $n;
}

# Fork n readers that open the children's case pages (GET, logged in the
# access log before the answer leaves) until stop_writers(): 200 is a line
# in DIR/read_ok.R, a 5xx from the server one in DIR/read_refused.R, no
# answer (599) one in DIR/read_failed.R.
sub start_readers {
    my ($self, $n) = @_;
    my ($dir, $ids) = @$self{qw(dir ids)};
    unlink "$dir/stop";
    for my $r (1 .. $n) {
        my $parent = $$;
        my $pid = fork // die "fork: $!";
        if (!$pid) {
            my $h = HTTP::Tiny->new(timeout => 10, keep_alive => 0);
            my %fh;
            for my $f (qw(read_ok read_refused read_failed)) {
                open $fh{$f}, '>>', "$dir/$f.$r" or die;
                $fh{$f}->autoflush(1);
            }
            my $seq = 0;
            while (!-e "$dir/stop" && getppid() == $parent) {  # and die with the test
                my $id = $ids->[$seq++ % @$ids];
                my $res = $h->get($self->url("/api/v1/children/$id"), { headers => { Cookie => $self->{cookie} } });
                my $f = $res->{status} == 200 ? 'read_ok'
                      : $res->{status} >= 500 && $res->{status} < 599 ? 'read_refused' : 'read_failed';
                print { $fh{$f} } "$res->{status} $id\n";
                sleep 0.02 unless $res->{status} == 200;
            }
            POSIX::_exit(0);
        }
        push @{ $self->{writers} }, $pid;
    }
}

# Rows in the access log for sanna's reads of case pages (the readers').
sub read_rows {
    my ($self) = @_;
    my $n = `sqlite3 $self->{db} "SELECT count(*) FROM access_log WHERE username = 'sanna' AND action = 'read' AND object_type = 'case'"`;
    chomp $n;
    return $n;
}

# Stop the writers and readers and wait for them.
sub stop_writers {
    my ($self) = @_;
    open my $stop, '>', "$self->{dir}/stop" or die;
    close $stop;
    waitpid($_, 0) for @{ $self->{writers} };
    $self->{writers} = [];
}

# Lines in all DIR/NAME.* files so far (NAME = ledger, refused or failed),
# or only those matching the regexp $re.
sub count {
    my ($self, $name, $re) = @_;
    my $n = 0;
    for my $f (glob "$self->{dir}/$name.*") {
        open my $fh, '<', $f or next;
        while (<$fh>) { $n++ if !$re || /$re/ }
    }
    return $n;
}

# Wait until at least n more writes than `before` are acknowledged; true if
# that happened within `timeout` seconds.
sub wait_acks {
    my ($self, $before, $n, $timeout) = @_;
    my $t0 = time;
    while (time - $t0 < $timeout) {
        return 1 if $self->count('ledger') >= $before + $n;
        sleep 0.05;
    }
    return 0;
}

# True while the server process runs (it has not exited or crashed).
sub alive {
    my ($self) = @_;
    my $s = $self->{server} or return 0;
    return 0 if defined $s->{status};
    return 1 if waitpid($s->{pid}, POSIX::WNOHANG()) == 0;
    $s->{status} = $?;
    return 0;
}

# Refused answers by HTTP status: { 503 => n, ... }.
sub refused_by_status {
    my ($self) = @_;
    my %by;
    for my $f (glob "$self->{dir}/refused.*") {
        open my $fh, '<', $f or next;
        while (<$fh>) { $by{$1}++ if /^(\d+) / }
    }
    return \%by;
}

# The final checks on the database (the server must be stopped):
# { acked, lost, dup, refused_stored, integrity, chain_ok, check_output }.
sub verify {
    my ($self) = @_;
    my (%acked, $acked);
    for my $f (glob "$self->{dir}/ledger.*") {
        open my $l, '<', $f or next;
        while (<$l>) { chomp; my ($kind, $text) = split / /; $acked{$kind}{$text}++; $acked++ }
    }
    my %stored;
    for my $q (["journal", "SELECT text, count(*) FROM journal_entry WHERE text LIKE 'durability-%' GROUP BY text"],
               ["notification", "SELECT text, count(*) FROM notification WHERE text LIKE 'durability-%' GROUP BY text"]) {
        open my $p, '-|', 'sqlite3', '-separator', ' ', $self->{db}, $q->[1] or die;
        while (<$p>) { chomp; my ($t, $n) = split / /; $stored{$q->[0]}{$t} = $n }
        close $p;
    }
    # Refused writes that are stored all the same (allowed: the client was
    # told to try again; e.g. a commit whose fsync failed, found again by WAL
    # recovery after a kill).
    my $refused_stored = 0;
    for my $f (glob "$self->{dir}/refused.*") {
        open my $fh, '<', $f or next;
        while (<$fh>) { my (undef, $kind, $text) = split / /; chomp $text; $refused_stored++ if $stored{$kind}{$text} }
    }
    my ($lost, $dup) = (0, 0);
    for my $kind (keys %acked) {
        for my $t (keys %{ $acked{$kind} }) {
            my $n = $stored{$kind}{$t} // 0;
            $lost++ if $n == 0;
            $dup++ if $n > 1 || $acked{$kind}{$t} > 1;
        }
    }
    my $integrity = `sqlite3 $self->{db} 'PRAGMA integrity_check'`;
    chomp $integrity;
    my $check = `$self->{bin} check --db $self->{db} 2>&1`;
    my $chain_ok = $? == 0 && $check =~ /hash chain verified/;
    return { acked => $acked // 0, lost => $lost, dup => $dup, refused_stored => $refused_stored, integrity => $integrity,
             chain_ok => $chain_ok, check_output => $check };
}

sub DESTROY {
    my ($self) = @_;
    local $?;
    return unless $self->{server} && !defined $self->{server}{status} && $$ == $self->{owner};
    kill 'KILL', $self->{server}{pid};
    waitpid($self->{server}{pid}, 0);
}

1;
