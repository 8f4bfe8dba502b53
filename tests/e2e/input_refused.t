#!/usr/bin/perl
# input_refused.t - intake asks for the responsible worker and the guardians;
# input that must be refused is refused, with its message next to the field:
# identity-code lengths in characters, a code born in the future, a search
# for a code with a wrong check character, names with text-direction or
# zero-width characters; names and free text shown isolated in <bdi>.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my $s = $srv->client;
is($s->form_login('sanna')->{status}, 303, 'sanna logs in through the login page');
my $api = $srv->client;
$api->login('sanna');
sub page { my $c = $_[0]{content} // ''; utf8::decode($c); $c }
sub tag_of { my ($c, $id) = @_; $c =~ /(<(?:input|select|textarea) id="\Q$id\E"[^>]*>)/ ? $1 : '' }
sub message_of { my ($c, $id) = @_; $c =~ /<p id="\Q$id\E-err" class="field-error">([^<]*)<\/p>/ ? $1 : undef }
my $sanna = $srv->sql("SELECT id FROM account WHERE username = 'sanna'");
my $paula = $srv->sql("SELECT id FROM account WHERE username = 'paula'");

# --- intake: the responsible worker and the guardians -----------------------------------------
my $c = page($s->get('/children/new'));
like(tag_of($c, 'responsible_id'), qr/<select id="responsible_id"/, 'intake asks for the responsible worker');
like($c, qr/<option value="$sanna" selected>Sanna Salmela/, '... sanna herself first and chosen');
unlike($c, qr/<option value="$paula"/, '... a family worker is not offered');
like(tag_of($c, 'guardian1_first_names'), qr/name="guardian1_first_names"/, '... and for a guardian\'s name');
like(tag_of($c, 'guardian1_hetu'), qr/name="guardian1_hetu"/, '... with the identity code');
my $tok = $s->page_csrf('/children/new');
my ($team) = $c =~ /<option value="(\d+)"[^>]*>MAJAKKA</;
my @base = ([csrf => $tok], [first_names => 'Ilona'], [last_name => 'Öhman'], [birth_date => '2016-04-02'], [team_id => $team],
    [kind => 'notification'], [received_at => '2026-11-16T10:30'], [sender_type => 'school'], [sender_name => 'Keskuskoulu'],
    [text => 'Koulun huoli.']);
my $persons = $srv->sql("SELECT count(*) FROM person");
my $r = $s->request('POST', '/children/new', headers => { 'Accept-Language' => 'fi' },
    form => [@base, [responsible_id => $sanna], [guardian1_first_names => ''], [guardian1_last_name => ''], [guardian1_hetu => '']]);
is($r->{status}, 422, 'intake without a guardian is refused');
$c = page($r);
is(message_of($c, 'guardian1_first_names'), 'Huoltajan etunimet on pakollinen', '... the message next to the guardian\'s name');
like(tag_of($c, 'guardian1_first_names'), qr/aria-invalid="true" aria-describedby="guardian1_first_names-err" autofocus/, '... marked');
like($c, qr/value="Öhman"/, '... the child\'s name kept');
$r = $s->request('POST', '/children/new', headers => { 'Accept-Language' => 'sv' },
    form => [@base, [responsible_id => ''], [guardian1_first_names => 'Maija'], [guardian1_last_name => 'Öhman']]);
is(message_of(page($r), 'responsible_id'), 'Ansvarig socialarbetare är obligatoriskt', 'without the responsible worker: refused, in Swedish')
    or diag(message_of(page($r), 'responsible_id'));
like(page($r), qr/value="Maija"/, '... the guardian kept');
$r = $s->request('POST', '/children/new',
    form => [@base, [responsible_id => $paula], [guardian1_first_names => 'Maija'], [guardian1_last_name => 'Öhman']]);
ok(defined message_of(page($r), 'responsible_id'), 'a family worker cannot be the responsible worker');
$r = $s->request('POST', '/children/new', form => [@base, [responsible_id => $sanna], [guardian1_first_names => 'Maija'],
    [guardian1_last_name => 'Öhman'], [guardian1_hetu => '010185-9X1Y']]);
ok(defined message_of(page($r), 'guardian1_hetu'), 'a wrong guardian\'s code is refused next to its field');
like(page($r), qr/<option value="$sanna" selected>/, '... the responsible choice kept');
is($srv->sql("SELECT count(*) FROM person"), $persons, 'nothing of the refused intakes was saved');
$r = $s->request('POST', '/children/new', form => [@base, [responsible_id => $sanna], [guardian1_first_names => 'Maija'],
    [guardian1_last_name => 'Öhman'], [guardian1_hetu => ''], [guardian2_first_names => 'Erik'], [guardian2_last_name => 'Öhman']]);
is($r->{status}, 303, 'a complete intake is saved');
my ($child) = ($r->{headers}{location} // '') =~ m{^/children/(\d+)$};
is($srv->sql("SELECT m.account_id FROM case_member m JOIN child_case c ON c.id = m.case_id WHERE c.child_id = $child"
    . " AND m.role = 'responsible' AND m.to_date IS NULL"), $sanna, '... with sanna as the responsible worker');
is($srv->sql("SELECT group_concat(p.first_names, ',') FROM relation r JOIN person p ON p.id = r.person_id"
    . " WHERE r.related_id = $child AND r.guardian = 1 AND r.kind = 'parent' ORDER BY p.id"), 'Maija,Erik', '... and both guardians');
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND person_id IN"
    . " (SELECT person_id FROM relation WHERE related_id = $child) AND action = 'create'"), 2, '... each guardian\'s creation logged');
