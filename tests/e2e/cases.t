#!/usr/bin/perl
# cases.t - the case core through the API: who sees which child (and the
# log of it), break-the-glass, persons with identity codes, notifications
# and their legal clocks, the versioned journal, the child's team and the
# caseload cap, search, a person's access log, contacts.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(sanna paula kaisa raimo admin katja ville)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
my $team_of = sub { $srv->sql("SELECT t.name FROM child_case c JOIN team t ON t.id = c.team_id WHERE c.child_id = $_[0]") };

# --- who sees which child ---------------------------------------------------
my $r = $c{sanna}->get('/api/v1/children');
is($r->{status}, 200, 'sanna lists her children');
my @kids = @{ $r->{data}{children} };
my $majakka_total = $srv->sql("SELECT count(*) FROM child_case c JOIN team t ON t.id = c.team_id WHERE t.name = 'MAJAKKA'");
is(scalar(grep { $_->{team}{name} eq 'MAJAKKA' } @kids), $majakka_total, 'all MAJAKKA children are listed');
my @loisto = grep { $_->{team}{name} eq 'LOISTO' } @kids;
is(scalar @loisto, 1, 'exactly one LOISTO child: the one whose child\'s team sanna sits on');
is(scalar(grep { $_->{team}{name} !~ /^(MAJAKKA|LOISTO)$/ } @kids), 0, 'no children of other teams');
ok(defined $kids[0]{phase} && exists $kids[0]{team}, '... with team and phase');
ok(exists $r->{data}{next} && !defined $r->{data}{next}, '... all on one page (next is null)');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND action = 'list'"), scalar @kids,
   'each listed child is in the access log');

my $majakka_child = $srv->sql("SELECT c.child_id FROM child_case c JOIN team t ON t.id = c.team_id WHERE t.name = 'MAJAKKA' ORDER BY c.id LIMIT 1");
my $loisto_other = $srv->sql("SELECT c.child_id FROM child_case c JOIN team t ON t.id = c.team_id WHERE t.name = 'LOISTO'"
    . " AND c.id NOT IN (SELECT case_id FROM case_member m JOIN account a ON a.id = m.account_id WHERE a.username = 'sanna') ORDER BY c.id LIMIT 1");
$r = $c{sanna}->get("/api/v1/children/$majakka_child");
is($r->{status}, 200, 'sanna opens a MAJAKKA child');
ok($r->{data}{case}{team}{name} eq 'MAJAKKA', '... the child page as JSON');
ok(ref $r->{data}{journal} eq 'ARRAY' && ref $r->{data}{notifications} eq 'ARRAY' && ref $r->{data}{team_members} eq 'ARRAY',
   '... with journal, notifications and the child\'s team');
is($c{sanna}->get("/api/v1/children/$loisto_other")->{status}, 403, 'sanna may not open another LOISTO child');

$r = $c{paula}->get("/api/v1/children/$majakka_child");
is($r->{status}, 403, 'paula (LOISTO) opening a MAJAKKA child is refused');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'paula' AND person_id = $majakka_child AND outcome = 'denied'"), '1',
   '... and the refusal is logged with the child');
is($c{admin}->get("/api/v1/children/$majakka_child")->{status}, 403, 'the administrator sees no client data');
is($c{kaisa}->get("/api/v1/children/$majakka_child")->{status}, 403, 'the area manager does not open a MAJAKKA child: not on its team');
my @kaisa_list = @{ $c{kaisa}->get('/api/v1/children')->{data}{children} };
ok(scalar(grep { $_->{child_id} == $majakka_child } @kaisa_list), '... but lists it among her area\'s children');
is($srv->sql("SELECT basis FROM access_log WHERE username = 'kaisa' AND person_id = $majakka_child AND action = 'list'"), 'area_manager',
   '... on basis area_manager');
ok(!exists $kaisa_list[0]{hetu} && exists $kaisa_list[0]{phase}, '... with the list fields of a manager');
is(scalar(grep { $_->{child_id} == $majakka_child } @{ $c{raimo}->get('/api/v1/children')->{data}{children} }), 0,
   'the foster-care manager does not list it');
my @katja = @{ $c{katja}->get('/api/v1/children')->{data}{children} };
my $katja_cases = $srv->sql("SELECT count(*) FROM case_member m JOIN account a ON a.id = m.account_id"
    . " JOIN child_case c ON c.id = m.case_id WHERE a.username = 'katja' AND m.to_date IS NULL AND c.phase <> 'closed'");
is(scalar @katja, $katja_cases, "the partner sees only the open cases whose child's team she is on ($katja_cases)");
my @katja_all = @{ $c{katja}->get('/api/v1/children?closed=1')->{data}{children} };
ok(scalar @katja_all >= scalar @katja, '... closed ones too when asked');

# --- break the glass ----------------------------------------------------------
$r = $c{sanna}->post("/api/v1/children/$loisto_other/break-glass", json => { reason => '  lyhyt   syy  ' });
is($r->{status}, 422, 'a too short break-the-glass reason is refused');
is($r->{data}{error}{field}, 'reason', '... naming reason');
is($c{sanna}->post("/api/v1/children/$loisto_other/break-glass", json => { reason => (' ' x 30) })->{data}{error}{reason},
   'required', '... and spaces alone are no reason');
is($c{sanna}->get("/api/v1/children/$loisto_other?break_glass=" . 'P%C3%A4ivystys%3A+lapsi+tuotu+poliisin+kanssa')->{status}, 400,
   'a reason in the URL is refused with 400');
