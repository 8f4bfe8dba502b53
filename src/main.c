/*
 * main.c - the majakka command: serve, init, demo, user add, check, backup,
 * deadline, routes.  Each subcommand answers --help.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "api/app.h"
#include "api/routes.h"
#include "audit/audit.h"
#include "auth/password.h"
#include "auth/proxy.h"
#include "core/log.h"
#include "core/str.h"
#include "core/workday.h"
#include "db/migrate.h"
#include "http/server.h"
#include "model/account.h"
#include "model/deadline.h"
#include "model/breakglass.h"
#include "model/demo.h"
#include "model/generate.h"
#include "model/caseteam.h"
#include "model/notification.h"
#include "core/clock.h"
#include "model/org.h"
#include "model/policy.h"

static int usage_main(FILE *f)
{
	fprintf(f,
		"usage: majakka COMMAND [OPTIONS]\n\n"
		"  serve     --db PATH [--listen ADDR:PORT] [--assets DIR]   serve HTTP\n"
		"  init      --db PATH [--organisation NAME]   create an empty database\n"
		"  demo      --db PATH                         create the demo organisation\n"
		"  user add  --db PATH --username U --name N --role R [--team T]...\n"
		"            (password read from standard input)\n"
		"  check     --db PATH                         verify database and access log\n"
		"  backup    --db PATH --to FILE               online backup\n"
		"  deadline  DATE                              legal clocks of a notification\n"
		"  routes                                      list the API routes\n"
		"  access-table                                the access policy as docs/ACCESS.md's tables\n"
		"  generate  --db PATH --scale county|nation   benchmark data\n"
		"  report    over-cap|due --db PATH            workers over the cap, clocks due\n\n"
		"Every command answers --help.\n");
	return f == stderr ? 2 : 0;
}

static bool want_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

static bool file_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

/* The directory holding templates/, static/, i18n/ and docs/: the checkout
 * the binary was built in (build/majakka -> ..), unless --assets says. */
static void default_assets(char *out, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char t[PATH_MAX + 32];

	if (len > 0) {
		exe[len] = 0;
		/* build/majakka or build/asan/majakka: look a few levels up. */
		for (int up = 0; up < 3; up++) {
			str_lcpy(exe, dirname(exe), sizeof(exe));
			snprintf(t, sizeof(t), "%s/templates", exe);
			if (file_exists(t)) {
				str_lcpy(out, exe, n);
				return;
			}
		}
	}
	str_lcpy(out, "/usr/share/majakka", n);
}

/* ---- serve ---------------------------------------------------------------- */

