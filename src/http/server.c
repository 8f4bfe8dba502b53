/*
 * server.c - libmicrohttpd adapter (see server.h).  <microhttpd.h> is
 * included here and nowhere else.
 *
 * Known pitfalls of libmicrohttpd 0.9.75 that this file handles itself:
 *  - the access handler is called several times per request; the response is
 *    queued on a later call, never the first, or keep-alive is lost;
 *  - it serves a request smuggled behind Transfer-Encoding + Content-Length
 *    or two Content-Length headers, and accepts HTTP/1.1 without Host or
 *    HTTP/1.0 with Transfer-Encoding: those are checked before dispatch and
 *    answered 400 with Connection: close;
 *  - it mends a malformed head without a word (a space before a header's
 *    colon, obs-fold, a bare LF, a NUL in a value or the path); head_fault
 *    finds each in the read buffer it parsed in place, and refuses it;
 *  - its own error answers (at STRICT_FOR_CLIENT 1, a missing Host) repeat
 *    the status line: the server is run at 0 and answers those itself;
 *  - its timeout counts idle time only, so a client dripping one header byte
 *    a second would hold a connection for ever: a reaper thread shuts down
 *    connections whose request takes longer than the configured bound;
 *  - its edge-triggered epoll loop misses the end of stream when it arrives
 *    together with the last bytes of an unfinished request, so the
 *    connection lingers until the reaper's timeout: the server uses poll(),
 *    which sees it (found by tests/fuzz/fuzz_http.c; wrk measures no loss).
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"
#include "http/server.h"

enum req_state { RS_NEW, RS_BODY, RS_SUSPENDED, RS_READY, RS_SENT };

#define SECURITY_CSP "default-src 'none'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; connect-src 'self'; form-action 'self'; " \
	"frame-ancestors 'none'; base-uri 'none'"

struct static_file {
	char *url;
	char *data;
	size_t len;
	const char *ctype;
	char etag[24];
};

/* One live connection, for the slow-request reaper. */
struct conn {
	int fd;
	int64_t phase_start_ms;  /* connection start or end of previous request */
	bool in_request;
	bool suspended;
	struct conn *prev, *next;
};

struct http_server {
	struct MHD_Daemon *d;
	struct http_config cfg;
	struct http_app app;
	struct static_file *files;
	size_t nfiles;
	pthread_mutex_t conn_mu;
	struct conn *conns;
	pthread_t reaper;
	bool reaper_started;
	volatile bool stopping;
	pthread_mutex_t stop_mu;
	pthread_cond_t stop_cv;
};

/* ---- static files ---------------------------------------------------- */

static const char *ctype_for(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot) return "application/octet-stream";
	if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
	if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".svg")) return "image/svg+xml";
	if (!strcmp(dot, ".png")) return "image/png";
	if (!strcmp(dot, ".ico")) return "image/x-icon";
	if (!strcmp(dot, ".woff2")) return "font/woff2";
	if (!strcmp(dot, ".txt")) return "text/plain; charset=utf-8";
	if (!strcmp(dot, ".json")) return "application/json";
	return "application/octet-stream";
}

static enum err load_file(const char *path, char **data, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat stt;
	enum err e = ERR_OK;
	size_t got = 0;

	*data = NULL;
	if (fd < 0)
		return ERR_NOT_FOUND;
	if (fstat(fd, &stt) || !S_ISREG(stt.st_mode) || stt.st_size > 8 * 1024 * 1024) {
		e = ERR_INVALID;
		goto out;
	}
	*data = malloc((size_t)stt.st_size + 1);
	if (!*data) {
		e = ERR_NOMEM;
		goto out;
	}
	while (got < (size_t)stt.st_size) {
		ssize_t r = read(fd, *data + got, (size_t)stt.st_size - got);
		if (r <= 0) {
			e = ERR_IO;
			goto out;
		}
		got += (size_t)r;
	}
	*len = got;
out:
	if (e) {
		free(*data);
		*data = NULL;
	}
	close(fd);
	return e;
}

static enum err add_static(struct http_server *srv, const char *url, const char *path)
{
	struct static_file *f, *nf;
	unsigned long h = 5381;
	enum err e;

