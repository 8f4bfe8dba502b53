#!/usr/bin/perl
# genogram.t - the toolbox's genogram and timeline through the API and the
# pages: the data as JSON, the SVG well-formed with the child marked, the
# PNG, adding a person and a relation, ending and changing a relation, the
# family's event on the timeline and its filter; a partner on the child's
# team and a worker of another team refused (FIELD_TOOLBOX), every read and
# write in the access log; a form's error keeps what was typed.
use strict;
use warnings;
use utf8;
use Test::More;
use JSON::PP;
use MajakkaServer;
binmode(Test::More->builder->$_, ':encoding(UTF-8)') for qw(output failure_output todo_output);

my $srv = MajakkaServer->new;
my %c;
for my $u (qw(sanna katja paula)) {
    $c{$u} = $srv->client;
    is($c{$u}->login($u)->{status}, 201, "$u logs in");
}
# Oliver Nurmi: demo case 2, a demo genogram; katja sits on his child's team.
my $child = $srv->sql("SELECT child_id FROM child_case WHERE id = 2");
my $case = 2;
ok($srv->sql("SELECT count(*) FROM case_member m JOIN account a ON a.id = m.account_id WHERE a.username = 'katja'"
    . " AND m.case_id = $case AND m.to_date IS NULL"), 'katja is on the child\'s team');
sub logs { $srv->sql("SELECT count(*) FROM access_log WHERE case_id = $case AND $_[0]") }

