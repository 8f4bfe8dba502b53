#!/usr/bin/perl
# plan.t - the joint client plan: versions (each save a new one, older ones
# readable), tasks and ratings with their validation, the PDF (starts with
# %PDF, logged), reminders in my work, and access: outsiders refused, a
# partner reads the plan only while taking part in it, every read and
# refusal in the access log.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(sanna paula katja admin)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
my $eetu = $srv->sql("SELECT person_id FROM account WHERE username = 'eetu'");
my $aino = $srv->sql("SELECT person_id FROM account WHERE username = 'aino'");
my ($sanna_id, $katja_id, $paula_id) = map { $srv->sql("SELECT id FROM account WHERE username = '$_'") } qw(sanna katja paula);
ok($eetu && $aino, "the demo's Aalto family ($eetu, $aino)");
sub logged { my ($user, $action, $outcome) = @_;
    $srv->sql("SELECT count(*) FROM access_log WHERE username = '$user' AND action = '$action'"
        . " AND outcome = '$outcome' AND person_id = $eetu") }

# My work reminds of the review due and of open cases without a plan.
my $r = $c{sanna}->get('/api/v1/my-work');
is($r->{status}, 200, 'my work');
my $pr = $r->{data}{plan_reviews};
ok((grep { $_->{child_id} == $eetu } @{ $pr->{due} }), "Eetu's review (in 9 days) is in sanna's my work");
ok(@{ $pr->{missing} } > 0, 'open cases without a plan are flagged (' . scalar(@{ $pr->{missing} }) . ')');
ok(!(grep { $_->{child_id} == $eetu } @{ $pr->{missing} }), '... Eetu is not among them');

# The demo plan: version 3 of 3, goals with their ratings over three reviews.
$r = $c{sanna}->get("/api/v1/children/$eetu/plan");
is($r->{status}, 200, 'sanna reads the plan');
my $p = $r->{data}{plan};
is($p->{version}, 3, 'the current version is 3');
is(scalar @{ $p->{goals} }, 3, 'three goals');
is(scalar @{ $p->{goals}[0]{ratings} }, 3, '... the first rated at three reviews');
ok((grep { $_->{account_id} == $katja_id } @{ $p->{participants} }), 'katja the school curator takes part');
like($r->{data}{chart_svg}, qr/^<svg .*<polyline/s, 'the ratings are drawn as an SVG chart');
ok(logged('sanna', 'plan_read', 'allowed') >= 1, 'the read is in the access log');

# Versions: a save is a new version; older versions stay readable.
$r = $c{sanna}->post("/api/v1/children/$eetu/plan", json => {
    goals => "Eetu käy koulua joka päivä.\nEetulla on harrastus.", how_work => 'Tapaamiset joka toinen viikko.',
    evaluation => 'Asteikko 1-10.', next_review => '2027-03-01', account_ids => [$sanna_id + 0, $katja_id + 0],
    person_ids => [$eetu + 0, $aino + 0], others => '' });
is($r->{status}, 201, 'a new version is saved') or diag $r->{content};
is($r->{data}{version}, 4, '... as version 4');
$r = $c{sanna}->get("/api/v1/children/$eetu/plan");
is($r->{data}{plan}{version}, 4, 'the plan is now version 4');
is(scalar @{ $r->{data}{plan}{goals} }, 2, '... with its two goals');
is(scalar @{ $r->{data}{plan}{versions} }, 4, '... and four versions listed');
$r = $c{sanna}->get("/api/v1/children/$eetu/plan?version=1");
is($r->{status}, 200, 'version 1 is still readable');
is($r->{data}{plan}{version}, 1, '... as it was');
ok(!$r->{data}{plan}{is_current}, '... marked not current');
is($c{sanna}->get("/api/v1/children/$eetu/plan?version=99")->{status}, 404, 'a version that does not exist: 404');
is($srv->sql("SELECT count(*) FROM plan_version WHERE case_id = (SELECT id FROM child_case WHERE child_id = $eetu)"), 4,
   'four versions stored');
like(`sqlite3 $srv->{db} "UPDATE plan_version SET how_work = 'x'" 2>&1`, qr/kept as they were/, 'versions cannot be changed');

# Validation, in the API's error shape.
$r = $c{sanna}->post("/api/v1/children/$eetu/plan", json => { goals => '', next_review => '2027-03-01', account_ids => [$sanna_id + 0] });
is($r->{status}, 422, 'a plan without goals is refused');
is($r->{data}{error}{field}, 'goals', '... naming goals');
$r = $c{sanna}->post("/api/v1/children/$eetu/plan", json => { goals => 'x', next_review => '2027-02-30', account_ids => [$sanna_id + 0] });
is($r->{data}{error}{field}, 'next_review', 'an impossible review date is refused');
$r = $c{sanna}->post("/api/v1/children/$eetu/plan", json => { goals => 'x', next_review => '2027-03-01', account_ids => [$paula_id + 0] });
is($r->{data}{error}{field}, 'participants', 'a participant outside the child\'s team is refused');