	nf = realloc(srv->files, (srv->nfiles + 1) * sizeof(*nf));
	if (!nf)
		return ERR_NOMEM;
	srv->files = nf;
	f = &srv->files[srv->nfiles];
	memset(f, 0, sizeof(*f));
	e = load_file(path, &f->data, &f->len);
	if (e) {
		log_error("static file %s: cannot load", path);
		return e;
	}
	f->url = strdup(url);
	if (!f->url) {
		free(f->data);
		return ERR_NOMEM;
	}
	f->ctype = ctype_for(path);
	for (size_t i = 0; i < f->len; i++)
		h = h * 33 + (unsigned char)f->data[i];
	snprintf(f->etag, sizeof(f->etag), "\"%lx\"", h);
	srv->nfiles++;
	return ERR_OK;
}

static enum err load_static(struct http_server *srv)
{
	DIR *dir;
	struct dirent *de;
	enum err e = ERR_OK;

	if (srv->cfg.static_dir && (dir = opendir(srv->cfg.static_dir))) {
		while (!e && (de = readdir(dir))) {
			char url[512], path[1024];
			if (de->d_name[0] == '.')
				continue;
			snprintf(url, sizeof(url), "/static/%s", de->d_name);
			snprintf(path, sizeof(path), "%s/%s", srv->cfg.static_dir, de->d_name);
			e = add_static(srv, url, path);
		}
		closedir(dir);
	}
	for (int i = 0; !e && i < 8 && srv->cfg.extra_static[i]; i += 2)
		e = add_static(srv, srv->cfg.extra_static[i], srv->cfg.extra_static[i + 1]);
	return e;
}

static const struct static_file *find_static(struct http_server *srv, const char *url)
{
	for (size_t i = 0; i < srv->nfiles; i++)
		if (!strcmp(srv->files[i].url, url))
			return &srv->files[i];
	return NULL;
}

/* ---- requests --------------------------------------------------------- */

static void request_free(struct request *req)
{
	if (!req)
		return;
	free(req->path);
	free(req->raw_query);
	free(req->raw_uri);
	request_kv_clear(req->query, &req->nquery);
	request_kv_clear(req->form, &req->nform);
	buf_release(&req->body);
	buf_release(&req->out);
	for (int i = 0; i < req->nhdr; i++) {
		free(req->hdr_name[i]);
		free(req->hdr_value[i]);
	}
	free(req);
}

const char *request_header(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *request_cookie(struct request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

struct header_values {
	const char *name;
	const char **out;
	size_t max, n;
};

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *value)
{
	struct header_values *hv = cls;
	(void)kind;
	if (strcasecmp(key, hv->name) || !hv->max)
		return MHD_YES;
	if (hv->n == hv->max) {  /* keep the last max */
		memmove(hv->out, hv->out + 1, (hv->max - 1) * sizeof(*hv->out));
		hv->n--;
	}
	hv->out[hv->n++] = value ? value : "";
	return MHD_YES;
}

size_t request_header_values(struct request *req, const char *name, const char **out, size_t max)
{
	struct header_values hv = { name, out, max, 0 };
	MHD_get_connection_values(req->conn, MHD_HEADER_KIND, collect_header, &hv);
	return hv.n;
}

static void *uri_logger(void *cls, const char *uri, struct MHD_Connection *con)
{
	struct request *req = calloc(1, sizeof(*req));
	(void)cls;
	(void)con;
	if (!req)
		return NULL;
	req->raw_uri = strdup(uri ? uri : "");
	req->started_ms = clock_mono_ms();
	buf_init(&req->body, REQUEST_MAX_BODY);
	buf_init(&req->out, 32u * 1024 * 1024);
	return req;
}

static int path_decode(const char *s, size_t n, char **out)
{
	char *d = malloc(n + 1);
	size_t j = 0;

	if (!d)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%') {
			unsigned v;
			char hx[3];
			if (i + 2 >= n)
				goto bad;
			hx[0] = s[i + 1];
			hx[1] = s[i + 2];
			hx[2] = 0;
			if (!strchr("0123456789abcdefABCDEF", hx[0]) || !strchr("0123456789abcdefABCDEF", hx[1]) ||
			    !hx[0] || !hx[1])
				goto bad;
			v = (unsigned)strtoul(hx, NULL, 16);
			d[j++] = (char)v;
			i += 2;
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = 0;
	if (strlen(d) != j || !str_utf8_valid(d, j) || strstr(d, ".."))
		goto bad;
	/* No control character at all, unlike text fields (str_has_control lets
	 * CR, LF and tab through): a path may end up in a Location header. */
	for (size_t i = 0; i < j; i++)
		if ((unsigned char)d[i] < 0x20 || d[i] == 0x7f)
			goto bad;
	*out = d;
	return 0;
bad:
	free(d);
	return -1;
}

struct hdr_scan {
	int content_length;
	int transfer_encoding;
	int host;
	bool te_chunked_only;
};

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct hdr_scan *s = cls;
	(void)kind;
	if (!strcasecmp(key, "Content-Length"))
		s->content_length++;
	else if (!strcasecmp(key, "Transfer-Encoding")) {
		s->transfer_encoding++;
		s->te_chunked_only = value && !strcasecmp(value, "chunked");
	} else if (!strcasecmp(key, "Host"))
		s->host++;
	return MHD_YES;
}

