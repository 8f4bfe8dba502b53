#!/usr/bin/perl
# http.t - the HTTP abuse suite: request smuggling, missing Host, huge
# bodies, malformed paths, slow-drip clients, keep-alive, security headers.
use strict;
use warnings;
use Test::More;
use IO::Socket::INET;
use JSON::PP;
use Time::HiRes qw(time sleep);
use MajakkaServer;

my $srv = MajakkaServer->new;
my $H = "Host: 127.0.0.1\r\n";
sub count_responses { my $n = () = $_[0] =~ m{HTTP/1\.[01] \d{3} }g; $n }

# refused(BYTES, STATUS, WHAT, html => 1, open => 1): the request is refused
# below the router with one answer (one status line) of STATUS, the
# connection is closed (unless open), and the answer has the application's
# error shape: {"error":{"code":..,"message":..}} for API clients, the HTML
# error page for browsers (html).
sub refused {
    my ($bytes, $status, $what, %o) = @_;
    my ($out, $closed) = $srv->raw($bytes);
    my ($head, $body) = split /\r\n\r\n/, $out, 2;
    subtest $what => sub {
        like($out, qr{^HTTP/1\.1 $status }, "answered $status");
        is(count_responses($out), 1, 'one answer, one status line');
        ok($closed, 'the connection is closed') unless $o{open};
        if ($o{html}) {
            like($head // '', qr{^Content-Type: text/html; charset=utf-8\r?$}mi, 'an HTML page');
            like($body // '', qr{<section class="error-page">\s*<h1>[^<]+</h1>}, '... the error page');
        } else {
            like($head // '', qr{^Content-Type: application/json\r?$}mi, 'JSON');
            my $j = eval { decode_json($body // '') };
            ok($j && $j->{error} && $j->{error}{code} && $j->{error}{message}, '... {"error":{"code","message"}}')
                or diag($out);
        }
    };
    return $out;
}

my $smuggle = "POST /api/v1/session HTTP/1.1\r\n$H" .
    "Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n" .
    "0\r\n\r\nGET /api/v1/health HTTP/1.1\r\n$H\r\n";
my $out = refused($smuggle, 400, 'Transfer-Encoding + Content-Length is 400, the smuggled request gets no answer');
like($out, qr/Connection: close/i, '... and the answer says the connection is closed');

$out = $srv->raw("POST /api/v1/session HTTP/1.1\r\n$H" . "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}" .
                 "GET /api/v1/health HTTP/1.1\r\n$H\r\n");
like($out, qr{^HTTP/1\.1 400}, 'two Content-Length headers is 400');
is(count_responses($out), 1, '... with no second answer');

# libmicrohttpd used to answer this itself, with its status line twice.
refused("GET /api/v1/health HTTP/1.1\r\n\r\n", 400, 'HTTP/1.1 without Host is 400, one status line');
refused("GET /api/v1/health HTTP/1.2\r\n\r\n", 400, '... and so is HTTP/1.2 without Host');
$out = $srv->raw("GET /api/v1/health HTTP/1.1\r\n$H$H\r\n");
like($out, qr{^HTTP/1\.1 400}, 'two Host headers is 400');

# A strict edge: what libmicrohttpd 0.9.75 mends without a word is refused
# before it reaches the application.  Each smuggling attempt carries a second
# request that must get no answer.
my $health = "GET /api/v1/health HTTP/1.1\r\n$H\r\n";
my $json = "Content-Type: application/json\r\n";
refused("POST /api/v1/session HTTP/1.1\r\n$H$json" . "Content-Length : " . length($health) . "\r\n\r\n$health",
        400, 'a space between a header name and its colon is 400, the body is not served as a request');
refused("POST /api/v1/session HTTP/1.1\r\n$H$json" . "Content-Length\t: " . length($health) . "\r\n\r\n$health",
        400, '... and so is a tab');
refused("GET /api/v1/health HTTP/1.1\r\n$H" . "X-Note: one\r\n two\r\n\r\n", 400,
        'an obs-fold line (starting with a space) is 400');
refused("GET /api/v1/health HTTP/1.1\r\n$H" . "X-Note: one\r\n\ttwo\r\n\r\n", 400,
        '... and one starting with a tab');
refused("GET /api/v1/health HTTP/1.1\r\n Host: 127.0.0.1\r\n\r\n", 400,
        '... and a folded first header line');
refused("POST /api/v1/session HTTP/1.1\r\n$H$json" . "Content-Length: 4\r\n" .
        "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n$health", 400,
        '... and Transfer-Encoding folded onto a line of its own');
refused("POST /api/v1/session HTTP/1.0\r\n$H$json" . "Transfer-Encoding: chunked\r\n\r\n" .
        "2\r\n{}\r\n0\r\n\r\n$health", 400, 'HTTP/1.0 with Transfer-Encoding is 400');
refused("GET /api/v1/health HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
        '... also on a GET');

my %ctl = (NUL => "\0", CR => "\r", 'SOH (0x01)' => "\x01", ESC => "\e", DEL => "\x7f");
for my $name (sort keys %ctl) {
    refused("GET /api/v1/health HTTP/1.1\r\n$H" . "X-Note: a$ctl{$name}b\r\n\r\n", 400,
            "a $name in a header value is 400");
    refused("GET /api/v1/he$ctl{$name}alth HTTP/1.1\r\n$H\r\n", 400, "a raw $name in the path is 400");
}
refused("GET /api/v1/health HTTP/1.1\r\n$H" . "X-Note: a\nContent-Length: 0\r\n\r\n", 400,
        'a bare LF in a header value (a line ending in LF alone) is 400');
refused("GET /api/v1/health HTTP/1.1\n$H\n", 400, '... and a head of bare LFs');
refused("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\0evil\r\n\r\n", 400, 'a NUL in Host is 400');
refused("GET /api/v1/he\talth HTTP/1.1\r\n$H\r\n", 400, 'a raw tab in the path is 400');
refused("GET /api/v1/he alth HTTP/1.1\r\n$H\r\n", 400, 'a space in the path is 400');
refused("GET  /api/v1/health HTTP/1.1\r\n$H\r\n", 400, 'two spaces before the path are 400');
refused("GET /api/v1/he%0D%0Aalth HTTP/1.1\r\n$H\r\n", 400, 'an encoded CR LF in the path is 400');
refused("GET /children/%091 HTTP/1.1\r\n$H" . "Accept: text/html\r\n\r\n", 400,
        'an encoded tab in the path is 400, an HTML page for a browser', html => 1);
refused("GET /login HTTP/1.1\r\n$H" . "Accept: text/html\r\nX-Note: one\r\n two\r\n\r\n", 400,
        'a browser gets the HTML error page for a refused head', html => 1);

# What must still be served: a tab inside a value, empty values, a query.
$out = $srv->raw("GET /api/v1/health?a=b%20c HTTP/1.1\r\n$H" . "X-Note: a\tb \r\nX-Empty:\r\nX-Blank:  \r\n" .
                 "Cookie: a=b; c=d\r\nConnection: close\r\n\r\n");
like($out, qr{^HTTP/1\.1 200}, 'a tab inside a value, empty values, cookies and a query are served');
# A refused request behind a served one on the same connection: the first is
# answered, the second refused, and nothing after it is read.
($out, my $closed) = $srv->raw("$health" . "GET /api/v1/health HTTP/1.1\r\n$H" . "X-Note : a\r\n\r\n$health");
like($out, qr{^HTTP/1\.1 200 .*HTTP/1\.1 400 }s, 'pipelined: served, then refused');
is(count_responses($out), 2, '... and the request after the refused one gets no answer');
ok($closed, '... the connection is closed');

# libmicrohttpd 0.9.75 still answers a few malformed heads itself, before any
# callback of the server sees them: a header line without a colon (which a
# NUL in a name or a bare LF in a value followed by no colon make), a bare
# LF in the request line, a malformed or overflowing Content-Length, a
# malformed chunked body, an unknown HTTP version, a head over the memory
# limit.  Refused, closed, one status line -- but not yet in the shape.
for my $case (["a header line without a colon", "GET /api/v1/health HTTP/1.1\r\n$H" . "X-Note\r\n\r\n"],
              ["a NUL in a header name", "GET /api/v1/health HTTP/1.1\r\n$H" . "X-No\0te: a\r\n\r\n"],
              ["a bare LF in the path", "GET /api/v1/he\nalth HTTP/1.1\r\n$H\r\n"]) {
    my ($what, $bytes) = @$case;
    my ($got, $shut) = $srv->raw($bytes);
    like($got, qr{^HTTP/1\.1 400 }, "$what is 400");
    is(count_responses($got), 1, '... one status line');
    ok($shut, '... the connection is closed');
    TODO: {
        local $TODO = 'libmicrohttpd 0.9.75 answers this itself, in its own HTML';
        like($got, qr{^Content-Type: application/json}mi, '... in the error shape');
    }
}
($out, $closed) = $srv->raw("POST /api/v1/session HTTP/1.1\r\n$H" . "Content-Length: 4x\r\n\r\n");
like($out, qr{^HTTP/1\.1 400 }, 'a malformed Content-Length is 400');
ok($closed, '... the connection is closed');
TODO: {
    local $TODO = 'libmicrohttpd 0.9.75 answers a malformed Content-Length itself, its status line twice';
    is(count_responses($out), 1, '... one status line');
}

$out = $srv->raw("POST /api/v1/session HTTP/1.1\r\n$H" . "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
like($out, qr{^HTTP/1\.1 400}, 'a Transfer-Encoding other than chunked is 400');

refused("POST /api/v1/session HTTP/1.1\r\n$H" . "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n",
        413, 'a 2 MB body is refused with 413 before it is sent');

{   # A chunked body that grows past the limit is cut off too.
    my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $srv->port) or die;
    print $s "POST /api/v1/session HTTP/1.1\r\n$H" . "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    my $chunk = 'a' x 65536;
    for (1 .. 20) { last unless print $s sprintf("%x\r\n%s\r\n", length $chunk, $chunk) }
    print $s "0\r\n\r\n";
    local $/;
    my $resp = <$s> // '';
    like($resp, qr{^HTTP/1\.1 413}, 'a chunked body over 1 MiB is 413');
}

refused("BREW /api/v1/health HTTP/1.1\r\n$H\r\n", 405, 'an unknown method is refused with 405');

refused("GET /api/v1/he%00alth HTTP/1.1\r\n$H\r\n", 400, 'a NUL in the path is 400');
refused("GET /api/v1/%FF HTTP/1.1\r\n$H\r\n", 400, 'invalid UTF-8 in the path is 400');
$out = $srv->raw("GET /static/../Makefile HTTP/1.1\r\n$H\r\n");
unlike($out, qr/\bCC\b/, 'no path traversal out of static files');
refused("GET /login?next=%C3 HTTP/1.1\r\n$H" . "Accept: text/html\r\n\r\n", 400,
        'invalid UTF-8 in the query is 400, an HTML page for a browser', html => 1);
refused("GET /static/nothing-here.css HTTP/1.1\r\n$H" . "Accept: text/css,*/*;q=0.1\r\n\r\n", 404,
        'a missing static file is 404, the HTML error page, the connection kept', html => 1, open => 1);

# Keep-alive: two requests on one connection, both answered, no close.
$out = $srv->raw("GET /api/v1/health HTTP/1.1\r\n$H\r\nGET /api/v1/health HTTP/1.1\r\n$H" . "Connection: close\r\n\r\n");
is(count_responses($out), 2, 'keep-alive: two answers on one connection');
my ($first) = split /\r\n\r\n/, $out;
unlike($first, qr/Connection: close/i, '... the first does not close the connection');

# Security headers.
my $r = $srv->client->get('/api/v1/health');
like($r->{headers}{'content-security-policy'} // '', qr/default-src 'none'/, 'strict CSP');
is($r->{headers}{'x-content-type-options'}, 'nosniff', 'nosniff');
is($r->{headers}{'x-frame-options'}, 'DENY', 'no framing');
is($r->{headers}{'cache-control'}, 'no-store', 'answers are not cached');
# What wapiti's http_headers module asks of the pages (make security).
$r = $srv->client->get('/login');
like($r->{headers}{'strict-transport-security'} // '', qr/^max-age=31536000$/, 'HSTS for a year on pages');
is($r->{headers}{'x-xss-protection'}, '1; mode=block', 'old XSS filters block instead of editing');
is($r->{headers}{'x-frame-options'}, 'DENY', '... and pages cannot be framed');
$r = $srv->client->get('/static/app.css');
is($r->{status}, 200, 'static CSS is served');
like($r->{headers}{'content-type'}, qr{text/css}, '... as CSS');

# Slow drip: one header byte a second is cut off, others are served meanwhile.
{
    my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $srv->port) or die;
    $s->autoflush(1);
    my $req = "GET /api/v1/health HTTP/1.1\r\n$H" . ("X-Drip: " . ('a' x 40) . "\r\n") . "\r\n";
    my $t0 = time;
    my $closed_at;
    my $served = 0;
    for my $i (0 .. length($req) - 1) {
        local $SIG{PIPE} = 'IGNORE';
        my $ok = syswrite($s, substr($req, $i, 1));
        if (!$ok) { $closed_at = time - $t0; last }
        $served++ if $srv->client->get('/api/v1/health')->{status} == 200;
        sleep 1;
        last if time - $t0 > 16;
    }
    unless (defined $closed_at) {
        # A write into a half-closed socket may still succeed once; reading tells.
        $s->blocking(0);
        my $n = sysread($s, my $buf, 100);
        $closed_at = time - $t0 if defined $n && $n == 0;
    }
    ok(defined $closed_at && $closed_at < 15, 'a slow-drip client is disconnected within 15 s')
        or diag("closed_at=" . ($closed_at // 'never'));
    ok($served >= 5, "other clients were served meanwhile ($served)");
}

# A client that sends part of a request and closes its side is let go at
# once: the server closes too, without waiting for the header or request
# timeout (10 s, 30 s).  Data and end of stream arrive together, which the
# epoll loop of libmicrohttpd 0.9.75 used to miss.
for my $case (["part of a request head", "GET /api/v1/health HTTP/1.1\r\n$H"],
              ["a head without its body", "POST /api/v1/session HTTP/1.1\r\n$H" .
                   "Content-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"a\""]) {
    my ($what, $bytes) = @$case;
    my $slowest = 0;
    for (1 .. 10) {
        my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $srv->port) or die;
        syswrite($s, $bytes);
        shutdown($s, 1);
        my $t0 = time;
        $s->blocking(0);
        while (time - $t0 < 3) {
            my $n = sysread($s, my $buf, 65536);
            last if defined $n && $n == 0;
            last if !defined $n && !$!{EAGAIN} && !$!{EWOULDBLOCK};
            sleep 0.01 unless defined $n;
        }
        $slowest = time - $t0 if time - $t0 > $slowest;
        close $s;
    }
    ok($slowest < 2, "a client closing after $what is let go at once")
        or diag(sprintf("slowest close %.1f s", $slowest));
}

is($srv->stop, 0, 'graceful stop');
done_testing;