$r = $c{sanna}->post("/api/v1/children/$loisto_other/break-glass", json => { reason => '  Päivystys: lapsi tuotu poliisin kanssa  ' });
is($r->{status}, 201, 'with a reason sanna breaks the glass');
ok($r->{data}{grant_id} && $r->{data}{expires_at} && $r->{data}{read_only}, '... and gets a read-only grant with its expiry');
is($srv->sql("SELECT reason FROM break_glass_grant WHERE id = $r->{data}{grant_id}"), 'Päivystys: lapsi tuotu poliisin kanssa',
   '... the reason is kept trimmed');
$r = $c{sanna}->get("/api/v1/children/$loisto_other");
is($r->{status}, 200, '... and reads the child without asking again');
is($r->{data}{break_glass}{reason}, 'Päivystys: lapsi tuotu poliisin kanssa', '... under a banner with the reason');
is($c{sanna}->get("/api/v1/children/$loisto_other")->{status}, 200, '... again');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND person_id = $loisto_other AND basis = 'break_glass'"
    . " AND action = 'read'"), 2, '... each read logged on basis break_glass');
$r = $c{sanna}->post("/api/v1/children/$loisto_other/journal", json => { entry_date => '2026-11-02', kind => 'phone', text => 'x' });
is($r->{status}, 403, '... but may not write');
is($r->{data}{error}{reason}, 'read_only', '... as break-the-glass is read-only');
my $loisto_responsible = $srv->sql("SELECT a.username FROM case_member m JOIN account a ON a.id = m.account_id"
    . " JOIN child_case c ON c.id = m.case_id WHERE c.child_id = $loisto_other AND m.role = 'responsible' AND m.to_date IS NULL");
my $resp = $srv->client;
$resp->login($loisto_responsible);
$r = $resp->get('/api/v1/reports/break-glass');
is($r->{status}, 200, "the child's responsible worker reads the break-the-glass report");
my ($glass) = grep { $_->{username} eq 'sanna' } @{ $r->{data}{entries} };
ok($glass, '... which shows sanna\'s access');
is($glass->{child}{id}, $loisto_other, '... naming the child');
ok($glass->{child}{name} && $glass->{reason} eq 'Päivystys: lapsi tuotu poliisin kanssa', '... by name, with the reason');
is($glass->{reads}, 2, '... and what was opened');
ok(scalar(grep { $_->{username} eq 'sanna' } @{ $c{kaisa}->get('/api/v1/reports/break-glass')->{data}{entries} }),
   'the area manager sees it too');
is(scalar @{ $c{raimo}->get('/api/v1/reports/break-glass')->{data}{entries} }, 0, 'the manager of another area does not');
is(scalar @{ $c{ville}->get('/api/v1/reports/break-glass')->{data}{entries} }, 0, 'nor a worker of another team');
$r = $c{admin}->get('/api/v1/reports/break-glass');
ok(!exists $r->{data}{entries} && $r->{data}{counts}{total} >= 1, 'the administrator sees counts only');
# A long reason is kept whole, up to 2,000 characters, cut between characters in the log.
$r = $c{paula}->post("/api/v1/children/$majakka_child/break-glass", json => { reason => "\x{e4}" x 2000 });
is($r->{status}, 201, 'a reason of 2,000 characters is accepted');
my $long_reason = $srv->sql("SELECT reason FROM break_glass_grant WHERE id = $r->{data}{grant_id}");
utf8::decode($long_reason);
is(length $long_reason, 2000, '... kept whole');
is($c{paula}->post("/api/v1/children/$majakka_child/break-glass", json => { reason => "\x{e4}" x 2001 })->{data}{error}{reason},
   'too_long', '... and one more is refused');

# --- persons and identity codes ------------------------------------------------
my ($majakka_id) = map { $_->{id} } grep { $_->{name} eq 'MAJAKKA' } @{ $c{sanna}->get('/api/v1/teams')->{data}{teams} };
my $persons = $srv->sql('SELECT count(*) FROM person');
$r = $c{sanna}->post('/api/v1/persons', json => { kind => 'child', first_names => 'Testi', last_name => 'Lapsi',
    hetu => '010115A931X', team_id => $majakka_id + 0 });
is($r->{status}, 422, 'a wrong check character is refused');
is($r->{data}{error}{field}, 'hetu', '... naming hetu');
is($r->{data}{error}{reason}, 'check_character', '... and which part is wrong');
$r = $c{sanna}->post('/api/v1/persons', json => { kind => 'child', first_names => 'Testi', last_name => 'Lapsi',
    hetu => '320115A9318', team_id => $majakka_id + 0 });
is($r->{data}{error}{reason}, 'date', 'an impossible birth date is named');
$r = $c{sanna}->post('/api/v1/persons', json => { kind => 'child', first_names => 'Testi', last_name => 'Lapsi',
    hetu => '010115G9318', team_id => $majakka_id + 0 });
is($r->{data}{error}{reason}, 'century', 'an unknown century sign is named');
is($srv->sql('SELECT count(*) FROM person'), $persons, 'nothing was written by the refused requests');
# 010115A931: 010115931 mod 31 -> check character
my $n = 10115931 % 31; my $chk = substr('0123456789ABCDEFHJKLMNPRSTUVWXY', $n, 1);
$r = $c{sanna}->post('/api/v1/persons', json => { kind => 'child', first_names => 'Testi', last_name => 'Lapsi',
    hetu => "010115A931$chk", team_id => $majakka_id + 0 });
is($r->{status}, 201, 'a valid child with a new case in MAJAKKA');
my $child = $r->{data}{person}{id};
ok($r->{data}{person}{case_id}, '... has a case');
is($r->{data}{person}{birth_date}, '2015-01-01', '... birth date taken from the identity code');
$r = $c{sanna}->post('/api/v1/persons', json => { kind => 'child', first_names => 'Toinen', last_name => 'Lapsi',
    hetu => "010115A931$chk", team_id => $majakka_id + 0 });
