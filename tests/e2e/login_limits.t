#!/usr/bin/perl
# login_limits.t - login limits that cannot lock a worker out, and the
# client's address behind a trusted proxy.  Clients connect from different
# loopback addresses (all of 127.0.0.0/8 is local on Linux); the server
# trusts 127.0.0.4 as its reverse proxy.  The numbers and the spraying rule
# are tested on a fake clock in tests/unit/test_auth.c; here the answers.
use strict;
use warnings;
use Test::More;
use Time::HiRes qw(time);
use MajakkaServer;

my $srv = MajakkaServer->new(args => ['--trusted-proxy', '127.0.0.4']);

# Log in through the API, optionally with an X-Forwarded-For header.
sub login_via {
    my ($c, $user, $pw, $xff) = @_;
    return $c->request('POST', '/api/v1/session', json => { username => $user, password => $pw // 'majakka-demo' },
                       headers => { defined $xff ? ('X-Forwarded-For' => $xff) : () });
}

# The addresses the access log holds for a user's login attempts.
sub login_ips {
    my ($user) = @_;
    return join ' ', split /\n/, $srv->sql("SELECT DISTINCT ip FROM access_log WHERE action = 'login'"
                                           . " AND username = '$user' ORDER BY ip");
}

# The first wait after five failures is one second.  Whether an attempt
# falls inside it depends on how fast the machine answers, so an answer is
# asserted only when the probe came back within 0.9 s of the fifth failure
# being sent; on a machine too busy for that, the round is tried again
# (up to five times, each from a new client as mk makes it).  Returns the
# probe's answer and the client, or nothing.
sub in_first_wait {
    my ($mk, $fail, $probe) = @_;
    for my $try (1 .. 5) {
        my $c = $mk->($try);
        $fail->($c) for 1 .. 4;
        my $t0 = time;
        $fail->($c);
        my $r = $probe->($c);
        return ($r, $c) if time - $t0 < 0.9;
    }
    return;
}

# 1. Someone guesses sanna's password from one address, 100 times.
my $guesser = $srv->client(from => '127.0.0.2');
my (%answers, @first);
for my $i (1 .. 100) {
    my $r = login_via($guesser, 'sanna', "guess-$i-wrong");
    $answers{$r->{status}}++;
    push @first, $r->{status} if $i <= 5;
}
{
    # From another address (127.0.0.10 and up), the right password right
    # after five failures.
    my ($right) = in_first_wait(sub { $srv->client(from => '127.0.0.' . (9 + $_[0])) },
                                sub { login_via($_[0], 'sanna', 'wrong-again') }, sub { login_via($_[0], 'sanna') });
    ok($right, 'five failures and the right password answered within the first wait');
    is($right->{status}, 429, 'after five failures from one address even the right password waits there');
    like($right->{headers}{'retry-after'} // '', qr/^[1-9][0-9]*$/, '... told when to try again (Retry-After)');
    is($right->{data}{error}{retry_after}, $right->{headers}{'retry-after'}, '... also in the JSON error');
}
is_deeply(\@first, [401, 401, 401, 401, 401], 'the first five guesses are checked (401)');
is_deeply([sort keys %answers], [401, 429], 'the 100 guesses are answered 401 or 429, nothing else');
cmp_ok($answers{429} // 0, '>=', 80, 'most of them have to wait, unchecked (429)');
is($srv->sql("SELECT count(*) FROM access_log WHERE action = 'login' AND username = 'sanna'"
             . " AND ip = '127.0.0.2' AND outcome IN ('failed', 'denied')"), '100',
   'every guess is in the access log, from 127.0.0.2');

# sanna herself, at her own machine, is not locked out.
my $sanna = $srv->client(from => '127.0.0.3');
my $r = $sanna->login('sanna');
is($r->{status}, 201, 'sanna logs in from 127.0.0.3 with the right password after 100 wrong ones from 127.0.0.2');
is($sanna->get('/api/v1/me')->{data}{username}, 'sanna', '... and is logged in');
is($srv->sql("SELECT ip FROM access_log WHERE action = 'login' AND username = 'sanna' AND outcome = 'allowed'"),
   '127.0.0.3', '... logged with her address');

# 2. X-Forwarded-For from a peer that is not a trusted proxy is ignored:
# changing it does not give a guesser a new address.
my (@st, $n);
($r) = in_first_wait(sub { $srv->client(from => '127.0.0.' . (30 + $_[0])) },
                     sub { push @st, login_via($_[0], 'paula', 'wrong-password-x', '198.51.100.' . ++$n)->{status} },
                     sub { @st = @st[-5 .. -1]; login_via($_[0], 'paula', undef, '198.51.100.99') });
is_deeply(\@st, [401, 401, 401, 401, 401], 'five guesses from one peer, each claiming another X-Forwarded-For');
is($r->{status}, 429, '... then yet another claimed address still waits: the limit counts the peer');
like(login_ips('paula'), qr/^127\.0\.0\.3[1-5]( 127\.0\.0\.3[1-5])*$/,
     '... and the access log holds the real peer, not the claimed addresses');

# 3. From the trusted proxy (127.0.0.4) the client is the right-most
# forwarded address that is not the proxy.
my $proxy = $srv->client(from => '127.0.0.4');
my $client_ip;
@st = ();
($r) = in_first_wait(sub { $client_ip = '198.51.100.' . (60 + $_[0]); $proxy },
                     sub { push @st, login_via($proxy, 'kaisa', 'wrong-password-y', $client_ip)->{status} },
                     sub { @st = @st[-5 .. -1];
                           my $a = login_via($proxy, 'kaisa', undef, $client_ip);
                           my $b = login_via($proxy, 'kaisa', undef, "6.6.6.6, $client_ip");
                           [$a, $b] });
is_deeply(\@st, [401, 401, 401, 401, 401], 'five guesses from one client through the proxy');
is($r->[0]{status}, 429, '... then that client waits');
is($r->[1]{status}, 429, '... and cannot escape by prepending an address of its own');
$r = login_via($proxy, 'kaisa', undef, '198.51.100.8');
is($r->{status}, 201, 'kaisa logs in through the same proxy from another client address');
like(login_ips('kaisa'), qr/^(198\.51\.100\.6[1-5] )+198\.51\.100\.8$/,
     '... and the access log holds the forwarded addresses, not the proxy\'s');
# Two header lines read as one list, in order: the last line's address is the client.
$r = $proxy->request('POST', '/api/v1/session', json => { username => 'raimo', password => 'majakka-demo' },
                     headers => { 'X-Forwarded-For' => ['198.51.100.10', '198.51.100.9'] });
is($r->{status}, 201, 'raimo logs in through the proxy, which sent two X-Forwarded-For lines');
is(login_ips('raimo'), '198.51.100.9', '... and is logged with the address of the last line');

is($srv->stop, 0, 'server stops gracefully');
done_testing;
