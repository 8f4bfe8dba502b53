#!/usr/bin/perl
# polish.t - the loose ends of issues 14 and 15 closed by the polish branch:
# the mapping invitation made from the child's own page (search people by
# name or organisation, choose, add a note; a refused form keeps what was
# chosen and typed; it lands in the invitee's my work), and who may open
# that page, with access-log rows.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %id = map { ($_ => $srv->sql("SELECT id FROM account WHERE username = '$_'")) } qw(sanna oskari tuula paula emmi);
my $team = $srv->sql("SELECT id FROM team WHERE name = 'MAJAKKA'");
my $child = $srv->sql("SELECT c.child_id FROM child_case c WHERE c.team_id = $team AND c.phase <> 'closed'"
    . " AND EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = c.id AND m.account_id = $id{sanna} AND m.to_date IS NULL)"
    . " ORDER BY c.id LIMIT 1");
ok($child, 'a MAJAKKA child on sanna\'s child\'s team');

# --- the page --------------------------------------------------------------------
my $sb = $srv->client;
$sb->form_login('sanna');
my $r = $sb->get("/children/$child");
like($r->{content}, qr{<a href="/children/$child/mapping-invitations/new" id="invite-link">}, 'the child page links to the invitation page');
$r = $sb->get("/children/$child/mapping-invitations/new");
is($r->{status}, 200, 'the invitation page opens');
like($r->{content}, qr/name="q"/, '... with a search');
unlike($r->{content}, qr/name="invitees"/, '... and nobody offered before a search');
$r = $sb->get("/children/$child/mapping-invitations/new?q=NUORTEN%20TUKI");
my $c = $r->{content}; utf8::decode($c);
like($c, qr/<input type="checkbox" name="invitees" value="$id{oskari}">/, 'searching the organisation "NUORTEN TUKI" offers its youth worker oskari');
$r = $sb->get("/children/$child/mapping-invitations/new?q=tuula");
$c = $r->{content}; utf8::decode($c);
like($c, qr/value="$id{tuula}"/, 'searching by name finds tuula');
$r = $sb->get("/children/$child/mapping-invitations/new?q=paula");
like($r->{content}, qr/value="$id{paula}"/, '... and workers too (paula of LOISTO)');
$r = $sb->get("/children/$child/mapping-invitations/new?q=sanna");
unlike($r->{content}, qr/name="invitees" value="$id{sanna}"/, '... but never the inviter herself');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND action = 'read' AND person_id = $child AND outcome = 'allowed'") >= 1,
   'opening the page is in the child\'s access log');
$r = $sb->get("/children/$child/mapping-invitations/new?q=x", headers => { Accept => 'application/json' });
is($r->{status}, 200, 'the page\'s model is JSON for an API client');
ok(exists $r->{data}{candidates} && $r->{data}{child}{id} == $child, '... with the candidates and the child');

# --- the form pattern -----------------------------------------------------------------
my $tok = $sb->page_csrf("/children/$child/mapping-invitations/new?q=Nuorten");
$r = $sb->request('POST', "/children/$child/mapping-invitations/new", headers => { 'Accept-Language' => 'en' },
    form => [[csrf => $tok], [child_id => $child], [q => 'Nuorten'], [message => 'Tunnetteko Eetun?']]);
is($r->{status}, 422, 'an invitation with nobody chosen comes back (422)');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<p id="invitees-err" class="field-error">[^<]+<\/p>/, '... the message next to the people');
like($c, qr/<fieldset id="invitees" aria-describedby="invitees-err">/, '... the fieldset described by it');
like($c, qr/href="#invitees"/, '... a summary linking to it');
like($c, qr/>Tunnetteko Eetun\?<\/textarea>/, '... the note kept');
like($c, qr/value="$id{oskari}">/, '... the search kept');
$r = $sb->request('POST', "/children/$child/mapping-invitations/new",
    form => [[csrf => $tok], [child_id => $child], [q => 'Nuorten'], [invitees => $id{oskari}], [invitees => $id{sanna}], [message => 'Tunnetteko Eetun?']]);
is($r->{status}, 422, 'inviting oneself is refused');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<input type="checkbox" name="invitees" value="$id{oskari}" checked>/, '... the one chosen stays chosen');

