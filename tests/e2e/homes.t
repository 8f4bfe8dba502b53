#!/usr/bin/perl
# homes.t - every demo user's home (/api/v1/my-work) has something to do
# (issue 13, "Home for every role"): a worker's week holds the clocks of the
# children whose team they sit on in any role (paula is the pair worker), a
# lead sees the led team's children and caseloads, an area manager her
# area's teams with who is over the cap, the administrator the access
# waiting for a decision and no client data.
use strict;
use warnings;
use utf8;
use Test::More;
use MajakkaServer;

my $srv = MajakkaServer->new;
my %home;
for my $u (qw(sanna teemu paula kaisa terhi kalle kirsi katja hanna ville raimo admin uusi)) {
    my $c = $srv->client;
    $c->login($u);
    my $r = $c->get('/api/v1/my-work', headers => { Accept => 'application/json' });
    is($r->{status}, 200, "$u: my-work answers");
    my $m = $home{$u} = $r->{data} // {};
    my @some = grep { ref $m->{$_} eq 'ARRAY' && @{ $m->{$_} } } qw(children cards grants my_pending unit_teams waiting);
    ok(@some, "$u: the home is not empty (" . join(', ', @some) . ')');
}

my $week = sub { my $k = $_[0]{clocks} // {}; [map { @{ $k->{$_} // [] } } qw(overdue today this_week)] };
ok(@{ $home{paula}{children} } > 0, 'paula (pair worker) lists her children');
ok(@{ $week->($home{paula}) } > 0, "... and their clocks are in her week");
my %hers = map { $_->{child_id} => 1 } @{ $home{paula}{children} };
ok(!grep({ !$hers{ $_->{child_id} } } @{ $week->($home{paula}) }), '... only clocks of the children listed');
ok(!exists $home{paula}{caseload}, '... and, a family worker responsible for none, has no caseload line');
# A caseload line only for roles that carry one (issue 13: a manager's "vastuulla 0 lasta / 30").
ok(!exists $home{$_}{caseload}, "$_ has no caseload line") for qw(kaisa teemu raimo);
ok(exists $home{sanna}{caseload}, 'sanna (social worker) has hers');

for my $u (qw(sanna hanna ville)) {
    my %kids = map { $_->{child_id} => 1 } @{ $home{$u}{children} };
    ok(!grep({ !$kids{ $_->{child_id} } } @{ $week->($home{$u}) }), "$u: the week names only listed children");
}

my ($maj) = grep { $_->{name} eq 'MAJAKKA' } @{ $home{teemu}{unit_teams} // [] };
ok($maj, 'teemu: his home shows MAJAKKA, the team he leads');
ok($maj && @{ $maj->{children} } > 0 && $maj->{open_cases} > 0, "... with its children ($maj->{open_cases} open cases)");
ok($maj && $maj->{workers} > 0, '... and its workers');
is(scalar @{ $home{teemu}{children} }, 0, '... he sits on no child\'s team himself');
ok(!$home{teemu}{show_mine}, '... so no empty "my children" is shown');

my %area = map { $_->{name} => $_ } @{ $home{kaisa}{unit_teams} // [] };
ok(scalar(keys %area) >= 2, 'kaisa: her area\'s teams (' . join(', ', sort keys %area) . ')');
ok($area{VINSSI} && $area{VINSSI}{has_over}, '... VINSSI is flagged over the cap');
ok($area{VINSSI} && grep({ $_->{name} =~ /Ville/ } @{ $area{VINSSI}{over} }), '... naming ville');
ok($home{kaisa}{any_over_cap}, '... and the page warns');
ok(!grep({ @{ $_->{children} } } values %area), '... as figures, not client rows');
ok(@{ $home{kaisa}{grants} } > 0, '... the access waiting for her decision');
ok(!$maj->{has_over}, 'MAJAKKA has nobody over the cap');
ok(@{ $home{raimo}{unit_teams} // [] } > 0, 'raimo: the foster-care teams of his area');

ok(@{ $home{admin}{waiting} } > 0, 'admin: the access waiting for a decision');
is($home{admin}{admin_counts}{waiting}, scalar @{ $home{admin}{waiting} }, '... counted');
is(scalar @{ $home{admin}{children} }, 0, '... and no client data');
ok(!exists $home{admin}{clocks} && !exists $home{admin}{unit_teams}, '... no clocks, no team children');
ok(@{ $home{katja}{children} } > 0, 'katja (partner): her children list stays');
ok(@{ $home{uusi}{my_pending} } > 0, 'uusi: his access waiting for approval');

# The HTML: the lead's and the manager's homes show no empty table.
for my $u (qw(teemu kaisa)) {
    my $c = $srv->client;
    $c->form_login($u);
    my $h = $c->get('/')->{content} // '';
    utf8::decode($h);
    unlike($h, qr/Et ole vielä yhdenkään lapsen tiimissä/, "$u: no \"not on any child's team\" on the home page");
    unlike($h, qr/<tbody>\s*<\/tbody>/, "$u: ... and no empty table");
}
my $c = $srv->client;
$c->form_login('kaisa');
my $h = $c->get('/')->{content} // '';
like($h, qr/class="over-cap"><td><a href="\/teams\/\d+">VINSSI/, 'kaisa: VINSSI\'s row is marked over the cap');
like($h, qr{href="/reports/break-glass"}, '... a link to the break-the-glass report');

is($srv->stop, 0, 'server stopped gracefully');
done_testing;
