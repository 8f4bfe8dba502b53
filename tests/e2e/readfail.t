#!/usr/bin/perl
# readfail.t - a page whose data cannot be read answers an error and the
# server keeps serving: on a fresh server, so that the page's statements are
# prepared for the first time after the failure began (a failed prepare once
# left a garbage statement pointer and crashed the server).
use strict;
use warnings;
use Test::More;
use MajakkaServer;

my $srv = MajakkaServer->new;
my $c = $srv->client;
$c->login('sanna', 'majakka-demo');
my $child = $c->get('/api/v1/children')->{data}{children}[0]{child_id};
ok($child, 'sanna has a child to open');

# An index a child-page query names, gone before any child page was opened.
$srv->sql("DROP INDEX case_member_page");
for my $try (1 .. 4) {  # each of the server's threads, more than once
    my $r = $c->get("/children/$child", headers => { Accept => 'text/html' });
    is($r->{status}, 503, "child page $try: 503 (try again), not a page without its team");
    next if $try > 1;
    like($r->{content}, qr/<p>Yrit\S+ hetken kuluttua uudelleen\./, '... its page says what to do');
    my $said = () = $r->{content} =~ /Palvelu ei ole juuri nyt k/g;
    is($said, 2, '... and what happened once, as title and heading (not a third time as the text)');
}
my $r = $c->get("/api/v1/children/$child");
is($r->{status}, 503, 'the API answer too');
is($r->{data}{error}{code}, 'unavailable', '... saying so');
is($c->get('/api/v1/me')->{status}, 200, 'the server keeps serving other requests');

$srv->sql("CREATE INDEX case_member_page ON case_member(case_id, to_date IS NOT NULL,"
    . " CASE role WHEN 'responsible' THEN 0 WHEN 'pair' THEN 1 ELSE 2 END, from_date DESC, id DESC)");
is($c->get("/children/$child", headers => { Accept => 'text/html' })->{status}, 200, 'the page is back once it can be read');
is($srv->stop, 0, 'graceful stop');
done_testing;
