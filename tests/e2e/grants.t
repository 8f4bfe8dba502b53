#!/usr/bin/perl
# grants.t - no self-granting: client access that the administrator gives
# (a team, a team's lead, a manager's area) waits for a manager responsible
# for the unit; nobody decides on their own access or on what they asked
# for, the administrator decides nothing; request, refusals and decisions
# are in the access log; taking access away is immediate.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(admin teemu kaisa raimo sanna)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
my $majakka = $srv->sql("SELECT id FROM team WHERE name = 'MAJAKKA'");
my $area = $srv->sql("SELECT area_id FROM team WHERE name = 'MAJAKKA'");
my $child = $srv->sql("SELECT c.child_id FROM child_case c JOIN team t ON t.id = c.team_id"
    . " WHERE t.name = 'MAJAKKA' ORDER BY c.id LIMIT 1");
my $reason = 'Päivystys: lapsi tuotu poliisin kanssa yöllä';
# A page's HTML as characters (the client hands back bytes).
sub html { my $c = $_[0]{content} // ''; utf8::decode($c); $c }

# --- the demo's story: uusi waits for teemu ------------------------------------
my $uusi = $srv->sql("SELECT id FROM account WHERE username = 'uusi'");
is($srv->sql("SELECT count(*) FROM team_member WHERE account_id = $uusi"), '0', 'the demo\'s uusi is in no team');
my $r = $c{teemu}->get('/api/v1/my-work');
is($r->{status}, 200, 'teemu reads his my work');
my ($demo_grant) = grep { $_->{account}{username} eq 'uusi' } @{ $r->{data}{grants} // [] };
ok($demo_grant, '... where uusi\'s request waits for him');
is($demo_grant->{team}{name}, 'MAJAKKA', '... for MAJAKKA');
is($demo_grant->{requested_by}{display_name}, 'Ylläpitäjä', '... asked by the administrator');

# --- the administrator creates a social worker in MAJAKKA ------------------------
$r = $c{admin}->post('/api/v1/accounts', json => {
    username => 'aapo', display_name => 'Aapo Alanen', role => 'social_worker',
    password => 'pitka-salasana-42', team_ids => [ $majakka + 0 ] });
is($r->{status}, 201, 'the administrator creates aapo in MAJAKKA');
my $aapo = $r->{data}{account}{id};
my @pending = @{ $r->{data}{pending_grants} // [] };
is(scalar @pending, 1, '... and the answer has one pending grant');
is($pending[0]{team}{name}, 'MAJAKKA', '... for MAJAKKA');
ok(!defined $pending[0]{outcome}, '... not decided');
my $gid = $pending[0]{id};
is($r->{data}{account}{teams_text}, '', '... so aapo is in no team yet');
is($r->{data}{account}{pending_text}, 'MAJAKKA', '... and the account says what waits');
is($srv->sql("SELECT count(*) FROM team_member WHERE account_id = $aapo"), '0', '... no membership was written');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'admin' AND action = 'grant_request'"
    . " AND object_type = 'account' AND object_id = $aapo AND reason = 'grant $gid: team $majakka'"), '1',
   '... the request is in the access log');

# --- aapo sees no child -------------------------------------------------------------
my $ac = $srv->client;
is($ac->login('aapo', 'pitka-salasana-42')->{status}, 201, 'aapo logs in');
is(scalar @{ $ac->get('/api/v1/me')->{data}{teams} }, 0, '... belongs to no team');
$r = $ac->get('/api/v1/my-work');
is($r->{status}, 200, '... reads his my work');
is(scalar @{ $r->{data}{children} }, 0, '... which has no children');
is($r->{data}{my_pending}[0]{team}{name}, 'MAJAKKA', '... and says that MAJAKKA waits for approval');
like(html($ac->get('/')), qr/odottavat esihenkilön hyväksyntää/, '... on the home page too');
is(scalar @{ $ac->get('/api/v1/children')->{data}{children} }, 0, '... lists no children');
$r = $ac->get("/api/v1/children/$child");
is($r->{status}, 403, '... may not open a MAJAKKA child');
$r = $ac->post("/api/v1/children/$child/break-glass", json => { reason => $reason });
is($r->{status}, 403, '... nor break the glass');
is($r->{data}{error}{reason}, 'access_not_approved', '... because his access is not approved');
is($ac->get('/api/v1/persons?q=Virtanen')->{status}, 403, '... nor search persons');

# --- who may not decide --------------------------------------------------------------
is(scalar @{ $c{admin}->get('/api/v1/grants')->{data}{grants} }, 0, 'the administrator has nothing to decide');
$r = $c{admin}->post("/api/v1/grants/$gid/approve");
is($r->{status}, 403, 'the administrator cannot approve');
is($r->{data}{error}{reason}, 'admin_sees_no_client_data', '... saying why');
$r = $ac->post("/api/v1/grants/$gid/approve");
is($r->{status}, 403, 'aapo cannot approve his own grant');
is($r->{data}{error}{reason}, 'own_grant', '... saying why');
$r = $c{sanna}->post("/api/v1/grants/$gid/approve");
is($r->{status}, 403, 'a social worker of MAJAKKA who does not lead it cannot approve');
is($r->{data}{error}{reason}, 'not_responsible_manager', '... saying why');
is(scalar @{ $c{sanna}->get('/api/v1/grants')->{data}{grants} }, 0, '... and has nothing to decide');
is(scalar @{ $c{raimo}->get('/api/v1/grants')->{data}{grants} }, 0, 'the foster-care manager has nothing to decide');
is($c{raimo}->post("/api/v1/grants/$gid/reject")->{status}, 403, '... and cannot reject it');
is($srv->sql("SELECT count(*) FROM access_log WHERE action IN ('grant_approve', 'grant_reject')"
    . " AND object_id = $aapo AND outcome = 'denied'"), '4', 'each refusal is in the access log');
is($srv->sql("SELECT reason FROM access_log WHERE action = 'grant_approve' AND username = 'aapo'"),
   "own_grant: grant $gid: team $majakka", '... with its reason');
is($srv->sql("SELECT outcome IS NULL FROM access_grant WHERE id = $gid"), '1', 'the request is still pending');
is($c{admin}->post("/api/v1/grants/999999/approve")->{status}, 404, 'an unknown grant is 404');

# --- teemu approves from the form in his my work ---------------------------------------
my ($kaisa_sees) = grep { $_->{id} == $gid } @{ $c{kaisa}->get('/api/v1/grants')->{data}{grants} };
ok($kaisa_sees, 'the area manager may decide it too');
$r = $c{teemu}->get('/');
like($r->{content}, qr/Aapo Alanen/, 'teemu\'s home page shows the pending grant');
like($r->{content}, qr{<form method="post" action="/grants/$gid/approve"}, '... with an approve form');
like($r->{content}, qr{action="/grants/$gid/reject"}, '... and a reject form');
my ($tok) = $r->{content} =~ /name="csrf" value="([^"]+)"/;
$r = $c{teemu}->request('POST', "/grants/$gid/approve", form => [[note => 'nope']]);
is($r->{status}, 403, 'the form without its CSRF token is refused');
is($srv->sql("SELECT outcome IS NULL FROM access_grant WHERE id = $gid"), '1', '... and changes nothing');
$r = $c{teemu}->request('POST', "/grants/$gid/approve", form => [[csrf => $tok], [note => 'Tervetuloa tiimiin']]);
is($r->{status}, 303, 'teemu approves with the form');
is($r->{headers}{location}, '/', '... back to his my work');
is($srv->sql("SELECT outcome || '|' || note FROM access_grant WHERE id = $gid"), 'approved|Tervetuloa tiimiin',
   '... the decision is stored with its note');
