#!/usr/bin/perl
# members.t - the child's team: ending a membership asks for a reason (kept in
# the row and shown in the history) and, for the responsible social worker,
# names the new one in the same step (the child is never left without one);
# the add form finds workers of other teams and partner professionals by
# name and organisation.  Partners are refused; every read and write is in
# the access log.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c = map { my $c = $srv->client; $c->login($_); ($_ => $c) } qw(sanna katja);
sub page { my $c = $_[0]{content} // ''; utf8::decode($c); $c }
sub tag_of { my ($c, $id) = @_; $c =~ /(<(?:input|select|textarea) id="\Q$id\E"[^>]*>)/ ? $1 : '' }
sub message_of { my ($c, $id) = @_; $c =~ /<p id="\Q$id\E-err" class="field-error">([^<]*)<\/p>/ ? $1 : undef }
my $id_of = sub { $srv->sql("SELECT id FROM account WHERE username = '$_[0]'") };
my ($sanna, $olli, $katja) = map { $id_of->($_) } qw(sanna olli katja);

# A MAJAKKA child whose responsible worker is sanna.
my $child = $srv->sql("SELECT c.child_id FROM child_case c JOIN case_member m ON m.case_id = c.id"
    . " WHERE m.role = 'responsible' AND m.to_date IS NULL AND m.account_id = $sanna AND c.phase <> 'closed' ORDER BY c.id LIMIT 1");
ok($child, 'a child of sanna\'s');
my $r = $c{sanna}->get("/api/v1/children/$child");
my ($resp) = grep { $_->{role} eq 'responsible' } @{ $r->{data}{team_members} };
is($resp->{account_id}, $sanna, 'sanna is the responsible worker');
my $end = "/api/v1/children/$child/team/$resp->{id}/end";
my $logged = sub { $srv->sql("SELECT count(*) FROM access_log WHERE username = '$_[0]' AND person_id = " . ($_[2] // $child)
    . " AND action = '$_[1]'") };

# --- the API: reason and new responsible worker are required --------------------------------
$r = $c{sanna}->post($end, json => {});
is($r->{status}, 422, 'ending without a reason is refused');
is($r->{data}{error}{field}, 'reason', '... the field is reason');
is($r->{data}{error}{code}, 'invalid', '... the code is invalid');
$r = $c{sanna}->post($end, json => { reason => "  \n " });
is($r->{data}{error}{reason}, 'blank', 'a reason of only spaces is refused');
$r = $c{sanna}->post($end, json => { reason => 'Sanna siirtyy sijaishuoltoon' },
    headers => { 'Accept-Language' => 'fi' });
is($r->{status}, 422, 'ending the responsible worker without naming the new one is refused');
is($r->{data}{error}{field}, 'new_responsible_id', '... field new_responsible_id');
is($r->{data}{error}{reason}, 'required', '... reason required');
is($r->{data}{error}{message}, 'Uusi vastuusosiaalityöntekijä on pakollinen', '... the message in Finnish');
$r = $c{sanna}->post($end, json => { reason => 'Sanna siirtyy', new_responsible_id => $sanna + 0 });
is($r->{data}{error}{reason}, 'same_worker', 'the same worker cannot take over from herself');
$r = $c{sanna}->post($end, json => { reason => 'Sanna siirtyy', new_responsible_id => $katja + 0 });
is($r->{data}{error}{field}, 'new_responsible_id', 'a partner cannot become the responsible worker');
is($srv->sql("SELECT count(*) FROM case_member WHERE id = $resp->{id} AND to_date IS NULL"), 1,
   '... and after every refusal sanna is still responsible');
my $updates = $logged->('sanna', 'update');
$r = $c{sanna}->post($end, json => { reason => 'Sanna siirtyy sijaishuoltoon', new_responsible_id => $olli + 0 });
is($r->{status}, 200, 'with a reason and the new worker the membership ends') or diag explain $r->{data};
ok($r->{data}{new_responsible_member_id}, '... and the new membership is told');
is($srv->sql("SELECT end_reason || '|' || ended_by FROM case_member WHERE id = $resp->{id}"), "Sanna siirtyy sijaishuoltoon|$sanna",
   '... the reason and who ended it are kept in the row');
is($srv->sql("SELECT group_concat(account_id) FROM case_member m JOIN child_case c ON c.id = m.case_id"
    . " WHERE c.child_id = $child AND m.role = 'responsible' AND m.to_date IS NULL"), $olli, '... olli is now the one responsible');
ok($logged->('sanna', 'update') > $updates, '... and the write is in the access log');
$r = $c{sanna}->get("/api/v1/children/$child");
my ($hist) = grep { $_->{id} == $resp->{id} } @{ $r->{data}{team_history} };
is($hist->{end_reason}, 'Sanna siirtyy sijaishuoltoon', 'the team history shows the reason');
like(page($c{sanna}->get("/children/$child")), qr/<bdi class="pre">Sanna siirtyy sijaishuoltoon<\/bdi>/, '... on the page too');

# --- the confirmation page (no JavaScript) -------------------------------------------------------
my $s = $srv->client;
is($s->form_login('sanna')->{status}, 303, 'sanna logs in through the page');
# A child of hers still, and its responsible membership.
my $child2 = $srv->sql("SELECT c.child_id FROM child_case c JOIN case_member m ON m.case_id = c.id"
    . " WHERE m.role = 'responsible' AND m.to_date IS NULL AND m.account_id = $sanna AND c.phase <> 'closed' ORDER BY c.id LIMIT 1");
my $mid = $srv->sql("SELECT m.id FROM case_member m JOIN child_case c ON c.id = m.case_id WHERE c.child_id = $child2"
    . " AND m.role = 'responsible' AND m.to_date IS NULL");
my $cp = page($s->get("/children/$child2"));
like($cp, qr{<a href="/children/$child2/team/$mid/end" class="member-end">}, 'the child page links to the confirmation page');
my $reads = $logged->('sanna', 'read', $child2);
$r = $s->get("/children/$child2/team/$mid/end");
is($r->{status}, 200, 'the confirmation page opens');
my $c = page($r);
like(tag_of($c, 'reason'), qr/<textarea id="reason" name="reason"/, '... asks for the reason');
like(tag_of($c, 'new_responsible_id'), qr/<select id="new_responsible_id"/, '... and, for the responsible worker, the new one');
like($c, qr/<option value="$olli">Olli Mäkelä/, '... offering the other social workers');
unlike($c, qr/<option value="$sanna">/, '... not sanna herself');
unlike($c, qr/<option value="$katja">/, '... nor a partner');
ok($logged->('sanna', 'read', $child2) > $reads, '... and the read is logged');
my $cname = $srv->sql("SELECT first_names || ' ' || last_name FROM person WHERE id = $child2");
like($c, qr{<a href="/children/$child2"><bdi>\Q$cname\E</bdi></a>}, '... names the child');
like($c, qr/\d{1,2}\.\d{1,2}\.\d{4} alkaen/, '... the membership\'s start the Finnish way');
# Dates in the reader's convention everywhere on the pages (issue 13): no ISO
# date in the text a reader sees (inputs keep ISO values, as browsers need).
for my $path ("/children/$child2", "/children/$child2/team/$mid/end", '/') {
    (my $text = page($s->get($path))) =~ s{<(script|style|textarea|select)\b.*?</\1>}{}gs;
    $text =~ s/<[^>]*>//g;
    my @iso = $text =~ /(\d{4}-\d\d-\d\d)/g;
    is("@iso", '', "$path: no ISO date in the text");
}
my $tok = $s->page_csrf("/children/$child2/team/$mid/end");
$r = $s->request('POST', "/children/$child2/team/$mid/end", headers => { 'Accept-Language' => 'fi' },
    form => [[csrf => $tok], [reason => ''], [new_responsible_id => $olli], [over_cap_reason => '']]);
is($r->{status}, 422, 'the form without a reason comes back (422)');
$c = page($r);
is(message_of($c, 'reason'), 'Päättämisen syy on pakollinen', '... the message next to the field in Finnish');
like(tag_of($c, 'reason'), qr/aria-invalid="true" aria-describedby="reason-err" autofocus/, '... the field marked');
like($c, qr/<option value="$olli" selected>/, '... the chosen new worker kept');
$r = $s->request('POST', "/children/$child2/team/$mid/end", headers => { 'Accept-Language' => 'sv' },
    form => [[csrf => $tok], [reason => 'Flyttar <b>& byter</b>'], [new_responsible_id => ''], [over_cap_reason => '']]);
$c = page($r);
is(message_of($c, 'new_responsible_id'), 'Ny ansvarig socialarbetare är obligatoriskt', '... without the new worker: the message in Swedish')
    or diag(message_of($c, 'new_responsible_id'));
like($c, qr/>Flyttar &lt;b&gt;&amp; byter&lt;\/b&gt;<\/textarea>/, '... the typed reason kept');
$r = $s->request('POST', "/children/$child2/team/$mid/end",
    form => [[csrf => $tok], [reason => 'Työnjako muuttuu'], [new_responsible_id => $olli], [over_cap_reason => '']]);
is($r->{status}, 303, 'a complete form ends the membership');
is($srv->sql("SELECT account_id FROM case_member m JOIN child_case c ON c.id = m.case_id WHERE c.child_id = $child2"
    . " AND m.role = 'responsible' AND m.to_date IS NULL"), $olli, '... and olli takes over in the same step');

# --- a varying member ends with a reason only ---------------------------------------------------
$r = $c{sanna}->post("/api/v1/children/$child/team", json => { role => 'varying', name => 'Tukihenkilö Testi', description => 'Harrastus' });
my $vid = $r->{data}{member_id};
is($c{sanna}->post("/api/v1/children/$child/team/$vid/end", json => {})->{status}, 422, 'a varying member: a reason is required');
is($c{sanna}->post("/api/v1/children/$child/team/$vid/end", json => { reason => 'Harrastus päättyi' })->{status}, 200,
   '... and with one the membership ends');
is($srv->sql("SELECT end_reason FROM case_member WHERE id = $vid AND to_date IS NOT NULL"), 'Harrastus päättyi', '... reason kept');
is($c{sanna}->post("/api/v1/children/$child/team/$vid/end", json => { reason => 'Uudelleen' })->{data}{error}{reason},
   'not_active', 'an ended membership cannot be ended again');

# --- a partner is refused ---------------------------------------------------------------------
my $kchild = $srv->sql("SELECT c.child_id FROM child_case c JOIN case_member m ON m.case_id = c.id WHERE m.account_id = $katja"
    . " AND m.to_date IS NULL LIMIT 1") || $child;
my $kmid = $srv->sql("SELECT m.id FROM case_member m JOIN child_case c ON c.id = m.case_id WHERE c.child_id = $kchild AND m.to_date IS NULL LIMIT 1");
my $denied = $srv->sql("SELECT count(*) FROM access_log WHERE username = 'katja' AND outcome = 'denied'");
is($c{katja}->post("/api/v1/children/$kchild/team/$kmid/end", json => { reason => 'x' })->{status}, 403, 'a partner cannot end a membership');
is($c{katja}->get("/children/$kchild/team/$kmid/end")->{status}, 403, '... nor open the confirmation page');
ok($srv->sql("SELECT count(*) FROM access_log WHERE username = 'katja' AND outcome = 'denied'") >= $denied + 2, '... both refusals logged');
is($srv->sql("SELECT count(*) FROM case_member WHERE id = $kmid AND to_date IS NULL"), 1, '... and the membership stays');

# --- who may join: workers of other teams and partners, by name and organisation ----------------
$c = page($s->get("/children/$child2?member_q=Keskuskoulu"));
like($c, qr/<optgroup label="Hakutulokset"><option value="$katja">Katja Korhonen – [^<]*Keskuskoulu/, 'a partner is found by her organisation');
like($c, qr/<details class="form-box" open><summary>/, '... the add form is open');
$c = page($s->get("/children/$child2?member_q=VINSSI"));
like($c, qr/<option value="@{[ $id_of->('hanna') ]}">Hanna Rantanen/, 'another team\'s worker is found by the team\'s name');
$c = page($s->get("/children/$child2?member_q=rantanen"));
like($c, qr/Hanna Rantanen/, '... and by name, in any case');
$c = page($s->get("/children/$child2?member_q=%25%25"));
like($c, qr/class="muted" role="status">Ei osumia/, 'a % matches only itself: no hits');
$c = page($s->get("/children/$child2?member_q=K"));
like($c, qr/<p id="member-q-err" class="field-error">Haku on liian lyhyt<\/p>/, 'a one-letter search says it is too short');
$tok = $s->page_csrf("/children/$child2");
my $katja_on = sub { $srv->sql("SELECT count(*) FROM case_member m JOIN child_case c ON c.id = m.case_id WHERE c.child_id = $child2"
    . " AND m.account_id = $katja AND m.to_date IS NULL") };
my $before = $katja_on->();
$r = $s->request('POST', "/children/$child2/team", form => [[csrf => $tok], [member_q => 'Keskuskoulu'], [role => 'varying'],
    [account_id => $katja], [name => ''], [description => 'Koulukuraattori'], [over_cap_reason => '']]);
is($r->{status}, 303, 'the partner found joins the child\'s team');
is($katja_on->(), $before + 1, '... as a member');
$r = $s->request('POST', "/children/$child2/team", form => [[csrf => $tok], [member_q => 'Keskuskoulu'], [role => 'responsible'],
    [account_id => $katja], [name => ''], [description => ''], [over_cap_reason => '']]);
is($r->{status}, 422, 'a partner as responsible worker is refused on the page');
like(page($r), qr/<option value="$katja" selected>Katja Korhonen/, '... with the search results and the choice kept');

done_testing;