static int cmd_serve(int argc, char **argv)
{
	static struct option opts[] = {
		{ "db", required_argument, 0, 'd' }, { "listen", required_argument, 0, 'l' },
		{ "assets", required_argument, 0, 'a' }, { "threads", required_argument, 0, 't' },
		{ "break-glass-minutes", required_argument, 0, 'g' },
		{ "trusted-proxy", required_argument, 0, 'p' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
	const char *db = NULL, *listen = "127.0.0.1:8080";
	int64_t glass_minutes = BREAKGLASS_MINUTES;
	char assets[PATH_MAX], addr[64];
	struct http_config cfg;
	struct http_server *srv = NULL;
	struct proxy_list proxies = { 0 };
	struct app app;
	struct http_app hooks;
	sigset_t set;
	int c, sig, rc = 1;
	const char *colon;
	int64_t port, threads = 0;
	char htmx[PATH_MAX + 64];

	default_assets(assets, sizeof(assets));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'l': listen = optarg; break;
		case 'a': str_lcpy(assets, optarg, sizeof(assets)); break;
		case 't':
			if (str_to_i64(optarg, 1, 64, &threads)) {
				fprintf(stderr, "majakka serve: --threads must be 1-64\n");
				return 2;
			}
			break;
		case 'g':
			if (str_to_i64(optarg, 1, 24 * 60, &glass_minutes)) {
				fprintf(stderr, "majakka serve: --break-glass-minutes must be 1-1440\n");
				return 2;
			}
			break;
		case 'p':
			if (proxy_list_add(&proxies, optarg)) {
				fprintf(stderr, "majakka serve: --trusted-proxy must be an IPv4 or IPv6 address or"
						" ADDR/BITS (at most %d), e.g. 127.0.0.1\n", PROXY_MAX);
				return 2;
			}
			break;
		case 'h':
			printf("usage: majakka serve --db PATH [--listen ADDR:PORT] [--assets DIR] [--threads N]\n"
			       "                     [--break-glass-minutes N] [--trusted-proxy ADDR[/BITS]]...\n"
			       "Serve HTTP until SIGTERM or SIGINT, then finish in-flight writes and stop.\n"
			       "--listen defaults to 127.0.0.1:8080; port 0 picks a free port (printed).\n"
			       "--break-glass-minutes: how long a break-the-glass grant lets its worker read\n"
			       "  the child's case (default 30).\n"
			       "--trusted-proxy names a reverse proxy in front (nginx), repeatable: on its\n"
			       "  connections the client's address, for login limits and the access log, is\n"
			       "  the right-most X-Forwarded-For address that is not a trusted proxy.  From\n"
			       "  any other address X-Forwarded-For is ignored.  Without it the address is\n"
			       "  the connection's, e.g. 127.0.0.1 for every client behind a local nginx.\n");
			return 0;
		default: return 2;
		}
	}
	if (!db) {
		fprintf(stderr, "majakka serve: --db PATH is required\n");
		return 2;
	}
	if (!file_exists(db)) {
		fprintf(stderr, "majakka serve: %s does not exist; create it with `majakka init --db %s`"
				" or `majakka demo --db %s`\n", db, db, db);
		return 1;
	}
	colon = strrchr(listen, ':');
	if (!colon || (size_t)(colon - listen) >= sizeof(addr) || str_to_i64(colon + 1, 0, 65535, &port)) {
		fprintf(stderr, "majakka serve: --listen must be ADDR:PORT, e.g. 127.0.0.1:8080\n");
		return 2;
	}
	memcpy(addr, listen, (size_t)(colon - listen));
	addr[colon - listen] = 0;
	if (addr[0] == '[') {  /* [::1]:8080 */
		memmove(addr, addr + 1, strlen(addr));
		addr[strcspn(addr, "]")] = 0;
	}

	/* Signals are taken by sigwait in this thread only. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (auth_init() || app_init(&app, db, assets)) {
		fprintf(stderr, "majakka serve: cannot start (see the log above)\n");
		app_release(&app);
		return 1;
	}
	app.break_glass_minutes = (int)glass_minutes;
	app.proxies = proxies;
	http_config_defaults(&cfg);
	cfg.address = addr;
	cfg.port = (uint16_t)port;
	if (threads)
		cfg.threads = (unsigned)threads;
	char static_dir[PATH_MAX + 16];
	snprintf(static_dir, sizeof(static_dir), "%s/static", assets);
	snprintf(htmx, sizeof(htmx), "%s/node_modules/htmx.org/dist/htmx.min.js", assets);
	cfg.static_dir = static_dir;
	if (file_exists(htmx)) {
		cfg.extra_static[0] = "/static/htmx.min.js";
		cfg.extra_static[1] = htmx;
	} else {
		log_warn("htmx not found at %s: run `npm ci` (pages work without it, less lively)", htmx);
	}
	hooks.ctx = &app;
	hooks.dispatch = app_dispatch;
	hooks.commit = app_commit;
	hooks.release = app_request_release;
	if (http_server_start(&srv, &cfg, &hooks)) {
		fprintf(stderr, "majakka serve: cannot listen on %s\n", listen);
		app_release(&app);
		return 1;
	}
	printf("Majakka is serving on http://%s%s%s:%u/\n", strchr(addr, ':') ? "[" : "", addr,
	       strchr(addr, ':') ? "]" : "", http_server_port(srv));
	if (app.demo) {
		printf("Demo database: log in as one of these, password \"%s\":\n", DEMO_PASSWORD);
		for (int i = 0; demo_logins[i].username; i++)
			printf("  %-8s %s\n", demo_logins[i].username, demo_logins[i].what);
	}
	fflush(stdout);

	while (sigwait(&set, &sig) == 0 && sig != SIGINT && sig != SIGTERM)
		;
	log_info("signal %d: shutting down", sig);
	http_server_quiesce(srv);
	/* Answer what is in flight (its log writes commit), refuse the rest, then
	 * stop HTTP; only then the writer, which no request can reach any more. */
	app_begin_shutdown(&app, 10000);
	http_server_stop(srv);
	app_release(&app);
	rc = 0;
	return rc;
}

