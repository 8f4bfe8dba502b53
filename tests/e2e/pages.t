#!/usr/bin/perl
# pages.t - server-rendered pages: languages, the organisation, forms with
# CSRF, HTML escaping, account administration through forms.
use strict;
use warnings;
use Test::More;
use MajakkaServer;

my $srv = MajakkaServer->new;
my $anon = $srv->client;
my $r = $anon->get('/login');
is($r->{status}, 200, 'login page');
like($r->{content}, qr/<html lang="fi">/, 'Finnish by default');
like($r->{content}, qr/Kirjaudu Majakkaan/, '... Finnish heading');
like($r->{content}, qr/DEMO – kaikki henkilöt/, 'DEMO banner');
$r = $anon->get('/login', headers => { 'Accept-Language' => 'sv-FI,sv;q=0.9,en;q=0.5' });
like($r->{content}, qr/<html lang="sv">/, 'Accept-Language sv gives Swedish');
like($r->{content}, qr/Logga in i Majakka/, '... Swedish heading');
$r = $anon->get('/login', headers => { 'Accept-Language' => 'sv', Cookie => 'lang=en' });
like($r->{content}, qr/<html lang="en">/, 'the lang cookie wins');
my $acsrf = $anon->page_csrf('/login');
ok(length($acsrf // '') == 43, 'the login page carries a token for its forms before login');
$r = $anon->request('POST', '/lang', form => [[csrf => $acsrf], [lang => 'sv'], [back => '/login']]);
is($r->{status}, 303, 'POST /lang redirects back');
like($r->{headers}{'set-cookie'}, qr/^lang=sv; Path=\/; HttpOnly; Secure; SameSite=Lax/, '... setting the cookie (HttpOnly, Secure)');
$r = $anon->request('POST', '/lang', form => [[csrf => $acsrf], [lang => 'de'], [back => '/login']]);
is($r->{status}, 422, 'an unknown language is refused');
$r = $anon->request('POST', '/lang', form => [[lang => 'sv'], [back => '/login']]);
is($r->{status}, 403, 'POST /lang without the token is refused (wapiti csrf)');
$r = $srv->client->request('POST', '/lang', form => [[csrf => $acsrf], [lang => 'sv'], [back => '/login']]);
is($r->{status}, 403, '... and with a token of another browser');

my $s = $srv->client;
$s->form_login('sanna');
$r = $s->get('/');
is($r->{status}, 200, 'home page after form login');
like($r->{content}, qr/Sanna Salmela/, '... shows her name');
like($r->{content}, qr/MAJAKKA/, '... and her team card');
unlike($r->{content}, qr{href="/admin/accounts"}, '... and no admin link for a worker');
my ($stok) = $r->{content} =~ /name="csrf" value="([^"]+)"/;
$r = $s->request('POST', '/lang', form => [[csrf => $stok], [lang => 'fi'], [back => '/']]);
is($r->{status}, 303, 'logged in, the language form posts with the session token');
$r = $s->request('POST', '/lang', form => [[csrf => $acsrf], [lang => 'fi'], [back => '/']]);
is($r->{status}, 403, '... and not with another browser\'s token');
$r = $s->get('/org');
for my $t (qw(MAJAKKA LOISTO VALKAMA VINSSI LUOTO POIJU SATAMA ANKKURI)) {
    like($r->{content}, qr/>$t</, "organisation shows $t");
}
like($r->{content}, qr{href="tel:040 000 1101"}, 'phone numbers are tel: links');
$r = $s->get('/admin/accounts');
is($r->{status}, 403, 'a worker gets 403 on the admin page');
like($r->{content}, qr/Sinulla ei ole oikeutta/, '... with a Finnish explanation');
$r = $s->request('POST', '/logout', form => [[csrf => 'nope']]);
is($r->{status}, 403, 'logout form with a wrong CSRF token is refused');

# A new child and its notification from the intake page.
$r = $s->get('/children/new');
is($r->{status}, 200, 'the intake page');
my ($scsrf) = $r->{content} =~ /name="csrf" value="([^"]+)"/;
my ($steam) = $r->{content} =~ /<option value="(\d+)"[^>]*>MAJAKKA</;
ok($steam, '... offers her team MAJAKKA');
my @intake = ([csrf => $scsrf], [first_names => 'Uusi'], [last_name => 'Lapsi'], [team_id => $steam],
    [kind => 'notification'], [received_at => '2026-11-16T10:30'], [sender_type => 'police'], [text => 'Poliisin ilmoitus.'],
    [responsible_id => $srv->sql("SELECT id FROM account WHERE username = 'sanna'")],
    [guardian1_first_names => 'Uusi'], [guardian1_last_name => 'Huoltaja']);
