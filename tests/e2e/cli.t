#!/usr/bin/perl
# cli.t - the majakka command: help, init, user add, check, backup, deadline.
use strict;
use warnings;
use Test::More;
use File::Temp qw(tempdir);
use MajakkaServer;

my $bin = $MajakkaServer::BIN;
my $dir = tempdir('majakka-cli-XXXXXX', TMPDIR => 1, CLEANUP => 1);
sub run { my $cmd = shift; my $out = `$cmd 2>&1`; return ($? >> 8, $out) }

for my $sub ('serve', 'init', 'demo', 'user add', 'check', 'backup', 'deadline', 'generate') {
    my ($rc, $out) = run("$bin $sub --help");
    is($rc, 0, "$sub --help exits 0");
    like($out, qr/usage: majakka \Q$sub\E/, "$sub --help shows usage");
}
my ($rc, $out) = run("$bin frobnicate");
is($rc, 2, 'an unknown command exits 2');

($rc, $out) = run("$bin init --db $dir/a.db --organisation 'Testin hyvinvointialue'");
is($rc, 0, 'init creates a database');
($rc, $out) = run("$bin init --db $dir/a.db");
is($rc, 1, 'init refuses an existing file');
like($out, qr/already exists/, '... and says so');
is(`sqlite3 $dir/a.db 'SELECT count(*) FROM account'` + 0, 0, 'a fresh database has no accounts (no default password)');
# The binary's migrations are exactly the tree's schema/*.sql: a file removed
# from schema/ must not linger in a binary built before (Makefile: schema.list).
my @files = map { (split m{/})[-1] } sort glob('schema/*.sql');
my @applied = split /\n/, `sqlite3 $dir/a.db 'SELECT name FROM schema_migrations ORDER BY name'`;
is("@applied", "@files", 'init applies exactly the migrations in schema/');

($rc, $out) = run("echo short | $bin user add --db $dir/a.db --username eka --name 'Eka Admin' --role admin");
is($rc, 2, 'user add refuses a short password');
like($out, qr/too_short/, '... saying why');
($rc, $out) = run("echo 'pitkä salasana 2026' | $bin user add --db $dir/a.db --username eka --name 'Eka Admin' --role admin");
is($rc, 0, 'user add reads the password from stdin') or diag $out;
($rc, $out) = run("echo 'pitkä salasana 2026' | $bin user add --db $dir/a.db --username eka --name 'Toka' --role admin");
is($rc, 1, 'a taken username is refused');
like($out, qr/already in use/, '... with a message');
like(`sqlite3 $dir/a.db "SELECT password_hash FROM account WHERE username='eka'"`, qr/^\$argon2id\$/, 'the password is stored as argon2id');

($rc, $out) = run("$bin demo --db $dir/d.db");
is($rc, 0, 'demo creates the demo organisation');
like($out, qr/sanna/, '... and lists the logins');
{
    # README's demo-user table and the logins the demo prints are the same list, in the same order.
    open(my $fh, '<', 'README.md') or die "README.md: $!";
    my ($in, @readme) = (0);
    while (<$fh>) {
        $in = 1 if /^## Demo logins/;
        last if $in && /^## / && !/^## Demo logins/;
        push @readme, $1 if $in && /^\| `(\w+)` \|/;
    }
    my @printed = $out =~ /^  (\w+) /mg;
    ok(scalar(@readme) >= 20, 'README lists the demo users') or diag "@readme";
    is("@printed", "@readme", '... and the demo prints exactly those logins, in README order');
}
($rc, $out) = run("$bin check --db $dir/d.db");
is($rc, 0, 'check passes on the demo database') or diag $out;
like($out, qr/integrity: ok/, '... integrity ok');

($rc, $out) = run("$bin backup --db $dir/d.db --to $dir/b.db");
is($rc, 0, 'backup writes a copy');
($rc, $out) = run("$bin check --db $dir/b.db");
is($rc, 0, 'check accepts the backup') or diag $out;
ok(-f "$dir/b.db.audit-checkpoints" && -f "$dir/b.db.audit-key.pub" && !-e "$dir/b.db.audit-key",
   '... which has the checkpoints and the public key beside it, not the secret key');
($rc, $out) = run("$bin backup --db $dir/d.db --to $dir/b.db");
is($rc, 1, 'backup refuses to overwrite');

