/*
 * main.c - the majakka command: serve, init, demo, user add, check, backup,
 * deadline, routes, audit export/verify.  Each subcommand answers --help.
 */
#include <errno.h>
#include <fcntl.h>
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
#include "audit/export.h"
#include "audit/seal.h"
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
		"  check     --db PATH                         verify database, access log, checkpoints\n"
		"  backup    --db PATH --to FILE               online backup\n"
		"  deadline  DATE                              legal clocks of a notification\n"
		"  routes                                      list the API routes\n"
		"  access-table                                the access policy as docs/ACCESS.md's tables\n"
		"  generate  --db PATH --scale county|nation   benchmark data\n"
		"  report    over-cap|due --db PATH            workers over the cap, clocks due\n"
		"  audit     export --db PATH --from DATE --to DATE [--out FILE]\n"
		"            verify FILE --public-key KEYFILE  signed access-log exports\n\n"
		"serve, init, demo and check take --audit-key PATH (default DB.audit-key) and\n"
		"--audit-checkpoints FILE (default DB.audit-checkpoints): see docs/SECURITY.md.\n"
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

/* ---- audit key and checkpoints -------------------------------------------- */

/* The paths of db's audit files; the message and exit status 2 when an
 * option's path is too long. */
static int audit_paths(struct seal_paths *p, const char *cmd, const char *db, const char *key, const char *cps)
{
	if (seal_paths_init(p, db, key, cps) == ERR_OK)
		return 0;
	fprintf(stderr, "majakka %s: an audit file path is too long\n", cmd);
	return 2;
}

/* The audit key: loaded, or created when there is none yet (*created).  A
 * missing key next to checkpoints is refused: the key that signed them is
 * lost or was removed, and a new one would hide that. */
static enum err audit_key_ready(const struct seal_paths *p, const char *cmd, struct seal_key *k, bool *created)
{
	char msg[PATH_MAX + 160];
	struct stat st;
	enum err e = seal_key_load(p->key, k, msg, sizeof(msg));

	*created = false;
	if (e != ERR_NOT_FOUND) {
		if (e)
			fprintf(stderr, "majakka %s: audit key: %s\n", cmd, msg);
		return e;
	}
	if (stat(p->checkpoints, &st) == 0 && st.st_size > 0) {
		fprintf(stderr, "majakka %s: the audit key %s is missing, but %s holds checkpoints signed with a key:"
			" restore that key, or give its path with --audit-key\n", cmd, p->key, p->checkpoints);
		return ERR_NOT_FOUND;
	}
	e = seal_key_create(p, k, msg, sizeof(msg));
	if (e)
		fprintf(stderr, "majakka %s: audit key: %s\n", cmd, msg);
	*created = !e;
	return e;
}

/* A new database must not inherit the checkpoints of an earlier one. */
static bool stale_checkpoints(const struct seal_paths *p, const char *cmd)
{
	struct stat st;
	if (stat(p->checkpoints, &st) != 0 || st.st_size == 0)
		return false;
	fprintf(stderr, "majakka %s: %s already holds checkpoints (of an earlier database?); remove it or give"
		" --audit-checkpoints FILE\n", cmd, p->checkpoints);
	return true;
}

/* The key of a new database, and its first checkpoint. */
static enum err audit_seal_new(struct db *db, const struct seal_paths *p, const char *cmd)
{
	struct seal_key k;
	bool created;
	enum err e = audit_key_ready(p, cmd, &k, &created);

	if (!e) {
		e = seal_now(db, &k, p->checkpoints, false, NULL);
		if (e)
			fprintf(stderr, "majakka %s: cannot write the first checkpoint to %s\n", cmd, p->checkpoints);
		else
			printf("audit key %s%s (public key %s, key id %s); checkpoints in %s\n", p->key,
			       created ? "" : " (existing)", p->pub, k.id, p->checkpoints);
	}
	seal_key_clear(&k);
	return e;
}

/* ---- serve ---------------------------------------------------------------- */

