#!/usr/bin/perl
# session.t - logging in and out, who am I, CSRF, rate limiting, redirects.
use strict;
use warnings;
use Test::More;
use MajakkaServer;

my $srv = MajakkaServer->new;
my $c = $srv->client;

my $r = $c->get('/api/v1/me');
is($r->{status}, 401, 'me without login is 401');
is($r->{data}{error}{code}, 'unauthorized', '... with a JSON error');

$r = $c->get('/org');
is($r->{status}, 303, 'a page without login redirects');
like($r->{headers}{location}, qr{^/login\?next=%2Forg$}, '... to the login page with next');

$r = $c->login('sanna');
is($r->{status}, 201, 'sanna logs in');
my $sc = $r->{headers}{'set-cookie'};
like($sc, qr/majakka_session=[A-Za-z0-9_-]{43};/, 'session cookie holds a 43-character token');
like($sc, qr/HttpOnly/, '... HttpOnly');
like($sc, qr/SameSite=Strict/, '... SameSite=Strict');
like($sc, qr/; Secure/, '... Secure');
ok(length($c->csrf // '') == 43, 'csrf token in the answer');

$r = $c->get('/api/v1/me');
is($r->{status}, 200, 'me after login');
is($r->{data}{username}, 'sanna', '... username');
is_deeply($r->{data}{roles}, ['social_worker'], '... roles');
is($r->{data}{teams}[0]{name}, 'MAJAKKA', '... team MAJAKKA');

# The token is stored hashed: the cookie value is nowhere in the database.
my ($tok) = $sc =~ /majakka_session=([^;]+)/;
is($srv->sql("SELECT count(*) FROM session WHERE token_hash = '$tok' OR csrf = '$tok'"), '0',
   'the raw token is not stored');
is($srv->sql("SELECT count(*) FROM session WHERE ended = 0"), '1', 'one live session row');

# CSRF: a state-changing request needs the token and a same-origin Origin.
$r = $c->request('DELETE', '/api/v1/session');
is($r->{status}, 403, 'logout without CSRF token is refused');
is($r->{data}{error}{code}, 'csrf', '... code csrf');
$r = $c->request('DELETE', '/api/v1/session', headers => { 'X-CSRF-Token' => 'x' x 43 });
is($r->{status}, 403, 'wrong CSRF token is refused');
$r = $c->request('DELETE', '/api/v1/session', csrf => 1, headers => { Origin => 'http://evil.example' });
is($r->{status}, 403, 'foreign Origin is refused even with the token');
is($c->get('/api/v1/me')->{status}, 200, 'still logged in after refused attempts');

my $old = $c->cookie_header;
$r = $c->delete('/api/v1/session');
is($r->{status}, 200, 'logout');
like($r->{headers}{'set-cookie'}, qr/Max-Age=0/, '... clears the cookie');
$r = $c->request('GET', '/api/v1/me', headers => { Cookie => $old });
is($r->{status}, 401, 'the old session no longer works');

# The JSON login needs no CSRF token, so it takes only JSON (a cross-site form cannot send it).
$r = $srv->client->request('POST', '/api/v1/session', form => [[username => 'sanna'], [password => 'majakka-demo']]);
is($r->{status}, 422, 'the API login refuses a form body');
ok(!grep(/majakka_session/, $r->{headers}{'set-cookie'} // ''), '... and opens no session');
$r = $srv->client->request('POST', '/api/v1/session', body => '{"username":"sanna","password":"majakka-demo"}',
                           headers => { 'Content-Type' => 'text/plain' });
is($r->{status}, 422, '... and a text/plain body');

# Wrong password and unknown user look the same.
my $bad = $srv->client->login('sanna', 'wrong-password-123');
my $unknown = $srv->client->login('nobody', 'wrong-password-123');
is($bad->{status}, 401, 'wrong password is 401');
is($unknown->{status}, 401, 'unknown user is 401');
is($bad->{data}{error}{message}, $unknown->{data}{error}{message}, '... with the same message');

# Login limits (more in login_limits.t): five failures of one account from
# one address are free, then the next attempt waits a second, then two ...
# The right password clears them; while waiting even it is refused, so the
# wait cannot be used to test guesses.  (Each check that expects a refusal
# comes right after a failure, well inside the first second.)
my $rl = $srv->client;
$rl->login('olli', 'wrong-password-123') for 1 .. 4;
$r = $rl->login('olli');
is($r->{status}, 201, 'the right password works after 4 failures (and clears them)');
$r = $rl->login('olli', 'wrong-password-123') for 1 .. 5;
is($r->{status}, 401, 'the fifth failure in a row is still checked');
$r = $rl->login('olli');
is($r->{status}, 429, 'then the next attempt waits, even with the right password');
like($r->{headers}{'retry-after'} // '', qr/^[1-9][0-9]*$/, '... Retry-After in seconds');
is($r->{data}{error}{code}, 'rate_limited', '... error code rate_limited');
is($r->{data}{error}{retry_after}, $r->{headers}{'retry-after'}, '... retry_after in the JSON error too');
utf8::encode(my $msg = $r->{data}{error}{message} // '');
like($msg, qr/^Liian monta epäonnistunutta yritystä\. Yritä uudelleen (sekunnin|\d+ sekunnin) kuluttua\.$/,
     '... and a message that says when to try again');
$r = $rl->request('POST', '/api/v1/session', json => { username => 'olli', password => 'majakka-demo' },
                  headers => { 'Accept-Language' => 'en' });
like($r->{data}{error}{message}, qr/^Too many failed attempts\. Try again in (1 second|\d+ seconds)\.$/,
     '... in the language asked for');
$r = $srv->client->form_login('olli');  # (a visitor: $rl is logged in)
is($r->{status}, 429, 'the login page waits too');
ok(($r->{headers}{'retry-after'} // 0) > 0, '... with Retry-After');
like($r->{content}, qr/role="alert"[^>]*>.*?>Liian monta epäonnistunutta yritystä\. Yritä uudelleen [^<]*kuluttua\.</s,
     '... and says when to try again');

# Every login attempt is in the access log.
is($srv->sql("SELECT count(*) FROM access_log WHERE action = 'login' AND outcome = 'failed'") >= 11, 1,
   'failed logins are logged');
is($srv->sql("SELECT count(*) FROM access_log WHERE action = 'login' AND outcome = 'denied'"
             . " AND reason = 'rate_limited_account_address'"), '3',
   'the attempts that had to wait are logged as denied, naming the limit');

# Login page (HTML form).
my $p = $srv->client;
$r = $p->get('/login');
like($r->{headers}{'set-cookie'} // '', qr/^majakka_csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
     'the login page sets the visitor\'s CSRF cookie (HttpOnly, Secure, SameSite=Strict)');
my ($ptok) = $r->{headers}{'set-cookie'} =~ /majakka_csrf=([^;]+)/;
like($r->{content}, qr/name="csrf" value="\Q$ptok\E"/, '... and puts the same token in the form');
ok(!defined $p->get('/login')->{headers}{'set-cookie'}, '... once: the next page reuses the cookie');
# Login CSRF: another site cannot post the login form, even from a browser that sends no Origin.
$r = $p->request('POST', '/login', form => [[username => 'paula'], [password => 'majakka-demo'], [next => '/org']]);
is($r->{status}, 403, 'form login without the token is refused');
ok(!grep(/majakka_session/, $r->{headers}{'set-cookie'} // ''), '... and opens no session');
$r = $p->request('POST', '/login', form => [[csrf => 'x' x 43], [username => 'paula'], [password => 'majakka-demo']]);
is($r->{status}, 403, 'form login with a token other than the cookie\'s is refused');
$r = $srv->client->request('POST', '/login', form => [[csrf => $ptok], [username => 'paula'], [password => 'majakka-demo']]);
is($r->{status}, 403, 'form login with the token but without the cookie is refused');
$r = $p->request('POST', '/login', form => [[csrf => $ptok], [username => 'paula'], [password => 'majakka-demo'], [next => '/org']],
                 headers => { Origin => 'http://evil.example' });
is($r->{status}, 403, 'form login from a foreign Origin is refused even with the token');
$r = $p->form_login('paula', undef, '/org');
is($r->{status}, 303, 'form login redirects');
is($r->{headers}{location}, '/org', '... to next');
like($r->{headers}{'set-cookie'} // '', qr/majakka_session=.*; HttpOnly; Secure; SameSite=Strict/, '... with a Secure session cookie');
$r = $p->request('POST', '/login', form => [[csrf => $ptok], [username => 'paula'], [password => 'majakka-demo'],
                 [next => '//evil.example/']]);
is($r->{status}, 303, 'the login form still posts from a page opened before logging in elsewhere');
is($r->{headers}{location}, '/', 'an off-site next is ignored');
# Browsers drop tabs and newlines from a URL: "/<TAB>/evil.example" would leave the site.
for my $next ("/\t/evil.example/", "/\n/evil.example/", "/\r\nX-Evil: 1", "/\\evil.example/") {
    (my $shown = $next) =~ s/([\x00-\x1f\\])/sprintf('\\x%02x', ord $1)/ge;
    $r = $srv->client->form_login('paula', undef, $next);
    is($r->{headers}{location}, '/', "next $shown stays on the site");
    ok(!exists $r->{headers}{'x-evil'}, '... and adds no header');
}
my $lt = $srv->client;
$r = $lt->request('POST', '/lang', form => [[csrf => $lt->page_csrf('/login')], [lang => 'sv'], [back => "/\t/evil.example/"]]);
is($r->{headers}{location}, '/', 'the language form\'s back stays on the site too');
$r = $srv->client->form_login('paula', 'nope-nope-nope');
is($r->{status}, 401, 'a failed form login answers 401');
like($r->{content}, qr/Väärä käyttäjätunnus tai salasana/, '... with the Finnish message');

is($srv->stop, 0, 'server stops gracefully on SIGTERM');
done_testing;
