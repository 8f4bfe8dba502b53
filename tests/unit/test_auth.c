/*
 * test_auth.c - passwords (argon2id), tokens and their hashes, the login
 * rate limiter (limits, expiry, memory bound, threads).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "auth/password.h"
#include "auth/ratelimit.h"
#include "auth/token.h"

static void test_password(void **state)
{
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	const char *why;
	(void)state;

	assert_int_equal(auth_init(), ERR_OK);
	password_set_min_cost();
	assert_int_equal(password_hash("oikea salasana 1", h1), ERR_OK);
	assert_int_equal(password_hash("oikea salasana 1", h2), ERR_OK);
	assert_true(strncmp(h1, "$argon2id$", 10) == 0);
	assert_string_not_equal(h1, h2);  /* salted */
	assert_true(password_verify(h1, "oikea salasana 1"));
	assert_true(password_verify(h2, "oikea salasana 1"));
	assert_false(password_verify(h1, "oikea salasana 2"));
	assert_false(password_verify("not a hash", "x"));
	password_verify_dummy("whatever");

	assert_false(password_policy_check("lyhyt", &why));
	assert_string_equal(why, "too_short");
	assert_false(password_policy_check("aaaaaaaaaaaaaaaa", &why));
	assert_string_equal(why, "too_simple");
	assert_false(password_policy_check("\xff\xfe salasana salasana", &why));
	assert_string_equal(why, "invalid_utf8");
	char longpw[300];
	memset(longpw, 'x', sizeof(longpw) - 1);
	longpw[299] = 0;
	longpw[0] = 'y';
	assert_false(password_policy_check(longpw, &why));
	assert_string_equal(why, "too_long");
	assert_true(password_policy_check("äöäöäöäöäöäö", &why));  /* 12 characters, 24 bytes */
	assert_false(password_policy_check("äöäöäöäöäöä", &why));   /* 11 characters */
}

static void test_tokens(void **state)
{
	char t[TOKEN_STR_MAX], prev[TOKEN_STR_MAX] = "", h[65], h2[65];
	(void)state;

	for (int i = 0; i < 1000; i++) {
		token_new(t);
		assert_int_equal(strlen(t), 43);
		assert_true(token_well_formed(t));
		assert_string_not_equal(t, prev);
		memcpy(prev, t, sizeof(t));
	}
	token_hash(t, h);
	token_hash(t, h2);
	assert_int_equal(strlen(h), 64);
	assert_string_equal(h, h2);
	assert_string_not_equal(h, t);
	assert_false(token_well_formed("abc"));
	assert_false(token_well_formed("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));    /* 42 */
	assert_false(token_well_formed("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));  /* 44 */
	assert_false(token_well_formed("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+"));
	assert_false(token_well_formed("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));
	/* BLAKE2b-256 of "abc", known answer (RFC 7693 test vectors are for
	 * BLAKE2b-512; this value is from `b2sum -l 256` of the bytes "abc"). */
	token_hash("abc", h);
	assert_string_equal(h, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

static void test_ratelimit(void **state)
{
	struct ratelimit *rl = ratelimit_new(3, 60, 100);
	int64_t wait = -1;
	(void)state;

	assert_true(ratelimit_allowed(rl, "user:a", 1000, &wait));
	ratelimit_fail(rl, "user:a", 1000);
	ratelimit_fail(rl, "user:a", 2000);
	assert_true(ratelimit_allowed(rl, "user:a", 2000, &wait));
	ratelimit_fail(rl, "user:a", 3000);
	assert_false(ratelimit_allowed(rl, "user:a", 3000, &wait));
	assert_int_equal(wait, 58000);  /* the first failure leaves the window at 61000 */
	assert_true(ratelimit_allowed(rl, "user:b", 3000, &wait));  /* other keys unaffected */
	assert_true(ratelimit_allowed(rl, "user:a", 61000, &wait)); /* window passed */
	ratelimit_fail(rl, "user:a", 61000);
	assert_false(ratelimit_allowed(rl, "user:a", 61000, &wait));
	ratelimit_success(rl, "user:a");
	assert_true(ratelimit_allowed(rl, "user:a", 61000, &wait));
	/* Memory bound: 100k distinct keys never exceed the capacity. */
	for (int i = 0; i < 100000; i++) {
		char k[32];
		snprintf(k, sizeof(k), "ip:%d", i);
		ratelimit_fail(rl, k, 100000 + i);
	}
	assert_true(ratelimit_size(rl) <= 100);
	ratelimit_free(rl);
}

/* The per-address limit is 50: every one of them counts (the ring of failure
 * times was once a fixed 32, which silently made the limit 32). */
static void test_ratelimit_large_limit(void **state)
{
	struct ratelimit *rl = ratelimit_new(50, 900, 1000);
	int64_t wait = -1;
	(void)state;

	for (int i = 0; i < 49; i++)
		ratelimit_fail(rl, "ip:192.0.2.1", 1000 + i * 1000);
	assert_true(ratelimit_allowed(rl, "ip:192.0.2.1", 50000, &wait));
	ratelimit_fail(rl, "ip:192.0.2.1", 50000);
	assert_false(ratelimit_allowed(rl, "ip:192.0.2.1", 50000, &wait));
	assert_int_equal(wait, 1000 + 900000 - 50000);  /* until the first leaves the window */
	/* Once the oldest leaves, one more try; its failure closes it again. */
	assert_true(ratelimit_allowed(rl, "ip:192.0.2.1", 901000, &wait));
	ratelimit_fail(rl, "ip:192.0.2.1", 901000);
	assert_false(ratelimit_allowed(rl, "ip:192.0.2.1", 901000, &wait));
	assert_int_equal(wait, 2000 + 900000 - 901000);
	/* Entries moved by removals in a full cluster keep all their times. */
	for (int i = 0; i < 1000; i++) {
		char k[32];
		snprintf(k, sizeof(k), "ip:10.0.%d.%d", i / 250, i % 250);
		for (int f = 0; f < 50; f++)
			ratelimit_fail(rl, k, 950000 + f);
		if (i % 3 == 0)
			ratelimit_success(rl, k);
	}
	for (int i = 0; i < 1000; i++) {
		char k[32];
		snprintf(k, sizeof(k), "ip:10.0.%d.%d", i / 250, i % 250);
		assert_int_equal(ratelimit_allowed(rl, k, 960000, &wait), i % 3 == 0);
	}
	ratelimit_free(rl);
}

static void *hammer(void *p)
{
	struct ratelimit *rl = p;
	int64_t w;
	for (int i = 0; i < 20000; i++) {
		char k[16];
		snprintf(k, sizeof(k), "k%d", i % 97);
		ratelimit_fail(rl, k, i);
		ratelimit_allowed(rl, k, i, &w);
		if (i % 13 == 0)
			ratelimit_success(rl, k);
	}
	return NULL;
}

static void test_ratelimit_threads(void **state)
{
	struct ratelimit *rl = ratelimit_new(5, 10, 50);
	pthread_t th[4];
	(void)state;
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, hammer, rl);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	assert_true(ratelimit_size(rl) <= 50);
	ratelimit_free(rl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_ratelimit),
		cmocka_unit_test(test_ratelimit_large_limit),
		cmocka_unit_test(test_ratelimit_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
