#!/usr/bin/perl
# htmx.t - htmx is served in every way the server can be started (issue 13):
# from the checkout, from another working directory, and from an installed
# asset directory (--assets) that holds it as static/htmx.min.js without
# node_modules; the pages name it, and work without it.
use strict;
use warnings;
use Cwd qw(abs_path getcwd);
use File::Temp qw(tempdir);
use Test::More;
use MajakkaServer;

my $bin = abs_path($MajakkaServer::BIN);
my $top = getcwd();
sub htmx_ok {
    my ($srv, $what) = @_;
    my $c = $srv->client;
    my $r = $c->get('/static/htmx.min.js');
    is($r->{status}, 200, "$what: /static/htmx.min.js is served");
    like($r->{content} // '', qr/htmx/, '... and is htmx');
    like($r->{headers}{'content-type'} // '', qr/javascript/, '... as JavaScript');
    like($c->get('/login')->{content} // '', qr{<script src="/static/htmx\.min\.js" defer></script>}, '... the pages load it');
}

# 1. make run / build/majakka serve in the checkout.
htmx_ok(MajakkaServer->new, 'from the checkout');

# 2. The same binary started from another working directory.
{
    my $elsewhere = tempdir('majakka-cwd-XXXXXX', TMPDIR => 1, CLEANUP => 1);
    local $MajakkaServer::BIN = $bin;
    chdir $elsewhere or die;
    my $srv = MajakkaServer->new;
    chdir $top or die;
    htmx_ok($srv, 'from another working directory');
    $srv->stop;
}

# 3. An installed asset directory: templates, catalogs and static files, htmx
# among them, and no node_modules.
{
    my $inst = tempdir('majakka-assets-XXXXXX', TMPDIR => 1, CLEANUP => 1);
    system('cp', '-r', "$top/templates", "$top/i18n", "$top/static", "$top/docs", $inst) == 0 or die 'cp';
    system('cp', "$top/node_modules/htmx.org/dist/htmx.min.js", "$inst/static/") == 0 or die 'cp htmx';
    my $srv = MajakkaServer->new(args => ['--assets', $inst]);
    htmx_ok($srv, 'from an installed asset directory');
    unlike($srv->log, qr/htmx not found/, '... without a warning');
    $srv->stop;
    # Without htmx anywhere the server says so, and the pages still work.
    unlink "$inst/static/htmx.min.js";
    $srv = MajakkaServer->new(args => ['--assets', $inst]);
    like($srv->log, qr/htmx not found/, 'without htmx the server warns');
    my $c = $srv->client;
    is($c->form_login('sanna')->{status}, 303, '... and a user still logs in through the page');
    is($c->get('/')->{status}, 200, '... and sees her home');
    $srv->stop;
}

done_testing;
