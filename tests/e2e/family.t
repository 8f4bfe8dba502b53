#!/usr/bin/perl
# family.t - the family portal: aino (a parent) sees where Eetu's matter
# stands, the plan and its tasks, ticks her own task (not Eetu's); Eetu's own
# view is hidden from her until he shares it; a family account lands on
# /family, is refused the workers' pages and another family's child (each
# refusal logged); the portal tells in plain words who in the services has
# opened the data.
use strict;
use warnings;
use utf8;
use Test::More;
use Encode ();
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(aino eetu sanna)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
my $eetu = $srv->sql("SELECT person_id FROM account WHERE username = 'eetu'");
my $aino = $srv->sql("SELECT person_id FROM account WHERE username = 'aino'");
my $case = $srv->sql("SELECT id FROM child_case WHERE child_id = $eetu");
my $other = $srv->sql("SELECT child_id FROM child_case WHERE child_id NOT IN ($eetu) ORDER BY id LIMIT 1");
my $aino_task = $srv->sql("SELECT id FROM plan_task WHERE case_id = $case AND owner_person_id = $aino AND status = 'open'");
my $eetu_task = $srv->sql("SELECT id FROM plan_task WHERE case_id = $case AND owner_person_id = $eetu");
ok($aino_task && $eetu_task, 'the demo has an open task of aino and one of eetu');

# Sanna reads the plan: the portal will tell.
is($c{sanna}->get("/api/v1/children/$eetu/plan")->{status}, 200, 'sanna reads the plan');

# aino's portal.
my $r = $c{aino}->get('/api/v1/family/me', headers => { 'Accept-Language' => 'fi' });
is($r->{status}, 200, 'aino opens the portal');
my $k = $r->{data}{children}[0];
is(scalar @{ $r->{data}{children} }, 1, 'one child: Eetu');
is($k->{child}{id}, $eetu, '... Eetu');
ok(!$k->{is_self}, '... not herself');
like($k->{status}{now}, qr/avohuollon/, 'where the matter stands, in plain words');
ok($k->{status}{next_review}, '... and the next review (' . ($k->{status}{next_review} // '') . ')');
is(scalar @{ $k->{plan}{goals} }, 3, 'the plan and its goals');
my ($mine) = grep { $_->{id} == $aino_task } @{ $k->{tasks} };
ok($mine && $mine->{mine} && $mine->{can_tick}, 'her own task, to tick');
my ($his) = grep { $_->{id} == $eetu_task } @{ $k->{tasks} };
ok($his && !$his->{can_tick}, "Eetu's task, not hers to tick");
ok((grep { $_->{mine} } @{ $k->{views} }), 'her own view is there');
ok(!(grep { $_->{person_id} == $eetu } @{ $k->{views} }), "Eetu's own view is hidden from her");
unlike($r->{content}, qr/sähly/, '... not a word of it');
ok(exists $k->{meetings}, 'the meetings slot is there');
my @log = @{ $k->{access_log} };
ok((grep { $_->{name} eq 'Sanna Salmela' && $_->{what} eq 'luki suunnitelmanne' } @log),
   'the portal says: Sanna Salmela read your plan') or diag explain \@log;
ok(!(grep { $_->{name} =~ /Aaltola/ } @log), "... and not the family's own reads");

# She ticks her own task, not Eetu's.
is($c{aino}->post("/api/v1/plan-tasks/$aino_task/done")->{status}, 200, 'aino ticks her task');
is($srv->sql("SELECT status || ' ' || (done_by = (SELECT id FROM account WHERE username = 'aino')) FROM plan_task WHERE id = $aino_task"),
   'done 1', '... done, by her');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'aino' AND action = 'plan_task_done' AND outcome = 'allowed'"),
   1, '... logged');
is($c{aino}->post("/api/v1/plan-tasks/$eetu_task/done")->{status}, 403, "she may not tick Eetu's task");
is($srv->sql("SELECT status FROM plan_task WHERE id = $eetu_task"), 'open', '... it stays open');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'aino' AND action = 'plan_task_done' AND outcome = 'denied'"),
   1, '... the refusal is logged');

# Eetu's portal: his own matter, his own view; he shares it, then takes it back.
$r = $c{eetu}->get('/api/v1/family/me');
$k = $r->{data}{children}[0];
ok($k->{is_self}, 'Eetu sees his own matter');
ok((grep { $_->{mine} && $_->{text} =~ /sähly/ } @{ $k->{views} }), '... his own view');
ok((grep { $_->{person_id} == $aino && $_->{shared} } @{ $k->{views} }), "... and his mother's shared view");
is($c{eetu}->post('/api/v1/family/views', json => { child_id => $eetu + 0, text => 'Haluan aloittaa sählyn.', shared => JSON::PP::true() })->{status},
   201, 'Eetu shares a new view');
