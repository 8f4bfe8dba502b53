#!/usr/bin/perl
# forms.t - the one form pattern (docs/VIEWS.md, "Forms"): a refused form
# comes back as the same page (422) with everything typed kept, the message
# next to its field in the reader's language naming the field as the page
# labels it, aria-invalid and aria-describedby on the field, and a summary at
# the top linking to it.  The API keeps its error shape, its message in the
# language the request asks for.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my $s = $srv->client;
is($s->form_login('sanna')->{status}, 303, 'sanna logs in through the login page');
my $child = $srv->sql("SELECT c.child_id FROM child_case c JOIN team t ON t.id = c.team_id WHERE t.name = 'MAJAKKA' ORDER BY c.id LIMIT 1");
my $tok = $s->page_csrf("/children/$child");
ok($tok, 'the child page carries a CSRF token');
my %lang = (fi => 'fi-FI,fi;q=0.9', sv => 'sv-SE,sv;q=0.9', en => 'en-GB,en;q=0.9');

# The page's text as characters.
sub page { my $c = $_[0]{content} // ''; utf8::decode($c); $c }
# The summary at the top and the field's message; the field's own tag.
sub summary { $_[0] =~ /<div class="alert error-summary" role="alert"[^>]*>(.*?)<\/div>/s ? $1 : '' }
sub tag_of { my ($c, $id) = @_; $c =~ /(<(?:input|select|textarea) id="\Q$id\E"[^>]*>)/ ? $1 : '' }
sub message_of { my ($c, $id) = @_; $c =~ /<p id="\Q$id\E-err" class="field-error">([^<]*)<\/p>/ ? $1 : undef }

# Every check of the pattern for one refused form.
sub refused {
    my ($r, $what, $id, $message, @kept) = @_;
    my $c = page($r);
    is($r->{status}, 422, "$what: the same page comes back (422)");
    unlike($c, qr/class="error-page"/, "$what: ... not the error page");
    is(message_of($c, $id), $message, "$what: ... the message next to the field: $message");
    like(summary($c), qr/<a href="#\Q$id\E">\Q$message\E<\/a>/, "$what: ... the summary links to the field");
    my $t = tag_of($c, $id);
    ok($t =~ /aria-invalid="true"/ && $t =~ /aria-describedby="\Q$id\E-err"/ && $t =~ /autofocus/,
       "$what: ... the field is aria-invalid, described by its message, focused") or diag($t);
    like($c, $_, "$what: ... keeps $_") for @kept;
    (my $text = summary($c)) =~ s/<[^>]*>//g;
    unlike($text, qr/\b[a-z]+_[a-z_]+\b/, "$what: ... no internal field name in the message");
    return $c;
}

# --- the journal entry ---------------------------------------------------------
my $long = join("\n", map { "Kappale $_: kotikäynnillä äiti kertoi, että arki on sujunut <hyvin> & rauhallisesti." } 1 .. 40);
my %future = (fi => 'Päivä ei voi olla tulevaisuudessa', sv => 'Datum kan inte vara i framtiden',
              en => 'Date cannot be in the future');
my $before = $srv->sql("SELECT count(*) FROM journal_entry");
for my $l (qw(fi sv en)) {
    my $r = $s->request('POST', "/children/$child/journal", headers => { 'Accept-Language' => $lang{$l} },
        form => [[csrf => $tok], [entry_date => '2099-01-01'], [kind => 'phone_call'], [participants => 'äiti, isä'], [text => $long]]);
    (my $esc = $long) =~ s/&/&amp;/g;
    $esc =~ s/</&lt;/g;
    $esc =~ s/>/&gt;/g;
    my $c = refused($r, "journal entry dated in the future ($l)", 'journal-entry_date', $future{$l},
        qr/>\Q$esc\E<\/textarea>/, qr/value="äiti, isä"/, qr/value="2099-01-01"/, qr/<option value="phone_call" selected>/);
    like($c, qr/<html lang="$l"/, "... the page in $l");
}
is($srv->sql("SELECT count(*) FROM journal_entry"), $before, 'no refused entry was saved');

my %blank = (fi => 'Teksti sisältää vain välilyöntejä tai tyhjiä rivejä', sv => 'Text innehåller bara mellanslag eller tomma rader',
             en => 'Text contains only spaces or blank lines');
for my $l (qw(fi sv en)) {
    my $r = $s->request('POST', "/children/$child/journal", headers => { 'Accept-Language' => $lang{$l} },
        form => [[csrf => $tok], [kind => 'note'], [participants => 'koulukuraattori'], [text => "   \n\n \t "]]);
    refused($r, "journal entry of only spaces and blank lines ($l)", 'journal-text', $blank{$l}, qr/value="koulukuraattori"/);
}
is($srv->sql("SELECT count(*) FROM journal_entry"), $before, 'a blank entry is not saved');

# A correction of an entry: its own form in its card comes back open.
my $eid = $srv->sql("SELECT entry_id FROM journal_entry j JOIN child_case c ON c.id = j.case_id WHERE c.child_id = $child ORDER BY j.id LIMIT 1");
my $r = $s->request('POST', "/children/$child/journal/$eid", form => [[csrf => $tok], [kind => 'note'], [text => " \n "]]);
my $c = refused($r, 'a blank correction', "correct-$eid-text", $blank{fi});
like($c, qr/<details open><summary>[^<]*<\/summary>\s*<form method="post" action="\/children\/$child\/journal\/$eid"/, '... its form open');

# --- the child's team ------------------------------------------------------------
my %worker = (fi => 'Työntekijä on pakollinen', sv => 'Anställd är obligatoriskt', en => 'Worker is required');
my $members = $srv->sql("SELECT count(*) FROM case_member");
for my $l (qw(fi sv en)) {
    $r = $s->request('POST', "/children/$child/team", headers => { 'Accept-Language' => $lang{$l} },
        form => [[csrf => $tok], [role => 'pair'], [account_id => ''], [name => ''], [description => 'Kouluasiat'], [over_cap_reason => '']]);
    refused($r, "a team member without choosing one ($l)", 'member-account_id', $worker{$l},
        qr/value="Kouluasiat"/, qr/<option value="pair" selected>/);
}
is($srv->sql("SELECT count(*) FROM case_member"), $members, 'no member was added');
# Over the caseload cap without a reason: the field as the page labels it, in Finnish.
my $ville = $srv->sql("SELECT id FROM account WHERE username = 'ville'");
$r = $s->request('POST', "/children/$child/team", form => [[csrf => $tok], [role => 'responsible'], [account_id => $ville], [description => 'Sijainen']]);
$c = refused($r, 'a worker over the cap without a reason', 'member-over_cap_reason',
    'Peruste enimmäismäärän ylitykselle – työntekijällä on jo enimmäismäärä lapsia; anna peruste',
    qr/<option value="responsible" selected>/, qr/value="Sijainen"/);

# --- phase and notification --------------------------------------------------------
$r = $s->request('POST', "/children/$child/phase", form => [[csrf => $tok], [phase => 'assessment'], [legal_basis => 'child_welfare_act'], [reason => 'x']]);
refused($r, 'a phase change with a too short reason', 'phase-reason', 'Perustelu on liian lyhyt',
    qr/<option value="assessment" selected>/, qr/id="phase-reason" name="reason" value="x"/);
$r = $s->request('POST', "/children/$child/notifications", form => [[csrf => $tok], [kind => 'notification'], [received_at => '2099-05-01T10:00'],
    [sender_type => 'police'], [sender_name => 'Poliisi Virtanen'], [text => 'Ilmoitus koulusta.']]);
refused($r, 'a notification received in the future', 'notification-received_at', 'Vastaanotettu ei voi olla tulevaisuudessa',
    qr/value="Poliisi Virtanen"/, qr/>Ilmoitus koulusta\.<\/textarea>/, qr/<option value="police" selected>/);

# --- intake ---------------------------------------------------------------------------
my ($team) = page($s->get('/children/new')) =~ /<option value="(\d+)"[^>]*>MAJAKKA</;
my @intake = ([csrf => $tok], [first_names => ''], [last_name => 'Åkerlund'], [team_id => $team], [kind => 'notification'],
    [received_at => '2026-11-16T10:30'], [sender_type => 'police'], [sender_name => 'Vanhempi konstaapeli'], [text => $long]);
my %first = (fi => 'Etunimet on pakollinen', sv => 'Förnamn är obligatoriskt', en => 'First names is required');
my $persons = $srv->sql("SELECT count(*) FROM person");
for my $l (qw(fi sv en)) {
    $r = $s->request('POST', '/children/new', headers => { 'Accept-Language' => $lang{$l} }, form => \@intake);
    refused($r, "intake without first names ($l)", 'first_names', $first{$l},
        qr/value="Åkerlund"/, qr/value="Vanhempi konstaapeli"/, qr/<option value="police" selected>/,
        qr/<option value="$team" selected>/, qr/Kappale 40: kotikäynnillä/);
}
$r = $s->request('POST', '/children/new', form => [(grep { $_->[0] ne 'first_names' } @intake), [first_names => 'Aino'], [birth_date => '2099-01-01']]);
refused($r, 'intake with a birth date in the future', 'birth_date', 'Syntymäaika ei voi olla tulevaisuudessa', qr/value="Aino"/);
is($srv->sql("SELECT count(*) FROM person"), $persons, 'no refused intake was saved');

# --- the account form -------------------------------------------------------------------
my $a = $srv->client;
$a->form_login('admin');
my $atok = $a->page_csrf('/admin/accounts/new');
$r = $a->request('POST', '/admin/accounts', headers => { 'Accept-Language' => $lang{sv} }, form => [[csrf => $atok], [username => 'Bad Name'],
    [display_name => 'Berit Berg'], [role => 'social_worker'], [password => 'pitka-salasana-42']]);
$c = refused($r, 'an account with a bad username (sv)', 'username', 'Användarnamn innehåller otillåtna tecken',
    qr/value="Bad Name"/, qr/value="Berit Berg"/);
unlike($c, qr/pitka-salasana-42/, '... the password is never sent back');

# --- the API: the same error shape, the message in the language asked for ---------------
my $api = $srv->client;
$api->login('sanna');
my %api = (sv => $future{sv}, en => $future{en}, fi => $future{fi});
for my $l (qw(fi sv en)) {
    $r = $api->post("/api/v1/children/$child/journal", headers => { 'Accept-Language' => $lang{$l} },
        json => { entry_date => '2099-01-01', kind => 'note', text => 'API' });
    is($r->{status}, 422, "API ($l): 422");
    is_deeply([ @{ $r->{data}{error} }{qw(code field reason message)} ], [ 'invalid', 'entry_date', 'future', $api{$l} ],
              "API ($l): {code, field, reason, message} with the message in $l");
}
$r = $api->post("/api/v1/children/$child/journal", json => { kind => 'note', text => "\n \n" });
is_deeply([ $r->{status}, @{ $r->{data}{error} }{qw(field reason)} ], [ 422, 'text', 'blank' ], 'API: a blank entry is refused naming text (blank)');
like($r->{data}{error}{message}, qr/only spaces/, '... a client naming no language gets the English sentence');
$r = $api->post("/api/v1/children/$child/team", headers => { 'Accept-Language' => 'fi' }, json => { role => 'responsible', account_id => $ville + 0 });
is($r->{status}, 422, 'API: a worker over the cap without a reason is refused') or diag($r->{content});
is($r->{data}{error}{message}, 'Peruste enimmäismäärän ylitykselle – työntekijällä on jo enimmäismäärä lapsia; anna peruste',
   'API (fi): the over-cap message in Finnish');
like($r->{data}{error}{detail}, qr/\d+ children/, '... the English detail still says how many children');

done_testing;