# --- the data ------------------------------------------------------------------------------
my $before = logs("username = 'sanna' AND action = 'read' AND outcome = 'allowed'");
my $r = $c{sanna}->get("/api/v1/children/$child/genogram");
is($r->{status}, 200, 'the genogram as JSON');
my @p = @{ $r->{data}{persons} // [] };
my @rel = @{ $r->{data}{relations} // [] };
ok(@p >= 5 && @rel >= 8, 'the demo family: ' . scalar(@p) . ' persons, ' . scalar(@rel) . ' relations');
my ($idx) = grep { $_->{is_child} } @p;
is($idx->{person_id}, $child, 'the index person is the child, linked');
ok((grep { $_->{deceased} } @p), 'a deceased grandparent');
my ($div) = grep { $_->{kind} eq 'divorced' } @rel;
ok($div && $div->{replaces_id}, 'the divorce replaced the marriage, which ended') or diag explain \@rel;
my ($old) = grep { $_->{id} == ($div->{replaces_id} // 0) } @rel;
ok($old && $old->{ended} && $old->{kind} eq 'married', '... and the marriage is kept, ended');
is(logs("username = 'sanna' AND action = 'read' AND outcome = 'allowed'"), $before + 1, 'the read is in the access log');

# --- the pictures ------------------------------------------------------------------------------
$r = $c{sanna}->get("/api/v1/children/$child/genogram.svg");
is($r->{status}, 200, 'the SVG');
like($r->{headers}{'content-type'}, qr{^image/svg\+xml}, '... as image/svg+xml');
my $svg = $r->{content};
utf8::decode($svg);
like($svg, qr{^<svg xmlns="http://www.w3.org/2000/svg"[^>]* role="img"}, '... an svg root with role img');
like($svg, qr{<title id="genogram-title">[^<]+</title><desc id="genogram-desc">[^<]+</desc>}, '... a title and a description');
like($svg, qr{</svg>$}, '... closed');
# Well-formed by structure: every element closed or self-closed, nesting balanced.
my @stack; my $ok = 1;
while ($svg =~ m{<(/?)([a-z]+)[^>]*?(/?)>}g) {
    my ($close, $tag, $self) = ($1, $2, $3);
    next if $self;
    if ($close) { $ok = 0, last unless @stack && pop(@stack) eq $tag } else { push @stack, $tag }
}
ok($ok && !@stack, '... well-formed: tags balanced');
unlike($svg =~ s{<[^>]*>}{}gr, qr{[<>]}, '... no markup in texts');
like($svg, qr{font-weight="bold"[^>]*>\Q$idx->{name}\E</text>}, '... the child named in bold');
# The child's double line: two outlines at one place.
my ($rx) = $svg =~ m{<rect x="([\d.]+)"[^>]*fill="none"[^>]*stroke="#222222"} ;
ok(defined $rx, '... the child marked with an inner outline');
$r = $c{sanna}->get("/api/v1/children/$child/genogram.png");
is($r->{status}, 200, 'the PNG');
is(substr($r->{content}, 0, 8), "\x89PNG\r\n\x1a\n", '... is a PNG');

# --- refused: a partner without a consent, a worker of another team -------------------------------
for my $u (qw(katja paula)) {
    for my $path ("/api/v1/children/$child/genogram", "/api/v1/children/$child/genogram.svg",
                  "/api/v1/children/$child/genogram.png", "/api/v1/children/$child/timeline") {
        my $n = logs("username = '$u' AND outcome = 'denied'");
        is($c{$u}->get($path)->{status}, 403, "$u is refused $path");
        is(logs("username = '$u' AND outcome = 'denied'"), $n + 1, '... and the refusal is logged');
    }
    is($c{$u}->post("/api/v1/children/$child/genogram/persons", json => { name => 'X', sex => 'male' })->{status}, 403,
       "$u may not add a person");
}
is($srv->sql("SELECT count(*) FROM access_log WHERE username = 'katja' AND outcome = 'denied' AND action = 'read'"
   . " AND reason = 'field_not_permitted'"), 4, 'the partner\'s reads are refused for the field (no consent opens the toolbox)');
ok(!$srv->sql("SELECT count(*) FROM genogram_person WHERE name = 'X'"), 'nothing was written');

# --- writes -------------------------------------------------------------------------------------
my $w = logs("username = 'sanna' AND action = 'create' AND outcome = 'allowed'");
$r = $c{sanna}->post("/api/v1/children/$child/genogram/persons",
                     json => { name => 'Täti <Tuula>', sex => 'female', birth_year => '1990', note => 'äidin sisar' });
is($r->{status}, 201, 'sanna adds a person');
my $aunt = $r->{data}{id};
is(logs("username = 'sanna' AND action = 'create' AND outcome = 'allowed'"), $w + 1, '... logged with the write');
my ($mother) = grep { !$_->{is_child} && $_->{linked} && $_->{sex} eq 'female' } @p;
$r = $c{sanna}->post("/api/v1/children/$child/genogram/relations", json => { a_id => $aunt, b_id => $idx->{id}, kind => 'close' });
is($r->{status}, 201, 'sanna adds a close relation');
my $rel_id = $r->{data}{id};
$r = $c{sanna}->post("/api/v1/children/$child/genogram/relations", json => { a_id => $aunt, b_id => $aunt, kind => 'conflict' });
is($r->{status}, 422, 'a relation with oneself is refused');
is($r->{data}{error}{field}, 'b_id', '... naming b_id');
$r = $c{sanna}->post("/api/v1/children/$child/genogram/relations", json => { a_id => $aunt, b_id => $idx->{id}, kind => 'enemies' });
is($r->{data}{error}{field}, 'kind', 'an unknown kind is refused');
$r = $c{sanna}->post("/api/v1/children/$child/genogram/relations/$rel_id/end", json => { kind => 'distant' });
is($r->{status}, 200, 'the relation changes into a distant one');
ok($r->{data}{new_id}, '... as a new relation');
$r = $c{sanna}->post("/api/v1/children/$child/genogram/relations/$rel_id/end", json => {});
is($r->{status}, 422, 'an ended relation cannot end again');
$svg = $c{sanna}->get("/api/v1/children/$child/genogram.svg")->{content};
utf8::decode($svg);
like($svg, qr{>Täti &lt;Tuula&gt;</text>}, 'the new person is drawn, her name escaped');
my $other = $srv->sql("SELECT child_id FROM child_case WHERE id = 3");
my $op = $srv->sql("SELECT id FROM genogram_person WHERE case_id = 3 LIMIT 1");
$r = $c{sanna}->post("/api/v1/children/$child/genogram/relations", json => { a_id => $aunt, b_id => $op + 0, kind => 'close' });
is($r->{status}, 422, 'a person of another genogram is refused');

# --- the form keeps what was typed -----------------------------------------------------------------------
my $tok = $c{sanna}->page_csrf("/children/$child/genogram");
ok($tok, 'the genogram page has forms');
$r = $c{sanna}->request('POST', "/children/$child/genogram/persons", headers => { Accept => 'text/html' },
    form => [[csrf => $tok], [person_id => ''], [name => 'Serkku Sakari'], [sex => 'male'], [birth_year => '18'], [note => 'isän puolelta']]);
is($r->{status}, 422, 'a year that is no year comes back 422');
my $html = $r->{content}; utf8::decode($html);
like($html, qr{id="person-name" name="name" value="Serkku Sakari"}, '... the name kept');
like($html, qr{id="person-note" name="note" value="isän puolelta"}, '... the note kept');
like($html, qr{id="person-birth_year"[^>]*aria-invalid="true" aria-describedby="person-birth_year-err"}, '... the year marked');
like($html, qr{<p id="person-birth_year-err" class="field-error">Syntymävuosi [^<]+</p>}, '... its message in Finnish next to it');
like($html, qr{role="alert"[^>]*id="form-summary".*href="#person-birth_year"}s, '... and the summary links to it');
like($html, qr{<option value="male" selected>}, '... the sex kept');

# --- the timeline ------------------------------------------------------------------------------------------
$r = $c{sanna}->get("/api/v1/children/$child/timeline");
is($r->{status}, 200, 'the timeline');
my @ev = @{ $r->{data}{events} };
ok((grep { $_->{group} eq 'family' } @ev) >= 3, 'the family\'s events');
ok((grep { $_->{kind} eq 'case_opened' } @ev), 'the case opened');
ok((grep { $_->{kind} eq 'journal' && $_->{text} eq '' } @ev), 'journal entries as dates only');
is_deeply([map { $_->{date} } @ev], [sort map { $_->{date} } @ev], 'oldest first');
$r = $c{sanna}->get("/api/v1/children/$child/timeline?kind=family");
ok(@{ $r->{data}{events} } && !(grep { $_->{group} ne 'family' } @{ $r->{data}{events} }), 'kind=family keeps the family\'s');
$r = $c{sanna}->get("/api/v1/children/$child/timeline?kind=journal,phase");
ok(!(grep { $_->{kind} ne 'journal' && $_->{kind} ne 'phase' } @{ $r->{data}{events} }), 'kind=journal,phase keeps those');
is($c{sanna}->get("/api/v1/children/$child/timeline?kind=nonsense")->{status}, 422, 'an unknown kind is refused');
$r = $c{sanna}->post("/api/v1/children/$child/timeline", json => { event_date => '2020-02-02', kind => 'move', text => 'Muutto mummolaan' });
is($r->{status}, 201, 'the family\'s event added');
$r = $c{sanna}->get("/api/v1/children/$child/timeline.svg?kind=family");
like($r->{content}, qr{2020-02-02 Muutto mummolaan}, 'the timeline SVG shows it');
$r = $c{sanna}->post("/api/v1/children/$child/timeline", json => { event_date => '2999-01-01', kind => 'move', text => 'x' });
is($r->{data}{error}{field}, 'event_date', 'a future date is refused');
is($c{katja}->post("/api/v1/children/$child/timeline", json => { event_date => '2020-01-01', kind => 'move', text => 'x' })->{status},
   403, 'the partner may not add an event');

# --- the pages ---------------------------------------------------------------------------------------------
for my $p ("/children/$child/genogram", "/children/$child/timeline") {
    $r = $c{sanna}->get($p, headers => { Accept => 'text/html' });
    is($r->{status}, 200, "$p");
    like($r->{content}, qr{<svg [^>]*role="img"}, '... the picture inline');
}
like($c{sanna}->get("/children/$child", headers => { Accept => 'text/html' })->{content},
     qr{href="/children/$child/genogram"}, 'the child page links to the genogram');

done_testing;