/* ---- refusals below the router ---------------------------------------- */

/* Whether the answer is for an API client: the rule prepare_request gives the
 * application (an /api/ path, or Accept naming JSON and not HTML), so a
 * refusal here comes in the shape the same request would get from a handler. */
static bool wants_json_for(const char *path, const char *accept)
{
	return (path && !strncmp(path, "/api/", 5)) ||
	       (accept && strstr(accept, "application/json") && !strstr(accept, "text/html"));
}

/* What a browser's page says for each status the server refuses with itself,
 * in the application's default language (the request's own language
 * preference is a header of a request being refused, so it is not read). */
static const char *refusal_title(int status)
{
	switch (status) {
	case 400: return "Virheellinen pyynt\u00f6";
	case 404: return "Sivua tai tietoa ei l\u00f6ytynyt";
	case 405: return "Toimintoa ei tueta";
	case 413: return "L\u00e4hetetty tieto on liian suuri";
	case 503: return "Palvelu ei ole juuri nyt k\u00e4ytett\u00e4viss\u00e4";
	default: return "Virhe";
	}
}

/* The stable code of a refusal: err_code() of the error it stands for, as
 * the application's handlers answer (405 has no enum err of its own). */
static const char *refusal_code(int status)
{
	switch (status) {
	case 400: return err_code(ERR_INVALID);
	case 404: return err_code(ERR_NOT_FOUND);
	case 405: return "method_not_allowed";
	case 413: return err_code(ERR_TOO_LARGE);
	case 503: return err_code(ERR_UNAVAILABLE);
	default: return "error";
	}
}

/* The body of a refusal in *out, in the application's error shape (see
 * api/render.c render_error): {"error":{"code":...,"message":...}} for API
 * clients, else an HTML page with the markup of templates/error.html.  why
 * is a static English sentence of this file (no client data, nothing to
 * escape) that says what to fix.  Returns the content type. */
static const char *refusal_body(struct buf *out, bool json, int status, const char *why)
{
	buf_reset(out);
	if (json) {
		buf_appendf(out, "{\"error\":{\"code\":\"%s\",\"message\":\"%s\"}}",
			    refusal_code(status), why);
		return "application/json";
	}
	buf_appendf(out,
		"<!doctype html>\n<html lang=\"fi\">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>%s \u2013 Majakka</title>\n"
		"<link rel=\"stylesheet\" href=\"/static/app.css\">\n</head>\n<body>\n"
		"<main id=\"main\">\n<section class=\"error-page\">\n  <h1>%s</h1>\n"
		"  <p lang=\"en\">%s</p>\n  <p><a href=\"/\">Takaisin etusivulle</a></p>\n"
		"</section>\n</main>\n</body>\n</html>\n",
		refusal_title(status), refusal_title(status), why);
	return "text/html; charset=utf-8";
}

/* RFC 9110 tchar, what a header name is made of (no locale). */
static bool header_name_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr("!#$%&'*+-.^_`|~", c)))
			return false;
	}
	return true;
}

#define FAULT_LINES "a header line is folded onto the one before (obs-fold), ends in a bare LF " \
	"instead of CRLF, or holds a NUL"
#define FAULT_NAME "a header name holds a space, tab or other character outside RFC 9110's " \
	"token (nothing may stand between a name and its colon)"
