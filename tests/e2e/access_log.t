#!/usr/bin/perl
# access_log.t - a person's access log, through the API and the page: every
# action, basis, outcome and denial reason in words of the reader's language
# (fi, sv, en) with the stable codes kept in the JSON; newest first; paging
# on the row id (before, limit, next) without gaps or repeats; the filters
# (from, to, who); and a filter that cannot be read refused with 422, the
# message next to its field (docs/VIEWS.md, "Forms").
use strict;
use warnings;
use utf8;
use Test::More;
use JSON::PP;
use Time::Local qw(timegm);
use POSIX qw(strftime tzset);
use MajakkaServer;

# The server's local calendar is Europe/Helsinki unless TZ says otherwise
# (main.c); this test's days must be the same, or the hours after Helsinki's
# midnight fall on another day here (a run at 22:30 UTC failed so).
BEGIN { $ENV{TZ} //= 'Europe/Helsinki' }
tzset();
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

# The catalog as the server merges it: i18n/LANG.json and the modules'
# i18n/LANG/*.json.
my %cat = map {
    my $lang = $_;
    my %m;
    for my $file ("i18n/$lang.json", sort glob("i18n/$lang/*.json")) {
        open my $f, '<:raw', $file or die "$file: $!";
        local $/;
        %m = (%m, %{ JSON::PP->new->utf8->decode(<$f>) });
    }
    ($lang => \%m);
} qw(fi sv en);
my %accept = (fi => 'fi-FI,fi;q=0.9', sv => 'sv-SE,sv;q=0.9', en => 'en-GB,en;q=0.9');

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(sanna paula)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
my $child = $srv->sql("SELECT c.child_id FROM case_member m JOIN account a ON a.id = m.account_id"
    . " JOIN child_case c ON c.id = m.case_id JOIN team t ON t.id = c.team_id"
    . " WHERE a.username = 'katja' AND m.to_date IS NULL AND t.name = 'MAJAKKA' ORDER BY c.id LIMIT 1");
ok($child, "a MAJAKKA child of sanna's team ($child)");
my $hetu = $srv->sql("SELECT hetu FROM person WHERE id = $child");

# Traffic to log: sanna reads the child, paula is refused and finds it by search.
is($c{sanna}->get("/api/v1/children/$child")->{status}, 200, "sanna reads the child ($_)") for 1 .. 6;
is($c{paula}->get("/api/v1/children/$child")->{status}, 403, 'paula is refused');
is($c{paula}->get("/api/v1/persons?q=$hetu")->{status}, 200, '... and finds that the code matched someone');

my $base = "/api/v1/persons/$child/access-log";
sub api { my ($q, $lang) = @_; $c{sanna}->get($base . ($q // ''), $lang ? (headers => { 'Accept-Language' => $accept{$lang} }) : ()) }
sub page { my ($q, $lang) = @_;
    my $r = $c{sanna}->get("/persons/$child/access-log" . ($q // ''),
                           headers => { Accept => 'text/html', 'Accept-Language' => $accept{$lang // 'fi'} });
    my $t = $r->{content} // ''; utf8::decode($t); $r->{text} = $t; $r }
sub ids { map { $_->{id} } @{ $_[0]{data}{entries} // [] } }

# --- words, not codes ------------------------------------------------------------------
for my $lang (qw(fi sv en)) {
    my $r = api('?limit=200', $lang);
    is($r->{status}, 200, "$lang: the log");
    my @e = @{ $r->{data}{entries} };
    my %seen = map { ("$_->{action}/$_->{basis}/$_->{outcome}" => 1) } @e;
    ok(exists $seen{'read/own_team/allowed'} && exists $seen{'read/none/denied'} && exists $seen{'search_match/existence_only/allowed'}, "$lang: ... keeps the codes (" . join(' ', sort keys %seen) . ')');
    my @bad = grep { ($_->{action_label} // '') ne ($cat{$lang}{"action.$_->{action}"} // "\0")
                     || ($_->{basis_label} // '') ne ($cat{$lang}{"basis.$_->{basis}"} // "\0")
                     || ($_->{outcome_label} // '') ne ($cat{$lang}{"outcome.$_->{outcome}"} // "\0") } @e;
    is(scalar @bad, 0, "$lang: ... every action, basis and outcome labelled from the catalog")
        or diag(join ', ', map { "$_->{action}/$_->{basis}/$_->{outcome}" } @bad);
    my ($den) = grep { $_->{outcome} eq 'denied' } @e;
    (my $words = $cat{$lang}{'reason.not_on_team'}) =~ s/^– //;
    is($den->{reason}, 'not_on_team', "$lang: ... the refusal keeps its reason code");
    is($den->{reason_label}, $words, "$lang: ... and says it in words: $words");
    my $p = page('', $lang);
    is($p->{status}, 200, "$lang: the page");
    like($p->{text}, qr/\Q$cat{$lang}{'action.read'}\E/, "$lang: ... shows the action in words ($cat{$lang}{'action.read'})");
    like($p->{text}, qr/\Q$cat{$lang}{'outcome.denied'}\E.*\Q$words\E/s, "$lang: ... and the refusal with its reason");
    my @cells = $p->{text} =~ /<td[^>]*>([^<]*)<\/td>/g;
    my @codes = grep { /^(?:read|search|search_match|read_access_log|allowed|denied|not_on_team|own_team|none|existence_only)$/ } @cells;
    is(scalar @codes, 0, "$lang: ... no raw code in a cell") or diag("@codes");
}

# --- newest first, paging --------------------------------------------------------------
my @first = ids(api('?limit=200'));
ok(@first >= 10, 'enough rows to page through (' . scalar(@first) . ')');
is_deeply([@first], [sort { $b <=> $a } @first], 'newest first (ids falling)');
my (@paged, $next);
my $pages = 0;
my $q = '?limit=3';
while (1) {
    my $r = api($q);
    is($r->{status}, 200, "page " . ($pages + 1)) or last;
    my @p = ids($r);
    ok(@p <= 3 && @p >= 1, "... shows 1 to 3 rows (" . scalar(@p) . ')');
    is($r->{data}{limit}, 3, '... says its limit');
    push @paged, @p;
    $pages++;
    $next = $r->{data}{next};
    last unless defined $next;
    is($next, $p[-1], '... next is the last row shown');
    $q = "?limit=3&before=$next";
    last if $pages > 100;
}
my @all = grep { $_ <= $paged[0] } ids(api('?limit=200'));
is_deeply(\@paged, \@all, "the $pages pages together are the whole log, no gap, no repeat");
my %once; $once{$_}++ for @paged;
is(scalar(grep { $once{$_} > 1 } keys %once), 0, '... each row once');
my $r = api('');
is($r->{data}{limit}, 50, 'the default limit is 50');
ok(scalar(@{ $r->{data}{entries} }) <= 50, '... at most 50 rows');

my $p = page('?limit=2');
my ($href) = $p->{text} =~ /<a href="([^"]*before=\d+[^"]*)" rel="next">/;
ok($href, "the page links to the older entries ($href)");
like($href // '', qr{^/persons/$child/access-log\?limit=2&amp;before=\d+$}, '... keeping the limit');
my ($b) = ($href // '') =~ /before=(\d+)/;
$p = page("?limit=2&before=$b");
like($p->{text}, qr/href="\/persons\/$child\/access-log\?limit=2"/, '... and an older page links back to the newest');

# --- filters ---------------------------------------------------------------------------
$r = api('?who=paula&limit=200');
my @pe = @{ $r->{data}{entries} };
is(scalar(grep { $_->{username} ne 'paula' } @pe), 0, "who=paula: only paula's rows");
is(scalar @pe, $srv->sql("SELECT count(*) FROM access_log WHERE person_id = $child AND username = 'paula'"), '... all of them');
$r = api('?who=nobody');
is(scalar @{ $r->{data}{entries} }, 0, 'who=nobody: no rows');
is($r->{data}{next}, undef, '... and no next page');
like(page('?who=nobody', 'en')->{text}, qr/\Q$cat{en}{'access_log.empty'}\E/, '... the page says no entry matches');
like(page('?who=paula')->{text}, qr/<input id="who" name="who" value="paula"/, 'the form keeps the filter it shows');

# Dates are days of the local calendar, both ends inclusive.  Each reading
# of the log adds its own row (today), so a filtered reading is compared
# with a full reading just before it, plus that row.
sub local_day { my ($y, $m, $d, $H, $M, $S) = $_[0] =~ /(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)Z/;
                strftime('%Y-%m-%d', localtime timegm($S, $M, $H, $d, $m - 1, $y)) }
sub day_add { my ($y, $m, $d) = split /-/, $_[0]; strftime('%Y-%m-%d', gmtime(timegm(0, 0, 12, $d, $m - 1, $y) + 86400 * $_[1])) }
sub matching { my ($keep) = @_; scalar(grep { $keep->(local_day($_->{at})) } @{ api('?limit=200')->{data}{entries} }) + 1 }
my $day = local_day(api('?limit=1')->{data}{entries}[0]{at});
my ($tomorrow, $yesterday) = (day_add($day, 1), day_add($day, -1));
my $want = matching(sub { $_[0] eq $day });
is(scalar(@{ api("?from=$day&to=$day&limit=200")->{data}{entries} }), $want, "from=to=$day: that day's rows ($want)");
$want = matching(sub { $_[0] ge $day });
is(scalar(@{ api("?from=$day&limit=200")->{data}{entries} }), $want, "from=$day alone ($want)");
$want = matching(sub { $_[0] le $day });
is(scalar(@{ api("?to=$day&limit=200")->{data}{entries} }), $want, "to=$day includes the whole day ($want)");
is(scalar(@{ api("?from=$tomorrow")->{data}{entries} }), 0, "from=$tomorrow: nothing yet");
is(scalar(@{ api("?to=$yesterday")->{data}{entries} }), 0, "to=$yesterday: nothing before the demo");
is(scalar(@{ api("?from=$day&to=$day&who=paula&limit=200")->{data}{entries} }), scalar(@pe), 'the filters combine');

# --- refused filters --------------------------------------------------------------------
my @bad = (
    ['?from=2026-02-30', 'from', 'invalid_date'],
    ['?from=5.12.2026', 'from', 'invalid_date'],
    ['?to=tomorrow', 'to', 'invalid_date'],
    ["?from=$tomorrow&to=$day", 'to', 'before_from'],
    ['?limit=0', 'limit', 'out_of_range'],
    ['?limit=201', 'limit', 'out_of_range'],
    ['?limit=ten', 'limit', 'not_integer'],
    ['?before=-1', 'before', 'invalid_number'],
    ['?who=' . ('x' x 70), 'who', 'too_long'],
);
for my $t (@bad) {
    my ($qs, $field, $reason) = @$t;
    my $r = api($qs, 'en');
    is($r->{status}, 422, "$qs: 422");
    is_deeply([@{ $r->{data}{error} // {} }{qw(code field reason)}], ['invalid', $field, $reason], "... invalid $field: $reason");
}
$r = api("?from=$tomorrow&to=$day", 'sv');
is($r->{data}{error}{message}, "$cat{sv}{'field.to'} $cat{sv}{'reason.before_from'}", '... the message in the language asked for (sv)');
ok(exists $r->{data}{error}{detail}, '... the English sentence as detail');

$p = page("?from=$tomorrow&to=$day&who=paula", 'fi');
my $msg = "$cat{fi}{'field.to'} $cat{fi}{'reason.before_from'}";
is($p->{status}, 422, 'the page: from after to comes back (422)');
unlike($p->{text}, qr/class="error-page"/, '... not the error page');
like($p->{text}, qr/<p id="to-err" class="field-error">\Q$msg\E<\/p>/, "... the message next to the field: $msg");
like($p->{text}, qr/<input id="to" name="to" type="date" value="\Q$day\E" aria-invalid="true" aria-describedby="to-err" autofocus>/,
     '... the field kept, marked and focused');
like($p->{text}, qr/<input id="from" name="from" type="date" value="\Q$tomorrow\E">/, '... the other fields as typed');
like($p->{text}, qr/<input id="who" name="who" value="paula"/, '... the user too');
like($p->{text}, qr/role="alert" id="form-summary">.*<a href="#to">\Q$msg\E<\/a>/s, '... the summary links to it');
$p = page('?before=abc', 'en');
is($p->{status}, 422, 'a broken cursor: 422');
like($p->{text}, qr/id="form-summary">.*\Q$cat{en}{'field.before'}\E/s, '... told in the summary');

done_testing;