is($r->{status}, 409, 'the same identity code twice is a conflict');
$r = $c{paula}->post('/api/v1/persons', json => { kind => 'parent', first_names => 'Vieras', last_name => 'Vanhempi', child_id => $child + 0 });
is($r->{status}, 403, 'paula may not add a parent to a MAJAKKA child');
$r = $c{sanna}->post('/api/v1/persons', json => { kind => 'parent', first_names => 'Äiti', last_name => 'Lapsi',
    child_id => $child + 0, relation => 'parent', guardian => JSON::PP::true() });
is($r->{status}, 201, 'sanna adds the guardian');

# Limits count characters, not bytes: Finnish letters take two bytes each.
my $long = 'ä' x 100;
$r = $c{sanna}->post('/api/v1/persons', json => { kind => 'parent', first_names => $long, last_name => 'Öörni',
    child_id => $child + 0 });
is($r->{status}, 201, 'a first name of 100 characters of ä is accepted (200 bytes)');
is($srv->sql("SELECT length(first_names) FROM person WHERE id = $r->{data}{person}{id}"), '100', '... stored whole');
$r = $c{sanna}->post('/api/v1/persons', json => { kind => 'parent', first_names => $long . 'ä', last_name => 'Öörni',
    child_id => $child + 0 });
is($r->{data}{error}{reason}, 'too_long', '... 101 characters is too long');
$r = $c{sanna}->post("/api/v1/notifications", json => { child_id => $child + 0, kind => 'contact',
    received_at => '2026-11-16T11:00', sender_type => 'parent', text => 'ö' x 4000 });
is($r->{status}, 201, 'a notification text of 4000 characters of ö is accepted (8000 bytes)');

# --- notifications and legal clocks ----------------------------------------------
$r = $c{sanna}->post('/api/v1/notifications', json => { child_id => $child + 0, kind => 'notification',
    received_at => '2026-11-16T10:30', sender_type => 'school', text => 'Huoli poissaoloista.' });
is($r->{status}, 201, 'a notification is recorded');
my $nid = $r->{data}{notification}{id};
is($r->{data}{notification}{decision_due}, '2026-11-25', 'decision due on the 7th working day (16.11. -> 25.11.)');
is($r->{data}{notification}{assessment_due}, '2027-02-16', 'assessment due in 3 months');
my $contact_nid = $srv->sql("SELECT id FROM notification WHERE case_id = (SELECT id FROM child_case WHERE child_id = $child)"
    . " AND kind = 'contact'");
$r = $c{sanna}->post('/api/v1/notifications', json => { child_id => $child + 0, kind => 'notification',
    received_at => '2026-11-16T10:30', sender_type => 'police', text => 'Samaan aikaan.' });
my $twin_nid = $r->{data}{notification}{id};
$r = $c{sanna}->get("/api/v1/children/$child");
is(join(',', map { $_->{id} } @{ $r->{data}{notifications} }), "$contact_nid,$nid,$twin_nid",
   'the child page lists notifications newest first, those received at the same minute in the order recorded');
is($r->{data}{case}{next_deadline}{kind}, 'decision', 'the next deadline is a decision while one is open');
is($r->{data}{case}{next_deadline}{due}, '2026-11-25', '... due on the earliest open decision day');
# The lists (the team page's, /api/v1/children) read the next deadline their
# own way (childcase_list_team, childcase_page_visible): it must be the child page's.
my $listed_deadline = sub {
    my ($path, $what) = @_;
    my ($row) = grep { $_->{child_id} == $child } @{ $c{sanna}->get($path)->{data}{children} };
    is_deeply($row ? $row->{next_deadline} : 'not listed', $r->{data}{case}{next_deadline}, "... $what");
};
$listed_deadline->("/api/v1/teams/$majakka_id/caseload", 'the team page lists the same next deadline');
$listed_deadline->('/api/v1/children', 'and so does the list of children');
$r = $c{sanna}->post('/api/v1/notifications', json => { child_id => $child + 0, kind => 'notification',
    received_at => '2026-11-16 10:30', sender_type => 'school', text => 'x' });
is($r->{data}{error}{field}, 'received_at', 'a malformed time is refused naming received_at');
$r = $c{sanna}->post('/api/v1/notifications', json => { child_id => $child + 0, kind => 'notification',
    received_at => '2999-01-01T10:00', sender_type => 'school', text => 'x' });
is($r->{data}{error}{reason}, 'future', 'a future receipt is refused');
is($c{sanna}->post("/api/v1/notifications/$nid/urgency", json => { urgency => 'urgent' })->{status}, 200, 'urgency assessed');
is($c{sanna}->post("/api/v1/notifications/$nid/urgency", json => { urgency => 'urgent' })->{status}, 422, '... only once');
is($c{paula}->post("/api/v1/notifications/$nid/decision", json => { decision => 'start_assessment' })->{status}, 403,
   'paula may not decide on a MAJAKKA notification');
$r = $c{sanna}->post("/api/v1/notifications/$nid/decision", json => { decision => 'start_assessment', date => '2026-11-20' });
is($r->{status}, 200, 'the decision is recorded');
is($r->{data}{notification}{decision_clock}{status}, 'met', '... and the decision clock is met');
for my $id ($contact_nid, $twin_nid) {
    is($c{sanna}->post("/api/v1/notifications/$id/decision", json => { decision => 'no_assessment', date => '2026-11-20' })->{status},
       200, "notification $id needs no assessment");
}
$r = $c{sanna}->get("/api/v1/children/$child");
is($r->{data}{case}{next_deadline}{kind}, 'assessment', 'with every decision made, the next deadline is the open assessment');
is($r->{data}{case}{next_deadline}{due}, '2027-02-16', '... due 3 months from receipt');
$listed_deadline->("/api/v1/teams/$majakka_id/caseload", 'the team page lists the same next deadline');
$listed_deadline->('/api/v1/children', 'and so does the list of children');
is($c{sanna}->post("/api/v1/notifications/$nid/assessment", json => {})->{status}, 200, 'the assessment is completed');
$r = $c{sanna}->get("/api/v1/children/$child");
ok(!exists $r->{data}{case}{next_deadline}, '... and then no deadline is open');
$listed_deadline->("/api/v1/teams/$majakka_id/caseload", 'the team page lists the same next deadline');
$listed_deadline->('/api/v1/children', 'and so does the list of children');

