/*
 * fuzz_forms.c - libFuzzer target: query strings, form bodies and Cookie
 * headers through the same parsers the server uses, and the choice of
 * language from the lang cookie and Accept-Language.
 *
 * Invariants (abort() on a breach): a parsed query or form holds valid UTF-8
 * without control characters and survives encoding and parsing again
 * unchanged; a parsed Cookie header yields non-empty names without '=',
 * ';' or leading blanks; the language is always fi, sv or en, and a
 * supported lang cookie wins.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/str.h"
#include "http/request.h"
#include "view/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok)
{
	if (!ok)
		abort();
}

static size_t count_char(const char *s, size_t n, char c)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

/* Printable UTF-8: what the decoder promises (tab, CR and LF allowed). */
static void check_text(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		check(!((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F));
	}
	check(str_utf8_valid(s, n));
}

static void check_urlencoded(const char *s, size_t size)
{
	struct kv kv[REQUEST_MAX_KV], again[REQUEST_MAX_KV];
	size_t n = 0, m = 0, len;
	struct buf b;
	char *enc;

	if (request_parse_urlencoded(s, size, kv, REQUEST_MAX_KV, &n) != ERR_OK)
		return;
	check(n <= REQUEST_MAX_KV && n <= count_char(s, size, '&') + 1);
	buf_init(&b, 64u * 1024 * 1024);
	for (size_t i = 0; i < n; i++) {
		check_text(kv[i].key);
		check_text(kv[i].value);
		if (i)
			buf_appendc(&b, '&');
		buf_append_url(&b, kv[i].key, strlen(kv[i].key));
		buf_appendc(&b, '=');
		buf_append_url(&b, kv[i].value, strlen(kv[i].value));
	}
	enc = buf_detach(&b, &len);
	/* Empty pairs ("&&") vanish, so the encoding has exactly n pairs (when
	 * it stays under the parser's size limit). */
	if (enc && len <= 1024 * 1024) {
		check(request_parse_urlencoded(enc, len, again, REQUEST_MAX_KV, &m) == ERR_OK);
		check(m == n);
		for (size_t i = 0; i < n; i++)
			check(!strcmp(kv[i].key, again[i].key) && !strcmp(kv[i].value, again[i].value));
		request_kv_clear(again, &m);
	}
	free(enc);
	request_kv_clear(kv, &n);
}

static void check_cookies(const char *s)
{
	struct kv kv[REQUEST_MAX_KV];
	const char *lang = NULL, *picked;
	size_t n = 0;

	if (request_parse_cookies(s, kv, REQUEST_MAX_KV, &n) != ERR_OK)
		return;
	check(n <= REQUEST_MAX_KV && n <= count_char(s, strlen(s), ';') + 1);
	for (size_t i = 0; i < n; i++) {
		check(kv[i].key[0] && kv[i].key[0] != ' ' && kv[i].key[0] != '\t');
		check(!strpbrk(kv[i].key, "=;") && !strchr(kv[i].value, ';'));
		if (!lang && !strcmp(kv[i].key, "lang"))
			lang = kv[i].value;
	}
	/* The same text as a lang cookie and as an Accept-Language header. */
	picked = i18n_pick_lang(lang, s);
	check(picked && (!strcmp(picked, "fi") || !strcmp(picked, "sv") || !strcmp(picked, "en")));
	if (lang && i18n_lang_supported(lang))
		check(!strcmp(picked, lang));
	picked = i18n_pick_lang(s, s);
	check(picked && i18n_lang_supported(picked));
	request_kv_clear(kv, &n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	check_urlencoded(s, size);
	check_cookies(s);
	free(s);
	return 0;
}