#define FAULT_VALUE "a header value holds a control character (only tab may stand in one)"
#define FAULT_TARGET "the request target holds a space, control character or NUL, or the " \
	"request line is not METHOD SP TARGET SP VERSION"

/* Where the walk of the request head has come to (see head_fault). */
struct head_walk {
	uintptr_t at;       /* where the next header line must begin */
	uintptr_t end;      /* just past the blank line that ends the head */
	const char *fault;
};

static enum MHD_Result walk_header(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	struct head_walk *w = cls;
	const char *p, *v;
	(void)kind;

	if ((uintptr_t)key != w->at) {
		w->fault = FAULT_LINES;
		return MHD_NO;
	}
	if (!header_name_ok(key)) {
		w->fault = FAULT_NAME;
		return MHD_NO;
	}
	p = key + strlen(key) + 1;  /* past the colon */
	if (!value || (uintptr_t)value < (uintptr_t)p || (uintptr_t)value >= w->end) {
		w->fault = FAULT_LINES;
		return MHD_NO;
	}
	while (p < value && (*p == ' ' || *p == '\t'))
		p++;
	if (p != value) {
		w->fault = FAULT_LINES;
		return MHD_NO;
	}
	for (v = value; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			w->fault = FAULT_VALUE;
			return MHD_NO;
		}
	}
	/* v is where the CR was; the LF after it is a NUL too */
	if ((uintptr_t)v + 2 > w->end || v[1] != '\0') {
		w->fault = FAULT_LINES;
		return MHD_NO;
	}
	w->at = (uintptr_t)v + 2;
	return MHD_YES;
}

/* What libmicrohttpd 0.9.75 mends without a word, found in what it leaves.
 *
 * It parses the request head in place: the request line and the header lines
 * stay where they arrived in its read buffer, every CRLF overwritten by two
 * NULs and every header's colon by one, and the method, URL, version, names
 * and values it hands out point there.  It quietly accepts what a strict
 * parser refuses: a space between a header name and its colon becomes part
 * of the name ("Content-Length " then frames nothing, and the body is read as
 * a second request), an obs-fold line is glued onto the header before it, a
 * bare LF ends a line, and a NUL cuts a name, value or path short.  None of
 * that shows in the strings, but it shows in where they are: walking the head
 * from the method, the target must follow the method after one space, the
 * version the target after one space, each header must begin exactly where
 * the line before ended, and the blank line must end exactly header_size
 * bytes after the method.  A folded line, a bare LF or a NUL leaves a gap or
 * moves a string.  (One thing cannot be told apart: a NUL right before a bare
 * LF leaves the same two NULs as CRLF.)
 *
 * Should a later libmicrohttpd stop parsing in place, every request fails
 * here, closed rather than open, and tests/e2e/http.t says so at once.
 * Returns NULL, or what is wrong (for the client). */
static const char *head_fault(struct MHD_Connection *con, const struct request *req,
			      const char *url, const char *method, const char *version)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(con, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	size_t ulen = strlen(req->raw_uri);
	struct head_walk w;
	const char *v;

	for (size_t i = 0; i < ulen; i++) {
		unsigned char c = (unsigned char)req->raw_uri[i];
		if (c <= 0x20 || c == 0x7f)
			return FAULT_TARGET;
	}
	if (!ci || url != method + strlen(method) + 1 || version != url + ulen + 1)
		return FAULT_TARGET;
	w.end = (uintptr_t)method + ci->header_size;
	v = version + strlen(version);
	if ((uintptr_t)v + 2 > w.end || v[1] != '\0')
		return FAULT_LINES;
	w.at = (uintptr_t)v + 2;
	w.fault = NULL;
	MHD_get_connection_values(con, MHD_HEADER_KIND, walk_header, &w);
	if (w.fault)
		return w.fault;
	if (w.at + 2 != w.end || ((const char *)w.at)[0] || ((const char *)w.at)[1])
		return FAULT_LINES;
	return NULL;
}

/* Checks made once the request head has arrived, before any of it reaches
 * the application.  Returns 0, or the status to refuse with (and close) and
 * in *why what to fix. */
