#!/usr/bin/perl
# partners.t - multi-agency work end to end (issue 15, part 1): the partner
# map and its search ("who do I call about this"), the manager's picture of
# it, the administrator's forms; a mapping invitation created, answered once
# by each invitee and shown to the inviter as a board, its shared summary
# only to those who answered yes (each disclosure to a partner logged); a
# multi-agency assessment with views side by side, the family's own among
# them; an outsider refused; access-log rows for reads and writes.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(sanna katja tuula emmi oskari paula kaisa admin jaana)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
my %id = map { ($_ => 0 + $srv->sql("SELECT id FROM account WHERE username = '$_'")) } keys %c;
sub logrows { my ($where) = @_; $srv->sql("SELECT count(*) FROM access_log WHERE $where") }
sub html { my ($u, $p) = @_; my $r = $c{$u}->get($p, headers => { Accept => 'text/html' }); my $t = $r->{content} // ''; utf8::decode($t); ($r->{status}, $t) }

# --- the partner map ----------------------------------------------------------------
my $r = $c{sanna}->get('/api/v1/partners');
is($r->{status}, 200, 'the partner map');
my @orgs = @{ $r->{data}{orgs} // [] };
ok(@orgs >= 8, 'the demo county has its partner organisations (' . scalar(@orgs) . ')');
my %kinds = map { ($_->{kind} => 1) } @orgs;
ok($kinds{$_}, "... a $_") for qw(school daycare child_health_clinic youth_psychiatry substance_mental_health police ngo parish);
ok(!exists $r->{data}{map}, '... a social worker gets no unit figures');

$r = $c{sanna}->get('/api/v1/partners?q=kuraattori');
is(scalar @{ $r->{data}{orgs} }, 1, 'search by service: "kuraattori" finds the school');
my ($svc) = grep { $_->{matched} } @{ $r->{data}{orgs}[0]{services} };
is($svc->{name}, 'Koulukuraattori', '... and marks the service it matched');
$r = $c{sanna}->get('/api/v1/partners?q=Jaana');
is($r->{data}{orgs}[0]{kind}, 'youth_psychiatry', 'search by person: Jaana works in youth psychiatry');
ok((grep { $_->{matched} && $_->{username} eq 'jaana' } @{ $r->{data}{orgs}[0]{people} }), '... and she is marked');
$r = $c{sanna}->get('/api/v1/partners?q=ankkuripoliisi');
is($r->{data}{orgs}[0]{kind}, 'police', 'search by role (whom to ask): the police');
$r = $c{sanna}->get('/api/v1/partners?q=Nuorten%20Tuki');
is($r->{data}{orgs}[0]{kind}, 'ngo', 'search by organisation: the NGO');
is(scalar @{ $c{sanna}->get('/api/v1/partners?q=zzzz')->{data}{orgs} }, 0, 'a search that finds nothing finds nothing');
is(scalar @{ $c{sanna}->get('/api/v1/partners?q=%25')->{data}{orgs} }, 0, '... and % is a character, not a wildcard');
# Case is ignored for Ä, Ö and Å too (SQLite's LIKE folds ASCII only).
$r = $c{sanna}->get('/api/v1/partners?q=P%C3%84IV%C3%84KOTI');
is(join(',', map { $_->{kind} } @{ $r->{data}{orgs} }), 'daycare', '"PÄIVÄKOTI" finds Päiväkoti Satakieli');
$r = $c{sanna}->get('/api/v1/partners?q=J%C3%84RJEST%C3%96N');
is(join(',', map { $_->{kind} } @{ $r->{data}{orgs} }), 'ngo', '"JÄRJESTÖN" finds the NGO by its description ("Järjestön")');
$r = $c{sanna}->get('/api/v1/partners?q=%20KOULUKURAATTORI%20');
ok((grep { $_->{matched} && $_->{name} eq 'Koulukuraattori' } @{ $r->{data}{orgs}[0]{services} }), 'an upper-case service name is found and marked');

$r = $c{kaisa}->get('/api/v1/partners');
ok($r->{data}{map}, 'the area manager gets the map of her unit');
my %count = map { ($_->{name} => $_->{children}) } @{ $r->{data}{map}{counts} };
my $school = $srv->sql("SELECT count(DISTINCT m.case_id) FROM case_member m JOIN partner_member p ON p.account_id = m.account_id"
    . " JOIN partner_org o ON o.id = p.org_id JOIN child_case c ON c.id = m.case_id JOIN team t ON t.id = c.team_id"
    . " WHERE o.kind = 'school' AND t.area_id = (SELECT area_id FROM account WHERE username = 'kaisa')");
ok($school > 0, "the school's people sit on children's teams ($school)");
is($count{'Keskuskoulu (demo)'}, $school, "... and the map counts those children");
is($count{'Poliisi, ennalta estävä toiminta (demo)'}, 0, '... the police on none');
like($r->{data}{map}{svg}, qr/^<svg [^>]*role="img".*<title[^>]*>.+<\/title>.*Keskuskoulu \(demo\).*<\/svg>$/s, '... drawn as SVG by the server');
my ($st, $page) = html('kaisa', '/partners');
is($st, 200, 'the partner map page');
like($page, qr/<svg [^>]*class="partner-map"/, '... shows the picture');

# --- the administrator's forms ---------------------------------------------------------
is($c{sanna}->post('/api/v1/partners', json => { name => 'X', kind => 'school' })->{status}, 403, 'a worker may not add partners');
$r = $c{admin}->post('/api/v1/partners', json => { name => 'Lukio (demo)', kind => 'school', phone => '03 000 2900' });
is($r->{status}, 201, 'the administrator adds an organisation');
my $lukio = $r->{data}{id};
is($c{admin}->post('/api/v1/partners', json => { name => 'Lukio (demo)', kind => 'school' })->{status}, 422, '... a name once');
is($c{admin}->post('/api/v1/partners', json => { name => 'Y', kind => 'bank' })->{data}{error}{field}, 'kind', '... a known kind');
is($c{admin}->post("/api/v1/partners/$lukio/services", json => { name => 'Opinto-ohjaus', contact => 'opinto-ohjaaja' })->{status}, 201, '... and its service');
is($c{admin}->post("/api/v1/partners/$lukio/members", json => { account_id => $id{emmi} })->{status}, 201, '... moves a partner account to it');
is($c{admin}->post("/api/v1/partners/$lukio/members", json => { account_id => $id{sanna} })->{status}, 422, '... but not a worker');
is($c{sanna}->get('/api/v1/partners?q=opinto-ohjaaja')->{data}{orgs}[0]{name}, 'Lukio (demo)', 'the new service is found');
$c{admin}->page_csrf('/admin/partners/new');
$r = $c{admin}->request('POST', '/admin/partners/new', headers => { Accept => 'text/html' },
    form => [ [ csrf => $c{admin}->csrf ], [ name => 'Kerho (demo)' ], [ kind => 'ngo' ], [ email => 'not an address' ], [ description => 'kept' ] ]);
is($r->{status}, 422, 'the form refuses a bad e-mail address with 422');
my $t = $r->{content}; utf8::decode($t);
like($t, qr/id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-err"/, '... the field is marked');
like($t, qr/id="email-err"[^>]*>[^<]*Sähköposti ei ole sähköpostiosoite/, '... the message next to it in Finnish');
like($t, qr/value="Kerho \(demo\)"/, '... what was typed is kept');
like($t, qr/<option value="ngo" selected>/, '... and the chosen kind');
$c{admin}->post('/api/v1/partners/1/members', json => { account_id => $id{emmi} });   # back to the daycare

# --- a mapping invitation -------------------------------------------------------------
my $child = 0 + $srv->sql("SELECT c.child_id FROM case_member m JOIN account a ON a.id = m.account_id"
    . " JOIN child_case c ON c.id = m.case_id JOIN team t ON t.id = c.team_id"
    . " WHERE a.username = 'katja' AND m.to_date IS NULL AND t.name = 'MAJAKKA' ORDER BY c.id DESC LIMIT 1");
my $case = $srv->sql("SELECT id FROM child_case WHERE child_id = $child");
ok($child, "a MAJAKKA child on katja's team ($child)");
is($c{paula}->post('/api/v1/mapping-invitations', json => { child_id => $child, invitees => [ $id{tuula} ] })->{status}, 403,
   'a worker of another team may not invite about the child');
is($c{katja}->post('/api/v1/mapping-invitations', json => { child_id => $child, invitees => [ $id{katja} ] })->{data}{error}{reason},
   'partners_self', 'nobody invites themselves');
is($c{katja}->post('/api/v1/mapping-invitations', json => { child_id => $child, invitees => [] })->{status}, 422, 'somebody must be invited');
$r = $c{katja}->post('/api/v1/mapping-invitations',
    json => { child_id => $child, invitees => [ $id{tuula}, $id{emmi}, $id{oskari}, $id{sanna} ], message => 'Poissaoloja lisääntyvästi.' });
is($r->{status}, 201, 'katja, the school curator on the child\'s team, invites four (a partner may invite)');
my $inv = $r->{data}{id};
is(logrows("action = 'create' AND object_type = 'mapping_invitation' AND object_id = $inv AND case_id = $case AND account_id = $id{katja}"), 1,
   '... the invitation is in the access log');

$r = $c{tuula}->get('/api/v1/mapping-invitations');
my ($row) = grep { $_->{id} == $inv } @{ $r->{data}{received} };
ok($row && $row->{waiting}, 'tuula sees it among the received, waiting for her answer');
$r = $c{emmi}->get("/api/v1/mapping-invitations/$inv");
is($r->{status}, 200, 'an invitee opens it');
ok($r->{data}{child}{name} && $r->{data}{child}{birth_date}, '... she sees the name and age to tell whether she knows the child');
ok(!$r->{data}{child}{team} && !$r->{data}{summary}, '... but not the summary before she answers yes');
ok(!$r->{data}{board}, '... nor the others\' answers');
ok($r->{data}{can_answer}, '... and may answer');
is(logrows("action = 'read' AND object_type = 'mapping_invitation' AND object_id = $inv AND account_id = $id{emmi} AND basis = 'invitee'"), 1,
   '... her read is logged on the basis "invitee"');
is(logrows("action = 'disclose' AND object_id = $inv AND account_id = $id{emmi}"), 0, '... nothing disclosed to her');

is($c{paula}->get("/api/v1/mapping-invitations/$inv")->{status}, 403, 'paula (not invited) is refused');
is($c{jaana}->get("/api/v1/mapping-invitations/$inv")->{status}, 403, 'a partner not invited is refused');
is(logrows("object_type = 'mapping_invitation' AND object_id = $inv AND account_id = $id{paula} AND outcome = 'denied' AND reason = 'not_invited'"), 1,
   '... and the refusal is logged');
is($c{paula}->post("/api/v1/mapping-invitations/$inv/answer", json => { has_info => 'yes', shares_concern => 'yes', available => 'yes' })->{status},
   403, 'paula may not answer it');
is($c{sanna}->get("/api/v1/mapping-invitations/$inv")->{status}, 200, 'sanna (the child\'s team, invited) reads it');

# answers
is($c{tuula}->post("/api/v1/mapping-invitations/$inv/answer", json => { has_info => 'yes', shares_concern => 'bad', available => 'yes' })->{data}{error}{field},
   'shares_concern', 'an answer is yes, maybe or no');
is($c{tuula}->post("/api/v1/mapping-invitations/$inv/answer", json => { has_info => 'yes', shares_concern => 'yes', available => 'maybe', note => 'Tavannut 3 kertaa.' })->{status},
   200, 'tuula answers yes');
is($c{tuula}->post("/api/v1/mapping-invitations/$inv/answer", json => { has_info => 'no', shares_concern => 'no', available => 'no' })->{status},
   422, '... once');
is($c{emmi}->post("/api/v1/mapping-invitations/$inv/answer", json => { has_info => 'no', shares_concern => 'maybe', available => 'no' })->{status},
   200, 'emmi answers no');
is(logrows("action = 'update' AND object_type = 'mapping_invitation' AND object_id = $inv AND account_id = $id{emmi}"), 1, '... the answer is logged');
is($c{oskari}->get('/api/v1/my-work')->{data}{mapping_waiting}, 2, "oskari's my work reminds him of two unanswered invitations");
$c{oskari}->page_csrf("/mapping-invitations/$inv");
$r = $c{oskari}->request('POST', "/mapping-invitations/$inv/answer", headers => { Accept => 'text/html' },
    form => [ [ csrf => $c{oskari}->csrf ], [ all => 'no' ] ]);
is($r->{status}, 303, 'oskari answers "no to all" in one click on the page');

# the summary only to those who said yes
$r = $c{tuula}->get("/api/v1/mapping-invitations/$inv");
ok($r->{data}{summary} && $r->{data}{child}{team}{name} && $r->{data}{child}{responsible}{name}, 'tuula (yes) gets the shared summary: team and responsible worker');
is(logrows("action = 'disclose' AND object_type = 'mapping_invitation' AND object_id = $inv AND account_id = $id{tuula} AND person_id = $child"), 1,
   '... the disclosure to a partner is logged');
like($srv->sql("SELECT reason FROM access_log WHERE action = 'disclose' AND object_id = $inv AND account_id = $id{tuula}"), qr/^name,age,team/, '... naming the fields');
$r = $c{emmi}->get("/api/v1/mapping-invitations/$inv");
ok(!$r->{data}{summary} && !$r->{data}{child}{team}, 'emmi (no) still gets no summary');
ok(!$r->{data}{can_answer} && $r->{data}{my_answer}{answered}, '... and sees her own answer');

# the inviter's board
$r = $c{katja}->get("/api/v1/mapping-invitations/$inv");
my $b = $r->{data}{board};
ok($b, 'the inviter sees the board');
is("$b->{yes}/$b->{no}/$b->{waiting}", '1/2/1', '... one yes, two no, one waiting (sanna)');
my %ans = map { ($_->{account_id} => $_) } @{ $b->{invitees} };
is($ans{$id{tuula}}{available}{value}, 'maybe', "... tuula's answers side by side");
is($ans{$id{tuula}}{note}, 'Tavannut 3 kertaa.', '... with her note');
ok(!$ans{$id{sanna}}{answered}, "... sanna's still open");
($st, $page) = html('katja', "/mapping-invitations/$inv");
like($page, qr/<table class="list board[^"]*">/, 'the board on the page');
ok(!$r->{data}{can_assess}, 'a partner cannot turn it into an assessment');
is($c{oskari}->get('/api/v1/my-work')->{data}{mapping_waiting}, 1, '... one, once he has answered');
($st, $page) = html('oskari', '/');
like($page, qr{<a href="/mapping-invitations">[^<]*: 1</a>}, '... on his home page');

# --- a joint assessment ---------------------------------------------------------------
is($c{katja}->post("/api/v1/children/$child/assessments", json => { invitation_id => $inv })->{status}, 403, 'a partner cannot start an assessment');
$r = $c{sanna}->post("/api/v1/children/$child/assessments", json => { title => 'Arviointi', invitation_id => $inv });
is($r->{status}, 201, 'sanna turns the invitation into a joint assessment');
my $asm = $r->{data}{id};
is($c{sanna}->post("/api/v1/children/$child/assessments", json => { invitation_id => $inv })->{data}{error}{field}, 'invitation_id', '... once');
is($c{katja}->get("/api/v1/mapping-invitations/$inv")->{data}{assessment_id}, $asm, 'the invitation links to it');
is($c{tuula}->post("/api/v1/assessments/$asm/views", json => { area => 'child_health', rating => 7, text => 'Kasvu tasaista.' })->{status}, 201,
   'tuula (said yes: a participant) records her view');
is($c{tuula}->post("/api/v1/assessments/$asm/views", json => { area => 'child_health', family => JSON::PP::true, text => 'x' })->{data}{error}{reason},
   'partners_family_view', '... but not the family\'s');
is($c{tuula}->post("/api/v1/assessments/$asm/views", json => { area => 'nonsense', rating => 5 })->{data}{error}{field}, 'area', 'an area of the list');
is($c{tuula}->post("/api/v1/assessments/$asm/views", json => { area => 'child_health', rating => 11 })->{data}{error}{field}, 'rating', 'a rating 1-10');
is($c{sanna}->post("/api/v1/assessments/$asm/views", json => { area => 'child_health', rating => 4, text => 'Painonlasku huolestuttaa.' })->{status}, 201,
   'sanna records a different view');
is($c{sanna}->post("/api/v1/assessments/$asm/views", json => { area => 'child_health', rating => 8, family => JSON::PP::true, text => 'Hyvä ruokahalu.' })->{status}, 201,
   'sanna records the family\'s own view with the family');
is($c{emmi}->get("/api/v1/assessments/$asm")->{status}, 403, 'emmi (said no) is not a participant');
is($c{emmi}->post("/api/v1/assessments/$asm/views", json => { area => 'child_health', rating => 5 })->{status}, 403, '... and may not record');
is($c{paula}->get("/api/v1/assessments/$asm")->{status}, 403, 'an outsider is refused');
is(logrows("object_type = 'assessment' AND object_id = $asm AND account_id = $id{paula} AND outcome = 'denied'"), 1, '... logged');

$r = $c{tuula}->get("/api/v1/assessments/$asm");
is($r->{status}, 200, 'the participant reads the assessment');
my @health = grep { $_->{area} eq 'child_health' } @{ $r->{data}{views} };
is(scalar @health, 3, 'three views of physical health side by side');
my %by = map { (($_->{family} ? 'family' : $_->{author_id}) => $_) } @health;
is($by{$id{tuula}}{rating} . '/' . $by{$id{sanna}}{rating} . '/' . $by{family}{rating}, '7/4/8', '... the differences kept: 7, 4 and the family\'s 8');
ok($r->{data}{columns}[0]{family}, "... the family's column first");
is(logrows("action = 'read' AND object_type = 'assessment' AND object_id = $asm AND account_id = $id{tuula} AND basis = 'participant'"), 1, '... read logged');
is(logrows("action = 'update' AND object_type = 'assessment' AND object_id = $asm AND account_id = $id{sanna}"), 2, "sanna's two writes logged");
is(logrows("action = 'disclose' AND object_type = 'assessment' AND object_id = $asm AND account_id = $id{tuula}"), 1, 'the disclosure to the partner logged');
is(scalar(grep { $_->{id} == $asm } @{ $c{sanna}->get("/api/v1/children/$child/assessments")->{data}{assessments} }), 1, "the child's assessments list it");
($st, $page) = html('sanna', "/assessments/$asm");
is($st, 200, 'the assessment page');
like($page, qr/Perheen näkemys.*Fyysinen terveys ja toimintakyky/s, '... areas by the family\'s column, in Finnish');
$c{tuula}->page_csrf("/assessments/$asm");
$r = $c{tuula}->request('POST', "/assessments/$asm/views", headers => { Accept => 'text/html' },
    form => [ [ csrf => $c{tuula}->csrf ], [ area => 'child_development' ], [ rating => '' ], [ text => '' ] ]);
is($r->{status}, 422, 'a view with neither rating nor words comes back');
$t = $r->{content}; utf8::decode($t);
like($t, qr/id="view-text"[^>]*aria-invalid="true"/, '... its field marked');
like($t, qr/<option value="child_development" selected>/, '... the area kept');
done_testing;