# Tasks and ratings.
$r = $c{sanna}->post("/api/v1/children/$eetu/plan/tasks", json => { text => 'Katja ja Eetu tapaavat', owner => "a$katja_id", due_date => '2027-01-15' });
is($r->{status}, 201, 'a task for katja');
my $katja_task = $r->{data}{task_id};
$r = $c{sanna}->post("/api/v1/children/$eetu/plan/tasks", json => { text => 'Sannan tehtävä', owner => "a$sanna_id", due_date => '2027-01-15' });
my $sanna_task = $r->{data}{task_id};
$r = $c{sanna}->post("/api/v1/children/$eetu/plan/tasks", json => { text => 'x', owner => "a$paula_id", due_date => '2027-01-15' });
is($r->{status}, 422, 'a task for someone not in the plan is refused');
is($r->{data}{error}{field}, 'owner', '... naming the owner');
$r = $c{sanna}->post("/api/v1/children/$eetu/plan/ratings", json => { goal_no => 1, score => 11 });
is($r->{data}{error}{field}, 'score', 'a rating of 11 is refused');
$r = $c{sanna}->post("/api/v1/children/$eetu/plan/ratings", json => { goal_no => 3, score => 5 });
is($r->{data}{error}{field}, 'goal_no', 'a goal the plan does not have is refused');
is($c{sanna}->post("/api/v1/children/$eetu/plan/ratings", json => { goal_no => 1, score => 8 })->{status}, 201, 'a rating of 8');
$r = $c{sanna}->get("/api/v1/children/$eetu/plan");
is($r->{data}{plan}{goals}[0]{ratings}[-1]{score}, 8, '... shown with the goal');

# The PDF, through the same door, logged.
$r = $c{sanna}->get("/api/v1/children/$eetu/plan.pdf");
is($r->{status}, 200, 'the PDF');
is($r->{headers}{'content-type'}, 'application/pdf', '... is a PDF');
like(substr($r->{content}, 0, 5), qr/^%PDF-/, '... starting with %PDF');
ok(length $r->{content} > 1000, '... with content (' . length($r->{content}) . ' bytes)');
is(logged('sanna', 'plan_pdf', 'allowed'), 1, '... and logged as plan_pdf');

# Outsiders: refused and logged.
is($c{paula}->get("/api/v1/children/$eetu/plan")->{status}, 403, 'paula of another team is refused the plan');
is($c{paula}->get("/api/v1/children/$eetu/plan.pdf")->{status}, 403, '... and the PDF');
is(logged('paula', 'plan_pdf', 'denied'), 1, '... the refusal is logged');
is($c{paula}->post("/api/v1/children/$eetu/plan/tasks", json => { text => 'x', owner => "a$paula_id", due_date => '2027-01-15' })->{status},
   403, '... and may not add tasks');
is($c{admin}->get("/api/v1/children/$eetu/plan")->{status}, 403, 'the administrator sees no plan');
is($c{paula}->post("/api/v1/plan-tasks/$sanna_task/done")->{status}, 403, 'paula may not tick a task');

# A partner who takes part reads the plan, ticks her own task, not others'.
$r = $c{katja}->get("/api/v1/children/$eetu/plan");
is($r->{status}, 200, 'katja, a participant, reads the plan');
is($r->{data}{plan}{version}, 4, '... the current version');
ok(!$r->{data}{can_write}, '... and may not change it');
is($c{katja}->post("/api/v1/children/$eetu/plan", json => { goals => 'x', next_review => '2027-03-01' })->{status}, 403,
   '... a save by her is refused');
is($c{katja}->post("/api/v1/plan-tasks/$katja_task/done")->{status}, 200, 'katja ticks her own task');
is($srv->sql("SELECT status FROM plan_task WHERE id = $katja_task"), 'done', '... it is done');
is($c{katja}->post("/api/v1/plan-tasks/$katja_task/done")->{status}, 409, '... once');
is($c{katja}->post("/api/v1/plan-tasks/$sanna_task/done")->{status}, 403, "katja may not tick sanna's task");
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'katja' AND action = 'plan_task_done'"
    . " AND outcome = 'denied' AND reason = 'not_own_task'"), 1, '... the refusal is logged');
is($c{sanna}->post("/api/v1/plan-tasks/$sanna_task/done")->{status}, 200, 'sanna ticks a task of the case');

# A new version without katja: she keeps the child's minimum data, not the plan.
$r = $c{sanna}->post("/api/v1/children/$eetu/plan", json => { goals => 'Eetu käy koulua.', next_review => '2027-03-01',
    account_ids => [$sanna_id + 0], person_ids => [$eetu + 0] });
is($r->{data}{version}, 5, 'version 5 leaves katja out');
is($c{katja}->get("/api/v1/children/$eetu/plan")->{status}, 403, 'katja no longer reads the plan');
is(logged('katja', 'plan_read', 'denied'), 1, '... the refusal is logged');
is($c{katja}->get("/api/v1/children/$eetu")->{status}, 200, '... she still opens the child (minimum data)');
ok(!(grep { $_ eq 'plan' } @{ $c{katja}->get("/api/v1/children/$eetu")->{data}{fields} }), '... without the plan field');

# The page: the plan and its forms; a refused form comes back with what was typed.
my $w = $srv->client;
is($w->form_login('sanna')->{status}, 303, 'sanna logs in on the page');
$r = $w->get("/children/$eetu");
like($r->{content}, qr{href="/children/$eetu/plan"}, 'the child page links to the plan');
$r = $w->get("/children/$eetu/plan");
is($r->{status}, 200, 'the plan page');
like($r->{content}, qr/<svg class="chart"/, '... with the progress chart') ;
my ($csrf) = $r->{content} =~ /name="csrf" value="([^"]+)"/;
$r = $w->post("/children/$eetu/plan/tasks", form => [[csrf => $csrf], [text => 'Soita koululle'], [owner => ''], [due_date => '2027-01-10']]);
is($r->{status}, 422, 'a task without an owner comes back 422');
like($r->{content}, qr/id="task-owner"[^>]*aria-invalid="true"/, '... the owner marked');
like($r->{content}, qr/value="Soita koululle"/, '... the text kept');
like($r->{content}, qr/id="form-summary"/, '... the summary at the top');
done_testing;