my $before = $srv->sql("SELECT count(*) FROM mapping_invitation");
$r = $sb->request('POST', "/children/$child/mapping-invitations/new",
    form => [[csrf => $tok], [child_id => $child], [q => 'Nuorten'], [invitees => $id{oskari}], [invitees => $id{emmi}], [message => 'Tunnetteko perheen?']]);
is($r->{status}, 303, 'sanna invites oskari and emmi');
my ($inv) = ($r->{headers}{location} // '') =~ m{^/mapping-invitations/(\d+)$};
ok($inv, '... and lands on the invitation') or diag $r->{headers}{location};
is($srv->sql("SELECT count(*) FROM mapping_invitation") - $before, 1, '... one invitation stored');
is($srv->sql("SELECT group_concat(account_id) FROM (SELECT account_id FROM mapping_invitee WHERE invitation_id = $inv ORDER BY account_id)"),
   join(',', sort { $a <=> $b } $id{oskari}, $id{emmi}), '... for the two chosen');
is($srv->sql("SELECT message FROM mapping_invitation WHERE id = $inv"), 'Tunnetteko perheen?', '... with the note');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND action = 'create' AND object_type = 'mapping_invitation'"
    . " AND person_id = $child AND outcome = 'allowed'") >= 1, '... logged as a write about the child');

my $o = $srv->client;
$o->login('oskari');
$r = $o->get('/api/v1/my-work');
ok($r->{data}{mapping_waiting} >= 1, 'the invitation waits in oskari\'s my work');
$r = $o->get('/api/v1/mapping-invitations');
ok((grep { $_->{id} == $inv } @{ $r->{data}{received} }), '... among the invitations he received');

# --- who may open the page -------------------------------------------------------------
my $p = $srv->client;
$p->form_login('paula');
is($p->get("/children/$child/mapping-invitations/new")->{status}, 403, 'paula of LOISTO may not invite about a MAJAKKA child');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'paula' AND person_id = $child AND outcome = 'denied'") >= 1,
   '... and the refusal is logged');
$r = $p->request('POST', "/children/$child/mapping-invitations/new",
    form => [[csrf => $p->page_csrf('/')], [child_id => $child], [invitees => $id{oskari}]]);
is($r->{status}, 403, '... nor post the form');

# --- the questions always asked: the administrator's page ------------------------------------
my $ad = $srv->client;
$ad->form_login('admin');
$r = $ad->get('/');
like($r->{content}, qr{href="/admin/meeting-questions"}, 'the administrator\'s home links to the questions always asked');
$r = $ad->get('/admin/meeting-questions');
is($r->{status}, 200, 'the page opens');
$c = $r->{content}; utf8::decode($c);
like($c, qr{<h2 id="set-family.first">Perhe: ensitapaaminen</h2>}, '... listing the sets by audience and meeting');
my $nq = () = $c =~ /<li class="card[^"]*" id="q\d+">/g;
is($nq, $srv->sql("SELECT count(*) FROM meeting_question WHERE county_id = (SELECT county_id FROM account WHERE username = 'admin')"),
   '... with every question of the organisation');
$r = $ad->get('/admin/meeting-questions', headers => { Accept => 'application/json' });
is(scalar @{ $r->{data}{sets} }, 6, '... and as JSON: six sets');
$tok = $ad->page_csrf('/admin/meeting-questions');
$r = $ad->request('POST', '/admin/meeting-questions', headers => { 'Accept-Language' => 'sv' },
    form => [[csrf => $tok], [audience => 'youth'], [stage => 'follow_up'], [position => '7'], [text_fi => 'Mikä auttoi?'], [text_sv => ''], [text_en => 'What helped?']]);
is($r->{status}, 422, 'a question without its Swedish text comes back (422)');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<p id="new-text_sv-err" class="field-error">[^<]+<\/p>/, '... the message next to the Swedish text');
like($c, qr/<input id="new-text_sv" name="text_sv"[^>]*aria-invalid="true"/, '... the field marked');
like($c, qr/value="Mikä auttoi\?"/, '... the Finnish text kept');
like($c, qr/<option value="youth" selected>/, '... the audience kept');
like($c, qr/<option value="follow_up" selected>/, '... and the meeting');
like($c, qr/<html lang="sv"/, '... in Swedish');
$r = $ad->request('POST', '/admin/meeting-questions',
    form => [[csrf => $tok], [audience => 'youth'], [stage => 'follow_up'], [position => '7'], [text_fi => 'Mikä auttoi?'], [text_sv => 'Vad hjälpte?'], [text_en => 'What helped?']]);