# A tampered access log is found.
my $srv = MajakkaServer->new;
my $c = $srv->client;
$c->login('sanna');
$c->login('sanna', 'wrong-wrong-wrong');
$srv->stop;
my $db = $srv->db;
($rc, $out) = run("$bin check --db $db");
is($rc, 0, 'check passes after real traffic') or diag $out;
# The failed login's row (the demo's own rows come before it).
my $failed = `sqlite3 $db "SELECT id FROM access_log WHERE outcome <> 'allowed' ORDER BY id LIMIT 1"` + 0;
system('sqlite3', $db, "DROP TRIGGER access_log_no_update; UPDATE access_log SET outcome = 'allowed' WHERE id = $failed;");
($rc, $out) = run("$bin check --db $db");
is($rc, 1, 'check fails on a rewritten log row');
like($out, qr/BROKEN at row $failed\b/, '... naming the row');

($rc, $out) = run("$bin deadline 2026-11-30");
is($rc, 0, 'deadline answers');
like($out, qr/^decision_due 2026-12-09$/m, 'decision due on the 7th working day (30.11.2026 -> 9.12.2026)');
like($out, qr/^assessment_due 2027-03-01$/m, 'assessment due 3 months later, Sunday 28.2. moved to Monday');
($rc, $out) = run("$bin deadline 2026-02-30");
is($rc, 2, 'an impossible date is refused');
like($out, qr/YYYY-MM-DD/, '... saying the format');

($rc, $out) = run("$bin report over-cap --db $dir/d.db");
is($rc, 0, 'report over-cap runs');
like($out, qr/Ville Karjalainen\s+social_worker\s+31/, '... and lists ville with 31 children');
like($out, qr/over-cap: 1 rows/, '... and only him');
($rc, $out) = run("$bin report due --db $dir/d.db --count");
like($out, qr/^overdue: [1-9]\d*$/m, 'report due counts the overdue clocks of the demo');
system("cp $dir/d.db $dir/old.db && sqlite3 $dir/old.db \"DELETE FROM schema_migrations WHERE name = '006_open_clocks.sql';"
    . " DROP INDEX notification_decision_open_case; DROP INDEX notification_assessment_open_case\"") == 0 or die;
($rc, $out) = run("$bin report due --db $dir/old.db --count");
is($rc, 1, 'report on a database of an older schema exits 1');
like($out, qr/older schema.*majakka serve --db \Q$dir\E\/old\.db/, '... and says how to migrate it');

($rc, $out) = run("$bin serve --db $dir/missing.db");
is($rc, 1, 'serve refuses a missing database');
like($out, qr/majakka init/, '... and tells how to create one');
($rc, $out) = run("$bin serve --help");
like($out, qr/--trusted-proxy ADDR\[\/BITS\]\]\.\.\..*X-Forwarded-For/s, 'serve --help explains --trusted-proxy');
for my $bad ('nginx.local', '127.0.0.1/33', '10.0.0.0/') {
    ($rc, $out) = run("$bin serve --db $dir/d.db --trusted-proxy $bad");
    is($rc, 2, "serve refuses --trusted-proxy $bad");
    like($out, qr/--trusted-proxy must be an IPv4 or IPv6 address/, '... saying what it must be');
}

# A second server on a port already served must fail, not share the port
# (with SO_REUSEPORT the kernel split connections between both).
{
    use IO::Socket::INET;
    my $busy = IO::Socket::INET->new(Listen => 5, LocalAddr => '127.0.0.1', LocalPort => 0, ReuseAddr => 1, ReusePort => 1) or die;  # as the old server did
    my $port = $busy->sockport;
    ($rc, $out) = run("timeout 10 $bin serve --db $dir/d.db --listen 127.0.0.1:$port");
    is($rc, 1, 'serve on a port already in use exits 1');
    like($out, qr/cannot listen on 127\.0\.0\.1:$port: Address already in use/, '... saying so');
}
# serve re-executes itself once with a deeper malloc cache.
{
    local $ENV{GLIBC_TUNABLES};
    delete $ENV{GLIBC_TUNABLES};
    open my $srv, '-|', "$bin serve --db $dir/d.db --listen 127.0.0.1:0 2>/dev/null" or die;
    my $line = <$srv>;
    like($line // '', qr/serving on/, 'serve starts after re-executing itself');
    my ($pid) = grep { (readlink("/proc/$_/exe") // '') =~ /majakka$/ && `cat /proc/$_/cmdline` =~ /\Q$dir\E\/d\.db/ }
        map { m{/proc/(\d+)$} ? $1 : () } glob '/proc/[0-9]*';
    my $env = $pid ? do { local $/; open my $f, '<', "/proc/$pid/environ"; <$f> } : '';
    like($env, qr/GLIBC_TUNABLES=glibc\.malloc\.tcache_count=1000\0/, '... with the tcache tunable');
    like($env, qr/MAJAKKA_MALLOC_TUNED=1/, '... once');
    kill 'TERM', $pid if $pid;
    close $srv;
}
done_testing;
