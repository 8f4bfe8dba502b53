/*
 * server.h - the HTTP server: libmicrohttpd behind a small interface.
 *
 * The server parses and bounds requests (strict parsing, timeouts, connection
 * and memory limits, smuggling checks), serves static files from memory, and
 * hands every other request, body complete, to the application's dispatch
 * function.  When dispatch leaves access-log entries on the request, the
 * connection is suspended and the application's commit hook makes them
 * durable; the response leaves only after http_request_resume().
 */
#ifndef MAJAKKA_SERVER_H
#define MAJAKKA_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include "http/request.h"

struct http_config {
	const char *address;         /* "127.0.0.1" or "::1" */
	uint16_t port;               /* 0 = any free port */
	unsigned threads;            /* worker threads */
	unsigned conn_limit;
	unsigned per_ip_limit;
	unsigned idle_timeout_s;
	unsigned header_timeout_ms;  /* whole request head must arrive within */
	unsigned request_timeout_ms; /* whole request (head + body) */
	size_t conn_memory;          /* per-connection memory (headers) */
	const char *static_dir;      /* files served under /static/ */
	const char *extra_static[8]; /* pairs "url path", "file path", NULL-ended */
};

struct http_app {
	void *ctx;
	/* Route and answer a complete request (fills req->status/out). */
	void (*dispatch)(struct request *req);
	/* For a request with commit set: make the app's pending work durable;
	 * return ERR_OK when submitted
	 * (the app then calls http_request_resume when durable). */
	enum err (*commit)(struct request *req);
	/* Free the app's per-request state (req->auth). */
	void (*release)(struct request *req);
};

struct http_server;

void http_config_defaults(struct http_config *cfg);
enum err http_server_start(struct http_server **out, const struct http_config *cfg,
			   const struct http_app *app);
/* The port actually bound (useful with port 0). */
uint16_t http_server_port(struct http_server *srv);
/* Serve a connected stream socket as if accepted from 127.0.0.1 (tests and
 * fuzzers hand over one end of a socketpair).  The server owns fd from here
 * on and closes it, also when this fails. */
enum err http_server_add_socket(struct http_server *srv, int fd);
/* Stop accepting new connections (first step of a graceful shutdown). */
void http_server_quiesce(struct http_server *srv);
void http_server_stop(struct http_server *srv);

/* Called by the app when a suspended request may be answered; set
 * req->status / req->out first if the commit failed. */
void http_request_resume(struct request *req);

#endif
