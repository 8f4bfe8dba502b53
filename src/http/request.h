/*
 * request.h - one HTTP request and its response, as handlers see it.
 *
 * The server (http/server.c) fills the input side, calls the application's
 * dispatch function once the whole body has arrived, and sends the output
 * side.  Handlers never see libmicrohttpd.  Everything here is owned by the
 * request and freed with it; strings returned by accessors live as long as
 * the request.
 *
 * When the application sets commit, the server holds the answer until the
 * application's commit hook says its work (the access log) is durable.
 */
#ifndef MAJAKKA_REQUEST_H
#define MAJAKKA_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"
#include "core/err.h"

#define REQUEST_MAX_PARAMS 4
#define REQUEST_MAX_HEADERS 8
#define REQUEST_MAX_BODY (1024u * 1024u)
#define REQUEST_MAX_KV 64

struct kv {
	char *key;
	char *value;
};

struct request {
	/* input */
	char method[8];
	char *path;              /* decoded path, without the query */
	char *raw_query;         /* after '?', or "" */
	struct kv query[REQUEST_MAX_KV];
	size_t nquery;
	struct kv form[REQUEST_MAX_KV];  /* application/x-www-form-urlencoded body */
	size_t nform;
	struct buf body;
	int64_t param[REQUEST_MAX_PARAMS];  /* {id} segments of the route */
	int nparam;
	char ip[48];              /* the TCP peer's address; behind a trusted proxy the
				  * application puts the client's there (api/app.c) */
	bool wants_json;         /* /api/ path or Accept: application/json */
	bool htmx;               /* HX-Request: true */
	void *conn;              /* the server's connection (opaque) */
	void *app;               /* the application context given to the server */
	void *auth;              /* the application's login state for this request */
	const char *lang;        /* "fi", "sv" or "en" */

	/* output */
	int status;
	struct buf out;
	const char *content_type;
	char *hdr_name[REQUEST_MAX_HEADERS];
	char *hdr_value[REQUEST_MAX_HEADERS];
	int nhdr;

	/* server-private state */
	int state;
	char *raw_uri;
	int64_t started_ms;
	bool close;              /* answer with Connection: close */

	/* the application has work to make durable before the answer leaves:
	 * the server calls its commit hook and sends the answer after it */
	bool commit;
};

/* A request header (case-insensitive name), or NULL. */
const char *request_header(struct request *req, const char *name);
/* Every value of a header that may come more than once, in the order
 * received, into out (the last max when there are more).  Returns how many. */
size_t request_header_values(struct request *req, const char *name, const char **out, size_t max);
/* A cookie's value, or NULL. */
const char *request_cookie(struct request *req, const char *name);
/* A query parameter, or NULL. */
const char *request_query(struct request *req, const char *name);
/* A form field from a urlencoded body, or NULL. */
const char *request_form(struct request *req, const char *name);

/* Parse "a=1&b=%C3%A4" into kv (copies).  ERR_INVALID on bad escapes,
 * invalid UTF-8 or control characters; ERR_TOO_LARGE past max entries. */
enum err request_parse_urlencoded(const char *s, size_t n, struct kv *kv, size_t max, size_t *count);
/* Parse a Cookie header into kv (copies). */
enum err request_parse_cookies(const char *s, struct kv *kv, size_t max, size_t *count);
void request_kv_clear(struct kv *kv, size_t *count);

/* Add a response header (copied).  ERR_TOO_LARGE when full. */
enum err request_add_header(struct request *req, const char *name, const char *value);
/* Set the status and content type; the body goes into req->out. */
void request_set(struct request *req, int status, const char *content_type);

/* The HTTP status for an error (the one place that maps them). */
int http_status_for(enum err e);

#endif
