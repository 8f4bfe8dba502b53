#!/usr/bin/perl
# meetings.t - the systemic weekly meeting (issue 14, part 1) through the
# API and its pages: a team schedules its series, the coordinator prepares
# the agenda, the record per family with participants, questions and tasks,
# the tasks in their owner's "my work", the figures leadership asked for,
# the private calendar feed; and who may see what (an invited partner only
# their item, a worker of another team nothing), with access-log rows.
use strict;
use warnings;
use utf8;
use Test::More;
use POSIX qw(strftime);
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my $team = $srv->sql("SELECT id FROM team WHERE name = 'MAJAKKA'");
my $other_team = $srv->sql("SELECT id FROM team WHERE name = 'LOISTO'");
my ($katja, $sanna) = map { $srv->sql("SELECT id FROM account WHERE username = '$_'") } qw(katja sanna);
# A MAJAKKA child with katja on the child's team, one without her, and a LOISTO child.
my $with_katja = $srv->sql("SELECT c.child_id FROM child_case c JOIN case_member m ON m.case_id = c.id"
    . " WHERE c.team_id = $team AND m.account_id = $katja AND m.to_date IS NULL ORDER BY c.id LIMIT 1");
my $without = $srv->sql("SELECT c.child_id FROM child_case c WHERE c.team_id = $team AND c.phase <> 'closed' AND NOT EXISTS"
    . " (SELECT 1 FROM case_member m WHERE m.case_id = c.id AND m.account_id = $katja) ORDER BY c.id LIMIT 1");
my $loisto_child = $srv->sql("SELECT child_id FROM child_case WHERE team_id = $other_team ORDER BY id LIMIT 1");
my $child_name = $srv->sql("SELECT first_names FROM person WHERE id = $with_katja");
ok($with_katja && $without && $loisto_child, 'the demo has the children this test needs');
$_ += 0 for $team, $katja, $sanna, $with_katja, $without, $loisto_child;   # JSON numbers

my $kirsi = $srv->client;
is($kirsi->login('kirsi')->{status}, 201, 'kirsi, the coordinator, logs in');

# --- the series -----------------------------------------------------------------
my $start = strftime('%Y-%m-%d', gmtime(time - 28 * 86400));
my $r = $kirsi->post("/api/v1/teams/$team/meetings", json => { weekday => 2, start_time => '25:00', place => 'Majakka' });
is($r->{status}, 422, 'a time that is no time is refused');
is($r->{data}{error}{field}, 'start_time', '... naming start_time');
$r = $kirsi->post("/api/v1/teams/$team/meetings", json => { weekday => 2, start_time => '09:00' });
is($r->{data}{error}{field}, 'place', 'a meeting with neither place nor video link is refused');
$r = $kirsi->post("/api/v1/teams/$team/meetings", json => { weekday => 2, start_time => '09:00', minutes => 90,
    place => 'Neuvotteluhuone Majakka', video_url => 'https://video.example.invalid/majakka', starts_on => $start, weeks => 8 });
is($r->{status}, 201, 'kirsi schedules a weekly series on Tuesdays from four weeks ago');
my $series = $r->{data}{series_id};
is($srv->sql("SELECT count(*) FROM meeting WHERE series_id = $series"), 8, '... its 8 meetings exist');

$r = $kirsi->get("/api/v1/teams/$team/meetings");
is($r->{status}, 200, 'the team\'s meetings are listed');
is($r->{data}{series}[0]{weekday}, 2, '... the series on Tuesdays');
ok(@{ $r->{data}{past} } >= 3 && @{ $r->{data}{upcoming} } >= 3, '... past and upcoming meetings');
my $today = strftime('%Y-%m-%d', gmtime);
my $past = $srv->sql("SELECT id FROM meeting WHERE series_id = $series AND meets_on < '$today' ORDER BY meets_on LIMIT 1");
my $next = $srv->sql("SELECT id FROM meeting WHERE series_id = $series AND meets_on >= '$today' ORDER BY meets_on LIMIT 1");
ok(grep({ $_->{id} == $next } @{ $r->{data}{upcoming} }), '... the new series\' next meeting among them');

