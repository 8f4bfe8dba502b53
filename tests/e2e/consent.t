#!/usr/bin/perl
# consent.t - consents, legal bases and authority grants widen a partner's
# view only as far as they reach, each such read lands in the disclosure log
# (the access log's "disclose" entries, hash-chained), and ending one narrows
# the view on the very next request; a safety block refuses the blocked
# parent everything about the child and the other parent, from the very next
# request, and who set it and why is logged; tags reach the chosen members'
# "my work" until they mark them seen.
use strict;
use warnings;
use utf8;
use Test::More;
use POSIX qw(strftime);
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(sanna katja jari leena admin)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
my $katja = $srv->sql("SELECT id FROM account WHERE username = 'katja'");
my $sanna = $srv->sql("SELECT id FROM account WHERE username = 'sanna'");
sub warm {
    my ($cl, $path, $status, $what) = @_;
    my @got = map { $cl->get($path)->{status} } 1 .. 3;
    is("@got", "$status $status $status", $what);
}
sub has_field { my ($r, $f) = @_; return scalar grep { $_ eq $f } @{ $r->{data}{fields} // [] } }
sub disclosures {
    my ($child, $basis) = @_;
    return $srv->sql("SELECT count(*) FROM access_log WHERE action = 'disclose' AND person_id = $child"
        . " AND account_id = $katja AND basis = '$basis'");
}

# --- consent ---------------------------------------------------------------------
# A MAJAKKA child of sanna's team whose child's team katja sits on, without
# the demo's consent.
my $x = $srv->sql("SELECT c.child_id FROM child_case c JOIN case_member m ON m.case_id = c.id"
    . " JOIN team t ON t.id = c.team_id WHERE m.account_id = $katja AND m.to_date IS NULL"
    . " AND t.name = 'MAJAKKA' AND NOT EXISTS (SELECT 1 FROM consent k WHERE k.child_id = c.child_id)"
    . " ORDER BY c.id LIMIT 1");
ok($x, "a child katja works with ($x)");
my $guardian = $srv->sql("SELECT person_id FROM relation WHERE related_id = $x AND guardian = 1 ORDER BY id LIMIT 1");
my $r = $c{katja}->get("/api/v1/children/$x");
is($r->{status}, 200, 'katja reads the child');
ok(!has_field($r, 'family') && !exists $r->{data}{relations}, '... the minimum data set: no family');
warm($c{katja}, "/api/v1/children/$x", 200, '... again and again (served from memory)');
is(disclosures($x, 'consent'), 0, 'no disclosure without a consent');

$r = $c{katja}->post("/api/v1/children/$x/consents", json => { basis => 'consent', given_by => $guardian + 0,
    organisation => 'Keskuskoulu (demo)', fields => ['family'] });
is($r->{status}, 403, 'a partner cannot record a consent');
is($c{leena}->get("/api/v1/children/$x/consents")->{status}, 403, 'a worker of another team cannot read them');
is($c{katja}->get("/api/v1/children/$x/consents")->{status}, 403, '... nor can the partner');

$r = $c{sanna}->post("/api/v1/children/$x/consents", json => { basis => 'consent',
    organisation => 'Keskuskoulu (demo)', fields => ['family'] });
is($r->{status}, 422, 'a consent needs who gave it');
is($r->{data}{error}{field}, 'given_by', '... named');
$r = $c{sanna}->post("/api/v1/children/$x/consents", json => { basis => 'consent', given_by => $sanna + 100000,
    organisation => 'Keskuskoulu (demo)', fields => ['family'] });
is($r->{data}{error}{field}, 'given_by', 'a stranger cannot consent');
$r = $c{sanna}->post("/api/v1/children/$x/consents", json => { basis => 'consent', given_by => $guardian + 0,
    organisation => 'Keskuskoulu (demo)', fields => ['journal_secret'] });
is($r->{data}{error}{field}, 'fields', 'an unknown field group is refused');
$r = $c{sanna}->post("/api/v1/children/$x/consents", json => { basis => 'consent', given_by => $guardian + 0,
    organisation => '', fields => ['family'] });
is($r->{data}{error}{field}, 'organisation', 'the organisation is required');

$r = $c{sanna}->post("/api/v1/children/$x/consents", json => { basis => 'consent', given_by => $guardian + 0,
    organisation => 'Keskuskoulu (demo)', fields => ['family', 'notifications'], note => 'Äiti suostui.' });
is($r->{status}, 201, 'sanna records the guardian\'s consent');
my $cid = $r->{data}{consent_id};
ok($cid, "... consent $cid");
$r = $c{katja}->get("/api/v1/children/$x");
ok(has_field($r, 'family') && has_field($r, 'notifications'), 'katja\'s very next read shows the family and notifications');
ok(exists $r->{data}{relations}, '... the family is in the answer');
is(disclosures($x, 'consent'), 1, '... and that read is in the disclosure log');
like($srv->sql("SELECT reason FROM access_log WHERE action = 'disclose' AND person_id = $x ORDER BY id DESC LIMIT 1"),
     qr/^consent $cid: family notifications$/, '... naming the consent and what it opened');
$c{katja}->get("/api/v1/children/$x") for 1 .. 2;
is(disclosures($x, 'consent'), 3, 'each read is a disclosure of its own');
$r = $c{sanna}->get("/api/v1/persons/$x/access-log?limit=200");
ok((grep { $_->{action} eq 'disclose' && $_->{basis} eq 'consent' } @{ $r->{data}{entries} // [] }),
   'the person\'s own access log shows the disclosures');
$r = $c{sanna}->get("/api/v1/children/$x/consents");
is($r->{status}, 200, 'sanna reads the consents');
is($r->{data}{consents}[0]{organisation}, 'Keskuskoulu (demo)', '... the organisation');
ok((grep { $_->{username} eq 'katja' && $_->{basis} eq 'consent' && $_->{reason} =~ /^consent $cid:/ }
    @{ $r->{data}{disclosures} // [] }) == 3, '... and the disclosure log: katja\'s three reads on the consent');
ok($r->{data}{consents}[0]{active}, '... in force');

# A legal basis for another organisation opens nothing to katja's school.
$r = $c{sanna}->post("/api/v1/children/$x/consents", json => { basis => 'court_order',
    organisation => 'Käräjäoikeus (demo)', fields => ['journal'] });
is($r->{status}, 201, 'a court order for another organisation');
ok(!has_field($c{katja}->get("/api/v1/children/$x"), 'journal'), '... does not widen katja\'s view');

is($c{sanna}->post("/api/v1/children/$x/consents/$cid/end", json => {})->{status}, 200, 'sanna ends the consent');
my $before = disclosures($x, 'consent');
$r = $c{katja}->get("/api/v1/children/$x");
is($r->{status}, 200, 'katja still reads the child');
ok(!has_field($r, 'family') && !exists $r->{data}{relations}, '... but the very next read is narrow again');
is(disclosures($x, 'consent'), $before, '... and no longer a disclosure');
is($c{sanna}->post("/api/v1/children/$x/consents/$cid/end", json => {})->{status}, 409, 'an ended consent cannot end again');
# Behind the server's back: the end is a fact change like any other.
like(($srv->sql("UPDATE consent SET organisation = 'x' WHERE id = $cid") // '') . $srv->sql("SELECT organisation FROM consent WHERE id = $cid"),
     qr/Keskuskoulu/, 'a consent\'s content never changes');

# Behind the server's back, as another process would: a legal basis written
# with sqlite3 counts on katja's very next read, and so does its end.
warm($c{katja}, "/api/v1/children/$x", 200, 'katja reads the child again and again (served from memory)');
$srv->sql("INSERT INTO consent(child_id, basis, organisation, fields, valid_from, created_at, created_by)"
    . " VALUES ($x, 'swa_41', 'Keskuskoulu (demo)', 16384, '2000-01-01', '2026-01-01T00:00:00Z', $sanna)");
ok(has_field($c{katja}->get("/api/v1/children/$x"), 'assessment'), 'a legal basis written by another process counts at once');
$srv->sql("UPDATE consent SET ended_at = '2026-01-01T00:00:00Z', ended_by = $sanna WHERE basis = 'swa_41' AND child_id = $x");
ok(!has_field($c{katja}->get("/api/v1/children/$x"), 'assessment'), '... and so does its end');

# --- safety block ----------------------------------------------------------------------
my $aino = $srv->sql("SELECT id FROM person WHERE first_names = 'Aino' AND last_name = 'Rinne'");
my $laura = $srv->sql("SELECT id FROM person WHERE first_names = 'Laura' AND last_name = 'Rinne'");
my $jari = $srv->sql("SELECT person_id FROM account WHERE username = 'jari'");
ok($aino && $laura && $jari, 'the Rinne family');
is($c{jari}->get("/api/v1/children/$aino")->{status}, 403, 'blocked jari: the child\'s JSON is refused');
is($c{jari}->get("/children/$aino")->{status}, 403, '... the child page is refused');
is($c{jari}->get("/api/v1/persons/$aino")->{status}, 403, '... the child\'s person data is refused');
is($c{jari}->get("/api/v1/persons/$laura")->{status}, 403, '... the mother\'s person data and address are refused');
is($c{jari}->get("/api/v1/persons?q=Rinne")->{status}, 403, '... search is refused');
is($c{jari}->get('/')->{status}, 303, '... his home is the family portal');
$r = $c{jari}->get('/family');
is($r->{status}, 200, '... which opens');
unlike($r->{content}, qr/Aino|Turvakatu|Laura/, '... and names neither the child nor the mother nor an address');
$r = $c{jari}->get('/api/v1/family/me');
is($r->{status}, 200, '... his own portal answers in JSON too');
unlike($r->{content}, qr/Aino|Turvakatu|Laura/, '... naming no one');
is($c{jari}->get("/api/v1/children/$aino/plan")->{status}, 403, '... the child\'s plan in the portal is refused');
is($c{jari}->get("/api/v1/children/$aino/plan.pdf")->{status}, 403, '... and its PDF');
is($srv->sql("SELECT count(*) FROM access_log WHERE account_id = (SELECT id FROM account WHERE username = 'jari')"
    . " AND person_id = $aino AND outcome = 'denied' AND reason = 'safety_block'") > 0, 1,
   'his refusals are logged as safety_block');
is($srv->sql("SELECT username || '|' || (reason LIKE 'violence: %') FROM access_log WHERE action = 'block_set'"
    . " AND person_id = $jari ORDER BY id LIMIT 1"), 'sanna|1', 'who set the block and why is in the access log');
$r = $c{sanna}->get("/api/v1/persons/$jari/blocks");
is($r->{status}, 200, 'sanna lists the blocks on jari');
is($r->{data}{blocks}[0]{set_by}, 'Sanna Salmela', '... who set it');
is($r->{data}{blocks}[0]{reason}, 'violence', '... why');
my $bid = $r->{data}{blocks}[0]{id};
$r = $c{sanna}->get("/api/v1/persons/$laura");
is($r->{status}, 200, 'sanna reads the mother');
ok($r->{data}{person}{non_disclosure} && !exists $r->{data}{person}{address}, '... whose address is not shown (non-disclosure)');
is($c{katja}->get("/api/v1/persons/$jari/blocks")->{status}, 403, 'a partner does not see blocks');
is($c{katja}->post("/api/v1/persons/$jari/blocks", json => { child_id => $aino + 0, reason => 'violence', note => 'x' })->{status},
   403, 'nor set one');
is($c{sanna}->post("/api/v1/persons/$laura/blocks", json => { child_id => $x + 0, reason => 'violence', note => 'x' })->{status},
   422, 'only a parent of the child can be blocked from it');
is($c{sanna}->post("/api/v1/persons/$jari/blocks", json => { child_id => $aino + 0, reason => 'violence', note => 'again' })->{status},
   409, 'a second live block is a conflict');

is($c{katja}->post("/api/v1/persons/$jari/blocks/$bid/lift", json => { note => 'x' })->{status}, 403,
   'a partner cannot lift a block');
is($c{leena}->post("/api/v1/persons/$jari/blocks/999999/lift", json => { note => 'x' })->{status}, 403,
   '... nor learn which blocks exist');
# Lifted, he is a guardian again; blocked once more, refused on the very next request.
is($c{sanna}->post("/api/v1/persons/$jari/blocks/$bid/lift", json => { note => 'Käräjäoikeuden päätös.' })->{status}, 200,
   'sanna lifts the block');
warm($c{jari}, "/api/v1/children/$aino/plan", 200, 'jari reads his child\'s plan as a guardian again');
$r = $c{jari}->get('/api/v1/family/me');
like($r->{content}, qr/Aino/, '... his portal names his child again');
unlike($r->{content}, qr/Turvakatu/, '... never the mother\'s address');
$r = $c{sanna}->post("/api/v1/persons/$jari/blocks", json => { child_id => $aino + 0, reason => 'threat',
    note => 'Uusi uhkaus äitiä kohtaan.' });
is($r->{status}, 201, 'sanna blocks him again');
is($c{jari}->get("/api/v1/children/$aino/plan")->{status}, 403, '... and his very next request is refused');
unlike($c{jari}->get('/api/v1/family/me')->{content}, qr/Aino|Laura/, '... his portal names no one again');
# Behind the server's back, as another process would.
$srv->sql("UPDATE safety_block SET lifted_at = '2026-01-01T00:00:00Z', lifted_by = $sanna WHERE lifted_at IS NULL");
is($c{jari}->get("/api/v1/children/$aino/plan")->{status}, 200, 'a block lifted by another process counts at once');
$srv->sql("INSERT INTO safety_block(person_id, child_id, reason, note, set_at, set_by)"
    . " VALUES ($jari, $aino, 'violence', 'x', '2026-01-01T00:00:00Z', $sanna)");
is($c{jari}->get("/api/v1/children/$aino/plan")->{status}, 403, '... and so does one set');

# The page's form follows the form pattern.
my $csrf = $c{sanna}->page_csrf("/children/$aino/consents");
$r = $c{sanna}->post("/children/$aino/blocks", form => [[csrf => $csrf], [person_id => $laura], [reason => 'threat'], [note => '']]);
is($r->{status}, 422, 'the block form without a reason in words comes back (422)');
like($r->{content}, qr/id="block-note-err"/, '... the message next to the field');
like($r->{content}, qr/<option value="$laura" selected>/, '... the parent kept');
like($r->{content}, qr/<option value="threat" selected>/, '... the reason kept');
$r = $c{sanna}->post("/children/$aino/blocks", form => [[csrf => $csrf], [person_id => $laura], [reason => 'threat'],
    [note => 'Testi: äidin uhkaava käytös.']]);
is($r->{status}, 303, 'with a note it is set');
is($srv->sql("SELECT count(*) FROM safety_block WHERE person_id = $laura AND lifted_at IS NULL"), 1, '... the mother is blocked too');

# --- authority grant -------------------------------------------------------------------
$r = $c{admin}->post('/api/v1/accounts', json => { username => 'poliisi', display_name => 'Pekka Poliisi',
    role => 'partner', organisation => 'Poliisi (demo)', password => 'majakka-demo-poliisi' });
is($r->{status}, 201, 'the administrator adds a police officer\'s partner account');
my $pol = $r->{data}{id} // $srv->sql("SELECT id FROM account WHERE username = 'poliisi'");
my $p = $srv->client;
is($p->login('poliisi', 'majakka-demo-poliisi')->{status}, 201, 'the officer logs in');
warm($p, "/api/v1/children/$aino", 403, 'the officer may not read the child');
$r = $c{sanna}->post("/api/v1/children/$aino/authority-grants", json => { account_id => $pol + 0, hours => 2,
    reason => 'Lapsikaappauksen vaara: poliisin virka-apupyyntö', fields => ['identity'] });
is($r->{status}, 201, 'sanna gives the officer two hours');
my $gid = $r->{data}{grant_id};
$r = $p->get("/api/v1/children/$aino");
is($r->{status}, 200, '... the officer\'s very next read is allowed');
ok(has_field($r, 'identity'), '... with the identity data the grant opens');
is($srv->sql("SELECT count(*) FROM access_log WHERE action = 'disclose' AND account_id = $pol AND basis = 'authority_grant'"),
   1, '... a disclosure resting on the grant');
is($p->post("/api/v1/children/$aino/journal", json => { kind => 'meeting', text => 'x' })->{status}, 403,
   '... read only');
is($c{sanna}->post("/api/v1/children/$aino/authority-grants/$gid/revoke", json => {})->{status}, 200, 'sanna revokes it');
is($p->get("/api/v1/children/$aino")->{status}, 403, '... refused on the very next request');
my $now = strftime('%Y-%m-%dT%H:%M:%SZ', gmtime);
my $past = strftime('%Y-%m-%dT%H:%M:%SZ', gmtime(time - 60));
my $long_ago = strftime('%Y-%m-%dT%H:%M:%SZ', gmtime(time - 7200));
$srv->sql("INSERT INTO authority_grant(child_id, account_id, fields, reason, expires_at, created_at, created_by)"
    . " VALUES ($aino, $pol, 0, 'expired', '$past', '$long_ago', $sanna)");
is($p->get("/api/v1/children/$aino")->{status}, 403, 'an expired grant gives nothing');
is($c{sanna}->post("/api/v1/children/$aino/authority-grants", json => { account_id => $pol + 0, hours => 0,
    reason => 'x' })->{status}, 422, 'a grant needs 1 hour or more');

# --- tags ------------------------------------------------------------------------------
$r = $c{maria} ? undef : do { $c{maria} = $srv->client; $c{maria}->login('maria') };
$r = $c{maria}->get('/api/v1/my-work');
ok((grep { $_->{text} =~ /turvakielto/ && $_->{created_by} eq 'Sanna Salmela' } @{ $r->{data}{tags} // [] }),
   'the demo: sanna has raised the Rinne block to maria\'s my work');
$r = $c{sanna}->post("/api/v1/children/$x/tags", json => { text => 'Koulun poissaolot lisääntyneet: katsotaanko yhdessä?',
    recipients => [$katja + 0] });
is($r->{status}, 201, 'sanna raises a matter to katja');
my $tid = $r->{data}{tag_id};
$r = $c{katja}->get('/api/v1/my-work');
ok((grep { $_->{id} == $tid } @{ $r->{data}{tags} // [] }), 'it is in katja\'s my work');
$r = $c{sanna}->post("/api/v1/children/$x/tags", json => { text => 'x', recipients => [0 + $srv->sql("SELECT id FROM account WHERE username = 'leena'")] });
is($r->{status}, 422, 'only members of the child\'s team can be tagged');
is($c{leena}->post("/api/v1/tags/$tid/seen", json => {})->{status}, 404, 'only a recipient marks it seen');
is($c{katja}->post("/api/v1/tags/$tid/seen", json => {})->{status}, 200, 'katja marks it seen');
$r = $c{katja}->get('/api/v1/my-work');
ok(!(grep { $_->{id} == $tid } @{ $r->{data}{tags} // [] }), '... and it leaves her my work');

# The hash chain still holds with the new entries.
$srv->stop;
my $check = `build/majakka check --db ${\ $srv->db} 2>&1`;
is($?, 0, 'the database and the access log\'s hash chain check out') or diag($check);

done_testing();
