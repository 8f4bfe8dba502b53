#!/usr/bin/perl
# login_limits.t - login limits that cannot lock a worker out.  Clients
# connect from different loopback addresses (all of 127.0.0.0/8 is local on
# Linux).  The numbers and the spraying rule are tested on a fake clock in
# tests/unit/test_auth.c; here the answers.
use strict;
use warnings;
use Test::More;
use MajakkaServer;

my $srv = MajakkaServer->new;

# Log in through the API.
sub login_via {
    my ($c, $user, $pw) = @_;
    return $c->request('POST', '/api/v1/session', json => { username => $user, password => $pw // 'majakka-demo' });
}

# Someone guesses sanna's password from one address, 100 times.
my $guesser = $srv->client(from => '127.0.0.2');
my (%answers, @first);
for my $i (1 .. 100) {
    my $r = login_via($guesser, 'sanna', "guess-$i-wrong");
    $answers{$r->{status}}++;
    push @first, $r->{status} if $i <= 5;
    if ($i == 5) {
        # Right after the fifth failure, well inside the first second's wait.
        my $right = login_via($guesser, 'sanna');
        is($right->{status}, 429, 'after five failures from 127.0.0.2 even the right password waits there');
        like($right->{headers}{'retry-after'} // '', qr/^[1-9][0-9]*$/, '... told when to try again (Retry-After)');
        is($right->{data}{error}{retry_after}, $right->{headers}{'retry-after'}, '... also in the JSON error');
    }
}
is_deeply(\@first, [401, 401, 401, 401, 401], 'the first five guesses are checked (401)');
is_deeply([sort keys %answers], [401, 429], 'the 100 guesses are answered 401 or 429, nothing else');
cmp_ok($answers{429} // 0, '>=', 80, 'most of them have to wait, unchecked (429)');
is($srv->sql("SELECT count(*) FROM access_log WHERE action = 'login' AND username = 'sanna'"
             . " AND ip = '127.0.0.2' AND outcome IN ('failed', 'denied')"), '101',
   'every guess and the refused right password are in the access log, from 127.0.0.2');

# sanna herself, at her own machine, is not locked out.
my $sanna = $srv->client(from => '127.0.0.3');
my $r = $sanna->login('sanna');
is($r->{status}, 201, 'sanna logs in from 127.0.0.3 with the right password after 100 wrong ones from 127.0.0.2');
is($sanna->get('/api/v1/me')->{data}{username}, 'sanna', '... and is logged in');
is($srv->sql("SELECT ip FROM access_log WHERE action = 'login' AND username = 'sanna' AND outcome = 'allowed'"),
   '127.0.0.3', '... logged with her address');

is($srv->stop, 0, 'server stops gracefully');
done_testing;