# --- the versioned journal ---------------------------------------------------------
$r = $c{sanna}->post("/api/v1/children/$child/journal", json => { kind => 'home_visit', text => 'Ensimmäinen käynti.', participants => 'äiti' });
is($r->{status}, 201, 'a journal entry is saved');
my $eid = $r->{data}{entry_id};
$r = $c{sanna}->post("/api/v1/children/$child/journal/$eid", json => { kind => 'home_visit', text => 'Ensimmäinen käynti. Korjaus: myös isä.' });
is($r->{data}{version}, 2, 'a correction is version 2');
$r = $c{sanna}->get("/api/v1/children/$child");
my ($entry) = grep { $_->{entry_id} == $eid } @{ $r->{data}{journal} };
is($entry->{text}, 'Ensimmäinen käynti. Korjaus: myös isä.', 'the page shows the corrected text');
is($entry->{older_versions}[0]{text}, 'Ensimmäinen käynti.', '... and keeps the old version visible');
is($srv->sql("SELECT count(*) FROM journal_entry WHERE entry_id = $eid"), '2', 'both versions are stored');
# Entries sort by the date of their first version, newest first, whatever
# date a correction gives; each entry's versions newest first.
$r = $c{sanna}->post("/api/v1/children/$child/journal", json => { kind => 'note', text => 'Vanha.', entry_date => '2025-03-01' });
my $old_eid = $r->{data}{entry_id};
$r = $c{sanna}->post("/api/v1/children/$child/journal", json => { kind => 'note', text => 'Keskimmäinen.', entry_date => '2025-06-01' });
my $mid_eid = $r->{data}{entry_id};
$c{sanna}->post("/api/v1/children/$child/journal/$mid_eid", json => { kind => 'note', text => 'Keskimmäinen, korjattu.',
    entry_date => '2024-01-01' });
$c{sanna}->post("/api/v1/children/$child/journal/$mid_eid", json => { kind => 'note', text => 'Keskimmäinen, taas.',
    entry_date => '2024-02-01' });
$r = $c{sanna}->get("/api/v1/children/$child");
is(join(',', map { $_->{entry_id} } @{ $r->{data}{journal} }), "$eid,$mid_eid,$old_eid",
   'journal entries in the order of their first version\'s date');
my ($mid) = grep { $_->{entry_id} == $mid_eid } @{ $r->{data}{journal} };
is(join(',', $mid->{version}, map { $_->{version} } @{ $mid->{older_versions} }), '3,2,1', '... versions newest first');
is(join(',', $mid->{versions}, map { $_->{versions} } @{ $mid->{older_versions} }), '3,3,3', '... each knowing the entry has 3');
is($mid->{entry_date}, '2024-02-01', '... the latest version with its own date');
ok($mid->{corrected} && !grep({ $_->{entry_id} == $old_eid && $_->{corrected} } @{ $r->{data}{journal} }),
   '... corrected only when there is more than one version');
system("sqlite3 ${\ $srv->db} \"UPDATE journal_entry SET text = 'x' WHERE entry_id = $eid\" 2>/dev/null");
is($srv->sql("SELECT count(*) FROM journal_entry WHERE text = 'x'"), '0', 'the database refuses overwriting an entry');
is($srv->sql("SELECT text FROM journal_entry WHERE entry_id = $eid AND version = 1"), 'Ensimmäinen käynti.', '... the first version is intact');
$r = $c{sanna}->post("/api/v1/children/$child/journal", json => { kind => 'home_visit', text => '' });
is($r->{data}{error}{field}, 'text', 'an empty entry is refused naming text');

# --- the child's team and the caseload cap -------------------------------------------
my $ville = $srv->sql("SELECT id FROM account WHERE username = 'ville'");
my $sanna_id = $srv->sql("SELECT id FROM account WHERE username = 'sanna'");
$r = $c{sanna}->post("/api/v1/children/$child/team", json => { role => 'responsible', account_id => $ville + 0 });
is($r->{status}, 422, 'assigning a worker over the cap is refused without a reason');
is($r->{data}{error}{field}, 'over_cap_reason', '... asking for over_cap_reason');
like($r->{data}{error}{message}, qr/31 children/, '... saying how many children the worker has');
$r = $c{sanna}->post("/api/v1/children/$child/team", json => { role => 'responsible', account_id => $sanna_id + 0 });
is($r->{status}, 201, 'sanna becomes the responsible worker');
$r = $c{sanna}->post("/api/v1/children/$child/team", json => { role => 'responsible', account_id => $ville + 0,
    over_cap_reason => 'Sijaisuus: Sanna lomalla kuukauden' });
is($r->{status}, 201, 'with a reason the assignment goes through');
$r = $c{sanna}->get("/api/v1/children/$child");
is($r->{data}{case}{responsible_changes}, 1, 'the change of responsible worker is counted');
is(scalar(grep { $_->{role} eq 'responsible' } @{ $r->{data}{team_history} }), 1, '... and the old assignment is in the history');
$r = $c{kaisa}->get('/api/v1/reports/caseload');
ok(scalar(grep { $_->{name} =~ /Ville/ } @{ $r->{data}{workers} }), 'the over-cap report lists ville');
$r = $c{sanna}->post("/api/v1/children/$child/phase", json => { phase => 'assessment' });
is($r->{data}{error}{field}, 'reason', 'a phase change without a reason is refused');
$r = $c{sanna}->post("/api/v1/children/$child/phase", json => { phase => 'open_care', reason => 'Arvio valmis, asiakkuus jatkuu' });
is($r->{data}{case}{phase}, 'open_care', 'the phase changes');
is($srv->sql("SELECT count(*) FROM case_phase WHERE case_id = (SELECT id FROM child_case WHERE child_id = $child)"), '2',
   '... and the history keeps both phases');

