#!/usr/bin/perl
# toolbox.t - the toolbox, part 2 (issue 14): Three Houses, the helping map,
# hypotheses and the bank of circular questions, end to end: the API and the
# pages, versions kept, what a partner and an outsider are refused, the
# access-log row of every read and write, and refused forms that keep what
# was typed.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
# The demo's five families with tools: MAJAKKA's cases 2-6.  Katja (the
# school curator) sits on the child's team of the first and the last.
my @kids = split /\n/, $srv->sql("SELECT c.child_id FROM child_case c JOIN team t ON t.id = c.team_id"
                                 . " WHERE t.name = 'MAJAKKA' ORDER BY c.id LIMIT 5 OFFSET 1");
is(scalar @kids, 5, 'five demo families');
my ($oliver, $kallio) = @kids[0, 4];

my $sanna = $srv->client; is($sanna->login('sanna')->{status}, 201, 'sanna logs in');
my $katja = $srv->client; is($katja->login('katja')->{status}, 201, 'katja (partner) logs in');
my $paula = $srv->client; is($paula->login('paula')->{status}, 201, 'paula (another team) logs in');

# The newest access-log row of this user about this child.
sub last_log {
    my ($user, $child) = @_;
    # The entry of the request itself, not a disclosure logged beside it.
    return $srv->sql("SELECT action || '|' || outcome || '|' || reason FROM access_log WHERE username = '$user'"
                     . " AND person_id = $child AND action <> 'disclose' ORDER BY id DESC LIMIT 1");
}
sub count_log { $srv->sql("SELECT count(*) FROM access_log WHERE username = '$_[0]' AND person_id = $_[1]") }

# --- the demo is there -------------------------------------------------------
for my $k (@kids) {
    my $r = $sanna->get("/api/v1/children/$k/three-houses");
    is($r->{status}, 200, "three houses of child $k");
    ok($r->{data}{current}{worries} || $r->{data}{current}{good_things}, '... with the child\'s words');
    my $m = $sanna->get("/api/v1/children/$k/helping-map")->{data};
    ok($m->{current}, '... a helping map');
    my $h = $sanna->get("/api/v1/children/$k/hypotheses")->{data};
    ok(@{ $h->{hypotheses} } >= 2, '... hypotheses');
}
is($srv->sql("SELECT count(*) FROM three_houses WHERE share_parents = 0 AND share_partners = 0"), 1,
   'one demo child did not agree to show the houses');
is($srv->sql("SELECT count(DISTINCT v.status) FROM hypothesis_version v"
             . " WHERE v.id IN (SELECT max(id) FROM hypothesis_version GROUP BY hypothesis_id)"), 3,
   'demo hypotheses in every status');
is($srv->sql("SELECT count(*) FROM hypothesis_version WHERE status <> 'open' AND learned = ''"), 0,
   '... with what was learned');
ok($srv->sql("SELECT max(version) FROM helping_map") >= 2, 'a demo helping map has two versions');

# --- Three Houses: a new version, the old kept, logged --------------------------
my $r = $sanna->get("/api/v1/children/$oliver/three-houses");
is(last_log('sanna', $oliver), 'read|allowed|', 'the read is in the child\'s access log');
my $v1 = $r->{data}{current};
$r = $sanna->post("/api/v1/children/$oliver/three-houses", json => {
    worries => "Isä on vihainen aamuisin.", good_things => "Uusi kaveri Aatu.\nLetut mummolassa.",
    dreams => "Rauhallinen koti.", present => 'äiti', share_parents => JSON::PP::true, share_partners => JSON::PP::true });
