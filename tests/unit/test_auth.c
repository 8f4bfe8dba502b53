/*
 * test_auth.c - passwords (argon2id), tokens and their hashes, the login
 * limits on a clock the tests move (delays, forgetting, spraying, attempts
 * in flight, memory bound, threads), trusted proxies and X-Forwarded-For.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "auth/password.h"
#include "auth/loginlimit.h"
#include "auth/proxy.h"
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

/* ---- login limits (auth/loginlimit.h), on a clock the tests move ---------- */

#define SEC 1000
#define MIN (60 * SEC)

static enum loginlimit_verdict try_at(struct loginlimit *ll, const char *user, const char *addr, int64_t now,
				      int64_t *retry)
{
	return loginlimit_begin(ll, user, addr, now, retry);
}

/* A wrong password from addr at now; asserts it was let in. */
static void fail_at(struct loginlimit *ll, const char *user, const char *addr, int64_t now)
{
	int64_t retry = -1;
	assert_int_equal(loginlimit_begin(ll, user, addr, now, &retry), LOGINLIMIT_OK);
	assert_int_equal(retry, 0);
	loginlimit_failed(ll, user, addr, now);
}

static struct loginlimit *limiter(void)
{
	struct loginlimit_config c;
	struct loginlimit *ll;
	loginlimit_config_default(&c);
	ll = loginlimit_new(&c);
	assert_non_null(ll);
	return ll;
}

/* Five failures are free; then 1 s, 2 s, 4 s ... after the last failure, up
 * to 15 minutes; a success clears the pair. */
static void test_loginlimit_pair_delays(void **state)
{
	struct loginlimit *ll = limiter();
	int64_t t = 10 * SEC, retry = -1, want = SEC;
	(void)state;

	for (int i = 0; i < 5; i++)
		fail_at(ll, "sanna", "192.0.2.1", t);
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", t, &retry), LOGINLIMIT_PAIR);
	assert_int_equal(retry, SEC);
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", t + 400, &retry), LOGINLIMIT_PAIR);
	assert_int_equal(retry, 600);
	/* Refused attempts are not failures: asking again does not lengthen the wait. */
	for (int i = 0; i < 100; i++)
		try_at(ll, "sanna", "192.0.2.1", t + 500, &retry);
	assert_int_equal(retry, 500);
	/* Each further failure doubles the wait, up to 15 minutes. */
	for (int i = 0; i < 14; i++) {
		t += want;
		fail_at(ll, "sanna", "192.0.2.1", t);
		want = want * 2 < 15 * MIN ? want * 2 : 15 * MIN;
		assert_int_equal(try_at(ll, "sanna", "192.0.2.1", t, &retry), LOGINLIMIT_PAIR);
		assert_int_equal(retry, want);
	}
	assert_int_equal(want, 15 * MIN);
	/* Others are untouched: the same account from another address, another
	 * account from this one. */
	assert_int_equal(try_at(ll, "sanna", "192.0.2.2", t, &retry), LOGINLIMIT_OK);
	loginlimit_succeeded(ll, "sanna", "192.0.2.2");
	assert_int_equal(try_at(ll, "paula", "192.0.2.1", t, &retry), LOGINLIMIT_OK);
	loginlimit_succeeded(ll, "paula", "192.0.2.1");
	/* After the wait, a right password clears the pair: five free again. */
	t += 15 * MIN;
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", t, &retry), LOGINLIMIT_OK);
	loginlimit_succeeded(ll, "sanna", "192.0.2.1");
	for (int i = 0; i < 5; i++)
		fail_at(ll, "sanna", "192.0.2.1", t);
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", t, &retry), LOGINLIMIT_PAIR);
	loginlimit_free(ll);
}

/* One failure is forgotten per 15 minutes without failures, and the wait
 * reported is the first moment an attempt is let in, forgetting included. */
