#!/usr/bin/perl
# familyview.t - the family view (issue 15): the child's team sees every
# family member's services; a partner on the child's team sees none until
# the family consents to services, and then each read is a disclosure in
# the access log; a non-disclosed parent's service never shows its place or
# contact to the partner; an outsider and a family account are refused; the
# form keeps what was typed on an error; the family portal shows aino the
# client-team meeting and Eetu's Three Houses, and jari neither.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(sanna katja leena aino eetu jari)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
my $katja = $srv->sql("SELECT id FROM account WHERE username = 'katja'");
my $eetu = $srv->sql("SELECT person_id FROM account WHERE username = 'eetu'");
my $aino = $srv->sql("SELECT person_id FROM account WHERE username = 'aino'");
my $rinne = $srv->sql("SELECT id FROM person WHERE first_names = 'Aino' AND last_name = 'Rinne'");
my $laura = $srv->sql("SELECT id FROM person WHERE first_names = 'Laura' AND last_name = 'Rinne'");
sub logged {
    my ($who, $child, $action, $outcome) = @_;
    return $srv->sql("SELECT count(*) FROM access_log WHERE account_id = $who AND person_id = $child"
        . " AND action = '$action' AND outcome = '$outcome'");
}
sub services_of {
    my ($r, $pid) = @_;
    my ($m) = grep { $_->{person_id} == $pid } @{ $r->{data}{members} // [] };
    return $m ? $m->{services} : undef;
}

# --- the child's team sees all -------------------------------------------------
my $r = $c{sanna}->get("/api/v1/children/$eetu/family-view");
is($r->{status}, 200, 'sanna opens Eetu\'s family view');
my $aino_s = services_of($r, $aino);
ok($aino_s && @$aino_s >= 2, '... Aino\'s services are there');
my ($mh) = grep { ($_->{service_name} // '') eq 'Aikuisten mielenterveyspalvelut' } @$aino_s;
ok($mh, '... her adult mental-health service');
is($mh->{worker_contact}, '03 000 2510, ma–to 8–9', '... with how to reach the worker');
my ($school) = grep { ($_->{org_name} // '') eq 'Keskuskoulu (demo)' } @{ services_of($r, $eetu) // [] };
ok($school && $school->{service_name} eq 'Koulukuraattori', 'Eetu\'s school curator, from the partner map');
ok(logged($srv->sql("SELECT id FROM account WHERE username = 'sanna'"), $eetu, 'read', 'allowed') > 0,
   'sanna\'s read is in the access log');
$r = $c{sanna}->get("/api/v1/children/$eetu/family-view.svg");
is($r->{status}, 200, 'the picture');
like($r->{content}, qr/<svg.*Koulukuraattori/s, '... an SVG with the services beside the members');

# --- a partner: none without a consent, all with one -----------------------------
$r = $c{katja}->get("/api/v1/children/$eetu/family-view");
is($r->{status}, 403, 'katja (on Eetu\'s team) is refused without a consent to services');
ok(logged($katja, $eetu, 'read', 'denied') > 0, '... and the refusal is logged');
is($c{katja}->get("/api/v1/children/$eetu/family-view.svg")->{status}, 403, '... the picture too');

$r = $c{sanna}->post("/api/v1/children/$eetu/consents", json => { basis => 'consent', given_by => $aino + 0,
    organisation => 'Keskuskoulu (demo)', fields => ['services'], note => 'Äiti suostui palvelutietojen jakamiseen koululle.' });
is($r->{status}, 201, 'Aino consents to show the services to the school');
my $before = $srv->sql("SELECT count(*) FROM access_log WHERE action = 'disclose' AND account_id = $katja AND person_id = $eetu");
$r = $c{katja}->get("/api/v1/children/$eetu/family-view");
is($r->{status}, 200, 'katja now sees the family view');
ok(services_of($r, $aino) && @{ services_of($r, $aino) } >= 2, '... with Aino\'s services');
my $after = $srv->sql("SELECT count(*) FROM access_log WHERE action = 'disclose' AND account_id = $katja AND person_id = $eetu");
cmp_ok($after, '>', $before, '... and the read is a disclosure in the access log');

# --- non-disclosure: the mother's shelter never shows to the partner -------------------
$r = $c{sanna}->get("/api/v1/children/$rinne/family-view");
is($r->{status}, 200, 'sanna opens Aino Rinne\'s family view');
my ($shelter) = @{ services_of($r, $laura) // [] };
ok($shelter && $shelter->{org_name} =~ /turvakoti/i && $shelter->{worker_contact}, '... the worker sees the mother\'s shelter and contact');
my ($m) = grep { $_->{person_id} == $laura } @{ $r->{data}{members} };
ok($m->{non_disclosure}, '... and that the mother is under non-disclosure');
is($c{sanna}->post("/api/v1/children/$rinne/team", json => { role => 'varying', account_id => $katja + 0 })->{status},
   201, 'katja joins Aino Rinne\'s team');
is($c{sanna}->post("/api/v1/children/$rinne/consents", json => { basis => 'consent', given_by => $laura + 0,
    organisation => 'Keskuskoulu (demo)', fields => ['services'] })->{status}, 201, 'the mother consents to services');
$r = $c{katja}->get("/api/v1/children/$rinne/family-view");
is($r->{status}, 200, 'katja reads the family view');
($shelter) = @{ services_of($r, $laura) // [] };
ok($shelter && $shelter->{hidden}, '... the mother\'s service is there but hidden');
ok(!exists $shelter->{org_name} && !exists $shelter->{worker_contact} && !exists $shelter->{worker_name},
   '... no place, no worker, no contact');
unlike($r->{content}, qr/Kaisla|2901/, '... nowhere in the answer');
$r = $c{katja}->get("/api/v1/children/$rinne/family-view.svg");
unlike($r->{content}, qr/Kaisla|2901/, '... nor in the picture');
ok(services_of($c{katja}->get("/api/v1/children/$rinne/family-view"), $rinne)->[0]{hidden},
   '... nor the child\'s own (she is under non-disclosure too)');

# --- outsiders and the family ----------------------------------------------------
is($c{leena}->get("/api/v1/children/$eetu/family-view")->{status}, 403, 'a worker of another team is refused');
ok(logged($srv->sql("SELECT id FROM account WHERE username = 'leena'"), $eetu, 'read', 'denied') > 0, '... logged');
is($c{aino}->get("/api/v1/children/$eetu/family-view")->{status}, 403, 'a family account uses the portal, not this');
is($c{katja}->post("/api/v1/children/$eetu/family-view/services", json => { person_id => "$aino",
    service_name => 'Jotain', from_date => '2026-01-01' })->{status}, 403, 'a partner cannot record services');

# --- recording, the API and the form ---------------------------------------------
$r = $c{sanna}->post("/api/v1/children/$eetu/family-view/services", json => { person_id => "$aino",
    org_name => 'Työllisyyspalvelut (demo)', service_name => 'Työhönvalmennus', worker_name => 'Mikko Aho',
    worker_contact => '03 000 3100', from_date => '2026-10-01' });
is($r->{status}, 201, 'sanna records a service');
ok($r->{data}{id}, '... its id');
is($srv->sql("SELECT count(*) FROM access_log WHERE action = 'create' AND object_type = 'person_service'"
    . " AND person_id = $aino AND object_id = $r->{data}{id}"), 1, '... logged on Aino\'s data');
$r = $c{sanna}->post("/api/v1/children/$eetu/family-view/services", json => { person_id => "$laura",
    service_name => 'X', from_date => '2026-10-01' });
is($r->{status}, 422, 'a person outside the family is refused');
is($r->{data}{error}{field}, 'person_id', '... named');
$r = $c{sanna}->post("/api/v1/children/$eetu/family-view/services", json => { person_id => "$aino",
    service_name => 'X', from_date => '2026-10-01', to_date => '2026-09-01' });
is($r->{data}{error}{field}, 'to_date', 'an end before the start is refused');

my $page = $c{sanna}->get("/children/$eetu/family-view");
my ($tok) = $page->{content} =~ /name="csrf" value="([^"]+)"/;
ok($tok, 'the page carries the form');
$r = $c{sanna}->request('POST', "/children/$eetu/family-view/services", headers => { 'Accept-Language' => 'fi' },
    form => [[csrf => $tok], [person_id => $aino], [service_id => ''], [org_name => 'Kirjasto (demo)'],
             [service_name => ''], [worker_name => 'Liisa Pöllö'], [worker_contact => '040 000 0000'], [from_date => '2026-10-01']]);
my $c = $r->{content};
utf8::decode($c);
is($r->{status}, 422, 'a service with no name comes back (422)');
like($c, qr/<p id="service-service_name-err" class="field-error">[^<]*valitse palvelu kartalta/, '... the message next to the field, in Finnish');
like($c, qr/<input id="service-service_name"[^>]*aria-invalid="true"[^>]*aria-describedby="service-service_name-err"/,
     '... the field is marked');
like($c, qr/href="#service-service_name"/, '... the summary links to it');
like($c, qr/value="Liisa Pöllö"/, '... the worker typed is kept');
like($c, qr/value="Kirjasto \(demo\)"/, '... the organisation too');
like($c, qr/<option value="$aino" selected>/, '... and the member chosen');

# --- the family portal -------------------------------------------------------------
$r = $c{aino}->get('/api/v1/family/me');
is($r->{status}, 200, 'aino opens the portal');
my $k = $r->{data}{children}[0];
ok(@{ $k->{meetings} } >= 1, '... an upcoming meeting she is invited to');
my ($cm) = grep { $_->{kind} eq 'client' } @{ $k->{meetings} };
ok($cm && $cm->{place} && $cm->{start_time} && $cm->{meets_on}, '... the client team: day, time and place');
ok($k->{three_houses} && $k->{three_houses}{good_things} =~ /Katja/, '... and Eetu\'s Three Houses, which he agreed to show her');
$r = $c{eetu}->get('/api/v1/family/me');
ok($r->{data}{children}[0]{three_houses}, 'eetu sees his own Three Houses');
$r = $c{jari}->get('/api/v1/family/me');
is($r->{status}, 200, 'jari opens the portal');
ok(!grep({ @{ $_->{meetings} // [] } || $_->{three_houses} } @{ $r->{data}{children} // [] }),
   '... but sees neither meetings nor Three Houses');
$page = $c{aino}->get('/family');
$c = $page->{content};
utf8::decode($c);
like($c, qr/Perhekeskus Majakka/, 'aino\'s portal page shows the meeting place');
like($c, qr/Oma huone/, '... and Eetu\'s dreams');

done_testing();
