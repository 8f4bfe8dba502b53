/*
 * token.c - random tokens and hashes via libsodium (see token.h).
 */
#include <sodium.h>
#include <string.h>
#include "auth/password.h"
#include "auth/token.h"
#include "core/str.h"

void token_new(char out[TOKEN_STR_MAX])
{
	unsigned char raw[TOKEN_BYTES];
	auth_init();
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_STR_MAX, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void token_hash(const char *s, char out_hex[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)s, strlen(s), NULL, 0);
	str_hex(h, sizeof(h), out_hex);
}

bool token_well_formed(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return false;
		if (n > 43)
			return false;
	}
	return n == 43;
}

void token_hmac(const unsigned char key[32], const char *msg, char out_hex[65])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	str_hex(mac, sizeof(mac), out_hex);
}

void token_random_bytes(void *p, size_t n)
{
	auth_init();
	randombytes_buf(p, n);
}