static int check_head(struct MHD_Connection *con, const struct request *req, const char *url,
		      const char *method, const char *version, const char **why)
{
	struct hdr_scan s = { 0 };

	*why = head_fault(con, req, url, method, version);
	if (*why)
		return 400;
	*why = "Host, Content-Length or Transfer-Encoding is missing, repeated or in conflict";
	MHD_get_connection_values(con, MHD_HEADER_KIND, scan_header, &s);
	if (s.content_length > 1 || (s.transfer_encoding && s.content_length))
		return 400;
	if (s.transfer_encoding > 1 || (s.transfer_encoding && !s.te_chunked_only))
		return 400;
	/* Every HTTP/1.x but 1.0 needs Host; libmicrohttpd reads 1.2 as 1.1. */
	if (s.host > 1 || (s.host != 1 && strcmp(version, MHD_HTTP_VERSION_1_0)))
		return 400;
	/* HTTP/1.0 has no Transfer-Encoding: a 1.0 peer (or a proxy in between)
	 * frames the body by Content-Length or the end of the connection, this
	 * server would frame it as chunked. */
	if (s.transfer_encoding && !strcmp(version, MHD_HTTP_VERSION_1_0)) {
		*why = "Transfer-Encoding is not part of HTTP/1.0";
		return 400;
	}
	if (strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "POST") &&
	    strcmp(method, "PUT") && strcmp(method, "PATCH") && strcmp(method, "DELETE")) {
		*why = "this method is not served here";
		return 405;
	}
	return 0;
}

static enum err prepare_request(struct http_server *srv, struct request *req,
				struct MHD_Connection *con, const char *method)
{
	const char *q = strchr(req->raw_uri, '?');
	size_t plen = q ? (size_t)(q - req->raw_uri) : strlen(req->raw_uri);
	const union MHD_ConnectionInfo *ci;
	const char *accept, *hx;
	enum err e;

	req->conn = con;
	req->app = srv->app.ctx;
	str_lcpy(req->method, method, sizeof(req->method));
	if (plen == 0 || req->raw_uri[0] != '/' || path_decode(req->raw_uri, plen, &req->path))
		return ERR_INVALID;
	req->raw_query = strdup(q ? q + 1 : "");
	if (!req->raw_query)
		return ERR_NOMEM;
	e = request_parse_urlencoded(req->raw_query, strlen(req->raw_query), req->query,
				     REQUEST_MAX_KV, &req->nquery);
	if (e)
		return e;
	ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, req->ip, sizeof(req->ip));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, req->ip, sizeof(req->ip));
	}
	accept = request_header(req, "Accept");
	req->wants_json = !strncmp(req->path, "/api/", 5) ||
			  (accept && strstr(accept, "application/json") && !strstr(accept, "text/html"));
	hx = request_header(req, "HX-Request");
	req->htmx = hx && !strcmp(hx, "true");
	return ERR_OK;
}

static void add_common_headers(struct MHD_Response *r, bool is_static)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	/* same-origin, not no-referrer: with no-referrer browsers send "Origin: null"
	 * on same-site form posts, which the CSRF origin check must refuse. */
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Content-Security-Policy", SECURITY_CSP);
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	/* Majakka runs behind a TLS proxy: browsers keep to HTTPS for a year.
	 * Over plain HTTP (development on localhost) browsers ignore the header. */
	MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	/* Current browsers have no XSS filter and ignore this; old ones block the
	 * whole page instead of editing it (mode=block), which cannot switch off
	 * one of our scripts, and a blocked page cannot be observed from another
	 * site because nothing here may be framed. */
	MHD_add_response_header(r, "X-XSS-Protection", "1; mode=block");
	if (!is_static)
		MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result queue_request_response(struct MHD_Connection *con, struct request *req)
{
	size_t len;
	char *body = buf_detach(&req->out, &len);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret;

	if (!r) {
		free(body);
		return MHD_NO;
	}
	add_common_headers(r, false);
	MHD_add_response_header(r, "Content-Type",
				req->content_type ? req->content_type : "text/plain; charset=utf-8");
	for (int i = 0; i < req->nhdr; i++)
		MHD_add_response_header(r, req->hdr_name[i], req->hdr_value[i]);
	if (req->close)
		MHD_add_response_header(r, "Connection", "close");
	ret = MHD_queue_response(con, (unsigned)(req->status ? req->status : 500), r);
	MHD_destroy_response(r);
	req->state = RS_SENT;
	return ret;
}

