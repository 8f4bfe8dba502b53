/*
 * app.c - application start-up and the request pipeline: language, session,
 * route, login, CSRF, permission, handler; then the access log is made
 * durable before the answer leaves (see app.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include "api/app.h"
#include "api/csrf.h"
#include "api/render.h"
#include "api/routes.h"
#include "auth/loginlimit.h"
#include "auth/proxy.h"
#include "auth/token.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"
#include "db/meta.h"
#include "db/migrate.h"
#include "http/router.h"
#include "http/server.h"
#include "model/account.h"
#include "model/breakglass.h"
#include "model/factcache.h"
#include "model/sessioncache.h"
#include "view/pagecache.h"
#include "view/i18n.h"
#include "view/jarena.h"
#include "view/tmpl.h"

#define SESSION_COOKIE "majakka_session"

/* ---- per-thread read connections ------------------------------------- */

struct conn_node {
	struct db *db;
	struct conn_node *next;
};

static _Thread_local struct db *tl_db;
static _Thread_local struct app *tl_app;
static pthread_mutex_t conns_mu = PTHREAD_MUTEX_INITIALIZER;
static struct conn_node *conns;

struct db *app_db(struct app *app)
{
	struct conn_node *n;

	if (tl_db && tl_app == app)
		return tl_db;
	if (db_open(&tl_db, app->db_path, DB_READWRITE)) {
		tl_db = NULL;
		return NULL;
	}
	tl_app = app;
	n = malloc(sizeof(*n));
	if (!n) {
		db_close(tl_db);
		tl_db = NULL;
		return NULL;
	}
	n->db = tl_db;
	pthread_mutex_lock(&conns_mu);
	n->next = conns;
	conns = n;
	pthread_mutex_unlock(&conns_mu);
	return tl_db;
}

void app_db_thread_done(void)
{
	tl_db = NULL;
	tl_app = NULL;
}

static void close_all_conns(void)
{
	pthread_mutex_lock(&conns_mu);
	while (conns) {
		struct conn_node *n = conns;
		conns = n->next;
		db_close(n->db);
		free(n);
	}
	pthread_mutex_unlock(&conns_mu);
	tl_db = NULL;
	tl_app = NULL;
}

/* ---- start-up ---------------------------------------------------------- */

static enum err app_read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;
	enum err e = ERR_OK;

	*out = NULL;
	if (!f)
		return ERR_NOT_FOUND;
	buf_init(&b, 4u * 1024 * 1024);
	while (!e && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		e = buf_append(&b, chunk, n);
	if (ferror(f))
		e = ERR_IO;
	fclose(f);
	if (e) {
		buf_release(&b);
		return e;
	}
	*out = buf_detach(&b, len);
	return ERR_OK;
}

enum err app_init(struct app *app, const char *db_path, const char *asset_dir)
{
	char path[1024], msg[512], demo[8];
	struct loginlimit_config lc;
	struct db *db = NULL;
	bool current = false;
	enum err e;

	memset(app, 0, sizeof(*app));
	app->db_path = strdup(db_path);
	app->asset_dir = strdup(asset_dir);
	app->session_idle = SESSION_IDLE_DEFAULT;
	app->break_glass_minutes = BREAKGLASS_MINUTES;
	app->session_absolute = SESSION_ABSOLUTE_DEFAULT;
	if (!app->db_path || !app->asset_dir)
		return ERR_NOMEM;

	e = db_open(&db, db_path, DB_READWRITE);
	if (e) {
		log_error("cannot open database %s: run `majakka init --db %s` (or demo) first", db_path, db_path);
		goto out;
	}
	e = migrate_up(db, NULL);
	if (!e)
		e = migrate_is_current(db, &current);
	if (!e && !current)
		e = ERR_DB;
	if (!e)
		e = meta_get(db, "demo", demo, sizeof(demo));
	if (e)
		goto out;
	app->demo = !strcmp(demo, "1");

