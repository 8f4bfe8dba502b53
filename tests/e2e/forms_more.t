#!/usr/bin/perl
# forms_more.t - the forms that joined the one form pattern last (issue 13):
# the team edit form, the notification steps, the grant decision and the
# login form.  A refused form comes back with what was typed, the message
# next to its field in the reader's language and a summary at the top.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
sub page { my $c = $_[0]{content} // ''; utf8::decode($c); $c }
sub summary { $_[0] =~ /<div class="alert error-summary" role="alert"[^>]*>(.*?)<\/div>/s ? $1 : '' }
sub tag_of { my ($c, $id) = @_; $c =~ /(<(?:input|select|textarea) id="\Q$id\E"[^>]*>)/ ? $1 : '' }
sub message_of { my ($c, $id) = @_; $c =~ /<p id="\Q$id\E-err" class="field-error">([^<]*)<\/p>/ ? $1 : undef }

# --- the team edit form ---------------------------------------------------------------
my $a = $srv->client;
is($a->form_login('admin')->{status}, 303, 'admin logs in');
my $team = $srv->sql("SELECT id FROM team WHERE name = 'MAJAKKA'");
my $tok = $a->page_csrf("/admin/teams/$team/edit");
my $r = $a->request('POST', "/admin/teams/$team/edit", headers => { 'Accept-Language' => 'sv' },
    form => [[csrf => $tok], [name => 'MAJAKKA ÅÄÖ'], [kind => 'foster_care'], [phone1 => 'soita minulle'], [phone2 => ''],
             [phone3 => ''], [hours => 'ma–pe 8–16'], [email => 'majakka@example.org']]);
is($r->{status}, 422, 'team edit: a wrong phone number comes back (422)');
my $c = page($r);
like(message_of($c, 'phone1') // '', qr/^Telefon 1 /, '... the message next to the field, in Swedish: ' . (message_of($c, 'phone1') // ''));
like(tag_of($c, 'phone1'), qr/aria-invalid="true" aria-describedby="phone1-err" autofocus/, '... the field marked');
like(summary($c), qr/<a href="#phone1">/, '... the summary links to it');
like($c, qr/value="MAJAKKA ÅÄÖ"/, '... the typed name kept');
like($c, qr/value="soita minulle"/, '... the typed phone kept');
like($c, qr/<option value="foster_care" selected>/, '... the chosen kind kept');
like($c, qr/value="ma–pe 8–16"/, '... and the hours');
is($srv->sql("SELECT name FROM team WHERE id = $team"), 'MAJAKKA', '... nothing saved');

# --- login ------------------------------------------------------------------------------
my $v = $srv->client;
my $lt = $v->page_csrf('/login');
$r = $v->request('POST', '/login', form => [[csrf => $lt], [username => ''], [password => 'x'], [next => '/']]);
$c = page($r);
is(message_of($c, 'username'), 'Käyttäjätunnus on pakollinen', 'login without a username: the message next to the field');
like(tag_of($c, 'username'), qr/aria-invalid="true"/, '... marked');
$r = $v->request('POST', '/login', headers => { 'Accept-Language' => 'en' },
    form => [[csrf => $lt], [username => 'sanna'], [password => 'wrong-one'], [next => '/']]);
$c = page($r);
is($r->{status}, 401, 'a wrong password: 401');
is(message_of($c, 'password'), 'Wrong username or password.', '... said next to the password, in English')
    or diag(message_of($c, 'password'));
like(summary($c), qr/<a href="#password">Wrong username or password\.<\/a>/, '... and in the summary');
like(tag_of($c, 'username'), qr/value="sanna"/, '... the username kept');
unlike($c, qr/wrong-one/, '... the password never echoed');

# --- the notification steps -----------------------------------------------------------
my $s = $srv->client;
$s->form_login('sanna');
my ($nid, $child) = split /\|/, $srv->sql("SELECT n.id || '|' || c.child_id FROM notification n JOIN child_case c ON c.id = n.case_id"
    . " JOIN team t ON t.id = c.team_id WHERE t.name = 'MAJAKKA' AND n.urgency IS NULL AND c.phase <> 'closed' ORDER BY n.id LIMIT 1");
ok($nid, 'a MAJAKKA notification without its urgency assessment');
$tok = $s->page_csrf("/children/$child");
$r = $s->request('POST', "/notifications/$nid/urgency", headers => { 'Accept-Language' => 'fi' },
    form => [[csrf => $tok], [urgency => 'maybe']]);
is($r->{status}, 422, 'an unknown urgency: the child page again (422)');
$c = page($r);
ok(defined message_of($c, "step-$nid-urgency"), '... the message next to the select');
like(tag_of($c, "step-$nid-urgency"), qr/aria-invalid="true" aria-describedby="step-$nid-urgency-err"/, '... marked');
unlike($c, qr/class="error-page"/, '... not the error page');
$r = $s->request('POST', "/notifications/$nid/urgency", form => [[csrf => $tok], [urgency => 'urgent']]);
is($r->{status}, 303, 'the urgency is recorded');
$r = $s->request('POST', "/notifications/$nid/urgency", headers => { 'Accept-Language' => 'fi' },
    form => [[csrf => $tok], [urgency => 'not_urgent']]);
is($r->{status}, 422, 'recorded again (a stale page): the child page (422)');
$c = page($r);
like(summary($c), qr/Tämä vaihe on jo kirjattu/, '... saying in Finnish that the step was recorded already');
like($c, qr/<article class="card notification">(?:(?!<\/article>).)*Vaihetta ei kirjattu/s, '... and by the notification');

# --- the grant decision --------------------------------------------------------------------
my $k = $srv->client;
$k->form_login('kaisa');
my $home = page($k->get('/'));
my ($gid) = $home =~ m{<form method="post" action="/grants/(\d+)/approve"};
ok($gid, 'kaisa has a request to decide on her home page');
like($home, qr{<textarea id="grant-$gid-note" name="note"}, '... with a note field');
like($home, qr{formaction="/grants/$gid/reject"}, '... and approve and reject in one form');
$tok = $k->page_csrf('/');
my $long = 'Perustelu ' x 60;
$r = $k->request('POST', "/grants/$gid/approve", form => [[csrf => $tok], [note => $long]]);
is($r->{status}, 422, 'a note of 600 characters comes back (422)');
$c = page($r);
like(message_of($c, "note") // '', qr/^Perustelu päätökselle/, '... the message next to the note, labelled as on the page');
like($c, qr/>\Q$long\E<\/textarea>/, '... the note kept');
is($srv->sql("SELECT count(*) FROM access_grant WHERE id = $gid AND outcome IS NULL"), 1, '... the request still waits');
$r = $k->request('POST', "/grants/$gid/reject", form => [[csrf => $tok], [note => 'Ei vielä']]);
is($r->{status}, 303, 'rejected with a short note');
$r = $k->request('POST', "/grants/$gid/approve", headers => { 'Accept-Language' => 'fi' }, form => [[csrf => $tok], [note => 'Sittenkin']]);
is($r->{status}, 422, 'deciding again (a stale page) comes back (422)');
like(summary(page($r)), qr/\S/, '... with the reason in the summary');
like(page($r), qr/>Sittenkin<\/textarea>/, '... and the note kept');

done_testing;