$c = page($s->get("/children/$child"));
like($c, qr/<bdi>Maija Öhman<\/bdi> <span class="muted">[^<]*huoltaja/i, 'the child page shows the guardians');

# --- identity codes: characters, not bytes; no future births -------------------------------
my $next = (localtime)[5] + 1900 + 1;
my $yy = sprintf('%02d', $next % 100);
my @chk = split //, '0123456789ABCDEFHJKLMNPRSTUVWXY';
my $num = "0101${yy}931";
my $future = "0101${yy}A931" . $chk[$num % 31];
$r = $api->post('/api/v1/persons', json => { kind => 'child', team_id => $team + 0, first_names => 'Tuleva', last_name => 'Lapsi', hetu => $future },
    headers => { 'Accept-Language' => 'fi' });
is($r->{status}, 422, "a code born in the future ($future) is refused");
is($r->{data}{error}{reason}, 'hetu_future', '... because of the birth date');
$r = $api->post('/api/v1/persons', json => { kind => 'child', team_id => $team + 0, first_names => 'Äkta', last_name => 'Lapsi', hetu => '010115Ä9312' });
is($r->{data}{error}{field}, 'hetu', 'a code with an Ä is refused ...');
isnt($r->{data}{error}{reason}, 'too_long', '... as a wrong character, not as too long');
$r = $s->request('POST', '/children/new', form => [@base, [hetu => '0101Å5A931B'], [responsible_id => $sanna],
    [guardian1_first_names => 'Maija'], [guardian1_last_name => 'Öhman']]);
$c = page($r);
is($r->{status}, 422, 'intake: a code with an Å is refused');
unlike(message_of($c, 'hetu') // '', qr/pitkä/, '... not "too long": ' . (message_of($c, 'hetu') // ''));
like($c, qr/value="0101Å5A931B"/, '... and kept as typed');
my $name = 'Ä' x 100;
$r = $api->post('/api/v1/persons', json => { kind => 'child', team_id => $team + 0, first_names => $name, last_name => 'Å' x 100, birth_date => '2015-01-01' });
is($r->{status}, 201, 'names of 100 characters with Ä and Å (200 bytes) are not too long');

# --- names: no text-direction or zero-width characters ---------------------------------------
for my $ch ("\x{202E}", "\x{202A}", "\x{2066}", "\x{2069}", "\x{200B}", "\x{200D}", "\x{FEFF}", "\x{2060}") {
    my $u = sprintf('U+%04X', ord $ch);
    $r = $api->post('/api/v1/persons', json => { kind => 'child', team_id => $team + 0, first_names => "Anna${ch}Liisa", last_name => 'Testi' });
    is($r->{data}{error}{reason} // '', 'hidden_chars', "$u in a name is refused");
}
$r = $api->post("/api/v1/children/$child/team", json => { role => 'varying', name => "Evil\x{202E}gnirts" });
is($r->{data}{error}{reason} // '', 'hidden_chars', '... and in a team member\'s name');
$r = $s->request('POST', '/children/new', headers => { 'Accept-Language' => 'en' }, form => [$base[0], [first_names => "Ilona\x{202E}"],
    @base[2 .. $#base], [responsible_id => $sanna], [guardian1_first_names => 'Maija'], [guardian1_last_name => 'Öhman']]);
like(message_of(page($r), 'first_names') // '', qr/^First names contains invisible/, 'the page says so next to the field');

# --- free text shown isolated ---------------------------------------------------------------
my $tok2 = $s->page_csrf("/children/$child");
$r = $s->request('POST', "/children/$child/journal", form => [[csrf => $tok2], [entry_date => '2026-11-17'], [kind => 'phone_call'],
    [participants => "\x{5D0}\x{5D1} äiti"], [text => "Soitto \x{202E}käännetty"]]);
is($r->{status}, 303, 'a journal entry with right-to-left text is saved (free text may hold it)');
$c = page($s->get("/children/$child"));
like($c, qr/<p class="pre"><bdi>Soitto \x{202E}käännetty<\/bdi><\/p>/, '... and shown isolated in <bdi>');
like($c, qr/<bdi>\x{5D0}\x{5D1} äiti<\/bdi>/, '... the participants too');
like($c, qr/<h1><bdi>Ilona Öhman<\/bdi><\/h1>/, 'the child\'s name in the heading is isolated');

# --- search: a code with a wrong check character is invalid, not "no hits" -------------------
$r = $s->get('/search?q=010115A931X', headers => { 'Accept-Language' => 'fi' });
is($r->{status}, 422, 'a search for a code with a wrong check character is refused');
$c = page($r);
like(message_of($c, 'q') // '', qr/tarkistusmerkki ei täsmää/, '... saying the check character does not match');
unlike($c, qr/Ei hakutuloksia|No results/, '... not "no hits"');
like(tag_of($c, 'q'), qr/aria-invalid="true"/, '... the field marked');
like($c, qr/value="010115A931X"/, '... the query kept');
$r = $api->get('/api/v1/persons?q=010115A931X');
is($r->{data}{error}{field}, 'q', 'the API: field q');
is($r->{data}{error}{reason}, 'check_character', '... reason check_character');
is($s->get('/search?q=' . MajakkaClient::_enc('ä' x 100))->{status}, 200, 'a search of 100 characters with ä (200 bytes) is not too long');
is($s->get('/search?q=' . MajakkaClient::_enc('ä' x 101))->{status}, 422, '... 101 are');
is($s->get('/search?q=Salmela')->{status}, 200, 'a name search still works');

done_testing;