/* ---- init / demo ------------------------------------------------------------ */

static enum err create_db(const char *path, struct db **out)
{
	enum err e;
	if (file_exists(path)) {
		fprintf(stderr, "majakka: %s already exists; remove it or choose another path\n", path);
		return ERR_CONFLICT;
	}
	e = db_open(out, path, DB_CREATE);
	if (!e)
		e = migrate_up(*out, NULL);
	if (e)
		fprintf(stderr, "majakka: cannot create %s\n", path);
	return e;
}

static int cmd_init(int argc, char **argv)
{
	static struct option opts[] = {
		{ "db", required_argument, 0, 'd' }, { "organisation", required_argument, 0, 'o' },
		{ "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
	const char *path = NULL, *org = NULL;
	struct field_error fe = { 0 };
	struct db *db = NULL;
	int64_t id;
	int c;
	enum err e;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': path = optarg; break;
		case 'o': org = optarg; break;
		case 'h':
			printf("usage: majakka init --db PATH [--organisation NAME]\n"
			       "Create an empty database (no accounts, no default password).\n"
			       "Then add the first administrator with `majakka user add --role admin`.\n");
			return 0;
		default: return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "majakka init: --db PATH is required\n");
		return 2;
	}
	e = create_db(path, &db);
	if (!e && org) {
		e = org_create_county(db, org, &id, &fe);
		if (e)
			fprintf(stderr, "majakka init: --organisation: %s\n", fe.message);
	}
	db_close(db);
	if (!e)
		printf("created %s\n", path);
	return e ? 1 : 0;
}

static int cmd_demo(int argc, char **argv)
{
	const char *path = NULL;
	char hash[PASSWORD_HASH_MAX];
	struct db *db = NULL;
	enum err e;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--help")) {
			printf("usage: majakka demo --db PATH\n"
			       "Create a new database with the fictional demo organisation.\n"
			       "Every demo password is \"%s\"; pages show a DEMO banner.\n", DEMO_PASSWORD);
			return 0;
		} else {
			fprintf(stderr, "majakka demo: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "majakka demo: --db PATH is required\n");
		return 2;
	}
	if (auth_init())
		return 1;
	e = create_db(path, &db);
	if (!e)
		e = password_hash(DEMO_PASSWORD, hash) ? ERR_NOMEM : ERR_OK;
	if (!e)
		e = demo_create(db, hash);
	db_close(db);
	if (e) {
		fprintf(stderr, "majakka demo: failed (%s)\n", err_code(e));
		if (e != ERR_CONFLICT)
			unlink(path);
		return 1;
	}
	printf("created demo database %s; log in with password \"%s\" as:\n", path, DEMO_PASSWORD);
	for (int i = 0; demo_logins[i].username; i++)
		printf("  %-8s %s\n", demo_logins[i].username, demo_logins[i].what);
	return 0;
}

/* ---- user add ---------------------------------------------------------------- */

/* How many counties there are, and the id of one: user add takes the only one. */
struct county_count {
	int n;
	int64_t id;
};

static void county_count_cb(void *ctx, const struct county_row *c)
{
	struct county_count *cc = ctx;
	cc->n++;
	cc->id = c->id;
}

