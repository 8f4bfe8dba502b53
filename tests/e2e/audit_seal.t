#!/usr/bin/perl
# audit_seal.t - the access log against someone who can write the database
# file: signed checkpoints outside it (written while serving and at stop),
# `majakka check` naming each kind of tampering on a copy of a demo
# database, and signed exports verified without the database.
#
# Tampering uses the sqlite3 CLI; a chain is recomputed as a forger would,
# with b2sum (coreutils) for BLAKE2b-256.
use strict;
use warnings;
use Test::More;
use File::Copy qw(copy);
use File::Path qw(make_path);
use File::Temp qw(tempdir);
use HTTP::Tiny;
use POSIX qw(strftime);
use Time::HiRes qw(sleep);
use MajakkaServer;

my $bin = $MajakkaServer::BIN;
my $dir = tempdir('majakka-seal-XXXXXX', TMPDIR => 1, CLEANUP => 1);
sub run { my $cmd = shift; my $out = `$cmd 2>&1`; return ($? >> 8, $out) }
sub slurp { my $f = shift; open my $h, '<:raw', $f or return ''; local $/; my $t = <$h>; return $t // '' }
sub spew { my ($f, $t) = @_; open my $h, '>:raw', $f or die "$f: $!"; print $h $t; close $h or die }
sub sql {
    my ($db, $q) = @_;
    open my $p, '-|:raw', 'sqlite3', $db, $q or die;
    local $/;
    my $o = <$p> // '';
    close $p;
    die "sqlite3 failed on $q" if $?;
    $o =~ s/\s+\z//;
    return $o;
}
my $update_trigger = "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log\n"
    . "BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;";
my $delete_trigger = "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log\n"
    . "BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;";

for my $sub ('audit', 'audit export', 'audit verify') {
    my ($rc, $out) = run("$bin $sub --help");
    is($rc, 0, "$sub --help exits 0");
    like($out, qr/usage: majakka \Q$sub\E/, "$sub --help shows usage");
}
like(`$bin --help`, qr/audit\s+export/, 'the command list names audit export');

# ---- checkpoints while serving and at stop ---------------------------------
my $srv = MajakkaServer->new(args => ['--audit-interval', '1']);
my $db = $srv->db;
my $cps = "$db.audit-checkpoints";
is(sprintf('%04o', (stat "$db.audit-key")[2] & 07777), '0600', 'demo creates the audit key with mode 0600');
like(slurp("$db.audit-key.pub"), qr/^majakka-audit-public-key-ed25519 [0-9a-f]{64}\n\z/, '... and its public key file');
my @l = split /\n/, slurp($cps);
is(scalar @l, 1, 'demo writes the first checkpoint');
like($l[0], qr/^majakka-audit-checkpoint v1 seq=\d+ hash=[0-9a-f]{64} at=\S+Z key=[0-9a-f]{16} sig=[0-9a-f]{128}$/,
     '... sealing the demo\'s log');

my $c = $srv->client;
is($c->login('sanna')->{status}, 201, 'sanna logs in');
is($c->get('/api/v1/children')->{status}, 200, '... and lists her children');
$c->login('sanna', 'wrong-wrong-wrong');
my $rows = sql($db, 'SELECT max(id) FROM access_log');
ok($rows >= 3, "the traffic wrote access-log rows ($rows)");
my $sealed = 0;
for (1 .. 40) {
    ($sealed) = slurp($cps) =~ /.*seq=(\d+)/s;
    last if $sealed == $rows;
    sleep 0.1;
}
is($sealed, $rows, 'while serving, a checkpoint seals the new rows within the interval');
$c->login('kaisa');
$c->login('sanna', 'wrong-again-wrong');
is($srv->stop, 0, 'graceful stop');
$rows = sql($db, 'SELECT max(id) FROM access_log');
my $head = sql($db, "SELECT hash FROM access_log WHERE id = $rows");
like(slurp($cps), qr/seq=\Q$rows\E hash=\Q$head\E [^\n]*\n\z/, 'at stop, the last checkpoint seals the head of the chain');
my ($rc, $out) = run("$bin check --db $db");
is($rc, 0, 'check passes') or diag $out;
like($out, qr/^access log: ok, $rows rows, hash chain verified$/m, '... the chain');
like($out, qr/^append-only triggers: ok$/m, '... the triggers');
like($out, qr/^checkpoints: ok, \d+ signed by key [0-9a-f]{16} match the log; the last seals row $rows /m, '... the checkpoints');
ok($rows >= 6, "enough rows to tamper with ($rows)");

# ---- tampering, each on a fresh copy ----------------------------------------
my $n = 0;
sub copy_db {
    my $d = "$dir/case" . ++$n;
    make_path($d);
    for my $s ('', '-wal', '.audit-checkpoints', '.audit-key', '.audit-key.pub') {
        next if $s eq '-wal' && !-e "$db$s";
        copy("$db$s", "$d/db.sqlite$s") or die "copy $db$s: $!";
    }
    chmod 0600, "$d/db.sqlite.audit-key";
    return "$d/db.sqlite";
}
sub check { my $d = shift; return run("$bin check --db $d @_") }

# The chain from row $from on, recomputed as a forger with the file would.
sub b2 {
    my $t = shift;
    my $f = "$dir/b2.txt";
    spew($f, $t);
    my ($h) = `b2sum -l 256 $f` =~ /^([0-9a-f]{64})/ or die 'b2sum failed';
    return $h;
}
my $sep_out = sub {
    my ($d, $q) = @_;
    open my $p, '-|:raw', 'sqlite3', '-separator', "\x1f", '-newline', "\x1e", $d, $q or die;
    local $/;
    my $o = <$p> // '';
    close $p;
    return map { [ split /\x1f/, $_, -1 ] } grep { length } split /\x1e/, $o;
};
sub recompute {
    my ($d, $from) = @_;
    my @r = $sep_out->($d, 'SELECT id, at, coalesce(account_id, 0), username, role, action, object_type,'
        . ' coalesce(object_id, 0), coalesce(person_id, 0), coalesce(case_id, 0), basis, reason, outcome, ip, hash'
        . ' FROM access_log ORDER BY id');
    my $prev = '0' x 64;
    my @set;
    for my $r (@r) {
        my ($id, @f) = @$r;
        my $stored = pop @f;
        if ($id < $from) { $prev = $stored; next }
        my $h = b2(join "\x1f", $prev, @f);
        push @set, "UPDATE access_log SET prev_hash = '$prev', hash = '$h' WHERE id = $id;";
        $prev = $h;
    }
    return @set;
}

{
    my $d = copy_db();
    my @set = recompute($d, 1);
    is(scalar(grep { /hash = '(\w+)' WHERE id = (\d+)/ && $1 eq sql($d, "SELECT hash FROM access_log WHERE id = $2") } @set),
       $rows, 'recomputing the chain by hand gives the stored hashes (the forger\'s tool works)');
}

# 1. The last rows deleted (triggers dropped and put back as they were).
{
    my $d = copy_db();
    my $keep = $rows - 3;
    sql($d, "DROP TRIGGER access_log_no_delete; DELETE FROM access_log WHERE id > $keep; $delete_trigger");
    ($rc, $out) = check($d);
    is($rc, 1, 'deleted tail: check fails');
    like($out, qr/^access log: TRUNCATED: \S+ line \d+ \(\S+\) seals row $rows, but the log ends at row $keep: rows \d+-$rows are gone$/m,
         '... saying TRUNCATED, which checkpoint and where the log ends') or diag $out;
    like($out, qr/^access log: ok, $keep rows, hash chain verified$/m, '... though the chain alone verifies');
    like($out, qr/^append-only triggers: ok$/m, '... and the triggers are back');

    # The server goes on and new rows take the ids of the cut ones, a
    # second or more after the checkpoint that sealed the old ones.
    sleep 1.1;
    my $s = MajakkaServer::spawn(bin => $bin, db => $d, dir => $dir);
    my $http = HTTP::Tiny->new(timeout => 10);
    $http->post("http://127.0.0.1:$s->{port}/api/v1/session", { headers => { 'Content-Type' => 'application/json' },
                content => '{"username":"sanna","password":"wrong-wrong-wrong"}' }) for 1 .. 4;
    is(MajakkaServer::terminate($s->{pid}), 0, '... a server started on it stops cleanly');
    like(slurp("$dir/server.log"), qr/seals access-log row \d+, which is gone: the log was cut/,
         '... after logging at start that the log was cut');
    ($rc, $out) = check($d);
    ok(sql($d, 'SELECT max(id) FROM access_log') >= $rows, '... and its new rows took the cut ids');
    is($rc, 1, 'deleted tail refilled: check fails');
    like($out, qr/^access log: TRUNCATED: .* seals row \d+ with hash \w+\.\.\., but row \d+ was written later \(/m,
         '... saying the tail was cut off and new rows took the ids') or diag $out;
}

# 2. A row rewritten and the chain recomputed after it.
{
    my $d = copy_db();
    my $id = 2;
    sql($d, "DROP TRIGGER access_log_no_update; UPDATE access_log SET outcome = 'allowed', username = 'someone' WHERE id = $id;");
    sql($d, join(' ', recompute($d, $id), $update_trigger));
    ($rc, $out) = check($d);
    is($rc, 1, 'rewritten row, chain recomputed: check fails');
    like($out, qr/^access log: ok, $rows rows, hash chain verified$/m, '... though the chain alone verifies');
    like($out, qr/^access log: REWRITTEN: \S+ line \d+ \(\S+\) seals row (\d+) with hash \w+\.\.\., the log has \w+\.\.\. there: a row in (\d+)-\1 was changed/m,
         '... saying REWRITTEN and the rows it lies in') or diag $out;
    my ($lo, $hi) = $out =~ /a row in (\d+)-(\d+)/;
    ok(defined $lo && $lo <= $id && $id <= $hi, "... which include row $id");

    ($rc, $out) = run("$bin audit export --db $d --from 2000-01-01 --to 2100-01-01 --out $dir/refused.jsonl");
    is($rc, 1, '... and export refuses to sign it');
    like($out, qr/REWRITTEN.*\n.*fails its check.*nothing exported/s, '... saying why');
    ok(!-e "$dir/refused.jsonl", '... writing no file');
}

# 3. A row rewritten, hashes left as they were.
{
    my $d = copy_db();
    sql($d, "DROP TRIGGER access_log_no_update; UPDATE access_log SET username = 'x' || username WHERE id = 2; $update_trigger");
    ($rc, $out) = check($d);
    is($rc, 1, 'rewritten row: check fails');
    like($out, qr/^access log: BROKEN at row 2 \(\S+\): its content does not match its hash/m, '... saying BROKEN at row 2') or diag $out;
}

# 4. A row deleted from the middle and the chain recomputed over the gap.
{
    my $d = copy_db();
    sql($d, "DROP TRIGGER access_log_no_delete; DELETE FROM access_log WHERE id = 3; $delete_trigger");
    sql($d, join(' ', recompute($d, 4), $update_trigger) =~ s/^/DROP TRIGGER access_log_no_update; /r);
    ($rc, $out) = check($d);
    is($rc, 1, 'a row deleted from the middle: check fails');
    like($out, qr/^access log: GAP after row 2: rows 3-3 are missing$/m, '... saying GAP and which rows') or diag $out;
}

# 5. Append-only triggers dropped, or replaced by one that refuses nothing.
{
    my $d = copy_db();
    sql($d, 'DROP TRIGGER access_log_no_delete');
    ($rc, $out) = check($d);
    is($rc, 1, 'dropped trigger: check fails');
    like($out, qr/^access log: TRIGGER MISSING: access_log_no_delete was dropped: rows can be deleted$/m, '... naming it') or diag $out;
    $d = copy_db();
    sql($d, 'DROP TRIGGER access_log_no_update; CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT 1; END;');
    ($rc, $out) = check($d);
    is($rc, 1, 'a trigger replaced by one that allows updates: check fails');
    like($out, qr/^access log: TRIGGER CHANGED: access_log_no_update is not the schema's/m, '... naming it') or diag $out;
}

# 6. Checkpoints: a signature corrupted, a line edited, the file removed,
#    a line cut short by a crash, a key that is not the one that signed.
{
    my $d = copy_db();
    my $t = slurp("$d.audit-checkpoints");
    my @lines = split /\n/, $t;
    $lines[-1] =~ s/sig=(.)/'sig=' . ($1 eq 'a' ? 'b' : 'a')/e;
    spew("$d.audit-checkpoints", join("\n", @lines) . "\n");
    ($rc, $out) = check($d);
    is($rc, 1, 'corrupted checkpoint signature: check fails');
    my $ln = scalar @lines;
    like($out, qr/^access log: BAD SIGNATURE at \S+ line $ln \(seals row $rows\): the line was altered or not signed by key \w+$/m,
         '... naming the file line') or diag $out;

    $d = copy_db();
    @lines = split /\n/, slurp("$d.audit-checkpoints");
    $lines[-1] =~ s/seq=(\d+)/'seq=' . ($1 - 2)/e;
    spew("$d.audit-checkpoints", join("\n", @lines) . "\n");
    ($rc, $out) = check($d);
    is($rc, 1, 'a checkpoint edited to seal fewer rows: check fails');
    like($out, qr/BAD SIGNATURE at \S+ line $ln /, '... its signature no longer verifies');

    $d = copy_db();
    spew("$d.audit-checkpoints", "not a checkpoint\n" . slurp("$d.audit-checkpoints"));
    ($rc, $out) = check($d);
    is($rc, 1, 'a line that is not a checkpoint: check fails');
    like($out, qr/^access log: MALFORMED checkpoint at \S+ line 1: /m, '... saying MALFORMED');

    $d = copy_db();
    unlink "$d.audit-checkpoints";
    ($rc, $out) = check($d);
    is($rc, 1, 'checkpoint file removed: check fails');
    like($out, qr/^access log: UNSEALED: \S+ does not exist: no checkpoint seals any of the $rows rows$/m, '... saying UNSEALED');

    $d = copy_db();
    open my $f, '>>:raw', "$d.audit-checkpoints" or die;
    print $f 'majakka-audit-checkpoint v1 seq=99 hash=';
    close $f;
    ($rc, $out) = check($d);
    is($rc, 0, 'a last line cut short by a crash: check passes') or diag $out;
    like($out, qr/ends in an incomplete line .*: ignored/, '... and says it ignored it');

    my $other = "$dir/other";
    make_path($other);
    run("$bin demo --db $other/o.db");
    $d = copy_db();
    ($rc, $out) = check($d, "--public-key $other/o.db.audit-key.pub");
    is($rc, 1, 'checkpoints checked with another public key: check fails');
    like($out, qr/BAD SIGNATURE at \S+ line 1 \(seals row \d+\): it names key \w+, the public key given is \w+/, '... saying whose key');
}

# ---- keys and files ------------------------------------------------------
{
    my $d = copy_db();
    chmod 0644, "$d.audit-key";
    ($rc, $out) = run("timeout 10 $bin serve --db $d --listen 127.0.0.1:0");
    is($rc, 1, 'serve refuses an audit key others can read');
    like($out, qr/may be read by others \(mode 0644\): chmod 600 /, '... saying what to do');
    unlink "$d.audit-key";
    ($rc, $out) = run("timeout 10 $bin serve --db $d --listen 127.0.0.1:0");
    is($rc, 1, 'serve refuses to make a new key when checkpoints signed by the old one exist');
    like($out, qr/audit key \S+ is missing, but \S+ holds checkpoints/, '... saying so');
    ($rc, $out) = run("$bin init --db $dir/fresh.db --audit-checkpoints $d.audit-checkpoints");
    is($rc, 1, 'init refuses a checkpoint file that already holds checkpoints');
    ok(!-e "$dir/fresh.db", '... before creating the database');
    ($rc, $out) = run("$bin init --db $dir/fresh.db --audit-key $dir/keys.key --audit-checkpoints $dir/fresh.cps");
    is($rc, 0, 'init with --audit-key and --audit-checkpoints') or diag $out;
    ok(-f "$dir/keys.key" && -f "$dir/keys.key.pub" && -s "$dir/fresh.cps", '... puts the files there');
    ($rc, $out) = run("$bin check --db $dir/fresh.db --audit-key $dir/keys.key --audit-checkpoints $dir/fresh.cps");
    is($rc, 0, '... and check finds them there') or diag $out;
}

# ---- export and verify ---------------------------------------------------------
{
    my ($from, $to) = (strftime('%Y-%m-%d', gmtime(time - 86400)), strftime('%Y-%m-%d', gmtime(time + 86400)));
    my $x = "$dir/export.jsonl";
    ($rc, $out) = run("$bin audit export --db $db --from $from --to $to --out $x");
    is($rc, 0, 'audit export writes a file') or diag $out;
    like($out, qr/exported $rows rows \(ids 1-$rows\)/, '... of every row of the demo traffic');
    is(sprintf('%04o', (stat $x)[2] & 07777), '0600', '... readable by its owner only');
    my @x = split /\n/, slurp($x);
    is(scalar @x, $rows + 2, '... a header, one line a row, a trailer');
    like($x[0], qr/^\{"majakka_audit_export":1,"from":"\Q$from\E","to":"\Q$to\E",.*"head":\{"seq":$rows,"hash":"\Q$head\E"\}/,
         '... the header names the range and the chain head');
    like($x[1], qr/^\{"id":1,"at":"[^"]+",.*"prev_hash":"0{64}","hash":"[0-9a-f]{64}"\}$/, '... each row has its chain hash');
    like($x[-1], qr/^\{"trailer":"majakka-audit-export v1","rows":$rows,"digest":"[0-9a-f]{64}","key":"[0-9a-f]{16}","sig":"[0-9a-f]{128}"\}$/,
         '... the trailer is signed');

    # The auditor has the file and the public key, not the database.
    my $pub = "$dir/auditor.pub";
    copy("$db.audit-key.pub", $pub) or die;
    ($rc, $out) = run("$bin audit verify $x --public-key $pub");
    is($rc, 0, 'audit verify accepts the export') or diag $out;
    like($out, qr/^verified: $rows rows \(ids 1-$rows\) written \Q$from\E to \Q$to\E, exported \S+, signed by key \w+$/m, '... and says what it verified');
    ($rc, $out) = run("$bin audit verify - --public-key $pub < $x");
    is($rc, 0, '... also from standard input');
    ($rc, $out) = run("$bin audit export --db $db --from $from --to $to --out $x");
    is($rc, 1, 'export will not overwrite a file');

    my $bad = "$dir/bad.jsonl";
    my %tamper = (
        'a row changed' => sub { $_[0][2] =~ s/"username":"/"username":"x/ },
        'a row removed' => sub { splice @{ $_[0] }, 2, 1 },
        'the last row removed' => sub { splice @{ $_[0] }, -2, 1 },
        'rows added from elsewhere' => sub { splice @{ $_[0] }, 1, 0, $_[0][1] },
        'the header\'s range widened' => sub { $_[0][0] =~ s/"from":"[^"]+"/"from":"2000-01-01"/ },
        'the signature changed' => sub { $_[0][-1] =~ s/"sig":"(.)/'"sig":"' . ($1 eq 'a' ? 'b' : 'a')/e },
        'the trailer removed' => sub { pop @{ $_[0] } },
    );
    my %why = (
        'a row changed' => qr/line 3: row 2 does not match its hash/,
        'a row removed' => qr/line 3: row 3 where row 2 should be/,
        'the last row removed' => qr/signature does not verify/,
        'rows added from elsewhere' => qr/line 3: row 1 where row 2 should be/,
        'the header\'s range widened' => qr/signature does not verify/,
        'the signature changed' => qr/signature does not verify/,
        'the trailer removed' => qr/no signed trailer/,
    );
    for my $what (sort keys %tamper) {
        my @t = @x;
        $tamper{$what}->(\@t);
        spew($bad, join("\n", @t) . "\n");
        ($rc, $out) = run("$bin audit verify $bad --public-key $pub");
        is($rc, 1, "verify refuses an export with $what");
        like($out, qr/^FAILED: \S+: .*$why{$what}/m, '... saying what is wrong') or diag $out;
    }
    ($rc, $out) = run("$bin audit verify $x --public-key $dir/other/o.db.audit-key.pub");
    is($rc, 1, 'verify refuses an export with another organisation\'s public key');
    like($out, qr/signed by key \w+, not by the public key given/, '... saying so');

    ($rc, $out) = run("$bin audit export --db $db --from 2001-01-01 --to 2001-01-31 --out $dir/empty.jsonl");
    is($rc, 0, 'an export of days without rows') or diag $out;
    ($rc, $out) = run("$bin audit verify $dir/empty.jsonl --public-key $pub");
    is($rc, 0, '... verifies');
    like($out, qr/^verified: no rows written 2001-01-01 to 2001-01-31/m, '... as empty');
    ($rc, $out) = run("$bin audit export --db $db --from 2001-02-01 --to 2001-01-01");
    is($rc, 1, 'export refuses --from after --to');
}

done_testing;
