/*
 * password.c - argon2id hashing via libsodium (see password.h).
 */
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include "auth/password.h"
#include "core/str.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_rc = -1;
static unsigned long long cost_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t cost_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void do_init(void)
{
	init_rc = sodium_init() < 0 ? -1 : 0;
}

enum err auth_init(void)
{
	pthread_once(&once, do_init);
	return init_rc == 0 ? ERR_OK : ERR_UNAVAILABLE;
}

void password_set_cost(unsigned long long ops, size_t mem)
{
	cost_ops = ops;
	cost_mem = mem;
	dummy_hash[0] = 0;
}

void password_set_min_cost(void)
{
	password_set_cost(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

enum err password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	if (auth_init())
		return ERR_UNAVAILABLE;
	if (crypto_pwhash_str(out, pw, strlen(pw), cost_ops, cost_mem) != 0)
		return ERR_NOMEM;
	return ERR_OK;
}

bool password_verify(const char *hash, const char *pw)
{
	if (auth_init() || !hash || !pw)
		return false;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void password_verify_dummy(const char *pw)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	char h[crypto_pwhash_STRBYTES];

	pthread_mutex_lock(&mu);
	if (!dummy_hash[0] && password_hash("dummy password for timing", dummy_hash))
		dummy_hash[0] = 0;
	memcpy(h, dummy_hash, sizeof(h));
	pthread_mutex_unlock(&mu);
	if (h[0])
		(void)password_verify(h, pw ? pw : "");
}

bool password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, cost_ops, cost_mem) != 0;
}

bool password_policy_check(const char *pw, const char **why)
{
	size_t n = pw ? strlen(pw) : 0, chars;
	bool same = true;

	*why = NULL;
	if (!str_utf8_valid(pw ? pw : "", n)) {
		*why = "invalid_utf8";
		return false;
	}
	if (n > 256) {
		*why = "too_long";
		return false;
	}
	chars = str_utf8_len(pw ? pw : "", n);
	if (chars < 12) {
		*why = "too_short";
		return false;
	}
	for (size_t i = 1; i < n; i++)
		if (pw[i] != pw[0])
			same = false;
	if (same) {
		*why = "too_simple";
		return false;
	}
	return true;
}
