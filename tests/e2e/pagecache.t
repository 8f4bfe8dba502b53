#!/usr/bin/perl
# pagecache.t - the child page is kept in memory (view/pagecache.h) and
# served again only while nothing it shows or decides has changed: each
# check reads a page a few times, changes something (through the API or
# behind the server's back with sqlite3), and reads it once more.  Every
# read, from memory or not, writes its access-log entry.
use strict;
use warnings;
use utf8;
use Test::More;
binmode(Test::More->builder->$_, ":utf8") for qw(output failure_output todo_output);
use MajakkaServer;

my $srv = MajakkaServer->new;
my $sanna_id = $srv->sql("SELECT id FROM account WHERE username = 'sanna'");
my $child = $srv->sql("SELECT c.child_id FROM child_case c JOIN case_member m ON m.case_id = c.id"
    . " WHERE m.account_id = $sanna_id AND m.role = 'responsible' AND m.to_date IS NULL ORDER BY c.id LIMIT 1");
my $first = $srv->sql("SELECT first_names FROM person WHERE id = $child");
ok($child && $first, "sanna's child $child ($first)");

my $s = $srv->client;
is($s->login('sanna')->{status}, 201, 'sanna logs in');
my $logged = sub { $srv->sql("SELECT count(*) FROM access_log WHERE username = 'sanna' AND person_id = $child AND action = 'read'") };
use Encode qw(decode);
my $page = sub {
    my $r = $s->get("/children/$child", @_);
    is($r->{status}, 200, 'the child page answers');
    return decode('UTF-8', $r->{content} // '');
};

# --- the same page again, and its access-log entries --------------------------
my $before = $logged->();
my @p = map { $page->() } 1 .. 3;
ok($p[0] eq $p[1] && $p[1] eq $p[2], 'read three times, the page is the same');
is($logged->() - $before, 3, '... and each read wrote its access-log entry');
like($p[2], qr/\Q$first\E/, '... naming the child');

# --- served from memory: a change that does not move the content generation ----
# With the person table's trigger gone, a rename written by another process is
# not seen until the generation moves: proof that the page came from memory.
$srv->sql("DROP TRIGGER content_gen_person_update");
$srv->sql("UPDATE person SET first_names = 'Välimuisti' WHERE id = $child");
unlike($page->(), qr/Välimuisti/, 'a change that moves no generation is not seen: the page is from memory');
$srv->sql("UPDATE content_generation SET n = n + 1");
like($page->(), qr/Välimuisti/, '... once the content generation moves, the next read builds the page anew');
$srv->sql("CREATE TRIGGER content_gen_person_update AFTER UPDATE ON person"
    . " BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END");

# --- a change behind the server's back, with the triggers in place ----------------
$page->() for 1 .. 2;
$srv->sql("UPDATE person SET first_names = 'Takaovi' WHERE id = $child");
like($page->(), qr/Takaovi/, 'a rename written by sqlite3 is on the very next page');
$srv->sql("UPDATE person SET first_names = '$first' WHERE id = $child");
like($page->(), qr/\Q$first\E/, '... and so is renaming back');

# --- a change through the API ------------------------------------------------------
$page->() for 1 .. 2;
my $r = $s->post("/api/v1/children/$child/journal",
                 json => { entry_date => '2026-11-02', kind => 'phone_call', text => 'Soitto välimuistin jälkeen' });
is($r->{status}, 201, 'sanna writes a journal entry') or diag($r->{content});
like($page->(), qr/Soitto välimuistin jälkeen/, '... and the next page shows it');

# --- the genogram's picture: drawn once, drawn anew after a change -----------------------
my $svg = sub { my $r = $s->get("/api/v1/children/$child/genogram.svg"); is($r->{status}, 200, 'the genogram answers');
                is($r->{headers}{'cache-control'} // '', 'no-store', '... once not to be kept by the browser');
                decode('UTF-8', $r->{content} // '') };
my @g = map { $svg->() } 1 .. 2;
is($g[0], $g[1], 'the genogram drawn twice is the same picture');
$before = $logged->();
$svg->();
is($logged->() - $before, 1, '... and a picture from memory writes its access-log entry too');
$r = $s->post("/api/v1/children/$child/genogram/persons", json => { name => 'Muistitäti', sex => 'female' });
is($r->{status}, 201, 'sanna adds an aunt to the genogram');
like($svg->(), qr/Muistitäti/, '... and the next picture has her');

# --- language, format and the htmx part are pages of their own ----------------------
my $fi = $page->();
my $sv = $page->(headers => { Cookie => 'lang=sv' });
like($fi, qr/<html[^>]* lang="fi"/, 'the page in Finnish');
like($sv, qr/<html[^>]* lang="sv"/, '... and, asked in Swedish, in Swedish');
my $j = $s->get("/children/$child", headers => { Accept => 'application/json' });
like($j->{headers}{'content-type'}, qr{application/json}, 'the same address as JSON is JSON');
my $h = $s->get("/children/$child", headers => { 'HX-Request' => 'true' });
unlike($h->{content}, qr/<html/, '... and for htmx the page without its layout');
like($page->(), qr/<html/, '... while the whole page stays whole');

# --- another session of the same worker: its own token in its forms --------------------
my $s2 = $srv->client;
is($s2->login('sanna')->{status}, 201, 'sanna logs in a second time');
my ($t1) = $page->() =~ /name="csrf" value="([^"]+)"/;
my ($t2) = (decode('UTF-8', $s2->get("/children/$child")->{content} // '')) =~ /name="csrf" value="([^"]+)"/;
ok($t1 && $t2 && $t1 ne $t2, 'each session\'s page carries its own form token');
is($t1, $s->csrf, '... the first session\'s own');
is($t2, $s2->csrf, '... and the second\'s own');

# --- an access change ----------------------------------------------------------------
$page->() for 1 .. 2;
my $case = $srv->sql("SELECT id FROM child_case WHERE child_id = $child");
my $team = $srv->sql("SELECT team_id FROM child_case WHERE id = $case");
$srv->sql("UPDATE case_member SET to_date = '2001-01-01' WHERE case_id = $case AND account_id = $sanna_id");
$srv->sql("DELETE FROM team_member WHERE account_id = $sanna_id AND team_id = $team");
is($s->get("/children/$child")->{status}, 403, 'taken off the child\'s team and the team, her next read is refused');
is($s->get("/api/v1/children/$child")->{status}, 403, '... as JSON too');

# --- logout ---------------------------------------------------------------------------
is($s2->get("/children/$child")->{status}, 403, 'her other session is refused as well');
is($s2->delete('/api/v1/session')->{status}, 200, 'the second session logs out');
my $after = $s2->get("/children/$child");
is($after->{status}, 303, 'after logout the page is not served ...');
like($after->{headers}{location} // '', qr{^/login}, '... but the login asked for');

is($srv->stop, 0, 'server stopped gracefully');
done_testing;