# --- preparing: the agenda -------------------------------------------------------
$r = $kirsi->post("/api/v1/meetings/$past/agenda", json => { child_id => $with_katja, question => 'Miten koulu tukee?',
    step => 3, prepared => JSON::PP::true, invite_account_ids => [$katja] });
is($r->{status}, 201, 'a family goes on the agenda with the worker\'s question, katja invited');
my $item = $r->{data}{item_id};
$r = $kirsi->post("/api/v1/meetings/$past/agenda", json => { child_id => $without, question => 'Toinen perhe', step => 1 });
is($r->{status}, 201, 'a second family, unprepared');
my $item2 = $r->{data}{item_id};
$r = $kirsi->post("/api/v1/meetings/$past/agenda", json => { child_id => $loisto_child, question => 'x' });
is($r->{status}, 422, 'a child of another team does not go on this team\'s agenda');
is($r->{data}{error}{reason}, 'not_team_case', '... not_team_case');
$r = $kirsi->post("/api/v1/meetings/$next/agenda", json => { child_id => $without, question => 'Seuraavaan', step => 1 });
is($r->{status}, 201, 'the next meeting gets an unprepared family too');

# The child page keeps the meetings held apart from those to come (the
# server's calendar: Europe/Helsinki unless TZ says otherwise).
{
    local $ENV{TZ} = $ENV{TZ} // 'Europe/Helsinki';
    POSIX::tzset();
    my $local_today = strftime('%Y-%m-%d', localtime);
    POSIX::tzset();
    my $coming_id = $srv->sql("SELECT id FROM meeting WHERE series_id = $series AND meets_on >= '$local_today'"
        . " ORDER BY meets_on LIMIT 1");
    is($kirsi->post("/api/v1/meetings/$coming_id/agenda", json => { child_id => $without, question => 'Tulossa', step => 1 })->{status},
       201, 'the family on the agenda of a meeting still to come') if $coming_id != $next;
    my ($past_day, $coming_day) = map { $srv->sql("SELECT meets_on FROM meeting WHERE id = $_") } $past, $coming_id;
    my $cp = $kirsi->get("/api/v1/children/$without");
    is($cp->{status}, 200, 'the child page of the family on two agendas');
    my @held = map { $_->{meets_on} } @{ $cp->{data}{meetings} // [] };
    my @coming = map { $_->{meets_on} } @{ $cp->{data}{meetings_upcoming} // [] };
    ok(grep({ $_ eq $past_day } @held) && !grep({ $_ eq $past_day } @coming), '... the past meeting among those held');
    ok(grep({ $_ eq $coming_day } @coming) && !grep({ $_ eq $coming_day } @held), '... the next one among those to come');
    my $html = $kirsi->get("/children/$without")->{content};
    utf8::decode($html);
    my ($held_p) = $html =~ m{<p>Käsitelty viikkotiimeissä: (.*?)</p>}s;
    my ($coming_p) = $html =~ m{<p>Tulevat: (.*?)</p>}s;
    ok($held_p && $held_p =~ m{/meetings/$past"} && $held_p !~ m{/meetings/$coming_id"}, '... and on the page under "Käsitelty"');
    ok($coming_p && $coming_p =~ m{/meetings/$coming_id"}, '... the next under "Tulevat"');
}

$r = $kirsi->get("/api/v1/meetings/$past");
is($r->{status}, 200, 'the meeting page');
is(scalar @{ $r->{data}{items} }, 2, '... both families');
ok($r->{data}{items}[0]{child_name} && $r->{data}{items}[0]{invites}[0]{account_id} == $katja, '... with the child and the invited');
ok(grep({ $_->{audience} eq 'family' } map { @{ $_->{questions} } } @{ $r->{data}{question_sets} }), '... and the questions always asked');
my ($qid) = map { $_->{questions}[-1]{id} } grep { $_->{key} eq 'family.first' } @{ $r->{data}{question_sets} };
ok($qid, '... a family first-meeting set, ending with the feedback question');

# --- access: the invited partner, an outsider ------------------------------------
my $katja_c = $srv->client;
$katja_c->login('katja');
$r = $katja_c->get("/api/v1/meetings/$past");
is($r->{status}, 200, 'katja, invited, opens the meeting');
is(scalar @{ $r->{data}{items} }, 1, '... and sees only the item she is invited to');
is($r->{data}{items}[0]{question}, 'Miten koulu tukee?', '... its question');
ok($r->{data}{items}[0]{invited_only} && !exists $r->{data}{items}[0]{record_form} && !exists $r->{data}{items}[0]{invites},
   '... nothing else of it');
is($r->{data}{not_shown}, 1, '... the other family is not shown');
ok(!$r->{data}{can_prepare}, '... and she cannot prepare');
ok(@{ $katja_c->get('/api/v1/my-work')->{data}{invited_meetings} // [] } >= 1, 'katja\'s my work lists the demo meeting she is invited to');
ok(!grep({ $_->{id} == $next } @{ $katja_c->get('/api/v1/my-work')->{data}{invited_meetings} // [] }),
   'katja\'s my work lists only meetings she is invited to');
is($katja_c->get("/api/v1/meetings/$next")->{status}, 403, 'katja is refused a meeting she is not invited to');
is($katja_c->get("/api/v1/teams/$team/meetings")->{status}, 403, '... and the team\'s meetings');
is($katja_c->post("/api/v1/teams/$team/meetings", json => { weekday => 1, start_time => '10:00', place => 'x' })->{status}, 403,
   '... and may not schedule');

my $paula = $srv->client;
$paula->login('paula');
is($paula->get("/api/v1/meetings/$past")->{status}, 403, 'paula of another team is refused the meeting');
is($paula->get("/api/v1/teams/$team/practice")->{status}, 403, '... and the team\'s figures');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'paula' AND object_type = 'meeting' AND outcome = 'denied'") >= 1,
   '... and the refusal is in the access log');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'katja' AND action = 'read' AND person_id = $with_katja AND outcome = 'allowed'") >= 1,
   'katja\'s read of her item is in the child\'s access log');

# --- the record ---------------------------------------------------------------------
my $fam_before = 0; $fam_before += $_->{family_present} for @{ $kirsi->get("/api/v1/teams/$team/practice")->{data}{months} };
my $mother = $srv->sql("SELECT r.person_id FROM relation r WHERE r.related_id = $with_katja ORDER BY r.person_id LIMIT 1")
    || $srv->sql("SELECT related_id FROM relation WHERE person_id = $with_katja LIMIT 1");
$mother += 0;
my $due = strftime('%Y-%m-%d', gmtime(time + 14 * 86400));
$r = $kirsi->post("/api/v1/meeting-items/$item/record", json => { hypotheses => 'Koulupäivät ovat raskaita', decisions => 'Yhteistapaaminen koululla',
    participants => [ { account_id => $sanna, present => JSON::PP::true }, { account_id => $katja, present => JSON::PP::true },
                      { person_id => $mother, role => 'family', present => JSON::PP::true }, { name => 'Mummo', role => 'close_network', present => JSON::PP::false } ],
    tasks => [ { text => 'Sovi koulupalaveri', owner_id => $sanna, due_on => $due } ],
    question_ids => [$qid], feedback_score => 4, feedback_text => 'Hyvä, että puhuttiin koulusta' });
is($r->{status}, 201, 'the discussion is recorded: participants, hypotheses, decisions, a task, feedback') or diag explain $r->{data};
is($srv->sql("SELECT family_present FROM meeting_record WHERE item_id = $item"), 1, '... the family was present');
is($srv->sql("SELECT count(*) FROM meeting_participant WHERE item_id = $item AND present = 0"), 1, '... and who was not');
is($kirsi->post("/api/v1/meeting-items/$item/record", json => { participants => [ { account_id => $sanna, present => JSON::PP::true } ] })->{status},
   422, 'a record is written once');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'kirsi' AND action = 'create' AND person_id = $with_katja") >= 1,
   'the record is in the child\'s access log');
is($katja_c->post("/api/v1/meeting-items/$item2/record", json => { participants => [ { account_id => $katja, present => JSON::PP::true } ] })->{status},
   403, 'katja may not record a family\'s discussion');

$r = $kirsi->get("/api/v1/meetings/$past");
my ($rec) = map { $_->{record} } grep { $_->{id} == $item } @{ $r->{data}{items} };
ok($rec && $rec->{feedback_score} == 4 && $rec->{question_ids}[0] == $qid, 'the record shows with feedback and the questions asked');

# --- tasks in my work ------------------------------------------------------------------
my $s = $srv->client;
$s->login('sanna');
$r = $s->get('/api/v1/my-work');
my @tasks = grep { $_->{text} eq 'Sovi koulupalaveri' } @{ $r->{data}{meeting_tasks} // [] };
is(scalar @tasks, 1, 'the task is in its owner\'s my work');
is($tasks[0]{child_id}, $with_katja, '... with the child');
is($paula->post("/api/v1/meeting-tasks/$tasks[0]{id}/done")->{status}, 403, 'paula may not tick it');
is($katja_c->post("/api/v1/meeting-tasks/$tasks[0]{id}/done")->{status}, 403, 'nor katja, who does not own it');
is($s->post("/api/v1/meeting-tasks/$tasks[0]{id}/done")->{status}, 200, 'sanna ticks it done');
ok(!grep({ $_->{id} == $tasks[0]{id} } @{ $s->get('/api/v1/my-work')->{data}{meeting_tasks} }), '... and it leaves her my work');
is($s->post("/api/v1/meeting-tasks/$tasks[0]{id}/done")->{status}, 422, '... once');

$r = $kirsi->get('/api/v1/my-work');
ok($r->{data}{is_coordinator} && $r->{data}{next_meeting}, 'the coordinator\'s my work shows the next meeting');
ok(grep({ $_->{id} == $next } @{ $r->{data}{unprepared_meetings} }), '... what is unprepared');
ok(@{ $r->{data}{not_discussed} } >= 1, '... and children not discussed for long');

# --- the figures ------------------------------------------------------------------------
$r = $kirsi->get("/api/v1/teams/$team/practice");
is($r->{status}, 200, 'the team\'s figures');
my $fam = 0; $fam += $_->{family_present} for @{ $r->{data}{months} };
is($fam, $fam_before + 1, '... one more meeting with the family present');
ok($r->{data}{discussed_3m} >= 1, '... children discussed in 3 months');
ok($r->{data}{open_children} > 1, '... of the team\'s open children');
ok(exists $r->{data}{consultations} && exists $r->{data}{traffic_lights}, '... with room for consultations and traffic lights');
ok(grep({ ($_->{child_id} // 0) == $with_katja && defined $_->{days_since} } @{ $r->{data}{children} }), '... time since each child was discussed');
my $kaisa = $srv->client;
$kaisa->login('kaisa');
$r = $kaisa->get("/api/v1/teams/$team/practice");
is($r->{status}, 200, 'the area manager reads the figures');
ok(!$r->{data}{names} && !grep({ exists $_->{name} || exists $_->{child_id} } @{ $r->{data}{children} }), '... without names');

# --- the calendar feed -----------------------------------------------------------------------
$r = $s->post('/api/v1/calendar');
is($r->{status}, 201, 'sanna makes a private calendar address');
my $path = $r->{data}{path};
like($path, qr{^/api/v1/calendar/[A-Za-z0-9_-]{43}\.ics$}, '... a secret token in it');
is($srv->sql("SELECT count(*) FROM calendar_feed WHERE token_hash LIKE '%" . substr($path, 17, 20) . "%'"), 0, '... which is stored only hashed');
$r = $kirsi->patch("/api/v1/meetings/$next", json => { meets_on => strftime('%Y-%m-%d', gmtime(time + 9 * 86400)), start_time => '12:00' });
is($r->{status}, 200, 'kirsi moves the next meeting');
my $anon = $srv->client;
$r = $anon->get($path);
is($r->{status}, 200, 'the feed answers without login');
like($r->{headers}{'content-type'}, qr{^text/calendar}, '... as text/calendar');
my $ics = $r->{content};
like($ics, qr/^BEGIN:VCALENDAR\r?$/m, '... an iCalendar');
like($ics, qr/^RRULE:FREQ=WEEKLY;COUNT=8\r?$/m, '... the weekly series');
like($ics, qr/^RECURRENCE-ID;TZID=Europe\/Helsinki:/m, '... the moved meeting overrides its day');
like($ics, qr/MAJAKKA/, '... the team');
like($ics, qr/Neuvotteluhuone Majakka/, '... the place');
unlike($ics, qr/\Q$child_name\E/, '... never a child\'s name');
is($s->delete('/api/v1/calendar')->{status}, 200, 'sanna revokes it');
is($anon->get($path)->{status}, 404, '... and the feed answers 404');
is($anon->get('/api/v1/calendar/' . ('A' x 43) . '.ics')->{status}, 404, 'an unknown token is 404');
$r = $katja_c->post('/api/v1/calendar');
my $kics = $anon->get($r->{data}{path})->{content};
like($kics, qr/^UID:meeting-\d+\@majakka\r?$/m, 'katja\'s feed has the meeting she is invited to');
unlike($kics, qr/^RRULE:FREQ=WEEKLY/m, '... but no team\'s series: she is on no team');

# --- the questions always asked -----------------------------------------------------------
$r = $s->get('/api/v1/meeting-questions');
is($r->{status}, 200, 'the questions always asked are listed');
is(scalar(grep { $_->{audience} eq 'youth' && $_->{stage} eq 'first' } @{ $r->{data}{questions} }), 6,
   '... seed 003\'s youth set: five questions and the feedback');
like((grep { $_->{audience} eq 'child' } @{ $r->{data}{questions} })[-1]{text_en}, qr/How did this meeting feel\? Did we talk about what you wanted\?/,
   '... each set ends with the family\'s feedback question, in English too');
is($s->post('/api/v1/meeting-questions', json => { audience => 'family', stage => 'first', position => 7,
    text_fi => 'x', text_sv => 'x', text_en => 'x' })->{status}, 403, 'a social worker may not change them');
my $admin = $srv->client;
$admin->login('admin');
$r = $admin->post('/api/v1/meeting-questions', json => { audience => 'family', stage => 'follow_up', position => 5,
    text_fi => 'Mikä on muuttunut?', text_sv => 'Vad har förändrats?', text_en => 'What has changed?' });
is($r->{status}, 201, 'the administrator adds a question to the organisation\'s set');
my $q = $r->{data}{id};
is($admin->patch("/api/v1/meeting-questions/$q", json => { active => JSON::PP::false })->{status}, 200, '... and takes it out of use');
is($srv->sql("SELECT active || text_en FROM meeting_question WHERE id = $q"), '0What has changed?', '... kept, inactive');
is($admin->post('/api/v1/meeting-questions', json => { audience => 'pets', stage => 'first', text_fi => 'x', text_sv => 'x', text_en => 'x' })->{data}{error}{field},
   'audience', 'an audience outside child, youth and family is refused');

# --- the page's form pattern --------------------------------------------------------------
my $b = $srv->client;
$b->form_login('kirsi');
my $tok = $b->page_csrf("/teams/$team/meetings");
$r = $b->request('POST', "/teams/$team/meetings", headers => { 'Accept-Language' => 'en' },
    form => [[csrf => $tok], [kind => 'client'], [weekday => '3'], [start_time => '9.00'], [place => 'Olohuone'], [weeks => '4']]);
is($r->{status}, 422, 'the schedule form with a bad time comes back (422)');
my $c = $r->{content}; utf8::decode($c);
like($c, qr/<p id="series-start_time-err" class="field-error">[^<]+<\/p>/, '... the message next to the field');
like($c, qr/<input id="series-start_time"[^>]*aria-invalid="true"/, '... the field marked');
like($c, qr/value="Olohuone"/, '... what was typed kept');
like($c, qr/<option value="3" selected>/, '... and the weekday chosen');
my $next_item = $srv->sql("SELECT id FROM meeting_item WHERE meeting_id = $next ORDER BY id LIMIT 1");
$tok = $b->page_csrf("/meetings/$next");
$r = $b->request('POST', "/meetings/$next/agenda", headers => { 'Accept-Language' => 'sv' },
    form => [[csrf => $tok], [item => $next_item], [child_id => $without], [question => 'Vad önskar familjen?'], [step => '9']]);
is($r->{status}, 422, 'a family\'s prepare form with step 9 comes back (422)');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<p id="prep$next_item-step-err" class="field-error">[^<]+<\/p>/, '... the message next to its own field');
like($c, qr/>Vad önskar familjen\?<\/textarea>/, '... the question kept');
like($c, qr/<html lang="sv"/, '... in Swedish');
$r = $b->request('POST', "/meetings/$next/agenda",
    form => [[csrf => $tok], [item => $next_item], [child_id => $without], [question => 'Mitä perhe toivoo?'], [step => '2'],
             [prepared => '1'], [invite_account_ids => $sanna]]);
is($r->{status}, 303, 'the preparation is saved');
is($srv->sql("SELECT question || '|' || step || '|' || prepared FROM meeting_item WHERE id = $next_item"), 'Mitä perhe toivoo?|2|1',
   '... question, step and prepared');
is($srv->sql("SELECT count(*) FROM meeting_invite WHERE item_id = $next_item AND account_id = $sanna"), 1, '... and sanna invited');
$r = $b->request('POST', "/meetings/$next", form => [[csrf => $tok], [kind => 'client'], [meets_on => '2026-02-30'],
    [start_time => '10:00'], [minutes => '90'], [place => 'Perheen koti']]);
is($r->{status}, 422, 'the change form with a day that does not exist comes back (422)');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<input id="change-meets_on"[^>]*aria-invalid="true"/, '... the day marked');
like($c, qr/<option value="client" selected>/, '... the kind chosen kept');
$r = $b->request('POST', "/meetings/$next", form => [[csrf => $tok], [kind => 'client'], [meets_on => strftime('%Y-%m-%d', gmtime(time + 9 * 86400))],
    [start_time => '10:00'], [minutes => '90'], [place => 'Perheen koti']]);
is($r->{status}, 303, 'the meeting becomes a client-team meeting at the family\'s home');
is($srv->sql("SELECT kind || '|' || place || '|' || cancelled FROM meeting WHERE id = $next"), 'client|Perheen koti|0', '... stored');
$r = $b->get("/meetings/$past");
is($r->{status}, 200, 'the meeting page renders');
like($r->{content}, qr/action="\/meeting-items\/$item2\/record"/, '... with the record form of the unrecorded family');

# A refused record form keeps what was chosen as well as what was typed: who
# was present, the questions asked, the task's owner, the other's role.
{
    my ($form) = $r->{content} =~ m{(action="/meeting-items/$item2/record".*?</form>)}s;
    my @keys = $form =~ /name="person" value="([ap]\d+)"/g;
    ok(@keys >= 2, '... offering at least two participants') or diag "@keys";
    my $f = "rec$item2";
    $tok = $b->page_csrf("/meetings/$past");
    $r = $b->request('POST', "/meeting-items/$item2/record", headers => { 'Accept-Language' => 'en' },
        form => [[csrf => $tok], (map { [person => $_] } @keys), [present => $keys[1]], [other_name => 'Kummitäti'],
                 [other_role => 'partner'], [question_ids => $qid], [hypotheses => 'Isä on huolissaan'],
                 [task_text => 'Soita isälle'], [task_owner => $sanna], [feedback_score => '9']]);
    is($r->{status}, 422, 'a record with feedback 9 comes back (422)');
    $c = $r->{content}; utf8::decode($c);
    like($c, qr/<p id="$f-feedback_score-err" class="field-error">[^<]+<\/p>/, '... the message next to the score');
    like($c, qr/>Isä on huolissaan<\/textarea>/, '... the hypotheses kept');
    like($c, qr/<input type="checkbox" name="present" value="$keys[1]" checked>/, '... the one marked present still checked');
    unlike($c, qr/<input type="checkbox" name="present" value="$keys[0]" checked>/, '... the one left out still unchecked');
    like($c, qr/<input type="checkbox" name="question_ids" value="$qid" checked>/, '... the question asked still checked');
    is(() = $c =~ /name="question_ids" value="\d+" checked/g, 1, '... and only that one');
    like($c, qr/<select id="$f-task_owner" name="task_owner"[^>]*>.*?<option value="$sanna" selected>/s, '... the task owner kept');
    like($c, qr/<select id="$f-other_role" name="other_role">.*?<option value="partner" selected>/s, '... the other participant\'s role kept');
    like($c, qr/value="Kummitäti"/, '... and the name typed');
    is($srv->sql("SELECT count(*) FROM meeting_record WHERE item_id = $item2"), 0, '... and nothing was recorded');
    $r = $b->get("/meetings/$past");
    like($r->{content}, qr/<input type="checkbox" name="present" value="$keys[0]" checked>/, 'a fresh form has everyone present again');
}
done_testing;