/* Set req's answer to a refusal below the router, in the application's
 * error shape (refusal_body); close_conn answers with Connection: close. */
static void refusal_set(struct MHD_Connection *con, struct request *req, int status,
			const char *why, bool close_conn)
{
	const char *accept = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Accept");

	log_debug("refused with %d: %s", status, why);
	req->content_type = refusal_body(&req->out, wants_json_for(req->raw_uri, accept), status, why);
	req->status = status;
	req->close = close_conn;
}

/* Refuse at once (refusal_set); a refusal queued before the body is read
 * also makes libmicrohttpd read no more of this connection.  req may be
 * NULL (no memory for it). */
static enum MHD_Result refuse(struct MHD_Connection *con, struct request *req, int status,
			      const char *why, bool close_conn)
{
	struct request none;

	if (!req) {
		memset(&none, 0, sizeof(none));
		buf_init(&none.out, 4096);
		req = &none;
	}
	refusal_set(con, req, status, why, close_conn);
	return queue_request_response(con, req);
}

static enum MHD_Result serve_static(struct MHD_Connection *con, const struct static_file *f)
{
	const char *inm = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-None-Match");
	struct MHD_Response *r;
	enum MHD_Result ret;
	unsigned status = MHD_HTTP_OK;

	if (inm && !strcmp(inm, f->etag)) {
		r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		status = MHD_HTTP_NOT_MODIFIED;
	} else {
		r = MHD_create_response_from_buffer(f->len, f->data, MHD_RESPMEM_PERSISTENT);
	}
	if (!r)
		return MHD_NO;
	add_common_headers(r, true);
	MHD_add_response_header(r, "Content-Type", f->ctype);
	MHD_add_response_header(r, "ETag", f->etag);
	MHD_add_response_header(r, "Cache-Control", "public, max-age=300");
	ret = MHD_queue_response(con, status, r);
	MHD_destroy_response(r);
	return ret;
}

static struct conn *conn_of(struct MHD_Connection *con)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

static void conn_mark(struct http_server *srv, struct MHD_Connection *con, bool in_request,
		      bool suspended)
{
	struct conn *c = conn_of(con);
	if (!c)
		return;
	pthread_mutex_lock(&srv->conn_mu);
	if (!in_request && c->in_request)
		c->phase_start_ms = clock_mono_ms();
	if (in_request && !c->in_request)
		c->phase_start_ms = c->phase_start_ms;  /* request time counts from the head's start */
	c->in_request = in_request;
	c->suspended = suspended;
	pthread_mutex_unlock(&srv->conn_mu);
}

static enum MHD_Result handler(void *cls, struct MHD_Connection *con, const char *url,
			       const char *method, const char *version, const char *upload_data,
			       size_t *upload_data_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct request *req = *con_cls;
	const char *why;
	int refusal;

	if (!req || !req->raw_uri)
		return refuse(con, req, 503, "the server is out of memory: try again in a moment", true);

	switch (req->state) {
	case RS_NEW:
		conn_mark(srv, con, true, false);
		refusal = check_head(con, req, url, method, version, &why);
		if (refusal)
			return refuse(con, req, refusal, why, true);
		{
			const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Length");
			int64_t n;
			if (cl && (str_to_i64(cl, 0, INT64_MAX, &n) || n > (int64_t)REQUEST_MAX_BODY))
				return refuse(con, req, 413, "the request body is larger than 1 MiB", true);
		}
		req->state = RS_BODY;
		return MHD_YES;

	case RS_BODY:
		if (*upload_data_size) {
			if (buf_append(&req->body, upload_data, *upload_data_size)) {
				*upload_data_size = 0;
				req->state = RS_READY;
				refusal_set(con, req, 413, "the request body is larger than 1 MiB", true);
				return MHD_YES;
			}
			*upload_data_size = 0;
			return MHD_YES;
		}
		if (!strcmp(method, "GET") || !strcmp(method, "HEAD")) {
			const char *q = strchr(req->raw_uri, '?');
			size_t plen = q ? (size_t)(q - req->raw_uri) : strlen(req->raw_uri);
			if (plen > 8 && !strncmp(req->raw_uri, "/static/", 8)) {
				char path[512];
				const struct static_file *f = NULL;
				req->state = RS_SENT;
				if (plen < sizeof(path)) {
					memcpy(path, req->raw_uri, plen);
					path[plen] = 0;
					f = find_static(srv, path);
				}
				if (!f)
					return refuse(con, req, 404, "there is no such static file", false);
				return serve_static(con, f);
			}
		}
		{
			enum err e = prepare_request(srv, req, con, method);
			if (e == ERR_NOMEM)
				return refuse(con, req, 503, "the server is out of memory: try again in a moment", true);
			if (e)
				return refuse(con, req, 400, "the path or query is not valid percent-encoded UTF-8 "
					      "without control characters", true);
		}
		srv->app.dispatch(req);
		if (req->commit && srv->app.commit) {
			req->state = RS_SUSPENDED;
			conn_mark(srv, con, true, true);
			MHD_suspend_connection(con);
			if (srv->app.commit(req)) {
				/* Could not even queue the log write: answer 503. */
				refusal_set(con, req, 503, "the access log cannot be written: try again in a moment",
					    false);
				req->state = RS_READY;
				MHD_resume_connection(con);
			}
			return MHD_YES;
		}
		return queue_request_response(con, req);

	case RS_SUSPENDED:
		/* Spurious call while waiting: nothing to do yet. */
		if (*upload_data_size)
			*upload_data_size = 0;
		return MHD_YES;

	case RS_READY:
		if (*upload_data_size) {
			*upload_data_size = 0;
			return MHD_YES;
		}
		conn_mark(srv, con, true, false);
		return queue_request_response(con, req);

	case RS_SENT:
	default:
		return MHD_NO;
	}
}