$r = $s->request('POST', '/children/new', form => [@intake, [hetu => '010115A931X']]);
is($r->{status}, 422, 'a wrong identity code re-renders the intake form');
like($r->{content}, qr/Henkilötunnus/, '... naming the field');
like($r->{content}, qr/value="Uusi"/, '... keeping what was typed');
is($srv->sql("SELECT count(*) FROM person WHERE first_names = 'Uusi'"), '0', '... and nothing was saved');
# Fields too long for their place are refused, not cut to something valid.
$r = $s->request('POST', '/children/new', form => [@intake, [hetu => '010115A931Bxyz']]);
is($r->{status}, 422, 'a valid identity code with more after it is refused');
like($r->{content}, qr/Henkilötunnus/, '... naming the field');
like($r->{content}, qr/value="Uusi"/, '... keeping what was typed');
my @long = map { $_->[0] eq 'text' ? [text => "\x{1F60A}" x 4001] : $_ } @intake;
$r = $s->request('POST', '/children/new', form => [@long, [birth_date => '2015-01-01']]);
is($r->{status}, 422, 'a text of 4,001 characters (16,004 bytes) is refused, not cut to 4,000');
is($srv->sql("SELECT count(*) FROM person WHERE first_names = 'Uusi'"), '0', '... and nothing was saved');
$r = $s->request('POST', '/children/new', form => [@intake, [birth_date => '2015-01-01']]);
is($r->{status}, 303, 'a valid intake is saved');
my ($newchild) = ($r->{headers}{location} // '') =~ m{^/children/(\d+)$};
ok($newchild, '... and opens the child page');
$r = $s->get("/children/$newchild");
like($r->{content}, qr/25\.11\.2026/, 'the child page shows the decision due on 25.11.2026');
like($r->{content}, qr/Syntynyt 1\.1\.2015/, '... and the birth date the Finnish way');
is($srv->sql("SELECT phase FROM child_case WHERE child_id = $newchild"), 'notification', 'the case starts in phase notification');
my $p2 = $srv->client;
$p2->form_login('paula');
my ($pcsrf) = $p2->get('/children/new')->{content} =~ /name="csrf" value="([^"]+)"/;
$r = $p2->request('POST', '/children/new', form => [[csrf => $pcsrf], [first_names => 'Vieras'], [last_name => 'Lapsi'],
    [team_id => $steam], [kind => 'notification'], [received_at => '2026-11-16T10:30'], [sender_type => 'police'], [text => 'x']]);
is($r->{status}, 403, 'paula may not open a case in MAJAKKA');

# Admin through the forms.
my $a = $srv->client;
$a->login('admin');
$r = $a->get('/admin/accounts/new');
is($r->{status}, 200, 'new-account form');
my ($csrf) = $r->{content} =~ /name="csrf" value="([^"]+)"/;
ok($csrf, '... carries a CSRF token');
$r = $a->request('POST', '/admin/accounts', form => [[csrf => $csrf], [username => 'Bad Name'], [display_name => 'X'],
    [role => 'social_worker'], [password => 'pitka-salasana-42']]);
is($r->{status}, 422, 'an invalid username re-renders the form');
like($r->{content}, qr/role="alert"/, '... with an error');
like($r->{content}, qr/Käyttäjätunnus/, '... naming the field in Finnish');
like($r->{content}, qr/value="Bad Name"/, '... keeping what was typed');
$r = $a->request('POST', '/admin/accounts', form => [[csrf => $csrf], [username => 'xss'],
    [display_name => '<script>alert(1)</script>'], [role => 'family_worker'], [password => 'pitka-salasana-42'], [active => '1']]);
is($r->{status}, 303, 'a valid form creates the account');
$r = $a->get('/admin/accounts');
like($r->{content}, qr/&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'a name with markup is escaped');
unlike($r->{content}, qr/<script>alert/, '... never raw');
$r = $a->request('POST', '/admin/accounts', form => [[username => 'nocsrf'], [display_name => 'X'], [role => 'social_worker'], [password => 'pitka-salasana-42']]);
is($r->{status}, 403, 'a form without CSRF token is refused');
is($srv->sql("SELECT count(*) FROM account WHERE username = 'nocsrf'"), '0', '... and nothing was written');

# JSON of the same page view model.
$r = $a->get('/org', headers => { Accept => 'application/json' });
like($r->{headers}{'content-type'}, qr{application/json}, 'a page answers JSON when asked');
ok(scalar @{ $r->{data}{areas} } == 2, '... with the same view model (two areas)');
done_testing;