static int cmd_user(int argc, char **argv)
{
	static struct option opts[] = {
		{ "db", required_argument, 0, 'd' }, { "username", required_argument, 0, 'u' },
		{ "name", required_argument, 0, 'n' }, { "role", required_argument, 0, 'r' },
		{ "title", required_argument, 0, 'T' }, { "team", required_argument, 0, 't' },
		{ "organisation", required_argument, 0, 'o' }, { "area-id", required_argument, 0, 'a' },
		{ "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
	struct account_row r = { .active = true };
	struct field_error fe = { 0 };
	const char *path = NULL, *team_names[16];
	char pw[512], hash[PASSWORD_HASH_MAX];
	const char *why = NULL;
	int nteams = 0, c, rc = 1;
	struct db *db = NULL;
	enum err e;

	if (argc < 2 || strcmp(argv[1], "add")) {
		fprintf(stderr, "usage: majakka user add --db PATH --username U --name N --role R [--team T]...\n");
		return 2;
	}
	argc--;
	argv++;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': path = optarg; break;
		case 'u': str_lcpy(r.username, optarg, sizeof(r.username)); break;
		case 'n': str_lcpy(r.display_name, optarg, sizeof(r.display_name)); break;
		case 'r': str_lcpy(r.role, optarg, sizeof(r.role)); break;
		case 'T': str_lcpy(r.title, optarg, sizeof(r.title)); break;
		case 'o': str_lcpy(r.organisation, optarg, sizeof(r.organisation)); break;
		case 'a':
			if (str_to_i64(optarg, 1, INT64_MAX, &r.area_id)) {
				fprintf(stderr, "majakka user add: --area-id must be a positive number\n");
				return 2;
			}
			break;
		case 't':
			if (nteams == 16) {
				fprintf(stderr, "majakka user add: at most 16 --team\n");
				return 2;
			}
			team_names[nteams++] = optarg;
			break;
		case 'h':
			printf("usage: majakka user add --db PATH --username U --name \"Full Name\" --role ROLE\n"
			       "       [--title T] [--team TEAM]... [--organisation ORG] [--area-id N]\n"
			       "The password is read from standard input (one line), never from the command line.\n"
			       "Roles: social_worker social_counsellor family_worker family_therapist\n"
			       "       consulting_social_worker coordinator team_lead manager admin partner\n");
			return 0;
		default: return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "majakka user add: --db PATH is required\n");
		return 2;
	}
	if (!fgets(pw, sizeof(pw), stdin)) {
		fprintf(stderr, "majakka user add: give the password on standard input\n");
		return 2;
	}
	pw[strcspn(pw, "\r\n")] = 0;
	if (!password_policy_check(pw, &why)) {
		fprintf(stderr, "majakka user add: password rejected (%s): use 12-256 characters\n", why);
		return 2;
	}
	if (auth_init() || password_hash(pw, hash)) {
		fprintf(stderr, "majakka user add: cannot hash the password\n");
		return 1;
	}
	memset(pw, 0, sizeof(pw));
	if (db_open(&db, path, DB_READWRITE)) {
		fprintf(stderr, "majakka user add: cannot open %s\n", path);
		return 1;
	}
	e = migrate_up(db, NULL);
	/* The organisation: the only county in the database. */
	if (!e) {
		struct county_count cc = { 0 };
		e = org_list_counties(db, county_count_cb, &cc);
		r.county_id = cc.id;
		if (!e && cc.n != 1 && strcmp(r.role, "partner")) {
			fprintf(stderr, "majakka user add: the database has %s organisation; "
					"create it with `majakka init --organisation NAME`\n", cc.n ? "more than one" : "no");
			e = ERR_INVALID;
		}
	}
	if (!strcmp(r.role, "partner"))
		r.county_id = 0;
	if (!e)
		e = db_begin(db);
	if (!e) {
		e = account_create(db, &r, hash, &fe);
		if (e == ERR_INVALID || e == ERR_CONFLICT)
			fprintf(stderr, "majakka user add: %s\n", fe.message);
		/* The operator's bootstrap (the first leads and managers): the
		 * teams and the area given here need no approval. */
		if (!e && r.area_id && !strcmp(r.role, "manager"))
			e = account_approve_area(db, r.id, r.area_id);
		for (int i = 0; !e && i < nteams; i++) {
			int64_t tid = 0;
			e = org_find_team(db, r.county_id, team_names[i], &tid);
			if (!e && !tid) {
				fprintf(stderr, "majakka user add: no team named %s\n", team_names[i]);
				e = ERR_NOT_FOUND;
			}
			if (!e)
				e = account_add_team(db, r.id, tid, !strcmp(r.role, "team_lead"));
		}
		if (e)
			db_rollback(db);
		else
			e = db_commit(db);
	}
	if (!e) {
		printf("added %s (%s)\n", r.username, r.role);
		rc = 0;
	}
	db_close(db);
	return rc;
}