# --- caseloads follow every change (kept by triggers, migration 004) -----------------------
my $load = sub { $srv->sql("SELECT coalesce((SELECT children FROM caseload WHERE account_id = $_[0]), 0)") };
my $recount = sub { $srv->sql("SELECT count(*) FROM case_member m JOIN child_case c ON c.id = m.case_id"
    . " WHERE m.account_id = $_[0] AND m.role = 'responsible' AND m.to_date IS NULL AND c.phase <> 'closed'") };
is($load->($ville), 32, 'ville now has 32 children');
is($load->($sanna_id), $recount->($sanna_id), "sanna's stored caseload equals a recount after she was replaced");
$r = $c{sanna}->post("/api/v1/children/$child/phase", json => { phase => 'closed', reason => 'Asiakkuus päättyy' });
is($r->{data}{case}{phase}, 'closed', 'the case is closed') or diag explain $r->{data};
is($load->($ville), 31, '... and ville\'s caseload drops by one');
$r = $c{sanna}->post("/api/v1/children/$child/phase", json => { phase => 'open_care', reason => 'Uusi huoli, asiakkuus avataan' });
is($load->($ville), 32, 'reopening counts the child again');
$r = $c{sanna}->get("/api/v1/children/$child");
my ($vm) = grep { $_->{role} eq 'responsible' && ($_->{account_id} // 0) == $ville } @{ $r->{data}{team_members} };
my $olli_id = $srv->sql("SELECT id FROM account WHERE username = 'olli'");
$r = $c{sanna}->post("/api/v1/children/$child/team/$vm->{id}/end", json => { reason => 'Ville siirtyy toiseen tiimiin' });
is($r->{data}{error}{field}, 'new_responsible_id', 'ending the responsible worker needs the new one (tests/e2e/members.t)');
$r = $c{sanna}->post("/api/v1/children/$child/team/$vm->{id}/end", json => { reason => 'Ville siirtyy toiseen tiimiin',
    new_responsible_id => $olli_id + 0 });
ok($r->{status} < 300, 'ville\'s responsibility ends, olli takes over');
is($load->($ville), 31, '... and his caseload drops');
is($load->($ville), $recount->($ville), '... equal to a recount');
is($c{sanna}->post("/api/v1/children/$child/team", json => { role => 'varying', name => 'Tukihenkilö Testi',
    description => 'Harrastus' })->{status}, 201, 'a varying member without an account joins');
is($c{sanna}->post("/api/v1/children/$child/team", json => { role => 'pair', account_id => $sanna_id + 0 })->{status}, 201,
   'sanna becomes the pair worker');
$r = $c{sanna}->get("/api/v1/children/$child");
is(join(',', map { $_->{role} } @{ $r->{data}{team_members} }), 'responsible,pair,varying',
   "the child's team: responsible, then pair before varying");
# Ended: newest start first, the same start in reverse order of adding.
my $ended = $srv->sql("SELECT group_concat(id) FROM (SELECT id FROM case_member NOT INDEXED WHERE to_date IS NOT NULL"
    . " AND case_id = (SELECT id FROM child_case WHERE child_id = $child) ORDER BY from_date DESC, id DESC)");
is(join(',', map { $_->{id} } @{ $r->{data}{team_history} }), $ended, '... and the ended memberships in their order');

# --- search, access log, contacts, team figures ------------------------------------------
$r = $c{sanna}->get("/api/v1/persons?q=010115A931$chk");
is(scalar @{ $r->{data}{results} }, 1, 'search by identity code finds the child');
my $loisto_name = $srv->sql("SELECT p.last_name FROM person p WHERE p.id = $loisto_other");
$r = $c{paula}->get("/api/v1/persons?q=Testi");
is(scalar @{ $r->{data}{results} }, 0, 'paula does not see the MAJAKKA child in search');
ok($r->{data}{outside_access} >= 1, '... but is told a person matched outside her access');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'paula' AND action = 'search_match' AND basis = 'existence_only'"),
   $r->{data}{outside_access}, '... and each such match is in that person\'s access log');
# A common name: 55 children of another team come first alphabetically, yet
# sanna's own client with the same surname is found (not cut by the limit).
my ($loisto_id) = map { $_->{id} } grep { $_->{name} eq 'LOISTO' } @{ $c{paula}->get('/api/v1/teams')->{data}{teams} };
for my $i (1 .. 55) {
    $r = $c{paula}->post('/api/v1/persons', json => { kind => 'child', first_names => "Aino$i", last_name => 'Yleinennimi',
        birth_date => '2016-02-02', team_id => $loisto_id + 0 });
    last if $r->{status} != 201;
}
is($r->{status}, 201, 'paula registers 55 children named Yleinennimi in LOISTO');
$r = $c{sanna}->post('/api/v1/persons', json => { kind => 'child', first_names => 'Öljy', last_name => 'Yleinennimi',
    birth_date => '2016-03-03', team_id => $majakka_id + 0 });
my $own = $r->{data}{person}{id};
$r = $c{sanna}->get('/api/v1/persons?q=Yleinennimi');
ok(scalar(grep { $_->{id} == $own } @{ $r->{data}{results} }), "sanna finds her own client among 56 namesakes");
is(scalar @{ $r->{data}{results} }, 1, '... and only him');
ok($r->{data}{outside_access} >= 49, '... told that there are other matches');
# A manager's area counts as his own clients in the order too (tested hit by
# hit, not as a set): a foster-care child and its parent, last by name,
# come first for the foster-care manager and nobody else sees them first.
my $tiina = $srv->client;
$tiina->login('tiina');
my ($satama_id) = map { $_->{id} } grep { $_->{name} eq 'SATAMA' } @{ $tiina->get('/api/v1/teams')->{data}{teams} };
$r = $tiina->post('/api/v1/persons', json => { kind => 'child', first_names => 'Öövi', last_name => 'Yleinennimi',
    birth_date => '2015-04-04', team_id => $satama_id + 0 });
my $foster = $r->{data}{person}{id};
$r = $tiina->post('/api/v1/persons', json => { kind => 'parent', first_names => 'Öövin äiti', last_name => 'Yleinennimi',
    birth_date => '1985-05-05', child_id => $foster + 0, relation => 'parent', guardian => JSON::PP::true });
my $foster_parent = $r->{data}{person}{id};
ok($foster && $foster_parent, 'tiina registers a SATAMA child and its parent with the same surname');
$r = $c{raimo}->get('/api/v1/persons?q=Yleinennimi');
is(join(',', map { $_->{id} } @{ $r->{data}{results} }), "$foster,$foster_parent",
   'the foster-care manager finds both first among 58 namesakes (his area)');
my $logged = $srv->sql("SELECT group_concat(person_id || ':' || basis) FROM (SELECT person_id, basis FROM access_log"
    . " WHERE username = 'raimo' AND action = 'search' ORDER BY id)");
is($logged, "$foster:area_manager,$foster_parent:area_manager", '... and both hits are logged on basis area_manager');
$r = $c{kaisa}->get('/api/v1/persons?q=Yleinennimi');
ok(!grep({ $_->{id} == $foster } @{ $r->{data}{results} }), '... the open-care manager gets her own area\'s 50 first');
$r = $c{sanna}->get("/api/v1/persons/$child/access-log");
is($r->{status}, 200, 'sanna reads who has accessed the child');
ok(scalar(grep { $_->{username} eq 'sanna' } @{ $r->{data}{entries} }), '... her own accesses are there');
$r = $c{sanna}->get("/api/v1/persons/$majakka_child/access-log");
ok(scalar(grep { $_->{username} eq 'paula' && $_->{outcome} eq 'denied' } @{ $r->{data}{entries} }),
   "... and paula's refused attempt on the other child");
is($c{paula}->get("/api/v1/persons/$child/access-log")->{status}, 403, 'paula may not read that log');
$r = $c{sanna}->post('/api/v1/contacts', json => { team_id => $majakka_id + 0, received_at => '2026-11-23T09:00',
    channel => 'phone', first_response_at => '2026-11-23T09:20' });
is($r->{status}, 201, 'a client contact is recorded');
$r = $c{sanna}->get("/api/v1/teams/$majakka_id/caseload");
is($r->{status}, 200, 'the team figures');
ok($r->{data}{response}{contacts} >= 1, '... count contacts');
ok(scalar @{ $r->{data}{caseload}{workers} } >= 2, '... and caseload per worker');
is($r->{data}{caseload}{cap}, 30, '... against the cap of 30');
is($c{paula}->get("/api/v1/teams/$majakka_id/caseload")->{status}, 403, 'another team\'s figures are refused');

# The longest team name (60 characters, 240 bytes in UTF-8) is shown whole
# in the lists and on the child page (their copies were once 64 bytes).
my $long_team = "\x{e4}" x 60;
utf8::upgrade($long_team);    # a character string, so that sql() sends it as UTF-8
$srv->sql("UPDATE team SET name = '$long_team' WHERE name = 'MAJAKKA'");
$r = $c{sanna}->get('/api/v1/my-work');
my @due = map { @{ $r->{data}{clocks}{$_} // [] } } qw(overdue today this_week);
ok(scalar(grep { $_->{team} eq $long_team } @due), 'my work shows a 60-character team name whole');
my $lt_child = $srv->sql("SELECT c.child_id FROM child_case c JOIN team t ON t.id = c.team_id WHERE t.name = '$long_team' AND c.phase <> 'closed' ORDER BY c.id LIMIT 1");
is($c{sanna}->get("/api/v1/children/$lt_child")->{data}{case}{team}{name}, $long_team, '... and so does the child page');
$srv->sql("UPDATE team SET name = 'MAJAKKA' WHERE name = '$long_team'");

# --- paging the list of children --------------------------------------------------
# GET /api/v1/children answers a page at a time (keyset on child_id): each
# child once, in child_id order, every child shown logged and no other.
my $list_rows = sub { $srv->sql("SELECT count(*) FROM access_log WHERE username = '$_[0]' AND action = 'list'") };
# Follow next from the first page to the last: (child ids, pages, whether
# every page logged exactly the rows it showed, whether all were 200).
my $follow = sub {
    my ($who, $query) = @_;
    my (@ids, $pages, $after);
    my ($logged_ok, $ok) = (1, 1);
    while (1) {
        my $before = $list_rows->($who);
        my $q = join '&', grep { length } $query // '', defined $after ? "after=$after" : '';
        my $p = $c{$who}->get('/api/v1/children' . ($q ? "?$q" : ''));
        $ok &&= $p->{status} == 200;
        last unless $p->{status} == 200;
        my @page = map { $_->{child_id} } @{ $p->{data}{children} };
        $logged_ok &&= $list_rows->($who) == $before + @page;
        push @ids, @page;
        last if ++$pages > 200 || !defined $p->{data}{next};
        $ok &&= @page && $p->{data}{next} == $page[-1];
        $after = $p->{data}{next};
    }
    return (\@ids, $pages, $logged_ok && $ok);
};
# The children a worker sees, by SQL: the cases of her teams and those whose
# child's team she sits on (for these workers, the policy's own answer).
my $visible_sql = sub {
    my ($who, $closed) = @_;
    my $id = $srv->sql("SELECT id FROM account WHERE username = '$who'");
    my $today = $srv->sql("SELECT date('now', 'localtime')");
    [ split /\n/, $srv->sql("SELECT child_id FROM child_case WHERE (team_id IN (SELECT team_id FROM team_member"
        . " WHERE account_id = $id) OR id IN (SELECT case_id FROM case_member WHERE account_id = $id"
        . " AND from_date <= '$today' AND (to_date IS NULL OR to_date >= '$today'))) "
        . ($closed ? '' : "AND phase <> 'closed' ") . 'ORDER BY child_id') ];
};
my $sanna_visible = $visible_sql->('sanna');
my ($ids, $pages, $each_logged) = $follow->('sanna', 'limit=7');
is_deeply($ids, $sanna_visible, "limit=7: following next yields each of sanna's children once, in child_id order")
    or diag explain { got => $ids, want => $sanna_visible };
is($pages, int((@$sanna_visible + 6) / 7), "... in ceil(" . scalar(@$sanna_visible) . " / 7) pages");
ok($each_logged, '... each page logging exactly the rows it shows (not the one read to find the next page)');
$r = $c{sanna}->get('/api/v1/children?limit=7');
is(scalar @{ $r->{data}{children} }, 7, 'a page of limit=7 has 7 children');
is($r->{data}{next}, $r->{data}{children}[-1]{child_id}, '... and next is the last one\'s child id');
$r = $c{sanna}->get("/api/v1/children?limit=7&after=$sanna_visible->[-2]");
is(join(',', map { $_->{child_id} } @{ $r->{data}{children} }), $sanna_visible->[-1], 'after the last but one: the last child');
ok(!defined $r->{data}{next}, '... and next is null');
$r = $c{sanna}->get("/api/v1/children?after=$sanna_visible->[-1]");
is_deeply([ $r->{status}, $r->{data}{children}, $r->{data}{next} ], [ 200, [], undef ], 'after the last: an empty page');
$r = $c{sanna}->get("/api/v1/children?limit=" . scalar @$sanna_visible);
ok(!defined $r->{data}{next}, 'a page exactly as long as the list has no next');
my $paula_visible = $visible_sql->('paula', 1);
($ids, $pages, $each_logged) = $follow->('paula', 'limit=3&closed=1');
is_deeply($ids, $paula_visible, "paula (LOISTO) pages through her own children only, closed ones too") or diag explain $ids;
ok($pages > 1 && $each_logged, "... over $pages pages, each logged as shown");
is(scalar(grep { $team_of->($_) ne 'LOISTO' } @$ids), scalar(grep { $team_of->($_) ne 'LOISTO' } @$paula_visible),
   '... no child of another team except where she sits on the child\'s team');
# team_id of a team whose children she does not see: every candidate is
# refused, and the page reads on to the end instead of stopping short.
($ids, $pages) = $follow->('paula', "team_id=$majakka_id&limit=1");
is_deeply([ $ids, $pages ], [ [], 1 ], 'paula listing MAJAKKA gets one empty page');
$r = $c{sanna}->get("/api/v1/children?team_id=$loisto_id&limit=1");
is_deeply([ map { $team_of->($_->{child_id}) } @{ $r->{data}{children} } ], ['LOISTO'],
          'sanna listing LOISTO one at a time gets the child whose team she sits on');
ok(!defined $r->{data}{next}, '... and no next: the refused children after it are not a page');

# Invalid paging parameters name the one to fix.
for my $bad (['limit=0', 'limit', 'out_of_range'], ['limit=501', 'limit', 'out_of_range'], ['limit=-3', 'limit', 'out_of_range'],
             ['limit=abc', 'limit', 'not_integer'], ['limit=', 'limit', 'not_integer'], ['limit=1.5', 'limit', 'not_integer'],
             ['limit=99999999999999999999', 'limit', 'not_integer'],
             ['after=abc', 'after', 'invalid_number'], ['after=0', 'after', 'invalid_number'],
             ['after=-5', 'after', 'invalid_number'], ['after=', 'after', 'invalid_number'],
             ['team_id=x', 'team_id', 'invalid_number']) {
    my ($q, $field, $reason) = @$bad;
    my $before = $list_rows->('sanna');
    $r = $c{sanna}->get("/api/v1/children?$q");
    is_deeply([ $r->{status}, $r->{data}{error}{field}, $r->{data}{error}{reason} ], [ 422, $field, $reason ],
              "?$q is refused naming $field ($reason)");
    is($list_rows->('sanna'), $before, '... and nothing is logged') if $q eq 'limit=0';
}
like($c{sanna}->get('/api/v1/children?limit=501')->{data}{error}{message}, qr/from 1 to 500/, '... the message says the range');

# A county-sized team: 4,100 children.  The list pages through them (500 a
# page by default); the unpaged lists (the team page, its caseload answer)
# still refuse more than one answer may log (4,096 rows): no child may be
# shown without its access-log row.
my $majakka_area = $srv->sql("SELECT area_id FROM team WHERE name = 'MAJAKKA'");
$srv->sql("INSERT INTO team(area_id, name, kind) VALUES ($majakka_area, 'SUURI', 'open_care');"
    . " INSERT INTO team_member(team_id, account_id) SELECT id, $sanna_id FROM team WHERE name = 'SUURI';"
    . " WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4100)"
    . " INSERT INTO person(county_id, kind, first_names, last_name, created_at)"
    . "  SELECT county_id, 'child', 'Suuri', 'Lapsi ' || i, '2026-11-26T00:00:00Z' FROM n, area WHERE area.id = $majakka_area;"
    . " INSERT INTO child_case(child_id, team_id, legal_basis, phase, opened_at)"
    . "  SELECT p.id, t.id, 'child_welfare_act', 'open_care', '2026-11-26T00:00:00Z' FROM person p, team t"
    . "  WHERE p.first_names = 'Suuri' AND t.name = 'SUURI'");
my $suuri = $srv->sql("SELECT id FROM team WHERE name = 'SUURI'");
my $lists = $list_rows->('sanna');
$r = $c{sanna}->get('/api/v1/children');
is($r->{status}, 200, 'with 4,100 more children the list still answers');
is(scalar @{ $r->{data}{children} }, 500, '... 500 of them on the first page (the default)');
is($r->{data}{next}, $r->{data}{children}[-1]{child_id}, '... with next, the last one\'s child id');
is($list_rows->('sanna'), $lists + 500, '... 500 access-log rows: the rows shown, not the one read after them');
$sanna_visible = $visible_sql->('sanna');
$lists = $list_rows->('sanna');
($ids, $pages, $each_logged) = $follow->('sanna');
my %seen;
is(scalar(grep { !$seen{$_}++ } @$ids), scalar @$ids, 'following next to the end shows no child twice');
is_deeply($ids, $sanna_visible, '... and leaves none out (' . scalar(@$sanna_visible) . ' children, SUURI\'s 4,100 among them)');
is($pages, int((@$sanna_visible + 499) / 500), "... in $pages pages of 500");
ok($each_logged, '... each page logging the rows it shows');
is($list_rows->('sanna'), $lists + @$sanna_visible, '... as many access-log rows as children shown');
is($srv->sql("SELECT count(DISTINCT person_id) FROM access_log WHERE username = 'sanna' AND action = 'list' AND id > "
    . "(SELECT max(id) FROM access_log) - " . scalar @$sanna_visible), scalar @$sanna_visible, '... one for each child');
$r = $c{sanna}->get("/api/v1/children?team_id=$suuri&limit=500&after=" . $srv->sql("SELECT max(child_id) - 3 FROM child_case WHERE team_id = $suuri"));
is(scalar @{ $r->{data}{children} }, 3, 'team_id and after together: the last 3 of SUURI');
$lists = $list_rows->('sanna');
$r = $c{sanna}->get("/teams/$suuri");
is($r->{status}, 422, 'the team page of such a team is refused');
like($r->{content}, qr/4[\x{a0} ]?096/, '... saying how many one page may show and log');
unlike($r->{content}, qr/valitse tiimi/i, '... without telling to choose a team on a team\'s page');
$r = $c{sanna}->get("/api/v1/teams/$suuri/caseload");
is($r->{status}, 422, '... and its caseload answer');
is($r->{data}{error}{reason}, 'too_many_to_log', '... saying why');
is($r->{data}{error}{field}, 'list', '... about the list, not a team_id it has no use for');
like($r->{data}{error}{message}, qr{/api/v1/children.*a page at a time}, '... pointing to the paged list');
ok(!exists $r->{data}{children}, '... showing none of them');
is($list_rows->('sanna'), $lists, '... none of them logged as seen');
is($c{sanna}->get("/api/v1/teams/$majakka_id/caseload")->{status}, 200, 'one team of hers still lists');
# A team list that cannot be read is an error, not a short or empty list
# that looks complete (its errors were once ignored).
$lists = $list_rows->('sanna');
$srv->sql("DROP INDEX child_case_team_open");
$r = $c{sanna}->get("/teams/$majakka_id");
is($r->{status}, 500, 'a team page whose children cannot be read answers an error');
unlike($r->{content}, qr{/children/\d+}, '... showing no child');
$r = $c{sanna}->get("/api/v1/teams/$majakka_id/caseload");
is($r->{status}, 500, '... and so does its caseload answer');
ok(!exists $r->{data}{children}, '... with no children in it');
is($list_rows->('sanna'), $lists, '... and no list row is logged for children not shown');
$srv->sql("CREATE INDEX child_case_team_open ON child_case(team_id, phase) WHERE phase <> 'closed'");
$r = $c{sanna}->get("/api/v1/teams/$majakka_id/caseload");
ok($r->{status} == 200 && @{ $r->{data}{children} }, '... and the list is back once it can be read');
# The child page and my work likewise: never a page that only looks whole.
$srv->sql("DROP INDEX case_member_page");
$r = $c{sanna}->get("/children/$child");
is($r->{status}, 503, 'a child page whose team cannot be read answers 503 (try again), not a page without it');
$srv->sql("CREATE INDEX case_member_page ON case_member(case_id, to_date IS NOT NULL,"
    . " CASE role WHEN 'responsible' THEN 0 WHEN 'pair' THEN 1 ELSE 2 END, from_date DESC, id DESC)");
is($c{sanna}->get("/children/$child")->{status}, 200, '... and is whole again once it can be read');
$lists = $list_rows->('sanna');
$srv->sql("DROP INDEX notification_assessment_open_case");
$r = $c{sanna}->get('/');
is($r->{status}, 500, 'my work whose children and clocks cannot be read answers an error, not empty lists');
is($list_rows->('sanna'), $lists, '... logging no list row');
$srv->sql("CREATE INDEX notification_assessment_open_case ON notification(case_id, assessment_due, decision,"
    . " assessment_done_at) WHERE decision = 'start_assessment' AND assessment_done_at IS NULL");
is($c{sanna}->get('/')->{status}, 200, '... and answers again once it can');
$srv->sql("DELETE FROM team_member WHERE team_id = $suuri");

is($srv->stop, 0, 'graceful stop');
my $check = `$MajakkaServer::BIN check --db ${\ $srv->db} 2>&1`;
like($check, qr/hash chain verified/, 'the access log chain verifies after all this');
like($check, qr/caseloads: ok/, '... and every stored caseload matches a recount');
done_testing;
