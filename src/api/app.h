/*
 * app.h - the application context shared by all handlers, and the
 * per-request login state.
 *
 * Reads use a per-thread connection (app_db); every write goes through the
 * group-committing writer (app->writer).  The template set and the message
 * catalog are loaded once at start and read-only after.
 */
#ifndef MAJAKKA_APP_H
#define MAJAKKA_APP_H

#include <stdbool.h>
#include <stdint.h>
#include "auth/proxy.h"
#include "auth/session.h"
#include "db/writer.h"
#include "http/request.h"
#include "model/access.h"
#include "model/policy.h"

struct tmpl_set;
struct pagecache;
struct i18n;
struct loginlimit;
struct sessioncache;
struct factcache;

struct app {
	char *db_path;
	char *asset_dir;
	struct writer *writer;
	struct tmpl_set *tmpl;
	struct i18n *i18n;
	struct option_cache *options;  /* render_options' shared arrays */
	struct loginlimit *logins;     /* login delays (auth/loginlimit.h) */
	struct sessioncache *sessions; /* sessions and principals by generation */
	struct factcache *facts;       /* cases' access facts by generation */
	struct pagecache *pages;       /* rendered pages (render_cached) */
	struct proxy_list proxies;     /* trusted proxies: X-Forwarded-For names the client */
	char *openapi;          /* docs/openapi.json, served as is */
	size_t openapi_len;
	bool demo;
	_Atomic int inflight;     /* requests between dispatch and completion */
	_Atomic bool stopping;    /* shutting down: answer 503, start nothing */
	int break_glass_minutes;  /* how long a break-the-glass grant lasts */
	int64_t session_idle;
	int64_t session_absolute;
};

/* The login state of one request (req->auth). */
struct auth_state {
	bool logged_in;
	struct principal p;
	struct session_info s;
	struct access_ctx ax;   /* the principal's pending access-log entries */
	int64_t content_gen;    /* read with ax.gen (meta_generations), or -1 */
	char anon_csrf[TOKEN_STR_MAX];  /* see csrf_anon */
};

/* Load templates and catalog from asset_dir, start the writer on db_path.
 * Trusted proxies may be added to app->proxies after it, before serving. */
enum err app_init(struct app *app, const char *db_path, const char *asset_dir);
void app_release(struct app *app);
/* Graceful shutdown, step one: refuse new requests and wait (at most
 * timeout_ms) until every request in flight has been answered, so that no
 * connection waits on the writer when the HTTP server stops. */
void app_begin_shutdown(struct app *app, int timeout_ms);

/* This thread's read connection (opened on first use), or NULL. */
struct db *app_db(struct app *app);
/* Close this thread's read connection (threads call it before exiting). */
void app_db_thread_done(void);

/* http_app hooks */
void app_dispatch(struct request *req);
enum err app_commit(struct request *req);
void app_request_release(struct request *req);

#endif
