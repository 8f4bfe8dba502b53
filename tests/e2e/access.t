#!/usr/bin/perl
# access.t - need-to-know through the API: every demo audience x object kind
# (a child's case, a person, the team's list, search) x action (read, write,
# list, search), asserting the status and which fields come back.  The
# audiences: a social worker of the owning team (sanna), a worker of another
# team (paula), the team lead (teemu), the area manager of the case's area
# (kaisa) and of another area (raimo), a partner on the child's team (katja),
# the administrator (admin).
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(sanna paula teemu kaisa raimo katja admin)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}

# A MAJAKKA child whose child's team katja (the school curator) sits on.
my $child = $srv->sql("SELECT c.child_id FROM case_member m JOIN account a ON a.id = m.account_id"
    . " JOIN child_case c ON c.id = m.case_id JOIN team t ON t.id = c.team_id"
    . " WHERE a.username = 'katja' AND m.to_date IS NULL AND t.name = 'MAJAKKA' ORDER BY c.id LIMIT 1");
ok($child, "a MAJAKKA child with katja on its child's team ($child)");
my $parent = $srv->sql("SELECT person_id FROM relation WHERE related_id = $child AND kind = 'parent' LIMIT 1");
my ($name) = $srv->sql("SELECT first_names || ' ' || last_name FROM person WHERE id = $child");
my ($last) = $srv->sql("SELECT last_name FROM person WHERE id = $child");
my $hetu = $srv->sql("SELECT hetu FROM person WHERE id = $child");

# --- read: the child page, field by field -----------------------------------------
my @whole = qw(child.hetu case.phase case.legal_basis notifications journal relations team_members phases);
my @minimum_absent = qw(child.hetu child.address case.phase case.legal_basis notifications relations phases case.next_deadline);
sub has {
    my ($d, $path) = @_;
    for my $k (split /\./, $path) { return 0 unless ref $d eq 'HASH' && exists $d->{$k}; $d = $d->{$k} }
    return 1;
}
my %read = (sanna => 200, teemu => 200, katja => 200, paula => 403, kaisa => 403, raimo => 403, admin => 403);
for my $u (sort keys %read) {
    my $r = $c{$u}->get("/api/v1/children/$child");
    is($r->{status}, $read{$u}, "read: $u opens the child: $read{$u}");
    next unless $r->{status} == 200;
    if ($u eq 'katja') {
        is($r->{data}{audience}, 'partner', '... as a partner');
        ok(!has($r->{data}, $_), "... without $_") for @minimum_absent;
        ok(has($r->{data}, $_), "... with $_") for qw(child.name child.birth_date case.team case.responsible case.team_card team_members);
        ok(!grep({ $_->{person_id} && !$_->{account_id} } @{ $r->{data}{team_members} }), '... and no close-network member');
    } else {
        is($r->{data}{audience}, 'case_worker', '... as a case worker');
        ok(has($r->{data}, $_), "... with $_") for @whole;
    }
}
is($srv->sql("SELECT count(*) FROM access_log WHERE person_id = $child AND action = 'read' AND outcome = 'denied'"), 4,
   'every refused read is logged');

# --- write ---------------------------------------------------------------------
my %phase = (sanna => 200, teemu => 200, katja => 403, paula => 403, kaisa => 403, raimo => 403, admin => 403);
for my $u (sort keys %phase) {
    my $r = $c{$u}->post("/api/v1/children/$child/phase", json => { phase => 'assessment', reason => "tarkistus $u" });
    is($r->{status}, $phase{$u}, "write: $u changes the phase: $phase{$u}");
}
my %record = (sanna => 201, katja => 201, paula => 403, kaisa => 403, admin => 403);
for my $u (sort keys %record) {
    my $r = $c{$u}->post("/api/v1/children/$child/journal",
        json => { entry_date => '2026-11-20', kind => 'meeting', text => "Oma kirjaus: $u" });
    is($r->{status}, $record{$u}, "write: $u records a journal entry: $record{$u}");
}
my $entry = $srv->sql("SELECT entry_id FROM journal_entry j JOIN account a ON a.id = j.author_id WHERE a.username = 'katja'"
    . " AND j.text = 'Oma kirjaus: katja'");