static void test_loginlimit_forgets(void **state)
{
	struct loginlimit_config c;
	struct loginlimit *ll = limiter();
	int64_t t = 0, retry;
	(void)state;

	for (int i = 0; i < 5; i++)
		fail_at(ll, "sanna", "192.0.2.1", t);
	t += SEC;
	fail_at(ll, "sanna", "192.0.2.1", t);
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", t, &retry), LOGINLIMIT_PAIR);
	assert_int_equal(retry, 2 * SEC);
	/* 15 minutes later one is forgotten (5 left, the wait of 1 s long over);
	 * a failure then makes 6 again, not 7. */
	t += 15 * MIN;
	fail_at(ll, "sanna", "192.0.2.1", t);
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", t, &retry), LOGINLIMIT_PAIR);
	assert_int_equal(retry, 2 * SEC);
	/* An hour and a half of quiet forgets them all: five free again. */
	t += 90 * MIN;
	for (int i = 0; i < 5; i++)
		fail_at(ll, "sanna", "192.0.2.1", t);
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", t, &retry), LOGINLIMIT_PAIR);
	loginlimit_free(ll);

	/* Forgetting faster than the wait: 1 free, 1 s doubling to 100 s, one
	 * forgotten per 10 s.  Five failures would wait 16 s, but at 10 s one is
	 * forgotten and four wait only 8 s, so the door opens at 10 s. */
	loginlimit_config_default(&c);
	c.pair = (struct loginlimit_rule){ 1, SEC, 100 * SEC, 10 * SEC };
	ll = loginlimit_new(&c);
	for (int i = 0; i < 5; i++) {
		loginlimit_begin(ll, "u", "192.0.2.9", 0, &retry);
		loginlimit_failed(ll, "u", "192.0.2.9", 0);
	}
	assert_int_equal(try_at(ll, "u", "192.0.2.9", 0, &retry), LOGINLIMIT_PAIR);
	assert_int_equal(retry, 10 * SEC);
	assert_int_equal(try_at(ll, "u", "192.0.2.9", 10 * SEC - 1, &retry), LOGINLIMIT_PAIR);
	assert_int_equal(retry, 1);
	assert_int_equal(try_at(ll, "u", "192.0.2.9", 10 * SEC, &retry), LOGINLIMIT_OK);
	loginlimit_cancelled(ll, "u", "192.0.2.9");
	loginlimit_free(ll);
}

/* One address trying many accounts: 20 failures free, then its delays,
 * whichever account it names; other addresses are not slowed. */
static void test_loginlimit_address(void **state)
{
	struct loginlimit *ll = limiter();
	int64_t t = 5 * SEC, retry;
	char user[32];
	(void)state;

	for (int i = 0; i < 20; i++) {
		snprintf(user, sizeof(user), "user%d", i);
		fail_at(ll, user, "198.51.100.7", t);
	}
	assert_int_equal(try_at(ll, "sanna", "198.51.100.7", t, &retry), LOGINLIMIT_ADDRESS);
	assert_int_equal(retry, SEC);
	assert_int_equal(try_at(ll, "sanna", "198.51.100.8", t, &retry), LOGINLIMIT_OK);
	loginlimit_succeeded(ll, "sanna", "198.51.100.8");
	/* A success from the address does not excuse its failures. */
	t += SEC;
	assert_int_equal(try_at(ll, "sanna", "198.51.100.7", t, &retry), LOGINLIMIT_OK);
	loginlimit_succeeded(ll, "sanna", "198.51.100.7");
	fail_at(ll, "user99", "198.51.100.7", t);
	assert_int_equal(try_at(ll, "sanna", "198.51.100.7", t, &retry), LOGINLIMIT_ADDRESS);
	assert_int_equal(retry, 2 * SEC);
	/* One failure is forgotten per 5 minutes. */
	assert_int_equal(try_at(ll, "sanna", "198.51.100.7", t + 5 * MIN, &retry), LOGINLIMIT_OK);
	loginlimit_cancelled(ll, "sanna", "198.51.100.7");
	loginlimit_free(ll);
}

