#!/usr/bin/perl
# admin.t - account administration, the access policy at the API, input
# validation with clear errors and nothing half-written, the access log.
use strict;
use warnings;
use Test::More;
use MajakkaServer;

my $srv = MajakkaServer->new;
my $admin = $srv->client;
is($admin->login('admin')->{status}, 201, 'admin logs in');

my $r = $admin->get('/api/v1/accounts');
is($r->{status}, 200, 'admin lists accounts');
ok(scalar(grep { $_->{username} eq 'sanna' } @{ $r->{data}{accounts} }), '... sanna is there');
my $before = $srv->sql('SELECT count(*) FROM account');

my ($majakka) = grep { $_->{name} eq 'MAJAKKA' } @{ $admin->get('/api/v1/teams')->{data}{teams} };
ok($majakka, 'MAJAKKA team found');

$r = $admin->post('/api/v1/accounts', json => {
    username => 'aila', display_name => 'Aila Aaltola', role => 'social_worker',
    password => 'pitka-salasana-42', team_ids => [ $majakka->{id} ] });
is($r->{status}, 201, 'admin creates a social worker');
my $aila = $r->{data}{account}{id};
is($r->{data}{pending_grants}[0]{team}{name}, 'MAJAKKA', '... whose MAJAKKA membership waits for approval');
unlike($r->{data}{account}{teams_text}, qr/MAJAKKA/, '... and is not in effect (grants.t)');
my $c = $srv->client;
is($c->login('aila', 'pitka-salasana-42')->{status}, 201, 'the new account can log in');
is(scalar @{ $c->get('/api/v1/me')->{data}{teams} }, 0, '... and belongs to no team yet');

$r = $admin->patch("/api/v1/accounts/$aila", json => { active => JSON::PP::false() });
is($r->{status}, 200, 'admin deactivates the account');
is($c->get('/api/v1/me')->{status}, 401, "... which ends the account's sessions");
is($srv->client->login('aila', 'pitka-salasana-42')->{status}, 401, '... and it cannot log in');

$r = $admin->patch("/api/v1/accounts/" . $admin->get('/api/v1/me')->{data}{account_id}, json => { active => JSON::PP::false() });
is($r->{status}, 422, 'admin cannot deactivate themself');

$r = $admin->patch("/api/v1/teams/$majakka->{id}", json => { phone1 => '03 123 4567', hours => 'ma–pe 8–16' });
is($r->{status}, 200, 'admin edits the contact card');
is($r->{data}{team}{phones}[0], '03 123 4567', '... phone saved');

# Validation: every case answers 422 naming the field, and nothing is written.
my $count = $srv->sql('SELECT count(*) FROM account');
my @bad = (
    [ '{"username":', 'body', 'invalid JSON' ],
    [ '{"username":"a1","username":"b2"}', 'body', 'duplicate keys' ],
    [ { username => 'ok', display_name => 'x', role => 'social_worker', password => 'pitka-salasana-42', shoe => 1 }, 'shoe', 'unknown field' ],
    [ { username => 17, display_name => 'x', role => 'social_worker', password => 'pitka-salasana-42' }, 'username', 'wrong type' ],
    [ '{"a":' . ('[' x 40) . (']' x 40) . '}', 'body', 'too deep' ],
    [ "{\"username\":\"\xff\xfe\"}", 'body', 'invalid UTF-8' ],
    [ { username => 'Bad Name!', display_name => 'x', role => 'social_worker', password => 'pitka-salasana-42' }, 'username', 'bad characters' ],
    [ { username => 'okname', display_name => 'x', role => 'social_worker', password => 'short' }, 'password', 'short password' ],
    [ { username => 'okname', display_name => 'x', role => 'wizard', password => 'pitka-salasana-42' }, 'role', 'unknown role' ],
    [ { username => 'okname', display_name => 'x', role => 'social_worker', password => 'pitka-salasana-42', team_ids => [ 99999 ] }, 'team_ids', 'unknown team' ],
    [ { username => 'okname', display_name => '', role => 'social_worker', password => 'pitka-salasana-42' }, 'display_name', 'empty name' ],
    [ { username => 'sanna', display_name => 'x', role => 'social_worker', password => 'pitka-salasana-42' }, 'username', 'username taken' ],
);
for my $b (@bad) {
    my ($body, $field, $what) = @$b;
    $r = $admin->post('/api/v1/accounts', json => $body);
    ok($r->{status} == 422 || $r->{status} == 409, "$what: refused") or diag($r->{content});
    is($r->{data}{error}{field}, $field, "$what: names the field $field");
    ok(length($r->{data}{error}{message} // '') > 5, "$what: says what to fix");
}
is($srv->sql('SELECT count(*) FROM account'), $count, 'no account was written by the refused requests');
is($srv->sql("SELECT count(*) FROM team_member WHERE account_id NOT IN (SELECT id FROM account)"), '0', 'no orphan memberships');

$r = $admin->patch("/api/v1/teams/$majakka->{id}", json => { phone1 => 'call me' });
is($r->{status}, 422, 'a bad phone number is refused');
is($r->{data}{error}{field}, 'phone1', '... naming phone1');
$r = $admin->request('POST', '/api/v1/accounts', csrf => 1, body => 'hello', headers => { 'Content-Type' => 'text/plain' });
is($r->{status}, 422, 'a text/plain body is refused');

# The policy at the API: workers are not administrators.
my $sanna = $srv->client;
$sanna->login('sanna');
$r = $sanna->get('/api/v1/accounts');
is($r->{status}, 403, 'sanna may not list accounts');
is($r->{data}{error}{code}, 'forbidden', '... forbidden');
is($sanna->post('/api/v1/accounts', json => { username => 'x' })->{status}, 403, 'sanna may not create accounts');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND outcome = 'denied' AND action = 'account_admin'"), '2',
   'both denials are in the access log');
is($sanna->get('/api/v1/org')->{status}, 200, 'sanna reads the organisation');
my $paula = $srv->client;
$paula->login('paula');
$r = $paula->get("/api/v1/teams/$majakka->{id}");
is($r->{status}, 200, 'paula reads the MAJAKKA contact card');
ok(scalar(@{ $r->{data}{members} }) > 0, '... and its members');
my $katja = $srv->client;
$katja->login('katja');
$r = $katja->get("/api/v1/teams/$majakka->{id}");
is($r->{status}, 200, 'a partner sees the contact card');
is(scalar(@{ $r->{data}{members} }), 0, '... but not the member list');

# Admin changes are logged with who and what.
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'admin' AND action = 'create' AND object_type = 'account'"), '1',
   'the account creation is logged');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'admin' AND action = 'update' AND object_type = 'team'"), '1',
   'the team change is logged');

is($srv->stop, 0, 'graceful stop');
my $check = `$MajakkaServer::BIN check --db ${\ $srv->db} 2>&1`;
is($?, 0, 'check passes after the traffic');
like($check, qr/access log: ok, \d+ rows, hash chain verified/, '... and verifies the chain');
done_testing;