is($r->{status}, 303, 'the administrator adds a question');
my ($qn) = ($r->{headers}{location} // '') =~ /#q(\d+)$/;
ok($qn, '... and comes back to it') or diag $r->{headers}{location};
is($srv->sql("SELECT audience || '|' || stage || '|' || position || '|' || text_sv || '|' || active FROM meeting_question WHERE id = $qn"),
   'youth|follow_up|7|Vad hjälpte?|1', '... stored in the youth follow-up set, in use');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'admin' AND action = 'create' AND object_type = 'meeting_question' AND object_id = $qn") == 1,
   '... and logged');
$r = $ad->request('POST', "/admin/meeting-questions/$qn",
    form => [[csrf => $tok], [position => '7'], [text_fi => 'Mikä auttoi eniten?'], [text_sv => 'Vad hjälpte mest?'], [text_en => ''], [active => '1']]);
is($r->{status}, 422, 'a change that empties the English text comes back');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<p id="q$qn-text_en-err" class="field-error">/, '... with the message in that question\'s own form');
like($c, qr/value="Mikä auttoi eniten\?"/, '... what was typed kept');
$r = $ad->request('POST', "/admin/meeting-questions/$qn",
    form => [[csrf => $tok], [position => '3'], [text_fi => 'Mikä auttoi eniten?'], [text_sv => 'Vad hjälpte mest?'], [text_en => 'What helped most?'], [active => '1']]);
is($r->{status}, 303, 'the text is changed');
is($srv->sql("SELECT position || '|' || text_fi || '|' || active FROM meeting_question WHERE id = $qn"), '3|Mikä auttoi eniten?|1', '... stored');
$r = $ad->request('POST', "/admin/meeting-questions/$qn",
    form => [[csrf => $tok], [position => '3'], [text_fi => 'Mikä auttoi eniten?'], [text_sv => 'Vad hjälpte mest?'], [text_en => 'What helped most?'], [active => '0']]);
is($r->{status}, 303, 'the question is retired');
is($srv->sql("SELECT active FROM meeting_question WHERE id = $qn"), 0, '... kept, not in use');
$c = $ad->get('/admin/meeting-questions')->{content}; utf8::decode($c);
like($c, qr{<li class="card retired" id="q$qn">.*?poistettu käytöstä.*?name="active" value="1">Ota takaisin käyttöön}s, '... shown as retired, with a way back');
$r = $sb->get('/admin/meeting-questions');
is($r->{status}, 403, 'a social worker may not open the page');
is($sb->request('POST', "/admin/meeting-questions/$qn", form => [[csrf => $sb->page_csrf('/')], [active => '1']])->{status}, 403, '... nor change a question');

# --- partner map: membership form (administrator) --------------------------------------------
my $school = $srv->sql("SELECT id FROM partner_org WHERE name = 'Keskuskoulu (demo)'");
my $ngo = $srv->sql("SELECT id FROM partner_org WHERE name = 'Nuorten Tuki ry (demo)'");
$c = $ad->get('/partners')->{content};
like($c, qr{href="/admin/partners/$school/members/new"}, 'the partner map offers the administrator a membership form per organisation');
$r = $ad->get("/admin/partners/$school/members/new");
is($r->{status}, 200, 'the membership form opens');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<option value="$id{oskari}">Oskari Riihimäki/, '... offering the partner accounts');
unlike($c, qr/<option value="$id{sanna}">/, '... and no worker');
$tok = $ad->page_csrf("/admin/partners/$school/members/new");
$r = $ad->request('POST', "/admin/partners/$school/members/new", form => [[csrf => $tok], [account_id => '']]);
is($r->{status}, 422, 'nobody chosen comes back (422)');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<select id="account_id" name="account_id"[^>]*aria-invalid="true"/, '... the choice marked');
like($c, qr/<p id="account_id-err" class="field-error">[^<]+<\/p>/, '... with its message');
$r = $ad->request('POST', "/admin/partners/$school/members/new", form => [[csrf => $tok], [account_id => $id{sanna}]]);
is($r->{status}, 422, 'a worker\'s account is refused');
like($r->{content}, qr/<option value="" *>|<option value="">/, '... the form back');
$r = $ad->request('POST', "/admin/partners/$school/members/new", form => [[csrf => $tok], [account_id => $id{oskari}]]);
is($r->{status}, 303, 'oskari is made a member of the school');
is($srv->sql("SELECT org_id FROM partner_member WHERE account_id = $id{oskari}"), $school, '... stored (one organisation per account)');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'admin' AND object_type = 'partner_member' AND outcome = 'allowed'") >= 1, '... and logged');
is($sb->get("/admin/partners/$school/members/new")->{status}, 403, 'a social worker may not open the membership form');
$r = $ad->request('POST', "/admin/partners/$school/members/new", form => [[csrf => $tok], [account_id => $id{oskari}]]);
$ad->request('POST', "/admin/partners/$ngo/members/new", form => [[csrf => $tok], [account_id => $id{oskari}]]);
is($srv->sql("SELECT org_id FROM partner_member WHERE account_id = $id{oskari}"), $ngo, '... and he moves back to the NGO');