is($r->{status}, 201, 'sanna saves a new version of the three houses');
is($r->{data}{version}, 2, '... version 2');
is(last_log('sanna', $oliver), 'create|allowed|', '... logged as a write');
$r = $sanna->get("/api/v1/children/$oliver/three-houses");
is($r->{data}{current}{version}, 2, 'the current version is the new one');
is($r->{data}{current}{good_things}, "Uusi kaveri Aatu.\nLetut mummolassa.", '... the child\'s words as they were said');
is($r->{data}{current}{author}{name}, 'Sanna Salmela', '... who wrote them down');
is($r->{data}{versions}[0]{worries}, $v1->{worries}, 'the earlier version is kept');
$r = $sanna->post("/api/v1/children/$oliver/three-houses", json => {
    worries => "Salaisuus: en halua että koulu tietää.", share_parents => JSON::PP::false, share_partners => JSON::PP::false });
is($r->{data}{version}, 3, 'a third version the child does not want shown');
is($srv->sql("SELECT count(*) FROM three_houses t JOIN child_case c ON c.id = t.case_id WHERE c.child_id = $oliver"), 3,
   'three versions stored');
{
    open my $olderr, '>&', \*STDERR or die;
    open STDERR, '>', '/dev/null' or die;
    $srv->sql("UPDATE three_houses SET worries = 'x'; DELETE FROM three_houses;");
    open STDERR, '>&', $olderr or die;
}
is($srv->sql("SELECT count(*) FROM three_houses WHERE worries = 'x'"), 0, 'storage refuses to overwrite a version');
ok($srv->sql("SELECT count(*) FROM three_houses") >= 7, '... or to delete one');

# --- the partner sees only what the child agreed to show ---------------------------
$r = $katja->get("/api/v1/children/$oliver/three-houses");
is($r->{status}, 200, 'katja (on the child\'s team) opens the three houses');
ok($r->{data}{shared_only}, '... only the shared versions');
is($r->{data}{current}{version}, 2, '... the newest version the child agreed to show to partners');
unlike($r->{content}, qr/Salaisuus/, '... never the version the child did not want shown');
is(last_log('katja', $oliver), 'read|allowed|', '... logged');
$r = $katja->get("/api/v1/children/$kallio/three-houses");
is($r->{status}, 200, 'katja opens the houses of the child who did not agree');
ok(!$r->{data}{current} && !@{ $r->{data}{versions} }, '... and sees nothing of them');
for my $tool (qw(helping-map hypotheses)) {
    $r = $katja->get("/api/v1/children/$oliver/$tool");
    is($r->{status}, 403, "katja is refused the $tool (no consent opens the toolbox)");
    is(last_log('katja', $oliver), 'read|denied|field_not_permitted', '... the refusal is logged');
    unlike($r->{content}, qr/Kotona on rauhallista|Riidat kertovat/, '... nothing of it in the answer');
}
$r = $katja->post("/api/v1/children/$oliver/three-houses", json => { worries => 'kuraattorin kirjaus' });
is($r->{status}, 403, 'katja may not write the three houses');
is(last_log('katja', $oliver), 'create|denied|not_permitted', '... the refused write is logged');

