/*
 * request.c - parsing of query strings, forms and cookies, response helpers,
 * and the one mapping of errors to HTTP status codes (see request.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/str.h"
#include "http/request.h"

#define KV_MAX_LEN 65536

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Decode a urlencoded component into a fresh string; validates UTF-8 and
 * rejects control characters other than \n \r \t. */
static enum err decode(const char *s, size_t n, char **out)
{
	char *d = malloc(n + 1);
	size_t j = 0;

	*out = NULL;
	if (!d)
		return ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			d[j++] = ' ';
		} else if (s[i] == '%') {
			int h, l;
			if (i + 2 >= n)
				goto bad;
			h = hexval(s[i + 1]);
			l = hexval(s[i + 2]);
			if (h < 0 || l < 0)
				goto bad;
			d[j++] = (char)(h << 4 | l);
			i += 2;
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = '\0';
	if (strlen(d) != j || !str_utf8_valid(d, j) || str_has_control(d, j))
		goto bad;
	*out = d;
	return ERR_OK;
bad:
	free(d);
	return ERR_INVALID;
}

void request_kv_clear(struct kv *kv, size_t *count)
{
	for (size_t i = 0; i < *count; i++) {
		free(kv[i].key);
		free(kv[i].value);
		kv[i].key = kv[i].value = NULL;
	}
	*count = 0;
}

enum err request_parse_urlencoded(const char *s, size_t n, struct kv *kv, size_t max, size_t *count)
{
	size_t i = 0;
	enum err e = ERR_OK;

	*count = 0;
	if (n > KV_MAX_LEN * 16)
		return ERR_TOO_LARGE;
	while (i < n && !e) {
		size_t start = i, eq = (size_t)-1;
		while (i < n && s[i] != '&') {
			if (s[i] == '=' && eq == (size_t)-1)
				eq = i;
			i++;
		}
		if (i > start) {
			size_t kend = eq == (size_t)-1 ? i : eq;
			if (*count == max) {
				e = ERR_TOO_LARGE;
				break;
			}
			e = decode(s + start, kend - start, &kv[*count].key);
			if (!e) {
				if (eq == (size_t)-1)
					e = decode("", 0, &kv[*count].value);
				else
					e = decode(s + eq + 1, i - eq - 1, &kv[*count].value);
				if (e) {
					free(kv[*count].key);
					kv[*count].key = NULL;
				}
			}
			if (!e)
				(*count)++;
		}
		i++;
	}
	if (e)
		request_kv_clear(kv, count);
	return e;
}

enum err request_parse_cookies(const char *s, struct kv *kv, size_t max, size_t *count)
{
	enum err e = ERR_OK;

	*count = 0;
	while (s && *s && !e) {
		const char *end = strchr(s, ';'), *eq;
		size_t len = end ? (size_t)(end - s) : strlen(s);

		while (len && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		eq = memchr(s, '=', len);
		if (eq && eq > s && *count < max) {
			kv[*count].key = strndup(s, (size_t)(eq - s));
			kv[*count].value = strndup(eq + 1, len - (size_t)(eq - s) - 1);
			if (!kv[*count].key || !kv[*count].value) {
				free(kv[*count].key);
				free(kv[*count].value);
				e = ERR_NOMEM;
				break;
			}
			(*count)++;
		}
		s = end ? end + 1 : NULL;
	}
	if (e)
		request_kv_clear(kv, count);
	return e;
}

static const char *kv_get(const struct kv *kv, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(kv[i].key, key) == 0)
			return kv[i].value;
	return NULL;
}

const char *request_query(struct request *req, const char *name)
{
	return kv_get(req->query, req->nquery, name);
}

const char *request_form(struct request *req, const char *name)
{
	return kv_get(req->form, req->nform, name);
}

enum err request_add_header(struct request *req, const char *name, const char *value)
{
	if (req->nhdr == REQUEST_MAX_HEADERS)
		return ERR_TOO_LARGE;
	req->hdr_name[req->nhdr] = strdup(name);
	req->hdr_value[req->nhdr] = strdup(value);
	if (!req->hdr_name[req->nhdr] || !req->hdr_value[req->nhdr]) {
		free(req->hdr_name[req->nhdr]);
		free(req->hdr_value[req->nhdr]);
		return ERR_NOMEM;
	}
	req->nhdr++;
	return ERR_OK;
}

void request_set(struct request *req, int status, const char *content_type)
{
	req->status = status;
	req->content_type = content_type;
}

int http_status_for(enum err e)
{
	switch (e) {
	case ERR_OK: return 200;
	case ERR_INVALID: return 422;
	case ERR_NOT_FOUND: return 404;
	case ERR_DENIED: return 403;
	case ERR_UNAUTH: return 401;
	case ERR_CONFLICT: return 409;
	case ERR_TOO_LARGE: return 413;
	case ERR_RATE_LIMITED: return 429;
	case ERR_CSRF: return 403;
	case ERR_NOMEM:
	case ERR_UNAVAILABLE:
	/* Storage could not write or sync (disk full, failed fsync): nothing
	 * was saved and the client may try again later. */
	case ERR_IO: return 503;
	case ERR_DB: return 500;
	}
	return 500;
}