# --- the assessment's areas under "Lapsi" and "Vanhemmuus" -------------------------------------
my $asm = $srv->sql("SELECT id FROM assessment ORDER BY id LIMIT 1");
$r = $sb->get("/assessments/$asm");
is($r->{status}, 200, 'sanna opens the demo\'s joint assessment');
$c = $r->{content}; utf8::decode($c);
like($c, qr{<th scope="rowgroup" colspan="\d+" id="group-child">Lapsi</th>.*?Fyysinen terveys.*?<th scope="rowgroup" colspan="\d+" id="group-parenting">Vanhemmuus</th>.*?Huolenpito}s,
   '... the areas under the headings Lapsi and Vanhemmuus');
my ($tbl) = $c =~ m{(<table class="list assessment-table.*?</table>)}s;
unlike($tbl // '', qr{id="group-parenting">.*?Fyysinen terveys}s, '... each area under its own heading');
like($c, qr{<optgroup label="Lapsi">.*?</optgroup><optgroup label="Vanhemmuus">}s, '... and the form\'s choices grouped the same way');
$r = $sb->get("/assessments/$asm", headers => { Accept => 'application/json' });
ok(!exists $r->{data}{groups} && $r->{data}{areas}[0]{group} eq 'child', 'JSON keeps its areas, each naming its group');

# --- consents page: authority grant and lifting a block; the tag form on the child page ---------
my ($blk, $blocked, $bchild) = split /\|/, $srv->sql("SELECT id || '|' || person_id || '|' || child_id FROM safety_block WHERE lifted_at IS NULL ORDER BY id LIMIT 1");
ok($blk, 'the demo has a safety block in force');
$r = $sb->get("/children/$bchild/consents");
is($r->{status}, 200, 'sanna opens the consents page of the blocked father\'s daughter');
$c = $r->{content}; utf8::decode($c);
like($c, qr{<form method="post" action="/children/$bchild/authority-grants"}, '... with the authority grant form');
like($c, qr{<form method="post" action="/persons/$blocked/blocks/$blk/lift"}, '... and the form to lift the block in force');
$tok = $sb->page_csrf("/children/$bchild/consents");
$r = $sb->request('POST', "/children/$bchild/authority-grants", headers => { 'Accept-Language' => 'en' },
    form => [[csrf => $tok], [account_id => ''], [organisation => ''], [fields => 'plan'], [hours => '24'], [reason => 'Esitutkinta']]);
is($r->{status}, 422, 'a grant naming neither account nor organisation comes back (422)');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<p id="grant-account_id-err" class="field-error">[^<]+<\/p>/, '... the message next to the account');
like($c, qr/>Esitutkinta<\/textarea>/, '... the grounds kept');
like($c, qr/<input type="checkbox" name="fields" value="plan" checked>/, '... and the field group chosen');
$r = $sb->request('POST', "/children/$bchild/authority-grants",
    form => [[csrf => $tok], [account_id => $id{oskari}], [organisation => ''], [fields => 'plan'], [hours => '99999'], [reason => 'Esitutkinta']]);
is($r->{status}, 422, 'a grant for too many hours comes back');
like($r->{content}, qr/<input id="grant-hours"[^>]*aria-invalid="true"/, '... the hours marked');
like($r->{content}, qr/<option value="$id{oskari}" selected>/, '... the account kept');
my $grants = $srv->sql("SELECT count(*) FROM authority_grant WHERE child_id = $bchild");
$r = $sb->request('POST', "/children/$bchild/authority-grants",
    form => [[csrf => $tok], [account_id => $id{oskari}], [organisation => ''], [fields => 'plan'], [hours => '24'], [reason => 'Esitutkinta']]);
is($r->{status}, 303, 'sanna gives oskari access for 24 hours');
is($r->{headers}{location}, "/children/$bchild/consents", '... and comes back to the consents page');
is($srv->sql("SELECT count(*) FROM authority_grant WHERE child_id = $bchild AND account_id = $id{oskari}"), 1, '... stored');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND person_id = $bchild AND action = 'authority_grant' AND outcome = 'allowed'") >= 1,
   '... and in the child\'s access log') or diag $srv->sql("SELECT group_concat(DISTINCT action) FROM access_log WHERE username = 'sanna' AND person_id = $bchild");

$r = $sb->request('POST', "/persons/$blocked/blocks/$blk/lift", headers => { 'Accept-Language' => 'sv' }, form => [[csrf => $tok], [note => '  ']]);
is($r->{status}, 422, 'lifting a block without a reason comes back (422)');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<p id="lift$blk-note-err" class="field-error">[^<]+<\/p>/, '... the message next to the reason');
like($c, qr/<html lang="sv"/, '... in Swedish');
is($srv->sql("SELECT lifted_at IS NULL FROM safety_block WHERE id = $blk"), 1, '... and the block is still in force');
$r = $p->request('POST', "/persons/$blocked/blocks/$blk/lift", form => [[csrf => $p->page_csrf('/')], [note => 'Ei enää']]);
is($r->{status}, 403, 'paula of LOISTO may not lift it');
$r = $sb->request('POST', "/persons/$blocked/blocks/$blk/lift", form => [[csrf => $tok], [note => 'Käräjäoikeuden päätös']]);
is($r->{status}, 303, 'sanna lifts the block with a reason');
is($srv->sql("SELECT lift_note FROM safety_block WHERE id = $blk"), 'Käräjäoikeuden päätös', '... stored with the reason');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND action = 'block_lift' AND outcome = 'allowed'") >= 1, '... and logged');

