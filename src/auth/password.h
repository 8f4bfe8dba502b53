/*
 * password.h - argon2id password hashing (libsodium) and the password policy.
 */
#ifndef MAJAKKA_PASSWORD_H
#define MAJAKKA_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>
#include "core/err.h"

#define PASSWORD_HASH_MAX 128  /* crypto_pwhash_STRBYTES */

/* Initialise libsodium once (thread-safe). */
enum err auth_init(void);
/* Work factors for new hashes (default: libsodium's INTERACTIVE limits). */
void password_set_cost(unsigned long long ops, size_t mem);
/* Use the minimum cost (tests and generated data only). */
void password_set_min_cost(void);
/* Hash pw into out (NUL-terminated argon2id string). */
enum err password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* True when pw matches hash. */
bool password_verify(const char *hash, const char *pw);
/* Spend the same effort as a verify, for unknown users. */
void password_verify_dummy(const char *pw);
bool password_needs_rehash(const char *hash);
/* 12..256 code points, valid UTF-8, not one repeated character.  *why is
 * "too_short", "too_long", "invalid_utf8" or "too_simple" when false. */
bool password_policy_check(const char *pw, const char **why);

#endif