is($c{katja}->post("/api/v1/children/$child/journal/$entry", json => { entry_date => '2026-11-20', kind => 'meeting',
    text => 'korjattu' })->{status}, 403, '... the partner does not correct entries (corrections are the team\'s)');
my @kj = @{ $c{katja}->get("/api/v1/children/$child")->{data}{journal} };
is(join('|', map { $_->{text} } @kj), 'Oma kirjaus: katja', 'the partner sees her own record and no other entry');
ok(scalar(grep { $_->{text} eq 'Oma kirjaus: katja' } @{ $c{sanna}->get("/api/v1/children/$child")->{data}{journal} }),
   "... which the child's team sees in the journal");

# --- list ------------------------------------------------------------------------
sub listed {
    my ($u) = @_;
    my ($row) = grep { $_->{child_id} == $child } @{ $c{$u}->get('/api/v1/children?limit=500')->{data}{children} // [] };
    return $row;
}
for my $u (qw(sanna teemu katja kaisa)) { ok(listed($u), "list: $u lists the child") }
for my $u (qw(paula raimo admin)) { ok(!listed($u), "list: $u does not") }
my $krow = listed('katja');
ok(!exists $krow->{phase} && !exists $krow->{next_deadline} && exists $krow->{responsible}, '... the partner\'s row: no phase or clocks');
my $mrow = listed('kaisa');
ok(exists $mrow->{phase} && exists $mrow->{team}, "... the manager's row: the unit's figures");
my $home = $c{katja}->get('/api/v1/my-work')->{data};
ok(scalar(grep { $_->{child_id} == $child } @{ $home->{children} }), "the partner's my work lists the child");

# --- search ------------------------------------------------------------------------
my $r = $c{katja}->get('/api/v1/persons?q=' . MajakkaClient::_enc($last));
ok(scalar(grep { $_->{id} == $child } @{ $r->{data}{results} }), 'search: the partner finds the child of her team');
$r = $c{paula}->get("/api/v1/persons?q=$hetu");
is(scalar @{ $r->{data}{results} }, 0, 'search: an exact identity code outside her access shows no one');
is($r->{data}{outside_access}, 1, '... only that a person matched');
is($r->{data}{break_glass_child_id}, $child, '... with the way to break the glass');
is($srv->sql("SELECT count(*) FROM access_log a JOIN account u ON u.id = a.account_id WHERE u.username = 'paula'"
    . " AND a.person_id = $child AND a.action = 'search_match' AND a.basis = 'existence_only'"), 1,
   "... and the disclosure is in the child's access log");
my $log = $c{sanna}->get("/api/v1/persons/$child/access-log")->{data}{entries};
ok(scalar(grep { $_->{action} eq 'search_match' && $_->{username} eq 'paula' } @$log), '... which the team sees');
is($c{admin}->get("/api/v1/persons?q=$hetu")->{status}, 403, 'search: the administrator cannot search');
is($c{admin}->get('/search?q=x', headers => { Accept => 'text/html' })->{status}, 403, '... nor through the page');

# --- a person's access log --------------------------------------------------------------
my %alog = (sanna => 200, katja => 403, paula => 403, kaisa => 403, admin => 403);
for my $u (sort keys %alog) {
    is($c{$u}->get("/api/v1/persons/$child/access-log")->{status}, $alog{$u}, "access log: $u reads the child's: $alog{$u}");
}
is($c{sanna}->get("/api/v1/persons/$parent/access-log")->{status}, 200, "... and sanna the parent's (through the child's case)");

# --- reports --------------------------------------------------------------------------
is($c{sanna}->get('/api/v1/reports/caseload')->{status}, 403, 'the caseload report is for managers');
is($c{teemu}->get('/api/v1/reports/caseload')->{status}, 200, '... such as the team lead');
is($c{admin}->get('/api/v1/reports/caseload')->{status}, 200, '... and the administrator (workers, no clients)');
is($c{katja}->get('/api/v1/reports/break-glass')->{status}, 403, 'a partner reads no break-the-glass report');

done_testing;