$r = $sb->get("/children/$child");
$c = $r->{content}; utf8::decode($c);
like($c, qr{<form method="post" action="/children/$child/tags" class="stack form-wide" id="ctag-form"}, 'the child page has the tag form');
$tok = $sb->page_csrf("/children/$child");
my ($member) = $c =~ /id="ctag-form".*?name="recipients" value="(\d+)"/s;
ok($member, '... offering the child\'s team');
$r = $sb->request('POST', "/children/$child/tags", form => [[csrf => $tok], [back => 'child'], [text => ''], [recipients => $member]]);
is($r->{status}, 422, 'an empty tag from the child page comes back (422)');
$c = $r->{content}; utf8::decode($c);
like($c, qr/<p id="ctag-text-err" class="field-error">/, '... to the child page, the message next to the text');
like($c, qr/<input type="checkbox" name="recipients" value="$member" checked>/, '... the recipient kept');
$r = $sb->request('POST', "/children/$child/tags", form => [[csrf => $tok], [back => 'child'], [text => 'Katso uusi koulun lausunto'], [recipients => $member]]);
is($r->{status}, 303, 'the tag is sent from the child page');
is($r->{headers}{location}, "/children/$child#ctag-h", '... back to the child page');
is($srv->sql("SELECT count(*) FROM tag WHERE text = 'Katso uusi koulun lausunto'"), 1, '... stored');
my $katja = $srv->sql("SELECT id FROM account WHERE username = 'katja'");
my $kchild = $srv->sql("SELECT c.child_id FROM child_case c JOIN case_member m ON m.case_id = c.id"
    . " WHERE m.account_id = $katja AND m.to_date IS NULL ORDER BY c.id LIMIT 1");
my $k = $srv->client;
$k->form_login('katja');
$r = $k->get("/children/$kchild");
is($r->{status}, 200, 'katja, a partner on a child\'s team, opens the child page');
like($r->{content}, qr/id="ctag-form"/, '... and, seeing the child\'s team and recording her own entries, may tag its members too');
$r = $k->get("/children/$kchild", headers => { Accept => 'application/json' });
ok(!exists $r->{data}{tag_form}, '... (the form is the page\'s, not the JSON\'s)');
done_testing;