# --- an outsider is refused everything ------------------------------------------------
for my $tool (qw(three-houses helping-map hypotheses)) {
    $r = $paula->get("/api/v1/children/$oliver/$tool");
    is($r->{status}, 403, "paula (another team) is refused the $tool");
    is(last_log('paula', $oliver), 'read|denied|not_on_team', '... logged');
}
my $page = $paula->get("/children/$oliver/three-houses");
unlike($page->{content} // '', qr/Uusi kaveri Aatu/, 'the page gives the outsider nothing');

# Breaking the glass lets paula read the tools, logged on that basis, never write them.
my $glass = $srv->client; is($glass->login('paula')->{status}, 201, 'paula logs in again');
is($glass->post("/api/v1/children/$oliver/break-glass",
                json => { reason => 'Päivystys: poliisi toi lapsen, tarvitsen perheen tilanteen nyt.' })->{status}, 201,
   'paula breaks the glass for the child');
$r = $glass->get("/api/v1/children/$oliver/helping-map");
is($r->{status}, 200, '... and reads the helping map');
is($srv->sql("SELECT action || '|' || basis || '|' || outcome FROM access_log WHERE username = 'paula' AND person_id = $oliver"
             . " ORDER BY id DESC LIMIT 1"), 'read|break_glass|allowed', '... logged on the break-the-glass basis');
ok(!$r->{data}{can_write}, '... read only');
is($glass->post("/api/v1/children/$oliver/helping-map", json => { vision => 'x' })->{status}, 403, '... and may not write it');
is(last_log('paula', $oliver), 'create|denied|break_glass_read_only', '... the refused write is logged');

# --- API errors ------------------------------------------------------------------------
$r = $sanna->post("/api/v1/children/$oliver/three-houses", json => { worries => "  \n ", dreams => '' });
is($r->{status}, 422, 'three houses with no words are refused');
is($r->{data}{error}{code}, 'invalid', '... the error shape');
is($r->{data}{error}{field}, 'worries', '... naming the field');
$r = $sanna->post("/api/v1/children/$oliver/three-houses", json => { dreams => 'x', recorded_on => '2099-01-01' });
is($r->{data}{error}{field}, 'recorded_on', 'a day in the future is refused');
$r = $sanna->post("/api/v1/children/$oliver/three-houses", json => { dreams => 'x', share_parents => 'yes' });
is($r->{status}, 422, 'an agreement must be true or false');
is($srv->sql("SELECT count(*) FROM three_houses t JOIN child_case c ON c.id = t.case_id WHERE c.child_id = $oliver"), 3,
   'nothing refused was stored');

# --- the helping map: versions and what changed --------------------------------------------
my $m = $sanna->get("/api/v1/children/$oliver/helping-map")->{data};
my $was = $m->{current}{version};
ok(scalar(@{ $m->{history} }) >= 2, 'the demo map has a history');
$r = $sanna->post("/api/v1/children/$oliver/helping-map", json => {
    vision => $m->{current}{vision}, obstacles => "Isän työttömyys ja raha-asiat.",
    supports => $m->{current}{supports} . "\nNaapurin Pirjo.", plan => $m->{current}{plan} });
is($r->{status}, 201, 'sanna saves a new version of the map');
is($r->{data}{version}, $was + 1, '... the next version');
is(last_log('sanna', $oliver), 'create|allowed|', '... logged');
$m = $sanna->get("/api/v1/children/$oliver/helping-map")->{data};
is($m->{current}{version}, $was + 1, 'the map shows the new version');
my %ch = map { $_->{section} => $_ } @{ $m->{history}[0]{changes} };
is_deeply([sort keys %ch], [qw(obstacles supports)], 'the history names the parts that changed');
is_deeply($ch{supports}{added}, ['Naapurin Pirjo.'], '... what was added');
is_deeply($ch{obstacles}{removed}, ['Vanhempien riidat iltaisin.'], '... and what was removed');
ok($m->{history}[-1]{first}, 'the oldest version is the first');
$r = $sanna->post("/api/v1/children/$oliver/helping-map", json => { vision => ' ', plan => '' });
is($r->{data}{error}{field}, 'vision', 'an empty map is refused');

# --- hypotheses ----------------------------------------------------------------------------
my $bank = $sanna->get('/api/v1/circular-questions')->{data}{questions};
ok(@$bank >= 10, 'the bank starts with circular questions');
ok((grep { $_->{text_fi} && $_->{text_sv} && $_->{text_en} } @$bank) >= 10, '... each in fi, sv and en');
my @q = map { $_->{id} } @$bank[0, 2];
$r = $sanna->post("/api/v1/children/$oliver/hypotheses", json => {
    origin => 'meeting', text => 'Oliverin väsymys liittyy iltojen riitoihin.', question_ids => \@q });
is($r->{status}, 201, 'sanna writes a hypothesis with two questions');
my $hid = $r->{data}{id};
is(last_log('sanna', $oliver), 'create|allowed|', '... logged');
$r = $sanna->patch("/api/v1/hypotheses/$hid", json => { status => 'explored', learned => 'Riidat ovat vähentyneet.' });
is($r->{status}, 200, 'the hypothesis is explored');
is($r->{data}{version}, 2, '... as version 2');
is(last_log('sanna', $oliver), 'update|allowed|', '... logged');
my ($h) = grep { $_->{id} == $hid } @{ $sanna->get("/api/v1/children/$oliver/hypotheses")->{data}{hypotheses} };
is($h->{status}, 'explored', 'its status');
is($h->{learned}, 'Riidat ovat vähentyneet.', 'what was learned');
is($h->{origin}, 'meeting', 'where it was written');
is_deeply([map { $_->{id} } @{ $h->{questions} }], \@q, 'the questions picked stay with it');
is($h->{older_versions}[0]{status}, 'open', 'the earlier version is kept');
$r = $sanna->patch("/api/v1/hypotheses/$hid", json => { status => 'forgotten' });
is($r->{data}{error}{field}, 'status', 'an unknown status is refused');
$r = $sanna->patch("/api/v1/hypotheses/$hid", json => { question_ids => [999999] });
is($r->{data}{error}{field}, 'questions', 'a question outside the bank is refused');
$r = $katja->patch("/api/v1/hypotheses/$hid", json => { status => 'set_aside' });
is($r->{status}, 403, 'katja may not change a hypothesis');
$r = $paula->patch("/api/v1/hypotheses/$hid", json => { status => 'set_aside' });
is($r->{status}, 403, 'nor may paula, though she broke the glass');
is(last_log('paula', $oliver), 'update|denied|break_glass_read_only', '... logged');
is($sanna->patch('/api/v1/hypotheses/999999', json => { status => 'open' })->{status}, 404, 'no such hypothesis');

# --- the bank grows ---------------------------------------------------------------------------
$r = $sanna->post('/api/v1/circular-questions', json => { text_en => 'Who would be most surprised if things changed?' });
is($r->{status}, 201, 'sanna adds a question to the bank');
ok((grep { $_->{id} == $r->{data}{id} && !$_->{builtin} } @{ $sanna->get('/api/v1/circular-questions')->{data}{questions} }),
   '... the organisation\'s own question is in the bank');
is($sanna->post('/api/v1/circular-questions', json => { text_fi => ' ' })->{data}{error}{field}, 'text_fi',
   'a blank question is refused');
is($katja->post('/api/v1/circular-questions', json => { text_fi => 'Kuka?' })->{status}, 403,
   'a partner may not extend the organisation\'s bank');

# --- forms that come back keep what was typed ---------------------------------------------------
my $b = $srv->client;
is($b->form_login('sanna')->{status}, 303, 'sanna logs in through the login page');
my $tok = $b->page_csrf("/children/$oliver/three-houses");
ok($tok, 'the three houses page carries a form');
sub page { my $c = $_[0]{content} // ''; utf8::decode($c); $c }
$r = $b->request('POST', "/children/$oliver/three-houses", headers => { 'Accept-Language' => 'en-GB,en;q=0.9' },
    form => [[csrf => $tok], [worries => 'Pelottaa <pimeä> & ukkonen'], [good_things => ''], [dreams => 'Koira'],
             [recorded_on => '2099-01-01'], [present => 'isä'], [share_parents => '1']]);
my $c = page($r);
is($r->{status}, 422, 'a three houses form dated in the future comes back (422)');
like($c, qr/<p id="recorded_on-err" class="field-error">Day the child told them cannot be in the future<\/p>/,
     '... the message next to the field, in the reader\'s language');
like($c, qr/<input id="recorded_on"[^>]*aria-invalid="true" aria-describedby="recorded_on-err"/, '... the field marked');
like($c, qr/<a href="#recorded_on">/, '... the summary links to it');
like($c, qr/>Pelottaa &lt;pimeä&gt; &amp; ukkonen<\/textarea>/, '... the words typed are kept');
like($c, qr/value="isä"/, '... who was present is kept');
like($c, qr/id="share_parents" name="share_parents" value="1" checked/, '... the agreement ticked is kept');
unlike($c, qr/id="share_partners" name="share_partners" value="1" checked/, '... the one not ticked stays unticked');
is($srv->sql("SELECT action || '|' || outcome FROM access_log WHERE username = 'sanna' AND person_id = $oliver ORDER BY id DESC LIMIT 2"),
   "read|allowed\ncreate|allowed", '... the attempt and the page shown again are both in the log');

$tok = $b->page_csrf("/children/$oliver/hypotheses");
$r = $b->request('POST', "/children/$oliver/hypotheses",
    form => [[csrf => $tok], [origin => 'meeting'], [text => " \n "], [question_ids => $q[1]]]);
$c = page($r);
is($r->{status}, 422, 'a blank hypothesis comes back (422)');
like($c, qr/<p id="hyp-text-err" class="field-error">Hypoteesi sisältää vain välilyöntejä tai tyhjiä rivejä<\/p>/,
     '... the message next to the field in Finnish');
like($c, qr/<option value="meeting" selected>/, '... the origin chosen is kept');
like($c, qr/name="question_ids" value="$q[1]" checked/, '... the question picked is kept');
like($c, qr/<details class="form-box" open>/, '... its form open');

$tok = $b->page_csrf("/children/$oliver/hypotheses");
$r = $b->request('POST', "/hypotheses/$hid", form => [[csrf => $tok], [status => 'set_aside'],
    [learned => 'Ei tukea.'], [text => ''], [question_ids => $q[0]]]);
$c = page($r);
is($r->{status}, 422, 'a hypothesis change without its text comes back');
like($c, qr/<p id="hyp-$hid-text-err"/, '... the message next to the field of that hypothesis');
like($c, qr/>Ei tukea\.<\/textarea>/, '... what was learned is kept');
my ($hform) = $c =~ m{(<form method="post" action="/hypotheses/$hid".*?</form>)}s;
like($hform // '', qr/name="question_ids" value="$q[0]" checked/, '... the question ticked stays ticked');
unlike($hform // '', qr/name="question_ids" value="$q[1]" checked/, '... the one unticked stays unticked');
like($hform // '', qr/<option value="set_aside" selected>/, '... the status chosen is kept');
$r = $b->request('POST', "/hypotheses/$hid", form => [[csrf => $tok], [status => 'set_aside'],
    [learned => 'Ei tukea.'], [text => 'Oliverin väsymys liittyy iltojen riitoihin.'], [question_ids => $q[0]]]);
is($r->{status}, 303, 'the change is saved from the page');
($h) = grep { $_->{id} == $hid } @{ $sanna->get("/api/v1/children/$oliver/hypotheses")->{data}{hypotheses} };
is($h->{status}, 'set_aside', '... set aside');
is_deeply([map { $_->{id} } @{ $h->{questions} }], [$q[0]], '... with the questions ticked');

$tok = $b->page_csrf('/circular-questions');
$r = $b->request('POST', '/circular-questions', form => [[csrf => $tok], [text_fi => ''], [text_sv => " "], [text_en => '']]);
is($r->{status}, 422, 'an empty question comes back');
like(page($r), qr/id="text_fi-err"|id="text_sv-err"/, '... with its message');

# --- pages render for each language ----------------------------------------------------------------
for my $l (qw(fi sv en)) {
    for my $p ("/children/$oliver/three-houses", "/children/$oliver/helping-map", "/children/$oliver/hypotheses",
               '/circular-questions') {
        my $res = $b->request('GET', $p, headers => { Cookie => "lang=$l" });
        is($res->{status}, 200, "$p in $l");
    }
}
like(page($b->get("/children/$oliver")), qr{href="/children/$oliver/three-houses"}, 'the child page links to the toolbox');

is($srv->stop, 0, 'server stops gracefully');
done_testing;
