#!/usr/bin/perl
# lights.t - traffic lights and consultations through the API and the pages:
# the demo's two MAJAKKA rounds with their movement, starting a round and
# rating in it (the criteria of the chosen colour only), who may see what
# (team members the children, the area manager the counts, a partner and
# another team nothing), the consultant named on an open consultation, and
# the access-log rows of every read and write.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(sanna kaisa katja paula kalle hanna teemu)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
my $team = $srv->sql("SELECT id FROM team WHERE name = 'MAJAKKA'");
my $id = sub { $srv->sql("SELECT id FROM account WHERE username = '$_[0]'") };
sub logs { my ($who, $action, $type, $extra) = @_;
    $srv->sql("SELECT count(*) FROM access_log WHERE username = '$who' AND action = '$action' AND object_type = '$type'" . ($extra // '')) }

# --- the demo's board -------------------------------------------------------------
my $r = $c{sanna}->get("/api/v1/teams/$team/traffic-lights");
is($r->{status}, 200, 'sanna reads her team\'s board');
my $b = $r->{data};
is(scalar @{ $b->{rounds} }, 2, '... two rounds in the demo');
is($b->{audience}, 'case_worker', '... as a worker of the team');
is_deeply([@{ $b->{counts} }{qw(green yellow red)}], [2, 2, 3], '... the latest round: 2 green, 2 yellow, 3 red');
ok($b->{counts}{unrated} >= 1, "... children not yet rated: $b->{counts}{unrated}");
my @worse = grep { $_->{worse} } @{ $b->{moved} };
my @better = grep { !$_->{worse} } @{ $b->{moved} };
is(scalar(grep { $_->{from}{colour} eq 'yellow' && $_->{to}{colour} eq 'red' } @worse), 2, '... two moved yellow → red');
ok((grep { $_->{from}{colour} eq 'red' && $_->{to}{colour} eq 'yellow' } @better), '... one red → yellow');
is($b->{counts}{worse}, 2, '... counted as worse: 2');
is(scalar(@{ $b->{round}{participants} }), 7, '... seven took part');
my $shown = 0; $shown += scalar @{ $_->{children} } for @{ $b->{columns} };
is($shown + scalar @{ $b->{unrated} }, $srv->sql("SELECT count(*) FROM child_case WHERE team_id = $team AND phase <> 'closed'"),
   '... every open child is in a column or not rated');
ok(logs('sanna', 'list', 'case') >= $shown, '... each child shown is logged as a list row');

# --- a manager sees the counts, a partner and another team nothing -------------------
$r = $c{kaisa}->get("/api/v1/teams/$team/traffic-lights");
is($r->{status}, 200, 'kaisa (area manager) reads the board');
is($r->{data}{audience}, 'manager', '... as a manager');
is_deeply([@{ $r->{data}{counts} }{qw(green yellow red)}], [2, 2, 3], '... the same counts');
ok(!grep({ exists $_->{children} } @{ $r->{data}{columns} }), '... but no children');
ok(!exists $r->{data}{moved} && !exists $r->{data}{unrated}, '... no names of who moved or who is not rated');
is(logs('kaisa', 'read', 'traffic_lights', " AND outcome = 'allowed' AND basis = 'area_manager'"), 1, '... logged once as figures');
for my $u (qw(katja paula)) {
    is($c{$u}->get("/api/v1/teams/$team/traffic-lights")->{status}, 403, "$u is refused the board");
}
is(logs('katja', 'read', 'traffic_lights', " AND outcome = 'denied' AND object_id = $team"), 1, '... the partner\'s refusal is logged');
is($c{kaisa}->post("/api/v1/teams/$team/traffic-lights", json => { participants => [0 + $id->('teemu')] })->{status}, 403,
   'kaisa may not start a round of a team she is not on');

# --- a new round and ratings --------------------------------------------------------
my @members = map { 0 + $_ } split /\n/, $srv->sql("SELECT account_id FROM team_member WHERE team_id = $team");
$r = $c{sanna}->post("/api/v1/teams/$team/traffic-lights", json => { participants => [0 + $id->('hanna')] });
is($r->{status}, 422, 'a participant not of the team is refused');
is($r->{data}{error}{field}, 'participants', '... naming the field');
$r = $c{sanna}->post("/api/v1/teams/$team/traffic-lights", json => { participants => [], note => 'x' });
is($r->{data}{error}{field}, 'participants', 'nobody taking part is refused');
$r = $c{sanna}->post("/api/v1/teams/$team/traffic-lights", json => { held_on => '2099-01-01', participants => \@members });
is($r->{data}{error}{field}, 'held_on', 'a round in the future is refused');
$r = $c{sanna}->post("/api/v1/teams/$team/traffic-lights", json => { participants => \@members, note => 'Ylimääräinen kierros' });
is($r->{status}, 201, 'sanna starts a round');
my $round = $r->{data}{round_id};
is(logs('sanna', 'create', 'light_round', " AND object_id = $round"), 1, '... logged with the round');
is($srv->sql("SELECT count(*) FROM light_participant WHERE round_id = $round"), scalar @members, '... who took part is kept');

my $child = $srv->sql("SELECT child_id FROM child_case WHERE team_id = $team AND phase <> 'closed' ORDER BY id LIMIT 1");
my $case = $srv->sql("SELECT id FROM child_case WHERE child_id = $child");
my $rate = "/api/v1/teams/$team/traffic-lights/rounds/$round/ratings";
$r = $c{sanna}->post($rate, json => { child_id => 0 + $child, colour => 'green', criteria => ['red_acute_crisis'] });
is($r->{status}, 422, 'a criterion of another colour is refused');
is($r->{data}{error}{field}, 'criteria', '... naming the criteria');
$r = $c{sanna}->post($rate, json => { child_id => 0 + $child, colour => 'purple' });
is($r->{data}{error}{field}, 'colour', 'an unknown colour is refused');
my $before = logs('sanna', 'update', 'case', " AND case_id = $case");
$r = $c{sanna}->post($rate, json => { child_id => 0 + $child, colour => 'red', criteria => ['red_acute_crisis', 'red_many_services'], note => 'Kriisi' });
is($r->{status}, 201, 'sanna rates a child red with two criteria');
is(logs('sanna', 'update', 'case', " AND case_id = $case"), $before + 1, '... the write is logged on the child\'s case');
is($srv->sql("SELECT colour || ' ' || criteria FROM light_rating WHERE id = $r->{data}{rating_id}"), 'red red_acute_crisis,red_many_services', '... stored');
$r = $c{sanna}->post($rate, json => { child_id => 0 + $child, colour => 'yellow', criteria => ['yellow_regular_work'] });
is($r->{status}, 201, '... rated again in the same round');
$r = $c{sanna}->get("/api/v1/teams/$team/traffic-lights/rounds/$round");
my ($col) = grep { grep { $_->{child_id} == $child } @{ $_->{children} } } @{ $r->{data}{columns} };
is($col->{colour}, 'yellow', '... the latest rating counts');
my $other = $srv->sql("SELECT c.child_id FROM child_case c JOIN team t ON t.id = c.team_id WHERE t.name = 'VALKAMA' LIMIT 1");
is($c{sanna}->post($rate, json => { child_id => 0 + $other, colour => 'red' })->{status}, 403, 'a child outside sanna\'s teams is refused');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND outcome = 'denied' AND person_id = $other"), 1, '... and the refusal logged');
my $loisto = $srv->sql("SELECT c.child_id FROM case_member m JOIN account a ON a.id = m.account_id JOIN child_case c ON c.id = m.case_id"
    . " JOIN team t ON t.id = c.team_id WHERE a.username = 'sanna' AND t.name = 'LOISTO' AND m.to_date IS NULL LIMIT 1");
$r = $c{sanna}->post($rate, json => { child_id => 0 + $loisto, colour => 'red' });
is($r->{status}, 422, 'a child of another team (on whose child\'s team sanna sits) is not rated in MAJAKKA\'s round');
is($c{kaisa}->post($rate, json => { child_id => 0 + $child, colour => 'red' })->{status}, 403, 'the manager may not rate');
is($c{katja}->post($rate, json => { child_id => 0 + $child, colour => 'red' })->{status}, 403, 'the partner may not rate');
$r = $c{sanna}->get("/api/v1/children/$child");
is($r->{data}{lights}{current}{colour}, 'yellow', 'the child page shows the current light');
ok(@{ $r->{data}{lights}{history} } >= 2, '... and the history across rounds');
my $kchild = $srv->sql("SELECT c.child_id FROM case_member m JOIN account a ON a.id = m.account_id JOIN child_case c ON c.id = m.case_id"
    . " WHERE a.username = 'katja' AND m.to_date IS NULL AND c.team_id = $team LIMIT 1");
$r = $c{katja}->get("/api/v1/children/$kchild");
is($r->{status}, 200, 'katja reads a child of hers');
ok(!exists $r->{data}{lights} && !exists $r->{data}{consultations}, '... without lights or consultations');
$r = $c{sanna}->get('/api/v1/my-work');
ok((grep { $_->{light} } @{ $r->{data}{children} }), 'my work shows the children\'s lights');

# --- the rating form keeps what was typed ---------------------------------------------------
$c{sanna}->form_login('sanna');
my $csrf = $c{sanna}->page_csrf("/teams/$team/traffic-lights/rounds/$round");
$r = $c{sanna}->request('POST', "/teams/$team/traffic-lights/rounds/$round/ratings",
    headers => { Accept => 'text/html' },
    form => [[csrf => $csrf], [child_id => $child], [colour => 'green'], [criteria => 'red_explosive'], [note => 'Kirjoitettu teksti']]);
is($r->{status}, 422, 'a refused rating form comes back 422');
my $html = $r->{content}; utf8::decode($html);
like($html, qr/Kirjoitettu teksti/, '... with the text typed');
like($html, qr/id="rate-$child-criteria"[^>]*aria-describedby="rate-$child-criteria-err"/, '... the criteria marked and described');
like($html, qr/class="alert error-summary"/, '... and the summary at the top');
like($html, qr/value="green" checked/, '... the colour kept');

# --- consultations --------------------------------------------------------------------------
my $wait = $srv->sql("SELECT id FROM consultation WHERE answer IS NULL AND consultant_id = " . $id->('kalle'));
my $vchild = $srv->sql("SELECT k.child_id FROM consultation c JOIN child_case k ON k.id = c.case_id WHERE c.id = $wait");
$r = $c{kalle}->get('/api/v1/my-work');
ok((grep { $_->{id} == $wait } @{ $r->{data}{consultations_waiting} }), 'the question waits in kalle\'s my work');
is(logs('kalle', 'list', 'consultation', " AND object_id = $wait"), 1, '... logged as a list row');
is($c{kalle}->get("/api/v1/children/$vchild")->{status}, 403, 'kalle (not on VINSSI) may not open the child');
$r = $c{kalle}->get("/api/v1/consultations/$wait");
is($r->{status}, 200, '... but reads the consultation he is named on');
is($r->{data}{audience}, 'consultant', '... as its consultant');
ok(exists $r->{data}{child}{birth_date} && !exists $r->{data}{child}{phase}, '... with the child\'s minimum data set only');
ok($r->{data}{can_answer}, '... and may answer');
is(logs('kalle', 'read', 'consultation', " AND object_id = $wait AND basis = 'consultant' AND outcome = 'allowed'"), 1, '... logged on the basis consultant');
is($c{sanna}->get("/api/v1/consultations/$wait")->{status}, 403, 'sanna (not on VINSSI) is refused it');
# A consultation about a child katja sits on: her place on the child's team
# does not open the team's practice to her.
$r = $c{sanna}->post("/api/v1/children/$kchild/consultations", json => { consultant_id => 0 + $id->('kalle'), question => 'Miten tuemme koulunkäyntiä?' });
is($r->{status}, 201, 'sanna asks about a child katja sits on');
my $kcons = $r->{data}{consultation_id};
ok($kcons, '... and gets its id');
is($c{katja}->get("/api/v1/consultations/$kcons")->{status}, 403, 'the partner on the child\'s team is refused the consultation');
is($c{hanna}->post("/api/v1/consultations/$wait/answer", json => { answer => 'x' })->{status}, 403, 'hanna, who asked, may not answer');
# The asker's own questions in her my work: waiting, then answered.
my $asked_by = $srv->sql("SELECT a.username FROM consultation c JOIN account a ON a.id = c.asked_by WHERE c.id = $wait");
is($asked_by, 'hanna', 'hanna asked the waiting question');
$r = $c{hanna}->get('/api/v1/my-work');
my ($q) = grep { $_->{id} == $wait } @{ $r->{data}{consultations_asked} || [] };
ok($q && $q->{open} && !exists $q->{answer}, 'the question waits among hanna\'s own questions') or diag explain $r->{data}{consultations_asked};
is($q && $q->{consultant}{name}, $srv->sql("SELECT display_name FROM account WHERE username = 'kalle'"), '... naming whom she asked');
ok($q && $q->{child}{name}, '... and the child');
ok($r->{data}{consultations_asked_waiting} >= 1, '... counted as waiting');
ok(logs('hanna', 'list', 'consultation', " AND object_id = $wait AND outcome = 'allowed'") >= 1, '... each row logged as a list row');
ok(!(grep { $_->{id} == $wait } @{ $c{kalle}->get('/api/v1/my-work')->{data}{consultations_asked} || [] }),
   'kalle, who did not ask it, does not have it among his questions');
$r = $c{kalle}->post("/api/v1/consultations/$wait/answer", json => { answer => "  " });
is($r->{status}, 422, 'a blank answer is refused');
my $upd = logs('kalle', 'update', 'consultation', " AND object_id = $wait");
$r = $c{kalle}->post("/api/v1/consultations/$wait/answer", json => { answer => 'Rajatkaa tapaamiset valvotuiksi.' });
is($r->{status}, 200, 'kalle answers');
ok(!$r->{data}{consultation}{open} && defined $r->{data}{consultation}{answer_minutes}, '... the time to answer is kept');
is(logs('kalle', 'update', 'consultation', " AND object_id = $wait AND outcome = 'allowed'"), $upd + 1, '... logged with the answer');
$r = $c{kalle}->post("/api/v1/consultations/$wait/answer", json => { answer => 'Toinen' });
is($r->{status}, 409, '... only once: a second answer is a conflict, not a refusal');
is($r->{data}{error}{code}, 'conflict', '... with the conflict error') or diag explain $r->{data};
is($r->{data}{error}{field}, 'answer', '... on the answer field');
is($c{kalle}->get("/api/v1/consultations/$wait")->{status}, 403, 'once answered, kalle outside the team no longer reads it');
$r = $c{hanna}->get("/api/v1/children/$vchild/consultations");
is($r->{status}, 200, 'hanna lists the child\'s consultations');
my ($mine) = grep { $_->{id} == $wait } @{ $r->{data}{consultations} };
is($mine->{answer}, 'Rajatkaa tapaamiset valvotuiksi.', '... with kalle\'s answer');
$r = $c{hanna}->get('/api/v1/my-work');
($q) = grep { $_->{id} == $wait } @{ $r->{data}{consultations_asked} || [] };
ok($q && !$q->{open} && $q->{answer} eq 'Rajatkaa tapaamiset valvotuiksi.', 'hanna\'s my work shows her question answered');
ok($q && $q->{answer_time}, '... with the time it took');
$c{hanna}->form_login('hanna');
$r = $c{hanna}->get('/');
$html = $r->{content}; utf8::decode($html);
like($html, qr/<section aria-labelledby="ca-h" id="my-questions">.*?href="\/consultations\/$wait".*?<\/section>/s, '... and on the home page');

$r = $c{hanna}->post("/api/v1/children/$vchild/consultations", json => { consultant_id => 0 + $id->('terhi'), question => '' });
is($r->{data}{error}{field}, 'question', 'an empty question is refused');
$r = $c{hanna}->post("/api/v1/children/$vchild/consultations", json => { consultant_id => 0 + $id->('hanna'), question => 'Kysyn itseltäni' });
is($r->{data}{error}{field}, 'consultant_id', 'asking oneself is refused');
$r = $c{hanna}->post("/api/v1/children/$vchild/consultations", json => { consultant_id => 0 + $id->('terhi'), question => 'Miten otan lapsen äänen mukaan?' });
is($r->{status}, 201, 'hanna asks terhi');
is(logs('hanna', 'create', 'consultation', " AND object_id = $r->{data}{consultation_id}"), 1, '... logged with the new consultation');
is($c{katja}->post("/api/v1/children/$kchild/consultations", json => { consultant_id => 0 + $id->('kalle'), question => 'x' })->{status}, 403,
   'the partner may not ask');

# --- pages in three languages ------------------------------------------------------------
my %title = (fi => 'Liikennevalot', sv => 'Trafikljus', en => 'Traffic lights');
for my $lang (qw(fi sv en)) {
    $r = $c{teemu}->get("/teams/$team/traffic-lights", headers => { Accept => 'text/html', 'Accept-Language' => $lang });
    my $t = $r->{content}; utf8::decode($t);
    is($r->{status}, 200, "$lang: the board page");
    like($t, qr/<h1>\Q$title{$lang}\E/, "$lang: ... titled $title{$lang}");
    like($t, qr/<svg[^>]*role="img"/, "$lang: ... with the picture");
}
done_testing;