/* ---- check / backup ------------------------------------------------------------ */

static int cmd_check(int argc, char **argv)
{
	const char *path = NULL;
	struct db *db = NULL;
	char msg[256] = "";
	bool ok = false, current = false;
	int64_t bad = 0, rows = 0;
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--help")) {
			printf("usage: majakka check --db PATH\n"
			       "Check the database's integrity, its schema version, the access log's hash chain\n"
			       "and that the stored caseloads match a recount.\n"
			       "Exits 0 when all is well, 1 otherwise.\n");
			return 0;
		} else {
			fprintf(stderr, "majakka check: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "majakka check: --db PATH is required\n");
		return 2;
	}
	if (!file_exists(path) || db_open(&db, path, DB_READONLY)) {
		fprintf(stderr, "majakka check: cannot open %s\n", path);
		return 1;
	}
	if (auth_init())
		goto out;
	if (db_integrity(db, &ok, msg, sizeof(msg)) || !ok) {
		printf("integrity: FAILED %s\n", msg);
		goto out;
	}
	printf("integrity: ok\n");
	if (migrate_is_current(db, &current) || !current) {
		printf("schema: not current (run majakka serve or init to migrate)\n");
		goto out;
	}
	printf("schema: current\n");
	if (audit_verify(db, &bad, &rows)) {
		printf("access log: cannot read\n");
		goto out;
	}
	if (bad) {
		printf("access log: BROKEN at row %lld (%lld rows checked)\n", (long long)bad, (long long)rows);
		goto out;
	}
	printf("access log: ok, %lld rows, hash chain verified\n", (long long)rows);
	if (caseteam_verify_loads(db, &bad) || bad) {
		printf("caseloads: %lld workers' stored caseloads differ from a recount\n", (long long)bad);
		goto out;
	}
	printf("caseloads: ok, match a recount\n");
	rc = 0;
out:
	db_close(db);
	return rc;
}

static int cmd_backup(int argc, char **argv)
{
	const char *path = NULL, *to = NULL;
	struct db *db = NULL;
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--to") && i + 1 < argc)
			to = argv[++i];
		else if (!strcmp(argv[i], "--help")) {
			printf("usage: majakka backup --db PATH --to FILE\n"
			       "Copy a consistent snapshot of a live database to FILE (which must not exist).\n");
			return 0;
		} else {
			fprintf(stderr, "majakka backup: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	if (!path || !to) {
		fprintf(stderr, "majakka backup: --db PATH and --to FILE are required\n");
		return 2;
	}
	if (file_exists(to)) {
		fprintf(stderr, "majakka backup: %s already exists; choose a new file\n", to);
		return 1;
	}
	if (!file_exists(path) || db_open(&db, path, DB_READWRITE)) {
		fprintf(stderr, "majakka backup: cannot open %s\n", path);
		return 1;
	}
	if (db_backup(db, to) == ERR_OK) {
		printf("backed up %s to %s\n", path, to);
		rc = 0;
	} else {
		unlink(to);
		fprintf(stderr, "majakka backup: failed\n");
	}
	db_close(db);
	return rc;
}

/* ---- generate ------------------------------------------------------------------ */

static int64_t gen_t0;

static void gen_progress(const char *what, int64_t done)
{
	fprintf(stderr, "generate: %-10s %10lld  (%.1f s)\n", what, (long long)done,
		(double)(clock_mono_ms() - gen_t0) / 1000.0);
}

static int cmd_generate(int argc, char **argv)
{
	const char *path = NULL, *scale = "county";
	const struct generate_scale *s;
	struct generate_stats st;
	char hash[PASSWORD_HASH_MAX];
	struct db *db = NULL;
	enum err e;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = argv[++i];
		else if (!strcmp(argv[i], "--help")) {
			printf("usage: majakka generate --db PATH [--scale county|nation]\n"
			       "Create a new database with fictional benchmark data: county = 1 organisation,\n"
			       "60 social workers, 8,000 children (1,700 active), 10,000 notifications a year;\n"
			       "nation = 22 organisations, 1,200 social workers, 110,000 children, 215,000\n"
			       "notifications a year; five years of history and access-log rows.\n"
			       "Every account's password is \"%s\" (workers sw1, sw2, ...).\n", GENERATE_PASSWORD);
			return 0;
		} else {
			fprintf(stderr, "majakka generate: unknown argument %s\n", argv[i]);
			return 2;
		}
	}
	s = generate_scale_named(scale);
	if (!path || !s) {
		fprintf(stderr, "majakka generate: --db PATH is required and --scale is county or nation\n");
		return 2;
	}
	if (auth_init())
		return 1;
	gen_t0 = clock_mono_ms();
	e = create_db(path, &db);
	if (!e)
		e = password_hash(GENERATE_PASSWORD, hash) ? ERR_NOMEM : ERR_OK;
	if (!e)
		e = generate_data(db, s, hash, gen_progress, &st);
	db_close(db);
	if (e) {
		fprintf(stderr, "majakka generate: failed (%s)\n", err_code(e));
		if (e != ERR_CONFLICT)
			unlink(path);
		return 1;
	}
	printf("generated %s scale in %.1f s: %lld accounts, %lld persons, %lld cases, %lld notifications,"
	       " %lld journal entries, %lld access-log rows\n", s->name, (double)(clock_mono_ms() - gen_t0) / 1000.0,
	       (long long)st.accounts, (long long)st.persons, (long long)st.cases, (long long)st.notifications,
	       (long long)st.journal, (long long)st.access_log);
	return 0;
}

