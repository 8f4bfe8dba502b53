/*
 * token.h - random tokens (sessions, CSRF), their storage hashes, and the
 * BLAKE2b hash used by the access log's chain.
 */
#ifndef MAJAKKA_TOKEN_H
#define MAJAKKA_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#define TOKEN_BYTES 32
#define TOKEN_STR_MAX 48  /* 43 base64url characters + NUL, rounded up */

/* 32 random bytes as URL-safe base64 without padding (43 characters). */
void token_new(char out[TOKEN_STR_MAX]);
/* Hex BLAKE2b-256 of the string s: what the database stores. */
void token_hash(const char *s, char out_hex[65]);
/* True for exactly 43 URL-safe base64 characters. */
bool token_well_formed(const char *s);
/* Hex HMAC-SHA256 of msg under key. */
void token_hmac(const unsigned char key[32], const char *msg, char out_hex[65]);
void token_random_bytes(void *p, size_t n);

#endif