is($srv->sql("SELECT count(*) FROM team_member WHERE account_id = $aapo AND team_id = $majakka AND is_lead = 0"), '1',
   '... and the membership with it');
is($srv->sql("SELECT basis FROM access_log WHERE action = 'grant_approve' AND username = 'teemu'"
    . " AND object_id = $aapo AND outcome = 'allowed'"), 'team_lead', 'the approval is in the access log, as team lead');
is($c{teemu}->post("/api/v1/grants/$gid/approve")->{status}, 409, 'a decided grant cannot be decided again');
ok(!grep({ $_->{id} == $gid } @{ $c{teemu}->get('/api/v1/grants')->{data}{grants} }), '... nor is it pending any more');

# --- now aapo reads the MAJAKKA child --------------------------------------------------
is($ac->get('/api/v1/me')->{data}{teams}[0]{name}, 'MAJAKKA', 'aapo now belongs to MAJAKKA');
$r = $ac->get("/api/v1/children/$child");
is($r->{status}, 200, '... and opens the MAJAKKA child');
is($srv->sql("SELECT basis FROM access_log WHERE username = 'aapo' AND action = 'read' AND person_id = $child"
    . " AND outcome = 'allowed'"), 'own_team', '... on basis own_team');
ok(scalar(grep { $_->{child_id} == $child } @{ $ac->get('/api/v1/children')->{data}{children} }),
   '... and lists it among his team\'s children');