/* ---- report ------------------------------------------------------------------ */

struct report_acc {
	int64_t n, overdue;
	bool print;
};

static void over_cap_cb(void *ctx, const struct caseload_row *r)
{
	struct report_acc *a = ctx;
	a->n++;
	if (a->print)
		printf("%-40s %-26s %4d\n", r->name, r->role, r->children);
}

static void clock_cb(void *ctx, const struct clock_row *r)
{
	struct report_acc *a = ctx;
	a->n++;
	if (r->days_left < 0)
		a->overdue++;
	if (a->print)
		printf("%s %-10s %-40s %s\n", r->due, r->kind, r->child_name, r->team_name);
}

static int cmd_report(int argc, char **argv)
{
	const char *path = NULL, *what = argc > 1 ? argv[1] : "";
	struct report_acc acc = { 0, 0, true };
	struct db *db = NULL;
	int64_t t0;
	char until[11];
	enum err e;

	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--count"))
			acc.print = false;
	}
	if (!strcmp(what, "--help") || !path || (strcmp(what, "over-cap") && strcmp(what, "due"))) {
		printf("usage: majakka report over-cap|due --db PATH [--count]\n"
		       "over-cap: workers over the caseload cap in every organisation;\n"
		       "due: open legal clocks due within a week, and all overdue ones, in every organisation.\n"
		       "--count prints only the totals and the time taken.\n");
		return strcmp(what, "--help") ? 2 : 0;
	}
	if (db_open(&db, path, DB_READONLY)) {
		fprintf(stderr, "majakka report: cannot open %s\n", path);
		return 1;
	}
	{
		bool current = false;
		if (migrate_is_current(db, &current) || !current) {
			fprintf(stderr, "majakka report: %s has an older schema than this program; start "
				"`majakka serve --db %s` once (it migrates), then report again\n", path, path);
			db_close(db);
			return 1;
		}
	}
	t0 = clock_mono_ms();
	if (!strcmp(what, "over-cap")) {
		e = caseteam_over_cap(db, 0, caseteam_cap(db), over_cap_cb, &acc);
	} else {
		date_format(date_add_days(date_today(), 7), until);
		e = clocks_open(db, 0, 0, 0, until, clock_cb, &acc);
	}
	db_close(db);
	if (e) {
		fprintf(stderr, "majakka report: failed (%s)\n", err_code(e));
		return 1;
	}
	printf("%s: %lld rows%s in %lld ms\n", what, (long long)acc.n,
	       !strcmp(what, "due") ? (acc.overdue ? " (some overdue)" : "") : "", (long long)(clock_mono_ms() - t0));
	if (!strcmp(what, "due"))
		printf("overdue: %lld\n", (long long)acc.overdue);
	return 0;
}

/* ---- deadline / routes ------------------------------------------------------------ */

