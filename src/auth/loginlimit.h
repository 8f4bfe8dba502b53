/*
 * loginlimit.h - how often passwords may be tried, without letting anyone
 * lock a worker out.
 *
 * Three limits, each a growing delay rather than a lock-out:
 *   - one account from one address: after `free` failures the next attempt
 *     must wait first_ms after the last failure, then twice that after each
 *     further failure, up to max_ms; a success clears it.  Failures from
 *     other addresses never touch it, so guessing sanna's password from one
 *     address does not stop sanna logging in from hers.
 *   - one address, whatever the accounts (one machine trying many).
 *   - password spraying: while the failures of all accounts in the last
 *     minute reach spray_per_minute, the address limit allows only
 *     spray_free failures before its delays start.  An address that has not
 *     failed is not slowed, so a correct password from it always gets in.
 * Each limit forgets one failure for every forget_ms without a failure.
 *
 * An attempt that passes loginlimit_begin counts against the limits until
 * it ends (concurrent guesses cannot all slip in before the first failure
 * is recorded); end it with exactly one of loginlimit_failed, _succeeded or
 * _cancelled.  Nothing sleeps: a refused attempt gets the time to wait.
 *
 * Memory is bounded: two fixed tables (pairs, addresses) of keyed hashes;
 * when one is full the least recently active entry of a small sample, not
 * in use by an attempt, gives way (Redis's sampled LRU).  IPv6 addresses
 * count by their /64, which one subscriber usually holds whole.  Times are
 * milliseconds of a clock that never goes back (clock_mono_ms; tests pass
 * their own).  All functions are thread-safe.
 */
#ifndef MAJAKKA_LOGINLIMIT_H
#define MAJAKKA_LOGINLIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct loginlimit;

struct loginlimit_rule {
	unsigned free;          /* failures before the first delay (at least 1) */
	int64_t first_ms;       /* the first delay; each further failure doubles it */
	int64_t max_ms;         /* the longest delay */
	int64_t forget_ms;      /* one failure forgotten per this long without failures */
};

struct loginlimit_config {
	struct loginlimit_rule pair;     /* one account from one address */
	struct loginlimit_rule address;  /* one address, any accounts */
	unsigned spray_per_minute;       /* failures a minute, all accounts, that mean spraying */
	unsigned spray_free;             /* the address limit's `free` while spraying */
	size_t max_pairs;                /* table bounds */
	size_t max_addresses;
};

/* Which limit refused an attempt. */
enum loginlimit_verdict {
	LOGINLIMIT_OK = 0,
	LOGINLIMIT_PAIR,        /* this account from this address */
	LOGINLIMIT_ADDRESS,     /* this address */
	LOGINLIMIT_SPRAY,       /* this address, while many logins fail */
};

/* The production numbers: pair 5 free, 1 s doubling to 15 min, one failure
 * forgotten per 15 min; address 20 free, 1 s doubling to 15 min, one
 * forgotten per 5 min; spraying at 100 failures a minute, then 1 free per
 * address; 65,536 pairs and 65,536 addresses. */
void loginlimit_config_default(struct loginlimit_config *cfg);

/* A limiter with cfg's numbers (copied), or NULL when out of memory.
 * Free with loginlimit_free. */
struct loginlimit *loginlimit_new(const struct loginlimit_config *cfg);
void loginlimit_free(struct loginlimit *ll);

/* May `username` try a password from `addr` (as text, IPv4 or IPv6; any
 * other text counts as itself) at now_ms?  LOGINLIMIT_OK starts the attempt
 * (end it with one of the three below).  Otherwise *retry_ms (> 0) is how
 * long until an attempt would be let in, and nothing is counted. */
enum loginlimit_verdict loginlimit_begin(struct loginlimit *ll, const char *username, const char *addr,
					 int64_t now_ms, int64_t *retry_ms);
/* The password (or the account) was wrong. */
void loginlimit_failed(struct loginlimit *ll, const char *username, const char *addr, int64_t now_ms);
/* The password was right: the pair's failures are cleared (the address's
 * are not: one success does not excuse an address trying many accounts). */
void loginlimit_succeeded(struct loginlimit *ll, const char *username, const char *addr);
/* The password could not be checked (storage unavailable): not a failure. */
void loginlimit_cancelled(struct loginlimit *ll, const char *username, const char *addr);

/* For tests: entries held, and whether failures count as spraying at now_ms. */
void loginlimit_counts(struct loginlimit *ll, size_t *pairs, size_t *addresses);
bool loginlimit_spraying(struct loginlimit *ll, int64_t now_ms);

#endif