ok((grep { $_->{text} eq 'Haluan aloittaa sählyn.' } @{ $c{aino}->get('/api/v1/family/me')->{data}{children}[0]{views} }),
   '... now his mother sees it');
is($c{eetu}->post('/api/v1/family/views', json => { child_id => $eetu + 0, text => 'Tämä on vain minun.', shared => JSON::PP::false() })->{status},
   201, 'Eetu writes a view he keeps to himself');
ok(!(grep { $_->{person_id} == $eetu } @{ $c{aino}->get('/api/v1/family/me')->{data}{children}[0]{views} }),
   '... and his mother sees none of his views');
ok((grep { $_->{text} eq 'Tämä on vain minun.' } @{ $c{sanna}->get("/api/v1/children/$eetu/plan")->{data}{views} }),
   'the social worker sees it');
is($c{eetu}->post('/api/v1/family/views', json => { child_id => $eetu + 0, text => '   ' })->{status}, 422, 'a blank view is refused');
is($c{eetu}->post('/api/v1/family/views', json => { child_id => $aino + 0, text => 'x' })->{status}, 404, 'a view on a person without a case: not found');
is($c{eetu}->post("/api/v1/plan-tasks/$eetu_task/done")->{status}, 200, 'Eetu ticks his own task');

# The portal only: workers' pages and other families are refused, and logged.
is($c{aino}->get("/api/v1/children/$eetu")->{status}, 403, "aino is refused the workers' child page");
is($c{aino}->get('/api/v1/my-work')->{status}, 403, '... my work');
is($c{aino}->get('/api/v1/org')->{status}, 403, '... the organisation');
is($c{aino}->get('/api/v1/persons?q=Aaltola')->{status}, 403, '... search');
is($c{aino}->get("/api/v1/persons/$eetu/access-log")->{status}, 403, "... the workers' access-log page");
is($c{aino}->post("/api/v1/children/$eetu/plan", json => { goals => 'x', next_review => '2027-01-01' })->{status}, 403,
   '... saving the plan');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'aino' AND outcome = 'denied' AND object_type = 'route'"),
   6, 'each refusal is logged');
is($c{aino}->get("/api/v1/children/$other/plan")->{status}, 403, "another family's child's plan is refused");
is($c{aino}->get("/api/v1/children/$other/plan.pdf")->{status}, 403, '... its PDF too');
is($c{aino}->post('/api/v1/family/views', json => { child_id => $other + 0, text => 'x' })->{status}, 403, '... and a view on it');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'aino' AND outcome = 'denied' AND person_id = $other"),
   3, '... logged against that child');
is($c{sanna}->get('/api/v1/family/me')->{status}, 403, 'a worker has no family portal');
my $pdf = $c{aino}->get("/api/v1/children/$eetu/plan.pdf");
like(substr($pdf->{content}, 0, 5), qr/^%PDF/, "aino prints her family's plan");

# The page: a family login lands on /family; the log in plain words.
my $w = $srv->client;
$r = $w->form_login('aino');
is($r->{status}, 303, 'aino logs in on the page');
$r = $w->get('/');
is($r->{status}, 303, '/ ...');
is($r->{headers}{location}, '/family', '... sends her to /family');
$r = $w->get('/family');
is($r->{status}, 200, 'the portal page');
$r->{content} = Encode::decode_utf8($r->{content});
like($r->{content}, qr/Sanna Salmela<\/bdi>, Sosiaalityöntekijä, luki suunnitelmanne/, '"Sanna Salmela, Sosiaalityöntekijä, luki suunnitelmanne ..."');
like($r->{content}, qr{href="/family"}, 'the menu is the portal');
unlike($r->{content}, qr{href="/search"}, "... without the workers' items");
is($w->get('/org')->{status}, 403, "the workers' organisation page is refused");
my ($csrf) = $r->{content} =~ /name="csrf" value="([^"]+)"/;
$r = $w->post('/family/views', form => [[csrf => $csrf], [child_id => $eetu], [text => ' '], [shared => 1]]);
is($r->{status}, 422, 'a blank own view comes back 422');
like($r->{content}, qr/id="view-$eetu-text"[^>]*aria-invalid="true"/, '... the field marked');
like($r->{content}, qr/id="form-summary"/, '... the summary at the top');
done_testing;