/* docs/ACCESS.md's tables, made from the policy itself. */
static int cmd_access_table(int argc, char **argv)
{
	static char table[1 << 16];
	if (want_help(argc, argv)) {
		printf("usage: majakka access-table\n"
		       "Print the access policy (audience x object x action -> fields) as the Markdown\n"
		       "tables of docs/ACCESS.md; a unit test checks the document against it.\n");
		return 0;
	}
	if (policy_table_markdown(table, sizeof(table)) >= sizeof(table))
		return 1;
	fputs(table, stdout);
	return 0;
}

static int cmd_deadline(int argc, char **argv)
{
	struct date r, dd, ad;
	char a[11], b[11];

	if (argc < 2 || !strcmp(argv[1], "--help")) {
		printf("usage: majakka deadline YYYY-MM-DD\n"
		       "Legal clocks of a child welfare notification received on that date:\n"
		       "decision_due  the 7th working day after receipt (Child Welfare Act 26 §)\n"
		       "assessment_due  3 months from receipt, moved to the next working day\n");
		return argc < 2 ? 2 : 0;
	}
	if (date_parse(argv[1], &r)) {
		fprintf(stderr, "majakka deadline: %s is not a valid date; use YYYY-MM-DD\n", argv[1]);
		return 2;
	}
	if (deadline_for_notification(r, &dd, &ad)) {
		fprintf(stderr, "majakka deadline: date out of range\n");
		return 2;
	}
	date_format(dd, a);
	date_format(ad, b);
	printf("decision_due %s\nassessment_due %s\n", a, b);
	return 0;
}

static int cmd_routes(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < routes_count; i++)
		if (!strncmp(routes[i].pattern, "/api/", 5))
			printf("%s %s\n", routes[i].method, routes[i].pattern);
	return 0;
}

/* The server builds and frees thousands of small view-model objects a
 * page; glibc's per-thread cache keeps 7 chunks a size by default, the rest
 * go through the slower bins (malloc_consolidate, unlink).  A deeper cache
 * saves ~10 % of a child page's instructions (scripts/profile.sh).  glibc
 * reads its tunables only at start, so serve re-executes itself once with
 * them added to whatever the administrator set; if that fails it simply
 * runs untuned. */
static void tune_malloc(char **argv)
{
	const char *old = getenv("GLIBC_TUNABLES");
	char v[1024];

	if (getenv("MAJAKKA_MALLOC_TUNED"))
		return;
	if (snprintf(v, sizeof(v), "%s%sglibc.malloc.tcache_count=1000", old ? old : "", old ? ":" : "") >=
	    (int)sizeof(v))
		return;
	setenv("MAJAKKA_MALLOC_TUNED", "1", 1);
	setenv("GLIBC_TUNABLES", v, 1);
	execvp(argv[0], argv);  /* as the shell found it (valgrind follows this, not /proc/self/exe) */
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	/* Dates and deadlines are Finnish dates unless the administrator says otherwise. */
	setenv("TZ", "Europe/Helsinki", 0);
	tzset();

	if (!cmd || !strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
		return usage_main(cmd ? stdout : stderr);
	(void)want_help;
	if (!strcmp(cmd, "serve")) {
		tune_malloc(argv);
		return cmd_serve(argc - 1, argv + 1);
	}
	if (!strcmp(cmd, "init")) return cmd_init(argc - 1, argv + 1);
	if (!strcmp(cmd, "demo")) return cmd_demo(argc - 1, argv + 1);
	if (!strcmp(cmd, "user")) return cmd_user(argc - 1, argv + 1);
	if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
	if (!strcmp(cmd, "backup")) return cmd_backup(argc - 1, argv + 1);
	if (!strcmp(cmd, "deadline")) return cmd_deadline(argc - 1, argv + 1);
	if (!strcmp(cmd, "routes")) return cmd_routes(argc - 1, argv + 1);
	if (!strcmp(cmd, "access-table")) return cmd_access_table(argc - 1, argv + 1);
	if (!strcmp(cmd, "generate")) return cmd_generate(argc - 1, argv + 1);
	if (!strcmp(cmd, "report")) return cmd_report(argc - 1, argv + 1);
	fprintf(stderr, "majakka: unknown command %s\n\n", cmd);
	return usage_main(stderr);
}