/* 100 failures a minute across all accounts is spraying: then an address
 * that has failed waits 1 s, 2 s ... after its last failure, but an address
 * that has not failed is never slowed. */
static void test_loginlimit_spraying(void **state)
{
	struct loginlimit *ll = limiter();
	int64_t t = 1000 * SEC, retry;
	char addr[32];
	(void)state;

	fail_at(ll, "sanna", "203.0.113.1", t);  /* a typo, before the spraying */
	for (int i = 0; i < 98; i++) {
		snprintf(addr, sizeof(addr), "10.1.%d.%d", i / 200, i % 200);
		fail_at(ll, "paula", addr, t + i * 100);
	}
	assert_false(loginlimit_spraying(ll, t + 10 * SEC));
	/* Below the ceiling one failure costs no wait. */
	assert_int_equal(try_at(ll, "sanna", "203.0.113.1", t + 10 * SEC, &retry), LOGINLIMIT_OK);
	loginlimit_cancelled(ll, "sanna", "203.0.113.1");
	fail_at(ll, "paula", "10.9.9.9", t + 10 * SEC);  /* the 100th */
	assert_true(loginlimit_spraying(ll, t + 10 * SEC));

	/* An address that has not failed: in, every time, with any account. */
	for (int i = 0; i < 3; i++) {
		assert_int_equal(try_at(ll, "sanna", "203.0.113.2", t + 10 * SEC, &retry), LOGINLIMIT_OK);
		loginlimit_succeeded(ll, "sanna", "203.0.113.2");
	}
	/* The sprayers: each has failed once, and waits 1 s from it. */
	assert_int_equal(try_at(ll, "paula", "10.9.9.9", t + 10 * SEC, &retry), LOGINLIMIT_SPRAY);
	assert_int_equal(retry, SEC);
	assert_int_equal(try_at(ll, "raimo", "10.9.9.9", t + 10 * SEC + 300, &retry), LOGINLIMIT_SPRAY);
	assert_int_equal(retry, 700);
	fail_at(ll, "raimo", "10.9.9.9", t + 11 * SEC);
	assert_int_equal(try_at(ll, "raimo", "10.9.9.9", t + 11 * SEC, &retry), LOGINLIMIT_SPRAY);
	assert_int_equal(retry, 2 * SEC);
	/* sanna's typo was long before: she is let in at once. */
	assert_int_equal(try_at(ll, "sanna", "203.0.113.1", t + 11 * SEC, &retry), LOGINLIMIT_OK);
	loginlimit_succeeded(ll, "sanna", "203.0.113.1");
	/* A minute without failures ends it. */
	assert_false(loginlimit_spraying(ll, t + 72 * SEC));
	assert_int_equal(try_at(ll, "raimo", "10.9.9.9", t + 72 * SEC, &retry), LOGINLIMIT_OK);
	loginlimit_cancelled(ll, "raimo", "10.9.9.9");
	loginlimit_free(ll);
}

/* Attempts being checked count as failures: 50 guesses sent at once get 5
 * checked, not 50. */
static void test_loginlimit_in_flight(void **state)
{
	struct loginlimit *ll = limiter();
	int64_t retry;
	int in = 0;
	(void)state;

	for (int i = 0; i < 50; i++)
		in += try_at(ll, "sanna", "192.0.2.1", 0, &retry) == LOGINLIMIT_OK;
	assert_int_equal(in, 5);
	assert_int_equal(retry, SEC);
	/* One could not be checked (storage down): its place is free again. */
	loginlimit_cancelled(ll, "sanna", "192.0.2.1");
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", 0, &retry), LOGINLIMIT_OK);
	/* One of them right: the pair is cleared, the others still in flight. */
	loginlimit_succeeded(ll, "sanna", "192.0.2.1");
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", 0, &retry), LOGINLIMIT_OK);
	for (int i = 0; i < 5; i++)
		loginlimit_failed(ll, "sanna", "192.0.2.1", 0);
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", 0, &retry), LOGINLIMIT_PAIR);
	loginlimit_free(ll);
}

