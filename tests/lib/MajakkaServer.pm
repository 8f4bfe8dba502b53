# MajakkaServer.pm - start a real Majakka server on a free loopback port with
# a fresh demo database, and talk to it over HTTP (core Perl modules only).
package MajakkaServer;
use strict;
use warnings;
use File::Temp qw(tempdir);
use HTTP::Tiny;
use IO::Socket::INET;
use JSON::PP;
use POSIX ();
use Time::HiRes qw(time sleep);

our $BIN = $ENV{MAJAKKA_BIN} // 'build/majakka';

sub new {
    my ($class, %opt) = @_;
    my $dir = tempdir('majakka-e2e-XXXXXX', TMPDIR => 1, CLEANUP => 1);
    my $db = "$dir/db.sqlite";
    my $out = `$BIN demo --db $db 2>&1`;
    die "demo failed: $out" if $?;
    my $self = bless { dir => $dir, db => $db, args => $opt{args} // [], json => JSON::PP->new->utf8->canonical }, $class;
    $self->start;
    return $self;
}

sub start {
    my ($self) = @_;
    my $s = spawn(bin => $BIN, db => $self->{db}, dir => $self->{dir}, args => $self->{args});
    @$self{qw(pid pipe port)} = @$s{qw(pid pipe port)};
    $self->{base} = "http://127.0.0.1:$s->{port}";
    return $self;
}

# spawn(bin =>, db =>, dir =>, wrap => [cmd...], env => {K => V}, args => [...]):
# fork `majakka serve` (with the extra arguments, if any) on a free loopback
# port (under the wrapper command, if any), its log appended to DIR/server.log; wait for the line that says
# where it serves.  Returns { pid, pipe, port }; keep the pipe open, or the
# server's later prints would SIGPIPE it.  Shared with Durability.pm.
sub spawn {
    my (%o) = @_;
    pipe(my $r, my $w) or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        close $r;
        open STDOUT, '>&', $w or die;
        open STDERR, '>>', "$o{dir}/server.log" or die;
        $ENV{$_} = $o{env}{$_} for keys %{ $o{env} // {} };
        exec @{ $o{wrap} // [] }, $o{bin}, 'serve', '--db', $o{db}, '--listen', '127.0.0.1:0', @{ $o{args} // [] };
        die "exec: $!";
    }
    close $w;
    my $line = <$r>;
    unless ($line && $line =~ m{http://127\.0\.0\.1:(\d+)/}) {
        open my $f, '<', "$o{dir}/server.log";
        local $/;
        die "server did not start:\n" . ($f ? <$f> // '' : '');
    }
    return { pid => $pid, pipe => $r, port => $1 };
}

# terminate(pid): SIGTERM, wait up to 20 s, else SIGKILL; returns the exit
# status ($?, so 0 = graceful) or -1 when it had to be killed.
sub terminate {
    my ($pid) = @_;
    kill 'TERM', $pid;
    my $t0 = time;
    while (time - $t0 < 20) {
        return $? if waitpid($pid, POSIX::WNOHANG()) == $pid;
        sleep 0.05;
    }
    kill 'KILL', $pid;
    waitpid($pid, 0);
    return -1;
}

sub log { my $s = shift; open my $f, '<', "$s->{dir}/server.log" or return ''; local $/; <$f> }
sub base { $_[0]{base} }
sub port { $_[0]{port} }
sub db { $_[0]{db} }
sub dir { $_[0]{dir} }

# Stop with SIGTERM; returns the exit status (0 = graceful).
sub stop {
    my ($self) = @_;
    return $self->{status} if defined $self->{status} || !$self->{pid};
    return $self->{status} = terminate($self->{pid});
}

sub DESTROY { my $s = shift; local $?; $s->stop if $s->{pid} && !defined $s->{status} }

# A client with its own cookie jar.
sub client {
    my ($self) = @_;
    return MajakkaClient->new($self);
}

# sqlite3 CLI on the database; returns trimmed output as characters
# (tests that compare non-ASCII text say `use utf8`).
sub sql {
    my ($self, $q) = @_;
    utf8::encode($q) if utf8::is_utf8($q);
    open my $p, '-|:encoding(UTF-8)', 'sqlite3', $self->{db}, $q or die;
    local $/;
    my $o = <$p> // '';
    close $p;
    $o =~ s/\s+\z//;
    return $o;
}

# Write raw bytes on a new connection; return everything read until close or timeout.
sub raw {
    my ($self, $bytes, $timeout) = @_;
    $timeout //= 3;
    my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $self->{port}, Proto => 'tcp')
        or die "connect: $!";
    $s->autoflush(1);
    print $s $bytes;
    my $buf = '';
    my $t0 = time;
    $s->blocking(0);
    while (time - $t0 < $timeout) {
        my $n = sysread($s, my $chunk, 65536);
        if (defined $n && $n == 0) { last }
        if (defined $n) { $buf .= $chunk; next }
        sleep 0.02;
    }
    close $s;
    return $buf;
}

package MajakkaClient;
use strict;
use warnings;
use JSON::PP;

sub new {
    my ($class, $srv) = @_;
    return bless { srv => $srv, jar => {}, csrf => undef,
                   http => HTTP::Tiny->new(max_redirect => 0, timeout => 30), json => JSON::PP->new->utf8->canonical }, $class;
}

sub cookie_header {
    my ($self) = @_;
    return join '; ', map { "$_=$self->{jar}{$_}" } sort keys %{ $self->{jar} };
}

sub request {
    my ($self, $method, $path, %o) = @_;
    my %h = %{ $o{headers} // {} };
    # A Cookie header given by the caller wins; the jar adds the cookies it does not name.
    my %given = map { /^\s*([^=]+)=/ ? ($1 => 1) : () } split /;/, $h{Cookie} // '';
    my @jar = map { "$_=$self->{jar}{$_}" } grep { !$given{$_} } sort keys %{ $self->{jar} };
    $h{Cookie} = join '; ', grep { length } $h{Cookie} // '', @jar if @jar;
    my %args = (headers => \%h);
    if (exists $o{json}) {
        $h{'Content-Type'} = 'application/json';
        $args{content} = ref $o{json} ? $self->{json}->encode($o{json}) : $o{json};
    } elsif (exists $o{form}) {
        $h{'Content-Type'} = 'application/x-www-form-urlencoded';
        $args{content} = ref $o{form} ? join('&', map { _enc($_->[0]) . '=' . _enc($_->[1]) } @{ $o{form} }) : $o{form};
    } elsif (exists $o{body}) {
        $args{content} = $o{body};
    }
    $h{'X-CSRF-Token'} = $self->{csrf} if $o{csrf} && $self->{csrf};
    my $res = $self->{http}->request($method, $self->{srv}->base . $path, \%args);
    my $sc = $res->{headers}{'set-cookie'};
    for my $c (ref $sc ? @$sc : defined $sc ? ($sc) : ()) {
        my ($k, $v) = $c =~ /^([^=]+)=([^;]*)/ or next;
        if ($c =~ /Max-Age=0/i || $v eq '') { delete $self->{jar}{$k} } else { $self->{jar}{$k} = $v }
    }
    $res->{data} = eval { $self->{json}->decode($res->{content}) } if ($res->{headers}{'content-type'} // '') =~ /json/;
    return $res;
}

sub _enc { my $s = shift; utf8::encode($s) if utf8::is_utf8($s); $s =~ s/([^A-Za-z0-9\-_.~])/sprintf('%%%02X', ord $1)/ge; $s }

sub login {
    my ($self, $user, $pw) = @_;
    my $r = $self->request('POST', '/api/v1/session', json => { username => $user, password => $pw // 'majakka-demo' });
    $self->{csrf} = $r->{data}{csrf_token} if $r->{status} == 201;
    return $r;
}

# Log in through the login page as a browser does: open it (which sets the
# majakka_csrf cookie), then post the form with its csrf field.
sub form_login {
    my ($self, $user, $pw, $next) = @_;
    my $page = $self->request('GET', '/login');
    my ($csrf) = $page->{content} =~ /name="csrf" value="([^"]+)"/;
    return $self->request('POST', '/login', form => [[csrf => $csrf // ''], [username => $user],
                          [password => $pw // 'majakka-demo'], [next => $next // '/']]);
}

# The csrf field of a page's forms (the session's token, or before login the
# visitor's majakka_csrf token).
sub page_csrf {
    my ($self, $path) = @_;
    my ($csrf) = ($self->request('GET', $path)->{content} // '') =~ /name="csrf" value="([^"]+)"/;
    return $csrf;
}

sub get { my ($s, $p, %o) = @_; $s->request('GET', $p, %o) }
sub post { my ($s, $p, %o) = @_; $s->request('POST', $p, csrf => 1, %o) }
sub patch { my ($s, $p, %o) = @_; $s->request('PATCH', $p, csrf => 1, %o) }
sub delete { my ($s, $p, %o) = @_; $s->request('DELETE', $p, csrf => 1, %o) }
sub csrf { $_[0]{csrf} }

1;
