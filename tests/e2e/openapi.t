#!/usr/bin/perl
# openapi.t - every /api/ route of the route table is in the OpenAPI
# document the server serves; a missing route fails by name.
use strict;
use warnings;
use Test::More;
use MajakkaServer;

my $srv = MajakkaServer->new;
my $r = $srv->client->get('/api/v1/openapi.json');
is($r->{status}, 200, 'the OpenAPI document is served without login');
my $doc = $r->{data};
ok($doc, '... and parses as JSON');
like($doc->{openapi} // '', qr/^3\.1\./, '... OpenAPI 3.1');

my @routes = `$MajakkaServer::BIN routes`;
ok(@routes >= 10, 'the route table lists the API routes');
for my $line (@routes) {
    chomp $line;
    my ($method, $path) = split / /, $line;
    ok($doc->{paths}{$path} && $doc->{paths}{$path}{lc $method}, "documented: $method $path");
}
# And nothing documented that does not exist.
my %have = map { chomp; my ($m, $p) = split / /; ("$m $p" => 1) } @routes;
for my $p (sort keys %{ $doc->{paths} }) {
    for my $m (sort keys %{ $doc->{paths}{$p} }) {
        ok($have{ uc($m) . " $p" }, "implemented: " . uc($m) . " $p");
    }
}
done_testing;