void http_request_resume(struct request *req)
{
	req->state = RS_READY;
	MHD_resume_connection(req->conn);
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct request *req = *con_cls;
	(void)toe;
	if (req) {
		if (srv->app.release)
			srv->app.release(req);
		request_free(req);
	}
	*con_cls = NULL;
	conn_mark(srv, con, false, false);
}

static void notify_conn(void *cls, struct MHD_Connection *con, void **socket_context,
			enum MHD_ConnectionNotificationCode toe)
{
	struct http_server *srv = cls;
	struct conn *c;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
			MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
		c = calloc(1, sizeof(*c));
		if (!c)
			return;
		c->fd = ci ? ci->connect_fd : -1;
		c->phase_start_ms = clock_mono_ms();
		pthread_mutex_lock(&srv->conn_mu);
		c->next = srv->conns;
		if (srv->conns)
			srv->conns->prev = c;
		srv->conns = c;
		pthread_mutex_unlock(&srv->conn_mu);
		*socket_context = c;
	} else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		c = *socket_context;
		if (!c)
			return;
		pthread_mutex_lock(&srv->conn_mu);
		if (c->prev)
			c->prev->next = c->next;
		else
			srv->conns = c->next;
		if (c->next)
			c->next->prev = c->prev;
		pthread_mutex_unlock(&srv->conn_mu);
		free(c);
		*socket_context = NULL;
	}
}

/* Shut down connections whose request takes too long to arrive (slow drip)
 * or that sit idle between requests past the header bound. */
static void *reaper_main(void *arg)
{
	struct http_server *srv = arg;

	pthread_mutex_lock(&srv->stop_mu);
	while (!srv->stopping) {
		struct timespec ts;
		int64_t now;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 250 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&srv->stop_cv, &srv->stop_mu, &ts);
		now = clock_mono_ms();
		pthread_mutex_lock(&srv->conn_mu);
		for (struct conn *c = srv->conns; c; c = c->next) {
			int64_t age = now - c->phase_start_ms;
			bool late = c->in_request ? (!c->suspended && age > srv->cfg.request_timeout_ms)
						  : age > srv->cfg.header_timeout_ms;
			if (late && c->fd >= 0) {
				shutdown(c->fd, SHUT_RDWR);
				c->fd = -1;
			}
		}
		pthread_mutex_unlock(&srv->conn_mu);
	}
	pthread_mutex_unlock(&srv->stop_mu);
	return NULL;
}