static int cmd_serve(int argc, char **argv)
{
	static struct option opts[] = {
		{ "db", required_argument, 0, 'd' }, { "listen", required_argument, 0, 'l' },
		{ "assets", required_argument, 0, 'a' }, { "threads", required_argument, 0, 't' },
		{ "break-glass-minutes", required_argument, 0, 'g' },
		{ "trusted-proxy", required_argument, 0, 'p' },
		{ "audit-key", required_argument, 0, 'k' }, { "audit-checkpoints", required_argument, 0, 'c' },
		{ "audit-syslog", no_argument, 0, 's' }, { "audit-interval", required_argument, 0, 'i' },
		{ "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
	const char *db = NULL, *listen = "127.0.0.1:8080", *audit_key = NULL, *audit_cps = NULL;
	int64_t glass_minutes = BREAKGLASS_MINUTES;
	struct seal_paths seal_paths;
	struct seal_key seal_key;
	struct seal_thread *sealer = NULL;
	bool audit_syslog = false, key_created;
	int64_t audit_interval = SEAL_INTERVAL_DEFAULT;
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
		case 'k': audit_key = optarg; break;
		case 'c': audit_cps = optarg; break;
		case 's': audit_syslog = true; break;
		case 'i':
			if (str_to_i64(optarg, 1, SEAL_INTERVAL_DEFAULT, &audit_interval)) {
				fprintf(stderr, "majakka serve: --audit-interval must be 1-%d seconds\n",
					SEAL_INTERVAL_DEFAULT);
				return 2;
			}
			break;
		case 'h':
			printf("usage: majakka serve --db PATH [--listen ADDR:PORT] [--assets DIR] [--threads N]\n"
			       "                     [--break-glass-minutes N] [--trusted-proxy ADDR[/BITS]]...\n"
			       "       [--audit-key PATH] [--audit-checkpoints FILE] [--audit-syslog] [--audit-interval S]\n"
			       "Serve HTTP until SIGTERM or SIGINT, then finish in-flight writes and stop.\n"
			       "--listen defaults to 127.0.0.1:8080; port 0 picks a free port (printed).\n"
			       "--break-glass-minutes: how long a break-the-glass grant lets its worker read\n"
			       "  the child's case (default 30).\n"
			       "--trusted-proxy names a reverse proxy in front (nginx), repeatable: on its\n"
			       "  connections the client's address, for login limits and the access log, is\n"
			       "  the right-most X-Forwarded-For address that is not a trusted proxy.  From\n"
			       "  any other address X-Forwarded-For is ignored.  Without it the address is\n"
			       "  the connection's, e.g. 127.0.0.1 for every client behind a local nginx.\n"
			       "Every S seconds (default and most %d) while access-log rows are written, and at\n"
			       "stop, the head of the log's hash chain is signed with the audit key (default\n"
			       "DB.audit-key, created if there is none) and appended to the checkpoint file\n"
			       "(default DB.audit-checkpoints) and, with --audit-syslog, to syslog (authpriv).\n",
			       SEAL_INTERVAL_DEFAULT);
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
	if ((rc = audit_paths(&seal_paths, "serve", db, audit_key, audit_cps)) != 0)
		return rc;
	rc = 1;
	if (audit_key_ready(&seal_paths, "serve", &seal_key, &key_created))
		return 1;
	if (key_created)
		log_warn("audit: created the audit key %s (public key %s, key id %s): keep a copy of the public key"
			 " away from this machine", seal_paths.key, seal_paths.pub, seal_key.id);

	/* Signals are taken by sigwait in this thread only. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (auth_init() || app_init(&app, db, assets) ||
	    seal_thread_start(&sealer, db, &seal_key, seal_paths.checkpoints, audit_syslog, (int)audit_interval)) {
		fprintf(stderr, "majakka serve: cannot start (see the log above)\n");
		app_release(&app);
		seal_key_clear(&seal_key);
		return 1;
	}
	app.break_glass_minutes = (int)glass_minutes;
	app.proxies = proxies;
	seal_key_clear(&seal_key);
	http_config_defaults(&cfg);
	cfg.address = addr;
	cfg.port = (uint16_t)port;
	if (threads)
		cfg.threads = (unsigned)threads;
	char static_dir[PATH_MAX + 16];
	snprintf(static_dir, sizeof(static_dir), "%s/static", assets);
	cfg.static_dir = static_dir;
	/* htmx: installed with the assets (static/htmx.min.js, served as any
	 * static file), else npm's copy in the checkout. */
	snprintf(htmx, sizeof(htmx), "%s/htmx.min.js", static_dir);
	if (!file_exists(htmx)) {
		snprintf(htmx, sizeof(htmx), "%s/node_modules/htmx.org/dist/htmx.min.js", assets);
		if (file_exists(htmx)) {
			cfg.extra_static[0] = "/static/htmx.min.js";
			cfg.extra_static[1] = htmx;
		} else {
			log_warn("htmx not found in %s nor at %s: run `npm ci` or install it as static/htmx.min.js"
				 " (pages work without it, less lively)", static_dir, htmx);
		}
	}
	hooks.ctx = &app;
	hooks.dispatch = app_dispatch;
	hooks.commit = app_commit;
	hooks.release = app_request_release;
	if (http_server_start(&srv, &cfg, &hooks)) {
		fprintf(stderr, "majakka serve: cannot listen on %s\n", listen);
		app_release(&app);
		seal_thread_stop(sealer);
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
	/* Last, when every row is committed: the checkpoint of the stop. */
	seal_thread_stop(sealer);
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
		{ "audit-key", required_argument, 0, 'k' }, { "audit-checkpoints", required_argument, 0, 'c' },
		{ "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
	const char *path = NULL, *org = NULL, *audit_key = NULL, *audit_cps = NULL;
	struct seal_paths sp;
	bool unsealed = false;
	struct field_error fe = { 0 };
	struct db *db = NULL;
	int64_t id;
	int c;
	enum err e;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': path = optarg; break;
		case 'o': org = optarg; break;
		case 'k': audit_key = optarg; break;
		case 'c': audit_cps = optarg; break;
		case 'h':
			printf("usage: majakka init --db PATH [--organisation NAME] [--audit-key PATH]\n"
			       "       [--audit-checkpoints FILE]\n"
			       "Create an empty database (no accounts, no default password).\n"
			       "Then add the first administrator with `majakka user add --role admin`.\n"
			       "Also creates the access log's signing key (default PATH.audit-key, mode 0600,\n"
			       "and its public key PATH.audit-key.pub) unless it exists, and writes the first\n"
			       "signed checkpoint to PATH.audit-checkpoints (docs/SECURITY.md).\n");
			return 0;
		default: return 2;
		}
	}
	if (!path) {
		fprintf(stderr, "majakka init: --db PATH is required\n");
		return 2;
	}
	if ((c = audit_paths(&sp, "init", path, audit_key, audit_cps)) != 0)
		return c;
	if (!file_exists(path) && stale_checkpoints(&sp, "init"))
		return 1;
	e = create_db(path, &db);
	if (!e && org) {
		e = org_create_county(db, org, &id, &fe);
		if (e)
			fprintf(stderr, "majakka init: --organisation: %s\n", fe.message);
	}
	if (!e) {
		printf("created %s\n", path);
		e = audit_seal_new(db, &sp, "init");
		unsealed = e != ERR_OK;
	}
	db_close(db);
	if (unsealed)  /* no database without its key and first checkpoint */
		unlink(path);
	return e ? 1 : 0;
}

static int cmd_demo(int argc, char **argv)
{
	const char *path = NULL, *audit_key = NULL, *audit_cps = NULL;
	char hash[PASSWORD_HASH_MAX];
	struct seal_paths sp;
	struct db *db = NULL;
	enum err e;
	int rc;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--audit-key") && i + 1 < argc)
			audit_key = argv[++i];
		else if (!strcmp(argv[i], "--audit-checkpoints") && i + 1 < argc)
			audit_cps = argv[++i];
		else if (!strcmp(argv[i], "--help")) {
			printf("usage: majakka demo --db PATH [--audit-key PATH] [--audit-checkpoints FILE]\n"
			       "Create a new database with the fictional demo organisation.\n"
			       "Every demo password is \"%s\"; pages show a DEMO banner.\n"
			       "The audit key and the first checkpoint are made as by `majakka init`.\n", DEMO_PASSWORD);
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
	if ((rc = audit_paths(&sp, "demo", path, audit_key, audit_cps)) != 0)
		return rc;
	if (!file_exists(path) && stale_checkpoints(&sp, "demo"))
		return 1;
	if (auth_init())
		return 1;
	e = create_db(path, &db);
	if (!e)
		e = password_hash(DEMO_PASSWORD, hash) ? ERR_NOMEM : ERR_OK;
	if (!e)
		e = demo_create(db, hash);
	if (!e)
		e = audit_seal_new(db, &sp, "demo");
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

static void print_finding(void *ctx, enum audit_finding f, const char *msg)
{
	(void)f;
	fprintf(ctx, "access log: %s\n", msg);
}

/* Check the access log against itself and against its checkpoints, verified
 * with pub (NULL: none), and tell out each finding and, when verbose, what
 * is well.  Returns the number of findings, -1 when it cannot be read. */
static int64_t audit_check_report(struct db *db, const struct seal_paths *p, const struct seal_key *pub,
				  FILE *out, bool verbose)
{
	static const enum audit_finding of_checkpoints[] = { AUDIT_TRUNCATED, AUDIT_REWRITTEN, AUDIT_SIGNATURE,
							     AUDIT_MALFORMED, AUDIT_UNSEALED, AUDIT_GAP };
	struct audit_report r = { .found = print_finding, .ctx = out };
	struct seal_summary s;
	bool sealed_ok = true;

	if (seal_check(db, p->checkpoints, pub, &r, &s)) {
		fprintf(out, "access log: cannot read it or %s\n", p->checkpoints);
		return -1;
	}
	for (int f = 0; f < AUDIT_FINDINGS; f++)
		if (r.count[f] > AUDIT_REPORT_MAX)
			fprintf(out, "access log: ... and %lld more %s\n", (long long)(r.count[f] - AUDIT_REPORT_MAX),
				audit_finding_name((enum audit_finding)f));
	for (size_t i = 0; i < sizeof(of_checkpoints) / sizeof(of_checkpoints[0]); i++)
		sealed_ok = sealed_ok && !r.count[of_checkpoints[i]];
	if (s.torn)
		fprintf(out, "checkpoints: %s ends in an incomplete line (a crash while writing it): ignored\n",
			p->checkpoints);
	if (!verbose)
		return audit_findings(&r);
	if (!r.count[AUDIT_BROKEN] && !r.count[AUDIT_GAP])
		fprintf(out, "access log: ok, %lld rows, hash chain verified\n", (long long)s.rows);
	if (!r.count[AUDIT_TRIGGER])
		fprintf(out, "append-only triggers: ok\n");
	if (sealed_ok && s.verified == 0)
		fprintf(out, "checkpoints: none yet (the access log is empty)\n");
	else if (sealed_ok)
		fprintf(out, "checkpoints: ok, %lld signed by key %s match the log; the last seals row %lld (%s)%s\n",
		       (long long)s.verified, pub->id, (long long)s.sealed_seq, s.sealed_at,
		       s.last_id > s.sealed_seq ? ", the rows after it are not sealed yet" : "");
	return audit_findings(&r);
}

static int cmd_check(int argc, char **argv)
{
	const char *path = NULL, *audit_key = NULL, *audit_cps = NULL, *pub_path = NULL;
	struct seal_paths sp;
	struct seal_key pub;
	struct db *db = NULL;
	char msg[PATH_MAX + 160] = "";
	bool ok = false, current = false, have_pub;
	int64_t bad = 0;
	int rc = 1;
	enum err e;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--audit-key") && i + 1 < argc)
			audit_key = argv[++i];
		else if (!strcmp(argv[i], "--public-key") && i + 1 < argc)
			pub_path = argv[++i];
		else if (!strcmp(argv[i], "--audit-checkpoints") && i + 1 < argc)
			audit_cps = argv[++i];
		else if (!strcmp(argv[i], "--help")) {
			printf("usage: majakka check --db PATH [--audit-key PATH | --public-key KEYFILE]\n"
			       "       [--audit-checkpoints FILE]\n"
			       "Check the database's integrity, its schema version, the access log's hash chain\n"
			       "and that the stored caseloads match a recount.\n"
			       "The access log is checked row by row against its hash chain, for gaps in its\n"
			       "ids and for its append-only triggers, and against every signed checkpoint in\n"
			       "the checkpoint file (default PATH.audit-checkpoints), verified with the public\n"
			       "key (--public-key, default the --audit-key path + .pub, PATH.audit-key.pub).\n"
			       "Each finding is one line: BROKEN (a row rewritten), GAP (ids missing),\n"
			       "TRIGGER (an append-only trigger dropped or changed), TRUNCATED (a checkpoint\n"
			       "seals rows that are gone), REWRITTEN (a checkpoint's hash differs: rows changed\n"
			       "and the chain recomputed), BAD SIGNATURE, MALFORMED (a checkpoint line),\n"
			       "UNSEALED (rows but no checkpoint).\n"
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
	if ((rc = audit_paths(&sp, "check", path, audit_key, audit_cps)) != 0)
		return rc;
	rc = 1;
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
	e = seal_public_load(pub_path ? pub_path : sp.pub, &pub, msg, sizeof(msg));
	have_pub = e == ERR_OK;
	if (e && (e != ERR_NOT_FOUND || file_exists(sp.checkpoints)))
		printf("checkpoints: public key: %s\n", msg);
	if (audit_check_report(db, &sp, have_pub ? &pub : NULL, stdout, true) != 0)
		goto out;
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

/* Copy a small file whole (to must not exist); false when from cannot be
 * read or to written. */
static bool copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	ssize_t n = 0;
	bool ok = true;
	int in = open(from, O_RDONLY | O_CLOEXEC), out;

	if (in < 0)
		return false;
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (out < 0) {
		close(in);
		return false;
	}
	while (ok && (n = read(in, buf, sizeof(buf))) > 0)
		ok = write(out, buf, (size_t)n) == n;
	ok = ok && n == 0 && fsync(out) == 0;
	close(in);
	if (close(out) != 0)
		ok = false;
	return ok;
}

static int cmd_backup(int argc, char **argv)
{
	const char *path = NULL, *to = NULL;
	struct seal_paths from_p, to_p = { 0 };
	struct db *db = NULL;
	int rc = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			path = argv[++i];
		else if (!strcmp(argv[i], "--to") && i + 1 < argc)
			to = argv[++i];
		else if (!strcmp(argv[i], "--help")) {
			printf("usage: majakka backup --db PATH --to FILE\n"
			       "Copy a consistent snapshot of a live database to FILE (which must not exist),\n"
			       "with the access log's checkpoints and public key beside it (FILE.audit-checkpoints,\n"
			       "FILE.audit-key.pub), so `majakka check --db FILE` verifies the copy's log.\n"
			       "The secret audit key is not copied.\n");
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
	/* The checkpoints first: one written after the snapshot would seal rows
	 * the copy lacks, and check would call the copy truncated. */
	if (!seal_paths_init(&from_p, path, NULL, NULL) && !seal_paths_init(&to_p, to, NULL, NULL) &&
	    ((file_exists(from_p.checkpoints) && !copy_file(from_p.checkpoints, to_p.checkpoints, 0644)) ||
	     (file_exists(from_p.pub) && !copy_file(from_p.pub, to_p.pub, 0644)))) {
		fprintf(stderr, "majakka backup: cannot copy the audit checkpoints or public key beside %s\n", to);
		unlink(to_p.checkpoints);
		unlink(to_p.pub);
		db_close(db);
		return 1;
	}
	if (db_backup(db, to) == ERR_OK) {
		printf("backed up %s to %s\n", path, to);
		rc = 0;
	} else {
		unlink(to);
		unlink(to_p.checkpoints);
		unlink(to_p.pub);
		fprintf(stderr, "majakka backup: failed\n");
	}
	db_close(db);
	return rc;
}

/* ---- audit export / verify ------------------------------------------------------ */

static int cmd_audit_export(int argc, char **argv)
{
	static struct option opts[] = {
		{ "db", required_argument, 0, 'd' }, { "from", required_argument, 0, 'f' },
		{ "to", required_argument, 0, 't' }, { "out", required_argument, 0, 'o' },
		{ "audit-key", required_argument, 0, 'k' }, { "audit-checkpoints", required_argument, 0, 'c' },
		{ "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
	const char *path = NULL, *from = NULL, *to = NULL, *out_path = NULL, *audit_key = NULL, *audit_cps = NULL;
	struct export_summary sum;
	struct seal_paths sp;
	struct seal_key k = { 0 };
	struct db *db = NULL;
	char msg[PATH_MAX + 160] = "";
	FILE *out = stdout;
	int c, rc = 1;
	int64_t found;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': path = optarg; break;
		case 'f': from = optarg; break;
		case 't': to = optarg; break;
		case 'o': out_path = optarg; break;
		case 'k': audit_key = optarg; break;
		case 'c': audit_cps = optarg; break;
		case 'h':
			printf("usage: majakka audit export --db PATH --from DATE --to DATE [--out FILE]\n"
			       "       [--audit-key PATH] [--audit-checkpoints FILE]\n"
			       "Write the access-log rows written on the days DATE..DATE (YYYY-MM-DD, local time,\n"
			       "both included) as JSON lines, each row with its chain hash, between a header\n"
			       "(the range, the chain's head) and a trailer signed with the audit key (default\n"
			       "PATH.audit-key).  An auditor checks the file with `majakka audit verify`.\n"
			       "The log is checked first (as `majakka check` does): a log that fails is not\n"
			       "exported.  --out FILE is created with mode 0600 and must not exist; default\n"
			       "standard output.  The rows name people: handle the file as client data.\n");
			return 0;
		default: return 2;
		}
	}
	if (!path || !from || !to || optind < argc) {
		fprintf(stderr, "majakka audit export: --db PATH, --from DATE and --to DATE are required\n");
		return 2;
	}
	if ((rc = audit_paths(&sp, "audit export", path, audit_key, audit_cps)) != 0)
		return rc;
	rc = 1;
	if (!file_exists(path) || db_open(&db, path, DB_READONLY)) {
		fprintf(stderr, "majakka audit export: cannot open %s\n", path);
		return 1;
	}
	if (seal_key_load(sp.key, &k, msg, sizeof(msg))) {
		fprintf(stderr, "majakka audit export: audit key: %s\n", msg);
		goto out;
	}
	found = audit_check_report(db, &sp, &k, stderr, false);
	if (found) {
		fprintf(stderr, "majakka audit export: the access log fails its check%s: nothing exported"
			" (see `majakka check --db %s`)\n", found > 0 ? " (above)" : "", path);
		goto out;
	}
	if (out_path) {
		int fd = open(out_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		out = fd >= 0 ? fdopen(fd, "w") : NULL;
		if (!out) {
			fprintf(stderr, "majakka audit export: cannot create %s: %s\n", out_path, strerror(errno));
			if (fd >= 0)
				close(fd);
			goto out;
		}
	}
	if (export_write(db, &k, out, from, to, &sum, msg, sizeof(msg))) {
		fprintf(stderr, "majakka audit export: %s\n", msg);
	} else if (out_path && (fflush(out) || fsync(fileno(out)))) {
		fprintf(stderr, "majakka audit export: cannot write %s: %s\n", out_path, strerror(errno));
	} else {
		fprintf(stderr, "exported %lld rows (ids %lld-%lld) written %s to %s, signed by key %s%s%s\n",
			(long long)sum.rows, (long long)sum.first_id, (long long)sum.last_id, sum.from, sum.to,
			sum.key_id, out_path ? ", to " : "", out_path ? out_path : "");
		rc = 0;
	}
	if (out_path) {
		if (fclose(out))
			rc = 1;
		if (rc)
			unlink(out_path);
	}
out:
	seal_key_clear(&k);
	db_close(db);
	return rc;
}

static int cmd_audit_verify(int argc, char **argv)
{
	const char *path = NULL, *pub_path = NULL;
	struct export_summary sum;
	struct seal_key pub;
	char msg[PATH_MAX + 160];
	FILE *in;
	enum err e;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--public-key") && i + 1 < argc)
			pub_path = argv[++i];
		else if (!strcmp(argv[i], "--help")) {
			printf("usage: majakka audit verify FILE --public-key KEYFILE\n"
			       "Verify an export of `majakka audit export` without the database: the trailer's\n"
			       "signature with the public key (the .pub file beside the audit key; take it from\n"
			       "the organisation by a channel of its own), every row against its chain hash and\n"
			       "the row before it, and that no row of the range is missing.  FILE - reads\n"
			       "standard input.  Exits 0 when the export verifies, 1 otherwise.\n");
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "majakka audit verify: unknown argument %s\n", argv[i]);
			return 2;
		} else if (path) {
			fprintf(stderr, "majakka audit verify: one FILE only\n");
			return 2;
		} else {
			path = argv[i];
		}
	}
	if (!path || !pub_path) {
		fprintf(stderr, "majakka audit verify: FILE and --public-key KEYFILE are required\n");
		return 2;
	}
	if (seal_public_load(pub_path, &pub, msg, sizeof(msg))) {
		fprintf(stderr, "majakka audit verify: public key: %s\n", msg);
		return 1;
	}
	in = strcmp(path, "-") ? fopen(path, "re") : stdin;
	if (!in) {
		fprintf(stderr, "majakka audit verify: cannot open %s: %s\n", path, strerror(errno));
		return 1;
	}
	e = export_verify(in, &pub, &sum, msg, sizeof(msg));
	if (in != stdin)
		fclose(in);
	if (e) {
		printf("FAILED: %s: %s\n", path, msg);
		return 1;
	}
	if (sum.rows)
		printf("verified: %lld rows (ids %lld-%lld) written %s to %s, exported %s, signed by key %s\n",
		       (long long)sum.rows, (long long)sum.first_id, (long long)sum.last_id, sum.from, sum.to,
		       sum.created, sum.key_id);
	else
		printf("verified: no rows written %s to %s, exported %s, signed by key %s\n", sum.from, sum.to,
		       sum.created, sum.key_id);
	printf("chain: every row matches its hash and links to the one before; the head at export was row %lld"
	       " (hash %s)\n", (long long)sum.head_seq, sum.head_hash);
	return 0;
}

static int cmd_audit(int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	bool help = !strcmp(sub, "--help") || !strcmp(sub, "-h");

	if (!strcmp(sub, "export"))
		return cmd_audit_export(argc - 1, argv + 1);
	if (!strcmp(sub, "verify"))
		return cmd_audit_verify(argc - 1, argv + 1);
	fprintf(help ? stdout : stderr,
		"usage: majakka audit export --db PATH --from DATE --to DATE [--out FILE]\n"
		"       majakka audit verify FILE --public-key KEYFILE\n"
		"Signed exports of the access log for an outside auditor (docs/SECURITY.md).\n"
		"Each answers --help.\n");
	return help ? 0 : 2;
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
	struct buf table;
	int rc;

	if (want_help(argc, argv)) {
		printf("usage: majakka access-table\n"
		       "Print the access policy (audience x object x action -> fields) as the Markdown\n"
		       "tables of docs/ACCESS.md; a unit test checks the document against it.\n");
		return 0;
	}
	buf_init(&table, 1 << 16);
	rc = policy_table_markdown(&table) ? 1 : 0;
	if (!rc)
		fputs(buf_str(&table), stdout);
	buf_release(&table);
	return rc;
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
	if (!strcmp(cmd, "audit")) return cmd_audit(argc - 1, argv + 1);
	fprintf(stderr, "majakka: unknown command %s\n\n", cmd);
	return usage_main(stderr);
}