/* Addresses count as one whatever their spelling, and IPv6 by its /64. */
static void test_loginlimit_address_forms(void **state)
{
	struct loginlimit *ll = limiter();
	int64_t retry;
	(void)state;

	for (int i = 0; i < 5; i++)
		fail_at(ll, "sanna", i % 2 ? "::ffff:192.0.2.1" : "192.0.2.1", 0);
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", 0, &retry), LOGINLIMIT_PAIR);
	for (int i = 0; i < 5; i++)
		fail_at(ll, "sanna", i % 2 ? "2001:db8:1:2::1" : "2001:db8:1:2:ffff:ffff:ffff:ffff", 0);
	assert_int_equal(try_at(ll, "sanna", "2001:db8:1:2::abcd", 0, &retry), LOGINLIMIT_PAIR);
	assert_int_equal(try_at(ll, "sanna", "2001:db8:1:3::1", 0, &retry), LOGINLIMIT_OK);
	loginlimit_cancelled(ll, "sanna", "2001:db8:1:3::1");
	/* Not an address (no peer address known): counted as its text. */
	for (int i = 0; i < 5; i++)
		fail_at(ll, "sanna", "", 0);
	assert_int_equal(try_at(ll, "sanna", "", 0, &retry), LOGINLIMIT_PAIR);
	loginlimit_free(ll);
}

/* The tables never grow past their bounds, and entries moved when others
 * are removed from a crowded table keep their counts. */
static void test_loginlimit_bounded(void **state)
{
	struct loginlimit_config c;
	struct loginlimit *ll;
	size_t pairs, addrs;
	int64_t retry;
	char addr[32];
	(void)state;

	loginlimit_config_default(&c);
	c.max_pairs = 100;
	c.max_addresses = 50;
	c.spray_per_minute = 1000000;  /* (10,000 failures in 10 s would be spraying) */
	ll = loginlimit_new(&c);
	for (int i = 0; i < 10000; i++) {
		snprintf(addr, sizeof(addr), "10.%d.%d.%d", i / 65536, i / 256 % 256, i % 256);
		loginlimit_begin(ll, "sanna", addr, i, &retry);
		loginlimit_failed(ll, "sanna", addr, i);
	}
	loginlimit_counts(ll, &pairs, &addrs);
	assert_true(pairs <= 100 && pairs > 0);
	assert_true(addrs <= 50 && addrs > 0);
	/* The most recently active survive; the oldest gave way. */
	fail_at(ll, "sanna", "192.0.2.1", 20000);
	for (int i = 0; i < 4; i++)
		fail_at(ll, "sanna", "192.0.2.1", 20000);
	assert_int_equal(try_at(ll, "sanna", "192.0.2.1", 20000, &retry), LOGINLIMIT_PAIR);
	assert_int_equal(try_at(ll, "sanna", "10.0.0.0", 20000, &retry), LOGINLIMIT_OK);
	loginlimit_cancelled(ll, "sanna", "10.0.0.0");
	loginlimit_free(ll);

	loginlimit_config_default(&c);
	c.max_pairs = 4096;
	c.address.free = 60000;  /* one address, 1000 accounts: only the pairs count here */
	c.spray_per_minute = 1000000;
	ll = loginlimit_new(&c);
	for (int i = 0; i < 1000; i++) {
		char user[32];
		snprintf(user, sizeof(user), "user%d", i);
		for (int f = 0; f < 5; f++)
			fail_at(ll, user, "192.0.2.50", 0);
		if (i % 3 == 0) {
			assert_int_equal(try_at(ll, user, "192.0.2.51", 0, &retry), LOGINLIMIT_OK);
			loginlimit_succeeded(ll, user, "192.0.2.51");
		}
	}
	for (int i = 0; i < 1000; i += 3) {  /* remove every third pair */
		char user[32];
		snprintf(user, sizeof(user), "user%d", i);
		loginlimit_begin(ll, user, "192.0.2.50", 100 * MIN, &retry);
		loginlimit_succeeded(ll, user, "192.0.2.50");
	}
	for (int i = 0; i < 1000; i++) {
		char user[32];
		snprintf(user, sizeof(user), "user%d", i);
		/* At time 0, before any forgetting: the removed pass, the rest wait. */
		assert_int_equal(try_at(ll, user, "192.0.2.50", 0, &retry) == LOGINLIMIT_PAIR, i % 3 != 0);
	}
	loginlimit_free(ll);
}

