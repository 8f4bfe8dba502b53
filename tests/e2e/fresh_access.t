#!/usr/bin/perl
# fresh_access.t - sessions, principals and access facts are kept in memory
# (model/sessioncache.h), yet an access change takes effect on the very next
# request: each check below first reads the same thing a few times (so it is
# served from memory), then changes access, through the API or behind the
# server's back with sqlite3 as another process would, and asks once more.
use strict;
use warnings;
use Test::More;
use MajakkaServer;

my $srv = MajakkaServer->new;
my $admin = $srv->client;
is($admin->login('admin')->{status}, 201, 'admin logs in');
my $majakka = $srv->sql("SELECT id FROM team WHERE name = 'MAJAKKA'");
my $sanna = $srv->sql("SELECT id FROM account WHERE username = 'sanna'");
my $leena = $srv->sql("SELECT id FROM account WHERE username = 'leena'");
# A MAJAKKA child on whose own team sanna does not sit: she reads it as a
# member of MAJAKKA only.
my $child = $srv->sql("SELECT c.child_id FROM child_case c WHERE c.team_id = $majakka AND NOT EXISTS"
    . " (SELECT 1 FROM case_member m WHERE m.case_id = c.id AND m.account_id = $sanna) ORDER BY c.id LIMIT 1");
my $case = $srv->sql("SELECT id FROM child_case WHERE child_id = $child");

sub warm {
    my ($c, $path, $status, $what) = @_;
    my @got = map { $c->get($path)->{status} } 1 .. 3;
    is("@got", "$status $status $status", $what);
}

# --- a team membership taken away through the API ------------------------------
my $s = $srv->client;
is($s->login('sanna')->{status}, 201, 'sanna logs in');
warm($s, "/api/v1/children/$child", 200, 'sanna reads her team\'s child, again and again');
my $r = $admin->delete("/api/v1/accounts/$sanna/teams/$majakka");
is($r->{status}, 200, 'the administrator removes sanna from MAJAKKA');
is($s->get("/api/v1/children/$child")->{status}, 403, '... and her very next request is refused');
is($s->get('/api/v1/me')->{data}{teams} && scalar(@{ $s->get('/api/v1/me')->{data}{teams} }), 0,
   '... her own page no longer names the team');

# --- a membership given and taken behind the server's back ------------------------
$srv->sql("INSERT INTO team_member(team_id, account_id) VALUES ($majakka, $sanna)");
is($s->get("/api/v1/children/$child")->{status}, 200, 'a membership written by another process counts at once');
warm($s, "/api/v1/children/$child", 200, '... and keeps counting');
$srv->sql("DELETE FROM team_member WHERE team_id = $majakka AND account_id = $sanna");
is($s->get("/api/v1/children/$child")->{status}, 403, '... and so does its removal');
$srv->sql("INSERT INTO team_member(team_id, account_id) VALUES ($majakka, $sanna)");

# --- the child's team: a worker of another team ----------------------------------------
my $l = $srv->client;
is($l->login('leena')->{status}, 201, 'leena of LOISTO logs in');
warm($l, "/api/v1/children/$child", 403, 'leena may not read the MAJAKKA child');
$srv->sql("INSERT INTO case_member(case_id, role, account_id, from_date, added_at)"
    . " VALUES ($case, 'varying', $leena, '2000-01-01', '2026-01-01T00:00:00Z')");
is($l->get("/api/v1/children/$child")->{status}, 200, 'put on the child\'s team, she reads it on her next request');
warm($l, "/api/v1/children/$child", 200, '... and again');
$srv->sql("UPDATE case_member SET to_date = '2001-01-01' WHERE case_id = $case AND account_id = $leena");
is($l->get("/api/v1/children/$child")->{status}, 403, 'her place on the child\'s team ended: refused at once');

# --- logout, and a session ended elsewhere ---------------------------------------------
my $a = $srv->client;
is($a->login('olli')->{status}, 201, 'olli logs in');
my $b = $srv->client;
$b->{jar} = { %{ $a->{jar} } };  # the same session in another tab
warm($b, '/api/v1/me', 200, 'the second tab reads with the same session');
is($a->delete('/api/v1/session')->{status}, 200, 'olli logs out in the first tab');
is($b->get('/api/v1/me')->{status}, 401, '... and the second tab\'s very next request is 401');

is($a->login('olli')->{status}, 201, 'olli logs in again');
warm($a, '/api/v1/me', 200, '... and reads');
$srv->sql("UPDATE session SET ended = 1 WHERE account_id = (SELECT id FROM account WHERE username = 'olli')");
is($a->get('/api/v1/me')->{status}, 401, 'a session ended by another process is over at once');

# --- an account deactivated ---------------------------------------------------------------
is($a->login('olli')->{status}, 201, 'olli logs in once more');
warm($a, '/api/v1/me', 200, '... and reads');
$srv->sql("UPDATE account SET active = 0 WHERE username = 'olli'");
is($a->get('/api/v1/me')->{status}, 401, 'a deactivated account\'s next request is 401');

# --- a session idle too long is over, whatever memory holds ------------------------------
my $t = $srv->client;
is($t->login('teemu')->{status}, 201, 'teemu logs in');
warm($t, '/api/v1/me', 200, '... and reads');
$srv->sql("UPDATE session SET last_seen = last_seen - 7200, created_at = created_at - 7200"
    . " WHERE account_id = (SELECT id FROM account WHERE username = 'teemu')");
$srv->sql("UPDATE session SET ended = 0 WHERE account_id = (SELECT id FROM account WHERE username = 'teemu')");
is($t->get('/api/v1/me')->{status}, 401, 'two hours idle: 401');

done_testing;