is($srv->sql("SELECT group_concat(action, ',') FROM (SELECT action FROM access_log WHERE object_type = 'account'"
    . " AND object_id = $aapo AND action IN ('grant_request', 'grant_approve') AND outcome = 'allowed' ORDER BY id)"),
   'grant_request,grant_approve', 'request and approval are both in the access log');

# --- taking access away is immediate; a pending request can be withdrawn ----------------
$r = $c{admin}->delete("/api/v1/accounts/$aapo/teams/$majakka");
is($r->{status}, 200, 'the administrator removes aapo from MAJAKKA');
ok(!$r->{data}{member}, '... at once');
is($ac->get("/api/v1/children/$child")->{status}, 403, '... and aapo no longer opens the child');
$r = $c{admin}->post("/api/v1/accounts/$aapo/teams", json => { team_id => $majakka + 0 });
is($r->{status}, 202, 'adding him back is a request (202)');
ok(!$r->{data}{member}, '... not a membership');
my $again = $r->{data}{pending_grant}{id};
ok($again && $again != $gid, '... a new pending grant');
is($ac->get("/api/v1/children/$child")->{status}, 403, '... which gives nothing yet');
$r = $c{admin}->delete("/api/v1/accounts/$aapo/teams/$majakka");
is($r->{status}, 200, 'removing the team again');
is($srv->sql("SELECT outcome FROM access_grant WHERE id = $again"), 'withdrawn', '... withdraws the request');
is($srv->sql("SELECT count(*) FROM access_log WHERE action = 'grant_withdraw' AND object_id = $aapo"), '1',
   '... which is in the access log');
ok(!grep({ $_->{id} == $again } @{ $c{teemu}->get('/api/v1/grants')->{data}{grants} }), '... and teemu no longer sees it');
is($c{teemu}->post("/api/v1/grants/$again/approve")->{status}, 409, '... nor can approve it');

# --- a team's lead: asked, rejected by the area manager ----------------------------------
my $sanna = $srv->sql("SELECT id FROM account WHERE username = 'sanna'");
$r = $c{admin}->post("/api/v1/accounts/$sanna/teams", json => { team_id => $majakka + 0, lead => JSON::PP::true() });
is($r->{status}, 202, 'making sanna the lead of MAJAKKA is a request');
ok($r->{data}{member} && !$r->{data}{lead}, '... she stays a plain member meanwhile');
my $lead_grant = $r->{data}{pending_grant}{id};
ok($r->{data}{pending_grant}{lead}, '... the request is for the lead');
is($c{sanna}->post("/api/v1/grants/$lead_grant/approve")->{status}, 403, 'sanna cannot approve her own lead');
$r = $c{kaisa}->post("/api/v1/grants/$lead_grant/reject", json => { note => 'Tiimillä on jo vastaava.' });
is($r->{status}, 200, 'the area manager rejects it');
is($r->{data}{grant}{outcome}, 'rejected', '... answered as rejected');
is($r->{data}{grant}{note}, 'Tiimillä on jo vastaava.', '... with the note');
is($srv->sql("SELECT is_lead FROM team_member WHERE account_id = $sanna AND team_id = $majakka"), '0', '... and sanna does not lead');
is($srv->sql("SELECT basis FROM access_log WHERE action = 'grant_reject' AND username = 'kaisa' AND outcome = 'allowed'"),
   'area_manager', '... the rejection is in the access log');
$r = $c{kaisa}->post("/api/v1/grants/$lead_grant/approve", json => { note => 'x' x 501 });
is($r->{status}, 422, 'a note over 500 characters is refused');

# --- a manager's area: approved by another manager of the area -----------------------------
$r = $c{admin}->post('/api/v1/accounts', json => {
    username => 'maija', display_name => 'Maija Mattila', role => 'manager', area_id => $area + 0,
    password => 'pitka-salasana-42' });