	snprintf(path, sizeof(path), "%s/i18n", asset_dir);
	e = i18n_load(&app->i18n, path, msg, sizeof(msg));
	if (!e)
		e = i18n_check_complete(app->i18n, msg, sizeof(msg));
	if (e) {
		log_error("message catalog %s: %s", path, msg);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/templates", asset_dir);
	e = tmpl_set_load(&app->tmpl, path, app->i18n, msg, sizeof(msg));
	if (e) {
		log_error("templates %s: %s", path, msg);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/docs/openapi.json", asset_dir);
	e = app_read_file(path, &app->openapi, &app->openapi_len);
	if (e) {
		log_error("cannot read %s", path);
		goto out;
	}
	jarena_install();
	app->options = render_option_cache_new();
	loginlimit_config_default(&lc);
	app->logins = loginlimit_new(&lc);
	app->sessions = sessioncache_new();
	app->facts = factcache_new();
	app->pages = pagecache_new();
	if (!app->logins || !app->options || !app->sessions || !app->facts || !app->pages) {
		e = ERR_NOMEM;
		goto out;
	}
	e = writer_start(&app->writer, db_path);
	if (!e)
		writer_set_after_batch(app->writer, access_log_index_behind, NULL);
out:
	db_close(db);
	return e;
}

void app_release(struct app *app)
{
	if (app->writer) {
		long long batches = 0, jobs = 0;
		writer_stats(app->writer, &batches, &jobs);
		if (batches)
			log_info("writer: %lld jobs in %lld transactions (%.1f a transaction)", jobs, batches,
				 (double)jobs / (double)batches);
	}
	if (app->pages) {
		unsigned long hits = 0, misses = 0;
		pagecache_counts(app->pages, &hits, &misses);
		if (hits + misses)
			log_info("page cache: %lu pages from memory, %lu built", hits, misses);
	}
	writer_stop(app->writer);
	close_all_conns();
	sessioncache_free(app->sessions);
	factcache_free(app->facts);
	pagecache_free(app->pages);
	render_option_cache_free(app->options);
	tmpl_set_free(app->tmpl);
	i18n_free(app->i18n);
	loginlimit_free(app->logins);
	free(app->db_path);
	free(app->asset_dir);
	free(app->openapi);
	memset(app, 0, sizeof(*app));
}

/* ---- session touch: fire and forget ------------------------------------ */

struct touch_job {
	struct writer_job job;
	struct sessioncache *sessions;
	char hash[65];
	int64_t now;
};

static enum err touch_run(struct db *db, void *arg)
{
	struct touch_job *t = arg;
	return session_touch(db, t->hash, t->now);
}

static void touch_done(struct writer_job *job, enum err result)
{
	struct touch_job *t = job->arg;
	/* The cached last_seen follows only a committed touch, so that the
	 * idle timeout counts from what the database holds. */
	if (!result)
		sessioncache_touch(t->sessions, t->hash, t->now);
	free(t);
}

static void touch_session(struct app *app, const struct session_info *s, int64_t now)
{
	struct touch_job *t = calloc(1, sizeof(*t));
	if (!t)
		return;
	t->sessions = app->sessions;
	memcpy(t->hash, s->token_hash, sizeof(t->hash));
	t->now = now;
	t->job.run = touch_run;
	t->job.arg = t;
	t->job.done = touch_done;
	if (writer_submit(app->writer, &t->job))
		free(t);
}

/* ---- the pipeline ------------------------------------------------------ */

/* The request's session and principal: from memory when loaded at the
 * access generation this request reads (see model/sessioncache.h), else
 * from the database.  The generation is read first, in the request's
 * snapshot (a GET) or before the loads (other methods): what is stamped
 * with it is at least as new as it. */
static void load_session(struct request *req, struct auth_state *a, int64_t *genp)
{
	struct app *app = req->app;
	const char *tok = request_cookie(req, SESSION_COOKIE);
	struct db *db;
	int64_t now = clock_now(), gen, content;
	char hash[65];

	*genp = -1;
	if (!tok || !token_well_formed(tok))
		return;
	db = app_db(app);
	if (!db || meta_generations(db, &gen, &content))
		return;
	*genp = gen;
	a->content_gen = content;
	token_hash(tok, hash);
	if (sessioncache_get(app->sessions, hash, gen, &a->s, &a->p)) {
		if (session_expired(&a->s, now, app->session_idle, app->session_absolute)) {
			sessioncache_drop(app->sessions, hash);
			memset(&a->s, 0, sizeof(a->s));
			memset(&a->p, 0, sizeof(a->p));
			return;
		}
	} else {
		if (session_lookup(db, tok, now, app->session_idle, app->session_absolute, &a->s))
			return;
		if (account_load_principal(db, a->s.account_id, &a->p))
			return;
		sessioncache_put(app->sessions, gen, &a->s, &a->p);
	}
	a->logged_in = true;
	if (now - a->s.last_seen >= SESSION_TOUCH_EVERY)
		touch_session(app, &a->s, now);
}

static void deny_route(struct request *req, const struct route *r, const struct decision *d)
{
	struct auth_state *a = req->auth;
	struct audit_entry e;
	access_entry(&a->ax, &e, action_name(r->perm), "route", 0, d);
	str_lcpy(e.reason, req->path, sizeof(e.reason));
	/* A refusal whose log entry cannot be kept is answered all the same:
	 * nothing was shown, and the log error is the one to report. */
	render_error(req, access_log_add(&a->ax, &e) ? ERR_UNAVAILABLE : ERR_DENIED, NULL);
}

/* Behind a trusted proxy the client is the address it forwarded: from here
 * on req->ip is that address, for the login limits and the access log. */
static void find_client_addr(struct request *req)
{
	struct app *app = req->app;
	const char *xff[8];
	char client[PROXY_ADDR_MAX];
	size_t n;

	if (!app->proxies.n || !proxy_trusted(&app->proxies, req->ip))
		return;
	n = request_header_values(req, "X-Forwarded-For", xff, sizeof(xff) / sizeof(xff[0]));
	proxy_client_addr(&app->proxies, req->ip, xff, n, client);
	str_lcpy(req->ip, client, sizeof(req->ip));
}

static void dispatch(struct request *req)
{
	struct app *app = req->app;
	struct auth_state *a = calloc(1, sizeof(*a));
	const struct route *r = NULL;
	const char *method = !strcmp(req->method, "HEAD") ? "GET" : req->method;
	bool path_known = false, changing;
	const char *ct;
	int64_t gen;

	find_client_addr(req);
	req->auth = a;
	req->lang = i18n_pick_lang(request_cookie(req, "lang"), request_header(req, "Accept-Language"));
	if (!a) {
		render_error(req, ERR_NOMEM, NULL);
		return;
	}
	a->content_gen = -1;
	atomic_fetch_add(&app->inflight, 1);  /* undone in app_request_release */
	if (atomic_load(&app->stopping)) {
		req->close = true;
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	for (size_t i = 0; i < routes_count; i++) {
		int64_t params[REQUEST_MAX_PARAMS];
		int n;
		if (!router_match(routes[i].pattern, req->path, params, REQUEST_MAX_PARAMS, &n))
			continue;
		path_known = true;
		if (strcmp(routes[i].method, method))
			continue;
		r = &routes[i];
		memcpy(req->param, params, sizeof(params));
		req->nparam = n;
		break;
	}
	if (!r) {
		struct field_error fe = { 0 };
		if (path_known) {
			validate_fail(&fe, "method", "not_allowed", "method %s is not allowed here", req->method);
			render_error(req, ERR_INVALID, &fe);
			req->status = 405;
		} else {
			render_error(req, ERR_NOT_FOUND, NULL);
		}
		return;
	}
	if (request_query(req, "break_glass")) {
		/* A reason in a URL ends up in proxy logs and browser history. */
		struct field_error fe = { 0 };
		validate_fail(&fe, "break_glass", "not_in_url",
			      "a break-the-glass reason is never read from a URL: POST it as reason to"
			      " /api/v1/children/{id}/break-glass");
		render_error(req, ERR_INVALID, &fe);
		req->status = 400;
		return;
	}
	changing = strcmp(method, "GET") != 0;
	ct = request_header(req, "Content-Type");
	if (changing && req->body.len && ct && !strncmp(ct, "application/x-www-form-urlencoded", 33) &&
	    request_parse_urlencoded(buf_str(&req->body), req->body.len, req->form, REQUEST_MAX_KV, &req->nform)) {
		struct field_error fe = { 0 };
		validate_fail(&fe, "body", "invalid_form", "the form data is malformed or not valid UTF-8");
		render_error(req, ERR_INVALID, &fe);
		return;
	}
	load_session(req, a, &gen);
	access_ctx_init(&a->ax, &a->p, req->ip);
	if (gen >= 0) {
		/* The same generation guards the cases' facts in memory. */
		a->ax.facts = app->facts;
		a->ax.gen = gen;
	}
	if (!a->logged_in && !(r->flags & ROUTE_PUBLIC)) {
		if (req->wants_json) {
			render_error(req, ERR_UNAUTH, NULL);
		} else {
			struct buf loc;
			buf_init(&loc, 4096);
			buf_appends(&loc, "/login?next=");
			buf_append_url(&loc, req->path, strlen(req->path));
			render_redirect(req, buf_str(&loc));
			buf_release(&loc);
		}
		return;
	}
	if (changing && !(r->flags & ROUTE_NO_CSRF) && (!csrf_same_origin(req) || !csrf_ok(req, a, (r->flags & ROUTE_PUBLIC) != 0))) {
		render_error(req, ERR_CSRF, NULL);
		return;
	}
	if (changing && (r->flags & ROUTE_NO_CSRF) && !csrf_same_origin(req)) {
		render_error(req, ERR_CSRF, NULL);
		return;
	}
	if (a->p.kind == KIND_FAMILY && !(r->flags & (ROUTE_PUBLIC | ROUTE_FAMILY))) {
		/* A family account lives in the portal: the workers' home sends
		 * it there, every other workers' page is refused (and logged). */
		struct decision d = { false, AUD_NONE, 0, "none", "family_portal_only" };
		if (!strcmp(req->path, "/") && !req->wants_json)
			render_redirect(req, "/family");
		else
			deny_route(req, r, &d);
		return;
	}
	if (r->perm != PERM_LOGGED_IN && !(r->flags & ROUTE_PUBLIC)) {
		struct decision d = policy_decide(&a->p, r->perm, NULL);
		if (!d.allow) {
			deny_route(req, r, &d);
			return;
		}
	}
	r->handler(req, a);
}

void app_dispatch(struct request *req)
{
	struct db *snap = NULL;

	/* Every jansson value of the request lives in the thread's arena. */
	jarena_begin();
	if (!strcmp(req->method, "GET") || !strcmp(req->method, "HEAD")) {
		/* A page reads one snapshot (GET handlers never write on this
		 * connection; changes go through the writer thread). */
		snap = app_db(req->app);
		if (snap && db_begin_read(snap))
			snap = NULL;
	}
	dispatch(req);
	if (req->auth)
		req->commit = ((struct auth_state *)req->auth)->ax.nlog > 0;
	if (snap)
		db_end_read(snap);
	jarena_end();
}

/* ---- durable access log before the answer ----------------------------- */

struct commit_job {
	struct writer_job job;
	struct request *req;
};

static enum err commit_run(struct db *db, void *arg)
{
	struct commit_job *c = arg;
	struct auth_state *a = c->req->auth;
	return access_commit(db, &a->ax);
}

static void commit_done(struct writer_job *job, enum err result)
{
	struct commit_job *c = job->arg;
	struct request *req = c->req;

	if (result) {
		/* The log entry is not durable: the answer must not leave. */
		log_error("access log write failed: %s", err_code(result));
		buf_reset(&req->out);
		request_kv_clear(req->query, &req->nquery);
		for (int i = 0; i < req->nhdr; i++) {
			free(req->hdr_name[i]);
			free(req->hdr_value[i]);
		}
		req->nhdr = 0;
		buf_appends(&req->out, "{\"error\":{\"code\":\"unavailable\",\"message\":\"try again\"}}");
		request_set(req, 503, "application/json");
	}
	free(c);
	http_request_resume(req);
}

enum err app_commit(struct request *req)
{
	struct app *app = req->app;
	struct commit_job *c = calloc(1, sizeof(*c));
	enum err e;

	if (!c)
		return ERR_NOMEM;
	c->req = req;
	c->job.run = commit_run;
	c->job.arg = c;
	c->job.done = commit_done;
	e = writer_submit(app->writer, &c->job);
	if (e)
		free(c);
	return e;
}

void app_request_release(struct request *req)
{
	struct app *app = req->app;
	/* req->app is set only for dispatched requests (static files are not counted). */
	if (app && req->auth)
		atomic_fetch_sub(&app->inflight, 1);
	if (req->auth)
		access_ctx_release(&((struct auth_state *)req->auth)->ax);
	free(req->auth);
	req->auth = NULL;
}

void app_begin_shutdown(struct app *app, int timeout_ms)
{
	atomic_store(&app->stopping, true);
	for (int waited = 0; atomic_load(&app->inflight) > 0 && waited < timeout_ms; waited += 10) {
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
}