static void *hammer(void *p)
{
	struct loginlimit *ll = p;
	int64_t w;
	for (int i = 0; i < 20000; i++) {
		char a[32], u[16];
		snprintf(a, sizeof(a), "10.0.%d.%d", i % 7, i % 97);
		snprintf(u, sizeof(u), "u%d", i % 13);
		if (loginlimit_begin(ll, u, a, i, &w) != LOGINLIMIT_OK)
			continue;
		if (i % 5 == 0)
			loginlimit_succeeded(ll, u, a);
		else if (i % 11 == 0)
			loginlimit_cancelled(ll, u, a);
		else
			loginlimit_failed(ll, u, a, i);
	}
	return NULL;
}

static void test_loginlimit_threads(void **state)
{
	struct loginlimit_config c;
	struct loginlimit *ll;
	pthread_t th[4];
	size_t pairs, addrs;
	(void)state;

	loginlimit_config_default(&c);
	c.max_pairs = 50;
	c.max_addresses = 20;
	ll = loginlimit_new(&c);
	for (int i = 0; i < 4; i++)
		pthread_create(&th[i], NULL, hammer, ll);
	for (int i = 0; i < 4; i++)
		pthread_join(th[i], NULL);
	loginlimit_counts(ll, &pairs, &addrs);
	assert_true(pairs <= 50 && addrs <= 20);
	loginlimit_free(ll);
}

/* ---- trusted proxies (auth/proxy.h) --------------------------------------- */

static const char *client(const struct proxy_list *pl, const char *peer, const char *xff)
{
	static char out[PROXY_ADDR_MAX];
	const char *v[1] = { xff };
	proxy_client_addr(pl, peer, v, xff ? 1 : 0, out);
	return out;
}