/* libmicrohttpd's own messages, as warnings in the one log format. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\r\n")] = 0;
	log_warn("libmicrohttpd: %s", line);
}

void http_config_defaults(struct http_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->address = "127.0.0.1";
	cfg->port = 8080;
	cfg->threads = 2;
	cfg->conn_limit = 2048;
	cfg->per_ip_limit = 512;
	cfg->idle_timeout_s = 30;
	cfg->header_timeout_ms = 10000;
	cfg->request_timeout_ms = 30000;
	cfg->conn_memory = 64 * 1024;
}

enum err http_server_start(struct http_server **out, const struct http_config *cfg,
			   const struct http_app *app)
{
	struct http_server *srv = calloc(1, sizeof(*srv));
	struct sockaddr_storage ss;
	socklen_t sslen;
	enum err e = ERR_OK;

	*out = NULL;
	if (!srv)
		return ERR_NOMEM;
	srv->cfg = *cfg;
	srv->app = *app;
	pthread_mutex_init(&srv->conn_mu, NULL);
	pthread_mutex_init(&srv->stop_mu, NULL);
	pthread_cond_init(&srv->stop_cv, NULL);
	memset(&ss, 0, sizeof(ss));
	if (strchr(cfg->address, ':')) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(cfg->port);
		if (inet_pton(AF_INET6, cfg->address, &s6->sin6_addr) != 1)
			e = ERR_INVALID;
		sslen = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		s4->sin_family = AF_INET;
		s4->sin_port = htons(cfg->port);
		if (inet_pton(AF_INET, cfg->address, &s4->sin_addr) != 1)
			e = ERR_INVALID;
		sslen = sizeof(*s4);
	}
	(void)sslen;
	if (e) {
		log_error("invalid listen address %s", cfg->address);
		goto out;
	}
	e = load_static(srv);
	if (e)
		goto out;
	srv->d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_ALLOW_SUSPEND_RESUME |
			MHD_USE_ERROR_LOG | (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
		cfg->port, NULL, NULL, handler, srv,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv,  /* first: options log too */
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)cfg->threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)cfg->conn_limit,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)cfg->per_ip_limit,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)cfg->idle_timeout_s,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->conn_memory,
		/* 0, not 1: at 1 it answers a request without Host itself, with
		 * its status line twice, and closes on a space in the target
		 * without an answer; check_head refuses both, and more. */
		MHD_OPTION_STRICT_FOR_CLIENT, (int)0,
		MHD_OPTION_URI_LOG_CALLBACK, uri_logger, srv,
		MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
		MHD_OPTION_NOTIFY_CONNECTION, notify_conn, srv,
		MHD_OPTION_END);
	if (!srv->d) {
		log_error("cannot listen on %s:%u: %s", cfg->address, cfg->port, strerror(errno));
		e = ERR_IO;
		goto out;
	}
	if (pthread_create(&srv->reaper, NULL, reaper_main, srv) == 0)
		srv->reaper_started = true;
out:
	if (e) {
		http_server_stop(srv);
		return e;
	}
	*out = srv;
	return ERR_OK;
}

uint16_t http_server_port(struct http_server *srv)
{
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
	return di ? di->port : 0;
}

enum err http_server_add_socket(struct http_server *srv, int fd)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	/* libmicrohttpd closes fd itself when it cannot take the connection. */
	if (MHD_add_connection(srv->d, fd, (const struct sockaddr *)&sin, sizeof(sin)) != MHD_YES)
		return ERR_IO;
	return ERR_OK;
}

void http_server_quiesce(struct http_server *srv)
{
	if (srv && srv->d) {
		MHD_socket s = MHD_quiesce_daemon(srv->d);
		if (s != MHD_INVALID_SOCKET)
			close(s);
	}
}

void http_server_stop(struct http_server *srv)
{
	if (!srv)
		return;
	pthread_mutex_lock(&srv->stop_mu);
	srv->stopping = true;
	pthread_cond_broadcast(&srv->stop_cv);
	pthread_mutex_unlock(&srv->stop_mu);
	if (srv->reaper_started)
		pthread_join(srv->reaper, NULL);
	if (srv->d)
		MHD_stop_daemon(srv->d);
	for (size_t i = 0; i < srv->nfiles; i++) {
		free(srv->files[i].url);
		free(srv->files[i].data);
	}
	free(srv->files);
	pthread_mutex_destroy(&srv->conn_mu);
	pthread_mutex_destroy(&srv->stop_mu);
	pthread_cond_destroy(&srv->stop_cv);
	free(srv);
}
