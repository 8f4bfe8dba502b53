/*
 * fuzz_forms.c - libFuzzer target: query strings, form bodies and Cookie
 * headers through the same parsers the server uses.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kv kv[REQUEST_MAX_KV];
	size_t n = 0;
	char *s = malloc(size + 1);

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	if (request_parse_urlencoded(s, size, kv, REQUEST_MAX_KV, &n) == ERR_OK)
		request_kv_clear(kv, &n);
	if (request_parse_cookies(s, kv, REQUEST_MAX_KV, &n) == ERR_OK)
		request_kv_clear(kv, &n);
	free(s);
	return 0;
}