static void test_proxy(void **state)
{
	struct proxy_list pl = { 0 };
	char out[PROXY_ADDR_MAX];
	(void)state;

	/* Nobody trusted: X-Forwarded-For is ignored. */
	assert_string_equal(client(&pl, "127.0.0.1", "192.0.2.1"), "127.0.0.1");
	assert_false(proxy_trusted(&pl, "127.0.0.1"));

	assert_int_equal(proxy_list_add(&pl, "127.0.0.1"), ERR_OK);
	assert_int_equal(proxy_list_add(&pl, "10.20.0.0/16"), ERR_OK);
	assert_int_equal(proxy_list_add(&pl, "2001:db8:a::/48"), ERR_OK);
	{
		static const char *const bad[] = { "", "localhost", "127.0.0.1/33", "::1/129", "10.0.0.0/",
						   "10.0.0.0/x", "1.2.3", " 127.0.0.1", "/8" };
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			assert_int_equal(proxy_list_add(&pl, bad[i]), ERR_INVALID);
	}
	assert_true(proxy_trusted(&pl, "127.0.0.1"));
	assert_true(proxy_trusted(&pl, "::ffff:127.0.0.1"));
	assert_true(proxy_trusted(&pl, "10.20.255.1"));
	assert_false(proxy_trusted(&pl, "10.21.0.1"));
	assert_true(proxy_trusted(&pl, "2001:db8:a:ffff::1"));
	assert_false(proxy_trusted(&pl, "2001:db8:b::1"));
	assert_false(proxy_trusted(&pl, "127.0.0.2"));

	/* From an untrusted peer the header is ignored. */
	assert_string_equal(client(&pl, "192.0.2.9", "198.51.100.1"), "192.0.2.9");
	/* From a trusted one: the right-most address that is not a proxy; what
	 * the client wrote to its left is not believed. */
	assert_string_equal(client(&pl, "127.0.0.1", "198.51.100.1"), "198.51.100.1");
	assert_string_equal(client(&pl, "127.0.0.1", "6.6.6.6, 198.51.100.1"), "198.51.100.1");
	assert_string_equal(client(&pl, "127.0.0.1", "6.6.6.6, 198.51.100.1, 10.20.1.1"), "198.51.100.1");
	assert_string_equal(client(&pl, "127.0.0.1", "  198.51.100.1 ,10.20.1.1  "), "198.51.100.1");
	/* No header, or only proxies in it. */
	assert_string_equal(client(&pl, "127.0.0.1", NULL), "127.0.0.1");
	assert_string_equal(client(&pl, "127.0.0.1", "10.20.1.1, 127.0.0.1"), "10.20.1.1");
	/* Garbage stops the walk at the last proxy. */
	assert_string_equal(client(&pl, "127.0.0.1", "unknown"), "127.0.0.1");
	assert_string_equal(client(&pl, "127.0.0.1", "198.51.100.1, 10.20.1.1, x"), "127.0.0.1");
	assert_string_equal(client(&pl, "127.0.0.1", "junk, 10.20.1.1"), "10.20.1.1");
	assert_string_equal(client(&pl, "127.0.0.1", "198.51.100.1,"), "127.0.0.1");
	assert_string_equal(client(&pl, "127.0.0.1", "198.51.100.1;x=1"), "127.0.0.1");
	/* Ports, IPv6, brackets, canonical spelling. */
	assert_string_equal(client(&pl, "127.0.0.1", "198.51.100.1:4711"), "198.51.100.1");
	assert_string_equal(client(&pl, "127.0.0.1", "[2001:DB8::1]:443"), "2001:db8::1");
	assert_string_equal(client(&pl, "127.0.0.1", "[2001:db8::1]"), "2001:db8::1");
	assert_string_equal(client(&pl, "127.0.0.1", "2001:0db8:0:0::1"), "2001:db8::1");
	assert_string_equal(client(&pl, "127.0.0.1", "::ffff:198.51.100.1"), "198.51.100.1");
	assert_string_equal(client(&pl, "::ffff:127.0.0.1", "198.51.100.2"), "198.51.100.2");
	assert_string_equal(client(&pl, "127.0.0.1", "[2001:db8::1"), "127.0.0.1");
	/* Several header lines read as one list, in order. */
	{
		const char *v[2] = { "6.6.6.6, 198.51.100.1", "198.51.100.2, 10.20.0.1" };
		proxy_client_addr(&pl, "127.0.0.1", v, 2, out);
		assert_string_equal(out, "198.51.100.2");
		v[1] = "10.20.0.1";
		proxy_client_addr(&pl, "127.0.0.1", v, 2, out);
		assert_string_equal(out, "198.51.100.1");
	}
	/* The list holds PROXY_MAX. */
	while (pl.n < PROXY_MAX)
		assert_int_equal(proxy_list_add(&pl, "192.0.2.200"), ERR_OK);
	assert_int_equal(proxy_list_add(&pl, "192.0.2.201"), ERR_TOO_LARGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_loginlimit_pair_delays),
		cmocka_unit_test(test_loginlimit_forgets),
		cmocka_unit_test(test_loginlimit_address),
		cmocka_unit_test(test_loginlimit_spraying),
		cmocka_unit_test(test_loginlimit_in_flight),
		cmocka_unit_test(test_loginlimit_address_forms),
		cmocka_unit_test(test_loginlimit_bounded),
		cmocka_unit_test(test_loginlimit_threads),
		cmocka_unit_test(test_proxy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