is($r->{status}, 201, 'the administrator creates a manager of the open-care area');
my $maija = $r->{data}{account}{id};
my ($area_grant) = @{ $r->{data}{pending_grants} };
ok($area_grant && $area_grant->{area}{id} == $area, '... whose area waits for approval');
ok(!$r->{data}{account}{area_approved}, '... and is not approved');
my $mc = $srv->client;
$mc->login('maija', 'pitka-salasana-42');
ok(!exists $mc->get('/api/v1/me')->{data}{area_id}, 'maija has no area yet');
is(scalar @{ $mc->get('/api/v1/children')->{data}{children} }, 0, '... and lists no children');
is($mc->post("/api/v1/grants/$area_grant->{id}/approve")->{status}, 403, '... nor approves her own area');
is(scalar @{ $c{teemu}->get('/api/v1/grants')->{data}{grants} }, 1, 'a team lead does not decide an area (only uusi waits for him)');
$r = $c{kaisa}->post("/api/v1/grants/$area_grant->{id}/approve");
is($r->{status}, 200, 'kaisa, manager of the area, approves');
is($mc->get('/api/v1/me')->{data}{area_id}, $area, 'maija now leads the area');
ok(scalar @{ $mc->get('/api/v1/children')->{data}{children} } > 0, '... and lists its children');
$r = $c{admin}->patch("/api/v1/accounts/$maija", json => { area_id => $srv->sql("SELECT id FROM area WHERE id <> $area LIMIT 1") + 0 });
is($r->{status}, 200, 'moving her to another area');
is(scalar @{ $r->{data}{pending_grants} }, 1, '... asks again');
ok(!exists $mc->get('/api/v1/me')->{data}{area_id}, '... and she leads no area meanwhile');
$r = $c{admin}->patch("/api/v1/accounts/$maija", json => { area_id => $area + 0 });
ok(!exists $mc->get('/api/v1/me')->{data}{area_id}, 'moving her back does not bring the old approval back');
is($srv->sql("SELECT outcome FROM access_grant WHERE account_id = $maija ORDER BY id"), "approved\nwithdrawn",
   '... the request for the other area was withdrawn');

my $foreign = $srv->sql("INSERT INTO county(name) VALUES ('Toinen alue (testi)');"
    . " INSERT INTO area(county_id, name) VALUES (last_insert_rowid(), 'Vieras'); SELECT last_insert_rowid();");
$r = $c{admin}->patch("/api/v1/accounts/$maija", json => { area_id => $foreign + 0 });
is($r->{status}, 422, 'an area of another organisation is refused');
is($r->{data}{error}{field}, 'area_id', '... naming area_id');

# --- an account's kind is fixed -----------------------------------------------------------------
$r = $c{admin}->patch("/api/v1/accounts/$aapo", json => { role => 'partner', organisation => 'Koulu' });
is($r->{status}, 422, 'a worker cannot be made a partner');
is($r->{data}{error}{reason}, 'kind_change', '... saying why');

# --- the administrator's pages say what waits ---------------------------------------------------
$r = $c{admin}->get('/admin/accounts');
like(html($r), qr/Odottaa esihenkilön hyväksyntää: MAJAKKA/, 'the account list says uusi waits (fi)');
$r = $c{admin}->get('/admin/accounts', headers => { Cookie => 'lang=sv' });
like(html($r), qr/Väntar på chefens godkännande: MAJAKKA/, '... (sv)');
$r = $c{admin}->get('/admin/accounts', headers => { Cookie => 'lang=en' });
like(html($r), qr/Waiting for a manager(?:'|&#39;|&#x27;)s approval: MAJAKKA/, '... (en)');
$r = $c{admin}->get("/admin/accounts/$uusi");
like(html($r), qr/value="$majakka" checked> MAJAKKA <span class="muted">[^<]*<\/span> <span class="pending">odottaa hyväksyntää/,
   'the edit form marks MAJAKKA as waiting');

# --- storage keeps the rules too ---------------------------------------------------------------
my $db = $srv->db;
like(`sqlite3 $db "UPDATE access_grant SET lead = 1 WHERE id = $demo_grant->{id}" 2>&1`, qr/never changed/,
   'a request cannot be changed in storage');
like(`sqlite3 $db "UPDATE access_grant SET outcome = 'rejected' WHERE id = $gid" 2>&1`, qr/decided once/,
   '... nor a decision');
like(`sqlite3 $db "DELETE FROM access_grant WHERE id = $gid" 2>&1`, qr/append-only/, '... nor deleted');
like(`sqlite3 $db "UPDATE access_grant SET outcome = 'approved', decided_by = requested_by, decided_at = 'x' WHERE id = $demo_grant->{id}" 2>&1`,
   qr/CHECK constraint failed/, '... and whoever asked cannot be who approves');

is($srv->stop, 0, 'graceful stop');
my $check = `$MajakkaServer::BIN check --db ${\ $srv->db} 2>&1`;
is($?, 0, 'check passes');
like($check, qr/access log: ok, \d+ rows, hash chain verified/, '... and the chain verifies');
done_testing;
